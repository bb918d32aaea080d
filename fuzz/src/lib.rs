//! The properties the fuzz targets check, one function per target, each taking the fuzzer's
//! bytes and panicking when a promise of newsprep breaks.
//!
//! This file is also compiled into the main crate's `tests/fuzz_regressions.rs` (by `#[path]`),
//! which replays every input kept under `fuzz/regressions/<target>/` in `cargo test`: a crash
//! found by the fuzzer stays a test without libFuzzer. So it uses newsprep's public API only.

use std::collections::HashSet;

use newsprep::boilerplate::Cleaner;
use newsprep::entities::{EntityMatcher, MatcherBuilder, Overlaps, Record};
use newsprep::html::{charset, Extractor};
use newsprep::sentences::{Language, LanguageMode, SentenceSplitter};

/// The names of the targets, as in `fuzz/Cargo.toml` and `fuzz/regressions/`.
pub const TARGETS: &[&str] = &["sentences", "clean", "find", "load", "extract", "warc"];

/// Runs the check of `target` on `data`.
pub fn check(target: &str, data: &[u8]) {
    match target {
        "sentences" => sentences(data),
        "clean" => clean(data),
        "find" => find(data),
        "load" => load(data),
        "extract" => extract(data),
        "warc" => warc(data),
        other => panic!("unknown fuzz target {other}"),
    }
}

/// Python's `str.isspace()` (what the sentence splitter trims): Unicode White_Space plus the
/// separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.splitlines()` line breaks (`\r\n` is one break).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{b}'
            | '\u{c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

// ------------------------------------------------------------------------------ sentences

/// Sentence spans: in order, not overlapping, on char boundaries, trimmed, non-empty, and
/// nothing but whitespace left out; `split` agrees with `spans`. The first byte picks the
/// language mode and whether the splitter has an extra abbreviation.
pub fn sentences(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let langs = Language::ALL;
    let mode = match head as usize % (langs.len() + 2) {
        0 => LanguageMode::Universal,
        1 => LanguageMode::Auto,
        k => LanguageMode::Fixed(langs[k - 2]),
    };
    let mut b = SentenceSplitter::builder();
    b.language(mode);
    if head & 0x80 != 0 {
        b.abbreviation("Brgy", newsprep::sentences::AbbrevClass::Title);
    }
    let splitter = b.build().expect("a valid splitter");
    let spans = splitter.spans(&text);
    let mut last = 0;
    let mut covered = String::new();
    for &(s, e) in &spans {
        assert!(
            last <= s && s < e && e <= text.len(),
            "span {s}..{e} after {last}"
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "span {s}..{e} off a char boundary"
        );
        let sent = &text[s..e];
        assert_eq!(
            sent,
            sent.trim_matches(is_space),
            "span {s}..{e} not trimmed"
        );
        assert!(
            text[last..s].chars().all(is_space),
            "non-space text left out before {s}: {:?}",
            &text[last..s]
        );
        covered.push_str(sent);
        last = e;
    }
    assert!(
        text[last..].chars().all(is_space),
        "non-space text left out at the end"
    );
    let split = splitter.split(&text);
    let from_spans: Vec<&str> = spans.iter().map(|&(s, e)| &text[s..e]).collect();
    assert_eq!(split, from_spans);
}

// ------------------------------------------------------------------------------ clean

