//! 发布时间, 规范表述 and 内容规范: what each article's own fields say —
//! dates after the inspection day or before publication, the team's
//! wording list, missing titles, repeated titles, images without alt.

use super::links::Address;
use super::{ArticleInput, Finding, Findings, Indicator, Inspector, Level, Place, Wording};
use crate::date;
use crate::feed::{Article, UNTITLED};
use crate::html;
use std::collections::HashMap;

/// Characters of context shown on each side of a wrong phrase.
const CONTEXT: usize = 12;

fn push(found: &mut Findings, indicator: Indicator, level: Level, place: Place, problem: String, fix: &str) {
    found.list.push(Finding { indicator, level, place, problem, fix: fix.to_string() });
}

fn with_field(place: &Place, field: &str) -> Place {
    Place { field: Some(field.into()), ..place.clone() }
}

pub(super) fn check_dates(inspector: &Inspector, articles: &[ArticleInput], found: &mut Findings) {
    let offset = inspector.site.offset_minutes();
    for input in articles {
        let place = inspector.place_of(input);
        match input.article.published {
            Some(at) if inspector.is_future(at) => push(
                found,
                Indicator::Dates,
                Level::Veto,
                with_field(&place, "date_published"),
                format!(
                    "发布时间 {} 晚于检查日期 {}：是录入错误，或会被视为伪造发稿日期",
                    date::format_date_time(at, offset),
                    inspector.on()
                ),
                "改正发布时间；定时发布的稿件，到发布时间再构建和上传",
            ),
            None if place.category.is_some() => push(
                found,
                Indicator::Dates,
                Level::Deduction,
                with_field(&place, "date_published"),
                "栏目中的文章没有注明发布时间（未注明发布时间的视为不更新）".to_string(),
                "写上发布时间：订阅源的 date_published，或文章文件前置信息的 date",
            ),
            _ => {}
        }
        if let (Some(published), Some(updated)) = (input.article.published, input.updated) {
            if updated < published {
                let problem = format!(
                    "更新时间 {} 早于发布时间 {}",
                    date::format_date_time(updated, offset),
                    date::format_date_time(published, offset)
                );
                let fix = "核对发布时间和更新时间：稿件不会在发布之前更新";
                push(found, Indicator::Dates, Level::Deduction, with_field(&place, "updated"), problem, fix);
            }
        }
    }
}

/// Missing titles, and the same title twice in one 栏目 on one day.
pub(super) fn check_titles(inspector: &Inspector, articles: &[ArticleInput], found: &mut Findings) {
    let mut first: HashMap<(String, String, &str), &str> = HashMap::new();
    for input in articles {
        let article = input.article;
        let place = with_field(&inspector.place_of(input), "title");
        if article.title == UNTITLED {
            let problem = format!("文章没有标题，页面上显示为“{UNTITLED}”");
            push(found, Indicator::Content, Level::Deduction, place.clone(), problem, "补上标题");
        }
        let (Some(slug), Some(at)) = (place.category.clone(), article.published) else { continue };
        match first.get(&(slug.clone(), inspector.day_of(at), article.title.as_str())) {
            Some(earlier) => push(
                found,
                Indicator::Content,
                Level::Note,
                place,
                format!("与文章“{earlier}”同一天发布在同一栏目，标题都是“{}”：可能重复发布", article.title),
                "确认是否重复发布；重复的删去一篇",
            ),
            None => {
                first.insert((slug, inspector.day_of(at), &article.title), &article.id);
            }
        }
    }
}

/// A listed wrong phrase in an article: the wording list's entry, the
/// field, and the words around it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct WordingHit {
    entry: usize,
    field: &'static str,
    context: String,
}

/// Each occurrence of a phrase of `wording` in the title and the body.
pub(super) fn wording_hits(article: &Article, wording: &[Wording]) -> Vec<WordingHit> {
    if wording.is_empty() {
        return Vec::new();
    }
    let body = html::text_of(&article.body);
    let mut hits = Vec::new();
    for (field, text) in [("title", article.title.as_str()), ("content_html", body.as_str())] {
        for (n, entry) in wording.iter().enumerate() {
            let context = |at| context(text, at, entry.wrong.len());
            hits.extend(occurrences(text, entry).into_iter().map(|at| WordingHit {
                entry: n,
                field,
                context: context(at),
            }));
        }
    }
    hits
}

/// The findings of `hits`, taken with the inspector's wording list.
pub(super) fn check_wording(inspector: &Inspector, hits: &[WordingHit], place: &Place, found: &mut Findings) {
    for hit in hits {
        let Some(entry) = inspector.settings.wording.get(hit.entry) else { continue };
        let place = Place { text: Some(hit.context.clone()), ..with_field(place, hit.field) };
        let note = entry.note.as_ref().map(|note| format!("（{note}）")).unwrap_or_default();
        let problem = format!("“{}”应为“{}”{note}", entry.wrong, entry.right);
        push(found, Indicator::Wording, entry.level, place, problem, &format!("改为“{}”", entry.right));
    }
}

/// Where `entry.wrong` stands in `text`, except inside the right phrase
/// (a wrong “一带一路战略” is not found in a right “‘一带一路’倡议”, but a
/// wrong phrase that the right one contains must not flag every right use).
fn occurrences(text: &str, entry: &Wording) -> Vec<usize> {
    let right: Vec<(usize, usize)> = if entry.right.is_empty() {
        Vec::new()
    } else {
        text.match_indices(&entry.right).map(|(at, found)| (at, at + found.len())).collect()
    };
    let len = entry.wrong.len();
    text.match_indices(&entry.wrong)
        .map(|(at, _)| at)
        .filter(|&at| !right.iter().any(|&(start, end)| start <= at && at + len <= end))
        .collect()
}

/// The phrase at `at` with a few characters on each side.
fn context(text: &str, at: usize, len: usize) -> String {
    let mut before: Vec<char> = text[..at].chars().rev().take(CONTEXT).collect();
    before.reverse();
    let after: String = text[at + len..].chars().take(CONTEXT).collect();
    format!("…{}【{}】{after}…", before.into_iter().collect::<String>(), &text[at..at + len])
}

/// Images whose alt says nothing to a screen reader.
pub(super) fn check_images(body: &[Address], place: &Place, found: &mut Findings) {
    for image in body.iter().filter(|a| a.image && a.text.trim().is_empty()) {
        let place = Place { link: Some(image.href.clone()), ..with_field(place, "content_html") };
        push(
            found,
            Indicator::Content,
            Level::Note,
            place,
            "图片没有替代文字（alt），读屏软件无从朗读".to_string(),
            "写上描述画面的替代文字：文章文件 photo 行的第二项、订阅源 _portal.photos 的 alt，或正文 <img> 的 alt",
        );
    }
}
