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
//!   characters (Python's `str.isalnum()` or `_`, judged after folding), nor
//!   inside a grapheme cluster: a mark or an invisible joiner (soft hyphen,
//!   ZWNJ, ZWJ, word joiner) belongs to the character before it and takes its
//!   word-ness ("franc" is not a word of NFD "français", nor "दिल" of
//!   "दिल्ली"). Names may contain and begin or end with other characters
//!   ("Jean-Luc", "O’Brien", "U.S."); a possessive "’s" after a name does not
//!   prevent the match, since "’" is not a word character.
//! * **Selection**: with [`Overlaps::LeftmostLongest`] (the default), the
//!   scan takes, at the leftmost position where some name matches as a whole
//!   word, the longest such name ("New York City" rather than "New York"),
//!   and continues after it. Only valid (whole-word) matches compete, so a
//!   longer name that ends inside a word never hides a shorter valid one.
//!   [`Overlaps::All`] reports every valid match, overlapping ones included.
//! * **Names and entities**: names that fold to the same key are one name
//!   whose entities are merged ([`EntityMatcher::name_entities`]); a
//!   [`Match`] carries the name and its first entity.
//! * **Case policy**: names written in capitals (acronyms: "WHO", "EU",
//!   "U.S.") match only as written by default, so that "WHO" does not find
//!   the word "who" ([`MatcherBuilder::exact_case_acronyms`]);
//!   [`MatcherBuilder::exact_case_names`] does the same for listed names (the
//!   company "Next", not the word "next"), and a record's
//!   [`Record::case_sensitive`] overrides both for its names.
//! * **Hygiene**: [`MatcherBuilder::min_length`] and
//!   [`MatcherBuilder::stop_names`] drop names.
//! * **Time**: linear in the text whatever the gazetteer (see
//!   [`EntityMatcher`]: crafted input switches to a linear-time search).
//!
//! [`EntityMatcher`] is `Send + Sync`, and serializes compactly with
//! [`EntityMatcher::to_bytes`] or through serde.
//!
//! # Agreement with the reference
//!
//! With `case_sensitive=false`, `exact_case_acronyms=false`, whole words and
//! leftmost-longest, results equal the brute-force reference of
//! `bench_entities.py` exactly (checked on every document of the Reuters dev
//! corpus with the 200, 25k, 344k and 1M name gazetteers by
//! `benches/check_entities_reference.py`), except on text where a mark or
//! joiner follows a word (the reference, by Python's `\w`, puts a boundary
//! there). With `fold_accents`, they equal the reference's accent fold plus
//! three deliberate extensions: dashes fold to `-` (so "Brown–Forman" in a
//! gazetteer finds "Brown-Forman"), lone combining marks are dropped so that
//! NFD text matches like NFC text, and "İ" folds to "i".
//!
//! With the default `exact_case_acronyms=true`, the 25k-name benchmark
//! gazetteer on the Reuters dev corpus finds 3,439 fewer matches than the
//! case-insensitive reference, all from names in capitals: "cts" (cents) for
//! the company CTS 3,431 times, "Ing" (Dr.-Ing.) for ING 4 times, "CTs"
//! (certificates) twice, "geo-political" for GEO and the typo "amd" for AMD;
//! it adds none.
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
//! * Pickling: `to_bytes`/`from_bytes` store every option and the gazetteer
//!   (entities, names with their case policy and entities), not the search
//!   structures, which `from_bytes` rebuilds (1M names: about as long as
//!   the build, 27 MB of bytes). The Python bindings save and pickle these
//!   bytes as they are, so a matcher saved by either language loads in the
//!   other; older versions' files (Rust's and Python's) still load.
//! * [`MatcherBuilder::build`] takes any iterator of records: stream them
//!   rather than collecting a `Vec` to keep peak memory low.

mod builder;
mod fallback;
mod filter;
mod fold;
mod matcher;
mod names;
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
/// Deserializes from JSON objects (see [`RECORD_KEYS`]):
/// `{"id": ..., "label": ..., "names": [...], "case_sensitive": ...}`. `id`
/// is a string (or an integer, written in decimal); `names` a list of
/// strings or one string; `label` may be missing or null (then it is
/// empty); `case_sensitive` may be missing or null (then the matcher's rules
/// decide). Other keys are checked by [`check_record_key`]: keys that could be
/// meant as one of these or as a matcher option are an error, the rest are
/// the record's own data and are ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RecordRepr")]
pub struct Record {
    /// The entity's identifier (must not be empty), e.g. `"geonames:2643743"`.
    pub id: String,
    /// A human-readable label or type, e.g. `"London"` or `"city"`; empty
    /// when the record has none.
    pub label: String,
    /// The names (aliases) to look for, as written.
    pub names: Vec<String>,
    /// `Some(true)`: the record's names match only as written; `Some(false)`:
    /// they follow the matcher's folding even when written in capitals or
    /// listed in [`MatcherBuilder::exact_case_names`]; `None`: the matcher's
    /// rules decide. Has no effect on a case-sensitive matcher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_sensitive: Option<bool>,
}

impl Record {
    /// Creates a record (with `case_sensitive` left to the matcher).
    pub fn new<I, S>(id: impl Into<String>, label: impl Into<String>, names: I) -> Record
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Record {
            id: id.into(),
            label: label.into(),
            names: names.into_iter().map(Into::into).collect(),
            case_sensitive: None,
        }
    }

    /// Sets the record's case policy (see [`Record::case_sensitive`]).
    pub fn with_case_sensitive(mut self, case_sensitive: bool) -> Record {
        self.case_sensitive = Some(case_sensitive);
        self
    }
}

/// The longest name a matcher accepts, in UTF-8 bytes after folding (4 MiB
/// less one byte): longer names are rejected naming their record.
pub const MAX_NAME_BYTES: usize = (1 << 22) - 1;

