//! Pre-rendered pages, rendered natively by portal-build with the app's own
//! components: header, the route's content and footer inside
//! `<div id="prerender">`, which the app replaces with its own copy of the
//! same markup once it has started (`dom::hand_over_from_prerender`).

use crate::components::footer::SiteFooter;
use crate::components::header::SiteHeader;
use crate::routes::article::ArticleContent;
use crate::routes::category::CategoryContent;
use crate::routes::home::HomeContent;
use leptos::prelude::*;
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
}

impl Prerender {
    /// `base_path` is the app's `<base href>`, so that links are the app's own.
    pub fn new(site: Arc<SiteConfig>, front: Arc<FeedIndex>, base_path: &str, base_url: &str) -> Prerender {
        Prerender { site, front, paths: Paths::new(base_path), base_url: base_url.to_string() }
    }

    pub fn home(&self) -> String {
        let (site, front, paths) = (self.site.clone(), self.front.clone(), self.paths.clone());
        self.page(self.paths.home(), move || view! { <HomeContent site front paths/> })
    }

    pub fn category(&self, listing: CategoryListing) -> String {
        let (site, paths) = (self.site.clone(), self.paths.clone());
        self.page(self.paths.category(&listing.slug, 1), move || view! { <CategoryContent site listing paths/> })
    }

    pub fn article(&self, view: Arc<ArticleView>) -> String {
        let path = self.paths.article(&view.article.id);
        let url = format!("{}article/{}", self.base_url, portal_core::paths::encode_component(&view.article.id));
        let (site, front, paths) = (self.site.clone(), self.front.clone(), self.paths.clone());
        self.page(path, move || view! { <ArticleContent site front view paths url/> })
    }

    /// `content` in the app's frame, as the app shows the page at `path`.
    fn page<V: IntoView + 'static>(&self, path: String, content: impl FnOnce() -> V) -> String {
        let (site, paths, footer) = (self.site.clone(), self.paths.clone(), self.site.footer.clone());
        let current = Signal::stored(path.clone());
        let owner = Owner::new();
        owner.with(|| {
            view! {
                <div id="prerender" data-path=path>
                    <SiteHeader site=Signal::stored(Some(site)) current paths=paths.clone()/>
                    <main id="main" tabindex="-1">{content()}</main>
                    <SiteFooter footer paths/>
                </div>
            }
            .to_html()
        })
    }
}
