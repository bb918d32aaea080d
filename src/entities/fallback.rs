//! The linear-time search, used when a text makes the fast scan walk too far.
//!
//! The fast scan walks the trie from each candidate start, so a crafted text
//! and gazetteer (a long name that almost matches everywhere) make it cost
//! the text times the longest name. This search costs the text times a
//! constant, whatever the names, at about a tenth of the fast scan's speed on ordinary text.
//!
//! # How
//!
//! * **Boundaries in the stream.** The text is read as a byte stream with a
//!   marker pair `][` written at every position where a match may start or
//!   end (every word boundary with whole words), and each name is written the
//!   same way, between `[` and `]`, with `][` at its own inner boundaries.
//!   Then a name matches as a whole word exactly where its stream form occurs
//!   in the text's stream: the boundary rule becomes plain string matching.
//!   Without whole words, a match may start and end at any kept character, and
//!   no marker is needed (except in the raw stream, below).
//! * **Reverse Aho-Corasick.** An Aho-Corasick automaton of the *reversed*
//!   stream forms reads the text's stream backwards. At each boundary, the
//!   longest name whose stream form ends there (is a suffix of what was read)
//!   is, read forwards, the longest name that starts at that boundary; each
//!   state knows the nearest such name on its suffix chain, so this costs
//!   O(1). A forward pass then selects leftmost-longest matches from these
//!   per-start answers ([`Overlaps::All`] walks the suffix chains instead).
//! * **Two streams.** Names that follow the matcher's folding are matched in
//!   the folded stream; exact-case names in the raw stream (the text's own
//!   bytes), which carries the same markers (and, without whole words, a
//!   marker before every kept character, so that a match ends where the fast
//!   scan would end it). At the same start and end an exact-case name wins,
//!   as in the fast scan.
//!
//! Cost: the automata are built on first use and kept with the matcher,
//! about 20 bytes per node (25k names: 0.03 s, 4.5 MB; 1M names: 6 s,
//! 290 MB), and a search needs 20 bytes per boundary of its text. On
//! ordinary text it finds exactly what the scan finds (checked on every
//! document of the Reuters dev corpus by `entity_scan --fallback`).

use super::fold::{fold_at, fold_str, is_extend, is_word, Context, Fold};
use super::names::NamePair;
use super::{Match, Overlaps};

/// What the fallback reads of its matcher. `EntityMatcher` implements it in
/// `matcher.rs`, so this module depends only on the leaves (`fold`, the
/// shared types) and `matcher.rs` on it, not both ways.
pub(crate) trait Names {
    /// The fold mode.
    fn fold(&self) -> Fold;
    /// Whether matches must be whole words.
    fn whole_words(&self) -> bool;
    /// The overlap policy.
    fn overlaps(&self) -> Overlaps;
    /// `(name, first entity)` of the fold-policy name of each slot (`NONE`
    /// when a slot has only exact-case names), and the exact-case names.
    fn slots(&self) -> (&[NamePair], &[NamePair]);
    /// The name with index `i`.
    fn name(&self, i: u32) -> &str;
    /// The first entity of name `name`.
    fn first_entity_of(&self, name: u32) -> u32;
}

/// Markers: `[` (a boundary, seen from its right), `]` (seen from its left),
/// and `|` (a kept character in the raw stream without whole words). None of
/// these bytes occurs in UTF-8.
const OPEN: u8 = 0xFE;
const CLOSE: u8 = 0xFF;
const BAR: u8 = 0xFD;
const NONE: u32 = u32::MAX;

/// One character as the search sees it.
#[derive(Clone, Copy, Debug)]
struct Ch {
    /// The folded character (`None`: dropped by the fold).
    folded: Option<char>,
    /// The folded character is a word character.
    word: bool,
    /// It does not start a grapheme cluster (a mark or joiner, or dropped).
    attached: bool,
}

