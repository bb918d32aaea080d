"""Issue 10, "Notebook manners" and the batch-layer defects: what a notebook user sees and gets back."""

from __future__ import annotations

import collections.abc
import pydoc
import re
import sys
import types
import warnings

import pytest

import newsprep
from newsprep import Cleaner, EntityMatcher, Pipeline, SentenceSplitter, co_mentions

MATCHER = EntityMatcher({"Silva": "PER", "Faro": "LOC", "Costa": "PER"})


# -- a duplicated index never makes two documents one -------------------------------------------------


def test_duplicated_index_does_not_merge_documents() -> None:
    pd = pytest.importorskip("pandas")
    a = pd.Series(["Silva spoke in Lisbon. Rain fell."], index=[0])
    b = pd.Series(["Faro was calm. Nobody spoke."], index=[0])
    s = pd.concat([a, b])  # no ignore_index: both rows are labelled 0
    frames = Pipeline(cleaner=None, matcher=MATCHER).to_frames(s)
    assert frames.mentions["doc"].tolist() == [0, 0] and frames.mentions["row"].tolist() == [0, 1]
    # Silva (row 0, sentence 0) and Faro (row 1, sentence 0) were never named together
    assert co_mentions(frames.mentions).empty
    assert co_mentions(frames.mentions, within="doc").empty
    assert frames.documents["row"].tolist() == [0, 1] and frames.sentences["row"].tolist() == [0, 0, 1, 1]


# -- DataFrames are refused with the fix -----------------------------------------------------------------


def _entry_points(df):
    cleaner, splitter, pipe = Cleaner(), SentenceSplitter(), Pipeline(matcher=MATCHER)
    yield "clean_many", lambda: cleaner.clean_many(df)
    yield "clean_many sites", lambda: cleaner.clean_many(["x"], sites=df)
    yield "explain_many", lambda: cleaner.explain_many(df)
    yield "fit", lambda: cleaner.fit(df, ["a"])
    yield "split_many", lambda: splitter.split_many(df)
    yield "spans_many", lambda: splitter.spans_many(df)
    # a DataFrame as language= gave its column names as the languages
    yield "split_many language", lambda: splitter.split_many(["x"], language=df)
    yield "spans_many language", lambda: splitter.spans_many(["x"], language=df)
    yield "find_many", lambda: MATCHER.find_many(df)
    yield "find_columns", lambda: MATCHER.find_columns(df)
    yield "to_frame", lambda: MATCHER.to_frame(df)
    yield "process", lambda: pipe.process(df)
    yield "to_frames", lambda: pipe.to_frames(df)
    yield "extract_many", lambda: newsprep.Extractor().extract_many(df)
    yield "articles", lambda: newsprep.Extractor().articles(df)


def test_every_batch_entry_point_refuses_a_dataframe() -> None:
    pd = pytest.importorskip("pandas")
    frames = [pd.DataFrame({"text": ["Rain fell. It stopped."], "id": [1]})]
    try:
        import polars as pl

        frames.append(pl.DataFrame({"text": ["Rain fell. It stopped."], "id": [1]}))
    except ImportError:
        pass
    try:
        import pyarrow as pa

        frames.append(pa.table({"text": ["Rain fell. It stopped."], "id": [1]}))
    except ImportError:
        pass
    for df in frames:
        for name, call in _entry_points(df):
            with pytest.raises(newsprep.InputTypeError, match=r'df\["text"\]') as exc:
                call()
            assert "column" in str(exc.value), name


def test_a_table_given_for_a_per_text_column_names_the_column_of_its_name() -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"html": ["<p>Rain fell.</p>"], "url": ["https://example.com/a"], "lang": ["en"]})
    with pytest.raises(newsprep.InputTypeError, match=r'df\["url"\]'):
        newsprep.Extractor().articles(df["html"], urls=df)
    with pytest.raises(newsprep.InputTypeError, match=r'df\["html"\]'):
        newsprep.Extractor().articles(df)


def test_a_lazy_frame_is_refused_without_a_warning() -> None:
    pl = pytest.importorskip("polars")
    lazy = pl.DataFrame({"text": ["Rain fell. It stopped."]}).lazy()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # polars warns when .columns resolves a LazyFrame's schema
        with pytest.raises(newsprep.InputTypeError, match=r'LazyFrame \(its columns: text\).*df\["text"\]'):
            Cleaner().clean_many(lazy)


