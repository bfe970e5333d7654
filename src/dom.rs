//! The few places the app touches the DOM directly: the build-time base
//! path, sanitized article bodies, focus after navigation, the clipboard
//! and the system share sheet.

use crate::ui::t;
use portal_core::html::Node;
use wasm_bindgen::{JsCast, JsValue};

/// False when portal-build renders the app's components natively
/// (`ssr`): then nothing here may be called.
pub const IN_BROWSER: bool = cfg!(not(feature = "ssr"));

fn document() -> web_sys::Document {
    leptos::prelude::document()
}

/// The path the app is hosted under, from `<base href>` (set by
/// `trunk build --public-url`).
pub fn base_path() -> String {
    document()
        .base_uri()
        .ok()
        .flatten()
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default()
}

/// The page's origin, for canonical absolute URLs.
pub fn origin() -> String {
    leptos::prelude::window().location().origin().unwrap_or_default()
}

/// An attribute on `<html>`, where reader settings and mourning mode live
/// so that they hold for the whole page.
pub fn set_root_attribute(name: &str, value: &str) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute(name, value);
    }
}

/// On a phone the navigation is one row that scrolls sideways: bring the
/// current 栏目 into the middle of it.
pub fn show_current_nav_item() {
    let Ok(Some(link)) = document().query_selector("body > header .site-nav a[aria-current=\"page\"]") else { return };
    let Some(list) = link.closest("ul").ok().flatten() else { return };
    let (Ok(link), Ok(list)) = (link.dyn_into::<web_sys::HtmlElement>(), list.dyn_into::<web_sys::HtmlElement>())
    else {
        return;
    };
    list.set_scroll_left((link.offset_left() - (list.client_width() - link.offset_width()) / 2).max(0));
}

/// The site in the other script, as portal-build marks its pages:
/// `<html data-script="hans" data-other-script="/zh-hant/">`. None for a
/// site with one script (the switch is then not shown).
pub fn other_script() -> Option<portal_core::urls::OtherScript> {
    let root = document().document_element()?;
    Some(portal_core::urls::OtherScript {
        traditional: root.get_attribute("data-script")? == "hans",
        root: root.get_attribute("data-other-script")?,
    })
}

/// Whether this is a page of the 繁體 tree (`<html lang="zh-Hant">`).
pub fn page_is_traditional() -> bool {
    document().document_element().and_then(|root| root.get_attribute("lang")).as_deref() == Some("zh-Hant")
}

/// Now, in whole seconds since the epoch.
pub fn now() -> portal_core::date::Timestamp {
    (js_sys::Date::now() / 1000.0) as portal_core::date::Timestamp
}

/// Replaces `container`'s children with a sanitized tree. Elements are
/// created one by one, never parsed from a string.
pub fn render_nodes(container: &web_sys::Element, nodes: &[Node]) {
    container.set_text_content(None);
    let document = document();
    for node in nodes {
        if let Some(child) = build(&document, node) {
            let _ = container.append_child(&child);
        }
    }
}

fn build(document: &web_sys::Document, node: &Node) -> Option<web_sys::Node> {
    match node {
        Node::Text(text) => Some(document.create_text_node(text).into()),
        Node::Element { tag, attrs, children } => {
            let element = document.create_element(tag).ok()?;
            for (name, value) in attrs {
                // `#part` links are to this article, not to `<base href>`.
                let value = match value.strip_prefix('#') {
                    Some(_) if *name == "href" => {
                        let location = leptos::prelude::window().location();
                        format!(
                            "{}{}{value}",
                            location.pathname().unwrap_or_default(),
                            location.search().unwrap_or_default()
                        )
                    }
                    _ => value.clone(),
                };
                let _ = element.set_attribute(name, &value);
            }
            for child in children {
                if let Some(child) = build(document, child) {
                    let _ = element.append_child(&child);
                }
            }
            Some(element.into())
        }
    }
}

/// Removes a pre-rendered page (portal-build's home, category and article
/// pages) once the app has rendered its own page with the same content, not
/// a skeleton; until then CSS keeps the app hidden behind it, so readers see
/// the page as soon as the HTML arrives, without a flash. Every route calls
/// this where its content is complete.
pub fn hand_over_from_prerender() {
    if let Some(prerendered) = document().get_element_by_id("prerender") {
        leptos::prelude::request_animation_frame(move || {
            prerendered.remove();
            // The app's header was hidden until now, so had no layout.
            show_current_nav_item();
        });
    }
}