fn classify(fold: Fold, text: &str, pos: usize, c: char, ctx: &mut Context) -> Ch {
    let f = if c.is_ascii() {
        Some(fold.ascii_table()[c as usize] as char)
    } else {
        fold_at(fold, text, pos, c, ctx)
    };
    match f {
        None => Ch {
            folded: None,
            word: false,
            attached: true,
        },
        Some(f) => {
            let word = is_word(f);
            Ch {
                folded: Some(f),
                word,
                attached: !word && is_extend(f),
            }
        }
    }
}

/// The stream form of a name, and the number of boundaries (cuts) from its
/// start to its end. `raw`: the name's own bytes (exact-case names, read
/// with `fold` only to find boundaries); else the characters of the folded
/// key `name` (read with [`Fold::None`]).
fn key_stream(fold: Fold, whole: bool, raw: bool, name: &str) -> (Vec<u8>, u32) {
    let mut out = Vec::with_capacity(name.len() + 4);
    let mut ctx = Context::default();
    let mut cuts = 0u32;
    let mut cluster_w = false;
    let mut started = false;
    let mut buf = [0u8; 4];
    if whole {
        out.push(OPEN);
    }
    for (pos, c) in name.char_indices() {
        let ch = classify(fold, name, pos, c, &mut ctx);
        if whole {
            if !ch.attached {
                if started && !(cluster_w && ch.word) {
                    out.extend_from_slice(&[CLOSE, OPEN]);
                    cuts += 1;
                }
                cluster_w = ch.word;
                started = true;
            }
        } else if ch.folded.is_some() {
            cuts += 1;
            if raw {
                out.push(BAR);
            }
        }
        if raw {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        } else if let Some(f) = ch.folded {
            out.extend_from_slice(f.encode_utf8(&mut buf).as_bytes());
        }
    }
    if whole {
        out.push(CLOSE);
        cuts += 1;
    } else if raw {
        out.push(BAR);
    }
    (out, cuts)
}

/// A found name: how many cuts it spans, the name and its first entity.
/// `check`: for an exact-case name holding "Σ" (whose case fold depends on
/// the text around it), the index of its check in [`Fallback::sigmas`].
#[derive(Clone, Copy, Debug)]
struct Value {
    cuts: u32,
    name: u32,
    entity: u32,
    check: u32,
}

/// An Aho-Corasick automaton over bytes, nodes in breadth-first order with
/// contiguous children.
#[derive(Clone, Debug, Default)]
struct Automaton {
    label: Vec<u8>,
    first: Vec<u32>,
    count: Vec<u16>,
    fail: Vec<u32>,
    /// The nearest node with a value on the suffix chain (itself included).
    out: Vec<u32>,
    value: Vec<u32>,
    values: Vec<Value>,
    root: Vec<u32>,
}

impl Automaton {
    fn build(mut keys: Vec<(Vec<u8>, Value)>) -> Automaton {
        keys.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        keys.dedup_by(|a, b| a.0 == b.0);
        let mut a = Automaton {
            label: vec![0],
            first: vec![0],
            count: vec![0],
            value: vec![NONE],
            ..Automaton::default()
        };
        let mut level: Vec<(u32, usize, usize)> = vec![(0, 0, keys.len())];
        let mut next: Vec<(u32, usize, usize)> = Vec::new();
        let mut depth = 0usize;
        while !level.is_empty() {
            next.clear();
            for &(id, lo, hi) in &level {
                let first = a.label.len();
                let mut i = lo;
                while i < hi && keys[i].0.len() == depth {
                    i += 1;
                }
                while i < hi {
                    let b = keys[i].0[depth];
                    let mut j = i + 1;
                    while j < hi && keys[j].0[depth] == b {
                        j += 1;
                    }
                    let child = a.label.len() as u32;
                    a.label.push(b);
                    a.first.push(0);
                    a.count.push(0);
                    let ends_here = keys[i].0.len() == depth + 1;
                    a.value.push(if ends_here {
                        a.values.push(keys[i].1);
                        a.values.len() as u32 - 1
                    } else {
                        NONE
                    });
                    if j - i > 1 || !ends_here {
                        next.push((child, i, j));
                    }
                    i = j;
                }
                a.first[id as usize] = first as u32;
                a.count[id as usize] = (a.label.len() - first) as u16;
            }
            std::mem::swap(&mut level, &mut next);
            depth += 1;
        }
        drop(keys);
        let n = a.label.len();
        a.root = vec![0; 256];
        for c in a.first[0] as usize..a.first[0] as usize + a.count[0] as usize {
            a.root[a.label[c] as usize] = c as u32;
        }
        a.fail = vec![0; n];
        a.out = vec![NONE; n];
        for u in 0..n {
            if u != 0 {
                a.out[u] = if a.value[u] != NONE {
                    u as u32
                } else {
                    a.out[a.fail[u] as usize]
                };
            }
            let lo = a.first[u] as usize;
            for c in lo..lo + a.count[u] as usize {
                a.fail[c] = if u == 0 {
                    0
                } else {
                    a.next(a.fail[u], a.label[c])
                };
            }
        }
        a
    }

