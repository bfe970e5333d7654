//! Importing what a CMS already publishes: RSS 0.9x/1.0/2.0 and Atom files,
//! read with `feed-rs`, mapped to JSON Feed items and then read by the same
//! reader as every other input (`entry::read_item`), so imported bodies are
//! sanitised and checked like any article. docs/importing.md has the mapping.
//!
//! Before feed-rs sees a file, it is decoded here (from its byte-order mark
//! or XML declaration, strictly) and checked with quick-xml: well-formed,
//! no entity declarations (so no entity bomb and no external entity can be
//! expanded), and the two fields feed-rs does not keep (来源, 责任编辑)
//! are picked up per item.

use crate::entry::read_item;
use portal_core::date::{self, Timestamp};
use portal_core::feed::Article;
use portal_core::html::{self, Node};
use portal_core::site::SiteConfig;
use quick_xml::events::Event;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use url::Url;

/// Larger feeds are refused: decoded text, the parsed model and the items
/// together take about four times the file, and a CMS's feed of the newest
/// items is far smaller.
pub const MAX_BYTES: u64 = 100 << 20;

/// How the CMS's categories map to site.json's (`--category-map FILE`): a
/// JSON object from category name to slug; `"*"` is for items none of whose
/// categories is known.
#[derive(Debug, Clone, Default)]
pub struct CategoryMap {
    names: HashMap<String, String>,
    fallback: Option<String>,
}

impl CategoryMap {
    pub fn parse(text: &str, site: &SiteConfig) -> Result<CategoryMap, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("不是有效的 JSON：{e}"))?;
        let object = value.as_object().ok_or("应为 {\"CMS 中的栏目名\": \"site.json 中的栏目 slug\"} 形式的对象")?;
        let mut map = CategoryMap::default();
        for (name, slug) in object {
            let slug = slug.as_str().ok_or_else(|| format!("“{name}” 对应的值应为栏目 slug 字符串"))?;
            if site.category(slug).is_none() {
                return Err(format!("“{name}” 对应的栏目 “{slug}” 不在 site.json 的 categories 中"));
            }
            if name == "*" {
                map.fallback = Some(slug.to_string());
            } else {
                map.names.insert(name.trim().to_string(), slug.to_string());
            }
        }
        Ok(map)
    }

    /// The site's category for an item's category terms: mapped, else a
    /// slug or name of the site's, else the fallback.
    fn resolve(&self, terms: &[String], site: &SiteConfig) -> Option<String> {
        let known = |term: &String| {
            self.names
                .get(term)
                .cloned()
                .or_else(|| site.categories.iter().find(|c| &c.slug == term || &c.name == term).map(|c| c.slug.clone()))
        };
        terms.iter().find_map(known).or_else(|| self.fallback.clone())
    }
}

/// The file as text, in the encoding its byte-order mark or XML declaration
/// names (UTF-8 without either). Bytes that are not valid in that encoding
/// are an error, never replacement characters.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let (encoding, declared) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => {
            return strict(encoding, &bytes[bom..], "字节顺序标记（BOM）").map(as_utf8_declaration)
        }
        None if bytes.starts_with(b"<\0?\0") => (encoding_rs::UTF_16LE, None),
        None if bytes.starts_with(b"\0<\0?") => (encoding_rs::UTF_16BE, None),
        None => match declared_encoding(bytes) {
            Some(label) => {
                let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or_else(|| {
                    format!("XML 声明中的编码 “{label}” 无法识别（可用 UTF-8、GBK、GB18030、Big5、UTF-16）")
                })?;
                (encoding, Some(label))
            }
            None => (encoding_rs::UTF_8, None),
        },
    };
    // Chinese text in GBK or Big5 is never valid UTF-8: text that is was
    // declared wrongly (and would otherwise be read as nonsense).
    let unicode = [encoding_rs::UTF_8, encoding_rs::UTF_16LE, encoding_rs::UTF_16BE].contains(&encoding);
    if !unicode && !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok() {
        return Err(format!(
            "XML 声明的编码是 “{}”，但内容是 UTF-8：请把声明改为 encoding=\"UTF-8\"",
            declared.unwrap_or_default()
        ));
    }
    let by = if declared.is_some() { "XML 声明" } else { "默认（未声明编码）" };
    strict(encoding, bytes, by).map(as_utf8_declaration)
}

