//! Pre-rendered pages: the app's own `index.html` with a page's meta tags
//! in the head and its content in the body, so that readers see it the
//! moment the HTML arrives and search engines and chat apps (which run no
//! JavaScript) see it at all. The content is rendered by the app's own
//! components (`portal::prerender`); this module writes the `<head>`.

use crate::syndication;
use portal_core::date;
use portal_core::feed::Article;
use portal_core::html::{escape, first_image, text_of};
use portal_core::site::{Category, SiteConfig};

pub struct PageContext<'a> {
    pub site: &'a SiteConfig,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: &'a str,
    pub category: Option<&'a Category>,
}

/// The site's RSS and Atom feeds, and the category's when the page is one
/// of its pages, for feed readers to find (paths under `<base href>`).
fn alternates(out: &mut String, site: &SiteConfig, category: Option<&Category>) {
    for feed in std::iter::once(None).chain(category.map(Some)) {
        let (folder, title) = (syndication::folder(feed), syndication::title(site, feed));
        for (kind, file, label) in [("rss", "rss.xml", "RSS"), ("atom", "atom.xml", "Atom")] {
            out.push_str(&format!(
                "  <link rel=\"alternate\" type=\"application/{kind}+xml\" title=\"{} ({label})\" href=\"{folder}{file}\">\n",
                escape(&title)
            ));
        }
    }
}

fn meta(out: &mut String, attribute: &str, key: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("  <meta {attribute}=\"{key}\" content=\"{}\">\n", escape(value)));
    }
}

/// The app's base path, from the `<base href>` trunk wrote into `template`.
pub fn base_path(template: &str) -> String {
    let Some(start) = template.find("<base href=\"") else { return "/".into() };
    let rest = &template[start + "<base href=\"".len()..];
    rest.split('"').next().unwrap_or("/").to_string()
}

/// The article's picture for link previews: its image, else its first photo.
fn preview_image(article: &Article) -> Option<&str> {
    article.image.as_deref().or_else(|| first_image(&article.body))
}

/// `template` is the release build's `app.html`; `body` the pre-rendered content.
pub fn article_page(template: &str, article: &Article, context: &PageContext, body: &str) -> String {
    let site = context.site;
    let offset = site.offset_minutes();
    let url = format!("{}article/{}", context.base_url, article.id);
    let description = if article.summary.is_empty() {
        portal_core::feed::excerpt(&text_of(&article.body), 120)
    } else {
        article.summary.clone()
    };
    let published = article.published.map(|at| date::format_rfc3339(at, offset)).unwrap_or_default();
    let pub_date = article.published.map(|at| date::format_date_time(at, offset)[..16].to_string()).unwrap_or_default();
    let domain = context.base_url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
    let image = preview_image(article).map(|src| {
        if src.starts_with("http") {
            src.to_string()
        } else {
            format!("{}{}", context.base_url, src.trim_start_matches('/'))
        }
    });
    let author = article.authors.first().cloned().or_else(|| article.editor.clone()).unwrap_or_default();

    let mut head = String::new();
    alternates(&mut head, site, context.category);
    meta(&mut head, "name", "description", &description);
    meta(&mut head, "name", "author", &article.authors.join("、"));
    head.push_str(&format!("  <link rel=\"canonical\" href=\"{}\">\n", escape(&url)));
    for (key, value) in [
        ("og:type", "article"),
        ("og:site_name", site.name.as_str()),
        ("og:title", article.title.as_str()),
        ("og:description", description.as_str()),
        ("og:url", url.as_str()),
        ("og:locale", "zh_CN"),
        ("article:published_time", published.as_str()),
    ] {
        meta(&mut head, "property", key, value);
    }
    if let Some(image) = &image {
        meta(&mut head, "property", "og:image", image);
    }
    meta(&mut head, "name", "twitter:card", if image.is_some() { "summary_large_image" } else { "summary" });
    meta(&mut head, "name", "twitter:title", &article.title);
    meta(&mut head, "name", "twitter:description", &description);
    // 政府网站页面元数据 (the national government-website meta tags).
    for (key, value) in [
        ("SiteName", site.name.as_str()),
        ("SiteDomain", domain),
        ("SiteIDCode", site.footer.site_code.as_deref().unwrap_or_default()),
        ("ColumnName", context.category.map(|c| c.name.as_str()).unwrap_or_default()),
        ("ArticleTitle", article.title.as_str()),
        ("PubDate", pub_date.as_str()),
        ("ContentSource", article.source.as_deref().unwrap_or_default()),
        ("Author", author.as_str()),
        ("Description", description.as_str()),
        ("Url", url.as_str()),
    ] {
        meta(&mut head, "name", key, value);
    }
    splice(template, &format!("{} - {}", article.title, site.name), &head, body)
}

