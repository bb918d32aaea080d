"""Hostile input for the entity matcher: grapheme clusters, İ, batch kinds, threads (linear time: the hang
guard in test_hostile.py)."""

from __future__ import annotations

import unicodedata

import pytest

import newsprep
from newsprep import EntityMatcher

# Linear time on crafted names and texts: a hang guard in test_hostile.py (GUARDS["find"]); the growth of
# the time is measured by benches/growth.py.


def test_no_word_boundary_inside_a_grapheme_cluster() -> None:
    m = EntityMatcher({"franc": "X", "दिल": "Y", "Bundes": "Z", "a": "A"})
    nfd = unicodedata.normalize("NFD", "le français, le franc")
    assert [x.text for x in m.find(nfd)] == ["franc"]
    assert [x.text for x in m.find("दिल्ली का दिल")] == ["दिल"]
    assert [x.text for x in m.find("Bundes\u00adtag, Bundes tag")] == ["Bundes"]
    assert [x.text for x in m.find("a\u200db a\u200cb a")] == ["a"]
    whole = EntityMatcher({unicodedata.normalize("NFD", "français"): "X"})
    assert [x.text for x in whole.find(nfd)] == [unicodedata.normalize("NFD", "français")]


def test_dotted_capital_i_folds_with_accents() -> None:
    m = EntityMatcher({"İzmir": "LOC", "Istanbul": "LOC"}, fold_accents=True)
    found = [x.text for x in m.find("Izmir, izmir, İZMİR, İstanbul")]
    assert found == ["Izmir", "izmir", "İZMİR", "İstanbul"]


def test_very_long_names_are_rejected_naming_the_record() -> None:
    with pytest.raises(newsprep.GazetteerError, match=r'record 1 \(id "big"\): name 0 .*too long'):
        EntityMatcher.from_records([{"id": "ok", "names": ["ok"]}, {"id": "big", "names": ["x" * (5 << 20)]}])


def test_find_many_on_pyarrow_is_a_list_whether_or_not_anything_matches() -> None:
    pa = pytest.importorskip("pyarrow")
    m = EntityMatcher({"Alpha": "X"})
    hit = m.find_many(pa.array(["Alpha", None]))
    miss = m.find_many(pa.array(["nothing", None]))
    assert type(hit) is list and type(miss) is list
    assert [len(x) if x is not None else None for x in hit] == [1, None] and miss == [[], None]
    pl = pytest.importorskip("polars")
    for s in (pl.Series(["Alpha"]), pl.Series(["nothing"])):
        assert m.find_many(s).dtype == pl.Object


def test_many_more_threads_than_cores_is_fine() -> None:
    m = EntityMatcher({"Alpha": "X"})
    texts = ["Alpha", "b"] * 1500
    assert m.find_many(texts, n_threads=10_000) == m.find_many(texts, n_threads=1)


def test_name_at_out_of_range_is_a_config_error() -> None:
    m = EntityMatcher({"Alpha": "X"})
    assert m.name_at(0) == "Alpha"
    for i in (-1, 1, 2**70):
        with pytest.raises(newsprep.ConfigError, match="out of range"):
            m.name_at(i)
