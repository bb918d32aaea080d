//! The text cleaner's headline chooser: a model over the lines near
//! the article's start, run inside the decision on every pass (so the line
//! [`super::Cleaner::clean`] keeps as `"title"` is the headline
//! [`super::Cleaner::article`] returns, and cleaning stays idempotent).
//!
//! Candidates are the lines from [`BEFORE`] lines before the article's first
//! line to [`AFTER`] lines after it (from further up, at most
//! [`WIDE_BEFORE`], when no byline or dateline is in that window but one is
//! just above it: then from [`META_NEAR`] lines above that one): not bylines, datelines, lines of a content shape
//! ([`super::decide::CONTENT_SHAPE`]), bulleted lines,
//! rows of short cells, share bars ("Share this:") or lines a hard rule
//! removes (a user pattern, a site-repeated line, a chrome phrase: the
//! headline never brings them back; but a line of the separator rule is a
//! candidate when it is a headline with its site, section or rating after a
//! pipe, [`piped_title`]: "Harbour plan wins council vote | Local news", not
//! a menu of short links or a breadcrumb; its `sep` shape tells the model,
//! and chosen it is kept only as the headline), of [`MIN_WORDS`] to
//! [`MAX_WORDS`] words. Each gets [`HEAD_FEATURE_NAMES`]: how many of its content words the
//! article's first lines repeat (a headline and its lede tell the same
//! story), its distance from the article and its rank among the title-like
//! lines counting back from the article, its shape (words, final punctuation,
//! capitals, digits, bullets, separators, caption and credit words, "Key:
//! value"), what the decision says of it (score, in the article, the old
//! rule's pick) and of its neighbours (title-like, a byline or date next, a
//! byline or date within three lines below or above).
//! A candidate's score is linear in its features plus the leaves of a few
//! boosted trees ([`HeadTrees`]: interactions a weight per feature cannot
//! express, such as "short and right above the lede"). The model
//! (`headline_model.rs`) is fitted by `scripts/train_boilerplate.py
//! --headline` (on the sets its `HEADLINE_TRAIN` names: the L3S headlines,
//! and AEB silver headlines from the pages' HTML metadata) as a choice among
//! each page's candidates (a softmax over them and "no headline"),
//! validated by leaving sites out on both sets. The best candidate is the
//! headline when its score clears [`MIN_LOGIT`].
//!
//! The work per pass is bounded: at most `WIDE_BEFORE + META_NEAR + AFTER + 1` candidates and
//! the first [`BODY`] article lines after them are read. A candidate's shape
//! (the costliest read of its text) is read only when the candidate can still
//! be the choice given the rest of its vector (`fill_shapes`: an exact bound,
//! so the choice is the one over all candidates); when the candidates are
//! recorded for training, every shape is read.

use std::borrow::Cow;
use std::cell::RefCell;

use super::decide::{Hard, Headline, LineFacts, PassView, Seq, BYLINE, CONTENT_SHAPE, DATELINE};
use super::headline_model::{
    HEAD_BIAS, HEAD_TREES, HEAD_TREE_FEATURES, HEAD_TREE_LEAVES, HEAD_TREE_THRESHOLDS, HEAD_WEIGHTS,
};

// The generated weights are written with their length: one per feature; the
// trees' arrays with theirs, and every split reads a feature of the vector.
const _: () = {
    assert!(HEAD_WEIGHTS.len() == N_HEAD);
    assert!(HEAD_TREE_FEATURES.len() == HEAD_TREES * TREE_NODES);
    assert!(HEAD_TREE_THRESHOLDS.len() == HEAD_TREES * TREE_NODES);
    assert!(HEAD_TREE_LEAVES.len() == HEAD_TREES * TREE_LEAVES);
    let mut k = 0;
    while k < HEAD_TREE_FEATURES.len() {
        assert!((HEAD_TREE_FEATURES[k] as usize) < N_HEAD);
        k += 1;
    }
};
use super::features::{plain_cont, ASCII_LOWER, BYTE_CLASS, DIGIT, LOWER, UPPER, WS};
use super::lexicon::{
    fnv1a, is_alphabetic, is_alphanumeric, is_numeric, pack, WordSet, PACKED_BYTES,
};
use crate::error::{Error, Result};
use crate::hash::{FNV_PRIME, FNV_SEED};
use crate::offsets::str_prefix;

/// Lines before the article's first line that may be the headline.
pub(crate) const BEFORE: usize = 25;
/// Lines before the article's first line searched for a byline or dateline
/// that widens the window to the lines just above it (see `candidates`).
const WIDE_BEFORE: usize = 60;
/// Lines after it (the article's own first lines).
pub(crate) const AFTER: usize = 5;
/// Candidates have at least this many words ...
const MIN_WORDS: u32 = 1;
/// ... and at most this many.
const MAX_WORDS: u32 = 40;
/// Lines below and above a candidate searched for a byline or dateline
/// (`meta_below`, `meta_above`).
const META_NEAR: usize = 3;
/// Article lines read for the word overlap (the lede is the first three).
const BODY: usize = 6;
// (a pass's article lines each have a bit of a `u32` in `Occurs`)
const _: () = assert!(AFTER + 1 + BODY <= 32);
/// The lede: the first article lines after the candidate.
const LEDE: usize = 3;
/// No headline unless the best candidate's logit is above this: the logit
/// of "no headline" in the training's softmax, so a candidate above it is
/// likelier the headline than that the page shows none.
pub(crate) const MIN_LOGIT: f32 = -3.0;

/// Number of headline features.
pub const N_HEAD: usize = 39;

/// Names of the headline features, in vector order.
pub const HEAD_FEATURE_NAMES: [&str; N_HEAD] = [
    "dist",
    "dist1",
    "after",
    "lede",
    "body",
    "lede0",
    "words_lo",
    "words_hi",
    "allcaps",
    "end_dot",
    "end_q",
    "end_colon",
    "digits",
    "sep",
    "caption",
    "score",
    "rule_title",
    "in_article",
    "best_lede",
    "by_prefix",
    "next_meta",
    "key_colon",
    "starts_lower",
    "isolated",
    "bullet",
    "credit",
    "rank1",
    "rank2",
    "rank3p",
    "next_title",
    "prev_title",
    "ends_dash",
    "colon_sp",
    "caps_content",
    "meta_key",
    "paren_tail",
    "ui_verb",
    "meta_below",
    "meta_above",
];

/// First words of a page's controls ("View larger image", "Go to Google
/// News", "Check out the blog", "Sign in to comment"), lowercase.
const UI_VERBS: [&str; 24] = [
    "view",
    "check",
    "go",
    "click",
    "read",
    "see",
    "watch",
    "sign",
    "share",
    "email",
    "e-mail",
    "print",
    "subscribe",
    "reprint",
    "follow",
    "join",
    "get",
    "download",
    "listen",
    "send",
    "post",
    "log",
    "register",
    "visit",
];

/// A short line (at most 6 words) opened by one of [`UI_VERBS`]: a
/// control's label more often than a headline.
fn ui_verb(t: &str, words: u32) -> bool {
    words <= 6
        && t.split_ascii_whitespace()
            .next()
            .is_some_and(|w| UI_VERBS.iter().any(|v| w.eq_ignore_ascii_case(v)))
}

/// A row of cells whose first cell has fewer than three words (a table's
/// header row "Pos<TAB>Player<TAB>Plays", a bar of links "Live Scores<TAB>Write
/// For Us"): never the headline.
fn short_first_cell(t: &str) -> bool {
    // (the first tab by `memchr`: `split_once('\t')` took its char searcher)
    memchr::memchr(b'\t', t.as_bytes()).is_some_and(|k| t[..k].split_whitespace().count() < 3)
}

/// A line the separator rule removes that may still be the headline: its
/// parts are split by pipes, one of them has at least three words, and it
/// has no breadcrumb arrow ("Harbour plan wins council vote | Local news",
/// "Harbour Lights | Film review | 3 stars": a headline with its site,
/// section or rating, not "Home > News > Local" or a menu of one- and
/// two-word links).
fn piped_title(t: &str) -> bool {
    t.contains('|')
        && !t.contains(['>', '»', '›'])
        && t.split('|')
            .any(|cell| cell.split_whitespace().count() >= PIPED_PART_WORDS)
}

/// The fewest words of a piped line's part that may be (part of) a headline:
/// [`piped_title`] asks one such part of a candidate, and the Article's title
/// of a piped line keeps only such parts (`Cleaner::article`).
pub(crate) const PIPED_PART_WORDS: usize = 3;

/// A share bar's label: the text before the line's first colon opens with
/// the word "Share" ("Share:", "Share this article:", "Share on: Facebook
/// Twitter", and Vox Media's "Share All sharing options for: <headline>",
/// which repeats the headline shown on its own line above it): never the
/// headline.
///
/// (On a trimmed line: "share" in any case, then a colon or a space, and a
/// colon somewhere after it; the first five bytes are tested before any
/// search, as most candidates fail there.)
fn share_bar(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() > 5
        && b[..5].eq_ignore_ascii_case(b"share")
        && t[5..]
            .chars()
            .next()
            .is_some_and(|c| c == ':' || c.is_whitespace())
        && memchr::memchr(b':', &b[5..]).is_some()
}

/// Caption and credit words: a line holding one is rarely the headline.
const CAPTION: [&str; 15] = [
    "photo", "click", "image", "enlarge", "video", "caption", "credit", "getty", "gallery",
    "larger", "articles", "staff", " ago", "stories", "talkback",
];

/// The caption words as one automaton (a line is scanned once).
fn caption_words() -> &'static aho_corasick::dfa::DFA {
    static AC: std::sync::OnceLock<aho_corasick::dfa::DFA> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(CAPTION)
            .expect("caption words build")
    })
}

/// Whether `t` holds a caption word: the automaton walked state by state
/// until its first match (candidates are short lines, on which the
/// iterator's setup costs more than the walk).
fn has_caption_word(t: &str) -> bool {
    use aho_corasick::automaton::Automaton;
    use aho_corasick::Anchored;
    let dfa = caption_words();
    let Ok(mut sid) = dfa.start_state(Anchored::No) else {
        return false;
    };
    for &b in t.as_bytes() {
        sid = dfa.next_state(Anchored::No, sid, b);
        if dfa.is_special(sid) {
            if dfa.is_dead(sid) {
                return false;
            }
            if dfa.is_match(sid) {
                return true;
            }
        }
    }
    false
}

/// A headline model: a candidate's logit is the intercept, plus one weight
/// per feature times the feature, plus the leaf each of the boosted trees
/// ([`HeadTrees`]) sends the vector to.
#[derive(Clone, Debug, PartialEq)]
pub struct HeadlineModel {
    /// Intercept.
    pub bias: f32,
    /// One weight per entry of [`HEAD_FEATURE_NAMES`].
    pub weights: [f32; N_HEAD],
    /// Trees added to the linear part (none: a linear model).
    pub trees: HeadTrees,
}

/// Depth of every headline tree.
pub const HEAD_TREE_DEPTH: usize = 3;
/// Internal nodes per headline tree.
const TREE_NODES: usize = (1 << HEAD_TREE_DEPTH) - 1;
/// Leaves per headline tree.
const TREE_LEAVES: usize = 1 << HEAD_TREE_DEPTH;

/// Boosted trees over the headline features, added to the linear part of a
/// [`HeadlineModel`] (they express what a weight per feature cannot: "short
/// and right above the lede"). Every tree is a complete binary tree of depth
/// [`HEAD_TREE_DEPTH`] in breadth-first order: internal node `i` sends the
/// vector `x` to child `2i + 1` when `x[feature] <= threshold`, else to
/// `2i + 2`; the leaves hold additive logits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeadTrees {
    features: Cow<'static, [u8]>,
    thresholds: Cow<'static, [f32]>,
    leaves: Cow<'static, [f32]>,
    /// The largest leaf of each tree, and the largest magnitude of a leaf
    /// of each tree, summed ([`leaf_sums`]).
    sums: (f64, f64),
    /// For each tree, the largest leaf of it and of every tree after it,
    /// summed ([`rest_sums`]).
    rest: Cow<'static, [f64]>,
}

