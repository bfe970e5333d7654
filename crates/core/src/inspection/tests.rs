use super::*;
use crate::html;
use crate::site::Category;

const ON: &str = "2026-11-26";
const FOOTER: &str = r#"{"organizer":"示例单位","phone":"0595-22353026","icp":{"text":"闽ICP备1号"},
    "police_filing":{"text":"闽公网安备1号"},"site_code":"3505000001","badge":{"image":"images/badge.svg"}}"#;

fn site_with(categories: &str, footer: &str) -> SiteConfig {
    SiteConfig::parse(&format!(r#"{{"name":"示例","categories":[{categories}],"page_size":2,"footer":{footer}}}"#))
        .unwrap()
}

fn site(categories: &str) -> SiteConfig {
    site_with(categories, FOOTER)
}

fn article(id: &str, category: &str, published: &str) -> Article {
    Article {
        id: id.into(),
        title: format!("标题{id}"),
        category: (!category.is_empty()).then(|| category.into()),
        published: crate::date::parse(published, 480),
        ..Article::default()
    }
}

fn with_body(mut article: Article, body: &str) -> Article {
    article.body = html::sanitize(body);
    article
}

/// Both passes over `articles`, as portal-build runs them.
fn inspect_with(site: &SiteConfig, articles: &[Article], files: Option<Files>, wording: &[Wording]) -> Report {
    let settings = Settings {
        on: ON.into(),
        urls: SiteUrls::new("/news/", "https://www.example.gov.cn/news/"),
        files,
        wording,
        site_file: "site.json".into(),
    };
    let refs: Vec<&Article> = articles.iter().collect();
    let inspector = Inspector::new(site, settings, &refs).unwrap();
    let inputs: Vec<ArticleInput> =
        articles.iter().map(|article| ArticleInput { article, file: "feed.json", updated: None }).collect();
    let mut found = Findings::default();
    for input in &inputs {
        found.append(inspector.article(input, &BodyFacts::of(input.article, wording)));
    }
    let (site_found, rows, home) = inspector.site(&inputs);
    found.append(site_found);
    Report::new(ON, found, rows, home)
}

fn inspect(site: &SiteConfig, articles: &[Article]) -> Report {
    inspect_with(site, articles, None, &[])
}

/// (indicator, level, category or article) of each finding.
fn summary(report: &Report) -> Vec<(&'static str, &'static str, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            let place = f.place.article.clone().or(f.place.category.clone()).or(f.place.field.clone());
            (f.indicator.name(), f.level.name(), place.unwrap_or_default())
        })
        .collect()
}

fn owned(rows: &[(&'static str, &'static str, &str)]) -> Vec<(&'static str, &'static str, String)> {
    rows.iter().map(|&(i, l, p)| (i, l, p.to_string())).collect()
}

