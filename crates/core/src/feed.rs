//! JSON Feed 1.0/1.1 with the portal's `_portal` extension, read leniently:
//! every field is checked on its own, so one bad item or field is reported
//! (item, field, what is wrong) and everything else is still shown.

use crate::policy::{self, Attachment, Policy, Validity};
use crate::{date, html};
use serde_json::{Map, Value};

/// The extension key on the feed and on each item (see docs/feed-format.md).
pub const EXTENSION: &str = "_portal";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Feed {
    pub title: String,
    pub home_page_url: Option<String>,
    pub description: Option<String>,
    /// JSON Feed pagination: the next, older page of this feed.
    pub next_url: Option<String>,
    pub items: Vec<Article>,
    /// The feed's own `_portal` value, as written: a sharded archive's
    /// home feed describes the archive there (`crate::archive`).
    pub extension: Option<Value>,
}

/// The title of an item that has neither a title nor any text to take one from.
pub const UNTITLED: &str = "（无标题）";

/// Another article: enough for a link, or a row of a list (where a
/// policy document also shows its 文号 and 有效性).
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    pub published: Option<date::Timestamp>,
    pub doc_no: Option<String>,
    pub validity: Option<Validity>,
}

impl From<&Article> for ArticleRef {
    fn from(article: &Article) -> ArticleRef {
        ArticleRef {
            id: article.id.clone(),
            title: article.title.clone(),
            published: article.published,
            doc_no: article.policy.doc_no.clone(),
            validity: article.policy.validity.clone(),
        }
    }
}

/// What an article's page links to around it: 相关阅读, 上一篇/下一篇, and
/// for a policy document and its 解读 each other (政策原文, 相关解读).
/// Worked out by the index, or ahead by the archive builder.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Surroundings {
    pub related: Vec<ArticleRef>,
    pub previous: Option<ArticleRef>,
    pub next: Option<ArticleRef>,
    /// The document this 解读 interprets.
    pub original: Option<ArticleRef>,
    /// The 解读 of this document.
    pub interpretations: Vec<ArticleRef>,
}

#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Article {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub summary: String,
    /// Sanitized body, photos from the extension already placed.
    pub body: Vec<html::Node>,
    pub image: Option<String>,
    pub published: Option<date::Timestamp>,
    /// The date as written, shown when it cannot be parsed.
    pub published_text: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub category: Option<String>,
    pub source: Option<String>,
    pub editor: Option<String>,
    pub kicker: Option<String>,
    pub subtitle: Option<String>,
    pub related: Vec<String>,
    pub headline: bool,
    /// 政府信息公开 metadata, attachments and 解读 link.
    pub policy: Policy,
    /// Only in an archive's article files.
    pub precomputed: Option<Surroundings>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Photo {
    pub src: String,
    pub alt: String,
    pub caption: Option<String>,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub after_paragraph: usize,
}

/// Something wrong in a feed that parsed as JSON. Never fatal.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based item number, `None` for the feed itself.
    pub item: Option<usize>,
    pub id: Option<String>,
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.item, &self.id) {
            (Some(n), Some(id)) => write!(f, "第 {n} 条（id “{id}”）字段 {}：{}", self.field, self.message),
            (Some(n), None) => write!(f, "第 {n} 条 字段 {}：{}", self.field, self.message),
            (None, Some(id)) => write!(f, "id “{id}” 字段 {}：{}", self.field, self.message),
            _ => write!(f, "订阅源字段 {}：{}", self.field, self.message),
        }
    }
}

/// A feed that cannot be shown at all.
#[derive(Debug, Clone, PartialEq)]
pub enum FeedError {
    NotUtf8 { offset: usize },
    NotJson { line: usize, column: usize, reason: String },
    NotAnObject,
    NoItems,
}

impl std::fmt::Display for FeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FeedError::NotUtf8 { offset } => write!(f, "订阅源不是有效的 UTF-8 文本（第 {offset} 字节处编码错误）"),
            FeedError::NotJson { line, column, reason } => {
                write!(f, "订阅源不是有效的 JSON（第 {line} 行第 {column} 列：{reason}）")
            }
            FeedError::NotAnObject => write!(f, "订阅源的顶层不是 JSON 对象"),
            FeedError::NoItems => write!(f, "订阅源缺少 items 数组"),
        }
    }
}

