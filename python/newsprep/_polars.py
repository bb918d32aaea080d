"""The ``newsprep`` namespace for polars expressions and Series.

``import newsprep`` registers it without importing polars (now if polars is already imported, else when it
is; nothing when polars is not installed)::

    df.with_columns(pl.col("text").newsprep.clean().alias("article"))
    df.select(pl.col("text").newsprep.entities(matcher))
    df["text"].newsprep.sentences()

Results are native polars types: ``clean`` gives String, ``sentences`` List(String), ``spans``
List(Struct{start, end}) and ``entities`` List(Struct{start, end, text, id, label}); nulls stay null.
The work runs in Rust on all cores through ``map_batches`` (one call per batch of rows).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._calls import guard_class
from ._imports import when_imported

__all__ = ["NewsprepExprNamespace", "NewsprepSeriesNamespace", "register"]


def _dtypes() -> dict[str, Any]:
    import polars as pl

    return {
        "clean": pl.String,
        "extract": pl.String,
        "sentences": pl.List(pl.String),
        "spans": pl.List(pl.Struct({"start": pl.Int64, "end": pl.Int64})),
        "entities": pl.List(
            pl.Struct(
                {"start": pl.Int64, "end": pl.Int64, "text": pl.String, "id": pl.String, "label": pl.String}
            )
        ),
    }


def _cleaner(cleaner: Any, kwargs: dict[str, Any]) -> Any:
    from ._boilerplate import Cleaner

    if cleaner is not None and kwargs:
        raise TypeError("pass either cleaner= or Cleaner options, not both")
    return cleaner if cleaner is not None else Cleaner(**kwargs)


def _extractor(extractor: Any, kwargs: dict[str, Any]) -> Any:
    from ._html import Extractor

    if extractor is not None and kwargs:
        raise TypeError("pass either extractor= or Extractor options, not both")
    return extractor if extractor is not None else Extractor(**kwargs)


def _splitter(splitter: Any, kwargs: dict[str, Any]) -> Any:
    from ._sentences import SentenceSplitter

    if splitter is not None and kwargs:
        raise TypeError("pass either splitter= or SentenceSplitter options, not both")
    return splitter if splitter is not None else SentenceSplitter(**kwargs)


def _series_fn(kind: str, stage: Any, n_threads: int | None) -> Callable[[Any], Any]:
    """A function polars Series -> polars Series doing one newsprep stage over the whole Series."""

    def run(s: Any) -> Any:
        import polars as pl

        values = s.to_list()
        if kind == "clean":
            out: list = stage.clean_many(values, n_threads=n_threads)
        elif kind == "extract":
            out = stage.extract_many(values, n_threads=n_threads)
        elif kind == "sentences":
            out = stage.split_many(values, n_threads=n_threads)
        elif kind == "spans":
            out = [
                None if sp is None else [{"start": a, "end": b} for a, b in sp]
                for sp in stage.spans_many(values, n_threads=n_threads)
            ]
        else:
            out = [
                None
                if ms is None
                else [
                    {"start": m.start, "end": m.end, "text": m.text, "id": m.id, "label": m.label} for m in ms
                ]
                for ms in stage.find_many(values, n_threads=n_threads)
            ]
        return pl.Series(s.name, out, dtype=_dtypes()[kind])

    return run


class NewsprepExprNamespace:
    """``pl.col("text").newsprep``: newsprep stages as polars expressions (row-wise, nulls kept)."""

    def __init__(self, expr: Any) -> None:
        self._expr = expr

    def _map(self, kind: str, stage: Any, n_threads: int | None) -> Any:
        return self._expr.map_batches(
            _series_fn(kind, stage, n_threads), return_dtype=_dtypes()[kind], is_elementwise=True
        )

    def clean(self, *, cleaner: Any = None, n_threads: int | None = None, **cleaner_kwargs: Any) -> Any:
        """The article text of each page; ``cleaner=`` or Cleaner options choose the cleaner.

        Args:
            cleaner: a :class:`newsprep.Cleaner`; else one is built from ``cleaner_kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A String expression (nulls stay null).

        Example:
            >>> import polars as pl, newsprep
            >>> df = pl.DataFrame({"text": ["Sign in\\nRain fell in Faro on Monday. Roads closed."]})
            >>> df.select(pl.col("text").newsprep.clean())["text"].to_list()
            ['Rain fell in Faro on Monday. Roads closed.']
        """
        return self._map("clean", _cleaner(cleaner, cleaner_kwargs), n_threads)

    def extract(self, *, extractor: Any = None, n_threads: int | None = None, **extractor_kwargs: Any) -> Any:
        """The article text of each HTML page (a str or binary column), as a String expression.

        Args:
            extractor: a :class:`newsprep.Extractor`; else one is built from ``extractor_kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A polars expression of dtype String (nulls stay null).

        Example:
            >>> import polars as pl, newsprep
            >>> html = "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"
            >>> df = pl.DataFrame({"html": [html]})
            >>> df.select(pl.col("html").newsprep.extract())["html"][0].splitlines()[0]
            'Rain in Faro'
        """
        return self._map("extract", _extractor(extractor, extractor_kwargs), n_threads)

    def sentences(self, *, splitter: Any = None, n_threads: int | None = None, **kwargs: Any) -> Any:
        """The sentences of each text.

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(String) expression.

        Example:
            >>> import polars as pl, newsprep
            >>> df = pl.DataFrame({"text": ["Rain fell. It stopped."]})
            >>> df.select(pl.col("text").newsprep.sentences())["text"].to_list()
            [['Rain fell.', 'It stopped.']]
        """
        return self._map("sentences", _splitter(splitter, kwargs), n_threads)

    def spans(self, *, splitter: Any = None, n_threads: int | None = None, **kwargs: Any) -> Any:
        """The code-point spans of the sentences of each text.

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(Struct{start, end}) expression.

        Example:
            >>> import polars as pl, newsprep
            >>> df = pl.DataFrame({"text": ["Rain fell. It stopped."]})
            >>> df.select(pl.col("text").newsprep.spans())["text"].to_list()
            [[{'start': 0, 'end': 10}, {'start': 11, 'end': 22}]]
        """
        return self._map("spans", _splitter(splitter, kwargs), n_threads)

    def entities(self, matcher: Any, *, n_threads: int | None = None) -> Any:
        """The matches of ``matcher`` in each text.

        Args:
            matcher: an :class:`newsprep.EntityMatcher`.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(Struct{start, end, text, id, label}) expression.

        Example:
            >>> import polars as pl, newsprep
            >>> m = newsprep.EntityMatcher({"Faro": "LOC"})
            >>> df = pl.DataFrame({"text": ["Rain in Faro."]})
            >>> df.select(pl.col("text").newsprep.entities(m))["text"].to_list()
            [[{'start': 8, 'end': 12, 'text': 'Faro', 'id': 'Faro', 'label': 'LOC'}]]
        """
        return self._map("entities", matcher, n_threads)


class NewsprepSeriesNamespace:
    """``series.newsprep`` on a polars Series of text; the same methods as the expression namespace."""

    def __init__(self, series: Any) -> None:
        self._s = series

    def clean(self, *, cleaner: Any = None, n_threads: int | None = None, **cleaner_kwargs: Any) -> Any:
        """The article text of each page, as :meth:`NewsprepExprNamespace.clean`.

        Args:
            cleaner: a :class:`newsprep.Cleaner`; else one is built from ``cleaner_kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A String Series with the same name.

        Example:
            >>> import polars as pl, newsprep
            >>> s = pl.Series("t", ["Sign in\\nRain fell in Faro on Monday. Roads closed."])
            >>> s.newsprep.clean().to_list()
            ['Rain fell in Faro on Monday. Roads closed.']
        """
        return _series_fn("clean", _cleaner(cleaner, cleaner_kwargs), n_threads)(self._s)

    def extract(self, *, extractor: Any = None, n_threads: int | None = None, **extractor_kwargs: Any) -> Any:
        """The article text of each HTML page (str or bytes), as :meth:`NewsprepExprNamespace.extract`.

        Args:
            extractor: a :class:`newsprep.Extractor`; else one is built from ``extractor_kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A String Series with the same name.

        Example:
            >>> import polars as pl, newsprep
            >>> html = "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"
            >>> s = pl.Series("html", [html])
            >>> s.newsprep.extract().to_list()[0].splitlines()[0]
            'Rain in Faro'
        """
        return _series_fn("extract", _extractor(extractor, extractor_kwargs), n_threads)(self._s)

    def articles(
        self, *, urls: Any = None, extractor: Any = None, n_threads: int | None = None, **kw: Any
    ) -> Any:
        """The articles of the pages as a polars DataFrame, one column per :class:`newsprep.Article` field.

        Args:
            urls: one URL per page (used when a page declares no canonical URL).
            extractor: a :class:`newsprep.Extractor`; else one is built from the keyword options.
            n_threads: worker threads (default: all cores).

        Returns:
            A polars DataFrame (title, byline, date, text, url, site_name, language).

        Example:
            >>> import polars as pl, newsprep
            >>> html = "<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"
            >>> s = pl.Series("html", [html])
            >>> s.newsprep.articles()["title"].to_list()
            ['Rain in Faro']
        """
        return _extractor(extractor, kw).articles(self._s, urls=urls, n_threads=n_threads)

    def sentences(self, *, splitter: Any = None, n_threads: int | None = None, **kwargs: Any) -> Any:
        """The sentences of each text.

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(String) Series with the same name.

        Example:
            >>> import polars as pl, newsprep
            >>> pl.Series("t", ["Rain fell. It stopped."]).newsprep.sentences().to_list()
            [['Rain fell.', 'It stopped.']]
        """
        return _series_fn("sentences", _splitter(splitter, kwargs), n_threads)(self._s)

    def spans(self, *, splitter: Any = None, n_threads: int | None = None, **kwargs: Any) -> Any:
        """The code-point spans of the sentences of each text.

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(Struct{start, end}) Series with the same name.

        Example:
            >>> import polars as pl, newsprep
            >>> pl.Series("t", ["Rain fell. It stopped."]).newsprep.spans().to_list()
            [[{'start': 0, 'end': 10}, {'start': 11, 'end': 22}]]
        """
        return _series_fn("spans", _splitter(splitter, kwargs), n_threads)(self._s)

    def entities(self, matcher: Any, *, n_threads: int | None = None) -> Any:
        """The matches of ``matcher`` in each text.

        Args:
            matcher: an :class:`newsprep.EntityMatcher`.
            n_threads: worker threads (default: all cores).

        Returns:
            A List(Struct{start, end, text, id, label}) Series with the same name.

        Example:
            >>> import polars as pl, newsprep
            >>> m = newsprep.EntityMatcher({"Faro": "LOC"})
            >>> [x["text"] for x in pl.Series("t", ["Rain in Faro."]).newsprep.entities(m)[0]]
            ['Faro']
        """
        return _series_fn("entities", matcher, n_threads)(self._s)

    def process(self, pipe: Any = None, *, n_threads: int | None = None) -> list:
        """A :class:`newsprep.Document` per text (:meth:`newsprep.Pipeline.process`).

        Args:
            pipe: the :class:`newsprep.Pipeline` to use (default ``newsprep.Pipeline()``).
            n_threads: worker threads (default: all cores).

        Returns:
            A list: one Document per text, None for nulls.

        Example:
            >>> import polars as pl, newsprep
            >>> [d.sentences[0].text for d in pl.Series("t", ["Rain fell. It stopped."]).newsprep.process()]
            ['Rain fell.']
        """
        from ._pipeline import Pipeline

        return (Pipeline() if pipe is None else pipe).process(self._s.to_list(), n_threads=n_threads)

    def to_frames(
        self, pipe: Any = None, *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """Documents, sentences and mentions as polars DataFrames (:meth:`newsprep.Pipeline.to_frames`).

        Args:
            pipe: the :class:`newsprep.Pipeline` to use (default ``newsprep.Pipeline()``).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            :class:`newsprep.Frames` of three polars DataFrames with the columns of the pandas ones;
            ``doc`` and ``row`` are both the position in the Series. The columns are built in Rust
            and handed to polars through Arrow, without a Python object per sentence or mention.

        Example:
            >>> import polars as pl, newsprep
            >>> frames = pl.Series("t", ["Rain fell. It stopped."]).newsprep.to_frames()
            >>> frames.sentences["text"].to_list()
            ['Rain fell.', 'It stopped.']
        """
        from ._pipeline import Pipeline, pipeline_columns, polars_frames

        pipe = Pipeline() if pipe is None else pipe
        return polars_frames(pipeline_columns(pipe, self._s.to_list(), n_threads, progress))


def _register() -> None:
    import polars as pl

    pl.api.register_expr_namespace("newsprep")(NewsprepExprNamespace)
    pl.api.register_series_namespace("newsprep")(NewsprepSeriesNamespace)


def register() -> None:
    """Registers the polars namespaces now if polars is imported, else when it is (no-op without polars)."""
    when_imported("polars", _register)


# a mistyped argument names the right one (see _calls)
guard_class(NewsprepExprNamespace, "Expr.newsprep")
guard_class(NewsprepSeriesNamespace, "Series.newsprep")
