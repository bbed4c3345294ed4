"""The team lead's reviews in words: every code and column in English then Chinese, and a figure as a reader reads it.

Shared by the HTML export (``desk.review_render``) and the PDF (``ui.review.pdf``); the JSON and CSV keep
the codes and exact figures. The Chinese is the window's (``packaging/translations_zh_CN.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

from desk.clock import parse_instant
from desk.report_render import isolate
from desk.report_words import STATES, Wording, both
from desk.sla import format_duration

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
