//! Importing RSS, Atom and JSON Feed files as a CMS publishes them: the
//! fixtures in `fixtures/import/` were written for these tests (GBK, Big5
//! and UTF-16 bytes, CMS dates without a zone, relative links, xml:base),
//! with hostile and mistaken files beside them.

use portal_build::build::{build, Options, Report};
use portal_build::generate::{generate, Corpus};
use portal_build::import::CategoryMap;
use portal_build::BuildError;
use portal_core::site::SiteConfig;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// A site with the generated archive's 12 categories, and no articles of its own.
fn site(dir: &Path) -> (SiteConfig, Value) {
    generate(&dir.join("gen"), 1, 1, Corpus::Plain).unwrap();
    let text = std::fs::read_to_string(dir.join("gen/site.json")).unwrap();
    (SiteConfig::parse(&text).unwrap(), serde_json::from_str(&text).unwrap())
}

fn import(dir: &Path, feeds: &[PathBuf], map: &str) -> Result<Report, Vec<BuildError>> {
    let (site, site_json) = site(dir);
    let category_map = CategoryMap::parse(map, &site).unwrap();
    build(&Options {
        site,
        site_json,
        feeds: feeds.to_vec(),
        category_map,
        article_dirs: vec![],
        app_dir: None,
        base_url: "https://example.gov.cn/".into(),
        out: dir.join("site"),
        threads: 2,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    })
}

/// Every article file written, by title.
fn articles_by_title(out: &Path) -> BTreeMap<String, Value> {
    std::fs::read_dir(out.join("articles"))
        .unwrap()
        .map(|entry| {
            let value: Value = serde_json::from_slice(&std::fs::read(entry.unwrap().path()).unwrap()).unwrap();
            let item = value["items"][0].clone();
            (item["title"].as_str().unwrap().to_string(), item)
        })
        .collect()
}

const MAP: &str = r#"{"园区经济": "cyfz", "*": "tzgg"}"#;

fn all_formats() -> Vec<PathBuf> {
    ["rss2-gbk.xml", "atom-base.xml", "rss1.rdf", "feed-1.0.json", "rss2-big5.xml", "rss2-utf16.xml"]
        .map(fixture)
        .to_vec()
}

