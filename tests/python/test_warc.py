"""Web archives: read_warc, extract_warc and warc_frame on archives written here (warcio), also damaged."""

from __future__ import annotations

import gzip
import io
import os
import pickle
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsprep
from conftest import own_pages, shared_pages, write_warc

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return own_pages(12)


@pytest.fixture
def archive(tmp_path: Path, pages: list[dict]) -> Path:
    return write_warc(tmp_path / "crawl.warc.gz", pages)


def members(path: Path) -> list[bytes]:
    """The gzip members of a per-record .warc.gz (split at each member start)."""
    data = path.read_bytes()
    out, pos = [], 0
    while pos < len(data):
        d = zlib.decompressobj(31)
        d.decompress(data[pos:])
        end = len(data) - len(d.unused_data)
        out.append(data[pos:end])
        pos = end
    return out


def _v(value: object) -> object:
    """A missing value (None, or the NaN of pandas' string dtype) as None."""
    return None if value is None or value != value else value


def summary_adds_up(s: newsprep.WarcSummary) -> None:
    assert s.records == s.articles + sum(s.skipped.values()), s
    assert s.html_records == s.articles + s.skipped.get("no-text", 0), s


# -- read_warc ------------------------------------------------------------------------------------------


def test_read_records(archive: Path, pages: list[dict]) -> None:
    reader = newsprep.read_warc(archive)
    records = list(reader)
    assert [r.url for r in records] == [p["url"] for p in pages]
    r = records[3]
    assert r.record_type == "response"
    assert r.status == 200 and r.reason == "OK"
    assert r.payload == pages[3]["html"]
    assert r.http_header("content-type") == "text/html; charset=utf-8"
    assert r.charset == "utf-8"
    assert r.html() == pages[3]["html"].decode("utf-8")
    assert r.record_id.startswith("<urn:uuid:")
    assert r.date == "2024-03-05T08:00:03Z"
    assert ("WARC-Type", "response") in r.warc_headers
    assert reader.counts == {"records": 13, "returned": 12, "skipped": {"record-type": 1}}
    assert "status=200" in repr(r) and pages[3]["url"] in repr(r)


def test_plain_and_gzip_and_sources_agree(tmp_path: Path, pages: list[dict]) -> None:
    gz = write_warc(tmp_path / "a.warc.gz", pages)
    plain = write_warc(tmp_path / "a.warc", pages, gzip=False)
    whole = tmp_path / "whole.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    expected = [(r.url, r.payload) for r in newsprep.read_warc(plain)]
    assert len(expected) == len(pages)

    class Greedy:
        """A file object whose read() ignores its size argument."""

        def __init__(self, data: bytes) -> None:
            self.data = data

        def read(self, n: int = -1) -> bytes:
            out, self.data = self.data, b""
            return out

    assert [(r.url, r.payload) for r in newsprep.read_warc(Greedy(gz.read_bytes()))] == expected
    for source in (gz, whole, str(gz), io.BytesIO(gz.read_bytes()), gz.read_bytes(), open(gz, "rb")):
        assert [(r.url, r.payload) for r in newsprep.read_warc(source)] == expected


def test_fsspec_url(tmp_path: Path, pages: list[dict]) -> None:
    fsspec = pytest.importorskip("fsspec")
    data = write_warc(tmp_path / "a.warc.gz", pages).read_bytes()
    fsspec.filesystem("memory").pipe("/crawls/a.warc.gz", data)
    got = [r.url for r in newsprep.read_warc("memory://crawls/a.warc.gz", storage_options={})]
    assert got == [p["url"] for p in pages]
    frame = newsprep.warc_frame("memory://crawls/a.warc.gz")
    assert list(frame["warc_url"]) == got
    assert [r.url for r in newsprep.read_warc(f"file://{tmp_path / 'a.warc.gz'}")] == got


