//! 检查指标: what the national inspection of government websites
//! (国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》) would find in a site
//! before it is published — blank and stale 栏目, a stale home page, dates,
//! dead links, missing footer marks, wording — as findings a web team can
//! act on, in Chinese (docs/inspection.md). Pure: portal-build reads the
//! inputs and writes the reports.
//!
//! Two passes, so an archive's bodies need not all be in memory: `article`
//! on each article with what its body holds (`BodyFacts`: links, images,
//! wording, taken when the body is read), in any order and on any thread;
//! `site` once on every article's metadata (categories, the home page,
//! dates, titles, site.json). `Report::new` joins them.

mod content;
mod links;
mod marks;
mod updates;

pub use links::ExternalLink;
pub use updates::{update_label, CategoryRow, HomeRow, Status, VETO_COUNT};

use crate::date::{self, Timestamp};
use crate::feed::Article;
use crate::site::SiteConfig;
use crate::urls::SiteUrls;
use serde::Deserialize;

/// The indicator a finding counts against, in the report's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Indicator {
    BlankCategories,
    CategoryUpdates,
    HomeUpdates,
    Dates,
    Links,
    SiteMarks,
    Wording,
    Content,
}

impl Indicator {
    pub const ALL: [Indicator; 8] = [
        Indicator::BlankCategories,
        Indicator::CategoryUpdates,
        Indicator::HomeUpdates,
        Indicator::Dates,
        Indicator::Links,
        Indicator::SiteMarks,
        Indicator::Wording,
        Indicator::Content,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Indicator::BlankCategories => "空白栏目",
            Indicator::CategoryUpdates => "栏目更新",
            Indicator::HomeUpdates => "首页更新",
            Indicator::Dates => "发布时间",
            Indicator::Links => "链接可用性",
            Indicator::SiteMarks => "网站标识",
            Indicator::Wording => "规范表述",
            Indicator::Content => "内容规范",
        }
    }

    /// What the inspection asks, in a sentence.
    pub fn rule(self) -> &'static str {
        match self {
            Indicator::BlankCategories => "空白栏目（有栏目无内容）超过（含）5 个即单项否决",
            Indicator::CategoryUpdates => {
                "动态、要闻类栏目 2 周内、通知公告、政策文件类栏目 6 个月内未更新的，累计超过（含）5 个即单项否决"
            }
            Indicator::HomeUpdates => "首页栏目 2 周内无信息更新即单项否决，未注明信息发布时间的视为不更新",
            Indicator::Dates => "每条信息应注明发布时间；伪造发稿日期属单项否决",
            Indicator::Links => "首页及其他页面不能正常访问的链接、显示不出的图片，每处扣分",
            Indicator::SiteMarks => {
                "页面底部应列明主办单位、联系方式、ICP 备案编号、公安机关备案标识、网站标识码、党政机关网站标识和“我为政府网站找错”入口"
            }
            Indicator::Wording => "严重表述错误（如领导人姓名、规范表述写错）属单项否决，错别字扣分",
            Indicator::Content => "标题、图片替代文字等内容问题，建议改正",
        }
    }
}

/// How much a finding weighs: 否决 fails the whole site, 扣分 costs points,
/// 提示 costs nothing. Ordered from the heaviest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
pub enum Level {
    #[serde(rename = "否决")]
    Veto,
    #[serde(rename = "扣分")]
    Deduction,
    #[serde(rename = "提示")]
    Note,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Veto, Level::Deduction, Level::Note];

    pub fn name(self) -> &'static str {
        match self {
            Level::Veto => "否决",
            Level::Deduction => "扣分",
            Level::Note => "提示",
        }
    }

    pub fn from_name(name: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.name() == name)
    }
}

/// Where a finding is: as much of it as applies.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    /// The 栏目's slug.
    pub category: Option<String>,
    /// The article's id.
    pub article: Option<String>,
    /// The input file it was read from (site.json for the site's own parts).
    pub file: Option<String>,
    /// The field, as the input names it (`content_html`, `footer.icp`).
    pub field: Option<String>,
    /// The address, for a link or an image.
    pub link: Option<String>,
    /// The link's text, the image's alt, or the words around a phrase.
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub indicator: Indicator,
    pub level: Level,
    pub place: Place,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

/// One entry of the team's wording list (site.json `wording`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Wording {
    pub wrong: String,
    pub right: String,
    #[serde(default)]
    pub note: Option<String>,
    /// 否决 for a 严重表述错误 (a leader's name); 扣分 by default.
    #[serde(default = "default_wording_level")]
    pub level: Level,
}

fn default_wording_level() -> Level {
    Level::Deduction
}

impl Wording {
    /// Reads the wording file: a JSON list of `{wrong, right, note, level}`.
    pub fn parse_list(text: &str) -> Result<Vec<Wording>, String> {
        let list: Vec<Wording> = serde_json::from_str(text).map_err(|e| format!("规范表述清单有误：{e}"))?;
        match list.iter().find(|w| w.wrong.trim().is_empty()) {
            Some(entry) => Err(format!("规范表述清单中“{}”的 wrong 为空", entry.right)),
            None => Ok(list),
        }
    }
}

/// An article as the inspection sees it: where it was read from, and when
/// its input says it was last updated, if it says.
#[derive(Debug, Clone, Copy)]
pub struct ArticleInput<'a> {
    pub article: &'a Article,
    pub file: &'a str,
    pub updated: Option<Timestamp>,
}

/// What the checks of one article need of its body, taken when the body is
/// read: an archive's builder keeps this, not the bodies, so that the
/// inspection never reads them again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BodyFacts {
    addresses: Vec<links::Address>,
    wording: Vec<content::WordingHit>,
}

