//! The decision: given per-line facts and a scorer, which lines are the
//! article and why.
//!
//! This is the part of the cleaner that does not depend on where the lines
//! came from. The text cleaner feeds it the non-blank lines of page text and
//! its logistic line model ([`super::score::TextScorer`]); the HTML extractor
//! feeds it text blocks and its own model. Both get the same hard rules, the
//! same best run of lines, the same terminators, short-nav, headline and
//! reasons, and the same re-scoring on the kept lines.
//!
//! Entry point: [`decide`] with
//! - one [`LineFacts`] per line: word count, the few flags the rules read
//!   (terminal punctuation, title-like, navigation-like), and the [`Hard`]
//!   rule that fired on the line alone (a chrome phrase, a counter, a
//!   terminator, a user pattern, a site repeat ...);
//! - a [`Scorer`]: given the sequence of lines still in play, the probability
//!   of each that it is article text. Scores may depend on the neighbours in
//!   that sequence (window features), which is why the decision asks again
//!   after removing lines;
//! - [`Rules`]: which rules are on and whether the headline is kept.
//!
//! The phases of one pass, each a function below:
//! 1. [`scores`](Scorer::score) of the lines in play; [`shape_floor`]
//!    raises the lines whose shape only article content has (the items of a
//!    run that shares a template, an embedded post) to [`SHAPE_FLOOR`];
//! 2. [`terminators`]: a soft terminator ("Related Stories") followed closely
//!    by more article text is only chrome (`"phrase"`), not the article's end,
//!    and the list right after it is the box's (`"terminator-tail"`);
//! 3. [`values`]: each line's value `(score - θ) · (1 + ln(1 + words))`, with
//!    θ = 0.5, lower on pages where even the best line scores low; hard-rule
//!    lines cost 1; values after a terminator are damped;
//! 4. [`segments`]: Kadane's maximum-sum runs; the best one is the article
//!    ([`before_final`]: unless it lies in a comment thread, after two or
//!    more comment stamps, and a run before them is worth something);
//! 5. [`extend`]: nearby runs separated from it by a short run of chrome join
//!    it; the first terminator after its start ends it (`"terminator-tail"`);
//! 6. [`mark_article`]: lines in the chosen runs are `"article"`, except
//!    hard-rule lines and short low-scoring lines (`"short-nav"`);
//!    [`trim_edges`] removes very short unpunctuated lines at the edges;
//! 7. [`pick_title`] (or the caller's [`Headline`] chooser): the headline.
//!
//! Passes repeat on the kept lines until nothing changes (see [`decide`] for
//! why that ends after linear work). Blank lines are not lines here: [`BlankGaps`] decides
//! them afterwards from the kept/removed sequence.

use super::Reason;

/// `ln(1 + n)` as `f32`, the same bits as `(1.0 + n as f32).ln()`: from a
/// table for the small counts nearly every line has (the table is filled by
/// that expression once per process), computed otherwise ([`Ln1p::at`]).
/// The table is fetched once for a loop over many lines (each fetch checks
/// that it is filled: an atomic load and a branch per value before).
#[derive(Clone, Copy)]
pub(crate) struct Ln1p(&'static [f32; LN_1P_TABLE]);

/// Counts with a value in [`Ln1p`]'s table.
const LN_1P_TABLE: usize = 512;

impl Ln1p {
    /// The table (filled on first use).
    #[inline]
    pub(crate) fn get() -> Ln1p {
        static TABLE: std::sync::OnceLock<[f32; LN_1P_TABLE]> = std::sync::OnceLock::new();
        Ln1p(TABLE.get_or_init(|| std::array::from_fn(|i| (1.0 + i as f32).ln())))
    }

    /// `ln(1 + n)` (see [`Ln1p`]).
    #[inline(always)]
    pub(crate) fn at(self, n: u32) -> f32 {
        match self.0.get(n as usize) {
            Some(&v) => v,
            None => (1.0 + n as f32).ln(),
        }
    }
}

/// Hard-rule outcome of one line, decided from the line alone (and the site's
/// statistics in corpus mode). Anything but [`Hard::None`] removes the line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Hard {
    /// No hard rule fired.
    None,
    /// A user pattern matched (`"pattern"`).
    Pattern,
    /// The line repeats across the site's pages (`"site-repeat"`).
    SiteRepeat,
    /// A breadcrumb or menu line (`"separator"`).
    Separator,
    /// "3 comments", a line of digits (`"counter"`).
    Counter,
    /// A chrome phrase (`"phrase"`).
    Phrase,
    /// A terminator that ends the article unless article text resumes soon
    /// after it (`"terminator-tail"`, or `"phrase"` when it resumes).
    Terminator,
    /// A terminator that always ends the article (comments, paywalls).
    Final,
    /// An item of the list right after a soft terminator whose article
    /// resumes: the related-stories box inside the story
    /// (`"terminator-tail"`). Set by [`terminators`] on each pass.
    BoxItem,
}

impl Hard {
    fn reason(self) -> Reason {
        match self {
            Hard::None => Reason::LowScore,
            Hard::Pattern => Reason::Pattern,
            Hard::SiteRepeat => Reason::SiteRepeat,
            Hard::Separator => Reason::Separator,
            Hard::Counter => Reason::Counter,
            Hard::Phrase => Reason::Phrase,
            Hard::Terminator | Hard::Final | Hard::BoxItem => Reason::TerminatorTail,
        }
    }
}

/// The line ends in terminal punctuation.
pub(crate) const TERMINAL: u8 = 1;
/// The line looks like a headline (3 to 30 words, no bullet, separator or
/// many digits, not a byline, no final `.`, `,` or `;`).
pub(crate) const TITLE_LIKE: u8 = 2;
/// Navigation-like: at most 3 words, no terminal punctuation, no digit.
pub(crate) const EDGE_NAV: u8 = 4;
/// A byline ("By Jane Doe"): removed, it is `"byline"` rather than
/// `"low-score"`/`"short-nav"` (the flag does not change the decision).
pub(crate) const BYLINE: u8 = 8;
/// A date line ("January 15, 2008"): removed, it is `"dateline"`.
pub(crate) const DATELINE: u8 = 16;
/// The line starts with a list bullet ("•", "-", "*", "1.").
pub(crate) const LIST_ITEM: u8 = 32;

