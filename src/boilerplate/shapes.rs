//! Lines whose shape only article content has, though each reads as chrome
//! to the line model; the decision floors their score
//! ([`super::decide::CONTENT_SHAPE`]).
//!
//! - [`mark_runs`]: runs of lines that share a template, a counter that goes
//!   up by one and a word that stays the same ("1st round: ...", "2nd round:
//!   ..."; "Day 1 - ...", "Day 2 - ..."; "Step 3: ..."). Such a run is a list
//!   the article is made of (a schedule, a calendar, the steps of a recipe),
//!   yet each of its short lines, a number and a few words without a full
//!   stop, looks like a menu item. Navigation and related-story lists do not
//!   count up: their items are titles, each worded on its own, and numbered
//!   top-N boxes ("1. Title ...") are list bullets, which this does not read.
//!   Nor does a counter of the publication's own units ([`SERIES_WORDS`]:
//!   "Part 2: ...", "Episode 3: ...", "Page 4 ...", "Photo 5 ..."): that is the
//!   navigation of a series or a gallery, links to other pages.
//! - [`mark_posts`]: embedded posts. A tweet embedded in a story reads as its
//!   text and then "— Name (@handle) October 9, 2018": a dash line with digits
//!   and a short text line with a hashtag, both chrome to the model. Nothing
//!   but an embed ends with a handle in parentheses and a date.

use super::decide::{Hard, LineFacts, CONTENT_SHAPE};
use super::features::strip_bullet;

/// A run counts from this many lines.
pub(crate) const MIN_RUN: usize = 4;

/// A line has at least this many words to be part of a run (the counter, the
/// word and something they introduce: "Page 2" lines are not a list).
const MIN_WORDS: u32 = 3;

/// ... and at most this many (longer lines are prose the model reads well).
pub(crate) const MAX_WORDS: u32 = 30;

/// The template of one line: whether the counter comes first ("2nd round")
/// or second ("Round 2"), the word that stays, the counter's value, and what
/// the line says after them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Key<'a> {
    counter_first: bool,
    word: &'a str,
    n: u32,
    rest: &'a str,
}

impl Key<'_> {
    /// `next` continues the run of `self`: same template, counter plus one,
    /// and something else after it (not "Photo 2 of 5", "Photo 3 of 5").
    fn continued_by(&self, next: &Key<'_>) -> bool {
        self.counter_first == next.counter_first
            && self.n.checked_add(1) == Some(next.n)
            && self.word.eq_ignore_ascii_case(next.word)
            && self.rest != next.rest
    }
}

/// Trailing punctuation a counter or the word may carry ("Step 2:", "1a -").
fn is_trail(c: char) -> bool {
    matches!(c, ':' | '.' | ',' | ')' | '-' | '–' | '—')
}

/// The value of a counter token: one to three ASCII digits, then at most
/// three letters ("1st", "2a", "3º") and at most one trailing punctuation
/// mark.
fn counter(tok: &str) -> Option<u32> {
    let digits = tok.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let mut rest = tok[digits..].chars().peekable();
    let mut letters = 0;
    while rest.peek().is_some_and(|c| c.is_alphabetic()) {
        rest.next();
        letters += 1;
    }
    if letters > 3 {
        return None;
    }
    if rest.peek().is_some_and(|&c| is_trail(c)) {
        rest.next();
    }
    if rest.next().is_some() {
        return None;
    }
    tok[..digits].parse().ok()
}

/// Words that count a publication's own units, not the article's content: a
/// run of "Part 1: ...", "Part 2: ..." lines is a series' navigation, one of
/// "Photo 3 ..." lines a gallery's (English, German, French, Spanish,
/// Italian, Portuguese and Dutch; lowercase, compared ignoring case).
pub(crate) const SERIES_WORDS: &[&str] = &[
    // English
    "part",
    "episode",
    "chapter",
    "page",
    "photo",
    "picture",
    "image",
    "slide",
    "video",
    "gallery",
    "volume",
    // German
    "teil",
    "folge",
    "kapitel",
    "seite",
    "bild",
    "foto",
    // French
    "partie",
    "épisode",
    "chapitre",
    "diapo",
    // Spanish, Italian, Portuguese (and Dutch "pagina")
    "parte",
    "episodio",
    "capítulo",
    "capitolo",
    "página",
    "pagina",
    "imagen",
    "immagine",
    "imagem",
    "puntata",
    // Dutch
    "deel",
    "aflevering",
    "hoofdstuk",
    "afbeelding",
];

