//! One pass over a page's tokens: the visible text as lines, each with what
//! the markup around it says, plus the page's metadata.
//!
//! The walker keeps a stack of open elements and applies the HTML tree
//! builder's rules that change which element text belongs to: void elements,
//! a new block closing an open `<p>`, a new `<li>`/`<dt>`/`<dd>`/`<tr>`/`<td>`
//! closing the previous one, an end tag closing everything opened after its
//! start tag, end tags without a start tag ignored, HTML breaking out of an
//! unclosed `<svg>`. These searches look at most [`SCOPE`] elements down the
//! stack, and nothing recurses, so any input is walked in linear time and
//! constant stack space (100,000 nested `<div>`s are fine).
//!
//! Text never comes from `<script>`, `<style>`, `<template>`, `<head>`,
//! `<svg>`, `<math>`, `<iframe>`, `<object>`, `<canvas>`, `<audio>`,
//! `<video>`, form controls that hold no readable text (`<select>`,
//! `<textarea>`), ruby annotations (`<rt>`, `<rp>`), comments, or elements
//! hidden with the `hidden` attribute or an inline `display:none` /
//! `visibility:hidden` style. `<noscript>` is read as a browser without
//! scripts reads it (some pages keep the whole article there), soft
//! hyphens are dropped, and text written decomposed is composed (NFC).
//!
//! The page text has one line per block of text: each paragraph, heading,
//! list item, caption, table row (when its cells hold only inline content and
//! no `<br>`: a row is a line up to its first block or line break, the rest of
//! the cell flows as lines) or run of text between block elements is a line,
//! and `<br>` and the lines of a `<pre>` split a block into several lines. An
//! inline element whose `style` shows it as a block (`display: block`, `flex`,
//! `grid`, `list-item`, `table`) is a block. Whitespace is collapsed
//! (no-break spaces are kept), list items start with `"  • "`, the cells of a
//! row are joined by tabs. Blocks are separated by a blank line, except that
//! consecutive list items, table rows and the lines of one block are
//! separated by a single line end: the shape of the page text that
//! [`crate::boilerplate::Cleaner`] reads.

use std::hash::Hasher;

use super::meta::MetaCollector;
use super::tags::{cat, classify, flag, BlockKind, Display, Tag, TagInfo, TAG_SLOTS};
use crate::hash::Fnv;

/// How far down the stack of open elements the implied-end-tag rules look.
const SCOPE: usize = 24;
/// The longest `<title>` or JSON-LD script captured for metadata.
const MAX_CAPTURE: usize = 2 << 20;

/// One line of the page text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineSpan {
    /// Byte offset of the line in the page text.
    pub start: usize,
    /// Byte offset one past the line (before its line end).
    pub end: usize,
    /// The block the line belongs to (index into [`Walk::blocks`]).
    pub block: u32,
    /// The line's number in the page text (blank lines count).
    pub line_no: u32,
}

/// A block of text and what the markup says about it.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    /// What kind of element holds it.
    pub kind: BlockKind,
    /// Heading level 1-6 for headings, else 0.
    pub heading: u8,
    /// Ancestor flags ([`flag`]).
    pub flags: u32,
    /// Class/id categories ([`cat`]) of the element holding the text, its
    /// inline elements, and its two nearest block-level ancestors.
    pub cats_near: u32,
    /// Class/id categories of every ancestor.
    pub cats_any: u32,
    /// `itemprop="articleBody"` (or `text`) on an ancestor.
    pub article_body: bool,
    /// The innermost block-level element holding the text (index into
    /// [`Walk::elems`]).
    pub host: u32,
    /// Characters of text in the block, and of them inside links.
    pub chars: u32,
    /// See `chars`.
    pub link_chars: u32,
    /// Depth of the host element in the tree.
    pub depth: u32,
    /// A short CSS-like path to the block (`body>div.story>p`), when the walk
    /// was asked to record paths.
    pub path: Option<String>,
    /// A hash of the whole path from the root (element names with their id
    /// or first class): blocks with the same key sit in containers of the
    /// same shape, such as the paragraphs of one story.
    pub path_key: u64,
}

/// A block-level element, with totals over the text inside it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Elem {
    /// Parent block-level element, or `u32::MAX` for the root.
    pub parent: u32,
    /// The last element id inside this one (its subtree is `id..=end`).
    pub end: u32,
    /// Characters of text inside, and of them inside links.
    pub chars: u32,
    /// See `chars`.
    pub link_chars: u32,
    /// Whether an `<img>` (or `<picture>`, `<video>` ...) is directly inside
    /// (not inside a nested block element).
    pub media: bool,
    /// A list or table element or a part of one (`<ul>`, `<ol>`, `<dl>`,
    /// their items, `<table>` and its row groups, rows and cells): a story's
    /// container is the element around it.
    pub list_or_table: bool,
    /// The class/id categories of the element itself.
    pub cats: u32,
}

/// A `<time datetime>` (or an `itemprop` date) and where on the page it was.
#[derive(Clone, Debug)]
pub(crate) struct TimeMark {
    /// The `datetime` (or `content`) value, as written.
    pub value: String,
    /// Ancestor flags ([`flag`]) where it was.
    pub flags: u32,
    /// Class/id categories ([`cat`]) of it and its nearest block-level
    /// ancestors.
    pub cats: u32,
    /// The index in [`Walk::lines`] of the line it is on (or the next line).
    pub line: usize,
}

/// The text of an inline element the markup calls the author (`rel=author`,
/// `itemprop=author`, a class such as `author`, `byline`: `<span
/// class="author vcard"><a class="fn">Jane Roe</a></span>`) and where it was:
/// the byline when it shares its line with a date or a label ("Posted on 5
/// May 2019 by Jane Roe | 3 Comments").
#[derive(Clone, Debug)]
pub(crate) struct AuthorMark {
    /// The element's text, whitespace collapsed, trimmed.
    pub text: String,
    /// Ancestor flags ([`flag`]) where it was.
    pub flags: u32,
    /// Class/id categories ([`cat`]) of it and its nearest block-level
    /// ancestors.
    pub cats: u32,
    /// The index in [`Walk::lines`] of the line it is on.
    pub line: usize,
    /// The word before it on the line ("von", "by", "Autor:"), if any.
    pub before: String,
}

