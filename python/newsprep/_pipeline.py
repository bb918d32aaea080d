"""One call for the whole job: clean (or extract from HTML), split into sentences, find entities.

:class:`Pipeline` chains a :class:`~newsprep.Cleaner` (or an :class:`~newsprep.Extractor` for HTML), a
:class:`~newsprep.SentenceSplitter` and an :class:`~newsprep.EntityMatcher`; ``pipe(text)`` returns a
:class:`Document`, ``pipe.process(texts)`` runs every document through all stages in one pass in Rust
(``_core._pipeline_documents``: documents in parallel, GIL released, Documents that build their lists
when read), and ``pipe.to_frames(texts)`` gives long pandas DataFrames built as columns in Rust
(``_core._pipeline_columns``), ready for counting (see :func:`co_mentions`). Stages that are not
newsprep's own classes run one after the other (``Pipeline._staged_documents``), which is also the
reference the tests hold the one pass to.
"""

# No "from __future__ import annotations": NamedTuple fields would show as ForwardRef('int') in help().
import bisect
import importlib.util
import os
from collections.abc import Sequence
from typing import Any, ClassVar, NamedTuple

from . import _core
from ._batch import (
    as_list,
    as_pylist,
    check_batch_args,
    check_same_index,
    is_missing,
    is_pandas_series,
    labelled_errors,
    progress_bar,
    same_kind,
)
from ._boilerplate import Cleaner, LineRecord, clean_and_explain
from ._display import document_html, frames_html
from ._entities import EntityMatcher
from ._errors import ConfigError, InputTypeError
from ._html import Article, Extractor
from ._sentences import SentenceSplitter
from ._warc import ArchiveStream, WarcSummary, read_warc

__all__ = ["Document", "Frames", "Mention", "Pipeline", "Sentence", "WarcFrames", "co_mentions"]


class Sentence(NamedTuple):
    """One sentence of :attr:`Document.clean_text`: ``clean_text[start:end] == text``."""

    start: int
    """Code-point offset of the sentence in ``clean_text``."""
    end: int
    """Code-point offset just past the sentence."""
    text: str
    """The sentence."""


class Mention(NamedTuple):
    """One entity mention in :attr:`Document.clean_text`: ``clean_text[start:end] == text``."""

    start: int
    """Code-point offset of the mention in ``clean_text``."""
    end: int
    """Code-point offset just past the mention."""
    text: str
    """The mention as written."""
    id: str
    """The entity's id (the first record's when several share the name)."""
    label: str
    """The entity's label (e.g. ``"PER"``, ``"COUNTRY"``)."""
    sentence: int
    """Index into :attr:`Document.sentences` of the sentence the mention starts in, -1 if none."""


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


class _Unset:
    """Marks a Document field not built yet (the Rust result still holds it)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<not built>"


_UNSET: Any = _Unset()


class Document:
    """What a :class:`Pipeline` makes of one text.

    Offsets of :attr:`sentences` and :attr:`entities` are code points into :attr:`clean_text`;
    those of :attr:`removed` are code points into :attr:`text` (the input; for a pipeline with an
    extractor, the page text the extractor read). In a notebook a Document renders as the clean
    article with the entities highlighted, the sentence boundaries visible and the removed lines
    struck through with their reasons (long runs of them collapsed).

    The lists are built when first read (the pipeline keeps each document compact until then), so
    processing a batch costs little more than cleaning it. Documents compare by value (``==``) and
    pickle, but are not hashable: they hold lists.

    Example:
        >>> import newsprep
        >>> doc = newsprep.Pipeline()("Sign in\\nRain fell in Faro on Monday. Roads closed.\\n")
        >>> doc.clean_text
        'Rain fell in Faro on Monday. Roads closed.\\n'
        >>> [s.text for s in doc.sentences]
        ['Rain fell in Faro on Monday.', 'Roads closed.']
        >>> [(r.text, r.reason) for r in doc.removed]
        [('Sign in', 'phrase')]
    """

    __slots__ = (
        "_text",
        "_clean_text",
        "_sentences",
        "_entities",
        "_removed",
        "_removed_at",
        "_article",
        "_parts",
    )
    __hash__: ClassVar[None] = None  # type: ignore[assignment]

    def __init__(
        self,
        text: str,
        clean_text: str,
        sentences: list[Sentence] | None = None,
        entities: list[Mention] | None = None,
        removed: list[LineRecord] | None = None,
        removed_at: tuple[int, ...] = (),
        article: Article | None = None,
    ) -> None:
        self._text = text
        self._clean_text = clean_text
        self._sentences = [] if sentences is None else sentences
        self._entities = [] if entities is None else entities
        self._removed = [] if removed is None else removed
        self._removed_at = tuple(removed_at)
        self._article = article
        self._parts: Any = None

    @classmethod
    def _lazy(cls, text: Any, parts: Any) -> "Document":
        """A Document whose fields are built from ``parts`` (a ``_core._DocParts``) when read."""
        doc = cls.__new__(cls)
        doc._text = _UNSET if text is None else text
        doc._clean_text = doc._sentences = doc._entities = doc._removed = _UNSET
        doc._removed_at = doc._article = _UNSET
        doc._parts = parts
        return doc

    @property
    def text(self) -> str:
        """The input, unchanged (for a pipeline with an extractor: the page text it read)."""
        if self._text is _UNSET:
            self._text = self._parts.page_text()
        return self._text

    @property
    def clean_text(self) -> str:
        """The article: the input without the removed lines (the input itself without a cleaner)."""
        if self._clean_text is _UNSET:
            clean = self._parts.clean_text()
            self._clean_text = self.text if clean is None else clean
        return self._clean_text

    @property
    def sentences(self) -> list[Sentence]:
        """The sentences of ``clean_text`` (empty without a splitter)."""
        if self._sentences is _UNSET:
            clean = self.clean_text
            self._sentences = [Sentence(s, e, clean[s:e]) for s, e in self._parts.sentences()]
        return self._sentences

    @property
    def entities(self) -> list[Mention]:
        """The entity mentions in ``clean_text`` (empty without a matcher)."""
        if self._entities is _UNSET:
            clean = self.clean_text
            self._entities = [
                Mention(s, e, clean[s:e], i, label, j) for s, e, i, label, j in self._parts.mentions()
            ]
        return self._entities

    @property
    def removed(self) -> list[LineRecord]:
        """The non-blank lines of ``text`` that were removed, with their reasons."""
        if self._removed is _UNSET:
            text = self.text
            self._removed = [
                LineRecord(line, s, e, text[s:e], False, reason, score)
                for line, s, e, reason, score in self._parts.removed(text)
            ]
        return self._removed

    @property
    def removed_at(self) -> tuple[int, ...]:
        """For each removed line, the offset in ``clean_text`` where it stood (used for display)."""
        if self._removed_at is _UNSET:
            self._removed_at = self._parts.removed_at(self.text)
        return self._removed_at

    @property
    def article(self) -> Article | None:
        """The article's parts (title, byline, date, url, site_name, language) when the pipeline read
        HTML with an extractor; None for text."""
        if self._article is _UNSET:
            fields = self._parts.article()
            self._article = None if fields is None else Article(text=self.clean_text, **fields)
        return self._article

    def _key(self) -> tuple:
        return (self.text, self.clean_text, self.sentences, self.entities, self.removed, self.article)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self is other or self._key() == other._key()

    def __reduce__(self) -> tuple:
        return (
            type(self),
            (
                self.text,
                self.clean_text,
                self.sentences,
                self.entities,
                self.removed,
                self.removed_at,
                self.article,
            ),
        )

    def __repr__(self) -> str:
        title = self.article.title if self.article is not None else None
        return (
            f"Document({len(self.text)} chars -> {len(self.clean_text)}, "
            f"{_plural(len(self.sentences), 'sentence', 'sentences')}, "
            f"{_plural(len(self.entities), 'entity', 'entities')}, "
            f"{_plural(len(self.removed), 'removed line', 'removed lines')}, "
            + (f"title={_short(title)!r}, " if title else "")
            + f"clean_text={_short(self.clean_text)!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The document as plain Python data (lists of dicts), e.g. for JSON.

        Returns:
            ``{"text", "clean_text", "sentences", "entities", "removed"}``, the last three lists of
            dicts with the fields of :class:`Sentence`, :class:`Mention` and ``LineRecord``; with
            ``"article"`` too (the :class:`~newsprep.Article` fields but its text) for a document
            made from HTML.

        Example:
            >>> import newsprep
            >>> newsprep.Pipeline(cleaner=None)("One. Two.").to_dict()["sentences"]
            [{'start': 0, 'end': 4, 'text': 'One.'}, {'start': 5, 'end': 9, 'text': 'Two.'}]
        """
        out: dict[str, Any] = {
            "text": self.text,
            "clean_text": self.clean_text,
            "sentences": [s._asdict() for s in self.sentences],
            "entities": [m._asdict() for m in self.entities],
            "removed": [r._asdict() for r in self.removed],
        }
        if self.article is not None:
            out["article"] = {k: v for k, v in self.article.to_dict().items() if k != "text"}
        return out

    def _repr_html_(self) -> str:
        return document_html(self)


