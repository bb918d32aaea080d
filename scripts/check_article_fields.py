#!/usr/bin/env python3
"""Check the Article's fields (date, byline, url, site_name, language) against independent evidence.

Only the headline is scored by a harness; this script puts newsprep's other fields beside what each page
says about itself and beside a peer, and counts agreements per field:

- the page's own metadata, read here with lxml (not newsprep's reader): ``article:published_time`` and
  the other publication-date meta, JSON-LD ``datePublished``, ``<time datetime>``, ``DC.date``;
  ``<link rel=canonical>`` / ``og:url``; ``og:site_name``; ``<html lang>`` / ``content-language``;
- the date in the page's URL (``/2014/03/05/``, ``/2014-03-05-``, ``/20140305``);
- trafilatura's ``extract_metadata`` (date, author, sitename, url) as a peer.

Pages: the dev HTML sets of ``../shared`` (``data/boilerplate/{aeb,l3s}.dev.html.jsonl``, or
``$NEWSPREP_SHARED``) and, optionally, trafilatura's multilingual test pages (the ``tests`` folder of a
trafilatura checkout: ``evaldata.json`` maps each URL to a file under ``cache/`` or ``eval/``). The text
path (``Cleaner().article(page_text)``, date and byline from the page text) is checked against the same
evidence of the dev pages (``*.text.jsonl``, same ids).

  python scripts/check_article_fields.py                         # dev pages, counts per field
  python scripts/check_article_fields.py --traf /path/to/trafilatura/tests
  python scripts/check_article_fields.py --show date --dump /tmp/fields.jsonl   # list date disagreements
  python scripts/check_article_fields.py --gold /path/to/trafilatura/tests [--no-peer] [--dump F]

``--gold`` scores newsprep's title, date and byline against the annotations of trafilatura's test set
(``evaldata.json``: ``title``, ``date``, ``author`` of about 1,000 pages of as many sites, mostly German),
and trafilatura's own ``bare_extraction`` metadata in the same run (``--no-peer`` to skip it); ``--text-path``
also scores the text path, ``Cleaner().article()`` of each page's ``Extractor().page_text()``. A title is
right at token F1 >= 0.8 with the annotated one (the metric of eval_titles.py), a date on the same day, a
byline with the same name words (case-folded, joining words and punctuation aside: "A und B" and "A; B" are
the same names). The kinds of misses are counted: ``none`` (no value), ``day_off`` (a date one day away),
``wrong``, and for bylines ``extra`` (a byline on a page whose annotation has none).

Counts per field (newsprep vs evidence): ``agree``, ``differ`` (both have a value, not the same),
``np_only`` (newsprep has a value, the evidence none), ``ev_only`` (newsprep None, the evidence has one),
``none`` (neither). Dates compare by day (``YYYY-MM-DD``); bylines by their name words; URLs without
scheme, ``www.`` and trailing slash; languages by primary subtag. ``suspect`` counts newsprep values that
are wrong whatever the evidence says (a date in the future or before 1990, a byline with digits or a role
word or over 8 words, a relative URL, a site name equal to the headline, a malformed language tag).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import warnings
from collections import Counter
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("NEWSPREP_SHARED", os.path.join(os.path.dirname(ROOT), "shared"))
DATA = os.path.join(SHARED, "data", "boilerplate")

FIELDS = ("date", "byline", "url", "site_name", "language")
PUB_KEYS = (
    "article:published_time",
    "og:published_time",
    "published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
)
MOD_KEYS = ("article:modified_time", "og:updated_time", "datemodified", "dc.date.modified", "last-modified")
ROLE = {
    "writer",
    "reporter",
    "editor",
    "staff",
    "correspondent",
    "press",
    "photo",
    "photos",
    "foto",
    "redaktion",
}
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$")


def day(s: str | None) -> str | None:
    """The YYYY-MM-DD of an ISO-ish date string, else None."""
    if not s:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    m = re.match(r"\s*(\d{4})(\d{2})(\d{2})(?:\D|$)", s)
    if m:
        return "-".join(m.groups())
    return None


def url_date(url: str) -> str | None:
    """The date a URL's path spells (/2014/03/05/, 2014-03-05, /20140305), else None."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url or "")
    for pat in (
        r"/((?:19|20)\d\d)/([01]?\d)/([0-3]?\d)(?:/|$|[-_])",
        r"[/_-]((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?:\D|$)",
        r"/((?:19|20)\d\d)([01]\d)([0-3]\d)(?:/|[-_.]|$)",
    ):
        m = re.search(pat, path)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                return dt.date(y, mo, d).isoformat()
            except ValueError:
                continue
    return None


