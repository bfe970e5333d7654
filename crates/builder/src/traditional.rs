//! The 繁體 version of the site: everything a reader sees, converted to
//! Traditional Chinese at build time with OpenCC's phrase tables (through
//! zhconv), and written as a second tree under `zh-hant/`. The app only
//! switches between the two trees by path, so it carries no dictionary.

use portal_core::feed::Article;
use portal_core::html::Node;
use portal_core::site::SiteConfig;
use portal_core::urls::OtherScript;
use serde_json::Value;
use zhconv::{get_builtin_converter, Variant, ZhConverter};

/// The Traditional tree's folder, under the output.
pub const FOLDER: &str = "zh-hant";

/// site.json fields readers see as text; names of things (slugs, links,
/// images, dates) stay as they are.
const SITE_TEXTS: &[&str] =
    &["/name", "/description", "/footer/organizer", "/footer/address", "/footer/copyright", "/footer/badge/alt"];
/// Lists of such texts, as (the list, the text within each item; `""` for
/// the item itself).
const SITE_LISTS: &[(&str, &str)] = &[
    ("/categories", "/name"),
    ("/disclaimer", ""),
    ("/footer/links", "/text"),
    ("/footer/hotlines", "/label"),
    ("/footer/mailboxes", "/label"),
];

pub struct Traditional {
    converter: &'static ZhConverter,
    /// Texts written as they are: site.json's `traditional.keep` and the
    /// filing numbers, longest first.
    keep: Vec<String>,
}

impl Traditional {
    /// `None` when the site does not ask for a 繁體 version.
    pub fn new(site: &SiteConfig) -> Option<Traditional> {
        let config = site.traditional.as_ref()?;
        let filings = [&site.footer.icp, &site.footer.police_filing].into_iter().flatten().map(|l| l.text.clone());
        let mut keep: Vec<String> = config.keep.iter().cloned().chain(filings).filter(|k| !k.is_empty()).collect();
        // A kept text inside a longer one must not split it.
        keep.sort_by_key(|k| std::cmp::Reverse(k.len()));
        Some(Traditional { converter: get_builtin_converter(Variant::ZhHant), keep })
    }

    pub fn text(&self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len() + 8);
        let mut rest = text;
        while let Some((at, kept)) = self.next_kept(rest) {
            out.push_str(&self.converter.convert(&rest[..at]));
            out.push_str(kept);
            rest = &rest[at + kept.len()..];
        }
        out.push_str(&self.converter.convert(rest));
        out
    }

    /// The first kept text in `text`, and where it starts.
    fn next_kept<'k>(&'k self, text: &str) -> Option<(usize, &'k str)> {
        self.keep.iter().filter_map(|k| text.find(k.as_str()).map(|at| (at, k.as_str()))).min_by_key(|(at, _)| *at)
    }

    fn convert(&self, text: &mut String) {
        *text = self.text(text);
    }

    /// Every text of the article a reader sees; its id, links and category
    /// stay, and so do a policy document's 文号 and 索引号: they name the
    /// document as it was issued, and are searched for as written.
    pub fn article(&self, article: &mut Article) {
        for text in [&mut article.title, &mut article.summary] {
            self.convert(text);
        }
        let policy = &mut article.policy;
        let texts = [&mut article.source, &mut article.editor, &mut article.kicker, &mut article.subtitle];
        for text in texts.into_iter().chain([&mut policy.topic, &mut policy.publisher]).flatten() {
            self.convert(text);
        }
        let lists = [&mut article.authors, &mut article.tags, &mut policy.keywords];
        for text in lists.into_iter().flatten() {
            self.convert(text);
        }
        for attachment in &mut policy.attachments {
            self.convert(&mut attachment.title);
        }
        self.nodes(&mut article.body);
    }

    fn nodes(&self, nodes: &mut [Node]) {
        for node in nodes {
            match node {
                Node::Text(text) => self.convert(text),
                Node::Element { attrs, children, .. } => {
                    for (_, value) in attrs.iter_mut().filter(|(name, _)| matches!(*name, "alt" | "title")) {
                        self.convert(value);
                    }
                    self.nodes(children);
                }
            }
        }
    }

    /// site.json for the Traditional tree.
    pub fn site_json(&self, site_json: &Value) -> Value {
        let mut json = site_json.clone();
        if let Some(Value::Object(badge)) = json.pointer_mut("/footer/badge") {
            badge.entry("alt").or_insert_with(|| portal_core::site::BADGE_ALT.into());
        }
        for pointer in SITE_TEXTS {
            if let Some(value) = json.pointer_mut(pointer) {
                self.value(value);
            }
        }
        for (list, field) in SITE_LISTS {
            if let Some(Value::Array(items)) = json.pointer_mut(list) {
                items.iter_mut().filter_map(|item| item.pointer_mut(field)).for_each(|value| self.value(value));
            }
        }
        json
    }

    fn value(&self, value: &mut Value) {
        if let Value::String(text) = value {
            self.convert(text);
        }
    }

    /// The app's page for each tree: the Simplified one marked with where
    /// the Traditional one is, and the Traditional one converted, in
    /// `zh-Hant`, based under `zh-hant/`, marked with where it came from.
    /// `base_path` is the Simplified tree's (`<base href>`).
    pub fn templates(&self, template: &str, base_path: &str) -> (String, String) {
        let (to_traditional, to_simplified) = other_scripts(base_path);
        let simplified = mark(template, &to_traditional);
        let converted = self.text(template).replacen(
            &format!("<base href=\"{base_path}\">"),
            &format!("<base href=\"{}\">", to_traditional.root),
            1,
        );
        let traditional = mark(&converted, &to_simplified).replacen("lang=\"zh-CN\"", "lang=\"zh-Hant\"", 1);
        (simplified, traditional)
    }
}

