//! What the walker needs to know about each HTML element name, and the
//! class/id words that say what a part of a page is.

/// How an element takes part in the page's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Display {
    /// Starts and ends a block: text before and after it goes on other lines.
    Block,
    /// Text flows through it.
    Inline,
    /// Has no content and no end tag (`<img>`, `<meta>` ...).
    Void,
    /// A line break.
    Br,
    /// Its content is never shown (`<script>`, `<style>`, `<svg>` ...).
    Hidden,
}

/// The kind of block a line of text comes from (a model feature, and how the
/// line is written into the page text).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum BlockKind {
    /// `<p>`.
    Paragraph = 0,
    /// `<h1>` to `<h6>`.
    Heading,
    /// `<li>`, `<dt>`, `<dd>`.
    ListItem,
    /// A table row whose cells hold only inline content (one line per row).
    TableRow,
    /// A table cell holding blocks, or text directly in a cell of such a row.
    TableCell,
    /// `<pre>`: lines kept as they are.
    Pre,
    /// `<blockquote>`.
    Quote,
    /// `<figcaption>`, `<caption>`.
    Caption,
    /// Any other block (`<div>`, `<section>`, `<td>`, text directly in `<body>`).
    Other,
}

impl BlockKind {
    /// A short name (`"p"`, `"h"`, `"li"`, `"tr"`, `"td"`, `"pre"`,
    /// `"blockquote"`, `"caption"`, `"div"`).
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "p",
            BlockKind::Heading => "h",
            BlockKind::ListItem => "li",
            BlockKind::TableRow => "tr",
            BlockKind::TableCell => "td",
            BlockKind::Pre => "pre",
            BlockKind::Quote => "blockquote",
            BlockKind::Caption => "caption",
            BlockKind::Other => "div",
        }
    }
}

/// Ancestor flags: which kinds of element a line of text is inside.
pub(crate) mod flag {
    pub const ARTICLE: u32 = 1 << 0;
    pub const MAIN: u32 = 1 << 1;
    pub const NAV: u32 = 1 << 2;
    pub const HEADER: u32 = 1 << 3;
    pub const FOOTER: u32 = 1 << 4;
    pub const ASIDE: u32 = 1 << 5;
    pub const FORM: u32 = 1 << 6;
    pub const FIGURE: u32 = 1 << 7;
    pub const LIST: u32 = 1 << 8;
    pub const TABLE: u32 = 1 << 9;
    pub const QUOTE: u32 = 1 << 10;
    pub const LINK: u32 = 1 << 11;
    pub const CONTROL: u32 = 1 << 12;
    pub const TIME: u32 = 1 << 13;
    pub const SECTION: u32 = 1 << 14;
    pub const ADDRESS: u32 = 1 << 15;
    pub const STRONG: u32 = 1 << 16;
    pub const MENU: u32 = 1 << 17;
    pub const DETAILS: u32 = 1 << 18;
    /// Inside a post embedded in the page: a `<blockquote>` whose class names
    /// a social network ("twitter-tweet", "instagram-media": the embed code's
    /// own class), set by the walker rather than by the element's name.
    pub const EMBED: u32 = 1 << 19;
}

/// Facts about one element name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TagInfo {
    pub tag: Tag,
    pub display: Display,
    /// Flags this element gives everything inside it.
    pub flags: u32,
}

/// The element names the walker treats specially (others are [`Tag::Other`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Head,
    Body,
    Title,
    Meta,
    Link,
    Script,
    Style,
    A,
    P,
    Div,
    H(u8),
    Li,
    Dt,
    Dd,
    Ul,
    Ol,
    Dl,
    Table,
    Tr,
    Td,
    Th,
    Thead,
    Tbody,
    Tfoot,
    Caption,
    Pre,
    Blockquote,
    Figure,
    Figcaption,
    Time,
    Br,
    Option,
    Select,
    Button,
    Template,
    Noscript,
    Textarea,
    Plaintext,
    /// Block-level elements without special rules.
    OtherBlock,
    /// Inline elements (and unknown names).
    Other,
}

