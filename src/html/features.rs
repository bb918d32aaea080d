//! What the markup says about each line: the features the HTML line model
//! adds to the text features of [`crate::boilerplate`].
//!
//! Per line (see [`DOM_FEATURE_NAMES`]): the kind of block holding it and its
//! heading level; the share of its block's text inside links; which kinds of
//! element it is inside (`<article>`, `<main>`, `<nav>`, `<header>`,
//! `<footer>`, `<aside>`, `<form>`, `<figure>`, lists, tables ...); what the
//! class and id names around it say (content, comment, related, share, ad,
//! navigation, sidebar, byline, date, caption, footer, subscription, tags,
//! hidden, headline, summary); whether it is inside the element a
//! Readability-style score picks as the page's main container; and how much of
//! it the page's own JSON-LD `articleBody` and description repeat.

use std::collections::HashSet;

use super::dom::{Block, Walk};
pub(crate) use super::meta::title_parts;
use super::tags::{cat, flag, BlockKind};
use crate::hash::{FNV_PRIME, FNV_SEED};

/// Names of the DOM features, in vector order.
pub const DOM_FEATURE_NAMES: [&str; N_DOM] = [
    "k_paragraph",
    "k_heading",
    "k_list",
    "k_row",
    "k_cell",
    "k_pre",
    "k_quote",
    "k_caption",
    "h1",
    "h2_h3",
    "link_share",
    "all_link",
    "f_article",
    "f_main",
    "f_nav",
    "f_header",
    "f_footer",
    "f_aside",
    "f_form",
    "f_figure",
    "f_list",
    "f_table",
    "f_control",
    "f_time",
    "f_strong",
    "f_section",
    "f_address",
    "c_content",
    "c_body",
    "c_comment",
    "c_related",
    "c_share",
    "c_ad",
    "c_nav",
    "c_sidebar",
    "c_byline",
    "c_date",
    "c_caption",
    "c_footer",
    "c_subscribe",
    "c_tags",
    "c_hidden",
    "c_headline",
    "c_summary",
    "c_header",
    "a_content",
    "a_body",
    "a_comment",
    "a_related",
    "a_share",
    "a_ad",
    "a_nav",
    "a_sidebar",
    "a_footer",
    "a_subscribe",
    "itemprop_body",
    "in_top",
    "in_top_parent",
    "host_share",
    "host_link_density",
    "jsonld_body",
    "has_jsonld_body",
    "description",
    "title_sim",
    "log_depth",
    "block_lines",
    "near_media",
];

/// Number of DOM features.
pub const N_DOM: usize = 67;

/// Word n-gram hashes of a text, for overlap features.
struct Grams {
    trigrams: HashSet<u64>,
    words: HashSet<u64>,
}

/// Appends the hashes of the lowercase words of `s` (runs of alphanumeric
/// characters) to `out`, at most `max` of them; allocates nothing else.
fn hashed_words(s: &str, max: usize, out: &mut Vec<u64>) {
    let mut h = FNV_SEED;
    let mut in_word = false;
    for c in s.chars() {
        if c.is_alphanumeric() {
            in_word = true;
            for l in c.to_lowercase() {
                h ^= l as u64;
                h = h.wrapping_mul(FNV_PRIME);
            }
        } else if in_word {
            out.push(h);
            if out.len() >= max {
                return;
            }
            h = FNV_SEED;
            in_word = false;
        }
    }
    if in_word {
        out.push(h);
    }
}

fn trigram(w: &[u64]) -> u64 {
    w[0].rotate_left(1) ^ w[1].rotate_left(17) ^ w[2].rotate_left(33)
}

impl Grams {
    fn new(text: &str) -> Grams {
        let mut ws = Vec::new();
        hashed_words(text, 200_000, &mut ws);
        Grams {
            trigrams: ws.windows(3).map(trigram).collect(),
            words: ws.into_iter().collect(),
        }
    }

