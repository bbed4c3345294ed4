"""Importing a batch: validate it whole, then merge it into the store in one transaction (or nothing).

The window's customer and contract forms write through here too (as one-row batches, with the agent as
actor), so the importer's rules and messages are the only ones; a preview runs the same merge and rolls
it back.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.interchange.format import IMPORT_ACTOR, Batch
from desk.interchange.merging_cases import merge_case
from desk.interchange.validating import (
    Checked,
    Checker,
    ContractRecord,
    CustomerRecord,
    QuotaUseRecord,
    check_rows,
    check_shape,
    text_ids,
)
from desk.services import ChangeSet, Desk
from desk.store.models import Case, Contract, Customer, CustomerEvent, QuotaEvent, QuotaUse
from desk.store.writer import CaseWriter, NewEvent, events_for

Outcome = Literal["added", "changed", "unchanged"]
PROGRESS_EVERY = 100


@dataclass(frozen=True)
class RowOutcome:
    """What an import did (or would do) with one row."""

    array: str  # customers, contracts, cases, quota_uses
    ref: str
    source: str
    outcome: Outcome


@dataclass
class Preview:
    """What importing a batch would add, change and leave as it is; nothing of it is written."""

    rows: list[RowOutcome] = field(default_factory=list)

    def count(self, outcome: Outcome, array: str | None = None) -> int:
        return sum(1 for r in self.rows if r.outcome == outcome and (array is None or r.array == array))


class _DryRun(Exception):
    """Ends a preview's transaction: raised inside it so the store rolls everything back."""


Progress = Callable[[int, int], None]  # rows merged so far, rows in the batch


def import_batch(desk: Desk, batch: Batch, actor: str = IMPORT_ACTOR, progress: Progress | None = None) -> ChangeSet:
    """Validate the whole batch, then write it in one transaction (or nothing); ``actor`` signs the customer history.

    ``progress`` hears of every ``PROGRESS_EVERY`` rows merged (and of the last one)."""
    with desk.store.write() as session:
        return _merge(desk, session, batch, actor, progress).changes


def preview_batch(desk: Desk, batch: Batch, progress: Progress | None = None) -> Preview:
    """What ``import_batch`` would do, by every rule it applies, without writing anything (ImportFailed if refused)."""
    preview = Preview()
    try:
        with desk.store.write() as session:
            preview.rows = _merge(desk, session, batch, IMPORT_ACTOR, progress).outcomes
            raise _DryRun
    except _DryRun:
        pass
    return preview


def _merge(desk: Desk, session: Session, batch: Batch, actor: str, progress: Progress | None) -> Merge:
    checker = Checker()
    check_shape(checker, batch)
    merge = Merge(desk, session, checker, actor, progress)
    # Only text ids count as references; any other id is reported on its own row below.
    customer_refs = set(merge.customers) | text_ids(batch.rows["customers"])
    contract_refs = set(merge.contracts) | text_ids(batch.rows["contracts"])
    checked = check_rows(desk, checker, batch, customer_refs, contract_refs)
    if checker.details:
        raise checker.refusal()
    # Still all-or-nothing: any problem found while merging rolls the transaction back.
    merge.changes = merge.apply(checked)
    if checker.details:
        raise checker.refusal()
    return merge


