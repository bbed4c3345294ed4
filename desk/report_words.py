"""The words a handover report and the CLI show a person: bilingual headings, labels for the desk's codes.

Reports leave the desk, so they are bilingual (English, then Chinese). The snapshot keeps codes
(``waiting_customer``, ``at_risk``, ``first_response``); they become words only when rendered, so a
report's JSON and its hash never change. Statuses, SLA states, event kinds and readiness points are
labelled by the tables below; channels, clocks and quota kinds by the catalog's own zh + en wording
(``Wording``). A code no table knows (a newer catalog's) still reads as words, never ``snake_case``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desk.palette import rank_colour
from desk.vocabulary import CaseStatus, ClockState, EventKind

if TYPE_CHECKING:
    from desk.catalog import CatalogRegistry

LABELS = {
    "title": "Shift handover 交接班报告",
    "window": "Shift 班次",
    "scope": "Cases of 范围",
    "times": "Times 时间",
    "as_of": "As of 截至",
    "outgoing": "Outgoing 交班人",
    "incoming": "Incoming 接班人",
    "generated": "Generated 生成于",
    "revision": "Revision 版本",
    "correction": "Correction of previous revision 更正原因",
    "signed": "Signed 签字",
    "acknowledged": "Acknowledged 确认接收",
    "not_yet": "not yet 尚未",
    "sha256": "SHA-256",
    "summary": "Summary 概况",
    "open": "Open cases 未结案例",
    "by_severity": "By severity 按严重性",
    "by_state": "By state 按状态",
    "breached": "Breached during the shift 本班次违约",
    "due_soon": "Due within {n} h 将在 {n} 小时内到期",
    "open_cases": "Open cases by deadline 未结案例(按截止时间)",
    "waiting": "Waiting on the customer 等待客户",
    "opened": "Opened during the shift 本班次新建",
    "responded": "Responded during the shift 本班次已响应",
    "resolved": "Resolved during the shift 本班次已解决",
    "quota": "Quota bookings during the shift 本班次配额预约",
    "notes": "Notes 备注",
    "readiness": "Open points at generation 生成时的待办",
    "chart": "Deadlines over the next shift 下一班次到期分布",
    "overdue": "already overdue 已逾期",
    "none": "none 无",
}

# (English, Chinese) per code; the Chinese is the window's (packaging/translations_zh_CN.py), and
# tests/ui/test_words.py holds the two to the same words.
STATES: dict[str, tuple[str, str]] = {
    ClockState.NO_TARGET: ("no target", "无目标"),
    ClockState.PENDING: ("not started", "未开始"),
    ClockState.ON_TRACK: ("on track", "正常"),
    ClockState.AT_RISK: ("at risk", "有风险"),
    ClockState.BREACHED: ("breached", "已超时"),
    ClockState.MET: ("met", "已达成"),
    ClockState.MISSED: ("missed", "未达成"),
    ClockState.PAUSED: ("paused", "已暂停"),
}
STATUSES: dict[str, tuple[str, str]] = {
    CaseStatus.NEW: ("new", "新建"),
    CaseStatus.IN_PROGRESS: ("in progress", "处理中"),
    CaseStatus.WAITING_CUSTOMER: ("waiting on the customer", "等待客户"),
    CaseStatus.RESOLVED: ("resolved", "已解决"),
    CaseStatus.CLOSED: ("closed", "已关闭"),
}
EVENTS: dict[str, tuple[str, str]] = {
    EventKind.OPENED: ("opened", "创建"),
    EventKind.SEVERITY: ("re-graded", "调整严重性"),
    EventKind.STATUS: ("status", "状态"),
    EventKind.RESPONSE: ("response", "响应"),
    EventKind.ASSIGNEE: ("assigned", "分派"),
    EventKind.NOTE: ("note", "备注"),
    EventKind.FIELD: ("field changed", "字段变更"),
}
QUOTA_EVENTS = {
    "booked": ("booked", "已预订"),
    "override": ("booked with an override", "凭超额原因预订"),
    "cancelled": ("cancelled", "已取消"),
}
READINESS = {
    "no_owner": ("at risk or breached, no owner", "有风险或已超时,无负责人"),
    "no_next_action": ("at risk or breached, no next action", "有风险或已超时,无下一步行动"),
    "s1_not_briefed": ("not verbally briefed", "未口头交接"),
}
# Warnings on opening a case and reasons a booking is refused (the CLI's words; the window's are its own).
CASE_WARNINGS = {
    "no_active_contract": (
        "No contract in force: the case has no contractual target.",
        "无生效合同:此案例没有合同约定的响应目标。",
    ),
    "no_contractual_target": (
        "This tier commits to no response time (no contractual target).",
        "该等级不承诺响应时间(无合同目标)。",
    ),
    "severity_not_in_tier": (
        "The tier has no such severity: the tier's best target applies.",
        "该等级没有此严重性:按该等级最快的响应目标计时。",
    ),
    "channel_not_entitled": ("The tier is not entitled to this channel.", "该等级无权使用此渠道。"),
    "third_party_out_of_scope": (
        "Third-party software is out of scope for this tier.",
        "第三方软件不在该等级的服务范围内。",
    ),
}
BOOKING_PROBLEMS = {
    "not_entitled": ("The tier is not entitled to this quota.", "该等级没有此配额。"),
    "over_quota": ("Over the quota of this contract year.", "超出本合同年的配额。"),
    "over_duration": ("Longer than the catalog allows.", "超出目录允许的时长。"),
    "outside_contract": ("Outside the contract's dates.", "超出合同期限。"),
    "bad_dates": ("The end is before the start.", "结束日期早于开始日期。"),
    "bad_persons": ("At least one person.", "至少一人。"),
    "missing_course": ("Training needs a course.", "培训需要填写课程。"),
    "unknown_kind": ("Unknown quota kind.", "未知的配额类型。"),
}
SCOPE_RULES = {
    "assigned_or_acted_during_shift": (
        "assigned, or acted on during the shift",
        "分派给他们或本班次内经他们处理",
    ),
}
WHOLE_DESK = ("The whole desk", "全部案例")
DIFF_KEYS = {"new": "new", "gone": "gone", "breached_since": "breached since"}


def plain(code: str) -> str:
    """An unknown code as words: ``some_new_state`` -> ``some new state``."""
    return code.replace("_", " ")


def both(pair: tuple[str, str]) -> str:
    """English then Chinese, the reports' form (``at risk 有风险``)."""
    return f"{pair[0]} {pair[1]}"


