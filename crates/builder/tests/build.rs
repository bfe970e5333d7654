//! The archive builder end to end on small generated and hand-written inputs.

use portal_build::build::{build, Options};
use portal_build::generate::{generate, Corpus};
use portal_core::site::SiteConfig;
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).unwrap()
}

fn options(source: &Path, out: &Path, app: Option<&Path>) -> Options {
    let text = std::fs::read_to_string(source.join("site.json")).unwrap();
    Options {
        site: SiteConfig::parse(&text).unwrap(),
        site_json: serde_json::from_str(&text).unwrap(),
        feeds: vec![],
        category_map: Default::default(),
        article_dirs: vec![source.join("articles")],
        app_dir: app.map(Path::to_path_buf),
        base_url: "https://example.gov.cn/news/".into(),
        out: out.to_path_buf(),
        threads: 2,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    }
}

fn app_dir(root: &Path) -> std::path::PathBuf {
    let app = root.join("app");
    std::fs::create_dir_all(app.join("images")).unwrap();
    std::fs::write(app.join("index.html"), "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <meta charset=\"utf-8\">\n  <base href=\"/news/\">\n  <title>站点</title>\n</head>\n<body>\n</body>\n</html>\n").unwrap();
    std::fs::write(app.join("portal-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(app.join("feed.json"), "{}").unwrap();
    std::fs::write(app.join("images/logo.svg"), "<svg/>").unwrap();
    app
}

#[test]
fn shards_chain_and_carry_neighbours_and_related_across_page_boundaries() {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("src"), 1000, 7, Corpus::Plain).unwrap();
    let out = dir.path().join("site");
    let report = build(&options(&dir.path().join("src"), &out, None)).unwrap();
    assert_eq!(report.articles, 1000);

    let home = read(&out.join("feed.json"));
    assert_eq!(home["version"], "https://jsonfeed.org/version/1.1");
    let archive = &home["_portal"]["archive"];
    assert_eq!(archive["total"], 1000);
    assert_eq!(archive["page_size"], 20);
    // 1000 articles over 12 categories in turn: cyfz (4th) has 84 → 5 pages.
    assert_eq!(archive["categories"]["cyfz"]["count"], 84);
    assert_eq!(archive["categories"]["cyfz"]["pages"], 5);
    assert!(std::fs::metadata(out.join("feed.json")).unwrap().len() < 100_000);

    // Parts chain with next_url from the newest, part 5, to the oldest and
    // hold every article once, newest first; only the newest part is short.
    let mut ids = Vec::new();
    let mut dates = Vec::new();
    let mut part = 5;
    loop {
        let file = out.join(format!("feeds/cyfz/part-{part}.json"));
        assert!(std::fs::metadata(&file).unwrap().len() < 100_000);
        let value = read(&file);
        let items = value["items"].as_array().unwrap();
        assert_eq!(items.len(), if part == 5 { 4 } else { 20 });
        for item in items {
            ids.push(item["id"].as_str().unwrap().to_string());
            dates.push(item["date_published"].as_str().unwrap().to_string());
            assert!(item.get("content_html").is_none(), "list pages carry summaries only");
            assert!(item["content_text"].is_string(), "JSON Feed items need content");
        }
        match value.get("next_url").and_then(Value::as_str) {
            Some(next) => {
                assert_eq!(next, format!("https://example.gov.cn/news/feeds/cyfz/part-{}.json", part - 1));
                part -= 1;
            }
            None => break,
        }
    }
    assert_eq!(part, 1);
    assert_eq!(ids.len(), 84);
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    // The last article of page 1 and the first of page 2 point at each other.
    let last_of_first = read(&out.join(format!("articles/{}.json", ids[19])));
    let first_of_second = read(&out.join(format!("articles/{}.json", ids[20])));
    assert_eq!(last_of_first["items"][0]["_portal"]["next"]["id"], ids[20].as_str());
    assert_eq!(first_of_second["items"][0]["_portal"]["previous"]["id"], ids[19].as_str());
    assert!(read(&out.join(format!("articles/{}.json", ids[0])))["items"][0]["_portal"].get("previous").is_none());
    assert!(read(&out.join(format!("articles/{}.json", ids[83])))["items"][0]["_portal"].get("next").is_none());

    // Related: never itself, no duplicates, each shares the category or a tag.
    for id in [&ids[0], &ids[20], &ids[83]] {
        let item = &read(&out.join(format!("articles/{id}.json")))["items"][0];
        assert!(item["content_html"].as_str().unwrap().starts_with("<p>"));
        let related: Vec<&str> =
            item["_portal"]["related_items"].as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(related.len(), 6);
        assert!(!related.contains(&id.as_str()));
        let mut unique = related.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), related.len());
        let tags: Vec<&str> = item["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        for other in related {
            let other = &read(&out.join(format!("articles/{other}.json")))["items"][0];
            let shares = other["_portal"]["category"] == "cyfz"
                || other["tags"].as_array().unwrap().iter().any(|t| tags.contains(&t.as_str().unwrap()));
            assert!(shares, "{} shares nothing with {id}", other["id"]);
        }
    }

    let sitemap = std::fs::read_to_string(out.join("sitemap-1.xml")).unwrap();
    // Home, 网站地图, the categories and the articles.
    assert_eq!(sitemap.matches("<url>").count(), 2 + 12 + 1000);
    assert!(sitemap.contains("<loc>https://example.gov.cn/news/article/n000000</loc>"));
    assert!(std::fs::read_to_string(out.join("sitemap.xml")).unwrap().contains("sitemap-1.xml"));
    assert_eq!(read(&out.join("sitemap.json"))["categories"][3]["count"], 84);
}

