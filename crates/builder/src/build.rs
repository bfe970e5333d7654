//! Writing the archive, into a staging folder that replaces the output
//! only when all of it succeeded (`crate::staging`).

use crate::changes::{Changes, Manifest};
use crate::entry::{self, Entry, Plan};
use crate::import::CategoryMap;
use crate::input;
use crate::page::{self, article_page, PageContext};
use crate::search;
use crate::staging::{self, Staging};
use crate::syndication::{self, Channel};
use crate::traditional::{self, Traditional};
use crate::BuildError;
use portal::prerender::Prerender;
use portal_core::archive::{article_file, category_part_file, part_count, part_range, Archive, PageParts};
use portal_core::date;
use portal_core::feed::{read_feed, Article, ReadOptions};
use portal_core::html::escape;
use portal_core::index::{ArticleView, FeedIndex, HEADLINES};
use portal_core::paging;
use portal_core::paths::OtherScript;
use portal_core::search::Folding;
use portal_core::search_index::ArchiveIndex;
use portal_core::site::SiteConfig;
use portal_core::writer::{self, feed, item};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
}

/// Items of the home feed beyond headlines and category blocks.
const HOME_LATEST: usize = 20;
const SITEMAP_URLS: usize = 50_000;

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub files: usize,
    /// Compared with the tree replaced; also written beside it as
    /// `NAME.changes.json`.
    pub changes: Changes,
}

/// One tree of the output: the site as configured, or its 繁體 copy.
struct Tree<'a> {
    site: SiteConfig,
    /// site.json as the app reads it.
    site_json: Value,
    /// Absolute URL of the tree's root, ending in `/`.
    base_url: String,
    threads: usize,
    /// Converts each article as it is written (the 繁體 tree).
    convert: Option<&'a Traditional>,
    /// The site's tree in the other script, if it has one: where the
    /// header's 简/繁 link leads.
    other_script: Option<OtherScript>,
    /// Where the tree is under the output: `""` or `zh-hant/`.
    folder: String,
}

impl Tree<'_> {
    fn simplified(options: &Options, other_script: Option<OtherScript>) -> Tree<'static> {
        Tree {
            site: options.site.clone(),
            site_json: options.site_json.clone(),
            base_url: options.base_url.clone(),
            threads: options.threads,
            convert: None,
            other_script,
            folder: String::new(),
        }
    }

    fn traditional<'a>(
        options: &Options,
        convert: &'a Traditional,
        other_script: OtherScript,
    ) -> Result<Tree<'a>, Vec<BuildError>> {
        let site_json = convert.site_json(&options.site_json);
        let text = serde_json::to_string(&site_json).expect("JSON values serialize");
        let site = SiteConfig::parse(&text)
            .map_err(|detail| vec![BuildError { file: format!("{}/site.json", traditional::FOLDER), detail }])?;
        Ok(Tree {
            site,
            site_json,
            base_url: format!("{}{}/", options.base_url, traditional::FOLDER),
            threads: options.threads,
            convert: Some(convert),
            other_script: Some(other_script),
            folder: format!("{}/", traditional::FOLDER),
        })
    }

    /// The Simplified tree of a site with a 繁體 one lists that tree's
    /// sitemaps in its own sitemap index.
    fn lists_traditional_sitemaps(&self) -> bool {
        self.other_script.as_ref().is_some_and(|other| other.traditional)
    }
}

/// Duplicate ids, and editor's picks (`related`) that name no article.
fn check(plan: &Plan) -> Vec<BuildError> {
    let duplicates = plan
        .duplicates()
        .map(|entry| BuildError { file: origin_name(entry), detail: format!("id “{}” 重复", entry.article.id) });
    let dangling = plan.items().iter().flat_map(|entry| {
        entry.article.related.iter().filter(|id| plan.get(id).is_none()).map(move |id| BuildError {
            file: origin_name(entry),
            detail: format!("id “{}” 字段 _portal.related：没有 id 为 “{id}” 的文章", entry.article.id),
        })
    });
    duplicates.chain(dangling).collect()
}

fn origin_name(entry: &Entry) -> String {
    entry.origin.file().display().to_string()
}

