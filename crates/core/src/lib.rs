//! The portal's pure logic. Nothing here touches the browser, so the app,
//! the feed tools and the native tests all share one model.

pub mod archive;
pub mod date;
pub mod feed;
pub mod html;
pub mod index;
pub mod paging;
pub mod paths;
pub mod related;
pub mod share;
pub mod site;
pub mod writer;
