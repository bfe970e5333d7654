//! The only code that talks to the network: loads `site.json` and the feed
//! once per visit, turns them into the core model and keeps them for every
//! route. Failures become `LoadError` values the page can show.

use gloo_net::http::Request;
use leptos::prelude::*;
use portal_core::archive::{self, Archive};
use portal_core::feed::{self, Article, ArticleRef, Problem, ReadOptions};
use portal_core::index::FeedIndex;
use portal_core::paging::{self, Page, PageError};
use portal_core::paths::Paths;
use portal_core::site::SiteConfig;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Longest wait for one file before the reader is told and offered a retry.
const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// Everything the pages render from.
#[derive(Debug)]
pub struct Portal {
    pub site: SiteConfig,
    /// The whole feed, or for an archive its home feed (newest items,
    /// headlines, each category's newest: what home and side blocks show).
    pub index: FeedIndex,
    /// What was wrong in the feed but did not stop it being shown.
    pub problems: Vec<Problem>,
    /// Set when the feed is a sharded archive's home feed: category pages
    /// and articles are then fetched one file at a time.
    pub archive: Option<Archive>,
    /// Files already fetched this visit, by URL.
    articles: Mutex<HashMap<String, Arc<ArticleView>>>,
    pages: Mutex<HashMap<String, Arc<Vec<ArticleRef>>>>,
    /// Files being fetched (a prefetch, then the click): the second request
    /// waits for the first instead of fetching again.
    in_flight: Mutex<std::collections::HashSet<String>>,
}

/// What an article page shows besides the side blocks.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub article: Article,
    pub related: Vec<ArticleRef>,
    /// 上一篇 (newer) and 下一篇 (older) in the category.
    pub previous: Option<ArticleRef>,
    pub next: Option<ArticleRef>,
}

/// One page of a category list.
#[derive(Debug, Clone)]
pub struct CategoryPage {
    pub page: Page,
    /// A list needs links, not bodies.
    pub items: Arc<Vec<ArticleRef>>,
}

/// Why a category page cannot be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum CategoryError {
    NoSuchCategory,
    Page(PageError),
    Load(LoadError),
}

impl Portal {
    /// The article with its related reading and neighbours; `Ok(None)` when
    /// there is no such article.
    pub async fn article(self: Arc<Self>, id: String) -> Result<Option<Arc<ArticleView>>, LoadError> {
        let Some(_) = &self.archive else {
            return Ok(self.index.get(&id).map(|article| {
                let (newer, older) = self.index.neighbours(&id);
                let related = self.index.related(article, self.site.related_count).into_iter().map(ArticleRef::from).collect();
                Arc::new(ArticleView { article: article.clone(), related, previous: newer.map(ArticleRef::from), next: older.map(ArticleRef::from) })
            }));
        };
        if !archive::is_plain_id(&id) {
            return Ok(None);
        }
        let url = archive::article_file(&id);
        self.fetch_once(&url, || self.articles.lock().expect("cache lock").get(&url).map(|hit| Some(hit.clone())), || self.fetch_article(&id, &url)).await
    }

    /// `cached()`, else `fetch()`; while another caller is fetching `url`,
    /// waits for it and then looks in the cache again.
    async fn fetch_once<T, E, F>(&self, url: &str, cached: impl Fn() -> Option<T>, fetch: impl FnOnce() -> F) -> Result<T, E>
    where
        F: std::future::Future<Output = Result<T, E>>,
    {
        while self.in_flight.lock().expect("lock").contains(url) {
            crate::dom::sleep(20).await;
        }
        if let Some(hit) = cached() {
            return Ok(hit);
        }
        self.in_flight.lock().expect("lock").insert(url.to_string());
        let fetched = fetch().await;
        self.in_flight.lock().expect("lock").remove(url);
        fetched
    }

