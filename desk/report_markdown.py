"""Markdown renderings of a handover report: the full report (``md``) and a short summary for chat.

User text shows exactly as typed in any CommonMark renderer: punctuation that could start markup is
backslash-escaped (``&`` too, so a typed ``&lt;`` stays ``&lt;``), a line that would begin a heading,
rule, quote or list has that mark escaped, leading spaces are written as ``&#32;`` (never an indented
code block), and line breaks are kept: a hard break (a trailing backslash) in a paragraph or list item,
``<br>`` in a table cell. Every piece of user text is also a bidi isolate (see ``isolate``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from desk.report_render import (
    CASE_COLUMNS,
    LABELS,
    Clockface,
    case_cells,
    header_lines,
    isolate,
    reader_sections,
    scope_text,
    signature_lines,
    summary_lines,
)

# Inline markup and entities: code, emphasis, links and images, raw HTML, table cells, strike-through.
_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# What makes a line a block of its own, once any isolates and indentation before it are skipped:
# heading, quote, list or rule (- + =, * and _ are escaped inline already), ordered list (1. or 1)).
_BLOCK = re.compile(r"([\u2066-\u2069]*)([ \t]*)(?:([#>+=-])|(\d{1,9})([.)]))")
HARD_BREAK = "\\\n"
CELL_BREAK = "<br>"
SUMMARY_ITEMS = 5  # per list in the chat summary; the full report has them all
SUMMARY_NOTE_LINES = 8


def _line(line: str) -> str:
    escaped = _INLINE.sub(r"\\\1", line)
    match = _BLOCK.match(escaped)
    if match is None:
        return escaped
    isolates, indent, mark, digits, dot = match.groups()
    lead = isolates + indent.replace(" ", "&#32;").replace("\t", "&#9;")
    block = f"\\{mark}" if mark else f"{digits}\\{dot}"
    return lead + block + escaped[match.end() :]


def md_escape(text: Any, newline: str = HARD_BREAK) -> str:
    """Text that a CommonMark renderer shows as typed; ``newline`` joins its lines (hard break or <br>)."""
    lines = str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return newline.join(_line(line) for line in lines)


def _item(ref: str, text: str) -> str:
    return f"- **{md_escape(ref)}** {md_escape(text, HARD_BREAK + '  ')}"


def _notes(notes: str) -> str:
    return md_escape(isolate(notes.strip("\n"))) if notes.strip() else LABELS["none"]


def render_markdown(data: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """The whole report: header, summary, notes, open points, breaches, due soon, chart, the record."""
    face = Clockface.of(data, meta)
    out = [f"# {LABELS['title']}", ""]
    for label, value in header_lines(data, face) + signature_lines(meta, face):
        out.append(f"- **{label}:** {md_escape(value) if label != LABELS['sha256'] else f'`{value}`'}")
    out += ["", f"## {LABELS['summary']}", ""]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in summary_lines(data)]
    out += ["", f"## {LABELS['notes']}", "", _notes(data["notes"])]
    lead, rest = reader_sections(data, face)
    for heading, items in lead:
        out += ["", f"## {heading} ({len(items)})", ""]
        out += [_item(ref, text) for ref, text in items] or [f"- {LABELS['none']}"]
    chart = data["chart"]
    out += ["", f"## {LABELS['chart']}", "", "| hour | " + " | ".join(chart["severities"]) + " | total |"]
    out.append("|" + "---|" * (len(chart["severities"]) + 2))
    for bucket in chart["buckets"]:
        counts = [bucket["counts"].get(s, 0) for s in chart["severities"]]
        out.append(
            f"| {face.local(bucket['start'], '%H:%M')} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |"
        )
    out += ["", f"{LABELS['overdue']}: {sum(chart['overdue'].values())}"]
    for heading, items in rest:
        out += ["", f"## {heading} ({len(items)})", ""]
        out += [_item(ref, text) for ref, text in items] or [f"- {LABELS['none']}"]
    out += ["", f"## {LABELS['open_cases']} ({len(data['open_cases'])})", ""]
    out.append("| " + " | ".join(label for _, label in CASE_COLUMNS) + " |")
    out.append("|" + "---|" * len(CASE_COLUMNS))
    for row in data["open_cases"]:
        cells = case_cells(row, face)
        out.append("| " + " | ".join(md_escape(cells[key], CELL_BREAK) for key, _ in CASE_COLUMNS) + " |")
    out.append("")
    return "\n".join(out)


def render_summary(data: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """A few dozen lines for a chat message: who and when, counts, notes, open points, breaches, due soon.

    Each list shows its first few items and says how many more the full report (``md``, PDF) has.
    """
    face = Clockface.of(data, meta)
    h = data["header"]
    people = f"{md_escape(isolate(h['outgoing']))} → {md_escape(isolate(h['incoming'])) if h['incoming'] else '?'}"
    out = [f"**{LABELS['title']}** · {people} · {md_escape(face.window(h))}"]
    out.append(f"{LABELS['scope']}: {md_escape(scope_text(h))} · {LABELS['times']}: {md_escape(face.zone_line(h))}")
    signed = dict(signature_lines(meta, face))
    out.append(
        f"{LABELS['signed']}: {md_escape(signed[LABELS['signed']])} · "
        f"{LABELS['acknowledged']}: {md_escape(signed[LABELS['acknowledged']])} · rev {h['revision']}"
    )
    out.append(f"`{meta.get('id', '')}` SHA-256 `{meta.get('sha256', '')}`")
    out.append("")
    out += [f"- **{label}:** {md_escape(value)}" for label, value in summary_lines(data)]
    notes = data["notes"].strip("\n").split("\n") if data["notes"].strip() else []
    shown = "\n".join(notes[:SUMMARY_NOTE_LINES])
    out += ["", f"**{LABELS['notes']}**", _notes(shown)]
    if len(notes) > SUMMARY_NOTE_LINES:
        out.append(f"… {len(notes) - SUMMARY_NOTE_LINES} more lines in the full report")
    lead, _ = reader_sections(data, face)
    for heading, items in lead:
        out += ["", f"**{heading} ({len(items)})**"]
        out += [_item(ref, text) for ref, text in items[:SUMMARY_ITEMS]] or [f"- {LABELS['none']}"]
        if len(items) > SUMMARY_ITEMS:
            out.append(f"- … {len(items) - SUMMARY_ITEMS} more in the full report")
    out.append("")
    return "\n".join(out)
