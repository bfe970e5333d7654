//! 链接可用性: every link and image of this tree must lead to an article, a
//! category page that exists, a fixed page (home, 网站地图, 站内搜索) or a file
//! of the tree. Other sites' addresses are listed, never fetched; their
//! images must come from a host site.json allows, over https on an https site.

use super::{Finding, Findings, Indicator, Inspector, Level, Place};
use crate::feed::Article;
use crate::html::{self, Node};
use crate::paging;
use crate::site::SiteConfig;
use crate::urls::{Href, LinkTarget};
use std::collections::{HashMap, HashSet};

/// What links inside the tree may lead to.
pub(super) struct Routes {
    ids: HashSet<String>,
    /// Articles per configured category.
    counts: HashMap<String, usize>,
    page_size: usize,
}

impl Routes {
    pub(super) fn new(site: &SiteConfig, articles: &[&Article]) -> Routes {
        let mut counts: HashMap<String, usize> = site.categories.iter().map(|c| (c.slug.clone(), 0)).collect();
        for category in articles.iter().filter_map(|article| site.category_of(article)) {
            *counts.entry(category.slug.clone()).or_default() += 1;
        }
        Routes { ids: articles.iter().map(|a| a.id.clone()).collect(), counts, page_size: site.page_size }
    }
}

/// An address that leads off the tree, with how often it occurs and where first.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalLink {
    pub url: String,
    /// Plain http from an https site.
    pub mixed: bool,
    pub count: usize,
    pub first: Place,
}

/// A link or an image in a body, with its text (the image's alt).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Address {
    pub href: String,
    pub text: String,
    pub image: bool,
}

/// Every link and image of a body, in document order.
pub(super) fn addresses(nodes: &[Node]) -> Vec<Address> {
    fn walk(nodes: &[Node], out: &mut Vec<Address>) {
        for node in nodes {
            let Node::Element { tag, attrs, children } = node else { continue };
            let attr = |name: &str| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone());
            match (*tag, attr("href"), attr("src")) {
                ("a", Some(href), _) => out.push(Address { href, text: html::text_of(children), image: false }),
                ("img", _, Some(src)) => {
                    out.push(Address { href: src, text: attr("alt").unwrap_or_default(), image: true })
                }
                _ => {}
            }
            walk(children, out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, &mut out);
    out
}

enum Resolution {
    Fine,
    Dead(String),
    /// A file, when the tree's files are not known.
    Unverified,
    /// This host outside the tree.
    Outside,
    Elsewhere {
        origin: String,
        http: bool,
    },
}

impl Inspector<'_> {
    fn resolve(&self, href: &str) -> Option<Resolution> {
        let urls = &self.settings.urls;
        let path = match urls.classify(href) {
            Href::Other => return None,
            Href::External { origin, http } => return Some(Resolution::Elsewhere { origin, http }),
            Href::Local(path) => path,
        };
        let routes = &self.routes;
        Some(match urls.target(&path) {
            Some(LinkTarget::Article(id)) if routes.ids.contains(&id) => Resolution::Fine,
            Some(LinkTarget::Article(id)) => Resolution::Dead(format!("没有 id 为“{id}”的文章")),
            Some(LinkTarget::Category(slug, page)) => match (routes.counts.get(&slug), page) {
                (None, _) => Resolution::Dead(format!("site.json 中没有栏目“{slug}”")),
                (Some(&count), Ok(n)) if paging::page(count, routes.page_size, n).is_ok() => Resolution::Fine,
                (Some(_), _) => Resolution::Dead(format!("栏目“{slug}”没有这一页")),
            },
            None if urls.is_fixed_page(&path) => Resolution::Fine,
            None => match (urls.tree_file(&path), self.settings.files) {
                (None, _) => Resolution::Outside,
                (Some(_), None) => Resolution::Unverified,
                (Some(file), Some(files)) if files(&file) || files(&urls.page_file(&path)) => Resolution::Fine,
                (Some(file), Some(_)) => Resolution::Dead(format!("网站目录中没有文件“{file}”")),
            },
        })
    }

    /// Checks one address found at `place` (whose `link` is `href` unless
    /// it says how the address was written).
    fn check_address(&self, href: &str, image: bool, place: Place, found: &mut Findings) {
        let place = Place { link: place.link.or_else(|| Some(href.to_string())), ..place };
        let Some(resolution) = self.resolve(href) else { return };
        let (origin, mixed) = match resolution {
            Resolution::Fine => return,
            Resolution::Unverified => {
                found.unverified += 1;
                return;
            }
            Resolution::Dead(reason) => {
                let (problem, fix) = if image {
                    (format!("图片显示不出：{reason}"), "补上图片文件，或改正图片地址")
                } else {
                    (format!("链接打不开：{reason}"), "改正链接地址，或删去这个链接")
                };
                found.list.push(finding(Level::Deduction, place, problem, fix.to_string()));
                return;
            }
            Resolution::Outside => (None, false),
            Resolution::Elsewhere { origin, http } => {
                (Some(origin), http && self.settings.urls.root().starts_with("https:"))
            }
        };
        if let Some(origin) = origin.filter(|_| image) {
            self.check_image_host(&origin, mixed, &place, found);
        }
        found.external.push(ExternalLink { url: href.trim().to_string(), mixed, count: 1, first: place });
    }

    /// Another site's image shows only from a host site.json allows (the
    /// pages' CSP), and not over http on an https page.
    fn check_image_host(&self, origin: &str, mixed: bool, place: &Place, found: &mut Findings) {
        let (problem, fix) = if !self.site.image_origins.iter().any(|allowed| allowed.eq_ignore_ascii_case(origin)) {
            (
                format!("图片显示不出：图片服务器 {origin} 不在 site.json 的 image_origins 中，页面的安全策略不加载它"),
                format!("把图片存到本站，或把 {origin} 加进 image_origins"),
            )
        } else if mixed {
            (
                "图片显示不出：https 页面中的 http 图片会被浏览器拦截（混合内容）".to_string(),
                "改用 https 地址".to_string(),
            )
        } else {
            return;
        };
        found.list.push(finding(Level::Deduction, place.clone(), problem, fix));
    }
}

