//! 相关阅读: the editor's picks first, then other articles ranked by what
//! they share with this one (same category counts most, then each shared
//! tag), then nearness in time. Never the article itself, never twice.

use crate::feed::Article;
use crate::index::Indexed;

const SAME_CATEGORY: usize = 2;
const SHARED_TAG: usize = 1;

fn score(article: &Article, other: &Article) -> usize {
    let category = match (&article.category, &other.category) {
        (Some(a), Some(b)) if a == b => SAME_CATEGORY,
        _ => 0,
    };
    category + SHARED_TAG * other.tags.iter().filter(|t| article.tags.contains(t)).count()
}

/// `candidates` in order of preference among equals, nearest in time
/// first (the index passes a pool per article, not the whole archive); `lookup` finds editor's picks by id (they may be outside
/// the candidates).
pub fn related<'a, T: Indexed>(
    article: &Article,
    candidates: impl IntoIterator<Item = &'a T>,
    lookup: impl Fn(&str) -> Option<&'a T>,
    limit: usize,
) -> Vec<&'a T> {
    let articles: Vec<&'a T> = candidates.into_iter().collect();
    let mut chosen: Vec<&'a T> = Vec::with_capacity(limit);
    let take = |candidate: &'a T, chosen: &mut Vec<&'a T>| {
        let id = &candidate.article().id;
        if chosen.len() < limit && *id != article.id && !chosen.iter().any(|c| c.article().id == *id) {
            chosen.push(candidate);
        }
    };
    for id in &article.related {
        if let Some(pick) = lookup(id) {
            take(pick, &mut chosen);
        }
    }
    let mut ranked: Vec<(usize, usize)> = articles
        .iter()
        .enumerate()
        .map(|(i, other)| (score(article, other.article()), i))
        .filter(|(s, _)| *s > 0)
        .collect();
    // Higher score first; within a score, the candidates' order.
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in ranked {
        take(articles[i], &mut chosen);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, category: &str, tags: &[&str]) -> Article {
        Article {
            id: id.into(),
            category: Some(category.into()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Article::default()
        }
    }

    #[test]
    fn ranks_by_category_and_tags_then_recency() {
        let list = vec![
            article("new-other", "b", &[]),
            article("same-cat", "a", &[]),
            article("self", "a", &["x"]),
            article("two-tags", "b", &["x", "y"]),
            article("cat-and-tag", "a", &["x"]),
            article("old-same-cat", "a", &[]),
        ];
        let me = Article { tags: vec!["x".into(), "y".into()], ..list[2].clone() };
        let ids: Vec<&str> = related(&me, &list, |_| None, 10).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["cat-and-tag", "same-cat", "two-tags", "old-same-cat"]);
    }

    #[test]
    fn editor_picks_come_first_without_duplicates_or_self() {
        let list = vec![article("a", "c", &[]), article("b", "c", &[]), article("me", "c", &[])];
        let mut me = list[2].clone();
        me.related = vec!["b".into(), "me".into(), "b".into(), "missing".into()];
        let ids: Vec<&str> =
            related(&me, &list, |id| list.iter().find(|a| a.id == id), 10).iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(related(&me, &list, |_| None, 1).len(), 1);
    }
}
