//! Site header: logo and name, the category navigation, 适老化 switch.

use crate::components::search_box::SearchBox;
use crate::data::PortalLoader;
use crate::prefs;
use crate::ui::{t, SWITCH_TO_SIMPLIFIED, SWITCH_TO_TRADITIONAL};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::site::SiteConfig;
use portal_core::urls::{OtherScript, SiteUrls};
use std::sync::Arc;

/// The app's header: the site once it is loaded, the current page from the router.
#[component]
pub fn Header() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let location = use_location();
    let loaded = loader.loaded_fn();
    let site = Signal::derive(move || loaded().map(|portal| portal.site.clone()));
    Effect::new(move |_| {
        location.pathname.track();
        site.track();
        request_animation_frame(crate::dom::show_current_nav_item);
    });
    let other_script = crate::dom::other_script();
    let searchable = Signal::derive(move || loaded().is_some_and(|portal| portal.catalogue.searchable()));
    let navigate = leptos_router::hooks::use_navigate();
    let on_search = Callback::new(move |href: String| navigate(&href, Default::default()));
    // The folding table on its way while the reader types the query.
    let on_focus = Callback::new(move |()| {
        if let Some(portal) = loaded() {
            leptos::task::spawn_local(async move { drop(portal.folding().await) });
        }
    });
    let search = Some((on_search, on_focus));
    view! { <SiteHeader site current=location.pathname.into() paths other_script searchable search/> }
}

/// `site` is `None` until site.json is read; `current` is the page's path;
/// `other_script` the 繁體 (or 简体) copy of the site, if there is one;
/// `searchable` whether to offer the search box, whose submit and focus
/// `search` takes in the app.
#[component]
pub fn SiteHeader(
    site: Signal<Option<Arc<SiteConfig>>>,
    current: Signal<String>,
    paths: SiteUrls,
    other_script: Option<OtherScript>,
    searchable: Signal<bool>,
    search: Option<(Callback<String>, Callback<()>)>,
) -> impl IntoView {
    let search_path = paths.search();
    let (on_search, on_focus) = (search.map(|s| s.0), search.map(|s| s.1));
    let search_box =
        move || searchable.get().then(|| view! { <SearchBox action=search_path.clone() on_search on_focus/> });
    let (elder, set_elder) = signal(prefs::saved_elder_mode());
    let home = paths.home();
    let (name_href, nav_href) = (home.clone(), home.clone());
    let switch = other_script.map(|other| view! { <ScriptSwitch other current paths=paths.clone()/> });
    // Before site.json is read, or when it cannot be, the link still has a name.
    let name = move || site.get().map(|site| site.name.clone()).unwrap_or_else(|| t("网站首页").to_string());
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
                {search_box}
                <div class="header-tools">
                    {switch}
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
                        {move || if elder.get() { t("退出适老化") } else { t("适老化模式") }}
                    </button>
                </div>
            </div>
            <nav class="site-nav" aria-label=t("栏目导航")>
                <ul>
                    <li><a href=nav_href aria-current=move || mark(&home)>{t("首页")}</a></li>
                    {nav}
                </ul>
            </nav>
        </header>
    }
}

/// 简 / 繁: the same page in the other script, a page of the other tree
/// (so not the router's), and the choice kept for the next visit (boot.js).
#[component]
fn ScriptSwitch(other: OtherScript, current: Signal<String>, paths: SiteUrls) -> impl IntoView {
    let traditional = other.traditional;
    let (text, name, lang) = if traditional { SWITCH_TO_TRADITIONAL } else { SWITCH_TO_SIMPLIFIED };
    view! {
        <a
            class="script-switch"
            href=move || paths.in_other_script(&other, &current.get())
            rel="external"
            lang=lang
            aria-label=name
            on:click=move |_| prefs::set_traditional(traditional)
        >
            {text}
        </a>
    }
}