/// 30 generated articles built with a stand-in app: (temporary folder,
/// app folder, output folder).
fn site_with_app() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("src"), 30, 3, Corpus::Plain).unwrap();
    let app = app_dir(dir.path());
    let out = dir.path().join("site");
    build(&options(&dir.path().join("src"), &out, Some(&app))).unwrap();
    (dir, app, out)
}

#[test]
fn crawler_pages_carry_the_article_and_its_meta_tags() {
    let (_dir, _app, out) = site_with_app();
    // The app is copied in, its demo feed is not.
    assert!(out.join("portal-0123456789abcdef_bg.wasm").exists());
    assert!(out.join("images/logo.svg").exists());
    assert!(read(&out.join("feed.json"))["_portal"]["archive"].is_object());
    assert_eq!(read(&out.join("site.json"))["name"], "合成档案测试站");

    let page = std::fs::read_to_string(out.join("article/n000000/index.html")).unwrap();
    let article = &read(&out.join("articles/n000000.json"))["items"][0];
    let title = article["title"].as_str().unwrap();
    assert!(page.contains(&format!("<title>{title} - 合成档案测试站</title>")));
    assert_eq!(page.matches("<title>").count(), 1);
    for tag in [
        "<link rel=\"canonical\" href=\"https://example.gov.cn/news/article/n000000\">",
        "<meta property=\"og:type\" content=\"article\">",
        &format!("<meta property=\"og:title\" content=\"{title}\">"),
        "<meta property=\"og:url\" content=\"https://example.gov.cn/news/article/n000000\">",
        "<meta property=\"og:image\" content=\"https://example.gov.cn/news/images/",
        "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        "<meta name=\"SiteName\" content=\"合成档案测试站\">",
        "<meta name=\"SiteDomain\" content=\"example.gov.cn\">",
        "<meta name=\"SiteIDCode\" content=\"0000000000\">",
        "<meta name=\"ColumnName\" content=\"开发区动态\">",
        &format!("<meta name=\"ArticleTitle\" content=\"{title}\">"),
        "<meta name=\"PubDate\" content=\"",
        "<meta name=\"ContentSource\" content=\"泉州经济开发区\">",
        "<meta name=\"Author\" content=\"记者",
        "<meta name=\"Description\" content=\"",
        "<meta name=\"Url\" content=\"https://example.gov.cn/news/article/n000000\">",
        "<base href=\"/news/\">",
    ] {
        assert!(page.contains(tag), "missing {tag}");
    }
    // The app's own components: header, breadcrumb, article, footer, with the app's links under <base href>.
    assert!(page.contains("<meta name=\"author\" content=\"记者"));
    assert!(page.contains("<div id=\"prerender\" data-path=\"/news/article/n000000\" data-files=\"articles/n000000.json\" data-mourning-days=\"2020-04-04\" data-utc-offset=\"480\"><header class=\"site-header\">"));
    assert!(page.contains("<li><a href=\"/news/category/kfqdt\">开发区动态</a></li></ol></nav><article aria-labelledby=\"article-title\" class=\"article\">"));
    assert!(page.contains(&format!("<h1 id=\"article-title\">{title}</h1>")));
    for part in [
        "<section aria-labelledby=\"share-heading\" class=\"share-bar\">",
        "<section aria-labelledby=\"related-heading\" class=\"related\">",
        "<aside aria-label=\"栏目推荐\" class=\"side-blocks\">",
        "<footer class=\"site-footer\">",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    assert!(page.contains(&article["content_html"].as_str().unwrap()[..60]), "the article text is in the HTML");
}

#[test]
fn bad_input_reports_every_problem_and_leaves_the_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 12, 1, Corpus::Plain).unwrap();
    let out = dir.path().join("site");
    build(&options(&source, &out, None)).unwrap();
    let before = std::fs::read(out.join("feed.json")).unwrap();

    let articles = source.join("articles");
    std::fs::write(
        articles.join("bad-category.html"),
        "---\nid: bad1\ntitle: 标题\ndate: 2026-01-01T00:00:00+08:00\ncategory: nowhere\n---\n<p>x</p>",
    )
    .unwrap();
    std::fs::write(
        articles.join("bad-date.html"),
        "---\nid: bad2\ntitle: 标题\ndate: someday\ncategory: cyfz\n---\n<p>x</p>",
    )
    .unwrap();
    std::fs::write(articles.join("fine-undated.html"), "---\nid: about\ntitle: 关于我们\n---\n<p>x</p>").unwrap();
    std::fs::write(
        articles.join("bad-id.html"),
        "---\nid: a/b\ntitle: 标题\ndate: 2026-01-01T00:00:00+08:00\ncategory: cyfz\n---\n<p>x</p>",
    )
    .unwrap();
    std::fs::write(
        articles.join("duplicate.html"),
        "---\nid: n000001\ntitle: 重复\ndate: 2026-01-01T00:00:00+08:00\ncategory: cyfz\n---\n<p>x</p>",
    )
    .unwrap();
    std::fs::write(articles.join("bad-key.html"), "---\nid: bad5\ntitel: 拼错\n---\n<p>x</p>").unwrap();
    std::fs::write(articles.join("bad-related.html"), "---\nid: bad6\ntitle: 标题\ndate: 2026-01-01T00:00:00+08:00\ncategory: cyfz\nrelated: missing-one\n---\n<p>x</p>").unwrap();

    let errors = build(&options(&source, &out, None)).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let has = |file: &str, words: &str| text.iter().any(|e| e.contains(file) && e.contains(words));
    assert!(has("bad-category.html", "栏目 “nowhere”"), "{text:#?}");
    assert!(has("bad-date.html", "date_published"), "{text:#?}");
    assert!(has("bad-id.html", "a/b"), "{text:#?}");
    assert!(has("duplicate.html", "n000001") || has("n000001.html", "重复"), "{text:#?}");
    assert!(has("bad-key.html", "titel"), "{text:#?}");
    assert!(has("bad-related.html", "missing-one"), "{text:#?}");
    assert!(
        !text.iter().any(|e| e.contains("fine-undated.html")),
        "pages without date or category are fine: {text:#?}"
    );
    assert_eq!(std::fs::read(out.join("feed.json")).unwrap(), before, "the previous output is untouched");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_json_feed_is_an_input_too() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("public/site.json")).unwrap();
    let out = dir.path().join("site");
    let report = build(&Options {
        site: SiteConfig::parse(&text).unwrap(),
        site_json: serde_json::from_str(&text).unwrap(),
        feeds: vec![root.join("tests/e2e/fixtures/archive-feed.json")],
        category_map: Default::default(),
        article_dirs: vec![],
        app_dir: None,
        base_url: "https://example.gov.cn/".into(),
        out: out.clone(),
        threads: 1,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    })
    .unwrap();
    assert_eq!(report.articles, 3);
    let article = read(&out.join("articles/f2.json"));
    assert_eq!(article["items"][0]["_portal"]["previous"]["id"], "f3");
    assert_eq!(article["items"][0]["_portal"]["next"]["id"], "f1");
    assert!(article["items"][0]["content_html"].as_str().unwrap().contains("<figcaption>图说</figcaption>"));
}

