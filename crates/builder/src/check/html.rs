//! The inspection report as one page a person reads: self-contained (its
//! style inline, no script, nothing fetched), in Chinese, and accessible —
//! headings in order, one `<main>`, tables with captions and header cells,
//! contrast above 4.5:1, and states said in words, not by colour alone.

use super::{place_text, verdict, Context};
use portal_core::html::escape;
use portal_core::inspection::{update_label, Finding, Indicator, Level, Report, Status};
use std::fmt::Write as _;

/// Findings shown per indicator, and other sites' links: the JSON report
/// has them all.
const SHOWN: usize = 1000;

const STYLE: &str = "body{margin:0;font:16px/1.6 system-ui,\"Noto Sans CJK SC\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1a1a1a;background:#fff}\
main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #1a4f8b}\
table{border-collapse:collapse;width:100%;margin:1rem 0}caption{text-align:left;font-weight:bold;padding:.25rem 0}\
th,td{border:1px solid #767676;padding:.35rem .5rem;text-align:left;vertical-align:top}thead th{background:#e8eef6;white-space:nowrap}\
p{margin:.25rem 0}a{color:#0b4fa0}code{word-break:break-all}ol li{margin:.75rem 0}\
.level{padding:0 .3rem;border-radius:3px;font-weight:bold}.veto{background:#8b0000;color:#fff}\
.deduction,.overdue{background:#fff0c2;color:#5a4100}.note{background:#e6eefc;color:#17396e}.overdue{font-weight:bold}\
.pass{color:#0b5a1e;font-weight:bold}.fail{color:#8b0000;font-weight:bold}";