/// Class words of an inline element in a heading that holds a kicker or a
/// subtitle rather than the headline (`<h1><span class="dachzeile">Kicker
/// </span> <span class="headline">Headline</span></h1>`), matched in the
/// element's first class, lowercase.
const KICKER_CLASSES: [&str; 9] = [
    "kicker",
    "dachzeile",
    "roofline",
    "overline",
    "topline",
    "eyebrow",
    "subtitle",
    "subline",
    "spitzmarke",
];

/// The most kicker marks a walk records.
const MAX_KICKER_MARKS: usize = 16;

/// The most author marks a walk records.
const MAX_AUTHOR_MARKS: usize = 64;
/// The longest author mark's text recorded, in bytes.
const MAX_AUTHOR_MARK: usize = 160;

/// The result of walking a page.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The page text.
    pub text: String,
    /// Its lines, in order.
    pub lines: Vec<LineSpan>,
    /// The blocks the lines belong to.
    pub blocks: Vec<Block>,
    /// Block-level elements, in document order.
    pub elems: Vec<Elem>,
    /// `<time datetime>` (and `itemprop` date) values with where they were,
    /// in order.
    pub times: Vec<TimeMark>,
    /// The inline elements the markup calls the author, in order (at most
    /// [`MAX_AUTHOR_MARKS`]).
    pub authors: Vec<AuthorMark>,
    /// The kickers and subtitles inside headings ([`KICKER_CLASSES`]): the
    /// line each is on and its text (at most [`MAX_KICKER_MARKS`]).
    pub kickers: Vec<(usize, String)>,
    /// Metadata collected on the way.
    pub meta: super::meta::PageMeta,
}

/// An open element.
#[derive(Clone, Debug)]
struct Open {
    tag: Tag,
    /// Hash of the name, for elements the walker does not know by name.
    name_hash: u64,
    display: Display,
    /// Flags of this element and its ancestors.
    flags: u32,
    /// Categories of the inline elements opened since the innermost block.
    cats_inline: u32,
    cats_any: u32,
    /// Own class/id categories of the innermost block element and its two nearest
    /// block-level ancestors.
    cats_near: u32,
    /// Own class/id categories of the innermost block element (self, for blocks) and of
    /// the block element above it.
    cats_b0: u32,
    cats_b1: u32,
    article_body: bool,
    /// The innermost block-level element id (self, for block elements).
    elem: u32,
    /// Kind and heading level of the innermost block element.
    kind: BlockKind,
    heading: u8,
    /// Whether this element is in foreign content (`<svg>`, `<math>`).
    foreign: bool,
    /// The label used in paths (only when paths are recorded).
    label: Option<Box<str>>,
    /// A hash of the element names with their id or first class from the
    /// root down to this element ([`Block::path_key`]).
    path_key: u64,
}

/// Attributes of the start tag being read.
#[derive(Default)]
struct Pending {
    name: Vec<u8>,
    attr: Vec<u8>,
    class_cats: u32,
    hidden: bool,
    /// An inline style makes the element a block (`display:block`).
    block_style: bool,
    itemprop_body: bool,
    itemprop_date: bool,
    itemprop_author: bool,
    rel_author: bool,
    jsonld: bool,
    script_type_seen: bool,
    datetime: Option<String>,
    lang: Option<String>,
    first_class: Option<String>,
    id: Option<String>,
    /// All attributes, for `<meta>` and `<link>`.
    pairs: Vec<(String, String)>,
}

/// A table row whose cells have held only inline content so far.
struct Row {
    /// Stack depth of the `<tr>`.
    depth: usize,
    cells: Vec<String>,
    /// Still only inline content in the cells.
    simple: bool,
    link_chars: u32,
}

/// What hidden content is being captured for metadata.
enum Capture {
    None,
    Title(String),
    JsonLd(String),
}

/// An open inline element the markup calls the author: its depth in the
/// stack, the number of lines written, the epoch of the line being built and
/// that line's length when it opened (its text is what the line gained
/// since, if it is still the same line when it closes).
#[derive(Clone, Copy)]
struct AuthorOpen {
    depth: usize,
    lines: usize,
    epoch: u32,
    at: usize,
}

/// The walker: feed it events, then call [`Walker::finish`].
pub(crate) struct Walker {
    stack: Vec<Open>,
    counts: [u32; TAG_SLOTS],
    other_counts: std::collections::HashMap<u64, u32>,
    hidden: usize,
    pre: usize,
    pending: Pending,
    in_start_tag: bool,
    cur: String,
    /// Incremented whenever `cur` is emptied or replaced.
    cur_epoch: u32,
    /// The author element open now, if any ([`AuthorMark`]).
    author_open: Option<AuthorOpen>,
    /// The kicker element of a heading open now, if any.
    kicker_open: Option<AuthorOpen>,
    cur_link: u32,
    cur_chars: u32,
    space: bool,
    /// The block the current text belongs to, once text has started.
    block: Option<u32>,
    /// The block of the last line written, and whether the next line
    /// continues it (after a `<br>`).
    last_line_block: Option<u32>,
    rows: Vec<Row>,
    capture: Capture,
    meta: MetaCollector,
    walk: Walk,
    record_paths: bool,
    class_cache: super::tags::ClassCache,
}

/// FNV-1a of an element name (names the walker does not know by name are
/// matched by hash).
fn name_hash(name: &[u8]) -> u64 {
    crate::hash::fnv1a(name)
}

