//! Semantics cases and a randomized comparison with a brute-force matcher.

use super::fold::{fold_at, is_word, Context, Fold};
use super::*;
use crate::ErrorKind;
use std::collections::HashMap;

fn matcher(names: &[&str], configure: impl Fn(&mut MatcherBuilder)) -> EntityMatcher {
    let records: Vec<Record> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Record::new(format!("e{i}"), n.to_string(), [n.to_string()]))
        .collect();
    let mut b = MatcherBuilder::new();
    configure(&mut b);
    b.build(records).unwrap()
}

fn spans<'t>(m: &EntityMatcher, text: &'t str) -> Vec<&'t str> {
    m.find(text).iter().map(|x| &text[x.start..x.end]).collect()
}

/// (case, text, names, fold_accents, expected matched substrings)
type Case = (
    &'static str,
    &'static str,
    &'static [&'static str],
    bool,
    &'static [&'static str],
);

const CASES: &[Case] = &[
    (
        "possessive curly",
        "Netanyahu’s office said",
        &["Netanyahu"],
        false,
        &["Netanyahu"],
    ),
    (
        "possessive straight",
        "Netanyahu's office",
        &["Netanyahu"],
        false,
        &["Netanyahu"],
    ),
    (
        "longest",
        "in New York City today",
        &["New York", "New York City", "York"],
        false,
        &["New York City"],
    ),
    (
        "longest then next",
        "New York York",
        &["New York", "York"],
        false,
        &["New York", "York"],
    ),
    (
        "case-insensitive",
        "ZELENSKY said",
        &["Zelensky"],
        false,
        &["ZELENSKY"],
    ),
    (
        "no partial word",
        "Yorkshire and Bennett",
        &["York", "Bennet"],
        false,
        &[],
    ),
    ("fran in français", "le français", &["fran"], false, &[]),
    (
        "hyphen boundary",
        "a Kyiv-based group",
        &["Kyiv"],
        false,
        &["Kyiv"],
    ),
    (
        "hyphen in name",
        "Jean-Luc Picard",
        &["Jean-Luc"],
        false,
        &["Jean-Luc"],
    ),
    (
        "apostrophe in name",
        "Mr O’Brien’s dog",
        &["O’Brien"],
        false,
        &["O’Brien"],
    ),
    (
        "name ends in dot",
        "said U.S. officials",
        &["U.S."],
        false,
        &["U.S."],
    ),
    (
        "name ends in dot, end of text",
        "the U.S.",
        &["U.S."],
        false,
        &["U.S."],
    ),
    (
        "name starts with punctuation",
        "a (Reuters) report",
        &["(Reuters)"],
        false,
        &["(Reuters)"],
    ),
    (
        "digits",
        "shares of A10 Networks rose",
        &["A10 Networks"],
        false,
        &["A10 Networks"],
    ),
    (
        "accented",
        "in São Paulo, Brazil",
        &["São Paulo"],
        false,
        &["São Paulo"],
    ),
    (
        "non-ASCII neighbour",
        "Zürich-Paris",
        &["Paris"],
        false,
        &["Paris"],
    ),
    ("Latin letter after", "Parisé", &["Paris"], false, &[]),
    (
        "emoji",
        "🇺🇦 Kyiv, Ukraine",
        &["Kyiv", "Ukraine"],
        false,
        &["Kyiv", "Ukraine"],
    ),
    (
        "after İ",
        "İstanbul and Ankara",
        &["Ankara"],
        false,
        &["Ankara"],
    ),
    ("İ is not i", "İstanbul", &["istanbul"], false, &[]),
    (
        "İ matches İ",
        "İSTANBUL",
        &["İstanbul"],
        false,
        &["İSTANBUL"],
    ),
    (
        "underscore is a word char",
        "foo_Paris",
        &["Paris"],
        false,
        &[],
    ),
    (
        "longer invalid hides nothing",
        "New Yorkers in New York",
        &["New York", "New Yorker"],
        false,
        &["New York"],
    ),
    (
        "valid shorter beats invalid longer",
        "York Cityx",
        &["York", "York City"],
        false,
        &["York"],
    ),
    (
        "combining mark splits words without folding",
        "Sa\u{303}o",
        &["Sa"],
        false,
        &["Sa"],
    ),
    (
        "accents: Sao Paulo",
        "in Sao Paulo",
        &["São Paulo"],
        true,
        &["Sao Paulo"],
    ),
    (
        "accents: curly apostrophe",
        "Coeur d’Alene, Idaho",
        &["Coeur d'Alene"],
        true,
        &["Coeur d’Alene"],
    ),
    (
        "accents: NFD text",
        "in Sa\u{303}o Paulo\u{301}’s",
        &["São Paulo"],
        true,
        &["Sa\u{303}o Paulo\u{301}"],
    ),
    (
        "accents: NFD name",
        "in São Paulo",
        &["Sa\u{303}o Paulo"],
        true,
        &["São Paulo"],
    ),
    (
        "accents: dashes",
        "Guinea–Bissau",
        &["Guinea-Bissau"],
        true,
        &["Guinea–Bissau"],
    ),
    ("accents: no partial", "Sa\u{303}ox", &["Sao"], true, &[]),
    ("greek final sigma", "ΟΔΟΣ", &["οδος"], false, &["ΟΔΟΣ"]),
    (
        "aliases",
        "Zelenskyy met Zelensky",
        &["Zelensky", "Zelenskyy"],
        false,
        &["Zelenskyy", "Zelensky"],
    ),
];

