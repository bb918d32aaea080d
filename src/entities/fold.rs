//! Per-code-point folding and word characters.
//!
//! Folding is 1:1 per code point so that positions in the folded text map
//! back to the original text trivially; the one exception is that
//! [`Fold::Accents`] drops code points that are only combining marks, so that
//! NFD input ("Sa\u{303}o") folds like NFC input ("São"). The caller keeps the
//! original byte offsets; the text itself is never modified.
//!
//! The rules reproduce the Python reference (`bench_entities.py`):
//!
//! * [`Fold::Case`]: `str.lower()` of the whole string, when that keeps the
//!   length, else `c.lower()` per code point when that is one code point and
//!   `c` unchanged otherwise. Since only "İ" (U+0130) lowers to two code
//!   points, this means: per-code-point lowercase, except that "Σ" becomes
//!   final sigma "ς" in the Final_Sigma context when the string contains no
//!   "İ" (Python's `str.lower()` applies that context rule).
//! * [`Fold::Accents`]: per code point, lowercase, then NFD with combining
//!   marks removed when that leaves exactly one code point; the apostrophe
//!   variants ’ ‘ ʼ \` ′ become `'`. Two extensions beyond the reference:
//!   dashes U+2010..=U+2015 become `-`, and code points that are only
//!   combining marks are dropped (the reference keeps them, so text with
//!   separate combining marks can differ from it).
//!   A third extension: the accent fold lowercases again after stripping, so
//!   "İ" (whose `lower()` is two code points) folds to "i" and "İzmir" finds
//!   "Izmir" (the reference folds it to "I"). A fourth: letters with a stroke
//!   or bar, which have no decomposition, fold to their base letter (ł ø đ ð
//!   ħ ı ŧ: "Łódź" finds "Lodz"); ß, æ, œ and þ, whose base is two letters,
//!   stay (the fold is 1:1).
//! * Word characters are those for which Python's `str.isalnum()` is true,
//!   plus `_`, judged on the folded code point. Characters that belong to the
//!   one before them ([`is_extend`]: marks, and the invisible joiners soft
//!   hyphen, ZWNJ, ZWJ and word joiner) never start a word boundary: no
//!   boundary falls inside a grapheme cluster ("franc" is not a word of NFD
//!   "français", nor "दिल" of "दिल्ली"). Tables are generated from Python's
//!   `unicodedata` by `scripts/gen_unicode_tables.py`, pinned to one Unicode
//!   version, because Rust's `char::is_alphanumeric` differs (it counts many
//!   combining marks as alphabetic, and follows a newer Unicode version).

use super::unicode_tables as tables;
use serde::{Deserialize, Serialize};

/// Which folding a matcher applies to names and text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum Fold {
    /// No folding: case-sensitive.
    None,
    /// Lowercase per code point.
    Case,
    /// Lowercase, strip accents, unify apostrophes and dashes.
    Accents,
}

/// ASCII word bytes: alphanumeric or `_` (false for every byte >= 0x80).
pub(crate) static ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

const fn ascii_fold(mode: u8) -> [u8; 128] {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match mode {
            0 => b,
            _ if mode == 2 && b == b'`' => b'\'',
            _ => b.to_ascii_lowercase(),
        };
        i += 1;
    }
    t
}

static ASCII_NONE: [u8; 128] = ascii_fold(0);
static ASCII_CASE: [u8; 128] = ascii_fold(1);
static ASCII_ACCENTS: [u8; 128] = ascii_fold(2);

impl Fold {
    /// The fold of every ASCII byte (ASCII folds to ASCII in every mode).
    #[inline]
    pub(crate) fn ascii_table(self) -> &'static [u8; 128] {
        match self {
            Fold::None => &ASCII_NONE,
            Fold::Case => &ASCII_CASE,
            Fold::Accents => &ASCII_ACCENTS,
        }
    }

    /// Folds one non-ASCII code point without context (`None` = dropped).
    /// "Σ" in [`Fold::Case`] needs context: see [`fold_at`].
    #[inline]
    pub(crate) fn fold_char(self, c: char) -> Option<char> {
        match self {
            Fold::None => Some(c),
            Fold::Case => Some(lower(c)),
            Fold::Accents => accent(c),
        }
    }
}

