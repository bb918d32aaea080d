"""HTML in, article out: newsprep.extract, Extractor, Article (issue 8).

The pages in tests/data/html are written for these tests in the shapes news sites use (menus, breadcrumbs,
share tools, captions, related boxes, comment sections, paywall teasers, JSON-LD, live blogs, layout tables).
"""

import json
import pickle
import warnings
from pathlib import Path
from typing import Any

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from conftest import shared_pages
from newsprep import Article, Extractor, Pipeline, extract

PAGES = Path(__file__).resolve().parents[1] / "data" / "html"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


def lines(text: str) -> list[str]:
    return [ln for ln in text.split("\n") if ln.strip()]


# ---------------------------------------------------------------- article shapes


def test_related_boxes_comments_captions_and_chrome_go():
    text = extract(page("related_and_comments.html"))
    got = lines(text)
    assert got[0] == "Harbour town votes to rebuild its sea wall"
    for kept in [
        "Residents of Porthwen voted by a wide margin",
        "The new wall will be two metres higher",
        '"We have argued about this for long enough,"',
        "Work is due to start in the autumn",
        "Opponents, who wanted a cheaper repair",
    ]:
        assert any(ln.startswith(kept) for ln in got), kept
    for gone in [
        "Home",
        "Search",
        "Share on Facebook",
        "Related stories",
        "Ferry timetable",
        "About time too",
        "Comments (2)",
        "All rights reserved",
        "We use cookies",
        "not text",
        "Tags:",
    ]:
        assert not any(gone in ln for ln in got), gone


def test_article_fields_from_markup():
    a = Extractor().article(page("related_and_comments.html"), url="https://mirror.example/x")
    assert a.title == "Harbour town votes to rebuild its sea wall"
    assert a.byline == "Mara Lindqvist"
    assert a.date == "2024-03-05T09:30:00Z"
    assert a.url == "https://courier.example/news/sea-wall-vote"  # canonical beats the given URL
    assert a.site_name == "The Coastal Courier"
    assert a.language == "en-GB"
    assert a.text == extract(page("related_and_comments.html"))


def test_article_url_is_absolute():
    # a relative canonical was returned as is ("/news/port"): not a URL anyone can open
    body = "<body><article><h1>Port strike ends</h1><p>Dock workers returned to work.</p></article>"
    x = Extractor()
    for link, page_url, want in [
        (
            '<link rel="canonical" href="/news/port">',
            "https://ex.test/a/b?utm=1",
            "https://ex.test/news/port",
        ),
        ('<link rel="canonical" href="port.html">', "https://ex.test/a/b", "https://ex.test/a/port.html"),
        ('<link rel="canonical" href="//ex.test/news/port">', "http://ex.test/x", "http://ex.test/news/port"),
        ('<link rel="canonical" href="/news/port">', None, None),
        ('<link rel="canonical" href="javascript:void(0)">', "https://ex.test/x", "https://ex.test/x"),
        ('<link rel="canonical" href="{{canonical}}">', None, None),
        (
            '<link rel="canonical" href="/news/port"><meta property="og:url" content="https://ex.test/p">',
            None,
            "https://ex.test/p",
        ),
    ]:
        a = x.article(f"<html><head>{link}</head>{body}</html>", url=page_url)
        assert a.url == want, link


def test_article_byline_date_and_site_name_from_markup():
    # nytimes.com: the date's key is the itemprop, not the property; JSON-LD authors kept "By";
    # a URL as the site name; the agency after the writer's name is not part of the byline
    head = (
        '<meta property="article:published" itemprop="datePublished dateCreated"'
        ' content="2019-11-19T11:00:09Z">'
        '<meta property="og:site_name" content="https://www.example.in">'
        '<script type="application/ld+json">'
        '{"@type": "NewsArticle", "author": [{"name": "By TOM KRISHER, AP"}]}</script>'
    )
    body = "<body><p>Dock workers returned to work.</p></body>"
    a = Extractor().article(f"<html><head>{head}</head>{body}</html>")
    assert (a.date, a.byline, a.site_name) == ("2019-11-19T11:00:09Z", "TOM KRISHER", None)


