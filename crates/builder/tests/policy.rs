//! 政府信息公开 documents through portal-build: attachments measured and
//! copied, 解读 ↔ 政策原文 linked both ways, and every mistake an error
//! naming the file and the field.

use portal_build::build::{build, Options};
use portal_core::site::SiteConfig;
use serde_json::Value;
use std::path::{Path, PathBuf};

const SITE: &str = r#"{"name":"开发区","categories":[{"slug":"zwgk","name":"政务公开"}]}"#;

fn options(articles: Option<&Path>, feeds: Vec<PathBuf>, out: &Path) -> Options {
    Options {
        site: SiteConfig::parse(SITE).unwrap(),
        site_json: serde_json::from_str(SITE).unwrap(),
        feeds,
        category_map: Default::default(),
        article_dirs: articles.map(Path::to_path_buf).into_iter().collect(),
        app_dir: None,
        base_url: "https://example.gov.cn/".into(),
        out: out.to_path_buf(),
        threads: 1,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    }
}

fn item(out: &Path, id: &str) -> Value {
    let text = std::fs::read_to_string(out.join(format!("articles/{id}.json"))).unwrap();
    serde_json::from_str::<Value>(&text).unwrap()["items"][0].clone()
}

const POLICY: &str = "---\nid: p1\ntitle: 关于印发扶持办法的通知\ndate: 2026-11-19T10:30:00+08:00\ncategory: zwgk\n\
index_no: QZKFQ-2026-00012\ndoc_no: 泉开管〔2026〕12号\npublisher: 管委会\nwritten: 2026-11-17\ntopic: 工业\n\
keywords: 产业, 扶持\nvalidity: 废止 2027-01-01\nattachment: files/measures.pdf | 扶持办法\n\
attachment: https://www.gov.cn/a.docx | 申请表\n---\n<p>正文</p>\n";
const INTERPRETATION: &str =
    "---\nid: j1\ntitle: 解读扶持办法\ndate: 2026-11-20T09:00:00+08:00\ncategory: zwgk\ninterprets: p1\n---\n<p>解读</p>\n";

#[test]
fn attachments_are_measured_and_copied_and_a_reading_links_both_ways() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(articles.join("files")).unwrap();
    std::fs::write(articles.join("policy.html"), POLICY).unwrap();
    std::fs::write(articles.join("reading.html"), INTERPRETATION).unwrap();
    std::fs::write(articles.join("files/measures.pdf"), vec![b'%'; 3482]).unwrap();
    let out = dir.path().join("site");
    build(&options(Some(&articles), vec![], &out)).unwrap();

    let policy = item(&out, "p1");
    let extension = &policy["_portal"];
    assert_eq!(extension["doc_no"], "泉开管〔2026〕12号");
    assert_eq!(extension["validity"], "废止 2027-01-01");
    assert_eq!(extension["keywords"], serde_json::json!(["产业", "扶持"]));
    assert_eq!(extension["attachments"][0]["size_in_bytes"], 3482);
    assert_eq!(extension["attachments"][1].get("size_in_bytes"), None, "another site's file is not measured");
    assert_eq!(extension["interpretations"][0]["id"], "j1");
    assert_eq!(item(&out, "j1")["_portal"]["original"]["id"], "p1");
    assert_eq!(std::fs::read(out.join("files/measures.pdf")).unwrap().len(), 3482);
    // The category's list rows carry 文号 and 有效性, for the table list and the 已废止 tag.
    let part: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("feeds/zwgk/part-1.json")).unwrap()).unwrap();
    let row = part["items"].as_array().unwrap().iter().find(|i| i["id"] == "p1").unwrap();
    assert_eq!(
        (&row["_portal"]["doc_no"], &row["_portal"]["validity"]),
        (&extension["doc_no"], &extension["validity"])
    );
}

#[test]
fn the_demo_feed_builds_with_its_policy_document_and_its_reading() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let text = std::fs::read_to_string(root.join("public/site.json")).unwrap();
    let out = dir.path().join("site");
    let options = Options {
        site: SiteConfig::parse(&text).unwrap(),
        site_json: serde_json::from_str(&text).unwrap(),
        ..options(None, vec![root.join("public/feed.json")], &out)
    };
    build(&options).unwrap();
    let policy = item(&out, "a1051");
    let sizes: Vec<u64> = policy["_portal"]["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["size_in_bytes"].as_u64().unwrap())
        .collect();
    for (attachment, size) in policy["_portal"]["attachments"].as_array().unwrap().iter().zip(&sizes) {
        let path = attachment["url"].as_str().unwrap();
        assert_eq!(std::fs::metadata(out.join(path)).unwrap().len(), *size, "{path}");
        assert_eq!(
            std::fs::metadata(root.join("public").join(path)).unwrap().len(),
            *size,
            "the feed's size is the file's"
        );
    }
    assert_eq!(policy["_portal"]["interpretations"][0]["id"], "a1052");
    assert_eq!(item(&out, "a1052")["_portal"]["original"]["id"], "a1051");
}

#[test]
fn policy_mistakes_are_errors_naming_the_file_and_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    let write = |name: &str, front: &str| {
        let text = format!(
            "---\nid: {name}\ntitle: 标题\ndate: 2026-11-19T10:30:00+08:00\ncategory: zwgk\n{front}\n---\n<p>x</p>"
        );
        std::fs::write(articles.join(format!("{name}.html")), text).unwrap();
    };
    write("missing-file", "attachment: files/nowhere.pdf | 附件");
    write("outside", "attachment: ../secret.pdf | 附件");
    write("dangling", "interprets: no-such-id");
    write("bad-written", "written: 2026年11月17日");
    write("bad-validity", "validity: 废止 2026-02-30");
    write("first-index", "index_no: QZKFQ-2026-00001");
    write("second-index", "index_no: QZKFQ-2026-00001");
    let out = dir.path().join("site");
    let errors = build(&options(Some(&articles), vec![], &out)).unwrap_err();
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let has = |file: &str, words: &[&str]| {
        text.iter().any(|e| e.contains(&format!("{file}.html")) && words.iter().all(|w| e.contains(w)))
    };
    assert!(has("missing-file", &["attachment", "files/nowhere.pdf", "不存在"]), "{text:#?}");
    assert!(has("outside", &["attachment", "../secret.pdf"]), "{text:#?}");
    assert!(has("dangling", &["_portal.interprets", "no-such-id"]), "{text:#?}");
    assert!(has("bad-written", &["written", "2026年11月17日"]), "{text:#?}");
    assert!(has("bad-validity", &["validity", "2026-02-30"]), "{text:#?}");
    let duplicates: Vec<&String> = text.iter().filter(|e| e.contains("QZKFQ-2026-00001")).collect();
    assert_eq!(duplicates.len(), 1, "{text:#?}");
    assert!(duplicates[0].contains("_portal.index_no"), "{duplicates:?}");
    assert!(!out.exists(), "nothing is written");
}
