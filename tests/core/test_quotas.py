"""Contract years and the quota ledger, pure and through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.catalog import Catalog, CatalogRegistry
from desk.quotas import Booking, check_booking, contract_year, quota_status
from desk.services import Desk, InvalidInput, QuotaRefused
from desk.store.models import QuotaEvent


@pytest.fixture(scope="module")
def plan(catalogs: CatalogRegistry) -> Catalog:
    return catalogs.get("2018-04-24")


def test_contract_year_from_a_29_february_start() -> None:
    start = date(2024, 2, 29)
    assert contract_year(start, date(2024, 2, 29)).first == date(2024, 2, 29)
    year1 = contract_year(start, date(2025, 2, 27))
    assert (year1.index, year1.first, year1.last) == (0, date(2024, 2, 29), date(2025, 2, 27))
    year2 = contract_year(start, date(2025, 2, 28))
    assert (year2.index, year2.first, year2.last) == (1, date(2025, 2, 28), date(2026, 2, 27))
    assert contract_year(start, date(2028, 2, 29)).first == date(2028, 2, 29)
    assert contract_year(start, date(2028, 2, 28)).first == date(2027, 2, 28)


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1))


@given(days, st.integers(min_value=0, max_value=365 * 20))
def test_contract_years_tile_time(start: date, offset: int) -> None:
    on = start + timedelta(days=offset)
    year = contract_year(start, on)
    assert year.first <= on <= year.last
    assert contract_year(start, year.last + timedelta(days=1)).index == year.index + 1
    assert 365 <= (year.last - year.first).days + 1 <= 366


@given(st.lists(st.tuples(st.integers(0, 364), st.booleans(), st.integers(1, 3)), max_size=12))
def test_remaining_is_total_minus_active_bookings(plan: Catalog, bookings: list[tuple[int, bool, int]]) -> None:
    start = date(2026, 1, 1)
    ledger = [
        Booking(f"b{i}", "training", start + timedelta(days=d), start + timedelta(days=d), persons, "ACP", cancelled)
        for i, (d, cancelled, persons) in enumerate(bookings)
    ]
    (status,) = [s for s in quota_status(plan, "L4", start, ledger, date(2026, 6, 1)) if s.kind == "training"]
    assert status.used == sum(p for _, cancelled, p in bookings if not cancelled)
    assert status.remaining == 6 - status.used


def test_quota_does_not_carry_over(plan: Catalog) -> None:
    start = date(2026, 1, 1)
    ledger = [Booking("b1", "escort", date(2026, 3, 2), date(2026, 3, 2))]
    this_year = {s.kind: s for s in quota_status(plan, "L4", start, ledger, date(2026, 5, 1))}
    next_year = {s.kind: s for s in quota_status(plan, "L4", start, ledger, date(2027, 5, 1))}
    assert (this_year["escort"].used, this_year["escort"].remaining) == (1, 2)
    assert (next_year["escort"].used, next_year["escort"].remaining) == (0, 3)
    assert this_year["escort"].days_until_reset == (date(2027, 1, 1) - date(2026, 5, 1)).days


def test_duration_limit_counts_chinese_working_days(plan: Catalog) -> None:
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    friday_to_monday = Booking("x", "escort", date(2026, 3, 6), date(2026, 3, 9))
    problems = check_booking(plan, "L3", start, end, [], friday_to_monday)
    assert [(p.code, p.detail["working_days"]) for p in problems] == [("over_duration", 2)]
    # 2026-02-14 is a Saturday worked for the Spring Festival (调休): it counts.
    saturday = Booking("y", "escort", date(2026, 2, 14), date(2026, 2, 15))
    assert check_booking(plan, "L3", start, end, [], saturday) == []
    consultation = Booking("z", "consultation", date(2026, 3, 5), date(2026, 3, 6))
    assert check_booking(plan, "L4", start, end, [], consultation) == []


def test_not_entitled_and_outside_contract(plan: Catalog) -> None:
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    codes = [
        p.code
        for p in check_booking(plan, "L2", start, end, [], Booking("a", "escort", date(2027, 2, 1), date(2027, 2, 1)))
    ]
    assert codes == ["outside_contract", "not_entitled"]


# ---------------------------------------------------------------- through the services


def test_over_quota_refused_then_booked_with_a_logged_override(seeded: Desk) -> None:
    seeded.book_quota("k-L3", "escort", date(2026, 3, 2), date(2026, 3, 2), goals="618 大促")
    with pytest.raises(QuotaRefused) as refused:
        seeded.book_quota("k-L3", "escort", date(2026, 4, 1), date(2026, 4, 1))
    assert [p.code for p in refused.value.problems] == ["over_quota"]
    seeded.book_quota("k-L3", "escort", date(2026, 4, 1), date(2026, 4, 1), override_reason="VP approved, ticket 42")
    status = {s.kind: s for s in seeded.quotas("cust-L3", date(2026, 6, 1)).statuses}
    assert (status["escort"].used, status["escort"].remaining) == (2, -1)
    with seeded.store.read() as session:
        overrides = [e for e in session.query(QuotaEvent).all() if e.kind == "override"]
    assert [(e.reason, e.detail) for e in overrides] == [("VP approved, ticket 42", "over_quota")]


def test_over_length_refused_without_reason(seeded: Desk) -> None:
    with pytest.raises(QuotaRefused) as refused:
        seeded.book_quota("k-L4", "consultation", date(2026, 3, 2), date(2026, 3, 4))
    assert [p.code for p in refused.value.problems] == ["over_duration"]


def test_cancelling_gives_the_quota_back(seeded: Desk) -> None:
    seeded.book_quota("k-L3", "training", date(2026, 5, 1), date(2026, 5, 1), persons=2, course="ACP Cloud", ref="T1")
    with pytest.raises(QuotaRefused):
        seeded.book_quota("k-L3", "training", date(2026, 6, 1), date(2026, 6, 1), persons=1, course="ACP Cloud")
    # Another course has its own seats.
    seeded.book_quota("k-L3", "training", date(2026, 6, 1), date(2026, 6, 1), persons=2, course="ACP Big Data")
    seeded.cancel_booking("T1", "customer postponed")
    seeded.book_quota("k-L3", "training", date(2026, 6, 1), date(2026, 6, 1), persons=1, course="ACP Cloud")
    status = {(s.kind, s.course): s for s in seeded.quotas("cust-L3", date(2026, 6, 1)).statuses}
    assert status[("training", "ACP Cloud")].used == 1
    assert status[("training", "ACP Big Data")].used == 2


def test_training_needs_a_course(seeded: Desk) -> None:
    with pytest.raises(QuotaRefused) as refused:
        seeded.book_quota("k-L4", "training", date(2026, 5, 1), date(2026, 5, 1), override_reason="x")
    assert [p.code for p in refused.value.problems] == ["missing_course"]


def test_a_course_given_for_a_quota_not_counted_per_course_still_counts(seeded: Desk) -> None:
    seeded.book_quota("k-L4", "escort", date(2026, 3, 2), date(2026, 3, 2), course="双十一")
    status = [s for s in seeded.quotas("cust-L4", date(2026, 6, 1)).statuses if s.kind == "escort"]
    assert [(s.course, s.used, s.remaining, len(s.bookings)) for s in status] == [("", 1, 2, 1)]


def test_what_is_left_of_one_quota_on_a_day(seeded: Desk) -> None:
    seeded.book_quota("k-L4", "training", date(2026, 5, 1), date(2026, 5, 1), persons=4, course="ACP Cloud")
    seeded.book_quota("k-L4", "escort", date(2026, 5, 1), date(2026, 5, 1))
    cloud = seeded.quota_for("k-L4", "training", date(2026, 7, 1), course=" ACP Cloud ")
    assert (cloud.course, cloud.total, cloud.used, cloud.remaining) == ("ACP Cloud", 6, 4, 2)
    other = seeded.quota_for("k-L4", "training", date(2026, 7, 1), course="ACP Big Data")
    assert (other.used, other.remaining, other.bookings) == (0, 6, ())
    escort = seeded.quota_for("k-L4", "escort", date(2026, 7, 1))
    assert (escort.used, escort.remaining, escort.year.first) == (1, 2, date(2026, 1, 1))
    assert seeded.quota_for("k-L4", "escort", date(2027, 1, 1)).used == 0  # the next contract year
    assert seeded.quota_for("k-L2", "escort", date(2026, 7, 1)).total == 0  # not included in the tier
    with pytest.raises(InvalidInput, match="kind"):
        seeded.quota_for("k-L4", "massage", date(2026, 7, 1))
