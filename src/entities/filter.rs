//! The first words of the names, with the trie state each one leads to.
//!
//! A name that begins with a word character can only match at a word start
//! where the text's whole word equals the name's first word (the name's
//! first word ends either at the end of the name or before a non-word
//! character of the name, and both must be word boundaries in the text). So
//! the search skips over each word of the text while hashing it, looks the
//! word up here, and when it is a first word resumes the trie walk from the
//! stored state after that word instead of walking the word byte by byte.
//! Most words of running text are rejected by one probe of the table.

use super::fold::{is_extend, is_word, Fold, ASCII_WORD};
use super::trie::{State, Trie};

/// Where the word starting at byte `from` of folded key `s` ends: at a
/// non-word character that does not belong to the character before it.
fn word_end(s: &str, from: usize) -> usize {
    s[from..]
        .char_indices()
        .find(|&(i, c)| !is_word(c) && (i == 0 || !is_extend(c)))
        .map_or(s.len(), |(i, _)| from + i)
}

/// An open-addressing table from first word to trie state.
#[derive(Clone, Debug, Default)]
pub(crate) struct FirstWords {
    /// `fingerprint << entry_bits | (entry + 1)`; 0 = empty. Four bytes a
    /// slot keep the table small enough to stay mostly in cache.
    table: Vec<u32>,
    entry_bits: u32,
    /// Some stored word holds an ASCII capital letter.
    has_upper: bool,
    /// A Bloom filter of the stored words' hashes (two bits in one `u64`,
    /// about four bits per word): most words of running text are not first
    /// words, and this small table rejects nearly all of them without
    /// touching the larger `table` (one cache miss less per word).
    bloom: Vec<u64>,
    bloom_mask: usize,
    /// A bit per (first, second and last byte, length) of the stored words,
    /// each byte reduced to its low five bits (see [`lead_bit`]): an ASCII
    /// word of the text is tested here before it is hashed, with three byte
    /// loads and one multiply. [`LEAD_WORDS`] words, or empty when the stored
    /// words set so many bits that the test would reject too few words to
    /// pay for itself.
    lead: Vec<u64>,
    /// A Bloom filter of (first word, first separator byte, second word) of
    /// the names that go on after their first word: when the text's next
    /// word after a first word is not in it, no name longer than the first
    /// word can match there, and the scan skips the trie walk (most first
    /// words in text are "the", "to", "in", "a" and lead nowhere).
    pairs: Vec<u64>,
    pairs_mask: usize,
    entries: Vec<Entry>,
    /// The folded words, concatenated; entry `i` is
    /// `data[start..start + len]`.
    data: Vec<u8>,
    or_mask: u64,
}

/// A stored word: its first eight bytes inline (zero-padded), so that most
/// lookups compare without reading `data`, where it is stored whole.
#[derive(Clone, Copy, Debug)]
struct Entry {
    head: u64,
    start: u32,
    /// The word's length; the top bit is [`PAIRS_OK`].
    len: u32,
    state: State,
}

/// Set in `Entry::len` when every name that goes on after this first word
/// goes on with ASCII separators and then a word, so that [`FirstWords::pairs`]
/// can rule continuations out.
const PAIRS_OK: u32 = 1 << 31;

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Words (of 64 bits) of [`FirstWords::lead`]: 2^16 bits, 8 KiB.
const LEAD_WORDS: usize = 1 << 10;

/// The bit of [`FirstWords::lead`] for a word of `len` bytes (>= 1) whose
/// first, second and last bytes are `b0`, `b1` and `bz` (`b1` = 0 for a
/// one-byte word).
///
/// Only the low five bits of each byte count: an ASCII letter and its
/// capital agree there, so the text's ASCII words need no folding, and the
/// other collisions only let more words through to the hash.
#[inline(always)]
fn lead_bit(b0: u8, b1: u8, bz: u8, len: usize) -> usize {
    let x = ((b0 as u32 & 31) << 19)
        | ((b1 as u32 & 31) << 14)
        | ((bz as u32 & 31) << 9)
        | (len.min(16) as u32 - 1);
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize
}

/// The most bits [`FirstWords::lead`] may have set (of `LEAD_WORDS * 64`)
/// to be kept: a fuller filter turns away too few words of running text.
const LEAD_MAX_SET: usize = LEAD_WORDS * 64 / 16;

