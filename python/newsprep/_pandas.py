"""The ``Series.newsprep`` accessor for pandas.

``import newsprep`` registers it without importing pandas: if pandas is already imported the accessor is
registered at once, otherwise when pandas is first imported (a one-shot import hook, see
:func:`newsprep._imports.when_imported`). Nothing happens when pandas is not installed.

Example:
    >>> import pandas as pd, newsprep
    >>> s = pd.Series(["Rain fell. It stopped.", None], index=["a", "b"])
    >>> s.newsprep.sentences().to_dict()
    {'a': ['Rain fell.', 'It stopped.'], 'b': None}
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ._calls import guard_class
from ._imports import when_imported

__all__ = ["NewsprepSeriesAccessor", "register", "when_imported"]


def _register() -> None:
    import pandas as pd

    if getattr(pd.Series, "newsprep", None) is NewsprepSeriesAccessor:
        return
    pd.api.extensions.register_series_accessor("newsprep")(NewsprepSeriesAccessor)


def register() -> None:
    """Registers ``Series.newsprep`` now if pandas is imported, else when it is (no-op without pandas)."""
    when_imported("pandas", _register)


class NewsprepSeriesAccessor:
    """newsprep on a pandas Series of text: ``s.newsprep.clean()``, ``.sentences()``, ``.entities(m)``...

    Every method keeps the Series' index and name; None, NaN and pandas.NA stay missing (None).
    The work runs in Rust on all cores (``n_threads=`` to limit it; ``progress=True`` for a bar).
    """

    def __init__(self, series: Any) -> None:
        self._s = series

    def clean(
        self,
        *,
        cleaner: Any = None,
        sites: Iterable[Any] | None = None,
        n_threads: int | None = None,
        progress: bool | None = None,
        **cleaner_kwargs: Any,
    ) -> Any:
        """The article text of each page (:meth:`newsprep.Cleaner.clean_many`).

        Args:
            cleaner: a :class:`newsprep.Cleaner` to use; else one is built from ``cleaner_kwargs``
                (``keep_title=``, ``extra_phrases=``, ``disable=``...).
            sites: one site key per row (a Series or list) for corpus mode.
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A Series with the same index and name: the clean text of each row (a string Series keeps
            its dtype; missing rows stay missing).

        Example:
            >>> import pandas as pd, newsprep
            >>> s = pd.Series(["Sign in\\nRain fell in Faro on Monday. Roads closed.", None], dtype=object)
            >>> s.newsprep.clean().tolist()
            ['Rain fell in Faro on Monday. Roads closed.', None]
        """
        from ._boilerplate import Cleaner

        if cleaner is not None and cleaner_kwargs:
            raise TypeError("pass either cleaner= or Cleaner options, not both")
        c = cleaner if cleaner is not None else Cleaner(**cleaner_kwargs)
        return c.clean_many(self._s, sites=sites, n_threads=n_threads, progress=progress)

    def extract(
        self,
        *,
        extractor: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
        **extractor_kwargs: Any,
    ) -> Any:
        """The article text of each HTML page (str or bytes; :meth:`newsprep.Extractor.extract_many`).

        Args:
            extractor: a :class:`newsprep.Extractor` to use; else one is built from ``extractor_kwargs``
                (``keep_title=``, ``include_comments=``, ``include_tables=``...).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A Series with the same index and name: the article text of each row (missing rows stay
            missing).

        Example:
            >>> import pandas as pd, newsprep
            >>> s = pd.Series(["<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"])
            >>> s.newsprep.extract().tolist()
            ['Rain in Faro\\n\\nRain fell in Faro on Monday; roads closed.\\n']
        """
        x = _extractor(extractor, extractor_kwargs)
        return x.extract_many(self._s, n_threads=n_threads, progress=progress)

    def articles(
        self,
        *,
        urls: Iterable[Any] | None = None,
        extractor: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
        **extractor_kwargs: Any,
    ) -> Any:
        """The articles of a Series of HTML pages as a DataFrame (:meth:`newsprep.Extractor.articles`).

        Args:
            urls: one URL per row (used when a page declares no canonical URL).
            extractor: a :class:`newsprep.Extractor`; else one is built from ``extractor_kwargs``.
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A DataFrame with the Series' index and one column per :class:`newsprep.Article` field
            (title, byline, date, text, url, site_name, language).

        Example:
            >>> import pandas as pd, newsprep
            >>> s = pd.Series(["<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday; roads closed.</p>"])
            >>> s.newsprep.articles()["title"].tolist()
            ['Rain in Faro']
        """
        return _extractor(extractor, extractor_kwargs).articles(
            self._s, urls=urls, n_threads=n_threads, progress=progress
        )

    def sentences(
        self,
        *,
        splitter: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
        **kwargs: Any,
    ) -> Any:
        """The list of sentences of each text (:meth:`newsprep.SentenceSplitter.split_many`).

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``
                (``extra_abbreviations=``).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A Series with the same index and name: a list of str per row (None when missing).

        Example:
            >>> import pandas as pd, newsprep
            >>> pd.Series(["Rain fell. It stopped."]).newsprep.sentences().tolist()
            [['Rain fell.', 'It stopped.']]
        """
        return self._splitter(splitter, kwargs).split_many(self._s, n_threads=n_threads, progress=progress)

    def spans(
        self,
        *,
        splitter: Any = None,
        n_threads: int | None = None,
        progress: bool | None = None,
        **kwargs: Any,
    ) -> Any:
        """The ``(start, end)`` code-point spans of the sentences of each text.

        Args:
            splitter: a :class:`newsprep.SentenceSplitter`; else one is built from ``kwargs``.
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A Series with the same index and name: a list of ``(start, end)`` per row.

        Example:
            >>> import pandas as pd, newsprep
            >>> pd.Series(["Rain fell. It stopped."]).newsprep.spans().tolist()
            [[(0, 10), (11, 22)]]
        """
        return self._splitter(splitter, kwargs).spans_many(self._s, n_threads=n_threads, progress=progress)

    @staticmethod
    def _splitter(splitter: Any, kwargs: dict[str, Any]) -> Any:
        from ._sentences import SentenceSplitter

        if splitter is not None and kwargs:
            raise TypeError("pass either splitter= or SentenceSplitter options, not both")
        return splitter if splitter is not None else SentenceSplitter(**kwargs)

    def entities(self, matcher: Any, *, n_threads: int | None = None, progress: bool | None = None) -> Any:
        """The matches of ``matcher`` in each text (:meth:`newsprep.EntityMatcher.find_many`).

        Args:
            matcher: an :class:`newsprep.EntityMatcher` (e.g. ``newsprep.gazetteers.countries()``).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar (needs tqdm).

        Returns:
            A Series with the same index and name: a list of :class:`newsprep.Match` per row.

        Example:
            >>> import pandas as pd, newsprep
            >>> m = newsprep.EntityMatcher({"Faro": "LOC"})
            >>> [[x.text for x in ms] for ms in pd.Series(["Rain in Faro."]).newsprep.entities(m)]
            [['Faro']]
        """
        return matcher.find_many(self._s, n_threads=n_threads, progress=progress)

    def process(self, pipe: Any = None, *, n_threads: int | None = None, progress: bool | None = None) -> Any:
        """A :class:`newsprep.Document` per text (:meth:`newsprep.Pipeline.process`).

        Args:
            pipe: the :class:`newsprep.Pipeline` to use (default ``newsprep.Pipeline()``).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            A Series with the same index and name: one Document per row (None when missing).

        Example:
            >>> import pandas as pd, newsprep
            >>> docs = pd.Series(["Sign in\\nRain fell in Faro on Monday. Roads closed."]).newsprep.process()
            >>> docs.iloc[0].clean_text
            'Rain fell in Faro on Monday. Roads closed.'
        """
        return _pipe(pipe).process(self._s, n_threads=n_threads, progress=progress)

    def to_frames(
        self, pipe: Any = None, *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """``pipe.to_frames(series)``: documents, sentences and mentions DataFrames (``Frames``).

        Args:
            pipe: the :class:`newsprep.Pipeline` to use (default ``newsprep.Pipeline()``).
            n_threads: worker threads (default: all cores).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            :class:`newsprep.Frames`, keyed by the index (``doc``) and the position (``row``).

        Example:
            >>> import pandas as pd, newsprep
            >>> frames = pd.Series(["Rain fell. It stopped."], index=["a"]).newsprep.to_frames()
            >>> frames.sentences[["doc", "text"]].values.tolist()
            [['a', 'Rain fell.'], ['a', 'It stopped.']]
        """
        return _pipe(pipe).to_frames(self._s, n_threads=n_threads, progress=progress)


def _extractor(extractor: Any, kwargs: dict[str, Any]) -> Any:
    from ._html import Extractor

    if extractor is not None and kwargs:
        raise TypeError("pass either extractor= or Extractor options, not both")
    return extractor if extractor is not None else Extractor(**kwargs)


def _pipe(pipe: Any) -> Any:
    from ._pipeline import Pipeline

    return Pipeline() if pipe is None else pipe


# a mistyped argument names the right one (see _calls)
guard_class(NewsprepSeriesAccessor, "Series.newsprep")
