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
    /// The canonical URL (`<link rel=canonical>`, `og:url`; a relative one is
    /// resolved against the URL the caller gave, and dropped without one),
    /// else the URL the caller gave.
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

/// Words that introduce a byline, lowercase, in the languages of the shipped
/// phrase lists ("By", "Von", "Par", "Por", "Di", "Door", "Av", "Af").
const BYLINE_PREFIXES: [&str; 12] = [
    "by ",
    "written by ",
    "story by ",
    "words by ",
    "reporting by ",
    "von ",
    "par ",
    "por ",
    "di ",
    "door ",
    "av ",
    "af ",
];

/// Words allowed in lowercase inside a name ("Ludwig van Beethoven", "Jane
/// Doe and John Roe").
const NAME_PARTICLES: [&str; 16] = [
    "and", "und", "et", "y", "e", "en", "og", "och", "van", "von", "de", "der", "den", "da", "di",
    "la",
];

/// The author named by a byline line ("By Jane Doe and John Roe, Reuters" is
/// `Jane Doe and John Roe, Reuters`), or `None` when the line is not a
/// byline. A date or time after the name ("By Jane Doe | March 5, 2024") is
/// cut off.
///
/// ```
/// use newsprep::article::byline_of;
/// assert_eq!(byline_of("By Jane Doe and John Roe").as_deref(), Some("Jane Doe and John Roe"));
/// assert_eq!(byline_of("BY JANE DOE | March 5, 2024").as_deref(), Some("JANE DOE"));
/// assert_eq!(byline_of("Von Erika Mustermann").as_deref(), Some("Erika Mustermann"));
/// assert_eq!(byline_of("By the end of the year, prices rose."), None);
/// ```
pub fn byline_of(line: &str) -> Option<String> {
    let t = line
        .trim()
        .trim_start_matches(['•', '-', '–', '—', '·'])
        .trim();
    if t.len() > 200 {
        return None;
    }
    let low = t.to_lowercase();
    let prefix = BYLINE_PREFIXES.iter().find(|p| low.starts_with(*p))?;
    // the prefix is ASCII, so its length in bytes is the same in `t`
    let rest = t.get(prefix.len()..)?.trim();
    let rest = cut_at_date(rest);
    let name = rest
        .split(['|', '•', '·', '\u{2014}'])
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([',', ';', ':', '-', '–'])
        .trim();
    // a social handle glued to the name ("Chris Pokorny@DawgsByNature") is not
    // part of it (cut after the test, so what counts as a byline is unchanged)
    looks_like_names(name).then(|| glued_handle_cut(name).to_string())
}

/// `name` without a social handle glued to its end ("Jane Doe@JaneDoeNews"
/// is "Jane Doe"); as it is when the `@` does not follow a letter.
fn glued_handle_cut(name: &str) -> &str {
    match name.find('@') {
        Some(i) if i > 0 && name[..i].ends_with(char::is_alphabetic) => name[..i].trim_end(),
        _ => name,
    }
}

/// `s` up to the first place a date starts, if any: a word that opens a date
/// (a number, a month name, or a weekday or "Updated" before one) after a
/// space, comma or bar. "By Adrian Shaw 18/01/2008" is `Adrian Shaw `, not
/// `Adrian ` (the date is found in "Shaw 18/01/2008" but starts after Shaw).
fn cut_at_date(s: &str) -> &str {
    for (i, c) in s.char_indices() {
        if i > 0
            && (c.is_ascii_digit() || c.is_uppercase())
            && s[..i].ends_with(|p: char| p.is_whitespace() || p == ',' || p == '|')
            && date_opens(&s[i..])
        {
            return &s[..i];
        }
    }
    s
}

/// Words that introduce a date on a byline ("Updated", "Published").
const DATE_INTROS: [&str; 5] = ["updated", "published", "posted", "modified", "last"];

/// Whether a date starts at the start of `s`, perhaps after a weekday or
/// one of [`DATE_INTROS`] ("Friday, Dec 28, 2007", "Updated Nov 13, 2019").
fn date_opens(s: &str) -> bool {
    let first = s.split_whitespace().next().unwrap_or("");
    let word = first.trim_end_matches([',', '.', ':']).to_lowercase();
    let intro = DATE_INTROS.contains(&word.as_str()) || is_weekday(&word);
    if intro {
        let rest = s[first.len()..].trim_start();
        return date_here(rest);
    }
    date_here(s)
}

