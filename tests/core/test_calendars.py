"""Working-time arithmetic: 7x24, and business hours across DST changes and holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from desk.calendars import AlwaysCalendar, BusinessHoursCalendar, known_country
from desk.catalog import load_catalog

BERLIN = ZoneInfo("Europe/Berlin")
ACME = load_catalog(Path(__file__).parent / "data" / "acme-business-hours.toml")
OFFICE = ACME.calendars["berlin_office"]


def local(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BERLIN)


def test_always_is_plain_arithmetic() -> None:
    cal = AlwaysCalendar()
    t = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert cal.add(t, timedelta(hours=5)) == t + timedelta(hours=5)
    assert cal.between(t, t + timedelta(hours=5)) == timedelta(hours=5)
    assert cal.between(t, t - timedelta(hours=1)) == timedelta(0)


def test_business_hours_skip_the_night_and_weekend() -> None:
    friday_5pm = local(2026, 3, 20, 17)
    assert OFFICE.add(friday_5pm, timedelta(hours=2)) == local(2026, 3, 23, 10)


def test_a_target_used_up_at_closing_time_is_due_at_the_closing_instant() -> None:
    # Our choice (some desks choose the next opening): the deadline is the instant the budget runs out.
    friday_5pm = local(2026, 3, 20, 17)
    assert OFFICE.add(friday_5pm, timedelta(hours=1)) == local(2026, 3, 20, 18)


def test_across_spring_forward_the_day_still_has_nine_hours() -> None:
    # DST starts Sunday 2026-03-29 in Berlin: Friday is UTC+1, Monday UTC+2.
    friday_5pm = local(2026, 3, 27, 17)
    monday_10am = local(2026, 3, 30, 10)
    assert OFFICE.add(friday_5pm, timedelta(hours=2)) == monday_10am
    assert monday_10am.utcoffset() == timedelta(hours=2)
    assert OFFICE.between(friday_5pm, monday_10am) == timedelta(hours=2)
    assert OFFICE.between(local(2026, 3, 30, 0), local(2026, 3, 31, 0)) == timedelta(hours=9)


def test_across_fall_back() -> None:
    friday = local(2026, 10, 23, 17, 30)  # UTC+2; DST ends Sunday 2026-10-25
    assert OFFICE.add(friday, timedelta(hours=1)) == local(2026, 10, 26, 9, 30)
    assert local(2026, 10, 26, 9, 30).utcoffset() == timedelta(hours=1)


def test_holidays_are_skipped() -> None:
    # Good Friday 2026-04-03 and Easter Monday 2026-04-06 are holidays in the made-up plan.
    thursday_5pm = local(2026, 4, 2, 17)
    assert OFFICE.add(thursday_5pm, timedelta(hours=2)) == local(2026, 4, 7, 10)
    assert not OFFICE.is_working_day(date(2026, 4, 3))


def test_chinese_make_up_working_days() -> None:
    cal = BusinessHoursCalendar(
        "cn",
        ZoneInfo("Asia/Shanghai"),
        {i: ((datetime.min.time().replace(hour=9), datetime.min.time().replace(hour=18)),) for i in range(5)},
        country="CN",
    )
    assert cal.is_working_day(date(2026, 2, 14))  # a Saturday worked for the Spring Festival (调休)
    assert not cal.is_working_day(date(2026, 2, 17))  # Spring Festival
    assert cal.windows(date(2026, 2, 14))  # make-up days get working hours


instants = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2028, 12, 31), timezones=st.just(UTC))


@given(instants, st.integers(min_value=0, max_value=60 * 24 * 30))
def test_between_inverts_add(start: datetime, minutes: int) -> None:
    amount = timedelta(minutes=minutes)
    end = OFFICE.add(start, amount)
    assert end >= start
    assert OFFICE.between(start, end) == amount


@given(instants, st.integers(min_value=0, max_value=10_000), st.integers(min_value=0, max_value=10_000))
def test_add_is_monotonic(start: datetime, a: int, b: int) -> None:
    lo, hi = sorted((a, b))
    assert OFFICE.add(start, timedelta(minutes=lo)) <= OFFICE.add(start, timedelta(minutes=hi))


def test_the_holidays_countries_known_without_importing_the_library_are_the_library_s_own() -> None:
    from holidays.registry import EntityLoader

    codes = set(EntityLoader.get_country_codes(include_aliases=True))
    assert {code for code in codes if known_country(code)} == codes
    assert not known_country("XX") and not known_country("cn") and not known_country("China")
