//! Every URL of the site is built here: the app's links, the pre-rendered
//! pages', the data files' and those in the sitemaps and syndication files.
//! One encoding rule (`encodeURIComponent`'s, for ids and slugs), one base
//! path (sub-path hosting, `/news/…`, is one setting) and one canonical root
//! for absolute URLs: the site's configured base URL, never the address
//! bar's, so a page shares and reports the same address whichever host
//! name it was opened through.

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

/// The first segment of each route's path: the app's router matches them
/// (`crate::App`'s route table) and `SiteUrls` builds links with them.
pub mod route {
    pub const CATEGORY: &str = "category";
    pub const ARTICLE: &str = "article";
    pub const SITEMAP: &str = "sitemap";
    pub const SEARCH: &str = "search";
}

/// Where an in-site link leads (`SiteUrls::target`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Article(String),
    Category(String, Result<usize, crate::paging::PageError>),
}

/// What an address in an article or in site.json is, as a page of the
/// tree reads it (`SiteUrls::classify`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Href {
    /// A path on this host (fragment dropped): a relative address resolved
    /// against the tree's root, or an absolute one under the canonical root.
    Local(String),
    /// Another site's address, with its origin (`https://host[:port]`).
    External { origin: String, http: bool },
    /// `mailto:`, `tel:`, `data:`, a fragment alone: nothing to resolve.
    Other,
}

/// The same site in the other script (简体/繁體), when portal-build wrote both.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherScript {
    /// Whether that other tree is the Traditional one.
    pub traditional: bool,
    /// Its base path, as `/zh-hant/` or `/`.
    pub root: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct SiteUrls {
    /// `""` at the root, else `/news` (leading slash, no trailing slash).
    base: String,
    /// The canonical absolute URL of the tree's root, ending in `/`, as
    /// `https://example.gov.cn/news/`.
    root: String,
}

impl SiteUrls {
    /// From a base path such as `/`, `/news/` or `news`, and the canonical
    /// absolute URL of that path (a `/` is added if missing).
    pub fn new(base: &str, root: &str) -> SiteUrls {
        let trimmed = base.trim().trim_matches('/');
        let base = if trimmed.is_empty() { String::new() } else { format!("/{trimmed}") };
        SiteUrls { base, root: format!("{}/", root.trim_end_matches('/')) }
    }

