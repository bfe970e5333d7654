//! The articles as read, whatever the input: each one's metadata (what
//! every list and page needs) and where its body is when its own files are
//! written. Every item goes through the app's reader (`portal_core::feed`)
//! and the checks an archive adds, so all inputs are held to the same rules.

use crate::previous::fingerprint;
use portal_core::archive::is_plain_id;
use portal_core::date::Timestamp;
use portal_core::feed::{self, Article, ReadOptions};
use portal_core::index::FeedIndex;
use portal_core::inspection::{BodyFacts, Wording};
use portal_core::site::SiteConfig;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Where an article's body comes from when its files are written.
#[derive(Debug, Clone)]
pub enum Origin {
    File(PathBuf),
    /// Kept whole: a feed is one file, read once.
    Feed {
        file: PathBuf,
        article: Box<Article>,
    },
    /// From an RSS or Atom file; `changed` is when the feed says the item
    /// last changed, which picks among copies of it (`merge_copies`).
    Imported {
        file: PathBuf,
        article: Box<Article>,
        changed: Option<Timestamp>,
    },
}

impl Origin {
    /// The input file, for messages.
    pub fn file(&self) -> &Path {
        match self {
            Origin::File(file) | Origin::Feed { file, .. } | Origin::Imported { file, .. } => file,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// Metadata: the body is left empty.
    pub article: Article,
    pub origin: Origin,
    /// A fingerprint of the article as read, body included: what its own
    /// files are made from (`crate::previous`).
    pub source: u64,
    /// What the inspection checks of the body, taken as it is read against
    /// the wording list (`crate::check::Settings`): the inspection reads
    /// no body again.
    pub body: BodyFacts,
}

impl Entry {
    /// An article file's article, whose body is read again when its files are written.
    pub fn from_file(mut article: Article, file: &Path, wording: &[Wording]) -> Entry {
        let (source, body) = (fingerprint(&article), BodyFacts::of(&article, wording));
        article.body = Vec::new();
        Entry { article, origin: Origin::File(file.to_path_buf()), source, body }
    }

    /// An article of a JSON Feed, kept whole.
    pub fn from_feed(article: Article, file: &Path, wording: &[Wording]) -> Entry {
        Entry::kept(article, wording, |article| Origin::Feed { file: file.to_path_buf(), article })
    }

    /// An imported RSS or Atom item, kept whole.
    pub fn imported(article: Article, changed: Option<Timestamp>, file: &Path, wording: &[Wording]) -> Entry {
        Entry::kept(article, wording, |article| Origin::Imported { file: file.to_path_buf(), article, changed })
    }

    fn kept(article: Article, wording: &[Wording], origin: impl FnOnce(Box<Article>) -> Origin) -> Entry {
        let (source, body) = (fingerprint(&article), BodyFacts::of(&article, wording));
        let mut metadata = article.clone();
        metadata.body = Vec::new();
        Entry { article: metadata, origin: origin(Box::new(article)), source, body }
    }
}

impl portal_core::index::Indexed for Entry {
    fn article(&self) -> &Article {
        &self.article
    }
    fn article_mut(&mut self) -> &mut Article {
        &mut self.article
    }
}

/// The articles newest first, with the look-ups the pages need: the
/// app's own index, so both give the same order, neighbours and 相关阅读.
pub type Plan = FeedIndex<Entry>;

/// How the builder reads items: in the site's zone, 来源 defaulting to the site.
pub fn read_options(site: &SiteConfig) -> ReadOptions<'_> {
    ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: Some(&site.name) }
}

