"""``newsprep extract`` and ``process`` on HTML: JSONL/CSV/Parquet columns, .html folders, WARC archives."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

import newsprep
from conftest import own_pages, shared_pages, write_warc
from newsprep import _cli


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pages() -> list[dict]:
    return own_pages(9)


def expected_article(page: dict, url: str | None = None) -> newsprep.Article:
    return newsprep.Extractor().article(page["html"], url)


def test_extract_jsonl_with_url_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]
) -> None:
    src = tmp_path / "pages.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for i, p in enumerate(pages):
            f.write(json.dumps({"id": i, "url": p["url"], "html": p["html"].decode()}) + "\n")
        f.write(json.dumps({"id": 99, "url": None, "html": None}) + "\n")
        f.write(json.dumps({"id": 100, "html": 5}) + "\n")
    out = tmp_path / "articles.jsonl"
    code, _, err = run(capsys, "extract", src, "-o", out)
    assert code == 1, err  # the record whose html is a number fails alone
    assert "pages.jsonl:11: field 'html' is int" in err
    assert "processed 10, failed 1 (11 lines read)" in err
    rows = read_jsonl(out)
    assert len(rows) == 10
    for row, p in zip(rows, pages, strict=False):
        a = expected_article(p, p["url"])
        assert "html" not in row
        assert {k: row[k] for k in ("title", "byline", "date", "text", "url")} == {
            "title": a.title,
            "byline": a.byline,
            "date": a.date,
            "text": a.text,
            "url": a.url,
        }
    assert rows[9]["text"] is None and rows[9]["id"] == 99
    # --keep-html keeps the column; --column names it.
    renamed = tmp_path / "renamed.jsonl"
    renamed.write_text(json.dumps({"page": pages[0]["html"].decode()}) + "\n")
    code, _, err = run(capsys, "extract", renamed, "-o", out, "--column", "page", "--keep-html")
    assert code == 0, err
    (row,) = read_jsonl(out)
    assert row["page"] == pages[0]["html"].decode() and row["title"] == expected_article(pages[0]).title


def test_extract_csv_and_parquet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]
) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "pages.csv"
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["link", "html"])
        for p in pages[:3]:
            w.writerow([p["url"], p["html"].decode()])
    out = tmp_path / "a.parquet"
    code, _, err = run(capsys, "extract", src, "-o", out, "--url-column", "links")
    assert code == 2 and "URL column 'links' not found (set it with --url-column)" in err
    code, _, err = run(capsys, "extract", src, "-o", out, "--url-column", "link")
    assert code == 0, err
    table = pq.read_table(out)
    assert table.column_names == ["link", "title", "byline", "date", "text", "url", "site_name", "language"]
    assert table.schema.field("text").type == pa.string()
    assert table.column("text").to_pylist() == [expected_article(p).text for p in pages[:3]]
    pq.write_table(
        table.select(["link"]).append_column("html", pa.array([p["html"] for p in pages[:3]])),
        src.with_suffix(".parquet"),
    )
    code, _, err = run(capsys, "extract", src.with_suffix(".parquet"), "-o", tmp_path / "b.jsonl")
    assert code == 0, err  # a binary column of HTML bytes
    assert [r["title"] for r in read_jsonl(tmp_path / "b.jsonl")] == [
        expected_article(p).title for p in pages[:3]
    ]


def test_extract_html_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]) -> None:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    for i, p in enumerate(pages[:4]):
        (folder / ("sub" if i % 2 else "") / f"page{i}.HTML").write_bytes(p["html"])
    (folder / "cp1252.htm").write_bytes(
        "<html><head><meta charset='windows-1252'></head><body><h1>Café crème à Paris</h1>"
        "<p>Le café « Chez Léon » a rouvert ses portes mardi, après six mois de travaux, et les habitués "
        "étaient déjà là à sept heures. Le patron a offert le premier café à tous.</p>"
        "<p>Les voisins ont salué la réouverture.</p></body></html>".encode("cp1252")
    )
    (folder / "sub" / "saved.xhtml").write_bytes(pages[4]["html"])
    # Files that are not pages are not read, and the run says which.
    (folder / "notes.md").write_text("to do")
    (folder / "sub" / "list.csv").write_text("a,b")
    out = tmp_path / "site.jsonl"
    code, _, err = run(capsys, "extract", folder, "-o", out)
    assert code == 0, err
    rows = read_jsonl(out)
    assert [r["file"] for r in rows] == [
        "cp1252.htm",
        "page0.HTML",
        "page2.HTML",
        "sub/page1.HTML",
        "sub/page3.HTML",
        "sub/saved.xhtml",
    ]
    assert rows[0]["text"].startswith("Café crème")
    assert rows[-1]["text"] == newsprep.extract(pages[4]["html"])
    assert "processed 6, failed 0 (6 files read)" in err
    assert f"{folder}: 2 files left out (not .html/.htm/.xhtml/.shtml pages): notes.md, sub/list.csv" in err
    code, _, err = run(capsys, "clean", folder, "-o", out)
    assert code == 2 and "HTML pages are read by newsprep extract" in err


def test_extract_warc_archives(tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    write_warc(crawl / "a.warc.gz", pages[:5])
    write_warc(crawl / "b.warc", pages[5:], gzip=False)
    (crawl / "notes.txt").write_text("ignored")
    out = tmp_path / "articles.jsonl"
    code, _, err = run(capsys, "extract", crawl, "-o", out, "--progress", "--threads", "2")
    assert code == 0, err
    rows = read_jsonl(out)
    assert sorted(r["warc_url"] for r in rows) == sorted(p["url"] for p in pages)
    by_url = {r["warc_url"]: r for r in rows}
    for p in pages:
        row, a = by_url[p["url"]], expected_article(p, p["url"])
        assert (row["title"], row["text"], row["date"]) == (a.title, a.text, a.date)
        assert row["warc_file"].endswith(("a.warc.gz", "b.warc"))
        assert row["record_id"].startswith("<urn:uuid:")
    assert "2 archives: 11 records read: 9 HTML, 9 articles, 2 skipped (record-type 2)" in err
    assert f"{crawl}: 1 file left out (not .warc/.warc.gz archives): notes.txt" in err
    # Several archives named at once, Parquet out; a damaged archive is read to its end.
    pq = pytest.importorskip("pyarrow.parquet")
    damaged = tmp_path / "damaged.warc.gz"
    data = (crawl / "a.warc.gz").read_bytes()
    damaged.write_bytes(data[: len(data) - 50])
    out = tmp_path / "articles.parquet"
    code, _, err = run(capsys, "extract", crawl / "b.warc", damaged, crawl / "b.warc", "-o", out)
    assert code == 0, err
    table = pq.read_table(out)
    assert table.num_rows == 8
    assert "title" in table.column_names and "warc_file" in table.column_names
    m = re.search(r"(\d+) records read: (\d+) HTML, (\d+) articles, (\d+) skipped \((.*)\)", err)
    assert m, err
    records, html, articles, skipped = map(int, m.groups()[:4])
    assert records == articles + skipped and articles == 8
    assert "truncated 1" in m.group(5)


def test_warc_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]) -> None:
    good = write_warc(tmp_path / "good.warc.gz", pages[:2])
    fake = tmp_path / "fake.warc.gz"
    fake.write_bytes(b"this is not an archive at all")
    out = tmp_path / "o.jsonl"
    code, _, err = run(capsys, "extract", good, fake, "-o", out)
    assert code == 1
    assert "fake.warc.gz: " in err and "not a WARC archive" in err
    assert "2 archives (1 could not be read)" in err
    assert len(read_jsonl(out)) == 2
    code, _, err = run(capsys, "sentences", good, "-o", out)
    assert code == 2 and "WARC archives are read by newsprep extract" in err
    jsonl = tmp_path / "x.jsonl"
    jsonl.write_text("{}\n")
    code, _, err = run(capsys, "extract", good, jsonl, "-o", out)
    assert code == 2 and "cannot be mixed" in err
    code, _, err = run(capsys, "extract", jsonl, jsonl, "-o", out)
    assert code == 2 and "several inputs" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "a.warc").mkdir()  # a folder named like an archive holds no archive
    code, _, err = run(capsys, "extract", empty, "-o", out, "--format", "warc")
    assert code == 2 and "no .warc or .warc.gz files" in err


def test_page_urls_that_cannot_be_used_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a url column value that is not a string, or not an absolute URL, gave the article no url
    # without a word; each is now reported, and the page is still extracted
    html = own_pages(1)[0]["html"].decode()
    rows = [
        {"html": html, "url": 7},
        {"html": html, "url": "example.com/news/a"},
        {"html": html, "url": "https://example.com/news/a"},
        {"html": html, "url": ""},
        {"html": html},
    ]
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    for command in ("extract", "process"):
        code, _, err = (
            run(capsys, command, src, "-o", out, "--html")
            if command == "process"
            else run(capsys, command, src, "-o", out)
        )
        assert code == 0, err
        assert "pages.jsonl:1: field 'url' is int, not a URL: not used as the page's URL" in err
        assert "pages.jsonl:2: field 'url' 'example.com/news/a' is not an absolute http(s) URL" in err
        assert not re.search(r"pages\.jsonl:[345]:", err), err
        assert "NewsprepWarning" not in err  # reported once, per record, not again by the library
        assert len(read_jsonl(out)) == 5


def test_table_options_with_warc_archives_are_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]
) -> None:
    # an archive's records give the page and its URL: options naming a table's columns would be
    # ignored without a word (the run went on with exit 0), so they are a usage error naming them
    good = write_warc(tmp_path / "good.warc.gz", pages[:2])
    out = tmp_path / "o.jsonl"
    for command, options in [
        ("extract", ["--url-column", "link"]),
        ("extract", ["--column", "body"]),
        ("extract", ["--keep-html"]),
        ("process", ["--url-column", "link"]),
    ]:
        code, _, err = run(capsys, command, good, "-o", out, *options)
        assert code == 2, (command, options, err)
        assert f"{options[0]} (" in err and "not for WARC archives" in err
        assert not out.exists()
    code, _, err = run(capsys, "extract", good, "-o", out)
    assert code == 0 and len(read_jsonl(out)) == 2


def test_process_html_and_warc(tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict]) -> None:
    archive = write_warc(tmp_path / "a.warc.gz", pages[:3])
    out = tmp_path / "docs.jsonl"
    code, _, err = run(capsys, "process", archive, "-o", out)
    assert code == 0, err
    rows = read_jsonl(out)
    pipe = newsprep.Pipeline(extractor=newsprep.Extractor(), matcher=newsprep.gazetteers.countries())
    for row, p in zip(rows, pages[:3], strict=True):
        a = expected_article(p, p["url"])
        doc = pipe(p["html"], url=p["url"])
        assert row["text"] == a.text and row["title"] == a.title
        assert row["clean_text"] == doc.clean_text == a.text
        assert [s["text"] for s in row["sentences"]] == [s.text for s in doc.sentences]
    assert "processed 3, failed 0 (3 articles read)" in err
    # process --html on a JSONL column
    src = tmp_path / "pages.jsonl"
    src.write_text(
        "".join(json.dumps({"html": p["html"].decode(), "url": p["url"]}) + "\n" for p in pages[:3])
    )
    code, _, err = run(capsys, "process", src, "--html", "-o", out)
    assert code == 0, err
    rows2 = read_jsonl(out)
    assert [r["clean_text"] for r in rows2] == [r["clean_text"] for r in rows]
    assert all("html" not in r for r in rows2)


def test_process_html_is_the_pipeline_with_an_extractor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # process --html and process on archives ran the text cleaner again on the extracted article: on
    # one of these real pages it removed 367 characters of the story (a quoted tweet's lines)
    pages = shared_pages("aeb", 8)
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps({"html": p["html"].decode(), "url": p["url"]}) + "\n" for p in pages))
    out = tmp_path / "docs.jsonl"
    code, _, err = run(capsys, "process", src, "--html", "-o", out)
    assert code == 0, err
    pipe = newsprep.Pipeline(extractor=newsprep.Extractor(), matcher=newsprep.gazetteers.countries())
    for row, p in zip(read_jsonl(out), pages, strict=True):
        doc = pipe(p["html"], url=p["url"])
        assert row["clean_text"] == row["text"] == doc.clean_text
        assert [s["text"] for s in row["sentences"]] == [s.text for s in doc.sentences]
        assert [m["text"] for m in row["entities"]] == [m.text for m in doc.entities]
        assert [x["text"] for x in row["removed"]] == [x.text for x in doc.removed]
    archive = write_warc(tmp_path / "a.warc.gz", pages)
    code, _, err = run(capsys, "process", archive, "-o", out)
    assert code == 0, err
    for row in read_jsonl(out):
        assert row["clean_text"] == row["text"]


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_input_fields_named_like_article_fields_are_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pages: list[dict], suffix: str
) -> None:
    # a scraper's url/title/text were replaced by the article's (the canonical URL, the headline)
    # without a word: the page's own URL was lost
    import pandas as pd

    recs = [
        {"id": i, "url": f"https://mirror.test/{i}", "title": f"scraped {i}", "html": p["html"].decode()}
        for i, p in enumerate(pages[:3])
    ]
    src = tmp_path / f"pages{suffix}"
    if suffix == ".jsonl":
        src.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf-8")
    elif suffix == ".csv":
        pd.DataFrame(recs).to_csv(src, index=False)
    else:
        pd.DataFrame(recs).to_parquet(src)
    out = tmp_path / "articles.jsonl"
    code, _, err = run(capsys, "extract", src, "-o", out)
    assert code == 0, err
    assert err.count("note: the command writes its own title, url") == 1, err
    rows = read_jsonl(out)
    assert list(rows[0])[:3] == ["id", "input_url", "input_title"]
    for row, rec, p in zip(rows, recs, pages, strict=False):
        assert (row["input_url"], row["input_title"]) == (rec["url"], rec["title"])
        a = expected_article(p, rec["url"])
        assert (row["url"], row["title"]) == (a.url, a.title)


def test_newsprep_warnings_are_reports_of_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A warning about the input (page text given to extract, markup given to clean) is printed as
    the command's other reports are, once, not as a Python warning pointing into the CLI's code."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for i in range(3):
        (folder / f"p{i}.html").write_text("A plain text file saved as a page.\nIts second line.\n")
    code, _, err = run(capsys, "extract", folder, "-o", tmp_path / "out.jsonl")
    assert code == 0, err
    assert err.count("newsprep extract: warning: this text looks like page text, not HTML") == 1, err
    assert "NewsprepWarning" not in err and ".py:" not in err
    src = tmp_path / "t.jsonl"
    markup = "<html><body><div><p>Markup given as text.</p></div></body></html>"
    src.write_text(json.dumps({"text": markup}) + "\n")
    code, _, err = run(capsys, "clean", src, "-o", tmp_path / "o.jsonl")
    assert code == 0, err
    assert "newsprep clean: warning: " in err and "NewsprepWarning" not in err, err