/// The line ends with a colon: it leads into what follows ("Key features:").
pub(crate) const LEADS_IN: u8 = 64;

/// The line has a shape only article content has (`shapes.rs`): it is one of
/// a run of lines that share a template ("Day 1 - ...", "Day 2 - ...": a list
/// the article is made of), or an embedded post (a tweet and its "— Name
/// (@handle) date" line), which the line model scores as chrome. Its score
/// is at least [`SHAPE_FLOOR`], and it is never the headline.
pub(crate) const CONTENT_SHAPE: u8 = 128;

/// What the decision reads about one line (8 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineFacts {
    /// Words (CJK: one per two characters).
    pub words: u32,
    /// [`TERMINAL`], [`TITLE_LIKE`], [`EDGE_NAV`], [`BYLINE`], [`DATELINE`],
    /// [`LIST_ITEM`], [`LEADS_IN`], [`CONTENT_SHAPE`].
    pub flags: u8,
    /// The hard rule that fired, if any.
    pub hard: Hard,
}

impl LineFacts {
    #[inline]
    fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// The lines in play on a pass, in page order: all of them (the first pass)
/// or a subset.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Seq<'a> {
    /// Lines `0..n`.
    All(usize),
    /// These lines.
    Some(&'a [u32]),
}

impl Seq<'_> {
    /// Number of lines in play.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        match self {
            Seq::All(n) => *n,
            Seq::Some(s) => s.len(),
        }
    }

    /// The page line of entry `k`.
    #[inline]
    pub(crate) fn get(&self, k: usize) -> usize {
        match self {
            Seq::All(_) => k,
            Seq::Some(s) => s[k] as usize,
        }
    }
}

/// Scores lines: the probability that each is article text.
pub(crate) trait Scorer {
    /// Writes one score per entry of `seq` (indices into the page's lines, in
    /// page order) into `out` (cleared first). Scores may depend on the
    /// neighbours within `seq`.
    fn score(&self, seq: Seq<'_>, out: &mut Vec<f32>);
}

/// Chooses the headline on each pass (the text cleaner's learned chooser,
/// `headline.rs`). Without one, [`decide`] uses the rule of [`pick_title`].
pub(crate) trait Headline {
    /// The index in `seq` of the headline, if any, given the article's
    /// first line `first` (an index in `seq`) and the pass's state. With
    /// `keep` false (the headline is removed) only lines before `first`, or
    /// `first` itself when the rule picks it, may be chosen, so that removing
    /// it settles. Lines a hard rule removes (but for the text chooser's
    /// piped headlines, `headline::piped_title`, among the separator rule's)
    /// and [`CONTENT_SHAPE`] lines are never chosen.
    fn choose(&self, seq: Seq<'_>, first: usize, view: &PassView<'_>, keep: bool) -> Option<usize>;
}

/// What a [`Headline`] chooser sees of one pass (indexed by position in the
/// sequence of lines in play).
pub(crate) struct PassView<'a> {
    /// The hard rule of each line after the resumption check.
    pub hard: &'a [Hard],
    /// The line model's scores.
    pub scores: &'a [f32],
    /// Whether each line is in the article (before the headline is marked).
    pub kept: &'a [bool],
    /// The line the rule of [`pick_title`] would mark.
    pub rule_title: Option<usize>,
}

/// Which rules are on, and what to do with the headline.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Rules {
    /// End the article at terminators.
    pub terminators: bool,
    /// Remove short low-scoring lines inside the article and navigation-like
    /// lines at its edges.
    pub short_nav: bool,
    /// Look for the headline at all.
    pub title: bool,
    /// Keep the headline (else it is removed as `"title"`).
    pub keep_title: bool,
}

/// The outcome for every line: its reason (kept or not) and its score.
#[derive(Clone, Debug, Default)]
pub(crate) struct Decision {
    /// One [`Reason`] per line; kept lines have `Article` or (kept) `Title`.
    pub reasons: Vec<Reason>,
    /// Whether each line is kept.
    pub kept: Vec<bool>,
    /// The score of each line on the last pass that saw it.
    pub scores: Vec<f32>,
    /// Lines decided over all the passes: the work done, linear in the
    /// page's lines by construction (see [`decide`]).
    pub work: usize,
}

/// Block threshold: a line adds to the article block when its score is above
/// this (see `THETA_REL`).
const THETA: f32 = 0.5;
/// ... or above this share of the page's best line score, when that is lower
/// (pages where nothing looks like typical prose still have an article).
const THETA_REL: f32 = 0.4;
/// Inside the article, lines of at most `NAV_WORDS` words scoring below this
/// are `"short-nav"`.
const NAV_SCORE: f32 = 0.2;
/// See `NAV_SCORE`.
const NAV_WORDS: u32 = 6;
/// A later text segment joins the article across chrome costing at most this.
const MAX_GAP: f32 = 8.0;
/// ... when the segment itself is worth at least this.
const MIN_SEGMENT: f32 = 0.8;
/// Lines of at least this many words ending in terminal punctuation ...
const LONG_WORDS: u32 = 20;
/// ... score at least this, whatever their neighbourhood.
const LONG_FLOOR: f32 = 0.7;
/// On a page where no line scores like an article line, lines of at least
/// this many words ending in terminal punctuation are its article.
const PROSE_WORDS: u32 = 8;
/// How many lines after a soft terminator are searched for the article's
/// resumption ...
const RESUME_WINDOW: usize = 5;
/// ... a line of at least this many words ...
const RESUME_WORDS: u32 = 15;
/// ... scoring at least this.
const RESUME_SCORE: f32 = 0.7;
/// The score of a [`CONTENT_SHAPE`] line is at least this.
const SHAPE_FLOOR: f32 = 0.6;
/// How many lines before the article are searched for the headline.
const TITLE_WINDOW: usize = 5;
/// Re-scoring passes run until nothing changes; once they have looked at this
/// many lines per line of the page (plus [`FREE_WORK`]), each further pass
/// also removes the lines nearest to those it removes, at least
/// 1/[`FORCED_SHARE`] of the rest, so the total work stays linear.
pub(crate) const NORMAL_WORK: usize = 8;
/// See [`NORMAL_WORK`].
pub(crate) const FREE_WORK: usize = 256;
/// See [`NORMAL_WORK`].
pub(crate) const FORCED_SHARE: usize = 8;

