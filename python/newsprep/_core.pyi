"""Type stubs for the compiled core ``newsprep._core``."""

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, TypeAlias

from typing_extensions import Self, disjoint_base

__version__: str
__all__ = ["SentenceSplitter", "__version__", "_reconstruct", "sentence_spans", "sentences"]

_AbbreviationClass: TypeAlias = Literal["title", "number", "month", "time", "ambiguous"]

def _reconstruct(cls: Any, kwargs: dict[str, Any]) -> Any:
    """Rebuilds a pickled object: ``cls(**kwargs)``."""

def sentences(text: str) -> list[str]:
    """The sentences of ``text`` with the default splitter.

    Raises ``TypeError`` if ``text`` is not a str and ``UnicodeEncodeError`` (a
    ``ValueError``) if it holds lone surrogates. Empty or whitespace-only text gives [].
    """

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` code-point offsets: ``text[start:end]``
    is the sentence without surrounding whitespace."""

@disjoint_base
class SentenceSplitter:
    """Splits news text into sentences (see ``newsprep.SentenceSplitter``)."""

    def __new__(
        cls,
        *,
        extra_abbreviations: Iterable[str] | Mapping[str, _AbbreviationClass] | None = None,
    ) -> Self: ...
    def split(self, text: str) -> list[str]:
        """The sentences of ``text``, as str."""
    def spans(self, text: str) -> list[tuple[int, int]]:
        """The sentences of ``text`` as ``(start, end)`` code-point offsets."""
    def _split_many(
        self,
        texts: Iterable[Any],
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[list[str] | None]:
        """Batch ``split`` over a list or iterable; returns a list (None for missing)."""
    def _spans_many(
        self,
        texts: Iterable[Any],
        n_threads: int | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> list[list[tuple[int, int]] | None]:
        """Batch ``spans`` over a list or iterable; returns a list (None for missing)."""
    @property
    def extra_abbreviations(self) -> dict[str, _AbbreviationClass]:
        """The extra abbreviations this splitter was built with, as {abbreviation: class}."""
    @staticmethod
    def default_abbreviations() -> dict[str, _AbbreviationClass]:
        """The abbreviation list shipped with newsprep, as {abbreviation: class}."""
    def __reduce__(self) -> tuple[Any, ...]: ...
