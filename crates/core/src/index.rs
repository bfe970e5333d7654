//! A feed arranged for the pages, the one index of the app and of
//! portal-build: newest-first order, look-up by id, each category's and
//! tag's list, 上一篇/下一篇, 相关阅读 pools and category pages.

use crate::feed::{Article, ArticleRef, Surroundings};
use crate::paging::{self, Page, PageError};
use crate::site::SiteConfig;
use std::collections::HashMap;
use std::sync::Arc;

/// How many headlines (要闻) the home page shows.
pub const HEADLINES: usize = 4;

/// An article with what its page shows around it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleView {
    pub article: Article,
    pub around: Surroundings,
}

/// One page of a category list: links, not bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryListing {
    pub slug: String,
    pub page: Page,
    pub items: Arc<Vec<ArticleRef>>,
}

/// How many articles around this one in its category, and in each of its
/// tags, are ranked for 相关阅读: ranking all 100,000 articles of an
/// archive for each article would be quadratic. They are the ones just
/// older than it where there are enough, so that publishing a new article
/// changes no other article's 相关阅读 (and so none of their files). The
/// same rule for a single feed and an archive.
pub const RELATED_POOL: usize = 48;

/// What an index holds: an article, or (in the archive builder) an
/// article's metadata with where its body is to be read from.
pub trait Indexed {
    fn article(&self) -> &Article;
    fn article_mut(&mut self) -> &mut Article;
}

