"""Dependencies point one way (issue 13): scripts/check_deps.py passes on the tree and fails on a cycle."""

from __future__ import annotations

import inspect
from pathlib import Path
from types import ModuleType

import pytest

import newsprep
from conftest import load_module

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_deps.py"


@pytest.fixture(scope="module")
def check_deps() -> ModuleType:
    return load_module(SCRIPT)


def test_the_tree_has_no_cycle_and_no_private_import(check_deps: ModuleType) -> None:
    assert check_deps.check_python(ROOT / "python") == []
    assert check_deps.check_rust(ROOT / "src") == []


def test_a_python_cycle_and_a_private_import_fail(check_deps: ModuleType, tmp_path: Path) -> None:
    pkg = tmp_path / "newsprep"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "_a.py").write_text("from ._b import thing\n")
    (pkg / "_b.py").write_text("def f():\n    from ._a import _hidden\n")
    problems = check_deps.check_python(tmp_path)
    assert any("cycle" in p and "newsprep._a <-> newsprep._b" in p for p in problems), problems
    assert any("private _hidden" in p for p in problems), problems


def test_a_rust_cycle_fails_but_not_a_doc_link_or_a_test(check_deps: ModuleType, tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "m").mkdir(parents=True)
    (src / "lib.rs").write_text("mod m;\n")
    (src / "m" / "mod.rs").write_text("mod a;\nmod b;\npub use a::A;\n")
    (src / "m" / "a.rs").write_text("use super::b::B;\n/// see [`super::b`]\npub struct A;\n")
    test_only = "#[cfg(test)]\nmod t { use super::super::a::A; }\n"
    (src / "m" / "b.rs").write_text("/// [`crate::m::a::A`]\npub struct B;\n" + test_only)
    assert check_deps.check_rust(src) == []
    (src / "m" / "b.rs").write_text("use crate::m::a::A;\npub struct B;\n")
    assert check_deps.check_rust(src) == ["rust module cycle: m::a <-> m::b"]


def test_no_private_argument_in_a_public_signature() -> None:
    """Private constructor arguments (``_records=``, ``_bytes=``, ``_sites=``): in no public signature."""
    for name in newsprep.__all__:
        obj = getattr(newsprep, name)
        if not inspect.isclass(obj):
            continue
        for attr, member in [("__init__", obj), *vars(obj).items()]:
            if attr.startswith("_") and attr not in ("__init__", "__new__"):
                continue
            if isinstance(member, (classmethod, staticmethod)):
                member = member.__func__
            if not callable(member):
                continue
            try:
                sig = inspect.signature(member)
            except (TypeError, ValueError):
                continue  # a builtin without a text signature
            params = list(sig.parameters)
            if attr == "__new__":
                params = params[1:]  # the class (NamedTuple's __new__ calls it _cls)
            private = [p for p in params if p.startswith("_")]
            assert private == [], f"{name}.{attr}{sig}"


def test_the_bindings_raise_exception_types_not_names() -> None:
    """Exceptions and warnings from Rust are ``import_exception!`` types (src/python/errors.rs), never
    looked up by name at run time (``py.import("newsprep._errors")?.getattr(...)``)."""
    glue = ROOT / "src" / "python"
    if not glue.is_dir():
        pytest.skip("src/python is not beside the tests (run from a checkout)")
    for path in sorted(glue.glob("*.rs")):
        text = path.read_text(encoding="utf-8")
        assert 'newsprep._errors")' not in text, f"{path.name}: use the import_exception! type"
