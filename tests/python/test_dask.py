"""newsprep on a Dask cluster with worker processes: every object crosses a pickle boundary for real.

Each test maps a partition function that captures a newsprep object in its closure over a small dask
DataFrame on a ``distributed.LocalCluster(processes=True)`` and compares the result with the same call
made locally. Skipped when dask or distributed is not installed.
"""

from __future__ import annotations

import os

import pytest

dd = pytest.importorskip(
    "dask.dataframe", reason="dask[dataframe] is not installed (pip install 'dask[distributed]')"
)
distributed = pytest.importorskip(
    "distributed", reason="distributed is not installed (pip install 'dask[distributed]')"
)
pd = pytest.importorskip("pandas")

import newsprep  # noqa: E402

SITES = ["harbour.example", "valley.example", "coast.example"]
CHROME = {
    "harbour.example": (
        "Skip to main content",
        "Harbour Ledger | News | Sport | Opinion",
        "Most read this week",
    ),
    "valley.example": ("Menu", "Valley Times | Home | Local | Weather", "Sign up for our newsletter"),
    "coast.example": ("Subscribe", "Coast Courier | Politics | Business", "Comments (3)"),
}
LEADERS = ["Zelenskyy", "Zelensky", "Netanyahu", "Lula"]
PLACES = ["Kyiv", "Geneva", "São Paulo", "Sao Paulo", "Ankara", "Jerusalem"]
TOPICS = ["prisoner exchange", "grain corridor", "ceasefire", "energy prices", "trade talks", "aid convoy"]


