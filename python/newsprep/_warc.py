"""Web archives in, articles out: :func:`read_warc`, :func:`extract_warc` and :func:`warc_frame`.

The reading (gzip members, WARC and HTTP headers, chunked and gzip/deflate payloads, charsets) and the
extraction run in Rust with the GIL released; only one batch of records is in memory at a time.
"""

import io
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from . import _core
from ._errors import InputTypeError
from ._html import Article, Extractor

__all__ = [
    "ARTICLE_COLUMNS",
    "WarcArticles",
    "WarcReader",
    "WarcRecord",
    "WarcSummary",
    "extract_warc",
    "read_warc",
    "warc_frame",
    "warc_frame_meta",
]

WarcRecord = _core.WarcRecord

ARTICLE_COLUMNS: tuple[str, ...] = tuple(_core._WarcArticles.columns)
"""The columns of :func:`extract_warc`'s DataFrames: the :class:`Article` fields, then ``warc_url``,
``warc_date`` and ``record_id``."""

DEFAULT_MAX_RECORD_SIZE = 16 << 20


def _open(source: Any, storage_options: dict[str, Any] | None = None) -> tuple[Any, Any]:
    """``(what the core reads, a file to close or None)``: a path, an fsspec URL, bytes or a file object."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(source)), None
    if isinstance(source, str) and "://" in source and not source.startswith("file://"):
        try:
            import fsspec
        except ImportError:
            from ._errors import ConfigError

            raise ConfigError(
                f"reading {source!r} needs fsspec (pip install fsspec, plus s3fs, gcsfs ... for the "
                "storage); local paths need nothing"
            ) from None
        f = fsspec.open(source, "rb", **(storage_options or {})).open()
        return f, f
    if isinstance(source, str) and source.startswith("file://"):
        return source[len("file://") :], None
    return source, None


@dataclass(frozen=True)
class WarcSummary:
    """What :func:`extract_warc` did with an archive. The counts add up.

    ``records == articles + sum(skipped.values())``: every record read (and every stretch of damaged
    bytes) is an article or a skip with its reason, and ``html_records == articles +
    skipped.get("no-text", 0)``.

    Skip reasons: ``record-type`` (request, metadata, warcinfo ... records), ``revisit``, ``not-html``,
    ``http-status`` (not 2xx), ``too-large``, ``truncated`` (the archive ends inside a record),
    ``corrupt-gzip`` (a gzip member that does not decode; reading goes on at the next one), ``junk``
    (bytes that are not a record), ``bad-header``, ``bad-content-length``, ``bad-http``,
    ``bad-encoding`` (chunked or gzip payload that does not decode), ``unsupported-encoding`` (br,
    zstd), ``no-text`` (an HTML page without article text).
    """

    records: int = 0
    """Records read, plus stretches of damaged bytes."""
    html_records: int = 0
    """Records that passed the filters (HTML responses with a 2xx status by default)."""
    articles: int = 0
    """Articles returned."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Skips by reason."""

    def __add__(self, other: "WarcSummary") -> "WarcSummary":
        skipped = dict(self.skipped)
        for k, v in other.skipped.items():
            skipped[k] = skipped.get(k, 0) + v
        return WarcSummary(
            self.records + other.records,
            self.html_records + other.html_records,
            self.articles + other.articles,
            skipped,
        )

    def __str__(self) -> str:
        n = sum(self.skipped.values())
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(self.skipped.items(), key=lambda kv: -kv[1]))
        return (
            f"{self.records} records read: {self.html_records} HTML, {self.articles} articles, "
            f"{n} skipped" + (f" ({reasons})" if reasons else "")
        )


_S = TypeVar("_S", bound="ArchiveStream")


class ArchiveStream:
    """What the streams over an open archive share: ``with`` closes them, and pickling raises an
    error that says what to send to a worker instead (``_reopen``: the call that opens one there)."""

    _reopen: ClassVar[str]
    _closed = False  # set by close(): no more items, whatever the source

    def close(self) -> None:
        raise NotImplementedError

    def _close_source(self) -> None:
        """No more items; the core's reader is dropped (a file it opened from a path closes now) and
        a file opened here (an fsspec URL) is closed."""
        self._closed = True
        core = getattr(self, "_core", None)
        if core is not None:
            core.close()
        f, self._file = getattr(self, "_file", None), None
        if f is not None:
            f.close()

    def __enter__(self: _S) -> _S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> Any:
        raise InputTypeError(
            f"a {type(self).__name__} streams an open archive and does not pickle: send the archive's path "
            f"or URL to the worker (Dask, multiprocessing) and call {self._reopen} there"
        )


