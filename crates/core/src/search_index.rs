//! The archive's search index: static files a query fetches a few of, so
//! that searching 100,000 articles needs no server and no manifest.
//!
//! ```text
//! search/g/<shard>.bin     grams hashed into shards: for each gram (one, two or three
//!                          folded characters, or a category), the articles whose title
//!                          has it and the articles whose title or text has it
//! search/t/<shard>.bin     the same for the newest articles (the tail)
//! search/rows/<n>.json     [id, title, published, category] of articles 64n..64n+63
//! search/days.json         the first article of each day, for the date filter
//! ```
//!
//! Articles are numbered from the oldest (as category parts are). The
//! oldest multiple of `TAIL_SIZE` are *sealed*: publishing leaves their
//! shards as they are, and changes only the tail's few shards, so that a
//! publish uploads a bounded number of files. The sealed shards are
//! rewritten once every `TAIL_SIZE` articles.
//! A word of one, two or three characters is looked up as one gram, so it
//! is found exactly; a longer word needs all its overlapping three-character
//! grams, which in practice means the word itself (the benchmark measures how
//! often not).

use crate::date::Timestamp;
use crate::search::{Query, Sort};
use serde_json::Value;
use std::collections::HashMap;

/// Articles per rows file.
pub const ROWS_PER_FILE: u32 = 64;
/// The tail holds fewer articles than this, in this many shards.
pub const TAIL_SIZE: u32 = 1024;
pub const TAIL_SHARDS: u32 = 32;
pub const DAYS_FILE: &str = "search/days.json";

/// Three characters of 21 bits, or a category (top bit set).
pub type Gram = u64;

/// What `_portal.archive.search` in the home feed says of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndexInfo {
    pub shards: u32,
    pub docs: u32,
}

impl IndexInfo {
    /// The articles of the sealed shards: numbers below this.
    pub fn sealed(&self) -> u32 {
        self.docs / TAIL_SIZE * TAIL_SIZE
    }

    /// The files that hold `gram`: its sealed shard and its tail shard,
    /// where those parts have articles.
    pub fn files_of(&self, gram: Gram) -> Vec<String> {
        let sealed = (self.sealed() > 0).then(|| sealed_file(shard_of(gram, self.shards)));
        let tail = (self.docs > self.sealed()).then(|| tail_file(shard_of(gram, TAIL_SHARDS)));
        sealed.into_iter().chain(tail).collect()
    }

    /// `gram`'s entry, from the files `files_of` names (as `file` gives
    /// their bytes), numbered across both parts.
    pub fn entry<'a>(&self, gram: Gram, file: impl Fn(&str) -> &'a [u8]) -> Result<Option<Entry>, CorruptShard> {
        let sealed = self.sealed();
        let mut found: Option<Entry> = None;
        for name in self.files_of(gram) {
            let (offset, total) = if name.starts_with(TAIL) { (sealed, self.docs - sealed) } else { (0, sealed) };
            if let Some((title, all)) = find_in_shard(file(&name), gram, total)? {
                let (mine_title, mine_all) = found.get_or_insert_with(Entry::default);
                mine_title.extend(title.into_iter().map(|d| d + offset));
                mine_all.extend(all.into_iter().map(|d| d + offset));
            }
        }
        Ok(found)
    }
}

const TAIL: &str = "search/t/";

/// Where the sealed shards are.
pub const SEALED_FOLDER: &str = "search/g/";

pub fn sealed_file(shard: u32) -> String {
    format!("{SEALED_FOLDER}{shard:x}.bin")
}

pub fn tail_file(shard: u32) -> String {
    format!("{TAIL}{shard:x}.bin")
}

pub fn rows_file(doc: u32) -> String {
    format!("search/rows/{}.json", doc / ROWS_PER_FILE)
}

/// The shard a gram is in: a fixed hash, so builder and app agree.
pub fn shard_of(gram: Gram, shards: u32) -> u32 {
    // splitmix64's finaliser.
    let mut x = gram.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    ((x ^ (x >> 31)) % u64::from(shards.max(1))) as u32
}

fn pack(chars: &[char]) -> Gram {
    chars.iter().fold(0, |gram, &c| gram << 21 | u64::from(c))
}

