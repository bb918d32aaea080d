//! Boilerplate removal for scraped page *text* (one block per line).
//!
//! [`Cleaner::explain`] gives one [`LineDecision`] per input line; [`Cleaner::clean`]
//! returns the kept lines. How a page is cleaned:
//!
//! 1. Lines are split on `"\n"`, `"\r\n"` or a lone `"\r"` ([`lines`]). Blank lines
//!    play no part in the decisions.
//! 2. Each non-blank line gets features ([`features`]): word count, terminal
//!    punctuation, stopword ratio (union of several languages), title case,
//!    bullets, separators, digits, counters, phrase matches, and the mean word
//!    count / terminal share / stopword ratio over a ±3-line window. A logistic
//!    model compiled in as data ([`model`], trained by
//!    `scripts/train_boilerplate.py`) turns them into a score (the probability
//!    that the line is article text).
//! 3. Hard rules mark chrome: `"phrase"` (a short line with a chrome phrase),
//!    `"counter"` ("3 comments"), `"separator"` (breadcrumbs "Home | News | World"),
//!    `"site-repeat"` (corpus mode, see [`SiteStats`]).
//! 4. The article is the best-scoring contiguous run of lines (maximum-sum
//!    segment of `score - 0.5`, weighted by line length), so short gaps such as
//!    subheads stay in. It ends at the first `"terminator"` line after its start
//!    ("Related Stories", "Comments (0)"): that line and everything after it go
//!    as `"terminator-tail"`. Lines outside the run are `"low-score"`; short
//!    low-scoring lines inside it are `"short-nav"`.
//! 5. With `keep_title` (the default), the headline is kept: the nearest
//!    title-like line (3 to 30 words, not a byline, not ending in a full stop)
//!    among the few lines before the article.
//! 6. Steps 2-5 are repeated on the kept lines until nothing changes, so that
//!    cleaning is idempotent: `clean(clean(x)) == clean(x)`.
//!
//! Blank lines: a blank line is kept when it lies between two kept lines and
//! nothing was removed between them (paragraph structure stays exactly as in
//! the input); where lines were removed between two kept lines, only the first
//! blank line of that gap is kept (one paragraph break). The output never starts
//! or ends with a blank line. Each kept line is emitted with its own terminator
//! (the last one too, when the input has one), so the output is a concatenation
//! of whole lines of the input.

mod features;
mod lexicon;
mod lines;
mod model;
mod site;

use serde::{Deserialize, Serialize};

pub use features::{FEATURE_NAMES, N_FEATURES};
pub use site::{SiteLines, SiteStats};

use crate::error::{Error, ErrorKind, Result};
use features::{line_facts, vectors, LineFacts, SHORT_LINE_WORDS};
use lexicon::{PhraseKind, Phrases, WordSet};
use lines::{split_lines, Line};

/// Cleans `text` with the default [`Cleaner`] (built once, then shared: building
/// one compiles the phrase automata, which takes a few milliseconds).
pub fn clean(text: &str) -> String {
    default_cleaner().clean(text)
}

/// The shared default cleaner used by [`clean`].
pub fn default_cleaner() -> &'static Cleaner {
    static DEFAULT: std::sync::OnceLock<Cleaner> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Cleaner::new)
}

/// Every reason a line can be given, in a stable order. The ids are part of the
/// API: users disable rules by these names and bindings show them.
pub const RULE_IDS: [&str; 10] = [
    "article",
    "title",
    "blank",
    "phrase",
    "terminator-tail",
    "short-nav",
    "counter",
    "separator",
    "site-repeat",
    "low-score",
];

/// Rules that [`CleanerBuilder::disable`] accepts (the others are outcomes,
/// not filters).
pub const DISABLEABLE_RULES: [&str; 7] = [
    "title",
    "phrase",
    "terminator-tail",
    "short-nav",
    "counter",
    "separator",
    "site-repeat",
];

/// What happened to one line of the input.
#[derive(Clone, Debug, PartialEq)]
pub struct LineDecision {
    /// 0-based line number.
    pub line: usize,
    /// Byte offset of the line's content in the input.
    pub start: usize,
    /// Byte offset one past the content (the line terminator is not included).
    pub end: usize,
    /// Whether the line is in the output of [`Cleaner::clean`].
    pub kept: bool,
    /// Stable rule id (one of [`RULE_IDS`]): why the line was kept
    /// (`"article"`, `"title"`, `"blank"`) or removed.
    pub reason: &'static str,
    /// The model's probability that the line is article text (0 for blank lines).
    pub score: f32,
}

