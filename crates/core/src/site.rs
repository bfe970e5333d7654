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
    /// The canonical absolute URL of the site's root, as
    /// `https://www.example.gov.cn/`: what share links, QR codes and 找错
    /// give, whichever host name a page was opened through
    /// (`urls::SiteUrls`). portal-build writes each tree's from `--base-url`.
    #[serde(default)]
    pub base_url: Option<String>,
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
    /// The wording list `portal-build check` looks for (wrong → right
    /// phrases), a file relative to site.json.
    #[serde(default)]
    pub wording: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Traditional {
    /// Texts written the same in both versions wherever they occur (names
    /// of record); the filing numbers always are.
    #[serde(default)]
    pub keep: Vec<String>,
    /// The 繁體 pages' `og:locale`: `zh_TW` (the default) or `zh_HK`.
    #[serde(default = "default_traditional_locale")]
    pub locale: String,
}

fn default_traditional_locale() -> String {
    "zh_TW".into()
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
    /// How often the inspection expects it updated (`Update::code`);
    /// without it, from the name (`update_class`). A string, not the enum:
    /// the app parses site.json too, and a string costs its wasm nothing.
    #[serde(default)]
    pub update: Option<String>,
    /// Its page lists documents as a table (标题, 文号, 发布日期), as
    /// 政务公开 lists are on government portals, rather than as titles.
    #[serde(default)]
    pub list_as_table: bool,
}

/// How soon the national inspection expects a 栏目 to have something new
/// (docs/inspection.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Update {
    /// 动态、要闻类: within 2 weeks (`2w`).
    TwoWeeks,
    /// 通知公告、政策文件类, and any 栏目 not named otherwise: within 6 months (`6m`).
    SixMonths,
    /// Need not update (概况、领导信息、联系我们…; `none`).
    NotRequired,
}

impl Update {
    pub const ALL: [Update; 3] = [Update::TwoWeeks, Update::SixMonths, Update::NotRequired];

    /// As `site.json` writes it.
    pub fn from_code(code: &str) -> Option<Update> {
        Update::ALL.into_iter().find(|update| update.code() == code)
    }

    /// As written in site.json.
    pub fn code(self) -> &'static str {
        match self {
            Update::TwoWeeks => "2w",
            Update::SixMonths => "6m",
            Update::NotRequired => "none",
        }
    }
}

/// Words in a 栏目's name that make it 动态、要闻类 (2 weeks), checked first,
/// then those of 栏目 that need not update.
const TWO_WEEK_WORDS: &[&str] = &["动态", "要闻", "新闻", "资讯", "快讯", "头条"];
const NOT_REQUIRED_WORDS: &[&str] = &["概况", "简介", "职能", "领导信息", "机构设置", "关于", "联系"];

