//! 站内搜索: what a query means, what matches it and in which order, and
//! the snippet shown for a result. One implementation for the app's search
//! of a single feed and for the archive's index.
//!
//! Matching is on *folded* text: full-width letters, digits and signs as
//! half-width, ASCII letters in lower case, Traditional characters as
//! Simplified (from a table the app loads only when search is used). Folding
//! maps each character to exactly one character, so a position in folded
//! text is the same position in the text as written.

use crate::date::{self, Timestamp};
use crate::feed::Article;
use crate::html;
use crate::urls::encode_component;

/// The longest query read, in characters, and the most words in it.
pub const MAX_QUERY_CHARS: usize = 100;
pub const MAX_TERMS: usize = 8;
/// Results per page.
pub const PAGE_SIZE: usize = 10;

/// Folds text for matching. `pairs` maps Traditional characters to
/// Simplified ones (empty: no such mapping).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Folding {
    /// Sorted by the first character.
    pairs: Vec<(char, char)>,
}

impl Folding {
    /// A table written as one string of character pairs (`丟丢並并…`).
    pub fn from_pairs(text: &str) -> Folding {
        let chars: Vec<char> = text.chars().collect();
        let mut pairs: Vec<(char, char)> = chars.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        Folding { pairs }
    }

    pub fn fold_char(&self, c: char) -> char {
        match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map_or(c, |c| c.to_ascii_lowercase()),
            // Latin letters beyond ASCII keep their case: Unicode's case
            // tables would cost the wasm more than such queries are worth.
            c if c.is_ascii() => c.to_ascii_lowercase(),
            c => self.pairs.binary_search_by_key(&c, |p| p.0).map_or(c, |i| self.pairs[i].1),
        }
    }

    pub fn fold(&self, text: &str) -> String {
        text.chars().map(|c| self.fold_char(c)).collect()
    }
}

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    Empty,
    TooLong,
    TooManyTerms,
}

impl QueryError {
    /// The message as a template (`crate::fill`) and its values.
    pub fn template(&self) -> (&'static str, Vec<String>) {
        match self {
            QueryError::Empty => ("请输入要搜索的字词", vec![]),
            QueryError::TooLong => ("搜索词太长，请不要超过 {} 个字", vec![MAX_QUERY_CHARS.to_string()]),
            QueryError::TooManyTerms => ("搜索词太多，请不要超过 {} 个（以空格分开）", vec![MAX_TERMS.to_string()]),
        }
    }
}

/// A query: its words, folded, each to be found as written (a substring).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    pub terms: Vec<String>,
}

impl Query {
    pub fn parse(raw: &str, folding: &Folding) -> Result<Query, QueryError> {
        // Controls and invisible formatting (bidi marks, zero-width
        // characters) are no part of what a reader means to find.
        let visible: String = raw.chars().filter(|c| !c.is_control() && !is_format(*c)).collect();
        if visible.chars().count() > MAX_QUERY_CHARS {
            return Err(QueryError::TooLong);
        }
        let mut terms: Vec<String> = Vec::new();
        for term in folding.fold(&visible).split_whitespace() {
            if !terms.iter().any(|t| t == term) {
                terms.push(term.to_string());
            }
        }
        match terms.len() {
            0 => Err(QueryError::Empty),
            n if n > MAX_TERMS => Err(QueryError::TooManyTerms),
            _ => Ok(Query { terms }),
        }
    }
}

fn is_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// How well an article matches: more query words in the title first, then
/// more occurrences per 10,000 characters, then newer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub in_title: usize,
    pub density: u32,
    pub published: Option<Timestamp>,
}

impl Score {
    /// `None` unless every word is in the (folded) title or text.
    pub fn of(query: &Query, title: &str, text: &str) -> Option<Score> {
        let mut in_title = 0;
        let mut count = 0;
        for term in &query.terms {
            let (t, b) = (title.matches(term.as_str()).count(), text.matches(term.as_str()).count());
            if t + b == 0 {
                return None;
            }
            in_title += usize::from(t > 0);
            count += t + b;
        }
        let length = title.chars().count() + text.chars().count();
        let density = (count * 10_000 / length.max(1)).min(u32::MAX as usize) as u32;
        Some(Score { in_title, density, published: None })
    }

