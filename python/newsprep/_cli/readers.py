"""The CLI's input formats: each reader turns a file into :class:`~newsprep._cli.common.Item` s.

A reader is built with ``open_reader(path, fmt, options)``, which raises :class:`CliError` when the
input cannot be used at all (missing file, not Parquet, ...), before any record is read. It then
says what it knows up front (``columns``, ``schema``, ``total``) and yields one item per input row,
so that every row is counted as processed, failed or skipped.

Adding an input kind means writing a reader class and registering it in :data:`READERS` (and its
extensions in :data:`EXTENSIONS`).
"""

from __future__ import annotations

import bz2
import codecs
import collections
import csv
import gzip
import io
import json
import lzma
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from .common import CliError, Item, lone_surrogate

__all__ = [
    "COMPRESSIONS",
    "EXTENSIONS",
    "KINDS",
    "READERS",
    "CutShort",
    "Reader",
    "ReaderOptions",
    "compression",
    "detect_format",
    "items",
    "folder_files",
    "left_out_note",
    "need_pyarrow",
    "open_reader",
    "warc_files",
]

# Extension -> format, for inputs ("txt" only as an input). ".json" is sniffed: an array or JSON lines.
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".warc": "warc",
}

WARC_SUFFIXES = (".warc", ".warc.gz")

# A compressed file is named with its format's extension, then the compression's: pages.jsonl.gz.
COMPRESSIONS: dict[str, Callable[..., Any]] = {".gz": gzip.open, ".bz2": bz2.open, ".xz": lzma.open}
# The formats read and written through a compression (Parquet compresses itself; WARC has .warc.gz).
COMPRESSIBLE = ("jsonl", "json", "csv")
# What a folder read as each format holds, as the note about the files left out says it.
KINDS = {"txt": ".txt files", "html": ".html/.htm/.xhtml/.shtml pages", "warc": ".warc/.warc.gz archives"}
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")

# A CSV field (a whole article) may be long, but not the rest of a file behind an unclosed quote.
CSV_FIELD_LIMIT = 64 << 20

# "\ud800".."\udfff" spelled as a JSON escape: only records whose line has one can hold a lone surrogate.
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class ReaderOptions:
    """What readers need from the command line: the text column, the batch size and the encoding of
    text inputs (CSV, JSON, text files; ``utf-8`` reads and drops a UTF-8 BOM)."""

    def __init__(self, column: str = "text", batch_size: int = 1000, encoding: str = "utf-8") -> None:
        self.column = column
        self.batch_size = batch_size
        self.encoding = encoding


# Formats whose bytes ``--encoding`` decodes (HTML pages find their own encoding; Parquet and WARC
# are binary).
ENCODED_FORMATS = ("csv", "jsonl", "json", "txt")

# The CSV field separators recognised in a header line (the most frequent one outside quotes wins).
CSV_DELIMITERS = (",", ";", "\t", "|")


