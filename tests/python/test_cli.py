"""The ``newsprep`` console command: formats, fields added, batches, errors and exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

import newsprep
from newsprep import _cli, example_page

ARTICLES = [
    "Envoys met in Geneva on Thursday. President Zelenskyy said Kyiv was ready to talk.",
    "Mr. Netanyahu's office said he spoke with Mr. Zelensky by phone. The U.S. was not involved.",
    "The next round is expected in Sao Paulo later this month. Analysts were cautious.",
]

GAZETTEER = [
    {"id": "zelensky", "label": "PER", "names": ["Zelensky", "Zelenskyy"]},
    {"id": "netanyahu", "label": "PER", "names": ["Netanyahu"]},
    {"id": "sao-paulo", "label": "LOC", "names": ["São Paulo"]},
]


def write_jsonl(path: Path, records: list, extra_lines: dict[int, str] | None = None) -> Path:
    """Writes records one per line; ``extra_lines`` puts raw lines at the given 1-based line numbers."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    for no, raw in sorted((extra_lines or {}).items()):
        lines.insert(no - 1, raw)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[dict]:
    """The records of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Runs the command in this process; returns (exit code, stdout, stderr)."""
    code = _cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    """A small JSONL corpus with an id, a site and the text."""
    records = [{"id": i, "site": "ledger", "text": t} for i, t in enumerate(ARTICLES)]
    records.append({"id": 99, "site": "ledger", "text": example_page()})
    return write_jsonl(tmp_path / "docs.jsonl", records)


@pytest.fixture
def gazetteer(tmp_path: Path) -> Path:
    """The test gazetteer as a JSONL file."""
    return write_jsonl(tmp_path / "names.jsonl", GAZETTEER)


# ------------------------------------------------------------------------------------------- commands


def test_clean_adds_clean_text_and_removed_and_keeps_fields(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "clean", docs, "-o", out)
    assert code == 0, err
    assert "processed 4, failed 0" in err
    rows = read_jsonl(out)
    cleaner = newsprep.Cleaner()
    assert [r["id"] for r in rows] == [0, 1, 2, 99]
    for row in rows:
        assert row["site"] == "ledger"
        assert row["clean_text"] == cleaner.clean(row["text"])
        expected = [
            {"line": r.line, "reason": r.reason, "text": r.text} for r in cleaner.removed(row["text"])
        ]
        assert row["removed"] == expected
    page = rows[-1]
    assert any(r["text"] == "Skip to main content" for r in page["removed"])
    assert all(set(r) == {"line", "reason", "text"} for r in page["removed"])


def test_clean_no_removed(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    assert run(capsys, "clean", docs, "-o", out, "--no-removed")[0] == 0
    assert all("removed" not in r and "clean_text" in r for r in read_jsonl(out))


def test_sentences_offsets(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", docs, "-o", out)
    assert code == 0, err
    splitter = newsprep.SentenceSplitter()
    for row in read_jsonl(out):
        text = row["text"]
        assert [(s["start"], s["end"]) for s in row["sentences"]] == splitter.spans(text)
        assert all(text[s["start"] : s["end"]] == s["text"] for s in row["sentences"])
    assert len(read_jsonl(out)[0]["sentences"]) == 2


def test_entities_with_gazetteer_and_fold_accents(capsys, tmp_path, docs, gazetteer):
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "entities", docs, "-o", out, "--gazetteer", gazetteer, "--fold-accents")
    assert code == 0, err
    rows = read_jsonl(out)
    for row in rows:
        for m in row["entities"]:
            assert set(m) == {"start", "end", "text", "id", "label"}
            assert row["text"][m["start"] : m["end"]] == m["text"]
    assert [m["id"] for m in rows[0]["entities"]] == ["zelensky"]
    assert [m["id"] for m in rows[1]["entities"]] == ["netanyahu", "zelensky"]
    assert [(m["text"], m["label"]) for m in rows[2]["entities"]] == [("Sao Paulo", "LOC")]

    # Without --fold-accents, "Sao Paulo" does not match "São Paulo".
    run(capsys, "entities", docs, "-o", out, "--gazetteer", gazetteer)
    assert read_jsonl(out)[2]["entities"] == []


def test_entities_default_gazetteer_is_countries(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    assert run(capsys, "entities", docs, "-o", out)[0] == 0
    page = read_jsonl(out)[-1]
    assert {"UA", "TR"} <= {m["id"] for m in page["entities"]}


def test_process_via_pipeline(capsys, tmp_path, docs, gazetteer):
    if not hasattr(newsprep, "Pipeline"):
        pytest.skip("newsprep.Pipeline is not in this build yet")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "process", docs, "-o", out, "--gazetteer", gazetteer, "--fold-accents")
    assert code == 0, err
    page = read_jsonl(out)[-1]
    assert set(page) >= {"id", "site", "text", "clean_text", "removed", "sentences", "entities"}
    clean = page["clean_text"]
    assert clean == newsprep.Cleaner().clean(page["text"])
    assert all(clean[s["start"] : s["end"]] == s["text"] for s in page["sentences"])
    assert {m["id"] for m in page["entities"]} == {"zelensky", "netanyahu", "sao-paulo"}
    for m in page["entities"]:
        assert clean[m["start"] : m["end"]] == m["text"]
        sent = page["sentences"][m["sentence"]]
        assert sent["start"] <= m["start"] < m["end"] <= sent["end"]
    assert any(r["reason"] for r in page["removed"])


# -------------------------------------------------------------------------------------------- formats


def test_stdout_is_jsonl_by_default(capsys, docs):
    code, out, err = run(capsys, "sentences", docs)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in rows] == [0, 1, 2, 99]


