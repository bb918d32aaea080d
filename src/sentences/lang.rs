//! Languages: their codes, their data files, and the tables the splitter
//! consults for them.
//!
//! Every language's entries outside its `[local]` section are merged into one
//! universal table used when no language is given (English entries first, so
//! English keeps its classes); a chosen language adds its own entries on top
//! (see [`super`] for the data format).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use super::abbrev::{AbbrevClass, AbbrevTable, WordSet};
use super::entries::{parse_data, EntryKind};
use super::{DEFAULT_ABBREVIATIONS, DEFAULT_STARTERS};
use crate::error::{Error, Result};

macro_rules! languages {
    ($( $variant:ident, $code:literal, $name:literal, $data:expr; )*) => {
        /// A language the splitter has rules for, named by its ISO 639-1 code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Language {
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Language {
            /// Every known language, in the order of [`Language::code`] listings.
            pub const ALL: &'static [Language] = &[$(Language::$variant),*];

            /// The ISO 639-1 code ("de", "ja").
            pub fn code(self) -> &'static str {
                match self { $(Language::$variant => $code),* }
            }

            /// The English name of the language.
            pub fn name(self) -> &'static str {
                match self { $(Language::$variant => $name),* }
            }

            /// The language's data file (abbreviations, sentence openers, rules), empty
            /// for languages that need none (their scripts' terminators are universal).
            pub fn data(self) -> &'static str {
                match self { $(Language::$variant => $data),* }
            }
        }
    };
}

languages! {
    English, "en", "English", "";
    German, "de", "German", include_str!("data/de.txt");
    French, "fr", "French", include_str!("data/fr.txt");
    Spanish, "es", "Spanish", include_str!("data/es.txt");
    Italian, "it", "Italian", include_str!("data/it.txt");
    Portuguese, "pt", "Portuguese", include_str!("data/pt.txt");
    Dutch, "nl", "Dutch", include_str!("data/nl.txt");
    Russian, "ru", "Russian", include_str!("data/ru.txt");
    Ukrainian, "uk", "Ukrainian", include_str!("data/uk.txt");
    Polish, "pl", "Polish", include_str!("data/pl.txt");
    Czech, "cs", "Czech", include_str!("data/cs.txt");
    Slovak, "sk", "Slovak", include_str!("data/sk.txt");
    Bulgarian, "bg", "Bulgarian", include_str!("data/bg.txt");
    Kazakh, "kk", "Kazakh", include_str!("data/kk.txt");
    Greek, "el", "Greek", include_str!("data/el.txt");
    Turkish, "tr", "Turkish", include_str!("data/tr.txt");
    Danish, "da", "Danish", include_str!("data/da.txt");
    Norwegian, "no", "Norwegian", include_str!("data/no.txt");
    Swedish, "sv", "Swedish", include_str!("data/sv.txt");
    Finnish, "fi", "Finnish", include_str!("data/fi.txt");
    Hungarian, "hu", "Hungarian", include_str!("data/hu.txt");
    Romanian, "ro", "Romanian", include_str!("data/ro.txt");
    Indonesian, "id", "Indonesian", include_str!("data/id.txt");
    Armenian, "hy", "Armenian", include_str!("data/hy.txt");
    Arabic, "ar", "Arabic", include_str!("data/ar.txt");
    Persian, "fa", "Persian", "";
    Urdu, "ur", "Urdu", "";
    Hebrew, "he", "Hebrew", "";
    Hindi, "hi", "Hindi", include_str!("data/hi.txt");
    Marathi, "mr", "Marathi", include_str!("data/mr.txt");
    Bengali, "bn", "Bengali", include_str!("data/bn.txt");
    Amharic, "am", "Amharic", include_str!("data/am.txt");
    Burmese, "my", "Burmese", "";
    Chinese, "zh", "Chinese", "";
    Japanese, "ja", "Japanese", "";
    Korean, "ko", "Korean", "";
}

