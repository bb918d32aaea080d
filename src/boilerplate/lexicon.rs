//! Word and phrase lists shipped as data (`data/*.txt`), and fast lookups.

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, MatchKind};

use crate::error::{Error, ErrorKind, Result};

const STOPWORDS: &str = include_str!("data/stopwords.txt");
const PHRASES: &str = include_str!("data/phrases.txt");

pub(crate) use crate::hash::{fnv1a, FnvBuild};

/// An open-addressing set of word hashes: stopword lookups on every token
/// must be cheap. False positives need a 64-bit collision.
#[derive(Clone, Debug)]
pub(crate) struct WordSet {
    slots: Vec<u64>,
    mask: usize,
    /// A bit per (first byte, last byte, length) of the words, hashed into
    /// 4096 bits ([`WordSet::may_contain`]): most words that are not in the
    /// set are told apart before they are hashed.
    shapes: Box<[u64; 64]>,
    /// The longest word in bytes.
    max_len: usize,
    /// The words of at most [`PACKED_BYTES`] bytes, each packed into a
    /// `u64` ([`pack`]; 0 marks an empty slot): an exact set, looked up
    /// without hashing the word's bytes one at a time. A word lies within
    /// the [`PACKED_PROBE`] slots from its [`packed_slot`] on (the table
    /// is made larger until every word does), so that a lookup compares
    /// those slots, all of them, without a branch ([`WordSet::contains_packed`]).
    packed: Vec<u64>,
    /// `packed.len() - PACKED_PROBE - 1`, a power of two less one: the mask of
    /// the slot a probe starts at.
    packed_mask: usize,
}

/// How many slots from its first one a packed word may lie (see
/// [`WordSet::packed`]).
const PACKED_PROBE: usize = 4;

/// The longest word [`WordSet::contains_packed`] holds, in bytes.
pub(crate) const PACKED_BYTES: usize = 8;

/// A word of 1 to [`PACKED_BYTES`] bytes as a `u64`: its bytes in little-endian
/// order, zero-padded (not 0: a word's first byte is not a zero byte).
///
/// Copied by [`copy_short`], fixed-size copies each byte at its place (a
/// `memcpy` of the word's length was a call per line's last token).
#[inline]
pub(crate) fn pack(w: &[u8]) -> u64 {
    debug_assert!(!w.is_empty() && w.len() <= PACKED_BYTES);
    let mut b = [0u8; PACKED_BYTES];
    copy_short(&mut b, w);
    u64::from_le_bytes(b)
}

/// Copies `src` (at most 32 bytes, and at most `N`) to the start of `dst` by two
/// overlapping fixed-size copies (each byte written is `src`'s byte at that
/// place), not a `memcpy` call of a variable length. Used by [`pack`] and by
/// the features' reads of a short line's last bytes.
#[inline(always)]
pub(crate) fn copy_short<const N: usize>(dst: &mut [u8; N], src: &[u8]) {
    let n = src.len();
    debug_assert!(n <= 32 && n <= N);
    if n >= 16 {
        dst[..16].copy_from_slice(&src[..16]);
        dst[n - 16..n].copy_from_slice(&src[n - 16..]);
    } else if n >= 8 {
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..n].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..n].copy_from_slice(&src[n - 4..]);
    } else if n > 0 {
        dst[0] = src[0];
        dst[n / 2] = src[n / 2];
        dst[n - 1] = src[n - 1];
    }
}

/// The slot a packed word's probe starts at (Fibonacci hashing).
#[inline]
fn packed_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask
}

/// The bit of a word's (first byte, last byte, length) in `WordSet::shapes`.
#[inline]
fn shape_bit(first: u8, last: u8, len: usize) -> usize {
    (first as usize * 31 + last as usize * 7 + len * 131) & 4095
}

impl WordSet {
    fn new(words: impl Iterator<Item = String>) -> WordSet {
        let words: Vec<String> = words.collect();
        let cap = (words.len() * 4).next_power_of_two().max(16);
        let mut set = WordSet {
            slots: vec![0; cap],
            mask: cap - 1,
            shapes: Box::new([0; 64]),
            max_len: 0,
            packed: Vec::new(),
            packed_mask: 0,
        };
        let mut short: Vec<u64> = Vec::new();
        for w in words {
            let b = w.as_bytes();
            if let (Some(&first), Some(&last)) = (b.first(), b.last()) {
                let bit = shape_bit(first, last, b.len());
                set.shapes[bit / 64] |= 1 << (bit % 64);
            }
            set.max_len = set.max_len.max(b.len());
            let h = fnv1a(w.as_bytes()) | 1;
            let mut i = (h as usize) & set.mask;
            while set.slots[i] != 0 && set.slots[i] != h {
                i = (i + 1) & set.mask;
            }
            set.slots[i] = h;
            if !b.is_empty() && b.len() <= PACKED_BYTES && b[0] != 0 {
                short.push(pack(b));
            }
        }
        let mut pcap = cap;
        while !set.fill_packed(&short, pcap) {
            pcap *= 2;
        }
        set
    }

