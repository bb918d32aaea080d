"""``newsprep demo``: every capability on the bundled example page (:func:`newsprep.example_page`)."""

from __future__ import annotations

import sys
from typing import IO

import newsprep

__all__ = ["demo"]


def demo(out: IO[str] = sys.stdout) -> int:
    """Runs every capability on the bundled example page and prints what each found; returns 0."""
    page = newsprep.example_page()
    print(
        f"newsprep {newsprep.__version__}: demo on the bundled example page ({len(page)} chars)\n", file=out
    )
    cleaner = newsprep.Cleaner()
    print("== Boilerplate removal: lines removed, and why ==", file=out)
    for rec in cleaner.removed(page):
        print(f"  - [{rec.reason}] {rec.text}", file=out)
    text = cleaner.clean(page)
    print(file=out)
    print("== Sentences ==", file=out)
    for i, (s, e) in enumerate(newsprep.sentence_spans(text), 1):
        print(f"  {i:2d} [{s}:{e}] {text[s:e]}", file=out)
    print("\n== Entities (default country gazetteer) ==", file=out)
    for m in newsprep.gazetteers.countries().find(text):
        print(f"  [{m.start}:{m.end}] {m.text!r} -> {m.id} ({m.label})", file=out)
    return 0