class Frames(NamedTuple):
    """The three long DataFrames of :meth:`Pipeline.to_frames`.

    Every frame has ``doc`` (the input's index label, or its position for a list) and ``row`` (the
    position of the text in the input, unique even when the index repeats labels). In a notebook
    the three render one under the other.
    """

    documents: Any
    """One row per text: ``doc, row, text, clean_text, n_sentences, n_entities, n_removed`` (from HTML,
    with ``title, byline, date, url, site_name, language`` after ``clean_text``)."""
    sentences: Any
    """One row per sentence: ``doc, row, sentence, start, end, text`` (offsets into ``clean_text``)."""
    mentions: Any
    """One row per mention: ``doc, row, sentence, start, end, text, id, label`` (offsets into
    ``clean_text``)."""

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))} rows" for name in self._fields)
        return f"Frames({sizes})"

    def _repr_html_(self) -> str:
        return frames_html(self)


class _Default:
    """A default argument that shows as the call building it (for ``help(Pipeline)``)."""

    __slots__ = ("call",)

    def __init__(self, call: str) -> None:
        self.call = call

    def __repr__(self) -> str:
        return self.call


_DEFAULT_CLEANER: Any = _Default("Cleaner()")
_DEFAULT_SPLITTER: Any = _Default("SentenceSplitter()")


