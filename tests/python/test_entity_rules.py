"""Gazetteer rules: acronyms, record keys and options, empty gazetteers, the repr, saved formats."""

from __future__ import annotations

import json
import pickle
import warnings
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from conftest import load_module
from newsprep import EntityMatcher

DATA = Path(__file__).resolve().parents[1] / "data" / "entities"

ORGS = [
    {"id": "Q7817", "label": "ORG", "names": ["WHO", "World Health Organization"]},
    {"id": "Q1065", "label": "ORG", "names": ["UN", "U.N.", "United Nations"]},
    {"id": "Q53536", "label": "ORG", "names": ["Fed"]},
    {"id": "Q9630", "label": "ORG", "names": ["Labour"]},
    {"id": "Q458", "label": "ORG", "names": ["EU"]},
]
TEXT = "The WHO said who knows; the UN and u.n. staff; the Fed was fed; Labour and labour; EU, eu."


def texts(m: EntityMatcher, text: str) -> list[str]:
    return [x.text for x in m.find(text)]


# ------------------------------------------------------------------ acronyms


def test_names_in_capitals_match_only_as_written() -> None:
    m = EntityMatcher.from_records(ORGS)
    assert texts(m, TEXT) == ["WHO", "UN", "Fed", "fed", "Labour", "labour", "EU"]
    assert m.options["exact_case_acronyms"] is True
    loose = EntityMatcher.from_records(ORGS, exact_case_acronyms=False)
    assert texts(loose, TEXT) == ["WHO", "who", "UN", "u.n.", "Fed", "fed", "Labour", "labour", "EU", "eu"]
    # the mapping constructor follows the same rule
    assert texts(EntityMatcher({"NATO": "ORG"}), "NATO and nato") == ["NATO"]


def test_what_counts_as_capitals_is_str_isupper() -> None:
    names = ["WHO", "U.S.", "G7", "ÖVP", "ΕΕ", "США", "Fed", "ǅemal", "123", "İZMİR"]
    m = EntityMatcher.from_records([{"id": n, "names": [n]} for n in names])
    assert m.n_exact_case == sum(n.isupper() for n in names) == 7


def test_record_case_sensitive() -> None:
    recs = [
        {"id": "who", "names": ["WHO"], "case_sensitive": False},
        {"id": "next", "names": ["Next"], "case_sensitive": True},
        {"id": "apple", "names": ["Apple"], "case_sensitive": None},
    ]
    m = EntityMatcher.from_records(recs, exact_case_names=["Apple"])
    assert [x.id for x in m.find("who WHO next Next apple Apple")] == ["who", "who", "next", "apple"]
    with pytest.raises(TypeError, match=r'record 0 \(id "who"\).*case_sensitive'):
        EntityMatcher.from_records([{"id": "who", "names": ["WHO"], "case_sensitive": "yes"}])


def test_record_without_label_has_empty_label() -> None:
    pd = pytest.importorskip("pandas")
    recs = [{"id": "a", "names": ["Alpha"]}, {"id": "b", "label": None, "names": "Beta"}]
    m = EntityMatcher.from_records(recs)
    assert [(x.id, x.label) for x in m.find("Alpha Beta")] == [("a", ""), ("b", "")]
    frame = pd.DataFrame({"id": ["a", "b"], "label": ["X", float("nan")], "names": [["Alpha"], ["Beta"]]})
    m = EntityMatcher.from_records(frame)
    assert [(x.id, x.label) for x in m.find("Alpha Beta")] == [("a", "X"), ("b", "")]


def test_gazetteer_in_the_wrong_shape_names_the_fix() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(newsprep.InputTypeError, match=r"got list; .*from_records.*dict\.fromkeys\(names"):
        EntityMatcher(["Apple", "Tim Cook"])
    with pytest.raises(newsprep.InputTypeError, match=r"got DataFrame; .*from_records"):
        EntityMatcher(pd.DataFrame({"id": ["a"], "names": ["Apple"]}))
    frame = pd.DataFrame({"ID": ["a"], "name": ["Apple"], "label": ["ORG"]})
    with pytest.raises(
        newsprep.GazetteerError, match=r"rename: df\.rename\(columns=\{'ID': 'id', 'name': 'names'\}\)"
    ):
        EntityMatcher.from_records(frame)
    m = EntityMatcher.from_records(frame.rename(columns={"ID": "id", "name": "names"}))
    assert [(x.id, x.label) for x in m.find("Apple rose")] == [("a", "ORG")]


