"""Boilerplate removal: behaviour on pages written for the tests, the seeds, offsets, batches, bad input."""

from __future__ import annotations

import json
import os
import pickle
import re

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from conftest import load_module, shared_path
from newsprep import Cleaner

ARTICLE = [
    "Storm closes harbour as ferries stay in port for a second day",
    "Ferries between the islands stayed in port on Tuesday as gusts of up to 110 km/h swept the coast, "
    "the harbour authority said, and forecasters warned the storm would not ease before Thursday.",
    "About 3,000 passengers were affected. Some slept in the terminal, where volunteers handed out "
    "blankets and hot drinks through the night, according to the local council.",
    "“We have never closed for this long in November,” said the harbour master, Ana Lima, who has run the "
    "port for eleven years. Repairs to the north pier will start once the wind drops.",
]
CHROME_TOP = ["Skip to content", "Menu", "Home | News | Weather | Sport", "Log in", "Subscribe"]
CHROME_BOTTOM = [
    "Related Stories",
    "  • Ten things to pack for a ferry trip",
    "Comments (4)",
    "Download the app",
]


def page(sep: str = "\n") -> str:
    return sep.join(CHROME_TOP + ARTICLE + CHROME_BOTTOM) + sep


def test_keeps_the_article_and_headline_and_drops_chrome() -> None:
    assert newsprep.clean(page()) == "\n".join(ARTICLE) + "\n"


@pytest.mark.parametrize("sep", ["\r\n", "\r"])
def test_crlf_and_lone_cr_line_ends_are_kept(sep: str) -> None:
    assert newsprep.clean(page(sep)) == sep.join(ARTICLE) + sep


def test_explain_accounts_for_every_line_with_reasons() -> None:
    text = page()
    records = Cleaner().explain(text)
    assert len(records) == len(text.splitlines())
    for r in records:
        assert text[r.start : r.end] == r.text
        assert r.reason in Cleaner.rule_ids()
        assert 0.0 <= r.score <= 1.0
    kept = [r.text for r in records if r.kept]
    assert kept == ARTICLE
    reasons = {r.text: r.reason for r in records}
    assert reasons["Comments (4)"] in {"counter", "terminator-tail"}
    assert reasons["Related Stories"] == "terminator-tail"
    html = records._repr_html_()
    assert "tex2jax_ignore" in html and "line-through" in html


def test_keep_title_false_drops_the_headline() -> None:
    assert newsprep.Cleaner(keep_title=False).clean(page()) == "\n".join(ARTICLE[1:]) + "\n"


def test_extra_phrases_and_disable() -> None:
    text = "\n".join(ARTICLE[1:] + ["Listen to this story"] + ARTICLE[1:2])
    cleaned = Cleaner(extra_phrases=["listen to this story"]).clean(text)
    assert "Listen to this story" not in cleaned
    assert Cleaner(disable=["phrase"]).config["disable"] == ["phrase"]
    with pytest.raises(ValueError, match="no-such-rule"):
        Cleaner(disable=["no-such-rule"])
    with pytest.raises(TypeError):
        Cleaner(extra_phrases="one string")  # type: ignore[arg-type]


def test_phrases_match_whole_words_only() -> None:
    # "werbung" (advertising) is a chrome phrase, but it was found inside "Bewerbungen" (applications),
    # so a German headline went as "phrase"; the same for "sign in" inside "design in"
    reasons = {r.text: r.reason for r in Cleaner().explain("Werbung\n39 Bewerbungen für neue Projekte\n")}
    assert reasons["Werbung"] == "phrase"
    assert reasons["39 Bewerbungen für neue Projekte"] != "phrase"
    # the user's own phrases follow the same rule; run-together menu items and a plural still count
    c = Cleaner(extra_phrases=["sign in"], extra_terminators=["see more"])
    text = "A design in glass\nHomeSign in\nSign ins\nOversee more sites\n"
    got = {r.text: r.reason for r in c.explain(text)}
    assert got["A design in glass"] != "phrase" and got["Oversee more sites"] != "terminator-tail"
    assert got["HomeSign in"] == "phrase" and got["Sign ins"] == "phrase"