    /// The same paths under another canonical root.
    pub fn with_root(&self, root: &str) -> SiteUrls {
        SiteUrls::new(&self.base, root)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// The canonical absolute URL of the tree's root, ending in `/`.
    pub fn root(&self) -> &str {
        &self.root
    }

    pub fn home(&self) -> String {
        format!("{}/", self.base)
    }

    pub fn category(&self, slug: &str, page: usize) -> String {
        let path = format!("{}/{}/{}", self.base, route::CATEGORY, encode_component(slug));
        if page > 1 {
            format!("{path}?page={page}")
        } else {
            path
        }
    }

    pub fn article(&self, id: &str) -> String {
        format!("{}/{}/{}", self.base, route::ARTICLE, encode_component(id))
    }

    /// 网站地图.
    pub fn sitemap(&self) -> String {
        format!("{}/{}", self.base, route::SITEMAP)
    }

    /// 站内搜索's results page (its query follows, see `search::Request::href`).
    pub fn search(&self) -> String {
        format!("{}/{}", self.base, route::SEARCH)
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
        let path = href.strip_prefix(self.base.as_str())?.strip_prefix('/')?;
        let (first, rest) = path.split_once('/')?;
        if first == route::ARTICLE {
            return Some(LinkTarget::Article(decode_component(rest)));
        }
        (first == route::CATEGORY).then_some(())?;
        let (slug, query) = rest.split_once('?').unwrap_or((rest, ""));
        let page = query.split('&').find_map(|pair| pair.strip_prefix("page="));
        Some(LinkTarget::Category(decode_component(slug), crate::paging::parse_page(page)))
    }

    /// A link from site configuration, or an article's attachment: absolute URLs and `mailto:`/`tel:`
    /// stay as they are; anything else is a path inside the site.
    pub fn configured(&self, href: &str) -> String {
        let lower = href.to_ascii_lowercase();
        if ["http:", "https:", "mailto:", "tel:", "//"].iter().any(|p| lower.starts_with(p)) {
            href.to_string()
        } else {
            format!("{}/{}", self.base, href.trim_start_matches('/'))
        }
    }

    /// Where `href`, an address in an article body (relative to the tree's
    /// root, as the pages' `<base href>` makes it) or one from `configured`,
    /// leads.
    pub fn classify(&self, href: &str) -> Href {
        let href = href.trim().split('#').next().unwrap_or_default();
        let lower = href.to_ascii_lowercase();
        if href.is_empty() || ["mailto:", "tel:", "data:"].iter().any(|p| lower.starts_with(p)) {
            return Href::Other;
        }
        let scheme = self.root.split_once("://").map_or("https", |(scheme, _)| scheme);
        let absolute = if href.starts_with("//") { format!("{scheme}:{href}") } else { href.to_string() };
        let Some((scheme, rest)) = absolute
            .split_once("://")
            .filter(|(s, _)| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))
        else {
            return Href::Local(if href.starts_with('/') { href.to_string() } else { format!("{}/{href}", self.base) });
        };
        // Either scheme reaches the canonical host.
        let root = self.root.split_once("://").map_or("", |(_, root)| root);
        if let Some(path) = rest.strip_prefix(root).filter(|_| !root.is_empty()) {
            return Href::Local(format!("{}/{path}", self.base));
        }
        if !root.is_empty() && format!("{rest}/") == root {
            return Href::Local(self.home());
        }
        let host = rest.split(['/', '?']).next().unwrap_or_default();
        let scheme = scheme.to_ascii_lowercase();
        Href::External { origin: format!("{scheme}://{}", host.to_ascii_lowercase()), http: scheme == "http" }
    }

    /// Whether `path` (a path on this host) is one of the tree's fixed
    /// pages: home, 网站地图 or 站内搜索, with any query.
    pub fn is_fixed_page(&self, path: &str) -> bool {
        let page = path.split('?').next().unwrap_or_default();
        page == self.base
            || [self.home(), format!("{}/index.html", self.base), self.sitemap(), self.search()]
                .contains(&page.to_string())
    }

    /// The file a static host serves for `path` (a path on this host),
    /// under the tree's root, decoded, without the query; `None` outside
    /// the tree.
    pub fn tree_file(&self, path: &str) -> Option<String> {
        let rest = path.strip_prefix(self.base.as_str()).filter(|rest| rest.starts_with('/'))?;
        Some(decode_component(rest.split('?').next().unwrap_or_default().trim_start_matches('/')))
    }

    /// The canonical absolute URL of `path`, a path of this site (as the
    /// methods above build it): for share links, QR codes, `og:url`, the
    /// canonical link, 找错, sitemaps and feeds.
    pub fn canonical(&self, path: &str) -> String {
        let rest = path.strip_prefix(self.base.as_str()).unwrap_or(path);
        format!("{}/{}", self.root.trim_end_matches('/'), rest.trim_start_matches('/'))
    }

    /// The absolute URL of `relative`, a file of the tree such as
    /// `feed.json` or `archive::article_file`'s.
    pub fn file(&self, relative: &str) -> String {
        format!("{}{relative}", self.root)
    }

    /// Where the pre-rendered page for `path` (a page path built above) is
    /// written, under the tree's root: `index.html` of its folder, decoded
    /// as a static host decodes the address before it looks for the file.
    pub fn page_file(&self, path: &str) -> String {
        let rest = path.strip_prefix(self.base.as_str()).unwrap_or(path);
        let folder = decode_component(rest.split('?').next().unwrap_or_default().trim_matches('/'));
        if folder.is_empty() {
            "index.html".to_string()
        } else {
            format!("{folder}/index.html")
        }
    }
}

