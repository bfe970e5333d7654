//! `portal-build check` through the binary: a generated archive with planted
//! faults (each found exactly once, nothing else), `--strict`'s exit
//! status, the build's own reports, and the demo site clean.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The inspection day of the planted archive (its generated articles run
/// from 2026-11-07 to 2026-11-18).
const ON: &str = "2026-11-20";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn portal_build(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal-build")).args(args).output().unwrap()
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// An article file in the planted folder.
fn plant(dir: &Path, id: &str, head: &str, body: &str) {
    std::fs::write(dir.join(format!("{id}.html")), format!("---\nid: {id}\n{head}\n---\n{body}\n")).unwrap();
}

/// 300 generated articles, and beside them what the inspection must find.
fn planted_archive(root: &Path) -> PathBuf {
    let src = root.join("src");
    portal_build::generate::generate(&src, 300, 7, portal_build::generate::Corpus::Plain).unwrap();
    let mut site: Value = serde_json::from_str(&std::fs::read_to_string(src.join("site.json")).unwrap()).unwrap();
    let categories = site["categories"].as_array_mut().unwrap();
    // Five blank 栏目, a 否决 together.
    for (slug, name) in
        [("gzzj", "工作总结"), ("jyta", "建议提案"), ("zxgz", "专项工作"), ("rsrm", "人事任免"), ("tjsj", "统计数据")]
    {
        categories.push(json!({ "slug": slug, "name": name }));
    }
    // Around the limits, counted back from 2026-11-20: 2 weeks is 2026-11-06, 6 months 2026-05-20.
    for (slug, name) in [("bmdt", "部门动态"), ("qxdt", "区县动态"), ("zcwj", "政策文件"), ("gsgg", "公示公告")]
    {
        categories.push(json!({ "slug": slug, "name": name }));
    }
    categories.push(json!({ "slug": "ztzl", "name": "专题专栏", "update": "2w" }));
    categories.push(json!({ "slug": "ldjh", "name": "领导讲话", "update": "none" }));
    site["footer"] = json!({
        "links": [{ "text": "关于我们", "href": "article/about" }, { "text": "旧版网站", "href": "category/old" }],
        "icp": { "text": "闽ICP备2024036745号-1", "href": "https://beian.miit.gov.cn/" },
        "site_code": "3505000001",
        "organizer": "合成档案测试站管理办公室",
        "phone": "0595-22353026",
        "badge": { "image": "images/badge.svg" }
    });
    site["wording"] = "wording.json".into();
    std::fs::write(src.join("site.json"), site.to_string()).unwrap();
    std::fs::write(src.join("wording.json"), r#"[{"wrong":"法制政府","right":"法治政府","note":"依法治国的表述"}]"#)
        .unwrap();

    let dir = src.join("articles/planted");
    std::fs::create_dir_all(&dir).unwrap();
    let dated = |category: &str, at: &str| format!("title: 标题{category}{at}\ncategory: {category}\ndate: {at}");
    plant(&dir, "about", "title: 关于我们", "<p>关于本站。</p>");
    for (id, at) in [
        ("bmdt", "2026-11-05T10:00:00+08:00"),
        ("qxdt", "2026-11-06T10:00:00+08:00"),
        ("zcwj", "2026-05-19T10:00:00+08:00"),
        ("gsgg", "2026-05-20T10:00:00+08:00"),
        ("ztzl", "2026-11-01T10:00:00+08:00"),
        ("ldjh", "2024-01-01T10:00:00+08:00"),
    ] {
        plant(&dir, &format!("p-{id}"), &dated(id, at), "<p>正文。</p>");
    }
    plant(&dir, "future", &dated("kfqdt", "2026-11-23T09:00:00+08:00"), "<p>正文。</p>");
    plant(&dir, "undated", "title: 没有日期的稿件\ncategory: kfqdt", "<p>正文。</p>");
    plant(
        &dir,
        "dead-links",
        &dated("kfqdt", "2026-11-19T09:00:00+08:00"),
        r#"<p>见<a href="article/n000001">上一篇</a>和<a href="article/n999999">不存在的文章</a>。</p>
<p><img src="images/missing.svg" alt="缺失的图片"><img src="http://img.other.cn/a.jpg" alt="外站图片"></p>"#,
    );
    plant(&dir, "wording", &dated("zwgk", "2026-11-19T10:00:00+08:00"), "<p>加快建设法制政府。</p>");
    plant(&dir, "no-alt", &dated("shsy", "2026-11-19T11:00:00+08:00"), r#"<p><img src="images/factory.svg"></p>"#);
    plant(&dir, "untitled", "title:\ncategory: kfqdt\ndate: 2026-11-19T12:00:00+08:00", "");
    for (id, at) in [("twin-1", "2026-11-18T09:00:00+08:00"), ("twin-2", "2026-11-18T15:00:00+08:00")] {
        plant(&dir, id, &format!("title: 开发区召开安全生产工作会议\ncategory: tzgg\ndate: {at}"), "<p>正文。</p>");
    }
    src
}

/// (indicator, level, where) of every finding, sorted.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    let mut list: Vec<(String, String, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let place = &f["place"];
            let at = ["article", "category", "field"].iter().find_map(|key| place[key].as_str()).unwrap_or_default();
            let link = place["link"].as_str().map(|l| format!(" {l}")).unwrap_or_default();
            (f["indicator"].as_str().unwrap().into(), f["level"].as_str().unwrap().into(), format!("{at}{link}"))
        })
        .collect();
    list.sort();
    list
}