#[test]
fn semantics_table() {
    for &(case, text, names, accents, want) in CASES {
        let m = matcher(names, |b| {
            b.fold_accents(accents);
        });
        assert_eq!(spans(&m, text), want, "case {case:?}");
    }
}

#[test]
fn case_sensitive() {
    let m = matcher(&["Paris"], |b| {
        b.case_sensitive(true);
    });
    assert_eq!(spans(&m, "paris Paris PARIS"), ["Paris"]);
}

#[test]
fn overlaps_all() {
    let m = matcher(&["New York", "New York City", "York", "City"], |b| {
        b.overlaps(Overlaps::All);
    });
    assert_eq!(
        spans(&m, "New York City"),
        ["New York", "New York City", "York", "City"]
    );
}

#[test]
fn not_whole_words() {
    let m = matcher(&["york"], |b| {
        b.whole_words(false);
    });
    assert_eq!(spans(&m, "Yorkshire NewYork"), ["York", "York"]);
}

#[test]
fn duplicates_merge() {
    let recs = vec![
        Record::new("a", "A", ["Springfield", "Spr"]),
        Record::new("b", "B", ["SPRINGFIELD"]),
        Record::new("c", "C", ["springfield", "Springfield"]),
    ];
    let m = MatcherBuilder::new().build(recs).unwrap();
    assert_eq!(m.len_names(), 2);
    assert_eq!(m.len_entities(), 3);
    let found = m.find("in springfield");
    assert_eq!(found.len(), 1);
    assert_eq!(m.name(found[0].name), "Springfield");
    assert_eq!(m.entity(found[0].entity).id, "a");
    assert_eq!(m.name_entities(found[0].name), &[0, 1, 2]);
}

#[test]
fn hygiene() {
    let recs = vec![
        Record::new("of", "town", ["Of"]),
        Record::new("x", "town", ["X"]),
        Record::new("next", "company", ["Next"]),
        Record::new("paris", "city", ["Paris"]),
    ];
    let m = MatcherBuilder::new()
        .min_length(2)
        .stop_names(["OF"])
        .exact_case_names(["Next"])
        .build(recs)
        .unwrap();
    assert_eq!(spans(&m, "Of X, next: Next PARIS"), ["Next", "PARIS"]);
    assert_eq!(m.name_policy(m.find("Next")[0].name), CasePolicy::Exact);
}

#[test]
fn exact_and_fold_share_a_key() {
    let recs = vec![
        Record::new("co", "company", ["Apple"]),
        Record::new("fruit", "fruit", ["apple"]),
    ];
    let m = MatcherBuilder::new()
        .exact_case_names(["Apple"])
        .build(recs)
        .unwrap();
    let f = m.find("Apple apple APPLE");
    let ids: Vec<&str> = f.iter().map(|x| m.entity(x.entity).id.as_str()).collect();
    assert_eq!(ids, ["co", "fruit", "fruit"]);
}

#[test]
fn errors_name_the_record() {
    let bad = [
        (Record::new("", "x", ["a"]), "record 1 (id \"\"): empty id"),
        (Record::new("q", "x", [""]), "record 1 (id \"q\"): name 0"),
        (Record::new("q", "x", ["a", "  "]), "name 1"),
    ];
    for (rec, msg) in bad {
        let err = MatcherBuilder::new()
            .build([Record::new("ok", "x", ["fine"]), rec])
            .unwrap_err();
        assert_eq!(err.kind(), &ErrorKind::InvalidRecord);
        assert!(err.message().contains(msg), "{}", err.message());
    }
    let err = MatcherBuilder::new()
        .fold_accents(true)
        .build([Record::new("m", "x", ["\u{301}"])])
        .unwrap_err();
    assert!(
        err.message().contains("folds to nothing"),
        "{}",
        err.message()
    );
    let err = MatcherBuilder::new()
        .case_sensitive(true)
        .fold_accents(true)
        .build([Record::new("m", "x", ["a"])])
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidOption);
    let err = "longest".parse::<Overlaps>().unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidOption);
    assert_eq!("all".parse::<Overlaps>().unwrap(), Overlaps::All);
}