/// Old or alternative primary subtags accepted for a known language.
const ALIASES: &[(&str, Language)] = &[
    ("nb", Language::Norwegian),
    ("nn", Language::Norwegian),
    ("iw", Language::Hebrew),
    ("in", Language::Indonesian),
];

impl Language {
    /// The language of a BCP 47 tag or ISO 639-1 code ("de", "de-AT", "pt_BR",
    /// "zh-Hant", "NB"), or `None` when newsprep has no rules for it. Made for
    /// `<html lang>` values: anything unknown is simply `None`.
    pub fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if !(2..=3).contains(&primary.len()) || !primary.is_ascii() {
            return None;
        }
        let lower = primary.to_ascii_lowercase();
        Language::ALL
            .iter()
            .copied()
            .find(|l| l.code() == lower)
            .or_else(|| ALIASES.iter().find(|(a, _)| *a == lower).map(|(_, l)| *l))
    }

    /// Every known code, comma separated (for error messages and docs).
    pub fn known_codes() -> String {
        Language::ALL
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    /// Like [`Language::from_tag`], but an unknown code is an error that lists the known ones.
    fn from_str(s: &str) -> Result<Language> {
        Language::from_tag(s).ok_or_else(|| {
            Error::option(format!(
                "unknown language {s:?}: expected None, \"auto\" or one of {} \
                 (BCP 47 tags such as \"de-AT\" are accepted)",
                Language::known_codes()
            ))
        })
    }
}

/// Which language rules a splitter applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum LanguageMode {
    /// No language: the terminators of every script, the abbreviations of every
    /// language that cannot be mistaken for an ordinary word, English first.
    #[default]
    Universal,
    /// One language: the universal rules plus that language's own entries and rules.
    Fixed(Language),
    /// Identify the language of each text (see [`super::detect_language`]);
    /// [`LanguageMode::Universal`] when it is not clear.
    Auto,
}

impl LanguageMode {
    /// The mode named by a user option: "auto", a language code or BCP 47 tag.
    /// An unknown name is an error listing the known codes.
    pub fn parse(name: &str) -> Result<LanguageMode> {
        if name.trim().eq_ignore_ascii_case("auto") {
            return Ok(LanguageMode::Auto);
        }
        name.parse().map(LanguageMode::Fixed)
    }

    /// "auto", the language code, or `None` for [`LanguageMode::Universal`].
    pub fn name(self) -> Option<&'static str> {
        match self {
            LanguageMode::Universal => None,
            LanguageMode::Fixed(l) => Some(l.code()),
            LanguageMode::Auto => Some("auto"),
        }
    }
}

impl From<Language> for LanguageMode {
    fn from(l: Language) -> LanguageMode {
        LanguageMode::Fixed(l)
    }
}

impl From<Option<Language>> for LanguageMode {
    fn from(l: Option<Language>) -> LanguageMode {
        l.map_or(LanguageMode::Universal, LanguageMode::Fixed)
    }
}

/// The tables of the universal mode: every language's shared entries.
#[derive(Debug, Default)]
pub(crate) struct Universal {
    pub abbrevs: AbbrevTable,
    pub suffixes: Vec<(String, AbbrevClass)>,
    pub starters: WordSet,
    pub months: WordSet,
    pub pre_ordinal: WordSet,
}

/// What one language adds on top of the universal tables.
#[derive(Debug, Default)]
pub(crate) struct Overlay {
    pub abbrevs: AbbrevTable,
    pub suffixes: Vec<(String, AbbrevClass)>,
    pub not_abbrevs: WordSet,
    pub starters: WordSet,
    pub months: WordSet,
    pub pre_ordinal: WordSet,
    pub ordinal_dot: bool,
}

