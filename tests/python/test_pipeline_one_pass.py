"""The one-pass Pipeline (clean or extract, split, match per document in Rust) against the stages run
one after the other (the path it replaced, kept for stages that are not newsprep's own), on the dev
pages and on hypothesis inputs; to_frames' columns; Pipeline from HTML."""

from __future__ import annotations

import _thread
import json
import pickle
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsprep
from conftest import shared_path
from newsprep import Cleaner, Document, EntityMatcher, Extractor, Pipeline, SentenceSplitter

GAZETTEER = [
    {"id": "faro", "label": "LOC", "names": ["Faro"]},
    {"id": "tavira", "label": "LOC", "names": ["Tavira"]},
    {"id": "silva", "label": "PER", "names": ["Silva", "Mayor Silva"]},
    {"id": "sp", "label": "LOC", "names": ["São Paulo"]},
]
MATCHER = EntityMatcher.from_records(GAZETTEER)

PAGE = """Home | Politics | Economy | Sport | Sign in
Harbour council approves ferry plan
By Ana Pires, Coastal Desk
The council in Faro voted on Monday to fund a new ferry to Tavira. Mayor Silva said the $5 million plan \
would cut journeys by half.

Residents in Tavira welcomed the news. Silva will meet the port board in Faro next week.
Share this article
Related Stories
Comments (3)
"""

HTML = """<html lang="pt-PT"><head><title>Ferry plan approved | Coastal News</title>
<meta property="og:site_name" content="Coastal News">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://news.example/ferry"></head>
<body><nav><a href="/">Home</a> <a href="/p">Politics</a> <a href="/s">Sport</a></nav>
<article><h1>Harbour council approves ferry plan</h1><p class="byline">By Ana Pires</p>
<p>The council in Faro voted on Monday to fund a new ferry to Tavira, officials said, and the work
will start in the spring. Mayor Silva said the plan would cut journeys by half.</p>
<p>Residents in Tavira welcomed the news on Tuesday. Silva will meet the port board in São Paulo next
week to discuss the ferries.</p></article>
<aside><h2>Related stories</h2><ul><li><a href="/a">Floods hit the south</a></li></ul></aside>
<footer>© Coastal News. All rights reserved. Privacy policy</footer></body></html>"""


def staged(pipe: Pipeline, texts: list, **kw: object) -> list:
    """The reference: each stage over the whole batch in turn."""
    return pipe._staged_process_list(texts, kw.get("sites"), kw.get("urls"), None, None)  # type: ignore[arg-type]


def check_document(doc: Document) -> None:
    for s in doc.sentences:
        assert doc.clean_text[s.start : s.end] == s.text
    for m in doc.entities:
        assert doc.clean_text[m.start : m.end] == m.text
        if m.sentence >= 0:
            assert doc.sentences[m.sentence].start <= m.start < doc.sentences[m.sentence].end
    for r in doc.removed:
        assert doc.text[r.start : r.end] == r.text and not r.kept
    assert len(doc.removed_at) == len(doc.removed)
    assert list(doc.removed_at) == sorted(doc.removed_at)
    assert all(0 <= a <= len(doc.clean_text) for a in doc.removed_at)


PIPES = {
    "all": Pipeline(matcher=MATCHER),
    "no-title": Pipeline(cleaner=Cleaner(keep_title=False), matcher=MATCHER),
    "no-cleaner": Pipeline(cleaner=None, matcher=MATCHER),
    "no-splitter": Pipeline(splitter=None, matcher=MATCHER),
    "cleaner-only": Pipeline(),
    "nothing": Pipeline(cleaner=None, splitter=None),
}


@pytest.mark.parametrize("name", sorted(PIPES))
def test_one_pass_equals_the_stages(name: str) -> None:
    pipe = PIPES[name]
    texts = [PAGE, None, "", "\n\n", "Faro. Tavira.", float("nan"), "São Paulo: Silva — in Faro.\r\nMore\r\n"]
    got = pipe.process(texts)
    want = staged(pipe, texts)
    assert got == want
    for doc, ref in zip(got, want, strict=True):
        if doc is not None:
            check_document(doc)
            assert doc.removed_at == ref.removed_at
    assert [pipe(t) if isinstance(t, str) else None for t in texts] == want


