"""SLA clocks as pure functions of a case's history, the catalog and "now".

Nothing here is stored: deadlines, paused time and states are recomputed from the event history, so a
re-grade, a catalog correction or a clock jump can never leave a stale counter behind.

Semantics (the plan's response-time rules and our interpretations, docs/domain.md):

* A clock runs from its start trigger to its first stop trigger, restarts (fresh budget) at each restart
  trigger, and does not count time while the case's status is one of its pause statuses.
* Working time is measured in the clock's calendar; the *budget* is the working time allowed.
  At opening (or restart) the budget is the target for the tier and severity. A re-grade while the clock
  runs at working-time position ``c`` sets ``budget = min(budget, c + new target)``: an upgrade can only
  bring the deadline closer, a downgrade never extends it. The *governing target* is the target whose
  rule set the current budget; ``at_risk`` means less than ``at_risk_fraction`` of it is left (or less
  than the catalog's absolute lead, whichever comes first).
* "< 12 minutes" is strict: a response at exactly the deadline is ``missed``; ``now >= deadline`` is
  ``breached``.
* A resolution or closure before any response stops the first-response clock (the resolution is the
  response), as the 2018 catalog's stop triggers say.
* Events after ``now`` are ignored, so evaluating at a past instant shows the case as it stood then.
"""

from __future__ import annotations

import functools
import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from desk.calendars import AlwaysCalendar, Calendar
from desk.catalog import Catalog, ClockDef
from desk.vocabulary import ENDED_STATUSES, RUNNING_STATES, CaseStatus, ClockState, ClockTrigger, EventKind

_ZERO = timedelta(0)
# Enum members named once: ``EventKind.STATUS`` is a look-up on the enum class each time it is read (tens of
# nanoseconds, as much as the comparison it serves), and the engine reads them for every event of every case.
_STATUS, _SEVERITY, _RESPONSE = EventKind.STATUS, EventKind.SEVERITY, EventKind.RESPONSE
_NEW, _REOPENED = CaseStatus.NEW, ClockTrigger.REOPENED
_PENDING, _NO_TARGET, _PAUSED = ClockState.PENDING, ClockState.NO_TARGET, ClockState.PAUSED
_MET, _MISSED = ClockState.MET, ClockState.MISSED
_ON_TRACK, _AT_RISK, _BREACHED = ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED
_AT = attrgetter("at")


@dataclass(frozen=True, slots=True)
class SlaEvent:
    """One fact of a case's history that clocks care about."""

    at: datetime
    kind: EventKind  # severity, status or response: the kinds clocks care about
    value: str = ""  # the new severity or status; empty for a response


@dataclass(frozen=True, slots=True)
class CaseHistory:
    opened_at: datetime
    opening_severity: str
    tier: str | None  # None: no contract was in force when the case was opened
    events: tuple[SlaEvent, ...] = ()

    def sorted_events(self, now: datetime) -> list[SlaEvent]:
        events = [e for e in self.events if e.at <= now]
        events.sort(key=_AT)
        return events


@dataclass(frozen=True, slots=True)
class ClockResult:
    name: str
    contractual: bool
    state: ClockState
    deadline: datetime | None
    remaining_s: int | None
    target: timedelta | None  # the governing target
    paused: bool = False
    paused_s: int = 0
    started_at: datetime | None = None
    stopped_at: datetime | None = None
    fallback: bool = False  # the severity is not in the tier; the tier's best target applies

    @property
    def running(self) -> bool:
        return self.state in RUNNING_STATES


@dataclass(frozen=True, slots=True)
class CaseSla:
    clocks: tuple[ClockResult, ...]

    @property
    def contractual(self) -> ClockResult:
        return next(c for c in self.clocks if c.contractual)

    @property
    def most_urgent(self) -> ClockResult | None:
        """The running clock with the earliest deadline (the queue shows this one)."""
        running = [c for c in self.clocks if c.running and c.deadline is not None]
        if running:
            return min(running, key=lambda c: (c.deadline, not c.contractual))
        paused = [c for c in self.clocks if c.state == _PAUSED]
        return paused[0] if paused else None


