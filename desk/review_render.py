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
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desk.atomic import atomic_write
from desk.clock import format_instant, parse_instant
from desk.report_render import NoRenderer, Renderer, _e, _t, isolate, neutralise
from desk.report_words import STATES, Wording, both, default_wording
from desk.review_chart import Chart, Series, chart_svg
from desk.review_handover import HandoverReview, HandoverTally
from desk.review_quota import QuotaReview
from desk.review_sla import DIMENSIONS, SlaReview, Tally
from desk.sla import format_duration

REPORTS = ("sla", "quota", "handovers")
FORMATS = ("json", "csv", "html", "pdf")
FORMAT_VERSION = "desk-review-1"

# (English, Chinese) for every code a review shows: the window's words (packaging/translations_zh_CN.py).
WORDS: dict[str, tuple[str, str]] = {
    "sla": ("SLA performance", "SLA 达成情况"),
    "quota": ("Quota use", "配额使用"),
    "handovers": ("Handover discipline", "交接班规范"),
    "period": ("Period", "期间"),
    "as_of": ("As it stood at", "统计时点"),
    "zone": ("Time zone", "时区"),
    "met": ("met", "已达成"),
    "missed": ("missed", "未达成"),
    "running": ("still running", "仍在计时"),
    "no_target": ("no target", "无目标"),
    "over": ("over the limit", "超出限额"),
    "at_limit": ("at the limit", "已达限额"),
    "near": ("near the limit", "接近限额"),
    "unused": ("unused", "未使用"),
    "ok": ("in use", "使用中"),
    "acknowledged": ("acknowledged", "已确认接收"),
    "signed": ("signed", "已签字"),
    "unsigned": ("not signed", "未签字"),
    "sla_by_week": ("First responses per week (contractual)", "每周首次响应(合同)"),
    "quota_by_kind": ("Contracts per quota and level", "各配额的合同数(按级别)"),
    "handovers_by_week": ("Handovers per week", "每周交接班"),
    "breakdown": ("Breakdown", "分组"),
    "group": ("Group", "组"),
    "overall": ("All cases", "全部案例"),
    "week": ("Week of", "周"),
    "tier": ("Tier", "等级"),
    "severity": ("Severity", "严重性"),
    "channel": ("Channel", "渠道"),
    "agent": ("Agent", "坐席"),
    "customer": ("Customer", "客户"),
    "total": ("total", "合计"),
    "met_rate": ("met rate", "达成率"),
    "median_late_s": ("median lateness", "迟到中位数"),
    "p90_late_s": ("90th percentile lateness", "迟到 90 百分位"),
    "worst_late_s": ("worst lateness", "最长迟到"),
    "internal": ("Internal clocks (ours, not the plan's)", "内部时钟(我方,非合同)"),
    "clock": ("Clock", "时钟"),
    "customer_name": ("Customer name", "客户名称"),
    "contract": ("Contract", "合同"),
    "kind": ("Quota", "配额"),
    "course": ("Course", "课程"),
    "used": ("used", "已用"),
    "remaining": ("left", "剩余"),
    "year_ends": ("contract year ends", "合同年度结束"),
    "level": ("level", "级别"),
    "overrides": ("Bookings made with an override", "超限预订"),
    "booking": ("Booking", "预订"),
    "start": ("from", "开始"),
    "end": ("to", "结束"),
    "persons": ("persons", "人数"),
    "booked_at": ("booked at", "预订时间"),
    "booked_by": ("booked by", "预订人"),
    "reason": ("reason", "原因"),
    "cancelled": ("cancelled", "已取消"),
    "shifts": ("shifts", "班次"),
    "median_sign_delay_s": ("median signing after the shift", "签字延迟中位数"),
    "worst_sign_delay_s": ("latest signing after the shift", "最长签字延迟"),
    "median_ack_delay_s": ("median acknowledgement after signing", "确认延迟中位数"),
    "worst_ack_delay_s": ("latest acknowledgement after signing", "最长确认延迟"),
    "open_points": ("open points at signing", "签字时待办"),
    "revisions_after_signing": ("revisions after signing", "签字后修订"),
    "outcome": ("first response", "首次响应"),
    "late_s": ("late by", "迟到"),
    "ref": ("Case", "案例"),
    "cases": ("The cases behind the numbers", "数字背后的案例"),
    "shift_list": ("The shifts behind the numbers", "数字背后的班次"),
    "ends_at": ("shift ended", "班次结束"),
    "signed_at": ("signed at", "签字时间"),
    "acknowledged_at": ("acknowledged at", "确认时间"),
    "state": ("state", "状态"),
    "none": ("none", "无"),
    "sign_delay_s": ("signed after the shift", "班次结束后签字"),
    "ack_delay_s": ("acknowledged after signing", "签字后确认接收"),
    "revisions": ("revisions", "修订数"),
    "incoming": ("to", "接班人"),
}
INSTANT_COLUMNS = frozenset({"ends_at", "signed_at", "acknowledged_at", "booked_at"})


def duration(seconds: int, chinese: bool = False) -> str:
    """A lateness or delay in words; a negative one (signed before the shift ended) is ``early``."""
    if seconds >= 0:
        return format_duration(seconds)
    return format_duration(-seconds) + (" early 提前" if chinese else " early")


def word(code: str) -> str:
    """A code in English then Chinese, the exports' form."""
    pair = WORDS.get(code) or STATES.get(code)
    return both(pair) if pair else code.replace("_", " ")


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


def sla_data(review: SlaReview, now: datetime, by: tuple[str, ...] = DIMENSIONS) -> dict[str, Any]:
    rows: list[list[Any]] = [["overall", "", *_tally_row(review.overall)]]
    rows += [["week", w.isoformat(), *_tally_row(t)] for w, t in review.by_week().items()]
    for dimension in by:
        rows += [[dimension, k, *_tally_row(t)] for k, t in review.by(dimension).items()]
    internal = [[name, *_tally_row(t)] for name, t in review.internal().items()]
    cases = [
        [c.ref, c.tier, c.severity, c.channel, c.agent, c.customer, c.week.isoformat(), c.outcome, c.late_s]
        for c in review.cases
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
                "rows": cases,
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


# ---------------------------------------------------------------- cells shared by HTML and PDF

USER_COLUMNS = frozenset({"group", "agent", "customer", "customer_name", "contract", "course", "booking", "reason",
                          "booked_by", "incoming", "ref"})  # fmt: skip
CODE_COLUMNS = frozenset({"breakdown", "outcome", "level", "state", "kind", "clock", "channel"})


def cell_text(column: str, value: Any, words: Wording, breakdown: str = "", zone: str = "UTC") -> str:
    """A figure as a reader reads it: durations in words, rates in percent, codes in words, user text
    isolated, instants in the period's zone (the JSON and CSV keep them in UTC)."""
    if value is None or value == "":
        return "-"
    if column in INSTANT_COLUMNS:
        return parse_instant(str(value)).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")
    if column.endswith("_s"):
        return duration(int(value), chinese=True)
    if column == "met_rate":
        return f"{value * 100:.1f} %"
    if isinstance(value, bool):
        return "yes 是" if value else "no 否"
    if column == "kind":
        return words.quota(str(value))
    if column == "clock":
        return words.clock(str(value))
    if column == "channel" or (column == "group" and breakdown == "channel"):
        return words.channel(str(value))
    if column in CODE_COLUMNS:
        return word(str(value))
    if column in USER_COLUMNS:
        return isolate(value)
    return str(value)


def title_of(data: Mapping[str, Any]) -> str:
    p = data["period"]
    return f"{word(data['report'])} {p['from']} .. {p['to']}"


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
