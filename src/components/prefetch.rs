//! In an archive, fetches an article's file as soon as the reader points at,
//! touches or focuses a link to it, so the click usually finds it ready
//! (the fetch takes a round trip; the click comes a few hundred ms later).

use crate::data::PortalLoader;
use leptos::ev;
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::paths::decode_component;
use wasm_bindgen::JsCast;

#[component]
pub fn ArticlePrefetch() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let prefix = format!("{}/article/", loader.paths.base());
    let on_intent = move |target: Option<web_sys::EventTarget>| {
        let Some(portal) = loader.resource.get_untracked().and_then(Result::ok) else { return };
        if portal.archive.is_none() {
            return;
        }
        let link = target.and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok().flatten());
        let Some(href) = link.and_then(|a| a.get_attribute("href")) else { return };
        if let Some(id) = href.strip_prefix(&prefix) {
            let id = decode_component(id);
            spawn_local(async move {
                // Errors are shown if the reader does follow the link.
                let _ = portal.article(id).await;
            });
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