/// The reading context: site time zone (for zoneless dates) and the name
/// used as 来源 when a third-party feed gives none.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions<'a> {
    pub offset_minutes: i32,
    pub fallback_source: Option<&'a str>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Parsed {
    pub feed: Feed,
    pub problems: Vec<Problem>,
}

/// Reads a feed file as fetched: bytes that must be UTF-8 JSON.
pub fn parse_feed_bytes(bytes: &[u8], options: ReadOptions) -> Result<Parsed, FeedError> {
    let text = std::str::from_utf8(bytes).map_err(|e| FeedError::NotUtf8 { offset: e.valid_up_to() })?;
    parse_feed(text.strip_prefix('\u{feff}').unwrap_or(text), options)
}

/// Reads a feed document. Items come back newest first.
pub fn parse_feed(text: &str, options: ReadOptions) -> Result<Parsed, FeedError> {
    let mut value: Value = serde_json::from_str(text).map_err(|e| FeedError::NotJson {
        line: e.line(),
        column: e.column(),
        reason: match e.classify() {
            serde_json::error::Category::Eof => "内容不完整（被截断）".to_string(),
            serde_json::error::Category::Syntax if e.to_string().starts_with("recursion limit") => {
                "嵌套层次过深".to_string()
            }
            serde_json::error::Category::Syntax => "语法错误".to_string(),
            _ => e.to_string(),
        },
    })?;
    // The feed's extension moved out, not copied: copying a `Value` costs
    // the wasm KBs.
    let extension = value.get_mut(EXTENSION).map(Value::take);
    read(&value, extension, options)
}

/// The order of every list: newest first, undated items after dated ones;
/// a stable sort keeps the input's order among equals.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    b.published.is_some().cmp(&a.published.is_some()).then(b.published.cmp(&a.published))
}

pub fn read_feed(value: &Value, options: ReadOptions) -> Result<Parsed, FeedError> {
    read(value, value.get(EXTENSION).cloned(), options)
}

/// Reads `value`, whose own `_portal` value is `extension` (moved out of
/// it, or copied).
fn read(value: &Value, extension: Option<Value>, options: ReadOptions) -> Result<Parsed, FeedError> {
    let object = value.as_object().ok_or(FeedError::NotAnObject)?;
    let items = object.get("items").and_then(Value::as_array).ok_or(FeedError::NoItems)?;
    let mut problems = Vec::new();
    let mut feed_fields = Fields { object, problems: &mut problems, item: None, id: None, prefix: "" };
    match feed_fields.string("version") {
        Some(v) if v.starts_with("https://jsonfeed.org/version/1") => {}
        Some(v) => feed_fields.report("version", format!("未知版本 “{v}”，按 JSON Feed 1.1 读取")),
        None => feed_fields.report("version", "缺少版本号，按 JSON Feed 1.1 读取".to_string()),
    }
    let title = feed_fields.text("title").unwrap_or_default();
    let home_page_url = feed_fields.string("home_page_url");
    let description = feed_fields.text("description");
    let next_url = feed_fields.string("next_url");
    let source = options.fallback_source.map(str::to_string).or_else(|| (!title.is_empty()).then(|| title.clone()));
    let options = ReadOptions { fallback_source: source.as_deref(), ..options };

    let mut articles: Vec<Article> = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let number = index + 1;
        let Some(object) = item.as_object() else {
            problems.push(Problem {
                item: Some(number),
                id: None,
                field: "items".into(),
                message: "不是 JSON 对象，已跳过".into(),
            });
            continue;
        };
        let article = read_item(object, number, options, &mut problems);
        if !seen.insert(article.id.clone()) {
            problems.push(Problem {
                item: Some(number),
                id: Some(article.id.clone()),
                field: "id".into(),
                message: "与前面的条目重复，已跳过".into(),
            });
            continue;
        }
        articles.push(article);
    }
    articles.sort_by(newest_first);
    Ok(Parsed { feed: Feed { title, home_page_url, description, next_url, items: articles, extension }, problems })
}

