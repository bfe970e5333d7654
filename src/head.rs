//! Every page's title and description, in the page's script (`crate::ui`):
//! the app's `<PageMeta>` and portal-build's pre-rendered `<head>` both
//! take them from here, so a page keeps its title when the app takes over,
//! in the 繁體 tree as in the Simplified one.

use crate::ui::{t, tf};
use portal_core::feed::{excerpt, Article};
use portal_core::html::text_of;
use portal_core::site::SiteConfig;

/// Characters of an article's text that stand for its description when it
/// has no summary.
const DESCRIPTION_CHARS: usize = 120;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageHead {
    /// The document title: the page's own, then the site's name.
    pub title: String,
    pub description: String,
}

impl PageHead {
    /// `page_title` (none on the home page) followed by the site's name.
    pub fn new(site_name: &str, page_title: &str, description: String) -> PageHead {
        let title = if page_title.is_empty() { site_name.to_string() } else { format!("{page_title} - {site_name}") };
        PageHead { title, description }
    }

    pub fn home(site: &SiteConfig) -> PageHead {
        PageHead::new(&site.name, "", site.description.clone().unwrap_or_else(|| site.name.clone()))
    }

    /// A category's list; `name` is the category's.
    pub fn category(site: &SiteConfig, name: &str) -> PageHead {
        PageHead::new(&site.name, name, tf("{}：{}栏目文章列表", &[&site.name, name]))
    }

    /// The summary, else the start of the text.
    pub fn article(site: &SiteConfig, article: &Article) -> PageHead {
        let description = if article.summary.is_empty() {
            excerpt(&text_of(&article.body), DESCRIPTION_CHARS)
        } else {
            article.summary.clone()
        };
        PageHead::new(&site.name, &article.title, description)
    }

    /// 网站地图.
    pub fn sitemap(site: &SiteConfig) -> PageHead {
        PageHead::new(&site.name, t("网站地图"), tf("{}网站地图：全部栏目及文章数", &[&site.name]))
    }

    /// 站内搜索's results.
    pub fn search(site: &SiteConfig) -> PageHead {
        PageHead::new(&site.name, t("搜索结果"), tf("{}站内搜索", &[&site.name]))
    }

    /// `what` (页面, 栏目 or 文章) does not exist.
    pub fn not_found(site_name: &str, what: &'static str) -> PageHead {
        PageHead::new(site_name, &tf("{}未找到", &[t(what)]), tf("您访问的{}不存在", &[t(what)]))
    }
}
