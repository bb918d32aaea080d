"""Notebook rendering, all in one place: the HTML of Document, Explanation and Frames.

Every view escapes the text (``html.escape``) and is wrapped in ``class="tex2jax_ignore"`` so that
``$5 million`` is not typeset as maths. The classes' ``_repr_html_`` methods call the functions here;
this module imports nothing from the rest of newsprep (it only reads the objects' attributes).
"""

import bisect
import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["document_html", "explanation_html", "frames_html", "removed_summary"]

# Runs of at least this many removed lines are collapsed into one expandable line.
COLLAPSE_RUN = 4

_PALETTE = ("#ffe08a", "#a7e3ff", "#c8f5b4", "#ffc4d6", "#d9c8ff", "#ffd3a8", "#b8f0e6", "#e8e8a0")

_STYLE = (
    "<style>"
    ".np-doc{font-family:Georgia,serif;line-height:1.7;max-width:48em;white-space:pre-wrap;"
    "color:#222;background:#fff;padding:.6em .8em;border:1px solid #ddd;border-radius:4px}"
    ".np-s{border-radius:2px}.np-s1{background:#f2f5fa}"
    ".np-sep{color:#9ab;font-size:.75em;padding:0 .15em;user-select:none}"
    ".np-doc mark{padding:0 .15em;border-radius:3px;color:#111}"
    ".np-doc mark .np-label{font:bold .62em sans-serif;margin-left:.3em;vertical-align:.12em;color:#444}"
    ".np-rm{display:block;color:#999;font-size:.88em;white-space:pre-wrap}"
    ".np-rm s{text-decoration:line-through}"
    ".np-run{display:block;color:#999;font-size:.88em;white-space:normal}"
    ".np-run summary{cursor:pointer;font:.8em sans-serif;color:#b55}"
    ".np-reason{font:.75em monospace;color:#b55;margin-left:.6em}"
    ".np-head{font:.8em sans-serif;color:#666;margin-bottom:.3em}"
    "</style>"
)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def removed_summary(records: Sequence[Any]) -> str:
    """``"70 lines removed: low-score ×66, phrase ×4"``: how many lines went, and why (most common first)."""
    counts = Counter(r.reason for r in records)
    reasons = ", ".join(
        f"{reason} ×{n}" for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return f"{_plural(len(records), 'line', 'lines')} removed: {reasons}"


# -- Document -------------------------------------------------------------------------------------------


def _removed_lines_html(records: Sequence[Any]) -> str:
    lines = [
        f'<span class="np-rm" title="removed: {html.escape(r.reason)}"><s>{html.escape(r.text)}</s>'
        f'<span class="np-reason">[{html.escape(r.reason)}]</span></span>'
        for r in records
    ]
    if len(records) < COLLAPSE_RUN:
        return "".join(lines)
    summary = html.escape(removed_summary(records))
    return f'<details class="np-run"><summary>{summary}</summary>{"".join(lines)}</details>'


def document_html(doc: Any) -> str:
    """The HTML of ``Document._repr_html_``: the clean text with entities marked, sentence boundaries
    shown and the removed lines struck through where they stood (runs of them collapsed)."""
    text = doc.clean_text
    colours: dict[str, str] = {}
    removed_at = (
        doc.removed_at if len(doc.removed_at) == len(doc.removed) else (len(text),) * len(doc.removed)
    )
    # Events at offsets of clean_text: removed lines are inserted, sentences open and close, mentions
    # open and close. Mentions crossing a sentence boundary are closed and reopened around it.
    cuts = {0, len(text)}
    cuts.update(min(a, len(text)) for a in removed_at)
    for s in doc.sentences:
        cuts.update((s.start, s.end))
    for m in doc.entities:
        cuts.update((m.start, m.end))
    cuts_sorted = sorted(c for c in cuts if 0 <= c <= len(text))
    sent_starts = [s.start for s in doc.sentences]
    rm_by_pos: dict[int, list[Any]] = {}
    for r, a in zip(doc.removed, removed_at, strict=True):
        rm_by_pos.setdefault(min(a, len(text)), []).append(r)
    ent_sorted = sorted(doc.entities, key=lambda m: (m.start, -m.end))

    def sentence_at(pos: int) -> int:
        j = bisect.bisect_right(sent_starts, pos) - 1
        return j if j >= 0 and pos < doc.sentences[j].end else -1

    def mention_at(pos: int) -> Any:
        for m in ent_sorted:
            if m.start > pos:
                break
            if m.start <= pos < m.end:
                return m
        return None

    out: list[str] = []
    for a, b in zip(cuts_sorted, cuts_sorted[1:], strict=False):
        if a in rm_by_pos:
            out.append(_removed_lines_html(rm_by_pos.pop(a)))
        piece = html.escape(text[a:b])
        if not piece:
            continue
        j = sentence_at(a)
        if j > 0 and a == doc.sentences[j].start:
            out.append('<span class="np-sep" title="sentence boundary">▏</span>')
        mention = mention_at(a)
        if mention is not None:
            if mention.label not in colours:
                colours[mention.label] = _PALETTE[len(colours) % len(_PALETTE)]
            title = html.escape(f"{mention.label} {mention.id}", quote=True)
            piece = f'<mark style="background:{colours[mention.label]}" title="{title}">{piece}'
            if b >= mention.end:
                piece += f'<span class="np-label">{html.escape(mention.label)}</span>'
            piece += "</mark>"
        if j >= 0:
            piece = f'<span class="np-s np-s{j % 2}" data-sentence="{j}">{piece}</span>'
        out.append(piece)
    for records in rm_by_pos.values():
        out.append(_removed_lines_html(records))
    counts = (
        _plural(len(doc.sentences), "sentence", "sentences"),
        _plural(len(doc.entities), "entity", "entities"),
        _plural(len(doc.removed), "line", "lines") + " removed",
    )
    head = f'<div class="np-head">{" · ".join(counts)}</div>'
    return f'<div class="tex2jax_ignore">{_STYLE}{head}<div class="np-doc">{"".join(out)}</div></div>'


# -- Explanation ------------------------------------------------------------------------------------------


def _display_rows() -> tuple[int, int]:
    """pandas' ``display.max_rows`` and ``display.min_rows`` (60 and 10 without pandas)."""
    import sys

    pd = sys.modules.get("pandas")  # never import pandas just to render
    if pd is None:
        return 60, 10
    try:
        max_rows, min_rows = pd.get_option("display.max_rows"), pd.get_option("display.min_rows")
    except Exception:  # noqa: BLE001 - an old or unusual pandas: use its defaults
        return 60, 10
    return (max_rows if max_rows is not None else 1 << 62), (min_rows or max_rows or 10)


def _explanation_row(r: Any, extra: tuple[str, ...] = ()) -> str:
    if not r.text.strip():
        shown = '<span style="color:#999;font-style:italic">(blank line)</span>'
    else:
        style = "" if r.kept else "color:#888;text-decoration:line-through"
        shown = f'<span style="{style}">{html.escape(r.text)}</span>' if style else html.escape(r.text)
    return (
        f'<tr><td style="text-align:right">{r.line}</td>'
        f"<td>{'✔' if r.kept else '✘'}</td><td><code>{html.escape(r.reason)}</code></td>"
        f'<td style="text-align:right">{r.score:.2f}</td>'
        f'<td style="text-align:left;white-space:pre-wrap">{shown}</td>'
        + "".join(
            f'<td style="text-align:left;color:#888"><code>{html.escape(str(getattr(r, c)))}</code></td>'
            for c in extra
        )
        + "</tr>"
    )


def records_repr(name: str, records: Sequence[Any]) -> str:
    """The repr of an explanation: its first three records and how many more
    (``Name([r0, r1, r2, ... (n more)])``)."""
    n = len(records)
    head = ", ".join(repr(r) for r in records[:3])
    more = f", ... ({n - 3} more)" if n > 3 else ""
    return f"{name}([{head}{more}])"


def explanation_html(records: Sequence[Any], extra: tuple[str, ...] = ()) -> str:
    """The HTML of ``Explanation._repr_html_`` (and ``PageExplanation``'s, with the ``extra``
    columns ``kind`` and ``path``): one row per line, truncated as pandas truncates.

    With more lines than pandas' ``display.max_rows``, the first and last ``display.min_rows // 2``
    are shown around a ``…`` row, and a footer says how many there are. Blank lines read
    "(blank line)"; removed lines are struck through.
    """
    n = len(records)
    max_rows, min_rows = _display_rows()
    if n > max_rows:
        half = max(1, min_rows // 2)
        gap = '<tr><td style="text-align:right">…</td>' + "<td>…</td>" * (4 + len(extra)) + "</tr>"
        body = [_explanation_row(r, extra) for r in records[:half]] + [gap]
        body += [_explanation_row(r, extra) for r in records[n - half :]]
        foot = f"<p>{n} lines, {2 * half} shown; <code>.to_frame()</code> has them all</p>"
    else:
        body = [_explanation_row(r, extra) for r in records]
        foot = ""
    kept = sum(1 for r in records if r.kept)
    head = (
        f'<div class="np-head" style="font:.8em sans-serif;color:#666">'
        f"{n} lines: {kept} kept, {n - kept} removed</div>"
    )
    return (
        f'<div class="tex2jax_ignore">{head}<table><thead><tr><th>line</th><th>kept</th><th>reason</th>'
        "<th>score</th><th>text</th>"
        + "".join(f"<th>{c}</th>" for c in extra)
        + "</tr></thead><tbody>"
        + "".join(body)
        + f"</tbody></table>{foot}</div>"
    )


# -- Frames ----------------------------------------------------------------------------------------------


def frames_html(frames: Any) -> str:
    """The HTML of ``Frames._repr_html_``: each of the three DataFrames under its name, with its size."""
    parts = []
    for name in frames._fields:
        df = getattr(frames, name)
        rows, cols = df.shape
        inner = df._repr_html_() if hasattr(df, "_repr_html_") else html.escape(repr(df))
        parts.append(
            f"<details{' open' if name == 'documents' else ''}><summary><b>frames.{name}</b>: "
            f"{_plural(rows, 'row', 'rows')} × {_plural(cols, 'column', 'columns')}</summary>"
            f"{inner}</details>"
        )
    return f'<div class="tex2jax_ignore">{"".join(parts)}</div>'
