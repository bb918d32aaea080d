"""Running code when a module is first imported, without importing it: how the pandas and polars
accessors are registered on ``import newsprep`` (a leaf module: it imports nothing from newsprep)."""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys
import threading
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["when_imported"]

_lock = threading.Lock()


class _PostImportFinder(importlib.abc.MetaPathFinder):
    """A one-shot meta path finder that runs callbacks right after a top-level module is executed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.callbacks: list[Callable[[], None]] = []
        self._busy = False

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name or self._busy:
            return None
        self._busy = True
        try:
            spec = importlib.util.find_spec(fullname)
        finally:
            self._busy = False
        loader = getattr(spec, "loader", None)
        exec_module = getattr(loader, "exec_module", None)
        if spec is None or exec_module is None:
            return spec
        finder = self

        def exec_and_notify(module: Any) -> None:
            exec_module(module)
            finder._fire()

        try:
            loader.exec_module = exec_and_notify  # type: ignore[union-attr]
        except (AttributeError, TypeError):  # pragma: no cover - a loader that refuses attributes
            return None
        return spec

    def _fire(self) -> None:
        with _lock:
            if self in sys.meta_path:
                sys.meta_path.remove(self)
            callbacks, self.callbacks = self.callbacks, []
        for cb in callbacks:
            _safely(cb)


def _safely(cb: Callable[[], None]) -> None:
    try:
        cb()
    except Exception as exc:  # never break the user's import of pandas/polars
        warnings.warn(f"newsprep could not register its accessor: {exc!r}", RuntimeWarning, stacklevel=2)


def when_imported(name: str, callback: Callable[[], None]) -> None:
    """Runs ``callback()`` once the top-level module ``name`` is imported: now if it already is.

    Does nothing when ``name`` is not installed. The module itself is never imported here.
    """
    if name in sys.modules:
        _safely(callback)
        return
    if importlib.util.find_spec(name) is None:
        return
    with _lock:
        for f in sys.meta_path:
            if isinstance(f, _PostImportFinder) and f.name == name:
                f.callbacks.append(callback)
                return
        finder = _PostImportFinder(name)
        finder.callbacks.append(callback)
        sys.meta_path.insert(0, finder)
