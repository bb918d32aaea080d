"""Sentences in other languages and scripts: the language option, the cases in tests/data, auto, batches."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsprep
from newsprep import SentenceSplitter

CASES = json.loads((Path(__file__).resolve().parents[1] / "data" / "sentences_languages.json").read_text())[
    "cases"
]


RELATED = [{"da", "no", "sv"}, {"hi", "mr"}]


def _mode(case: dict, mode: str) -> str | None:
    return {"none": None, "lang": case["lang"], "auto": "auto"}[mode]


@pytest.mark.parametrize(
    "case,mode",
    [(c, m) for c in CASES for m in c["modes"]],
    ids=[f"{c['lang']}-{m}-{i}" for i, c in enumerate(CASES) for m in c["modes"]],
)
def test_language_cases(case: dict, mode: str) -> None:
    text, language = case["text"], _mode(case, mode)
    assert newsprep.sentences(text, language=language) == case["sentences"]
    spans = newsprep.sentence_spans(text, language=language)
    assert [text[s:e] for s, e in spans] == case["sentences"]


def test_every_case_language_is_known_and_detected() -> None:
    known = set(SentenceSplitter.languages())
    for case in CASES:
        assert case["lang"] in known
        if "auto" in case["modes"]:
            got = SentenceSplitter.detect_language(case["text"])
            # a short Danish text may read as Norwegian, Marathi as Hindi: they split alike
            assert got in (case["lang"], None) or any({got, case["lang"]} <= g for g in RELATED), case["text"]


def test_unknown_language_is_a_config_error_listing_the_known_ones() -> None:
    for call in (
        lambda: SentenceSplitter(language="klingon"),
        lambda: newsprep.sentences("Hi.", language="xx"),
        lambda: SentenceSplitter().split("Hi.", language="tlh"),
        lambda: SentenceSplitter().split_many(["Hi."], language="zz"),
    ):
        with pytest.raises(newsprep.ConfigError, match=r"unknown language .*de, fr"):
            call()
    with pytest.raises(ValueError):  # ConfigError is also a ValueError
        SentenceSplitter(language="")
    with pytest.raises(TypeError):
        SentenceSplitter(language=3)  # type: ignore[arg-type]


def test_language_codes_tags_and_repr() -> None:
    s = SentenceSplitter(language="de-AT")
    assert s.language == "de"
    assert repr(s) == 'SentenceSplitter(language="de")'
    assert SentenceSplitter(language="AUTO").language == "auto"
    assert SentenceSplitter().language is None
    assert SentenceSplitter.language_for("pt-BR") == "pt"
    assert SentenceSplitter.language_for("x-klingon") is None
    assert {"en", "de", "hi", "ja", "hy", "am", "my", "ur"} <= set(SentenceSplitter.languages())


def test_pickle_keeps_the_language() -> None:
    s = SentenceSplitter(language="it", extra_abbreviations={"Brgy": "title"})
    assert repr(s) == 'SentenceSplitter(language="it", extra_abbreviations={"Brgy": "title"})'
    for dumps, loads in ((pickle.dumps, pickle.loads), (cloudpickle.dumps, cloudpickle.loads)):
        r = loads(dumps(s))
        assert r.language == "it" and r.extra_abbreviations == {"Brgy": "title"}
        assert r.split("Parla l'on. Verdi. Poi vota.") == ["Parla l'on. Verdi.", "Poi vota."]


def test_per_call_language_overrides_the_splitter() -> None:
    text = "Il dibattito con l'on. Verdi è finito. Domani si vota."
    s = SentenceSplitter()
    assert s.split(text) == ["Il dibattito con l'on.", "Verdi è finito.", "Domani si vota."]
    assert s.split(text, language="it") == ["Il dibattito con l'on. Verdi è finito.", "Domani si vota."]
    it = SentenceSplitter(language="it")
    assert it.split(text) == it.split(text, language=None) == s.split(text, language="it")
    assert [text[a:b] for a, b in it.spans(text, language="auto")] == it.split(text)


def test_batch_takes_one_language_or_one_per_text() -> None:
    texts = ["Parla l'on. Verdi. Poi vota.", None, "Die Wahl war am 3. Oktober. Sie war knapp."]
    s = SentenceSplitter()
    one = s.split_many(texts, language="it")
    assert one[0] == ["Parla l'on. Verdi.", "Poi vota."] and one[1] is None
    each = s.split_many(texts, language=["it", None, "de"])
    assert each == [s.split(texts[0], language="it"), None, s.split(texts[2], language="de")]
    spans = s.spans_many(texts, language=["it", "en", None], n_threads=1)
    assert spans[0] == s.spans(texts[0], language="it")
    with pytest.raises(newsprep.ConfigError, match="2 items for 3 texts"):
        s.split_many(texts, language=["it", "de"])
    with pytest.raises(TypeError, match=r"language\[1\]"):
        s.split_many(texts, language=["it", 5, "de"])


def test_batch_language_column_from_pandas() -> None:
    pd = pytest.importorskip("pandas")
    texts = ["Parla l'on. Verdi. Poi vota.", "Der 18. Parteitag begann. Er dauerte."]
    df = pd.DataFrame({"text": texts, "lang": ["it", "de"]}, index=["a", "b"])
    out = SentenceSplitter().split_many(df["text"], language=df["lang"])
    assert list(out.index) == ["a", "b"]
    assert out["a"] == ["Parla l'on. Verdi.", "Poi vota."]
    assert out["b"] == ["Der 18. Parteitag begann.", "Er dauerte."]
    assert df["text"].newsprep.sentences(language="it")["a"] == out["a"]


def test_default_abbreviations_per_language() -> None:
    assert SentenceSplitter.default_abbreviations()["mr"] == "title"
    de = SentenceSplitter.default_abbreviations("de")
    assert de["usw"] == "final" and de["bzw"] == "title"
    assert SentenceSplitter.default_abbreviations("ja") == {}
    with pytest.raises(newsprep.ConfigError):
        SentenceSplitter.default_abbreviations("auto")


def test_auto_picks_the_language_per_text() -> None:
    s = SentenceSplitter(language="auto")
    it = "Il dibattito con l'on. Verdi è finito ieri sera. Domani si vota in aula per la legge."
    de = "Die Kirche stammt aus dem 18. Jahrhundert und wurde oft umgebaut. Heute ist sie ein Museum."
    assert SentenceSplitter.detect_language(it) == "it" and SentenceSplitter.detect_language(de) == "de"
    assert s.split_many([it, de]) == [s.split(it, language="it"), s.split(de, language="de")]
    assert SentenceSplitter.detect_language("12345 ...") is None


# ---------------------------------------------------------------- properties

SCRIPTS = st.lists(
    st.sampled_from(
        list("aZ .!?…\"'“”«»„()\n•-0:;|,")
        + ["।", "॥", "۔", "؟", "։", "።", "፧", "။", "។", "\u037e", "。", "！", "．", "｡"]
        + ["क", "ि", "्", "ա", "Ա", "α", "Ω", "ب", "ፀ", "ဒ", "中", "の", "한", "я", "Я", "İ", "ß"]
        + ["z. B.", "т. д.", "3. ", " Oktober", "usw. ", "... ", "! - ", "Dr. ", " Die "]
    ),
    max_size=60,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(SCRIPTS, st.sampled_from([None, "auto", "de", "tr", "hi", "ja", "el", "hy", "ar", "ru"]))
def test_mixed_scripts_keep_the_span_invariants(text: str, language: str | None) -> None:
    spans = newsprep.sentence_spans(text, language=language)
    assert [text[s:e] for s, e in spans] == newsprep.sentences(text, language=language)
    last = 0
    for s, e in spans:
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())
