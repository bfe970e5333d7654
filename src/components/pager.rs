//! Page numbers with previous and next for category lists.

use leptos::prelude::*;
use portal_core::paging::{pager_numbers, Page};
use portal_core::paths::Paths;

#[component]
pub fn Pager(page: Page, slug: String, paths: Paths) -> impl IntoView {
    (page.total_pages > 1).then(|| {
        let href = move |n: usize| paths.category(&slug, n);
        let previous = (page.number > 1).then(|| href(page.number - 1));
        let next = (page.number < page.total_pages).then(|| href(page.number + 1));
        let numbers = pager_numbers(page.number, page.total_pages)
            .into_iter()
            .map(|n| match n {
                Some(n) if n == page.number => view! { <li><a href=href(n) aria-current="page" aria-label=format!("第 {n} 页，当前页")>{n}</a></li> }.into_any(),
                Some(n) => view! { <li><a href=href(n) aria-label=format!("第 {n} 页")>{n}</a></li> }.into_any(),
                None => view! { <li aria-hidden="true">"…"</li> }.into_any(),
            })
            .collect_view();
        view! {
            <nav class="pager" aria-label="分页">
                <ul>
                    <li>{match previous {
                        Some(h) => view! { <a href=h rel="prev">"上一页"</a> }.into_any(),
                        None => view! { <span class="disabled" aria-disabled="true">"上一页"</span> }.into_any(),
                    }}</li>
                    {numbers}
                    <li>{match next {
                        Some(h) => view! { <a href=h rel="next">"下一页"</a> }.into_any(),
                        None => view! { <span class="disabled" aria-disabled="true">"下一页"</span> }.into_any(),
                    }}</li>
                </ul>
                <p class="pager-summary">{format!("第 {} 页，共 {} 页", page.number, page.total_pages)}</p>
            </nav>
        }
    })
}
