"""Hostile input across the package (issue 12): str subclasses that lie, bad ``n_threads``, no hang
of any text function on large adversarial shapes, and odd batch inputs (hypothesis)."""

from __future__ import annotations

import functools
import io
import pickle
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsprep
from newsprep import Cleaner, EntityMatcher, Extractor, SentenceSplitter

# ---------------------------------------------------------------- str subclasses


class LyingStr(str):
    """A str that claims to be ASCII: newsprep must not trust Python-level methods for offsets."""

    def isascii(self) -> bool:
        return True

    def encode(self, *args, **kwargs):  # type: ignore[override]
        return b"lies"


TEXT = "Café in Zürich opened. Kyiv’s mayor came. Ünal left."


def test_a_str_subclass_overriding_isascii_gets_code_point_offsets() -> None:
    text = LyingStr(TEXT)
    plain = str(text)
    spans = newsprep.sentence_spans(text)
    assert spans == newsprep.sentence_spans(plain)
    assert [plain[s:e] for s, e in spans] == ["Café in Zürich opened.", "Kyiv’s mayor came.", "Ünal left."]
    m = EntityMatcher({"Zürich": "LOC", "Kyiv": "LOC", "Ünal": "PER"})
    found = m.find(text)
    assert [(plain[x.start : x.end], x.text) for x in found] == [
        ("Zürich",) * 2,
        ("Kyiv",) * 2,
        ("Ünal",) * 2,
    ]
    assert [(x.start, x.end) for x in m.find_many([text])[0]] == [(x.start, x.end) for x in found]
    assert SentenceSplitter().spans_many([text]) == [spans]
    page = LyingStr("Zürich news\n" + TEXT + "\nComments (3)")
    records = Cleaner().explain(page)
    assert all(str(page)[r.start : r.end] == r.text for r in records)
    assert newsprep.clean(page) == newsprep.clean(str(page))


# ---------------------------------------------------------------- n_threads everywhere

BATCH_CALLS = {
    "split_many": lambda n: SentenceSplitter().split_many(["A b. C d."], n_threads=n),
    "spans_many": lambda n: SentenceSplitter().spans_many(["A b. C d."], n_threads=n),
    "clean_many": lambda n: Cleaner().clean_many(["A b. C d."], n_threads=n),
    "explain_many": lambda n: Cleaner().explain_many(["A b. C d."], n_threads=n),
    "find_many": lambda n: EntityMatcher({"Kyiv": "LOC"}).find_many(["Kyiv"], n_threads=n),
    "find_columns": lambda n: EntityMatcher({"Kyiv": "LOC"}).find_columns(["Kyiv"], n_threads=n),
    "extract_many": lambda n: Extractor().extract_many(["<p>Kyiv.</p>"], n_threads=n),
    "articles": lambda n: Extractor().articles(["<p>Kyiv.</p>"], n_threads=n),
    "process": lambda n: newsprep.Pipeline().process(["A b. C d."], n_threads=n),
}


@pytest.mark.parametrize("call", BATCH_CALLS.values(), ids=BATCH_CALLS.keys())
def test_n_threads_is_checked_the_same_way_by_every_batch_method(call) -> None:
    for bad in (0, -1, -(2**70)):
        with pytest.raises(newsprep.ConfigError, match="n_threads must be a positive integer"):
            call(bad)
    for wrong in ("2", 1.5, True):
        with pytest.raises(newsprep.InputTypeError, match="n_threads"):
            call(wrong)
    results = [call(n) for n in (1, 10_000, 2**70, None)]  # more threads than cores: capped
    for r in results[1:]:
        assert r.equals(results[0]) if hasattr(r, "equals") else r == results[0]


# ---------------------------------------------------------------- linear time
# A hang guard, not a speed test (speed is measured in ``benches/``; ``benches/growth.py`` measures how
# the time grows with these cases): each text function runs on about a million characters of each shape,
# and the entity matcher on names and texts crafted against its scan, in a child process per group, where
# linear work takes seconds in all and quadratic work would take hours; the only bound is a generous cap
# on the child's wall time, so a loaded machine cannot fail it.

GUARD_CHARS = 1_000_000
GUARD_SECONDS = 300

