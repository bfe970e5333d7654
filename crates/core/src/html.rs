//! Article HTML: a small tolerant tokenizer and an allowlist that turn an
//! editor's `content_html` into a tree the app builds with DOM calls.
//!
//! The output is never handed back to an HTML parser in the browser, so
//! there is no serialize/re-parse step for mutation XSS to hide in: safety
//! rests only on the allowlist below, which is checked on the tree itself.

/// A sanitized node. Tag and attribute names come only from the allowlist.
#[derive(Debug, Clone, PartialEq, Hash)]
pub enum Node {
    Element { tag: &'static str, attrs: Vec<(&'static str, String)>, children: Vec<Node> },
    Text(String),
}

/// Elements kept, with the attributes each may carry.
const ALLOWED: &[(&str, &[&str])] = &[
    ("p", &[]),
    ("br", &[]),
    ("hr", &[]),
    ("strong", &[]),
    ("b", &[]),
    ("em", &[]),
    ("i", &[]),
    ("u", &[]),
    ("s", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("small", &[]),
    ("mark", &[]),
    ("span", &[]),
    ("h2", &[]),
    ("h3", &[]),
    ("h4", &[]),
    ("h5", &[]),
    ("h6", &[]),
    ("blockquote", &[]),
    ("ul", &[]),
    ("ol", &["start"]),
    ("li", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("dd", &[]),
    ("a", &["href", "title"]),
    ("img", &["src", "alt", "width", "height", "title"]),
    ("figure", &[]),
    ("figcaption", &[]),
    ("table", &[]),
    ("caption", &[]),
    ("thead", &[]),
    ("tbody", &[]),
    ("tfoot", &[]),
    ("tr", &[]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("td", &["colspan", "rowspan"]),
    ("pre", &[]),
    ("code", &[]),
    ("abbr", &["title"]),
    ("cite", &[]),
    ("q", &[]),
    ("time", &["datetime"]),
    ("div", &[]),
];

/// Elements dropped together with everything inside them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "option",
    "base",
    "link",
    "meta",
    "svg",
    "math",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "title",
    "head",
    "xmp",
    "plaintext",
    "video",
    "audio",
    "canvas",
    "dialog",
    "portal",
    "slot",
    "param",
    "source",
    "track",
    "map",
    "area",
];

/// Elements whose content the tokenizer must not read as markup.
const RAW_TEXT: &[&str] =
    &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext"];

const VOID: &[&str] =
    &["br", "hr", "img", "input", "meta", "link", "base", "source", "track", "wbr", "area", "col", "embed", "param"];

fn allowed(tag: &str) -> Option<(&'static str, &'static [&'static str])> {
    ALLOWED.iter().find(|(name, _)| *name == tag).copied()
}

/// Sanitizes `content_html` into a node tree.
pub fn sanitize(input: &str) -> Vec<Node> {
    let mut builder = TreeBuilder::default();
    for token in Tokenizer::new(input) {
        builder.push(token);
    }
    builder.finish()
}

/// Plain text: paragraphs separated by blank lines (or single newlines).
pub fn paragraphs_from_text(text: &str) -> Vec<Node> {
    let separator = if text.contains("\n\n") { "\n\n" } else { "\n" };
    text.split(separator)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Node::Element { tag: "p", attrs: vec![], children: vec![Node::Text(p.to_string())] })
        .collect()
}

/// The text of a tree, blocks separated by single spaces.
pub fn text_of(nodes: &[Node]) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(text) => out.push_str(text),
                Node::Element { children, .. } => {
                    walk(children, out);
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    walk(nodes, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `src` of the tree's first `<img>`, in document order.
pub fn first_image(nodes: &[Node]) -> Option<&str> {
    nodes.iter().find_map(|node| match node {
        Node::Element { tag: "img", attrs, .. } => {
            attrs.iter().find(|(name, _)| *name == "src").map(|(_, src)| src.as_str())
        }
        Node::Element { children, .. } => first_image(children),
        Node::Text(_) => None,
    })
}

/// Serializes a sanitized tree (for static HTML and for tests).
pub fn to_html(nodes: &[Node]) -> String {
    let mut out = String::new();
    write_html(nodes, &mut out);
    out
}

fn write_html(nodes: &[Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(text) => escape_into(text, out),
            Node::Element { tag, attrs, children } => {
                out.push('<');
                out.push_str(tag);
                for (name, value) in attrs {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape_into(value, out);
                    out.push('"');
                }
                out.push('>');
                if !VOID.contains(tag) {
                    write_html(children, out);
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
            }
        }
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// `escape`, appended to `out`: runs without a special character are
/// copied whole (portal-build escapes every article body twice).
fn escape_into(text: &str, out: &mut String) {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[start..at]);
        out.push_str(entity);
        start = at + 1;
    }
    out.push_str(&text[start..]);
}

/// Decodes character references: numeric ones and the named ones Chinese
/// news feeds use. Unknown names stay as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end =
            rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|i| i + 1).unwrap_or(rest.len());
        let name = &rest[1..end];
        let decoded = if let Some(number) = name.strip_prefix('#') {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.map(|c| char::from_u32(c).filter(|c| *c != '\0').unwrap_or('\u{FFFD}').to_string())
        } else {
            named_entity(name).map(str::to_string)
        };
        match decoded {
            Some(value) if !name.is_empty() => {
                out.push_str(&value);
                rest = &rest[end..];
                if rest.starts_with(';') {
                    rest = &rest[1..];
                }
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "laquo" => "«",
        "raquo" => "»",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "times" => "×",
        "divide" => "÷",
        "deg" => "°",
        "yen" => "¥",
        "permil" => "‰",
        // Punctuation names that can spell a URL scheme (`javascript&colon;`).
        "colon" => ":",
        "Tab" => "\t",
        "NewLine" => "\n",
        "sol" => "/",
        "lpar" => "(",
        "rpar" => ")",
        "period" => ".",
        "comma" => ",",
        "excl" => "!",
        "num" => "#",
        "quest" => "?",
        "equals" => "=",
        "semi" => ";",
        "plus" => "+",
        _ => return None,
    })
}

#[derive(Debug)]
enum Token {
    Text(String),
    Start { name: String, attrs: Vec<(String, String)>, self_closing: bool },
    End(String),
}

struct Tokenizer<'a> {
    input: &'a str,
    pos: usize,
    raw_text_of: Option<String>,
}

impl<'a> Tokenizer<'a> {
    fn new(input: &'a str) -> Self {
        Tokenizer { input, pos: 0, raw_text_of: None }
    }

    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn skip_past(&mut self, marker: &str) {
        self.pos = match self.rest().find(marker) {
            Some(at) => self.pos + at + marker.len(),
            None => self.input.len(),
        };
    }

    fn tag(&mut self) -> Option<Token> {
        let rest = self.rest();
        let closing = rest[1..].starts_with('/');
        let name_start = if closing { 2 } else { 1 };
        let name_len = rest[name_start..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len() - name_start);
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        self.pos += name_start + name_len;
        let mut attrs = Vec::new();
        let mut self_closing = false;
        loop {
            let rest = self.rest();
            let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace());
            self.pos += rest.len() - trimmed.len();
            let Some(c) = trimmed.chars().next() else { break };
            if c == '>' {
                self.pos += 1;
                break;
            }
            if c == '/' {
                self.pos += 1;
                self_closing = self.rest().starts_with('>');
                continue;
            }
            let name_len = trimmed
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(trimmed.len())
                .max(1);
            let attr_name = trimmed[..name_len].to_ascii_lowercase();
            self.pos += name_len;
            let after = self.rest().trim_start_matches(|c: char| c.is_whitespace());
            let mut value = String::new();
            if let Some(after_eq) = after.strip_prefix('=') {
                let value_text = after_eq.trim_start_matches(|c: char| c.is_whitespace());
                self.pos = self.input.len() - value_text.len();
                let raw = match value_text.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let end = value_text[1..].find(q).map(|i| i + 1).unwrap_or(value_text.len());
                        self.pos += (end + 1).min(value_text.len());
                        &value_text[1..end]
                    }
                    _ => {
                        let end = value_text.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(value_text.len());
                        self.pos += end;
                        &value_text[..end]
                    }
                };
                value = decode_entities(raw);
            }
            if !attrs.iter().any(|(n, _): &(String, String)| *n == attr_name) {
                attrs.push((attr_name, value));
            }
        }
        if closing {
            return Some(Token::End(name));
        }
        if RAW_TEXT.contains(&name.as_str()) && !self_closing {
            self.raw_text_of = Some(name.clone());
        }
        Some(Token::Start { name, attrs, self_closing })
    }
}

