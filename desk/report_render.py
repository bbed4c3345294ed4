"""Renders a frozen handover report to HTML, CSV and JSON (Markdown: ``desk.report_markdown``; PDF: a plugin).

Every renderer reads the report's plain data (the snapshot) plus ``meta`` (id, hash, signatures: facts
added after freezing; and the catalog's ``wording`` of its codes). User text is treated as data
everywhere: escaped in HTML and Markdown, each piece a bidi isolate in every text rendering (so it
cannot reorder the desk's words around it), and neutralised in CSV where a spreadsheet would run it as a
formula (CSV cells otherwise exact). Reports read in the next shift's order: notes, open points,
breaches and due soon before the shift's record and the open-case list. Files are written atomically.

What a person reads is in words, never the snapshot's codes: statuses, SLA states, clocks, channels and
quota kinds go through ``desk.report_words`` (bilingual, English then Chinese) at render time, so the
snapshot and its hash never change; the CSV's machine columns and the JSON keep the codes. Durations
have one form everywhere, the window's English (``desk.sla.format_duration``: ``48 s``, ``12 min 4 s``,
``2 h 40 min``, ``1 min 48 s overdue``), written once and not doubled in Chinese: Chinese readers read
h / min / s without trouble, and a second form would double every cell of the case table. No
spreadsheet reads that form as a time or a number (the CSV has exact ``remaining_s`` beside it). The
header names the report's scope (whose cases) and the one time zone every time in it is shown in.

PDF needs Qt, which the core may not import: a renderer for such a format is a callable
``(data, meta) -> bytes`` that a composition root hands in (``renderers={"pdf": ui.report_pdf.render_pdf}``,
from the ``desk`` command and the window); without one, exporting that format says what to install.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from desk.atomic import atomic_write
from desk.clock import offset_label, parse_instant
from desk.errors import EnvironmentProblem
from desk.report_words import (
    EVENTS,
    QUOTA_EVENTS,
    READINESS,
    SCOPE_RULES,
    STATES,
    STATUSES,
    WHOLE_DESK,
    Wording,
    action_detail,
    both,
    label,
    wording_of,
)
from desk.report_words import LABELS as LABELS  # the headings, where renderers and tests have always read them
from desk.sla import format_duration

if TYPE_CHECKING:
    from desk.catalog import CatalogRegistry

FORMATS = ("pdf", "html", "md", "summary", "csv", "json")
Renderer = Callable[[Mapping[str, Any], Mapping[str, Any]], bytes]


CASE_COLUMNS = (
    ("ref", "Case 案例"),
    ("title", "Title 标题"),
    ("customer", "Customer 客户"),
    ("tier", "Tier"),
    ("severity", "Sev"),
    ("status", "Status 状态"),
    ("state", "SLA"),
    ("deadline", "Deadline 截止"),
    ("remaining", "Left 剩余"),
    ("last_action", "Last action 最近操作"),
    ("owner", "Owner 负责人"),
    ("next_action", "Next action 下一步"),
    ("note", "Handover note 交接说明"),
)


# ---------------------------------------------------------------- shared helpers

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate
_ISOLATE_STARTS = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI
_BIDI_CONTROLS = re.compile("[\u2066-\u2069]")  # the isolates and PDI


def isolate(text: Any) -> str:
    """User text as a bidi isolate (each line its own), so it cannot reorder the desk's words around it.

    A right-to-left override in a title would otherwise mirror the customer name, times and
    "[briefed]" after it; inside an isolate it reverses only the title, and Arabic or Hebrew text
    still reads right to left. A stray PDI the user typed would close our isolate early: it is dropped,
    and isolates the user left open are closed. HTML turns the isolates into ``<bdi>`` elements.
    """
    given = str(text)
    if "\n" not in given and not _BIDI_CONTROLS.search(given):  # most text: nothing to drop or close
        return FSI + given + PDI
    lines = []
    for line in given.split("\n"):
        kept, depth = [], 0
        for char in line:
            if char in _ISOLATE_STARTS:
                depth += 1
            elif char == PDI:
                if not depth:
                    continue
                depth -= 1
            kept.append(char)
        lines.append(FSI + "".join(kept) + PDI * depth + PDI)
    return "\n".join(lines)


def report_meta(summary: Any, catalogs: CatalogRegistry | None = None) -> dict[str, Any]:
    """The facts about a stored report that are not in its snapshot (from a ``ReportSummary``).

    ``wording``: the catalog's words for its codes (``catalogs``' own, else the shipped catalogs').
    """
    from desk.clock import format_instant

    def opt(value: datetime | None) -> str | None:
        return format_instant(value) if value is not None else None

    return {
        "id": str(summary.id),
        "sha256": summary.sha256,
        "signed_by": summary.signed_by,
        "signed_at": opt(summary.signed_at),
        "acknowledged_by": summary.acknowledged_by,
        "acknowledged_at": opt(summary.acknowledged_at),
        "superseded": summary.superseded,
        "wording": Wording.of(catalogs) if catalogs is not None else wording_of({}),
    }


class Clockface:
    """Formats the snapshot for a reader: UTC instants in the shift's time zone, codes in the catalog's words."""

    def __init__(self, zone: str, words: Wording | None = None) -> None:
        self.zone = ZoneInfo(zone)
        self.words = words if words is not None else wording_of({})

    @classmethod
    def of(cls, data: Mapping[str, Any], meta: Mapping[str, Any]) -> Clockface:
        return cls(data["header"]["timezone"], wording_of(meta))

    def local(self, value: str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
        if not value:
            return "-"
        return parse_instant(value).astimezone(self.zone).strftime(fmt)

    def window(self, header: Mapping[str, Any]) -> str:
        start = parse_instant(header["window"]["from"]).astimezone(self.zone)
        end = parse_instant(header["window"]["to"]).astimezone(self.zone)
        end_fmt = "%H:%M" if end.date() == start.date() else "%Y-%m-%d %H:%M"
        return f"{start:%Y-%m-%d %H:%M} – {end.strftime(end_fmt)} ({self.zone.key}, {self.offsets(header)})"

    def offsets(self, header: Mapping[str, Any]) -> str:
        """The zone's offset during the shift as people read it: ``UTC+8``, ``UTC+1/UTC+2`` across a DST change."""
        labels: list[str] = []
        for key in ("from", "to"):
            text = offset_label(parse_instant(header["window"][key]).astimezone(self.zone).utcoffset())
            if text not in labels:
                labels.append(text)
        return "/".join(labels)

    def zone_line(self, header: Mapping[str, Any]) -> str:
        """Which zone every time of the report is in (dates and times alike)."""
        zone = f"{self.zone.key} ({self.offsets(header)})"
        return f"all in {zone} 所有时间均为 {zone}"