#[test]
fn home_and_category_pages_are_pre_rendered_and_deep_links_get_the_plain_app() {
    let (_dir, app, out) = site_with_app();

    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("<title>合成档案测试站</title>"));
    assert!(home.contains("<div id=\"prerender\" data-path=\"/news/\" data-mourning-days=\"2020-04-04\" data-utc-offset=\"480\"><header class=\"site-header\">"));
    assert!(home.contains("<li><a href=\"/news/\" aria-current=\"page\">首页</a></li>"));
    assert!(home.contains("<main id=\"main\" tabindex=\"-1\"><h1 class=\"visually-hidden\">合成档案测试站首页</h1>"));
    let site = read(&out.join("site.json"));
    let feed = read(&out.join("feed.json"));
    let newest = feed["items"][0]["id"].as_str().unwrap();
    // The app's links, under its <base href="/news/">.
    assert!(home.contains(&format!("href=\"/news/article/{newest}\"")), "the newest article is listed");
    for category in site["categories"].as_array().unwrap() {
        assert!(home.contains(&format!(
            "<a href=\"/news/category/{}\" class=\"more\">[更多",
            category["slug"].as_str().unwrap()
        )));
    }
    assert_eq!(home.matches("<title>").count(), 1);

    // 3 of the 30 articles: page 1 is all of part 1.
    let first_page = read(&out.join("feeds/kfqdt/part-1.json"))["items"].as_array().unwrap().clone();
    assert_eq!(first_page.len(), 3);
    let category = std::fs::read_to_string(out.join("category/kfqdt/index.html")).unwrap();
    assert!(category.contains("<title>开发区动态 - 合成档案测试站</title>"));
    assert!(category.contains(
        "<div id=\"prerender\" data-path=\"/news/category/kfqdt\" data-files=\"feeds/kfqdt/part-1.json\" data-mourning-days"
    ));
    assert!(category.contains("<li><a href=\"/news/category/kfqdt\" aria-current=\"page\">开发区动态</a></li>"));
    assert!(category.contains("<section class=\"category-page\"><h1>开发区动态</h1><ul class=\"article-list\">"));
    for item in &first_page {
        assert!(category.contains(&format!(
            "<a href=\"/news/article/{}\">{}</a>",
            item["id"].as_str().unwrap(),
            item["title"].as_str().unwrap()
        )));
    }

    // 我为政府网站找错 reports the page it is on.
    let report = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=0000000000&amp;url=https%3A%2F%2Fexample.gov.cn%2Fnews%2F";
    assert!(home.contains(&format!("{report}\"")));
    assert!(category.contains(&format!("{report}category%2Fkfqdt\"")));

    let sitemap = std::fs::read_to_string(out.join("sitemap/index.html")).unwrap();
    assert!(sitemap.contains("<title>网站地图 - 合成档案测试站</title>"));
    assert!(sitemap.contains("<div id=\"prerender\" data-path=\"/news/sitemap\" data-mourning-days"));
    for category in read(&out.join("sitemap.json"))["categories"].as_array().unwrap() {
        let (name, count) = (category["name"].as_str().unwrap(), category["count"].as_u64().unwrap());
        assert!(sitemap.contains(&format!(">{name}</a><span class=\"sitemap-count\">共 {count} 篇，")), "{name}");
    }

    // The app's page, marked with where its 繁體 copy is.
    let plain = std::fs::read_to_string(out.join("app.html")).unwrap();
    let marks = " data-script=\"hans\" data-other-script=\"/news/zh-hant/\"";
    assert_eq!(plain.replacen(marks, "", 1), std::fs::read_to_string(app.join("index.html")).unwrap());
}