fn read_item(object: &Map<String, Value>, number: usize, options: ReadOptions, problems: &mut Vec<Problem>) -> Article {
    let mut f = Fields { object, problems, item: Some(number), id: None, prefix: "" };
    let id = read_id(&mut f, number);
    f.id = Some(id.clone());
    let url = f.string("url");
    let mut body = match (f.string("content_html"), f.string("content_text")) {
        (Some(markup), _) => html::sanitize(&markup),
        (None, Some(text)) => html::paragraphs_from_text(&text),
        (None, None) => Vec::new(),
    };
    let summary = f.text("summary").unwrap_or_else(|| excerpt(&html::text_of(&body), 120));
    let title = f.text("title").filter(|t| !t.is_empty()).unwrap_or_else(|| {
        let fallback = excerpt(&summary, 30);
        if fallback.is_empty() {
            UNTITLED.to_string()
        } else {
            fallback
        }
    });
    let published_text = f.string("date_published");
    let published = published_text.as_deref().and_then(|text| {
        let parsed = date::parse(text, options.offset_minutes);
        if parsed.is_none() {
            f.report("date_published", format!("无法识别的日期 “{text}”"));
        }
        parsed
    });
    let authors = read_authors(&mut f);
    let tags: Vec<String> = f
        .list("tags")
        .iter()
        .filter_map(Value::as_str)
        .map(|t| html::decode_entities(t).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let image = f.string("image").and_then(|src| {
        let safe = html::safe_url(&src, true);
        if safe.is_none() {
            f.report("image", "图片地址不安全，已忽略".into());
        }
        safe
    });
    let mut article =
        Article { id, url, title, summary, image, published, published_text, authors, tags, ..Article::default() };
    match object.get(EXTENSION) {
        Some(Value::Object(extension)) => {
            read_extension(&mut article, &mut body, extension, number, options, f.problems)
        }
        Some(_) => f.report(EXTENSION, "应为对象，已忽略".into()),
        None => {}
    }
    if article.source.is_none() {
        article.source = options.fallback_source.map(str::to_string);
    }
    article.body = body;
    article
}

/// A string or number id; without one, the url or the item's number.
fn read_id(f: &mut Fields, number: usize) -> String {
    match f.object.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        other => {
            let fallback = f.string("url").unwrap_or_else(|| format!("item-{number}"));
            if other.is_some() {
                f.report("id", "应为非空字符串，已改用 url 或序号".into());
            }
            fallback
        }
    }
}

/// JSON Feed 1.1 `authors`, else 1.0 `author`.
fn read_authors(f: &mut Fields) -> Vec<String> {
    let authors: Vec<String> = f
        .list("authors")
        .iter()
        .filter_map(|a| a.get("name").and_then(Value::as_str))
        .map(|s| html::decode_entities(s).trim().to_string())
        .filter(|name| !name.is_empty())
        .collect();
    if !authors.is_empty() {
        return authors;
    }
    f.object
        .get("author")
        .and_then(|a| a.get("name"))
        .and_then(Value::as_str)
        .map(|name| vec![html::decode_entities(name).trim().to_string()])
        .unwrap_or_default()
}

/// Links to other articles: a list, or a single object.
fn read_refs(value: Option<&Value>, options: ReadOptions) -> Vec<ArticleRef> {
    let list = match value {
        Some(Value::Array(list)) => list.as_slice(),
        Some(single @ Value::Object(_)) => std::slice::from_ref(single),
        _ => &[],
    };
    list.iter()
        .filter_map(|v| {
            let id = v.get("id")?.as_str()?.to_string();
            let title = v.get("title").and_then(Value::as_str).map(html::decode_entities).unwrap_or_else(|| id.clone());
            let published =
                v.get("date_published").and_then(Value::as_str).and_then(|d| date::parse(d, options.offset_minutes));
            Some(ArticleRef { id, title, published, ..ArticleRef::default() })
        })
        .collect()
}