fn write(root: &Path, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

/// Reads the inputs and writes the archive. `Err` carries every input
/// problem found (or the I/O error), and the output is then untouched.
pub fn build(options: &Options) -> Result<Report, Vec<BuildError>> {
    staging::clean_up_after_killed_builds(&options.out)?;
    let site = &options.site;
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for path in &options.feeds {
        let (mut found, mut problems) = input::read_feed_file(path, site, &options.category_map);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    for dir in &options.article_dirs {
        let (mut found, mut problems) = input::read_article_dir(dir, site, options.threads);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    let plan = Plan::new(entry::merge_copies(entries), site);
    errors.extend(check(&plan));
    if !errors.is_empty() {
        return Err(errors);
    }
    let staging = Staging::create(&options.out)?;
    let result = copy_app(options, staging.root()).and_then(|(template, mut manifest)| {
        manifest.append(write_trees(&plan, options, staging.root(), template)?);
        Ok(manifest)
    });
    match result {
        Ok(manifest) => {
            let changes = staging.swap_in(&manifest)?;
            Ok(Report { articles: plan.items().len(), files: manifest.len(), changes })
        }
        Err(errors) => {
            staging.discard();
            Err(errors)
        }
    }
}

/// The site, and its 繁體 copy under `zh-hant/` when site.json asks for one.
fn write_trees(
    plan: &Plan,
    options: &Options,
    root: &Path,
    template: Option<String>,
) -> Result<Manifest, Vec<BuildError>> {
    let Some(convert) = Traditional::new(&options.site) else {
        return write_all(plan, &Tree::simplified(options, None), root, template.as_deref(), &mut None);
    };
    // Without the app's page nothing is pre-rendered, and `/` stands in.
    let base_path = template.as_deref().map_or_else(|| "/".to_string(), page::base_path);
    let (to_traditional, to_simplified) = traditional::other_scripts(&base_path);
    let (simplified, converted) = template.map(|template| convert.templates(&template, &base_path)).unzip();
    let mut shards = None;
    let simplified_tree = Tree::simplified(options, Some(to_traditional));
    let mut manifest = write_all(plan, &simplified_tree, root, simplified.as_deref(), &mut shards)?;
    let tree = Tree::traditional(options, &convert, to_simplified)?;
    let entries = plan.items().iter().map(|entry| {
        let mut entry = entry.clone();
        convert.article(&mut entry.article);
        entry
    });
    let hant_root = root.join(traditional::FOLDER);
    manifest.append(copy_static(options, &hant_root)?);
    let plan = Plan::new(entries.collect(), &tree.site);
    manifest.append(write_all(&plan, &tree, &hant_root, converted.as_deref(), &mut shards)?);
    Ok(manifest)
}

/// Copies the app bundle (not its demo data) and returns the page the
/// pre-rendered pages start from: app.html (the release build's page as
/// trunk wrote it), else index.html.
fn copy_app(options: &Options, root: &Path) -> Result<(Option<String>, Manifest), Vec<BuildError>> {
    let Some(app) = &options.app_dir else { return Ok((None, Manifest::default())) };
    // Its demo data is not the site's; its page is written as index.html
    // and app.html by write_all.
    let copied = copy_files(app, root, "", |relative| {
        !matches!(relative.to_str(), Some("feed.json" | "site.json" | "index.html" | "app.html"))
    })?;
    let page = [app.join("app.html"), app.join("index.html")]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| app.join("app.html"));
    let template = std::fs::read_to_string(&page).map_err(|e| {
        vec![BuildError { file: page.display().to_string(), detail: format!("复制应用文件失败：{e}") }]
    })?;
    Ok((Some(page::allow_images(&template, &options.site)), copied))
}

/// The app's static files (images; not its bundle, which its pages link by
/// absolute paths) into the 繁體 tree, where relative links look for them.
fn copy_static(options: &Options, hant_root: &Path) -> Result<Manifest, Vec<BuildError>> {
    let Some(app) = &options.app_dir else { return Ok(Manifest::default()) };
    copy_files(app, hant_root, &format!("{}/", traditional::FOLDER), |relative| {
        !matches!(relative.extension().and_then(|e| e.to_str()), Some("js" | "wasm" | "css" | "html" | "json"))
    })
}

/// `app`'s files that `wanted` (given the path under `app`) accepts, into
/// `root` (which is `prefix` under the output); not its archive folders.
fn copy_files(
    app: &Path,
    root: &Path,
    prefix: &str,
    wanted: impl Fn(&Path) -> bool,
) -> Result<Manifest, Vec<BuildError>> {
    let fail = |path: &Path, e: std::io::Error| {
        vec![BuildError { file: path.display().to_string(), detail: format!("复制应用文件失败：{e}") }]
    };
    let mut copied = Manifest::default();
    let mut pending = vec![app.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| fail(&folder, e))? {
            let path = entry.map_err(|e| fail(&folder, e))?.path();
            let relative = path.strip_prefix(app).expect("under the app folder");
            if path.is_dir() {
                if !matches!(relative.to_str(), Some("feeds" | "articles" | "article" | traditional::FOLDER)) {
                    pending.push(path);
                }
            } else if wanted(relative) {
                let bytes = std::fs::read(&path).map_err(|e| fail(&path, e))?;
                write(root, &relative.to_string_lossy(), &bytes).map_err(|e| fail(&path, e))?;
                copied.add(format!("{prefix}{}", relative.to_string_lossy()), &bytes);
            }
        }
    }
    Ok(copied)
}

/// Pre-rendered pages: the release app's page and the app's components.
struct Pages<'a> {
    template: &'a str,
    prerender: Prerender,
}

