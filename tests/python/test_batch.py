"""The batch driver shared by every ``*_many`` method: interrupts, progress, threads, fork."""

from __future__ import annotations

import _thread
import multiprocessing
import os
import threading

import pytest

import newsprep


def _interrupt_soon() -> threading.Timer:
    t = threading.Timer(0.2, _thread.interrupt_main)
    t.start()
    return t


@pytest.mark.parametrize("n_threads", [1, 2])
def test_ctrl_c_stops_a_long_batch(n_threads: int) -> None:
    texts = ["Talks resumed. They ended at noon in the U.S. capital."] * 3_000_000
    splitter = newsprep.SentenceSplitter()
    timer = _interrupt_soon()
    try:
        with pytest.raises(KeyboardInterrupt):
            splitter.split_many(texts, n_threads=n_threads)
    finally:
        timer.cancel()


def test_progress_bar_counts_every_document() -> None:
    tqdm = pytest.importorskip("tqdm")
    assert tqdm
    out = newsprep.SentenceSplitter().split_many(["A. B."] * 3000, progress=True)
    assert len(out) == 3000


def test_rayon_num_threads_and_n_threads_give_the_same_result() -> None:
    texts = [f"Sentence {i}. Another one." for i in range(5000)]
    s = newsprep.SentenceSplitter()
    assert s.split_many(texts, n_threads=1) == s.split_many(texts, n_threads=3) == s.split_many(texts)


def _child(q) -> None:  # runs in a forked child: rayon's pool threads do not exist there
    s = newsprep.SentenceSplitter()
    q.put(s.split_many(["One. Two."] * 3000)[0])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_batches_work_after_fork() -> None:
    newsprep.SentenceSplitter().split_many(["warm. up."] * 3000)  # start the pool in the parent
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    p.join(60)
    assert p.exitcode == 0
    assert q.get(timeout=5) == ["One.", "Two."]


def test_threads_from_python_share_one_object() -> None:
    m = newsprep.EntityMatcher({"Kyiv": "LOC"})
    texts = ["Kyiv and Kyiv"] * 2000
    results: list = []

    def work() -> None:
        results.append(m.find_many(texts, n_threads=1))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)


ARROW_TEXTS = [
    "One. Two.",
    None,
    "São Paulo é grande. Sim! Zelensky spoke.",
    "",
    "A long sentence with more than twelve bytes. Another one follows it here.",
    "İstanbul 🚀 fırtına. Kyiv.",
]


def _plain(out):
    for attr in ("to_pylist", "to_list"):
        if hasattr(out, attr):
            out = getattr(out, attr)()
            break
    return [None if x is None or isinstance(x, float) or type(x).__name__ == "NAType" else x for x in out]


def _arrow_inputs():
    pa = pytest.importorskip("pyarrow")
    yield "string", pa.array(ARROW_TEXTS)
    yield "large_string", pa.array(ARROW_TEXTS, pa.large_string())
    yield "string_view", pa.array(ARROW_TEXTS, pa.string_view())
    yield "chunked", pa.chunked_array([ARROW_TEXTS[:3], ARROW_TEXTS[3:]])
    yield "sliced", pa.array(["skipped", *ARROW_TEXTS, "skipped"])[1:-1]
    try:
        import polars as pl

        yield "polars", pl.Series("t", ARROW_TEXTS)
    except ImportError:
        pass
    import pandas as pd

    yield "pandas string[pyarrow]", pd.Series(ARROW_TEXTS, dtype="string[pyarrow]")


def test_arrow_columns_give_the_same_results_as_lists() -> None:
    splitter = newsprep.SentenceSplitter()
    matcher = newsprep.EntityMatcher({"São Paulo": "LOC", "Zelensky": "PER", "Kyiv": "LOC"})
    cleaner = newsprep.Cleaner()
    expected = {
        "spans": splitter.spans_many(ARROW_TEXTS),
        "split": splitter.split_many(ARROW_TEXTS),
        "find": [
            None if r is None else [(m.start, m.end, m.id) for m in r] for r in matcher.find_many(ARROW_TEXTS)
        ],
        "clean": cleaner.clean_many(ARROW_TEXTS),
    }
    for name, column in _arrow_inputs():
        spans = [None if r is None else [tuple(x) for x in r] for r in _plain(splitter.spans_many(column))]
        assert spans == expected["spans"], name
        assert _plain(splitter.split_many(column)) == expected["split"], name
        found = matcher.find_many(column)
        found = [None if r is None else [(m.start, m.end, m.id) for m in r] for r in _plain(found)]
        assert found == expected["find"], name
        assert _plain(cleaner.clean_many(column)) == expected["clean"], name
        cols = matcher.find_columns(column)
        assert cols["doc"].tolist() == [i for i, r in enumerate(expected["find"]) if r for _ in r], name


