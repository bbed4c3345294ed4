"""SLA performance over a period: every case opened in it, as the SLA engine saw it at the period's end.

Nothing is counted twice or by other rules: each case's clocks are what ``desk.sla.evaluate`` gives over its
event history up to the review's instant, so a re-grade, a pause or a reopening counts exactly as the
countdown did. The database counts the cases whose rows keep the engine's answer after their latest event
(nothing happened to them since the instant: ``desk.review_counts``); the engine evaluates the others
(``desk.review_cases``). The cases behind a number are read only when asked for (``cases_behind``).
A clock's outcome (``desk.sla_outcomes.outcome_of``):

* ``met``: stopped before its deadline; ``missed``: stopped at or after it (the plan's "< target"), or
  still running past it (then late by the time up to the review's instant);
* ``running``: still running (or paused) within its deadline; ``no_target``: the plan sets none (a tier
  without a committed response time, a case with no contract).

The met rate is met / (met + missed). Lateness percentiles are nearest-rank (the median of two values
is the smaller): exact seconds, no interpolation a reader could not redo by hand.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import false

from desk.read import Reader
from desk.review_cases import SlaCase, period_cases
from desk.review_chart import Chart, chart_of
from desk.review_counts import DIMENSION_COLUMNS, ClockOutcome, count_kept, entry_outcome, plan_keys, week_index
from desk.review_period import Period
from desk.sla_outcomes import outcome_of

__all__ = ["SlaCase", "SlaReview", "Tally", "cases_behind", "nearest_rank", "outcome_of", "sla_review", "tally"]

OUTCOMES = ("met", "missed", "running", "no_target")
DIMENSIONS = ("tier", "severity", "channel", "agent", "customer")


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


class _Counter:
    """A tally being counted: outcomes, and the lateness of the missed ones (a value may stand for many)."""

    __slots__ = ("counts", "late")

    def __init__(self) -> None:
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.late: list[int] = []

    def add(self, outcome: str | None, late_s: int | None, cases: int = 1) -> None:
        if outcome not in self.counts:
            return  # a clock that has not started
        self.counts[outcome] += cases
        if outcome == "missed" and late_s is not None:
            self.late.extend([late_s] * cases)

    def tally(self) -> Tally:
        return Tally(**self.counts, late=tuple(sorted(self.late)))


def _tallies(counters: Mapping[Any, _Counter]) -> dict[Any, Tally]:
    return {k: c.tally() for k, c in sorted(counters.items())}


@dataclass(frozen=True)
class SlaReview:
    """A period's figures: the contractual clock's tallies overall, per week and per breakdown, and the
    internal clocks'. The cases behind a number are read when asked (``cases_behind``); the ones the engine
    evaluated (events after the review's instant, or rows that keep nothing yet) are held in ``later``."""

    period: Period
    as_of: datetime
    contractual_clock: str
    internal_clocks: tuple[str, ...]
    overall: Tally
    groups: Mapping[str, Mapping[str, Tally]]  # per breakdown counted (``by``), per value in sorted order
    weeks: tuple[date, ...]
    week_tallies: Mapping[date, Tally]
    internal_tallies: Mapping[str, Tally]
    later: tuple[SlaCase, ...] = ()
    evaluated: int = 0  # cases evaluated from their history (the rest were counted from what their rows keep)
    counted_in_sql: bool = True

    def by(self, dimension: str) -> Mapping[str, Tally]:
        """The contractual clock's tally per value of a dimension (tier, severity, ...), in sorted order."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {dimension!r} (one of {', '.join(DIMENSIONS)})")
        if dimension not in self.groups:
            raise ValueError(f"{dimension!r} was not counted (the review was asked for {', '.join(self.groups)})")
        return self.groups[dimension]

    def by_week(self) -> Mapping[date, Tally]:
        return self.week_tallies

    def internal(self) -> Mapping[str, Tally]:
        """Each internal clock's tally (ours, not the plan's): cases where it has started."""
        return self.internal_tallies

    def week_chart(self) -> Chart:
        weeks = self.by_week()
        counts = [{o: t.count(o) for o in OUTCOMES} for t in weeks.values()]
        return chart_of("sla_by_week", [w.isoformat() for w in weeks], counts, OUTCOMES)

    def chart_by(self, dimension: str) -> Chart:
        groups = self.by(dimension)
        counts = [{o: t.count(o) for o in OUTCOMES} for t in groups.values()]
        return chart_of(f"sla_by_{dimension}", [k or "-" for k in groups], counts, OUTCOMES)


class _Review:
    """The counters of one review, fed by grouped SQL rows and by cases evaluated one by one."""

    def __init__(self, weeks: Sequence[date], internal: Sequence[str], by: Sequence[str]) -> None:
        self.overall = _Counter()
        self.groups: dict[str, defaultdict[str, _Counter]] = {d: defaultdict(_Counter) for d in by}
        self.weeks = {w: _Counter() for w in weeks}
        self.internal = {name: _Counter() for name in internal}

    def add_case(self, c: SlaCase) -> None:
        self.overall.add(c.outcome, c.late_s)
        for dimension, counters in self.groups.items():
            counters[c.key(dimension)].add(c.outcome, c.late_s)
        self.weeks.setdefault(c.week, _Counter()).add(c.outcome, c.late_s)
        for name, outcome, late in c.internal:
            if name in self.internal:
                self.internal[name].add(outcome, late)

    def review(
        self, period: Period, at: datetime, contractual: str, later: Sequence[SlaCase], evaluated: int, sql: bool
    ) -> SlaReview:
        return SlaReview(
            period, at, contractual, tuple(self.internal), self.overall.tally(),
            {d: _tallies(c) for d, c in self.groups.items()}, tuple(self.weeks), _tallies(self.weeks),
            {name: c.tally() for name, c in self.internal.items()}, tuple(later), evaluated, sql,
        )  # fmt: skip


def sla_review(
    desk: Reader,
    period: Period,
    *,
    as_of: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    kept: bool = True,
    by: Sequence[str] = DIMENSIONS,
) -> SlaReview:
    """The figures of every case opened in ``period``, its clocks evaluated at ``as_of`` (default: the
    period's end, or now); breakdowns ``by`` these dimensions (tier, severity and channel always).

    The database counts the rows that keep their outcomes (``desk.review_counts``); the engine evaluates
    the rest. ``kept=False`` evaluates every case's history instead: the same figures, far slower (the tests
    hold the two equal).
    """
    at = as_of if as_of is not None else period.as_of(desk.clock.now())
    by = tuple(dict.fromkeys((*_ALWAYS, *by)))
    weeks = period.weeks()
    with desk.store.read() as session:
        versions, days = plan_keys(session, period, at)
    plans = [desk.catalogs.get(v) for v in versions if v is not None] + [desk.catalogs.in_effect(d) for d in days]
    contractual = {p.contractual_clock.name for p in plans}
    internal = tuple(dict.fromkeys(c.name for p in plans for c in p.clocks if not c.contractual))
    if not kept or len(contractual) > 1:  # plans naming different contractual clocks: case by case
        found = period_cases(desk, period, at, kept=kept, progress=progress)
        counters = _Review(weeks, found.internal_clocks, by)
        for c in found.cases:
            counters.add_case(c)
        return counters.review(period, at, found.contractual_clock, (), found.evaluated, False)
    clock = next(iter(contractual), "")
    unkept = period_cases(desk, period, at, unkept_only=True, progress=progress)
    later = unkept.cases
    counters = _Review(weeks, internal, by)
    if clock:
        _count_kept(desk, period, at, clock, counters, progress)
    for c in later:
        counters.add_case(c)
    return counters.review(period, at, clock, later, unkept.evaluated, True)


_ALWAYS = ("tier", "severity", "channel")  # one grouping counts them with the weeks


def _count_kept(
    desk: Reader, period: Period, at: datetime, clock: str, counters: _Review, progress: Callable[[int], None] | None
) -> None:
    """Add the rows that keep their outcomes, counted in one pass; each distinct entry is read once."""
    weeks = list(counters.weeks)
    with desk.store.read() as session:
        found = count_kept(session, period, at, list(counters.groups), clock, list(counters.internal), progress)
    read: dict[str, tuple[str | None, int | None]] = {}

    def outcome(entry: str) -> tuple[str | None, int | None]:
        known = read.get(entry)
        if known is None:
            known = read[entry] = entry_outcome(entry, at)
        return known

    for dimension, counted in found.dimensions.items():
        group = counters.groups[dimension]
        for (key, entry), cases in counted.items():
            group[key].add(*outcome(entry), cases)
    for (week, entry), cases in found.weeks.items():
        counters.weeks[weeks[week]].add(*outcome(entry), cases)
    for entry, cases in found.overall.items():
        counters.overall.add(*outcome(entry), cases)
    for name, counted_clock in found.internal.items():
        counter = counters.internal[name]
        for entry, cases in counted_clock.items():
            counter.add(*entry_outcome(entry, at), cases)


def cases_behind(
    desk: Reader, review: SlaReview, outcome: str | None = None, *, week: date | None = None, **where: str
) -> list[SlaCase]:
    """The cases behind a number: those with this outcome (any if None), in this week and with these
    dimension values (all of them if none), by opening time. Read from the store: call it off the GUI thread."""
    unknown = [d for d in where if d not in DIMENSIONS]
    if unknown:
        raise ValueError(f"unknown dimension {unknown[0]!r} (one of {', '.join(DIMENSIONS)})")

    def keep(c: SlaCase) -> bool:
        return (
            (outcome is None or c.outcome == outcome)
            and (week is None or c.week == week)
            and all(c.key(k) == v for k, v in where.items())
        )

    period, at = review.period, review.as_of
    if not review.counted_in_sql:
        return [c for c in period_cases(desk, period, at).cases if keep(c)]
    # A case's severity and assignee at the review's instant are its row's only if it kept its outcomes then.
    changing = [DIMENSION_COLUMNS[k] == v for k, v in where.items() if k in _CHANGING]
    every = [DIMENSION_COLUMNS[k] == v for k, v in where.items() if k not in _CHANGING]
    if outcome is not None:
        changing.append(ClockOutcome(review.contractual_clock, at).outcome == outcome)
    if week is not None:
        weeks = list(review.weeks)
        every.append(week_index(period) == weeks.index(week) if week in weeks else false())
    known = {c.case_id: c for c in review.later}
    return list(period_cases(desk, period, at, where=changing, every=every, known=known, keep=keep).cases)


_CHANGING = ("severity", "agent")  # re-graded and reassigned over time; tier, channel and customer are not
