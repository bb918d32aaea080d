"""Sentence splitting: the Python face of ``newsprep._core.SentenceSplitter``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _core
from ._batch import run_batch

__all__ = ["SentenceSplitter", "sentence_spans", "sentences"]

sentences = _core.sentences
sentence_spans = _core.sentence_spans


class SentenceSplitter(_core.SentenceSplitter):
    """Splits news text into sentences.

    A line break ends a sentence (headlines, datelines, bylines, bullets) unless the
    line is clearly wrapped prose; abbreviations (U.S., Nov. 7, p.m., Mr., Inc.),
    initials, decimals, URLs, e-mail addresses and ellipses inside a sentence do not
    split; closing quotes and brackets stay with their sentence.

    Args:
        extra_abbreviations: more abbreviations, with or without the final dot:
            an iterable of str (treated as ``"ambiguous"``: they end a sentence only
            before a typical sentence opener such as "The" or "He") or a dict
            ``{abbreviation: class}`` with class one of ``"title"`` (never ends a
            sentence), ``"number"``, ``"month"``, ``"time"``, ``"ambiguous"``.

    Example:
        >>> s = SentenceSplitter(extra_abbreviations=["Brgy"])
        >>> s.split("Brgy. San Roque flooded. He left.")
        ['Brgy. San Roque flooded.', 'He left.']
    """

    __slots__ = ()

    def split_many(
        self, texts: Iterable[Any], *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """``split`` for many texts, in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, or a pandas/polars Series. None, NaN and
                pandas.NA are missing values and come back as None.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            The same kind as ``texts`` (a Series keeps its index), one list of
            sentences per text.
        """
        return run_batch(self._split_many, texts, n_threads=n_threads, progress=progress, desc="sentences")

    def spans_many(
        self, texts: Iterable[Any], *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """``spans`` for many texts; see :meth:`split_many` for the arguments."""
        return run_batch(self._spans_many, texts, n_threads=n_threads, progress=progress, desc="sentences")
