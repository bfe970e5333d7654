//! Page numbers with previous and next, for category lists and search results.

use crate::ui::{t, tf};
use leptos::prelude::*;
use portal_core::paging::{pager_numbers, Page};
use std::sync::Arc;

/// `href(n)` is the address of page `n`. `about_pages`: about how many
/// pages there are, when `page.total_pages` are only those known to exist.
#[component]
pub fn Pager(
    page: Page,
    href: Arc<dyn Fn(usize) -> String + Send + Sync>,
    #[prop(default = None)] about_pages: Option<usize>,
) -> impl IntoView {
    (page.total_pages > 1).then(|| {
        let previous = (page.number > 1).then(|| href(page.number - 1));
        let next = (page.number < page.total_pages).then(|| href(page.number + 1));
        let numbers = pager_numbers(page.number, page.total_pages)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == page.number => view! { <li><a href=href(n) aria-current="page" aria-label=tf("第 {} 页，当前页", &[&n.to_string()])>{n}</a></li> }.into_any(),
                Some(n) => view! { <li><a href=href(n) aria-label=tf("第 {} 页", &[&n.to_string()])>{n}</a></li> }.into_any(),
                None => view! { <li aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label=t("分页")>
                <ul>
                    <li>{match previous {
                        Some(h) => view! { <a href=h rel="prev">{t("上一页")}</a> }.into_any(),
                        None => view! { <span class="disabled" aria-disabled="true">{t("上一页")}</span> }.into_any(),
                    }}</li>
                    {numbers}
                    <li>{match next {
                        Some(h) => view! { <a href=h rel="next">{t("下一页")}</a> }.into_any(),
                        None => view! { <span class="disabled" aria-disabled="true">{t("下一页")}</span> }.into_any(),
                    }}</li>
                </ul>
                <p class="pager-summary">{match about_pages {
                    Some(about) => tf("第 {} 页，共约 {} 页", &[&page.number.to_string(), &about.to_string()]),
                    None => tf("第 {} 页，共 {} 页", &[&page.number.to_string(), &page.total_pages.to_string()]),
                }}</p>
            </nav>
        }
    })
}