def test_every_batch_entry_point_refuses_a_dict() -> None:
    # Iterating a dict gives its keys: {"id1": text} was cleaned as the text "id1".
    for d in ({"a1": "Rain fell. It stopped."}, types.MappingProxyType({"a1": "Rain fell."})):
        for name, call in _entry_points(d):
            with pytest.raises(newsprep.InputTypeError, match=r"iterating it gives its keys") as exc:
                call()
            assert "d.values()" in str(exc.value) and "pd.Series(d)" in str(exc.value), name


# -- string dtypes are kept ------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", ["str", "string", "string[pyarrow]", "string[python]"])
def test_clean_many_keeps_the_string_dtype(dtype: str) -> None:
    pd = pytest.importorskip("pandas")
    if dtype == "string[pyarrow]":
        pytest.importorskip("pyarrow")
    try:
        s = pd.Series(["Sign in\nRain fell. It stopped.", None], index=["a", "b"], dtype=dtype)
    except TypeError:
        pytest.skip(f"this pandas has no {dtype} dtype")
    out = Cleaner().clean_many(s)
    assert out.dtype == s.dtype and list(out.index) == ["a", "b"]
    assert out["a"] == Cleaner().clean(s["a"]) and pd.isna(out["b"])
    # results that are not text are objects, as with pandas' own .str.split
    assert SentenceSplitter().split_many(s).dtype == object


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", "string[python]"])
def test_articles_of_a_string_series_keep_its_dtype(dtype: str) -> None:
    """Extractor.articles gave object columns whatever the input (pandas' own .str.extract keeps it)."""
    pd = pytest.importorskip("pandas")
    if dtype == "string[pyarrow]":
        pytest.importorskip("pyarrow")
    html = "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed.</p>"
    try:
        pages = pd.Series([html, None], index=["a", "b"], dtype=dtype)
    except TypeError:
        pytest.skip(f"this pandas has no {dtype} dtype")
    for frame in (
        newsprep.Extractor().articles(pages),
        pages.newsprep.articles(),
        pages[:0].newsprep.articles(),
    ):
        assert set(frame.dtypes) == {pages.dtype}
    frame = newsprep.Extractor().articles(pages)
    assert frame.loc["a", "title"] == "Rain in Faro" and frame.loc["b"].isna().all()


def test_tables_without_rows_have_the_dtypes_of_tables_with_rows() -> None:
    """Concatenating per-batch tables must not turn text columns into objects (or floats)."""
    pytest.importorskip("pandas")
    matcher = EntityMatcher({"Faro": "LOC", "Lisbon": "LOC"})
    hit, miss = matcher.to_frame(["In Faro."]), matcher.to_frame(["Nothing here."])
    assert len(hit) == 1 and len(miss) == 0
    assert miss.dtypes.to_dict() == hit.dtypes.to_dict()
    pipe = Pipeline(matcher=matcher)
    pairs = co_mentions(pipe.to_frames(["Faro and Lisbon met."]).mentions)
    none = co_mentions(pipe.to_frames(["Faro alone."]).mentions)
    assert len(pairs) == 1 and len(none) == 0
    assert none.dtypes.to_dict() == pairs.dtypes.to_dict()


def test_an_empty_batch_has_the_dtype_of_a_full_one() -> None:
    pd = pytest.importorskip("pandas")
    try:
        full, empty = pd.Series(["Rain fell. It stopped."], dtype="string"), pd.Series([], dtype="string")
    except TypeError:
        pytest.skip("this pandas has no string dtype")
    assert Cleaner().clean_many(empty).dtype == Cleaner().clean_many(full).dtype == full.dtype
    # lists of sentences are objects, also when there is none
    assert SentenceSplitter().split_many(empty).dtype == SentenceSplitter().split_many(full).dtype == object
    html = "<html><body><h1>Rain in Faro</h1><p>Rain fell in Faro all day, residents said.</p></body></html>"
    x = newsprep.Extractor()
    kinds = [x.articles(pd.Series(h, dtype=object)).dtypes.to_dict() for h in ([html], [None], [])]
    assert kinds[0] == kinds[1] == kinds[2]  # one schema: no float64 columns for an empty batch
    try:
        import polars as pl
    except ImportError:
        return
    schemas = [x.articles(pl.Series(h, dtype=pl.String)).schema for h in ([html], [None], [])]
    assert schemas[0] == schemas[1] == schemas[2]


