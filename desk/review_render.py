"""The team lead's reviews as plain data (exact figures) and as JSON, CSV and HTML; PDF is a plugin.

``*_data`` turn a review into one plain structure: the period, the charts (``desk.review_chart``
descriptions), tables of exact figures (seconds, counts, codes) and the cases or shifts behind them.
Every renderer reads only that structure, so the JSON, the CSV, the HTML and the PDF (handed in by the
composition root, as for handover reports) cannot disagree. Same rules as the handover exports: user
text escaped in HTML and isolated against bidi reordering, CSV cells a spreadsheet would evaluate
neutralised, durations as text no spreadsheet converts beside exact seconds, no script or remote
reference in the HTML, files written atomically.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from desk.atomic import atomic_write
from desk.clock import format_instant
from desk.report_render import NoRenderer, Renderer, _e, _t, neutralise
from desk.report_words import Wording, default_wording
from desk.review_chart import Chart, Series, chart_svg
from desk.review_handover import HandoverReview, HandoverTally
from desk.review_quota import QuotaReview
from desk.review_sla import DIMENSIONS, SlaCase, SlaReview, Tally
from desk.review_words import WORDS, cell_text, duration, title_of, word

REPORTS = ("sla", "quota", "handovers")
FORMATS = ("json", "csv", "html", "pdf")
FORMAT_VERSION = "desk-review-1"


def _iso(value: datetime | None) -> str | None:
    return format_instant(value.replace(microsecond=0)) if value is not None else None


def _chart(chart: Chart, words: Wording | None = None) -> dict[str, Any]:
    """A chart as plain data; ``labels`` are its categories in words (quota kinds, channels)."""
    dimension = chart.key.rsplit("_by_", 1)[-1]
    word_of = {"kind": words.quota, "channel": words.channel} if words is not None else {}
    label = word_of.get(dimension)
    return {
        "key": chart.key,
        "categories": list(chart.categories),
        "labels": [label(c) for c in chart.categories] if label is not None else list(chart.categories),
        "series": [{"key": s.key, "values": list(s.values)} for s in chart.series],
    }


def chart_from(data: Mapping[str, Any]) -> Chart:
    """A chart description back from its plain data (what the PDF renderer draws)."""
    return Chart(
        data["key"],
        tuple(data["categories"]),
        tuple(Series(s["key"], tuple(s["values"])) for s in data["series"]),
        tuple(data.get("labels") or ()),
    )


def _head(report: str, review: Any, as_of: datetime, now: datetime) -> dict[str, Any]:
    p = review.period
    return {
        "format": FORMAT_VERSION,
        "report": report,
        "period": {"from": p.first.isoformat(), "to": p.last.isoformat(), "zone": p.zone},
        "start": _iso(p.start),
        "end": _iso(p.end),
        "as_of": _iso(as_of),
        "generated_at": _iso(now),
    }


_TALLY = ("met", "missed", "running", "no_target", "total", "met_rate", "median_late_s", "p90_late_s", "worst_late_s")


def _tally_row(t: Tally) -> list[Any]:
    rate = round(t.met_rate, 4) if t.met_rate is not None else None
    return [t.met, t.missed, t.running, t.no_target, t.total, rate, t.median_late_s, t.p90_late_s, t.worst_late_s]


def sla_data(
    review: SlaReview, now: datetime, by: tuple[str, ...] = DIMENSIONS, cases: Iterable[SlaCase] = ()
) -> dict[str, Any]:
    """The review as plain data; ``cases`` are the ones listed (``desk.review_sla.cases_behind``)."""
    rows: list[list[Any]] = [["overall", "", *_tally_row(review.overall)]]
    rows += [["week", w.isoformat(), *_tally_row(t)] for w, t in review.by_week().items()]
    for dimension in by:
        rows += [[dimension, k, *_tally_row(t)] for k, t in review.by(dimension).items()]
    internal = [[name, *_tally_row(t)] for name, t in review.internal().items()]
    listed = [
        [c.ref, c.tier, c.severity, c.channel, c.agent, c.customer, c.week.isoformat(), c.outcome, c.late_s]
        for c in cases
    ]
    return {
        **_head("sla", review, review.as_of, now),
        "by": list(by),
        "clock": review.contractual_clock,
        "charts": [_chart(review.week_chart())] + [_chart(review.chart_by(d), default_wording()) for d in by[:1]],
        "tables": [
            {"key": "sla", "columns": ["breakdown", "group", *_TALLY], "rows": rows},
            {"key": "internal", "columns": ["clock", *_TALLY], "rows": internal},
            {
                "key": "cases",
                "columns": ["ref", "tier", "severity", "channel", "agent", "customer", "week", "outcome", "late_s"],
                "rows": listed,
            },
        ],
    }


def quota_data(review: QuotaReview, now: datetime) -> dict[str, Any]:
    lines = [
        [q.customer, q.customer_name, q.contract, q.tier, q.kind, q.course, q.total, q.used, q.remaining,
         q.year_ends.isoformat(), q.level]
        for q in review.lines
    ]  # fmt: skip
    overrides = [
        [o.booking, o.customer, o.customer_name, o.contract, o.kind, o.start.isoformat(), o.end.isoformat(),
         o.persons, _iso(o.booked_at), o.booked_by, o.reason, o.cancelled]
        for o in review.overrides
    ]  # fmt: skip
    columns = ["customer", "customer_name", "contract", "tier", "kind", "course", "total", "used", "remaining"]
    return {
        **_head("quota", review, review.period.as_of(now), now),
        "day": review.day.isoformat(),
        "charts": [_chart(review.chart(), default_wording())],
        "tables": [
            {"key": "quota", "columns": [*columns, "year_ends", "level"], "rows": lines},
            {
                "key": "overrides",
                "columns": ["booking", "customer", "customer_name", "contract", "kind", "start", "end", "persons",
                            "booked_at", "booked_by", "reason", "cancelled"],
                "rows": overrides,
            },
        ],
    }  # fmt: skip


_HANDOVER = (
    "shifts", "signed", "acknowledged", "median_sign_delay_s", "worst_sign_delay_s", "median_ack_delay_s",
    "worst_ack_delay_s", "open_points", "revisions_after_signing",
)  # fmt: skip


def _handover_row(t: HandoverTally) -> list[Any]:
    return [getattr(t, c) for c in _HANDOVER]


def handover_data(review: HandoverReview, now: datetime) -> dict[str, Any]:
    rows = [["agent", agent, "", *_handover_row(t)] for agent, t in review.by_agent().items()]
    rows += [["week", agent, w.isoformat(), *_handover_row(t)] for (agent, w), t in review.by_agent_week().items()]
    shifts = [
        [x.agent, x.incoming, _iso(x.ends_at), x.week.isoformat(), x.state, x.revisions, _iso(x.signed_at),
         x.sign_delay_s, _iso(x.acknowledged_at), x.ack_delay_s, x.open_points, x.revisions_after_signing]
        for x in review.lines
    ]  # fmt: skip
    return {
        **_head("handovers", review, review.period.as_of(now), now),
        "charts": [_chart(review.chart())],
        "tables": [
            {"key": "handovers", "columns": ["breakdown", "agent", "week", *_HANDOVER], "rows": rows},
            {
                "key": "shift_list",
                "columns": ["agent", "incoming", "ends_at", "week", "state", "revisions", "signed_at",
                            "sign_delay_s", "acknowledged_at", "ack_delay_s", "open_points",
                            "revisions_after_signing"],
                "rows": shifts,
            },
        ],
    }  # fmt: skip


# ---------------------------------------------------------------- JSON, CSV, HTML


def render_json(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def render_csv(data: Mapping[str, Any]) -> str:
    """Every table of the review in one sheet: a ``table`` column, then the union of the columns.

    Numbers stay numbers; every ``*_s`` column has its duration in words beside it; text cells are
    quoted and neutralised.
    """
    columns: list[str] = []
    for table in data["tables"]:
        for c in table["columns"]:
            for name in (c, c[:-2]) if c.endswith("_s") else (c,):
                if name not in columns:
                    columns.append(name)
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_NONNUMERIC, lineterminator="\r\n")
    writer.writerow(["table", *columns])
    for table in data["tables"]:
        for row in table["rows"]:
            values = dict(zip(table["columns"], row, strict=True))
            cells: list[Any] = [table["key"]]
            for c in columns:
                if c in values:
                    v = values[c]
                elif f"{c}_s" in values and values[f"{c}_s"] is not None:
                    v = duration(int(values[f"{c}_s"]))
                else:
                    v = ""
                if isinstance(v, bool):
                    v = "yes" if v else "no"
                cells.append(v if isinstance(v, int | float) else neutralise("" if v is None else str(v)))
            writer.writerow(cells)
    return buf.getvalue()


_CSS = """
body{font-family:"Noto Sans CJK SC","Noto Sans",sans-serif;font-size:13px;margin:24px;color:#111}
h1{font-size:20px}h2{font-size:15px;margin-top:20px;border-bottom:1px solid #ccc}
table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}
td.n{text-align:right}th{background:#f0f0f0}figure{margin:8px 0}
"""


def table_html(table: Mapping[str, Any], words: Wording, zone: str = "UTC") -> str:
    columns = table["columns"]
    out = [f"<h2>{_e(word(table['key']))} ({len(table['rows'])})</h2>"]
    if not table["rows"]:
        return out[0] + f"<p>{_e(word('none'))}</p>"
    out.append("<table><thead><tr>" + "".join(f"<th>{_e(word(c))}</th>" for c in columns) + "</tr></thead><tbody>")
    for row in table["rows"]:
        breakdown = str(row[0]) if columns[0] == "breakdown" else ""
        tds = []
        for c, v in zip(columns, row, strict=True):
            numeric = isinstance(v, int | float) and not isinstance(v, bool)
            tds.append(f"<td{' class=n' if numeric else ''}>{_t(cell_text(c, v, words, breakdown, zone))}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def render_html(data: Mapping[str, Any], words: Wording | None = None) -> str:
    words = words or default_wording()
    title = title_of(data)
    p = data["period"]
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-Hans"><head><meta charset="utf-8">',
        # No scripts, no remote anything: even a bug in escaping could not run code or leak a request.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(word('period'))}: {_e(p['from'])} .. {_e(p['to'])} · {_e(word('zone'))}: {_e(p['zone'])} · "
        f"{_e(word('as_of'))}: {_e(data['as_of'])}</p>",
    ]
    for chart in data["charts"]:
        key = chart["key"]
        heading = word(key) if key in WORDS else f"{word(data['report'])}: {word(key.rsplit('_by_', 1)[-1])}"
        out.append(f"<h2>{_e(heading)}</h2><figure>{chart_svg(chart_from(chart), word, heading)}</figure>")
    out += [table_html(t, words, p["zone"]) for t in data["tables"]]
    out.append("</body></html>\n")
    return "\n".join(out)


def render_bytes(fmt: str, data: Mapping[str, Any], renderers: Mapping[str, Renderer] | None = None) -> bytes:
    if fmt == "json":
        return render_json(data).encode("utf-8")
    if fmt == "csv":
        return render_csv(data).encode("utf-8-sig")  # the BOM: spreadsheet tools then read Chinese right
    if fmt == "html":
        return render_html(data).encode("utf-8")
    renderer = (renderers or {}).get(f"review-{fmt}")
    if renderer is None:
        raise NoRenderer(fmt)
    return renderer(data, {})


def export_review(
    data: Mapping[str, Any], fmt: str, out: Path, renderers: Mapping[str, Renderer] | None = None
) -> Path:
    """Write a review to ``out`` atomically: never a half file."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    payload = render_bytes(fmt, data, renderers)
    with atomic_write(Path(out), "wb") as fh:
        fh.write(payload)
    return Path(out)
