"""Working-time calendars for deadline arithmetic: 7x24, and business hours with holidays (DST-correct).

All arithmetic is on UTC instants. A business-hours calendar walks local days and converts each day's
opening windows to UTC, so a 09:00-18:00 day is 9 real hours on a DST change day too.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Protocol
from zoneinfo import ZoneInfo

from desk.errors import EnvironmentProblem

_ZERO = timedelta(0)
# A business calendar with no working day for ten years is a data error, not a deadline.
_MAX_DAYS = 3660


def known_country(code: str) -> bool:
    """Whether the holidays library has the country ``code`` (its alpha-2 or alpha-3 code, or an alias).

    Importing the library (its registry included) costs a tenth of a second or more at every start, for a
    plan's calendar that may not be evaluated before the window's first paint: its registry's source is
    read instead. A code not found there (or a registry laid out otherwise) is asked of the library.
    """
    if code in _registry_codes():
        return True
    from holidays.registry import EntityLoader

    return code in EntityLoader.get_country_codes(include_aliases=True)


@functools.cache
def _registry_codes() -> frozenset[str]:
    """The country codes written in the library's registry: each entry is (class name, code, aliases...)."""
    try:
        spec = importlib.util.find_spec("holidays")
        if spec is None or not spec.submodule_search_locations:
            return frozenset()
        source = (Path(next(iter(spec.submodule_search_locations))) / "registry.py").read_text(encoding="utf-8")
        countries = source[source.index("\nCOUNTRIES") :]
        countries = countries[: countries.index("\n}\n")]
    except (OSError, ValueError, ImportError):
        return frozenset()
    return frozenset(
        code
        for entry in re.findall(r"\(([^()]*)\)", countries)
        for code in re.findall(r'"([^"]*)"', entry)[1:]
        if 2 <= len(code) <= 3
    )


class Calendar(Protocol):
    name: str

    def add(self, start: datetime, amount: timedelta) -> datetime:
        """The instant at which ``amount`` of working time has passed since ``start``."""
        ...

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time in [start, end); zero when end <= start."""
        ...

    def is_working_day(self, day: date) -> bool: ...


class AlwaysCalendar:
    """7x24: every instant is working time."""

    def __init__(self, name: str = "always") -> None:
        self.name = name

    def add(self, start: datetime, amount: timedelta) -> datetime:
        return start + amount

    def between(self, start: datetime, end: datetime) -> timedelta:
        return max(end - start, _ZERO)

    def is_working_day(self, day: date) -> bool:
        return True


class CalendarError(EnvironmentProblem, ValueError):
    """The plan's calendar has no working time where the SLA needs one."""

    default_code = "no_working_time"


class BusinessHoursCalendar:
    """Opening hours per weekday in a time zone, minus holidays, plus make-up working days."""

    def __init__(
        self,
        name: str,
        zone: ZoneInfo,
        weekly: dict[int, tuple[tuple[time, time], ...]],
        holidays: frozenset[date] = frozenset(),
        extra_working_days: frozenset[date] = frozenset(),
        country: str | None = None,
    ) -> None:
        self.name = name
        self.zone = zone
        self.weekly = weekly
        self.holidays = holidays
        self.extra_working_days = extra_working_days
        self.country = country
        self._country_cache: dict[int, object] = {}
        self._windows: dict[date, tuple[tuple[datetime, datetime], ...]] = {}
        # Make-up days (调休) fall on weekends; they keep the hours of the first weekday that has any.
        self._makeup_hours = next(spans for _, spans in sorted(weekly.items()) if spans)

    def _country_says(self, day: date) -> bool | None:
        if self.country is None:
            return None
        import holidays as holidays_lib

        cal = self._country_cache.get(day.year)
        if cal is None:
            cal = holidays_lib.country_holidays(self.country, years=day.year)
            self._country_cache[day.year] = cal
        return bool(cal.is_working_day(day))  # type: ignore[attr-defined]

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_working_days:
            return True
        if day in self.holidays:
            return False
        country = self._country_says(day)
        if country is not None:
            return country
        return bool(self.weekly.get(day.weekday()))

    def _hours(self, day: date) -> tuple[tuple[time, time], ...]:
        if not self.is_working_day(day):
            return ()
        return self.weekly.get(day.weekday()) or self._makeup_hours

    def windows(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """The day's working windows as UTC instants."""
        cached = self._windows.get(day)
        if cached is None:
            spans = []
            for start, end in self._hours(day):
                utc_start = datetime.combine(day, start, self.zone).astimezone(UTC)
                if end == time.max:
                    utc_end = datetime.combine(day + timedelta(days=1), time(0), self.zone).astimezone(UTC)
                else:
                    utc_end = datetime.combine(day, end, self.zone).astimezone(UTC)
                if utc_end > utc_start:
                    spans.append((utc_start, utc_end))
            cached = tuple(spans)
            self._windows[day] = cached
        return cached

    def _days_from(self, instant: datetime) -> Iterator[date]:
        day = instant.astimezone(self.zone).date()
        for offset in range(_MAX_DAYS):
            yield day + timedelta(days=offset)
        raise CalendarError(f"calendar {self.name}: no working time within {_MAX_DAYS} days of {instant}")

    def add(self, start: datetime, amount: timedelta) -> datetime:
        if amount <= _ZERO:
            return start
        left = amount
        for day in self._days_from(start):
            for w_start, w_end in self.windows(day):
                if w_end <= start:
                    continue
                begin = max(w_start, start)
                available = w_end - begin
                if left <= available:
                    return begin + left
                left -= available
        raise AssertionError("unreachable")

    def between(self, start: datetime, end: datetime) -> timedelta:
        if end <= start:
            return _ZERO
        total = _ZERO
        for day in self._days_from(start):
            for w_start, w_end in self.windows(day):
                if w_start >= end:
                    return total
                overlap = min(w_end, end) - max(w_start, start)
                if overlap > _ZERO:
                    total += overlap
            if datetime.combine(day, time(0), self.zone).astimezone(UTC) > end:
                return total
        raise AssertionError("unreachable")

    def working_days(self, first: date, last: date) -> int:
        """Working days in [first, last], both inclusive."""
        return sum(1 for n in range((last - first).days + 1) if self.is_working_day(first + timedelta(days=n)))
