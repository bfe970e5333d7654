//! `portal-build check`, and the same inspection at the end of every build:
//! what the national inspection (检查指标, `portal_core::inspection`) would
//! find in the site, as a summary on the terminal, JSON for a pipeline and
//! a page a person reads (docs/inspection.md). Reads the same inputs as
//! `build`; bodies one at a time, on the build's threads.

mod html;

use crate::build;
use crate::changes::Manifest;
use crate::entry::{Entry, Origin, Plan};
use crate::import::CategoryMap;
use crate::BuildError;
use portal_core::date;
use portal_core::feed::Article;
use portal_core::inspection::{
    self, ArticleInput, Files, Findings, Indicator, Inspector, Level, Place, Report, Status, Wording,
};
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// What the inspection needs beyond the build's inputs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The inspection day, `YYYY-MM-DD`; `None`: today in the site's zone.
    pub on: Option<String>,
    pub wording: Vec<Wording>,
    /// site.json's path, for messages.
    pub site_file: String,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings { on: None, wording: Vec::new(), site_file: "site.json".into() }
    }
}

impl Settings {
    /// `--on`, and the wording list site.json names (relative to it).
    pub fn read(site_path: &str, site: &SiteConfig, on: Option<&str>) -> Result<Settings, String> {
        let wording = match &site.wording {
            Some(name) => {
                let path = Path::new(site_path).parent().unwrap_or(Path::new("")).join(name);
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                Wording::parse_list(&text).map_err(|e| format!("{}: {e}", path.display()))?
            }
            None => Vec::new(),
        };
        if let Some(day) = on.filter(|day| date::parse_day(day, 0).is_none()) {
            return Err(format!("--on “{day}” 应形如 2026-11-26"));
        }
        Ok(Settings { on: on.map(str::to_string), wording, site_file: site_path.to_string() })
    }

    fn day(&self, site: &SiteConfig) -> String {
        self.on.clone().unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
            date::format_date(now as i64, site.offset_minutes())
        })
    }
}

/// `portal-build check`'s inputs: `build`'s, without an output tree.
pub struct Options {
    pub site: SiteConfig,
    pub settings: Settings,
    pub feeds: Vec<PathBuf>,
    pub category_map: CategoryMap,
    pub article_dirs: Vec<PathBuf>,
    /// The app's release build: its page gives the base path, its files
    /// are the tree's (without it, links to files are not checked).
    pub app_dir: Option<PathBuf>,
    /// The site's canonical root; else site.json's `base_url`, else none.
    pub base_url: Option<String>,
    pub json: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub threads: usize,
}

/// Files every build writes at the tree's root, besides the app's.
const DATA_FILES: &[&str] =
    &["feed.json", "site.json", "sitemap.xml", "sitemap.json", "rss.xml", "atom.xml", "app.html"];

/// Reads the inputs as `build` does, inspects them and writes the reports asked for.
pub fn check(options: &Options) -> Result<Report, Vec<BuildError>> {
    let site = &options.site;
    let inputs = build::Inputs {
        feeds: &options.feeds,
        category_map: &options.category_map,
        article_dirs: &options.article_dirs,
    };
    let plan = build::read_articles(site, inputs, &options.settings.wording, options.threads)?;
    let root = options.base_url.clone().or_else(|| site.base_url.clone());
    let urls =
        SiteUrls::new(&options.app_dir.as_deref().map_or_else(|| "/".into(), base_path), root.as_deref().unwrap_or(""));
    let app = options.app_dir.as_deref();
    let files = |file: &str| DATA_FILES.contains(&file) || app.is_some_and(|app| app.join(file).is_file());
    let report = inspect(&plan, site, &options.settings, urls.clone(), app.map(|_| &files as Files), options.threads)?;
    let context = Context { site, urls: &urls, canonical: root.is_some() };
    for (path, text) in [(&options.json, to_json(&report, &context)), (&options.html, html::page(&report, &context))] {
        if let Some(path) = path {
            std::fs::write(path, text).map_err(|e| failed(path, e))?;
        }
    }
    Ok(report)
}

/// The inspection of a tree just built into `root` (the staging folder,
/// before it replaces the output: a failure leaves the output untouched).
pub fn after_build(
    plan: &Plan,
    options: &build::Options,
    urls: SiteUrls,
    written: &Manifest,
) -> Result<Inspected, Vec<BuildError>> {
    let site = &options.site;
    let files = |file: &str| written.contains(file);
    let files = options.app_dir.as_ref().map(|_| &files as Files);
    let report = inspect(plan, site, &options.inspection, urls.clone(), files, options.threads)?;
    let context = Context { site, urls: &urls, canonical: true };
    let reports = [("check.json", to_json(&report, &context)), ("check.html", html::page(&report, &context))];
    Ok(Inspected { report, reports })
}

