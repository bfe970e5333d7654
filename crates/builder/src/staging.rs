//! A build writes into a temporary folder next to the output, and the
//! output changes only when all of it succeeded, so a failed build leaves
//! the previous output untouched.
//!
//! A first build writes the whole tree there and renames it into place. A
//! build over an existing tree writes there only the files that changed
//! (`crate::steps::Writer`); once all are written, it commits by writing
//! the list of files to remove (atomically, by rename), then moves the
//! changed files into the output one by one and removes the rest. A build
//! killed before the commit leaves the output as it was and a folder the
//! next build removes; one killed after it leaves a committed folder the
//! next build finishes moving in first. Either way the next build starts
//! from a tree that is wholly the old one or wholly the new one.

use crate::changes::{Changes, Manifest, MANIFEST};
use crate::previous::{Previous, INPUTS, UNREPORTED};
use crate::BuildError;
use std::path::{Path, PathBuf};

/// In a committed folder: the files to remove from the output, one per line.
const COMMIT: &str = ".portal-build-commit";
/// In a committed folder: the change list, moved beside the output last.
const CHANGE_LIST: &str = ".portal-build-changes";

/// This build's temporary folder, `.NAME.building-PID` beside `out`.
pub struct Staging {
    folder: PathBuf,
    out: PathBuf,
}

impl Staging {
    /// A new, empty folder.
    pub fn create(out: &Path) -> Result<Staging, BuildError> {
        let folder = out.with_file_name(format!(".{}.building-{}", out_name(out), std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).map_err(|e| write_failed(out, e))?;
        Ok(Staging { folder, out: out.to_path_buf() })
    }

    /// Where the output is written.
    pub fn root(&self) -> &Path {
        &self.folder
    }

    /// Makes the written files the output, with `written` as its manifest
    /// and `inputs` as its inputs file, and lists what changed beside it
    /// (`NAME.changes.json`).
    pub fn swap_in(self, written: &Manifest, inputs: &Manifest, previous: &Previous) -> Result<Changes, BuildError> {
        let fail = |e| write_failed(&self.out, e);
        std::fs::write(self.folder.join(MANIFEST), written.to_text()).map_err(fail)?;
        std::fs::write(self.folder.join(INPUTS), inputs.to_text()).map_err(fail)?;
        let changes = Changes::between(previous.reported(), written);
        if previous.exists() {
            let all = changes.added.iter().chain(&changes.changed).chain(&changes.removed);
            let unreported = previous.unreported_text(all.cloned());
            let gone =
                previous.files().into_iter().flatten().map(|(path, _)| path).filter(|path| !written.contains(path));
            commit(&self.folder, &changes, &unreported, gone).map_err(fail)?;
            move_in(&self.folder, &self.out, Finishing::ThisBuild).map_err(fail)?;
        } else {
            // Inside the tree, so that the list and the tree it describes arrive together.
            std::fs::write(self.folder.join(CHANGE_LIST), changes.to_json()).map_err(fail)?;
            swap(&self.folder, &self.out).map_err(fail)?;
            std::fs::rename(self.out.join(CHANGE_LIST), change_list(&self.out)).map_err(fail)?;
        }
        Ok(changes)
    }

    /// What `swap_in` would change; then the folder is removed, and the
    /// output and the files beside it stay as they were (`--dry-run`).
    pub fn compare_and_discard(self, written: &Manifest, previous: &Previous) -> Changes {
        self.discard();
        Changes::between(previous.reported(), written)
    }

    /// Removes what a failed build wrote.
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn write_failed(out: &Path, error: std::io::Error) -> BuildError {
    BuildError::io(out, "写入失败", error)
}

/// `NAME.changes.json` beside the output.
fn change_list(out: &Path) -> PathBuf {
    out.with_file_name(format!("{}.changes.json", out_name(out)))
}

/// The point after which the build is finished by whoever comes next:
/// the change list and what it lists as it was before (`unreported`) are
/// written, then the files the new tree does not have (`gone`).
fn commit<'a>(
    folder: &Path,
    changes: &Changes,
    unreported: &str,
    gone: impl Iterator<Item = &'a String>,
) -> std::io::Result<()> {
    std::fs::write(folder.join(CHANGE_LIST), changes.to_json())?;
    std::fs::write(folder.join(UNREPORTED), unreported)?;
    let pending = folder.join(format!("{COMMIT}.pending"));
    std::fs::write(&pending, gone.map(|path| format!("{path}\n")).collect::<String>())?;
    std::fs::rename(pending, folder.join(COMMIT))
}

/// Who finishes a committed build.
#[derive(PartialEq)]
enum Finishing {
    /// The build itself, which gives its change list to the operator.
    ThisBuild,
    /// The next build, which has not: the tree keeps what the killed
    /// build changed (`UNREPORTED`) for the next change list.
    KilledBuild,
}

/// Finishes a committed build: moves each file of `folder` into `out`,
/// removes the files the commit lists, and puts the change list beside
/// `out`. Each step can be done again, so a build killed here is finished
/// by the next.
fn move_in(folder: &Path, out: &Path, finishing: Finishing) -> std::io::Result<()> {
    let removed = std::fs::read_to_string(folder.join(COMMIT))?;
    if folder.join(UNREPORTED).exists() {
        move_file(&folder.join(UNREPORTED), &out.join(UNREPORTED))?;
    }
    // The manifest and inputs file last: they describe the finished tree.
    let last = [Path::new(MANIFEST), Path::new(INPUTS)];
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let relative = path.strip_prefix(folder).expect("under the folder");
            if path.is_dir() {
                pending.push(path);
            } else if !last.contains(&relative) && !matches!(relative.to_str(), Some(COMMIT | CHANGE_LIST)) {
                move_file(&path, &out.join(relative))?;
            }
        }
    }
    for path in removed.lines() {
        remove_file(out, path)?;
    }
    for relative in last {
        if folder.join(relative).exists() {
            move_file(&folder.join(relative), &out.join(relative))?;
        }
    }
    if finishing == Finishing::ThisBuild && out.join(UNREPORTED).exists() {
        std::fs::remove_file(out.join(UNREPORTED))?;
    }
    if folder.join(CHANGE_LIST).exists() {
        std::fs::rename(folder.join(CHANGE_LIST), change_list(out))?;
    }
    std::fs::remove_dir_all(folder)
}

