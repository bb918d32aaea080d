"""The README's quick start runs as written and prints what the README says it prints."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def _block_after(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split(heading, 1)[1]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_quick_start_runs_and_its_comments_are_true() -> None:
    code = _block_after("## Quick start")
    ns: dict = {}
    exec(compile(code, "README quick start", "exec"), ns)
    article, newsprep, countries = ns["article"], ns["newsprep"], ns["countries"]
    assert article.startswith("Ceasefire talks resume in Geneva\nEnvoys met at 9 a.m.")
    assert "Skip to content" not in article and "Related Stories" not in article
    assert newsprep.sentences(article) == [
        "Ceasefire talks resume in Geneva",
        "Envoys met at 9 a.m. on Nov. 7 in the U.S. mission.",
        '"We have a text," one said.',
        "Talks continue.",
        "Israeli and Ukrainian officials joined by video from Kyiv.",
    ]
    assert [(m.text, m.id, m.label) for m in countries.find(article)] == [
        ("U.S.", "US", "COUNTRY"),
        ("Israeli", "IL", "DEMONYM"),
        ("Ukrainian", "UA", "DEMONYM"),
        ("Kyiv", "UA", "CAPITAL"),
    ]


def test_entity_example_is_true() -> None:
    import newsprep

    matcher = newsprep.EntityMatcher.from_records(
        [
            {"id": "Q3874799", "label": "PER", "names": ["Volodymyr Zelensky", "Zelensky", "Zelenskyy"]},
            {"id": "Q43723", "label": "PER", "names": ["Benjamin Netanyahu", "Netanyahu"]},
            {"id": "Q174", "label": "LOC", "names": ["São Paulo"]},
        ],
        fold_accents=True,
    )
    text = "Netanyahu’s call with ZELENSKYY; later in Sao Paulo."
    assert [(m.start, m.end, m.text, m.id) for m in matcher.find(text)] == [
        (0, 9, "Netanyahu", "Q43723"),
        (22, 31, "ZELENSKYY", "Q3874799"),
        (42, 51, "Sao Paulo", "Q174"),
    ]
    assert "(0, 9, 'Netanyahu', 'Q43723')" in README.read_text(encoding="utf-8")


def test_html_example_runs_and_its_comments_are_true() -> None:
    code = _block_after("## Article extraction from HTML")
    ns: dict = {}
    exec(compile(code, "README HTML example", "exec"), ns)
    a, html, extractor = ns["a"], ns["html"], ns["Extractor"]
    assert ns["text"].startswith("Port strike ends after three days\n")
    assert (a.title, a.byline, a.date, a.url, a.site_name, a.language) == (
        "Port strike ends after three days",
        "Ana Lima",
        "2024-03-05T09:30:00Z",
        "https://example.com/news/port-strike-ends",
        "The Harbour Post",
        "en",
    )
    assert [(r.reason, r.text) for r in extractor().explain(html) if not r.kept] == [
        ("low-score", "Home News Sport"),
        ("byline", "By Ana Lima"),
        ("dateline", "5 March 2024"),
        ("phrase", "Share on Facebook Share on X Email"),
        ("phrase", "Most read"),
        ("low-score", "  • Storm closes three ports"),
        ("phrase", "© 2024 The Harbour Post. All rights reserved."),
    ]
