"""Archive to articles: newsprep.extract_warc against warcio + trafilatura and FastWARC + resiliparse.

Builds a CC-NEWS-like archive (one gzip member per response record, realistic HTTP headers) from the
dev pages in ../shared/data/boilerplate/*.dev.html.jsonl in a temporary folder (nothing is written
into the repository), then measures in one run, interleaved:

* single core: newsprep ``extract_warc(n_threads=1)`` (headline, byline, date and text),
  FastWARC + resiliparse ``extract_plain_text(main_content=True)`` (text only), and warcio +
  trafilatura ``extract`` (text only; one pass, it is slow): MB/s of uncompressed WARC;
* scaling: two archives one after the other against both at once on two threads (each
  ``n_threads=1``, as the CLI runs several archives), and one archive with ``n_threads=2``;
* memory: peak resident memory of a fresh process that extracts a ``--memory-mb`` (default 1000)
  archive, against the same process after importing newsprep.

Usage::

    pip install warcio trafilatura fastwarc resiliparse   # the peers
    python benches/bench_warc.py [--repeats 3] [--memory-mb 1000] [--skip-trafilatura]

Figures on a shared machine are noisy: read the ratios, and the load average printed with them.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import newsprep  # noqa: E402
from _common import interleaved, load_jsonl, shared  # noqa: E402


def build_archive(path: Path, pages: list[dict]) -> int:
    """Writes ``pages`` as gzip-per-record response records; returns the uncompressed size."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "newsprep bench"}))
        for i, p in enumerate(pages):
            body = p["html"].encode("utf-8")
            headers = [
                ("Date", "Tue, 05 Mar 2024 08:00:00 GMT"),
                ("Server", "nginx"),
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "max-age=300"),
                ("X-Crawler-Content-Encoding", "gzip"),
            ]
            url = p.get("url") or f"https://l3s.example/{p['id']}"
            rec = w.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"),
                warc_headers_dict={"WARC-Date": f"2024-03-05T08:{i // 60 % 60:02d}:{i % 60:02d}Z"},
            )
            w.write_record(rec)
    return uncompressed_size(path)


def uncompressed_size(path: Path) -> int:
    """The decompressed length of a (multi-member) gzip file."""
    d = zlib.decompressobj(31)
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            while chunk:
                size += len(d.decompress(chunk))
                if d.eof:
                    chunk = d.unused_data
                    d = zlib.decompressobj(31)
                else:
                    chunk = b""
    return size


def replicate(src: Path, dst: Path, megabytes: float, unit: int) -> int:
    """Concatenates copies of ``src`` (its gzip members) until ``megabytes`` uncompressed."""
    data = src.read_bytes()
    n = max(1, round(megabytes * 1e6 / unit))
    with open(dst, "wb") as f:
        for _ in range(n):
            f.write(data)
    return n * unit


def run_newsprep(path: Path, n_threads: int = 1) -> int:
    rows = 0
    for frame in newsprep.extract_warc(path, n_threads=n_threads):
        rows += len(frame)
    return rows


