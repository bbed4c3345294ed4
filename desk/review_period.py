"""The period a review covers: whole days in one time zone (the plan's or the viewer's), and its weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from desk.errors import InvalidInput


@dataclass(frozen=True)
class Period:
    """The days ``first`` .. ``last`` (inclusive) as they fall in ``zone``; instants come out in UTC."""

    first: date
    last: date
    zone: str

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise InvalidInput("to", f"the period ends ({self.last}) before it starts ({self.first})")
        try:
            ZoneInfo(self.zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput("zone", f"{self.zone!r} is not a time zone (write e.g. Asia/Shanghai)") from None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    @property
    def start(self) -> datetime:
        """The first instant of the period (local midnight of ``first``), in UTC."""
        return datetime.combine(self.first, time(), self.tz).astimezone(UTC)

    @property
    def end(self) -> datetime:
        """The first instant after the period (local midnight after ``last``), in UTC."""
        return datetime.combine(self.last + timedelta(days=1), time(), self.tz).astimezone(UTC)

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def as_of(self, now: datetime) -> datetime:
        """The instant the review looks at the period from: its end, or now while it is still running."""
        return min(self.end, now.astimezone(UTC))

    def week_of(self, instant: datetime) -> date:
        """The Monday (local) of the week ``instant`` falls in: the trend's bucket."""
        day = instant.astimezone(self.tz).date()
        return day - timedelta(days=day.weekday())

    def weeks(self) -> list[date]:
        """Every week the period touches, oldest first (empty weeks included, so a trend has no gaps)."""
        monday = self.first - timedelta(days=self.first.weekday())
        return [monday + timedelta(weeks=n) for n in range((self.last - monday).days // 7 + 1)]


def parse_day(text: str, name: str) -> date:
    """A ``YYYY-MM-DD`` the user gave for ``name``; a clear message otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(name, f"{text!r} is not a date (write YYYY-MM-DD)") from None
