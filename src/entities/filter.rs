//! A filter on the first word of the names.
//!
//! A name that begins with a word character can only match at a word start
//! where the text's whole word equals the name's first word (the name's
//! first word ends either at the end of the name or before a non-word
//! character of the name, and both must be word boundaries in the text). So
//! the search hashes each word of the text while skipping over it, and walks
//! the trie only when the hash is in this set: most words of running text
//! start no name and cost one probe of a small table.

use super::fold::{is_word, Fold};

/// An open-addressing set of 32-bit fingerprints of first-word hashes.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordFilter {
    table: Vec<u32>,
    shift: u32,
    or_mask: u64,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordFilter {
    /// Builds the set of first words of the folded `keys`.
    pub(crate) fn build<'a>(keys: impl Iterator<Item = &'a [u8]> + Clone, fold: Fold) -> WordFilter {
        let or_mask = if fold == Fold::None {
            0
        } else {
            0x2020_2020_2020_2020
        };
        let count = keys.clone().count();
        let size = (count * 2).next_power_of_two().max(16);
        let mut f = WordFilter {
            table: vec![0; size],
            shift: 64 - size.trailing_zeros(),
            or_mask,
        };
        for key in keys {
            let Ok(s) = std::str::from_utf8(key) else { continue };
            let end = s
                .char_indices()
                .find(|&(_, c)| !is_word(c))
                .map_or(s.len(), |(i, _)| i);
            if end > 0 {
                f.insert(f.hash(&key[..end]));
            }
        }
        f
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
        h ^ (h >> 32)
    }

    fn insert(&mut self, h: u64) {
        let fp = (h as u32) | 1;
        let mask = self.table.len() - 1;
        let mut i = (h >> self.shift) as usize;
        loop {
            let t = self.table[i];
            if t == fp {
                return;
            }
            if t == 0 {
                self.table[i] = fp;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether a word with hash `h` may be the first word of a name.
    #[inline]
    pub(crate) fn contains(&self, h: u64) -> bool {
        let fp = (h as u32) | 1;
        let mask = self.table.len() - 1;
        let mut i = (h >> self.shift) as usize & mask;
        loop {
            let t = self.table[i];
            if t == fp {
                return true;
            }
            if t == 0 {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /// Heap bytes used.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.table.capacity() * 4
    }
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
    fn partial_loads() {
        let b = b"abcdefgh";
        for n in 1..8 {
            let mut buf = [0u8; 8];
            buf[..n].copy_from_slice(&b[..n]);
            assert_eq!(load_partial(&b[..n]), u64::from_le_bytes(buf), "{n}");
        }
    }

    #[test]
    fn ascii_case_is_ignored() {
        let f = WordFilter::build([&b"paris"[..], b"new york"].into_iter(), Fold::Case);
        assert!(f.contains(f.hash(b"PARIS")));
        assert!(f.contains(f.hash(b"New")));
        assert!(!f.contains(f.hash(b"york")));
    }
}
