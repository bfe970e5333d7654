//! Each article's JSON file and pre-rendered page, for every tree in one
//! parallel pass: each body is read once (article files again, as memory
//! holds only metadata), indexed for 站内搜索 as written, then converted
//! for each tree.

use super::Writer;
use crate::changes::Manifest;
use crate::input;
use crate::page::{article_page, PageContext};
use crate::progress::Phase;
use crate::search;
use crate::tree::{Script, Tree};
use crate::BuildError;
use portal_core::archive::article_file;
use portal_core::feed::Article;
use portal_core::index::ArticleView;
use portal_core::search::Folding;
use portal_core::search_index::ArchiveIndex;
use portal_core::writer;
use std::path::Path;
use std::sync::Arc;

/// Writes every tree's articles; `trees` starts with the Simplified one.
/// Also returns 站内搜索's index of every article. Counts each article
/// (in every tree) on `rendered`.
pub fn write(
    trees: &[Tree],
    root: &Path,
    threads: usize,
    rendered: &Phase,
) -> Result<(Manifest, ArchiveIndex), Vec<BuildError>> {
    let positions: Vec<usize> = (0..trees[0].plan.items().len()).collect();
    let folding = search::folding();
    let results = crate::in_parallel(&positions, threads, |part| write_part(trees, root, part, &folding, rendered));
    let mut written = Manifest::default();
    let mut index = ArchiveIndex::new(search::info(positions.len()));
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((files, part)) => {
                written.append(files);
                index.merge(part);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok((written, index))
    } else {
        Err(errors)
    }
}

/// The articles at `positions` of the Simplified tree's plan, whose entries
/// say where each body is.
fn write_part(
    trees: &[Tree],
    root: &Path,
    positions: &[usize],
    folding: &Folding,
    rendered: &Phase,
) -> Result<(Manifest, ArchiveIndex), Vec<BuildError>> {
    let simplified = &trees[0];
    let docs = simplified.plan.items().len();
    let mut outs: Vec<Writer> = trees.iter().map(|tree| Writer::new(root, tree.script.folder())).collect();
    let mut index = ArchiveIndex::new(search::info(docs));
    let mut errors = Vec::new();
    for &position in positions {
        let entry = &simplified.plan.items()[position];
        let mut article = match input::full_article(entry, &simplified.site) {
            Ok(article) => article,
            Err(mut e) => {
                errors.append(&mut e);
                continue;
            }
        };
        article.category = entry.article.category.clone();
        search::add(&mut index, search::doc_number(position, docs), &article, &simplified.site, folding);
        // A copy for each tree but the last, which takes the article itself.
        for ((tree, out), mut article) in trees.iter().zip(&mut outs).zip(std::iter::repeat_n(article, trees.len())) {
            tree.script.convert(&mut article);
            if let Err(e) = write_article(tree, out, article) {
                errors.push(e);
            }
        }
        rendered.inc(1);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut written = Manifest::default();
    for out in outs {
        written.append(out.written);
    }
    Ok((written, index))
}

/// `article`, in the tree's script, as its JSON file and, with the app's
/// page, its pre-rendered page.
fn write_article(tree: &Tree, out: &mut Writer, article: Article) -> Result<(), BuildError> {
    let (site, urls) = (&tree.site, &tree.urls);
    let (related, previous, next) = tree.plan.surroundings(&article.id, site.related_count).unwrap_or_default();
    let view = ArticleView { article, related, previous, next };
    out.json(&article_file(&view.article.id), &writer::article_file(site, urls, &view))?;
    let Some(pages) = &tree.pages else { return Ok(()) };
    let category = view.article.category.as_deref().and_then(|slug| site.category(slug));
    let path = urls.page_file(&urls.article(&view.article.id));
    let locale = site.og_locale(matches!(tree.script, Script::Traditional(_)));
    let context = PageContext { site, urls, category, locale };
    let view = Arc::new(view);
    let page = pages.prerender.article(view.clone());
    out.file(&path, article_page(&pages.template, &view.article, &context, &page).as_bytes())
}