/// `clean(clean(x)) == clean(x)`; `explain` partitions the text into `str.splitlines()`
/// lines, and `clean` is exactly the kept lines, each with its own line end; `clean_and_explain`
/// agrees with both. The first byte picks the cleaner's options.
pub fn clean(data: &[u8]) {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut b = Cleaner::builder();
    b.keep_title(head & 1 == 0);
    if head & 2 != 0 {
        b.disable(["short-nav"]);
    }
    if head & 4 != 0 {
        b.extra_phrases(["read more"]);
    }
    let cleaner = b.build().expect("a valid cleaner");
    let out = cleaner.clean(&text);
    assert_eq!(cleaner.clean(&out), out, "clean is not idempotent");
    let ex = cleaner.explain(&text);
    let mut expected = String::new();
    let mut pos = 0;
    for i in 0..ex.len() {
        let (s, e) = (ex.start(i), ex.end(i));
        assert_eq!(
            s,
            pos,
            "line {i} does not start where line {} ended",
            i.max(1) - 1
        );
        assert!(s <= e && e <= text.len(), "line {i}: {s}..{e}");
        let next = if i + 1 < ex.len() {
            ex.start(i + 1)
        } else {
            text.len()
        };
        assert!(e <= next, "line {i} overlaps the next");
        let content = &text[s..e];
        assert!(
            !content.contains(is_line_break),
            "line {i} holds a line break: {content:?}"
        );
        let end = &text[e..next];
        let one_break =
            end == "\r\n" || (end.chars().count() == 1 && end.chars().all(is_line_break));
        assert!(
            one_break || (i + 1 == ex.len() && end.is_empty()),
            "line {i} ends with {end:?}"
        );
        if ex.kept(i) {
            expected.push_str(&text[s..next]);
        }
        pos = next;
    }
    assert_eq!(pos, text.len(), "explain does not cover the text");
    assert_eq!(out, expected, "clean disagrees with explain");
    let (both, ex2) = cleaner.clean_and_explain(&text, None);
    assert_eq!(both, out);
    assert_eq!(ex2.to_vec(), ex.to_vec());
    // the article's parts: its text is the cleaned text; the byline and
    // date are read from lines of the page
    let art = cleaner.article(&text);
    assert_eq!(art.text, out, "article text is not the cleaned text");
    if let Some(by) = &art.byline {
        assert!(!by.is_empty() && text.contains(by.split(", ").next().unwrap_or(by)));
    }
}

// ------------------------------------------------------------------------------ find

/// The small alphabet `find` is checked on: ASCII letters and punctuation, accents
/// precomposed and combining, joiners, "İ", "ı", "ß", the Kelvin sign, dashes and apostrophes,
/// Devanagari with a vowel sign and a virama. Each entry: the character, its case fold, its
/// accent fold (`None`: dropped), whether the folded character is a word character, whether it
/// belongs to the character before it (a mark or joiner), and whether it is an upper-case /
/// lower-case letter (for Python's `str.isupper()`). Values are Python's (`unicodedata`), as
/// the entities module documents them.
type Sym = (char, char, Option<char>, bool, bool, Case);

#[derive(Clone, Copy, PartialEq)]
enum Case {
    Upper,
    Lower,
    None,
}

const ALPHABET: [Sym; 32] = [
    ('a', 'a', Some('a'), true, false, Case::Lower),
    ('b', 'b', Some('b'), true, false, Case::Lower),
    ('A', 'a', Some('a'), true, false, Case::Upper),
    ('B', 'b', Some('b'), true, false, Case::Upper),
    ('x', 'x', Some('x'), true, false, Case::Lower),
    ('X', 'x', Some('x'), true, false, Case::Upper),
    ('k', 'k', Some('k'), true, false, Case::Lower),
    ('i', 'i', Some('i'), true, false, Case::Lower),
    ('I', 'i', Some('i'), true, false, Case::Upper),
    (' ', ' ', Some(' '), false, false, Case::None),
    ('.', '.', Some('.'), false, false, Case::None),
    ('-', '-', Some('-'), false, false, Case::None),
    ('\'', '\'', Some('\''), false, false, Case::None),
    ('\u{2019}', '\u{2019}', Some('\''), false, false, Case::None),
    ('_', '_', Some('_'), true, false, Case::None),
    ('1', '1', Some('1'), true, false, Case::None),
    ('e', 'e', Some('e'), true, false, Case::Lower),
    ('E', 'e', Some('e'), true, false, Case::Upper),
    ('\u{e9}', '\u{e9}', Some('e'), true, false, Case::Lower),
    ('\u{c9}', '\u{e9}', Some('e'), true, false, Case::Upper),
    ('\u{301}', '\u{301}', None, false, true, Case::None),
    ('\u{ad}', '\u{ad}', Some('\u{ad}'), false, true, Case::None),
    (
        '\u{200d}',
        '\u{200d}',
        Some('\u{200d}'),
        false,
        true,
        Case::None,
    ),
    ('\u{df}', '\u{df}', Some('\u{df}'), true, false, Case::Lower),
    ('\u{130}', '\u{130}', Some('i'), true, false, Case::Upper),
    (
        '\u{131}',
        '\u{131}',
        Some('\u{131}'),
        true,
        false,
        Case::Lower,
    ),
    ('\u{2013}', '\u{2013}', Some('-'), false, false, Case::None),
    (
        '\u{926}',
        '\u{926}',
        Some('\u{926}'),
        true,
        false,
        Case::None,
    ),
    (
        '\u{93f}',
        '\u{93f}',
        Some('\u{93f}'),
        false,
        true,
        Case::None,
    ),
    ('\u{94d}', '\u{94d}', None, false, true, Case::None),
    (
        '\u{932}',
        '\u{932}',
        Some('\u{932}'),
        true,
        false,
        Case::None,
    ),
    ('\u{212a}', 'k', Some('k'), true, false, Case::Upper),
];

