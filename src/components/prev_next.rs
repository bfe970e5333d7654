//! 上一篇 / 下一篇 within the article's category.

use super::article_list::ArticleLink;
use crate::ui::t;
use leptos::prelude::*;

#[component]
pub fn PrevNext(previous: Option<ArticleLink>, next: Option<ArticleLink>) -> impl IntoView {
    let row = |label: &'static str, link: Option<ArticleLink>| {
        view! {
            <li>
                <span class="prev-next-label">{label}</span>
                {match link {
                    Some(link) => view! { <a href=link.href>{link.title}</a> }.into_any(),
                    None => view! { <span>{t("没有了")}</span> }.into_any(),
                }}
            </li>
        }
    };
    view! {
        <nav class="prev-next" aria-label=t("上一篇和下一篇")>
            <ul>
                {row(t("上一篇："), previous)}
                {row(t("下一篇："), next)}
            </ul>
        </nav>
    }
}
