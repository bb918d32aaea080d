"""The ``newsprep`` console command: clean, split and match documents in JSONL, CSV, Parquet or text files.

Usage::

    newsprep clean INPUT -o OUTPUT [--column text] [--sites domain]
    newsprep sentences INPUT -o OUTPUT
    newsprep entities INPUT -o OUTPUT [--gazetteer names.jsonl] [--fold-accents]
    newsprep process INPUT -o OUTPUT [--gazetteer names.jsonl]
    newsprep demo

INPUT is a ``.jsonl``/``.ndjson``, ``.csv``, ``.parquet`` or ``.txt`` file, a directory of ``.txt`` files
(one document per file) or ``-`` for JSONL on standard input; ``--format`` overrides the extension.
OUTPUT's extension picks JSONL, CSV or Parquet; ``-`` (the default) writes JSONL to standard output.
Records are read and processed in batches (``--batch-size``), so files larger than memory work. Every
output record keeps the input's fields and adds the command's results. A malformed record is reported
as ``file:line: error`` on standard error and the rest is still processed; the command ends with
``processed N, failed M`` and exits with 1 when any record failed, 2 on a usage error (such as a
missing column) and 0 otherwise.
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import newsprep
from newsprep._boilerplate import _explanation

__all__ = ["main", "build_parser", "CliError"]

COMMANDS = ("clean", "sentences", "entities", "process")
FORMATS = ("jsonl", "csv", "parquet", "txt")
_EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
}
# Fields the commands add, as JSON-like structures; CSV stores the nested ones as JSON strings.
_NESTED = ("removed", "sentences", "entities")


class CliError(Exception):
    """A usage error (bad option, missing column, unreadable input): the command exits with ``code``."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Item:
    """One input record (``record``) or one unreadable record (``error``), with where it came from."""

    where: str
    record: dict[str, Any] | None = None
    error: str | None = None


@dataclass
class Stats:
    """Counts for the closing summary."""

    processed: int = 0
    failed: int = 0
    warned: set[str] = field(default_factory=set)


# ---------------------------------------------------------------------------------------------- input


def detect_format(path: str, given: str | None, *, output: bool = False) -> str:
    """The format of ``path``: ``given`` when set, else from the extension (a directory is ``txt``)."""
    if given:
        return given
    if path == "-":
        return "jsonl"
    if not output and os.path.isdir(path):
        return "txt"
    suffix = Path(path).suffix.lower()
    if suffix in _EXTENSIONS and not (output and _EXTENSIONS[suffix] == "txt"):
        return _EXTENSIONS[suffix]
    kinds = "--format" if not output else "an output extension"
    raise CliError(
        f"cannot tell the format of {path!r} from its extension; use {kinds} "
        f"({', '.join(sorted(k for k in _EXTENSIONS if output is False or _EXTENSIONS[k] != 'txt'))})"
    )


def _need_pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CliError("Parquet needs pyarrow, which is not installed: pip install pyarrow") from None
    return pyarrow


