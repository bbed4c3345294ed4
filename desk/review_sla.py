"""SLA performance over a period: every case opened in it, as the SLA engine saw it at the period's end.

Nothing is counted twice or by other rules: each case's clocks are what ``desk.sla.evaluate`` gives over its
event history up to the review's instant (``desk.review_cases``: read from what the case row keeps of the
engine's answer when nothing happened to the case since, evaluated otherwise), so a re-grade, a pause or a
reopening counts exactly as the countdown did. A clock's outcome (``desk.sla_outcomes.outcome_of``):

* ``met``: stopped before its deadline; ``missed``: stopped at or after it (the plan's "< target"), or
  still running past it (then late by the time up to the review's instant);
* ``running``: still running (or paused) within its deadline; ``no_target``: the plan sets none (a tier
  without a committed response time, a case with no contract).

The met rate is met / (met + missed). Lateness percentiles are nearest-rank (the median of two values
is the smaller): exact seconds, no interpolation a reader could not redo by hand.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from desk.read import Reader
from desk.review_cases import SlaCase, period_cases
from desk.review_chart import Chart, chart_of
from desk.review_period import Period
from desk.sla_outcomes import outcome_of

__all__ = ["SlaCase", "SlaReview", "Tally", "nearest_rank", "outcome_of", "sla_review", "tally"]

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


@dataclass(frozen=True)
class SlaReview:
    period: Period
    as_of: datetime
    contractual_clock: str
    cases: tuple[SlaCase, ...]
    internal_clocks: tuple[str, ...]
    weeks: tuple[date, ...] = field(default=())
    evaluated: int = 0  # cases evaluated from their history (the rest were read from what their rows keep)

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
    desk: Reader,
    period: Period,
    *,
    as_of: datetime | None = None,
    progress: Callable[[int], None] | None = None,
    kept: bool = True,
) -> SlaReview:
    """Every case opened in ``period``, its clocks evaluated at ``as_of`` (default: the period's end, or now).

    ``kept=False`` evaluates every case's history instead of reading what its row keeps: the same figures,
    slower (the tests hold the two equal).
    """
    at = as_of if as_of is not None else period.as_of(desk.clock.now())
    found = period_cases(desk, period, at, kept=kept, progress=progress)
    weeks = tuple(period.weeks())
    return SlaReview(period, at, found.contractual_clock, found.cases, found.internal_clocks, weeks, found.evaluated)
