"""Argument errors that name the fix.

Python's own message for a mistyped option (``Cleaner(keep_titles=False)``: "Cleaner.__new__() got
an unexpected keyword argument 'keep_titles'") names neither the right spelling nor the options there
are, and is a bare ``TypeError``. :func:`guard_api` wraps the public callables so that a call whose
arguments do not fit the signature raises :class:`~newsprep.InputTypeError` (still a ``TypeError``)
with the closest option name and the full list::

    InputTypeError: Cleaner() got an unexpected keyword argument 'keep_titles'. Did you mean
    keep_title? Its arguments: keep_title, extra_phrases, ...

Only a failed call pays for the check: the signature is read and the arguments compared with it after
the call raised a ``TypeError`` (any other ``TypeError`` is re-raised unchanged); at import only the
compiled constructors' signatures are read (so that ``help()`` still shows them). A successful call costs one
Python-level call more (~0.1 us), which is 2% of ``find`` on an 860-character article: the calls made
once per sentence-sized text (:data:`HOT`) keep Python's own message.
"""

from __future__ import annotations

import functools
import inspect
import types
from collections.abc import Callable, Iterable
from typing import Any

from ._errors import InputTypeError

__all__ = ["HOT", "guard_api", "guard_class", "options_error"]

# Compiled calls made once per short text, whose time a wrapper would measurably add to.
HOT = frozenset(
    {
        "EntityMatcher.find",
        "EntityMatcher.name_at",
        "SentenceSplitter.spans",
        "SentenceSplitter.split",
        "sentence_spans",
        "sentences",
    }
)

_NAMED = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)


def options_error(
    label: str, problem: str, unknown: Iterable[str], names: list[str], note: str = ""
) -> InputTypeError:
    """``{label}() {problem}.``, the closest of `names` to each of `unknown`, `names`, and `note`."""
    import difflib  # only when a call failed: not at import

    msg = f"{label}() {problem}."
    hints = [h for k in unknown for h in difflib.get_close_matches(k, names, n=1, cutoff=0.6)]
    if hints:
        msg += " Did you mean " + " or ".join(hints) + "?"
    return InputTypeError(msg + f" Its arguments: {', '.join(names) if names else 'none'}{note}.")


def _argument_error(
    label: str, sig: inspect.Signature, args: tuple, kwargs: dict, exc: TypeError
) -> InputTypeError | None:
    """The error for arguments that do not fit `sig`, or None when they fit (`exc`, the ``TypeError``
    the call raised, came from inside it)."""
    names = [
        p.name
        for p in sig.parameters.values()
        if p.kind in _NAMED and p.name not in ("self", "cls") and not p.name.startswith("_")
    ]
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in sig.parameters.values())
    try:
        sig.bind(*args, **kwargs)
    except TypeError as e:
        problem = str(e)
        unknown = [k for k in kwargs if k not in sig.parameters and not takes_any]
    else:
        # The arguments fit, but a name that went into **options was refused by what they were
        # passed on to (a constructor): it may be a misspelt argument of this call itself,
        # `s.newsprep.clean(n_thread=2)`, so it is reported here when it is close to one.
        import difflib

        unknown = [
            k
            for k in kwargs
            if k not in sig.parameters and repr(k) in str(exc) and difflib.get_close_matches(k, names, n=1)
        ]
        if not unknown:
            return None
        problem = f"got an unexpected keyword argument {unknown[0]!r}"
    keyword_only = [p.name for p in sig.parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY]
    note = ""
    if "positional" in problem and keyword_only:
        note = f" ({', '.join(keyword_only)} by name only, e.g. {keyword_only[0]}=...)"
    return options_error(label, problem, unknown, names, note)


def _guarded(
    fn: Callable[..., Any], label: str, signature: Callable[[], inspect.Signature | None] | None = None
) -> Callable[..., Any]:
    """`fn`, raising :func:`_argument_error` for arguments that do not fit its signature (read on a
    failed call: `signature()`, or `fn`'s own)."""

    @functools.wraps(fn)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except TypeError as exc:
            fsig = signature() if signature else _signature(fn)
            err = None if fsig is None else _argument_error(label, fsig, args, kwargs, exc)
            if err is None:
                raise
            raise err from None

    return call


def _signature(fn: Any) -> inspect.Signature | None:
    try:
        return inspect.signature(fn)
    except (TypeError, ValueError):  # no signature to check against: leave the callable alone
        return None


class _LazySignature:
    """A class's ``__signature__``, computed on first use by `compute` (for ``help()``, ``inspect``
    and the message of a failed call), not at import."""

    def __init__(self, compute: Callable[[], inspect.Signature]) -> None:
        self.compute = compute
        self.sig: inspect.Signature | None = None

    def __get__(self, obj: object, owner: type | None = None) -> inspect.Signature:
        if obj is not None:  # instances have no signature of their own
            raise AttributeError("__signature__")
        if self.sig is None:
            self.sig = self.compute()
        return self.sig

    def bound_to(self, first: str) -> inspect.Signature:
        """The signature of ``__new__`` (`first` = "cls") or ``__init__`` ("self"): that
        parameter, then the options."""
        sig = self.__get__(None)
        param = inspect.Parameter(first, inspect.Parameter.POSITIONAL_ONLY)
        return sig.replace(parameters=[param, *sig.parameters.values()])


