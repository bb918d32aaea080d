"""Every throughput figure of issue 11 (and the HTML extractor's), as one table.

    python benches/throughput.py                  # about 5 minutes on 2 cores
    python benches/throughput.py --quick          # fewer repeats, smaller corpora (a smoke run)
    python benches/throughput.py --gaz /tmp/gaz/gaz_25k_clean.jsonl   # entities with the 25k gazetteer

Build newsprep in release mode first (``maturin develop --release``): debug builds are 5-20x slower.
Tools are timed round-robin (interleaved) and repeated; each cell is the median of ``--repeats``
runs, and ratios compare tools measured in the same run. The header gives the load average: on a
shared machine, compare ratios, not MB/s, between runs. Peers (resiliparse, trafilatura,
daachorse) are skipped with a message when not installed.

Rows (MB/s are of the input: page text, HTML, or article text for sentences and entities):

* clean, one call per page, on the AEB and L3S dev pages; the Python C4 line filter in the same run.
* clean_many on 1 thread against a loop of clean calls; clean_many 1 and 2 threads.
* Pipeline.process and Pipeline.to_frames (cleaner, splitter, countries) against clean_many alone,
  1 and 2 threads, on the L3S pages repeated to ``--mb`` MB.
* spans_many 1 and 2 threads on 10k articles; find_many (countries) 1 thread; find per article
  against daachorse on the Reuters dev articles.
* Extractor.extract one call per page against resiliparse and trafilatura on the dev HTML;
  extract_many 1 and 2 threads; Pipeline(extractor=...).to_frames against extract_many.
* Peak memory of to_frames on 10k pages (a child process, so that nothing else is counted).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import newsprep
from _common import corpus_to_size, interleaved, load_jsonl, shared

ROWS: list[tuple[str, str, str, str]] = []  # (figure, value, ratio, target)


def row(figure: str, value: str, ratio: str = "", target: str = "") -> None:
    ROWS.append((figure, value, ratio, target))
    print(f"  {figure}: {value} {ratio} {target}".rstrip(), file=sys.stderr, flush=True)


def mbs(nbytes: int, seconds: float) -> str:
    return f"{nbytes / 1e6 / seconds:.1f} MB/s"


def size(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


def check(ok: bool) -> str:
    return "ok" if ok else "MISSED"


class Timing:
    """Median wall seconds, process CPU seconds and calling-thread CPU seconds of one tool."""

    def __init__(self, wall: float, cpu: float, main: float) -> None:
        self.wall, self.cpu, self.main = wall, cpu, main


def timed(tools: dict[str, Callable[[], object]], repeats: int) -> dict[str, Timing]:
    """Like ``interleaved``, also recording CPU time: on a loaded machine the wall time of a
    2-thread run says little, so scaling is also bounded from CPU time (see ``scaling``)."""
    runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name in tools}
    for _ in range(repeats):
        for name, fn in tools.items():
            w, c, m = time.perf_counter(), time.process_time(), time.thread_time()
            fn()
            runs[name].append((time.perf_counter() - w, time.process_time() - c, time.thread_time() - m))
    out = {}
    for name, rs in runs.items():
        rs.sort()
        w, c, m = rs[len(rs) // 2]
        out[name] = Timing(w, c, m)
    return out


def scaling(one: Timing, two: Timing) -> str:
    """The wall-clock speed-up from 1 to 2 threads, and what CPU time allows on two idle cores: the
    1-thread CPU time over the larger of the 2-thread run's CPU time per core and its calling
    thread's CPU time (the part that holds the GIL: conversion to Python objects)."""
    bound = one.cpu / max(two.cpu / 2, two.main)
    return f"x{one.wall / two.wall:.2f} wall (CPU-time bound on 2 idle cores: x{bound:.2f})"


# -- a sketch of the Python C4 line filter (used when ../shared/eval/eval_boilerplate.py is absent) ---

_C4_PHRASES = ("lorem ipsum", "javascript", "terms of use", "privacy policy", "cookie policy", "uses cookies")
_TERMINAL = (".", "!", "?", '"', "”", "'")


def c4_filter(text: str) -> str:
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if len(s.split()) < 5 or not s.endswith(_TERMINAL):
            continue
        low = s.lower()
        if any(p in low for p in _C4_PHRASES) or "{" in s:
            continue
        out.append(s)
    return "\n".join(out)


