"""The ``newsprep`` command: its argument parser and the run loop (read a batch, process it, write it).

The formats live in :mod:`.readers` and :mod:`.writers`, the commands in :mod:`.commands`; this
module only wires them together and keeps the counts. See :mod:`newsprep._cli` for the usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Any

import newsprep

from .batches import advance, process_batch, progress
from .commands import COMMANDS, Command
from .common import CliError, Item, Stats, at_least, err
from .readers import (
    ENCODED_FORMATS,
    KINDS,
    READERS,
    ReaderOptions,
    check_encoding,
    detect_format,
    items,
    left_out_note,
    open_reader,
)
from .writers import OUTPUT_FORMATS, Layout, open_writer

__all__ = ["build_parser", "main", "run"]


def _common_options() -> argparse.ArgumentParser:
    """The options every processing command takes."""
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument(
        "input",
        metavar="INPUT",
        nargs="+",
        help="a .jsonl/.ndjson, .json (an array of objects, or JSON lines), .csv, .parquet or .txt file, "
        "a directory of .txt files (one document each), or - for JSON lines on standard input (a CSV file's "
        "separator, comma, semicolon, tab or |, is read from its header line); for "
        "extract and process also .html files, a directory of them, and .warc/.warc.gz archives "
        "(several archives or directories of them at once); JSON lines, JSON and CSV files may be "
        "compressed (pages.jsonl.gz, .bz2, .xz)",
    )
    p.add_argument(
        "-o",
        "--output",
        default="-",
        help="output .jsonl, .csv or .parquet (.jsonl and .csv also compressed: .jsonl.gz, .csv.bz2, "
        ".csv.xz ...); - (default): JSON lines on stdout",
    )
    p.add_argument("--format", choices=tuple(READERS), help="input format (default: from the extension)")
    p.add_argument(
        "--output-format", choices=OUTPUT_FORMATS, help="output format (default: from the extension)"
    )
    p.add_argument(
        "--encoding",
        default=None,
        metavar="ENC",
        help="the encoding of CSV, JSON and text inputs (default: utf-8; e.g. cp1252 for a spreadsheet's "
        "export); HTML pages find their own",
    )
    p.add_argument(
        "--column",
        default=None,
        help="the field holding the text (default: text; html when the input is HTML: extract, "
        "process --html)",
    )
    p.add_argument(
        "--batch-size",
        type=at_least(1),
        default=1000,
        metavar="N",
        help="records per batch (default: 1000)",
    )
    p.add_argument(
        "--threads", type=at_least(1), default=None, metavar="N", help="worker threads (default: all cores)"
    )
    p.add_argument("--progress", action="store_true", help="show a progress bar on stderr (needs tqdm)")
    return p


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``newsprep`` command (sub-commands demo, clean, sentences, ...)."""
    parser = argparse.ArgumentParser(
        prog="newsprep",
        description="Prepare scraped news text: remove boilerplate, split sentences, match entities.",
        epilog="Run 'newsprep COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"newsprep {newsprep.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser(
        "demo",
        help="run newsprep on a bundled example page",
        description="run newsprep on a bundled example page",
    )
    common = _common_options()
    for command in COMMANDS.values():
        p = sub.add_parser(command.name, parents=[common], help=command.help, description=command.help)
        command.add_options(p)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Runs the ``newsprep`` command with ``argv`` (default: ``sys.argv[1:]``) and returns its exit code.

    Exit codes: 0 every record processed, 1 some records failed (the output holds the others), 2 a
    usage error (reported before any record is processed; no output file is left), 130 Ctrl-C.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            from .demo import demo

            return demo()
        with warnings.catch_warnings():
            warnings.showwarning = _warning_printer(args.command, warnings.showwarning)
            return run(args)
    except CliError as exc:
        err(f"newsprep {args.command}: error: {exc}")
        return exc.code
    except BrokenPipeError:  # e.g. piped into head
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        err(f"newsprep {args.command}: interrupted")
        return 130


def _warning_printer(command: str, default: Any) -> Any:
    """``warnings.showwarning`` for a run: newsprep's own warnings (about the input: markup given to
    clean, page text given to extract, ...) are printed as ``newsprep COMMAND: warning: ...``, as the
    command's other reports are, without the Python source line they would point to."""

    def show(message: Any, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if issubclass(category, newsprep.NewsprepWarning):
            err(f"newsprep {command}: warning: {message}")
        else:
            default(message, category, *args, **kwargs)

    return show


def _missing_column(kind: str, column: str, present: list[str], option: str) -> CliError:
    shown = ", ".join(present) if present else "(none)"
    return CliError(f"{kind} column {column!r} not found (set it with {option}); the input has: {shown}")


def _check_columns(args: argparse.Namespace, present: list[str]) -> None:
    if args.column not in present:
        raise _missing_column("text", args.column, present, "--column")
    sites = getattr(args, "sites", None)
    if sites and sites not in present:
        raise _missing_column("sites", sites, present, "--sites")
    _check_url_column(args, present)


def _check_url_column(args: argparse.Namespace, present: list[str]) -> None:
    """A ``--url-column`` given for HTML input must be there (its default, url, may be absent)."""
    url_column = getattr(args, "url_column", None)
    if url_column and getattr(args, "html", False) and url_column not in present:
        raise _missing_column("URL", url_column, present, "--url-column")


# Options about the columns of a table of pages, and what each means for an archive instead.
_TABLE_OPTIONS = (
    ("column", "--column", "each record's payload is the page"),
    ("url_column", "--url-column", "each page's URL is its record's WARC-Target-URI, written as warc_url"),
    ("keep_html", "--keep-html", "the HTML is not written out"),
    ("sites", "--sites", "a page's site is not a column"),
)


def _check_warc_options(args: argparse.Namespace) -> None:
    """Options about a table's columns would be ignored with WARC archives: a usage error names them."""
    given = [(opt, why) for name, opt, why in _TABLE_OPTIONS if getattr(args, name, None)]
    if given:
        said = "; ".join(f"{opt} ({why})" for opt, why in given)
        raise CliError(f"not for WARC archives, where they would be ignored: {said}")


# Options of process that only the extractor reads: with text input (no --html) they would be ignored.
_HTML_OPTIONS = (
    ("url_column", "--url-column"),
    ("include_comments", "--include-comments"),
    ("include_captions", "--include-captions"),
    ("no_tables", "--no-tables"),
    ("keep_html", "--keep-html"),
)


def _check_html_options(args: argparse.Namespace) -> None:
    """``process`` on text: the extractor's options would be ignored without a word; a usage error."""
    given = [opt for name, opt in _HTML_OPTIONS if getattr(args, name, None)]
    if given:
        raise CliError(
            f"{', '.join(given)}: for HTML input (--html, .html files, WARC archives), where the extractor "
            "reads the pages; this run cleans text, so they would be ignored (add --html if the column "
            "holds HTML)"
        )


def _resolve_inputs(args: argparse.Namespace, command: Command) -> str:
    """Checks the inputs against the command, sets ``args.input``/``args.inputs``, ``args.html`` and
    ``args.column``; returns the input format."""
    inputs = list(args.input) if isinstance(args.input, (list, tuple)) else [args.input]
    formats = [detect_format(p, args.format) for p in inputs]
    args.inputs = inputs
    if any(f == "warc" for f in formats):
        if not all(f == "warc" for f in formats):
            raise CliError("WARC archives cannot be mixed with other inputs in one run")
        fmt = "warc"
    elif len(inputs) > 1:
        raise CliError("several inputs at once are for WARC archives; give one input file or folder")
    else:
        fmt = formats[0]
    args.input = inputs[0]
    if fmt == "warc":
        _check_warc_options(args)
    if command.name == "extract":
        args.html = True
    if fmt in ("html", "warc"):
        if command.name not in ("extract", "process"):
            kind = "WARC archives" if fmt == "warc" else "HTML pages"
            raise CliError(
                f"{kind} are read by newsprep extract (articles) and newsprep process (articles, "
                f"sentences, entities); {command.name} takes text"
            )
        args.html = True
    if command.name == "process" and not getattr(args, "html", False):
        _check_html_options(args)
    if args.column is None:
        args.column = "html" if command.reads_html(args) else "text"
    if args.encoding is None:
        args.encoding = "utf-8"
    elif fmt not in ENCODED_FORMATS:
        pages = "name their own (the extractor reads each page's BOM or <meta charset>)"
        own = {
            "parquet": "Parquet files store text as UTF-8",
            "html": f"HTML pages {pages}",
            "warc": f"the pages of WARC archives {pages}",
        }
        raise CliError(f"--encoding is for CSV, JSON and text inputs: {own.get(fmt, fmt)}")
    else:
        args.encoding = check_encoding(args.encoding)
    return fmt


def run(args: argparse.Namespace) -> int:
    """Runs one processing command; returns the exit code (raises :class:`CliError` on usage errors)."""
    command: Command = COMMANDS[args.command]
    fmt_in = _resolve_inputs(args, command)
    if fmt_in == "warc":
        from .warc_run import run_warc

        return run_warc(args, command)
    fmt_out = detect_format(args.output, args.output_format, output=True)
    if fmt_out == "parquet" and args.output == "-":
        raise CliError("Parquet cannot be written to standard output; give an output file")
    if args.input != "-" and args.output != "-" and os.path.exists(args.output):
        if os.path.samefile(args.input, args.output):
            raise CliError(f"the output {args.output} is the input; write to another file")
    reader = open_reader(args.input, fmt_in, ReaderOptions(args.column, args.batch_size, args.encoding))
    if reader.left_out:
        err(f"newsprep {args.command}: {left_out_note(args.input, reader.left_out, KINDS[fmt_in])}")
    if reader.columns is not None:
        _check_columns(args, reader.columns)
    process = command.make(args)
    stats = Stats()
    dropped = set(command.dropped(args))
    columns = None if reader.columns is None else [c for c in reader.columns if c not in dropped]
    fallback = [] if args.column in dropped else [args.column]
    layout = Layout(columns, reader.schema, command.fields(args), fallback_columns=fallback)
    writer = open_writer(args.output, fmt_out, layout, stats)
    checked = reader.columns is not None
    bar = None
    batch: list[Item] = []
    try:
        for item in items(reader):
            if item.skipped:
                stats.skipped += 1
            elif item.error is not None:
                stats.failed += 1
                err(f"{item.where}: {item.error}")
            else:
                batch.append(item)
            if len(batch) >= args.batch_size:
                if not checked:
                    _check_first_batch(args, batch)
                    checked = True
                bar = bar or progress(args, reader.total, stats.total - len(batch))
                process_batch(batch, args, process, writer, stats, command)
                advance(bar, stats)
                batch = []
        if batch and not checked:
            _check_first_batch(args, batch)
        bar = bar or progress(args, reader.total, 0)
        process_batch(batch, args, process, writer, stats, command)
        advance(bar, stats)
    except CliError:
        writer.discard()  # a usage error leaves no output file behind
        raise
    except BaseException:
        writer.close()  # keep what was written readable (Parquet needs its footer)
        raise
    finally:
        if bar is not None:
            bar.close()
    writer.close()
    err(f"newsprep {args.command}: {stats.summary(reader.unit)}")
    return 1 if stats.failed else 0


def _check_first_batch(args: argparse.Namespace, batch: list[Item]) -> None:
    """For inputs without declared columns (JSON): a column no record of the first batch has is a usage error.

    Later records without it fail one by one (see :func:`.batches.process_batch`).
    """
    seen: dict[str, None] = {}
    for item in batch:
        seen.update(dict.fromkeys(item.record or {}))
    if args.column not in seen:
        raise _missing_column("text", args.column, list(seen), "--column")
    sites = getattr(args, "sites", None)
    if sites and sites not in seen:
        raise _missing_column("sites", sites, list(seen), "--sites")
    _check_url_column(args, list(seen))