def test_all_chrome_page_gives_empty_text_with_every_line_explained() -> None:
    text = "\n".join(CHROME_TOP + CHROME_BOTTOM)
    assert newsprep.clean(text) == ""
    records = Cleaner().explain(text)
    assert len(records) == len(CHROME_TOP + CHROME_BOTTOM) and not any(r.kept for r in records)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n", "x", "🚀", "a\u2028b"])
def test_odd_inputs_never_raise(text: str) -> None:
    out = newsprep.clean(text)
    assert isinstance(out, str)
    assert Cleaner().explain(text) is not None


def test_a_50_mb_single_line() -> None:
    text = "word " * 10_000_000
    out = newsprep.clean(text)
    assert out in ("", text)
    assert len(Cleaner().explain(text)) == 1


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_non_str_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        newsprep.clean(bad)  # type: ignore[arg-type]


def test_corpus_mode_learns_site_lines_but_not_bylines() -> None:
    topics = ["roads", "schools", "parks", "housing", "water", "buses"]
    pages = []
    for topic in topics:
        body = [
            f"Council approves {topic} budget after a long debate in the chamber",
            f"The council approved the {topic} budget on Monday after a debate that lasted into the evening, "
            "with members split over spending across the district.",
            "By Ana Lima",
            "Our newsletter brings the day's stories to your inbox every morning, free of charge.",
        ]
        pages.append("\n".join(body))
    sites = ["example.org"] * 6
    plain = Cleaner().clean_many(pages)
    fitted = Cleaner().clean_many(pages, sites=sites)
    assert any("newsletter" in p for p in plain)
    assert not any("newsletter" in p for p in fitted)
    c = Cleaner().fit(pages, sites)
    assert c.n_sites == 1 and "<fitted on 1 sites>" in repr(c)
    r = pickle.loads(pickle.dumps(c))
    assert r.n_sites == 1 and r.clean(pages[0], site="example.org") == fitted[0]
    reasons = {x.text: x.reason for x in c.explain(pages[0], site="example.org")}
    assert reasons[pages[0].splitlines()[3]] == "site-repeat"
    assert reasons["By Ana Lima"] != "site-repeat"  # bylines are not learned away
    with pytest.raises(ValueError, match="one site per text"):
        Cleaner().clean_many(pages, sites=sites[:2])


def test_clean_many_kinds_and_missing() -> None:
    pd = pytest.importorskip("pandas")
    c = Cleaner()
    texts = [page(), None, float("nan"), ""]
    expected = [c.clean(page()), None, None, ""]
    assert c.clean_many(texts) == expected
    assert c.clean_many(texts, n_threads=1) == expected
    s = pd.Series(texts, index=list("abcd"))
    out = c.clean_many(s)
    assert list(out.index) == list("abcd") and pd.isna(out["b"]) and out["a"] == expected[0]
    assert out.dtype == s.dtype  # a string Series stays one (pandas 3 infers str): missing is its NA


def test_repr_and_pickle() -> None:
    c = Cleaner(keep_title=False, extra_phrases=["listen now"], disable=["short-nav"])
    assert repr(c) == 'Cleaner(keep_title=False, extra_phrases=["listen now"], disable=["short-nav"])'
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        r = loads(dumps(c))
        assert type(r) is Cleaner and r.config == c.config and r.clean(page()) == c.clean(page())


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ab é🚀\n\r\u2028|", max_size=60))
def test_explanations_pickle(text: str) -> None:
    """explain()'s result pickled: the same records (it once raised on its private line table)."""
    ex = Cleaner().explain("Home | News\n" + text + "\nThe council met on Tuesday to vote on the budget.")
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        back = loads(dumps(ex))
        assert type(back) is type(ex) and back == ex and list(back) == list(ex)
        assert back.removed == ex.removed and back.kept == ex.kept