def test_numpy_arrays_give_numpy_arrays() -> None:
    np = pytest.importorskip("numpy")
    texts = np.array(["Sign in\nRain fell in Faro all day. It stopped at dusk.", "A short one."])
    out = Cleaner().clean_many(texts)
    assert isinstance(out, np.ndarray) and out.dtype.kind == "U"
    assert list(out) == [Cleaner().clean(t) for t in texts]
    # object arrays keep missing values; list results are one object each, not a new axis
    objs = np.array(["Rain fell. It stopped.", None], dtype=object)
    spans = SentenceSplitter().spans_many(objs)
    assert spans.dtype == object and spans.shape == (2,)
    assert spans[0] == [(0, 10), (11, 22)] and spans[1] is None
    same = SentenceSplitter().split_many(np.array(["Rain fell. It stopped.", "Snow fell. It stayed."]))
    assert same.shape == (2,) and list(same[1]) == ["Snow fell.", "It stayed."]
    # an empty batch has the dtypes of a full one
    assert SentenceSplitter().split_many(np.array([], dtype=str)).dtype == object
    assert Cleaner().clean_many(np.array([], dtype=str)).dtype.kind == "U"


def test_pyarrow_results_keep_the_string_layout() -> None:
    pa = pytest.importorskip("pyarrow")
    for typ in (pa.large_string(), pa.string_view()):
        out = Cleaner().clean_many(pa.array(["Rain fell.", None], typ))
        assert out.type == typ


def test_a_type_error_in_a_series_names_its_label() -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series(["Rain fell.", 3.5, "ok"], index=["first", "second", "third"], dtype=object)
    s.iloc[1] = 3  # an int among texts
    for call in (Cleaner().clean_many, SentenceSplitter().split_many, MATCHER.find_many):
        with pytest.raises(newsprep.InputTypeError, match=r"texts\[1\] \(index label 'second'\)"):
            call(s)
    bad = pd.Series(["fine", "lone \ud800 surrogate"], index=[10, 20], dtype=object)
    with pytest.raises(ValueError, match=r"index label 20"):
        Cleaner().clean_many(bad)
    # a column of pages as bytes (HTML batches take them): the error named the first page, a good one,
    # "expected str or None, got bytes", and hid the bad one
    import gzip

    page = b"<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"
    for bad_page, error, says in [
        (3, newsprep.InputTypeError, "expected str, bytes or None, got int"),
        (gzip.compress(page), newsprep.FormatError, "gzip-compressed"),
    ]:
        pages = pd.Series([page, None, bad_page], index=["a", "b", "c"], dtype=object)
        with pytest.raises(error, match=rf"htmls\[2\] \(index label 'c'\): .*{says}"):
            pages.newsprep.extract()
    pages = pd.Series([page, "lone \ud800 surrogate"], index=["a", "b"], dtype=object)
    with pytest.raises(ValueError, match=r"htmls\[1\] \(index label 'b'\): .* lone surrogate"):
        pages.newsprep.extract()


def test_every_batch_entry_point_names_the_label_of_a_bad_item() -> None:
    """Pipeline.process/to_frames, EntityMatcher.to_frame and Cleaner.fit gave the position only
    ("texts[1]: Pipeline expects str items ..."), as the *_many methods no longer do."""
    pd = pytest.importorskip("pandas")
    s = pd.Series(["Rain fell.", "ok"], index=["first", "second"], dtype=object)
    s.iloc[1] = 3
    surrogate = pd.Series(["fine", "lone \ud800 surrogate"], index=["first", "second"], dtype=object)
    pipe, html_pipe = Pipeline(matcher=MATCHER), Pipeline(extractor=newsprep.Extractor())
    calls = {
        "process": pipe.process,
        "to_frames": pipe.to_frames,
        "html process": html_pipe.process,
        "html to_frames": html_pipe.to_frames,
        "to_frame": MATCHER.to_frame,
        "fit": lambda x: Cleaner().fit(x, ["a.pt", "a.pt"]),
    }
    for name, call in calls.items():
        with pytest.raises(newsprep.InputTypeError, match=r"\[1\] \(index label 'second'\)"):
            call(s)
            pytest.fail(name)
        with pytest.raises(ValueError, match=r"\[1\] \(index label 'second'\): .* lone surrogate"):
            call(surrogate)
            pytest.fail(name)
    # pages given as bytes are not the bad item of an HTML pipeline
    pages = pd.Series([b"<p>Rain fell in Faro all day.</p>", 3], index=["a", "b"], dtype=object)
    with pytest.raises(newsprep.InputTypeError, match=r"texts\[1\] \(index label 'b'\)"):
        html_pipe.to_frames(pages)


# -- what renders --------------------------------------------------------------------------------------------