def test_record_types_and_filters(tmp_path: Path, pages: list[dict]) -> None:
    extra = [
        ("https://ledger.example/logo.png", b"\x89PNG\r\n\x1a\n....", [("Content-Type", "image/png")]),
        ("https://ledger.example/feed", b'{"a": 1}', [("Content-Type", "application/json")]),
    ]
    missing = dict(pages[0], url="https://ledger.example/gone", status="404 Not Found")
    path = write_warc(tmp_path / "mixed.warc.gz", [*pages[:2], missing], extra=extra)
    reader = newsprep.read_warc(path)
    assert [r.status for r in reader] == [200, 200, 404]
    assert reader.skipped == {"record-type": 1, "not-html": 2}
    everything = list(newsprep.read_warc(path, record_types=None, html_only=False))
    assert [r.record_type for r in everything] == ["warcinfo"] + ["response"] * 5
    assert everything[4].payload.startswith(b"\x89PNG")
    ok = newsprep.read_warc(path, ok_status_only=True)
    assert len(list(ok)) == 2 and ok.skipped["http-status"] == 1
    assert len(list(newsprep.read_warc(path, record_types="warcinfo", html_only=False))) == 1


def test_chunked_gzip_and_transport_charset(tmp_path: Path) -> None:
    body = (
        "<html><head><title>Café</title></head><body><h1>Un café crème à Paris</h1>"
        "<p>Le café « Chez Léon » a rouvert ses portes mardi, après six mois de travaux, "
        "et les habitués étaient déjà là à sept heures.</p></body></html>"
    ).encode("cp1252")
    zipped = gzip.compress(body)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in (zipped[:50], zipped[50:])) + b"0\r\n\r\n"
    headers = [
        ("Content-Type", "text/html; charset=windows-1252"),
        ("Transfer-Encoding", "chunked"),
        ("Content-Encoding", "gzip"),
    ]
    path = write_warc(
        tmp_path / "fr.warc.gz", [{"url": "https://x.example/fr", "html": chunked, "headers": headers}]
    )
    (r,) = newsprep.read_warc(path)
    assert r.payload == body
    assert "Un café crème à Paris" in r.html()
    frame = newsprep.extract_warc(path).to_pandas()
    assert frame["text"][0].startswith("Un café crème à Paris")
    assert frame["text"][0] == newsprep.Extractor().article(r.html(), r.url).text


def test_records_pickle_and_compare(archive: Path) -> None:
    cloudpickle = pytest.importorskip("cloudpickle")
    r = next(newsprep.read_warc(archive))
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        back = loads(dumps(r))
        assert back == r and back.payload == r.payload and back.status == r.status
        assert back.http_headers == r.http_headers and back.offset == r.offset
    with pytest.raises(TypeError):
        hash(r)
    built = newsprep.WarcRecord(record_type="resource", url="u", payload=b"<p>x</p>")
    assert built.status is None and built.html() == "<p>x</p>"
    assert pickle.loads(pickle.dumps(built)) == built


def test_streams_say_why_they_do_not_pickle(archive: Path) -> None:
    """A reader over an open archive cannot travel to a worker: the error says what to send instead."""
    cloudpickle = pytest.importorskip("cloudpickle")
    pipeline = newsprep.Pipeline(extractor=newsprep.Extractor())
    streams = {
        "read_warc": newsprep.read_warc(archive),
        "extract_warc": newsprep.extract_warc(archive),
        "warc_frames": pipeline.warc_frames(archive),
    }
    for call, stream in streams.items():
        says = rf"does not pickle: send the archive's path.*{call}"
        for dumps in (pickle.dumps, cloudpickle.dumps):
            with pytest.raises(newsprep.InputTypeError, match=says):
                dumps(stream)
        with stream:
            assert list(stream)  # still readable after the refusal