    /// Best first.
    pub fn order(a: &Score, b: &Score) -> std::cmp::Ordering {
        b.in_title.cmp(&a.in_title).then(b.density.cmp(&a.density)).then(b.published.cmp(&a.published))
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Date,
}

/// A search as its address states it: `search?q=…&category=…&from=…&to=…&sort=date&page=N`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Request {
    pub q: String,
    pub category: Option<String>,
    /// `YYYY-MM-DD`, in the site's time zone, both days included.
    pub from: Option<String>,
    pub to: Option<String>,
    pub sort: Sort,
    pub page: usize,
}

impl Request {
    /// From the address's parameters; anything malformed is left out
    /// rather than refused (a hand-edited address still searches).
    pub fn from_params(get: impl Fn(&str) -> Option<String>) -> Request {
        let day = |key| get(key).filter(|d| is_day(d));
        Request {
            q: get("q").unwrap_or_default(),
            category: get("category").filter(|c| !c.is_empty()),
            from: day("from"),
            to: day("to"),
            sort: if get("sort").as_deref() == Some("date") { Sort::Date } else { Sort::Relevance },
            page: get("page").and_then(|p| p.parse().ok()).filter(|&p| p > 0).unwrap_or(1),
        }
    }

    /// The address of this search's page `page`, below `search_path`.
    pub fn href(&self, search_path: &str, page: usize) -> String {
        let mut href = format!("{search_path}?q={}", encode_component(&self.q));
        for (key, value) in [("category", &self.category), ("from", &self.from), ("to", &self.to)] {
            if let Some(value) = value {
                href.push_str(&format!("&{key}={}", encode_component(value)));
            }
        }
        if self.sort == Sort::Date {
            href.push_str("&sort=date");
        }
        if page > 1 {
            href.push_str(&format!("&page={page}"));
        }
        href
    }

    /// Whether an article of `category`, published at `published`, passes
    /// the filters (`offset` minutes east of UTC: the site's zone).
    pub fn admits(&self, category: Option<&str>, published: Option<Timestamp>, offset: i32) -> bool {
        if self.category.as_deref().is_some_and(|c| category != Some(c)) {
            return false;
        }
        let bound = |day: &Option<String>, end: bool| {
            day.as_deref().and_then(|d| date::parse(d, offset)).map(|start| if end { start + 86_400 } else { start })
        };
        match (bound(&self.from, false), bound(&self.to, true), published) {
            (None, None, _) => true,
            (_, _, None) => false,
            (from, to, Some(at)) => from.is_none_or(|f| at >= f) && to.is_none_or(|t| at < t),
        }
    }

    pub fn has_filters(&self) -> bool {
        self.category.is_some() || self.from.is_some() || self.to.is_some()
    }
}

fn is_day(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10 && b[4] == b'-' && b[7] == b'-' && date::parse(text, 0).is_some()
}

/// What 站内搜索 looks for words in besides the title: the body's text,
/// and a policy document's 文号 and 索引号 (found by typing them).
pub fn searchable_text(article: &Article) -> String {
    let mut text = html::text_of(&article.body);
    let numbers = article.policy.search_text();
    if !numbers.is_empty() {
        text.push('\n');
        text.push_str(&numbers);
    }
    text
}

/// The articles that match, best first (or newest first when sorted by
/// date), of those the request's filters admit: the search of a feed held
/// in memory. `articles` come newest first; `category` is a configured slug.
pub fn search<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    query: &Query,
    request: &Request,
    folding: &Folding,
    offset: i32,
) -> Vec<&'a Article> {
    let mut hits: Vec<(Score, &Article)> = articles
        .into_iter()
        .filter(|a| request.admits(a.category.as_deref(), a.published, offset))
        .filter_map(|a| {
            let text = folding.fold(&searchable_text(a));
            let score = Score::of(query, &folding.fold(&a.title), &text)?;
            Some((Score { published: a.published, ..score }, a))
        })
        .collect();
    if request.sort == Sort::Relevance {
        hits.sort_by(|a, b| Score::order(&a.0, &b.0));
    }
    hits.into_iter().map(|(_, a)| a).collect()
}