/// The gram of category number `position` (in site order).
pub fn category_gram(position: usize) -> Gram {
    1 << 63 | position as u64
}

/// The grams a (folded) query word is found by, each once.
pub fn term_grams(term: &str) -> Vec<Gram> {
    let chars: Vec<char> = term.chars().collect();
    let windows: Vec<&[char]> = chars.windows(chars.len().clamp(1, 3)).collect();
    // Past 8 characters, every third 3-gram and the last still cover every
    // character: a long word is specific enough, and it needs a third of
    // the files (a pasted sentence of 100 characters, 34 rather than 98).
    let step = if chars.len() > 8 { 3 } else { 1 };
    let mut grams = Vec::new();
    // A word has few grams: no sort needed (and none costs the wasm a sort).
    for (i, window) in windows.iter().enumerate() {
        let gram = pack(window);
        if (i % step == 0 || i + 1 == windows.len()) && !grams.contains(&gram) {
            grams.push(gram);
        }
    }
    grams
}

/// Whether the index's candidates for `query` all have its words: each word
/// of one to three characters is a single gram. A longer word's grams may be
/// apart, so its candidates are checked (`search_pages`).
pub fn finds_exactly(query: &Query) -> bool {
    query.terms.iter().all(|term| term.chars().count() <= 3)
}

/// Every gram of (folded) text, as often as it occurs: words never span
/// white space.
fn each_gram(folded: &str, mut found: impl FnMut(Gram)) {
    for word in folded.split_whitespace() {
        let (mut before, mut last) = (0, 0);
        for c in word.chars().map(u64::from) {
            found(c);
            if last != 0 {
                found(last << 21 | c);
            }
            if before != 0 {
                found(before << 42 | last << 21 | c);
            }
            (before, last) = (last, c);
        }
    }
}

/// A fast hash for grams (the builder hashes one per character it reads):
/// a multiply and a shift, enough for keys that are packed characters.
#[derive(Default)]
struct GramHasher(u64);