def test_datelines_in_more_languages():
    # "2021年3月5日", "2021년 3월 5일", "5 марта 2021" were no date at all, from text or from HTML
    body = "月曜日に嵐が海岸を襲い、数千人が停電したと当局者が発表した。道路は閉鎖され、学校は休校となった。"
    for line, iso in [
        ("2021年3月5日（金）14時05分", "2021-03-05T14:05:00"),
        ("2021년 3월 5일 오후 3:05", "2021-03-05T15:05:00"),
        ("新华社北京2021年3月5日电", "2021-03-05"),
        # month names of more languages (Russian, Polish, Turkish, Swedish, Finnish, Greek ...)
        ("5 марта 2021 г., 10:32", "2021-03-05T10:32:00"),
        ("5 października 2021", "2021-10-05"),
        ("5 augusti 2021 kl. 10.32", "2021-08-05T10:32:00"),
        ("5 Μαρτίου 2021", "2021-03-05"),
        # year first (Hungarian), and dashes around an abbreviated month
        ("2021. március 5.", "2021-03-05"),
        ("5-Mar-2021 14:20", "2021-03-05T14:20:00"),
    ]:
        assert newsprep.Cleaner().article(f"ホーム\n嵐が海岸を襲う\n{line}\n{body}").date == iso
        html = (
            f"<html><body><article><h1>嵐が海岸を襲う</h1><p>{line}</p><p>{body}</p></article></body></html>"
        )
        assert Extractor().article(html).date == iso


def test_jsonld_fields_and_paywall_teaser():
    x = Extractor()
    a = x.article(page("jsonld_paywall.html"))
    assert a.title == "Stadtwerke senken die Strompreise"
    assert a.byline == "Jonas Brandt, Lea Vogt"
    assert a.date == "2024-02-12T06:00:00+01:00"
    assert a.site_name == "Nordkurier Beispiel"
    assert a.language == "de"
    got = lines(a.text)
    assert any(ln.startswith("Die Stadtwerke senken zum ersten April") for ln in got)
    assert any(ln.startswith("Die Gaspreise bleiben") for ln in got)
    gone_lines = [
        "Jetzt für 1 Euro testen",
        "Abonnieren",
        "Unser Newsletter",
        "Fernwärme wird teurer",
        "Impressum",
    ]
    for gone in gone_lines:
        assert not any(gone in ln for ln in got), gone


def test_live_blog_in_a_layout_table_keeps_entries_table_rows_and_lists():
    text = extract(page("liveblog_table_list.html"))
    got = lines(text)
    assert got[0] == "Election night: results as they come in"
    for kept in ["11:40 pm Turnout", "11:15 pm The first result", "Riverside\tGoverning party\t1,204"]:
        assert any(kept in ln for ln in got), kept
    assert any("Whether the governing party keeps" in ln for ln in got)
    for gone in ["Front page", "Advertisement", "Shop our election", "Copyright 2024"]:
        assert not any(gone in ln for ln in got), gone
    no_tables = Extractor(include_tables=False).extract(page("liveblog_table_list.html"))
    assert "Riverside\tGoverning party" not in no_tables


def test_include_comments_keeps_reader_comments():
    x = Extractor(include_comments=True)
    text = x.extract(page("related_and_comments.html"))
    assert "About time too" in text and "Three years of building work" in text
    assert "Post comment" not in text
    reasons = {r.reason for r in x.explain(page("related_and_comments.html")) if "About time" in r.text}
    assert reasons == {"comment"}


def test_small_pages_and_fragments():
    assert extract("<p>One short paragraph of a story that somebody scraped from a site.</p>").startswith(
        "One short paragraph"
    )
    body = "".join(
        f"<p>Paragraph {i} of the story says something about the harbour, the council and the vote.</p>"
        for i in range(5)
    )
    assert len(lines(extract(f"<html><body><h1>A headline for the story</h1>{body}</body></html>"))) == 6
    assert extract("") == ""
    assert extract("<html><body></body></html>") == ""


# ---------------------------------------------------------------- explain, page_text


