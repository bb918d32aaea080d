"""newsprep: prepare news text scraped from the web.

* :func:`clean` / :class:`Cleaner`: boilerplate removal from scraped page text that
  keeps every article line and says why each other line went.
* :func:`sentences` / :class:`SentenceSplitter`: news-grade sentence splitting with
  code-point offsets.
* :class:`EntityMatcher`: gazetteer matching (Aho-Corasick-class speed, whole words,
  Unicode case and accent folding), each match with its id, label and offsets.

Offsets are always code-point offsets into the str you passed: ``text[start:end]`` is
the span. Batch methods (``*_many``) take a list, any iterable or a pandas Series,
release the GIL and run on all cores.
"""

from __future__ import annotations

from . import _pandas, _polars, gazetteers
from ._boilerplate import Cleaner, Explanation, LineRecord, clean
from ._core import __version__
from ._entities import EntityMatcher, Match
from ._errors import (
    ConfigError,
    GazetteerError,
    InputTypeError,
    NewsprepError,
    NewsprepWarning,
    RuleError,
    SerializationError,
)
from ._pipeline import Document, Frames, Mention, Pipeline, Sentence, co_mentions
from ._sentences import SentenceSplitter, sentence_spans, sentences

__all__ = [
    "ConfigError",
    "GazetteerError",
    "InputTypeError",
    "NewsprepError",
    "NewsprepWarning",
    "RuleError",
    "SentenceSplitter",
    "EntityMatcher",
    "Match",
    "SerializationError",
    "__version__",
    "gazetteers",
    "clean",
    "Cleaner",
    "Explanation",
    "LineRecord",
    "sentence_spans",
    "sentences",
    "Document",
    "Frames",
    "Mention",
    "Pipeline",
    "Sentence",
    "co_mentions",
]

# Series.newsprep (pandas) and pl.col(...).newsprep (polars), registered without importing either.
_pandas.register()
_polars.register()