# -- sections -----------------------------------------------------------------------------------------


def _c4() -> Callable[[str], str]:
    """The C4 line filter of the shared harness (eval_boilerplate.py's c4_lines), loaded from
    ../shared at run time; the sketch above when the harness is absent."""
    try:
        import importlib.util

        spec = importlib.util.spec_from_file_location(
            "eval_boilerplate", shared("eval", "eval_boilerplate.py")
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.c4_filter
    except (SystemExit, ImportError, AssertionError, AttributeError) as exc:
        print(
            f"  the shared C4 filter is unavailable ({exc}): using the sketch in this file", file=sys.stderr
        )
        return c4_filter


def bench_clean(repeats: int) -> None:
    cleaner = newsprep.Cleaner()
    c4 = _c4()
    for name in ("aeb", "l3s"):
        pages = [r["page_text"] for r in load_jsonl(shared("data", "boilerplate", f"{name}.dev.text.jsonl"))]
        nb = size(pages)
        t = timed(
            {
                "clean": lambda pages=pages: [cleaner.clean(p) for p in pages],
                "c4": lambda pages=pages: [c4(p) for p in pages],
                "many1": lambda pages=pages: cleaner.clean_many(pages, n_threads=1),
                "busy": lambda pages=pages: beside_busy_thread(
                    lambda: cleaner.clean_many(pages, n_threads=1)
                ),
            },
            repeats,
        )
        vs_c4 = t["c4"].wall / t["clean"].wall
        row(
            f"clean, one call per page ({name.upper()}, {len(pages)} pages)",
            mbs(nb, t["clean"].wall),
            f"{vs_c4:.2f}x the C4 line filter ({mbs(nb, t['c4'].wall)}; "
            f"{t['c4'].cpu / t['clean'].cpu:.2f}x in CPU time)",
            f">= 100 MB/s, >= 4x C4: {check(nb / 1e6 / t['clean'].wall >= 100 and vs_c4 >= 4)}",
        )
        r = t["clean"].wall / t["many1"].wall
        row(
            f"clean_many, 1 thread ({name.upper()})",
            mbs(nb, t["many1"].wall),
            f"{r:.2f}x a loop of clean ({t['clean'].cpu / t['many1'].cpu:.2f}x in CPU time)",
            f">= 1x: {check(r >= 0.98)}",
        )
        row(
            f"clean_many, 1 thread, beside a busy Python thread ({name.upper()})",
            mbs(nb, t["busy"].wall),
            f"{t['many1'].wall / t['busy'].wall:.2f}x alone",
        )


def beside_busy_thread(fn: Callable[[], object]) -> None:
    """Runs `fn` while another Python thread spins (a notebook's or a Dask worker's other work):
    a batch that released and took back the GIL once per document would wait up to the
    interpreter's switch interval (5 ms) each time (a 16 KB-group design ran 15x slower so)."""
    stop = threading.Event()

    def spin() -> None:
        while not stop.is_set():
            pass

    th = threading.Thread(target=spin)
    th.start()
    try:
        fn()
    finally:
        stop.set()
        th.join()


def bench_pipeline(mb: float, repeats: int) -> None:
    import pandas  # noqa: F401 - to_frames needs it; imported before timing

    base = [r["page_text"] for r in load_jsonl(shared("data", "boilerplate", "l3s.dev.text.jsonl"))]
    pages = corpus_to_size(base, mb)
    nb = size(pages)
    cleaner = newsprep.Cleaner()
    pipe = newsprep.Pipeline(cleaner=cleaner, matcher=newsprep.gazetteers.countries())
    tools: dict[str, Callable[[], object]] = {}
    for n in (1, 2):
        tools[f"clean_many {n}"] = lambda n=n: cleaner.clean_many(pages, n_threads=n)
        tools[f"process {n}"] = lambda n=n: pipe.process(pages, n_threads=n)
        tools[f"to_frames {n}"] = lambda n=n: pipe.to_frames(pages, n_threads=n)
    t = timed(tools, repeats)
    label = f"L3S x{len(pages) / len(base):.0f}, {nb / 1e6:.0f} MB"
    for n in (1, 2):
        row(f"clean_many, {n} thread{'s' if n > 1 else ''} ({label})", mbs(nb, t[f"clean_many {n}"].wall))
    for what in ("process", "to_frames"):
        for n in (1, 2):
            r = t[f"clean_many {n}"].wall / t[f"{what} {n}"].wall
            rc = t[f"clean_many {n}"].cpu / t[f"{what} {n}"].cpu
            row(
                f"Pipeline.{what}, {n} thread{'s' if n > 1 else ''} (cleaner, splitter, countries)",
                mbs(nb, t[f"{what} {n}"].wall),
                f"{r:.2f}x clean_many ({rc:.2f}x in CPU time)",
                f">= 0.75x: {check(r >= 0.75)}",
            )
        s = t[f"{what} 1"].wall / t[f"{what} 2"].wall
        row(
            f"Pipeline.{what}, 1 -> 2 threads",
            "",
            scaling(t[f"{what} 1"], t[f"{what} 2"]),
            f">= 1.7x: {check(s >= 1.7)}",
        )
    row("clean_many, 1 -> 2 threads", "", scaling(t["clean_many 1"], t["clean_many 2"]))


def bench_sentences_entities(articles: int, repeats: int, gaz: str | None) -> None:
    gum = [d["text"] for d in load_jsonl(shared("data", "sentences", "gum_news.dev.jsonl"))]
    texts = (gum * (articles // len(gum) + 1))[:articles]
    nb = size(texts)
    splitter = newsprep.SentenceSplitter()
    countries = newsprep.gazetteers.countries()
    flat = newsprep.Pipeline(cleaner=None, splitter=splitter)
    t = timed(
        {
            "spans 1": lambda: splitter.spans_many(texts, n_threads=1),
            "spans 2": lambda: splitter.spans_many(texts, n_threads=2),
            "flat 1": lambda: flat.to_frames(texts, n_threads=1).sentences,
            "flat 2": lambda: flat.to_frames(texts, n_threads=2).sentences,
            "find 1": lambda: countries.find_many(texts, n_threads=1),
            "find 2": lambda: countries.find_many(texts, n_threads=2),
        },
        repeats,
    )
    label = f"{len(texts)} GUM news articles, {nb / 1e6:.0f} MB"
    row(f"spans_many, 1 thread ({label})", mbs(nb, t["spans 1"].wall))
    s = t["spans 1"].wall / t["spans 2"].wall
    row(
        "spans_many, 1 -> 2 threads",
        mbs(nb, t["spans 2"].wall),
        scaling(t["spans 1"], t["spans 2"]),
        f">= 1.7x: {check(s >= 1.7)}",
    )
    row(
        "sentences as flat columns (Pipeline(cleaner=None).to_frames(...).sentences), 1 thread",
        mbs(nb, t["flat 1"].wall),
        f"{t['spans 1'].wall / t['flat 1'].wall:.2f}x spans_many",
    )
    row(
        "sentences as flat columns, 1 -> 2 threads",
        mbs(nb, t["flat 2"].wall),
        scaling(t["flat 1"], t["flat 2"]),
    )
    row(f"find_many (countries), 1 thread ({label})", mbs(nb, t["find 1"].wall))
    row("find_many (countries), 1 -> 2 threads", mbs(nb, t["find 2"].wall), scaling(t["find 1"], t["find 2"]))

    # find per article against daachorse: the shared harness (same folding, boundary checks and
    # selection for every tool), interleaved, in a child process.
    harness = shared("eval", "bench_entities.py")
    gaz_path = gaz or str(Path(newsprep.__file__).parent / "data" / "countries.jsonl")
    res = subprocess.run(
        [
            sys.executable,
            str(harness),
            "--gaz",
            gaz_path,
            "--corpus",
            str(shared("data", "entities", "news_reuters.dev.jsonl")),
            "--tools",
            "newsprep,daachorse",
            "--interleave",
            "--repeats",
            str(repeats),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    rates = {}
    for line in res.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0] in ("newsprep", "daachorse"):
            rates[cells[0]] = float(cells[1])
    gname = Path(gaz_path).name + ("" if gaz else "; --gaz for the 25k gazetteer")
    if "newsprep" not in rates:
        row(f"EntityMatcher.find per article (Reuters dev, {gname})", "failed: " + res.stderr[-200:])
        return
    if "daachorse" in rates:
        r = rates["newsprep"] / rates["daachorse"]
        ratio, ok = f"{r:.2f}x daachorse ({rates['daachorse']:.1f} MB/s)", check(r >= 4)
    else:
        ratio, ok = "daachorse not installed (pip install daachorse)", "n/a"
    row(
        f"EntityMatcher.find per article (Reuters dev, {gname}; bench_entities.py)",
        f"{rates['newsprep']:.1f} MB/s",
        ratio,
        f">= 4x daachorse: {ok}",
    )


def bench_html(repeats: int) -> None:
    pages = []
    for name in ("aeb", "l3s"):
        pages += [r["html"] for r in load_jsonl(shared("data", "boilerplate", f"{name}.dev.html.jsonl"))]
    nb = size(pages)
    x = newsprep.Extractor()
    tools: dict[str, Callable[[], object]] = {"newsprep": lambda: [x.extract(p) for p in pages]}
    try:
        from resiliparse.extract.html2text import extract_plain_text
        from resiliparse.parse.html import HTMLTree

        tools["resiliparse"] = lambda: [
            extract_plain_text(HTMLTree.parse(p), main_content=True, comments=False) for p in pages
        ]
    except ImportError:
        print("  resiliparse not installed: skipped", file=sys.stderr)
    t = interleaved(tools, repeats)
    tra = None
    try:
        import trafilatura

        # trafilatura is ~20x slower: one run on a fifth of the pages, interleaved with newsprep.
        sample = pages[::5]
        ts = interleaved(
            {
                "newsprep": lambda: [x.extract(p) for p in sample],
                "trafilatura": lambda: [trafilatura.extract(p) for p in sample],
            },
            1,
        )
        tra = ts["trafilatura"] / ts["newsprep"]
    except ImportError:
        print("  trafilatura not installed: skipped", file=sys.stderr)
    parts = []
    if "resiliparse" in t:
        parts.append(f"{t['resiliparse'] / t['newsprep']:.2f}x resiliparse ({mbs(nb, t['resiliparse'])})")
    if tra is not None:
        parts.append(f"{tra:.1f}x trafilatura (on every 5th page)")
    ok = []
    if "resiliparse" in t:
        ok.append(f">= 1.2x resiliparse: {check(t['resiliparse'] / t['newsprep'] >= 1.2)}")
    if tra is not None:
        ok.append(f">= 15x trafilatura: {check(tra >= 15)}")
    row(
        f"Extractor.extract, one call per page (AEB+L3S dev HTML, {len(pages)} pages)",
        mbs(nb, t["newsprep"]),
        "; ".join(parts),
        "; ".join(ok),
    )
    pipe = newsprep.Pipeline(extractor=x, matcher=newsprep.gazetteers.countries())
    t = timed(
        {
            "many 1": lambda: x.extract_many(pages, n_threads=1),
            "many 2": lambda: x.extract_many(pages, n_threads=2),
            "frames 1": lambda: pipe.to_frames(pages, n_threads=1),
            "frames 2": lambda: pipe.to_frames(pages, n_threads=2),
        },
        repeats,
    )
    s = t["many 1"].wall / t["many 2"].wall
    row(
        "extract_many, 1 -> 2 threads",
        mbs(nb, t["many 2"].wall),
        scaling(t["many 1"], t["many 2"]),
        f">= 1.7x: {check(s >= 1.7)}",
    )
    for n in (1, 2):
        r = t[f"many {n}"].wall / t[f"frames {n}"].wall
        row(
            f"Pipeline(extractor=...).to_frames, {n} thread{'s' if n > 1 else ''}",
            mbs(nb, t[f"frames {n}"].wall),
            f"{r:.2f}x extract_many",
        )
    row("Pipeline(extractor=...).to_frames, 1 -> 2 threads", "", scaling(t["frames 1"], t["frames 2"]))


_MEMORY = """
import json, resource, sys
sys.path.insert(0, {benches!r})
import newsprep
from _common import load_jsonl
base = [r["page_text"] for r in load_jsonl({path!r})]
pages = [p + " " * (k % 7) for k in range({n}) for p in [base[k % len(base)]]]  # distinct str objects
import pandas, pyarrow  # noqa: F401 - loaded before the baseline
pipe = newsprep.Pipeline(matcher=newsprep.gazetteers.countries())
pipe.to_frames(pages[:50])  # warm up: lazy imports, the matcher
import gc, os
gc.collect()
with open("/proc/self/statm") as f:  # the current resident size (the peak so far may be higher)
    before = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
frames = pipe.to_frames(pages)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
inp = sum(sys.getsizeof(p) for p in pages)
utf8 = sum(len(p.encode()) for p in pages)
out = sum(int(f.memory_usage(deep=True).sum()) for f in frames)
# the documents frame's text column holds the input strs themselves: not output
out -= sum(sys.getsizeof(p) for p in pages)
print(json.dumps({{"before": before, "peak": peak, "input": inp, "utf8": utf8, "output": out}}))
"""


def bench_memory(n: int) -> None:
    code = _MEMORY.format(
        benches=str(Path(__file__).resolve().parent),
        path=str(shared("data", "boilerplate", "l3s.dev.text.jsonl")),
        n=n,
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=900)
    if res.returncode != 0:
        row(f"to_frames peak memory ({n} pages)", "failed: " + res.stderr.strip().splitlines()[-1])
        return
    m = json.loads(res.stdout.strip().splitlines()[-1])
    # ru_maxrss is the process's peak; its excess over the resident size just before the call bounds
    # what to_frames added at its peak while the input (already allocated) was alive (from above:
    # an earlier, higher peak while the pages were read would be counted too).
    grown = m["peak"] - m["before"]
    peak = m["input"] + grown  # the input, and what to_frames added at its peak
    row(
        f"to_frames peak memory ({n} L3S pages, {m['utf8'] / 1e6:.0f} MB of text, "
        f"{m['input'] / 1e6:.0f} MB as str)",
        f"{peak / 1e6:.0f} MB = input + {grown / 1e6:.0f} MB (output tables {m['output'] / 1e6:.0f} MB)",
        f"{peak / (m['input'] + m['output']):.2f}x (input + output)",
        f"< 3x input + output: {check(peak < 3 * m['input'] + m['output'])}",
    )


def header() -> str:
    load = os.getloadavg()
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=Path(__file__).parent
        ).stdout.strip()
    except OSError:
        commit = "?"
    build = "?"
    so = Path(newsprep._core.__file__)
    if so.exists():
        build = f"{so.name}, {so.stat().st_size / 1e6:.0f} MB"
    return (
        f"newsprep {newsprep.__version__} ({commit}; {build}), Python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"{time.strftime('%Y-%m-%d %H:%M')}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument(
        "--mb", type=float, default=12.0, help="size of the corpus for Pipeline (MB of page text)"
    )
    ap.add_argument("--articles", type=int, default=10_000, help="articles for spans_many")
    ap.add_argument("--memory-pages", type=int, default=10_000)
    ap.add_argument("--gaz", help="a gazetteer JSONL for the daachorse comparison (default: the countries)")
    ap.add_argument("--quick", action="store_true", help="2 repeats, 3 MB, 2k articles, 2k pages")
    ap.add_argument("--only", help="comma-separated sections: clean,pipeline,sentences,html,memory")
    a = ap.parse_args()
    if a.quick:
        a.repeats, a.mb, a.articles, a.memory_pages = 2, 3.0, 2_000, 2_000
    sections = set((a.only or "clean,pipeline,sentences,html,memory").split(","))
    head = header()
    print(head, file=sys.stderr)
    if "clean" in sections:
        bench_clean(a.repeats)
    if "pipeline" in sections:
        bench_pipeline(a.mb, a.repeats)
    if "sentences" in sections:
        bench_sentences_entities(a.articles, a.repeats, a.gaz)
    if "html" in sections:
        bench_html(a.repeats)
    if "memory" in sections:
        bench_memory(a.memory_pages)
    print(head)
    print(
        f"(median of {a.repeats} interleaved runs; ratios are within one run; end load average "
        f"{os.getloadavg()[0]:.2f})\n"
    )
    print("| figure | throughput | ratio | target |")
    print("|---|---|---|---|")
    for figure, value, ratio, target in ROWS:
        print(f"| {figure} | {value} | {ratio} | {re.sub(r'[|]', '/', target)} |")


if __name__ == "__main__":
    main()