class Pipeline:
    """Cleans, splits and tags news text in one call; with an extractor, from HTML.

    Args:
        cleaner: a :class:`~newsprep.Cleaner` (default ``Cleaner()``), or None to use the text as it is.
        splitter: a :class:`~newsprep.SentenceSplitter` (default ``SentenceSplitter()``), or None for no
            sentences.
        matcher: an :class:`~newsprep.EntityMatcher` (e.g. ``newsprep.gazetteers.countries()``), or None
            (the default) for no entities.
        extractor: an :class:`~newsprep.Extractor` to read HTML (str or bytes) instead of page text:
            the extractor removes the page's chrome itself (give it the cleaner's options, e.g.
            ``Extractor(extra_phrases=[...])``), so no cleaner is used; Documents and frames then carry
            the :class:`~newsprep.Article` fields (title, byline, date, url, site_name, language), and
            each page is split by the rules of its declared language unless the splitter was built
            for one language (``SentenceSplitter(language="de")``).

    Each document is cleaned (or extracted), split and matched in one pass in Rust, documents in
    parallel with the GIL released. A Pipeline holds no state of its own beyond its stages: it
    pickles (so it ships to Dask, Spark or Ray workers) and is safe to share between threads.

    Example:
        >>> import newsprep
        >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Lisbon": "LOC", "Porto": "LOC"}))
        >>> doc = pipe(
        ...     "Home | World | Sign in\\n"
        ...     "Heavy rain fell in Lisbon on Monday, flooding several streets. "
        ...     "Trains to Porto were delayed.\\n"
        ...     "Share this article\\n"
        ... )
        >>> [s.text for s in doc.sentences]
        ['Heavy rain fell in Lisbon on Monday, flooding several streets.', 'Trains to Porto were delayed.']
        >>> [(m.text, m.label, m.sentence) for m in doc.entities]
        [('Lisbon', 'LOC', 0), ('Porto', 'LOC', 1)]
        >>> [(r.text, r.reason) for r in doc.removed]
        [('Home | World | Sign in', 'separator'), ('Share this article', 'phrase')]
    """

    __slots__ = ("cleaner", "splitter", "matcher", "extractor")

    cleaner: Cleaner | None
    splitter: SentenceSplitter | None
    matcher: EntityMatcher | None
    extractor: Extractor | None

    def __init__(
        self,
        *,
        cleaner: Cleaner | None = _DEFAULT_CLEANER,
        splitter: SentenceSplitter | None = _DEFAULT_SPLITTER,
        matcher: EntityMatcher | None = None,
        extractor: Extractor | None = None,
    ) -> None:
        if extractor is not None:
            if isinstance(extractor, type) or not isinstance(extractor, _core.Extractor):
                what = (
                    f"the class {extractor.__name__}"
                    if isinstance(extractor, type)
                    else type(extractor).__name__
                )
                raise InputTypeError(f"extractor must be a newsprep.Extractor() or None, got {what}")
            if cleaner is not _DEFAULT_CLEANER and cleaner is not None:
                raise ConfigError(
                    "give either a cleaner (for page text) or an extractor (for HTML), not both: the "
                    "extractor cleans the page itself; pass the cleaner's options to it, e.g. "
                    "Extractor(extra_phrases=[...])"
                )
            cleaner = None
        self.cleaner = Cleaner() if cleaner is _DEFAULT_CLEANER else cleaner
        self.splitter = SentenceSplitter() if splitter is _DEFAULT_SPLITTER else splitter
        self.matcher = matcher
        self.extractor = extractor
        for name, value, kind, method in (
            ("cleaner", self.cleaner, "a Cleaner", "clean_many"),
            ("splitter", self.splitter, "a SentenceSplitter", "spans_many"),
            ("matcher", self.matcher, "an EntityMatcher", "find_many"),
        ):
            if isinstance(value, type):
                raise InputTypeError(
                    f"{name}= got the class {value.__name__}, not an instance of it: "
                    f"pass {value.__name__}() (with its options)"
                )
            if value is not None and not hasattr(value, method):
                fix = ""
                if name == "matcher" and isinstance(value, (str, os.PathLike, list, dict)):
                    # a gazetteer's name, file or records where the matcher built from them goes
                    fix = (
                        "; build one: newsprep.gazetteers.countries() for the bundled country "
                        "gazetteer, EntityMatcher.from_jsonl(path) for a file of records, "
                        "EntityMatcher.from_records(records) for records, EntityMatcher({name: label}) "
                        "for names"
                    )
                raise InputTypeError(
                    f"{name} must be {kind} (or any object with a {method} method) or None, "
                    f"got {type(value).__name__}{fix}"
                )

    def __repr__(self) -> str:
        if self.extractor is not None:
            return (
                f"Pipeline(extractor={self.extractor!r}, splitter={self.splitter!r}, "
                f"matcher={self.matcher!r})"
            )
        return f"Pipeline(cleaner={self.cleaner!r}, splitter={self.splitter!r}, matcher={self.matcher!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {
            "cleaner": self.cleaner,
            "splitter": self.splitter,
            "matcher": self.matcher,
            "extractor": self.extractor,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "extractor", None)  # pickles from before extractors existed
        for k, v in state.items():
            object.__setattr__(self, k, v)

    # -- single text -------------------------------------------------------------------------------

    def __call__(self, text: Any, *, site: str | None = None, url: str | None = None) -> Document:
        """Processes one text (or, with an extractor, one HTML page).

        Args:
            text: the page text (a str); with an extractor, the HTML (str or bytes).
            site: the page's site key, for a cleaner fitted in corpus mode (:meth:`Cleaner.fit`).
            url: with an extractor, where the page came from (its ``article.url`` unless the page
                declares a canonical URL).

        Returns:
            Its :class:`Document`: the clean text, its sentences, the entities found in it (each with
            the sentence it starts in) and the removed lines.

        Example:
            >>> import newsprep
            >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC"}))
            >>> [(m.text, m.sentence) for m in pipe("Rain in Faro. Cold.").entities]
            [('Faro', 0)]
        """
        kinds = (str, bytes, bytearray) if self.extractor is not None else (str,)
        if not isinstance(text, kinds):
            expected = "HTML as a str or bytes" if self.extractor is not None else "a str"
            raise InputTypeError(f"Pipeline expects {expected}, got {type(text).__name__}")
        sites = None if site is None else [site]
        urls = None if url is None else [url]
        self._check_options(sites, urls)
        return self._documents([text], sites, urls, 1, None)[0]

    # -- batches -----------------------------------------------------------------------------------

    def process(
        self,
        texts: Any,
        *,
        sites: Any = None,
        urls: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """Processes many texts in one pass each (clean, split, match), in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, a pandas/polars Series or a pyarrow array; None, NaN
                and pandas.NA are missing and come back as None. With an extractor: HTML, str or bytes.
            sites: one site key per text (e.g. the domain) for the cleaner's corpus mode, as in
                :meth:`Cleaner.clean_many`.
            urls: with an extractor, one URL per page (or None); one that is not an absolute
                http(s) URL is not used (a NewsprepWarning says how many).
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            The same kind as ``texts`` (a pandas Series keeps its index and name; a polars Series
            has dtype Object; a list otherwise): one :class:`Document` per text. The result equals
            ``[pipe(t) for t in texts]``.

        Example:
            >>> import newsprep
            >>> docs = newsprep.Pipeline().process(["Rain fell. It stopped.", None])
            >>> [d.sentences[1].text if d else None for d in docs]
            ['It stopped.', None]
        """
        check_batch_args(texts, n_threads)
        check_same_index(texts, sites, "sites")
        check_same_index(texts, urls, "urls")
        values = as_pylist(texts)
        site_list, url_list = self._aligned(sites, urls, len(values))
        with labelled_errors(texts, values, bytes_ok=self.extractor is not None):
            docs = self._process_list(values, site_list, url_list, n_threads, progress)
        return same_kind(texts, docs, objects=True)

    def _check_options(self, sites: Any, urls: Any) -> None:
        if sites is not None and self.cleaner is None:
            raise ConfigError(
                "sites= is for the cleaner's corpus mode, and this pipeline has no cleaner"
                + (" (an extractor reads HTML without it)" if self.extractor is not None else "")
            )
        if urls is not None and self.extractor is None:
            raise ConfigError("urls= is for pages read with an extractor: Pipeline(extractor=Extractor())")

    def _aligned(self, sites: Any, urls: Any, n: int) -> tuple[list | None, list | None]:
        self._check_options(sites, urls)
        out: list[list | None] = []
        for name, values in (("sites", sites), ("urls", urls)):
            if values is None:
                out.append(None)
                continue
            listed = as_list(values, name)
            if len(listed) != n:
                raise ConfigError(f"{name} has {len(listed)} entries but texts has {n}: give one per text")
            out.append(listed)
        return out[0], out[1]

    def _native(self) -> bool:
        """Whether every stage is newsprep's own (then the whole job runs in one pass in Rust)."""
        return (
            (self.cleaner is None or isinstance(self.cleaner, _core.Cleaner))
            and (self.splitter is None or isinstance(self.splitter, _core.SentenceSplitter))
            and (self.matcher is None or isinstance(self.matcher, _core.EntityMatcher))
        )

    def _check_items(self, values: list) -> None:
        kinds = (str, bytes, bytearray) if self.extractor is not None else (str,)
        for i, v in enumerate(values):
            if not isinstance(v, kinds) and not is_missing(v):
                expected = "str or bytes items (HTML)" if self.extractor is not None else "str items"
                raise InputTypeError(
                    f"texts[{i}]: Pipeline expects {expected} (or None/NaN), got {type(v).__name__}"
                )

    def _stages(self) -> dict[str, Any]:
        return {
            "cleaner": self.cleaner,
            "extractor": self.extractor,
            "splitter": self.splitter,
            "matcher": self.matcher,
        }

    def _process_list(
        self,
        values: list,
        sites: list | None,
        urls: list | None,
        n_threads: int | None,
        progress: bool | None,
    ) -> list:
        self._check_items(values)
        if not self._native():
            return self._staged_process_list(values, sites, urls, n_threads, progress)
        bar = progress_bar(len(values), "pipeline") if progress else None
        try:
            return self._documents(values, sites, urls, n_threads, bar.update if bar is not None else None)
        finally:
            if bar is not None:
                bar.close()

    def _documents(
        self, values: list, sites: list | None, urls: list | None, n_threads: int | None, cb: Any
    ) -> list:
        """One Document per item of ``values`` (None for missing ones)."""
        if not self._native():
            return self._staged_process_list(values, sites, urls, n_threads, None)
        parts = _core._pipeline_documents(
            values, **self._stages(), sites=sites, urls=urls, n_threads=n_threads, progress=cb
        )
        lazy = Document._lazy
        if self.extractor is not None:
            return [None if p is None else lazy(None, p) for p in parts]
        return [None if p is None else lazy(v, p) for v, p in zip(values, parts, strict=True)]

    # -- the stages one after the other (stages that are not newsprep's own) ----------------------

    def _staged_process_list(
        self,
        values: list,
        sites: list | None,
        urls: list | None,
        n_threads: int | None,
        progress: bool | None,
    ) -> list:
        present = [i for i, v in enumerate(values) if not is_missing(v)]
        items = [values[i] for i in present]
        site_items = None if sites is None else [sites[i] for i in present]
        if urls is not None and self.extractor is not None:
            urls = _core._url_list(urls, len(values))  # the one-pass path's checks and warning
        url_items = None if urls is None else [urls[i] for i in present]
        bar = progress_bar(len(items), "pipeline") if progress else None
        docs: list = []
        try:
            # In chunks, so that the bar counts documents through every stage.
            step = _PROGRESS_CHUNK if bar is not None else max(1, len(items))
            for k in range(0, len(items), step):
                docs.extend(
                    self._staged_documents(
                        items[k : k + step],
                        None if site_items is None else site_items[k : k + step],
                        None if url_items is None else url_items[k : k + step],
                        n_threads,
                    )
                )
                if bar is not None:
                    bar.update(len(items[k : k + step]))
        finally:
            if bar is not None:
                bar.close()
        out: list = [None] * len(values)
        for i, doc in zip(present, docs, strict=True):
            out[i] = doc
        return out

    def _staged_documents(
        self, items: list, sites: list | None, urls: list | None, n_threads: int | None
    ) -> list[Document]:
        """The Documents of ``items`` (none missing), each stage over the whole list in turn.

        The path for stages that are not newsprep's own classes, and the reference the one-pass
        path is tested against.
        """
        n = n_threads if len(items) > 1 else 1
        articles: list = [None] * len(items)
        if self.extractor is not None:
            cleaned: list[tuple[str, str, list, tuple]] = []
            for k, html in enumerate(items):
                article = _article_any_url(self.extractor, html, None if urls is None else urls[k])
                explained = self.extractor.explain(html)
                page = explained.page_text
                records = [
                    LineRecord(r.line, r.start, r.end, r.text, r.kept, r.reason, r.score) for r in explained
                ]
                removed, at = _removed_lines_html(article.text, page, records)
                articles[k] = article
                cleaned.append((page, article.text, removed, at))
        elif self.cleaner is None:
            cleaned = [(t, t, [], ()) for t in items]
        else:
            # One pass in Rust gives both the clean text and the per-line decisions.
            both = clean_and_explain(self.cleaner, items, sites=sites, n_threads=n)
            cleaned = []
            for text, pair in zip(items, both, strict=True):
                assert pair is not None  # items are all str
                clean, explanation = pair
                cleaned.append((text, clean, *_removed_lines(text, clean, explanation)))
        clean_texts = [c[1] for c in cleaned]
        languages = [_page_language(self.splitter, a) for a in articles]
        if self.splitter is None:
            spans: list = [[] for _ in items]
        elif any(languages):
            spans = [
                self.splitter.spans(t, language=lang) for t, lang in zip(clean_texts, languages, strict=True)
            ]
        elif len(items) == 1:
            spans = [self.splitter.spans(clean_texts[0])]
        else:
            spans = self.splitter.spans_many(clean_texts, n_threads=n_threads)
        if self.matcher is None:
            matches: list = [[] for _ in items]
        elif len(items) == 1:
            matches = [self.matcher.find(clean_texts[0])]
        else:
            matches = self.matcher.find_many(clean_texts, n_threads=n_threads)
        return [
            _document(text, clean_text, removed, removed_at, sp, ms, article)
            for (text, clean_text, removed, removed_at), sp, ms, article in zip(
                cleaned, spans, matches, articles, strict=True
            )
        ]

    # -- frames ------------------------------------------------------------------------------------

    def to_frames(
        self,
        texts: Any,
        *,
        sites: Any = None,
        urls: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Frames:
        """Processes ``texts`` and returns long pandas DataFrames (:class:`Frames`).

        Args:
            texts: as in :meth:`process`.
            sites: one site key per text, for the cleaner's corpus mode (as in :meth:`process`).
            urls: with an extractor, one URL per page (or None); one that is not an absolute
                http(s) URL is not used (a NewsprepWarning says how many).
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            :class:`Frames` ``(documents, sentences, mentions)``. ``doc`` is the input's index label
            when ``texts`` is a pandas Series, else its position; ``row`` is always its position, so
            rows stay apart even when the index repeats a label (after ``pd.concat``). Missing texts
            have a ``documents`` row with ``text`` and ``clean_text`` None and zero counts, and no
            sentences or mentions. With an extractor, ``documents`` also has the Article fields
            (``title, byline, date, url, site_name, language``) and ``text`` is the page text.
            The tables are built as columns in Rust: the text columns of ``sentences`` and
            ``mentions`` are pandas' Arrow-backed string dtype (when pyarrow is installed), without a
            Python object per sentence or mention. Pass ``frames.mentions`` to :func:`co_mentions` to
            count which entities are named in the same sentence.

        Example:
            >>> import newsprep
            >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC", "Silva": "PER"}))
            >>> frames = pipe.to_frames(["Silva flew to Faro. He left.", "Faro was calm."])
            >>> frames.mentions[["doc", "sentence", "text", "id"]].values.tolist()
            [[0, 0, 'Silva', 'Silva'], [0, 0, 'Faro', 'Faro'], [1, 0, 'Faro', 'Faro']]
        """
        import pandas as pd

        check_batch_args(texts, n_threads)
        check_same_index(texts, sites, "sites")
        check_same_index(texts, urls, "urls")
        values = as_pylist(texts)
        keys = texts.index if is_pandas_series(texts) else pd.RangeIndex(len(values))
        with labelled_errors(texts, values, bytes_ok=self.extractor is not None):
            cols = self._columns(values, sites, urls, n_threads, progress)
        return _pandas_frames(cols, keys)

    def warc_frames(
        self,
        source: Any,
        *,
        batch_size: int = 1000,
        record_types: Any = ("response",),
        ok_status_only: bool = True,
        n_threads: int | None = None,
    ) -> "WarcFrames":
        """A web archive to :class:`Frames`, batch by batch: HTML pages to sentences and entities.

        Each HTML response with a 2xx status in ``source`` (a ``.warc`` or ``.warc.gz`` path, fsspec
        URL or binary file object: see :func:`newsprep.read_warc`), as for
        :func:`newsprep.extract_warc`, is decoded with its HTTP charset, extracted, split and
        matched in one pass, ``batch_size`` pages at a time, so an archive of any size streams with
        memory bounded by the batch. ``documents`` has the Article fields plus ``warc_date`` and
        ``record_id``; ``doc`` numbers the pages across the whole archive, so the batches concatenate.
        Needs a pipeline built with ``extractor=``.

        Args:
            source: the archive, as for :func:`newsprep.read_warc`.
            batch_size: pages per batch (memory grows with it).
            record_types: WARC record types to read (default responses; None for all).
            ok_status_only: skip responses whose HTTP status is not 2xx (redirects, error pages:
                their body is a server's message, not the page at the URL).
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).

        Returns:
            A :class:`WarcFrames`: an iterator of :class:`Frames`, one per batch, whose ``summary``
            (a :class:`WarcSummary`) counts the records read and those skipped, by reason (every HTML
            record that passes the filters is a ``documents`` row: ``articles == html_records``).

        Example:
            >>> import newsprep
            >>> pipe = newsprep.Pipeline(extractor=newsprep.Extractor())
            >>> frames = pipe.warc_frames("crawl.warc.gz")  # doctest: +SKIP
            >>> docs = pd.concat(f.documents for f in frames)  # doctest: +SKIP
        """
        import pandas as pd

        if self.extractor is None:
            raise ConfigError(
                "warc_frames reads HTML pages: build the pipeline with "
                "Pipeline(extractor=newsprep.Extractor(), ...)"
            )
        if isinstance(batch_size, bool) or not isinstance(batch_size, int) or batch_size < 1:
            raise ConfigError(f"batch_size must be a positive integer, got {batch_size!r}")
        check_batch_args([], n_threads)
        done = 0

        def flush(batch: list[Any]) -> Frames:
            nonlocal done
            keys = pd.RangeIndex(done, done + len(batch))
            cols = self._columns([r.html() for r in batch], None, [r.url for r in batch], n_threads, None)
            frames = _pandas_frames(cols, keys)
            docs = frames.documents
            docs["warc_date"] = pd.Series([r.date for r in batch], dtype=object)
            docs["record_id"] = pd.Series([r.record_id for r in batch], dtype=object)
            done += len(batch)
            return frames

        if not isinstance(ok_status_only, bool):
            raise InputTypeError(f"ok_status_only expects True or False, got {type(ok_status_only).__name__}")
        records = read_warc(source, record_types=record_types, html_only=True, ok_status_only=ok_status_only)
        return WarcFrames(records, flush, batch_size)

    def _columns(
        self, values: list, sites: Any, urls: Any, n_threads: int | None, progress: bool | None
    ) -> dict[str, Any]:
        """The three tables as columns: numpy int64 arrays, pyarrow (or list) string columns."""
        site_list, url_list = self._aligned(sites, urls, len(values))
        self._check_items(values)
        if not self._native():
            docs = self._staged_process_list(values, site_list, url_list, n_threads, progress)
            return _columns_of_documents(docs, self.extractor is not None)
        bar = progress_bar(len(values), "pipeline") if progress else None
        try:
            raw = _core._pipeline_columns(
                values,
                **self._stages(),
                sites=site_list,
                urls=url_list,
                n_threads=n_threads,
                progress=bar.update if bar is not None else None,
            )
        finally:
            if bar is not None:
                bar.close()
        return _columns_of_raw(raw, values, self)


class WarcFrames(ArchiveStream):
    """The batches of :meth:`Pipeline.warc_frames`: iterate for :class:`Frames`.

    ``summary`` (a :class:`WarcSummary`) counts the records read so far and those skipped, by reason
    (``record-type``, ``not-html``, ``http-status``, ``truncated`` ...); after the last batch it covers
    the whole archive, and ``records == articles + sum(skipped.values())``.
    """

    _reopen = "pipeline.warc_frames(path)"

    def __init__(self, records: Any, flush: Any, batch_size: int) -> None:
        self._records = records
        self._flush = flush
        self._batch_size = batch_size
        self._rows = 0

    def __iter__(self) -> "WarcFrames":
        return self

    def __next__(self) -> Frames:
        batch: list[Any] = []
        for record in self._records:
            batch.append(record)
            if len(batch) >= self._batch_size:
                break
        if not batch:
            raise StopIteration
        self._rows += len(batch)
        return self._flush(batch)

    @property
    def summary(self) -> Any:
        """The counts so far (see :class:`WarcSummary`)."""
        c = self._records.counts
        return WarcSummary(c["records"], c["returned"], self._rows, dict(c["skipped"]))

    def close(self) -> None:
        """Closes the file the archive's reader opened (from a path or an fsspec URL); no more batches.

        Returns:
            None.

        Example:
            >>> import newsprep
            >>> warc = newsprep.example_warc()  # a one-page web archive (bytes)
            >>> batches = newsprep.Pipeline(extractor=newsprep.Extractor()).warc_frames(warc)
            >>> batches.close()
            >>> list(batches)
            []
        """
        self._records.close()

    def __repr__(self) -> str:
        return f"<WarcFrames: {self.summary}>"


# Documents per chunk when a progress bar is shown on the staged path.
_PROGRESS_CHUNK = 1024

# The Article fields that documents frames of HTML carry (its text is clean_text).
_ARTICLE_COLUMNS = ("title", "byline", "date", "url", "site_name", "language")


def _ints(raw: bytes) -> Any:
    import numpy as np

    return np.frombuffer(raw, dtype="<i8").astype(np.int64, copy=False)


def _strings(buffers: tuple[bytes, bytes], n: int) -> Any:
    """An Arrow large_string array from (offsets, data), or a list of str without pyarrow."""
    offsets, data = buffers
    try:
        import pyarrow as pa
    except ImportError:
        off = _ints(offsets).tolist()
        return [data[a:b].decode("utf-8") for a, b in zip(off[:-1], off[1:], strict=True)]
    return pa.Array.from_buffers(pa.large_string(), n, [None, pa.py_buffer(offsets), pa.py_buffer(data)])


def _columns_of_raw(raw: dict[str, Any], values: list, pipe: Pipeline) -> dict[str, Any]:
    """``_core._pipeline_columns``' buffers as numpy and pyarrow columns."""
    n = len(values)
    texts = [None if is_missing(v) else v for v in values]
    if pipe.extractor is not None:
        texts = raw["page_text"]
    clean = raw["clean_text"]
    if pipe.cleaner is None and pipe.extractor is None:
        clean = list(texts)
    s_row = _ints(raw["s_row"])
    m_row = _ints(raw["m_row"])
    documents: dict[str, Any] = {"row": _ints_range(n), "text": texts, "clean_text": clean}
    if pipe.extractor is not None:
        for name in _ARTICLE_COLUMNS:
            documents[name] = raw[name]
    for name in ("n_sentences", "n_entities", "n_removed"):
        documents[name] = _ints(raw[name])
    sentences = {
        "row": s_row,
        "sentence": _ints(raw["s_sentence"]),
        "start": _ints(raw["s_start"]),
        "end": _ints(raw["s_end"]),
        "text": _strings(raw["s_text"], len(s_row)),
    }
    mentions = {
        "row": m_row,
        "sentence": _ints(raw["m_sentence"]),
        "start": _ints(raw["m_start"]),
        "end": _ints(raw["m_end"]),
        "text": _strings(raw["m_text"], len(m_row)),
        "id": _strings(raw["m_id"], len(m_row)) if pipe.matcher is not None else [],
        "label": _strings(raw["m_label"], len(m_row)) if pipe.matcher is not None else [],
    }
    return {"documents": documents, "sentences": sentences, "mentions": mentions}


def _ints_range(n: int) -> Any:
    import numpy as np

    return np.arange(n, dtype=np.int64)


def _columns_of_documents(docs: list, html: bool) -> dict[str, Any]:
    """The columns of ``_columns_of_raw`` from Documents (the staged path)."""
    import numpy as np

    documents: dict[str, list] = {k: [] for k in ("row", "text", "clean_text")}
    if html:
        documents.update({k: [] for k in _ARTICLE_COLUMNS})
    documents.update({k: [] for k in ("n_sentences", "n_entities", "n_removed")})
    sentences: dict[str, list] = {k: [] for k in ("row", "sentence", "start", "end", "text")}
    mentions: dict[str, list] = {k: [] for k in ("row", "sentence", "start", "end", "text", "id", "label")}
    for row, d in enumerate(docs):
        documents["row"].append(row)
        if html:
            a = d.article if d is not None else None
            for k in _ARTICLE_COLUMNS:
                documents[k].append(None if a is None else getattr(a, k))
        if d is None:
            for k in ("text", "clean_text"):
                documents[k].append(None)
            for k in ("n_sentences", "n_entities", "n_removed"):
                documents[k].append(0)
            continue
        documents["text"].append(d.text)
        documents["clean_text"].append(d.clean_text)
        documents["n_sentences"].append(len(d.sentences))
        documents["n_entities"].append(len(d.entities))
        documents["n_removed"].append(len(d.removed))
        for j, s in enumerate(d.sentences):
            for k, v in zip(sentences, (row, j, s.start, s.end, s.text), strict=True):
                sentences[k].append(v)
        for m in d.entities:
            for k, v in zip(mentions, (row, m.sentence, m.start, m.end, m.text, m.id, m.label), strict=True):
                mentions[k].append(v)
    ints = ("row", "sentence", "start", "end", "n_sentences", "n_entities", "n_removed")

    def typed(table: dict[str, list]) -> dict[str, Any]:
        return {k: np.asarray(v, dtype=np.int64) if k in ints else v for k, v in table.items()}

    return {"documents": typed(documents), "sentences": typed(sentences), "mentions": typed(mentions)}


def polars_frames(cols: dict[str, Any]) -> Frames:
    """polars DataFrames from the columns of ``_columns_of_raw`` / ``_columns_of_documents``."""
    import polars as pl

    def column(name: str, values: Any) -> Any:
        if isinstance(values, list):
            return pl.Series(name, values, dtype=pl.String)
        if type(values).__module__.startswith("pyarrow"):
            return pl.Series(name, pl.from_arrow(values), dtype=pl.String)
        return pl.Series(name, values, dtype=pl.Int64)

    def frame(table: dict[str, Any]) -> Any:
        data = [column("doc", table["row"])]
        data += [column(k, v) for k, v in table.items()]
        return pl.DataFrame(data)

    return Frames(frame(cols["documents"]), frame(cols["sentences"]), frame(cols["mentions"]))


def _string_dtype(pd: Any) -> Any:
    """The Arrow-backed pandas string dtype: pandas' own default ``str`` (pandas 3), else
    ``string[pyarrow]``."""
    inferred = pd.Series(["a"]).dtype
    if getattr(inferred, "storage", None) == "pyarrow":
        return inferred
    return pd.StringDtype("pyarrow")


def _pandas_frames(cols: dict[str, Any], keys: Any) -> Frames:
    """pandas DataFrames from the columns of ``_columns_of_raw`` / ``_columns_of_documents``."""
    import numpy as np
    import pandas as pd

    string_dtype = None
    arrow = importlib.util.find_spec("pyarrow") is not None

    def column(name: str, values: Any, text: bool) -> Any:
        nonlocal string_dtype
        if isinstance(values, np.ndarray):
            return pd.Series(values, dtype="int64", copy=False)
        # The text columns of sentences and mentions are Arrow strings whichever path made them
        # (a list from the staged path, none at all without a matcher), when pyarrow is there.
        if isinstance(values, list) and not (text and arrow):
            return pd.Series(values, dtype=object)
        if string_dtype is None:
            string_dtype = _string_dtype(pd)
        return pd.Series(values, dtype=string_dtype)

    # The doc column's dtype is inferred once from every key, so that a frame with no rows (no
    # mentions) or with some of the documents has the same dtype as the others.
    key_dtype = pd.Series(np.asarray(keys), copy=False).infer_objects().dtype if len(keys) else None

    def doc_keys(rows: Any) -> Any:
        taken = keys.take(rows) if len(rows) else keys[:0]
        s = pd.Series(np.asarray(taken), copy=False)
        return s.astype(key_dtype) if s.dtype == object and key_dtype is not None else s

    def frame(table: dict[str, Any], text: tuple[str, ...]) -> Any:
        data = {"doc": doc_keys(table["row"])}
        data.update((k, column(k, v, k in text)) for k, v in table.items())
        # The columns were made for this frame alone: no copy (copying them, and consolidating
        # the int64 columns into one block, took a third of this function's time on 2,000 pages).
        return pd.DataFrame(data, copy=False)

    return Frames(
        frame(cols["documents"], ()),
        frame(cols["sentences"], ("text",)),
        frame(cols["mentions"], ("text", "id", "label")),
    )


def co_mentions(mentions: Any, *, within: str = "sentence", labels: Sequence[str] | None = None) -> Any:
    """Pairs of entity ids named together, with counts, from ``Pipeline.to_frames(...).mentions``.

    Args:
        mentions: the mentions DataFrame (or the :class:`Frames` of ``to_frames``, whose mentions are
            taken): columns ``doc`` (or ``row``), ``sentence`` and ``id``, and ``label`` for
            ``labels``. When it has ``row`` (as ``to_frames`` gives), documents are told apart by
            position, so a Series index with repeated labels never merges two documents.
        within: ``"sentence"`` (named in the same sentence; mentions outside any sentence are
            ignored) or ``"doc"`` (named in the same document).
        labels: keep only mentions with these labels (e.g. ``["PER"]``).

    Returns:
        A DataFrame ``id_a, id_b, count`` (``id_a < id_b``), one row per pair, where ``count`` is
        the number of sentences (or documents) naming both, sorted by count (descending) then ids:
        a polars DataFrame for polars mentions (the polars namespace's ``to_frames``), else pandas.

    Example:
        >>> import newsprep
        >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC", "Silva": "PER"}))
        >>> frames = pipe.to_frames(["Silva flew to Faro. He left.", "Faro and Silva. Faro."])
        >>> newsprep.co_mentions(frames.mentions).values.tolist()
        [['Faro', 'Silva', 2]]
    """
    import pandas as pd

    if within not in ("sentence", "doc"):
        raise ValueError(f'within must be "sentence" or "doc", got {within!r}')
    if isinstance(mentions, Frames):
        mentions = mentions.mentions  # the Frames of to_frames hold one mentions table: take it
    _check_mentions(mentions, within, labels)
    if type(mentions).__module__.startswith("polars"):
        return _co_mentions_polars(mentions, within, labels)
    doc_key = "row" if "row" in mentions.columns else "doc"
    m = mentions
    if labels is not None:
        m = m[m["label"].isin(list(labels))]
    keys = [doc_key, "sentence"] if within == "sentence" else [doc_key]
    if within == "sentence":
        m = m[m["sentence"] >= 0]
    m = m[[*keys, "id"]].drop_duplicates()
    pairs = m.merge(m, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["id_a"].astype(str) < pairs["id_b"].astype(str)]
    if pairs.empty:  # the ids' own dtype, as a frame with pairs has it
        empty = pd.Series([], dtype=mentions["id"].dtype)
        return pd.DataFrame({"id_a": empty, "id_b": empty, "count": pd.Series([], dtype="int64")})
    out = pairs.groupby(["id_a", "id_b"], sort=False).size().reset_index(name="count")
    out["count"] = out["count"].astype("int64")
    return out.sort_values(["count", "id_a", "id_b"], ascending=[False, True, True], ignore_index=True)


def _co_mentions_polars(mentions: Any, within: str, labels: Sequence[str] | None) -> Any:
    """:func:`co_mentions` of a polars mentions frame (the polars namespace's ``to_frames``), as a
    polars DataFrame with the same columns and order."""
    import polars as pl

    m = mentions
    doc_key = "row" if "row" in m.columns else "doc"
    if labels is not None:
        m = m.filter(pl.col("label").is_in(list(labels)))
    keys = [doc_key, "sentence"] if within == "sentence" else [doc_key]
    if within == "sentence":
        m = m.filter(pl.col("sentence") >= 0)
    m = m.select([*keys, "id"]).unique()
    pairs = m.rename({"id": "id_a"}).join(m.rename({"id": "id_b"}), on=keys)
    pairs = pairs.filter(pl.col("id_a").cast(pl.String) < pl.col("id_b").cast(pl.String))
    out = pairs.group_by(["id_a", "id_b"]).agg(pl.len().cast(pl.Int64).alias("count"))
    return out.sort(["count", "id_a", "id_b"], descending=[True, False, False])


def _check_mentions(mentions: Any, within: str, labels: Any) -> None:
    """Refuses anything but a mentions frame, naming the fix."""
    columns = getattr(mentions, "columns", None)
    if columns is None or type(mentions).__name__ != "DataFrame":
        raise InputTypeError(
            "co_mentions expects a pandas or polars DataFrame of mentions "
            f"(Pipeline.to_frames(texts).mentions), got {type(mentions).__name__}"
        )
    have = set(columns)
    need = {"id", "sentence"} if within == "sentence" else {"id"}
    if labels is not None:
        need.add("label")
    missing = sorted(need - have) + ([] if have & {"doc", "row"} else ["doc"])
    if not missing:
        return
    if "n_entities" in have:
        hint = "this is frames.documents: pass frames.mentions"
    elif "sentence" in have and "id" not in have:
        hint = "this is frames.sentences: pass frames.mentions"
    elif missing == ["sentence"]:
        hint = (
            'it has no sentence column (EntityMatcher.to_frame gives none): use within="doc", or '
            "Pipeline.to_frames(texts).mentions"
        )
    else:
        hint = "pass Pipeline.to_frames(texts).mentions"
    raise InputTypeError(
        f"co_mentions needs the column(s) {', '.join(missing)}, which this frame lacks "
        f"(it has: {', '.join(map(str, columns))}); {hint}"
    )


# -- helpers -----------------------------------------------------------------------------------------


def _removed_lines(text: str, clean_text: str, records: Sequence[LineRecord]) -> tuple[list, tuple]:
    """The removed non-blank lines and, for each, the offset in ``clean_text`` where it stood.

    The cleaner keeps whole lines with their own line ends, so the kept part of ``text`` before a
    line is a prefix of ``clean_text``; the offsets are clamped to ``clean_text`` should that change.
    """
    removed, at = [], []
    pos = 0
    n = len(records)
    for k, r in enumerate(records):
        nxt = records[k + 1].start if k + 1 < n else len(text)
        if r.kept:
            pos += nxt - r.start
        elif r.text.strip():
            removed.append(r)
            at.append(min(pos, len(clean_text)))
    return removed, tuple(at)


def _page_language(splitter: Any, article: Any) -> str | None:
    """The language to split a page read from HTML by: its declared language (``<html lang>``), when
    the splitter knows it and was not built for one language itself (as the one pass does)."""
    if article is None or not article.language or splitter is None:
        return None
    if getattr(splitter, "language", None) not in (None, "auto"):
        return None
    language_for = getattr(splitter, "language_for", None)
    return None if language_for is None else language_for(article.language)


def _article_any_url(extractor: Any, html: str | bytes, url: str | None) -> Any:
    """``extractor.article(html, url)`` as the batch paths treat ``url``: one that is not an absolute
    http(s) URL is not used (the single call refuses it with a ConfigError)."""
    return extractor.article(html, None if url is None else _core._page_url(url))


def _removed_lines_html(clean_text: str, page_text: str, records: Sequence[LineRecord]) -> tuple[list, tuple]:
    """For a page read by an extractor: the removed lines of the page text and, for each, the offset
    in ``clean_text`` (the article, headline first) of the next kept line, never decreasing."""
    del page_text
    title = next((k for k, r in enumerate(records) if r.kept and r.reason == "title"), None)
    order = ([] if title is None else [title]) + [k for k, r in enumerate(records) if r.kept and k != title]
    kept_at = [len(clean_text)] * len(records)
    pos = 0
    for k in order:
        j = clean_text.find(records[k].text, pos)
        if j >= 0:
            kept_at[k] = j
            pos = j + len(records[k].text)
    removed, at = [], []
    nxt, floor = len(clean_text), 0
    stood = [0] * len(records)
    for k in range(len(records) - 1, -1, -1):
        if records[k].kept:
            nxt = kept_at[k]
        stood[k] = nxt
    for k, r in enumerate(records):
        if not r.kept:
            floor = max(floor, stood[k])
            removed.append(r)
            at.append(floor)
    return removed, tuple(at)


def _document(
    text: str,
    clean_text: str,
    removed: list,
    removed_at: tuple,
    spans: Sequence[tuple[int, int]],
    matches: Sequence[Any],
    article: Any = None,
) -> Document:
    sentences = [Sentence(s, e, clean_text[s:e]) for s, e in spans]
    starts = [s.start for s in sentences]
    mentions = []
    for m in matches:
        j = bisect.bisect_right(starts, m.start) - 1
        if j >= 0 and m.start >= sentences[j].end:
            j = -1
        mentions.append(Mention(m.start, m.end, m.text, m.id, m.label, j))
    return Document(text, clean_text, sentences, mentions, list(removed), tuple(removed_at), article)


def pipeline_columns(
    pipe: Pipeline, values: list, n_threads: int | None, progress: bool | None
) -> dict[str, Any]:
    """The three tables of ``pipe.to_frames(values)`` as columns, for the polars namespace."""
    return pipe._columns(values, None, None, n_threads, progress)