fn english_data() -> String {
    let mut s = String::from(DEFAULT_ABBREVIATIONS);
    s.push('\n');
    for line in DEFAULT_STARTERS.lines() {
        let line = line.trim();
        if !line.is_empty() && !line.starts_with('#') {
            s.push_str("starter ");
            s.push_str(line);
            s.push('\n');
        }
    }
    s
}

struct AllTables {
    universal: Universal,
    overlays: HashMap<Language, Overlay>,
    profiles: Vec<OnceLock<Profile>>,
}

/// The tables one language mode consults, resolved once: the universal
/// tables with a language's overlay applied (one lookup per question).
#[derive(Debug, Default)]
pub(crate) struct Profile {
    pub abbrevs: AbbrevTable,
    /// Word endings that make any word an abbreviation (lower case, ASCII, few).
    pub suffixes: Vec<(String, AbbrevClass)>,
    /// Bit `b` is set when an ending of [`Profile::suffixes`] ends in the ASCII
    /// byte `b` (lower case): most words are ruled out by their last byte.
    pub suffix_ends: u128,
    pub starters: WordSet,
    pub months: WordSet,
    pub pre_ordinal: WordSet,
    pub ordinal_dot: bool,
}

fn tables() -> &'static AllTables {
    static T: OnceLock<AllTables> = OnceLock::new();
    T.get_or_init(|| {
        let mut universal = Universal::default();
        let mut overlays = HashMap::new();
        let english = english_data();
        for &lang in Language::ALL {
            let text = if lang == Language::English {
                english.as_str()
            } else {
                lang.data()
            };
            // The shipped data is checked by a unit test; a parse error here would be
            // a build defect, and the fallback is no entries rather than a panic.
            let data = parse_data(text).unwrap_or_default();
            let mut ov = Overlay {
                ordinal_dot: data.ordinal_dot,
                ..Overlay::default()
            };
            for (word, kind, local) in &data.entries {
                match kind {
                    EntryKind::Abbrev(c) => {
                        ov.abbrevs.insert(word, *c);
                        if lang == Language::English {
                            // English is read first and keeps its own order (a later
                            // line wins), exactly as before languages existed.
                            universal.abbrevs.insert(word, *c);
                        } else if !local {
                            universal.abbrevs.insert_if_absent(word, *c);
                        }
                    }
                    EntryKind::AbbrevSuffix(c) => {
                        ov.suffixes.push((word.clone(), *c));
                        if !local {
                            universal.suffixes.push((word.clone(), *c));
                        }
                    }
                    EntryKind::NotAbbrev => ov.not_abbrevs.insert(word),
                    EntryKind::Starter => {
                        if *local {
                            ov.starters.insert(word);
                        } else {
                            universal.starters.insert(word);
                        }
                    }
                    EntryKind::MonthName => {
                        if *local {
                            ov.months.insert(word);
                        } else {
                            universal.months.insert(word);
                        }
                    }
                    EntryKind::PreOrdinal => {
                        if *local {
                            ov.pre_ordinal.insert(word);
                        } else {
                            universal.pre_ordinal.insert(word);
                        }
                    }
                }
            }
            overlays.insert(lang, ov);
        }
        AllTables {
            universal,
            overlays,
            profiles: (0..=Language::ALL.len()).map(|_| OnceLock::new()).collect(),
        }
    })
}

