"""``newsprep extract`` and ``newsprep process`` over WARC archives: files in parallel, one summary.

Each archive is read and extracted by :func:`newsprep.extract_warc` (Rust, GIL released) on a worker
thread; the main thread writes the batches as they come (so with several archives the rows of
different archives interleave: each row says its ``warc_file``). With ``--threads N`` and ``k``
archives, ``min(N, k)`` archives are read at once, each extracting on ``N // min(N, k)`` threads.

The closing summary adds up: every record of every archive is an article or a skip with its reason
(``records read = articles + skipped``), and every article is processed or failed. An archive that
cannot be read at all (not a WARC file, unreadable) is reported and counted as a failed archive; the
others are still read.
"""

from __future__ import annotations

import argparse
import os
import queue
import threading
from dataclasses import dataclass
from typing import Any

import newsprep
from newsprep._warc import ARTICLE_COLUMNS

from .batches import process_batch, progress
from .commands import WARC_FIELDS, Command, make_extractor
from .common import CliError, Item, Stats, err
from .readers import detect_format, warc_files
from .writers import Layout, open_writer

__all__ = ["run_warc"]


@dataclass
class _Batch:
    path: str
    frame: Any = None
    done: Any = None  # a WarcSummary when the archive is finished
    error: str | None = None
    bytes_read: int = 0


def _string(pa: Any) -> Any:
    return pa.string()


def _worker(
    path: str,
    options: dict[str, Any],
    out: queue.Queue[_Batch],
    stop: threading.Event,
) -> None:
    """Reads one archive and puts its batches on ``out`` (blocking while the writer is behind)."""

    def put(b: _Batch) -> bool:
        while not stop.is_set():
            try:
                out.put(b, timeout=0.2)
                return True
            except queue.Full:
                continue
        return False

    try:
        articles = newsprep.extract_warc(path, **options)
    except (newsprep.NewsprepError, OSError) as exc:
        put(_Batch(path, error=str(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - the main thread waits for a word from every archive
        put(_Batch(path, error=f"{type(exc).__name__}: {exc}"))
        return
    try:
        last = 0
        for frame in articles:
            if stop.is_set():
                return
            now = articles.bytes_read
            if not put(_Batch(path, frame=frame, bytes_read=now - last)):
                return
            last = now
        put(_Batch(path, done=articles.summary, bytes_read=articles.bytes_read - last))
    except Exception as exc:  # noqa: BLE001 - reported as this archive's failure, the others go on
        put(_Batch(path, error=f"{type(exc).__name__}: {exc}", done=articles.summary))
    finally:
        articles.close()


def run_warc(args: argparse.Namespace, command: Command) -> int:
    """Runs ``extract`` or ``process`` over the archives in ``args.inputs``; returns the exit code."""

    notes: list[str] = []
    files = warc_files(args.inputs, notes)
    for note in notes:
        err(f"newsprep {args.command}: {note}")
    fmt_out = detect_format(args.output, args.output_format, output=True)
    if fmt_out == "parquet" and args.output == "-":
        raise CliError("Parquet cannot be written to standard output; give an output file")
    if args.output != "-" and os.path.exists(args.output):
        for f in files:
            if os.path.samefile(f, args.output):
                raise CliError(f"the output {args.output} is an input; write to another file")
    threads = args.threads or os.cpu_count() or 1
    workers = max(1, min(threads, len(files)))
    per_file = max(1, threads // workers)
    make_extractor(args)  # check the options before any file is opened
    process = None
    if command.name == "process":
        # The articles are extracted in Rust; the Pipeline then splits and matches their text (without
        # cleaning it again: from_articles).
        as_text = {"html": False, "column": "text", "from_articles": True}
        text_args = argparse.Namespace(**{**vars(args), **as_text})
        process = command.make(text_args)
        added = {k: v for k, v in command.fields(args).items() if k not in ("text",)}
    else:
        added = {}
        text_args = args
    fields = dict.fromkeys((*ARTICLE_COLUMNS, *WARC_FIELDS), _string)
    layout = Layout([], None, {**fields, **added}, fallback_columns=[])
    stats = Stats()
    writer = open_writer(args.output, fmt_out, layout, stats)
    options = {
        "n_threads": per_file,
        "batch_size": args.batch_size,
        "extractor": make_extractor(args),
    }
    total_bytes = sum(os.path.getsize(f) for f in files)
    bar = None
    if args.progress:
        bar = progress(args, total_bytes, 0)
        if bar is not None:
            bar.unit, bar.unit_scale = "B", True
    out: queue.Queue[_Batch] = queue.Queue(maxsize=2 * workers)
    stop = threading.Event()
    pending = list(reversed(files))
    running: dict[str, threading.Thread] = {}
    summary = newsprep.WarcSummary()
    failed_files: list[str] = []

    def start_more() -> None:
        while pending and len(running) < workers:
            path = pending.pop()
            t = threading.Thread(target=_worker, args=(path, options, out, stop), daemon=True)
            running[path] = t
            t.start()

    try:
        start_more()
        while running:
            b = out.get()
            if b.frame is not None:
                frame = b.frame
                rows = frame.to_dict("records")
                for r in rows:
                    r["warc_file"] = b.path
                items = [Item(f"{b.path}:{r.get('record_id') or '?'}", record=r) for r in rows]
                if process is None:
                    writer.write(rows)
                    stats.processed += len(rows)
                else:
                    process_batch(items, text_args, process, writer, stats)
            if b.error is not None:
                err(f"{b.path}: {b.error}")
                failed_files.append(b.path)
            if b.done is not None or b.error is not None:
                if b.done is not None:
                    summary = summary + b.done
                running.pop(b.path).join()
                start_more()
            if bar is not None:
                bar.update(b.bytes_read)
    except BaseException:
        stop.set()
        writer.close()
        raise
    finally:
        if bar is not None:
            bar.close()
    writer.close()
    n = len(files)
    archives = f"{n} archive{'s' if n != 1 else ''}"
    if failed_files:
        archives += f" ({len(failed_files)} could not be read)"
    err(f"newsprep {args.command}: {archives}: {summary}")
    if process is not None:
        err(f"newsprep {args.command}: {stats.summary('articles')}")
    return 1 if failed_files or stats.failed else 0
