"""Exception classes raised by newsprep.

Every exception derives from :class:`NewsprepError` and from the builtin that fits, so
``except ValueError`` and ``except newsprep.NewsprepError`` both work.
"""

from __future__ import annotations

__all__ = [
    "ConfigError",
    "FormatError",
    "GazetteerError",
    "InputTypeError",
    "NewsprepError",
    "NewsprepWarning",
    "RuleError",
    "SerializationError",
]


class NewsprepError(Exception):
    """Base class of every error newsprep raises on purpose."""


class ConfigError(NewsprepError, ValueError):
    """An option had an invalid value (unknown mode, zero threads, a malformed abbreviation ...)."""


class GazetteerError(NewsprepError, ValueError):
    """A gazetteer record could not be used (empty name, missing id ...); the message names the record."""


class RuleError(NewsprepError, ValueError):
    """An unknown or malformed boilerplate rule or phrase."""


class SerializationError(NewsprepError, ValueError):
    """Saved or pickled state could not be read."""


class InputTypeError(NewsprepError, TypeError):
    """An argument had the wrong type (for example ``None`` where a str is required)."""


class FormatError(NewsprepError, ValueError):
    """An input is not in the format expected (for example a file given as a WARC archive that is not one)."""


class NewsprepWarning(UserWarning):
    """Something will probably not do what you meant (for example a gazetteer with no names)."""
