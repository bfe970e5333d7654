//! 国家哀悼日: on the days `site.json` lists (in the site's time zone), or
//! while its switch is on, every page is greyscale (`html[data-mourning]`).
//! Looked at again when the date changes, for a page left open overnight.
//! Pre-rendered pages get the same from boot.js before the app starts.

use crate::data::PortalLoader;
use crate::dom;
use leptos::prelude::*;
use portal_core::date;
use std::time::Duration;

#[component]
pub fn MourningMode() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let (day, next_day) = signal(0_u32);
    Effect::new(move |_| {
        day.track();
        let Some(portal) = loader.loaded() else { return };
        let now = dom::now();
        dom::set_root_attribute("data-mourning", if portal.site.mourning_at(now) { "on" } else { "off" });
        let wait = date::seconds_to_next_day(now, portal.site.offset_minutes()) as u64;
        set_timeout(move || next_day.update(|day| *day += 1), Duration::from_secs(wait + 1));
    });
}
