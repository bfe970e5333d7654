//! Each category's part files, chained with next_url, and its page 1 pre-rendered.

use super::Writer;
use crate::page;
use crate::tree::Tree;
use crate::BuildError;
use portal_core::archive::{category_part_file, part_count, part_range, PageParts};
use portal_core::writer::{feed, item};

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    let (site, base, plan) = (&tree.site, tree.base_url.as_str(), &tree.plan);
    for category in &site.categories {
        let list = plan.category_positions(&category.slug);
        for part in 1..=part_count(list.len(), site.page_size) {
            let items = list[part_range(list.len(), site.page_size, part)]
                .iter()
                .map(|&i| item(&plan.items()[i].article, base, site.offset_minutes(), false))
                .collect();
            let mut value = feed(site, base, items);
            value["title"] = format!("{} - {}", category.name, site.name).into();
            if part > 1 {
                value["next_url"] = format!("{base}{}", category_part_file(&category.slug, part - 1)).into();
            }
            out.json(&category_part_file(&category.slug, part), &value)?;
        }
        if let Some(pages) = &tree.pages {
            let listing = plan.listing(&category.slug, site.page_size, 1).expect("page 1 always exists");
            let parts = PageParts::of(&category.slug, list.len(), site.page_size, &listing.page);
            let body = pages.prerender.category(listing, &parts);
            out.file(
                &format!("category/{}/index.html", category.slug),
                page::category_page(&pages.template, site, category, &body).as_bytes(),
            )?;
        }
    }
    Ok(())
}
