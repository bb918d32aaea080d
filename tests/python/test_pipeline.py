"""Pipeline, Document, to_frames / co_mentions, and the pandas and polars layers."""

from __future__ import annotations

import math
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import newsprep
from newsprep import Cleaner, Document, EntityMatcher, Pipeline, SentenceSplitter, co_mentions

# A small scraped page written for these tests: navigation, headline, byline, two paragraphs, chrome.
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

GAZETTEER = [
    {"id": "faro", "label": "LOC", "names": ["Faro"]},
    {"id": "tavira", "label": "LOC", "names": ["Tavira"]},
    {"id": "silva", "label": "PER", "names": ["Silva", "Mayor Silva"]},
]


@pytest.fixture(scope="module")
def matcher() -> EntityMatcher:
    return EntityMatcher.from_records(GAZETTEER)


@pytest.fixture(scope="module")
def pipe(matcher: EntityMatcher) -> Pipeline:
    return Pipeline(matcher=matcher)


def check_document(doc: Document) -> None:
    """Offsets and cross-references every Document must satisfy."""
    for s in doc.sentences:
        assert doc.clean_text[s.start : s.end] == s.text
    for m in doc.entities:
        assert doc.clean_text[m.start : m.end] == m.text
        if m.sentence >= 0:
            s = doc.sentences[m.sentence]
            assert s.start <= m.start < s.end
        else:
            assert not any(s.start <= m.start < s.end for s in doc.sentences)
    for r in doc.removed:
        assert doc.text[r.start : r.end] == r.text
        assert not r.kept and r.text.strip()
    assert len(doc.removed_at) == len(doc.removed)
    assert all(0 <= a <= len(doc.clean_text) for a in doc.removed_at)
    assert list(doc.removed_at) == sorted(doc.removed_at)
    for a in doc.removed_at:  # removed lines stood at line boundaries of the article
        assert a in (0, len(doc.clean_text)) or doc.clean_text[a - 1] in "\r\n"


def test_document_contents(pipe: Pipeline) -> None:
    doc = pipe(PAGE)
    check_document(doc)
    assert doc.text == PAGE
    assert doc.clean_text == Cleaner().clean(PAGE)
    assert "Sign in" not in doc.clean_text and "Share this article" not in doc.clean_text
    assert doc.clean_text.startswith("Harbour council approves ferry plan\n")
    assert "$5 million" in doc.clean_text
    removed = {r.text: r.reason for r in doc.removed}
    assert set(removed) == {
        "Home | Politics | Economy | Sport | Sign in",
        "Share this article",
        "Related Stories",
        "Comments (3)",
    }
    assert all(removed.values())
    # the navigation line stood before the article, the tail after it
    assert doc.removed_at[0] == 0 and doc.removed_at[-1] == len(doc.clean_text)
    texts = [s.text for s in doc.sentences]
    assert texts == SentenceSplitter().split(doc.clean_text)
    assert "The council in Faro voted on Monday to fund a new ferry to Tavira." in texts
    assert "Residents in Tavira welcomed the news." in texts
    found = [(m.text, m.id, m.label, texts[m.sentence]) for m in doc.entities]
    assert ("Mayor Silva", "silva", "PER", found[2][3]) == found[2]
    assert found[2][3].startswith("Mayor Silva said")
    assert [m.id for m in doc.entities] == ["faro", "tavira", "silva", "tavira", "silva", "faro"]
    assert all(m.sentence >= 0 for m in doc.entities)


def test_stages_can_be_skipped(matcher: EntityMatcher) -> None:
    raw = Pipeline(cleaner=None, splitter=None, matcher=matcher)(PAGE)
    check_document(raw)
    assert raw.clean_text == PAGE and raw.removed == [] and raw.sentences == []
    assert raw.entities and all(m.sentence == -1 for m in raw.entities)
    nothing = Pipeline(cleaner=None, splitter=None)("Faro. Tavira.")
    assert nothing == Document("Faro. Tavira.", "Faro. Tavira.")
    only_sentences = Pipeline(cleaner=None)("Faro is sunny. Tavira is not.")
    assert [s.text for s in only_sentences.sentences] == ["Faro is sunny.", "Tavira is not."]
    assert only_sentences.entities == []


def test_options_reach_the_stages(matcher: EntityMatcher) -> None:
    doc = Pipeline(cleaner=Cleaner(keep_title=False), matcher=matcher)(PAGE)
    assert doc.clean_text == Cleaner(keep_title=False).clean(PAGE)
    assert "Harbour council" not in doc.clean_text
    assert any(r.text == "Harbour council approves ferry plan" for r in doc.removed)


