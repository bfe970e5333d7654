//! Waits for the site and feed: a skeleton while loading, an error panel
//! with a working retry when loading failed, the page when it is there.

use crate::data::{LoadError, Portal, PortalLoader};
use leptos::prelude::*;
use std::sync::Arc;

/// Renders `page` once the portal is loaded.
pub fn with_portal<V, F>(page: F) -> impl IntoView
where
    V: IntoView + 'static,
    F: Fn(Arc<Portal>) -> V + Send + Sync + 'static,
{
    let loader = expect_context::<PortalLoader>();
    move || match loader.resource.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(portal)) => view! { <ProblemsNotice portal=portal.clone()/> {page(portal)} }.into_any(),
        Some(Err(error)) => view! { <ErrorPanel error/> }.into_any(),
    }
}

/// A grey outline of a page, announced as busy.
#[component]
pub fn Loading() -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" role="status">
            <span class="visually-hidden">"正在加载，请稍候…"</span>
            <div class="skeleton-line skeleton-title"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line skeleton-short"></div>
            <div class="skeleton-line"></div>
            <div class="skeleton-line skeleton-short"></div>
        </div>
    }
}

/// `retry` reloads what failed; by default the site and feed.
#[component]
pub fn ErrorPanel(error: LoadError, #[prop(optional, into)] retry: Option<Callback<()>>) -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let (retrying, set_retrying) = signal(false);
    crate::dom::keep_prerender_after_failure(&format!("{}。本页内容仍可阅读，链接可正常打开；其他功能请稍后刷新页面重试。", error.heading()));
    view! {
        <leptos_meta::Title text="加载失败"/>
        <section class="error-panel" role="alert" aria-labelledby="error-heading">
            <h1 id="error-heading">{error.heading()}</h1>
            <p>{error.detail()}</p>
            <button
                type="button"
                class="button"
                disabled=move || retrying.get()
                on:click=move |_| {
                    set_retrying.set(true);
                    match retry {
                        Some(retry) => retry.run(()),
                        None => loader.retry(),
                    }
                }
            >
                {move || if retrying.get() { "正在重试…" } else { "重新加载" }}
            </button>
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
                <summary>{format!("订阅源中有 {count} 处问题，部分内容可能显示不完整（点击查看）")}</summary>
                <ul>{items}</ul>
            </details>
        }
    })
}