    /// The child of `node` along `b`, if any.
    #[inline]
    fn child(&self, node: u32, b: u8) -> Option<u32> {
        if node == 0 {
            let c = self.root[b as usize];
            return (c != 0).then_some(c);
        }
        let lo = self.first[node as usize] as usize;
        let kids = &self.label[lo..lo + self.count[node as usize] as usize];
        let i = if kids.len() <= 8 {
            kids.iter().position(|&l| l == b)
        } else {
            kids.binary_search(&b).ok()
        };
        i.map(|i| (lo + i) as u32)
    }

    /// The state after reading `b` in `node`.
    #[inline]
    fn next(&self, mut node: u32, b: u8) -> u32 {
        loop {
            if let Some(c) = self.child(node, b) {
                return c;
            }
            if node == 0 {
                return 0;
            }
            node = self.fail[node as usize];
        }
    }

    #[inline]
    fn feed(&self, node: &mut u32, bytes: &[u8]) {
        for &b in bytes.iter().rev() {
            *node = self.next(*node, b);
        }
    }

    /// The longest name ending at `node`'s position, if any.
    #[inline]
    fn longest(&self, node: u32) -> Option<Value> {
        let t = self.out[node as usize];
        (t != NONE).then(|| self.values[self.value[t as usize] as usize])
    }

    /// The names ending at `node`'s position, longest first, while `more`.
    fn each(&self, node: u32, mut more: impl FnMut(Value) -> bool) {
        let mut t = self.out[node as usize];
        while t != NONE && more(self.values[self.value[t as usize] as usize]) {
            t = self.out[self.fail[t as usize] as usize];
        }
    }

    /// Every name ending at `node`'s position, longest first.
    #[allow(dead_code)]
    fn all(&self, node: u32, out: &mut Vec<Value>) {
        let mut t = self.out[node as usize];
        while t != NONE {
            out.push(self.values[self.value[t as usize] as usize]);
            t = self.out[self.fail[t as usize] as usize];
        }
    }

    fn heap_bytes(&self) -> usize {
        self.label.capacity() * 15 + self.values.capacity() * 16 + self.root.capacity() * 4
    }
}

/// The fallback search of one matcher.
#[derive(Clone, Debug)]
pub(crate) struct Fallback {
    /// Names that follow the folding, over the folded stream.
    folded: Automaton,
    /// Exact-case names, over the raw stream (`None` when there are none).
    exact: Option<Automaton>,
    /// For exact-case names holding "Σ": the byte offsets of each "Σ" and its
    /// fold in the name. The fast scan matches such a name only where the
    /// text's "Σ" fold the same way (the fold of "Σ" depends on the letters
    /// around it), so the fallback checks that too.
    sigmas: Vec<Vec<(u32, Option<char>)>>,
}

