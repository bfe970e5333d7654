//! The sharded archive: the file layout the builder writes and the app
//! reads, so that one page never needs the whole archive.
//!
//! ```text
//! feed.json                    home feed: latest items, headlines, each category's newest
//!                              (summaries), plus `_portal.archive` describing the rest
//! feeds/<slug>/part-<n>.json   a category's articles in parts of `page_size`, numbered
//!                              from the oldest (so a new article rewrites only the newest
//!                              part), newest first inside; `next_url` leads to the older part
//! articles/<id>.json           one article: full content, related, previous, next
//! article/<id>/index.html      the same article for crawlers and link previews
//! sitemap.xml, sitemap-<n>.xml, sitemap.json
//! ```

use crate::feed::{Parsed, Problem};
use crate::paging::Page;
use crate::search_index::IndexInfo;
use crate::urls::encode_component;
use serde_json::Value;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Archive {
    pub page_size: usize,
    pub total: usize,
    /// (slug, number of articles), in site order.
    pub categories: Vec<(String, usize)>,
    /// 站内搜索's index, when the builder wrote one.
    pub search: Option<IndexInfo>,
}

impl Archive {
    /// The archive a home feed describes in `_portal.archive`; `None` for a
    /// plain feed. A description that cannot be read is reported among the
    /// feed's own problems (after its fields', before its items'), and the
    /// feed is then read as a plain one.
    pub fn from_home_feed(parsed: &mut Parsed) -> Option<Archive> {
        let archive = Archive::read(parsed.feed.extension.as_ref()?.get("archive")?);
        if archive.is_none() {
            let problems = &mut parsed.problems;
            let at = problems.iter().position(|p| p.item.is_some()).unwrap_or(problems.len());
            let message = "格式不正确，已按普通订阅源读取".into();
            problems.insert(at, Problem { item: None, id: None, field: "_portal.archive".into(), message });
        }
        archive
    }

    pub fn read(value: &Value) -> Option<Archive> {
        let page_size = value.get("page_size")?.as_u64().filter(|n| *n > 0)? as usize;
        let total = value.get("total")?.as_u64()? as usize;
        let categories = value
            .get("categories")?
            .as_object()?
            .iter()
            .map(|(slug, info)| Some((slug.clone(), info.get("count")?.as_u64()? as usize)))
            .collect::<Option<Vec<_>>>()?;
        // An index of another number of articles than the archive's is not
        // this archive's (nor is reading it bounded by the archive).
        let search = value.get("search").and_then(|s| {
            let number = |key| s.get(key)?.as_u64().and_then(|n| u32::try_from(n).ok());
            Some(IndexInfo { shards: number("shards").filter(|&n| n > 0)?, docs: number("docs")? })
        });
        let search = search.filter(|info| info.docs as usize == total);
        Some(Archive { page_size, total, categories, search })
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
        let mut value = serde_json::json!({ "version": 2, "page_size": self.page_size, "total": self.total, "categories": categories });
        if let Some(search) = self.search {
            value["search"] = serde_json::json!({ "shards": search.shards, "docs": search.docs });
        }
        value
    }

    pub fn count(&self, slug: &str) -> Option<usize> {
        self.categories.iter().find(|(s, _)| s == slug).map(|(_, n)| *n)
    }
}

/// The file of a category's part `part` (1-based, counted from the oldest),
/// relative to the site root.
pub fn category_part_file(slug: &str, part: usize) -> String {
    format!("feeds/{}/part-{part}.json", encode_component(slug))
}

/// How many part files a category of `count` articles has.
pub fn part_count(count: usize, page_size: usize) -> usize {
    count.div_ceil(page_size.max(1))
}

/// The articles in part `part` of a category of `count`, as a range of
/// its newest-first list. Parts are full from the oldest; only the newest
/// may be short.
pub fn part_range(count: usize, page_size: usize, part: usize) -> Range<usize> {
    let page_size = page_size.max(1);
    let oldest_end = (part * page_size).min(count);
    count - oldest_end..count - (part - 1) * page_size
}

/// The part files a reader's page (newest first) is cut from: one, or two
/// when the page straddles a part boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageParts {
    /// Newest part first, so their items concatenate newest first.
    pub files: Vec<String>,
    /// Items of the concatenation before the page's first.
    pub skip: usize,
}