/// For each tree `t` of `leaves` ([`TREE_LEAVES`] per tree), the largest
/// leaf of each tree from `t` on, summed (the bound of
/// [`TextHeadline::fill_shapes`] stops adding trees once what it has plus
/// this is below its floor). `N` is the number of trees.
const fn rest_sums<const N: usize>(leaves: &[f32]) -> [f64; N] {
    let mut rest = [0f64; N];
    let mut t = N;
    let mut after = 0f64;
    while t > 0 {
        t -= 1;
        let mut max = f64::NEG_INFINITY;
        let mut k = 0;
        while k < TREE_LEAVES {
            max = max.max(leaves[t * TREE_LEAVES + k] as f64);
            k += 1;
        }
        after += max;
        rest[t] = after;
    }
    rest
}

/// [`rest_sums`] of trees built at run time.
fn rest_sums_vec(leaves: &[f32]) -> Vec<f64> {
    let mut rest: Vec<f64> = leaves
        .chunks_exact(TREE_LEAVES)
        .map(|l| l.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v as f64)))
        .collect();
    let mut after = 0f64;
    for r in rest.iter_mut().rev() {
        after += *r;
        *r = after;
    }
    rest
}

/// The largest leaf of each tree of `leaves` ([`TREE_LEAVES`] per tree),
/// and the largest magnitude of a leaf of each, summed (for the bound of
/// [`TextHeadline::fill_shapes`]).
const fn leaf_sums(leaves: &[f32]) -> (f64, f64) {
    let (mut max_sum, mut mag_sum) = (0f64, 0f64);
    let mut t = 0;
    while (t + 1) * TREE_LEAVES <= leaves.len() {
        let (mut max, mut mag) = (f64::NEG_INFINITY, 0f64);
        let mut k = 0;
        while k < TREE_LEAVES {
            let v = leaves[t * TREE_LEAVES + k] as f64;
            max = max.max(v);
            mag = mag.max(v.abs());
            k += 1;
        }
        max_sum += max;
        mag_sum += mag;
        t += 1;
    }
    (max_sum, mag_sum)
}

impl HeadTrees {
    /// Trees from flat arrays: per tree, `2^HEAD_TREE_DEPTH - 1` split
    /// features and thresholds and `2^HEAD_TREE_DEPTH` leaves. Fails when
    /// the sizes do not agree or a feature is not one of
    /// [`HEAD_FEATURE_NAMES`].
    pub fn new(features: Vec<u8>, thresholds: Vec<f32>, leaves: Vec<f32>) -> Result<HeadTrees> {
        let trees = leaves.len() / TREE_LEAVES;
        if !leaves.len().is_multiple_of(TREE_LEAVES)
            || features.len() != trees * TREE_NODES
            || thresholds.len() != trees * TREE_NODES
        {
            return Err(Error::option(format!(
                "headline trees need {TREE_NODES} features and thresholds and {TREE_LEAVES} \
                 leaves per tree; got {} / {} / {}",
                features.len(),
                thresholds.len(),
                leaves.len()
            )));
        }
        if let Some(&f) = features.iter().find(|&&f| usize::from(f) >= N_HEAD) {
            return Err(Error::option(format!(
                "headline tree feature {f} out of range for {N_HEAD} features"
            )));
        }
        Ok(HeadTrees {
            sums: leaf_sums(&leaves),
            rest: Cow::Owned(rest_sums_vec(&leaves)),
            features: Cow::Owned(features),
            thresholds: Cow::Owned(thresholds),
            leaves: Cow::Owned(leaves),
        })
    }

    /// Number of trees.
    pub fn len(&self) -> usize {
        self.leaves.len() / TREE_LEAVES
    }

    /// Whether there are no trees.
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The trees in order, each as fixed-size arrays (so that the walks
    /// index them without a bounds check per node: taking tree `t`'s slices
    /// and checking each node's index was half of each tree's walk).
    fn trees(&self) -> impl Iterator<Item = Tree<'_>> {
        self.features
            .chunks_exact(TREE_NODES)
            .zip(self.thresholds.chunks_exact(TREE_NODES))
            .zip(self.leaves.chunks_exact(TREE_LEAVES))
            .filter_map(|((feat, thr), leaves)| {
                Some(Tree {
                    feat: feat.first_chunk()?,
                    thr: thr.first_chunk()?,
                    leaves: leaves.first_chunk()?,
                })
            })
    }

    /// The leaf tree `t` sends `x` to.
    #[cfg(test)]
    fn leaf(&self, t: usize, x: &[f32; N_HEAD]) -> f32 {
        self.trees().nth(t).map_or(0.0, |tree| tree.leaf(x))
    }

    /// [`Tree::leaf_bound`] of tree `t`.
    #[cfg(test)]
    fn leaf_bound(&self, t: usize, x: &[f32; N_HEAD], unknown: &[bool; N_HEAD]) -> f32 {
        self.trees()
            .nth(t)
            .map_or(0.0, |tree| tree.leaf_bound(x, unknown))
    }

    /// The largest leaf of each tree, summed.
    fn max_sum(&self) -> f64 {
        self.sums.0
    }

    /// The largest magnitude of a leaf of each tree, summed.
    fn magnitude(&self) -> f64 {
        self.sums.1
    }
}

/// One tree of [`HeadTrees`]: its split features and thresholds (breadth
/// first) and its leaves.
#[derive(Clone, Copy)]
struct Tree<'a> {
    feat: &'a [u8; TREE_NODES],
    thr: &'a [f32; TREE_NODES],
    leaves: &'a [f32; TREE_LEAVES],
}

impl Tree<'_> {
    /// The leaf the tree sends `x` to.
    #[inline(always)]
    fn leaf(self, x: &[f32; N_HEAD]) -> f32 {
        let mut node = 0;
        for _ in 0..HEAD_TREE_DEPTH {
            node = 2 * node + 1 + (x[usize::from(self.feat[node])] > self.thr[node]) as usize;
        }
        self.leaves[node - TREE_NODES]
    }

    /// An upper bound of the leaf the tree sends `x` to when the entries
    /// `unknown` marks may be anything in 0..=1 (a shape not read yet): the
    /// leaf, when no split on the way reads such an entry in a way its value
    /// decides; else the largest leaf under the first split that does.
    #[inline(always)]
    fn leaf_bound(self, x: &[f32; N_HEAD], unknown: &[bool; N_HEAD]) -> f32 {
        let mut node = 0;
        for depth in 0..HEAD_TREE_DEPTH {
            let (f, th) = (usize::from(self.feat[node]), self.thr[node]);
            let right = if !unknown[f] {
                x[f] > th
            } else if !(0.0..1.0).contains(&th) {
                th < 0.0
            } else {
                // either side: the leaves under `node` are contiguous
                let below = HEAD_TREE_DEPTH - depth;
                let first = ((node + 1) << below) - TREE_LEAVES;
                return self.leaves[first..first + (1 << below)]
                    .iter()
                    .fold(f32::NEG_INFINITY, |m, &v| m.max(v));
            };
            node = 2 * node + 1 + right as usize;
        }
        self.leaves[node - TREE_NODES]
    }
}

/// The shipped headline model (`headline_model.rs`).
pub(crate) const SHIPPED_HEADLINE: HeadlineModel = HeadlineModel {
    bias: HEAD_BIAS,
    weights: HEAD_WEIGHTS,
    trees: HeadTrees {
        features: Cow::Borrowed(&HEAD_TREE_FEATURES),
        thresholds: Cow::Borrowed(&HEAD_TREE_THRESHOLDS),
        leaves: Cow::Borrowed(&HEAD_TREE_LEAVES),
        sums: leaf_sums(&HEAD_TREE_LEAVES),
        rest: Cow::Borrowed(&rest_sums::<HEAD_TREES>(&HEAD_TREE_LEAVES)),
    },
};

/// Candidate feature vectors of one pass: (sequence index, vector); when
/// recorded for training, (non-blank line index, vector).
pub(crate) type Recorded = Vec<(usize, [f32; N_HEAD])>;

/// The chooser over the non-blank lines of one page.
pub(crate) struct TextHeadline<'a> {
    /// The page.
    pub text: &'a str,
    /// Trimmed span of each non-blank line.
    pub spans: &'a [(usize, usize)],
    /// The decision's facts of each non-blank line.
    pub facts: &'a [LineFacts],
    /// Stopwords (not content words).
    pub stop: &'a WordSet,
    /// The weights.
    pub model: &'a HeadlineModel,
    /// Training: each pass's candidates are recorded here.
    pub record: Option<&'a RefCell<Vec<Recorded>>>,
    /// What was read of each line's text, kept across passes.
    pub cache: RefCell<Cache>,
}

/// What the chooser read of the lines' text on earlier passes of a page
/// (the passes see the same lines again, in a shorter sequence), and the
/// buffers of one pass, kept so that a pass allocates nothing.
#[derive(Default)]
pub(crate) struct Cache {
    /// Non-blank line -> its content words in `pool` (`NOT_READ` until
    /// read), for the first [`NEAR_LINES`] lines, grown to the lines read (a
    /// map's hashing and probing per lookup cost more); a map for the lines
    /// past those (so that memory stays proportional to the lines read, a
    /// few dozen, on any page).
    words: Vec<(u32, u32)>,
    far_words: std::collections::HashMap<u32, (u32, u32), super::lexicon::FnvBuild>,
    /// Page line -> its shape.
    shapes: std::collections::HashMap<u32, Shape, super::lexicon::FnvBuild>,
    pool: Vec<u64>,
    /// Scratch of one pass: the article lines read, their words in `pool`,
    /// the title-like ranks, whether each line near the article is
    /// title-like and the candidates.
    art: Vec<usize>,
    ranges: Vec<(usize, usize)>,
    rank: Vec<u32>,
    tl: Vec<bool>,
    /// The word table (kept across passes, see [`Occurs`]).
    occurs: Occurs,
    /// The page lines of a pass's article lines, and the bits of the first
    /// `j` of them in `occurs` ([`Cache::article_words`]).
    art_lines: Vec<u32>,
    art_bits: Vec<u32>,
    out: Recorded,
    /// Page line of each candidate in `out`, and whether its shape entries
    /// of the vector are filled in.
    out_line: Vec<(u32, bool)>,
    /// Upper bound of each candidate's logit before its shape is read.
    bound: Vec<f64>,
    /// Logit of each candidate in `out`, when `fill_shapes` computed it.
    z: Vec<Option<f32>>,
}

/// See [`Cache::words`].
const NOT_READ: u32 = u32::MAX;
/// See [`Cache::words`] (32 KB at most).
const NEAR_LINES: usize = 4096;

impl Cache {
    /// Forgets the page read so far (another page's lines come next),
    /// keeping the memory: as `Cache::default()` but for the buffers'
    /// capacity (the cache is kept per thread across pages, so its buffers
    /// grow to a pass's size on a thread's first page only).
    pub(crate) fn clear(&mut self) {
        self.words.clear();
        self.far_words.clear();
        self.shapes.clear();
        self.pool.clear();
        self.occurs.clear();
        self.art_lines.clear();
        self.art_bits.clear();
    }

    /// The bytes this cache holds on to (a caller keeping it across pages
    /// drops it past a bound, so that one huge page does not pin its size).
    pub(crate) fn retained_bytes(&self) -> usize {
        use super::vec_bytes;
        use std::mem::size_of;
        vec_bytes(&self.words)
            + vec_bytes(&self.pool)
            + vec_bytes(&self.occurs.slots)
            + self.far_words.capacity() * size_of::<(u32, (u32, u32))>()
            + self.shapes.capacity() * size_of::<(u32, Shape)>()
    }

