"""Type stubs for the compiled core ``newsprep._core``."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeAlias

from typing_extensions import Self, disjoint_base, final

__version__: str
__all__ = [
    "Cleaner",
    "EntityMatcher",
    "Extractor",
    "Match",
    "SentenceSplitter",
    "WarcRecord",
    "_Built",
    "_WarcArticles",
    "_WarcReader",
    "__version__",
    "_DocParts",
    "_LineTable",
    "_page_url",
    "_url_list",
    "_pipeline_columns",
    "_pipeline_documents",
    "_reconstruct",
    "clean",
    "extract",
    "sentence_spans",
    "sentences",
]

_AbbreviationClass: TypeAlias = Literal["title", "number", "month", "time", "ambiguous", "final"]

def _reconstruct(cls: Any, kwargs: dict[str, Any]) -> Any:
    """Rebuilds a pickled object: ``cls(**kwargs)``."""

def sentences(text: str, *, language: str | None = None) -> list[str]:
    """The sentences of ``text`` with the default splitter.

    ``language``: None (every script's sentence ends, every language's shared
    abbreviations), ``"auto"`` or a language code such as ``"de"`` (see
    ``SentenceSplitter.languages()``); an unknown code raises ``ConfigError``.
    Raises ``TypeError`` if ``text`` is not a str and ``UnicodeEncodeError`` (a
    ``ValueError``) if it holds lone surrogates. Empty or whitespace-only text gives [].
    """

def sentence_spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` code-point offsets: ``text[start:end]``
    is the sentence without surrounding whitespace. ``language`` as for ``sentences``."""

@disjoint_base
class SentenceSplitter:
    """Splits news text into sentences (see ``newsprep.SentenceSplitter``)."""

    def __new__(
        cls,
        *,
        language: str | None = None,
        extra_abbreviations: Iterable[str] | Mapping[str, _AbbreviationClass] | None = None,
    ) -> Self: ...
    def split(self, text: str, *, language: str | None = None) -> list[str]:
        """The sentences of ``text``, as str (``language`` overrides the splitter's; None keeps it)."""
    def spans(self, text: str, *, language: str | None = None) -> list[tuple[int, int]]:
        """The sentences of ``text`` as ``(start, end)`` code-point offsets."""
    def _split_many(
        self,
        texts: Iterable[Any],
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
        language: str | list[str | None] | None = None,
    ) -> list[list[str] | None]:
        """Batch ``split`` over a list or iterable; returns a list (None for missing)."""
    def _spans_many(
        self,
        texts: Iterable[Any],
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
        language: str | list[str | None] | None = None,
    ) -> list[list[tuple[int, int]] | None]:
        """Batch ``spans`` over a list or iterable; returns a list (None for missing)."""
    @property
    def extra_abbreviations(self) -> dict[str, _AbbreviationClass]:
        """The extra abbreviations this splitter was built with, as {abbreviation: class}."""
    @property
    def language(self) -> str | None:
        """The language option this splitter was built with: None, "auto" or a code."""
    @staticmethod
    def default_abbreviations(language: str | None = None) -> dict[str, _AbbreviationClass]:
        """The abbreviation list shipped with newsprep, as {abbreviation: class}: the English
        list, or a language's own list."""
    @staticmethod
    def languages() -> list[str]:
        """The codes of the languages with rules, for ``language=``."""
    @staticmethod
    def language_for(tag: str) -> str | None:
        """The known language of a BCP 47 tag (``<html lang>``: "de-AT" -> "de"), or None."""
    @staticmethod
    def detect_language(text: str) -> str | None:
        """The language ``language="auto"`` picks for ``text`` (from a sample of its start),
        or None when it cannot tell."""
    def __reduce__(self) -> tuple[Any, ...]: ...

_Overlaps = Literal["leftmost-longest", "all"]

