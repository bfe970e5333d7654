//! A feed arranged for the pages: look-up by id, each category's list
//! newest first, neighbours within a category.

use crate::feed::Article;
use crate::site::SiteConfig;
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedIndex {
    /// Newest first. `category` holds the configured slug, or `None`.
    articles: Vec<Article>,
    by_id: HashMap<String, usize>,
    by_category: HashMap<String, Vec<usize>>,
}

impl FeedIndex {
    /// `articles` newest first, as `feed::read_feed` returns them.
    pub fn new(mut articles: Vec<Article>, site: &SiteConfig) -> FeedIndex {
        let mut by_id = HashMap::with_capacity(articles.len());
        let mut by_category: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, article) in articles.iter_mut().enumerate() {
            article.category = site.category_of(article).map(|c| c.slug.clone());
            if let Some(slug) = &article.category {
                by_category.entry(slug.clone()).or_default().push(index);
            }
            by_id.entry(article.id.clone()).or_insert(index);
        }
        FeedIndex { articles, by_id, by_category }
    }

    pub fn all(&self) -> &[Article] {
        &self.articles
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
