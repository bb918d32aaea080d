//! Abbreviation classes and the word tables the splitter consults.

use std::fmt;

use std::str::FromStr;

use crate::error::{Error, Result};

/// The abbreviation list that ships with newsprep (see the file for its format).
pub const DEFAULT_ABBREVIATIONS: &str = include_str!("data/abbreviations.txt");

/// Words that typically open an English sentence (see the file).
pub const DEFAULT_STARTERS: &str = include_str!("data/starters.txt");

/// What a full stop after an abbreviation means.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AbbrevClass {
    /// Never ends a sentence: it precedes a name or another word ("Mr.", "Gen.", "e.g.").
    Title,
    /// Precedes a number ("No. 5", "p. 55"); elsewhere as [`AbbrevClass::Ambiguous`].
    Number,
    /// Precedes a day or a year ("Nov. 7"); elsewhere as [`AbbrevClass::Ambiguous`].
    Month,
    /// "a.m." and "p.m.": ends a sentence before a capitalised word unless it
    /// closes a fronted time phrase ("At 5 a.m. Mr. Smith left") or the word
    /// goes on naming the time: a time zone ("4:15 p.m. ET"), a weekday ("6
    /// p.m. Friday"), a month and day ("3:56 a.m. January 8").
    Time,
    /// Ends a sentence only when a typical sentence opener follows ("Co. They").
    Ambiguous,
    /// Usually ends the sentence: splits before a capitalised word like an
    /// ordinary word ("usw.", "и т. д.").
    Final,
}

impl AbbrevClass {
    /// The class name as written in the data file and accepted from users.
    pub fn as_str(self) -> &'static str {
        match self {
            AbbrevClass::Title => "title",
            AbbrevClass::Number => "number",
            AbbrevClass::Month => "month",
            AbbrevClass::Time => "time",
            AbbrevClass::Ambiguous => "ambiguous",
            AbbrevClass::Final => "final",
        }
    }
}

impl fmt::Display for AbbrevClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AbbrevClass {
    type Err = Error;

    fn from_str(s: &str) -> Result<AbbrevClass> {
        Ok(match s {
            "title" => AbbrevClass::Title,
            "number" => AbbrevClass::Number,
            "month" => AbbrevClass::Month,
            "time" => AbbrevClass::Time,
            "ambiguous" => AbbrevClass::Ambiguous,
            "final" => AbbrevClass::Final,
            other => {
                return Err(Error::option(format!(
                    "unknown abbreviation class {other:?}: expected one of \
                     'title', 'number', 'month', 'time', 'ambiguous', 'final'"
                )))
            }
        })
    }
}

/// Normalises a user-supplied abbreviation: trims whitespace and one final dot,
/// and rejects empty or space-containing entries.
pub fn normalize_abbreviation(raw: &str) -> Result<String> {
    let t = raw.trim();
    let t = t.strip_suffix('.').unwrap_or(t);
    if t.is_empty() {
        return Err(Error::option(format!(
            "abbreviation {raw:?} is empty once its final dot is removed"
        )));
    }
    if t.chars().any(char::is_whitespace) {
        return Err(Error::option(format!(
            "abbreviation {raw:?} contains whitespace; give one word such as \"Supt\" or \"U.S\""
        )));
    }
    if t.ends_with('.') {
        return Err(Error::option(format!(
            "abbreviation {raw:?} ends with more than one dot"
        )));
    }
    Ok(t.to_string())
}

// FNV-1a: the tables hold short words, for which the default SipHash costs
// more than the rest of a lookup. (The keys are the shipped data and the
// user's own abbreviations, so there is no untrusted input to flood them.)
pub(crate) use crate::hash::FnvMap;
use crate::hash::FnvSet;

