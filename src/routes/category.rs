//! `/category/:slug?page=N`: a category's articles, newest first, paged.

use crate::components::article_list::{links, ArticleList};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_meta::PageMeta;
use crate::components::pager::Pager;
use crate::components::portal_gate::with_portal;
use crate::data::PortalLoader;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use portal_core::paging;
use portal_core::paths::decode_component;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    let params = use_params_map();
    let query = use_query_map();
    with_portal(move |portal| {
        let slug = decode_component(&params.read().get("slug").unwrap_or_default());
        let site = &portal.site;
        let Some(category) = site.category(&slug) else {
            return view! { <NotFound portal=portal.clone() what="栏目"/> }.into_any();
        };
        let articles = portal.index.category(&slug);
        let page = paging::parse_page(query.read().get("page").as_deref()).and_then(|n| paging::page(articles.len(), site.page_size, n));
        let heading = category.name.clone();
        let body = match page {
            Ok(page) => {
                let items = links(&articles[page.start..page.end], &paths, site.offset_minutes());
                let list = if items.is_empty() { view! { <p class="empty">"该栏目暂无文章。"</p> }.into_any() } else { view! { <ArticleList items show_dates=true/> }.into_any() };
                view! { {list} <Pager page slug=slug.clone() paths=paths.clone()/> }.into_any()
            }
            Err(error) => view! {
                <div class="notice" role="alert">
                    <p>{error.to_string()}</p>
                    <p><a href=paths.category(&slug, 1)>"返回第 1 页"</a></p>
                </div>
            }
            .into_any(),
        };
        view! {
            <PageMeta title=heading.clone() description=format!("{}：{}栏目文章列表", site.name, heading) site_name=site.name.clone()/>
            <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=Some((heading.clone(), paths.category(&slug, 1)))/>
            <section class="category-page">
                <h1>{heading}</h1>
                {body}
            </section>
        }
        .into_any()
    })
}
