//! `/search?q=…&category=…&from=…&to=…&sort=date&page=N`: 站内搜索's
//! results, with their filters; the address says everything, so a search
//! can be shared and reloaded.

use crate::components::breadcrumb::Breadcrumb;
use crate::components::page_data::load_page;
use crate::components::page_meta::PageMeta;
use crate::components::pager::Pager;
use crate::data::{PortalLoader, SearchHit, SearchOutcome, SearchResults};
use crate::head::PageHead;
use crate::ui::{t, tf};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use portal_core::date;
use portal_core::paging;
use portal_core::search::{Request, Sort, MAX_QUERY_CHARS, PAGE_SIZE};
use portal_core::search_pages::Count;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::Arc;

#[component]
pub fn SearchPage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    let query = use_query_map();
    let request = move || Request::from_params(|key| query.read().get(key));
    load_page(
        "搜索结果",
        move |portal| portal.search(request()),
        move |portal, results| {
            let site = portal.site.clone();
            view! {
                <PageMeta head=PageHead::search(&site)/>
                <SearchContent site results paths=paths.clone()/>
            }
        },
    )
}

#[component]
fn SearchContent(site: Arc<SiteConfig>, results: SearchResults, paths: SiteUrls) -> impl IntoView {
    let search_path = paths.search();
    let request = results.request.clone();
    let outcome = match results.outcome {
        SearchOutcome::Refused(template, values) => {
            view! { <p class="notice" role="status">{portal_core::fill(t(template), &values)}</p> }.into_any()
        }
        SearchOutcome::NothingFound => {
            view! { <NothingFound request=request.clone() search_path=search_path.clone()/> }.into_any()
        }
        SearchOutcome::Found { count, page, hits } => {
            // An estimate until every candidate is checked: the pager then
            // links the pages known to exist, and says about how many there are.
            let (summary, about_pages) = match count {
                Count::Exact(n) => (tf("找到 {} 篇与“{}”有关的文章", &[&n.to_string(), &request.q]), None),
                Count::About(n) => (
                    tf("找到约 {} 篇与“{}”有关的文章", &[&n.to_string(), &request.q]),
                    Some(paging::total_pages(n, PAGE_SIZE).max(page.total_pages)),
                ),
            };
            let hits =
                hits.into_iter().map(|hit| view! { <Hit hit site=site.clone() paths=paths.clone()/> }).collect_view();
            let (request, search_path) = (request.clone(), search_path.clone());
            let pager = view! { <Pager page about_pages href=Arc::new(move |n| request.href(&search_path, n))/> };
            view! {
                <p class="search-summary" role="status">{summary}</p>
                <ol class="search-results">{hits}</ol>
                {pager}
            }
            .into_any()
        }
    };
    view! {
        <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=Some((t("搜索结果").to_string(), search_path.clone()))/>
        <section class="search-page" aria-labelledby="search-title">
            <h1 id="search-title">{t("搜索结果")}</h1>
            <SearchForm site request search_path/>
            {outcome}
        </section>
    }
}

/// The query and its filters, to change and search again (from page 1).
#[component]
fn SearchForm(site: Arc<SiteConfig>, request: Request, search_path: String) -> impl IntoView {
    let navigate = use_navigate();
    let action = search_path.clone();
    let submit = move |event: SubmitEvent| {
        if let Some(href) = crate::dom::submitted_search(&event, &search_path) {
            event.prevent_default();
            navigate(&href, Default::default());
        }
    };
    let options = site
        .categories
        .iter()
        .map(|c| {
            let selected = request.category.as_deref() == Some(c.slug.as_str());
            view! { <option value=c.slug.clone() selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    let by_date = request.sort == Sort::Date;
    view! {
        <form class="search-form" role="search" action=action method="get" on:submit=submit>
            <p>
                <label for="search-q">{t("搜索词")}</label>
                <input type="search" id="search-q" name="q" maxlength=MAX_QUERY_CHARS value=request.q.clone()/>
            </p>
            <p>
                <label for="search-category">{t("栏目")}</label>
                <select id="search-category" name="category">
                    <option value="" selected=request.category.is_none()>{t("全部栏目")}</option>
                    {options}
                </select>
            </p>
            <p>
                <label for="search-from">{t("起始日期")}</label>
                <input type="date" id="search-from" name="from" value=request.from.clone()/>
            </p>
            <p>
                <label for="search-to">{t("截止日期")}</label>
                <input type="date" id="search-to" name="to" value=request.to.clone()/>
            </p>
            <p>
                <label for="search-sort">{t("排序")}</label>
                <select id="search-sort" name="sort">
                    <option value="relevance" selected=!by_date>{t("按相关度")}</option>
                    <option value="date" selected=by_date>{t("按日期")}</option>
                </select>
            </p>
            <button type="submit">{t("搜索")}</button>
        </form>
    }
}

/// One result: the title linked, date and 栏目, the text around the match.
#[component]
fn Hit(hit: SearchHit, site: Arc<SiteConfig>, paths: SiteUrls) -> impl IntoView {
    let offset = site.offset_minutes();
    let date = hit.article.published.map(|at| {
        view! { <time datetime=date::format_rfc3339(at, offset)>{date::format_date(at, offset)}</time> }
    });
    let category = hit.category.as_deref().and_then(|slug| site.category(slug)).map(|c| {
        view! { <a href=paths.category(&c.slug, 1)>{c.name.clone()}</a> }
    });
    let snippet = hit
        .snippet
        .into_iter()
        .map(|(text, marked)| if marked { view! { <mark>{text}</mark> }.into_any() } else { text.into_any() })
        .collect_view();
    view! {
        <li>
            <h2><a href=paths.article(&hit.article.id)>{hit.article.title}</a></h2>
            <p class="search-meta">{date}" "{category}</p>
            <p class="search-snippet">{snippet}</p>
        </li>
    }
}

/// 未找到: what was searched for, and the way out when filters narrowed it.
#[component]
fn NothingFound(request: Request, search_path: String) -> impl IntoView {
    let wider = request.has_filters().then(|| {
        let href = Request { q: request.q.clone(), sort: request.sort, ..Request::default() }.href(&search_path, 1);
        view! { <p><a href=href>{t("去掉栏目和日期条件，再搜索一次")}</a></p> }
    });
    view! {
        <div class="search-empty" role="status">
            <p>{tf("未找到与“{}”有关的文章。", &[&request.q])}</p>
            <p>{t("请检查错别字，或换用更短、更常见的词。")}</p>
            {wider}
        </div>
    }
}
