//! Reading the input files: complete JSON Feeds, RSS and Atom to import,
//! and directories of article files (front matter, then HTML). Every item
//! goes through the same reader as the app (`crate::entry`), but here every
//! problem is an error.
//!
//! Article files are read twice: once for the metadata every page needs
//! (kept for all articles), and once more, one at a time, when the article's
//! own files are written. So memory holds metadata, not 100,000 bodies.

use crate::entry::{self, Entry, Origin};
use crate::import::{self, CategoryMap};
use crate::BuildError;
use portal_core::feed::{self, Article};
use portal_core::inspection::Wording;
use portal_core::site::SiteConfig;
use serde_json::{json, Map, Value};
use std::path::Path;

/// Front matter keys of an article file, and the feed field each fills.
const KEYS: &[&str] = &[
    "id",
    "title",
    "date",
    "category",
    "tags",
    "source",
    "editor",
    "author",
    "summary",
    "kicker",
    "subtitle",
    "image",
    "headline",
    "related",
    "photo",
    "index_no",
    "doc_no",
    "publisher",
    "written",
    "topic",
    "keywords",
    "validity",
    "attachment",
    "interprets",
];

/// Splits an article file into its front matter (as a JSON Feed item) and
/// its HTML body.
pub fn parse_article_file(text: &str) -> Result<Value, Vec<String>> {
    let (head, body) = split_front_matter(text).map_err(|e| vec![e])?;
    let mut item = Map::new();
    let mut extension = Map::new();
    let mut photos = Vec::new();
    let mut attachments = Vec::new();
    let mut errors = Vec::new();
    for (number, line) in head.lines().enumerate() {
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errors.push(format!("前置信息第 {} 行应为 “键: 值”", number + 2));
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        match key {
            "id" | "title" | "summary" | "image" => {
                item.insert(key.into(), value.into());
            }
            "date" => {
                item.insert("date_published".into(), value.into());
            }
            "tags" => {
                item.insert("tags".into(), list(value));
            }
            "author" => {
                item.insert("authors".into(), json!([{ "name": value }]));
            }
            "category" | "source" | "editor" | "kicker" | "subtitle" | "index_no" | "doc_no" | "publisher"
            | "written" | "topic" | "keywords" | "validity" | "interprets" => {
                extension.insert(key.into(), value.into());
            }
            "related" => {
                extension.insert(key.into(), list(value));
            }
            "headline" => match value {
                "true" | "是" => {
                    extension.insert(key.into(), true.into());
                }
                "false" | "否" => {}
                other => errors.push(format!("headline 应为 true 或 false，而不是 “{other}”")),
            },
            "photo" => photos.push(photo(value)),
            "attachment" => attachments.push(attachment(value)),
            other => errors.push(format!("未知的前置信息键 “{other}”（可用：{}）", KEYS.join("、"))),
        }
    }
    for (key, list) in [("photos", photos), ("attachments", attachments)] {
        if !list.is_empty() {
            extension.insert(key.into(), Value::Array(list));
        }
    }
    item.insert("content_html".into(), body.into());
    item.insert(feed::EXTENSION.into(), Value::Object(extension));
    if errors.is_empty() {
        Ok(Value::Object(item))
    } else {
        Err(errors)
    }
}

/// (front matter, body) of a file that starts with a `---` line.
fn split_front_matter(text: &str) -> Result<(&str, &str), String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Err("文件应以 “---” 开头的前置信息（front matter）开始".into());
    };
    let Some(end) = rest.find("\n---") else {
        return Err("前置信息缺少结束行 “---”".into());
    };
    Ok((&rest[..end], rest[end + 4..].trim_start_matches(['\r', '\n'])))
}

/// `a, b，c` as a JSON list of strings.
fn list(value: &str) -> Value {
    Value::Array(
        value.split([',', '，']).map(str::trim).filter(|s| !s.is_empty()).map(|s| Value::String(s.into())).collect(),
    )
}

/// `src | alt | caption | width | height | after_paragraph` as a `_portal.photos` entry.
fn photo(value: &str) -> Value {
    let parts: Vec<&str> = value.split('|').map(str::trim).collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u64>().ok());
    let mut photo = json!({ "src": parts[0] });
    for (i, name) in [(1, "alt"), (2, "caption")] {
        if let Some(text) = parts.get(i).filter(|t| !t.is_empty()) {
            photo[name] = (*text).into();
        }
    }
    for (i, name) in [(3, "width"), (4, "height"), (5, "after_paragraph")] {
        if let Some(n) = number(i) {
            photo[name] = n.into();
        }
    }
    photo
}

/// `path-or-URL | 标题` as a `_portal.attachments` entry.
fn attachment(value: &str) -> Value {
    let (url, title) = value.split_once('|').unwrap_or((value, ""));
    let mut attachment = json!({ "url": url.trim() });
    if !title.trim().is_empty() {
        attachment["title"] = title.trim().into();
    }
    attachment
}

/// Reads an article file in full (body included); its attachments are
/// beside it.
pub fn read_article_file(path: &Path, site: &SiteConfig) -> Result<Article, Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| vec![format!("无法读取：{e}")])?;
    entry::read_item(parse_article_file(&text)?, site, attachment_folder(path))
}

/// Where the local attachments of the articles in `file` are found: its folder.
pub fn attachment_folder(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new("."))
}