def test_empty_and_blank_texts(pipe: Pipeline) -> None:
    for text in ("", "\n\n", "   "):
        doc = pipe(text)
        check_document(doc)
        assert doc.entities == [] and doc.removed == []


OTHER = "Faro and Tavira signed a deal. Silva was there.\nMore news\n"
MIXED = [PAGE, None, OTHER, float("nan"), "", "Silva in Faro.\nTavira."]


def test_batch_equals_map_of_single(pipe: Pipeline) -> None:
    expected = [None if not isinstance(t, str) else pipe(t) for t in MIXED]
    assert pipe.process(MIXED) == expected
    assert pipe.process(MIXED, n_threads=1) == expected
    assert pipe.process(iter(MIXED), n_threads=2) == expected
    assert pipe.process(tuple(MIXED)) == expected
    assert pipe.process([]) == []
    many = [PAGE, OTHER] * 300  # enough to use several chunks of threads
    docs = pipe.process(many)
    assert docs[0] == pipe(PAGE) and docs[-1] == pipe(OTHER) and len(docs) == 600


def test_batch_without_cleaner_or_matcher() -> None:
    for p in (Pipeline(cleaner=None), Pipeline(splitter=None), Pipeline(cleaner=None, splitter=None)):
        assert p.process([PAGE, None, OTHER]) == [p(PAGE), None, p(OTHER)]


def test_batch_progress(pipe: Pipeline) -> None:
    pytest.importorskip("tqdm")
    assert pipe.process([PAGE, OTHER], progress=True) == [pipe(PAGE), pipe(OTHER)]


def test_series_keeps_index_and_missing(pipe: Pipeline) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series([PAGE, None, OTHER, pd.NA], index=["x", "y", "z", "w"], name="body", dtype=object)
    out = pipe.process(s)
    assert isinstance(out, pd.Series)
    assert list(out.index) == ["x", "y", "z", "w"] and out.name == "body"
    assert out["x"] == pipe(PAGE) and out["z"] == pipe(OTHER)
    assert out["y"] is None and out["w"] is None
    s3 = pd.Series([PAGE, None, OTHER], index=[5, 7, 9], dtype="str")  # pandas' string dtype: NaN for missing
    assert pipe.process(s3).tolist() == [pipe(PAGE), None, pipe(OTHER)]


def test_bad_input(pipe: Pipeline) -> None:
    with pytest.raises(newsprep.InputTypeError):
        pipe.process(PAGE)
    with pytest.raises(newsprep.InputTypeError):
        pipe.process([PAGE, 3])
    with pytest.raises(newsprep.InputTypeError):
        pipe(None)  # type: ignore[arg-type]
    with pytest.raises(newsprep.InputTypeError):
        pipe.process([PAGE], n_threads="2")  # type: ignore[arg-type]
    with pytest.raises(
        newsprep.InputTypeError, match=r"an EntityMatcher .* got dict; build one: .*\{name: label\}"
    ):
        Pipeline(matcher={"Faro": "LOC"})  # type: ignore[arg-type]
    # a gazetteer's name or file where the matcher goes: the error says how to build one
    for gazetteer in ("countries", Path("leaders.jsonl")):
        with pytest.raises(newsprep.InputTypeError, match=r"gazetteers.countries\(\) .*from_jsonl\(path\)"):
            Pipeline(matcher=gazetteer)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Pipeline(Cleaner())  # type: ignore[misc]  # keyword-only