    async fn fetch_article(&self, id: &str, url: &str) -> Result<Option<Arc<ArticleView>>, LoadError> {
        let (what, url) = ("文章", url.to_string());
        let bytes = match fetch_json(&url, what).await {
            Err(LoadError::Http { status: 404, .. }) => return Ok(None),
            other => other?,
        };
        let parsed = feed::parse_feed_bytes(&bytes, self.read_options()).map_err(|e| LoadError::Invalid { what, url: url.clone(), message: e.to_string() })?;
        let Some(mut article) = parsed.feed.items.into_iter().find(|a| a.id == *id) else { return Ok(None) };
        article.category = self.site.category_of(&article).map(|c| c.slug.clone());
        let precomputed = article.precomputed.take().unwrap_or_default();
        let view = Arc::new(ArticleView { article, related: precomputed.related, previous: precomputed.previous, next: precomputed.next });
        self.articles.lock().expect("cache lock").insert(url, view.clone());
        Ok(Some(view))
    }

    /// Page `page` of a category, newest first.
    pub async fn category_page(self: Arc<Self>, slug: String, page: Result<usize, PageError>) -> Result<CategoryPage, CategoryError> {
        if self.site.category(&slug).is_none() {
            return Err(CategoryError::NoSuchCategory);
        }
        let number = page.map_err(CategoryError::Page)?;
        let Some(archive) = &self.archive else {
            let list = self.index.category(&slug);
            let page = paging::page(list.len(), self.site.page_size, number).map_err(CategoryError::Page)?;
            let items = list[page.start..page.end].iter().map(|a| ArticleRef::from(*a)).collect();
            return Ok(CategoryPage { page, items: Arc::new(items) });
        };
        let count = archive.count(&slug).unwrap_or(0);
        let page = paging::page(count, archive.page_size, number).map_err(CategoryError::Page)?;
        if count == 0 {
            return Ok(CategoryPage { page, items: Arc::default() });
        }
        let url = archive::category_page_file(&slug, number);
        let items = self.fetch_once(&url, || self.pages.lock().expect("cache lock").get(&url).cloned(), || self.fetch_category_page(&url)).await.map_err(CategoryError::Load)?;
        Ok(CategoryPage { page, items })
    }

    async fn fetch_category_page(&self, url: &str) -> Result<Arc<Vec<ArticleRef>>, LoadError> {
        let (what, url) = ("栏目列表", url.to_string());
        let bytes = fetch_json(&url, what).await?;
        let parsed = feed::parse_feed_bytes(&bytes, self.read_options()).map_err(|e| LoadError::Invalid { what, url: url.clone(), message: e.to_string() })?;
        let items: Arc<Vec<ArticleRef>> = Arc::new(parsed.feed.items.iter().map(ArticleRef::from).collect());
        self.pages.lock().expect("cache lock").insert(url, items.clone());
        Ok(items)
    }

    fn read_options(&self) -> ReadOptions<'_> {
        read_options(&self.site)
    }
}

/// Feeds are read in the site's time zone; 来源 falls back to the feed's title.
fn read_options(site: &SiteConfig) -> ReadOptions<'_> {
    ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None }
}

