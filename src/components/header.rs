//! Site header: logo and name, the category navigation, 适老化 switch.

use crate::data::PortalLoader;
use crate::prefs;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::paths::Paths;
use portal_core::site::SiteConfig;
use std::sync::Arc;

/// The app's header: the site once it is loaded, the current page from the router.
#[component]
pub fn Header() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let location = use_location();
    let site = Signal::derive(move || loader.loaded().map(|portal| portal.site.clone()));
    Effect::new(move |_| {
        location.pathname.track();
        site.track();
        request_animation_frame(crate::dom::show_current_nav_item);
    });
    view! { <SiteHeader site current=location.pathname.into() paths/> }
}

/// `site` is `None` until site.json is read; `current` is the page's path.
#[component]
pub fn SiteHeader(site: Signal<Option<Arc<SiteConfig>>>, current: Signal<String>, paths: Paths) -> impl IntoView {
    let (elder, set_elder) = signal(prefs::saved_elder_mode());
    let home = paths.home();
    let (name_href, nav_href) = (home.clone(), home.clone());
    // Before site.json is read, or when it cannot be, the link still has a name.
    let name = move || site.get().map(|site| site.name.clone()).unwrap_or_else(|| "网站首页".to_string());
    let logo = move || site.get().and_then(|site| site.logo.clone());
    let mark = move |href: &str| (current.get() == href).then_some("page");
    let nav = move || {
        site.get().map(|site| {
            site.categories
                .iter()
                .map(|category| {
                    let href = paths.category(&category.slug, 1);
                    let current = mark(&href);
                    view! { <li><a href=href aria-current=current>{category.name.clone()}</a></li> }
                })
                .collect_view()
        })
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                <a class="site-name" href=name_href>
                    {move || logo().map(|src| view! { <img src=src alt="" width="48" height="48"/> })}
                    <span>{name}</span>
                </a>
                <button
                    type="button"
                    class="elder-toggle"
                    aria-pressed=move || elder.get().to_string()
                    on:click=move |_| {
                        let on = !elder.get();
                        prefs::set_elder_mode(on);
                        set_elder.set(on);
                    }
                >
                    {move || if elder.get() { "退出适老化" } else { "适老化模式" }}
                </button>
            </div>
            <nav class="site-nav" aria-label="栏目导航">
                <ul>
                    <li><a href=nav_href aria-current=move || mark(&home)>"首页"</a></li>
                    {nav}
                </ul>
            </nav>
        </header>
    }
}