def scope_text(header: Mapping[str, Any]) -> str:
    """Whose cases the report covers; a report frozen before scopes existed covered the whole desk."""
    scope = header.get("scope") or {"kind": "desk"}
    if scope.get("kind") != "agents":
        return both(WHOLE_DESK)
    agents = ", ".join(isolate(a) for a in scope.get("agents", []))
    rule = SCOPE_RULES.get(scope.get("rule", ""))
    return f"{agents} ({rule[0]}; {rule[1]})" if rule else agents


def remaining_text(seconds: int | None) -> str:
    return format_duration(seconds) if seconds is not None else "-"


def case_cells(row: Mapping[str, Any], face: Clockface) -> dict[str, str]:
    """The display text of one open case, per column of ``CASE_COLUMNS``."""
    last = row.get("last_action")
    last_text = "-"
    if last:
        last_text = f"{face.local(last['at'], '%m-%d %H:%M')} {label(EVENTS, last['kind'])} ({isolate(last['actor'])})"
        if last.get("detail"):
            worded = action_detail(last["kind"], last["detail"], face.words)
            last_text += f": {worded if worded != last['detail'] else isolate(last['detail'])}"
    return {
        "ref": isolate(row["ref"]),
        "title": isolate(row["title"]),
        "customer": isolate(row["customer_name"]),
        "tier": row["tier"] or "-",
        "severity": row["severity"],
        "status": label(STATUSES, row["status"]),
        # The contractual clock goes without saying; another clock leading the case is named.
        "state": label(STATES, row["state"])
        + (f" ({face.words.clock(row['clock'])})" if row["clock"] not in face.words.contractual_clocks else ""),
        "deadline": face.local(row["deadline"], "%m-%d %H:%M"),
        "remaining": remaining_text(row["remaining_s"]),
        "last_action": last_text,
        "owner": isolate(row["owner"]) if row["owner"] else "-",
        "next_action": isolate(row["next_action"]) if row["next_action"] else "-",
        "note": (isolate(row["note"]) if row["note"] else "") + (" [briefed 已口头交接]" if row["briefed"] else ""),
    }


