//! In an archive, fetches the file behind an article or category link as
//! soon as the reader points at, touches or focuses the link, so the click
//! usually finds it ready (the fetch takes a round trip; the click comes a
//! few hundred ms later).

use crate::data::{Portal, PortalLoader};
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::urls::{LinkTarget, SiteUrls};
use std::sync::Arc;
use wasm_bindgen::JsCast;

#[component]
pub fn ArchivePrefetch() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let on_intent = move |target: Option<web_sys::EventTarget>| {
        let Some(portal) = loader.resource.get_untracked().and_then(Result::ok) else { return };
        if !portal.catalogue.lazy() {
            return;
        }
        let link = target
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten());
        if let Some(href) = link.and_then(|a| a.get_attribute("href")) {
            prefetch(portal, &paths, &href);
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

/// Errors are shown if the reader does follow the link.
fn prefetch(portal: Arc<Portal>, paths: &SiteUrls, href: &str) {
    match paths.target(href) {
        Some(LinkTarget::Article(id)) => spawn_local(async move {
            let _ = portal.article(id).await;
        }),
        Some(LinkTarget::Category(slug, page)) => spawn_local(async move {
            let _ = portal.category_page(slug, page).await;
        }),
        None => {}
    }
}