impl PageParts {
    pub fn of(slug: &str, count: usize, page_size: usize, page: &Page) -> PageParts {
        if page.start >= page.end {
            return PageParts { files: Vec::new(), skip: 0 };
        }
        let part_of = |newest_index: usize| (count - 1 - newest_index) / page_size.max(1) + 1;
        let (newest, oldest) = (part_of(page.start), part_of(page.end - 1));
        let files = (oldest..=newest).rev().map(|part| category_part_file(slug, part)).collect();
        PageParts { files, skip: page.start - part_range(count, page_size, newest).start }
    }
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
        let search = Some(IndexInfo { shards: 16, docs: 45 });
        let archive = Archive { page_size: 20, total: 45, categories: vec![("a".into(), 41), ("b".into(), 4)], search };
        let json = archive.to_json();
        assert_eq!(json["categories"]["a"]["pages"], 3);
        let mut back = Archive::read(&json).unwrap();
        back.categories.sort();
        assert_eq!(back, archive);
        assert_eq!(Archive::read(&serde_json::json!({"page_size": 0, "total": 1, "categories": {}})), None);
        let mut wrong = archive.to_json();
        wrong["search"]["docs"] = 4_000_000_000u32.into();
        assert_eq!(Archive::read(&wrong).unwrap().search, None, "an index of other articles is ignored");
    }

    #[test]
    fn a_home_feed_says_which_archive_it_is_the_front_of() {
        let read = |portal: Value| {
            let items = serde_json::json!([{ "id": "a", "title": 1 }]);
            let feed = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": 2, "items": items, "_portal": portal });
            let mut parsed =
                crate::feed::read_feed(&feed, crate::feed::ReadOptions { offset_minutes: 480, fallback_source: None })
                    .unwrap();
            let archive = Archive::from_home_feed(&mut parsed);
            (archive, parsed.problems.into_iter().map(|p| p.field).collect::<Vec<_>>())
        };
        let archive = Archive { page_size: 20, total: 1, categories: vec![("a".into(), 1)], search: None };
        assert_eq!(
            read(serde_json::json!({ "archive": archive.to_json() })),
            (Some(archive), vec!["title".into(), "title".into()])
        );
        assert_eq!(read(serde_json::json!({})).0, None);
        assert_eq!(read(Value::Null).0, None);
        let broken = read(serde_json::json!({ "archive": { "page_size": 0 } }));
        assert_eq!(
            broken,
            (None, vec!["title".into(), "_portal.archive".into(), "title".into()]),
            "after the feed's fields, before its items'"
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(category_part_file("cyfz", 2), "feeds/cyfz/part-2.json");
        assert_eq!(article_file("a1003"), "articles/a1003.json");
        assert!(is_plain_id("a-1_2.x"));
        assert!(!is_plain_id("a/b") && !is_plain_id("..") && !is_plain_id("中文") && !is_plain_id(""));
    }

    /// Every reader page, cut from its parts, is the newest-first list's
    /// slice; and a new article leaves every part but the newest as it was.
    #[test]
    fn reader_pages_are_cut_from_parts_numbered_from_the_oldest() {
        for page_size in [1, 3, 4, 20] {
            for count in 0..50 {
                let list: Vec<usize> = (0..count).rev().collect(); // newest first: article numbers
                let parts: Vec<Vec<usize>> = (1..=part_count(count, page_size))
                    .map(|part| list[part_range(count, page_size, part)].to_vec())
                    .collect();
                assert_eq!(parts.iter().rev().flatten().copied().collect::<Vec<_>>(), list);
                for number in 1..=crate::paging::total_pages(count, page_size) {
                    let page = crate::paging::page(count, page_size, number).unwrap();
                    let cut = PageParts::of("s", count, page_size, &page);
                    assert!(cut.files.len() <= 2);
                    let joined: Vec<usize> = cut
                        .files
                        .iter()
                        .flat_map(|file| {
                            let part: usize = file["feeds/s/part-".len()..file.len() - 5].parse().unwrap();
                            parts[part - 1].clone()
                        })
                        .collect();
                    assert_eq!(joined[cut.skip..cut.skip + page.end - page.start], list[page.start..page.end]);
                }
                // One more article: only the newest part changes (or a new one appears).
                let grown: Vec<usize> = (0..=count).rev().collect();
                for part in 1..=part_count(count, page_size) {
                    let same = grown[part_range(count + 1, page_size, part)] == parts[part - 1][..];
                    assert!(same || part == part_count(count, page_size), "part {part} of {count} changed");
                }
            }
        }
    }
}
