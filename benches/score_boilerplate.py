#!/usr/bin/env python3
"""Score newsprep's Rust cleaner on the boilerplate dev sets (AEB token-shingle F1).

Runs `cargo bench --bench clean_jsonl` on each dev set, then scores the
output with the shared harness's own metric (../shared/eval/eval_boilerplate.py).

  python benches/score_boilerplate.py [--sites] [--worst 8] [--data DIR]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
from eval_boilerplate import NEWS_PHRASES, bte_lines, c4_filter, doc_f1, score, shingle_counts  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(SHARED, "data", "boilerplate"))
    ap.add_argument("--sets", default="aeb,l3s")
    ap.add_argument("--sites", action="store_true", help="corpus mode (site repeats)")
    ap.add_argument("--worst", type=int, default=5)
    ap.add_argument("--baselines", action="store_true")
    args = ap.parse_args()
    # clean_jsonl is a benchmark program (benches/, harness = false), built with the release settings.
    exe = ["cargo", "bench", "-q", "--bench", "clean_jsonl", "--"]
    for name in args.sets.split(","):
        path = os.path.join(args.data, f"{name}.dev.text.jsonl")
        recs = [json.loads(line) for line in open(path, encoding="utf8")]
        with tempfile.NamedTemporaryFile(suffix=".jsonl") as tmp:
            cmd = [*exe, path, tmp.name, "--reps", "3"] + (["--sites"] if args.sites else [])
            speed = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stderr.strip()
            outs = {j["id"]: j["clean"] for j in map(json.loads, open(tmp.name, encoding="utf8"))}
        preds = [outs[r["id"]] for r in recs]
        golds = [r["gold_text"] for r in recs]
        counts = [shingle_counts(g, p) for g, p in zip(golds, preds, strict=True)]
        m = score(counts, golds, preds, n_boot=50)
        print(
            f"{name}: F1 {m['F1']:.4f} ±{m['F1_std']:.3f}  P {m['P']:.4f}  R {m['R']:.4f}  "
            f"docF1 {m['docF1']:.4f}  | {speed}"
        )
        if args.baselines:
            for bname, fn in [
                ("bte_lines", bte_lines),
                ("c4_news", lambda t: c4_filter(t, 5, NEWS_PHRASES, True)),
            ]:
                bp = [fn(r["page_text"]) for r in recs]
                bm = score(
                    [shingle_counts(g, p) for g, p in zip(golds, bp, strict=True)], golds, bp, n_boot=10
                )
                print(f"   {bname}: F1 {bm['F1']:.4f} P {bm['P']:.4f} R {bm['R']:.4f}")
        worst = sorted(range(len(recs)), key=lambda i: doc_f1(counts[i]))[: args.worst]
        for i in worst:
            c = counts[i]
            p = c[0] / (c[0] + c[1]) if c[0] + c[1] else 0
            r = c[0] / (c[0] + c[2]) if c[0] + c[2] else 0
            print(f"   worst {recs[i]['id']} ({recs[i]['site']}): F1 {doc_f1(c):.3f} P {p:.3f} R {r:.3f}")


if __name__ == "__main__":
    main()