    /// Makes `occurs` hold the content words of the page lines `lines` (a
    /// pass's article lines, in page order; `text(i)` is line `i`'s text)
    /// and `art_bits[j]` the bits of the first `j` of them: the lines not in
    /// the table yet are added to it, or, when it has no room for them, it
    /// is made anew from these lines.
    fn article_words<'t>(
        &mut self,
        lines: &[u32],
        text: impl Fn(usize) -> &'t str,
        stop: &WordSet,
    ) {
        if self.occurs.slots.is_empty() {
            self.occurs.reset(0); // (a table to look words up in)
        }
        let art_bits = &mut self.art_bits;
        art_bits.clear();
        art_bits.push(0u32);
        for &i in lines {
            let bit = match self.occurs.bit_of(i) {
                Some(bit) => Some(bit),
                None => {
                    let (a, b) = self.words(i as usize, text(i as usize), stop);
                    self.occurs.add_line(i, &self.pool[a..b])
                }
            };
            let art_bits = &mut self.art_bits;
            let Some(bit) = bit else {
                art_bits.truncate(1);
                break;
            };
            art_bits.push(art_bits[art_bits.len() - 1] | 1 << bit);
        }
        if self.art_bits.len() == lines.len() + 1 {
            return;
        }
        let mut ranges = std::mem::take(&mut self.ranges);
        ranges.clear();
        for &i in lines {
            ranges.push(self.words(i as usize, text(i as usize), stop));
        }
        let n_words: usize = ranges.iter().map(|(a, b)| b - a).sum();
        let occurs = &mut self.occurs;
        occurs.reset(n_words);
        for (j, (&i, &(a, b))) in lines.iter().zip(&ranges).enumerate() {
            // (bit j: a pass reads at most AFTER + 1 + BODY lines)
            for &w in &self.pool[a..b] {
                occurs.add(w, 1 << j);
            }
            occurs.lines.push(i);
            self.art_bits.push(self.art_bits[j] | 1 << j);
        }
        self.ranges = ranges;
    }

    /// The content words of page line `i` (`line` is its text).
    fn words(&mut self, i: usize, line: &str, stop: &WordSet) -> (usize, usize) {
        let near = i < NEAR_LINES;
        if near {
            match self.words.get(i) {
                Some(&(a, b)) if a != NOT_READ => return (a as usize, b as usize),
                Some(_) => {}
                None => self.words.resize(i + 1, (NOT_READ, 0)),
            }
        } else if let Some(&(a, b)) = self.far_words.get(&(i as u32)) {
            return (a as usize, b as usize);
        }
        let a = self.pool.len();
        content_words(str_prefix(line, HEAD_BYTES), stop, &mut self.pool);
        let b = self.pool.len();
        // (the pool holds at most HEAD_BYTES / 4 words per line read, so
        // fewer than NOT_READ)
        if near {
            self.words[i] = (a as u32, b as u32);
        } else {
            self.far_words.insert(i as u32, (a as u32, b as u32));
        }
        (a, b)
    }
}

/// Each byte's lowercase when it is an ASCII digit or letter, 0 for every
/// other byte (the walk of [`content_words`] reads one table per byte).
static ALNUM_LOWER: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = (b as u8).to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Content words of a line (lowercase alphanumeric runs of at least three
/// characters that are not stopwords), as ids ([`content_word`]), appended
/// to `out`.
fn content_words(s: &str, stop: &WordSet, out: &mut Vec<u64>) {
    // ASCII but for punctuation (`plain_cont`: no letter or digit is
    // outside ASCII, so the runs are the ASCII ones and each byte from
    // 0x80 up ends one, like the punctuation it is part of): the runs are
    // found by bit scans, and the line is checked for punctuation only when
    // a byte from 0x80 up was seen (its words are dropped when it is not
    // plain)
    #[cfg(target_arch = "x86_64")]
    {
        let had = out.len();
        let high = if super::features::has_bit_ops() {
            // SAFETY: the CPU has the features, checked just above.
            unsafe { masked_content_words_bit_ops(s.as_bytes(), stop, out) }
        } else {
            masked_content_words::<false>(s.as_bytes(), stop, out)
        };
        if !high || plain_cont(s).is_some() {
            return;
        }
        out.truncate(had);
    }
    #[cfg(not(target_arch = "x86_64"))]
    if plain_cont(s).is_some() {
        plain_content_words(s.as_bytes(), stop, out);
        return;
    }
    let mut buf = String::new();
    let mut small = [0u8; 32];
    // (`lexicon::is_alphanumeric` is `char`'s, without the table walk on
    // the common non-ASCII letters)
    for w in s.split(|c: char| !is_alphanumeric(c)) {
        if w.len() < 3 {
            continue;
        }
        // an ASCII word lowercases byte by byte (the same bytes as
        // `char::to_lowercase`), without a `String`
        let lower: &[u8] = if w.is_ascii() && w.len() <= small.len() {
            for (d, x) in small.iter_mut().zip(w.bytes()) {
                *d = x.to_ascii_lowercase();
            }
            &small[..w.len()]
        } else {
            if w.chars().nth(2).is_none() {
                continue;
            }
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            buf.as_bytes()
        };
        if let Some(id) = content_word(lower, stop) {
            out.push(id);
        }
    }
}

/// The id of a word whose lowercase is `lower` (not empty), unless it is a
/// stopword: a word of at most [`PACKED_BYTES`] bytes is its packed bytes
/// ([`pack`], exact), mixed by a bijection so that the low bits the word
/// tables index by vary; a longer one its [`fnv1a`] hash. Only equality of
/// ids matters (the overlaps of [`Occurs`]); the packed words are looked up
/// in the stopwords' packed set, which holds every stopword of that length.
#[inline(always)]
fn content_word(lower: &[u8], stop: &WordSet) -> Option<u64> {
    if lower.len() <= PACKED_BYTES {
        let key = pack(lower);
        (!stop.contains_packed(key)).then(|| mix_packed(key))
    } else {
        let h = fnv1a(lower);
        (!stop.contains_hash(h)).then_some(h)
    }
}

/// A bijection of `u64` (an odd multiplier, then the high half folded into
/// the low one): the id of a packed word ([`content_word`]).
#[inline(always)]
fn mix_packed(key: u64) -> u64 {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^ (h >> 32)
}

/// The content words of a line that is ASCII but for punctuation, a byte
/// at a time (each run is hashed as it is read: FNV-1a of its lowercase
/// bytes, as `fnv1a`, the id of a run of more than [`PACKED_BYTES`]; see
/// [`content_word`]): the definition [`masked_content_words`] is tested
/// against, and its version elsewhere than on x86_64.
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn plain_content_words(b: &[u8], stop: &WordSet, out: &mut Vec<u64>) {
    let mut i = 0;
    while i < b.len() {
        if ALNUM_LOWER[b[i] as usize] == 0 {
            i += 1;
            continue;
        }
        let start = i;
        let mut h = FNV_SEED;
        while let Some(&l) = b.get(i).map(|&x| &ALNUM_LOWER[x as usize]) {
            if l == 0 {
                break;
            }
            h = (h ^ l as u64).wrapping_mul(FNV_PRIME);
            i += 1;
        }
        debug_assert_eq!(h, fnv1a(&b[start..i].to_ascii_lowercase()));
        let run = &b[start..i];
        if run.len() < 3 {
            continue;
        }
        let id = if run.len() <= PACKED_BYTES {
            let mut small = [0u8; PACKED_BYTES];
            for (d, &x) in small.iter_mut().zip(run) {
                *d = ALNUM_LOWER[x as usize];
            }
            content_word(&small[..run.len()], stop)
        } else {
            (!stop.contains_hash(h)).then_some(h)
        };
        out.extend(id);
    }
}

/// The content words of `b` as [`content_words`] reads an ASCII line (runs
/// of ASCII letters and digits; a byte from 0x80 up ends a run), appended to
/// `out`; whether a byte from 0x80 up was seen (then the caller checks that
/// the line is ASCII but for punctuation, [`plain_cont`], and otherwise
/// drops these words). The runs are found 64 bytes at a time by bit scans
/// over a mask of the ASCII letters and digits ([`alnum_mask`]); only the
/// bytes of runs of three or more are read, each as its id of
/// [`content_word`] (`| 0x20` is the lowercase of an ASCII letter or digit).
/// The byte walk took a table lookup and a test per byte of each line read.
/// With `WIDE` (only in [`masked_content_words_bit_ops`]), the masks are
/// [`alnum_mask_wide`]'s.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn masked_content_words<const WIDE: bool>(b: &[u8], stop: &WordSet, out: &mut Vec<u64>) -> bool {
    let mut high = false;
    // the run being read when it reaches a window's end: its start
    let mut open: Option<usize> = None;
    let mut base = 0;
    while base < b.len() {
        let win = &b[base..b.len().min(base + 64)];
        let n = win.len();
        let (m, h) = if WIDE {
            // SAFETY: `WIDE` is set only in `masked_content_words_bit_ops`,
            // which runs when the CPU has AVX2 (and in a test that checks).
            unsafe { alnum_mask_wide(win) }
        } else {
            alnum_mask(win)
        };
        high |= h;
        // bits at and past `n` are clear: every run ends by `n`
        let mut rest = m;
        if let Some(start) = open {
            // the open run goes on to this window's first non-alphanumeric byte
            let len = (!m).trailing_zeros() as usize;
            if len < n {
                // (len < 64: `m` has a clear bit at `n`, or `n` is 64 and
                // len < 64 because len < n)
                rest &= u64::MAX << len;
                push_word(b, start, base + len, stop, out);
                open = None;
            } else {
                base += n;
                continue;
            }
        }
        while rest != 0 {
            let lo = rest.trailing_zeros() as usize;
            let len = (!(rest >> lo)).trailing_zeros() as usize;
            let hi = lo + len;
            if hi >= 64 {
                // the run reaches the window's end: it may go on
                open = Some(base + lo);
                break;
            }
            rest &= u64::MAX << hi;
            push_word(b, base + lo, base + hi, stop, out);
        }
        base += n;
    }
    if let Some(start) = open {
        push_word(b, start, b.len(), stop, out);
    }
    high
}

/// Appends the id ([`content_word`]) of the run `b[lo..hi]` of ASCII letters
/// and digits to `out` when it is three bytes or more and not a stopword
/// (see [`masked_content_words`]). A run of at most [`PACKED_BYTES`] is
/// read as one `u64`, not hashed a byte at a time.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn push_word(b: &[u8], lo: usize, hi: usize, stop: &WordSet, out: &mut Vec<u64>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let n = hi - lo;
    if n < 3 {
        return;
    }
    if n <= PACKED_BYTES {
        // the run's bytes as one u64 (eight bytes read in place when the
        // line has them, else the packed copy), cut to the run and
        // lowercased by `| 0x20` in each of its bytes: `pack` of its
        // lowercase, as `content_word` computes it
        let w = match b.get(lo..lo + PACKED_BYTES) {
            Some(w) => u64::from_le_bytes(w.try_into().unwrap_or([0; PACKED_BYTES])),
            None => pack(&b[lo..hi]),
        };
        let keep = u64::MAX >> (64 - 8 * n);
        let key = (w | (ONES * 0x20)) & keep;
        debug_assert_eq!(key, pack(&b[lo..hi].to_ascii_lowercase()));
        if !stop.contains_packed(key) {
            out.push(mix_packed(key));
        }
        return;
    }
    let mut h = FNV_SEED;
    for &x in &b[lo..hi] {
        h = (h ^ (x | 0x20) as u64).wrapping_mul(FNV_PRIME);
    }
    debug_assert_eq!(h, fnv1a(&b[lo..hi].to_ascii_lowercase()));
    if !stop.contains_hash(h) {
        out.push(h);
    }
}

/// [`masked_content_words`] compiled with the features of the line facts'
/// bit-instruction version (`popcnt`, `lzcnt`, BMI1, BMI2, AVX2: the bit
/// scans are `tzcnt`, the masks [`alnum_mask_wide`]'s).
///
/// # Safety
///
/// The CPU must have those features (`features::has_bit_ops`).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "popcnt,lzcnt,bmi1,bmi2,avx2")]
unsafe fn masked_content_words_bit_ops(b: &[u8], stop: &WordSet, out: &mut Vec<u64>) -> bool {
    masked_content_words::<true>(b, stop, out)
}