#[test]
fn an_archive_and_the_same_articles_as_one_feed_agree_on_order_neighbours_and_related() {
    use portal_core::feed::{read_feed, ReadOptions};
    use portal_core::index::FeedIndex;
    let dir = tempfile::tempdir().unwrap();
    let site_text = r#"{"name":"站","timezone":"+08:00","page_size":4,"categories":[{"slug":"a","name":"甲"},{"slug":"b","name":"乙"}]}"#;
    // Ids against the feed's order, and many equal dates: ties keep the feed's order in both modes.
    let items: Vec<Value> = (0..30)
        .map(|n| {
            let (tag, category) = (["甲", "乙", "丙"][n % 3], ["a", "b"][n % 2]);
            serde_json::json!({
                "id": format!("x{:02}", 29 - n),
                "title": format!("标题{n}"),
                "content_html": "<p>正文</p>",
                "date_published": format!("2026-01-{:02}T08:00:00+08:00", 20 - n / 4),
                "tags": [tag],
                "_portal": { "category": category },
            })
        })
        .collect();
    let feed = serde_json::json!({ "version": "https://jsonfeed.org/version/1.1", "title": "站", "items": items });
    let feed_path = dir.path().join("feed.json");
    std::fs::write(&feed_path, feed.to_string()).unwrap();
    let out = dir.path().join("site");
    let site = SiteConfig::parse(site_text).unwrap();
    let options = Options {
        site: site.clone(),
        site_json: serde_json::from_str(site_text).unwrap(),
        feeds: vec![feed_path],
        category_map: Default::default(),
        article_dirs: vec![],
        app_dir: None,
        base_url: "https://example.gov.cn/".into(),
        out: out.clone(),
        threads: 2,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    };
    build(&options).unwrap();

    let parsed =
        read_feed(&feed, ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None }).unwrap();
    let single = FeedIndex::new(parsed.feed.items, &site);
    let ids = |list: &Value| {
        list.as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap().to_string()).collect::<Vec<_>>()
    };
    for slug in ["a", "b"] {
        let expected: Vec<String> = single.category(slug).iter().map(|a| a.id.clone()).collect();
        let parts = expected.len().div_ceil(4);
        let archived: Vec<String> = (1..=parts)
            .rev()
            .flat_map(|n| ids(&read(&out.join(format!("feeds/{slug}/part-{n}.json")))["items"]))
            .collect();
        assert_eq!(archived, expected, "order of {slug}");
    }
    for article in single.items() {
        let view = single.view(&article.id, site.related_count).unwrap();
        let file = &read(&out.join(format!("articles/{}.json", article.id)))["items"][0]["_portal"];
        let id = |r: &Option<portal_core::feed::ArticleRef>| r.as_ref().map(|r| r.id.clone());
        assert_eq!(
            file["previous"]["id"].as_str().map(String::from),
            id(&view.around.previous),
            "上一篇 of {}",
            article.id
        );
        assert_eq!(file["next"]["id"].as_str().map(String::from), id(&view.around.next), "下一篇 of {}", article.id);
        assert_eq!(
            ids(&file["related_items"]),
            view.around.related.iter().map(|r| r.id.clone()).collect::<Vec<_>>(),
            "相关阅读 of {}",
            article.id
        );
        assert!(!view.around.related.is_empty());
    }
}