impl FirstWords {
    /// Collects the first words of the folded `keys` (bytes of sorted,
    /// distinct keys of `trie`).
    pub(crate) fn build(keys: &[&[u8]], trie: &Trie, fold: Fold) -> FirstWords {
        let or_mask = if fold == Fold::None {
            0
        } else {
            0x2020_2020_2020_2020
        };
        let mut f = FirstWords {
            or_mask,
            ..FirstWords::default()
        };
        let mut words: Vec<&[u8]> = Vec::new();
        // first words some name goes on from in a way the pair filter cannot describe
        let mut no_pairs: Vec<&[u8]> = Vec::new();
        // (first word, separator byte, second word) of the names that go on
        let mut pairs: Vec<(&[u8], u8, &[u8])> = Vec::new();
        for key in keys {
            let Ok(s) = std::str::from_utf8(key) else {
                continue;
            };
            let end = word_end(s, 0);
            if end == 0 {
                continue;
            }
            let first = &key[..end];
            words.push(first);
            if end == key.len() {
                continue; // the first word is the whole name: a terminal, walked as usual
            }
            // the separators: ASCII non-word bytes, then a second word
            let sep_end = key[end..]
                .iter()
                .position(|&b| b >= 128 || ASCII_WORD[b as usize])
                .map_or(key.len(), |i| end + i);
            if sep_end == key.len() || key[sep_end] >= 128 {
                no_pairs.push(first);
                continue;
            }
            let second_end = word_end(s, sep_end);
            pairs.push((first, key[end], &key[sep_end..second_end]));
        }
        words.sort_unstable();
        words.dedup();
        no_pairs.sort_unstable();
        no_pairs.dedup();
        let words: Vec<(&[u8], State)> = words
            .into_iter()
            .filter_map(|w| {
                let mut state = trie.root();
                w.iter()
                    .all(|&b| trie.step(&mut state, b))
                    .then_some((w, state))
            })
            .collect();
        // load at most 3/4: the Bloom filter turns most misses away before
        // the table, and hits need few probes
        let size = (words.len() * 4 / 3 + 1).next_power_of_two().max(16);
        f.has_upper = or_mask != 0
            && words
                .iter()
                .any(|(w, _)| w.iter().any(|b| b.is_ascii_uppercase()));
        f.table = vec![0; size];
        let bloom_words = (words.len() * 4 / 64 + 1).next_power_of_two().max(8);
        f.bloom = vec![0; bloom_words];
        f.bloom_mask = bloom_words - 1;
        let pair_words = (pairs.len() * 4 / 64 + 1).next_power_of_two().max(8);
        f.pairs = vec![0; pair_words];
        f.pairs_mask = pair_words - 1;
        for &(first, sep, second) in &pairs {
            let ph = f.pair_hash(f.hash(first), sep, f.hash(second));
            let (pw, bits) = f.pair_bits(ph);
            f.pairs[pw] |= bits;
        }
        f.entry_bits = 32 - (words.len() as u32 + 1).leading_zeros();
        let mask = size - 1;
        let mut lead = vec![0u64; LEAD_WORDS];
        for (w, _) in &words {
            let bit = lead_bit(
                w[0],
                if w.len() > 1 { w[1] } else { 0 },
                w[w.len() - 1],
                w.len(),
            );
            lead[bit >> 6] |= 1 << (bit & 63);
        }
        let set: usize = lead.iter().map(|x| x.count_ones() as usize).sum();
        if set <= LEAD_MAX_SET {
            f.lead = lead;
        }
        for (w, state) in words {
            let e = f.entries.len() as u64;
            f.entries.push(Entry {
                head: if w.is_empty() {
                    0
                } else {
                    load_partial(&w[..w.len().min(8)])
                },
                start: f.data.len() as u32,
                len: w.len() as u32
                    | if no_pairs.binary_search(&w).is_ok() {
                        0
                    } else {
                        PAIRS_OK
                    },
                state,
            });
            f.data.extend_from_slice(w);
            let h = f.hash(w);
            let (bw, bits) = f.bloom_bits(h);
            f.bloom[bw] |= bits;
            let mut i = h as usize & mask;
            while f.table[i] != 0 {
                i = (i + 1) & mask;
            }
            f.table[i] = f.fingerprint(h) | (e as u32 + 1);
        }
        f
    }

    /// The hash of a (first word, separator byte, second word) triple.
    #[inline(always)]
    fn pair_hash(&self, h1: u64, sep: u8, h2: u64) -> u64 {
        let h = (h1.rotate_left(19) ^ (sep as u64).wrapping_mul(K) ^ h2).wrapping_mul(K);
        h ^ (h >> 31)
    }