@final
class Match:
    """One match of a gazetteer name: ``text[start:end] == match.text``."""

    @property
    def start(self) -> int:
        """Code-point offset of the first character."""
    @property
    def end(self) -> int:
        """Code-point offset just past the match."""
    @property
    def text(self) -> str:
        """The matched text, as written in the text searched."""
    @property
    def id(self) -> str:
        """The id of the (first) entity with this name."""
    @property
    def label(self) -> str:
        """The label of that entity."""
    @property
    def name(self) -> str:
        """The name as written in the gazetteer."""
    @property
    def ids(self) -> tuple[str, ...]:
        """Every entity id with this name."""
    def __new__(
        cls, start: int, end: int, text: str, id: str, label: str, name: str, ids: tuple[str, ...]
    ) -> Self: ...
    def _key(self) -> tuple[Any, ...]:
        """The fields as a tuple (equality, hashing, pickling)."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class _Built:
    """A built matcher, handed to the constructor by the private static constructors."""

@disjoint_base
class EntityMatcher:
    """Finds gazetteer names in text (see ``newsprep.EntityMatcher``)."""

    def __new__(
        cls,
        mapping: Mapping[str, str] | None = None,
        *,
        case_sensitive: bool = False,
        fold_accents: bool = False,
        whole_words: bool = True,
        overlaps: _Overlaps = "leftmost-longest",
        min_length: int = 1,
        stop_names: Iterable[str] | None = None,
        exact_case_names: Iterable[str] | None = None,
        exact_case_acronyms: bool = True,
    ) -> Self: ...
    @classmethod
    def _from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        case_sensitive: bool = False,
        fold_accents: bool = False,
        whole_words: bool = True,
        overlaps: _Overlaps = "leftmost-longest",
        min_length: int = 1,
        stop_names: Iterable[str] | None = None,
        exact_case_names: Iterable[str] | None = None,
        exact_case_acronyms: bool = True,
        source: str | None = None,
        lines: list[int] | None = None,
    ) -> Self:
        """A matcher of class ``cls`` built from records; ``lines`` gives each record's line for errors."""
    @classmethod
    def _from_bytes(cls, data: bytes) -> Self:
        """A matcher of class ``cls`` read from the bytes of ``_to_bytes`` (or a saved file)."""
    def find(self, text: str) -> list[Match]:
        """The matches in ``text``, in order of start (code-point offsets)."""
    def _find_many(
        self, texts: Iterable[Any], n_threads: int | None = None, progress: Callable[[int], Any] | None = None
    ) -> list[list[Match] | None]:
        """Batch ``find`` over a list or iterable; returns a list (None for missing)."""
    def _find_columns(
        self, texts: Iterable[Any], n_threads: int | None = None, progress: Callable[[int], Any] | None = None
    ) -> dict[str, bytes]:
        """Columnar batch result: little-endian int64 buffers doc, start, end, entity, name."""
    def entity_ids(self) -> list[str]:
        """The ids of all entities, by entity index."""
    def entity_labels(self) -> list[str]:
        """The labels of all entities, by entity index."""
    def name_at(self, i: int) -> str:
        """The name (as written in the gazetteer) with index ``i``."""
    @property
    def n_entities(self) -> int:
        """Number of entities."""
    @property
    def n_names(self) -> int:
        """Number of distinct names (after folding)."""
    @property
    def n_exact_case(self) -> int:
        """Number of names that match only as written (exact case)."""
    @property
    def options(self) -> dict[str, Any]:
        """The options the matcher was built with."""
    def _to_bytes(self) -> bytes:
        """The matcher in its compact binary form (the core's saved form)."""
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class _LineTable:
    """One cleaner decision per line, by column, with code-point offsets."""

    def __len__(self) -> int: ...
    def row(self, i: int) -> tuple[int, int, int, bool, str, float]:
        """Line ``i`` as (line, start, end, kept, reason, score)."""
    def select(self, kept: bool, blank: bool = True) -> list[int]:
        """Numbers of the lines that are (or are not) kept; ``blank=False`` leaves out blank lines."""
    def columns(self) -> tuple[list[int], list[int], list[bool], list[str], list[float]]:
        """The columns: (starts, ends, kept, reasons, scores)."""
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_bytes(data: bytes) -> _LineTable:
        """A table from its saved form (``SerializationError`` on anything else)."""

def clean(text: str) -> str:
    """The article in ``text`` (scraped page text) with the default cleaner: the kept lines,
    joined with the input's own line ends. Never raises on a str."""

