"""Batch input and output: lists, iterables, pandas/polars Series and pyarrow arrays in, the same kind out.

Every batch entry point (``*_many``, ``Pipeline.process``/``to_frames``, the accessors) goes through
:func:`check_batch_args`, so the rules hold everywhere: a single str or a whole DataFrame is refused
with a message naming the fix, ``n_threads`` is an int, and a bad item in a pandas Series is named by
its index label.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeGuard

from ._errors import ConfigError, InputTypeError

__all__ = [
    "as_pylist",
    "check_batch_args",
    "check_same_index",
    "is_missing",
    "is_pandas_series",
    "is_polars_series",
    "labelled_errors",
    "progress_bar",
    "run_batch",
    "same_kind",
    "string_dtype",
]

Runner = Callable[[Any, "int | None", "Callable[[int], Any] | None"], Any]


def is_pandas_series(obj: Any) -> TypeGuard[Any]:
    """Whether ``obj`` is a pandas Series (without importing pandas)."""
    t = type(obj)
    return t.__name__ == "Series" and t.__module__.startswith("pandas")


def is_polars_series(obj: Any) -> TypeGuard[Any]:
    """Whether ``obj`` is a polars Series (without importing polars)."""
    t = type(obj)
    return t.__name__ == "Series" and t.__module__.startswith("polars")


def _is_pyarrow_array(obj: Any) -> bool:
    t = type(obj)
    return t.__module__.startswith("pyarrow") and hasattr(obj, "to_pylist") and t.__name__ not in _TABLES


# Tables: a batch is one column of them. Iterating one gives its column names (pandas, polars)
# or its columns (pyarrow), never its rows of text.
_TABLES = {"DataFrame", "LazyFrame", "Table", "RecordBatch", "RecordBatchReader", "Dataset"}


def _table_kind(obj: Any) -> str | None:
    t = type(obj)
    module = t.__module__.split(".")[0]
    if t.__name__ in _TABLES and module in ("pandas", "polars", "pyarrow", "dask", "modin", "cudf"):
        return f"{module} {t.__name__}"
    return None


def refuse_table(obj: Any, what: str = "texts") -> None:
    """Raises :class:`InputTypeError` naming the fix when ``obj`` is a DataFrame or table, not a column,
    or a mapping (whose iteration gives its keys, not its texts)."""
    if isinstance(obj, Mapping):
        raise InputTypeError(
            f"{what} must be a column (a list, a Series ...), got a {type(obj).__name__} (iterating it "
            "gives its keys); pass list(d.values()), or pd.Series(d) to keep the keys as the index"
        )
    kind = _table_kind(obj)
    if kind is None:
        return
    columns: list[str] = []
    try:
        names = getattr(obj, "column_names", None)  # pyarrow: .columns are the arrays
        if names is None and hasattr(obj, "collect_schema"):  # a polars LazyFrame: .columns warns
            names = obj.collect_schema().names()
        columns = [str(c) for c in list(names if names is not None else obj.columns)[:8]]
    except Exception:  # noqa: BLE001 - only for the message
        pass
    # the column named like the argument (df["url"] for urls=), else the first
    named = [c for c in columns if c.lower() in (what.lower(), what.lower().removesuffix("s"))]
    example = named[0] if named else columns[0] if columns else "text"
    shown = f" (its columns: {', '.join(columns)})" if columns else ""
    raise InputTypeError(
        f"{what} must be one column of texts, got a whole {kind}{shown}; pass the column, "
        f'e.g. df["{example}"]'
    )


def _arrow_strings(obj: Any) -> bool:
    """Whether ``obj`` is a string column the core can read through the Arrow C stream interface."""
    if not hasattr(obj, "__arrow_c_stream__"):
        return False
    if _is_pyarrow_array(obj):
        import pyarrow as pa

        t = obj.type
        return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))
    if is_polars_series(obj):
        import polars as pl

        return bool(obj.dtype == pl.String)
    if is_pandas_series(obj):
        return type(obj.array).__name__ in ("ArrowStringArray", "ArrowStringArrayNumpySemantics") or (
            type(obj.array).__name__ == "ArrowExtensionArray" and "string" in str(obj.dtype)
        )
    return False


def as_pylist(values: Any, what: str = "texts") -> list:
    """``values`` as a list: a list as it is, a Series or array converted, any other iterable listed
    (``what`` names the argument when ``values`` is not iterable)."""
    if isinstance(values, list):
        return values
    if _is_pyarrow_array(values):
        out: list = values.to_pylist()
        return out
    for method in ("to_list", "tolist"):  # pandas/polars Series, numpy arrays
        convert = getattr(values, method, None)
        if callable(convert):
            out = convert()
            return out
    return _listed(values, what)


def _listed(values: Any, what: str) -> list:
    """``list(values)``; a value that is not iterable is an InputTypeError naming ``what`` (Python's
    own "'int' object is not iterable" says neither which argument nor what to give)."""
    try:
        items = iter(values)
    except TypeError:
        raise InputTypeError(
            f"{what} expects an iterable (a list, a pandas or polars Series, a pyarrow array ...), "
            f"got {type(values).__name__}"
        ) from None
    return list(items)


def is_missing(value: Any) -> bool:
    """Whether a batch item is missing: None, a float NaN, pandas.NA or NaT (as the core decides)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def check_same_index(texts: Any, column: Any, name: str) -> None:
    """Refuses a per-text pandas Series (``sites=``, ``urls=``, ``language=``) whose index is not ``texts``'.

    The two are paired by position; when both are pandas Series with different indexes (another frame,
    sorted or filtered), pairing by position would give each text another row's value without a word.
    """
    if not (is_pandas_series(texts) and is_pandas_series(column)) or texts.index.equals(column.index):
        return
    raise ConfigError(
        f"{name} is a pandas Series whose index differs from the texts' index, so its rows would be "
        f"paired with the wrong texts; take both from one DataFrame (df[...]), align it first "
        f"({name}.reindex(texts.index)), or pass {name}.to_list() to pair them by position"
    )


