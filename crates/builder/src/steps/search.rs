//! 站内搜索's files in a tree: the index's shards, the same in every tree
//! (`crate::search`), and the tree's own rows and days, in its script.

use super::Writer;
use crate::search::{self, rows_and_days};
use crate::tree::Tree;
use crate::BuildError;
use portal_core::feed::Article;
use portal_core::search_index::SEALED_FOLDER;

/// What the sealed shards are made from, and whether the previous tree's are kept.
#[derive(Clone, Copy)]
pub struct Sealed {
    pub inputs: u64,
    pub kept: bool,
}

/// `shards` are the index's files, by path; but for the tail's, the
/// previous tree's are carried over where they were made from the same
/// inputs (`sealed`, from `search::sealed_inputs`, and `sealed_kept`).
pub fn write(tree: &Tree, shards: &[(String, Vec<u8>)], sealed: Sealed, out: &mut Writer) -> Result<(), BuildError> {
    // An empty archive has no index.
    if tree.archive.search.is_none() {
        return Ok(());
    }
    out.record(search::SEALED, sealed.inputs);
    if sealed.kept {
        out.keep_folder(SEALED_FOLDER);
    }
    for (path, bytes) in shards {
        out.file(path, bytes)?;
    }
    let articles: Vec<&Article> = tree.plan.items().iter().map(|entry| &entry.article).collect();
    for (path, text) in rows_and_days(&articles, tree.site.offset_minutes()) {
        out.file(&path, text.as_bytes())?;
    }
    Ok(())
}
