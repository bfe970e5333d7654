//! Site identity and layout, read from `site.json` (docs/site-config.md).
//! Everything a second site would change lives here, not in code.

use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    pub name: String,
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// The feed the app reads, relative to the site root.
    #[serde(default = "default_feed")]
    pub feed: String,
    /// Site time zone as `+08:00`.
    #[serde(default = "default_timezone")]
    pub timezone: String,
    /// Navigation categories, in menu order.
    pub categories: Vec<Category>,
    /// Category slugs shown as side blocks on article pages.
    #[serde(default)]
    pub side_blocks: Vec<String>,
    #[serde(default = "default_page_size")]
    pub page_size: usize,
    #[serde(default = "default_block_size")]
    pub block_size: usize,
    #[serde(default = "default_related_count")]
    pub related_count: usize,
    /// 免责声明, one paragraph per entry.
    #[serde(default)]
    pub disclaimer: Vec<String>,
    #[serde(default)]
    pub share: Vec<String>,
    #[serde(default)]
    pub footer: Footer,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Footer {
    #[serde(default)]
    pub links: Vec<Link>,
    pub icp: Option<Link>,
    pub police_filing: Option<Link>,
    pub site_code: Option<String>,
    pub organizer: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(default)]
    pub hotlines: Vec<Contact>,
    #[serde(default)]
    pub mailboxes: Vec<Contact>,
    pub copyright: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub text: String,
    #[serde(default)]
    pub href: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub label: String,
    pub value: String,
}

fn default_feed() -> String {
    "feed.json".into()
}
fn default_timezone() -> String {
    "+08:00".into()
}
fn default_page_size() -> usize {
    20
}
fn default_block_size() -> usize {
    6
}
fn default_related_count() -> usize {
    6
}

impl SiteConfig {
    /// Reads `site.json`; the error names the line, column and field.
    pub fn parse(text: &str) -> Result<SiteConfig, String> {
        let config: SiteConfig = serde_json::from_str(text).map_err(|e| {
            // serde_json's message ends with its own " at line L column C".
            let message = e.to_string();
            let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(reason, _)| reason).to_string();
            format!("站点配置 site.json 有误（第 {} 行第 {} 列）：{reason}", e.line(), e.column())
        })?;
        if crate::date::parse_offset(&config.timezone).is_none() {
            return Err(format!("站点配置 site.json 的 timezone “{}” 应形如 +08:00", config.timezone));
        }
        if config.page_size == 0 {
            return Err("站点配置 site.json 的 page_size 应大于 0".into());
        }
        Ok(config)
    }

    pub fn offset_minutes(&self) -> i32 {
        crate::date::parse_offset(&self.timezone).unwrap_or(480)
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// The configured category an article belongs to: its `_portal.category`
    /// as slug or name, else the first tag naming a category.
    pub fn category_of(&self, article: &crate::feed::Article) -> Option<&Category> {
        let by_key = |key: &str| self.categories.iter().find(|c| c.slug == key || c.name == key);
        article.category.as_deref().and_then(by_key).or_else(|| article.tags.iter().find_map(|t| by_key(t)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_config_gets_defaults() {
        let config = SiteConfig::parse(r#"{"name":"示例","categories":[{"slug":"news","name":"新闻"}]}"#).unwrap();
        assert_eq!(config.feed, "feed.json");
        assert_eq!(config.offset_minutes(), 480);
        assert_eq!(config.page_size, 20);
        assert!(config.footer.icp.is_none());
    }

    #[test]
    fn mistakes_are_named() {
        let err = SiteConfig::parse(r#"{"name":"示例","categories":[],"fotter":{}}"#).unwrap_err();
        assert!(err.contains("fotter"), "{err}");
        assert!(!err.contains(" at line "), "position said twice: {err}");
        let err = SiteConfig::parse(r#"{"name":"示例","categories":[],"timezone":"Beijing"}"#).unwrap_err();
        assert!(err.contains("Beijing"), "{err}");
    }

    #[test]
    fn shipped_demo_config_is_valid() {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/site.json")).unwrap();
        let config = SiteConfig::parse(&text).unwrap();
        assert!(config.categories.len() >= 6);
        for slug in &config.side_blocks {
            assert!(config.category(slug).is_some(), "side block {slug} is not a category");
        }
    }
}
