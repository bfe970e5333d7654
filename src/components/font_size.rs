//! 【字体：大 中 小】, remembered across pages and visits.

use crate::prefs::{self, FontSize};
use crate::ui::{t, tf};
use leptos::prelude::*;

#[component]
pub fn FontSizeSwitch() -> impl IntoView {
    let (current, set_current) = signal(prefs::saved_font_size());
    let buttons = FontSize::ALL
        .into_iter()
        .map(|size| {
            view! {
                <button
                    type="button"
                    aria-pressed=move || (current.get() == size).to_string()
                    aria-label=tf("{}号字体", &[size.label()])
                    on:click=move |_| {
                        prefs::set_font_size(size);
                        set_current.set(size);
                    }
                >
                    {size.label()}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="font-size-switch" role="group" aria-label=t("字体大小")>
            {t("【字体：")} {buttons} {t("】")}
        </div>
    }
}
