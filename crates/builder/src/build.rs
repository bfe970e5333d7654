//! Writing the archive. Everything is written into a temporary folder next
//! to the output and swapped in only when all of it succeeded, so a failed
//! build leaves the previous output untouched.

use crate::input::{self, Entry};
use crate::page::{article_page, category_page, home_page, PageContext};
use crate::InputError;
use portal_core::archive::{article_file, category_page_file, Archive};
use portal_core::date;
use portal_core::feed::{read_feed, Article, ReadOptions};
use portal_core::index::{FeedIndex, HEADLINES};
use portal_core::html::{escape, to_html};
use portal_core::paging;
use portal_core::related::related_among;
use portal_core::site::SiteConfig;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub struct Options {
    pub site: SiteConfig,
    /// `site.json` as written, copied into the output.
    pub site_json: Value,
    pub feeds: Vec<PathBuf>,
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

/// How many of the newest items of each shared tag, and of the category,
/// are ranked for 相关阅读: ranking all 100,000 for each article would be
/// quadratic, and the best matches are always among these.
const POOL_PER_KEY: usize = 48;
/// Items of the home feed beyond headlines and category blocks.
const HOME_LATEST: usize = 20;
const SITEMAP_URLS: usize = 50_000;

#[derive(Debug, Default)]
pub struct Report {
    pub articles: usize,
    pub files: usize,
}

/// The articles sorted newest first, with the look-ups the pages need.
struct Plan<'a> {
    entries: Vec<Entry>,
    site: &'a SiteConfig,
    by_id: HashMap<String, usize>,
    /// Category slug → entry indices, newest first.
    by_category: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
}

impl<'a> Plan<'a> {
    fn new(mut entries: Vec<Entry>, site: &'a SiteConfig, errors: &mut Vec<InputError>) -> Plan<'a> {
        entries.sort_by(|a, b| b.article.published.cmp(&a.article.published).then_with(|| a.article.id.cmp(&b.article.id)));
        let mut by_id = HashMap::with_capacity(entries.len());
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, entry) in entries.iter_mut().enumerate() {
            let article = &mut entry.article;
            article.category = site.category_of(article).map(|c| c.slug.clone());
            if by_id.insert(article.id.clone(), index).is_some() {
                errors.push(InputError { file: origin_name(entry), detail: format!("id “{}” 重复", entry.article.id) });
                continue;
            }
            if let Some(slug) = &entry.article.category {
                by_category.entry(slug.clone()).or_default().push(index);
            }
            for tag in &entry.article.tags {
                by_tag.entry(tag.clone()).or_default().push(index);
            }
        }
        for entry in &entries {
            for id in &entry.article.related {
                if !by_id.contains_key(id) {
                    errors.push(InputError { file: origin_name(entry), detail: format!("id “{}” 字段 _portal.related：没有 id 为 “{id}” 的文章", entry.article.id) });
                }
            }
        }
        Plan { entries, site, by_id, by_category, by_tag }
    }

    fn article(&self, index: usize) -> &Article {
        &self.entries[index].article
    }

    fn related(&self, index: usize) -> Vec<&Article> {
        let article = self.article(index);
        let mut pool: Vec<usize> = Vec::new();
        let mut add = |list: Option<&Vec<usize>>| pool.extend(list.into_iter().flatten().take(POOL_PER_KEY));
        add(article.category.as_ref().and_then(|c| self.by_category.get(c)));
        for tag in &article.tags {
            add(self.by_tag.get(tag));
        }
        pool.sort_unstable();
        pool.dedup();
        let lookup = |id: &str| self.by_id.get(id).map(|&i| self.article(i));
        related_among(article, pool.into_iter().map(|i| self.article(i)), lookup, self.site.related_count)
    }

    /// (newer, older) within the category.
    fn neighbours(&self, index: usize) -> (Option<&Article>, Option<&Article>) {
        let Some(list) = self.article(index).category.as_ref().and_then(|c| self.by_category.get(c)) else { return (None, None) };
        let Ok(position) = list.binary_search_by(|probe| probe.cmp(&index)) else { return (None, None) };
        (position.checked_sub(1).map(|p| self.article(list[p])), list.get(position + 1).map(|&i| self.article(i)))
    }
}

