//! After an in-app navigation: focus the new page's heading and announce
//! its title in a live region, as a full page load would.

use crate::dom;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::time::Duration;

#[component]
pub fn PageAnnouncer() -> impl IntoView {
    let location = use_location();
    let (message, set_message) = signal(String::new());
    // The address last seen: the effect may run again for the same one,
    // which is no navigation (and must not move the reader's focus).
    let shown = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let address = format!("{}?{}", location.pathname.get(), location.search.get());
        let previous = shown.get_value();
        if previous.as_ref() == Some(&address) {
            return;
        }
        shown.set_value(Some(address));
        if previous.is_none() {
            return;
        }
        // Let the new route render and set its title first.
        announce_when_shown(set_message, LOOKS);
    });
    view! { <div class="visually-hidden" aria-live="polite" aria-atomic="true" id="route-announcer">{message}</div> }
}

/// How many times to look for a loading route's page: 5 s at most.
const LOOKS: u32 = 100;

/// Focuses the new page's heading and announces its title once the page
/// has loaded (a route that fetches shows a skeleton first): first after
/// 30 ms, then every 50 ms, `tries` more times at most.
fn announce_when_shown(set_message: WriteSignal<String>, tries: u32) {
    set_timeout(
        move || {
            if dom::page_is_loading() && tries > 0 {
                announce_when_shown(set_message, tries - 1);
                return;
            }
            dom::focus_main_heading();
            set_message.set(dom::document_title());
        },
        Duration::from_millis(if tries == LOOKS { 30 } else { 50 }),
    );
}