/// Decides every line of a page (see the module docs).
///
/// The result is a fixed point: deciding the kept lines again (with the same
/// scorer) keeps all of them, which is what makes cleaning idempotent. Each
/// pass only removes lines; passes repeat on the kept lines until one removes
/// nothing. Real pages settle in two to four passes. Should the lines keep
/// changing (adversarial input), the passes after a work budget of
/// [`NORMAL_WORK`] times the page remove, besides what they decide, the
/// lines nearest to those (reason [`Reason::Unsettled`]), at least an eighth
/// of the rest each time: a fixed point (at worst the empty page) is reached
/// after linear work.
pub(crate) fn decide<S: Scorer + ?Sized>(
    lines: &[LineFacts],
    scorer: &S,
    rules: &Rules,
    headline: Option<&dyn Headline>,
) -> Decision {
    let mut out = Decision::default();
    decide_into(
        lines,
        scorer,
        rules,
        headline,
        &mut Work::default(),
        &mut out,
    );
    out
}

/// The buffers of [`decide_into`] (its passes' state and sequences of
/// lines), kept by the caller across pages so that a page allocates none of
/// them once they have grown to a page's size.
#[derive(Default)]
pub(crate) struct Work {
    pass: Pass,
    seq: Vec<u32>,
    next: Vec<u32>,
}

impl Work {
    /// The bytes its buffers hold on to (an estimate from their capacities).
    pub(crate) fn retained_bytes(&self) -> usize {
        use super::vec_bytes;
        let p = &self.pass;
        vec_bytes(&p.scores)
            + vec_bytes(&p.vals)
            + vec_bytes(&p.pre)
            + vec_bytes(&p.hard)
            + vec_bytes(&p.reasons)
            + vec_bytes(&p.kept)
            + vec_bytes(&p.segs)
            + vec_bytes(&self.seq)
            + vec_bytes(&self.next)
            + vec_bytes(&p.facts)
    }
}

impl Decision {
    /// The bytes its vectors hold on to (an estimate from their capacities).
    pub(crate) fn retained_bytes(&self) -> usize {
        use super::vec_bytes;
        vec_bytes(&self.reasons) + vec_bytes(&self.kept) + vec_bytes(&self.scores)
    }
}

/// [`decide`] into `out` (its vectors reused), with the buffers of `work`.
pub(crate) fn decide_into<S: Scorer + ?Sized>(
    lines: &[LineFacts],
    scorer: &S,
    rules: &Rules,
    headline: Option<&dyn Headline>,
    work_bufs: &mut Work,
    out: &mut Decision,
) {
    let n = lines.len();
    out.reasons.clear();
    out.reasons.resize(n, Reason::LowScore);
    out.kept.clear();
    out.kept.resize(n, false);
    out.scores.clear();
    out.scores.resize(n, 0.0);
    out.work = 0;
    let Work { pass, seq, next } = work_bufs;
    pass.reserve(n);
    seq.clear();
    let mut first = true;
    let mut title_only: Option<(usize, Reason)> = None;
    let mut work = 0usize;
    let budget = NORMAL_WORK.saturating_mul(n).saturating_add(FREE_WORK);
    loop {
        let s = if first { Seq::All(n) } else { Seq::Some(seq) };
        let m = s.len();
        if m == 0 {
            break;
        }
        work += m;
        pass.run(lines, s, scorer, rules, headline);
        // a line kept only as the headline stays only as the headline: when
        // this pass does not choose it again, it goes as it would have gone
        // on the pass that saw more of the page (it never turns into article
        // text, as a nav line chosen as headline once would on the next pass)
        if let (Some((i, was)), Seq::Some(kept_seq)) = (title_only, s) {
            if let Ok(k) = kept_seq.binary_search(&(i as u32)) {
                if pass.kept[k] && pass.reasons[k] != Reason::Title {
                    pass.kept[k] = false;
                    pass.reasons[k] = was;
                }
            }
        }
        title_only = pass.title_only.map(|(k, was)| (s.get(k), was));
        let mut removed = pass.kept.iter().filter(|&&k| !k).count();
        if removed > 0 && work > budget {
            removed += force(&mut pass.kept, &mut pass.reasons, m.div_ceil(FORCED_SHARE));
        }
        match s {
            // (the first pass: all the lines, in order)
            Seq::All(_) => {
                out.reasons.copy_from_slice(&pass.reasons);
                out.kept.copy_from_slice(&pass.kept);
                out.scores.copy_from_slice(&pass.scores);
            }
            Seq::Some(ix) => {
                for (k, &i) in ix.iter().enumerate() {
                    let i = i as usize;
                    out.reasons[i] = pass.reasons[k];
                    out.kept[i] = pass.kept[k];
                    out.scores[i] = pass.scores[k];
                }
            }
        }
        if removed == 0 {
            break;
        }
        next.clear();
        next.extend((0..m).filter(|&k| pass.kept[k]).map(|k| s.get(k) as u32));
        std::mem::swap(seq, next);
        first = false;
    }
    out.work = work;
}

/// Removes kept lines nearest (in sequence order) to the removed ones until
/// at least `quota` lines are removed in all; returns how many it removed.
/// Linear: one distance sweep each way and a counting pass.
fn force(kept: &mut [bool], reasons: &mut [Reason], quota: usize) -> usize {
    let m = kept.len();
    let already = kept.iter().filter(|&&k| !k).count();
    if already >= quota || already == 0 {
        return 0;
    }
    let far = u32::MAX;
    let mut dist = vec![far; m];
    let mut last: Option<usize> = None;
    for k in 0..m {
        if !kept[k] {
            last = Some(k);
        }
        if let Some(l) = last {
            dist[k] = (k - l) as u32;
        }
    }
    let mut next: Option<usize> = None;
    for k in (0..m).rev() {
        if !kept[k] {
            next = Some(k);
        }
        if let Some(x) = next {
            dist[k] = dist[k].min((x - k) as u32);
        }
    }
    // the smallest distance d such that the lines within d make the quota
    let mut hist = vec![0usize; m + 1];
    for &d in &dist {
        hist[(d as usize).min(m)] += 1;
    }
    let (mut total, mut d) = (0usize, 0usize);
    while d <= m {
        total += hist[d];
        if total >= quota {
            break;
        }
        d += 1;
    }
    let mut n = 0;
    for k in 0..m {
        if kept[k] && (dist[k] as usize) <= d {
            kept[k] = false;
            reasons[k] = Reason::Unsettled;
            n += 1;
        }
    }
    n
}