impl BodyFacts {
    /// `article`'s (with its body), against the wording list the inspector
    /// will be given.
    pub fn of(article: &Article, wording: &[Wording]) -> BodyFacts {
        BodyFacts { addresses: links::addresses(&article.body), wording: content::wording_hits(article, wording) }
    }
}

/// Whether a file (a path under the tree's root) is in the tree.
pub type Files<'a> = &'a (dyn Fn(&str) -> bool + Sync);

pub struct Settings<'a> {
    /// The inspection day, `YYYY-MM-DD` in the site's time zone.
    pub on: String,
    /// The tree's paths, and its canonical root when known (links there
    /// are this site's).
    pub urls: SiteUrls,
    /// The files of the tree; `None` when they are not known (no app
    /// folder), and links to files are then not checked.
    pub files: Option<Files<'a>>,
    pub wording: &'a [Wording],
    /// The name site.json has in messages.
    pub site_file: String,
}

/// The checks, for one site and one day.
pub struct Inspector<'a> {
    site: &'a SiteConfig,
    settings: Settings<'a>,
    /// The first second after the inspection day.
    day_end: Timestamp,
    routes: links::Routes,
}

/// What one pass found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Findings {
    pub list: Vec<Finding>,
    /// Links to other sites and to this host outside the tree (never
    /// fetched), one per occurrence.
    pub external: Vec<ExternalLink>,
    /// Links to files that could not be checked (the files are unknown).
    pub unverified: usize,
}

impl Findings {
    pub fn append(&mut self, mut other: Findings) {
        self.list.append(&mut other.list);
        self.external.append(&mut other.external);
        self.unverified += other.unverified;
    }
}

impl<'a> Inspector<'a> {
    /// `articles`: every article of the site (metadata is enough), for
    /// what links may lead to. `Err` when `settings.on` is not a day.
    pub fn new(site: &'a SiteConfig, settings: Settings<'a>, articles: &[&Article]) -> Result<Inspector<'a>, String> {
        let day_start = date::parse_day(&settings.on, site.offset_minutes())
            .ok_or_else(|| format!("检查日期 “{}” 应形如 2026-11-26", settings.on))?;
        let routes = links::Routes::new(site, articles);
        Ok(Inspector { site, settings, day_end: day_start + 86_400, routes })
    }

    /// The checks of an article's body, by what `body` took from it.
    pub fn article(&self, input: &ArticleInput, body: &BodyFacts) -> Findings {
        let mut found = Findings::default();
        let place = self.place_of(input);
        links::check_article(self, input.article, &body.addresses, &place, &mut found);
        content::check_wording(self, &body.wording, &place, &mut found);
        content::check_images(&body.addresses, &place, &mut found);
        found
    }

    /// The checks over the whole site: every article's metadata, newest
    /// first, and site.json; the category table and the home page's row.
    pub fn site(&self, articles: &[ArticleInput]) -> (Findings, Vec<CategoryRow>, HomeRow) {
        let mut found = Findings::default();
        let (rows, home) = updates::check(self, articles, &mut found);
        content::check_dates(self, articles, &mut found);
        content::check_titles(self, articles, &mut found);
        marks::check(self, &mut found);
        links::check_site(self, &mut found);
        (found, rows, home)
    }

    fn place_of(&self, input: &ArticleInput) -> Place {
        Place {
            category: self.site.category_of(input.article).map(|c| c.slug.clone()),
            article: Some(input.article.id.clone()),
            file: Some(input.file.to_string()),
            ..Place::default()
        }
    }

    /// The inspection day in the site's zone.
    fn on(&self) -> &str {
        &self.settings.on
    }

    /// Whether `at` is after the inspection day.
    fn is_future(&self, at: Timestamp) -> bool {
        at >= self.day_end
    }

    fn day_of(&self, at: Timestamp) -> String {
        date::format_date(at, self.site.offset_minutes())
    }
}

/// Everything the inspection found, for the reports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub on: String,
    /// By indicator, then in the order found.
    pub findings: Vec<Finding>,
    pub categories: Vec<CategoryRow>,
    pub home: HomeRow,
    pub external: Vec<ExternalLink>,
    pub unverified: usize,
}

impl Report {
    pub fn new(on: &str, mut found: Findings, categories: Vec<CategoryRow>, home: HomeRow) -> Report {
        found.list.sort_by_key(|finding| finding.indicator);
        let external = links::gather_external(found.external);
        Report { on: on.to_string(), findings: found.list, categories, home, external, unverified: found.unverified }
    }

    pub fn count(&self, indicator: Option<Indicator>, level: Level) -> usize {
        self.findings.iter().filter(|f| f.level == level && indicator.is_none_or(|i| f.indicator == i)).count()
    }

    /// Whether the site would pass: no 否决 finding.
    pub fn passes(&self) -> bool {
        self.count(None, Level::Veto) == 0
    }

    /// Why it would not: each indicator with 否决 findings, and its rule.
    pub fn veto_reasons(&self) -> Vec<String> {
        Indicator::ALL
            .into_iter()
            .filter_map(|indicator| {
                let count = self.count(Some(indicator), Level::Veto);
                (count > 0).then(|| format!("{}：{count} 处否决（{}）", indicator.name(), indicator.rule()))
            })
            .collect()
    }

    /// Whether a pipeline refusing findings at `level` or heavier refuses this site.
    pub fn refuses(&self, level: Level) -> bool {
        self.findings.iter().any(|f| f.level <= level)
    }
}

#[cfg(test)]
mod tests;