/// Writes into one tree of the output, keeping each file's hash.
struct Writer<'a> {
    root: &'a Path,
    /// Where `root` is under the output.
    prefix: &'a str,
    written: Manifest,
}

impl<'a> Writer<'a> {
    fn new(root: &'a Path, tree: &'a Tree) -> Writer<'a> {
        Writer { root, prefix: &tree.folder, written: Manifest::default() }
    }

    fn file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), Vec<BuildError>> {
        write(self.root, relative, bytes)
            .map_err(|e| vec![BuildError { file: relative.to_string(), detail: format!("写入失败：{e}") }])?;
        self.written.add(format!("{}{relative}", self.prefix), bytes);
        Ok(())
    }

    fn json(&mut self, relative: &str, value: &Value) -> Result<(), Vec<BuildError>> {
        self.file(relative, serde_json::to_string(value).expect("JSON values serialize").as_bytes())
    }
}

/// Writes one tree. `shards` is 站内搜索's index: built here from the
/// first tree written, and the same for every tree.
fn write_all(
    plan: &Plan,
    tree: &Tree,
    root: &Path,
    template: Option<&str>,
    shards: &mut Option<Vec<(String, Vec<u8>)>>,
) -> Result<Manifest, Vec<BuildError>> {
    let site = &tree.site;
    let mut out = Writer::new(root, tree);
    let docs = plan.items().len();
    let archive = Archive {
        page_size: site.page_size,
        total: docs,
        categories: site.categories.iter().map(|c| (c.slug.clone(), plan.category_positions(&c.slug).len())).collect(),
        search: (docs > 0).then(|| search::info(docs)),
    };
    let home = home_feed(plan, tree, &archive);
    out.json("feed.json", &home)?;
    let pages = template.map(|template| {
        // Pre-rendered from the home feed the app will read, so the two show the same.
        let parsed = read_feed(&home, ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None })
            .expect("the home feed just built reads back");
        let front = Arc::new(FeedIndex::new(parsed.feed.items, site));
        Pages {
            template,
            prerender: Prerender::new(
                Arc::new(site.clone()),
                front,
                &page::base_path(template),
                &tree.base_url,
                tree.other_script.clone(),
                archive.search.is_some(),
            ),
        }
    });
    if let Some(pages) = &pages {
        out.file("index.html", page::home_page(pages.template, site, &pages.prerender.home()).as_bytes())?;
        // The plain app, which hosts answer every other deep link with.
        out.file("app.html", pages.template.as_bytes())?;
    }
    let mut site_json = tree.site_json.clone();
    site_json["feed"] = "feed.json".into();
    out.json("site.json", &site_json)?;
    write_category_pages(plan, tree, &mut out, pages.as_ref())?;
    write_syndication(plan, tree, &mut out)?;
    write_sitemaps(plan, tree, &mut out, &archive, pages.as_ref())?;

    // One JSON file and one pre-rendered page per article, in parallel;
    // the first tree's threads also index what they write.
    let indexing = (archive.search.is_some() && shards.is_none()).then(search::folding);
    let indices: Vec<usize> = (0..docs).collect();
    let results = crate::in_parallel(&indices, tree.threads, |part| {
        write_articles(plan, tree, root, pages.as_ref(), part, indexing.as_ref())
    });
    let mut errors = Vec::new();
    let mut index = ArchiveIndex::new(search::info(docs));
    for result in results {
        match result {
            Ok((written, part)) => {
                out.written.append(written);
                index.merge(part);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    if archive.search.is_some() {
        write_search(plan, tree, &mut out, shards.get_or_insert_with(|| index.files()))?;
    }
    Ok(out.written)
}

/// 站内搜索's files: the index's shards, and this tree's rows and days.
fn write_search(
    plan: &Plan,
    tree: &Tree,
    out: &mut Writer,
    shards: &[(String, Vec<u8>)],
) -> Result<(), Vec<BuildError>> {
    for (path, bytes) in shards {
        out.file(path, bytes)?;
    }
    let articles: Vec<&Article> = plan.items().iter().map(|entry| &entry.article).collect();
    for (path, text) in search::rows_and_days(&articles, tree.site.offset_minutes()) {
        out.file(&path, text.as_bytes())?;
    }
    Ok(())
}

/// The home feed: newest, headlines, each category's block, and the archive map.
fn home_feed(plan: &Plan, tree: &Tree, archive: &Archive) -> Value {
    let (site, base) = (&tree.site, tree.base_url.as_str());
    let mut home: Vec<usize> = (0..plan.items().len().min(HOME_LATEST)).collect();
    home.extend((0..plan.items().len()).filter(|&i| plan.items()[i].article.headline).take(HEADLINES));
    for category in &site.categories {
        home.extend(plan.category_positions(&category.slug).iter().take(site.block_size));
    }
    home.sort_unstable();
    home.dedup();
    let mut value = feed(
        site,
        base,
        home.iter().map(|&i| item(&plan.items()[i].article, base, site.offset_minutes(), false)).collect(),
    );
    value["feed_url"] = format!("{base}feed.json").into();
    value["_portal"] = json!({ "archive": archive.to_json() });
    value
}

/// RSS 2.0 and Atom: the site's newest articles (`rss.xml`, `atom.xml`)
/// and each category's (`feeds/<slug>/rss.xml`, `…/atom.xml`).
fn write_syndication(plan: &Plan, tree: &Tree, out: &mut Writer) -> Result<(), Vec<BuildError>> {
    let (site, base) = (&tree.site, tree.base_url.as_str());
    for category in std::iter::once(None).chain(site.categories.iter().map(Some)) {
        let positions: Vec<usize> = match category {
            None => (0..plan.items().len()).take(syndication::NEWEST).collect(),
            Some(c) => plan.category_positions(&c.slug).iter().take(syndication::NEWEST).copied().collect(),
        };
        let articles: Vec<_> = positions.iter().map(|&i| &plan.items()[i].article).collect();
        let channel = Channel::new(site, base, category);
        out.file(&format!("{}rss.xml", channel.folder), channel.rss(&articles).as_bytes())?;
        out.file(&format!("{}atom.xml", channel.folder), channel.atom(&articles).as_bytes())?;
    }
    Ok(())
}

/// Each category's part files, chained with next_url, and its page 1 pre-rendered.
fn write_category_pages(
    plan: &Plan,
    tree: &Tree,
    out: &mut Writer,
    pages: Option<&Pages>,
) -> Result<(), Vec<BuildError>> {
    let (site, base) = (&tree.site, tree.base_url.as_str());
    for category in &site.categories {
        let list = plan.category_positions(&category.slug);
        for part in 1..=part_count(list.len(), site.page_size) {
            let items = list[part_range(list.len(), site.page_size, part)]
                .iter()
                .map(|&i| item(&plan.items()[i].article, base, site.offset_minutes(), false))
                .collect();
            let mut value = feed(site, base, items);
            value["title"] = format!("{} - {}", category.name, site.name).into();
            if part > 1 {
                value["next_url"] = format!("{base}{}", category_part_file(&category.slug, part - 1)).into();
            }
            out.json(&category_part_file(&category.slug, part), &value)?;
        }
        if let Some(pages) = pages {
            let listing = plan.listing(&category.slug, site.page_size, 1).expect("page 1 always exists");
            let parts = PageParts::of(&category.slug, list.len(), site.page_size, &listing.page);
            let body = pages.prerender.category(listing, &parts);
            out.file(
                &format!("category/{}/index.html", category.slug),
                page::category_page(pages.template, site, category, &body).as_bytes(),
            )?;
        }
    }
    Ok(())
}

/// Sitemaps: an index of files of at most 50,000 URLs, and the 网站地图
/// data and page.
fn write_sitemaps(
    plan: &Plan,
    tree: &Tree,
    out: &mut Writer,
    archive: &Archive,
    pages: Option<&Pages>,
) -> Result<(), Vec<BuildError>> {
    let (site, base) = (&tree.site, tree.base_url.as_str());
    let offset = site.offset_minutes();
    if let Some(pages) = pages {
        let counts = site.categories.iter().map(|c| archive.count(&c.slug).unwrap_or(0)).collect();
        let body = pages.prerender.sitemap(counts);
        out.file("sitemap/index.html", page::sitemap_page(pages.template, site, &body).as_bytes())?;
    }
    let mut urls: Vec<(String, Option<String>)> = vec![(base.to_string(), None), (format!("{base}sitemap"), None)];
    urls.extend(site.categories.iter().map(|c| (format!("{base}category/{}", c.slug), None)));
    // Oldest first, so that a new article changes only the last file.
    urls.extend(plan.items().iter().rev().map(|e| {
        (format!("{base}article/{}", e.article.id), e.article.published.map(|at| date::format_rfc3339(at, offset)))
    }));
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in urls.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, modified) in chunk {
            xml.push_str(&format!(
                "<url><loc>{}</loc>{}</url>\n",
                escape(loc),
                modified.as_ref().map(|m| format!("<lastmod>{m}</lastmod>")).unwrap_or_default()
            ));
        }
        xml.push_str("</urlset>\n");
        out.file(&name, xml.as_bytes())?;
        index.push_str(&format!("<sitemap><loc>{base}{name}</loc></sitemap>\n"));
        if tree.lists_traditional_sitemaps() {
            index.push_str(&format!("<sitemap><loc>{base}{}/{name}</loc></sitemap>\n", traditional::FOLDER));
        }
    }
    index.push_str("</sitemapindex>\n");
    out.file("sitemap.xml", index.as_bytes())?;
    let map = json!({
        "title": format!("{}网站地图", site.name),
        "total": plan.items().len(),
        "categories": site.categories.iter().map(|c| {
            let count = archive.count(&c.slug).unwrap_or(0);
            json!({ "slug": c.slug, "name": c.name, "count": count, "pages": paging::total_pages(count, site.page_size), "url": format!("{base}category/{}", c.slug) })
        }).collect::<Vec<_>>(),
        "sitemap": format!("{base}sitemap.xml"),
    });
    out.json("sitemap.json", &map)
}