    /// The share of a line's word trigrams (given its word hashes) found here
    /// (all words, for lines of fewer than three words).
    fn overlap(&self, buf: &[u64]) -> f32 {
        if buf.is_empty() {
            return 0.0;
        }
        if buf.len() < 3 {
            return buf.iter().all(|w| self.words.contains(w)) as u8 as f32;
        }
        let hits = buf
            .windows(3)
            .filter(|w| self.trigrams.contains(&trigram(w)))
            .count();
        hits as f32 / (buf.len() - 2) as f32
    }
}

/// The word hashes of a short text (up to 200 words), sorted: what
/// [`sorted_f1`] compares.
pub(crate) fn sorted_words(s: &str) -> Vec<u64> {
    let mut w = Vec::new();
    hashed_words(s, 200, &mut w);
    w.sort_unstable();
    w
}

pub(crate) fn sorted_f1(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    if common == 0 {
        return 0.0;
    }
    let p = common as f32 / a.len() as f32;
    let r = common as f32 / b.len() as f32;
    2.0 * p * r / (p + r)
}

/// The Readability-style main container: each paragraph-like block adds
/// `1 + commas + min(3, chars / 100)` to the element above its host and half
/// of that to the one above that; an element's score is scaled by one minus
/// the link density of its text; the best-scoring element wins. Returns its
/// id, or `None` for a page without paragraphs.
fn top_container(walk: &Walk, commas: &[u32]) -> Option<u32> {
    let elems = &walk.elems;
    let n = elems.len();
    let mut score = vec![0f32; n];
    for (b, blk) in walk.blocks.iter().enumerate() {
        let para = matches!(
            blk.kind,
            BlockKind::Paragraph | BlockKind::Other | BlockKind::TableCell | BlockKind::Quote
        );
        if !para || blk.chars < 25 || blk.link_chars * 2 > blk.chars {
            continue;
        }
        let s = 1.0 + commas[b] as f32 + (blk.chars as f32 / 100.0).min(3.0);
        let host = blk.host as usize;
        let p = if blk.kind == BlockKind::Paragraph {
            elems.get(host).map(|e| e.parent)
        } else {
            Some(host as u32)
        };
        if let Some(p) = p.filter(|&p| (p as usize) < n) {
            score[p as usize] += s;
            let g = elems[p as usize].parent;
            if (g as usize) < n {
                score[g as usize] += s / 2.0;
            }
        }
    }
    // subtree link density
    let mut chars: Vec<u64> = elems.iter().map(|e| u64::from(e.chars)).collect();
    let mut links: Vec<u64> = elems.iter().map(|e| u64::from(e.link_chars)).collect();
    for i in (1..n).rev() {
        let p = elems[i].parent as usize;
        if p < n {
            chars[p] += chars[i];
            links[p] += links[i];
        }
    }
    let mut best: Option<(u32, f32)> = None;
    for i in 0..n {
        if score[i] <= 0.0 {
            continue;
        }
        let ld = if chars[i] > 0 {
            links[i] as f32 / chars[i] as f32
        } else {
            0.0
        };
        let s = score[i] * (1.0 - ld);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i as u32, s));
        }
    }
    best.map(|(i, _)| i)
}

/// Whether element `e` is inside (or is) element `top`.
fn within(walk: &Walk, e: u32, top: u32) -> bool {
    let t = &walk.elems[top as usize];
    e >= top && e <= t.end
}

/// Context shared by all lines of a page.
pub(crate) struct PageContext {
    top: Option<u32>,
    top_parent: Option<u32>,
    body: Option<Grams>,
    description: Option<Grams>,
    /// The declared titles as sorted word-hash lists.
    titles: Vec<Vec<u64>>,
    /// The parts of the declared titles between site-name separators
    /// ("Headline | Site", "Site : Section : Headline") of three words or
    /// more, and a title's longest part when it has two and no other part
    /// has as many, as sorted word-hash lists.
    title_parts: Vec<Vec<u64>>,
    host_chars: Vec<u64>,
    host_links: Vec<u64>,
    page_chars: f32,
    block_lines: Vec<u32>,
}

