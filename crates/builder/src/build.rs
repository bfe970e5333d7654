//! Writing the archive: the inputs are read and checked, then each kind of
//! output is written by its own step (`crate::steps`), into a staging
//! folder that replaces the output only when every step succeeded.

use crate::changes::Changes;
use crate::entry::{self, Entry, Plan};
use crate::import::CategoryMap;
use crate::input;
use crate::previous::Previous;
use crate::progress::Progress;
use crate::staging::{self, Staging};
use crate::steps::search::Sealed;
use crate::steps::{app, articles, attachments, categories, home, search, sitemaps, syndication, Writer};
use crate::traditional::Traditional;
use crate::tree;
use crate::BuildError;
use portal_core::inspection::Wording;
use portal_core::site::SiteConfig;
use portal_core::urls::SiteUrls;
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Options {
    pub site: SiteConfig,
    /// `site.json` as written, copied into the output.
    pub site_json: Value,
    /// JSON Feed, RSS or Atom files.
    pub feeds: Vec<PathBuf>,
    /// CMS categories to site.json's, for imported RSS and Atom.
    pub category_map: CategoryMap,
    pub article_dirs: Vec<PathBuf>,
    /// The app's release build (`dist/`): copied in, so the output is a
    /// complete site, and its app.html is the pre-rendered pages' template.
    /// Without it only the data is written.
    pub app_dir: Option<PathBuf>,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: String,
    pub out: PathBuf,
    pub threads: usize,
    /// The inspection run on the tree written (`crate::check`).
    pub inspection: crate::check::Settings,
    /// Shows the build's phases; `Default` shows nothing.
    pub progress: Progress,
    /// Builds and compares with the output, then discards what it built:
    /// the output and the files beside it stay as they were.
    pub dry_run: bool,
}

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub files: usize,
    /// Compared with the tree replaced; also written beside it as
    /// `NAME.changes.json`.
    pub changes: Changes,
    /// 检查指标, also written beside it as `NAME.check.json` and `.check.html`.
    pub inspection: portal_core::inspection::Report,
}

/// Reads the inputs and writes the archive. `Err` carries every input
/// problem found (or the I/O error), and the output is then untouched.
pub fn build(options: &Options) -> Result<Report, Vec<BuildError>> {
    staging::clean_up_after_killed_builds(&options.out)?;
    let plan = options.progress.run("reading inputs", || {
        let inputs =
            Inputs { feeds: &options.feeds, category_map: &options.category_map, article_dirs: &options.article_dirs };
        read_articles(&options.site, inputs, &options.inspection.wording, options.threads)
    })?;
    let articles = plan.items().len();
    let previous = Previous::read(&options.out);
    let staging = Staging::create(&options.out)?;
    let written = write_site(options, plan, staging.root(), &previous).and_then(|(written, plan, urls)| {
        let inspect = || crate::check::after_build(&plan, options, urls, &written.written);
        let inspected = options.progress.run("inspecting (检查指标)", inspect)?;
        Ok((written, inspected))
    });
    match written {
        Ok((written, inspected)) if options.dry_run => {
            let changes = staging.compare_and_discard(&written.written, &previous);
            Ok(Report { articles, files: written.written.len(), changes, inspection: inspected.report })
        }
        Ok((written, inspected)) => {
            let replacing = format!("replacing {}", options.out.display());
            let changes =
                options.progress.run(&replacing, || staging.swap_in(&written.written, &written.inputs, &previous))?;
            Ok(Report {
                articles,
                files: written.written.len(),
                changes,
                inspection: inspected.write_beside(&options.out)?,
            })
        }
        Err(errors) => {
            staging.discard();
            Err(errors)
        }
    }
}

/// Where the articles are: feed files, and folders of article files.
#[derive(Clone, Copy)]
pub(crate) struct Inputs<'a> {
    pub feeds: &'a [PathBuf],
    pub category_map: &'a CategoryMap,
    pub article_dirs: &'a [PathBuf],
}