def test_a_damaged_explanation_pickle_is_a_serialization_error() -> None:
    from newsprep import _core

    with pytest.raises(newsprep.SerializationError, match="not a saved explanation"):
        _core._LineTable._from_bytes(b"NPEX\x01" + b"\x00" * 3)


# ---------------------------------------------------------------- properties

LINES = st.sampled_from(
    ARTICLE + CHROME_TOP + CHROME_BOTTOM + ["", " ", "3 comments", "İstanbul 🚀", "a | b | c"]
)
PAGES = st.tuples(st.lists(LINES, max_size=15), st.sampled_from(["\n", "\r\n", "\r"])).map(
    lambda p: p[1].join(p[0])
)


@settings(max_examples=150, deadline=None)
@given(PAGES)
def test_properties(text: str) -> None:
    c = Cleaner()
    out = c.clean(text)
    assert c.clean(out) == out  # idempotent
    lines = set(text.splitlines())
    assert all(line in lines for line in out.splitlines())  # every kept line is a line of the input
    records = c.explain(text)
    pieces = re.split(r"\r\n|\r|\n", text)
    if len(pieces) > 1 and pieces[-1] == "":
        pieces.pop()  # a final line end does not open another line
    assert [r.text for r in records] == (pieces if text else [])
    for r in records:
        assert text[r.start : r.end] == r.text


SEPARATORS = st.sampled_from(["\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1e", "\n\n"])
MIXED_PAGES = st.lists(st.tuples(LINES, SEPARATORS), max_size=24).map(lambda p: "".join(a + b for a, b in p))


@settings(max_examples=300, deadline=None)
@given(MIXED_PAGES)
def test_line_ends_are_the_inputs_own_and_cleaning_is_idempotent(text: str) -> None:
    c = Cleaner()
    out = c.clean(text)
    assert c.clean(out) == out
    records = c.explain(text)
    assert [r.text for r in records] == text.splitlines()  # str.splitlines' line boundaries
    with_ends = text.splitlines(keepends=True)
    kept = [line for line, r in zip(with_ends, records, strict=True) if r.kept]
    assert out.splitlines(keepends=True) == kept  # clean and explain agree, line ends untouched


def test_issue_12_reproducers() -> None:
    text = "N)\n)\n)\n)\n)\n)\n)\n)\n)\n)\n)"
    assert newsprep.clean(newsprep.clean(text)) == newsprep.clean(text)
    body = "\n".join(ARTICLE[1:])
    for sep in ["\u2028", "\x85", "\x0c", "\x0b", "\u2029"]:
        page_ = sep.join(CHROME_TOP + ARTICLE + CHROME_BOTTOM)
        assert newsprep.clean(page_) == sep.join(ARTICLE) + sep, repr(sep)
    cr = ARTICLE[1] + "\rShare\n\n" + body + "\n"
    out = newsprep.clean(cr)
    assert "\r\n" not in out
    assert out.splitlines(keepends=True) == [
        line for line, r in zip(cr.splitlines(keepends=True), Cleaner().explain(cr), strict=True) if r.kept
    ]


def test_explain_of_many_blank_lines_is_compact() -> None:
    text = "\n" * 1_000_000
    ex = Cleaner().explain(text)
    assert len(ex) == 1_000_000 and ex[-1].reason == "blank" and not ex.kept
    assert newsprep.clean(text) == ""


# ---------------------------------------------------------------- shared data


@pytest.mark.parametrize("name", ["bennett-putin-mediation", "zelensky-netanyahu-call"])
def test_seed_pages_clean_to_exactly_their_article(name: str) -> None:
    seeds = shared_path("data", "seeds")
    text = (seeds / f"{name}.txt").read_text(encoding="utf-8")
    expected = (seeds / f"{name}.expected.txt").read_text(encoding="utf-8")
    assert newsprep.clean(text).strip() == expected.strip()


