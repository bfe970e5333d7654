// Talc is smaller in the wasm than Rust's default allocator there, dlmalloc
// (docs/performance.md); the app has one thread.
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    // A crawler page's pre-rendered article stays on screen until the app has
    // its page ready (see dom::hand_over_from_prerender).
    leptos::mount::mount_to_body(portal::App);
}
