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
//! Every decision looks at a bounded window around a candidate, so splitting
//! runs in time linear in the input.
//!
//! ```
//! use newsprep::sentences::SentenceSplitter;
//! let s = SentenceSplitter::new();
//! let text = "Talks resumed at 9 a.m. on Nov. 7 in the U.S. capital. They ended at noon.";
//! assert_eq!(s.split(text), vec![
//!     "Talks resumed at 9 a.m. on Nov. 7 in the U.S. capital.",
//!     "They ended at noon.",
//! ]);
//! ```

mod abbrev;
mod scan;

pub use abbrev::{
    normalize_abbreviation, parse_abbreviations, AbbrevClass, AbbrevTable, WordSet,
    DEFAULT_ABBREVIATIONS, DEFAULT_STARTERS,
};

use std::sync::OnceLock;

use crate::error::Result;

/// A sentence as a byte span `start..end` into the text; never empty, never
/// starting or ending with whitespace.
pub type Span = (usize, usize);

/// Splits news text into sentences.
///
/// Cheap to clone and `Send + Sync`: build one and share it across threads.
#[derive(Clone, Debug)]
pub struct SentenceSplitter {
    abbrevs: AbbrevTable,
    starters: WordSet,
    extra: Vec<(String, AbbrevClass)>,
}

fn default_tables() -> &'static (AbbrevTable, WordSet) {
    static TABLES: OnceLock<(AbbrevTable, WordSet)> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut table = AbbrevTable::default();
        // The shipped data is checked by a unit test; a parse error here would be a
        // build defect, and the fallback is an empty list rather than a panic.
        for (w, c) in parse_abbreviations(DEFAULT_ABBREVIATIONS).unwrap_or_default() {
            table.insert(&w, c);
        }
        (table, WordSet::parse(DEFAULT_STARTERS))
    })
}

impl Default for SentenceSplitter {
    fn default() -> Self {
        SentenceSplitter::new()
    }
}

impl SentenceSplitter {
    /// A splitter with the default abbreviation list.
    pub fn new() -> SentenceSplitter {
        let (abbrevs, starters) = default_tables();
        SentenceSplitter {
            abbrevs: abbrevs.clone(),
            starters: starters.clone(),
            extra: Vec::new(),
        }
    }

    /// A builder for a splitter with extra abbreviations.
    pub fn builder() -> SplitterBuilder {
        SplitterBuilder::default()
    }

    /// The abbreviations added on top of the default list, as given (normalised).
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
        scan::split(self, text, out);
    }

    /// The sentences of `text` as slices of it.
    pub fn split<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }
}

/// Configures a [`SentenceSplitter`].
#[derive(Clone, Debug, Default)]
pub struct SplitterBuilder {
    extra: Vec<(String, AbbrevClass)>,
}

impl SplitterBuilder {
    /// Adds an abbreviation (with or without its final dot) of the given class.
    /// Invalid entries are reported by [`SplitterBuilder::build`].
    pub fn abbreviation(&mut self, word: &str, class: AbbrevClass) -> &mut SplitterBuilder {
        self.extra.push((word.to_string(), class));
        self
    }

    /// Builds the splitter, validating every extra abbreviation.
    pub fn build(&self) -> Result<SentenceSplitter> {
        let mut s = SentenceSplitter::new();
        for (raw, class) in &self.extra {
            let word = normalize_abbreviation(raw)?;
            s.abbrevs.insert(&word, *class);
            s.extra.push((word, *class));
        }
        Ok(s)
    }
}
