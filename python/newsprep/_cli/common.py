"""What the readers, writers and commands of the CLI share: the usage error, one input item, the counts.

A leaf of the ``newsprep._cli`` package: it imports nothing from the rest of newsprep.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from typing import Any

__all__ = ["CliError", "Item", "Stats", "at_least", "err", "kept_name", "lone_surrogate"]


class CliError(Exception):
    """A usage error (bad option, missing column, unreadable input): the command exits with ``code``.

    Usage errors stop the run before any record is processed and leave no output file behind;
    a record that cannot be used is not a usage error (it is counted as failed, see :class:`Stats`).
    """

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class Item:
    """One input row: a record, an unusable row (``error``) or a row to skip (``skipped``, e.g. blank).

    ``where`` says where it came from, as ``file:line`` (``file:row N`` for Parquet, the path for a
    text file).
    """

    where: str
    record: dict[str, Any] | None = None
    error: str | None = None
    skipped: bool = False


@dataclass
class Stats:
    """Counts for the closing summary: every input row is processed, failed or skipped."""

    processed: int = 0
    failed: int = 0
    skipped: int = 0
    warned: set[str] = field(default_factory=set)

    @property
    def total(self) -> int:
        """Every input row counted so far."""
        return self.processed + self.failed + self.skipped

    def summary(self, unit: str) -> str:
        """``processed N, failed M[, skipped K] (T rows read)``: the three counts add up to T."""
        parts = [f"processed {self.processed}", f"failed {self.failed}"]
        if self.skipped:
            parts.append(f"skipped {self.skipped}")
        if self.total == 1 and unit.endswith("s"):
            unit = unit[:-1]
        return f"{', '.join(parts)} ({self.total} {unit} read)"


def at_least(minimum: int) -> Any:
    """An argparse ``type=`` for whole numbers >= ``minimum`` (anything else is a usage error, exit 2)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    parse.__name__ = f"whole number >= {minimum}"
    return parse


def err(message: str) -> None:
    """Writes one line to standard error (reports, warnings and the summary go there)."""
    print(message, file=sys.stderr, flush=True)


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(value: Any, path: str = "") -> str | None:
    """Where a lone surrogate hides in ``value`` (a str, or dicts and lists of them), or None.

    JSON can spell one (``"\\ud800"``) but no text encoding can store it, so the core cannot read
    it and no output format can write it. Returns a description such as ``field 'title' holds
    \\ud800 at position 5``.
    """
    if isinstance(value, str):
        if value.isascii():
            return None
        m = _SURROGATE.search(value)
        if m is None:
            return None
        return f"field {path!r} holds a lone surrogate {m.group()!a} at position {m.start()}"
    if isinstance(value, dict):
        for k, v in value.items():
            found = lone_surrogate(v, f"{path}.{k}" if path else str(k))
            if found is None and isinstance(k, str):
                found = lone_surrogate(k, path or "(key)")
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = lone_surrogate(v, f"{path}[{i}]")
            if found:
                return found
    return None


def kept_name(name: str, added: Any) -> str:
    """The name an input field keeps when the command adds a field of its name: ``input_url``.

    A scraper's ``url``, ``title`` or ``text`` is the input's own data; the command's value (the
    canonical URL, the extracted headline) must not replace it without a word.
    """
    out = f"input_{name}"
    while out in added:
        out = f"input_{out}"
    return out
