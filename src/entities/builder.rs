//! Configuration and construction of an [`EntityMatcher`].

use super::fold::{fold_into, fold_str, is_caps, Fold};
use super::matcher::EntityMatcher;
use super::names::{check_name, fold_mode, hash_bytes, IdHasher, Keys, NameSpec};
use super::{CasePolicy, Entity, Options, Overlaps, Record};
use crate::error::{Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// Builds an [`EntityMatcher`] from gazetteer [`Record`]s.
///
/// The defaults are case-insensitive, whole-word, leftmost-longest matching
/// without accent folding, with no minimum length and no stop names, and
/// names written in capitals (acronyms) matching only as written.
///
/// # Case policy of a name
///
/// On a case-insensitive matcher, each name either follows the matcher's
/// folding or matches only as written ([`CasePolicy::Exact`]). The first rule
/// that applies decides:
/// 1. its record's [`Record::case_sensitive`], when set;
/// 2. [`exact_case_names`](Self::exact_case_names): listed names are exact;
/// 3. [`exact_case_acronyms`](Self::exact_case_acronyms) (on by default):
///    a name written in capitals (Python's `str.isupper()`: at least one
///    cased letter and no lowercase or titlecase one, so "WHO", "EU",
///    "U.S.", "G7", "ÖVP") is exact;
/// 4. otherwise the name folds.
///
/// ```
/// use newsprep::entities::{MatcherBuilder, Overlaps, Record};
///
/// let m = MatcherBuilder::new()
///     .fold_accents(true)
///     .overlaps(Overlaps::All)
///     .min_length(2)
///     .stop_names(["of"])
///     .exact_case_names(["Next"])
///     .build([Record::new("BR-SP", "city", ["São Paulo", "Of", "Next"])])
///     .unwrap();
/// assert_eq!(m.find("Sao Paulo: next, Of").len(), 1);
/// assert_eq!(m.find("Next").len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct MatcherBuilder {
    options: Options,
}

impl Default for MatcherBuilder {
    fn default() -> Self {
        MatcherBuilder::new()
    }
}

impl MatcherBuilder {
    /// A builder with the default options.
    pub fn new() -> MatcherBuilder {
        MatcherBuilder {
            options: Options {
                case_sensitive: false,
                fold_accents: false,
                whole_words: true,
                overlaps: Overlaps::LeftmostLongest,
                min_length: 0,
                exact_case_acronyms: true,
                stop_names: Vec::new(),
                exact_case_names: Vec::new(),
            },
        }
    }

    /// Names written in capitals ("WHO", "EU", "U.S.") match only as written
    /// (default `true`), so that the acronym "WHO" does not match the word
    /// "who". A record's `case_sensitive` overrides this for its names.
    pub fn exact_case_acronyms(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.options.exact_case_acronyms = yes;
        self
    }

    /// Match case as written (default `false`: case-insensitive).
    pub fn case_sensitive(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.options.case_sensitive = yes;
        self
    }

    /// Also fold accents, apostrophe and dash variants (default `false`).
    /// Requires case-insensitive matching.
    pub fn fold_accents(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.options.fold_accents = yes;
        self
    }

    /// Require matches to be whole words (default `true`).
    pub fn whole_words(&mut self, yes: bool) -> &mut MatcherBuilder {
        self.options.whole_words = yes;
        self
    }

    /// How overlapping matches are selected (default leftmost-longest).
    pub fn overlaps(&mut self, overlaps: Overlaps) -> &mut MatcherBuilder {
        self.options.overlaps = overlaps;
        self
    }

    /// Drop names with fewer than `chars` code points after folding
    /// (default 0: keep all).
    pub fn min_length(&mut self, chars: usize) -> &mut MatcherBuilder {
        self.options.min_length = chars;
        self
    }