class WarcReader(ArchiveStream):
    """The records of one WARC archive (see :func:`read_warc`); ``counts`` says what was skipped."""

    _reopen = "newsprep.read_warc(path)"
    _options_of: ClassVar[type] = _core._WarcReader  # where **options go (checked against it)

    def __init__(self, source: Any, storage_options: dict[str, Any] | None = None, **options: Any) -> None:
        core_source, self._file = _open(source, storage_options)
        try:
            self._core = _core._WarcReader(core_source, **options)
        except BaseException:
            self.close()
            raise

    def __iter__(self) -> Iterator[_core.WarcRecord]:
        return self

    def __next__(self) -> _core.WarcRecord:
        if self._closed:
            raise StopIteration
        rec = next(self._core, None)
        if rec is None:
            self.close()
            raise StopIteration
        return rec

    @property
    def counts(self) -> dict[str, Any]:
        """``{"records", "returned", "skipped": {reason: n}}`` so far: records == returned + skipped."""
        return self._core.counts

    @property
    def skipped(self) -> dict[str, int]:
        """Skips by reason so far (``"not-html"``, ``"record-type"``, ``"corrupt-gzip"`` ...)."""
        return dict(self._core.counts["skipped"])

    def close(self) -> None:
        """Closes the file this reader opened (from a path or an fsspec URL); reading stops.

        Reading to the end, or leaving a ``with`` block, closes it too.

        Returns:
            None.

        Example:
            >>> import newsprep
            >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
            >>> with newsprep.read_warc(warc) as reader:
            ...     urls = [r.url for r in reader]
            >>> urls
            ['https://example.com/a']
            >>> reader.close()  # closing again does nothing
        """
        self._close_source()

    def __repr__(self) -> str:
        c = self.counts
        return (
            f"<WarcReader: {c['returned']} records returned, {c['records'] - c['returned']} skipped so far>"
        )


def _types(record_types: Any) -> list[str] | None:
    """``record_types`` as the core takes it: a list of str, or None for all."""
    if record_types is None:
        return None
    return [record_types] if isinstance(record_types, str) else list(record_types)


def read_warc(
    source: Any,
    *,
    record_types: Any = ("response",),
    html_only: bool = True,
    ok_status_only: bool = False,
    max_record_size: int = DEFAULT_MAX_RECORD_SIZE,
    storage_options: dict[str, Any] | None = None,
) -> WarcReader:
    """The records of a WARC archive (``.warc`` or ``.warc.gz``), read in Rust with bounded memory.

    Args:
        source: a path, a binary file object (``open(p, "rb")``, ``io.BytesIO``), bytes, or an fsspec
            URL such as ``"s3://bucket/crawl.warc.gz"`` (needs fsspec and the storage's package).
            Gzip is recognised by its first bytes: one member per record, several, or one for the file.
        record_types: the WARC types to return (``"response"``, ``"resource"``, ``"request"``,
            ``"metadata"``, ``"revisit"`` ...); None for all.
        html_only: return only records whose payload is HTML (by the HTTP Content-Type, else the
            payload's first bytes). Set False for every payload.
        ok_status_only: return only responses with a 2xx HTTP status.
        max_record_size: records (and decoded payloads) larger than this many bytes are skipped
            unread, as ``too-large``.
        storage_options: passed to ``fsspec.open`` for a URL (``{"anon": True}`` for public S3).

    Returns:
        An iterator of :class:`WarcRecord` (``url``, ``date``, ``record_id``, ``status``,
        ``http_headers``, ``payload`` with chunked and gzip/deflate encodings undone, ``html()``
        decoded with the HTTP charset). Records left out or damaged are counted by reason in its
        ``counts``/``skipped``; a damaged archive is read to the end. Raises :class:`FormatError`
        when the source is not a WARC archive.

    Example:
        >>> import io, newsprep
        >>> body = b"<html><body><p>Hello</p></body></html>"
        >>> http = b"HTTP/1.1 200 OK\\r\\nContent-Type: text/html\\r\\n\\r\\n" + body
        >>> head = (b"WARC/1.0\\r\\nWARC-Type: response\\r\\nWARC-Target-URI: https://example.com/\\r\\n"
        ...         b"Content-Length: %d\\r\\n\\r\\n" % len(http))
        >>> [r.url for r in newsprep.read_warc(io.BytesIO(head + http + b"\\r\\n\\r\\n"))]
        ['https://example.com/']
    """
    return WarcReader(
        source,
        record_types=_types(record_types),
        html_only=html_only,
        ok_status_only=ok_status_only,
        max_record_size=max_record_size,
        storage_options=storage_options,
    )