impl std::hash::Hasher for GramHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(u64::from(b)));
    }

    fn write_u64(&mut self, n: u64) {
        let x = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = x ^ (x >> 29);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type GramMap = HashMap<Gram, (Postings, Postings), std::hash::BuildHasherDefault<GramHasher>>;

/// A set of article numbers as it is built: a sorted list while sparse,
/// then a bitmap.
#[derive(Debug, Clone)]
enum Postings {
    List(Vec<u32>),
    Bits(Vec<u64>),
}

impl Postings {
    fn add(&mut self, doc: u32, docs: u32) {
        match self {
            // An article adds each gram as often as it has it: once is enough.
            Postings::List(list) if list.last() == Some(&doc) => {}
            Postings::List(list) => {
                list.push(doc);
                // Past this length a bitmap takes less memory.
                if list.len() > (docs as usize / 32).max(64) {
                    let mut bits = vec![0u64; docs.div_ceil(64) as usize];
                    for &d in list.iter() {
                        bits[d as usize / 64] |= 1 << (d % 64);
                    }
                    *self = Postings::Bits(bits);
                }
            }
            Postings::Bits(bits) => bits[doc as usize / 64] |= 1 << (doc % 64),
        }
    }

    fn union(&mut self, other: Postings, docs: u32) {
        match (&mut *self, other) {
            (Postings::Bits(mine), Postings::Bits(theirs)) => {
                mine.iter_mut().zip(theirs).for_each(|(m, t)| *m |= t);
            }
            (_, theirs) => theirs.docs().into_iter().for_each(|d| self.add(d, docs)),
        }
    }

    fn docs(&self) -> Vec<u32> {
        match self {
            Postings::List(list) => {
                let mut list = list.clone();
                list.sort_unstable();
                list.dedup();
                list
            }
            Postings::Bits(bits) => {
                let mut docs = Vec::new();
                for (i, &word) in bits.iter().enumerate() {
                    let mut word = word;
                    while word != 0 {
                        docs.push(i as u32 * 64 + word.trailing_zeros());
                        word &= word - 1;
                    }
                }
                docs
            }
        }
    }
}

fn empty_postings() -> (Postings, Postings) {
    (Postings::List(Vec::new()), Postings::List(Vec::new()))
}

/// The index as the builder collects it, one article at a time, in any
/// order; builders of parts of the archive are merged.
#[derive(Debug, Clone, Default)]
pub struct IndexBuilder {
    docs: u32,
    /// gram → (articles with it in the title, articles with it anywhere).
    grams: GramMap,
}

impl IndexBuilder {
    pub fn new(docs: u32) -> IndexBuilder {
        IndexBuilder { docs, grams: GramMap::default() }
    }

    /// Article `doc`: its folded title and text, and its category's number.
    pub fn add(&mut self, doc: u32, title: &str, text: &str, category: Option<usize>) {
        let docs = self.docs;
        let mut add = |gram: Gram, in_title: bool| {
            let (title, all) = self.grams.entry(gram).or_insert_with(empty_postings);
            if in_title {
                title.add(doc, docs);
            }
            all.add(doc, docs);
        };
        each_gram(title, |gram| add(gram, true));
        each_gram(text, |gram| add(gram, false));
        if let Some(category) = category {
            add(category_gram(category), false);
        }
    }

    pub fn merge(&mut self, other: IndexBuilder) {
        let docs = self.docs;
        for (gram, (title, all)) in other.grams {
            let (mine_title, mine_all) = self.grams.entry(gram).or_insert_with(empty_postings);
            mine_title.union(title, docs);
            mine_all.union(all, docs);
        }
    }

    /// The shard files' contents, by shard number (empty shards left out):
    /// entries sorted by gram, so equal input gives equal bytes.
    pub fn shards(&self, shards: u32) -> Vec<(u32, Vec<u8>)> {
        let mut grams: Vec<(u32, Gram)> = self.grams.keys().map(|&g| (shard_of(g, shards), g)).collect();
        grams.sort_unstable();
        let mut files: Vec<(u32, Vec<u8>)> = Vec::new();
        for (shard, gram) in grams {
            if files.last().is_none_or(|(s, _)| *s != shard) {
                files.push((shard, Vec::new()));
            }
            let bytes = &mut files.last_mut().expect("pushed above").1;
            let (title, all) = &self.grams[&gram];
            put_varint(bytes, gram);
            encode_set(bytes, &title.docs(), self.docs);
            encode_set(bytes, &all.docs(), self.docs);
        }
        files
    }
}

/// The whole index as it is built: its sealed part and its tail.
#[derive(Debug, Clone)]
pub struct ArchiveIndex {
    info: IndexInfo,
    sealed: IndexBuilder,
    tail: IndexBuilder,
}

impl ArchiveIndex {
    pub fn new(info: IndexInfo) -> ArchiveIndex {
        let sealed = info.sealed();
        ArchiveIndex { info, sealed: IndexBuilder::new(sealed), tail: IndexBuilder::new(info.docs - sealed) }
    }

    /// Article `doc`: its folded title and text, and its category's number.
    pub fn add(&mut self, doc: u32, title: &str, text: &str, category: Option<usize>) {
        match doc.checked_sub(self.info.sealed()) {
            Some(in_tail) => self.tail.add(in_tail, title, text, category),
            None => self.sealed.add(doc, title, text, category),
        }
    }

    pub fn merge(&mut self, other: ArchiveIndex) {
        self.sealed.merge(other.sealed);
        self.tail.merge(other.tail);
    }

    /// The shard files, by path.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let sealed = self.sealed.shards(self.info.shards).into_iter().map(|(s, b)| (sealed_file(s), b));
        let tail = self.tail.shards(TAIL_SHARDS).into_iter().map(|(s, b)| (tail_file(s), b));
        sealed.chain(tail).collect()
    }
}

const LIST: u8 = 0;
const BITMAP: u8 = 1;
/// Every article but those listed.
const ALL_BUT: u8 = 2;