    /// Drop gazetteer names equal to one of these after folding (for
    /// example `["of", "can", "mobile"]`). Adds to earlier calls.
    pub fn stop_names<I, S>(&mut self, names: I) -> &mut MatcherBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options
            .stop_names
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// Gazetteer names written exactly like one of these get
    /// [`CasePolicy::Exact`]: they match only as written ("Next", not
    /// "next" or "NEXT"). Adds to earlier calls. Has no effect on a
    /// case-sensitive matcher, where every name matches only as written.
    ///
    /// When an exact-case name and a folded name share a folded form (the
    /// company "Apple" and the fruit "apple"), text written exactly like the
    /// exact-case name reports that name, other spellings the folded one.
    pub fn exact_case_names<I, S>(&mut self, names: I) -> &mut MatcherBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.options
            .exact_case_names
            .extend(names.into_iter().map(Into::into));
        self
    }

    /// The options set so far.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Builds the matcher.
    ///
    /// Every record becomes an entity (entity `i` is the `i`-th record).
    /// Errors ([`ErrorKind::InvalidRecord`], naming the record's index and
    /// id) for an empty id, an empty or blank name, a name that folds to
    /// nothing or is longer than [`MAX_NAME_BYTES`](super::MAX_NAME_BYTES)
    /// after folding; [`ErrorKind::InvalidOption`] for `case_sensitive`
    /// together with `fold_accents`.
    pub fn build<I>(&self, records: I) -> Result<EntityMatcher>
    where
        I: IntoIterator<Item = Record>,
    {
        let fold = fold_mode(&self.options)?;
        let stop: HashSet<String> = self
            .options
            .stop_names
            .iter()
            .map(|s| fold_str(fold, s))
            .collect();
        let exact: HashSet<&str> = self
            .options
            .exact_case_names
            .iter()
            .map(|s| s.as_str())
            .collect();
        let acronyms = self.options.exact_case_acronyms;

        let mut entities: Vec<Entity> = Vec::new();
        let mut names = NameSpec::default();
        let mut keys = Keys::default();
        // (name, entity) pairs, in record order
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        // folded key hash -> last name with that hash; `chain` links the rest
        let mut by_hash: HashMap<u64, u32, BuildHasherDefault<IdHasher>> = HashMap::default();
        let mut chain: Vec<u32> = Vec::new();
        let mut by_exact: HashMap<String, u32> = HashMap::new();

        for (ri, rec) in records.into_iter().enumerate() {
            let Record {
                id,
                label,
                names: rec_names,
                case_sensitive: rec_case,
            } = rec;
            if id.is_empty() {
                return Err(record_error(ri, &id, "empty id"));
            }
            let ei = u32::try_from(entities.len())
                .map_err(|_| Error::new(ErrorKind::InvalidRecord, "too many records"))?;
            for (ni, name) in rec_names.into_iter().enumerate() {
                let start = keys.data.len();
                fold_into(fold, &name, &mut keys.data);
                let key = &keys.data[start..];
                if let Err(what) = check_name(&name, key) {
                    let shown: String = name.chars().take(40).collect();
                    let shown = if shown.len() < name.len() {
                        format!("{shown:?}...")
                    } else {
                        format!("{name:?}")
                    };
                    return Err(record_error(
                        ri,
                        &id,
                        &format!("name {ni} ({shown}) {what}"),
                    ));
                }
                if (self.options.min_length > 0 && key.chars().count() < self.options.min_length)
                    || stop.contains(key)
                {
                    keys.data.truncate(start);
                    continue;
                }
                let exact_policy = fold != Fold::None
                    && match rec_case {
                        Some(yes) => yes,
                        None => exact.contains(name.as_str()) || (acronyms && is_caps(&name)),
                    };
                let next = names.policies.len() as u32;
                let idx = if exact_policy {
                    *by_exact.entry(name.clone()).or_insert(next)
                } else {
                    let h = hash_bytes(key.as_bytes());
                    let mut found = next;
                    let mut cand = by_hash.get(&h).copied().unwrap_or(NONE);
                    while cand != NONE {
                        if names.policies[cand as usize] == CasePolicy::Fold
                            && keys.get(cand as usize) == key
                        {
                            found = cand;
                            break;
                        }
                        cand = chain[cand as usize];
                    }
                    found
                };
                if idx == next {
                    let h = hash_bytes(key.as_bytes());
                    chain.push(by_hash.insert(h, next).unwrap_or(NONE));
                    keys.end
                        .push(u32::try_from(keys.data.len()).map_err(|_| too_big())?);
                    names.written.data.push_str(&name);
                    let end = names.written.data.len();
                    names
                        .written
                        .end
                        .push(u32::try_from(end).map_err(|_| too_big())?);
                    names.policies.push(if exact_policy {
                        CasePolicy::Exact
                    } else {
                        CasePolicy::Fold
                    });
                } else {
                    keys.data.truncate(start);
                }
                pairs.push((idx, ei));
            }
            entities.push(Entity { id, label });
        }
        drop(by_hash);
        drop(chain);
        drop(by_exact);
        EntityMatcher::assemble(self.options.clone(), fold, entities, names, keys, pairs)
    }
}

const NONE: u32 = u32::MAX;

fn too_big() -> Error {
    Error::new(
        ErrorKind::InvalidRecord,
        "gazetteer too large (over 4 GiB of names)",
    )
}

fn record_error(index: usize, id: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidRecord,
        format!("record {index} (id {id:?}): {what}"),
    )
}