@pytest.mark.parametrize(
    "key, hint",
    [
        ("Names", "did you mean 'names'|did you mean \"names\""),
        ("lable", "label"),
        ("case-sensitive", "case_sensitive"),
        ("case_sensitve", "case_sensitive"),
        ("aliases", 'goes in "names"'),
        ("name", "names"),
        ("whole_words", "matcher option"),
        ("exact_case", "case_sensitive"),
    ],
)
def test_keys_meant_for_newsprep_are_errors_naming_the_record(key: str, hint: str) -> None:
    recs = [{"id": "a", "names": ["Alpha"]}, {"id": "b", "names": ["Beta"], key: True}]
    with pytest.raises(newsprep.GazetteerError, match=rf'record 1 \(id "b"\).*{key}') as err:
        EntityMatcher.from_records(recs)
    assert any(h in str(err.value) for h in hint.split("|")) or hint in str(err.value)


def test_other_keys_are_the_records_own_data() -> None:
    recs = [{"id": "a", "label": "L", "names": ["Alpha"], "type": "city", "population": 3, "wikidata": "Q1"}]
    assert texts(EntityMatcher.from_records(recs), "Alpha") == ["Alpha"]


def test_from_jsonl_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "a", "names": ["Alpha"]}\n\n{"id": "b", "names": ["Beta"], "aliases": ["B"]}\n')
    with pytest.raises(newsprep.GazetteerError, match=r'g\.jsonl, line 3: record 1 \(id "b"\).*aliases'):
        EntityMatcher.from_jsonl(p)
    p.write_text('{"id": "a", "names": ["Alpha"]}\n{"id": "b", "names": ["  "]}\n')
    with pytest.raises(newsprep.GazetteerError, match=r'line 2: record 1 \(id "b"\): name 0'):
        EntityMatcher.from_jsonl(p)
    p.write_bytes(b'{"id": "a", "names": ["Alpha"]}\n{"id": "b", "names": ["Caf\xe9"]}\n')
    with pytest.raises(newsprep.GazetteerError, match=r"line 2: not valid UTF-8 \(byte 0xe9"):
        EntityMatcher.from_jsonl(p)
    p.write_bytes(b'\xef\xbb\xbf{"id": "a", "names": ["Alpha"]}\n')  # a BOM is fine
    assert texts(EntityMatcher.from_jsonl(p), "Alpha") == ["Alpha"]
    with pytest.raises(TypeError, match="unexpected option"):
        EntityMatcher.from_jsonl(p, fold_accent=True)


# ------------------------------------------------------------------ empty gazetteers, options, repr


def test_empty_gazetteer_warns() -> None:
    with pytest.warns(newsprep.NewsprepWarning, match="empty"):
        EntityMatcher.from_records([])
    with pytest.warns(newsprep.NewsprepWarning, match="empty"):
        EntityMatcher({})
    with pytest.warns(newsprep.NewsprepWarning, match="dropped"):
        EntityMatcher.from_records([{"id": "a", "names": ["of"]}], stop_names=["Of"])
    # records with empty names lists: the warning blamed stop_names and min_length, which were not given
    with pytest.warns(newsprep.NewsprepWarning, match="names lists are empty") as caught:
        EntityMatcher.from_records([{"id": "a", "names": []}, {"id": "b", "names": []}])
    assert "2 record(s)" in str(caught[0].message)
    assert issubclass(newsprep.NewsprepWarning, UserWarning)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        EntityMatcher({"Alpha": "X"})  # a real gazetteer does not warn


@pytest.mark.parametrize(
    "kwargs", [{"min_length": -1}, {"min_length": 2**70}, {"n_threads": -1}, {"n_threads": 0}]
)
def test_bad_numbers_are_config_errors(kwargs: dict) -> None:
    if "n_threads" in kwargs:
        with pytest.raises(newsprep.ConfigError, match="n_threads"):
            EntityMatcher({"Alpha": "X"}).find_many(["Alpha"], **kwargs)
    else:
        with pytest.raises(newsprep.ConfigError, match="min_length"):
            EntityMatcher.from_records(ORGS, **kwargs)


def test_repr_shows_every_option_that_changes_results() -> None:
    m = EntityMatcher.from_records(
        ORGS, fold_accents=True, min_length=2, stop_names=["of"], exact_case_names=["Labour"]
    )
    assert repr(m) == (
        "EntityMatcher(<5 entities, 8 names, 5 exact-case>, case_sensitive=False, fold_accents=True, "
        'whole_words=True, overlaps="leftmost-longest", min_length=2, exact_case_acronyms=True, '
        "stop_names=['of'], exact_case_names=['Labour'])"
    )
    many = EntityMatcher.from_records(ORGS, stop_names=[f"s{i}" for i in range(10)])
    assert "stop_names=['s0', 's1', 's2', ... <10 names>]" in repr(many)


def test_no_private_arguments_in_public_signatures() -> None:
    import inspect

    for f in (EntityMatcher, EntityMatcher.from_records, EntityMatcher.from_jsonl, EntityMatcher.load):
        text = str(inspect.signature(f)) if f is not EntityMatcher else EntityMatcher.__init__.__doc__ or ""
        assert "_records" not in text and "_bytes" not in text
    with pytest.raises(TypeError):
        EntityMatcher(_bytes=b"")  # type: ignore[call-arg]


