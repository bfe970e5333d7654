//! Pre-rendered pages, rendered natively by portal-build with the app's own
//! components: header, the route's content and footer inside
//! `<div id="prerender">` (the one element of portal-build's own), which the
//! app replaces with its own copy of the same markup once it has started
//! (`dom::hand_over_from_prerender`).

use crate::components::footer::SiteFooter;
use crate::components::header::SiteHeader;
use crate::components::side_blocks::SideBlocks;
use crate::data::Catalogue;
use crate::head::PageHead;
use crate::routes::article::ArticleContent;
use crate::routes::category::CategoryContent;
use crate::routes::home::HomeContent;
use crate::routes::sitemap::SitemapContent;
use leptos::prelude::*;
use leptos::tachys::html::InertElement;
use portal_core::archive::{self, Archive, PageParts};
use portal_core::html::escape;
use portal_core::index::{ArticleView, CategoryListing, FeedIndex};
use portal_core::site::SiteConfig;
use portal_core::urls::{encode_component, OtherScript, SiteUrls};
use std::sync::Arc;

/// Stand for the page's URL in the footer's 找错 link and for the article's
/// id in the header's 简/繁 link: letters only, so that encoding leaves
/// them as they are.
const PAGE_URL: &str = "PRERENDERPAGEURL";
const ARTICLE_ID: &str = "PRERENDERARTICLEID";

/// A pre-rendered page: its title and description, and its content.
pub struct Prerendered {
    pub head: PageHead,
    pub body: String,
}

/// Renders the pages of one site.
pub struct Prerender {
    site: Arc<SiteConfig>,
    /// The archive as the app reads it: its home feed (home page and side
    /// blocks), and what it offers (search, RSS).
    catalogue: Catalogue,
    paths: SiteUrls,
    other_script: Option<OtherScript>,
    /// Whether these are the 繁體 tree's pages (`crate::ui`).
    traditional: bool,
    /// The same on every article page (no navigation item is current
    /// there) but for `ARTICLE_ID`, so rendered once: 100,000 articles are
    /// rendered in seconds.
    article_header: String,
    /// Rendered once with `PAGE_URL` where each page's own address goes.
    footer: String,
    /// Likewise the same on every article page.
    side_blocks: String,
}

impl Prerender {
    /// `front` is the home feed of `archive`; `paths` the tree's URLs (its
    /// base path is the app's `<base href>`, so that links are the app's
    /// own); `other_script` the site's copy in the other script, if any.
    pub fn new(
        site: Arc<SiteConfig>,
        front: Arc<FeedIndex>,
        paths: SiteUrls,
        other_script: Option<OtherScript>,
        archive: Archive,
    ) -> Prerender {
        // The other tree is the Simplified one: this is the 繁體 one.
        let traditional = other_script.as_ref().is_some_and(|other| !other.traditional);
        let page_url = Signal::stored(PAGE_URL.to_string());
        let catalogue = Catalogue::new(front, Some(archive));
        let syndicated = catalogue.syndicated();
        let footer = render(
            traditional,
            || view! { <SiteFooter footer=site.footer.clone() paths=paths.clone() page_url syndicated/> },
        );
        let front = catalogue.front().clone();
        let side_blocks = render(traditional, || view! { <SideBlocks site=site.clone() front paths=paths.clone()/> });
        let mut prerender = Prerender {
            site,
            catalogue,
            paths,
            other_script,
            traditional,
            article_header: String::new(),
            footer,
            side_blocks,
        };
        prerender.article_header = prerender.header(prerender.paths.article(ARTICLE_ID));
        prerender
    }

    /// The markup every article page shares (its header, footer and side
    /// blocks): with the site, its URLs and the article's own view, all an
    /// article page is made from (portal-build's fingerprints).
    pub fn shared_markup(&self) -> [&str; 3] {
        [&self.article_header, &self.footer, &self.side_blocks]
    }

    pub fn home(&self) -> Prerendered {
        let (site, front, paths) = (self.site.clone(), self.catalogue.front().clone(), self.paths.clone());
        let path = self.paths.home();
        let body = self.page(&path, &[], &self.header(path.clone()), move || view! { <HomeContent site front paths/> });
        Prerendered { head: self.head(PageHead::home), body }
    }