class Merge:
    """One import's merge into the store: customers, contracts, cases, then quota uses."""

    def __init__(
        self, desk: Desk, session: Session, checker: Checker, actor: str, progress: Progress | None = None
    ) -> None:
        self.desk, self.session, self.checker, self.actor = desk, session, checker, actor
        self.progress, self.total = progress, 0
        # Imported case history stays the importer's (re-imports tell its events from agents' work by it);
        # ``actor`` signs the customer history: the agent who imported or filled in a form.
        self.writer = CaseWriter(desk.catalogs, desk.clock, IMPORT_ACTOR)
        self.now = desk.clock.now()
        self.customers = {c.ref: c for c in session.scalars(select(Customer))}
        self.contracts = {c.ref: c for c in session.scalars(select(Contract))}
        self._by_customer: dict[uuid.UUID, list[Contract]] | None = None
        # History rows of customers and bookings, added once their parents are written (``settle``): the
        # parents get their ids here, not from a flush per row, and the two are not related in the ORM.
        self.later: list[object] = []
        self.cases_stored = True  # False: the store held no case when the merge began (none can be an orphan)
        self.outcomes: list[RowOutcome] = []
        self.changes = ChangeSet()

    def _outcome(self, array: str, ref: str, source: str, existed: bool, changes: ChangeSet) -> ChangeSet:
        changed = changes != ChangeSet()
        outcome: Outcome = "changed" if existed and changed else "unchanged" if existed else "added"
        self.outcomes.append(RowOutcome(array, ref, source, outcome))
        done = len(self.outcomes)
        if self.progress is not None and (done % PROGRESS_EVERY == 0 or done == self.total):
            self.progress(done, self.total)
        return changes

    def apply(self, checked: Checked) -> ChangeSet:
        parts: list[ChangeSet] = []
        self.total = len(checked.customers) + len(checked.contracts) + len(checked.cases) + len(checked.quota_uses)
        for customer in checked.customers:
            existed = customer.ref in self.customers
            parts.append(
                self._outcome("customers", customer.ref, customer.row.source, existed, self._customer(customer))
            )
        for contract in checked.contracts:
            existed = contract.ref in self.contracts
            parts.append(
                self._outcome("contracts", contract.ref, contract.row.source, existed, self._contract(contract))
            )
        for item in checked.cases:
            if item is not None:
                existed = self.session.scalar(select(Case.id).where(Case.ref == item.ref)) is not None
                merged = merge_case(self.desk, self.writer, self.session, item, self.customers, self.checker)
                parts.append(self._outcome("cases", item.ref, item.row.source, existed, merged))
        for use in checked.quota_uses:
            existed = self.session.scalar(select(QuotaUse.id).where(QuotaUse.ref == use.ref)) is not None
            parts.append(self._outcome("quota_uses", use.ref, use.row.source, existed, self.quota_use(use)))
        self.settle()
        return _union(parts)

    def settle(self) -> None:
        """Write what was merged, then the history rows that refer to it."""
        self.session.flush()
        self.session.add_all(self.later)
        self.later.clear()
        self.session.flush()

    def _history(self, customer: Customer, kind: str, detail: str, contract_ref: str = "") -> None:
        self.later.append(
            CustomerEvent(
                customer_id=customer.id, at=self.now, actor=self.actor, kind=kind, contract_ref=contract_ref,
                detail=detail,
            )
        )  # fmt: skip

    def _customer(self, record: CustomerRecord) -> ChangeSet:
        cust = self.customers.get(record.ref)
        if cust is None:
            # Its id made here, not by a flush per row: the rows go to the database together.
            cust = Customer(
                id=uuid.uuid4(), ref=record.ref, created_at=self.now, updated_at=self.now, **record.columns()
            )
            self.session.add(cust)
            self.customers[cust.ref] = cust
            self._history(cust, "customer_added", "")
            return ChangeSet(customers=frozenset({cust.id}))
        before = {k: getattr(cust, k) for k in record.columns()}
        if _update(cust, record.columns(), self.now):
            self._history(cust, "customer_changed", " ".join(k for k, v in before.items() if getattr(cust, k) != v))
            return ChangeSet(customers=frozenset({cust.id}))
        return ChangeSet()

    def _contracts_of(self, customer_id: uuid.UUID) -> list[Contract]:
        # By customer, built once (a scan of every contract per imported contract took seconds at thousands).
        if self._by_customer is None:
            self._by_customer = {}
            for contract in self.contracts.values():
                self._by_customer.setdefault(contract.customer_id, []).append(contract)
        return self._by_customer.get(customer_id, [])

    def _overlapping(self, record: ContractRecord, customer: Customer) -> Contract | None:
        assert record.start is not None and record.end is not None
        for other in self._contracts_of(customer.id):
            if other.ref != record.ref and other.start <= record.end and record.start <= other.end:
                return other
        return None

    def _contract(self, record: ContractRecord) -> ChangeSet:
        assert record.start is not None and record.end is not None
        con = self.contracts.get(record.ref)
        cust = self.customers[record.customer_ref]
        fields = {"customer_id": cust.id, "tier": record.tier, "start": record.start, "end": record.end}
        other = self._overlapping(record, cust)
        if other is not None:
            # One customer has one contract in force on any day: which rules a case opened under must be clear.
            self.checker.fail(
                record.row, "start",
                f"{record.start}..{record.end} overlaps contract {other.ref} ({other.start}..{other.end}) of "
                f"customer {cust.ref}; periods of one customer never overlap",
                "overlap", contract=other.ref, start=other.start, end=other.end,
            )  # fmt: skip
            return ChangeSet()
        if con is None:
            con = Contract(
                id=uuid.uuid4(), ref=record.ref, catalog_version=record.catalog_version, created_at=self.now,
                updated_at=self.now, **fields,
            )  # fmt: skip
            self.session.add(con)
            self.contracts[record.ref] = con
            if self._by_customer is not None:
                self._by_customer.setdefault(con.customer_id, []).append(con)
            detail = f"tier={con.tier} {con.start}..{con.end} catalog={con.catalog_version}"
            self._history(cust, "contract_added", detail, con.ref)
            return ChangeSet(customers=frozenset({cust.id})) | self._attach_orphans(con)
        if (con.tier, con.customer_id) != (record.tier, cust.id) and _has_work(self.session, con):
            # Cases keep the rules they were opened under (a tier change is a new contract period, docs/domain.md).
            self.checker.fail(
                record.row, "tier" if con.tier != record.tier else "customer_id",
                f"contract {record.ref} already has cases or bookings under {con.tier}; a new tier is a new "
                "contract period: import it as a contract with its own id",
                "tier_has_work", contract=record.ref, tier=con.tier,
            )  # fmt: skip
            return ChangeSet()
        before = {k: getattr(con, k) for k in ("tier", "start", "end")}
        if _update(con, fields, self.now):
            self._by_customer = None  # its customer may have changed
            moved = " ".join(f"{k}={v}->{getattr(con, k)}" for k, v in before.items() if getattr(con, k) != v)
            self._history(cust, "contract_changed", moved, con.ref)
            return ChangeSet(customers=frozenset({cust.id})) | self._refresh_contract_cases(con)
        return ChangeSet()

    def quota_use(self, record: QuotaUseRecord) -> ChangeSet:
        return self.put_quota_use(record, self.session.scalar(select(QuotaUse).where(QuotaUse.ref == record.ref)))

    def put_quota_use(self, record: QuotaUseRecord, use: QuotaUse | None) -> ChangeSet:
        """Book ``record`` anew, or bring ``use`` (the stored booking of its ref) up to it."""
        assert record.start is not None and record.end is not None
        con = self.contracts[record.contract_ref]
        fields = {
            "contract_id": con.id,
            "kind": record.kind,
            "start": record.start,
            "end": record.end,
            "course": record.course,
            "persons": record.persons,
            "note": record.note,
        }
        now = self.now
        if use is None:
            stamps = {"booked_at": now, "booked_by": IMPORT_ACTOR, "created_at": now, "updated_at": now}
            use = QuotaUse(id=uuid.uuid4(), ref=record.ref, **stamps, **fields)
            self.session.add(use)
            self.later.append(
                QuotaEvent(quota_use_id=use.id, at=now, actor=IMPORT_ACTOR, kind="booked", detail="imported")
            )
            return ChangeSet(quota_uses=frozenset({use.id}))
        if _update(use, fields, now):
            self.later.append(
                QuotaEvent(quota_use_id=use.id, at=now, actor=IMPORT_ACTOR, kind="changed", detail="re-imported")
            )
            return ChangeSet(quota_uses=frozenset({use.id}))
        return ChangeSet()

    def _refresh_contract_cases(self, contract: Contract) -> ChangeSet:
        """A contract's dates (or, with no cases yet, its tier) changed: recompute its cases' cached clocks."""
        changed = set()
        for case in self.session.scalars(select(Case).where(Case.contract_id == contract.id)):
            case.contract = contract
            self.writer.refresh_due(case, events_for(self.session, [case.id]).get(case.id, []))
            changed.add(case.id)
        return ChangeSet(cases=frozenset(changed))

    def _attach_orphans(self, contract: Contract) -> ChangeSet:
        """Cases imported before their contract was known get it now, if it was in force when they opened."""
        if not self.cases_stored:
            return ChangeSet()
        zone = self.desk.catalogs.get(contract.catalog_version).timezone
        changed = set()
        orphans = self.session.scalars(
            select(Case).where(Case.customer_id == contract.customer_id, Case.contract_id.is_(None))
        )
        for case in orphans:
            if contract.start <= case.opened_at.astimezone(zone).date() <= contract.end:
                case.contract_id, case.contract = contract.id, contract
                event = NewEvent(self.desk.clock.now(), "field", field="contract", old="", new=contract.ref)
                self.writer.append(self.session, case, event, keep_order=False)
                self.writer.finish(self.session, case)
                changed.add(case.id)
        return ChangeSet(cases=frozenset(changed))


def _union(parts: list[ChangeSet]) -> ChangeSet:
    """All of ``parts`` at once (``|`` row by row copies the growing sets: quadratic in the rows)."""
    return ChangeSet(
        cases=frozenset().union(*(p.cases for p in parts)),
        customers=frozenset().union(*(p.customers for p in parts)),
        quota_uses=frozenset().union(*(p.quota_uses for p in parts)),
        warnings=tuple(w for p in parts for w in p.warnings),
    )


def _has_work(session: Session, contract: Contract) -> bool:
    return (
        session.scalar(select(Case.id).where(Case.contract_id == contract.id).limit(1)) is not None
        or session.scalar(select(QuotaUse.id).where(QuotaUse.contract_id == contract.id).limit(1)) is not None
    )


def _update(obj: Any, fields: Mapping[str, Any], now: datetime) -> bool:
    changed = False
    for key, value in fields.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj.updated_at = now
    return changed