/// A build's inspection, and its reports to write beside the output.
pub struct Inspected {
    pub report: Report,
    reports: [(&'static str, String); 2],
}

impl Inspected {
    /// Writes `NAME.check.json` and `NAME.check.html` beside `out`.
    pub fn write_beside(self, out: &Path) -> Result<Report, Vec<BuildError>> {
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("out");
        for (suffix, text) in self.reports {
            let path = out.with_file_name(format!("{name}.{suffix}"));
            std::fs::write(&path, text).map_err(|e| failed(&path, e))?;
        }
        Ok(self.report)
    }
}

fn failed(path: &Path, e: std::io::Error) -> Vec<BuildError> {
    vec![BuildError::io(path, "写入检查报告失败", e)]
}

/// The base path of the app's page in `dir` (app.html, else index.html), else `/`.
fn base_path(dir: &Path) -> String {
    ["app.html", "index.html"]
        .iter()
        .find_map(|page| std::fs::read_to_string(dir.join(page)).ok())
        .map_or_else(|| "/".into(), |page| crate::page::base_path(&page))
}

/// Both passes of the inspection, on `threads`: the bodies' checks by what
/// reading took of them (`Entry::body`), then the site's.
fn inspect(
    plan: &Plan,
    site: &SiteConfig,
    settings: &Settings,
    urls: SiteUrls,
    files: Option<Files>,
    threads: usize,
) -> Result<Report, Vec<BuildError>> {
    let on = settings.day(site);
    let problem = |detail: String| vec![BuildError::new("--on", detail)];
    let core = inspection::Settings {
        on: on.clone(),
        urls,
        files,
        wording: &settings.wording,
        site_file: settings.site_file.clone(),
    };
    let metadata: Vec<&Article> = plan.items().iter().map(|entry| &entry.article).collect();
    let inspector = Inspector::new(site, core, &metadata).map_err(problem)?;
    let mut found = Findings::default();
    for part in crate::in_parallel(plan.items(), threads, |entries| check_bodies(&inspector, entries)) {
        found.append(part);
    }
    let inputs: Vec<ArticleInput> = plan.items().iter().map(|entry| input_of(entry, &entry.article)).collect();
    let (site_found, categories, home) = inspector.site(&inputs);
    found.append(site_found);
    Ok(Report::new(&on, found, categories, home))
}

/// The checks of the entries' bodies, by what was taken of them when read.
fn check_bodies(inspector: &Inspector, entries: &[Entry]) -> Findings {
    let mut found = Findings::default();
    for entry in entries {
        found.append(inspector.article(&input_of(entry, &entry.article), &entry.body));
    }
    found
}

/// `article` (the entry's, with or without its body) as the inspection sees it.
fn input_of<'a>(entry: &'a Entry, article: &'a Article) -> ArticleInput<'a> {
    let updated = match &entry.origin {
        Origin::Imported { changed, .. } => *changed,
        _ => None,
    };
    ArticleInput { article, file: entry.origin.file().to_str().unwrap_or_default(), updated }
}

/// What the report writers need to link the findings to the site's pages.
pub(crate) struct Context<'a> {
    pub site: &'a SiteConfig,
    pub urls: &'a SiteUrls,
    /// Whether `urls` has the site's canonical root: links are absolute.
    pub canonical: bool,
}

impl Context<'_> {
    /// The page a finding is on: its article's, else its 栏目's.
    pub fn page(&self, place: &Place) -> Option<String> {
        let path = match (&place.article, &place.category) {
            (Some(id), _) => self.urls.article(id),
            (None, Some(slug)) => self.urls.category(slug, 1),
            (None, None) => return None,
        };
        Some(if self.canonical { self.urls.canonical(&path) } else { path })
    }
}

/// Where, in words: 栏目, article, file, field, link, text.
pub fn place_text(place: &Place) -> String {
    let parts = [
        place.category.as_ref().map(|slug| format!("栏目 {slug}")),
        place.article.as_ref().map(|id| format!("文章 {id}")),
        place.file.as_ref().map(|file| format!("文件 {file}")),
        place.field.as_ref().map(|field| format!("字段 {field}")),
        place.link.as_ref().map(|link| format!("地址 {link}")),
        place.text.as_ref().filter(|t| !t.is_empty()).map(|text| format!("“{text}”")),
    ];
    parts.into_iter().flatten().collect::<Vec<_>>().join("，")
}

