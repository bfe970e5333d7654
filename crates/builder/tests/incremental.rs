//! Builds over an existing tree: after each publish, edit, deletion and
//! site.json change, the tree equals a clean build of the same input, byte
//! for byte (manifest and inputs file included), and a build killed at any
//! point is recovered to the old tree or the new one, never a mix.

use portal_build::build::{build, Options};
use portal_build::fault::ABORT_AFTER;
use portal_build::generate::{generate, Corpus};
use portal_build::previous::UNREPORTED;
use portal_build::staging::clean_up_after_killed_builds;
use portal_core::site::SiteConfig;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Every file under `root` (hidden ones too) and its bytes, and every folder.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                files.insert(format!("{relative}/"), Vec::new());
                pending.push(path);
            } else {
                files.insert(relative, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn assert_same_tree(built: &Path, clean: &Path, step: &str) {
    let (built, clean) = (snapshot(built), snapshot(clean));
    let differing: Vec<&String> =
        built.keys().chain(clean.keys()).filter(|path| built.get(*path) != clean.get(*path)).take(10).collect();
    assert!(
        differing.is_empty(),
        "{step}: the tree built over the old one differs from a clean build in {differing:?}"
    );
}

fn app_dir(root: &Path) -> PathBuf {
    let app = root.join("app");
    std::fs::create_dir_all(&app).unwrap();
    std::fs::write(app.join("index.html"), "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n  <meta charset=\"utf-8\">\n  <base href=\"/\">\n  <title>站点</title>\n</head>\n<body>\n</body>\n</html>\n").unwrap();
    std::fs::write(app.join("portal-0123456789abcdef_bg.wasm"), b"\0asm").unwrap();
    app
}

fn options(source: &Path, app: Option<&Path>, out: &Path) -> Options {
    let text = std::fs::read_to_string(source.join("site.json")).unwrap();
    Options {
        site: SiteConfig::parse(&text).unwrap(),
        site_json: serde_json::from_str(&text).unwrap(),
        feeds: vec![],
        category_map: Default::default(),
        article_dirs: vec![source.join("articles")],
        app_dir: app.map(Path::to_path_buf),
        base_url: "https://example.gov.cn/".into(),
        out: out.to_path_buf(),
        threads: 2,
        inspection: Default::default(),
        progress: Default::default(),
        dry_run: false,
    }
}

fn article(source: &Path, n: usize) -> PathBuf {
    source.join(format!("articles/n{n:06}.html"))
}

/// Replaces `from` with `to` in `file`, which must contain it.
fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no “{from}”", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

/// A new article, the newest, made from article `n`.
fn publish(source: &Path, n: usize, id: &str) {
    let text = std::fs::read_to_string(article(source, n)).unwrap();
    let id_line = text.lines().find(|line| line.starts_with("id: ")).unwrap().to_string();
    let date_line = text.lines().find(|line| line.starts_with("date: ")).unwrap().to_string();
    let text =
        text.replacen(&id_line, &format!("id: {id}"), 1).replacen(&date_line, "date: 2030-01-01T09:00:00+08:00", 1);
    std::fs::write(source.join(format!("articles/{id}.html")), text).unwrap();
}

/// A change to the input folder.
type Change = Box<dyn Fn(&Path)>;

/// The edits an editor's day makes, in order, each a step to build.
fn steps() -> Vec<(&'static str, Change)> {
    vec![
        ("nothing changed", Box::new(|_: &Path| {})),
        ("one article published", Box::new(|src: &Path| publish(src, 3, "published-now"))),
        ("an old article edited", Box::new(|src: &Path| edit(&article(src, 40), "title: ", "title: 更正："))),
        ("an article's body edited", Box::new(|src: &Path| edit(&article(src, 7), "</p>", "（补充）</p>"))),
        ("an article deleted", Box::new(|src: &Path| std::fs::remove_file(article(src, 12)).unwrap())),
        ("site.json changed", Box::new(|src: &Path| edit(&src.join("site.json"), "合成档案测试站", "合成档案网站"))),
    ]
}

fn run_steps(count: usize, with_app: bool, only: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, count, 5, Corpus::Plain).unwrap();
    let app = with_app.then(|| app_dir(dir.path()));
    let out = dir.path().join("site");
    build(&options(&source, app.as_deref(), &out)).unwrap();
    for (n, (step, change)) in steps().into_iter().enumerate() {
        change(&source);
        if !only.is_empty() && !only.contains(&step) {
            continue;
        }
        let report = build(&options(&source, app.as_deref(), &out)).unwrap();
        let clean = dir.path().join(format!("clean-{n}"));
        build(&options(&source, app.as_deref(), &clean)).unwrap();
        assert_same_tree(&out, &clean, step);
        let changed = report.changes.added.len() + report.changes.changed.len() + report.changes.removed.len();
        if step == "nothing changed" {
            assert_eq!(changed, 0, "{step}: {:?}", report.changes);
        }
        assert!(report.changes.compared, "{step}");
        std::fs::remove_dir_all(&clean).unwrap();
    }
}

#[test]
fn building_over_a_tree_equals_a_clean_build_at_every_step() {
    run_steps(130, true, &[]);
}

/// Past 1,024 articles the search index has sealed shards, which are
/// carried over unless a sealed article changed.
#[test]
fn sealed_search_shards_are_carried_over_or_remade_as_a_clean_build_would() {
    run_steps(1030, false, &["nothing changed", "one article published", "an old article edited"]);
}

fn tool(source: &Path, out: &Path, abort_after: Option<usize>) -> bool {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portal-build"));
    command.args(["build", "--site"]).arg(source.join("site.json"));
    command.arg("--articles").arg(source.join("articles")).args(["--base-url", "https://example.gov.cn/", "--out"]);
    command.arg(out).stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null());
    if let Some(n) = abort_after {
        command.env(ABORT_AFTER, n.to_string());
    }
    command.status().unwrap().success()
}