impl LineDecision {
    /// The line's content in `text` (the text that was explained).
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The serializable configuration of a [`Cleaner`] (what pickling stores).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CleanerConfig {
    /// Keep the headline line before the article (default true).
    pub keep_title: bool,
    /// Extra chrome phrases (matched case-insensitively on short lines).
    pub extra_phrases: Vec<String>,
    /// Extra terminator phrases (a short line containing one ends the article).
    pub extra_terminators: Vec<String>,
    /// Disabled rule ids (see [`DISABLEABLE_RULES`]).
    pub disable: Vec<String>,
    /// Corpus mode: a line is a site repeat when seen on at least this many pages.
    pub site_min_pages: u32,
    /// Corpus mode: ... and on at least this share of the site's pages.
    pub site_min_share: f32,
}

impl Default for CleanerConfig {
    fn default() -> Self {
        CleanerConfig {
            keep_title: true,
            extra_phrases: Vec::new(),
            extra_terminators: Vec::new(),
            disable: Vec::new(),
            site_min_pages: 3,
            site_min_share: 0.1,
        }
    }
}

/// Configures a [`Cleaner`].
#[derive(Clone, Debug, Default)]
pub struct CleanerBuilder {
    config: CleanerConfig,
}

impl CleanerBuilder {
    /// A builder with the defaults.
    pub fn new() -> CleanerBuilder {
        CleanerBuilder::default()
    }

    /// Keep the headline line before the article (default true).
    pub fn keep_title(&mut self, yes: bool) -> &mut Self {
        self.config.keep_title = yes;
        self
    }

    /// Adds chrome phrases: a short line containing one is removed (`"phrase"`).
    pub fn extra_phrases<I, S>(&mut self, phrases: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config
            .extra_phrases
            .extend(phrases.into_iter().map(Into::into));
        self
    }

    /// Adds terminator phrases: a short line containing one ends the article.
    pub fn extra_terminators<I, S>(&mut self, phrases: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config
            .extra_terminators
            .extend(phrases.into_iter().map(Into::into));
        self
    }

    /// Disables rules by id (see [`DISABLEABLE_RULES`]).
    pub fn disable<I, S>(&mut self, rules: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.config
            .disable
            .extend(rules.into_iter().map(Into::into));
        self
    }

    /// Corpus mode thresholds: a line is a site repeat when seen on at least
    /// `min_pages` pages and at least `min_share` (0..=1) of the site's pages.
    pub fn site_repeat(&mut self, min_pages: u32, min_share: f32) -> &mut Self {
        self.config.site_min_pages = min_pages;
        self.config.site_min_share = min_share;
        self
    }

    /// Builds the cleaner. Fails with [`ErrorKind::InvalidRule`] on an unknown
    /// rule id in `disable` or an empty extra phrase, and with
    /// [`ErrorKind::InvalidOption`] on out-of-range thresholds.
    pub fn build(&self) -> Result<Cleaner> {
        Cleaner::from_config(self.config.clone())
    }
}

/// A configured boilerplate remover. Cheap to clone, `Send + Sync`, and
/// serializable (it serializes as its [`CleanerConfig`]).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(try_from = "CleanerConfig", into = "CleanerConfig")]
pub struct Cleaner {
    config: CleanerConfig,
    stop: WordSet,
    phrases: Phrases,
    rule_on: [bool; DISABLEABLE_RULES.len()],
}

impl TryFrom<CleanerConfig> for Cleaner {
    type Error = Error;
    fn try_from(c: CleanerConfig) -> Result<Cleaner> {
        Cleaner::from_config(c)
    }
}

impl From<Cleaner> for CleanerConfig {
    fn from(c: Cleaner) -> CleanerConfig {
        c.config
    }
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new()
    }
}

const R_TITLE: usize = 0;
const R_PHRASE: usize = 1;
const R_TERM: usize = 2;
const R_SHORTNAV: usize = 3;
const R_COUNTER: usize = 4;
const R_SEP: usize = 5;
const R_SITE: usize = 6;

