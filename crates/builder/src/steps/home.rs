//! The home feed (`feed.json`) and the home page.

use super::Writer;
use crate::page;
use crate::tree::Tree;
use crate::BuildError;

pub fn write(tree: &Tree, out: &mut Writer) -> Result<(), BuildError> {
    out.json("feed.json", &tree.home_feed())?;
    if let Some(pages) = &tree.pages {
        let body = pages.prerender.home();
        out.file("index.html", page::home_page(&pages.template, &tree.site, &body).as_bytes())?;
    }
    Ok(())
}
