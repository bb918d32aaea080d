#!/usr/bin/env python3
"""Compare an `entity_scan --dump` file with the brute-force reference of bench_entities.py.

    cargo bench --bench entity_scan -- --gaz G.jsonl --dump /tmp/dump.jsonl [--accents]
    python benches/check_entities_reference.py --gaz G.jsonl --dump /tmp/dump.jsonl \
        [--fold accents] [--docs 300]

Checks, on the first --docs documents of the corpus: the spans (code-point offsets) equal the
reference's leftmost-longest whole-word spans, and each reported entity id is one of the ids of the
matched folded name. With --fold accents, newsprep deliberately folds further than the reference:
dashes U+2010..U+2015 become '-', letters with a stroke (ł ø đ ð ħ ı ŧ) their base letter and "İ" "i"
(1:1, so the reference can do the same: --fold accents-dashes), and lone combining marks are dropped
(not 1:1: documents containing one are counted apart as docs_differing_by_extension).
The reference and data stay in ../shared; nothing is copied here.

The reference folds every name, while newsprep matches names written in capitals ("WHO", "CTS")
only as written by default: dump with `entity_scan --fold-acronyms` to compare like with like.
"""

import argparse
import json
import os
import sys
import unicodedata

EVAL = os.environ.get("NEWSPREP_EVAL", "/work/shared/eval")
sys.path.insert(0, EVAL)
from bench_entities import FOLDS, BruteForce, Gaz, fold_accents, load_jsonl  # noqa: E402

# letters with a stroke, folded to their base letter by newsprep (1:1): the table generator's own list
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "scripts"))
from gen_unicode_tables import STROKES as _STROKES  # noqa: E402

DASHES = {c: "-" for c in range(0x2010, 0x2016)}
STROKES = {ord(k): v for k, v in _STROKES.items()}
FOLDS = dict(FOLDS)
# "İ" folds to "i" (the reference, which lowercases it to two code points, folds it to "I")
DOTTED_I = {0x130: "i"}
FOLDS["accents-dashes"] = lambda t: fold_accents(t.translate(DOTTED_I)).translate(DASHES).translate(STROKES)


def extended(text):
    """Whether newsprep's accent fold is not 1:1 on this text (a lone combining mark, dropped)."""
    return any(unicodedata.combining(c) for c in text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gaz", required=True)
    ap.add_argument("--dump", required=True)
    ap.add_argument("--corpus", default="/work/shared/data/entities/news_reuters.dev.jsonl")
    ap.add_argument("--fold", choices=sorted(FOLDS), default="case")
    ap.add_argument("--docs", type=int, default=300)
    a = ap.parse_args()

    fold = FOLDS[a.fold]
    gz = Gaz(load_jsonl(a.gaz), fold)
    ref = BruteForce()
    ref.build(gz, fold)
    docs = load_jsonl(a.corpus)
    dump = {}
    with open(a.dump, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            dump[d["id"]] = d["matches"]
    n = min(a.docs, len(docs)) if a.docs else len(docs)
    same = diff = ext = ref_total = got_total = bad_ids = 0
    shown = 0
    for d in docs[:n]:
        text = d["text"]
        want = [(s, e) for s, e, _ in ref.find(text)]
        got_m = dump[d["id"]]
        got = [(m[0], m[1]) for m in got_m]
        ref_total += len(want)
        got_total += len(got)
        ft = fold(text)
        for s, e, eid, _name in got_m:
            k = gz.index.get(ft[s:e])
            if k is None or eid not in {x[0] for x in gz.ents[k]}:
                if not (a.fold.startswith("accents") and extended(text)):
                    bad_ids += 1
        if got == want:
            same += 1
        elif a.fold.startswith("accents") and extended(text):
            ext += 1
        else:
            diff += 1
            if shown < 5:
                shown += 1
                ws, gs = set(want), set(got)
                print(
                    f"DIFF {d['id']}: missed {[(s, e, text[s:e]) for s, e in sorted(ws - gs)][:5]} "
                    f"extra {[(s, e, text[s:e]) for s, e in sorted(gs - ws)][:5]}"
                )
    print(
        json.dumps(
            {
                "gaz": os.path.basename(a.gaz),
                "fold": a.fold,
                "patterns": len(gz.pats),
                "docs": n,
                "docs_identical": same,
                "docs_differing": diff,
                "docs_differing_by_extension": ext,
                "ref_matches": ref_total,
                "newsprep_matches": got_total,
                "bad_ids": bad_ids,
            }
        )
    )
    return 1 if diff or bad_ids else 0


if __name__ == "__main__":
    sys.exit(main())
