//! Name tables shared by the builder, the matcher and the serializer (a leaf
//! module: it depends on nothing else in `entities` but the folding rules and
//! the option types).

use super::fold::Fold;
use super::{CasePolicy, Options};
use crate::error::{Error, Result};
use std::hash::Hasher;

/// Two indexes: `(name, entity)` in the matcher's slot table, `(slot, name)`
/// in its exact-case list.
pub(crate) type NamePair = (u32, u32);

/// Strings concatenated into one pool: string `i` is
/// `data[end[i - 1]..end[i]]`. Used for the names as written and for their
/// folded keys.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    pub(crate) data: String,
    pub(crate) end: Vec<u32>,
}

impl Keys {
    /// String `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.end[i - 1] as usize };
        &self.data[start..self.end[i] as usize]
    }

    /// Number of strings.
    pub(crate) fn len(&self) -> usize {
        self.end.len()
    }
}

/// Deduplicated names as given to the matcher's assembly: the names as
/// written (a string pool) and their case policies.
#[derive(Debug, Default)]
pub(crate) struct NameSpec {
    pub(crate) written: Keys,
    pub(crate) policies: Vec<CasePolicy>,
}

/// A fast multiplicative hash of a byte string (FxHash-like).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    let rest = chunks.remainder();
    last[..rest.len()].copy_from_slice(rest);
    h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// Hasher for keys that are already hashes.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

/// The fold mode the options call for.
pub(crate) fn fold_mode(options: &Options) -> Result<Fold> {
    match (options.case_sensitive, options.fold_accents) {
        (true, true) => Err(Error::option(
            "fold_accents=True requires case_sensitive=False",
        )),
        (true, false) => Ok(Fold::None),
        (false, false) => Ok(Fold::Case),
        (false, true) => Ok(Fold::Accents),
    }
}

/// Why a name (with its folded `key`) cannot be used, if it cannot.
pub(crate) fn check_name(name: &str, key: &str) -> std::result::Result<(), String> {
    if name.trim().is_empty() {
        return Err("is empty or blank".into());
    }
    if key.trim().is_empty() {
        return Err("folds to nothing".into());
    }
    if key.len() > super::MAX_NAME_BYTES {
        return Err(format!(
            "is too long ({} bytes after folding; names are limited to {} bytes)",
            key.len(),
            super::MAX_NAME_BYTES
        ));
    }
    Ok(())
}