/// Every input, read and checked: the articles in order, with what the
/// inspection looks for in their bodies (against `wording`), or every
/// problem found (`build` and `check` read the same).
pub(crate) fn read_articles(
    site: &SiteConfig,
    inputs: Inputs,
    wording: &[Wording],
    threads: usize,
) -> Result<Plan, Vec<BuildError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for path in inputs.feeds {
        let (mut found, mut problems) = input::read_feed_file(path, site, inputs.category_map, wording);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    for dir in inputs.article_dirs {
        let (mut found, mut problems) = input::read_article_dir(dir, site, wording, threads);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    let plan = Plan::new(entry::merge_copies(entries), site);
    errors.extend(check(&plan));
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Duplicate ids and 索引号, and editor's picks (`related`) and 解读
/// (`interprets`) that name no article.
fn check(plan: &Plan) -> Vec<BuildError> {
    let duplicates =
        plan.duplicates().map(|entry| BuildError::new(entry.origin.file(), format!("id “{}” 重复", entry.article.id)));
    let dangling = plan.items().iter().flat_map(|entry| {
        named_articles(entry).filter(|(_, id)| plan.get(id).is_none()).map(move |(field, id)| {
            let detail = format!("id “{}” 字段 {field}：没有 id 为 “{id}” 的文章", entry.article.id);
            BuildError::new(entry.origin.file(), detail)
        })
    });
    duplicates.chain(dangling).chain(duplicate_index_numbers(plan)).collect()
}

/// The ids the article names, each with the field naming it.
fn named_articles(entry: &Entry) -> impl Iterator<Item = (&'static str, &String)> {
    let article = &entry.article;
    let related = article.related.iter().map(|id| ("_portal.related", id));
    related.chain(article.policy.interprets.iter().map(|id| ("_portal.interprets", id)))
}

/// A 索引号 names one document: each later use of one is an error.
fn duplicate_index_numbers(plan: &Plan) -> Vec<BuildError> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    let mut errors = Vec::new();
    // Oldest first, so the error names the later document.
    for entry in plan.items().iter().rev() {
        let Some(index_no) = entry.article.policy.index_no.as_deref() else { continue };
        match first.get(index_no) {
            Some(earlier) => {
                let detail = format!(
                    "id “{}” 字段 _portal.index_no：索引号 “{index_no}” 已被 id “{earlier}” 使用",
                    entry.article.id
                );
                errors.push(BuildError::new(entry.origin.file(), detail));
            }
            None => {
                first.insert(index_no, &entry.article.id);
            }
        }
    }
    errors
}

/// The steps, in order, into `root`, over the `previous` tree: the app,
/// then each tree's files but its articles', then every tree's articles,
/// then 站内搜索. Gives back what was written, and the site's own articles
/// and URLs, for the inspection.
fn write_site<'a>(
    options: &Options,
    plan: Plan,
    root: &Path,
    previous: &'a Previous,
) -> Result<(Writer<'a>, Plan, SiteUrls), Vec<BuildError>> {
    let pages = options.progress.phase("writing home, 栏目 pages, feeds and sitemaps", None);
    let mut written = Writer::new(root, String::new(), previous);
    let template = app::copy_bundle(options.app_dir.as_deref(), &options.site, &mut written)?;
    let convert = Traditional::new(&options.site);
    let trees = tree::trees(options, plan, convert.as_ref(), template)?;
    for tree in &trees {
        let mut out = Writer::new(root, tree.script.folder(), previous);
        app::write(tree, options.app_dir.as_deref(), &mut out)?;
        attachments::write(tree, &mut out)?;
        home::write(tree, &mut out)?;
        categories::write(tree, &mut out)?;
        syndication::write(tree, &mut out)?;
        sitemaps::write(tree, &mut out)?;
        written.append(out);
    }
    pages.finish();
    let sealed = crate::search::sealed_inputs(trees[0].plan.items(), &trees[0].site);
    let search_outs: Vec<Writer> = trees.iter().map(|tree| Writer::new(root, tree.script.folder(), previous)).collect();
    let sealed =
        Sealed { inputs: sealed, kept: search_outs.iter().all(|out| out.made_from(crate::search::SEALED, sealed)) };
    let rendering = options.progress.phase("rendering articles", Some(trees[0].plan.items().len() as u64));
    let (files, index) = articles::write(&trees, root, previous, sealed.kept, options.threads, &rendering)?;
    rendering.finish();
    written.append(files);
    let indexing = options.progress.phase("writing 站内搜索's index", None);
    let shards = index.files();
    for (tree, mut out) in trees.iter().zip(search_outs) {
        search::write(tree, &shards, sealed, &mut out)?;
        written.append(out);
    }
    indexing.finish();
    let site = trees.into_iter().next().expect("the site's own tree");
    Ok((written, site.plan, site.urls))
}
