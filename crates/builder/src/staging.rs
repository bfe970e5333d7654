//! Everything is written into a temporary folder next to the output and
//! swapped in only when all of it succeeded, so a failed build leaves the
//! previous output untouched, and a killed one leaves nothing that the
//! next build does not clear away.

use crate::changes::{Changes, Manifest, MANIFEST};
use crate::BuildError;
use std::path::{Path, PathBuf};

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

    /// Puts the written tree in place of the output, with `written` as
    /// its manifest, and lists what changed beside it (`NAME.changes.json`).
    pub fn swap_in(self, written: &Manifest) -> Result<Changes, BuildError> {
        let fail = |e| write_failed(&self.out, e);
        std::fs::write(self.folder.join(MANIFEST), written.to_text()).map_err(fail)?;
        let changes = self.changes(written);
        swap(&self.folder, &self.out).map_err(fail)?;
        let list = self.out.with_file_name(format!("{}.changes.json", out_name(&self.out)));
        std::fs::write(&list, changes.to_json()).map_err(fail)?;
        Ok(changes)
    }

    /// What `swap_in` would change; then the folder is removed, and the
    /// output and the files beside it stay as they were (`--dry-run`).
    pub fn compare_and_discard(self, written: &Manifest) -> Changes {
        let changes = self.changes(written);
        self.discard();
        changes
    }

    /// `written` against the output's manifest.
    fn changes(&self, written: &Manifest) -> Changes {
        Changes::between(Manifest::read(&self.out), written)
    }

    /// Removes what a failed build wrote.
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

fn write_failed(out: &Path, error: std::io::Error) -> BuildError {
    BuildError::io(out, "写入失败", error)
}

/// What a build killed part-way left beside `out`: its temporary folder
/// (`.NAME.building-PID`), and the previous tree (`.NAME.old-PID`) if it was
/// killed while swapping. That tree is put back if `out` is missing; the
/// rest is removed, but not a running build's.
pub fn clean_up_after_killed_builds(out: &Path) -> Result<(), BuildError> {
    remove_leftovers(out).map_err(|e| BuildError::io(out, "清理上次中断的构建失败", e))
}

fn remove_leftovers(out: &Path) -> std::io::Result<()> {
    let name = out_name(out);
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else { return Ok(()) };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some((kind, pid)) =
            file_name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|n| n.split_once('-'))
        else {
            continue;
        };
        if !matches!(kind, "building" | "old") || pid.parse::<u32>().is_err() || running(pid) {
            continue;
        }
        if kind == "old" && !out.exists() {
            std::fs::rename(entry.path(), out)?;
        } else {
            std::fs::remove_dir_all(entry.path())?;
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
