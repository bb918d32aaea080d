"""The CLI's processing commands: what each adds to a record, its options, and its batch function.

A :class:`Command` declares its options (``add_options``), builds its batch function from the parsed
arguments (``make``, which raises :class:`CliError` on a usage error such as a bad gazetteer) and
lists the fields it adds with their Arrow types (for Parquet output and empty inputs). The batch
function takes the texts of a batch (None when missing) and their records, and returns one list per
added field. Adding a command means adding one entry to :data:`COMMANDS`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import newsprep
from newsprep import _core
from newsprep._boilerplate import clean_and_explain
from newsprep._html import article_rows

from .common import CliError, at_least

__all__ = ["COMMANDS", "Command", "Processor"]

Processor = Callable[[list[Any], list[dict[str, Any]]], dict[str, list[Any]]]


@dataclass(frozen=True)
class Command:
    """One processing command of the ``newsprep`` CLI."""

    name: str
    help: str
    add_options: Callable[[argparse.ArgumentParser], None]
    make: Callable[[argparse.Namespace], Processor]
    fields: Callable[[argparse.Namespace], dict[str, Callable[[Any], Any]]]
    """The added fields, in order, each with a function ``pa -> pyarrow type``."""
    reads_html: Callable[[argparse.Namespace], bool] = lambda args: False
    """Whether the text column holds HTML (str or bytes) for these arguments."""
    dropped: Callable[[argparse.Namespace], list[str]] = lambda args: []
    """Input fields left out of the output (the HTML column of ``extract``)."""


# -- Arrow types of the added fields ------------------------------------------------------------------


def _removed_type(pa: Any) -> Any:
    return pa.list_(pa.struct([("line", pa.int64()), ("reason", pa.string()), ("text", pa.string())]))


def _sentences_type(pa: Any) -> Any:
    return pa.list_(pa.struct([("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]))


def _entities_type(with_sentence: bool) -> Callable[[Any], Any]:
    def typ(pa: Any) -> Any:
        fields = [
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
            ("id", pa.string()),
            ("label", pa.string()),
        ]
        if with_sentence:
            fields.append(("sentence", pa.int64()))
        return pa.list_(pa.struct(fields))

    return typ


def _string(pa: Any) -> Any:
    return pa.string()


# -- records ------------------------------------------------------------------------------------------


def _removed(records: Any) -> list[dict[str, Any]]:
    return [{"line": r.line, "reason": r.reason, "text": r.text} for r in records]


def _match(m: Any) -> dict[str, Any]:
    return {"start": m.start, "end": m.end, "text": m.text, "id": m.id, "label": m.label}


# -- clean --------------------------------------------------------------------------------------------


def _clean_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--sites",
        metavar="COLUMN",
        help="corpus mode: the column with each page's site (e.g. its domain); lines repeated across "
        "many pages of a site within a batch are removed as site-repeat",
    )
    p.add_argument("--no-removed", action="store_true", help="do not add the removed lines")


def _clean_fields(args: argparse.Namespace) -> dict[str, Callable[[Any], Any]]:
    fields: dict[str, Callable[[Any], Any]] = {"clean_text": _string}
    if not args.no_removed:
        fields["removed"] = _removed_type
    return fields


def _make_clean(args: argparse.Namespace) -> Processor:
    cleaner = newsprep.Cleaner()
    n = args.threads

    def run(texts: list[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        sites = None
        if args.sites:
            sites = [None if r.get(args.sites) is None else str(r.get(args.sites)) for r in records]
            # Corpus mode: lines repeated across a site's pages within this batch are chrome.
            pairs = [(t, s) for t, s in zip(texts, sites, strict=True) if t is not None and s is not None]
            cleaner.fit([t for t, _ in pairs], [s for _, s in pairs])
        if args.no_removed:
            return {"clean_text": list(cleaner.clean_many(texts, sites=sites, n_threads=n))}
        both = clean_and_explain(cleaner, texts, sites=sites, n_threads=n)
        return {
            "clean_text": [None if b is None else b[0] for b in both],
            "removed": [None if b is None else _removed(b[1].removed) for b in both],
        }

    return run


# -- sentences ----------------------------------------------------------------------------------------


def _no_options(p: argparse.ArgumentParser) -> None:
    pass


def _make_sentences(args: argparse.Namespace) -> Processor:
    splitter = newsprep.SentenceSplitter()

    def run(texts: list[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        spans = splitter.spans_many(texts, n_threads=args.threads)
        return {
            "sentences": [
                None if t is None else [{"start": s, "end": e, "text": t[s:e]} for s, e in sp]
                for t, sp in zip(texts, spans, strict=True)
            ]
        }

    return run


# -- entities and process: the matcher ----------------------------------------------------------------

DEFAULT_GAZETTEER = (
    "default: the bundled country gazetteer, newsprep.gazetteers.countries(): countries, capitals "
    "and demonyms with ISO 3166-1 alpha-2 ids"
)


def _names(values: list[str] | None) -> list[str]:
    """Names from ``--stop-names``/``--exact-case-names``: comma-separated, or ``@FILE`` (one per line)."""
    out: list[str] = []
    for value in values or ():
        if value.startswith("@"):
            path = Path(value[1:])
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise CliError(f"cannot read the names in {path}: {exc}") from None
            out.extend(line.strip() for line in lines if line.strip())
        else:
            out.extend(n.strip() for n in value.split(",") if n.strip())
    return out


def _matcher_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--gazetteer",
        metavar="FILE.jsonl",
        help='entity records {"id", "label", "names": [...]}, one per line (' + DEFAULT_GAZETTEER + ")",
    )
    p.add_argument(
        "--fold-accents",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="match names ignoring accents, apostrophe and dash variants (Sao Paulo for São Paulo); "
        "default: on for the country gazetteer, off for --gazetteer",
    )
    p.add_argument(
        "--case-sensitive", action="store_true", help="match every name only with its case as written"
    )
    p.add_argument(
        "--exact-case-names",
        metavar="NAMES",
        action="append",
        help="names that match only as written (the company 'Next', not the word 'next'): "
        "comma-separated, or @FILE with one name per line; repeatable (added to the country "
        "gazetteer's own list)",
    )
    p.add_argument(
        "--stop-names",
        metavar="NAMES",
        action="append",
        help="names never to match (e.g. May,Of): comma-separated, or @FILE; repeatable",
    )
    p.add_argument(
        "--min-length",
        metavar="N",
        type=at_least(0),
        default=None,
        help="drop names shorter than N characters",
    )


def load_matcher(args: argparse.Namespace) -> Any:
    """The matcher for ``--gazetteer`` and the matcher options, or the country gazetteer."""
    options: dict[str, Any] = {
        "case_sensitive": args.case_sensitive,
        "stop_names": _names(args.stop_names),
        "exact_case_names": _names(args.exact_case_names),
    }
    if args.min_length is not None:
        options["min_length"] = args.min_length
    if args.fold_accents is not None:
        options["fold_accents"] = args.fold_accents
    try:
        if args.gazetteer:
            return newsprep.EntityMatcher.from_jsonl(args.gazetteer, **options)
        return newsprep.gazetteers.countries(**options)
    except FileNotFoundError:
        raise CliError(f"gazetteer not found: {args.gazetteer}") from None
    except UnicodeDecodeError as exc:
        raise CliError(f"cannot use the gazetteer: {args.gazetteer} is not UTF-8 ({exc.reason})") from None
    except (newsprep.NewsprepError, OSError) as exc:
        raise CliError(f"cannot use the gazetteer: {exc}") from None


def _process_options(p: argparse.ArgumentParser) -> None:
    _matcher_options(p)
    p.add_argument(
        "--html",
        action="store_true",
        help="the column holds HTML: the extractor replaces the cleaner, as in Pipeline(extractor=...) "
        "(on for .html files and WARC archives; adds the article fields; clean_text is the article, "
        "removed the page's blocks that went)",
    )
    _extract_options(p)


def _make_entities(args: argparse.Namespace) -> Processor:
    matcher = load_matcher(args)

    def run(texts: list[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        found = matcher.find_many(texts, n_threads=args.threads)
        return {"entities": [None if ms is None else [_match(m) for m in ms] for ms in found]}

    return run


# -- extract: HTML to articles ------------------------------------------------------------------------

ARTICLE_FIELDS = ("title", "byline", "date", "text", "url", "site_name", "language")
"""The :class:`newsprep.Article` fields, as ``extract`` adds them."""

WARC_FIELDS = ("warc_url", "warc_date", "record_id", "warc_file")
"""What rows from WARC archives add: the captured URL, the capture date, the record id, the archive."""


def _extractor_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--url-column",
        metavar="COLUMN",
        help="the field with each page's URL, used when the page declares no canonical URL "
        "(default: url, when the records have it)",
    )
    p.add_argument("--include-comments", action="store_true", help="keep reader comments")
    p.add_argument("--include-captions", action="store_true", help="keep image captions and photo credits")
    p.add_argument("--no-tables", action="store_true", help="leave data tables out of the text")


def _extract_options(p: argparse.ArgumentParser) -> None:
    _extractor_options(p)
    p.add_argument("--keep-html", action="store_true", help="write the HTML column too (left out by default)")


def make_extractor(args: argparse.Namespace) -> Any:
    """The extractor for the command line's options."""
    return newsprep.Extractor(
        include_comments=args.include_comments,
        include_captions=args.include_captions,
        include_tables=not args.no_tables,
    )


