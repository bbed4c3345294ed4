"""SLA performance over a period: every case opened in it, as the SLA engine saw it at the period's end.

Nothing is counted twice or by other rules: each case's clocks come from ``desk.sla.evaluate`` over its
event history up to the review's instant (``desk.read.cases_at``), so a re-grade, a pause or a reopening
counts exactly as the countdown did. A clock's outcome:

* ``met``: stopped before its deadline; ``missed``: stopped at or after it (the plan's "< target"), or
  still running past it (then late by the time up to the review's instant);
* ``running``: still running (or paused) within its deadline; ``no_target``: the plan sets none (a tier
  without a committed response time, a case with no contract).

The met rate is met / (met + missed). Lateness percentiles are nearest-rank (the median of two values
is the smaller): exact seconds, no interpolation a reader could not redo by hand.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desk.read import CaseAt, Reader, cases_at
from desk.review_chart import Chart, chart_of
from desk.review_period import Period
from desk.sla import ClockResult
from desk.store.models import Case
from desk.vocabulary import ClockState

OUTCOMES = ("met", "missed", "running", "no_target")
DIMENSIONS = ("tier", "severity", "channel", "agent", "customer")
_RUNNING = (ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.PAUSED)


def outcome_of(clock: ClockResult, as_of: datetime) -> tuple[str, int | None]:
    """A clock's outcome and, when missed, how late (seconds); None for a clock that has not started."""
    if clock.state == ClockState.MET:
        return "met", None
    if clock.state == ClockState.MISSED:
        assert clock.deadline is not None and clock.stopped_at is not None
        return "missed", math.floor((clock.stopped_at - clock.deadline).total_seconds())
    if clock.state == ClockState.BREACHED:
        assert clock.deadline is not None
        return "missed", math.floor((as_of - clock.deadline).total_seconds())
    if clock.state in _RUNNING:
        return "running", None
    if clock.state == ClockState.NO_TARGET:
        return "no_target", None
    return "", None  # pending: an internal clock waiting for its start (no first response yet)


@dataclass(frozen=True, slots=True)
class SlaCase:
    """One case's part in the review: what it is filed under and how its clocks ended up."""

    case_id: uuid.UUID
    ref: str
    tier: str  # "" without a contract
    severity: str  # as it stood at the review's instant (after any re-grade)
    channel: str
    agent: str  # the assignee then; "" unassigned
    customer: str  # the customer's ref
    customer_name: str
    week: date
    outcome: str  # the contractual clock's
    late_s: int | None
    internal: tuple[tuple[str, str, int | None], ...]  # (clock, outcome, late_s) for each internal clock

    def key(self, dimension: str) -> str:
        return str(getattr(self, dimension))


@dataclass(frozen=True)
class Tally:
    """Counts per outcome and the lateness of the missed ones."""

    met: int = 0
    missed: int = 0
    running: int = 0
    no_target: int = 0
    late: tuple[int, ...] = ()  # sorted

    @property
    def total(self) -> int:
        return self.met + self.missed + self.running + self.no_target

    @property
    def met_rate(self) -> float | None:
        decided = self.met + self.missed
        return self.met / decided if decided else None

    @property
    def median_late_s(self) -> int | None:
        return nearest_rank(self.late, 50)

    @property
    def p90_late_s(self) -> int | None:
        return nearest_rank(self.late, 90)

    @property
    def worst_late_s(self) -> int | None:
        return self.late[-1] if self.late else None

    def count(self, outcome: str) -> int:
        return int(getattr(self, outcome))


def nearest_rank(ordered: Sequence[int], percent: int) -> int | None:
    """The nearest-rank percentile of sorted values; None when there are none."""
    if not ordered:
        return None
    return ordered[max(math.ceil(percent / 100 * len(ordered)), 1) - 1]


def tally(outcomes: Iterable[tuple[str, int | None]]) -> Tally:
    counts = dict.fromkeys(OUTCOMES, 0)
    late = []
    for outcome, late_s in outcomes:
        if outcome not in counts:
            continue
        counts[outcome] += 1
        if outcome == "missed" and late_s is not None:
            late.append(late_s)
    return Tally(**counts, late=tuple(sorted(late)))


