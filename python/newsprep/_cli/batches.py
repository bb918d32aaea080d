"""One batch of records through a command, and the progress bar: shared by the run loop of
:mod:`.app` and the archive reader of :mod:`.warc_run`, below both (neither imports the other's
private names)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .. import _core
from .._batch import batch_position
from .commands import Command, Processor
from .common import Item, Stats, err, kept_name
from .writers import Writer

__all__ = ["advance", "process_batch", "progress"]


def _note_kept(good: list[Item], added: dict[str, Any], dropped: set[str], stats: Stats) -> None:
    """Says once per run which input fields were kept under another name."""
    seen = {k for item in good for k in (item.record or {}) if k in added and k not in dropped}
    new = sorted(k for k in seen if f"kept:{k}" not in stats.warned)
    if not new:
        return
    stats.warned.update(f"kept:{k}" for k in new)
    renamed = ", ".join(f"{k!r} as {kept_name(k, added)!r}" for k in new)
    err(f"note: the command writes its own {', '.join(new)}; the input's are kept: {renamed}")


def process_batch(
    batch: list[Item],
    args: argparse.Namespace,
    process: Processor,
    writer: Writer,
    stats: Stats,
    command: Command | None = None,
) -> None:
    """Processes and writes one batch; a record that fails is reported and counted, the rest written."""
    html = command is not None and command.reads_html(args)
    text_types: tuple[type, ...] = (str, bytes) if html else (str,)
    expected = "a string, bytes or null" if html else "a string or null"
    dropped = set(command.dropped(args)) if command is not None else set()
    good: list[Item] = []
    for item in batch:
        rec = item.record or {}
        if args.column not in rec:
            stats.failed += 1
            err(f"{item.where}: no field {args.column!r} (fields: {', '.join(rec) or '(none)'})")
            continue
        text = rec[args.column]
        if text is not None and not isinstance(text, text_types):
            stats.failed += 1
            err(f"{item.where}: field {args.column!r} is {type(text).__name__}, expected {expected}")
            continue
        good.append(item)
    if not good:
        return
    if html:
        _note_urls(good, getattr(args, "url_column", None) or "url")
    try:
        added = _run(process, good, args.column)
    except Exception as exc:  # noqa: BLE001 - find the records that fail; write the others
        good = _isolate(process, good, args.column, exc, stats)
        if not good:
            return
        try:
            added = _run(process, good, args.column)
        except Exception as again:  # noqa: BLE001 - fails only as a batch: report every record
            for item in good:
                err(f"{item.where}: failed in a batch: {type(again).__name__}: {again}")
            stats.failed += len(good)
            return
    rows = []
    for i, item in enumerate(good):
        out: dict[str, Any] = {}
        for k, v in (item.record or {}).items():
            if k not in dropped:
                out[kept_name(k, added) if k in added else k] = v
        for name, values in added.items():
            out[name] = values[i]
        rows.append(out)
    _note_kept(good, added, dropped, stats)
    writer.write(rows)
    stats.processed += len(rows)


def _note_urls(items: list[Item], column: str) -> None:
    """Reports each page URL that cannot be used (not a string, not an absolute http(s) URL): the
    page is still extracted, with no URL but the one it declares."""
    for item in items:
        value = (item.record or {}).get(column)
        if (
            value is None
            or (isinstance(value, str) and not value.strip())
            or (isinstance(value, float) and value != value)
        ):
            continue
        if not isinstance(value, str):
            why = f"is {type(value).__name__}, not a URL"
        elif _core._page_url(value) is None:
            why = f"{value[:80]!r} is not an absolute http(s) URL"
        else:
            continue
        err(f"{item.where}: field {column!r} {why}: not used as the page's URL")


def _run(process: Processor, items: list[Item], column: str) -> dict[str, list[Any]]:
    records = [item.record or {} for item in items]
    return process([r[column] for r in records], records)


def _isolate(process: Processor, items: list[Item], column: str, exc: Exception, stats: Stats) -> list[Item]:
    """After a failed batch: runs each record alone, reports those that fail, returns the others."""
    ok = []
    for item in items:
        try:
            _run(process, [item], column)
        except Exception as one:  # noqa: BLE001 - this record is the problem
            stats.failed += 1
            # run alone, the record is item 0 of its batch: the file and line say where it is
            at = batch_position(str(one))
            said = at[2] if at is not None and at[1] == 0 else str(one)
            err(f"{item.where}: {type(one).__name__}: {said}")
        else:
            ok.append(item)
    if len(ok) == len(items):  # no record fails alone: report the batch's error on each
        for item in items:
            err(f"{item.where}: failed in a batch: {type(exc).__name__}: {exc}")
        stats.failed += len(items)
        return []
    return ok


def progress(args: argparse.Namespace, total: int | None, done: int) -> Any:
    """A tqdm bar on stderr, drawn only once the input and options have been checked."""
    if not args.progress:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        err("note: --progress needs tqdm (pip install tqdm); running without a progress bar")
        args.progress = False
        return None
    return tqdm(total=total, initial=done, desc=f"newsprep {args.command}", unit="row", file=sys.stderr)


def advance(bar: Any, stats: Stats) -> None:
    if bar is not None:
        bar.update(stats.total - bar.n)