def read_jsonl(path: str) -> Iterator[Item]:
    """Records of a JSON-lines file (``-`` is standard input); blank lines are skipped."""
    name = "<stdin>" if path == "-" else path
    f = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115 - closed below
    try:
        for no, raw in enumerate(f, 1):
            where = f"{name}:{no}"
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield Item(where, error=f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                yield Item(where, error=f"not valid JSON: {exc.msg} (column {exc.colno})")
                continue
            if not isinstance(rec, dict):
                yield Item(where, error=f"expected a JSON object, got {type(rec).__name__}")
                continue
            yield Item(where, record=rec)
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def read_csv(path: str) -> Iterator[Item]:
    """Rows of a CSV file with a header line, as dicts; rows with the wrong number of fields are errors."""
    name = "<stdin>" if path == "-" else path
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # whole articles in one field
    f = sys.stdin if path == "-" else open(path, encoding="utf-8", newline="")  # noqa: SIM115
    try:
        reader = csv.reader(f)
        try:
            header = next(reader)
        except StopIteration:
            return
        yield Item(f"{name}:1", record={"__header__": header})
        while True:
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Item(f"{name}:{reader.line_num}", error=f"malformed CSV: {exc}")
                continue
            except UnicodeDecodeError as exc:
                yield Item(f"{name}:{reader.line_num + 1}", error=f"not valid UTF-8 ({exc.reason})")
                return  # a text stream cannot resume after a decoding error
            if not row:
                continue
            where = f"{name}:{reader.line_num}"
            if len(row) != len(header):
                yield Item(where, error=f"row has {len(row)} fields, the header has {len(header)}")
                continue
            yield Item(where, record=dict(zip(header, row, strict=True)))
    finally:
        if f is not sys.stdin:
            f.close()


def read_parquet(path: str, batch_size: int) -> Iterator[Item]:
    """Rows of a Parquet file, read one record batch at a time."""
    _need_pyarrow()
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    yield Item(f"{path}:0", record={"__header__": list(pf.schema_arrow.names), "__schema__": pf.schema_arrow})
    row = 0
    for batch in pf.iter_batches(batch_size=batch_size):
        for rec in batch.to_pylist():
            row += 1
            yield Item(f"{path}:row {row}", record=rec)


def read_txt(path: str, column: str) -> Iterator[Item]:
    """A text file as one document, or every ``*.txt`` file under a directory (sorted) as one each."""
    root = Path(path)
    files = sorted(p for p in root.rglob("*.txt") if p.is_file()) if root.is_dir() else [root]
    for p in files:
        name = str(p.relative_to(root)) if root.is_dir() else p.name
        try:
            text = p.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            yield Item(str(p), error=f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        except OSError as exc:
            yield Item(str(p), error=f"cannot read: {exc.strerror}")
            continue
        yield Item(str(p), record={"file": name, column: text})


def read_items(path: str, fmt: str, column: str, batch_size: int) -> Iterator[Item]:
    """The input's records (and unreadable ones) in order; header items carry the column names first."""
    if path != "-" and not os.path.exists(path):
        raise CliError(f"input not found: {path}")
    if path == "-" and fmt not in ("jsonl", "csv"):
        raise CliError(f"standard input can be JSONL or CSV, not {fmt}")
    if fmt == "jsonl":
        return read_jsonl(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "parquet":
        return read_parquet(path, batch_size)
    return read_txt(path, column)


def count_hint(path: str, fmt: str) -> int | None:
    """How many documents the input holds when that is cheap to know (for the progress bar)."""
    try:
        if fmt == "parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if fmt == "txt":
            root = Path(path)
            return sum(1 for p in root.rglob("*.txt") if p.is_file()) if root.is_dir() else 1
    except Exception:  # pragma: no cover - only a hint
        return None
    return None


# --------------------------------------------------------------------------------------------- output


def _json_default(value: Any) -> Any:
    """JSON for the values Parquet brings that JSON lacks: dates and times, decimals, bytes."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    return str(value)  # Decimal, UUID ...


def _csv_value(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return value


class Writer:
    """Writes output records as JSONL, CSV or Parquet; opened on the first batch (so the header is known)."""

    def __init__(self, path: str, fmt: str, stats: Stats, command: str, input_schema: Any = None) -> None:
        self.path, self.fmt, self.stats, self.command = path, fmt, stats, command
        self.input_schema = input_schema
        self._f: IO[str] | None = None
        self._csv: Any = None
        self._fields: list[str] | None = None
        self._pq: Any = None
        self._schema: Any = None
        if fmt == "parquet":
            _need_pyarrow()

    def _open_text(self) -> IO[str]:
        if self.path == "-":
            return sys.stdout
        return open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed in close()

    def _warn_extra(self, rows: list[dict[str, Any]]) -> None:
        known = set(self._fields or ())
        extra = sorted({k for r in rows for k in r if k not in known} - self.stats.warned)
        if extra:
            self.stats.warned.update(extra)
            _err(
                f"warning: field(s) {', '.join(extra)} first seen after the {self.fmt.upper()} columns were "
                f"fixed by the first batch; they are not written (use JSONL output to keep every field)"
            )

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Writes one batch of output records."""
        if self.fmt == "jsonl":
            if self._f is None:
                self._f = self._open_text()
            self._f.write(
                "".join(json.dumps(r, ensure_ascii=False, default=_json_default) + "\n" for r in rows)
            )
        elif self.fmt == "csv":
            if self._f is None:
                self._f = self._open_text()
                fields: dict[str, None] = {}
                for r in rows:
                    fields.update(dict.fromkeys(r))
                self._fields = list(fields)
                self._csv = csv.DictWriter(self._f, fieldnames=self._fields, extrasaction="ignore")
                self._csv.writeheader()
            self._warn_extra(rows)
            self._csv.writerows({k: _csv_value(v) for k, v in r.items()} for r in rows)
        else:
            self._write_parquet(rows)

    def _write_parquet(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._pq is None:
            self._schema = self._parquet_schema(rows)
            self._fields = list(self._schema.names)
            self._pq = pq.ParquetWriter(self.path, self._schema)
        self._warn_extra(rows)
        if not rows:
            return
        table = pa.Table.from_pylist(rows, schema=self._schema)
        self._pq.write_table(table)

    def _parquet_schema(self, rows: list[dict[str, Any]]) -> Any:
        import pyarrow as pa

        added = {
            "clean_text": pa.string(),
            "removed": pa.list_(
                pa.struct([("line", pa.int64()), ("reason", pa.string()), ("text", pa.string())])
            ),
            "sentences": pa.list_(
                pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())])
            ),
            "entities": pa.list_(
                pa.struct(
                    [
                        ("start", pa.int64()),
                        ("end", pa.int64()),
                        ("text", pa.string()),
                        ("id", pa.string()),
                        ("label", pa.string()),
                    ]
                    + ([("sentence", pa.int64())] if self.command == "process" else [])
                )
            ),
        }
        names: dict[str, None] = {}
        for r in rows:
            names.update(dict.fromkeys(r))
        inferred = pa.Table.from_pylist([{k: v for k, v in r.items() if k not in added} for r in rows]).schema
        fields = []
        for name in names:
            if name in added:
                typ = added[name]
            elif self.input_schema is not None and name in self.input_schema.names:
                typ = self.input_schema.field(name).type
            else:
                typ = inferred.field(name).type
                if pa.types.is_null(typ):
                    typ = pa.string()
            fields.append(pa.field(name, typ))
        return pa.schema(fields)

    def close(self, *, discard_if_empty: bool = False) -> None:
        """Flushes and closes the output (an empty input still leaves a valid, empty output).

        With ``discard_if_empty``, an output that was never opened is not created at all.
        """
        if discard_if_empty and self._f is None and self._pq is None:
            return
        if self.fmt == "parquet":
            if self._pq is None:
                self._write_parquet([])
            self._pq.close()
            return
        if self._f is None:
            self._f = self._open_text()
        self._f.flush()
        if self._f is not sys.stdout:
            self._f.close()


# ------------------------------------------------------------------------------------------ processing


def _removed(records: Any) -> list[dict[str, Any]]:
    return [{"line": r.line, "reason": r.reason, "text": r.text} for r in records]


def _sentence_dicts(text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    return [{"start": s, "end": e, "text": text[s:e]} for s, e in spans]


def _match_dicts(matches: list[Any]) -> list[dict[str, Any]]:
    return [{"start": m.start, "end": m.end, "text": m.text, "id": m.id, "label": m.label} for m in matches]


def make_processor(
    args: argparse.Namespace,
) -> Callable[[list[str | None], list[Any] | None], dict[str, list]]:
    """The batch function of a command: texts (and sites) in, one list per added field out."""
    n = args.threads
    if args.command == "clean":
        cleaner = newsprep.Cleaner()

        def run_clean(texts: list[str | None], sites: list[Any] | None) -> dict[str, list]:
            if sites is not None:
                # Corpus mode: lines repeated across a site's pages within this batch are chrome.
                pairs = [(t, s) for t, s in zip(texts, sites, strict=True) if t is not None and s is not None]
                cleaner.fit([t for t, _ in pairs], [s for _, s in pairs])
            if args.no_removed:
                return {"clean_text": cleaner.clean_many(texts, sites=sites, n_threads=n)}
            # One pass in Rust gives the clean text and the reason for every removed line.
            both = cleaner._clean_explain_many(texts, sites, n, None)
            return {
                "clean_text": [None if b is None else b[0] for b in both],
                "removed": [
                    None if b is None else _removed(_explanation(t, b[1]).removed)
                    for t, b in zip(texts, both, strict=True)
                ],
            }

        return run_clean
    if args.command == "sentences":
        splitter = newsprep.SentenceSplitter()

        def run_sentences(texts: list[str | None], sites: list[Any] | None) -> dict[str, list]:
            spans = splitter.spans_many(texts, n_threads=n)
            return {
                "sentences": [
                    None if t is None else _sentence_dicts(t, sp) for t, sp in zip(texts, spans, strict=True)
                ]
            }

        return run_sentences
    if args.command == "entities":
        matcher = load_matcher(args, required=True)

        def run_entities(texts: list[str | None], sites: list[Any] | None) -> dict[str, list]:
            found = matcher.find_many(texts, n_threads=n)
            return {"entities": [None if ms is None else _match_dicts(ms) for ms in found]}

        return run_entities
    pipeline_cls = getattr(newsprep, "Pipeline", None)
    if pipeline_cls is None:
        try:
            from ._pipeline import Pipeline as pipeline_cls
        except ImportError:
            pipeline_cls = None
    if pipeline_cls is None:
        raise CliError("newsprep process needs newsprep.Pipeline, which this build of newsprep does not have")
    pipe = pipeline_cls(matcher=load_matcher(args, required=False))

    def run_process(texts: list[str | None], sites: list[Any] | None) -> dict[str, list]:
        present = [t for t in texts if t is not None]
        docs = iter(pipe.process(present, n_threads=n) if present else [])
        out: dict[str, list] = {"clean_text": [], "removed": [], "sentences": [], "entities": []}
        for t in texts:
            if t is None:
                for v in out.values():
                    v.append(None)
                continue
            doc = next(docs)
            out["clean_text"].append(doc.clean_text)
            out["removed"].append(_removed(r for r in doc.removed if not r.kept and r.text.strip()))
            out["sentences"].append([{"start": s.start, "end": s.end, "text": s.text} for s in doc.sentences])
            out["entities"].append(
                [
                    {"start": m.start, "end": m.end, "text": m.text, "id": m.id, "label": m.label}
                    | {"sentence": m.sentence}
                    for m in doc.entities
                ]
            )
        return out

    return run_process


def load_matcher(args: argparse.Namespace, *, required: bool) -> Any:
    """The matcher for ``--gazetteer`` (or the bundled country gazetteer for ``entities`` without one)."""
    if args.gazetteer:
        try:
            return newsprep.EntityMatcher.from_jsonl(args.gazetteer, fold_accents=args.fold_accents)
        except FileNotFoundError:
            raise CliError(f"gazetteer not found: {args.gazetteer}") from None
        except newsprep.NewsprepError as exc:
            raise CliError(f"cannot use the gazetteer: {exc}") from None
    if not required:
        return None
    return newsprep.gazetteers.countries(fold_accents=True)


def _err(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _missing_column(kind: str, column: str, present: list[str], option: str) -> CliError:
    shown = ", ".join(present) if present else "(none)"
    return CliError(f"{kind} column {column!r} not found (set it with {option}); the input has: {shown}")


def run(args: argparse.Namespace) -> int:
    """Runs one of the processing commands; returns the exit code."""
    if args.batch_size < 1:
        raise CliError("--batch-size must be at least 1")
    fmt_in = detect_format(args.input, args.format)
    fmt_out = detect_format(args.output, args.output_format, output=True)
    if fmt_in == "parquet":
        _need_pyarrow()
    if fmt_out == "parquet" and args.output == "-":
        raise CliError("Parquet cannot be written to standard output; give an output file")
    if args.input != "-" and args.output != "-" and os.path.exists(args.output):
        if os.path.samefile(args.input, args.output):
            raise CliError(f"the output {args.output} is the input; write to another file")
    if args.sites and args.command != "clean":
        raise CliError("--sites applies to the clean command only")
    process = make_processor(args)
    stats = Stats()
    items = read_items(args.input, fmt_in, args.column, args.batch_size)

    # The first item says which columns there are (a header, or the first JSONL record).
    checked = False
    writer = Writer(args.output, fmt_out, stats, args.command)
    bar = _progress(args, count_hint(args.input, fmt_in))
    batch: list[Item] = []

    def flush() -> None:
        if batch:
            _process_batch(batch, args, process, writer, stats)
            if bar is not None:
                bar.update(len(batch))
            batch.clear()

    try:
        for item in items:
            if item.record is not None and "__header__" in item.record:
                header = item.record["__header__"]
                writer.input_schema = item.record.get("__schema__")
                _check_columns(args, header)
                checked = True
                continue
            if item.error is not None:
                stats.failed += 1
                _err(f"{item.where}: {item.error}")
                continue
            if not checked:
                _check_columns(args, list(item.record or {}))
                checked = True
            batch.append(item)
            if len(batch) >= args.batch_size:
                flush()
        flush()
    except CliError:
        writer.close(discard_if_empty=True)  # a usage error leaves no output file behind
        raise
    except BaseException:
        writer.close()  # keep what was written readable (Parquet needs its footer)
        raise
    finally:
        if bar is not None:
            bar.close()
    writer.close()
    _err(f"newsprep {args.command}: processed {stats.processed}, failed {stats.failed}")
    return 1 if stats.failed else 0


def _check_columns(args: argparse.Namespace, present: list[str]) -> None:
    if args.column not in present:
        raise _missing_column("text", args.column, present, "--column")
    if args.sites and args.sites not in present:
        raise _missing_column("sites", args.sites, present, "--sites")


def _process_batch(
    batch: list[Item], args: argparse.Namespace, process: Callable, writer: Writer, stats: Stats
) -> None:
    good: list[dict[str, Any]] = []
    texts: list[str | None] = []
    sites: list[Any] | None = [] if args.sites else None
    for item in batch:
        rec = item.record or {}
        if args.column not in rec:
            stats.failed += 1
            _err(f"{item.where}: no field {args.column!r} (fields: {', '.join(rec) or '(none)'})")
            continue
        text = rec[args.column]
        if text is not None and not isinstance(text, str):
            stats.failed += 1
            _err(f"{item.where}: field {args.column!r} is {type(text).__name__}, expected a string or null")
            continue
        good.append(rec)
        texts.append(text)
        if sites is not None:
            site = rec.get(args.sites)
            sites.append(None if site is None else str(site))
    if not good:
        return
    try:
        added = process(texts, sites)
    except Exception as exc:  # a failure of the whole batch: report every record, keep going
        stats.failed += len(good)
        first, last = batch[0].where, batch[-1].where
        _err(f"{first} .. {last}: batch of {len(good)} records failed: {type(exc).__name__}: {exc}")
        return
    rows = []
    for i, rec in enumerate(good):
        out = dict(rec)
        for name, values in added.items():
            out[name] = values[i]
        rows.append(out)
    writer.write(rows)
    stats.processed += len(rows)


def _progress(args: argparse.Namespace, total: int | None) -> Any:
    if not args.progress:
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        _err("note: --progress needs tqdm (pip install tqdm); running without a progress bar")
        return None
    return tqdm(total=total, desc=args.command, unit="doc", file=sys.stderr)


# ------------------------------------------------------------------------------------------ arguments


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsprep`` command (sub-commands demo, clean, sentences, ...)."""
    parser = argparse.ArgumentParser(
        prog="newsprep",
        description="Prepare scraped news text: remove boilerplate, split sentences, match entities.",
        epilog="Run 'newsprep COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"newsprep {newsprep.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("demo", help="run newsprep on a bundled example page")
    helps = {
        "clean": "remove boilerplate: adds clean_text and removed (the lines that went, with reasons)",
        "sentences": "split into sentences: adds sentences [{start, end, text}]",
        "entities": "match a gazetteer: adds entities [{start, end, text, id, label}]",
        "process": "clean, split and match in one pass (newsprep.Pipeline): adds all of the above",
    }
    for name in COMMANDS:
        p = sub.add_parser(name, help=helps[name], description=helps[name])
        p.add_argument(
            "input", metavar="INPUT", help="JSONL, CSV, Parquet or .txt file, a directory of .txt, or -"
        )
        p.add_argument(
            "-o", "--output", default="-", help="output .jsonl, .csv or .parquet; - for JSONL on stdout"
        )
        p.add_argument("--format", choices=FORMATS, help="input format (default: from the extension)")
        p.add_argument(
            "--output-format", choices=FORMATS[:3], help="output format (default: from the extension)"
        )
        p.add_argument("--column", default="text", help="the column holding the text (default: text)")
        p.add_argument("--batch-size", type=int, default=1000, help="records per batch (default: 1000)")
        p.add_argument("--threads", type=int, default=None, help="worker threads (default: all cores)")
        p.add_argument("--progress", action="store_true", help="show a progress bar (needs tqdm)")
        p.add_argument(
            "--sites",
            metavar="COLUMN",
            help="clean: corpus mode, the column with each page's site (lines repeated across a site's "
            "pages in a batch are removed)",
        )
        p.add_argument("--no-removed", action="store_true", help="clean: do not add the removed lines")
        if name in ("entities", "process"):
            p.add_argument(
                "--gazetteer",
                metavar="FILE.jsonl",
                help='records {"id", "label", "names": [...]} one per line'
                + (" (default: the bundled country gazetteer)" if name == "entities" else ""),
            )
            p.add_argument(
                "--fold-accents", action="store_true", help="match names ignoring accents (Sao Paulo)"
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the ``newsprep`` command with ``argv`` (default: ``sys.argv[1:]``) and returns its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            from .__main__ import demo

            return demo()
        return run(args)
    except CliError as exc:
        _err(f"newsprep {args.command}: error: {exc}")
        return exc.code
    except BrokenPipeError:  # e.g. piped into head
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        _err(f"newsprep {args.command}: interrupted")
        return 130
    except OSError as exc:
        _err(f"newsprep {args.command}: error: {exc}")
        return 2