    /// Fills [`WordSet::packed`] with `keys` in a table of `cap` (a power of
    /// two) probe starts; `false` when a key finds no room within
    /// [`PACKED_PROBE`] slots of its start (then a larger table is needed).
    fn fill_packed(&mut self, keys: &[u64], cap: usize) -> bool {
        self.packed = vec![0; cap + PACKED_PROBE];
        self.packed_mask = cap - 1;
        'keys: for &key in keys {
            let i = packed_slot(key, self.packed_mask);
            for s in &mut self.packed[i..i + PACKED_PROBE] {
                if *s == 0 || *s == key {
                    *s = key;
                    continue 'keys;
                }
            }
            return false;
        }
        true
    }

    /// Whether the word [`pack`]ed into `key` (already lowercased, 1 to
    /// [`PACKED_BYTES`] bytes, so not 0) is in the set: the
    /// [`PACKED_PROBE`] slots from its first one compared at once, without
    /// a branch (whether a token is a stopword is as good as random to the
    /// branch predictor: the probe loop's exit was mispredicted on about
    /// one token in seven of the L3S pages).
    #[inline]
    pub(crate) fn contains_packed(&self, key: u64) -> bool {
        debug_assert_ne!(key, 0);
        let i = packed_slot(key, self.packed_mask);
        match self.packed.get(i..i + PACKED_PROBE) {
            Some(&[a, b, c, d]) => (a == key) | (b == key) | (c == key) | (d == key),
            _ => false,
        }
    }

    /// Is `lower` (already lowercased) in the set?
    #[inline]
    pub(crate) fn contains(&self, lower: &[u8]) -> bool {
        self.contains_hash(fnv1a(lower))
    }

    /// Whether a word (already lowercased) with these first and last bytes
    /// and this length in bytes may be in the set: `false` means it is not
    /// (a word of the set always passes), `true` that it has to be looked up.
    #[inline]
    pub(crate) fn may_contain(&self, first: u8, last: u8, len: usize) -> bool {
        let bit = shape_bit(first, last, len);
        len <= self.max_len && self.shapes[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// [`WordSet::contains`] given the word's [`fnv1a`] hash (for callers
    /// that keep the hash).
    #[inline]
    pub(crate) fn contains_hash(&self, h: u64) -> bool {
        let h = h | 1;
        let mut i = (h as usize) & self.mask;
        loop {
            let s = self.slots[i];
            if s == h {
                return true;
            }
            if s == 0 {
                return false;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Letters only, and common in news text: Latin-1's letters (but `×` and
/// `÷`, tested apart) and Latin Extended-A and -B (U+00C0 to U+024F), the
/// basic Cyrillic alphabet with its extensions (U+0400 to U+0481) and the
/// Hangul syllables (Korean: `features::is_cjk` leaves them to the word count of
/// spaced scripts). The standard library's lookup of a character outside
/// ASCII walks a run of its Unicode tables: hundreds of instructions per
/// character of the lines the character walk reads.
/// (ASCII and the rest of Latin-1 are left to the standard library's test,
/// quick on ASCII.)
#[inline]
fn common_letter(c: char) -> Option<bool> {
    match c as u32 {
        ..0xC0 => None,
        0xD7 | 0xF7 => Some(false),
        0xC0..=0x24F | 0x400..=0x481 | 0xAC00..=0xD7A3 => Some(true),
        _ => None,
    }
}

/// [`char::is_alphabetic`], without the table walk on [`common_letter`]s.
#[inline]
pub(crate) fn is_alphabetic(c: char) -> bool {
    common_letter(c).unwrap_or_else(|| c.is_alphabetic())
}

/// [`char::is_numeric`], without the table walk on [`common_letter`]s
/// (none is a number).
#[inline]
pub(crate) fn is_numeric(c: char) -> bool {
    common_letter(c).is_none() && c.is_numeric()
}

/// [`char::is_alphanumeric`] ([`is_alphabetic`] or [`is_numeric`]), with one
/// lookup of [`common_letter`]s.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    common_letter(c).unwrap_or_else(|| c.is_alphanumeric())
}

/// The union of the stopword lists of every language in `data/stopwords.txt`
/// (built once per process).
pub(crate) fn stopwords() -> &'static WordSet {
    static STOP: std::sync::OnceLock<WordSet> = std::sync::OnceLock::new();
    STOP.get_or_init(build_stopwords)
}

fn build_stopwords() -> WordSet {
    let words = STOPWORDS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t').map(|(_, ws)| ws))
        .flat_map(|ws| ws.split_whitespace())
        .map(|w| w.to_lowercase());
    WordSet::new(words)
}

/// What a phrase match means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PhraseKind {
    /// Chrome wherever it is.
    Phrase,
    /// Chrome that ends the article, unless article text resumes right
    /// after it (a "Related" box inside a story).
    Terminator,
    /// Chrome that always ends the article (comment sections, paywalls).
    HardTerminator,
}

/// Which ends of a phrase are letters or digits: bit 0 its first
/// character, bit 1 its last. A match counts only where such an end meets a
/// word's edge ([`whole_words`]); a phrase that starts or ends with
/// punctuation ("comments (", "tags:") is free at that end.
fn word_edges(phrase: &str) -> u8 {
    let first = phrase.chars().next().is_some_and(is_alphanumeric);
    let last = phrase.chars().next_back().is_some_and(is_alphanumeric);
    first as u8 | (last as u8) << 1
}

/// Whether `line[start..end]`, a match of a phrase with [`word_edges`]
/// `edges`, stands as whole words: "sign in" is not in "design ideas",
/// "werbung" not in "Bewerbung", "anzeige" not in "Energieverbrauchsanzeige".
///
/// A word's edge is a character that is not a letter or digit, the line's
/// start or end, a change between letters and digits ("Reuters2008All"), or a
/// lower- to upper-case change in `orig` ("ImpressumDatenschutz", "Next
/// articleUK": menus whose items lost the spaces between them). `line` is
/// `orig` lowercased (or `orig` itself); the case test is made only where
/// the two have the same length. An English plural's "s" may follow the
/// phrase ("Newsletters", "Add your comments").
pub(crate) fn whole_words(line: &str, orig: &str, start: usize, end: usize, edges: u8) -> bool {
    let orig = (orig.len() == line.len()).then_some(orig);
    (edges & 1 == 0 || word_edge(line, orig, start))
        && (edges & 2 == 0
            || word_edge(line, orig, end)
            || (line
                .as_bytes()
                .get(end)
                .is_some_and(|b| b.eq_ignore_ascii_case(&b's'))
                && word_edge(line, orig, end + 1)))
}

/// Whether byte offset `at` of `line` is a word's edge (see [`whole_words`]).
fn word_edge(line: &str, orig: Option<&str>, at: usize) -> bool {
    let (Some(before), Some(after)) = (line.get(..at), line.get(at..)) else {
        return true;
    };
    let (Some(b), Some(a)) = (before.chars().next_back(), after.chars().next()) else {
        return true;
    };
    if !is_alphanumeric(b) || !is_alphanumeric(a) || is_numeric(b) != is_numeric(a) {
        return true;
    }
    let case = |o: &str| -> Option<bool> {
        let b = o.get(..at)?.chars().next_back()?;
        let a = o.get(at..)?.chars().next()?;
        Some(b.is_lowercase() && a.is_uppercase())
    };
    orig.and_then(case).unwrap_or(false)
}

/// The shipped phrase lists, compiled once per process and shared by every
/// cleaner (building them takes milliseconds and ~100 KB).
#[derive(Debug)]
struct Shipped {
    /// Terminator phrases then chrome phrases, one DFA (ASCII
    /// case-insensitive, all overlapping matches), so a line is scanned once;
    /// copied into a [`Table`] of our own and walked state by state (on lines
    /// of a few dozen bytes the library's iterator's per-call setup costs more
    /// than the walk).
    all: Table,
    /// Patterns `0..n_terminators` of `all` are terminators.
    n_terminators: usize,
    /// Per terminator pattern: is it a hard terminator?
    hard: Vec<bool>,
    /// Per pattern of `all`: its [`word_edges`].
    edges: Vec<u8>,
    /// The patterns of `all`, in order (tests compare the walk with the
    /// library's own overlapping search).
    #[cfg(test)]
    patterns: Vec<String>,
    /// Whole-line phrases (see [`line_key`]), with their kind.
    /// (Keyed by bytes: the key built on the stack needs no UTF-8 check.)
    whole: std::collections::HashMap<Box<[u8]>, PhraseKind, FnvBuild>,
    /// The longest key in `whole`, in bytes: a line whose key grows past it
    /// is no whole-line phrase.
    max_whole: usize,
    /// A bit per (first byte, last byte, length) of the keys of `whole`
    /// ([`shape_bit`]): most short lines' keys are told apart before they
    /// are hashed and looked up.
    whole_shapes: Box<[u64; 64]>,
    /// A bit per (first byte, last byte) of the keys of `whole` that start
    /// and end with an ASCII letter, at `[first & 31] >> (last & 31)`: an
    /// ASCII line whose first and last letters have no bit has no key in
    /// `whole` (its key starts and ends with them), and its key is not
    /// built ([`Shipped::may_be_whole_ends`]).
    whole_ends: [u32; 32],
}

impl Shipped {
    /// Whether `key` may be a key of `whole`: `false` means it is not (every
    /// key of `whole` passes), `true` that it has to be looked up.
    #[inline]
    fn may_be_whole(&self, key: &[u8]) -> bool {
        match (key.first(), key.last()) {
            (Some(&first), Some(&last)) => {
                let bit = shape_bit(first, last, key.len());
                self.whole_shapes[bit / 64] & (1 << (bit % 64)) != 0
            }
            _ => true,
        }
    }

    /// Whether the ASCII `line`'s key ([`line_key`]) may be a key of
    /// `whole`, by its first and last letters: `false` means it is not.
    /// (A line without letters has the empty key: `true`.)
    #[inline]
    fn may_be_whole_ends(&self, line: &[u8]) -> bool {
        let first = line.iter().find(|b| b.is_ascii_alphabetic());
        let last = line.iter().rev().find(|b| b.is_ascii_alphabetic());
        match (first, last) {
            (Some(&f), Some(&l)) => self.whole_ends[(f & 31) as usize] >> (l & 31) & 1 != 0,
            _ => true,
        }
    }

    /// [`Shipped::may_be_whole_ends`] of a line that is not ASCII: its key
    /// ([`line_key`]) starts with its first letter lowercased and ends with
    /// its last one's (a letter by [`is_alphabetic`], as the key reads them);
    /// when both are ASCII letters and no key of `whole` starts and ends so,
    /// `false`: the line's key is not built (it took 830 instructions on
    /// the L3S pages' short non-ASCII lines, nearly none of them listed).
    /// Otherwise (a first or last letter from 0x80 up, or no letter) `true`.
    #[inline]
    fn may_be_whole_end_chars(&self, line: &str) -> bool {
        let first = line.chars().find(|&c| is_alphabetic(c));
        let last = line.chars().rev().find(|&c| is_alphabetic(c));
        match (first, last) {
            (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => {
                self.whole_ends[(f as u8 & 31) as usize] >> (l as u8 & 31) & 1 != 0
            }
            _ => true,
        }
    }

    /// Every match of the shipped automaton in `line` (overlapping, standard
    /// semantics: at each byte, all patterns that end there) that stands as
    /// whole words ([`whole_words`]; `orig` is the line before lowercasing):
    /// the leftmost terminator as (start, pattern), the first in the list
    /// among those starting there, and whether any chrome phrase occurs.
    ///
    /// Not inlined: inside `line_facts` the walk ran short of registers and
    /// reloaded the automaton and the line from the stack at each byte.
    #[inline(never)]
    fn scan(&self, line: &str, orig: &str) -> (Option<(usize, usize)>, bool) {
        let dfa = &self.all;
        let mut term: Option<(usize, usize)> = None;
        let mut phrase = false;
        let mut seen = |sid: u32, end: usize| {
            for &(p, len) in dfa.matches_of(sid) {
                let p = p as usize;
                let start = end - len as usize;
                if !whole_words(line, orig, start, end, self.edges[p]) {
                    continue;
                }
                if p < self.n_terminators {
                    if term.is_none_or(|t| (start, p) < t) {
                        term = Some((start, p));
                    }
                } else {
                    phrase = true;
                }
            }
        };
        let mut sid = dfa.start;
        if sid >= dfa.first_special {
            seen(sid, 0);
        }
        // eight bytes per round (the loop's own control was five of the
        // twelve instructions per byte; with four per round the walk took
        // 3.6% more on the dev pages); `end` is the match's end, and
        // `step` says whether to go on (not past the dead state)
        let mut step = |sid: &mut u32, b: u8, end: usize| -> bool {
            *sid = dfa.next(*sid, b);
            if *sid >= dfa.first_special {
                if *sid == dfa.dead {
                    return false;
                }
                seen(*sid, end);
            }
            true
        };
        let line = line.as_bytes();
        let quads = line.chunks_exact(8);
        let tail = quads.remainder();
        'walk: {
            for (k, q) in quads.enumerate() {
                let at = 8 * k;
                if !step(&mut sid, q[0], at + 1)
                    || !step(&mut sid, q[1], at + 2)
                    || !step(&mut sid, q[2], at + 3)
                    || !step(&mut sid, q[3], at + 4)
                    || !step(&mut sid, q[4], at + 5)
                    || !step(&mut sid, q[5], at + 6)
                    || !step(&mut sid, q[6], at + 7)
                    || !step(&mut sid, q[7], at + 8)
                {
                    break 'walk;
                }
            }
            let at = line.len() - tail.len();
            for (k, &b) in tail.iter().enumerate() {
                if !step(&mut sid, b, at + k + 1) {
                    break;
                }
            }
        }
        (term, phrase)
    }
}

/// The shipped phrase DFA as a transition table of our own: the library's
/// `next_state` looks a byte's class up, adds it to the state and loads the
/// transition after a bounds check, eight instructions a byte with the test
/// for a special state; here the bounds check is gone (every entry is a
/// state's premultiplied id, see [`Table::next`]) and the special states
/// (matches and the dead state) are one compare: six.
#[derive(Debug)]
struct Table {
    /// `stride` transitions per state, by byte class; each is the next
    /// state's premultiplied id (its number times `stride`).
    trans: Box<[u32]>,
    /// The class of each byte: bytes that every state sends to the same
    /// state share one. Every class is below `stride`.
    classes: [u8; 256],
    /// The number of byte classes (transitions per state).
    stride: usize,
    /// The premultiplied start state (unanchored).
    start: u32,
    /// States from this premultiplied id up are match states or the dead
    /// state; the others come first.
    first_special: u32,
    /// The dead state's premultiplied id (`u32::MAX` when no state leads
    /// there, as in an unanchored search with standard semantics).
    dead: u32,
    /// Per state (by number): its range in `matches`.
    match_at: Box<[(u32, u32)]>,
    /// The (pattern, pattern length in bytes) of each match state, in the
    /// library's order.
    matches: Box<[(u32, u32)]>,
}

impl Table {
    /// The library's automaton `dfa` of `patterns` (its noncontiguous NFA:
    /// the library's own DFA is built from that, and building it cost 28M
    /// instructions more when the cleaner is first built) as a table: every
    /// state reachable from the unanchored start, numbered in the order found
    /// (plain states first).
    ///
    /// The byte classes are read off the patterns: a byte that is in none of
    /// them (in either ASCII case) sends every state where any other such
    /// byte does (an Aho-Corasick automaton follows only the patterns' bytes;
    /// any other one goes back to the start), and the two ASCII cases of a
    /// letter go alike (the DFA is ASCII case-insensitive); so the table
    /// asks the library for one byte per class, not for all 256 (which took
    /// 38M instructions when the cleaner is first built).
    /// (Test: every_byte_of_every_state_is_the_dfa's checks all 256.)
    fn new(dfa: &impl Automaton, patterns: &[&str]) -> Result<Table> {
        let bad = |e: &str| Error::new(ErrorKind::InvalidRule, e.to_string());
        let start = dfa
            .start_state(Anchored::No)
            .map_err(|e| bad(&e.to_string()))?;
        // the classes: one per byte of the patterns (both ASCII cases in
        // one), then one for all the other bytes
        let mut class_of_byte = [usize::MAX; 256];
        let mut firsts: Vec<u8> = Vec::new();
        for b in patterns.iter().flat_map(|p| p.bytes()) {
            for x in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                if class_of_byte[x as usize] == usize::MAX {
                    let lower = x.to_ascii_lowercase() as usize;
                    if class_of_byte[lower] == usize::MAX {
                        class_of_byte[lower] = firsts.len();
                        firsts.push(lower as u8);
                    }
                    class_of_byte[x as usize] = class_of_byte[lower];
                }
            }
        }
        let mut classes = [0u8; 256];
        let mut other: Option<usize> = None;
        for (b, class) in classes.iter_mut().enumerate() {
            let c = match class_of_byte[b] {
                usize::MAX => *other.get_or_insert_with(|| {
                    firsts.push(b as u8);
                    firsts.len() - 1
                }),
                c => c,
            };
            *class = u8::try_from(c).map_err(|_| bad("too many byte classes"))?;
        }
        let stride = firsts.len();
        // every reachable state (`order`, its number by the library's id in
        // `number`), and each one's next state by class
        const UNSEEN: usize = usize::MAX;
        let mut order: Vec<StateID> = vec![start];
        let mut number: Vec<usize> = vec![UNSEEN; start.as_usize() + 1];
        number[start.as_usize()] = 0;
        let mut rows: Vec<StateID> = Vec::new();
        let mut k = 0;
        while k < order.len() {
            for &b in &firsts {
                let t = dfa.next_state(Anchored::No, order[k], b);
                if number.len() <= t.as_usize() {
                    number.resize(t.as_usize() + 1, UNSEEN);
                }
                if number[t.as_usize()] == UNSEEN {
                    number[t.as_usize()] = order.len();
                    order.push(t);
                }
                rows.push(t);
            }
            k += 1;
        }
        // plain states first, then the match and dead states
        let special = |s: StateID| dfa.is_match(s) || dfa.is_dead(s);
        let mut renumber = vec![0usize; order.len()];
        let mut n_plain = 0;
        for (i, &s) in order.iter().enumerate() {
            if !special(s) {
                renumber[i] = n_plain;
                n_plain += 1;
            }
        }
        let mut next_special = n_plain;
        for (i, &s) in order.iter().enumerate() {
            if special(s) {
                renumber[i] = next_special;
                next_special += 1;
            }
        }
        let n = order.len();
        let too_large = || bad("phrase table too large");
        u32::try_from(n * stride).map_err(|_| too_large())?;
        let premul = |i: usize| (renumber[i] * stride) as u32;
        let mut trans = vec![0u32; n * stride];
        let mut match_at = vec![(0u32, 0u32); n];
        let mut matches = Vec::new();
        let mut dead = u32::MAX;
        for (i, &s) in order.iter().enumerate() {
            let at = renumber[i] * stride;
            for (c, t) in rows[i * stride..(i + 1) * stride].iter().enumerate() {
                trans[at + c] = premul(number[t.as_usize()]);
            }
            if dfa.is_dead(s) {
                dead = premul(i);
            }
            if dfa.is_match(s) {
                let from = matches.len() as u32;
                for m in 0..dfa.match_len(s) {
                    let pid = dfa.match_pattern(s, m);
                    matches.push((pid.as_u32(), dfa.pattern_len(pid) as u32));
                }
                match_at[renumber[i]] = (from, matches.len() as u32);
            }
        }
        Ok(Table {
            trans: trans.into(),
            classes,
            stride,
            start: premul(0),
            first_special: (n_plain * stride) as u32,
            dead,
            match_at: match_at.into(),
            matches: matches.into(),
        })
    }

    /// The state after `sid` (a premultiplied id of this table) reads `b`.
    #[inline(always)]
    fn next(&self, sid: u32, b: u8) -> u32 {
        let at = sid as usize + self.classes[b as usize] as usize;
        debug_assert!(at < self.trans.len());
        // SAFETY: `sid` is a premultiplied id (the start state or an entry of
        // `trans`, which `Table::new` fills only with states' numbers times
        // `stride`, numbers below the `trans.len() / stride` states), so
        // `sid <= trans.len() - stride`; every class in `classes` is below
        // `stride` (the number of classes). (Test: table_walk_is_the_dfa_walk
        // checks every entry.)
        unsafe { *self.trans.get_unchecked(at) }
    }

    /// The (pattern, length) of the matches of state `sid`.
    #[inline]
    fn matches_of(&self, sid: u32) -> &[(u32, u32)] {
        let (from, to) = self.match_at[sid as usize / self.stride];
        &self.matches[from as usize..to as usize]
    }
}

fn shipped() -> &'static Shipped {
    static SHIPPED: std::sync::OnceLock<Shipped> = std::sync::OnceLock::new();
    SHIPPED.get_or_init(|| Shipped::new().expect("the shipped phrase list is valid"))
}