fn sym(c: char) -> &'static Sym {
    ALPHABET
        .iter()
        .find(|s| s.0 == c)
        .expect("a character of the alphabet")
}

#[derive(Clone, Copy, PartialEq)]
enum FoldMode {
    None,
    Case,
    Accents,
}

fn fold_char(mode: FoldMode, c: char) -> Option<char> {
    let s = sym(c);
    match mode {
        FoldMode::None => Some(c),
        FoldMode::Case => Some(s.1),
        FoldMode::Accents => s.2,
    }
}

fn fold_str(mode: FoldMode, s: &str) -> String {
    s.chars().filter_map(|c| fold_char(mode, c)).collect()
}

/// Python's `str.isupper()` on the alphabet.
fn is_caps(s: &str) -> bool {
    let cases: Vec<Case> = s.chars().map(|c| sym(c).5).collect();
    cases.contains(&Case::Upper) && !cases.contains(&Case::Lower)
}

/// One name of the reference: as written, and whether it matches only as written.
struct RefName {
    written: String,
    exact: bool,
    record: usize,
}

/// The brute-force reference: every `[i, j)` of char positions where some name matches, as
/// the entities module's docs define it, selected leftmost-longest or all.
fn reference(
    text: &str,
    names: &[RefName],
    mode: FoldMode,
    whole: bool,
    all: bool,
) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let k = chars.len();
    let byte = |i: usize| if i < k { chars[i].0 } else { text.len() };
    let ext = |i: usize| sym(chars[i].1).4;
    let dropped = |i: usize| fold_char(mode, chars[i].1).is_none();
    // word-ness of each char's grapheme cluster (a mark or joiner takes its base's)
    let mut cluster_word = vec![false; k];
    for i in 0..k {
        cluster_word[i] = if ext(i) && i > 0 {
            cluster_word[i - 1]
        } else {
            sym(chars[i].1).3
        };
    }
    let boundary = |i: usize| -> bool {
        if i < k && dropped(i) {
            return false; // a dropped mark is never skipped over at either end
        }
        if !whole {
            return true;
        }
        if i < k && ext(i) {
            return false;
        }
        !(i > 0 && i < k && cluster_word[i - 1] && sym(chars[i].1).3)
    };
    let keys: Vec<String> = names.iter().map(|n| fold_str(mode, &n.written)).collect();
    let matches_at = |i: usize, j: usize| -> bool {
        let span = &text[byte(i)..byte(j)];
        let folded = fold_str(mode, span);
        names.iter().zip(&keys).any(|(n, key)| {
            if n.exact {
                span == n.written
            } else {
                folded == *key
            }
        })
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < k {
        if !boundary(i) {
            i += 1;
            continue;
        }
        let ends: Vec<usize> = (i + 1..=k)
            .filter(|&j| boundary(j) && matches_at(i, j))
            .collect();
        if all {
            out.extend(ends.iter().map(|&j| (byte(i), byte(j))));
            i += 1;
        } else if let Some(&j) = ends.last() {
            out.push((byte(i), byte(j)));
            i = j;
        } else {
            i += 1;
        }
    }
    out.sort_unstable();
    out
}

