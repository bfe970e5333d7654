//! `portal-build search-check`: 站内搜索 on a built tree, against a brute-force
//! scan of every article's title and text, for queries drawn from the
//! articles. Reads the index files the app would fetch, from disk, with the
//! core's own lookup, and makes each query's first page as the app does
//! (its candidates checked against their text); prints one JSON line per
//! query (with the files a cold query fetches, for bench/search.mjs to
//! weigh) and a summary, with precision by query length.

use portal_core::feed::{parse_feed_bytes, ReadOptions};
use portal_core::search::{Folding, Query, Request, Score, PAGE_SIZE};
use portal_core::search_index::{self, IndexInfo};
use portal_core::search_pages::{self, Count, PageOf, Step};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
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

/// A built tree as search reads it: its index's files (read from disk as
/// they are asked for) and every article, folded.
pub struct Tree {
    root: PathBuf,
    info: IndexInfo,
    folding: Folding,
    documents: Vec<Document>,
    shards: Mutex<HashMap<String, Vec<u8>>>,
}

impl Tree {
    pub fn open(root: &Path) -> Result<Tree, String> {
        let bytes = std::fs::read(root.join("feed.json")).map_err(|e| format!("feed.json: {e}"))?;
        let home: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
        let search = &home["_portal"]["archive"]["search"];
        let number = |key: &str| search[key].as_u64().map(|n| n as u32).ok_or("feed.json: no search index".to_string());
        let info = IndexInfo { shards: number("shards")?, docs: number("docs")? };
        let folding = crate::search::folding();
        let documents = read_documents(root, info.docs, &folding)?;
        Ok(Tree { root: root.to_path_buf(), info, folding, documents, shards: Mutex::default() })
    }

    pub fn query(&self, q: &str) -> Result<Query, String> {
        Query::parse(q, &self.folding).map_err(|e| format!("{q}: {e:?}"))
    }

    /// The index's candidates for `query`, in the order shown, and the
    /// shard files they were read from.
    pub fn candidates(&self, query: &Query) -> Result<(Vec<u32>, Vec<String>), String> {
        let grams = search_index::needed(query, None);
        let mut files: Vec<String> = grams.iter().flatten().flat_map(|&g| self.info.files_of(g)).collect();
        files.sort_unstable();
        files.dedup();
        let bytes: HashMap<&str, Vec<u8>> = files.iter().map(|f| (f.as_str(), self.file(f))).collect();
        let mut sets = HashMap::new();
        for &gram in grams.iter().flatten() {
            let entry = self.info.entry(gram, |name| bytes.get(name).map_or(&[][..], |b| &b[..]));
            sets.insert(gram, entry.map_err(|_| format!("{:?}: corrupt shard", query.terms))?);
        }
        let sort = Request::default().sort;
        let candidates =
            search_index::found(&grams, false, sort, 0..self.info.docs, |g| sets.get(&g).cloned().flatten());
        Ok((candidates, files))
    }

    /// Whether article `n`'s title or text has every word of `query`: the scan.
    pub fn matches(&self, query: &Query, n: u32) -> bool {
        let d = &self.documents[n as usize];
        Score::of(query, &d.title, &d.text).is_some()
    }

    pub fn docs(&self) -> u32 {
        self.info.docs
    }

    fn file(&self, name: &str) -> Vec<u8> {
        let mut cache = self.shards.lock().expect("shard cache");
        cache.entry(name.to_string()).or_insert_with(|| std::fs::read(self.root.join(name)).unwrap_or_default()).clone()
    }
}

/// `count` queries of 1 to 8 characters, drawn with `seed`, and `extra`
/// ones (an adversarial archive's phrases, say).
pub fn check(root: &Path, count: usize, seed: u64, extra: &[String]) -> Result<Report, String> {
    let tree = Tree::open(root)?;
    let mut queries = draw(&tree.documents, count, seed);
    queries.extend(extra.iter().filter(|q| !q.trim().is_empty()).cloned());
    let results = crate::in_parallel(&queries, 2, |part| part.iter().map(|q| one_query(q, &tree)).collect::<Vec<_>>());
    let results: Vec<QueryResult> = results.into_iter().flatten().collect::<Result<_, _>>()?;
    let summary = summary(&results, tree.docs());
    Ok(Report { lines: results.into_iter().map(|r| r.line).collect(), summary })
}

/// One query: the index's candidates against the scan, and its first page
/// as the app shows it (every candidate it read checked against its text).
struct QueryResult {
    length: usize,
    candidates: usize,
    expected: usize,
    missed: usize,
    false_candidates: usize,
    shown: usize,
    false_shown: usize,
    exact_count: bool,
    line: String,
}

/// Totals over some queries.
#[derive(Default)]
struct Tally {
    queries: usize,
    candidates: usize,
    expected: usize,
    missed: usize,
    false_candidates: usize,
    shown: usize,
    false_shown: usize,
    exact_counts: usize,
}

