//! HTML in, article out.
//!
//! ```
//! use newsprep::html::{extract, Extractor};
//!
//! let html = r#"<html lang="en"><head><title>Storm closes ports | Example News</title>
//!   <meta property="og:title" content="Storm closes three ports">
//!   <meta property="article:published_time" content="2024-03-05T08:00:00Z"></head>
//!   <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
//!   <article><h1>Storm closes three ports</h1>
//!   <p class="byline">By Jane Doe</p>
//!   <p>A powerful storm closed three ports on the northern coast on Tuesday, officials said,
//!   and ferries to the islands were cancelled until further notice.</p>
//!   <p>The harbour master said ships would not leave before Thursday at the earliest, and
//!   that crews were checking the breakwaters for damage.</p></article>
//!   <aside><h2>Related stories</h2><ul><li><a href="/a">Floods hit the south</a></li></ul></aside>
//!   </body></html>"#;
//! let text = extract(html);
//! assert!(text.starts_with("Storm closes three ports\n"));
//! assert!(text.contains("A powerful storm"));
//! assert!(!text.contains("Related") && !text.contains("Home"));
//!
//! let article = Extractor::new().article(html, None);
//! assert_eq!(article.title.as_deref(), Some("Storm closes three ports"));
//! assert_eq!(article.date.as_deref(), Some("2024-03-05T08:00:00Z"));
//! assert_eq!(article.language.as_deref(), Some("en"));
//! ```
//!
//! How a page is read:
//!
//! 1. Bytes are decoded ([`charset`]): BOM, the caller's charset, `<meta
//!    charset>`, else UTF-8, else a guess; bad bytes never raise.
//! 2. One pass of the html5gum tokenizer drives a walker (`dom`) that keeps
//!    the stack of open elements, applies the tree builder's implied end tags,
//!    skips what is never shown (scripts, styles, hidden elements ...), and
//!    writes the page text: one line per block of visible text (the shape
//!    [`crate::boilerplate::Cleaner`] reads, see [`Extractor::page_text`]).
//!    Each line remembers its block's kind, ancestors, class/id words and
//!    link share; the page's metadata (title, Open Graph and `article:*` meta
//!    tags, JSON-LD, canonical link, language) is collected on the way.
//! 3. Each line is scored by a logistic model over the cleaner's text
//!    features plus the DOM features (`features`), trained by
//!    `scripts/train_extractor.py` on the dev pages and validated on sites
//!    left out of training.
//!    Lines in a box shown over the page (a cookie or consent banner, a
//!    modal, a popup, a newsletter sign-up, so named by a class or id) score
//!    at most 0.05: never the story.
//! 4. The cleaner's own decision keeps the article: the best run of lines,
//!    terminators ("Related stories", comment sections), chrome phrases,
//!    counters, headline. Every line of the page text gets a reason
//!    ([`Extractor::explain`]). Then what the markup says better than the
//!    text: lines the HTML model is sure of around the run are kept, doubtful
//!    ones inside it removed; prose in containers of the same shape as
//!    several kept paragraphs (the same element path from the root) is kept
//!    too (a story split by a box of links, recipe steps, forum posts), and
//!    so is a lead just before the story marked up as one ("intro", "lead",
//!    "standfirst", "chapo" ...); when
//!    the model keeps under 100 characters, the text cleaner's own decision
//!    is used if it keeps more (a thread marked up as comments). Lines after
//!    a terminator that the model is sure of come back only while the story
//!    has not begun (a "Comments" link above it); kept lines in a
//!    `<footer>`, `<aside>` or `<nav>` the story is not in go, and so do the
//!    headlines of a box of other stories set in the story ("related",
//!    "trending", "promo" ...); captions,
//!    credits, author biographies and reader comments are named as such.
//! 5. The article's parts ([`Extractor::article`]): the headline is a line
//!    that is the headline part of a declared title ("Headline | Site"),
//!    else the visible line that best matches the page's declared titles
//!    (`og:title`, JSON-LD `headline`, `<title>`) and is marked up or shaped
//!    as a headline, else the one the cleaner marked (unless it is a row of
//!    short cells, such as a table's header row); byline,
//!    date, canonical URL, site name and language come from the markup, with
//!    byline and dateline lines of the text as fallbacks.
//!
//! Everything is linear in the input and recursion-free: 100,000 nested
//! `<div>`s, unclosed tags, NUL bytes and binary junk give a result, never a
//! panic or a stack overflow.

pub mod charset;
pub(crate) mod dom;
pub(crate) mod features;
pub mod gbdt;
pub mod meta;
mod model;
pub(crate) mod parse;
pub(crate) mod tags;

use serde::{Deserialize, Serialize};

pub use features::{DOM_FEATURE_NAMES, N_DOM};
pub use tags::BlockKind;

use crate::article::Article;
use crate::boilerplate::{Cleaner, CleanerConfig, LineDecision, LineScorer, N_FEATURES};
use crate::error::Result;
use dom::Walk;
use features::PageContext;

/// Extracts the article from `html` with the default [`Extractor`].
pub fn extract(html: &str) -> String {
    default_extractor().extract(html)
}

/// The shared default extractor used by [`extract`].
pub fn default_extractor() -> &'static Extractor {
    static DEFAULT: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Extractor::new)
}

/// Whether `text` is page text given where HTML is expected: its first 4 KB
/// hold two or more line breaks and no tag (`<` before a letter, `/`, `!` or
/// `?`). HTML ignores line breaks, so the extractor would run such text's
/// lines together into one; the bindings warn that the text cleaner is the
/// tool for it. One line of text, or text with any markup, is not.
///
/// ```
/// use newsprep::html::looks_like_page_text;
/// assert!(looks_like_page_text("Home\nStorm closes ports\nA storm closed three ports."));
/// assert!(!looks_like_page_text("<h1>Storm</h1>\n<p>A storm.</p>\n"));
/// assert!(!looks_like_page_text("A storm closed three ports."));
/// ```
pub fn looks_like_page_text(text: &str) -> bool {
    let head = crate::offsets::str_prefix(text, 4096).as_bytes();
    let tag = head.windows(2).any(|w| {
        w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!' | b'?'))
    });
    !tag && memchr::memchr_iter(b'\n', head).nth(1).is_some()
}

/// Whether `text` is a news feed (RSS, Atom, RSS 1.0/RDF) rather than a page:
/// its first element, after an XML declaration, comments, processing
/// instructions and a doctype, is `<rss`, `<feed` or `<rdf:RDF`. A feed's
/// text is its items' titles and summaries, each a link to an article page:
/// the extractor would make one article of them; the bindings warn.
///
/// ```
/// use newsprep::html::looks_like_feed;
/// assert!(looks_like_feed("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"));
/// assert!(looks_like_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"));
/// assert!(!looks_like_feed("<html><body><p>Our RSS feed: <a href=/rss>rss</a></p>"));
/// ```
pub fn looks_like_feed(text: &str) -> bool {
    let mut head = crate::offsets::str_prefix(text, 4096);
    loop {
        head = head.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        let skip = if head.starts_with("<?") {
            head.find("?>").map(|e| e + 2)
        } else if head.starts_with("<!--") {
            head.find("-->").map(|e| e + 3)
        } else if head.starts_with("<!") {
            head.find('>').map(|e| e + 1)
        } else {
            break;
        };
        match skip {
            Some(n) => head = &head[n..],
            None => return false,
        }
    }
    let root = head.as_bytes();
    [&b"<rss"[..], b"<feed", b"<rdf:rdf"].iter().any(|p| {
        root.len() > p.len()
            && root[..p.len()].eq_ignore_ascii_case(p)
            && matches!(root[p.len()], b' ' | b'>' | b'\n' | b'\r' | b'\t')
    })
}

/// The attributes of each start tag named `name` (lowercase ASCII) in the
/// first 4 KB of `html`, lowercased (names and values: what the page-kind
/// tests below compare is ASCII).
fn start_tags(html: &str, name: &str) -> Vec<String> {
    // (only the matching tags' attributes are lowercased: the extractor's
    // bindings ask this of every page)
    let head = crate::offsets::str_prefix(html, 4096).as_bytes();
    let mut out = Vec::new();
    for lt in memchr::memchr_iter(b'<', head) {
        let start = lt + 1 + name.len();
        // the tag's name ends after it ("<frame" is not "<frameset")
        let named = head
            .get(lt + 1..start)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
            && head
                .get(start)
                .is_some_and(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/');
        if named {
            let end = memchr::memchr(b'>', &head[start..]).map_or(head.len(), |e| start + e);
            out.push(String::from_utf8_lossy(&head[start..end]).to_ascii_lowercase());
        }
    }
    out
}

/// The value of attribute `attr` in a start tag's attributes `attrs` (as
/// [`start_tags`] gives them), quotes removed.
fn attr_value<'a>(attrs: &'a str, attr: &str) -> Option<&'a str> {
    let mut at = 0;
    while let Some(off) = attrs[at..].find(attr) {
        let i = at + off;
        at = i + attr.len();
        let before_ok = i == 0 || attrs[..i].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = attrs[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=').filter(|_| before_ok) else {
            continue;
        };
        let rest = rest.trim_start();
        return Some(match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_ascii_whitespace())
                .next()
                .unwrap_or(""),
        });
    }
    None
}

/// Whether `html` is a redirect: a `<meta http-equiv="refresh">` in its first
/// 4 KB that sends the reader to another URL within five seconds (`content="0;
/// url=https://..."`). Such a page holds at most a "you are being
/// redirected" line; its article is on the page it points to, and the
/// bindings warn. A page that reloads itself (`content="300"`) is not one.
///
/// ```
/// use newsprep::html::looks_like_redirect;
/// assert!(looks_like_redirect(r#"<html><head><meta http-equiv="refresh" content="0; URL='https://example.com/a'"></head></html>"#));
/// assert!(!looks_like_redirect(r#"<head><meta http-equiv="refresh" content="300"></head><p>News</p>"#));
/// assert!(!looks_like_redirect(r#"<head><meta http-equiv="refresh" content="600; url=/"></head>"#));
/// ```
pub fn looks_like_redirect(html: &str) -> bool {
    start_tags(html, "meta").iter().any(|attrs| {
        attr_value(attrs, "http-equiv") == Some("refresh")
            && attr_value(attrs, "content").is_some_and(|c| {
                let (delay, target) = c.split_once([';', ',']).unwrap_or((c, ""));
                let delay = delay.trim();
                let soon = !delay.is_empty()
                    && delay.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                    && delay.parse::<f64>().is_ok_and(|d| d <= 5.0);
                let target = target.trim_start();
                let url = target.strip_prefix("url").map_or(target, |t| {
                    t.trim_start().strip_prefix('=').unwrap_or(t).trim_start()
                });
                soon && !url.trim_matches(['\'', '"', ' ']).is_empty()
            })
    })
}

/// Whether `html` is a frameset page: a `<frameset>` in its first 4 KB. What
/// it shows is in the pages its `<frame>`s load, not in its own markup (the
/// extractor finds nothing but a `<noframes>` note), and the bindings warn.
///
/// ```
/// use newsprep::html::looks_like_frameset;
/// assert!(looks_like_frameset(r#"<html><frameset cols="20%,80%"><frame src="nav.html"><frame src="story.html"></frameset></html>"#));
/// assert!(!looks_like_frameset("<html><body><iframe src=a.html></iframe><p>Story</p></body></html>"));
/// ```
pub fn looks_like_frameset(html: &str) -> bool {
    !start_tags(html, "frameset").is_empty()
}

/// Whether `text` looks like HTML markup rather than page text: it starts
/// with a doctype, `<html>` or an XML declaration, or its first 4 KB hold at
/// least three tags of common HTML elements and a closing tag. Reads at most
/// 4 KB, so it costs nothing next to cleaning. The text cleaner's bindings use
/// it to warn that [`Extractor`] is the tool for markup.
///
/// ```
/// use newsprep::html::looks_like_html;
/// assert!(looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>"));
/// assert!(looks_like_html("<div>\n<p>Rain fell.</p>\n<p>Roads closed.</p>\n</div>"));
/// assert!(!looks_like_html("Rain fell in Faro.\nIf a < b and b > c, then a < c."));
/// ```
pub fn looks_like_html(text: &str) -> bool {
    let head = crate::offsets::str_prefix(text, 4096)
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .as_bytes();
    let starts = |p: &[u8]| head.len() >= p.len() && head[..p.len()].eq_ignore_ascii_case(p);
    if starts(b"<!doctype") || starts(b"<html") || starts(b"<?xml") {
        return true;
    }
    const TAGS: [&[u8]; 24] = [
        b"p", b"div", b"span", b"a", b"br", b"li", b"ul", b"ol", b"table", b"tr", b"td", b"h1",
        b"h2", b"h3", b"h4", b"script", b"style", b"meta", b"link", b"img", b"body", b"head",
        b"section", b"article",
    ];
    let (mut tags, mut closing) = (0, false);
    let mut i = 0;
    while let Some(off) = head[i..].iter().position(|&b| b == b'<') {
        let mut j = i + off + 1;
        if head.get(j) == Some(&b'/') {
            j += 1;
        }
        let name_end = head[j..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(head.len(), |k| j + k);
        let name = &head[j..name_end];
        let ends_ok = matches!(head.get(name_end), Some(b' ' | b'>' | b'/' | b'\n' | b'\t'));
        if ends_ok && TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
            tags += 1;
            closing |= j > i + off + 1;
        }
        i = name_end.max(i + off + 1);
    }
    tags >= 3 && closing
}

/// The page text of `html` (see [`Extractor::page_text`]).
pub fn page_text(html: &str) -> String {
    parse::walk(html, false).text
}

/// The serializable configuration of an [`Extractor`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtractorConfig {
    /// Keep the headline as the first line of the text (default true).
    pub keep_title: bool,
    /// Keep reader comments (default false).
    pub include_comments: bool,
    /// Keep data tables, one line per row (default true). Off, rows of two or
    /// more cells go as `"table"`; a layout table's single cells of prose and
    /// the headline stay.
    pub include_tables: bool,
    /// Keep image captions and photo credits (default false: they describe
    /// the pictures, not the story; removed as `"caption"`).
    pub include_captions: bool,
    /// Extra chrome phrases, as for [`crate::boilerplate::CleanerBuilder::extra_phrases`].
    pub extra_phrases: Vec<String>,
    /// Extra terminator phrases, as for the cleaner.
    pub extra_terminators: Vec<String>,
    /// Disabled rule ids, as for the cleaner.
    pub disable: Vec<String>,
}

impl Default for ExtractorConfig {
    fn default() -> Self {
        ExtractorConfig {
            keep_title: true,
            include_comments: false,
            include_tables: true,
            include_captions: false,
            extra_phrases: Vec::new(),
            extra_terminators: Vec::new(),
            disable: Vec::new(),
        }
    }
}

/// Configures an [`Extractor`].
#[derive(Clone, Debug, Default)]
pub struct ExtractorBuilder {
    config: ExtractorConfig,
}

impl ExtractorBuilder {
    /// Keep the headline as the first line (default true).
    pub fn keep_title(&mut self, yes: bool) -> &mut Self {
        self.config.keep_title = yes;
        self
    }

    /// Keep reader comments (default false).
    pub fn include_comments(&mut self, yes: bool) -> &mut Self {
        self.config.include_comments = yes;
        self
    }

    /// Keep data tables (default true).
    pub fn include_tables(&mut self, yes: bool) -> &mut Self {
        self.config.include_tables = yes;
        self
    }

    /// Keep image captions and photo credits (default false).
    pub fn include_captions(&mut self, yes: bool) -> &mut Self {
        self.config.include_captions = yes;
        self
    }

    /// Adds chrome phrases (a short line containing one is removed).
    pub fn extra_phrases<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, p: I) -> &mut Self {
        self.config
            .extra_phrases
            .extend(p.into_iter().map(Into::into));
        self
    }

    /// Adds terminator phrases (a short line containing one ends the article).
    pub fn extra_terminators<I: IntoIterator<Item = S>, S: Into<String>>(
        &mut self,
        p: I,
    ) -> &mut Self {
        self.config
            .extra_terminators
            .extend(p.into_iter().map(Into::into));
        self
    }

    /// Disables cleaner rules by id.
    pub fn disable<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, r: I) -> &mut Self {
        self.config.disable.extend(r.into_iter().map(Into::into));
        self
    }

    /// Builds the extractor (errors as [`crate::boilerplate::CleanerBuilder::build`]).
    pub fn build(&self) -> Result<Extractor> {
        Extractor::from_config(self.config.clone())
    }
}

/// What happened to one line of a page's text.
#[derive(Clone, Debug, PartialEq)]
pub struct BlockDecision {
    /// The line's number in the page text ([`Extractor::page_text`]).
    pub line: usize,
    /// Byte range of the line in the page text.
    pub start: usize,
    /// See `start`.
    pub end: usize,
    /// Whether the line is in the extracted article.
    pub kept: bool,
    /// Stable rule id: why it was kept (`"article"`, `"title"`, `"comment"`
    /// with `include_comments`) or removed (the cleaner's ids, plus `"caption"`
    /// for image captions and credits, `"author-bio"` for an author's
    /// biography box, `"table"` when tables are excluded, and `"json-ld"` for
    /// a line the page's JSON-LD `articleBody` stands in for: see
    /// [`Extractor::extract`]).
    pub reason: &'static str,
    /// The line model's probability that the line is article text.
    pub score: f32,
    /// The kind of block the line comes from.
    pub kind: BlockKind,
    /// A short CSS-like path to its block (`article>div.body>p`).
    pub path: String,
}

/// A configured HTML article extractor: `Send + Sync`, cheap to share.
#[derive(Clone, Debug)]
pub struct Extractor {
    config: ExtractorConfig,
    cleaner: Cleaner,
    model: std::sync::Arc<gbdt::Gbdt>,
    tuning: Tuning,
    /// Whether the page's JSON-LD `articleBody` may stand in for a story the
    /// visible text lacks (off with `disable=["json-ld"]`).
    json_ld: bool,
}

/// Headline candidates: lines this far before the article's first line ...
const TITLE_WINDOW_BEFORE: usize = 12;
/// ... and this far after it.
const TITLE_WINDOW_AFTER: usize = 6;
/// A candidate scoring below this loses to the nearest headline-shaped line.
const TITLE_MIN_SCORE: f32 = 0.4;
/// A candidate whose token F1 with a part of a declared title reaches this
/// is the headline (see `choose_title`).
const TITLE_PART_MIN: f32 = 0.9;
/// A heading outside the candidates' window is one when its token F1 with a
/// declared title reaches this (see `choose_title`).
const TITLE_FAR_MIN: f32 = 0.8;
/// How far before the article the nearest headline-shaped line may be.
const TITLE_SHAPE_WINDOW: usize = 6;
/// When the HTML model keeps fewer characters than this, the text cleaner's
/// decision is used if it keeps more ...
const FALLBACK_CHARS: usize = 100;
/// ... and under this many (a short notice or intro, or a short story), if
/// it keeps half as much again: on a short story the two decisions differ
/// by a byline or a dateline, which is no reason to switch.
const FALLBACK_MORE_CHARS: usize = 300;
/// Kept text before a terminator (in characters) from which the story has
/// begun: lines after the terminator are no longer brought back (see
/// `keep_after_terminator`).
const STORY_BEGUN_CHARS: usize = 2000;
/// A run of at least this many lines after a terminator ...
const TERMINATOR_RUN: usize = 3;
/// ... scoring at least this is the article going on.
const TERMINATOR_SURE: f32 = 0.9;
/// Lines of at least this many words ...
const SAME_PATH_WORDS: usize = 5;
/// ... whose path this many kept article lines share are the story (see
/// [`Tuning::same_path_min`]).
const SAME_PATH_KEPT: u32 = 3;
/// A JSON-LD `articleBody` of at least this many words ...
const JSON_LD_MIN_WORDS: usize = 100;
/// ... of which the kept lines hold fewer than one in this many is the story
/// (see `Extractor::json_ld_body`).
const JSON_LD_SHARE: usize = 3;