def _page_with_a_long_run() -> str:
    nav = "\n".join(f"Section {i}" for i in range(12))
    body = (
        "The council of Faro approved the new budget on Monday after a long debate, officials said.\n"
        "Silva, the mayor, said the money would go to schools and roads over the next three years.\n"
    )
    return nav + "\n" + body + "Share this article\n"


def test_document_view_collapses_runs_of_removed_lines() -> None:
    doc = Pipeline(matcher=MATCHER)(_page_with_a_long_run())
    h = doc._repr_html_()
    assert h.count("<details") == 1 and "</details>" in h
    summary = re.search(r"<summary>([^<]*)</summary>", h)
    assert summary is not None
    n = sum(1 for r in doc.removed if r.text.startswith("Section"))
    assert re.match(rf"{n} lines removed: [a-z-]+ ×\d+", summary.group(1))
    assert "Section 11" in h  # still there, inside the collapsed run
    # a short run is shown as it is
    assert "<details" not in Pipeline()("Sign in\nRain fell in Faro today. It stopped.\n")._repr_html_()


def test_explain_table_truncates_like_pandas_and_marks_blank_lines() -> None:
    text = "\n".join("" if i % 10 == 5 else f"Line {i} of the page." for i in range(100))
    expl = Cleaner().explain(text)
    h = expl._repr_html_()
    assert h.count("<tr>") == 1 + 10 + 1  # header, 5 first, the gap, 5 last
    assert "100 lines, 10 shown" in h and "…" in h
    short = Cleaner().explain("Title\n\nRain fell. It stopped.")
    hs = short._repr_html_()
    assert hs.count("(blank line)") == 1 and hs.count("<tr>") == 4


def test_page_explanation_truncates_like_the_text_one() -> None:
    # the extractor's explain printed every block of the page in its repr and its table
    html = "<html><body><ul>" + "".join(f"<li><a href='/{i}'>Section {i}</a></li>" for i in range(100))
    story = "Rain fell in Faro on Monday, the town said. " * 5
    html += f"</ul><article><p>{story}</p></article></body></html>"
    expl = newsprep.Extractor().explain(html)
    assert len(expl) == 101
    r = repr(expl)
    assert r.startswith("PageExplanation([BlockRecord(line=0,") and r.endswith(", ... (98 more)])")
    h = expl._repr_html_()
    assert h.count("<tr>") == 1 + 10 + 1 and "101 lines, 10 shown" in h
    assert "<th>kind</th><th>path</th>" in h and "<code>li</code>" in h


def test_frames_render_in_a_notebook() -> None:
    pytest.importorskip("pandas")
    frames = Pipeline(matcher=MATCHER).to_frames(["Silva met Costa in Faro.", None])
    h = frames._repr_html_()
    assert h.startswith('<div class="tex2jax_ignore">')
    for name in ("documents", "sentences", "mentions"):
        assert f"frames.{name}" in h
    assert "2 rows × 7 columns" in h and "<table" in h
    assert repr(frames) == "Frames(documents=2 rows, sentences=1 rows, mentions=3 rows)"


# -- progress bars ------------------------------------------------------------------------------------------


def test_progress_in_jupyter_without_ipywidgets_does_not_warn(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("tqdm")

    class ZMQInteractiveShell:  # what IPython.get_ipython() returns in a Jupyter kernel
        pass

    fake = types.ModuleType("IPython")
    fake.get_ipython = ZMQInteractiveShell  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "IPython", fake)
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # not installed
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert SentenceSplitter().split_many(["One. Two."], progress=True) == [["One.", "Two."]]