impl Category {
    /// Its update class: as configured, else by its name.
    pub fn update_class(&self) -> Update {
        let named = |words: &[&str]| words.iter().any(|word| self.name.contains(word));
        self.update.as_deref().and_then(Update::from_code).unwrap_or(if named(TWO_WEEK_WORDS) {
            Update::TwoWeeks
        } else if named(NOT_REQUIRED_WORDS) {
            Update::NotRequired
        } else {
            Update::SixMonths
        })
    }
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
        let mut updates = config.categories.iter().filter_map(|c| c.update.as_deref());
        if let Some(code) = updates.find(|code| Update::from_code(code).is_none()) {
            return Err(format!("站点配置 site.json 的栏目 update “{code}”应为 2w、6m 或 none"));
        }
        if let Some(url) = config.base_url.as_deref().filter(|url| !is_base_url(url)) {
            return Err(format!("站点配置 site.json 的 base_url “{url}”应形如 https://www.example.gov.cn/"));
        }
        if let Some(locale) =
            config.traditional.as_ref().map(|t| &t.locale).filter(|l| !["zh_TW", "zh_HK"].contains(&l.as_str()))
        {
            return Err(format!("站点配置 site.json 的 traditional.locale “{locale}”应为 zh_TW 或 zh_HK"));
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

    /// The Content-Security-Policy of every page (scripts/post-build.mjs
    /// puts it into the release build's page): the app loads only its own
    /// files — scripts from this origin (`'wasm-unsafe-eval'` is what
    /// compiling wasm needs), no inline script or style, no other host —
    /// and images also from the configured image hosts.
    pub fn content_security_policy(&self) -> String {
        [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            &self.img_src(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-src 'none'",
            "worker-src 'none'",
        ]
        .join("; ")
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

    /// The pages' `og:locale`: `zh_CN`, or the 繁體 tree's as configured.
    pub fn og_locale(&self, traditional: bool) -> &str {
        match &self.traditional {
            Some(config) if traditional => &config.locale,
            _ => "zh_CN",
        }
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
    crate::date::parse_day(day, 0).is_some()
}

/// `http(s)://host[:port]` and nothing else: it goes into the CSP, where a
/// space, quote, semicolon or path would change what is allowed.
fn is_origin(origin: &str) -> bool {
    let Some(rest) = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")) else { return false };
    let (host, port) = rest.split_once(':').unwrap_or((rest, "1"));
    let host_ok = !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    host_ok && !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// An origin, then a path of plain characters: it becomes every canonical
/// link, so no quote, space or query may ride along.
pub fn is_base_url(url: &str) -> bool {
    let scheme_end = url.find("://").map_or(0, |n| n + 3);
    let (origin, path) = url[scheme_end..].find('/').map_or((url, ""), |n| url.split_at(scheme_end + n));
    is_origin(origin) && path.bytes().all(|b| b.is_ascii_alphanumeric() || b"/-_.~%".contains(&b))
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

    /// The cases boot.js's twin of `mourning_at` is run on too
    /// (tests/e2e/boot-rules.test.mjs), with the days as pre-rendered pages carry them.
    #[test]
    fn mourning_days_agree_with_boot_js() {
        let fixture: serde_json::Value =
            serde_json::from_str(include_str!("../../../tests/e2e/fixtures/mourning-days.json")).unwrap();
        for case in fixture["cases"].as_array().unwrap() {
            let text = |key: &str| case[key].as_str().unwrap();
            let mourning = match text("days") {
                "always" => Mourning { dates: vec![], active: true },
                days => Mourning { dates: days.split(' ').map(String::from).collect(), active: false },
            };
            let site = format!(r#"{{"name":"示例","categories":[],"timezone":"{}"}}"#, text("timezone"));
            let config = SiteConfig { mourning, ..SiteConfig::parse(&site).unwrap() };
            let at = crate::date::parse(text("at"), 0).unwrap();
            assert_eq!(config.mourning_at(at), case["mourning"].as_bool().unwrap(), "{case}");
        }
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
        let policy = config.content_security_policy();
        assert!(policy.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: https://img.example.gov.cn http://127.0.0.1:8081; connect-src 'self'"), "{policy}");
        for bad in
            ["*", "https://a.cn/x", "https://a.cn; script-src *", "img.example.gov.cn", "https://a.cn:", "'self'"]
        {
            assert!(parse(&format!("[\"{bad}\"]")).is_err(), "{bad}");
        }
    }

    #[test]
    fn traditional_pages_carry_their_locale() {
        let parse = |traditional: &str| {
            SiteConfig::parse(&format!(r#"{{"name":"示例","categories":[],"traditional":{traditional}}}"#))
        };
        let taiwan = parse("{}").unwrap();
        assert_eq!((taiwan.og_locale(false), taiwan.og_locale(true)), ("zh_CN", "zh_TW"));
        assert_eq!(parse(r#"{"locale":"zh_HK"}"#).unwrap().og_locale(true), "zh_HK");
        assert!(parse(r#"{"locale":"zh_SG"}"#).is_err());
    }

    #[test]
    fn base_urls_are_an_origin_and_a_plain_path() {
        let parse = |url: &str| SiteConfig::parse(&format!(r#"{{"name":"示例","categories":[],"base_url":"{url}"}}"#));
        for good in ["https://www.example.gov.cn/", "https://www.example.gov.cn", "http://127.0.0.1:8080/news/"] {
            assert_eq!(parse(good).unwrap().base_url.as_deref(), Some(good));
        }
        for bad in ["www.example.gov.cn/", "https://a.cn/x y", "https://a.cn/?q=1", "https://a.cn/\\\"x", "/news/"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn update_classes_are_configured_or_follow_the_name() {
        let config = SiteConfig::parse(
            r#"{"name":"示例","categories":[
            {"slug":"a","name":"开发区动态"},{"slug":"b","name":"通知公告"},{"slug":"c","name":"领导信息"},
            {"slug":"d","name":"产业发展"},{"slug":"e","name":"机构动态"},{"slug":"f","name":"专题","update":"2w"},
            {"slug":"g","name":"今日要闻","update":"none"}]}"#,
        )
        .unwrap();
        let classes: Vec<&str> = config.categories.iter().map(|c| c.update_class().code()).collect();
        assert_eq!(classes, ["2w", "6m", "none", "6m", "2w", "2w", "none"]);
        let error =
            SiteConfig::parse(r#"{"name":"示例","categories":[{"slug":"a","name":"甲","update":"3m"}]}"#).unwrap_err();
        assert!(error.contains("3m") && error.contains("2w"), "{error}");
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
        let tables: Vec<_> = config.categories.iter().filter(|c| c.list_as_table).map(|c| c.slug.as_str()).collect();
        assert_eq!(tables, ["zwgk"], "政务公开 lists its documents as a table");
    }

    #[test]
    fn list_as_table_is_a_boolean() {
        let site = |category: &str| SiteConfig::parse(&format!(r#"{{"name": "站", "categories": [{category}]}}"#));
        assert!(!site(r#"{"slug": "a", "name": "甲"}"#).unwrap().categories[0].list_as_table);
        assert!(site(r#"{"slug": "a", "name": "甲", "list_as_table": true}"#).unwrap().categories[0].list_as_table);
        let error = site(r#"{"slug": "a", "name": "甲", "list_as_table": "yes"}"#).unwrap_err();
        assert!(error.contains("list_as_table") || error.contains("boolean"), "{error}");
    }
}