/// `find` against the brute-force reference on texts and names over a small alphabet (byte 0:
/// options; then names separated by bytes >= 0xF0, whose low bits give the record's
/// `case_sensitive`; a 0xFF byte starts the text); with the high bit of byte 0 set, names and
/// text are any UTF-8 and `find` is compared with the linear-time fallback search instead.
pub fn find(data: &[u8]) {
    let Some((&opts, rest)) = data.split_first() else {
        return;
    };
    let raw = opts & 0x80 != 0;
    let case_sensitive = opts & 1 != 0;
    let fold_accents = opts & 2 != 0 && !case_sensitive;
    let whole = opts & 4 == 0;
    let all = opts & 8 != 0;
    let acronyms = opts & 16 == 0;
    let (names_part, text_part) = match rest.iter().position(|&b| b == 0xFF) {
        Some(p) => (&rest[..p], &rest[p + 1..]),
        None => (rest, &[][..]),
    };
    let decode = |bytes: &[u8]| -> String {
        if raw {
            String::from_utf8_lossy(bytes).into_owned()
        } else {
            bytes
                .iter()
                .map(|&b| ALPHABET[b as usize % ALPHABET.len()].0)
                .collect()
        }
    };
    // names: separated by bytes 0xF0..=0xFE; the separator before a name sets its record's
    // case_sensitive (0xF0: none, 0xF1: true, 0xF2: false, others: none)
    let mut names: Vec<(String, Option<bool>)> = Vec::new();
    let mut cur = Vec::new();
    let mut flag = None;
    for &b in names_part {
        if b >= 0xF0 {
            names.push((decode(&cur), flag));
            cur.clear();
            flag = match b {
                0xF1 => Some(true),
                0xF2 => Some(false),
                _ => None,
            };
        } else {
            cur.push(b);
        }
    }
    names.push((decode(&cur), flag));
    names.truncate(16);
    let text = decode(text_part);
    let records = names.iter().enumerate().map(|(i, (name, cs))| {
        let r = Record::new(i.to_string(), "L", [name.as_str()]);
        match cs {
            Some(v) => r.with_case_sensitive(*v),
            None => r,
        }
    });
    let mut b = MatcherBuilder::new();
    b.case_sensitive(case_sensitive)
        .fold_accents(fold_accents)
        .whole_words(whole)
        .overlaps(if all {
            Overlaps::All
        } else {
            Overlaps::LeftmostLongest
        })
        .exact_case_acronyms(acronyms);
    let Ok(matcher) = b.build(records) else {
        return; // bad names (empty, folding to nothing) are errors, not panics
    };
    let found = matcher.find(&text);
    check_matches(&matcher, &text, &found);
    assert_eq!(
        found,
        matcher.find_with_fallback(&text),
        "find disagrees with the fallback search"
    );
    if raw {
        return;
    }
    let mode = if case_sensitive {
        FoldMode::None
    } else if fold_accents {
        FoldMode::Accents
    } else {
        FoldMode::Case
    };
    let ref_names: Vec<RefName> = names
        .iter()
        .enumerate()
        .map(|(record, (name, cs))| RefName {
            written: name.clone(),
            exact: cs.unwrap_or(acronyms && is_caps(name)),
            record,
        })
        .collect();
    let expected = reference(&text, &ref_names, mode, whole, all);
    let got: Vec<(usize, usize)> = found.iter().map(|m| (m.start, m.end)).collect();
    assert_eq!(
        got, expected,
        "find disagrees with the reference on {text:?}"
    );
    // each match names a name that matches its text, and an entity with that name
    for m in &found {
        let span = &text[m.start..m.end];
        let name = matcher.name(m.name);
        let id: usize = matcher
            .entity(m.entity)
            .id
            .parse()
            .expect("ids are indexes");
        let r = &ref_names[id];
        let ok = |n: &RefName| {
            if n.exact {
                span == n.written
            } else {
                fold_str(mode, span) == fold_str(mode, &n.written)
            }
        };
        assert!(
            ok(r) && r.record == id,
            "match {span:?} reports record {id} ({:?})",
            r.written
        );
        assert_eq!(
            fold_str(mode, name),
            fold_str(mode, &r.written),
            "match {span:?} names {name:?}"
        );
    }
}