pub(super) fn page(report: &Report, context: &Context) -> String {
    let title = format!("{}检查指标自查报告（{}）", context.site.name, report.on);
    // The policy forbids every script and fetch; the empty icon keeps the
    // browser from asking the host for favicon.ico.
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        escape(&title),
        escape(&title)
    );
    write_verdict(&mut out, report);
    write_counts(&mut out, report);
    write_categories(&mut out, report, context);
    write_findings(&mut out, report, context);
    write_external(&mut out, report, context);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn write_verdict(out: &mut String, report: &Report) {
    let (class, word) = if report.passes() { ("pass", "通过") } else { ("fail", "不通过") };
    let _ = write!(out, "<h2>结论：{word}</h2>\n<p class=\"{class}\">{}</p>\n", escape(&verdict(report)));
    let reasons = report.veto_reasons();
    if report.findings.is_empty() {
        out.push_str("<p>没有发现否决、扣分或提示的问题。</p>\n");
    } else if reasons.is_empty() {
        out.push_str("<p>没有单项否决的问题。扣分和提示的问题见下文，建议在上传之前改正。</p>\n");
    } else {
        out.push_str("<p>不通过的原因（任何一项单项否决都使网站不合格）：</p>\n<ul>\n");
        for reason in reasons {
            let _ = writeln!(out, "<li>{}</li>", escape(&reason));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(
        "<p>依据：国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》。本报告由 portal-build 根据网站的输入文件生成；外站链接只列出，未访问。</p>\n",
    );
    if report.unverified > 0 {
        let _ = writeln!(
            out,
            "<p>有 {} 个指向文件（图片等）的链接未核对：检查时未给出应用目录（--app）。</p>",
            report.unverified
        );
    }
}

fn write_counts(out: &mut String, report: &Report) {
    out.push_str("<h2>各指标的问题数</h2>\n<table>\n<caption>各指标的否决、扣分、提示数</caption>\n<thead><tr><th scope=\"col\">指标</th>");
    for level in Level::ALL {
        let _ = write!(out, "<th scope=\"col\">{}</th>", level.name());
    }
    out.push_str("<th scope=\"col\">要求</th></tr></thead>\n<tbody>\n");
    for indicator in Indicator::ALL {
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", indicator.name());
        for level in Level::ALL {
            let _ = write!(out, "<td>{}</td>", report.count(Some(indicator), level));
        }
        let _ = writeln!(out, "<td>{}</td></tr>", escape(indicator.rule()));
    }
    out.push_str("</tbody>\n</table>\n");
}

fn write_categories(out: &mut String, report: &Report, context: &Context) {
    let _ = write!(
        out,
        "<h2>栏目更新情况</h2>\n<table>\n<caption>首页和各栏目的最新发布日期（检查日期 {}，逾期的标为“未及时更新”）</caption>\n\
         <thead><tr><th scope=\"col\">栏目</th><th scope=\"col\">更新要求</th><th scope=\"col\">文章数</th>\
         <th scope=\"col\">最新发布</th><th scope=\"col\">应不早于</th><th scope=\"col\">状态</th></tr></thead>\n<tbody>\n",
        report.on
    );
    let home = &report.home;
    let home_status = if home.stale { "<td class=\"overdue\">未及时更新</td>" } else { "<td>按时更新</td>" };
    let _ = writeln!(
        out,
        "<tr><th scope=\"row\">首页</th><td>{}</td><td>—</td><td>{}</td><td>{}</td>{home_status}</tr>",
        update_label(portal_core::site::Update::TwoWeeks),
        home.newest.as_deref().unwrap_or("无"),
        home.due
    );
    for row in &report.categories {
        let page = context.urls.category(&row.slug, 1);
        let href = if context.canonical { context.urls.canonical(&page) } else { page };
        let how = if row.configured { "site.json 指定" } else { "按栏目名称" };
        let status = match row.status {
            Status::Blank => "<td class=\"overdue\">空白栏目</td>".to_string(),
            Status::Fresh => "<td>按时更新</td>".to_string(),
            Status::NotRequired => "<td>无需更新</td>".to_string(),
            Status::Stale { overdue_days: Some(days) } => {
                format!("<td class=\"overdue\">未及时更新：逾期 {days} 天</td>")
            }
            Status::Stale { overdue_days: None } => "<td class=\"overdue\">未及时更新：未注明发布时间</td>".to_string(),
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}（{how}）</td><td>{}</td><td>{}</td><td>{}</td>{status}</tr>",
            escape(&href),
            escape(&row.name),
            update_label(row.update),
            row.count,
            row.newest.as_deref().unwrap_or("无"),
            row.due.as_deref().unwrap_or("—"),
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn level_class(level: Level) -> &'static str {
    match level {
        Level::Veto => "veto",
        Level::Deduction => "deduction",
        Level::Note => "note",
    }
}

/// Where a finding is, with a link to its page.
fn write_place(out: &mut String, place: &portal_core::inspection::Place, context: &Context) {
    let _ = write!(out, "<p>位置：{}", escape(&place_text(place)));
    if let Some(href) = context.page(place) {
        let name = match &place.article {
            Some(id) => format!("文章 {id} 的页面"),
            None => format!("栏目 {} 的页面", place.category.as_deref().unwrap_or_default()),
        };
        let _ = write!(out, "（<a href=\"{}\">{}</a>）", escape(&href), escape(&name));
    }
    out.push_str("</p>\n");
}

fn write_finding(out: &mut String, finding: &Finding, context: &Context) {
    let level = finding.level;
    let _ = write!(
        out,
        "<li>\n<p><span class=\"level {}\">【{}】</span> {}</p>\n",
        level_class(level),
        level.name(),
        escape(&finding.problem)
    );
    write_place(out, &finding.place, context);
    let _ = writeln!(out, "<p>处理：{}</p>\n</li>", escape(&finding.fix));
}

fn write_findings(out: &mut String, report: &Report, context: &Context) {
    out.push_str("<h2>问题清单</h2>\n");
    if report.findings.is_empty() {
        out.push_str("<p>没有发现问题。</p>\n");
    }
    for indicator in Indicator::ALL {
        let findings: Vec<&Finding> = report.findings.iter().filter(|f| f.indicator == indicator).collect();
        if findings.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "<section>\n<h3>{}（{} 处）</h3>\n<p>要求：{}</p>\n<ol>\n",
            indicator.name(),
            findings.len(),
            escape(indicator.rule())
        );
        for finding in findings.iter().take(SHOWN) {
            write_finding(out, finding, context);
        }
        out.push_str("</ol>\n");
        if findings.len() > SHOWN {
            let _ = writeln!(out, "<p>另有 {} 处未列出，见 JSON 报告。</p>", findings.len() - SHOWN);
        }
        out.push_str("</section>\n");
    }
}

fn write_external(out: &mut String, report: &Report, context: &Context) {
    out.push_str("<h2>外站链接</h2>\n");
    if report.external.is_empty() {
        out.push_str("<p>没有指向外站的链接。</p>\n");
        return;
    }
    let _ = write!(
        out,
        "<table>\n<caption>指向其他网站和本站目录以外的链接，共 {} 个（未访问，请人工核对能否打开）</caption>\n\
         <thead><tr><th scope=\"col\">地址</th><th scope=\"col\">出现次数</th><th scope=\"col\">首次出现</th><th scope=\"col\">说明</th></tr></thead>\n<tbody>\n",
        report.external.len()
    );
    for link in report.external.iter().take(SHOWN) {
        let note = if link.mixed { "http 地址：https 网站中为混合内容，宜改用 https" } else { "" };
        let _ = write!(out, "<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>", escape(&link.url), link.count);
        write_place(out, &link.first, context);
        let _ = writeln!(out, "</td><td>{note}</td></tr>");
    }
    out.push_str("</tbody>\n</table>\n");
    if report.external.len() > SHOWN {
        let _ = writeln!(out, "<p>另有 {} 个未列出，见 JSON 报告。</p>", report.external.len() - SHOWN);
    }
}
