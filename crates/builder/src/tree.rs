//! The trees of the output: the site as configured, and its 繁體 copy
//! under `zh-hant/` when site.json asks for one. Each has its own site.json,
//! articles (converted, for the 繁體 one) and pre-rendered pages; the steps
//! write each tree from its `Tree`.

use crate::build::Options;
use crate::entry::Plan;
use crate::page;
use crate::previous::fingerprint;
use crate::search;
use crate::traditional::{self, Traditional};
use crate::BuildError;
use portal::prerender::Prerender;
use portal_core::archive::Archive;
use portal_core::feed::{read_feed, Article, ReadOptions};
use portal_core::index::{FeedIndex, HEADLINES};
use portal_core::site::SiteConfig;
use portal_core::urls::{OtherScript, SiteUrls};
use portal_core::writer::{feed, item};
use serde_json::{json, Value};
use std::sync::Arc;

/// Items of the home feed beyond headlines and category blocks.
const HOME_LATEST: usize = 20;

/// The script a tree is written in.
#[derive(Clone, Copy)]
pub enum Script<'a> {
    /// As the articles and site.json are written.
    Simplified,
    /// Converted as it is written.
    Traditional(&'a Traditional),
}

impl Script<'_> {
    /// Where the tree is under the output: `""` or `zh-hant/`.
    pub fn folder(self) -> String {
        match self {
            Script::Simplified => String::new(),
            Script::Traditional(_) => format!("{}/", traditional::FOLDER),
        }
    }

    /// The article as this tree shows it.
    pub fn convert(self, article: &mut Article) {
        if let Script::Traditional(convert) = self {
            convert.article(article);
        }
    }
}

/// One tree of the output.
pub struct Tree<'a> {
    pub script: Script<'a>,
    pub site: SiteConfig,
    /// site.json as the app reads it.
    pub site_json: Value,
    /// Its URLs: the app's base path, and `--base-url` (with `zh-hant/`
    /// for the 繁體 tree) as the canonical root.
    pub urls: SiteUrls,
    /// The site's tree in the other script, if it has one: where the
    /// header's 简/繁 link leads.
    pub other_script: Option<OtherScript>,
    /// The tree's articles, in its script.
    pub plan: Plan,
    /// What the home feed tells the app about the rest of the tree.
    pub archive: Archive,
    /// Without the app's page, nothing is pre-rendered.
    pub pages: Option<Pages>,
    /// A fingerprint of what every article's files share: the tree's
    /// site.json, URLs and, with pages, the app's page and the markup
    /// every article page has.
    pub inputs: u64,
}

/// Pre-rendered pages: the release app's page and the app's components.
pub struct Pages {
    pub template: String,
    pub prerender: Prerender,
}

/// The site's tree first, then its 繁體 copy when site.json asks for one
/// (`convert`); pre-rendered from the app's page (`template`) if there is one.
pub fn trees<'a>(
    options: &Options,
    plan: Plan,
    convert: Option<&'a Traditional>,
    template: Option<String>,
) -> Result<Vec<Tree<'a>>, BuildError> {
    // Without the app's page nothing is pre-rendered, and `/` stands in.
    let base_path = template.as_deref().map_or_else(|| "/".to_string(), page::base_path);
    let urls = SiteUrls::new(&base_path, &options.base_url);
    let Some(convert) = convert else {
        return Ok(vec![Tree::simplified(options, plan, urls, None).with_pages(template)]);
    };
    let (to_traditional, to_simplified) = traditional::other_scripts(&base_path);
    let (simplified, converted) = template.map(|template| convert.templates(&template, &base_path)).unzip();
    let traditional_urls = SiteUrls::new(&to_traditional.root, &urls.file(&Script::Traditional(convert).folder()));
    let traditional =
        Tree::traditional(options, convert, &plan, traditional_urls, to_simplified)?.with_pages(converted);
    Ok(vec![Tree::simplified(options, plan, urls, Some(to_traditional)).with_pages(simplified), traditional])
}