/// The working state of one pass over the lines in play (reused across
/// passes; all vectors are indexed by position in the sequence).
#[derive(Default)]
struct Pass {
    scores: Vec<f32>,
    /// Hard rule per line after the resumption check.
    hard: Vec<Hard>,
    vals: Vec<f32>,
    reasons: Vec<Reason>,
    kept: Vec<bool>,
    /// Kadane runs: (first, last, sum).
    segs: Vec<(u32, u32, f32)>,
    /// Prefix sums of `vals` (the cost of any gap in O(1)).
    pre: Vec<f32>,
    /// The headline, when it is kept only as the headline (the decision
    /// did not keep it as article text): its position and the reason it
    /// had before it was chosen.
    title_only: Option<(usize, Reason)>,
    /// The facts of a later pass's lines, gathered (see [`Pass::run`]).
    facts: Vec<LineFacts>,
}

impl Pass {
    /// Room for `n` lines (the first pass's) in the pass's vectors, so that
    /// no pass grows them.
    fn reserve(&mut self, n: usize) {
        self.scores.reserve(n);
        self.hard.reserve(n);
        self.vals.reserve(n);
        self.reasons.reserve(n);
        self.kept.reserve(n);
        self.pre.reserve(n + 1);
        self.facts.reserve(n);
    }

    /// No line kept, each with the reason its hard rule gives (none: low
    /// score).
    fn unmark(&mut self) {
        self.reasons.clear();
        self.reasons.extend(self.hard.iter().map(|h| h.reason()));
        self.kept.clear();
        self.kept.resize(self.hard.len(), false);
    }

    /// Phases 4b-6c from the segment `main` of `self.segs`: the article's
    /// runs of lines, its terminator tail, the kept lines and their
    /// reasons, the trimmed edges and lead-in lists. Returns where the
    /// article starts.
    fn article_from(&mut self, main: usize, lines: &[LineFacts], rules: &Rules) -> usize {
        let f = |k: usize| &lines[k];
        let main = if rules.terminators {
            before_final(&self.segs, main, &self.hard)
        } else {
            main
        };
        let (ranges, start, term_at) = extend(
            &self.vals,
            &self.segs,
            main,
            &self.hard,
            rules.terminators,
            &mut self.pre,
        );
        if let Some(t) = term_at {
            for r in &mut self.reasons[t..] {
                if *r == Reason::LowScore {
                    *r = Reason::TerminatorTail;
                }
            }
        }
        mark_article(
            &ranges,
            &self.hard,
            &self.scores,
            |k| *f(k),
            rules,
            &mut self.reasons,
            &mut self.kept,
        );
        if rules.short_nav {
            trim_edges(
                start,
                |k| f(k).has(EDGE_NAV),
                &mut self.reasons,
                &mut self.kept,
            );
        }
        lead_in_lists(&self.hard, |k| *f(k), &mut self.reasons, &mut self.kept);
        start
    }

    /// One pass over the lines `seq` of the page's `lines`.
    fn run<S: Scorer + ?Sized>(
        &mut self,
        lines: &[LineFacts],
        seq: Seq<'_>,
        scorer: &S,
        rules: &Rules,
        headline: Option<&dyn Headline>,
    ) {
        // the pass's lines in one slice (the page's on the first pass, else
        // gathered), so that the phases index them directly instead of
        // mapping each index through `seq` at every read
        match seq {
            Seq::All(n) => self.run_on(&lines[..n], seq, scorer, rules, headline),
            Seq::Some(s) => {
                let mut facts = std::mem::take(&mut self.facts);
                facts.clear();
                facts.extend(s.iter().map(|&i| lines[i as usize]));
                self.run_on(&facts, seq, scorer, rules, headline);
                self.facts = facts;
            }
        }
    }

    /// [`Pass::run`] given the pass's lines (`lines[k]` is line `seq.get(k)`
    /// of the page).
    fn run_on<S: Scorer + ?Sized>(
        &mut self,
        lines: &[LineFacts],
        seq: Seq<'_>,
        scorer: &S,
        rules: &Rules,
        headline: Option<&dyn Headline>,
    ) {
        let f = |k: usize| &lines[k];
        let m = seq.len();
        debug_assert_eq!(lines.len(), m);
        scorer.score(seq, &mut self.scores);
        debug_assert_eq!(self.scores.len(), m);
        shape_floor(&mut self.scores, |k| f(k).flags);
        self.hard.clear();
        self.hard.extend((0..m).map(|k| f(k).hard));
        terminators(&mut self.hard, &self.scores, |k| *f(k));
        values(&self.hard, &self.scores, |k| *f(k), &mut self.vals);
        self.title_only = None;
        self.unmark();
        segments(&self.vals, &mut self.segs);
        let mut prose = self.segs.is_empty();
        if prose {
            // Nothing scores like an article line (a tiny page, or one far
            // from any the model has seen): its prose lines are the article.
            prose_values(&self.hard, |k| *f(k), &mut self.vals);
            segments(&self.vals, &mut self.segs);
        }
        let start = loop {
            let Some(main) =
                (0..self.segs.len()).max_by(|&i, &j| self.segs[i].2.total_cmp(&self.segs[j].2))
            else {
                name_meta(|k| f(k).flags, &mut self.reasons);
                return;
            };
            let start = self.article_from(main, lines, rules);
            if prose || self.kept.contains(&true) || !has_prose(&self.hard, |k| *f(k)) {
                break start;
            }
            // The run the scores found was all navigation that the edge trim
            // removed (a tiny page: "Home News" over a headline and one
            // paragraph): its prose lines are the article, as when nothing
            // scores.
            self.unmark();
            prose_values(&self.hard, |k| *f(k), &mut self.vals);
            segments(&self.vals, &mut self.segs);
            prose = true;
        };
        let first = (start..m).find(|&k| self.kept[k]).unwrap_or(start);
        if rules.title && m > 0 {
            let rule = pick_title(first, &self.hard, |k| *f(k), rules.keep_title, &self.kept);
            let chosen = match headline {
                None => rule,
                Some(h) => {
                    let view = PassView {
                        hard: &self.hard,
                        scores: &self.scores,
                        kept: &self.kept,
                        rule_title: rule,
                    };
                    h.choose(seq, first, &view, rules.keep_title)
                }
            };
            if let Some(k) = chosen {
                if rules.keep_title && !self.kept[k] {
                    self.title_only = Some((k, self.reasons[k]));
                }
                self.kept[k] = rules.keep_title;
                self.reasons[k] = Reason::Title;
            }
        }
        name_meta(|k| f(k).flags, &mut self.reasons);
    }
}