    #[inline(always)]
    fn pair_bits(&self, h: u64) -> (usize, u64) {
        let w = (h >> 40) as usize & self.pairs_mask;
        (w, 1u64 << ((h >> 14) & 63) | 1u64 << ((h >> 20) & 63))
    }

    /// Whether some name may go on from first word `h1` with separator byte
    /// `sep` (folded) and second word `h2` (hashes by [`hash`](Self::hash)).
    #[inline]
    pub(crate) fn pair_maybe(&self, h1: u64, sep: u8, h2: u64) -> bool {
        let (pw, bits) = self.pair_bits(self.pair_hash(h1, sep, h2));
        self.pairs[pw] & bits == bits
    }

    /// The filter word and bits of hash `h`.
    #[inline(always)]
    fn bloom_bits(&self, h: u64) -> (usize, u64) {
        let w = (h >> 40) as usize & self.bloom_mask;
        (w, 1u64 << ((h >> 14) & 63) | 1u64 << ((h >> 20) & 63))
    }

    /// The high bits of `h` that fit above the entry index in a slot.
    #[inline(always)]
    fn fingerprint(&self, h: u64) -> u32 {
        if self.entry_bits >= 32 {
            0
        } else {
            ((h >> 32) as u32) << self.entry_bits
        }
    }

    /// Whether [`lead_maybe`](Self::lead_maybe) can rule words out (the
    /// filter was kept).
    pub(crate) fn has_lead(&self) -> bool {
        !self.lead.is_empty()
    }

    /// Whether an ASCII text word of `len` bytes (>= 1) whose first, second
    /// and last bytes are `b0`, `b1` and `bz` (`b1` = 0 when `len` is 1), as
    /// written, may be a stored word (`false` rules it out; always `true`
    /// without the filter).
    #[inline(always)]
    pub(crate) fn lead_maybe(&self, b0: u8, b1: u8, bz: u8, len: usize) -> bool {
        let bit = lead_bit(b0, b1, bz, len);
        self.lead
            .get(bit >> 6)
            .is_none_or(|&x| x >> (bit & 63) & 1 != 0)
    }

    /// The hash of a folded word. Text words that are ASCII may be passed
    /// unfolded in the case-insensitive modes (the hash ignores bit 0x20).
    #[inline]
    pub(crate) fn hash(&self, word: &[u8]) -> u64 {
        let mut h = (word.len() as u64).wrapping_mul(K);
        let mut chunks = word.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(23) ^ (v | self.or_mask)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            h = (h.rotate_left(23) ^ (load_partial(rest) | self.or_mask)).wrapping_mul(K);
        }
        h ^ (h >> 29)
    }

    /// [`hash`](Self::hash) of a word of `len` bytes, 1 to 8, given as the
    /// little-endian integer `v` of its bytes (zero above them): the scan has
    /// them in a register already (on x86_64; elsewhere only the tests call it).
    #[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
    #[inline(always)]
    pub(crate) fn hash_short(&self, v: u64, len: usize) -> u64 {
        debug_assert!((1..=8).contains(&len));
        let h = (len as u64).wrapping_mul(K).rotate_left(23) ^ (v | self.or_mask);
        let h = h.wrapping_mul(K);
        h ^ (h >> 29)
    }

    /// The trie state after `word`, if it is the first word of a name.
    /// `word` is compared after mapping each ASCII byte through `fold` (the
    /// ASCII fold table for raw text, the identity for folded words).
    ///
    /// `raw`: `word` is ASCII text, not yet folded. Then, in the
    /// case-insensitive modes and unless some stored word holds an ASCII
    /// capital (no fold makes one today; kept for safety), words are compared
    /// eight bytes at a time ignoring bit 0x20, which for ASCII word bytes
    /// (letters, digits, `_`) is exactly the case fold.
    #[inline]
    pub(crate) fn get(
        &self,
        h: u64,
        word: &[u8],
        raw: bool,
        fold: &[u8; 128],
    ) -> Option<(State, bool)> {
        let (bw, bits) = self.bloom_bits(h);
        if self.bloom[bw] & bits != bits {
            return None;
        }
        self.probe(h, word, raw, fold)
    }

    /// The table lookup behind [`get`](Self::get).
    #[inline(never)]
    fn probe(&self, h: u64, word: &[u8], raw: bool, fold: &[u8; 128]) -> Option<(State, bool)> {
        let mask = self.table.len() - 1;
        let fp = self.fingerprint(h);
        let emask = u32::MAX.checked_shr(32 - self.entry_bits).unwrap_or(0);
        let mut i = h as usize & mask;
        loop {
            let t = self.table[i];
            if t == 0 {
                return None;
            }
            if t & !emask == fp {
                let entry = &self.entries[(t & emask) as usize - 1];
                if (entry.len & !PAIRS_OK) as usize != word.len() {
                    i = (i + 1) & mask;
                    continue;
                }
                let short = word.len() <= 8;
                let equal = if !raw || self.or_mask == 0 || !self.has_upper {
                    let m = if raw { self.or_mask } else { 0 };
                    if short {
                        entry.head | m == load_partial(word) | m
                    } else {
                        let a = entry.start as usize;
                        eq_masked(&self.data[a..a + word.len()], word, m)
                    }
                } else {
                    let a = entry.start as usize;
                    self.data[a..a + word.len()]
                        .iter()
                        .zip(word)
                        .all(|(&s, &w)| s == if w < 128 { fold[w as usize] } else { w })
                };
                if equal {
                    return Some((entry.state, entry.len & PAIRS_OK != 0));
                }
            }
            i = (i + 1) & mask;
        }
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.capacity() * 4
            + self.bloom.capacity() * 8
            + self.lead.capacity() * 8
            + self.pairs.capacity() * 8
            + self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.data.capacity()
    }
}

