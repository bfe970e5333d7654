//! 语音朗读: which of the browser's voices reads a page, and the text it
//! reads, cut into passages (Chromium stops an utterance that runs long).

use crate::html::{text_of, Node};

/// A passage is cut at a sentence's end once it is this many characters.
const PASSAGE_CHARS: usize = 120;

/// The voice to read with, as an index into `langs` (the voices' BCP 47
/// tags): one of the page's script (`zh-CN`, or `zh-TW` / `zh-HK` for
/// 繁體) first, then any other Chinese voice; None without a Chinese voice.
pub fn chinese_voice<S: AsRef<str>>(langs: &[S], traditional: bool) -> Option<usize> {
    let preferred: &[&str] = if traditional { &["zh-tw", "zh-hk"] } else { &["zh-cn"] };
    let rank = |lang: &str| {
        let lang = lang.replace('_', "-").to_ascii_lowercase();
        let chinese = lang == "zh" || lang.starts_with("zh-") || lang.starts_with("cmn");
        let position = preferred.iter().position(|p| lang == *p || lang.starts_with(&format!("{p}-")));
        chinese.then(|| position.unwrap_or(preferred.len()))
    };
    langs.iter().enumerate().filter_map(|(i, lang)| Some((rank(lang.as_ref())?, i))).min().map(|(_, i)| i)
}

/// What 朗读 reads: the title, then each block of the body, long blocks
/// cut after a sentence's end.
pub fn passages(title: &str, body: &[Node]) -> Vec<String> {
    let blocks =
        std::iter::once(title.trim().to_string()).chain(body.iter().map(|node| text_of(std::slice::from_ref(node))));
    blocks.filter(|text| !text.is_empty()).flat_map(|text| sentences(&text)).collect()
}

fn sentences(text: &str) -> Vec<String> {
    let mut passages = vec![String::new()];
    for c in text.chars() {
        let current = passages.last_mut().expect("never empty");
        current.push(c);
        if matches!(c, '。' | '！' | '？' | '；') && current.chars().count() >= PASSAGE_CHARS {
            passages.push(String::new());
        }
    }
    passages.retain(|passage| !passage.trim().is_empty());
    passages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::sanitize;

    #[test]
    fn voice_of_the_page_script_first_then_any_chinese() {
        let langs = ["en-US", "zh-HK", "zh-CN", "zh-TW"];
        assert_eq!(chinese_voice(&langs, false), Some(2));
        assert_eq!(chinese_voice(&langs, true), Some(3));
        assert_eq!(chinese_voice(&["en-US", "zh_HK"], true), Some(1), "Android writes zh_HK");
        assert_eq!(chinese_voice(&["en-US", "zh-TW"], false), Some(1), "another Chinese voice rather than none");
        assert_eq!(chinese_voice(&["en-US", "ja-JP", "zh"], false), Some(2));
        assert_eq!(chinese_voice(&["en-US", "ja-JP"], false), None);
        assert_eq!(chinese_voice::<&str>(&[], true), None);
    }

    #[test]
    fn title_then_blocks_with_long_ones_cut_at_sentence_ends() {
        let long = "这是一句话。".repeat(40);
        let body =
            sanitize(&format!("<p>第一段。</p><h2>标题二</h2><ul><li>甲</li><li>乙</li></ul><p></p><p>{long}</p>"));
        let passages = passages(" 文章标题 ", &body);
        assert_eq!(passages[..4], ["文章标题", "第一段。", "标题二", "甲 乙"]);
        assert!(passages.len() > 5, "the long paragraph is cut: {passages:?}");
        assert!(passages[4..].iter().all(|p| p.chars().count() <= PASSAGE_CHARS + 6 && p.ends_with('。')));
        assert_eq!(passages[4..].concat(), long);
    }

    #[test]
    fn nothing_to_read_is_no_passage() {
        assert!(passages("", &[]).is_empty());
    }
}
