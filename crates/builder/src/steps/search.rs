//! 站内搜索's files in a tree: the index's shards, the same in every tree
//! (`crate::search`), and the tree's own rows and days, in its script.

use super::Writer;
use crate::search::rows_and_days;
use crate::tree::Tree;
use crate::BuildError;
use portal_core::feed::Article;

/// `shards` are the index's files, by path.
pub fn write(tree: &Tree, shards: &[(String, Vec<u8>)], out: &mut Writer) -> Result<(), BuildError> {
    // An empty archive has no index.
    if tree.archive.search.is_none() {
        return Ok(());
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