def test_dev_sets_token_f1() -> None:
    """The benchmark's own metric (4-gram token shingles) on both dev sets, as ../shared/eval computes it."""
    import sys

    sys.path.insert(0, str(shared_path("eval")))
    try:
        import eval_boilerplate as ev
    finally:
        sys.path.pop(0)
    floors = {"aeb": 0.90, "l3s": 0.92}
    for name, floor in floors.items():
        path = shared_path("data", "boilerplate", f"{name}.dev.text.jsonl")
        recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        preds = newsprep.Cleaner().clean_many([r["page_text"] for r in recs])
        counts = [ev.shingle_counts(r["gold_text"], p) for r, p in zip(recs, preds, strict=True)]
        f1 = ev.aeb_prf(counts)[2]
        assert f1 >= floor, (name, f1)


# ---------------------------------------------------------------- options, patterns, explanation


def test_patterns_remove_matching_lines_with_their_own_reason() -> None:
    caption = "Photo: ferries moored in the harbour on Tuesday, as the storm kept every boat in port."
    text = "\n".join([*ARTICLE[:2], caption, *ARTICLE[2:], "© 2024 Example Media Group"])
    c = Cleaner(patterns=[r"^Photo: ", r"^© \d{4} "])
    assert c.clean(text) == "\n".join(ARTICLE) + "\n"
    reasons = {r.text: r.reason for r in c.explain(text)}
    assert reasons[caption] == "pattern" and reasons["© 2024 Example Media Group"] == "pattern"
    assert "pattern" in Cleaner.rule_ids()
    assert c.config["patterns"] == [r"^Photo: ", r"^© \d{4} "]
    assert "patterns=" in repr(c)
    r = pickle.loads(pickle.dumps(c))
    assert r.config == c.config and r.clean(text) == c.clean(text)


@pytest.mark.parametrize("bad", ["(unclosed", "x*", ""])
def test_a_bad_pattern_is_a_rule_error_naming_it(bad: str) -> None:
    with pytest.raises(newsprep.RuleError) as err:
        Cleaner(patterns=[bad])
    assert f'pattern "{bad}"' in str(err.value)


def test_options_read_back_as_given_and_bad_numbers_are_config_errors() -> None:
    c = Cleaner(site_min_share=0.1, site_min_pages=4)
    assert c.config["site_min_share"] == 0.1 and repr(c).endswith("site_min_pages=4, site_min_share=0.1)")
    for kwargs in ({"site_min_pages": -1}, {"site_min_pages": 1}, {"site_min_share": 1.5}):
        with pytest.raises(newsprep.ConfigError):
            Cleaner(**kwargs)


def test_private_state_is_not_in_the_public_signature() -> None:
    import inspect

    params = inspect.signature(Cleaner).parameters
    assert "_sites" not in params and "patterns" in params


def test_explanation_is_a_read_only_list_of_records() -> None:
    text = page()
    ex = Cleaner().explain(text)
    records = list(ex)
    assert ex == records and records == list(ex[:]) and ex[-1] == records[-1]
    assert ex[2:4] == records[2:4] and len(ex) == len(records)
    with pytest.raises(IndexError):
        ex[len(ex)]
    assert [r.text for r in ex.kept] == ARTICLE
    assert all(not r.kept and r.text.strip() for r in ex.removed)
    frame = ex.to_frame()
    assert list(frame.columns) == list(newsprep.LineRecord._fields)
    assert list(frame.itertuples(index=False, name=None)) == [tuple(r) for r in records]
    assert "more" in repr(ex)