def test_page_text_and_explain_account_for_every_line():
    x = Extractor()
    html = page("related_and_comments.html")
    pt = x.page_text(html)
    ex = x.explain(html)
    assert ex.page_text == pt
    assert [r.text for r in ex] == lines(pt)
    for r in ex:
        assert pt[r.start : r.end] == r.text
        assert r.reason in Extractor.rule_ids()
    assert set(Extractor.rule_ids()) == {
        *newsprep.Cleaner.rule_ids(),
        "comment",
        "caption",
        "author-bio",
        "table",
        "json-ld",
    }
    kept = "\n".join(r.text for r in ex if r.kept)
    assert lines(kept) == lines(x.extract(html))[: len(lines(kept))] or set(lines(kept)) == set(
        lines(x.extract(html))
    )
    assert any(r.kind == "li" and r.text.startswith("  • ") for r in ex)
    assert "<table" in ex._repr_html_()
    df = ex.to_frame()
    assert list(df.columns) == ["line", "start", "end", "text", "kept", "reason", "score", "kind", "path"]


def test_page_text_shape():
    pt = Extractor().page_text(
        "<div>Top <a href=x>link</a></div><h1>Head</h1><p>One <b>two</b>\n three.</p><p>A<br>B</p>"
        "<ul><li>x</li><li>y</li></ul><table><tr><td>a</td><td>b</td></tr></table><pre>p  q\nr</pre>"
        "<script>var x = '<p>no</p>';</script><p hidden>no</p>"
    )
    assert pt == "Top link\n\nHead\n\nOne two three.\n\nA\nB\n\n  • x\n  • y\n\na\tb\n\np  q\nr"


def test_a_line_break_in_a_table_cell_breaks_the_line():
    # a table-layout page (common on older news sites: 129 of the 335 L3S dev pages have a <br> in a cell)
    # had its headline and every paragraph of the cell run together into one line, as if the cells of a
    # data row: the cleaner could keep or drop them only as one
    html = (
        "<table><tr><td><a href=/>Home</a> | <a href=/news>News</a></td></tr><tr><td>"
        "<font size=5>Flood waters recede</font><br>Residents returned home on Sunday after flood waters "
        "receded across the valley, officials said.<br><br>The river peaked at 6 metres on Friday, the "
        "highest level in a decade.</td></tr></table>"
    )
    lines = Extractor().page_text(html).splitlines()
    assert [x for x in lines if x][1:] == [
        "Flood waters recede",
        "Residents returned home on Sunday after flood waters receded across the valley, officials said.",
        "The river peaked at 6 metres on Friday, the highest level in a decade.",
    ]
    assert Extractor().article(html).title == "Flood waters recede"
    # a data row's cells still make one line
    assert Extractor().page_text("<table><tr><td>Trawler</td><td>120</td></tr></table>") == "Trawler\t120"


def test_an_inline_element_styled_as_a_block_is_a_line():
    # <span style="display:block"> ran into the text after it ("Block spaninline"): a browser shows two lines
    x = Extractor()
    assert x.page_text('<span style="display:block">Caption</span><span>Credit</span>') == "Caption\n\nCredit"
    assert x.page_text('<p>One <span style="display: inline-block">two</span> three</p>') == "One two three"
    assert x.page_text('<p>A <span style="display:none">hidden</span>B</p>') == "A B"


# ---------------------------------------------------------------- bytes and charsets


def test_bytes_with_declared_charsets():
    html = page("jsonld_paywall.html")
    assert extract(html.encode("utf-8")) == extract(html)
    latin = html.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">').encode("cp1252")
    assert "Strombörse" in extract(latin) and "Ã" not in extract(latin)  # decoded right
    sjis = (
        '<html><head><meta charset="shift_jis"></head><body>'
        "<p>東京で大雨、交通機関に影響。気象庁は警戒を呼びかけた。</p></body></html>"
    )
    assert "東京で大雨" in extract(sjis.encode("shift_jis"))
    gbk = (
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        "<p>北京今天下雨，交通受到影响，气象台发布预警。</p>"
    )
    assert "北京今天下雨" in extract(gbk.encode("gbk"))
    undeclared = b"<p>Caf\xe9 owners say the \x93new rules\x94 will cost them dearly this summer.</p>"
    assert "Café owners" in extract(undeclared)


