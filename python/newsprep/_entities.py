"""Entity matching: the Python face of ``newsprep._core.EntityMatcher``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from . import _core
from ._batch import as_pylist, check_batch_args, is_pandas_series, labelled_errors, run_batch
from ._calls import options_error
from ._errors import GazetteerError, InputTypeError

__all__ = ["EntityMatcher", "Match"]

Match = _core.Match

Overlaps = Literal["leftmost-longest", "all"]

_OPTIONS = frozenset(
    {
        "case_sensitive",
        "fold_accents",
        "whole_words",
        "overlaps",
        "min_length",
        "stop_names",
        "exact_case_names",
        "exact_case_acronyms",
    }
)


def _records_from(records: Any) -> Any:
    """Records as an iterable of mappings: a pandas DataFrame becomes its rows."""
    if type(records).__name__ == "DataFrame" and type(records).__module__.startswith("pandas"):
        missing = {"id", "names"} - set(records.columns)
        if missing:
            import difflib  # only here: importing newsprep does not import it

            lower = {str(c).lower(): c for c in records.columns}
            renames = {}
            for want in sorted(missing):
                close = difflib.get_close_matches(want, list(lower), n=1, cutoff=0.6)
                if close:
                    renames[lower[close[0]]] = want
            fix = f" (rename: df.rename(columns={renames!r}))" if renames else ""
            raise GazetteerError(
                f"the DataFrame has no column(s) {sorted(missing)}; it needs id, label, names "
                f"(names: a name or a list of them){fix}"
            )
        return records.to_dict("records")
    if type(records).__name__ == "DataFrame" and type(records).__module__.startswith("polars"):
        return records.to_dicts()
    if isinstance(records, (str, bytes, Mapping)):
        raise InputTypeError(
            f"records must be an iterable of dicts {{'id', 'label', 'names'}}, got {type(records).__name__}"
        )
    return records


def _str_list(values: Iterable[str], what: str) -> list[str]:
    if isinstance(values, (str, bytes)):
        raise InputTypeError(f"{what} expects an iterable of str, not a single {type(values).__name__}")
    return list(values)


def _jsonl_records(path: str | os.PathLike[str], lines: list[int]) -> Iterator[dict]:
    """The records of a JSON-lines file; ``lines`` receives the line number of each record."""
    with open(path, "rb") as f:
        for no, raw in enumerate(f, 1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise GazetteerError(
                    f"{path}, line {no}: not valid UTF-8 (byte {raw[exc.start]:#04x} at column "
                    f"{exc.start + 1}); save the file as UTF-8"
                ) from None
            if no == 1:
                line = line.removeprefix("\ufeff")
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GazetteerError(f"{path}, line {no}: not valid JSON: {exc.msg}") from None
            if not isinstance(rec, dict):
                raise GazetteerError(f"{path}, line {no}: not a JSON object")
            lines.append(no)
            yield rec


class EntityMatcher(_core.EntityMatcher):
    """Finds the names of a gazetteer in text, many at once.

    Names match as whole words (Unicode word characters on both sides; "Jean-Luc",
    "O’Brien" and "Netanyahu’s" work; no boundary inside a letter with its accents),
    case-insensitively by Unicode case folding unless ``case_sensitive=True``, and with
    ``fold_accents=True`` also "Sao Paulo" for "São Paulo" and any apostrophe or dash
    variant. Names written in capitals (acronyms: "WHO", "EU", "U.S.") match only as
    written, so "WHO" does not find the word "who" (``exact_case_acronyms=False`` turns
    that off). Offsets are code points into the str you passed, which is never modified:
    ``text[m.start:m.end] == m.text``.

    Build it from ``{name: label}`` for quick use, or from records with
    :meth:`from_records` / :meth:`from_jsonl`. A matcher with no names warns
    (:class:`NewsprepWarning`): it would never find anything.

    Args:
        mapping: ``{name: label}``; each name becomes an entity whose id is the name.
        case_sensitive: match names only with their case as written.
        fold_accents: also ignore accents, strokes and apostrophe/dash variants ("İzmir" finds
            "Izmir", "Łódź" "Lodz", "Ørsted" "Orsted"; not ß, æ, œ, þ, which stand for two letters).
        whole_words: require word boundaries on both sides (default True).
        overlaps: ``"leftmost-longest"`` ("New York City" wins over "York") or
            ``"all"`` (every valid match, overlapping ones included).
        min_length: drop names shorter than this many characters.
        stop_names: names to drop (compared after folding), e.g. ``["Of", "May"]``.
        exact_case_names: names that match only as written (the company "Next", not "next").
        exact_case_acronyms: names written in capitals match only as written (default True).

    Example:
        >>> m = EntityMatcher({"Zelensky": "PER", "Zelenskyy": "PER", "Kyiv": "LOC"})
        >>> [(x.text, x.label) for x in m.find("ZELENSKYY said in Kyiv’s centre")]
        [('ZELENSKYY', 'PER'), ('Kyiv', 'LOC')]
    """

    __slots__ = ()

    @classmethod
    def from_records(
        cls,
        records: Any,
        *,
        case_sensitive: bool = False,
        fold_accents: bool = False,
        whole_words: bool = True,
        overlaps: Overlaps = "leftmost-longest",
        min_length: int = 1,
        stop_names: Iterable[str] = (),
        exact_case_names: Iterable[str] = (),
        exact_case_acronyms: bool = True,
    ) -> EntityMatcher:
        """Builds a matcher from records ``{"id", "label", "names": [...]}`` or a DataFrame of them.

        Record keys:

        * ``id`` (str or int, required): the entity's identifier.
        * ``names`` (list of str, or one str; required): every name of the entity.
        * ``label`` (str): its label or type; a record without one (or with ``None``/NaN)
          has the label ``""``.
        * ``case_sensitive`` (bool or None): ``True``: the record's names match only as
          written; ``False``: they fold even when written in capitals or listed in
          ``exact_case_names``; missing or None: the matcher's rules decide.

        Any other key is the record's own data ("type", "population", "wikidata") and is
        ignored, unless it could be meant as one of these or as an option: another spelling
        ("Names", "lable", "case-sensitive"), another word for names ("aliases",
        "synonyms", "name"), an option ("whole_words", "exact_case"), which raise
        :class:`GazetteerError` naming the record and the key.

        Records sharing a name merge: the match reports the first record's id and
        ``Match.ids`` lists all. Empty names, names that fold to nothing or a missing id
        raise :class:`GazetteerError` naming the record.

        Args:
            records: an iterable of dicts (the keys above), or a pandas/polars DataFrame with
                those columns.
            case_sensitive, fold_accents, whole_words, overlaps, min_length, stop_names,
                exact_case_names, exact_case_acronyms: the matcher's options (see
                :class:`EntityMatcher`).

        Returns:
            The :class:`EntityMatcher`; it warns (:class:`NewsprepWarning`) when it has no names.

        Example:
            >>> m = EntityMatcher.from_records([
            ...     {"id": "Q7817", "label": "ORG", "names": ["WHO", "World Health Organization"]},
            ...     {"id": "Q1", "label": "ORG", "names": ["Acme"], "case_sensitive": True},
            ... ])
            >>> [(x.text, x.id) for x in m.find("The WHO, who met ACME and Acme.")]
            [('WHO', 'Q7817'), ('Acme', 'Q1')]
        """
        return cls._from_records(
            _records_from(records),
            case_sensitive=case_sensitive,
            fold_accents=fold_accents,
            whole_words=whole_words,
            overlaps=overlaps,
            min_length=min_length,
            stop_names=_str_list(stop_names, "stop_names"),
            exact_case_names=_str_list(exact_case_names, "exact_case_names"),
            exact_case_acronyms=exact_case_acronyms,
        )

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str], **options: Any) -> EntityMatcher:
        """Builds a matcher from a JSON-lines file of records (one ``{"id", "label", "names"}`` per line).

        The file must be UTF-8. Blank lines are skipped; a malformed line or record raises
        :class:`GazetteerError` (or :class:`InputTypeError`) naming the file and the line.

        Args:
            path: the file (one JSON object per line).
            options: those of :meth:`from_records` (``fold_accents=True``, ``stop_names=[...]``
                ...); record keys are described there.

        Returns:
            The :class:`EntityMatcher`.

        Example:
            >>> import json, os, tempfile
            >>> path = os.path.join(tempfile.mkdtemp(), "leaders.jsonl")
            >>> with open(path, "w", encoding="utf-8") as f:
            ...     _ = f.write(json.dumps({"id": "Q1", "label": "ORG", "names": ["WHO"]}) + "\\n")
            >>> [x.text for x in EntityMatcher.from_jsonl(path).find("The WHO, who met.")]
            ['WHO']
        """
        unknown = set(options) - _OPTIONS
        if unknown:
            problem = f"got unexpected option(s) {sorted(unknown)}"
            raise options_error("from_jsonl", problem, sorted(unknown), sorted(_OPTIONS))
        lines: list[int] = []
        for key in ("stop_names", "exact_case_names"):
            if key in options:
                options[key] = _str_list(options[key], key)
        return cls._from_records(_jsonl_records(path, lines), source=str(path), lines=lines, **options)

    def find_many(
        self, texts: Iterable[Any], *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """``find`` for many texts, in parallel with the GIL released.

        Args:
            texts: a list, any iterable of str, or a pandas/polars Series; None, NaN and
                pandas.NA are missing and come back as None.
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            One list of :class:`Match` per text: a pandas Series (index kept), a polars Object
            Series, or a list (for a list, an iterable or a pyarrow array, which cannot hold
            Match objects).

        Example:
            >>> m = EntityMatcher({"Faro": "LOC"})
            >>> [[x.text for x in ms] for ms in m.find_many(["Rain in Faro.", "Faro and Faro."])]
            [['Faro'], ['Faro', 'Faro']]
        """
        from ._batch import same_kind

        results = run_batch(
            self._find_many, texts, n_threads=n_threads, progress=progress, desc="entities", keep_kind=False
        )
        # Lists of Match objects: never typed by pyarrow or polars (a list for pyarrow input, an Object
        # Series for polars), also when no text has a match.
        return same_kind(texts, results, objects=True)

    def find_columns(
        self, texts: Iterable[Any], *, n_threads: int | None = None, progress: bool | None = None
    ) -> dict[str, Any]:
        """All matches of many texts as columns, without one Python object per match.

        Args:
            texts, n_threads, progress: as in :meth:`find_many`.

        Returns:
            ``{"doc", "start", "end", "entity", "name"}``: int64 numpy arrays (``array.array``
            when numpy is absent), one entry per match; ``doc`` is the position of the text
            in ``texts``, ``entity`` and ``name`` index :meth:`entity_ids` /
            :meth:`entity_labels` and :meth:`name_at`.

        Example:
            >>> cols = EntityMatcher({"Faro": "LOC"}).find_columns(["Rain in Faro.", "Faro and Faro."])
            >>> cols["doc"].tolist(), cols["start"].tolist()
            ([0, 1, 1], [8, 0, 9])
        """
        return run_batch(
            self._find_columns_list,
            texts,
            n_threads=n_threads,
            progress=progress,
            desc="entities",
            keep_kind=False,
        )

    def _find_columns_list(self, values: list, n_threads: int | None, progress: Any) -> dict[str, Any]:
        raw = self._find_columns(values, n_threads, progress)
        try:
            import numpy as np
        except ImportError:  # pragma: no cover - numpy comes with pandas
            import array
            import sys

            out = {}
            for k, v in raw.items():
                a = array.array("q", v)
                if sys.byteorder != "little":
                    a.byteswap()
                out[k] = a
            return out
        return {k: np.frombuffer(v, dtype="<i8") for k, v in raw.items()}

    def to_frame(
        self, texts: Iterable[Any], *, n_threads: int | None = None, progress: bool | None = None
    ) -> Any:
        """A long pandas DataFrame of every match: ``doc, row, start, end, text, id, label``.

        Args:
            texts: a list, any iterable of str, or a pandas/polars Series; None, NaN and
                pandas.NA are missing (they have no matches).
            n_threads: worker threads (default: all cores, or ``RAYON_NUM_THREADS``).
            progress: show a tqdm progress bar.

        Returns:
            One row per match. ``doc`` is the input's index label when ``texts`` is a pandas
            Series, else its position; ``row`` is always its position, so texts stay apart even
            when the index repeats a label (after ``pd.concat``), and :func:`newsprep.co_mentions`
            (``within="doc"``) keys by it.

        Example:
            >>> import pandas as pd
            >>> m = EntityMatcher({"Faro": "LOC", "Silva": "PER"})
            >>> s = pd.concat([pd.Series(["Silva in Faro."]), pd.Series(["Faro again."])])
            >>> m.to_frame(s)[["doc", "row", "text"]].values.tolist()
            [[0, 0, 'Silva'], [0, 0, 'Faro'], [0, 1, 'Faro']]
        """
        import numpy as np
        import pandas as pd

        check_batch_args(texts, n_threads)
        if is_pandas_series(texts):
            values, index = texts.to_list(), texts.index
        else:
            values = as_pylist(texts)
            index = None
        with labelled_errors(texts, values):
            cols = self._find_columns_list(values, n_threads, None)
        doc = cols["doc"]
        ids = np.asarray(self.entity_ids(), dtype=object)
        labels = np.asarray(self.entity_labels(), dtype=object)
        starts, ends = cols["start"], cols["end"]
        matched = [
            values[d][s:e] for d, s, e in zip(doc.tolist(), starts.tolist(), ends.tolist(), strict=True)
        ]
        # Text columns in the dtype this pandas gives str (its `str` dtype, or object before pandas 3),
        # also when there is no match: inferred from no rows they were float64 and object.
        text = pd.Series(["a"]).dtype
        entity = cols["entity"]
        return pd.DataFrame(
            {
                "doc": index[doc] if index is not None else doc,
                "row": doc,
                "start": starts,
                "end": ends,
                "text": pd.Series(matched, dtype=text),
                "id": pd.Series(ids[entity] if len(ids) else [], dtype=text),
                "label": pd.Series(labels[entity] if len(labels) else [], dtype=text),
            }
        )

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the matcher to ``path`` (compact binary; read it back with :meth:`load`).

        The file holds the gazetteer and every option, in the core's format: Rust's
        ``EntityMatcher::from_bytes`` reads it too.

        Args:
            path: the file to write (replaced if it exists).

        Returns:
            None.

        Example:
            >>> import os, tempfile
            >>> path = os.path.join(tempfile.mkdtemp(), "m.bin")
            >>> EntityMatcher({"Faro": "LOC"}, fold_accents=True).save(path)
            >>> EntityMatcher.load(path).options["fold_accents"]
            True
        """
        with open(path, "wb") as f:
            f.write(self._to_bytes())

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> EntityMatcher:
        """Reads a matcher written by :meth:`save` (or by Rust's ``EntityMatcher::to_bytes``).

        Raises :class:`SerializationError` on anything else.

        Args:
            path: the file.

        Returns:
            The :class:`EntityMatcher`, with the gazetteer and every option it was saved with.

        Example:
            >>> import os, tempfile
            >>> path = os.path.join(tempfile.mkdtemp(), "m.bin")
            >>> EntityMatcher({"Faro": "LOC"}).save(path)
            >>> [x.text for x in EntityMatcher.load(path).find("Rain in Faro.")]
            ['Faro']
        """
        with open(path, "rb") as f:
            return cls._from_bytes(f.read())