impl Tag {
    /// Index for per-tag counters (`H(n)` share one slot per level).
    pub(crate) fn slot(self) -> usize {
        match self {
            Tag::H(n) => 40 + n as usize,
            Tag::Html => 0,
            Tag::Head => 1,
            Tag::Body => 2,
            Tag::Title => 3,
            Tag::Meta => 4,
            Tag::Link => 5,
            Tag::Script => 6,
            Tag::Style => 7,
            Tag::A => 8,
            Tag::P => 9,
            Tag::Div => 10,
            Tag::Li => 11,
            Tag::Dt => 12,
            Tag::Dd => 13,
            Tag::Ul => 14,
            Tag::Ol => 15,
            Tag::Dl => 16,
            Tag::Table => 17,
            Tag::Tr => 18,
            Tag::Td => 19,
            Tag::Th => 20,
            Tag::Thead => 21,
            Tag::Tbody => 22,
            Tag::Tfoot => 23,
            Tag::Caption => 24,
            Tag::Pre => 25,
            Tag::Blockquote => 26,
            Tag::Figure => 27,
            Tag::Figcaption => 28,
            Tag::Time => 29,
            Tag::Br => 30,
            Tag::Option => 31,
            Tag::Select => 32,
            Tag::Button => 33,
            Tag::Template => 34,
            Tag::Noscript => 35,
            Tag::Textarea => 36,
            Tag::Plaintext => 37,
            Tag::OtherBlock => 38,
            Tag::Other => 39,
        }
    }
}

/// Number of slots [`Tag::slot`] can return.
pub(crate) const TAG_SLOTS: usize = 48;

const fn info(tag: Tag, display: Display, flags: u32) -> TagInfo {
    TagInfo {
        tag,
        display,
        flags,
    }
}

/// Facts about the element `name` (lowercase ASCII, as the tokenizer gives it).
pub(crate) fn classify(name: &[u8]) -> TagInfo {
    use Display::*;
    use Tag as T;
    match name {
        b"a" => info(T::A, Inline, flag::LINK),
        b"p" => info(T::P, Block, 0),
        b"div" => info(T::Div, Block, 0),
        b"span" | b"b" | b"i" | b"em" | b"u" | b"s" | b"small" | b"font" | b"sup" | b"sub"
        | b"abbr" | b"cite" | b"code" | b"q" | b"mark" | b"del" | b"ins" | b"kbd" | b"var"
        | b"samp" | b"bdi" | b"bdo" | b"dfn" | b"big" | b"tt" | b"strike" | b"nobr" | b"data"
        | b"label" | b"output" | b"picture" | b"ruby" | b"rb" | b"rtc" => info(T::Other, Inline, 0),
        // ruby annotations (the readings printed above East Asian text, and the
        // parentheses around them for browsers without ruby) are not the text
        b"rt" | b"rp" => info(T::Other, Hidden, 0),
        b"strong" => info(T::Other, Inline, flag::STRONG),
        b"h1" => info(T::H(1), Block, 0),
        b"h2" => info(T::H(2), Block, 0),
        b"h3" => info(T::H(3), Block, 0),
        b"h4" => info(T::H(4), Block, 0),
        b"h5" => info(T::H(5), Block, 0),
        b"h6" => info(T::H(6), Block, 0),
        b"li" => info(T::Li, Block, flag::LIST),
        b"dt" => info(T::Dt, Block, flag::LIST),
        b"dd" => info(T::Dd, Block, flag::LIST),
        b"ul" => info(T::Ul, Block, flag::LIST),
        b"ol" => info(T::Ol, Block, flag::LIST),
        b"dl" => info(T::Dl, Block, flag::LIST),
        b"menu" => info(T::Ul, Block, flag::LIST | flag::MENU),
        b"table" => info(T::Table, Block, flag::TABLE),
        b"tr" => info(T::Tr, Block, flag::TABLE),
        b"td" => info(T::Td, Block, flag::TABLE),
        b"th" => info(T::Th, Block, flag::TABLE),
        b"thead" => info(T::Thead, Block, flag::TABLE),
        b"tbody" => info(T::Tbody, Block, flag::TABLE),
        b"tfoot" => info(T::Tfoot, Block, flag::TABLE),
        b"caption" => info(T::Caption, Block, flag::TABLE),
        b"pre" | b"listing" | b"xmp" => info(T::Pre, Block, 0),
        b"blockquote" => info(T::Blockquote, Block, flag::QUOTE),
        b"figure" => info(T::Figure, Block, flag::FIGURE),
        b"figcaption" => info(T::Figcaption, Block, flag::FIGURE),
        b"article" => info(T::OtherBlock, Block, flag::ARTICLE),
        b"main" => info(T::OtherBlock, Block, flag::MAIN),
        b"nav" => info(T::OtherBlock, Block, flag::NAV),
        b"header" => info(T::OtherBlock, Block, flag::HEADER),
        b"footer" => info(T::OtherBlock, Block, flag::FOOTER),
        b"aside" => info(T::OtherBlock, Block, flag::ASIDE),
        b"form" | b"fieldset" => info(T::OtherBlock, Block, flag::FORM),
        b"section" => info(T::OtherBlock, Block, flag::SECTION),
        b"address" => info(T::OtherBlock, Block, flag::ADDRESS),
        b"details" | b"summary" | b"dialog" => info(T::OtherBlock, Block, flag::DETAILS),
        b"body" => info(T::Body, Block, 0),
        b"html" => info(T::Html, Block, 0),
        b"hgroup" | b"center" | b"dir" | b"legend" | b"frameset" | b"frame" | b"search" => {
            info(T::OtherBlock, Block, 0)
        }
        b"hr" => info(T::OtherBlock, Void, 0),
        b"br" => info(T::Br, Br, 0),
        b"time" => info(T::Time, Inline, flag::TIME),
        b"button" => info(T::Button, Inline, flag::CONTROL),
        b"select" | b"datalist" => info(T::Select, Hidden, flag::CONTROL),
        b"option" | b"optgroup" => info(T::Option, Hidden, flag::CONTROL),
        b"textarea" => info(T::Textarea, Hidden, flag::CONTROL),
        b"img" | b"input" | b"area" | b"base" | b"col" | b"embed" | b"param" | b"source"
        | b"track" | b"wbr" | b"keygen" | b"image" | b"basefont" | b"bgsound" => {
            info(T::Other, Void, 0)
        }
        b"meta" => info(T::Meta, Void, 0),
        b"link" => info(T::Link, Void, 0),
        b"title" => info(T::Title, Hidden, 0),
        b"head" => info(T::Head, Hidden, 0),
        b"script" => info(T::Script, Hidden, 0),
        b"style" => info(T::Style, Hidden, 0),
        b"template" => info(T::Template, Hidden, 0),
        // read as a browser without scripts reads it: some pages keep their
        // whole article there (Blogger's post bodies); parse.rs gives its
        // content to the walker as markup
        b"noscript" => info(T::Noscript, Inline, 0),
        b"plaintext" => info(T::Plaintext, Block, 0),
        b"svg" | b"math" | b"iframe" | b"object" | b"canvas" | b"audio" | b"video" | b"map"
        | b"noembed" | b"noframes" | b"applet" => info(T::Other, Hidden, 0),
        _ => info(T::Other, Inline, 0),
    }
}

