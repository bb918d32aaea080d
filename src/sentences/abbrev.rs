//! Abbreviation classes and the word tables the splitter consults.

use std::collections::HashMap;
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
    /// closes a fronted time phrase ("At 5 a.m. Mr. Smith left").
    Time,
    /// Ends a sentence only when a typical sentence opener follows ("Co. They").
    Ambiguous,
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
            other => {
                return Err(Error::option(format!(
                    "unknown abbreviation class {other:?}: expected one of \
                     'title', 'number', 'month', 'time', 'ambiguous'"
                )))
            }
        })
    }
}

/// Parses the abbreviation data format: `CLASS abbr abbr ...` per line, `#` comments.
pub fn parse_abbreviations(data: &str) -> Result<Vec<(String, AbbrevClass)>> {
    let mut out = Vec::new();
    for (no, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.split_whitespace();
        let class_word = words.next().unwrap_or_default();
        let class: AbbrevClass = class_word
            .parse()
            .map_err(|e: Error| Error::option(format!("line {}: {}", no + 1, e.message())))?;
        for w in words {
            out.push((w.to_string(), class));
        }
    }
    Ok(out)
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

/// Lookup table from a word (without its final dot) to its class.
///
/// Entries written in lower case match the lower-case, Title-case and
/// UPPER-case forms; entries with capitals match only as written.
#[derive(Clone, Debug, Default)]
pub struct AbbrevTable {
    exact: HashMap<String, AbbrevClass>,
    folded: HashMap<String, AbbrevClass>,
}

impl AbbrevTable {
    /// Adds (or replaces) an entry.
    pub fn insert(&mut self, word: &str, class: AbbrevClass) {
        if word.chars().any(char::is_uppercase) {
            self.exact.insert(word.to_string(), class);
        } else {
            self.folded.insert(word.to_string(), class);
        }
    }

    /// Looks `word` up: exact entries first, then the lower-case form when the
    /// word is lower, Title or UPPER case.
    pub fn get(&self, word: &str) -> Option<AbbrevClass> {
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
        let lower = word.to_lowercase();
        self.folded.get(&lower).copied()
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

/// Case-insensitive set of sentence-opening words.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: std::collections::HashSet<String>,
}

impl WordSet {
    /// Builds the set from whitespace-separated words, `#` comment lines skipped.
    pub fn parse(data: &str) -> WordSet {
        let words = data
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(str::to_lowercase)
            .collect();
        WordSet { words }
    }

    /// Whether `word` (any case) is in the set.
    pub fn contains(&self, word: &str) -> bool {
        if word.is_ascii() && word.len() <= 32 {
            let mut buf = [0u8; 32];
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            return std::str::from_utf8(b)
                .map(|s| self.words.contains(s))
                .unwrap_or(false);
        }
        self.words.contains(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_data_parses() {
        let list = parse_abbreviations(DEFAULT_ABBREVIATIONS).unwrap();
        assert!(list.len() > 100);
        let mut t = AbbrevTable::default();
        for (w, c) in &list {
            t.insert(w, *c);
        }
        assert_eq!(t.get("Mr"), Some(AbbrevClass::Title));
        assert_eq!(t.get("MR"), Some(AbbrevClass::Title));
        assert_eq!(t.get("mR"), None);
        assert_eq!(t.get("U.S"), None); // initialisms are recognised by shape, not by list
        assert_eq!(t.get("a.m"), Some(AbbrevClass::Time));
        assert_eq!(t.get("P.M"), Some(AbbrevClass::Time));
        assert_eq!(t.get("Nov"), Some(AbbrevClass::Month));
        assert_eq!(t.get("Co"), Some(AbbrevClass::Ambiguous));
        assert_eq!(t.get("N°"), Some(AbbrevClass::Number));
    }

    #[test]
    fn bad_data_and_entries_are_errors() {
        assert!(parse_abbreviations("nonsense mr").is_err());
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
}
