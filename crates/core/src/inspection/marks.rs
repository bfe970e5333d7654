//! 网站标识: what the footer of every page must carry.

use super::{Finding, Findings, Indicator, Inspector, Level, Place};

pub(super) fn check(inspector: &Inspector, found: &mut Findings) {
    let footer = &inspector.site.footer;
    let filled = |text: &Option<String>| text.as_deref().is_some_and(|t| !t.trim().is_empty());
    let linked = |link: &Option<crate::site::Link>| link.as_ref().is_some_and(|l| !l.text.trim().is_empty());
    let contact =
        filled(&footer.phone) || filled(&footer.email) || !footer.hotlines.is_empty() || !footer.mailboxes.is_empty();
    let marks = [
        (
            "主办单位",
            "footer.organizer",
            filled(&footer.organizer),
            "写上主办单位名称（只写单位名，页面上显示为“……主办”）",
        ),
        ("联系方式", "footer.phone", contact, "写上联系电话（footer.phone）或电子邮箱（footer.email）"),
        ("ICP 备案编号", "footer.icp", linked(&footer.icp), "写上 ICP 备案编号，链接到 https://beian.miit.gov.cn/"),
        (
            "公安机关备案标识",
            "footer.police_filing",
            linked(&footer.police_filing),
            "写上公安机关备案号，链接到 https://beian.mps.gov.cn/",
        ),
        ("网站标识码", "footer.site_code", filled(&footer.site_code), "写上全国政府网站信息报送系统分配的网站标识码"),
        (
            "党政机关网站标识",
            "footer.badge",
            footer.badge.is_some(),
            "放上本站的党政机关网站标识图片，链接到开办单位的登记记录",
        ),
        (
            "“我为政府网站找错”入口",
            "footer.site_code",
            footer.error_report_url("").is_some(),
            "写上网站标识码（footer.site_code），页脚随之显示“我为政府网站找错”链接",
        ),
    ];
    for (name, field, present, fix) in marks {
        if !present {
            let place = Place {
                file: Some(inspector.settings.site_file.clone()),
                field: Some(field.into()),
                ..Place::default()
            };
            let problem = format!("页脚缺少{name}");
            found.list.push(Finding {
                indicator: Indicator::SiteMarks,
                level: Level::Deduction,
                place,
                problem,
                fix: fix.into(),
            });
        }
    }
}