/// The smallest of three forms: a delta-coded list, a bitmap, or a
/// delta-coded list of the articles without it.
fn encode_set(out: &mut Vec<u8>, docs: &[u32], total: u32) {
    let mut best = (LIST, deltas(docs.iter().copied()));
    if docs.len() * 16 >= total as usize {
        let mut bitmap = vec![0u8; docs.last().map_or(0, |&d| d as usize / 8 + 1)];
        for &d in docs {
            bitmap[d as usize / 8] |= 1 << (d % 8);
        }
        let mut bytes = Vec::with_capacity(bitmap.len() + 4);
        put_varint(&mut bytes, bitmap.len() as u64);
        bytes.extend(bitmap);
        best = min_by_len(best, (BITMAP, bytes));
    }
    if docs.len() * 2 >= total as usize {
        let mut present = docs.iter().copied().peekable();
        let absent = (0..total).filter(|&d| present.next_if_eq(&d).is_none());
        best = min_by_len(best, (ALL_BUT, deltas(absent)));
    }
    out.push(best.0);
    out.extend(best.1);
}

fn min_by_len(a: (u8, Vec<u8>), b: (u8, Vec<u8>)) -> (u8, Vec<u8>) {
    if b.1.len() < a.1.len() {
        b
    } else {
        a
    }
}

/// A count, then each number as its distance from the one before.
fn deltas(docs: impl Iterator<Item = u32>) -> Vec<u8> {
    let mut bytes = Vec::new();
    let (mut previous, mut count) = (0, 0);
    for doc in docs {
        put_varint(&mut bytes, u64::from(doc - previous));
        previous = doc;
        count += 1;
    }
    let mut out = Vec::with_capacity(bytes.len() + 4);
    put_varint(&mut out, count);
    out.extend(bytes);
    out
}

fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A gram's articles: those with it in the title, those with it anywhere.
pub type Entry = (Vec<u32>, Vec<u32>);

/// A shard file that is not what the builder writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptShard;

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, CorruptShard> {
        let b = *self.bytes.get(self.at).ok_or(CorruptShard)?;
        self.at += 1;
        Ok(b)
    }

    fn varint(&mut self) -> Result<u64, CorruptShard> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7F) << shift;
            if b < 0x80 {
                return Ok(value);
            }
        }
        Err(CorruptShard)
    }

    /// A set of article numbers below `total`.
    fn set(&mut self, total: u32) -> Result<Vec<u32>, CorruptShard> {
        let kind = self.byte()?;
        let deltas = |reader: &mut Self| -> Result<Vec<u32>, CorruptShard> {
            let count = reader.varint()?.min(u64::from(total));
            let mut docs = Vec::with_capacity(count as usize);
            let mut doc = 0u64;
            for _ in 0..count {
                doc += reader.varint()?;
                docs.push(u32::try_from(doc).ok().filter(|&d| d < total).ok_or(CorruptShard)?);
            }
            Ok(docs)
        };
        match kind {
            LIST => deltas(self),
            ALL_BUT => {
                let absent = deltas(self)?;
                Ok((0..total).filter(|d| absent.binary_search(d).is_err()).collect())
            }
            BITMAP => {
                let length = usize::try_from(self.varint()?).map_err(|_| CorruptShard)?;
                let end = self.at.checked_add(length).filter(|&e| e <= self.bytes.len()).ok_or(CorruptShard)?;
                let bits = &self.bytes[self.at..end];
                self.at = end;
                Ok((0..(length * 8).min(total as usize) as u32)
                    .filter(|&d| bits[d as usize / 8] >> (d % 8) & 1 == 1)
                    .collect())
            }
            _ => Err(CorruptShard),
        }
    }
}

/// The entry of `gram` in a shard file: (articles with it in the title,
/// articles with it anywhere); `None` when no article has it.
pub fn find_in_shard(bytes: &[u8], gram: Gram, total: u32) -> Result<Option<Entry>, CorruptShard> {
    let mut reader = Reader { bytes, at: 0 };
    while reader.at < bytes.len() {
        let found = reader.varint()? == gram;
        let title = reader.set(total)?;
        let all = reader.set(total)?;
        if found {
            return Ok(Some((title, all)));
        }
    }
    Ok(None)
}

fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter().copied().filter(|d| b.binary_search(d).is_ok()).collect()
}

