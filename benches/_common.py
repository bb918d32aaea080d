"""Helpers shared by the Python benchmarks: where the data is, and interleaved timing."""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

SHARED = Path(os.environ.get("NEWSPREP_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


def shared(*parts: str) -> Path:
    """A path in ../shared; exits with a clear message when the data is absent."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        sys.exit(f"benchmark data not found at {p}: put ../shared beside the checkout or set NEWSPREP_SHARED")
    return p


def load_jsonl(path: Path) -> list[dict]:
    """Reads a JSONL file."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def corpus_to_size(texts: Sequence[str], megabytes: float) -> list[str]:
    """Repeats ``texts`` until their UTF-8 size reaches ``megabytes``."""
    out: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for t in texts:
            out.append(t)
            size += len(t.encode("utf-8"))
            if size >= megabytes * 1e6:
                break
    return out


def interleaved(tools: dict[str, Callable[[], object]], repeats: int, best: bool = False) -> dict[str, float]:
    """Median (or best) seconds per tool, running the tools round-robin so that noise hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in tools}
    for _ in range(repeats):
        for name, fn in tools.items():
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    pick = min if best else statistics.median
    return {name: pick(ts) for name, ts in times.items()}