@dataclass(frozen=True)
class SlaReview:
    period: Period
    as_of: datetime
    contractual_clock: str
    cases: tuple[SlaCase, ...]
    internal_clocks: tuple[str, ...]
    weeks: tuple[date, ...] = field(default=())

    @property
    def overall(self) -> Tally:
        return tally((c.outcome, c.late_s) for c in self.cases)

    def by(self, dimension: str) -> dict[str, Tally]:
        """The contractual clock's tally per value of a dimension (tier, severity, ...), in sorted order."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r} (one of {', '.join(DIMENSIONS)})")
        groups: dict[str, list[tuple[str, int | None]]] = {}
        for c in self.cases:
            groups.setdefault(c.key(dimension), []).append((c.outcome, c.late_s))
        return {k: tally(v) for k, v in sorted(groups.items())}

    def by_week(self) -> dict[date, Tally]:
        groups: dict[date, list[tuple[str, int | None]]] = {w: [] for w in self.weeks}
        for c in self.cases:
            groups.setdefault(c.week, []).append((c.outcome, c.late_s))
        return {k: tally(v) for k, v in sorted(groups.items())}

    def internal(self) -> dict[str, Tally]:
        """Each internal clock's tally (ours, not the plan's): cases where it has started."""
        return {
            name: tally((o, late) for c in self.cases for clock, o, late in c.internal if clock == name)
            for name in self.internal_clocks
        }

    def cases_behind(self, outcome: str | None = None, **where: str) -> list[SlaCase]:
        """The cases behind a number: those with this outcome (any if None) and these dimension values."""
        return [
            c
            for c in self.cases
            if (outcome is None or c.outcome == outcome) and all(c.key(k) == v for k, v in where.items())
        ]

    def week_chart(self) -> Chart:
        weeks = self.by_week()
        counts = [{o: t.count(o) for o in OUTCOMES} for t in weeks.values()]
        return chart_of("sla_by_week", [w.isoformat() for w in weeks], counts, OUTCOMES)

    def chart_by(self, dimension: str) -> Chart:
        groups = self.by(dimension)
        counts = [{o: t.count(o) for o in OUTCOMES} for t in groups.values()]
        return chart_of(f"sla_by_{dimension}", [k or "-" for k in groups], counts, OUTCOMES)


def sla_review(
    desk: Reader, period: Period, *, as_of: datetime | None = None, progress: Callable[[int], None] | None = None
) -> SlaReview:
    """Every case opened in ``period``, its clocks evaluated at ``as_of`` (default: the period's end, or now)."""
    at = as_of if as_of is not None else period.as_of(desk.clock.now())
    where = (Case.opened_at >= period.start, Case.opened_at < period.end)
    rows: list[SlaCase] = []
    contractual = ""
    internal: dict[str, None] = {}
    for n, found in enumerate(cases_at(desk, at, where=where), 1):
        rows.append(_row(found, period, at))
        contractual = contractual or found.catalog.contractual_clock.name
        internal.update(dict.fromkeys(c.name for c in found.catalog.clocks if not c.contractual))
        if progress is not None and n % 1000 == 0:
            progress(n)
    return SlaReview(period, at, contractual, tuple(rows), tuple(internal), tuple(period.weeks()))


def _row(found: CaseAt, period: Period, at: datetime) -> SlaCase:
    case, sla = found.case, found.sla
    outcome, late = outcome_of(sla.contractual, at)
    internal = tuple((c.name, *outcome_of(c, at)) for c in sla.clocks if not c.contractual)
    return SlaCase(
        case.id,
        case.ref,
        found.tier or "",
        found.severity,
        case.channel,
        found.assignee,
        case.customer.ref,
        case.customer.name,
        period.week_of(case.opened_at),
        outcome,
        late,
        tuple(i for i in internal if i[1]),
    )
