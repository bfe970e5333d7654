//! Unknown routes: the not-found page (`components/page_states.rs`), once
//! the site is loaded for its ways on.

use crate::components::page_data::load_page;
use crate::data::LookupError;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    load_page("页面", |_| async { Err::<(), _>(LookupError::NotFound) }, |_, ()| ())
}
