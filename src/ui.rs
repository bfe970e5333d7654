//! The app's own words — labels, buttons, messages — in the page's script.
//! portal-build converts the site's content for the 繁體 tree, but these are
//! in the wasm, so each comes in both forms: a table of the app's phrases,
//! not a conversion dictionary. portal-build's tests check every entry
//! against OpenCC, and that every Chinese string in `src/` is in the table.
//!
//! The script is the page's (`<html lang="zh-Hant">`), set once at start in
//! the browser and per render by portal-build.

use std::cell::Cell;

thread_local! {
    static TRADITIONAL: Cell<bool> = const { Cell::new(false) };
}

/// Whether the app speaks 繁體 from now on (on this thread).
pub fn set_traditional(on: bool) {
    TRADITIONAL.with(|traditional| traditional.set(on));
}

/// `render` with the app speaking 繁體 or not, as before afterwards.
pub fn with_traditional<R>(on: bool, render: impl FnOnce() -> R) -> R {
    let before = TRADITIONAL.with(|traditional| traditional.replace(on));
    let result = render();
    set_traditional(before);
    result
}

/// `simplified`, one of the phrases below, in the page's script.
pub fn t(simplified: &'static str) -> &'static str {
    if !TRADITIONAL.with(Cell::get) {
        return simplified;
    }
    PHRASES.iter().find(|(s, _)| *s == simplified).map_or(simplified, |(_, traditional)| traditional)
}

/// A phrase with `{}` for each of `values`, filled in, in the page's script.
pub fn tf(template: &'static str, values: &[&str]) -> String {
    portal_core::fill(t(template), values)
}

/// The 简/繁 link's text, name and language: each written in the script it
/// leads to, whatever the page's.
pub const SWITCH_TO_TRADITIONAL: (&str, &str, &str) = ("繁", "繁體中文版", "zh-Hant");
pub const SWITCH_TO_SIMPLIFIED: (&str, &str, &str) = ("简", "简体中文版", "zh-CN");

/// Every Chinese phrase the app shows, as (简体, 繁體).
pub const PHRASES: &[(&str, &str)] = &[
    // Header, navigation, footer.
    ("跳到正文", "跳到正文"),
    ("网站首页", "網站首頁"),
    ("首页", "首頁"),
    ("栏目导航", "欄目導航"),
    ("适老化模式", "適老化模式"),
    ("退出适老化", "退出適老化"),
    ("网站地图", "網站地圖"),
    ("RSS 订阅", "RSS 訂閱"),
    ("政府网站标识码：{}", "政府網站標識碼：{}"),
    ("{}主办", "{}主辦"),
    ("地址：", "地址："),
    ("邮政编码：{}　", "郵政編碼：{}　"),
    ("联系电话：", "聯繫電話："),
    ("{}：", "{}："),
    ("我为政府网站找错", "我爲政府網站找錯"),
    // Pages.
    ("当前位置", "當前位置"),
    ("当前位置：", "當前位置："),
    ("要闻", "要聞"),
    ("{}首页", "{}首頁"),
    ("栏目", "欄目"),
    ("{}：{}栏目文章列表", "{}：{}欄目文章列表"),
    ("该栏目暂无文章。", "該欄目暫無文章。"),
    ("暂无文章", "暫無文章"),
    ("栏目推荐", "欄目推薦"),
    ("[更多", "[更多"),
    ("文章", "文章"),
    ("页面", "頁面"),
    ("其他页面", "其他頁面"),
    ("共 {} 篇，{} 页", "共 {} 篇，{} 頁"),
    ("{}网站地图：全部栏目及文章数", "{}網站地圖：全部欄目及文章數"),
    // Article.
    ("作者：", "作者："),
    ("、", "、"),
    ("来源：", "來源："),
    ("责任编辑：", "責任編輯："),
    ("打印本页", "打印本頁"),
    ("字体大小", "字體大小"),
    ("【字体：", "【字體："),
    ("】", "】"),
    ("{}号字体", "{}號字體"),
    ("大", "大"),
    ("中", "中"),
    ("小", "小"),
    ("本文暂无正文。", "本文暫無正文。"),
    ("免责声明", "免責聲明"),
    ("上一篇和下一篇", "上一篇和下一篇"),
    ("上一篇：", "上一篇："),
    ("下一篇：", "下一篇："),
    ("没有了", "沒有了"),
    ("相关阅读", "相關閱讀"),
    ("暂无相关文章", "暫無相關文章"),
    // Share bar.
    ("分享到：", "分享到："),
    ("分享到{}", "分享到{}"),
    ("分享到微信", "分享到微信"),
    ("微信", "微信"),
    ("微博", "微博"),
    ("QQ空间", "QQ空間"),
    ("邮件", "郵件"),
    ("复制链接", "複製鏈接"),
    ("系统分享", "系統分享"),
    ("您正在微信中浏览，请点击右上角“…”菜单分享给朋友。", "您正在微信中瀏覽，請點擊右上角“…”菜單分享給朋友。"),
    ("本文链接的二维码", "本文鏈接的二維碼"),
    ("微信扫一扫", "微信掃一掃"),
    ("微信扫一扫，分享到朋友圈", "微信掃一掃，分享到朋友圈"),
    ("链接过长，无法生成二维码，请使用复制链接。", "鏈接過長，無法生成二維碼，請使用複製鏈接。"),
    ("关闭", "關閉"),
    ("链接已复制", "鏈接已複製"),
    ("无法自动复制，请按 Ctrl+C（手机上长按）复制：", "無法自動複製，請按 Ctrl+C（手機上長按）複製："),
    ("浏览器不支持系统分享", "瀏覽器不支持系統分享"),
    ("系统分享无法打开", "系統分享無法打開"),
    ("系统分享未能完成", "系統分享未能完成"),
    // Paging.
    ("分页", "分頁"),
    ("上一页", "上一頁"),
    ("下一页", "下一頁"),
    ("第 {} 页", "第 {} 頁"),
    ("第 {} 页，当前页", "第 {} 頁，當前頁"),
    ("第 {} 页，共 {} 页", "第 {} 頁，共 {} 頁"),
    ("返回第 1 页", "返回第 1 頁"),
    ("页码 “{}” 无效，页码应为正整数", "頁碼 “{}” 無效，頁碼應爲正整數"),
    ("第 {} 页不存在，本栏目共 {} 页", "第 {} 頁不存在，本欄目共 {} 頁"),
    // Loading, errors, not found.
    ("正在加载，请稍候…", "正在加載，請稍候…"),
    ("加载失败", "加載失敗"),
    ("正在重试…", "正在重試…"),
    ("重新加载", "重新加載"),
    (
        "{}。本页内容仍可阅读，链接可正常打开；其他功能请稍后刷新页面重试。",
        "{}。本頁內容仍可閱讀，鏈接可正常打開；其他功能請稍後刷新頁面重試。",
    ),
    ("站点配置", "站點配置"),
    ("新闻订阅源", "新聞訂閱源"),
    ("栏目列表", "欄目列表"),
    ("无法连接服务器，{}未能加载", "無法連接服務器，{}未能加載"),
    ("{}加载超时", "{}加載超時"),
    ("{}加载失败（HTTP {}）", "{}加載失敗（HTTP {}）"),
    ("{}内容有误", "{}內容有誤"),
    ("请求 {} 时网络连接失败。请检查网络连接后重试。", "請求 {} 時網絡連接失敗。請檢查網絡連接後重試。"),
    ("请求 {} 在 {} 秒内没有完成。请稍后重试。", "請求 {} 在 {} 秒內沒有完成。請稍後重試。"),
    ("服务器对 {} 返回 {} {}。", "服務器對 {} 返回 {} {}。"),
    (
        "{} 返回的是 “{}” 而不是 JSON，文件可能不存在或地址配置有误。",
        "{} 返回的是 “{}” 而不是 JSON，文件可能不存在或地址配置有誤。",
    ),
    (
        "订阅源中有 {} 处问题，部分内容可能显示不完整（点击查看）",
        "訂閱源中有 {} 處問題，部分內容可能顯示不完整（點擊查看）",
    ),
    (
        "栏目 “{}” 不在 site.json 的 categories 中，文章不会出现在栏目列表里",
        "欄目 “{}” 不在 site.json 的 categories 中，文章不會出現在欄目列表裏",
    ),
    ("您访问的{}不存在", "您訪問的{}不存在"),
    ("{}未找到", "{}未找到"),
    ("链接可能已失效，或内容已被移除。您可以：", "鏈接可能已失效，或內容已被移除。您可以："),
    ("返回首页", "返回首頁"),
    ("浏览栏目", "瀏覽欄目"),
    // 站内搜索.
    ("搜索本站", "搜索本站"),
    ("搜索", "搜索"),
    ("搜索结果", "搜索結果"),
    ("{}站内搜索", "{}站內搜索"),
    ("搜索词", "搜索詞"),
    ("全部栏目", "全部欄目"),
    ("起始日期", "起始日期"),
    ("截止日期", "截止日期"),
    ("排序", "排序"),
    ("按相关度", "按相關度"),
    ("按日期", "按日期"),
    ("找到 {} 篇与“{}”有关的文章", "找到 {} 篇與“{}”有關的文章"),
    ("未找到与“{}”有关的文章。", "未找到與“{}”有關的文章。"),
    ("请检查错别字，或换用更短、更常见的词。", "請檢查錯別字，或換用更短、更常見的詞。"),
    ("去掉栏目和日期条件，再搜索一次", "去掉欄目和日期條件，再搜索一次"),
    ("搜索字表", "搜索字表"),
    ("搜索索引", "搜索索引"),
    ("索引文件已损坏", "索引文件已損壞"),
    ("缺少搜索结果", "缺少搜索結果"),
    ("请输入要搜索的字词", "請輸入要搜索的字詞"),
    ("搜索词太长，请不要超过 {} 个字", "搜索詞太長，請不要超過 {} 個字"),
    ("搜索词太多，请不要超过 {} 个（以空格分开）", "搜索詞太多，請不要超過 {} 個（以空格分開）"),
];
