"""One call for the whole job: clean, split into sentences, find entities.

:class:`Pipeline` chains a :class:`~newsprep.Cleaner`, a :class:`~newsprep.SentenceSplitter` and an
:class:`~newsprep.EntityMatcher`; ``pipe(text)`` returns a :class:`Document`, ``pipe.process(texts)``
runs each stage over a whole batch in Rust on all cores, and ``pipe.to_frames(texts)`` gives long
pandas DataFrames ready for counting (see :func:`co_mentions`).
"""

# No "from __future__ import annotations": NamedTuple fields would show as ForwardRef('int') in help().
import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, NamedTuple

from ._batch import as_pylist, check_batch_args, is_missing, is_pandas_series, progress_bar, same_kind
from ._boilerplate import Cleaner, LineRecord, clean_and_explain
from ._display import document_html, frames_html
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


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _short(s: str, n: int = 40) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


@dataclass(frozen=True, repr=False)
class Document:
    """What a :class:`Pipeline` makes of one text.

    Offsets of :attr:`sentences` and :attr:`entities` are code points into :attr:`clean_text`;
    those of :attr:`removed` are code points into :attr:`text` (the input). In a notebook a
    Document renders as the clean article with the entities highlighted, the sentence boundaries
    visible and the removed lines struck through with their reasons (long runs of them collapsed).

    Documents compare by value (``==``) but are not hashable: they hold lists.

    Example:
        >>> import newsprep
        >>> doc = newsprep.Pipeline()("Sign in\\nRain fell in Faro on Monday. Roads closed.\\n")
        >>> doc.clean_text
        'Rain fell in Faro on Monday. Roads closed.\\n'
        >>> [s.text for s in doc.sentences]
        ['Rain fell in Faro on Monday.', 'Roads closed.']
        >>> [(r.text, r.reason) for r in doc.removed]
        [('Sign in', 'phrase')]
    """

    __hash__: ClassVar[None] = None  # type: ignore[assignment]

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
        """The document as plain Python data (lists of dicts), e.g. for JSON.

        Returns:
            ``{"text", "clean_text", "sentences", "entities", "removed"}``, the last three lists of
            dicts with the fields of :class:`Sentence`, :class:`Mention` and ``LineRecord``.

        Example:
            >>> import newsprep
            >>> newsprep.Pipeline(cleaner=None)("One. Two.").to_dict()["sentences"]
            [{'start': 0, 'end': 4, 'text': 'One.'}, {'start': 5, 'end': 9, 'text': 'Two.'}]
        """
        return {
            "text": self.text,
            "clean_text": self.clean_text,
            "sentences": [s._asdict() for s in self.sentences],
            "entities": [m._asdict() for m in self.entities],
            "removed": [r._asdict() for r in self.removed],
        }

    def _repr_html_(self) -> str:
        return document_html(self)


