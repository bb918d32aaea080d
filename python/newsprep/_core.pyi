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
    """The sentences of ``text``, as str (default splitter, ``SentenceSplitter()``).

    Args:
        text: the text (str).
        language: a language code or BCP 47 tag (``SentenceSplitter.languages()``) for its own
            abbreviations and rules, "auto" to identify it, or None for every language's shared rules.

    Returns:
        A list of str: each sentence without the spaces around it.

    Example:
        >>> import newsprep
        >>> newsprep.sentences("Mr. Silva arrived at 9 a.m. in the U.S. He left.")
        ['Mr. Silva arrived at 9 a.m. in the U.S.', 'He left.']
    """

def sentence_spans(text: str, *, language: str | None = None) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` code-point offsets (default splitter).

    Args:
        text: the text (str).
        language: as for ``sentences``.

    Returns:
        A list of ``(start, end)`` tuples: ``text[start:end]`` is a sentence.

    Example:
        >>> import newsprep
        >>> newsprep.sentence_spans("Rain fell. It stopped.")
        [(0, 10), (11, 22)]
    """

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
        """The sentences of ``text``, as str.

        Args:
            text: the text (str).
            language: this call's language (a code, a BCP 47 tag or "auto"); None: the splitter's.

        Returns:
            A list of str: each sentence without the spaces around it.

        Example:
            >>> import newsprep
            >>> splitter = newsprep.SentenceSplitter(extra_abbreviations=["Brgy"])
            >>> splitter.split("Brgy. San Roque flooded. He left.")
            ['Brgy. San Roque flooded.', 'He left.']
        """
    def spans(self, text: str, *, language: str | None = None) -> list[tuple[int, int]]:
        """The sentences of ``text`` as ``(start, end)`` code-point offsets.

        Args:
            text: the text (str).
            language: this call's language (a code, a BCP 47 tag or "auto"); None: the splitter's.

        Returns:
            A list of ``(start, end)`` tuples: ``text[start:end]`` is a sentence.

        Example:
            >>> import newsprep
            >>> newsprep.SentenceSplitter().spans("Rain fell. It stopped.")
            [(0, 10), (11, 22)]
        """
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
        """The abbreviation list shipped with newsprep, as {abbreviation: class}.

        Args:
            language: a code of ``languages()`` for that language's own list; None (or "en") for the
                English list. "auto" is refused: the list depends on the text.

        Returns:
            A new dict {abbreviation (lowercase, without the dot): class} ("title", "prefix", ...),
            the form ``extra_abbreviations=`` takes.

        Example:
            >>> import newsprep
            >>> newsprep.SentenceSplitter.default_abbreviations()["dr"]
            'title'
            >>> newsprep.SentenceSplitter.default_abbreviations("de")["hr"]
            'title'
        """
    @staticmethod
    def languages() -> list[str]:
        """The codes of the languages with rules, for ``language=``.

        Returns:
            ISO 639-1 codes (list of str), English first.

        Example:
            >>> import newsprep
            >>> langs = newsprep.SentenceSplitter.languages()
            >>> langs[:3], "ja" in langs
            (['en', 'de', 'fr'], True)
        """
    @staticmethod
    def language_for(tag: str) -> str | None:
        """The known language of a BCP 47 tag such as a page's ``<html lang>``.

        Args:
            tag: a language tag ("de-AT", "pt_BR", "EN").

        Returns:
            The code of ``languages()`` the tag names (str), or None when newsprep has no rules for it.

        Example:
            >>> import newsprep
            >>> newsprep.SentenceSplitter.language_for("de-AT"), newsprep.SentenceSplitter.language_for("xx")
            ('de', None)
        """
    @staticmethod
    def detect_language(text: str) -> str | None:
        """The language ``language="auto"`` picks for ``text`` (from a sample of its start).

        Args:
            text: the text (str).

        Returns:
            A code of ``languages()`` (str), or None when it cannot tell (too short, or no language
            stands out).

        Example:
            >>> import newsprep
            >>> newsprep.SentenceSplitter.detect_language(
            ...     "Der Bundestag hat am Montag das neue Gesetz beschlossen, sagte die Regierung.")
            'de'
            >>> newsprep.SentenceSplitter.detect_language("ok") is None
            True
        """
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
        """The matches in ``text``, in order of start (code-point offsets).

        Args:
            text: the text (str).

        Returns:
            A list of Match (start, end, text, id, label; ``ids`` when records share the name), with
            ``text[m.start:m.end] == m.text``.

        Example:
            >>> import newsprep
            >>> m = newsprep.EntityMatcher({"Faro": "LOC", "WHO": "ORG"})
            >>> [(x.text, x.label) for x in m.find("The WHO, who met in Faro.")]
            [('WHO', 'ORG'), ('Faro', 'LOC')]
        """
    def _find_many(
        self, texts: Iterable[Any], n_threads: int | None = None, progress: Callable[[int], Any] | None = None
    ) -> list[list[Match] | None]:
        """Batch ``find`` over a list or iterable; returns a list (None for missing)."""
    def _find_columns(
        self, texts: Iterable[Any], n_threads: int | None = None, progress: Callable[[int], Any] | None = None
    ) -> dict[str, bytes]:
        """Columnar batch result: little-endian int64 buffers doc, start, end, entity, name."""
    def entity_ids(self) -> list[str]:
        """The ids of all entities, by entity index.

        Returns:
            A list of str: item ``i`` is the id of entity ``i`` (what the ``entity`` column
            of ``find_columns`` indexes).

        Example:
            >>> import newsprep
            >>> newsprep.EntityMatcher({"Silva": "PER", "Faro": "LOC"}).entity_ids()
            ['Silva', 'Faro']
        """
    def entity_labels(self) -> list[str]:
        """The labels of all entities, by entity index.

        Returns:
            A list of str: item ``i`` is the label of entity ``i`` (what the ``entity`` column
            of ``find_columns`` indexes).

        Example:
            >>> import newsprep
            >>> newsprep.EntityMatcher({"Silva": "PER", "Faro": "LOC"}).entity_labels()
            ['PER', 'LOC']
        """
    def name_at(self, i: int) -> str:
        """The name (as written in the gazetteer) with index ``i``.

        Args:
            i: a name index, such as an item of the ``name`` column of ``find_columns`` (0 to the number of
                names less one; ConfigError otherwise).

        Returns:
            The name (str).

        Example:
            >>> import newsprep
            >>> records = [{"id": "Q1", "label": "PER", "names": ["Ana Silva", "Silva"]}]
            >>> m = newsprep.EntityMatcher.from_records(records)
            >>> cols = m.find_columns(["Silva spoke."])
            >>> m.name_at(int(cols["name"][0])), m.entity_ids()[int(cols["entity"][0])]
            ('Silva', 'Q1')
        """
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
    r"""The article in ``text`` with the default cleaner (``Cleaner()``).

    Args:
        text: scraped page text (str); its lines are what ``str.splitlines()`` says they are.

    Returns:
        The kept lines, each with its own line end (str; "" when nothing is article). Never raises
        on a str; ``clean(clean(x)) == clean(x)``. Markup or hard-wrapped prose warns (NewsprepWarning).

    Example:
        >>> import newsprep
        >>> newsprep.clean("Sign in\nRain fell in Faro on Monday. Roads closed.\nComments (3)")
        'Rain fell in Faro on Monday. Roads closed.\n'
    """

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
        r"""The article in ``text``: the kept lines, joined with the input's own line ends.

        Args:
            text: scraped page text (str).
            site: the page's site key (e.g. its domain) for corpus mode, after ``fit`` (lines that
                repeat across that site's pages go as "site-repeat").

        Returns:
            The kept lines, each with its own line end (str): the lines ``explain`` marks kept.

        Example:
            >>> import newsprep
            >>> newsprep.Cleaner().clean("Sign in\r\nRain fell in Faro on Monday. Roads closed.\r\n")
            'Rain fell in Faro on Monday. Roads closed.\r\n'
        """
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
        """Every reason a line can be given (stable rule ids), or only the ids ``disable=`` accepts.

        Args:
            disableable: only the rules ``Cleaner(disable=[...])`` accepts (the other ids are outcomes,
                not rules: article, blank, low-score, unsettled).

        Returns:
            The rule ids (list of str), in a stable order: the reasons ``explain`` gives.

        Example:
            >>> import newsprep
            >>> "low-score" in newsprep.Cleaner.rule_ids()
            True
            >>> newsprep.Cleaner.rule_ids(disableable=True)[:3]
            ['title', 'phrase', 'terminator-tail']
        """
    def __reduce__(self) -> tuple[Any, ...]: ...

def _page_url(url: str) -> str | None:
    """The URL the extractor takes ``url`` for as a page's address: an absolute http(s) URL
    (trimmed), else None."""

def _url_list(urls: Any, n: int) -> list[str | None]:
    """``n`` page URLs as str or None, checked as the batch paths check them (str or missing, one
    per page); warns (NewsprepWarning) when some are not absolute http(s) URLs."""

def extract(html: str | bytes, *, url: str | None = None) -> str:
    r"""The article text of ``html`` (str or bytes) with the default extractor (``Extractor()``).

    Args:
        html: the page; bytes are decoded by their BOM or ``<meta charset>``, else as UTF-8, else a
            guess (bad bytes never raise).
        url: the page's address; it does not change the text (see ``Extractor().article`` for the
            Article's fields).

    Returns:
        The headline, then one block of the article per line (str), as ``clean`` gives from page text.

    Example:
        >>> import newsprep
        >>> newsprep.extract("<nav><a href='/'>Home</a></nav><h1>Rain in Faro</h1>"
        ...                  "<p>Rain fell in Faro on Monday; the roads into the town were closed.</p>")
        'Rain in Faro\n\nRain fell in Faro on Monday; the roads into the town were closed.\n'
    """

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
        r"""The article text of ``html`` (str or bytes): one block per line, headline first.

        Args:
            html: the page; bytes are decoded by their BOM or ``<meta charset>``, else as UTF-8, else a
                guess (bad bytes never raise).
            url: the page's address; it does not change the text (``article`` uses it).

        Returns:
            The article text (str), as ``newsprep.clean`` gives from page text.

        Example:
            >>> import newsprep
            >>> newsprep.Extractor(keep_title=False).extract(
            ...     "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed.</p>")
            'Rain fell in Faro on Monday; the roads were closed.\n'
        """
    @staticmethod
    def rule_ids(*, disableable: bool = False) -> list[str]:
        """Every reason ``explain`` can give, or only the ids ``disable=`` accepts.

        Args:
            disableable: only the rules ``Extractor(disable=[...])`` accepts: the cleaner's disableable
                rules but "site-repeat" (it never runs on one page) and "json-ld"; the other ids are
                outcomes, or options such as ``include_comments``.

        Returns:
            The rule ids (list of str): the cleaner's plus "comment", "caption", "author-bio", "table"
            and "json-ld".

        Example:
            >>> import newsprep
            >>> "comment" in newsprep.Extractor.rule_ids()
            True
            >>> "json-ld" in newsprep.Extractor.rule_ids(disableable=True)
            True
        """
    def page_text(self, html: str | bytes) -> str:
        r"""Every visible block of ``html`` on its own line: what the model reads.

        Args:
            html: the page (str, or bytes decoded as for ``extract``).

        Returns:
            The page text (str): one line per visible block (navigation and footers included),
            blocks apart by a blank line; the line numbers of ``explain`` count its lines.

        Example:
            >>> import newsprep
            >>> page = "<nav><a href='/'>Home</a></nav><h1>Rain</h1><p>Rain fell.</p>"
            >>> newsprep.Extractor().page_text(page)
            'Home\n\nRain\n\nRain fell.'
        """
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
    def removed(self, text: str) -> list[tuple[int, int, int, str, float]]:
        """Removed lines as (line, start, end, reason, score); ``text``: the input (listed and
        converted to code points when first read)."""
    def removed_at(self, text: str) -> tuple[int, ...]:
        """Where each removed line stood in the clean text (``text`` as for ``removed``)."""
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
        r"""The first HTTP header ``name`` of the response.

        Args:
            name: the header's name, matched case-insensitively ("content-type").

        Returns:
            Its value (str), or None when the record has no such header (or no HTTP response).

        Example:
            >>> import io, newsprep
            >>> http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>"
            >>> warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n"
            ...         b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http))
            >>> record = next(iter(newsprep.read_warc(io.BytesIO(warc))))
            >>> record.http_header("content-type"), record.http_header("Location")
            ('text/html; charset=utf-8', None)
        """
    def html(self) -> str:
        r"""The payload as text: decoded with the HTTP charset as the transport charset, else the
        page's ``<meta charset>``, else UTF-8 or a guess.

        Returns:
            The decoded payload (str; bad bytes never raise): what ``Extractor.article`` takes.

        Example:
            >>> import io, newsprep
            >>> http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Caf\xc3\xa9</p>"
            >>> warc = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.com/\r\n"
            ...         b"Content-Length: %d\r\n\r\n%s\r\n\r\n" % (len(http), http))
            >>> record = next(iter(newsprep.read_warc(io.BytesIO(warc))))
            >>> record.html()
            '<p>Café</p>'
        """
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
    def close(self) -> None:
        """Stops reading and drops the source (a file opened from a path is closed now, not at garbage
        collection); the counts stay readable."""

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
    def close(self) -> None:
        """Stops reading and drops the source (a file opened from a path is closed now, not at garbage
        collection); the summary stays readable."""
