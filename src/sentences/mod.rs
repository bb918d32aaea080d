//! News-grade sentence splitting.
//!
//! [`SentenceSplitter`] finds sentences in news text and returns byte spans
//! into the input. It is built for text scraped from news pages:
//!
//! * a line break ends a sentence (headlines, datelines, bylines, bullets),
//!   unless the line is clearly wrapped prose (the next line continues in lower
//!   case after a line without final punctuation);
//! * abbreviations ("U.S.", "Nov. 7", "p.m.", "Mr.", "Inc."), initials,
//!   decimals, times, URLs, e-mail addresses and ellipses inside a sentence do
//!   not split;
//! * closing quotes and brackets stay with the sentence they close, and "?!"
//!   or "!!" is one boundary;
//! * inline bullets ("• item • item") and numbered lists ("1. a 2. b") split.
//!
//! # Languages
//!
//! With no language ([`LanguageMode::Universal`], the default) the splitter
//! knows the sentence ends of every script: "。！？" and "!"/"?" or an
//! ellipsis directly followed by Chinese or Japanese text, the danda "।" (and
//! "|" typed for it after Devanagari), the Urdu full stop "۔", the Arabic
//! question mark "؟", the Armenian full stop "։" (and ":" typed for it), the
//! Amharic "።" and "፧", the Burmese "။", the Khmer "។", and the Greek
//! question mark ";" after Greek text. It applies every language's shared
//! abbreviations (English first, so English keeps its classes), month names
//! ("3. Oktober" is a date) and sentence openers.
//!
//! A language ([`LanguageMode::Fixed`], [`Language`]) adds its `[local]`
//! entries (short forms that are ordinary words elsewhere, such as Italian
//! "on." for onorevole) and its rules: in German and Turkish, where nouns after
//! an ordinal may be capitalised, "18. Jahrhundert" is an ordinal, so a number
//! of up to three digits followed by a full stop ends a sentence only before a
//! sentence opener. [`LanguageMode::Auto`] identifies the language of
//! each text with [`detect_language`]. One splitter serves every language:
//! [`SentenceSplitter::spans_with`] takes the language per call (for example
//! from an article's `<html lang>`, through [`Language::from_tag`]).
//!
//! # Data format
//!
//! `data/abbreviations.txt` and `data/starters.txt` are the English lists;
//! `data/<code>.txt` holds each other language's. One entry kind per line,
//! `KIND word word ...`, `#` starts a comment line:
//!
//! * `title`, `number`, `month`, `time`, `ambiguous`, `final`: abbreviations, written
//!   without their final dot (internal dots written: `z.b`, `т.е`), of the
//!   given [`AbbrevClass`]. Lower-case entries match lower, Title and UPPER
//!   case; entries with capitals match only as written. An entry written
//!   `-ending` (ASCII) gives the class to every word of at least two letters
//!   before that ending (`number -str`: German "Hauptstr. 5"); users' lists
//!   hold words only.
//! * `none`: not an abbreviation in this language (hides a universal entry:
//!   Spanish "no." is the word "no").
//! * `starter`: words that open sentences; after an ambiguous abbreviation or
//!   an initial, a capitalised starter means the sentence ended.
//! * `monthname`: month names; "3. Oktober" does not end a sentence.
//! * `preordinal`: words before a number that make "N." an ordinal
//!   ("der 18. Wirtschaftsgipfel").
//! * `rule ordinal-dot`: a number of one to three digits and a full stop is an
//!   ordinal unless a starter follows.
//!
//! A line `[local]` starts the entries that apply only when the language is
//! chosen; the entries above it also go into the universal tables, so they
//! must not be ordinary words of another language (English "gem", "ago" and
//! "list" are `[local]` in German, Spanish and Polish).
//!
//! Every decision looks at a bounded window around a candidate, so splitting
//! runs in time linear in the input.
//!
//! ```
//! use newsprep::sentences::{Language, SentenceSplitter};
//! let s = SentenceSplitter::new();
//! let text = "Talks resumed at 9 a.m. on Nov. 7 in the U.S. capital. They ended at noon.";
//! assert_eq!(s.split(text), vec![
//!     "Talks resumed at 9 a.m. on Nov. 7 in the U.S. capital.",
//!     "They ended at noon.",
//! ]);
//! let de = "Die Messe beginnt am 3. Oktober in Berlin. Sie dauert bis zum 18. Oktober.";
//! assert_eq!(s.split(de).len(), 2);
//! assert_eq!(s.split_with("यह पहला वाक्य है। यह दूसरा है।", Language::Hindi.into()).len(), 2);
//! ```

mod abbrev;
mod detect;
mod entries;
mod lang;
mod scan;

pub use abbrev::{AbbrevClass, DEFAULT_ABBREVIATIONS};
// Internal tables: the splitter's own, not part of the Rust API (users add words with
// `SplitterBuilder::abbreviation`).
pub(crate) use abbrev::{normalize_abbreviation, AbbrevTable, DEFAULT_STARTERS};
pub use detect::detect_language;
pub use entries::parse_abbreviations;
pub use lang::{Language, LanguageMode};

use crate::error::Result;

/// A sentence as a byte span `start..end` into the text; never empty, never
/// starting or ending with whitespace.
pub type Span = (usize, usize);

/// Splits news text into sentences.
///
/// Cheap to build and to clone, and `Send + Sync`: the language tables are
/// shared by every splitter; build one and share it across threads.
#[derive(Clone, Debug, Default)]
pub struct SentenceSplitter {
    mode: LanguageMode,
    extra_table: AbbrevTable,
    extra: Vec<(String, AbbrevClass)>,
}

