//! Every in-app URL is built here, so sub-path hosting (`/news/…`) is one
//! setting: the base the app was built for.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// `encodeURIComponent`'s set: everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`.
pub const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

pub fn decode_component(text: &str) -> String {
    percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// Where an in-site link leads (`SiteUrls::target`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Article(String),
    Category(String, Result<usize, crate::paging::PageError>),
}

/// The same site in the other script (简体/繁體), when portal-build wrote both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherScript {
    /// Whether that other tree is the Traditional one.
    pub traditional: bool,
    /// Its base path, as `/zh-hant/` or `/`.
    pub root: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SiteUrls {
    /// `""` at the root, else `/news` (leading slash, no trailing slash).
    base: String,
}

impl SiteUrls {
    /// From a base path such as `/`, `/news/` or `news`.
    pub fn new(base: &str) -> SiteUrls {
        let trimmed = base.trim().trim_matches('/');
        SiteUrls { base: if trimmed.is_empty() { String::new() } else { format!("/{trimmed}") } }
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn category(&self, slug: &str, page: usize) -> String {
        let path = format!("{}/category/{}", self.base, encode_component(slug));
        if page > 1 {
            format!("{path}?page={page}")
        } else {
            path
        }
    }

    pub fn article(&self, id: &str) -> String {
        format!("{}/article/{}", self.base, encode_component(id))
    }

    /// 网站地图.
    pub fn sitemap(&self) -> String {
        format!("{}/sitemap", self.base)
    }

    /// 站内搜索's results page (its query follows, see `search::Request::href`).
    pub fn search(&self) -> String {
        format!("{}/search", self.base)
    }

    /// The page at `path` (a path of this site) in the other script's tree.
    pub fn in_other_script(&self, other: &OtherScript, path: &str) -> String {
        let rest = path.strip_prefix(self.base.as_str()).unwrap_or(path);
        format!("{}{}", other.root.trim_end_matches('/'), rest)
    }

    /// What an in-site href built by `article` or `category` points at;
    /// `None` for any other link. The page number is as `paging::parse_page`
    /// reads it.
    pub fn target(&self, href: &str) -> Option<LinkTarget> {
        let path = href.strip_prefix(self.base.as_str())?;
        if let Some(id) = path.strip_prefix("/article/") {
            return Some(LinkTarget::Article(decode_component(id)));
        }
        let rest = path.strip_prefix("/category/")?;
        let (slug, query) = rest.split_once('?').unwrap_or((rest, ""));
        let page = query.split('&').find_map(|pair| pair.strip_prefix("page="));
        Some(LinkTarget::Category(decode_component(slug), crate::paging::parse_page(page)))
    }

    /// A link from site configuration: absolute URLs and `mailto:`/`tel:`
    /// stay as they are; anything else is a path inside the site.
    pub fn configured(&self, href: &str) -> String {
        let lower = href.to_ascii_lowercase();
        if ["http:", "https:", "mailto:", "tel:", "//"].iter().any(|p| lower.starts_with(p)) {
            href.to_string()
        } else {
            format!("{}/{}", self.base, href.trim_start_matches('/'))
        }
    }

    /// The absolute URL of a path on this site.
    pub fn absolute(origin: &str, path: &str) -> String {
        format!("{}{}", origin.trim_end_matches('/'), path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_and_sub_path_hosting() {
        let root = SiteUrls::new("/");
        assert_eq!(root.home(), "/");
        assert_eq!(root.article("a1"), "/article/a1");
        assert_eq!(root.category("cyfz", 1), "/category/cyfz");
        assert_eq!(root.category("cyfz", 3), "/category/cyfz?page=3");
        let news = SiteUrls::new("/news/");
        assert_eq!(news.base(), "/news");
        assert_eq!(news.home(), "/news/");
        assert_eq!(news.article("a1"), "/news/article/a1");
        assert_eq!(news.sitemap(), "/news/sitemap");
        assert_eq!(SiteUrls::new("news").article("a1"), "/news/article/a1");
    }

    #[test]
    fn the_other_script_has_the_same_page() {
        for base in ["/", "/news/"] {
            let simplified = SiteUrls::new(base);
            let traditional = SiteUrls::new(&format!("{base}zh-hant/"));
            let to_traditional = OtherScript { traditional: true, root: format!("{base}zh-hant/") };
            let to_simplified = OtherScript { traditional: false, root: base.to_string() };
            for (plain, converted) in [
                (simplified.home(), traditional.home()),
                (simplified.article("a 1"), traditional.article("a 1")),
                (simplified.category("cyfz", 1), traditional.category("cyfz", 1)),
                (simplified.sitemap(), traditional.sitemap()),
            ] {
                assert_eq!(simplified.in_other_script(&to_traditional, &plain), converted);
                assert_eq!(traditional.in_other_script(&to_simplified, &converted), plain);
            }
        }
    }

    #[test]
    fn ids_are_one_path_segment_and_decode_back() {
        let id = "https://example.com/posts/1?x=a&b#c 中文%";
        let path = SiteUrls::new("").article(id);
        let segment = path.strip_prefix("/article/").unwrap();
        assert!(!segment.contains(['/', '?', '#', '&', ' ']));
        assert_eq!(decode_component(segment), id);
    }

    #[test]
    fn links_lead_back_to_what_built_them() {
        for paths in [SiteUrls::new("/"), SiteUrls::new("/news/")] {
            let id = "a/1 中文";
            assert_eq!(paths.target(&paths.article(id)), Some(LinkTarget::Article(id.into())));
            assert_eq!(paths.target(&paths.category("cyfz", 1)), Some(LinkTarget::Category("cyfz".into(), Ok(1))));
            assert_eq!(paths.target(&paths.category("cyfz", 7)), Some(LinkTarget::Category("cyfz".into(), Ok(7))));
            assert_eq!(paths.target(&paths.home()), None);
            assert_eq!(paths.target(&paths.configured("images/logo.svg")), None);
        }
        assert_eq!(SiteUrls::new("/news").target("/article/a1"), None, "outside the base");
        assert!(matches!(SiteUrls::new("/").target("/category/x?page=zz"), Some(LinkTarget::Category(_, Err(_)))));
        assert_eq!(SiteUrls::new("/").target("https://x.gov.cn/article/a1"), None);
    }

    #[test]
    fn configured_links() {
        let news = SiteUrls::new("/news");
        assert_eq!(news.configured("article/about"), "/news/article/about");
        assert_eq!(news.configured("/category/cyfz"), "/news/category/cyfz");
        assert_eq!(news.configured("https://beian.miit.gov.cn/"), "https://beian.miit.gov.cn/");
        assert_eq!(news.configured("mailto:a@b.cn"), "mailto:a@b.cn");
        assert_eq!(SiteUrls::absolute("https://x.gov.cn/", "/news/article/1"), "https://x.gov.cn/news/article/1");
    }
}
