//! Share targets and their URLs: plain links built here, so nothing is
//! requested from a third-party host until the reader clicks.

use crate::urls::encode_component;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareTarget {
    Wechat,
    Weibo,
    Qq,
    Qzone,
    X,
    Facebook,
    Telegram,
    Email,
    Copy,
    System,
}

impl ShareTarget {
    pub const ALL: [ShareTarget; 10] = [
        Self::Wechat,
        Self::Weibo,
        Self::Qq,
        Self::Qzone,
        Self::X,
        Self::Facebook,
        Self::Telegram,
        Self::Email,
        Self::Copy,
        Self::System,
    ];

    /// The key used in `site.json`'s `share` list.
    pub fn key(self) -> &'static str {
        match self {
            Self::Wechat => "wechat",
            Self::Weibo => "weibo",
            Self::Qq => "qq",
            Self::Qzone => "qzone",
            Self::X => "x",
            Self::Facebook => "facebook",
            Self::Telegram => "telegram",
            Self::Email => "email",
            Self::Copy => "copy",
            Self::System => "system",
        }
    }

    pub fn from_key(key: &str) -> Option<ShareTarget> {
        Self::ALL.into_iter().find(|t| t.key() == key)
    }

    /// What the button says.
    pub fn label(self) -> &'static str {
        match self {
            Self::Wechat => "微信",
            Self::Weibo => "微博",
            Self::Qq => "QQ",
            Self::Qzone => "QQ空间",
            Self::X => "X",
            Self::Facebook => "Facebook",
            Self::Telegram => "Telegram",
            Self::Email => "邮件",
            Self::Copy => "复制链接",
            Self::System => "系统分享",
        }
    }

    /// The link for targets that are plain links; `None` for the ones the
    /// app handles itself (QR code, clipboard, system share sheet).
    pub fn url(self, page_url: &str, title: &str) -> Option<String> {
        let u = encode_component(page_url);
        let t = encode_component(title);
        Some(match self {
            Self::Weibo => format!("https://service.weibo.com/share/share.php?url={u}&title={t}"),
            Self::Qq => format!("https://connect.qq.com/widget/shareqq/index.html?url={u}&title={t}"),
            Self::Qzone => format!("https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey?url={u}&title={t}"),
            Self::X => format!("https://x.com/intent/tweet?url={u}&text={t}"),
            Self::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            Self::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
            Self::Email => format!("mailto:?subject={t}&body={}", encode_component(&format!("{title}\n{page_url}"))),
            Self::Wechat | Self::Copy | Self::System => return None,
        })
    }
}

/// The targets a site configured, in its order; unknown keys are skipped,
/// an empty list means all of them.
pub fn configured_targets(keys: &[String]) -> Vec<ShareTarget> {
    if keys.is_empty() {
        return ShareTarget::ALL.to_vec();
    }
    let mut targets: Vec<ShareTarget> = Vec::new();
    for target in keys.iter().filter_map(|k| ShareTarget::from_key(k.trim())) {
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::urls::decode_component;

    fn query(url: &str, key: &str) -> String {
        let query = url.split_once('?').unwrap().1;
        let value = query.split('&').find_map(|pair| pair.strip_prefix(&format!("{key}="))).unwrap();
        decode_component(value)
    }

    #[test]
    fn hostile_titles_and_urls_round_trip() {
        let page = "https://example.gov.cn/news/article/a%201?x=1&y=2#frag";
        let titles = [
            "开发区“5G+工业互联网”大赛 & 报名 #创新# 100% 🎉",
            "a+b=c & d",
            "\"quoted\" 'single' <tag>",
            "%E4%B8%AD already encoded",
            "line\nbreak",
        ];
        for title in titles {
            for target in
                [ShareTarget::Weibo, ShareTarget::Qq, ShareTarget::Qzone, ShareTarget::X, ShareTarget::Telegram]
            {
                let url = target.url(page, title).unwrap();
                assert!(!url.contains(' ') && !url.contains('#') && url.matches('?').count() == 1, "{url}");
                assert_eq!(query(&url, "url"), page);
                let title_key = if matches!(target, ShareTarget::X | ShareTarget::Telegram) { "text" } else { "title" };
                assert_eq!(query(&url, title_key), title);
            }
            let facebook = ShareTarget::Facebook.url(page, title).unwrap();
            assert_eq!(query(&facebook, "u"), page);
            let mail = ShareTarget::Email.url(page, title).unwrap();
            assert!(mail.starts_with("mailto:?subject="));
            assert_eq!(query(&mail, "subject"), title);
            assert_eq!(query(&mail, "body"), format!("{title}\n{page}"));
            assert!(!mail.contains('+'), "mail clients read + literally: {mail}");
        }
    }

    #[test]
    fn app_handled_targets_have_no_link() {
        assert_eq!(ShareTarget::Wechat.url("https://x", "t"), None);
        assert_eq!(ShareTarget::Copy.url("https://x", "t"), None);
        assert_eq!(ShareTarget::System.url("https://x", "t"), None);
    }

    #[test]
    fn configuration_orders_and_filters() {
        let keys: Vec<String> = ["copy", "weibo", "nope", "copy", "wechat"].iter().map(|s| s.to_string()).collect();
        assert_eq!(configured_targets(&keys), vec![ShareTarget::Copy, ShareTarget::Weibo, ShareTarget::Wechat]);
        assert_eq!(configured_targets(&[]).len(), 10);
    }
}