def test_to_frames_shapes(pipe: Pipeline) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series([PAGE, None, OTHER], index=[10, 20, 30])
    frames = pipe.to_frames(s)
    docs, sents, ments = frames
    assert frames.documents is docs and isinstance(frames, newsprep.Frames)
    assert list(docs.columns) == [
        "doc",
        "row",
        "text",
        "clean_text",
        "n_sentences",
        "n_entities",
        "n_removed",
    ]
    assert list(sents.columns) == ["doc", "row", "sentence", "start", "end", "text"]
    assert list(ments.columns) == ["doc", "row", "sentence", "start", "end", "text", "id", "label"]
    assert docs["doc"].tolist() == [10, 20, 30]
    page, other = pipe(PAGE), pipe(OTHER)
    assert docs["n_sentences"].tolist() == [len(page.sentences), 0, len(other.sentences)]
    assert docs["n_entities"].tolist() == [len(page.entities), 0, len(other.entities)]
    assert docs["n_removed"].tolist() == [len(page.removed), 0, len(other.removed)]
    assert docs.loc[1, "text"] is None and docs.loc[1, "clean_text"] is None
    assert len(sents) == len(page.sentences) + len(other.sentences)
    assert len(ments) == len(page.entities) + len(other.entities)
    assert set(sents["doc"]) == {10, 30} and set(ments["doc"]) == {10, 30}
    for col in ("row", "sentence", "start", "end"):
        assert sents[col].dtype == "int64" and ments[col].dtype == "int64"
    clean = dict(zip(docs["doc"], docs["clean_text"], strict=True))
    for row in sents.itertuples():
        assert clean[row.doc][row.start : row.end] == row.text
    for row in ments.itertuples():
        assert clean[row.doc][row.start : row.end] == row.text
    # a list is keyed by position
    by_pos = pipe.to_frames([OTHER, PAGE])
    assert by_pos.documents["doc"].tolist() == [0, 1]
    assert by_pos.mentions["doc"].tolist()[0] == 0


def test_to_frames_empty(pipe: Pipeline) -> None:
    pytest.importorskip("pandas")
    docs, sents, ments = pipe.to_frames([])
    assert len(docs) == len(sents) == len(ments) == 0
    assert list(ments.columns) == ["doc", "row", "sentence", "start", "end", "text", "id", "label"]
    assert co_mentions(ments).empty


def test_co_mentions(pipe: Pipeline) -> None:
    pytest.importorskip("pandas")
    texts = [
        "Silva met officials in Faro. Tavira was quiet.",
        "Faro and Silva again. Silva, Silva and Faro.",  # same pair twice in one doc, repeated names
        "Tavira and Faro. Nothing else.",
    ]
    ments = pipe.to_frames(texts).mentions
    pairs = co_mentions(ments)
    assert list(pairs.columns) == ["id_a", "id_b", "count"]
    got = {(a, b): c for a, b, c in pairs.itertuples(index=False)}
    assert got == {("faro", "silva"): 3, ("faro", "tavira"): 1}
    assert pairs.iloc[0].tolist() == ["faro", "silva", 3]
    by_doc = {(a, b): c for a, b, c in co_mentions(ments, within="doc").itertuples(index=False)}
    assert by_doc == {("faro", "silva"): 2, ("faro", "tavira"): 2, ("silva", "tavira"): 1}
    assert co_mentions(ments, labels=["PER"]).empty
    with pytest.raises(ValueError):
        co_mentions(ments, within="page")
    # mentions outside any sentence (no splitter) count only per document
    raw = Pipeline(splitter=None, matcher=pipe.matcher).to_frames(texts).mentions
    assert co_mentions(raw).empty
    assert len(co_mentions(raw, within="doc")) == 3


@pytest.mark.parametrize("dumps_name", ["pickle", "cloudpickle"])
def test_pickling(pipe: Pipeline, dumps_name: str) -> None:
    mod = pytest.importorskip(dumps_name)
    pipe2 = pickle.loads(mod.dumps(pipe))
    assert isinstance(pipe2, Pipeline) and repr(pipe2) == repr(pipe)
    assert pipe2(PAGE) == pipe(PAGE)
    assert pipe2.process([PAGE, None]) == [pipe(PAGE), None]
    doc = pipe(PAGE)
    doc2 = pickle.loads(mod.dumps(doc))
    assert doc2 == doc and doc2.removed_at == doc.removed_at
    assert type(doc2.sentences[0]) is newsprep.Sentence and type(doc2.entities[0]) is newsprep.Mention
    skip = Pipeline(cleaner=None, splitter=None)
    assert repr(pickle.loads(mod.dumps(skip))) == repr(skip)


def test_reprs(pipe: Pipeline) -> None:
    r = repr(pipe)
    assert r.startswith("Pipeline(cleaner=Cleaner(") and "splitter=SentenceSplitter()" in r
    assert "matcher=EntityMatcher(" in r
    assert (
        repr(Pipeline(cleaner=None, splitter=None)) == "Pipeline(cleaner=None, splitter=None, matcher=None)"
    )
    d = repr(pipe(PAGE))
    assert d.startswith("Document(") and "sentences" in d and "6 entities" in d and "4 removed" in d
    assert len(d) < 200
    assert pipe(PAGE).to_dict()["entities"][0]["id"] == "faro"


def test_default_stages_are_not_shared() -> None:
    a, b = Pipeline(), Pipeline()
    assert a.cleaner is not b.cleaner and a.matcher is None
    assert isinstance(a.cleaner, Cleaner) and isinstance(a.splitter, SentenceSplitter)


