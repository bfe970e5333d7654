//! `portal-build`: turns a site's articles (a JSON Feed and/or a directory
//! of article files) into the static, sharded tree the app reads lazily and
//! a CDN serves (see `portal_core::archive` for the layout).

pub mod build;
pub mod changes;
pub mod check;
pub mod entry;
pub mod fault;
pub mod generate;
pub mod import;
pub mod input;
pub mod page;
pub mod previous;
pub mod progress;
pub mod search;
pub mod search_check;
pub mod serve;
pub mod staging;
pub mod steps;
pub mod syndication;
pub mod traditional;
pub mod tree;

/// `work` on `items` split into `threads` contiguous parts, each on its own
/// thread; the results in the parts' order.
pub fn in_parallel<T: Sync, R: Send>(items: &[T], threads: usize, work: impl Fn(&[T]) -> R + Sync) -> Vec<R> {
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items.chunks(chunk).map(|part| scope.spawn(move || work(part))).collect();
        workers.into_iter().map(|w| w.join().expect("worker thread")).collect()
    })
}

/// What stops a build: a problem in an input, or an output that could
/// not be written. `file` is the path (as the operator gave it, or under
/// the output) and `detail` the editor-facing message.
#[derive(Debug, Clone, PartialEq)]
pub struct BuildError {
    pub file: String,
    pub detail: String,
}

impl BuildError {
    pub fn new(file: impl AsRef<std::path::Path>, detail: impl Into<String>) -> BuildError {
        BuildError { file: file.as_ref().display().to_string(), detail: detail.into() }
    }

    /// An I/O error on `file` while `doing` (`写入失败`, `无法读取目录`…).
    pub fn io(file: impl AsRef<std::path::Path>, doing: &str, error: std::io::Error) -> BuildError {
        BuildError::new(file, format!("{doing}：{error}"))
    }

    /// One error per detail, all about `file`.
    pub fn each(file: &std::path::Path, details: Vec<String>) -> impl Iterator<Item = BuildError> + '_ {
        details.into_iter().map(move |detail| BuildError::new(file, detail))
    }
}

/// A step that stops at its first error returns it into the build's list with `?`.
impl From<BuildError> for Vec<BuildError> {
    fn from(error: BuildError) -> Vec<BuildError> {
        vec![error]
    }
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.detail)
    }
}
