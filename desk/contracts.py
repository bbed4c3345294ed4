"""Customers and contracts as team leads keep them: add, edit, renew, change tier; period arithmetic; the history.

Every write is a one-row (or two-row) batch of the interchange format merged by the importer, with the
agent as actor: the importer's rules and messages are the only ones, and every change lands in the
customer history (who, when, what) in the same transaction.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from desk.changes import ChangeSet
from desk.errors import InvalidInput
from desk.services import Desk
from desk.store.models import Contract, Customer, CustomerEvent

# The importer every write goes through is imported by the writes: reading a customer's contracts (the
# window's customer panel, at start) needs none of it.
if TYPE_CHECKING:
    from desk.interchange import Row

FORM = "form"  # the source a form's row names in a refusal (the importer's "file: row N")
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CustomerForm:
    ref: str
    name: str
    technical_contact: str = ""
    ops_contact: str = ""
    business_goals: str = ""


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    kind: str  # customer_added, customer_changed, contract_added, contract_changed
    contract_ref: str
    detail: str


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the last day of a shorter month (31 Jan + 1 month = 28/29 Feb)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def renewal_period(current: Period) -> Period:
    """The period after ``current``: from the day after its end, as long (whole months if it was whole months)."""
    start = current.end + ONE_DAY
    for months in range(1, 121):
        if add_months(current.start, months) - ONE_DAY == current.end:
            return Period(start, add_months(start, months) - ONE_DAY)
    return Period(start, start + (current.end - current.start))


def tier_change_periods(current: Period, day: date) -> tuple[Period, Period]:
    """``current`` ended the day before ``day``, and the new tier's period from ``day`` to the same end.

    Raises InvalidInput unless ``day`` falls after the current period's first day and within it.
    """
    if not current.start < day <= current.end:
        raise InvalidInput(
            "start",
            f"a tier change starts after {current.start} and no later than {current.end}, not on {day}",
            code="tier_change_day",
            first=current.start + ONE_DAY,
            last=current.end,
        )
    return Period(current.start, day - ONE_DAY), Period(day, current.end)


def _row(values: dict[str, object]) -> Row:
    from desk.interchange import Row

    return Row(FORM, {k: v for k, v in values.items() if v is not None})


def _contract_row(ref: str, customer_ref: str, tier: str, period: Period) -> Row:
    return _row(
        {"id": ref, "customer_id": customer_ref, "tier": tier, "start": period.start.isoformat(),
         "end": period.end.isoformat()}
    )  # fmt: skip


def save_customer(
    desk: Desk, form: CustomerForm, *, new: bool, tier: str | None = None, period: Period | None = None
) -> ChangeSet:
    """Add a customer (``new``: its id must be free), with its first contract if ``tier`` and ``period`` are
    given (both or neither written), or change one's name, contacts and goals."""
    from desk.interchange import Batch, import_batch
    from desk.interchange.validating import Checker

    exists = _customer(desk, form.ref) is not None
    if new and exists:
        checker = Checker()
        checker.fail(_row({}), "id", f"a customer {form.ref!r} exists already", "customer_exists", ref=form.ref)
        raise checker.refusal()
    if not new and not exists:
        raise InvalidInput("customer", f"no customer {form.ref!r}")
    batch = Batch()
    batch.rows["customers"].append(
        _row(
            {"id": form.ref.strip(), "name": form.name, "technical_contact": form.technical_contact,
             "ops_contact": form.ops_contact, "business_goals": form.business_goals}
        )
    )  # fmt: skip
    if new and tier is not None and period is not None:
        ref = new_contract_ref(desk, form.ref.strip(), period.start)
        batch.rows["contracts"].append(_contract_row(ref, form.ref.strip(), tier, period))
    return import_batch(desk, batch, actor=desk.actor)


