//! The parts of a news article users ask for first, from either path: page
//! text cleaned by [`crate::boilerplate::Cleaner`] or HTML extracted by the
//! HTML extractor.
//!
//! Every field but `text` is optional: a field is `None` when the page does
//! not say it (newsprep never invents a value). `date` is ISO 8601
//! (`2024-03-05`, or `2024-03-05T14:30:00+01:00` when the time is known).

use serde::{Deserialize, Serialize};

/// One article: headline, byline, date, body text and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The headline.
    pub title: Option<String>,
    /// Who wrote it, as the page says it, without a leading "By" ("Jane Doe and
    /// John Roe").
    pub byline: Option<String>,
    /// When it was published, ISO 8601.
    pub date: Option<String>,
    /// The article text: one block per line, headline first (the same shape as
    /// [`crate::boilerplate::Cleaner::clean`]'s output).
    pub text: String,
    /// The canonical URL (`<link rel=canonical>`, `og:url`), else the URL the
    /// caller gave.
    pub url: Option<String>,
    /// The publication's name (`og:site_name`, JSON-LD `publisher.name`).
    pub site_name: Option<String>,
    /// The language as a BCP 47 tag (`<html lang>`, `content-language`), when
    /// the page declares it.
    pub language: Option<String>,
}

/// The names of [`Article`]'s fields, in declaration order (bindings build
/// tables and dicts with them).
pub const ARTICLE_FIELDS: [&str; 7] = [
    "title",
    "byline",
    "date",
    "text",
    "url",
    "site_name",
    "language",
];
