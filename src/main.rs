fn main() {
    // A crawler page's pre-rendered article stays on screen until the app has
    // its page ready (see dom::hand_over_from_prerender).
    leptos::mount::mount_to_body(portal::App);
}
