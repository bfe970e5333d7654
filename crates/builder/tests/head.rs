//! Page titles and descriptions (`portal::head`), as the app and the
//! pre-rendered pages both take them, in either script.

use portal::head::PageHead;
use portal::ui::with_traditional;
use portal_core::feed::Article;
use portal_core::site::SiteConfig;

fn site() -> SiteConfig {
    SiteConfig::parse(r#"{"name":"泉州经济开发区","categories":[{"slug":"tzgg","name":"通知公告"}]}"#).unwrap()
}

#[test]
fn titles_follow_the_page_s_script() {
    let site = site();
    assert_eq!(PageHead::sitemap(&site).title, "网站地图 - 泉州经济开发区");
    assert_eq!(PageHead::home(&site).title, "泉州经济开发区");
    // The site's own name is converted with the site's content, by portal-build.
    assert_eq!(with_traditional(true, || PageHead::sitemap(&site)).title, "網站地圖 - 泉州经济开发区");
    let category = with_traditional(true, || PageHead::category(&site, "通知公告"));
    assert_eq!(category.description, "泉州经济开发区：通知公告欄目文章列表");
    assert_eq!(with_traditional(true, || PageHead::search(&site)).title, "搜索結果 - 泉州经济开发区");
}

#[test]
fn an_article_without_summary_is_described_by_its_text() {
    let article = Article {
        title: "标题".into(),
        body: portal_core::html::sanitize("<p>正文第一句。</p>"),
        ..Article::default()
    };
    let head = PageHead::article(&site(), &article);
    assert_eq!((head.title.as_str(), head.description.as_str()), ("标题 - 泉州经济开发区", "正文第一句。"));
    let summarised = Article { summary: "摘要".into(), ..article };
    assert_eq!(PageHead::article(&site(), &summarised).description, "摘要");
}
