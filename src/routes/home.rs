//! `/`: headline articles, then one block per category with [更多].

use crate::components::article_list::{links, ArticleList};
use crate::components::page_meta::PageMeta;
use crate::components::portal_gate::with_portal;
use crate::components::side_blocks::CategoryBlock;
use crate::data::PortalLoader;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    with_portal(move |portal| {
        crate::dom::hand_over_from_prerender();
        let site = &portal.site;
        let offset = site.offset_minutes();
        let headlines = portal.index.headlines(portal_core::index::HEADLINES);
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
                let items: Vec<_> = portal.index.category(&category.slug).into_iter().take(site.block_size).collect();
                view! { <CategoryBlock heading=category.name.clone() more_href=paths.category(&category.slug, 1) items=links(&items, &paths, offset) show_dates=true/> }
            })
            .collect_view();
        view! {
            <PageMeta title="" description=site.description.clone().unwrap_or_else(|| site.name.clone()) site_name=site.name.clone()/>
            <h1 class="visually-hidden">{format!("{}首页", site.name)}</h1>
            <section class="headlines" aria-labelledby="headlines-heading">
                <h2 id="headlines-heading" class="section-heading">"要闻"</h2>
                {lead}
                <ArticleList items=more_headlines show_dates=true/>
            </section>
            <div class="home-blocks">{blocks}</div>
        }
    })
}