/// Every file below `root`, by relative path, with its bytes.
fn tree(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.insert(path.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 300, 3, Corpus::Plain).unwrap();
    let app = app_dir(dir.path());
    let (first, second) = (dir.path().join("first"), dir.path().join("second"));
    build(&options(&source, &first, Some(&app))).unwrap();
    build(&Options { threads: 3, ..options(&source, &second, Some(&app)) }).unwrap();
    let (a, b) = (tree(&first), tree(&second));
    assert!(a.len() > 600, "{} files", a.len());
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(bytes == &b[path], "{path} differs between two builds");
    }
}

#[test]
fn the_traditional_tree_is_the_same_site_converted() {
    let (_dir, _app, out) = site_with_app();
    let hant = out.join("zh-hant");
    let site = read(&hant.join("site.json"));
    assert_eq!(site["name"], "合成檔案測試站");
    assert_eq!(site["categories"][0], serde_json::json!({"slug": "kfqdt", "name": "開發區動態"}));
    assert_eq!(site["footer"]["copyright"], "测试站点", "kept as written");
    let plain = &read(&out.join("articles/n000000.json"))["items"][0];
    let converted = &read(&hant.join("articles/n000000.json"))["items"][0];
    assert_eq!(converted["id"], plain["id"]);
    assert_eq!(converted["_portal"]["category"], plain["_portal"]["category"]);
    let source =
        portal_core::site::SiteConfig::parse(&std::fs::read_to_string(out.join("site.json")).unwrap()).unwrap();
    let convert = portal_build::traditional::Traditional::new(&source).unwrap();
    assert_eq!(converted["title"].as_str().unwrap(), convert.text(plain["title"].as_str().unwrap()));
    assert!(plain["content_html"].as_str().unwrap().contains("会议"));
    assert!(converted["content_html"].as_str().unwrap().contains("會議"));
    let ids = |item: &serde_json::Value, key: &str| -> Vec<serde_json::Value> {
        item["_portal"][key].as_array().unwrap().iter().map(|r| r["id"].clone()).collect()
    };
    assert_eq!(ids(converted, "related_items"), ids(plain, "related_items"), "the same 相关阅读");
    assert_eq!(converted["_portal"]["next"]["id"], plain["_portal"]["next"]["id"]);
    assert_eq!(
        read(&hant.join("feed.json"))["items"].as_array().unwrap().len(),
        read(&out.join("feed.json"))["items"].as_array().unwrap().len()
    );

    let page = std::fs::read_to_string(hant.join("article/n000000/index.html")).unwrap();
    for part in [
        "<html data-script=\"hant\" data-other-script=\"/news/\" lang=\"zh-Hant\">",
        "<base href=\"/news/zh-hant/\">",
        "<link rel=\"canonical\" href=\"https://example.gov.cn/news/zh-hant/article/n000000\">",
        "<span>合成檔案測試站</span>",
        "<a href=\"/news/article/n000000\" rel=\"external\" lang=\"zh-CN\" aria-label=\"简体中文版\" class=\"script-switch\">简</a>",
        "url=https%3A%2F%2Fexample.gov.cn%2Fnews%2Fzh-hant%2Farticle%2Fn000000",
    ] {
        assert!(page.contains(part), "missing {part}");
    }
    assert!(page.contains(converted["title"].as_str().unwrap()));
    let simplified = std::fs::read_to_string(out.join("article/n000000/index.html")).unwrap();
    assert!(simplified.contains("<html data-script=\"hans\" data-other-script=\"/news/zh-hant/\" lang=\"zh-CN\">"));
    assert!(simplified.contains("<a href=\"/news/zh-hant/article/n000000\" rel=\"external\" lang=\"zh-Hant\" aria-label=\"繁體中文版\" class=\"script-switch\">繁</a>"));
    assert!(std::fs::read_to_string(hant.join("category/kfqdt/index.html")).unwrap().contains("<h1>開發區動態</h1>"));
    assert!(std::fs::read_to_string(hant.join("sitemap/index.html")).unwrap().contains(">開發區動態</a>"));

    // Its images beside it, the bundle not copied twice.
    assert!(hant.join("images/logo.svg").exists());
    assert!(!hant.join("portal-0123456789abcdef_bg.wasm").exists());
    let index = std::fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(index.contains("<loc>https://example.gov.cn/news/zh-hant/sitemap-1.xml</loc>"));
    assert!(std::fs::read_to_string(hant.join("sitemap-1.xml"))
        .unwrap()
        .contains("<loc>https://example.gov.cn/news/zh-hant/article/n000000</loc>"));
}

