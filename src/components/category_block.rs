//! A category's newest articles under its name, with [更多]: the home
//! page's blocks and the side blocks.

use super::article_list::{links, ArticleList};
use crate::ui::t;
use leptos::prelude::*;
use portal_core::index::FeedIndex;
use portal_core::site::{Category, SiteConfig};
use portal_core::urls::SiteUrls;
use std::sync::Arc;

/// `category`'s newest `site.block_size` articles in `front`, the feed the
/// home page shows (see `data::Catalogue::front`).
#[component]
pub fn CategoryBlock(
    site: Arc<SiteConfig>,
    front: Arc<FeedIndex>,
    category: Category,
    paths: SiteUrls,
    show_dates: bool,
) -> impl IntoView {
    let items: Vec<_> = front.category(&category.slug).into_iter().take(site.block_size).collect();
    let items = links(&items, &paths, site.offset_minutes());
    let more_href = paths.category(&category.slug, 1);
    let list = if items.is_empty() {
        view! { <p class="empty">{t("暂无文章")}</p> }.into_any()
    } else {
        view! { <ArticleList items show_dates/> }.into_any()
    };
    view! {
        <section class="category-block">
            <div class="block-heading">
                <h2>{category.name.clone()}</h2>
                <a class="more" href=more_href>{t("[更多")} <span class="visually-hidden">{category.name}</span> "]"</a>
            </div>
            {list}
        </section>
    }
}
