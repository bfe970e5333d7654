//! The one place a route's data becomes what the reader sees: a skeleton
//! while the site, the feed and the route's own file load; then the page,
//! a not-found page, a notice for a page number that does not exist, or an
//! error panel with a working retry.

use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_meta::PageMeta;
use crate::data::{LoadError, LookupError, Portal, PortalLoader};
use crate::head::PageHead;
use crate::routes::not_found::NotFound;
use crate::ui::{t, tf};
use futures::future::{FutureExt, LocalBoxFuture};
use leptos::prelude::*;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;

/// A route's page as found, to be rendered with the portal.
type Found = Rc<dyn Fn(Arc<Portal>) -> AnyView>;
type Lookup = Box<dyn Fn(Arc<Portal>) -> LocalBoxFuture<'static, Result<Found, LookupError>>>;

/// Shows a route. `lookup` reads the route's params (so the data is keyed
/// on them and refetched when they change) and finds what the page shows;
/// `page` renders it. `what` names the thing for the not-found page.
pub fn route<T, F, Fut, V, P>(what: &'static str, lookup: F, page: P) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(Arc<Portal>) -> Fut + 'static,
    Fut: Future<Output = Result<T, LookupError>> + 'static,
    V: IntoView + 'static,
    P: Fn(Arc<Portal>, T) -> V + Send + Sync + 'static,
{
    // Only this wrapper is generic: the resource and the views around the
    // page exist once in the wasm, not once per route.
    let page = Arc::new(page);
    let lookup: Lookup = Box::new(move |portal| {
        let (found, page) = (lookup(portal), page.clone());
        async move {
            let value = found.await?;
            Ok(Rc::new(move |portal| page(portal, value.clone()).into_any()) as Found)
        }
        .boxed_local()
    });
    show_route(what, lookup)
}

fn show_route(what: &'static str, lookup: Lookup) -> impl IntoView {
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
    move || match data.get().flatten() {
        None => view! { <Loading/> }.into_any(),
        Some(Err(LookupError::Failed(error))) => view! { <ErrorPanel error retry/> }.into_any(),
        Some(outcome) => {
            // The app's own page is complete: it replaces a pre-rendered one.
            crate::dom::hand_over_from_prerender();
            match outcome {
                Ok((portal, page)) => view! { <ProblemsNotice portal=portal.clone()/> {page(portal)} }.into_any(),
                Err(LookupError::BadPage { slug, error }) => {
                    view! { <NoSuchPage slug error=page_error(&error)/> }.into_any()
                }
                Err(_) => view! { <NotFound what/> }.into_any(),
            }
        }
    }
}

/// A route with no file of its own: `page` renders from the site and its
/// catalogue (home, 网站地图).
pub fn site_route<V, P>(page: P) -> impl IntoView
where
    V: IntoView + 'static,
    P: Fn(Arc<Portal>) -> V + Send + Sync + 'static,
{
    route("页面", |_| async { Ok(()) }, move |portal, ()| page(portal))
}

/// A grey outline of a page, announced as busy.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" role="status">
            <span class="visually-hidden">{t("正在加载，请稍候…")}</span>
            <div class="skeleton-line skeleton-title"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line skeleton-short"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line skeleton-short"></div>
        </div>
    }
}

/// `retry` loads again what failed.
#[component]
pub fn ErrorPanel(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let (retrying, set_retrying) = signal(false);
    crate::dom::keep_prerender_after_failure(&tf(
        "{}。本页内容仍可阅读，链接可正常打开；其他功能请稍后刷新页面重试。",
        &[&error.heading()],
    ));
    view! {
        <leptos_meta::Title text=t("加载失败")/>
        <section class="error-panel" role="alert" aria-labelledby="error-heading">
            <h1 id="error-heading">{error.heading()}</h1>
            <p>{error.detail()}</p>
            <button
                type="button"
                class="button"
                disabled=move || retrying.get()
                on:click=move |_| {
                    set_retrying.set(true);
                    retry.run(());
                }
            >
                {move || if retrying.get() { t("正在重试…") } else { t("重新加载") }}
            </button>
        </section>
    }
}

/// What is wrong with a page number, in the page's script.
fn page_error(error: &portal_core::paging::PageError) -> String {
    let (template, values) = error.template();
    portal_core::fill(t(template), &values)
}

/// `?page=N` past the end, or not a number: the category's heading, what
/// is wrong, and a link to its page 1.
#[component]
fn NoSuchPage(slug: String, error: String) -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let site = loader.loaded().map(|portal| portal.site.clone());
    let name = site.as_ref().and_then(|site| site.category(&slug)).map(|c| c.name.clone()).unwrap_or_default();
    let site_name = site.map(|site| site.name.clone()).unwrap_or_default();
    let first = paths.category(&slug, 1);
    view! {
        <PageMeta head=PageHead::new(&site_name, &name, error.clone())/>
        <Breadcrumb site_name home_href=paths.home() category=Some((name.clone(), first.clone()))/>
        <section class="category-page">
            <h1>{name}</h1>
            <div class="notice" role="alert">
                <p>{error}</p>
                <p><a href=first>{t("返回第 1 页")}</a></p>
            </div>
        </section>
    }
}

/// Problems in a feed that still loaded: said once, details folded away.
#[component]
fn ProblemsNotice(portal: Arc<Portal>) -> impl IntoView {
    (!portal.problems.is_empty()).then(|| {
        let count = portal.problems.len();
        let items = portal.problems.iter().take(50).map(|p| view! { <li>{p.to_string()}</li> }).collect_view();
        view! {
            <details class="feed-problems">
                <summary>{tf("订阅源中有 {} 处问题，部分内容可能显示不完整（点击查看）", &[&count.to_string()])}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}
