"""Boilerplate removal: the Python face of ``newsprep._core.Cleaner``."""

# No "from __future__ import annotations": LineRecord's fields would show as ForwardRef('int') in help().
import operator
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from . import _core
from ._batch import as_list, as_pylist, check_same_index, labelled_errors, run_batch

if TYPE_CHECKING:
    from ._html import Article

__all__ = ["Cleaner", "LineRecord", "Explanation", "clean", "clean_and_explain"]

clean = _core.clean


class LineRecord(NamedTuple):
    """What happened to one line of the input (see :meth:`Cleaner.explain`)."""

    line: int
    """0-based line number."""
    start: int
    """Code-point offset of the line's content in the input (without its line end)."""
    end: int
    """Code-point offset just past the content: ``text[start:end] == record.text``."""
    text: str
    """The line's content."""
    kept: bool
    """Whether the line is in the cleaned article."""
    reason: str
    """Stable rule id: why it was kept ("article", "title", "blank") or removed ("phrase", ...)."""
    score: float
    """The line model's probability that the line is article text (0 for blank lines)."""


class Explanation(Sequence[LineRecord]):
    """One :class:`LineRecord` per line of the input; renders as a table in notebooks.

    A read-only list of records: index it, slice it, iterate it, compare it with a list. The
    decisions are stored by column (about 9 bytes a line) and each record is built when it
    is read, so explaining a page of millions of lines does not need millions of objects.
    """

    __slots__ = ("_table", "_text")

    def __init__(self, text: str, table: Any) -> None:
        self._text = text
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def _record(self, i: int) -> LineRecord:
        line, s, e, kept, reason, score = self._table.row(i)
        return LineRecord(line, s, e, self._text[s:e], kept, reason, score)

    @overload
    def __getitem__(self, i: int) -> LineRecord: ...
    @overload
    def __getitem__(self, i: slice) -> list[LineRecord]: ...
    def __getitem__(self, i: int | slice) -> LineRecord | list[LineRecord]:
        n = len(self._table)
        if isinstance(i, slice):
            return [self._record(k) for k in range(*i.indices(n))]
        k = operator.index(i)
        if k < 0:
            k += n
        if not 0 <= k < n:
            raise IndexError("Explanation index out of range")
        return self._record(k)

    def __iter__(self) -> Iterator[LineRecord]:
        for k in range(len(self._table)):
            yield self._record(k)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Explanation, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # a list-like of records, compared by value

    def __repr__(self) -> str:
        from ._display import records_repr

        return records_repr("Explanation", self)

    @property
    def removed(self) -> list[LineRecord]:
        """The non-blank lines that were removed."""
        return [self._record(k) for k in self._table.select(False, False)]

    @property
    def kept(self) -> list[LineRecord]:
        """The lines that were kept."""
        return [self._record(k) for k in self._table.select(True)]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (one row per line of the text, blank lines included).

        Returns:
            A pandas DataFrame with the :class:`LineRecord` fields as columns (``line``, ``start``,
            ``end``, ``text``, ``kept``, ``reason``, ``score``), one row per line.

        Example:
            >>> df = Cleaner().explain("Sign in\\nRain fell in Faro on Monday. It stopped.").to_frame()
            >>> df[["text", "kept", "reason"]].values.tolist()[0]
            ['Sign in', False, 'phrase']
        """
        import pandas as pd

        starts, ends, kept, reasons, scores = self._table.columns()
        text = self._text
        return pd.DataFrame(
            {
                "line": range(len(starts)),
                "start": starts,
                "end": ends,
                "text": [text[s:e] for s, e in zip(starts, ends, strict=True)],
                "kept": kept,
                "reason": reasons,
                "score": scores,
            },
            columns=list(LineRecord._fields),
        )

    def _repr_html_(self) -> str:
        from ._display import explanation_html

        return explanation_html(self)


class Cleaner(_core.Cleaner):
    """Removes site chrome from scraped news page text and keeps every article line.

    Each line is scored from its own features and its neighbours' (word counts, final
    punctuation, stopwords, title case, separators, counters, chrome phrases in several
    languages); the article is the best-scoring run of lines, cut at terminator lines
    such as "Related Stories" or "Comments (0)"; the headline before it is kept. Every
    removed line has a stable reason (:meth:`rule_ids`), shown by :meth:`explain`.

    Args:
        keep_title: keep the headline line before the article.
        extra_phrases: more chrome phrases (case-insensitive; they remove short lines
            containing them as whole words: "sign in" removes "Sign in | Register", not "A
            design in glass"; menu items run together, "HomeSign in", and an English plural's
            "s" still count).
        extra_terminators: more phrases that end the article when a short line holds them
            (as whole words, like ``extra_phrases``).
        patterns: regular expressions (Rust ``regex`` syntax, close to Python's ``re`` without
            look-around or back-references); a line matching one is removed as "pattern",
            whatever its length. Matched against the line without its surrounding whitespace,
            e.g. ``[r"^Photo: ", r"^© \\d{4} "]``. A bad pattern raises :class:`RuleError`.
        disable: rule ids to switch off, e.g. ``["short-nav"]``; see :meth:`rule_ids`.
        site_min_pages, site_min_share: corpus mode: a line seen on at least this many
            pages and this share of a site's pages is chrome ("site-repeat").

    Corpus mode: ``clean_many(texts, sites=...)`` (or :meth:`fit` first) learns lines
    that repeat across pages of one site; datelines and bylines are not learned away.
    """

    __slots__ = ()

    def explain(self, text: str, *, site: str | None = None) -> Explanation:
        """One :class:`LineRecord` per line of ``text`` (blank lines too), saying why each line went.

        Args:
            text: scraped page text (str).
            site: the page's site key for corpus mode (as in :meth:`clean`).

        Returns:
            An :class:`Explanation` (a list of :class:`LineRecord`: line, start, end, text, kept,
            reason, score; ``.removed``, ``.kept``, ``.to_frame()``; a table in Jupyter). Offsets are
            code points into ``text``; ``text[r.start:r.end] == r.text``; the kept lines are what
            :meth:`clean` returns.

        Example:
            >>> ex = Cleaner().explain("Sign in\\nRain fell in Faro on Monday. Roads closed.")
            >>> [(r.reason, r.kept) for r in ex]
            [('phrase', False), ('article', True)]
        """
        return _explanation(text, self._explain(text, site))

    def explain_many(
        self,
        texts: Iterable[Any],
        *,
        sites: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """``explain`` for many texts, in parallel with the GIL released.

        Args:
            texts, sites, n_threads, progress: as in :meth:`clean_many`.

        Returns:
            The same kind as ``texts``: one :class:`Explanation` per text (None for missing).

        Example:
            >>> out = Cleaner().explain_many(["Sign in\\nRain fell in Faro on Monday. Roads closed.", None])
            >>> [[r.reason for r in ex] for ex in out[:1]], out[1]
            ([['phrase', 'article']], None)
        """
        check_same_index(texts, sites, "sites")
        return run_batch(
            lambda values, n, cb: [
                None if r is None else _explanation(v, r[1])
                for v, r in zip(
                    as_pylist(values), self._clean_explain_many(values, _sites(sites), n, cb), strict=True
                )
            ],
            texts,
            n_threads=n_threads,
            progress=progress,
            desc="explain",
            text=False,
        )

    def article(self, text: str, *, site: str | None = None) -> "Article":
        """The article in page ``text`` and its parts: headline, byline, date (see :class:`newsprep.Article`).

        Args:
            text: scraped page text (str).
            site: the page's site key for corpus mode (as in :meth:`clean`).

        Returns:
            An :class:`newsprep.Article`: its ``text`` is the cleaned article (:meth:`clean`), its
            ``title`` the line kept as "title", its ``byline`` and ``date`` (ISO 8601) from the page's
            byline and dateline lines, its ``language`` read from the text when it is long enough to
            tell (else None); ``url`` and ``site_name`` are None: page text does not say them (HTML
            does: :meth:`newsprep.Extractor.article`).

        Example:
            >>> page = "Home | World\\nStorm closes three ports\\nBy Jane Doe\\n"
            >>> page += "A storm closed three ports. " * 5
            >>> Cleaner().article(page).byline
            'Jane Doe'
        """
        from ._html import Article

        fields: dict[str, Any] = self._article(text, site=site)
        return Article(**fields)

    def removed(self, text: str, *, site: str | None = None) -> list[LineRecord]:
        """The non-blank lines :meth:`clean` removes from ``text``, with their reasons.

        Args:
            text: scraped page text (str).
            site: the page's site key for corpus mode (as in :meth:`clean`).

        Returns:
            A list of :class:`LineRecord` (``explain(text, site=site).removed``).

        Example:
            >>> page = "Sign in\\nRain fell in Faro on Monday. Roads closed."
            >>> [(r.reason, r.text) for r in Cleaner().removed(page)]
            [('phrase', 'Sign in')]
        """
        return self.explain(text, site=site).removed

    def clean_many(
        self,
        texts: Iterable[Any],
        *,
        sites: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """``clean`` for many texts, in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, or a pandas/polars Series; None, NaN and
                pandas.NA are missing and come back as None.
            sites: one site key per text (e.g. the domain) for corpus mode: lines that
                repeat across many pages of a site are removed as "site-repeat". When the
                cleaner was not :meth:`fit`, the batch itself is counted.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            The same kind as ``texts`` (a Series keeps its index and its string dtype; a list for
            any other iterable): the clean text of each, missing where the text is missing.

        Example:
            >>> Cleaner().clean_many(["Sign in\\nRain fell in Faro on Monday. Roads closed.", None])
            ['Rain fell in Faro on Monday. Roads closed.', None]
        """
        check_same_index(texts, sites, "sites")
        site_list = _sites(sites)
        return run_batch(
            lambda values, n, cb: self._clean_many(values, site_list, n, cb),
            texts,
            n_threads=n_threads,
            progress=progress,
            desc="clean",
            text=True,
        )

    def fit(self, texts: Iterable[Any], sites: Iterable[Any]) -> "Cleaner":
        """Counts lines per site over ``texts`` for corpus mode and returns the cleaner itself.

        Later ``clean(text, site=...)``, ``explain(text, site=...)`` and ``clean_many(texts,
        sites=...)`` remove lines that repeat across that site's pages. Fitting again
        replaces the counts. The counts pickle with the cleaner.

        Args:
            texts: the pages (a list, any iterable of str, a pandas/polars Series, a pyarrow array).
            sites: one site key per page (e.g. its domain), as many as ``texts``.

        Returns:
            The cleaner itself (``n_sites`` says how many sites were counted).

        Example:
            >>> pages = ["Menu\\nRain fell in Faro on Monday.", "Menu\\nSnow fell in Braga. Schools shut."]
            >>> Cleaner().fit(pages, ["a.pt", "a.pt"]).n_sites
            1
        """
        check_same_index(texts, sites, "sites")
        values = as_list(texts, "texts")
        with labelled_errors(texts, values):
            self._fit(values, as_list(sites, "sites"))
        return self


def clean_and_explain(
    cleaner: Cleaner,
    texts: list[Any],
    *,
    sites: list[Any] | None = None,
    n_threads: int | None = None,
    progress: Any = None,
) -> list[tuple[str, Explanation] | None]:
    """The clean text and the :class:`Explanation` of each text, in one pass in Rust.

    For the layers built on the cleaner (``Pipeline``, the CLI): ``texts`` is a list (None for
    missing), ``sites`` one site key per text or None, ``progress`` a callback given the number of
    texts just done. Missing texts give None.
    """
    both = cleaner._clean_explain_many(texts, sites, n_threads, progress)
    return [None if b is None else (b[0], _explanation(t, b[1])) for t, b in zip(texts, both, strict=True)]


def _explanation(text: str, table: Any) -> Explanation:
    """The :class:`Explanation` of ``text`` from the table ``_explain``/``_clean_explain_many`` give."""
    return Explanation(text, table)


def _sites(sites: Any) -> list | None:
    return None if sites is None else as_list(sites, "sites")