def _passed_on(init: Callable[..., Any], target: Callable[..., Any]) -> inspect.Signature:
    """The signature of a Python constructor or function `init` whose ``**options`` all go to
    `target` (its ``_options_of``): its own parameters, then the keyword-only options of `target`."""
    own = [p for p in inspect.signature(init).parameters.values() if p.kind is not p.VAR_KEYWORD]
    names = {p.name for p in own}
    more = [
        p
        for p in inspect.signature(target).parameters.values()
        if p.kind is p.KEYWORD_ONLY and p.name not in names
    ]
    return inspect.Signature([p for p in own if p.name != "self"] + more)


def guard_class(cls: type, label: str | None = None) -> None:
    """Wraps the constructor and every public method defined on `cls` or its compiled base; messages
    name the methods `{label}.{method}()` (`label`: the class's name unless given, such as
    ``Series.newsprep`` for an accessor)."""
    label = label or cls.__name__
    init = next(vars(c)["__init__"] for c in cls.__mro__ if "__init__" in vars(c))
    if init is not object.__init__:  # a Python __init__ (its own or inherited) reads the options
        target = getattr(cls, "_options_of", None)
        signature = None
        if target is not None:  # its **options go to a compiled class: checked against both
            options = _LazySignature(functools.partial(_passed_on, init, target))
            cls.__signature__ = options  # type: ignore[attr-defined]
            signature = functools.partial(options.bound_to, "self")
        cls.__init__ = _guarded(init, cls.__name__, signature)  # type: ignore[misc]
    else:
        # a compiled class: its options are read by __new__ (a static method taking the class).
        # Its signature is the compiled base's, read only when asked for (help(), inspect) or
        # when a call failed: parsing it at import cost more than the rest of the guard.
        base = next(c for c in cls.__mro__ if c.__module__ == "newsprep._core")
        lazy = _LazySignature(functools.partial(inspect.signature, base))
        cls.__signature__ = lazy  # type: ignore[attr-defined]
        wrapper = _guarded(cls.__new__, cls.__name__, functools.partial(lazy.bound_to, "cls"))
        cls.__new__ = staticmethod(wrapper)  # type: ignore[method-assign]
    # methods of newsprep's own classes (the compiled base included), not of builtins such as list
    own = {n for c in cls.__mro__ if c.__module__.startswith("newsprep") for n in vars(c)}
    for name in sorted(own):
        if name.startswith("_") or f"{cls.__name__}.{name}" in HOT:
            continue
        raw = inspect.getattr_static(cls, name)
        if isinstance(raw, (staticmethod, classmethod)):
            fn = raw.__func__
        elif type(raw).__name__ in ("function", "method_descriptor"):  # instance methods
            fn = raw
        else:
            continue
        wrapper = _guarded(fn, f"{label}.{name}")
        wrapper.__qualname__ = f"{cls.__qualname__}.{name}"
        if isinstance(raw, staticmethod):
            setattr(cls, name, staticmethod(wrapper))
        elif isinstance(raw, classmethod):
            setattr(cls, name, classmethod(wrapper))
        else:
            setattr(cls, name, wrapper)


def guard_api(namespace: dict[str, Any], names: Iterable[str]) -> None:
    """Wraps the public classes and functions `names` of `namespace` (a module's globals) in place."""
    for name in names:
        obj = namespace[name]
        if isinstance(obj, type):
            if issubclass(obj, BaseException) or not obj.__module__.startswith("newsprep"):
                continue
            if issubclass(obj, tuple):  # records (NamedTuples): built by newsprep, not by users
                continue
            if obj.__module__ == "newsprep._core":
                # a compiled class exposed as is (Match, WarcRecord: made by newsprep, not by
                # users): replacing its __new__ would break its own pickling
                continue
            guard_class(obj)
        elif callable(obj) and name not in HOT:
            target = getattr(obj, "_options_of", None)  # where its **options go, if anywhere
            options = None if target is None else functools.partial(_passed_on, obj, target)
            wrapper = _guarded(obj, name, options)
            wrapper.__module__ = namespace["__name__"]
            wrapper.__qualname__ = name
            namespace[name] = wrapper


def publish(namespace: dict[str, Any], names: Iterable[str]) -> None:
    """Names the public classes and functions `names` of the package `namespace` by their public path
    (``newsprep.Cleaner``, not ``newsprep._boilerplate.Cleaner``), as numpy and polars do: help(),
    reprs, signatures and tracebacks show it, and pickle looks them up there (``__module__`` +
    ``__qualname__``, which must give back the object itself). Pickles written with the private paths
    still load: the private modules keep their names. Call it after :func:`guard_api`, which tells
    compiled classes by their module."""
    package = namespace["__name__"]
    for name in names:
        obj = namespace[name]
        if isinstance(obj, types.ModuleType) or not callable(obj):
            continue
        module = getattr(obj, "__module__", None) or ""
        if module.startswith(package + ".") and getattr(obj, "__qualname__", None) == name:
            obj.__module__ = package
