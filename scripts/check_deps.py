"""Check that the code's dependencies point one way: no import cycle, no reaching into private names.

Run from the repository root (the pytest ``tests/python/test_deps.py`` runs it on the source tree)::

    python scripts/check_deps.py

It checks three things and exits with status 1, listing what it found, when any fails:

* **Python cycles.** Every ``import`` and ``from ... import`` in ``python/newsprep`` (at module level,
  inside functions and under ``TYPE_CHECKING`` alike: a lazy import is still a dependency) is an edge
  from the importing module to the imported one; a strongly connected set of more than one module is a
  cycle. ``import newsprep`` from a subpackage points at the package's ``__init__``.
* **Rust cycles.** Every ``crate::``/``super::``/``self::`` path in ``src/**/*.rs`` outside comments
  and ``#[cfg(test)]`` modules is an edge between the files that define the modules; edges between a
  module and its own ancestors (a child using its parent's types, a parent re-exporting its children)
  are the normal shape of a Rust module tree and are left out. A cycle among the rest fails.
* **Private names across modules.** ``from .x import _name`` where ``x`` is another module of the
  package fails, unless the pair is listed in ``PRIVATE_ALLOWED`` with its reason (the name is private
  to the package, not to its module).
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "newsprep"

# (importing module, imported module, name): underscore names shared inside the package on purpose.
PRIVATE_ALLOWED: dict[tuple[str, str, str], str] = {}

# Rust cycles known and not yet fixed, each with its reason; anything else fails.
RUST_CYCLES_ALLOWED: dict[frozenset[str], str] = {}


# --------------------------------------------------------------------------------------------- python


def python_modules(src: Path) -> dict[str, Path]:
    """Module name -> file, for every ``.py`` under ``src/newsprep``."""
    out = {}
    for p in sorted((src / PACKAGE).rglob("*.py")):
        parts = list(p.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    # the compiled extension: a module without Python imports
    out[f"{PACKAGE}._core"] = src / PACKAGE / "_core.pyi"
    return out


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".")
    if not is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join(base + ([target] if target else []))


def python_imports(modules: dict[str, Path]) -> Iterable[tuple[str, str, str | None, int]]:
    """``(importer, imported module, imported name or None, line)`` for every import in the package."""
    for name, path in modules.items():
        if path.suffix != ".py":
            continue
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name == PACKAGE or alias.name.startswith(PACKAGE + "."):
                        yield name, alias.name, None, node.lineno
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    target = _resolve(name, is_package, node.level, node.module)
                elif node.module and (node.module == PACKAGE or node.module.startswith(PACKAGE + ".")):
                    target = node.module
                else:
                    continue
                for alias in node.names:
                    sub = f"{target}.{alias.name}"
                    if sub in modules:  # `from . import _core` imports a module
                        yield name, sub, None, node.lineno
                    else:
                        yield name, target, alias.name, node.lineno


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def check_python(src: Path) -> list[str]:
    modules = python_modules(src)
    edges: dict[str, set[str]] = {m: set() for m in modules}
    problems = []
    for importer, imported, name, line in python_imports(modules):
        if imported in modules and imported != importer:
            edges[importer].add(imported)
        if (
            name is not None
            and name.startswith("_")
            and not name.startswith("__")
            and imported != importer
            and imported in modules
            and (importer, imported, name) not in PRIVATE_ALLOWED
        ):
            where = f"{modules[importer].relative_to(src.parent)}:{line}"
            problems.append(f"{where}: {importer} imports private {name} of {imported}")
    for comp in cycles(edges):
        problems.append("python import cycle: " + " <-> ".join(comp))
    return problems


# ----------------------------------------------------------------------------------------------- rust

_CHAR = re.compile(r"'(?:\\u\{[0-9a-fA-F]+\}|\\.|[^\\'])'")
_RAW = re.compile(r'r(#*)"')


def _code_only(text: str) -> str:
    """``text`` without comments, string and char literals (a small Rust lexer: nested block
    comments, escapes, raw strings; a quote that starts no char literal is a lifetime)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            depth, i = 1, i + 2
            while i < n and depth:
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                else:
                    i += 1
        elif (
            c == "r"
            and (m := _RAW.match(text, i))
            and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"))
        ):
            end = text.find('"' + m.group(1), m.end())
            out.append('""')
            i = n if end < 0 else end + 1 + len(m.group(1))
        elif c == '"':
            i += 1
            while i < n and text[i] != '"':
                i += 2 if text[i] == "\\" else 1
            out.append('""')
            i += 1
        elif c == "'" and (m := _CHAR.match(text, i)):
            out.append("' '")
            i = m.end()
        else:
            out.append(c)
            i += 1
    return "".join(out)


