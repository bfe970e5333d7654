//! Pre-rendered pages, rendered natively by portal-build with the app's own
//! components: header, the route's content and footer inside
//! `<div id="prerender">` (the one element of portal-build's own), which the
//! app replaces with its own copy of the same markup once it has started
//! (`dom::hand_over_from_prerender`).

use crate::components::footer::SiteFooter;
use crate::components::header::SiteHeader;
use crate::components::side_blocks::SideBlocks;
use crate::routes::article::ArticleContent;
use crate::routes::category::CategoryContent;
use crate::routes::home::HomeContent;
use crate::routes::sitemap::SitemapContent;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use portal_core::html::escape;
use portal_core::index::{ArticleView, CategoryListing, FeedIndex};
use portal_core::paths::{encode_component, Paths};
use portal_core::site::SiteConfig;
use std::sync::Arc;

/// Stands for the page's URL in the footer's 找错 link: letters only, so
/// that encoding leaves it as it is.
const PAGE_URL: &str = "PRERENDERPAGEURL";

/// Renders the pages of one site.
pub struct Prerender {
    site: Arc<SiteConfig>,
    /// The home feed, as the app reads it: home page and side blocks.
    front: Arc<FeedIndex>,
    paths: Paths,
    /// Absolute URL of the site root, ending in `/`.
    base_url: String,
    /// The same on every article page (no navigation item is current
    /// there), so rendered once: 100,000 articles are rendered in seconds.
    article_header: String,
    /// Rendered once with `PAGE_URL` where each page's own address goes.
    footer: String,
    /// Likewise the same on every article page.
    side_blocks: String,
}

impl Prerender {
    /// `base_path` is the app's `<base href>`, so that links are the app's own.
    pub fn new(site: Arc<SiteConfig>, front: Arc<FeedIndex>, base_path: &str, base_url: &str) -> Prerender {
        let paths = Paths::new(base_path);
        let article_header = header(&site, &paths, paths.article(""));
        let page_url = Signal::stored(PAGE_URL.to_string());
        let footer = render(|| view! { <SiteFooter footer=site.footer.clone() paths=paths.clone() page_url/> });
        let side_blocks = render(|| view! { <SideBlocks site=site.clone() front=front.clone() paths=paths.clone()/> });
        Prerender { site, front, paths, base_url: base_url.to_string(), article_header, footer, side_blocks }
    }

    pub fn home(&self) -> String {
        let (site, front, paths) = (self.site.clone(), self.front.clone(), self.paths.clone());
        let path = self.paths.home();
        self.page(
            &path,
            &header(&self.site, &self.paths, path.clone()),
            move || view! { <HomeContent site front paths/> },
        )
    }

    pub fn category(&self, listing: CategoryListing) -> String {
        let path = self.paths.category(&listing.slug, 1);
        let (site, paths) = (self.site.clone(), self.paths.clone());
        self.page(
            &path,
            &header(&self.site, &self.paths, path.clone()),
            move || view! { <CategoryContent site listing paths/> },
        )
    }

    /// 网站地图; `counts[i]` is the number of articles in the site's `i`th category.
    pub fn sitemap(&self, counts: Vec<usize>) -> String {
        let path = self.paths.sitemap();
        let (site, paths) = (self.site.clone(), self.paths.clone());
        self.page(
            &path,
            &header(&self.site, &self.paths, path.clone()),
            move || view! { <SitemapContent site counts paths/> },
        )
    }

    pub fn article(&self, view: Arc<ArticleView>) -> String {
        let path = self.paths.article(&view.article.id);
        let url = self.url(&path);
        let (site, paths) = (self.site.clone(), self.paths.clone());
        let side = InertElement::new(self.side_blocks.clone()).into_any();
        self.page(&path, &self.article_header, move || view! { <ArticleContent site view paths url side/> })
    }

    /// The absolute URL of the in-app `path`.
    fn url(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path.strip_prefix(self.paths.base()).unwrap_or(path))
    }

    /// `content` between the header and the footer, as the app shows the
    /// page at `path`. Mourning days go along for boot.js, which greys the
    /// page before the app starts.
    fn page<V: IntoView + 'static>(&self, path: &str, header: &str, content: impl FnOnce() -> V) -> String {
        let main = render(|| view! { <main id="main" tabindex="-1">{content()}</main> });
        let footer = self.footer.replace(PAGE_URL, &encode_component(&self.url(path)));
        let mourning = &self.site.mourning;
        let days = if mourning.active { "always".to_string() } else { mourning.dates.join(" ") };
        let mourning = if days.is_empty() {
            String::new()
        } else {
            format!(" data-mourning-days=\"{}\" data-utc-offset=\"{}\"", escape(&days), self.site.offset_minutes())
        };
        format!("<div id=\"prerender\" data-path=\"{}\"{mourning}>{header}{main}{footer}</div>", escape(path))
    }
}

/// The site header as the app shows it at `path`.
fn header(site: &Arc<SiteConfig>, paths: &Paths, path: String) -> String {
    let (site, paths) = (site.clone(), paths.clone());
    render(move || view! { <SiteHeader site=Signal::stored(Some(site)) current=Signal::stored(path) paths/> })
}

/// A view rendered to HTML under a root owner of its own, whose reactive
/// nodes are dropped with it.
fn render<V: IntoView + 'static>(view: impl FnOnce() -> V) -> String {
    let owner = Owner::new_root(None);
    owner.with(|| view().into_view().to_html())
}