#[test]
fn a_build_cleans_up_after_one_killed_part_way() {
    let dir = tempfile::tempdir().unwrap();
    generate(&dir.path().join("src"), 12, 5, Corpus::Plain).unwrap();
    let out = dir.path().join("site");
    let leftover = |name: &str| {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.join("articles")).unwrap();
        std::fs::write(path.join("articles/x.json"), "{}").unwrap();
        path
    };
    // Killed while writing (no such process now), or while swapping after the old tree was moved aside.
    let killed = leftover(".site.building-4000000");
    let moved_aside = leftover(".site.old-4000001");
    std::fs::write(moved_aside.join("marker"), "the previous tree").unwrap();
    // A build still running (this process) keeps its folder.
    let running = leftover(&format!(".site.building-{}", std::process::id()));
    let other_site = leftover(".other.building-4000002");
    // With `site` missing, the tree moved aside is the previous output: it
    // is put back, and stays when the build then fails.
    let mut broken = options(&dir.path().join("src"), &out, None);
    broken.article_dirs = vec![dir.path().join("no-such-folder")];
    assert!(build(&broken).is_err());
    assert_eq!(std::fs::read_to_string(out.join("marker")).unwrap(), "the previous tree");
    assert!(!killed.exists() && !moved_aside.exists());
    assert!(running.exists() && other_site.exists(), "not this output's, or not dead");

    build(&options(&dir.path().join("src"), &out, None)).unwrap();
    assert!(!out.join("marker").exists(), "replaced by the new build");
    assert!(out.join("feed.json").exists());

    // Killed during a later swap while `site` exists: the moved-aside copy is just removed.
    let moved_aside = leftover(".site.old-4000003");
    build(&options(&dir.path().join("src"), &out, None)).unwrap();
    assert!(!moved_aside.exists());
}

#[test]
fn each_build_lists_what_changed_against_the_tree_it_replaced() {
    use portal_build::changes::MANIFEST;
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 60, 9, Corpus::Plain).unwrap();
    let app = app_dir(dir.path());
    let out = dir.path().join("site");
    let build_now = || build(&options(&source, &out, Some(&app))).unwrap();
    let counts = |report: &portal_build::build::Report| {
        let c = &report.changes;
        (c.added.len(), c.changed.len(), c.removed.len())
    };

    let first = build_now();
    assert!(!first.changes.compared, "nothing to compare with");
    assert_eq!(counts(&first), (first.files, 0, 0));
    assert!(!first.changes.added.iter().any(|path| path == MANIFEST), "the manifest is never to be uploaded");
    let list = read(&dir.path().join("site.changes.json"));
    assert_eq!(list["added"].as_array().unwrap().len(), first.files);
    let again = build_now();
    assert_eq!(counts(&again), (0, 0, 0), "the same input, nothing to upload: {:?}", again.changes);

    // An edit to one article's body: its own files and nothing else (its
    // text is in no list, page or neighbour).
    let file = source.join("articles/n000030.html");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("</p>", "（更正）</p>")).unwrap();
    // A dry run lists the same and writes nothing: not the tree, not the list beside it.
    let beside = || std::fs::read(dir.path().join("site.changes.json")).unwrap();
    let before = (tree(&out), beside());
    let dry = build(&Options { dry_run: true, ..options(&source, &out, Some(&app)) }).unwrap();
    assert!((tree(&out), beside()) == before, "the dry run changed the output");
    let staged = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".site."));
    assert_eq!(staged.count(), 0, "nor left its staging folder");
    let edited = build_now();
    assert_eq!(dry.changes, edited.changes);
    // Its text is also in 站内搜索's index: some of the tail's shards change.
    let (search, others): (Vec<&String>, Vec<&String>) =
        edited.changes.changed.iter().partition(|path| path.contains("search/"));
    assert!(!search.is_empty() && search.iter().all(|path| path.contains("search/t/")), "{search:?}");
    assert_eq!(
        others,
        [
            "article/n000030/index.html",
            "articles/n000030.json",
            "zh-hant/article/n000030/index.html",
            "zh-hant/articles/n000030.json"
        ]
    );
    assert_eq!(counts(&edited), (0, 4 + search.len(), 0));

    // Deleted: its files are removed, and the pages that listed it change.
    std::fs::remove_file(&file).unwrap();
    let deleted = build_now();
    for path in ["articles/n000030.json", "article/n000030/index.html", "zh-hant/articles/n000030.json"] {
        assert!(deleted.changes.removed.iter().any(|p| p == path), "{path} removed");
    }
    assert!(deleted.changes.added.is_empty());
    assert!(deleted.changes.changed.iter().any(|p| p == "feed.json" || p.starts_with("feeds/")));
}