/// Phase 1b: the [`CONTENT_SHAPE`] lines score at least [`SHAPE_FLOOR`],
/// whatever the model says of each line alone.
fn shape_floor(scores: &mut [f32], flags: impl Fn(usize) -> u8) {
    for (k, s) in scores.iter_mut().enumerate() {
        if flags(k) & CONTENT_SHAPE != 0 {
            *s = s.max(SHAPE_FLOOR);
        }
    }
}

/// Phase 2: a soft terminator followed closely by more article text
/// ("Related Links" boxes inside a story) does not end the article: it is
/// just chrome, and so are the list items right after it (the box's links),
/// up to the text that resumes.
fn terminators(hard: &mut [Hard], scores: &[f32], facts: impl Fn(usize) -> LineFacts) {
    let n = hard.len();
    for k in 0..n {
        if hard[k] == Hard::Terminator {
            let resumes = (k + 1..n.min(k + 1 + RESUME_WINDOW)).find(|&j| {
                hard[j] == Hard::None && scores[j] >= RESUME_SCORE && facts(j).words >= RESUME_WORDS
            });
            if let Some(j) = resumes {
                hard[k] = Hard::Phrase;
                // the box's list items, up to the text that resumes
                for (i, h) in hard.iter_mut().enumerate().take(j).skip(k + 1) {
                    if *h != Hard::None || !facts(i).has(LIST_ITEM) {
                        break;
                    }
                    *h = Hard::BoxItem;
                }
            }
        }
    }
}

fn is_terminator(h: Hard) -> bool {
    matches!(h, Hard::Terminator | Hard::Final)
}

/// Phase 3: the value of each line for the segment search. θ is 0.5 at most,
/// lower on pages where even the best lines score low (odd layouts, other
/// languages).
fn values(hard: &[Hard], scores: &[f32], facts: impl Fn(usize) -> LineFacts, vals: &mut Vec<f32>) {
    let n = hard.len();
    let max_score = (0..n)
        .filter(|&k| hard[k] == Hard::None)
        .map(|k| scores[k])
        .fold(0f32, f32::max);
    let theta = THETA.min((THETA_REL * max_score).max(0.1));
    let mut seen_term = false;
    vals.clear();
    let ln = Ln1p::get();
    for k in 0..n {
        let f = facts(k);
        let weight = line_weight(ln, f.words);
        // Long sentences ending in punctuation are prose whatever their
        // neighbourhood looks like.
        let sc = if f.words >= LONG_WORDS && f.has(TERMINAL) {
            scores[k].max(LONG_FLOOR)
        } else {
            scores[k]
        };
        let mut v = if hard[k] != Hard::None {
            -1.0
        } else {
            (sc - theta) * weight
        };
        if seen_term && v > 0.0 {
            v *= 0.3;
        }
        if is_terminator(hard[k]) {
            seen_term = true;
        }
        vals.push(v);
    }
}

/// How much a line of `words` words weighs in the segment search.
fn line_weight(ln: Ln1p, words: u32) -> f32 {
    1.0 + ln.at(words)
}

/// Phase 3b, when no line's value is positive: a line is worth its weight
/// when it reads as prose (at least [`PROSE_WORDS`] words ending in terminal
/// punctuation, no hard rule) and -1 otherwise, so a page with any sentence
/// on it still has an article ("Home / News / The minister said ...").
fn prose_values(hard: &[Hard], facts: impl Fn(usize) -> LineFacts, vals: &mut Vec<f32>) {
    vals.clear();
    let ln = Ln1p::get();
    vals.extend((0..hard.len()).map(|k| {
        let f = facts(k);
        if is_prose(hard[k], f) {
            line_weight(ln, f.words)
        } else {
            -1.0
        }
    }));
}

/// Whether a line reads as prose (see [`prose_values`]).
fn is_prose(hard: Hard, f: LineFacts) -> bool {
    hard == Hard::None && f.words >= PROSE_WORDS && f.has(TERMINAL)
}

/// Whether any line reads as prose by [`prose_values`]' test.
fn has_prose(hard: &[Hard], facts: impl Fn(usize) -> LineFacts) -> bool {
    (0..hard.len()).any(|k| is_prose(hard[k], facts(k)))
}