/// Reads one JSON Feed item through the shared reader, its local
/// attachments under `folder`; `Err` lists every problem.
pub fn read_item(item: Value, site: &SiteConfig, folder: &Path) -> Result<Article, Vec<String>> {
    let wrapper = json!({ "version": "https://jsonfeed.org/version/1.1", "title": site.name, "items": [item] });
    let parsed = feed::read_feed(&wrapper, read_options(site)).map_err(|e| vec![e.to_string()])?;
    let problems: Vec<String> = parsed.problems.iter().map(|p| format!("字段 {}：{}", p.field, p.message)).collect();
    let Some(article) = parsed.feed.items.into_iter().next() else { return Err(problems) };
    checked(article, site, folder, problems)
}

/// The article, if neither the reader (`problems`) nor the archive's own
/// checks found anything wrong; else every problem, naming the article.
/// Its local attachments, under `folder`, are measured.
pub fn checked(
    mut article: Article,
    site: &SiteConfig,
    folder: &Path,
    mut problems: Vec<String>,
) -> Result<Article, Vec<String>> {
    check_archive_fields(&article, site, &mut problems);
    measure_attachments(&mut article, folder, &mut problems);
    if problems.is_empty() {
        Ok(article)
    } else {
        Err(problems.into_iter().map(|e| format!("id “{}” {e}", article.id)).collect())
    }
}

/// The checks the builder adds to the reader's: what an archive needs.
fn check_archive_fields(article: &Article, site: &SiteConfig, errors: &mut Vec<String>) {
    if !is_plain_id(&article.id) {
        errors.push(format!("id “{}” 只能包含字母、数字、“-”“_”“.”（它会成为文件名和网址）", article.id));
    }
    // No date or no category is allowed (关于我们-style pages): such an
    // article is in no list, but a date or category that is given must be valid.
    if article.published.is_none() && article.published_text.is_some() {
        errors.push("发布时间无法识别".into());
    }
    match &article.category {
        None => {}
        Some(c) if site.category(c).is_none() && !site.categories.iter().any(|k| &k.name == c) => {
            errors.push(format!("栏目 “{c}” 不在 site.json 的 categories 中"))
        }
        _ => {}
    }
}

/// Each local attachment's size, from its file under `folder`, which
/// must exist: inspectors download every one.
fn measure_attachments(article: &mut Article, folder: &Path, errors: &mut Vec<String>) {
    for attachment in article.policy.attachments.iter_mut().filter(|a| a.is_local()) {
        let Some(path) = attachment_path(&attachment.href) else {
            let detail = "应是本站内的相对路径（不以 “/” 开头，不含 “..”）";
            errors.push(format!("字段 attachment：附件 “{}” {detail}", attachment.href));
            continue;
        };
        let file = folder.join(path);
        match std::fs::metadata(&file) {
            Ok(meta) if meta.is_file() => attachment.size = Some(meta.len()),
            _ => errors.push(format!("字段 attachment：附件 “{}” 不存在（{}）", attachment.href, file.display())),
        }
    }
}

/// Where a local attachment `href` is, under the input's folder and in
/// the tree it is copied into; `None` for a path that would leave them.
pub fn attachment_path(href: &str) -> Option<&str> {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    let parts_ok = path.split('/').all(|part| !part.is_empty() && part != "." && part != "..");
    (parts_ok && !path.contains('\\')).then_some(path)
}

/// The same item imported twice (from two feeds, or a feed listing it
/// twice) is one article: the copy that changed last, the first given
/// among equals. Articles from other inputs are left as they are.
pub fn merge_copies(entries: Vec<Entry>) -> Vec<Entry> {
    let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
    let mut imported: HashMap<String, usize> = HashMap::new();
    for entry in entries {
        let Origin::Imported { changed, .. } = &entry.origin else {
            kept.push(entry);
            continue;
        };
        match imported.get(&entry.article.id) {
            Some(&at) => {
                let earlier = match &kept[at].origin {
                    Origin::Imported { changed, .. } => *changed,
                    _ => None,
                };
                if changed > &earlier {
                    kept[at] = entry;
                }
            }
            None => {
                imported.insert(entry.article.id.clone(), kept.len());
                kept.push(entry);
            }
        }
    }
    kept
}