impl Walker {
    /// A walker; with `record_paths`, every block gets a [`Block::path`].
    pub(crate) fn new(record_paths: bool) -> Walker {
        let root = Open {
            tag: Tag::Html,
            name_hash: 0,
            display: Display::Block,
            flags: 0,
            cats_inline: 0,
            cats_any: 0,
            cats_near: 0,
            cats_b0: 0,
            cats_b1: 0,
            article_body: false,
            elem: 0,
            kind: BlockKind::Other,
            heading: 0,
            foreign: false,
            label: None,
            path_key: 0,
        };
        let mut walk = Walk::default();
        walk.elems.push(Elem {
            parent: u32::MAX,
            end: 0,
            chars: 0,
            link_chars: 0,
            media: false,
            list_or_table: false,
            cats: 0,
        });
        Walker {
            stack: vec![root],
            counts: [0; TAG_SLOTS],
            other_counts: Default::default(),
            hidden: 0,
            pre: 0,
            pending: Pending::default(),
            in_start_tag: false,
            cur: String::new(),
            cur_epoch: 0,
            author_open: None,
            kicker_open: None,
            cur_link: 0,
            cur_chars: 0,
            space: false,
            block: None,
            last_line_block: None,
            rows: Vec::new(),
            capture: Capture::None,
            meta: MetaCollector::new(),
            walk,
            record_paths,
            class_cache: Default::default(),
        }
    }

    /// Records a machine-readable date (`datetime`, or an itemprop date's
    /// `content`) met here, with where it was, on the line being built.
    fn mark_time(&mut self, value: &str, flags: u32, cats: u32) {
        let line = self.walk.lines.len();
        self.walk.times.push(TimeMark {
            value: value.to_string(),
            flags,
            cats,
            line,
        });
    }

    /// The text the line being built gained since `a` was taken, trimmed,
    /// when it is still that line and the text is short.
    fn text_since(&self, a: AuthorOpen) -> Option<&str> {
        if self.walk.lines.len() != a.lines || self.cur_epoch != a.epoch {
            return None;
        }
        let t = self.cur.get(a.at..)?.trim();
        (!t.is_empty() && t.len() <= MAX_AUTHOR_MARK).then_some(t)
    }

    /// Records the text an author element `o` closing now added to the line
    /// being built ([`Walker::text_since`]), with the word before it.
    fn mark_author(&mut self, o: &Open, a: AuthorOpen) {
        if self.walk.authors.len() >= MAX_AUTHOR_MARKS {
            return;
        }
        let Some(text) = self.text_since(a).map(str::to_string) else {
            return;
        };
        // (`text_since` read `cur` from `a.at`: a char boundary)
        let before = self.cur[..a.at]
            .split_whitespace()
            .next_back()
            .filter(|w| w.len() <= 24)
            .unwrap_or("")
            .to_string();
        self.walk.authors.push(AuthorMark {
            text,
            flags: o.flags,
            cats: o.cats_near | o.cats_inline,
            line: a.lines,
            before,
        });
    }

    fn top(&self) -> &Open {
        // the root is never popped
        self.stack
            .last()
            .expect("the root element stays on the stack")
    }

    // ----------------------------------------------------------------- events

    /// `<name` of a start tag.
    pub(crate) fn open_start_tag(&mut self, name: &[u8]) {
        let p = &mut self.pending;
        p.name.clear();
        p.name.extend_from_slice(name);
        p.attr.clear();
        p.pairs.clear();
        p.class_cats = 0;
        p.hidden = false;
        p.block_style = false;
        p.itemprop_body = false;
        p.itemprop_date = false;
        p.itemprop_author = false;
        p.rel_author = false;
        p.jsonld = false;
        p.script_type_seen = false;
        p.datetime = None;
        p.lang = None;
        p.first_class = None;
        p.id = None;
        self.in_start_tag = true;
    }

    /// An attribute name of the start tag being read.
    pub(crate) fn attribute_name(&mut self, name: &[u8]) {
        if !self.in_start_tag {
            return;
        }
        self.pending.attr.clear();
        self.pending.attr.extend_from_slice(name);
        // attributes without a value ("hidden", "pubdate")
        if name == b"hidden" {
            self.pending.hidden = true;
        }
        if matches!(self.pending.name.as_slice(), b"meta" | b"link" | b"base") {
            self.pending
                .pairs
                .push((String::from_utf8_lossy(name).into_owned(), String::new()));
        }
    }

    /// The value of the attribute just named.
    pub(crate) fn attribute_value(&mut self, value: &[u8]) {
        if !self.in_start_tag {
            return;
        }
        let p = &mut self.pending;
        match p.attr.as_slice() {
            b"class" => {
                p.class_cats |= self.class_cache.categories(value);
                if p.first_class.is_none() {
                    p.first_class = first_word(value);
                }
            }
            b"id" => {
                p.class_cats |= self.class_cache.categories(value);
                if p.id.is_none() {
                    p.id = first_word(value);
                }
            }
            b"style" => match style_display(value) {
                StyleDisplay::Hidden => p.hidden = true,
                StyleDisplay::Block => p.block_style = true,
                StyleDisplay::Other => {}
            },
            b"itemprop" => {
                let v = value.to_ascii_lowercase();
                p.itemprop_body |= v == b"articlebody" || v == b"text";
                p.itemprop_date |= v == b"datepublished";
                p.itemprop_author |= v == b"author";
            }
            // RDFa's schema.org date (Drupal: <span property="schema:dateCreated"
            // content="2022-01-28T12:45:46+00:00">), read as itemprop="datePublished"
            b"property" => {
                p.itemprop_date |= value.split(|b| b.is_ascii_whitespace()).any(|t| {
                    [b"schema:datepublished".as_slice(), b"schema:datecreated"]
                        .iter()
                        .any(|k| t.eq_ignore_ascii_case(k))
                });
            }
            b"rel" => {
                p.rel_author |= value.eq_ignore_ascii_case(b"author");
            }
            b"type" => {
                p.script_type_seen = true;
                p.jsonld |= value
                    .trim_ascii()
                    .eq_ignore_ascii_case(b"application/ld+json");
            }
            // (kept whatever the element: `itemprop` or `property` may come after it;
            // read only for a <time> or a date's markup)
            b"datetime" | b"content" => {
                p.datetime = Some(String::from_utf8_lossy(value).into_owned());
            }
            b"lang" if p.name == b"html" => {
                p.lang = Some(String::from_utf8_lossy(value).into_owned());
            }
            // XHTML's `xml:lang`, when the element has no `lang` (which wins
            // wherever it stands among the attributes)
            b"xml:lang" if p.name == b"html" && p.lang.is_none() => {
                p.lang = Some(String::from_utf8_lossy(value).into_owned());
            }
            b"aria-hidden" => {}
            _ => {}
        }
        if matches!(p.name.as_slice(), b"meta" | b"link" | b"base") {
            if let Some(last) = p.pairs.last_mut() {
                last.1 = String::from_utf8_lossy(value).into_owned();
            }
        }
    }

