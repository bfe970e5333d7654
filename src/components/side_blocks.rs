//! Side blocks (媒体聚焦 / 产业发展 / 社会事业 …): a category's latest
//! items and a [更多] link, as configured in `site.json`.

use super::article_list::{links, ArticleList};
use crate::ui::t;
use leptos::prelude::*;
use portal_core::index::FeedIndex;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::Arc;

/// `front` is the feed the home page shows (see `data::Catalogue::front`).
#[component]
pub fn SideBlocks(site: Arc<SiteConfig>, front: Arc<FeedIndex>, paths: SiteUrls) -> impl IntoView {
    let offset = site.offset_minutes();
    let blocks = site
        .side_blocks
        .iter()
        .filter_map(|slug| site.category(slug))
        .map(|category| {
            let items: Vec<_> = front.category(&category.slug).into_iter().take(site.block_size).collect();
            view! {
                <CategoryBlock
                    heading=category.name.clone()
                    more_href=paths.category(&category.slug, 1)
                    items=links(&items, &paths, offset)
                    show_dates=false
                />
            }
        })
        .collect_view();
    view! { <aside class="side-blocks" aria-label=t("栏目推荐")>{blocks}</aside> }
}

/// A titled block of links with [更多]; used on the home page too.
#[component]
pub fn CategoryBlock(
    heading: String,
    more_href: String,
    items: Vec<super::article_list::ArticleLink>,
    show_dates: bool,
) -> impl IntoView {
    let more_label = heading.clone();
    let empty = items.is_empty();
    view! {
        <section class="category-block">
            <div class="block-heading">
                <h2>{heading}</h2>
                <a class="more" href=more_href>{t("[更多")} <span class="visually-hidden">{more_label}</span> "]"</a>
            </div>
            {if empty { view! { <p class="empty">{t("暂无文章")}</p> }.into_any() } else { view! { <ArticleList items show_dates/> }.into_any() }}
        </section>
    }
}