/// How the extractor turns line scores into decisions, beyond the cleaner's
/// decision (tuned by cross-site validation in `scripts/train_extractor.py`).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tuning {
    /// Inside the article's run of lines, a line the HTML model scores below
    /// this is removed (`"low-score"`): the model separates chrome inside the
    /// article (captions, credits, share prompts) better than the text model.
    pub in_run_min: f32,
    /// Between the first and last kept lines, a `"low-score"` line scoring at
    /// least this is kept (`"article"`).
    pub inside_min: f32,
    /// Outside that span, a `"low-score"` line scoring at least this is kept;
    /// so is a `"short-nav"` line anywhere (a sign-off or subhead the edge
    /// trim took for navigation).
    pub outside_min: f32,
    /// A `"low-score"` line of prose scoring at least this is kept when its
    /// block has the path of several kept article lines (low: the shared path
    /// says more than the score).
    pub same_path_min: f32,
    /// A `"low-score"` list item, table row or heading scoring at least this
    /// is kept when it sits in the article's container (see
    /// [`keep_in_container`]) and nothing marks it as chrome; above 1, never.
    pub container_min: f32,
    /// The article's container is the innermost element holding this share
    /// of the kept article text ...
    pub container_share: f32,
    /// ... and at least this share of its own text is kept.
    pub container_purity: f32,
    /// A `"low-score"` line of prose just before the article's first line,
    /// in a container whose class or id names a lead, intro or summary
    /// (the standfirst), is kept from this score; above 1, never.
    pub lead_min: f32,
    /// The article's container may be less pure than
    /// [`Tuning::container_purity`], down to this share, when its own class or
    /// id names content or a story's body.
    pub container_named_purity: f32,
    /// A line of prose (at least [`SAME_PATH_WORDS`] words) that the
    /// cleaner's chrome-phrase or separator rule removed is kept when the
    /// HTML model scores it at least this: those rules are made for short
    /// chrome ("Read more", "Home | News"), and in a sentence the markup
    /// places in the story (a wire service's copyright line, a reader
    /// prompt, a spec line with pipes) the match is incidental; above 1,
    /// never.
    pub prose_rule_min: f32,
    /// A kept line after the story's container (the innermost element
    /// holding [`Tuning::container_share`] of the kept text),
    /// outside it and after its last kept line, goes (`"low-score"`) when it
    /// scores below this: the story has ended, and what follows in other
    /// boxes is an author's or a company's profile, a source line, a
    /// disclaimer, a site's footer notes. 2: whatever its score; 0: never.
    pub after_container_max: f32,
}

/// How many lines before the article's first line a lead may be (see
/// [`Tuning::lead_min`]).
const LEAD_WINDOW: usize = 8;

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            in_run_min: 0.3,
            inside_min: 0.6,
            outside_min: 0.8,
            same_path_min: 0.05,
            container_min: 0.1,
            container_share: 0.8,
            container_purity: 0.5,
            lead_min: 0.1,
            container_named_purity: 0.2,
            prose_rule_min: 0.5,
            after_container_max: 2.0,
        }
    }
}

/// The compiled line model, built once.
fn default_model() -> std::sync::Arc<gbdt::Gbdt> {
    static MODEL: std::sync::OnceLock<std::sync::Arc<gbdt::Gbdt>> = std::sync::OnceLock::new();
    MODEL
        .get_or_init(|| {
            // A model that does not fit the features can only come from a half-finished
            // retraining (features changed, model.rs not yet rewritten): the training
            // script's feature dump still works, and the test `compiled_model_fits`
            // keeps such a build from being released.
            std::sync::Arc::new(compiled_model().unwrap_or_else(|_| {
                gbdt::Gbdt::new(
                    0.0,
                    N_FEATURES + N_DOM,
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                    Vec::new(),
                )
                .expect("an empty model is valid")
            }))
        })
        .clone()
}

fn compiled_model() -> Result<gbdt::Gbdt> {
    gbdt::Gbdt::new(
        model::BASE,
        N_FEATURES + N_DOM,
        model::LINEAR.to_vec(),
        model::FEATURES.to_vec(),
        model::THRESHOLDS.to_vec(),
        model::LEAVES.to_vec(),
    )
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// One page, walked and decided.
struct Extraction {
    walk: Walk,
    /// Per walk line: kept, reason, score.
    verdicts: Vec<Verdict>,
    /// Walk line index of the headline, if one was found among the lines.
    title_line: Option<usize>,
    /// The paragraphs of the page's JSON-LD `articleBody` when it is the
    /// story's text (see [`json_ld_body`]), else empty.
    body: Vec<String>,
}

/// Scores page-text lines with the HTML model.
struct HtmlScorer<'a> {
    model: &'a gbdt::Gbdt,
    dom: DomScores,
    /// Per line: in a box over the page (see [`in_overlay`]); its score is
    /// at most [`OVERLAY_MAX`].
    overlay: Vec<bool>,
}

/// The highest score of a line in a box over the page ([`in_overlay`]).
const OVERLAY_MAX: f32 = 0.05;

/// Whether a block sits in a box shown over the page rather than in it: an
/// element whose class or id names a cookie or consent banner, a modal, a
/// popup or a newsletter sign-up ([`tags::cat::OVERLAY`]). Such boxes hold
/// long, well-formed sentences (cookie policies, disclosures, consent texts)
/// that the line model, which reads each line with its neighbours, takes for
/// the story on pages whose own story is short.
fn in_overlay(b: &dom::Block) -> bool {
    b.cats_any & tags::cat::OVERLAY != 0
}

/// Whether a block's text is all link text (at least 90%): a link, a list of
/// links, a comment form's "Reply" links.
fn all_link_text(b: &dom::Block) -> bool {
    b.chars > 0 && b.link_chars * 10 >= b.chars * 9
}

/// What the scorer keeps of each line's DOM features for the decision's passes.
enum DomScores {
    /// A linear model: the DOM features' share of the log-odds, one number a
    /// line (the features are read once; memory stays a small multiple of
    /// the page).
    Logit(Vec<f32>),
    /// A model with trees needs the whole vector (None for blank lines).
    Vectors(Vec<Option<[f32; N_DOM]>>),
}

impl LineScorer for HtmlScorer<'_> {
    fn score(&self, line: usize, x: &[f32; N_FEATURES]) -> f32 {
        let p = self.model_score(line, x);
        if self.overlay.get(line).copied().unwrap_or(false) {
            p.min(OVERLAY_MAX)
        } else {
            p
        }
    }
}

impl HtmlScorer<'_> {
    fn model_score(&self, line: usize, x: &[f32; N_FEATURES]) -> f32 {
        match &self.dom {
            DomScores::Logit(logits) => {
                let z = self.model.base()
                    + self.model.linear_part(x, 0)
                    + logits.get(line).copied().unwrap_or(0.0);
                1.0 / (1.0 + (-z).exp())
            }
            DomScores::Vectors(vectors) => {
                let mut all = [0f32; N_FEATURES + N_DOM];
                all[..N_FEATURES].copy_from_slice(x);
                if let Some(Some(d)) = vectors.get(line) {
                    all[N_FEATURES..].copy_from_slice(d);
                }
                self.model.predict(&all)
            }
        }
    }
}

impl Extractor {
    /// An extractor with the default configuration.
    pub fn new() -> Extractor {
        Extractor::from_config(ExtractorConfig::default())
            .expect("the default configuration is valid")
    }

