//! The only code that talks to the network: loads `site.json` and the feed
//! once per visit, turns them into the core model and keeps them for every
//! route. Failures become `LoadError` values the page can show.

use crate::ui::{t, tf};
use futures::future::{FutureExt, LocalBoxFuture, OptionFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::*;
use portal_core::archive::{self, Archive, PageParts};
use portal_core::feed::{self, Article, ArticleRef, Problem, ReadOptions};
use portal_core::html;
use portal_core::index::{ArticleView, CategoryListing, FeedIndex};
use portal_core::paging::{self, Page, PageError};
use portal_core::paths::Paths;
use portal_core::search::{self, Folding, Query};
use portal_core::search_index::{self, IndexInfo, ResultRow};
use portal_core::site::SiteConfig;
use send_wrapper::SendWrapper;
use std::collections::HashMap;
use std::ops::Range;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Longest wait for one file before the reader is told and offered a retry.
const FETCH_TIMEOUT: Duration = Duration::from_secs(15);

/// Everything the pages render from.
#[derive(Debug)]
pub struct Portal {
    pub site: Arc<SiteConfig>,
    /// What was wrong in the feed but did not stop it being shown.
    pub problems: Vec<Problem>,
    pub catalogue: Catalogue,
    /// The search's folding table, fetched when search is first used.
    folding: Mutex<HashMap<String, Fetch<Folding>>>,
}

/// Where the articles are.
#[derive(Debug)]
pub enum Catalogue {
    /// One feed with every article, read whole at the start.
    Feed(Arc<FeedIndex>),
    /// A sharded archive (`portal_core::archive`): its home feed at the
    /// start, then one file per category page or article as they are needed.
    Archive { home: Arc<FeedIndex>, archive: Archive, files: Box<Files> },
}

impl Catalogue {
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

type Fetch<T> = SendWrapper<Shared<LocalBoxFuture<'static, Result<Arc<T>, LoadError>>>>;

/// An archive's files, by URL: fetched at most once at a time. A prefetch
/// and the click that follows await the same future, and a finished fetch
/// answers at once; a failed one is forgotten so that a retry fetches again.
#[derive(Default)]
pub struct Files {
    articles: Mutex<HashMap<String, Fetch<Option<Arc<ArticleView>>>>>,
    pages: Mutex<HashMap<String, Fetch<Vec<ArticleRef>>>>,
    /// 站内搜索's index shards, rows and days, as fetched.
    search: Mutex<HashMap<String, Fetch<Vec<u8>>>>,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Files")
    }
}

async fn fetch_once<T: 'static>(
    cache: &Mutex<HashMap<String, Fetch<T>>>,
    url: &str,
    fetch: impl FnOnce() -> LocalBoxFuture<'static, Result<Arc<T>, LoadError>>,
) -> Result<Arc<T>, LoadError> {
    let shared = cached(cache, url, fetch);
    let result = shared.take().await;
    if result.is_err() {
        cache.lock().expect("cache lock").remove(url);
    }
    result
}

/// The fetch of `url`, started now or earlier.
fn cached<T: 'static>(
    cache: &Mutex<HashMap<String, Fetch<T>>>,
    url: &str,
    fetch: impl FnOnce() -> LocalBoxFuture<'static, Result<Arc<T>, LoadError>>,
) -> Fetch<T> {
    cache
        .lock()
        .expect("cache lock")
        .entry(url.to_string())
        .or_insert_with(|| SendWrapper::new(fetch().shared()))
        .clone()
}

/// Several files at once (each started before any is awaited: cheaper in
/// the wasm than `join_all`), in the order given.
async fn fetch_all(
    cache: &Mutex<HashMap<String, Fetch<Vec<u8>>>>,
    urls: &[String],
    what: &'static str,
) -> Result<Vec<Arc<Vec<u8>>>, LoadError> {
    let fetch = |url: &String| {
        let url = url.clone();
        move || async move { fetch_json(&url, what).await.map(Arc::new) }.boxed_local()
    };
    for url in urls {
        let started = cached(cache, url, fetch(url)).take();
        leptos::task::spawn_local(async move { drop(started.await) });
    }
    let mut files = Vec::with_capacity(urls.len());
    for url in urls {
        files.push(fetch_once(cache, url, fetch(url)).await?);
    }
    Ok(files)
}