impl Iterator for Tokenizer<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        if let Some(raw) = self.raw_text_of.take() {
            // Everything up to the matching end tag is text, never markup.
            let lower = self.rest().to_ascii_lowercase();
            let end = lower.find(&format!("</{raw}")).unwrap_or(lower.len());
            let text = self.rest()[..end].to_string();
            self.pos += end;
            return Some(Token::Text(text));
        }
        loop {
            let rest = self.rest();
            if rest.is_empty() {
                return None;
            }
            if rest.starts_with("<!--") {
                self.pos += 4;
                self.skip_past("-->");
                continue;
            }
            let mut chars = rest.chars();
            let first = chars.next();
            let second = chars.next();
            match (first, second) {
                (Some('<'), Some('!' | '?')) => {
                    self.skip_past(">");
                    continue;
                }
                (Some('<'), Some(c)) if c.is_ascii_alphabetic() => return self.tag(),
                (Some('<'), Some('/')) if rest[2..].starts_with(|c: char| c.is_ascii_alphabetic()) => {
                    return self.tag()
                }
                (Some('<'), Some('/')) => {
                    self.skip_past(">");
                    continue;
                }
                _ => {
                    let skip = first.map_or(1, char::len_utf8);
                    let end = rest[skip..].find('<').map(|i| i + skip).unwrap_or(rest.len());
                    self.pos += end;
                    return Some(Token::Text(decode_entities(&rest[..end])));
                }
            }
        }
    }
}