    /// Page 1 of a category, cut from `parts`.
    pub fn category(&self, listing: CategoryListing, parts: &PageParts) -> Prerendered {
        let path = self.paths.category(&listing.slug, 1);
        let name = self.site.category(&listing.slug).map(|c| c.name.clone()).unwrap_or_default();
        let (site, paths) = (self.site.clone(), self.paths.clone());
        let header = self.header(path.clone());
        let body = self.page(&path, &parts.files, &header, move || view! { <CategoryContent site listing paths/> });
        Prerendered { head: self.head(|site| PageHead::category(site, &name)), body }
    }

    /// 网站地图; `counts[i]` is the number of articles in the site's `i`th category.
    pub fn sitemap(&self, counts: Vec<usize>) -> Prerendered {
        let path = self.paths.sitemap();
        let (site, paths) = (self.site.clone(), self.paths.clone());
        let body =
            self.page(&path, &[], &self.header(path.clone()), move || view! { <SitemapContent site counts paths/> });
        Prerendered { head: self.head(PageHead::sitemap), body }
    }

    pub fn article(&self, view: Arc<ArticleView>) -> Prerendered {
        let path = self.paths.article(&view.article.id);
        let url = self.paths.canonical(&path);
        let head = self.head(|site| PageHead::article(site, &view.article));
        let (site, paths) = (self.site.clone(), self.paths.clone());
        let side = InertElement::new(self.side_blocks.clone()).into_any();
        let header = self.article_header.replace(ARTICLE_ID, &encode_component(&view.article.id));
        let file = archive::article_file(&view.article.id);
        let body = self.page(&path, &[file], &header, move || view! { <ArticleContent site view paths url side/> });
        Prerendered { head, body }
    }

    /// A page's title and description in the tree's script, as the app's `PageMeta` has them.
    fn head(&self, of: impl FnOnce(&SiteConfig) -> PageHead) -> PageHead {
        crate::ui::with_traditional(self.traditional, || of(&self.site))
    }

    /// The site header as the app shows it at `path`.
    fn header(&self, path: String) -> String {
        let (site, paths, other_script) = (self.site.clone(), self.paths.clone(), self.other_script.clone());
        let searchable = Signal::stored(self.catalogue.searchable());
        render(self.traditional, move || {
            view! { <SiteHeader site=Signal::stored(Some(site)) current=Signal::stored(path) paths other_script searchable search=None/> }
        })
    }

    /// `content` between the header and the footer, as the app shows the
    /// page at `path`. Two things go along for boot.js: the data `files` the
    /// app will read for the page, which boot.js preloads while the wasm
    /// downloads if the page is the one asked for (a host may answer
    /// `?page=3` with page 1's); and mourning days, to grey the page before
    /// the app starts.
    fn page<V: IntoView + 'static>(
        &self,
        path: &str,
        files: &[String],
        header: &str,
        content: impl FnOnce() -> V,
    ) -> String {
        let main = render(self.traditional, || view! { <main id="main" tabindex="-1">{content()}</main> });
        let footer = self.footer.replace(PAGE_URL, &encode_component(&self.paths.canonical(path)));
        let mourning = &self.site.mourning;
        let days = if mourning.active { "always".to_string() } else { mourning.dates.join(" ") };
        let mourning = if days.is_empty() {
            String::new()
        } else {
            format!(" data-mourning-days=\"{}\" data-utc-offset=\"{}\"", escape(&days), self.site.offset_minutes())
        };
        let files =
            if files.is_empty() { String::new() } else { format!(" data-files=\"{}\"", escape(&files.join(" "))) };
        format!("<div id=\"prerender\" data-path=\"{}\"{files}{mourning}>{header}{main}{footer}</div>", escape(path))
    }
}

/// A view rendered to HTML, in 繁體 or not, under a root owner of its own,
/// whose reactive nodes are dropped with it.
fn render<V: IntoView + 'static>(traditional: bool, view: impl FnOnce() -> V) -> String {
    let owner = Owner::new_root(None);
    crate::ui::with_traditional(traditional, || owner.with(|| view().into_view().to_html()))
}
