//! 空白栏目, 栏目更新 and 首页更新: each 栏目's newest article against its
//! update class, counted back from the inspection day; articles dated after
//! that day count for nothing (they are reported as dates).

use super::{ArticleInput, Finding, Findings, Indicator, Inspector, Level, Place};
use crate::date;
use crate::site::Update;
use std::collections::HashMap;

/// At this many blank, or stale, 栏目 the site fails (超过（含）5 个).
pub const VETO_COUNT: usize = 5;

/// How the inspection reads a 栏目's update class.
pub fn update_label(update: Update) -> &'static str {
    match update {
        Update::TwoWeeks => "2 周",
        Update::SixMonths => "6 个月",
        Update::NotRequired => "无需更新",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Blank,
    Fresh,
    /// `overdue_days` is `None` when no article in it has a date.
    Stale {
        overdue_days: Option<i64>,
    },
    NotRequired,
}

/// One 栏目 in the report's table.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    pub slug: String,
    pub name: String,
    pub update: Update,
    /// Whether site.json gives the class (else it follows from the name).
    pub configured: bool,
    pub count: usize,
    /// The day of its newest article not after the inspection day.
    pub newest: Option<String>,
    /// The earliest day its newest article may have; `None` for 栏目 that need not update.
    pub due: Option<String>,
    pub status: Status,
}

/// The home page: its newest article against the 2 weeks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HomeRow {
    pub newest: Option<String>,
    pub due: String,
    pub stale: bool,
}

/// The earliest day an update of class `update` keeps a 栏目 fresh on `on`.
fn due_day(update: Update, on: &str) -> Option<String> {
    match update {
        Update::TwoWeeks => date::days_before(on, 14),
        Update::SixMonths => date::months_before(on, 6),
        Update::NotRequired => None,
    }
}

pub(super) fn check(
    inspector: &Inspector,
    articles: &[ArticleInput],
    found: &mut Findings,
) -> (Vec<CategoryRow>, HomeRow) {
    let site = inspector.site;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut newest: HashMap<&str, String> = HashMap::new();
    let mut home: Option<String> = None;
    for input in articles {
        let category = site.category_of(input.article).map(|c| c.slug.as_str());
        if let Some(slug) = category {
            *counts.entry(slug).or_default() += 1;
        }
        let Some(day) = input.article.published.filter(|&at| !inspector.is_future(at)).map(|at| inspector.day_of(at))
        else {
            continue;
        };
        if let Some(slug) = category {
            newest.entry(slug).and_modify(|latest| *latest = latest.clone().max(day.clone())).or_insert(day.clone());
        }
        home = home.max(Some(day));
    }
    let rows: Vec<CategoryRow> = site
        .categories
        .iter()
        .map(|category| {
            let update = category.update_class();
            let count = counts.get(category.slug.as_str()).copied().unwrap_or(0);
            let newest = newest.get(category.slug.as_str()).cloned();
            let due = due_day(update, inspector.on());
            let status = match (&due, &newest) {
                _ if count == 0 => Status::Blank,
                (None, _) => Status::NotRequired,
                (Some(due), Some(day)) if day >= due => Status::Fresh,
                (Some(due), day) => {
                    Status::Stale { overdue_days: day.as_ref().and_then(|d| date::days_between(d, due)) }
                }
            };
            CategoryRow {
                slug: category.slug.clone(),
                name: category.name.clone(),
                update,
                configured: category.update.is_some(),
                count,
                newest,
                due,
                status,
            }
        })
        .collect();
    report_categories(inspector, &rows, found);
    let due = date::days_before(inspector.on(), 14).unwrap_or_default();
    let home = HomeRow { stale: home.as_ref().is_none_or(|day| *day < due), newest: home, due };
    if home.stale {
        let problem = match &home.newest {
            Some(day) => format!("首页最新的信息发布于 {day}，{} 以来 2 周内没有更新", home.due),
            None => "首页没有注明发布时间的信息（未注明发布时间的视为不更新）".to_string(),
        };
        let fix = "发布新信息，并注明发布时间".to_string();
        found.list.push(Finding {
            indicator: Indicator::HomeUpdates,
            level: Level::Veto,
            place: Place::default(),
            problem,
            fix,
        });
    }
    (rows, home)
}

/// A finding per blank and per stale 栏目: 否决 when there are five or more.
fn report_categories(inspector: &Inspector, rows: &[CategoryRow], found: &mut Findings) {
    let level = |count: usize| if count >= VETO_COUNT { Level::Veto } else { Level::Deduction };
    let blank = rows.iter().filter(|row| row.status == Status::Blank).count();
    let stale = rows.iter().filter(|row| matches!(row.status, Status::Stale { .. })).count();
    for row in rows {
        let (indicator, level, problem, fix) = match row.status {
            Status::Blank => (
                Indicator::BlankCategories,
                level(blank),
                format!("栏目“{}”没有任何文章（本站共 {blank} 个空白栏目）", row.name),
                "补充内容，或从 site.json 的 categories（及 side_blocks）中撤下这个栏目".to_string(),
            ),
            Status::Stale { overdue_days } => (
                Indicator::CategoryUpdates,
                level(stale),
                stale_problem(row, overdue_days, stale),
                "发布本栏目的新信息；已不再使用的栏目，合并或撤下".to_string(),
            ),
            Status::Fresh | Status::NotRequired => continue,
        };
        let place = Place {
            category: Some(row.slug.clone()),
            file: Some(inspector.settings.site_file.clone()),
            field: Some("categories".into()),
            ..Place::default()
        };
        found.list.push(Finding { indicator, level, place, problem, fix });
    }
}

fn stale_problem(row: &CategoryRow, overdue_days: Option<i64>, stale: usize) -> String {
    let class = update_label(row.update);
    let due = row.due.as_deref().unwrap_or_default();
    match (&row.newest, overdue_days) {
        (Some(newest), Some(days)) => format!(
            "栏目“{}”最新的信息发布于 {newest}，更新要求为 {class}，应在 {due} 当天或之后有更新，已逾期 {days} 天（本站共 {stale} 个栏目未及时更新）",
            row.name
        ),
        _ => format!("栏目“{}”的信息都没有注明发布时间，视为不更新（本站共 {stale} 个栏目未及时更新）", row.name),
    }
}