/// The resolved tables of a language, or of the universal mode (`None`);
/// built on first use.
pub(crate) fn profile(lang: Option<Language>) -> &'static Profile {
    let t = tables();
    let slot = lang.map_or(0, |l| 1 + l as usize);
    t.profiles[slot].get_or_init(|| {
        let u = &t.universal;
        let mut p = Profile::default();
        p.abbrevs.extend_from(&u.abbrevs);
        p.suffixes.clone_from(&u.suffixes);
        p.starters.extend_from(&u.starters);
        p.months.extend_from(&u.months);
        p.pre_ordinal.extend_from(&u.pre_ordinal);
        if let Some(ov) = lang.and_then(|l| t.overlays.get(&l)) {
            for w in ov.not_abbrevs.iter() {
                p.abbrevs.remove(w);
            }
            p.abbrevs.extend_from(&ov.abbrevs);
            for s in &ov.suffixes {
                if !p.suffixes.contains(s) {
                    p.suffixes.push(s.clone());
                }
            }
            p.starters.extend_from(&ov.starters);
            p.months.extend_from(&ov.months);
            p.pre_ordinal.extend_from(&ov.pre_ordinal);
            p.ordinal_dot = ov.ordinal_dot;
        }
        p.suffix_ends = p
            .suffixes
            .iter()
            .filter_map(|(s, _)| s.bytes().last())
            .filter(|b| b.is_ascii())
            .fold(0, |m, b| m | 1u128 << b.to_ascii_lowercase());
        p
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sentences::AbbrevClass;

    #[test]
    fn every_data_file_parses_and_has_no_final_dots() {
        for &l in Language::ALL {
            let d = parse_data(l.data()).unwrap_or_else(|e| panic!("{l}: {e}"));
            if !l.data().is_empty() {
                assert!(!d.entries.is_empty(), "{l}");
            }
        }
        parse_data(&english_data()).unwrap();
    }

    #[test]
    fn bad_data_is_an_error() {
        assert!(parse_data("noun x").is_err());
        assert!(parse_data("title x.").is_err());
        assert!(parse_data("rule sideways").is_err());
    }

    #[test]
    fn codes_tags_and_errors() {
        assert_eq!(Language::from_tag("de"), Some(Language::German));
        assert_eq!(Language::from_tag("de-AT"), Some(Language::German));
        assert_eq!(Language::from_tag("PT_br"), Some(Language::Portuguese));
        assert_eq!(Language::from_tag("zh-Hant-TW"), Some(Language::Chinese));
        assert_eq!(Language::from_tag("nb"), Some(Language::Norwegian));
        assert_eq!(Language::from_tag("xx"), None);
        assert_eq!(Language::from_tag(""), None);
        assert_eq!(Language::from_tag("deutsch"), None);
        let err = "klingon".parse::<Language>().unwrap_err();
        assert!(err.message().contains("de, fr"), "{err}");
        assert_eq!(LanguageMode::parse("AUTO").unwrap(), LanguageMode::Auto);
        assert_eq!(
            LanguageMode::parse("hi").unwrap(),
            LanguageMode::Fixed(Language::Hindi)
        );
        let mut codes: Vec<_> = Language::ALL.iter().map(|l| l.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Language::ALL.len());
    }

    #[test]
    fn english_keeps_its_classes_in_the_universal_table() {
        let u = profile(None);
        assert_eq!(u.abbrevs.get("No"), Some(AbbrevClass::Number));
        assert_eq!(u.abbrevs.get("Mr"), Some(AbbrevClass::Title));
        assert_eq!(u.abbrevs.get("bzw"), Some(AbbrevClass::Title));
        assert_eq!(u.abbrevs.get("ул"), Some(AbbrevClass::Title));
        assert_eq!(u.abbrevs.get("Ул"), Some(AbbrevClass::Title));
        // local entries stay with their language
        assert_eq!(u.abbrevs.get("on"), None);
        let it = profile(Some(Language::Italian));
        assert_eq!(it.abbrevs.get("on"), Some(AbbrevClass::Title));
        assert_eq!(it.abbrevs.get("Mr"), Some(AbbrevClass::Title));
        // Spanish "no." is the word
        assert_eq!(profile(Some(Language::Spanish)).abbrevs.get("no"), None);
        assert!(u.starters.contains("Die") && u.starters.contains("the"));
        assert!(
            !u.starters.contains("to") && profile(Some(Language::Polish)).starters.contains("To")
        );
        assert!(u.months.contains("Oktober"));
        assert!(profile(Some(Language::German)).ordinal_dot && !u.ordinal_dot);
    }
}