/// An element being built: `None` tag means "unwrap" (keep children only).
struct Open {
    source_name: String,
    tag: Option<&'static str>,
    attrs: Vec<(&'static str, String)>,
    children: Vec<Node>,
    dropping: bool,
}

struct TreeBuilder {
    stack: Vec<Open>,
}

impl Default for TreeBuilder {
    fn default() -> Self {
        TreeBuilder {
            stack: vec![Open {
                source_name: String::new(),
                tag: None,
                attrs: vec![],
                children: vec![],
                dropping: false,
            }],
        }
    }
}

impl TreeBuilder {
    fn dropping(&self) -> bool {
        self.stack.last().is_some_and(|open| open.dropping)
    }

    fn push(&mut self, token: Token) {
        match token {
            Token::Text(text) => {
                if !self.dropping() && !text.is_empty() {
                    let children = &mut self.stack.last_mut().expect("root").children;
                    match children.last_mut() {
                        Some(Node::Text(previous)) => previous.push_str(&text),
                        _ => children.push(Node::Text(text)),
                    }
                }
            }
            Token::Start { name, attrs, self_closing } => {
                let dropping = self.dropping() || DROPPED_WITH_CONTENT.contains(&name.as_str());
                let (tag, attrs) = match allowed(if name == "h1" { "h2" } else { &name }) {
                    Some((tag, names)) if !dropping => (Some(tag), clean_attributes(tag, names, attrs)),
                    _ => (None, vec![]),
                };
                let open = Open { source_name: name, tag, attrs, children: vec![], dropping };
                if self_closing || VOID.contains(&open.source_name.as_str()) {
                    self.stack.push(open);
                    self.close_top();
                } else {
                    self.stack.push(open);
                }
            }
            Token::End(name) => {
                if let Some(depth) = self.stack.iter().skip(1).rposition(|open| open.source_name == name) {
                    while self.stack.len() > depth + 1 {
                        self.close_top();
                    }
                }
            }
        }
    }

