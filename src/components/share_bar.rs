//! 分享到: plain share links built in the app (no third-party script, no
//! request to another host before a click), a WeChat QR code drawn here,
//! copy-link and the system share sheet.

use crate::dom;
use crate::ui::{t, tf};
use leptos::prelude::*;
use leptos::task::spawn_local;
use portal_core::share::ShareTarget;

#[component]
pub fn ShareBar(url: String, title: String, targets: Vec<ShareTarget>) -> impl IntoView {
    let targets: Vec<ShareTarget> =
        targets.into_iter().filter(|t| *t != ShareTarget::System || dom::can_share_natively()).collect();
    let empty = targets.is_empty();
    let buttons = targets
        .into_iter()
        .map(|target| {
            let (url, title) = (url.clone(), title.clone());
            match target {
                ShareTarget::Wechat => view! { <li><WechatQr url/></li> }.into_any(),
                ShareTarget::Copy => view! { <li><CopyLink url/></li> }.into_any(),
                ShareTarget::System => view! { <li><SystemShare url title/></li> }.into_any(),
                link => {
                    let href = link.url(&url, &title).unwrap_or_default();
                    let name = tf("分享到{}", &[t(link.label())]);
                    let key = link.key();
                    view! {
                        <li>
                            <a class=format!("share share-{key}") href=href target="_blank" rel="noopener noreferrer" aria-label=name.clone() title=name data-share=key>
                                {t(link.label())}
                            </a>
                        </li>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    (!empty).then(|| {
        view! {
            <section class="share-bar" aria-labelledby="share-heading">
                <h2 id="share-heading" class="share-heading">{t("分享到：")}</h2>
                <ul>{buttons}</ul>
            </section>
        }
    })
}

/// The QR code as an SVG path, one square per dark module.
fn qr_path(text: &str) -> Option<(usize, String)> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let width = code.width();
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == qrcode::Color::Dark {
            path.push_str(&format!("M{} {}h1v1h-1z", i % width + 4, i / width + 4));
        }
    }
    Some((width + 8, path))
}

#[component]
fn WechatQr(url: String) -> impl IntoView {
    let (open, set_open) = signal(false);
    let close = move || {
        set_open.set(false);
        dom::focus_element("share-wechat-button");
    };
    let popover = move || {
        open.get().then(|| {
            let body = if dom::in_wechat_browser() {
                view! { <p>{t("您正在微信中浏览，请点击右上角“…”菜单分享给朋友。")}</p> }.into_any()
            } else {
                match qr_path(&url) {
                    Some((size, path)) => view! {
                        <svg class="qr" viewBox=format!("0 0 {size} {size}") width="176" height="176" role="img" aria-label=t("本文链接的二维码") shape-rendering="crispEdges">
                            <rect width="100%" height="100%" fill="#fff"/>
                            <path d=path fill="#000"/>
                        </svg>
                        <p>{t("微信扫一扫，分享到朋友圈")}</p>
                    }
                    .into_any(),
                    None => view! { <p>{t("链接过长，无法生成二维码，请使用复制链接。")}</p> }.into_any(),
                }
            };
            view! {
                <div
                    class="qr-popover"
                    id="share-wechat-popover"
                    role="dialog"
                    aria-label=t("微信扫一扫")
                    on:keydown=move |event| {
                        if event.key() == "Escape" {
                            close();
                        }
                    }
                >
                    {body}
                    <button type="button" id="share-wechat-close" class="button" on:click=move |_| close()>{t("关闭")}</button>
                </div>
            }
        })
    };
    Effect::new(move |_| {
        if open.get() {
            dom::focus_element("share-wechat-close");
        }
    });
    view! {
        <button
            type="button"
            id="share-wechat-button"
            class="share share-wechat"
            aria-label=t("分享到微信")
            aria-expanded=move || open.get().to_string()
            aria-controls="share-wechat-popover"
            on:click=move |_| set_open.update(|o| *o = !*o)
            on:keydown=move |event| {
                if event.key() == "Escape" && open.get_untracked() {
                    close();
                }
            }
        >
            {t("微信")}
        </button>
        {popover}
    }
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Manual,
}

#[component]
fn CopyLink(url: String) -> impl IntoView {
    let (state, set_state) = signal(CopyState::Idle);
    let text = url.clone();
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            if dom::copy_to_clipboard(&text).await {
                set_state.set(CopyState::Copied);
            } else {
                set_state.set(CopyState::Manual);
                // The field renders on the next frame; select it then.
                request_animation_frame(|| dom::select_input("share-copy-field"));
            }
        });
    };
    view! {
        <button type="button" class="share share-copy" on:click=copy>{t("复制链接")}</button>
        <span class="copy-status" role="status">
            {move || match state.get() {
                CopyState::Idle => None,
                CopyState::Copied => Some(view! { <span class="copied">{t("链接已复制")}</span> }.into_any()),
                CopyState::Manual => Some(view! {
                    <label for="share-copy-field">{t("无法自动复制，请按 Ctrl+C（手机上长按）复制：")}</label>
                    <input id="share-copy-field" type="text" readonly value=url.clone()/>
                }.into_any()),
            }}
        </span>
    }
}

#[component]
fn SystemShare(url: String, title: String) -> impl IntoView {
    let (error, set_error) = signal(None::<String>);
    let share = move |_| {
        let (url, title) = (url.clone(), title.clone());
        spawn_local(async move {
            set_error.set(dom::share_natively(&title, &url).await.err());
        });
    };
    view! {
        <button type="button" class="share share-system" on:click=share>{t("系统分享")}</button>
        <span role="status">{move || error.get()}</span>
    }
}