pub fn home_page(template: &str, site: &SiteConfig, body: &str) -> String {
    plain_page(template, site, None, &site.name, site.description.as_deref().unwrap_or(&site.name), body)
}

pub fn category_page(template: &str, site: &SiteConfig, category: &Category, body: &str) -> String {
    let description = format!("{}：{}栏目文章列表", site.name, category.name);
    plain_page(template, site, Some(category), &format!("{} - {}", category.name, site.name), &description, body)
}

pub fn sitemap_page(template: &str, site: &SiteConfig, body: &str) -> String {
    let description = format!("{}网站地图：全部栏目及文章数", site.name);
    plain_page(template, site, None, &format!("网站地图 - {}", site.name), &description, body)
}

fn plain_page(
    template: &str,
    site: &SiteConfig,
    category: Option<&Category>,
    title: &str,
    description: &str,
    body: &str,
) -> String {
    let mut head = String::new();
    alternates(&mut head, site, category);
    meta(&mut head, "name", "description", description);
    splice(template, title, &head, body)
}

/// The template with its CSP's `img-src` allowing the site's image hosts
/// (`SiteConfig::img_src`); unchanged when it has no such directive.
pub fn allow_images(template: &str, site: &SiteConfig) -> String {
    let Some(start) = template.find("img-src ") else { return template.to_string() };
    let end = template[start..].find([';', '"']).map_or(template.len(), |n| start + n);
    format!("{}{}{}", &template[..start], site.img_src(), &template[end..])
}

/// `template` with its `<title>` replaced, `head` added to the head and
/// `body` put first in the body.
fn splice(template: &str, title: &str, head: &str, body: &str) -> String {
    let title = format!("<title>{}</title>", escape(title));
    let mut page = match (template.find("<title>"), template.find("</title>")) {
        (Some(start), Some(end)) if start < end => {
            format!("{}{}{}", &template[..start], title, &template[end + "</title>".len()..])
        }
        _ => template.replacen("</head>", &format!("  {title}\n</head>"), 1),
    };
    page = page.replacen("</head>", &format!("{head}</head>"), 1);
    match page.find("<body>") {
        Some(at) => page.insert_str(at + "<body>".len(), &format!("\n{body}\n")),
        None => page.push_str(body),
    }
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_path_comes_from_the_template() {
        assert_eq!(base_path("<head><base href=\"/news/\"></head>"), "/news/");
        assert_eq!(base_path("<head></head>"), "/");
    }

    #[test]
    fn image_hosts_join_the_policy() {
        let template = r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; font-src 'self'">"#;
        let site =
            SiteConfig::parse(r#"{"name":"示例","categories":[],"image_origins":["https://img.example.gov.cn"]}"#)
                .unwrap();
        assert_eq!(
            allow_images(template, &site),
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data: https://img.example.gov.cn; font-src 'self'">"#
        );
        assert_eq!(allow_images("<head></head>", &site), "<head></head>");
    }

    #[test]
    fn preview_image_falls_back_to_the_first_photo() {
        let article = Article {
            body: portal_core::html::sanitize("<p>a</p><figure><img src=\"images/x.svg\" alt=\"\"></figure>"),
            ..Article::default()
        };
        assert_eq!(preview_image(&article), Some("images/x.svg"));
        let with_image = Article { image: Some("images/y.svg".into()), ..article };
        assert_eq!(preview_image(&with_image), Some("images/y.svg"));
    }
}
