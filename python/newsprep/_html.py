"""HTML in, article out: the Python face of ``newsprep._core.Extractor``, and :class:`Article`."""

import html as _html
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from . import _core
from ._batch import as_list, check_same_index, run_batch
from ._display import explanation_html, records_repr
from ._errors import ConfigError

__all__ = ["Article", "BlockRecord", "Extractor", "PageExplanation", "extract"]

extract = _core.extract


@dataclass(frozen=True, slots=True)
class Article:
    """The parts of a news article users ask for first, from HTML or from page text.

    Every field but ``text`` is None when the page does not say it (newsprep never invents a
    value). ``date`` is ISO 8601 (``"2024-03-05"`` or ``"2024-03-05T14:30:00+01:00"``).

    Example:
        >>> a = Article(title="Storm closes ports", text="Storm closes ports\\n\\nA storm closed ...\\n")
        >>> a.to_dict()["title"]
        'Storm closes ports'
    """

    title: str | None = None
    """The headline."""
    byline: str | None = None
    """Who wrote it: the names on the byline without a leading "By" or what follows them (a role or agency
    after a comma, a place, a date): "By JANE DOE, Associated Press Writer" is ``"JANE DOE"`` from HTML
    and from text alike; from HTML, the page's author metadata when it has some."""
    date: str | None = None
    """When it was published, ISO 8601."""
    text: str = ""
    """The article text: one block per line, headline first (the shape of ``clean``'s output)."""
    url: str | None = None
    """The canonical URL (absolute: a relative one is resolved against the URL given), else the URL given."""
    site_name: str | None = None
    """The publication's name."""
    language: str | None = None
    """The language (BCP 47, e.g. ``"en-GB"``): the page's declaration, unless its text is clearly in
    another language (a template's default ``lang="en"`` on a German page); else, and from page text,
    the language read from the text's script and function words, when the evidence is clear."""

    def to_dict(self) -> dict[str, Any]:
        """The fields as a dict (a row of :meth:`Extractor.articles`' DataFrame).

        Returns:
            A new dict ``{field: value}`` of every field, in order (``title``, ``byline``, ``date``,
            ``text``, ``url``, ``site_name``, ``language``), None for those the page does not say.

        Example:
            >>> a = Article(title="Storm closes ports", text="Storm closes ports\\n\\nA storm closed ...\\n")
            >>> d = a.to_dict()
            >>> list(d)[:3], d["byline"]
            (['title', 'byline', 'date'], None)
        """
        return asdict(self)

    def __repr__(self) -> str:
        text = self.text if len(self.text) <= 60 else self.text[:57].replace("\n", " ") + "..."
        fields = [f"{k}={getattr(self, k)!r}" for k in ("title", "byline", "date") if getattr(self, k)]
        fields.append(f"text={text!r} ({len(self.text)} chars)")
        fields += [f"{k}={getattr(self, k)!r}" for k in ("url", "site_name", "language") if getattr(self, k)]
        return f"Article({', '.join(fields)})"

    def _repr_html_(self) -> str:
        esc = _html.escape
        meta = " · ".join(esc(v) for v in (self.byline, self.date, self.site_name, self.language) if v)
        paras = "".join(f"<p>{esc(p)}</p>" for p in self.text.split("\n") if p.strip())
        link = f'<div><a href="{esc(self.url)}">{esc(self.url)}</a></div>' if self.url else ""
        return (
            '<div class="tex2jax_ignore" style="max-width:48em">'
            f"<h3>{esc(self.title or '(no headline)')}</h3>"
            f'<div style="color:#666">{meta}</div>{link}{paras}</div>'
        )


class BlockRecord(NamedTuple):
    """What happened to one line of a page's text (see :meth:`Extractor.explain`)."""

    line: int
    """The line's number in the page text (:meth:`Extractor.page_text`; blank lines count)."""
    start: int
    """Code-point offset of the line in the page text."""
    end: int
    """Code-point offset just past the line: ``page_text[start:end] == record.text``."""
    text: str
    """The line."""
    kept: bool
    """Whether the line is in the extracted article."""
    reason: str
    """Stable rule id: why it was kept ("article", "title") or removed ("low-score", "phrase" ...)."""
    score: float
    """The line model's probability that the line is article text."""
    kind: str
    """The kind of block it comes from: "p", "h", "li", "tr", "td", "pre", "blockquote", "caption", "div"."""
    path: str
    """A short CSS-like path to its block, e.g. ``"article>div.body>p"``."""