/// Whether `s` starts with a date: its first word is a number or a month
/// name and [`crate::dates::parse_datetime`] finds a date within its first
/// three words (or, for a number, anywhere: "18/01/2008 10:00").
fn date_here(s: &str) -> bool {
    let Some(first) = s.split_whitespace().next() else {
        return false;
    };
    let digit = first.starts_with(|c: char| c.is_ascii_digit());
    let word = first.trim_end_matches([',', '.']);
    let month = !digit
        && word.chars().all(char::is_alphabetic)
        && crate::dates::parse_datetime(&format!("{word} 1, 2000")).is_some();
    if !digit && !month {
        return false;
    }
    let head: String = s.split_whitespace().take(3).collect::<Vec<_>>().join(" ");
    crate::dates::parse_datetime(&head).is_some()
        || digit && crate::dates::parse_datetime(s).is_some()
}

/// Whether a lowercase word names a weekday in English ("fri", "friday").
fn is_weekday(w: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    w.len() >= 3 && DAYS.iter().any(|d| d.starts_with(w))
}

/// Whether `s` reads as one or more personal or agency names: 1 to 12
/// words, each capitalised (or a particle such as "and", "van"), no sentence
/// punctuation.
fn looks_like_names(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.is_empty() || words.len() > 12 || s.ends_with(['.', '!', '?']) && !s.ends_with(" Jr.")
    {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        let first = w.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            capitalised += 1;
        } else if !NAME_PARTICLES.contains(&w.to_lowercase().as_str()) {
            return false;
        }
    }
    capitalised >= 1 && !words[0].chars().next().is_some_and(|c| c.is_lowercase())
}

/// The publication date on a dateline ("March 5, 2024 4:30 pm", "Published
/// 05.03.2024", "LONDON, March 5 (Reuters) -" is not: it has no year), as ISO
/// 8601; `None` for longer lines (over 16 words), lines without a date, and
/// lines that say the date is another one ("Since 1st March, 1999",
/// "Member since 2004").
pub fn dateline_of(line: &str) -> Option<String> {
    let t = line.trim();
    if t.split_whitespace().count() > 16 || crate::dates::names_another_date(t) {
        return None;
    }
    crate::dates::parse_date(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        for (line, name) in [
            ("By Jane Doe", Some("Jane Doe")),
            ("  • By Tobin Harshaw", Some("Tobin Harshaw")),
            (
                "By JANE DOE, Associated Press Writer",
                Some("JANE DOE, Associated Press Writer"),
            ),
            ("By Jane Doe, March 5, 2024", Some("Jane Doe")),
            // the date starts after the surname, not at it (L3S dev pages)
            ("By Adrian Shaw 18/01/2008 ", Some("Adrian Shaw")),
            (
                "By FEDERICA LUSIARDI - 2019-04-10",
                Some("FEDERICA LUSIARDI"),
            ),
            (
                "by Tameka Kee,\u{a0}Friday, Dec 28, 2007\u{a0}9:00 AM ET",
                Some("Tameka Kee"),
            ),
            (
                "By Chris Pokorny@DawgsByNature Nov 18, 2019, 11:47am EST",
                Some("Chris Pokorny"),
            ),
            (
                "By Umair Irfan Updated Nov 13, 2019, 10:28am EST",
                Some("Umair Irfan"),
            ),
            ("By Jane Doe, Fri. March 5, 2024", Some("Jane Doe")),
            ("By Mark Sunday", Some("Mark Sunday")),
            ("by Ludwig van Beethoven", Some("Ludwig van Beethoven")),
            ("Por María José García", Some("María José García")),
            ("By then it was over.", None),
            ("By clicking you agree to our terms", None),
            ("Byline", None),
            ("By", None),
        ] {
            assert_eq!(byline_of(line).as_deref(), name, "{line:?}");
        }
    }

    #[test]
    fn datelines() {
        assert_eq!(
            dateline_of("December 27, 2007,  5:19 pm").as_deref(),
            Some("2007-12-27T17:19:00")
        );
        assert_eq!(
            dateline_of("Published: 16.01.2008").as_deref(),
            Some("2008-01-16")
        );
        assert_eq!(dateline_of(&"word ".repeat(30)), None);
        // a date the line says is not the page's
        assert_eq!(dateline_of("Since 1st March, 1999"), None);
        assert_eq!(dateline_of("Member since 12 May 2004"), None);
    }
}