impl Portal {
    /// The article with its related reading and neighbours.
    pub async fn article(self: Arc<Self>, id: String) -> Result<Arc<ArticleView>, LookupError> {
        let Catalogue::Archive { files, .. } = &self.catalogue else {
            return self
                .catalogue
                .front()
                .view(&id, self.site.related_count)
                .map(Arc::new)
                .ok_or(LookupError::NotFound);
        };
        if !archive::is_plain_id(&id) {
            return Err(LookupError::NotFound);
        }
        let url = archive::article_file(&id);
        let site = self.site.clone();
        let found = fetch_once(&files.articles, &url, || fetch_article(site, id, url.clone()).boxed_local())
            .await
            .map_err(LookupError::Failed)?;
        found.as_ref().clone().ok_or(LookupError::NotFound)
    }

    /// Page `page` of a category, newest first.
    pub async fn category_page(
        self: Arc<Self>,
        slug: String,
        page: Result<usize, PageError>,
    ) -> Result<CategoryListing, LookupError> {
        if self.site.category(&slug).is_none() {
            return Err(LookupError::NotFound);
        }
        let bad_page = |error| LookupError::BadPage { slug: slug.clone(), error };
        let number = page.map_err(bad_page)?;
        let Catalogue::Archive { archive, files, .. } = &self.catalogue else {
            return self.catalogue.front().listing(&slug, self.site.page_size, number).map_err(bad_page);
        };
        let count = archive.count(&slug).unwrap_or(0);
        let page = paging::page(count, archive.page_size, number).map_err(bad_page)?;
        if count == 0 {
            return Ok(CategoryListing { slug, page, items: Arc::default() });
        }
        let parts = PageParts::of(&slug, count, archive.page_size, &page);
        let skip = parts.skip;
        // One or two parts, fetched together (`join` of two: `join_all`
        // costs the wasm 3 KB more).
        let part =
            |url: Option<String>| {
                OptionFuture::from(url.map(|url| {
                    let site = self.site.clone();
                    async move {
                        fetch_once(&files.pages, &url, || fetch_category_part(site, url.clone()).boxed_local()).await
                    }
                }))
            };
        let mut urls = parts.files.into_iter();
        let (newest, older) = futures::future::join(part(urls.next()), part(urls.next())).await;
        let mut items = Vec::with_capacity(page.end - page.start);
        for part in [newest, older].into_iter().flatten() {
            items.extend(part.map_err(LookupError::Failed)?.iter().cloned());
        }
        let items = items.into_iter().skip(skip).take(page.end - page.start).collect();
        Ok(CategoryListing { slug, page, items: Arc::new(items) })
    }
}

/// One page of 站内搜索's results.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub request: search::Request,
    /// Why the query or the page number cannot be searched for.
    pub refused: Option<(&'static str, Vec<String>)>,
    pub total: usize,
    pub page: Option<Page>,
    pub hits: Vec<SearchHit>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub article: ArticleRef,
    /// The configured category's slug.
    pub category: Option<String>,
    /// Text around the first match; `true` parts are query words.
    pub snippet: Vec<(String, bool)>,
}

/// Characters of text around a result's first match.
const SNIPPET_CHARS: usize = 90;
const FOLDING_TABLE: &str = "search-t2s.txt";

impl Portal {
    /// Whether this site can be searched: a feed held whole can, and an
    /// archive with an index.
    pub fn searchable(&self) -> bool {
        match &self.catalogue {
            Catalogue::Feed(_) => true,
            Catalogue::Archive { archive, .. } => archive.search.is_some(),
        }
    }

    /// The search's folding table, fetched once (a failure is forgotten).
    pub async fn folding(&self) -> Result<Arc<Folding>, LoadError> {
        fetch_once(&self.folding, FOLDING_TABLE, || fetch_folding().boxed_local()).await
    }

