"""Batch input and output: lists, iterables, pandas/polars Series and pyarrow arrays in, the same kind out."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any

from ._errors import InputTypeError

Runner = Callable[[list, "int | None", "Callable[[int], Any] | None"], list]


def _is_pandas_series(obj: Any) -> bool:
    t = type(obj)
    return t.__name__ == "Series" and t.__module__.startswith("pandas")


def _is_polars_series(obj: Any) -> bool:
    t = type(obj)
    return t.__name__ == "Series" and t.__module__.startswith("polars")


def _is_pyarrow_array(obj: Any) -> bool:
    t = type(obj)
    return t.__module__.startswith("pyarrow") and hasattr(obj, "to_pylist")


def _arrow_strings(obj: Any) -> bool:
    """Whether ``obj`` is a string column the core can read through the Arrow C stream interface."""
    if not hasattr(obj, "__arrow_c_stream__"):
        return False
    if _is_pyarrow_array(obj):
        import pyarrow as pa

        t = obj.type
        return pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t)
    if _is_polars_series(obj):
        import polars as pl

        return obj.dtype == pl.String
    if _is_pandas_series(obj):
        return type(obj.array).__name__ in ("ArrowStringArray", "ArrowStringArrayNumpySemantics") or (
            type(obj.array).__name__ == "ArrowExtensionArray" and "string" in str(obj.dtype)
        )
    return False


def as_pylist(values: Any) -> list:
    """``values`` as a list: a list as it is, a Series or array converted, any other iterable listed."""
    if isinstance(values, list):
        return values
    if _is_pyarrow_array(values):
        return values.to_pylist()
    for method in ("to_list", "tolist"):  # pandas/polars Series, numpy arrays
        convert = getattr(values, method, None)
        if callable(convert):
            return convert()
    return list(values)


def is_missing(value: Any) -> bool:
    """Whether a batch item is missing: None, a float NaN, pandas.NA or NaT (as the core decides)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in ("NAType", "NaTType")


def check_batch_args(texts: Any, n_threads: Any) -> None:
    """Raises InputTypeError for a single str/bytes where a batch is expected, or a non-int ``n_threads``."""
    if isinstance(texts, (str, bytes)):
        raise InputTypeError(
            f"expected an iterable of str (a list, a pandas Series ...), got a single {type(texts).__name__}"
        )
    if n_threads is not None and (not isinstance(n_threads, int) or isinstance(n_threads, bool)):
        raise InputTypeError(f"n_threads must be an int or None, got {type(n_threads).__name__}")


def same_kind(texts: Any, results: list, *, objects: bool = False) -> Any:
    """``results`` (one per item of ``texts``) as the kind ``texts`` was: see :func:`run_batch`.

    With ``objects=True`` the results are kept as Python objects (a polars Object Series, a list for
    pyarrow input) instead of being typed by polars or pyarrow.
    """
    if _is_pandas_series(texts):
        import pandas as pd

        return pd.Series(results, index=texts.index, name=texts.name, dtype=object)
    if _is_polars_series(texts):
        import polars as pl

        if not objects:
            try:
                return pl.Series(texts.name, results)
            except Exception:  # noqa: BLE001 - objects polars cannot type (Match lists)
                pass
        return pl.Series(texts.name, results, dtype=pl.Object)
    if _is_pyarrow_array(texts) and not objects:
        import pyarrow as pa

        try:
            return pa.array(results)
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return results
    return results


def _progress_bar(total: int, desc: str) -> Any:
    try:
        from tqdm.auto import tqdm
    except ImportError:  # pragma: no cover - depends on the environment
        import warnings

        warnings.warn("progress=True needs tqdm (pip install tqdm); running without a bar", stacklevel=4)
        return None
    return tqdm(total=total, desc=desc, unit="doc")


def run_batch(
    runner: Runner,
    texts: Iterable[Any],
    *,
    n_threads: int | None,
    progress: bool | None,
    desc: str,
    keep_kind: bool = True,
) -> Any:
    """Runs ``runner(list_of_texts, n_threads, progress_callback)`` and returns results of the input's kind.

    * pandas Series in: a Series with the same index and name out (dtype object).
    * polars Series in: a polars Series out (its dtype inferred, Object when polars cannot).
    * pyarrow Array or ChunkedArray in: a pyarrow array out (a list when pyarrow cannot type it).
    * anything else iterable: a list out.

    Missing values (None, NaN, pandas.NA) come back as None. With ``keep_kind=False`` the
    runner's result is returned as it is (for columnar results).
    """
    check_batch_args(texts, n_threads)
    # Arrow string columns are read by the core through __arrow_c_stream__: no Python str per row.
    values = texts if _arrow_strings(texts) else as_pylist(texts)
    bar = _progress_bar(len(values), desc) if progress else None
    try:
        results = runner(values, n_threads, bar.update if bar is not None else None)
    finally:
        if bar is not None:
            bar.close()
    return same_kind(texts, results) if keep_kind else results
