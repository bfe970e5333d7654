//! Unknown routes, categories and articles: a real page with ways on.

use crate::components::page_meta::PageMeta;
use crate::components::portal_gate::with_portal;
use crate::data::{Portal, PortalLoader};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    with_portal(|portal| view! { <NotFound portal what="页面"/> })
}

/// `what` is 页面, 栏目 or 文章.
#[component]
pub fn NotFound(portal: Arc<Portal>, what: &'static str) -> impl IntoView {
    crate::dom::hand_over_from_prerender();
    let paths = expect_context::<PortalLoader>().paths;
    let site = &portal.site;
    let categories = site
        .categories
        .iter()
        .map(|c| view! { <li><a href=paths.category(&c.slug, 1)>{c.name.clone()}</a></li> })
        .collect_view();
    let heading = format!("您访问的{what}不存在");
    view! {
        <PageMeta title=format!("{what}未找到") description=heading.clone() site_name=site.name.clone()/>
        <section class="not-found">
            <h1>{heading}</h1>
            <p>"链接可能已失效，或内容已被移除。您可以："</p>
            <p><a class="button" href=paths.home()>"返回首页"</a></p>
            <h2>"浏览栏目"</h2>
            <ul class="category-links">{categories}</ul>
        </section>
    }
}