/// Phase 4: Kadane runs. Each reset of the running sum closes a candidate
/// segment (start, end of its best prefix, its sum). Every prefix of a
/// segment has a positive sum and every suffix a non-negative one.
fn segments(vals: &[f32], segs: &mut Vec<(u32, u32, f32)>) {
    segs.clear();
    let mut cur = 0f32;
    let mut run: Option<(u32, u32, f32)> = None;
    for (k, &v) in vals.iter().enumerate() {
        let k = k as u32;
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
}

/// Phase 4b: the best segment lies after two or more lines that always end
/// an article (comment stamps: it is a comment of a thread): the best
/// segment before the first such line is the article instead, when there is
/// one worth [`MIN_SEGMENT`] (a short story under a long comment thread).
/// One such line is not enough: a "Comments" link in the toolbar above a
/// story is one too. Returns the index in `segs` of the article's segment.
fn before_final(segs: &[(u32, u32, f32)], main: usize, hard: &[Hard]) -> usize {
    let start = segs[main].0 as usize;
    let Some(t) = (0..start).find(|&k| hard[k] == Hard::Final) else {
        return main;
    };
    if hard[t..start].iter().filter(|&&h| h == Hard::Final).count() < 2 {
        return main;
    }
    (0..segs.len())
        .filter(|&i| (segs[i].1 as usize) < t && segs[i].2 >= MIN_SEGMENT)
        .max_by(|&i, &j| segs[i].2.total_cmp(&segs[j].2))
        .unwrap_or(main)
}

/// Phase 5: the article's line ranges (inclusive): the best segment, cut at
/// the first terminator after its start, and the nearby segments that join it
/// across a short run of chrome (a photo caption, an ad, a "Related" box).
/// Returns the ranges, the article's first line and the terminator, if any.
fn extend(
    vals: &[f32],
    segs: &[(u32, u32, f32)],
    main: usize,
    hard: &[Hard],
    use_terminators: bool,
    pre: &mut Vec<f32>,
) -> (Vec<(usize, usize)>, usize, Option<usize>) {
    let n = vals.len();
    let (a, mut b) = (segs[main].0 as usize, segs[main].1 as usize);
    // The first terminator after the article's start ends it.
    let term_at = if use_terminators {
        (a + 1..n).find(|&k| is_terminator(hard[k]))
    } else {
        None
    };
    let limit = term_at.unwrap_or(n);
    let mut ranges = vec![(a, b.min(limit.saturating_sub(1)))];
    pre.clear();
    pre.reserve(n + 1);
    pre.push(0f32);
    for &v in vals {
        pre.push(pre[pre.len() - 1] + v);
    }
    let cost = |from: usize, to: usize| -(pre[to] - pre[from]);
    for &(c, d, sum) in &segs[main + 1..] {
        let (c, d) = (c as usize, d as usize);
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
        let (c, d) = (c as usize, d as usize);
        let gap = cost(d + 1, a2);
        if sum >= MIN_SEGMENT && gap <= MAX_GAP.max(sum * 0.5) {
            ranges.push((c, d));
            a2 = c;
        } else if gap > MAX_GAP {
            break;
        }
    }
    (ranges, a2, term_at)
}

/// Phase 6: lines inside the ranges are article text, except hard-rule lines
/// and short low-scoring ones (`"short-nav"`).
fn mark_article(
    ranges: &[(usize, usize)],
    hard: &[Hard],
    scores: &[f32],
    facts: impl Fn(usize) -> LineFacts,
    rules: &Rules,
    reasons: &mut [Reason],
    kept: &mut [bool],
) {
    for k in ranges.iter().flat_map(|&(a, b)| a..=b) {
        if hard[k] != Hard::None {
            continue;
        }
        if rules.short_nav && scores[k] < NAV_SCORE && facts(k).words <= NAV_WORDS {
            reasons[k] = Reason::ShortNav;
            continue;
        }
        kept[k] = true;
        reasons[k] = Reason::Article;
    }
}

/// Phase 6b: very short unpunctuated lines at the edges of the article are
/// navigation ("Home", "Share"), whatever their score (datelines stay).
fn trim_edges(
    start: usize,
    edge_nav: impl Fn(usize) -> bool,
    reasons: &mut [Reason],
    kept: &mut [bool],
) {
    let n = kept.len();
    let mut k = start;
    while k < n {
        if kept[k] {
            if !edge_nav(k) {
                break;
            }
            kept[k] = false;
            reasons[k] = Reason::ShortNav;
        }
        k += 1;
    }
    let mut k = n;
    while k > start {
        k -= 1;
        if kept[k] {
            if !edge_nav(k) {
                break;
            }
            kept[k] = false;
            reasons[k] = Reason::ShortNav;
        }
    }
}

/// Phase 6c: the list items right after a kept line that leads into them
/// ("Key features:", "The plan has three parts:") are the article's list,
/// whatever they score (bullets score low: most lists on a page are menus).
/// On the dev pages every such item is article text.
fn lead_in_lists(
    hard: &[Hard],
    facts: impl Fn(usize) -> LineFacts,
    reasons: &mut [Reason],
    kept: &mut [bool],
) {
    let m = kept.len();
    let mut k = 0;
    while k < m {
        if !(kept[k] && facts(k).has(LEADS_IN)) {
            k += 1;
            continue;
        }
        k += 1;
        while k < m && hard[k] == Hard::None && facts(k).has(LIST_ITEM) {
            kept[k] = true;
            reasons[k] = Reason::Article;
            k += 1;
        }
    }
}

/// Phase 7: the headline is the article's first line when it looks like a
/// title, else the nearest title-like line among the few before the article
/// (only the first line when the headline is not kept). Returns its index.
fn pick_title(
    first: usize,
    hard: &[Hard],
    facts: impl Fn(usize) -> LineFacts,
    keep: bool,
    kept: &[bool],
) -> Option<usize> {
    // a line of a template run or an embedded post is content, not a title
    let title_like = |f: LineFacts| f.has(TITLE_LIKE) && !f.has(CONTENT_SHAPE);
    let f = facts(first);
    if kept[first] && !f.has(TERMINAL) && title_like(f) {
        return Some(first);
    }
    if keep {
        let mut looked = 0;
        let mut k = first;
        while k > 0 && looked < TITLE_WINDOW {
            k -= 1;
            looked += 1;
            if hard[k] != Hard::None {
                continue;
            }
            if title_like(facts(k)) {
                return Some(k);
            }
        }
    }
    None
}

/// Removed bylines and datelines get their own reason instead of
/// `"low-score"` or `"short-nav"` (the decision itself does not change).
fn name_meta(flags: impl Fn(usize) -> u8, reasons: &mut [Reason]) {
    for (k, r) in reasons.iter_mut().enumerate() {
        if matches!(r, Reason::LowScore | Reason::ShortNav) {
            let fl = flags(k);
            if fl & BYLINE != 0 {
                *r = Reason::Byline;
            } else if fl & DATELINE != 0 {
                *r = Reason::Dateline;
            }
        }
    }
}

/// Decides the blank lines of a page from the sequence of lines, fed in page
/// order: a blank line is kept when it lies between two kept lines and
/// nothing was removed between them; where lines were removed between two
/// kept lines, only the first blank line of that gap is kept (one paragraph
/// break). State is O(1): callers learn which blank lines to keep when the
/// next kept line arrives.
pub(crate) struct BlankGaps<T> {
    any_kept: bool,
    removed_since: bool,
    /// First and last blank line of the current gap.
    gap: Option<(T, T)>,
    /// The first blank line of the gap that may follow a line ended by a lone
    /// CR (its own line end is not LF, which would join the CR into a CRLF).
    safe: Option<T>,
}

impl<T> Default for BlankGaps<T> {
    fn default() -> Self {
        BlankGaps {
            any_kept: false,
            removed_since: false,
            gap: None,
            safe: None,
        }
    }
}

/// Which blank lines of a gap to keep, when a kept line closes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum GapKeep<T> {
    /// None.
    Nothing,
    /// Only this one.
    One(T),
    /// All from the first to the last (they are contiguous).
    All(T, T),
}

