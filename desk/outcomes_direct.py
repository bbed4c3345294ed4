"""Each clock's kept outcome (``sla_outcomes``' text) worked out straight from a history, without the engine.

Where every clock of a plan counts calendar time (7x24), a span of working time is just the difference of
two instants, and the text kept on a case row needs nothing of the engine's answer but each clock's code.
This walks the history once per clock with the engine's rules (``desk.sla``: start, stop, pause and restart
triggers, the re-grade rule, strict deadlines), on instants and durations alone, without building the
engine's results: several times less CPU per case, which a writer of many new cases (the demo's millions,
an import) spends on every one. A plan with another calendar, or instants outside UTC, gets ``None``: the
caller asks the engine. A property test holds the two equal on generated histories, and ``desk check``
recomputes every row with the engine.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from desk.calendars import AlwaysCalendar
from desk.catalog import Catalog, ClockDef
from desk.sla_outcomes import micros
from desk.vocabulary import ENDED_STATUSES, CaseStatus, ClockTrigger, EventKind

_ZERO = timedelta(0)
# The vocabulary's members named once: each look-up of a class attribute costs as much as a comparison.
_STATUS, _SEVERITY, _RESPONSE = str(EventKind.STATUS), str(EventKind.SEVERITY), str(EventKind.RESPONSE)
_OPENED, _FIRST_RESPONSE = str(ClockTrigger.OPENED), str(ClockTrigger.FIRST_RESPONSE)
_ANY_RESPONSE, _REOPENED = str(ClockTrigger.RESPONSE), str(ClockTrigger.REOPENED)
_NEW = str(CaseStatus.NEW)
_ENDED = frozenset(str(s) for s in ENDED_STATUSES)


class EventFact(Protocol):
    """What is read of an event, stored (``CaseEvent``), about to be (``NewEvent``) or a row with these fields."""

    @property
    def at(self) -> datetime: ...
    @property
    def kind(self) -> str: ...
    @property
    def new(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class _Clock:
    """A clock's definition as this walk reads it: triggers as sets, targets looked up by tier once."""

    name: str
    start: str
    stop: tuple[str, ...]
    pause_while: frozenset[str]
    restart_on: tuple[str, ...]
    reopen_restarts: bool
    targets: _Tiers  # tier -> severity -> target (None: no target)


_PLANS: dict[int, tuple[Catalog, tuple[_Clock, ...] | None]] = {}


def _plan(catalog: Catalog) -> tuple[_Clock, ...] | None:
    """The catalog's clocks as this walk reads them; None if any of them counts other than calendar time."""
    known = _PLANS.get(id(catalog))
    if known is not None and known[0] is catalog:
        return known[1]
    clocks: tuple[_Clock, ...] | None = None
    if all(isinstance(catalog.calendars[c.calendar], AlwaysCalendar) for c in catalog.clocks):
        clocks = tuple(_compiled(c) for c in catalog.clocks)
    _PLANS[id(catalog)] = (catalog, clocks)  # the catalog kept alive: its id is never another's
    return clocks


def _compiled(clock: ClockDef) -> _Clock:
    return _Clock(
        clock.name,
        clock.start,
        tuple(clock.stop),
        frozenset(clock.pause_while),
        tuple(clock.restart_on),
        ClockTrigger.REOPENED in clock.restart_on,
        _Tiers(clock),
    )


class _Tiers(dict[str | None, "_Targets"]):
    """A clock's targets by tier, each tier's table made when first asked for."""

    def __init__(self, clock: ClockDef) -> None:
        super().__init__()
        self.clock = clock

    def __missing__(self, tier: str | None) -> _Targets:
        found = self[tier] = _Targets(self.clock, tier)
        return found


class _Targets(dict[str, "timedelta | None"]):
    """``clock.target(tier, severity)``'s target for one tier, asked of the clock once per severity."""

    def __init__(self, clock: ClockDef, tier: str | None) -> None:
        super().__init__()
        self.clock, self.tier = clock, tier

    def __missing__(self, severity: str) -> timedelta | None:
        found = self[severity] = self.clock.target(self.tier, severity)[0]
        return found


def kept_outcomes(
    catalog: Catalog, opened_at: datetime, opening_severity: str, tier: str | None, events: Iterable[EventFact],
    now: datetime,
) -> str | None:  # fmt: skip
    """``outcomes_text(evaluate(history, catalog, now))`` for the history of these facts, or None when the
    plan's clocks do not all count calendar time or an instant is not in UTC (then ask the engine)."""
    clocks = _plan(catalog)
    if clocks is None or opened_at.tzinfo is not UTC or now.tzinfo is not UTC:
        return None
    facts: list[tuple[datetime, str, str]] = []
    for ev in events:
        kind, at = ev.kind, ev.at
        if at.tzinfo is not UTC:
            return None
        if at > now:
            continue
        if kind in (_STATUS, _SEVERITY):
            if ev.new:
                facts.append((at, kind, ev.new))
        elif kind == _RESPONSE:
            facts.append((at, kind, ""))
    if opened_at > now:
        return ""  # every clock pending
    facts.sort(key=_at)  # stable, as the engine's sort: events at one instant keep their order
    times = _times(opened_at, facts)
    entries = []
    for clock in clocks:
        code = _code(clock, opening_severity, tier, facts, now, times)
        if code:
            entries.append(f"{clock.name}={code}")
    return ";".join(entries)