/// Whether `a` and `b` (of equal length) are equal once every byte is
/// OR-ed with the matching byte of `m`.
#[inline(always)]
fn eq_masked(a: &[u8], b: &[u8], m: u64) -> bool {
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (x, y) in (&mut ca).zip(&mut cb) {
        let x = u64::from_le_bytes([x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7]]);
        let y = u64::from_le_bytes([y[0], y[1], y[2], y[3], y[4], y[5], y[6], y[7]]);
        if x | m != y | m {
            return false;
        }
    }
    let (ra, rb) = (ca.remainder(), cb.remainder());
    ra.is_empty() || load_partial(ra) | m == load_partial(rb) | m
}

/// The 1 to 7 bytes of `r` as a little-endian integer, without a memcpy
/// call (overlapping loads).
#[inline(always)]
fn load_partial(r: &[u8]) -> u64 {
    let n = r.len();
    if n >= 4 {
        let lo = u32::from_le_bytes([r[0], r[1], r[2], r[3]]) as u64;
        let hi = u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]]) as u64;
        lo | hi << (8 * (n - 4))
    } else if n >= 2 {
        let lo = u16::from_le_bytes([r[0], r[1]]) as u64;
        let hi = u16::from_le_bytes([r[n - 2], r[n - 1]]) as u64;
        lo | hi << (8 * (n - 2))
    } else {
        r[0] as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_hashes_are_hashes() {
        let words: Vec<&[u8]> = vec![
            b"a",
            b"zq",
            b"the",
            b"THE",
            b"York",
            b"_9_9_",
            b"abcdefg",
            b"abcdefgh",
        ];
        for or_mask in [0, 0x2020_2020_2020_2020] {
            let f = FirstWords {
                or_mask,
                ..FirstWords::default()
            };
            for w in &words {
                let mut buf = [0u8; 8];
                buf[..w.len()].copy_from_slice(w);
                let v = u64::from_le_bytes(buf);
                assert_eq!(f.hash_short(v, w.len()), f.hash(w), "{w:?}");
            }
        }
    }

    #[test]
    fn partial_loads() {
        let b = b"abcdefgh";
        for n in 1..8 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&b[..n]);
            assert_eq!(load_partial(&b[..n]), u64::from_le_bytes(buf), "{n}");
        }
    }

    #[test]
    fn first_words_fold_ascii_case() {
        let keys: Vec<&[u8]> = vec![b"new york", b"newark", b"paris"];
        let trie = Trie::build(&keys, &[1, 2, 3]).unwrap();
        let f = FirstWords::build(&keys, &trie, Fold::Case);
        let t = Fold::Case.ascii_table();
        for w in [&b"PARIS"[..], b"New", b"newark"] {
            assert!(f.get(f.hash(w), w, true, t).is_some(), "{:?}", w);
        }
        let new = f.get(f.hash(b"NEW"), b"NEW", true, t).unwrap();
        assert!(new.1, "new goes on with a space and a word");
        assert!(f.pair_maybe(f.hash(b"new"), b' ', f.hash(b"YORK")));
        for w in [&b"york"[..], b"ne", b"parisx"] {
            assert!(f.get(f.hash(w), w, true, t).is_none(), "{:?}", w);
        }
    }
}