/// [`alnum_mask`] thirty-two bytes at a time (AVX2): the same mask and
/// answer, from the line features' masks ([`super::features::byte_masks_wide`],
/// inlined: the masks this does not read are not computed).
///
/// # Safety
///
/// The CPU must have AVX2.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
unsafe fn alnum_mask_wide(w: &[u8]) -> (u64, bool) {
    debug_assert!(w.len() <= 64);
    // SAFETY: the CPU has AVX2 (the caller's contract); `w` is at most 64 bytes.
    let m = unsafe { super::features::byte_masks_wide(w) };
    (m.digit | m.alpha, m.high != 0)
}

/// A bit per ASCII letter or digit of `w` (at most 64 bytes; bit `i` is byte
/// `i`, bits past its end are clear), and whether a byte of `w` is 0x80 or
/// above: sixteen bytes at a time (SSE2, part of x86_64), a last partial
/// block from a zero-padded copy (a zero byte is neither).
#[cfg(target_arch = "x86_64")]
#[inline]
fn alnum_mask(w: &[u8]) -> (u64, bool) {
    use std::arch::x86_64::*;
    debug_assert!(w.len() <= 64);
    let mut tail = [0u8; 16];
    let (mut m, mut high) = (0u64, 0u32);
    for (k, chunk) in w.chunks(16).enumerate() {
        let block: &[u8] = if chunk.len() == 16 {
            chunk
        } else {
            tail[..chunk.len()].copy_from_slice(chunk);
            &tail
        };
        // SAFETY: SSE2 is part of x86_64; the load reads the 16 bytes of
        // `block`, a slice of `w` or the zero-padded `tail`.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr() as *const __m128i);
            // bytes from 0x80 up are negative as i8: below every range
            let within = |lo: u8, hi: u8, x: __m128i| {
                _mm_and_si128(
                    _mm_cmpgt_epi8(x, _mm_set1_epi8(lo as i8 - 1)),
                    _mm_cmplt_epi8(x, _mm_set1_epi8(hi as i8 + 1)),
                )
            };
            let folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let alnum = _mm_or_si128(within(b'0', b'9', v), within(b'a', b'z', folded));
            m |= (_mm_movemask_epi8(alnum) as u32 as u64) << (16 * k);
            high |= _mm_movemask_epi8(v) as u32;
        }
    }
    (m, high != 0)
}

/// Only the start of a long article line is read for its words.
const HEAD_BYTES: usize = 240;

/// Word hash -> bit set of the lines it occurs in (open addressing, at
/// most half full), over the article lines of a page's passes: each line
/// added gets the next bit (its place in `lines`), so that a pass whose
/// article lines were added on an earlier pass reads the same table (the
/// next pass's article lines are mostly the previous pass's, after the
/// headline it kept).
#[derive(Default)]
struct Occurs {
    slots: Vec<(u64, u32)>,
    mask: usize,
    /// Words in the table.
    len: usize,
    /// The page line of each bit.
    lines: Vec<u32>,
}

impl Occurs {
    /// Empties the table and makes room for `n` words (reusing its memory).
    fn reset(&mut self, n: usize) {
        let cap = (2 * n + 2).next_power_of_two();
        self.slots.clear();
        self.slots.resize(cap, (0, 0));
        self.mask = cap - 1;
        self.len = 0;
        self.lines.clear();
    }

    /// An empty table with no room (as `Default`; the next
    /// [`Cache::article_words`] makes room), keeping its memory.
    fn clear(&mut self) {
        self.slots.clear();
        self.mask = 0;
        self.len = 0;
        self.lines.clear();
    }

    /// The bit of page line `line`, when its words are in the table.
    fn bit_of(&self, line: u32) -> Option<u32> {
        self.lines.iter().position(|&l| l == line).map(|b| b as u32)
    }

    /// Adds the words of page line `line` (not in the table yet) under the
    /// next bit and returns it; `None` (nothing added) when the bits are
    /// used up or the words might fill more than half the table.
    fn add_line(&mut self, line: u32, words: &[u64]) -> Option<u32> {
        let bit = self.lines.len() as u32;
        if bit >= u32::BITS || 2 * (self.len + words.len()) + 2 > self.slots.len() {
            return None;
        }
        for &w in words {
            self.add(w, 1 << bit);
        }
        self.lines.push(line);
        Some(bit)
    }