fn check_planted(src: &Path, json: &Path, extra: &[&str]) -> Output {
    let (app, site, articles) = (repo().join("public"), src.join("site.json"), src.join("articles"));
    let mut args = vec!["check", "--site", text(&site), "--articles", text(&articles)];
    args.extend(["--app", text(&app), "--base-url", "https://www.example.gov.cn/", "--on", ON, "--json", text(json)]);
    args.extend(extra);
    portal_build(&args)
}

#[test]
fn every_planted_fault_is_found_once_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let src = planted_archive(dir.path());
    let json = dir.path().join("report.json");
    let html = dir.path().join("report.html");
    let output = check_planted(&src, &json, &["--html", text(&html)]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "no --strict: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.starts_with("检查指标 检查日期 2026-11-20：不通过"), "{stdout}");
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let mut expected: Vec<(String, String, String)> = [
        ("空白栏目", "否决", "gzzj"),
        ("空白栏目", "否决", "jyta"),
        ("空白栏目", "否决", "rsrm"),
        ("空白栏目", "否决", "tjsj"),
        ("空白栏目", "否决", "zxgz"),
        ("栏目更新", "扣分", "bmdt"),
        ("栏目更新", "扣分", "zcwj"),
        ("栏目更新", "扣分", "ztzl"),
        ("发布时间", "否决", "future"),
        ("发布时间", "扣分", "undated"),
        ("链接可用性", "扣分", "dead-links article/n999999"),
        ("链接可用性", "扣分", "dead-links images/missing.svg"),
        ("链接可用性", "扣分", "dead-links http://img.other.cn/a.jpg"),
        ("链接可用性", "扣分", "footer.links[1].href category/old"),
        ("网站标识", "扣分", "footer.police_filing"),
        ("规范表述", "扣分", "wording"),
        ("内容规范", "提示", "no-alt images/factory.svg"),
        ("内容规范", "扣分", "untitled"),
        ("内容规范", "提示", "twin-1"),
    ]
    .iter()
    .map(|&(i, l, p)| (i.into(), l.into(), p.into()))
    .collect();
    expected.sort();
    assert_eq!(findings(&report), expected);
    assert_eq!(report["passes"], false);
    assert_eq!(report["counts"], json!({ "否决": 6, "扣分": 11, "提示": 2 }));
    let status = |slug: &str| {
        let row = report["categories"].as_array().unwrap().iter().find(|row| row["slug"] == slug).unwrap();
        (row["status"].as_str().unwrap().to_string(), row["overdue_days"].as_i64())
    };
    assert_eq!(status("bmdt"), ("stale".into(), Some(1)));
    assert_eq!(status("qxdt"), ("fresh".into(), None));
    assert_eq!(status("zcwj"), ("stale".into(), Some(1)));
    assert_eq!(status("gsgg"), ("fresh".into(), None));
    assert_eq!(status("ldjh"), ("not_required".into(), None));
    let wording = report["findings"].as_array().unwrap().iter().find(|f| f["indicator"] == "规范表述").unwrap();
    assert_eq!(wording["place"]["text"], "…加快建设【法制政府】。…");
    assert_eq!(wording["page"], "https://www.example.gov.cn/article/wording");

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(!page.contains("<script"), "no script at all");
    assert!(page.contains("<h2>结论：不通过</h2>"));
    assert!(page.contains(r#"<a href="https://www.example.gov.cn/article/dead-links">文章 dead-links 的页面</a>"#));
    assert!(page.contains("未及时更新：逾期 1 天"));
}

#[test]
fn strict_refuses_with_status_two() {
    let dir = tempfile::tempdir().unwrap();
    let src = planted_archive(dir.path());
    let json = dir.path().join("report.json");
    assert_eq!(check_planted(&src, &json, &["--strict"]).status.code(), Some(2), "否决 found");
    assert_eq!(check_planted(&src, &json, &["--strict=扣分"]).status.code(), Some(2));
    assert_eq!(check_planted(&src, &json, &["--strict=提示"]).status.code(), Some(1), "not a level --strict takes");
    assert_eq!(check_planted(&src, &json, &["--on", "2026-11-31"]).status.code(), Some(1));

    // The demo site's links to its old CMS's sections are dead on its own
    // host: 扣分 without 否决.
    let demo = |extra: &[&str]| {
        let public = repo().join("public");
        let (site, feed) = (public.join("site.json"), public.join("feed.json"));
        let mut args =
            vec!["check", "--site", text(&site), "--feed", text(&feed), "--app", text(&public), "--on", "2026-11-26"];
        args.extend(extra);
        portal_build(&args).status.code()
    };
    let on_own_host = |strict| demo(&["--base-url", "https://www.qzkfq.example.gov.cn/", strict]);
    assert_eq!(on_own_host("--strict"), Some(0));
    assert_eq!(on_own_host("--strict=扣分"), Some(2));
    assert_eq!(demo(&["--strict=扣分"]), Some(0), "the demo site checks clean");
}

#[test]
fn every_build_writes_the_reports_beside_the_change_list() {
    let dir = tempfile::tempdir().unwrap();
    let src = planted_archive(dir.path());
    let out = dir.path().join("site");
    let build = |strict: &str| {
        let (site, articles) = (src.join("site.json"), src.join("articles"));
        let mut args = vec![
            "build",
            "--site",
            text(&site),
            "--articles",
            text(&articles),
            "--base-url",
            "https://www.example.gov.cn/",
        ];
        args.extend(["--out", text(&out), "--on", ON, "--threads", "2"]);
        args.extend([strict].into_iter().filter(|s| !s.is_empty()));
        portal_build(&args)
    };
    let output = build("--strict");
    assert_eq!(output.status.code(), Some(2), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(out.join("feed.json").is_file(), "the tree is written all the same");
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("site.check.json")).unwrap()).unwrap();
    assert_eq!(report["counts"]["否决"], 6);
    // Without the app's files, links to files are not checked.
    assert_eq!(report["unverified_files"].as_u64().map(|n| n > 0), Some(true));
    assert!(!findings(&report).iter().any(|(_, _, at)| at.contains("images/missing.svg")));
    assert!(std::fs::read_to_string(dir.path().join("site.check.html")).unwrap().contains("结论：不通过"));
    assert_eq!(build("").status.code(), Some(0));
}