#[test]
fn rss_and_atom_read_back_with_a_feed_parser() {
    let (_dir, _app, out) = site_with_app();
    let newest = |json: &Value| -> Vec<(String, String, i64)> {
        json["items"].as_array().unwrap()[..20.min(json["items"].as_array().unwrap().len())]
            .iter()
            .map(|item| {
                let at = portal_core::date::parse(item["date_published"].as_str().unwrap(), 0).unwrap();
                (item["title"].as_str().unwrap().to_string(), item["url"].as_str().unwrap().to_string(), at)
            })
            .collect()
    };
    let site_newest = newest(&read(&out.join("feed.json")));
    let category_newest = newest(&read(&out.join("feeds/kfqdt/part-1.json")));
    for (file, expected, title) in [
        ("rss.xml", &site_newest, "合成档案测试站"),
        ("atom.xml", &site_newest, "合成档案测试站"),
        ("feeds/kfqdt/rss.xml", &category_newest, "开发区动态 - 合成档案测试站"),
        ("feeds/kfqdt/atom.xml", &category_newest, "开发区动态 - 合成档案测试站"),
    ] {
        let bytes = std::fs::read(out.join(file)).unwrap();
        let feed = feed_rs::parser::parse(bytes.as_slice()).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.title.unwrap().content, title, "{file}");
        let entries: Vec<(String, String, i64)> = feed
            .entries
            .iter()
            .map(|e| (e.title.clone().unwrap().content, e.links[0].href.clone(), e.published.unwrap().timestamp()))
            .collect();
        assert_eq!(&entries, expected, "{file}");
        assert!(feed.entries[0].summary.is_some(), "{file}");
    }
    let page = std::fs::read_to_string(out.join("category/kfqdt/index.html")).unwrap();
    assert!(page.contains(
        "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"合成档案测试站 (RSS)\" href=\"rss.xml\">"
    ));
    assert!(page.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"开发区动态 - 合成档案测试站 (Atom)\" href=\"feeds/kfqdt/atom.xml\">"));
    assert!(std::fs::read_to_string(out.join("zh-hant/rss.xml")).unwrap().contains("<title>合成檔案測試站</title>"));
}

/// Publishing one article touches a bounded set of files, however large the
/// archive: its own, its category's newest part and page, its older
/// neighbour, the home feed and pages, the syndication feeds and sitemaps.
#[test]
fn publishing_one_article_rewrites_only_the_newest_part_and_a_few_files() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 600, 4, Corpus::Plain).unwrap();
    let app = app_dir(dir.path());
    let out = dir.path().join("site");
    build(&options(&source, &out, Some(&app))).unwrap();
    let before = tree(&out);

    let newest = std::fs::read_to_string(source.join("articles/n000000.html")).unwrap();
    let date = newest.lines().find_map(|l| l.strip_prefix("date: ")).unwrap();
    let published = newest
        .replace("id: n000000", "id: fresh")
        .replace(&format!("date: {date}"), "date: 2030-01-01T09:00:00+08:00")
        .replace("headline: true", "headline: false");
    std::fs::write(source.join("articles/fresh.html"), published).unwrap();
    let report = build(&options(&source, &out, Some(&app))).unwrap();
    let changes = &report.changes;
    let (search, touched): (Vec<&String>, Vec<&String>) =
        changes.added.iter().chain(&changes.changed).partition(|path| path.contains("search/"));
    // 站内搜索: only the tail's shards, the last rows file and the days.
    let limit = 2 * (portal_core::search_index::TAIL_SHARDS as usize + 2);
    assert!(search.len() <= limit && !search.iter().any(|p| p.contains("search/g/")), "{search:?}");
    let parts: Vec<&&String> = touched.iter().filter(|p| p.contains("/part-")).collect();
    assert_eq!(parts.len(), 2, "one part per tree: {parts:?}");
    let articles: Vec<&&String> = touched.iter().filter(|p| p.contains("articles/")).collect();
    assert_eq!(articles.len(), 4, "its own file and its older neighbour's, per tree: {articles:?}");
    assert!(touched.len() <= 40, "{} files: {touched:?}", touched.len());
    let sitemaps: Vec<&&String> = touched.iter().filter(|p| p.contains("sitemap-")).collect();
    assert_eq!(sitemaps.len(), 2, "the last sitemap file, per tree: {sitemaps:?}");
    assert!(changes.removed.is_empty());

    // Every part but the category's newest is byte for byte what it was.
    let after = tree(&out);
    let category = newest.lines().find_map(|l| l.strip_prefix("category: ")).unwrap();
    for (path, bytes) in &before {
        if path.contains("/part-") && !parts.iter().any(|p| **p == path) {
            assert_eq!(&after[path], bytes, "{path}");
        }
    }
    assert!(parts.iter().all(|p| p.contains(&format!("feeds/{category}/"))));
}

