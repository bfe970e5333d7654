//! 站内搜索: a feed held whole is searched in memory; an archive, through
//! its index files, its rows and its articles' files.

use super::fetch::{fetch_all, fetch_folding, fetch_once, ArchiveFiles, LoadError, FOLDING_TABLE};
use super::{Catalogue, LookupError, Portal};
use crate::ui::t;
use futures::future::FutureExt;
use portal_core::feed::{Article, ArticleRef};
use portal_core::html;
use portal_core::index::ArticleView;
use portal_core::paging::{self, Page};
use portal_core::search::{self, Folding, Query, Score, PAGE_SIZE};
use portal_core::search_index::{self, IndexInfo, ResultRow};
use portal_core::search_pages::{self, Count, PageOf, Step};
use std::ops::Range;
use std::sync::Arc;

/// Characters of text around a result's first match.
const SNIPPET_CHARS: usize = 90;

/// One page of 站内搜索's results: the search asked for, and what it found.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchResults {
    pub request: search::Request,
    pub outcome: SearchOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SearchOutcome {
    /// Why the query or the page number cannot be searched for: a message
    /// template (`portal_core::fill`) and its values.
    Refused(&'static str, Vec<String>),
    /// No article matches (whatever the page number).
    NothingFound,
    /// Page `page` of the `count` articles found.
    Found { count: Count, page: Page, hits: Vec<SearchHit> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchHit {
    pub article: ArticleRef,
    /// The configured category's slug.
    pub category: Option<String>,
    /// Text around the first match; `true` parts are query words.
    pub snippet: Vec<(String, bool)>,
}

impl Portal {
    /// The search's folding table, fetched once (a failure is forgotten).
    pub async fn folding(&self) -> Result<Arc<Folding>, LoadError> {
        fetch_once(&self.folding, FOLDING_TABLE, || fetch_folding().boxed_local()).await
    }

    /// 站内搜索: the page of results `request` asks for.
    pub async fn search(self: Arc<Self>, request: search::Request) -> Result<SearchResults, LookupError> {
        if !self.catalogue.searchable() {
            return Err(LookupError::NotFound);
        }
        let folding = self.folding().await.map_err(LookupError::Failed)?;
        let query = match Query::parse(&request.q, &folding) {
            Ok(query) => query,
            Err(refused) => {
                let (template, values) = refused.template();
                return Ok(SearchResults { request, outcome: SearchOutcome::Refused(template, values) });
            }
        };
        let (count, page) = match &self.catalogue {
            Catalogue::Feed(index) => {
                let offset = self.site.offset_minutes();
                let all = search::search(index.items(), &query, &request, &folding, offset);
                let page = paging::page(all.len(), PAGE_SIZE, request.page);
                let hits = |page: Page| all[page.start..page.end].iter().map(|a| hit(a, &folding, &query)).collect();
                (Count::Exact(all.len()), page.map(|page| (page, hits(page))))
            }
            Catalogue::Archive { archive, files, .. } => {
                let info = archive.search.ok_or(LookupError::NotFound)?;
                let found = self.archive_page(files, info, &folding, &query, &request).await;
                found.map_err(LookupError::Failed)?
            }
        };
        let outcome = match page {
            // On any page number: 未找到 says enough.
            _ if count.value() == 0 => SearchOutcome::NothingFound,
            Err(error) => {
                let (template, values) = error.template();
                SearchOutcome::Refused(template, values)
            }
            Ok((page, hits)) => SearchOutcome::Found { count, page, hits },
        };
        Ok(SearchResults { request, outcome })
    }

    /// A page of an archive's results: the index's candidates, checked
    /// where the index is not exact, and the hits shown.
    async fn archive_page(
        self: &Arc<Self>,
        files: &ArchiveFiles,
        info: IndexInfo,
        folding: &Folding,
        query: &Query,
        request: &search::Request,
    ) -> Result<(Count, PageOf<Vec<SearchHit>>), LoadError> {
        let candidates = self.archive_matches(files, info, query, request).await?;
        let (count, page) = self.checked_page(files, &candidates, folding, query, request.page).await?;
        let page = match page {
            Ok((page, shown)) => Ok((page, self.archive_hits(files, &shown, folding, query).await?)),
            Err(error) => Err(error),
        };
        Ok((count, page))
    }

    /// Page `requested` of the candidates, each checked against its article
    /// as `search_pages` asks (none when the index is exact).
    async fn checked_page(
        self: &Arc<Self>,
        files: &ArchiveFiles,
        candidates: &[u32],
        folding: &Folding,
        query: &Query,
        requested: usize,
    ) -> Result<(Count, PageOf<Vec<u32>>), LoadError> {
        let mut verdicts = vec![search_index::finds_exactly(query).then_some(true); candidates.len()];
        loop {
            let positions = match search_pages::step(candidates, &verdicts, requested, PAGE_SIZE) {
                Step::Done { count, page } => return Ok((count, page)),
                Step::Read(positions) => positions,
            };
            let numbers: Vec<u32> = positions.iter().map(|&p| candidates[p]).collect();
            let rows = self.rows(files, &numbers).await?;
            for (position, article) in positions.into_iter().zip(self.articles(&rows).await) {
                verdicts[position] = Some(match article {
                    Ok(view) => has_every_word(&view.article, folding, query),
                    Err(LookupError::Failed(error)) => return Err(error),
                    // No such article: nothing to show.
                    Err(_) => false,
                });
            }
        }
    }

    /// The numbers of the archive's articles a query finds, in order.
    async fn archive_matches(
        &self,
        files: &ArchiveFiles,
        info: IndexInfo,
        query: &Query,
        request: &search::Request,
    ) -> Result<Vec<u32>, LoadError> {
        // An unknown category is a gram no article has.
        let category = request.category.as_deref().map(|slug| {
            search_index::category_gram(
                self.site.categories.iter().position(|c| c.slug == slug).unwrap_or(usize::MAX >> 1),
            )
        });
        let grams = search_index::needed(query, category);
        let mut urls: Vec<String> = Vec::new();
        for url in grams.iter().flatten().flat_map(|&g| info.files_of(g)) {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        let what = t("搜索索引");
        // The date filter's file, if any, in the same round trip.
        let (bytes, within) =
            futures::future::join(fetch_all(&files.search, &urls, what), self.date_filter(files, request, info.docs))
                .await;
        let (bytes, within) = (bytes?, within?);
        let file = |name: &str| urls.iter().position(|u| u == name).map_or(&[][..], |i| &bytes[i][..]);
        // A few dozen grams at most: a list, not a map (smaller wasm).
        let mut sets = Vec::new();
        for &gram in grams.iter().flatten() {
            let entry = info.entry(gram, file).map_err(|_| LoadError::Invalid {
                what,
                url: info.files_of(gram).join(" "),
                message: t("索引文件已损坏").into(),
            })?;
            sets.push((gram, entry));
        }
        Ok(search_index::found(&grams, category.is_some(), request.sort, within, |g| {
            sets.iter().find(|s| s.0 == g).and_then(|s| s.1.clone())
        }))
    }

    /// The numbers of the articles of the request's date range.
    async fn date_filter(
        &self,
        files: &ArchiveFiles,
        request: &search::Request,
        docs: u32,
    ) -> Result<Range<u32>, LoadError> {
        let offset = self.site.offset_minutes();
        let day = |text: &Option<String>| text.as_deref().and_then(|d| search_index::day_number(d, offset));
        let (from, to) = (day(&request.from), day(&request.to));
        if from.is_none() && to.is_none() {
            return Ok(0..docs);
        }
        let url = search_index::DAYS_FILE.to_string();
        let bytes = fetch_all(&files.search, std::slice::from_ref(&url), t("搜索索引")).await?;
        let days = search_index::read_days(&bytes[0]).map_err(|message| LoadError::Invalid {
            what: t("搜索索引"),
            url,
            message,
        })?;
        Ok(search_index::day_range(&days, from, to, docs))
    }

    /// The results shown: each article's row, and its file for the snippet
    /// (an article whose file fails is shown from its row alone).
    async fn archive_hits(
        self: &Arc<Self>,
        files: &ArchiveFiles,
        numbers: &[u32],
        folding: &Folding,
        query: &Query,
    ) -> Result<Vec<SearchHit>, LoadError> {
        let rows = self.rows(files, numbers).await?;
        let articles = self.articles(&rows).await;
        Ok(rows
            .into_iter()
            .zip(articles)
            .map(|(row, article)| match article {
                Ok(view) => hit(&view.article, folding, query),
                Err(_) => row_hit(row),
            })
            .collect())
    }

    /// The rows of articles `numbers`, each rows file read once however many
    /// of them it holds.
    async fn rows(&self, files: &ArchiveFiles, numbers: &[u32]) -> Result<Vec<ResultRow>, LoadError> {
        let mut urls: Vec<String> = Vec::new();
        for url in numbers.iter().map(|&n| search_index::rows_file(n)) {
            if !urls.contains(&url) {
                urls.push(url);
            }
        }
        let what = t("搜索结果");
        let invalid = |url: &String, message: String| LoadError::Invalid { what, url: url.clone(), message };
        let mut chunks = Vec::with_capacity(urls.len());
        for (url, bytes) in urls.iter().zip(fetch_all(&files.search, &urls, what).await?) {
            chunks.push(search_index::read_rows(&bytes).map_err(|message| invalid(url, message))?);
        }
        let mut rows = Vec::with_capacity(numbers.len());
        for &number in numbers {
            let file = urls.iter().position(|u| *u == search_index::rows_file(number)).unwrap_or_default();
            let row = chunks[file].get((number % search_index::ROWS_PER_FILE) as usize).cloned();
            rows.push(row.ok_or_else(|| invalid(&urls[file], t("缺少搜索结果").into()))?);
        }
        Ok(rows)
    }

    /// The articles of `rows`, all fetched at once.
    async fn articles(self: &Arc<Self>, rows: &[ResultRow]) -> Vec<Result<Arc<ArticleView>, LookupError>> {
        for row in rows {
            let (portal, id) = (self.clone(), row.id.clone());
            leptos::task::spawn_local(async move { drop(portal.article(id).await) });
        }
        let mut articles = Vec::with_capacity(rows.len());
        for row in rows {
            articles.push(self.clone().article(row.id.clone()).await);
        }
        articles
    }
}

/// Whether an article's title or text has every word of the query, as the
/// reader sees it (folded).
fn has_every_word(article: &Article, folding: &Folding, query: &Query) -> bool {
    Score::of(query, &folding.fold(&article.title), &folding.fold(&search::searchable_text(article))).is_some()
}

fn hit(article: &Article, folding: &Folding, query: &Query) -> SearchHit {
    SearchHit {
        article: ArticleRef::from(article),
        category: article.category.clone(),
        snippet: search::snippet(&html::text_of(&article.body), folding, query, SNIPPET_CHARS),
    }
}

/// A result shown from its row alone: no text, so no snippet.
fn row_hit(row: ResultRow) -> SearchHit {
    let ResultRow { id, title, published, category } = row;
    SearchHit { article: ArticleRef { id, title, published, ..ArticleRef::default() }, category, snippet: Vec::new() }
}