/// Class/id word categories: what a part of the page is, by its name.
pub(crate) mod cat {
    pub const CONTENT: u32 = 1 << 0;
    pub const COMMENT: u32 = 1 << 1;
    pub const RELATED: u32 = 1 << 2;
    pub const SHARE: u32 = 1 << 3;
    pub const AD: u32 = 1 << 4;
    pub const NAV: u32 = 1 << 5;
    pub const SIDEBAR: u32 = 1 << 6;
    pub const BYLINE: u32 = 1 << 7;
    pub const DATE: u32 = 1 << 8;
    pub const CAPTION: u32 = 1 << 9;
    pub const FOOTER: u32 = 1 << 10;
    pub const SUBSCRIBE: u32 = 1 << 11;
    pub const TAGS: u32 = 1 << 12;
    pub const HIDDEN: u32 = 1 << 13;
    pub const HEADLINE: u32 = 1 << 14;
    pub const SUMMARY: u32 = 1 << 15;
    pub const HEADER: u32 = 1 << 16;
    pub const BODY: u32 = 1 << 17;
    /// "caption" or "credit" anywhere in the value ("imgcaption",
    /// "cnnStoryPhotoCaptionBox", "photo-credit"): narrower than [`CAPTION`],
    /// which also covers media containers.
    pub const CAPTION_TEXT: u32 = 1 << 18;
    /// An author's biography box: "author" with "bio", "description",
    /// "profile" or "about" in one value ("author-bio", "authorDescription"),
    /// or a "bio"/"biography" word.
    pub const AUTHOR_BIO: u32 = 1 << 19;
    /// A box shown over or beside the page, not part of it: a cookie or
    /// consent banner, a modal, a popup, a newsletter sign-up. Not when the
    /// same value also names content ("box article modal-enabled",
    /// "modal__content": a page's own container that can open a modal, or a
    /// story shown in one). Its words are [`SUBSCRIBE`] words too (the
    /// model's features read [`SUBSCRIBE`]).
    pub const OVERLAY: u32 = 1 << 20;
}

