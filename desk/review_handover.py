"""Handover discipline over a period: per agent and week, shifts handed over, signed, acknowledged, how late.

A shift belongs to the period if it ends in it, to the week its end falls in (the period's time zone).
Of its report revisions (``desk.store.handover_models``):

* signed: some revision was signed; ``sign_delay_s`` is the first signature's time after the shift's
  end (negative: signed before the end);
* acknowledged: the latest signed revision was acknowledged; ``ack_delay_s`` is the time from that
  signature to the acknowledgement;
* open points at signing: the readiness points frozen in the first signed revision (unbriefed
  severe cases, breaches without a next action ...);
* revisions after signing: corrections generated after the first signature.
"""

from __future__ import annotations

import json
import math
import uuid
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from desk.read import Reader
from desk.review_chart import Chart, chart_of
from desk.review_period import Period
from desk.review_sla import nearest_rank
from desk.store.handover_models import HandoverReport, Shift

STATES = ("acknowledged", "signed", "unsigned")


@dataclass(frozen=True, slots=True)
class ShiftLine:
    shift_id: uuid.UUID
    agent: str  # outgoing
    incoming: str
    starts_at: datetime
    ends_at: datetime
    week: date
    revisions: int
    signed_by: str | None
    signed_at: datetime | None
    sign_delay_s: int | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    ack_delay_s: int | None
    open_points: int | None  # None when never signed
    revisions_after_signing: int

    @property
    def state(self) -> str:
        if self.acknowledged_at is not None:
            return "acknowledged"
        return "signed" if self.signed_at is not None else "unsigned"


@dataclass(frozen=True)
class HandoverTally:
    shifts: int
    signed: int
    acknowledged: int
    median_sign_delay_s: int | None
    worst_sign_delay_s: int | None
    median_ack_delay_s: int | None
    worst_ack_delay_s: int | None
    open_points: int
    revisions_after_signing: int


def tally(lines: list[ShiftLine]) -> HandoverTally:
    signs = sorted(x.sign_delay_s for x in lines if x.sign_delay_s is not None)
    acks = sorted(x.ack_delay_s for x in lines if x.ack_delay_s is not None)
    return HandoverTally(
        len(lines),
        sum(1 for x in lines if x.signed_at is not None),
        sum(1 for x in lines if x.acknowledged_at is not None),
        nearest_rank(signs, 50),
        signs[-1] if signs else None,
        nearest_rank(acks, 50),
        acks[-1] if acks else None,
        sum(x.open_points or 0 for x in lines),
        sum(x.revisions_after_signing for x in lines),
    )


@dataclass(frozen=True)
class HandoverReview:
    period: Period
    lines: tuple[ShiftLine, ...]
    weeks: tuple[date, ...]

    def by_agent(self) -> dict[str, HandoverTally]:
        groups: dict[str, list[ShiftLine]] = {}
        for x in self.lines:
            groups.setdefault(x.agent, []).append(x)
        return {k: tally(v) for k, v in sorted(groups.items())}

    def by_agent_week(self) -> dict[tuple[str, date], HandoverTally]:
        groups: dict[tuple[str, date], list[ShiftLine]] = {}
        for x in self.lines:
            groups.setdefault((x.agent, x.week), []).append(x)
        return {k: tally(v) for k, v in sorted(groups.items())}

    def shifts_behind(self, agent: str | None = None, week: date | None = None) -> list[ShiftLine]:
        return [x for x in self.lines if (agent is None or x.agent == agent) and (week is None or x.week == week)]

    def chart(self) -> Chart:
        counts: dict[date, dict[str, int]] = {w: dict.fromkeys(STATES, 0) for w in self.weeks}
        for x in self.lines:
            counts.setdefault(x.week, dict.fromkeys(STATES, 0))[x.state] += 1
        ordered = sorted(counts.items())
        return chart_of("handovers_by_week", [w.isoformat() for w, _ in ordered], [c for _, c in ordered], STATES)


def _seconds(later: datetime, earlier: datetime) -> int:
    return math.floor((later - earlier).total_seconds())


def handover_review(desk: Reader, period: Period) -> HandoverReview:
    """Every shift ending in ``period`` with its reports' signatures and acknowledgements."""
    with desk.store.read() as session:
        shifts = session.scalars(
            select(Shift)
            .where(Shift.ends_at >= period.start, Shift.ends_at < period.end)
            .order_by(Shift.ends_at, Shift.outgoing, Shift.id)
        ).all()
        reports: dict[uuid.UUID, list[HandoverReport]] = {}
        ids = [s.id for s in shifts]
        for n in range(0, len(ids), 500):
            for r in session.scalars(
                select(HandoverReport)
                .where(HandoverReport.shift_id.in_(ids[n : n + 500]))
                .order_by(HandoverReport.revision)
            ):
                reports.setdefault(r.shift_id, []).append(r)
        lines = [_line(s, reports.get(s.id, []), period) for s in shifts]
    return HandoverReview(period, tuple(lines), tuple(period.weeks()))


def _line(shift: Shift, revisions: list[HandoverReport], period: Period) -> ShiftLine:
    signed = [r for r in revisions if r.signed_at is not None]
    first = signed[0] if signed else None
    last = signed[-1] if signed else None
    open_points = len(json.loads(first.snapshot).get("readiness", [])) if first is not None else None
    after = sum(1 for r in revisions if first is not None and r.revision > first.revision)
    ack_at = last.acknowledged_at if last is not None else None
    return ShiftLine(
        shift.id,
        shift.outgoing,
        shift.incoming,
        shift.starts_at,
        shift.ends_at,
        period.week_of(shift.ends_at),
        len(revisions),
        first.signed_by if first is not None else None,
        first.signed_at if first is not None else None,
        _seconds(first.signed_at, shift.ends_at) if first is not None and first.signed_at is not None else None,
        last.acknowledged_by if last is not None else None,
        ack_at,
        _seconds(ack_at, last.signed_at) if last is not None and ack_at is not None and last.signed_at else None,
        open_points,
        after,
    )