/// When the app cannot load what a pre-rendered page shows, the reader keeps
/// that page rather than losing it to an error panel: `notice` is put at the
/// top of its content, and its links load plain pages (the router would
/// take them to an app that has no data). Without a pre-rendered page the
/// error panel is what the reader sees.
pub fn keep_prerender_after_failure(notice: &str) {
    let Some(prerendered) = document().get_element_by_id("prerender") else { return };
    if let Ok(None) = prerendered.query_selector(".prerender-notice") {
        if let Ok(paragraph) = document().create_element("p") {
            paragraph.set_class_name("notice prerender-notice");
            let _ = paragraph.set_attribute("role", "alert");
            paragraph.set_text_content(Some(notice));
            let container = prerendered.query_selector("main").ok().flatten().unwrap_or_else(|| prerendered.clone());
            let _ = container.prepend_with_node_1(&paragraph);
        }
        // The router listens for link clicks on the window.
        let stop = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
            event.stop_propagation()
        });
        let _ = prerendered.add_event_listener_with_callback("click", stop.as_ref().unchecked_ref());
        stop.forget();
    }
}

/// Whether the page shows its skeleton, its data still on the way.
pub fn page_is_loading() -> bool {
    matches!(document().query_selector("main [aria-busy=\"true\"]"), Ok(Some(_)))
}

/// Moves focus to the page's main heading, so keyboard and screen-reader
/// users start reading the new page, not the old link.
pub fn focus_main_heading() {
    if let Ok(Some(heading)) = document().query_selector("main h1") {
        let _ = heading.set_attribute("tabindex", "-1");
        if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
            let _ = heading.focus();
        }
    }
}

pub fn document_title() -> String {
    document().title()
}

fn navigator() -> web_sys::Navigator {
    leptos::prelude::window().navigator()
}

fn has_property(target: &JsValue, name: &str) -> bool {
    js_sys::Reflect::has(target, &JsValue::from_str(name)).unwrap_or(false)
}

/// Copies text with the async clipboard API; `false` when it is missing or
/// the reader's browser refused, so the caller can offer the manual way.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = navigator();
    if !has_property(&navigator, "clipboard") {
        return false;
    }
    wasm_bindgen_futures::JsFuture::from(navigator.clipboard().write_text(text)).await.is_ok()
}

/// Whether the browser has the Web Share API.
pub fn can_share_natively() -> bool {
    IN_BROWSER && has_property(&navigator(), "share")
}

/// Opens the system share sheet. A reader cancelling it is not an error.
pub async fn share_natively(title: &str, url: &str) -> Result<(), String> {
    let navigator = navigator();
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let share = js_sys::Reflect::get(&navigator, &"share".into()).map_err(|_| t("浏览器不支持系统分享").to_string())?;
    let share: js_sys::Function = share.dyn_into().map_err(|_| t("浏览器不支持系统分享").to_string())?;
    let promise: js_sys::Promise =
        share.call1(&navigator, &data).map_err(|_| t("系统分享无法打开").to_string())?.unchecked_into();
    match wasm_bindgen_futures::JsFuture::from(promise).await {
        Ok(_) => Ok(()),
        Err(error) => {
            let name =
                js_sys::Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
            if name == "AbortError" {
                Ok(())
            } else {
                Err(t("系统分享未能完成").to_string())
            }
        }
    }
}

/// Inside WeChat's own browser a QR code of the page is no use.
pub fn in_wechat_browser() -> bool {
    navigator().user_agent().map(|ua| ua.contains("MicroMessenger")).unwrap_or(false)
}

/// Selects the text of an input so the reader can copy it by hand.
pub fn select_input(id: &str) {
    if let Some(input) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
        let _ = input.focus();
        input.select();
    }
}

pub fn focus_element(id: &str) {
    if let Some(element) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

pub fn print_page() {
    let _ = leptos::prelude::window().print();
}

/// The address a submitted search form asks for, below `search_path`: its
/// fields as the browser would send them (`FormData`), read as a search
/// and written back in the one canonical form.
pub fn submitted_search(event: &web_sys::Event, search_path: &str) -> Option<String> {
    let form: web_sys::HtmlFormElement = event.target()?.dyn_into().ok()?;
    let data = web_sys::FormData::new_with_form(&form).ok()?;
    let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
    let request = portal_core::search::Request::from_params(|key| params.get(key));
    Some(request.href(search_path, 1))
}