class PageExplanation(list):
    """One :class:`BlockRecord` per line of the page text; ``page_text`` holds that text.

    Renders as a table in notebooks.
    """

    page_text: str

    def __init__(self, page_text: str, records: Iterable[BlockRecord]) -> None:
        super().__init__(records)
        self.page_text = page_text

    @property
    def kept(self) -> list[BlockRecord]:
        """The lines that were kept."""
        return [r for r in self if r.kept]

    @property
    def removed(self) -> list[BlockRecord]:
        """The lines that were removed."""
        return [r for r in self if not r.kept]

    def to_frame(self) -> Any:
        """The records as a pandas DataFrame (one row per line of the page text).

        Returns:
            A pandas DataFrame with the :class:`BlockRecord` fields as columns (``line``, ``start``,
            ``end``, ``text``, ``kept``, ``reason``, ``score``, ``kind``, ``path``), one row per line.

        Example:
            >>> page = "<nav><a href='/'>Home</a></nav><h1>Rain in Faro</h1><p>Rain fell in Faro all day.</p>"
            >>> df = Extractor().explain(page).to_frame()
            >>> df[["text", "kept"]].values.tolist()[0]
            ['Home', False]
        """
        import pandas as pd

        return pd.DataFrame(list(self), columns=list(BlockRecord._fields))

    def __repr__(self) -> str:
        return records_repr("PageExplanation", self)

    def _repr_html_(self) -> str:
        return explanation_html(self, extra=("kind", "path"))


