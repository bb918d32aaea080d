//! Gazetteer (entity) matching: find the names of known entities in text.
//!
//! A gazetteer is a list of [`Record`]s, each an entity (`id`, `label`) with
//! one or more names. [`MatcherBuilder`] turns it into an [`EntityMatcher`],
//! which finds the names in text as whole words, case-insensitively by
//! default, and reports byte offsets into the text it was given.
//!
//! ```
//! use newsprep::entities::{MatcherBuilder, Record};
//!
//! let records = vec![
//!     Record::new("NYC", "city", ["New York City", "NYC"]),
//!     Record::new("YRK", "city", ["York"]),
//! ];
//! let matcher = MatcherBuilder::new().build(records).unwrap();
//! let text = "From new york city to York’s minster, not Yorkshire.";
//! let found: Vec<&str> = matcher
//!     .find(text)
//!     .iter()
//!     .map(|m| &text[m.start..m.end])
//!     .collect();
//! assert_eq!(found, ["new york city", "York"]);
//! ```
//!
//! # Semantics
//!
//! * **Folding** is per code point and never moves offsets: the text is
//!   folded on the fly while matching and the original is never modified.
//!   Case-insensitive matching lowercases each code point as Python's
//!   `str.lower()` does when that gives one code point ("İ" stays as is);
//!   [`MatcherBuilder::fold_accents`] also strips accents ("Sao Paulo" finds
//!   "São Paulo", and so does NFD text "Sa\u{303}o Paulo"), and unifies the
//!   apostrophes ’ ‘ ʼ \` ′ to `'` and the dashes U+2010..=U+2015 to `-`.
//! * **Whole words**: a match may neither start nor end between two word
//!   characters (Python's `str.isalnum()` or `_`, judged after folding).
//!   Names may contain and begin or end with other characters ("Jean-Luc",
//!   "O’Brien", "U.S."); a possessive "’s" after a name does not prevent the
//!   match, since "’" is not a word character.
//! * **Selection**: with [`Overlaps::LeftmostLongest`] (the default), the
//!   scan takes, at the leftmost position where some name matches as a whole
//!   word, the longest such name ("New York City" rather than "New York"),
//!   and continues after it. Only valid (whole-word) matches compete, so a
//!   longer name that ends inside a word never hides a shorter valid one.
//!   [`Overlaps::All`] reports every valid match, overlapping ones included.
//! * **Names and entities**: names that fold to the same key are one name
//!   whose entities are merged ([`EntityMatcher::name_entities`]); a
//!   [`Match`] carries the name and its first entity.
//! * **Hygiene**: [`MatcherBuilder::min_length`] and
//!   [`MatcherBuilder::stop_names`] drop names, and
//!   [`MatcherBuilder::exact_case_names`] makes names match only as written
//!   (the company "Next", not the word "next").
//!
//! [`EntityMatcher`] is `Send + Sync`, and serializes compactly with
//! [`EntityMatcher::to_bytes`] or through serde.
//!
//! # Agreement with the reference
//!
//! With `case_sensitive=false`, whole words and leftmost-longest, results
//! equal the brute-force reference of `bench_entities.py` exactly (checked on
//! every document of the Reuters dev corpus with the 200, 25k, 344k and 1M
//! name gazetteers by `benches/check_entities_reference.py`). With
//! `fold_accents`, they equal the reference's accent fold plus the two
//! deliberate extensions described in the semantics above: dashes fold to
//! `-` (so "Brown–Forman" in a gazetteer finds "Brown-Forman"), and lone
//! combining marks are dropped so that NFD text matches like NFC text.
//!
//! # Notes for bindings
//!
//! * Offsets are bytes; convert with [`crate::offsets::CharOffsets`] (one
//!   forward pass over matches sorted by start, as [`EntityMatcher::find`]
//!   returns them).
//! * Errors: [`crate::ErrorKind::InvalidRecord`] (bad record, message names
//!   its index and id), [`crate::ErrorKind::InvalidOption`] (bad option
//!   value, e.g. an unknown `overlaps` string via [`Overlaps::from_str`]),
//!   [`crate::ErrorKind::Deserialize`] (bad saved bytes). Nothing panics on
//!   user input; only the index accessors panic on out-of-range indices,
//!   which matches never produce.
//! * Pickling: `to_bytes`/`from_bytes` store the options and the gazetteer
//!   (entities, names with their case policy and entities), not the search
//!   structures, which `from_bytes` rebuilds (1M names: about as long as
//!   the build, 27 MB of bytes).
//! * [`MatcherBuilder::build`] takes any iterator of records: stream them
//!   rather than collecting a `Vec` to keep peak memory low.

