//! `portal-build search-check`: 站内搜索 on a built tree, against a brute-force
//! scan of every article's title and text, for queries drawn from the
//! articles. Reads the index files the app would fetch, from disk, with the
//! core's own lookup; prints one JSON line per query (with the files a cold
//! query fetches, for bench/search.mjs to weigh) and a summary.

use portal_core::feed::{parse_feed_bytes, ReadOptions};
use portal_core::html;
use portal_core::search::{Folding, Query, Request, PAGE_SIZE};
use portal_core::search_index::{self, IndexInfo};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// One article as search reads it: folded title and text.
struct Document {
    id: String,
    title: String,
    text: String,
}

pub struct Report {
    /// One JSON object per query.
    pub lines: Vec<String>,
    pub summary: String,
}

/// `count` queries of 1 to 8 characters, drawn with `seed`.
pub fn check(tree: &Path, count: usize, seed: u64) -> Result<Report, String> {
    let read = |path: &str| std::fs::read(tree.join(path)).map_err(|e| format!("{path}: {e}"));
    let home: Value = serde_json::from_slice(&read("feed.json")?).map_err(|e| e.to_string())?;
    let search = &home["_portal"]["archive"]["search"];
    let number = |key: &str| search[key].as_u64().map(|n| n as u32).ok_or("feed.json: no search index".to_string());
    let info = IndexInfo { shards: number("shards")?, docs: number("docs")? };
    let folding = crate::search::folding();
    let documents = read_documents(tree, info.docs, &folding)?;
    let queries = draw(&documents, count, seed);
    let shards: Mutex<HashMap<String, Vec<u8>>> = Mutex::default();
    let file = |name: &str| -> Vec<u8> {
        let mut cache = shards.lock().expect("shard cache");
        cache.entry(name.to_string()).or_insert_with(|| std::fs::read(tree.join(name)).unwrap_or_default()).clone()
    };
    let results = crate::in_parallel(&queries, 2, |part| {
        part.iter().map(|q| one_query(q, &documents, info, &folding, &file)).collect::<Vec<_>>()
    });
    let results: Vec<QueryResult> = results.into_iter().flatten().collect::<Result<_, _>>()?;
    let (returned, correct, expected, found_expected) = results.iter().fold((0, 0, 0, 0), |t, r| {
        (t.0 + r.found, t.1 + r.found - r.false_hits, t.2 + r.expected, t.3 + r.expected - r.missed)
    });
    let exact = results.iter().filter(|r| r.false_hits == 0 && r.missed == 0).count();
    let summary = format!(
        "{} queries on {} articles: recall {:.3}% ({} of {} expected results found), precision {:.3}% ({} of {} results contain the query), {} queries exact",
        results.len(),
        info.docs,
        100.0 * found_expected as f64 / expected.max(1) as f64,
        found_expected,
        expected,
        100.0 * correct as f64 / returned.max(1) as f64,
        correct,
        returned,
        exact
    );
    Ok(Report { lines: results.into_iter().map(|r| r.line).collect(), summary })
}

struct QueryResult {
    found: usize,
    expected: usize,
    missed: usize,
    false_hits: usize,
    line: String,
}

