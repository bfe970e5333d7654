//! Files over HTTP: each fetched at most once at a time and kept once
//! fetched, decoded into the core model, failures as `LoadError` values.

use crate::ui::{t, tf};
use futures::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::Request;
use leptos::prelude::set_timeout_with_handle;
use portal_core::feed::{self, ArticleRef, Parsed, ReadOptions};
use portal_core::index::ArticleView;
use portal_core::search::Folding;
use portal_core::site::SiteConfig;
use send_wrapper::SendWrapper;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Longest wait for one file before the reader is told and offered a retry.
const FETCH_TIMEOUT: Duration = Duration::from_secs(15);
pub(super) const FOLDING_TABLE: &str = "search-t2s.txt";

/// A fetch under way or done, which every caller awaits alike.
type SharedFetch<T> = SendWrapper<Shared<LocalBoxFuture<'static, Result<Arc<T>, LoadError>>>>;

/// Fetches by URL: a prefetch and the click that follows await the same
/// future, and a finished fetch answers at once; a failed one is forgotten
/// so that a retry fetches again.
pub(super) type Cache<T> = Mutex<HashMap<String, SharedFetch<T>>>;

/// An archive's files, as fetched.
#[derive(Default)]
pub struct ArchiveFiles {
    pub(super) articles: Cache<Option<Arc<ArticleView>>>,
    pub(super) pages: Cache<Vec<ArticleRef>>,
    /// 站内搜索's index shards, rows and days.
    pub(super) search: Cache<Vec<u8>>,
}

impl std::fmt::Debug for ArchiveFiles {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ArchiveFiles")
    }
}

/// `url` from `cache`, fetched by `fetch` if it is not there.
pub(super) async fn fetch_once<T: 'static>(
    cache: &Cache<T>,
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
    cache: &Cache<T>,
    url: &str,
    fetch: impl FnOnce() -> LocalBoxFuture<'static, Result<Arc<T>, LoadError>>,
) -> SharedFetch<T> {
    cache
        .lock()
        .expect("cache lock")
        .entry(url.to_string())
        .or_insert_with(|| SendWrapper::new(fetch().shared()))
        .clone()
}

/// Several files at once (each started before any is awaited: cheaper in
/// the wasm than `join_all`), in the order given.
pub(super) async fn fetch_all(
    cache: &Cache<Vec<u8>>,
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

/// The search's folding table.
pub(super) async fn fetch_folding() -> Result<Arc<Folding>, LoadError> {
    let bytes = fetch_json(FOLDING_TABLE, t("搜索字表")).await?;
    Ok(Arc::new(Folding::from_pairs(&String::from_utf8_lossy(&bytes))))
}

/// An archive's article file; `None` when there is no such article.
pub(super) async fn fetch_article(
    site: Arc<SiteConfig>,
    id: String,
    url: String,
) -> Result<Arc<Option<Arc<ArticleView>>>, LoadError> {
    let what = t("文章");
    let bytes = match fetch_json(&url, what).await {
        Err(LoadError::Http { status: 404, .. }) => return Ok(Arc::new(None)),
        other => other?,
    };
    let parsed = read_feed(&bytes, &site, what, &url)?;
    let Some(mut article) = parsed.feed.items.into_iter().find(|a| a.id == id) else { return Ok(Arc::new(None)) };
    article.category = site.category_of(&article).map(|c| c.slug.clone());
    let around = article.precomputed.take().unwrap_or_default();
    Ok(Arc::new(Some(Arc::new(ArticleView { article, around }))))
}

/// One part file of an archive's category.
pub(super) async fn fetch_category_part(site: Arc<SiteConfig>, url: String) -> Result<Arc<Vec<ArticleRef>>, LoadError> {
    let what = t("栏目列表");
    let bytes = fetch_json(&url, what).await?;
    let parsed = read_feed(&bytes, &site, what, &url)?;
    Ok(Arc::new(parsed.feed.items.iter().map(ArticleRef::from).collect()))
}

/// A feed file as fetched from `url`, read in the site's time zone (来源
/// falls back to the feed's title).
pub(super) fn read_feed(bytes: &[u8], site: &SiteConfig, what: &'static str, url: &str) -> Result<Parsed, LoadError> {
    let options = ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None };
    feed::parse_feed_bytes(bytes, options).map_err(|e| LoadError::Invalid {
        what,
        url: url.into(),
        message: e.to_string(),
    })
}

/// Why a file could not be loaded; `what` names it for the reader.
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

/// Fetches a JSON file (relative URLs resolve against `<base href>`, so
/// sub-path hosting needs nothing here) with a timeout.
pub(super) async fn fetch_json(url: &str, what: &'static str) -> Result<Vec<u8>, LoadError> {
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
