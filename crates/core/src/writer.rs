//! Writing the JSON Feed files of an archive (`crate::archive`): the
//! counterpart of `feed::read_feed`, which reads them back.

use crate::date;
use crate::feed::{Article, ArticleRef, EXTENSION};
use crate::html::to_html;
use crate::index::ArticleView;
use crate::policy::{Attachment, Policy};
use crate::site::SiteConfig;
use crate::urls::SiteUrls;
use serde_json::{json, Value};

/// A feed of `items`, titled with the site's name.
pub fn feed(site: &SiteConfig, urls: &SiteUrls, items: Vec<Value>) -> Value {
    json!({ "version": "https://jsonfeed.org/version/1.1", "title": site.name, "home_page_url": urls.root(), "language": "zh-CN", "items": items })
}

/// A link to another article, as `related_items`, `previous` and `next` hold it.
pub fn reference(article: &ArticleRef, offset: i32) -> Value {
    let mut value = json!({ "id": article.id, "title": article.title });
    if let Some(at) = article.published {
        value["date_published"] = date::format_rfc3339(at, offset).into();
    }
    value
}

/// An article as a JSON Feed item: full (with its body) or a list summary.
pub fn item(article: &Article, urls: &SiteUrls, offset: i32, full: bool) -> Value {
    let url = urls.canonical(&urls.article(&article.id));
    let mut item = json!({ "id": article.id, "url": url, "title": article.title, "summary": article.summary });
    if full {
        item["content_html"] = to_html(&article.body).into();
    } else {
        item["content_text"] = article.summary.clone().into();
    }
    if let Some(at) = article.published {
        item["date_published"] = date::format_rfc3339(at, offset).into();
    }
    if let Some(image) = &article.image {
        item["image"] = image.clone().into();
    }
    if !article.authors.is_empty() {
        item["authors"] = article.authors.iter().map(|name| json!({ "name": name })).collect();
    }
    if !article.tags.is_empty() {
        item["tags"] = json!(article.tags);
    }
    let mut extension = json!({ "category": article.category });
    for (key, value) in [
        ("source", &article.source),
        ("editor", &article.editor),
        ("kicker", &article.kicker),
        ("subtitle", &article.subtitle),
    ] {
        if let Some(value) = value {
            extension[key] = value.clone().into();
        }
    }
    if article.headline {
        extension["headline"] = true.into();
    }
    write_policy(&article.policy, &mut extension);
    item[EXTENSION] = extension;
    item
}

/// The 政府信息公开 fields into `extension`, as `feed::read_policy` reads them.
fn write_policy(policy: &Policy, extension: &mut Value) {
    let texts = [
        ("index_no", &policy.index_no),
        ("topic", &policy.topic),
        ("publisher", &policy.publisher),
        ("written", &policy.written),
        ("doc_no", &policy.doc_no),
        ("interprets", &policy.interprets),
    ];
    for (key, value) in texts {
        if let Some(value) = value {
            extension[key] = value.clone().into();
        }
    }
    if !policy.keywords.is_empty() {
        extension["keywords"] = json!(policy.keywords);
    }
    if let Some(validity) = &policy.validity {
        extension["validity"] = validity.to_text().into();
    }
    if !policy.attachments.is_empty() {
        extension["attachments"] = policy.attachments.iter().map(attachment).collect();
    }
}

fn attachment(attachment: &Attachment) -> Value {
    let mut value = json!({ "url": attachment.href, "title": attachment.title });
    if let Some(size) = attachment.size {
        value["size_in_bytes"] = size.into();
    }
    value
}

/// An article's own file: the full item with its related reading and neighbours.
pub fn article_file(site: &SiteConfig, urls: &SiteUrls, view: &ArticleView) -> Value {
    let offset = site.offset_minutes();
    let mut value = item(&view.article, urls, offset, true);
    let around = &view.around;
    let extension = &mut value[EXTENSION];
    extension["related_items"] = around.related.iter().map(|a| reference(a, offset)).collect();
    for (key, link) in [("previous", &around.previous), ("next", &around.next), ("original", &around.original)] {
        if let Some(link) = link {
            extension[key] = reference(link, offset);
        }
    }
    if !around.interpretations.is_empty() {
        extension["interpretations"] = around.interpretations.iter().map(|a| reference(a, offset)).collect();
    }
    feed(site, urls, vec![value])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::{read_feed, ReadOptions, Surroundings};
    use crate::html::sanitize;

    fn site() -> SiteConfig {
        SiteConfig::parse(r#"{"name":"站","timezone":"+08:00","categories":[{"slug":"a","name":"甲"}]}"#).unwrap()
    }

    fn reference_to(id: &str, at: i64) -> ArticleRef {
        ArticleRef { id: id.into(), title: format!("标题{id}"), published: Some(at), ..ArticleRef::default() }
    }

    #[test]
    fn an_article_file_reads_back_as_written() {
        let site = site();
        let article = Article {
            id: "a1".into(),
            title: "标题 <&>".into(),
            summary: "摘要".into(),
            body: sanitize("<p>正文</p><figure><img src=\"images/x.svg\" alt=\"图\" width=\"640\" height=\"400\"><figcaption>图说</figcaption></figure>"),
            image: Some("images/x.svg".into()),
            published: Some(1_795_000_000),
            authors: vec!["记者甲".into(), "记者乙".into()],
            tags: vec!["招商".into()],
            category: Some("a".into()),
            source: Some("来源".into()),
            editor: Some("编辑".into()),
            kicker: Some("引题".into()),
            subtitle: Some("副题".into()),
            headline: true,
            policy: Policy {
                index_no: Some("QZKFQ-2026-00012".into()),
                topic: Some("工业、交通".into()),
                publisher: Some("管委会".into()),
                written: Some("2026-11-18".into()),
                doc_no: Some("泉开管〔2026〕12号".into()),
                keywords: vec!["产业".into(), "扶持".into()],
                validity: Some(crate::policy::Validity::Repealed("2027-01-01".into())),
                attachments: vec![Attachment { href: "files/a.pdf".into(), title: "附件1".into(), size: Some(1234) }],
                interprets: Some("p0".into()),
            },
            ..Article::default()
        };
        let view = ArticleView {
            article,
            around: Surroundings {
                related: vec![reference_to("r1", 1_794_000_000)],
                previous: Some(reference_to("p", 1_795_100_000)),
                next: None,
                original: Some(reference_to("p0", 1_794_000_000)),
                interpretations: vec![reference_to("j1", 1_795_200_000)],
            },
        };
        let urls = SiteUrls::new("/", "https://example.gov.cn/");
        let written = article_file(&site, &urls, &view);
        let options = ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None };
        let parsed = read_feed(&written, options).unwrap();
        assert_eq!(parsed.problems, []);
        let mut read = parsed.feed.items.into_iter().next().unwrap();
        let precomputed = read.precomputed.take().unwrap();
        assert_eq!(precomputed, view.around);
        // What the writer wrote, the reader reads: writing it again gives the same file.
        let again = ArticleView { article: read.clone(), ..view.clone() };
        assert_eq!(read.policy, view.article.policy);
        assert_eq!(article_file(&site, &urls, &again), written);
        let original = &view.article;
        assert_eq!(
            (&read.id, &read.title, &read.body, &read.published, &read.authors, &read.tags),
            (&original.id, &original.title, &original.body, &original.published, &original.authors, &original.tags)
        );
        assert_eq!(
            (&read.category, &read.source, &read.editor, &read.kicker, &read.subtitle, read.headline),
            (&original.category, &original.source, &original.editor, &original.kicker, &original.subtitle, true)
        );
    }
}