# ------------------------------------------------------------------ saved forms


def test_files_of_version_1_load_with_their_results() -> None:
    expected = json.loads((DATA / "v1_expected.json").read_text(encoding="utf-8"))
    for name in ("v1_python.bin", "v1_core.bin"):
        m = EntityMatcher.load(DATA / name)
        assert m.n_entities == expected["n_entities"] and m.n_names == expected["n_names"]
        for probe in expected["probes"]:
            found = m.find(probe["text"])
            got = [[x.start, x.end, x.text, x.id, x.label, x.name, list(x.ids)] for x in found]
            assert got == probe["matches"], name
    m = EntityMatcher.load(DATA / "v1_python.bin")
    old = expected["options"]
    assert {k: m.options[k] for k in old} == old and m.options["exact_case_acronyms"] is False


def test_python_saves_the_cores_bytes(tmp_path: Path) -> None:
    """The same bytes as Rust's to_bytes for the same gazetteer (see make_v2_fixture.py)."""
    make = load_module(DATA / "make_v2_fixture.py", "make_v2")
    m = EntityMatcher.from_records(make.RECORDS, **make.OPTIONS)
    m.save(tmp_path / "m.bin")
    assert (tmp_path / "m.bin").read_bytes() == (DATA / "v2.bin").read_bytes()
    assert pickle.loads(pickle.dumps(m)).options == m.options


def test_a_file_saved_by_rust_loads_in_python() -> None:
    """v2.bin is what Rust's ``to_bytes`` writes (``python_and_rust_write_the_same_bytes`` checks it):
    loaded here, it keeps every option and finds what the Rust test finds."""
    m = EntityMatcher.load(DATA / "v2.bin")
    assert m.options["fold_accents"] is True and m.options["min_length"] == 2
    assert m.options["stop_names"] == ["of"] and m.options["exact_case_names"] == ["Tarn"]
    text = "ACW acw Velmora Vélmora tarn Tarn of nxl NXL"
    assert [x.text for x in m.find(text)] == ["ACW", "Vélmora", "Tarn", "nxl", "NXL"]
    assert m._to_bytes() == (DATA / "v2.bin").read_bytes()


def test_load_validates_like_building(tmp_path: Path) -> None:
    data = EntityMatcher.from_records([{"id": "ab", "names": ["Name"]}])._to_bytes()
    i = data.index(b"\x02ab")
    (tmp_path / "no_id.bin").write_bytes(data[:i] + b"\x00" + data[i + 3 :])
    with pytest.raises(newsprep.SerializationError, match="empty id"):
        EntityMatcher.load(tmp_path / "no_id.bin")
    (tmp_path / "blank.bin").write_bytes(data.replace(b"\x04Name", b"\x04    "))
    with pytest.raises(newsprep.SerializationError, match="blank"):
        EntityMatcher.load(tmp_path / "blank.bin")


class Mine(EntityMatcher):
    """A user's subclass."""


def test_pickle_keeps_the_subclass_and_every_option() -> None:
    m = Mine.from_records(ORGS, stop_names=["of"], exact_case_acronyms=False)
    r = pickle.loads(pickle.dumps(m))
    assert type(r) is Mine and r.options == m.options and repr(r) == repr(m)


NAMES = st.lists(
    st.text(alphabet=st.sampled_from("abAB É.-’ İ\u0301"), min_size=1, max_size=6).filter(
        lambda s: s.strip(" \u0301") != ""
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None)
@given(NAMES, st.text(alphabet=st.sampled_from("abAB É.-’ İ\u0301x"), max_size=40), st.booleans())
def test_save_load_round_trip_finds_the_same(names: list[str], text: str, accents: bool) -> None:
    policy = [None, True, False]
    recs = [{"id": f"e{i}", "names": [n], "case_sensitive": policy[i % 3]} for i, n in enumerate(names)]
    try:
        m = EntityMatcher.from_records(recs, fold_accents=accents, stop_names=["x"])
    except newsprep.GazetteerError:
        return  # a name that folds to nothing
    r = EntityMatcher._from_bytes(m._to_bytes())
    assert r.find(text) == m.find(text) and r.options == m.options


def test_unicode_tables_are_up_to_date() -> None:
    """scripts/gen_unicode_tables.py --check: the committed tables are what the generator writes."""
    import subprocess
    import sys
    import unicodedata

    script = Path(__file__).resolve().parents[2] / "scripts" / "gen_unicode_tables.py"
    if not script.exists():
        pytest.skip(f"{script} not found (tests run outside the repository)")
    pinned = "14.0.0"
    if unicodedata.unidata_version != pinned:
        have = unicodedata.unidata_version
        pytest.skip(f"the tables are pinned to Unicode {pinned}; this Python has {have}")
    done = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