/// Lookup table from a word (without its final dot) to its class.
///
/// Entries written in lower case match the lower-case, Title-case and
/// UPPER-case forms; entries with capitals match only as written.
#[derive(Clone, Debug, Default)]
pub struct AbbrevTable {
    exact: FnvMap<String, AbbrevClass>,
    folded: FnvMap<String, AbbrevClass>,
    /// A filter over the ASCII entries of both maps, by length and last byte
    /// (see [`ascii_slot`]): a word whose slot has no entry is in neither map,
    /// which rules out most words before a full stop without hashing them.
    /// Removing entries leaves their bits (the filter only has to let every
    /// entry through).
    ascii_ends: [u64; 32],
}

/// The filter slot of an ASCII word: its length (32 and more share one word of
/// the filter) and a bit for its last byte in lower case (`Co`, `co` and `CO`
/// share one).
#[inline]
fn ascii_slot(word: &[u8]) -> (usize, u64) {
    let last = word.last().map_or(0, |b| b.to_ascii_lowercase());
    (word.len().min(31), 1u64 << (last % 64))
}

impl AbbrevTable {
    /// Adds (or replaces) an entry.
    pub fn insert(&mut self, word: &str, class: AbbrevClass) {
        self.mark(word);
        if word.chars().any(char::is_uppercase) {
            self.exact.insert(word.to_string(), class);
        } else {
            self.folded.insert(word.to_string(), class);
        }
    }

    /// Removes the entry of `word` (as written: lower case for folded entries).
    pub fn remove(&mut self, word: &str) {
        self.exact.remove(word);
        self.folded.remove(&fold_word(word));
    }

    /// Adds every entry of `other`, replacing entries of the same word.
    pub fn extend_from(&mut self, other: &AbbrevTable) {
        for (mine, theirs) in self.ascii_ends.iter_mut().zip(&other.ascii_ends) {
            *mine |= theirs;
        }
        self.exact
            .extend(other.exact.iter().map(|(k, v)| (k.clone(), *v)));
        self.folded
            .extend(other.folded.iter().map(|(k, v)| (k.clone(), *v)));
    }

    /// Adds an entry unless the word already has one.
    pub fn insert_if_absent(&mut self, word: &str, class: AbbrevClass) {
        self.mark(word);
        if word.chars().any(char::is_uppercase) {
            self.exact.entry(word.to_string()).or_insert(class);
        } else {
            self.folded.entry(word.to_string()).or_insert(class);
        }
    }

    /// Looks `word` up: exact entries first, then the lower-case form when the
    /// word is lower, Title or UPPER case.
    pub fn get(&self, word: &str) -> Option<AbbrevClass> {
        if word.is_ascii() {
            // An ASCII word can only equal an ASCII entry, of its length and last
            // byte (in lower case, for the folded entries).
            let (len, bit) = ascii_slot(word.as_bytes());
            if self.ascii_ends[len] & bit == 0 {
                return None;
            }
        }
        if let Some(c) = self.exact.get(word) {
            return Some(*c);
        }
        if word.is_ascii() && word.len() <= 32 {
            let mut buf = [0u8; 32];
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            if !simple_casing(b) {
                return None;
            }
            b.make_ascii_lowercase();
            // ASCII in, ASCII out.
            let lower = std::str::from_utf8(b).ok()?;
            return self.folded.get(lower).copied();
        }
        if self.folded.is_empty() {
            return None;
        }
        if !simple_casing_chars(word) {
            return None;
        }
        self.folded.get(&fold_word(word)).copied()
    }

