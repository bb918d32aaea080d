//! The tokenizer: html5gum, driven through its callback emitter into the
//! [`Walker`](super::dom::Walker).
//!
//! html5gum implements the WHATWG tokenizer state machine (entities, raw-text
//! and RCDATA elements, comments, bogus markup) without building a tree and
//! without recursion; with `naively_switch_states` it enters the raw-text
//! states after `<script>`, `<style>`, `<title>`, `<textarea>` ... as a tree
//! builder would. Strings reach the walker borrowed from the tokenizer's
//! buffers, so no allocation per token.

use std::convert::Infallible;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Span, Tokenizer};

use super::dom::{Walk, Walker};

/// Walks `html` once and returns its lines, blocks and metadata.
pub(crate) fn walk(html: &str, record_paths: bool) -> Walk {
    let mut walker = Walker::new(record_paths);
    {
        let w = &mut walker;
        let mut emitter = CallbackEmitter::new(
            move |event: CallbackEvent<'_>, _span: Span<()>| -> Option<Infallible> {
                match event {
                    CallbackEvent::OpenStartTag { name } => w.open_start_tag(name),
                    CallbackEvent::AttributeName { name } => w.attribute_name(name),
                    CallbackEvent::AttributeValue { value } => w.attribute_value(value),
                    CallbackEvent::CloseStartTag { self_closing } => {
                        w.close_start_tag(self_closing)
                    }
                    CallbackEvent::EndTag { name } => w.end_tag(name),
                    CallbackEvent::String { value } => w.text(value),
                    CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => w.other(),
                    CallbackEvent::Error(_) => {}
                }
                None
            },
        );
        emitter.naively_switch_states(true);
        // The reader of a &str cannot fail.
        let _ = Tokenizer::new_with_emitter(html, emitter).finish();
    }
    walker.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        walk(html, false).text
    }

    #[test]
    fn blocks_lines_and_whitespace() {
        let h = "<html><head><title>T</title><style>p{}</style></head><body>\
                 <div>Top <a href=x>link</a></div><h1>Head  line</h1><p>Para one <b>bold</b>\n text.</p>\
                 <p>Para two<br>after br</p><ul><li>One</li><li>Two</ul>\
                 <table><tr><td>a</td><td>b</td></tr><tr><th>c<td>d</table>\
                 <pre>x  y\nz</pre><script>var s = '</div><p>no';</script><!-- <p>hidden</p> -->\
                 <p hidden>secret</p><p style='display: none'>secret</p><noscript>Enable JS</noscript>\
                 <p>caf&eacute; &amp; &#8220;quotes&#8221;&nbsp;nbsp</p></body></html>";
        assert_eq!(
            text(h),
            "Top link\n\nHead line\n\nPara one bold text.\n\nPara two\nafter br\n\n  • One\n  • Two\n\n\
             a\tb\nc\td\n\nx  y\nz\n\ncafé & “quotes”\u{a0}nbsp"
        );
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