fn write_articles(
    plan: &Plan,
    tree: &Tree,
    root: &Path,
    pages: Option<&Pages>,
    indices: &[usize],
    indexing: Option<&Folding>,
) -> Result<(Manifest, ArchiveIndex), Vec<BuildError>> {
    let site = &tree.site;
    let base = tree.base_url.as_str();
    let mut out = Writer::new(root, tree);
    let mut errors = Vec::new();
    let docs = plan.items().len();
    let mut grams = ArchiveIndex::new(search::info(docs));
    for &index in indices {
        let entry = &plan.items()[index];
        let mut article = match input::full_article(entry, site) {
            Ok(article) => article,
            Err(mut e) => {
                errors.append(&mut e);
                continue;
            }
        };
        article.category = entry.article.category.clone();
        if let Some(folding) = indexing {
            search::add(&mut grams, search::doc_number(index, docs), &article, site, folding);
        }
        if let Some(convert) = tree.convert {
            convert.article(&mut article);
        }
        let (related, previous, next) = plan.surroundings(&entry.article.id, site.related_count).unwrap_or_default();
        let view = ArticleView { article, related, previous, next };
        let written =
            out.json(&article_file(&view.article.id), &writer::article_file(site, base, &view)).and_then(|()| {
                match pages {
                    Some(pages) => {
                        let category = view.article.category.as_deref().and_then(|slug| site.category(slug));
                        let path = format!("article/{}/index.html", view.article.id);
                        let context = PageContext { site, base_url: base, category };
                        let view = Arc::new(view);
                        let body = pages.prerender.article(view.clone());
                        out.file(&path, article_page(pages.template, &view.article, &context, &body).as_bytes())
                    }
                    None => Ok(()),
                }
            });
        if let Err(mut e) = written {
            errors.append(&mut e);
        }
    }
    if errors.is_empty() {
        Ok((out.written, grams))
    } else {
        Err(errors)
    }
}
