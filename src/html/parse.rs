//! The tokenizer: html5gum, driven through an emitter of our own into the
//! [`Walker`](super::dom::Walker).
//!
//! html5gum implements the WHATWG tokenizer state machine (entities, raw-text
//! and RCDATA elements, comments, bogus markup) without building a tree and
//! in constant stack space (with the one change of `vendor/html5gum`: the
//! 0.9.0 release took a stack frame per double-quoted attribute value of a
//! tag). Our emitter reports no parse errors (html5gum then skips
//! its per-byte character validation), copies tag names, attributes and text
//! into reused buffers only, switches to the raw-text states after
//! `<script>`, `<style>`, `<title>`, `<textarea>` ... as a tree builder would
//! (not inside `<svg>`/`<math>`, where CDATA sections are text), and hands each
//! finished token to the walker. A leading U+FEFF and NUL characters are
//! dropped from text.

use html5gum::{Emitter, Error, State, Tokenizer};

use super::dom::{Walk, Walker};

/// Walks `html` once and returns its lines, blocks and metadata.
pub(crate) fn walk(html: &str, record_paths: bool) -> Walk {
    let html = html.strip_prefix('\u{feff}').unwrap_or(html);
    let mut e = Gum {
        walker: Walker::new(record_paths),
        tag: Vec::new(),
        is_end: false,
        self_closing: false,
        attr_name: Vec::new(),
        attr_value: Vec::new(),
        in_attr: false,
        text: Vec::new(),
        last_start: Vec::new(),
        foreign: 0,
        opened: false,
        closes: Closes::of(html),
    };
    for _ in Tokenizer::new_with_emitter(html, &mut e) {}
    e.flush_text();
    e.walker.finish()
}

/// The emitter: buffers for the token being read, and the walker.
struct Gum {
    walker: Walker,
    tag: Vec<u8>,
    is_end: bool,
    self_closing: bool,
    attr_name: Vec<u8>,
    attr_value: Vec<u8>,
    in_attr: bool,
    text: Vec<u8>,
    last_start: Vec<u8>,
    /// Depth of open `<svg>`/`<math>` elements.
    foreign: usize,
    /// Whether the walker was told of the start tag being read.
    opened: bool,
    /// Which RCDATA elements have an end tag somewhere in the page.
    closes: Closes,
}

/// Whether the page holds `</title` and `</textarea` (ASCII case-insensitive).
#[derive(Clone, Copy, Debug, Default)]
struct Closes {
    title: bool,
    textarea: bool,
}

