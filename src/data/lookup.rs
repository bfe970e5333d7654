//! An article and a category's page: from the feed held whole, or from the
//! archive's article file and category parts.

use super::fetch::{fetch_article, fetch_category_part, fetch_once};
use super::{Catalogue, LookupError, Portal};
use futures::future::{FutureExt, OptionFuture};
use portal_core::archive::{self, PageParts};
use portal_core::index::{ArticleView, CategoryListing};
use portal_core::paging::{self, PageError};
use std::sync::Arc;

impl Portal {
    /// The article with its related reading and neighbours.
    pub async fn article(self: Arc<Self>, id: String) -> Result<Arc<ArticleView>, LookupError> {
        let Catalogue::Archive { files, .. } = &self.catalogue else {
            return self
                .catalogue
                .front()
                .view(&id, self.site.related_count)
                .map(Arc::new)
                .ok_or(LookupError::NotFound);
        };
        if !archive::is_plain_id(&id) {
            return Err(LookupError::NotFound);
        }
        let url = archive::article_file(&id);
        let site = self.site.clone();
        let found = fetch_once(&files.articles, &url, || fetch_article(site, id, url.clone()).boxed_local())
            .await
            .map_err(LookupError::Failed)?;
        found.as_ref().clone().ok_or(LookupError::NotFound)
    }

    /// Page `page` of a category, newest first.
    pub async fn category_page(
        self: Arc<Self>,
        slug: String,
        page: Result<usize, PageError>,
    ) -> Result<CategoryListing, LookupError> {
        if self.site.category(&slug).is_none() {
            return Err(LookupError::NotFound);
        }
        let bad_page = |error| LookupError::BadPage { slug: slug.clone(), error };
        let number = page.map_err(bad_page)?;
        let Catalogue::Archive { archive, files, .. } = &self.catalogue else {
            return self.catalogue.front().listing(&slug, self.site.page_size, number).map_err(bad_page);
        };
        let count = archive.count(&slug).unwrap_or(0);
        let page = paging::page(count, archive.page_size, number).map_err(bad_page)?;
        if count == 0 {
            return Ok(CategoryListing { slug, page, items: Arc::default() });
        }
        let parts = PageParts::of(&slug, count, archive.page_size, &page);
        let skip = parts.skip;
        // One or two parts, fetched together (`join` of two: `join_all`
        // costs the wasm 3 KB more).
        let part =
            |url: Option<String>| {
                OptionFuture::from(url.map(|url| {
                    let site = self.site.clone();
                    async move {
                        fetch_once(&files.pages, &url, || fetch_category_part(site, url.clone()).boxed_local()).await
                    }
                }))
            };
        let mut urls = parts.files.into_iter();
        let (newest, older) = futures::future::join(part(urls.next()), part(urls.next())).await;
        let mut items = Vec::with_capacity(page.end - page.start);
        for part in [newest, older].into_iter().flatten() {
            items.extend(part.map_err(LookupError::Failed)?.iter().cloned());
        }
        let items = items.into_iter().skip(skip).take(page.end - page.start).collect();
        Ok(CategoryListing { slug, page, items: Arc::new(items) })
    }
}