/// Up to `width` characters of `text` around the first match, as parts
/// marked `true` where a query word is; `…` where text was cut.
pub fn snippet(text: &str, folding: &Folding, query: &Query, width: usize) -> Vec<(String, bool)> {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<char> = chars.iter().map(|&c| folding.fold_char(c)).collect();
    let terms: Vec<Vec<char>> = query.terms.iter().map(|t| t.chars().collect()).collect();
    // The longest query word at position `i`.
    let match_at = |i: usize| terms.iter().filter(|t| folded[i..].starts_with(t)).map(Vec::len).max();
    let first = (0..chars.len()).find(|&i| match_at(i).is_some()).unwrap_or(0);
    let start = first.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut push = |text: String, marked: bool| match parts.last_mut() {
        Some((last, m)) if *m == marked => last.push_str(&text),
        _ => parts.push((text, marked)),
    };
    if start > 0 {
        push("…".into(), false);
    }
    let mut i = start;
    while i < end {
        match match_at(i) {
            Some(n) => {
                push(chars[i..i + n].iter().collect(), true);
                i += n;
            }
            None => {
                push(chars[i].to_string(), false);
                i += 1;
            }
        }
    }
    if end < chars.len() {
        push("…".into(), false);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folding() -> Folding {
        Folding::from_pairs("開开發发區区會会")
    }

    #[test]
    fn folding_is_one_character_for_one() {
        let f = folding();
        assert_eq!(f.fold("ＡＢＣ１２３　開發區 Rust"), "abc123 开发区 rust");
        assert_eq!(f.fold("Ünïcode"), "Ünïcode");
        assert_eq!(Folding::default().fold("開發"), "開發");
    }

    #[test]
    fn queries_are_words_to_find_and_hostile_ones_get_a_reason() {
        let f = folding();
        assert_eq!(Query::parse("  開發區　項目 开发区 ", &f).unwrap().terms, ["开发区", "項目"]);
        assert_eq!(Query::parse("\u{200F}\u{202E}\0  ", &f), Err(QueryError::Empty));
        assert_eq!(Query::parse(&"字".repeat(101), &f), Err(QueryError::TooLong));
        assert_eq!(Query::parse(&"字".repeat(10_000), &f), Err(QueryError::TooLong));
        assert_eq!(Query::parse(&"a ".repeat(9), &f).map(|q| q.terms.len()), Ok(1));
        let words: Vec<String> = (0..9).map(|n| format!("w{n}")).collect();
        assert_eq!(Query::parse(&words.join(" "), &f), Err(QueryError::TooManyTerms));
        assert_eq!(Query::parse("<script>.*(", &f).unwrap().terms, ["<script>.*("]);
    }

    #[test]
    fn every_word_must_match_and_title_matches_rank_first() {
        let f = folding();
        let q = Query::parse("开发区 项目", &f).unwrap();
        assert_eq!(Score::of(&q, "开发区新闻", "没有另一个词"), None);
        let title = Score::of(&q, "开发区项目", "正文").unwrap();
        let body = Score::of(&q, "新闻", "开发区项目开发区项目").unwrap();
        assert_eq!(title.in_title, 2);
        assert!(Score::order(&title, &body).is_lt());
        let newer = Score { published: Some(2), ..body };
        let older = Score { published: Some(1), ..body };
        assert!(Score::order(&newer, &older).is_lt());
    }

    #[test]
    fn requests_round_trip_through_their_address() {
        let request = Request {
            q: "开发区 & 项目".into(),
            category: Some("kfqdt".into()),
            from: Some("2023-01-01".into()),
            to: None,
            sort: Sort::Date,
            page: 2,
        };
        let href = request.href("/search", 2);
        assert_eq!(href, "/search?q=%E5%BC%80%E5%8F%91%E5%8C%BA%20%26%20%E9%A1%B9%E7%9B%AE&category=kfqdt&from=2023-01-01&sort=date&page=2");
        let params: Vec<(String, String)> = href[8..]
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .map(|(k, v)| (k.to_string(), crate::urls::decode_component(v)))
            .collect();
        let back = Request::from_params(|key| params.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()));
        assert_eq!(back, request);
        let odd = Request::from_params(|key| Some(if key == "page" { "-1".into() } else { "2023-13-45".into() }));
        assert_eq!((odd.page, odd.from, odd.sort), (1, None, Sort::Relevance));
    }

    #[test]
    fn filters_take_whole_days_in_the_sites_zone() {
        let r = Request { from: Some("2023-09-15".into()), to: Some("2023-09-15".into()), ..Request::default() };
        let at = |text| date::parse(text, 480);
        assert!(r.admits(None, at("2023-09-15 00:00"), 480));
        assert!(r.admits(None, at("2023-09-15 23:59"), 480));
        assert!(!r.admits(None, at("2023-09-16 00:00"), 480));
        assert!(!r.admits(None, None, 480));
        let c = Request { category: Some("a".into()), ..Request::default() };
        assert!(c.admits(Some("a"), None, 0) && !c.admits(Some("b"), None, 0) && !c.admits(None, None, 0));
    }

    #[test]
    fn snippets_mark_every_match_in_the_text_as_written() {
        let f = folding();
        let q = Query::parse("開發區 rust", &f).unwrap();
        let parts = snippet("前面很长的一段话。泉州经济开发区推进 Rust 项目，开发区很好", &f, &q, 20);
        let marked: Vec<&str> = parts.iter().filter(|p| p.1).map(|p| p.0.as_str()).collect();
        assert_eq!(marked, ["开发区", "Rust", "开发区"]);
        assert_eq!(parts[0].0.chars().next(), Some('…'), "cut before the first match");
        let short = snippet("泉州经济开发区推进 Rust 项目，开发区很好", &f, &q, 8);
        assert_eq!(short.last().unwrap().0.chars().last(), Some('…'), "{short:?}");
        assert_eq!(snippet("", &f, &q, 20), vec![]);
    }

    #[test]
    fn a_feed_is_searched_in_memory_with_filters_and_either_order() {
        let f = folding();
        let article = |id: &str, title: &str, body: &str, category: &str, day: i64| Article {
            id: id.into(),
            title: title.into(),
            body: html::paragraphs_from_text(body),
            category: Some(category.into()),
            published: Some(day * 86_400),
            ..Article::default()
        };
        let feed = [
            article("new", "通知", "开发区通知", "a", 30),
            article("titled", "开发区会议", "会议", "b", 20),
            article("dense", "消息", "开发区开发区开发区", "a", 10),
            article("none", "消息", "无关", "a", 5),
        ];
        let q = Query::parse("開發區", &f).unwrap();
        let ids = |r: &Request| search(&feed, &q, r, &f, 0).iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&Request::default()), ["titled", "dense", "new"]);
        assert_eq!(ids(&Request { sort: Sort::Date, ..Request::default() }), ["new", "titled", "dense"]);
        assert_eq!(ids(&Request { category: Some("a".into()), ..Request::default() }), ["dense", "new"]);
        assert_eq!(ids(&Request { to: Some("1970-01-15".into()), ..Request::default() }), ["dense"]);
    }

    proptest::proptest! {
        /// Any text a reader can type parses or is refused, and searching
        /// and cutting a snippet with it never panics.
        #[test]
        fn any_query_is_safe(raw in "\\PC{0,120}|[ \\u{3000}\\u{200F}a-zＡ-Ｚ开发区]{0,40}") {
            let f = folding();
            if let Ok(q) = Query::parse(&raw, &f) {
                let _ = snippet("泉州经济开发区推进项目建设", &f, &q, 30);
                let _ = Score::of(&q, "开发区", "项目");
            }
        }
    }
}
