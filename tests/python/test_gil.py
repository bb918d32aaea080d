"""The README's promise that batch methods release the GIL, tested without a clock.

With the switch interval set far beyond the test's length, a thread that holds the GIL
keeps it until it blocks or releases it itself. A worker thread calls the method while
the main thread waits for the GIL: the main thread can only run before the call has
returned if the call let the GIL go. A call that held it throughout always ends first
(``done`` already set when the main thread looks), so a call that holds the GIL can never
pass. One that lets it go passes when the main thread wakes before the worker takes the GIL
back, which a loaded machine may delay past a short call: each call is tried a few times.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest

import newsprep

TEXT = (
    "Sign in\nHome | World | Business\n"
    "Ministers from the EU met in Brussels on Tuesday to discuss the budget for the next year.\n"
    "The talks, which began in the morning, ended late at night without an agreement on farm aid.\n"
    "Comments (0)\n"
)
HTML = (
    "<html><head><title>Budget talks stall</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Budget talks stall</h1>"
    "<p>Ministers from the EU met in Brussels on Tuesday to discuss the budget for the next year.</p>"
    "<p>The talks, which began in the morning, ended late at night without an agreement.</p>"
    "</article></body></html>"
)
GAZ = {"EU": "ORG", "Brussels": "LOC"}


def _lets_gil_go(call: Callable[[], Any], tries: int = 10) -> bool:
    """True when the main thread ran while `call` was still running on another thread."""
    call()  # warm up: first-call imports read files, which releases the GIL by itself
    return any(_main_ran_during(call) for _ in range(tries))


def _main_ran_during(call: Callable[[], Any]) -> bool:
    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    state = {"done": False}
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            call()
        except BaseException as e:  # noqa: BLE001 - reported on the main thread
            errors.append(e)
        state["done"] = True

    try:
        t = threading.Thread(target=worker)
        t.start()  # waits (GIL released) until the worker runs, then needs the GIL back
        ran_during_call = not state["done"]
        t.join()
    finally:
        sys.setswitchinterval(old)
    if errors:
        raise errors[0]
    return ran_during_call


def _many(n: int = 2000) -> list[str]:
    return [TEXT] * n


CALLS: dict[str, Callable[[], Any]] = {
    "Cleaner.clean_many": lambda: newsprep.Cleaner().clean_many(_many()),
    "Cleaner.clean_many(n_threads=1)": lambda: newsprep.Cleaner().clean_many(_many(), n_threads=1),
    "Cleaner.explain_many": lambda: newsprep.Cleaner().explain_many(_many()),
    "SentenceSplitter.split_many": lambda: newsprep.SentenceSplitter().split_many(_many()),
    "SentenceSplitter.spans_many": lambda: newsprep.SentenceSplitter().spans_many(_many(), n_threads=1),
    "EntityMatcher.find_many": lambda: newsprep.EntityMatcher(GAZ).find_many(_many()),
    "Extractor.extract_many": lambda: newsprep.Extractor().extract_many([HTML] * 16),
    "Extractor.extract_many(bytes)": lambda: newsprep.Extractor().extract_many([HTML.encode()] * 16),
    "Pipeline.process": lambda: newsprep.Pipeline().process(_many()),
    "Pipeline.to_frames": lambda: newsprep.Pipeline().to_frames(_many()),
    "Pipeline.process(sites=)": lambda: newsprep.Pipeline().process(_many(), sites=["a", "b"] * 1000),
    "Pipeline(extractor=).process": lambda: newsprep.Pipeline(extractor=newsprep.Extractor()).process(
        [HTML] * 16
    ),
}


@pytest.mark.parametrize("name", sorted(CALLS))
def test_batch_methods_release_the_gil(name: str) -> None:
    assert _lets_gil_go(CALLS[name]), f"{name} held the GIL for the whole call"


def test_the_check_sees_a_call_that_holds_the_gil() -> None:
    # The control: pure Python work never lets the GIL go with this switch interval.
    assert not _lets_gil_go(lambda: sum(range(200_000)))


@pytest.mark.parametrize(
    "call",
    [
        lambda: newsprep.clean(TEXT * 400),
        lambda: newsprep.extract(HTML * 200),
        lambda: newsprep.Cleaner().article(TEXT * 400),
        lambda: newsprep.EntityMatcher(GAZ).find(TEXT * 400),
        lambda: newsprep.SentenceSplitter().spans(TEXT * 400),
    ],
    ids=["clean", "extract", "Cleaner.article", "EntityMatcher.find", "SentenceSplitter.spans"],
)
def test_one_call_on_a_long_text_releases_the_gil(call: Callable[[], Any]) -> None:
    assert _lets_gil_go(call)


def test_short_calls_keep_the_gil() -> None:
    # Below 16 KB a call is cheaper than letting the GIL go and taking it back.
    assert not _lets_gil_go(lambda: [newsprep.clean(TEXT) for _ in range(300)])
