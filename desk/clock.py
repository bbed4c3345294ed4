"""The one source of "now": the system clock, and a settable clock for tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FakeClock:
    """A clock that only moves when told to (tests, replays, `desk sla --at`)."""

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, instant: datetime) -> None:
        self._now = as_utc(instant)

    def advance(self, delta: timedelta) -> None:
        self._now = self._now + delta


def as_utc(instant: datetime) -> datetime:
    """Return the instant in UTC; a naive datetime is refused (it names no instant)."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{instant.isoformat()} has no UTC offset")
    return instant.astimezone(UTC)


def parse_instant(text: str) -> datetime:
    """Parse ISO 8601 with an offset (``Z`` accepted); refuse instants without one."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not an ISO 8601 instant") from exc
    if parsed.tzinfo is None:
        raise ValueError(f"{text!r} has no UTC offset (write e.g. 2026-11-26T09:00:00+08:00)")
    return parsed.astimezone(UTC)


def format_instant(instant: datetime) -> str:
    """UTC ISO 8601 with a ``Z``, to the second when there are no microseconds."""
    utc = as_utc(instant)
    text = utc.isoformat(timespec="seconds" if utc.microsecond == 0 else "microseconds")
    return text.replace("+00:00", "Z")


def offset_label(offset: timedelta | None) -> str:
    """A UTC offset as people read it beside a time: ``UTC+8``, ``UTC-3:30``, ``UTC``.

    An offset, not an abbreviation: ``CST`` is China, Cuba and the US Midwest at once.
    """
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if minutes == 0:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{'+' if minutes > 0 else '-'}{hours}" + (f":{rest:02d}" if rest else "")