def test_pipeline_progress_counts_documents(capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    texts = ["Silva met Costa in Faro. They left."] * 2500
    docs = Pipeline(matcher=MATCHER).process(texts, progress=True)
    assert len(docs) == 2500
    err = capsys.readouterr().err
    assert "2500/2500" in err and "7500" not in err  # documents, not documents × stages


# -- the public surface --------------------------------------------------------------------------------------


def test_dir_and_help_show_the_public_api_only() -> None:
    names = dir(newsprep)
    assert names == sorted(newsprep.__all__)
    assert "annotations" not in names and not any(n.startswith("_") and n != "__version__" for n in names)
    text = pydoc.render_doc(newsprep, renderer=pydoc.plaintext)
    assert "ForwardRef" not in text
    assert "annotations" not in text.split("CLASSES")[0].split("PACKAGE CONTENTS")[0]


def test_example_page_is_public() -> None:
    page = newsprep.example_page()
    assert page.startswith("Skip to main content") and "Ceasefire" in newsprep.clean(page)


def test_example_warc_reads_as_an_archive() -> None:
    # the WARC docstrings built this archive by hand, four lines each, ten times
    warc = newsprep.example_warc()
    assert [r.url for r in newsprep.read_warc(warc)] == ["https://example.com/a"]
    assert newsprep.Extractor().article(next(iter(newsprep.read_warc(warc))).html()).title == "Rain in Faro"


# -- errors name the fix ------------------------------------------------------------------------------


def test_pipeline_given_a_class_names_the_fix() -> None:
    for kwargs, fix in (
        ({"cleaner": Cleaner}, "Cleaner()"),
        ({"splitter": SentenceSplitter}, "SentenceSplitter()"),
        ({"matcher": EntityMatcher}, "EntityMatcher()"),
    ):
        with pytest.raises(newsprep.InputTypeError, match=re.escape(f"pass {fix}")):
            Pipeline(**kwargs)


def test_co_mentions_given_the_wrong_frame_names_the_fix() -> None:
    pd = pytest.importorskip("pandas")
    frames = Pipeline(matcher=MATCHER).to_frames(["Silva met Costa in Faro."])
    # the Frames themselves hold one mentions table, so they are taken as it (this was an error)
    assert co_mentions(frames).equals(co_mentions(frames.mentions)) and len(co_mentions(frames)) > 0
    with pytest.raises(newsprep.InputTypeError, match="this is frames.documents: pass frames.mentions"):
        co_mentions(frames.documents)
    with pytest.raises(newsprep.InputTypeError, match="this is frames.sentences: pass frames.mentions"):
        co_mentions(frames.sentences)
    with pytest.raises(newsprep.InputTypeError, match='within="doc"'):
        co_mentions(MATCHER.to_frame(pd.Series(["Silva met Costa."])))
    assert len(co_mentions(MATCHER.to_frame(pd.Series(["Silva met Costa."])), within="doc")) == 1
    with pytest.raises(newsprep.InputTypeError, match="DataFrame of mentions"):
        co_mentions([("a", "b")])


def test_co_mentions_of_polars_frames_are_polars_and_agree() -> None:
    # the polars namespace's to_frames gives polars tables: co_mentions failed on them with
    # "expected 8 values when selecting columns by boolean mask" or "no attribute 'isin'"
    pl = pytest.importorskip("polars")
    texts = ["Silva met Costa in Faro. Costa left.", "Faro and Silva. Costa.", "Nobody here."]
    pipe = Pipeline(cleaner=None, matcher=MATCHER)
    pd_frames = pipe.to_frames(texts)
    pl_frames = pl.Series("text", texts).newsprep.to_frames(pipe)
    assert isinstance(pl_frames.mentions, pl.DataFrame)
    for kwargs in ({}, {"within": "doc"}, {"labels": ["PER"]}):
        got = co_mentions(pl_frames, **kwargs)
        assert isinstance(got, pl.DataFrame) and got.columns == ["id_a", "id_b", "count"]
        assert got.rows() == [tuple(r) for r in co_mentions(pd_frames, **kwargs).values.tolist()], kwargs


def test_document_does_not_claim_to_hash() -> None:
    doc = Pipeline()("Rain fell. It stopped.")
    assert not isinstance(doc, collections.abc.Hashable)
    with pytest.raises(TypeError):
        hash(doc)
    assert doc == Pipeline()("Rain fell. It stopped.")


@pytest.mark.parametrize("kind", [Cleaner, newsprep.Extractor])
def test_disable_accepts_exactly_the_disableable_rule_ids(kind: type) -> None:
    # the Extractor's rule_ids() had no disableable=: its accepted ids were only in an error message
    disableable = kind.rule_ids(disableable=True)
    assert set(disableable) < set(kind.rule_ids())
    for rule in kind.rule_ids():
        if rule in disableable:
            kind(disable=[rule])
        else:
            with pytest.raises(newsprep.RuleError):
                kind(disable=[rule])


def _documented(name: str, obj: object) -> list[str]:
    import inspect

    doc = inspect.getdoc(obj) or ""
    params = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]  # type: ignore[arg-type]
    lacks = [
        part for part, mark in (("an example", ">>>"), ("the return value", "Returns:")) if mark not in doc
    ]
    if params and "Args:" not in doc:
        lacks.append("its parameters")
    return [f"{name} lacks {part}" for part in lacks]