def check_batch_args(texts: Any, n_threads: Any, what: str = "texts") -> None:
    """Refuses what cannot be a batch: a single str/bytes, a DataFrame, or a non-int ``n_threads``."""
    if isinstance(texts, (str, bytes)):
        raise InputTypeError(
            f"expected an iterable of str (a list, a pandas Series ...), got a single {type(texts).__name__}"
        )
    refuse_table(texts, what)
    if n_threads is not None and (not isinstance(n_threads, int) or isinstance(n_threads, bool)):
        raise InputTypeError(f"n_threads must be an int or None, got {type(n_threads).__name__}")
    if n_threads is not None and n_threads < 1:
        # As the core says it (every path, even one that would not reach the core: one text)
        raise ConfigError(f"n_threads must be a positive integer or None, got {n_threads!r}")


def string_dtype(series: Any) -> Any:
    """The pandas string dtype of ``series`` (``str``, ``string``, ``string[pyarrow]``), or None."""
    dtype = series.dtype
    if type(dtype).__name__ == "StringDtype":
        return dtype
    if type(dtype).__name__ == "ArrowDtype" and "string" in str(dtype):
        return dtype
    return None


def _all_str(results: list) -> bool:
    return all(r is None or isinstance(r, str) for r in results)


def same_kind(texts: Any, results: list, *, objects: bool = False, text: bool | None = None) -> Any:
    """``results`` (one per item of ``texts``) as the kind ``texts`` was: see :func:`run_batch`.

    With ``objects=True`` the results are kept as Python objects (a polars Object Series, a list for
    pyarrow input) instead of being typed by polars or pyarrow. ``text`` says whether the results are
    text (str or None): True or False fixes the dtype even when there are no results to infer it
    from (an empty batch); None infers it from the results.
    """
    if is_pandas_series(texts):
        import pandas as pd

        # Text out of a string Series keeps its string dtype, as pandas' own .str methods do.
        dtype = string_dtype(texts) if not objects and text is not False else None
        if dtype is not None and (text or _all_str(results)):
            return pd.Series(results, index=texts.index, name=texts.name, dtype=dtype)
        return pd.Series(results, index=texts.index, name=texts.name, dtype=object)
    if is_polars_series(texts):
        import polars as pl

        if text:
            return pl.Series(texts.name, results, dtype=pl.String)
        if not objects:
            try:
                return pl.Series(texts.name, results)
            except Exception:  # noqa: BLE001 - objects polars cannot type (Match lists)
                pass
        return pl.Series(texts.name, results, dtype=pl.Object)
    if _is_pyarrow_array(texts) and not objects:
        import pyarrow as pa

        try:
            out = pa.array(results)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return results
        t = texts.type
        if text and pa.types.is_null(out.type):
            out = out.cast(pa.string())  # an empty or all-missing batch of text is still text
        if pa.types.is_string(out.type) and (pa.types.is_large_string(t) or pa.types.is_string_view(t)):
            out = out.cast(t)  # keep the input's string layout
        if isinstance(texts, pa.ChunkedArray):
            return pa.chunked_array([out], type=out.type)  # a table's column in, a column out
        return out
    if _is_numpy_array(texts):
        import numpy as np

        # A fixed-width str array gives one back (as numpy's own np.char functions do); anything
        # else, lists of sentences or matches included, an object array.
        text_out = text if text is not None else all(isinstance(r, str) for r in results)
        if texts.dtype.kind == "U" and not objects and text_out:
            return np.array(results, dtype=str)
        out = np.empty(len(results), dtype=object)
        for i, r in enumerate(results):  # item by item: a list result must not become a new axis
            out[i] = r
        return out
    return results


