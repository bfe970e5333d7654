//! 站内搜索's index files (`portal_core::search_index`). The index is built
//! once, from the articles as written (the 繁體 tree's are converted from
//! them, and its queries are folded back to Simplified), and written into
//! every tree; each tree has its own rows, in its own script.

use crate::entry::Entry;
use crate::previous::fingerprint;
use portal_core::date::Timestamp;
use portal_core::feed::Article;
use portal_core::search::Folding;
use portal_core::search_index::{self, ArchiveIndex, IndexInfo, ROWS_PER_FILE, TAIL_SIZE};
use portal_core::site::SiteConfig;
use serde_json::json;

/// The index of `docs` articles: a shard per 16 sealed articles, in a
/// power of two of shards, so the count changes only when the archive
/// doubles.
pub fn info(docs: usize) -> IndexInfo {
    let sealed = docs as u32 / TAIL_SIZE * TAIL_SIZE;
    let shards = (sealed / 16).next_power_of_two().clamp(16, 8192);
    IndexInfo { shards, docs: docs as u32 }
}

/// What the sealed shards are made from: how many shards, the articles
/// they hold, in order, and the categories' numbers. Unchanged, they are
/// carried over; the tail's articles are not among them, so a publish
/// keeps them.
pub fn sealed_inputs(entries: &[Entry], site: &SiteConfig) -> u64 {
    let info = info(entries.len());
    let sources: Vec<u64> = entries.iter().rev().take(info.sealed() as usize).map(|entry| entry.source).collect();
    let categories: Vec<&str> = site.categories.iter().map(|c| c.slug.as_str()).collect();
    fingerprint(&(info.shards, categories, sources))
}

/// Where `sealed_inputs` is recorded in a tree.
pub const SEALED: &str = "search/sealed";

/// Adds article number `doc`, with its full body, to `index`.
pub fn add(index: &mut ArchiveIndex, doc: u32, article: &Article, site: &SiteConfig, folding: &Folding) {
    let category = article.category.as_deref().and_then(|slug| site.categories.iter().position(|c| c.slug == slug));
    index.add(
        doc,
        &folding.fold(&article.title),
        &folding.fold(&portal_core::search::searchable_text(article)),
        category,
    );
}

/// Articles are numbered from the oldest; `position` counts from the newest.
pub fn doc_number(position: usize, docs: usize) -> u32 {
    (docs - 1 - position) as u32
}

/// What search folds text with: the app's table, built from the same source.
pub fn folding() -> Folding {
    Folding::from_pairs(&crate::traditional::simplified_pairs())
}

/// `search/rows/<n>.json` and `search/days.json` of a tree whose articles
/// are `articles`, newest first.
pub fn rows_and_days(articles: &[&Article], offset: i32) -> Vec<(String, String)> {
    let oldest_first: Vec<&&Article> = articles.iter().rev().collect();
    let mut files: Vec<(String, String)> = oldest_first
        .chunks(ROWS_PER_FILE as usize)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<_> = chunk.iter().map(|a| json!([a.id, a.title, a.published, a.category])).collect();
            (search_index::rows_file(n as u32 * ROWS_PER_FILE), serde_json::Value::from(rows).to_string())
        })
        .collect();
    let published = oldest_first.iter().map(|a| a.published as Option<Timestamp>);
    files.push((search_index::DAYS_FILE.to_string(), search_index::days_json(published, offset)));
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn entries(count: usize) -> Vec<Entry> {
        let article = |n: usize| Article { id: format!("n{n:05}"), title: format!("标题 {n}"), ..Article::default() };
        // Newest first, as the plan has them.
        (0..count).rev().map(|n| Entry::from_feed(article(n), Path::new("feed.json"), &[])).collect()
    }

    #[test]
    fn a_publish_into_the_tail_keeps_the_sealed_shards_inputs() {
        let site = SiteConfig::parse(r#"{"name":"示例","categories":[]}"#).unwrap();
        let before = entries(TAIL_SIZE as usize + 5);
        let after = entries(TAIL_SIZE as usize + 6);
        assert_eq!(sealed_inputs(&before, &site), sealed_inputs(&after, &site));
    }

    #[test]
    fn an_edit_of_a_sealed_article_or_a_new_seal_changes_them() {
        let site = SiteConfig::parse(r#"{"name":"示例","categories":[]}"#).unwrap();
        let before = entries(TAIL_SIZE as usize * 2 - 1);
        let mut edited = entries(TAIL_SIZE as usize * 2 - 1);
        let oldest = edited.last_mut().unwrap();
        oldest.source ^= 1;
        assert_ne!(sealed_inputs(&before, &site), sealed_inputs(&edited, &site));
        assert_ne!(sealed_inputs(&before, &site), sealed_inputs(&entries(TAIL_SIZE as usize * 2), &site));
    }
}