/// The `_portal` extension: category, byline, related and neighbours, photos.
fn read_extension(
    article: &mut Article,
    body: &mut Vec<html::Node>,
    extension: &Map<String, Value>,
    number: usize,
    options: ReadOptions,
    problems: &mut Vec<Problem>,
) {
    let mut e =
        Fields { object: extension, problems, item: Some(number), id: Some(article.id.clone()), prefix: EXTENSION };
    article.category = e.string("category");
    article.source = e.text("source");
    article.editor = e.text("editor");
    article.kicker = e.text("kicker");
    article.subtitle = e.text("subtitle");
    article.headline = e.bool("headline");
    article.related = e
        .list("related")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string).or_else(|| v.as_i64().map(|n| n.to_string())))
        .collect();
    if ["related_items", "previous", "next"].iter().any(|k| extension.contains_key(*k)) {
        article.precomputed = Some(Surroundings {
            related: read_refs(extension.get("related_items"), options),
            previous: read_refs(extension.get("previous"), options).pop(),
            next: read_refs(extension.get("next"), options).pop(),
            original: read_refs(extension.get("original"), options).pop(),
            interpretations: read_refs(extension.get("interpretations"), options),
        });
    }
    article.policy = read_policy(&mut e);
    let photos = e.list("photos").iter().enumerate().filter_map(|(i, p)| read_photo(p, i, &mut e)).collect::<Vec<_>>();
    html::insert_after_paragraphs(body, photos.into_iter().map(|p| (p.after_paragraph, figure(p))).collect());
}

/// 政府信息公开 fields (docs/feed-format.md, 4.4); a malformed date or
/// 有效性 is reported and left out.
fn read_policy(e: &mut Fields) -> Policy {
    let written = e.string("written").filter(|day| {
        let ok = policy::is_day(day.trim());
        if !ok {
            e.report("written", format!("成文日期应为 YYYY-MM-DD，而不是 “{day}”"));
        }
        ok
    });
    let validity = e
        .string("validity")
        .and_then(|text| Validity::parse(&text).map_err(|message| e.report("validity", message)).ok());
    let keywords = match e.object.get("keywords") {
        Some(Value::String(text)) => split_list(text),
        _ => e.list("keywords").iter().filter_map(Value::as_str).flat_map(split_list).collect(),
    };
    let attachments = e.list("attachments").iter().enumerate().filter_map(|(i, a)| read_attachment(a, i, e)).collect();
    let interprets = match e.object.get("interprets") {
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => e.string("interprets").map(|id| id.trim().to_string()),
    };
    Policy {
        index_no: e.text("index_no"),
        topic: e.text("topic"),
        publisher: e.text("publisher"),
        written: written.map(|day| day.trim().to_string()),
        doc_no: e.text("doc_no"),
        keywords,
        validity,
        attachments,
        interprets,
    }
}

/// `a, b，c、d` as a list, entities decoded.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；'])
        .map(|part| html::decode_entities(part).trim().to_string())
        .filter(|part| !part.is_empty())
        .collect()
}

fn read_attachment(value: &Value, index: usize, fields: &mut Fields) -> Option<Attachment> {
    let field = format!("attachments[{index}]");
    let Some(object) = value.as_object() else {
        fields.report(&field, "应为对象，已跳过".into());
        return None;
    };
    let Some(href) = object.get("url").and_then(Value::as_str).and_then(|url| html::safe_url(url, false)) else {
        fields.report(&format!("{field}.url"), "缺少或不安全的附件地址，已跳过".into());
        return None;
    };
    let title = object.get("title").and_then(Value::as_str).map(|t| html::decode_entities(t).trim().to_string());
    let title = title.filter(|t| !t.is_empty()).unwrap_or_else(|| policy::file_name(&href).to_string());
    let size = object.get("size_in_bytes").and_then(Value::as_u64);
    Some(Attachment { href, title, size })
}