class Frames(NamedTuple):
    """The three long DataFrames of :meth:`Pipeline.to_frames`.

    Every frame has ``doc`` (the input's index label, or its position for a list) and ``row`` (the
    position of the text in the input, unique even when the index repeats labels). In a notebook
    the three render one under the other.
    """

    documents: Any
    """One row per text: ``doc, row, text, clean_text, n_sentences, n_entities, n_removed``."""
    sentences: Any
    """One row per sentence: ``doc, row, sentence, start, end, text`` (offsets into ``clean_text``)."""
    mentions: Any
    """One row per mention: ``doc, row, sentence, start, end, text, id, label`` (offsets into
    ``clean_text``)."""

    def __repr__(self) -> str:
        sizes = ", ".join(f"{name}={len(getattr(self, name))} rows" for name in self._fields)
        return f"Frames({sizes})"

    def _repr_html_(self) -> str:
        return frames_html(self)


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
        for name, value, kind, method in (
            ("cleaner", self.cleaner, "Cleaner", "clean_many"),
            ("splitter", self.splitter, "SentenceSplitter", "spans_many"),
            ("matcher", self.matcher, "EntityMatcher", "find_many"),
        ):
            if isinstance(value, type):
                raise InputTypeError(
                    f"{name}= got the class {value.__name__}, not an instance of it: "
                    f"pass {value.__name__}() (with its options)"
                )
            if value is not None and not hasattr(value, method):
                raise InputTypeError(
                    f"{name} must be a {kind} (or any object with a {method} method) or None, "
                    f"got {type(value).__name__}"
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
        """Processes one text.

        Args:
            text: the page text (a str).

        Returns:
            Its :class:`Document`: the clean text, its sentences, the entities found in it (each with
            the sentence it starts in) and the removed lines.

        Example:
            >>> import newsprep
            >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC"}))
            >>> [(m.text, m.sentence) for m in pipe("Rain in Faro. Cold.").entities]
            [('Faro', 0)]
        """
        if not isinstance(text, str):
            raise InputTypeError(f"Pipeline expects a str, got {type(text).__name__}")
        return self._documents([text], None, None)[0]

    # -- batches -----------------------------------------------------------------------------------

    def process(self, texts: Any, *, n_threads: int | None = None, progress: bool | None = None) -> Any:
        """Processes many texts, each stage over the whole batch in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, a pandas/polars Series or a pyarrow array; None, NaN
                and pandas.NA are missing and come back as None.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            The same kind as ``texts`` (a pandas Series keeps its index and name; a polars Series
            has dtype Object; a list otherwise): one :class:`Document` per text. The result equals
            ``[pipe(t) for t in texts]``.

        Example:
            >>> import newsprep
            >>> docs = newsprep.Pipeline().process(["Rain fell. It stopped.", None])
            >>> [d.sentences[1].text if d else None for d in docs]
            ['It stopped.', None]
        """
        check_batch_args(texts, n_threads)
        docs = self._process_list(as_pylist(texts), n_threads, progress)
        return same_kind(texts, docs, objects=True)

    def _process_list(self, values: list, n_threads: int | None, progress: bool | None) -> list:
        present = [i for i, v in enumerate(values) if not is_missing(v)]
        items = [values[i] for i in present]
        for i, v in zip(present, items, strict=True):
            if not isinstance(v, str):
                raise InputTypeError(
                    f"texts[{i}]: Pipeline expects str items (or None/NaN), got {type(v).__name__}"
                )
        bar = progress_bar(len(items), "pipeline") if progress else None
        docs: list = []
        try:
            if bar is None:
                docs = self._documents(items, n_threads, None)
            else:
                # In chunks, so that the bar counts documents through every stage.
                for k in range(0, len(items), _PROGRESS_CHUNK):
                    chunk = items[k : k + _PROGRESS_CHUNK]
                    docs.extend(self._documents(chunk, n_threads, None))
                    bar.update(len(chunk))
        finally:
            if bar is not None:
                bar.close()
        out: list = [None] * len(values)
        for i, doc in zip(present, docs, strict=True):
            out[i] = doc
        return out

    def _documents(self, items: list[str], n_threads: int | None, cb: Any) -> list[Document]:
        """The Documents of ``items`` (all str): each stage over the whole list."""
        if self.cleaner is None:
            cleaned: list[tuple[str, list, tuple]] = [(t, [], ()) for t in items]
        else:
            # One pass in Rust gives both the clean text and the per-line decisions.
            both = clean_and_explain(self.cleaner, items, n_threads=n_threads if len(items) > 1 else 1)
            cleaned = []
            for text, pair in zip(items, both, strict=True):
                assert pair is not None  # items are all str
                clean, explanation = pair
                cleaned.append((clean, *_removed_lines(text, clean, explanation)))
        clean_texts = [c[0] for c in cleaned]
        if self.splitter is None:
            spans: list = [[] for _ in items]
        elif len(items) == 1:
            spans = [self.splitter.spans(clean_texts[0])]
        else:
            spans = self.splitter.spans_many(clean_texts, n_threads=n_threads)
        if self.matcher is None:
            matches: list = [[] for _ in items]
        elif len(items) == 1:
            matches = [self.matcher.find(clean_texts[0])]
        else:
            matches = self.matcher.find_many(clean_texts, n_threads=n_threads)
        return [
            _document(text, clean_text, removed, removed_at, sp, ms)
            for text, (clean_text, removed, removed_at), sp, ms in zip(
                items, cleaned, spans, matches, strict=True
            )
        ]

    def to_frames(self, texts: Any, *, n_threads: int | None = None, progress: bool | None = None) -> Frames:
        """Processes ``texts`` and returns long pandas DataFrames (:class:`Frames`).

        Args:
            texts: as in :meth:`process`.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a progress bar counting documents (needs tqdm).

        Returns:
            :class:`Frames` ``(documents, sentences, mentions)``. ``doc`` is the input's index label
            when ``texts`` is a pandas Series, else its position; ``row`` is always its position, so
            rows stay apart even when the index repeats a label (after ``pd.concat``). Missing texts
            have a ``documents`` row with ``text`` and ``clean_text`` None and zero counts, and no
            sentences or mentions. Pass ``frames.mentions`` to :func:`co_mentions` to count which
            entities are named in the same sentence.

        Example:
            >>> import newsprep
            >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC", "Silva": "PER"}))
            >>> frames = pipe.to_frames(["Silva flew to Faro. He left.", "Faro was calm."])
            >>> frames.mentions[["doc", "sentence", "text", "id"]].values.tolist()
            [[0, 0, 'Silva', 'Silva'], [0, 0, 'Faro', 'Faro'], [1, 0, 'Faro', 'Faro']]
        """
        import pandas as pd

        check_batch_args(texts, n_threads)
        values = as_pylist(texts)
        keys = list(texts.index) if is_pandas_series(texts) else list(range(len(values)))
        docs = self._process_list(values, n_threads, progress)
        drows: dict[str, list] = {
            k: [] for k in ("doc", "row", "text", "clean_text", "n_sentences", "n_entities", "n_removed")
        }
        srows: dict[str, list] = {k: [] for k in ("doc", "row", "sentence", "start", "end", "text")}
        mrows: dict[str, list] = {
            k: [] for k in ("doc", "row", "sentence", "start", "end", "text", "id", "label")
        }
        for row, (key, d) in enumerate(zip(keys, docs, strict=True)):
            drows["doc"].append(key)
            drows["row"].append(row)
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
                for k, v in zip(srows, (key, row, j, s.start, s.end, s.text), strict=True):
                    srows[k].append(v)
            for m in d.entities:
                for k, v in zip(
                    mrows, (key, row, m.sentence, m.start, m.end, m.text, m.id, m.label), strict=True
                ):
                    mrows[k].append(v)
        ints = ("row", "sentence", "start", "end", "n_sentences", "n_entities", "n_removed")

        def frame(rows: dict[str, list]) -> Any:
            df = pd.DataFrame(
                {k: pd.Series(v, dtype="int64" if k in ints else object) for k, v in rows.items()}
            )
            if rows["doc"]:
                df["doc"] = df["doc"].infer_objects()
            return df

        return Frames(frame(drows), frame(srows), frame(mrows))


# Documents per chunk when a progress bar is shown (each chunk still runs every stage in parallel).
_PROGRESS_CHUNK = 1024


def co_mentions(mentions: Any, *, within: str = "sentence", labels: Sequence[str] | None = None) -> Any:
    """Pairs of entity ids named together, with counts, from ``Pipeline.to_frames(...).mentions``.

    Args:
        mentions: the mentions DataFrame: columns ``doc`` (or ``row``), ``sentence`` and ``id``, and
            ``label`` for ``labels``. When it has ``row`` (as ``to_frames`` gives), documents are
            told apart by position, so a Series index with repeated labels never merges two
            documents.
        within: ``"sentence"`` (named in the same sentence; mentions outside any sentence are
            ignored) or ``"doc"`` (named in the same document).
        labels: keep only mentions with these labels (e.g. ``["PER"]``).

    Returns:
        A DataFrame ``id_a, id_b, count`` (``id_a < id_b``), one row per pair, where ``count`` is
        the number of sentences (or documents) naming both, sorted by count (descending) then ids.

    Example:
        >>> import newsprep
        >>> pipe = newsprep.Pipeline(matcher=newsprep.EntityMatcher({"Faro": "LOC", "Silva": "PER"}))
        >>> frames = pipe.to_frames(["Silva flew to Faro. He left.", "Faro and Silva. Faro."])
        >>> newsprep.co_mentions(frames.mentions).values.tolist()
        [['Faro', 'Silva', 2]]
    """
    import pandas as pd

    if within not in ("sentence", "doc"):
        raise ValueError(f'within must be "sentence" or "doc", got {within!r}')
    _check_mentions(mentions, within, labels)
    doc_key = "row" if "row" in mentions.columns else "doc"
    m = mentions
    if labels is not None:
        m = m[m["label"].isin(list(labels))]
    keys = [doc_key, "sentence"] if within == "sentence" else [doc_key]
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


def _check_mentions(mentions: Any, within: str, labels: Any) -> None:
    """Refuses anything but a mentions frame, naming the fix."""
    if isinstance(mentions, Frames):
        raise InputTypeError("co_mentions expects the mentions frame: pass frames.mentions, not the Frames")
    columns = getattr(mentions, "columns", None)
    if columns is None or type(mentions).__name__ != "DataFrame":
        raise InputTypeError(
            f"co_mentions expects a pandas DataFrame of mentions (Pipeline.to_frames(texts).mentions), "
            f"got {type(mentions).__name__}"
        )
    have = set(columns)
    need = {"id", "sentence"} if within == "sentence" else {"id"}
    if labels is not None:
        need.add("label")
    missing = sorted(need - have) + ([] if have & {"doc", "row"} else ["doc"])
    if not missing:
        return
    if "n_entities" in have:
        hint = "this is frames.documents: pass frames.mentions"
    elif "sentence" in have and "id" not in have:
        hint = "this is frames.sentences: pass frames.mentions"
    elif missing == ["sentence"]:
        hint = (
            'it has no sentence column (EntityMatcher.to_frame gives none): use within="doc", or '
            "Pipeline.to_frames(texts).mentions"
        )
    else:
        hint = "pass Pipeline.to_frames(texts).mentions"
    raise InputTypeError(
        f"co_mentions needs the column(s) {', '.join(missing)}, which this frame lacks "
        f"(it has: {', '.join(map(str, columns))}); {hint}"
    )


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
