//! Pre-rendered pages: the app's own `index.html` with a page's meta tags
//! in the head and its content in the body (`#prerender`), so that readers
//! see it the moment the HTML arrives and search engines and chat apps
//! (which run no JavaScript) see it at all. The app then starts as usual and
//! swaps in its own copy of the page (`dom::hand_over_from_prerender`).
//! The markup repeats the app's classes, so nothing moves at the swap.

use portal_core::date;
use portal_core::feed::Article;
use portal_core::html::{escape, text_of, to_html};
use portal_core::index::{FeedIndex, HEADLINES};
use portal_core::paging::{pager_numbers, Page};
use portal_core::paths::encode_component;
use portal_core::site::{Category, SiteConfig};

pub struct PageContext<'a> {
    pub site: &'a SiteConfig,
    /// Absolute URL of the site root, ending in `/`.
    pub base_url: &'a str,
    pub category: Option<&'a Category>,
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

    let byline = [
        article.published.map(|at| date::format_date_time(at, offset)),
        article.source.as_ref().map(|s| format!("来源：{s}")),
        article.editor.as_ref().map(|e| format!("责任编辑：{e}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join("　");
    let body = format!(
        "<div id=\"prerender\" data-path=\"{}\">{}<main><div class=\"article-layout\"><div class=\"article-column\">{}<article class=\"article\"><header class=\"article-header\"><h1>{}</h1><div class=\"article-meta\">{}</div></header><div class=\"article-body\">{}</div></article></div></div></main></div>\n",
        escape(&article_href(&article.id)),
        site_header(site, None),
        breadcrumb(site, context.category),
        escape(&article.title),
        escape(&byline),
        to_html(&article.body)
    );
    splice(template, &format!("{} - {}", article.title, site.name), &head, &body)
}

/// The home page (要闻 and one block per category) as the app renders it
/// from `home`, the home feed. Links are relative, so they resolve against
/// the page's `<base href>` wherever the site is hosted.
pub fn home_page(template: &str, site: &SiteConfig, home: &FeedIndex) -> String {
    let offset = site.offset_minutes();
    let headlines = home.headlines(HEADLINES);
    let lead = headlines.first().map(|a| {
        let image = a.image.as_ref().map(|src| format!("<img src=\"{}\" alt=\"\" width=\"640\" height=\"400\">", escape(src))).unwrap_or_default();
        format!("<article class=\"lead-story\">{image}<div><h2><a href=\"{}\">{}</a></h2><p>{}</p></div></article>", escape(&article_href(&a.id)), escape(&a.title), escape(&a.summary))
    });
    let blocks: String = site
        .categories
        .iter()
        .map(|category| {
            let items: Vec<&Article> = home.category(&category.slug).into_iter().take(site.block_size).collect();
            let content = if items.is_empty() { "<p class=\"empty\">暂无文章</p>".to_string() } else { article_list(&items, offset) };
            let name = escape(&category.name);
            format!("<section class=\"category-block\"><div class=\"block-heading\"><h2>{name}</h2><a class=\"more\" href=\"{}\">[更多<span class=\"visually-hidden\">{name}</span>]</a></div>{content}</section>", escape(&category_href(&category.slug, 1)))
        })
        .collect();
    let body = format!(
        "<div id=\"prerender\" data-path=\"\">{}<main><h1 class=\"visually-hidden\">{}首页</h1><section class=\"headlines\"><h2 class=\"section-heading\">要闻</h2>{}{}</section><div class=\"home-blocks\">{blocks}</div></main></div>\n",
        site_header(site, Some("./")),
        escape(&site.name),
        lead.unwrap_or_default(),
        article_list(&headlines[headlines.len().min(1)..], offset),
    );
    let mut head = String::new();
    meta(&mut head, "name", "description", site.description.as_deref().unwrap_or(&site.name));
    splice(template, &site.name, &head, &body)
}

/// Page 1 of a category's list (`routes/category.rs`): `items`, which are
/// `page` of the whole list.
pub fn category_page(template: &str, site: &SiteConfig, category: &Category, items: &[&Article], page: Page) -> String {
    let path = category_href(&category.slug, 1);
    let list = if items.is_empty() { "<p class=\"empty\">该栏目暂无文章。</p>".to_string() } else { article_list(items, site.offset_minutes()) };
    let pager = if page.total_pages > 1 { pager(&category.slug, page) } else { String::new() };
    let name = escape(&category.name);
    let body = format!(
        "<div id=\"prerender\" data-path=\"{}\">{}<main>{}<section class=\"category-page\"><h1>{name}</h1>{list}{pager}</section></main></div>\n",
        escape(&path),
        site_header(site, Some(&path)),
        breadcrumb(site, Some(category)),
    );
    let mut head = String::new();
    meta(&mut head, "name", "description", &format!("{}：{}栏目文章列表", site.name, category.name));
    splice(template, &format!("{} - {}", category.name, site.name), &head, &body)
}

/// `components/article_list.rs`: titles with their dates.
fn article_list(articles: &[&Article], offset: i32) -> String {
    let rows: String = articles
        .iter()
        .map(|a| {
            let date = a.published.map(|at| format!("<time datetime=\"{}\">{}</time>", date::format_rfc3339(at, offset), date::format_date(at, offset))).unwrap_or_default();
            format!("<li><a href=\"{}\">{}</a>{date}</li>", escape(&article_href(&a.id)), escape(&a.title))
        })
        .collect();
    format!("<ul class=\"article-list\">{rows}</ul>")
}

/// `components/pager.rs`.
fn pager(slug: &str, page: Page) -> String {
    let href = |n: usize| escape(&category_href(slug, n));
    let step = |to: Option<usize>, rel: &str, text: &str| match to {
        Some(n) => format!("<li><a href=\"{}\" rel=\"{rel}\">{text}</a></li>", href(n)),
        None => format!("<li><span class=\"disabled\" aria-disabled=\"true\">{text}</span></li>"),
    };
    let numbers: String = pager_numbers(page.number, page.total_pages)
        .into_iter()
        .map(|n| match n {
            Some(n) if n == page.number => format!("<li><a href=\"{}\" aria-current=\"page\" aria-label=\"第 {n} 页，当前页\">{n}</a></li>", href(n)),
            Some(n) => format!("<li><a href=\"{}\" aria-label=\"第 {n} 页\">{n}</a></li>", href(n)),
            None => "<li aria-hidden=\"true\">…</li>".to_string(),
        })
        .collect();
    format!(
        "<nav class=\"pager\" aria-label=\"分页\"><ul>{}{numbers}{}</ul><p class=\"pager-summary\">第 {} 页，共 {} 页</p></nav>",
        step((page.number > 1).then(|| page.number - 1), "prev", "上一页"),
        step((page.number < page.total_pages).then_some(page.number + 1), "next", "下一页"),
        page.number,
        page.total_pages
    )
}

/// `components/breadcrumb.rs`: 当前位置.
fn breadcrumb(site: &SiteConfig, category: Option<&Category>) -> String {
    let crumb = category.map(|c| format!("<li><a href=\"{}\">{}</a></li>", escape(&category_href(&c.slug, 1)), escape(&c.name))).unwrap_or_default();
    format!("<nav class=\"breadcrumb\" aria-label=\"当前位置\"><span class=\"breadcrumb-label\">当前位置：</span><ol><li><a href=\"./\">{}</a></li>{crumb}</ol></nav>", escape(&site.name))
}

/// The app's site header (`components/header.rs`) as it first renders,
/// `current` being the nav link of this page. Its 适老化 switch waits
/// for the app.
fn site_header(site: &SiteConfig, current: Option<&str>) -> String {
    let link = |href: &str, text: &str| {
        let mark = if current == Some(href) { " aria-current=\"page\"" } else { "" };
        format!("<li><a href=\"{}\"{mark}>{}</a></li>", escape(href), escape(text))
    };
    let logo = site.logo.as_ref().map(|src| format!("<img src=\"{}\" alt=\"\" width=\"48\" height=\"48\">", escape(src))).unwrap_or_default();
    let nav: String = std::iter::once(link("./", "首页")).chain(site.categories.iter().map(|c| link(&category_href(&c.slug, 1), &c.name))).collect();
    format!(
        "<header class=\"site-header\"><div class=\"header-inner\"><a class=\"site-name\" href=\"./\">{logo}<span>{}</span></a><button type=\"button\" class=\"elder-toggle\" aria-pressed=\"false\" disabled>适老化模式</button></div><nav class=\"site-nav\" aria-label=\"栏目导航\"><ul>{nav}</ul></nav></header>",
        escape(&site.name)
    )
}

/// The relative twins of `Paths::article` and `Paths::category`: they
/// resolve against the page's `<base href>`, wherever the site is hosted.
fn article_href(id: &str) -> String {
    format!("article/{}", encode_component(id))
}

fn category_href(slug: &str, page: usize) -> String {
    let path = format!("category/{}", encode_component(slug));
    if page > 1 { format!("{path}?page={page}") } else { path }
}

/// `template` with its `<title>` replaced, `head` added to the head and
/// `body` put first in the body.
fn splice(template: &str, title: &str, head: &str, body: &str) -> String {
    let title = format!("<title>{}</title>", escape(title));
    let mut page = match (template.find("<title>"), template.find("</title>")) {
        (Some(start), Some(end)) if start < end => format!("{}{}{}", &template[..start], title, &template[end + "</title>".len()..]),
        _ => template.replacen("</head>", &format!("  {title}\n</head>"), 1),
    };
    page = page.replacen("</head>", &format!("{head}</head>"), 1);
    match page.find("<body>") {
        Some(at) => page.insert_str(at + "<body>".len(), &format!("\n{body}")),
        None => page.push_str(body),
    }
    page
}