@dataclass(frozen=True, slots=True)
class DueCache:
    """What the queue needs of a case's most urgent clock, kept on the case row so the queue loads from SQL.

    Valid until the case's next event: a running clock's deadline and a paused clock's budget only move
    when something happens to the case. ``desk check`` recomputes and compares.
    """

    clock: str = ""  # "" when no clock runs or is paused (closed, or only met/missed/no-target clocks)
    at: datetime | None = None  # the running clock's deadline
    target_s: int | None = None  # its governing target
    left_s: int | None = None  # a paused clock's working time left

    REVISION = 1  # bump when the meaning of these fields changes; older rows are then re-evaluated

    @classmethod
    def of(cls, sla: CaseSla, is_open: bool) -> DueCache:
        urgent = sla.most_urgent
        if not is_open or urgent is None or urgent.target is None:
            return cls()
        target_s = int(urgent.target.total_seconds())
        if urgent.state == _PAUSED:
            return cls(urgent.name, None, target_s, urgent.remaining_s)
        return cls(urgent.name, urgent.deadline, target_s, None)


def evaluate(history: CaseHistory, catalog: Catalog, now: datetime) -> CaseSla:
    """Every clock of the catalog for one case as it stands at ``now``; instants come back in UTC."""
    # Aware datetimes in a zone subtract and add as wall-clock time: work in UTC only.
    now = now.astimezone(UTC)
    if history.opened_at.tzinfo is not UTC or any(e.at.tzinfo is not UTC for e in history.events):
        history = replace(
            history,
            opened_at=history.opened_at.astimezone(UTC),
            events=tuple(replace(e, at=e.at.astimezone(UTC)) for e in history.events),
        )
    events = history.sorted_events(now)
    times = _triggers(history.opened_at, events)
    return CaseSla(tuple([_evaluate_clock(clock, history, events, catalog, now, times) for clock in catalog.clocks]))


def _triggers(opened_at: datetime, events: Sequence[SlaEvent]) -> dict[str, list[datetime]]:
    """Each trigger's instants in one history, in order, found in one walk: every clock asks for the same few.

    A status names the trigger of the same name (``resolved``, ``closed``); the triggers of their own
    (opened, responses, reopenings) take precedence over a status that shares their name.
    """
    found: dict[str, list[datetime]] = {}
    responses: list[datetime] = []
    reopened: list[datetime] = []
    status: str = _NEW
    for e in events:
        if e.kind == _RESPONSE:
            responses.append(e.at)
        elif e.kind == _STATUS:
            value = e.value
            if value in found:
                found[value].append(e.at)
            else:
                found[value] = [e.at]
            if status in ENDED_STATUSES and value not in ENDED_STATUSES:
                reopened.append(e.at)
            status = value
    found[ClockTrigger.OPENED] = [opened_at]
    found[ClockTrigger.RESPONSE] = responses
    found[ClockTrigger.FIRST_RESPONSE] = responses[:1]
    found[ClockTrigger.REOPENED] = reopened
    return found


def _evaluate_clock(
    clock: ClockDef, history: CaseHistory, events: Sequence[SlaEvent], catalog: Catalog, now: datetime,
    times: dict[str, list[datetime]],
) -> ClockResult:  # fmt: skip
    span = _clock_span(clock, history.opened_at, now, times)
    if span is None:
        return ClockResult(clock.name, clock.contractual, _PENDING, None, None, None)
    start, stop = span
    severity, status = _standing_at(history, events, start)
    calendar = catalog.calendars[clock.calendar]
    target, fallback = clock.target(history.tier, severity)
    end = stop if stop is not None else now
    walk = _walk(clock, calendar, history.tier, events, start, end, status, target, fallback)
    return _result(clock, walk, start, stop, calendar, catalog, now)


def _clock_span(
    clock: ClockDef, opened_at: datetime, now: datetime, times: dict[str, list[datetime]]
) -> tuple[datetime, datetime | None] | None:
    """When the clock's current run started and when it stopped (None: still running); None if not started."""
    if opened_at > now:
        return None
    starts = times.get(clock.start)
    if not starts:
        return None
    start = starts[0]
    all_stops = _merged(times, clock.stop)
    stop = _first_from(all_stops, start)
    if _REOPENED in clock.restart_on:
        # A case reopened after its clock stopped runs the clock again, from the reopening.
        for reopened in times[_REOPENED]:
            if stop is not None and reopened > stop:
                start = reopened
                stop = _first_from(all_stops, start)
    if clock.restart_on:
        end = stop if stop is not None else now
        restarts = [t for trig in clock.restart_on for t in times.get(trig, ()) if start < t <= end]
        if restarts:
            start = max(restarts)
    return start, stop


def _merged(times: dict[str, list[datetime]], triggers: Sequence[str]) -> Sequence[datetime]:
    """The instants of all ``triggers``, in order (each trigger's own are in order already)."""
    found = [instants for trigger in triggers if (instants := times.get(trigger))]
    if len(found) == 1:
        return found[0]
    return sorted(chain.from_iterable(found))


