"""The entity-matching API: semantics, offsets, batches, columns, pickling and bad input."""

from __future__ import annotations

import pickle
import unicodedata

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from newsprep import EntityMatcher

RECORDS = [
    {"id": "Q3874799", "label": "PER", "names": ["Volodymyr Zelensky", "Zelensky", "Zelenskyy", "Zelenskiy"]},
    {"id": "Q43723", "label": "PER", "names": ["Benjamin Netanyahu", "Netanyahu"]},
    {"id": "Q174", "label": "LOC", "names": ["São Paulo"]},
    {"id": "Q60", "label": "LOC", "names": ["New York City", "New York"]},
    {"id": "Q42462", "label": "LOC", "names": ["York"]},
    {"id": "Q1", "label": "PER", "names": ["Jean-Luc Picard", "O’Brien"]},
    {"id": "Q90", "label": "LOC", "names": ["France"]},
    {"id": "Q406", "label": "LOC", "names": ["İstanbul"]},
]
# for the properties: also a name with letters that fold 1:1 to a base letter without a decomposition
FOLD_RECORDS = [*RECORDS, {"id": "Q580", "label": "LOC", "names": ["Łódź"]}]


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    return EntityMatcher.from_records(RECORDS)


def found(m: EntityMatcher, text: str) -> list[tuple[str, str]]:
    out = []
    for x in m.find(text):
        assert text[x.start : x.end] == x.text
        out.append((x.text, x.id))
    return out


def test_possessives_hyphens_apostrophes(matcher: EntityMatcher) -> None:
    text = "Netanyahu’s call with Zelensky's office; Jean-Luc Picard and O’Brien agreed."
    assert found(matcher, text) == [
        ("Netanyahu", "Q43723"),
        ("Zelensky", "Q3874799"),
        ("Jean-Luc Picard", "Q1"),
        ("O’Brien", "Q1"),
    ]


def test_whole_words_only(matcher: EntityMatcher) -> None:
    assert found(matcher, "Yorkshire, New Yorker, Francesca, françaises") == []
    assert found(matcher, "France. (York)") == [("France", "Q90"), ("York", "Q42462")]


def test_leftmost_longest_and_all() -> None:
    text = "A flight to New York City."
    assert found(EntityMatcher.from_records(RECORDS), text) == [("New York City", "Q60")]
    every = EntityMatcher.from_records(RECORDS, overlaps="all")
    assert sorted(x.text for x in every.find(text)) == ["New York", "New York City", "York"]


def test_case_folding_is_unicode_and_never_shifts_offsets(matcher: EntityMatcher) -> None:
    text = "İİ ZELENSKYY in İSTANBUL and istanbul; SÃO PAULO"
    # "İ" folds to itself (one code point, as Python's reference fold), so "istanbul" does not match
    assert found(matcher, text) == [("ZELENSKYY", "Q3874799"), ("İSTANBUL", "Q406"), ("SÃO PAULO", "Q174")]
    strict = EntityMatcher.from_records(RECORDS, case_sensitive=True)
    assert found(strict, "zelensky met Zelensky") == [("Zelensky", "Q3874799")]


def test_fold_accents_nfc_and_nfd() -> None:
    m = EntityMatcher.from_records(RECORDS, fold_accents=True)
    nfc = "From Sao Paulo and São Paulo, OBrien and O'Brien."
    assert found(m, nfc) == [("Sao Paulo", "Q174"), ("São Paulo", "Q174"), ("O'Brien", "Q1")]
    nfd = unicodedata.normalize("NFD", "São Paulo")
    (x,) = m.find(nfd)
    assert (x.start, x.end, x.text) == (0, len(nfd), nfd)


def test_duplicate_names_merge_ids() -> None:
    m = EntityMatcher.from_records(
        [{"id": "A", "label": "X", "names": ["Georgia"]}, {"id": "B", "label": "Y", "names": ["georgia"]}]
    )
    (x,) = m.find("Georgia")
    assert x.id == "A" and x.ids == ("A", "B") and x.name == "Georgia"