fn origin_name(entry: &Entry) -> String {
    match &entry.origin {
        input::Origin::File(path) => path.display().to_string(),
        input::Origin::Feed(_) => "feed".into(),
    }
}

fn reference(article: &Article, offset: i32) -> Value {
    let mut value = json!({ "id": article.id, "title": article.title });
    if let Some(at) = article.published {
        value["date_published"] = date::format_rfc3339(at, offset).into();
    }
    value
}

/// An article as a JSON Feed item: full (with content) or a list summary.
fn item(article: &Article, base_url: &str, offset: i32, full: bool) -> Value {
    let mut item = json!({ "id": article.id, "url": format!("{base_url}article/{}", article.id), "title": article.title, "summary": article.summary });
    if full {
        item["content_html"] = to_html(&article.body).into();
    } else {
        item["content_text"] = article.summary.clone().into();
    }
    if let Some(at) = article.published {
        item["date_published"] = date::format_rfc3339(at, offset).into();
    }
    if let Some(image) = &article.image {
        item["image"] = image.clone().into();
    }
    if !article.authors.is_empty() {
        item["authors"] = article.authors.iter().map(|name| json!({ "name": name })).collect();
    }
    if !article.tags.is_empty() {
        item["tags"] = json!(article.tags);
    }
    let mut extension = json!({ "category": article.category });
    for (key, value) in [("source", &article.source), ("editor", &article.editor), ("kicker", &article.kicker), ("subtitle", &article.subtitle)] {
        if let Some(value) = value {
            extension[key] = value.clone().into();
        }
    }
    if article.headline {
        extension["headline"] = true.into();
    }
    item["_portal"] = extension;
    item
}

fn feed(site: &SiteConfig, base_url: &str, items: Vec<Value>) -> Value {
    json!({ "version": "https://jsonfeed.org/version/1.1", "title": site.name, "home_page_url": base_url, "language": "zh-CN", "items": items })
}

fn write(root: &Path, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
    let path = root.join(relative);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}

fn write_json(root: &Path, relative: &str, value: &Value) -> std::io::Result<()> {
    write(root, relative, serde_json::to_string(value).expect("JSON values serialize").as_bytes())
}

