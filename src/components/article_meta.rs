//! Under the title: publish date-time, 来源, 责任编辑, font switch, print.

use super::font_size::FontSizeSwitch;
use crate::dom;
use leptos::prelude::*;

#[component]
pub fn ArticleMeta(
    published: Option<(String, String)>,
    source: Option<String>,
    editor: Option<String>,
    authors: Vec<String>,
) -> impl IntoView {
    let authors = (!authors.is_empty()).then(|| view! { <span>"作者：" {authors.join("、")}</span> });
    view! {
        <div class="article-meta">
            {published.map(|(shown, machine)| view! { <time datetime=machine>{shown}</time> })}
            {source.map(|s| view! { <span>"来源：" {s}</span> })}
            {authors}
            {editor.map(|e| view! { <span>"责任编辑：" {e}</span> })}
        </div>
        <div class="article-tools">
            <FontSizeSwitch/>
            <button type="button" class="print-button" on:click=|_| dom::print_page()>"打印本页"</button>
        </div>
    }
}