/// 站内搜索's index, written with each tree: the same shards in both, rows
/// in each tree's script, and a search of every kind of query agrees with
/// a brute-force scan of the articles as written.
#[test]
fn the_search_index_finds_what_a_scan_of_every_article_finds() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    // Past one sealed part of 1,024, so both the sealed shards and the tail are read.
    generate(&source, 1500, 5, Corpus::Plain).unwrap();
    let out = dir.path().join("site");
    build(&options(&source, &out, None)).unwrap();
    let home = read(&out.join("feed.json"));
    assert_eq!(home["_portal"]["archive"]["search"]["docs"], 1500);
    let files = tree(&out);
    let shards: Vec<&String> =
        files.keys().filter(|p| p.starts_with("search/g/") || p.starts_with("search/t/")).collect();
    assert!(shards.iter().any(|p| p.starts_with("search/g/")) && shards.iter().any(|p| p.starts_with("search/t/")));
    for shard in &shards {
        assert_eq!(files[*shard], files[&format!("zh-hant/{shard}")], "{shard}: the same index in both trees");
    }
    let rows = |path: &str| String::from_utf8(files[path].clone()).unwrap();
    assert!(rows("search/rows/0.json").contains("开发区") || rows("search/rows/0.json").contains("园区"));
    assert_ne!(rows("search/rows/0.json"), rows("zh-hant/search/rows/0.json"), "titles in 繁體");

    let report = portal_build::search_check::check(&out, 120, 3, &[]).unwrap();
    assert_eq!(report.lines.len(), 120);
    assert!(report.summary.contains("recall 100.000%"), "{}", report.summary);
    // Words of up to three characters are found exactly.
    for line in &report.lines {
        let line: Value = serde_json::from_str(line).unwrap();
        if line["q"].as_str().unwrap().chars().count() <= 3 {
            assert_eq!(line["found"], line["expected"], "{line}");
        }
    }
}

/// Where the index's grams mislead: on an adversarial archive, every page of
/// each phrase of 4 to 12 characters (and of two words) shows exactly the
/// articles a scan finds there, the first page's count is an estimate, and
/// the last page's is exact.
#[test]
fn every_page_of_an_adversarial_archive_shows_exactly_what_a_scan_finds() {
    use portal_build::generate::{has_phrase, ADVERSARIAL_PHRASES};
    use portal_build::search_check::{self, Tree};
    use portal_core::paging;
    use portal_core::search_pages::Count;

    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 1500, 5, Corpus::Adversarial).unwrap();
    let out = dir.path().join("site");
    build(&options(&source, &out, None)).unwrap();
    let tree = Tree::open(&out).unwrap();
    let mut queries: Vec<String> = ADVERSARIAL_PHRASES.iter().map(|p| p.to_string()).collect();
    queries.push(format!("{} 开发区", ADVERSARIAL_PHRASES[2]));
    for (i, q) in queries.iter().enumerate() {
        let query = tree.query(q).unwrap();
        let (candidates, _) = tree.candidates(&query).unwrap();
        let expected: Vec<u32> = candidates.iter().copied().filter(|&n| tree.matches(&query, n)).collect();
        assert_eq!(expected.len(), (0..tree.docs()).filter(|&n| tree.matches(&query, n)).count(), "{q}: recall");
        if i < ADVERSARIAL_PHRASES.len() {
            assert_eq!(expected.len(), (0..1500).filter(|&n| has_phrase(n, i)).count(), "{q}: the known few");
        }
        assert!(
            candidates.len() > 4 * expected.len(),
            "{q}: {} candidates, {} right",
            candidates.len(),
            expected.len()
        );
        let matches = |n: u32| tree.matches(&query, n);
        let mut verdicts = search_check::unread(&query, &candidates);
        let last = paging::total_pages(expected.len(), 10);
        for number in 1..=last {
            let (count, page, _) = search_check::page(&candidates, &mut verdicts, number, matches);
            let (page, shown) = page.unwrap();
            let want = paging::page(expected.len(), 10, number).unwrap();
            assert_eq!(shown, expected[want.start..want.end], "{q}, page {number}");
            match count {
                Count::About(_) => assert!(page.total_pages > number, "{q}, page {number}: a next page is known"),
                Count::Exact(n) => assert_eq!((n, page), (expected.len(), want), "{q}, page {number}"),
            }
            if number == 1 {
                assert!(matches!(count, Count::About(_)), "{q}: page 1 does not read every candidate");
            }
        }
        let (count, beyond, _) = search_check::page(&candidates, &mut verdicts, last + 1, matches);
        assert!(count == Count::Exact(expected.len()) && beyond.is_err(), "{q}: no page past the last");
    }
    // search-check on the same archive: the phrases' results as shown are all right.
    let phrases: Vec<String> = ADVERSARIAL_PHRASES.iter().map(|p| p.to_string()).collect();
    let report = search_check::check(&out, 40, 3, &phrases).unwrap();
    assert!(report.summary.contains("recall 100.000%"), "{}", report.summary);
    for line in &report.lines {
        let line: Value = serde_json::from_str(line).unwrap();
        assert_eq!(line["false_shown"], 0, "{line}");
    }
}
