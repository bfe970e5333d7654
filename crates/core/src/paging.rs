//! Category list pagination: which slice a page shows and which page links
//! the pager offers.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// 1-based.
    pub number: usize,
    pub total_pages: usize,
    /// Item range `start..end` in the full list.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// `?page=` is not a positive whole number.
    Invalid(String),
    OutOfRange {
        requested: usize,
        total_pages: usize,
    },
}

impl PageError {
    /// The message as a template (`crate::fill`) and its values, so that
    /// the app can show it in the page's script.
    pub fn template(&self) -> (&'static str, Vec<String>) {
        match self {
            PageError::Invalid(text) => ("页码 “{}” 无效，页码应为正整数", vec![text.clone()]),
            PageError::OutOfRange { requested, total_pages } => {
                ("第 {} 页不存在，本栏目共 {} 页", vec![requested.to_string(), total_pages.to_string()])
            }
        }
    }
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (template, values) = self.template();
        f.write_str(&crate::fill(template, &values))
    }
}

/// Reads `?page=`; absent means page 1.
pub fn parse_page(param: Option<&str>) -> Result<usize, PageError> {
    match param.map(str::trim) {
        None | Some("") => Ok(1),
        Some(text) => {
            text.parse::<usize>().ok().filter(|n| *n >= 1).ok_or_else(|| PageError::Invalid(text.to_string()))
        }
    }
}

pub fn total_pages(total_items: usize, page_size: usize) -> usize {
    total_items.div_ceil(page_size.max(1)).max(1)
}

/// The page `requested` of a list of `total_items`. An empty list has one
/// (empty) page.
pub fn page(total_items: usize, page_size: usize, requested: usize) -> Result<Page, PageError> {
    let page_size = page_size.max(1);
    let total_pages = total_pages(total_items, page_size);
    if requested == 0 || requested > total_pages {
        return Err(PageError::OutOfRange { requested, total_pages });
    }
    let start = (requested - 1) * page_size;
    Ok(Page { number: requested, total_pages, start, end: (start + page_size).min(total_items) })
}

/// Page numbers for the pager: first, last and a window around the current
/// page, `None` where numbers are skipped.
pub fn pager_numbers(current: usize, total_pages: usize) -> Vec<Option<usize>> {
    let mut numbers = Vec::new();
    for n in 1..=total_pages {
        if n == 1 || n == total_pages || n.abs_diff(current) <= 2 {
            numbers.push(Some(n));
        } else if numbers.last() != Some(&None) {
            numbers.push(None);
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_and_boundaries() {
        assert_eq!(page(45, 20, 1), Ok(Page { number: 1, total_pages: 3, start: 0, end: 20 }));
        assert_eq!(page(45, 20, 3), Ok(Page { number: 3, total_pages: 3, start: 40, end: 45 }));
        assert_eq!(page(45, 20, 4), Err(PageError::OutOfRange { requested: 4, total_pages: 3 }));
        assert_eq!(page(40, 20, 2).unwrap().end, 40);
        assert_eq!(page(40, 20, 3), Err(PageError::OutOfRange { requested: 3, total_pages: 2 }));
        assert_eq!(page(0, 20, 1), Ok(Page { number: 1, total_pages: 1, start: 0, end: 0 }));
        assert!(page(10, 20, 0).is_err());
    }

    #[test]
    fn page_parameter() {
        assert_eq!(parse_page(None), Ok(1));
        assert_eq!(parse_page(Some("2")), Ok(2));
        assert_eq!(parse_page(Some("0")), Err(PageError::Invalid("0".into())));
        assert_eq!(parse_page(Some("-1")), Err(PageError::Invalid("-1".into())));
        assert_eq!(parse_page(Some("abc")), Err(PageError::Invalid("abc".into())));
        assert_eq!(PageError::OutOfRange { requested: 9, total_pages: 3 }.to_string(), "第 9 页不存在，本栏目共 3 页");
    }

    #[test]
    fn pager_window() {
        assert_eq!(pager_numbers(1, 1), vec![Some(1)]);
        assert_eq!(pager_numbers(1, 4), vec![Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            pager_numbers(6, 12),
            vec![Some(1), None, Some(4), Some(5), Some(6), Some(7), Some(8), None, Some(12)]
        );
    }
}