    fn add(&mut self, w: u64, bits: u32) {
        let w = w | 1; // 0 marks an empty slot
        let mut i = (w as usize) & self.mask;
        loop {
            let s = &mut self.slots[i];
            if s.0 == w || s.0 == 0 {
                self.len += (s.0 == 0) as usize;
                *s = (w, s.1 | bits);
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn get(&self, w: u64) -> u32 {
        let w = w | 1;
        let mut i = (w as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s.0 == w {
                return s.1;
            }
            if s.0 == 0 {
                return 0;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// What a candidate's text says, before its place on the page.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shape {
    allcaps: bool,
    digits: f32,
    sep: bool,
    caption: bool,
    by_prefix: bool,
    key_colon: bool,
    starts_lower: bool,
    bullet: bool,
    credit: bool,
    ends_dash: bool,
    colon_sp: bool,
    caps_content: f32,
    meta_key: bool,
    paren_tail: bool,
}

/// "Tags: vista, os", "Source: Press Association": a one-word key, a colon
/// and a value that does not start with a capital (so not a headline such as
/// "Review: The Best Film").
fn key_colon(t: &str, words: u32) -> bool {
    let head = t.split(':').next().unwrap_or("");
    let key = head.trim_end();
    t.contains(':')
        && !key.is_empty()
        && key.len() + 2 >= head.len()
        && key.chars().all(|c| c.is_ascii_alphabetic())
        && words > 1
        && !t
            .split_once(':')
            .map(|x| x.1)
            .unwrap_or("")
            .trim_start()
            .starts_with(char::is_uppercase)
}

/// Keys of the "Key: value" lines pages put near a headline (credits,
/// reviews' fact boxes, post stamps, tags), lowercase.
const META_KEYS: [&str; 44] = [
    "author",
    "authors",
    "by",
    "caption",
    "cast",
    "categories",
    "category",
    "credit",
    "credits",
    "directed by",
    "director",
    "editor",
    "filed",
    "filed under",
    "genre",
    "image",
    "images",
    "keywords",
    "location",
    "photo",
    "photograph",
    "photos",
    "picture",
    "posted",
    "producer",
    "published",
    "publisher",
    "rating",
    "related",
    "running time",
    "runtime",
    "see also",
    "source",
    "sources",
    "starring",
    "tags",
    "topics",
    "updated",
    "video",
    "writer",
    "written by",
    // German, Spanish, Polish
    "quelle",
    "fuente",
    "źródło",
];

/// "Source: World News Network", "Director : A. Name": a line that starts
/// with one of [`META_KEYS`] and a colon.
fn meta_key(t: &str) -> bool {
    let Some((key, _)) = t.split_once(':') else {
        return false;
    };
    let key = key.trim();
    key.len() <= 16 && META_KEYS.iter().any(|k| k.eq_ignore_ascii_case(key))
}

/// "... at the summit [EPA]", "Marcos Baghdatis (AAP)": the line ends with a
/// bracketed part of at most four words, as captions end with their credit.
fn paren_tail(t: &str) -> bool {
    let open = match t.as_bytes().last() {
        Some(b')') => b'(',
        Some(b']') => b'[',
        _ => return false,
    };
    memchr::memrchr(open, t.as_bytes()).is_some_and(|k| {
        let inner = &t[k + 1..t.len() - 1];
        k > 0 && !inner.trim().is_empty() && inner.split_whitespace().count() <= 4
    })
}

/// Starts like a byline or a post stamp ("By ", "Posted ", "From ").
fn by_prefix(t: &str) -> bool {
    ["by ", "posted ", "from "].iter().any(|p| {
        t.as_bytes()
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p.as_bytes()))
    })
}

fn shape(t: &str, words: u32, stop: &WordSet) -> Shape {
    let mut upper = false;
    let mut lower = false;
    let (mut visible, mut digits) = (0u32, 0u32);
    let ascii = t.is_ascii();
    if !ascii {
        // one walk over the characters (the ASCII ones by byte tests, which
        // are the char tests on ASCII)
        let bytes = t.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                i += 1;
                if matches!(b, 9..=13 | b' ') {
                    continue;
                }
                visible += 1;
                digits += b.is_ascii_digit() as u32;
                upper |= b.is_ascii_uppercase();
                lower |= b.is_ascii_lowercase();
            } else {
                let c = t[i..].chars().next().unwrap_or(' ');
                i += c.len_utf8();
                if c.is_whitespace() {
                    continue;
                }
                visible += 1;
                digits += is_numeric(c) as u32;
                upper |= c.is_uppercase();
                lower |= c.is_lowercase();
            }
        }
    }
    let first = t.chars().next().unwrap_or(' ');
    let (mut content, mut capital) = (0u32, 0u32);
    // a content word: its alphanumeric core starts with a letter and is not
    // a stopword; Some(whether it is capitalised)
    // on ASCII the same core, lowercase and hash as below, by bytes
    let ascii_word = |w: &[u8]| -> Option<bool> {
        let lo = w.iter().position(u8::is_ascii_alphanumeric)?;
        let hi = w.iter().rposition(u8::is_ascii_alphanumeric).unwrap_or(lo) + 1;
        let core = &w[lo..hi];
        if !core[0].is_ascii_alphabetic() {
            return None;
        }
        let lower = |x: u8| ASCII_LOWER[(x & 0x7F) as usize];
        let cap = core[0].is_ascii_uppercase();
        if !stop.may_contain(lower(core[0]), lower(core[core.len() - 1]), core.len()) {
            return Some(cap);
        }
        let mut h = FNV_SEED;
        for &x in core {
            h = (h ^ lower(x) as u64).wrapping_mul(FNV_PRIME);
        }
        (!stop.contains_hash(h)).then_some(cap)
    };
    let word = |w: &str| -> Option<bool> {
        if w.is_ascii() {
            return ascii_word(w.as_bytes());
        }
        let core = w.trim_matches(|c: char| !is_alphanumeric(c));
        if !core.starts_with(is_alphabetic) {
            return None;
        }
        if stop.contains(core.to_lowercase().as_bytes()) {
            return None;
        }
        Some(core.starts_with(char::is_uppercase))
    };
    let mut count = |cap: Option<bool>| {
        if let Some(cap) = cap {
            content += 1;
            capital += cap as u32;
        }
    };
    if ascii {
        // one walk over the bytes for the counts and the words (the words of
        // `split_whitespace` on ASCII), one table load per byte
        let b = t.as_bytes();
        let mut seen = 0u8;
        let mut i = 0;
        while i < b.len() {
            if BYTE_CLASS[b[i] as usize] & WS != 0 {
                i += 1;
                continue;
            }
            let start = i;
            while i < b.len() {
                let c = BYTE_CLASS[b[i] as usize];
                if c & WS != 0 {
                    break;
                }
                digits += (c & DIGIT != 0) as u32;
                seen |= c;
                i += 1;
            }
            visible += (i - start) as u32;
            count(ascii_word(&b[start..i]));
        }
        upper = seen & UPPER != 0;
        lower = seen & LOWER != 0;
    } else {
        for w in t.split_whitespace() {
            count(word(w));
        }
    }
    Shape {
        allcaps: upper && !lower,
        digits: if visible > 0 {
            digits as f32 / visible as f32
        } else {
            0.0
        },
        sep: if ascii {
            memchr::memchr3(b'|', b'[', b'>', t.as_bytes()).is_some()
        } else {
            t.contains(['|', '»', '•', '[', '>', '›'])
        },
        caption: has_caption_word(t),
        by_prefix: by_prefix(t),
        key_colon: key_colon(t, words),
        starts_lower: first.is_lowercase(),
        bullet: matches!(first, '•' | '-' | '*' | '·' | '▪' | '►'),
        credit: words <= 6 && !t.ends_with('.') && memchr::memchr(b'/', t.as_bytes()).is_some(),
        ends_dash: t.ends_with(['-', '—', '–']),
        // " : " (ASCII bytes, so a byte search is a char search)
        colon_sp: memchr::memchr_iter(b':', t.as_bytes()).any(|k| {
            k > 0 && t.as_bytes()[k - 1] == b' ' && t.as_bytes().get(k + 1) == Some(&b' ')
        }) || t.ends_with(':'),
        caps_content: if content > 0 {
            capital as f32 / content as f32
        } else {
            0.0
        },
        meta_key: meta_key(t),
        paren_tail: paren_tail(t),
    }
}

impl TextHeadline<'_> {
    fn line(&self, i: usize) -> &str {
        let (a, b) = self.spans[i];
        &self.text[a..b]
    }

    /// Title-like: 3 to 30 words, no final `. , ; :`, no bullet, not a
    /// byline or date line.
    fn title_like(&self, seq: Seq<'_>, k: usize) -> bool {
        let i = seq.get(k);
        let f = &self.facts[i];
        let t = self.line(i);
        (3..=30).contains(&f.words)
            && !t.ends_with(['.', ',', ';', ':'])
            && !t.starts_with(['•', '-', '*'])
            && f.flags & (BYLINE | DATELINE) == 0
    }

    /// The candidates' feature vectors (sequence index, vector), into
    /// `cache.out`.
    fn candidates(
        &self,
        seq: Seq<'_>,
        first: usize,
        view: &PassView<'_>,
        keep: bool,
        cache: &mut Cache,
    ) {
        let m = seq.len();
        let mut lo = first.saturating_sub(BEFORE);
        // no byline or dateline in the window, but one just past its start:
        // the headline is above that one (pages that put a long standfirst,
        // gallery or list between the headline's block and the story)
        let meta = |k: usize| self.facts[seq.get(k)].flags & (BYLINE | DATELINE) != 0;
        let inner = (lo + 2).min(first);
        if !(inner..first).any(meta) {
            if let Some(b) = (first.saturating_sub(WIDE_BEFORE)..inner)
                .rev()
                .find(|&k| meta(k))
            {
                lo = lo.min(b.saturating_sub(META_NEAR));
            }
        }
        // the headline is removed when not kept: then only lines before the
        // article, or its first line when the rule of `pick_title` takes it
        // (as without the model), so that removing it settles
        let hi = if keep {
            (first + AFTER + 1).min(m)
        } else if view.rule_title == Some(first) {
            first + 1
        } else {
            first
        };
        // the article lines the overlaps are measured on, and their words
        let mut art = std::mem::take(&mut cache.art);
        art.clear();
        art.extend((first..m).filter(|&k| view.kept[k]).take(AFTER + 1 + BODY));
        // each article word and the article lines (bits) it occurs in
        let mut art_lines = std::mem::take(&mut cache.art_lines);
        art_lines.clear();
        art_lines.extend(art.iter().map(|&k| seq.get(k) as u32));
        cache.article_words(&art_lines, |i| self.line(i), self.stop);
        cache.art_lines = art_lines;
        let art_bits = std::mem::take(&mut cache.art_bits);
        // the share of `words` in the `n` article lines after the first
        // `skip`, for the lede, the body and the first line at once
        let shares = |occurs: &Occurs, words: &[u64], skip: usize| -> [f32; 3] {
            if words.is_empty() {
                return [0.0; 3];
            }
            // the bits of the article lines `skip..skip + n`
            let top = art_bits.len() - 1;
            let mask = |n: usize| art_bits[(skip + n).min(top)] & !art_bits[skip.min(top)];
            let (m_lede, m_body, m_1) = (mask(LEDE), mask(BODY), mask(1));
            let (mut lede, mut body, mut one) = (0usize, 0usize, 0usize);
            for &w in words {
                let bits = occurs.get(w);
                lede += (bits & m_lede != 0) as usize;
                body += (bits & m_body != 0) as usize;
                one += (bits & m_1 != 0) as usize;
            }
            let n = words.len() as f32;
            [lede as f32 / n, body as f32 / n, one as f32 / n]
        };
        // whether each line a candidate or the ranks look at is title-like
        // (one before `lo` to `hi` and `first`), read once
        let tl_lo = lo.saturating_sub(1);
        let tl_hi = (hi.max(first) + 1).min(m);
        let mut tl = std::mem::take(&mut cache.tl);
        tl.clear();
        tl.extend((tl_lo..tl_hi).map(|k| self.title_like(seq, k)));
        let is_tl = |k: usize| {
            debug_assert!(k >= tl_lo && (k < tl_hi || k >= m));
            k < tl_hi && tl[k - tl_lo]
        };
        // rank among the title-like lines counting back from the article
        let mut rank = std::mem::take(&mut cache.rank);
        rank.clear();
        rank.resize(first + 1 - lo, 0);
        let mut r = 0;
        for k in (lo..=first).rev() {
            if is_tl(k) {
                r += 1;
                rank[k - lo] = r;
            }
        }
        let mut out = std::mem::take(&mut cache.out);
        out.clear();
        let mut out_line = std::mem::take(&mut cache.out_line);
        out_line.clear();
        let mut skip = 0;
        for k in lo..hi {
            let i = seq.get(k);
            let f = &self.facts[i];
            if f.flags & (BYLINE | DATELINE | CONTENT_SHAPE) != 0
                || !(MIN_WORDS..=MAX_WORDS).contains(&f.words)
                || !matches!(view.hard[k], Hard::None | Hard::Separator)
            {
                continue;
            }
            let t = self.line(i);
            if view.hard[k] == Hard::Separator && !piped_title(t) {
                continue;
            }
            if t.starts_with(['•', '·', '▪', '►', '*']) || short_first_cell(t) || share_bar(t)
            {
                continue;
            }
            let (a, b) = cache.words(i, t, self.stop);
            // the article lines at or before `k` (`k` only grows)
            while skip < art.len() && art[skip] <= k {
                skip += 1;
            }
            let tmp = &cache.pool[a..b];
            let [lede, body, lede0] = shares(&cache.occurs, tmp, skip);
            let d = first as f32 - k as f32;
            let rk = if k <= first { rank[k - lo] } else { 0 };
            let next_meta = k + 1 < m && {
                let nf = &self.facts[seq.get(k + 1)];
                nf.flags & (BYLINE | DATELINE) != 0 || view.kept[k + 1]
            };
            let flag = |b: bool| b as u8 as f32;
            // a byline or dateline among the lines of `r` (a headline has
            // them below it; a related story's headline or a caption further
            // down has them above it)
            let meta_within = |r: std::ops::Range<usize>| {
                r.into_iter()
                    .any(|j| self.facts[seq.get(j)].flags & (BYLINE | DATELINE) != 0)
            };
            let x: [f32; N_HEAD] = [
                d.max(0.0) / 10.0,
                flag(k + 1 == first),
                if k > first { 1.0 - d / 10.0 } else { 0.0 },
                lede,
                body,
                lede0,
                flag(f.words <= 2),
                flag(f.words > 20),
                0.0, // shape (allcaps), filled in by `fill_shape`
                flag(t.ends_with('.')),
                flag(t.ends_with(['?', '!'])),
                flag(t.ends_with([':', ',', ';'])),
                0.0, // shape (digits)
                0.0, // shape (sep)
                0.0, // shape (caption)
                view.scores[k],
                flag(view.rule_title == Some(k)),
                flag(view.kept[k]),
                0.0, // best_lede, below
                0.0, // shape (by_prefix)
                flag(next_meta),
                0.0, // shape (key_colon)
                0.0, // shape (starts_lower)
                flag(!(is_tl(k + 1) || k > 0 && is_tl(k - 1))),
                0.0, // shape (bullet)
                0.0, // shape (credit)
                flag(rk == 1),
                flag(rk == 2),
                flag(rk >= 3),
                flag(is_tl(k + 1) && k + 1 < first),
                flag(k > 0 && is_tl(k - 1)),
                0.0, // shape (ends_dash)
                0.0, // shape (colon_sp)
                0.0, // shape (caps_content)
                0.0, // shape (meta_key)
                0.0, // shape (paren_tail)
                flag(ui_verb(t, f.words)),
                flag(meta_within(k + 1..(k + 1 + META_NEAR).min(m))),
                flag(meta_within(k.saturating_sub(META_NEAR)..k)),
            ];
            out.push((k, x));
            out_line.push((i as u32, false));
        }
        let best = out.iter().map(|(_, x)| x[3]).fold(0f32, f32::max);
        for (_, x) in &mut out {
            x[18] = (best > 0.0 && x[3] == best) as u8 as f32;
        }
        cache.out = out;
        cache.out_line = out_line;
        cache.art = art;
        cache.art_bits = art_bits;
        cache.tl = tl;
        cache.rank = rank;
    }
}

/// The entries of a candidate's vector that come from its [`Shape`], in
/// vector order (see [`shape_entries`]).
const SHAPE_AT: [usize; 14] = [8, 12, 13, 14, 19, 21, 22, 24, 25, 31, 32, 33, 34, 35];

/// Whether each entry of the vector is one of [`SHAPE_AT`] (a table: the
/// bound of [`TextHeadline::fill_shapes`] tested `SHAPE_AT.contains` for
/// each entry of each candidate).
const IS_SHAPE: [bool; N_HEAD] = {
    let mut t = [false; N_HEAD];
    let mut k = 0;
    while k < SHAPE_AT.len() {
        t[SHAPE_AT[k]] = true;
        k += 1;
    }
    t
};

/// The entries of the vector that are not [`SHAPE_AT`], in vector order
/// (the bound of [`TextHeadline::fill_shapes`] weighs these, and the shape's
/// entries by zero).
const NOT_SHAPE_AT: [usize; N_HEAD - SHAPE_AT.len()] = {
    let mut t = [0usize; N_HEAD - SHAPE_AT.len()];
    let (mut i, mut k) = (0, 0);
    while i < N_HEAD {
        if !IS_SHAPE[i] {
            t[k] = i;
            k += 1;
        }
        i += 1;
    }
    assert!(k == t.len());
    t
};

/// A shape's entries of the vector, in [`SHAPE_AT`] order; each is in 0..=1.
fn shape_entries(s: &Shape) -> [f32; 14] {
    let flag = |b: bool| b as u8 as f32;
    [
        flag(s.allcaps),
        s.digits,
        flag(s.sep),
        flag(s.caption),
        flag(s.by_prefix),
        flag(s.key_colon),
        flag(s.starts_lower),
        flag(s.bullet),
        flag(s.credit),
        flag(s.ends_dash),
        flag(s.colon_sp),
        s.caps_content,
        flag(s.meta_key),
        flag(s.paren_tail),
    ]
}

impl TextHeadline<'_> {
    /// Fills in the shape entries of candidate `j` of `cache.out` (the
    /// shape is read once per page line).
    fn fill_shape(&self, cache: &mut Cache, j: usize) {
        let (i, filled) = cache.out_line[j];
        if filled {
            return;
        }
        let i = i as usize;
        let s = *cache
            .shapes
            .entry(i as u32)
            .or_insert_with(|| shape(self.line(i), self.facts[i].words, self.stop));
        let x = &mut cache.out[j].1;
        for (&at, v) in SHAPE_AT.iter().zip(shape_entries(&s)) {
            x[at] = v;
        }
        cache.out_line[j].1 = true;
    }

    /// The model's logit of a vector (summed in vector order, then tree by
    /// tree, always the same way, so that equal vectors give equal logits).
    fn logit(&self, x: &[f32; N_HEAD]) -> f32 {
        let mut z = self.model.bias;
        for (w, v) in self.model.weights.iter().zip(x) {
            z += w * v;
        }
        for tree in self.model.trees.trees() {
            z += tree.leaf(x);
        }
        z
    }

