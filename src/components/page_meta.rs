//! The document title and meta description of a page (`crate::head`).

use crate::head::PageHead;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PageMeta(head: PageHead) -> impl IntoView {
    view! {
        <Title text=head.title/>
        <Meta name="description" content=head.description/>
    }
}
