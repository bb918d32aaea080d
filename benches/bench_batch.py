"""Batch path: per-row overhead beyond the core's work, and scaling from 1 to 2 threads.

    python benches/bench_batch.py --rows 200000

For each capability it times (a) the core work alone, estimated as one call on all articles joined
into one text, and (b) the batch call on a pandas Series of ``--rows`` articles with 1 and 2 threads;
the per-row overhead is (b, 1 thread) minus (a), divided by the row count. Articles are the GUM news
documents from ../shared repeated (the same str objects, so memory stays small).
"""

from __future__ import annotations

import argparse
import time

import newsprep
from _common import load_jsonl, shared


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
    joined = "\n\n".join(rows)
    splitter = newsprep.SentenceSplitter()
    cleaner = newsprep.Cleaner()
    matcher = newsprep.gazetteers.countries()
    jobs = {
        "sentences (spans_many)": (lambda: splitter.spans(joined), splitter.spans_many),
        "entities (find_many)": (lambda: matcher.find(joined), matcher.find_many),
        "entities (find_columns)": (lambda: matcher.find(joined), matcher.find_columns),
        "boilerplate (clean_many)": (lambda: cleaner.clean(joined), cleaner.clean_many),
    }
    print(f"{a.rows} rows, {mb:.0f} MB, pandas Series input")
    print("| batch call | core alone MB/s | 1 thread MB/s | 2 threads MB/s | scaling | overhead µs/row |")
    print("|---|---|---|---|---|---|")
    for name, (core, batch) in jobs.items():
        t_core = timed(core, a.repeats)
        t1 = timed(lambda batch=batch: batch(series, n_threads=1), a.repeats)
        t2 = timed(lambda batch=batch: batch(series, n_threads=2), a.repeats)
        over = max(0.0, t1 - t_core) / a.rows * 1e6
        print(f"| {name} | {mb / t_core:.0f} | {mb / t1:.0f} | {mb / t2:.0f} | x{t1 / t2:.2f} | {over:.2f} |")


if __name__ == "__main__":
    main()