impl Closes {
    fn of(html: &str) -> Closes {
        let b = html.as_bytes();
        let has = |name: &[u8]| {
            memchr::memmem::find_iter(b, b"</").any(|i| {
                b.get(i + 2..i + 2 + name.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
        };
        Closes {
            title: has(b"title"),
            textarea: has(b"textarea"),
        }
    }
}

impl Gum {
    fn flush_text(&mut self) {
        if self.text.is_empty() {
            return;
        }
        if memchr::memchr(0, &self.text).is_some() {
            self.text.retain(|&b| b != 0);
        }
        self.walker.text(&self.text);
        self.text.clear();
    }

    /// Tells the walker a start tag began (once its name is complete).
    fn open(&mut self) {
        if !self.opened {
            self.opened = true;
            self.flush_text();
            self.walker.open_start_tag(&self.tag);
        }
    }

    fn commit_attr(&mut self) {
        if !self.in_attr {
            return;
        }
        self.in_attr = false;
        if self.is_end || self.attr_name.is_empty() {
            return;
        }
        self.walker.attribute_name(&self.attr_name);
        if !self.attr_value.is_empty() {
            self.walker.attribute_value(&self.attr_value);
        }
    }
}

impl Emitter for &mut Gum {
    type Token = ();

    fn set_last_start_tag(&mut self, t: Option<&[u8]>) {
        self.last_start.clear();
        self.last_start.extend_from_slice(t.unwrap_or(b""));
    }

    fn emit_eof(&mut self) {
        self.flush_text();
    }

    fn emit_error(&mut self, _e: Error) {}

    #[inline]
    fn should_emit_errors(&mut self) -> bool {
        false
    }

    fn pop_token(&mut self) -> Option<()> {
        None
    }

    #[inline]
    fn emit_string(&mut self, c: &[u8]) {
        self.text.extend_from_slice(c);
    }

    fn init_start_tag(&mut self) {
        self.is_end = false;
        self.self_closing = false;
        self.tag.clear();
        self.in_attr = false;
        self.opened = false;
    }

    fn init_end_tag(&mut self) {
        self.init_start_tag();
        self.is_end = true;
    }

    fn init_comment(&mut self) {}

    fn emit_current_tag(&mut self) -> Option<State> {
        self.flush_text();
        if self.is_end {
            self.in_attr = false;
            self.walker.end_tag(&self.tag);
            self.last_start.clear();
            if self.foreign > 0 && (self.tag == b"svg" || self.tag == b"math") {
                self.foreign -= 1;
            }
            return None;
        }
        self.open();
        self.commit_attr();
        self.walker.close_start_tag(self.self_closing);
        self.last_start.clear();
        self.last_start.extend_from_slice(&self.tag);
        if (self.tag == b"svg" || self.tag == b"math") && !self.self_closing {
            self.foreign += 1;
        }
        if self.foreign > 0 {
            return None;
        }
        match self.tag.as_slice() {
            // A <title> or <textarea> never closed would swallow the rest of the page
            // as its text (what the standard says, and what a browser shows); scraped
            // pages cut or mangled that way still have their article after it.
            b"textarea" if !self.closes.textarea => None,
            b"title" if !self.closes.title => None,
            b"textarea" | b"title" => Some(State::RcData),
            b"plaintext" => Some(State::PlainText),
            b"script" => Some(State::ScriptData),
            // <noscript> is not among them: its content is markup, as for a
            // browser with scripting off (see tags::classify)
            b"style" | b"iframe" | b"xmp" | b"noembed" | b"noframes" => Some(State::RawText),
            _ => None,
        }
    }

    fn emit_current_comment(&mut self) {
        self.flush_text();
        self.walker.other();
    }

    fn emit_current_doctype(&mut self) {
        self.flush_text();
        self.walker.other();
    }

    fn set_self_closing(&mut self) {
        self.self_closing = true;
    }

    fn set_force_quirks(&mut self) {}

    #[inline]
    fn push_tag_name(&mut self, s: &[u8]) {
        self.tag.extend_from_slice(s);
    }

    fn push_comment(&mut self, _s: &[u8]) {}

    fn push_doctype_name(&mut self, _s: &[u8]) {}

    fn init_doctype(&mut self) {}

    fn init_attribute(&mut self) {
        if !self.is_end {
            self.open();
        }
        self.commit_attr();
        self.attr_name.clear();
        self.attr_value.clear();
        self.in_attr = true;
    }

    fn init_attribute_value(&mut self) {
        self.attr_value.clear();
    }

    #[inline]
    fn push_attribute_name(&mut self, s: &[u8]) {
        self.attr_name.extend_from_slice(s);
    }

    #[inline]
    fn push_attribute_value(&mut self, s: &[u8]) {
        self.attr_value.extend_from_slice(s);
    }

    fn set_doctype_public_identifier(&mut self, _v: &[u8]) {}

    fn set_doctype_system_identifier(&mut self, _v: &[u8]) {}

    fn push_doctype_public_identifier(&mut self, _s: &[u8]) {}

    fn push_doctype_system_identifier(&mut self, _s: &[u8]) {}

    fn current_is_appropriate_end_tag_token(&mut self) -> bool {
        self.is_end && !self.last_start.is_empty() && self.tag == self.last_start
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&mut self) -> bool {
        self.foreign > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        walk(html, false).text
    }

    /// The tokenizer's stack does not grow with the input: html5gum 0.9.0 read
    /// each double-quoted attribute value of a tag one call deeper (a cycle of
    /// inlined states), so one tag with 50,000 attributes overflowed the main
    /// thread's stack (a segfault in Python) and far fewer a worker thread's.
    /// Walked here on a thread with a 256 KiB stack.
    #[test]
    fn many_attributes_in_one_tag_use_constant_stack() {
        let mut h = String::from("<p>before</p><div");
        for i in 0..200_000 {
            h.push_str(&format!(" a{i}=\"{i}\""));
        }
        h.push_str(" c='x' d=e>inside</div><p>after</p>");
        let got = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || text(&h))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(got, "before\n\ninside\n\nafter");
    }

    #[test]
    fn blocks_lines_and_whitespace() {
        let h = "<html><head><title>T</title><style>p{}</style></head><body>\
                 <div>Top <a href=x>link</a></div><h1>Head  line</h1><p>Para one <b>bold</b>\n text.</p>\
                 <p>Para two<br>after br</p><ul><li>One</li><li>Two</ul>\
                 <table><tr><td>a</td><td>b</td></tr><tr><th>c<td>d</table>\
                 <pre>x  y\nz</pre><script>var s = '</div><p>no';</script><!-- <p>hidden</p> -->\
                 <p hidden>secret</p><p style='display: none'>secret</p><template><p>tmpl</p></template>\
                 <p>caf&eacute; &amp; &#8220;quotes&#8221;&nbsp;nbsp</p></body></html>";
        assert_eq!(
            text(h),
            "Top link\n\nHead line\n\nPara one bold text.\n\nPara two\nafter br\n\n  • One\n  • Two\n\n\
             a\tb\nc\td\n\nx  y\nz\n\ncafé & “quotes”\u{a0}nbsp"
        );
    }

    #[test]
    fn noscript_content_is_markup() {
        // a blog engine's post body: a script template and, for readers
        // without scripts, the same story in <noscript>
        let h = "<html><head><noscript><link rel=stylesheet href=a.css><style>p{}</style></noscript>\
                 <title>T</title></head><body><div class=post><h2>Rain in Faro</h2>\
                 <script type='text/template'><p>Rain fell.</p></script>\
                 <noscript><p>Rain fell all day on <b>Tuesday</b>.</p><p>Roads closed.</p></noscript>\
                 </div><p>After.</p></body></html>";
        let w = walk(h, false);
        assert_eq!(
            w.text,
            "Rain in Faro\n\nRain fell all day on Tuesday.\n\nRoads closed.\n\nAfter."
        );
        assert_eq!(w.meta.title_tag.as_deref(), Some("T"));
    }

    #[test]
    fn ruby_readings_and_soft_hyphens_are_not_text() {
        assert_eq!(
            text("<p><ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby>を読む</p>"),
            "漢字を読む"
        );
        assert_eq!(
            text("<p>Hyphen&shy;ation, soft\u{ad}ly\u{ad} <b>\u{ad}</b>done</p>"),
            "Hyphenation, softly done"
        );
    }

    #[test]
    fn decomposed_text_is_composed() {
        // "Grüße" and "café" written with combining marks, one across two text nodes
        let page = "<p>Gru\u{308}\u{df}e aus dem Cafe<b>\u{301}</b></p><p>plain</p>";
        assert_eq!(text(page), "Grüße aus dem Café\n\nplain");
        let w = walk(page, false);
        let first = &w.text[w.lines[0].start..w.lines[0].end];
        assert_eq!(first, "Grüße aus dem Café");
    }

    #[test]
    fn implied_ends() {
        assert_eq!(
            text("<p>one<p>two<div>three</div>four"),
            "one\n\ntwo\n\nthree\n\nfour"
        );
        assert_eq!(
            text("<ul><li>a<li>b<li>c</ul>after"),
            "  • a\n  • b\n  • c\n\nafter"
        );
        assert_eq!(text("<p>x</span></b></p>y"), "x\n\ny");
        assert_eq!(text("</p>a</div></div>b"), "ab");
    }

    #[test]
    fn layout_table_cells_with_blocks() {
        let h = "<table><tr><td><a href=/>Home</a> <a href=/w>World</a></td>\
                 <td><h2>Title</h2><p>Article text here.</p><p>More.</p></td></tr></table>";
        assert_eq!(
            text(h),
            "Home World\n\nTitle\n\nArticle text here.\n\nMore."
        );
    }

    #[test]
    fn svg_and_breakout() {
        assert_eq!(text("<p>a<svg><text>x</text><p>b</p>"), "a\n\nb");
        assert_eq!(text("<svg><title>t</title></svg><p>ok</p>"), "ok");
    }

    #[test]
    fn metadata_on_the_way() {
        let w = walk(
            "<html lang=en><head><title> A  title </title><meta property=og:title content='OG'>\
             <link rel=canonical href='https://x.test/a'>\
             <script type='application/ld+json'>{\"@type\":\"NewsArticle\",\"headline\":\"LD\"}</script>\
             </head><body><time datetime='2024-03-05'>5 March</time></body></html>",
            false,
        );
        assert_eq!(w.meta.title_tag.as_deref(), Some("A title"));
        assert_eq!(w.meta.og_title.as_deref(), Some("OG"));
        assert_eq!(w.meta.jsonld_headline.as_deref(), Some("LD"));
        assert_eq!(w.meta.canonical.as_deref(), Some("https://x.test/a"));
        assert_eq!(w.meta.language.as_deref(), Some("en"));
        assert_eq!(w.times.len(), 1);
        assert_eq!(w.text, "5 March");
    }

    #[test]
    fn xhtml_xml_lang_is_the_pages_language_when_lang_is_absent() {
        let lang = |html: &str| walk(html, false).meta.language;
        assert_eq!(
            lang("<html xmlns='http://www.w3.org/1999/xhtml' xml:lang='en-GB'><p>x</p>").as_deref(),
            Some("en-GB")
        );
        assert_eq!(
            lang("<html xml:lang=en lang=de><p>x</p>").as_deref(),
            Some("de")
        );
        assert_eq!(
            lang("<html lang=de xml:lang=en><p>x</p>").as_deref(),
            Some("de")
        );
    }

    #[test]
    fn unclosed_title_does_not_swallow_the_page() {
        let w = walk(
            "<html><head><title>Site News<script>x()</script></head><body><p>Story text.</p>",
            false,
        );
        assert_eq!(w.text, "Story text.");
        assert_eq!(text("<title>T</title><p>a</p>"), "a");
    }

    #[test]
    fn hostile_shapes() {
        let deep = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
        assert_eq!(text(&deep), "deep");
        let deep_inline = "<b><i>".repeat(50_000) + "x";
        assert_eq!(text(&deep_inline), "x");
        let unclosed = "<p>a".repeat(10_000);
        assert_eq!(
            text(&unclosed).lines().filter(|l| !l.is_empty()).count(),
            10_000
        );
        for junk in [
            "",
            "<",
            "<<<>>>",
            "</",
            "<!--",
            "<![CDATA[x",
            "\0\0<p>\0",
            "<p a=\"",
            "<a href=x><a href=y>z",
        ] {
            let _ = text(junk);
        }
    }
}