impl Shipped {
    fn new() -> Result<Shipped> {
        let mut phrases: Vec<String> = Vec::new();
        let mut terminators: Vec<String> = Vec::new();
        let mut hard: Vec<bool> = Vec::new();
        let mut whole: std::collections::HashMap<Box<[u8]>, PhraseKind, FnvBuild> =
            std::collections::HashMap::with_hasher(FnvBuild::default());
        for line in PHRASES.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (id, phrase) = line.split_once('\t').ok_or_else(|| {
                Error::new(ErrorKind::InvalidRule, format!("bad phrase line {line:?}"))
            })?;
            let list = match id {
                "phrase" => &mut phrases,
                "terminator" | "terminator-hard" => {
                    hard.push(id == "terminator-hard");
                    &mut terminators
                }
                "phrase-line" => {
                    whole.insert(line_key(phrase).into_bytes().into(), PhraseKind::Phrase);
                    continue;
                }
                "terminator-line" => {
                    whole.insert(line_key(phrase).into_bytes().into(), PhraseKind::Terminator);
                    continue;
                }
                "terminator-hard-line" => {
                    whole.insert(
                        line_key(phrase).into_bytes().into(),
                        PhraseKind::HardTerminator,
                    );
                    continue;
                }
                other => {
                    return Err(Error::new(
                        ErrorKind::InvalidRule,
                        format!("unknown rule id {other:?} in shipped phrase list"),
                    ))
                }
            };
            list.push(phrase.trim().to_lowercase());
        }
        let n_terminators = terminators.len();
        let patterns: Vec<&str> = terminators
            .iter()
            .chain(&phrases)
            .map(|p| p.as_str())
            .collect();
        let nfa = aho_corasick::nfa::noncontiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&patterns)
            .map_err(|e| Error::new(ErrorKind::InvalidRule, e.to_string()))?;
        let all = Table::new(&nfa, &patterns)?;
        let max_whole = whole.keys().map(|k| k.len()).max().unwrap_or(0);
        let mut whole_ends = [0u32; 32];
        for k in whole.keys() {
            if let (Some(&f), Some(&l)) = (k.first(), k.last()) {
                if f.is_ascii_alphabetic() && l.is_ascii_alphabetic() {
                    whole_ends[(f & 31) as usize] |= 1 << (l & 31);
                }
            }
        }
        let mut whole_shapes = Box::new([0u64; 64]);
        for k in whole.keys() {
            if let (Some(&first), Some(&last)) = (k.first(), k.last()) {
                let bit = shape_bit(first, last, k.len());
                whole_shapes[bit / 64] |= 1 << (bit % 64);
            }
        }
        Ok(Shipped {
            max_whole,
            whole_shapes,
            whole_ends,
            all,
            #[cfg(test)]
            patterns: terminators.iter().chain(&phrases).cloned().collect(),
            n_terminators,
            hard,
            edges: terminators
                .iter()
                .chain(&phrases)
                .map(|p| word_edges(p))
                .collect(),
            whole,
        })
    }
}