def test_the_one_call_functions_and_methods_document_themselves() -> None:
    """The calls of the README's quick start had one line each ("The article in `text` with the default
    cleaner."): no parameters, return value or example; the batch methods no example. The examples of
    those written in Rust are run here (``--doctest-modules`` collects only .py files)."""
    import doctest

    calls = {
        "clean": newsprep.clean,
        "extract": newsprep.extract,
        "sentences": newsprep.sentences,
        "sentence_spans": newsprep.sentence_spans,
        "Cleaner.clean": Cleaner.clean,
        "Cleaner.explain": Cleaner.explain,
        "Cleaner.article": Cleaner.article,
        "Cleaner.removed": Cleaner.removed,
        "Extractor.extract": newsprep.Extractor.extract,
        "Extractor.article": newsprep.Extractor.article,
        "Extractor.explain": newsprep.Extractor.explain,
        "SentenceSplitter.split": SentenceSplitter.split,
        "SentenceSplitter.spans": SentenceSplitter.spans,
        "EntityMatcher.find": EntityMatcher.find,
        "EntityMatcher.to_frame": EntityMatcher.to_frame,
        # the batch methods had their parameters but no example (spans_many and fit had neither)
        "Cleaner.clean_many": Cleaner.clean_many,
        "Cleaner.explain_many": Cleaner.explain_many,
        "Cleaner.fit": Cleaner.fit,
        "Extractor.extract_many": newsprep.Extractor.extract_many,
        "Extractor.articles": newsprep.Extractor.articles,
        "SentenceSplitter.split_many": SentenceSplitter.split_many,
        "SentenceSplitter.spans_many": SentenceSplitter.spans_many,
        "EntityMatcher.find_many": EntityMatcher.find_many,
        "EntityMatcher.find_columns": EntityMatcher.find_columns,
        # loading a gazetteer (from_records had its keys and an example, not its options)
        "EntityMatcher.from_records": EntityMatcher.from_records,
        "EntityMatcher.from_jsonl": EntityMatcher.from_jsonl,
        "EntityMatcher.save": EntityMatcher.save,
        "EntityMatcher.load": EntityMatcher.load,
        "gazetteers.countries": newsprep.gazetteers.countries,
    }
    problems = [p for name, call in calls.items() for p in _documented(name, call)]
    assert not problems, "\n".join(problems)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    finder = doctest.DocTestFinder()
    for name, call in calls.items():
        for test in finder.find(call, name, globs={"newsprep": newsprep, **vars(newsprep)}):
            runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.failed == 0 and results.attempted >= 2 * len(calls)


def test_the_notebook_layers_document_every_public_function() -> None:
    from newsprep import _pandas, _polars

    owners = [
        Pipeline,
        newsprep.Document,
        _pandas.NewsprepSeriesAccessor,
        _polars.NewsprepExprNamespace,
        _polars.NewsprepSeriesNamespace,
    ]
    problems = _documented("co_mentions", co_mentions) + _documented("example_page", newsprep.example_page)
    for cls in owners:
        for name, member in vars(cls).items():
            if (name.startswith("_") and name != "__call__") or not callable(member):
                continue
            problems += _documented(f"{cls.__name__}.{name}", member)
    assert not problems, "\n".join(problems)


def test_the_extractor_refuses_to_disable_a_rule_it_never_runs() -> None:
    """Extractor(disable=["site-repeat"]) was accepted and did nothing: the extractor reads one page at a
    time (no corpus mode), so the rule never runs."""
    assert "site-repeat" in Cleaner.rule_ids(disableable=True)
    x = newsprep.Extractor
    assert "site-repeat" not in x.rule_ids(disableable=True)
    with pytest.raises(
        newsprep.RuleError, match=r'"site-repeat" in disable is not one the extractor can'
    ) as exc:
        newsprep.Extractor(disable=["site-repeat"])
    assert isinstance(exc.value, ValueError) and "never runs" in str(exc.value)
    assert str(exc.value).endswith(f"(the ids disable accepts: {', '.join(x.rule_ids(disableable=True))})")
    # an outcome is known but is not a rule; a typo is unknown
    with pytest.raises(newsprep.RuleError, match=r'"low-score" in disable is not one the extractor can'):
        newsprep.Extractor(disable=["low-score"])
    with pytest.raises(newsprep.RuleError, match=r'"short_nav" in disable is unknown'):
        newsprep.Extractor(disable=["short_nav"])