    /// A builder.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::default()
    }

    /// Builds an extractor from a configuration.
    pub fn from_config(config: ExtractorConfig) -> Result<Extractor> {
        let mut disable = config.disable.clone();
        let known = Self::disableable_rules();
        if let Some(id) = disable.iter().find(|d| !known.contains(&d.as_str())) {
            let why = if id == "site-repeat" {
                "is not one the extractor can disable: it reads one page at a time, so that \
                 rule never runs"
            } else if Self::rule_ids().contains(&id.as_str()) {
                "is not one the extractor can disable (an outcome or an option, not a rule)"
            } else {
                "is unknown"
            };
            return Err(crate::Error::new(
                crate::ErrorKind::InvalidRule,
                format!(
                    "rule id {id:?} in disable {why} (the ids disable accepts: {})",
                    known.join(", ")
                ),
            ));
        }
        let json_ld = !disable.iter().any(|d| d == "json-ld");
        disable.retain(|d| d != "json-ld");
        if config.include_comments && !disable.iter().any(|d| d == "terminator-tail") {
            disable.push("terminator-tail".to_string());
        }
        let cleaner = Cleaner::from_config(CleanerConfig {
            // the decision is the same with or without the headline: `choose_title`
            // leaves the chosen line out when `keep_title` is off (off here, it
            // also dropped lines after the cleaner's headline guess)
            keep_title: true,
            extra_phrases: config.extra_phrases.clone(),
            extra_terminators: config.extra_terminators.clone(),
            disable,
            ..CleanerConfig::default()
        })?;
        Ok(Extractor {
            config,
            cleaner,
            model: default_model(),
            tuning: Tuning::default(),
            json_ld,
        })
    }

    /// Every reason a [`BlockDecision`] can carry: the cleaner's rule ids
    /// plus `"comment"`, `"caption"`, `"author-bio"`, `"table"` and
    /// `"json-ld"` (a line the page's JSON-LD `articleBody` repeats, when that
    /// body is the article's text: see [`Extractor::extract`]; `"json-ld"` can
    /// be disabled, as the cleaner's rules in
    /// [`crate::boilerplate::DISABLEABLE_RULES`] can).
    pub fn rule_ids() -> &'static [&'static str] {
        static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        IDS.get_or_init(|| {
            let mut v = crate::boilerplate::Cleaner::rule_ids().to_vec();
            v.extend(["comment", "caption", "author-bio", "table", "json-ld"]);
            v
        })
    }

    /// The rule ids [`ExtractorConfig::disable`] accepts: the cleaner's
    /// [`crate::boilerplate::DISABLEABLE_RULES`] but `"site-repeat"` (the
    /// extractor reads one page at a time and has no corpus mode: that rule
    /// never runs, and disabling it changed nothing) and `"json-ld"`. The
    /// other [`Extractor::rule_ids`] are outcomes (article, blank, low-score
    /// ...) or options (`include_comments`, `include_tables`,
    /// `include_captions`).
    pub fn disableable_rules() -> &'static [&'static str] {
        static IDS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
        IDS.get_or_init(|| {
            let mut v = crate::boilerplate::DISABLEABLE_RULES.to_vec();
            v.retain(|&r| r != "site-repeat");
            v.push("json-ld");
            v
        })
    }

    /// The configuration.
    pub fn config(&self) -> &ExtractorConfig {
        &self.config
    }

    /// Replaces the line model (over the text features then the DOM
    /// features): for the training script's cross-validation.
    #[doc(hidden)]
    pub fn with_model(mut self, model: gbdt::Gbdt) -> Result<Extractor> {
        if model.n_features() != N_FEATURES + N_DOM {
            return Err(crate::Error::option(format!(
                "the model reads {} features, the extractor gives {}",
                model.n_features(),
                N_FEATURES + N_DOM
            )));
        }
        self.model = std::sync::Arc::new(model);
        Ok(self)
    }

    /// Replaces the decision tuning (for the training script's validation).
    #[doc(hidden)]
    pub fn with_tuning(mut self, tuning: Tuning) -> Extractor {
        self.tuning = tuning;
        self
    }

    /// The article in `html`: one block per line, headline first, blocks
    /// separated by blank lines (the shape of [`Cleaner::clean`]'s output).
    ///
    /// A page whose visible text lacks the story (one its scripts render: the
    /// HTML holds a menu and a footer; a teaser over a story the markup gives
    /// whole) may declare it in JSON-LD: when the page's `articleBody` has at
    /// least 100 words and the lines kept from the page hold under a third as
    /// many, that body is the article's text, after the kept lines it does not
    /// repeat (a standfirst); the kept lines it repeats, and those in the
    /// site's navigation, footer or side boxes, go as `"json-ld"`.
    /// `disable=["json-ld"]` turns this off.
    pub fn extract(&self, html: &str) -> String {
        let e = self.run(html, false);
        self.render(&e)
    }

    /// [`Extractor::extract`] for bytes: decoded as [`charset::decode`] says
    /// (`charset` is a label from outside the page, e.g. an HTTP header).
    /// Bytes that are no page (compressed, a PDF, an image) decode to
    /// mojibake: [`charset::check_bytes`] tells them (the Python API refuses
    /// them with its error).
    pub fn extract_bytes(&self, html: &[u8], charset: Option<&str>) -> String {
        self.extract(&charset::decode(html, charset).text)
    }

    /// Every visible block of `html` on its own line: what the model reads.
    pub fn page_text(&self, html: &str) -> String {
        page_text(html)
    }

    /// The article and its parts. `url` is where the page came from: the
    /// page's canonical URL is resolved against it (`/news/a.html` becomes
    /// absolute), and it is the article's URL when the page declares none
    /// that resolves, if it is itself an absolute http(s) URL (else the
    /// article has none: `Article::url` is always absolute or `None`).
    pub fn article(&self, html: &str, url: Option<&str>) -> Article {
        let e = self.run(html, false);
        self.article_of(&e, url)
    }

    /// One decision per line of the page text, with the path of its block.
    pub fn explain(&self, html: &str) -> Vec<BlockDecision> {
        Self::decisions(&self.run(html, true))
    }

    /// [`Extractor::article`], the page text ([`Extractor::page_text`]) and
    /// the decisions of [`Extractor::explain`] (without block paths) from one
    /// pass over the page: for [`crate::pipeline`].
    pub fn article_and_decisions(
        &self,
        html: &str,
        url: Option<&str>,
    ) -> (Article, String, Vec<BlockDecision>) {
        let e = self.run(html, false);
        let article = self.article_of(&e, url);
        let decisions = Self::decisions(&e);
        (article, e.walk.text, decisions)
    }

    fn decisions(e: &Extraction) -> Vec<BlockDecision> {
        e.walk
            .lines
            .iter()
            .zip(&e.verdicts)
            .map(|(l, &(kept, reason, score))| {
                let b = &e.walk.blocks[l.block as usize];
                BlockDecision {
                    line: l.line_no as usize,
                    start: l.start,
                    end: l.end,
                    kept,
                    reason,
                    score,
                    kind: b.kind,
                    path: b.path.clone().unwrap_or_default(),
                }
            })
            .collect()
    }

    /// The feature vectors (text features then DOM features) of the page
    /// text's lines as the model sees them on the first pass, with each line's
    /// text: for training.
    #[doc(hidden)]
    pub fn features(&self, html: &str) -> Vec<(String, Vec<f32>)> {
        let walk = parse::walk(html, false);
        let ctx = PageContext::new(&walk);
        let text_vecs = self.cleaner.features(&walk.text);
        let mut by_line = std::collections::HashMap::new();
        for (line, v) in text_vecs {
            by_line.insert(line, v);
        }
        walk.lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| {
                let tv = by_line.get(&(l.line_no as usize))?;
                let mut x = tv.to_vec();
                x.extend_from_slice(&ctx.vector(&walk, i));
                Some((walk.text[l.start..l.end].to_string(), x))
            })
            .collect()
    }

    fn run(&self, html: &str, record_paths: bool) -> Extraction {
        let walk = parse::walk(html, record_paths);
        let ctx = PageContext::new(&walk);
        let n_lines = walk.lines.last().map_or(0, |l| l.line_no as usize + 1);
        let linear = self.model.is_linear();
        let (mut logits, mut vectors) = if linear {
            (vec![0.0; n_lines], Vec::new())
        } else {
            (Vec::new(), vec![None; n_lines])
        };
        let mut overlay = vec![false; n_lines];
        for (i, l) in walk.lines.iter().enumerate() {
            overlay[l.line_no as usize] = in_overlay(&walk.blocks[l.block as usize]);
            let mut v = ctx.vector(&walk, i);
            if self.config.include_comments {
                for name in ["c_comment", "a_comment"] {
                    if let Some(k) = DOM_FEATURE_NAMES.iter().position(|n| *n == name) {
                        v[k] = 0.0;
                    }
                }
            }
            if linear {
                logits[l.line_no as usize] = self.model.linear_part(&v, N_FEATURES);
            } else {
                vectors[l.line_no as usize] = Some(v);
            }
        }
        let scorer = HtmlScorer {
            model: &self.model,
            dom: if linear {
                DomScores::Logit(logits)
            } else {
                DomScores::Vectors(vectors)
            },
            overlay,
        };
        let (_, decisions) = self
            .cleaner
            .clean_and_explain_scored(&walk.text, None, Some(&scorer));
        let mut verdicts = verdicts_of(&walk, &decisions);
        self.refine_run(&walk, &mut verdicts);
        let kept = kept_chars(&walk, &verdicts);
        if kept < FALLBACK_MORE_CHARS {
            // The model kept (almost) nothing: a page whose story is marked up
            // as comments (a forum thread, a live blog) or built like no page
            // it learned from. The text cleaner's own decision, if it keeps more.
            let (_, plain) = self
                .cleaner
                .clean_and_explain_scored(&walk.text, None, None);
            let mut alt = verdicts_of(&walk, &plain);
            // nor is a box over the page the story here
            for (v, l) in alt.iter_mut().zip(&walk.lines) {
                if v.0 && v.1 == "article" && in_overlay(&walk.blocks[l.block as usize]) {
                    *v = (false, "low-score", v.2);
                }
            }
            let alt_kept = kept_chars(&walk, &alt);
            if alt_kept > kept && (kept < FALLBACK_CHARS || 2 * alt_kept >= 3 * kept) {
                verdicts = alt;
            }
        }
        self.name_kinds(&walk, &mut verdicts);
        let title_line = self.choose_title(&walk, &ctx, &mut verdicts);
        // the cleaner's headline guess, when another line is the headline, is
        // article text again: unless it is a caption, a comment or a biography
        self.name_kinds(&walk, &mut verdicts);
        self.drop_tables(&walk, &mut verdicts, title_line);
        let body = if self.json_ld {
            json_ld_body(&walk, &ctx, &mut verdicts, title_line)
        } else {
            Vec::new()
        };
        Extraction {
            walk,
            verdicts,
            title_line,
            body,
        }
    }

    /// Adjusts the decision's run of lines with what the HTML model knows
    /// better than the text decision (see [`Tuning`]).
    fn refine_run(&self, walk: &Walk, verdicts: &mut [Verdict]) {
        let t = self.tuning;
        for v in verdicts.iter_mut() {
            if v.0 && v.1 == "article" && v.2 < t.in_run_min {
                *v = (false, "low-score", v.2);
            }
        }
        let first = verdicts.iter().position(|v| v.0);
        let last = verdicts.iter().rposition(|v| v.0);
        if let (Some(a), Some(b)) = (first, last) {
            for (i, v) in verdicts.iter_mut().enumerate() {
                let min = if (a..=b).contains(&i) {
                    t.inside_min
                } else {
                    t.outside_min
                };
                // a very short line at the article's edge (a sign-off, a
                // subhead) goes as "short-nav" whatever its text score; the
                // HTML model's certainty brings it back
                let short_sure = v.1 == "short-nav" && v.2 >= t.outside_min;
                if !v.0 && ((v.1 == "low-score" && v.2 >= min) || short_sure) {
                    *v = (true, "article", v.2);
                }
            }
        }
        // The lead (standfirst) between the headline and the story's first
        // paragraph is marked up as such; the model, reading a short paragraph
        // set apart from the body, doubts it.
        keep_lead(walk, verdicts, t.lead_min);
        // A terminator line ("Comments", say, in a toolbar above the story) cuts
        // the page; lines after it that the HTML model is sure of are the
        // article going on, unless the story had begun before it.
        keep_after_terminator(
            verdicts,
            |i| walk.blocks[walk.lines[i].block as usize].kind == BlockKind::Pre,
            |i| walk.lines[i].end - walk.lines[i].start,
        );
        // Prose in containers of the same shape as the story's kept paragraphs
        // (the same path of element names, ids and first classes from the root)
        // is the story too, though the model doubts it: paragraphs split from
        // the kept run by a box of links, the steps of a recipe, the posts of a
        // forum thread.
        let line = |i: usize| walk.lines[i];
        let block = |i: usize| &walk.blocks[line(i).block as usize];
        let words = |i: usize| {
            walk.text[line(i).start..line(i).end]
                .split_whitespace()
                .count()
        };
        keep_same_path(verdicts, |i| block(i).path_key, words, t.same_path_min);
        // Lists, tables and subheads inside the story's own container are the
        // story too, though the model doubts short lines.
        if t.container_min <= 1.0 {
            keep_in_container(walk, verdicts, t);
        }
        // A sentence the HTML model is sure of is not chrome for holding a
        // chrome phrase or a separator.
        keep_prose_over_rules(verdicts, words, t.prose_rule_min);
        // A <footer>, <aside> or <nav> the story is not in is not the story.
        drop_minority_chrome(
            verdicts,
            |i| block(i).flags,
            |i| line(i).end - line(i).start,
        );
        // Nor is a box of links to other stories inside the story's container.
        drop_boxes_in_container(walk, verdicts, t);
        // What follows the story's container in other boxes is not the story.
        drop_after_container(walk, verdicts, t);
        // A list item that is all link text points to another page (related
        // stories, a menu inside the story's box): never the story's text.
        let all_link = |i: usize| all_link_text(block(i));
        drop_link_items(verdicts, |i| {
            block(i).kind == BlockKind::ListItem && all_link(i)
        });
        // So is a line of links after the story's last line of prose ("More
        // articles in Sports", the next story's headline, video links).
        drop_trailing_links(verdicts, all_link, |i| {
            words(i) >= SAME_PATH_WORDS && block(i).link_chars * 2 < block(i).chars
        });
    }

    /// Names what kept lines are when the options leave them out or report
    /// them apart: reader comments, captions and credits, author biographies,
    /// table rows.
    fn name_kinds(&self, walk: &Walk, verdicts: &mut [Verdict]) {
        // Bylines and datelines stay in the text (the L3S gold keeps them; removing
        // them cost 0.005 F1 there across sites and gained nothing on AEB) and are
        // reported as the article's byline and date.
        if self.config.include_comments {
            // Reader comments are marked up as such: keep their text (not the form).
            for (v, l) in verdicts.iter_mut().zip(&walk.lines) {
                let b = &walk.blocks[l.block as usize];
                let in_comments = (b.cats_any | b.cats_near) & tags::cat::COMMENT != 0;
                let control = b.flags & (tags::flag::CONTROL | tags::flag::FORM) != 0;
                let all_link = all_link_text(b);
                // Kept either way, but reported as a comment, not as the article;
                // what a rule removed (a phrase "Log in to comment", a counter
                // "12 Comments", a bar of separators) is the section's chrome
                let by_model = matches!(
                    v.1,
                    "article" | "low-score" | "terminator-tail" | "unsettled"
                );
                if in_comments && by_model && !control && !all_link {
                    *v = (true, "comment", v.2);
                }
            }
        }
        // Captions and credits describe the pictures: marked up as such
        // (inside <figure>/<figcaption>, a "caption" or "credit" class near
        // the text). Those inside the story (between its first and last kept
        // lines) that the model doubted are captions all the same: kept with
        // `include_captions`, else removed as "caption" like the others.
        let first = verdicts.iter().position(|v| v.0);
        let last = verdicts.iter().rposition(|v| v.0);
        let inside = |i: usize| first.zip(last).is_some_and(|(a, b)| (a..=b).contains(&i));
        for (i, (v, l)) in verdicts.iter_mut().zip(&walk.lines).enumerate() {
            let b = &walk.blocks[l.block as usize];
            let caption = b.kind == BlockKind::Caption
                || b.flags & tags::flag::FIGURE != 0
                || b.cats_near & tags::cat::CAPTION_TEXT != 0;
            if !caption {
                continue;
            }
            let doubted = !v.0 && v.1 == "low-score" && inside(i);
            if self.config.include_captions {
                if doubted {
                    *v = (true, "article", v.2);
                }
            } else if (v.0 && v.1 == "article") || doubted {
                *v = (false, "caption", v.2);
            }
        }
        // An author's biography box says who wrote the story, not the story.
        for (v, l) in verdicts.iter_mut().zip(&walk.lines) {
            let b = &walk.blocks[l.block as usize];
            if b.cats_near & tags::cat::AUTHOR_BIO != 0 && v.0 && v.1 == "article" {
                *v = (false, "author-bio", v.2);
            }
        }
    }

    /// Without `include_tables`, the rows of data tables go as `"table"`: rows
    /// of two or more cells (a layout table's one cell of prose is article
    /// text), never the headline (old pages lay the whole page out in tables;
    /// the headline is chosen as with tables).
    fn drop_tables(&self, walk: &Walk, verdicts: &mut [Verdict], title_line: Option<usize>) {
        if self.config.include_tables {
            return;
        }
        for (i, (v, l)) in verdicts.iter_mut().zip(&walk.lines).enumerate() {
            let row = walk.blocks[l.block as usize].kind == BlockKind::TableRow;
            if row && v.0 && Some(i) != title_line && walk.text[l.start..l.end].contains('\t') {
                *v = (false, "table", v.2);
            }
        }
    }

    /// Picks the headline line and marks it `"title"` (kept when
    /// `keep_title`), un-marking other title lines.
    ///
    /// Candidates are the lines from a dozen before the article's first line
    /// to a few after it. Each is scored by its likeness to the page's declared
    /// titles (`og:title`, JSON-LD `headline`, `<title>`; token F1) plus what
    /// marks a headline in markup (`<h1>`, then `<h2>`/`<h3>`, a "headline" or
    /// "title" class) and nearness to the article, minus what marks other
    /// short lines (links, captions, bylines, datelines, lengths outside 3 to
    /// 30 words, 2 for an `<h1>`). A line that is a headline-sized part of a
    /// declared title ("Headline | Site") beats them all, the longest such
    /// part first (not a list item of a breadcrumb or a menu that repeats it:
    /// "Home > Topics > Headline"); so is an `<h1>` or `<h2>` that is word for
    /// word the first part of a declared title however short ("Penny" of
    /// "Penny - Example Wiki"). A line that is the site's name
    /// (`og:site_name` or a label of the canonical URL's host, a blog's
    /// banner) is never the headline. When no line
    /// of that window scores well enough, a heading
    /// (`<h1>` to `<h3>`) anywhere on the page that is a declared title (token
    /// F1 at least [`TITLE_FAR_MIN`]) or a declared title's first part (token
    /// F1 at least [`TITLE_PART_MIN`]) is the headline, whatever its class
    /// words say: a recipe's or a product's sits above a long box of facts.
    /// Without a good candidate the cleaner's own title line stays.
    fn choose_title(
        &self,
        walk: &Walk,
        ctx: &PageContext,
        verdicts: &mut [Verdict],
    ) -> Option<usize> {
        let n = verdicts.len();
        let first_kept = verdicts
            .iter()
            .position(|v| v.0 && v.1 == "article")
            .or_else(|| verdicts.iter().position(|v| v.1 == "title"))
            .unwrap_or(0);
        let lo = first_kept.saturating_sub(TITLE_WINDOW_BEFORE);
        let hi = (first_kept + TITLE_WINDOW_AFTER + 1).min(n);
        // the site's own name (og:site_name) is not a story's headline
        // (or a label of its host: "Example Blog" on example-blog.de)
        let site = walk.meta.site_name.as_deref().map(meta::letters);
        let host = canonical_host(walk);
        let host_label = |l: &str| {
            !l.is_empty()
                && host
                    .iter()
                    .any(|h| h.split('.').any(|label| meta::letters(label) == l))
        };
        let site_name = |t: &str| {
            if site.is_none() && host.is_none() {
                return false;
            }
            let l = meta::letters(t);
            site.as_deref().is_some_and(|s| !s.is_empty() && l == s) || host_label(&l)
        };
        // The first part of each declared title that has several ("Penny -
        // Example Wiki", "Batteriespeicher | Example Solar"), by its letters,
        // unless it is the site's name (og:site_name, a label of its host):
        // sites put their name last, or first before a longer headline.
        let first_parts: Vec<(String, Vec<u64>)> = [
            &walk.meta.og_title,
            &walk.meta.jsonld_headline,
            &walk.meta.title_tag,
        ]
        .into_iter()
        .flatten()
        .map(|t| meta::title_parts(t))
        .filter(|ps| ps.len() > 1)
        .map(|ps| (meta::letters(ps[0]), features::sorted_words(ps[0])))
        .filter(|(p, _)| !p.is_empty() && site.as_deref() != Some(p.as_str()) && !host_label(p))
        .collect();
        // An <h1> or <h2> that is such a part word for word is the headline
        // however short: the site declares it as the page's title.
        let declared_part = |b: &dom::Block, t: &str| {
            (1..=2).contains(&b.heading) && !first_parts.is_empty() && {
                let l = meta::letters(t);
                !l.is_empty() && first_parts.iter().any(|(p, _)| *p == l)
            }
        };
        // (token F1 with the nearest such part)
        let first_part_similarity = |t: &str| {
            if first_parts.is_empty() {
                return 0.0;
            }
            let w = features::sorted_words(t);
            first_parts
                .iter()
                .map(|(_, p)| features::sorted_f1(&w, p))
                .fold(0.0, f32::max)
        };
        // (score, 0: not headline-shaped, 1: headline-shaped, 2: and marked up as one)
        let judge = |i: usize| -> (f32, u8) {
            let l = walk.lines[i];
            let t = &walk.text[l.start..l.end];
            let b = &walk.blocks[l.block as usize];
            let words = t.split_whitespace().count();
            let sim = ctx.title_similarity(t);
            let mut s = sim
                + match b.heading {
                    1 => 0.3,
                    2 | 3 => 0.15,
                    0 => 0.0,
                    _ => 0.05,
                };
            let marked = b.heading > 0 || b.cats_near & tags::cat::HEADLINE != 0;
            if b.cats_near & tags::cat::HEADLINE != 0 {
                s += 0.1;
            }
            let linked = b.chars > 0 && b.link_chars * 2 > b.chars;
            let caption = b.kind == BlockKind::Caption
                || b.flags & tags::flag::FIGURE != 0
                || b.cats_near & tags::cat::CAPTION != 0
                || walk.elems.get(b.host as usize).is_some_and(|e| e.media);
            // share popovers, related boxes, menus and sidebars repeat other titles
            let chrome = b.cats_near
                & (tags::cat::SHARE
                    | tags::cat::RELATED
                    | tags::cat::NAV
                    | tags::cat::SIDEBAR
                    | tags::cat::COMMENT
                    | tags::cat::SUBSCRIBE
                    | tags::cat::AD)
                != 0
                || b.flags
                    & (tags::flag::NAV | tags::flag::ASIDE | tags::flag::MENU | tags::flag::FOOTER)
                    != 0;
            let sentence = t.ends_with('.') && !t.ends_with("..");
            let meta = crate::article::is_byline_block(t)
                || crate::article::dateline_of(t).is_some()
                || t.contains('\t')
                || t.contains(" | ");
            let min_words = if b.heading == 1 { 2 } else { 3 };
            let sized = (min_words..=30).contains(&words) && t.len() <= 400;
            s -= 0.3 * f32::from(u8::from(linked))
                + 0.5 * f32::from(u8::from(caption))
                + 0.5 * f32::from(u8::from(chrome))
                + 0.2 * f32::from(u8::from(sentence))
                + 0.5 * f32::from(u8::from(meta))
                + 0.5 * f32::from(u8::from(!sized))
                + 0.01 * first_kept.abs_diff(i) as f32;
            if sim < 0.3 && !marked || site_name(t) {
                // neither like the declared titles nor marked up as a headline,
                // or the site's name (a blog's banner heading)
                s = f32::NEG_INFINITY;
            }
            // A line that is the headline part of a declared title ("Headline |
            // Site", "Site : Section : Headline") is the headline whatever its
            // markup says (class words are noisy). Of several, the longest wins
            // (a section's name can be a part too), then the nearest.
            let (part, part_words) = ctx.title_part_similarity(t);
            // (not a breadcrumb's or a menu's item that repeats it)
            let crumb = b.kind == BlockKind::ListItem && chrome;
            let exact = declared_part(b, t) && !caption && b.flags & tags::flag::NAV == 0;
            if (part >= TITLE_PART_MIN || exact) && !crumb && !site_name(t) {
                let part_words = if exact {
                    words.max(part_words)
                } else {
                    part_words
                };
                let long = 0.1 * part_words.min(10) as f32;
                return (2.0 + long - 0.01 * first_kept.abs_diff(i) as f32, 2);
            }
            let shaped =
                sized && !linked && !caption && !chrome && !sentence && !meta && !site_name(t);
            (
                s,
                if !shaped {
                    0
                } else if marked {
                    2
                } else {
                    1
                },
            )
        };
        // Beyond the window, a heading (h1 to h3) that is the page's declared
        // title (token F1 at least TITLE_FAR_MIN with og:title, JSON-LD headline
        // or <title>) is a candidate too: a recipe's or a product's headline
        // sits far above the first kept line, under a box of facts, and the
        // window alone offered only lines such as "1 Portion enthält".
        let far = (0..n).filter(|&i| !(lo..hi).contains(&i)).filter(|&i| {
            let l = walk.lines[i];
            let b = &walk.blocks[l.block as usize];
            let t = &walk.text[l.start..l.end];
            (1..=3).contains(&b.heading)
                && (ctx.title_similarity(t) >= TITLE_FAR_MIN
                    || first_part_similarity(t) >= TITLE_PART_MIN
                    || declared_part(b, t))
        });
        let judged: Vec<(usize, f32, u8)> = (lo..hi)
            .map(|i| {
                let (s, k) = judge(i);
                (i, s, k)
            })
            .collect();
        let best_of = |js: &[(usize, f32, u8)]| {
            js.iter()
                .filter(|j| j.1 >= TITLE_MIN_SCORE)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|j| j.0)
        };
        // the far headings only when no line of the window will do (a page
        // whose declared title is another story's keeps its own headline)
        let best = best_of(&judged).or_else(|| {
            // (its class words may call it chrome: it is the declared title)
            let far: Vec<(usize, f32, u8)> = far
                .map(|i| {
                    let (s, k) = judge(i);
                    (i, s, k)
                })
                .collect();
            best_of(&far)
        });
        let words = |i: usize| {
            let l = walk.lines[i];
            walk.text[l.start..l.end].split_whitespace().count()
        };
        // Else the nearest headline-shaped line at or just before the article's
        // start, one the markup calls a headline first.
        let shaped = || {
            let near =
                |j: &&(usize, f32, u8)| j.0 <= first_kept && first_kept - j.0 <= TITLE_SHAPE_WINDOW;
            let nearest = |kind: u8| {
                judged
                    .iter()
                    .rev()
                    .filter(near)
                    .find(|j| j.2 == kind)
                    .map(|j| j.0)
            };
            // a headline marked up as one just inside the article's first lines
            // (after a kept dateline, say) before an unmarked line above it
            let marked_after = || {
                judged
                    .iter()
                    .find(|j| j.0 > first_kept && j.2 == 2)
                    .map(|j| j.0)
            };
            // an <h1> right above the nearest one, an <h2> or lower of ten words
            // or more and longer by four: the <h2> is its standfirst ("<h1>Ports
            // close for three days</h1><h2>A storm hit the coast, and ...</h2>",
            // the <h2> kept as the article's first line); not a site's short
            // name over its headline ("<h1>The Daily Coast</h1><h2>Ports ...")
            let level = |i: usize| walk.blocks[walk.lines[i].block as usize].heading;
            let over = |k: usize| {
                k.checked_sub(1)
                    .filter(|&p| judged.iter().any(|j| j.0 == p && j.2 == 2))
                    .filter(|&p| (1..level(k)).contains(&level(p)))
                    .filter(|&p| words(k) >= 10 && words(k) >= words(p) + 4)
                    .unwrap_or(k)
            };
            nearest(2)
                .map(over)
                .or_else(marked_after)
                .or_else(|| nearest(1))
        };
        // Else the cleaner's headline, unless it is a row of short cells (a
        // table's header row, a bar of links): its first cell holds fewer
        // than three words.
        let cleaners = || {
            verdicts.iter().position(|v| v.1 == "title").filter(|&i| {
                let l = walk.lines[i];
                let t = &walk.text[l.start..l.end];
                let b = &walk.blocks[l.block as usize];
                // nor a line of the site's navigation, footer or a side box,
                // nor the site's name
                b.flags & (tags::flag::NAV | tags::flag::FOOTER | tags::flag::ASIDE) == 0
                    && !site_name(t)
                    && t.split_once('\t')
                        .is_none_or(|(cell, _)| cell.split_whitespace().count() >= 3)
            })
        };
        let chosen = best.or_else(shaped).or_else(cleaners)?;
        // a heading's last line of one to three words under a longer line of
        // the same element ("Ports close for three days<br><small>Updated
        // hourly</small>"): the longer line is the headline
        let chosen = match chosen.checked_sub(1) {
            Some(p)
                if walk.lines[p].block == walk.lines[chosen].block
                    && walk.lines[p].line_no + 1 == walk.lines[chosen].line_no
                    && words(chosen) <= 3
                    && words(p) >= 4 =>
            {
                p
            }
            _ => chosen,
        };
        for (i, v) in verdicts.iter_mut().enumerate() {
            if i == chosen {
                *v = (self.config.keep_title, "title", v.2);
            } else if v.1 == "title" {
                // The cleaner's headline guess was another line: it is article text
                // when it sits inside the article or the model says so.
                // (not when the headline is a far heading: what lies between
                // it and the article is the page's, such as another story's title)
                let inside = i > chosen && i <= first_kept && (lo..hi).contains(&chosen);
                *v = if inside || v.2 >= 0.5 {
                    (true, "article", v.2)
                } else {
                    (false, "low-score", v.2)
                };
            }
        }
        Some(chosen)
    }

    fn render(&self, e: &Extraction) -> String {
        let mut out = String::new();
        let mut prev: Option<usize> = None;
        let order = e
            .title_line
            .filter(|_| self.config.keep_title)
            .into_iter()
            .chain((0..e.walk.lines.len()).filter(|&i| Some(i) != e.title_line && e.verdicts[i].0));
        for i in order {
            let l = e.walk.lines[i];
            if let Some(p) = prev {
                let pl = e.walk.lines[p];
                let tight = l.line_no == pl.line_no + 1 && p + 1 == i;
                out.push_str(if tight { "\n" } else { "\n\n" });
            }
            out.push_str(&e.walk.text[l.start..l.end]);
            prev = Some(i);
        }
        for p in &e.body {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(p);
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }

    fn article_of(&self, e: &Extraction, url: Option<&str>) -> Article {
        let m = &e.walk.meta;
        let line = |i: usize| {
            let l = e.walk.lines[i];
            &e.walk.text[l.start..l.end]
        };
        let title = e
            .title_line
            // (without the bullet the page text gives a list item: a heading
            // inside an <li>)
            .map(|i| {
                let t = line(i).strip_prefix("  • ").unwrap_or(line(i));
                without_kickers(
                    t,
                    e.walk
                        .kickers
                        .iter()
                        .filter(|k| k.0 == i)
                        .map(|k| k.1.as_str()),
                )
            })
            // a heading broken by <br> after a colon or a dash ("Tanz in der
            // Lokremise: <br>Mit allen Wassern gewaschen") goes on on the next
            // line of its element: one headline
            .map(|t| {
                let Some(i) = e.title_line else { return t };
                let l = e.walk.lines[i];
                let next = e.walk.lines.get(i + 1);
                match next {
                    Some(n)
                        if n.block == l.block
                            && n.line_no == l.line_no + 1
                            && t.trim_end().ends_with([':', '-', '–', '—']) =>
                    {
                        format!("{} {}", t.trim_end(), line(i + 1).trim())
                    }
                    _ => t,
                }
            })
            .or_else(|| m.og_title.clone())
            .or_else(|| m.jsonld_headline.clone())
            .or_else(|| m.title_tag.as_deref().and_then(title_from_tag))
            .filter(|t| t.len() <= 400);
        // The markup's authors, else the first byline line near the article.
        // (the first kept line, found once: `near` is asked of every line of the page)
        let first = e.verdicts.iter().position(|v| v.0).unwrap_or(0);
        let near = |i: &usize| *i + 12 >= first && *i <= first + 40;
        // Each markup author as the names a byline gives (a role, credential or
        // the publication after a comma left out: "Jane Roe, PhD", "Jane Roe,
        // CNN"), without the ones that name the publication or an organisation.
        let host = url.or(m.canonical.as_deref()).and_then(meta::host_of);
        let authors: Vec<String> = m
            .authors
            .iter()
            .map(|a| meta::byline_names(a, m, host.as_deref()))
            .filter(|a| {
                !a.is_empty()
                    && !meta::names_the_publication(a, m, host.as_deref())
                    && !meta::is_user_name(a)
            })
            .collect();
        let byline = (!authors.is_empty())
            .then(|| authors.join(", "))
            .or_else(|| {
                // (not a menu's entry: a list item all of whose text is a link,
                // "By Course or Type")
                let menu_entry = |i: usize| {
                    let b = &e.walk.blocks[e.walk.lines[i].block as usize];
                    b.kind == BlockKind::ListItem && all_link_text(b)
                };
                (0..e.walk.lines.len())
                    .filter(near)
                    .filter(|&i| !menu_entry(i))
                    .find_map(|i| crate::article::byline_of(line(i)))
            })
            // else a short line near the article that the markup calls the
            // author (class "author"/"byline", itemprop or rel "author"), not
            // in comments, an author's profile box or the site's boxes
            .or_else(|| {
                (0..e.walk.lines.len()).filter(near).find_map(|i| {
                    let b = &e.walk.blocks[e.walk.lines[i].block as usize];
                    // (comments and the site's boxes: `elsewhere`)
                    let other = tags::cat::AUTHOR_BIO | tags::cat::CAPTION;
                    (b.cats_near & tags::cat::BYLINE != 0
                        && b.cats_near & other == 0
                        && b.flags & (tags::flag::FORM | tags::flag::CONTROL) == 0
                        && b.kind != BlockKind::Caption
                        && !elsewhere(b.flags, b.cats_near))
                    .then(|| crate::article::byline_in_markup(line(i)))
                    .flatten()
                    .filter(|n| !meta::names_the_publication(n, m, host.as_deref()))
                })
            })
            // else the text of an inline element the markup calls the author,
            // on a line near the article that holds more ("Posted on 5 May
            // 2019 by <span class=author>Jane Roe</span> | 3 Comments"), with
            // the same exclusions
            .or_else(|| {
                e.walk
                    .authors
                    .iter()
                    .filter(|a| near(&a.line))
                    .find_map(|a| {
                        let other = tags::cat::AUTHOR_BIO | tags::cat::CAPTION;
                        (a.cats & other == 0
                            && a.flags & (tags::flag::FORM | tags::flag::CONTROL) == 0
                            && !elsewhere(a.flags, a.cats))
                        .then(|| {
                            // with the byline word before it ("von <span
                            // class=author>Lars</span>": one word is a name then)
                            if crate::article::introduces_byline(&a.before) {
                                crate::article::byline_in_markup(&format!(
                                    "{} {}",
                                    a.before, a.text
                                ))
                            } else {
                                crate::article::byline_in_markup(&a.text)
                            }
                        })
                        .flatten()
                        .filter(|n| !meta::names_the_publication(n, m, host.as_deref()))
                    })
            })
            // else the account a "Written by" meta pair names, when it reads
            // as a name after such a label (not a user name: "sarah-indra")
            // and the page shows it (a template's hidden account is not)
            .or_else(|| {
                m.written_by
                    .as_deref()
                    .and_then(|w| crate::article::byline_in_markup(&format!("Von {w}")))
                    // (a name, not the user name a byline word may introduce)
                    .filter(|n| n.starts_with(char::is_uppercase))
                    .filter(|n| !meta::names_the_publication(n, m, host.as_deref()))
                    .filter(|n| e.walk.text.contains(n.as_str()))
            })
            // else a byline line that ends the story ("Text: Jane Roe",
            // "Reporting by Jane Roe"; a long story's end is past `near`):
            // within a few lines of its last kept line, not in a box
            .or_else(|| {
                let last = e.verdicts.iter().rposition(|v| v.0)?;
                (last.saturating_sub(2)..(last + 4).min(e.walk.lines.len()))
                    .filter(|i| !near(i))
                    .filter(|&i| {
                        let b = &e.walk.blocks[e.walk.lines[i].block as usize];
                        !elsewhere(b.flags, b.cats_near)
                            && b.cats_near & (tags::cat::AUTHOR_BIO | tags::cat::CAPTION) == 0
                    })
                    .find_map(|i| crate::article::byline_of(line(i)))
                    .filter(|n| !meta::names_the_publication(n, m, host.as_deref()))
            })
            .map(|b| crate::article::tidy_byline(&b));
        // The markup's date, else a <time> element of the story's own (near
        // its start or inside it, not in a box of other stories, the site's
        // navigation or comments), else the first dateline (not the headline,
        // nor in a <nav>, <aside>, <footer> or the site's <header>).
        let last = e.verdicts.iter().rposition(|v| v.0).unwrap_or(0);
        // (`anywhere`: else the first dateline near the article, wherever)
        let visible = |anywhere: bool| {
            e.walk
                .times
                .iter()
                .filter(|t| near(&t.line) || (first..=last + 1).contains(&t.line))
                // (the markup's itemprop="datePublished" also in an <aside>: a
                // story's header holds its meta box in one; and in a <footer>
                // inside the story's <article>: its own, HTML's place for it)
                .filter(|t| {
                    use tags::flag::{ARTICLE, ASIDE, FOOTER};
                    let own = if t.flags & ARTICLE != 0 {
                        ASIDE | FOOTER
                    } else {
                        ASIDE
                    };
                    !elsewhere(t.flags, t.cats)
                        || t.cats & tags::cat::DATE != 0 && !elsewhere(t.flags & !own, t.cats)
                })
                .find_map(|t| crate::dates::parse_date(&t.value))
                .or_else(|| {
                    let dated = |i: usize| {
                        let b = &e.walk.blocks[e.walk.lines[i].block as usize];
                        // by its elements only: class words near page text are
                        // too loose here ("more-links", "NavWebP" hold the
                        // story's own dateline on real pages)
                        (near(&i)
                            && meta_line(&e.walk, &e.walk.lines[i]).is_some()
                            && !elsewhere(b.flags, 0))
                        .then(|| crate::article::dateline_of(line(i)))
                        .flatten()
                    };
                    let n = e.walk.lines.len();
                    let kept = |k: usize| e.verdicts.get(k).is_some_and(|v| v.0);
                    // the dateline just under the headline, else the first
                    e.title_line
                        .and_then(|t| crate::article::date_under_headline(t, n, line, kept, dated))
                        .or_else(|| anywhere.then(|| (0..n).find_map(dated)).flatten())
                })
        };
        let found = match (&m.date, &m.date_conflict) {
            // the JSON-LD and the meta tags name different days: the visible
            // date decides when it is one of them, else the page cannot tell
            (Some(d), Some(other)) => visible(true).and_then(|v| {
                let mut agree = [d, other]
                    .into_iter()
                    .filter(|c| crate::dates::within_a_day(c, &v));
                match (agree.next(), agree.next()) {
                    (Some(c), None) => Some(c.clone()),
                    _ => None,
                }
            }),
            (Some(d), None) => Some(d.clone()),
            (None, _) => visible(true),
        };
        // a permalink's date path (/2014/03/05/) is set when the story is
        // published: it stands for a page that gives no date; a date found
        // more than a day away from it (a republished story's, an embedded
        // post's, or the path's own mistake) leaves the page undated
        let path_date = url
            .or(m.canonical.as_deref())
            .and_then(crate::dates::date_in_url);
        // A UTC instant ("2018-12-31T23:11:59Z") that the page also writes in
        // its own time zone (a <time datetime> or another date of its markup
        // with the offset, or the local clock) is given as the page writes it:
        // the story's date is the local one. Without that, a permalink's day
        // next to the UTC instant's is the story's local day, given alone (no
        // time: newsprep does not convert a time to a zone it guesses).
        let found = found.map(|d| {
            m.dates
                .iter()
                .cloned()
                .chain(
                    e.walk
                        .times
                        .iter()
                        .filter_map(|t| crate::dates::parse_date(&t.value)),
                )
                .find(|l| crate::dates::local_of_utc(&d, l))
                // else the day the story's own date shows (a <time> of the
                // story, the dateline under the headline: not the site's
                // "today" in its header), when a time zone puts the instant on
                // it ("5. November 2021" over 2021-11-04T23:00:00Z): given alone
                .or_else(|| visible(false).filter(|v| crate::dates::local_day_of_utc(&d, v)))
                .unwrap_or(d)
        });
        let date = match (found, path_date) {
            // unless the markup's date is also the one the story shows (its own
            // <time>, the dateline under its headline) and the path's is not: the
            // path is then the odd one out (a content system's draft date:
            // /2022/05/02/ on a story published, declared and dated 8 May)
            (Some(d), Some(p)) if !crate::dates::within_a_day(&d, &p) => {
                let shown = visible(false).is_some_and(|v| {
                    crate::dates::within_a_day(&d, &v) && !crate::dates::within_a_day(&p, &v)
                });
                (m.date.is_some() && shown).then_some(d)
            }
            (Some(d), Some(p)) if crate::dates::utc_beside(&d, &p) => Some(p),
            (found, p) => found.or(p),
        };
        let text = self.render(e);
        // the page's declaration, unless its story is clearly in another
        // language (a template's default lang="en" on a German page)
        let language = crate::article::language_of(m.language.as_deref(), &text);
        Article {
            title,
            byline,
            date,
            text,
            // a relative canonical ("/news/a") is resolved against the page's
            // base: its `<base href>` (itself resolved against the page's URL),
            // else the page's URL
            url: m
                .canonical
                .as_deref()
                .and_then(|c| {
                    let base = m.base.as_deref().and_then(|b| meta::resolve_url(url, b));
                    meta::resolve_url(base.as_deref().or(url), c)
                })
                // a canonical that is a site's home page, on a page the caller
                // fetched from deeper in a site, is a template's mistake: the
                // article is not the home page
                .filter(|c| {
                    !is_site_root(c)
                        || url
                            .and_then(|u| meta::resolve_url(None, u))
                            .is_none_or(|u| is_site_root(&u))
                })
                // the page's URL itself only when it is an absolute http(s) one
                .or_else(|| url.and_then(|u| meta::resolve_url(None, u))),
            site_name: m.site_name.clone(),
            language,
        }
    }
}