    fn close_top(&mut self) {
        let open = self.stack.pop().expect("an open element");
        let parent = &mut self.stack.last_mut().expect("root").children;
        if open.dropping {
            return;
        }
        match open.tag {
            Some(tag) => parent.push(Node::Element { tag, attrs: open.attrs, children: open.children }),
            None => parent.extend(open.children),
        }
    }

    fn finish(mut self) -> Vec<Node> {
        while self.stack.len() > 1 {
            self.close_top();
        }
        self.stack.pop().map(|root| root.children).unwrap_or_default()
    }
}

fn clean_attributes(
    tag: &'static str,
    names: &'static [&'static str],
    attrs: Vec<(String, String)>,
) -> Vec<(&'static str, String)> {
    let mut kept: Vec<(&'static str, String)> = Vec::new();
    for (name, value) in attrs {
        let Some(name) = names.iter().find(|allowed| **allowed == name).copied() else { continue };
        let value = match name {
            "href" => match safe_url(&value, false) {
                Some(url) => url,
                None => continue,
            },
            "src" => match safe_url(&value, true) {
                Some(url) => url,
                None => continue,
            },
            "width" | "height" | "colspan" | "rowspan" | "start" => {
                let digits = value.trim();
                if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    continue;
                }
                digits.to_string()
            }
            _ => value,
        };
        kept.push((name, value));
    }
    if tag == "a" && kept.iter().any(|(name, value)| *name == "href" && is_absolute(value)) {
        kept.push(("rel", "noopener noreferrer".to_string()));
    }
    if tag == "img" {
        if !kept.iter().any(|(name, _)| *name == "src") {
            return vec![("alt", String::new())];
        }
        if !kept.iter().any(|(name, _)| *name == "alt") {
            kept.push(("alt", String::new()));
        }
        kept.push(("loading", "lazy".to_string()));
        kept.push(("decoding", "async".to_string()));
    }
    kept
}

fn is_absolute(url: &str) -> bool {
    url.starts_with("//")
        || url.to_ascii_lowercase().starts_with("http:")
        || url.to_ascii_lowercase().starts_with("https:")
}

/// A URL the reader may follow or load: http(s), mail and phone links,
/// relative paths, and for images `data:image/*`. Browsers ignore tabs,
/// newlines and leading controls in schemes, so the check does too.
pub fn safe_url(url: &str, image: bool) -> Option<String> {
    let cleaned: String = url.chars().filter(|c| !c.is_control() && *c != '\u{FEFF}').collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned.is_empty() {
        return None;
    }
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    let scheme = match scheme_end {
        Some(at) if cleaned[at..].starts_with(':') => cleaned[..at].to_ascii_lowercase(),
        _ => return Some(cleaned),
    };
    let ok = match scheme.as_str() {
        "http" | "https" => true,
        "mailto" | "tel" => !image,
        "data" => image && cleaned[5..].trim_start().to_ascii_lowercase().starts_with("image/"),
        _ => false,
    };
    ok.then_some(cleaned)
}