    /// Lets `word` through the ASCII filter (an entry about to be added).
    fn mark(&mut self, word: &str) {
        if word.is_ascii() {
            let (len, bit) = ascii_slot(word.as_bytes());
            self.ascii_ends[len] |= bit;
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.exact.len() + self.folded.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Lower, Title or UPPER case (letters only; other bytes ignored): "co", "Co", "CO" but not "cO".
fn simple_casing(word: &[u8]) -> bool {
    let mut letters = word.iter().filter(|b| b.is_ascii_alphabetic());
    let Some(first) = letters.next() else {
        return true;
    };
    let (mut upper, mut lower) = (false, false);
    for b in letters {
        upper |= b.is_ascii_uppercase();
        lower |= b.is_ascii_lowercase();
    }
    !upper || (first.is_ascii_uppercase() && !lower)
}

/// Lower, Title or UPPER case for any script: the word's lower-case form
/// matches it after its first letter ("ул", "Ул", "УЛ" but not "уЛ").
fn simple_casing_chars(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic()).skip(1);
    let all_upper = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| !c.is_lowercase());
    all_upper || letters.all(|c| !c.is_uppercase())
}

/// Lower-cases a word for table lookups; the Turkish dotted capital "İ" folds
/// to a plain "i" (Unicode lower-cases it to "i" plus a combining dot).
pub fn fold_word(word: &str) -> String {
    if word.contains('İ') {
        word.replace('İ', "i").to_lowercase()
    } else {
        word.to_lowercase()
    }
}

/// Case-insensitive set of words (sentence openers, month names).
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: FnvSet<String>,
}

impl WordSet {
    /// Builds the set from whitespace-separated words, `#` comment lines skipped.
    #[cfg(test)]
    pub fn parse(data: &str) -> WordSet {
        let words = data
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(fold_word)
            .collect();
        WordSet { words }
    }

    /// Adds every word of `other`.
    pub fn extend_from(&mut self, other: &WordSet) {
        self.words.extend(other.words.iter().cloned());
    }

    /// Adds a word (stored lower-cased).
    pub fn insert(&mut self, word: &str) {
        self.words.insert(fold_word(word));
    }

    /// The words, lower-cased.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(String::as_str)
    }

    /// Whether `word` (any case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        if self.words.is_empty() {
            return false;
        }
        if word.is_ascii() && word.len() <= 32 {
            let mut buf = [0u8; 32];
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            return std::str::from_utf8(b)
                .map(|s| self.words.contains(s))
                .unwrap_or(false);
        }
        self.words.contains(&fold_word(word))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_data_and_entries_are_errors() {
        assert!(normalize_abbreviation(" . ").is_err());
        assert!(normalize_abbreviation("St Paul").is_err());
        assert!(normalize_abbreviation("etc..").is_err());
        assert_eq!(normalize_abbreviation("Supt.").unwrap(), "Supt");
    }

    #[test]
    fn starters_are_case_insensitive() {
        let s = WordSet::parse(DEFAULT_STARTERS);
        assert!(s.contains("The") && s.contains("THE") && s.contains("how"));
        assert!(!s.contains("Government"));
    }

    #[test]
    fn the_ascii_filter_lets_every_entry_through() {
        let mut t = AbbrevTable::default();
        assert_eq!(t.get("co"), None);
        assert_eq!(t.get(""), None);
        t.insert("co", AbbrevClass::Ambiguous);
        t.insert("U.S", AbbrevClass::Ambiguous);
        t.insert("bzw", AbbrevClass::Ambiguous);
        t.insert("straße", AbbrevClass::Ambiguous);
        t.insert_if_absent(
            "a-really-long-abbreviation-of-forty-bytes",
            AbbrevClass::Ambiguous,
        );
        for w in ["co", "Co", "CO", "U.S", "bzw", "BZW", "Bzw", "straße"] {
            assert!(t.get(w).is_some(), "{w}");
        }
        assert!(t.get("A-REALLY-LONG-ABBREVIATION-OF-FORTY-BYTES").is_some());
        // the same slots, other words; other case for an entry with capitals; mixed case
        for w in [
            "cp",
            "do",
            "u.s",
            "U.s",
            "bzx",
            "cO",
            "a-really-long-abbreviation-of-forty-byte",
        ] {
            assert_eq!(t.get(w), None, "{w}");
        }
        let mut u = AbbrevTable::default();
        u.extend_from(&t);
        assert!(u.get("Co").is_some() && u.get("U.S").is_some() && u.get("bzw").is_some());
        u.remove("co");
        assert_eq!(u.get("co"), None);
        u.insert("co", AbbrevClass::Ambiguous);
        assert!(u.get("CO").is_some());
    }
}
