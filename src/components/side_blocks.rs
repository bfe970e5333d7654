//! Side blocks (媒体聚焦 / 产业发展 / 社会事业 …): the categories
//! `site.json` names, each a `CategoryBlock`.

use super::category_block::CategoryBlock;
use crate::ui::t;
use leptos::prelude::*;
use portal_core::index::FeedIndex;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use std::sync::Arc;

/// `front` is the feed the home page shows (see `data::Catalogue::front`).
#[component]
pub fn SideBlocks(site: Arc<SiteConfig>, front: Arc<FeedIndex>, paths: SiteUrls) -> impl IntoView {
    let blocks = site
        .side_blocks
        .iter()
        .filter_map(|slug| site.category(slug))
        .map(|category| {
            let (site, front, category) = (site.clone(), front.clone(), category.clone());
            view! { <CategoryBlock site front category paths=paths.clone() show_dates=false/> }
        })
        .collect_view();
    view! { <aside class="side-blocks" aria-label=t("栏目推荐")>{blocks}</aside> }
}