impl Indexed for Article {
    fn article(&self) -> &Article {
        self
    }
    fn article_mut(&mut self) -> &mut Article {
        self
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct FeedIndex<T = Article> {
    /// Newest first; equal dates keep the input's order. `category` holds
    /// the configured slug, or `None`.
    items: Vec<T>,
    by_id: HashMap<String, usize>,
    /// Indices into `items`, ascending (so newest first).
    by_category: HashMap<String, Vec<usize>>,
    by_tag: HashMap<String, Vec<usize>>,
    /// The 解读 of each document, by the document's id, newest first.
    by_original: HashMap<String, Vec<usize>>,
    /// (article id, category as written) for categories the site lacks.
    unknown_categories: Vec<(String, String)>,
    /// Items whose id an earlier item already has; left out of the look-ups.
    duplicates: Vec<usize>,
}

impl<T> Default for FeedIndex<T> {
    fn default() -> Self {
        FeedIndex {
            items: Vec::new(),
            by_id: HashMap::new(),
            by_category: HashMap::new(),
            by_tag: HashMap::new(),
            by_original: HashMap::new(),
            unknown_categories: Vec::new(),
            duplicates: Vec::new(),
        }
    }
}

impl<T: Indexed> FeedIndex<T> {
    pub fn new(mut items: Vec<T>, site: &SiteConfig) -> FeedIndex<T> {
        items.sort_by(|a, b| crate::feed::newest_first(a.article(), b.article()));
        let mut index = FeedIndex { by_id: HashMap::with_capacity(items.len()), ..FeedIndex::default() };
        for (position, item) in items.iter_mut().enumerate() {
            let article = item.article_mut();
            let resolved = site.category_of(article).map(|c| c.slug.clone());
            if let (None, Some(written)) = (&resolved, &article.category) {
                index.unknown_categories.push((article.id.clone(), written.clone()));
            }
            article.category = resolved;
            if index.by_id.contains_key(&article.id) {
                index.duplicates.push(position);
                continue;
            }
            index.by_id.insert(article.id.clone(), position);
            if let Some(slug) = &article.category {
                index.by_category.entry(slug.clone()).or_default().push(position);
            }
            for tag in &article.tags {
                index.by_tag.entry(tag.clone()).or_default().push(position);
            }
            if let Some(original) = &article.policy.interprets {
                index.by_original.entry(original.clone()).or_default().push(position);
            }
        }
        index.items = items;
        index
    }

    /// Every item, newest first.
    pub fn items(&self) -> &[T] {
        &self.items
    }

    fn article_at(&self, position: usize) -> &Article {
        self.items[position].article()
    }

    /// Articles whose `_portal.category` names no configured category.
    pub fn unknown_categories(&self) -> &[(String, String)] {
        &self.unknown_categories
    }

    /// Items whose id an earlier item already has.
    pub fn duplicates(&self) -> impl Iterator<Item = &T> {
        self.duplicates.iter().map(|&i| &self.items[i])
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.by_id.get(id).map(|&i| &self.items[i])
    }

    /// A category's positions in `items`, newest first.
    pub fn category_positions(&self, slug: &str) -> &[usize] {
        self.by_category.get(slug).map(Vec::as_slice).unwrap_or_default()
    }

    pub fn category(&self, slug: &str) -> Vec<&Article> {
        self.category_positions(slug).iter().map(|&i| self.article_at(i)).collect()
    }

    /// Top stories: those marked `headline`, else the newest.
    pub fn headlines(&self, count: usize) -> Vec<&Article> {
        let marked: Vec<&Article> = self.items.iter().map(T::article).filter(|a| a.headline).take(count).collect();
        if marked.is_empty() {
            self.items.iter().map(T::article).take(count).collect()
        } else {
            marked
        }
    }

    /// (上一篇, 下一篇): the newer and the older neighbour in the article's
    /// category list.
    pub fn neighbours(&self, id: &str) -> (Option<&T>, Option<&T>) {
        let Some(&position) = self.by_id.get(id) else { return (None, None) };
        let Some(list) = self.article_at(position).category.as_ref().and_then(|slug| self.by_category.get(slug)) else {
            return (None, None);
        };
        let Ok(at) = list.binary_search(&position) else { return (None, None) };
        (at.checked_sub(1).map(|p| &self.items[list[p]]), list.get(at + 1).map(|&i| &self.items[i]))
    }

    /// 相关阅读, ranked over the `RELATED_POOL` articles nearest to this
    /// one in its category and in each of its tags, older ones first.
    pub fn related(&self, article: &Article, limit: usize) -> Vec<&T> {
        let position = self.by_id.get(&article.id).copied();
        let mut pool: Vec<usize> = Vec::new();
        let lists = article
            .category
            .iter()
            .filter_map(|c| self.by_category.get(c))
            .chain(article.tags.iter().filter_map(|t| self.by_tag.get(t)));
        for list in lists {
            let at = position.and_then(|p| list.binary_search(&p).ok()).unwrap_or(0);
            let start = at.min(list.len().saturating_sub(RELATED_POOL + 1));
            pool.extend(&list[start..list.len().min(start + RELATED_POOL + 1)]);
        }
        pool.sort_unstable();
        pool.dedup();
        crate::related::related(
            article,
            nearest_first(&pool, position.unwrap_or(0)).map(|i| &self.items[i]),
            |id| self.get(id),
            limit,
        )
    }

    /// The 解读 of the document `id`: the articles whose `interprets`
    /// names it, newest first. The reverse of that one field, so a 解读
    /// and its document link each other from one line of input.
    pub fn interpretations(&self, id: &str) -> Vec<&T> {
        let positions = self.by_original.get(id).map(Vec::as_slice).unwrap_or_default();
        positions.iter().map(|&i| &self.items[i]).collect()
    }

    /// The article `id`'s surroundings (`related_count` related articles,
    /// its neighbours, its 政策原文 / 相关解读) as the index has them.
    pub fn around(&self, id: &str, related_count: usize) -> Option<Around<'_, T>> {
        let article = self.get(id)?.article();
        let (previous, next) = self.neighbours(id);
        Some(Around {
            related: self.related(article, related_count),
            previous,
            next,
            original: article.policy.interprets.as_deref().and_then(|original| self.get(original)),
            interpretations: self.interpretations(id),
        })
    }

    /// `around`, by reference: the builder reads the body separately.
    pub fn surroundings(&self, id: &str, related_count: usize) -> Option<Surroundings> {
        self.around(id, related_count).as_ref().map(Around::surroundings)
    }

    /// Page `number` of a category's list, newest first.
    pub fn listing(&self, slug: &str, page_size: usize, number: usize) -> Result<CategoryListing, PageError> {
        let list = self.category(slug);
        let page = paging::page(list.len(), page_size, number)?;
        let items = list[page.start..page.end].iter().map(|a| ArticleRef::from(*a)).collect();
        Ok(CategoryListing { slug: slug.to_string(), page, items: Arc::new(items) })
    }
}

/// An article's surroundings, as the index's items: the builder tells
/// from them whether a page must be made again, and copies them only
/// when it must.
#[derive(Debug)]
pub struct Around<'a, T> {
    pub related: Vec<&'a T>,
    pub previous: Option<&'a T>,
    pub next: Option<&'a T>,
    pub original: Option<&'a T>,
    pub interpretations: Vec<&'a T>,
}

impl<T> Default for Around<'_, T> {
    fn default() -> Self {
        Around { related: Vec::new(), previous: None, next: None, original: None, interpretations: Vec::new() }
    }
}

impl<T: Indexed> Around<'_, T> {
    pub fn surroundings(&self) -> Surroundings {
        let one = |item: &T| ArticleRef::from(item.article());
        let refs = |list: &[&T]| list.iter().map(|&item| one(item)).collect();
        Surroundings {
            related: refs(&self.related),
            previous: self.previous.map(one),
            next: self.next.map(one),
            original: self.original.map(one),
            interpretations: refs(&self.interpretations),
        }
    }
}

/// `sorted` positions, nearest to `at` first (the newer of two as near):
/// a walk outwards, where a sort would cost the wasm a sort of its own.
fn nearest_first(sorted: &[usize], at: usize) -> impl Iterator<Item = usize> + '_ {
    let (newer, older) = sorted.split_at(sorted.partition_point(|&i| i < at));
    let (mut newer, mut older) = (newer.iter().rev().peekable(), older.iter().peekable());
    std::iter::from_fn(move || match (newer.peek(), older.peek()) {
        (Some(&&n), Some(&&o)) if o - at < at - n => older.next().copied(),
        (Some(_), _) => newer.next().copied(),
        (None, _) => older.next().copied(),
    })
}