def check_encoding(name: str) -> str:
    """The codec ``name`` as Python names it, if it can read line by line; else a :class:`CliError`."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        known = "e.g. utf-8, cp1252, latin-1, shift_jis, gb18030"
        raise CliError(f"unknown encoding {name!r} ({known})") from None
    try:
        ascii_safe = "\n,;a".encode(info.name) == b"\n,;a"
    except (UnicodeError, LookupError):
        ascii_safe = False
    if not ascii_safe:
        raise CliError(
            f"encoding {name!r} does not keep ASCII as is (e.g. UTF-16), so lines cannot be read one by "
            f"one; convert the file to UTF-8 first (iconv -f {name} -t utf-8)"
        )
    return info.name


def not_decoded(encoding: str, detail: str) -> str:
    """The error of a record whose bytes are not in ``encoding``, naming the fix."""
    if codecs.lookup(encoding).name in ("utf-8", "utf-8-sig"):
        return (
            f"not valid UTF-8 ({detail}); if the file is in another encoding, name it with --encoding "
            "(e.g. --encoding cp1252)"
        )
    return f"not valid {encoding} ({detail})"


def csv_delimiter(header: str) -> str:
    """The field separator of a CSV file from its header line: the one of ``,`` ``;`` tab ``|`` that
    occurs most often outside quotes (a comma when none does: a single column)."""
    counts = dict.fromkeys(CSV_DELIMITERS, 0)
    quoted = False
    for c in header:
        if c == '"':
            quoted = not quoted
        elif not quoted and c in counts:
            counts[c] += 1
    best = max(CSV_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


class Reader:
    """The rows of one input.

    Attributes:
        columns: the column names when the input declares them before its rows (a CSV header, a
            Parquet schema), else None (JSON: each record has its own fields).
        schema: the input's pyarrow schema (Parquet), used to keep column types in Parquet output.
        total: how many rows there are, when that is cheap to know (for the progress bar).
        unit: what a row is called in the closing summary ("rows", "lines", "files").
        left_out: for a folder, the files in it that are not of the kind read (reported, not read).
    """

    columns: list[str] | None = None
    schema: Any = None
    total: int | None = None
    unit: str = "rows"
    left_out: list[Path] = []  # noqa: RUF012 - never mutated: folder readers assign their own

    def __iter__(self) -> Iterator[Item]:
        raise NotImplementedError


def need_pyarrow() -> Any:
    """Imports pyarrow (and pyarrow.parquet), or a usage error saying how to install it."""
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise CliError("Parquet needs pyarrow, which is not installed: pip install pyarrow") from None
    return pyarrow


def is_warc(p: Path) -> bool:
    """Whether ``p`` is named like a WARC archive (``.warc``, ``.warc.gz``, any case)."""
    return p.name.lower().endswith(WARC_SUFFIXES)


def is_html(p: Path) -> bool:
    """Whether ``p`` is named like an HTML page (``.html``, ``.htm``, ``.xhtml``, ``.shtml``, any case)."""
    return p.suffix.lower() in HTML_SUFFIXES


def folder_files(root: Path, wanted: Callable[[Path], bool]) -> tuple[list[Path], list[Path]]:
    """The files under the folder ``root`` (recursively, sorted): those ``wanted``, and the others,
    which a command reports as left out so that no file goes unread without a word."""
    files: list[Path] = []
    left_out: list[Path] = []
    for p in sorted(root.rglob("*")):
        if p.is_file():
            (files if wanted(p) else left_out).append(p)
    return files, left_out


def left_out_note(root: str | Path, left_out: list[Path], kind: str) -> str:
    """The line that reports the files of the folder ``root`` not read as ``kind`` (at most five
    named): ``folder/: 2 files left out (not .html pages): a.pdf, notes.md``."""
    shown = [str(p.relative_to(root)) for p in left_out[:5]]
    more = f" and {len(left_out) - 5} more" if len(left_out) > 5 else ""
    files = "1 file" if len(left_out) == 1 else f"{len(left_out)} files"
    return f"{root}: {files} left out (not {kind}): {', '.join(shown)}{more}"


def folder_format(path: str) -> str:
    """What a directory holds: ``warc`` (archives) before ``html`` (pages) before ``txt`` (texts).

    The first kind found wins (a folder of archives with a README.txt is read as archives);
    ``--format`` chooses otherwise.
    """
    kinds = set()
    for p in Path(path).rglob("*"):
        if is_warc(p):
            kinds.add("warc")
        elif is_html(p):
            kinds.add("html")
    for kind in ("warc", "html"):
        if kind in kinds:
            return kind
    return "txt"


# Output formats never include these input-only ones.
_INPUT_ONLY = ("txt", "html", "warc")


def compression(path: str) -> str | None:
    """The compression suffix of ``path`` (``.gz``, ``.bz2``, ``.xz``, any case), or None; a
    ``.warc.gz`` archive is a WARC file, read as one."""
    suffix = Path(path).suffix.lower()
    if path == "-" or suffix not in COMPRESSIONS or is_warc(Path(path)):
        return None
    return suffix


def detect_format(path: str, given: str | None, *, output: bool = False) -> str:
    """The format of ``path``: ``given`` when set, else from the extension (a directory by its files)."""
    if given:
        return given
    if path == "-":
        return "jsonl"
    if not output and os.path.isdir(path):
        return folder_format(path)
    if not output and is_warc(Path(path)):
        return "warc"
    comp = compression(path)
    suffix = Path(path[: -len(comp)] if comp else path).suffix.lower()
    fmt = EXTENSIONS.get(suffix)
    if output and fmt == "json":
        fmt = "jsonl"  # JSON output is always JSON lines
    if comp and fmt is not None and fmt not in COMPRESSIBLE:
        raise CliError(f"{path}: {comp} compression is for JSON lines, JSON and CSV files, not {fmt}")
    if fmt is not None and not (output and fmt in _INPUT_ONLY):
        return fmt
    known = sorted(k for k, v in EXTENSIONS.items() if not (output and v in _INPUT_ONLY))
    if not output:
        known.append(".warc.gz")
    option = "--output-format" if output else "--format"
    raise CliError(
        f"cannot tell the format of {path!r} from its extension; use {option} "
        f"(or one of the extensions {', '.join(known)}, JSON lines and CSV also compressed: "
        f"{', '.join(COMPRESSIONS)})"
    )


def _check_record(where: str, rec: Any, raw: bytes | str) -> Item:
    if not isinstance(rec, dict):
        return Item(where, error=f"expected a JSON object, got {type(rec).__name__}")
    needle = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
    if _SURROGATE_ESCAPE.search(needle):
        found = lone_surrogate(rec)
        if found:
            return Item(where, error=f"{found}, which no text encoding can store")
    return Item(where, record=rec)


def _json_error(exc: json.JSONDecodeError) -> str:
    return f"not valid JSON: {exc.msg} (column {exc.colno})"


def _open_binary(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdin.buffer
    comp = compression(path)
    try:
        if comp:
            return _Decompressed(path, COMPRESSIONS[comp](path, "rb"))  # type: ignore[return-value]
        return open(path, "rb")  # noqa: SIM115 - closed by the reader
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror}") from None


class CutShort(CliError):
    """A compressed input whose data is corrupt or cut short at line ``line``: before any record, a
    usage error; later, :func:`items` reports it as the last record, one that failed."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        self.where, self.reason = f"{path}:{line}", reason
        super().__init__(f"cannot read {path}: {reason}")