def add_contract(desk: Desk, customer_ref: str, tier: str, period: Period) -> ChangeSet:
    """A new contract period for a customer (its id made from the customer's and the start)."""
    from desk.interchange import Batch, import_batch

    batch = Batch()
    batch.rows["contracts"].append(_contract_row(new_contract_ref(desk, customer_ref, period.start), customer_ref,
                                                 tier, period))  # fmt: skip
    return import_batch(desk, batch, actor=desk.actor)


def renew(desk: Desk, contract_ref: str, tier: str | None = None, end: date | None = None) -> ChangeSet:
    """The next period of ``contract_ref``'s customer: from the day after its end, the same tier unless given."""
    current = contract(desk, contract_ref)
    period = renewal_period(Period(current.start, current.end))
    if end is not None:
        period = Period(period.start, end)
    return add_contract(desk, current.customer_ref, tier or current.tier, period)


def change_tier(desk: Desk, contract_ref: str, tier: str, day: date) -> ChangeSet:
    """``tier`` from ``day``: the current period ends the day before, a new one runs to its old end.

    Cases opened before keep their contract and its rules; cases opened from ``day`` get the new tier.
    """
    from desk.interchange import Batch, import_batch

    current = contract(desk, contract_ref)
    before, after = tier_change_periods(Period(current.start, current.end), day)
    batch = Batch()
    batch.rows["contracts"].append(_contract_row(current.ref, current.customer_ref, current.tier, before))
    new_ref = new_contract_ref(desk, current.customer_ref, day)
    batch.rows["contracts"].append(_contract_row(new_ref, current.customer_ref, tier, after))
    return import_batch(desk, batch, actor=desk.actor)


@dataclass(frozen=True)
class ContractFacts:
    ref: str
    customer_ref: str
    tier: str
    start: date
    end: date
    catalog_version: str


def contract(desk: Desk, ref: str) -> ContractFacts:
    with desk.store.read() as session:
        row = session.execute(
            select(Contract.ref, Customer.ref, Contract.tier, Contract.start, Contract.end, Contract.catalog_version)
            .join(Customer, Customer.id == Contract.customer_id)
            .where(Contract.ref == ref)
        ).first()
    if row is None:
        raise InvalidInput("contract", f"no contract {ref!r}")
    return ContractFacts(*row)


def contracts_of(desk: Desk, customer_ref: str) -> list[ContractFacts]:
    """A customer's contract periods, earliest first."""
    with desk.store.read() as session:
        rows = session.execute(
            select(Contract.ref, Customer.ref, Contract.tier, Contract.start, Contract.end, Contract.catalog_version)
            .join(Customer, Customer.id == Contract.customer_id)
            .where(Customer.ref == customer_ref)
            .order_by(Contract.start)
        ).all()
    return [ContractFacts(*row) for row in rows]


def new_contract_ref(desk: Desk, customer_ref: str, start: date) -> str:
    """``<customer>-<start>``, or with ``-2``, ``-3``... when that id is taken."""
    base = f"{customer_ref}-{start.isoformat()}"
    with desk.store.read() as session:
        taken = set(session.scalars(select(Contract.ref).where(Contract.ref.like(f"{base}%"))))
    ref, n = base, 1
    while ref in taken:
        n += 1
        ref = f"{base}-{n}"
    return ref


def history(desk: Desk, customer_ref: str) -> list[HistoryEntry]:
    """Who added or changed the customer and its contracts, and when; oldest first."""
    with desk.store.read() as session:
        rows = session.execute(
            select(CustomerEvent.at, CustomerEvent.actor, CustomerEvent.kind, CustomerEvent.contract_ref,
                   CustomerEvent.detail)
            .join(Customer, Customer.id == CustomerEvent.customer_id)
            .where(Customer.ref == customer_ref)
            .order_by(CustomerEvent.at, CustomerEvent.created_at)
        ).all()  # fmt: skip
    return [HistoryEntry(*row) for row in rows]


def _customer(desk: Desk, ref: str) -> Customer | None:
    with desk.store.read() as session:
        return session.scalar(select(Customer).where(Customer.ref == ref))