def signature_lines(meta: Mapping[str, Any], face: Clockface) -> list[tuple[str, str]]:
    signed = (
        f"{isolate(meta['signed_by'])}, {face.local(meta['signed_at'])}" if meta.get("signed_at") else LABELS["not_yet"]
    )
    acked = (
        f"{isolate(meta['acknowledged_by'])}, {face.local(meta['acknowledged_at'])}"
        if meta.get("acknowledged_at")
        else LABELS["not_yet"]
    )
    return [(LABELS["signed"], signed), (LABELS["acknowledged"], acked), (LABELS["sha256"], meta.get("sha256", ""))]


def header_lines(data: Mapping[str, Any], face: Clockface) -> list[tuple[str, str]]:
    h = data["header"]
    lines = [
        (LABELS["window"], face.window(h)),
        (LABELS["times"], face.zone_line(h)),
        (LABELS["scope"], scope_text(h)),
        (LABELS["as_of"], face.local(h["as_of"])),
        (LABELS["outgoing"], isolate(h["outgoing"])),
        (LABELS["incoming"], isolate(h["incoming"]) if h["incoming"] else "-"),
        (LABELS["generated"], f"{face.local(h['generated_at'])} ({isolate(h['generated_by'])})"),
        (LABELS["revision"], str(h["revision"])),
    ]
    if h.get("correction_reason"):
        lines.append((LABELS["correction"], isolate(h["correction_reason"])))
    return lines


def brief_line(item: Mapping[str, Any], face: Clockface, extra: str = "") -> tuple[str, str]:
    """(reference, text) of an item in a short list: case, severity, title, customer."""
    text = f"{item['severity']} · {isolate(item['title'])} · {isolate(item['customer_name'])}"
    return isolate(item["ref"]), text + (f" · {extra}" if extra else "")


def section_items(data: Mapping[str, Any], face: Clockface) -> list[tuple[str, list[tuple[str, str]]]]:
    """The short-list sections shared by every text renderer: (heading, [(ref, text)])."""
    h = data["header"]
    breached = [
        brief_line(
            b,
            face,
            f"{face.words.clock(b['clock'])} {face.local(b['deadline'], '%m-%d %H:%M')}, "
            f"{format_duration(b['late_s'])} late, "
            + (f"responded {face.local(b['responded_at'], '%m-%d %H:%M')}" if b["responded"] else "not responded"),
        )
        for b in data["breached_during_shift"]
    ]
    due = [
        brief_line(
            d,
            face,
            f"{face.words.clock(d['clock'])} {face.local(d['deadline'], '%m-%d %H:%M')}, "
            f"in {format_duration(d['remaining_s'])}",
        )
        for d in data["due_soon"]
    ]
    waiting = [
        brief_line(w, face, f"since {face.local(w['since'], '%m-%d %H:%M')}") for w in data["waiting_on_customer"]
    ]
    act = data["activity"]

    def done(a: Mapping[str, Any]) -> tuple[str, str]:
        return brief_line(a, face, f"{face.local(a['at'], '%H:%M')} {isolate(a['actor'])}")

    opened = [done(a) for a in act["opened"]]
    responded = [done(a) for a in act["responded"]]
    resolved = [done(a) for a in act["resolved"]]
    quota = [
        (
            isolate(q["booking"]),
            f"{label(QUOTA_EVENTS, q['event'])} {face.words.quota(q['kind'])} {q['start']}..{q['end']} · "
            f"{isolate(q['customer_name'])} "
            f"({isolate(q['contract_ref'])})"
            + (f" · {isolate(q['course'])}" if q["course"] else "")
            + f" · {q['persons']} · {isolate(q['actor'])}"
            + (f" · {isolate(q['reason'])}" if q["reason"] else ""),
        )
        for q in data["quota_bookings"]
    ]
    readiness = [
        (isolate(r["ref"]), f"{label(READINESS, r['code'])} ({r['severity']}, {label(STATES, r['state'])})")
        for r in data["readiness"]
    ]
    # The reader's order: what needs doing first (open points, breaches, what falls due), then the record.
    return [
        (LABELS["readiness"], readiness),
        (LABELS["breached"], breached),
        (LABELS["due_soon"].format(n=h["horizon_hours"]), due),
        (LABELS["waiting"], waiting),
        (LABELS["opened"], opened),
        (LABELS["responded"], responded),
        (LABELS["resolved"], resolved),
        (LABELS["quota"], quota),
    ]