def test_a_tables_column_gives_a_column_back() -> None:
    # table["text"] is a ChunkedArray: the results were a plain Array, another kind than the input.
    pa = pytest.importorskip("pyarrow")
    table = pa.table({"text": ARROW_TEXTS})
    out = newsprep.Cleaner().clean_many(table["text"])
    assert isinstance(out, pa.ChunkedArray) and out.type == pa.string()
    assert out.to_pylist() == newsprep.Cleaner().clean_many(ARROW_TEXTS)
    assert table.append_column("clean", out).num_columns == 2
    spans = newsprep.SentenceSplitter().spans_many(table["text"])
    assert isinstance(spans, pa.ChunkedArray)
    empty = newsprep.Cleaner().clean_many(pa.chunked_array([], type=pa.string()))
    assert isinstance(empty, pa.ChunkedArray) and empty.type == pa.string() and len(empty) == 0


def test_per_text_arrow_columns_are_read_as_their_values() -> None:
    """sites=, urls= and fit() read a pyarrow column as its str values (they were refused:
    "sites[0]: expected str or None, got StringScalar"), as the texts themselves are."""
    pa = pytest.importorskip("pyarrow")
    texts = [
        "Menu\nRain fell in Faro all day. It stopped at dusk.",
        "Menu\nSnow fell in Braga. Roads closed.",
    ]
    for kind in (pa.array, lambda v: pa.chunked_array([v])):
        sites = kind(["a.pt", "a.pt"])
        assert _plain(newsprep.Cleaner().clean_many(texts, sites=sites)) == newsprep.Cleaner().clean_many(
            texts, sites=["a.pt", "a.pt"]
        )
        fitted = newsprep.Cleaner().fit(kind(texts), sites)
        assert fitted.n_sites == 1
        assert (
            newsprep.Pipeline().process(texts, sites=sites)[1].clean_text
            == newsprep.Pipeline().process(texts, sites=["a.pt", "a.pt"])[1].clean_text
        )
        html = ["<p>Rain fell in Faro all day, residents said.</p>"]
        urls = kind(["https://example.com/rain"])
        assert newsprep.Extractor().articles(html, urls=urls)["url"].tolist() == ["https://example.com/rain"]
        pipe = newsprep.Pipeline(extractor=newsprep.Extractor())
        assert pipe.to_frames(html, urls=urls).documents["url"].tolist() == ["https://example.com/rain"]


def test_bytes_where_text_goes_name_the_fix() -> None:
    # A column of bytes (a scraper's raw pages) got "expected str or None, got bytes" and no way on.
    import pandas as pd

    calls = [
        lambda: newsprep.Cleaner().clean_many(["text", b"page"]),
        lambda: pd.Series(["text", b"page"], index=[10, 20]).newsprep.clean(),
        lambda: newsprep.SentenceSplitter().spans_many([bytearray(b"x")]),
        lambda: newsprep.clean(b"page"),
    ]
    for call in calls:
        with pytest.raises(newsprep.InputTypeError, match=r"decode bytes to str first.*newsprep\.extract"):
            call()
    with pytest.raises(newsprep.InputTypeError, match=r"\(index label 20\)"):
        calls[1]()
    with pytest.raises(newsprep.InputTypeError) as info:
        newsprep.Cleaner().clean_many([1])
    assert "decode" not in str(info.value)


def test_non_string_arrow_columns_are_a_type_error() -> None:
    pa = pytest.importorskip("pyarrow")
    with pytest.raises(TypeError, match=r"texts\[0\]"):
        newsprep.SentenceSplitter().split_many(pa.array([1, 2]))


def test_batches_restore_the_garbage_collector() -> None:
    import gc

    s = newsprep.SentenceSplitter()
    assert gc.isenabled()
    s.split_many(["A. B."] * 3000)
    assert gc.isenabled()
    gc.disable()
    try:
        s.split_many(["A. B."] * 10)
        assert not gc.isenabled()  # left as the user had it
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        s.split_many(["ok"] * 3000 + [5])
    assert gc.isenabled()


def test_explain_many_on_arrow_columns() -> None:
    cleaner = newsprep.Cleaner()

    def records(rows):  # polars turns the records into structs (dicts): compare as dicts
        return None if rows is None else [r if isinstance(r, dict) else r._asdict() for r in rows]

    expected = [records(None if t is None else cleaner.explain(t)) for t in ARROW_TEXTS]
    for name, column in _arrow_inputs():
        assert [records(g) for g in _plain(cleaner.explain_many(column))] == expected, name


