//! The browser's own speech synthesis, for 语音朗读: nothing is fetched,
//! the voices are the system's. Called only in the browser (`dom::IN_BROWSER`).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// The browser's synthesis, where it has one (read as a property: calling
/// the getter where there is none would throw).
pub fn synthesis() -> Option<SpeechSynthesis> {
    let synthesis = js_sys::Reflect::get(&leptos::prelude::window(), &JsValue::from_str("speechSynthesis")).ok()?;
    synthesis.is_object().then(|| synthesis.unchecked_into())
}

/// A Chinese voice for the page's script (`portal_core::speech::chinese_voice`).
/// Browsers may list their voices only later, at `voiceschanged`.
pub fn chinese_voice(synthesis: &SpeechSynthesis, traditional: bool) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> = synthesis.get_voices().iter().map(JsCast::unchecked_into).collect();
    let langs: Vec<String> = voices.iter().map(SpeechSynthesisVoice::lang).collect();
    portal_core::speech::chinese_voice(&langs, traditional).map(|i| voices[i].clone())
}

/// Queues `passages` in `voice`, after cancelling what was being read;
/// `finished` is called once the last has been read or has failed.
pub fn speak(
    synthesis: &SpeechSynthesis,
    voice: &SpeechSynthesisVoice,
    passages: &[String],
    finished: impl FnOnce() + 'static,
) {
    synthesis.cancel();
    let mut finished = Some(finished);
    let on_finish = Closure::<dyn FnMut()>::new(move || finished.take().map_or((), |f| f())).into_js_value();
    let count = passages.len();
    for (i, passage) in passages.iter().enumerate() {
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(passage) else { continue };
        utterance.set_voice(Some(voice));
        utterance.set_lang(&voice.lang());
        if i + 1 == count {
            utterance.set_onend(Some(on_finish.unchecked_ref()));
            utterance.set_onerror(Some(on_finish.unchecked_ref()));
        }
        synthesis.speak(&utterance);
    }
}
