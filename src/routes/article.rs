//! `/article/:id`: the article page as the seed shows it, and more.

use crate::components::article_body::ArticleBody;
use crate::components::article_list::{links, ArticleLink};
use crate::components::article_meta::ArticleMeta;
use crate::components::breadcrumb::Breadcrumb;
use crate::components::disclaimer::Disclaimer;
use crate::components::page_meta::PageMeta;
use crate::components::portal_gate::with_portal;
use crate::components::prev_next::PrevNext;
use crate::components::related::Related;
use crate::components::share_bar::ShareBar;
use crate::components::side_blocks::SideBlocks;
use crate::data::PortalLoader;
use crate::dom;
use crate::routes::not_found::NotFound;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use portal_core::paths::{decode_component, Paths};
use portal_core::{date, share};

#[component]
pub fn ArticlePage() -> impl IntoView {
    let paths = expect_context::<PortalLoader>().paths;
    let params = use_params_map();
    with_portal(move |portal| {
        let id = decode_component(&params.read().get("id").unwrap_or_default());
        let site = &portal.site;
        let Some(article) = portal.index.get(&id) else {
            return view! { <NotFound portal=portal.clone() what="文章"/> }.into_any();
        };
        let offset = site.offset_minutes();
        let category = article.category.as_deref().and_then(|slug| site.category(slug));
        let (newer, older) = portal.index.neighbours(&article.id);
        let to_link = |a: Option<&portal_core::feed::Article>| a.map(|a| ArticleLink::new(a, &paths, offset));
        let related = links(&portal.index.related(article, site.related_count), &paths, offset);
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
                    <PrevNext previous=to_link(newer) next=to_link(older)/>
                    <Related items=related/>
                </div>
                <SideBlocks portal=portal.clone() paths=paths.clone()/>
            </div>
        }
        .into_any()
    })
}