def _is_numpy_array(obj: Any) -> bool:
    """Whether ``obj`` is a numpy ndarray (without importing numpy)."""
    t = type(obj)
    return t.__name__ == "ndarray" and t.__module__ == "numpy"


def _in_notebook() -> bool:
    import sys

    ipython = sys.modules.get("IPython")  # a notebook kernel has imported it already
    shell = ipython.get_ipython() if ipython is not None else None
    return shell is not None and type(shell).__name__ == "ZMQInteractiveShell"


def progress_bar(total: int, desc: str, unit: str = "doc") -> Any:
    """A tqdm bar counting ``total`` items, or None with a warning saying what to install.

    In Jupyter the widget bar is used when ipywidgets is installed; without it, tqdm's text bar
    (tqdm.auto would warn "IProgress not found" instead of drawing anything useful).
    """
    try:
        if _in_notebook():
            try:
                import ipywidgets  # noqa: F401
                from tqdm.notebook import tqdm
            except ImportError:
                from tqdm.std import tqdm
        else:
            from tqdm.std import tqdm
    except ImportError:
        import warnings

        warnings.warn(
            "progress=True needs tqdm (pip install tqdm, or pip install 'newsprep[notebook]'); "
            "running without a progress bar",
            stacklevel=4,
        )
        return None
    return tqdm(total=total, desc=desc, unit=unit)


_progress_bar = progress_bar  # kept for modules written before the name was public


def _label(series: Any, i: int) -> str:
    label = series.index[i]
    item = getattr(label, "item", None)  # numpy scalars: 20, not np.int64(20)
    return repr(item() if callable(item) else label)


_POSITION = re.compile(r"^(texts|htmls)\[(\d+)\]: ")


def batch_position(message: str) -> tuple[str, int, str] | None:
    """The item a batch error names at its start ("htmls[3]: the bytes are ..."): the batch's name,
    the position and the rest of the message; None when it names none."""
    at = _POSITION.match(message)
    return None if at is None else (at.group(1), int(at.group(2)), message[at.end() :])