def test_hygiene_stop_list_min_length_exact_case() -> None:
    recs = [{"id": "of", "label": "TOWN", "names": ["Of"]}, {"id": "nxt", "label": "ORG", "names": ["Next"]}]
    assert found(EntityMatcher.from_records(recs), "out of Next") == [("of", "of"), ("Next", "nxt")]
    assert found(EntityMatcher.from_records(recs, stop_names=["of"]), "out of Next") == [("Next", "nxt")]
    assert found(EntityMatcher.from_records(recs, min_length=3), "out of Next") == [("Next", "nxt")]
    m = EntityMatcher.from_records(recs, exact_case_names=["Next"])
    assert found(m, "next week, Next plc, NEXT") == [("Next", "nxt")]


def test_mapping_constructor_and_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    m = EntityMatcher({"Kyiv": "LOC", "Zelensky": "PER"})
    assert [(x.id, x.label) for x in m.find("Zelensky in Kyiv")] == [("Zelensky", "PER"), ("Kyiv", "LOC")]
    df = pd.DataFrame(RECORDS)
    assert found(EntityMatcher.from_records(df), "Netanyahu") == [("Netanyahu", "Q43723")]


def test_from_jsonl_and_save_load(tmp_path) -> None:
    import json

    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in RECORDS) + "\n\n", encoding="utf-8")
    m = EntityMatcher.from_jsonl(p, fold_accents=True)
    assert found(m, "Sao Paulo") == [("Sao Paulo", "Q174")]
    m.save(tmp_path / "m.bin")
    r = EntityMatcher.load(tmp_path / "m.bin")
    assert repr(r) == repr(m) and found(r, "Sao Paulo") == [("Sao Paulo", "Q174")]
    (tmp_path / "bad.jsonl").write_text('{"id": "a", "names": ["x"]}\nnot json\n')
    with pytest.raises(newsprep.GazetteerError, match="line 2"):
        EntityMatcher.from_jsonl(tmp_path / "bad.jsonl")
    (tmp_path / "junk.bin").write_bytes(b"junk")
    with pytest.raises(newsprep.SerializationError):
        EntityMatcher.load(tmp_path / "junk.bin")


BAD_RECORDS = [
    ([{"id": "a", "label": "L", "names": [""]}], ValueError, "record 0"),
    ([{"id": "a", "label": "L", "names": ["ok"]}, {"id": "b", "names": ["  "]}], ValueError, "record 1"),
    ([{"id": "", "label": "L", "names": ["x"]}], ValueError, "record 0"),
    ([{"label": "L", "names": ["x"]}], ValueError, "id"),
    ([{"id": "a", "label": "L"}], ValueError, "names"),
    ([{"id": "a", "label": "L", "names": [3]}], TypeError, "name"),
    ([{"id": "a", "label": "L", "names": ["\u0301"]}], ValueError, "record 0"),
    (["not a dict"], TypeError, "record 0"),
    ("a string", TypeError, "str"),
]


@pytest.mark.parametrize("records,exc,match", BAD_RECORDS)
def test_bad_records_raise_naming_the_record(records, exc, match) -> None:
    with pytest.raises(exc, match=match):
        EntityMatcher.from_records(records, fold_accents=True)


@pytest.mark.parametrize(
    "kwargs",
    [{"overlaps": "longest"}, {"case_sensitive": True, "fold_accents": True}, {"stop_names": "of"}],
)
def test_bad_options_raise_value_errors(kwargs) -> None:
    with pytest.raises((ValueError, TypeError)):
        EntityMatcher.from_records(RECORDS, **kwargs)


def test_bad_text_input(matcher: EntityMatcher) -> None:
    with pytest.raises(TypeError, match="NoneType"):
        matcher.find(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="single str"):
        matcher.find_many("text")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        matcher.find_many(["ok", b"bytes"])
    assert matcher.find("") == []


def test_repr_pickle_and_match_objects(matcher: EntityMatcher) -> None:
    assert repr(matcher) == (
        "EntityMatcher(<8 entities, 14 names, 0 exact-case>, case_sensitive=False, fold_accents=False, "
        'whole_words=True, overlaps="leftmost-longest", min_length=1, exact_case_acronyms=True)'
    )
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        r = loads(dumps(matcher))
        assert type(r) is EntityMatcher and repr(r) == repr(matcher)
        x = matcher.find("Netanyahu")[0]
        assert loads(dumps(x)) == x and hash(loads(dumps(x))) == hash(x)
    assert repr(matcher.find("Netanyahu")[0]) == (
        "Match(start=0, end=9, text='Netanyahu', id='Q43723', label='PER')"
    )
    assert len(pickle.dumps(matcher)) < 2000


