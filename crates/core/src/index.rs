//! A feed arranged for the pages: look-up by id, each category's list
//! newest first, neighbours within a category.

use crate::feed::Article;
use crate::site::SiteConfig;
use std::collections::HashMap;

/// How many headlines (要闻) the home page shows.
pub const HEADLINES: usize = 4;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedIndex {
    /// Newest first. `category` holds the configured slug, or `None`.
    articles: Vec<Article>,
    by_id: HashMap<String, usize>,
    by_category: HashMap<String, Vec<usize>>,
    /// (article id, category as written) for categories the site lacks.
    unknown_categories: Vec<(String, String)>,
}

impl FeedIndex {
    /// `articles` newest first, as `feed::read_feed` returns them.
    pub fn new(mut articles: Vec<Article>, site: &SiteConfig) -> FeedIndex {
        let mut by_id = HashMap::with_capacity(articles.len());
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        let mut unknown_categories = Vec::new();
        for (index, article) in articles.iter_mut().enumerate() {
            let resolved = site.category_of(article).map(|c| c.slug.clone());
            if let (None, Some(written)) = (&resolved, &article.category) {
                unknown_categories.push((article.id.clone(), written.clone()));
            }
            article.category = resolved;
            if let Some(slug) = &article.category {
                by_category.entry(slug.clone()).or_default().push(index);
            }
            by_id.entry(article.id.clone()).or_insert(index);
        }
        FeedIndex { articles, by_id, by_category, unknown_categories }
    }

    /// Articles whose `_portal.category` names no configured category.
    pub fn unknown_categories(&self) -> &[(String, String)] {
        &self.unknown_categories
    }

    pub fn get(&self, id: &str) -> Option<&Article> {
        self.by_id.get(id).map(|&i| &self.articles[i])
    }

    pub fn category(&self, slug: &str) -> Vec<&Article> {
        self.by_category.get(slug).map(|list| list.iter().map(|&i| &self.articles[i]).collect()).unwrap_or_default()
    }

    /// Top stories: those marked `headline`, else the newest.
    pub fn headlines(&self, count: usize) -> Vec<&Article> {
        let marked: Vec<&Article> = self.articles.iter().filter(|a| a.headline).take(count).collect();
        if marked.is_empty() { self.articles.iter().take(count).collect() } else { marked }
    }

    /// (上一篇, 下一篇): the newer and the older neighbour in the article's
    /// category list.
    pub fn neighbours(&self, id: &str) -> (Option<&Article>, Option<&Article>) {
        let Some(&index) = self.by_id.get(id) else { return (None, None) };
        let Some(list) = self.articles[index].category.as_ref().and_then(|slug| self.by_category.get(slug)) else { return (None, None) };
        let Some(position) = list.iter().position(|&i| i == index) else { return (None, None) };
        let newer = position.checked_sub(1).map(|p| &self.articles[list[p]]);
        let older = list.get(position + 1).map(|&i| &self.articles[i]);
        (newer, older)
    }

    pub fn related(&self, article: &Article, limit: usize) -> Vec<&Article> {
        crate::related::related(article, &self.articles, |id| self.get(id), limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteConfig {
        SiteConfig::parse(r#"{"name":"s","categories":[{"slug":"a","name":"甲"},{"slug":"b","name":"乙"}]}"#).unwrap()
    }

    fn article(id: &str, category: Option<&str>, tags: &[&str]) -> Article {
        Article { id: id.into(), category: category.map(str::to_string), tags: tags.iter().map(|t| t.to_string()).collect(), ..Article::default() }
    }

    #[test]
    fn categories_resolve_by_slug_name_or_tag_and_unknown_ones_are_listed() {
        let index = FeedIndex::new(vec![article("1", Some("a"), &[]), article("2", Some("乙"), &[]), article("3", None, &["甲"]), article("4", Some("zz"), &[])], &site());
        assert_eq!(index.get("2").unwrap().category.as_deref(), Some("b"));
        assert_eq!(index.get("3").unwrap().category.as_deref(), Some("a"));
        assert_eq!(index.category("a").iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), ["1", "3"]);
        assert_eq!(index.unknown_categories(), [("4".to_string(), "zz".to_string())]);
    }

    #[test]
    fn neighbours_are_newer_and_older_within_the_category() {
        let index = FeedIndex::new(vec![article("n", Some("a"), &[]), article("x", Some("b"), &[]), article("m", Some("a"), &[]), article("o", Some("a"), &[])], &site());
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
}
