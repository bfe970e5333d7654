//! RSS 2.0 and Atom (`crate::syndication`): the site's newest articles
//! (`rss.xml`, `atom.xml`) and each category's (`feeds/<slug>/rss.xml`, `…/atom.xml`).

use super::Writer;
use crate::syndication::{Channel, NEWEST};
use crate::tree::Tree;
use crate::BuildError;

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    let (site, plan) = (&tree.site, &tree.plan);
    for category in std::iter::once(None).chain(site.categories.iter().map(Some)) {
        let positions: Vec<usize> = match category {
            None => (0..plan.items().len()).take(NEWEST).collect(),
            Some(c) => plan.category_positions(&c.slug).iter().take(NEWEST).copied().collect(),
        };
        let articles: Vec<_> = positions.iter().map(|&i| &plan.items()[i].article).collect();
        let channel = Channel::new(site, &tree.urls, category);
        out.file(&format!("{}rss.xml", channel.folder), channel.rss(&articles).as_bytes())?;
        out.file(&format!("{}atom.xml", channel.folder), channel.atom(&articles).as_bytes())?;
    }
    Ok(())
}