    /// Fills in the shapes the choice needs: every candidate's when they are
    /// recorded; otherwise the shape (a read of the line's text) is skipped
    /// for a candidate that cannot be the choice whatever its shape says: its
    /// logit with the shape's entries at their most favourable (each is in
    /// 0..=1) is more than [`CLOSE_LOGIT`] below that of the candidate with
    /// the best such bound, or at most [`MIN_LOGIT`]. (Each tree adds the largest leaf it can reach
    /// with the shape's entries anywhere in 0..=1, after a first test with
    /// every tree at its largest leaf, until the trees left at their
    /// largest leaves cannot lift the sum to the floor; and the candidates
    /// whose shapes are read raise the floor to their logits. The bound is
    /// computed in f64 and has a margin above the f32 sum's rounding error,
    /// so a skipped candidate's logit is strictly lower than the chosen
    /// one's, and the choice, ties included, is the one over all
    /// candidates.)
    fn fill_shapes(&self, cache: &mut Cache) {
        let n = cache.out.len();
        cache.z.clear();
        cache.z.resize(n, None);
        if self.record.is_some() || n <= 1 {
            for j in 0..n {
                self.fill_shape(cache, j);
            }
            return;
        }
        let w = &self.model.weights;
        let (mut shape_max, mut shape_mag) = (0f64, 0f64);
        for &at in &SHAPE_AT {
            shape_max += (w[at] as f64).max(0.0);
            shape_mag += (w[at] as f64).abs();
        }
        let trees = &self.model.trees;
        let tree_mag = trees.magnitude();
        // the f32 sum of the bias, N_HEAD terms and a leaf per tree is
        // within that many times f32::EPSILON times their magnitudes of the
        // exact one
        let terms = (N_HEAD + 2 + trees.len()) as f64 * f32::EPSILON as f64;
        let mut bound = std::mem::take(&mut cache.bound);
        bound.clear();
        let mut finite = true;
        // the weights of the entries that are not the shape's, zero at the
        // shape's (whose bound is `shape_max`; those entries of the vectors
        // are 0 until read)
        let mut w64 = [0f64; N_HEAD];
        for &at in &NOT_SHAPE_AT {
            w64[at] = w[at] as f64;
        }
        // first the linear part's bound (the trees' at their largest leaves),
        // summed in four lanes (vector instructions; any order will do: the
        // f64 sum's rounding is far inside the margin)
        const BODY4: usize = N_HEAD / 4 * 4;
        for (_, x) in &cache.out {
            let (mut s, mut a) = ([0f64; 4], [0f64; 4]);
            for (w4, x4) in w64[..BODY4].chunks_exact(4).zip(x[..BODY4].chunks_exact(4)) {
                for l in 0..4 {
                    let t = w4[l] * x4[l] as f64;
                    s[l] += t;
                    a[l] += t.abs();
                }
            }
            for (l, (&wi, &xi)) in w64[BODY4..].iter().zip(&x[BODY4..]).enumerate() {
                let t = wi * xi as f64;
                s[l] += t;
                a[l] += t.abs();
            }
            let b = self.model.bias as f64 + ((s[0] + s[1]) + (s[2] + s[3]));
            let mag = (self.model.bias as f64).abs()
                + shape_mag
                + tree_mag
                + ((a[0] + a[1]) + (a[2] + a[3]));
            let margin = terms * mag + 1e-6;
            finite &= b.is_finite() && margin.is_finite();
            bound.push(b + shape_max + margin);
        }
        let tree_max = trees.max_sum();
        let seed = (0..n)
            .max_by(|&a, &b| bound[a].total_cmp(&bound[b]))
            .unwrap_or(0);
        self.fill_shape(cache, seed);
        let z_seed = self.logit(&cache.out[seed].1);
        cache.z[seed] = Some(z_seed);
        if !finite || !tree_max.is_finite() || !z_seed.is_finite() {
            for j in 0..n {
                self.fill_shape(cache, j);
            }
        } else {
            // the floor is the best logit of a candidate read so far less
            // CLOSE_LOGIT (or MIN_LOGIT): a candidate whose bound is below it
            // is neither the best nor a close call (`close_call`)
            let close = CLOSE_LOGIT as f64;
            let mut top = z_seed as f64;
            let mut floor = (top - close).max(MIN_LOGIT as f64);
            for (j, &b) in bound.iter().enumerate() {
                if j == seed || b + tree_max < floor {
                    continue;
                }
                let x = &cache.out[j].1;
                // (stopped once the trees left cannot lift it to the floor)
                let mut tight = b;
                let mut below = false;
                for (tree, &rest) in trees.trees().zip(trees.rest.iter()) {
                    if tight + rest < floor {
                        below = true;
                        break;
                    }
                    tight += tree.leaf_bound(x, &IS_SHAPE) as f64;
                }
                if !below && tight >= floor {
                    self.fill_shape(cache, j);
                    let z = self.logit(&cache.out[j].1);
                    cache.z[j] = Some(z);
                    top = top.max(z as f64);
                    floor = (top - close).max(MIN_LOGIT as f64);
                }
            }
        }
        cache.bound = bound;
    }
}

/// Candidates whose logits are within this of the best one's are close
/// calls, which [`TextHeadline::close_call`] decides by the lines' shapes.
/// (Measured by the 5-seed cross-site runs of `train_boilerplate.py
/// --headline --cv 5`, as 1, 1.5, 2, 2.5 and 3.)
pub(crate) const CLOSE_LOGIT: f32 = 2.0;

/// The index of a feature in [`HEAD_FEATURE_NAMES`] (at compile time).
const fn feature(name: &str) -> usize {
    let mut k = 0;
    while k < N_HEAD {
        if crate::const_str_eq(HEAD_FEATURE_NAMES[k], name) {
            return k;
        }
        k += 1;
    }
    panic!("no such headline feature")
}

/// The vector entries the close calls read.
const F_ALLCAPS: usize = feature("allcaps");
const F_END_DOT: usize = feature("end_dot");
const F_END_COLON: usize = feature("end_colon");
const F_SEP: usize = feature("sep");
const F_CAPTION: usize = feature("caption");
const F_RULE_TITLE: usize = feature("rule_title");
const F_BY_PREFIX: usize = feature("by_prefix");
const F_KEY_COLON: usize = feature("key_colon");
const F_BULLET: usize = feature("bullet");
const F_CREDIT: usize = feature("credit");
const F_META_KEY: usize = feature("meta_key");
const F_UI_VERB: usize = feature("ui_verb");

/// A name rather than a headline: one to three words (those with a letter),
/// each capitalised, a stopword or opened by a character that is not a
/// letter, and no final `. ? ! :` ("CTV Toronto", "The Daily Blog",
/// "Other Sports": a site's, section's or author's name).
fn name_like(t: &str, stop: &WordSet) -> bool {
    if t.ends_with(['.', '?', '!', ':']) {
        return false;
    }
    let mut n = 0;
    let mut lower = String::new();
    for w in t.split_whitespace() {
        if !w.chars().any(is_alphabetic) {
            continue;
        }
        n += 1;
        if n > 3 {
            return false;
        }
        let c = w.chars().next().unwrap_or(' ');
        if c.is_uppercase() || !is_alphabetic(c) {
            continue;
        }
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if !stop.contains(lower.as_bytes()) {
            return false;
        }
    }
    n > 0
}

impl TextHeadline<'_> {
    /// Chrome rather than a headline: a name ([`name_like`]), a line in
    /// capitals, a control's label (`ui_verb`), a photo's caption or credit
    /// ("Photo: ...", "Agency/Name"), a "By" line or a "Key: value" line.
    fn chrome_like(&self, i: usize, x: &[f32; N_HEAD]) -> bool {
        [
            F_ALLCAPS,
            F_UI_VERB,
            F_CAPTION,
            F_CREDIT,
            F_KEY_COLON,
            F_BY_PREFIX,
            F_META_KEY,
        ]
        .iter()
        .any(|&f| x[f] > 0.0)
            || name_like(self.line(i), self.stop)
    }

    /// Shaped like a headline: 3 to 20 words, opened by a letter or digit,
    /// not a name, not in capitals, no final `.` or `: , ;`, no separator,
    /// bullet, credit, "By", "Key: value" or meta key, not a control's label.
    fn headline_shaped(&self, i: usize, x: &[f32; N_HEAD]) -> bool {
        let t = self.line(i);
        (3..=20).contains(&self.facts[i].words)
            && t.chars().next().is_some_and(is_alphanumeric)
            && [
                F_ALLCAPS,
                F_END_DOT,
                F_END_COLON,
                F_SEP,
                F_BY_PREFIX,
                F_KEY_COLON,
                F_BULLET,
                F_CREDIT,
                F_META_KEY,
                F_UI_VERB,
            ]
            .iter()
            .all(|&f| x[f] == 0.0)
            && !name_like(t, self.stop)
    }

    /// The close call among the candidates (`cache.out`; `z`: their logits,
    /// None for those `fill_shapes` did not score, which are not within
    /// [`CLOSE_LOGIT`] of the best) when the best, `top`, is above
    /// [`MIN_LOGIT`]: the candidate chosen.
    /// - The best looks like chrome ([`TextHeadline::chrome_like`]: "CTV
    ///   Toronto" over the story's headline): the best headline-shaped
    ///   candidate within [`CLOSE_LOGIT`] of it, if any.
    /// - The best is the old rule's pick (the article's first line, or the
    ///   title-like line right above it) and the line right above it is a
    ///   headline-shaped candidate within [`CLOSE_LOGIT`] without a colon
    ///   that does not repeat the best: that line (a photo's caption or a
    ///   deck made the article's first line, under the headline).
    fn close_call(&self, cache: &Cache, top: usize) -> usize {
        let zt = cache.z[top].unwrap_or(f32::NAN);
        let close = |j: usize| {
            cache.out_line[j].1
                && cache.z[j].is_some_and(|z| z >= zt - CLOSE_LOGIT && z > MIN_LOGIT)
        };
        let (it, xt) = (cache.out_line[top].0 as usize, &cache.out[top].1);
        if self.chrome_like(it, xt) {
            let mut best: Option<(f32, usize)> = None;
            for j in 0..cache.out.len() {
                if j == top || !close(j) {
                    continue;
                }
                let i = cache.out_line[j].0 as usize;
                if !self.headline_shaped(i, &cache.out[j].1) {
                    continue;
                }
                let z = cache.z[j].unwrap_or(f32::NAN);
                if best.is_none_or(|(b, _)| z > b) {
                    best = Some((z, j));
                }
            }
            return best.map_or(top, |(_, j)| j);
        }
        if xt[F_RULE_TITLE] > 0.0 && it > 0 {
            let above = (0..cache.out.len()).find(|&j| cache.out_line[j].0 as usize + 1 == it);
            if let Some(j) = above.filter(|&j| close(j)) {
                let up = self.line(it - 1);
                // (a line that repeats the one below is a breadcrumb or a
                // teaser ending in the headline, not a headline over its deck)
                if self.headline_shaped(it - 1, &cache.out[j].1)
                    && !up.contains(':')
                    && !up.contains(self.line(it))
                {
                    return j;
                }
            }
        }
        top
    }
}

