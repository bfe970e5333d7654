//! The app in each tree: its bundle (in the Simplified tree, whose pages
//! load it for both), its static files, its page for deep links
//! (`app.html`) and its site.json.

use super::Writer;
use crate::page;
use crate::traditional;
use crate::tree::{Script, Tree};
use crate::BuildError;
use portal_core::site::SiteConfig;
use std::path::Path;

/// Copies the app bundle (not its demo data) and returns the page the
/// pre-rendered pages start from: app.html (the release build's page as
/// trunk wrote it), else index.html.
pub fn copy_bundle(app: Option<&Path>, site: &SiteConfig, out: &mut Writer) -> Result<Option<String>, BuildError> {
    let Some(app) = app else { return Ok(None) };
    // Its demo data is not the site's; its page is written as index.html
    // and app.html by the home and app steps.
    copy_files(app, out, |relative| {
        !matches!(relative.to_str(), Some("feed.json" | "site.json" | "index.html" | "app.html"))
    })?;
    let page = [app.join("app.html"), app.join("index.html")]
        .into_iter()
        .find(|p| p.is_file())
        .unwrap_or_else(|| app.join("app.html"));
    let template = std::fs::read_to_string(&page).map_err(|e| copy_failed(&page, e))?;
    Ok(Some(page::allow_images(&template, site)))
}

/// The tree's site.json and plain app page, which hosts answer every other
/// deep link with; the 繁體 tree also gets the app's static files.
pub fn write(tree: &Tree, app: Option<&Path>, out: &mut Writer) -> Result<(), BuildError> {
    if let (Script::Traditional(_), Some(app)) = (tree.script, app) {
        copy_static(app, out)?;
    }
    if let Some(pages) = &tree.pages {
        out.file("app.html", pages.template.as_bytes())?;
    }
    let mut site_json = tree.site_json.clone();
    site_json["feed"] = "feed.json".into();
    site_json["base_url"] = tree.urls.root().into();
    out.json("site.json", &site_json)
}

/// The app's static files (images; not its bundle, which its pages link by
/// absolute paths), for the 繁體 tree, where relative links look for them.
fn copy_static(app: &Path, out: &mut Writer) -> Result<(), BuildError> {
    copy_files(app, out, |relative| {
        !matches!(relative.extension().and_then(|e| e.to_str()), Some("js" | "wasm" | "css" | "html" | "json"))
    })
}

/// `app`'s files that `wanted` (given the path under `app`) accepts; not
/// its archive folders.
fn copy_files(app: &Path, out: &mut Writer, wanted: impl Fn(&Path) -> bool) -> Result<(), BuildError> {
    let mut pending = vec![app.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).map_err(|e| copy_failed(&folder, e))? {
            let path = entry.map_err(|e| copy_failed(&folder, e))?.path();
            let relative = path.strip_prefix(app).expect("under the app folder");
            if path.is_dir() {
                if !matches!(relative.to_str(), Some("feeds" | "articles" | "article" | traditional::FOLDER)) {
                    pending.push(path);
                }
            } else if wanted(relative) {
                let bytes = std::fs::read(&path).map_err(|e| copy_failed(&path, e))?;
                out.put(&relative.to_string_lossy(), &bytes).map_err(|e| copy_failed(&path, e))?;
            }
        }
    }
    Ok(())
}

fn copy_failed(path: &Path, error: std::io::Error) -> BuildError {
    BuildError::io(path, "复制应用文件失败", error)
}
