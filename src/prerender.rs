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
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use portal_core::html::escape;
use portal_core::index::{ArticleView, CategoryListing, FeedIndex};
use portal_core::paths::Paths;
use portal_core::site::SiteConfig;
use std::sync::Arc;

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
    footer: String,
    /// Likewise the same on every article page.
    side_blocks: String,
}

impl Prerender {
    /// `base_path` is the app's `<base href>`, so that links are the app's own.
    pub fn new(site: Arc<SiteConfig>, front: Arc<FeedIndex>, base_path: &str, base_url: &str) -> Prerender {
        let paths = Paths::new(base_path);
        let article_header = header(&site, &paths, paths.article(""));
        let footer = render(|| view! { <SiteFooter footer=site.footer.clone() paths=paths.clone()/> });
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

    pub fn article(&self, view: Arc<ArticleView>) -> String {
        let path = self.paths.article(&view.article.id);
        let url = format!("{}article/{}", self.base_url, portal_core::paths::encode_component(&view.article.id));
        let (site, paths) = (self.site.clone(), self.paths.clone());
        let side = InertElement::new(self.side_blocks.clone()).into_any();
        self.page(&path, &self.article_header, move || view! { <ArticleContent site view paths url side/> })
    }

    /// `content` between the header and the footer, as the app shows the page at `path`.
    fn page<V: IntoView + 'static>(&self, path: &str, header: &str, content: impl FnOnce() -> V) -> String {
        let main = render(|| view! { <main id="main" tabindex="-1">{content()}</main> });
        format!("<div id=\"prerender\" data-path=\"{}\">{header}{main}{}</div>", escape(path), self.footer)
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