/// The articles that have every query word, each with how many of the
/// words its title has; `sets` gives a gram's entry (`None`: no article).
pub fn matching(terms: &[Vec<Gram>], sets: impl Fn(Gram) -> Option<Entry>) -> Vec<(u32, usize)> {
    let mut found: Option<Vec<(u32, usize)>> = None;
    for grams in terms {
        let (mut title, mut all): (Option<Vec<u32>>, Option<Vec<u32>>) = (None, None);
        for &gram in grams {
            let (t, a) = sets(gram).unwrap_or_default();
            title = Some(title.map_or(t.clone(), |title| intersect(&title, &t)));
            all = Some(all.map_or(a.clone(), |all| intersect(&all, &a)));
        }
        let (title, all) = (title.unwrap_or_default(), all.unwrap_or_default());
        let hits: Vec<(u32, usize)> = found.take().map_or_else(
            || all.iter().map(|&d| (d, 0)).collect(),
            |found: Vec<(u32, usize)>| found.into_iter().filter(|(d, _)| all.binary_search(d).is_ok()).collect(),
        );
        found = Some(hits.into_iter().map(|(d, n)| (d, n + usize::from(title.binary_search(&d).is_ok()))).collect());
    }
    found.unwrap_or_default()
}

/// The grams a search needs: each word's, then the category filter's.
pub fn needed(query: &Query, category: Option<Gram>) -> Vec<Vec<Gram>> {
    query.terms.iter().map(|t| term_grams(t)).chain(category.map(|c| vec![c])).collect()
}

/// The articles a search finds, in the order shown: by relevance (more
/// words in the title, then newer: an article's number grows with its
/// date), or newest first. `grams` is `needed`'s answer; `within`, the
/// articles of the date filter.
pub fn found(
    grams: &[Vec<Gram>],
    has_category: bool,
    sort: Sort,
    within: std::ops::Range<u32>,
    sets: impl Fn(Gram) -> Option<Entry>,
) -> Vec<u32> {
    let words = &grams[..grams.len() - usize::from(has_category)];
    let mut hits = matching(words, &sets);
    if has_category {
        let (_, in_category) = grams.last().and_then(|c| sets(c[0])).unwrap_or_default();
        hits.retain(|(d, _)| in_category.binary_search(d).is_ok());
    }
    hits.retain(|(d, _)| within.contains(d));
    // `hits` come oldest first; a title has at most `MAX_TERMS` of the
    // words. So no sort is needed (and none costs the wasm a sort).
    let newest_first = hits.iter().rev();
    match sort {
        Sort::Relevance => (0..=grams.len())
            .rev()
            .flat_map(|in_title| newest_first.clone().filter(move |h| h.1 == in_title))
            .map(|h| h.0)
            .collect(),
        Sort::Date => newest_first.map(|h| h.0).collect(),
    }
}

/// One row of `search/rows/<n>.json` (`[id, title, published, category]`):
/// what a result shows before (or without) its article's file.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    pub id: String,
    pub title: String,
    pub published: Option<Timestamp>,
    /// The category's slug.
    pub category: Option<String>,
}

/// A rows file's rows. Read as a `Value`, as feeds are: a typed
/// deserializer would cost the wasm several KB.
pub fn read_rows(bytes: &[u8]) -> Result<Vec<ResultRow>, String> {
    let row = |value: &Value| {
        let text = |i: usize| value.get(i).and_then(Value::as_str).map(str::to_string);
        Some(ResultRow { id: text(0)?, title: text(1)?, published: value.get(2)?.as_i64(), category: text(3) })
    };
    // No `Value` in the message: formatting one costs the wasm 3 KB.
    read_array(bytes)?
        .iter()
        .enumerate()
        .map(|(n, value)| row(value).ok_or_else(|| format!("第 {} 行有误", n + 1)))
        .collect()
}

/// `days.json`'s values.
pub fn read_days(bytes: &[u8]) -> Result<Vec<i64>, String> {
    read_array(bytes)?.iter().map(|v| v.as_i64().ok_or_else(|| "日期表中有非整数".to_string())).collect()
}

fn read_array(bytes: &[u8]) -> Result<Vec<Value>, String> {
    match serde_json::from_str(std::str::from_utf8(bytes).map_err(|e| e.to_string())?) {
        Ok(Value::Array(values)) => Ok(values),
        Ok(_) => Err("不是 JSON 数组".to_string()),
        Err(e) => Err(e.to_string()),
    }
}