#[test]
fn a_fresh_complete_site_has_nothing_to_report() {
    let site = site(r#"{"slug":"dt","name":"开发区动态"}"#);
    let report = inspect(&site, &[article("a1", "dt", "2026-11-20T09:00:00+08:00")]);
    assert_eq!(summary(&report), []);
    assert!(report.passes() && !report.refuses(Level::Note));
    assert_eq!(report.home, HomeRow { newest: Some("2026-11-20".into()), due: "2026-11-12".into(), stale: false });
}

#[test]
fn five_blank_categories_fail_the_site_fewer_cost_points() {
    let categories = |n: usize| {
        let blank: Vec<String> = (0..n).map(|i| format!(r#"{{"slug":"k{i}","name":"空栏目{i}"}}"#)).collect();
        format!(r#"{{"slug":"dt","name":"开发区动态"}},{}"#, blank.join(","))
    };
    let articles = [article("a1", "dt", "2026-11-20")];
    let four = inspect(&site(&categories(4)), &articles);
    assert_eq!(
        summary(&four),
        owned(&[
            ("空白栏目", "扣分", "k0"),
            ("空白栏目", "扣分", "k1"),
            ("空白栏目", "扣分", "k2"),
            ("空白栏目", "扣分", "k3")
        ])
    );
    assert!(four.passes() && four.refuses(Level::Deduction));
    let five = inspect(&site(&categories(5)), &articles);
    assert_eq!(five.count(Some(Indicator::BlankCategories), Level::Veto), 5);
    assert!(!five.passes() && five.refuses(Level::Veto));
    assert_eq!(five.veto_reasons().len(), 1);
    assert!(five.veto_reasons()[0].starts_with("空白栏目：5 处否决"), "{:?}", five.veto_reasons());
}

#[test]
fn stale_categories_are_counted_back_from_the_inspection_day() {
    let site = site(
        r#"{"slug":"d14","name":"部门动态"},{"slug":"d15","name":"区县动态"},
        {"slug":"g6","name":"通知公告"},{"slug":"g6x","name":"政策文件"},
        {"slug":"ld","name":"领导信息"},{"slug":"zt","name":"专题","update":"2w"}"#,
    );
    let articles = [
        article("a1", "d14", "2026-11-12T23:59:00+08:00"),
        article("a2", "d15", "2026-11-11T23:59:00+08:00"),
        article("a3", "g6", "2026-05-26T00:00:00+08:00"),
        article("a4", "g6x", "2026-05-25T23:59:59+08:00"),
        article("a5", "ld", "2020-01-01"),
        article("a6", "zt", "2026-11-01"),
    ];
    let report = inspect(&site, &articles);
    assert_eq!(
        summary(&report),
        owned(&[("栏目更新", "扣分", "d15"), ("栏目更新", "扣分", "g6x"), ("栏目更新", "扣分", "zt")])
    );
    let status: Vec<(&str, Status)> = report.categories.iter().map(|row| (row.slug.as_str(), row.status)).collect();
    assert_eq!(
        status,
        [
            ("d14", Status::Fresh),
            ("d15", Status::Stale { overdue_days: Some(1) }),
            ("g6", Status::Fresh),
            ("g6x", Status::Stale { overdue_days: Some(1) }),
            ("ld", Status::NotRequired),
            ("zt", Status::Stale { overdue_days: Some(11) }),
        ]
    );
    let row = &report.categories[3];
    assert_eq!(
        (row.newest.as_deref(), row.due.as_deref(), row.configured),
        (Some("2026-05-25"), Some("2026-05-26"), false)
    );
    assert!(report.categories[5].configured);
    assert!(report.findings[0].problem.contains("已逾期 1 天"), "{}", report.findings[0].problem);

    // Two more stale make five: each is then a 否决.
    let site = SiteConfig {
        categories: [
            site.categories.clone(),
            vec![
                Category { slug: "x1".into(), name: "要闻".into(), update: None, list_as_table: false },
                Category { slug: "x2".into(), name: "公示".into(), update: None, list_as_table: false },
            ],
        ]
        .concat(),
        ..site
    };
    let mut more = articles.to_vec();
    more.extend([article("b1", "x1", "2026-10-01"), article("b2", "x2", "2025-01-01")]);
    let report = inspect(&site, &more);
    assert_eq!(report.count(Some(Indicator::CategoryUpdates), Level::Veto), 5);
}

#[test]
fn the_home_page_needs_a_dated_article_within_two_weeks() {
    let site = site(r#"{"slug":"dt","name":"开发区动态"}"#);
    let home = |articles: &[Article]| {
        let report = inspect(&site, articles);
        let found: Vec<&Finding> = report.findings.iter().filter(|f| f.indicator == Indicator::HomeUpdates).collect();
        assert!(found.iter().all(|f| f.level == Level::Veto));
        (report.home.stale, found.first().map(|f| f.problem.clone()))
    };
    assert_eq!(home(&[article("a", "dt", "2026-11-12")]), (false, None));
    let (stale, problem) = home(&[article("a", "dt", "2026-11-11"), article("about", "", "")]);
    assert!(stale && problem.unwrap().contains("2026-11-11"));
    let (stale, problem) = home(&[article("about", "", "")]);
    assert!(stale && problem.unwrap().contains("没有注明发布时间"));
    let (stale, _) = home(&[article("later", "dt", "2026-11-27T00:00:00+08:00"), article("a", "dt", "2026-11-01")]);
    assert!(stale, "a date after the inspection day does not count as an update");
}

#[test]
fn dates_after_the_inspection_day_before_publication_or_missing() {
    let site = site(r#"{"slug":"dt","name":"开发区动态"}"#);
    let articles = [
        article("future", "dt", "2026-11-27T00:00:00+08:00"),
        article("last-minute", "dt", "2026-11-26T23:59:59+08:00"),
        article("undated", "dt", ""),
        article("about", "", ""),
    ];
    let refs: Vec<&Article> = articles.iter().collect();
    let settings = Settings {
        on: ON.into(),
        urls: SiteUrls::new("/", ""),
        files: None,
        wording: &[],
        site_file: "site.json".into(),
    };
    let inspector = Inspector::new(&site, settings, &refs).unwrap();
    let mut inputs: Vec<ArticleInput> =
        articles.iter().map(|article| ArticleInput { article, file: "feed.json", updated: None }).collect();
    inputs[1].updated = crate::date::parse("2026-11-20", 480);
    let (found, ..) = inspector.site(&inputs);
    let dates: Vec<(&str, &str, &str)> = found
        .list
        .iter()
        .filter(|f| f.indicator == Indicator::Dates)
        .map(|f| (f.level.name(), f.place.article.as_deref().unwrap(), f.place.field.as_deref().unwrap()))
        .collect();
    assert_eq!(
        dates,
        [
            ("否决", "future", "date_published"),
            ("扣分", "last-minute", "updated"),
            ("扣分", "undated", "date_published")
        ]
    );
    assert!(found.list[0].problem.contains("2026-11-27 00:00:00"), "{}", found.list[0].problem);
    let bad_day = Settings {
        on: "2026-11-31".into(),
        urls: SiteUrls::new("/", ""),
        files: None,
        wording: &[],
        site_file: String::new(),
    };
    assert!(Inspector::new(&site, bad_day, &refs).is_err());
}

#[test]
fn links_lead_to_articles_pages_and_files_of_the_tree() {
    let footer = FOOTER.replace(
        r#""organizer""#,
        r#""links":[{"text":"关于我们","href":"article/about"},{"text":"旧版","href":"/category/old"}],"organizer""#,
    );
    let site = site_with(r#"{"slug":"dt","name":"开发区动态"}"#, &footer);
    let body = r#"<p><a href="article/a2">有</a><a href="article/nope">无此文</a><a href="category/dt?page=2">第二页</a>
        <a href="category/dt?page=3">第三页</a><a href="sitemap">地图</a><a href="search?q=开发区">搜索</a>
        <a href="/portal/other/">主站</a><a href="https://www.gov.cn/">中国政府网</a><a href="mailto:a@b.cn">信</a>
        <a href="https://www.example.gov.cn/news/article/a2#p">绝对地址</a>
        <img src="images/a.svg" alt="有"><img src="images/b.svg" alt="无"><img src="http://img.other.cn/c.jpg" alt="外站"></p>"#;
    let articles = [
        with_body(article("a1", "dt", "2026-11-20"), body),
        article("a2", "dt", "2026-11-19"),
        article("a3", "dt", "2026-11-18"),
        article("about", "", ""),
    ];
    let files = |file: &str| ["images/a.svg", "images/badge.svg"].contains(&file);
    let report = inspect_with(&site, &articles, Some(&files), &[]);
    let links: Vec<(&str, &str, &str)> = report
        .findings
        .iter()
        .map(|f| {
            (f.place.link.as_deref().unwrap(), f.place.field.as_deref().unwrap(), f.place.text.as_deref().unwrap_or(""))
        })
        .collect();
    assert_eq!(
        links,
        [
            ("article/nope", "content_html", "无此文"),
            ("category/dt?page=3", "content_html", "第三页"),
            ("images/b.svg", "content_html", "无"),
            ("http://img.other.cn/c.jpg", "content_html", "外站"),
            ("/category/old", "footer.links[1].href", "旧版"),
        ]
    );
    assert!(report.findings.iter().all(|f| f.indicator == Indicator::Links && f.level == Level::Deduction));
    assert!(report.findings[0].problem.contains("nope"));
    assert!(report.findings[3].problem.contains("image_origins"), "{}", report.findings[3].problem);
    let external: Vec<(&str, bool, usize)> =
        report.external.iter().map(|e| (e.url.as_str(), e.mixed, e.count)).collect();
    assert_eq!(
        external,
        [("/portal/other/", false, 1), ("https://www.gov.cn/", false, 1), ("http://img.other.cn/c.jpg", true, 1)]
    );
    assert_eq!(report.unverified, 0);

    let unknown_files = inspect(&site, &articles);
    assert_eq!(unknown_files.unverified, 3, "images/a.svg, images/b.svg and the badge");
    assert_eq!(unknown_files.findings.len(), 4);
}

#[test]
fn listed_image_hosts_still_need_https_on_an_https_site() {
    let mut site = site(r#"{"slug":"dt","name":"开发区动态"}"#);
    site.image_origins = vec!["http://img.other.cn".into()];
    let articles =
        [with_body(article("a1", "dt", "2026-11-20"), r#"<img src="http://img.other.cn/c.jpg" alt="外站">"#)];
    let report = inspect(&site, &articles);
    assert_eq!(report.findings.len(), 1);
    assert!(report.findings[0].problem.contains("混合内容"), "{}", report.findings[0].problem);
}

#[test]
fn each_missing_footer_mark_is_named() {
    let categories = r#"{"slug":"dt","name":"开发区动态"}"#;
    let articles = [article("a1", "dt", "2026-11-20")];
    let fields = |footer: &str| {
        let report = inspect(&site_with(categories, footer), &articles);
        assert!(report.findings.iter().all(|f| f.indicator == Indicator::SiteMarks && f.level == Level::Deduction));
        report.findings.iter().map(|f| f.problem.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        fields(&FOOTER.replace(r#""police_filing":{"text":"闽公网安备1号"},"#, "")),
        ["页脚缺少公安机关备案标识"]
    );
    assert_eq!(
        fields(&FOOTER.replace(r#""site_code":"3505000001","#, "")),
        ["页脚缺少网站标识码", "页脚缺少“我为政府网站找错”入口"]
    );
    assert_eq!(
        fields(&FOOTER.replace(r#""phone":"0595-22353026","#, r#""mailboxes":[{"label":"信箱","value":"a@b.cn"}],"#)),
        Vec::<String>::new()
    );
    assert_eq!(fields("{}").len(), 7);
}

#[test]
fn listed_wrong_phrases_are_found_with_their_context() {
    let wording = Wording::parse_list(
        r#"[{"wrong":"法制政府","right":"法治政府"},
            {"wrong":"一带一路","right":"“一带一路”","note":"加引号"},
            {"wrong":"张卫东","right":"张伟东","note":"管委会主任姓名","level":"否决"}]"#,
    )
    .unwrap();
    let site = site(r#"{"slug":"dt","name":"开发区动态"}"#);
    let mut first = with_body(
        article("a1", "dt", "2026-11-20"),
        "<p>开发区加快建设法制政府，推进“一带一路”合作，深化一带一路建设。</p><p>主任张卫东出席。</p>",
    );
    first.title = "建设法制政府".into();
    let report = inspect_with(&site, &[first], None, &wording);
    let found: Vec<(&str, &str, &str)> = report
        .findings
        .iter()
        .map(|f| (f.level.name(), f.place.field.as_deref().unwrap(), f.place.text.as_deref().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("扣分", "title", "…建设【法制政府】…"),
            ("扣分", "content_html", "…开发区加快建设【法制政府】，推进“一带一路”合作，…"),
            ("扣分", "content_html", "…进“一带一路”合作，深化【一带一路】建设。 主任张卫东出席。…"),
            ("否决", "content_html", "…深化一带一路建设。 主任【张卫东】出席。…"),
        ]
    );
    assert_eq!(report.findings[2].problem, "“一带一路”应为““一带一路””（加引号）");
    assert!(report.findings.iter().all(|f| f.indicator == Indicator::Wording));
    assert!(Wording::parse_list(r#"[{"wrong":" ","right":"x"}]"#).is_err());
    assert!(Wording::parse_list(r#"[{"wrong":"a","right":"b","level":"严重"}]"#).is_err());
}

#[test]
fn untitled_articles_repeated_titles_and_images_without_alt() {
    let site = site(r#"{"slug":"dt","name":"开发区动态"},{"slug":"gg","name":"通知公告"}"#);
    let mut untitled = article("untitled", "dt", "2026-11-20");
    untitled.title = crate::feed::UNTITLED.into();
    let same = |id: &str, category: &str, at: &str| {
        let mut article = article(id, category, at);
        article.title = "同一标题".into();
        article
    };
    let articles = [
        untitled,
        same("s1", "dt", "2026-11-19T18:00:00+08:00"),
        same("s2", "dt", "2026-11-19T09:00:00+08:00"),
        same("other-day", "dt", "2026-11-18T09:00:00+08:00"),
        same("other-category", "gg", "2026-11-19T09:00:00+08:00"),
        with_body(
            article("img", "gg", "2026-11-17"),
            r#"<p><img src="data:image/png;base64,AA"><img src="data:image/png;base64,AB" alt="图"></p>"#,
        ),
    ];
    let report = inspect(&site, &articles);
    assert_eq!(
        summary(&report),
        owned(&[("内容规范", "提示", "img"), ("内容规范", "扣分", "untitled"), ("内容规范", "提示", "s2")])
    );
    assert!(report.findings[2].problem.contains("s1"));
}

#[test]
fn the_demo_site_checks_clean_on_its_newest_day() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public");
    let site = SiteConfig::parse(&std::fs::read_to_string(format!("{root}/site.json")).unwrap()).unwrap();
    let text = std::fs::read_to_string(format!("{root}/feed.json")).unwrap();
    let options = crate::feed::ReadOptions { offset_minutes: site.offset_minutes(), fallback_source: None };
    let articles = crate::feed::parse_feed(&text, options).unwrap().feed.items;
    let files = |file: &str| std::path::Path::new(root).join(file).is_file();
    let report = inspect_with(&site, &articles, Some(&files), &[]);
    assert_eq!(report.findings, []);
    assert_eq!(report.home.newest.as_deref(), Some(ON));
    assert!(report.external.len() > 5, "the old CMS's pages and the filing records are listed");
}
