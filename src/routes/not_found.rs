//! Unknown routes, categories and articles: a real page with ways on.

use crate::components::page_meta::PageMeta;
use crate::components::portal_gate::route;
use crate::data::{LookupError, PortalLoader};
use crate::head::PageHead;
use crate::ui::{t, tf};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    route("页面", |_| async { Err::<(), _>(LookupError::NotFound) }, |_, ()| ())
}

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
