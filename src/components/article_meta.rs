//! Under the title: publish date-time, 来源, 责任编辑, font switch, 朗读, print.

use super::font_size::FontSizeSwitch;
use super::read_aloud::ReadAloud;
use crate::dom;
use crate::ui::t;
use leptos::prelude::*;
use portal_core::index::ArticleView;
use std::sync::Arc;

#[component]
pub fn ArticleMeta(
    published: Option<(String, String)>,
    source: Option<String>,
    editor: Option<String>,
    authors: Vec<String>,
    /// The article 朗读 reads.
    reading: Arc<ArticleView>,
) -> impl IntoView {
    let authors = (!authors.is_empty()).then(|| view! { <span>{t("作者：")} {authors.join(t("、"))}</span> });
    view! {
        <div class="article-meta">
            {published.map(|(shown, machine)| view! { <time datetime=machine>{shown}</time> })}
            {source.map(|s| view! { <span>{t("来源：")} {s}</span> })}
            {authors}
            {editor.map(|e| view! { <span>{t("责任编辑：")} {e}</span> })}
        </div>
        <div class="article-tools">
            <FontSizeSwitch/>
            <ReadAloud article=reading/>
            <button type="button" class="print-button" on:click=|_| dom::print_page()>{t("打印本页")}</button>
        </div>
    }
}
