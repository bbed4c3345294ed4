"""The customer list: one compact row per customer (tier in force, period, days left, open cases, quota use),
read in a few queries, and the search agents type into it."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from desk.quotas import Booking, quota_status
from desk.services import OPEN_STATUSES, Desk
from desk.store.models import Case, Contract, Customer, QuotaUse

DEFAULT_EXPIRING_DAYS = 30


@dataclass(frozen=True)
class CustomerRow:
    ref: str
    name: str
    technical_contact: str
    ops_contact: str
    tier: str  # "" : no contract in force today
    contract_ref: str
    start: date | None
    end: date | None
    days_left: int | None  # days after today the period still runs (0: it ends today)
    open_cases: int
    quota_used: int  # of the most used quota of the contract year, by share
    quota_total: int

    def expiring(self, within_days: int) -> bool:
        return self.days_left is not None and self.days_left <= within_days

    def matches(self, words: str) -> bool:
        """Every word of ``words`` (case-insensitive) in the id, name, a contact or the tier."""
        haystack = " ".join((self.ref, self.name, self.technical_contact, self.ops_contact, self.tier)).casefold()
        return all(word in haystack for word in words.casefold().split())


def customer_rows(desk: Desk) -> list[CustomerRow]:
    """Every customer as the list shows it today (in each contract's plan time zone), by name."""
    now = desk.clock.now()
    with desk.store.read() as session:
        customers = session.execute(
            select(Customer.id, Customer.ref, Customer.name, Customer.technical_contact, Customer.ops_contact)
        ).all()
        contracts: dict[uuid.UUID, list[Contract]] = defaultdict(list)
        for contract in session.scalars(select(Contract)):
            contracts[contract.customer_id].append(contract)
        open_counts = dict(
            session.execute(
                select(Case.customer_id, func.count())
                .where(Case.status.in_([str(s) for s in OPEN_STATUSES]))
                .group_by(Case.customer_id)
            ).all()
        )
        bookings: dict[uuid.UUID, list[Booking]] = defaultdict(list)
        for use in session.scalars(select(QuotaUse)):
            bookings[use.contract_id].append(
                Booking(use.ref, use.kind, use.start, use.end, use.persons, use.course, use.cancelled_at is not None)
            )
        rows = []
        for cid, ref, name, tech, ops in customers:
            in_force, day = None, now.date()
            for contract in contracts.get(cid, []):
                local = now.astimezone(desk.catalogs.get(contract.catalog_version).timezone).date()
                if contract.start <= local <= contract.end and (in_force is None or contract.start > in_force.start):
                    in_force, day = contract, local
            used = total = 0
            if in_force is not None:
                catalog = desk.catalogs.get(in_force.catalog_version)
                siblings = [b for c in contracts[cid] for b in bookings.get(c.id, [])]
                statuses = [s for s in quota_status(catalog, in_force.tier, in_force.start, siblings, day) if s.total]
                if statuses:
                    top = max(statuses, key=lambda s: s.used / s.total)
                    used, total = top.used, top.total
            rows.append(
                CustomerRow(
                    ref, name, tech, ops,
                    in_force.tier if in_force else "",
                    in_force.ref if in_force else "",
                    in_force.start if in_force else None,
                    in_force.end if in_force else None,
                    (in_force.end - day).days if in_force else None,
                    open_counts.get(cid, 0),
                    used, total,
                )
            )  # fmt: skip
    rows.sort(key=lambda r: (r.name.casefold(), r.ref))
    return rows