/// The day (since 1970-01-01, in the zone `offset` minutes east of UTC)
/// of `YYYY-MM-DD`.
pub fn day_number(day: &str, offset: i32) -> Option<i64> {
    crate::date::parse(day, offset).map(|at| day_of(at, offset))
}

/// The day (since 1970-01-01, in the zone `offset` minutes east of UTC) of `at`.
fn day_of(at: Timestamp, offset: i32) -> i64 {
    (at + i64::from(offset) * 60).div_euclid(86_400)
}

/// The first article of each day (`day` counted from 1970-01-01 in the
/// site's zone), as the builder writes `search/days.json`: pairs of
/// deltas, `[day, doc, day, doc, …]`.
pub fn days_json(published: impl Iterator<Item = Option<Timestamp>>, offset: i32) -> String {
    let mut values = Vec::new();
    let (mut last_day, mut last_doc) = (0i64, 0u32);
    for (doc, at) in published.enumerate() {
        let Some(at) = at else { continue };
        let day = day_of(at, offset);
        if values.is_empty() || day > last_day {
            values.push((day - last_day).to_string());
            values.push((doc as u32 - last_doc).to_string());
            (last_day, last_doc) = (day, doc as u32);
        }
    }
    format!("[{}]", values.join(","))
}

/// The articles published from day `from` to day `to` (both included, as
/// days since 1970-01-01 in the site's zone), from `days.json`'s values.
pub fn day_range(days: &[i64], from: Option<i64>, to: Option<i64>, total: u32) -> std::ops::Range<u32> {
    let mut starts: Vec<(i64, u32)> = Vec::with_capacity(days.len() / 2);
    let (mut day, mut doc) = (0i64, 0i64);
    for pair in days.chunks_exact(2) {
        day += pair[0];
        doc += pair[1];
        starts.push((day, doc.clamp(0, i64::from(total)) as u32));
    }
    let first = |bound: i64| starts.iter().find(|(d, _)| *d >= bound).map_or(total, |(_, doc)| *doc);
    let start = from.map_or_else(|| starts.first().map_or(total, |s| s.1), first);
    let end = to.map_or(total, |to| first(to + 1));
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Texts from a small alphabet, so that grams repeat and collide.
    fn corpus(count: u32, seed: u64) -> Vec<(String, String, usize)> {
        let alphabet: Vec<char> = "开发区招商项目建设ab1 ".chars().collect();
        let mut state = seed;
        let mut next = move |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        (0..count)
            .map(|_| {
                let title: String = (0..3 + next(6)).map(|_| alphabet[next(alphabet.len())]).collect();
                let text: String = (0..next(60)).map(|_| alphabet[next(alphabet.len())]).collect();
                (title, text, next(3))
            })
            .collect()
    }

    fn build(corpus: &[(String, String, usize)], shards: u32) -> (IndexInfo, HashMap<String, Vec<u8>>) {
        // Built in two halves and merged, as the builder's threads do.
        let info = IndexInfo { shards, docs: corpus.len() as u32 };
        let (mut first, mut second) = (ArchiveIndex::new(info), ArchiveIndex::new(info));
        for (doc, (title, text, category)) in corpus.iter().enumerate() {
            let half = if doc % 2 == 0 { &mut first } else { &mut second };
            half.add(doc as u32, title, text, Some(*category));
        }
        first.merge(second);
        (info, first.files().into_iter().collect())
    }

    fn lookup(info: IndexInfo, files: &HashMap<String, Vec<u8>>) -> impl Fn(Gram) -> Option<Entry> + '_ {
        move |gram| info.entry(gram, |name| files.get(name).map_or(&[][..], |b| &b[..])).unwrap()
    }

    #[test]
    fn words_of_up_to_three_characters_are_found_exactly_and_longer_ones_never_missed() {
        // 2,048 sealed articles and a tail of 952.
        let corpus = corpus(3000, 7);
        let (info, files) = build(&corpus, 64);
        assert!(files.keys().any(|f| f.starts_with("search/t/")) && files.keys().any(|f| f.starts_with("search/g/")));
        let sets = lookup(info, &files);
        for query in ["开", "区招", "开发区", "a1", "b", "项目建设", "开发区招商", "ab1开", "设设设设设"]
        {
            let terms: Vec<&str> = query.split(' ').collect();
            let found = matching(&terms.iter().map(|t| term_grams(t)).collect::<Vec<_>>(), &sets);
            let expected: Vec<(u32, usize)> = corpus
                .iter()
                .enumerate()
                .filter(|(_, (title, text, _))| terms.iter().all(|t| title.contains(t) || text.contains(t)))
                .map(|(doc, (title, _, _))| (doc as u32, terms.iter().filter(|t| title.contains(*t)).count()))
                .collect();
            if query.chars().count() <= 3 {
                assert_eq!(found, expected, "{query}");
            } else {
                assert!(expected.iter().all(|e| found.contains(e)), "{query}: recall");
            }
        }
        assert_eq!(term_grams("一二三四五六七八九十").len(), 4, "past 8 characters, every third 3-gram and the last");
        // Several words: each must be there.
        let both = matching(&[term_grams("开发"), term_grams("ab")], &sets);
        let expected = corpus
            .iter()
            .filter(|(t, x, _)| (t.contains("开发") || x.contains("开发")) && (t.contains("ab") || x.contains("ab")))
            .count();
        assert_eq!(both.len(), expected);
        // A category is a gram too.
        let (_, in_second) = sets(category_gram(1)).unwrap();
        assert_eq!(in_second.len(), corpus.iter().filter(|c| c.2 == 1).count());
        // Words never span white space, and an unknown gram finds nothing.
        assert!(matching(&[term_grams("不在")], &sets).is_empty());
    }

    #[test]
    fn the_same_articles_give_the_same_bytes_and_a_new_one_changes_only_the_tail() {
        let mut corpus = corpus(TAIL_SIZE + 500, 3);
        let before = build(&corpus, 256);
        assert_eq!(before, build(&corpus, 256));
        corpus.push(("新文章".into(), "开发".into(), 0));
        let after = build(&corpus, 256);
        let changed: Vec<&String> =
            after.1.iter().filter(|(name, bytes)| before.1.get(*name) != Some(bytes)).map(|f| f.0).collect();
        assert!(!changed.is_empty() && changed.iter().all(|name| name.starts_with("search/t/")), "{changed:?}");
        assert!(changed.len() <= TAIL_SHARDS as usize);
    }

    #[test]
    fn days_give_the_articles_of_a_date_range() {
        let day = 86_400;
        // Article 0 has no date; then two on day 10, one on day 12, one on day 15 (UTC+8).
        let published = [None, Some(10 * day), Some(10 * day + 50), Some(12 * day), Some(15 * day - 8 * 3600 + 1)];
        let json = days_json(published.into_iter(), 480);
        let values: Vec<i64> = serde_json::from_str(&json).unwrap();
        assert_eq!(values, vec![10, 1, 2, 2, 3, 1]);
        assert_eq!(day_range(&values, Some(10), Some(10), 5), 1..3);
        assert_eq!(day_range(&values, Some(11), None, 5), 3..5);
        assert_eq!(day_range(&values, None, Some(12), 5), 1..4);
        assert_eq!(day_range(&values, Some(16), None, 5), 5..5);
        assert_eq!(day_range(&values, Some(13), Some(11), 5), 4..4);
    }

    proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..200), gram in any::<u64>()) {
            let _ = find_in_shard(&bytes, gram, 1000);
        }

        #[test]
        fn every_set_reads_back_as_written(mut docs in proptest::collection::vec(0u32..300, 0..300)) {
            docs.sort_unstable();
            docs.dedup();
            let mut bytes = Vec::new();
            put_varint(&mut bytes, 42);
            encode_set(&mut bytes, &docs[..docs.len() / 2], 300);
            encode_set(&mut bytes, &docs, 300);
            let (title, all) = find_in_shard(&bytes, 42, 300).unwrap().unwrap();
            prop_assert_eq!(&title[..], &docs[..docs.len() / 2]);
            prop_assert_eq!(all, docs);
        }
    }
}
