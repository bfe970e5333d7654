//! `portal-build`: turns a site's articles (a JSON Feed and/or a directory
//! of article files) into the static, sharded tree the app reads lazily and
//! a CDN serves (see `portal_core::archive` for the layout).

pub mod build;
pub mod generate;
pub mod input;
pub mod page;

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