/// Block threshold: a line adds to the article block when its score is above
/// this (see `THETA_REL`).
const THETA: f32 = 0.5;
/// ... or above this share of the page's best line score, when that is lower
/// (pages where nothing looks like typical prose still have an article).
const THETA_REL: f32 = 0.4;
/// Inside the article, lines of at most 6 words scoring below this are `"short-nav"`.
const NAV_SCORE: f32 = 0.2;
/// A later text segment joins the article across chrome costing at most this.
const MAX_GAP: f32 = 8.0;
/// ... when the segment itself is worth at least this.
const MIN_SEGMENT: f32 = 0.8;
/// Lines of at least this many words ending in terminal punctuation ...
const LONG_WORDS: u32 = 20;
/// ... score at least this, whatever their neighbourhood.
const LONG_FLOOR: f32 = 0.65;

/// How many lines after a terminator are searched for a resumption of the article.
const RESUME_WINDOW: usize = 5;

/// Per-pass decision for one non-blank line.
#[derive(Clone, Copy)]
struct Verdict {
    kept: bool,
    reason: &'static str,
    score: f32,
}

impl Cleaner {
    /// A cleaner with the default configuration.
    pub fn new() -> Cleaner {
        Cleaner::from_config(CleanerConfig::default()).expect("default config is valid")
    }