mod builder;
mod filter;
mod fold;
mod matcher;
mod serial;
mod trie;
#[allow(missing_docs)]
#[rustfmt::skip]
mod unicode_tables;

#[cfg(test)]
mod tests;

pub use builder::MatcherBuilder;
pub use matcher::EntityMatcher;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One gazetteer entry: an entity and the names it is known by.
///
/// Deserializes from JSON objects `{"id": ..., "label": ..., "names": [...]}`
/// (other fields are ignored; a missing label defaults to empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The entity's identifier (must not be empty), e.g. `"geonames:2643743"`.
    pub id: String,
    /// A human-readable label or type, e.g. `"London"` or `"city"`.
    #[serde(default)]
    pub label: String,
    /// The names (aliases) to look for, as written.
    pub names: Vec<String>,
}

impl Record {
    /// Creates a record.
    pub fn new<I, S>(id: impl Into<String>, label: impl Into<String>, names: I) -> Record
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Record {
            id: id.into(),
            label: label.into(),
            names: names.into_iter().map(Into::into).collect(),
        }
    }
}

/// An entity of a built matcher: the `id` and `label` of its record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The record's id.
    pub id: String,
    /// The record's label.
    pub label: String,
}

/// One match: a name of the gazetteer found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Match {
    /// Byte offset of the first byte of the match in the text.
    pub start: usize,
    /// Byte offset just past the match: `&text[start..end]` is the match.
    pub end: usize,
    /// The name found: see [`EntityMatcher::name`] and
    /// [`EntityMatcher::name_entities`].
    pub name: u32,
    /// The first entity with that name: see [`EntityMatcher::entity`].
    pub entity: u32,
}

/// How matches that overlap are selected.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Overlaps {
    /// Non-overlapping: the leftmost valid match, the longest one at that
    /// start, then the search resumes after it (`"leftmost-longest"`).
    #[default]
    LeftmostLongest,
    /// Every valid match, including overlapping and nested ones (`"all"`).
    All,
}

impl Overlaps {
    /// The option's name: `"leftmost-longest"` or `"all"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Overlaps::LeftmostLongest => "leftmost-longest",
            Overlaps::All => "all",
        }
    }
}

impl Match {
    /// The byte range of the match in the text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl fmt::Display for Overlaps {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Overlaps {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Overlaps, crate::Error> {
        match s {
            "leftmost-longest" => Ok(Overlaps::LeftmostLongest),
            "all" => Ok(Overlaps::All),
            _ => Err(crate::Error::option(format!(
                "overlaps must be \"leftmost-longest\" or \"all\", got {s:?}"
            ))),
        }
    }
}

/// How one name is compared with the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CasePolicy {
    /// Follow the matcher's folding (case-insensitive unless built
    /// case-sensitive).
    #[default]
    Fold,
    /// Match only exactly as written, whatever the matcher's folding.
    Exact,
}

impl CasePolicy {
    /// The policy's name: `"fold"` or `"exact"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CasePolicy::Fold => "fold",
            CasePolicy::Exact => "exact",
        }
    }
}

impl FromStr for CasePolicy {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<CasePolicy, crate::Error> {
        match s {
            "fold" => Ok(CasePolicy::Fold),
            "exact" => Ok(CasePolicy::Exact),
            _ => Err(crate::Error::option(format!(
                "case policy must be \"fold\" or \"exact\", got {s:?}"
            ))),
        }
    }
}

/// The options a matcher was built with (for display and serialization).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Names match only with their case as written (no folding at all).
    pub case_sensitive: bool,
    /// Accents, apostrophe and dash variants are folded too.
    pub fold_accents: bool,
    /// Matches must be whole words.
    pub whole_words: bool,
    /// Selection among overlapping matches.
    pub overlaps: Overlaps,
    /// Names shorter than this many code points (after folding) were dropped.
    pub min_length: usize,
}

/// The Unicode version of the word-character and folding tables (those of
/// the Python the reference semantics were taken from).
pub fn unicode_version() -> &'static str {
    fold::unicode_version()
}
