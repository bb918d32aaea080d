"""Writes the saved-matcher fixtures of format version 1 (the Python wrapper of newsprep 0.1 before the
core owned every option). Run once, with that version of newsprep installed, from the repository root:

    python tests/data/entities/make_v1_fixtures.py

It writes, beside this script:

* ``v1_python.bin``: ``EntityMatcher.save`` of the Python layer (the core bytes wrapped with the
  ``stop_names``/``exact_case_names`` lists);
* ``v1_core.bin``: the bare core bytes inside it (what Rust's ``EntityMatcher::to_bytes`` wrote);
* ``v1_expected.json``: the options and the matches of a few probe texts, which newer versions must
  reproduce when they load either file.

The names are made up for this fixture.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import newsprep

HERE = Path(__file__).resolve().parent

RECORDS = [
    {"id": "acme", "label": "ORG", "names": ["Acme Widgets", "ACW", "Acme"]},
    {"id": "zorblax", "label": "PER", "names": ["Zorblax Quint", "Quint"]},
    {"id": "vel", "label": "LOC", "names": ["Vélmora", "Port Vélmora"]},
    {"id": "tarn", "label": "LOC", "names": ["Tarn", "Of"]},
    {"id": "nx", "label": "ORG", "names": ["Nexlo"]},
    {"id": "nx2", "label": "ORG", "names": ["nexlo"]},
]
OPTIONS = {
    "fold_accents": True,
    "overlaps": "all",
    "min_length": 2,
    "stop_names": ["of"],
    "exact_case_names": ["Nexlo", "Tarn"],
}
PROBES = [
    "ACME WIDGETS and acme widgets; ACW or acw.",
    "Zorblax Quint met quint in Port Velmora, then Vélmora.",
    "Tarn of tarn; Of course; Nexlo and nexlo and NEXLO.",
]


def main() -> None:
    m = newsprep.EntityMatcher.from_records(RECORDS, **OPTIONS)
    data = m._to_bytes()
    (HERE / "v1_python.bin").write_bytes(data)
    (n,) = struct.unpack("<Q", data[4:12])
    (HERE / "v1_core.bin").write_bytes(data[12 + n :])
    expected = {
        "repr": repr(m),
        "options": m.options,
        "n_entities": m.n_entities,
        "n_names": m.n_names,
        "probes": [
            {
                "text": t,
                "matches": [[x.start, x.end, x.text, x.id, x.label, x.name, list(x.ids)] for x in m.find(t)],
            }
            for t in PROBES
        ],
    }
    (HERE / "v1_expected.json").write_text(json.dumps(expected, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
