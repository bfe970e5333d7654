//! 政府信息公开 on an article page: the metadata table above the title,
//! the 已废止 / 已失效 notice, the 附件 list, and the links between a policy
//! document and its 解读; and the tag list rows carry for an ended document.

use super::article_list::{links, ArticleList};
use crate::ui::{t, tf};
use leptos::prelude::*;
use portal_core::feed::Surroundings;
use portal_core::policy::{Attachment, Field, Policy, Validity};
use portal_core::urls::SiteUrls;

fn label(field: Field) -> &'static str {
    t(match field {
        Field::IndexNo => "索引号",
        Field::Topic => "主题分类",
        Field::Publisher => "发布机构",
        Field::Written => "成文日期",
        Field::Published => "发布日期",
        Field::DocNo => "文号",
        Field::Keywords => "主题词",
    })
}

/// 有效性 as the table and the notice word it.
fn validity_text(validity: &Validity) -> String {
    match validity {
        Validity::InForce => t("有效").to_string(),
        Validity::Expired(day) => tf("已于 {} 失效", &[day]),
        Validity::Repealed(day) => tf("已于 {} 废止", &[day]),
    }
}

/// The metadata table, when the article has any of its fields; `published`
/// is the 发布日期 (`YYYY-MM-DD`).
#[component]
pub fn PolicyTable(policy: Policy, published: Option<String>) -> impl IntoView {
    policy.has_table().then(|| {
        let validity = policy.validity.as_ref().map(|v| (t("有效性"), validity_text(v)));
        let rows = policy.rows(published).into_iter().map(|(field, value)| (label(field), value)).chain(validity);
        let rows =
            rows.map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> }).collect_view();
        view! {
            <table class="policy-table">
                <caption class="visually-hidden">{t("文件信息")}</caption>
                <tbody>{rows}</tbody>
            </table>
        }
    })
}

/// At the top of a document that is no longer in force.
#[component]
pub fn EndedNotice(validity: Option<Validity>) -> impl IntoView {
    let validity = validity.filter(|v| v.ended().is_some())?;
    let heading = match validity {
        Validity::Repealed(_) => t("本文件已废止"),
        _ => t("本文件已失效"),
    };
    Some(view! {
        <div class="ended-notice" role="note">
            <strong>{heading}</strong>
            "　"
            {validity_text(&validity)}
        </div>
    })
}

/// After a list row's title: 〔已废止〕 or 〔已失效〕.
#[component]
pub fn EndedTag(validity: Option<Validity>) -> impl IntoView {
    validity.and_then(|v| match v {
        Validity::InForce => None,
        Validity::Expired(_) => Some(view! { <span class="ended-tag">{t("〔已失效〕")}</span> }),
        Validity::Repealed(_) => Some(view! { <span class="ended-tag">{t("〔已废止〕")}</span> }),
    })
}

/// 附件: each file's title, type and size; files of this site download.
#[component]
pub fn Attachments(attachments: Vec<Attachment>, paths: SiteUrls) -> impl IntoView {
    (!attachments.is_empty()).then(|| {
        let items = attachments
            .into_iter()
            .map(|attachment| {
                let href = paths.configured(&attachment.href);
                let download = attachment.is_local().then(|| attachment.file_name().to_string());
                let about = attachment
                    .description()
                    .map(|d| view! { <span class="attachment-about">{format!("（{d}）")}</span> });
                view! { <li><a href=href download=download>{attachment.title}</a>{about}</li> }
            })
            .collect_view();
        view! {
            <section class="attachments" aria-labelledby="attachments-heading">
                <h2 id="attachments-heading">{t("附件")}</h2>
                <ol>{items}</ol>
            </section>
        }
    })
}

/// 政策原文 on a 解读, 相关解读 on the document it interprets.
#[component]
pub fn PolicyLinks(around: Surroundings, paths: SiteUrls, offset: i32) -> impl IntoView {
    let original = around.original.map(|original| {
        view! {
            <section class="policy-links" aria-labelledby="original-heading">
                <h2 id="original-heading">{t("政策原文")}</h2>
                <ArticleList items=links(&[original], &paths, offset) show_dates=true/>
            </section>
        }
    });
    let interpretations = (!around.interpretations.is_empty()).then(|| {
        view! {
            <section class="policy-links" aria-labelledby="interpretations-heading">
                <h2 id="interpretations-heading">{t("相关解读")}</h2>
                <ArticleList items=links(&around.interpretations, &paths, offset) show_dates=true/>
            </section>
        }
    });
    view! { {original} {interpretations} }
}