/// Class/id words and the category each names. Our own list of the words web
/// developers use for these parts of a page (English, plus a few German,
/// Dutch, French, Spanish, Portuguese, Italian and Polish ones: content,
/// body and lead); a plural "s" is stripped before the lookup.
const CLASS_WORDS: &[(&str, u32)] = &[
    ("article", cat::CONTENT),
    ("content", cat::CONTENT),
    ("entry", cat::CONTENT),
    ("post", cat::CONTENT),
    ("story", cat::CONTENT),
    ("text", cat::CONTENT),
    ("main", cat::CONTENT),
    ("hentry", cat::CONTENT),
    ("artikel", cat::CONTENT),
    ("inhalt", cat::CONTENT),
    ("beitrag", cat::CONTENT),
    ("inhoud", cat::CONTENT),
    ("contenu", cat::CONTENT),
    ("texte", cat::CONTENT),
    ("contenido", cat::CONTENT),
    ("noticia", cat::CONTENT),
    ("texto", cat::CONTENT),
    ("conteudo", cat::CONTENT),
    ("materia", cat::CONTENT),
    ("contenuto", cat::CONTENT),
    ("articolo", cat::CONTENT),
    ("testo", cat::CONTENT),
    ("tresc", cat::CONTENT),
    ("artykul", cat::CONTENT),
    ("body", cat::BODY),
    ("articlebody", cat::BODY),
    ("storybody", cat::BODY),
    ("postbody", cat::BODY),
    ("paragraph", cat::BODY),
    ("prose", cat::BODY),
    ("richtext", cat::BODY),
    ("corps", cat::BODY),
    ("cuerpo", cat::BODY),
    ("corpo", cat::BODY),
    ("comment", cat::COMMENT),
    ("disqus", cat::COMMENT),
    ("reply", cat::COMMENT),
    ("respond", cat::COMMENT),
    ("discussion", cat::COMMENT),
    ("talkback", cat::COMMENT),
    ("kommentar", cat::COMMENT),
    ("commentaire", cat::COMMENT),
    ("comentario", cat::COMMENT),
    ("related", cat::RELATED),
    ("recommend", cat::RELATED),
    ("recommended", cat::RELATED),
    ("recommendation", cat::RELATED),
    ("more", cat::RELATED),
    ("also", cat::RELATED),
    ("popular", cat::RELATED),
    ("trending", cat::RELATED),
    ("teaser", cat::RELATED),
    ("outbrain", cat::RELATED),
    ("taboola", cat::RELATED),
    ("readmore", cat::RELATED),
    ("mostread", cat::RELATED),
    ("headline", cat::HEADLINE),
    ("title", cat::HEADLINE),
    ("heading", cat::HEADLINE),
    ("hed", cat::HEADLINE),
    ("share", cat::SHARE),
    ("sharing", cat::SHARE),
    ("social", cat::SHARE),
    ("facebook", cat::SHARE),
    ("twitter", cat::SHARE),
    ("whatsapp", cat::SHARE),
    ("email", cat::SHARE),
    ("print", cat::SHARE),
    ("tool", cat::SHARE),
    ("toolbar", cat::SHARE),
    ("ad", cat::AD),
    ("ads", cat::AD),
    ("advert", cat::AD),
    ("advertisement", cat::AD),
    ("adslot", cat::AD),
    ("promo", cat::AD),
    ("sponsor", cat::AD),
    ("sponsored", cat::AD),
    ("banner", cat::AD),
    ("commercial", cat::AD),
    ("anzeige", cat::AD),
    ("werbung", cat::AD),
    ("nav", cat::NAV),
    ("navbar", cat::NAV),
    ("navigation", cat::NAV),
    ("menu", cat::NAV),
    ("breadcrumb", cat::NAV),
    ("pagination", cat::NAV),
    ("pager", cat::NAV),
    ("skip", cat::NAV),
    ("topbar", cat::NAV),
    ("masthead", cat::HEADER),
    ("header", cat::HEADER),
    ("sidebar", cat::SIDEBAR),
    ("widget", cat::SIDEBAR),
    ("rail", cat::SIDEBAR),
    ("aside", cat::SIDEBAR),
    ("column", cat::SIDEBAR),
    ("byline", cat::BYLINE),
    ("author", cat::BYLINE),
    ("writer", cat::BYLINE),
    ("reporter", cat::BYLINE),
    ("contributor", cat::BYLINE),
    ("autor", cat::BYLINE),
    ("auteur", cat::BYLINE),
    ("date", cat::DATE),
    ("time", cat::DATE),
    ("timestamp", cat::DATE),
    ("published", cat::DATE),
    ("dateline", cat::DATE),
    ("datum", cat::DATE),
    ("updated", cat::DATE),
    ("bio", cat::AUTHOR_BIO),
    ("biography", cat::AUTHOR_BIO),
    ("caption", cat::CAPTION),
    ("cap", cat::CAPTION),
    ("legend", cat::CAPTION),
    ("credit", cat::CAPTION),
    ("photo", cat::CAPTION),
    ("image", cat::CAPTION),
    ("img", cat::CAPTION),
    ("figure", cat::CAPTION),
    ("gallery", cat::CAPTION),
    ("media", cat::CAPTION),
    ("video", cat::CAPTION),
    ("slideshow", cat::CAPTION),
    ("footer", cat::FOOTER),
    ("foot", cat::FOOTER),
    ("copyright", cat::FOOTER),
    ("legal", cat::FOOTER),
    ("disclaimer", cat::FOOTER),
    ("impressum", cat::FOOTER),
    ("subscribe", cat::SUBSCRIBE),
    ("subscription", cat::SUBSCRIBE),
    ("newsletter", cat::SUBSCRIBE | cat::OVERLAY),
    ("paywall", cat::SUBSCRIBE),
    ("signup", cat::SUBSCRIBE),
    ("register", cat::SUBSCRIBE),
    ("login", cat::SUBSCRIBE),
    ("premium", cat::SUBSCRIBE),
    ("cookie", cat::SUBSCRIBE | cat::OVERLAY),
    ("consent", cat::SUBSCRIBE | cat::OVERLAY),
    ("gdpr", cat::SUBSCRIBE | cat::OVERLAY),
    ("modal", cat::SUBSCRIBE | cat::OVERLAY),
    ("popup", cat::SUBSCRIBE | cat::OVERLAY),
    ("overlay", cat::SUBSCRIBE),
    ("tag", cat::TAGS),
    ("keyword", cat::TAGS),
    ("topic", cat::TAGS),
    ("categorie", cat::TAGS),
    ("category", cat::TAGS),
    ("hidden", cat::HIDDEN),
    ("hide", cat::HIDDEN),
    ("sronly", cat::HIDDEN),
    ("offscreen", cat::HIDDEN),
    ("invisible", cat::HIDDEN),
    ("summary", cat::SUMMARY),
    ("lead", cat::SUMMARY),
    ("intro", cat::SUMMARY),
    ("dek", cat::SUMMARY),
    ("standfirst", cat::SUMMARY),
    ("subtitle", cat::SUMMARY),
    ("excerpt", cat::SUMMARY),
    ("einleitung", cat::SUMMARY),
    ("vorspann", cat::SUMMARY),
    ("chapo", cat::SUMMARY),
    ("chapeau", cat::SUMMARY),
    ("sumario", cat::SUMMARY),
    ("bajada", cat::SUMMARY),
    ("entradilla", cat::SUMMARY),
    ("sommario", cat::SUMMARY),
    ("occhiello", cat::SUMMARY),
    ("zajawka", cat::SUMMARY),
];

