"""A shift built step by step on the fake clock, and its reports read back; shared by the handover tests."""

from __future__ import annotations

import copy
import itertools
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from desk.catalog import Catalog
from desk.cli import main
from desk.clock import FakeClock
from desk.handover import Handover, ShiftInfo
from desk.services import Desk
from desk.vocabulary import CASE_STATUSES, ClockState
from tests.helpers import T0

XSS = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("http://x","y")'
CHINESE = "数据库连接失败 下一班次 接班人"
SHIFT_START = T0  # 09:00 Shanghai
SHIFT_END = T0 + timedelta(hours=8)  # 17:00 Shanghai


@dataclass
class BuiltShift:
    handover: Handover
    shift: ShiftInfo
    cases: dict[str, uuid.UUID]


def _open(desk: Desk, customer: str, title: str, severity: str, ref: str) -> uuid.UUID:
    (case_id,) = desk.open_case(customer, title, severity, "ticket", ref=ref).cases
    return case_id


def build_shift(desk: Desk, clock: FakeClock, *, entries: bool = True) -> BuiltShift:
    """alice's shift 09:00-17:00 Shanghai handing over to bob; the clock ends at the shift's end.

    XSS (L4 S1) breaches unanswered; FORMULA (L3 S2) is answered in time; CHINESE (L2 S3) is answered
    late; WAIT (L3 S4) waits on the customer; RES (L2 S5) is resolved; DUE (L3 S3) falls due one hour
    after the shift; one escort booking is made during the shift.
    """
    handover = Handover(desk)
    clock.set(SHIFT_START)
    shift = handover.start_shift("alice", incoming="bob", starts_at=SHIFT_START, ends_at=SHIFT_END)
    cases: dict[str, uuid.UUID] = {}
    clock.set(SHIFT_START + timedelta(minutes=10))
    cases["XSS"] = _open(desk, "cust-L4", XSS, "S1", "C-XSS")
    clock.set(SHIFT_START + timedelta(minutes=20))
    cases["FORMULA"] = _open(desk, "cust-L3", FORMULA, "S2", "C-FORMULA")
    clock.set(SHIFT_START + timedelta(minutes=30))
    cases["CHINESE"] = _open(desk, "cust-L2", CHINESE, "S3", "C-CHINESE")
    clock.set(SHIFT_START + timedelta(minutes=50))
    desk.record_response(cases["FORMULA"])
    clock.set(SHIFT_START + timedelta(hours=1))
    cases["WAIT"] = _open(desk, "cust-L3", "waiting for logs", "S4", "C-WAIT")
    clock.set(SHIFT_START + timedelta(hours=1, minutes=10))
    desk.record_response(cases["WAIT"])
    desk.set_status(cases["WAIT"], "waiting_customer", "asked for logs")
    clock.set(SHIFT_START + timedelta(hours=2))
    cases["RES"] = _open(desk, "cust-L2", "billing question", "S5", "C-RES")
    desk.book_quota("k-L4", "escort", date(2026, 12, 10), date(2026, 12, 10), goals="双十一 peak")
    clock.set(SHIFT_START + timedelta(hours=3))
    desk.record_response(cases["RES"])
    desk.set_status(cases["RES"], "resolved", "answered")
    clock.set(SHIFT_START + timedelta(hours=4))
    desk.record_response(cases["CHINESE"])  # deadline was 09:30 + 3 h: 30 minutes late
    clock.set(SHIFT_START + timedelta(hours=6))
    cases["DUE"] = _open(desk, "cust-L3", "slow queries", "S3", "C-DUE")
    if entries:
        handover.set_entry(shift.id, cases["XSS"], owner="bob", next_action="call the customer", briefed=True)
        handover.set_entry(shift.id, cases["CHINESE"], owner="carol", next_action="检查连接池", note=XSS)
        handover.set_notes(shift.id, f"quiet shift, coffee in the office; {FORMULA}")
    clock.set(SHIFT_END)
    return BuiltShift(handover, shift, cases)


STATUSES = CASE_STATUSES
STATES = tuple(ClockState)
EVENTS = ("opened", "severity", "status", "response", "assignee", "note", "field")
READINESS = ("no_owner", "no_next_action", "s1_not_briefed")
QUOTA_EVENTS = ("booked", "override", "cancelled")

# A code a reader must never meet: snake_case (``waiting_customer``, ``at_risk``, ``first_response``).
CODE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def every_code(data: Mapping[str, Any], catalog: Catalog) -> dict[str, Any]:
    """The report's data with open cases, short-list items and records in every status, SLA state,
    clock, channel change, event kind, readiness point and quota kind and event there is.

    Renderers label codes at render time, so the copy renders like a report that met all of them.
    The codes come from where they are defined (the catalog, the SLA engine, the event log's writers).
    """
    out = copy.deepcopy(dict(data))
    row = out["open_cases"][0]
    rows = []
    for n, (status, state) in enumerate(itertools.zip_longest(STATUSES, STATES, fillvalue="in_progress")):
        clock = catalog.clocks[n % len(catalog.clocks)].name
        channels = list(catalog.channels)
        changes = {
            "status": f"{status} -> {list(STATUSES)[(n + 1) % len(STATUSES)]}",
            "field": f"{channels[n % len(channels)]} -> {channels[(n + 1) % len(channels)]}",
        }
        kind = list(EVENTS)[n % len(EVENTS)]
        last = {"at": row["deadline"], "kind": kind, "actor": "alice", "detail": changes.get(kind, "")}
        rows.append({**row, "ref": f"C-CODE{n}", "status": status, "state": state, "clock": clock, "last_action": last})
        if kind != "field":  # every channel change as well
            rows.append(
                {**rows[-1], "ref": f"C-CHAN{n}", "last_action": {**last, "kind": "field", "detail": changes["field"]}}
            )
    out["open_cases"] = rows + out["open_cases"]
    out["summary"]["by_state"] = {state: 1 for state in STATES}
    item = out["due_soon"][0] if out["due_soon"] else None
    if item is not None:
        out["due_soon"] = [{**item, "clock": c.name} for c in catalog.clocks]
    breach = out["breached_during_shift"][0]
    out["breached_during_shift"] = [{**breach, "clock": c.name, "state": "breached"} for c in catalog.clocks]
    point = out["readiness"][0]
    out["readiness"] = [{**point, "code": code, "state": state} for code, state in zip(READINESS, STATES, strict=False)]
    booking = out["quota_bookings"][0]
    out["quota_bookings"] = [
        {**booking, "event": event, "kind": kind} for event in QUOTA_EVENTS for kind in catalog.quotas
    ]
    return out


class Collector(HTMLParser):
    """An HTML page read as a browser would: its tags, attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def run(
    capsys: pytest.CaptureFixture[str], db: Path, *args: str, now: str = "2026-11-26T17:05:00+08:00"
) -> tuple[int, str, str]:
    """The desk CLI in this process on the database file, at five past the shift's end: code, out, err."""
    code = main(["--db", f"sqlite:///{db}", "--now", now, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err