def label(table: Mapping[str, tuple[str, str]], code: str, language: str = "both") -> str:
    """``code``'s words from ``table``: ``both`` languages (reports) or ``en`` (the CLI)."""
    pair = table.get(code)
    if pair is None:
        return plain(code)
    return pair[0] if language == "en" else both(pair)


@dataclass(frozen=True)
class Wording:
    """The catalog's words for its codes (clocks, channels, quota kinds), each as (English, Chinese), and
    each severity's rank in its plan (which gives its colour)."""

    clocks: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    channels: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    quotas: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    severity_ranks: Mapping[str, int] = field(default_factory=dict)
    contractual_clocks: frozenset[str] = frozenset()  # a report names a clock leading a case unless it is one

    @classmethod
    def of(cls, catalogs: CatalogRegistry) -> Wording:
        """Every version's words, the newest version's winning where they differ."""
        clocks: dict[str, tuple[str, str]] = {}
        channels: dict[str, tuple[str, str]] = {}
        quotas: dict[str, tuple[str, str]] = {}
        ranks: dict[str, int] = {}
        contractual: set[str] = set()
        for version in catalogs.versions():  # oldest first
            catalog = catalogs.get(version)
            clocks.update({c.name: (c.label.en, c.label.zh) for c in catalog.clocks})
            channels.update({k: (c.name.en, c.name.zh) for k, c in catalog.channels.items()})
            quotas.update({k: (q.name.en, q.name.zh) for k, q in catalog.quotas.items()})
            ranks.update({k: s.rank for k, s in catalog.severities.items()})
            contractual.add(catalog.contractual_clock.name)
        return cls(clocks, channels, quotas, ranks, frozenset(contractual))

    def clock(self, code: str, language: str = "both") -> str:
        return label(self.clocks, code, language)

    def channel(self, code: str, language: str = "both") -> str:
        return label(self.channels, code, language)

    def quota(self, code: str, language: str = "both") -> str:
        return label(self.quotas, code, language)

    def severity_colour(self, code: str) -> str:
        """The severity's hue (``desk.palette``), by its rank in the plan."""
        return rank_colour(self.severity_ranks.get(code))


def default_wording() -> Wording:
    """The words of the installed catalogs (what the CLI and the window load)."""
    from desk.catalog import default_catalog_dir

    return _wording_in(default_catalog_dir())


@lru_cache(maxsize=2)
def _wording_in(directory: Path) -> Wording:
    from desk.catalog import CatalogRegistry

    return Wording.of(CatalogRegistry.load_dir(directory))


def wording_of(meta: Mapping[str, Any]) -> Wording:
    """The wording a renderer uses: the one ``report_meta`` was given, else the shipped catalogs'."""
    words = meta.get("wording")
    return words if isinstance(words, Wording) else default_wording()


def action_detail(kind: str, detail: str, words: Wording) -> str:
    """A last action's ``old -> new`` in words: statuses always; channels when both sides are channel codes.

    The snapshot does not say which field a ``field`` event changed; a title or product that merely
    equals a channel code on both sides would be shown as the channel too, which reads the same.
    """
    if " -> " not in detail or kind not in (EventKind.STATUS, EventKind.FIELD):
        return detail
    old, new = detail.split(" -> ", 1)
    if kind == EventKind.STATUS:
        return f"{label(STATUSES, old)} → {label(STATUSES, new)}" if old in STATUSES and new in STATUSES else detail
    if old in words.channels and new in words.channels:
        return f"{words.channel(old)} → {words.channel(new)}"
    return detail