def run_fastwarc(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator, WarcRecordType
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    rows = 0
    records = ArchiveIterator(str(path), record_types=WarcRecordType.response, parse_http=True)
    for rec in records:
        if "html" not in (rec.http_content_type or ""):
            continue
        body = rec.reader.read()
        text = extract_plain_text(
            bytes_to_str(body, rec.http_charset or detect_encoding(body)), main_content=True
        )
        rows += bool(text)
    return rows


def run_warcio_trafilatura(path: Path) -> int:
    import trafilatura
    from warcio.archiveiterator import ArchiveIterator

    rows = 0
    with open(path, "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type != "response":
                continue
            ctype = rec.http_headers.get_header("Content-Type") or ""
            if "html" not in ctype:
                continue
            body = rec.content_stream().read()
            text = trafilatura.extract(body.decode("utf-8", "replace"))
            rows += bool(text)
    return rows


# VmHWM (this process's peak RSS) rather than ru_maxrss, which Linux carries over from the parent
# across exec.
MEMORY_SCRIPT = """
import sys
import newsprep

def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])

base = hwm()
rows = 0
for frame in newsprep.extract_warc(sys.argv[1], n_threads=int(sys.argv[2])):
    rows += len(frame)
print(rows, base, hwm())
"""


def cpu_seconds() -> float:
    """User + system CPU time of this process (all threads) so far."""
    t = os.times()
    return t.user + t.system


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--memory-mb", type=float, default=1000, help="size of the memory test archive (0: skip)")
    ap.add_argument("--skip-trafilatura", action="store_true")
    ap.add_argument("--tmp", default=None, help="folder for the archives (default: a temporary one)")
    args = ap.parse_args()

    pages = []
    for name in ("aeb", "l3s"):
        pages += load_jsonl(shared("data", "boilerplate", f"{name}.dev.html.jsonl"))
    tmp = Path(args.tmp or tempfile.mkdtemp(prefix="newsprep-warc-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    base = tmp / "dev.warc.gz"
    size = build_archive(base, pages)
    mb = size / 1e6
    print(f"archive: {len(pages)} pages, {mb:.1f} MB uncompressed, {base.stat().st_size / 1e6:.1f} MB gzip")
    print(f"load average before: {load()}  (cores: {os.cpu_count()})")

    cpu: dict[str, list[float]] = {}

    def timed(name: str, fn: Callable[[], object]) -> tuple[str, Callable[[], None]]:
        def run() -> None:
            c0 = cpu_seconds()
            fn()
            cpu.setdefault(name, []).append(cpu_seconds() - c0)

        return name, run

    def cpu_of(name: str) -> float:
        return sorted(cpu[name])[len(cpu[name]) // 2]

    # Single core, interleaved.
    tools = dict(
        [
            timed("newsprep extract_warc", lambda: run_newsprep(base, 1)),
            timed("FastWARC + resiliparse main_content", lambda: run_fastwarc(base)),
        ]
    )
    t = interleaved(tools, args.repeats)
    if not args.skip_trafilatura:
        name, fn = timed("warcio + trafilatura", lambda: run_warcio_trafilatura(base))
        t0 = time.perf_counter()
        fn()
        t[name] = time.perf_counter() - t0
    nt = t["newsprep extract_warc"]
    print(
        f"\nsingle core ({args.repeats} repeats, median; trafilatura once; MB/cpu-s: per second of CPU time, "
        "which the other load on the machine does not dilute):"
    )
    for name, secs in t.items():
        c = cpu_of(name)
        print(
            f"  {name:38s} {secs:7.2f} s  {mb / secs:7.1f} MB/s  {mb / c:7.1f} MB/cpu-s  "
            f"newsprep is {secs / nt:5.2f}x (cpu {c / cpu_of('newsprep extract_warc'):5.2f}x)"
        )

    # Scaling over two archives and two threads.
    second = tmp / "dev2.warc.gz"
    second.write_bytes(base.read_bytes())

    def both_sequential() -> None:
        run_newsprep(base, 1)
        run_newsprep(second, 1)

    def both_parallel() -> None:
        with ThreadPoolExecutor(2) as ex:
            list(ex.map(lambda p: run_newsprep(p, 1), [base, second]))

    s = interleaved(
        dict(
            [
                timed("two archives, one after the other", both_sequential),
                timed("two archives at once (2 threads)", both_parallel),
                timed("one archive, n_threads=1", lambda: run_newsprep(base, 1)),
                timed("one archive, n_threads=2", lambda: run_newsprep(base, 2)),
            ]
        ),
        args.repeats,
    )
    print(
        f"\nscaling ({args.repeats} repeats, median; cpu: CPU seconds of all threads; cpu/wall: cores used):"
    )
    for name, secs in s.items():
        total = 2 * mb if name.startswith("two") else mb
        c = cpu_of(name)
        print(
            f"  {name:38s} {secs:7.2f} s  {total / secs:7.1f} MB/s  cpu {c:6.2f} s  cpu/wall {c / secs:4.2f}"
        )
    files = s["two archives, one after the other"] / s["two archives at once (2 threads)"]
    threads = s["one archive, n_threads=1"] / s["one archive, n_threads=2"]
    print(f"  across files: {files:.2f}x; one archive on 2 threads: {threads:.2f}x")

    if args.memory_mb > 0:
        big = tmp / "big.warc.gz"
        total = replicate(base, big, args.memory_mb, size)
        print(f"\nmemory: {total / 1e9:.2f} GB uncompressed ({big.stat().st_size / 1e6:.0f} MB gzip)")
        for threads in (1, 2):
            t0 = time.perf_counter()
            out = subprocess.run(
                [sys.executable, "-c", MEMORY_SCRIPT, str(big), str(threads)],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()
            secs = time.perf_counter() - t0
            rows, base_kb, peak_kb = map(int, out)
            print(
                f"  n_threads={threads}: {rows} articles in {secs:.0f} s ({total / 1e6 / secs:.1f} MB/s), "
                f"peak RSS {peak_kb / 1024:.0f} MB (after import {base_kb / 1024:.0f} MB)"
                f"  [load {load()}]"
            )
        big.unlink()
    print(f"\nload average after: {load()}")
    if args.tmp is None:
        for p in tmp.iterdir():
            p.unlink()
        tmp.rmdir()


if __name__ == "__main__":
    main()