fn change_count(list: &Path) -> usize {
    let list: Value = serde_json::from_str(&std::fs::read_to_string(list).unwrap()).unwrap();
    ["added", "changed", "removed"].iter().map(|k| list[k].as_array().unwrap().len()).sum()
}

/// Killed while writing its files, while moving them in, and while
/// removing the deleted article's, a build leaves a tree that recovery
/// makes wholly old or wholly new, and the next build finishes correctly,
/// with a change list that says what changed since the last change list.
#[test]
fn a_build_killed_at_any_point_is_recovered_whole() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("src");
    generate(&source, 60, 9, Corpus::Plain).unwrap();
    let out = dir.path().join("site");
    assert!(tool(&source, &out, None));
    let old = snapshot(&out);
    publish(&source, 2, "published-now");
    std::fs::remove_file(article(&source, 20)).unwrap();
    let clean = dir.path().join("clean");
    assert!(tool(&source, &clean, None));
    let new = snapshot(&clean);
    let list = dir.path().join("clean.changes.json");
    let first_list = std::fs::read_to_string(&list).unwrap();
    // Against the old tree: build once in a copy to count the points.
    let probe = dir.path().join("probe");
    copy_tree(&out, &probe);
    assert!(tool(&source, &probe, None));
    let changes = change_count(&dir.path().join("probe.changes.json"));
    assert!(changes > 2, "{first_list}");
    let written = changes; // at most: a file written per change, then moved
    for abort_after in [1, written / 2, written + 1, written + written / 2, 2 * written - 1] {
        let trial = dir.path().join("trial");
        let _ = std::fs::remove_dir_all(&trial);
        copy_tree(&out, &trial);
        assert!(!tool(&source, &trial, Some(abort_after)), "killed after {abort_after} files");
        clean_up_after_killed_builds(&trial).unwrap();
        let mut recovered = snapshot(&trial);
        // A finished killed build leaves what it changed for the next change list.
        let unreported = recovered.remove(UNREPORTED).is_some();
        assert!(recovered == old || recovered == new, "killed after {abort_after} files: recovered to a mix");
        assert_eq!(unreported, recovered == new, "killed after {abort_after} files");
        assert!(tool(&source, &trial, None));
        assert_eq!(snapshot(&trial), new, "killed after {abort_after} files, then built again");
        // Whether the killed build was undone or finished, the list covers it.
        assert_eq!(change_count(&dir.path().join("trial.changes.json")), changes, "killed after {abort_after}");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for (relative, bytes) in snapshot(from) {
        let path = to.join(&relative);
        if relative.ends_with('/') {
            std::fs::create_dir_all(path).unwrap();
        } else {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
    }
}
