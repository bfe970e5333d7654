//! The articles' local attachments (附件), copied into the tree under
//! their paths, so that the 附件 lists' links download them.

use super::Writer;
use crate::entry::attachment_path;
use crate::input::attachment_folder;
use crate::tree::Tree;
use crate::BuildError;

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    for entry in tree.plan.items() {
        let folder = attachment_folder(entry.origin.file());
        let local = entry.article.policy.attachments.iter().filter(|a| a.is_local());
        // Every local attachment's path was checked as the article was read.
        for path in local.filter_map(|attachment| attachment_path(&attachment.href)) {
            let source = folder.join(path);
            let bytes = std::fs::read(&source).map_err(|e| BuildError::io(&source, "无法读取附件", e))?;
            out.file(path, &bytes)?;
        }
    }
    Ok(())
}
