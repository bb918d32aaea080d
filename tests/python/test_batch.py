"""The batch driver shared by every ``*_many`` method: interrupts, progress, threads, fork."""

from __future__ import annotations

import _thread
import multiprocessing
import os
import threading

import pytest

import newsprep


def _interrupt_soon() -> threading.Timer:
    t = threading.Timer(0.2, _thread.interrupt_main)
    t.start()
    return t


@pytest.mark.parametrize("n_threads", [1, 2])
def test_ctrl_c_stops_a_long_batch(n_threads: int) -> None:
    texts = ["Talks resumed. They ended at noon in the U.S. capital."] * 3_000_000
    splitter = newsprep.SentenceSplitter()
    timer = _interrupt_soon()
    try:
        with pytest.raises(KeyboardInterrupt):
            splitter.split_many(texts, n_threads=n_threads)
    finally:
        timer.cancel()


def test_progress_bar_counts_every_document() -> None:
    tqdm = pytest.importorskip("tqdm")
    assert tqdm
    out = newsprep.SentenceSplitter().split_many(["A. B."] * 3000, progress=True)
    assert len(out) == 3000


def test_rayon_num_threads_and_n_threads_give_the_same_result() -> None:
    texts = [f"Sentence {i}. Another one." for i in range(5000)]
    s = newsprep.SentenceSplitter()
    assert s.split_many(texts, n_threads=1) == s.split_many(texts, n_threads=3) == s.split_many(texts)


def _child(q) -> None:  # runs in a forked child: rayon's pool threads do not exist there
    s = newsprep.SentenceSplitter()
    q.put(s.split_many(["One. Two."] * 3000)[0])


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_batches_work_after_fork() -> None:
    newsprep.SentenceSplitter().split_many(["warm. up."] * 3000)  # start the pool in the parent
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    p.join(60)
    assert p.exitcode == 0
    assert q.get(timeout=5) == ["One.", "Two."]


def test_threads_from_python_share_one_object() -> None:
    m = newsprep.EntityMatcher({"Kyiv": "LOC"})
    texts = ["Kyiv and Kyiv"] * 2000
    results: list = []

    def work() -> None:
        results.append(m.find_many(texts, n_threads=1))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4 and all(r == results[0] for r in results)