def items(reader: Reader) -> Iterator[Item]:
    """The items of ``reader``; a compressed input found corrupt or cut short ends them with an item
    that failed, saying where (the records read before it are processed and written)."""
    try:
        yield from reader
    except CutShort as exc:
        yield Item(exc.where, error=exc.reason)


class _Decompressed:
    """A compressed input read as its plain bytes; data that is corrupt or cut short raises
    :class:`CutShort` at the line where it stops."""

    def __init__(self, path: str, f: IO[bytes]) -> None:
        self.path, self.f, self.lines = path, f, 0

    def _guard(self, fn: Callable[..., Any], *args: Any) -> Any:
        try:
            return fn(*args)
        except (OSError, EOFError, zlib.error, lzma.LZMAError) as exc:
            reason = (
                f"the compressed data is corrupt or cut short here ({exc}); the rest of the file is unread"
            )
            raise CutShort(self.path, self.lines + 1, reason) from None

    def __iter__(self) -> _Decompressed:
        return self

    def __next__(self) -> bytes:
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readline(self, size: int = -1) -> bytes:
        line: bytes = self._guard(self.f.readline, size)
        self.lines += line.endswith(b"\n")
        return line

    def read(self, size: int = -1) -> bytes:
        data: bytes = self._guard(self.f.read, size)
        self.lines += data.count(b"\n")
        return data

    def seek(self, pos: int) -> int:
        self.lines = 0
        return int(self._guard(self.f.seek, pos))

    def close(self) -> None:
        self.f.close()


