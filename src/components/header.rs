//! Site header: logo and name, the category navigation, 适老化 switch.

use crate::data::PortalLoader;
use crate::prefs;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Header() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let location = use_location();
    let (elder, set_elder) = signal(prefs::saved_elder_mode());
    let home = paths.home();
    let site = move || loader.resource.get().and_then(Result::ok);
    // Before site.json is read, or when it cannot be, the link still has a name.
    let name = move || site().map(|p| p.site.name.clone()).unwrap_or_else(|| "网站首页".to_string());
    let logo = move || site().and_then(|p| p.site.logo.clone());
    let nav = move || {
        let paths = paths.clone();
        site().map(|portal| {
            let current = location.pathname.get();
            portal
                .site
                .categories
                .iter()
                .map(|category| {
                    let href = paths.category(&category.slug, 1);
                    let current = (current == href).then_some("page");
                    view! { <li><a href=href aria-current=current>{category.name.clone()}</a></li> }
                })
                .collect_view()
        })
    };
    view! {
        <header class="site-header">
            <div class="header-inner">
                <a class="site-name" href=home.clone()>
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
                    <li><a href=home.clone() aria-current=move || (location.pathname.get() == home).then_some("page")>"首页"</a></li>
                    {nav}
                </ul>
            </nav>
        </header>
    }
}
