"""Contract years and the quota ledger (escort, consultation, training seats): pure functions.

* A contract year runs from the start date to its anniversary; years are counted from the start date
  each time, so a 29 February start gives years starting 28 February in common years and 29 February
  again in leap years.
* Escort sessions and consultations use 1 each; training uses ``persons`` seats of one course.
* Remaining = limit - active (not cancelled) bookings whose start falls in that contract year.
  Unused quota does not carry over (包年有效).
* Duration limits are in working days of the catalog's working-day calendar, start and end inclusive.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from desk.catalog import Catalog, QuotaDef


def anniversary(start: date, years: int) -> date:
    year = start.year + years
    day = min(start.day, _cal.monthrange(year, start.month)[1])
    return date(year, start.month, day)


@dataclass(frozen=True)
class ContractYear:
    index: int  # 0 for the first year
    first: date
    last: date  # inclusive

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


def contract_year(start: date, on: date) -> ContractYear:
    """The contract year (counted from ``start``) containing ``on``; years before the start count back."""
    index = on.year - start.year
    if anniversary(start, index) > on:
        index -= 1
    first = anniversary(start, index)
    following = anniversary(start, index + 1)
    return ContractYear(index, first, date.fromordinal(following.toordinal() - 1))


@dataclass(frozen=True)
class Booking:
    id: str
    kind: str
    start: date
    end: date
    persons: int = 1
    course: str = ""
    cancelled: bool = False
    override_reason: str = ""
    note: str = ""

    def units(self, quota: QuotaDef) -> int:
        return self.persons if quota.per_course else 1


@dataclass(frozen=True)
class QuotaStatus:
    kind: str
    course: str  # "" unless the quota counts per course
    total: int
    used: int
    year: ContractYear
    days_until_reset: int
    bookings: tuple[Booking, ...] = field(default=())

    @property
    def remaining(self) -> int:
        return self.total - self.used  # negative after an override beyond the quota


@dataclass(frozen=True)
class BookingProblem:
    code: str  # not_entitled | over_quota | over_duration | outside_contract | bad_dates | bad_persons
    detail: dict[str, object]

    @property
    def overridable(self) -> bool:
        return self.code in ("not_entitled", "over_quota", "over_duration")


def working_days(catalog: Catalog, first: date, last: date) -> int:
    cal = catalog.calendars[catalog.working_day_calendar]
    return sum(1 for n in range((last - first).days + 1) if cal.is_working_day(date.fromordinal(first.toordinal() + n)))


def quota_status(
    catalog: Catalog,
    tier: str,
    contract_start: date,
    bookings: Iterable[Booking],
    on: date,
) -> list[QuotaStatus]:
    """Per quota kind (per course for training) the use in the contract year containing ``on``."""
    year = contract_year(contract_start, on)
    in_year = [b for b in bookings if year.contains(b.start)]
    result = []
    for kind, quota in catalog.quotas.items():
        courses = sorted({b.course for b in in_year if b.kind == kind}) if quota.per_course else []
        for course in courses or [""]:
            result.append(quota_of(catalog, tier, contract_start, in_year, on, kind, course))
    return result


def quota_of(
    catalog: Catalog,
    tier: str,
    contract_start: date,
    bookings: Iterable[Booking],
    on: date,
    kind: str,
    course: str = "",
) -> QuotaStatus:
    """One quota's use (one course's, for a quota counted per course) in the contract year containing ``on``."""
    quota = catalog.quotas[kind]
    course = course.strip() if quota.per_course else ""
    year = contract_year(contract_start, on)
    # A course typed for a quota not counted per course is only a label: the booking counts all the same.
    mine = (
        b
        for b in bookings
        if b.kind == kind and year.contains(b.start) and (not quota.per_course or b.course == course)
    )
    listed = tuple(sorted(mine, key=lambda b: (b.start, b.id)))
    used = sum(b.units(quota) for b in listed if not b.cancelled)
    reset_in = (year.last.toordinal() + 1) - on.toordinal()
    return QuotaStatus(kind, course, quota.limits.get(tier, 0), used, year, reset_in, listed)


def check_booking(
    catalog: Catalog,
    tier: str,
    contract_start: date,
    contract_end: date,
    existing: Sequence[Booking],
    candidate: Booking,
) -> list[BookingProblem]:
    """What is wrong with a booking; overridable problems may be accepted with a reason."""
    problems: list[BookingProblem] = []
    quota = catalog.quotas.get(candidate.kind)
    if quota is None:
        return [BookingProblem("unknown_kind", {"kind": candidate.kind, "known": sorted(catalog.quotas)})]
    if candidate.end < candidate.start:
        return [BookingProblem("bad_dates", {"start": candidate.start, "end": candidate.end})]
    if candidate.persons < 1:
        return [BookingProblem("bad_persons", {"persons": candidate.persons})]
    if quota.per_course and not candidate.course.strip():
        return [BookingProblem("missing_course", {})]
    if candidate.start < contract_start or candidate.end > contract_end:
        problems.append(
            BookingProblem("outside_contract", {"contract_start": contract_start, "contract_end": contract_end})
        )
    total = quota.limits.get(tier, 0)
    if total == 0:
        problems.append(BookingProblem("not_entitled", {"tier": tier, "kind": candidate.kind}))
    else:
        year = contract_year(contract_start, candidate.start)
        used = sum(
            b.units(quota)
            for b in existing
            if b.kind == candidate.kind
            and not b.cancelled
            and b.id != candidate.id
            and year.contains(b.start)
            and (not quota.per_course or b.course == candidate.course)
        )
        if used + candidate.units(quota) > total:
            problems.append(
                BookingProblem(
                    "over_quota",
                    {"used": used, "asked": candidate.units(quota), "total": total, "year_start": year.first},
                )
            )
    if quota.max_working_days is not None:
        days = working_days(catalog, candidate.start, candidate.end)
        if days > quota.max_working_days:
            problems.append(BookingProblem("over_duration", {"working_days": days, "limit": quota.max_working_days}))
    return problems