#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    Network { what: &'static str, url: String },
    Timeout { what: &'static str, url: String },
    Http { what: &'static str, url: String, status: u16, status_text: String },
    NotJson { what: &'static str, url: String, content_type: String },
    Invalid { what: &'static str, url: String, message: String },
}

impl LoadError {
    /// A one-line heading for the error panel.
    pub fn heading(&self) -> String {
        match self {
            LoadError::Network { what, .. } => format!("无法连接服务器，{what}未能加载"),
            LoadError::Timeout { what, .. } => format!("{what}加载超时"),
            LoadError::Http { what, status, .. } => format!("{what}加载失败（HTTP {status}）"),
            LoadError::NotJson { what, .. } | LoadError::Invalid { what, .. } => format!("{what}内容有误"),
        }
    }

    /// What happened, in words a reader (or the site's web team) can act on.
    pub fn detail(&self) -> String {
        match self {
            LoadError::Network { url, .. } => format!("请求 {url} 时网络连接失败。请检查网络连接后重试。"),
            LoadError::Timeout { url, .. } => format!("请求 {url} 在 {} 秒内没有完成。请稍后重试。", FETCH_TIMEOUT.as_secs()),
            LoadError::Http { url, status, status_text, .. } => format!("服务器对 {url} 返回 {status} {status_text}。"),
            LoadError::NotJson { url, content_type, .. } => format!("{url} 返回的是 “{content_type}” 而不是 JSON，文件可能不存在或地址配置有误。"),
            LoadError::Invalid { message, .. } => message.clone(),
        }
    }
}

/// The per-visit loader, provided as context by `App`.
#[derive(Clone)]
pub struct PortalLoader {
    pub resource: LocalResource<Result<Arc<Portal>, LoadError>>,
    pub paths: Paths,
}

impl PortalLoader {
    pub fn new() -> PortalLoader {
        PortalLoader { resource: LocalResource::new(load), paths: Paths::new(&crate::dom::base_path()) }
    }

    pub fn retry(&self) {
        self.resource.refetch();
    }
}

impl Default for PortalLoader {
    fn default() -> Self {
        Self::new()
    }
}

async fn load() -> Result<Arc<Portal>, LoadError> {
    const SITE: &str = "site.json";
    let what = "站点配置";
    let site_bytes = fetch_json(SITE, what).await?;
    let site_text = String::from_utf8_lossy(&site_bytes);
    let site = SiteConfig::parse(&site_text).map_err(|message| LoadError::Invalid { what, url: SITE.into(), message })?;
    let what = "新闻订阅源";
    let feed_bytes = fetch_json(&site.feed, what).await?;
    let parsed = feed::parse_feed_bytes(&feed_bytes, read_options(&site)).map_err(|e| LoadError::Invalid { what, url: site.feed.clone(), message: e.to_string() })?;
    let archive = parsed.feed.archive;
    let index = FeedIndex::new(parsed.feed.items, &site);
    let mut problems = parsed.problems;
    problems.extend(index.unknown_categories().iter().map(|(id, category)| Problem {
        item: None,
        id: Some(id.clone()),
        field: "_portal.category".into(),
        message: format!("栏目 “{category}” 不在 site.json 的 categories 中，文章不会出现在栏目列表里"),
    }));
    Ok(Arc::new(Portal { site, index, problems, archive, articles: Mutex::default(), pages: Mutex::default(), in_flight: Mutex::default() }))
}

/// Fetches a JSON file (relative URLs resolve against `<base href>`, so
/// sub-path hosting needs nothing here) with a timeout.
async fn fetch_json(url: &str, what: &'static str) -> Result<Vec<u8>, LoadError> {
    let abort = web_sys::AbortController::new().ok();
    let timed_out = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let timer = abort.clone().and_then(|abort| {
        let timed_out = timed_out.clone();
        let fire = move || {
            timed_out.store(true, std::sync::atomic::Ordering::Relaxed);
            abort.abort();
        };
        set_timeout_with_handle(fire, FETCH_TIMEOUT).ok()
    });
    let signal = abort.as_ref().map(|a| a.signal());
    let failed = |_| {
        if timed_out.load(std::sync::atomic::Ordering::Relaxed) {
            LoadError::Timeout { what, url: url.into() }
        } else {
            LoadError::Network { what, url: url.into() }
        }
    };
    let response = Request::get(url).abort_signal(signal.as_ref()).send().await.map_err(failed)?;
    if !response.ok() {
        return Err(LoadError::Http { what, url: url.into(), status: response.status(), status_text: response.status_text() });
    }
    let content_type = response.headers().get("content-type").unwrap_or_default();
    // A static host's SPA fallback answers a missing file with index.html.
    if content_type.contains("html") {
        return Err(LoadError::NotJson { what, url: url.into(), content_type });
    }
    // Bytes, not text: invalid UTF-8 is then named, not silently replaced.
    let bytes = response.binary().await.map_err(failed)?;
    if let Some(timer) = timer {
        timer.clear();
    }
    Ok(bytes)
}