/// A user's extra phrases: a small automaton (a compact NFA: a few hundred
/// bytes per phrase, all overlapping matches) and each phrase's
/// [`word_edges`].
#[derive(Clone, Debug)]
struct Extra {
    ac: AhoCorasick,
    edges: Vec<u8>,
}

impl Extra {
    /// The start of the leftmost match in `line` that stands as whole words
    /// ([`whole_words`]).
    fn find(&self, line: &str, orig: &str) -> Option<usize> {
        self.ac
            .find_overlapping_iter(line)
            .filter(|m| whole_words(line, orig, m.start(), m.end(), self.edges[m.pattern()]))
            .map(|m| m.start())
            .min()
    }
}

fn extra_automaton(pats: &[String]) -> Result<Option<Extra>> {
    let mut list = Vec::with_capacity(pats.len());
    for p in pats {
        let p = p.trim().to_lowercase();
        if p.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidRule,
                "an extra phrase is empty (or only whitespace)",
            ));
        }
        list.push(p);
    }
    if list.is_empty() {
        return Ok(None);
    }
    let edges = list.iter().map(|p| word_edges(p)).collect();
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .build(&list)
        .map(|ac| Some(Extra { ac, edges }))
        .map_err(|e| Error::new(ErrorKind::InvalidRule, e.to_string()))
}

