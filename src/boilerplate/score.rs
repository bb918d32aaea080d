//! The text cleaner's line model as a [`Scorer`]: a logistic model over
//! [`FEATURE_NAMES`](super::FEATURE_NAMES) compiled in as data (`model.rs`).
//!
//! Memory: each line keeps only what the model needs on a later pass
//! ([`ModelLine`], 16 bytes): the line's own features are folded into one
//! partial sum when the facts are computed, and the window features are
//! computed with running prefix sums over a ring of eight, so no feature
//! vector is ever stored.

use super::decide::{Ln1p, Scorer, Seq, TERMINAL};
use super::features::{TextFacts, N_FEATURES};
use super::lexicon::PhraseKind;
use super::model::{BIAS, WEIGHTS};

/// A logistic line model: intercept and one weight per feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineModel {
    /// Intercept.
    pub bias: f32,
    /// One weight per entry of [`FEATURE_NAMES`](super::FEATURE_NAMES).
    pub weights: [f32; N_FEATURES],
}

/// The shipped model (`model.rs`).
pub(crate) const SHIPPED: LineModel = LineModel {
    bias: BIAS,
    weights: WEIGHTS,
};

/// Half-width of the neighbourhood window (±3 lines).
const W: usize = 3;

/// Bullet line.
const BULLET: u8 = 8;
/// Contains a URL or e-mail address.
const URL: u8 = 16;
/// Starts with a lowercase letter.
const STARTS_LOWER: u8 = 32;

/// What the model needs of one line on every pass.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ModelLine {
    /// Bias plus the weighted own features `log_words` .. `terminator`.
    own: f32,
    /// `ln(1 + chars)`.
    log_chars: f32,
    stop_ratio: f32,
    words: u32,
    flags: u8,
}

impl ModelLine {
    /// The model's view of a line's facts (inlined into the analysis's
    /// loop: the call's own cost was a sixth of it).
    #[inline(always)]
    pub(crate) fn new(f: &TextFacts, model: &LineModel) -> ModelLine {
        let ln = Ln1p::get();
        let x = own_features(f, ln);
        let mut own = model.bias;
        for (w, v) in model.weights.iter().zip(x) {
            own += w * v;
        }
        let mut flags = 0;
        if f.terminal {
            flags |= TERMINAL;
        }
        if f.bullet {
            flags |= BULLET;
        }
        if f.url {
            flags |= URL;
        }
        if f.starts_lower {
            flags |= STARTS_LOWER;
        }
        ModelLine {
            own,
            log_chars: ln.at(f.chars),
            stop_ratio: f.stop_ratio,
            words: f.words,
            flags,
        }
    }

    #[inline]
    fn flag(&self, f: u8) -> f32 {
        (self.flags & f != 0) as u8 as f32
    }
}

/// Features 0..=10 (the line's own, before the window features).
fn own_features(f: &TextFacts, ln: Ln1p) -> [f32; 11] {
    [
        ln.at(f.words),
        (f.words.min(60) as f32) / 60.0,
        f.terminal as u8 as f32,
        f.stop_ratio,
        f.title_ratio,
        f.bullet as u8 as f32,
        (f.separators.min(3) as f32) / 3.0,
        f.digit_ratio,
        f.counter as u8 as f32,
        (f.phrase == Some(PhraseKind::Phrase)) as u8 as f32,
        matches!(
            f.phrase,
            Some(PhraseKind::Terminator | PhraseKind::HardTerminator)
        ) as u8 as f32,
    ]
}

/// The line model over a page's lines.
pub(crate) struct TextScorer<'a> {
    pub lines: &'a [ModelLine],
    pub model: &'a LineModel,
}

/// Running window sums: `log_words`, `terminal`, `stop_ratio`, `bullet`.
type Sums = [f32; 4];

