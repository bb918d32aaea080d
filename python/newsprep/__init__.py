"""newsprep: prepare news text scraped from the web.

* :func:`clean` / :class:`Cleaner`: boilerplate removal from scraped page text that
  keeps every article line and says why each other line went.
* :func:`sentences` / :class:`SentenceSplitter`: news-grade sentence splitting with
  code-point offsets.
* :func:`extract` / :class:`Extractor`: the article from HTML (str or bytes), with its
  headline, byline, date and every other line explained; :class:`Article` holds the parts.
* :func:`extract_warc` / :func:`read_warc`: web archives (``.warc``, ``.warc.gz``) to articles or
  records, streaming, with every skipped record counted by reason.
* :class:`EntityMatcher`: gazetteer matching (Aho-Corasick-class speed, whole words,
  Unicode case and accent folding), each match with its id, label and offsets.

Offsets are always code-point offsets into the str you passed: ``text[start:end]`` is
the span. Batch methods (``*_many``) take a list, any iterable or a pandas Series,
release the GIL and run on all cores.
"""

# No "from __future__ import annotations" here: it would add a public-looking name, annotations.
from . import _calls, _pandas, _polars, gazetteers
from ._boilerplate import Cleaner, Explanation, LineRecord, clean
from ._core import __version__
from ._data import example_page, example_warc
from ._entities import EntityMatcher, Match
from ._errors import (
    ConfigError,
    FormatError,
    GazetteerError,
    InputTypeError,
    NewsprepError,
    NewsprepWarning,
    RuleError,
    SerializationError,
)
from ._html import Article, BlockRecord, Extractor, PageExplanation, extract
from ._pipeline import Document, Frames, Mention, Pipeline, Sentence, WarcFrames, co_mentions
from ._sentences import SentenceSplitter, sentence_spans, sentences
from ._warc import (
    WarcArticles,
    WarcReader,
    WarcRecord,
    WarcSummary,
    extract_warc,
    read_warc,
    warc_frame,
    warc_frame_meta,
)

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
    "Article",
    "BlockRecord",
    "Extractor",
    "PageExplanation",
    "extract",
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
    "example_page",
    "example_warc",
    "FormatError",
    "WarcArticles",
    "WarcFrames",
    "WarcReader",
    "WarcRecord",
    "WarcSummary",
    "extract_warc",
    "read_warc",
    "warc_frame",
    "warc_frame_meta",
]


def __dir__() -> list[str]:
    """``dir(newsprep)``: the public API only (not the private modules it is built from)."""
    return sorted(__all__)


# Series.newsprep (pandas) and pl.col(...).newsprep (polars), registered without importing either.
_pandas.register()
_polars.register()

# A mistyped option or a wrong argument count raises InputTypeError naming the closest option and
# the list of them, instead of Python's bare TypeError (see _calls).
_calls.guard_api(globals(), __all__)

# help(), reprs, signatures and tracebacks say newsprep.Cleaner, not newsprep._boilerplate.Cleaner;
# pickle finds each object there (see _calls.publish).
_calls.publish(globals(), __all__)
