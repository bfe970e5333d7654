//! Site footer: every configured item, nothing for what is not configured.

use crate::data::PortalLoader;
use crate::ui::{t, tf};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use portal_core::site::{Badge, Footer as FooterConfig, Link};
use portal_core::urls::SiteUrls;

/// The app's footer, once site.json is read.
#[component]
pub fn Footer() -> impl IntoView {
    let loader = expect_context::<PortalLoader>();
    let paths = loader.paths.clone();
    let location = use_location();
    move || {
        loader.loaded().map(|portal| {
            // What 找错 reports: the page shown, at its canonical address.
            let urls = portal.urls.clone();
            let page_url = Signal::derive(move || {
                let (path, query) = (location.pathname.get(), location.search.get());
                urls.canonical(&if query.is_empty() { path } else { format!("{path}?{query}") })
            });
            let syndicated = portal.catalogue.syndicated();
            view! { <SiteFooter footer=portal.site.footer.clone() paths=paths.clone() page_url syndicated/> }
        })
    }
}

/// `page_url` is the absolute URL of the page shown, for 我为政府网站找错;
/// `syndicated`, whether the site has RSS (portal-build writes it).
#[component]
pub fn SiteFooter(footer: FooterConfig, paths: SiteUrls, page_url: Signal<String>, syndicated: bool) -> impl IntoView {
    view! { <footer class="site-footer"><FooterBody footer paths page_url syndicated/></footer> }
}

/// A dialable `tel:` link for a number written as 0595—22353026.
fn tel(number: &str) -> String {
    format!("tel:{}", number.replace(['—', '–', ' '], "-"))
}

fn link(paths: &SiteUrls, link: &Link) -> AnyView {
    match &link.href {
        Some(href) => view! { <a href=paths.configured(href)>{link.text.clone()}</a> }.into_any(),
        None => view! { <span>{link.text.clone()}</span> }.into_any(),
    }
}

/// 党政机关网站标识 and 我为政府网站找错, the marks inspectors look for.
#[component]
fn FooterMarks(badge: Option<Badge>, report: Option<Signal<String>>, paths: SiteUrls) -> impl IntoView {
    let badge = badge.map(|badge| {
        let image = view! { <img src=paths.configured(&badge.image) alt=badge.alt.clone() width="62" height="76"/> };
        match badge.href {
            Some(href) => view! { <a class="badge" href=paths.configured(&href)>{image}</a> }.into_any(),
            None => view! { <span class="badge">{image}</span> }.into_any(),
        }
    });
    let report = report.map(|href| view! { <a class="error-report" href=href>{t("我为政府网站找错")}</a> });
    (badge.is_some() || report.is_some()).then(|| view! { <li class="footer-marks">{badge}{report}</li> })
}

#[component]
fn FooterBody(footer: FooterConfig, paths: SiteUrls, page_url: Signal<String>, syndicated: bool) -> impl IntoView {
    let line = |parts: Vec<String>| {
        let text = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("　");
        (!text.is_empty()).then(|| view! { <li>{text}</li> })
    };
    let labelled =
        |label: &str, value: &Option<String>| value.as_ref().map(|v| format!("{label}{v}")).unwrap_or_default();
    let links = {
        let items = footer.links.iter().map(|l| view! { " / " {link(&paths, l)} }).collect_view();
        // A file, not a route: rel="external" keeps the router out of it.
        let rss =
            syndicated.then(|| view! { " / " <a href=paths.configured("rss.xml") rel="external">{t("RSS 订阅")}</a> });
        view! { <li class="footer-links"><a href=paths.sitemap()>{t("网站地图")}</a>{rss}{items}</li> }
    };
    let report = footer.site_code.is_some().then(|| {
        let footer = footer.clone();
        Signal::derive(move || footer.error_report_url(&page_url.get()).unwrap_or_default())
    });
    let marks = view! { <FooterMarks badge=footer.badge.clone() report paths=paths.clone()/> };
    let filings = {
        let items: Vec<AnyView> = [
            footer.icp.as_ref().map(|l| link(&paths, l)),
            footer.police_filing.as_ref().map(|l| link(&paths, l)),
            footer.site_code.as_ref().map(|c| view! { <span>{tf("政府网站标识码：{}", &[c])}</span> }.into_any()),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!items.is_empty()).then(|| view! { <li class="footer-filings">{items}</li> })
    };
    let organizer = line(vec![
        footer.organizer.as_ref().map(|o| tf("{}主办", &[o])).unwrap_or_default(),
        labelled(t("地址："), &footer.address),
    ]);
    let contact = (footer.postcode.is_some() || footer.phone.is_some() || footer.email.is_some()).then(|| {
        view! {
            <li>
                {footer.postcode.as_ref().map(|p| tf("邮政编码：{}　", &[p]))}
                {footer.phone.as_ref().map(|p| view! { {t("联系电话：")} <a href=tel(p)>{p.clone()}</a> "　" })}
                {footer.email.as_ref().map(|e| view! { "E-mail：" <a href=format!("mailto:{e}")>{e.clone()}</a> })}
            </li>
        }
    });
    let hotlines = footer
        .hotlines
        .iter()
        .map(|c| view! { <li>{format!("{}：", c.label)}<a href=tel(&c.value)>{c.value.clone()}</a></li> })
        .collect_view();
    let mailboxes = footer.mailboxes.iter().map(|c| view! { <li>{format!("{}：", c.label)}<a href=format!("mailto:{}", c.value)>{c.value.clone()}</a></li> }).collect_view();
    let copyright = footer.copyright.as_ref().map(|c| view! { <li>{c.clone()}</li> });
    view! {
        <ul class="footer-lines">
            {links}
            {filings}
            {organizer}
            {contact}
            {hotlines}
            {mailboxes}
            {copyright}
            {marks}
        </ul>
    }
}