class WarcArticles(ArchiveStream):
    """Batches of articles from one archive (see :func:`extract_warc`): iterate for pandas DataFrames.

    ``summary`` (a :class:`WarcSummary`) counts records, HTML records, articles and skips by reason
    so far; after the last batch it covers the whole archive.
    """

    _reopen = "newsprep.extract_warc(path)"
    _options_of: ClassVar[type] = _core._WarcArticles  # where **options go (checked against it)

    def __init__(
        self,
        source: Any,
        *,
        progress: bool | None = None,
        storage_options: dict[str, Any] | None = None,
        **options: Any,
    ) -> None:
        core_source, self._file = _open(source, storage_options)
        try:
            self._core = _core._WarcArticles(core_source, **options)
        except BaseException:
            self.close()
            raise
        self._rows = 0
        self._bar: Any = None
        if progress:
            self._bar = _bar(source)

    @property
    def bytes_read(self) -> int:
        """Bytes of the archive read so far (compressed, as stored)."""
        return int(self._core.bytes_read)

    def __iter__(self) -> Iterator[Any]:
        return self

    def __next__(self) -> Any:
        import pandas as pd

        if self._closed:
            raise StopIteration
        try:
            columns = next(self._core, None)
        except BaseException:
            self.close()
            raise
        if self._bar is not None:
            self._bar.update(self._core.bytes_read - self._bar.n)
        if columns is None:
            self.close()
            raise StopIteration
        n = len(columns["text"])
        # object columns, None for missing: the same dtypes in every batch and with every pandas
        # (inferred string dtypes would differ between a batch with and one without a missing value).
        frame = pd.DataFrame(columns, index=pd.RangeIndex(self._rows, self._rows + n), dtype=object)
        self._rows += n
        return frame

    @property
    def summary(self) -> WarcSummary:
        """The counts so far (see :class:`WarcSummary`)."""
        s = self._core.summary
        return WarcSummary(s["records"], s["html_records"], s["articles"], dict(s["skipped"]))

    def to_pandas(self) -> Any:
        """Every remaining batch in one DataFrame (the columns of :data:`ARTICLE_COLUMNS`).

        Returns:
            A pandas DataFrame of the articles not yet iterated over (all of them on a fresh
            object), indexed from 0 across batches; without any, :func:`warc_frame_meta`'s empty frame.

        Example:
            >>> import newsprep
            >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
            >>> df = newsprep.extract_warc(warc).to_pandas()
            >>> df.shape, df.loc[0, "title"]
            ((1, 10), 'Rain in Faro')
        """
        import pandas as pd

        frames = list(self)
        if not frames:
            return warc_frame_meta()
        return pd.concat(frames)

    def close(self) -> None:
        """Closes what this object opened (the archive's file, the progress bar); no more batches.

        Reading to the end, or leaving a ``with`` block, closes it too.

        Returns:
            None.

        Example:
            >>> import newsprep
            >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
            >>> articles = newsprep.extract_warc(warc)
            >>> articles.close()
            >>> list(articles)
            []
        """
        self._close_source()
        bar, self._bar = getattr(self, "_bar", None), None
        if bar is not None:
            bar.close()

    def __repr__(self) -> str:
        return f"<WarcArticles: {self.summary}>"


def _bar(source: Any) -> Any:
    from ._batch import progress_bar

    total = None
    if isinstance(source, (str, os.PathLike)) and os.path.isfile(source):
        total = os.path.getsize(source)
    bar = progress_bar(total, "extract_warc", unit="B")  # type: ignore[arg-type]
    if bar is not None:
        bar.unit_scale = True
    return bar