fn one_query(
    q: &str,
    documents: &[Document],
    info: IndexInfo,
    folding: &Folding,
    file: &dyn Fn(&str) -> Vec<u8>,
) -> Result<QueryResult, String> {
    let query = Query::parse(q, folding).map_err(|e| format!("{q}: {e:?}"))?;
    let grams = search_index::needed(&query, None);
    let mut files: Vec<String> = grams.iter().flatten().flat_map(|&g| info.files_of(g)).collect();
    files.sort_unstable();
    files.dedup();
    let bytes: HashMap<&str, Vec<u8>> = files.iter().map(|f| (f.as_str(), file(f))).collect();
    let mut sets = HashMap::new();
    for &gram in grams.iter().flatten() {
        let entry = info
            .entry(gram, |name| bytes.get(name).map_or(&[][..], |b| &b[..]))
            .map_err(|_| format!("{q}: corrupt shard"))?;
        sets.insert(gram, entry);
    }
    let request = Request { q: q.to_string(), ..Request::default() };
    let found = search_index::found(&grams, false, request.sort, 0..info.docs, |g| sets.get(&g).cloned().flatten());
    let contains =
        |d: &Document| query.terms.iter().all(|t| d.title.contains(t.as_str()) || d.text.contains(t.as_str()));
    let expected: Vec<u32> = (0..info.docs).filter(|&n| contains(&documents[n as usize])).collect();
    let mut sorted = found.clone();
    sorted.sort_unstable();
    let missed = expected.iter().filter(|n| sorted.binary_search(n).is_err()).count();
    let false_hits = sorted.iter().filter(|n| expected.binary_search(n).is_err()).count();
    // What a cold query fetches beyond the shards: the first page's rows and articles.
    let first_page = &found[..found.len().min(PAGE_SIZE)];
    let mut rows: Vec<String> = first_page.iter().map(|&n| search_index::rows_file(n)).collect();
    rows.dedup();
    files.extend(rows);
    files.extend(first_page.iter().map(|&n| portal_core::archive::article_file(&documents[n as usize].id)));
    let line = json!({ "q": q, "found": found.len(), "expected": expected.len(), "missed": missed, "false": false_hits, "files": files });
    Ok(QueryResult { found: found.len(), expected: expected.len(), missed, false_hits, line: line.to_string() })
}

/// Every article, by number (from the rows files), folded.
fn read_documents(tree: &Path, docs: u32, folding: &Folding) -> Result<Vec<Document>, String> {
    let mut ids = Vec::with_capacity(docs as usize);
    for chunk in 0..docs.div_ceil(search_index::ROWS_PER_FILE) {
        let name = search_index::rows_file(chunk * search_index::ROWS_PER_FILE);
        let bytes = std::fs::read(tree.join(&name)).map_err(|e| format!("{name}: {e}"))?;
        ids.extend(search_index::read_rows(&bytes).map_err(|e| format!("{name}: {e}"))?.into_iter().map(|r| r.id));
    }
    let numbers: Vec<usize> = (0..ids.len()).collect();
    let parts = crate::in_parallel(&numbers, 2, |part| {
        part.iter()
            .map(|&n| {
                let name = portal_core::archive::article_file(&ids[n]);
                let bytes = std::fs::read(tree.join(&name)).map_err(|e| format!("{name}: {e}"))?;
                // Dates play no part in what matches.
                let options = ReadOptions { offset_minutes: 0, fallback_source: None };
                let article =
                    parse_feed_bytes(&bytes, options).map_err(|e| format!("{name}: {e}"))?.feed.items.remove(0);
                Ok(Document {
                    id: ids[n].clone(),
                    title: folding.fold(&article.title),
                    text: folding.fold(&html::text_of(&article.body)),
                })
            })
            .collect::<Result<Vec<_>, String>>()
    });
    Ok(parts.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
}

/// Queries as readers type them: 1 to 8 characters from a random article's
/// title (a fifth of them) or text, without white space.
fn draw(documents: &[Document], count: usize, seed: u64) -> Vec<String> {
    let mut state = seed.max(1);
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    let mut queries = Vec::with_capacity(count);
    while queries.len() < count {
        let document = &documents[next(documents.len())];
        let source: Vec<char> = if next(5) == 0 { &document.title } else { &document.text }.chars().collect();
        let length = 1 + next(8);
        if source.len() < length {
            continue;
        }
        let start = next(source.len() - length + 1);
        let query: String = source[start..start + length].iter().collect();
        if !query.chars().any(char::is_whitespace) && !queries.contains(&query) {
            queries.push(query);
        }
    }
    queries
}