/// Reads every `*.html` / `*.md` article file under `dir`, keeping metadata
/// and what the inspection looks for in the bodies, against `wording`.
pub fn read_article_dir(
    dir: &Path,
    site: &SiteConfig,
    wording: &[Wording],
    threads: usize,
) -> (Vec<Entry>, Vec<BuildError>) {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    let mut errors = Vec::new();
    while let Some(folder) = pending.pop() {
        match std::fs::read_dir(&folder) {
            Ok(entries) => {
                for entry in entries.flatten() {
                    let path = entry.path();
                    if path.is_dir() {
                        pending.push(path);
                    } else if matches!(path.extension().and_then(|e| e.to_str()), Some("html" | "md")) {
                        files.push(path);
                    }
                }
            }
            Err(e) => errors.push(BuildError::io(&folder, "无法读取目录", e)),
        }
    }
    files.sort();
    let results = crate::in_parallel(&files, threads, |paths| {
        let mut entries = Vec::with_capacity(paths.len());
        let mut errors = Vec::new();
        for path in paths {
            match read_article_file(path, site) {
                Ok(article) => entries.push(Entry::from_file(article, path, wording)),
                Err(details) => errors.extend(BuildError::each(path, details)),
            }
        }
        (entries, errors)
    });
    let mut entries = Vec::with_capacity(files.len());
    for (mut part, mut part_errors) in results {
        entries.append(&mut part);
        errors.append(&mut part_errors);
    }
    (entries, errors)
}

/// Reads a feed file: a complete JSON Feed, or RSS / Atom to import
/// (`crate::import`), told apart by its first character.
pub fn read_feed_file(
    path: &Path,
    site: &SiteConfig,
    map: &CategoryMap,
    wording: &[Wording],
) -> (Vec<Entry>, Vec<BuildError>) {
    let problem = |detail: String| BuildError::new(path, detail);
    // JSON Feeds are read as before (UTF-8, any size); anything else is
    // RSS or Atom to import, with the importer's size limit and decoding.
    let read = match is_json(path) {
        Ok(true) => std::fs::read(path).map_err(|e| format!("无法读取：{e}")),
        Ok(false) => {
            let text = read_limited(path).and_then(|bytes| import::decode(&bytes));
            return match text.map(|text| import::read_xml(&text, site, map, attachment_folder(path))) {
                Ok(Ok(items)) => {
                    let entry = |item: import::ImportedItem| Entry::imported(item.article, item.changed, path, wording);
                    (items.into_iter().map(entry).collect(), vec![])
                }
                Ok(Err(details)) => (vec![], details.into_iter().map(problem).collect()),
                Err(e) => (vec![], vec![problem(e)]),
            };
        }
        Err(e) => Err(format!("无法读取：{e}")),
    };
    let parsed = match read
        .and_then(|bytes| feed::parse_feed_bytes(&bytes, entry::read_options(site)).map_err(|e| e.to_string()))
    {
        Ok(parsed) => parsed,
        Err(e) => return (vec![], vec![problem(e)]),
    };
    let mut errors: Vec<BuildError> = parsed.problems.iter().map(|p| problem(p.to_string())).collect();
    let mut entries = Vec::with_capacity(parsed.feed.items.len());
    for article in parsed.feed.items {
        match entry::checked(article, site, attachment_folder(path), vec![]) {
            Ok(article) => entries.push(Entry::from_feed(article, path, wording)),
            Err(details) => errors.extend(details.into_iter().map(problem)),
        }
    }
    (entries, errors)
}

/// Whether the file is JSON: its first character, after a UTF-8 byte-order
/// mark and white space, is `{`.
fn is_json(path: &Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    std::fs::File::open(path)?.take(512).read_to_end(&mut head)?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    Ok(head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'))
}

/// The file's bytes, if it is not larger than `import::MAX_BYTES`.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path).map_err(|e| format!("无法读取：{e}"))?.len();
    if size > import::MAX_BYTES {
        return Err(format!(
            "文件有 {} MB，超过上限 {} MB：请让 CMS 分成几个较小的订阅源文件，每个用一次 --feed",
            size >> 20,
            import::MAX_BYTES >> 20
        ));
    }
    std::fs::read(path).map_err(|e| format!("无法读取：{e}"))
}

/// The article with its body, for writing its own files.
pub fn full_article(entry: &Entry, site: &SiteConfig) -> Result<Article, Vec<BuildError>> {
    match &entry.origin {
        Origin::Feed { article, .. } | Origin::Imported { article, .. } => Ok((**article).clone()),
        Origin::File(path) => {
            read_article_file(path, site).map_err(|details| BuildError::each(path, details).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_becomes_a_feed_item() {
        let item = parse_article_file("---\nid: a1\ntitle: 标题\ndate: 2026-01-02T03:04:05+08:00\ncategory: cyfz\ntags: 甲, 乙，丙\nheadline: true\nphoto: images/a.svg | 图 | 图说 | 640 | 400 | 2\n---\n<p>正文</p>\n").unwrap();
        assert_eq!(item["tags"], json!(["甲", "乙", "丙"]));
        assert_eq!(
            item["_portal"]["photos"][0],
            json!({"src": "images/a.svg", "alt": "图", "caption": "图说", "width": 640, "height": 400, "after_paragraph": 2})
        );
        assert_eq!(item["content_html"], "<p>正文</p>\n");
        assert_eq!(item["_portal"]["headline"], true);
    }

    #[test]
    fn front_matter_mistakes_are_all_listed() {
        let errors =
            parse_article_file("---\nid: a1\ncolour: red\nno colon here\nheadline: maybe\n---\nbody").unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(parse_article_file("no front matter").is_err());
        assert!(parse_article_file("---\nid: x\n").is_err());
    }
}
