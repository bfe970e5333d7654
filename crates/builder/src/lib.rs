//! `portal-build`: turns a site's articles (a JSON Feed and/or a directory
//! of article files) into the static, sharded tree the app reads lazily and
//! a CDN serves (see `portal_core::archive` for the layout).

pub mod build;
pub mod changes;
pub mod check;
pub mod generate;
pub mod import;
pub mod input;
pub mod page;
pub mod search;
pub mod search_check;
pub mod syndication;
pub mod traditional;

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

/// One problem in the input: which file, which item, which field, what.
#[derive(Debug, Clone, PartialEq)]
pub struct InputError {
    pub file: String,
    pub detail: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file, self.detail)
    }
}
