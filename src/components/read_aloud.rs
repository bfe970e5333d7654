//! 语音朗读 (适老化): 【朗读】 reads the title and body aloud with the
//! browser's speech synthesis and a Chinese voice, 【暂停】 pauses and
//! resumes; pressing 【朗读】 again stops, and so does leaving the page.
//! Not shown without speech synthesis or a Chinese voice.

use crate::dom;
use crate::speech;
use crate::ui::t;
use leptos::prelude::*;
use portal_core::index::ArticleView;
use send_wrapper::SendWrapper;
use std::sync::Arc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    Stopped,
    Speaking,
    Paused,
}

#[component]
pub fn ReadAloud(article: Arc<ArticleView>) -> impl IntoView {
    let available = RwSignal::new(false);
    let reading = RwSignal::new(Reading::Stopped);
    let announced = RwSignal::new("");
    if dom::IN_BROWSER {
        watch_voices(available);
        stop_on_leaving();
    }
    let set = move |state: Reading, message: &'static str| {
        reading.set(state);
        announced.set(t(message));
    };
    let article = StoredValue::new(article);
    // Each start begins a run and a stop ends it: a cancelled run's last
    // utterance ends late, and must not touch the next.
    let run = StoredValue::new(0u32);
    let start = move || {
        let Some(synthesis) = speech::synthesis() else { return };
        let Some(voice) = speech::chinese_voice(&synthesis, dom::page_is_traditional()) else { return };
        run.update_value(|n| *n += 1);
        let this_run = run.get_value();
        let passages =
            article.with_value(|view| portal_core::speech::passages(&view.article.title, &view.article.body));
        speech::speak(&synthesis, &voice, &passages, move || {
            if run.try_get_value() == Some(this_run) {
                let _ = reading.try_set(Reading::Stopped);
                let _ = announced.try_set(t("朗读已结束"));
            }
        });
        set(Reading::Speaking, "正在朗读");
    };
    let toggle = move |_| match reading.get_untracked() {
        Reading::Stopped => start(),
        _ => {
            run.update_value(|n| *n += 1);
            cancel();
            set(Reading::Stopped, "朗读已停止");
        }
    };
    let pause = move |_| {
        let Some(synthesis) = speech::synthesis() else { return };
        if reading.get_untracked() == Reading::Paused {
            synthesis.resume();
            set(Reading::Speaking, "继续朗读");
        } else {
            synthesis.pause();
            set(Reading::Paused, "朗读已暂停");
        }
    };
    let on = move || reading.get() != Reading::Stopped;
    view! {
        <Show when=move || available.get()>
            <div class="read-aloud" role="group" aria-label=t("语音朗读")>
                <button type="button" aria-pressed=move || on().to_string() on:click=toggle>{t("朗读")}</button>
                <Show when=on>
                    <button type="button" aria-pressed=move || (reading.get() == Reading::Paused).to_string() on:click=pause>
                        {t("暂停")}
                    </button>
                </Show>
                <span class="visually-hidden" role="status">{move || announced.get()}</span>
            </div>
        </Show>
    }
}

fn cancel() {
    if let Some(synthesis) = speech::synthesis() {
        synthesis.cancel();
    }
}

/// `available` while the browser has a Chinese voice: now, or once it
/// lists its voices (`voiceschanged`), until the page goes.
fn watch_voices(available: RwSignal<bool>) {
    let Some(synthesis) = speech::synthesis() else { return };
    let traditional = dom::page_is_traditional();
    let check = {
        let synthesis = synthesis.clone();
        move || {
            let _ = available.try_set(speech::chinese_voice(&synthesis, traditional).is_some());
        }
    };
    check();
    let listener = Closure::<dyn Fn()>::new(check);
    synthesis.set_onvoiceschanged(Some(listener.as_ref().unchecked_ref()));
    let held = SendWrapper::new((synthesis, listener));
    on_cleanup(move || held.take().0.set_onvoiceschanged(None));
}

/// Reading stops when the page is left: for another route (this component
/// goes) or another site, or the tab is closed (`pagehide`).
fn stop_on_leaving() {
    let pagehide = window_event_listener_untyped("pagehide", |_| cancel());
    on_cleanup(move || {
        pagehide.remove();
        cancel();
    });
}