Sections = list[tuple[str, list[tuple[str, str]]]]
LEAD_SECTIONS = 3  # open points, breaches, due soon: shown before the chart, right after the notes


def reader_sections(data: Mapping[str, Any], face: Clockface) -> tuple[Sections, Sections]:
    """The short lists split for the page: (open points, breaches, due soon), (the shift's record)."""
    sections = section_items(data, face)
    return sections[:LEAD_SECTIONS], sections[LEAD_SECTIONS:]


def summary_lines(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    s = data["summary"]
    sev = ", ".join(f"{k} {v}" for k, v in s["by_severity"].items())
    state = ", ".join(f"{label(STATES, k)} {v}" for k, v in s["by_state"].items()) or "-"
    return [(LABELS["open"], str(s["open"])), (LABELS["by_severity"], sev), (LABELS["by_state"], state)]


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;font-size:13px;margin:24px;color:#111}
h1{font-size:20px}h2{font-size:15px;margin-top:20px;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #ccc;padding:3px 5px;vertical-align:top;text-align:left}
th{background:#f0f0f0}dl{display:grid;grid-template-columns:13em auto;gap:2px 12px}dt{font-weight:bold}
.sev{display:inline-block;min-width:2.2em;padding:0 3px;border:1px solid #555;text-align:center}
.breached,.missed{font-weight:bold;color:#a03800}code{font-size:12px}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


_BDI = {"\u2066": '<bdi dir="ltr">', "\u2067": '<bdi dir="rtl">', FSI: "<bdi>", PDI: "</bdi>"}
_BDI_CHARS = re.compile("[\u2066-\u2069]")


def _t(value: Any) -> str:
    """Escaped text content whose bidi isolates (balanced by ``isolate``) become ``<bdi>`` elements."""
    return _BDI_CHARS.sub(lambda m: _BDI[m.group(0)], _e(value))


def chart_svg(chart: Mapping[str, Any], face: Clockface, width: int = 720, height: int = 220) -> str:
    """The deadline chart as inline SVG: stacked bars per hour, coloured by severity, labelled."""
    buckets = chart["buckets"]
    severities = chart["severities"]
    left, top, bottom, right = 36, 26, 28, 10
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([sum(b["counts"].values()) for b in buckets] + [1])
    bar_w = plot_w / max(len(buckets), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{_e(LABELS["chart"])}" font-family="sans-serif" font-size="10">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="#333"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    for i, bucket in enumerate(buckets):
        x = left + i * bar_w
        y = top + plot_h
        tip = ", ".join(f"{s} {bucket['counts'].get(s, 0)}" for s in severities)
        parts.append(f"<g><title>{_e(face.local(bucket['start'], '%H:%M'))}: {_e(tip)}</title>")
        for sev in severities:
            n = bucket["counts"].get(sev, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            colour = face.words.severity_colour(sev)
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar_w - 4:.1f}" height="{h:.1f}" fill="{colour}" '
                'stroke="#333" stroke-width="0.5"/>'
            )
        parts.append("</g>")
        if len(buckets) <= 12 or i % 2 == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                f"{_e(face.local(bucket['start'], '%H:%M'))}</text>"
            )
    lx = left
    for sev in severities:
        colour = face.words.severity_colour(sev)
        parts.append(f'<rect x="{lx}" y="6" width="10" height="10" fill="{colour}" stroke="#333" stroke-width="0.5"/>')
        parts.append(f'<text x="{lx + 13}" y="15">{_e(sev)}</text>')
        lx += 44
    overdue = sum(chart["overdue"].values())
    parts.append(f'<text x="{width - right}" y="15" text-anchor="end">{_e(LABELS["overdue"])}: {overdue}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _dl(lines: list[tuple[str, str]]) -> str:
    return "<dl>" + "".join(f"<dt>{_t(k)}</dt><dd>{_t(v)}</dd>" for k, v in lines) + "</dl>"


def sections_html(sections: Sections, tag: str, bdi: bool = True) -> list[str]:
    """Short-list sections as escaped HTML (shared by the HTML export and the PDF's document).

    ``bdi``: isolates as ``<bdi>`` elements (browsers); without it they stay characters (Qt rich text).
    """
    text_of = _t if bdi else _e
    out = []
    for heading, items in sections:
        out.append(f"<{tag}>{_e(heading)} ({len(items)})</{tag}>")
        if items:
            out.append(
                "<ul>" + "".join(f"<li><b>{text_of(ref)}</b> {text_of(text)}</li>" for ref, text in items) + "</ul>"
            )
        else:
            out.append(f"<p>{_e(LABELS['none'])}</p>")
    return out


def notes_html(notes: str, text_of: Callable[[Any], str]) -> str:
    """The shift's notes as one paragraph keeping the lines and spaces as typed (each line isolated)."""
    if not notes.strip():
        return f"<p>{_e(LABELS['none'])}</p>"
    return f'<p style="white-space:pre-wrap">{text_of(isolate(notes.strip(chr(10))))}</p>'


def render_html(data: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    face = Clockface.of(data, meta)
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        # No scripts, no remote anything: even a bug in escaping could not run code or leak a request.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{_e(LABELS['title'])} {_e(data['header']['outgoing'])} {_e(face.window(data['header']))}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<h1>{_e(LABELS['title'])}</h1>",
        _dl(header_lines(data, face) + signature_lines(meta, face)),
        f"<h2>{_e(LABELS['summary'])}</h2>",
        _dl(summary_lines(data)),
        f"<h2>{_e(LABELS['notes'])}</h2>",
        notes_html(data["notes"], _t),
    ]
    lead, rest = reader_sections(data, face)
    out.extend(sections_html(lead, "h2"))
    out += [f"<h2>{_e(LABELS['chart'])}</h2>", chart_svg(data["chart"], face)]
    out.extend(sections_html(rest, "h2"))
    out.append(f"<h2>{_e(LABELS['open_cases'])} ({len(data['open_cases'])})</h2>")
    out.append(
        "<table><thead><tr>" + "".join(f"<th>{_e(label)}</th>" for _, label in CASE_COLUMNS) + "</tr></thead><tbody>"
    )
    for row in data["open_cases"]:
        cells = case_cells(row, face)
        tds = []
        for key, _ in CASE_COLUMNS:
            if key == "severity":
                colour = face.words.severity_colour(row["severity"])
                tds.append(f'<td><span class="sev" style="border-left:6px solid {colour}">{_t(cells[key])}</span></td>')
            elif key == "state":
                tds.append(f'<td class="{_e(row["state"])}">{_t(cells[key])}</td>')
            else:
                tds.append(f"<td>{_t(cells[key])}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    out.append("</body></html>\n")
    return "\n".join(out)


# ---------------------------------------------------------------- CSV

CSV_COLUMNS = (
    "ref", "title", "customer_ref", "customer_name", "tier", "severity", "status", "clock", "state",
    "deadline_utc", "deadline_local", "timezone", "remaining_s", "remaining", "assignee", "owner", "next_action",
    "note",
    "briefed", "last_action_at", "last_action_kind", "last_action_actor", "last_action_detail",
    "breached_during_shift", "report_id", "report_sha256",
)  # fmt: skip
NUMERIC_COLUMNS = frozenset({"remaining_s", "breached_during_shift"})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def neutralise(text: str) -> str:
    """OWASP CSV injection: a text cell a spreadsheet would evaluate gets a leading apostrophe.

    Blanks first do not help: a spreadsheet that trims them on import would run ``  =1+1``.
    """
    return "'" + text if text.startswith(_FORMULA_START) or text.lstrip().startswith(_FORMULA_START) else text


def render_csv(data: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    """One row per open case. Text cells are quoted and neutralised; numeric cells stay numbers."""
    face = Clockface.of(data, meta)
    breached: dict[str, int] = {}
    for b in data["breached_during_shift"]:
        breached[b["ref"]] = breached.get(b["ref"], 0) + 1
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in data["open_cases"]:
        last = row.get("last_action") or {}
        values: dict[str, Any] = {
            **{k: row[k] for k in ("ref", "title", "customer_ref", "customer_name", "severity", "status", "clock")},
            "tier": row["tier"] or "",
            "state": row["state"],
            "deadline_utc": row["deadline"] or "",
            "deadline_local": face.local(row["deadline"], "%Y-%m-%d %H:%M") if row["deadline"] else "",
            "timezone": data["header"]["timezone"],  # the zone of deadline_local (the others are UTC)
            "remaining_s": row["remaining_s"],
            "remaining": format_duration(row["remaining_s"]) if row["remaining_s"] is not None else "",
            "assignee": row["assignee"],
            "owner": row["owner"],
            "next_action": row["next_action"],
            "note": row["note"],
            "briefed": "yes" if row["briefed"] else "no",
            "last_action_at": last.get("at") or "",
            "last_action_kind": last.get("kind") or "",
            "last_action_actor": last.get("actor") or "",
            "last_action_detail": last.get("detail") or "",
            "breached_during_shift": breached.get(row["ref"], 0),
            "report_id": meta.get("id", ""),
            "report_sha256": meta.get("sha256", ""),
        }
        cells: list[Any] = []
        for column in CSV_COLUMNS:
            value = values[column]
            if column in NUMERIC_COLUMNS:
                cells.append(value if isinstance(value, int) else "")
            else:
                cells.append(neutralise(str(value)))
        writer.writerow(cells)
    return buf.getvalue()


# ---------------------------------------------------------------- files


class NoRenderer(EnvironmentProblem, LookupError):
    """No renderer was handed in for a format the core cannot render itself (PDF needs the window's Qt)."""

    default_code = "no_renderer"

    def __init__(self, fmt: str) -> None:
        super().__init__(
            f"no renderer for {fmt!r} here: {fmt.upper()} export needs the window's package "
            "(install the desk with its window, PySide6, and use the desk command)",
            fmt=fmt,
        )


def render_bytes(
    fmt: str,
    data: Mapping[str, Any],
    meta: Mapping[str, Any],
    snapshot: str | None = None,
    renderers: Mapping[str, Renderer] | None = None,
) -> bytes:
    """The export's bytes; formats the core cannot render itself come from ``renderers``."""
    if fmt == "json":
        if snapshot is None:
            raise ValueError("the JSON export is the stored snapshot itself: give it")
        return snapshot.encode("utf-8")
    if fmt in ("md", "summary"):
        from desk.report_markdown import render_markdown, render_summary

        return (render_markdown if fmt == "md" else render_summary)(data, meta).encode("utf-8")
    if fmt == "html":
        return render_html(data, meta).encode("utf-8")
    if fmt == "csv":
        # utf-8-sig: spreadsheet tools read the BOM and then show Chinese correctly.
        return render_csv(data, meta).encode("utf-8-sig")
    renderer = (renderers or {}).get(fmt)
    if renderer is None:
        raise NoRenderer(fmt)
    return renderer(data, meta)


def export_report(
    stored: Any,
    fmt: str,
    out: Path,
    catalogs: CatalogRegistry | None = None,
    *,
    renderers: Mapping[str, Renderer] | None = None,
) -> Path:
    """Write a stored report (``desk.handover.StoredReport``) to ``out`` atomically: never a half file.

    ``catalogs`` word the codes (clocks, quota kinds); by default the catalogs the desk ships. ``renderers``
    render the formats that need more than the core (PDF), as the caller hands them in.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    payload = render_bytes(fmt, stored.data, report_meta(stored.summary, catalogs), stored.snapshot, renderers)
    with atomic_write(Path(out), "wb") as fh:
        fh.write(payload)
    return Path(out)