/// The tables one call consults: the user's extra abbreviations, then the
/// resolved tables of the language mode.
pub(crate) struct Ctx<'a> {
    extra: &'a AbbrevTable,
    p: &'static lang::Profile,
}

impl Ctx<'_> {
    #[inline]
    pub(crate) fn abbrev(&self, word: &str) -> Option<AbbrevClass> {
        if !self.extra.is_empty() {
            if let Some(c) = self.extra.get(word) {
                return Some(c);
            }
        }
        if let Some(c) = self.p.abbrevs.get(word) {
            return Some(c);
        }
        match word.as_bytes().last() {
            Some(&b) if b.is_ascii() && self.p.suffix_ends >> b.to_ascii_lowercase() & 1 == 1 => {
                self.suffix_class(word)
            }
            _ => None,
        }
    }

    /// The class of a word ending in one of the language's abbreviated word
    /// endings after at least two letters ("Hauptstr": a German street).
    #[cold]
    fn suffix_class(&self, word: &str) -> Option<AbbrevClass> {
        let w = word.as_bytes();
        self.p.suffixes.iter().find_map(|(s, c)| {
            let stem = w.len().checked_sub(s.len())?;
            if !w[stem..].eq_ignore_ascii_case(s.as_bytes()) || !word.is_char_boundary(stem) {
                return None;
            }
            let stem = &word[..stem];
            (stem.chars().nth(1).is_some() && stem.chars().all(char::is_alphabetic)).then_some(*c)
        })
    }

    pub(crate) fn is_starter(&self, word: &str) -> bool {
        self.p.starters.contains(word)
    }

    pub(crate) fn is_month(&self, word: &str) -> bool {
        self.p.months.contains(word)
    }

    pub(crate) fn is_pre_ordinal(&self, word: &str) -> bool {
        self.p.pre_ordinal.contains(word)
    }

    /// Longest number (in digits) that "N." may be an ordinal for, by the language's rules.
    pub(crate) fn ordinal_digits(&self) -> usize {
        if self.p.ordinal_dot {
            3
        } else {
            0
        }
    }
}

impl SentenceSplitter {
    /// A splitter with the default tables and no language ([`LanguageMode::Universal`]).
    pub fn new() -> SentenceSplitter {
        SentenceSplitter::default()
    }

    /// A splitter for one language mode.
    pub fn with_language(mode: LanguageMode) -> SentenceSplitter {
        SentenceSplitter {
            mode,
            ..SentenceSplitter::default()
        }
    }

    /// A builder for a splitter with a language or extra abbreviations.
    pub fn builder() -> SplitterBuilder {
        SplitterBuilder::default()
    }

    /// The language mode this splitter applies when a call does not name one.
    pub fn language(&self) -> LanguageMode {
        self.mode
    }

    /// The abbreviations added on top of the default lists, as given (normalised).
    pub fn extra_abbreviations(&self) -> &[(String, AbbrevClass)] {
        &self.extra
    }

    /// Sentence byte spans of `text`, in order, non-overlapping.
    pub fn spans(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        self.spans_into(text, &mut out);
        out
    }

    /// Like [`SentenceSplitter::spans`], appending to `out` (reuse it across calls).
    pub fn spans_into(&self, text: &str, out: &mut Vec<Span>) {
        self.spans_with_into(text, self.mode, out);
    }

    /// Sentence byte spans of `text` under `mode` instead of the splitter's own
    /// (the splitter's extra abbreviations still apply): one splitter serves
    /// documents in many languages.
    pub fn spans_with(&self, text: &str, mode: LanguageMode) -> Vec<Span> {
        let mut out = Vec::new();
        self.spans_with_into(text, mode, &mut out);
        out
    }

    /// Like [`SentenceSplitter::spans_with`], appending to `out`.
    pub fn spans_with_into(&self, text: &str, mode: LanguageMode, out: &mut Vec<Span>) {
        let lang = match mode {
            LanguageMode::Universal => None,
            LanguageMode::Fixed(l) => Some(l),
            LanguageMode::Auto => detect_language(text),
        };
        let cx = Ctx {
            extra: &self.extra_table,
            p: lang::profile(lang),
        };
        scan::split(&cx, text, out);
    }

    /// The sentences of `text` as slices of it.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.split_with(text, self.mode)
    }

    /// The sentences of `text` under `mode` (see [`SentenceSplitter::spans_with`]).
    pub fn split_with<'t>(&self, text: &'t str, mode: LanguageMode) -> Vec<&'t str> {
        self.spans_with(text, mode)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }
}

/// Configures a [`SentenceSplitter`].
#[derive(Clone, Debug, Default)]
pub struct SplitterBuilder {
    mode: LanguageMode,
    extra: Vec<(String, AbbrevClass)>,
}

impl SplitterBuilder {
    /// Sets the language mode (default [`LanguageMode::Universal`]).
    pub fn language(&mut self, mode: LanguageMode) -> &mut SplitterBuilder {
        self.mode = mode;
        self
    }

    /// Adds an abbreviation (with or without its final dot) of the given class.
    /// Invalid entries are reported by [`SplitterBuilder::build`].
    pub fn abbreviation(&mut self, word: &str, class: AbbrevClass) -> &mut SplitterBuilder {
        self.extra.push((word.to_string(), class));
        self
    }

    /// Builds the splitter, validating every extra abbreviation.
    pub fn build(&self) -> Result<SentenceSplitter> {
        let mut s = SentenceSplitter::with_language(self.mode);
        for (raw, class) in &self.extra {
            let word = normalize_abbreviation(raw)?;
            s.extra_table.insert(&word, *class);
            s.extra.push((word, *class));
        }
        Ok(s)
    }
}
