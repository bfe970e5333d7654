//! A route's page from its data: `load_page` loads what the page shows
//! (after the site and the feed, the route's own file) and shows the page,
//! or while there is none one of `page_states.rs`: the skeleton, the
//! not-found page, the notice for a page number that does not exist, or the
//! error panel with a working retry.
//!
//! One article page in the browser, file by file (28 files, core's in
//! `crates/core/src/`; a single feed's adds core `related.rs`):
//!
//! 1. `main.rs` `main` → `lib.rs` `App` → `data/mod.rs` `PortalLoader::new`
//!    (`dom.rs` `site_urls`, core `urls.rs`), whose `load` fetches
//!    site.json and the feed: `data/fetch.rs` `fetch_json`, core `site.rs`
//!    `SiteConfig::parse`, `fetch.rs` `read_feed` (core `feed.rs`), core
//!    `archive.rs` `Archive::from_home_feed`, core `index.rs` `FeedIndex::new`.
//! 2. The router → `routes/article.rs` `ArticlePage` (the route file, 1st:
//!    reads the id) → `load_page` here (1st: boxes the route's lookup and
//!    page) → `show_page` (2nd: the one resource) → `page_states.rs`
//!    `Skeleton` (behind the pre-rendered page if the reader came in on
//!    one) until the loader is done; then
//! 3. the route's lookup (the route file, 2nd) → `data/lookup.rs`
//!    `Portal::article` → in an archive core `archive.rs` `article_file`,
//!    `data/fetch.rs` `fetch_once` → `fetch_article` → `fetch_json`,
//!    `read_feed` (core `feed.rs`); in a single feed core `index.rs`
//!    `FeedIndex::view` (core `related.rs`);
//! 4. `show_page` → `dom.rs` `hand_over_from_prerender`, `page_states.rs`
//!    `ProblemsNotice`, and the route's page (the route file, 3rd) →
//!    `page_meta.rs`, `side_blocks.rs` → `category_block.rs` →
//!    `article_list.rs`; `ArticleContent` (the route file) →
//!    `breadcrumb.rs`, `article_meta.rs`, `article_body.rs` (`dom.rs`
//!    `render_nodes`), `share_bar.rs` (core `share.rs`), `disclaimer.rs`,
//!    `prev_next.rs`, `related.rs`; dates by core `date.rs`, words by `ui.rs`.
//!
//! The route file is entered three times because a route says three
//! things (its params, its data, its page), and its data is looked up again
//! when the params change; this file twice because only its thin first
//! half is generic, so that the resource and the states' views exist once
//! in the wasm, not once per route. (This file no longer goes back into
//! `routes/` for the not-found page.)

use crate::components::page_states::{ErrorPanel, NoSuchPage, NotFound, ProblemsNotice, Skeleton};
use crate::data::{LookupError, Portal, PortalLoader};
use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

/// A route's page with its data, to be rendered with the portal.
type PageView = Rc<dyn Fn(Arc<Portal>) -> AnyView>;
type Lookup = Box<dyn Fn(Arc<Portal>) -> LocalBoxFuture<'static, Result<PageView, LookupError>>>;

/// Shows a route's page. `lookup` reads the route's params (so the data
/// is keyed on them and looked up again when they change) and finds what
/// the page shows; `page` renders it. `what` names the thing for the
/// not-found page.
pub fn load_page<T, F, Fut, V, P>(what: &'static str, lookup: F, page: P) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(Arc<Portal>) -> Fut + 'static,
    Fut: Future<Output = Result<T, LookupError>> + 'static,
    V: IntoView + 'static,
    P: Fn(Arc<Portal>, T) -> V + Send + Sync + 'static,
{
    // Only this half is generic: the resource and the views around the
    // page exist once in the wasm, not once per route.
    let page = Arc::new(page);
    let lookup: Lookup = Box::new(move |portal| {
        let (found, page) = (lookup(portal), page.clone());
        async move {
            let value = found.await?;
            Ok(Rc::new(move |portal| page(portal, value.clone()).into_any()) as PageView)
        }
        .boxed_local()
    });
    show_page(what, lookup)
}

/// A page with no file of its own: `page` renders from the site and its
/// catalogue (home, 网站地图).
pub fn load_site_page<V, P>(page: P) -> impl IntoView
where
    V: IntoView + 'static,
    P: Fn(Arc<Portal>) -> V + Send + Sync + 'static,
{
    load_page("页面", |_| async { Ok(()) }, move |portal, ()| page(portal))
}

fn show_page(what: &'static str, lookup: Lookup) -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    // Resolves at once to `None` while the site and feed are loading: a
    // resource awaits its future before it looks at a change again.
    let data = LocalResource::new(move || {
        let found = loader.resource.get().map(|loaded| loaded.map(|portal| (portal.clone(), lookup(portal))));
        async move {
            match found? {
                Err(error) => Some(Err(LookupError::Failed(error))),
                Ok((portal, found)) => Some(found.await.map(|value| (portal, value))),
            }
        }
    });
    // A failed site or feed is loaded again; a failed file of the route's own, fetched again.
    let retry = Callback::new(move |_| match loader.resource.get_untracked() {
        Some(Err(_)) => loader.retry(),
        _ => data.refetch(),
    });
    move || {
        let shown = data.get().flatten();
        // The app's own page is complete (neither skeleton nor error
        // panel): it replaces a pre-rendered one.
        if shown.as_ref().is_some_and(|outcome| !matches!(outcome, Err(LookupError::Failed(_)))) {
            crate::dom::hand_over_from_prerender();
        }
        match shown {
            None => view! { <Skeleton/> }.into_any(),
            Some(Ok((portal, page))) => view! { <ProblemsNotice portal=portal.clone()/> {page(portal)} }.into_any(),
            Some(Err(LookupError::NotFound)) => view! { <NotFound what/> }.into_any(),
            Some(Err(LookupError::BadPage { slug, error })) => view! { <NoSuchPage slug error/> }.into_any(),
            Some(Err(LookupError::Failed(error))) => view! { <ErrorPanel error retry/> }.into_any(),
        }
    }
}
