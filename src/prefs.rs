//! Reader preferences kept in localStorage and applied as attributes on
//! `<html>`, so they hold on every page and on the next visit.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontSize {
    Large,
    Medium,
    Small,
}

impl FontSize {
    pub const ALL: [FontSize; 3] = [FontSize::Large, FontSize::Medium, FontSize::Small];

    pub fn key(self) -> &'static str {
        match self {
            FontSize::Large => "large",
            FontSize::Medium => "medium",
            FontSize::Small => "small",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FontSize::Large => crate::ui::t("大"),
            FontSize::Medium => crate::ui::t("中"),
            FontSize::Small => crate::ui::t("小"),
        }
    }

    fn from_key(key: &str) -> Option<FontSize> {
        Self::ALL.into_iter().find(|f| f.key() == key)
    }
}

const FONT_KEY: &str = "portal.font-size";
const ELDER_KEY: &str = "portal.elder-mode";
/// Read by boot.js, which takes a returning reader to the script they chose.
const SCRIPT_KEY: &str = "portal.script";

fn storage() -> Option<web_sys::Storage> {
    // Pre-rendered pages show the defaults.
    if !crate::dom::IN_BROWSER {
        return None;
    }
    window().local_storage().ok().flatten()
}

fn read(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) {
    // Private modes may refuse storage; the choice then lasts this page only.
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

pub fn saved_font_size() -> FontSize {
    read(FONT_KEY).and_then(|k| FontSize::from_key(&k)).unwrap_or(FontSize::Medium)
}

pub fn set_font_size(size: FontSize) {
    write(FONT_KEY, size.key());
    show_font_size(size);
}

fn show_font_size(size: FontSize) {
    crate::dom::set_root_attribute("data-font-size", size.key());
}

pub fn saved_elder_mode() -> bool {
    read(ELDER_KEY).as_deref() == Some(elder_value(true))
}

pub fn set_elder_mode(on: bool) {
    write(ELDER_KEY, elder_value(on));
    show_elder_mode(on);
}

fn elder_value(on: bool) -> &'static str {
    if on {
        "on"
    } else {
        "off"
    }
}

fn show_elder_mode(on: bool) {
    crate::dom::set_root_attribute("data-elder", elder_value(on));
}

/// The reader chose the 繁體 (`true`) or 简体 version of the site.
pub fn set_traditional(traditional: bool) {
    write(SCRIPT_KEY, if traditional { "hant" } else { "hans" });
}

/// Applies the saved choices before the first render.
pub fn apply_saved() {
    show_font_size(saved_font_size());
    show_elder_mode(saved_elder_mode());
}
