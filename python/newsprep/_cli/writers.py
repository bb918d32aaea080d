"""The CLI's output formats: JSON lines, CSV and Parquet, written a batch at a time.

``open_writer(path, fmt, layout, stats)`` returns a :class:`Writer`; ``write(rows)`` takes one batch
of output records (dicts) and ``close()`` finishes the file. An empty input still gives a valid
file: a CSV header, a Parquet file with its columns. A usage error found before any row was written
calls ``discard()``, which leaves no file behind.

Parquet output never drops a row or a field: a field first seen in a later batch is added (null in
the rows before it), and a field whose type changes between batches (an int, then a str) is
written as a string in the whole file; both are reported on standard error.
"""

from __future__ import annotations

import base64
import csv
import datetime
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from .common import Stats, err, kept_name
from .readers import COMPRESSIONS, compression, need_pyarrow

__all__ = ["Layout", "WRITERS", "Writer", "open_writer"]


@dataclass
class Layout:
    """The columns of the output, as far as they are known before the first row.

    Attributes:
        input_columns: the input's columns when it declares them (CSV header, Parquet schema), or
            None (JSON): then the first batch's fields set the order.
        input_schema: the input's pyarrow schema (Parquet input): its column types are kept.
        added: the fields the command adds, in order, with a function giving each one's Arrow type.
        fallback_columns: the input columns to write for an empty JSON input (the text column).
    """

    input_columns: list[str] | None
    input_schema: Any
    added: dict[str, Callable[[Any], Any]]
    fallback_columns: list[str] = field(default_factory=list)

    def columns(self, rows: list[dict[str, Any]]) -> list[str]:
        """The output columns: the input's (or the first rows' fields), then the added ones."""
        names: dict[str, None] = {}
        if self.input_columns is not None:
            # an input column the command also writes is kept under another name (batches.kept_name)
            renamed = (kept_name(c, self.added) if c in self.added else c for c in self.input_columns)
            names.update(dict.fromkeys(renamed))
        elif rows:
            for r in rows:
                names.update(dict.fromkeys(r))
        else:
            names.update(dict.fromkeys(self.fallback_columns))
        names.update(dict.fromkeys(self.added))
        return list(names)


def json_default(value: Any) -> Any:
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