@pytest.mark.parametrize("corpus", ["l3s", "aeb"])
def test_one_pass_equals_the_stages_on_the_dev_pages(corpus: str) -> None:
    path = shared_path("data", "boilerplate", f"{corpus}.dev.text.jsonl")
    with open(path, encoding="utf-8") as f:
        pages = [json.loads(line)["page_text"] for line in f if line.strip()]
    pipe = Pipeline(matcher=newsprep.gazetteers.countries())
    got = pipe.process(pages)
    want = staged(pipe, pages)
    for doc, ref in zip(got, want, strict=True):
        assert doc == ref
        assert doc.removed_at == ref.removed_at
    frames = pipe.to_frames(pages, n_threads=2)
    ref_frames = newsprep._pipeline._pandas_frames(
        newsprep._pipeline._columns_of_documents(want, False), _range(len(pages))
    )
    assert_frames_equal(frames, ref_frames)


def _range(n: int):
    import pandas as pd

    return pd.RangeIndex(n)


def assert_frames_equal(a: newsprep.Frames, b: newsprep.Frames) -> None:
    """Same columns, same dtypes, same values."""
    for x, y in zip(a, b, strict=True):
        assert list(x.columns) == list(y.columns)
        assert x.dtypes.to_dict() == y.dtypes.to_dict()
        assert len(x) == len(y)
        for col in x.columns:
            xs = [None if v is None or v != v else v for v in x[col].tolist()]
            ys = [None if v is None or v != v else v for v in y[col].tolist()]
            assert xs == ys, col


LINES = st.sampled_from(
    [
        "",
        "  ",
        "\u00a0",
        "\x1c",
        "Home | News | Sport",
        "Share this article",
        "Related Stories",
        "Comments (3)",
        "By Ana Pires",
        "Harbour council approves ferry plan",
        "The council in Faro voted on Monday to fund a new ferry to Tavira, officials said.",
        "Mayor Silva said the plan would cut journeys by half. Residents in São Paulo agreed.",
        "“Tavira”, said Silva — in Faro — “is next.” Ça va. Ünïcode 😀 line.",
        "U.S. officials met Mr. Silva at 5 p.m. in Faro. He left.",
    ]
)
ENDS = st.sampled_from(["\n", "\r\n", "\r", "\n\n"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    lines = draw(st.lists(st.tuples(LINES, ENDS), max_size=25))
    text = "".join(a + b for a, b in lines)
    if draw(st.booleans()):
        text += draw(st.text(max_size=30))
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(pages(), st.none()), max_size=6))
def test_one_pass_equals_the_stages_on_any_input(texts: list) -> None:
    for pipe in (PIPES["all"], PIPES["no-cleaner"], PIPES["no-title"]):
        got = pipe.process(texts)
        want = staged(pipe, texts)
        assert got == want
        for doc, ref in zip(got, want, strict=True):
            if doc is not None:
                check_document(doc)
                assert doc.removed_at == ref.removed_at
        frames = pipe.to_frames(texts)
        ref = newsprep._pipeline._pandas_frames(
            newsprep._pipeline._columns_of_documents(want, False), _range(len(texts))
        )
        assert_frames_equal(frames, ref)


def test_corpus_mode_sites() -> None:
    chrome = "Subscribe to the Coastal Daily newsletter today\n"
    texts = [
        chrome + f"Story {i}: the council in Faro met on Monday and voted for the plan.\n" for i in range(6)
    ]
    sites = ["coastal.pt"] * 5 + [None]
    pipe = Pipeline(matcher=MATCHER)
    got = pipe.process(texts, sites=sites)
    assert got == staged(pipe, texts, sites=sites)
    assert [d.clean_text for d in got] == Cleaner().clean_many(texts, sites=sites)
    assert any(r.reason == "site-repeat" for r in got[0].removed)
    frames = pipe.to_frames(texts, sites=sites)
    assert frames.documents["clean_text"].tolist() == [d.clean_text for d in got]
    fitted = Cleaner().fit(texts, sites)
    assert Pipeline(cleaner=fitted)(texts[0], site="coastal.pt").clean_text == fitted.clean(
        texts[0], site="coastal.pt"
    )
    with pytest.raises(newsprep.ConfigError, match="sites has 2 entries"):
        pipe.process(texts, sites=sites[:2])
    with pytest.raises(newsprep.ConfigError, match="no cleaner"):
        Pipeline(cleaner=None).process(texts, sites=sites)


def test_to_frames_columns_and_dtypes() -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    s = pd.Series([PAGE, None, "Silva in Faro. Tavira."], index=["a", "a", "b"], name="body")
    docs, sents, ments = Pipeline(matcher=MATCHER).to_frames(s)
    assert docs["row"].tolist() == [0, 1, 2] and docs["doc"].tolist() == ["a", "a", "b"]
    assert docs.loc[1, "text"] is None and docs.loc[1, "clean_text"] is None
    assert docs["text"].dtype == object and docs["clean_text"].dtype == object
    for col in ("text",):
        assert sents[col].dtype.storage == "pyarrow" and ments[col].dtype.storage == "pyarrow"
    assert ments["id"].dtype.storage == "pyarrow" and ments["label"].dtype == ments["id"].dtype
    assert set(sents["doc"]) == {"a", "b"} and set(sents["row"]) == {0, 2}
    assert ments[ments["row"] == 2]["text"].tolist() == ["Silva", "Faro", "Tavira"]
    pairs = newsprep.co_mentions(ments)
    assert ("faro", "silva") in set(zip(pairs["id_a"], pairs["id_b"], strict=True))