impl Tally {
    fn add(mut self, r: &QueryResult) -> Tally {
        self.queries += 1;
        self.candidates += r.candidates;
        self.expected += r.expected;
        self.missed += r.missed;
        self.false_candidates += r.false_candidates;
        self.shown += r.shown;
        self.false_shown += r.false_shown;
        self.exact_counts += usize::from(r.exact_count);
        self
    }

    fn describe(&self) -> String {
        let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
        format!(
            "index precision {:.3}% ({} of {} candidates contain the query), results shown {:.3}% ({} of {}), count exact on page 1 for {} of {}",
            percent(self.candidates - self.false_candidates, self.candidates),
            self.candidates - self.false_candidates,
            self.candidates,
            percent(self.shown - self.false_shown, self.shown),
            self.shown - self.false_shown,
            self.shown,
            self.exact_counts,
            self.queries
        )
    }
}

/// Recall over every query, then precision: overall and by query length.
fn summary(results: &[QueryResult], docs: u32) -> String {
    let all = results.iter().fold(Tally::default(), Tally::add);
    let mut lines = vec![format!(
        "{} queries on {docs} articles: recall {:.3}% ({} of {} expected results found); {}; {} queries exact",
        all.queries,
        100.0 * (all.expected - all.missed) as f64 / all.expected.max(1) as f64,
        all.expected - all.missed,
        all.expected,
        all.describe(),
        results.iter().filter(|r| r.false_candidates == 0 && r.missed == 0).count()
    )];
    let longest = results.iter().map(|r| r.length).max().unwrap_or(0);
    for length in 1..=longest {
        let of_length = results.iter().filter(|r| r.length == length).fold(Tally::default(), Tally::add);
        if of_length.queries > 0 {
            lines.push(format!("  {length} characters, {} queries: {}", of_length.queries, of_length.describe()));
        }
    }
    lines.join("\n")
}

fn one_query(q: &str, tree: &Tree) -> Result<QueryResult, String> {
    let query = tree.query(q)?;
    let (candidates, mut files) = tree.candidates(&query)?;
    let expected: Vec<u32> = (0..tree.docs()).filter(|&n| tree.matches(&query, n)).collect();
    let mut sorted = candidates.clone();
    sorted.sort_unstable();
    let missed = expected.iter().filter(|n| sorted.binary_search(n).is_err()).count();
    let false_candidates = sorted.iter().filter(|n| expected.binary_search(n).is_err()).count();
    let mut verdicts = unread(&query, &candidates);
    let (count, first, read) = page(&candidates, &mut verdicts, 1, |n| tree.matches(&query, n));
    let shown = first.map(|(_, shown)| shown).unwrap_or_default();
    let false_shown = shown.iter().filter(|n| expected.binary_search(n).is_err()).count();
    // What a cold query fetches beyond the shards: rows and articles of the
    // candidates read and shown.
    let fetched: Vec<u32> = read.iter().chain(shown.iter().filter(|n| !read.contains(n))).copied().collect();
    let mut rows: Vec<String> = fetched.iter().map(|&n| search_index::rows_file(n)).collect();
    rows.sort_unstable();
    rows.dedup();
    files.extend(rows);
    files.extend(fetched.iter().map(|&n| portal_core::archive::article_file(&tree.documents[n as usize].id)));
    let about = matches!(count, Count::About(_));
    let line = json!({
        "q": q, "found": count.value(), "about": about, "candidates": candidates.len(), "expected": expected.len(),
        "missed": missed, "false": false_candidates, "shown": shown.len(), "false_shown": false_shown,
        "read": read.len(), "files": files
    });
    Ok(QueryResult {
        length: q.chars().count(),
        candidates: candidates.len(),
        expected: expected.len(),
        missed,
        false_candidates,
        shown: shown.len(),
        false_shown,
        exact_count: !about,
        line: line.to_string(),
    })
}

/// Page `requested` as the app makes it, reading as `search_pages` asks
/// into `verdicts` (kept from page to page, as the app keeps the articles it
/// fetched): the count, the page with its articles, and the candidates read.
pub fn page(
    candidates: &[u32],
    verdicts: &mut [Option<bool>],
    requested: usize,
    matches: impl Fn(u32) -> bool,
) -> (Count, PageOf<Vec<u32>>, Vec<u32>) {
    let mut read = Vec::new();
    loop {
        match search_pages::step(candidates, verdicts, requested, PAGE_SIZE) {
            Step::Read(batch) => {
                for position in batch {
                    verdicts[position] = Some(matches(candidates[position]));
                    read.push(candidates[position]);
                }
            }
            Step::Done { count, page } => return (count, page, read),
        }
    }
}

/// What the app knows of `candidates` before reading any: that they match
/// when the index finds `query` exactly.
pub fn unread(query: &Query, candidates: &[u32]) -> Vec<Option<bool>> {
    vec![search_index::finds_exactly(query).then_some(true); candidates.len()]
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
                    text: folding.fold(&portal_core::search::searchable_text(&article)),
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