impl PageContext {
    /// Computes the page-level context of `walk`.
    pub(crate) fn new(walk: &Walk) -> PageContext {
        let mut commas = vec![0u32; walk.blocks.len()];
        let mut block_lines = vec![0u32; walk.blocks.len()];
        for l in &walk.lines {
            let t = &walk.text[l.start..l.end];
            commas[l.block as usize] += t.matches([',', '，', '、', '،']).count() as u32;
            block_lines[l.block as usize] += 1;
        }
        let top = top_container(walk, &commas);
        let top_parent = top
            .map(|t| walk.elems[t as usize].parent)
            .filter(|&p| (p as usize) < walk.elems.len());
        let n = walk.elems.len();
        let mut host_chars: Vec<u64> = walk.elems.iter().map(|e| u64::from(e.chars)).collect();
        let mut host_links: Vec<u64> = walk.elems.iter().map(|e| u64::from(e.link_chars)).collect();
        for i in (1..n).rev() {
            let p = walk.elems[i].parent as usize;
            if p < n {
                host_chars[p] += host_chars[i];
                host_links[p] += host_links[i];
            }
        }
        let page_chars = host_chars.first().copied().unwrap_or(0).max(1) as f32;
        let m = &walk.meta;
        let titles = [&m.og_title, &m.jsonld_headline, &m.title_tag]
            .into_iter()
            .flatten()
            .map(|t| sorted_words(t))
            .collect();
        let title_parts = [&m.og_title, &m.jsonld_headline, &m.title_tag]
            .into_iter()
            .flatten()
            .flat_map(|t| {
                // parts of three words or more, and the longest part when it
                // has two: site and section names are the short parts
                let mut parts: Vec<Vec<u64>> =
                    title_parts(t).into_iter().map(sorted_words).collect();
                let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
                let unique = parts.iter().filter(|w| w.len() == longest).count() == 1;
                parts.retain(|w| w.len() >= 3 || (w.len() == 2 && longest == 2 && unique));
                parts
            })
            .collect();
        PageContext {
            top,
            top_parent,
            body: m.article_body.as_deref().map(Grams::new),
            description: m.description.as_deref().map(Grams::new),
            titles,
            title_parts,
            host_chars,
            host_links,
            page_chars,
            block_lines,
        }
    }

    /// Whether element `host` or the block element above it holds an image
    /// directly (captions, credits and galleries sit next to their image).
    pub(crate) fn near_media(&self, walk: &Walk, host: u32) -> bool {
        let Some(e) = walk.elems.get(host as usize) else {
            return false;
        };
        e.media || walk.elems.get(e.parent as usize).is_some_and(|p| p.media)
    }

    /// The best token F1 of `line` (of two words or more) with one of the
    /// headline-sized parts of the page's declared titles (see
    /// [`title_parts`]), and the number of words of `line`; (0, 0) when there
    /// is none.
    pub(crate) fn title_part_similarity(&self, line: &str) -> (f32, usize) {
        if self.title_parts.is_empty() {
            return (0.0, 0);
        }
        let w = sorted_words(line);
        if w.len() < 2 {
            return (0.0, 0);
        }
        let best = self
            .title_parts
            .iter()
            .map(|t| sorted_f1(&w, t))
            .fold(0.0, f32::max);
        (best, w.len())
    }

    /// Whether the page's JSON-LD `articleBody` repeats `line`: all its word
    /// trigrams (its words, for a line of under three) are in the body's.
    /// Linear in the line, whatever the body's length.
    pub(crate) fn body_repeats(&self, line: &str) -> bool {
        let mut words = Vec::new();
        hashed_words(line, usize::MAX, &mut words);
        self.body.as_ref().is_some_and(|g| g.overlap(&words) >= 1.0)
    }

    /// The best token F1 of `line` with one of the page's declared titles.
    pub(crate) fn title_similarity(&self, line: &str) -> f32 {
        if self.titles.is_empty() {
            return 0.0;
        }
        let w = sorted_words(line);
        self.titles
            .iter()
            .map(|t| sorted_f1(&w, t))
            .fold(0.0, f32::max)
    }