def test_bytes_that_are_not_the_utf8_they_declare():
    """Pages that say UTF-8 but are not (or only partly) come out readable, not full of U+FFFD."""
    story = "The caf\xe9 owners say the \x93new rules\x94 will cost them dearly this summer, and more."
    lying = b'<html><head><meta charset="utf-8"></head><body><p>' + story.encode("latin-1") + b"</p>"
    assert "The café owners say the “new rules” will cost" in extract(lying)
    # a UTF-8 template around text pasted from windows-1252, declared or not: both parts kept
    template = "<p>Zürich – Die Stadt plant „neue Regeln“ für Cafés.</p>".encode()
    for head in (b'<meta charset="utf-8">', b""):
        mixed = head + template + b"<p>" + story.encode("latin-1") + b"</p>"
        out = extract(mixed)
        assert "Zürich – Die Stadt plant „neue Regeln“" in out and "The café owners" in out, out
        assert "\ufffd" not in out


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bytes_without_a_bom(codec):
    # such bytes are valid UTF-8 with a NUL after (or before) each ASCII character: extract() returned the
    # page's markup as its text, the <title> tags as the Article's title, without a word
    html = page("jsonld_paywall.html")
    out = extract(html.encode(codec))
    assert out == extract(html) and "<" not in out
    assert Extractor().article(html.encode(codec)).title == Extractor().article(html).title


@pytest.mark.parametrize(
    "junk",
    [
        b"",
        b"\x00" * 100,
        bytes(range(256)) * 50,
        b"<" * 10_000,
        b"<p>unclosed <b><i>tags" * 1000,
        b"\xff\xfe<\x00p\x00>\x00h\x00i\x00",
        b"plain text, no markup at all. Just a sentence.",
        b"<p>nul \x00 inside</p>",
    ],
)
# text that is not HTML is the point here: the extractor says so (NewsprepWarning)
@pytest.mark.filterwarnings("ignore::newsprep.NewsprepWarning")
def test_bad_input_gives_a_result(junk):
    assert isinstance(extract(junk), str)
    assert isinstance(Extractor().article(junk), Article)


