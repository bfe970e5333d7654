//! 政府信息公开: a policy document's metadata (索引号, 文号, 发布机构…),
//! its 有效性, its 附件 and which document a 解读 interprets, as the
//! `_portal` extension carries them (docs/feed-format.md, 4.4).

use crate::date;

/// The metadata table's fields, all optional; an article with none of
/// them is an ordinary news article.
#[derive(Debug, Clone, PartialEq, Default, Hash)]
pub struct Policy {
    /// 索引号.
    pub index_no: Option<String>,
    /// 主题分类.
    pub topic: Option<String>,
    /// 发布机构 (发文机关).
    pub publisher: Option<String>,
    /// 成文日期, `YYYY-MM-DD`.
    pub written: Option<String>,
    /// 文号 (发文字号).
    pub doc_no: Option<String>,
    /// 主题词.
    pub keywords: Vec<String>,
    pub validity: Option<Validity>,
    pub attachments: Vec<Attachment>,
    /// The id of the document this article is a 解读 of.
    pub interprets: Option<String>,
}

/// A row of the metadata table; the app names each in the page's script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    IndexNo,
    Topic,
    Publisher,
    Written,
    Published,
    DocNo,
    Keywords,
}

impl Policy {
    /// Whether the article has a metadata table: any of its fields is given.
    pub fn has_table(&self) -> bool {
        self.index_no.is_some()
            || self.topic.is_some()
            || self.publisher.is_some()
            || self.written.is_some()
            || self.doc_no.is_some()
            || !self.keywords.is_empty()
    }

    /// The table's rows in the order government portals show them;
    /// `published` is the 发布日期 as the page shows it.
    pub fn rows(&self, published: Option<String>) -> Vec<(Field, String)> {
        let keywords = (!self.keywords.is_empty()).then(|| self.keywords.join(" "));
        [
            (Field::IndexNo, self.index_no.clone()),
            (Field::Topic, self.topic.clone()),
            (Field::Publisher, self.publisher.clone()),
            (Field::Written, self.written.clone()),
            (Field::Published, published),
            (Field::DocNo, self.doc_no.clone()),
            (Field::Keywords, keywords),
        ]
        .into_iter()
        .filter_map(|(field, value)| Some((field, value?)))
        .collect()
    }

    /// 文号 and 索引号, which 站内搜索 finds besides the title and body.
    pub fn search_text(&self) -> String {
        [&self.doc_no, &self.index_no].into_iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" ")
    }
}

/// 有效性: in force, or expired or repealed on a day (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Validity {
    InForce,
    Expired(String),
    Repealed(String),
}

impl Validity {
    /// `有效`, `失效 YYYY-MM-DD` or `废止 YYYY-MM-DD`; `Err` says what is expected.
    pub fn parse(text: &str) -> Result<Validity, String> {
        let text = text.trim();
        if text == "有效" {
            return Ok(Validity::InForce);
        }
        let (word, day) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        let day = day.trim();
        let dated = match word {
            "失效" => Validity::Expired,
            "废止" => Validity::Repealed,
            _ => return Err(format!("应为 “有效”、“失效 YYYY-MM-DD” 或 “废止 YYYY-MM-DD”，而不是 “{text}”")),
        };
        if date::parse_day(day, 0).is_none() {
            return Err(format!("“{word}” 后应为日期 YYYY-MM-DD，而不是 “{day}”"));
        }
        Ok(dated(day.to_string()))
    }

    /// As the feed writes it.
    pub fn to_text(&self) -> String {
        match self {
            Validity::InForce => "有效".into(),
            Validity::Expired(day) => format!("失效 {day}"),
            Validity::Repealed(day) => format!("废止 {day}"),
        }
    }

    /// The day it stopped being in force, for the notice.
    pub fn ended(&self) -> Option<&str> {
        match self {
            Validity::InForce => None,
            Validity::Expired(day) | Validity::Repealed(day) => Some(day),
        }
    }
}

/// Whether `text` is a calendar day written `YYYY-MM-DD` (成文日期).
pub fn is_day(text: &str) -> bool {
    date::parse_day(text, 0).is_some()
}

/// A file to download: a path in the site (relative to its root) or an
/// absolute URL, its title, and its size where `portal-build` measured it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attachment {
    pub href: String,
    pub title: String,
    pub size: Option<u64>,
}