def _label_error(texts: Any, values: list, exc: Exception, bytes_ok: bool = False) -> Exception | None:
    """For a pandas Series: the same error naming the bad item's index label, or None.

    ``bytes_ok``: the batch takes bytes as well (HTML), whatever name the error gives it.
    """
    if not is_pandas_series(texts) or len(texts.index) != len(values):
        return None
    at = batch_position(str(exc))
    name = at[0] if at is not None else "texts"
    html = bytes_ok or name == "htmls"  # HTML batches take bytes as well
    if at is not None and at[1] < len(values) and not isinstance(values[at[1]], str):
        # The core named an item that is no str: the same error (class and message), its label
        # added. (Looking for the first value that is no str blamed a page given as bytes, which
        # HTML batches take.)
        i = at[1]
        try:
            return type(exc)(f"{name}[{i}] (index label {_label(texts, i)}): {at[2]}")
        except TypeError:  # an exception class that takes more than a message
            return None
    for i, v in enumerate(values):
        if isinstance(v, str):
            try:
                v.encode("utf-8")
            except UnicodeEncodeError as e:
                return ValueError(
                    f"{name}[{i}] (index label {_label(texts, i)}): {v[e.start : e.end]!a} at position "
                    f"{e.start} is a lone surrogate, which is not text ({e.reason})"
                )
            continue
        if html and isinstance(v, (bytes, bytearray)):
            continue
        if not is_missing(v):
            # (an item the core named is relabelled above, with its message and fix)
            return InputTypeError(
                f"{name}[{i}] (index label {_label(texts, i)}): expected str or None, got {type(v).__name__}"
            )
    return None


def run_batch(
    runner: Runner,
    texts: Iterable[Any],
    *,
    n_threads: int | None,
    progress: bool | None,
    desc: str,
    keep_kind: bool = True,
    text: bool | None = None,
) -> Any:
    """Runs ``runner(list_of_texts, n_threads, progress_callback)`` and returns results of the input's kind.

    * pandas Series in: a Series with the same index and name out (dtype object, or the input's
      string dtype when the results are text).
    * polars Series in: a polars Series out (its dtype inferred, Object when polars cannot).
    * pyarrow Array or ChunkedArray in: a pyarrow Array or ChunkedArray out (a list when pyarrow cannot
      type it).
    * numpy array in: a numpy array out (a str array for text out of a str array, else objects).
    * anything else iterable: a list out.

    Missing values (None, NaN, pandas.NA) come back as None. With ``keep_kind=False`` the
    runner's result is returned as it is (for columnar results). ``text`` (see :func:`same_kind`)
    keeps the dtype of an empty batch's results that of a full one.
    """
    check_batch_args(texts, n_threads)
    # Arrow string columns are read by the core through __arrow_c_stream__: no Python str per row.
    values: Any = texts if _arrow_strings(texts) else as_pylist(texts)
    bar = progress_bar(len(values), desc) if progress else None
    try:
        with labelled_errors(texts, values):
            results = runner(values, n_threads, bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    return same_kind(texts, results, text=text) if keep_kind else results


@contextmanager
def labelled_errors(texts: Any, values: Any, *, bytes_ok: bool = False) -> Iterator[None]:
    """Re-raises a batch error about one item (``texts[3]: ...``, a lone surrogate, a non-str) naming
    the item's index label too when ``texts`` is a pandas Series (``values``: its items as a list).

    For the entry points that do not go through :func:`run_batch` (``Pipeline.process``/``to_frames``,
    ``EntityMatcher.to_frame``, ``Cleaner.fit``), so that every batch error names the label.
    """
    try:
        yield
    except (InputTypeError, ValueError) as exc:
        better = _label_error(texts, values, exc, bytes_ok) if isinstance(values, list) else None
        if better is not None:
            raise better from exc
        raise


def as_list(values: Any, what: str) -> list:
    """``values`` (an iterable, a pandas or polars Series) as a list; a str or a table is an error."""
    if isinstance(values, (str, bytes)):
        raise InputTypeError(f"{what} expects an iterable, not a single {type(values).__name__}")
    refuse_table(values, what)
    if is_pandas_series(values) or hasattr(values, "to_list"):
        return values.to_list()
    if _is_pyarrow_array(values):  # its items are pyarrow scalars, not str
        out: list = values.to_pylist()
        return out
    return values if isinstance(values, list) else _listed(values, what)
