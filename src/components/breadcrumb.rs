//! 当前位置: site name > category >

use crate::ui::t;
use leptos::prelude::*;

#[component]
pub fn Breadcrumb(site_name: String, home_href: String, category: Option<(String, String)>) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label=t("当前位置")>
            <span class="breadcrumb-label">{t("当前位置：")}</span>
            <ol>
                <li><a href=home_href>{site_name}</a></li>
                {category.map(|(name, href)| view! { <li><a href=href>{name}</a></li> })}
            </ol>
        </nav>
    }
}