#[test]
fn serde_round_trips() {
    let recs = vec![
        Record::new("a", "A", ["São Paulo", "SP"]),
        Record::new("b", "B", ["sp", "Next"]),
    ];
    let m = MatcherBuilder::new()
        .fold_accents(true)
        .overlaps(Overlaps::All)
        .exact_case_names(["Next"])
        .build(recs)
        .unwrap();
    let text = "Sao Paulo (SP), next Next";
    let want = m.find(text);
    let bytes = m.to_bytes();
    let m2 = EntityMatcher::from_bytes(&bytes).unwrap();
    assert_eq!(m2.find(text), want);
    assert_eq!(m2.options(), m.options());
    assert_eq!(m2.to_bytes(), bytes);
    let json = serde_json::to_string(&m).unwrap();
    let m3: EntityMatcher = serde_json::from_str(&json).unwrap();
    assert_eq!(m3.find(text), want);
    // corrupt input: errors, never panics
    for cut in 0..bytes.len() {
        assert!(EntityMatcher::from_bytes(&bytes[..cut]).is_err());
    }
    let mut rng = Rng(7);
    for _ in 0..2000 {
        let mut b = bytes.clone();
        let i = rng.below(b.len());
        b[i] = rng.next() as u8;
        if let Ok(m4) = EntityMatcher::from_bytes(&b) {
            let _ = m4.find(text);
        }
    }
}

#[test]
fn send_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<EntityMatcher>();
    assert_send_sync::<MatcherBuilder>();
}

// ---------------------------------------------------------------------------
// brute force: fold the whole text, list boundaries, try every (s, e)
// ---------------------------------------------------------------------------

struct Brute {
    fold: Fold,
    keys: HashMap<String, Vec<(String, bool)>>, // folded key -> (written, exact)
    whole: bool,
    all: bool,
}

impl Brute {
    fn find(&self, text: &str) -> Vec<(usize, usize, String)> {
        // folded chars with their original start offsets
        let mut ctx = Context::default();
        let mut chars: Vec<(char, usize)> = Vec::new();
        for (p, c) in text.char_indices() {
            if let Some(f) = fold_at(self.fold, text, p, c, &mut ctx) {
                chars.push((f, p));
            }
        }
        let n = chars.len();
        let orig = |i: usize| if i < n { chars[i].1 } else { text.len() };
        let boundary = |i: usize| {
            !self.whole || i == 0 || i == n || !(is_word(chars[i - 1].0) && is_word(chars[i].0))
        };
        let mut out = Vec::new();
        let mut last = 0;
        for s in 0..n {
            if !boundary(s) || (!self.all && s < last) {
                continue;
            }
            let mut best = None;
            for e in s + 1..=n {
                if !boundary(e) {
                    continue;
                }
                let key: String = chars[s..e].iter().map(|x| x.0).collect();
                if let Some(names) = self.keys.get(&key) {
                    let seen = &text[orig(s)..orig(e)];
                    if names.iter().any(|(w, exact)| !exact || w == seen) {
                        if self.all {
                            out.push((orig(s), orig(e), key.clone()));
                        }
                        best = Some((e, key));
                    }
                }
            }
            if !self.all {
                if let Some((e, key)) = best {
                    out.push((orig(s), orig(e), key));
                    last = e;
                }
            }
        }
        out
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const ALPHABET: &[&str] = &[
    "a", "b", "A", "B", "ab", "ba", " ", " ", "-", "–", "’", "'", ".", "é", "e\u{301}", "\u{301}",
    "İ", "i", "Σ", "σ", "ς", "_", "1", "ß", "\u{212A}", "k", "😀", "\u{93F}", "Ä", "ä",
];

fn random_string(rng: &mut Rng, max_units: usize) -> String {
    let k = 1 + rng.below(max_units);
    (0..k)
        .map(|_| ALPHABET[rng.below(ALPHABET.len())])
        .collect()
}

#[test]
fn randomized_against_brute_force() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let fold_accents = round % 3 == 1;
        let case_sensitive = round % 3 == 2 && round % 2 == 0;
        let whole = round % 7 != 0;
        let all = round % 5 == 0;
        let mut names: Vec<String> = (0..1 + rng.below(12))
            .map(|_| random_string(&mut rng, 4))
            .collect();
        let mut exact_names = Vec::new();
        if round % 4 == 3 {
            exact_names.push(names[0].clone());
        }
        let fold = if case_sensitive {
            Fold::None
        } else if fold_accents {
            Fold::Accents
        } else {
            Fold::Case
        };
        names.retain(|n| !n.trim().is_empty() && !super::fold::fold_str(fold, n).trim().is_empty());
        if names.is_empty() {
            continue;
        }
        let recs: Vec<Record> = names
            .iter()
            .enumerate()
            .map(|(i, n)| Record::new(format!("e{i}"), "", [n.clone()]))
            .collect();
        let m = MatcherBuilder::new()
            .case_sensitive(case_sensitive)
            .fold_accents(fold_accents)
            .whole_words(whole)
            .overlaps(if all {
                Overlaps::All
            } else {
                Overlaps::LeftmostLongest
            })
            .exact_case_names(exact_names.clone())
            .build(recs)
            .unwrap();
        let mut keys: HashMap<String, Vec<(String, bool)>> = HashMap::new();
        for n in &names {
            let exact = fold != Fold::None && exact_names.contains(n);
            keys.entry(super::fold::fold_str(fold, n))
                .or_default()
                .push((n.clone(), exact));
        }
        let brute = Brute {
            fold,
            keys,
            whole,
            all,
        };
        for _ in 0..20 {
            let mut text = String::new();
            for _ in 0..rng.below(6) {
                if rng.below(2) == 0 {
                    text.push_str(&names[rng.below(names.len())]);
                } else {
                    text.push_str(&random_string(&mut rng, 5));
                }
            }
            let got: Vec<(usize, usize, String)> = m
                .find(&text)
                .iter()
                .map(|x| (x.start, x.end, super::fold::fold_str(fold, m.name(x.name))))
                .collect();
            let mut want = brute.find(&text);
            want.sort_by_key(|x| (x.0, x.1));
            let got_spans: Vec<(usize, usize)> = got.iter().map(|x| (x.0, x.1)).collect();
            let want_spans: Vec<(usize, usize)> = want.iter().map(|x| (x.0, x.1)).collect();
            assert_eq!(
                got_spans, want_spans,
                "round {round} text {text:?} names {names:?} exact {exact_names:?} accents {fold_accents} cs {case_sensitive} whole {whole} all {all}"
            );
        }
    }
}