#[test]
fn rss_atom_rss1_and_json_feed_import_with_their_fields() {
    let dir = tempfile::tempdir().unwrap();
    let report = import(dir.path(), &all_formats(), MAP).unwrap();
    assert_eq!(report.articles, 7);
    let articles = articles_by_title(&dir.path().join("site"));
    let extension = |title: &str, key: &str| articles[title]["_portal"][key].clone();

    // RSS 2.0 in GBK from a TRS-style CMS: zone-less date read in the site's zone,
    // category by name, the other categories as tags, dc:creator, <source>, dc:contributor,
    // the enclosure as image, relative URLs made absolute, script removed.
    let item = &articles["开发区召开重点项目推进会"];
    assert_eq!(item["date_published"], "2023-09-15T09:39:53+08:00");
    assert_eq!(extension("开发区召开重点项目推进会", "category"), "kfqdt");
    assert_eq!(item["tags"], serde_json::json!(["项目建设"]));
    assert_eq!(item["authors"][0]["name"], "张三");
    assert_eq!(extension("开发区召开重点项目推进会", "source"), "泉州经济开发区管委会办公室");
    assert_eq!(extension("开发区召开重点项目推进会", "editor"), "陈小妮");
    assert_eq!(item["image"], "http://www.qzkfq.gov.cn/images/202309/p1.jpg");
    let body = item["content_html"].as_str().unwrap();
    assert!(body.contains(r#"src="http://www.qzkfq.gov.cn/kfqdt/202309/W020230915.jpg""#), "{body}");
    assert!(body.contains(r#"href="http://www.qzkfq.gov.cn/kfqdt/""#), "{body}");
    assert!(!body.contains("script") && !body.contains("alert"));

    // Slashes and no seconds; category through the map; RSS <author> with an address.
    let item = &articles["园区企业新增产能"];
    assert_eq!(item["date_published"], "2023-09-14T16:05:00+08:00");
    assert_eq!(extension("园区企业新增产能", "category"), "cyfz");
    assert_eq!(item["authors"][0]["name"], "李四");
    assert!(item["content_html"].as_str().unwrap().contains("&amp;同比增长一成"));

    // Atom: HTML title, xml:base on feed and entry, contributor as 责任编辑, slug as term.
    let item = &articles["招商引资签约 三个项目"];
    assert_eq!(extension("招商引资签约 三个项目", "category"), "zsyz");
    assert_eq!(item["date_published"], "2023-09-16T08:30:00+08:00");
    assert_eq!(item["summary"], "三个项目集中签约。");
    assert_eq!(item["authors"][0]["name"], "王五");
    assert_eq!(extension("招商引资签约 三个项目", "editor"), "赵六");
    let body = item["content_html"].as_str().unwrap();
    assert!(body.contains(r#"src="https://cms.example.gov.cn/site/news/2023/img/sign.png""#), "{body}");

    // RSS 1.0: dc:date, dc:publisher as 来源, no category: the map's "*".
    assert_eq!(extension("关于国庆假期值班安排的通知", "category"), "tzgg");
    assert_eq!(extension("关于国庆假期值班安排的通知", "source"), "开发区党政办");
    assert_eq!(articles["关于国庆假期值班安排的通知"]["date_published"], "2023-09-20T00:00:00+08:00");
    // JSON Feed 1.0 (through the app's reader): category from its tag.
    assert_eq!(extension("科技创新大会召开", "category"), "kjcx");
    // Big5 and UTF-16.
    assert_eq!(extension("開發區舉辦說明會", "category"), "mtjj");
    assert_eq!(extension("生态环境监测数据发布", "category"), "sthj");
}

#[test]
fn reimports_change_nothing_edits_replace_and_copies_appear_once() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("cms.xml");
    std::fs::copy(fixture("rss2-gbk.xml"), &feed).unwrap();
    let first = import(dir.path(), std::slice::from_ref(&feed), MAP).unwrap();
    let ids: Vec<String> = articles_by_title(&dir.path().join("site")).values().map(|a| a["id"].to_string()).collect();
    let again = import(dir.path(), std::slice::from_ref(&feed), MAP).unwrap();
    assert_eq!(first.articles, 2);
    let c = &again.changes;
    assert_eq!((c.added.len(), c.changed.len(), c.removed.len()), (0, 0, 0), "the same feed again: nothing to upload");

    // The CMS corrects one item: the same id, its file replaced, nothing else.
    let gbk = |text: &str| encoding_rs::GBK.encode(text).0.into_owned();
    let bytes = std::fs::read(&feed).unwrap();
    let from = gbk("alt=\"会议现场\"");
    let at = bytes.windows(from.len()).position(|w| w == from.as_slice()).unwrap();
    std::fs::write(&feed, [&bytes[..at], &gbk("alt=\"会议现场（更正）\"")[..], &bytes[at + from.len()..]].concat())
        .unwrap();
    let corrected = import(dir.path(), std::slice::from_ref(&feed), MAP).unwrap();
    let changed = &corrected.changes.changed;
    assert_eq!(changed.len(), 2, "its file, in both trees: {changed:?}");
    assert!(changed[0].starts_with("articles/feed-") && changed[1].starts_with("zh-hant/articles/feed-"));
    let after: Vec<String> =
        articles_by_title(&dir.path().join("site")).values().map(|a| a["id"].to_string()).collect();
    assert_eq!(ids, after, "ids are stable");

    // The same feed given twice, or the item in two feeds: once each.
    let twice = import(dir.path(), &[feed.clone(), fixture("rss2-gbk.xml")], MAP).unwrap();
    assert_eq!(twice.articles, 2);
    // The copy changed last wins; with equal dates the first given.
    let texts: Vec<String> =
        articles_by_title(&dir.path().join("site")).values().map(|a| a["content_html"].to_string()).collect();
    assert!(texts.iter().any(|t| t.contains("会议现场（更正）")));
}

#[test]
fn hostile_and_mistaken_feeds_are_refused_with_the_file_and_the_output_stays() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), &[fixture("rss2-gbk.xml")], MAP).unwrap();
    let before = std::fs::read(dir.path().join("site/feed.json")).unwrap();

    let huge = dir.path().join("huge.xml");
    std::fs::File::create(&huge).unwrap().set_len(200 << 20).unwrap(); // sparse: nothing is read
    let cases: Vec<(PathBuf, &str)> = vec![
        (fixture("bomb.xml"), "<!ENTITY>"),
        (fixture("xxe.xml"), "<!ENTITY>"),
        (fixture("undeclared-entity.xml"), "第 2 行"),
        (fixture("malformed.xml"), "第 4 行"),
        (fixture("gbk-undeclared.xml"), "encoding=\"GBK\""),
        (fixture("utf8-declared-gbk.xml"), "内容是 UTF-8"),
        (fixture("unknown-category.xml"), "没有栏目"),
        (huge.clone(), "超过上限"),
    ];
    let started = std::time::Instant::now();
    let files: Vec<PathBuf> = cases.iter().map(|(file, _)| file.clone()).collect();
    let errors = import(dir.path(), &files, r#"{"园区经济": "cyfz"}"#).unwrap_err();
    assert!(started.elapsed().as_secs() < 10, "refused at once, not expanded");
    // Every problem at once, each naming its file.
    for (file, expected) in &cases {
        let name = file.display().to_string();
        assert!(
            errors.iter().any(|e| e.file == name && e.detail.contains(expected)),
            "{name}: expected “{expected}” in {errors:#?}"
        );
    }
    let unknown = fixture("unknown-category.xml").display().to_string();
    let about_unknown: Vec<&BuildError> = errors.iter().filter(|e| e.file == unknown).collect();
    assert!(about_unknown.iter().any(|e| e.detail.contains("“其他新闻”")));
    assert!(about_unknown.iter().any(|e| e.detail.contains("“上周五”")));
    assert!(about_unknown.iter().any(|e| e.detail.contains("（日期不对）没有可识别的发布日期")));
    assert!(errors.iter().all(|e| !e.detail.contains("root:")), "no local file was read");
    assert_eq!(std::fs::read(dir.path().join("site/feed.json")).unwrap(), before, "the output is untouched");
}

#[test]
fn a_category_map_names_only_the_sites_categories() {
    let dir = tempfile::tempdir().unwrap();
    let (site, _) = site(dir.path());
    assert!(CategoryMap::parse(r#"{"园区经济": "nope"}"#, &site).unwrap_err().contains("nope"));
    assert!(CategoryMap::parse("[]", &site).is_err());
    assert!(CategoryMap::parse(r#"{"园区经济": "cyfz"}"#, &site).is_ok());
}
