//! Semantics cases and a randomized comparison with a brute-force matcher.

use super::fold::{fold_at, is_extend, is_word, Context, Fold};
use super::*;
use crate::testing::Rng;
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
        "a combining mark belongs to its letter: no boundary before it",
        "Sa\u{303}o",
        &["Sa"],
        false,
        &[],
    ),
    (
        "franc in NFD français",
        "le franc\u{327}ais, le franc",
        &["franc"],
        false,
        &["franc"],
    ),
    ("dil in Delhi", "दिल्ली में दिल", &["दिल"], false, &["दिल"]),
    (
        "soft hyphen and joiners join",
        "Bundes\u{AD}tag, Bundes tag, a\u{200D}b a\u{200C}b",
        &["Bundes", "a", "b"],
        false,
        &["Bundes"],
    ),
    (
        "a name with a mark matches whole",
        "le franc\u{327}ais",
        &["franc\u{327}ais"],
        false,
        &["franc\u{327}ais"],
    ),
    (
        "dotted I folds to i with accents",
        "Izmir, İZMİR",
        &["İzmir"],
        true,
        &["Izmir", "İZMİR"],
    ),
    (
        "accents: letters with a stroke fold to their base letter",
        "Lodz, LODZ, Orsted, Dokovic, Kilicdaroglu, Gudni; Strasse",
        &[
            "Łódź",
            "Ørsted",
            "Đoković",
            "Kılıçdaroğlu",
            "Guðni",
            "Straße",
        ],
        true,
        &["Lodz", "LODZ", "Orsted", "Dokovic", "Kilicdaroglu", "Gudni"],
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
    let m = MatcherBuilder::new()
        .exact_case_acronyms(false)
        .build(recs)
        .unwrap();
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
        // a mark or joiner belongs to the character before it: cluster word-ness
        let attached = |c: char| !is_word(c) && is_extend(c);
        let mut cluster_w = Vec::with_capacity(n);
        for (i, &(c, _)) in chars.iter().enumerate() {
            let w = if attached(c) {
                i > 0 && cluster_w[i - 1]
            } else {
                is_word(c)
            };
            cluster_w.push(w);
        }
        let boundary = |i: usize| {
            !self.whole
                || i == n
                || (!attached(chars[i].0) && (i == 0 || !(cluster_w[i - 1] && is_word(chars[i].0))))
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

const ALPHABET: &[&str] = &[
    "a", "b", "A", "B", "ab", "ba", " ", " ", "-", "–", "’", "'", ".", "é", "e\u{301}", "\u{301}",
    "İ", "i", "Σ", "σ", "ς", "_", "1", "ß", "\u{212A}", "k", "😀", "\u{93F}", "Ä", "ä", "\u{AD}",
    "\u{200D}", "\u{94D}", "I",
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
        let acronyms = round % 6 == 5;
        let m = MatcherBuilder::new()
            .case_sensitive(case_sensitive)
            .fold_accents(fold_accents)
            .exact_case_acronyms(acronyms)
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
            let exact = fold != Fold::None
                && (exact_names.contains(n) || (acronyms && super::fold::is_caps(n)));
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
            let found = m.find(&text);
            assert_eq!(
                found,
                m.find_with_fallback(&text),
                "fallback differs: round {round} text {text:?} names {names:?} exact {exact_names:?} \
                 accents {fold_accents} cs {case_sensitive} whole {whole} all {all}"
            );
            let got: Vec<(usize, usize, String)> = found
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

// ---------------------------------------------------------------------------
// case policies: acronyms, record options
// ---------------------------------------------------------------------------

fn rec(id: &str, names: &[&str]) -> Record {
    Record::new(id, "ORG", names.iter().copied())
}

#[test]
fn acronyms_match_only_as_written_by_default() {
    let recs = || {
        vec![
            rec("who", &["WHO", "World Health Organization"]),
            rec("un", &["UN", "U.N."]),
            rec("fed", &["Fed"]),
        ]
    };
    let m = MatcherBuilder::new().build(recs()).unwrap();
    let text = "The WHO said who knows; the UN, the U.N. and un-American u.n.; the Fed was fed.";
    assert_eq!(spans(&m, text), ["WHO", "UN", "U.N.", "Fed", "fed"]);
    assert!(m.options().exact_case_acronyms);
    let loose = MatcherBuilder::new()
        .exact_case_acronyms(false)
        .build(recs())
        .unwrap();
    assert_eq!(
        spans(&loose, text),
        ["WHO", "who", "UN", "U.N.", "un", "u.n.", "Fed", "fed"]
    );
    // an acronym and a word sharing a folded form: each spelling finds its own
    let both = MatcherBuilder::new()
        .build([rec("who", &["WHO"]), rec("pron", &["who"])])
        .unwrap();
    let found = both.find("WHO or who or Who");
    let ids: Vec<&str> = found
        .iter()
        .map(|x| both.entity(x.entity).id.as_str())
        .collect();
    assert_eq!(ids, ["who", "pron", "pron"]);
}

#[test]
fn record_case_sensitive_overrides_the_rules() {
    let m = MatcherBuilder::new()
        .exact_case_names(["Apple"])
        .build([
            rec("who", &["WHO"]).with_case_sensitive(false),
            rec("next", &["Next"]).with_case_sensitive(true),
            rec("apple", &["Apple"]).with_case_sensitive(false),
            rec("nato", &["NATO"]),
        ])
        .unwrap();
    assert_eq!(
        spans(&m, "who WHO next Next apple nato NATO"),
        ["who", "WHO", "Next", "apple", "NATO"]
    );
    // no effect on a case-sensitive matcher
    let cs = MatcherBuilder::new()
        .case_sensitive(true)
        .build([rec("who", &["WHO"]).with_case_sensitive(false)])
        .unwrap();
    assert_eq!(spans(&cs, "who WHO"), ["WHO"]);
}

#[test]
fn record_keys() {
    let ok: Record = serde_json::from_str(
        r#"{"id": 7, "names": "Acme", "case_sensitive": true, "type": "org", "population": 3}"#,
    )
    .unwrap();
    assert_eq!(ok, Record::new("7", "", ["Acme"]).with_case_sensitive(true));
    let ok: Record = serde_json::from_str(r#"{"id": "a", "label": null, "names": ["x"]}"#).unwrap();
    assert_eq!(ok.label, "");
    for (key, hint) in [
        ("Names", "did you mean \"names\""),
        ("lable", "did you mean \"label\""),
        ("case-sensitive", "did you mean \"case_sensitive\""),
        ("case_sensitve", "did you mean \"case_sensitive\""),
        ("ID", "did you mean \"id\""),
        ("aliases", "goes in \"names\""),
        ("whole_words", "matcher option"),
        ("exact_case", "use \"case_sensitive\""),
        ("ids", "one \"id\""),
    ] {
        let json = format!(r#"{{"id": "a", "names": ["x"], "{key}": 1}}"#);
        let err = serde_json::from_str::<Record>(&json)
            .unwrap_err()
            .to_string();
        assert!(err.contains(hint) && err.contains(key), "{key}: {err}");
    }
    for key in [
        "type",
        "population",
        "wikidata",
        "kind",
        "country",
        "description",
        "url",
        "idx",
    ] {
        assert!(check_record_key(key).is_ok(), "{key}");
    }
}

#[test]
fn long_names_are_rejected_naming_the_record() {
    let long = "x".repeat(MAX_NAME_BYTES + 1);
    let err = MatcherBuilder::new()
        .build([rec("a", &["ok"]), rec("b", &[long.as_str()])])
        .unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::InvalidRecord);
    assert!(
        err.message().starts_with("record 1 (id \"b\"): name 0")
            && err.message().contains("too long"),
        "{}",
        err.message()
    );
    let just = "y".repeat(MAX_NAME_BYTES);
    let m = MatcherBuilder::new()
        .build([rec("a", &[just.as_str()])])
        .unwrap();
    assert_eq!(m.find(&just).len(), 1);
}

// ---------------------------------------------------------------------------
// saved forms: version 2, version 1 (Rust and Python), and bad saved data
// ---------------------------------------------------------------------------

const V1_CORE: &[u8] = include_bytes!("../../tests/data/entities/v1_core.bin");
const V1_PYTHON: &[u8] = include_bytes!("../../tests/data/entities/v1_python.bin");

#[test]
fn reads_version_1_files_with_their_results() {
    let probes = [
        "ACME WIDGETS and acme widgets; ACW or acw.",
        "Zorblax Quint met quint in Port Velmora, then Vélmora.",
        "Tarn of tarn; Of course; Nexlo and nexlo and NEXLO.",
    ];
    let core = EntityMatcher::from_bytes(V1_CORE).unwrap();
    let py = EntityMatcher::from_bytes(V1_PYTHON).unwrap();
    assert!(!core.options().exact_case_acronyms && core.options().stop_names.is_empty());
    assert_eq!(py.options().stop_names, ["of"]);
    assert_eq!(py.options().exact_case_names, ["Nexlo", "Tarn"]);
    assert!(py.options().fold_accents && py.overlaps() == Overlaps::All);
    for text in probes {
        assert_eq!(core.find(text), py.find(text));
    }
    // "ACW" is written in capitals but was saved before the acronym rule: it
    // still matches "acw"
    assert_eq!(spans(&py, probes[0]).last(), Some(&"acw"));
    assert_eq!(spans(&py, probes[2]), ["Tarn", "Nexlo", "nexlo", "NEXLO"]);
    // saved again, they are version 2 and round-trip
    let again = EntityMatcher::from_bytes(&py.to_bytes()).unwrap();
    assert_eq!(again.options(), py.options());
    assert_eq!(py.to_bytes()[4], 2);
    for text in probes {
        assert_eq!(again.find(text), py.find(text));
    }
}

#[test]
fn saved_form_keeps_every_option() {
    let mut b = MatcherBuilder::new();
    b.fold_accents(true)
        .min_length(2)
        .stop_names(["of"])
        .exact_case_names(["Next"])
        .exact_case_acronyms(false);
    let m = b.build([rec("n", &["Next", "NASA", "Of"])]).unwrap();
    let back = EntityMatcher::from_bytes(&m.to_bytes()).unwrap();
    assert_eq!(back.options(), m.options());
    assert_eq!(back.options().stop_names, ["of"]);
    let json: EntityMatcher = serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
    assert_eq!(json.options(), m.options());
}

#[test]
fn saved_data_is_validated_like_records() {
    let m = MatcherBuilder::new().build([rec("ab", &["Name"])]).unwrap();
    let bytes = m.to_bytes();
    // the id "ab" -> "" (length byte 2 -> 0, drop two bytes)
    let i = bytes.windows(3).position(|w| w == [2, b'a', b'b']).unwrap();
    let mut no_id = bytes.clone();
    no_id.splice(i..i + 3, [0u8]);
    let err = EntityMatcher::from_bytes(&no_id).unwrap_err();
    assert_eq!(err.kind(), &ErrorKind::Deserialize);
    assert!(err.message().contains("empty id"), "{}", err.message());
    // the name "Name" -> "    " (blank)
    let i = bytes
        .windows(5)
        .position(|w| w == [4, b'N', b'a', b'm', b'e'])
        .unwrap();
    let mut blank = bytes.clone();
    blank[i + 1..i + 5].copy_from_slice(b"    ");
    let err = EntityMatcher::from_bytes(&blank).unwrap_err();
    assert!(err.message().contains("blank"), "{}", err.message());
    let err = EntityMatcher::from_bytes(b"NPEM\x09").unwrap_err();
    assert!(err.message().contains("version 9"), "{}", err.message());
}

// ---------------------------------------------------------------------------
// linear time: crafted texts go to the fallback, which agrees with the scan
// ---------------------------------------------------------------------------

#[test]
fn crafted_texts_use_the_fallback_and_agree() {
    let dots = format!("{}x", ".".repeat(2000));
    let words = format!("{}b", "a ".repeat(500));
    for (names, text) in [
        (vec![dots.as_str(), ".."], ".".repeat(5000)),
        (vec![words.as_str(), "a a"], "a ".repeat(3000)),
    ] {
        for all in [false, true] {
            for whole in [true, false] {
                let m = matcher(&names, |b| {
                    b.whole_words(whole).overlaps(if all {
                        Overlaps::All
                    } else {
                        Overlaps::LeftmostLongest
                    });
                });
                let found = m.find(&text);
                assert!(m.fallback.get().is_some(), "the scan went over budget");
                // the same as walking every start, without the budget
                let mut slow = Vec::new();
                let done = match (whole, all) {
                    (true, false) => m.scan_words_unbounded::<false>(&text, &mut slow),
                    (true, true) => m.scan_words_unbounded::<true>(&text, &mut slow),
                    (false, false) => m.scan_unbounded::<false>(&text, &mut slow),
                    (false, true) => m.scan_unbounded::<true>(&text, &mut slow),
                };
                assert!(done);
                assert_eq!(found, slow, "whole {whole} all {all}");
                assert!(!found.is_empty());
            }
        }
    }
    // ordinary text stays on the fast path
    let m = matcher(&["New York", "York"], |_| {});
    let _ = m.find(&"New York and York. ".repeat(1000));
    assert!(m.fallback.get().is_none());
}

#[test]
fn block_skip_agrees_with_the_word_scan() {
    // the block skip (64-byte masks, the lead filter) against the plain
    // whole-word scan and the fallback, on texts of words that are and are
    // not first words, next to non-ASCII, walk bytes and block ends
    let long = "x".repeat(70);
    let pieces = [
        "new",
        "New",
        "york",
        "YORK",
        "the",
        "Gambia",
        "gambia",
        "of",
        "a",
        "said",
        "Sao",
        "São",
        "Tomé",
        "é",
        "café",
        "(",
        "(Reuters)",
        "'s",
        "’",
        "-",
        "_",
        " ",
        " ",
        " ",
        "  ",
        ". ",
        ", ",
        "\n",
        "\u{301}",
        "9",
        "19",
        "é9",
        long.as_str(),
        "newyork",
    ];
    let names = [
        "New York",
        "York",
        "The Gambia",
        "São Tomé",
        "(Reuters)",
        "Sao",
        "a b",
        "x",
        "said the",
    ];
    let mut rng = Rng(0x5eed_b10c);
    for configure in [
        |b: &mut MatcherBuilder| {
            b.fold_accents(true);
        },
        |b: &mut MatcherBuilder| {
            b.case_sensitive(true);
        },
        |b: &mut MatcherBuilder| {
            b.overlaps(Overlaps::All);
        },
    ] {
        let m = matcher(&names, configure);
        assert!(m.fast, "a small gazetteer uses the block skip");
        for _ in 0..400 {
            let k = rng.below(120);
            let text: String = (0..k).map(|_| pieces[rng.below(pieces.len())]).collect();
            let all = m.overlaps() == Overlaps::All;
            let (mut fast, mut plain) = (Vec::new(), Vec::new());
            if all {
                assert!(m.scan_words::<true, true>(&text, &mut fast, usize::MAX));
                assert!(m.scan_words::<true, false>(&text, &mut plain, usize::MAX));
            } else {
                assert!(m.scan_words::<false, true>(&text, &mut fast, usize::MAX));
                assert!(m.scan_words::<false, false>(&text, &mut plain, usize::MAX));
            }
            assert_eq!(fast, plain, "{text:?}");
            assert_eq!(fast, m.find_with_fallback(&text), "{text:?}");
        }
    }
}

const V2: &[u8] = include_bytes!("../../tests/data/entities/v2.bin");

#[test]
fn python_and_rust_write_the_same_bytes() {
    // the matcher of tests/data/entities/make_v2_fixture.py, saved there by Python
    let m = MatcherBuilder::new()
        .fold_accents(true)
        .min_length(2)
        .stop_names(["of"])
        .exact_case_names(["Tarn"])
        .build([
            Record::new("acme", "ORG", ["Acme Widgets", "ACW"]),
            Record::new("vel", "LOC", ["Vélmora"]).with_case_sensitive(true),
            Record::new("tarn", "LOC", ["Tarn", "Of"]),
            Record::new("nx", "", ["Nexlo", "NXL"]).with_case_sensitive(false),
        ])
        .unwrap();
    assert_eq!(m.to_bytes(), V2);
    let loaded = EntityMatcher::from_bytes(V2).unwrap();
    let text = "ACW acw Velmora Vélmora tarn Tarn of nxl NXL";
    assert_eq!(
        spans(&loaded, text),
        ["ACW", "Vélmora", "Tarn", "nxl", "NXL"]
    );
}

#[test]
fn names_that_go_on_after_their_first_word() {
    // the pair filter rules walks out only when no name can go on: check the edges
    let names = [
        "The Hague",
        "the Home Depot",
        "Yahoo!",
        "U.S.",
        "Dr. No",
        "AT&T",
        "New York",
        "New",
        "A10 Networks",
        "To Kwa Wan",
        "Saint-Denis",
        "St. Louis",
        "O'Brien",
        "Pay Pal",
    ];
    let m = matcher(&names, |_| {});
    let text = "the said The Hague, the home depot; Yahoo! said; yahoo. U.S.-based, the U.S. \
                Dr. No, dr no, AT&T at t, New York new york, New Yorker, a10 networks, to kwa wan, \
                Saint-Denis saint denis, St. Louis, st louis, O'Brien o brien, pay pal, the";
    let want = [
        "The Hague",
        "the home depot",
        "Yahoo!",
        "U.S.",
        "U.S.",
        "Dr. No",
        "AT&T",
        "New York",
        "new york",
        "New",
        "a10 networks",
        "to kwa wan",
        "Saint-Denis",
        "St. Louis",
        "O'Brien",
        "pay pal",
    ];
    assert_eq!(spans(&m, text), want);
    assert_eq!(m.find(text), m.find_with_fallback(text));
}

#[test]
fn a_first_word_after_a_first_word_that_does_not_go_on() {
    // the scan reuses the end and hash of the word after a first word that is no name by itself
    // (computed by the pair filter): chains of such words, ASCII or not around them
    let names = [
        "The Hague",
        "Hague Convention",
        "New York",
        "York Minster",
        "Minster Abbey",
        "Abbey Road",
    ];
    let m = matcher(&names, |_| {});
    let text = "the new york minster abbey road; The Hague Convention, hague convention! \
                new new york, york york minster, minster (abbey road) abbey \u{e9}road abbey roadé \
                the hague. minster abbey, York Minster";
    let want = [
        "new york",
        "minster abbey",
        "The Hague",
        "hague convention",
        "new york",
        "york minster",
        "abbey road",
        "the hague",
        "minster abbey",
        "York Minster",
    ];
    assert_eq!(spans(&m, text), want);
    assert_eq!(m.find(text), m.find_with_fallback(text));
}