impl Headline for TextHeadline<'_> {
    fn choose(&self, seq: Seq<'_>, first: usize, view: &PassView<'_>, keep: bool) -> Option<usize> {
        let mut cache = self.cache.borrow_mut();
        let cache = &mut *cache;
        self.candidates(seq, first, view, keep, cache);
        self.fill_shapes(cache);
        let mut best: Option<(f32, usize)> = None;
        for (j, (((_, x), &(_, filled)), z)) in cache
            .out
            .iter()
            .zip(&cache.out_line)
            .zip(cache.z.iter_mut())
            .enumerate()
        {
            if !filled {
                continue; // cannot be the choice (`fill_shapes`)
            }
            let z = *z.get_or_insert_with(|| self.logit(x));
            if best.is_none_or(|(b, _)| z > b) {
                best = Some((z, j));
            }
        }
        if let Some(rec) = self.record {
            let pass = cache.out.iter().map(|(k, x)| (seq.get(*k), *x)).collect();
            rec.borrow_mut().push(pass);
        }
        let (_, top) = best.filter(|(z, _)| *z > MIN_LOGIT)?;
        Some(cache.out[self.close_call(cache, top)].0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The content words by the definition: alphanumeric runs of at least
    /// three characters, lowercased char by char, hashed, stopwords dropped.
    fn reference(s: &str, stop: &WordSet) -> Vec<u64> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .filter_map(|w| {
                let lower: String = w.chars().flat_map(char::to_lowercase).collect();
                // a stopword by its hash, whatever its length; a word's id
                // its packed bytes (mixed) up to eight bytes, else its hash
                (!stop.contains_hash(fnv1a(lower.as_bytes()))).then(|| {
                    if lower.len() <= PACKED_BYTES {
                        mix_packed(pack(lower.as_bytes()))
                    } else {
                        fnv1a(lower.as_bytes())
                    }
                })
            })
            .collect()
    }

    /// The word table kept across passes answers as one made from each
    /// pass's article lines alone: a word's bits under the mask of any run
    /// of the pass's lines are set exactly when one of those lines holds it
    /// (passes over random lines of a small vocabulary, each pass's lines a
    /// random ordered subset, often the last pass's shifted by one; also
    /// when the table runs out of room or bits and is made anew).
    #[test]
    fn article_words_kept_across_passes_match_each_pass() {
        let stop = super::super::lexicon::stopwords();
        let vocab = [
            "harbour",
            "council",
            "vote",
            "storm",
            "ports",
            "closed",
            "three",
            "coast",
            "officials",
            "ships",
            "thursday",
            "budget",
            "plan",
            "minister",
            "river",
        ];
        let mut rng = crate::testing::Rng(0x0cc5_0b17_5eed_0042);
        for _ in 0..60 {
            let n_lines = 5 + rng.below(60);
            let lines: Vec<String> = (0..n_lines)
                .map(|_| {
                    let n = rng.below(40);
                    (0..n)
                        .map(|_| vocab[rng.below(vocab.len())])
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let ids = |i: usize| {
                let mut v = Vec::new();
                content_words(str_prefix(&lines[i], HEAD_BYTES), stop, &mut v);
                v
            };
            let mut cache = Cache::default();
            let mut prev: Vec<u32> = Vec::new();
            for _ in 0..8 {
                let art: Vec<u32> = if !prev.is_empty() && rng.below(2) == 0 {
                    // the last pass's lines after one before them
                    let first = prev[0].saturating_sub(1 + rng.below(3) as u32);
                    let mut a = vec![first];
                    a.extend(prev.iter().copied().filter(|&l| l > first));
                    a.truncate(AFTER + 1 + BODY);
                    a
                } else {
                    let mut a: Vec<u32> =
                        (0..n_lines as u32).filter(|_| rng.below(3) == 0).collect();
                    a.truncate(rng.below(AFTER + 2 + BODY));
                    a
                };
                cache.article_words(&art, |i| lines[i].as_str(), stop);
                assert_eq!(cache.art_bits.len(), art.len() + 1);
                for lo in 0..=art.len() {
                    for hi in lo..=art.len() {
                        let mask = cache.art_bits[hi] & !cache.art_bits[lo];
                        for w in &vocab {
                            let mut id = Vec::new();
                            content_words(w, stop, &mut id);
                            let held = art[lo..hi]
                                .iter()
                                .any(|&i| ids(i as usize).contains(&id[0]));
                            assert_eq!(
                                cache.occurs.get(id[0]) & mask != 0,
                                held,
                                "{w} {art:?} {lo}..{hi}"
                            );
                        }
                    }
                }
                prev = art;
            }
        }
    }

    #[test]
    fn content_words_fast_paths_match_the_definition() {
        let stop = super::super::lexicon::stopwords();
        let long = "x".repeat(40);
        for s in [
            "The Council's budget for 2024 was APPROVED on Monday",
            "Über die Zukunft: der Rat und THE budget, ÉTÉ 2024 ab",
            "Ünïcödé ΣΊΣΥΦΟΣ naïve café déjà-vu ok",
            &format!("a {long} b Ä {long}"),
            &format!("ascii {long} only"),
            "",
            "ab cd",
            "“Quoted” words — and » more… 2024’s «Le» ©AB ab’cd",
        ] {
            let mut got = Vec::new();
            content_words(s, stop, &mut got);
            assert_eq!(got, reference(s, stop), "{s}");
        }
    }

    /// The bit scans find the byte walk's words, also for runs across the
    /// 64-byte windows, at the ends and on lines with bytes from 0x80 up.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn masked_content_words_match_the_byte_walk() {
        let stop = super::super::lexicon::stopwords();
        let pieces = [
            "the",
            "Budget",
            "x",
            "ab",
            "2024",
            "THE",
            "and",
            "Über",
            "—",
            "…",
            "«",
            "|",
            "-",
            "a1b2c3",
            "Council's",
            "z",
            "!!",
            "abc",
        ];
        let mut rng = crate::testing::Rng(0x2545_f491_4f6c_dd1du64);
        let mut next = move || rng.next();
        let mut lines: Vec<String> = vec![
            String::new(),
            "a".repeat(63),
            "a".repeat(64),
            "a".repeat(65),
            "a".repeat(130),
            format!("{} {}", "b".repeat(62), "c".repeat(70)),
            format!("{}é{}", "d".repeat(63), "e".repeat(3)),
        ];
        for _ in 0..3000 {
            let n = (next() % 60) as usize;
            let seps = [" ", "", ".", "  ", "\t", "’", "-"];
            let mut l = String::new();
            for _ in 0..n {
                l.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                l.push_str(seps[(next() % seps.len() as u64) as usize]);
            }
            lines.push(l);
        }
        for l in &lines {
            for cut in [l.len(), str_prefix(l, HEAD_BYTES).len()] {
                let s = &l[..cut];
                let (mut got, mut want) = (vec![7], vec![7]);
                let high = masked_content_words::<false>(s.as_bytes(), stop, &mut got);
                if super::super::features::has_bit_ops() {
                    let mut wide = vec![7];
                    // SAFETY: the CPU has the features (checked just above).
                    let h = unsafe { masked_content_words_bit_ops(s.as_bytes(), stop, &mut wide) };
                    assert_eq!((h, &wide), (high, &got), "{s:?}");
                }
                plain_content_words(s.as_bytes(), stop, &mut want);
                assert_eq!(got, want, "{s:?}");
                assert_eq!(high, !s.is_ascii(), "{s:?}");
                let mut all = Vec::new();
                content_words(s, stop, &mut all);
                assert_eq!(all, reference(s, stop), "{s:?}");
            }
        }
    }

    /// `shape` as it was before its byte fast paths (the definition), with
    /// the caption words found by plain substring search.
    fn reference_shape(t: &str, words: u32, stop: &WordSet) -> Shape {
        let mut upper = false;
        let mut lower = false;
        let (mut visible, mut digits) = (0u32, 0u32);
        let ascii = t.is_ascii();
        if ascii {
            for &b in t.as_bytes() {
                if matches!(b, 9..=13 | b' ') {
                    continue;
                }
                visible += 1;
                digits += b.is_ascii_digit() as u32;
                upper |= b.is_ascii_uppercase();
                lower |= b.is_ascii_lowercase();
            }
        } else {
            for c in t.chars() {
                if c.is_whitespace() {
                    continue;
                }
                visible += 1;
                digits += c.is_numeric() as u32;
                upper |= c.is_uppercase();
                lower |= c.is_lowercase();
            }
        }
        let first = t.chars().next().unwrap_or(' ');
        let (mut content, mut capital) = (0u32, 0u32);
        for w in t.split_whitespace() {
            let core = if ascii {
                w.trim_matches(|c: char| !c.is_ascii_alphanumeric())
            } else {
                w.trim_matches(|c: char| !c.is_alphanumeric())
            };
            if !core.starts_with(char::is_alphabetic) {
                continue;
            }
            let stopword = if ascii && core.len() <= 32 {
                let mut buf = [0u8; 32];
                for (d, x) in buf.iter_mut().zip(core.bytes()) {
                    *d = x.to_ascii_lowercase();
                }
                stop.contains(&buf[..core.len()])
            } else {
                stop.contains(core.to_lowercase().as_bytes())
            };
            if stopword {
                continue;
            }
            content += 1;
            capital += core.starts_with(char::is_uppercase) as u32;
        }
        Shape {
            allcaps: upper && !lower,
            digits: if visible > 0 {
                digits as f32 / visible as f32
            } else {
                0.0
            },
            sep: t.contains(['|', '»', '•', '[', '>', '›']),
            caption: CAPTION.iter().any(|c| t.to_ascii_lowercase().contains(c)),
            by_prefix: by_prefix(t),
            key_colon: key_colon(t, words),
            starts_lower: first.is_lowercase(),
            bullet: matches!(first, '•' | '-' | '*' | '·' | '▪' | '►'),
            credit: t.contains('/') && words <= 6 && !t.ends_with('.'),
            ends_dash: t.ends_with(['-', '—', '–']),
            colon_sp: t.contains(" : ") || t.ends_with(':'),
            caps_content: if content > 0 {
                capital as f32 / content as f32
            } else {
                0.0
            },
            meta_key: meta_key(t),
            paren_tail: paren_tail(t),
        }
    }

    #[test]
    fn name_like_is_a_short_capitalised_phrase() {
        let stop = super::super::lexicon::stopwords();
        for t in [
            "CTV Toronto",
            "The Harbour Blog",
            "Other Sports",
            "Apple",
            "Blog - Latest News",
            "Bank of England",
        ] {
            assert!(name_like(t, stop), "{t}");
        }
        for t in [
            "Storm hits coast",
            "Ferries stay in port as storm hits",
            "Harbour Radio News Desk",
            "Island News.",
            "Who Won?",
            "",
            "2024",
        ] {
            assert!(!name_like(t, stop), "{t}");
        }
    }

    #[test]
    fn head_trees_check_their_sizes_and_features() {
        assert!(HeadTrees::new(vec![0; 7], vec![0.0; 7], vec![0.0; 8]).is_ok());
        assert!(HeadTrees::new(vec![0; 6], vec![0.0; 7], vec![0.0; 8]).is_err());
        assert!(HeadTrees::new(vec![0; 7], vec![0.0; 7], vec![0.0; 7]).is_err());
        assert!(HeadTrees::new(vec![N_HEAD as u8; 7], vec![0.0; 7], vec![0.0; 8]).is_err());
        let none = HeadTrees::default();
        assert!(none.is_empty());
        assert_eq!(none.len(), 0);
        assert_eq!(none.magnitude(), 0.0);
    }

    #[test]
    fn head_trees_route_and_bound_over_unread_shapes() {
        // root: lede (3) <= 0.5; left: caption (14, a shape entry) <= 0.5,
        // right: dist1 (1) <= 0.5; the third level splits on allcaps (8, a
        // shape entry) at 1.0 (always left), on digits (12) at -0.5 (always
        // right), on lede again and not at all (+inf)
        let (c, a) = (14u8, 8u8);
        let trees = HeadTrees::new(
            vec![3, c, 1, a, 12, 3, 0],
            vec![0.5, 0.5, 0.5, 1.0, -0.5, 0.25, f32::INFINITY],
            vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        )
        .expect("valid");
        assert_eq!(trees.len(), 1);
        assert_eq!(trees.magnitude(), 8.0);
        let leaf_of = |lede: f32, caption: f32, dist1: f32| {
            let mut x = [0f32; N_HEAD];
            (x[3], x[14], x[1]) = (lede, caption, dist1);
            x
        };
        // lede low, caption 0 -> node 3 (allcaps <= 1 always) -> leaf 0
        assert_eq!(trees.leaf(0, &leaf_of(0.0, 0.0, 0.0)), 1.0);
        // lede low, caption 1 -> node 4 (digits > -0.5 always) -> leaf 3
        assert_eq!(trees.leaf(0, &leaf_of(0.0, 1.0, 0.0)), 4.0);
        // lede high, dist1 0 -> node 5 (lede <= 0.25? no) -> leaf 5
        assert_eq!(trees.leaf(0, &leaf_of(0.75, 0.0, 0.0)), 6.0);
        // lede high, dist1 1 -> node 6 (unsplit: left) -> leaf 6
        assert_eq!(trees.leaf(0, &leaf_of(0.75, 0.0, 1.0)), 7.0);
        // with the shape unread, a candidate with a low lede may reach
        // leaf 0 (caption 0) or leaf 3 (caption 1): the bound is 4
        assert_eq!(trees.leaf_bound(0, &leaf_of(0.0, 0.0, 0.0), &IS_SHAPE), 4.0);
        assert_eq!(
            trees.leaf_bound(0, &leaf_of(0.75, 0.0, 1.0), &IS_SHAPE),
            7.0
        );
        // with nothing unknown the bound is the leaf
        let known = [false; N_HEAD];
        for x in [
            leaf_of(0.0, 0.0, 0.0),
            leaf_of(0.0, 1.0, 0.0),
            leaf_of(0.75, 0.0, 0.0),
        ] {
            assert_eq!(trees.leaf_bound(0, &x, &known), trees.leaf(0, &x));
        }
    }

    #[test]
    fn head_tree_bounds_hold_for_every_shape() {
        // random trees: the bound with the shape entries unread is at least
        // the leaf for any values of those entries in 0..=1
        let mut rng = crate::testing::Rng(0x51ab_1e5e_ed00_0001);
        for _ in 0..200 {
            let feats: Vec<u8> = (0..7)
                .map(|_| match rng.below(3) {
                    0 => 3,
                    _ => SHAPE_AT[rng.below(SHAPE_AT.len())] as u8,
                })
                .collect();
            let thrs = (0..7).map(|_| (rng.below(5) as f32 - 1.0) / 2.0).collect();
            let leaves = (0..8).map(|_| rng.below(100) as f32 - 50.0).collect();
            let trees = HeadTrees::new(feats, thrs, leaves).expect("valid");
            let mut x = [0f32; N_HEAD];
            x[3] = rng.below(3) as f32 / 2.0;
            let bound = trees.leaf_bound(0, &x, &IS_SHAPE);
            for _ in 0..20 {
                for &at in &SHAPE_AT {
                    x[at] = rng.below(5) as f32 / 4.0;
                }
                assert!(trees.leaf(0, &x) <= bound);
            }
        }
    }

    /// Each tree's `rest` is at least what the trees from it on can add,
    /// read or bounded (so the bound of `fill_shapes` may stop there), and
    /// the shipped model's, made at compile time, is the one made at run
    /// time.
    #[test]
    fn rest_sums_bound_the_trees_left() {
        let shipped = &SHIPPED_HEADLINE.trees;
        let made = rest_sums_vec(&HEAD_TREE_LEAVES);
        assert_eq!(shipped.rest.len(), HEAD_TREES);
        for (a, b) in shipped.rest.iter().zip(&made) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        let mut rng = crate::testing::Rng(0x7e57_0f7e_5500_0003);
        for _ in 0..100 {
            let n = 1 + rng.below(6);
            let feats = (0..7 * n).map(|_| rng.below(N_HEAD) as u8).collect();
            let thrs = (0..7 * n)
                .map(|_| (rng.below(5) as f32 - 1.0) / 2.0)
                .collect();
            let leaves = (0..8 * n).map(|_| rng.below(100) as f32 - 50.0).collect();
            let trees = HeadTrees::new(feats, thrs, leaves).expect("valid");
            assert_eq!(trees.rest.len(), n);
            let mut x = [0f32; N_HEAD];
            for v in &mut x {
                *v = rng.below(5) as f32 / 4.0;
            }
            for t in 0..n {
                let (mut read, mut bounded) = (0f64, 0f64);
                for u in t..n {
                    read += trees.leaf(u, &x) as f64;
                    bounded += trees.leaf_bound(u, &x, &IS_SHAPE) as f64;
                }
                assert!(read <= trees.rest[t] && bounded <= trees.rest[t]);
            }
        }
    }

    #[test]
    fn shape_entries_are_at_their_names() {
        let names = [
            "allcaps",
            "digits",
            "sep",
            "caption",
            "by_prefix",
            "key_colon",
            "starts_lower",
            "bullet",
            "credit",
            "ends_dash",
            "colon_sp",
            "caps_content",
            "meta_key",
            "paren_tail",
        ];
        for (&at, name) in SHAPE_AT.iter().zip(names) {
            assert_eq!(HEAD_FEATURE_NAMES[at], name);
        }
    }

    /// A share bar that repeats the headline ("Share All sharing options
    /// for: <headline>", under the headline on Vox Media's pages) is never
    /// the headline; the headline line above it is.
    #[test]
    fn share_bars_are_not_candidates() {
        for t in [
            "Share All sharing options for: Harbour plan wins council vote",
            "Share this:",
            "share with:\u{a0} Facebook | Digg",
            "Share on: Facebook Twitter Reddit",
            "SHARE: x",
        ] {
            assert!(share_bar(t), "{t}");
        }
        // the definition: the first word before the first colon is "share"
        let by_definition = |t: &str| {
            t.split_once(':').is_some_and(|(head, _)| {
                head.split_whitespace()
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case("share"))
            })
        };
        for t in [
            "Share:",
            "share :",
            "Share\u{a0}this: x",
            "Share",
            "Share this",
            "Shares: x",
            "Sharé: x",
            "Shar",
            "",
            ":Share",
            "Share it now, or: later",
            "Market share: rises",
        ] {
            assert_eq!(share_bar(t), by_definition(t), "{t:?}");
        }
        for t in [
            "Shares fall: markets slide on rate fears",
            "Watch: the council votes",
            "Market share rises",
            "Share prices fall",
            "Why we share: a study",
        ] {
            assert!(!share_bar(t), "{t}");
        }
        let c = crate::boilerplate::Cleaner::new();
        let page = format!(
            "• News\n• Sport\n\
            Harbour plan wins council vote\n\
            By Jane Doe\n\
            Share All sharing options for: Harbour plan wins council vote\n{HARBOUR_STORY}"
        );
        let page = page.as_str();
        let cands: Vec<_> = c
            .headline_features(page)
            .into_iter()
            .map(|(_, line, _)| line)
            .collect();
        assert!(cands.contains(&2) && !cands.contains(&4), "{cands:?}");
        assert_eq!(
            c.article(page).title.as_deref(),
            Some("Harbour plan wins council vote")
        );
    }

    /// The article lines of the small harbour page the tests below build.
    const HARBOUR_STORY: &str = "The town council has voted to back a new harbour plan, ending two years of argument over the future of the old fish market and the quay.\n\
        The mayor said the harbour plan would keep the fish market open and that work on the quay could start in the spring.\n\
        Councillors approved the plan by nine votes to four after a debate that lasted most of the evening.\n";

    /// `meta_below` / `meta_above`: a byline or dateline within
    /// [`META_NEAR`] lines below / above the candidate (the headline has its
    /// byline under it; a caption or a related story's headline further
    /// down has it above).
    #[test]
    fn bylines_near_a_candidate() {
        let (below, above) = (
            HEAD_FEATURE_NAMES.iter().position(|&n| n == "meta_below"),
            HEAD_FEATURE_NAMES.iter().position(|&n| n == "meta_above"),
        );
        let (below, above) = (below.unwrap(), above.unwrap());
        let c = crate::boilerplate::Cleaner::new();
        let page = format!(
            "• News\n• Sport\n\
            Harbour plan wins council vote\n\
            Vote ends two years of argument\n\
            By Jane Doe\n\
            Fish market stays open under the plan\n{HARBOUR_STORY}"
        );
        let page = page.as_str();
        let first: Vec<_> = c
            .headline_features(page)
            .into_iter()
            .filter(|&(pass, _, _)| pass == 0)
            .map(|(_, line, x)| (line, (x[below], x[above])))
            .collect();
        let at = |line: usize| first.iter().find(|(l, _)| *l == line).map(|(_, v)| *v);
        // the byline is line 4: two lines below the headline, one below the
        // standfirst, one above the caption-like line
        assert_eq!(at(2), Some((1.0, 0.0)), "{first:?}");
        assert_eq!(at(3), Some((1.0, 0.0)), "{first:?}");
        assert_eq!(at(5), Some((0.0, 1.0)), "{first:?}");
        // the article lines further down have no byline within three lines
        assert!(
            first.iter().any(|&(l, v)| l >= 8 && v == (0.0, 0.0)),
            "{first:?}"
        );
    }

    /// A line the separator rule removes is a candidate when it is a
    /// headline with its site, section or rating after a pipe
    /// ([`piped_title`]); a menu of short links or a breadcrumb is not.
    #[test]
    fn piped_headlines_are_candidates() {
        for t in [
            "Harbour plan wins council vote | Local news | 3 May",
            "Harbour Lights: a quiet triumph | 3 stars",
            "Harbour plan wins council vote |",
        ] {
            assert!(piped_title(t), "{t}");
        }
        for t in [
            "Home | News | Sport",
            "Local News | World News | Sport",
            "Home > News > Harbour plan wins council vote",
            "News » Harbour plan wins | council vote",
            "Harbour plan wins council vote - Local news - 3 May",
        ] {
            assert!(!piped_title(t), "{t}");
        }
        let c = crate::boilerplate::Cleaner::new();
        let page = format!(
            "Home | News | Sport\n\
            Harbour plan wins council vote | Local news | 3 May\n\
            By Jane Doe\n{HARBOUR_STORY}"
        );
        let page = page.as_str();
        let reasons: Vec<_> = c.explain(page).into_iter().map(|d| d.reason).collect();
        assert_eq!(reasons[0], "separator", "{reasons:?}");
        let cands: Vec<_> = c
            .headline_features(page)
            .into_iter()
            .filter(|&(pass, _, _)| pass == 0)
            .map(|(_, line, _)| line)
            .collect();
        assert!(cands.contains(&1) && !cands.contains(&0), "{cands:?}");
    }

    #[test]
    fn rows_of_short_cells_are_not_candidates() {
        let c = crate::boilerplate::Cleaner::new();
        let page = "Pos\t\tPlayer\t\tPlays\n\
            DL\t\tLarry Smith\t\t63 plays, 1 tackle and 2 hits on the quarterback.\n\
            There is a lot to sort through here, and the defense had its best game of the season against a rival that had beaten it twice last year.\n\
            The coach said on Monday that the rotation on the line would stay the same for the next game, whatever the injury report says by Friday.\n";
        assert_ne!(
            c.article(page).title.as_deref(),
            Some("Pos\t\tPlayer\t\tPlays")
        );
        assert!(short_first_cell("Live Scores\t\tWrite For Us"));
        assert!(!short_first_cell(
            "Hester Runs Bears to Win in Season Finale\t\tSave Email Print"
        ));
        assert!(!short_first_cell("No tabs at all"));
    }

    #[test]
    fn meta_keys_and_credit_tails() {
        for t in [
            "Source: World News Network",
            "Director : A. Name",
            "PHOTO: x",
            "Quelle: dpa",
        ] {
            assert!(meta_key(t), "{t}");
        }
        for t in [
            "Review: The Best Film",
            "Council approves the budget",
            "Sources say: no",
            ":",
        ] {
            assert!(!meta_key(t), "{t}");
        }
        for t in [
            "A player at the open (AAP)",
            "Troops at the border [EPA]",
            "x (AP Photo/J. Doe)",
        ] {
            assert!(paren_tail(t), "{t}");
        }
        for t in [
            "(AAP)",
            "Prices fall ( )",
            "Magellan(R) comes out",
            "a (b c d e f)",
            ")",
            "]",
        ] {
            assert!(!paren_tail(t), "{t}");
        }
    }

    #[test]
    fn shape_fast_paths_match_the_definition() {
        let stop = super::super::lexicon::stopwords();
        for t in [
            "Council approves the budget",
            "Tags: vista, os",
            "Source: Press Association",
            "WORLD NEWS | Europe",
            "Photo: Getty Images / AFP",
            "Posted 3 hours AGO",
            "ago",
            "Larger image",
            "PHOTOGRAPH",
            "News [updated]",
            "Markets : stocks fall",
            "Ends with colon:",
            "by Jane Doe",
            "Posted 3 hours ago",
            "- a dash line",
            "'Quoted' words, 2024 -",
            "x:y : z",
            ":",
            "a",
            "Über die Zukunft: der Rat",
            "Breaking » World • Europe",
            "Ünïcödé ΣΊΣΥΦΟΣ naïve café",
            "  spaced\tout\x0bwords  ",
            "The 2nd AND 3rd (of them) 'were' OK.",
            "Director : A. Name",
            "A player at the open (AAP)",
            "Troops at the border [EPA]",
            "Home > News > World",
            "Start › Welt",
        ] {
            for words in [1, 3, 6, 7, 12] {
                assert_eq!(
                    shape(t, words, stop),
                    reference_shape(t, words, stop),
                    "{t:?} {words}"
                );
            }
        }
    }
}
