"""Sentence splitting: the Python face of ``newsprep._core.SentenceSplitter``."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from . import _core
from ._batch import as_pylist, check_same_index, refuse_table, run_batch
from ._errors import InputTypeError

__all__ = ["SentenceSplitter", "sentence_spans", "sentences"]

sentences = _core.sentences
sentence_spans = _core.sentence_spans


class SentenceSplitter(_core.SentenceSplitter):
    """Splits news text into sentences.

    A line break ends a sentence (headlines, datelines, bylines, bullets) unless the
    line is clearly wrapped prose; abbreviations (U.S., Nov. 7, p.m., Mr., Inc.),
    initials, decimals, URLs, e-mail addresses and ellipses inside a sentence do not
    split; closing quotes and brackets stay with their sentence. The sentence ends of
    every script count (the danda "।", "؟", "۔", "։", "።", "။", the Greek question mark,
    "!" directly followed by Japanese text ...).

    Args:
        language: None (the default: every script's sentence ends and every language's
            shared abbreviations), ``"auto"`` (identify the language of each text from
            its start), or a language code such as ``"de"`` (also BCP 47 tags such as
            ``"de-AT"``): adds that language's own abbreviations and rules, e.g. German
            "18. Jahrhundert" is an ordinal. :meth:`languages` lists the codes; an
            unknown code raises ``ConfigError``.
        extra_abbreviations: more abbreviations, with or without the final dot:
            an iterable of str (treated as ``"ambiguous"``: they end a sentence only
            before a typical sentence opener such as "The" or "He") or a dict
            ``{abbreviation: class}`` with class one of ``"title"`` (never ends a
            sentence), ``"number"``, ``"month"``, ``"time"``, ``"ambiguous"``, ``"final"``
            (ends a sentence before any capitalised word, like "usw.").

    ``split`` and ``spans`` take ``language=`` per call too (None keeps the splitter's), so
    one splitter serves articles in many languages.

    Example:
        >>> s = SentenceSplitter(extra_abbreviations=["Brgy"])
        >>> s.split("Brgy. San Roque flooded. He left.")
        ['Brgy. San Roque flooded.', 'He left.']
        >>> s.split("Die Wahl fand am 3. Oktober statt. Sie war knapp.")
        ['Die Wahl fand am 3. Oktober statt.', 'Sie war knapp.']
        >>> s.split("Das 18. Jahrhundert war lang. Es endete.", language="de")
        ['Das 18. Jahrhundert war lang.', 'Es endete.']
    """

    __slots__ = ()

    def split_many(
        self,
        texts: Iterable[Any],
        *,
        language: str | Iterable[str | None] | None = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """``split`` for many texts, in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, or a pandas/polars Series. None, NaN and
                pandas.NA are missing values and come back as None.
            language: None (the splitter's language), one language for every text
                (``"de"``, ``"auto"``), or one per text (a list or Series as long as
                ``texts``; None items use the splitter's language).
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            The same kind as ``texts`` (a Series keeps its index), one list of
            sentences per text.

        Example:
            >>> SentenceSplitter().split_many(["Rain fell. It stopped.", None])
            [['Rain fell.', 'It stopped.'], None]
        """
        check_same_index(texts, language, "language")
        runner = functools.partial(self._split_many, language=_languages_arg(language))
        return run_batch(runner, texts, n_threads=n_threads, progress=progress, desc="sentences", text=False)

    def spans_many(
        self,
        texts: Iterable[Any],
        *,
        language: str | Iterable[str | None] | None = None,
        n_threads: int | None = None,
        progress: bool | None = None,
    ) -> Any:
        """``spans`` for many texts, in parallel with the GIL released.

        Args:
            texts, language, n_threads, progress: as in :meth:`split_many`.

        Returns:
            The same kind as ``texts`` (a Series keeps its index), one list of ``(start, end)``
            code-point offsets per text.

        Example:
            >>> SentenceSplitter().spans_many(["Rain fell. It stopped.", None])
            [[(0, 10), (11, 22)], None]
        """
        check_same_index(texts, language, "language")
        runner = functools.partial(self._spans_many, language=_languages_arg(language))
        return run_batch(runner, texts, n_threads=n_threads, progress=progress, desc="sentences", text=False)


def _languages_arg(language: Any) -> Any:
    """A per-text language column as a list (the core reads a list); a str or None as it is."""
    if language is None or isinstance(language, str):
        return language
    # A DataFrame would give its column names as the languages, a dict its keys.
    refuse_table(language, "language")
    if not hasattr(language, "__iter__"):
        raise InputTypeError(
            'language must be None, "auto", a language code such as "de", or one per text (a list or '
            f"Series), got {type(language).__name__}"
        )
    return as_pylist(language, "language")