/// `bytes` in `encoding`, or where the first invalid byte is.
fn strict(encoding: &'static encoding_rs::Encoding, bytes: &[u8], by: &str) -> Result<String, String> {
    if let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        return Ok(text.into_owned());
    }
    let (lossy, _) = encoding.decode_without_bom_handling(bytes);
    let line = lossy[..lossy.find('\u{FFFD}').unwrap_or(0)].matches('\n').count() + 1;
    let hint = if encoding == encoding_rs::UTF_8 {
        "；若文件是 GBK、GB18030 或 Big5 编码，请在 XML 声明中写明，例如 <?xml version=\"1.0\" encoding=\"GBK\"?>"
    } else {
        "；请检查 XML 声明中的 encoding 是否与文件实际编码一致"
    };
    Err(format!("按{by}所定的 {} 编码读取时，第 {line} 行有无效字节{hint}", encoding.name()))
}

/// The `encoding` of an `<?xml …?>` declaration at the start of the bytes.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let head = bytes.get(start..)?.strip_prefix(b"<?xml")?;
    let head = &head[..head.windows(2).position(|w| w == b"?>")?];
    let head = std::str::from_utf8(head).ok()?;
    let after = &head[head.find("encoding")? + "encoding".len()..];
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|q| *q == '"' || *q == '\'')?;
    let value = &after[1..];
    Some(value[..value.find(quote)?].trim().to_string())
}

/// The text with its XML declaration (if any) saying UTF-8, which is what
/// it now is, so that the XML readers take it as it is.
fn as_utf8_declaration(text: String) -> String {
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    let Some(end) = trimmed.starts_with("<?xml").then(|| trimmed.find("?>")).flatten() else { return text };
    let declaration = &trimmed[..end];
    let newlines = "\n".repeat(declaration.matches('\n').count());
    let version = if declaration.contains("1.1") { "1.1" } else { "1.0" };
    format!("<?xml version=\"{version}\" encoding=\"UTF-8\"{newlines}{}", &trimmed[end..])
}

/// What feed-rs leaves out of an item, read here: 来源, 责任编辑, and a
/// policy document's 发布机构 and 索引号.
#[derive(Debug, Clone, Default, PartialEq)]
struct Extras {
    source: Option<String>,
    editor: Option<String>,
    publisher: Option<String>,
    index_no: Option<String>,
}

/// Which of the extras an item's child element carries.
#[derive(Debug, Clone, Copy)]
enum Extra {
    Source,
    Editor,
    Publisher,
    IndexNo,
}

impl Extra {
    /// By the element's local name: RSS `<source>` (来源); `<dc:publisher>`
    /// (发布机构, and 来源 without a `<source>`); `<dc:contributor>`,
    /// `<editor>` (责任编辑); `<dc:identifier>` (索引号).
    fn of_element(local_name: &str) -> Option<Extra> {
        match local_name {
            "source" => Some(Extra::Source),
            "publisher" => Some(Extra::Publisher),
            "contributor" | "editor" => Some(Extra::Editor),
            "identifier" => Some(Extra::IndexNo),
            _ => None,
        }
    }
}

