//! Each article's JSON file and pre-rendered page, for every tree in one
//! parallel pass: each body is read once (article files again, as memory
//! holds only metadata), indexed for 站内搜索 as written, then converted
//! for each tree. Over an existing tree, an article whose files were made
//! from the same inputs is not read at all, unless the index needs it.

use super::Writer;
use crate::entry::Entry;
use crate::input;
use crate::page::{article_page, PageContext};
use crate::previous::{fingerprint, Previous};
use crate::progress::Phase;
use crate::search;
use crate::tree::{Script, Tree};
use crate::BuildError;
use portal_core::archive::article_file;
use portal_core::index::{Around, ArticleView};
use portal_core::search::Folding;
use portal_core::search_index::ArchiveIndex;
use portal_core::writer;
use std::path::Path;
use std::sync::Arc;

/// Writes every tree's articles; `trees` starts with the Simplified one.
/// Also returns 站内搜索's index of every article, or, where the sealed
/// shards are carried over (`sealed_kept`), of the tail's. Counts each
/// article (in every tree) on `done`.
pub fn write<'a>(
    trees: &[Tree],
    root: &Path,
    previous: &'a Previous,
    sealed_kept: bool,
    threads: usize,
    done: &Phase,
) -> Result<(Writer<'a>, ArchiveIndex), Vec<BuildError>> {
    let positions: Vec<usize> = (0..trees[0].plan.items().len()).collect();
    let folding = search::folding();
    let info = search::info(positions.len());
    let results = crate::in_parallel(&positions, threads, |part| {
        let index = ArchiveIndex::new(info);
        let pass = Pass { trees, root, previous, folding: &folding, sealed_kept, index, done };
        pass.write(part)
    });
    let mut written = Writer::new(root, String::new(), previous);
    let mut index = ArchiveIndex::new(info);
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok((outs, part)) => {
                outs.into_iter().for_each(|out| written.append(out));
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

/// One thread's share of the articles.
struct Pass<'t, 'a> {
    trees: &'t [Tree<'t>],
    root: &'t Path,
    previous: &'a Previous,
    folding: &'t Folding,
    sealed_kept: bool,
    index: ArchiveIndex,
    done: &'t Phase,
}

impl<'a> Pass<'_, 'a> {
    /// The articles at `positions` of the Simplified tree's plan, whose
    /// entries say where each body is.
    fn write(mut self, positions: &[usize]) -> Result<(Vec<Writer<'a>>, ArchiveIndex), Vec<BuildError>> {
        let mut outs: Vec<Writer> =
            self.trees.iter().map(|tree| Writer::new(self.root, tree.script.folder(), self.previous)).collect();
        let mut errors = Vec::new();
        for &position in positions {
            self.done.inc(1);
            if let Err(mut e) = self.article(position, &mut outs) {
                errors.append(&mut e);
            }
        }
        if errors.is_empty() {
            Ok((outs, self.index))
        } else {
            Err(errors)
        }
    }

    /// The article at `position`, into `outs` (one per tree). It is read
    /// only if one of its files must be made or the search index needs it.
    fn article(&mut self, position: usize, outs: &mut [Writer]) -> Result<(), Vec<BuildError>> {
        let simplified = &self.trees[0];
        let docs = simplified.plan.items().len();
        let entry = &simplified.plan.items()[position];
        let doc = search::doc_number(position, docs);
        let indexed = !self.sealed_kept || doc >= search::info(docs).sealed();
        let mut to_make = Vec::new();
        for (tree, out) in self.trees.iter().zip(outs.iter_mut()) {
            let around = tree.plan.around(&entry.article.id, tree.site.related_count).unwrap_or_default();
            if !kept(tree, out, entry, &around) {
                to_make.push((tree, out, around));
            }
        }
        if !indexed && to_make.is_empty() {
            return Ok(());
        }
        let mut article = input::full_article(entry, &simplified.site)?;
        article.category = entry.article.category.clone();
        if indexed {
            search::add(&mut self.index, doc, &article, &simplified.site, self.folding);
        }
        // A copy for each tree but the last, which takes the article itself.
        let copies = std::iter::repeat_n(article, to_make.len());
        let errors: Vec<BuildError> = to_make
            .into_iter()
            .zip(copies)
            .filter_map(|((tree, out, around), mut article)| {
                tree.script.convert(&mut article);
                write_article(tree, out, ArticleView { article, around: around.surroundings() }).err()
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Whether the article's files in `tree` are carried over from the
/// previous tree: made from the same tree, article and surroundings
/// (which include the 解读 that link to it).
fn kept(tree: &Tree, out: &mut Writer, entry: &Entry, around: &Around<Entry>) -> bool {
    let id = &entry.article.id;
    let key = article_file(id);
    let inputs = fingerprint(&(tree.inputs, entry.source, sources(around)));
    let mut files = vec![key.clone()];
    if tree.pages.is_some() {
        files.push(tree.urls.page_file(&tree.urls.article(id)));
    }
    out.carry_over(&key, inputs, &files)
}

/// What an article's files are made from of its surroundings: each one's
/// source (the tree converts them all alike), in its place.
fn sources(around: &Around<Entry>) -> (Vec<u64>, [Option<u64>; 3], Vec<u64>) {
    let list = |entries: &[&Entry]| entries.iter().map(|entry| entry.source).collect();
    let one = [around.previous, around.next, around.original].map(|entry| entry.map(|entry| entry.source));
    (list(&around.related), one, list(&around.interpretations))
}

/// The article in `view`, in the tree's script, as its JSON file and,
/// with the app's page, its pre-rendered page.
fn write_article(tree: &Tree, out: &mut Writer, view: ArticleView) -> Result<(), BuildError> {
    let (site, urls) = (&tree.site, &tree.urls);
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
