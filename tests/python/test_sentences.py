"""The sentence-splitting API: behaviour, offsets, batches, pickling and bad input."""

from __future__ import annotations

import json
import pickle

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from conftest import shared_path
from newsprep import SentenceSplitter

# Cases written for newsprep: (text, expected sentences).
CASES = [
    (
        "Talks resumed at 9 a.m. on Nov.7 in the U.S. capital. They ended at noon.",
        ["Talks resumed at 9 a.m. on Nov.7 in the U.S. capital.", "They ended at noon."],
    ),
    (
        "Gov. Hale met Sen. Ruiz. The meeting was brief.",
        ["Gov. Hale met Sen. Ruiz.", "The meeting was brief."],
    ),
    ("Shares of Acme Inc. rose 3.5% to $1.5 billion.", ["Shares of Acme Inc. rose 3.5% to $1.5 billion."]),
    (
        "The report (see p. 12) was cited by J. K. Rowling.",
        ["The report (see p. 12) was cited by J. K. Rowling."],
    ),
    (
        "“We will rebuild,” she said. “It will take years.”",
        ["“We will rebuild,” she said.", "“It will take years.”"],
    ),
    ("Is it over?! Nobody knows.", ["Is it over?!", "Nobody knows."]),
    (
        "Flood warning issued\nBy Ana Lima\nRiver levels rose. Residents left.",
        ["Flood warning issued", "By Ana Lima", "River levels rose.", "Residents left."],
    ),
    ("  • First point\n  • Second point", ["• First point", "• Second point"]),
    (
        "Read more at https://news.example.org/a.b. Then reply to desk@example.org. Thanks.",
        ["Read more at https://news.example.org/a.b.", "Then reply to desk@example.org.", "Thanks."],
    ),
    (
        "He paused... then went on. It was 3.14 p.m. in Berlin.",
        ["He paused... then went on.", "It was 3.14 p.m. in Berlin."],
    ),
    ("Kyiv, Nov. 7 (AP) — The talks failed.", ["Kyiv, Nov. 7 (AP) — The talks failed."]),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_cases(text: str, expected: list[str]) -> None:
    assert newsprep.sentences(text) == expected
    spans = newsprep.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == expected


def test_offsets_are_code_points_after_non_ascii() -> None:
    text = "İstanbul’da 🚀 fırtına. São Paulo está calmo. Fin."
    spans = newsprep.sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["İstanbul’da 🚀 fırtına.", "São Paulo está calmo.", "Fin."]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\r\n \u00a0"])
def test_empty_and_whitespace_give_no_sentences(text: str) -> None:
    assert newsprep.sentences(text) == []
    assert newsprep.sentence_spans(text) == []


@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["a list"], 1.5])
def test_non_str_raises_type_error_naming_the_type(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        newsprep.sentences(bad)  # type: ignore[arg-type]
    with pytest.raises(newsprep.NewsprepError):
        newsprep.sentence_spans(bad)  # type: ignore[arg-type]


def test_lone_surrogate_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match="surrogate"):
        newsprep.sentences("bad \ud800 text.")


def test_extra_abbreviations() -> None:
    text = "Brgy. San Roque flooded. He left."
    assert newsprep.sentences(text) == ["Brgy.", "San Roque flooded.", "He left."]
    s = SentenceSplitter(extra_abbreviations=["Brgy."])
    assert s.split(text) == ["Brgy. San Roque flooded.", "He left."]
    assert s.split("They left the Brgy. The rain stopped.") == ["They left the Brgy.", "The rain stopped."]
    t = SentenceSplitter(extra_abbreviations={"Kpt": "title"})
    assert t.split("Kpt. The Nowak spoke.") == ["Kpt. The Nowak spoke."]
    assert t.extra_abbreviations == {"Kpt": "title"}
    assert SentenceSplitter.default_abbreviations()["mr"] == "title"


@pytest.mark.parametrize(
    "bad,exc",
    [
        ("Supt", TypeError),
        ([" "], ValueError),
        (["St Paul"], ValueError),
        ({"x": "noun"}, ValueError),
        ([3], TypeError),
    ],
)
def test_bad_abbreviations_raise(bad: object, exc: type) -> None:
    with pytest.raises(exc):
        SentenceSplitter(extra_abbreviations=bad)  # type: ignore[arg-type]


def test_repr_and_pickle_round_trip() -> None:
    s = SentenceSplitter(extra_abbreviations={"Supt": "title"})
    assert repr(s) == 'SentenceSplitter(extra_abbreviations={"Supt": "title"})'
    assert repr(SentenceSplitter()) == "SentenceSplitter()"
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        r = loads(dumps(s))
        assert type(r) is SentenceSplitter
        assert r.extra_abbreviations == s.extra_abbreviations
        assert r.split("Supt. Gray spoke.") == ["Supt. Gray spoke."]