impl FeedIndex<Article> {
    /// The article `id` with `related_count` related articles and its neighbours.
    pub fn view(&self, id: &str, related_count: usize) -> Option<ArticleView> {
        let around = self.surroundings(id, related_count)?;
        Some(ArticleView { article: self.get(id)?.clone(), around })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteConfig {
        SiteConfig::parse(r#"{"name":"s","categories":[{"slug":"a","name":"甲"},{"slug":"b","name":"乙"}]}"#).unwrap()
    }

    fn article(id: &str, category: Option<&str>, tags: &[&str]) -> Article {
        Article {
            id: id.into(),
            category: category.map(str::to_string),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn categories_resolve_by_slug_name_or_tag_and_unknown_ones_are_listed() {
        let index = FeedIndex::new(
            vec![
                article("1", Some("a"), &[]),
                article("2", Some("乙"), &[]),
                article("3", None, &["甲"]),
                article("4", Some("zz"), &[]),
            ],
            &site(),
        );
        assert_eq!(index.get("2").unwrap().category.as_deref(), Some("b"));
        assert_eq!(index.get("3").unwrap().category.as_deref(), Some("a"));
        assert_eq!(index.category("a").iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["1", "3"]);
        assert_eq!(index.unknown_categories(), [("4".to_string(), "zz".to_string())]);
    }

    #[test]
    fn neighbours_are_newer_and_older_within_the_category() {
        let index = FeedIndex::new(
            vec![
                article("n", Some("a"), &[]),
                article("x", Some("b"), &[]),
                article("m", Some("a"), &[]),
                article("o", Some("a"), &[]),
            ],
            &site(),
        );
        let ids = |(p, n): (Option<&Article>, Option<&Article>)| (p.map(|a| a.id.clone()), n.map(|a| a.id.clone()));
        assert_eq!(ids(index.neighbours("n")), (None, Some("m".into())));
        assert_eq!(ids(index.neighbours("m")), (Some("n".into()), Some("o".into())));
        assert_eq!(ids(index.neighbours("o")), (Some("m".into()), None));
        assert_eq!(ids(index.neighbours("x")), (None, None));
    }

    #[test]
    fn headlines_fall_back_to_the_newest() {
        let mut marked = article("2", Some("a"), &[]);
        marked.headline = true;
        let index = FeedIndex::new(vec![article("1", Some("a"), &[]), marked], &site());
        assert_eq!(index.headlines(4).iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["2"]);
        let plain = FeedIndex::new(vec![article("1", None, &[]), article("2", None, &[])], &site());
        assert_eq!(plain.headlines(1).iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["1"]);
    }

    #[test]
    fn a_new_article_changes_no_other_articles_related_reading() {
        let many = |count: usize| -> Vec<Article> {
            (0..count)
                .map(|n| Article {
                    published: Some(n as i64 * 60),
                    ..article(&format!("n{n}"), Some(if n % 3 == 0 { "a" } else { "b" }), &["t"])
                })
                .collect()
        };
        let related = |index: &FeedIndex, id: &str| -> Vec<String> {
            index.related(index.get(id).unwrap(), 6).iter().map(|a| a.id.clone()).collect()
        };
        let before = FeedIndex::new(many(200), &site());
        let after = FeedIndex::new(many(201), &site());
        for n in 0..200 {
            let id = format!("n{n}");
            assert_eq!(related(&before, &id), related(&after, &id), "{id}");
        }
        // Same category and tag first: the newest gets the ones just before it, the oldest those just after.
        assert_eq!(related(&after, "n200")[..2], ["n199".to_string(), "n197".to_string()]);
        assert_eq!(related(&after, "n0")[..2], ["n3".to_string(), "n6".to_string()]);
    }

    #[test]
    fn nearest_first_walks_out_from_the_article() {
        let order: Vec<usize> = nearest_first(&[1, 2, 5, 6, 9], 5).collect();
        assert_eq!(order, [5, 6, 2, 1, 9]);
        assert_eq!(nearest_first(&[3, 4], 0).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(nearest_first(&[3, 4], 9).collect::<Vec<_>>(), [4, 3]);
    }

    #[test]
    fn a_reading_and_its_document_link_each_other_from_one_field() {
        let mut reading = article("j1", Some("a"), &[]);
        reading.policy.interprets = Some("p1".into());
        reading.published = Some(20);
        let mut policy = article("p1", Some("a"), &[]);
        policy.published = Some(10);
        let index = FeedIndex::new(vec![policy, reading, article("x", Some("a"), &[])], &site());
        let of = |id: &str| index.surroundings(id, 6).unwrap();
        assert_eq!(of("j1").original.map(|r| r.id).as_deref(), Some("p1"));
        assert_eq!(of("p1").interpretations.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["j1"]);
        assert_eq!((of("x").original, of("x").interpretations), (None, vec![]));
    }
}