/// Where the RSS and Atom files of the site (`None`) or of a category are,
/// under the tree's root: the site's at the root, a category's beside its
/// part files.
pub fn feed_folder(category: Option<&str>) -> String {
    category.map_or_else(String::new, |slug| format!("feeds/{}/", encode_component(slug)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "https://x.gov.cn/";

    #[test]
    fn root_and_sub_path_hosting() {
        let root = SiteUrls::new("/", ROOT);
        assert_eq!(root.home(), "/");
        assert_eq!(root.article("a1"), "/article/a1");
        assert_eq!(root.category("cyfz", 1), "/category/cyfz");
        assert_eq!(root.category("cyfz", 3), "/category/cyfz?page=3");
        let news = SiteUrls::new("/news/", ROOT);
        assert_eq!(news.base(), "/news");
        assert_eq!(news.home(), "/news/");
        assert_eq!(news.article("a1"), "/news/article/a1");
        assert_eq!(news.sitemap(), "/news/sitemap");
        assert_eq!(SiteUrls::new("news", ROOT).article("a1"), "/news/article/a1");
    }

    #[test]
    fn the_other_script_has_the_same_page() {
        for base in ["/", "/news/"] {
            let simplified = SiteUrls::new(base, ROOT);
            let traditional = SiteUrls::new(&format!("{base}zh-hant/"), ROOT);
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
        let path = SiteUrls::new("", ROOT).article(id);
        let segment = path.strip_prefix("/article/").unwrap();
        assert!(!segment.contains(['/', '?', '#', '&', ' ']));
        assert_eq!(decode_component(segment), id);
    }

    #[test]
    fn links_lead_back_to_what_built_them() {
        for paths in [SiteUrls::new("/", ROOT), SiteUrls::new("/news/", ROOT)] {
            let id = "a/1 中文";
            assert_eq!(paths.target(&paths.article(id)), Some(LinkTarget::Article(id.into())));
            assert_eq!(paths.target(&paths.category("cyfz", 1)), Some(LinkTarget::Category("cyfz".into(), Ok(1))));
            assert_eq!(paths.target(&paths.category("cyfz", 7)), Some(LinkTarget::Category("cyfz".into(), Ok(7))));
            assert_eq!(paths.target(&paths.home()), None);
            assert_eq!(paths.target(&paths.configured("images/logo.svg")), None);
        }
        assert_eq!(SiteUrls::new("/news", ROOT).target("/article/a1"), None, "outside the base");
        assert!(matches!(
            SiteUrls::new("/", ROOT).target("/category/x?page=zz"),
            Some(LinkTarget::Category(_, Err(_)))
        ));
        assert_eq!(SiteUrls::new("/", ROOT).target("https://x.gov.cn/article/a1"), None);
    }

    #[test]
    fn configured_links() {
        let news = SiteUrls::new("/news", ROOT);
        assert_eq!(news.configured("article/about"), "/news/article/about");
        assert_eq!(news.configured("/category/cyfz"), "/news/category/cyfz");
        assert_eq!(news.configured("https://beian.miit.gov.cn/"), "https://beian.miit.gov.cn/");
        assert_eq!(news.configured("mailto:a@b.cn"), "mailto:a@b.cn");
    }

    #[test]
    fn addresses_are_this_tree_another_site_or_nothing_to_resolve() {
        let news = SiteUrls::new("/news/", "https://x.gov.cn/news/");
        let local = |path: &str| Href::Local(path.to_string());
        assert_eq!(news.classify("article/a1#top"), local("/news/article/a1"));
        assert_eq!(news.classify("/images/a.svg"), local("/images/a.svg"), "the host's root, not the tree's");
        assert_eq!(news.classify(&news.configured("/category/cyfz")), local("/news/category/cyfz"));
        assert_eq!(news.classify("https://x.gov.cn/news/category/cyfz?page=2"), local("/news/category/cyfz?page=2"));
        assert_eq!(news.classify("http://x.gov.cn/news/sitemap"), local("/news/sitemap"));
        assert_eq!(news.classify("//x.gov.cn/news"), local("/news/"));
        let external = |origin: &str, http| Href::External { origin: origin.to_string(), http };
        assert_eq!(news.classify("https://x.gov.cn/other/"), external("https://x.gov.cn", false));
        assert_eq!(news.classify("http://IMG.example.cn:8080/a.jpg"), external("http://img.example.cn:8080", true));
        assert_eq!(news.classify("//cdn.example.cn/a.jpg"), external("https://cdn.example.cn", false));
        for other in ["mailto:a@b.cn", "TEL:0595-1", "data:image/png;base64,AA", "#top", " "] {
            assert_eq!(news.classify(other), Href::Other, "{other}");
        }
        let unrooted = SiteUrls::new("/", "");
        assert_eq!(unrooted.classify("https://x.gov.cn/article/a1"), external("https://x.gov.cn", false));
        assert_eq!(unrooted.classify("article/a1"), local("/article/a1"));
    }

    #[test]
    fn fixed_pages_and_files_of_the_tree() {
        let news = SiteUrls::new("/news/", ROOT);
        for page in ["/news", "/news/", "/news/index.html", "/news/sitemap", "/news/search?q=%E5%BC%80"] {
            assert!(news.is_fixed_page(page), "{page}");
        }
        assert!(!news.is_fixed_page("/news/article/a1"));
        assert_eq!(news.tree_file("/news/images/%E5%9B%BE.svg?v=2").as_deref(), Some("images/图.svg"));
        assert_eq!(news.tree_file("/newsroom/a.svg"), None);
        assert_eq!(news.tree_file("/images/a.svg"), None, "outside the tree");
        assert_eq!(SiteUrls::new("/", ROOT).tree_file("/images/a.svg").as_deref(), Some("images/a.svg"));
    }

    #[test]
    fn canonical_urls_come_from_the_configured_root() {
        let news = SiteUrls::new("/news/", "https://www.example.gov.cn/news");
        assert_eq!(news.root(), "https://www.example.gov.cn/news/");
        assert_eq!(news.canonical(&news.article("a 1")), "https://www.example.gov.cn/news/article/a%201");
        assert_eq!(news.canonical(&news.home()), "https://www.example.gov.cn/news/");
        assert_eq!(news.canonical(&news.category("cyfz", 2)), "https://www.example.gov.cn/news/category/cyfz?page=2");
        assert_eq!(news.file("feed.json"), "https://www.example.gov.cn/news/feed.json");
        let mirror = news.with_root("https://mirror.example.cn/news/");
        assert_eq!(mirror.article("a1"), news.article("a1"), "paths do not depend on the root");
        assert_eq!(mirror.canonical(&mirror.article("a1")), "https://mirror.example.cn/news/article/a1");
    }

    #[test]
    fn pages_are_written_where_hosts_look_for_them() {
        for urls in [SiteUrls::new("/", ROOT), SiteUrls::new("/news/", ROOT)] {
            assert_eq!(urls.page_file(&urls.home()), "index.html");
            assert_eq!(urls.page_file(&urls.article("a1")), "article/a1/index.html");
            assert_eq!(urls.page_file(&urls.category("cyfz", 1)), "category/cyfz/index.html");
            assert_eq!(urls.page_file(&urls.sitemap()), "sitemap/index.html");
            assert_eq!(urls.page_file(&urls.article("中文")), "article/中文/index.html");
        }
        assert_eq!(feed_folder(None), "");
        assert_eq!(feed_folder(Some("cyfz")), "feeds/cyfz/");
    }
}