fn move_file(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::rename(from, to)?;
    crate::fault::point();
    Ok(())
}

/// Removes `out/relative` if it is there, and the folders it leaves empty,
/// as a clean build would not have them.
fn remove_file(out: &Path, relative: &str) -> std::io::Result<()> {
    let path = out.join(relative);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => crate::fault::point(),
    }
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|dir| *dir != out) {
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
    Ok(())
}

/// What a build killed part-way left beside `out`: its temporary folder
/// (`.NAME.building-PID`), finished if it was committed and else removed,
/// and the previous tree (`.NAME.old-PID`) if it was killed while
/// swapping, put back if `out` is missing. A running build's are left alone.
pub fn clean_up_after_killed_builds(out: &Path) -> Result<(), BuildError> {
    remove_leftovers(out).map_err(|e| BuildError::io(out, "清理上次中断的构建失败", e))
}

fn remove_leftovers(out: &Path) -> std::io::Result<()> {
    if out.join(CHANGE_LIST).is_file() {
        std::fs::rename(out.join(CHANGE_LIST), change_list(out))?;
    }
    let name = out_name(out);
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let prefix = format!(".{name}.");
    let mut leftovers: Vec<_> = entries.flatten().map(|entry| entry.path()).collect();
    // Committed builds are finished oldest first (by process number, as
    // they cannot be told apart otherwise; one at a time is the rule).
    leftovers.sort();
    for path in leftovers {
        let Some((kind, pid)) = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.split_once('-'))
        else {
            continue;
        };
        if !matches!(kind, "building" | "old") || pid.parse::<u32>().is_err() || running(pid) {
            continue;
        }
        if kind == "building" && path.join(COMMIT).is_file() {
            move_in(&path, out, Finishing::KilledBuild)?;
        } else if kind == "old" && !out.exists() {
            std::fs::rename(&path, out)?;
        } else {
            std::fs::remove_dir_all(&path)?;
        }
    }
    Ok(())
}

/// The output folder's name, for the files kept beside it.
fn out_name(out: &Path) -> &str {
    out.file_name().and_then(|n| n.to_str()).unwrap_or("out")
}

/// Whether process `pid` is this one or another that is running (Linux's
/// /proc says; elsewhere only this one counts).
fn running(pid: &str) -> bool {
    pid == std::process::id().to_string() || Path::new("/proc").join(pid).exists()
}

/// Replaces `out` with `staging`, keeping the old tree until the new one is in place.
fn swap(staging: &Path, out: &Path) -> std::io::Result<()> {
    let old = out.with_file_name(format!(".{}.old-{}", out_name(out), std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old)?;
    }
    std::fs::rename(staging, out)?;
    if had_old {
        std::fs::remove_dir_all(&old)?;
    }
    Ok(())
}
