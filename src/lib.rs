//! The portal app: routes, page parts and the one module that fetches.
// A route's page erased to `AnyView` (components/page_data.rs) makes the
// compiler lay out the article page's whole view type at once when the app
// is built natively for portal-build: deeper than the default 128.
#![recursion_limit = "256"]

pub mod components;
pub mod data;
pub mod dom;
pub mod head;
pub mod prefs;
#[cfg(feature = "ssr")]
pub mod prerender;
pub mod routes;
pub mod speech;
pub mod ui;

use crate::ui::t;
use components::{
    footer::Footer, header::Header, mourning::MourningMode, page_announcer::PageAnnouncer, prefetch::ArchivePrefetch,
};
use leptos::prelude::*;

use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, StaticSegment};
use portal_core::urls::route;
use routes::{
    article::ArticlePage, category::CategoryPage, home::HomePage, not_found::NotFoundPage, search::SearchPage,
    sitemap::SitemapPage,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    ui::set_traditional(dom::page_is_traditional());
    prefs::apply_saved();
    let portal = data::PortalLoader::new();
    let base = portal.paths.base().to_string();
    provide_context(portal);

    view! {
        <Router base=base>
            <a class="skip-link" href="#main" on:click=|event| {
                // A plain #main would go through <base href> and the router.
                event.prevent_default();
                crate::dom::focus_element("main");
            }>{t("跳到正文")}</a>
            <Header/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFoundPage>
                    <Route path=StaticSegment("") view=HomePage/>
                    <Route path=StaticSegment("index.html") view=HomePage/>
                    <Route path=(StaticSegment(route::CATEGORY), ParamSegment("slug")) view=CategoryPage/>
                    <Route path=(StaticSegment(route::ARTICLE), ParamSegment("id")) view=ArticlePage/>
                    <Route path=StaticSegment(route::SITEMAP) view=SitemapPage/>
                    <Route path=StaticSegment(route::SEARCH) view=SearchPage/>
                </Routes>
            </main>
            <Footer/>
            <PageAnnouncer/>
            <ArchivePrefetch/>
            <MourningMode/>
        </Router>
    }
}
