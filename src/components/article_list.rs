//! A list of article titles with their dates, as category pages, home
//! blocks and side blocks show them.

use super::policy::EndedTag;
use leptos::prelude::*;
use portal_core::date;
use portal_core::feed::ArticleRef;
use portal_core::policy::Validity;
use portal_core::urls::SiteUrls;

/// One list row's data, taken out of the feed so views own it.
#[derive(Clone)]
pub struct ArticleLink {
    pub href: String,
    pub title: String,
    pub date: Option<(String, String)>,
    /// A policy document's 文号 and 有效性.
    pub doc_no: Option<String>,
    pub validity: Option<Validity>,
}

impl ArticleLink {
    pub fn new(article: impl Into<ArticleRef>, paths: &SiteUrls, offset: i32) -> ArticleLink {
        let article = article.into();
        ArticleLink {
            href: paths.article(&article.id),
            title: article.title,
            date: article.published.map(|at| (date::format_date(at, offset), date::format_rfc3339(at, offset))),
            doc_no: article.doc_no,
            validity: article.validity,
        }
    }
}

pub fn links<T: Into<ArticleRef> + Clone>(articles: &[T], paths: &SiteUrls, offset: i32) -> Vec<ArticleLink> {
    articles.iter().map(|a| ArticleLink::new(a.clone(), paths, offset)).collect()
}

#[component]
pub fn ArticleList(items: Vec<ArticleLink>, #[prop(optional)] show_dates: bool) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            let date = show_dates
                .then_some(item.date)
                .flatten()
                .map(|(shown, machine)| view! { <time datetime=machine>{shown}</time> });
            view! { <li><a href=item.href>{item.title}</a><EndedTag validity=item.validity/>{date}</li> }
        })
        .collect_view();
    view! { <ul class="article-list">{rows}</ul> }
}