fn read_photo(value: &Value, index: usize, fields: &mut Fields) -> Option<Photo> {
    let field = format!("photos[{index}]");
    let Some(object) = value.as_object() else {
        fields.report(&field, "应为对象，已跳过".into());
        return None;
    };
    let Some(src) = object.get("src").and_then(Value::as_str).and_then(|s| html::safe_url(s, true)) else {
        fields.report(&format!("{field}.src"), "缺少或不安全的图片地址，已跳过".into());
        return None;
    };
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(|s| html::decode_entities(s).trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let size = |key: &str| {
        object.get(key).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok()).filter(|n| *n > 0 && *n < 100_000)
    };
    let caption = text("caption");
    Some(Photo {
        alt: text("alt").or_else(|| caption.clone()).unwrap_or_default(),
        src,
        caption,
        width: size("width"),
        height: size("height"),
        after_paragraph: object.get("after_paragraph").and_then(Value::as_u64).map_or(1, |n| n as usize),
    })
}

fn figure(photo: Photo) -> html::Node {
    use html::Node::{Element, Text};
    let mut attrs = vec![("src", photo.src), ("alt", photo.alt)];
    if let (Some(w), Some(h)) = (photo.width, photo.height) {
        attrs.push(("width", w.to_string()));
        attrs.push(("height", h.to_string()));
    }
    attrs.push(("loading", "lazy".into()));
    attrs.push(("decoding", "async".into()));
    let mut children = vec![Element { tag: "img", attrs, children: vec![] }];
    if let Some(caption) = photo.caption {
        children.push(Element { tag: "figcaption", attrs: vec![], children: vec![Text(caption)] });
    }
    Element { tag: "figure", attrs: vec![], children }
}

/// The first `max` characters of `text`, with an ellipsis when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Typed access to one JSON object's fields that reports, not fails.
struct Fields<'a, 'p> {
    object: &'a Map<String, Value>,
    problems: &'p mut Vec<Problem>,
    item: Option<usize>,
    id: Option<String>,
    prefix: &'static str,
}

impl<'a, 'p> Fields<'a, 'p> {
    fn report(&mut self, field: &str, message: String) {
        let field = if self.prefix.is_empty() { field.to_string() } else { format!("{}.{field}", self.prefix) };
        self.problems.push(Problem { item: self.item, id: self.id.clone(), field, message });
    }

