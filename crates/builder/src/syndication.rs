//! RSS 2.0 and Atom beside the JSON Feed: the newest articles of the site
//! and of each 栏目, for feed readers and for other sites that republish.
//! Deterministic: no build time, the newest article's date instead.

use portal_core::date;
use portal_core::feed::Article;
use portal_core::html::escape;
use portal_core::urls::encode_component;
use portal_core::site::{Category, SiteConfig};

/// How many of the newest articles each feed carries.
pub const NEWEST: usize = 20;

/// Where the feed of the site (`None`) or of a category is, under the
/// tree's root: the site's at the root, a category's beside its page files.
pub fn folder(category: Option<&Category>) -> String {
    category.map_or_else(String::new, |c| format!("feeds/{}/", c.slug))
}

/// The title of the feed of the site (`None`) or of a category.
pub fn title(site: &SiteConfig, category: Option<&Category>) -> String {
    category.map_or_else(|| site.name.clone(), |c| format!("{} - {}", c.name, site.name))
}

/// One feed: the site's, or a category's.
pub struct Channel<'a> {
    site: &'a SiteConfig,
    /// Absolute URL of the site root, ending in `/`.
    base: &'a str,
    title: String,
    /// Where the feed's files are, under the root.
    pub folder: String,
    /// The page the feed stands for: the home page or the category's.
    page: String,
}

impl<'a> Channel<'a> {
    /// The feed of the site (`None`) or of `category`.
    pub fn new(site: &'a SiteConfig, base: &'a str, category: Option<&Category>) -> Channel<'a> {
        let page = category.map_or_else(|| base.to_string(), |c| format!("{base}category/{}", c.slug));
        Channel { site, base, title: title(site, category), folder: folder(category), page }
    }

    fn link(&self, article: &Article) -> String {
        format!("{}article/{}", self.base, encode_component(&article.id))
    }

    fn category_name(&self, article: &Article) -> Option<&str> {
        article.category.as_deref().and_then(|slug| self.site.category(slug)).map(|c| c.name.as_str())
    }

    /// RSS 2.0, newest first.
    pub fn rss(&self, articles: &[&Article]) -> String {
        let offset = self.site.offset_minutes();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
        xml.push_str(&format!("<title>{}</title>\n<link>{}</link>\n", escape(&self.title), escape(&self.page)));
        let description = self.site.description.as_deref().unwrap_or(&self.site.name);
        xml.push_str(&format!("<description>{}</description>\n<language>zh-CN</language>\n", escape(description)));
        xml.push_str(&format!(
            "<atom:link href=\"{}{}rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n",
            self.base, self.folder
        ));
        if let Some(at) = articles.first().and_then(|a| a.published) {
            xml.push_str(&format!("<lastBuildDate>{}</lastBuildDate>\n", date::format_rfc2822(at, offset)));
        }
        for article in articles {
            let link = self.link(article);
            xml.push_str(&format!("<item>\n<title>{}</title>\n<link>{link}</link>\n", escape(&article.title)));
            xml.push_str(&format!("<guid isPermaLink=\"true\">{link}</guid>\n"));
            if let Some(at) = article.published {
                xml.push_str(&format!("<pubDate>{}</pubDate>\n", date::format_rfc2822(at, offset)));
            }
            if !article.summary.is_empty() {
                xml.push_str(&format!("<description>{}</description>\n", escape(&article.summary)));
            }
            if let Some(name) = self.category_name(article) {
                xml.push_str(&format!("<category>{}</category>\n", escape(name)));
            }
            for author in &article.authors {
                xml.push_str(&format!("<dc:creator>{}</dc:creator>\n", escape(author)));
            }
            xml.push_str("</item>\n");
        }
        xml.push_str("</channel>\n</rss>\n");
        xml
    }

    /// Atom 1.0, newest first. An article without a date is dated as the
    /// feed is (Atom requires one).
    pub fn atom(&self, articles: &[&Article]) -> String {
        let offset = self.site.offset_minutes();
        let updated = articles.iter().find_map(|a| a.published).unwrap_or(0);
        let stamp = |at: Option<date::Timestamp>| date::format_rfc3339(at.unwrap_or(updated), offset);
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
        xml.push_str(&format!("<id>{}</id>\n<title>{}</title>\n", escape(&self.page), escape(&self.title)));
        xml.push_str(&format!("<updated>{}</updated>\n", stamp(None)));
        xml.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n", escape(&self.page)));
        xml.push_str(&format!("<link rel=\"self\" href=\"{}{}atom.xml\"/>\n", self.base, self.folder));
        xml.push_str(&format!("<author><name>{}</name></author>\n", escape(&self.site.name)));
        for article in articles {
            let link = self.link(article);
            xml.push_str(&format!("<entry>\n<id>{link}</id>\n<title>{}</title>\n", escape(&article.title)));
            xml.push_str(&format!("<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/>\n"));
            xml.push_str(&format!("<updated>{}</updated>\n", stamp(article.published)));
            if let Some(at) = article.published {
                xml.push_str(&format!("<published>{}</published>\n", date::format_rfc3339(at, offset)));
            }
            if !article.summary.is_empty() {
                xml.push_str(&format!("<summary>{}</summary>\n", escape(&article.summary)));
            }
            if let (Some(slug), Some(name)) = (article.category.as_deref(), self.category_name(article)) {
                xml.push_str(&format!("<category term=\"{}\" label=\"{}\"/>\n", escape(slug), escape(name)));
            }
            for author in &article.authors {
                xml.push_str(&format!("<author><name>{}</name></author>\n", escape(author)));
            }
            xml.push_str("</entry>\n");
        }
        xml.push_str("</feed>\n");
        xml
    }
}
