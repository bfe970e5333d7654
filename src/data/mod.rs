//! The only code that talks to the network: loads `site.json` and the feed
//! once per visit, turns them into the core model and keeps them for every
//! route. Failures become `LoadError` values the page can show.
//!
//! - `mod.rs`: what the pages render from (`Portal`, `Catalogue`) and the
//!   per-visit loader;
//! - `fetch.rs`: files over HTTP, each fetched once, and their decoding;
//! - `lookup.rs`: an article, a category's page;
//! - `search.rs`: 站内搜索.
//!
//! `Catalogue` is matched only here: the rest of the app asks it what the
//! site can do.

mod fetch;
mod lookup;
mod search;

pub use fetch::{ArchiveFiles, LoadError};
pub use search::{SearchHit, SearchOutcome, SearchResults};

use crate::ui::{t, tf};
use fetch::{fetch_json, read_feed, Cache};
use leptos::prelude::*;
use portal_core::archive::Archive;
use portal_core::feed::Problem;
use portal_core::index::FeedIndex;
use portal_core::paging::PageError;
use portal_core::search::Folding;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::{Arc, Mutex};

/// Everything the pages render from.
#[derive(Debug)]
pub struct Portal {
    pub site: Arc<SiteConfig>,
    /// The site's URLs with its canonical root (site.json's `base_url`).
    pub urls: SiteUrls,
    /// What was wrong in the feed but did not stop it being shown.
    pub problems: Vec<Problem>,
    pub catalogue: Catalogue,
    /// The search's folding table, fetched when search is first used.
    folding: Cache<Folding>,
}

/// Where the articles are.
#[derive(Debug)]
pub enum Catalogue {
    /// One feed with every article, read whole at the start.
    Feed(Arc<FeedIndex>),
    /// A sharded archive (`portal_core::archive`): its home feed at the
    /// start, then one file per category page or article as they are needed.
    Archive { home: Arc<FeedIndex>, archive: Archive, files: Box<ArchiveFiles> },
}

impl Catalogue {
    /// `front`, the feed read at the start, and the archive it is the home
    /// feed of, if any.
    pub fn new(front: Arc<FeedIndex>, archive: Option<Archive>) -> Catalogue {
        match archive {
            Some(archive) => Catalogue::Archive { home: front, archive, files: Box::default() },
            None => Catalogue::Feed(front),
        }
    }

    /// What the home page and the side blocks show: the whole feed, or the
    /// archive's home feed (newest items, headlines, each category's newest).
    pub fn front(&self) -> &Arc<FeedIndex> {
        match self {
            Catalogue::Feed(index) | Catalogue::Archive { home: index, .. } => index,
        }
    }

    /// How many articles category `slug` has.
    pub fn count(&self, slug: &str) -> usize {
        match self {
            Catalogue::Feed(index) => index.category_positions(slug).len(),
            Catalogue::Archive { archive, .. } => archive.count(slug).unwrap_or(0),
        }
    }

    /// Whether pages fetch their files as they are shown (an archive), so
    /// that fetching them ahead is worth it.
    pub fn lazy(&self) -> bool {
        matches!(self, Catalogue::Archive { .. })
    }

    /// Whether the site can be searched: a feed held whole can, and an
    /// archive with an index.
    pub fn searchable(&self) -> bool {
        match self {
            Catalogue::Feed(_) => true,
            Catalogue::Archive { archive, .. } => archive.search.is_some(),
        }
    }

    /// Whether the site has RSS and Atom: portal-build writes them beside
    /// every archive; a single feed has none.
    pub fn syndicated(&self) -> bool {
        matches!(self, Catalogue::Archive { .. })
    }
}

/// Why a page has nothing to show.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// No such article or category.
    NotFound,
    /// A page number that category `slug` does not have.
    BadPage { slug: String, error: PageError },
    /// The file could not be loaded.
    Failed(LoadError),
}

/// The per-visit loader, provided as context by `App`.
#[derive(Clone)]
pub struct PortalLoader {
    pub resource: LocalResource<Result<Arc<Portal>, LoadError>>,
    pub paths: SiteUrls,
}

impl PortalLoader {
    pub fn new() -> PortalLoader {
        PortalLoader { resource: LocalResource::new(load), paths: crate::dom::site_urls() }
    }

    pub fn retry(&self) {
        self.resource.refetch();
    }

    /// The portal once loaded; `None` before, or when loading failed.
    pub fn loaded(&self) -> Option<Arc<Portal>> {
        self.loaded_fn()()
    }

    /// `loaded` as a closure views can copy (the loader itself is not `Copy`).
    pub fn loaded_fn(&self) -> impl Fn() -> Option<Arc<Portal>> + Copy + 'static {
        let resource = self.resource;
        move || resource.get().and_then(Result::ok)
    }
}

impl Default for PortalLoader {
    fn default() -> Self {
        Self::new()
    }
}

async fn load() -> Result<Arc<Portal>, LoadError> {
    const SITE: &str = "site.json";
    let what = t("站点配置");
    let site_bytes = fetch_json(SITE, what).await?;
    let site_text = String::from_utf8_lossy(&site_bytes);
    let site =
        SiteConfig::parse(&site_text).map_err(|message| LoadError::Invalid { what, url: SITE.into(), message })?;
    let what = t("新闻订阅源");
    let feed_bytes = fetch_json(&site.feed, what).await?;
    let mut parsed = read_feed(&feed_bytes, &site, what, &site.feed)?;
    let archive = Archive::from_home_feed(&mut parsed);
    let index = Arc::new(FeedIndex::new(parsed.feed.items, &site));
    let mut problems = parsed.problems;
    problems.extend(index.unknown_categories().iter().map(|(id, category)| Problem {
        item: None,
        id: Some(id.clone()),
        field: "_portal.category".into(),
        message: tf("栏目 “{}” 不在 site.json 的 categories 中，文章不会出现在栏目列表里", &[category]),
    }));
    let catalogue = Catalogue::new(index, archive);
    let urls = crate::dom::site_urls();
    let urls = site.base_url.as_deref().map_or_else(|| urls.clone(), |root| urls.with_root(root));
    Ok(Arc::new(Portal { site: Arc::new(site), urls, problems, catalogue, folding: Mutex::default() }))
}