def _first_from(instants: Sequence[datetime], start: datetime) -> datetime | None:
    """The first of the ordered ``instants`` at or after ``start``."""
    i = bisect_left(instants, start)
    return instants[i] if i < len(instants) else None


def _standing_at(history: CaseHistory, events: Sequence[SlaEvent], start: datetime) -> tuple[str, str]:
    """The case's severity and status as the clock starts."""
    severity = history.opening_severity
    status: str = _NEW
    for event in events:
        if event.at > start:
            break
        # A re-grade at the very instant the clock starts still follows the min rule (in _walk).
        if event.kind == _SEVERITY and event.at < start:
            severity = event.value
        elif event.kind == _STATUS:
            status = event.value
    return severity, status


class _Walk(NamedTuple):
    """A clock's run from its start to ``end``: the working spans, the paused time and the budget."""

    budget: timedelta | None
    governing: timedelta | None
    fallback: bool
    paused: bool  # paused at ``end``
    intervals: list[tuple[datetime, timedelta]]  # running spans that a pause closed: their start and working time
    run_from: datetime | None  # the start of the span running at ``end``
    paused_since: datetime | None  # the start of the pause going on at ``end``
    paused_total: timedelta
    consumed: timedelta  # working time in ``intervals``


def _walk(
    clock: ClockDef,
    calendar: Calendar,
    tier: str | None,
    events: Sequence[SlaEvent],
    start: datetime,
    end: datetime,
    status: str,
    target: timedelta | None,
    fallback: bool,
) -> _Walk:
    """Walk the events in (start, end]: status changes open and close paused spans; re-grades cut the budget."""
    budget = governing = target
    pause_while = clock.pause_while
    paused = status in pause_while
    intervals: list[tuple[datetime, timedelta]] = []
    run_from: datetime | None = None if paused else start
    paused_since: datetime | None = start if paused else None
    paused_total = _ZERO
    consumed = _ZERO
    for event in events:
        at = event.at
        if at < start or at > end or (at == start and event.kind != _SEVERITY):
            continue
        if event.kind == _STATUS:
            now_paused = event.value in pause_while
            if now_paused and not paused:
                assert run_from is not None
                span = calendar.between(run_from, at)
                intervals.append((run_from, span))
                consumed += span
                run_from, paused_since = None, at
            elif paused and not now_paused:
                assert paused_since is not None
                paused_total += at - paused_since
                run_from, paused_since = at, None
            paused = now_paused
        elif event.kind == _SEVERITY:
            new_target, new_fallback = clock.target(tier, event.value)
            if new_target is None:
                continue
            position = consumed + (calendar.between(run_from, at) if run_from is not None else _ZERO)
            if budget is None or position + new_target < budget:
                budget, governing, fallback = position + new_target, new_target, new_fallback
    if paused_since is not None:
        paused_total += end - paused_since
    return _Walk(budget, governing, fallback, paused, intervals, run_from, paused_since, paused_total, consumed)


def _result(
    clock: ClockDef,
    walk: _Walk,
    start: datetime,
    stop: datetime | None,
    calendar: Calendar,
    catalog: Catalog,
    now: datetime,
) -> ClockResult:
    """The clock's state from its walk: no target, met or missed once stopped, paused, or running."""
    name, contractual, paused_s = clock.name, clock.contractual, int(walk.paused_total.total_seconds())
    budget, governing, fallback = walk.budget, walk.governing, walk.fallback
    if budget is None or governing is None:
        return ClockResult(name, contractual, _NO_TARGET, None, None, None, walk.paused, paused_s, start, stop)
    closed = walk.intervals
    used = walk.consumed
    if walk.run_from is not None and stop is not None:
        last = calendar.between(walk.run_from, stop)
        closed = [*closed, (walk.run_from, last)]
        used += last
    deadline = _instant_of(budget, closed, None if stop is not None else walk.run_from, calendar)
    if stop is not None:
        assert walk.run_from is not None or walk.paused_since is not None
        if deadline is None:  # stopped while paused before the budget ran out: show where it stood
            deadline = calendar.add(stop, budget - used)
        if deadline.tzinfo is not UTC:
            deadline = deadline.astimezone(UTC)
        state = _MET if used < budget else _MISSED
        return ClockResult(name, contractual, state, deadline, None, governing, False, paused_s, start, stop, fallback)
    if deadline is None:  # paused, budget not yet spent
        left = _floor_s(budget - walk.consumed)
        return ClockResult(name, contractual, _PAUSED, None, left, governing, True, paused_s, start, None, fallback)
    if deadline.tzinfo is not UTC:
        deadline = deadline.astimezone(UTC)
    state, _ = running_state(deadline, governing, calendar, catalog.at_risk_fraction, catalog.at_risk_lead, now)
    remaining = _floor_s(deadline - now)
    return ClockResult(
        name, contractual, state, deadline, remaining, governing, walk.paused, paused_s, start, None, fallback
    )