class JsonLinesReader(Reader):
    """JSON lines: one object per line; blank lines are skipped (and counted as skipped)."""

    unit = "lines"

    def __init__(self, path: str, options: ReaderOptions, f: IO[bytes] | None = None) -> None:
        self.name = "<stdin>" if path == "-" else path
        self.f = f if f is not None else _open_binary(path)
        self.encoding = options.encoding

    def __iter__(self) -> Iterator[Item]:
        try:
            for no, raw in enumerate(self.f, 1):
                where = f"{self.name}:{no}"
                if no == 1 and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[len(codecs.BOM_UTF8) :]
                try:
                    line = raw.decode(self.encoding)
                except UnicodeDecodeError as exc:
                    yield Item(where, error=not_decoded(self.encoding, f"{exc.reason} at byte {exc.start}"))
                    continue
                if not line.strip():
                    yield Item(where, skipped=True)
                    continue
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield Item(where, error=_json_error(exc))
                    continue
                yield _check_record(where, rec, raw)
        finally:
            if self.f is not sys.stdin.buffer:
                self.f.close()


def _first_byte(f: Any) -> bytes:
    """The first byte of ``f`` after a UTF-8 BOM and whitespace (b"" when there is none), leaving the
    stream at its start: standard input is peeked, a file read a few bytes at a time and sought back."""
    if f is sys.stdin.buffer:
        peeked: bytes = getattr(f, "peek")(1 << 16)  # noqa: B009 - BinaryIO does not declare peek
        return bytes(peeked).removeprefix(codecs.BOM_UTF8).lstrip()[:1]
    head = f.read(3).removeprefix(codecs.BOM_UTF8)
    while not head.lstrip():
        more = f.read(64)
        if not more:
            break
        head = more
    f.seek(0)
    return bytes(head.lstrip()[:1])


class JsonReader(Reader):
    """JSON: a JSON array of objects (read whole, each element a record), else JSON lines.

    Both ``.json`` and JSON lines inputs (``.jsonl``, ``--format jsonl``, standard input) are read
    by it: a JSON array given as JSON lines was read line by line, its lines failing as invalid JSON
    and the elements alone on a line processed (half the records, without saying why).
    """

    unit = "records"

    def __init__(self, path: str, options: ReaderOptions) -> None:
        self.name = "<stdin>" if path == "-" else path
        f = _open_binary(path)
        stdin = f is sys.stdin.buffer
        if stdin and not hasattr(f, "peek"):
            f, stdin = io.BytesIO(f.read()), False  # a standard input that cannot be peeked: read whole
        try:
            # Only the first bytes tell an array: standard input is peeked and a file read a little, so
            # that JSON lines still stream, and a compressed file cut short fails at its own line.
            self.array = _first_byte(f) == b"["
            if not self.array:  # JSON lines, read from the start
                self.lines = JsonLinesReader(path, options, f)
                self.unit = self.lines.unit
                return
            data = f.read()
        except OSError as exc:
            raise CliError(f"cannot read {path}: {exc.strerror}") from None
        finally:
            if not stdin and getattr(self, "array", True):
                f.close()
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        # A byte that is not UTF-8 becomes a lone surrogate: the element holding it fails, not the file.
        self.encoding = options.encoding
        self.text = data.decode(self.encoding, "surrogateescape")

    def __iter__(self) -> Iterator[Item]:
        if not self.array:
            yield from self.lines
            return
        text, decoder = self.text, json.JSONDecoder()
        line, counted = 1, 0

        def where(p: int) -> str:
            nonlocal line, counted
            line += text.count("\n", counted, p)
            counted = p
            return f"{self.name}:{line}"

        pos = _skip_ws(text, _skip_ws(text, 0) + 1)  # past "["
        if pos < len(text) and text[pos] == "]":
            yield from self._after_the_array(text, pos + 1, where)
            return
        while True:
            try:
                rec, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                yield Item(where(pos), error=f"{_json_error(exc)}; the rest of the array is not read")
                return
            source = text[pos:end]
            if not source.isascii() and _ESCAPED_BYTE.search(source):
                yield Item(where(pos), error=not_decoded(self.encoding, "a byte in this element"))
            else:
                yield _check_record(where(pos), rec, source)
            pos = _skip_ws(text, end)
            if pos < len(text) and text[pos] == "]":
                yield from self._after_the_array(text, pos + 1, where)
                return
            if pos >= len(text) or text[pos] != ",":
                yield Item(
                    where(pos), error="not a valid JSON array: expected ',' or ']'; the rest is not read"
                )
                return
            pos = _skip_ws(text, pos + 1)

    @staticmethod
    def _after_the_array(text: str, pos: int, where: Callable[[int], str]) -> Iterator[Item]:
        """Anything but whitespace after the array's "]" (a second array, JSON lines after it) is
        reported as a failed record rather than left unread without a word."""
        rest = _skip_ws(text, pos)
        if rest < len(text):
            yield Item(where(rest), error="data after the end of the JSON array; the rest is not read")


