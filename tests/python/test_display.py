"""Document._repr_html_: the HTML itself, and a render in headless Chromium (skipped without Chromium)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from newsprep import Document, EntityMatcher, Mention, Pipeline, Sentence

# A page written for these tests: chrome around a short article with markup-like text and dollar amounts.
PAGE = """Menu | Local | Weather | Log in
Bridge repairs to cost $5 million
The city of Braga says the bridge will close in May. Repairs cost $5 million and $2 million more \
for <script>document.title='pwned'</script> lighting & paint.
Engineers from Porto will inspect the old bridge before the work starts, the city council said on Friday.
Share on Facebook
Most Read
"""

MATCHER = EntityMatcher({"Braga": "LOC", "Porto": "LOC", "Engineers": "ORG"})


@pytest.fixture(scope="module")
def doc() -> Document:
    return Pipeline(matcher=MATCHER)(PAGE)


def test_html_structure(doc: Document) -> None:
    h = doc._repr_html_()
    assert h.startswith('<div class="tex2jax_ignore">') and h.endswith("</div>")
    assert "$5 million" in h and "$2 million" in h
    assert "<script>" not in h and "&lt;script&gt;" in h and "&amp; paint" in h
    assert "document.title=&#x27;pwned&#x27;" in h
    assert h.count("<mark") == len(doc.entities) == 3
    for m in doc.entities:
        assert re.search(rf"<mark[^>]*>{m.text}<span class=\"np-label\">{m.label}</span></mark>", h)
    # sentence boundaries: every sentence is wrapped and numbered, separators between them
    assert h.count("data-sentence=") >= len(doc.sentences)
    assert {int(i) for i in re.findall(r'data-sentence="(\d+)"', h)} == set(range(len(doc.sentences)))
    assert h.count('class="np-sep"') == len(doc.sentences) - 1
    assert "np-s1" in h  # alternating background
    # removed chrome: struck through with its reason, in document order around the article
    assert len(doc.removed) == 3
    for r in doc.removed:
        assert f"<s>{r.text}</s>" in h
        assert f'<span class="np-reason">[{r.reason}]</span>' in h
    assert h.index("Menu | Local") < h.index("Bridge repairs") < h.index("Share on Facebook")


def test_html_escapes_every_field() -> None:
    nasty = '<img src=x onerror="alert(1)"> & "quotes" $x$'
    d = Document(
        text=nasty,
        clean_text=nasty,
        sentences=[Sentence(0, len(nasty), nasty)],
        entities=[Mention(1, 4, "img", '<b id="x">', "<LBL>", 0)],
    )
    h = d._repr_html_()
    assert "<img" not in h and "<b " not in h and "<LBL>" not in h
    assert "&lt;LBL&gt;" in h and "&quot;quotes&quot;" in h and "$x$" in h


def test_html_edge_cases() -> None:
    assert 'class="tex2jax_ignore"' in Pipeline()("")._repr_html_()
    # a mention that crosses a sentence boundary is closed and reopened; its label shows once
    text = "Rio de. Janeiro is big."
    m = EntityMatcher({"de. Janeiro": "LOC"})
    d = Pipeline(cleaner=None, matcher=m)(text)
    h = d._repr_html_()
    assert d.entities[0].sentence == 0 and len(d.sentences) == 2
    assert h.count("<mark") == h.count("</mark>") >= 2 and h.count('class="np-label"') == 1
    assert "de. Janeiro" in re.sub(r"<[^>]+>", "", h).replace("▏", "")
    # overlapping mentions (overlaps="all") still give valid, balanced markup
    d2 = Pipeline(cleaner=None, matcher=EntityMatcher({"New York": "LOC", "York": "LOC"}, overlaps="all"))(
        "New York rains."
    )
    h2 = d2._repr_html_()
    assert h2.count("<mark") == h2.count("</mark>") >= 1
    # a hand-made Document without removed_at shows its removed lines at the end
    base = Pipeline()(PAGE)
    bare = Document(base.text, base.clean_text, base.sentences, base.entities, base.removed)
    hb = bare._repr_html_()
    assert all(f"<s>{r.text}</s>" in hb for r in bare.removed)


# -- headless Chromium -----------------------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip(
        "Chromium not found on PATH (chromium / chromium-browser); on Debian: apt-get install chromium"
    )


def _run_chromium(exe: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
    ]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("Chromium did not finish within 120 s")


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decodes an 8-bit, non-interlaced RGB/RGBA PNG into (width, height, rows of pixel bytes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format"
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        if ftype == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif ftype == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev, strict=True))
        elif ftype == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif ftype == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, [bytes(r[i] for i in range(len(r)) if i % bpp < 3) for r in rows]


def test_renders_in_headless_chromium(doc: Document, tmp_path: Path) -> None:
    exe = _chromium()
    page = tmp_path / "doc.html"
    page.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>newsprep</title></head><body>'
        + doc._repr_html_()
        + "</body></html>",
        encoding="utf-8",
    )
    url = page.as_uri()
    shot = tmp_path / "shot.png"
    res = _run_chromium(exe, tmp_path / "profile", "--window-size=800,500", f"--screenshot={shot}", url)
    assert shot.exists(), f"no screenshot written; Chromium said:\n{res.stderr[-2000:]}"
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000, f"screenshot too small ({len(data)} B)"
    width, height, rows = _png_pixels(data)
    assert (width, height) == (800, 500)
    pixels = {row[i : i + 3] for row in rows for i in range(0, len(row), 3)}
    assert len(pixels) > 50, "the screenshot is (nearly) blank"
    # the LOC marks are drawn with the first highlight colour, #ffe08a
    assert bytes((0xFF, 0xE0, 0x8A)) in pixels, "no highlighted entity visible in the screenshot"

    dom = _run_chromium(exe, tmp_path / "profile", "--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    html_dom = dom.stdout
    assert 'class="tex2jax_ignore"' in html_dom
    assert html_dom.count("<mark") == len(doc.entities)
    assert "$5 million" in html_dom and "&lt;script&gt;" in html_dom
    assert "<title>newsprep</title>" in html_dom, "escaped script text ran"
    assert html_dom.count("<script") == 0
    assert "<s>Menu | Local | Weather | Log in</s>" in html_dom