SHAPES = {
    "parens": lambda n: "N)" + "\n)" * n,
    "newlines": lambda n: "\n" * n,
    "bullets": lambda n: "• " * n,
    "open-brackets": lambda n: "(" * n + " the text goes on\nand on in lower case\n" * (n // 40 + 1),
    "short-lines": lambda n: "Home\nab\n\n" * (n // 8 + 1),
    "one-long-line": lambda n: "word " * n,
    "dots": lambda n: ". " * n,
    "quotes": lambda n: '"' * n + " A b." * (n // 10 + 1),
    "alternating": lambda n: (
        "The committee said on Tuesday that the report would be out next week.\nShare\n" * (n // 80 + 1)
    ),
}
CLEANER = Cleaner()
SPLITTER = SentenceSplitter()
FUNCTIONS = {
    "clean": CLEANER.clean,
    "explain": CLEANER.explain,
    "sentences": SPLITTER.spans,
    "extract": Extractor().extract,
}


def crafted_find(name: Callable[[int], str], text: Callable[[int], str], **options: Any) -> Callable:
    """A case for the matcher: a name of about n characters that the text almost matches everywhere."""

    def make(n: int) -> Callable[[], Any]:
        m = EntityMatcher.from_records(
            [{"id": "long", "names": [name(n)]}, {"id": "short", "names": [".", "a"]}], **options
        )
        t = text(n)
        m.find(t)  # builds the fallback search once
        return lambda: m.find(t)

    return make


CRAFTED = {
    "dots": (lambda n: "." * n + "x", lambda n: "." * n),
    "words": (lambda n: "a " * n + "b", lambda n: "a " * n),
    "letters": (lambda n: "a" * n + "b", lambda n: "a" * n),
}
# group -> case -> make(n): builds the input for n and returns the call to guard (and to time, in benches)
GUARDS: dict[str, dict[str, Callable[[int], Callable[[], Any]]]] = {
    function: {
        shape: (lambda n, f=f, text=text: functools.partial(f, text(n))) for shape, text in SHAPES.items()
    }
    for function, f in FUNCTIONS.items()
}
GUARDS["find"] = {
    f"{kind}-{'whole' if whole else 'any'}-{overlaps}": crafted_find(
        name, text, whole_words=whole, overlaps=overlaps
    )
    for kind, (name, text) in CRAFTED.items()
    for whole in (True, False)
    for overlaps in ("leftmost-longest", "all")
}


def run_guard(group: str) -> None:
    """The child: every case of ``group``, naming each case before it starts."""
    import warnings

    warnings.simplefilter("ignore")  # text that is not HTML is the point here: the extractor says so
    for case, make in GUARDS[group].items():
        print(case, flush=True)
        make(GUARD_CHARS)()
    print("done", flush=True)


@pytest.mark.parametrize("group", GUARDS)
def test_every_text_function_finishes_on_large_adversarial_input(group: str) -> None:
    import subprocess
    import sys

    try:
        child = subprocess.run(
            [sys.executable, __file__, group],
            capture_output=True,
            text=True,
            timeout=GUARD_SECONDS,
        )
    except subprocess.TimeoutExpired as hung:
        out = hung.stdout.decode() if isinstance(hung.stdout, bytes) else hung.stdout or ""
        last = out.split()[-1] if out.split() else "?"
        pytest.fail(f"{group} on the {last!r} case ({GUARD_CHARS:,} chars): not done in {GUARD_SECONDS}s")
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == [*GUARDS[group], "done"]


# ---------------------------------------------------------------- odd batch inputs

ODD = st.one_of(
    st.none(),
    st.just(float("nan")),
    st.text(max_size=30),
    st.builds(LyingStr, st.text(max_size=30)),
    st.integers(),
    st.binary(max_size=5),
    st.floats(allow_nan=False),
    st.lists(st.text(max_size=3), max_size=2),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ODD, max_size=8))
def test_odd_batch_items_give_results_or_a_type_error_naming_the_position(items) -> None:
    bad = [i for i, x in enumerate(items) if not (x is None or isinstance(x, str) or x != x)]
    calls = [
        SentenceSplitter().split_many,
        Cleaner().clean_many,
        EntityMatcher({"Kyiv": "LOC"}).find_many,
    ]
    for call in calls:
        if bad:
            with pytest.raises(TypeError, match=rf"\[{bad[0]}\]"):
                call(items)
        else:
            out = call(items)
            assert len(out) == len(items)
            assert [o is None for o in out] == [x is None or not isinstance(x, str) for x in items]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.none(), st.text(max_size=40)), max_size=10))