def test_non_ascii_texts_do_not_grow() -> None:
    """Borrowing a str's UTF-8 would make CPython cache a copy inside it for its lifetime."""
    import sys

    text = "Zelensky met Netanyahu in São Paulo. İstanbul 🚀 next. " * 50
    before = sys.getsizeof(text)
    newsprep.sentences(text)
    newsprep.SentenceSplitter().split_many([text])
    newsprep.EntityMatcher({"São Paulo": "LOC"}).find(text)
    newsprep.clean(text)
    assert sys.getsizeof(text) == before


def test_a_per_text_series_with_another_index_is_refused() -> None:
    # urls=/sites=/language= are paired with the texts by position; a Series from another (sorted,
    # filtered) frame gave each page another row's URL without a word
    pd = pytest.importorskip("pandas")
    html = "<html><body><p>Dock workers returned to work on Tuesday after the vote.</p></body></html>"
    pages = pd.Series([html, html, html], index=[10, 11, 12])
    urls = pd.Series(["https://a.test/1", "https://a.test/2", "https://a.test/3"], index=[12, 11, 10])
    texts = pd.Series(["Rain fell. It stopped."] * 3, index=[10, 11, 12])
    other = pd.Series(["a.test", "b.test", "c.test"], index=[1, 2, 3])
    pipe = newsprep.Pipeline(extractor=newsprep.Extractor())
    calls = [
        lambda: newsprep.Extractor().articles(pages, urls=urls),
        lambda: pages.newsprep.articles(urls=urls),
        lambda: pipe.process(pages, urls=urls),
        lambda: pipe.to_frames(pages, urls=urls),
        lambda: newsprep.Cleaner().clean_many(texts, sites=other),
        lambda: newsprep.Cleaner().explain_many(texts, sites=other),
        lambda: newsprep.Cleaner().fit(texts, other),
        lambda: newsprep.Pipeline().process(texts, sites=other),
        lambda: newsprep.SentenceSplitter().split_many(texts, language=pd.Series(["en"] * 3)),
        lambda: newsprep.SentenceSplitter().spans_many(texts, language=pd.Series(["en"] * 3)),
    ]
    for call in calls:
        with pytest.raises(newsprep.ConfigError, match=r"reindex\(texts.index\)"):
            call()
    # the same index, or a list, pairs by position as before
    a = newsprep.Extractor().articles(pages, urls=urls.sort_index())
    assert a["url"].to_list() == ["https://a.test/3", "https://a.test/2", "https://a.test/1"]
    a = newsprep.Extractor().articles(pages, urls=urls.to_list())
    assert a["url"].to_list() == urls.to_list()


def test_lists_built_in_place_equal_the_single_calls() -> None:
    """spans_many's tuples and find's Match lists are built with the C API (PyList_New, SetItem):
    the same values as the single-text calls, for texts without sentences or matches, missing
    items, non-ASCII offsets and any thread count."""
    splitter = newsprep.SentenceSplitter()
    matcher = newsprep.EntityMatcher.from_records(
        [{"id": "pt", "label": "GPE", "names": ["Portugal", "Lisboa"]}, {"id": "fr", "names": ["France"]}]
    )
    texts = [
        "",
        "   ",
        "Héllo from Lisboa. Portugal and FRANCE met — in “France”. Done.",
        None,
        "no names here",
        "Portugal. " * 50,
        "x",
    ]
    for n in (1, 2):
        spans = splitter.spans_many(texts, n_threads=n)
        found = matcher.find_many(texts, n_threads=n)
        for t, s, f in zip(texts, spans, found, strict=True):
            if t is None:
                assert s is None and f is None
                continue
            assert s == splitter.spans(t)
            assert all(type(x) is tuple and len(x) == 2 for x in s)
            assert f == matcher.find(t)
            assert [t[m.start : m.end] for m in f] == [m.text for m in f]
    got = matcher.find(texts[2])
    assert [(m.text, m.id, m.label, m.name, m.ids) for m in got] == [
        ("Lisboa", "pt", "GPE", "Lisboa", ("pt",)),
        ("Portugal", "pt", "GPE", "Portugal", ("pt",)),
        ("FRANCE", "fr", "", "France", ("fr",)),
        ("France", "fr", "", "France", ("fr",)),
    ]
    assert matcher.find("nothing") == []


def _many_chunks() -> list[str | None | float]:
    """Texts over several chunks of the batch driver (512 texts or 2 MB each): ASCII and non-ASCII
    (Latin-1, BMP, astral), missing items, one text of more than 2**20 code points."""
    texts: list[str | None | float] = []
    for i in range(1500):
        k = i % 6
        if k == 0:
            texts.append(f"Talks resumed in Lisbon. They ended at noon ({i}).")
        elif k == 1:
            texts.append(f"Héllo from São Paulo, said Dr. Müller. Next {i}? Yes.")
        elif k == 2:
            texts.append(f"“Quoted” – ‘x’ in Portugal. 中文 sentence {i}. 😀 Done.")
        elif k == 3:
            texts.append(None if i % 4 else float("nan"))
        elif k == 4:
            texts.append("")
        else:
            texts.append("Mr. Smith left France. " * (i % 40))
    texts[700] = "Rain fell in São Paulo. It stopped — then 😀 went on. " * 20_000  # > 2**20 code points
    return texts