/// Phrase matcher over short lines: the shipped lists (shared) plus a
/// cleaner's extra phrases and terminators, ASCII case-insensitive (callers
/// lowercase non-ASCII lines first).
#[derive(Clone, Debug)]
pub(crate) struct Phrases {
    shipped: &'static Shipped,
    use_phrases: bool,
    use_terminators: bool,
    extra_phrases: Option<Extra>,
    extra_terminators: Option<Extra>,
}

/// The key a short line is looked up by in the whole-line lists: lowercase
/// letters and single spaces only ("Comments (12)" -> "comments").
pub(crate) fn line_key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    if line.is_ascii() {
        let mut space = false;
        for &b in line.as_bytes() {
            if b.is_ascii_alphabetic() {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                space = true;
            }
        }
        return out;
    }
    for w in line.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

/// What [`stack_key`] made of a line.
enum StackKey<'b> {
    /// The line's [`line_key`].
    Key(&'b [u8]),
    /// The key is longer than the bound: no whole-line phrase.
    Long,
    /// The key did not fit the buffer before it passed the bound.
    Spilled,
}

/// [`line_key`] of `line` written to `buf` (no allocation: a malloc and a
/// free per short non-ASCII line before), or [`StackKey::Long`] as soon as
/// the key grows past `max` bytes.
fn stack_key<'b>(line: &str, max: usize, buf: &'b mut [u8; 128]) -> StackKey<'b> {
    let mut n = 0;
    let mut space = false;
    for c in line.chars() {
        if !is_alphabetic(c) {
            space = true;
            continue;
        }
        if space && n > 0 {
            let Some(b) = buf.get_mut(n) else {
                return StackKey::Spilled;
            };
            *b = b' ';
            n += 1;
        }
        space = false;
        for l in c.to_lowercase() {
            let k = l.len_utf8();
            let Some(dst) = buf.get_mut(n..n + k) else {
                return StackKey::Spilled;
            };
            l.encode_utf8(dst);
            n += k;
        }
        if n > max {
            return StackKey::Long;
        }
    }
    StackKey::Key(&buf[..n])
}

/// Lines with at most this many words are looked up in the whole-line lists.
pub(crate) const WHOLE_LINE_WORDS: u32 = 5;

impl Phrases {
    /// The shipped lists (those of `use_phrases` / `use_terminators`) plus
    /// `extra` (user phrases, matched as [`PhraseKind::Phrase`]) and
    /// `extra_terminators` (soft terminators); the user's lists apply even
    /// when the shipped ones of their kind are disabled.
    pub(crate) fn new(
        use_phrases: bool,
        use_terminators: bool,
        extra: &[String],
        extra_terminators: &[String],
    ) -> Result<Phrases> {
        let extra_phrases = extra_automaton(extra)?;
        let extra_terminators = extra_automaton(extra_terminators)?;
        Ok(Phrases {
            shipped: shipped(),
            use_phrases,
            use_terminators,
            // the user's own phrases stay on when the shipped ones are disabled
            extra_phrases,
            extra_terminators,
        })
    }