def running_state(
    deadline: datetime,
    governing: timedelta,
    calendar: Calendar,
    at_risk_fraction: float,
    at_risk_lead: timedelta | None,
    now: datetime,
) -> tuple[ClockState, timedelta]:
    """The state of a running clock at ``now``, and the working time left (zero once breached).

    The one place the at-risk rule lives: less than ``at_risk_fraction`` of the governing target left
    in working time, or less than the absolute lead in real time; breached from the deadline on.
    Views call it at paint time with a stored deadline, so a tick needs no re-evaluation.
    """
    if now >= deadline:
        return _BREACHED, _ZERO
    remaining = deadline - now
    left = remaining if isinstance(calendar, AlwaysCalendar) else calendar.between(now, deadline)
    at_risk = left < _risk_line(governing, at_risk_fraction) or (at_risk_lead is not None and remaining < at_risk_lead)
    return (_AT_RISK if at_risk else _ON_TRACK), left


@functools.lru_cache(maxsize=256)
def _risk_line(governing: timedelta, fraction: float) -> timedelta:
    """The working time left under which a clock is at risk: a timedelta times a float is exact rational
    arithmetic (a microsecond or so), and a plan has a handful of targets."""
    return governing * fraction


def advance(result: ClockResult, catalog: Catalog, evaluated_at: datetime, now: datetime) -> ClockResult:
    """A clock evaluated at ``evaluated_at``, as it stands at ``now`` (no event in between).

    Views call this every second instead of re-reading the case: until the next event a running clock's
    deadline is fixed, so its state and remaining time follow from the deadline alone, and a paused
    clock only gathers paused time.
    """
    if result.state == _PAUSED or (result.paused and result.running):
        result = replace(result, paused_s=result.paused_s + _floor_s(now - evaluated_at))
    if not result.running or result.deadline is None or result.target is None:
        return result
    calendar = catalog.calendars[catalog.clock(result.name).calendar]
    state, _ = running_state(
        result.deadline, result.target, calendar, catalog.at_risk_fraction, catalog.at_risk_lead, now
    )
    return replace(result, state=state, remaining_s=_floor_s(result.deadline - now))


def _instant_of(
    budget: timedelta,
    closed: Sequence[tuple[datetime, timedelta]],
    open_from: datetime | None,
    calendar: Calendar,
) -> datetime | None:
    """The instant the clock's consumed working time reaches ``budget``; None if it never does.

    ``closed`` holds each closed span's start and working time (measured once, by the walk).
    """
    used = _ZERO
    for a, span in closed:
        if used + span >= budget:
            return calendar.add(a, budget - used)
        used += span
    if open_from is None:
        return None
    return calendar.add(open_from, budget - used)


def _floor_s(delta: timedelta) -> int:
    return math.floor(delta.total_seconds())


def format_duration(seconds: int) -> str:
    """A span of time nobody can misread, the window's English form: ``48 s``, ``12 min 4 s``, ``40 min``,
    ``2 h 40 min``, ``3 d 4 h``; a negative span is ``1 min 48 s overdue``.

    Two units at most; seconds only under an hour (where a countdown ticks); a zero second unit is left
    out. Never ``40:00`` (forty minutes, or a time of day?), never a minus sign (``-20:49 overdue`` reads
    like twenty hours). Spreadsheets keep every form as text. ``desk sla --json`` and the reports' data
    keep exact seconds.
    """
    big, unit, small, small_unit = duration_parts(seconds)
    text = f"{big} {unit}" + (f" {small} {small_unit}" if small else "")
    return f"{text} overdue" if seconds < 0 else text


def duration_parts(seconds: int) -> tuple[int, str, int, str]:
    """A span in its two largest units, the rule every duration the desk shows follows (the window words
    them in its language): ``(12, "min", 4, "s")``, ``(2, "h", 40, "min")``, ``(48, "s", 0, "")``.

    Seconds only under an hour; the sign is the caller's to say in words.
    """
    s = abs(int(seconds))
    if s < 60:
        return s, "s", 0, ""
    if s < 3600:
        return s // 60, "min", s % 60, "s"
    if s < 86400:
        return s // 3600, "h", s % 3600 // 60, "min"
    return s // 86400, "d", s % 86400 // 3600, "h"