def test_bytes_that_are_no_page_are_refused_saying_what_they_are():
    # gzip-compressed bytes (an HTTP body read without decompressing) came back as mojibake, without a word
    import gzip
    import zlib

    page = b"<html><title>Storm</title><p>A storm closed three ports on Tuesday, officials said.</p></html>"
    for data, says in [
        (gzip.compress(page), "gzip-compressed .* gzip.decompress"),
        (zlib.compress(page), "zlib-compressed .* zlib.decompress"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n" + bytes(40), "a PNG image"),
    ]:
        with pytest.raises(newsprep.FormatError, match=f"extract\\(\\): the bytes are {says}"):
            extract(data)
        with pytest.raises(newsprep.FormatError, match=r"htmls\[1\]: the bytes are"):
            Extractor().extract_many([page, bytearray(data)])
    # text that merely begins with such letters is a page
    for text in [b"x" + page, b"PK" + page, b"%PDF" + page]:
        assert isinstance(extract(text), str)


def test_deep_and_large_pages():
    deep = "<div>" * 100_000 + "<p>deep text at the bottom of a very deep page, long enough to keep.</p>"
    assert isinstance(extract(deep), str)
    big = "<html><body>" + "<p>A line of the story that goes on and on about the harbour.</p>" * 200_000
    assert len(big) > 10_000_000
    assert isinstance(extract(big), str)


def test_a_tag_with_many_attributes_does_not_overflow_the_stack():
    # html5gum 0.9.0 read each double-quoted attribute value one call deeper: 50,000 in one tag crashed
    # the interpreter (SIGSEGV); worker threads, with smaller stacks, crashed with fewer (vendor/README.md).
    attrs = " ".join(f'data-a{i}="{i}"' for i in range(200_000))
    story = "The harbour reopened on Monday after a week of storms closed it to every ship. " * 3
    page = f"<html><body><div {attrs}><p>{story}</p></div></body></html>"
    assert "harbour reopened" in extract(page)
    both = Extractor().extract_many([page, page], n_threads=2)
    assert ["harbour reopened" in t for t in both] == [True, True]


def test_type_errors_name_the_fix():
    with pytest.raises(newsprep.InputTypeError, match="str or bytes"):
        extract(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Extractor().article(None)  # type: ignore[arg-type]


# ---------------------------------------------------------------- batches, pickling, repr


def test_extract_many_same_kind_and_missing():
    import pandas as pd

    html = page("related_and_comments.html")
    x = Extractor()
    out = x.extract_many([html, None, html.encode(), float("nan")], n_threads=2)
    assert out[0] == out[2] == extract(html) and out[1] is None and out[3] is None
    s = pd.Series([html, None], index=["a", "b"], name="html")
    res = x.extract_many(s)
    assert isinstance(res, pd.Series) and list(res.index) == ["a", "b"] and res.name == "html"
    assert res["a"] == extract(html)
    assert x.extract_many(iter([html])) == [extract(html)]


def test_articles_frame():
    import pandas as pd

    html = page("related_and_comments.html")
    s = pd.Series([html, None], index=[10, 20])
    df = Extractor().articles(s, urls=["https://u.example/1", None])
    assert list(df.columns) == ["title", "byline", "date", "text", "url", "site_name", "language"]
    assert list(df.index) == [10, 20]
    assert df.loc[10, "title"] == "Harbour town votes to rebuild its sea wall"
    assert df.loc[20, "title"] is None or pd.isna(df.loc[20, "title"])


def test_a_page_url_that_is_not_an_absolute_url_is_refused():
    # url="example.com/news/port" was returned as the article's url, against its promise (absolute
    # http(s) or None): the single call says what to give; in batches such a url gives no url
    body = "<html><body><article><h1>Port strike ends</h1><p>Dock workers returned to work.</p></article>"
    x = Extractor()
    for bad in ["example.com/news/port", "/news/port", "N/A"]:
        with pytest.raises(newsprep.ConfigError, match="absolute http"):
            x.article(body, url=bad)
    assert x.article(body, url="https://example.com/news/port").url == "https://example.com/news/port"
    assert x.article(body, url="").url is None  # an empty url is a missing one
    # a batch goes on without such a url, and says so once (it was silent)
    with pytest.warns(newsprep.NewsprepWarning, match=r"1 of 2 URLs .*urls\[0\] = \"example.com/news/port\""):
        frame = x.articles([body, body], urls=["example.com/news/port", "https://example.com/b"])
    assert [u if isinstance(u, str) else None for u in frame["url"]] == [None, "https://example.com/b"]
    for pipe in (Pipeline(extractor=x), Pipeline(extractor=x, splitter=_OwnSplitter())):  # one pass, staged
        with pytest.warns(newsprep.NewsprepWarning, match=r"1 of 1 URLs .*urls\[0\] = \"/news/port\""):
            docs = pipe.process([body, None], urls=["/news/port", None])
        assert docs[0] is not None and docs[0].article.url is None and docs[1] is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x.articles([body, body], urls=["https://example.com/a", None])  # nothing to say


class _OwnSplitter:
    """A splitter that is not newsprep's (the pipeline runs stage by stage)."""

    def spans(self, text: str, **_: Any) -> list:
        return []

    def spans_many(self, texts: Any, **_: Any) -> list:
        return [[] for _ in texts]


def test_urls_of_another_length_or_a_single_str_are_refused():
    # extract_many took urls= and dropped them unchecked: a list of the wrong length (URLs of
    # another batch) went unnoticed there while articles() refused it
    html = page("related_and_comments.html")
    x = Extractor()
    for f in (x.extract_many, x.articles):
        with pytest.raises(newsprep.ConfigError, match="urls has 1 entries but htmls has 2"):
            f([html, html], urls=["https://u.example/1"])
        with pytest.raises(newsprep.InputTypeError, match="not a single str"):
            f([html, html], urls="https://u.example/1")
    assert x.extract_many([html, html], urls=["https://u.example/1", None]) == [extract(html)] * 2


def test_pickle_and_repr():
    x = Extractor(include_comments=True, extra_phrases=["listen to this story"])
    for dumps, loads in [(pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)]:
        y = loads(dumps(x))
        assert type(y) is Extractor and y.config == x.config
    assert repr(x).startswith("Extractor(keep_title=True, include_comments=True")
    a = x.article(page("related_and_comments.html"))
    assert pickle.loads(pickle.dumps(a)) == a
    assert "Harbour town" in repr(a) and "chars" in repr(a)
    assert 'class="tex2jax_ignore"' in a._repr_html_()
    assert a.to_dict()["title"] == a.title


# ---------------------------------------------------------------- properties

TAGS = ["p", "div", "span", "b", "a", "li", "ul", "td", "tr", "table", "h1", "h2", "br", "script", "style"]
piece = st.one_of(
    st.sampled_from([f"<{t}>" for t in TAGS] + [f"</{t}>" for t in TAGS] + ["<!--", "-->", "&amp;", "<pre>"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)


@settings(max_examples=300, deadline=None)
@pytest.mark.filterwarnings("ignore::newsprep.NewsprepWarning")  # pieces without a tag are page text
@given(st.lists(piece, max_size=60))
def test_random_html_never_fails_and_output_lines_are_page_lines(parts):
    html = "".join(parts)
    x = Extractor()
    out = x.extract(html)
    page_lines = set(lines(x.page_text(html)))
    for ln in lines(out):
        assert ln in page_lines
    ex = x.explain(html)
    pt = ex.page_text
    assert all(pt[r.start : r.end] == r.text for r in ex)


def test_compiled_extractor_model_is_what_the_training_script_writes() -> None:
    """src/html/model.rs is generated: retraining on the dev pages must give it byte for byte."""
    import os
    import shutil
    import subprocess
    import sys

    from conftest import shared_path

    shared_path("data", "boilerplate", "l3s.dev.html.jsonl")
    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "train_extractor.py"
    if not script.exists() or shutil.which("cargo") is None:
        pytest.skip("needs the source tree and cargo")
    env = {**os.environ, "NEWSPREP_SHARED": str(shared_path())}
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr[-2000:] + run.stdout[-2000:]


def json_ld_page(body: str, visible: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry service resumes"}
    ld["articleBody"] = body
    return (
        "<html><head><title>Ferry service resumes | Harbour Post</title>"
        f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>{visible}</body></html>'
    )


FERRY = [f"The ferry crossed the bay on trip {i} and carried forty passengers." for i in range(12)]


def test_a_page_its_scripts_render_gives_the_story_from_json_ld():
    # the visible page is a menu and a footer: the story was the footer's line, without a word
    html = json_ld_page(
        "\n".join(FERRY), "<nav><a href=/>Home</a></nav><div id=app></div><footer>© Harbour Post</footer>"
    )
    a = Extractor().article(html)
    assert a.title == "Ferry service resumes"
    assert lines(a.text) == FERRY
    ex = Extractor().explain(html)
    assert not ex.kept and "json-ld" in Extractor.rule_ids()
    # a teaser over the story: its standfirst stays, the paragraph the body repeats goes as "json-ld"
    markup = "".join(f"<p>{p}</p>" for p in FERRY)
    lead = "The standfirst the data leaves out of the body."
    teaser = f"<h1>Ferry service resumes</h1><p>{lead}</p><p>{FERRY[0]}</p>"
    html = json_ld_page(markup, teaser)
    assert lines(extract(html)) == [
        "Ferry service resumes",
        "The standfirst the data leaves out of the body.",
        *FERRY,
    ]
    assert [r.text for r in Extractor().explain(html) if r.reason == "json-ld"] == [FERRY[0]]
    # off on request, and pickled so
    x = Extractor(disable=["json-ld"])
    assert FERRY[5] not in x.extract(html) and FERRY[5] not in pickle.loads(pickle.dumps(x)).extract(html)
    with pytest.raises(newsprep.RuleError, match="json-ld"):
        Extractor(disable=["jsonld"])


def test_captions_go_unless_asked_for():
    html = page("related_and_comments.html")
    caption = "Waves break over the old sea wall in January."
    assert caption not in extract(html)
    assert {r.reason for r in Extractor().explain(html) if caption in r.text} == {"caption"}
    x = Extractor(include_captions=True)
    assert caption in x.extract(html)
    assert "include_captions=True" in repr(x) and x.config["include_captions"] is True
    assert pickle.loads(pickle.dumps(x)).config == x.config


def test_cleaner_given_markup_warns_and_points_to_extract():
    import warnings

    html = page("related_and_comments.html")
    for call in (
        lambda: newsprep.clean(html),
        lambda: newsprep.Cleaner().clean(html),
        lambda: newsprep.Cleaner().explain(html),
        lambda: newsprep.Cleaner().article(html),
        lambda: newsprep.Cleaner().clean_many([None, html]),
        lambda: newsprep.Cleaner().clean_many([html], sites=["a"]),
        lambda: newsprep.Cleaner().explain_many([None, html]),
        lambda: newsprep.Cleaner().fit([html], sites=["a"]),
    ):
        with pytest.warns(newsprep.NewsprepWarning, match="extract"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        newsprep.clean("Rain fell in Faro on Monday; if a < b then b > a.\nRoads closed.")
        newsprep.Cleaner().clean_many(["Rain fell.", None])


def test_cleaner_given_hard_wrapped_prose_warns():
    # wire copy wrapped at 60 columns: the cleaner removed the wrapped fragments of its paragraphs
    # (31% of the characters of the Reuters dev articles) without a word
    import warnings

    para = (
        "Shippers were reluctant to offer nearby shipment and only\n"
        "limited sales were booked for March shipment at prices of\n"
        "about 1,750 dlrs per tonne to ports to be named, the trade\n"
        "said in its weekly review of the market on Friday.\n\n"
    )
    wire = "COCOA REVIEW\n" + para * 4
    for call in (
        lambda: newsprep.clean(wire),
        lambda: newsprep.Cleaner().clean_many([None, wire]),
        lambda: newsprep.Cleaner().explain(wire),
    ):
        with pytest.warns(newsprep.NewsprepWarning, match="hard-wrapped"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        newsprep.clean(newsprep.example_page())
        newsprep.clean(para.replace("\n", " ") * 4)


def test_extractor_given_page_text_warns_and_points_to_clean():
    # page text given to extract came back as one line (HTML ignores line breaks), without a word
    import warnings

    pd = pytest.importorskip("pandas")
    text = "Home | World\nStorm closes three ports\nBy Jane Doe\n" + "A storm closed three ports. " * 5
    x = Extractor()
    for call in (
        lambda: newsprep.extract(text),
        lambda: x.extract(text),
        lambda: x.article(text),
        lambda: x.explain(text),
        lambda: x.extract_many([None, text]),
        lambda: x.articles([text]),
        lambda: pd.Series([text]).newsprep.articles(),
        lambda: x.extract(text.encode()),
    ):
        with pytest.warns(newsprep.NewsprepWarning, match=r"newsprep.clean\(text\)"):
            call()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        x.extract(page("related_and_comments.html"))
        x.extract("<h1>Rain in Faro</h1>\n<p>Rain fell.</p>\n<p>Roads closed.</p>")
        x.extract("Rain fell in Faro on Monday; roads closed.")
        x.extract_many(["<p>Rain fell.</p>\n\n", None])


def test_extractor_given_a_news_feed_warns():
    # an RSS feed came back as one "article" of its items' summaries, titled with the feed's name
    rss = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!-- generated -->\n'
        '<rss version="2.0"><channel><title>Harbour Post</title>'
        "<item><title>Storm closes ports</title><description>A storm closed three ports on Tuesday."
        "</description><link>https://harbour.example/storm</link></item></channel></rss>"
    )
    atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Post</title><entry><title>Storm</title>'
    atom += "</entry></feed>"
    x = Extractor()
    for call in (lambda: x.extract(rss), lambda: x.article(rss.encode()), lambda: x.extract_many([atom])):
        with pytest.warns(newsprep.NewsprepWarning, match="news feed .* extract each item's linked page"):
            call()


def test_extractor_given_a_redirect_or_a_frameset_warns():
    # both came back as "" without a word: their articles are on other pages
    redirect = '<html><head><meta http-equiv="Refresh" content="0; URL=https://harbour.example/storm">'
    redirect += "</head><body></body></html>"
    frames = '<html><frameset cols="20%,80%"><frame src="nav.html"><frame src="storm.html"></frameset></html>'
    x = Extractor()
    for page, said in ((redirect, "a redirect"), (frames, "a frameset")):
        for call, arg in ((x.extract, page), (x.article, page.encode()), (x.extract_many, [page])):
            with pytest.warns(newsprep.NewsprepWarning, match=f"this page is {said}.* fetch and extract"):
                call(arg)
    # a page that reloads itself is an article page like any other
    reloads = '<html><head><meta http-equiv="refresh" content="300"></head><body><h1>Storm closes ports</h1>'
    reloads += "<p>A storm closed three ports on Tuesday and ferries stayed in harbour.</p></body></html>"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert "three ports" in x.extract(reloads)


def test_a_tiny_page_under_its_navigation_keeps_its_paragraph():
    # the menu scored highest and the edge trim removed it: only the headline came out
    page = "<html><body><nav>Home News</nav><h1>Rain</h1>"
    page += "<p>Rain fell in Faro on Monday and roads in France closed.</p></body></html>"
    assert Extractor().extract(page) == "Rain\n\nRain fell in Faro on Monday and roads in France closed.\n"


def test_keep_title_false_leaves_out_the_headline_only():
    # keep_title=False reached the text decision inside the extractor, which then also dropped the line
    # after its own headline guess (a byline, a caption, a sentence) on 18 of the 91 AEB dev pages
    with_title, without = Extractor(), Extractor(keep_title=False)
    for p in shared_pages("aeb", 12):
        e1, e0 = with_title.explain(p["html"]), without.explain(p["html"])
        assert [r.line for r in e1 if r.kept and r.reason != "title"] == [r.line for r in e0 if r.kept]
        assert [r.line for r in e1 if r.reason == "title"] == [r.line for r in e0 if r.reason == "title"]
        title = with_title.article(p["html"]).title
        text = with_title.extract(p["html"])
        if title and text.startswith(title + "\n"):
            assert without.extract(p["html"]) == text[len(title) :].lstrip("\n")


def test_no_tables_keeps_a_layout_table_of_prose():
    # include_tables=False removed every table row, so a page laid out in a table (common on older news
    # sites: 29 of the 426 dev pages lost article lines or the headline) lost its whole story
    html = """<html lang="en"><head><title>Harbour fees rise again | The Ledger</title></head><body>
<table><tr><td><a href="/">Home</a> <a href="/news">News</a></td></tr>
<tr><td><b>Harbour fees rise again</b></td></tr>
<tr><td>The port authority raised its fees for the third time this year on Monday, saying that repairs
to the north quay had cost more than planned.</td></tr>
<tr><td>Fishing crews said the rise would cost each boat several hundred euros a month, and their union
asked for a meeting with the authority.</td></tr>
<tr><td><table class="data"><tr><th>Vessel</th><th>Old fee</th><th>New fee</th></tr>
<tr><td>Trawler</td><td>120</td><td>150</td></tr><tr><td>Ferry</td><td>300</td><td>360</td></tr></table></td></tr>
<tr><td>The authority said the fees would be reviewed again in the autumn, when the work on the quay is
due to end.</td></tr></table></body></html>"""
    with_tables = Extractor().explain(html)
    without = Extractor(include_tables=False).explain(html)
    for a, b in zip(with_tables, without, strict=True):
        if "\t" in a.text and a.kept:
            assert (b.kept, b.reason) == (False, "table"), a.text
        else:
            assert (b.kept, b.reason) == (a.kept, a.reason), a.text
    assert sum(r.reason == "table" for r in without) == 3


def test_warnings_point_at_the_callers_line():
    # the warnings raised in Rust used a fixed stacklevel, which named the package's own wrapper
    # (_batch.py, _pipeline.py) as the place, and "once per location" then hid them for every caller
    body = "<html><body><article><h1>Port strike ends</h1><p>Dock workers returned to work.</p></article>"
    for call in (
        lambda: Extractor().articles([body], urls=["example.com/a"]),
        lambda: newsprep.clean("<html><body><p>Dock workers returned.</p></body></html>"),
        lambda: newsprep.Cleaner().clean_many(["<html><body><p>Dock workers returned.</p></body></html>"]),
        lambda: Pipeline(extractor=Extractor()).process([body], urls=["/a"]),
    ):
        with pytest.warns(newsprep.NewsprepWarning) as record:
            call()
        assert record[0].filename == __file__, record[0].filename


GERMAN = (
    "Der Stadtrat hat am Dienstag den neuen Haushalt beschlossen, der mehr Geld für die Schulen und die "
    "Straßen vorsieht. Die Bürgermeisterin sagte, es sei ein guter Tag für die Stadt, und die Opposition "
    "kündigte an, sich die Zahlen noch einmal genau anzusehen."
)


def test_language_is_read_from_the_text_when_the_page_does_not_say_it_or_says_it_wrongly():
    # page text had no language at all; a template's lang="en" on a German page was taken at its word
    assert newsprep.Cleaner().article(GERMAN).language == "de"
    assert newsprep.Cleaner().article("Rain.").language is None  # too little to tell
    body = f"<h1>Stadtrat beschließt Haushalt</h1><p>{GERMAN}</p>"
    for declared, want in [("en", "de"), ("de-AT", "de-AT"), ("ms", "ms"), (None, "de")]:
        attr = f' lang="{declared}"' if declared else ""
        assert Extractor().article(f"<html{attr}><body>{body}</body></html>").language == want, declared