def _at(fact: tuple[datetime, str, str]) -> datetime:
    return fact[0]


def _times(opened_at: datetime, facts: list[tuple[datetime, str, str]]) -> dict[str, list[datetime]]:
    """Each trigger's instants in the history (a status names the instants the case took it), in one walk."""
    times: dict[str, list[datetime]] = {}
    responses: list[datetime] = []
    reopened: list[datetime] = []
    status = _NEW
    for at, kind, value in facts:
        if kind == _STATUS:
            if status in _ENDED and value not in _ENDED:
                reopened.append(at)
            status = value
            found = times.get(value)
            if found is None:
                times[value] = [at]
            else:
                found.append(at)
        elif kind == _RESPONSE:
            responses.append(at)
    times[_OPENED] = [opened_at]
    times[_ANY_RESPONSE] = responses
    times[_FIRST_RESPONSE] = responses[:1]
    times[_REOPENED] = reopened
    return times


def _code(
    clock: _Clock, opening_severity: str, tier: str | None, facts: list[tuple[datetime, str, str]],
    now: datetime, times: dict[str, list[datetime]],
) -> str:  # fmt: skip
    """One clock's code in the kept text ("" while it has not started), by the engine's rules."""
    starts = times.get(clock.start)
    if not starts:
        return ""
    start = starts[0]
    stops: list[datetime] = []
    for trigger in clock.stop:
        stops += times.get(trigger, ())
    stops.sort()
    stop = _first_from(stops, start)
    if clock.reopen_restarts:
        for reopened in times[_REOPENED]:
            if stop is not None and reopened > stop:
                start = reopened
                stop = _first_from(stops, start)
    end = stop if stop is not None else now
    if clock.restart_on:
        restarts = [t for trigger in clock.restart_on for t in times.get(trigger, ()) if start < t <= end]
        if restarts:
            start = max(restarts)
    # The case's severity and status as the clock starts.
    severity, status = opening_severity, _NEW
    for at, kind, value in facts:
        if at > start:
            break
        if kind == _SEVERITY:
            if at < start:
                severity = value
        elif kind == _STATUS:
            status = value
    targets = clock.targets[tier]
    budget = targets[severity]
    # The walk through (start, end]: pauses close running spans, re-grades can only bring the deadline closer.
    # The facts are in order and none before ``start`` is walked: a span never ends before it begins.
    pause = clock.pause_while
    paused = status in pause
    spans: list[tuple[datetime, datetime]] = []
    run_from: datetime | None = None if paused else start
    consumed = _ZERO  # the working time in ``spans``
    for at, kind, value in facts:
        if at < start or at > end or (at == start and kind != _SEVERITY):
            continue
        if kind == _STATUS:
            now_paused = value in pause
            if now_paused and not paused:
                assert run_from is not None
                spans.append((run_from, at))
                consumed += at - run_from
                run_from = None
            elif paused and not now_paused:
                run_from = at
            paused = now_paused
        elif kind == _SEVERITY:
            new_target = targets[value]
            if new_target is None:
                continue
            position = consumed + (at - run_from) if run_from is not None else consumed
            if budget is None or position + new_target < budget:
                budget = position + new_target
    if budget is None:
        return "n"
    if stop is not None:
        used = consumed
        if run_from is not None:
            spans.append((run_from, stop))
            used += stop - run_from
        if used < budget:
            return "m"
        deadline = _instant_of(budget, spans, None)
        if deadline is None:  # stopped while paused before the budget ran out
            deadline = stop + (budget - used)
        return f"x{math.floor((stop - deadline).total_seconds())}"
    if consumed < budget:  # the budget not reached by the closed spans: paused, or due in the running one
        return "p" if run_from is None else f"r{micros(run_from + (budget - consumed))}"
    deadline = _instant_of(budget, spans, run_from)
    assert deadline is not None
    return f"r{micros(deadline)}"


def _first_from(instants: list[datetime], start: datetime) -> datetime | None:
    for t in instants:
        if t >= start:
            return t
    return None


def _between(a: datetime, b: datetime) -> timedelta:
    return b - a if b > a else _ZERO


def _instant_of(
    budget: timedelta, spans: list[tuple[datetime, datetime]], open_from: datetime | None
) -> datetime | None:
    """The instant the running spans reach ``budget``; None if they never do."""
    used = _ZERO
    for a, b in spans:
        span = _between(a, b)
        if used + span >= budget:
            return a + (budget - used)
        used += span
    if open_from is None:
        return None
    return open_from + (budget - used)
