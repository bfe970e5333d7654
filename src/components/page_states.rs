//! What a page shows instead of its content, or above it: the skeleton
//! while its data loads, the not-found page, the notice for a page number
//! a category does not have, the error panel with its retry, and the feed's
//! problems. `page_data::load_page` picks one.

use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_meta::PageMeta;
use crate::data::{LoadError, Portal, PortalLoader};
use crate::head::PageHead;
use crate::ui::{t, tf};
use leptos::prelude::*;
use portal_core::paging::PageError;
use std::sync::Arc;

/// A grey outline of a page, announced as busy.
#[component]
pub fn Skeleton() -> impl IntoView {
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

/// Unknown routes, categories and articles: a real page with ways on.
/// `what` is 页面, 栏目 or 文章.
#[component]
pub fn NotFound(what: &'static str) -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let site = loader.loaded().map(|portal| portal.site.clone());
    let site_name = site.as_ref().map(|site| site.name.clone()).unwrap_or_default();
    let categories = site.map(|site| {
        site.categories
            .iter()
            .map(|c| view! { <li><a href=paths.category(&c.slug, 1)>{c.name.clone()}</a></li> })
            .collect_view()
    });
    let heading = tf("您访问的{}不存在", &[t(what)]);
    view! {
        <PageMeta head=PageHead::not_found(&site_name, what)/>
        <section class="not-found">
            <h1>{heading}</h1>
            <p>{t("链接可能已失效，或内容已被移除。您可以：")}</p>
            <p><a class="button" href=paths.home()>{t("返回首页")}</a></p>
            <h2>{t("浏览栏目")}</h2>
            <ul class="category-links">{categories}</ul>
        </section>
    }
}

/// `?page=N` past the end, or not a number: the category's heading, what
/// is wrong (in the page's script), and a link to its page 1.
#[component]
pub fn NoSuchPage(slug: String, error: PageError) -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let site = loader.loaded().map(|portal| portal.site.clone());
    let name = site.as_ref().and_then(|site| site.category(&slug)).map(|c| c.name.clone()).unwrap_or_default();
    let site_name = site.map(|site| site.name.clone()).unwrap_or_default();
    let first = paths.category(&slug, 1);
    let (template, values) = error.template();
    let error = portal_core::fill(t(template), &values);
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

/// Problems in a feed that still loaded, above the page: said once,
/// details folded away.
#[component]
pub fn ProblemsNotice(portal: Arc<Portal>) -> impl IntoView {
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