    fn string(&mut self, key: &str) -> Option<String> {
        match self.object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()).filter(|s| !s.trim().is_empty()),
            Some(_) => {
                self.report(key, "应为字符串，已忽略".into());
                None
            }
        }
    }

    /// A plain-text field: entities decoded, whitespace trimmed.
    fn text(&mut self, key: &str) -> Option<String> {
        self.string(key).map(|s| html::decode_entities(&s).split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn list(&mut self, key: &str) -> &'a [Value] {
        match self.object.get(key) {
            None | Some(Value::Null) => &[],
            Some(Value::Array(list)) => list,
            Some(_) => {
                self.report(key, "应为数组，已忽略".into());
                &[]
            }
        }
    }

    fn bool(&mut self, key: &str) -> bool {
        match self.object.get(key) {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.report(key, "应为 true 或 false，已忽略".into());
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: ReadOptions = ReadOptions { offset_minutes: 480, fallback_source: None };

    fn parse(text: &str) -> Parsed {
        parse_feed(text, OPTIONS).unwrap()
    }

    #[test]
    fn portal_feed_with_extension() {
        let parsed = parse(
            r#"{"version":"https://jsonfeed.org/version/1.1","title":"开发区","items":[
            {"id":"a1","title":"标题","content_html":"<p>一</p><p>二</p>","date_published":"2023-09-15T09:39:53+08:00",
             "authors":[{"name":"记者"}],"tags":["招商"],
             "_portal":{"category":"gnzx","source":"新华社","editor":"陈小妮","kicker":"引题","headline":true,"related":["a2"],
                        "photos":[{"src":"images/p.svg","alt":"会场","caption":"会议现场 新华社记者 摄","width":640,"height":400,"after_paragraph":1}]}}]}"#,
        );
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let a = &parsed.feed.items[0];
        assert_eq!((a.id.as_str(), a.title.as_str()), ("a1", "标题"));
        assert_eq!(a.category.as_deref(), Some("gnzx"));
        assert_eq!(a.source.as_deref(), Some("新华社"));
        assert_eq!(a.editor.as_deref(), Some("陈小妮"));
        assert_eq!(a.kicker.as_deref(), Some("引题"));
        assert!(a.headline);
        assert_eq!(a.related, ["a2"]);
        assert_eq!(a.authors, ["记者"]);
        assert_eq!(
            html::to_html(&a.body),
            r#"<p>一</p><figure><img src="images/p.svg" alt="会场" width="640" height="400" loading="lazy" decoding="async"><figcaption>会议现场 新华社记者 摄</figcaption></figure><p>二</p>"#
        );
        assert_eq!(crate::date::format_date_time(a.published.unwrap(), 480), "2023-09-15 09:39:53");
    }

    #[test]
    fn policy_fields_are_read_and_malformed_ones_reported() {
        let parsed = parse(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[
            {"id":"p1","title":"通知","_portal":{"index_no":"QZKFQ-2026-00012","doc_no":"泉开管〔2026〕12号",
             "publisher":"管委会","written":"2026-11-17","topic":"工业","keywords":"产业，扶持","validity":"失效 2027-01-01",
             "interprets":7,"attachments":[{"url":"files/a.pdf","title":"办法","size_in_bytes":1234},{"url":"https://www.gov.cn/b.ofd"},{"title":"无地址"}]}},
            {"id":"p2","title":"坏","_portal":{"written":"2026-13-01","validity":"作废","keywords":["甲、乙"]}}]}"#,
        );
        let policy = &parsed.feed.items.iter().find(|a| a.id == "p1").unwrap().policy;
        assert_eq!(policy.doc_no.as_deref(), Some("泉开管〔2026〕12号"));
        assert_eq!(policy.written.as_deref(), Some("2026-11-17"));
        assert_eq!(policy.keywords, ["产业", "扶持"]);
        assert_eq!(policy.validity, Some(Validity::Expired("2027-01-01".into())));
        assert_eq!(policy.interprets.as_deref(), Some("7"));
        assert_eq!(policy.attachments.len(), 2);
        assert_eq!(
            policy.attachments[0],
            Attachment { href: "files/a.pdf".into(), title: "办法".into(), size: Some(1234) }
        );
        assert_eq!(policy.attachments[1].title, "b.ofd", "a file without a title is named by its file name");
        let bad = &parsed.feed.items.iter().find(|a| a.id == "p2").unwrap().policy;
        assert_eq!(
            (&bad.written, &bad.validity, &bad.keywords[..]),
            (&None, &None, &["甲".to_string(), "乙".to_string()][..])
        );
        let fields: Vec<&str> = parsed.problems.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["_portal.attachments[2].url", "_portal.written", "_portal.validity"]);
    }

    #[test]
    fn plain_json_feed_1_0_from_another_publisher() {
        let parsed = parse_feed(r#"{"version":"https://jsonfeed.org/version/1","title":"Other &amp; Co","items":[
            {"url":"https://other.example/p/1","title":"Ben &amp; Jerry&#39;s &ldquo;news&rdquo;","content_text":"Para one.\n\nPara two.",
             "author":{"name":"Jane"},"date_published":"Fri, 15 Sep 2023 01:39:53 GMT"},
            {"id":2,"content_html":"<p>No title here but a body that is long enough to be cut into a short fallback title for the list</p>"},
            {"id":"3","title":"bad date","date_published":"last Tuesday"}]}"#, OPTIONS).unwrap();
        let items = &parsed.feed.items;
        assert_eq!(parsed.feed.title, "Other & Co");
        let first = items.iter().find(|a| a.id == "https://other.example/p/1").expect("url stands in for a missing id");
        assert_eq!(first.title, "Ben & Jerry's “news”");
        assert_eq!(first.authors, ["Jane"]);
        assert_eq!(first.source.as_deref(), Some("Other & Co"));
        assert_eq!(html::to_html(&first.body), "<p>Para one.</p><p>Para two.</p>");
        assert_eq!(first.summary, "Para one. Para two.");
        let untitled = items.iter().find(|a| a.id == "2").unwrap();
        assert!(untitled.title.starts_with("No title here") && untitled.title.ends_with('…'));
        let undated = items.iter().find(|a| a.id == "3").unwrap();
        assert_eq!(undated.published, None);
        assert_eq!(undated.published_text.as_deref(), Some("last Tuesday"));
        assert_eq!(items.last().unwrap().published, None, "undated items sort last");
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(
            parsed.problems[0].to_string(),
            "第 3 条（id “3”）字段 date_published：无法识别的日期 “last Tuesday”"
        );
    }

    #[test]
    fn wrong_types_are_reported_per_field_and_the_rest_is_shown() {
        let parsed = parse(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[
            {"id":"ok","title":"好"},
            "not an object",
            {"id":"x","title":42,"tags":"one","_portal":{"category":7,"headline":"yes","photos":[{"alt":"no src"}]}},
            {"id":"ok","title":"重复"}]}"#,
        );
        assert_eq!(parsed.feed.items.len(), 2);
        let fields: Vec<String> = parsed.problems.iter().map(|p| format!("{:?}:{}", p.item, p.field)).collect();
        assert_eq!(
            fields,
            [
                "Some(2):items",
                "Some(3):title",
                "Some(3):tags",
                "Some(3):_portal.category",
                "Some(3):_portal.headline",
                "Some(3):_portal.photos[0].src",
                "Some(4):id"
            ]
        );
        assert_eq!(parsed.feed.items.iter().find(|a| a.id == "x").unwrap().title, "（无标题）");
    }

    #[test]
    fn unreadable_feeds_say_why() {
        assert!(matches!(parse_feed(r#"{"items":[{"id":"1""#, OPTIONS), Err(FeedError::NotJson { .. })));
        assert_eq!(parse_feed("[]", OPTIONS), Err(FeedError::NotAnObject));
        assert_eq!(parse_feed(r#"{"version":"https://jsonfeed.org/version/1.1"}"#, OPTIONS), Err(FeedError::NoItems));
        let truncated = parse_feed(r#"{"items":[{"id":"1""#, OPTIONS).unwrap_err().to_string();
        assert!(truncated.contains("被截断"), "{truncated}");
    }

    #[test]
    fn unknown_versions_are_read_with_a_warning() {
        let parsed = parse(r#"{"version":"https://jsonfeed.org/version/9","items":[{"id":"1","title":"t"}]}"#);
        assert_eq!(parsed.feed.items.len(), 1);
        assert_eq!(parsed.problems[0].field, "version");
    }

    #[test]
    fn hostile_content_is_sanitized_and_titles_stay_text() {
        let parsed = parse(
            r#"{"version":"https://jsonfeed.org/version/1.1","items":[
            {"id":"1","title":"<img src=x onerror=alert(1)>","image":"javascript:alert(1)","content_html":"<p onclick=alert(1)>x<script>alert(1)</script></p>",
             "_portal":{"photos":[{"src":"javascript:alert(1)"}]}}]}"#,
        );
        let a = &parsed.feed.items[0];
        assert_eq!(a.title, "<img src=x onerror=alert(1)>", "titles are text, rendered escaped");
        assert_eq!(a.image, None);
        assert!(parsed.problems.iter().any(|p| p.field == "image"));
        assert_eq!(html::to_html(&a.body), "<p>x</p>");
    }

    #[test]
    fn shipped_demo_feed_is_clean() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/feed.json")).unwrap();
        let parsed = parse(&text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert!(parsed.feed.items.len() >= 40);
    }
}

#[cfg(test)]
mod hostile {
    //! Malformed and oversized feeds: a clear error or a partial feed, never a panic.
    use super::*;
    use proptest::prelude::*;

    const OPTIONS: ReadOptions = ReadOptions { offset_minutes: 480, fallback_source: None };

    #[test]
    fn invalid_utf8_is_named() {
        let mut bytes = br#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"1","title":"x"#.to_vec();
        bytes.extend([0xff, 0xfe]);
        bytes.extend(br#""}]}"#);
        let error = parse_feed_bytes(&bytes, OPTIONS).unwrap_err();
        assert_eq!(error, FeedError::NotUtf8 { offset: bytes.len() - 6 });
        assert!(error.to_string().contains("UTF-8"));
        let with_bom = "\u{feff}{\"items\":[]}".as_bytes();
        assert!(parse_feed_bytes(with_bom, OPTIONS).is_ok());
    }

    #[test]
    fn deep_nesting_is_refused_with_a_reason() {
        let deep = format!("{{\"items\":[{}{}]}}", "[".repeat(100_000), "]".repeat(100_000));
        let error = parse_feed(&deep, OPTIONS).unwrap_err();
        assert!(error.to_string().contains("嵌套层次过深"), "{error}");
        let nested_field =
            format!("{{\"items\":[{{\"id\":\"1\",\"title\":{}1{}}}]}}", "[".repeat(100), "]".repeat(100));
        let parsed = parse_feed(&nested_field, OPTIONS).unwrap();
        assert!(parsed.problems.iter().any(|p| p.field == "title"), "{:?}", parsed.problems);
    }

    #[test]
    fn a_hundred_thousand_items_and_ten_megabytes() {
        let item = |n: usize| {
            format!(
                r#"{{"id":"{n}","title":"标题{n}","content_html":"<p>{}</p>","date_published":"2026-01-01T00:00:00Z"}}"#,
                "正文".repeat(40)
            )
        };
        let items: Vec<String> = (0..100_000).map(item).collect();
        let text = format!(r#"{{"version":"https://jsonfeed.org/version/1.1","items":[{}]}}"#, items.join(","));
        assert!(text.len() > 10_000_000, "{} bytes", text.len());
        let parsed = parse_feed(&text, OPTIONS).unwrap();
        assert_eq!(parsed.feed.items.len(), 100_000);
        assert!(parsed.problems.is_empty());
    }

    #[test]
    fn one_huge_field() {
        let body = "字".repeat(4_000_000);
        let text = format!(r#"{{"items":[{{"id":"1","content_text":"{body}"}}]}}"#);
        let parsed = parse_feed(&text, OPTIONS).unwrap();
        assert_eq!(parsed.feed.items[0].summary.chars().count(), 121);
    }

    /// JSON values shaped like feeds, with every field sometimes the wrong type.
    fn json() -> impl Strategy<Value = serde_json::Value> {
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            ".{0,40}".prop_map(Value::String),
            "(<[a-z]{1,8}( [a-z]{1,8}=\"[^\"]{0,10}\")*>|[^<]{0,10}|</[a-z]{1,8}>){0,8}".prop_map(Value::String),
            "[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?"
                .prop_map(Value::String),
        ];
        let keys = prop_oneof![
            Just("id"),
            Just("url"),
            Just("title"),
            Just("summary"),
            Just("content_html"),
            Just("content_text"),
            Just("image"),
            Just("date_published"),
            Just("authors"),
            Just("author"),
            Just("name"),
            Just("tags"),
            Just("_portal"),
            Just("category"),
            Just("source"),
            Just("editor"),
            Just("kicker"),
            Just("subtitle"),
            Just("headline"),
            Just("related"),
            Just("photos"),
            Just("src"),
            Just("alt"),
            Just("caption"),
            Just("width"),
            Just("height"),
            Just("after_paragraph"),
            Just("items"),
            Just("version"),
        ];
        leaf.prop_recursive(5, 200, 12, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
                prop::collection::vec((keys.clone(), inner), 0..12)
                    .prop_map(|pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,400}") {
            let _ = parse_feed(&text, OPTIONS);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            let _ = parse_feed_bytes(&bytes, OPTIONS);
        }

        #[test]
        fn feed_shaped_json_never_panics(items in prop::collection::vec(json(), 0..12), version in json()) {
            let feed = serde_json::json!({ "version": version, "items": items });
            if let Ok(parsed) = read_feed(&feed, OPTIONS) {
                let mut ids = std::collections::HashSet::new();
                for article in &parsed.feed.items {
                    prop_assert!(ids.insert(article.id.clone()), "duplicate id {}", article.id);
                    prop_assert!(!article.title.is_empty());
                }
                for problem in &parsed.problems {
                    let _ = problem.to_string();
                }
            }
        }
    }
}