/// 通过 / 不通过, and the counts.
pub fn verdict(report: &Report) -> String {
    let counts: Vec<String> =
        Level::ALL.iter().map(|&level| format!("{} {} 处", level.name(), report.count(None, level))).collect();
    format!("检查日期 {}：{}（{}）", report.on, if report.passes() { "通过" } else { "不通过" }, counts.join("，"))
}

/// How many findings the terminal shows; the reports have them all.
const SHOWN: usize = 20;

/// The plain-text summary for the terminal.
pub fn summary(report: &Report) -> String {
    let mut lines = vec![format!("检查指标 {}", verdict(report))];
    lines.extend(report.veto_reasons().into_iter().map(|reason| format!("  {reason}")));
    for indicator in Indicator::ALL {
        let counts: Vec<String> = Level::ALL
            .iter()
            .map(|&level| (level, report.count(Some(indicator), level)))
            .filter(|&(_, n)| n > 0)
            .map(|(level, n)| format!("{} {n}", level.name()))
            .collect();
        if !counts.is_empty() {
            lines.push(format!("  {}：{}", indicator.name(), counts.join("，")));
        }
    }
    let serious: Vec<_> = report.findings.iter().filter(|f| f.level != Level::Note).collect();
    for finding in serious.iter().take(SHOWN) {
        lines.push(format!(
            "  [{}] {}：{}（{}）",
            finding.level.name(),
            finding.indicator.name(),
            finding.problem,
            place_text(&finding.place)
        ));
    }
    if serious.len() > SHOWN {
        lines.push(format!("  ……另有 {} 处，见检查报告", serious.len() - SHOWN));
    }
    if !report.external.is_empty() {
        lines.push(format!("  外站链接 {} 个，只列在检查报告中，未访问", report.external.len()));
    }
    if report.unverified > 0 {
        lines.push(format!("  {} 个指向文件的链接未核对（未给出 --app）", report.unverified));
    }
    lines.join("\n")
}

fn place_json(place: &Place) -> Value {
    json!({
        "category": place.category, "article": place.article, "file": place.file,
        "field": place.field, "link": place.link, "text": place.text,
    })
}

fn status_json(status: Status) -> (&'static str, Option<i64>) {
    match status {
        Status::Blank => ("blank", None),
        Status::Fresh => ("fresh", None),
        Status::Stale { overdue_days } => ("stale", overdue_days),
        Status::NotRequired => ("not_required", None),
    }
}

/// The report as JSON (docs/inspection.md has its fields).
fn to_json(report: &Report, context: &Context) -> String {
    let count = |indicator, level: Level| report.count(indicator, level);
    let counts = |indicator| {
        Value::Object(Level::ALL.iter().map(|&l| (l.name().to_string(), count(indicator, l).into())).collect())
    };
    let value = json!({
        "on": report.on,
        "passes": report.passes(),
        "reasons": report.veto_reasons(),
        "counts": counts(None),
        "indicators": Indicator::ALL.iter().map(|&i| json!({ "name": i.name(), "rule": i.rule(), "counts": counts(Some(i)) })).collect::<Vec<_>>(),
        "home": { "newest": report.home.newest, "due": report.home.due, "stale": report.home.stale },
        "categories": report.categories.iter().map(|row| {
            let (status, overdue_days) = status_json(row.status);
            json!({
                "slug": row.slug, "name": row.name, "update": row.update.code(), "update_configured": row.configured,
                "count": row.count, "newest": row.newest, "due": row.due, "status": status, "overdue_days": overdue_days,
            })
        }).collect::<Vec<_>>(),
        "findings": report.findings.iter().map(|f| json!({
            "indicator": f.indicator.name(), "level": f.level.name(), "place": place_json(&f.place),
            "page": context.page(&f.place), "problem": f.problem, "fix": f.fix,
        })).collect::<Vec<_>>(),
        "external": report.external.iter().map(|link| json!({
            "url": link.url, "mixed": link.mixed, "count": link.count, "first": place_json(&link.first),
        })).collect::<Vec<_>>(),
        "unverified_files": report.unverified,
    });
    serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_words() {
        let place = Place {
            category: Some("dt".into()),
            article: Some("a1".into()),
            field: Some("content_html".into()),
            link: Some("article/x".into()),
            text: Some(String::new()),
            ..Place::default()
        };
        assert_eq!(place_text(&place), "栏目 dt，文章 a1，字段 content_html，地址 article/x");
    }
}