def test_split_many_kinds_and_missing() -> None:
    pd = pytest.importorskip("pandas")
    s = SentenceSplitter()
    texts = ["One. Two.", None, float("nan"), "", "Three."]
    assert s.split_many(texts) == [["One.", "Two."], None, None, [], ["Three."]]
    assert s.split_many(iter(texts), n_threads=1) == s.split_many(texts, n_threads=2)
    assert s.split_many(tuple(t for t in texts if isinstance(t, str))) == [["One.", "Two."], [], ["Three."]]
    series = pd.Series(["A b. C d.", None, pd.NA, "E."], index=["x", "y", "z", "w"], name="body")
    out = s.split_many(series)
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["x", "y", "z", "w"] and out.name == "body"
    assert out["x"] == ["A b. C d."] and out["y"] is None and out["z"] is None and out["w"] == ["E."]
    spans = s.spans_many(series)
    assert spans["w"] == [(0, 2)]


def test_split_many_bad_input() -> None:
    s = SentenceSplitter()
    with pytest.raises(TypeError, match="single str"):
        s.split_many("not a list")
    with pytest.raises(TypeError, match=r"texts\[1\].*int"):
        s.split_many(["ok", 5])
    with pytest.raises(ValueError, match="n_threads"):
        s.split_many(["ok"], n_threads=0)
    with pytest.raises(TypeError):
        s.split_many(["ok"], n_threads=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        s.split_many(5)  # type: ignore[arg-type]


def test_progress_callback_counts_every_document() -> None:
    s = SentenceSplitter()
    seen: list[int] = []
    s._split_many(["a."] * 5000, None, seen.append)
    assert sum(seen) == 5000 and len(seen) >= 2


def test_large_text_is_linear_enough_to_finish() -> None:
    text = "The council met on Nov. 7 in the U.S. capital. It voted 5-2. " * 200_000  # ~12 MB
    spans = newsprep.sentence_spans(text)
    assert len(spans) == 400_000


# ---------------------------------------------------------------- properties

NEWSY = st.lists(
    st.sampled_from(
        list("abcXYZ .!?…\"'“”‘’()[]«»\n\r\t•-0123456789:,;@/éİ🚀ß\u00a0")
        + ["U.S.", "Mr.", " a.m. ", "...", " In the ", "Image: ", "1. ", " 2. ", "www.x.com", "The"]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(NEWSY)
def test_spans_are_ordered_trimmed_and_slice_the_text(text: str) -> None:
    spans = newsprep.sentence_spans(text)
    sents = newsprep.sentences(text)
    assert [text[s:e] for s, e in spans] == sents
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    # nothing but whitespace is left out
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(st.none(), NEWSY), max_size=20))
def test_batch_equals_map_of_single(texts: list) -> None:
    s = SentenceSplitter()
    expected = [None if t is None else s.split(t) for t in texts]
    assert s.split_many(texts) == expected
    assert s.split_many(texts, n_threads=1) == expected


# ---------------------------------------------------------------- shared data


def test_golden_rules_all_pass() -> None:
    rules = json.loads(shared_path("data", "sentences", "golden_en.json").read_text())
    failures = []
    for r in rules:
        got = [" ".join(x.split()) for x in newsprep.sentences(r["text"])]
        want = [" ".join(x.split()) for x in r["sentences"]]
        if got != want:
            failures.append((r["id"], got, want))
    assert not failures, failures


def test_gum_news_boundary_f1() -> None:
    """Boundary F1 on the GUM news dev documents, scored like ../shared/eval (non-space coordinates)."""
    path = shared_path("data", "sentences", "gum_news.dev.jsonl")
    tp = fp = fn = 0
    for line in path.read_text().splitlines():
        doc = json.loads(line)
        text = doc["text"]
        nows = [i for i, c in enumerate(text) if not c.isspace()]
        import bisect

        def bounds(spans: list, nows: list = nows) -> set:
            out = set()
            for _, e in spans:
                k = bisect.bisect_right(nows, e - 1)
                if 0 < k < len(nows):
                    out.add(k)
            return out

        gold, pred = bounds(doc["spans"]), bounds(newsprep.sentence_spans(text))
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p, r = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * p * r / (p + r)
    assert f1 >= 0.98, (p, r, f1)


def test_arrow_and_polars_inputs_come_back_as_the_same_kind() -> None:
    s = SentenceSplitter()
    texts = ["One. Two.", None]
    pa = pytest.importorskip("pyarrow")
    out = s.split_many(pa.chunked_array([texts]))
    assert isinstance(out, (pa.Array, pa.ChunkedArray)) and out.to_pylist() == [["One.", "Two."], None]
    pl = pytest.importorskip("polars")
    series = s.split_many(pl.Series("body", texts))
    assert isinstance(series, pl.Series) and series.name == "body"
    assert series.to_list() == [["One.", "Two."], None]


# Linear time on adversarial input (issue 12): a hang guard in test_hostile.py and tests/adversarial_time.rs;
# the growth of the time is measured by benches/growth.py.
