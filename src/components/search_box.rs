//! The header's search box: a GET form to the results page, so it works on
//! a pre-rendered page before the app starts, and without it. In the app,
//! `on_search` takes the submitted address and the router shows it, and
//! `on_focus` lets the app fetch what a search needs while the reader types.

use crate::ui::t;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use portal_core::search::MAX_QUERY_CHARS;

#[component]
pub fn SearchBox(action: String, on_search: Option<Callback<String>>, on_focus: Option<Callback<()>>) -> impl IntoView {
    let target = action.clone();
    let submit = move |event: SubmitEvent| {
        let Some(on_search) = on_search else { return };
        if let Some(href) = crate::dom::submitted_search(&event, &target) {
            event.prevent_default();
            on_search.run(href);
        }
    };
    view! {
        <form class="site-search" role="search" action=action method="get" on:submit=submit>
            <label for="site-search-q" class="visually-hidden">{t("搜索本站")}</label>
            <input
                type="search"
                id="site-search-q"
                name="q"
                maxlength=MAX_QUERY_CHARS
                placeholder=t("搜索本站")
                on:focus=move |_| {
                    if let Some(on_focus) = on_focus {
                        on_focus.run(());
                    }
                }
            />
            <button type="submit">{t("搜索")}</button>
        </form>
    }
}