impl Fallback {
    /// Builds the automata of `m`'s names.
    pub(crate) fn build(m: &impl Names) -> Fallback {
        let fold = m.fold();
        let whole = m.whole_words();
        let (slots, exact_names) = m.slots();
        let mut keys = Vec::with_capacity(slots.len());
        for &(name, entity) in slots {
            if name == NONE {
                continue;
            }
            let key = fold_str(fold, m.name(name));
            let (mut bytes, cuts) = key_stream(Fold::None, whole, false, &key);
            bytes.reverse();
            let check = NONE;
            keys.push((
                bytes,
                Value {
                    cuts,
                    name,
                    entity,
                    check,
                },
            ));
        }
        let folded = Automaton::build(keys);
        let mut sigmas = Vec::new();
        let exact = (!exact_names.is_empty()).then(|| {
            let keys = exact_names
                .iter()
                .map(|&(_, name)| {
                    let written = m.name(name);
                    let (mut bytes, cuts) = key_stream(fold, whole, true, written);
                    bytes.reverse();
                    let entity = m.first_entity_of(name);
                    let mut check = NONE;
                    if fold == Fold::Case && written.contains('\u{3A3}') {
                        let mut ctx = Context::default();
                        check = sigmas.len() as u32;
                        sigmas.push(
                            written
                                .match_indices('\u{3A3}')
                                .map(|(o, _)| {
                                    (o as u32, fold_at(fold, written, o, '\u{3A3}', &mut ctx))
                                })
                                .collect(),
                        );
                    }
                    let v = Value {
                        cuts,
                        name,
                        entity,
                        check,
                    };
                    (bytes, v)
                })
                .collect();
            Automaton::build(keys)
        });
        Fallback {
            folded,
            exact,
            sigmas,
        }
    }

    /// Whether exact-case name `v`, written at `start` in `text`, has its
    /// "Σ" folded there as in the name (always true without "Σ").
    fn sigmas_agree(&self, v: Value, text: &str, start: usize, ctx: &mut Context) -> bool {
        if v.check == NONE {
            return true;
        }
        self.sigmas[v.check as usize]
            .iter()
            .all(|&(o, f)| fold_at(Fold::Case, text, start + o as usize, '\u{3A3}', ctx) == f)
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.folded.heap_bytes() + self.exact.as_ref().map_or(0, Automaton::heap_bytes)
    }

    /// Finds the matches of `m` in `text` (as `m.find`, in linear time).
    pub(crate) fn find_into(&self, m: &impl Names, text: &str, out: &mut Vec<Match>) {
        let mut scan = Scan {
            fb: self,
            text,
            ctx: Context::default(),
            whole: m.whole_words(),
            all: m.overlaps() == Overlaps::All,
            n: text.len(),
            sf: 0,
            se: 0,
            cuts: Vec::new(),
            best: Vec::new(),
            found: Vec::new(),
            fa: Vec::new(),
            ea: Vec::new(),
        };
        let fold = m.fold();
        let exact = self.exact.as_ref();
        let mut ctx = Context::default();
        let mut buf = [0u8; 4];
        scan.at_cut(text.len());
        for (pos, c) in text.char_indices().rev() {
            let ch = classify(fold, text, pos, c, &mut ctx);
            if let Some(f) = ch.folded {
                self.folded
                    .feed(&mut scan.sf, f.encode_utf8(&mut buf).as_bytes());
            }
            if let Some(a) = exact {
                a.feed(&mut scan.se, c.encode_utf8(&mut buf).as_bytes());
            }
            let cut = if scan.whole {
                !ch.attached
                    && (pos == 0 || !(ch.word && cluster_before(fold, text, pos, &mut ctx)))
            } else {
                ch.folded.is_some()
            };
            if cut {
                scan.at_cut(pos);
            }
        }
        let cuts = &scan.cuts;
        if scan.all {
            // found: last start first, longest first; reversed, the order of `find`
            out.extend(scan.found.iter().rev().map(|&(start, end, v)| Match {
                start: cuts[start as usize],
                end: cuts[end as usize],
                name: v.name,
                entity: v.entity,
            }));
            return;
        }
        // cuts[0] is the end of the text; cuts[len - 1] the first cut
        let mut r = cuts.len() - 1;
        while r > 0 {
            let v = scan.best[r];
            if v.cuts == 0 {
                r -= 1;
                continue;
            }
            let end = r - v.cuts as usize;
            out.push(Match {
                start: cuts[r],
                end: cuts[end],
                name: v.name,
                entity: v.entity,
            });
            // the next match may start where this one ends
            r = end;
        }
    }
}

