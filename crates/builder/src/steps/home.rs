//! The home feed (`feed.json`) and the home page.

use super::Writer;
use crate::page;
use crate::tree::Tree;
use crate::BuildError;

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    out.json("feed.json", &tree.home_feed())?;
    if let Some(pages) = &tree.pages {
        let page = pages.prerender.home();
        out.file(
            &tree.urls.page_file(&tree.urls.home()),
            page::list_page(&pages.template, &tree.site, None, &page).as_bytes(),
        )?;
    }
    Ok(())
}