fn finding(level: Level, place: Place, problem: String, fix: String) -> Finding {
    Finding { indicator: Indicator::Links, level, place, problem, fix }
}

/// An article's lead image and the links and images of its body (`body`).
pub(super) fn check_article(
    inspector: &Inspector,
    article: &Article,
    body: &[Address],
    place: &Place,
    found: &mut Findings,
) {
    let at = |field: &str, text: Option<String>| Place { field: Some(field.into()), text, ..place.clone() };
    if let Some(image) = &article.image {
        inspector.check_address(image, true, at("image", None), found);
    }
    for address in body {
        let place = at("content_html", Some(address.text.clone()));
        inspector.check_address(&address.href, address.image, place, found);
    }
}

/// site.json's links and images: the logo and the footer, on every page.
pub(super) fn check_site(inspector: &Inspector, found: &mut Findings) {
    let site = inspector.site;
    let footer = &site.footer;
    let mut items: Vec<(String, &str, Option<&str>, bool)> = Vec::new();
    if let Some(logo) = &site.logo {
        items.push(("logo".into(), logo, None, true));
    }
    for (n, link) in footer.links.iter().enumerate() {
        if let Some(href) = &link.href {
            items.push((format!("footer.links[{n}].href"), href, Some(&link.text), false));
        }
    }
    for (field, link) in [("footer.icp.href", &footer.icp), ("footer.police_filing.href", &footer.police_filing)] {
        if let Some((href, text)) = link.as_ref().and_then(|l| Some((l.href.as_deref()?, l.text.as_str()))) {
            items.push((field.into(), href, Some(text), false));
        }
    }
    if let Some(badge) = &footer.badge {
        items.push(("footer.badge.image".into(), &badge.image, Some(&badge.alt), true));
        if let Some(href) = &badge.href {
            items.push(("footer.badge.href".into(), href, Some(&badge.alt), false));
        }
    }
    for (field, href, text, image) in items {
        let place = Place {
            file: Some(inspector.settings.site_file.clone()),
            field: Some(field),
            link: Some(href.to_string()),
            text: text.map(str::to_string),
            ..Place::default()
        };
        inspector.check_address(&inspector.settings.urls.configured(href), image, place, found);
    }
}

/// One entry per address, in the order first found.
pub(super) fn gather_external(uses: Vec<ExternalLink>) -> Vec<ExternalLink> {
    let mut gathered: Vec<ExternalLink> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for link in uses {
        match seen.get(&link.url) {
            Some(&at) => gathered[at].count += link.count,
            None => {
                seen.insert(link.url.clone(), gathered.len());
                gathered.push(link);
            }
        }
    }
    gathered
}
