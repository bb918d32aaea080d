"""Batch path: per-row overhead beyond the core's work, and scaling from 1 to 2 threads.

    python benches/bench_batch.py --rows 200000

For each capability it times (a) one call per article in a Python loop (what ``df.text.apply`` does),
(b) the batch call on a pandas Series of ``--rows`` articles with 1 and 2 threads (best of
``--repeats``, interleaved), and (c) the batch call on a Series of one-character texts, where the core has
nothing to do: (c) divided by the row count is the per-row overhead of the batch path (extracting the
str, the result object, the Series). Articles are the GUM news documents from ../shared repeated (the
same str objects, so memory stays small).
"""

from __future__ import annotations

import argparse
import time

import newsprep
from _common import interleaved, load_jsonl, shared


def timed(fn, repeats: int = 3) -> float:
    """Best of ``repeats`` wall-clock seconds."""
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeats", type=int, default=3)
    a = ap.parse_args()
    import pandas as pd

    docs = [d["text"] for d in load_jsonl(shared("data", "sentences", "gum_news.dev.jsonl"))]
    rows = (docs * (a.rows // len(docs) + 1))[: a.rows]
    series = pd.Series(rows)
    mb = sum(len(t.encode()) for t in rows) / 1e6
    tiny = pd.Series(["x"] * a.rows)
    splitter = newsprep.SentenceSplitter()
    cleaner = newsprep.Cleaner()
    matcher = newsprep.gazetteers.countries()
    jobs = {
        "sentences (spans_many)": (splitter.spans, splitter.spans_many),
        "entities (find_many)": (matcher.find, matcher.find_many),
        "entities (find_columns)": (matcher.find, matcher.find_columns),
        "boilerplate (clean_many)": (cleaner.clean, cleaner.clean_many),
    }
    print(f"{a.rows} rows, {mb:.0f} MB, pandas Series input")
    print("| batch call | loop of single calls MB/s | batch, 1 thread | batch, 2 threads | scaling 1->2 |")
    print("|---|---|---|---|---|")
    overheads = {}
    for name, (single, batch) in jobs.items():
        t = interleaved(
            {
                "loop": lambda single=single: [single(x) for x in rows],
                "1": lambda batch=batch: batch(series, n_threads=1),
                "2": lambda batch=batch: batch(series, n_threads=2),
            },
            a.repeats,
            best=True,
        )
        rates = " | ".join(f"{mb / t[k]:.0f}" for k in ("loop", "1", "2"))
        print(f"| {name} | {rates} | x{t['1'] / t['2']:.2f} |")
        overheads[name] = timed(lambda batch=batch: batch(tiny, n_threads=1), a.repeats) / a.rows * 1e6
    print("\nper-row overhead of the batch path (one-character texts, 1 thread):")
    for name, us in overheads.items():
        print(f"  {name}: {us:.2f} µs/row")


if __name__ == "__main__":
    main()
