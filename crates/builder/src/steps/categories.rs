//! Each category's part files, chained with next_url, and its page 1
//! pre-rendered. Over an existing tree, a part made from the same articles
//! is carried over unmade: a publish makes the newest part of a category.

use super::Writer;
use crate::entry::Entry;
use crate::page;
use crate::previous::fingerprint;
use crate::syndication;
use crate::tree::Tree;
use crate::BuildError;
use portal_core::archive::{category_part_file, part_count, part_range, PageParts};
use portal_core::writer::{feed, item};

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    let (site, urls, plan) = (&tree.site, &tree.urls, &tree.plan);
    for category in &site.categories {
        let list = plan.category_positions(&category.slug);
        for part in 1..=part_count(list.len(), site.page_size) {
            let entries: Vec<&Entry> =
                list[part_range(list.len(), site.page_size, part)].iter().map(|&i| &plan.items()[i]).collect();
            let file = category_part_file(&category.slug, part);
            // Made from its articles as read (the tree converts them all alike), as an article's page is.
            let sources: Vec<u64> = entries.iter().map(|entry| entry.source).collect();
            if out.carry_over(&file, fingerprint(&(tree.inputs, part, sources)), std::slice::from_ref(&file)) {
                continue;
            }
            let items = entries.iter().map(|entry| item(&entry.article, urls, site.offset_minutes(), false)).collect();
            let mut value = feed(site, urls, items);
            value["title"] = syndication::title(site, Some(category)).into();
            if part > 1 {
                value["next_url"] = urls.file(&category_part_file(&category.slug, part - 1)).into();
            }
            out.json(&file, &value)?;
        }
        if let Some(pages) = &tree.pages {
            let listing = plan.listing(&category.slug, site.page_size, 1).expect("page 1 always exists");
            let parts = PageParts::of(&category.slug, list.len(), site.page_size, &listing.page);
            let page = pages.prerender.category(listing, &parts);
            out.file(
                &urls.page_file(&urls.category(&category.slug, 1)),
                page::list_page(&pages.template, site, Some(category), &page).as_bytes(),
            )?;
        }
    }
    Ok(())
}
