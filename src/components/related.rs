//! 相关阅读.

use super::article_list::{ArticleLink, ArticleList};
use crate::ui::t;
use leptos::prelude::*;

#[component]
pub fn Related(items: Vec<ArticleLink>) -> impl IntoView {
    view! {
        <section class="related" aria-labelledby="related-heading">
            <h2 id="related-heading">{t("相关阅读")}</h2>
            {if items.is_empty() { view! { <p class="empty">{t("暂无相关文章")}</p> }.into_any() } else { view! { <ArticleList items show_dates=true/> }.into_any() }}
        </section>
    }
}
