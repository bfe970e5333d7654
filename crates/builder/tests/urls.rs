//! Every kind of URL agrees across the pre-rendered pages, the data files,
//! the sitemaps and the syndication files, because each is built by
//! `portal_core::urls::SiteUrls` (the app builds its links with the same
//! type; the e2e suite compares its markup with the pre-rendered pages').

use portal_build::build::{build, Options};
use portal_build::generate::{generate, Corpus};
use portal_core::archive::{article_file, category_part_file};
use portal_core::site::SiteConfig;
use portal_core::urls::{feed_folder, OtherScript, SiteUrls};
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap()
}

fn built(dir: &Path) -> std::path::PathBuf {
    generate(&dir.join("src"), 130, 3, Corpus::Plain).unwrap();
    let app = dir.join("app");
    std::fs::create_dir_all(&app).unwrap();
    let page = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <meta charset=\"utf-8\">\n  <base href=\"/news/\">\n  <title>站点</title>\n</head>\n<body>\n</body>\n</html>\n";
    std::fs::write(app.join("index.html"), page).unwrap();
    let text = read(&dir.join("src/site.json"));
    let out = dir.join("site");
    build(&Options {
        site: SiteConfig::parse(&text).unwrap(),
        site_json: serde_json::from_str(&text).unwrap(),
        feeds: vec![],
        category_map: Default::default(),
        article_dirs: vec![dir.join("src/articles")],
        app_dir: Some(app),
        base_url: "https://example.gov.cn/news/".into(),
        out: out.clone(),
        threads: 2,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    })
    .unwrap();
    out
}

#[test]
fn every_kind_of_url_agrees_across_pages_and_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = built(dir.path());
    let urls = SiteUrls::new("/news/", "https://example.gov.cn/news/");
    let hant = SiteUrls::new("/news/zh-hant/", "https://example.gov.cn/news/zh-hant/");
    let home = json(&out.join("feed.json"));
    let site = json(&out.join("site.json"));
    assert_eq!(site["base_url"], urls.root(), "the app's canonical root is the builder's");
    assert_eq!(json(&out.join("zh-hant/site.json"))["base_url"], hant.root());
    assert_eq!(home["feed_url"], urls.file("feed.json"));

    // Article: its page, its file, its place in the sitemap and its category's feeds.
    let newest = &home["items"][0];
    let (id, slug) = (newest["id"].as_str().unwrap(), newest["_portal"]["category"].as_str().unwrap());
    let canonical = urls.canonical(&urls.article(id));
    assert_eq!(newest["url"], canonical);
    assert_eq!(json(&out.join(article_file(id)))["items"][0]["url"], canonical);
    let page = read(&out.join(urls.page_file(&urls.article(id))));
    assert!(page.contains(&format!("<link rel=\"canonical\" href=\"{canonical}\">")));
    assert!(page.contains(&format!("<meta property=\"og:url\" content=\"{canonical}\">")));
    assert!(page.contains(&format!("data-path=\"{}\"", urls.article(id))));
    assert!(read(&out.join("sitemap-1.xml")).contains(&format!("<loc>{canonical}</loc>")));
    let rss = read(&out.join(format!("{}rss.xml", feed_folder(Some(slug)))));
    assert!(rss.contains(&format!("<link>{canonical}</link>")));
    assert!(read(&out.join(format!("{}atom.xml", feed_folder(Some(slug))))).contains(&format!("href=\"{canonical}\"")));
    // Feeds are linked from the page as files of the tree.
    assert!(page.contains(&format!("href=\"{}rss.xml\"", feed_folder(Some(slug)))));

    // 繁體 counterpart: the header's 简/繁 link leads to the same page of the other tree.
    let other = OtherScript { traditional: true, root: "/news/zh-hant/".into() };
    assert_eq!(urls.in_other_script(&other, &urls.article(id)), hant.article(id));
    assert!(page.contains(&format!("href=\"{}\"", hant.article(id))));
    let hant_page = read(&out.join("zh-hant").join(hant.page_file(&hant.article(id))));
    assert!(hant_page.contains(&format!("<link rel=\"canonical\" href=\"{}\">", hant.canonical(&hant.article(id)))));

    // Category page N: parts chain by their own URLs; page 1 is pre-rendered where hosts look.
    let parts = home["_portal"]["archive"]["categories"][slug]["count"].as_u64().unwrap().div_ceil(20) as usize;
    for part in 2..=parts {
        let next = json(&out.join(category_part_file(slug, part)))["next_url"].clone();
        assert_eq!(next, urls.file(&category_part_file(slug, part - 1)));
    }
    let category_page = read(&out.join(urls.page_file(&urls.category(slug, 1))));
    assert!(category_page.contains(&format!("data-path=\"{}\"", urls.category(slug, 1))));
    assert!(rss.contains(&format!("<link>{}</link>", urls.canonical(&urls.category(slug, 1)))));
    let map = json(&out.join("sitemap.json"));
    let listed = map["categories"].as_array().unwrap().iter().find(|c| c["slug"] == slug).unwrap();
    assert_eq!(listed["url"], urls.canonical(&urls.category(slug, 1)));

    // Search and 网站地图: the header's form and the sitemap files.
    assert!(page.contains(&format!("action=\"{}\"", urls.search())));
    assert!(read(&out.join(urls.page_file(&urls.sitemap()))).contains(&format!("data-path=\"{}\"", urls.sitemap())));
    assert_eq!(map["sitemap"], urls.file("sitemap.xml"));
    let index = read(&out.join("sitemap.xml"));
    assert!(index.contains(&format!("<loc>{}</loc>", urls.file("sitemap-1.xml"))));
    assert!(index.contains(&format!("<loc>{}</loc>", hant.file("sitemap-1.xml"))));
}

#[test]
fn traditional_pages_carry_traditional_titles_and_locale() {
    let dir = tempfile::tempdir().unwrap();
    let out = built(dir.path());
    let sitemap = read(&out.join("zh-hant/sitemap/index.html"));
    assert!(sitemap.contains("<title>網站地圖 - 合成檔案測試站</title>"), "{}", &sitemap[..400]);
    let category = read(&out.join("zh-hant/category/cyfz/index.html"));
    assert!(category.contains("欄目文章列表"), "the description in 繁體 too");
    let id = json(&out.join("feed.json"))["items"][0]["id"].as_str().unwrap().to_string();
    let article = read(&out.join(format!("zh-hant/article/{id}/index.html")));
    assert!(article.contains("<meta property=\"og:locale\" content=\"zh_TW\">"));
    let simplified = read(&out.join(format!("article/{id}/index.html")));
    assert!(simplified.contains("<meta property=\"og:locale\" content=\"zh_CN\">"));
}
