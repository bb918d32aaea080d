"""Writes ``v2.bin``: a matcher saved by the Python bindings in format version 2, the core's own form.

Run from the repository root with newsprep installed (any version that writes format 2):

    python tests/data/entities/make_v2_fixture.py

The Rust test ``entities::tests::python_and_rust_write_the_same_bytes`` builds the same matcher with
``MatcherBuilder`` and checks that ``to_bytes`` gives these bytes exactly, and the Python tests check
that ``save`` does: a file saved by either language loads in the other. The names are made up.
"""

from __future__ import annotations

from pathlib import Path

import newsprep

RECORDS = [
    {"id": "acme", "label": "ORG", "names": ["Acme Widgets", "ACW"]},
    {"id": "vel", "label": "LOC", "names": ["Vélmora"], "case_sensitive": True},
    {"id": "tarn", "label": "LOC", "names": ["Tarn", "Of"]},
    {"id": "nx", "names": ["Nexlo", "NXL"], "case_sensitive": False},
]
OPTIONS = {
    "fold_accents": True,
    "min_length": 2,
    "stop_names": ["of"],
    "exact_case_names": ["Tarn"],
}


def main() -> None:
    m = newsprep.EntityMatcher.from_records(RECORDS, **OPTIONS)
    m.save(Path(__file__).resolve().parent / "v2.bin")


if __name__ == "__main__":
    main()
