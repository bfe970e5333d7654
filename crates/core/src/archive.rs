//! The sharded archive: the file layout the builder writes and the app
//! reads, so that one page never needs the whole archive.
//!
//! ```text
//! feed.json                    home feed: latest items, headlines, each category's newest
//!                              (summaries), plus `_portal.archive` describing the rest
//! feeds/<slug>/<n>.json        category page n (1-based), `next_url` chains the pages
//! articles/<id>.json           one article: full content, related, previous, next
//! article/<id>/index.html      the same article for crawlers and link previews
//! sitemap.xml, sitemap-<n>.xml, sitemap.json
//! ```

use crate::paths::encode_component;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    pub page_size: usize,
    pub total: usize,
    /// (slug, number of articles), in site order.
    pub categories: Vec<(String, usize)>,
}

impl Archive {
    pub fn read(value: &Value) -> Option<Archive> {
        let page_size = value.get("page_size")?.as_u64().filter(|n| *n > 0)? as usize;
        let total = value.get("total")?.as_u64()? as usize;
        let categories = value
            .get("categories")?
            .as_object()?
            .iter()
            .map(|(slug, info)| Some((slug.clone(), info.get("count")?.as_u64()? as usize)))
            .collect::<Option<Vec<_>>>()?;
        Some(Archive { page_size, total, categories })
    }

    pub fn to_json(&self) -> Value {
        let categories: serde_json::Map<String, Value> = self
            .categories
            .iter()
            .map(|(slug, count)| {
                (
                    slug.clone(),
                    serde_json::json!({ "count": count, "pages": crate::paging::total_pages(*count, self.page_size) }),
                )
            })
            .collect();
        serde_json::json!({ "version": 1, "page_size": self.page_size, "total": self.total, "categories": categories })
    }

    pub fn count(&self, slug: &str) -> Option<usize> {
        self.categories.iter().find(|(s, _)| s == slug).map(|(_, n)| *n)
    }
}

/// The file of a category's page `page` (1-based), relative to the site root.
pub fn category_page_file(slug: &str, page: usize) -> String {
    format!("feeds/{}/{page}.json", encode_component(slug))
}

/// The JSON file of one article, relative to the site root.
pub fn article_file(id: &str) -> String {
    format!("articles/{}.json", encode_component(id))
}

/// Whether an id can be a file name and a URL segment as it is. The builder
/// requires this of archive ids, so files and links never need escaping.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && !id.starts_with('.')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn archive_description_round_trips() {
        let archive = Archive { page_size: 20, total: 45, categories: vec![("a".into(), 41), ("b".into(), 4)] };
        let json = archive.to_json();
        assert_eq!(json["categories"]["a"]["pages"], 3);
        let mut back = Archive::read(&json).unwrap();
        back.categories.sort();
        assert_eq!(back, archive);
        assert_eq!(Archive::read(&serde_json::json!({"page_size": 0, "total": 1, "categories": {}})), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(category_page_file("cyfz", 2), "feeds/cyfz/2.json");
        assert_eq!(article_file("a1003"), "articles/a1003.json");
        assert!(is_plain_id("a-1_2.x"));
        assert!(!is_plain_id("a/b") && !is_plain_id("..") && !is_plain_id("中文") && !is_plain_id(""));
    }
}