class Extractor(_core.Extractor):
    """Extracts the article from news pages in HTML, keeping every line of it.

    One pass over the HTML writes the page text (every visible block on its own line) with what
    the markup says about each line (its block, its ancestors such as ``<article>`` or ``<nav>``,
    class and id words such as "comment" or "related", its share of link text, the page's
    JSON-LD); a line model trained on news pages scores each line; the text cleaner's decision
    keeps the article and says why each other line went (:meth:`explain`). The headline, byline,
    date, canonical URL, site name and language come from the page (:meth:`article`).

    Args:
        keep_title: start the text with the headline.
        include_comments: keep reader comments.
        include_tables: keep data tables (one line per row, cells separated by tabs).
        include_captions: keep image captions and photo credits (removed as "caption" by default:
            they describe the pictures, not the story).
        extra_phrases, extra_terminators, disable: as for :class:`Cleaner`, but ``disable`` refuses
            ``"site-repeat"`` (the extractor reads one page at a time: that rule never runs; the ids
            it accepts: ``Extractor.rule_ids(disableable=True)``) and also takes ``"json-ld"``: a
            page whose visible text lacks the story (one its scripts render, or a teaser over it)
            gives the story from its JSON-LD ``articleBody`` when that body has at least 100 words
            and the lines kept from the page under a third as many (the kept lines it repeats, and
            those of the site's navigation, footer or side boxes, go as
            ``"json-ld"``).

    Example:
        >>> x = Extractor()
        >>> page = "<h1>Storm closes ports</h1><p>A storm closed three ports on Tuesday, officials said.</p>"
        >>> x.extract(page).splitlines()[0]
        'Storm closes ports'
    """

    __slots__ = ()

    def article(self, html: str | bytes, url: str | None = None) -> Article:
        """The article in ``html`` and its parts (see :class:`Article`).

        ``url`` is where the page came from; it is the article's ``url`` unless the page declares a
        canonical one (a relative canonical such as ``/news/a`` is resolved against ``url``; without
        ``url`` it is not used, so ``Article.url`` is always an absolute http(s) URL or ``None``).
        A ``url`` that is not an absolute http(s) URL (``"example.com/a"``) is a :class:`ConfigError`;
        ``""`` is no URL.

        Args:
            html: the page, str or bytes (decoded as for :meth:`extract`).
            url: the page's address, or None.

        Returns:
            An :class:`Article`: title, byline, date (ISO 8601), text (what :meth:`extract` gives),
            url, site_name and language; None where the page does not say.

        Example:
            >>> html = ('<html lang="en"><head><title>Rain in Faro | The Post</title>'
            ...         '<link rel="canonical" href="/news/rain"></head><body><h1>Rain in Faro</h1>'
            ...         '<p>Rain fell in Faro on Monday; the roads into the town were closed.</p>')
            >>> a = Extractor().article(html, url="https://example.com/x")
            >>> (a.title, a.url, a.language)
            ('Rain in Faro', 'https://example.com/news/rain', 'en')
        """
        return Article(**self._article(html, url))

    def explain(self, html: str | bytes) -> PageExplanation:
        """One :class:`BlockRecord` per line of the page text, saying why each line went.

        Args:
            html: the page, str or bytes (decoded as for :meth:`extract`).

        Returns:
            A :class:`PageExplanation` (a list of :class:`BlockRecord`: line, start, end, text, kept,
            reason, score, kind, path; ``.removed``, ``.kept``, ``.to_frame()``; a table in Jupyter).
            Offsets are code points into :meth:`page_text`.

        Example:
            >>> ex = Extractor().explain("<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            ...     "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; the roads were closed.</p>")
            >>> [(r.reason, r.text[:12]) for r in ex]
            [('short-nav', 'Home News'), ('title', 'Rain in Faro'), ('article', 'Rain fell in')]
        """
        text, rows = self._explain(html)
        return PageExplanation(text, (BlockRecord(r[0], r[1], r[2], text[r[1] : r[2]], *r[3:]) for r in rows))

    def extract_many(
        self,
        htmls: Iterable[Any],
        urls: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """``extract`` for many pages, in parallel with the GIL released.

        Args:
            htmls: a list, any iterable of str or bytes, or a pandas/polars Series; None and NaN
                are missing and come back as None.
            urls: one URL per page, or None. The text does not depend on them (they give
                :meth:`articles` its ``url`` when a page declares none); they are accepted so that
                the two calls take the same arguments, and checked the same way: a list of another
                length, or a Series with another index, is an error.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a progress bar (tqdm).

        Returns:
            The same kind as ``htmls`` (a Series keeps its index): the article text of each page,
            missing where the page is missing.

        Example:
            >>> pages = ["<h1>Rain</h1><p>Rain fell in Faro on Monday; roads closed.</p>", None]
            >>> Extractor().extract_many(pages)
            ['Rain\\n\\nRain fell in Faro on Monday; roads closed.\\n', None]
        """
        url_list = _url_list(htmls, urls)

        def runner(values: Any, n: int | None, cb: Any) -> Any:
            _check_url_count(url_list, len(values))
            return self._extract_many(values, n, cb)

        return run_batch(
            runner,
            htmls,
            n_threads=n_threads,
            progress=progress,
            desc="extract",
            text=True,
        )

    def articles(
        self,
        htmls: Iterable[Any],
        urls: Iterable[Any] | None = None,
        *,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """:meth:`article` for many pages: a pandas DataFrame with one column per Article field.

        A pandas Series in keeps its index; a polars Series gives a polars DataFrame; anything else
        gives a pandas DataFrame with a RangeIndex. Missing pages give a row of missing values. The
        columns hold str or None (pandas object dtype, polars String) in every batch, empty or not,
        as :func:`extract_warc`'s frames do; a pandas string Series (``str``, ``string[pyarrow]``)
        gives columns of its dtype, as pandas' own ``.str.extract`` does.
        ``urls`` gives each page's address when the page declares none; one that is not an absolute
        http(s) URL is not used, and a :class:`NewsprepWarning` says how many were not (``article``
        refuses it with a :class:`ConfigError`).

        Args:
            htmls: the pages, as in :meth:`extract_many`.
            urls: one URL per page (a list or a Series with the pages' index), or None.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            A DataFrame: title, byline, date, text, url, site_name, language.

        Example:
            >>> html = "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"
            >>> frame = Extractor().articles([html], urls=["https://example.com/rain"])
            >>> frame[["title", "url"]].values.tolist()
            [['Rain in Faro', 'https://example.com/rain']]
        """
        from ._batch import is_pandas_series, is_polars_series, string_dtype

        url_list = _url_list(htmls, urls)
        rows = run_batch(
            lambda values, n, cb: self._articles_many(values, url_list, n, cb),
            htmls,
            n_threads=n_threads,
            progress=progress,
            desc="extract",
            keep_kind=False,
        )
        fields = list(Article.__dataclass_fields__)
        columns = {f: [None if r is None else r[f] for r in rows] for f in fields}
        # One schema whatever the rows (none, or a field missing on every page): text columns with
        # None for missing, as extract_warc's frames.
        if is_polars_series(htmls):
            import polars as pl

            return pl.DataFrame(columns, schema={f: pl.String for f in fields})
        import pandas as pd

        index, dtype = None, None
        if is_pandas_series(htmls):
            index, dtype = htmls.index, string_dtype(htmls)
        return pd.DataFrame(columns, index=index, dtype=object if dtype is None else dtype)


def _url_list(htmls: Any, urls: Any) -> list | None:
    """``urls`` as a list (None stays None): a Series must share the pages' index, and a single str
    is refused (it would be read as one URL per character)."""
    if urls is None:
        return None
    check_same_index(htmls, urls, "urls")
    return as_list(urls, "urls")


def _check_url_count(url_list: list | None, n: int) -> None:
    if url_list is not None and len(url_list) != n:
        raise ConfigError(f"urls has {len(url_list)} entries but htmls has {n}: give one URL per page")


def article_rows(
    extractor: Extractor, htmls: list[Any], urls: list[Any] | None, n_threads: int | None
) -> list[dict[str, Any] | None]:
    """The Article fields of each page as a dict (None for missing pages), for layers that write
    rows themselves (the CLI): no DataFrame is built."""
    return extractor._articles_many(htmls, urls, n_threads, None)