    /// A builder for a configured cleaner.
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder::new()
    }

    /// Builds a cleaner from a configuration (see [`CleanerBuilder::build`]).
    pub fn from_config(config: CleanerConfig) -> Result<Cleaner> {
        let mut rule_on = [true; DISABLEABLE_RULES.len()];
        for id in &config.disable {
            match DISABLEABLE_RULES.iter().position(|r| r == id) {
                Some(i) => rule_on[i] = false,
                None => {
                    return Err(Error::new(
                        ErrorKind::InvalidRule,
                        format!(
                            "unknown rule id {id:?} in disable (known: {})",
                            DISABLEABLE_RULES.join(", ")
                        ),
                    ))
                }
            }
        }
        if !(0.0..=1.0).contains(&config.site_min_share) {
            return Err(Error::option(format!(
                "site_min_share must be within 0..=1, got {}",
                config.site_min_share
            )));
        }
        if config.site_min_pages < 2 {
            return Err(Error::option(format!(
                "site_min_pages must be at least 2, got {}",
                config.site_min_pages
            )));
        }
        let phrases = Phrases::new(
            rule_on[R_PHRASE],
            rule_on[R_TERM],
            &config.extra_phrases,
            &config.extra_terminators,
        )?;
        Ok(Cleaner {
            stop: lexicon::stopwords(),
            phrases,
            rule_on,
            config,
        })
    }

    /// The configuration this cleaner was built from.
    pub fn config(&self) -> &CleanerConfig {
        &self.config
    }

    /// Every rule id a [`LineDecision`] can carry.
    pub fn rule_ids() -> &'static [&'static str] {
        &RULE_IDS
    }

    /// One decision per line of `text` (see the module docs).
    pub fn explain(&self, text: &str) -> Vec<LineDecision> {
        self.explain_with(text, None)
    }

    /// The article in `text`: the kept lines, each with its own terminator.
    pub fn clean(&self, text: &str) -> String {
        self.clean_with(text, None)
    }

    /// [`Cleaner::clean`] in corpus mode: lines that repeat on `site` are chrome.
    pub fn clean_with(&self, text: &str, site: Option<&SiteLines>) -> String {
        let lines = split_lines(text);
        let kept = self.decide(text, &lines, site);
        let mut out = String::new();
        for (l, d) in lines.iter().zip(&kept) {
            if d.kept {
                out.push_str(&text[l.start..l.next]);
            }
        }
        out
    }

    /// Cleans many pages on `threads`, preserving order. With `sites` (one
    /// optional site key per text, same length as `texts`), this is corpus
    /// mode: the pages are first fitted into a [`SiteStats`] and each page is
    /// cleaned with its site's line counts. Fails with
    /// [`ErrorKind::InvalidOption`] when `sites` has the wrong length.
    pub fn clean_many<T: AsRef<str> + Sync>(
        &self,
        texts: &[T],
        sites: Option<&[Option<&str>]>,
        threads: crate::batch::Threads,
    ) -> Result<Vec<String>> {
        let Some(sites) = sites else {
            return Ok(crate::batch::map_parallel(texts, threads, |t| {
                self.clean(t.as_ref())
            }));
        };
        if sites.len() != texts.len() {
            return Err(Error::option(format!(
                "sites has {} items but texts has {}",
                sites.len(),
                texts.len()
            )));
        }
        let stats = SiteStats::fit(texts.iter().map(|t| t.as_ref()), sites.iter().copied());
        let items: Vec<(&str, Option<&SiteLines>)> = texts
            .iter()
            .zip(sites)
            .map(|(t, s)| (t.as_ref(), s.and_then(|s| stats.get(s))))
            .collect();
        Ok(crate::batch::map_parallel(&items, threads, |(t, s)| {
            self.clean_with(t, *s)
        }))
    }

    /// [`Cleaner::explain`] in corpus mode (see [`SiteStats`]).
    pub fn explain_with(&self, text: &str, site: Option<&SiteLines>) -> Vec<LineDecision> {
        let lines = split_lines(text);
        let verdicts = self.decide(text, &lines, site);
        lines
            .iter()
            .zip(verdicts)
            .enumerate()
            .map(|(i, (l, v))| LineDecision {
                line: i,
                start: l.start,
                end: l.end,
                kept: v.kept,
                reason: v.reason,
                score: v.score,
            })
            .collect()
    }

    /// Feature vectors of the non-blank lines of `text` (line number, vector),
    /// as the model sees them on the first pass. For training and debugging.
    pub fn features(&self, text: &str) -> Vec<(usize, [f32; N_FEATURES])> {
        let lines = split_lines(text);
        let idx: Vec<usize> = (0..lines.len())
            .filter(|&i| !text[lines[i].start..lines[i].end].trim().is_empty())
            .collect();
        let facts: Vec<LineFacts> = idx
            .iter()
            .map(|&i| self.facts(&text[lines[i].start..lines[i].end]))
            .collect();
        idx.into_iter().zip(vectors(&facts)).collect()
    }

    fn facts(&self, s: &str) -> LineFacts {
        line_facts(s.trim(), &self.stop, &self.phrases)
    }

    fn decide(&self, text: &str, lines: &[Line], site: Option<&SiteLines>) -> Vec<Verdict> {
        let blank = Verdict {
            kept: false,
            reason: "blank",
            score: 0.0,
        };
        let mut out = vec![blank; lines.len()];
        let mut is_blank = vec![true; lines.len()];
        let mut idx: Vec<usize> = Vec::with_capacity(lines.len());
        let mut facts: Vec<LineFacts> = Vec::with_capacity(lines.len());
        for (i, l) in lines.iter().enumerate() {
            let s = text[l.start..l.end].trim();
            if !s.is_empty() {
                is_blank[i] = false;
                idx.push(i);
                facts.push(line_facts(s, &self.stop, &self.phrases));
            }
        }
        // Repeat on the kept lines until nothing changes (idempotence).
        for _pass in 0..8 {
            let verdicts = self.pass(text, lines, &idx, &facts, site);
            let mut next_idx = Vec::with_capacity(idx.len());
            let mut next_facts = Vec::with_capacity(idx.len());
            for ((&i, v), f) in idx.iter().zip(&verdicts).zip(&facts) {
                out[i] = *v;
                if v.kept {
                    next_idx.push(i);
                    next_facts.push(*f);
                }
            }
            let stable = next_idx.len() == idx.len();
            idx = next_idx;
            facts = next_facts;
            if stable || idx.is_empty() {
                break;
            }
        }
        // Blank lines between kept lines.
        let mut prev_kept: Option<usize> = None;
        let mut removed_since = false;
        let mut first_blank_in_gap: Option<usize> = None;
        let mut gap_blanks: Vec<usize> = Vec::new();
        for i in 0..lines.len() {
            if is_blank[i] {
                if prev_kept.is_some() {
                    gap_blanks.push(i);
                    first_blank_in_gap.get_or_insert(i);
                }
                continue;
            }
            if out[i].kept {
                if prev_kept.is_some() {
                    if removed_since {
                        if let Some(b) = first_blank_in_gap {
                            out[b].kept = true;
                        }
                    } else {
                        for &b in &gap_blanks {
                            out[b].kept = true;
                        }
                    }
                }
                prev_kept = Some(i);
                removed_since = false;
                first_blank_in_gap = None;
                gap_blanks.clear();
            } else {
                removed_since = true;
            }
        }
        out
    }

    /// One pass over the non-blank lines `idx` (with their `facts`).
    fn pass(
        &self,
        text: &str,
        lines: &[Line],
        idx: &[usize],
        facts: &[LineFacts],
        site: Option<&SiteLines>,
    ) -> Vec<Verdict> {
        let n = idx.len();
        let vecs = vectors(facts);
        let scores: Vec<f32> = vecs.iter().map(model_score).collect();
        let on = &self.rule_on;
        // Hard rules.
        let mut hard: Vec<Option<&'static str>> = vec![None; n];
        let mut terminator = vec![false; n];
        for k in 0..n {
            let f = &facts[k];
            let s = &text[lines[idx[k]].start..lines[idx[k]].end];
            hard[k] = if on[R_SITE] && self.site_repeat(s, site) {
                Some("site-repeat")
            } else if on[R_SEP] && f.separators >= 2 && f.stop_ratio < 0.25 {
                Some("separator")
            } else if on[R_COUNTER] && f.counter {
                Some("counter")
            } else {
                match f.phrase {
                    Some(PhraseKind::Phrase) => Some("phrase"),
                    Some(PhraseKind::Terminator) => {
                        terminator[k] = true;
                        Some("terminator-tail")
                    }
                    None => None,
                }
            };
        }
        // A terminator followed closely by more article text ("Related Links"
        // boxes inside a story) does not end the article: it is just chrome.
        for k in 0..n {
            if terminator[k] {
                let resumes = (k + 1..n.min(k + 1 + RESUME_WINDOW))
                    .any(|j| hard[j].is_none() && scores[j] >= 0.7 && facts[j].words >= 15);
                if resumes {
                    terminator[k] = false;
                    hard[k] = Some("phrase");
                }
            }
        }
        // Maximum-sum segment of (score - theta): theta is 0.5 at most, lower on
        // pages where even the best lines score low (odd layouts, other languages).
        let max_score = (0..n)
            .filter(|&k| hard[k].is_none())
            .map(|k| scores[k])
            .fold(0f32, f32::max);
        let theta = THETA.min((THETA_REL * max_score).max(0.1));
        let mut seen_term = false;
        let mut vals = Vec::with_capacity(n);
        for k in 0..n {
            let f = &facts[k];
            let weight = 1.0 + (1.0 + f.words as f32).ln();
            // Long sentences ending in punctuation are prose whatever their
            // neighbourhood looks like.
            let sc = if f.words >= LONG_WORDS && f.terminal {
                scores[k].max(LONG_FLOOR)
            } else {
                scores[k]
            };
            let mut v = if hard[k].is_some() {
                -1.0
            } else {
                (sc - theta) * weight
            };
            if seen_term && v > 0.0 {
                v *= 0.3;
            }
            if terminator[k] {
                seen_term = true;
            }
            vals.push(v);
        }
        // Kadane runs: each reset of the running sum closes a candidate segment
        // (start, end of its best prefix, its sum).
        let mut segs: Vec<(usize, usize, f32)> = Vec::new();
        let mut cur = 0f32;
        let mut run: Option<(usize, usize, f32)> = None;
        for (k, &v) in vals.iter().enumerate() {
            if cur <= 0.0 {
                if let Some(r) = run.take() {
                    segs.push(r);
                }
                cur = v;
                if v > 0.0 {
                    run = Some((k, k, v));
                }
            } else {
                cur += v;
            }
            if let Some(r) = run.as_mut() {
                if cur > r.2 {
                    *r = (r.0, k, cur);
                }
            }
        }
        if let Some(r) = run.take() {
            segs.push(r);
        }
        let mut verdicts: Vec<Verdict> = (0..n)
            .map(|k| Verdict {
                kept: false,
                reason: hard[k].unwrap_or("low-score"),
                score: scores[k],
            })
            .collect();
        let Some(main) = (0..segs.len()).max_by(|&i, &j| segs[i].2.total_cmp(&segs[j].2)) else {
            return verdicts;
        };
        let (a, mut b) = (segs[main].0, segs[main].1);
        // The first terminator after the article's start ends it.
        let term_at = if on[R_TERM] {
            (a + 1..n).find(|&k| terminator[k])
        } else {
            None
        };
        let limit = term_at.unwrap_or(n);
        let mut ranges = vec![(a, b.min(limit.saturating_sub(1)))];
        // Later segments separated from the article by a short run of chrome
        // (a photo caption, an ad, a "Related" box) continue it.
        // prefix sums of vals: the cost of any gap in O(1)
        let mut pre = Vec::with_capacity(n + 1);
        pre.push(0f32);
        for &v in &vals {
            pre.push(pre[pre.len() - 1] + v);
        }
        let cost = |from: usize, to: usize| -(pre[to] - pre[from]);
        for &(c, d, sum) in &segs[main + 1..] {
            if c >= limit {
                break;
            }
            let gap = cost(b + 1, c);
            if sum >= MIN_SEGMENT && gap <= MAX_GAP.max(sum * 0.5) {
                ranges.push((c, d.min(limit - 1)));
                b = d;
            } else if gap > MAX_GAP {
                break;
            }
        }
        let mut a2 = a;
        for &(c, d, sum) in segs[..main].iter().rev() {
            let gap = cost(d + 1, a2);
            if sum >= MIN_SEGMENT && gap <= MAX_GAP.max(sum * 0.5) {
                ranges.push((c, d));
                a2 = c;
            } else if gap > MAX_GAP {
                break;
            }
        }
        if let Some(t) = term_at {
            for v in &mut verdicts[t..] {
                if v.reason == "low-score" {
                    v.reason = "terminator-tail";
                }
            }
        }
        for k in ranges.iter().flat_map(|&(a, b)| a..=b) {
            let f = &facts[k];
            if hard[k].is_some() {
                continue;
            }
            if on[R_SHORTNAV] && scores[k] < NAV_SCORE && f.words <= 6 {
                verdicts[k].reason = "short-nav";
                continue;
            }
            verdicts[k].kept = true;
            verdicts[k].reason = "article";
        }
        // Very short unpunctuated lines at the edges of the article are
        // navigation ("Home", "Share"), whatever their score (datelines stay).
        if on[R_SHORTNAV] {
            let is_edge_nav =
                |k: usize| facts[k].words <= 3 && !facts[k].terminal && facts[k].digit_ratio == 0.0;
            for k in (a2..n).filter(|&k| verdicts[k].kept).collect::<Vec<_>>() {
                if !is_edge_nav(k) {
                    break;
                }
                verdicts[k].kept = false;
                verdicts[k].reason = "short-nav";
            }
            for k in (a2..n)
                .rev()
                .filter(|&k| verdicts[k].kept)
                .collect::<Vec<_>>()
            {
                if !is_edge_nav(k) {
                    break;
                }
                verdicts[k].kept = false;
                verdicts[k].reason = "short-nav";
            }
        }
        let first = (a2..n).find(|&k| verdicts[k].kept).unwrap_or(a2);
        if on[R_TITLE] {
            self.mark_title(text, lines, idx, facts, &hard, first, &mut verdicts);
        }
        verdicts
    }

    /// The headline: the article's first line when it looks like a title, else
    /// the nearest title-like line among the few before the article.
    #[allow(clippy::too_many_arguments)]
    fn mark_title(
        &self,
        text: &str,
        lines: &[Line],
        idx: &[usize],
        facts: &[LineFacts],
        hard: &[Option<&'static str>],
        a2: usize,
        verdicts: &mut [Verdict],
    ) {
        let keep = self.config.keep_title;
        let line_text = |k: usize| &text[lines[idx[k]].start..lines[idx[k]].end];
        if verdicts[a2].kept && !facts[a2].terminal && is_title(line_text(a2), &facts[a2]) {
            verdicts[a2].kept = keep;
            verdicts[a2].reason = "title";
            return;
        }
        if keep {
            let mut looked = 0;
            let mut k = a2;
            while k > 0 && looked < 5 {
                k -= 1;
                looked += 1;
                if hard[k].is_some() {
                    continue;
                }
                if is_title(line_text(k), &facts[k]) {
                    verdicts[k].kept = true;
                    verdicts[k].reason = "title";
                    break;
                }
            }
        }
    }

    fn site_repeat(&self, s: &str, site: Option<&SiteLines>) -> bool {
        let Some(site) = site else { return false };
        if site.pages() < self.config.site_min_pages {
            return false;
        }
        let c = site.count(s);
        c >= self.config.site_min_pages
            && c as f32 >= self.config.site_min_share * site.pages() as f32
            && !site::allow_listed(s)
    }
}

fn is_title(s: &str, f: &LineFacts) -> bool {
    let t = s.trim();
    if f.words < 3 || f.words > 30 || f.bullet || f.separators > 0 || f.digit_ratio > 0.2 {
        return false;
    }
    if f.words <= SHORT_LINE_WORDS && f.counter {
        return false;
    }
    let low = t.get(..3.min(t.len())).unwrap_or("").to_lowercase();
    if low == "by " {
        return false;
    }
    !(t.ends_with('.') || t.ends_with(',') || t.ends_with(';'))
}

fn model_score(x: &[f32; N_FEATURES]) -> f32 {
    let mut z = model::BIAS;
    for (w, v) in model::WEIGHTS.iter().zip(x) {
        z += w * v;
    }
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests;
