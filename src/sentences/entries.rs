//! The language data files (format in the module docs of `sentences`): one
//! parser for the shipped files, users' abbreviation lists and the language
//! detector. A leaf below `lang` and `detect`: it depends only on `abbrev`'s
//! [`AbbrevClass`].

use super::abbrev::AbbrevClass;
use crate::error::{Error, Result};

/// One line's kind in a data file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntryKind {
    Abbrev(AbbrevClass),
    /// An abbreviation class for every word ending in this (written `-str`:
    /// German street names, "Hauptstr. 5").
    AbbrevSuffix(AbbrevClass),
    /// `none`: not an abbreviation in this language (hides a universal entry).
    NotAbbrev,
    Starter,
    MonthName,
    PreOrdinal,
}

/// A parsed data file.
#[derive(Clone, Debug, Default)]
pub(crate) struct LangData {
    /// (word, kind, local)
    pub entries: Vec<(String, EntryKind, bool)>,
    pub ordinal_dot: bool,
}

/// Parses a language data file (format in the module docs of `sentences`).
pub(crate) fn parse_data(data: &str) -> Result<LangData> {
    let mut out = LangData::default();
    let mut local = false;
    for (no, line) in data.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[local]" {
            local = true;
            continue;
        }
        let at = |msg: String| Error::option(format!("line {}: {msg}", no + 1));
        let mut words = line.split_whitespace();
        let head = words.next().unwrap_or_default();
        let kind = match head {
            "rule" => {
                for w in words {
                    match w {
                        "ordinal-dot" => out.ordinal_dot = true,
                        other => return Err(at(format!("unknown rule {other:?}"))),
                    }
                }
                continue;
            }
            "none" => EntryKind::NotAbbrev,
            "starter" => EntryKind::Starter,
            "monthname" => EntryKind::MonthName,
            "preordinal" => EntryKind::PreOrdinal,
            other => EntryKind::Abbrev(
                other
                    .parse()
                    .map_err(|e: Error| at(e.message().to_string()))?,
            ),
        };
        for w in words {
            if w.ends_with('.') {
                return Err(at(format!("{w:?}: write entries without the final dot")));
            }
            match (w.strip_prefix('-'), kind) {
                (Some(suffix), EntryKind::Abbrev(c)) if !suffix.is_empty() && suffix.is_ascii() => {
                    out.entries
                        .push((suffix.to_lowercase(), EntryKind::AbbrevSuffix(c), local));
                }
                (Some(_), _) => {
                    return Err(at(format!("{w:?}: only abbreviations can be word endings")));
                }
                (None, _) => out.entries.push((w.to_string(), kind, local)),
            }
        }
    }
    Ok(out)
}

/// Parses a data file (format in the module docs of `sentences`) and returns
/// its abbreviations, `[local]` ones included; other entry kinds are skipped.
pub fn parse_abbreviations(data: &str) -> Result<Vec<(String, AbbrevClass)>> {
    Ok(parse_data(data)?
        .entries
        .into_iter()
        .filter_map(|(w, kind, _)| match kind {
            EntryKind::Abbrev(c) => Some((w, c)),
            _ => None,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::{AbbrevTable, DEFAULT_ABBREVIATIONS};

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
    fn bad_data_is_an_error() {
        assert!(parse_abbreviations("nonsense mr").is_err());
        assert!(parse_data("starter -str").is_err());
        assert!(parse_data("number -").is_err());
    }

    #[test]
    fn word_endings() {
        let d = parse_data("number nr -Str").unwrap();
        assert_eq!(
            d.entries[1],
            (
                "str".to_string(),
                EntryKind::AbbrevSuffix(AbbrevClass::Number),
                false
            )
        );
        // users' lists and the listing of the shipped ones hold words only
        assert_eq!(parse_abbreviations("number nr -str").unwrap().len(), 1);
    }
}