def jsonld_values(node: Any, key: str, out: list[Any], depth: int = 0) -> None:
    """Every value of `key` anywhere in a JSON-LD value."""
    if depth > 12:
        return
    if isinstance(node, dict):
        for k, v in node.items():
            if k == key:
                out.append(v)
            jsonld_values(v, key, out, depth + 1)
    elif isinstance(node, list):
        for v in node:
            jsonld_values(v, key, out, depth + 1)


def page_evidence(html: str | bytes) -> dict[str, Any]:
    """What the page's markup says (read with lxml, independently of newsprep)."""
    import lxml.html

    ev: dict[str, Any] = {"pub": [], "mod": [], "time": [], "canonical": None, "og_url": None}
    ev.update(site_name=None, lang=None, content_language=None, og_title=None)
    try:
        doc = lxml.html.fromstring(html)
    except Exception:
        return ev
    metas: list[tuple[str, str]] = []
    for m in doc.iter("meta"):
        content = m.get("content") or m.get("datetime")
        if not content:
            continue
        for attr in ("property", "name", "http-equiv", "itemprop"):
            for k in (m.get(attr) or "").lower().split():
                metas.append((k, content.strip()))
    for key in PUB_KEYS:
        ev["pub"] += [day(v) for k, v in metas if k == key and day(v)]
    for key in MOD_KEYS:
        ev["mod"] += [day(v) for k, v in metas if k == key and day(v)]
    for k, v in metas:
        if k == "og:site_name" and not ev["site_name"]:
            ev["site_name"] = v
        if k == "og:url" and not ev["og_url"]:
            ev["og_url"] = v
        if k == "og:title" and not ev["og_title"]:
            ev["og_title"] = v
        if k == "content-language" and not ev["content_language"]:
            ev["content_language"] = v
    for s in doc.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text:
            continue
        try:
            data = json.loads(s.text.strip().removeprefix("<!--").removesuffix("-->"))
        except ValueError:
            continue
        for key, slot in (("datePublished", "pub"), ("dateCreated", "pub"), ("dateModified", "mod")):
            vals: list[Any] = []
            jsonld_values(data, key, vals)
            ev[slot] += [day(v) for v in vals if isinstance(v, str) and day(v)]
    for t in doc.iter("time"):
        d = day(t.get("datetime"))
        if d:
            ev["time"].append(d)
    for link in doc.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            ev["canonical"] = link.get("href").strip()
            break
    root = doc.getroottree().getroot()
    ev["lang"] = (
        root.get("lang") or root.get("xml:lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    )
    return ev


def peer(html: str | bytes, url: str | None) -> dict[str, Any]:
    """trafilatura's extract_metadata: date, author, sitename, url."""
    from trafilatura.metadata import extract_metadata

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            m = extract_metadata(html, default_url=url or None)
    except Exception:
        return {}
    if m is None:
        return {}
    return {"date": m.date, "author": m.author, "sitename": m.sitename, "url": m.url}


def norm_url(u: str | None) -> str | None:
    """A URL without scheme, www., fragment and trailing slash, lowercased host."""
    if not u:
        return None
    u = re.sub(r"^[a-z]+://", "", u.strip().split("#")[0], flags=re.I)
    u = re.sub(r"^www\.", "", u, flags=re.I)
    return u.rstrip("/").lower()


def name_words(s: str | None) -> set[str]:
    """The lowercase words of a byline, punctuation and the joining words dropped."""
    if not s:
        return set()
    words = re.findall(r"\w+", s.lower())
    return {w for w in words if w not in {"and", "und", "by", "von", "et"} and len(w) > 1}


def same(field: str, a: str | None, b: str | None) -> bool:
    """Whether newsprep's value `a` and the evidence `b` agree for `field`."""
    if field == "date":
        return day(a) == day(b)
    if field == "byline":
        x, y = name_words(a), name_words(b)
        return bool(x & y)
    if field == "url":
        return norm_url(a) == norm_url(b)
    if field == "site_name":
        return re.sub(r"\W", "", (a or "").lower()) == re.sub(r"\W", "", (b or "").lower())
    if field == "language":
        return (a or "").split("-")[0].lower() == re.split(r"[-_]", (b or "").strip())[0].lower()
    return a == b


def suspect(field: str, v: str | None, art: dict[str, Any]) -> str | None:
    """Why newsprep's value is wrong whatever the evidence says, else None."""
    if not v:
        return None
    if field == "date":
        d = day(v)
        if d is None:
            return "not ISO"
        if d > dt.date.today().isoformat():
            return "future"
        if d < "1990-01-01":
            return "before 1990"
    if field == "byline":
        words = v.split()
        if re.search(r"\d", v):
            return "digits"
        if len(words) > 8:
            return "long"
        if any(w.lower().strip(",.") in ROLE for w in words):
            return "role word"
        if "http" in v or "@" in v:
            return "address"
    if field == "url" and not re.match(r"^https?://[^/\s]+", v):
        return "not absolute"
    if field == "site_name" and art.get("title") and v.strip() == art["title"].strip():
        return "is the title"
    if field == "language" and not BCP47.match(v):
        return "malformed"
    return None


def evidence_for(field: str, ev: dict[str, Any], url: str | None) -> str | None:
    """The page's own word on `field` (the URL's date path when the markup has no date)."""
    if field == "date":
        return (ev["pub"] or [None])[0] or url_date(url or "")
    if field == "byline":
        return None  # no independent markup reading: the peer is the evidence
    if field == "url":
        return ev["canonical"] or ev["og_url"]
    if field == "site_name":
        return ev["site_name"]
    if field == "language":
        return ev["lang"] or ev["content_language"]
    return None


def pages(traf: str | None, limit: int | None) -> list[dict[str, Any]]:
    """The pages: (source, id, url, html, page_text or None)."""
    out = []
    for name in ("aeb", "l3s"):
        texts = {}
        tpath = os.path.join(DATA, f"{name}.dev.text.jsonl")
        if os.path.exists(tpath):
            with open(tpath, encoding="utf-8") as f:
                texts = {r["id"]: r["page_text"] for r in map(json.loads, f)}
        with open(os.path.join(DATA, f"{name}.dev.html.jsonl"), encoding="utf-8") as f:
            for r in map(json.loads, f):
                out.append(
                    dict(
                        src=name,
                        id=r["id"],
                        url=r.get("url") or None,
                        html=r["html"],
                        text=texts.get(r["id"]),
                    )
                )
    if traf:
        with open(os.path.join(traf, "evaldata.json"), encoding="utf-8") as f:
            evaldata = json.load(f)
        for url in sorted(evaldata):
            fn = evaldata[url]["file"]
            for sub in ("cache", "eval"):
                p = os.path.join(traf, sub, fn)
                if os.path.isfile(p):
                    with open(p, "rb") as fh:
                        real = url if re.match(r"https?://\S+$", url) else None  # some keys are labels
                        out.append(dict(src="traf", id=fn, url=real, html=fh.read(), text=None))
                    break
    return out[:limit] if limit else out


TOKEN = re.compile(r"\w+")
JOINING = {"and", "und", "et", "y", "e", "en", "og", "och", "ja"}


def token_f1(a: str | None, b: str | None) -> float:
    """Token F1 of two strings (lowercase word tokens): eval_titles.py's metric."""
    x, y = TOKEN.findall((a or "").lower()), TOKEN.findall((b or "").lower())
    common = sum((Counter(x) & Counter(y)).values())
    if not common:
        return 0.0
    p, r = common / len(x), common / len(y)
    return 2 * p * r / (p + r)


def byline_names(s: str | None) -> list[str]:
    """A byline's name words, case-folded and sorted, without joining words."""
    return sorted(w for w in TOKEN.findall((s or "").casefold()) if w not in JOINING)


def gold_pages(traf: str) -> list[tuple[str, dict[str, Any], bytes]]:
    """(url, annotation, html) of trafilatura's test set."""
    with open(os.path.join(traf, "evaldata.json"), encoding="utf-8") as f:
        evaldata = json.load(f)
    out = []
    for url in sorted(evaldata):
        for sub in ("cache", "eval"):
            p = os.path.join(traf, sub, evaldata[url]["file"])
            if os.path.isfile(p):
                with open(p, "rb") as fh:
                    out.append((url, evaldata[url], fh.read()))
                break
    return out


def score_gold(name: str, get: Any, pages_: list[tuple[str, dict[str, Any], bytes]]) -> list[dict[str, Any]]:
    """Score one tool's (title, date, byline) on the gold pages; print its counts."""
    c: Counter[str] = Counter()
    rows = []
    for url, gold, html in pages_:
        real = url if re.match(r"https?://\S+$", url) else None  # some keys are labels
        title, date, byline = get(html, real)
        row: dict[str, Any] = {"file": gold["file"], "url": url}
        if gold.get("title"):
            ok = token_f1(title, gold["title"]) >= 0.8
            c["title"] += 1
            c["title ok"] += ok
            c["title none" if not title else "title wrong"] += not ok
            row.update(title_ok=ok, title=title, gold_title=gold["title"])
        if gold.get("date"):
            ok = day(date) == day(gold["date"]) or (date or "")[:10] == gold["date"][:10]
            c["date"] += 1
            c["date ok"] += ok
            if not ok:
                if not date:
                    c["date none"] += 1
                else:
                    try:
                        gap = abs(dt.date.fromisoformat(date[:10]) - dt.date.fromisoformat(gold["date"][:10]))
                    except ValueError:
                        gap = None
                    c["date day_off" if gap == dt.timedelta(days=1) else "date wrong"] += 1
            row.update(date_ok=ok, date=date, gold_date=gold["date"])
        if "author" in gold:
            g = gold.get("author") or ""
            if isinstance(g, list):
                g = "; ".join(g)
            if g:
                ok = byline_names(byline) == byline_names(g)
                c["byline"] += 1
                c["byline ok"] += ok
                c["byline none" if not byline else "byline wrong"] += not ok
            else:
                ok = not byline
                c["byline extra"] += not ok
            row.update(byline_ok=ok, byline=byline, gold_byline=g)
        rows.append(row)

    def frac(f: str) -> str:
        return f"{c[f + ' ok']}/{c[f]} = {c[f + ' ok'] / max(c[f], 1):.3f}"

    print(
        f"{name:12} title {frac('title')} (none {c['title none']}, wrong {c['title wrong']}) | "
        f"date {frac('date')} (none {c['date none']}, a day off {c['date day_off']}, "
        f"wrong {c['date wrong']}) | "
        f"byline {frac('byline')} (none {c['byline none']}, wrong {c['byline wrong']}; "
        f"given where the gold has none: {c['byline extra']})"
    )
    return rows


def gold_main(a: argparse.Namespace) -> None:
    """The --gold mode: newsprep (and trafilatura) against the annotations."""
    import newsprep

    pages_ = gold_pages(a.gold)
    x = newsprep.Extractor()

    def ours(html: bytes, url: str | None) -> tuple[Any, Any, Any]:
        art = x.article(html, None if a.no_url else url)
        return art.title, art.date, art.byline

    print(f"pages {len(pages_)}")
    rows = score_gold("newsprep", ours, pages_)
    if a.text_path:
        cleaner = newsprep.Cleaner()

        def text_path(html: bytes, url: str | None) -> tuple[Any, Any, Any]:
            art = cleaner.article(x.page_text(html))
            return art.title, art.date, art.byline

        score_gold("newsprep text path", text_path, pages_)
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    if a.no_peer:
        return
    from trafilatura import bare_extraction

    def theirs(html: bytes, url: str | None) -> tuple[Any, Any, Any]:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                m = bare_extraction(html, url=url, with_metadata=True)
        except Exception:
            return None, None, None
        if m is None:
            return None, None, None
        m = m if isinstance(m, dict) else m.as_dict()
        return m.get("title"), m.get("date"), m.get("author")

    score_gold("trafilatura", theirs, pages_)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--traf", help="trafilatura's tests folder (evaldata.json, cache/, eval/)")
    ap.add_argument("--gold", help="score title, date and byline against this trafilatura tests folder")
    ap.add_argument("--no-peer", action="store_true", help="with --gold: do not run trafilatura")
    ap.add_argument(
        "--text-path",
        action="store_true",
        help="with --gold: also score Cleaner().article() on each page's Extractor().page_text()",
    )
    ap.add_argument("--no-url", action="store_true", help="do not pass the page's URL to newsprep")
    ap.add_argument("--peer-cache", help="JSON file caching trafilatura's results (slow to compute)")
    ap.add_argument("--show", help="print the disagreements and suspects of this field (or 'text')")
    ap.add_argument("--dump", help="write one JSON line per page with every value")
    ap.add_argument("--limit", type=int)
    a = ap.parse_args()
    if a.gold:
        gold_main(a)
        return
    if not os.path.isdir(DATA):
        sys.exit(f"data not found at {DATA}: put ../shared beside the checkout or set NEWSPREP_SHARED")
    import newsprep

    x, cleaner = newsprep.Extractor(), newsprep.Cleaner()
    cache: dict[str, Any] = {}
    if a.peer_cache and os.path.exists(a.peer_cache):
        with open(a.peer_cache, encoding="utf-8") as f:
            cache = json.load(f)
    counts: dict[str, Counter[str]] = {}
    rows = []
    for p in pages(a.traf, a.limit):
        key = f"{p['src']}/{p['id']}"
        art = x.article(p["html"], None if a.no_url else p["url"])
        np = {f: getattr(art, f) for f in FIELDS} | {"title": art.title}
        ev = page_evidence(p["html"])
        if key not in cache:
            cache[key] = peer(p["html"], p["url"])
        pr = cache[key]
        peer_of = {
            "date": pr.get("date"),
            "byline": pr.get("author"),
            "url": pr.get("url"),
            "site_name": pr.get("sitename"),
        }
        row: dict[str, Any] = dict(
            page=key, url=p["url"], np=np, ev=ev, url_date=url_date(p["url"] or ""), peer=pr
        )
        for f in FIELDS:
            v, e = np[f], evidence_for(f, ev, p["url"])
            for against, value in (("page", e), ("peer", peer_of.get(f))):
                if against == "peer" and f == "language":
                    continue
                if f == "byline" and against == "page":
                    continue
                c = counts.setdefault(f"{f} vs {against}", Counter())
                if v and value:
                    c["agree" if same(f, v, value) else "differ"] += 1
                else:
                    c["np_only" if v else "ev_only" if value else "none"] += 1
            why = suspect(f, v, np)
            if why:
                counts.setdefault(f"{f} vs {'page' if f != 'byline' else 'peer'}", Counter())["suspect"] += 1
                row.setdefault("suspect", {})[f] = why
            if (
                f == "date"
                and v
                and ev["mod"]
                and day(v) in ev["mod"]
                and day(v) not in ev["pub"]
                and ev["pub"]
            ):
                counts["date vs page"]["modified"] += 1
        if p["text"] is not None:
            t = cleaner.article(p["text"])
            row["text"] = {"date": t.date, "byline": t.byline}
            for f, e in (("date", evidence_for("date", ev, p["url"])), ("byline", peer_of["byline"])):
                c = counts.setdefault(f"text {f} vs {'page' if f == 'date' else 'peer'}", Counter())
                v = row["text"][f]
                if v and e:
                    c["agree" if same(f, v, e) else "differ"] += 1
                else:
                    c["np_only" if v else "ev_only" if e else "none"] += 1
                if suspect(f, v, {}):
                    c["suspect"] += 1
        rows.append(row)
        if a.show:
            show(a.show, row)
    if a.peer_cache:
        with open(a.peer_cache, "w", encoding="utf-8") as f:
            json.dump(cache, f)
    if a.dump:
        with open(a.dump, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    print(f"pages {len(rows)}")
    cols = ("agree", "differ", "np_only", "ev_only", "none", "suspect", "modified")
    print(f"{'field':24}" + "".join(f"{c:>9}" for c in cols))
    for k in sorted(counts):
        print(f"{k:24}" + "".join(f"{counts[k][c]:>9}" for c in cols))


def show(field: str, row: dict[str, Any]) -> None:
    """Print the row's evidence when newsprep's `field` disagrees with it, is suspect, or is None."""
    np, ev, pr = row["np"], row["ev"], row["peer"]
    if field == "text":
        t = row.get("text")
        if not t:
            return
        e = evidence_for("date", ev, row["url"])
        if t["date"] and (not e or not same("date", t["date"], e)) or suspect("byline", t["byline"], {}):
            dates = f"text.date={t['date']} page={e} html={np['date']}"
            print(f"{row['page']}\t{dates}\ttext.byline={t['byline']!r} peer={pr.get('author')!r}")
        return
    v = np[field]
    e = evidence_for(field, ev, row["url"])
    peer_value = {
        "date": pr.get("date"),
        "byline": pr.get("author"),
        "url": pr.get("url"),
        "site_name": pr.get("sitename"),
    }.get(field)
    bad = row.get("suspect", {}).get(field)
    differ = (v and e and not same(field, v, e)) or (v and peer_value and not same(field, v, peer_value))
    missing = not v and (e or peer_value)
    if bad or differ or missing:
        extra = ""
        if field == "date":
            extra = (
                f" pub={ev['pub'][:3]} mod={ev['mod'][:2]} time={ev['time'][:3]} url_date={row['url_date']}"
            )
        tag = "SUSPECT:" + bad if bad else "DIFFER" if differ else "MISSING"
        print(f"{tag}\t{row['page']}\tnp={v!r}\tpage={e!r}\tpeer={peer_value!r}{extra}\turl={row['url']}")


if __name__ == "__main__":
    main()