def test_close_ends_the_stream(archive: Path) -> None:
    """close() said "no more batches" but only closed a file opened for an fsspec URL: from a path or
    bytes the stream read on after it (issue 10: the close methods' examples)."""
    pipeline = newsprep.Pipeline(extractor=newsprep.Extractor())
    for source in (archive, archive.read_bytes()):
        streams = {
            "read_warc": newsprep.read_warc(source),
            "extract_warc": newsprep.extract_warc(source, batch_size=2),
            "warc_frames": pipeline.warc_frames(source, batch_size=2),
        }
        for call, stream in streams.items():
            assert next(iter(stream)) is not None
            stream.close()
            assert list(stream) == [], call
            stream.close()  # closing again does nothing
    # what was read before close() is still counted
    articles = newsprep.extract_warc(archive, batch_size=2)
    first = next(articles)
    articles.close()
    assert articles.summary.articles == len(first) and articles.to_pandas().empty


def _open_fds(path: Path) -> int:
    """How many of this process's file descriptors are open on ``path`` (Linux)."""
    fds = Path("/proc/self/fd")
    n = 0
    for fd in fds.iterdir():
        try:
            n += os.path.realpath(fd) == os.path.realpath(path)
        except OSError:
            pass
    return n


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counting open files needs /proc/self/fd")
def test_close_closes_the_file(archive: Path) -> None:
    """A stream opened from a local path kept its file open after close() until garbage collection
    (the core's reader held it): close() drops the reader now, and the counts stay readable."""
    pipeline = newsprep.Pipeline(extractor=newsprep.Extractor())
    streams = {
        "read_warc": newsprep.read_warc(archive),
        "extract_warc": newsprep.extract_warc(archive, batch_size=2),
        "warc_frames": pipeline.warc_frames(archive, batch_size=2),
    }
    for left, (call, stream) in zip(range(len(streams), 0, -1), streams.items(), strict=True):
        assert next(iter(stream)) is not None
        assert _open_fds(archive) == left, call
        before = stream.counts if call == "read_warc" else stream.summary
        stream.close()
        assert _open_fds(archive) == left - 1, call
        after = stream.counts if call == "read_warc" else stream.summary
        assert after == before, call
        assert getattr(stream, "bytes_read", 1) > 0, call