/// Reads the inputs and writes the archive. `Err` carries every input
/// problem found (or the I/O error), and the output is then untouched.
pub fn build(options: &Options) -> Result<Report, Vec<InputError>> {
    let site = &options.site;
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for path in &options.feeds {
        let (mut found, mut problems) = input::read_feed_file(path, site);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    for dir in &options.article_dirs {
        let (mut found, mut problems) = input::read_article_dir(dir, site, options.threads);
        entries.append(&mut found);
        errors.append(&mut problems);
    }
    let plan = Plan::new(entries, site, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let io = |e: std::io::Error| vec![InputError { file: options.out.display().to_string(), detail: format!("写入失败：{e}") }];
    let staging = options.out.with_file_name(format!(".{}.building-{}", options.out.file_name().and_then(|n| n.to_str()).unwrap_or("out"), std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(io)?;
    let result = copy_app(options, &staging).and_then(|template| write_all(&plan, options, &staging, template.as_deref()));
    match result {
        Ok(report) => {
            swap_in(&staging, &options.out).map_err(io)?;
            Ok(report)
        }
        Err(errors) => {
            let _ = std::fs::remove_dir_all(&staging);
            Err(errors)
        }
    }
}

/// Replaces `out` with `staging`, keeping the old tree until the new one is in place.
fn swap_in(staging: &Path, out: &Path) -> std::io::Result<()> {
    let old = out.with_file_name(format!(".{}.old-{}", out.file_name().and_then(|n| n.to_str()).unwrap_or("out"), std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)?;
    }
    std::fs::rename(staging, out)?;
    if had_old {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}

/// Copies the app bundle (not its demo data) and returns the page the
/// pre-rendered pages start from: app.html (the release build's page as
/// trunk wrote it), else index.html.
fn copy_app(options: &Options, root: &Path) -> Result<Option<String>, Vec<InputError>> {
    let Some(app) = &options.app_dir else { return Ok(None) };
    let fail = |path: &Path, e: std::io::Error| vec![InputError { file: path.display().to_string(), detail: format!("复制应用文件失败：{e}") }];
    let mut pending = vec![app.clone()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| fail(&folder, e))? {
            let path = entry.map_err(|e| fail(&folder, e))?.path();
            let relative = path.strip_prefix(app).expect("under the app folder");
            if path.is_dir() {
                if !matches!(relative.to_str(), Some("feeds" | "articles" | "article")) {
                    pending.push(path);
                }
            } else if !matches!(relative.to_str(), Some("feed.json" | "site.json")) {
                let target = root.join(relative);
                std::fs::create_dir_all(target.parent().expect("a parent")).map_err(|e| fail(&target, e))?;
                std::fs::copy(&path, &target).map_err(|e| fail(&path, e))?;
            }
        }
    }
    let page = [app.join("app.html"), app.join("index.html")].into_iter().find(|p| p.is_file()).unwrap_or_else(|| app.join("app.html"));
    std::fs::read_to_string(&page).map(Some).map_err(|e| fail(&page, e))
}

fn write_all(plan: &Plan, options: &Options, root: &Path, template: Option<&str>) -> Result<Report, Vec<InputError>> {
    let site = plan.site;
    let offset = site.offset_minutes();
    let base = options.base_url.as_str();
    let io = |what: &str, e: std::io::Error| vec![InputError { file: what.to_string(), detail: format!("写入失败：{e}") }];
    let mut files = 0;

    // Category pages, chained with next_url.
    let mut archive = Archive { page_size: site.page_size, total: plan.entries.len(), categories: Vec::new() };
    for category in &site.categories {
        let list = plan.by_category.get(&category.slug).map(Vec::as_slice).unwrap_or_default();
        archive.categories.push((category.slug.clone(), list.len()));
        let pages = paging::total_pages(list.len(), site.page_size);
        for number in 1..=pages {
            let page = paging::page(list.len(), site.page_size, number).expect("page in range");
            let items = list[page.start..page.end].iter().map(|&i| item(plan.article(i), base, offset, false)).collect();
            let mut value = feed(site, base, items);
            value["title"] = format!("{} - {}", category.name, site.name).into();
            if number < pages {
                value["next_url"] = format!("{base}{}", category_page_file(&category.slug, number + 1)).into();
            }
            let file = category_page_file(&category.slug, number);
            write_json(root, &file, &value).map_err(|e| io(&file, e))?;
            files += 1;
            if let (1, Some(template)) = (number, template) {
                let articles: Vec<&Article> = list[page.start..page.end].iter().map(|&i| plan.article(i)).collect();
                let path = format!("category/{}/index.html", category.slug);
                write(root, &path, category_page(template, site, category, &articles, page).as_bytes()).map_err(|e| io(&path, e))?;
                files += 1;
            }
        }
    }

    // Home feed: newest, headlines, each category's block, and the archive map.
    let mut home: Vec<usize> = (0..plan.entries.len().min(HOME_LATEST)).collect();
    let marked: Vec<usize> = (0..plan.entries.len()).filter(|&i| plan.article(i).headline).take(HEADLINES).collect();
    home.extend(marked);
    for list in plan.by_category.values() {
        home.extend(list.iter().take(site.block_size));
    }
    home.sort_unstable();
    home.dedup();
    let mut value = feed(site, base, home.iter().map(|&i| item(plan.article(i), base, offset, false)).collect());
    value["feed_url"] = format!("{base}feed.json").into();
    value["_portal"] = json!({ "archive": archive.to_json() });
    write_json(root, "feed.json", &value).map_err(|e| io("feed.json", e))?;
    if let Some(template) = template {
        // The home page pre-rendered from the feed the app will read, so the
        // two show the same; app.html stays the plain app for deep links.
        let parsed = read_feed(&value, ReadOptions { offset_minutes: offset, fallback_source: None }).expect("the home feed just built reads back");
        let home = FeedIndex::new(parsed.feed.items, site);
        write(root, "index.html", home_page(template, site, &home).as_bytes()).map_err(|e| io("index.html", e))?;
        write(root, "app.html", template.as_bytes()).map_err(|e| io("app.html", e))?;
        files += 2;
    }
    let mut site_json = options.site_json.clone();
    site_json["feed"] = "feed.json".into();
    write_json(root, "site.json", &site_json).map_err(|e| io("site.json", e))?;
    files += 2;

    // Sitemaps: an index of files of at most 50,000 URLs, and the 网站地图 data.
    let mut urls: Vec<(String, Option<String>)> = vec![(base.to_string(), None)];
    urls.extend(site.categories.iter().map(|c| (format!("{base}category/{}", c.slug), None)));
    urls.extend(plan.entries.iter().map(|e| (format!("{base}article/{}", e.article.id), e.article.published.map(|at| date::format_rfc3339(at, offset)))));
    let mut index = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (n, chunk) in urls.chunks(SITEMAP_URLS).enumerate() {
        let name = format!("sitemap-{}.xml", n + 1);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (loc, modified) in chunk {
            xml.push_str(&format!("<url><loc>{}</loc>{}</url>\n", escape(loc), modified.as_ref().map(|m| format!("<lastmod>{m}</lastmod>")).unwrap_or_default()));
        }
        xml.push_str("</urlset>\n");
        write(root, &name, xml.as_bytes()).map_err(|e| io(&name, e))?;
        index.push_str(&format!("<sitemap><loc>{base}{name}</loc></sitemap>\n"));
        files += 1;
    }
    index.push_str("</sitemapindex>\n");
    write(root, "sitemap.xml", index.as_bytes()).map_err(|e| io("sitemap.xml", e))?;
    let map = json!({
        "title": format!("{}网站地图", site.name),
        "total": plan.entries.len(),
        "categories": site.categories.iter().map(|c| {
            let count = archive.count(&c.slug).unwrap_or(0);
            json!({ "slug": c.slug, "name": c.name, "count": count, "pages": paging::total_pages(count, site.page_size), "url": format!("{base}category/{}", c.slug) })
        }).collect::<Vec<_>>(),
        "sitemap": format!("{base}sitemap.xml"),
    });
    write_json(root, "sitemap.json", &map).map_err(|e| io("sitemap.json", e))?;
    files += 2;

    // One JSON file and one crawler page per article, in parallel.
    let indices: Vec<usize> = (0..plan.entries.len()).collect();
    let results = crate::in_parallel(&indices, options.threads, |part| write_articles(plan, options, root, template, part));
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(n) => files += n,
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(Report { articles: plan.entries.len(), files })
    } else {
        Err(errors)
    }
}

fn write_articles(plan: &Plan, options: &Options, root: &Path, template: Option<&str>, indices: &[usize]) -> Result<usize, Vec<InputError>> {
    let site = plan.site;
    let offset = site.offset_minutes();
    let base = options.base_url.as_str();
    let mut errors = Vec::new();
    let mut files = 0;
    for &index in indices {
        let entry = &plan.entries[index];
        let mut article = match input::full_article(entry, site) {
            Ok(article) => article,
            Err(details) => {
                errors.extend(details.into_iter().map(|detail| InputError { file: origin_name(entry), detail }));
                continue;
            }
        };
        article.category = entry.article.category.clone();
        let mut value = item(&article, base, offset, true);
        let (newer, older) = plan.neighbours(index);
        value["_portal"]["related_items"] = plan.related(index).into_iter().map(|a| reference(a, offset)).collect();
        if let Some(newer) = newer {
            value["_portal"]["previous"] = reference(newer, offset);
        }
        if let Some(older) = older {
            value["_portal"]["next"] = reference(older, offset);
        }
        let file = article_file(&article.id);
        if let Err(e) = write_json(root, &file, &feed(site, base, vec![value])) {
            errors.push(InputError { file, detail: format!("写入失败：{e}") });
            continue;
        }
        files += 1;
        if let Some(template) = template {
            let category = article.category.as_deref().and_then(|slug| site.category(slug));
            let page = article_page(template, &article, &PageContext { site, base_url: base, category });
            let path = format!("article/{}/index.html", article.id);
            if let Err(e) = write(root, &path, page.as_bytes()) {
                errors.push(InputError { file: path, detail: format!("写入失败：{e}") });
                continue;
            }
            files += 1;
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