    /// The `>` of the start tag being read.
    pub(crate) fn close_start_tag(&mut self, self_closing: bool) {
        if !self.in_start_tag {
            return;
        }
        self.in_start_tag = false;
        // Borrowed out and put back, so its buffers are reused by the next tag.
        let p = std::mem::take(&mut self.pending);
        self.start_tag(&p, self_closing);
        self.pending = p;
    }

    fn start_tag(&mut self, p: &Pending, self_closing: bool) {
        let info = classify(&p.name);
        if p.name == b"base" {
            self.meta
                .base(p.pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        }
        // Metadata elements are read wherever they are.
        match info.tag {
            Tag::Meta => {
                self.meta
                    .meta(p.pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
                if p.itemprop_date {
                    if let Some(d) = &p.datetime {
                        let (flags, cats) = (self.top().flags, self.top().cats_near | cat::DATE);
                        self.mark_time(d, flags, cats);
                    }
                }
                return;
            }
            Tag::Link => {
                self.meta
                    .link(p.pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())));
                return;
            }
            Tag::Html => {
                if let Some(l) = &p.lang {
                    self.meta.html_lang(l);
                }
                return; // the root is already open
            }
            Tag::Body => {
                self.close_head();
                return;
            }
            _ => {}
        }
        // A tag inside <title> or <textarea> means the element was never closed
        // (the tokenizer reads a closed one as text): it ends here.
        while matches!(self.top().tag, Tag::Title | Tag::Textarea) && self.stack.len() > 1 {
            self.pop();
        }
        if self.top().tag == Tag::Head
            && !matches!(
                info.tag,
                Tag::Title | Tag::Script | Tag::Style | Tag::Noscript | Tag::Template
            )
        {
            self.close_head();
        }
        // HTML breaks out of an unclosed <svg>/<math>.
        if self.top().foreign && !matches!(info.display, Display::Hidden) && breaks_foreign(&p.name)
        {
            while self.stack.len() > 1 && self.top().foreign {
                self.pop();
            }
        }
        if self.top().foreign {
            // inside foreign content: only structure, no text
            if !self_closing {
                self.push_raw(info.tag, name_hash(&p.name), Display::Hidden, true);
            }
            return;
        }
        self.implied_ends(info.tag, info.display);
        // An inline element a style shows as a block ("<span style='display:
        // block'>") breaks the line as a browser does.
        let info = if p.block_style && info.display == Display::Inline {
            TagInfo {
                display: Display::Block,
                ..info
            }
        } else {
            info
        };
        match info.display {
            Display::Void => {
                if info.tag == Tag::OtherBlock {
                    // <hr>: a block boundary
                    self.boundary();
                } else if p.name == b"img" || p.name == b"image" {
                    let e = self.top().elem as usize;
                    if let Some(e) = self.walk.elems.get_mut(e) {
                        e.media = true;
                    }
                }
            }
            Display::Br => {
                if self.hidden == 0 {
                    self.line_break();
                }
            }
            Display::Hidden => {
                let foreign = matches!(p.name.as_slice(), b"svg" | b"math");
                self.capture = match info.tag {
                    Tag::Title if self.hidden == 0 || self.top().tag == Tag::Head => {
                        Capture::Title(String::new())
                    }
                    Tag::Script if p.jsonld => Capture::JsonLd(String::new()),
                    _ => Capture::None,
                };
                self.push_raw(info.tag, name_hash(&p.name), Display::Hidden, foreign);
            }
            Display::Block | Display::Inline => {
                if p.hidden {
                    self.push_raw(info.tag, name_hash(&p.name), Display::Hidden, false);
                    return;
                }
                if info.tag == Tag::Time || p.itemprop_date {
                    if let Some(d) = &p.datetime {
                        let flags = self.top().flags | info.flags;
                        // (an itemprop="datePublished" is the markup's date)
                        let date = if p.itemprop_date { cat::DATE } else { 0 };
                        let cats = self.top().cats_near | p.class_cats | date;
                        self.mark_time(d, flags, cats);
                    }
                }
                let mut cats = p.class_cats;
                if p.itemprop_author || p.rel_author {
                    cats |= cat::BYLINE;
                }
                if p.itemprop_date {
                    cats |= cat::DATE;
                }
                if info.display == Display::Block {
                    self.start_block_element(info.tag, p);
                }
                self.push(info, p, cats);
            }
        }
    }

    /// `</name>`.
    pub(crate) fn end_tag(&mut self, name: &[u8]) {
        self.in_start_tag = false;
        let info = classify(name);
        match info.tag {
            Tag::Br => {
                if self.hidden == 0 {
                    self.line_break();
                }
                return;
            }
            // content after </body> or </html> is still shown
            Tag::Body | Tag::Html => return,
            Tag::P if self.counts[Tag::P.slot()] == 0 => {
                self.boundary();
                return;
            }
            _ => {}
        }
        let open = if info.tag == Tag::Other || info.tag == Tag::OtherBlock {
            self.other_counts
                .get(&name_hash(name))
                .copied()
                .unwrap_or(0)
        } else {
            self.counts[info.tag.slot()]
        };
        if open == 0 {
            return;
        }
        let h = name_hash(name);
        // Pop up to and including the most recent element of this name.
        while self.stack.len() > 1 {
            let t = self.top();
            let hit = if info.tag == Tag::Other || info.tag == Tag::OtherBlock {
                (t.tag == Tag::Other || t.tag == Tag::OtherBlock) && t.name_hash == h
            } else {
                t.tag == info.tag
            };
            self.pop();
            if hit {
                break;
            }
        }
    }

