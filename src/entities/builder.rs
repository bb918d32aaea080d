//! Configuration and construction of an [`EntityMatcher`].

use super::fold::{fold_str, Fold};
use super::matcher::{EntityMatcher, NameSpec};
use super::{CasePolicy, Entity, Options, Overlaps, Record};
use crate::error::{Error, ErrorKind, Result};
use std::collections::{HashMap, HashSet};

/// Builds an [`EntityMatcher`] from gazetteer [`Record`]s.
///
/// The defaults are case-insensitive, whole-word, leftmost-longest matching
/// without accent folding, with no minimum length and no stop names.
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
    stop_names: Vec<String>,
    exact_case_names: Vec<String>,
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
            },
            stop_names: Vec::new(),
            exact_case_names: Vec::new(),
        }
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
        self.stop_names.extend(names.into_iter().map(Into::into));
        self
    }

    /// Gazetteer names written exactly like one of these get
    /// [`CasePolicy::Exact`]: they match only as written ("Next", not
    /// "next" or "NEXT"). Adds to earlier calls.
    pub fn exact_case_names<I, S>(&mut self, names: I) -> &mut MatcherBuilder
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.exact_case_names
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
    /// id) for an empty id, an empty or blank name, or a name that folds to
    /// nothing; [`ErrorKind::InvalidOption`] for `case_sensitive` together
    /// with `fold_accents`.
    pub fn build<I>(&self, records: I) -> Result<EntityMatcher>
    where
        I: IntoIterator<Item = Record>,
    {
        let fold = fold_mode(&self.options)?;
        let stop: HashSet<String> = self.stop_names.iter().map(|s| fold_str(fold, s)).collect();
        let exact: HashSet<&str> = self.exact_case_names.iter().map(|s| s.as_str()).collect();

        let mut entities: Vec<Entity> = Vec::new();
        let mut names: Vec<NameSpec> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        // (name, entity) pairs, in record order
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut by_exact: HashMap<String, u32> = HashMap::new();

        for (ri, rec) in records.into_iter().enumerate() {
            let Record {
                id,
                label,
                names: rec_names,
            } = rec;
            if id.is_empty() {
                return Err(record_error(ri, &id, "empty id"));
            }
            let ei = u32::try_from(entities.len())
                .map_err(|_| Error::new(ErrorKind::InvalidRecord, "too many records"))?;
            for (ni, name) in rec_names.into_iter().enumerate() {
                if name.trim().is_empty() {
                    return Err(record_error(
                        ri,
                        &id,
                        &format!("name {ni} ({name:?}) is empty or blank"),
                    ));
                }
                let key = fold_str(fold, &name);
                if key.trim().is_empty() {
                    return Err(record_error(
                        ri,
                        &id,
                        &format!("name {ni} ({name:?}) folds to nothing"),
                    ));
                }
                if self.options.min_length > 0 && key.chars().count() < self.options.min_length {
                    continue;
                }
                if stop.contains(&key) {
                    continue;
                }
                let policy = if fold != Fold::None && exact.contains(name.as_str()) {
                    CasePolicy::Exact
                } else {
                    CasePolicy::Fold
                };
                let next = names.len() as u32;
                let idx = match policy {
                    CasePolicy::Fold => *by_key.entry(key.clone()).or_insert(next),
                    CasePolicy::Exact => *by_exact.entry(name.clone()).or_insert(next),
                };
                if idx == next {
                    names.push(NameSpec { name, policy });
                    keys.push(key);
                }
                pairs.push((idx, ei));
            }
            entities.push(Entity { id, label });
        }
        drop(by_key);
        drop(by_exact);
        EntityMatcher::assemble(self.options.clone(), fold, entities, names, keys, pairs)
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

fn record_error(index: usize, id: &str, what: &str) -> Error {
    Error::new(
        ErrorKind::InvalidRecord,
        format!("record {index} (id {id:?}): {what}"),
    )
}
