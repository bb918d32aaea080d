"""Sentence splitting speed: newsprep against its peers, one call per article, in one run.

    pip install pysbd blingfire sakurs sentencex syntok   # whichever peers you want
    python benches/bench_sentences.py --mb 4 --repeats 3

Reports MB/s per tool (interleaved rounds, median), the ratio to newsprep, the scaling of
``split_many`` from 1 to 2 threads on 10k articles, and one call on a 100 MB text.
"""

from __future__ import annotations

import argparse
import importlib
import resource
import time

import newsprep
from _common import corpus_to_size, interleaved, load_jsonl, shared


def peers() -> dict:
    """Callables text -> sentences for every peer that imports."""
    out = {}

    def add(name, make):
        try:
            out[name] = make()
        except Exception as exc:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"  (skipping {name}: {type(exc).__name__}: {exc})")

    add("pysbd", lambda: importlib.import_module("pysbd").Segmenter(language="en", clean=False).segment)
    add("blingfire", lambda: importlib.import_module("blingfire").text_to_sentences)
    add("sakurs", lambda: importlib.import_module("sakurs").split)

    def sentencex():
        m = importlib.import_module("sentencex")
        return lambda t: list(m.segment("en", t))

    add("sentencex", sentencex)

    def syntok():
        seg = importlib.import_module("syntok.segmenter")
        return lambda t: [s for p in seg.analyze(t) for s in p]

    add("syntok", syntok)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=4.0, help="corpus size for the per-article test")
    ap.add_argument(
        "--slow-mb", type=float, default=0.2, help="smaller corpus for slow peers (pysbd, syntok)"
    )
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--big-mb", type=float, default=100.0)
    a = ap.parse_args()

    docs = [d["text"] for d in load_jsonl(shared("data", "sentences", "gum_news.dev.jsonl"))]
    fast = corpus_to_size(docs, a.mb)
    slow = corpus_to_size(docs, a.slow_mb)
    size = {id(fast): sum(len(t.encode()) for t in fast), id(slow): sum(len(t.encode()) for t in slow)}

    tools = {"newsprep": newsprep.sentence_spans, **peers()}
    slow_tools = {"pysbd", "syntok", "sentencex"}
    jobs = {}
    corpus_of = {}
    for name, fn in tools.items():
        corpus = slow if name in slow_tools else fast
        corpus_of[name] = corpus
        jobs[name] = lambda fn=fn, corpus=corpus: [fn(t) for t in corpus]
    print(f"newsprep {newsprep.__version__}; corpus: GUM news dev, {a.mb} MB ({a.slow_mb} MB for slow peers)")
    secs = interleaved(jobs, a.repeats)
    rate = {n: size[id(corpus_of[n])] / secs[n] / 1e6 for n in jobs}
    print("| tool | MB/s (one call per article) | newsprep is x faster |")
    print("|---|---|---|")
    for n in sorted(rate, key=rate.get, reverse=True):
        print(f"| {n} | {rate[n]:.2f} | {rate['newsprep'] / rate[n]:.1f} |")

    # split_many scaling on 10k articles
    articles = (docs * (10_000 // len(docs) + 1))[:10_000]
    s = newsprep.SentenceSplitter()
    t = interleaved(
        {"1": lambda: s.spans_many(articles, n_threads=1), "2": lambda: s.spans_many(articles, n_threads=2)},
        a.repeats,
    )
    mb = sum(len(x.encode()) for x in articles) / 1e6
    print(
        f"\nspans_many on 10k articles ({mb:.0f} MB): 1 thread {mb / t['1']:.0f} MB/s, "
        f"2 threads {mb / t['2']:.0f} MB/s, scaling x{t['1'] / t['2']:.2f}"
    )

    # one big text
    big = "\n".join(corpus_to_size(docs, a.big_mb))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    n = len(newsprep.sentence_spans(big))
    dt = time.perf_counter() - t0
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    big_mb = len(big.encode()) / 1e6
    print(
        f"one call on a {big_mb:.0f} MB text: {dt:.2f} s ({big_mb / dt:.0f} MB/s), "
        f"{n} sentences, peak RSS grew {(rss1 - rss0) / 1024:.0f} MB"
    )


if __name__ == "__main__":
    main()