    /// Text between tags (entities already decoded).
    pub(crate) fn text(&mut self, value: &[u8]) {
        self.in_start_tag = false;
        match &mut self.capture {
            Capture::Title(s) | Capture::JsonLd(s) => {
                if s.len() < MAX_CAPTURE {
                    s.push_str(&String::from_utf8_lossy(value));
                }
                return;
            }
            Capture::None => {}
        }
        if self.hidden > 0 {
            return;
        }
        let mut text = String::from_utf8_lossy(value);
        // Soft hyphens (U+00AD, `&shy;`) only say where a word may break: a
        // browser shows none unless it breaks there, and text search and word
        // counts need the word whole.
        if memchr::memmem::find(value, "\u{ad}".as_bytes()).is_some() {
            text = std::borrow::Cow::Owned(text.replace('\u{ad}', ""));
        }
        if self.pre > 0 {
            let mut first = true;
            for part in text.split('\n') {
                if !first {
                    self.line_break();
                }
                first = false;
                let part = part.strip_suffix('\r').unwrap_or(part);
                if !part.is_empty() {
                    self.push_text_raw(part);
                }
            }
            return;
        }
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if is_ws(b[i]) {
                self.space = true;
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() && !is_ws(b[i]) {
                i += 1;
            }
            // whitespace bytes are ASCII, so start..i is on char boundaries
            let run = &text[start..i];
            if self.space && !self.cur.is_empty() {
                self.push_text_raw(" ");
            }
            self.space = false;
            self.push_text_raw(run);
        }
    }

    /// A comment (ignored), doctype (ignored): nothing to do but end a start tag.
    pub(crate) fn other(&mut self) {
        self.in_start_tag = false;
    }

    /// Ends the walk.
    pub(crate) fn finish(mut self) -> Walk {
        while self.stack.len() > 1 {
            self.pop();
        }
        self.boundary();
        let n = self.walk.elems.len() as u32;
        if let Some(root) = self.walk.elems.first_mut() {
            root.end = n.saturating_sub(1);
        }
        self.walk.meta = std::mem::take(&mut self.meta).finish();
        self.walk
    }

    // ---------------------------------------------------------------- helpers

    fn close_head(&mut self) {
        if self.counts[Tag::Head.slot()] > 0 {
            while self.stack.len() > 1 {
                let was_head = self.top().tag == Tag::Head;
                self.pop();
                if was_head {
                    break;
                }
            }
        }
    }

    /// The tree builder's implied end tags for a new element `tag`.
    fn implied_ends(&mut self, tag: Tag, display: Display) {
        let close_to = |s: &Self, targets: &[Tag], stops: &[Tag]| -> Option<usize> {
            for (k, o) in s.stack.iter().enumerate().rev().take(SCOPE) {
                if targets.contains(&o.tag) {
                    return Some(k);
                }
                if stops.contains(&o.tag) || k == 0 {
                    return None;
                }
            }
            None
        };
        let target = match tag {
            Tag::Li if self.counts[Tag::Li.slot()] > 0 => close_to(
                self,
                &[Tag::Li],
                &[Tag::Ul, Tag::Ol, Tag::Table, Tag::Td, Tag::Th],
            ),
            Tag::Dt | Tag::Dd => close_to(
                self,
                &[Tag::Dt, Tag::Dd],
                &[Tag::Dl, Tag::Ul, Tag::Ol, Tag::Table],
            ),
            Tag::Tr => close_to(self, &[Tag::Tr], &[Tag::Table]),
            Tag::Td | Tag::Th => close_to(self, &[Tag::Td, Tag::Th], &[Tag::Tr, Tag::Table]),
            Tag::Thead | Tag::Tbody | Tag::Tfoot => {
                close_to(self, &[Tag::Thead, Tag::Tbody, Tag::Tfoot], &[Tag::Table])
            }
            Tag::H(_) if matches!(self.top().tag, Tag::H(_)) => Some(self.stack.len() - 1),
            Tag::A if self.counts[Tag::A.slot()] > 0 => {
                close_to(self, &[Tag::A], &[Tag::Td, Tag::Th, Tag::Table])
            }
            _ => None,
        };
        if let Some(k) = target {
            while self.stack.len() > k.max(1) {
                self.pop();
            }
        }
        // A block closes an open <p> (in button scope).
        if display == Display::Block
            && self.counts[Tag::P.slot()] > 0
            && !matches!(
                tag,
                Tag::Td
                    | Tag::Th
                    | Tag::Tr
                    | Tag::Caption
                    | Tag::Thead
                    | Tag::Tbody
                    | Tag::Tfoot
                    | Tag::Body
                    | Tag::Html
            )
        {
            let mut found = None;
            for (k, o) in self.stack.iter().enumerate().rev().take(SCOPE) {
                if o.tag == Tag::P {
                    found = Some(k);
                    break;
                }
                if o.display == Display::Block || k == 0 {
                    break;
                }
            }
            if let Some(k) = found {
                while self.stack.len() > k.max(1) {
                    self.pop();
                }
            }
        }
    }