/// The word of a template: letters only, at least two, with at most one
/// trailing punctuation mark ("round:", "Day"), and not one of
/// [`SERIES_WORDS`].
fn word(tok: &str) -> Option<&str> {
    let w = tok.strip_suffix(is_trail).unwrap_or(tok);
    let letters = w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
    // (an ASCII word's lowercase is its ASCII lowercase, and a listed word
    // with a byte from 0x80 up is none: compared byte for byte, without the
    // char walk and its case mapping per listed word, which took 2,000
    // instructions a call on the L3S pages)
    let series = || {
        if w.is_ascii() {
            SERIES_WORDS
                .iter()
                .any(|s| s.as_bytes().eq_ignore_ascii_case(w.as_bytes()))
        } else {
            SERIES_WORDS
                .iter()
                .any(|s| s.chars().eq(w.chars().flat_map(char::to_lowercase)))
        }
    };
    (letters && !series()).then_some(w)
}

/// Whether the first or second token of `line` (no leading whitespace) may
/// start with an ASCII digit, as [`key`] needs: a byte walk over the first
/// token that leaves the answer to `key` (true) at the first non-ASCII byte,
/// which may be a Unicode space. Most lines are told apart here.
fn may_count(line: &str) -> bool {
    let b = line.as_bytes();
    let ws = |x: u8| matches!(x, b' ' | b'\t'..=b'\r');
    let mut i = 0;
    while i < b.len() && !ws(b[i]) {
        if (i == 0 && b[0].is_ascii_digit()) || b[i] >= 0x80 {
            return true;
        }
        i += 1;
    }
    while i < b.len() && ws(b[i]) {
        i += 1;
    }
    b.get(i).is_some_and(|&x| x.is_ascii_digit() || x >= 0x80)
}

/// The template of a trimmed line, if it has one.
fn key(s: &str) -> Option<Key<'_>> {
    let (line, _) = strip_bullet(s);
    if !may_count(line) {
        return None;
    }
    let mut toks = line.split_whitespace();
    let (a, b) = (toks.next()?, toks.next()?);
    let counter_first = a.as_bytes()[0].is_ascii_digit();
    let (n, w) = if counter_first {
        (counter(a)?, word(b)?)
    } else if b.as_bytes()[0].is_ascii_digit() {
        (counter(b)?, word(a)?)
    } else {
        return None;
    };
    // what follows the second token (`b` is a subslice of `line`)
    let rest = line[b.as_ptr() as usize - line.as_ptr() as usize + b.len()..].trim_start();
    Some(Key {
        counter_first,
        word: w,
        n,
        rest,
    })
}

/// Flags [`CONTENT_SHAPE`] on the lines of every run of at least [`MIN_RUN`]
/// consecutive non-blank lines that share a template, with no hard rule and
/// [`MIN_WORDS`] to [`MAX_WORDS`] words each. `cands`: in page order, the
/// lines that may have a shape (the caller's pick: those with a digit among
/// the features' sample of the line, no hard rule and at most [`MAX_WORDS`]
/// words; every line of a run has its counter there); `spans`: each
/// non-blank line's trimmed span in `text`. One pass over `cands`.
pub(crate) fn mark_runs(
    text: &str,
    spans: &[(usize, usize)],
    cands: &[u32],
    facts: &mut [LineFacts],
) {
    let mut start = 0;
    let mut prev: Option<Key<'_>> = None;
    for j in 0..=cands.len() {
        let cur = cands.get(j).and_then(|&k| {
            let (k, f) = (k as usize, facts[k as usize]);
            let fits = f.hard == Hard::None && (MIN_WORDS..=MAX_WORDS).contains(&f.words);
            fits.then(|| key(&text[spans[k].0..spans[k].1])).flatten()
        });
        // the run goes on: the next line, same template, counter plus one
        let next = j > 0 && cands.get(j).is_some_and(|&k| k == cands[j - 1] + 1);
        let goes_on = next && matches!((&prev, &cur), (Some(p), Some(c)) if p.continued_by(c));
        if !goes_on {
            if prev.is_some() && j - start >= MIN_RUN {
                for &k in &cands[start..j] {
                    facts[k as usize].flags |= CONTENT_SHAPE;
                }
            }
            start = j;
        }
        prev = cur;
    }
}

