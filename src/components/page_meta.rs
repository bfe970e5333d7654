//! The document title and meta description of a page.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(into)] site_name: String,
) -> impl IntoView {
    let full = if title.is_empty() { site_name } else { format!("{title} - {site_name}") };
    view! {
        <Title text=full/>
        <Meta name="description" content=description/>
    }
}
