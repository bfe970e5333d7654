//! Sitemaps: an index of files of at most 50,000 URLs, and the 网站地图
//! data and page.

use super::Writer;
use crate::page;
use crate::traditional;
use crate::tree::Tree;
use crate::BuildError;
use portal_core::date;
use portal_core::html::escape;
use portal_core::paging;
use serde_json::json;

const SITEMAP_URLS: usize = 50_000;

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    let (site, urls, archive) = (&tree.site, &tree.urls, &tree.archive);
    if let Some(pages) = &tree.pages {
        let counts = site.categories.iter().map(|c| archive.count(&c.slug).unwrap_or(0)).collect();
        let page = pages.prerender.sitemap(counts);
        out.file(&urls.page_file(&urls.sitemap()), page::list_page(&pages.template, site, None, &page).as_bytes())?;
    }
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in pages(tree).chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, modified) in chunk {
            xml.push_str(&format!(
                "<url><loc>{}</loc>{}</url>\n",
                escape(loc),
                modified.as_ref().map(|m| format!("<lastmod>{m}</lastmod>")).unwrap_or_default()
            ));
        }
        xml.push_str("</urlset>\n");
        out.file(&name, xml.as_bytes())?;
        index.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", urls.file(&name)));
        if tree.lists_traditional_sitemaps() {
            let file = format!("{}/{name}", traditional::FOLDER);
            index.push_str(&format!("<sitemap><loc>{}</loc></sitemap>\n", urls.file(&file)));
        }
    }
    index.push_str("</sitemapindex>\n");
    out.file("sitemap.xml", index.as_bytes())?;
    let map = json!({
        "title": format!("{}网站地图", site.name),
        "total": tree.plan.items().len(),
        "categories": site.categories.iter().map(|c| {
            let count = archive.count(&c.slug).unwrap_or(0);
            json!({ "slug": c.slug, "name": c.name, "count": count, "pages": paging::total_pages(count, site.page_size), "url": urls.canonical(&urls.category(&c.slug, 1)) })
        }).collect::<Vec<_>>(),
        "sitemap": urls.file("sitemap.xml"),
    });
    out.json("sitemap.json", &map)
}

/// Every page of the tree, with when it last changed where that is known:
/// home, 网站地图, the categories, and the articles oldest first, so that
/// a new article changes only the last file.
fn pages(tree: &Tree) -> Vec<(String, Option<String>)> {
    let (urls, offset) = (&tree.urls, tree.site.offset_minutes());
    let mut pages: Vec<(String, Option<String>)> = [urls.home(), urls.sitemap()].map(|path| (path, None)).to_vec();
    pages.extend(tree.site.categories.iter().map(|c| (urls.category(&c.slug, 1), None)));
    pages.extend(
        tree.plan
            .items()
            .iter()
            .rev()
            .map(|e| (urls.article(&e.article.id), e.article.published.map(|at| date::format_rfc3339(at, offset)))),
    );
    pages.into_iter().map(|(path, modified)| (urls.canonical(&path), modified)).collect()
}