def test_polars_to_frames() -> None:
    pl = pytest.importorskip("polars")
    pytest.importorskip("pyarrow")
    frames = pl.Series("t", [PAGE, None, "Silva in Faro."]).newsprep.to_frames(Pipeline(matcher=MATCHER))
    docs, sents, ments = frames
    assert isinstance(docs, pl.DataFrame) and docs["row"].to_list() == [0, 1, 2]
    assert sents.schema["text"] == pl.String and ments.schema["id"] == pl.String
    assert ments.filter(pl.col("row") == 2)["text"].to_list() == ["Silva", "Faro"]
    ref = Pipeline(matcher=MATCHER).to_frames([PAGE, None, "Silva in Faro."])
    assert sents["text"].to_list() == ref.sentences["text"].tolist()


def test_lazy_documents_pickle_and_compare() -> None:
    doc = Pipeline(matcher=MATCHER)(PAGE)
    twin = Pipeline(matcher=MATCHER)(PAGE)
    back = pickle.loads(pickle.dumps(doc))  # before any field was read
    assert back == twin and back.removed_at == twin.removed_at
    assert type(back.sentences[0]) is newsprep.Sentence
    assert Document(doc.text, doc.clean_text, doc.sentences, doc.entities, doc.removed) == doc
    with pytest.raises(AttributeError):
        doc.text = "x"  # type: ignore[misc]


def test_progress_and_ctrl_c() -> None:
    pytest.importorskip("tqdm")
    pipe = Pipeline(matcher=MATCHER)
    assert pipe.process([PAGE] * 1500, progress=True)[-1] == pipe(PAGE)
    assert len(pipe.to_frames([PAGE] * 1500, progress=True).documents) == 1500
    texts = [PAGE] * 400_000
    for run in (pipe.process, pipe.to_frames):
        timer = threading.Timer(0.3, _thread.interrupt_main)
        timer.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                run(texts, n_threads=2)
        finally:
            timer.cancel()


class _MyMatcher:
    """A matcher that is not newsprep's: the pipeline runs the stages one after the other."""

    def find(self, text: str) -> list:
        return MATCHER.find(text)

    def find_many(self, texts: list, n_threads: int | None = None) -> list:
        return MATCHER.find_many(texts, n_threads=n_threads)


def test_stages_that_are_not_newsprep_own_still_work() -> None:
    mine = Pipeline(matcher=_MyMatcher())  # type: ignore[arg-type]
    assert not mine._native()
    assert mine.process([PAGE, None]) == Pipeline(matcher=MATCHER).process([PAGE, None])
    assert_frames_equal(mine.to_frames([PAGE]), Pipeline(matcher=MATCHER).to_frames([PAGE]))


def test_frame_dtypes_do_not_depend_on_the_rows_or_the_path() -> None:
    """A frame without rows (no matcher, no match) or from the staged path has the dtypes of the others:
    concatenating batches must not turn the text columns into objects."""
    pd = pytest.importorskip("pandas")
    texts = pd.Series([PAGE, None, PAGE], index=["a", "b", "c"])
    frames = [
        Pipeline(matcher=MATCHER).to_frames(texts),
        Pipeline().to_frames(texts),  # no matcher: no mentions at all
        Pipeline(matcher=MATCHER).to_frames(texts.iloc[1:2]),  # only a missing text: no rows anywhere
        Pipeline(matcher=_MyMatcher()).to_frames(texts),  # type: ignore[arg-type]
    ]
    for k in range(3):
        dtypes = [f[k].dtypes.to_dict() for f in frames]
        assert all(d == dtypes[0] for d in dtypes), (k, dtypes)
    assert len(frames[0].mentions) and not len(frames[1].mentions) and not len(frames[2].sentences)


# -- HTML ------------------------------------------------------------------------------------------


