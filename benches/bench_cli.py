"""The ``newsprep`` command's own cost: a run over JSON lines or CSV against the bare batch call.

    python benches/bench_cli.py [--mb 20] [--repeats 3] [--command sentences] [--compare OTHER/python]

Builds an input of about ``--mb`` MB from the boilerplate dev pages in ../shared, then times, interleaved:
``newsprep COMMAND in.jsonl -o out.jsonl``, the same from CSV and to Parquet, and the library call that does
the same work in one process (``SentenceSplitter().spans_many`` or ``Cleaner().clean_many`` on the texts,
already in memory). The CLI runs in a subprocess, so its figures include starting Python. ``--compare DIR``
also times the CLI of another checkout's Python package (``DIR`` is put first on ``PYTHONPATH``; it needs
its compiled ``_core`` beside it), e.g. the previous version. Reports seconds, MB/s and ratios.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import newsprep
from _common import interleaved, load_jsonl, shared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=20.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--command", choices=("sentences", "clean"), default="sentences")
    ap.add_argument("--compare", type=Path, help="another newsprep Python package dir to time too")
    args = ap.parse_args()

    pages = [r["page_text"] for r in load_jsonl(shared("data", "boilerplate", "aeb.dev.text.jsonl"))]
    texts: list[str] = []
    size = 0
    while size < args.mb * 1e6:
        for t in pages:
            texts.append(t)
            size += len(t.encode("utf-8"))
            if size >= args.mb * 1e6:
                break
    tmp = Path(tempfile.mkdtemp(prefix="bench_cli_"))
    src_jsonl, src_csv = tmp / "in.jsonl", tmp / "in.csv"
    with open(src_jsonl, "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(texts))
    with open(src_csv, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "text"])
        w.writerows(enumerate(texts))

    def cli(src: Path, out: str, pythonpath: str | None = None):
        env = dict(os.environ)
        if pythonpath:
            env["PYTHONPATH"] = pythonpath
        cmd = [sys.executable, "-m", "newsprep", args.command, str(src), "-o", str(tmp / out)]
        return lambda: subprocess.run(cmd, check=False, capture_output=True, env=env)

    stage = newsprep.SentenceSplitter() if args.command == "sentences" else newsprep.Cleaner()
    library = stage.spans_many if args.command == "sentences" else stage.clean_many
    tools = {
        "library call": lambda: library(texts),
        "cli jsonl->jsonl": cli(src_jsonl, "out.jsonl"),
        "cli csv->jsonl": cli(src_csv, "out2.jsonl"),
    }
    try:
        import pyarrow  # noqa: F401

        tools["cli jsonl->parquet"] = cli(src_jsonl, "out.parquet")
    except ImportError:
        pass
    if args.compare:
        tools["compare jsonl->jsonl"] = cli(src_jsonl, "out3.jsonl", str(args.compare))
        tools["compare csv->jsonl"] = cli(src_csv, "out4.jsonl", str(args.compare))
    secs = interleaved(tools, args.repeats)
    base = secs["library call"]
    print(f"{args.command}: {len(texts)} pages, {size / 1e6:.1f} MB; load {os.getloadavg()[0]:.1f}")
    for name, s in secs.items():
        print(f"  {name:22s} {s:7.2f} s  {size / 1e6 / s:6.1f} MB/s  x{s / base:.2f} of the library call")


if __name__ == "__main__":
    main()