    /// The strongest kind of phrase found in `line` as written (terminator
    /// beats phrase); lowercases it first, as `line_facts` does.
    #[cfg(test)]
    pub(crate) fn find(&self, line: &str, words: u32) -> Option<PhraseKind> {
        let low = line.to_lowercase();
        self.find_known(&low, line, words, low.is_ascii())
    }

    /// [`Phrases::find`] given the line lowercased (`line`; ASCII lines may
    /// be left as they are), the line as written (`orig`, for the case
    /// changes that part run-together words: [`whole_words`]) and `ascii`,
    /// whether `line` is ASCII (the caller knows it already: the test of
    /// each line was made three times).
    #[inline(always)]
    pub(crate) fn find_known(
        &self,
        line: &str,
        orig: &str,
        words: u32,
        ascii: bool,
    ) -> Option<PhraseKind> {
        debug_assert_eq!(ascii, line.is_ascii());
        let sh = self.shipped;
        if words <= WHOLE_LINE_WORDS && line.len() <= 64 {
            let may_be = if ascii {
                sh.may_be_whole_ends(line.as_bytes())
            } else {
                sh.may_be_whole_end_chars(line)
            };
            let found = if !may_be {
                None
            } else if ascii {
                // no allocation: build the key on the stack
                let mut buf = [0u8; 64];
                let mut n = 0;
                let mut space = false;
                let mut long = false;
                for &b in line.as_bytes() {
                    if b.is_ascii_alphabetic() {
                        if space && n > 0 {
                            buf[n] = b' ';
                            n += 1;
                        }
                        space = false;
                        buf[n] = b.to_ascii_lowercase();
                        n += 1;
                        if n > sh.max_whole {
                            // longer than every key: no whole-line phrase
                            long = true;
                            break;
                        }
                    } else {
                        space = true;
                    }
                }
                if long || !sh.may_be_whole(&buf[..n]) {
                    None
                } else {
                    sh.whole.get(&buf[..n])
                }
            } else {
                match stack_key(line, sh.max_whole, &mut [0u8; 128]) {
                    StackKey::Long => None,
                    StackKey::Key(key) if sh.may_be_whole(key) => sh.whole.get(key),
                    StackKey::Key(_) => None,
                    StackKey::Spilled => {
                        let key = line_key(line);
                        if sh.may_be_whole(key.as_bytes()) {
                            sh.whole.get(key.as_bytes())
                        } else {
                            None
                        }
                    }
                }
            };
            match found {
                Some(PhraseKind::Phrase) if self.use_phrases => return Some(PhraseKind::Phrase),
                Some(k @ (PhraseKind::Terminator | PhraseKind::HardTerminator))
                    if self.use_terminators =>
                {
                    return Some(*k)
                }
                _ => {}
            }
        }
        // One scan of the shipped automaton: the leftmost terminator (first
        // in the list among those starting there) and whether any phrase
        // occurs, then the user's lists.
        let mut term: Option<(usize, usize)> = None; // (start, pattern)
        let mut phrase = false;
        if self.use_terminators || self.use_phrases {
            let (t, p) = sh.scan(line, orig);
            term = t.filter(|_| self.use_terminators);
            phrase = p && self.use_phrases;
        }
        let extra = self
            .extra_terminators
            .as_ref()
            .and_then(|a| a.find(line, orig));
        match (term, extra) {
            (Some((start, _)), Some(e)) if e < start => return Some(PhraseKind::Terminator),
            (Some((_, p)), _) => {
                return Some(if sh.hard[p] {
                    PhraseKind::HardTerminator
                } else {
                    PhraseKind::Terminator
                })
            }
            (None, Some(_)) => return Some(PhraseKind::Terminator),
            (None, None) => {}
        }
        if phrase
            || self
                .extra_phrases
                .as_ref()
                .is_some_and(|a| a.find(line, orig).is_some())
        {
            return Some(PhraseKind::Phrase);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_letters_are_the_std_ones() {
        for c in (0..0x3000)
            .chain(0xABF0..0xD7B0)
            .filter_map(char::from_u32)
            .chain(['\u{10000}', '\u{1F600}', '\u{20000}', char::MAX])
        {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_numeric(c), c.is_numeric(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn copy_short_copies_every_length() {
        let src: Vec<u8> = (1..=32).collect();
        for n in 0..=32 {
            let mut dst = [0u8; 32];
            copy_short(&mut dst, &src[..n]);
            assert_eq!(&dst[..n], &src[..n]);
            assert!(dst[n..].iter().all(|&b| b == 0), "{n}");
        }
    }

    #[test]
    fn pack_is_the_zero_padded_copy() {
        let src: Vec<u8> = (1..=8).map(|b| b * 17).collect();
        for n in 1..=PACKED_BYTES {
            let mut b = [0u8; PACKED_BYTES];
            b[..n].copy_from_slice(&src[..n]);
            assert_eq!(pack(&src[..n]), u64::from_le_bytes(b), "{n}");
        }
    }

    #[test]
    fn stack_key_is_line_key() {
        let long = "Ünter ".repeat(30);
        for line in [
            "",
            "• Home",
            "Ünter den Linden (3)",
            "İstanbul — ΣΟΦΙΑ",
            "  ÀB  Ça,va ",
            "日本語 の テスト",
            "123 — 456",
            "Straße ẞ ǅ",
            &long,
        ] {
            let key = line_key(line);
            for max in [0, 3, 10, key.len(), usize::MAX] {
                match stack_key(line, max, &mut [0u8; 128]) {
                    StackKey::Key(k) => {
                        assert_eq!(k, key.as_bytes(), "{line:?}");
                        assert!(key.len() <= max, "{line:?}");
                    }
                    StackKey::Long => assert!(key.len() > max, "{line:?} {max}"),
                    StackKey::Spilled => assert!(key.len() > 128 - 13, "{line:?}"),
                }
            }
        }
    }

    #[test]
    fn stopwords_cover_languages() {
        let s = stopwords();
        for w in ["the", "und", "les", "los", "della", "não", "het"] {
            assert!(s.contains(w.as_bytes()), "{w}");
        }
        // every word of the set passes the shape filter
        for w in STOPWORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t').map(|(_, ws)| ws))
            .flat_map(|ws| ws.split_whitespace())
        {
            let b = w.to_lowercase().into_bytes();
            assert!(s.may_contain(b[0], b[b.len() - 1], b.len()), "{w}");
            // and the packed set holds it
            if b.len() <= PACKED_BYTES {
                assert!(s.contains_packed(pack(&b)), "{w}");
            }
        }
        for w in ["thee", "th", "putin", "and'", "unz"] {
            assert!(!s.contains_packed(pack(w.as_bytes())), "{w}");
        }
        assert!(!s.may_contain(b'p', b'n', 5) || !s.contains(b"putin"));
        assert!(!s.may_contain(b'x', b'y', 40));
        assert!(!s.contains(b"putin"));
    }

    /// The state walk finds what the library's overlapping iterator finds.
    #[test]
    fn scan_matches_the_overlapping_iterator() {
        let sh = shipped();
        let reference = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .build(&sh.patterns)
            .unwrap();
        let mut lines: Vec<String> = vec![
            "".into(),
            "Related Stories".into(),
            "leave a comment below".into(),
            "Click here to SUBSCRIBE to our newsletter".into(),
            "The minister said the comments were made".into(),
        ];
        // each pattern alone, inside text, and next to the following one
        for (i, p) in sh.patterns.iter().enumerate() {
            let q = &sh.patterns[(i * 7 + 3) % sh.patterns.len()];
            lines.push(p.clone());
            lines.push(format!("Read {} and {}", p.to_uppercase(), q));
            lines.push(format!("{p}{q}"));
        }
        for line in &lines {
            let mut term: Option<(usize, usize)> = None;
            let mut phrase = false;
            for m in reference.find_overlapping_iter(line.as_str()) {
                let p = m.pattern().as_usize();
                if !whole_words(line, line, m.start(), m.end(), sh.edges[p]) {
                    continue;
                }
                if p < sh.n_terminators {
                    if term.is_none_or(|t| (m.start(), p) < t) {
                        term = Some((m.start(), p));
                    }
                } else {
                    phrase = true;
                }
            }
            assert_eq!(sh.scan(line, line), (term, phrase), "{line:?}");
        }
    }

    /// The library's DFA of `patterns`, as the shipped automaton was built
    /// before it had a table of its own (what the table must agree with).
    fn library_dfa(patterns: &[String]) -> aho_corasick::dfa::DFA {
        aho_corasick::dfa::DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(patterns)
            .unwrap()
    }

    /// The table's walk visits the library DFA's states: after every byte
    /// of random lines (pattern pieces in any case, non-ASCII characters,
    /// every byte value) both are match states or not, with the same
    /// matches, and neither is dead; every transition is a state's
    /// premultiplied id and every class is below the stride.
    #[test]
    fn table_walk_is_the_dfa_walk() {
        let sh = shipped();
        let t = &sh.all;
        assert!(t.trans.len().is_multiple_of(t.stride));
        assert!(t
            .trans
            .iter()
            .all(|&s| (s as usize).is_multiple_of(t.stride) && (s as usize) < t.trans.len()));
        assert!(t.classes.iter().all(|&c| (c as usize) < t.stride));
        assert!((t.start as usize).is_multiple_of(t.stride));
        let dfa = library_dfa(&sh.patterns);
        let pieces: Vec<Vec<u8>> = sh
            .patterns
            .iter()
            .map(|p| p.as_bytes().to_vec())
            .chain(
                ["é", "ß", "€", "日本", " ", ". ", "\t", "|"]
                    .iter()
                    .map(|s| s.as_bytes().to_vec()),
            )
            .collect();
        let mut rng = crate::testing::Rng(0x5eed_7ab1e);
        for round in 0..3000 {
            let mut line: Vec<u8> = Vec::new();
            while line.len() < 8 + round % 90 {
                match rng.below(4) {
                    0 => line.push(rng.below(256) as u8),
                    1 => {
                        let p = &pieces[rng.below(pieces.len())];
                        let cut = rng.below(p.len() + 1);
                        line.extend_from_slice(&p[..cut]);
                    }
                    _ => {
                        let p = &pieces[rng.below(pieces.len())];
                        let upper = rng.below(2) == 0;
                        line.extend(
                            p.iter()
                                .map(|b| if upper { b.to_ascii_uppercase() } else { *b }),
                        );
                    }
                }
            }
            let mut a = dfa.start_state(Anchored::No).unwrap();
            let mut b = t.start;
            for (i, &byte) in line.iter().enumerate() {
                a = dfa.next_state(Anchored::No, a, byte);
                b = t.next(b, byte);
                assert!(!dfa.is_dead(a) && b != t.dead, "{line:?} at {i}");
                assert_eq!(dfa.is_match(a), b >= t.first_special, "{line:?} at {i}");
                let mut want: Vec<(u32, u32)> = if dfa.is_match(a) {
                    (0..dfa.match_len(a))
                        .map(|k| dfa.match_pattern(a, k))
                        .map(|p| (p.as_u32(), dfa.pattern_len(p) as u32))
                        .collect()
                } else {
                    Vec::new()
                };
                want.sort_unstable();
                let mut got: Vec<(u32, u32)> = if b >= t.first_special {
                    t.matches_of(b).to_vec()
                } else {
                    Vec::new()
                };
                got.sort_unstable();
                assert_eq!(got, want, "{line:?} at {i}");
            }
        }
    }

    /// Every byte from every reachable state of the library's DFA leads
    /// where the table's transition (by the byte's class) leads: the states
    /// correspond one to one, with the same matches (so the byte classes read
    /// off the patterns are right for all 256 bytes).
    #[test]
    fn every_byte_of_every_state_is_the_dfa_s() {
        let sh = shipped();
        let t = &sh.all;
        let dfa = library_dfa(&sh.patterns);
        let start = dfa.start_state(Anchored::No).unwrap();
        let mut to_table = std::collections::HashMap::from([(start, t.start)]);
        let mut to_dfa = std::collections::HashMap::from([(t.start, start)]);
        let mut todo = vec![start];
        while let Some(a) = todo.pop() {
            let b = to_table[&a];
            assert_eq!(dfa.is_match(a), b >= t.first_special && b != t.dead);
            assert_eq!(dfa.is_dead(a), b == t.dead);
            if dfa.is_match(a) {
                let mut want: Vec<(u32, u32)> = (0..dfa.match_len(a))
                    .map(|k| dfa.match_pattern(a, k))
                    .map(|p| (p.as_u32(), dfa.pattern_len(p) as u32))
                    .collect();
                want.sort_unstable();
                let mut got = t.matches_of(b).to_vec();
                got.sort_unstable();
                assert_eq!(got, want);
            }
            for byte in 0..=255u8 {
                let (na, nb) = (dfa.next_state(Anchored::No, a, byte), t.next(b, byte));
                match (to_table.get(&na), to_dfa.get(&nb)) {
                    (None, None) => {
                        to_table.insert(na, nb);
                        to_dfa.insert(nb, na);
                        todo.push(na);
                    }
                    (x, y) => assert!(x == Some(&nb) && y == Some(&na), "byte {byte}"),
                }
            }
        }
        assert_eq!(to_dfa.len() * t.stride, t.trans.len());
    }

    /// The end-letter filter of lines that are not ASCII never turns away a
    /// listed key: every key of `whole`, and each with a non-ASCII character
    /// or punctuation around it, in capitals, passes; and it answers as the
    /// key itself does (built by `line_key`) on random non-ASCII lines.
    #[test]
    fn end_chars_filter_keeps_every_key() {
        let sh = shipped();
        for k in sh.whole.keys() {
            let k = std::str::from_utf8(k).unwrap();
            for line in [
                format!("• {k} »"),
                format!("« {} ’", k.to_uppercase()),
                format!("é… {k}"),
            ] {
                assert!(sh.may_be_whole_end_chars(&line), "{line:?}");
            }
        }
        let words = [
            "über",
            "Straße",
            "news",
            "more",
            "Ça",
            "日本",
            "1,5",
            "—",
            "İstanbul",
            "sign",
            "in",
        ];
        let mut rng = crate::testing::Rng(0xC0FFEE);
        for _ in 0..5000 {
            let n = 1 + rng.below(5);
            let mut line = String::new();
            for i in 0..n {
                if i > 0 {
                    line.push(if rng.below(3) == 0 { '·' } else { ' ' });
                }
                line.push_str(words[rng.below(words.len())]);
            }
            if line.is_ascii() {
                line.push('…');
            }
            let key = line_key(&line);
            if sh.whole.contains_key(key.as_bytes()) {
                assert!(sh.may_be_whole_end_chars(&line), "{line:?}");
            }
            // with ASCII first and last letters, the filter is exact: the
            // key's ends are those letters
            let first = line.chars().find(|&c| is_alphabetic(c));
            let last = line.chars().rev().find(|&c| is_alphabetic(c));
            if let (Some(f), Some(l)) = (first, last) {
                if f.is_ascii() && l.is_ascii() {
                    let (kf, kl) = (key.as_bytes()[0], key.as_bytes()[key.len() - 1]);
                    assert_eq!(
                        (kf, kl),
                        (f.to_ascii_lowercase() as u8, l.to_ascii_lowercase() as u8)
                    );
                    let bit = sh.whole_ends[(kf & 31) as usize] >> (kl & 31) & 1 != 0;
                    assert_eq!(sh.may_be_whole_end_chars(&line), bit, "{line:?}");
                }
            }
        }
    }

    #[test]
    fn phrases_and_terminators() {
        let p = Phrases::new(true, true, &["buy now".into()], &[]).unwrap();
        assert_eq!(p.find("related stories", 2), Some(PhraseKind::Terminator));
        assert_eq!(p.find("click here to buy now", 5), Some(PhraseKind::Phrase));
        assert_eq!(p.find("the minister said", 3), None);
        assert_eq!(p.find("Comments (12)", 2), Some(PhraseKind::HardTerminator));
        assert_eq!(
            p.find("leave a comment below", 4),
            Some(PhraseKind::HardTerminator)
        );
        assert_eq!(p.find("the comments were made", 4), None);
        // the longest whole-line key is still found
        let longest = shipped().whole.keys().max_by_key(|k| k.len()).unwrap();
        assert_eq!(shipped().max_whole, longest.len());
        // every key passes the shape filter, and the filter turns most
        // other keys away
        for k in shipped().whole.keys() {
            assert!(shipped().may_be_whole(k), "{k:?}");
            // and the end-letter filter, as a line and as its key in
            // capitals between punctuation
            if k.is_ascii() {
                assert!(shipped().may_be_whole_ends(k), "{k:?}");
                let line = format!("({}) 12:", std::str::from_utf8(k).unwrap().to_uppercase());
                assert!(shipped().may_be_whole_ends(line.as_bytes()), "{line:?}");
            }
        }
        assert!(shipped().may_be_whole_ends(b"12 -- 34"));
        let filled: u32 = shipped().whole_shapes.iter().map(|w| w.count_ones()).sum();
        assert!(filled < 4096 / 4, "{filled}");
        let line = std::str::from_utf8(longest).unwrap().to_uppercase() + ":";
        let words = line.split_whitespace().count() as u32;
        assert!(p.find(&line, words).is_some(), "{line}");
        assert_eq!(
            p.find("Reader Comments:", 2),
            Some(PhraseKind::HardTerminator)
        );
        assert!(Phrases::new(true, true, &["  ".into()], &[]).is_err());
    }

    /// A phrase counts as whole words only: not inside a longer word (a
    /// German compound, "design in"), but across run-together menu items
    /// and before an English plural's "s".
    #[test]
    fn phrases_match_whole_words() {
        let p = Phrases::new(true, true, &["buy now".into()], &["see more".into()]).unwrap();
        for line in [
            "Aus dem Evangelium leben: 39 Bewerbungen für „Erprobungsräume“",
            "Werbungskosten absetzen",
            "LED für die Energieverbrauchsanzeige",
            "A new design in town",
            "Catalog in print",
            "Cannot load blog information",
            "Obrigado por compartilhar nosso conteúdo!",
            "Perché è rischioso per l’orso entrare in paese?",
            "Buy nowhere",
            "Oversee moreover",
        ] {
            let words = line.split_whitespace().count() as u32;
            assert_eq!(p.find(line, words), None, "{line:?}");
        }
        for (line, kind) in [
            ("Werbung", PhraseKind::Phrase),
            ("– Anzeige –", PhraseKind::Phrase),
            ("ImpressumDatenschutz", PhraseKind::Phrase),
            ("© Reuters2008All rights reserved.", PhraseKind::Phrase),
            ("Next articleUK minister resigns", PhraseKind::Phrase),
            ("Email Newsletters", PhraseKind::Phrase),
            ("B&C NEWSLETTERS", PhraseKind::Phrase),
            ("Add your comments", PhraseKind::HardTerminator),
            ("Comments (0)", PhraseKind::HardTerminator),
            ("Tags: politics", PhraseKind::Terminator),
            ("Click to buy now!", PhraseKind::Phrase),
            ("See more from us", PhraseKind::Terminator),
        ] {
            let words = line.split_whitespace().count() as u32;
            assert_eq!(p.find(line, words), Some(kind), "{line:?}");
        }
    }

    #[test]
    fn word_edges_of_phrases() {
        assert_eq!(word_edges("sign in"), 3);
        assert_eq!(word_edges("comments ("), 1);
        assert_eq!(word_edges("“x"), 2);
        assert_eq!(word_edges("€"), 0);
        // a match at the line's ends, or a lowercased line of another
        // length than the line (no case test), is fine
        assert!(whole_words("sign in", "Sign In", 0, 7, 3));
        assert!(whole_words("ß sign in", "ẞ Sign In", 3, 10, 3));
        assert!(!whole_words("ßsignin", "ẞSignIn", 2, 8, 3));
        assert!(!whole_words("design in", "Design In", 2, 9, 3));
    }
}