/// The paragraphs of the page's JSON-LD `articleBody` when they are the
/// story's text: the body has at least [`JSON_LD_MIN_WORDS`] words and the
/// kept lines (but the headline) hold fewer than one in [`JSON_LD_SHARE`] as
/// many. Kept lines the body repeats (their word trigrams: linear, however
/// long the body and many the lines), and those of the
/// site's boxes (navigation, footer, related stories: `elsewhere`), then go
/// as `"json-ld"`; the others (a standfirst) stay before it. Else nothing,
/// and nothing changes.
fn json_ld_body(
    walk: &Walk,
    ctx: &PageContext,
    verdicts: &mut [Verdict],
    title_line: Option<usize>,
) -> Vec<String> {
    let Some(body) = walk.meta.article_body_raw.as_deref() else {
        return Vec::new();
    };
    let paragraphs = body_paragraphs(body);
    let body_words: usize = paragraphs
        .iter()
        .map(|p| p.split_whitespace().count())
        .sum();
    if body_words < JSON_LD_MIN_WORDS {
        return Vec::new();
    }
    let line = |i: usize| &walk.text[walk.lines[i].start..walk.lines[i].end];
    let story = |i: usize, v: &Verdict| v.0 && Some(i) != title_line;
    let kept_words: usize = (verdicts.iter().enumerate())
        .filter(|&(i, v)| story(i, v))
        .map(|(i, _)| line(i).split_whitespace().count())
        .sum();
    if kept_words * JSON_LD_SHARE >= body_words {
        return Vec::new();
    }
    for (i, v) in verdicts.iter_mut().enumerate() {
        let b = &walk.blocks[walk.lines[i].block as usize];
        if story(i, v) && (elsewhere(b.flags, b.cats_near) || ctx.body_repeats(line(i))) {
            *v = (false, "json-ld", v.2);
        }
    }
    paragraphs
}

/// The paragraphs of a JSON-LD `articleBody` as given: HTML markup (some
/// sites put the story's `<p>`s there) read as a page's text is, else one
/// paragraph per line with its character references decoded; each with its
/// whitespace collapsed, none empty.
fn body_paragraphs(body: &str) -> Vec<String> {
    let paragraphs: Vec<String> = if looks_like_html(body) {
        page_text(body).lines().map(collapsed).collect()
    } else {
        body.lines()
            .map(|l| collapsed(&meta::decode_refs(l)))
            .collect()
    };
    paragraphs.into_iter().filter(|p| !p.is_empty()).collect()
}

/// `s` with each run of whitespace made one space, and trimmed (whole: a
/// paragraph is never cut).
fn collapsed(s: &str) -> String {
    meta::collapse_whitespace(s, usize::MAX)
}

/// Whether the absolute URL `u` is a site's home page: no path but `/`, no
/// query (`https://example.com/`, `https://example.com/#top`).
fn is_site_root(u: &str) -> bool {
    let rest = u.split_once("://").map_or(u, |(_, r)| r);
    let rest = rest.split('#').next().unwrap_or(rest);
    match rest.find(['/', '?']) {
        None => true,
        Some(i) => &rest[i..] == "/",
    }
}

/// Whether a part of the page, given by its ancestor `flags` and the
/// class/id categories `cats` of it and its nearest block-level ancestors, is
/// not the story's own: navigation, a footer or an `<aside>`, a box of
/// related stories, a sidebar, comments or an ad, or the site's header (a
/// `<header>` outside `<article>` and `<main>` that no class calls a date).
/// A `<time>` there is another story's, a comment's or today's, never the
/// page's date; a dateline's block passes no `cats` (judged by its elements
/// alone).
fn elsewhere(flags: u32, cats: u32) -> bool {
    use tags::{cat, flag};
    let boxes = cat::RELATED | cat::COMMENT | cat::NAV | cat::SIDEBAR | cat::FOOTER | cat::AD;
    let site_header = flags & flag::HEADER != 0
        && flags & (flag::ARTICLE | flag::MAIN) == 0
        && cats & cat::DATE == 0;
    cats & boxes != 0 || flags & (flag::NAV | flag::FOOTER | flag::ASIDE) != 0 || site_header
}

/// `"byline"` or `"dateline"` when line `l` is one: a short line that reads
/// as a byline ("By Jane Doe"), or a short line that holds a date and little
/// else, or a short unpunctuated line the markup calls a byline or a date
/// (class/id words, `rel=author`, `itemprop`, `<time>`).
fn meta_line(walk: &Walk, l: &dom::LineSpan) -> Option<&'static str> {
    let t = walk.text[l.start..l.end].trim();
    let words = t.split_whitespace().count();
    if words == 0 || words > 14 {
        return None;
    }
    if crate::article::is_byline_block(t) {
        return Some("byline");
    }
    let b = &walk.blocks[l.block as usize];
    // a full stop right after a digit ends an ordinal or a date ("2024.
    // március 5."), not a sentence
    let ordinal_stop = t.ends_with('.') && t[..t.len() - 1].ends_with(|c: char| c.is_ascii_digit());
    let terminal = t.ends_with(['.', '!', '?', '"', '”']) && !ordinal_stop;
    if words <= 10 && !terminal && crate::dates::parse_date(t).is_some() {
        return Some("dateline");
    }
    if words <= 8 && !terminal {
        if b.cats_near & tags::cat::BYLINE != 0 {
            return Some("byline");
        }
        if b.cats_near & tags::cat::DATE != 0 || b.flags & tags::flag::TIME != 0 {
            return Some("dateline");
        }
    }
    None
}

/// One verdict per walk line: kept, reason, score.
type Verdict = (bool, &'static str, f32);

/// The decision for each line of `walk` (one per line of the page text, in
/// order).
fn verdicts_of(walk: &Walk, decisions: &[LineDecision]) -> Vec<Verdict> {
    walk.lines
        .iter()
        .map(|l| {
            decisions
                .get(l.line_no as usize)
                .filter(|d| d.line == l.line_no as usize)
                .map_or((false, "low-score", 0.0), |d| (d.kept, d.reason, d.score))
        })
        .collect()
}

/// The same-path rule of [`Extractor::refine_run`]: a `"low-score"` line of
/// at least [`SAME_PATH_WORDS`] words (`words(i)`) scoring at least `min` is
/// kept as `"article"` when [`SAME_PATH_KEPT`] kept article lines share its
/// path key (`key(i)`).
fn keep_same_path(
    verdicts: &mut [Verdict],
    key: impl Fn(usize) -> u64,
    words: impl Fn(usize) -> usize,
    min: f32,
) {
    let mut kept: std::collections::HashMap<u64, u32, crate::hash::FnvBuild> = Default::default();
    for (i, v) in verdicts.iter().enumerate() {
        if v.0 && v.1 == "article" {
            *kept.entry(key(i)).or_default() += 1;
        }
    }
    for (i, v) in verdicts.iter_mut().enumerate() {
        if !v.0
            && v.1 == "low-score"
            && v.2 >= min
            && words(i) >= SAME_PATH_WORDS
            && kept.get(&key(i)).copied().unwrap_or(0) >= SAME_PATH_KEPT
        {
            *v = (true, "article", v.2);
        }
    }
}

/// The prose rule of [`Extractor::refine_run`]: a line the cleaner removed
/// as `"phrase"` (it holds a chrome phrase) or `"separator"` (it holds
/// separators, like a menu bar) is kept as `"article"` when it has at least
/// [`SAME_PATH_WORDS`] words (`words(i)`) and the HTML model scores it at
/// least `min` (see [`Tuning::prose_rule_min`]).
fn keep_prose_over_rules(verdicts: &mut [Verdict], words: impl Fn(usize) -> usize, min: f32) {
    for (i, v) in verdicts.iter_mut().enumerate() {
        if !v.0
            && matches!(v.1, "phrase" | "separator")
            && v.2 >= min
            && words(i) >= SAME_PATH_WORDS
        {
            *v = (true, "article", v.2);
        }
    }
}

/// The link-list rule of [`Extractor::refine_run`]: a kept `"article"` line
/// for which `link_item(i)` holds (a list item whose text is at least 90%
/// link text) goes as `"short-nav"`. Lists of links in a story's box are
/// "related stories" or "more on this" lists; a list the story itself holds
/// (steps, ingredients, names) is text.
fn drop_link_items(verdicts: &mut [Verdict], link_item: impl Fn(usize) -> bool) {
    for (i, v) in verdicts.iter_mut().enumerate() {
        if v.0 && v.1 == "article" && link_item(i) {
            *v = (false, "short-nav", v.2);
        }
    }
}

/// The after-container rule of [`Extractor::refine_run`]: a kept `"article"`
/// line outside the story's container ([`story_container`] with
/// [`Tuning::container_share`]) and after the container's last kept line
/// goes as `"low-score"` when it scores below
/// [`Tuning::after_container_max`].
fn drop_after_container(walk: &Walk, verdicts: &mut [Verdict], t: Tuning) {
    let Some((top, _, _)) = story_container(walk, verdicts, t.container_share) else {
        return;
    };
    let end = walk.elems[top].end as usize;
    let inside = |i: usize| {
        let h = walk.blocks[walk.lines[i].block as usize].host as usize;
        (top..=end).contains(&h)
    };
    let Some(last) = (0..verdicts.len())
        .rev()
        .find(|&i| verdicts[i].0 && inside(i))
    else {
        return;
    };
    for (i, v) in verdicts.iter_mut().enumerate().skip(last + 1) {
        if v.0 && v.1 == "article" && v.2 < t.after_container_max && !inside(i) {
            *v = (false, "low-score", v.2);
        }
    }
}

/// The terminator rule of [`Extractor::refine_run`]: lines after a
/// terminator (`"terminator-tail"`) that the HTML model is sure of (a run of
/// at least [`TERMINATOR_RUN`] scoring [`TERMINATOR_SURE`] or more) are the
/// article going on: a "Comments" link in a toolbar above the story, a
/// "Related" box between the headline and the body. Not once the story has
/// begun (at least [`STORY_BEGUN_CHARS`] of kept text, `len(i)` per line,
/// before the terminator): then it ends the story, and what the model likes
/// after it is what follows stories (reader comments not marked up as
/// such, a blog's discussion), unless the terminator is in preformatted
/// text (`pre(i)`: a word of code, not a heading).
fn keep_after_terminator(
    verdicts: &mut [Verdict],
    pre: impl Fn(usize) -> bool,
    len: impl Fn(usize) -> usize,
) {
    let Some(term) = verdicts.iter().position(|v| v.1 == "terminator-tail") else {
        return;
    };
    let before: usize = (0..term).filter(|&i| verdicts[i].0).map(&len).sum();
    if before >= STORY_BEGUN_CHARS && !pre(term) {
        return;
    }
    let sure = |v: &Verdict| v.1 == "terminator-tail" && v.2 >= TERMINATOR_SURE;
    let mut i = term;
    while i < verdicts.len() {
        if !sure(&verdicts[i]) {
            i += 1;
            continue;
        }
        let j = i + verdicts[i..].iter().take_while(|v| sure(v)).count();
        if j - i >= TERMINATOR_RUN {
            for v in &mut verdicts[i..j] {
                *v = (true, "article", v.2);
            }
        }
        i = j;
    }
}

/// The minority-chrome rule of [`Extractor::refine_run`]: when under half of
/// the kept `"article"` text (`len(i)` per line) is inside a `<footer>`,
/// `<aside>` or `<nav>` (`flags(i)`, the line's ancestor flags), the kept
/// `"article"` lines inside one go as `"low-score"`: the story is elsewhere,
/// and these are its footer (tags, the author's box), a side box or a menu.
fn drop_minority_chrome(
    verdicts: &mut [Verdict],
    flags: impl Fn(usize) -> u32,
    len: impl Fn(usize) -> usize,
) {
    use tags::flag;
    let chrome = |i: usize| flags(i) & (flag::NAV | flag::ASIDE | flag::FOOTER) != 0;
    let (mut total, mut inside) = (0usize, 0usize);
    for (i, v) in verdicts.iter().enumerate() {
        if v.0 && v.1 == "article" {
            total += len(i);
            if chrome(i) {
                inside += len(i);
            }
        }
    }
    if 2 * inside >= total {
        return;
    }
    for (i, v) in verdicts.iter_mut().enumerate() {
        if v.0 && v.1 == "article" && chrome(i) {
            *v = (false, "low-score", v.2);
        }
    }
}

/// The box rule of [`Extractor::refine_run`]: inside the story's container
/// ([`story_container`] with [`Tuning::container_share`]), a kept
/// `"article"` line that is not a sentence (it does not end in `.`, `!`, `?`,
/// `:` or a closing quote) goes as `"low-score"` when an element between the
/// container and the line's block is named as related stories or an ad
/// ([`tags::cat::RELATED`], [`tags::cat::AD`]: "related", "more", "trending",
/// "teaser", "promo" ...): the headlines and kickers of a rail of other
/// stories set in the story. Sentences stay (a gallery's or an explainer's
/// text in a box so named).
fn drop_boxes_in_container(walk: &Walk, verdicts: &mut [Verdict], t: Tuning) {
    use tags::cat;
    let Some((top, _, _)) = story_container(walk, verdicts, t.container_share) else {
        return;
    };
    let end = walk.elems[top].end as usize;
    // boxed[e - top]: an element below the container, down to e, is so named
    // (parents come before their children, so one pass)
    let mut boxed = vec![false; end + 1 - top];
    for e in top + 1..=end {
        let p = walk.elems[e].parent as usize;
        let up = p > top && p <= end && boxed[p - top];
        boxed[e - top] = up || walk.elems[e].cats & (cat::RELATED | cat::AD) != 0;
    }
    for (v, l) in verdicts.iter_mut().zip(&walk.lines) {
        let h = walk.blocks[l.block as usize].host as usize;
        if !(v.0 && v.1 == "article" && h > top && h <= end && boxed[h - top]) {
            continue;
        }
        let text = walk.text[l.start..l.end].trim_end();
        if !text.ends_with(['.', '!', '?', '"', '”', ':']) {
            *v = (false, "low-score", v.2);
        }
    }
}

/// The story's container: the innermost element holding `share` of the
/// kept `"article"` text (or, when that is a list or a table or a part of
/// one, the element around it), with the kept and the whole text length
/// under each element; `None` when nothing is kept or that element is the
/// page's root.
fn story_container(
    walk: &Walk,
    verdicts: &[Verdict],
    share: f32,
) -> Option<(usize, Vec<u64>, Vec<u64>)> {
    let n = walk.elems.len();
    if n == 0 {
        return None;
    }
    let mut kept = vec![0u64; n];
    let mut all = vec![0u64; n];
    let mut total = 0u64;
    for (v, l) in verdicts.iter().zip(&walk.lines) {
        let host = walk.blocks[l.block as usize].host as usize;
        let len = (l.end - l.start) as u64;
        if host < n {
            all[host] += len;
            if v.0 && v.1 == "article" {
                kept[host] += len;
                total += len;
            }
        }
    }
    if total == 0 {
        return None;
    }
    for e in (1..n).rev() {
        let p = walk.elems[e].parent as usize;
        if p < n {
            kept[p] += kept[e];
            all[p] += all[e];
        }
    }
    // the elements holding the share form a chain from the root; ids grow
    // with depth along it
    let mut top = (0..n)
        .rev()
        .find(|&e| kept[e] as f32 >= share * total as f32)?;
    // a list or table is part of the story, not its container
    while top > 0 && walk.elems[top].list_or_table {
        top = walk.elems[top].parent as usize;
    }
    (top > 0 && top < n).then_some((top, kept, all))
}

/// The trailing-links rule of [`Extractor::refine_run`]: after the last kept
/// `"article"` line that is prose (`prose(i)`: at least [`SAME_PATH_WORDS`]
/// words, mostly not link text), a kept `"article"` line for which
/// `all_link(i)` holds (at least 90% link text) goes as `"short-nav"`: the
/// story has ended, and links after it lead elsewhere.
fn drop_trailing_links(
    verdicts: &mut [Verdict],
    all_link: impl Fn(usize) -> bool,
    prose: impl Fn(usize) -> bool,
) {
    let Some(last) = (0..verdicts.len())
        .rev()
        .find(|&i| verdicts[i].0 && verdicts[i].1 == "article" && prose(i))
    else {
        return;
    };
    for (i, v) in verdicts.iter_mut().enumerate().skip(last + 1) {
        if v.0 && v.1 == "article" && all_link(i) {
            *v = (false, "short-nav", v.2);
        }
    }
}

/// The lead rule of [`Extractor::refine_run`]: in the [`LEAD_WINDOW`] lines
/// before the article's first kept line, a `"low-score"` line of prose (at
/// least [`SAME_PATH_WORDS`] words, mostly not link text) scoring at least
/// `min` is kept as `"article"` when its container's class or id names a
/// lead, intro or summary ([`tags::cat::SUMMARY`]: "lead", "intro",
/// "standfirst", "dek", "summary" ...).
fn keep_lead(walk: &Walk, verdicts: &mut [Verdict], min: f32) {
    let Some(a) = verdicts.iter().position(|v| v.0 && v.1 == "article") else {
        return;
    };
    let lo = a.saturating_sub(LEAD_WINDOW);
    for (v, l) in verdicts[lo..a].iter_mut().zip(&walk.lines[lo..a]) {
        let b = &walk.blocks[l.block as usize];
        let lead = b.cats_near & tags::cat::SUMMARY != 0
            && b.link_chars * 2 <= b.chars
            && walk.text[l.start..l.end].split_whitespace().count() >= SAME_PATH_WORDS;
        if lead && !v.0 && v.1 == "low-score" && v.2 >= min {
            *v = (true, "article", v.2);
        }
    }
}

/// The container rule of [`Extractor::refine_run`]: the article's container
/// is the innermost element holding [`Tuning::container_share`] of the kept
/// article text (or, when that is a list or a table or a part of one, the
/// element around it), when at least [`Tuning::container_purity`] of its own
/// text is kept (not a page wrapper; [`Tuning::container_named_purity`] when
/// its own class or id names content or a story's body). Inside it, a `"low-score"` list item, table row
/// or cell, or heading scoring at least [`Tuning::container_min`] is the
/// article too (an ingredient list, a spec table, a subhead: the model, which
/// learned from news pages, doubts such short lines), unless the markup marks
/// it as chrome: mostly link text, a form control, inside navigation, an
/// aside, a footer, a form or a figure, or in a container whose class or id
/// names navigation, sharing, related links, comments, ads, a sidebar, a
/// subscription box, tags, a caption or a byline. Prose paragraphs are left
/// to the model (kept by this rule too, they cost precision on news sites).
fn keep_in_container(walk: &Walk, verdicts: &mut [Verdict], t: Tuning) {
    let Some((top, kept, all)) = story_container(walk, verdicts, t.container_share) else {
        return;
    };
    let n = walk.elems.len();
    let named = walk
        .elems
        .get(top)
        .is_some_and(|e| e.cats & (tags::cat::CONTENT | tags::cat::BODY) != 0);
    let purity = if named {
        t.container_named_purity.min(t.container_purity)
    } else {
        t.container_purity
    };
    if top == 0 || top >= n || (kept[top] as f32) < purity * all[top] as f32 {
        return;
    }
    let end = walk.elems[top].end as usize;
    let chrome_cats = tags::cat::NAV
        | tags::cat::SHARE
        | tags::cat::RELATED
        | tags::cat::COMMENT
        | tags::cat::AD
        | tags::cat::SIDEBAR
        | tags::cat::SUBSCRIBE
        | tags::cat::TAGS
        | tags::cat::CAPTION
        | tags::cat::BYLINE
        | tags::cat::FOOTER
        | tags::cat::HIDDEN;
    let chrome_flags = tags::flag::NAV
        | tags::flag::ASIDE
        | tags::flag::FOOTER
        | tags::flag::FORM
        | tags::flag::FIGURE
        | tags::flag::CONTROL
        | tags::flag::MENU;
    for (v, l) in verdicts.iter_mut().zip(&walk.lines) {
        let b = &walk.blocks[l.block as usize];
        let host = b.host as usize;
        if v.0 || v.1 != "low-score" || v.2 < t.container_min || host < top || host > end {
            continue;
        }
        let linked = b.link_chars * 2 > b.chars;
        // an embedded post's class names its social network, not a share box
        let cats = if b.flags & tags::flag::EMBED != 0 {
            b.cats_near & !tags::cat::SHARE
        } else {
            b.cats_near
        };
        let chrome = cats & chrome_cats != 0 || b.flags & chrome_flags != 0;
        let structured = matches!(
            b.kind,
            BlockKind::ListItem
                | BlockKind::TableRow
                | BlockKind::TableCell
                | BlockKind::Heading
                | BlockKind::Quote
        ) || b.flags & tags::flag::QUOTE != 0;
        if structured && !linked && !chrome {
            *v = (true, "article", v.2);
        }
    }
}

/// Characters of text in the kept lines.
fn kept_chars(walk: &Walk, verdicts: &[Verdict]) -> usize {
    verdicts
        .iter()
        .zip(&walk.lines)
        .filter(|(v, _)| v.0)
        .map(|(_, l)| l.end - l.start)
        .sum()
}

/// A headline line without the kickers and subtitles its heading's markup
/// names (`<span class="dachzeile">`, `<small class="subtitle">`), at its
/// start or its end, when two words or more of the headline remain.
fn without_kickers<'a>(line: &str, kickers: impl Iterator<Item = &'a str>) -> String {
    let mut t = line.trim();
    for k in kickers {
        let k = k.trim();
        let rest = if let Some(r) = t.strip_prefix(k) {
            r
        } else if let Some(r) = t.strip_suffix(k) {
            r
        } else {
            continue;
        };
        let rest =
            rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '-' | '–' | '|'));
        if rest.split_whitespace().count() >= 2 {
            t = rest;
        }
    }
    t.to_string()
}