    /// 站内搜索: the page of results `request` asks for.
    pub async fn search(self: Arc<Self>, request: search::Request) -> Result<SearchResults, LookupError> {
        if !self.searchable() {
            return Err(LookupError::NotFound);
        }
        let folding = self.folding().await.map_err(LookupError::Failed)?;
        let mut results = SearchResults { request, refused: None, total: 0, page: None, hits: Vec::new() };
        let query = match Query::parse(&results.request.q, &folding) {
            Ok(query) => query,
            Err(refused) => {
                results.refused = Some(refused.template());
                return Ok(results);
            }
        };
        let found = match &self.catalogue {
            Catalogue::Feed(index) => {
                let offset = self.site.offset_minutes();
                let found = search::search(index.items(), &query, &results.request, &folding, offset);
                Found::Articles(found)
            }
            Catalogue::Archive { archive, files, .. } => {
                let info = archive.search.ok_or(LookupError::NotFound)?;
                let numbers = self.search_index(files, info, &query, &results.request).await;
                Found::Numbers(files, numbers.map_err(LookupError::Failed)?)
            }
        };
        results.total = found.len();
        match paging::page(found.len(), search::PAGE_SIZE, results.request.page) {
            Ok(page) => {
                results.hits = match found {
                    Found::Articles(all) => {
                        all[page.start..page.end].iter().map(|a| hit(a, &folding, &query)).collect()
                    }
                    Found::Numbers(files, all) => {
                        let numbers = &all[page.start..page.end];
                        self.archive_hits(files, numbers, &folding, &query).await.map_err(LookupError::Failed)?
                    }
                };
                results.page = Some(page);
            }
            // Past the end of no results at all: 未找到 says enough.
            Err(_) if found.len() == 0 => {}
            Err(error) => results.refused = Some(error.template()),
        }
        Ok(results)
    }

