//! `/category/:slug?page=N`: a category's articles, newest first, paged.

use crate::components::article_list::{links, ArticleList, ArticleTable};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_data::load_page;
use crate::components::page_meta::PageMeta;
use crate::components::pager::Pager;
use crate::data::PortalLoader;
use crate::head::PageHead;
use crate::ui::t;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_core::index::CategoryListing;
use portal_core::paging;
use portal_core::site::SiteConfig;
use portal_core::urls::{decode_component, SiteUrls};
use std::sync::Arc;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || decode_component(&params.read().get("slug").unwrap_or_default());
    let number = move || paging::parse_page(query.read().get("page").as_deref());
    load_page(
        "栏目",
        move |portal| portal.category_page(slug(), number()),
        move |portal, listing| {
            let site = portal.site.clone();
            let name = site.category(&listing.slug).map(|c| c.name.clone()).unwrap_or_default();
            view! {
                <PageMeta head=PageHead::category(&site, &name)/>
                <CategoryContent site listing paths=paths.clone()/>
            }
        },
    )
}

/// One page of a category's list, with its pager.
#[component]
pub fn CategoryContent(site: Arc<SiteConfig>, listing: CategoryListing, paths: SiteUrls) -> impl IntoView {
    let category = site.category(&listing.slug);
    let name = category.map(|c| c.name.clone()).unwrap_or_default();
    let items = links(&listing.items, &paths, site.offset_minutes());
    let list = if items.is_empty() {
        view! { <p class="empty">{t("该栏目暂无文章。")}</p> }.into_any()
    } else if category.is_some_and(|c| c.list_as_table) {
        view! { <ArticleTable items caption=name.clone()/> }.into_any()
    } else {
        view! { <ArticleList items show_dates=true/> }.into_any()
    };
    view! {
        <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=Some((name.clone(), paths.category(&listing.slug, 1)))/>
        <section class="category-page">
            <h1>{name}</h1>
            {list}
            <Pager page=listing.page href=Arc::new(move |n| paths.category(&listing.slug, n))/>
        </section>
    }
}