def test_the_cleaner_says_why_it_cannot_disable_an_id() -> None:
    # "low-score" (an outcome explain gives) was called an "unknown rule id", as a typo is
    outcome = r'"low-score" in disable is not one the cleaner can disable'
    with pytest.raises(newsprep.RuleError, match=outcome):
        Cleaner(disable=["low-score"])
    with pytest.raises(newsprep.RuleError, match=r'"short_nav" in disable is unknown') as exc:
        Cleaner(disable=["short_nav"])
    accepted = ", ".join(Cleaner.rule_ids(disableable=True))
    assert str(exc.value).endswith(f"(the ids disable accepts: {accepted})")


def _public_callables() -> list[tuple[str, object]]:
    """Every public function of ``newsprep.__all__`` (and of its public modules) and every public
    method of its classes (their own and those of newsprep classes they derive from; not the methods
    of builtins such as ``list``, nor exceptions)."""
    import inspect

    found: list[tuple[str, object]] = []
    for name in sorted(newsprep.__all__):
        obj = getattr(newsprep, name)
        if isinstance(obj, types.ModuleType):
            found += [(f"{name}.{f}", getattr(obj, f)) for f in obj.__all__ if callable(getattr(obj, f))]
        elif isinstance(obj, type):
            if issubclass(obj, BaseException):
                continue
            members = {
                m
                for klass in obj.__mro__
                if klass.__module__.startswith("newsprep")
                for m in vars(klass)
                if not m.startswith("_") or m == "__call__"
            }
            for m in sorted(members):
                raw = inspect.getattr_static(obj, m)
                if (
                    isinstance(raw, property)
                    or inspect.isgetsetdescriptor(raw)
                    or not callable(getattr(obj, m))
                ):
                    continue
                found.append((f"{name}.{m}", getattr(obj, m)))
        elif callable(obj):
            found.append((name, obj))
    return found


def test_every_public_function_and_method_documents_itself() -> None:
    """Issue 10: every public function and method says its parameters, return value and an example,
    and the example runs (those written in Rust are not collected by ``--doctest-modules``)."""
    import doctest

    calls = _public_callables()
    names = {n for n, _ in calls}
    # the walk reaches the compiled methods, the modules' functions and the records' methods
    assert {"Cleaner.rule_ids", "SentenceSplitter.detect_language", "gazetteers.records"} <= names
    assert {"WarcRecord.html", "Article.to_dict", "Explanation.to_frame", "warc_frame_meta"} <= names
    problems = [p for name, call in calls for p in _documented(name, call)]
    assert not problems, "\n".join(problems)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    finder = doctest.DocTestFinder(recurse=False)
    for name, call in calls:
        tests = finder.find(call, name, globs={"newsprep": newsprep, **vars(newsprep)})
        assert tests and tests[0].examples, name
        for test in tests:
            runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


def test_the_stub_says_what_the_compiled_docstrings_say() -> None:
    """Editors read the stub (``_core.pyi``), help() the compiled docstring: for every compiled function
    and method with an example, both say the same (the stub in reST, ````x```` for ```x```)."""
    import ast
    import inspect
    from pathlib import Path

    from newsprep import _core

    stub = Path(_core.__file__).with_name("_core.pyi")
    if not stub.exists():
        pytest.skip("this install has no _core.pyi beside the compiled module")

    def norm(doc: str) -> str:
        return " ".join(doc.replace("``", "`").split())

    checked, differ = 0, []
    todo: list[tuple[ast.AST, object, str]] = [(ast.parse(stub.read_text(encoding="utf-8")), _core, "")]
    while todo:
        node, owner, prefix = todo.pop()
        for item in node.body:  # type: ignore[attr-defined]
            if isinstance(item, ast.ClassDef) and hasattr(owner, item.name):
                todo.append((item, getattr(owner, item.name), f"{prefix}{item.name}."))
            elif isinstance(item, ast.FunctionDef) and hasattr(owner, item.name):
                runtime = inspect.getdoc(getattr(owner, item.name)) or ""
                if "Example:" in runtime:
                    checked += 1
                    if norm(ast.get_docstring(item) or "") != norm(runtime):
                        differ.append(prefix + item.name)
    assert checked >= 20 and not differ, differ


# -- public objects are named by their public path ------------------------------------------------------


