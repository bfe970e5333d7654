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
    #[serde(default)]
    pub mourning: Mourning,
    /// Origins besides the site's own that its photos are served from, as
    /// `https://img.example.gov.cn`: the release build's CSP allows exactly these.
    #[serde(default)]
    pub image_origins: Vec<String>,
    /// 繁體 version: portal-build also writes the site converted to
    /// Traditional Chinese under `zh-hant/`.
    #[serde(default)]
    pub traditional: Option<Traditional>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traditional {
    /// Texts written the same in both versions wherever they occur (names
    /// of record); the filing numbers always are.
    #[serde(default)]
    pub keep: Vec<String>,
}

/// 国家哀悼日: the days every page is shown in greyscale.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mourning {
    /// Days as `YYYY-MM-DD`, in the site's time zone.
    #[serde(default)]
    pub dates: Vec<String>,
    /// On whatever the date, for a day announced at short notice.
    #[serde(default)]
    pub active: bool,
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
    /// 党政机关网站标识.
    pub badge: Option<Badge>,
}

/// An image the operator puts on the site, linking to its registration record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Badge {
    pub image: String,
    #[serde(default)]
    pub href: Option<String>,
    #[serde(default = "default_badge_alt")]
    pub alt: String,
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
/// The badge's text when site.json gives none.
pub const BADGE_ALT: &str = "党政机关网站标识";

fn default_badge_alt() -> String {
    BADGE_ALT.into()
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
        if let Some(day) = config.mourning.dates.iter().find(|day| !is_calendar_date(day)) {
            return Err(format!("站点配置 site.json 的 mourning.dates 中“{day}”应形如 2026-04-04"));
        }
        if let Some(origin) = config.image_origins.iter().find(|origin| !is_origin(origin)) {
            return Err(format!("站点配置 site.json 的 image_origins 中“{origin}”应形如 https://img.example.gov.cn"));
        }
        Ok(config)
    }

    /// Whether `at` falls on a mourning day in the site's time zone.
    pub fn mourning_at(&self, at: crate::date::Timestamp) -> bool {
        self.mourning.active || {
            let today = crate::date::format_date(at, self.offset_minutes());
            self.mourning.dates.contains(&today)
        }
    }

    /// The CSP directive for images: the site itself, inline data and the
    /// configured image hosts.
    pub fn img_src(&self) -> String {
        let mut directive = String::from("img-src 'self' data:");
        for origin in &self.image_origins {
            directive.push(' ');
            directive.push_str(origin);
        }
        directive
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

fn is_calendar_date(day: &str) -> bool {
    day.len() == 10 && crate::date::parse(day, 0).map(|at| crate::date::format_date(at, 0)).as_deref() == Some(day)
}

/// `http(s)://host[:port]` and nothing else: it goes into the CSP, where a
/// space, quote, semicolon or path would change what is allowed.
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else { return false };
    let (host, port) = rest.split_once(':').unwrap_or((rest, "1"));
    let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    host_ok && !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

impl Footer {
    /// 我为政府网站找错: the national error-report form for `page_url` on this
    /// site, when the site has its 政府网站标识码.
    pub fn error_report_url(&self, page_url: &str) -> Option<String> {
        let code = self.site_code.as_deref()?;
        Some(format!(
            "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={}&url={}",
            crate::urls::encode_component(code),
            crate::urls::encode_component(page_url)
        ))
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
    fn mourning_days_are_days_in_the_site_zone() {
        let config = SiteConfig::parse(
            r#"{"name":"示例","categories":[],"timezone":"+08:00","mourning":{"dates":["2026-04-04"]}}"#,
        )
        .unwrap();
        let at = |text| crate::date::parse(text, 0).unwrap();
        assert!(!config.mourning_at(at("2026-04-03T15:59:59Z")), "23:59:59 on the 3rd in Beijing");
        assert!(config.mourning_at(at("2026-04-03T16:00:00Z")), "midnight on the 4th in Beijing");
        assert!(config.mourning_at(at("2026-04-04T15:59:59Z")));
        assert!(!config.mourning_at(at("2026-04-04T16:00:00Z")));
        let active = SiteConfig { mourning: Mourning { dates: vec![], active: true }, ..config };
        assert!(active.mourning_at(0));
        for bad in ["2026-4-4", "2026-02-30", "明天", "2026-04-04T00:00"] {
            let text = format!(r#"{{"name":"示例","categories":[],"mourning":{{"dates":["{bad}"]}}}}"#);
            assert!(SiteConfig::parse(&text).unwrap_err().contains(bad), "{bad}");
        }
    }

    #[test]
    fn image_origins_are_plain_origins() {
        let parse = |origins: &str| {
            SiteConfig::parse(&format!(r#"{{"name":"示例","categories":[],"image_origins":{origins}}}"#))
        };
        let config = parse(r#"["https://img.example.gov.cn","http://127.0.0.1:8081"]"#).unwrap();
        assert_eq!(config.img_src(), "img-src 'self' data: https://img.example.gov.cn http://127.0.0.1:8081");
        for bad in
            ["*", "https://a.cn/x", "https://a.cn; script-src *", "img.example.gov.cn", "https://a.cn:", "'self'"]
        {
            assert!(parse(&format!("[\"{bad}\"]")).is_err(), "{bad}");
        }
    }

    #[test]
    fn error_report_link_names_the_site_and_the_page() {
        let footer = Footer { site_code: Some("3505000001".into()), ..Footer::default() };
        assert_eq!(
            footer.error_report_url("https://example.gov.cn/article/a?b=1&c").as_deref(),
            Some("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=3505000001&url=https%3A%2F%2Fexample.gov.cn%2Farticle%2Fa%3Fb%3D1%26c")
        );
        assert_eq!(Footer::default().error_report_url("https://example.gov.cn/"), None);
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