/// Checks the whole document with quick-xml: well-formed, no `<!ENTITY>`
/// declarations and no references to undeclared entities. Returns each
/// item's (or entry's) extras, in document order.
fn check_xml(text: &str) -> Result<Vec<Extras>, String> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut items = Vec::new();
    // Depth of the open elements, of the item being read, and which extra
    // the current text belongs to.
    let (mut depth, mut item_depth, mut field): (usize, Option<usize>, Option<Extra>) = (0, None, None);
    let mut captured = String::new();
    loop {
        let event =
            reader.read_event().map_err(|e| at(text, reader.error_position(), &format!("XML 格式错误：{e}")))?;
        match event {
            Event::DocType(doctype) if doctype.xml10_content().to_ascii_uppercase().contains("<!ENTITY") => {
                return Err(at(
                    text,
                    reader.buffer_position(),
                    "文件声明了 XML 实体（<!ENTITY>）；为防止实体膨胀和读取本机文件，不读取这样的文件",
                ));
            }
            Event::Start(start) => {
                depth += 1;
                let local = start.local_name();
                if item_depth.is_none() && matches!(local.as_ref(), "item" | "entry") {
                    item_depth = Some(depth);
                    items.push(Extras::default());
                } else if item_depth == Some(depth - 1) {
                    field = Extra::of_element(local.as_ref());
                    captured.clear();
                }
            }
            Event::End(_) => {
                if item_depth == Some(depth - 1) {
                    if let (Some(extra), Some(extras)) = (field.take(), items.last_mut()) {
                        let value = captured.trim();
                        let slot = match extra {
                            Extra::Source => &mut extras.source,
                            Extra::Editor => &mut extras.editor,
                            Extra::Publisher => &mut extras.publisher,
                            Extra::IndexNo => &mut extras.index_no,
                        };
                        if slot.is_none() && !value.is_empty() {
                            *slot = Some(value.to_string());
                        }
                    }
                } else if item_depth == Some(depth) {
                    item_depth = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Text(t) if field.is_some() => captured.push_str(&t.xml10_content()),
            Event::CData(t) if field.is_some() => captured.push_str(&t.xml10_content()),
            Event::GeneralRef(reference) => {
                let character =
                    reference.resolve_char_ref().map_err(|e| at(text, reader.buffer_position(), &e.to_string()))?;
                let known = character.or(match &*reference {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => None,
                });
                match known {
                    Some(c) if field.is_some() => captured.push(c),
                    Some(_) => {}
                    None => {
                        let message = format!("未声明的实体 “&{};”（HTML 实体须写成字符或 &#数字; 形式）", &*reference);
                        return Err(at(text, reader.buffer_position(), &message));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth != 0 {
        return Err(at(text, text.len() as u64, "文件在元素结束之前就结束了（文件不完整？）"));
    }
    Ok(items)
}

/// `message` with the line and column of byte `offset` in `text`.
fn at(text: &str, offset: u64, message: &str) -> String {
    let offset = (offset as usize).min(text.len());
    let offset = (0..=offset).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
    format!("第 {line} 行第 {column} 列：{message}")
}

/// An RSS item or Atom entry, read (`entry::read_item`), and when its feed
/// says it last changed.
pub struct ImportedItem {
    pub article: Article,
    pub changed: Option<Timestamp>,
}

/// Reads an RSS or Atom file (already decoded), whose local attachments
/// are under `folder`; every problem is returned, each naming the item.
pub fn read_xml(
    text: &str,
    site: &SiteConfig,
    map: &CategoryMap,
    folder: &Path,
) -> Result<Vec<ImportedItem>, Vec<String>> {
    let extras = check_xml(text).map_err(|e| vec![e])?;
    let offset = site.offset_minutes();
    let unreadable_dates = Arc::new(Mutex::new(Vec::new()));
    let dates = unreadable_dates.clone();
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .timestamp_parser(move |text| {
            let parsed = date::parse(text, offset).and_then(|at| chrono::DateTime::from_timestamp(at, 0));
            if parsed.is_none() {
                dates.lock().expect("dates lock").push(text.trim().to_string());
            }
            parsed
        })
        .build();
    let feed = parser.parse(text.as_bytes()).map_err(|e| vec![format!("无法读取为 RSS 或 Atom：{e}")])?;
    let mut errors: Vec<String> = std::mem::take(&mut *unreadable_dates.lock().expect("dates lock"))
        .into_iter()
        .map(|text| format!("日期 “{text}” 无法识别"))
        .collect();
    let feed_base = feed.links.iter().find_map(|link| Url::parse(&link.href).ok());
    // Items and extras pair up by position (both in document order).
    let extras = if extras.len() == feed.entries.len() { extras } else { vec![Extras::default(); feed.entries.len()] };
    let mut items = Vec::with_capacity(feed.entries.len());
    for (number, (entry, extras)) in feed.entries.iter().zip(extras).enumerate() {
        let item = item(entry, &extras, feed_base.as_ref(), site, map);
        let name = |e: String| format!("第 {} 个条目（{}）{e}", number + 1, title_of(entry));
        match item.and_then(|(value, changed)| {
            read_item(value, site, folder).map(|article| ImportedItem { article, changed })
        }) {
            Ok(item) => items.push(item),
            Err(details) => errors.extend(details.into_iter().map(name)),
        }
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(errors)
    }
}

fn title_of(entry: &feed_rs::model::Entry) -> String {
    let title = entry.title.as_ref().map(plain_text).unwrap_or_default();
    if title.is_empty() {
        "无标题".into()
    } else {
        portal_core::feed::excerpt(&title, 30)
    }
}

/// A feed-rs text as plain text (HTML titles lose their tags).
fn plain_text(text: &feed_rs::model::Text) -> String {
    if text.content_type.subty().as_str() == "html" {
        inline_text(&html::sanitize(&text.content)).trim().to_string()
    } else {
        text.content.trim().to_string()
    }
}

/// The text of inline markup as written (`html::text_of` separates blocks).
fn inline_text(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|node| match node {
            Node::Text(text) => text.clone(),
            Node::Element { children, .. } => inline_text(children),
        })
        .collect()
}

/// The JSON Feed item for an entry, and when it last changed.
fn item(
    entry: &feed_rs::model::Entry,
    extras: &Extras,
    feed_base: Option<&Url>,
    site: &SiteConfig,
    map: &CategoryMap,
) -> Result<(Value, Option<Timestamp>), Vec<String>> {
    let link = entry.links.iter().find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate")).map(|l| l.href.clone());
    let key = Some(entry.id.trim()).filter(|id| !id.is_empty()).map(str::to_string).or(link.clone());
    let Some(key) = key else {
        return Err(vec!["既没有 guid（Atom 为 id）也没有 link，无法给它一个稳定的 id".into()]);
    };
    let base = entry
        .base
        .as_deref()
        .and_then(|b| Url::parse(b).ok())
        .or_else(|| link.as_deref().and_then(|l| Url::parse(l).ok()))
        .or(feed_base.cloned());
    let mut item = Map::new();
    item.insert("id".into(), stable_id(&key).into());
    item.insert("title".into(), entry.title.as_ref().map(plain_text).unwrap_or_default().into());
    let (body, summary) = match (&entry.content, &entry.summary) {
        (Some(content), summary) if content.body.is_some() => {
            (content.body.clone().unwrap_or_default(), summary.as_ref().map(plain_text))
        }
        (_, Some(summary)) if summary.content_type.subty().as_str() == "html" => (summary.content.clone(), None),
        (_, Some(summary)) => (html::escape(&summary.content).replace("\n\n", "</p><p>"), None),
        _ => (String::new(), None),
    };
    let nodes = with_absolute_urls(html::sanitize(&body), base.as_ref());
    let image = image(entry, &nodes, base.as_ref());
    item.insert("content_html".into(), html::to_html(&nodes).into());
    if let Some(summary) = summary.filter(|s| !s.is_empty()) {
        item.insert("summary".into(), summary.into());
    }
    if let Some(image) = image {
        item.insert("image".into(), image.into());
    }
    let Some(published) = entry.published.or(entry.updated) else {
        return Err(vec!["没有可识别的发布日期（RSS pubDate、dc:date，Atom published、updated）".into()]);
    };
    item.insert("date_published".into(), date::format_rfc3339(published.timestamp(), site.offset_minutes()).into());
    let authors: Vec<Value> =
        entry.authors.iter().filter_map(person_name).map(|name| json!({ "name": name })).collect();
    if !authors.is_empty() {
        item.insert("authors".into(), authors.into());
    }
    let terms: Vec<String> = entry
        .categories
        .iter()
        .map(|c| c.label.clone().unwrap_or_else(|| c.term.clone()).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    let Some(category) = map.resolve(&terms, site) else {
        let seen = if terms.is_empty() {
            "没有栏目（category）".to_string()
        } else {
            format!("的栏目 “{}” 都不在 site.json 中", terms.join("”“"))
        };
        return Err(vec![format!("{seen}：请在 --category-map 中把它对应到一个栏目（或用 \"*\" 指定默认栏目）")]);
    };
    // The other terms are tags, which 相关阅读 ranks by.
    let name = site.category(&category).map(|c| c.name.as_str());
    let tags: Vec<&str> = terms.iter().map(String::as_str).filter(|t| *t != category && Some(*t) != name).collect();
    item.insert("tags".into(), tags.into());
    let mut extension = Map::new();
    extension.insert("category".into(), category.into());
    let editor = extras.editor.clone().or_else(|| entry.contributors.iter().find_map(person_name));
    let source = extras.source.clone().or_else(|| extras.publisher.clone());
    let policy = [("publisher", extras.publisher.clone()), ("index_no", extras.index_no.clone())];
    for (key, value) in [("source", source), ("editor", editor)].into_iter().chain(policy) {
        if let Some(value) = value {
            extension.insert(key.into(), value.into());
        }
    }
    item.insert(portal_core::feed::EXTENSION.into(), Value::Object(extension));
    Ok((Value::Object(item), entry.updated.or(entry.published).map(|at| at.timestamp())))
}

/// A person's name as a reader should see it: RSS writes authors as
/// `mail@host (Name)`, of which feed-rs keeps `(Name)`; a bare address is no name.
fn person_name(person: &feed_rs::model::Person) -> Option<String> {
    let name = person.name.as_deref()?.trim().trim_start_matches('(').trim_end_matches(')').trim();
    let address_only = name.contains('@') && !name.contains(' ');
    (!name.is_empty() && !address_only).then(|| name.to_string())
}

/// The article id for a guid or link: the same on every import, and a plain
/// file name whatever the CMS's ids look like.
fn stable_id(key: &str) -> String {
    format!("feed-{:016x}", xxhash_rust::xxh3::xxh3_64(key.trim().as_bytes()))
}

/// Links and images relative to the item's page made absolute, since the
/// article is shown on another site.
fn with_absolute_urls(nodes: Vec<Node>, base: Option<&Url>) -> Vec<Node> {
    let Some(base) = base else { return nodes };
    nodes
        .into_iter()
        .map(|node| match node {
            Node::Element { tag, attrs, children } => Node::Element {
                tag,
                attrs: attrs
                    .into_iter()
                    .map(|(name, value)| match name {
                        "href" | "src" if !value.starts_with('#') => {
                            (name, base.join(&value).map(String::from).unwrap_or(value))
                        }
                        _ => (name, value),
                    })
                    .collect(),
                children: with_absolute_urls(children, Some(base)),
            },
            text => text,
        })
        .collect()
}

/// The article's image: an enclosure or media:content that is an image,
/// a media:thumbnail, else the body's first `<img>`.
fn image(entry: &feed_rs::model::Entry, body: &[Node], base: Option<&Url>) -> Option<String> {
    let media = entry.media.iter().find_map(|object| {
        let content = object
            .content
            .iter()
            .find(|c| c.url.is_some() && c.content_type.as_ref().is_none_or(|t| t.ty().as_str() == "image"));
        content
            .and_then(|c| c.url.as_ref().map(Url::to_string))
            .or_else(|| object.thumbnails.first().map(|t| t.image.uri.clone()))
    });
    let media = media.map(|url| base.and_then(|b| b.join(&url).ok()).map(String::from).unwrap_or(url));
    media.or_else(|| html::first_image(body).map(String::from))
}