/// Python's `c.lower()` when it is one code point, else `c`.
#[inline]
pub(crate) fn lower(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    lookup_pair(tables::LOWER, c).unwrap_or(c)
}

/// The accent fold of one code point; `None` when it is dropped.
#[inline]
pub(crate) fn accent(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(if c == '`' {
            '\''
        } else {
            c.to_ascii_lowercase()
        });
    }
    if ('\u{2010}'..='\u{2015}').contains(&c) {
        return Some('-');
    }
    if in_ranges(tables::DROP, c) {
        return None;
    }
    Some(lookup_pair(tables::ACCENT, c).unwrap_or_else(|| lower(c)))
}

/// Python's `c.isalnum() or c == '_'`.
#[inline]
pub(crate) fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return ASCII_WORD[c as usize];
    }
    in_ranges(tables::WORD, c)
}

/// Whether `c` belongs to the character before it (a mark, or one of the
/// invisible joiners U+00AD, U+200C, U+200D, U+2060): no word boundary falls
/// before it, and it takes the word-ness of the character it belongs to.
#[inline]
pub(crate) fn is_extend(c: char) -> bool {
    !c.is_ascii() && in_ranges(tables::EXTEND, c)
}

/// Whether `name` is written in capitals, as Python's `str.isupper()`: it has
/// a cased letter, and no lowercase or titlecase letter ("WHO", "U.S.",
/// "G7", "ÖVP"; not "Fed", "ǅ", "123").
pub(crate) fn is_caps(name: &str) -> bool {
    let mut upper = false;
    for c in name.chars() {
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            upper |= c.is_ascii_uppercase();
        } else if in_ranges(tables::LOWER_OR_TITLE, c) {
            return false;
        } else if in_ranges(tables::CASED, c) {
            upper = true;
        }
    }
    upper
}

fn lookup_pair(table: &[(u32, u32)], c: char) -> Option<char> {
    let cp = c as u32;
    table
        .binary_search_by_key(&cp, |&(k, _)| k)
        .ok()
        .and_then(|i| char::from_u32(table[i].1))
}

