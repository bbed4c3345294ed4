"""Each clock's outcome after a case's latest event, as one short text kept on the case row for the review.

A clock's outcome at an instant (``outcome_of``) is met, missed (and how late), running, or no target.
After a case's latest event nothing moves but time: a stopped clock keeps its outcome, a paused one stays
paused, a running one keeps its deadline and is missed from that instant on, late by the time since. So
the engine's answer at the latest event, written down as codes, gives its answer at any later instant
without the history (``outcomes_at``); the review counts a period from these texts and evaluates only the
cases with events after the period's end. The writer refreshes the text with every write to a case, beside
the cached deadline; ``desk check`` recomputes and compares.

The text: ``clock=code`` entries in the plan's clock order, ``;``-separated, a clock that has not started
left out. Codes: ``m`` met, ``x<seconds>`` missed by that many, ``r<microseconds>`` running (or paused
after its deadline) with that deadline (microseconds since 1970 UTC), ``p`` paused within its budget,
``n`` no target.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from desk.sla import CaseSla, ClockResult
from desk.vocabulary import ClockState

REVISION = 1  # bump when the text's meaning changes: older rows are then evaluated from their events
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
_RUNNING = (ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.PAUSED)

Outcome = tuple[str, int | None]  # ("met" | "missed" | "running" | "no_target" | "", lateness in seconds)


def outcome_of(clock: ClockResult, as_of: datetime) -> Outcome:
    """A clock's outcome and, when missed, how late (seconds); "" for a clock that has not started."""
    if clock.state == ClockState.MET:
        return "met", None
    if clock.state == ClockState.MISSED:
        assert clock.deadline is not None and clock.stopped_at is not None
        return "missed", math.floor((clock.stopped_at - clock.deadline).total_seconds())
    if clock.state == ClockState.BREACHED:
        assert clock.deadline is not None
        return "missed", _late(as_of, clock.deadline)
    if clock.state in _RUNNING:
        return "running", None
    if clock.state == ClockState.NO_TARGET:
        return "no_target", None
    return "", None  # pending: an internal clock waiting for its start (no first response yet)


def micros(instant: datetime) -> int:
    """An instant as microseconds since 1970 UTC (how the text keeps a deadline)."""
    return (instant - _EPOCH) // _US


def _late(as_of: datetime, deadline: datetime) -> int:
    return math.floor((as_of - deadline).total_seconds())


def _code(clock: ClockResult) -> str:
    state = clock.state
    if state == ClockState.MET:
        return "m"
    if state == ClockState.MISSED:
        return f"x{outcome_of(clock, _EPOCH)[1]}"
    if state in (ClockState.ON_TRACK, ClockState.AT_RISK, ClockState.BREACHED):
        assert clock.deadline is not None
        return f"r{micros(clock.deadline)}"
    if state == ClockState.PAUSED:
        return "p"
    if state == ClockState.NO_TARGET:
        return "n"
    return ""


def outcomes_text(sla: CaseSla) -> str:
    """The text kept on a case row: ``sla`` is the engine's answer at the case's latest event."""
    return ";".join(f"{c.name}={code}" for c in sla.clocks if (code := _code(c)))


def latest_instant(opened_at: datetime, instants: Iterable[datetime]) -> datetime:
    """The instant the text holds from: the case's latest event (its opening if nothing else happened)."""
    return max(opened_at, *instants)


def outcomes_at(text: str, as_of: datetime) -> list[tuple[str, str, int | None]]:
    """``(clock, outcome, late_s)`` of each started clock at ``as_of`` (not before the latest event)."""
    found: list[tuple[str, str, int | None]] = []
    if not text:
        return found
    for entry in text.split(";"):
        name, _, code = entry.partition("=")
        found.append((name, *code_at(code, as_of)))
    return found


def code_at(code: str, as_of: datetime) -> tuple[str, int | None]:
    """One clock's outcome and lateness at ``as_of`` from its code in the text (``m``, ``x300``, ``r...``)."""
    kind = code[0]
    if kind == "m":
        return "met", None
    if kind == "x":
        return "missed", int(code[1:])
    if kind == "r":
        deadline = _EPOCH + int(code[1:]) * _US
        return ("missed", _late(as_of, deadline)) if as_of >= deadline else ("running", None)
    if kind == "p":
        return "running", None
    return "no_target", None