_PATH = re.compile(r"\b(crate|super|self)((?:::(?:\w+|\{))+)")


def _strip_tests(code: str) -> str:
    """Drops ``#[cfg(test)]`` items (a ``mod tests { ... }`` or a single item) by brace matching."""
    out = []
    i = 0
    while True:
        j = code.find("#[cfg(test)]", i)
        if j < 0:
            out.append(code[i:])
            return "".join(out)
        out.append(code[i:j])
        k = j + len("#[cfg(test)]")
        semi = code.find(";", k)
        brace = code.find("{", k)
        if brace < 0 or (0 <= semi < brace):
            i = semi + 1
            continue
        depth = 0
        for m in range(brace, len(code)):
            if code[m] == "{":
                depth += 1
            elif code[m] == "}":
                depth -= 1
                if depth == 0:
                    i = m + 1
                    break
        else:
            return "".join(out)


def rust_modules(src: Path) -> dict[tuple[str, ...], Path]:
    out = {}
    for p in sorted(src.rglob("*.rs")):
        parts = list(p.relative_to(src).with_suffix("").parts)
        if parts[-1] in ("mod", "lib"):
            parts.pop()
        out[tuple(parts)] = p
    return out


def rust_edges(src: Path) -> dict[tuple[str, ...], set[tuple[str, ...]]]:
    modules = rust_modules(src)
    edges: dict[tuple[str, ...], set[tuple[str, ...]]] = {m: set() for m in modules}
    for me, path in modules.items():
        code = _strip_tests(_code_only(path.read_text(encoding="utf-8")))
        # the module a `super::` path starts from: the parent of the module this file defines
        here = list(me)
        for m in _PATH.finditer(code):
            head, rest = m.group(1), [x for x in m.group(2).split("::")[1:] if x != "{"]
            if head == "crate":
                base: list[str] = []
            elif head == "self":
                base = here[:]
            else:
                base = here[:-1]
            while rest and rest[0] == "super":
                base, rest = base[:-1], rest[1:]
            path_ = base[:]
            best = None
            for part in rest:
                path_.append(part)
                if tuple(path_) in modules:
                    best = tuple(path_)
            if best is None or best == me:
                continue
            # a module and its ancestors: the tree's own shape, not a dependency between parts
            if best == me[: len(best)] or me == best[: len(me)]:
                continue
            edges[me].add(best)
    return edges


def check_rust(src: Path) -> list[str]:
    edges = rust_edges(src)
    named = {"::".join(k) or "crate": {"::".join(v) or "crate" for v in vs} for k, vs in edges.items()}
    return [
        "rust module cycle: " + " <-> ".join(comp)
        for comp in cycles(named)
        if frozenset(comp) not in RUST_CYCLES_ALLOWED
    ]


def main() -> int:
    problems = check_python(ROOT / "python") + check_rust(ROOT / "src")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s): dependencies must point one way (see scripts/check_deps.py)")
        return 1
    print("dependencies point one way: no cycle, no private name imported across modules")
    return 0


if __name__ == "__main__":
    sys.exit(main())
