"""Shared fixtures: where the shared evaluation data lives, and a skip when it is absent."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(os.environ.get("NEWSPREP_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))


@pytest.fixture(autouse=True, scope="session")
def _sigint_raises_keyboard_interrupt():
    """SIGINT raises KeyboardInterrupt for the Ctrl-C tests (``_thread.interrupt_main``).

    Python leaves SIGINT ignored when it starts ignored, as in a job a non-interactive shell starts in
    the background, and then ``interrupt_main()`` does nothing; a terminal's Ctrl-C is what they test.
    """
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def load_module(path: Path, name: str | None = None) -> Any:
    """The Python file at `path` imported as a module (scripts and fixtures beside the tests); skips the
    test when the file is not there (an installed package without its source tree)."""
    import importlib.util

    if not path.exists():
        pytest.skip(f"{path.name} is not beside the tests (run from a checkout)")
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def shared_path(*parts: str) -> Path:
    """Path into ../shared, skipping the calling test with a clear message when it is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"shared evaluation data not found at {p} (set NEWSPREP_SHARED to its folder)")
    return p


# -- WARC archives written at test time (warcio), from pages of our own or from ../shared ---------------

OWN_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Harbour Ledger</title>
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2024-03-{day:02d}T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><p class="byline">By {author}</p>
<p>{place} officials said on Tuesday that the {topic} would be reviewed before the end of the month,
after weeks of complaints from residents and local businesses about delays and rising costs.</p>
<p>The council's spokesperson, speaking to reporters outside the town hall, said the review would look
at every contract signed since {year} and that the findings would be published in full.</p>
<p>Residents of {place} have asked for public hearings; a first one is planned for next week.</p>
</article><aside><h2>Related stories</h2><ul><li><a href="/a">Ferry fares rise again</a></li>
<li><a href="/b">Harbour works delayed</a></li></ul></aside>
<footer>© The Harbour Ledger. All rights reserved.</footer></body></html>"""

PLACES = ["Dunmore", "Kilbride", "Ashford", "Wexley", "Brindle", "Carrow", "Elmstead", "Farnley"]
TOPICS = ["ferry contract", "harbour budget", "bus timetable", "school repairs", "water charges"]
AUTHORS = ["Jane Doe", "Ravi Patel", "Ana Souza", "Tom Byrne"]


def own_pages(n: int = 12) -> list[dict]:
    """``n`` news pages written for these tests: ``{"url", "html" (bytes)}``."""
    pages = []
    for i in range(n):
        place, topic = PLACES[i % len(PLACES)], TOPICS[i % len(TOPICS)]
        html = OWN_PAGE.format(
            title=f"{place} to review the {topic}",
            author=AUTHORS[i % len(AUTHORS)],
            place=place,
            topic=topic,
            year=2015 + i % 8,
            day=1 + i % 28,
        )
        pages.append({"url": f"https://ledger.example/news/{i}", "html": html.encode("utf-8")})
    return pages


def shared_pages(name: str = "aeb", limit: int | None = None) -> list[dict]:
    """Pages of ``../shared/data/boilerplate/{name}.dev.html.jsonl`` (skips without ../shared)."""
    import json

    path = shared_path("data", "boilerplate", f"{name}.dev.html.jsonl")
    pages = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and i >= limit:
                break
            rec = json.loads(line)
            url = rec.get("url") or f"https://{name}.example/{rec['id']}"
            pages.append({"url": url, "html": rec["html"].encode("utf-8")})
    return pages


def write_warc(
    path: Path,
    pages: list[dict],
    *,
    gzip: bool = True,
    extra: list[tuple[str, bytes, list[tuple[str, str]]]] | None = None,
) -> Path:
    """Writes ``pages`` as response records (warcio): one gzip member per record when ``gzip``.

    A page may carry ``headers`` (HTTP headers as pairs; default a text/html Content-Type) and
    ``status`` (default "200 OK"). ``extra`` adds responses ``(url, payload, headers)`` after the pages.
    """
    import io

    warcio = pytest.importorskip("warcio", reason="warcio writes the test archives (pip install warcio)")
    from warcio.statusandheaders import StatusAndHeaders

    with open(path, "wb") as f:
        w = warcio.WARCWriter(f, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "newsprep tests"}))
        items = [(p["url"], p["html"], p.get("headers"), p.get("status", "200 OK")) for p in pages]
        items += [(u, b, h, "200 OK") for u, b, h in extra or []]
        for i, (url, body, headers, status) in enumerate(items):
            headers = headers or [("Content-Type", "text/html; charset=utf-8")]
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            rec = w.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Date": f"2024-03-05T08:{i // 60 % 60:02d}:{i % 60:02d}Z"},
            )
            w.write_record(rec)
    return path
