"""The bundled country gazetteer: names, demonyms, capitals, case hygiene, ids, pickling."""

from __future__ import annotations

import pickle
import re

import pytest

import newsprep
from newsprep import gazetteers


@pytest.fixture(scope="module")
def matcher() -> newsprep.EntityMatcher:
    return gazetteers.countries()


def found(m: newsprep.EntityMatcher, text: str) -> list[tuple[str, str, str]]:
    return [(x.text, x.id, x.label) for x in m.find(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Israeli", ("Israeli", "IL", "DEMONYM")),
        ("Ukrainian", ("Ukrainian", "UA", "DEMONYM")),
        ("Russian", ("Russian", "RU", "DEMONYM")),
        ("Belarusian", ("Belarusian", "BY", "DEMONYM")),
        ("Israelis", ("Israelis", "IL", "DEMONYM")),
        ("Netanyahu’s Israel", ("Israel", "IL", "COUNTRY")),
        ("Israel’s army", ("Israel", "IL", "COUNTRY")),
        ("Kyiv", ("Kyiv", "UA", "CAPITAL")),
        ("Kiev", ("Kiev", "UA", "CAPITAL")),
        ("the U.S. said", ("U.S.", "US", "COUNTRY")),
        ("the US said", ("US", "US", "COUNTRY")),
        ("the USA", ("USA", "US", "COUNTRY")),
        ("the UK", ("UK", "GB", "COUNTRY")),
        ("Britain", ("Britain", "GB", "COUNTRY")),
        ("the Russian Federation", ("Russian Federation", "RU", "COUNTRY")),
        ("Russia", ("Russia", "RU", "COUNTRY")),
        ("Turkey", ("Turkey", "TR", "COUNTRY")),
        ("Türkiye", ("Türkiye", "TR", "COUNTRY")),
        ("Turkiye", ("Turkiye", "TR", "COUNTRY")),
        ("Côte d’Ivoire", ("Côte d’Ivoire", "CI", "COUNTRY")),
        ("Ivory Coast", ("Ivory Coast", "CI", "COUNTRY")),
        ("South Korea", ("South Korea", "KR", "COUNTRY")),
        ("North Korean", ("North Korean", "KP", "DEMONYM")),
        ("Czech Republic", ("Czech Republic", "CZ", "COUNTRY")),
        ("DR Congo", ("DR Congo", "CD", "COUNTRY")),
        ("Vietnam", ("Vietnam", "VN", "COUNTRY")),
        ("Palestine", ("Palestine", "PS", "COUNTRY")),
        ("Taiwan", ("Taiwan", "TW", "COUNTRY")),
        ("Dutch", ("Dutch", "NL", "DEMONYM")),
        ("Astana", ("Astana", "KZ", "CAPITAL")),
    ],
)
def test_finds(matcher: newsprep.EntityMatcher, text: str, expected: tuple[str, str, str]) -> None:
    assert found(matcher, text) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "São Paulo",
        "Sao Paulo",
        "let us go",
        "roast turkey",
        "a hanging chad",
        "fine china",
        "a guinea pig",
        "polish the floor",
        "a reunion",
        "male and female",
        "we CAN and ARE",
    ],
)
def test_does_not_match(matcher: newsprep.EntityMatcher, text: str) -> None:
    assert found(matcher, text) == []


def test_us_only_in_capitals(matcher: newsprep.EntityMatcher) -> None:
    hits = found(matcher, "The U.S. and the US told us so")
    assert hits == [("U.S.", "US", "COUNTRY"), ("US", "US", "COUNTRY")]


def test_shared_name_lists_both_ids(matcher: newsprep.EntityMatcher) -> None:
    (m,) = matcher.find("Congolese troops")
    assert set(m.ids) == {"CD", "CG"}


def test_options(matcher: newsprep.EntityMatcher) -> None:
    plain = gazetteers.countries(include_capitals=False, include_demonyms=False)
    assert found(plain, "Israeli officials in Kyiv") == []
    assert found(plain, "Israel") == [("Israel", "IL", "COUNTRY")]
    no_fold = gazetteers.countries(fold_accents=False)
    assert found(no_fold, "Turkiye") == []
    assert found(no_fold, "Türkiye") == [("Türkiye", "TR", "COUNTRY")]
    assert found(gazetteers.countries(exact_case_names=None), "roast turkey") == [("turkey", "TR", "COUNTRY")]
    assert found(gazetteers.countries(stop_names=["Israeli"]), "Israeli") == []


def test_records_well_formed() -> None:
    recs = gazetteers.records()
    assert len({r["id"] for r in recs if r["label"] == "COUNTRY"}) >= 249
    for r in recs:
        assert isinstance(r["id"], str) and r["id"]
        assert re.fullmatch(r"[A-Z]{2}", r["id"]), r
        assert r["label"] in {"COUNTRY", "CAPITAL", "DEMONYM"}, r
        assert r["names"] and all(isinstance(n, str) and n.strip() == n and n for n in r["names"]), r
        assert len(set(r["names"])) == len(r["names"]), r
        # two-letter codes are never names, except the written short forms "US" and "UK"
        assert not [n for n in r["names"] if len(n) == 2 and n not in {"US", "UK"}], r
    keys = [(r["id"], r["label"]) for r in recs]
    assert keys == sorted(keys, key=lambda k: (k[0], ["COUNTRY", "CAPITAL", "DEMONYM"].index(k[1])))
    assert len(set(keys)) == len(keys)


def test_iso_ids() -> None:
    by_name = {(n, r["label"]): r["id"] for r in gazetteers.records() for n in r["names"]}
    for name, code in [
        ("Germany", "DE"),
        ("United Kingdom", "GB"),
        ("United States", "US"),
        ("Ukraine", "UA"),
        ("Belarus", "BY"),
        ("Israel", "IL"),
        ("Iran", "IR"),
        ("Syria", "SY"),
        ("Japan", "JP"),
        ("Democratic Republic of the Congo", "CD"),
        ("Republic of the Congo", "CG"),
        ("Kosovo", "XK"),
        ("DEU", "DE"),
        ("GBR", "GB"),
    ]:
        assert by_name[(name, "COUNTRY")] == code, name
    assert by_name[("Kyiv", "CAPITAL")] == "UA"
    assert by_name[("Minsk", "CAPITAL")] == "BY"


def test_records_are_copies() -> None:
    recs = gazetteers.records()
    recs[0]["names"].append("Atlantis")
    assert "Atlantis" not in gazetteers.records()[0]["names"]


def test_exact_case_names() -> None:
    exact = set(gazetteers.exact_case_names())
    assert {"US", "U.S.", "UK", "Turkey", "Chad", "China", "Guinea"} <= exact
    assert "Israel" not in exact and "Türkiye" not in exact


def test_pickles(matcher: newsprep.EntityMatcher) -> None:
    text = "Ukrainian and Israeli envoys met in the U.S.; us and turkey do not count."
    back = pickle.loads(pickle.dumps(matcher))
    assert found(back, text) == found(matcher, text)
    assert found(back, text) == [
        ("Ukrainian", "UA", "DEMONYM"),
        ("Israeli", "IL", "DEMONYM"),
        ("U.S.", "US", "COUNTRY"),
    ]


def test_exported() -> None:
    assert "gazetteers" in newsprep.__all__
    assert newsprep.gazetteers.countries is gazetteers.countries