def test_csv_in_and_out(capsys, tmp_path):
    src = tmp_path / "in.csv"
    with open(src, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["url", "body"])
        for i, t in enumerate(ARTICLES):
            w.writerow([f"https://example.org/{i}", t])
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "sentences", src, "-o", out, "--column", "body")
    assert code == 0, err
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == ["url", "body", "sentences"]
    assert [r["body"] for r in rows] == ARTICLES
    sents = json.loads(rows[1]["sentences"])  # nested fields are JSON strings in CSV
    assert [s["text"] for s in sents] == newsprep.SentenceSplitter().split(ARTICLES[1])


def test_csv_row_with_wrong_field_count_is_reported(capsys, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text('id,text\n1,"Hello there. Bye."\n2,"x",surplus\n3,"Fine. Again."\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out)
    assert code == 1
    assert f"{src}:3: row has 3 fields, the header has 2" in err
    assert "processed 2, failed 1" in err
    assert [r["id"] for r in read_jsonl(out)] == ["1", "3"]


def test_parquet_in_and_out(capsys, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": [1, 2, 3], "text": [ARTICLES[0], None, ARTICLES[2]]}), src)
    out = tmp_path / "out.parquet"
    code, _, err = run(capsys, "clean", src, "-o", out, "--batch-size", "2")
    assert code == 0, err
    table = pq.read_table(out)
    assert table.schema.field("id").type == pa.int64()  # the input's types are kept
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [1, 2, 3]
    assert rows[1]["clean_text"] is None and rows[1]["removed"] is None  # missing passes through
    assert rows[0]["clean_text"] == newsprep.Cleaner().clean(ARTICLES[0])

    # Parquet to JSONL, then JSONL to Parquet with nested results.
    out2 = tmp_path / "ents.parquet"
    assert run(capsys, "entities", out, "-o", out2)[0] == 0
    ents = pq.read_table(out2).to_pylist()
    assert ents[0]["entities"] == [] or all("id" in m for m in ents[0]["entities"])


def test_process_to_parquet(capsys, tmp_path, docs, gazetteer):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "out.parquet"
    code, _, err = run(capsys, "process", docs, "-o", out, "--gazetteer", gazetteer, "--fold-accents")
    assert code == 0, err
    rows = pq.read_table(out).to_pylist()
    page = rows[-1]
    assert page["clean_text"].startswith("Ceasefire talks")
    assert {m["id"] for m in page["entities"]} == {"zelensky", "netanyahu", "sao-paulo"}
    assert all(isinstance(m["sentence"], int) for m in page["entities"])
    assert all(page["clean_text"][s["start"] : s["end"]] == s["text"] for s in page["sentences"])


def test_csv_output_warns_about_fields_first_seen_later(capsys, tmp_path):
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"text": "One. Two."}, {"text": "Three. Four.", "author": "A. N. Other"}]
    )
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "sentences", src, "-o", out, "--batch-size", "1")
    assert code == 0
    assert "author" in err and "not written" in err
    with open(out, encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == 2


def test_parquet_types_to_jsonl_and_csv(capsys, tmp_path):
    import datetime
    import decimal

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / "in.parquet"
    when = datetime.datetime(2026, 11, 7, 16, 15, tzinfo=datetime.timezone.utc)
    table = pa.table(
        {
            "published": pa.array([when], pa.timestamp("s", tz="UTC")),
            "day": pa.array([when.date()], pa.date32()),
            "price": pa.array([decimal.Decimal("1.50")], pa.decimal128(5, 2)),
            "raw": pa.array([b"\x00\x01"], pa.binary()),
            "text": [ARTICLES[0]],
        }
    )
    pq.write_table(table, src)
    code, out, err = run(capsys, "sentences", src)
    assert code == 0, err
    row = json.loads(out)
    assert row["published"] == "2026-11-07T16:15:00+00:00"
    assert row["day"] == "2026-11-07" and row["price"] == "1.50" and row["raw"] == "AAE="
    out_csv = tmp_path / "out.csv"
    assert run(capsys, "sentences", src, "-o", out_csv)[0] == 0
    with open(out_csv, encoding="utf-8", newline="") as f:
        assert next(csv.DictReader(f))["day"] == "2026-11-07"


def test_parquet_without_pyarrow_is_a_clear_error(capsys, tmp_path, docs, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    code, _, err = run(capsys, "clean", docs, "-o", tmp_path / "out.parquet")
    assert code == 2
    assert "pip install pyarrow" in err


def test_text_file_and_directory(capsys, tmp_path):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(ARTICLES[1], encoding="utf-8")
    (folder / "notes.md").write_text("not a document", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", folder, "-o", out)
    assert code == 0, err
    rows = read_jsonl(out)
    assert [r["file"] for r in rows] == ["a.txt", str(Path("sub") / "b.txt")]
    assert [r["text"] for r in rows] == ARTICLES[:2]

    code, out_text, _ = run(capsys, "sentences", folder / "a.txt")
    assert code == 0
    assert json.loads(out_text)["file"] == "a.txt"


def test_format_option_overrides_extension(capsys, tmp_path):
    src = write_jsonl(tmp_path / "data.log", [{"text": ARTICLES[0]}])
    code, _, err = run(capsys, "sentences", src)
    assert code == 2 and "--format" in err
    code, out, err = run(capsys, "sentences", src, "--format", "jsonl")
    assert code == 0, err
    assert len(json.loads(out)["sentences"]) == 2


# --------------------------------------------------------------------------------------------- errors


def test_missing_column_exit_2_names_columns(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "clean", docs, "-o", out, "--column", "body")
    assert code == 2
    assert "'body'" in err and "id, site, text" in err

    src = tmp_path / "in.csv"
    src.write_text("title,content\nA,B\n", encoding="utf-8")
    code, _, err = run(capsys, "sentences", src)
    assert code == 2
    assert "'text'" in err and "title, content" in err


def test_usage_errors_leave_no_output(capsys, tmp_path, docs):
    out = tmp_path / "out.jsonl"
    assert run(capsys, "clean", docs, "-o", out, "--column", "body")[0] == 2
    assert not out.exists()
    code, _, err = run(capsys, "clean", docs, "-o", docs)
    assert code == 2 and "is the input" in err
    assert len(read_jsonl(docs)) == 4  # the input is untouched
    code, _, err = run(capsys, "clean", docs, "-o", "-", "--output-format", "parquet")
    assert code == 2 and "standard output" in err


@pytest.mark.parametrize(
    "option",
    [["--include-comments"], ["--include-captions"], ["--no-tables"], ["--keep-html"], ["--url-column", "u"]],
)
def test_process_on_text_refuses_the_extractors_options(capsys, tmp_path, docs, option):
    """They apply to HTML only; on text they were accepted and ignored (exit 0)."""
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "process", docs, "-o", out, *option)
    assert code == 2 and option[0] in err and "--html" in err
    assert not out.exists()
    html = write_jsonl(
        tmp_path / "pages.jsonl",
        [{"html": "<p>Rain fell in Faro all day, residents said.</p>", "u": "https://example.com/rain"}],
    )
    assert run(capsys, "process", html, "--html", "-o", out, *option)[0] == 0


def test_missing_sites_column_exit_2(capsys, docs):
    code, _, err = run(capsys, "clean", docs, "--sites", "domain")
    assert code == 2
    assert "'domain'" in err and "site" in err


def test_malformed_lines_reported_rest_processed(capsys, tmp_path):
    records = [
        {"id": 1, "text": ARTICLES[0]},
        {"id": 2, "text": None},
        {"id": 3, "body": "no text field"},
        {"id": 4, "text": 12},
        {"id": 5, "text": ARTICLES[1]},
    ]
    src = write_jsonl(tmp_path / "in.jsonl", records, {2: '{"id": "broken", "text": ', 4: "[1, 2]", 6: ""})
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out, "--batch-size", "2")
    assert code == 1
    assert f"{src}:2: not valid JSON" in err
    assert f"{src}:4: expected a JSON object, got list" in err
    assert f"{src}:5: no field 'text'" in err
    assert f"{src}:7: field 'text' is int" in err
    # every line is counted: 3 processed, 4 failed, the blank line skipped
    assert (
        err.strip().splitlines()[-1] == "newsprep sentences: processed 3, failed 4, skipped 1 (8 lines read)"
    )
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == [1, 2, 5]
    assert rows[1]["sentences"] is None  # null text passes through as missing


def test_invalid_utf8_line_is_reported(capsys, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "Fine. Yes."}\n{"text": "\xff\xfe"}\n{"text": "Also fine."}\n')
    code, out, err = run(capsys, "sentences", src)
    assert code == 1
    assert f"{src}:2: not valid UTF-8" in err
    assert len(out.splitlines()) == 2


def test_bad_gazetteer_and_missing_input(capsys, tmp_path, docs):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "names": ["X"]}\nnot json\n', encoding="utf-8")
    code, _, err = run(capsys, "entities", docs, "--gazetteer", bad)
    assert code == 2 and "line 2" in err
    code, _, err = run(capsys, "entities", docs, "--gazetteer", tmp_path / "nope.jsonl")
    assert code == 2 and "gazetteer not found" in err
    code, _, err = run(capsys, "clean", tmp_path / "nope.jsonl")
    assert code == 2 and "input not found" in err