/// Puts figures into a body after the given number of top-level paragraphs
/// (past the end: at the end).
pub fn insert_after_paragraphs(body: &mut Vec<Node>, figures: Vec<(usize, Node)>) {
    // Inserted back to front, so figures at the same place keep feed order.
    let mut figures: Vec<(usize, usize, Node)> =
        figures.into_iter().enumerate().map(|(i, (after, node))| (after, i, node)).collect();
    figures.sort_by_key(|(after, i, _)| std::cmp::Reverse((*after, *i)));
    for (after, _, figure) in figures {
        let mut seen = 0;
        let mut at = if after == 0 { 0 } else { body.len() };
        if after > 0 {
            for (index, node) in body.iter().enumerate() {
                if matches!(node, Node::Element { tag: "p", .. }) {
                    seen += 1;
                    if seen == after {
                        at = index + 1;
                        break;
                    }
                }
            }
        }
        body.insert(at, figure);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(input: &str) -> String {
        to_html(&sanitize(input))
    }

    #[test]
    fn the_first_image_is_found_however_deep() {
        let body =
            sanitize("<p>a</p><figure><a href=\"x\"><img src=\"images/1.svg\"></a></figure><img src=\"images/2.svg\">");
        assert_eq!(first_image(&body), Some("images/1.svg"));
        assert_eq!(first_image(&sanitize("<p>no picture</p>")), None);
    }

    #[test]
    fn ordinary_article_markup_survives() {
        let input = r#"<p>第一段<strong>重点</strong></p><figure><img src="images/a.svg" alt="厂房" width="640" height="400"><figcaption>图说</figcaption></figure><h2>小标题</h2><ul><li>一</li></ul>"#;
        assert_eq!(
            clean(input),
            r#"<p>第一段<strong>重点</strong></p><figure><img src="images/a.svg" alt="厂房" width="640" height="400" loading="lazy" decoding="async"><figcaption>图说</figcaption></figure><h2>小标题</h2><ul><li>一</li></ul>"#
        );
    }

    #[test]
    fn scripts_and_their_text_are_gone() {
        assert_eq!(clean("<p>a<script>alert(1)</script>b</p>"), "<p>ab</p>");
        assert_eq!(clean("<SCRIPT src=x></SCRIPT>ok"), "ok");
        assert_eq!(clean("<style>body{display:none}</style>ok"), "ok");
        assert_eq!(clean("<script>document.write('<p>x</p>')</script>ok"), "ok");
    }

    #[test]
    fn event_handlers_styles_ids_and_classes_are_dropped() {
        assert_eq!(clean(r#"<p onclick="x()" style="position:fixed" id="app" class="c">t</p>"#), "<p>t</p>");
        assert_eq!(clean(r#"<img src=x onerror=alert(1)>"#), r#"<img src="x" alt="" loading="lazy" decoding="async">"#);
    }

    #[test]
    fn dangerous_url_schemes_are_removed_even_disguised() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "jav&#x09;ascript:alert(1)",
            "&#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "java&Tab;script&colon;x",
            "vbscript:msgbox",
            "data:text/html,<script>",
            "\u{1}javascript:x",
        ] {
            let out = clean(&format!(r#"<a href="{href}">x</a>"#));
            assert_eq!(out, "<a>x</a>", "{href}");
        }
        assert_eq!(clean(r#"<img src="data:text/html;base64,xx">"#), r#"<img alt="">"#);
        assert!(clean(r#"<img src="data:image/png;base64,iVBOR">"#).contains("data:image/png"));
    }

    #[test]
    fn external_links_get_noopener() {
        assert_eq!(
            clean(r#"<a href="https://example.com/x">x</a>"#),
            r#"<a href="https://example.com/x" rel="noopener noreferrer">x</a>"#
        );
        assert_eq!(clean(r#"<a href="/article/1">x</a>"#), r#"<a href="/article/1">x</a>"#);
    }

    #[test]
    fn containers_of_active_content_are_dropped_whole() {
        assert_eq!(clean("<iframe src=x>inner</iframe><form><input></form><svg><script>x</script><text>t</text></svg><math><mi>x</mi></math>ok"), "ok");
        assert_eq!(clean("<base href=//evil><object data=x></object><embed src=x>ok"), "ok");
    }

    #[test]
    fn unknown_wrappers_are_unwrapped_and_h1_demoted() {
        assert_eq!(clean("<section><font color=red>文字</font></section><h1>标题</h1>"), "文字<h2>标题</h2>");
    }

    #[test]
    fn broken_markup_is_closed_and_entities_decoded() {
        assert_eq!(
            clean("<p>a &amp; b &lt;c&gt; &ldquo;引&rdquo; &#x4e2d;&#25991; &bogus; <b>open"),
            "<p>a &amp; b &lt;c&gt; “引” 中文 &amp;bogus; <b>open</b></p>"
        );
        assert_eq!(clean("</p>stray</div> < 3"), "stray &lt; 3");
        assert_eq!(clean("<p title='unterminated>x"), "<p></p>");
    }

    #[test]
    fn mutation_xss_classics_stay_inert() {
        let vectors = [
            r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>">"#,
            r#"<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">"#,
            r#"<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">"#,
            r#"<!--><img src=x onerror=alert(1)>-->"#,
            r#"<textarea><img src=x onerror=alert(1)></textarea>"#,
        ];
        for vector in vectors {
            let out = clean(vector);
            assert!(!out.contains("onerror"), "{vector} -> {out}");
            assert!(!out.contains("<style") && !out.contains("<script"), "{vector} -> {out}");
        }
    }

    #[test]
    fn text_and_paragraphs() {
        let nodes = paragraphs_from_text("第一段\n\n第二段\n");
        assert_eq!(to_html(&nodes), "<p>第一段</p><p>第二段</p>");
        assert_eq!(text_of(&sanitize("<p>一</p><p>二 <b>三</b></p>")), "一 二 三");
    }

    #[test]
    fn figures_go_after_the_requested_paragraph() {
        let figure = |n: &str| Node::Element { tag: "figure", attrs: vec![], children: vec![Node::Text(n.into())] };
        let mut body = sanitize("<p>1</p><p>2</p><p>3</p>");
        insert_after_paragraphs(
            &mut body,
            vec![(1, figure("A")), (9, figure("Z")), (0, figure("0")), (1, figure("B"))],
        );
        assert_eq!(
            to_html(&body),
            "<figure>0</figure><p>1</p><figure>A</figure><figure>B</figure><p>2</p><p>3</p><figure>Z</figure>"
        );
    }
}

#[cfg(test)]
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn assert_safe(nodes: &[Node]) -> Result<(), TestCaseError> {
        for node in nodes {
            if let Node::Element { tag, attrs, children } = node {
                let (_, names) = allowed(tag).expect("only allowlisted tags");
                for (name, value) in attrs {
                    prop_assert!(
                        names.contains(name) || matches!(*name, "rel" | "loading" | "decoding"),
                        "{tag}[{name}]"
                    );
                    if matches!(*name, "href" | "src") {
                        let again = safe_url(value, *name == "src");
                        prop_assert_eq!(again.as_deref(), Some(value.as_str()));
                    }
                }
                assert_safe(children)?;
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

        #[test]
        fn arbitrary_text_sanitizes_without_panicking(input in ".{0,300}") {
            assert_safe(&sanitize(&input))?;
        }

        #[test]
        fn tag_soup_only_yields_allowlisted_markup(input in "(<(/)?(p|a|img|script|svg|style|math|iframe|b|div|noscript|textarea|x)( (href|src|onerror|style|alt|width)(=(\"[^\"]{0,12}\"|'[^']{0,12}'|[a-z:/()]{0,12}))?){0,3}( /)?>|[^<]{0,8}|<!--|-->|&[a-z#0-9]{0,6};?){0,30}") {
            assert_safe(&sanitize(&input))?;
        }

        #[test]
        fn urls_with_any_scheme_disguise(prefix in "[ \t\n\u{1}\u{0}]{0,3}", scheme in "[jJ][aA][vV][aA][ \t\n]?[sS][cC][rR][iI][pP][tT]|[vV][bB][sS][cC][rR][iI][pP][tT]|[dD][aA][tT][aA]", rest in ":.{0,20}") {
            let url = format!("{prefix}{scheme}{rest}");
            let kept = safe_url(&url, false);
            prop_assert!(kept.is_none(), "{url:?} kept as {kept:?}");
        }
    }
}