@disjoint_base
class Cleaner:
    """Removes site chrome from scraped page text (see ``newsprep.Cleaner``)."""

    def __new__(
        cls,
        *,
        keep_title: bool = True,
        extra_phrases: Iterable[str] | None = None,
        extra_terminators: Iterable[str] | None = None,
        patterns: Iterable[str] | None = None,
        disable: Iterable[str] | None = None,
        site_min_pages: int = 3,
        site_min_share: float = 0.1,
    ) -> Self: ...
    @classmethod
    def _from_state(cls, config: dict[str, Any], sites: bytes | None) -> Self:
        """Rebuilds a pickled cleaner: ``cls(**config)`` with its fitted site statistics."""
    def clean(self, text: str, site: str | None = None) -> str:
        """The article in ``text``: the kept lines, joined with the input's own line ends."""
    def _article(self, text: str, site: str | None = None) -> dict[str, str | None]:
        """The article in ``text`` and its parts: a dict of the ``Article`` fields."""
    def _explain(self, text: str, site: str | None = None) -> _LineTable:
        """One decision per line of ``text``, as a columnar table (code-point offsets)."""
    def _clean_many(
        self,
        texts: Iterable[Any],
        sites: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[str | None]:
        """Batch ``clean``; with ``sites`` lines repeated across a site's pages go too."""
    def _clean_explain_many(
        self,
        texts: Iterable[Any],
        sites: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[tuple[str, _LineTable] | None]:
        """Batch ``clean`` and ``explain`` in one pass: (clean_text, table) per text, None for missing."""
    def _fit(self, texts: Iterable[Any], sites: Iterable[Any]) -> None:
        """Counts lines per site over ``texts`` (corpus mode); replaces earlier statistics."""
    @property
    def n_sites(self) -> int:
        """Number of sites with fitted line statistics (0 when not fitted)."""
    @property
    def config(self) -> dict[str, Any]:
        """The configuration, as constructor keyword arguments."""
    @staticmethod
    def rule_ids(*, disableable: bool = False) -> list[str]:
        """Every reason a line can be given (stable rule ids); with ``disableable=True``, only
        the ids ``disable=`` accepts (the others are outcomes, not rules: article, blank, low-score)."""
    def __reduce__(self) -> tuple[Any, ...]: ...

def _page_url(url: str) -> str | None:
    """The URL the extractor takes ``url`` for as a page's address: an absolute http(s) URL
    (trimmed), else None."""

def _url_list(urls: Any, n: int) -> list[str | None]:
    """``n`` page URLs as str or None, checked as the batch paths check them (str or missing, one
    per page); warns (NewsprepWarning) when some are not absolute http(s) URLs."""

def extract(html: str | bytes, *, url: str | None = None) -> str:
    """The article text of ``html`` (str, or bytes decoded from their declared charset) with the
    default extractor: one block per line, headline first."""

@disjoint_base
class Extractor:
    """Extracts the article from HTML pages (see ``newsprep.Extractor``)."""

    def __new__(
        cls,
        *,
        keep_title: bool = True,
        include_comments: bool = False,
        include_tables: bool = True,
        include_captions: bool = False,
        extra_phrases: Iterable[str] | None = None,
        extra_terminators: Iterable[str] | None = None,
        disable: Iterable[str] | None = None,
    ) -> Self: ...
    def extract(self, html: str | bytes, *, url: str | None = None) -> str:
        """The article text of ``html`` (str or bytes): one block per line, headline first."""
    @staticmethod
    def rule_ids(*, disableable: bool = False) -> list[str]:
        """Every reason ``explain`` can give: the cleaner's rule ids plus "comment", "caption",
        "author-bio", "table", "json-ld"; with ``disableable=True``, only the ids ``disable=``
        accepts."""
    def page_text(self, html: str | bytes) -> str:
        """Every visible block of ``html`` on its own line: what the model reads."""
    def _article(self, html: str | bytes, url: str | None = None) -> dict[str, Any]:
        """The article's fields as a dict."""
    def _explain(
        self, html: str | bytes
    ) -> tuple[str, list[tuple[int, int, int, bool, str, float, str, str]]]:
        """(page_text, [(line, start, end, kept, reason, score, kind, path), ...]), code-point offsets."""
    def _extract_many(
        self,
        htmls: Iterable[Any],
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[str | None]:
        """Batch ``extract``."""
    def _articles_many(
        self,
        htmls: Iterable[Any],
        urls: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[dict[str, Any] | None]:
        """Batch ``article``: one dict of fields per page (None for missing pages)."""
    @property
    def config(self) -> dict[str, Any]:
        """The configuration, as constructor keyword arguments."""
    def __reduce__(self) -> tuple[Any, ...]: ...

# -- the one-pass pipeline (newsprep._pipeline) -------------------------------------------------------

@final
class _DocParts:
    """One document of ``_pipeline_documents``: the Python ``Document`` builds its lists from it."""

    def clean_text(self) -> str | None:
        """The clean text, or None when it is the input unchanged."""
    def page_text(self) -> str | None:
        """The page text of an HTML page (None for text input)."""
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans, code points of the clean text."""
    def mentions(self) -> list[tuple[int, int, str, str, int]]:
        """Mentions as (start, end, id, label, sentence)."""
    def removed(self) -> list[tuple[int, int, int, str, float]]:
        """Removed lines as (line, start, end, reason, score)."""
    def removed_at(self) -> tuple[int, ...]:
        """Where each removed line stood in the clean text."""
    def article(self) -> dict[str, str | None] | None:
        """The Article fields but its text (HTML input), else None."""

def _pipeline_documents(
    texts: Any,
    *,
    cleaner: Cleaner | None = None,
    extractor: Extractor | None = None,
    splitter: SentenceSplitter | None = None,
    matcher: EntityMatcher | None = None,
    sites: Any = None,
    urls: Any = None,
    n_threads: int | None = None,
    progress: Callable[[int], Any] | None = None,
) -> list[_DocParts | None]:
    """``Pipeline.process``: one ``_DocParts`` per text (None for missing ones)."""

def _pipeline_columns(
    texts: Any,
    *,
    cleaner: Cleaner | None = None,
    extractor: Extractor | None = None,
    splitter: SentenceSplitter | None = None,
    matcher: EntityMatcher | None = None,
    sites: Any = None,
    urls: Any = None,
    n_threads: int | None = None,
    progress: Callable[[int], Any] | None = None,
) -> dict[str, Any]:
    """``Pipeline.to_frames``: the three tables as columns (int64 bytes, Arrow string buffers, lists)."""

@final
class WarcRecord:
    """One WARC record (see ``newsprep.read_warc``). Frozen; pickles."""

    def __new__(
        cls,
        *,
        record_type: str,
        url: str | None = None,
        date: str | None = None,
        record_id: str | None = None,
        content_type: str | None = None,
        status: int | None = None,
        reason: str | None = None,
        http_headers: Iterable[tuple[str, str]] | None = None,
        payload: bytes | None = None,
        warc_headers: Iterable[tuple[str, str]] | None = None,
        offset: int = 0,
    ) -> Self: ...
    @property
    def record_type(self) -> str:
        """``WARC-Type``: response, request, resource, revisit ..."""
    @property
    def url(self) -> str | None:
        """``WARC-Target-URI``: the URL captured."""
    @property
    def date(self) -> str | None:
        """``WARC-Date``: when it was captured."""
    @property
    def record_id(self) -> str | None:
        """``WARC-Record-ID``."""
    @property
    def content_type(self) -> str | None:
        """The record's Content-Type (``application/http; msgtype=response``)."""
    @property
    def status(self) -> int | None:
        """The HTTP status (None without an HTTP response)."""
    @property
    def reason(self) -> str | None:
        """The HTTP reason phrase."""
    @property
    def http_headers(self) -> list[tuple[str, str]]:
        """The HTTP headers as (name, value) pairs, in order."""
    @property
    def warc_headers(self) -> list[tuple[str, str]]:
        """The WARC headers as (name, value) pairs, in order."""
    @property
    def payload(self) -> bytes:
        """The payload: the HTTP body with chunked and gzip/deflate encodings undone."""
    @property
    def offset(self) -> int:
        """Where the record starts in the decompressed archive."""
    @property
    def charset(self) -> str | None:
        """The charset of the payload's Content-Type, if declared."""
    def http_header(self, name: str) -> str | None:
        """The first HTTP header ``name`` (case-insensitive), or None."""
    def html(self) -> str:
        """The payload as text, decoded with the HTTP charset as the transport charset."""
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class _WarcReader:
    """The record iterator behind ``newsprep.read_warc``."""

    def __new__(
        cls,
        source: Any,
        *,
        record_types: Iterable[str] | str | None = None,
        html_only: bool = True,
        ok_status_only: bool = False,
        max_record_size: int = ...,
    ) -> Self: ...
    def __iter__(self) -> Self: ...
    def __next__(self) -> WarcRecord | None: ...
    @property
    def counts(self) -> dict[str, Any]:
        """``{"records", "returned", "skipped": {reason: n}}`` so far."""
    @property
    def bytes_read(self) -> int:
        """Bytes read from the source so far (compressed for .warc.gz)."""

@final
class _WarcArticles:
    """The article batches behind ``newsprep.extract_warc``."""

    columns: list[str]
    def __new__(
        cls,
        source: Any,
        *,
        extractor: Extractor | None = None,
        batch_size: int = 1000,
        batch_bytes: int = ...,
        n_threads: int | None = None,
        record_types: Iterable[str] | str | None = None,
        html_only: bool = True,
        ok_status_only: bool = True,
        max_record_size: int = ...,
    ) -> Self: ...
    def __iter__(self) -> Self: ...
    def __next__(self) -> dict[str, list[Any]] | None:
        """The next batch as ``{column: list}``, or None at the end."""
    @property
    def summary(self) -> dict[str, Any]:
        """``{"records", "html_records", "articles", "skipped": {reason: n}}`` so far."""
    @property
    def bytes_read(self) -> int:
        """Bytes read from the source so far (compressed for .warc.gz)."""
