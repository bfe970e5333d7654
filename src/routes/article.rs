//! `/article/:id`: the article page as the seed shows it, and more.
//!
//! While its data loads (the site, the feed, in an archive the article's
//! file) the page is `load_page`'s: portal-build's pre-rendered article if
//! the reader came in on one, else the grey `Skeleton` of
//! `components/page_states.rs`; then this article, or the not-found page
//! or the error panel (the hops: `components/page_data.rs`).

use crate::components::article_body::ArticleBody;
use crate::components::article_list::{links, ArticleLink};
use crate::components::article_meta::ArticleMeta;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::disclaimer::Disclaimer;
use crate::components::page_data::load_page;
use crate::components::page_meta::PageMeta;
use crate::components::policy::{Attachments, EndedNotice, PolicyLinks, PolicyTable};
use crate::components::prev_next::PrevNext;
use crate::components::related::Related;
use crate::components::share_bar::ShareBar;
use crate::components::side_blocks::SideBlocks;
use crate::data::PortalLoader;
use crate::head::PageHead;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::feed::ArticleRef;
use portal_core::index::ArticleView;
use portal_core::site::SiteConfig;
use portal_core::urls::{decode_component, SiteUrls};
use portal_core::{date, share};
use std::sync::Arc;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    let paths = expect_context::<PortalLoader>().paths;
    let id = move || decode_component(&params.read().get("id").unwrap_or_default());
    load_page(
        "文章",
        move |portal| portal.article(id()),
        move |portal, view| {
            let url = portal.urls.canonical(&paths.article(&view.article.id));
            let (site, front) = (portal.site.clone(), portal.catalogue.front().clone());
            let side = view! { <SideBlocks site=site.clone() front paths=paths.clone()/> }.into_any();
            view! {
                <PageMeta head=PageHead::article(&site, &view.article)/>
                <ArticleContent site view paths=paths.clone() url side/>
            }
        },
    )
}

/// The article and, beside it, `side` (the side blocks, the same on every
/// article page: portal-build renders them once). `url` is the article's
/// canonical address, for sharing.
#[component]
pub fn ArticleContent(
    site: Arc<SiteConfig>,
    view: Arc<ArticleView>,
    paths: SiteUrls,
    url: String,
    side: AnyView,
) -> impl IntoView {
    let article = &view.article;
    let offset = site.offset_minutes();
    let category = article.category.as_deref().and_then(|slug| site.category(slug));
    let to_link = |r: &Option<ArticleRef>| r.clone().map(|r| ArticleLink::new(r, &paths, offset));
    let published = article
        .published
        .map(|at| (date::format_date_time(at, offset), date::format_rfc3339(at, offset)))
        .or_else(|| article.published_text.clone().map(|raw| (raw.clone(), raw)));
    let published_day = article.published.map(|at| date::format_date(at, offset));
    let policy = &article.policy;
    view! {
        <div class="article-layout">
            <div class="article-column">
                <Breadcrumb site_name=site.name.clone() home_href=paths.home() category=category.map(|c| (c.name.clone(), paths.category(&c.slug, 1)))/>
                <article class="article" aria-labelledby="article-title">
                    <EndedNotice validity=policy.validity.clone()/>
                    <PolicyTable policy=policy.clone() published=published_day/>
                    <header class="article-header">
                        {article.kicker.clone().map(|k| view! { <p class="kicker">{k}</p> })}
                        <h1 id="article-title">{article.title.clone()}</h1>
                        {article.subtitle.clone().map(|s| view! { <p class="subtitle">{s}</p> })}
                        <ArticleMeta published source=article.source.clone() editor=article.editor.clone() authors=article.authors.clone() reading=view.clone()/>
                    </header>
                    <ArticleBody nodes=article.body.clone()/>
                    <Attachments attachments=policy.attachments.clone() paths=paths.clone()/>
                    <PolicyLinks around=view.around.clone() paths=paths.clone() offset/>
                </article>
                <ShareBar url title=article.title.clone() targets=share::configured_targets(&site.share)/>
                <Disclaimer paragraphs=site.disclaimer.clone()/>
                <PrevNext previous=to_link(&view.around.previous) next=to_link(&view.around.next)/>
                <Related items=links(&view.around.related, &paths, offset)/>
            </div>
            {side}
        </div>
    }
}