impl<'a> Tree<'a> {
    /// The site as configured.
    fn simplified(options: &Options, plan: Plan, urls: SiteUrls, other_script: Option<OtherScript>) -> Tree<'static> {
        let archive = archive(&plan, &options.site);
        Tree {
            script: Script::Simplified,
            site: options.site.clone(),
            site_json: options.site_json.clone(),
            urls,
            other_script,
            plan,
            archive,
            pages: None,
            inputs: 0,
        }
    }

    /// The site and `plan`'s articles converted.
    fn traditional(
        options: &Options,
        convert: &'a Traditional,
        plan: &Plan,
        urls: SiteUrls,
        other_script: OtherScript,
    ) -> Result<Tree<'a>, BuildError> {
        let script = Script::Traditional(convert);
        let site_json = convert.site_json(&options.site_json);
        let text = serde_json::to_string(&site_json).expect("JSON values serialize");
        let site = SiteConfig::parse(&text).map_err(|detail| BuildError::new(script.folder() + "site.json", detail))?;
        let entries = plan.items().iter().map(|entry| {
            let mut entry = entry.clone();
            convert.article(&mut entry.article);
            entry
        });
        let plan = Plan::new(entries.collect(), &site);
        Ok(Tree {
            script,
            archive: archive(&plan, &site),
            site,
            site_json,
            urls,
            other_script: Some(other_script),
            plan,
            pages: None,
            inputs: 0,
        })
    }

    fn with_pages(mut self, template: Option<String>) -> Tree<'a> {
        self.pages = template.map(|template| Pages::new(template, &self));
        let pages = self.pages.as_ref().map(|pages| (&pages.template, pages.prerender.shared_markup()));
        self.inputs = fingerprint(&(self.script.folder(), self.site_json.to_string(), &self.urls, pages));
        self
    }

    /// The Simplified tree of a site with a 繁體 one lists that tree's
    /// sitemaps in its own sitemap index.
    pub fn lists_traditional_sitemaps(&self) -> bool {
        self.other_script.as_ref().is_some_and(|other| other.traditional)
    }

    /// The home feed: newest, headlines, each category's block, and the archive map.
    pub fn home_feed(&self) -> Value {
        let (site, urls, plan) = (&self.site, &self.urls, &self.plan);
        let mut home: Vec<usize> = (0..plan.items().len().min(HOME_LATEST)).collect();
        home.extend((0..plan.items().len()).filter(|&i| plan.items()[i].article.headline).take(HEADLINES));
        for category in &site.categories {
            home.extend(plan.category_positions(&category.slug).iter().take(site.block_size));
        }
        home.sort_unstable();
        home.dedup();
        let mut value = feed(
            site,
            urls,
            home.iter().map(|&i| item(&plan.items()[i].article, urls, site.offset_minutes(), false)).collect(),
        );
        value["feed_url"] = urls.file("feed.json").into();
        value["_portal"] = json!({ "archive": self.archive.to_json() });
        value
    }
}

fn archive(plan: &Plan, site: &SiteConfig) -> Archive {
    let docs = plan.items().len();
    Archive {
        page_size: site.page_size,
        total: docs,
        categories: site.categories.iter().map(|c| (c.slug.clone(), plan.category_positions(&c.slug).len())).collect(),
        search: (docs > 0).then(|| search::info(docs)),
    }
}

impl Pages {
    /// Pre-rendered from the home feed the app will read, so the two show the same.
    fn new(template: String, tree: &Tree) -> Pages {
        let site = &tree.site;
        let parsed =
            read_feed(&tree.home_feed(), ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None })
                .expect("the home feed just built reads back");
        let front = Arc::new(FeedIndex::new(parsed.feed.items, site));
        let prerender = Prerender::new(
            Arc::new(site.clone()),
            front,
            tree.urls.clone(),
            tree.other_script.clone(),
            tree.archive.clone(),
        );
        Pages { template, prerender }
    }
}