/// Matches are sorted, on char boundaries, inside the text, and name valid indexes.
fn check_matches(matcher: &EntityMatcher, text: &str, found: &[newsprep::entities::Match]) {
    let mut last = (0, 0);
    for m in found {
        assert!(
            m.start < m.end && m.end <= text.len(),
            "match {}..{}",
            m.start,
            m.end
        );
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!((m.start, m.end) >= last, "matches out of order");
        last = (m.start, m.end);
        assert!(
            (m.name as usize) < matcher.len_names() && (m.entity as usize) < matcher.len_entities()
        );
    }
}

// ------------------------------------------------------------------------------ load

/// Any bytes given to `EntityMatcher::from_bytes`: an error or a matcher that finds without
/// panicking and saves to bytes that load to the same matcher.
pub fn load(data: &[u8]) {
    let Ok(m) = EntityMatcher::from_bytes(data) else {
        return;
    };
    let text =
        "Sao Paulo and São Paulo, NEW YORK CITY, the U.S. and Kyiv’s mayor; Zelenskyy. \u{130}zmir";
    let found = m.find(text);
    check_matches(&m, text, &found);
    assert_eq!(found, m.find_with_fallback(text));
    for e in m.entities() {
        let _ = (&e.id, &e.label);
    }
    let again = EntityMatcher::from_bytes(&m.to_bytes()).expect("saved bytes load");
    assert_eq!(again.find(text), found);
    assert_eq!(again.to_bytes(), m.to_bytes());
}

// ------------------------------------------------------------------------------ extract

/// HTML bytes through the charset decoder and the extractor: no panic, and every line of the
/// article is a line of the page's text (when the page's JSON-LD `articleBody` may not stand in
/// for it: bit 0x20 of byte 0). Byte 0 picks a transport charset label and options.
pub fn extract(data: &[u8]) {
    let Some((&head, html)) = data.split_first() else {
        return;
    };
    const LABELS: [Option<&str>; 6] = [
        None,
        Some("utf-8"),
        Some("windows-1252"),
        Some("shift_jis"),
        Some("utf-16le"),
        Some("no-such-charset"),
    ];
    let label = LABELS[head as usize % LABELS.len()];
    let mut b = Extractor::builder();
    b.include_comments(head & 0x40 != 0)
        .include_tables(head & 0x80 == 0);
    // with its JSON-LD `articleBody` a page's text may come from there
    let own_lines = head & 0x20 != 0;
    if own_lines {
        b.disable(["json-ld"]);
    }
    let x = b.build().expect("a valid extractor");
    let out = x.extract_bytes(html, label);
    let decoded = charset::decode(html, label);
    let page = x.page_text(&decoded.text);
    let page_lines: HashSet<&str> = page.split('\n').collect();
    for line in out
        .split('\n')
        .filter(|l| own_lines && !l.trim().is_empty())
    {
        assert!(
            page_lines.contains(line),
            "article line not in the page text: {line:?}"
        );
    }
    let _ = x.article(&decoded.text, Some("https://example.com/a"));
    let _ = x.explain(&decoded.text);
}

// ------------------------------------------------------------------------------ warc

/// Any bytes read as a WARC archive (plain or gzip members), with the default filters and with
/// none: no panic, every step consumes input, and the record counts add up.
pub fn warc(data: &[u8]) {
    newsprep::warc::fuzz_read(data);
}