_WS = re.compile(r"[ \t\r\n]*")
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _skip_ws(text: str, pos: int) -> int:
    m = _WS.match(text, pos)
    return m.end() if m else pos


class _Lines:
    """The physical lines of a file for ``csv.reader``, decoded one by one, with lines pushed back.

    A line that is not UTF-8 is decoded with ``surrogateescape`` and remembered, so the record
    holding it fails alone and reading goes on. ``taken`` lists the lines given out since
    :meth:`start_record`; :meth:`push_back` returns lines to be read again (after a malformed
    record, reading restarts at the line after its first).
    """

    def __init__(self, f: IO[bytes], encoding: str = "utf-8") -> None:
        self.f = f
        self.encoding = encoding
        self.next_no = 1
        self.pending: collections.deque[tuple[int, str, bool]] = collections.deque()
        self.taken: list[tuple[int, str, bool]] = []

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        if self.pending:
            entry = self.pending.popleft()
        else:
            raw = self.f.readline()
            if not raw:
                raise StopIteration
            if self.next_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8) :]
            try:
                entry = (self.next_no, raw.decode(self.encoding), True)
            except UnicodeDecodeError:
                entry = (self.next_no, raw.decode(self.encoding, "surrogateescape"), False)
            self.next_no += 1
        self.taken.append(entry)
        return entry[1]

    def start_record(self) -> None:
        self.taken = []

    def push_back(self, entries: list[tuple[int, str, bool]]) -> None:
        self.pending.extendleft(reversed(entries))


