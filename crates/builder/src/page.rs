//! The crawler page of one article: the app's own `index.html` with the
//! article's title, description, canonical URL, Open Graph, Twitter and
//! government page meta tags, and its text in the body, so that search
//! engines and chat apps (which run no JavaScript) see the article. The app
//! then starts as usual and removes the pre-rendered copy (`#prerender`).

use portal_core::date;
use portal_core::feed::Article;
use portal_core::html::{escape, text_of, to_html};
use portal_core::site::SiteConfig;

pub struct PageContext<'a> {
    pub site: &'a SiteConfig,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: &'a str,
    pub category_name: Option<&'a str>,
}

fn meta(out: &mut String, attribute: &str, key: &str, value: &str) {
    if !value.is_empty() {
        out.push_str(&format!("  <meta {attribute}=\"{key}\" content=\"{}\">\n", escape(value)));
    }
}

/// `template` is the release build's `index.html`.
pub fn article_page(template: &str, article: &Article, context: &PageContext) -> String {
    let site = context.site;
    let offset = site.offset_minutes();
    let url = format!("{}article/{}", context.base_url, article.id);
    let description = if article.summary.is_empty() { portal_core::feed::excerpt(&text_of(&article.body), 120) } else { article.summary.clone() };
    let published = article.published.map(|at| date::format_rfc3339(at, offset)).unwrap_or_default();
    let pub_date = article.published.map(|at| date::format_date_time(at, offset)[..16].to_string()).unwrap_or_default();
    let domain = context.base_url.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or_default();
    let image = article.image.as_ref().map(|src| if src.starts_with("http") { src.clone() } else { format!("{}{}", context.base_url, src.trim_start_matches('/')) });
    let author = article.authors.first().cloned().or_else(|| article.editor.clone()).unwrap_or_default();

    let mut head = String::new();
    meta(&mut head, "name", "description", &description);
    head.push_str(&format!("  <link rel=\"canonical\" href=\"{}\">\n", escape(&url)));
    for (key, value) in [("og:type", "article"), ("og:site_name", site.name.as_str()), ("og:title", article.title.as_str()), ("og:description", description.as_str()), ("og:url", url.as_str()), ("og:locale", "zh_CN"), ("article:published_time", published.as_str())] {
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
        ("ColumnName", context.category_name.unwrap_or_default()),
        ("ArticleTitle", article.title.as_str()),
        ("PubDate", pub_date.as_str()),
        ("ContentSource", article.source.as_deref().unwrap_or_default()),
        ("Author", author.as_str()),
        ("Description", description.as_str()),
        ("Url", url.as_str()),
    ] {
        meta(&mut head, "name", key, value);
    }

    let byline = [
        article.published.map(|at| date::format_date_time(at, offset)),
        article.source.as_ref().map(|s| format!("来源：{s}")),
        article.editor.as_ref().map(|e| format!("责任编辑：{e}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("　");
    // The app's own classes, so the page looks the same before it takes over.
    let body = format!(
        "<div id=\"prerender\"><main><article class=\"article\"><header class=\"article-header\"><h1>{}</h1><div class=\"article-meta\">{}</div></header><div class=\"article-body\">{}</div></article></main></div>\n",
        escape(&article.title),
        escape(&byline),
        to_html(&article.body)
    );

    let title = format!("<title>{} - {}</title>", escape(&article.title), escape(&site.name));
    let mut page = match (template.find("<title>"), template.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!("{}{}{}", &template[..start], title, &template[end + "</title>".len()..]),
        _ => template.replacen("</head>", &format!("  {title}\n</head>"), 1),
    };
    page = page.replacen("</head>", &format!("{head}</head>"), 1);
    match page.find("<body>") {
        Some(at) => page.insert_str(at + "<body>".len(), &format!("\n{body}")),
        None => page.push_str(&body),
    }
    page
}