def extract_warc(
    source: Any,
    *,
    batch_size: int = 1000,
    n_threads: int | None = None,
    progress: bool | None = None,
    extractor: Extractor | None = None,
    record_types: Any = ("response",),
    ok_status_only: bool = True,
    max_record_size: int = DEFAULT_MAX_RECORD_SIZE,
    storage_options: dict[str, Any] | None = None,
) -> WarcArticles:
    """The articles of a WARC archive, as pandas DataFrames of up to ``batch_size`` rows.

    Each HTML response with a 2xx status is extracted with ``extractor`` (default
    ``newsprep.Extractor()``) in parallel in Rust with the GIL released; one batch of records is in
    memory at a time (a batch also ends early once its pages hold 32 MB; with more than one thread
    the next batch is read while the current one is extracted, so two), and a 1 GB archive never
    sits in memory. Every row equals ``extractor.article(record.html(), record.url)``; a batch
    without any article is not returned.

    Args:
        source: a path, a binary file object, bytes or an fsspec URL (as for :func:`read_warc`).
        batch_size: records per batch.
        n_threads: worker threads for the extraction (default: all cores, or ``RAYON_NUM_THREADS``).
        progress: show a progress bar over the bytes of the archive (tqdm).
        extractor: the :class:`Extractor` to use.
        record_types: the WARC types to extract from (add ``"resource"`` for archives of saved
            pages, e.g. from wget); None for all.
        ok_status_only: skip responses whose HTTP status is not 2xx (redirects, errors).
        max_record_size: records larger than this many bytes are skipped as ``too-large``.
        storage_options: passed to ``fsspec.open`` for a URL (``{"anon": True}`` for public S3).

    Returns:
        A :class:`WarcArticles`: iterate it for DataFrames with the columns of :data:`ARTICLE_COLUMNS`
        (``title``, ``byline``, ``date``, ``text``, ``url`` (canonical, else the captured URL),
        ``site_name``, ``language``, ``warc_url`` (the captured URL), ``warc_date``, ``record_id``),
        or call ``to_pandas()`` for one frame; its ``summary`` counts what was skipped and why.
        Columns are of object dtype with None for missing values, in every batch.
        Pages without article text are counted as ``no-text`` and give no row.

    Example:
        >>> import io, newsprep
        >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
        >>> articles = newsprep.extract_warc(io.BytesIO(warc))
        >>> df = articles.to_pandas()
        >>> df.loc[0, "title"], df.loc[0, "warc_url"], articles.summary.articles
        ('Rain in Faro', 'https://example.com/a', 1)
    """
    return WarcArticles(
        source,
        progress=bool(progress),
        extractor=extractor,
        batch_size=batch_size,
        n_threads=n_threads,
        record_types=_types(record_types),
        ok_status_only=ok_status_only,
        max_record_size=max_record_size,
        storage_options=storage_options,
    )


def warc_frame(source: Any, *, n_threads: int | None = 1, **options: Any) -> Any:
    """All articles of one archive in one pandas DataFrame: the function to map over archives.

    With Dask, one partition per archive::

        ddf = dd.from_map(newsprep.warc_frame, paths, meta=newsprep.warc_frame_meta())

    Args:
        source: the archive, as for :func:`read_warc` (a path, a binary file object, bytes or an
            fsspec URL).
        n_threads: worker threads for the extraction: 1 by default (a cluster runs one task per core).
        **options: those of :func:`extract_warc` (``extractor``, ``record_types``, ``ok_status_only``,
            ``max_record_size``, ``storage_options``, ``batch_size``).

    Returns:
        A pandas DataFrame with the columns of :func:`warc_frame_meta` (object dtype), one row per
        article; its ``attrs["warc_summary"]`` holds the archive's :class:`WarcSummary` as a dict.

    Example:
        >>> import newsprep
        >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
        >>> frame = newsprep.warc_frame(warc)
        >>> frame["title"].tolist(), frame.attrs["warc_summary"]["articles"]
        (['Rain in Faro'], 1)
    """
    articles = extract_warc(source, n_threads=n_threads, **options)
    frame = articles.to_pandas()
    s = articles.summary
    frame.attrs["warc_summary"] = {
        "records": s.records,
        "html_records": s.html_records,
        "articles": s.articles,
        "skipped": dict(s.skipped),
    }
    return frame


warc_frame._options_of = extract_warc  # type: ignore[attr-defined]  # its **options (_calls)


def warc_frame_meta() -> Any:
    """An empty DataFrame with :func:`warc_frame`'s columns and types (Dask's ``meta``).

    Returns:
        A pandas DataFrame without rows; its columns are those of :func:`extract_warc`'s frames
        (``title`` ... ``record_id``), each of object dtype.

    Example:
        >>> import newsprep
        >>> meta = newsprep.warc_frame_meta()
        >>> len(meta), list(meta.columns)[:4], set(meta.dtypes.astype(str))
        (0, ['title', 'byline', 'date', 'text'], {'object'})
    """
    import pandas as pd

    return pd.DataFrame({c: pd.Series([], dtype=object) for c in ARTICLE_COLUMNS})


# Keep Article importable from here for type checkers reading the signatures above.
_ = Article
