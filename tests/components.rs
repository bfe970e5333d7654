//! Component tests in a real browser (wasm-bindgen-test, headless Chromium):
//! what only a DOM can show.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portal::components::article_body::ArticleBody;
use portal::components::font_size::FontSizeSwitch;
use portal::components::share_bar::ShareBar;
use portal::{dom, prefs};
use portal_core::html::sanitize;
use portal_core::share::ShareTarget;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn article_body_builds_sanitized_nodes_and_runs_nothing() {
    let hostile = r##"<p>正文<img src=x onerror="window.__pwned=1"></p><script>window.__pwned=1</script>
        <a href="javascript:window.__pwned=1">链接</a><svg onload="window.__pwned=1"></svg>
        <figure><img src="images/a.svg" alt="图" width="640" height="400"><figcaption>图说</figcaption></figure>
        <a id="to-part" href="#part2">跳到第二部分</a>"##;
    let parent = container();
    let nodes = sanitize(hostile);
    let _handle = leptos::mount::mount_to(parent.clone(), move || view! { <ArticleBody nodes=nodes.clone()/> });
    tick().await;
    let body = parent.query_selector(".article-body").unwrap().expect("body rendered");
    assert!(body.text_content().unwrap().contains("正文"));
    assert!(body.query_selector("script, svg, [onerror], [onload]").unwrap().is_none());
    let link = body.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href"), None);
    let location = window().location();
    let in_page = body.query_selector("a:last-of-type").unwrap().unwrap();
    assert_eq!(
        in_page.get_attribute("href"),
        Some(format!("{}{}#part2", location.pathname().unwrap(), location.search().unwrap()))
    );
    let figure_image = body.query_selector("figure img").unwrap().unwrap();
    assert_eq!(figure_image.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(figure_image.get_attribute("width").as_deref(), Some("640"));
    assert_eq!(body.query_selector("figcaption").unwrap().unwrap().text_content().as_deref(), Some("图说"));
    tick().await;
    assert!(js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap().is_undefined());
}

#[wasm_bindgen_test]
async fn font_size_switch_applies_and_remembers_the_choice() {
    let parent = container();
    let _handle = leptos::mount::mount_to(parent.clone(), || view! { <FontSizeSwitch/> });
    let large: web_sys::HtmlElement =
        parent.query_selector("button[aria-label='大号字体']").unwrap().unwrap().unchecked_into();
    large.click();
    tick().await;
    let root = document().document_element().unwrap();
    assert_eq!(root.get_attribute("data-font-size").as_deref(), Some("large"));
    assert_eq!(large.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(prefs::saved_font_size(), prefs::FontSize::Large);
    let small: web_sys::HtmlElement =
        parent.query_selector("button[aria-label='小号字体']").unwrap().unwrap().unchecked_into();
    small.click();
    tick().await;
    assert_eq!(root.get_attribute("data-font-size").as_deref(), Some("small"));
    assert_eq!(large.get_attribute("aria-pressed").as_deref(), Some("false"));
    prefs::set_font_size(prefs::FontSize::Medium);
}

#[wasm_bindgen_test]
async fn share_bar_links_and_wechat_popover() {
    let parent = container();
    let url = "https://example.gov.cn/news/article/a1".to_string();
    let title = "标题 & #1 100% 🎉".to_string();
    let targets = vec![ShareTarget::Weibo, ShareTarget::Wechat, ShareTarget::Copy];
    let (u, t) = (url.clone(), title.clone());
    let _handle = leptos::mount::mount_to(
        parent.clone(),
        move || view! { <ShareBar url=u.clone() title=t.clone() targets=targets.clone()/> },
    );
    tick().await;
    let weibo = parent.query_selector("a[data-share='weibo']").unwrap().unwrap();
    assert_eq!(weibo.get_attribute("href"), ShareTarget::Weibo.url(&url, &title));
    assert_eq!(weibo.get_attribute("rel").as_deref(), Some("noopener noreferrer"));
    let button: web_sys::HtmlElement = parent.query_selector("#share-wechat-button").unwrap().unwrap().unchecked_into();
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("false"));
    button.click();
    tick().await;
    assert_eq!(button.get_attribute("aria-expanded").as_deref(), Some("true"));
    let popover = parent.query_selector("#share-wechat-popover").unwrap().expect("popover open");
    assert!(popover.query_selector("svg.qr path").unwrap().is_some());
    assert_eq!(document().active_element().map(|e| e.id()).as_deref(), Some("share-wechat-close"));
    let escape = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &{
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init
    })
    .unwrap();
    popover.dispatch_event(&escape).unwrap();
    tick().await;
    assert!(parent.query_selector("#share-wechat-popover").unwrap().is_none());
    assert_eq!(document().active_element().map(|e| e.id()).as_deref(), Some("share-wechat-button"));
}

#[wasm_bindgen_test]
fn site_urls_come_from_the_document() {
    // The test page has no <base>, so the app is at the server's root path,
    // and until site.json names a canonical root the page's own stands in.
    let urls = dom::site_urls();
    assert!(urls.home().starts_with('/'));
    let origin = leptos::prelude::window().location().origin().unwrap();
    assert!(urls.root().starts_with(&origin), "{} from {origin}", urls.root());
}