def make_articles(n: int = 36) -> pd.DataFrame:
    """``n`` scraped pages (written for this test): chrome lines around a short article, a site per row."""
    rows = []
    for i in range(n):
        site = SITES[i % len(SITES)]
        top, nav, bottom = CHROME[site]
        leader, place, topic = LEADERS[i % 4], PLACES[i % 6], TOPICS[(i // 2) % 6]
        text = (
            f"{top}\n{nav}\n"
            f"Talks on the {topic} resume in {place}\n"
            f"Officials met in {place} on Tuesday to discuss the {topic}, the {i + 1}th round since March. "
            f"President {leader} said the U.S. and Turkey had offered to help.\n"
            f"Mr. {leader}'s office declined to comment on the details. A decision is expected by Nov. 30.\n"
            f"{bottom}"
        )
        rows.append({"site": site, "text": text})
    rows.append({"site": SITES[0], "text": None})  # missing values pass through
    return pd.DataFrame(rows, index=pd.RangeIndex(100, 100 + len(rows)))


@pytest.fixture(scope="module")
def client():
    """A two-process local cluster (one thread each) and its client, for the whole module."""
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None, silence_logs=40
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


@pytest.fixture(scope="module")
def frames():
    """The pandas frame and the same frame as a dask DataFrame of 4 partitions."""
    pdf = make_articles()
    return pdf, dd.from_pandas(pdf, npartitions=4)


def _values(series: pd.Series) -> list:
    """The values in index order, any missing value as None (string dtypes keep their own NA)."""
    return [None if v is None or v is pd.NA or v != v else v for v in series.sort_index().tolist()]


def test_work_runs_in_worker_processes(client, frames):
    _, ddf = frames
    pids = ddf["text"].map_partitions(
        lambda s: pd.Series([os.getpid()] * len(s), index=s.index), meta=("text", "int64")
    )
    assert os.getpid() not in set(pids.compute().tolist())


def test_cleaner(client, frames):
    pdf, ddf = frames
    cleaner = newsprep.Cleaner(extra_phrases=["most read this week"])
    # the README's meta: text out keeps the column's dtype, so the computed column is what meta says
    meta = ("text", ddf["text"].dtype)
    got = ddf["text"].map_partitions(lambda s: cleaner.clean_many(s, n_threads=1), meta=meta)
    expected = cleaner.clean_many(pdf["text"])
    computed = got.compute()
    assert _values(computed) == _values(expected)
    assert computed.dtype == got.dtype
    assert expected.iloc[0].startswith("Talks on the")
    assert pd.isna(expected.iloc[-1])


def test_fitted_cleaner_keeps_its_site_counts(client, frames):
    pdf, ddf = frames
    cleaner = newsprep.Cleaner().fit(pdf["text"].dropna(), pdf["site"][pdf["text"].notna()])

    def clean_partition(part: pd.DataFrame) -> pd.Series:
        return pd.Series(
            [
                cleaner.clean(t, site=s) if isinstance(t, str) else None
                for t, s in zip(part["text"], part["site"], strict=True)
            ],
            index=part.index,
            dtype=object,
        )

    got = ddf.map_partitions(clean_partition, meta=(None, object)).compute()
    local = clean_partition(pdf)
    assert _values(got) == _values(local)
    assert all("Harbour Ledger" not in t for t in local.dropna())


def test_sentence_splitter(client, frames):
    pdf, ddf = frames
    splitter = newsprep.SentenceSplitter(extra_abbreviations=["approx"])
    got = ddf["text"].map_partitions(lambda s: splitter.spans_many(s, n_threads=1), meta=("text", object))
    expected = splitter.spans_many(pdf["text"])
    assert _values(got.compute()) == _values(expected)
    assert len(expected.iloc[0]) >= 5


def test_entity_matcher(client, frames):
    pdf, ddf = frames
    matcher = newsprep.EntityMatcher.from_records(
        [
            {"id": "zelensky", "label": "PER", "names": ["Zelensky", "Zelenskyy"]},
            {"id": "netanyahu", "label": "PER", "names": ["Netanyahu"]},
            {"id": "sao-paulo", "label": "LOC", "names": ["São Paulo"]},
        ],
        fold_accents=True,
    )

    def find(s: pd.Series) -> pd.Series:
        return matcher.find_many(s, n_threads=1).map(
            lambda ms: None if ms is None else [(m.start, m.end, m.text, m.id, m.label) for m in ms]
        )

    got = ddf["text"].map_partitions(find, meta=("text", object)).compute()
    expected = find(pdf["text"])
    assert _values(got) == _values(expected)
    ids = {m[3] for ms in expected.dropna() for m in ms}
    assert ids == {"zelensky", "netanyahu", "sao-paulo"}

    # Match objects themselves come back from the workers too.
    raw = ddf["text"].map_partitions(lambda s: matcher.find_many(s), meta=("text", object)).compute()
    assert _values(raw) == _values(matcher.find_many(pdf["text"]))


def test_pipeline(client, frames):
    pdf, ddf = frames
    pipe = newsprep.Pipeline(matcher=newsprep.gazetteers.countries())
    got = ddf["text"].map_partitions(lambda s: pipe.process(s, n_threads=1), meta=("text", object)).compute()
    expected = pipe.process(pdf["text"])
    assert _values(got) == _values(expected)
    doc = expected.iloc[0]
    assert {m.id for m in doc.entities} >= {"US", "TR"}
    assert all(doc.clean_text[s.start : s.end] == s.text for s in doc.sentences)


def test_pandas_accessor_on_workers(client, frames):
    pdf, ddf = frames
    if not hasattr(pd.Series, "newsprep"):
        pytest.skip("the pandas accessor is not registered in this build")
    got = ddf["text"].map_partitions(lambda s: s.newsprep.sentences(), meta=("text", object)).compute()
    assert _values(got) == _values(pdf["text"].newsprep.sentences())


def test_warc_archives_to_a_dask_frame(client, tmp_path):
    """One partition per archive (dd.from_map over paths): the same rows as the local run."""
    from conftest import own_pages, write_warc

    pages = own_pages(10)
    paths = [
        str(write_warc(tmp_path / "a.warc.gz", pages[:4])),
        str(write_warc(tmp_path / "b.warc.gz", pages[4:7])),
        str(write_warc(tmp_path / "c.warc", pages[7:], gzip=False)),
    ]
    ddf = dd.from_map(newsprep.warc_frame, paths, meta=newsprep.warc_frame_meta())
    assert ddf.npartitions == 3
    got = ddf.compute()
    local = pd.concat([newsprep.extract_warc(p).to_pandas() for p in paths])

    # Dask may store the columns as its string dtype: compare the values, missing as None.
    def rows(frame):
        return [tuple(None if pd.isna(v) else v for v in r) for r in frame.itertuples(index=False)]

    assert list(got.columns) == list(local.columns)
    assert rows(got) == rows(local)
    assert list(got["warc_url"]) == [p["url"] for p in pages]
    # The work ran in the workers, and the options travel with the function.
    pids = dd.from_map(lambda p: pd.DataFrame({"pid": [os.getpid()]}), paths).compute()
    assert os.getpid() not in set(pids["pid"])
    titles = dd.from_map(
        newsprep.warc_frame,
        paths,
        extractor=newsprep.Extractor(keep_title=False),
        meta=newsprep.warc_frame_meta(),
    ).compute()
    assert not titles["text"].iloc[0].startswith(pages[0]["html"].decode().split("<h1>")[1].split("<")[0])
