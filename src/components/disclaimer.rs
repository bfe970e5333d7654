//! 免责声明, from site configuration.

use crate::ui::t;
use leptos::prelude::*;

#[component]
pub fn Disclaimer(paragraphs: Vec<String>) -> impl IntoView {
    (!paragraphs.is_empty()).then(|| {
        view! {
            <section class="disclaimer" aria-labelledby="disclaimer-heading">
                <h2 id="disclaimer-heading">{t("免责声明")}</h2>
                {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </section>
        }
    })
}