# ------------------------------------------------------------------------------- batches, corpus mode


def test_streams_in_batches(capsys, tmp_path, monkeypatch):
    sizes: list[int] = []
    original = newsprep.SentenceSplitter.spans_many

    def spy(self, texts, **kw):
        sizes.append(len(texts))
        return original(self, texts, **kw)

    monkeypatch.setattr(newsprep.SentenceSplitter, "spans_many", spy)
    src = write_jsonl(tmp_path / "in.jsonl", [{"n": i, "text": f"Item {i}. Done."} for i in range(25)])
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out, "--batch-size", "10")
    assert code == 0, err
    assert sizes == [10, 10, 5]
    assert [r["n"] for r in read_jsonl(out)] == list(range(25))


def test_sites_corpus_mode_removes_repeated_chrome(capsys, tmp_path):
    topics = ["budget", "harbour", "schools", "bridge", "library", "tram"]
    names = ["Roe", "Diaz", "Okafor", "Lindqvist", "Tanaka", "Moreau"]
    chrome = "Reader favourites this week from Harbour"
    records = [
        {
            "domain": "harbour.example",
            "text": f"Council debates the {t}\nThe city council met on Tuesday to discuss the {t}, officials "
            f"said.\nMayor {n} said the {t} plan would cut costs over five years.\n{chrome}\n"
            f"A vote on the {t} is expected next month after a public hearing.",
        }
        for t, n in zip(topics, names, strict=True)
    ]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.jsonl"
    assert run(capsys, "clean", src, "-o", out)[0] == 0
    assert all(chrome in r["clean_text"] for r in read_jsonl(out))
    code, _, err = run(capsys, "clean", src, "-o", out, "--sites", "domain")
    assert code == 0, err
    for row in read_jsonl(out):
        assert chrome not in row["clean_text"]
        assert {"line": 3, "reason": "site-repeat", "text": chrome} in row["removed"]


