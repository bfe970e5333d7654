//! `/`: headline articles, then one block per category with [更多].

use crate::components::article_list::{links, ArticleList};
use crate::components::category_block::CategoryBlock;
use crate::components::page_data::load_site_page;
use crate::components::page_meta::PageMeta;
use crate::data::PortalLoader;
use crate::head::PageHead;
use crate::ui::{t, tf};
use leptos::prelude::*;
use portal_core::index::{FeedIndex, HEADLINES};
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::Arc;

#[component]
pub fn HomePage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    load_site_page(move |portal| {
        let site = portal.site.clone();
        view! {
            <PageMeta head=PageHead::home(&site)/>
            <HomeContent site front=portal.catalogue.front().clone() paths=paths.clone()/>
        }
    })
}

#[component]
pub fn HomeContent(site: Arc<SiteConfig>, front: Arc<FeedIndex>, paths: SiteUrls) -> impl IntoView {
    let offset = site.offset_minutes();
    let headlines = front.headlines(HEADLINES);
    let lead = headlines.first().map(|a| {
        let href = paths.article(&a.id);
        let image = a.image.clone().map(|src| view! { <img src=src alt="" width="640" height="400" loading="eager"/> });
        view! {
            <article class="lead-story">
                {image}
                <div>
                    <h2><a href=href>{a.title.clone()}</a></h2>
                    <p>{a.summary.clone()}</p>
                </div>
            </article>
        }
    });
    let more_headlines = links(&headlines.iter().skip(1).copied().collect::<Vec<_>>(), &paths, offset);
    let blocks = site
        .categories
        .iter()
        .map(|category| {
            let (site, front, category) = (site.clone(), front.clone(), category.clone());
            view! { <CategoryBlock site front category paths=paths.clone() show_dates=true/> }
        })
        .collect_view();
    view! {
        <h1 class="visually-hidden">{tf("{}首页", &[&site.name])}</h1>
        <section class="headlines" aria-labelledby="headlines-heading">
            <h2 id="headlines-heading" class="section-heading">{t("要闻")}</h2>
            {lead}
            <ArticleList items=more_headlines show_dates=true/>
        </section>
        <div class="home-blocks">{blocks}</div>
    }
}
