//! What a build keeps of the tree it replaces, so that a publish into a
//! large archive makes and writes only what it changes. The tree's
//! manifest (`crate::changes`) has every file's content hash; beside it,
//! the inputs file has a fingerprint of what each article's files, each
//! category part and the sealed search shards were made from. An output
//! whose fingerprint is unchanged is carried over without being made
//! again; every other output is made, and written only where its bytes
//! differ from the file's.

use crate::changes::{Manifest, MANIFEST};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::OnceLock;
use xxhash_rust::xxh3::Xxh3;

/// The inputs file's name in the tree; like the manifest, it lists itself nowhere.
pub const INPUTS: &str = ".portal-build-inputs";
/// In a tree that a killed build's successor finished (`crate::staging`):
/// the files that build changed, as they were in the last tree a change
/// list was given for (`- path` for one it added), so that the next
/// change list still lists them.
pub const UNREPORTED: &str = ".portal-build-unreported";

/// The tree being replaced, as its manifest and inputs file describe it.
#[derive(Debug, Default)]
pub struct Previous {
    /// Its files and their hashes; `None` if it had no manifest (no tree,
    /// or one this tool did not write), and then every file is written.
    files: Option<HashMap<String, u64>>,
    /// The files as the last change list left them, where they differ.
    reported: Option<HashMap<String, u64>>,
    inputs: HashMap<String, u64>,
}

impl Previous {
    /// The tree at `out`; nothing if it has no manifest.
    pub fn read(out: &Path) -> Previous {
        let files = Manifest::read_file(&out.join(MANIFEST));
        let inputs = files.as_ref().and_then(|_| Manifest::read_file(&out.join(INPUTS))).unwrap_or_default();
        let reported = files.as_ref().and_then(|files| unreported(files, &out.join(UNREPORTED)));
        Previous { files, reported, inputs }
    }

    /// Whether there is a tree to build over (else the output is written whole).
    pub fn exists(&self) -> bool {
        self.files.is_some()
    }

    /// Its files and their hashes.
    pub fn files(&self) -> Option<&HashMap<String, u64>> {
        self.files.as_ref()
    }

    /// The files as the last change list left them, to compare with.
    pub fn reported(&self) -> Option<&HashMap<String, u64>> {
        self.reported.as_ref().or(self.files.as_ref())
    }

    /// `changed`'s paths as `reported` has them, in the `UNREPORTED` file's form.
    pub fn unreported_text(&self, changed: impl Iterator<Item = String>) -> String {
        let reported = self.reported();
        changed
            .map(|path| match reported.and_then(|files| files.get(&path)) {
                Some(hash) => format!("{hash:016x} {path}\n"),
                None => format!("- {path}\n"),
            })
            .collect()
    }

    /// The content hash of its file at `path` (under the output), if it has one.
    pub fn hash_of(&self, path: &str) -> Option<u64> {
        self.files.as_ref()?.get(path).copied()
    }

    /// Its files under `folder` (ending in `/`), with their hashes.
    pub fn files_under<'a>(&'a self, folder: &'a str) -> impl Iterator<Item = (&'a str, u64)> + 'a {
        self.files.iter().flatten().filter(move |(path, _)| path.starts_with(folder)).map(|(p, h)| (p.as_str(), *h))
    }

    /// The fingerprint it recorded under `key`.
    pub fn input(&self, key: &str) -> Option<u64> {
        self.inputs.get(key).copied()
    }
}

/// `files` as they were before the changes `file` lists, if there is one.
fn unreported(files: &HashMap<String, u64>, file: &Path) -> Option<HashMap<String, u64>> {
    let text = std::fs::read_to_string(file).ok()?;
    let mut before = files.clone();
    for line in text.lines() {
        let (hash, path) = line.split_once(' ')?;
        match u64::from_str_radix(hash, 16) {
            Ok(hash) => before.insert(path.to_string(), hash),
            Err(_) => before.remove(path),
        };
    }
    Some(before)
}

/// A fingerprint of `value` (a tuple of everything an output is made
/// from), with this build of the builder: a new version of the tool makes
/// everything again.
pub fn fingerprint(value: &impl Hash) -> u64 {
    let mut hasher = Fingerprint(Xxh3::new());
    builder_identity().hash(&mut hasher);
    value.hash(&mut hasher);
    hasher.0.digest()
}

/// A 64-bit hash that is the same in every run (std's is seeded per process).
struct Fingerprint(Xxh3);

impl Hasher for Fingerprint {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// This builder's executable, hashed once: its code and its tables
/// (conversion, folding) make the outputs, whatever its version number says.
fn builder_identity() -> u64 {
    static IDENTITY: OnceLock<u64> = OnceLock::new();
    *IDENTITY.get_or_init(|| {
        std::env::current_exe()
            .and_then(std::fs::read)
            .map(|bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
            .unwrap_or_else(|_| xxhash_rust::xxh3::xxh3_64(env!("CARGO_PKG_VERSION").as_bytes()))
    })
}
