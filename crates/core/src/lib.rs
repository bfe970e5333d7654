//! The portal's pure logic. Nothing here touches the browser, so the app,
//! the feed tools and the native tests all share one model.

pub mod archive;
pub mod date;
pub mod feed;
pub mod html;
pub mod index;
pub mod inspection;
pub mod paging;
pub mod policy;
pub mod related;
pub mod search;
pub mod search_index;
pub mod search_pages;
pub mod share;
pub mod site;
pub mod speech;
pub mod urls;
pub mod writer;

/// `template` with each `{}` replaced by the next of `values`: messages
/// kept as templates, so the app can show them in either script.
pub fn fill<S: AsRef<str>>(template: &str, values: &[S]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut values = values.iter();
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or_default());
    for part in parts {
        out.push_str(values.next().map_or("", AsRef::as_ref));
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn templates_fill_in_order() {
        assert_eq!(super::fill("第 {} 页，共 {} 页", &["2", "9"]), "第 2 页，共 9 页");
        assert_eq!(super::fill("{}首页", &["站"]), "站首页");
        assert_eq!(super::fill("无", &["x"]), "无");
        assert_eq!(super::fill("{} 与 {}", &["一"]), "一 与 ");
    }
}