def _objects_of_every_public_kind() -> dict[str, object]:
    """One instance of every public class that pickles (streams over an open archive say why not)."""
    import io

    page = b"<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed, officials said.</p>"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + page
    warc = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/a\r\n"
        b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http)
    )
    text = "Sign in\nSilva met Costa in Faro on Monday. They spoke for an hour."
    fitted = Cleaner().fit([text, text.replace("Faro", "Lisbon")], ["a.pt", "a.pt"])
    doc = Pipeline(matcher=MATCHER)(text)
    articles = newsprep.extract_warc(io.BytesIO(warc))
    next(iter(articles))
    objects: dict[str, object] = {
        "Cleaner": Cleaner(disable=["short-nav"]),
        "fitted Cleaner": fitted,
        "Extractor": newsprep.Extractor(include_comments=True),
        "SentenceSplitter": SentenceSplitter(language="de"),
        "EntityMatcher": MATCHER,
        "Match": MATCHER.find("Silva")[0],
        "Explanation": Cleaner().explain(text),
        "LineRecord": Cleaner().explain(text)[0],
        "Article": newsprep.Extractor().article(page),
        "PageExplanation": newsprep.Extractor().explain(page),
        "BlockRecord": newsprep.Extractor().explain(page)[0],
        "Pipeline": Pipeline(matcher=MATCHER, extractor=newsprep.Extractor()),
        "Document": doc,
        "Sentence": doc.sentences[0],
        "Mention": doc.entities[0],
        "WarcRecord": next(iter(newsprep.read_warc(io.BytesIO(warc)))),
        "WarcSummary": articles.summary,
        "ConfigError": newsprep.ConfigError("bad option"),
        "NewsprepWarning": newsprep.NewsprepWarning("careful"),
    }
    try:
        import pandas  # noqa: F401

        objects["Frames"] = Pipeline(matcher=MATCHER).to_frames([text])
    except ImportError:
        pass
    return objects


def test_public_objects_are_named_by_their_public_path() -> None:
    """help(newsprep.Pipeline) showed ``cleaner: newsprep._boilerplate.Cleaner | None`` and reprs and
    tracebacks the private module a class is defined in: they say ``newsprep.Cleaner`` (as numpy and
    polars name theirs), and pickle finds every object under that name."""
    import inspect
    import pickle

    for name in newsprep.__all__:
        obj = getattr(newsprep, name)
        if isinstance(obj, (types.ModuleType, str)):
            continue
        assert obj.__module__ == "newsprep", name
        assert getattr(newsprep, obj.__qualname__) is obj, name
        assert pickle.loads(pickle.dumps(obj)) is obj, name
    assert (
        repr(Cleaner) == "<class 'newsprep.Cleaner'>" and repr(newsprep.Match) == "<class 'newsprep.Match'>"
    )
    signature = str(inspect.signature(Pipeline))
    assert "cleaner: newsprep.Cleaner | None" in signature and "extractor: newsprep.Extractor" in signature
    text = pydoc.render_doc(Pipeline, renderer=pydoc.plaintext)
    assert "in module newsprep\n" in text and not re.search(r"newsprep\._(boilerplate|html|pipeline)", text)
    assert "-> newsprep.Frames" in text and "-> newsprep.Document" in text
    with pytest.raises(newsprep.RuleError) as exc:
        Cleaner(disable=["no-such-rule"])
    assert type(exc.value).__module__ == "newsprep"  # a traceback says newsprep.RuleError
    # pickles written with the private paths still load: the private modules keep their names
    for old in ("newsprep._boilerplate\nCleaner", "newsprep._html\nExtractor", "newsprep._core\nMatch"):
        assert pickle.loads(f"c{old}\n.".encode()) is getattr(newsprep, old.split("\n")[1])


def test_every_public_object_kind_pickles_round_trip() -> None:
    import pickle

    for name, obj in _objects_of_every_public_kind().items():
        got = pickle.loads(pickle.dumps(obj))
        assert type(got) is type(obj), name
        if name == "fitted Cleaner":
            assert got.n_sites == obj.n_sites == 1  # type: ignore[attr-defined]
        elif name == "Frames":
            assert got.documents.equals(obj.documents)  # type: ignore[attr-defined]
        elif isinstance(obj, BaseException):
            assert got.args == obj.args
        else:
            assert repr(got) == repr(obj), name
    cloudpickle = pytest.importorskip("cloudpickle")
    for name, obj in _objects_of_every_public_kind().items():
        data = cloudpickle.dumps(obj)
        assert b"newsprep" in data and type(pickle.loads(data)) is type(obj), name
    # classes and functions go by reference (a worker imports newsprep), not by value
    for obj in (Cleaner, newsprep.clean, newsprep.Match, Pipeline):
        assert len(cloudpickle.dumps(obj)) < 100 and pickle.loads(cloudpickle.dumps(obj)) is obj
