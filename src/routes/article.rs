//! `/article/:id`: the article page as the seed shows it, and more.

use crate::components::article_body::ArticleBody;
use crate::components::article_list::{links, ArticleLink};
use crate::components::article_meta::ArticleMeta;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::disclaimer::Disclaimer;
use crate::components::page_meta::PageMeta;
use crate::components::portal_gate::{with_portal, ErrorPanel, Loading};
use crate::components::prev_next::PrevNext;
use crate::components::related::Related;
use crate::components::share_bar::ShareBar;
use crate::components::side_blocks::SideBlocks;
use crate::data::{ArticleView, Portal, PortalLoader};
use crate::dom;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::paths::{decode_component, Paths};
use portal_core::{date, share};
use std::sync::Arc;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    with_portal(move |portal| {
        let id = decode_component(&params.read().get("id").unwrap_or_default());
        let source = portal.clone();
        // Local for a single feed; one small file per article in an archive.
        let article = LocalResource::new(move || source.clone().article(id.clone()));
        let retry = Callback::new(move |_| article.refetch());
        move || match article.get() {
            None => view! { <Loading/> }.into_any(),
            Some(Ok(Some(view))) => view! { <ArticleContent portal=portal.clone() view/> }.into_any(),
            Some(Ok(None)) => view! { <NotFound portal=portal.clone() what="文章"/> }.into_any(),
            Some(Err(error)) => view! { <ErrorPanel error retry/> }.into_any(),
        }
    })
}

#[component]
fn ArticleContent(portal: Arc<Portal>, view: Arc<ArticleView>) -> impl IntoView {
    dom::hand_over_from_prerender();
    let paths = expect_context::<PortalLoader>().paths;
    let site = &portal.site;
    let article = &view.article;
    let offset = site.offset_minutes();
    let category = article.category.as_deref().and_then(|slug| site.category(slug));
    let to_link = |r: &Option<portal_core::feed::ArticleRef>| r.clone().map(|r| ArticleLink::new(r, &paths, offset));
    let canonical = Paths::absolute(&dom::origin(), &paths.article(&article.id));
    let published = article
        .published
        .map(|at| (date::format_date_time(at, offset), date::format_rfc3339(at, offset)))
        .or_else(|| article.published_text.clone().map(|raw| (raw.clone(), raw)));
    view! {
        <PageMeta title=article.title.clone() description=article.summary.clone() site_name=site.name.clone()/>
        <div class="article-layout">
            <div class="article-column">
                <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=category.map(|c| (c.name.clone(), paths.category(&c.slug, 1)))/>
                <article class="article" aria-labelledby="article-title">
                    <header class="article-header">
                        {article.kicker.clone().map(|k| view! { <p class="kicker">{k}</p> })}
                        <h1 id="article-title">{article.title.clone()}</h1>
                        {article.subtitle.clone().map(|s| view! { <p class="subtitle">{s}</p> })}
                        <ArticleMeta published source=article.source.clone() editor=article.editor.clone() authors=article.authors.clone()/>
                    </header>
                    <ArticleBody nodes=article.body.clone()/>
                </article>
                <ShareBar url=canonical title=article.title.clone() targets=share::configured_targets(&site.share)/>
                <Disclaimer paragraphs=site.disclaimer.clone()/>
                <PrevNext previous=to_link(&view.previous) next=to_link(&view.next)/>
                <Related items=links(&view.related, &paths, offset)/>
            </div>
            <SideBlocks portal=portal.clone() paths=paths.clone()/>
        </div>
    }
}
