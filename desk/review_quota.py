"""Quota use across all customers: who is near or at a limit, who has entitlement left unused, overrides.

Each contract in force on the review's day is measured by ``desk.quotas.quota_status`` (the ledger's one
rule) in the contract year containing that day, counting the bookings of all the customer's contracts
as a booking does. Levels, per quota (per course for training seats):

* ``over``: more used than the limit (bookings made with an override); ``at_limit``: nothing left;
* ``near``: some used and at most a quarter of the limit left; ``unused``: entitled, nothing used yet
  (with the day the contract year ends: unused quota does not carry over); ``ok``: the rest.

A quota the tier does not include and nobody booked is left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk.quotas import Booking, quota_status
from desk.read import Reader
from desk.review_chart import Chart, chart_of
from desk.review_period import Period
from desk.store.models import Contract, QuotaUse

LEVELS = ("over", "at_limit", "near", "unused", "ok")


def level_of(total: int, used: int) -> str:
    remaining = total - used
    if remaining < 0:
        return "over"
    if total and not remaining:
        return "at_limit"
    if used and remaining * 4 <= total:
        return "near"
    if total and not used:
        return "unused"
    return "ok"


@dataclass(frozen=True, slots=True)
class QuotaLine:
    customer: str
    customer_name: str
    contract: str
    tier: str
    kind: str
    course: str
    total: int
    used: int
    year_ends: date  # the last day of the contract year: unused quota lapses after it
    level: str
    bookings: tuple[str, ...]  # the bookings counted (their refs)

    @property
    def remaining(self) -> int:
        return self.total - self.used


@dataclass(frozen=True, slots=True)
class Override:
    """A booking made beyond what the plan allows, and why."""

    booking: str
    customer: str
    customer_name: str
    contract: str
    kind: str
    start: date
    end: date
    persons: int
    booked_at: datetime
    booked_by: str
    reason: str
    cancelled: bool


@dataclass(frozen=True)
class QuotaReview:
    period: Period
    day: date
    lines: tuple[QuotaLine, ...]
    overrides: tuple[Override, ...]
    kinds: tuple[str, ...]

    def at_level(self, level: str, kind: str | None = None) -> list[QuotaLine]:
        return [q for q in self.lines if q.level == level and (kind is None or q.kind == kind)]

    def counts(self) -> dict[str, dict[str, int]]:
        """Per quota kind, how many contracts (courses) are at each level."""
        out = {k: dict.fromkeys(LEVELS, 0) for k in self.kinds}
        for q in self.lines:
            out.setdefault(q.kind, dict.fromkeys(LEVELS, 0))[q.level] += 1
        return out

    def chart(self) -> Chart:
        counts = self.counts()
        return chart_of("quota_by_kind", list(counts), list(counts.values()), LEVELS)


def quota_review(desk: Reader, period: Period, *, day: date | None = None) -> QuotaReview:
    """Quota use on ``day`` (default: the period's last day, or today while it runs), overrides in the period."""
    today = desk.clock.now().astimezone(period.tz).date()
    on = day if day is not None else min(period.last, today)
    lines: list[QuotaLine] = []
    kinds: dict[str, None] = {}
    with desk.store.read() as session:
        contracts = session.scalars(select(Contract).options(selectinload(Contract.customer))).all()
        uses = session.scalars(select(QuotaUse).options(selectinload(QuotaUse.contract))).all()
        by_customer: dict[object, list[Booking]] = {}
        for use in uses:
            by_customer.setdefault(use.contract.customer_id, []).append(_booking(use))
        for contract in sorted(contracts, key=lambda c: (c.customer.ref, c.start, c.ref)):
            if not contract.start <= on <= contract.end:
                continue
            catalog = desk.catalogs.get(contract.catalog_version)
            kinds.update(dict.fromkeys(catalog.quotas))
            bookings = by_customer.get(contract.customer_id, [])
            for status in quota_status(catalog, contract.tier, contract.start, bookings, on):
                if not status.total and not status.used:
                    continue
                lines.append(
                    QuotaLine(
                        contract.customer.ref,
                        contract.customer.name,
                        contract.ref,
                        contract.tier,
                        status.kind,
                        status.course,
                        status.total,
                        status.used,
                        status.year.last,
                        level_of(status.total, status.used),
                        tuple(b.id for b in status.bookings if not b.cancelled),
                    )
                )
        overrides = [
            Override(
                u.ref,
                u.contract.customer.ref,
                u.contract.customer.name,
                u.contract.ref,
                u.kind,
                u.start,
                u.end,
                u.persons,
                u.booked_at,
                u.booked_by,
                u.override_reason,
                u.cancelled_at is not None,
            )
            for u in sorted(uses, key=lambda u: (u.booked_at, u.ref))
            if u.override_reason and period.contains(u.booked_at)
        ]
    return QuotaReview(period, on, tuple(lines), tuple(overrides), tuple(kinds))


def _booking(use: QuotaUse) -> Booking:
    return Booking(
        use.ref, use.kind, use.start, use.end, use.persons, use.course, use.cancelled_at is not None,
        use.override_reason, use.note,
    )  # fmt: skip