def test_arrow_columns_with_nulls_equal_lists(items) -> None:
    pa = pytest.importorskip("pyarrow")
    column = pa.array(items, type=pa.string())
    for name, call in [
        ("split", SentenceSplitter().split_many),
        ("clean", Cleaner().clean_many),
        ("find", EntityMatcher({"Kyiv": "LOC", "a": "X"}).find_many),
    ]:
        got = call(column)
        got = got.to_pylist() if hasattr(got, "to_pylist") else list(got)
        want = call(items)
        if name == "find":
            got = [None if g is None else [(m.start, m.end, m.id) for m in g] for g in got]
            want = [None if w is None else [(m.start, m.end, m.id) for m in w] for w in want]
        assert got == want, name


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_unpickling_crafted_bytes_is_a_clean_error(data) -> None:
    """Pickles whose payload was tampered with: a SerializationError (a ValueError), never a crash."""
    m = EntityMatcher({"Kyiv": "LOC", "Zürich": "LOC"})
    ctor, args = m.__reduce__()[:2]
    try:
        ctor(*[data if isinstance(a, bytes) else a for a in args])
    except (newsprep.SerializationError, TypeError):
        pass
    good = pickle.loads(pickle.dumps(m))
    assert [x.text for x in good.find("Kyiv and Zurich, Zürich")] == ["Kyiv", "Zürich"]


@pytest.mark.parametrize(
    ("make", "option"),
    [
        (lambda: newsprep.Extractor(include_comments=1), "include_comments"),
        (lambda: newsprep.Extractor(keep_title="yes"), "keep_title"),
        (lambda: newsprep.Cleaner(keep_title=None), "keep_title"),
        (lambda: newsprep.Cleaner(site_min_share="0.1"), "site_min_share"),
        (lambda: newsprep.Cleaner(site_min_pages=2.5), "site_min_pages"),
        (lambda: newsprep.EntityMatcher({"Oslo": "city"}, case_sensitive="no"), "case_sensitive"),
        (lambda: newsprep.EntityMatcher({"Oslo": "city"}, overlaps=1), "overlaps"),
        (lambda: newsprep.EntityMatcher({"Oslo": "city"}, min_length="2"), "min_length"),
        (lambda: newsprep.read_warc(io.BytesIO(b""), html_only="no"), "html_only"),
        (lambda: newsprep.extract_warc(io.BytesIO(b""), batch_size=1.5), "batch_size"),
        (lambda: newsprep.Cleaner().clean("text", site=3), "site"),
        (lambda: newsprep.Extractor().article("<p>text</p>", url=b"https://a.example/"), "url"),
        (lambda: newsprep.extract("<p>text</p>", url=7), "url"),
        (lambda: newsprep.Cleaner.rule_ids(disableable=1), "disableable"),
        (lambda: newsprep.Cleaner().clean_many(5), "texts"),
        (lambda: newsprep.Extractor().articles(["<p>text</p>"], urls=5), "urls"),
        (lambda: newsprep.gazetteers.countries().to_frame(5), "texts"),
        (lambda: newsprep.SentenceSplitter().spans_many(["A b."], language=5), "language"),
    ],
)
def test_an_option_of_the_wrong_type_is_a_newsprep_error(make: Any, option: str) -> None:
    # pyo3's own conversion raised a bare TypeError ("argument 'include_comments': 'int' object
    # cannot be cast as 'bool'"), which `except newsprep.NewsprepError` did not catch
    # (a batch given a value that is not iterable: Python's own "'int' object is not iterable")
    with pytest.raises(newsprep.InputTypeError, match=rf"^{option} (expects|must be)") as info:
        make()
    assert isinstance(info.value, newsprep.NewsprepError) and isinstance(info.value, TypeError)


if __name__ == "__main__":  # the hang guard's child process
    import sys

    run_guard(sys.argv[1])