def _as_text(value: Any) -> Any:
    """A value as a string column holds it: None stays None, a str as it is, anything else as JSON."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=json_default)


class Writer:
    """Writes output records; subclasses do one format each."""

    def __init__(self, path: str, layout: Layout, stats: Stats) -> None:
        self.path, self.layout, self.stats = path, layout, stats

    def write(self, rows: list[dict[str, Any]]) -> None:
        """Writes one batch of output records."""
        raise NotImplementedError

    def close(self) -> None:
        """Finishes the output (an empty input still leaves a valid, empty output)."""
        raise NotImplementedError

    def discard(self) -> None:
        """Stops without leaving an output file (a usage error before any row was written)."""
        raise NotImplementedError


class _TextWriter(Writer):
    """Opens the text output (a file, or standard output for ``-``) on first use."""

    def __init__(self, path: str, layout: Layout, stats: Stats) -> None:
        super().__init__(path, layout, stats)
        self.f: IO[str] | None = None

    def _file(self) -> IO[str]:
        if self.f is None:
            if self.path == "-":
                self.f = sys.stdout
            else:
                comp = compression(self.path)
                opener = COMPRESSIONS[comp] if comp else open
                self.f = opener(self.path, "wt", encoding="utf-8", newline="")
        return self.f

    def close(self) -> None:
        f = self._file()
        f.flush()
        if f is not sys.stdout:
            f.close()

    def discard(self) -> None:
        if self.f is not None and self.f is not sys.stdout:
            self.f.close()
            os.unlink(self.path)
        self.f = None


class JsonLinesWriter(_TextWriter):
    """One JSON object per line, UTF-8, non-ASCII characters as they are."""

    def write(self, rows: list[dict[str, Any]]) -> None:
        self._file().write(
            "".join(json.dumps(r, ensure_ascii=False, default=json_default) + "\n" for r in rows)
        )


class CsvWriter(_TextWriter):
    """CSV with a header line; list and dict fields as JSON strings.

    The columns are fixed by the header, written with the first batch: a field first seen later
    is reported once and not written (JSON lines and Parquet output keep every field).
    """

    def __init__(self, path: str, layout: Layout, stats: Stats) -> None:
        super().__init__(path, layout, stats)
        self.csv: Any = None
        self.fields: list[str] = []

    def _start(self, rows: list[dict[str, Any]]) -> None:
        self.fields = self.layout.columns(rows)
        self.csv = csv.DictWriter(self._file(), fieldnames=self.fields, extrasaction="ignore")
        self.csv.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        if self.csv is None:
            self._start(rows)
        known = set(self.fields)
        extra = sorted({k for r in rows for k in r if k not in known} - self.stats.warned)
        if extra:
            self.stats.warned.update(extra)
            err(
                f"warning: field(s) {', '.join(extra)} first seen after the CSV columns were fixed by "
                f"the first batch; they are not written (JSON lines or Parquet output keep every field)"
            )
        self.csv.writerows(
            {k: (_as_text(v) if isinstance(v, (list, dict)) else v) for k, v in r.items()} for r in rows
        )

    def close(self) -> None:
        if self.csv is None:
            self._start([])
        super().close()


class ParquetWriter(Writer):
    """Parquet, one row group per batch, typed columns (lists of structs for the added fields).

    The file is written under a temporary name beside the output and renamed when closed, so a
    schema change can rewrite what was written so far (see the module docs).
    """

    def __init__(self, path: str, layout: Layout, stats: Stats) -> None:
        super().__init__(path, layout, stats)
        self.pa = need_pyarrow()
        self.schema: Any = None
        self.writer: Any = None
        self.part = 0
        self.tmp = ""

    def _tmp_path(self) -> str:
        head, tail = os.path.split(self.path)
        self.part += 1
        return os.path.join(head, f".{tail}.newsprep-{os.getpid()}-{self.part}.tmp")

    def _open(self, schema: Any) -> None:
        import pyarrow.parquet as pq

        self.schema, self.tmp = schema, self._tmp_path()
        self.writer = pq.ParquetWriter(self.tmp, schema)

    def _type_of(self, name: str, values: list[Any]) -> Any:
        pa = self.pa
        if name in self.layout.added:
            return self.layout.added[name](pa)
        schema = self.layout.input_schema
        if schema is not None and name in schema.names:
            return schema.field(name).type
        try:
            return pa.array(values).type
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
            return pa.string()  # mixed types within the batch: written as text

    def _widen(self, old: Any, new: Any) -> Any:
        pa = self.pa
        if old == new or pa.types.is_null(new):
            return old
        if pa.types.is_null(old):
            return new
        numeric = (pa.types.is_integer, pa.types.is_floating)
        if any(f(old) for f in numeric) and any(f(new) for f in numeric):
            return pa.float64()
        return pa.string()

    def _column(self, values: list[Any], typ: Any) -> Any:
        pa = self.pa
        if pa.types.is_string(typ):
            values = [_as_text(v) for v in values]
        return pa.array(values, type=typ)

    def write(self, rows: list[dict[str, Any]]) -> None:
        pa = self.pa
        names = self.layout.columns(rows) if self.schema is None else list(self.schema.names)
        for r in rows:  # fields first seen in this batch
            for k in r:
                if k not in names:
                    names.append(k)
        columns = {name: [r.get(name) for r in rows] for name in names}
        target = []
        changed: list[str] = []
        for name in names:
            new = self._type_of(name, columns[name])
            if self.schema is None or name not in self.schema.names:
                typ = pa.string() if pa.types.is_null(new) and name not in self.layout.added else new
                if self.schema is not None:
                    changed.append(f"field {name!r} first appears here; the rows before have it as null")
            else:
                old = self.schema.field(name).type
                typ = self._widen(old, new)
                if typ != old:
                    changed.append(f"field {name!r} was {old} and is {new} here; it is written as {typ}")
            target.append(pa.field(name, typ))
        schema = pa.schema(target)
        if self.schema is None:
            self._open(schema)
        elif schema != self.schema:
            self._rewrite(schema)
        for message in changed:
            if message not in self.stats.warned:
                self.stats.warned.add(message)
                err(f"note: Parquet output: {message}")
        if rows:
            arrays = [self._column(columns[f.name], f.type) for f in schema]
            self.writer.write_table(pa.Table.from_arrays(arrays, schema=schema))

    def _rewrite(self, schema: Any) -> None:
        """Copies what was written into a new file with ``schema`` (new fields null, widened ones cast)."""
        import pyarrow.parquet as pq

        pa = self.pa
        self.writer.close()
        old_path = self.tmp
        self._open(schema)
        for batch in pq.ParquetFile(old_path).iter_batches():
            arrays = []
            for f in schema:
                if f.name not in batch.schema.names:
                    arrays.append(pa.nulls(batch.num_rows, f.type))
                    continue
                col = batch.column(f.name)
                if col.type == f.type:
                    arrays.append(col)
                elif pa.types.is_string(f.type) and not pa.types.is_null(col.type):
                    arrays.append(self._column(col.to_pylist(), f.type))
                else:
                    arrays.append(col.cast(f.type))
            self.writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
        os.unlink(old_path)

    def close(self) -> None:
        if self.writer is None:
            self.write([])
        self.writer.close()
        os.replace(self.tmp, self.path)

    def discard(self) -> None:
        if self.writer is not None:
            self.writer.close()
            os.unlink(self.tmp)
            self.writer = None


WRITERS: dict[str, type[Writer]] = {"jsonl": JsonLinesWriter, "csv": CsvWriter, "parquet": ParquetWriter}
"""Output format -> writer class."""

OUTPUT_FORMATS = tuple(WRITERS)


def open_writer(path: str, fmt: str, layout: Layout, stats: Stats) -> Writer:
    """The writer for ``path`` in ``fmt`` (nothing is created before the first write or close)."""
    return WRITERS[fmt](path, layout, stats)