use crate::hash::{fnv1a, FnvBuild};

/// [`CLASS_WORDS`] as a hash table (built once).
fn class_word_table() -> &'static std::collections::HashMap<&'static [u8], u32, FnvBuild> {
    static TABLE: std::sync::OnceLock<std::collections::HashMap<&'static [u8], u32, FnvBuild>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = std::collections::HashMap::with_hasher(FnvBuild::default());
        for &(w, c) in CLASS_WORDS {
            t.entry(w.as_bytes()).or_insert(c);
        }
        t
    })
}

/// [`class_categories`] with a memory: pages repeat the same class values
/// (`"menu-item"`, `"css-1yve47b"`) hundreds of times. Keyed by a 64-bit hash
/// of the value and its length; holds at most [`ClassCache::CAP`] values.
#[derive(Debug, Default)]
pub(crate) struct ClassCache {
    seen: std::collections::HashMap<(u64, usize), u32>,
}

impl ClassCache {
    /// Most values remembered per page.
    const CAP: usize = 4096;

    /// The categories of `value` (see [`class_categories`]).
    pub(crate) fn categories(&mut self, value: &[u8]) -> u32 {
        let key = (fnv1a(value), value.len());
        if let Some(&c) = self.seen.get(&key) {
            return c;
        }
        let c = class_categories(value);
        if self.seen.len() < Self::CAP {
            self.seen.insert(key, c);
        }
        c
    }
}

