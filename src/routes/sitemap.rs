//! `/sitemap`: 网站地图, every 栏目 with its number of articles, and the
//! site's other pages.

use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_data::load_site_page;
use crate::components::page_meta::PageMeta;
use crate::data::PortalLoader;
use crate::head::PageHead;
use crate::ui::{t, tf};
use leptos::prelude::*;
use portal_core::paging;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::Arc;

#[component]
pub fn SitemapPage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    load_site_page(move |portal| {
        let site = portal.site.clone();
        let counts = site.categories.iter().map(|c| portal.catalogue.count(&c.slug)).collect();
        view! {
            <PageMeta head=PageHead::sitemap(&site)/>
            <SitemapContent site counts paths=paths.clone()/>
        }
    })
}

/// `counts[i]` is the number of articles in `site.categories[i]`.
#[component]
pub fn SitemapContent(site: Arc<SiteConfig>, counts: Vec<usize>, paths: SiteUrls) -> impl IntoView {
    let categories = site
        .categories
        .iter()
        .zip(counts)
        .map(|(category, count)| {
            let pages = paging::total_pages(count, site.page_size);
            view! {
                <li>
                    <a href=paths.category(&category.slug, 1)>{category.name.clone()}</a>
                    <span class="sitemap-count">{tf("共 {} 篇，{} 页", &[&count.to_string(), &pages.to_string()])}</span>
                </li>
            }
        })
        .collect_view();
    let others: Vec<_> = site
        .footer
        .links
        .iter()
        .filter_map(|link| {
            let href = paths.configured(link.href.as_deref()?);
            Some(view! { <li><a href=href>{link.text.clone()}</a></li> })
        })
        .collect();
    let others =
        (!others.is_empty()).then(|| view! { <h2>{t("其他页面")}</h2> <ul class="sitemap-list">{others}</ul> });
    view! {
        <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=Some((t("网站地图").to_string(), paths.sitemap()))/>
        <section class="sitemap-page" aria-labelledby="sitemap-title">
            <h1 id="sitemap-title">{t("网站地图")}</h1>
            <h2>{t("栏目")}</h2>
            <ul class="sitemap-list">
                <li><a href=paths.home()>{t("首页")}</a></li>
                {categories}
            </ul>
            {others}
        </section>
    }
}
