//! In an archive, fetches the file behind an article or category link as
//! soon as the reader points at, touches or focuses the link, so the click
//! usually finds it ready (the fetch takes a round trip; the click comes a
//! few hundred ms later).

use crate::data::{Portal, PortalLoader};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::paging::parse_page;
use portal_core::paths::decode_component;
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[component]
pub fn ArchivePrefetch() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let base = loader.paths.base().to_string();
    let on_intent = move |target: Option<web_sys::EventTarget>| {
        let Some(portal) = loader.resource.get_untracked().and_then(Result::ok) else { return };
        if portal.archive.is_none() {
            return;
        }
        let link = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok().flatten());
        if let Some(path) = link.and_then(|a| a.get_attribute("href")).and_then(|href| href.strip_prefix(&base).map(str::to_string)) {
            prefetch(portal, &path);
        }
    };
    let pointer = on_intent.clone();
    let focus = on_intent.clone();
    let handles = [
        window_event_listener(ev::pointerover, move |e| pointer(e.target())),
        window_event_listener(ev::focusin, move |e| focus(e.target())),
        window_event_listener(ev::touchstart, move |e| on_intent(e.target())),
    ];
    on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
}

/// `path` is a link's href below the base: `/article/<id>` or
/// `/category/<slug>?page=<n>`. Errors are shown if the reader does follow
/// the link.
fn prefetch(portal: Arc<Portal>, path: &str) {
    if let Some(id) = path.strip_prefix("/article/") {
        let id = decode_component(id);
        spawn_local(async move {
            let _ = portal.article(id).await;
        });
    } else if let Some(rest) = path.strip_prefix("/category/") {
        let (slug, query) = rest.split_once('?').unwrap_or((rest, ""));
        let page = query.strip_prefix("page=").map(|n| n.split('&').next().unwrap_or_default());
        let (slug, page) = (decode_component(slug), parse_page(page));
        spawn_local(async move {
            let _ = portal.category_page(slug, page).await;
        });
    }
}
