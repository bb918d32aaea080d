"""A call whose arguments do not fit raises InputTypeError naming the closest option and the list."""

from __future__ import annotations

import inspect
import pickle
from collections.abc import Callable
from typing import Any

import pytest

import newsprep
from newsprep import InputTypeError

MATCHER = newsprep.EntityMatcher({"Lisbon": "lisbon"})

# (call, the callable's name in the message, the option it should suggest or None)
MISTAKES: list[tuple[Callable[[], Any], str, str | None]] = [
    (lambda: newsprep.Cleaner(keep_titles=False), "Cleaner()", "keep_title"),
    (lambda: newsprep.Cleaner().clean("x", sites="a"), "Cleaner.clean()", "site"),
    (lambda: newsprep.Cleaner().clean_many(["x"], threads=2), "Cleaner.clean_many()", "n_threads"),
    (lambda: newsprep.Extractor(include_comment=True), "Extractor()", "include_comments"),
    (lambda: newsprep.Extractor().extract_many(["<p>x</p>"], url=["u"]), "Extractor.extract_many()", "urls"),
    (lambda: newsprep.extract("<p>x</p>", urls="http://a"), "extract()", "url"),
    (lambda: newsprep.clean("x", site="a"), "clean()", None),
    (lambda: newsprep.SentenceSplitter(lang="de"), "SentenceSplitter()", "language"),
    (
        lambda: newsprep.SentenceSplitter().split_many(["a"], nthreads=2),
        "SentenceSplitter.split_many()",
        "n_threads",
    ),
    (lambda: newsprep.EntityMatcher({"a": "b"}, casesensitive=True), "EntityMatcher()", "case_sensitive"),
    (lambda: MATCHER.find_many(["Lisbon"], n_thread=1), "EntityMatcher.find_many()", "n_threads"),
    (lambda: newsprep.Pipeline(clean=None), "Pipeline()", "cleaner"),
    (lambda: newsprep.Pipeline().to_frames(["x"], nthreads=1), "Pipeline.to_frames()", "n_threads"),
    (lambda: newsprep.read_warc("x.warc", html=True), "read_warc()", "html_only"),
    # options passed on to the compiled reader are checked against it, with the call's name
    (lambda: newsprep.WarcArticles("x.warc", batch_sise=10), "WarcArticles()", "batch_size"),
    (lambda: newsprep.WarcArticles("x.warc", foo=1), "WarcArticles()", None),
    (lambda: newsprep.WarcReader("x.warc", html=True), "WarcReader()", "html_only"),
    (lambda: newsprep.warc_frame("x.warc", batch_sise=10), "warc_frame()", "batch_size"),
]


def test_from_jsonl_options_name_the_right_one(tmp_path: Any) -> None:
    path = tmp_path / "g.jsonl"
    path.write_text('{"id": "x", "names": ["X"]}\n', encoding="utf-8")
    with pytest.raises(InputTypeError, match=r"Did you mean case_sensitive\? Its arguments: case_sensitive"):
        newsprep.EntityMatcher.from_jsonl(path, case_insensitive=True)


@pytest.mark.parametrize(("call", "name", "hint"), MISTAKES)
def test_a_mistyped_option_names_the_right_one(call: Callable[[], Any], name: str, hint: str | None) -> None:
    with pytest.raises(InputTypeError) as info:
        call()
    msg = str(info.value)
    assert msg.startswith(name), msg
    assert "Its arguments:" in msg
    if hint is not None:
        assert f"Did you mean {hint}?" in msg
    assert isinstance(info.value, TypeError)  # `except TypeError` still catches it


def test_too_many_positional_arguments_say_which_go_by_name() -> None:
    with pytest.raises(InputTypeError, match=r"too many positional arguments.*n_threads=|by name only"):
        newsprep.Cleaner().clean_many(["x"], None, 2)


def test_other_type_errors_are_unchanged() -> None:
    """A TypeError from inside a call whose arguments fit is re-raised as it was."""
    with pytest.raises(InputTypeError, match=r"clean\(\) expects text as a str, got int"):
        newsprep.Cleaner().clean(5)  # type: ignore[arg-type]

    def texts() -> Any:
        yield "A. B."
        raise TypeError("my own bug")

    with pytest.raises(TypeError, match="my own bug") as info:
        newsprep.Cleaner().clean_many(texts())
    assert not isinstance(info.value, InputTypeError)


def test_signatures_docs_and_pickling_are_those_of_the_wrapped_callables() -> None:
    assert "keep_title" in inspect.signature(newsprep.Cleaner).parameters
    # a Python constructor whose **options go to a compiled class shows them (help(), inspect)
    warc = inspect.signature(newsprep.WarcArticles).parameters
    assert {"source", "progress", "batch_size", "n_threads"} <= set(warc) and "options" not in warc
    assert "url" in inspect.signature(newsprep.extract).parameters
    assert newsprep.Cleaner.clean.__doc__ and newsprep.extract.__doc__
    cleaner = newsprep.Cleaner(keep_title=False)
    assert repr(pickle.loads(pickle.dumps(cleaner))) == repr(cleaner)
    assert pickle.loads(pickle.dumps(newsprep.extract)) is newsprep.extract
    assert pickle.loads(pickle.dumps(cleaner.clean))("Hello.") == cleaner.clean("Hello.")
    match = MATCHER.find("in Lisbon")[0]
    assert pickle.loads(pickle.dumps(match)) == match


def test_calls_made_per_short_text_are_not_wrapped() -> None:
    """find/spans/split and the sentence functions keep their compiled speed (and Python's message)."""
    assert inspect.isbuiltin(newsprep.sentence_spans)
    assert type(inspect.getattr_static(newsprep.EntityMatcher, "find")).__name__ == "method_descriptor"
    with pytest.raises(TypeError):
        MATCHER.find("x", foo=1)  # type: ignore[call-arg]


def test_accessors_name_the_misspelt_argument_not_the_constructor_it_passes_options_to() -> None:
    """`s.newsprep.clean(n_thread=2)`: n_thread goes into **options (Cleaner options), and the Cleaner
    refuses it; the message names the accessor's own n_threads, not only Cleaner's options."""
    pd = pytest.importorskip("pandas")
    s = pd.Series(["Talks resumed. They ended."])
    with pytest.raises(
        InputTypeError, match=r"^Series\.newsprep\.clean\(\) .*'n_thread'\. Did you mean n_threads\?"
    ):
        s.newsprep.clean(n_thread=2)
    with pytest.raises(InputTypeError, match=r"^Series\.newsprep\.sentences\(\) .*Did you mean n_threads\?"):
        s.newsprep.sentences(nthreads=1)
    # an option of the Cleaner itself, misspelt: the Cleaner's message
    with pytest.raises(InputTypeError, match=r"^Cleaner\(\) .*Did you mean keep_title\?"):
        s.newsprep.clean(keep_titles=False)
    assert s.newsprep.clean(keep_title=False, n_threads=1).tolist() == ["Talks resumed. They ended."]
    pl = pytest.importorskip("polars")
    with pytest.raises(InputTypeError, match=r"^Expr\.newsprep\.clean\(\) .*Did you mean n_threads\?"):
        pl.DataFrame({"t": ["Talks resumed."]}).select(pl.col("t").newsprep.clean(n_thread=2))


def test_the_guard_costs_nothing_at_import() -> None:
    """Signatures are read and names compared only after a call failed: importing newsprep reads no
    method's signature and does not import difflib."""
    import subprocess
    import sys

    code = "import sys, newsprep; print('difflib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