fn in_ranges(table: &[(u32, u32)], c: char) -> bool {
    let cp = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// Per-text state for context-dependent folding: whether the text contains
/// "İ" (which turns Python's whole-string `lower()` off), computed lazily.
#[derive(Debug, Default)]
pub(crate) struct Context {
    dotted_i: Option<bool>,
    /// Bytes walked in the trie so far (the search's work budget).
    pub(crate) walked: usize,
}

/// Folds the non-ASCII code point `c` found at byte `pos` of `text`.
#[inline]
pub(crate) fn fold_at(
    fold: Fold,
    text: &str,
    pos: usize,
    c: char,
    ctx: &mut Context,
) -> Option<char> {
    if c == '\u{3A3}' && fold == Fold::Case {
        return Some(capital_sigma(text, pos, ctx));
    }
    fold.fold_char(c)
}

#[cold]
fn capital_sigma(text: &str, pos: usize, ctx: &mut Context) -> char {
    let dotted = *ctx.dotted_i.get_or_insert_with(|| text.contains('\u{130}'));
    if dotted {
        return 'σ';
    }
    // Final_Sigma: cased case-ignorable* Σ !(case-ignorable* cased)
    let before = text[..pos]
        .chars()
        .rev()
        .find(|&c| !in_ranges(tables::CASE_IGNORABLE, c))
        .is_some_and(|c| in_ranges(tables::CASED, c));
    if !before {
        return 'σ';
    }
    let after = text[pos + '\u{3A3}'.len_utf8()..]
        .chars()
        .find(|&c| !in_ranges(tables::CASE_IGNORABLE, c))
        .is_some_and(|c| in_ranges(tables::CASED, c));
    if after {
        'σ'
    } else {
        'ς'
    }
}

/// Folds a whole string (a gazetteer name) exactly as the text is folded.
pub(crate) fn fold_str(fold: Fold, s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(fold, s, &mut out);
    out
}

/// Appends the fold of `s` to `out`.
pub(crate) fn fold_into(fold: Fold, s: &str, out: &mut String) {
    if s.is_ascii() {
        let t = fold.ascii_table();
        out.extend(s.bytes().map(|b| t[b as usize] as char));
        return;
    }
    let mut ctx = Context::default();
    for (pos, c) in s.char_indices() {
        if let Some(f) = fold_at(fold, s, pos, c, &mut ctx) {
            out.push(f);
        }
    }
}

/// The Unicode version of the generated tables.
pub(crate) fn unicode_version() -> &'static str {
    tables::UNICODE_VERSION
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_follow_python() {
        assert!(is_word('a') && is_word('_') && is_word('9') && is_word('é'));
        assert!(is_word('²') && is_word('一') && is_word('Ⅻ'));
        // combining marks are not word characters in Python (Rust says
        // alphabetic for some of them)
        assert!(!is_word('\u{303}') && !is_word('\u{93F}'));
        assert!('\u{93F}'.is_alphanumeric());
        assert!(!is_word('’') && !is_word('-') && !is_word(' ') && !is_word('.'));
    }

    #[test]
    fn case_fold() {
        assert_eq!(fold_str(Fold::Case, "São PAULO"), "são paulo");
        // İ lowers to two code points in Python: kept as is
        assert_eq!(fold_str(Fold::Case, "İstanbul"), "İstanbul");
        assert_eq!(fold_str(Fold::Case, "\u{212A}"), "k");
        assert_eq!(fold_str(Fold::Case, "ΟΔΟΣ ΣΑ"), "οδος σα");
        assert_eq!(fold_str(Fold::Case, "ΟΔΟΣ İ"), "οδοσ İ");
        assert_eq!(fold_str(Fold::Case, "Σ"), "σ");
    }

    #[test]
    fn accent_fold() {
        assert_eq!(fold_str(Fold::Accents, "São Paulo"), "sao paulo");
        assert_eq!(fold_str(Fold::Accents, "Sa\u{303}o"), "sao");
        assert_eq!(fold_str(Fold::Accents, "d’Alene `x ʼ′‘"), "d'alene 'x '''");
        assert_eq!(fold_str(Fold::Accents, "a–b—c"), "a-b-c");
        assert_eq!(fold_str(Fold::Accents, "ΟΔΟΣ"), "οδοσ");
        assert_eq!(fold_str(Fold::Accents, "Zürich"), "zurich");
        // "İ".lower() is two code points; the accent fold strips the dot and lowercases
        assert_eq!(fold_str(Fold::Accents, "İzmir"), "izmir");
        assert_eq!(fold_str(Fold::Case, "İzmir"), "İzmir");
    }

    #[test]
    fn caps_follow_python_isupper() {
        for yes in ["WHO", "U.S.", "G7", "ÖVP", "ΕΕ", "США", "İZMİR", "A"] {
            assert!(is_caps(yes), "{yes}");
        }
        for no in ["Fed", "who", "123", "", "ǅ", "Us", "U.s.", "ΕΕa", "-"] {
            assert!(!is_caps(no), "{no}");
        }
    }

    #[test]
    fn extend_chars() {
        for c in [
            '\u{301}', '\u{327}', '\u{94D}', '\u{93E}', '\u{AD}', '\u{200D}', '\u{200C}',
        ] {
            assert!(is_extend(c) && !is_word(c), "{c:?}");
        }
        for c in ['a', 'é', ' ', '-', '’'] {
            assert!(!is_extend(c), "{c:?}");
        }
    }
}
