//! `/category/:slug?page=N`: a category's articles, newest first, paged.

use crate::components::article_list::{links, ArticleList};
use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_meta::PageMeta;
use crate::components::pager::Pager;
use crate::components::portal_gate::{with_portal, ErrorPanel, Loading};
use crate::data::{CategoryError, PortalLoader};
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
        let Some(category) = portal.site.category(&slug).cloned() else {
            return view! { <NotFound portal=portal.clone() what="栏目"/> }.into_any();
        };
        let number = paging::parse_page(query.read().get("page").as_deref());
        let source = portal.clone();
        let requested = slug.clone();
        // Local for a single feed; one page file per page in an archive.
        let page = LocalResource::new(move || source.clone().category_page(requested.clone(), number.clone()));
        let retry = Callback::new(move |_| page.refetch());
        let site = &portal.site;
        let heading = category.name.clone();
        let offset = site.offset_minutes();
        let paths = paths.clone();
        let for_missing = portal.clone();
        let body = move || match page.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Ok(loaded)) => {
                crate::dom::hand_over_from_prerender();
                let items = links(&loaded.items, &paths, offset);
                let list = if items.is_empty() { view! { <p class="empty">"该栏目暂无文章。"</p> }.into_any() } else { view! { <ArticleList items show_dates=true/> }.into_any() };
                view! { {list} <Pager page=loaded.page slug=slug.clone() paths=paths.clone()/> }.into_any()
            }
            Some(Err(CategoryError::Page(error))) => {
                crate::dom::hand_over_from_prerender();
                view! {
                    <div class="notice" role="alert">
                        <p>{error.to_string()}</p>
                        <p><a href=paths.category(&slug, 1)>"返回第 1 页"</a></p>
                    </div>
                }
                .into_any()
            }
            Some(Err(CategoryError::Load(error))) => view! { <ErrorPanel error retry/> }.into_any(),
            Some(Err(CategoryError::NoSuchCategory)) => view! { <NotFound portal=for_missing.clone() what="栏目"/> }.into_any(),
        };
        let home = expect_context::<PortalLoader>().paths;
        view! {
            <PageMeta title=heading.clone() description=format!("{}：{}栏目文章列表", site.name, heading) site_name=site.name.clone()/>
            <Breadcrumb site_name=site.name.clone() home_href=home.home() category=Some((heading.clone(), home.category(&category.slug, 1)))/>
            <section class="category-page">
                <h1>{heading}</h1>
                {body}
            </section>
        }
        .into_any()
    })
}