# -- pandas accessor -----------------------------------------------------------------------------------


def test_pandas_accessor(matcher: EntityMatcher, pipe: Pipeline) -> None:
    pd = pytest.importorskip("pandas")
    s = pd.Series([PAGE, None, OTHER, math.nan], index=[3, 1, 4, 1], name="text")
    cleaned = s.newsprep.clean()
    assert list(cleaned.index) == [3, 1, 4, 1] and cleaned.name == "text"
    # a string Series (pandas 3 infers one) stays one: missing values are its NA, as with .str methods
    assert cleaned.dtype == s.dtype
    assert [None if pd.isna(v) else v for v in cleaned] == [
        Cleaner().clean(PAGE),
        None,
        Cleaner().clean(OTHER),
        None,
    ]
    assert s.newsprep.clean(keep_title=False).iloc[0] == Cleaner(keep_title=False).clean(PAGE)
    assert s.newsprep.clean(cleaner=Cleaner(keep_title=False)).iloc[0] == Cleaner(keep_title=False).clean(
        PAGE
    )
    with pytest.raises(TypeError):
        s.newsprep.clean(cleaner=Cleaner(), keep_title=False)
    sents = s.newsprep.sentences()
    assert sents.tolist() == [SentenceSplitter().split(PAGE), None, SentenceSplitter().split(OTHER), None]
    assert s.newsprep.spans().iloc[2] == SentenceSplitter().spans(OTHER)
    assert s.newsprep.sentences(extra_abbreviations=["Harbour"]).index.tolist() == [3, 1, 4, 1]
    ents = s.newsprep.entities(matcher)
    assert ents.iloc[0] == matcher.find(PAGE) and ents.iloc[1] is None
    docs = s.newsprep.process(pipe)
    assert docs.iloc[0] == pipe(PAGE) and docs.iloc[3] is None and list(docs.index) == [3, 1, 4, 1]
    assert s.newsprep.process().iloc[2] == Pipeline()(OTHER)
    frames = s.newsprep.to_frames(pipe)
    assert frames.documents["doc"].tolist() == [3, 1, 4, 1]


def test_pandas_accessor_on_a_frame_column(matcher: EntityMatcher) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": [PAGE, OTHER], "site": ["a.pt", "a.pt"]}, index=["p1", "p2"])
    df["article"] = df["text"].newsprep.clean()
    df["n"] = df["article"].newsprep.entities(matcher).map(len)
    assert df.loc["p1", "article"] == Cleaner().clean(PAGE)
    assert df["n"].tolist() == [
        len(matcher.find(Cleaner().clean(PAGE))),
        len(matcher.find(Cleaner().clean(OTHER))),
    ]
    with_sites = df["text"].newsprep.clean(sites=df["site"])
    assert list(with_sites.index) == ["p1", "p2"]


_LAZY = """
import sys
import newsprep
assert {mod!r} not in sys.modules, "import newsprep imported {mod}"
{check}
print("ok")
"""


_SENTS = "['Rain fell.', 'It stopped.']"
_CHECKS = {
    "pandas": "import pandas as pd\n"
    f"assert pd.Series(['Rain fell. It stopped.']).newsprep.sentences()[0] == {_SENTS}",
    "polars": "import polars as pl\n"
    f"assert pl.Series(['Rain fell. It stopped.']).newsprep.sentences()[0].to_list() == {_SENTS}",
}


@pytest.mark.parametrize(("mod", "check"), sorted(_CHECKS.items()))
def test_accessor_registered_without_importing(mod: str, check: str) -> None:
    pytest.importorskip(mod)
    code = _LAZY.format(mod=mod, check=check)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "ok"


def test_accessor_when_pandas_imported_first() -> None:
    pytest.importorskip("pandas")
    code = "import pandas as pd\nimport newsprep\nprint(pd.Series(['x']).newsprep.clean().tolist())"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr


# -- polars namespace ----------------------------------------------------------------------------------