def test_compiled_models_are_what_the_training_script_writes() -> None:
    """src/boilerplate/model.rs and headline_model.rs are generated: retraining gives them byte for byte."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    shared_path("data", "boilerplate", "aeb.dev.text.jsonl")
    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "train_boilerplate.py"
    if not script.exists() or shutil.which("cargo") is None:
        pytest.skip("needs the source tree and cargo")
    env = {**os.environ, "NEWSPREP_SHARED": str(shared_path())}
    for extra in ([], ["--headline"]):  # the line model, then the headline model
        cmd = [sys.executable, str(script), "--check", *extra]
        run = subprocess.run(cmd, capture_output=True, text=True, env=env)
        assert run.returncode == 0, run.stderr[-2000:]


def test_text_headlines_on_the_aeb_silver_set() -> None:
    """The AEB silver headlines (scripts/train_boilerplate.py's aeb_silver, from each page's HTML
    metadata) are found in the page text, and the text headline matches most of them."""
    from pathlib import Path

    data = shared_path("data", "boilerplate")
    shared_path("data", "boilerplate", "aeb.dev.html.jsonl")
    tb = load_module(Path(__file__).resolve().parents[2] / "scripts" / "train_boilerplate.py")
    tb.DATA = str(data)
    pages = tb.aeb_silver()
    assert 80 <= len(pages) <= 91
    c = Cleaner()
    hits = 0
    for _, _, silver, rec in pages:
        lines = rec["page_text"].split("\n")
        assert any(tb.title_f1(line, silver) >= 0.8 for line in lines), silver
        hits += tb.title_f1(c.article(rec["page_text"]).title, silver) >= 0.8
    assert hits >= 0.74 * len(pages), (hits, len(pages))


def test_article_parts_from_text() -> None:
    text = "\n".join(
        [*CHROME_TOP, ARTICLE[0], "By Ana Lima", "November 12, 2024", *ARTICLE[1:], *CHROME_BOTTOM]
    )
    a = Cleaner()._article(text)
    assert a["title"] == ARTICLE[0] and a["byline"] == "Ana Lima" and a["date"] == "2024-11-12"
    assert a["text"] == newsprep.clean(text) and a["url"] is None
    reasons = {r.text: r.reason for r in Cleaner().explain(text)}
    assert reasons["By Ana Lima"] == "byline" and reasons["November 12, 2024"] in {"dateline", "article"}
    assert {"byline", "dateline"} <= set(Cleaner.rule_ids(disableable=True))


def test_non_ascii_text_reaches_the_core_intact() -> None:
    # The bindings encode non-ASCII strs to UTF-8 themselves, 16 or 32 code points at a time:
    # a non-ASCII char at every position of a few blocks comes back as it went in.
    line = "Rain fell in Faro on Monday and the roads to the coast were closed by noon."
    c = Cleaner()
    for ch in ["é", "•", "😀", "\x7f", "\xa0", "\x80", "\u07ff", "\u0800", "\uffff", "\U0010ffff"]:
        for at in range(len(line) + 1):
            a = line[:at] + ch + line[at:]
            text = f"Home | News\n{a}\n{a} It rained again.\n"
            out = c.clean(text)
            assert out == f"{a}\n{a} It rained again.\n"
            assert newsprep.clean(text) == out
            assert c.clean_many([text]) == [out]


def test_lone_surrogates_are_a_value_error_short_and_long() -> None:
    for text in ["bad \ud800 text", "é" * (1 << 20) + "\ud800"]:
        with pytest.raises(ValueError, match="surrogates"):
            newsprep.clean(text)


def test_a_tiny_page_keeps_its_sentence() -> None:
    # the first thing a new user tries: two menu words and one sentence gave '' (every line scored under
    # the article threshold's floor, so there was no article at all, and the sentence went without a word)
    sentence = "The minister said on Tuesday that the budget would be cut by 5 percent next year."
    page = f"Home\nNews\n{sentence}"
    assert Cleaner().clean(page) == sentence
    assert [r.kept for r in Cleaner().explain(page)] == [False, False, True]
    assert Cleaner().clean(Cleaner().clean(page)) == sentence  # still a fixed point
    # a page without a sentence on it still has no article
    assert Cleaner().clean("Home\nNews\nSport\nWeather") == ""