    /// Bookkeeping when a block-level element starts: the text so far ends,
    /// and table rows collect their cells.
    fn start_block_element(&mut self, tag: Tag, p: &Pending) {
        let _ = p;
        match tag {
            Tag::Tr => {
                self.boundary();
                let depth = self.stack.len();
                if let Some(r) = self.rows.last_mut() {
                    // a row inside a cell of another row: that row is not simple
                    r.simple = false;
                }
                self.rows.push(Row {
                    depth,
                    cells: Vec::new(),
                    simple: true,
                    link_chars: 0,
                });
            }
            Tag::Td | Tag::Th if self.in_simple_row() => {
                self.take_cell();
            }
            _ => {
                if self.in_simple_row() {
                    // a block inside a cell: the row so far is one line, the
                    // rest flows as blocks
                    self.take_cell();
                    self.emit_row();
                } else {
                    self.boundary();
                }
            }
        }
    }

    fn in_simple_row(&self) -> bool {
        self.rows.last().is_some_and(|r| r.simple)
    }

    /// Moves the current text into the current row's cells.
    fn take_cell(&mut self) {
        if self.cur.is_empty() {
            self.space = false;
            return;
        }
        let text = std::mem::take(&mut self.cur);
        self.cur_epoch = self.cur_epoch.wrapping_add(1);
        if let Some(r) = self.rows.last_mut() {
            r.cells.push(text);
            r.link_chars += self.cur_link;
        }
        self.cur_link = 0;
        self.cur_chars = 0;
        self.space = false;
    }

    /// Writes the current simple row as one line and marks it not simple.
    fn emit_row(&mut self) {
        let Some(r) = self.rows.last_mut() else {
            return;
        };
        let was_simple = r.simple;
        r.simple = false;
        if !was_simple || r.cells.is_empty() {
            return;
        }
        let cells = std::mem::take(&mut r.cells);
        let links = std::mem::take(&mut r.link_chars);
        self.cur = cells.join("\t");
        self.cur_epoch = self.cur_epoch.wrapping_add(1);
        self.cur_chars = self.cur.chars().count() as u32;
        self.cur_link = links.min(self.cur_chars);
        if self.block.is_none() {
            self.block = Some(self.new_block(Some(BlockKind::TableRow)));
        }
        self.boundary();
    }