def test_progress_bar(capsys, docs):
    pytest.importorskip("tqdm")
    code, _, err = run(capsys, "sentences", docs, "--progress")
    assert code == 0
    assert "sentences" in err and "4" in err


# ------------------------------------------------------------------------------------- entry points


def test_python_m_newsprep_demo_and_help():
    res = subprocess.run(
        [sys.executable, "-m", "newsprep", "demo"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert "== Sentences ==" in res.stdout
    res = subprocess.run(
        [sys.executable, "-m", "newsprep", "--help"], capture_output=True, text=True, timeout=60
    )
    assert res.returncode == 0
    for command in ("demo", *_cli.COMMANDS):
        assert command in res.stdout


def test_pipe_through_stdin(docs):
    res = subprocess.run(
        [sys.executable, "-m", "newsprep", "sentences", "-"],
        input=docs.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 4
    assert "processed 4, failed 0" in res.stderr


# --------------------------------------------------------------- issue 10: one default, matcher options


def test_process_and_entities_share_the_default_gazetteer(capsys, tmp_path, docs):
    out_e, out_p = tmp_path / "e.jsonl", tmp_path / "p.jsonl"
    assert run(capsys, "entities", docs, "-o", out_e)[0] == 0
    assert run(capsys, "process", docs, "-o", out_p)[0] == 0  # was: entities [] for every record
    page_e, page_p = read_jsonl(out_e)[-1], read_jsonl(out_p)[-1]
    assert {"UA", "TR"} <= {m["id"] for m in page_p["entities"]}
    assert {"UA", "TR"} <= {m["id"] for m in page_e["entities"]}
    for command in ("entities", "process"):
        help_text = _cli.build_parser()._subparsers._group_actions[0].choices[command].format_help()  # type: ignore[union-attr]
        assert "country gazetteer" in " ".join(help_text.split())


def test_matcher_options(capsys, tmp_path):
    src = write_jsonl(
        tmp_path / "in.jsonl",
        [{"text": "WHO said who would go. Next week Next Inc. and May in May, by the UN and un."}],
    )
    gaz = write_jsonl(
        tmp_path / "gaz.jsonl",
        [
            {"id": "who", "label": "ORG", "names": ["WHO"]},
            {"id": "next", "label": "ORG", "names": ["Next"]},
            {"id": "may", "label": "PER", "names": ["May"]},
            {"id": "un", "label": "ORG", "names": ["UN"]},
        ],
    )

    def found(*options: str) -> list[str]:
        code, out, err = run(capsys, "entities", src, "--gazetteer", gaz, *options)
        assert code == 0, err
        return [m["text"] for m in json.loads(out)["entities"]]

    assert found("--case-sensitive") == ["WHO", "Next", "Next", "May", "May", "UN"]
    assert "who" not in found("--exact-case-names", "WHO,Next")
    assert found("--exact-case-names", "WHO", "--exact-case-names", "Next") == found(
        "--exact-case-names", "WHO,Next"
    )
    names = tmp_path / "stop.txt"
    names.write_text("May\nUN\n", encoding="utf-8")
    assert not {"May", "UN", "un"} & set(found("--case-sensitive", "--stop-names", f"@{names}"))
    assert found("--case-sensitive", "--min-length", "3") == ["WHO", "Next", "Next", "May", "May"]
    # the options apply to the country gazetteer too
    code, out, err = run(capsys, "entities", src, "--stop-names", "United Nations")
    assert code == 0, err
    with pytest.raises(SystemExit) as exc:
        _cli.main(["entities", str(src), "--gazetteer", str(gaz), "--min-length", "-1"])
    assert exc.value.code == 2 and "--min-length" in capsys.readouterr().err


# --------------------------------------------------------------- issue 10: inputs, options, empty input


def test_json_array_is_read_as_an_array(capsys, tmp_path):
    src = tmp_path / "in.json"
    src.write_text(
        '[\n  {"id": 1, "text": "One. Two."},\n  {"id": 2,\n   "text": "Three."},\n  [4],\n'
        '  {"id": 5, "text": "Five. Six."}\n]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "sentences", src)
    assert code == 1
    assert f"{src}:5: expected a JSON object, got list" in err
    assert [r["id"] for r in map(json.loads, out.splitlines())] == [1, 2, 5]
    assert "processed 3, failed 1 (4 records read)" in err
    # a .json file of JSON lines still works
    lines = write_jsonl(tmp_path / "lines.json", [{"text": "One."}, {"text": "Two."}])
    code, out, err = run(capsys, "sentences", lines)
    assert code == 0 and len(out.splitlines()) == 2
    # a broken array: the element is reported with its line, and the run says the rest is not read
    bad = tmp_path / "bad.json"
    bad.write_text('[{"text": "One."},\n {"text": oops}]', encoding="utf-8")
    code, out, err = run(capsys, "sentences", bad)
    assert code == 1 and f"{bad}:2: not valid JSON" in err and len(out.splitlines()) == 1


ARRAY = '[\n  {"id": 1, "text": "One. Two."},\n  {"id": 2, "text": "Three."}\n]\n'


def test_a_json_array_given_as_json_lines_is_read_as_an_array(capsys, tmp_path):
    """On standard input, as .jsonl or with --format jsonl, a JSON array was read line by line: its
    "[" and "{...}," lines failed as invalid JSON and the last element alone was processed."""
    src = tmp_path / "in.jsonl"
    src.write_text(ARRAY, encoding="utf-8")
    for args in ([src], [src.with_suffix(".json"), "--format", "jsonl"]):
        args[0].write_text(ARRAY, encoding="utf-8")
        code, out, err = run(capsys, "sentences", *args)
        assert code == 0, err
        assert [r["id"] for r in map(json.loads, out.splitlines())] == [1, 2]
        assert "processed 2, failed 0 (2 records read)" in err
    res = subprocess.run(
        [sys.executable, "-m", "newsprep", "sentences", "-"],
        input=ARRAY,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert res.returncode == 0 and len(res.stdout.splitlines()) == 2, res.stderr


def test_a_short_compressed_json_lines_file_cut_short_keeps_its_records(capsys, tmp_path):
    """Telling an array from JSON lines reads the first bytes only: a file cut short within its
    first 64 KiB still gives the records before the cut (not a usage error)."""
    import gzip

    raw = "".join(json.dumps({"id": i, "text": f"Rain fell in Faro, day {i}."}) + "\n" for i in range(200))
    z = gzip.compress(raw.encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(z[: len(z) // 2])
    code, _, err = run(capsys, "clean", tmp_path / "cut.jsonl.gz", "-o", tmp_path / "out.jsonl")
    assert code == 1 and "corrupt or cut short here" in err, err
    assert 0 < len(read_jsonl(tmp_path / "out.jsonl")) < 200


def test_data_after_a_json_array_is_reported(capsys, tmp_path):
    """A second array (or JSON lines) after the first one's "]" was left unread without a word."""
    src = tmp_path / "two.json"
    src.write_text('[{"text": "One."}]\n[{"text": "Two."}]\n', encoding="utf-8")
    code, out, err = run(capsys, "sentences", src)
    assert code == 1 and len(out.splitlines()) == 1
    assert f"{src}:2: data after the end of the JSON array" in err
    assert "processed 1, failed 1 (2 records read)" in err


def test_threads_and_batch_size_must_be_positive(capsys, docs):
    for option in ("--threads", "--batch-size"):
        for value in ("0", "-2", "x"):
            with pytest.raises(SystemExit) as exc:
                _cli.main(["clean", str(docs), option, value])
            assert exc.value.code == 2
            assert option in capsys.readouterr().err


def test_folder_input_reads_txt_in_any_case(capsys, tmp_path):
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.TXT").write_text(ARTICLES[0], encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLES[1], encoding="utf-8")
    (folder / "c.Txt").write_text(ARTICLES[2], encoding="utf-8")
    code, out, err = run(capsys, "sentences", folder)
    assert code == 0, err
    assert [json.loads(line)["file"] for line in out.splitlines()] == ["a.TXT", "b.txt", "c.Txt"]


def test_empty_input_writes_a_header_and_columns(capsys, tmp_path):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    header_only = tmp_path / "in.csv"
    header_only.write_text("id,text\n", encoding="utf-8")
    empty_jsonl = tmp_path / "in.jsonl"
    empty_jsonl.write_text("", encoding="utf-8")
    for src, columns in ((header_only, ["id", "text"]), (empty_jsonl, ["text"])):
        out = tmp_path / "out.csv"
        code, _, err = run(capsys, "sentences", src, "-o", out)
        assert code == 0, err
        assert out.read_text(encoding="utf-8").splitlines() == [",".join([*columns, "sentences"])]
        out_pq = tmp_path / "out.parquet"
        code, _, err = run(capsys, "process", src, "-o", out_pq)
        assert code == 0, err
        schema = pq.read_schema(out_pq)
        assert schema.names == [*columns, "clean_text", "removed", "sentences", "entities"]
        assert schema.field("clean_text").type == pa.string()
        assert pq.read_table(out_pq).num_rows == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["sentences", "--sites", "domain"],
        ["sentences", "--no-removed"],
        ["entities", "--sites", "domain"],
        ["clean", "--gazetteer", "g.jsonl"],
        ["clean", "--fold-accents"],
        ["sentences", "--min-length", "3"],
    ],
)
def test_options_that_do_not_apply_are_refused(capsys, docs, argv):
    with pytest.raises(SystemExit) as exc:
        _cli.main([argv[0], str(docs), *argv[1:]])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_progress_bar_is_drawn_after_the_input_is_checked(capsys, tmp_path, docs):
    pytest.importorskip("tqdm")
    code, _, err = run(capsys, "clean", docs, "-o", tmp_path / "out.jsonl", "--column", "body", "--progress")
    assert code == 2
    assert "[00:00" not in err and "/s]" not in err  # no bar was drawn
    code, _, err = run(capsys, "clean", docs, "-o", tmp_path / "out.jsonl", "--progress")
    assert code == 0 and ("4/4" in err or "4row" in err)


# ---------------------------------------------------------- issue 12: the CLI never loses a record


def test_lone_surrogate_fails_its_record_alone(capsys, tmp_path):
    lines = [json.dumps({"id": i, "text": f"Sentence {i}. Done."}) for i in range(10)]
    lines[3] = '{"id": 3, "text": "Bad \\ud800 text. Done."}'  # in the text column
    lines[6] = '{"id": 6, "title": "\\udfff", "text": "Fine. Done."}'  # in another field
    lines[8] = '{"id": 8, "text": "An emoji \\ud83d\\ude80 is fine."}'  # a valid pair
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for out in (tmp_path / "out.jsonl", tmp_path / "out.csv", tmp_path / "out.parquet"):
        if out.suffix == ".parquet":
            pytest.importorskip("pyarrow")
        code, _, err = run(capsys, "clean", src, "-o", out)
        assert code == 1
        assert f"{src}:4: field 'text' holds a lone surrogate '\\ud800'" in err
        assert f"{src}:7: field 'title' holds a lone surrogate '\\udfff'" in err
        assert "processed 8, failed 2 (10 lines read)" in err
        if out.suffix == ".jsonl":
            assert [r["id"] for r in read_jsonl(out)] == [0, 1, 2, 4, 5, 7, 8, 9]


def test_a_record_that_fails_in_the_core_fails_alone(capsys, tmp_path, monkeypatch):
    original = newsprep.SentenceSplitter.spans_many

    def spans_many(self, texts, **kw):
        if any(t == "poison" for t in texts):
            raise RuntimeError("cannot split poison")
        return original(self, texts, **kw)

    monkeypatch.setattr(newsprep.SentenceSplitter, "spans_many", spans_many)
    src = write_jsonl(
        tmp_path / "in.jsonl", [{"text": "One. Two."}, {"text": "poison"}, {"text": "Three. Four."}]
    )
    code, out, err = run(capsys, "sentences", src)
    assert code == 1
    assert f"{src}:2: RuntimeError: cannot split poison" in err
    assert [len(json.loads(line)["sentences"]) for line in out.splitlines()] == [2, 2]
    assert "processed 2, failed 1" in err


def test_parquet_output_reconciles_changing_fields(capsys, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    records = [
        {"id": 1, "n": 1, "text": "One."},
        {"id": 2, "n": 2, "text": "Two."},
        {"id": 3, "n": "three", "text": "Three.", "author": "A. N. Other"},  # n becomes a str
        {"id": 4, "n": 4.5, "text": "Four.", "meta": {"k": [1, 2]}},
        {"id": 5, "n": None, "text": None},
    ]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out.parquet"
    code, _, err = run(capsys, "sentences", src, "-o", out, "--batch-size", "2")
    assert code == 0, err
    assert "'n'" in err and "written as string" in err and "'author'" in err
    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == [1, 2, 3, 4, 5]  # no row dropped
    assert [r["n"] for r in rows] == ["1", "2", "three", "4.5", None]
    assert [r["author"] for r in rows] == [None, None, "A. N. Other", None, None]
    assert rows[3]["meta"] == {"k": [1, 2]} and rows[0]["meta"] is None
    assert rows[0]["sentences"] == [{"start": 0, "end": 4, "text": "One."}]
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left


def test_csv_bad_byte_fails_its_row_and_reading_goes_on(capsys, tmp_path):
    src = tmp_path / "in.csv"
    rows = [b"id,text\n"] + [f'{i},"Row {i}. Done."\n'.encode() for i in range(1, 1001)]
    rows[500] = b'500,"Row \xff 500."\n'
    src.write_bytes(b"".join(rows))
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out)
    assert code == 1
    assert f"{src}:501: not valid UTF-8" in err
    assert "processed 999, failed 1 (1000 rows read)" in err
    assert len(read_jsonl(out)) == 999


@pytest.mark.parametrize("sep", [";", "\t", "|"])
def test_csv_separator_is_read_from_the_header(capsys, tmp_path, sep):
    # A spreadsheet where the comma is the decimal mark writes ';': the whole header was one column
    # named "id;text", and the run stopped on "text column not found".
    src = tmp_path / "in.csv"
    src.write_text(
        f'id{sep}text\n1{sep}"Harbour reopens, officials say. Boats returned."\n2{sep}Zwei, drei. Vier.\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out)
    assert code == 0, err
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["1", "2"]
    assert [s["text"] for s in rows[0]["sentences"]] == ["Harbour reopens, officials say.", "Boats returned."]
    assert rows[1]["text"] == "Zwei, drei. Vier."


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "txt"])
def test_encoding_option_reads_a_spreadsheet_export(capsys, tmp_path, fmt):
    text = "Der Hafen öffnete am Dienstag. Boote kehrten zurück."
    src = tmp_path / f"in.{fmt}"
    body = {
        "csv": f"id,text\n1,{text}\n",
        "jsonl": json.dumps({"id": 1, "text": text}, ensure_ascii=False) + "\n",
        "txt": text,
    }[fmt]
    src.write_bytes(body.encode("cp1252"))
    code, _, err = run(capsys, "sentences", src)
    assert code == 1
    assert "not valid UTF-8" in err and "--encoding cp1252" in err  # the error names the fix
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "--encoding", "cp1252", "-o", out)
    assert code == 0, err
    assert read_jsonl(out)[0]["text"] == text


def test_encoding_option_usage_errors(capsys, tmp_path, docs):
    code, _, err = run(capsys, "clean", docs, "--encoding", "no-such-codec")
    assert code == 2 and "unknown encoding 'no-such-codec'" in err
    code, _, err = run(capsys, "clean", docs, "--encoding", "utf-16")
    assert code == 2 and "convert the file to UTF-8" in err
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Hi.</p></body></html>", encoding="utf-8")
    code, _, err = run(capsys, "extract", page, "--encoding", "cp1252")
    assert code == 2 and "<meta charset>" in err


def test_csv_unterminated_quote_does_not_merge_rows(capsys, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        'id,text\n1,"Fine. Yes."\n2,"Opened and never closed\n3,"Third row."\n4,Fourth row.\n'
        '5,"A field\nover two lines."\n6,"Last, then an open quote\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "sentences", src, "-o", out)
    assert code == 1
    assert f"{src}:3: malformed CSV" in err and f"{src}:8: malformed CSV" in err
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["1", "3", "4", "5"]
    assert rows[1]["text"] == "Third row." and rows[3]["text"] == "A field\nover two lines."
    assert "processed 4, failed 2 (6 rows read)" in err


def test_csv_bom_is_not_part_of_the_first_column(capsys, tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"\xef\xbb\xbfid,text\n1,One. Two.\n")
    code, out, err = run(capsys, "sentences", src)
    assert code == 0, err
    assert list(json.loads(out)) == ["id", "text", "sentences"]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_bytes(b'\xef\xbb\xbf{"text": "One."}\n')
    assert run(capsys, "sentences", jsonl)[0] == 0


def test_summary_adds_up_to_the_rows_in_the_file(capsys, tmp_path):
    lines = ['{"text": "Ok."}', "", "not json", '{"text": 5}', '{"other": 1}', "[]", '{"text": null}', "  "]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "clean", src, "-o", tmp_path / "out.jsonl")
    assert code == 1
    assert err.strip().splitlines()[-1] == "newsprep clean: processed 2, failed 4, skipped 2 (8 lines read)"


def test_first_record_without_the_column_is_a_record_error(capsys, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"body": "x"}, {"text": "One. Two."}])
    code, out, err = run(capsys, "sentences", src)
    assert code == 1  # one failed record, not a usage error
    assert f"{src}:1: no field 'text'" in err and len(out.splitlines()) == 1
    # no record of the first batch has it: that is a usage error (exit 2), as for a CSV header
    src2 = write_jsonl(tmp_path / "in2.jsonl", [{"body": "x"}, {"body": "y"}])
    code, _, err = run(capsys, "sentences", src2, "-o", tmp_path / "o.jsonl")
    assert code == 2 and "text column 'text' not found" in err and not (tmp_path / "o.jsonl").exists()


def test_compressed_inputs_and_outputs(capsys, tmp_path, docs):
    # pages.jsonl.gz (how news corpora ship) stopped the CLI: "cannot tell the format"
    import bz2
    import gzip
    import lzma

    raw = docs.read_bytes()
    records = read_jsonl(docs)
    rows = "id,text\n" + "".join(f'{r["id"]},"{r["text"]}"\n' for r in records[:3])
    inputs = {
        "a.jsonl.gz": gzip.compress(raw),
        "a.JSONL.BZ2": bz2.compress(raw),
        "a.json.xz": lzma.compress(json.dumps(records).encode()),
        "a.csv.gz": gzip.compress(rows.encode()),
    }
    for name, data in inputs.items():
        (tmp_path / name).write_bytes(data)
        for out, opener in [("o.jsonl.gz", gzip.open), ("o.csv.xz", lzma.open), ("o.jsonl", open)]:
            code, _, err = run(capsys, "sentences", tmp_path / name, "-o", tmp_path / out)
            assert code == 0, err
            with opener(tmp_path / out, "rt", encoding="utf-8") as f:
                got = list(csv.DictReader(f)) if out.startswith("o.csv") else [json.loads(x) for x in f]
            assert [str(r["id"]) for r in got] == [str(r["id"]) for r in records[: len(got)]]
            assert len(got) == (3 if name.startswith("a.csv") else len(records)), (name, out)
    # cut short: the records before the break are written, the break is a failed record saying where
    many = b"".join(raw for _ in range(300))
    z = gzip.compress(many)
    (tmp_path / "cut.jsonl.gz").write_bytes(z[: len(z) // 2])
    code, _, err = run(capsys, "clean", tmp_path / "cut.jsonl.gz", "-o", tmp_path / "cut.jsonl")
    assert code == 1 and "cut.jsonl.gz:" in err and "corrupt or cut short here" in err, err
    written = read_jsonl(tmp_path / "cut.jsonl")
    assert 0 < len(written) < 300 * len(records) and f"processed {len(written)}, failed 1" in err
    # compression is for the text formats
    (tmp_path / "x.html.gz").write_bytes(gzip.compress(b"<p>A page.</p>"))
    for args in ([tmp_path / "x.html.gz"], [tmp_path / "a.jsonl.gz", "-o", tmp_path / "o.parquet.gz"]):
        code, _, err = run(capsys, "extract", *args)
        assert code == 2 and "compression is for JSON lines, JSON and CSV files" in err, err


def test_a_page_that_is_no_page_fails_alone_saying_what_it_is(capsys, tmp_path):
    import gzip

    folder = tmp_path / "pages"
    folder.mkdir()
    page = b"<h1>Rain in Faro</h1><p>Rain fell in Faro on Monday, and the roads were closed for hours.</p>"
    (folder / "a.html").write_bytes(page)
    (folder / "b.html").write_bytes(gzip.compress(page))  # saved without decompressing
    code, _, err = run(capsys, "extract", folder, "-o", tmp_path / "out.jsonl")
    assert code == 1 and "processed 1, failed 1" in err
    # the file is named; the batch's position ("htmls[0]: ") is not, as it says nothing here
    assert f"{folder / 'b.html'}: FormatError: the bytes are gzip-compressed" in err, err
    assert len(read_jsonl(tmp_path / "out.jsonl")) == 1