impl TextScorer<'_> {
    /// Calls `emit(k, x)` with the full feature vector of each entry of `seq`
    /// (for training and debugging; [`Scorer::score`] is the same
    /// arithmetic without the vector).
    pub(crate) fn vectors(
        &self,
        facts: &[TextFacts],
        seq: Seq<'_>,
        mut emit: impl FnMut(usize, [f32; N_FEATURES]),
    ) {
        self.walk(seq, |k, l, win, pos| {
            let f = &facts[seq.get(k)];
            let o = own_features(f, Ln1p::get());
            let mut x = [0f32; N_FEATURES];
            x[..11].copy_from_slice(&o);
            x[11..15].copy_from_slice(&win);
            x[15] = pos;
            x[16] = l.flag(URL);
            x[17] = l.flag(STARTS_LOWER);
            x[18] = l.log_chars;
            emit(k, x);
        });
    }

    /// Calls `f(k, line, window means, position)` for each entry of `seq`
    /// (compiled once for all the lines and once for a subset, so that the
    /// walk over all of them, the first pass, reads them directly).
    #[inline]
    fn walk(&self, seq: Seq<'_>, f: impl FnMut(usize, &ModelLine, Sums, f32)) {
        match seq {
            Seq::All(n) => self.walk_by(n, |j| &self.lines[j], f),
            Seq::Some(s) => self.walk_by(s.len(), |j| &self.lines[s[j] as usize], f),
        }
    }

    /// [`TextScorer::walk`] over `n` lines, the `j`-th of them `line(j)`.
    #[inline(always)]
    fn walk_by<'l>(
        &self,
        n: usize,
        line: impl Fn(usize) -> &'l ModelLine,
        mut f: impl FnMut(usize, &ModelLine, Sums, f32),
    ) {
        let ln = Ln1p::get();
        let entry = |j: usize| -> Sums {
            let l = line(j);
            [
                ln.at(l.words),
                l.flag(TERMINAL),
                l.stop_ratio,
                l.flag(BULLET),
            ]
        };
        // ring[j & 7] = prefix sums over entries 0..j (exactly the sums a
        // full prefix array would hold: same additions, same order)
        let mut ring = [[0f32; 4]; 8];
        let mut filled = 0; // prefix sums known for 0..=filled
        let last = n.saturating_sub(1).max(1) as f32;
        for i in 0..n {
            let lo = i.saturating_sub(W);
            let hi = (i + W + 1).min(n);
            while filled < hi {
                let e = entry(filled);
                let p = ring[filled & 7];
                ring[(filled + 1) & 7] = [p[0] + e[0], p[1] + e[1], p[2] + e[2], p[3] + e[3]];
                filled += 1;
            }
            let (ph, pl) = (ring[hi & 7], ring[lo & 7]);
            let k = (hi - lo) as f32;
            let win = [
                (ph[0] - pl[0]) / k,
                (ph[1] - pl[1]) / k,
                (ph[2] - pl[2]) / k,
                (ph[3] - pl[3]) / k,
            ];
            let pos = if n > 1 { i as f32 / last } else { 0.0 };
            f(i, line(i), win, pos);
        }
    }
}

impl Scorer for TextScorer<'_> {
    fn score(&self, seq: Seq<'_>, out: &mut Vec<f32>) {
        out.clear();
        out.reserve(seq.len());
        self.walk(seq, |_, l, win, pos| {
            let w = &self.model.weights;
            let mut z = l.own;
            z += w[11] * win[0];
            z += w[12] * win[1];
            z += w[13] * win[2];
            z += w[14] * win[3];
            z += w[15] * pos;
            z += w[16] * l.flag(URL);
            z += w[17] * l.flag(STARTS_LOWER);
            z += w[18] * l.log_chars;
            out.push(1.0 / (1.0 + (-z).exp()));
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::features::line_facts;
    use crate::boilerplate::lexicon::{stopwords, Phrases};

    fn logistic(x: &[f32; N_FEATURES]) -> f32 {
        let mut z = BIAS;
        for (w, v) in WEIGHTS.iter().zip(x) {
            z += w * v;
        }
        1.0 / (1.0 + (-z).exp())
    }

    #[test]
    fn ln_1p_table_is_the_expression_bit_for_bit() {
        for n in (0..2048).chain([u32::MAX, 1 << 20, 123_456]) {
            assert_eq!(
                Ln1p::get().at(n).to_bits(),
                (1.0 + n as f32).ln().to_bits(),
                "{n}"
            );
        }
    }

    /// The fast scores are bit for bit the model applied to the full vectors.
    #[test]
    fn scores_equal_the_model_on_the_vectors() {
        let p = Phrases::new(true, true, &[], &[]).unwrap();
        let text = "Home | News\nSign in\nStorm closes ports\nA powerful storm closed three ports along the coast on Tuesday, officials said.\n3 comments\n• item one\nThe harbour master said ships would not leave before Thursday.\nhttp://example.com\nRelated Stories";
        let facts: Vec<TextFacts> = text
            .lines()
            .map(|l| line_facts(l.trim(), stopwords(), &p))
            .collect();
        let model: Vec<ModelLine> = facts.iter().map(|f| ModelLine::new(f, &SHIPPED)).collect();
        let s = TextScorer {
            lines: &model,
            model: &SHIPPED,
        };
        for seq in [
            (0..facts.len() as u32).collect::<Vec<_>>(),
            vec![1, 3, 6],
            vec![4],
            vec![],
        ] {
            let mut fast = Vec::new();
            s.score(Seq::Some(&seq), &mut fast);
            let mut slow = Vec::new();
            s.vectors(&facts, Seq::Some(&seq), |_, x| slow.push(logistic(&x)));
            assert_eq!(fast.len(), seq.len());
            assert_eq!(
                fast.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                slow.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
        }
    }
}