class CsvReader(Reader):
    """A CSV file with a header line (a UTF-8 BOM is dropped); one record per row.

    The field separator is read from the header line (see :func:`csv_delimiter`): a comma, or the
    semicolon that spreadsheets write where the comma is the decimal mark, a tab or a bar.

    Parsing is strict, so a quote that is never closed does not silently swallow the rows after
    it: the row where it opens fails and reading restarts on the next line. A row with a byte that
    is not UTF-8 fails alone. Blank lines are skipped (and counted as skipped).
    """

    def __init__(self, path: str, options: ReaderOptions) -> None:
        self.name = "<stdin>" if path == "-" else path
        csv.field_size_limit(CSV_FIELD_LIMIT)
        self.f = _open_binary(path)
        self.encoding = options.encoding
        self.lines = _Lines(self.f, options.encoding)
        first = next(self.lines, "")
        self.lines.push_back(self.lines.taken)
        self.delimiter = csv_delimiter(first)
        self.reader = csv.reader(self.lines, strict=True, delimiter=self.delimiter)
        self.columns = None
        header = self._next_row()
        if header is None:
            return  # an empty file: no columns, no rows
        where, row, error = header
        if error is not None:
            raise CliError(f"{where}: cannot read the CSV header: {error}")
        if row is None:
            raise CliError(f"{where}: the CSV header line is blank")
        if len(set(row)) != len(row):
            dup = sorted({c for c in row if row.count(c) > 1})
            raise CliError(f"{where}: the CSV header repeats column(s) {', '.join(map(repr, dup))}")
        self.columns = row

    def _next_row(self) -> tuple[str, list[str] | None, str | None] | None:
        """The next row as (where, fields or None when blank, error or None); None at the end."""
        self.lines.start_record()
        try:
            row = next(self.reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            taken = self.lines.taken
            if not taken:
                return None
            first = taken[0][0]
            self.lines.push_back(taken[1:])  # read again from the line after the bad row's first
            self.reader = csv.reader(self.lines, strict=True, delimiter=self.delimiter)
            reason = str(exc)
            if "end of data" in reason or "field larger" in reason:
                reason = "a quoted field is not closed (unbalanced quote)"
            return f"{self.name}:{first}", [], f"malformed CSV: {reason}"
        taken = self.lines.taken
        first = taken[0][0] if taken else self.lines.next_no
        where = f"{self.name}:{first}"
        bad = [no for no, _, ok in taken if not ok]
        if bad:
            return where, [], not_decoded(self.encoding, f"line {bad[0]}")
        return where, (row or None), None

    def __iter__(self) -> Iterator[Item]:
        try:
            if self.columns is None:
                return
            header = self.columns
            while True:
                nxt = self._next_row()
                if nxt is None:
                    return
                where, row, error = nxt
                if error is not None:
                    yield Item(where, error=error)
                elif row is None:
                    yield Item(where, skipped=True)
                elif len(row) != len(header):
                    yield Item(where, error=f"row has {len(row)} fields, the header has {len(header)}")
                else:
                    yield Item(where, record=dict(zip(header, row, strict=True)))
        finally:
            if self.f is not sys.stdin.buffer:
                self.f.close()


class ParquetReader(Reader):
    """A Parquet file, read one record batch at a time; its schema is kept for Parquet output."""

    def __init__(self, path: str, options: ReaderOptions) -> None:
        need_pyarrow()
        import pyarrow.parquet as pq

        self.path, self.batch_size = path, options.batch_size
        try:
            self.file = pq.ParquetFile(path)
        except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a bad file
            raise CliError(f"cannot read {path} as Parquet: {exc}") from None
        self.schema = self.file.schema_arrow
        self.columns = list(self.schema.names)
        self.total = self.file.metadata.num_rows

    def __iter__(self) -> Iterator[Item]:
        row = 0
        for batch in self.file.iter_batches(batch_size=self.batch_size):
            for rec in batch.to_pylist():
                row += 1
                yield Item(f"{self.path}:row {row}", record=rec)


def _is_txt(p: Path) -> bool:
    return p.suffix.lower() == ".txt"


class TextReader(Reader):
    """A text file as one document, or every ``*.txt`` file (any case) under a directory, sorted.

    Each record is ``{"file": relative path, COLUMN: text}``.
    """

    unit = "files"

    def __init__(self, path: str, options: ReaderOptions) -> None:
        self.root, self.column = Path(path), options.column
        self.encoding = "utf-8-sig" if codecs.lookup(options.encoding).name == "utf-8" else options.encoding
        if self.root.is_dir():
            self.files, self.left_out = folder_files(self.root, _is_txt)
        else:
            self.files = [self.root]
        self.columns = ["file", self.column]
        self.total = len(self.files)

    def __iter__(self) -> Iterator[Item]:
        for p in self.files:
            name = str(p.relative_to(self.root)) if self.root.is_dir() else p.name
            try:
                text = p.read_text(encoding=self.encoding)
            except UnicodeDecodeError as exc:
                yield Item(str(p), error=not_decoded(self.encoding, f"{exc.reason} at byte {exc.start}"))
                continue
            except OSError as exc:
                yield Item(str(p), error=f"cannot read: {exc.strerror}")
                continue
            yield Item(str(p), record={"file": name, self.column: text})


class HtmlReader(Reader):
    """An HTML file as one page, or every ``*.html``/``*.htm`` file (any case) under a directory, sorted.

    Each record is ``{"file": relative path, COLUMN: the page's bytes}``: the extractor finds the
    encoding (BOM, ``<meta charset>``, else UTF-8 or a guess), so no page fails on its bytes.
    """

    unit = "files"

    def __init__(self, path: str, options: ReaderOptions) -> None:
        self.root, self.column = Path(path), options.column
        if self.root.is_dir():
            self.files, self.left_out = folder_files(self.root, is_html)
        else:
            self.files = [self.root]
        self.columns = ["file", self.column]
        self.total = len(self.files)

    def __iter__(self) -> Iterator[Item]:
        for p in self.files:
            name = str(p.relative_to(self.root)) if self.root.is_dir() else p.name
            try:
                data = p.read_bytes()
            except OSError as exc:
                yield Item(str(p), error=f"cannot read: {exc.strerror}")
                continue
            yield Item(str(p), record={"file": name, self.column: data})


class WarcInput(Reader):
    """WARC archives: read by the ``extract`` and ``process`` commands themselves (see ``.warc_run``)."""

    unit = "records"

    def __init__(self, path: str, options: ReaderOptions) -> None:
        self.path = path

    def __iter__(self) -> Iterator[Item]:
        raise CliError("WARC archives are read by newsprep extract and newsprep process")


def warc_files(paths: list[str], notes: list[str] | None = None) -> list[str]:
    """The archives named: files as given, folders searched for ``.warc``/``.warc.gz`` files (sorted).

    For each folder holding other files too, a line naming them is appended to ``notes``.
    """
    out: list[str] = []
    for path in paths:
        if os.path.isdir(path):
            found, left_out = folder_files(Path(path), is_warc)
            if not found:
                raise CliError(f"no .warc or .warc.gz files in the folder {path}")
            if left_out and notes is not None:
                notes.append(left_out_note(path, left_out, KINDS["warc"]))
            out.extend(str(p) for p in found)
        elif not os.path.exists(path):
            raise CliError(f"input not found: {path}")
        else:
            out.append(path)
    # An archive named twice (or named and found in a folder) is read once.
    seen: set[str] = set()
    unique = []
    for p in out:
        real = os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            unique.append(p)
    return unique


READERS: dict[str, Callable[[str, ReaderOptions], Reader]] = {
    "jsonl": JsonReader,  # JSON lines, unless the input is a JSON array (see JsonReader)
    "json": JsonReader,
    "csv": CsvReader,
    "parquet": ParquetReader,
    "txt": TextReader,
    "html": HtmlReader,
    "warc": WarcInput,
}
"""Input format -> reader class (its constructor checks the input and raises :class:`CliError`)."""

STDIN_FORMATS = ("jsonl", "json", "csv")


def open_reader(path: str, fmt: str, options: ReaderOptions) -> Reader:
    """The reader of ``path`` in format ``fmt``; a :class:`CliError` if the input cannot be used."""
    if path != "-" and not os.path.exists(path):
        raise CliError(f"input not found: {path}")
    if path == "-" and fmt not in STDIN_FORMATS:
        raise CliError(f"standard input can be {', '.join(STDIN_FORMATS)}, not {fmt}")
    return READERS[fmt](path, options)
