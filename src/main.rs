fn main() {
    // Crawler pages carry a pre-rendered copy of the article; the app takes over.
    if let Some(prerendered) = leptos::prelude::document().get_element_by_id("prerender") {
        prerendered.remove();
    }
    leptos::mount::mount_to_body(portal::App);
}
