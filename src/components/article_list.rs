//! A list of article titles with their dates, as category pages, home
//! blocks and side blocks show them; and the table (标题, 文号, 发布日期) a
//! category marked `list_as_table` shows instead.

use super::policy::EndedTag;
use crate::ui::t;
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

/// Documents as 政务公开 lists show them: 标题, 文号, 发布日期; `caption`
/// names the table (the category).
#[component]
pub fn ArticleTable(items: Vec<ArticleLink>, caption: String) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|item| {
            let date = item.date.map(|(shown, machine)| view! { <time datetime=machine>{shown}</time> });
            view! {
                <tr>
                    <td><a href=item.href>{item.title}</a><EndedTag validity=item.validity/></td>
                    <td class="doc-no">{item.doc_no}</td>
                    <td class="date">{date}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="article-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead>
                <tr><th scope="col">{t("标题")}</th><th scope="col">{t("文号")}</th><th scope="col">{t("发布日期")}</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
