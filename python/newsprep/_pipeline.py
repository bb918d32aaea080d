"""One call for the whole job: clean, split into sentences, find entities.

:class:`Pipeline` chains a :class:`~newsprep.Cleaner`, a :class:`~newsprep.SentenceSplitter` and an
:class:`~newsprep.EntityMatcher`; ``pipe(text)`` returns a :class:`Document`, ``pipe.process(texts)``
runs each stage over a whole batch in Rust on all cores, and ``pipe.to_frames(texts)`` gives long
pandas DataFrames ready for counting (see :func:`co_mentions`).
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ._batch import _is_pandas_series, _progress_bar, as_pylist, check_batch_args, is_missing, same_kind
from ._boilerplate import Cleaner, LineRecord, _explanation
from ._entities import EntityMatcher
from ._errors import InputTypeError
from ._sentences import SentenceSplitter

__all__ = ["Document", "Frames", "Mention", "Pipeline", "Sentence", "co_mentions"]


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


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass(frozen=True, repr=False)
class Document:
    """What a :class:`Pipeline` makes of one text.

    Offsets of :attr:`sentences` and :attr:`entities` are code points into :attr:`clean_text`;
    those of :attr:`removed` are code points into :attr:`text` (the input). In a notebook a
    Document renders as the clean article with the entities highlighted, the sentence boundaries
    visible and the removed lines struck through with their reasons.
    """

    text: str
    """The input, unchanged."""
    clean_text: str
    """The article: the input without the removed lines (the input itself without a cleaner)."""
    sentences: list[Sentence] = field(default_factory=list)
    """The sentences of ``clean_text`` (empty without a splitter)."""
    entities: list[Mention] = field(default_factory=list)
    """The entity mentions in ``clean_text`` (empty without a matcher)."""
    removed: list[LineRecord] = field(default_factory=list)
    """The non-blank lines of ``text`` that were removed, with their reasons."""
    removed_at: tuple[int, ...] = field(default=(), compare=False)
    """For each removed line, the offset in ``clean_text`` where it stood (used for display)."""

    def __repr__(self) -> str:
        return (
            f"Document({len(self.text)} chars -> {len(self.clean_text)}, "
            f"{_plural(len(self.sentences), 'sentence', 'sentences')}, "
            f"{_plural(len(self.entities), 'entity', 'entities')}, "
            f"{_plural(len(self.removed), 'removed line', 'removed lines')}, "
            f"clean_text={_short(self.clean_text)!r})"
        )

    def to_dict(self) -> dict[str, Any]:
        """The document as plain Python data (lists of dicts), e.g. for JSON."""
        return {
            "text": self.text,
            "clean_text": self.clean_text,
            "sentences": [s._asdict() for s in self.sentences],
            "entities": [m._asdict() for m in self.entities],
            "removed": [r._asdict() for r in self.removed],
        }

    def _repr_html_(self) -> str:
        return render_html(self)


class Frames(NamedTuple):
    """The three long DataFrames of :meth:`Pipeline.to_frames`, keyed by the input's index (``doc``)."""

    documents: Any
    """One row per text: ``doc, text, clean_text, n_sentences, n_entities, n_removed``."""
    sentences: Any
    """One row per sentence: ``doc, sentence, start, end, text`` (offsets into ``clean_text``)."""
    mentions: Any
    """One row per mention: ``doc, sentence, start, end, text, id, label`` (offsets into ``clean_text``)."""


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
    """Cleans, splits and tags news text in one call.

    Args:
        cleaner: a :class:`~newsprep.Cleaner` (default ``Cleaner()``), or None to use the text as it is.
        splitter: a :class:`~newsprep.SentenceSplitter` (default ``SentenceSplitter()``), or None for no
            sentences.
        matcher: an :class:`~newsprep.EntityMatcher` (e.g. ``newsprep.gazetteers.countries()``), or None
            (the default) for no entities.

    A Pipeline holds no state of its own beyond its stages: it pickles (so it ships to Dask, Spark
    or Ray workers) and is safe to share between threads.

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

    __slots__ = ("cleaner", "splitter", "matcher")

    cleaner: Cleaner | None
    splitter: SentenceSplitter | None
    matcher: EntityMatcher | None

    def __init__(
        self,
        *,
        cleaner: Cleaner | None = _DEFAULT_CLEANER,
        splitter: SentenceSplitter | None = _DEFAULT_SPLITTER,
        matcher: EntityMatcher | None = None,
    ) -> None:
        self.cleaner = Cleaner() if cleaner is _DEFAULT_CLEANER else cleaner
        self.splitter = SentenceSplitter() if splitter is _DEFAULT_SPLITTER else splitter
        self.matcher = matcher
        for name, value, method in (
            ("cleaner", self.cleaner, "clean_many"),
            ("splitter", self.splitter, "spans_many"),
            ("matcher", self.matcher, "find_many"),
        ):
            if value is not None and not hasattr(value, method):
                raise InputTypeError(
                    f"{name} must have a {method} method or be None, got {type(value).__name__}"
                )

    def __repr__(self) -> str:
        return f"Pipeline(cleaner={self.cleaner!r}, splitter={self.splitter!r}, matcher={self.matcher!r})"

    def __getstate__(self) -> dict[str, Any]:
        return {"cleaner": self.cleaner, "splitter": self.splitter, "matcher": self.matcher}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for k, v in state.items():
            object.__setattr__(self, k, v)

    # -- single text -------------------------------------------------------------------------------

    def __call__(self, text: str) -> Document:
        """Processes one text and returns its :class:`Document`."""
        if not isinstance(text, str):
            raise InputTypeError(f"Pipeline expects a str, got {type(text).__name__}")
        clean_text, removed, removed_at = self._clean_one(text)
        spans = self.splitter.spans(clean_text) if self.splitter is not None else []
        matches = self.matcher.find(clean_text) if self.matcher is not None else []
        return _document(text, clean_text, removed, removed_at, spans, matches)

    def _clean_one(self, text: str) -> tuple[str, list, tuple]:
        if self.cleaner is None:
            return text, [], ()
        # One pass in Rust gives both the clean text and the per-line decisions.
        ((clean_text, rows),) = self.cleaner._clean_explain_many([text], None, 1, None)
        return (clean_text, *_removed_lines(text, clean_text, _explanation(text, rows)))

    # -- batches -----------------------------------------------------------------------------------

    def process(self, texts: Any, *, n_threads: int | None = None, progress: bool | None = None) -> Any:
        """Processes many texts, each stage over the whole batch in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, a pandas/polars Series or a pyarrow array; None, NaN
                and pandas.NA are missing and come back as None.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar (one step per stage and text).

        Returns:
            The same kind as ``texts`` (a pandas Series keeps its index and name; a polars Series
            has dtype Object; a list otherwise): one :class:`Document` per text. The result equals
            ``[pipe(t) for t in texts]``.
        """
        check_batch_args(texts, n_threads)
        docs = self._process_list(as_pylist(texts), n_threads, progress)
        return same_kind(texts, docs, objects=True)

    def _process_list(self, values: list, n_threads: int | None, progress: bool | None) -> list:
        present = [i for i, v in enumerate(values) if not is_missing(v)]
        items = [values[i] for i in present]
        for v in items:
            if not isinstance(v, str):
                raise InputTypeError(f"Pipeline expects str items (or None/NaN), got {type(v).__name__}")
        stages = max(1, (self.cleaner is not None) + (self.splitter is not None) + (self.matcher is not None))
        bar = _progress_bar(len(items) * stages, "pipeline") if progress else None
        cb = bar.update if bar is not None else None
        try:
            cleaned: list[tuple[str, list, tuple]]
            if self.cleaner is None:
                cleaned = [(t, [], ()) for t in items]
            else:
                # One pass in Rust gives both the clean text and the per-line decisions.
                both = self.cleaner._clean_explain_many(items, None, n_threads, cb)
                cleaned = [
                    (clean, *_removed_lines(text, clean, _explanation(text, rows)))
                    for text, (clean, rows) in zip(items, both, strict=True)
                ]
            clean_texts = [c[0] for c in cleaned]
            if self.splitter is not None:
                spans = self.splitter.spans_many(clean_texts, n_threads=n_threads, progress=None)
                if cb:
                    cb(len(items))
            else:
                spans = [[] for _ in items]
            if self.matcher is not None:
                matches = self.matcher.find_many(clean_texts, n_threads=n_threads, progress=None)
                if cb:
                    cb(len(items))
            else:
                matches = [[] for _ in items]
        finally:
            if bar is not None:
                bar.close()
        out: list = [None] * len(values)
        for i, text, (clean_text, removed, removed_at), sp, ms in zip(
            present, items, cleaned, spans, matches, strict=True
        ):
            out[i] = _document(text, clean_text, removed, removed_at, sp, ms)
        return out

    def to_frames(self, texts: Any, *, n_threads: int | None = None, progress: bool | None = None) -> Frames:
        """Processes ``texts`` and returns long pandas DataFrames (:class:`Frames`).

        ``doc`` is the input's index label when ``texts`` is a pandas Series, else its position.
        Missing texts have a ``documents`` row with ``text`` and ``clean_text`` None and zero counts,
        and no sentences or mentions. Pass ``frames.mentions`` to :func:`co_mentions` to count
        which entities are named in the same sentence.
        """
        import pandas as pd

        check_batch_args(texts, n_threads)
        values = as_pylist(texts)
        keys = list(texts.index) if _is_pandas_series(texts) else list(range(len(values)))
        docs = self._process_list(values, n_threads, progress)
        drows: dict[str, list] = {
            k: [] for k in ("doc", "text", "clean_text", "n_sentences", "n_entities", "n_removed")
        }
        srows: dict[str, list] = {k: [] for k in ("doc", "sentence", "start", "end", "text")}
        mrows: dict[str, list] = {k: [] for k in ("doc", "sentence", "start", "end", "text", "id", "label")}
        for key, d in zip(keys, docs, strict=True):
            drows["doc"].append(key)
            if d is None:
                for k, v in (("text", None), ("clean_text", None)):
                    drows[k].append(v)
                for k in ("n_sentences", "n_entities", "n_removed"):
                    drows[k].append(0)
                continue
            drows["text"].append(d.text)
            drows["clean_text"].append(d.clean_text)
            drows["n_sentences"].append(len(d.sentences))
            drows["n_entities"].append(len(d.entities))
            drows["n_removed"].append(len(d.removed))
            for j, s in enumerate(d.sentences):
                srows["doc"].append(key)
                srows["sentence"].append(j)
                srows["start"].append(s.start)
                srows["end"].append(s.end)
                srows["text"].append(s.text)
            for m in d.entities:
                mrows["doc"].append(key)
                mrows["sentence"].append(m.sentence)
                mrows["start"].append(m.start)
                mrows["end"].append(m.end)
                mrows["text"].append(m.text)
                mrows["id"].append(m.id)
                mrows["label"].append(m.label)
        ints = ("sentence", "start", "end", "n_sentences", "n_entities", "n_removed")

        def frame(rows: dict[str, list]) -> Any:
            df = pd.DataFrame(
                {k: pd.Series(v, dtype="int64" if k in ints else object) for k, v in rows.items()}
            )
            if rows["doc"]:
                df["doc"] = df["doc"].infer_objects()
            return df

        documents = frame(drows)
        return Frames(documents, frame(srows), frame(mrows))


def co_mentions(mentions: Any, *, within: str = "sentence", labels: Sequence[str] | None = None) -> Any:
    """Pairs of entity ids named together, with counts, from ``Pipeline.to_frames(...).mentions``.

    Args:
        mentions: the mentions DataFrame (columns ``doc, sentence, id``, and ``label`` for ``labels``).
        within: ``"sentence"`` (named in the same sentence; mentions outside any sentence are
            ignored) or ``"doc"`` (named in the same document).
        labels: keep only mentions with these labels (e.g. ``["PER"]``).

    Returns:
        A DataFrame ``id_a, id_b, count`` (``id_a < id_b``), one row per pair, where ``count`` is
        the number of sentences (or documents) naming both, sorted by count (descending) then ids.
    """
    import pandas as pd

    if within not in ("sentence", "doc"):
        raise ValueError(f'within must be "sentence" or "doc", got {within!r}')
    m = mentions
    if labels is not None:
        m = m[m["label"].isin(list(labels))]
    keys = ["doc", "sentence"] if within == "sentence" else ["doc"]
    if within == "sentence":
        m = m[m["sentence"] >= 0]
    m = m[[*keys, "id"]].drop_duplicates()
    pairs = m.merge(m, on=keys, suffixes=("_a", "_b"))
    pairs = pairs[pairs["id_a"].astype(str) < pairs["id_b"].astype(str)]
    if pairs.empty:
        empty = pd.Series([], dtype=object)
        return pd.DataFrame({"id_a": empty, "id_b": empty, "count": pd.Series([], dtype="int64")})
    out = pairs.groupby(["id_a", "id_b"], sort=False).size().reset_index(name="count")
    out["count"] = out["count"].astype("int64")
    return out.sort_values(["count", "id_a", "id_b"], ascending=[False, True, True], ignore_index=True)


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


def _document(
    text: str,
    clean_text: str,
    removed: list,
    removed_at: tuple,
    spans: Sequence[tuple[int, int]],
    matches: Sequence[Any],
) -> Document:
    sentences = [Sentence(s, e, clean_text[s:e]) for s, e in spans]
    starts = [s.start for s in sentences]
    mentions = []
    for m in matches:
        j = bisect.bisect_right(starts, m.start) - 1
        if j >= 0 and m.start >= sentences[j].end:
            j = -1
        mentions.append(Mention(m.start, m.end, m.text, m.id, m.label, j))
    return Document(text, clean_text, sentences, mentions, list(removed), tuple(removed_at))


# -- HTML --------------------------------------------------------------------------------------------

_PALETTE = ("#ffe08a", "#a7e3ff", "#c8f5b4", "#ffc4d6", "#d9c8ff", "#ffd3a8", "#b8f0e6", "#e8e8a0")

_STYLE = (
    "<style>"
    ".np-doc{font-family:Georgia,serif;line-height:1.7;max-width:48em;white-space:pre-wrap;"
    "color:#222;background:#fff;padding:.6em .8em;border:1px solid #ddd;border-radius:4px}"
    ".np-s{border-radius:2px}.np-s1{background:#f2f5fa}"
    ".np-sep{color:#9ab;font-size:.75em;padding:0 .15em;user-select:none}"
    ".np-doc mark{padding:0 .15em;border-radius:3px;color:#111}"
    ".np-doc mark .np-label{font:bold .62em sans-serif;margin-left:.3em;vertical-align:.12em;color:#444}"
    ".np-rm{display:block;color:#999;font-size:.88em;white-space:pre-wrap}"
    ".np-rm s{text-decoration:line-through}"
    ".np-reason{font:.75em monospace;color:#b55;margin-left:.6em}"
    ".np-head{font:.8em sans-serif;color:#666;margin-bottom:.3em}"
    "</style>"
)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _label_colour(label: str, colours: dict[str, str]) -> str:
    if label not in colours:
        colours[label] = _PALETTE[len(colours) % len(_PALETTE)]
    return colours[label]


def render_html(doc: Document) -> str:
    """The HTML of :meth:`Document._repr_html_`: escaped text, marked entities, sentences, removed lines."""
    text = doc.clean_text
    colours: dict[str, str] = {}
    # Events at offsets of clean_text: removed lines are inserted, sentences open and close, mentions
    # open and close. Mentions crossing a sentence boundary are closed and reopened around it.
    removed_at = (
        doc.removed_at if len(doc.removed_at) == len(doc.removed) else (len(text),) * len(doc.removed)
    )
    cuts = {0, len(text)}
    cuts.update(min(a, len(text)) for a in removed_at)
    for s in doc.sentences:
        cuts.update((s.start, s.end))
    for m in doc.entities:
        cuts.update((m.start, m.end))
    cuts_sorted = sorted(c for c in cuts if 0 <= c <= len(text))
    sent_starts = [s.start for s in doc.sentences]
    rm_by_pos: dict[int, list[LineRecord]] = {}
    for r, a in zip(doc.removed, removed_at, strict=True):
        rm_by_pos.setdefault(min(a, len(text)), []).append(r)
    ent_sorted = sorted(doc.entities, key=lambda m: (m.start, -m.end))

    def sentence_at(pos: int) -> int:
        j = bisect.bisect_right(sent_starts, pos) - 1
        return j if j >= 0 and pos < doc.sentences[j].end else -1

    def mention_at(pos: int) -> Mention | None:
        best: Mention | None = None
        for m in ent_sorted:
            if m.start > pos:
                break
            if m.start <= pos < m.end:
                best = m
                break
        return best

    out: list[str] = []

    def removed_block(records: list[LineRecord]) -> None:
        for r in records:
            out.append(
                f'<span class="np-rm" title="removed: {html.escape(r.reason)}"><s>{html.escape(r.text)}</s>'
                f'<span class="np-reason">[{html.escape(r.reason)}]</span></span>'
            )

    for a, b in zip(cuts_sorted, cuts_sorted[1:], strict=False):
        if a in rm_by_pos:
            removed_block(rm_by_pos.pop(a))
        piece = html.escape(text[a:b])
        if not piece:
            continue
        j = sentence_at(a)
        if j >= 0 and a == doc.sentences[j].start and j > 0:
            out.append('<span class="np-sep" title="sentence boundary">▏</span>')
        mention = mention_at(a)
        if mention is not None:
            colour = _label_colour(mention.label, colours)
            title = html.escape(f"{mention.label} {mention.id}", quote=True)
            piece = f'<mark style="background:{colour}" title="{title}">{piece}'
            if b >= mention.end:
                piece += f'<span class="np-label">{html.escape(mention.label)}</span>'
            piece += "</mark>"
        if j >= 0:
            piece = f'<span class="np-s np-s{j % 2}" data-sentence="{j}">{piece}</span>'
        out.append(piece)
    for records in rm_by_pos.values():
        removed_block(records)
    counts = (
        _plural(len(doc.sentences), "sentence", "sentences"),
        _plural(len(doc.entities), "entity", "entities"),
        _plural(len(doc.removed), "line", "lines") + " removed",
    )
    head = f'<div class="np-head">{" · ".join(counts)}</div>'
    return f'<div class="tex2jax_ignore">{_STYLE}{head}<div class="np-doc">{"".join(out)}</div></div>'
