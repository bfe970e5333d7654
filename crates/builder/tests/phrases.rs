//! The app's own phrases (`portal::ui`) in 繁體 agree with OpenCC, as the
//! site's converted content does, and none is missing from the table.

use portal_build::traditional::Traditional;
use std::path::Path;

/// Phrases with a character OpenCC gives several readings of, which
/// zhconv then leaves as it is: the table has the reviewed reading.
const REVIEWED: &[(&str, &str)] = &[
    ("适老化模式", "适 → 適"),
    ("退出适老化", "适 → 適"),
    ("栏目推荐", "荐 → 薦"),
    ("栏目 “{}” 不在 site.json 的 categories 中，文章不会出现在栏目列表里", "里 → 裏"),
];

fn converter() -> Traditional {
    let site = portal_core::site::SiteConfig::parse(r#"{"name":"x","categories":[],"traditional":{}}"#).unwrap();
    Traditional::new(&site).unwrap()
}

#[test]
fn every_phrase_is_what_opencc_makes_of_it() {
    let convert = converter();
    let differing: Vec<&str> = portal::ui::PHRASES
        .iter()
        .filter(|(simplified, traditional)| convert.text(simplified) != *traditional)
        .map(|(simplified, _)| *simplified)
        .collect();
    let reviewed: Vec<&str> = REVIEWED.iter().map(|(phrase, _)| *phrase).collect();
    assert_eq!(differing, reviewed);
    let mut keys: Vec<&str> = portal::ui::PHRASES.iter().map(|(s, _)| *s).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), portal::ui::PHRASES.len(), "a phrase is listed twice");
}

/// Chinese string literals in the app's source, comments left out.
fn literals(source: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in source.lines() {
        let code = line.split("//").next().unwrap_or_default();
        let mut parts = code.split('"');
        parts.next();
        while let (Some(literal), rest) = (parts.next(), parts.next()) {
            if literal.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                found.push(literal.to_string());
            }
            if rest.is_none() {
                break;
            }
        }
    }
    found
}

#[test]
fn every_chinese_string_in_the_app_is_in_the_table() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let mut pending = vec![src];
    let (mut missing, mut seen) = (Vec::new(), 0);
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|name| name != "ui.rs") {
                let source = std::fs::read_to_string(&path).unwrap();
                for literal in literals(&source) {
                    seen += 1;
                    if !portal::ui::PHRASES.iter().any(|(simplified, _)| *simplified == literal) {
                        missing.push(format!("{}: “{literal}”", path.display()));
                    }
                }
            }
        }
    }
    assert!(seen > 80, "the scan found only {seen} phrases");
    assert!(missing.is_empty(), "not in portal::ui::PHRASES: {missing:#?}");
}

#[test]
fn the_share_labels_are_in_the_table() {
    for target in portal_core::share::ShareTarget::ALL {
        let label = target.label();
        if label.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            assert!(portal::ui::PHRASES.iter().any(|(s, _)| *s == label), "{label}");
        }
    }
}

/// The search's folding table the app loads is OpenCC's, as generated now.
#[test]
fn the_search_folding_table_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/search-t2s.txt");
    let shipped = std::fs::read_to_string(&path).unwrap();
    let expected = portal_build::traditional::simplified_pairs();
    assert!(
        shipped.trim_end() == expected,
        "{} is out of date: cargo run -p portal-build --profile tool -- t2s > public/search-t2s.txt",
        path.display()
    );
    let folding = portal_core::search::Folding::from_pairs(&shipped);
    assert_eq!(folding.fold("開發區項目建設，頭髮"), "开发区项目建设,头发");
}