def test_errors(tmp_path: Path, archive: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body>not an archive</body></html>")
    with pytest.raises(newsprep.FormatError, match="not a WARC archive"):
        newsprep.read_warc(page)
    with pytest.raises(ValueError):
        newsprep.extract_warc(page)
    with pytest.raises(FileNotFoundError, match="no such file"):
        newsprep.read_warc(tmp_path / "missing.warc.gz")
    with pytest.raises(OSError, match="directory"):
        newsprep.read_warc(tmp_path)
    with pytest.raises(newsprep.InputTypeError, match="path, a binary file object"):
        newsprep.read_warc(42)
    with open(archive, encoding="latin-1") as text_mode, pytest.raises(TypeError, match="binary"):
        newsprep.read_warc(text_mode)
    with pytest.raises(newsprep.ConfigError):
        newsprep.extract_warc(archive, batch_size=0)
    with pytest.raises(newsprep.ConfigError):
        newsprep.extract_warc(archive, n_threads=0)
    with pytest.raises(newsprep.InputTypeError, match="Extractor"):
        newsprep.extract_warc(archive, extractor="default")

    class Failing(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def read(self, n: int = -1) -> bytes:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        list(newsprep.read_warc(Failing()))


# -- extract_warc ---------------------------------------------------------------------------------------


def test_extract_equals_extract_on_the_same_html(archive: Path, pages: list[dict]) -> None:
    articles = newsprep.extract_warc(archive, batch_size=5)
    frames = list(articles)
    assert [len(f) for f in frames] == [5, 5, 2]
    frame = pd.concat(frames)
    assert list(frame.columns) == list(newsprep._warc.ARTICLE_COLUMNS)
    assert list(frame.index) == list(range(12))
    x = newsprep.Extractor()
    for row, page in zip(frame.itertuples(), pages, strict=True):
        a = x.article(page["html"], page["url"])
        got = tuple(
            map(_v, (row.title, row.byline, row.date, row.text, row.url, row.site_name, row.language))
        )
        assert got == (a.title, a.byline, a.date, a.text, a.url, a.site_name, a.language)
        assert row.warc_url == page["url"]
    assert frame["title"][0] == "Dunmore to review the ferry contract"
    assert frame["date"][0] == "2024-03-01T08:00:00Z"
    s = articles.summary
    assert (s.records, s.html_records, s.articles) == (13, 12, 12)
    assert s.skipped == {"record-type": 1}
    summary_adds_up(s)
    assert "13 records read: 12 HTML, 12 articles, 1 skipped (record-type 1)" == str(s)


def test_extract_on_shared_pages(tmp_path: Path) -> None:
    pages = shared_pages("aeb") + shared_pages("l3s", limit=120)
    path = write_warc(tmp_path / "shared.warc.gz", pages)
    x = newsprep.Extractor()
    frame = newsprep.extract_warc(path, batch_size=64).to_pandas()
    expected = []
    for p in pages:
        a = x.article(p["html"], p["url"])
        if a.text:
            expected.append((p["url"], a.title, a.text, a.date))
    got = [
        tuple(map(_v, row)) for row in zip(frame.warc_url, frame.title, frame.text, frame.date, strict=True)
    ]
    assert got == expected
    one = newsprep.extract_warc(path, n_threads=1).to_pandas()
    assert one.equals(frame)


def test_pages_without_text_are_counted(tmp_path: Path, pages: list[dict]) -> None:
    empty = {"url": "https://ledger.example/empty", "html": b"<html><body></body></html>"}
    path = write_warc(tmp_path / "e.warc.gz", [pages[0], empty, pages[1]])
    articles = newsprep.extract_warc(path)
    frame = articles.to_pandas()
    assert list(frame.warc_url) == [pages[0]["url"], pages[1]["url"]]
    assert articles.summary.skipped == {"record-type": 1, "no-text": 1}
    summary_adds_up(articles.summary)
    # A batch without any article is not returned as an empty frame.
    assert [len(f) for f in newsprep.extract_warc(path, batch_size=1)] == [1, 1]
    assert [len(f) for f in newsprep.extract_warc(path, batch_size=1, n_threads=2)] == [1, 1]


def test_empty_archive(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    articles = newsprep.extract_warc(path)
    frame = articles.to_pandas()
    assert len(frame) == 0 and list(frame.columns) == list(newsprep._warc.ARTICLE_COLUMNS)
    assert articles.summary == newsprep.WarcSummary()


def test_progress_bar(archive: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("tqdm")
    assert len(newsprep.extract_warc(archive, progress=True).to_pandas()) == 12
    assert "extract_warc" in capsys.readouterr().err


# -- damaged archives -----------------------------------------------------------------------------------


def test_damaged_copies(tmp_path: Path, pages: list[dict]) -> None:
    path = write_warc(tmp_path / "good.warc.gz", pages)
    m = members(path)
    assert len(m) == 13  # warcinfo + 12 responses
    urls = [p["url"] for p in pages]

    def run(name: str, data: bytes) -> tuple[list[str], dict[str, int]]:
        p = tmp_path / name
        p.write_bytes(data)
        articles = newsprep.extract_warc(p)
        got = list(articles.to_pandas().warc_url)
        summary_adds_up(articles.summary)
        return got, articles.summary.skipped

    # A corrupt member: its record is lost, the rest is read.
    bad = bytearray(m[4])
    bad[len(bad) // 2] ^= 0xFF
    bad[len(bad) // 2 + 1] ^= 0x55
    got, skipped = run("corrupt.warc.gz", b"".join(m[:4]) + bytes(bad) + b"".join(m[5:]))
    assert got == urls[:3] + urls[4:] and skipped["corrupt-gzip"] == 1

    # Truncated inside the last record.
    data = path.read_bytes()
    got, skipped = run("cut.warc.gz", data[: len(data) - 100])
    assert got == urls[:-1] and skipped["truncated"] == 1

    # Binary junk between members.
    junk = bytes(range(256)) * 4
    got, skipped = run("junk.warc.gz", b"".join(m[:6]) + junk + b"".join(m[6:]))
    assert got == urls and skipped["junk"] == 1

    # A wrong Content-Length (plain archive).
    plain = write_warc(tmp_path / "plain.warc", pages, gzip=False).read_bytes()
    target = plain.index(pages[5]["url"].encode())
    cl = plain.index(b"Content-Length: ", target) + len(b"Content-Length: ")
    end = plain.index(b"\r\n", cl)
    wrong = plain[:cl] + str(int(plain[cl:end]) - 17).encode() + plain[end:]
    got, skipped = run("length.warc", wrong)
    assert got == urls[:5] + urls[6:] and skipped["bad-content-length"] == 1

    # A revisit record.
    warcio = pytest.importorskip("warcio")
    with open(tmp_path / "revisit.warc.gz", "wb") as f:
        w = warcio.WARCWriter(f, gzip=True)
        rec = w.create_revisit_record(
            urls[0], digest="sha1:AAAA", refers_to_uri=urls[0], refers_to_date="2024"
        )
        w.write_record(rec)
    got, skipped = run("revisit2.warc.gz", (tmp_path / "revisit.warc.gz").read_bytes() + path.read_bytes())
    assert got == urls and skipped["revisit"] == 1


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_damage_never_breaks_the_promises(tmp_path: Path, data: st.DataObject) -> None:
    pages = own_pages(4)
    base = tmp_path / "base.warc.gz"
    if not base.exists():
        write_warc(base, pages)
    raw = bytearray(base.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        i = data.draw(st.integers(0, max(0, len(raw) - 1)))
        if kind == "flip" and raw:
            raw[i] ^= data.draw(st.integers(1, 255))
        elif kind == "cut":
            del raw[i:]
        elif kind == "insert":
            raw[i:i] = data.draw(st.binary(max_size=200))
        else:
            del raw[i : i + data.draw(st.integers(0, 300))]
    try:
        articles = newsprep.extract_warc(bytes(raw))
    except newsprep.FormatError:
        return  # the damage removed every record from the first chunk
    frame = articles.to_pandas()
    summary_adds_up(articles.summary)
    assert len(frame) == articles.summary.articles
    reader = newsprep.read_warc(bytes(raw), record_types=None, html_only=False)
    n = len(list(reader))
    assert reader.counts["records"] == n + sum(reader.counts["skipped"].values())


def test_docs_show_the_summary_as_it_prints() -> None:
    root = Path(__file__).resolve().parents[2]
    s = newsprep.WarcSummary(41230, 40112, 39875, {"not-html": 1118, "no-text": 237})
    summary_adds_up(s)
    line = "41230 records read: 40112 HTML, 39875 articles, 1355 skipped (not-html 1118, no-text 237)"
    assert str(s) == line
    assert line in (root / "README.md").read_text(encoding="utf-8")
    assert f"newsprep extract: 2 archives: {line}" in (root / "docs" / "usage-at-scale.md").read_text(
        encoding="utf-8"
    )


def test_resource_records_when_asked(tmp_path: Path, pages: list[dict]) -> None:
    warcio = pytest.importorskip("warcio")
    path = tmp_path / "saved.warc.gz"
    with open(path, "wb") as f:
        w = warcio.WARCWriter(f, gzip=True)
        for p in pages[:3]:
            rec = w.create_warc_record(
                p["url"], "resource", payload=io.BytesIO(p["html"]), warc_content_type="text/html"
            )
            w.write_record(rec)
    assert len(newsprep.extract_warc(path).to_pandas()) == 0
    frame = newsprep.extract_warc(path, record_types=("response", "resource")).to_pandas()
    assert list(frame.warc_url) == [p["url"] for p in pages[:3]]
    assert len(newsprep.extract_warc(path, record_types=None).to_pandas()) == 3


def test_pipeline_warc_frames_equal_to_frames_on_the_same_html(archive: Path, pages: list[dict]) -> None:
    matcher = newsprep.gazetteers.countries()
    pipe = newsprep.Pipeline(extractor=newsprep.Extractor(), matcher=matcher)
    batches = list(pipe.warc_frames(archive, batch_size=5))
    assert [len(b.documents) for b in batches] == [5, 5, 2]
    docs = pd.concat(b.documents for b in batches)
    assert list(docs["doc"]) == list(range(12))
    assert docs["record_id"].notna().all() and docs["warc_date"].notna().all()
    ref = pipe.to_frames([p["html"] for p in pages], urls=[p["url"] for p in pages])
    cols = ["doc", "title", "clean_text", "url", "n_sentences", "n_entities"]
    assert docs[cols].reset_index(drop=True).equals(ref.documents[cols])
    sents = pd.concat(b.sentences for b in batches).reset_index(drop=True)
    assert sents[["doc", "sentence", "text"]].equals(ref.sentences[["doc", "sentence", "text"]])
    with pytest.raises(newsprep.ConfigError, match="extractor"):
        next(newsprep.Pipeline().warc_frames(archive))
    with pytest.raises(newsprep.ConfigError, match="batch_size"):
        next(pipe.warc_frames(archive, batch_size=0))


def test_pipeline_warc_frames_skip_redirects_and_error_pages(tmp_path: Path, pages: list[dict]) -> None:
    # a 404 page and a redirect's body are a server's message, not the page at the URL: extract_warc
    # skips them (http-status), and so does warc_frames, unless asked for them
    gone = dict(pages[1], url="https://ledger.example/gone", status="404 Not Found")
    moved_html = (
        "<html><head><title>301 Moved Permanently</title></head><body><h1>Moved Permanently</h1>"
        "<p>The document has moved <a href='/new'>here</a>.</p></body></html>"
    )
    moved = {"url": "https://ledger.example/old", "html": moved_html.encode(), "status": "301 Moved"}
    path = write_warc(tmp_path / "status.warc.gz", [pages[0], gone, moved])
    pipe = newsprep.Pipeline(extractor=newsprep.Extractor())
    docs = pd.concat(f.documents for f in pipe.warc_frames(path))
    assert list(docs["url"]) == [pages[0]["url"]]
    assert list(newsprep.extract_warc(path).to_pandas()["warc_url"]) == [pages[0]["url"]]
    every = pd.concat(f.documents for f in pipe.warc_frames(path, ok_status_only=False))
    assert list(every["url"]) == [
        pages[0]["url"],
        "https://ledger.example/gone",
        "https://ledger.example/old",
    ]
    with pytest.raises(newsprep.InputTypeError, match="ok_status_only"):
        next(pipe.warc_frames(path, ok_status_only="yes"))  # type: ignore[arg-type]


def test_pipeline_warc_frames_say_what_they_skipped(tmp_path: Path, pages: list[dict]) -> None:
    # warc_frames skipped error pages and non-HTML records without a count (extract_warc has one)
    gone = dict(pages[1], url="https://ledger.example/gone", status="404 Not Found")
    path = write_warc(tmp_path / "skips.warc.gz", [pages[0], gone, pages[2]])
    frames = newsprep.Pipeline(extractor=newsprep.Extractor()).warc_frames(path, batch_size=1)
    assert isinstance(frames, newsprep.WarcFrames)
    docs = pd.concat(f.documents for f in frames)
    s = frames.summary
    assert (s.articles, s.html_records, s.skipped.get("http-status")) == (len(docs), 2, 1)
    assert s.records == s.articles + sum(s.skipped.values())
    articles = newsprep.extract_warc(path)
    articles.to_pandas()
    assert s == articles.summary  # the same counts as extract_warc's (every page here has text)
    assert (
        repr(frames)
        == "<WarcFrames: 4 records read: 2 HTML, 2 articles, 2 skipped (record-type 1, http-status 1)>"
    )
