//! The builder's steps, one per kind of output, each writing one tree's
//! files (`crate::tree::Tree`) with a `Writer`; `crate::build` runs them in
//! order. Over an existing tree, a writer writes only the files whose bytes
//! changed, and carries the others over (`crate::previous`).

pub mod app;
pub mod articles;
pub mod attachments;
pub mod categories;
pub mod home;
pub mod search;
pub mod sitemaps;
pub mod syndication;

use crate::changes::Manifest;
use crate::previous::Previous;
use crate::BuildError;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Writes into one tree of the output, keeping each file's hash.
pub struct Writer<'a> {
    root: PathBuf,
    /// Where `root` is under the output: `""` or `zh-hant/`.
    prefix: String,
    previous: &'a Previous,
    /// Every file of the tree, written or carried over.
    pub written: Manifest,
    /// What the outputs that can be carried over unmade were made from.
    pub inputs: Manifest,
}

impl<'a> Writer<'a> {
    /// Into `folder` (`""` or ending in `/`) under the output being written
    /// at `root`, over the `previous` tree.
    pub fn new(root: &Path, folder: String, previous: &'a Previous) -> Writer<'a> {
        Writer {
            root: root.join(&folder),
            prefix: folder,
            previous,
            written: Manifest::default(),
            inputs: Manifest::default(),
        }
    }

    /// `relative`, under the tree, with its folders, unless the previous
    /// tree has it with the same bytes.
    fn put(&mut self, relative: &str, bytes: &[u8]) -> std::io::Result<()> {
        let key = format!("{}{relative}", self.prefix);
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        if self.previous.hash_of(&key) != Some(hash) {
            let path = self.root.join(relative);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(path, bytes)?;
            crate::fault::point();
        }
        self.written.insert(key, hash);
        Ok(())
    }

    /// Whether the previous tree's outputs recorded under `key` were made
    /// from `inputs` (a fingerprint, `crate::previous::fingerprint`).
    pub fn made_from(&self, key: &str, inputs: u64) -> bool {
        self.previous.input(&format!("{}{key}", self.prefix)) == Some(inputs)
    }

    /// Records what the outputs under `key` are made from, for the next build.
    pub fn record(&mut self, key: &str, inputs: u64) {
        self.inputs.insert(format!("{}{key}", self.prefix), inputs);
    }

    /// Carries the previous tree's `relative` files over unmade, if it had them all.
    pub fn keep(&mut self, relative: &[String]) -> bool {
        let paths: Vec<String> = relative.iter().map(|path| format!("{}{path}", self.prefix)).collect();
        let Some(hashes) = paths.iter().map(|path| self.previous.hash_of(path)).collect::<Option<Vec<u64>>>() else {
            return false;
        };
        paths.into_iter().zip(hashes).for_each(|(path, hash)| self.written.insert(path, hash));
        true
    }

    /// Records that `files` are made from `inputs` (under `key`), and
    /// carries them over unmade if the previous tree's were made from the
    /// same and it had them all: `false` when they must be made.
    pub fn carry_over(&mut self, key: &str, inputs: u64, files: &[String]) -> bool {
        let same = self.made_from(key, inputs);
        self.record(key, inputs);
        same && self.keep(files)
    }

    /// Carries over every file of the previous tree under `folder`.
    pub fn keep_folder(&mut self, folder: &str) {
        let folder = format!("{}{folder}", self.prefix);
        for (path, hash) in self.previous.files_under(&folder) {
            self.written.insert(path.to_string(), hash);
        }
    }

    /// Everything `later` wrote and recorded, after this writer's.
    pub fn append(&mut self, later: Writer) {
        self.written.append(later.written);
        self.inputs.append(later.inputs);
    }

    pub fn file(&mut self, relative: &str, bytes: &[u8]) -> Result<(), BuildError> {
        self.put(relative, bytes).map_err(|e| BuildError::io(relative, "写入失败", e))
    }

    pub fn json(&mut self, relative: &str, value: &Value) -> Result<(), BuildError> {
        self.file(relative, serde_json::to_string(value).expect("JSON values serialize").as_bytes())
    }
}