    fn push(&mut self, info: super::tags::TagInfo, p: &Pending, cats: u32) {
        let parent = self.top().clone();
        let block = info.display == Display::Block;
        let elem = if block {
            let id = self.walk.elems.len() as u32;
            self.walk.elems.push(Elem {
                parent: parent.elem,
                end: id,
                chars: 0,
                link_chars: 0,
                media: false,
                list_or_table: matches!(
                    info.tag,
                    Tag::Ul
                        | Tag::Ol
                        | Tag::Dl
                        | Tag::Li
                        | Tag::Dt
                        | Tag::Dd
                        | Tag::Td
                        | Tag::Th
                        | Tag::Table
                        | Tag::Thead
                        | Tag::Tbody
                        | Tag::Tfoot
                        | Tag::Tr
                ),
                cats,
            });
            id
        } else {
            parent.elem
        };
        let (kind, heading) = if block {
            kind_of(info.tag, parent.kind)
        } else {
            (parent.kind, parent.heading)
        };
        let label = self.record_paths.then(|| {
            let mut l = String::from_utf8_lossy(&p.name).into_owned();
            if let Some(id) = &p.id {
                l.push('#');
                l.push_str(id);
            } else if let Some(c) = &p.first_class {
                l.push('.');
                l.push_str(c);
            }
            l.into_boxed_str()
        });
        let path_key = {
            let mut h = Fnv::default();
            h.write_u64(parent.path_key);
            h.write(&p.name);
            // digits left out: numbered ids and classes ("block-4647400",
            // "post-486", "item-3") name containers of one shape
            let no_digits = |h: &mut Fnv, v: &str| {
                v.bytes()
                    .filter(|b| !b.is_ascii_digit())
                    .for_each(|b| h.write_u8(b));
            };
            if let Some(id) = &p.id {
                h.write(b"#");
                no_digits(&mut h, id);
            } else if let Some(c) = &p.first_class {
                h.write(b".");
                no_digits(&mut h, c);
            }
            h.finish()
        };
        // this element and the two block-level elements above it
        let (cats_near, cats_b0, cats_b1) = if block {
            (cats | parent.cats_b0 | parent.cats_b1, cats, parent.cats_b0)
        } else {
            (parent.cats_near, parent.cats_b0, parent.cats_b1)
        };
        let open = Open {
            tag: info.tag,
            name_hash: if matches!(info.tag, Tag::Other | Tag::OtherBlock) {
                name_hash(&p.name)
            } else {
                0
            },
            display: info.display,
            flags: parent.flags
                | info.flags
                | if info.tag == Tag::Blockquote && cats & cat::SHARE != 0 {
                    flag::EMBED
                } else {
                    0
                },
            cats_inline: if block { 0 } else { parent.cats_inline | cats },
            cats_any: parent.cats_any | cats,
            cats_near,
            cats_b0,
            cats_b1,
            article_body: parent.article_body || p.itemprop_body,
            elem,
            kind,
            heading,
            foreign: false,
            label,
            path_key,
        };
        // an inline element the markup calls the author (not an author's
        // profile box: "author-bio"), the outermost of nested ones
        if !block
            && (p.itemprop_author || p.rel_author || cats & cat::BYLINE != 0)
            && cats & cat::AUTHOR_BIO == 0
            && self.author_open.is_none()
        {
            self.author_open = Some(AuthorOpen {
                depth: self.stack.len(),
                lines: self.walk.lines.len(),
                epoch: self.cur_epoch,
                at: self.cur.len(),
            });
        }
        // a heading's kicker or subtitle by its first class
        if !block
            && (1..=3).contains(&parent.heading)
            && self.kicker_open.is_none()
            && self.walk.kickers.len() < MAX_KICKER_MARKS
            && p.first_class.as_deref().is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                KICKER_CLASSES.iter().any(|k| c.contains(k))
            })
        {
            self.kicker_open = Some(AuthorOpen {
                depth: self.stack.len(),
                lines: self.walk.lines.len(),
                epoch: self.cur_epoch,
                at: self.cur.len(),
            });
        }
        if info.tag == Tag::Pre {
            self.pre += 1;
        }
        self.count(&open, 1);
        self.stack.push(open);
    }

    /// Pushes an element whose content is hidden (or foreign).
    fn push_raw(&mut self, tag: Tag, hash: u64, display: Display, foreign: bool) {
        let parent = self.top().clone();
        let open = Open {
            tag,
            name_hash: if matches!(tag, Tag::Other | Tag::OtherBlock) {
                hash
            } else {
                0
            },
            display,
            foreign: foreign || parent.foreign,
            label: None,
            ..parent
        };
        if display == Display::Hidden {
            self.hidden += 1;
        }
        self.count(&open, 1);
        self.stack.push(open);
    }

    fn count(&mut self, o: &Open, delta: i32) {
        if matches!(o.tag, Tag::Other | Tag::OtherBlock) {
            let e = self.other_counts.entry(o.name_hash).or_insert(0);
            *e = e.saturating_add_signed(delta);
        } else {
            let e = &mut self.counts[o.tag.slot()];
            *e = e.saturating_add_signed(delta);
        }
    }

    fn pop(&mut self) {
        if self.stack.len() <= 1 {
            return;
        }
        let Some(o) = self.stack.pop() else { return };
        self.count(&o, -1);
        if let Some(a) = self.author_open.filter(|a| a.depth >= self.stack.len()) {
            self.author_open = None;
            self.mark_author(&o, a);
        }
        if let Some(k) = self.kicker_open.filter(|k| k.depth >= self.stack.len()) {
            self.kicker_open = None;
            if let Some(t) = self.text_since(k) {
                self.walk.kickers.push((k.lines, t.to_string()));
            }
        }
        match o.display {
            Display::Hidden => {
                self.hidden = self.hidden.saturating_sub(1);
                if self.hidden == 0
                    || matches!(self.capture, Capture::Title(_) | Capture::JsonLd(_))
                {
                    match std::mem::replace(&mut self.capture, Capture::None) {
                        Capture::Title(t) => self.meta.title(&t),
                        Capture::JsonLd(t) => self.meta.jsonld(&t),
                        Capture::None => {}
                    }
                }
            }
            Display::Block => {
                match o.tag {
                    Tag::Td | Tag::Th if self.in_simple_row() => self.take_cell(),
                    Tag::Tr => {
                        if self
                            .rows
                            .last()
                            .is_some_and(|r| r.depth == self.stack.len())
                        {
                            self.take_cell_if_simple();
                            self.emit_row();
                            self.boundary();
                            self.rows.pop();
                        } else {
                            self.boundary();
                        }
                    }
                    Tag::Table => {
                        // rows left open in this table
                        while self.rows.last().is_some_and(|r| r.depth > self.stack.len()) {
                            self.take_cell_if_simple();
                            self.emit_row();
                            self.rows.pop();
                        }
                        self.boundary();
                    }
                    _ => {
                        if !self.in_simple_row() {
                            self.boundary();
                        }
                    }
                }
                if o.tag == Tag::Pre {
                    self.pre = self.pre.saturating_sub(1);
                }
                let last = self.walk.elems.len() as u32 - 1;
                if let Some(e) = self.walk.elems.get_mut(o.elem as usize) {
                    e.end = last;
                }
            }
            _ => {}
        }
    }

    fn take_cell_if_simple(&mut self) {
        if self.in_simple_row() {
            self.take_cell();
        }
    }

    /// Appends text (already whitespace-processed) to the current line.
    fn push_text_raw(&mut self, s: &str) {
        if self.block.is_none() {
            if self.in_simple_row() {
                // cell text waits in `cur` for the row
            } else {
                self.block = Some(self.new_block(None));
            }
        }
        let top = self.stack.last().expect("root");
        let chars = if s.is_ascii() {
            s.len() as u32
        } else {
            s.chars().count() as u32
        };
        if top.flags & flag::LINK != 0 {
            self.cur_link += chars;
        }
        self.cur_chars += chars;
        if let Some(b) = self.block {
            let (cats, flags) = (top.cats_inline, top.flags);
            let blk = &mut self.walk.blocks[b as usize];
            blk.cats_near |= cats;
            blk.flags |= flags;
        }
        self.cur.push_str(s);
    }

    fn new_block(&mut self, kind: Option<BlockKind>) -> u32 {
        let top = self.stack.last().expect("root");
        let path = self.record_paths.then(|| {
            let labels: Vec<&str> = self
                .stack
                .iter()
                .rev()
                .take(6)
                .filter_map(|o| o.label.as_deref())
                .collect();
            labels.into_iter().rev().collect::<Vec<_>>().join(">")
        });
        let b = Block {
            kind: kind.unwrap_or(top.kind),
            heading: top.heading,
            flags: top.flags,
            cats_near: top.cats_near | top.cats_inline,
            cats_any: top.cats_any,
            article_body: top.article_body,
            host: top.elem,
            chars: 0,
            link_chars: 0,
            depth: self.stack.len() as u32,
            path,
            path_key: top.path_key,
        };
        self.walk.blocks.push(b);
        (self.walk.blocks.len() - 1) as u32
    }

    /// Ends the current line; the next text continues the same block.
    fn line_break(&mut self) {
        if self.in_simple_row() {
            // a line break inside a cell: the row so far is one line, the
            // rest flows as lines (a table-layout page's story in one cell)
            self.take_cell();
            self.emit_row();
            return;
        }
        self.write_line();
    }

    /// Ends the current line and block.
    fn boundary(&mut self) {
        if self.in_simple_row() {
            return;
        }
        self.write_line();
        self.block = None;
        self.space = false;
    }

    fn write_line(&mut self) {
        self.space = false;
        let trimmed = self.cur.trim();
        if trimmed.is_empty() {
            self.cur.clear();
            self.cur_epoch = self.cur_epoch.wrapping_add(1);
            self.cur_link = 0;
            self.cur_chars = 0;
            return;
        }
        let Some(b) = self.block else {
            self.cur.clear();
            self.cur_epoch = self.cur_epoch.wrapping_add(1);
            return;
        };
        let blk = &mut self.walk.blocks[b as usize];
        blk.chars += self.cur_chars;
        blk.link_chars += self.cur_link.min(self.cur_chars);
        let list = blk.kind == BlockKind::ListItem;
        let row = blk.kind == BlockKind::TableRow;
        let host = blk.host;
        if let Some(e) = self.walk.elems.get_mut(host as usize) {
            e.chars += self.cur_chars;
            e.link_chars += self.cur_link.min(self.cur_chars);
        }
        let text = &mut self.walk.text;
        let mut line_no = 0;
        if !text.is_empty() {
            let same_block = self.last_line_block == Some(b);
            let prev_kind = self
                .last_line_block
                .map(|p| self.walk.blocks[p as usize].kind);
            let tight = same_block
                || (list && prev_kind == Some(BlockKind::ListItem))
                || (row && prev_kind == Some(BlockKind::TableRow));
            text.push_str(if tight { "\n" } else { "\n\n" });
            line_no = self.walk.lines.last().map_or(0, |l| l.line_no) + if tight { 1 } else { 2 };
        }
        let first_of_item = list && self.last_line_block != Some(b);
        if first_of_item {
            text.push_str("  • ");
        }
        let start = text.len() - if first_of_item { "  • ".len() } else { 0 };
        push_nfc(text, trimmed);
        let end = text.len();
        self.walk.lines.push(LineSpan {
            start,
            end,
            block: b,
            line_no,
        });
        self.last_line_block = Some(b);
        self.cur.clear();
        self.cur_epoch = self.cur_epoch.wrapping_add(1);
        self.cur_link = 0;
        self.cur_chars = 0;
    }
}