/// Traditional characters and their Simplified forms, as one string of
/// pairs (`丟丢並并…`): what 站内搜索 folds a query's (and a 繁體 page's)
/// characters with, so that 開發區 finds 开发区. Characters one by one,
/// from OpenCC's tables: the app loads this file, not a converter.
pub fn simplified_pairs() -> String {
    let converter = get_builtin_converter(Variant::ZhHans);
    let ideographs = ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}').chain('\u{F900}'..='\u{FAFF}');
    let mut pairs = String::new();
    let mut buffer = [0; 4];
    for traditional in ideographs {
        let simplified = converter.convert(traditional.encode_utf8(&mut buffer));
        let mut chars = simplified.chars();
        if let (Some(one), None) = (chars.next(), chars.next()) {
            if one != traditional {
                pairs.push(traditional);
                pairs.push(one);
            }
        }
    }
    pairs
}

/// Where each tree's 简/繁 link leads: from the Simplified tree, based at
/// `base_path`, to the 繁體 one, and back.
pub fn other_scripts(base_path: &str) -> (OtherScript, OtherScript) {
    (
        OtherScript { traditional: true, root: format!("{base_path}{FOLDER}/") },
        OtherScript { traditional: false, root: base_path.to_string() },
    )
}

/// `<html>` with the tree's script (the other's opposite) and the other
/// tree's base path, which boot.js and the header's 简/繁 link read.
fn mark(template: &str, other: &OtherScript) -> String {
    let script = if other.traditional { "hans" } else { "hant" };
    template.replacen("<html", &format!("<html data-script=\"{script}\" data-other-script=\"{}\"", other.root), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traditional(keep: &[&str]) -> Traditional {
        let keep: Vec<String> = keep.iter().map(|k| format!("\"{k}\"")).collect();
        let site = SiteConfig::parse(&format!(
            r#"{{"name":"示例","categories":[],"traditional":{{"keep":[{}]}},"footer":{{"icp":{{"text":"闽ICP备2024036745号-1"}}}}}}"#,
            keep.join(",")
        ))
        .unwrap();
        Traditional::new(&site).unwrap()
    }

    #[test]
    fn a_policy_documents_texts_convert_and_its_numbers_stay() {
        use portal_core::policy::{Attachment, Policy};
        let mut article = Article {
            policy: Policy {
                index_no: Some("QZKFQ-2026-00012".into()),
                doc_no: Some("泉开管〔2026〕12号".into()),
                publisher: Some("泉州经济开发区管理委员会".into()),
                topic: Some("工业、交通".into()),
                keywords: vec!["产业".into(), "扶持".into()],
                attachments: vec![Attachment {
                    href: "files/实施细则.pdf".into(),
                    title: "实施细则".into(),
                    size: None,
                }],
                ..Policy::default()
            },
            ..Article::default()
        };
        traditional(&[]).article(&mut article);
        let policy = &article.policy;
        assert_eq!(policy.doc_no.as_deref(), Some("泉开管〔2026〕12号"));
        assert_eq!(policy.index_no.as_deref(), Some("QZKFQ-2026-00012"));
        assert_eq!(policy.publisher.as_deref(), Some("泉州經濟開發區管理委員會"));
        assert_eq!(policy.topic.as_deref(), Some("工業、交通"));
        assert_eq!(policy.keywords, ["產業", "扶持"]);
        assert_eq!(policy.attachments[0].title, "實施細則");
        assert_eq!(policy.attachments[0].href, "files/实施细则.pdf", "a path names a file");
    }

    /// Phrases whose characters convert differently by context: a
    /// character-by-character table would get some of them wrong.
    #[test]
    fn phrases_convert_by_context() {
        let pairs = [
            ("发展", "發展"),
            ("头发", "頭髮"),
            ("后来", "後來"),
            ("皇后", "皇后"),
            ("干部", "幹部"),
            ("乾净", "乾淨"),
            ("干燥", "乾燥"),
            ("面条", "麪條"),
            ("表面", "表面"),
            ("开发区", "開發區"),
            ("经济", "經濟"),
            ("新闻", "新聞"),
            ("政务公开", "政務公開"),
            ("通知公告", "通知公告"),
            ("产业发展", "產業發展"),
            ("社会事业", "社會事業"),
            ("国内资讯", "國內資訊"),
            ("媒体聚焦", "媒體聚焦"),
            ("免责声明", "免責聲明"),
            ("责任编辑", "責任編輯"),
            ("联系电话", "聯繫電話"),
            ("一只猫", "一隻貓"),
            ("只有", "只有"),
            ("里面", "裏面"),
            ("公里", "公里"),
            ("台风", "颱風"),
            ("舞台", "舞臺"),
            ("系统", "系統"),
            ("关系", "關係"),
            ("复杂", "複雜"),
            ("恢复", "恢復"),
            ("制造业", "製造業"),
            ("制度", "制度"),
            ("历史", "歷史"),
            ("日历", "日曆"),
            ("泉州", "泉州"),
        ];
        let converter = traditional(&[]);
        let wrong: Vec<String> = pairs
            .iter()
            .filter_map(|(simplified, expected)| {
                let got = converter.text(simplified);
                (got != *expected).then(|| format!("{simplified} → {got}, not {expected}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
        assert!(pairs.len() >= 30);
    }

    #[test]
    fn kept_texts_and_filing_numbers_stay_as_written() {
        let converter = traditional(&["泉州经济开发区管委会"]);
        assert_eq!(converter.text("闽ICP备2024036745号-1"), "闽ICP备2024036745号-1");
        assert_eq!(converter.text("泉州经济开发区管委会发布：开发区"), "泉州经济开发区管委会發佈：開發區");
        assert_eq!(converter.text("ascii only"), "ascii only");
    }

    #[test]
    fn site_texts_convert_and_names_of_things_do_not() {
        let converter = traditional(&[]);
        let json: Value = serde_json::from_str(
            r#"{"name":"开发区","categories":[{"slug":"kfqdt","name":"开发区动态"}],"disclaimer":["转载须注明来源"],
                "footer":{"links":[{"text":"关于我们","href":"article/关于"}],"icp":{"text":"闽ICP备1号"},"badge":{"image":"images/标识.svg"}}}"#,
        )
        .unwrap();
        let converted = converter.site_json(&json);
        assert_eq!(converted["name"], "開發區");
        assert_eq!(converted["categories"][0], serde_json::json!({"slug":"kfqdt","name":"開發區動態"}));
        assert_eq!(converted["disclaimer"][0], "轉載須註明來源");
        assert_eq!(converted["footer"]["links"][0], serde_json::json!({"text":"關於我們","href":"article/关于"}));
        assert_eq!(converted["footer"]["icp"]["text"], "闽ICP备1号");
        assert_eq!(
            converted["footer"]["badge"],
            serde_json::json!({"image":"images/标识.svg","alt":"黨政機關網站標識"})
        );
    }

    #[test]
    fn the_trees_point_at_each_other() {
        let template = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><base href=\"/news/\"><title>泉州经济开发区</title></head><body><noscript>请开启</noscript></body></html>";
        let (simplified, traditional) = traditional(&[]).templates(template, "/news/");
        assert!(simplified.contains("<html data-script=\"hans\" data-other-script=\"/news/zh-hant/\" lang=\"zh-CN\">"));
        assert!(simplified.contains("<base href=\"/news/\">"));
        assert!(traditional.contains("<html data-script=\"hant\" data-other-script=\"/news/\" lang=\"zh-Hant\">"));
        assert!(traditional.contains("<base href=\"/news/zh-hant/\"><title>泉州經濟開發區</title>"));
        assert!(traditional.contains("<noscript>請開啓</noscript>"));
    }
}