def test_find_many_series_and_columns(matcher: EntityMatcher) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(["Zelensky and Netanyahu", None, float("nan"), "York"], index=[10, 20, 30, 40])
    out = matcher.find_many(s)
    assert list(out.index) == [10, 20, 30, 40] and out[20] is None and out[30] is None
    assert [x.text for x in out[10]] == ["Zelensky", "Netanyahu"]
    cols = matcher.find_columns(s)
    assert cols["doc"].tolist() == [0, 0, 3] and cols["start"].tolist() == [0, 13, 0]
    frame = matcher.to_frame(s)
    assert frame["doc"].tolist() == [10, 10, 40]
    assert frame["id"].tolist() == ["Q3874799", "Q43723", "Q42462"]
    assert frame["text"].tolist() == ["Zelensky", "Netanyahu", "York"]
    empty = matcher.to_frame(["nothing here"])
    assert list(empty.columns) == ["doc", "row", "start", "end", "text", "id", "label"] and len(empty) == 0


def test_to_frame_keeps_texts_of_a_repeated_index_label_apart(matcher: EntityMatcher) -> None:
    """After pd.concat without ignore_index two texts share a label: co_mentions must not merge them."""
    pd = pytest.importorskip("pandas")
    s = pd.concat([pd.Series(["Zelensky and Netanyahu"]), pd.Series(["York"])])  # both labelled 0
    frame = matcher.to_frame(s)
    assert frame["doc"].tolist() == [0, 0, 0] and frame["row"].tolist() == [0, 0, 1]
    pairs = newsprep.co_mentions(frame, within="doc")
    assert sorted(zip(pairs["id_a"], pairs["id_b"], strict=True)) == [("Q3874799", "Q43723")]


# ---------------------------------------------------------------- properties

PIECES = st.sampled_from(
    [
        "Zelensky",
        "zelenskyy",
        "São Paulo",
        "Sa\u0303o Paulo",
        "New York",
        " City",
        "York",
        "’s",
        "İ",
        "ß",
        "Łódź",
        "LODZ",
        "ø",
        "🚀",
        " ",
        "-",
        ",",
        "é",
        "x",
        "\n",
        "O’Brien",
        "NETANYAHU",
        "_",
        "1",
    ]
)
TEXTS = st.lists(PIECES, max_size=25).map("".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_offsets_slice_to_the_match(text: str) -> None:
    for fold in (False, True):
        m = EntityMatcher.from_records(FOLD_RECORDS, fold_accents=fold)
        last = 0
        for x in m.find(text):
            assert text[x.start : x.end] == x.text
            assert last <= x.start < x.end
            last = x.end


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_nfc_and_nfd_find_the_same_entities_when_folding(text: str) -> None:
    m = EntityMatcher.from_records(FOLD_RECORDS, fold_accents=True)
    nfc = unicodedata.normalize("NFC", text)
    nfd = unicodedata.normalize("NFD", text)
    assert [x.id for x in m.find(nfc)] == [x.id for x in m.find(nfd)]


def test_fold_accents_takes_letters_with_a_stroke_to_their_base_letter() -> None:
    # "Lodz" and "Orsted", as the English press writes them, did not find "Łódź" and "Ørsted"
    m = EntityMatcher(
        {"Łódź": "CITY", "Ørsted": "ORG", "Kılıçdaroğlu": "PER", "Straße": "X"}, fold_accents=True
    )
    text = "Lodz, Orsted and KILICDAROGLU; Łódź again; Strasse"
    assert [(x.text, x.id) for x in m.find(text)] == [
        ("Lodz", "Łódź"),
        ("Orsted", "Ørsted"),
        ("KILICDAROGLU", "Kılıçdaroğlu"),
        ("Łódź", "Łódź"),
    ]
    assert EntityMatcher({"Łódź": "CITY"}).find("Lodz") == []  # only with fold_accents


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), TEXTS), max_size=12))
def test_batch_equals_map_of_single(texts: list) -> None:
    m = EntityMatcher.from_records(RECORDS)
    expected = [None if t is None else m.find(t) for t in texts]
    assert m.find_many(texts) == expected
    assert m.find_many(texts, n_threads=1) == expected
