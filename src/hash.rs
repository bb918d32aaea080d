//! FNV-1a, the one hash the core uses for short keys: words, class names,
//! element names, normalised lines. Stable across runs and platforms (site
//! statistics store line hashes), cheap on keys of a few bytes, and not
//! exposed to hash flooding: the keys are shipped data or a page's own words.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a's 64-bit offset basis (the hash of no bytes).
pub(crate) const FNV_SEED: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a's 64-bit prime: each byte is `h = (h ^ byte) * FNV_PRIME`.
pub(crate) const FNV_PRIME: u64 = 0x0100_0000_01b3;
const SEED: u64 = FNV_SEED;
const PRIME: u64 = FNV_PRIME;

/// 64-bit FNV-1a of `bytes`.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(bytes);
    h.finish()
}

/// FNV-1a as a [`Hasher`]: successive writes continue one hash.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(SEED)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(PRIME);
        }
    }
}

/// [`Fnv`] for `HashMap`/`HashSet`.
pub(crate) type FnvBuild = BuildHasherDefault<Fnv>;
/// A `HashMap` hashed with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, FnvBuild>;
/// A `HashSet` hashed with [`Fnv`].
pub(crate) type FnvSet<K> = HashSet<K, FnvBuild>;

/// Python's `str.isspace()`: Unicode White_Space plus the information
/// separators U+001C..U+001F, so that "blank" and "trimmed" mean the same in
/// the core as in the Python layers.
pub(crate) fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_and_one_hash_across_writes() {
        assert_eq!(fnv1a(b""), SEED);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        let mut h = Fnv::default();
        h.write(b"ab");
        h.write(b"cd");
        assert_eq!(h.finish(), fnv1a(b"abcd"));
        assert!(is_py_space('\u{1f}') && is_py_space('\u{3000}') && !is_py_space('x'));
    }
}
