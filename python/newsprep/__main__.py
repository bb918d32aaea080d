"""Command line entry point: ``python -m newsprep`` is the ``newsprep`` command (see :mod:`newsprep._cli`).

``python -m newsprep demo`` runs newsprep on a bundled example page.
"""

from __future__ import annotations

import sys
from importlib import resources

import newsprep


def example_page() -> str:
    """The bundled example: a news page as a scraper returns it, chrome included (written for newsprep)."""
    return resources.files("newsprep").joinpath("data/example_page.txt").read_text(encoding="utf-8")


def demo(out=sys.stdout) -> int:
    """Runs every capability on the bundled example page and prints what each found."""
    page = example_page()
    print(
        f"newsprep {newsprep.__version__}: demo on the bundled example page ({len(page)} chars)\n", file=out
    )
    text = page
    if hasattr(newsprep, "Cleaner"):
        cleaner = newsprep.Cleaner()
        print("== Boilerplate removal: lines removed, and why ==", file=out)
        for rec in cleaner.explain(page):
            if not rec.kept and rec.text.strip():
                print(f"  - [{rec.reason}] {rec.text}", file=out)
        text = cleaner.clean(page)
        print(file=out)
    print("== Sentences ==", file=out)
    for i, (s, e) in enumerate(newsprep.sentence_spans(text), 1):
        print(f"  {i:2d} [{s}:{e}] {text[s:e]}", file=out)
    if hasattr(newsprep, "gazetteers"):
        matcher = newsprep.gazetteers.countries()
        print("\n== Entities (default country gazetteer) ==", file=out)
        for m in matcher.find(text):
            print(f"  [{m.start}:{m.end}] {m.text!r} -> {m.id} ({m.label})", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    """The ``newsprep`` console command (``demo``, ``clean``, ``sentences``, ``entities``, ``process``).

    See :mod:`newsprep._cli` for the commands and their options.
    """
    from ._cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