/// The state of one fallback search.
struct Scan<'a> {
    fb: &'a Fallback,
    text: &'a str,
    /// Folding context for the "Σ" checks.
    ctx: Context,
    whole: bool,
    all: bool,
    n: usize,
    /// States of the folded and the raw automaton.
    sf: u32,
    se: u32,
    /// Cut positions, last first.
    cuts: Vec<usize>,
    /// Leftmost-longest: the longest match starting at each cut.
    best: Vec<Value>,
    /// All: (start cut, end cut, name), last start first, longest first.
    found: Vec<(u32, u32, Value)>,
    fa: Vec<Value>,
    ea: Vec<Value>,
}

const NO_VALUE: Value = Value {
    cuts: 0,
    name: NONE,
    entity: NONE,
    check: NONE,
};

impl Scan<'_> {
    /// A cut at `p`: reads its markers, and records the matches starting there.
    fn at_cut(&mut self, p: usize) {
        let fb = self.fb;
        let exact = fb.exact.as_ref();
        if self.whole {
            self.sf = fb.folded.next(self.sf, OPEN);
            if let Some(a) = exact {
                self.se = a.next(self.se, OPEN);
            }
        } else if let Some(a) = exact {
            self.se = a.next(self.se, BAR);
        }
        let r = self.cuts.len() as u32;
        self.cuts.push(p);
        if self.all {
            if p < self.n {
                self.fa.clear();
                self.ea.clear();
                fb.folded.all(self.sf, &mut self.fa);
                if let Some(a) = exact {
                    let (text, ctx, ea) = (self.text, &mut self.ctx, &mut self.ea);
                    a.each(self.se, |v| {
                        if fb.sigmas_agree(v, text, p, ctx) {
                            ea.push(v);
                        }
                        true
                    });
                }
                // both longest first; at the same end the exact-case name wins
                let (mut i, mut j) = (0, 0);
                loop {
                    let v = match (self.fa.get(i), self.ea.get(j)) {
                        (None, None) => break,
                        (Some(f), Some(e)) if f.cuts > e.cuts => {
                            i += 1;
                            *f
                        }
                        (Some(f), Some(e)) if f.cuts == e.cuts => {
                            i += 1;
                            j += 1;
                            *e
                        }
                        (_, Some(e)) => {
                            j += 1;
                            *e
                        }
                        (Some(f), None) => {
                            i += 1;
                            *f
                        }
                    };
                    self.found.push((r, r - v.cuts, v));
                }
            }
        } else {
            let v = if p < self.n {
                let f = fb.folded.longest(self.sf);
                let mut e = None;
                if let Some(a) = exact {
                    let (text, ctx) = (self.text, &mut self.ctx);
                    a.each(self.se, |v| {
                        if fb.sigmas_agree(v, text, p, ctx) {
                            e = Some(v);
                            return false;
                        }
                        true
                    });
                }
                match (f, e) {
                    (Some(f), Some(e)) if f.cuts > e.cuts => f,
                    (f, e) => e.or(f).unwrap_or(NO_VALUE),
                }
            } else {
                NO_VALUE
            };
            self.best.push(v);
        }
        if self.whole {
            self.sf = fb.folded.next(self.sf, CLOSE);
            if let Some(a) = exact {
                self.se = a.next(self.se, CLOSE);
            }
        }
    }
}

/// Whether the grapheme cluster before `pos` is a word (its first character
/// is a word character).
fn cluster_before(fold: Fold, text: &str, pos: usize, ctx: &mut Context) -> bool {
    for (p, c) in text[..pos].char_indices().rev() {
        let ch = classify(fold, text, p, c, ctx);
        if !ch.attached {
            return ch.word;
        }
    }
    false
}