def test_polars_expressions(matcher: EntityMatcher) -> None:
    pl = pytest.importorskip("polars")
    df = pl.DataFrame({"id": [1, 2, 3], "text": [PAGE, None, OTHER]})
    out = df.with_columns(
        pl.col("text").newsprep.clean().alias("article"),
        pl.col("text").newsprep.sentences().alias("sentences"),
        pl.col("text").newsprep.spans().alias("spans"),
        pl.col("text").newsprep.entities(matcher).alias("entities"),
    )
    assert out.schema["article"] == pl.String
    assert out.schema["sentences"] == pl.List(pl.String)
    assert out["article"].to_list() == [Cleaner().clean(PAGE), None, Cleaner().clean(OTHER)]
    assert out["sentences"].to_list() == [
        SentenceSplitter().split(PAGE),
        None,
        SentenceSplitter().split(OTHER),
    ]
    assert out["spans"][0].to_list()[0] == {"start": 0, "end": SentenceSplitter().spans(PAGE)[0][1]}
    ents = out["entities"].to_list()
    assert ents[1] is None
    assert [(e["text"], e["id"], e["label"]) for e in ents[2]] == [
        (m.text, m.id, m.label) for m in matcher.find(OTHER)
    ]
    # chaining: entities of the cleaned text, lazily
    lazy = df.lazy().select(pl.col("text").newsprep.clean(keep_title=False).newsprep.entities(matcher))
    assert lazy.collect()["text"].to_list()[0][0]["id"] == "faro"


def test_polars_series(matcher: EntityMatcher, pipe: Pipeline) -> None:
    pl = pytest.importorskip("polars")
    s = pl.Series("text", [PAGE, None])
    assert s.newsprep.clean().to_list() == [Cleaner().clean(PAGE), None]
    assert s.newsprep.sentences().to_list()[0] == SentenceSplitter().split(PAGE)
    assert s.newsprep.spans().dtype == pl.List(pl.Struct({"start": pl.Int64, "end": pl.Int64}))
    assert s.newsprep.entities(matcher).to_list()[0][0]["text"] == "Faro"
    assert s.newsprep.process(pipe) == [pipe(PAGE), None]
    docs = pipe.process(s)
    assert isinstance(docs, pl.Series) and docs.to_list() == [pipe(PAGE), None]


def test_pyarrow_input(pipe: Pipeline) -> None:
    pa = pytest.importorskip("pyarrow")
    assert pipe.process(pa.array([PAGE, None])) == [pipe(PAGE), None]


# -- properties ----------------------------------------------------------------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

_LINES = st.sampled_from(
    [
        "Home | News | Sign in",
        "Share this article",
        "Comments (2)",
        "",
        "   ",
        "The mayor of Faro, Ana Silva, said on Monday that the ferry to Tavira will run all year.",
        "Tavira’s council met in São Brás. It voted 5–2 for the plan, officials said.",
        "Prices rose 3.5% to $5.2 million, the U.S. firm said. Mr. Silva declined to comment.",
        "“We are ready,” Silva said. Faro? Tavira!",
        "Émigrés in Faro 🌊 cheered.",
    ]
)
_TEXTS = st.builds(
    lambda lines, ends: "".join(line + end for line, end in zip(lines, ends, strict=False)),
    st.lists(_LINES, max_size=12),
    st.lists(st.sampled_from(["\n", "\r\n", "\n\n"]), min_size=12, max_size=12),
)


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(st.lists(st.one_of(_TEXTS, st.none(), st.text(max_size=80)), max_size=8))
def test_property_batch_equals_map_and_offsets(texts: list) -> None:
    pipe = Pipeline(matcher=EntityMatcher.from_records(GAZETTEER))
    docs = pipe.process(texts)
    assert docs == [None if t is None else pipe(t) for t in texts]
    for t, d in zip(texts, docs, strict=True):
        if t is not None:
            check_document(d)
            assert d.clean_text == Cleaner().clean(t)
            d._repr_html_()


def test_pipeline_warns_when_given_the_wrong_kind_of_page():
    # Pipeline(extractor=...) ran page text's lines together and Pipeline() cleaned markup, without a word
    import warnings

    text = "Home | World\nStorm closes three ports\nBy Jane Doe\n" + "A storm closed three ports. " * 5
    html = "<html><body><h1>Storm closes ports</h1><p>A storm closed three ports.</p></body></html>"
    from_html = newsprep.Pipeline(extractor=newsprep.Extractor())
    for call in (
        lambda: from_html(text),
        lambda: from_html.process([text]),
        lambda: from_html.to_frames([text]),
    ):
        with pytest.warns(newsprep.NewsprepWarning, match=r"newsprep.clean\(text\)"):
            call()
    from_text = newsprep.Pipeline()
    for call in (
        lambda: from_text(html),
        lambda: from_text.process([html]),
        lambda: from_text.to_frames([html]),
    ):
        with pytest.warns(newsprep.NewsprepWarning, match="extract"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from_html(html)
        from_text(text)
        from_text.process([text, None])