impl<T: Copy> BlankGaps<T> {
    /// A blank line; `lf` when its line end is a lone LF.
    #[inline]
    pub(crate) fn blank(&mut self, line: T, lf: bool) {
        if self.any_kept {
            match &mut self.gap {
                Some((_, last)) => *last = line,
                None => self.gap = Some((line, line)),
            }
            if !lf && self.safe.is_none() {
                self.safe = Some(line);
            }
        }
    }

    /// A removed non-blank line.
    #[inline]
    pub(crate) fn removed(&mut self) {
        self.removed_since = true;
    }

    /// A kept line: returns the blank lines before it to keep. `after_cr`:
    /// the previous kept line ends with a lone CR, so a single blank line
    /// chosen from a gap must not start with LF (the CR and LF would read as
    /// one CRLF and the blank line would vanish from the output).
    #[inline]
    pub(crate) fn kept(&mut self, after_cr: bool) -> GapKeep<T> {
        let safe = self.safe.take();
        let out = match self.gap.take() {
            Some((first, last)) if self.any_kept => {
                if !self.removed_since {
                    GapKeep::All(first, last)
                } else if !after_cr {
                    GapKeep::One(first)
                } else {
                    safe.map_or(GapKeep::Nothing, GapKeep::One)
                }
            }
            _ => GapKeep::Nothing,
        };
        self.any_kept = true;
        self.removed_since = false;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores fixed per line, whatever the sequence.
    struct Fixed(Vec<f32>);

    impl Scorer for Fixed {
        fn score(&self, seq: Seq<'_>, out: &mut Vec<f32>) {
            out.clear();
            out.extend((0..seq.len()).map(|k| self.0[seq.get(k)]));
        }
    }

    fn line(words: u32, flags: u8, hard: Hard) -> LineFacts {
        LineFacts { words, flags, hard }
    }

    const RULES: Rules = Rules {
        terminators: true,
        short_nav: true,
        title: true,
        keep_title: true,
    };

    #[test]
    fn a_related_box_inside_the_story_goes_with_its_list() {
        // story, "Related Links", two list items, the story resumes, then a
        // list item of the story itself (not after the box's header)
        let lines = [
            line(6, TITLE_LIKE, Hard::None),
            line(30, TERMINAL, Hard::None),
            line(25, TERMINAL, Hard::None),
            line(2, 0, Hard::Terminator),
            line(4, LIST_ITEM, Hard::None),
            line(5, LIST_ITEM, Hard::None),
            line(28, TERMINAL, Hard::None),
            line(20, TERMINAL | LIST_ITEM, Hard::None),
            line(22, TERMINAL, Hard::None),
        ];
        let scores = vec![0.3, 0.9, 0.9, 0.1, 0.6, 0.6, 0.9, 0.8, 0.9];
        let d = decide(&lines, &Fixed(scores.clone()), &RULES, None);
        use Reason::*;
        let want = [
            Title,
            Article,
            Article,
            Phrase,
            TerminatorTail,
            TerminatorTail,
            Article,
            Article,
            Article,
        ];
        assert_eq!(d.reasons, want);
        // the list is the box's only when the story resumes after it
        let mut ends = scores;
        ends[6..].fill(0.2);
        let mut hard: Vec<Hard> = lines.iter().map(|l| l.hard).collect();
        terminators(&mut hard, &ends, |k| lines[k]);
        assert_eq!(hard[3..6], [Hard::Terminator, Hard::None, Hard::None]);
    }

    /// Scores of the first pass (the whole page), then of every later pass.
    struct ByPass(Vec<f32>, Vec<f32>);

    impl Scorer for ByPass {
        fn score(&self, seq: Seq<'_>, out: &mut Vec<f32>) {
            let s = if matches!(seq, Seq::All(_)) {
                &self.0
            } else {
                &self.1
            };
            out.clear();
            out.extend((0..seq.len()).map(|k| s[seq.get(k)]));
        }
    }

    /// Chooses page line `.0` as the headline on the first pass only.
    struct FirstPassOnly(usize);

    impl Headline for FirstPassOnly {
        fn choose(&self, seq: Seq<'_>, _: usize, _: &PassView<'_>, _: bool) -> Option<usize> {
            matches!(seq, Seq::All(_)).then_some(self.0)
        }
    }

    #[test]
    fn a_line_kept_only_as_headline_never_turns_into_article_text() {
        // four nav lines over a two-line story; the chooser takes the third
        // nav line on the first pass, and on the next pass (fewer lines
        // around it) the line model scores it like story text
        let nav = line(2, TITLE_LIKE, Hard::None);
        let lines = [
            nav,
            nav,
            nav,
            nav,
            line(30, TERMINAL, Hard::None),
            line(25, TERMINAL, Hard::None),
        ];
        let first = vec![0.1, 0.1, 0.1, 0.1, 0.9, 0.9];
        let later = vec![0.1, 0.1, 0.9, 0.1, 0.9, 0.9];
        let scorer = ByPass(first, later.clone());
        let d = decide(&lines, &scorer, &RULES, Some(&FirstPassOnly(2)));
        use Reason::*;
        assert_eq!(
            d.reasons,
            [LowScore, LowScore, LowScore, LowScore, Article, Article]
        );
        assert_eq!(d.kept, [false, false, false, false, true, true]);
        // what the rule prevents: the second pass's lines and scores alone
        // make that nav line story text
        let second = [lines[2], lines[4], lines[5]];
        let no_title = Rules {
            title: false,
            ..RULES
        };
        let d2 = decide(&second, &Fixed(vec![later[2], 0.9, 0.9]), &no_title, None);
        assert_eq!(d2.reasons, [Article, Article, Article]);
    }

    #[test]
    fn best_run_with_title_and_terminator() {
        let lines = [
            line(1, EDGE_NAV, Hard::None),
            line(6, TITLE_LIKE, Hard::None),
            line(30, TERMINAL, Hard::None),
            line(25, TERMINAL, Hard::None),
            line(2, 0, Hard::Terminator),
            line(12, TERMINAL, Hard::None),
        ];
        let d = decide(
            &lines,
            &Fixed(vec![0.1, 0.3, 0.9, 0.9, 0.1, 0.6]),
            &RULES,
            None,
        );
        assert_eq!(
            d.reasons,
            [
                Reason::LowScore,
                Reason::Title,
                Reason::Article,
                Reason::Article,
                Reason::TerminatorTail,
                Reason::TerminatorTail
            ]
        );
        assert_eq!(d.kept, [false, true, true, true, false, false]);
        let no_title = Rules {
            keep_title: false,
            ..RULES
        };
        let d = decide(
            &lines,
            &Fixed(vec![0.1, 0.3, 0.9, 0.9, 0.1, 0.6]),
            &no_title,
            None,
        );
        assert_eq!(d.kept, [false, false, true, true, false, false]);
    }

    #[test]
    fn a_short_story_under_a_comment_thread_is_the_article() {
        // a story, two comment stamps with long comments after them
        let lines = [
            line(6, TITLE_LIKE, Hard::None),
            line(30, TERMINAL, Hard::None),
            line(8, 0, Hard::Final),
            line(25, TERMINAL, Hard::None),
            line(8, 0, Hard::Final),
            line(30, TERMINAL, Hard::None),
            line(30, TERMINAL, Hard::None),
            line(30, TERMINAL, Hard::None),
        ];
        let scores = vec![0.3, 0.9, 0.1, 0.9, 0.1, 0.9, 0.9, 0.9];
        let d = decide(&lines, &Fixed(scores.clone()), &RULES, None);
        assert_eq!(
            d.kept,
            [true, true, false, false, false, false, false, false]
        );
        // one such line ("Comments" in a toolbar) does not move the article
        // off the text after it; two do
        let mut lines = vec![line(30, TERMINAL, Hard::None), line(1, 0, Hard::Final)];
        lines.extend([line(2, 0, Hard::Phrase); 2]);
        lines.extend([line(30, TERMINAL, Hard::None); 5]);
        let d = decide(&lines, &Fixed(vec![0.9; 9]), &RULES, None);
        assert_eq!(d.kept[4..], [true; 5]);
        lines[2].hard = Hard::Final;
        let d = decide(&lines, &Fixed(vec![0.9; 9]), &RULES, None);
        assert_eq!(
            d.kept,
            [true, false, false, false, false, false, false, false, false]
        );
    }

    #[test]
    fn soft_terminator_followed_by_text_is_only_a_phrase() {
        let lines = [
            line(30, TERMINAL, Hard::None),
            line(2, 0, Hard::Terminator),
            line(30, TERMINAL, Hard::None),
        ];
        let d = decide(&lines, &Fixed(vec![0.9, 0.1, 0.9]), &RULES, None);
        assert_eq!(
            d.reasons,
            [Reason::Article, Reason::Phrase, Reason::Article]
        );
    }

    #[test]
    fn empty_and_all_hard() {
        let d = decide(&[], &Fixed(vec![]), &RULES, None);
        assert!(d.reasons.is_empty());
        let lines = [line(2, 0, Hard::Counter), line(2, 0, Hard::Phrase)];
        let d = decide(&lines, &Fixed(vec![0.9, 0.9]), &RULES, None);
        assert_eq!(d.reasons, [Reason::Counter, Reason::Phrase]);
        assert_eq!(d.kept, [false, false]);
    }

    #[test]
    fn a_page_with_no_article_like_line_keeps_its_prose() {
        // "Home" (a phrase), "News", a 16-word sentence: all score under θ's floor
        let lines = [
            line(1, 0, Hard::Phrase),
            line(1, EDGE_NAV, Hard::None),
            line(16, TERMINAL, Hard::None),
        ];
        let d = decide(&lines, &Fixed(vec![0.04, 0.09, 0.09]), &RULES, None);
        assert_eq!(d.kept, [false, false, true]);
        assert_eq!(d.reasons[2], Reason::Article);
        // no prose at all: nothing is kept
        let lines = [line(1, EDGE_NAV, Hard::None), line(12, 0, Hard::None)];
        let d = decide(&lines, &Fixed(vec![0.05, 0.05]), &RULES, None);
        assert_eq!(d.kept, [false, false]);
    }

    #[test]
    fn blank_gaps() {
        let mut g: BlankGaps<usize> = BlankGaps::default();
        g.blank(0, true);
        assert_eq!(g.kept(false), GapKeep::Nothing);
        g.blank(2, true);
        g.blank(3, true);
        assert_eq!(g.kept(true), GapKeep::All(2, 3));
        g.blank(5, true);
        g.removed();
        g.blank(7, true);
        assert_eq!(g.kept(false), GapKeep::One(5));
        assert_eq!(g.kept(false), GapKeep::Nothing);
        // after a lone CR: the first blank line that does not end in LF, or none
        g.blank(9, true);
        g.removed();
        g.blank(11, false);
        assert_eq!(g.kept(true), GapKeep::One(11));
        g.blank(13, true);
        g.removed();
        assert_eq!(g.kept(true), GapKeep::Nothing);
    }
}