    /// The numbers of the archive's articles a query finds, in order.
    async fn search_index(
        &self,
        files: &Files,
        info: IndexInfo,
        query: &Query,
        request: &search::Request,
    ) -> Result<Vec<u32>, LoadError> {
        // An unknown category is a gram no article has.
        let category = request.category.as_deref().map(|slug| {
            search_index::category_gram(
                self.site.categories.iter().position(|c| c.slug == slug).unwrap_or(usize::MAX >> 1),
            )
        });
        let grams = search_index::needed(query, category);
        let mut urls: Vec<String> = Vec::new();
        for url in grams.iter().flatten().flat_map(|&g| info.files_of(g)) {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        let what = t("搜索索引");
        // The date filter's file, if any, in the same round trip.
        let (bytes, within) =
            futures::future::join(fetch_all(&files.search, &urls, what), self.date_filter(files, request, info.docs))
                .await;
        let (bytes, within) = (bytes?, within?);
        let file = |name: &str| urls.iter().position(|u| u == name).map_or(&[][..], |i| &bytes[i][..]);
        // A few dozen grams at most: a list, not a map (smaller wasm).
        let mut sets = Vec::new();
        for &gram in grams.iter().flatten() {
            let entry = info.entry(gram, file).map_err(|_| LoadError::Invalid {
                what,
                url: info.files_of(gram).join(" "),
                message: t("索引文件已损坏").into(),
            })?;
            sets.push((gram, entry));
        }
        Ok(search_index::found(&grams, category.is_some(), request.sort, within, |g| {
            sets.iter().find(|s| s.0 == g).and_then(|s| s.1.clone())
        }))
    }

    /// The numbers of the articles of the request's date range.
    async fn date_filter(&self, files: &Files, request: &search::Request, docs: u32) -> Result<Range<u32>, LoadError> {
        let offset = self.site.offset_minutes();
        let day = |text: &Option<String>| text.as_deref().and_then(|d| search_index::day_number(d, offset));
        let (from, to) = (day(&request.from), day(&request.to));
        if from.is_none() && to.is_none() {
            return Ok(0..docs);
        }
        let url = search_index::DAYS_FILE.to_string();
        let bytes = fetch_all(&files.search, std::slice::from_ref(&url), t("搜索索引")).await?;
        let days = search_index::read_days(&bytes[0]).map_err(|message| LoadError::Invalid {
            what: t("搜索索引"),
            url,
            message,
        })?;
        Ok(search_index::day_range(&days, from, to, docs))
    }

    /// The results shown: each article's row, and its file for the snippet
    /// (an article whose file fails is shown from its row alone).
    async fn archive_hits(
        self: &Arc<Self>,
        files: &Files,
        numbers: &[u32],
        folding: &Folding,
        query: &Query,
    ) -> Result<Vec<SearchHit>, LoadError> {
        let mut urls: Vec<String> = numbers.iter().map(|&n| search_index::rows_file(n)).collect();
        urls.dedup();
        let what = t("搜索结果");
        let invalid = |url: &String, message: String| LoadError::Invalid { what, url: url.clone(), message };
        // Each rows file read once, however many of the page's results it holds.
        let mut chunks = Vec::with_capacity(urls.len());
        for (url, bytes) in urls.iter().zip(fetch_all(&files.search, &urls, what).await?) {
            chunks.push(search_index::read_rows(&bytes).map_err(|message| invalid(url, message))?);
        }
        let mut rows = Vec::with_capacity(numbers.len());
        for &number in numbers {
            let file = urls.iter().position(|u| *u == search_index::rows_file(number)).unwrap_or_default();
            let row = chunks[file].get((number % search_index::ROWS_PER_FILE) as usize).cloned();
            rows.push(row.ok_or_else(|| invalid(&urls[file], t("缺少搜索结果").into()))?);
        }
        for row in &rows {
            let (portal, id) = (self.clone(), row.id.clone());
            leptos::task::spawn_local(async move { drop(portal.article(id).await) });
        }
        let mut hits = Vec::with_capacity(rows.len());
        for row in rows {
            hits.push(match self.clone().article(row.id.clone()).await {
                Ok(view) => hit(&view.article, folding, query),
                Err(_) => row_hit(row),
            });
        }
        Ok(hits)
    }
}

/// What a search found: a feed's articles, or an archive's numbers.
enum Found<'a> {
    Articles(Vec<&'a Article>),
    Numbers(&'a Files, Vec<u32>),
}

impl Found<'_> {
    fn len(&self) -> usize {
        match self {
            Found::Articles(all) => all.len(),
            Found::Numbers(_, all) => all.len(),
        }
    }
}

fn hit(article: &Article, folding: &Folding, query: &Query) -> SearchHit {
    SearchHit {
        article: ArticleRef::from(article),
        category: article.category.clone(),
        snippet: search::snippet(&html::text_of(&article.body), folding, query, SNIPPET_CHARS),
    }
}

/// A result shown from its row alone: no text, so no snippet.
fn row_hit(row: ResultRow) -> SearchHit {
    let ResultRow { id, title, published, category } = row;
    SearchHit { article: ArticleRef { id, title, published }, category, snippet: Vec::new() }
}

async fn fetch_folding() -> Result<Arc<Folding>, LoadError> {
    let bytes = fetch_json(FOLDING_TABLE, t("搜索字表")).await?;
    Ok(Arc::new(Folding::from_pairs(&String::from_utf8_lossy(&bytes))))
}

/// An archive's article file; `None` when there is no such article.
async fn fetch_article(
    site: Arc<SiteConfig>,
    id: String,
    url: String,
) -> Result<Arc<Option<Arc<ArticleView>>>, LoadError> {
    let what = t("文章");
    let bytes = match fetch_json(&url, what).await {
        Err(LoadError::Http { status: 404, .. }) => return Ok(Arc::new(None)),
        other => other?,
    };
    let parsed = feed::parse_feed_bytes(&bytes, read_options(&site)).map_err(|e| LoadError::Invalid {
        what,
        url,
        message: e.to_string(),
    })?;
    let Some(mut article) = parsed.feed.items.into_iter().find(|a| a.id == id) else { return Ok(Arc::new(None)) };
    article.category = site.category_of(&article).map(|c| c.slug.clone());
    let precomputed = article.precomputed.take().unwrap_or_default();
    Ok(Arc::new(Some(Arc::new(ArticleView {
        article,
        related: precomputed.related,
        previous: precomputed.previous,
        next: precomputed.next,
    }))))
}

async fn fetch_category_part(site: Arc<SiteConfig>, url: String) -> Result<Arc<Vec<ArticleRef>>, LoadError> {
    let what = t("栏目列表");
    let bytes = fetch_json(&url, what).await?;
    let parsed = feed::parse_feed_bytes(&bytes, read_options(&site)).map_err(|e| LoadError::Invalid {
        what,
        url,
        message: e.to_string(),
    })?;
    Ok(Arc::new(parsed.feed.items.iter().map(ArticleRef::from).collect()))
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
            LoadError::Network { what, .. } => tf("无法连接服务器，{}未能加载", &[what]),
            LoadError::Timeout { what, .. } => tf("{}加载超时", &[what]),
            LoadError::Http { what, status, .. } => tf("{}加载失败（HTTP {}）", &[what, &status.to_string()]),
            LoadError::NotJson { what, .. } | LoadError::Invalid { what, .. } => tf("{}内容有误", &[what]),
        }
    }

    /// What happened, in words a reader (or the site's web team) can act on.
    pub fn detail(&self) -> String {
        match self {
            LoadError::Network { url, .. } => tf("请求 {} 时网络连接失败。请检查网络连接后重试。", &[url]),
            LoadError::Timeout { url, .. } => {
                tf("请求 {} 在 {} 秒内没有完成。请稍后重试。", &[url, &FETCH_TIMEOUT.as_secs().to_string()])
            }
            LoadError::Http { url, status, status_text, .. } => {
                tf("服务器对 {} 返回 {} {}。", &[url, &status.to_string(), status_text])
            }
            LoadError::NotJson { url, content_type, .. } => {
                tf("{} 返回的是 “{}” 而不是 JSON，文件可能不存在或地址配置有误。", &[url, content_type])
            }
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
    let mut parsed = feed::parse_feed_bytes(&feed_bytes, read_options(&site)).map_err(|e| LoadError::Invalid {
        what,
        url: site.feed.clone(),
        message: e.to_string(),
    })?;
    let archive = Archive::from_home_feed(&mut parsed);
    let index = Arc::new(FeedIndex::new(parsed.feed.items, &site));
    let mut problems = parsed.problems;
    problems.extend(index.unknown_categories().iter().map(|(id, category)| Problem {
        item: None,
        id: Some(id.clone()),
        field: "_portal.category".into(),
        message: tf("栏目 “{}” 不在 site.json 的 categories 中，文章不会出现在栏目列表里", &[category]),
    }));
    let catalogue = match archive {
        Some(archive) => Catalogue::Archive { home: index, archive, files: Box::default() },
        None => Catalogue::Feed(index),
    };
    Ok(Arc::new(Portal { site: Arc::new(site), problems, catalogue, folding: Mutex::default() }))
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
    let fetched = async {
        let response = Request::get(url).abort_signal(signal.as_ref()).send().await.map_err(failed)?;
        if !response.ok() {
            return Err(LoadError::Http {
                what,
                url: url.into(),
                status: response.status(),
                status_text: response.status_text(),
            });
        }
        let content_type = response.headers().get("content-type").unwrap_or_default();
        // A static host's SPA fallback answers a missing file with index.html.
        if content_type.contains("html") {
            return Err(LoadError::NotJson { what, url: url.into(), content_type });
        }
        // Bytes, not text: invalid UTF-8 is then named, not silently replaced.
        response.binary().await.map_err(failed)
    }
    .await;
    // On every outcome: a timer left running would abort a finished fetch.
    if let Some(timer) = timer {
        timer.clear();
    }
    fetched
}