impl Attachment {
    /// A file of this site (copied into the tree), not another site's.
    pub fn is_local(&self) -> bool {
        is_local(&self.href)
    }

    pub fn file_name(&self) -> &str {
        file_name(&self.href)
    }

    /// Its type as readers know it, from the extension: `PDF`, `DOCX`, `OFD`…
    pub fn kind(&self) -> Option<String> {
        let (_, extension) = self.file_name().rsplit_once('.')?;
        (!extension.is_empty() && extension.chars().all(|c| c.is_ascii_alphanumeric()))
            .then(|| extension.to_ascii_uppercase())
    }

    /// `PDF · 1.2 MB`: what the 附件 list shows after the title.
    pub fn description(&self) -> Option<String> {
        let parts: Vec<String> = self.kind().into_iter().chain(self.size.map(format_size)).collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// The file's name: the last part of the path of `href`.
pub fn file_name(href: &str) -> &str {
    let path = href.split(['?', '#']).next().unwrap_or_default();
    path.rsplit('/').next().unwrap_or(path)
}

/// Whether `href` is a path in the site rather than another site's address.
pub fn is_local(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    !(lower.starts_with("//") || lower.contains(':'))
}

/// A file size as download lists show it: `512 B`, `3.4 KB`, `1.2 MB`.
pub fn format_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    match bytes {
        0..KB => format!("{bytes} B"),
        KB..0x10_0000 => format!("{:.1} KB", bytes as f64 / KB as f64),
        _ if bytes < 1 << 30 => format!("{:.1} MB", bytes as f64 / (1 << 20) as f64),
        _ => format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validity_is_in_force_or_ended_on_a_day() {
        assert_eq!(Validity::parse("有效"), Ok(Validity::InForce));
        assert_eq!(Validity::parse("废止 2026-03-01"), Ok(Validity::Repealed("2026-03-01".into())));
        assert_eq!(Validity::parse(" 失效  2025-12-31 "), Ok(Validity::Expired("2025-12-31".into())));
        for bad in ["", "作废 2026-01-01", "废止", "废止 2026-02-30", "失效 2026/01/01", "有效 2026-01-01"] {
            assert!(Validity::parse(bad).is_err(), "{bad}");
        }
        let repealed = Validity::parse("废止 2026-03-01").unwrap();
        assert_eq!(Validity::parse(&repealed.to_text()), Ok(repealed.clone()));
        assert_eq!(repealed.ended(), Some("2026-03-01"));
        assert_eq!(Validity::InForce.ended(), None);
    }

    #[test]
    fn sizes_read_as_download_lists_show_them() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(1023), "1023 B");
        assert_eq!(format_size(3_482), "3.4 KB");
        assert_eq!(format_size(1_258_291), "1.2 MB");
        assert_eq!(format_size(5 << 30), "5.0 GB");
    }

    #[test]
    fn attachments_are_described_by_type_and_size() {
        let attachment = |href: &str, size| Attachment { href: href.into(), title: "附件".into(), size };
        let pdf = attachment("files/policy/实施细则.pdf", Some(1_258_291));
        assert_eq!((pdf.file_name(), pdf.kind().as_deref()), ("实施细则.pdf", Some("PDF")));
        assert_eq!(pdf.description().as_deref(), Some("PDF · 1.2 MB"));
        assert!(pdf.is_local());
        let remote = attachment("https://www.gov.cn/files/a.docx?v=2", None);
        assert!(!remote.is_local());
        assert_eq!(remote.description().as_deref(), Some("DOCX"));
        assert_eq!(attachment("files/readme", None).description(), None);
        assert!(!is_local("//cdn.example/a.pdf"));
    }

    #[test]
    fn the_table_has_the_rows_given_in_the_portals_order() {
        let policy = Policy {
            doc_no: Some("泉开管〔2026〕12号".into()),
            index_no: Some("QZKFQ-2026-00012".into()),
            keywords: vec!["产业".into(), "扶持".into()],
            ..Policy::default()
        };
        assert!(policy.has_table());
        let rows = policy.rows(Some("2026-11-20".into()));
        let fields: Vec<Field> = rows.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, [Field::IndexNo, Field::Published, Field::DocNo, Field::Keywords]);
        assert_eq!(rows[3].1, "产业 扶持");
        assert_eq!(policy.search_text(), "泉开管〔2026〕12号 QZKFQ-2026-00012");
        assert!(!Policy::default().has_table());
    }
}