def _article_fields(args: argparse.Namespace) -> dict[str, Callable[[Any], Any]]:
    return dict.fromkeys(ARTICLE_FIELDS, _string)


def _usable_urls(records: list[dict[str, Any]], column: str) -> list[str | None]:
    """Each record's page URL when it is usable (an absolute http(s) URL), else None: the others are
    reported per record (batches._note_urls), so the library need not warn about them again."""
    values = [r.get(column) for r in records]
    return [v if isinstance(v, str) and _core._page_url(v) is not None else None for v in values]


def _make_extract(args: argparse.Namespace) -> Processor:
    extractor = make_extractor(args)

    def run(htmls: list[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        column = args.url_column or "url"
        urls = _usable_urls(records, column)
        rows = article_rows(extractor, htmls, urls, args.threads)
        return {f: [None if r is None else r[f] for r in rows] for f in ARTICLE_FIELDS}

    return run


def _make_process(args: argparse.Namespace) -> Processor:
    html = getattr(args, "html", False)
    if html:
        # HTML in: the extractor replaces the cleaner, as in newsprep.Pipeline(extractor=...); the article
        # it gives is not cleaned again (that removed article lines), and each page is split by the
        # rules of its declared language
        pipe = newsprep.Pipeline(extractor=make_extractor(args), matcher=load_matcher(args))
    elif getattr(args, "from_articles", False):
        # the text of articles already extracted (web archives): nothing is removed again
        pipe = newsprep.Pipeline(cleaner=None, matcher=load_matcher(args))
    else:
        pipe = newsprep.Pipeline(matcher=load_matcher(args))

    def run(texts: list[Any], records: list[dict[str, Any]]) -> dict[str, list[Any]]:
        out: dict[str, list[Any]] = {}
        if html:
            column = args.url_column or "url"
            urls = _usable_urls(records, column)
            docs = pipe.process(texts, urls=urls, n_threads=args.threads)
            articles = [None if d is None else d.article for d in docs]
            out.update({f: [None if a is None else getattr(a, f) for a in articles] for f in ARTICLE_FIELDS})
        else:
            docs = pipe.process(texts, n_threads=args.threads)
        out.update({"clean_text": [], "removed": [], "sentences": [], "entities": []})
        for doc in docs:
            if doc is None:
                for name in ("clean_text", "removed", "sentences", "entities"):
                    out[name].append(None)
                continue
            out["clean_text"].append(doc.clean_text)
            out["removed"].append(_removed(doc.removed))
            out["sentences"].append([s._asdict() for s in doc.sentences])
            out["entities"].append([_match(m) | {"sentence": m.sentence} for m in doc.entities])
        return out

    return run


COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "clean",
            "remove boilerplate: adds clean_text and removed (the lines that went, with reasons)",
            _clean_options,
            _make_clean,
            _clean_fields,
        ),
        Command(
            "sentences",
            "split into sentences: adds sentences [{start, end, text}]",
            _no_options,
            _make_sentences,
            lambda args: {"sentences": _sentences_type},
        ),
        Command(
            "entities",
            "match a gazetteer (the bundled country gazetteer unless --gazetteer): adds entities "
            "[{start, end, text, id, label}]",
            _matcher_options,
            _make_entities,
            lambda args: {"entities": _entities_type(False)},
        ),
        Command(
            "process",
            "clean, split and match in one pass (newsprep.Pipeline; the country gazetteer unless "
            "--gazetteer): adds clean_text, removed, sentences and entities (each with its sentence)",
            _process_options,
            _make_process,
            lambda args: (
                (_article_fields(args) if getattr(args, "html", False) else {})
                | {
                    "clean_text": _string,
                    "removed": _removed_type,
                    "sentences": _sentences_type,
                    "entities": _entities_type(True),
                }
            ),
            reads_html=lambda args: bool(getattr(args, "html", False)),
            dropped=lambda args: [args.column] if getattr(args, "html", False) and not args.keep_html else [],
        ),
        Command(
            "extract",
            "the article from HTML (a column of JSONL/CSV/Parquet, a folder of .html files, or "
            ".warc/.warc.gz archives): adds title, byline, date, text, url, site_name, language",
            _extract_options,
            _make_extract,
            _article_fields,
            reads_html=lambda args: True,
            dropped=lambda args: [] if args.keep_html else [args.column],
        ),
    )
}
"""The processing commands by name (``demo`` is separate: it reads no input)."""