def test_pipeline_from_html() -> None:
    x = Extractor()
    pipe = Pipeline(extractor=x, matcher=MATCHER)
    assert repr(pipe).startswith("Pipeline(extractor=Extractor(") and pipe.cleaner is None
    doc = pipe(HTML, url="https://x.example/1")
    check_document(doc)
    article = x.article(HTML, "https://x.example/1")
    assert doc.article == article and doc.clean_text == article.text
    assert doc.text == x.page_text(HTML)
    assert doc.article.title == "Harbour council approves ferry plan"
    # the page declares pt-PT, but its story is in English (article.language_of)
    assert doc.article.language == "en" and doc.article.url == "https://news.example/ferry"
    assert [m.id for m in doc.entities] == [m.id for m in MATCHER.find(article.text)]
    assert {r.text for r in doc.removed} >= {"Related stories"}
    assert doc == staged(pipe, [HTML], urls=["https://x.example/1"])[0]
    assert pipe(HTML.encode("cp1252", "replace")).clean_text == x.extract(HTML.encode("cp1252", "replace"))
    assert "article" in doc.to_dict() and "title=" in repr(doc)
    assert pickle.loads(pickle.dumps(doc)) == doc


def test_pipeline_from_html_batches_and_frames() -> None:
    pd = pytest.importorskip("pandas")
    pipe = Pipeline(extractor=Extractor(), matcher=MATCHER)
    htmls = [HTML, None, HTML.encode(), "<p>Silva in Faro.</p>", ""]
    urls = ["https://x.example/0", None, "https://x.example/2", "https://x.example/3", None]
    got = pipe.process(htmls, urls=urls)
    assert got == staged(pipe, htmls, urls=urls)
    assert got[1] is None and got[2].clean_text == got[0].clean_text
    docs, sents, ments = pipe.to_frames(pd.Series(htmls, index=list("vwxyz")), urls=urls)
    assert list(docs.columns) == [
        "doc",
        "row",
        "text",
        "clean_text",
        "title",
        "byline",
        "date",
        "url",
        "site_name",
        "language",
        "n_sentences",
        "n_entities",
        "n_removed",
    ]
    assert docs["title"].tolist()[0] == "Harbour council approves ferry plan"
    assert docs["url"].tolist()[:2] == ["https://news.example/ferry", None]
    assert docs["n_entities"].tolist() == [len(d.entities) if d else 0 for d in got]
    assert len(ments) == sum(len(d.entities) for d in got if d)
    assert sents["doc"].tolist()[0] == "v"
    with pytest.raises(newsprep.ConfigError, match="not both"):
        Pipeline(cleaner=Cleaner(), extractor=Extractor())
    with pytest.raises(newsprep.InputTypeError, match="Extractor"):
        Pipeline(extractor=Extractor)  # type: ignore[arg-type]
    with pytest.raises(newsprep.ConfigError, match="urls="):
        Pipeline().process(["x"], urls=["u"])
    with pytest.raises(newsprep.InputTypeError, match="texts\\[1\\]"):
        pipe.process([HTML, 3])


def test_pipeline_from_html_on_the_dev_pages() -> None:
    path = shared_path("data", "boilerplate", "l3s.dev.html.jsonl")
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()][:60]
    htmls = [r["html"] for r in rows]
    pipe = Pipeline(extractor=Extractor(), matcher=newsprep.gazetteers.countries())
    got = pipe.process(htmls, n_threads=2)
    want = staged(pipe, htmls)
    for doc, ref in zip(got, want, strict=True):
        assert doc == ref and doc.removed_at == ref.removed_at
        check_document(doc)
    frames = pipe.to_frames(htmls)
    assert frames.documents["title"].tolist() == [d.article.title for d in got]


def test_pages_are_split_by_their_declared_language() -> None:
    body = "Il dibattito con l'on. Verdi è finito ieri sera in aula. Domani si vota la legge sul porto."
    html = f'<html lang="it-IT"><body><h1>Il porto di Genova</h1><p>{body}</p></body></html>'
    universal = SentenceSplitter()
    doc = Pipeline(extractor=Extractor(), splitter=universal)(html)
    assert doc.article is not None and doc.article.language == "it-IT"
    texts = [s.text for s in doc.sentences]
    assert "Il dibattito con l'on. Verdi è finito ieri sera in aula." in texts
    assert [(s.start, s.end) for s in doc.sentences] == universal.spans(doc.clean_text, language="it")
    assert universal.spans(doc.clean_text) != universal.spans(doc.clean_text, language="it")
    # a splitter built for one language keeps it; text input has no declared language
    german = SentenceSplitter(language="de")
    doc_de = Pipeline(extractor=Extractor(), splitter=german)(html)
    assert [(s.start, s.end) for s in doc_de.sentences] == german.spans(doc_de.clean_text)
    assert doc == staged(Pipeline(extractor=Extractor(), splitter=universal), [html])[0]
    plain = Pipeline(cleaner=None, splitter=universal)(body)
    assert [(s.start, s.end) for s in plain.sentences] == universal.spans(body)