/// The categories named by a class or id attribute value: the value is split
/// into words at non-alphanumeric characters and lowercase-to-uppercase
/// changes ("relatedLinks" is "related" "links"); each word, and each pair of
/// neighbouring words written together ("sr-only" is also "sronly"), is looked
/// up with a plural "s" stripped. Only the first 256 bytes are read.
pub(crate) fn class_categories(value: &[u8]) -> u32 {
    let v = &value[..value.len().min(256)];
    let mut cats = 0;
    if contains_ci(v, b"caption") || contains_ci(v, b"credit") {
        cats |= cat::CAPTION_TEXT;
    }
    if contains_ci(v, b"author")
        && [&b"bio"[..], b"description", b"profile", b"about"]
            .iter()
            .any(|w| contains_ci(v, w))
    {
        cats |= cat::AUTHOR_BIO;
    }
    let mut words: [(usize, usize); 2] = [(0, 0); 2];
    let mut i = 0;
    while i < v.len() {
        if !v[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < v.len()
            && v[i].is_ascii_alphanumeric()
            && !(v[i].is_ascii_uppercase() && v[i - 1].is_ascii_lowercase())
        {
            i += 1;
        }
        let prev = words[1];
        words = [prev, (start, i)];
        cats |= lookup(&v[start..i]);
        if prev.1 > prev.0 && prev.1 + 1 >= start {
            // the previous word and this one written together
            let mut joined = [0u8; 40];
            let (a, b) = (&v[prev.0..prev.1], &v[start..i]);
            if a.len() + b.len() <= joined.len() {
                joined[..a.len()].copy_from_slice(a);
                joined[a.len()..a.len() + b.len()].copy_from_slice(b);
                cats |= lookup(&joined[..a.len() + b.len()]);
            }
        }
    }
    if cats & (cat::CONTENT | cat::BODY) != 0 {
        cats &= !cat::OVERLAY;
    }
    cats
}

/// `needle` (lowercase ASCII) occurs in `hay`, ASCII case ignored.
fn contains_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn lookup(word: &[u8]) -> u32 {
    if word.len() < 2 || word.len() > 24 {
        return 0;
    }
    let mut buf = [0u8; 24];
    for (d, s) in buf.iter_mut().zip(word) {
        *d = s.to_ascii_lowercase();
    }
    let w = &buf[..word.len()];
    let find = |w: &[u8]| class_word_table().get(w).copied().unwrap_or(0);
    let c = find(w);
    if c != 0 {
        return c;
    }
    match w.strip_suffix(b"s") {
        Some(s) if s.len() >= 3 => find(s),
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words() {
        assert_eq!(class_categories(b"article-body"), cat::CONTENT | cat::BODY);
        assert_eq!(class_categories(b"relatedLinks"), cat::RELATED);
        assert_eq!(class_categories(b"comments-section"), cat::COMMENT);
        assert_eq!(class_categories(b"sr-only"), cat::HIDDEN);
        assert_eq!(class_categories(b"social-share"), cat::SHARE);
        assert_eq!(class_categories(b"x"), 0);
        // content and lead words of other languages
        assert_eq!(
            class_categories(b"article-chapo"),
            cat::CONTENT | cat::SUMMARY
        );
        assert_eq!(
            class_categories(b"cuerpo-noticia"),
            cat::BODY | cat::CONTENT
        );
        assert_eq!(class_categories(b"news-einleitung"), cat::SUMMARY);
        assert_eq!(class_categories(b"headlines"), cat::HEADLINE);
        assert_eq!(class_categories(b"byline__author"), cat::BYLINE);
        assert_eq!(
            class_categories(b"eu-cookie-law"),
            cat::SUBSCRIBE | cat::OVERLAY
        );
        assert_eq!(
            class_categories(b"modal disclosures-modal"),
            cat::SUBSCRIBE | cat::OVERLAY
        );
        // a page's own container that can open one, or a story shown in one
        assert_eq!(
            class_categories(b"box article modal-enabled"),
            cat::SUBSCRIBE | cat::CONTENT
        );
        assert_eq!(
            class_categories(b"modal__content"),
            cat::SUBSCRIBE | cat::CONTENT
        );
        assert_eq!(class_categories(&[b'a'; 100_000]), 0);
    }

    #[test]
    fn slots_fit() {
        for n in 1..=6 {
            assert!(Tag::H(n).slot() < TAG_SLOTS);
        }
        assert!(Tag::Other.slot() < 40);
    }
}
