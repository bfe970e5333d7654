//! The builder's steps, one per kind of output, each writing one tree's
//! files (`crate::tree::Tree`) with a `Writer`; `crate::build` runs them in
//! order.

pub mod app;
pub mod articles;
pub mod categories;
pub mod home;
pub mod search;
pub mod sitemaps;
pub mod syndication;

use crate::changes::Manifest;
use crate::BuildError;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Writes into one tree of the output, keeping each file's hash.
pub struct Writer {
    root: PathBuf,
    /// Where `root` is under the output: `""` or `zh-hant/`.
    prefix: String,
    pub written: Manifest,
}

impl Writer {
    /// Into `folder` (`""` or ending in `/`) under the output being written at `root`.
    pub fn new(root: &Path, folder: String) -> Writer {
        Writer { root: root.join(&folder), prefix: folder, written: Manifest::default() }
    }

    /// `relative`, under the tree, with its folders.
    fn put(&mut self, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)?;
        self.written.add(format!("{}{relative}", self.prefix), bytes);
        Ok(())
    }

    pub fn file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.put(relative, bytes).map_err(|e| BuildError::io(relative, "写入失败", e))
    }

    pub fn json(&mut self, relative: &str, value: &Value) -> Result<(), BuildError> {
        self.file(relative, serde_json::to_string(value).expect("JSON values serialize").as_bytes())
    }
}