@pytest.mark.parametrize("n_threads", [1, 2])
def test_batches_read_chunk_by_chunk_equal_the_single_calls(n_threads: int) -> None:
    """spans_many, split_many, find_many and the Pipeline read strs chunk by chunk while the workers
    run: the same results as the single-text calls, from lists and iterators."""
    texts = _many_chunks()
    splitter = newsprep.SentenceSplitter()
    spans = [splitter.spans(t) if isinstance(t, str) else None for t in texts]
    split = [splitter.split(t) if isinstance(t, str) else None for t in texts]
    assert splitter.spans_many(texts, n_threads=n_threads) == spans
    assert splitter.spans_many(iter(texts), n_threads=n_threads) == spans
    assert splitter.split_many(texts, n_threads=n_threads) == split
    cleaner = newsprep.Cleaner()
    cleaned = [cleaner.clean(t) if isinstance(t, str) else None for t in texts]
    assert cleaner.clean_many(texts, n_threads=n_threads) == cleaned
    assert cleaner.clean_many(iter(texts), n_threads=n_threads) == cleaned
    matcher = newsprep.gazetteers.countries()
    found = [matcher.find(t) if isinstance(t, str) else None for t in texts]
    assert matcher.find_many(texts, n_threads=n_threads) == found
    assert matcher.find_many(iter(texts), n_threads=n_threads) == found
    pipe = newsprep.Pipeline(cleaner=newsprep.Cleaner(), splitter=splitter, matcher=matcher)
    one = [pipe.process([t])[0] if isinstance(t, str) else None for t in texts]
    got = pipe.process(texts, n_threads=n_threads)
    assert [d and d.to_dict() for d in got] == [d and d.to_dict() for d in one]
    # corpus mode (sites=) still reads every text first: the same documents without site statistics
    eager = pipe.process(texts, sites=[None] * len(texts), n_threads=n_threads)
    assert [d and d.to_dict() for d in eager] == [d and d.to_dict() for d in one]


@pytest.mark.parametrize("n_threads", [1, 2])
def test_progress_is_called_once_per_chunk(n_threads: int) -> None:
    """Progress and Ctrl-C come once per chunk of up to 512 texts (or 2 MB), on one thread and on two."""
    texts = _many_chunks()
    seen: list[int] = []
    out = newsprep.Cleaner()._clean_many(texts, None, n_threads, seen.append)
    assert len(out) == len(texts)
    assert seen == [512, 512, 476]


@pytest.mark.parametrize("n_threads", [1, 2])
def test_a_lone_surrogate_in_a_later_chunk_is_the_same_value_error(n_threads: int) -> None:
    texts: list[object] = ["Héllo. Wörld."] * 1200 + ["bad \ud800 text."] + ["ok."] * 600
    splitter = newsprep.SentenceSplitter()
    pipe = newsprep.Pipeline(cleaner=newsprep.Cleaner())
    matcher = newsprep.gazetteers.countries()
    for call in (splitter.spans_many, splitter.split_many, pipe.process, pipe.to_frames, matcher.find_many):
        with pytest.raises(ValueError, match=r"texts\[1200\]: .*surrogates not allowed"):
            call(texts, n_threads=n_threads)
        with pytest.raises(ValueError, match=r"texts\[1200\]: .*surrogates not allowed"):
            call(iter(texts), n_threads=n_threads)
    # a lone surrogate before a non-str raises first, as when every text was read up front
    with pytest.raises(ValueError, match=r"texts\[1200\]"):
        splitter.spans_many([*texts[:1201], 5], n_threads=n_threads)
    with pytest.raises(newsprep.InputTypeError, match=r"texts\[1200\]: expected str or None"):
        splitter.spans_many([*texts[:1200], 5, texts[1200]], n_threads=n_threads)
    # among the first texts, read for the markup warning of a cleaner
    with pytest.raises(ValueError, match=r"texts\[1\]: .*surrogates not allowed"):
        pipe.process(["ok.", "bad \ud800"], n_threads=n_threads)


def test_chunking_does_not_call_a_str_subclass_len() -> None:
    class Odd(str):
        def __len__(self) -> int:
            raise RuntimeError("__len__ called")

    texts = [Odd("Talks resumed. They ended at noon.")] * 1200
    splitter = newsprep.SentenceSplitter()
    for n in (1, 2):
        assert splitter.spans_many(texts, n_threads=n) == [[(0, 14), (15, 34)]] * 1200
