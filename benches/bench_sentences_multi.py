"""Sentence splitting speed on other languages: one call per article on the UD documents of
../shared/data/sentences/ud_multi.dev.jsonl, with no language, the document's language and
``language="auto"``, interleaved in one run; pySBD (given the language) for reference.

    pip install pysbd        # optional
    python benches/bench_sentences_multi.py --mb 2 --repeats 5

Reports MB/s per mode for every language together and per language, and what "auto" costs on
top of no language (the identification reads at most 1 KB of each text, so its share shrinks
as articles grow: UD documents average 1.2 KB, news articles several KB).
"""

from __future__ import annotations

import argparse
import collections

import newsprep
from _common import corpus_to_size, interleaved, load_jsonl, shared


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=2.0, help="corpus size per language group")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--pysbd-mb", type=float, default=0.05, help="corpus size for pySBD (slow)")
    a = ap.parse_args()

    docs = load_jsonl(shared("data", "sentences", "ud_multi.dev.jsonl"))
    by_lang: dict[str, list[str]] = collections.defaultdict(list)
    for d in docs:
        by_lang[d["lang"]].append(d["text"])
    split = newsprep.sentence_spans

    def modes(texts: list[str], lang: str) -> dict:
        return {
            "none": lambda: [split(t) for t in texts],
            "lang": lambda: [split(t, language=lang) for t in texts],
            "auto": lambda: [split(t, language="auto") for t in texts],
        }

    size = lambda texts: sum(len(t.encode()) for t in texts) / 1e6  # noqa: E731
    # every language together, one call per document
    pairs = [(t, d["lang"]) for d in docs for t in [d["text"]]]
    texts = corpus_to_size([t for t, _ in pairs], a.mb)
    langs = [lang for _, lang in pairs] * (len(texts) // len(pairs) + 1)
    english = corpus_to_size(
        [d["text"] for d in load_jsonl(shared("data", "sentences", "gum_news.dev.jsonl"))], a.mb
    )
    jobs = {
        "none": lambda: [split(t) for t in texts],
        "lang": lambda: [split(t, language=lang) for t, lang in zip(texts, langs, strict=False)],
        "auto": lambda: [split(t, language="auto") for t in texts],
        "English (GUM), none": lambda: [split(t) for t in english],
    }
    secs = interleaved(jobs, a.repeats, best=True)
    mb = size(texts)
    print(f"newsprep {newsprep.__version__}; UD documents, all languages, {mb:.1f} MB, one call per document")
    print("| mode | MB/s | cost vs none |")
    print("|---|---|---|")
    for m, s in secs.items():
        rate = (size(english) if m.startswith("English") else mb) / s
        print(
            f"| {m} | {rate:.0f} | {s / secs['none'] - 1:+.0%} |"
            if not m.startswith("English")
            else f"| {m} | {rate:.0f} | |"
        )

    print("\n| lang | none MB/s | lang MB/s | auto MB/s | auto vs none | pySBD MB/s |")
    print("|---|---|---|---|---|---|")
    for lang, ts in sorted(by_lang.items()):
        corpus = corpus_to_size(ts, a.mb / 4)
        secs = interleaved(modes(corpus, lang), a.repeats, best=True)
        mb = size(corpus)
        peer = "—"
        try:
            import pysbd

            seg = pysbd.Segmenter(language=lang, clean=False)
            small = corpus_to_size(ts, a.pysbd_mb)
            job = {"p": lambda seg=seg, small=small: [seg.segment(x) for x in small]}
            t = interleaved(job, 1, best=True)["p"]
            peer = f"{size(small) / t:.2f}"
        except Exception:  # noqa: BLE001 - pySBD missing or without this language
            pass
        print(
            f"| {lang} | {mb / secs['none']:.0f} | {mb / secs['lang']:.0f} | {mb / secs['auto']:.0f} | "
            f"{secs['auto'] / secs['none'] - 1:+.0%} | {peer} |"
        )


if __name__ == "__main__":
    main()