/// Whether a trimmed line is the attribution an embedded post ends with:
/// a dash, the author's name, the handle in parentheses and two to five
/// tokens of date, the last a year ("— Jane Doe (@jane) October 9, 2018").
fn is_post_attribution(s: &str) -> bool {
    // a dash is '-' or starts with the byte 0xE2: one compare for most lines
    if !matches!(s.as_bytes().first(), Some(b'-' | 0xE2)) {
        return false;
    }
    let Some(rest) = s.strip_prefix(['—', '–', '-']) else {
        return false;
    };
    if !rest.starts_with(char::is_whitespace) {
        return false;
    }
    let Some(at) = rest.find("(@") else {
        return false;
    };
    let after = &rest[at + 2..];
    let handle = after
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    if handle == 0 || !after[handle..].starts_with(')') {
        return false;
    }
    let date = after[handle + 1..].trim();
    let year = date.rsplit(char::is_whitespace).next().unwrap_or("");
    (2..=5).contains(&date.split_whitespace().count())
        && year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && rest[..at].chars().any(char::is_alphanumeric)
}

/// Flags [`CONTENT_SHAPE`] on each embedded post's attribution line
/// ([`is_post_attribution`]) and on the line before it, the post's text,
/// when no hard rule removes them. `cands` and `spans` as for [`mark_runs`]
/// (the attribution's date has digits).
pub(crate) fn mark_posts(
    text: &str,
    spans: &[(usize, usize)],
    cands: &[u32],
    facts: &mut [LineFacts],
) {
    for &k in cands {
        let k = k as usize;
        let f = facts[k];
        if f.hard != Hard::None || f.words > 24 {
            continue;
        }
        if !is_post_attribution(&text[spans[k].0..spans[k].1]) {
            continue;
        }
        facts[k].flags |= CONTENT_SHAPE;
        if let Some(p) = k.checked_sub(1) {
            if facts[p].hard == Hard::None {
                facts[p].flags |= CONTENT_SHAPE;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<bool> {
        let mut spans = Vec::new();
        let mut pos = 0;
        for l in text.split('\n') {
            let t = l.trim();
            if !t.is_empty() {
                let a = pos + l.find(t).unwrap_or(0);
                spans.push((a, a + t.len()));
            }
            pos += l.len() + 1;
        }
        let mut facts: Vec<LineFacts> = spans
            .iter()
            .map(|&(a, b)| LineFacts {
                words: text[a..b].split_whitespace().count() as u32,
                flags: 0,
                hard: Hard::None,
            })
            .collect();
        let cands: Vec<u32> = (0..facts.len() as u32).collect();
        mark_runs(text, &spans, &cands, &mut facts);
        facts.iter().map(|f| f.flags & CONTENT_SHAPE != 0).collect()
    }

    #[test]
    fn counters_that_go_up_with_the_same_word_make_a_run() {
        let cal = "Season calendar\n1st round: 10 March - North track\n2nd round: 8 April - City\n\n3rd round: 22 April - Park\n4th round: 6 May - Lake\nTickets on sale";
        assert_eq!(runs(cal), [false, true, true, true, true, false]);
        let days = "Day 1 - arrive and rest\nDay 2 - the old town\nDay 3 - the coast road\nDay 4 - fly home";
        assert_eq!(runs(days), [true; 4]);
        let bullets = "• Step 1: heat the oven\n• Step 2: mix the flour\n• Step 3: add the eggs\n• Step 4: bake it";
        assert_eq!(runs(bullets), [true; 4]);
    }

    #[test]
    fn lists_that_do_not_count_up_are_no_run() {
        // three lines are too few
        assert_eq!(
            runs("Day 1 - arrive\nDay 2 - the town\nDay 3 - home"),
            [false; 3]
        );
        // the counter skips, or the word changes, or there is no word
        assert_eq!(
            runs("Day 1 - a b\nDay 2 - a b\nDay 4 - a b\nDay 5 - a b"),
            [false; 4]
        );
        assert_eq!(
            runs("Day 1 - a b\nDay 2 - a b\nWeek 3 - a b\nDay 4 - a b"),
            [false; 4]
        );
        assert_eq!(
            runs("1 New store opens\n2 Rates go up\n3 Storm hits coast\n4 Team wins cup"),
            [false; 4]
        );
        // numbered boxes are bullets, and "Page 2" lines too short
        assert_eq!(
            runs("1. Most read story\n2. Another story\n3. Third story\n4. Fourth story"),
            [false; 4]
        );
        assert_eq!(runs("Page 1\nPage 2\nPage 3\nPage 4"), [false; 4]);
        // a gallery's counter says nothing new on each line
        assert_eq!(
            runs("Image 1 of 5\nImage 2 of 5\nImage 3 of 5\nImage 4 of 5"),
            [false; 4]
        );
        // the parts of a series, the episodes of a show: navigation
        assert_eq!(
            runs("Part 1: The town before\nPart 2: How the river rose\nPart 3: The night\nPart 4: The cost"),
            [false; 4]
        );
        assert_eq!(
            runs("EPISODE 1: Pilot of it\nEpisode 2: The return home\nEpisode 3: A storm\nEpisode 4: The end"),
            [false; 4]
        );
        assert_eq!(
            runs("Folge 1: Der Anfang hier\nFolge 2: Die Rückkehr nach\nFolge 3: Der Sturm kam\nFolge 4: Das Ende naht"),
            [false; 4]
        );
        for w in SERIES_WORDS {
            assert_eq!(w.to_lowercase(), *w, "{w}");
        }
        // years are no counters
        assert_eq!(
            runs("Archive 2015 posts\nArchive 2016 posts\nArchive 2017 posts\nArchive 2018 posts"),
            [false; 4]
        );
    }

    /// The series test of `word` is the char walk's: every listed word in
    /// three casings, with a trailing mark, and words that are not listed.
    #[test]
    fn series_words_by_bytes_match_the_char_walk() {
        let walk = |w: &str| {
            SERIES_WORDS
                .iter()
                .any(|s| s.chars().eq(w.chars().flat_map(char::to_lowercase)))
        };
        let mut words: Vec<String> = vec![
            "Day".into(),
            "Round".into(),
            "Étape".into(),
            "KELVIN".into(),
        ];
        for s in SERIES_WORDS {
            let mut chars = s.chars();
            let first: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_uppercase)
                .collect();
            let (cap, tail) = (first + chars.as_str(), chars.as_str().to_string());
            words.extend([s.to_string(), s.to_uppercase(), cap, format!("{s}s"), tail]);
        }
        for w in &words {
            let letters = w.chars().count() >= 2 && w.chars().all(char::is_alphabetic);
            assert_eq!(word(w).is_none(), !letters || walk(w), "{w}");
            assert_eq!(word(&format!("{w}:")), word(w), "{w}");
        }
    }

    #[test]
    fn embedded_posts() {
        for s in [
            "— Jane Doe (@jane_doe) October 9, 2018",
            "- City Council (@council) 9 de outubro de 2018",
        ] {
            assert!(is_post_attribution(s), "{s}");
        }
        for s in [
            "Follow us on Twitter (@paper)",
            "— Jane Doe (@) October 9, 2018",
            "— (@jane) October 9, 2018",
            "Jane Doe (@jane) October 9, 2018",
            "— Jane Doe (@jane) yesterday",
            "— Jane Doe (@jane) on a long afternoon of October 9, 2018",
        ] {
            assert!(!is_post_attribution(s), "{s}");
        }
        let text = "Story line.\nThe vote is today #council\n— City Council (@council) October 9, 2018\nMore.";
        let spans: Vec<(usize, usize)> = {
            let mut v = Vec::new();
            let mut pos = 0;
            for l in text.split('\n') {
                v.push((pos, pos + l.len()));
                pos += l.len() + 1;
            }
            v
        };
        let mut facts = vec![
            LineFacts {
                words: 4,
                flags: 0,
                hard: Hard::None
            };
            4
        ];
        mark_posts(text, &spans, &[0, 1, 2, 3], &mut facts);
        let shaped: Vec<bool> = facts.iter().map(|f| f.flags & CONTENT_SHAPE != 0).collect();
        assert_eq!(shaped, [false, true, true, false]);
    }

    /// The byte test lets through every line [`key`] reads.
    #[test]
    fn may_count_lets_every_template_through() {
        let parts = [
            "1", "a", "Day", " ", "\t", "\u{a0}", "2nd", "é", "x1", ":", "–", "7",
        ];
        let mut rng = crate::testing::Rng(0x7e3a_11c5_0b1d_2c3f);
        for _ in 0..20_000 {
            let line: String = (0..rng.below(6))
                .map(|_| parts[rng.below(parts.len())])
                .collect();
            let line = line.trim_start();
            if key(line).is_some()
                || line
                    .split_whitespace()
                    .take(2)
                    .any(|t| t.as_bytes()[0].is_ascii_digit())
            {
                assert!(may_count(line), "{line:?}");
            }
        }
    }

    #[test]
    fn counter_tokens() {
        for (t, n) in [
            ("1", 1),
            ("12a", 12),
            ("3rd", 3),
            ("2:", 2),
            ("1º", 1),
            ("7.", 7),
        ] {
            assert_eq!(counter(t), Some(n), "{t}");
        }
        for t in ["", "a1", "2018", "1abcd", "3::", "1-2", "½"] {
            assert_eq!(counter(t), None, "{t}");
        }
    }
}