/// Appends `line` to `text` in Unicode's composed form (NFC): some pages are
/// written decomposed ("ä" as "a" and a combining diaeresis, Bengali vowel
/// signs in two parts), which looks the same but matches no composed search
/// string, phrase or stopword. ASCII lines, and the lines a quick check finds
/// composed already (nearly all), are copied as they are.
fn push_nfc(text: &mut String, line: &str) {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if line.is_ascii() || is_nfc_quick(line.chars()) == IsNormalized::Yes {
        text.push_str(line);
    } else {
        text.extend(line.nfc());
    }
}

/// Kind and heading level of text directly inside a block element `tag`
/// whose parent's kind is `parent` (a `<div>` inside an `<li>` is still part
/// of the list item).
fn kind_of(tag: Tag, parent: BlockKind) -> (BlockKind, u8) {
    match tag {
        Tag::P => (BlockKind::Paragraph, 0),
        Tag::H(n) => (BlockKind::Heading, n),
        Tag::Li | Tag::Dt | Tag::Dd => (BlockKind::ListItem, 0),
        Tag::Td | Tag::Th => (BlockKind::TableCell, 0),
        Tag::Pre => (BlockKind::Pre, 0),
        Tag::Blockquote => (BlockKind::Quote, 0),
        Tag::Figcaption | Tag::Caption => (BlockKind::Caption, 0),
        Tag::Ul
        | Tag::Ol
        | Tag::Dl
        | Tag::Table
        | Tag::Tr
        | Tag::Tbody
        | Tag::Thead
        | Tag::Tfoot => (BlockKind::Other, 0),
        _ => match parent {
            BlockKind::ListItem | BlockKind::Quote | BlockKind::Caption => (parent, 0),
            _ => (BlockKind::Other, 0),
        },
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// What an inline style does to the element's display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum StyleDisplay {
    /// `display:none` or `visibility:hidden`.
    Hidden,
    /// `display:block` (also `flex`, `grid`, `list-item`, `table`).
    Block,
    /// Anything else (or a style too long to read).
    Other,
}

fn style_display(style: &[u8]) -> StyleDisplay {
    if style.len() > 1024 {
        return StyleDisplay::Other;
    }
    let compact: Vec<u8> = style
        .iter()
        .filter(|b| !b.is_ascii_whitespace())
        .map(|b| b.to_ascii_lowercase())
        .collect();
    let has = |s: &[u8]| memchr::memmem::find(&compact, s).is_some();
    if has(b"display:none") || has(b"visibility:hidden") {
        return StyleDisplay::Hidden;
    }
    // the last display declaration wins; "display:inline-block" is inline
    let Some(at) = memchr::memmem::rfind(&compact, b"display:") else {
        return StyleDisplay::Other;
    };
    let value = &compact[at + b"display:".len()..];
    let value = &value[..value
        .iter()
        .position(|&b| b == b';' || b == b'!')
        .unwrap_or(value.len())];
    match value {
        b"block" | b"flex" | b"grid" | b"list-item" | b"table" => StyleDisplay::Block,
        _ => StyleDisplay::Other,
    }
}

fn first_word(v: &[u8]) -> Option<String> {
    let w = v
        .split(|b| b.is_ascii_whitespace())
        .find(|w| !w.is_empty())?;
    Some(String::from_utf8_lossy(&w[..w.len().min(40)]).into_owned())
}

/// HTML start tags that end foreign content (the HTML standard's list).
fn breaks_foreign(name: &[u8]) -> bool {
    matches!(
        name,
        b"b" | b"big"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"center"
            | b"code"
            | b"dd"
            | b"div"
            | b"dl"
            | b"dt"
            | b"em"
            | b"embed"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"hr"
            | b"i"
            | b"img"
            | b"li"
            | b"listing"
            | b"menu"
            | b"meta"
            | b"nobr"
            | b"ol"
            | b"p"
            | b"pre"
            | b"ruby"
            | b"s"
            | b"small"
            | b"span"
            | b"strong"
            | b"strike"
            | b"sub"
            | b"sup"
            | b"table"
            | b"tt"
            | b"u"
            | b"ul"
            | b"var"
    )
}