/// The keys of a gazetteer record that newsprep reads.
pub const RECORD_KEYS: [&str; 4] = ["id", "label", "names", "case_sensitive"];

/// Matcher options, which users sometimes put in records.
const OPTION_KEYS: [&str; 8] = [
    "whole_words",
    "fold_accents",
    "overlaps",
    "min_length",
    "stop_names",
    "exact_case_names",
    "exact_case_acronyms",
    "n_threads",
];

/// Other ways of saying "case_sensitive".
const CASE_KEYS: [&str; 8] = [
    "exact_case",
    "exact",
    "case",
    "match_case",
    "ignore_case",
    "case_insensitive",
    "casefold",
    "fold",
];

/// Other words for "names".
const NAME_KEYS: [&str; 18] = [
    "name",
    "alias",
    "aliases",
    "synonym",
    "synonyms",
    "variant",
    "variants",
    "pattern",
    "patterns",
    "keyword",
    "keywords",
    "term",
    "terms",
    "alt_names",
    "alternate_names",
    "alternative_names",
    "other_names",
    "spellings",
];

/// Checks a record key that is not one of [`RECORD_KEYS`].
///
/// A key is the record's own data (`"type"`, `"population"`, `"wikidata"`:
/// `Ok`) unless it could be meant as something newsprep reads, which is an
/// error (`Err` with a message naming the key and the fix):
/// * a record key spelt differently: another case, `-` or a space for `_`
///   (`"Names"`, `"case-sensitive"`), or a typo of one or two letters
///   (`"lable"`, `"nmaes"`, `"case_sensitve"`; one letter for the short keys);
/// * a matcher option (`"whole_words"`, `"min_length"`, ...), which applies to
///   the whole matcher and is given when building it;
/// * another way of saying `case_sensitive` (`"exact_case"`, `"ignore_case"`)
///   or `names` (`"name"`, `"aliases"`, `"synonyms"`, `"patterns"`, ...).
pub fn check_record_key(key: &str) -> std::result::Result<(), String> {
    if RECORD_KEYS.contains(&key) {
        return Ok(());
    }
    let norm: String = key
        .trim()
        .chars()
        .map(|c| match c {
            '-' | ' ' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    let squashed: String = norm.chars().filter(|&c| c != '_').collect();
    for known in RECORD_KEYS {
        let k_squashed: String = known.chars().filter(|&c| c != '_').collect();
        let limit = if known.len() <= 2 {
            0
        } else if known.len() <= 5 {
            1
        } else {
            2
        };
        if norm == known || squashed == k_squashed || edit_distance(&squashed, &k_squashed) <= limit
        {
            return Err(format!(
                "unknown key {key:?}: did you mean {known:?}? (record keys: {})",
                RECORD_KEYS.join(", ")
            ));
        }
    }
    if norm == "ids" {
        return Err(format!(
            "unknown key {key:?}: a record is one entity with one \"id\"; give each entity its own record"
        ));
    }
    if OPTION_KEYS.contains(&norm.as_str()) {
        return Err(format!(
            "{key:?} is a matcher option, not a record key: give it when building the matcher \
             (from_records(..., {norm}=...))"
        ));
    }
    if CASE_KEYS.contains(&norm.as_str()) {
        return Err(format!(
            "unknown key {key:?}: use \"case_sensitive\": true (names match only as written) or false \
             (names follow the matcher's folding)"
        ));
    }
    if NAME_KEYS.contains(&norm.as_str()) {
        return Err(format!(
            "unknown key {key:?}: every name of the entity goes in \"names\" (a list of str)"
        ));
    }
    Ok(())
}

/// Optimal string alignment distance (edits: insert, delete, substitute,
/// swap two neighbours), on chars; short keys only.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > 2 || a.len() > 64 || b.len() > 64 {
        return usize::MAX;
    }
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, v) in d.iter_mut().take(b.len() + 1).enumerate() {
        *v = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// The serde form of a record, checked into a [`Record`].
#[derive(Deserialize)]
struct RecordRepr {
    id: IdRepr,
    #[serde(default)]
    label: Option<String>,
    names: NamesRepr,
    #[serde(default)]
    case_sensitive: Option<bool>,
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IdRepr {
    Str(String),
    Int(i64),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum NamesRepr {
    One(String),
    Many(Vec<String>),
}

impl TryFrom<RecordRepr> for Record {
    type Error = String;

    fn try_from(r: RecordRepr) -> std::result::Result<Record, String> {
        for key in r.other.keys() {
            check_record_key(key)?;
        }
        Ok(Record {
            id: match r.id {
                IdRepr::Str(s) => s,
                IdRepr::Int(i) => i.to_string(),
            },
            label: r.label.unwrap_or_default(),
            names: match r.names {
                NamesRepr::One(s) => vec![s],
                NamesRepr::Many(v) => v,
            },
            case_sensitive: r.case_sensitive,
        })
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
///
/// `Options::default()` is all off and empty (the options of a matcher
/// saved before the option existed); [`MatcherBuilder::new`] has its own
/// defaults.
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
    /// Names written in capitals (acronyms such as "WHO", "EU", "U.S.") match
    /// only as written, unless their record says otherwise.
    #[serde(default)]
    pub exact_case_acronyms: bool,
    /// Names equal to one of these after folding were dropped.
    #[serde(default)]
    pub stop_names: Vec<String>,
    /// Names written exactly like one of these match only as written.
    #[serde(default)]
    pub exact_case_names: Vec<String>,
}

/// The Unicode version of the word-character and folding tables (those of
/// the Python the reference semantics were taken from).
pub fn unicode_version() -> &'static str {
    fold::unicode_version()
}
