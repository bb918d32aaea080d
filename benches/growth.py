"""How the time of every text function grows with adversarial input: four times the input should take
about four times as long (quadratic work: sixteen).

    python benches/growth.py [--chars 50000] [--repeats 5]

Uses the cases of the hang guard in ``tests/python/test_hostile.py`` (every text function on each shape,
the entity matcher on crafted names and texts; the tests only check that large inputs finish, the growth is
measured here, where noise is reported rather than failed). Prints one row per case: the seconds for n
and 4n characters (best of interleaved rounds, CPU time) and their ratio, and the load average, since
these 2-core machines are noisy.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
import warnings
from pathlib import Path


def guard_module():
    """The test module that holds the shapes and functions (imported by path: tests are not a package)."""
    path = Path(__file__).resolve().parents[1] / "tests" / "python" / "test_hostile.py"
    spec = importlib.util.spec_from_file_location("newsprep_hang_guard", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cpu_seconds(call) -> float:
    """CPU time of one call (other processes stretch wall time, not CPU time)."""
    t0 = time.process_time()
    call()
    return time.process_time() - t0


def growth(make, n: int, repeats: int) -> tuple[float, float]:
    """Best CPU seconds of the calls ``make(n)`` and ``make(4n)`` return, interleaved so both sizes meet
    the same state of the allocator and caches. ``n`` first doubles until the small call takes 20 ms."""
    small = make(n)
    while cpu_seconds(small) < 0.02 and n * 2 <= 2_000_000:
        n *= 2
        small = make(n)
    big = make(4 * n)
    t_small = t_big = float("inf")
    for _ in range(repeats):
        t_big = min(t_big, cpu_seconds(big))
        t_small = min(t_small, cpu_seconds(small))
    return t_small, t_big


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=2_000, help="starting n (doubled until a call takes 20 ms)")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # text that is not HTML is the point here: the extractor says so
    guard = guard_module()
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"{'group':<10} {'case':<30} {'n s':>9} {'4n s':>9} {'ratio':>6}")
    worst = 0.0
    for group, cases in guard.GUARDS.items():
        for case, make in cases.items():
            small, big = growth(make, args.chars, args.repeats)
            ratio = big / max(small, 1e-9)
            worst = max(worst, ratio)
            print(f"{group:<10} {case:<30} {small:9.4f} {big:9.4f} {ratio:6.1f}")
    print(f"worst ratio {worst:.1f} (linear about 4, quadratic 16); load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