#[test]
fn nfc_and_nfd_text_match_alike_when_folding_accents() {
    use unicode_normalization::UnicodeNormalization;
    let m = matcher(
        &["São Paulo", "Zürich", "Málaga", "Ångström", "Paulo"],
        |b| {
            b.fold_accents(true);
        },
    );
    for text in [
        "São Paulo’s mayor met Zürich and MÁLAGA officials; Ångström-based.",
        "SÃO PAULO, São Paulo, Sao Paulo; Zurich! málaga.",
    ] {
        let nfc: String = text.nfc().collect();
        let nfd: String = text.nfd().collect();
        let a = m.find(&nfc);
        let b = m.find(&nfd);
        let names = |v: &[Match]| v.iter().map(|x| x.name).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b), "{text}");
        for (x, y) in a.iter().zip(&b) {
            let sx: String = nfc[x.start..x.end].nfc().collect();
            let sy: String = nfd[y.start..y.end].nfc().collect();
            assert_eq!(sx, sy);
        }
        assert!(!a.is_empty());
    }
}

#[test]
fn find_into_reuses_and_clears() {
    let m = matcher(&["Paris"], |_| {});
    let mut out = Vec::new();
    m.find_into("Paris, Paris", &mut out);
    assert_eq!(out.len(), 2);
    m.find_into("nothing", &mut out);
    assert!(out.is_empty());
    assert_eq!(m.count("PARIS paris"), 2);
}

#[test]
fn min_length_counts_code_points() {
    let m = matcher(&["Åa", "Åaa", "Ki"], |b| {
        b.min_length(3);
    });
    assert_eq!(spans(&m, "Åa Åaa Ki"), ["Åaa"]);
}

#[test]
fn empty_gazetteers_find_nothing() {
    let m = MatcherBuilder::new().build(Vec::<Record>::new()).unwrap();
    assert!(m.find("anything at all, İ Σ é").is_empty());
    let m = MatcherBuilder::new()
        .stop_names(["of"])
        .build([Record::new("x", "", ["Of"])])
        .unwrap();
    assert_eq!((m.len_names(), m.len_entities()), (0, 1));
    assert!(m.find("of Of OF").is_empty());
    let m2 = EntityMatcher::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(m2.len_entities(), 1);
}

#[test]
fn long_and_unicode_heavy_text() {
    let m = matcher(&["Kyiv", "São Paulo", "U.S.", "Ελλάδα"], |b| {
        b.fold_accents(true);
    });
    let mut text = String::new();
    for i in 0..2000 {
        text.push_str(
            [
                "kyiv ",
                "SAO PAULO, ",
                "the U.S. ",
                "ΕΛΛΑΔΑ; ",
                "x",
                "é",
                "\u{301}",
                "’s ",
            ][i % 8],
        );
    }
    let found = m.find(&text);
    assert!(found.len() > 900);
    for w in found.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for f in &found {
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
    }
}
