//! The change list: the files a build added, changed and removed compared
//! with the tree it replaces, so that an operator uploads and purges only
//! those. Every file's content hash goes into a manifest in the tree, so
//! the next build compares without reading the old tree back.

use serde_json::json;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use xxhash_rust::xxh3::xxh3_64;

/// The manifest's name in the tree. It lists itself nowhere, so a change
/// list never asks for it to be uploaded.
pub const MANIFEST: &str = ".portal-build-manifest";

/// The files written, by path under the output, with their content hash;
/// a file written twice has the hash of what was written last.
#[derive(Debug, Default)]
pub struct Manifest(HashMap<String, u64>);

impl Manifest {
    pub fn add(&mut self, path: String, bytes: &[u8]) {
        self.insert(path, xxh3_64(bytes));
    }

    /// A file whose hash is known: one carried over from the previous tree.
    pub fn insert(&mut self, path: String, hash: u64) {
        self.0.insert(path, hash);
    }

    pub fn contains(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// `later`'s files, written after this manifest's.
    pub fn append(&mut self, later: Manifest) {
        if self.0.len() < later.0.len() {
            // Into the larger map: a build appends 100,000 articles' files at once.
            let earlier = std::mem::replace(&mut self.0, later.0);
            for (path, hash) in earlier {
                self.0.entry(path).or_insert(hash);
            }
        } else {
            self.0.extend(later.0);
        }
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// One line per file, `hash path`, sorted by path: the same files give
    /// the same bytes.
    pub fn to_text(&self) -> String {
        let mut files: Vec<(&String, &u64)> = self.0.iter().collect();
        files.sort_unstable();
        let mut text = String::with_capacity(files.len() * 64);
        for (path, hash) in files {
            writeln!(text, "{hash:016x} {path}").expect("writing to a string cannot fail");
        }
        text
    }

    /// A manifest written by `to_text` (the tree's, or its inputs file), if there is one.
    pub fn read_file(file: &Path) -> Option<HashMap<String, u64>> {
        let text = std::fs::read_to_string(file).ok()?;
        text.lines()
            .map(|line| {
                let (hash, path) = line.split_once(' ')?;
                Some((path.to_string(), u64::from_str_radix(hash, 16).ok()?))
            })
            .collect()
    }
}

/// What changed, each list sorted.
#[derive(Debug, Default, PartialEq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    /// Whether the replaced tree had a manifest. Without one, every file is
    /// listed as added (upload all) and nothing as removed.
    pub compared: bool,
}

impl Changes {
    /// `new` against the replaced tree's manifest, if there was one.
    pub fn between(old: Option<&HashMap<String, u64>>, new: &Manifest) -> Changes {
        let empty = HashMap::new();
        let before = old.unwrap_or(&empty);
        let mut changes = Changes { compared: old.is_some(), ..Changes::default() };
        for (path, hash) in &new.0 {
            match before.get(path) {
                None => changes.added.push(path.clone()),
                Some(was) if was != hash => changes.changed.push(path.clone()),
                Some(_) => {}
            }
        }
        changes.removed = before.keys().filter(|path| !new.contains(path)).cloned().collect();
        for list in [&mut changes.added, &mut changes.changed, &mut changes.removed] {
            list.sort_unstable();
        }
        changes
    }

    pub fn to_json(&self) -> String {
        let value = json!({
            "compared_with_previous": self.compared,
            "added": self.added,
            "changed": self.changed,
            "removed": self.removed,
        });
        serde_json::to_string_pretty(&value).expect("JSON values serialize") + "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_and_removed_are_told_apart() {
        let mut before = Manifest::default();
        before.add("a.json".into(), b"1");
        before.add("b.json".into(), b"2");
        before.add("c.json".into(), b"3");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(MANIFEST), before.to_text()).unwrap();
        let mut after = Manifest::default();
        after.add("b.json".into(), b"2");
        after.add("d.json".into(), b"4");
        after.add("b.json".into(), b"2 edited");
        after.add("a.json".into(), b"1");
        let changes = Changes::between(Manifest::read_file(&dir.path().join(MANIFEST)).as_ref(), &after);
        assert_eq!(
            changes,
            Changes {
                added: vec!["d.json".into()],
                changed: vec!["b.json".into()],
                removed: vec!["c.json".into()],
                compared: true
            }
        );
        let first = Changes::between(None, &after);
        assert_eq!((first.added.len(), first.removed.len(), first.compared), (3, 0, false));
    }
}