    /// The DOM feature vector of line `i` of `walk`.
    pub(crate) fn vector(&self, walk: &Walk, i: usize) -> [f32; N_DOM] {
        let l = walk.lines[i];
        let b: &Block = &walk.blocks[l.block as usize];
        let text = &walk.text[l.start..l.end];
        let k = |kind: BlockKind| (b.kind == kind) as u8 as f32;
        let f = |bit: u32| (b.flags & bit != 0) as u8 as f32;
        let c = |bit: u32| (b.cats_near & bit != 0) as u8 as f32;
        let a = |bit: u32| (b.cats_any & bit != 0) as u8 as f32;
        let link_share = if b.chars > 0 {
            b.link_chars as f32 / b.chars as f32
        } else {
            0.0
        };
        let host = b.host as usize;
        let hc = self.host_chars.get(host).copied().unwrap_or(0);
        let hl = self.host_links.get(host).copied().unwrap_or(0);
        let (host_share, host_ld) = (
            hc as f32 / self.page_chars,
            if hc > 0 { hl as f32 / hc as f32 } else { 0.0 },
        );
        // the line's word hashes, shared by the overlap and title features
        let mut words = Vec::new();
        let wants_title = !self.titles.is_empty() && b.chars < 400;
        if self.body.is_some() || self.description.is_some() || wants_title {
            hashed_words(text, 2000, &mut words);
        }
        let title_sim = if wants_title {
            let mut sorted: Vec<u64> = words.iter().copied().take(200).collect();
            sorted.sort_unstable();
            self.titles
                .iter()
                .map(|t| sorted_f1(&sorted, t))
                .fold(0.0, f32::max)
        } else {
            0.0
        };
        [
            k(BlockKind::Paragraph),
            k(BlockKind::Heading),
            k(BlockKind::ListItem),
            k(BlockKind::TableRow),
            k(BlockKind::TableCell),
            k(BlockKind::Pre),
            k(BlockKind::Quote),
            k(BlockKind::Caption),
            (b.heading == 1) as u8 as f32,
            (b.heading == 2 || b.heading == 3) as u8 as f32,
            link_share,
            (link_share > 0.9) as u8 as f32,
            f(flag::ARTICLE),
            f(flag::MAIN),
            f(flag::NAV),
            f(flag::HEADER),
            f(flag::FOOTER),
            f(flag::ASIDE),
            f(flag::FORM),
            f(flag::FIGURE),
            f(flag::LIST),
            f(flag::TABLE),
            f(flag::CONTROL),
            f(flag::TIME),
            f(flag::STRONG),
            f(flag::SECTION),
            f(flag::ADDRESS),
            c(cat::CONTENT),
            c(cat::BODY),
            c(cat::COMMENT),
            c(cat::RELATED),
            c(cat::SHARE),
            c(cat::AD),
            c(cat::NAV),
            c(cat::SIDEBAR),
            c(cat::BYLINE),
            c(cat::DATE),
            c(cat::CAPTION),
            c(cat::FOOTER),
            c(cat::SUBSCRIBE),
            c(cat::TAGS),
            c(cat::HIDDEN),
            c(cat::HEADLINE),
            c(cat::SUMMARY),
            c(cat::HEADER),
            a(cat::CONTENT),
            a(cat::BODY),
            a(cat::COMMENT),
            a(cat::RELATED),
            a(cat::SHARE),
            a(cat::AD),
            a(cat::NAV),
            a(cat::SIDEBAR),
            a(cat::FOOTER),
            a(cat::SUBSCRIBE),
            b.article_body as u8 as f32,
            self.top.is_some_and(|t| within(walk, b.host, t)) as u8 as f32,
            self.top_parent.is_some_and(|t| within(walk, b.host, t)) as u8 as f32,
            host_share,
            host_ld,
            self.body.as_ref().map_or(0.0, |g| g.overlap(&words)),
            self.body.is_some() as u8 as f32,
            self.description.as_ref().map_or(0.0, |g| g.overlap(&words)),
            title_sim,
            (1.0 + b.depth as f32).ln(),
            (self
                .block_lines
                .get(l.block as usize)
                .copied()
                .unwrap_or(1)
                .min(10) as f32)
                / 10.0,
            self.near_media(walk, b.host) as u8 as f32,
        ]
    }
}