/// The host of the page's canonical URL (`<link rel=canonical>`, `og:url`),
/// when it is absolute.
fn canonical_host(walk: &Walk) -> Option<String> {
    walk.meta.canonical.as_deref().and_then(meta::host_of)
}

/// A headline from a `<title>` element: the longest part between site-name
/// separators ([`features::title_parts`]), when it has at least 3 words;
/// `None` for a title that is too long to be a headline.
fn title_from_tag(t: &str) -> Option<String> {
    if t.len() > 400 {
        return None;
    }
    let best = features::title_parts(t)
        .into_iter()
        .max_by_key(|p| p.split_whitespace().count())
        .unwrap_or(t);
    Some(
        if best.split_whitespace().count() >= 3 {
            best
        } else {
            t
        }
        .to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A story paragraph for the date and byline tests (pages put it twice).
    const STORM_STORY: &str = "<p>A powerful storm closed three ports along the northern coast on \
                               Tuesday, officials said, and residents were told to stay indoors.</p>";

    #[test]
    fn a_credit_that_ends_a_long_story_is_its_byline() {
        let x = Extractor::new();
        // past the lines read for a byline under the headline
        let long = STORM_STORY.repeat(45);
        let page = |end: &str, after: &str| {
            format!(
                "<html><body><h1>Storm closes ports</h1><article>{long}{end}</article>\
                 {after}</body></html>"
            )
        };
        for (end, want) in [
            ("<p>Text: Jane Roe / example.test</p>", Some("Jane Roe")),
            (
                "<p>(Reporting by Ben Lima in Oslo; Editing by Ana Roe)</p>",
                Some("Ben Lima"),
            ),
            ("", None),
        ] {
            assert_eq!(
                x.article(&page(end, ""), None).byline.as_deref(),
                want,
                "{end}"
            );
        }
        // a byline in a box of other stories after it is not the story's
        let related = "<aside class=related><h3>More</h3><p>By Carl Doe</p></aside>";
        assert_eq!(x.article(&page("", related), None).byline, None);
    }

    #[test]
    fn an_author_naming_the_publication_is_not_the_byline() {
        let x = Extractor::new();
        let page = |head: &str, byline: &str| {
            format!(
                "<html><head>{head}<title>Storm closes ports - Example Tribune</title></head><body>\
                 <h1>Storm closes ports</h1>{byline}{STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        let byline = |head: &str, visible: &str, url: &str| {
            x.article(&page(head, visible), Some(url)).byline
        };
        let url = "https://www.exampletribune.test/news/storm";
        let site = r#"<meta property="og:site_name" content="Example Tribune">"#;
        let author = |a: &str| format!(r#"{site}<meta name="author" content="{a}">"#);
        // the site's name, a part of the <title>, the host, an address, a legal
        // form, a placeholder: the visible byline instead, else none
        for a in [
            "Example Tribune",
            "EXAMPLE TRIBUNE",
            "exampletribune.test",
            "Tribune Verlag GmbH",
            "Bund der Beispiele e. V.",
            "publisher",
        ] {
            assert_eq!(byline(&author(a), "", url), None, "{a}");
            assert_eq!(
                byline(&author(a), "<p>By Jane Roe</p>", url).as_deref(),
                Some("Jane Roe"),
                "{a}"
            );
        }
        // a role, a credential or the publication after the name goes
        for a in [
            "Jane Roe, PhD",
            "Jane Roe, Example Tribune",
            "Von Jane Roe",
            "Jane Roe, Staff Writer",
        ] {
            assert_eq!(
                byline(&author(a), "", url).as_deref(),
                Some("Jane Roe"),
                "{a}"
            );
        }
        assert_eq!(
            byline(&author("Jane Roe, Ben Lima"), "", url).as_deref(),
            Some("Jane Roe, Ben Lima")
        );
        // a personal site named after its author keeps the author (a host that
        // is the name alone reads as the publication's: "Example Tribune" on
        // exampletribune.test cannot be told from a person's name)
        let own = r#"<meta property="og:site_name" content="Jane Rowland"><meta name="author" content="Jane Rowland">"#;
        for host in ["janerowlandwrites.test", "jrowland.test"] {
            let own_url = format!("https://{host}/2024/storm");
            assert_eq!(
                byline(own, "", &own_url).as_deref(),
                Some("Jane Rowland"),
                "{host}"
            );
        }
        assert_eq!(byline(own, "", "https://example.test/storm"), None);
        // a writer whose name is not the site's stays
        assert_eq!(
            byline(&author("Jane Roe"), "", url).as_deref(),
            Some("Jane Roe")
        );
        // the publication's initials as its host
        let dw = r#"<meta name="author" content="Deutsche Welle">"#;
        assert_eq!(byline(dw, "", "https://www.dw.test/en/storm"), None);
        assert_eq!(
            byline(dw, "<p>By Jane Roe</p>", "https://www.dw.test/en/storm").as_deref(),
            Some("Jane Roe")
        );
    }

    /// The text of line `i` of a walk.
    fn line_text(w: &Walk, i: usize) -> &str {
        &w.text[w.lines[i].start..w.lines[i].end]
    }

    /// A decision as the model might make it: lines longer than `min_len` bytes
    /// kept as article text (score 0.9), the others `"low-score"` at `low`.
    fn by_length(w: &Walk, min_len: usize, low: f32) -> Vec<Verdict> {
        (0..w.lines.len())
            .map(|i| {
                if line_text(w, i).len() > min_len {
                    (true, "article", 0.9)
                } else {
                    (false, "low-score", low)
                }
            })
            .collect()
    }

    /// The lines a rule brought back: kept, with a score under 0.5.
    fn rescued<'w>(w: &'w Walk, v: &[Verdict]) -> Vec<&'w str> {
        (0..v.len())
            .filter(|&i| v[i].0 && v[i].2 < 0.5)
            .map(|i| line_text(w, i))
            .collect()
    }

    #[test]
    fn markup_is_told_from_page_text() {
        for html in [
            "<!doctype html><title>x</title>",
            "  \u{feff}<HTML lang=en>",
            "<?xml version=\"1.0\"?><html>",
            "<div class=a><p>One</p><p>Two</p></div>",
            "Skip\n<ul>\n<li>Home</li>\n<li>News</li>\n</ul>",
        ] {
            assert!(looks_like_html(html), "{html}");
        }
        for text in [
            "",
            "Rain fell in Faro on Monday.\nRoads closed.",
            "If a < b and b > c then a < c; x <p> y",
            "I <3 this <b>bold</b> claim",
            "<p> <p> <p> three opening tags of text but nothing closed",
            &"é".repeat(5000),
        ] {
            assert!(!looks_like_html(text), "{text}");
        }
    }

    #[test]
    fn compiled_model_fits() {
        compiled_model()
            .expect("src/html/model.rs fits the features: rerun scripts/train_extractor.py");
    }

    #[test]
    fn explain_accounts_for_every_line() {
        let html = "<nav><a href=/>Home</a></nav><h1>A headline here today</h1>\
                    <p>First paragraph of the story, long enough to count as prose.</p>";
        let x = Extractor::new();
        let pt = x.page_text(html);
        let ex = x.explain(html);
        assert_eq!(
            ex.len(),
            pt.lines().filter(|l| !l.trim().is_empty()).count()
        );
        for d in &ex {
            assert!(!pt[d.start..d.end].is_empty());
        }
    }

    /// A page with a JSON-LD article whose `articleBody` is `body`, and the
    /// visible `html` in its `<body>`.
    fn with_json_ld(body: &str, html: &str) -> String {
        let ld = serde_json::json!({
            "@context": "https://schema.org", "@type": "NewsArticle",
            "headline": "Council approves the new city budget",
            "datePublished": "2024-03-05T09:30:00Z", "articleBody": body,
        });
        format!(
            "<html><head><title>Council approves the new city budget | City News</title>\
             <script type=\"application/ld+json\">{ld}</script></head><body>{html}</body></html>"
        )
    }

    /// Paragraphs of a story: `n` sentences of twelve words each.
    fn story(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| format!("The council met on day {i} and voted on the budget again."))
            .collect()
    }

    #[test]
    fn a_page_its_scripts_render_gives_its_json_ld_body() {
        // The visible page is a menu and a footer; the story is in JSON-LD.
        let paras = story(12);
        let html = with_json_ld(
            &paras.join("\n"),
            "<nav><a href=/>Home</a> <a href=/news>News</a></nav><div id=root></div>\
             <footer>\u{a9} 2024 City News</footer>",
        );
        let x = Extractor::new();
        let a = x.article(&html, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Council approves the new city budget")
        );
        assert_eq!(a.text, format!("{}\n", paras.join("\n\n")));
        assert_eq!(x.extract(&html), a.text);
        // every line of the page is accounted for, none kept
        let ex = x.explain(&html);
        assert!(ex.iter().all(|d| !d.kept), "{ex:?}");
        // off on request: the page's own lines only
        let off = Extractor::builder().disable(["json-ld"]).build().unwrap();
        assert!(!off.extract(&html).contains("voted on the budget"));
        let err = Extractor::builder()
            .disable(["jsonld"])
            .build()
            .unwrap_err();
        assert!(err.to_string().contains("dateline, json-ld)"), "{err}");
        assert!(Extractor::rule_ids().contains(&"json-ld"));
    }

    #[test]
    fn disable_accepts_exactly_the_disableable_rules() {
        let ids = Extractor::disableable_rules();
        assert!(ids.contains(&"json-ld") && ids.contains(&"short-nav"));
        // no corpus mode: "site-repeat" never runs, so disabling it is refused
        assert!(!ids.contains(&"site-repeat"));
        let err = Extractor::builder().disable(["site-repeat"]).build();
        assert!(err.is_err_and(|e| e.to_string().contains("json-ld")));
        for id in Extractor::rule_ids() {
            let built = Extractor::builder().disable([*id]).build();
            assert_eq!(built.is_ok(), ids.contains(id), "{id}");
        }
        for id in ids {
            assert!(Extractor::rule_ids().contains(id), "{id}");
        }
    }

    #[test]
    fn a_teaser_over_a_json_ld_story_keeps_its_standfirst() {
        // The page shows a standfirst and the first paragraph; JSON-LD has the
        // whole story, HTML markup and entities included, without the standfirst.
        let paras = story(15);
        let body: String = paras.iter().map(|p| format!("<p>{p}&nbsp;</p>")).collect();
        let html = with_json_ld(
            &body,
            &format!(
                "<h1>Council approves the new city budget</h1>\
                 <p class=lead>A standfirst that the structured data leaves out of the body.</p>\
                 <p>{}</p><div class=paywall>Subscribe to read the full story</div>",
                paras[0]
            ),
        );
        let x = Extractor::new();
        let text = x.extract(&html);
        let want = format!(
            "Council approves the new city budget\n\n\
             A standfirst that the structured data leaves out of the body.\n\n{}\n",
            paras.join("\n\n")
        );
        assert_eq!(text, want);
        let ex = x.explain(&html);
        let first = ex
            .iter()
            .find(|d| d.reason == "json-ld")
            .expect("a line the body repeats");
        assert!(!first.kept);
    }

    #[test]
    fn a_page_that_shows_its_story_keeps_its_own_text() {
        // JSON-LD repeats the story (or gives a short summary): the page's own
        // lines are the text.
        let paras = story(12);
        let shown: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        for body in [paras.join("\n"), paras[0].clone()] {
            let html = with_json_ld(
                &body,
                &format!("<h1>Council approves the new city budget</h1>{shown}"),
            );
            let x = Extractor::new();
            let ex = x.explain(&html);
            assert!(ex.iter().all(|d| d.reason != "json-ld"), "{ex:?}");
            assert_eq!(x.extract(&html).matches("voted on the budget").count(), 12);
        }
    }

    #[test]
    fn a_line_that_is_the_titles_headline_part_is_the_headline() {
        // The site's section label is marked up as a heading; the headline
        // sits in an element whose id says "nav" (a real CMS's naming).
        let html = "<title>The Daily Example : Sport : Pandas learn to climb trees</title>\
                    <h2>Sport</h2><div id=NavWebPart_story><span>Pandas learn to climb trees</span></div>\
                    <p>Four young pandas at the reserve were taught to climb trees this week, \
                    their keepers said on Monday, after months of practice on logs.</p>\
                    <p>The keepers said the animals would be released next spring if they \
                    keep learning at this pace, and that visitors could watch them train.</p>";
        let a = Extractor::new().article(html, None);
        assert_eq!(a.title.as_deref(), Some("Pandas learn to climb trees"));
        assert_eq!(
            features::title_parts("Site : Section : A headline | Site"),
            ["Site", "Section", "A headline", "Site"]
        );
    }

    #[test]
    fn a_relative_canonical_url_is_made_absolute() {
        let html = "<link rel=canonical href=/news/storm.html><p>A powerful storm closed three \
                    ports along the northern coast on Tuesday, officials said.</p>";
        let x = Extractor::new();
        let a = x.article(html, Some("https://example.com/news/storm.html?utm=x"));
        assert_eq!(
            a.url.as_deref(),
            Some("https://example.com/news/storm.html")
        );
        // without the page's URL a relative canonical cannot be resolved
        assert_eq!(x.article(html, None).url, None);
        // the page's URL is the article's only when it is an absolute http(s) URL
        let plain = "<p>A powerful storm closed three ports along the northern coast on \
                     Tuesday, officials said.</p>";
        for given in ["example.com/news/storm.html", "/news/storm.html", "N/A", ""] {
            assert_eq!(x.article(plain, Some(given)).url, None, "{given:?}");
        }
        assert_eq!(
            x.article(plain, Some(" https://example.com/a "))
                .url
                .as_deref(),
            Some("https://example.com/a")
        );
        // a canonical that is the site's home page is not the article's
        for home in ["https://example.com/", "https://example.com", "/"] {
            let page = format!("<link rel=canonical href={home}>{plain}");
            let a = x.article(&page, Some("https://example.com/news/storm.html"));
            assert_eq!(
                a.url.as_deref(),
                Some("https://example.com/news/storm.html"),
                "{home}"
            );
            // ... but on the home page itself, or with no page URL, it is what we know
            let a = x.article(&page, Some("https://example.com/"));
            assert!(
                matches!(
                    a.url.as_deref(),
                    Some("https://example.com/" | "https://example.com")
                ),
                "{home}"
            );
        }
        let page = format!("<link rel=canonical href=https://example.com/>{plain}");
        assert_eq!(
            x.article(&page, None).url.as_deref(),
            Some("https://example.com/")
        );
        let page = format!("<link rel=canonical href=https://example.com/?p=12>{plain}");
        let a = x.article(&page, Some("https://example.com/news/storm.html"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/?p=12"));
        // an absolute og:url serves when the canonical link is relative
        let og = format!("<meta property=og:url content=https://example.com/a>{html}");
        assert_eq!(
            x.article(&og, None).url.as_deref(),
            Some("https://example.com/a")
        );
    }

    #[test]
    fn a_relative_canonical_url_is_resolved_against_the_base_element() {
        let body = "<p>A powerful storm closed three ports along the northern coast on \
                    Tuesday, officials said.</p>";
        let x = Extractor::new();
        // an absolute <base href> resolves it without the page's URL
        let html = format!(
            "<head><base href=https://example.com/news/><link rel=canonical href=storm.html></head>{body}"
        );
        assert_eq!(
            x.article(&html, None).url.as_deref(),
            Some("https://example.com/news/storm.html")
        );
        // a relative one is resolved against the page's URL first; only the first counts
        let html = format!(
            "<base href=/archive/2024/><base href=/other/><link rel=canonical href=storm.html>{body}"
        );
        assert_eq!(
            x.article(&html, Some("https://example.com/m/storm?amp=1"))
                .url
                .as_deref(),
            Some("https://example.com/archive/2024/storm.html")
        );
    }

    #[test]
    fn a_table_header_row_is_not_the_headline() {
        // the story opens with a table and nothing is marked up as a headline
        // near it: the header row of short cells was taken for the headline
        let html = "<table><thead><tr><th>Pos</th><th>Player</th><th>Plays</th></tr></thead>\
                    <tbody><tr><td>DL</td><td>Larry Smith</td><td>63 plays, 1 tackle and 2 hits on the quarterback.</td></tr>\
                    <tr><td>LB</td><td>Joe Brown</td><td>74 plays, 7 tackles, 2 interceptions and a sack.</td></tr></tbody></table>\
                    <p>There is a lot to sort through here, and the defense had its best game of the \
                    season against a rival that had beaten it twice last year.</p>\
                    <p>The coach said on Monday that the rotation on the line would stay the same \
                    for the next game, whatever the injury report says by Friday.</p>";
        let a = Extractor::new().article(html, None);
        assert_ne!(a.title.as_deref(), Some("Pos\tPlayer\tPlays"), "{a:?}");
    }

    #[test]
    fn a_data_tables_rows_of_numbers_stay_with_its_header() {
        // "1.0\t2023" has digits and no letters, so the text rule removed it
        // as a counter ("12 Comments"): the table lost its data and kept its
        // header row
        let p = |i: usize| {
            format!(
                "<p>The new release of the compiler changes how errors are reported, the \
                 maintainers said in a post on Tuesday, in part {i} of their notes.</p>"
            )
        };
        let html = format!(
            "<nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Compiler 2.0 \
             released</h1>{}{}<table><tr><th>Version</th><th>Year</th></tr><tr><td>1.0</td>\
             <td>2023</td></tr><tr><td>2.0</td><td>2024</td></tr></table>{}{}</article>\
             <footer><a href=/c>12 Comments</a></footer>",
            p(1),
            p(2),
            p(3),
            p(4)
        );
        let out = Extractor::new().extract(&html);
        for row in ["Version\tYear", "1.0\t2023", "2.0\t2024"] {
            assert!(out.lines().any(|l| l == row), "{row:?} in {out}");
        }
        assert!(!out.contains("12 Comments"), "{out}");
    }

    #[test]
    fn a_cookie_box_is_not_the_story() {
        // a short story, and a consent box of long, well-formed sentences that
        // the line model alone takes for the story
        let policy = [
            "We and our partners use cookies and similar technologies on this website to store \
             and read information on your device, for example to remember your settings, to \
             measure how the pages are used and to show you content that suits your interests.",
            "Some of these technologies are needed for the website to work at all, while others \
             help us to improve our offers; you can change your choice at any time in the \
             privacy settings at the bottom of every page, and withdraw your consent there.",
            "If you agree, the data may also be processed in countries outside the European \
             Union whose level of data protection is lower, and authorities there may be able \
             to access it without any effective legal remedy for you.",
            "Further details on the purposes, the partners involved and how long the information \
             is stored can be found in our privacy policy, which also explains your rights of \
             access, correction and deletion in full.",
        ]
        .map(|p| format!("<p>{p}</p>"))
        .join("");
        let page = |attrs: &str| {
            format!(
                "<html><head><title>Ferry service resumes | Harbour News</title></head><body>\
                 <nav><a href=/>Home</a> <a href=/news>News</a></nav>\
                 <div class=wrap><h1>Ferry service resumes</h1>\
                 <p>The ferry to the islands sailed again on Monday morning after two days of \
                 storms.</p><p>Crews checked the ramps on Sunday, and the first boat left at \
                 seven.</p></div><div {attrs}><h2>Your privacy</h2>{policy}\
                 <button>Accept</button></div><footer>© Harbour News</footer></body></html>"
            )
        };
        let x = Extractor::new();
        let text = x.extract(&page("id=cookie-consent class=consent-modal"));
        assert!(text.contains("the first boat left at seven"), "{text:?}");
        assert!(!text.contains("partners use cookies"), "{text:?}");
        // the same box without its name is kept: the rule, not the model, removes it
        let text = x.extract(&page("class=box"));
        assert!(text.contains("partners use cookies"), "{text:?}");
    }

    #[test]
    fn a_sign_off_the_model_is_sure_of_stays() {
        let html = "<html><body><nav><a href=/>Home</a></nav><article>\
            <h1>Notes from the allotment</h1>\
            <p>The beans came up in the second week of May, later than last year, because the \
            nights stayed cold for so long.</p>\
            <p>We covered the young plants with fleece every evening and took it off again each \
            morning before the sun was on them.</p>\
            <p>Next month the first courgettes should be ready, and we will write about how the \
            new raised beds have held up.</p>\
            <p>Love Anna</p></article><footer><a href=/imprint>Imprint</a></footer></body></html>";
        let reason = |x: &Extractor| {
            let text = x.page_text(html);
            x.explain(html)
                .into_iter()
                .find(|d| &text[d.start..d.end] == "Love Anna")
                .map(|d| (d.kept, d.reason))
        };
        assert_eq!(reason(&Extractor::new()), Some((true, "article")));
        // without the rescue (no line is sure enough), the edge trim removes it
        let strict = Tuning {
            outside_min: 2.0,
            ..Tuning::default()
        };
        assert_eq!(
            reason(&Extractor::new().with_tuning(strict)),
            Some((false, "short-nav"))
        );
    }

    #[test]
    fn lists_and_subheads_in_the_articles_container_are_kept() {
        let w = parse::walk(
            "<body><nav><ul><li><a href=/>Home</a></li><li><a href=/tools>Tools</a></li></ul></nav>\
             <div class=post><p>Ferns grow slowly, and after three years their roots fill the pot.</p>\
             <p>Spring is the best time to move them, before the new fronds unroll.</p>\
             <h2>What you need</h2><ul><li>A pot one size larger</li><li>Peat-free compost</li></ul>\
             <p>Read on</p><ul class=share-links><li>Share by email</li></ul></div>\
             <aside><ul><li>Ten easy houseplants</li></ul></aside></body>",
            false,
        );
        let mut v = by_length(&w, 40, 0.2);
        let t = Tuning::default();
        keep_in_container(&w, &mut v, t);
        let kept = rescued(&w, &v);
        // the subhead and the list inside the story's container; not its
        // plain short line (only lists, tables and headings), not the share
        // list, nor the menu or the aside outside it
        assert_eq!(
            kept,
            [
                "What you need",
                "  • A pot one size larger",
                "  • Peat-free compost"
            ]
        );
        let mut v2: Vec<Verdict> = v
            .iter()
            .map(|x| {
                if x.2 < 0.5 {
                    (false, "low-score", 0.2)
                } else {
                    *x
                }
            })
            .collect();
        keep_in_container(
            &w,
            &mut v2,
            Tuning {
                container_min: 0.3,
                ..t
            },
        );
        assert!(v2.iter().all(|x| x.2 >= 0.5 || !x.0), "below container_min");
        // the default keeps a list item the model scores 0.12 (a spec list,
        // patch notes) in the story's container
        let mut v3: Vec<Verdict> = v2
            .iter()
            .map(|x| {
                if x.2 < 0.5 {
                    (false, "low-score", 0.12)
                } else {
                    *x
                }
            })
            .collect();
        keep_in_container(&w, &mut v3, t);
        assert!(
            v3.iter().any(|x| x.0 && x.2 < 0.5),
            "at the default container_min"
        );
    }

    #[test]
    fn a_lead_marked_up_as_one_before_the_story_is_kept() {
        let w = parse::walk(
            "<body><nav><a href=/>Home</a> <a href=/city>City</a></nav>\
             <h1>Night buses return to the old town</h1>\
             <div class=article-intro><p>From Monday, two lines run again until two in the morning.</p></div>\
             <p class=credit>Photo: City transport office</p>\
             <div class=body><p>The city council voted on Thursday to bring back the night buses, \
             cut three years ago to save money.</p>\
             <p>Drivers will be paid a night bonus, the transport office said.</p></div></body>",
            false,
        );
        let base = by_length(&w, 70, 0.15);
        let kept = |min: f32| {
            let mut v = base.clone();
            keep_lead(&w, &mut v, min);
            rescued(&w, &v)
        };
        // the intro; not the credit line between it and the story (no lead
        // class), nor the menu
        assert_eq!(
            kept(Tuning::default().lead_min),
            ["From Monday, two lines run again until two in the morning."]
        );
        assert!(kept(0.2).is_empty());
        assert!(kept(2.0).is_empty());
    }

    #[test]
    fn a_paragraph_the_model_is_fairly_sure_of_past_the_run_is_kept() {
        let w = parse::walk(
            "<body><div class=story><p>The ferry to the islands sailed again on Friday morning.</p>\
             <p>Its crew had waited four days for the wind to drop.</p></div>\
             <div class=ad><p>Advertisement</p></div>\
             <div class=box><p>Passengers who missed a crossing can change their tickets for free.</p></div>\
             <footer><p>Contact the newsroom</p></footer></body>",
            false,
        );
        let mut v: Vec<Verdict> = vec![
            (true, "article", 0.95),
            (true, "article", 0.95),
            (false, "low-score", 0.05),
            (false, "low-score", 0.85),
            (false, "low-score", 0.3),
        ];
        assert_eq!(v.len(), w.lines.len());
        Extractor::new().refine_run(&w, &mut v);
        let kept: Vec<bool> = v.iter().map(|x| x.0).collect();
        assert_eq!(kept, [true, true, false, true, false]);
    }

    #[test]
    fn the_articles_container_is_around_its_lists_and_may_be_named() {
        let page = |extra: &str| {
            parse::walk(
                &format!(
                    "<body><div class=entry-content><ul>\
                     <li>The first match of the season ended level after a late goal from a corner.</li>\
                     <li>The second was won by two goals, both scored in the last ten minutes.</li></ul>\
                     <table><tr><td>Home</td><td>2</td></tr></table><h3>Next games</h3>{extra}</div>\
                     <aside><ul><li>Shop</li></ul></aside></body>"
                ),
                false,
            )
        };
        let kept = |w: &Walk, t: Tuning| {
            let text = |i: usize| &w.text[w.lines[i].start..w.lines[i].end];
            let mut v: Vec<Verdict> = (0..w.lines.len())
                .map(|i| {
                    if text(i).starts_with("  • The") {
                        (true, "article", 0.9)
                    } else {
                        (false, "low-score", 0.2)
                    }
                })
                .collect();
            keep_in_container(w, &mut v, t);
            (0..v.len())
                .filter(|&i| v[i].0 && v[i].2 < 0.5)
                .map(|i| text(i).to_string())
                .collect::<Vec<_>>()
        };
        let t = Tuning::default();
        // the kept items' list is inside the story's container, not the
        // container: the row and the subhead beside it are the story too
        let w = page("");
        assert_eq!(kept(&w, t), ["Home\t2", "Next games"]);
        // a long doubtful paragraph makes the container impure; its name
        // ("entry-content") vouches for it
        let long = "<p>Tickets for the next games go on sale on Monday at the club shop \
                    and online, and season ticket holders may buy two more each for \
                    friends and family until the end of the month.</p>";
        let w = page(long);
        assert_eq!(kept(&w, t), ["Home\t2", "Next games"]);
        let unnamed = Tuning {
            container_named_purity: 0.5,
            ..t
        };
        assert!(kept(&w, unnamed).is_empty());
    }

    #[test]
    fn numbered_containers_share_a_path_key() {
        // one story cut into numbered blocks by its CMS, then a box of its own
        let w = parse::walk(
            "<body><div class=story><div id=block-4077><p>Rain fell on Faro.</p></div>\
             <div id=block-4078><p>Roads closed at noon.</p></div>\
             <div id=promo><p>Subscribe today.</p></div></div></body>",
            false,
        );
        let key = |i: usize| w.blocks[w.lines[i].block as usize].path_key;
        assert_eq!(w.lines.len(), 3);
        assert_eq!(key(0), key(1));
        assert_ne!(key(0), key(2));
    }

    #[test]
    fn by_default_the_shared_path_outweighs_a_low_score() {
        // a story cut into numbered blocks, one of them in a language or shape
        // the model doubts: three kept paragraphs with its path vouch for it
        let art = (true, "article", 0.9);
        let lines = [
            (art, 7, 20),
            (art, 7, 20),
            (art, 7, 20),
            ((false, "low-score", 0.08), 7, 25), // kept
            ((false, "low-score", 0.02), 7, 25), // below even the default minimum
        ];
        let mut v: Vec<Verdict> = lines.iter().map(|l| l.0).collect();
        keep_same_path(
            &mut v,
            |i| lines[i].1,
            |i| lines[i].2,
            Tuning::default().same_path_min,
        );
        assert_eq!(v[3], (true, "article", 0.08));
        assert!(!v[4].0);
    }

    #[test]
    fn doubtful_prose_in_the_kept_paragraphs_container_is_kept() {
        let art = (true, "article", 0.9);
        let low = |score| (false, "low-score", score);
        // (verdict, path key, words)
        let lines = [
            (art, 7, 20),
            (art, 7, 20),
            (art, 7, 20),
            (low(0.4), 7, 12), // kept: same path, prose, score >= min
            (low(0.2), 7, 12), // too doubtful
            (low(0.4), 8, 12), // another path
            (low(0.4), 7, 4),  // too short for prose (under SAME_PATH_WORDS)
            (art, 9, 20),
            (art, 9, 20),
            (low(0.4), 9, 12),               // only two kept lines share this path
            ((false, "phrase", 0.9), 7, 12), // a rule removed it: stays removed
        ];
        let mut v: Vec<Verdict> = lines.iter().map(|l| l.0).collect();
        keep_same_path(&mut v, |i| lines[i].1, |i| lines[i].2, 0.3);
        let kept: Vec<usize> = (3..v.len())
            .filter(|&i| v[i].0)
            .filter(|&i| lines[i].0 .1 != "article")
            .collect();
        assert_eq!(kept, [3]);
        assert_eq!(v[3], (true, "article", 0.4));
    }

    #[test]
    fn prose_the_model_is_sure_of_outweighs_a_chrome_phrase() {
        let low = |reason, score| (false, reason, score);
        // (verdict, words)
        let lines = [
            ((true, "article", 0.9), 20),
            // a wire service's copyright line at the story's end: kept
            (low("phrase", 0.7), 9),
            // a spec line with pipes in a review: kept
            (low("separator", 0.9), 14),
            // "Read more": too short to be prose
            (low("phrase", 0.9), 2),
            // a subscription prompt the model doubts
            (low("phrase", 0.3), 10),
            // other rules are left alone
            (low("terminator-tail", 0.9), 10),
        ];
        let mut v: Vec<Verdict> = lines.iter().map(|l| l.0).collect();
        keep_prose_over_rules(&mut v, |i| lines[i].1, Tuning::default().prose_rule_min);
        let kept: Vec<usize> = (1..v.len()).filter(|&i| v[i].0).collect();
        assert_eq!(kept, [1, 2]);
        assert_eq!(v[1], (true, "article", 0.7));
    }

    /// The decision on the first line of `html`'s page text that starts with
    /// `prefix` (the page text is computed once, not per decision).
    fn decision_of(x: &Extractor, html: &str, prefix: &str) -> BlockDecision {
        let text = x.page_text(html);
        x.explain(html)
            .into_iter()
            .find(|d| text[d.start..d.end].starts_with(prefix))
            .unwrap_or_else(|| panic!("no line of the page text starts with {prefix:?}"))
    }

    #[test]
    fn a_wire_copyright_line_ending_the_story_is_kept() {
        let para = "The council voted on Tuesday to close the old bridge to traffic, \
                    and engineers will begin repairs to its pillars in the spring.";
        let html = format!(
            "<html><head><title>Council closes bridge | Example News</title></head><body>\
             <nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
             <article><h1>Council closes bridge</h1><div class=story-body>\
             {}<p>Copyright 2019 The Associated Press. All rights reserved.</p></div></article>\
             <footer><a href=/privacy>Privacy</a> <a href=/terms>Terms</a></footer></body></html>",
            format!("<p>{para}</p>").repeat(6)
        );
        let x = Extractor::new();
        let line = decision_of(&x, &html, "Copyright 2019");
        assert!(line.kept, "{line:?}");
        let off = x.clone().with_tuning(Tuning {
            prose_rule_min: 2.0,
            ..Tuning::default()
        });
        let line = decision_of(&off, &html, "Copyright 2019");
        assert_eq!((line.kept, line.reason), (false, "phrase"));
    }

    #[test]
    fn an_embedded_post_in_the_story_is_kept() {
        let para = "<p>The council voted on Tuesday to close the old bridge to traffic, \
                    and engineers will begin repairs to its pillars in the spring.</p>";
        let w = parse::walk(
            &format!(
                "<body><nav><a href=/>Home</a> <a href=/city>City</a></nav>\
                 <article><div class=story-body>{}\
                 <blockquote class=twitter-tweet><p>Traffic on the ring road is at a standstill \
                 this morning #bridge</p>&mdash; City Desk (@citydesk) May 5, 2024</blockquote>\
                 <blockquote>We had no choice, the pillars were cracking</blockquote>{}\
                 <div class=share><a href=/s>Share on Twitter</a></div></div></article>\
                 <footer><a href=/privacy>Privacy</a></footer></body>",
                para.repeat(3),
                para.repeat(2)
            ),
            false,
        );
        let text = |i: usize| &w.text[w.lines[i].start..w.lines[i].end];
        let line = |prefix: &str| (0..w.lines.len()).find(|&i| text(i).starts_with(prefix));
        let flags = |i: usize| w.blocks[w.lines[i].block as usize].flags;
        // the embed code's class names a social network: a post quoted in the
        // story, not a share button
        let tweet = line("Traffic on the ring road").unwrap();
        assert_ne!(flags(tweet) & tags::flag::EMBED, 0);
        let share = line("Share on Twitter").unwrap();
        assert_eq!(flags(share) & tags::flag::EMBED, 0);
        // quotations in the story's container are the story, though the model
        // doubts them; the share box is not
        let mut v = by_length(&w, 100, 0.2);
        keep_in_container(&w, &mut v, Tuning::default());
        let kept = rescued(&w, &v);
        assert_eq!(
            kept,
            [
                "Traffic on the ring road is at a standstill this morning #bridge",
                "— City Desk (@citydesk) May 5, 2024",
                "We had no choice, the pillars were cracking"
            ]
        );
    }

    #[test]
    fn a_list_of_links_in_the_story_is_not_the_story() {
        let para = "The council voted on Tuesday to close the old bridge to traffic, \
                    and engineers will begin repairs to its pillars in the spring.";
        let html = format!(
            "<html><head><title>Council closes bridge | Example News</title></head><body>\
             <nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
             <article><h1>Council closes bridge</h1><div class=story-body>{}\
             <p>The repairs will cover three parts of the bridge:</p>\
             <ul><li>the two stone pillars in the river</li><li>the deck and its railings</li>\
             <li>the lamps along the footpath</li></ul>{}\
             <ul><li><a href=/a>Engineers say that the town's older bridges show cracks \
             and will need repairs, too</a></li>\
             <li><a href=/b>The ferry service will resume, and it will run every hour while the \
             bridge is shut</a></li></ul>{}</div></article>\
             <footer><a href=/privacy>Privacy</a> <a href=/terms>Terms</a></footer></body></html>",
            format!("<p>{para}</p>").repeat(4),
            format!("<p>{para}</p>").repeat(3),
            format!("<p>{para}</p>").repeat(2)
        );
        let text = extract(&html);
        assert!(text.contains("the deck and its railings"), "{text}");
        assert!(!text.contains("ferry service"), "{text}");
        assert!(!text.contains("older bridges"), "{text}");

        let art = (true, "article", 0.9);
        let mut v = vec![art, art, (true, "title", 0.9), (false, "low-score", 0.2)];
        // every line is a list item of links
        drop_link_items(&mut v, |_| true);
        assert_eq!(v[0], (false, "short-nav", 0.9));
        assert_eq!(v[2], (true, "title", 0.9));
        assert_eq!(v[3], (false, "low-score", 0.2));
    }

    #[test]
    fn a_caption_between_headline_and_story_stays_out() {
        let para = "The council voted on Tuesday to close the old bridge to traffic, \
                    and engineers will begin repairs to its pillars in the spring.";
        let html = format!(
            "<html><head><title>Council closes the old bridge | Example News</title></head><body>\
             <nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav>\
             <article><header><h1>Council closes the old bridge</h1>\
             <figure><img src=/bridge.jpg alt=''><figcaption>Cars cross the old bridge over \
             the river in March</figcaption></figure></header>\
             <div class=story-body>{}</div></article>\
             <footer><a href=/privacy>Privacy</a> <a href=/terms>Terms</a></footer></body></html>",
            format!("<p>{para}</p>").repeat(6)
        );
        let x = Extractor::new();
        let text = x.extract(&html);
        assert!(
            text.starts_with("Council closes the old bridge\n"),
            "{text}"
        );
        assert!(!text.contains("Cars cross"), "{text}");
        let caption = decision_of(&x, &html, "Cars cross");
        assert_eq!((caption.kept, caption.reason), (false, "caption"));
    }

    #[test]
    fn a_headline_under_a_photo_box_is_found() {
        // the story's box opens with photos, each with a link to a larger
        // image and a caption the model keeps; the headline comes after them
        let photo = "<div class=topPhoto><p class=fullsizeLink><a href=/big.jpg>View larger \
                     image</a></p><p>The mayor and two councillors walk across the old bridge \
                     on Monday before the vote.</p></div>";
        let para = "<p>The council voted on Tuesday to close the old bridge to traffic, and \
                    engineers will begin repairs to its pillars in the spring.</p>";
        let html = format!(
            "<html><head><title>Example News | Council closes the old bridge</title></head>\
             <body><div id=storyBox>{}<h3>Council closes the old bridge</h3>\
             <p class=timeStamp>Updated Fri. Jan. 11 2008 10:56 PM ET</p>{}</div></body></html>",
            photo.repeat(3),
            para.repeat(5)
        );
        let x = Extractor::new();
        assert_eq!(
            x.article(&html, None).title.as_deref(),
            Some("Council closes the old bridge")
        );
    }

    #[test]
    fn kept_lines_in_boxes_after_the_story_go() {
        let para = "<p>The council voted on Tuesday to close the old bridge to traffic, and \
                    engineers will begin repairs to its pillars in the spring.</p>";
        let html = format!(
            "<html><body><div class=page><h1>Council closes bridge</h1>\
             <div class=story>{}</div>\
             <div class=profile><p>Jane Doe has covered the town council for ten years and \
             writes about transport.</p></div>\
             <p>Example News is the region's oldest daily paper.</p></div></body></html>",
            para.repeat(5)
        );
        let walk = parse::walk(&html, false);
        let text = |i: usize| &walk.text[walk.lines[i].start..walk.lines[i].end];
        // everything kept, as a model fooled by the closing boxes' prose would
        let mut v: Vec<Verdict> = (0..walk.lines.len())
            .map(|i| {
                if i == 0 {
                    (true, "title", 0.9)
                } else {
                    (true, "article", 0.9)
                }
            })
            .collect();
        let t = Tuning::default();
        drop_after_container(&walk, &mut v, t);
        let kept: Vec<&str> = (0..v.len()).filter(|&i| v[i].0).map(text).collect();
        assert_eq!(kept.len(), 6, "{kept:?}");
        assert_eq!(kept[0], "Council closes bridge");
        assert!(kept[1..].iter().all(|l| l.starts_with("The council voted")));
        assert_eq!(v[v.len() - 1], (false, "low-score", 0.9));
        // off
        let mut all: Vec<Verdict> = vec![(true, "article", 0.9); walk.lines.len()];
        drop_after_container(
            &walk,
            &mut all,
            Tuning {
                after_container_max: 0.0,
                ..t
            },
        );
        assert!(all.iter().all(|v| v.0));
    }

    #[test]
    fn a_terminator_after_the_story_has_begun_ends_it() {
        let tail = (false, "terminator-tail", 0.95);
        // a terminator above the story: the sure run after it is the story
        let mut v = vec![(true, "title", 0.9), tail, tail, tail, tail];
        keep_after_terminator(&mut v, |_| false, |_| 80);
        assert!(
            v[1..].iter().all(|v| *v == (true, "article", 0.95)),
            "{v:?}"
        );
        // a story of 2,000 characters before it: it ends the story (comments
        // under it, though the model likes them)
        let mut v = vec![(true, "article", 0.9); 4];
        v.extend([tail; 4]);
        keep_after_terminator(&mut v, |_| false, |_| 500);
        assert!(v[4..].iter().all(|v| *v == tail), "{v:?}");
        // ... unless the terminator is a word in preformatted text (code)
        keep_after_terminator(&mut v, |i| i == 4, |_| 500);
        assert!(v[4..].iter().all(|v| v.0), "{v:?}");
        // a run of two is not enough, nor are doubtful lines
        let mut v = vec![tail, tail, (false, "terminator-tail", 0.5), tail];
        keep_after_terminator(&mut v, |_| false, |_| 80);
        assert!(v.iter().all(|v| !v.0), "{v:?}");
    }

    #[test]
    fn a_footer_the_story_is_not_in_goes() {
        use tags::flag;
        let art = (true, "article", 0.9);
        // (flags, length): the story, then its footer's tag list
        let lines = [
            (0, 400),
            (flag::ARTICLE, 400),
            (flag::FOOTER, 20),
            (flag::ASIDE, 30),
        ];
        let mut v = vec![art; lines.len()];
        drop_minority_chrome(&mut v, |i| lines[i].0, |i| lines[i].1);
        assert_eq!(
            v,
            [
                art,
                art,
                (false, "low-score", 0.9),
                (false, "low-score", 0.9)
            ]
        );
        // a page whose story is in a <footer> or an <aside> (half or more of
        // the kept text) keeps it
        let lines = [(0, 100), (flag::ASIDE, 100)];
        let mut v = vec![art; 2];
        drop_minority_chrome(&mut v, |i| lines[i].0, |i| lines[i].1);
        assert_eq!(v, [art, art]);
    }

    #[test]
    fn a_rail_of_other_stories_in_the_story_goes() {
        let para = "<p>The council voted on Tuesday to close the old bridge to traffic, and \
                    engineers will begin repairs to its pillars in the spring.</p>";
        let html = format!(
            "<html><body><div class=page><h1>Council closes bridge</h1>\
             <div class=story>{p}{p}<div class=\"rail rail--trending\"><div class=item>\
             <h3>BRIDGE WOES</h3><span class=sub>Ferry fares rise as the old bridge shuts</span>\
             </div><p>The bridge was built in 1902 and last repaired in 1980.</p></div>\
             {p}{p}{p}</div></div></body></html>",
            p = para
        );
        let walk = parse::walk(&html, false);
        let text = |i: usize| &walk.text[walk.lines[i].start..walk.lines[i].end];
        let mut v: Vec<Verdict> = vec![(true, "article", 0.9); walk.lines.len()];
        v[0] = (true, "title", 0.9);
        drop_boxes_in_container(&walk, &mut v, Tuning::default());
        let gone: Vec<&str> = (0..v.len()).filter(|&i| !v[i].0).map(text).collect();
        // the kicker and the headline go; the sentence in the box stays
        assert_eq!(
            gone,
            ["BRIDGE WOES", "Ferry fares rise as the old bridge shuts"]
        );
        assert_eq!(v.iter().filter(|v| v.0).count(), 7);
    }

    #[test]
    fn links_after_the_story_go() {
        let art = (true, "article", 0.9);
        // (verdict, all link text, prose)
        let lines = [
            (art, false, true),
            (art, true, false),                  // a link inside the story: stays
            (art, false, true),                  // the story's last paragraph
            (art, true, false),                  // "More articles in Sports": goes
            (art, false, false),                 // a short sign-off: stays
            ((true, "title", 0.9), true, false), // not an article line: stays
            (art, true, false),                  // goes
        ];
        let mut v: Vec<Verdict> = lines.iter().map(|l| l.0).collect();
        drop_trailing_links(&mut v, |i| lines[i].1, |i| lines[i].2);
        let gone: Vec<usize> = (0..v.len()).filter(|&i| !v[i].0).collect();
        assert_eq!(gone, [3, 6]);
        assert_eq!(v[3], (false, "short-nav", 0.9));
        // no prose kept: nothing goes
        let mut v = vec![art; 3];
        drop_trailing_links(&mut v, |_| true, |_| false);
        assert!(v.iter().all(|v| v.0));
    }

    #[test]
    fn a_more_articles_link_after_the_story_is_left_out() {
        let para = "<p>The council voted on Tuesday to close the old bridge to traffic, and \
                    engineers will begin repairs to its pillars in the spring.</p>";
        let html = format!(
            "<html><head><title>Council closes bridge | Example News</title></head><body>\
             <article><h1>Council closes bridge</h1><div class=story-body>{}\
             <p><a href=/local>More articles about the town council and its budget \
             and its roads</a></p></div></article></body></html>",
            para.repeat(6)
        );
        let text = extract(&html);
        assert!(text.contains("engineers will begin"), "{text}");
        assert!(!text.contains("More articles"), "{text}");
    }

    /// A forum thread whose posts sit in "comment" elements, which the HTML
    /// model reads as reader comments, after `intro` (markup); the text is
    /// the page's story.
    fn forum_thread(intro: &str) -> String {
        let post = |who: &str, text: &str| {
            format!(
                "<div class=\"comment message\"><div class=comment-author>{who}</div>\
                 <div class=comment-body><p>{text}</p></div></div>"
            )
        };
        format!(
            "<html><body><nav><a href=/>Forum</a> <a href=/new>New posts</a></nav>\
             <h1>Our cat sheds dirt every night</h1>{intro}{}{}{}</body></html>",
            post(
                "anna",
                "Every night our cat sleeps on the window bench and in the morning there \
                 are small dark crumbs all over the blanket, though he looks clean.",
            ),
            post(
                "ben",
                "Those crumbs are often flea droppings: put a few on a wet tissue and see \
                 whether they turn red, then ask the vet about a treatment for him.",
            ),
            post(
                "anna",
                "You were right, the crumbs turned red on the tissue, so we went to the vet \
                 this morning and the whole house is being cleaned this week.",
            ),
        )
    }

    #[test]
    fn a_thread_marked_up_as_comments_is_not_lost() {
        let text = Extractor::new().extract(&forum_thread(""));
        assert!(text.contains("flea droppings"), "{text:?}");
    }

    #[test]
    fn a_date_that_is_not_the_pages_is_not_its_date() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let page = |d: &str| {
            format!("<html><body><h1>Storm closes ports</h1><p class=date>{d}</p>{story}{story}</body></html>")
        };
        assert_eq!(x.article(&page("Since 1st March, 1999"), None).date, None);
        assert_eq!(
            x.article(&page("Published 3 May 2008"), None)
                .date
                .as_deref(),
            Some("2008-05-03")
        );
    }

    #[test]
    fn a_headline_broken_after_a_colon_is_one_headline() {
        let x = Extractor::new();
        let page = |h1: &str| {
            format!("<html><body><article><h1>{h1}</h1>{STORM_STORY}{STORM_STORY}</article></body></html>")
        };
        let title = |h1: &str| x.article(&page(h1), None).title;
        assert_eq!(
            title("<div>Storm on the coast: <br>Ports close for three days</div>").as_deref(),
            Some("Storm on the coast: Ports close for three days")
        );
        // a short line under the headline in its element is not the headline
        assert_eq!(
            title("Ports close for three days<br><small>Updated hourly</small>").as_deref(),
            Some("Ports close for three days")
        );
        // and the text gives it first, as explain calls it the title
        let small = page("Ports close for three days<br><small>Updated hourly</small>");
        assert!(x
            .extract(&small)
            .starts_with("Ports close for three days\n"));
        // an <h2> standfirst kept as the story's first line is not the headline
        let standfirst = format!(
            "<html><body><article><h1>Ports close for three days</h1><h2>A storm hit \
             the coast, and officials closed three ports on Tuesday</h2>{STORM_STORY}\
             {STORM_STORY}</article></body></html>"
        );
        assert_eq!(
            x.article(&standfirst, None).title.as_deref(),
            Some("Ports close for three days")
        );
        // but a site's name over its headline is not
        let site = format!(
            "<html><body><article><h1>The Daily Coast</h1><h2>Ports close for three days</h2>\
             {STORM_STORY}{STORM_STORY}</article></body></html>"
        );
        assert_eq!(
            x.article(&site, None).title.as_deref(),
            Some("Ports close for three days")
        );
        // the next element is not the headline's
        assert_eq!(
            title("Storm on the coast:</h1><h2>Ports close for three days</h2><h1 hidden>")
                .as_deref(),
            Some("Storm on the coast:")
        );
    }

    #[test]
    fn the_sites_name_is_not_the_headline() {
        // a blog's name above its post: both are parts of the <title>, and the
        // site's has more words (the longest part used to win)
        let x = Extractor::new();
        let html = format!(
            "<html><head><title>Monster talks tonight | Example Travel Notebook Online</title>\
             <meta property=og:site_name content=\"Example Travel Notebook Online\"></head><body>\
             <div class=site>Example Travel Notebook Online</div><h2>Monster talks tonight</h2>\
             {STORM_STORY}{STORM_STORY}{STORM_STORY}{STORM_STORY}</body></html>"
        );
        let a = x.article(&html, None);
        assert_eq!(a.title.as_deref(), Some("Monster talks tonight"));
    }

    #[test]
    fn a_breadcrumb_repeating_the_declared_title_is_not_the_headline() {
        let x = Extractor::new();
        let html = format!(
            "<html><head><title>Sustainable living - Example Association</title>\
             <meta property=og:title content=\"Sustainable living\"></head><body>\
             <ul class=breadcrumb><li><a href=/>Home</a></li><li><a href=/topics>Topics</a></li>\
             <li>Sustainable living</li></ul>\
             <h1>Sustainable living at home</h1>{STORM_STORY}{STORM_STORY}</body></html>"
        );
        let a = x.article(&html, None);
        assert_eq!(a.title.as_deref(), Some("Sustainable living at home"));
    }

    #[test]
    fn a_declared_headline_far_above_the_story_is_the_headline() {
        // a recipe's shape: the headline, then a long box of facts, then the
        // text; a box title marked up as one sits just inside the text
        let x = Extractor::new();
        let facts: String = (1..=16)
            .map(|k| format!("<li><a href=/r{k}>Fact {k}</a></li>"))
            .collect();
        let html = format!(
            "<html><head><title>Oat porridge with apple and cinnamon - Example Recipes</title>\
             <meta property=og:title content=\"Oat porridge with apple and cinnamon\"></head><body>\
             <nav><ul><li><a href=/a>Breakfast</a></li><li><a href=/b>Lunch</a></li></ul></nav>\
             <h1>Oat porridge with apple and cinnamon</h1><p>Other recipes</p><ul>{facts}</ul>\
             {STORM_STORY}<div class=title>Nutrition per serving</div>{STORM_STORY}</body></html>"
        );
        let a = x.article(&html, None);
        assert_eq!(
            a.title.as_deref(),
            Some("Oat porridge with apple and cinnamon")
        );
        assert!(
            a.text.starts_with("Oat porridge with apple and cinnamon\n"),
            "{}",
            a.text
        );
        // what lies between the far headline and the story stays out
        assert!(
            !a.text.contains("Fact 3") && !a.text.contains("Other recipes"),
            "{}",
            a.text
        );
        // a heading far away that is not the declared title is not a candidate
        let other = html.replace(
            "<h1>Oat porridge with apple and cinnamon</h1>",
            "<h1>Breakfast ideas for busy mornings</h1>",
        );
        assert_ne!(
            x.article(&other, None).title.as_deref(),
            Some("Breakfast ideas for busy mornings")
        );
    }

    #[test]
    fn a_short_heading_that_is_the_declared_titles_first_part_is_the_headline() {
        // a wiki's or a glossary's page: a one-word <h1> that the <title>
        // declares before the site's name, under a tagline that repeats the
        // site's name (more like the whole <title> than the one word is)
        let x = Extractor::new();
        let page = |h1: &str| {
            format!(
                "<html><head><title>Harbour - Example Port Wiki</title>\
                 <meta property=og:site_name content=\"Example Port Wiki\"></head><body>\
                 <h1 class=elementor-widget-title>{h1}</h1><div>From Example Port Wiki</div>\
                 {STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        assert_eq!(
            x.article(&page("Harbour"), None).title.as_deref(),
            Some("Harbour")
        );
        // not the site's name given as the <h1> (the logo of a blog)
        let logo = "<html><head><title>Harbour | Example Port Blog</title>\
                    <link rel=canonical href=\"https://example-port-blog.org/harbour\"></head><body>\
                    <h1>Example Port Blog</h1><h2>Harbour</h2>";
        let a = x.article(
            &format!("{logo}{STORM_STORY}{STORM_STORY}</body></html>"),
            None,
        );
        assert_eq!(a.title.as_deref(), Some("Harbour"));
    }

    #[test]
    fn a_far_heading_declared_as_the_titles_first_part_is_the_headline() {
        // a recipe whose <title> adds a word to its <h1> ("... Recipe") and
        // whose <h1>'s class words read as a side box: the box titles inside
        // the window are not the headline
        let x = Extractor::new();
        let facts: String = (1..=16)
            .map(|k| format!("<li><a href=/r{k}>Fact {k}</a></li>"))
            .collect();
        let html = format!(
            "<html><head><title>Roasted carrots with lemon rice Recipe | Example Kitchen</title>\
             </head><body><div class=sidebar-widget><h1>Roasted carrots with lemon rice</h1></div>\
             <ul>{facts}</ul><h3>HOW TO PREPARE</h3>{STORM_STORY}{STORM_STORY}</body></html>"
        );
        let a = x.article(&html, None);
        assert_eq!(a.title.as_deref(), Some("Roasted carrots with lemon rice"));
    }

    #[test]
    fn a_headline_in_a_list_item_has_no_bullet() {
        let x = Extractor::new();
        let html = format!(
            "<html><head><title>Storm closes ports - Example News</title></head><body>\
             <ul class=headline><li>Storm closes ports</li></ul>\
             {STORM_STORY}{STORM_STORY}</body></html>"
        );
        assert_eq!(
            x.article(&html, None).title.as_deref(),
            Some("Storm closes ports")
        );
    }

    #[test]
    fn a_headings_kicker_and_subtitle_are_not_the_headline() {
        let x = Extractor::new();
        let page = |h1: &str| {
            format!(
                "<html><head><title>Storm closes three ports - Example News</title></head><body>\
                 <h1>{h1}</h1>{STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        let title = |h1: &str| x.article(&page(h1), None).title;
        // a kicker before the headline, a subtitle after it
        let kicker = "<span class=dachzeile>Weather warning</span> \
                      <span class=headline>Storm closes three ports</span>";
        assert_eq!(title(kicker).as_deref(), Some("Storm closes three ports"));
        let sub = "<span class=entry-title-primary>Storm closes three ports</span> \
                   <small class=article-subtitle>Residents told to stay indoors</small>";
        assert_eq!(title(sub).as_deref(), Some("Storm closes three ports"));
        // the page's text keeps the heading whole
        let a = x.article(&page(kicker), None);
        assert!(
            a.text
                .starts_with("Weather warning Storm closes three ports\n"),
            "{}",
            a.text
        );
        // not when less than two words of a headline would be left
        let short = "<span class=kicker>Weather warning for the coast</span> Storm";
        assert_eq!(
            title(short).as_deref(),
            Some("Weather warning for the coast Storm")
        );
    }

    #[test]
    fn a_menus_entry_is_not_a_byline() {
        // "By Course or Type" is a link of the site's menu, not "By <name>"
        let x = Extractor::new();
        let html = format!(
            "<html><head><title>Storm closes ports - Example News</title></head><body>\
             <ul><li><a href=/course>By Course or Type</a></li><li><a href=/r>Ramadan</a></li></ul>\
             <h1>Storm closes ports</h1>{STORM_STORY}{STORM_STORY}</body></html>"
        );
        assert_eq!(x.article(&html, None).byline, None);
        // a byline's line with its name linked is one
        let linked = html.replace(
            "<h1>Storm closes ports</h1>",
            "<h1>Storm closes ports</h1><p>By <a href=/a/jr>Jane Roe</a></p>",
        );
        assert_eq!(x.article(&linked, None).byline.as_deref(), Some("Jane Roe"));
    }

    #[test]
    fn an_inline_author_element_on_a_line_of_meta_is_the_byline() {
        // a blog's entry meta: the date, the author's link and the comments
        // count on one line, the name marked up as the author
        let x = Extractor::new();
        let page = |meta: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example Blog</title></head><body>\
                 <h1>Storm closes ports</h1><div class=entry-meta>{meta}</div>\
                 {STORM_STORY}{STORM_STORY}\
                 <ol class=comment-list><li><span class=comment-author-link>\
                 <a rel=author href=/u>Max Sample</a></span> sagt: Gut geschrieben, danke dafür</li>\
                 </ol></body></html>"
            )
        };
        let wp = "Veröffentlicht am 5. März 2024 von <span class=\"author vcard\">\
                  <a class=\"url fn n\" href=/author/jr>Jane Roe</a></span> | 3 Kommentare";
        assert_eq!(
            x.article(&page(wp), None).byline.as_deref(),
            Some("Jane Roe")
        );
        let itemprop = "<time datetime=2024-03-05>5.3.2024</time> <span itemprop=author>\
                        <span itemprop=name>Jane Roe</span></span> in Politik";
        assert_eq!(
            x.article(&page(itemprop), None).byline.as_deref(),
            Some("Jane Roe")
        );
        // a label for screen readers glued to the name
        let glued = "<span class=byline><span class=screen-reader-text>Author</span>\
                     <a rel=author href=/a>Jane Roe</a></span> 5. März 2024";
        assert_eq!(
            x.article(&page(glued), None).byline.as_deref(),
            Some("Jane Roe")
        );
        // no author on the line: the commenter is not the byline
        let none = "Veröffentlicht am 5. März 2024 | 3 Kommentare";
        assert_eq!(x.article(&page(none), None).byline, None);
        // nor an author's profile box's name
        let bio = "5. März 2024 <span class=author-bio>Mehr von Jane Roe</span>";
        assert_eq!(x.article(&page(bio), None).byline, None);
    }

    #[test]
    fn a_one_word_author_after_a_byline_word_and_a_written_by_pair() {
        let x = Extractor::new();
        let page = |head: &str, meta: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example Blog</title>{head}</head><body>\
                 <h1>Storm closes ports</h1><div class=entry-meta>{meta}</div>\
                 {STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        // one word is a name after the byline word before the element
        let von = "5. März 2024 <span class=sep>von</span> <span class=\"author vcard\">\
                   <a class=\"url fn n\" href=/author/lars>Lars</a></span> | 3 Kommentare";
        assert_eq!(
            x.article(&page("", von), None).byline.as_deref(),
            Some("Lars")
        );
        let alone = "5. März 2024 <span class=author>Lars</span> | 3 Kommentare";
        assert_eq!(x.article(&page("", alone), None).byline, None);
        // a content system's "Written by" pair, when the page shows the name
        let pair = |name: &str| {
            format!(
                "<meta name=twitter:label1 content=\"Verfasst von\">\
                 <meta name=twitter:data1 content=\"{name}\">\
                 <meta name=twitter:label2 content=\"Lesedauer\">\
                 <meta name=twitter:data2 content=\"3 Minuten\">"
            )
        };
        let shown = "5. März 2024 | Jane Roe";
        assert_eq!(
            x.article(&page(&pair("Jane Roe"), shown), None)
                .byline
                .as_deref(),
            Some("Jane Roe")
        );
        // not a name the page does not show, nor a user name
        assert_eq!(
            x.article(&page(&pair("Jane Roe"), "5. März 2024"), None)
                .byline,
            None
        );
        let user = "5. März 2024 | jane-roe";
        assert_eq!(x.article(&page(&pair("jane-roe"), user), None).byline, None);
        // the visible byline comes first
        let by = "<p>By John Doe</p>";
        assert_eq!(
            x.article(&page(&pair("Jane Roe"), by), None)
                .byline
                .as_deref(),
            Some("John Doe")
        );
    }

    #[test]
    fn a_line_the_markup_calls_the_author_is_the_byline() {
        let x = Extractor::new();
        let page = |meta: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example News</title></head><body>\
                 <h1>Storm closes ports</h1>{meta}{STORM_STORY}{STORM_STORY}\
                 <div class=comment><span class=comment-author>Ben Lima</span><p>Great read.</p></div>\
                 </body></html>"
            )
        };
        let byline = |meta: &str| x.article(&page(meta), None).byline;
        for (meta, want) in [
            (
                r#"<div class="post-author"><a href="/author/jane">Jane Roe</a></div>"#,
                Some("Jane Roe"),
            ),
            (
                r#"<p><span itemprop="author">Jane Roe</span></p>"#,
                Some("Jane Roe"),
            ),
            (
                r#"<p class=byline>Veröffentlicht von <a rel=author href=/u/jr>Jane Roe</a></p>"#,
                Some("Jane Roe"),
            ),
            // a commenter is not the writer, nor a button, nor a single word alone
            ("", None),
            (
                r#"<div class="author"><a href="/authors">Alle Autoren</a></div>"#,
                None,
            ),
            (r#"<div class="author">Redaktion</div>"#, None),
        ] {
            assert_eq!(byline(meta).as_deref(), want, "{meta}");
        }
    }

    #[test]
    fn a_utc_instant_is_given_as_the_day_the_storys_dateline_shows() {
        // a content system writes the local midnight of the story's day as
        // UTC in its metadata; the dateline under the headline shows the day
        let x = Extractor::new();
        let page = |header: &str, under: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example News</title>\
                 <meta property=\"article:published_time\" content=\"2021-11-04T23:00:00Z\">\
                 </head><body><header><div class=date>{header}</div></header>\
                 <h1>Storm closes ports</h1><div class=meta>{under}</div>\
                 {STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        let date = |header: &str, under: &str| x.article(&page(header, under), None).date;
        assert_eq!(date("", "5. November 2021").as_deref(), Some("2021-11-05"));
        // not the site's "today" in its header, nor a day no zone reaches
        assert_eq!(
            date("5. November 2021", "").as_deref(),
            Some("2021-11-04T23:00:00Z")
        );
        assert_eq!(
            date("", "6. November 2021").as_deref(),
            Some("2021-11-04T23:00:00Z")
        );
    }

    #[test]
    fn a_date_published_in_the_storys_aside_is_its_date() {
        // a story's header holds its meta box in an <aside>
        let x = Extractor::new();
        let page = |attr: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example News</title></head><body>\
                 <article><header><aside class=meta><time {attr} \
                 datetime=\"2022-02-04T15:29:27+01:00\">4. Februar 2022</time></aside>\
                 <h1>Storm closes ports</h1></header>{STORM_STORY}{STORM_STORY}</article>\
                 </body></html>"
            )
        };
        assert_eq!(
            x.article(&page("itemprop=datePublished"), None)
                .date
                .as_deref(),
            Some("2022-02-04T15:29:27+01:00")
        );
        // a <time> in an <aside> the markup does not call the publication date
        // stays out (a box of other stories' dates)
        assert_eq!(x.article(&page("class=t"), None).date, None);
    }

    #[test]
    fn a_utc_date_is_given_as_the_page_writes_it() {
        let x = Extractor::new();
        let page = |head: &str, body: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example News</title>{head}</head><body>\
                 <h1>Storm closes ports</h1>{body}{STORM_STORY}{STORM_STORY}</body></html>"
            )
        };
        let meta =
            r#"<meta property="article:published_time" content="2018-12-31T23:11:59+00:00">"#;
        let date =
            |head: &str, body: &str, url: Option<&str>| x.article(&page(head, body), url).date;
        // the metadata's UTC instant, and the page's own <time> of the same second
        assert_eq!(
            date(
                meta,
                r#"<p><time datetime="2019-01-01T00:11:59+01:00">1 January 2019</time></p>"#,
                None
            )
            .as_deref(),
            Some("2019-01-01T00:11:59+01:00")
        );
        assert_eq!(
            date(
                meta,
                r#"<p><time datetime="2018-12-31 18:11:59">Dec 31, 2018, 6:11 pm</time></p>"#,
                None
            )
            .as_deref(),
            Some("2018-12-31T18:11:59")
        );
        // another date of the markup with the offset
        let both = format!(r#"{meta}<meta name="date" content="2019-01-01T00:11:59+01:00">"#);
        assert_eq!(
            date(&both, "", None).as_deref(),
            Some("2019-01-01T00:11:59+01:00")
        );
        // a permalink's day next to the UTC instant's is the story's day
        let url = Some("https://blog.example.test/2019/01/01/new-year/");
        assert_eq!(date(meta, "", url).as_deref(), Some("2019-01-01"));
        // alone, or with a <time> of another instant, the UTC instant stays
        assert_eq!(
            date(meta, "", None).as_deref(),
            Some("2018-12-31T23:11:59Z")
        );
        assert_eq!(
            date(
                meta,
                r#"<p><time datetime="2019-01-01T09:00:00+01:00">9:00</time></p>"#,
                None
            )
            .as_deref(),
            Some("2018-12-31T23:11:59Z")
        );
        let same_day = Some("https://blog.example.test/2018/12/31/new-year/");
        assert_eq!(
            date(meta, "", same_day).as_deref(),
            Some("2018-12-31T23:11:59Z")
        );
    }

    #[test]
    fn a_dateline_under_the_headline_is_the_pages_date() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let page = |byline: &str| {
            format!(
                "<html><head><title>Regional results, Aalen, 19.5.2007 - Example Club</title>\
                 </head><body><h1>Regional results, Aalen, 19.5.2007</h1>{byline}{story}{story}\
                 </body></html>"
            )
        };
        // the byline's date under the headline is the page's
        let a = x.article(&page("<p>Marc Roe | 20. Mai 2007 | Results</p>"), None);
        assert_eq!(
            a.title.as_deref(),
            Some("Regional results, Aalen, 19.5.2007")
        );
        assert_eq!(a.date.as_deref(), Some("2007-05-20"));
        // without one, the headline's date is all the page says
        let a = x.article(&page(""), None);
        assert_eq!(a.date.as_deref(), Some("2007-05-19"));
        // a date above the headline (the site's today) gives way to the
        // byline's under it; alone, it stays
        let page = |byline: &str| {
            format!(
                "<html><head><title>Storm closes ports - Example News</title></head><body>\
                 <p>January 20, 2008</p><h1>Storm closes ports</h1>{byline}{story}{story}\
                 </body></html>"
            )
        };
        let a = x.article(&page("<p>By Jane Roe</p><p>January 17, 2008</p>"), None);
        assert_eq!(a.title.as_deref(), Some("Storm closes ports"));
        assert_eq!(a.date.as_deref(), Some("2008-01-17"));
        let a = x.article(&page("<p>By Jane Roe</p>"), None);
        assert_eq!(a.date.as_deref(), Some("2008-01-20"));
        // a date after the story's prose has begun is not under the headline
        let a = x.article(&page(&format!("{story}<p>January 17, 2008</p>")), None);
        assert_eq!(a.date.as_deref(), Some("2008-01-20"));
    }

    #[test]
    fn a_permalinks_date_path_is_the_pages_date() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let page = |head: &str| {
            format!("<html><head>{head}</head><body><h1>Storm closes ports</h1>{story}{story}</body></html>")
        };
        let url = Some("https://x.test/2014/03/05/storm-closes-ports/");
        // no date on the page: the path's
        assert_eq!(
            x.article(&page(""), url).date.as_deref(),
            Some("2014-03-05")
        );
        // from the canonical when the caller gives no URL
        let canonical = "<link rel=canonical href=https://x.test/2014/03/05/storm/>";
        assert_eq!(
            x.article(&page(canonical), None).date.as_deref(),
            Some("2014-03-05")
        );
        // the markup's date within a day of it stays (a time zone's
        // difference), but a UTC instant on the next day is the UTC reading of
        // the path's local day: that day is the story's
        let meta = |d: &str| format!("<meta property=article:published_time content={d}>");
        assert_eq!(
            x.article(&page(&meta("2014-03-06T01:30:00+01:00")), url)
                .date
                .as_deref(),
            Some("2014-03-06T01:30:00+01:00")
        );
        assert_eq!(
            x.article(&page(&meta("2014-03-06T01:30:00Z")), url)
                .date
                .as_deref(),
            Some("2014-03-05")
        );
        // one further away contradicts it: the page cannot tell
        assert_eq!(
            x.article(&page(&meta("2016-07-01T09:00:00Z")), url).date,
            None
        );
        // unless the story shows the markup's date: the path's is the odd one
        let shown = |time: &str| {
            format!(
                "<html><head>{}</head><body><h1>Storm closes ports</h1>{time}{story}{story}</body></html>",
                meta("2014-03-11T09:00:00Z")
            )
        };
        let shows = "<p><time datetime=2014-03-11T09:00:00Z>11 March 2014</time></p>";
        assert_eq!(
            x.article(&shown(shows), url).date.as_deref(),
            Some("2014-03-11T09:00:00Z")
        );
        let other = "<p><time datetime=2014-01-02>2 January 2014</time></p>";
        assert_eq!(x.article(&shown(other), url).date, None);
        // a year and a month, or an id, are no date
        for u in [
            "https://x.test/2014/03/storm",
            "https://x.test/a/20140305/storm",
        ] {
            assert_eq!(x.article(&page(""), Some(u)).date, None, "{u}");
        }
    }

    #[test]
    fn markup_dates_on_other_days_let_the_visible_date_decide() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let page = |visible: &str| {
            format!(
                "<html><head><meta property=article:published_time content=2023-11-06T14:25:00Z>\
                 <script type=application/ld+json>{{\"@type\":\"NewsArticle\",\
                 \"datePublished\":\"2023-11-03T10:25:56Z\"}}</script></head><body>\
                 <article><h1>Storm closes ports</h1>{visible}{story}{story}</article></body></html>"
            )
        };
        let date = |visible: &str| x.article(&page(visible), None).date;
        assert_eq!(
            date("<p class=date>6. November 2023, 15:25 Uhr</p>").as_deref(),
            Some("2023-11-06T14:25:00Z")
        );
        assert_eq!(
            date("<p><time datetime=2023-11-03>3 Nov 2023</time></p>").as_deref(),
            Some("2023-11-03T10:25:56Z")
        );
        // no visible date, or another one: the page cannot tell
        assert_eq!(date(""), None);
        assert_eq!(date("<p class=date>1 January 2020</p>"), None);
    }

    #[test]
    fn rdfa_dates_and_the_storys_own_footer_give_its_date() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let date = |inner: &str, outer: &str| {
            let html = format!(
                "<html><body><article><h1>Storm closes ports</h1>{inner}{story}{story}</article>\
                 {outer}</body></html>"
            );
            x.article(&html, None).date
        };
        // Drupal's RDFa, in the story's <footer>, the content before the property
        let rdfa = "<footer class=node__meta><span class=post-created>28.01.22</span>\
                    <span content=2022-01-28T12:45:46+00:00 property=schema:dateCreated></span></footer>";
        assert_eq!(date(rdfa, "").as_deref(), Some("2022-01-28T12:45:46Z"));
        let micro = "<footer><span itemprop=datePublished content=2022-01-28></span></footer>";
        assert_eq!(date(micro, "").as_deref(), Some("2022-01-28"));
        // the site's footer is not the story's
        let site = "<footer><span itemprop=datePublished content=2021-05-05></span></footer>";
        assert_eq!(date("", site), None);
    }

    #[test]
    fn a_time_in_another_storys_box_is_not_the_pages_date() {
        let story = STORM_STORY;
        let x = Extractor::new();
        let related = "<aside class=related><h2>More news</h2><ul><li><a href=/b>Ferry \
                       fares rise</a> <time datetime=2019-01-01T08:00:00Z>1 Jan 2019</time>\
                       </li></ul></aside>";
        let site_header = "<header><nav><a href=/>Home</a> <a href=/news>News</a></nav>\
                           <time datetime=2026-12-02>Wednesday 2 December 2026</time></header>";
        let comments = "<section class=comments><div class=comment><p>Great piece, thank you \
                        for writing it.</p><time datetime=2024-03-07>7 March</time></div></section>";
        let page = |before: &str, time: &str, after: &str| {
            format!(
                "<html><body>{before}<article><h1>Storm closes ports</h1>{time}{story}{story}\
                 </article>{after}</body></html>"
            )
        };
        let own = "<p class=meta><time datetime=2024-03-05T09:30:00Z>5 March 2024</time></p>";
        for (before, after) in [
            (related, ""),
            ("", related),
            (site_header, ""),
            ("", comments),
        ] {
            // the story's own <time> wins over the others, wherever they are
            let a = x.article(&page(before, own, after), None);
            assert_eq!(
                a.date.as_deref(),
                Some("2024-03-05T09:30:00Z"),
                "{before}{after}"
            );
            // without one the page has no date, not another story's or today's
            let a = x.article(&page(before, "", after), None);
            assert_eq!(a.date, None, "{before}{after}");
        }
        // a <header> inside the story is the story's
        let own_header = "<header><time datetime=2024-03-05>5 March 2024</time></header>";
        let a = x.article(&page("", own_header, ""), None);
        assert_eq!(a.date.as_deref(), Some("2024-03-05"));
    }

    #[test]
    fn included_captions_are_kept_even_when_the_model_doubts_them() {
        let story = STORM_STORY;
        let caption = "Workers at the port of Faro on Tuesday morning, after the vote.";
        let page = format!(
            "<html><body><article><h1>Storm closes ports</h1>{story}<figure><img src=a.jpg>\
             <figcaption>{caption}</figcaption></figure>{story}</article></body></html>"
        );
        let by_default = Extractor::new();
        assert!(!by_default.extract(&page).contains(caption));
        let text = by_default.page_text(&page);
        let d = by_default.explain(&page);
        let row = d.iter().find(|r| &text[r.start..r.end] == caption).unwrap();
        assert_eq!((row.kept, row.reason), (false, "caption"));
        let with = Extractor::builder().include_captions(true).build().unwrap();
        let text = with.extract(&page);
        assert!(text.contains(caption), "{text}");
        // a caption outside the story stays out
        let outside = format!(
            "<html><body><figure><figcaption>{caption}</figcaption></figure><article>\
             <h1>Storm closes ports</h1>{story}{story}</article></body></html>"
        );
        assert!(!with.extract(&outside).contains(caption));
    }

    #[test]
    fn included_comments_leave_the_sections_chrome_out() {
        let story = STORM_STORY;
        let html = format!(
            "<html><body><article><h1>Storm closes ports along the coast</h1>{story}{story}\
             </article><section id=comments class=comments><h3>12 Comments</h3>\
             <p class=comment-login>Log in to comment</p>\
             <div class=comment><div class=comment-author>Jo Park</div>\
             <p>I live near the harbour and the damage to the piers is far worse than \
             the report says.</p><span class=share>Share</span></div></section></body></html>"
        );
        let mut b = Extractor::builder();
        b.include_comments(true);
        let x = b.build().unwrap();
        let text = x.extract(&html);
        assert!(text.contains("far worse than the report says"), "{text:?}");
        for chrome in ["12 Comments", "Log in to comment", "Share"] {
            assert!(!text.contains(chrome), "{chrome}: {text:?}");
        }
    }

    #[test]
    fn a_short_keep_gives_way_to_the_cleaners_longer_one() {
        // The model keeps one short paragraph (under FALLBACK_MORE_CHARS) and
        // reads the thread below it as reader comments; the text cleaner
        // keeps the thread, which is the story.
        let html = forum_thread(
            "<article><p>A question from our readers' forum this week, with the answers \
             it got.</p></article>",
        );
        let text = Extractor::new().extract(&html);
        assert!(text.contains("flea droppings"), "{text:?}");
    }

    #[test]
    fn hostile_input_gives_a_result() {
        let x = Extractor::new();
        let deep = "<div>".repeat(100_000) + "deep text" + &"</div>".repeat(100_000);
        let _ = x.extract(&deep);
        let _ = x.extract_bytes(b"\xff\xfe\x00<\x00p\x00>\x00", None);
        let _ = x.extract_bytes(&[0u8, 159, 146, 150, 0, 255, 60, 112, 62], None);
        let _ = x.article("", None);
    }
}
