"""Importing a batch: validate it whole, then merge it into the store in one transaction (or nothing)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.interchange.format import IMPORT_ACTOR, Batch, ImportFailed
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
from desk.store.models import Case, Contract, Customer, QuotaEvent, QuotaUse
from desk.store.writer import CaseWriter, NewEvent, events_for


def import_batch(desk: Desk, batch: Batch) -> ChangeSet:
    """Validate the whole batch, then write it in one transaction (or nothing)."""
    checker = Checker()
    check_shape(checker, batch)
    with desk.store.write() as session:
        merge = _Merge(desk, session, checker)
        # Only text ids count as references; any other id is reported on its own row below.
        customer_refs = set(merge.customers) | text_ids(batch.rows["customers"])
        contract_refs = set(merge.contracts) | text_ids(batch.rows["contracts"])
        checked = check_rows(desk, checker, batch, customer_refs, contract_refs)
        if checker.problems:
            raise ImportFailed(checker.problems)
        # Still all-or-nothing: any problem found while merging rolls the transaction back.
        changes = merge.apply(checked)
        if checker.problems:
            raise ImportFailed(checker.problems)
        return changes


class _Merge:
    """One import's merge into the store: customers, contracts, cases, then quota uses."""

    def __init__(self, desk: Desk, session: Session, checker: Checker) -> None:
        self.desk, self.session, self.checker = desk, session, checker
        self.writer = CaseWriter(desk.catalogs, desk.clock, IMPORT_ACTOR)
        self.now = desk.clock.now()
        self.customers = {c.ref: c for c in session.scalars(select(Customer))}
        self.contracts = {c.ref: c for c in session.scalars(select(Contract))}

    def apply(self, checked: Checked) -> ChangeSet:
        changes = ChangeSet()
        for customer in checked.customers:
            changes |= self._customer(customer)
        for contract in checked.contracts:
            changes |= self._contract(contract)
        for item in checked.cases:
            if item is not None:
                changes |= merge_case(self.desk, self.writer, self.session, item, self.customers, self.checker)
        for use in checked.quota_uses:
            changes |= self._quota_use(use)
        return changes

    def _customer(self, record: CustomerRecord) -> ChangeSet:
        cust = self.customers.get(record.ref)
        if cust is None:
            cust = Customer(ref=record.ref, created_at=self.now, updated_at=self.now, **record.columns())
            self.session.add(cust)
            self.session.flush()
            self.customers[cust.ref] = cust
            return ChangeSet(customers=frozenset({cust.id}))
        if _update(cust, record.columns(), self.now):
            return ChangeSet(customers=frozenset({cust.id}))
        return ChangeSet()

    def _contract(self, record: ContractRecord) -> ChangeSet:
        assert record.start is not None and record.end is not None
        con = self.contracts.get(record.ref)
        cust = self.customers[record.customer_ref]
        fields = {"customer_id": cust.id, "tier": record.tier, "start": record.start, "end": record.end}
        if con is None:
            con = Contract(
                ref=record.ref, catalog_version=record.catalog_version, created_at=self.now, updated_at=self.now,
                **fields,
            )  # fmt: skip
            self.session.add(con)
            self.session.flush()
            self.contracts[record.ref] = con
            return ChangeSet(customers=frozenset({cust.id})) | self._attach_orphans(con)
        if (con.tier, con.customer_id) != (record.tier, cust.id) and _has_work(self.session, con):
            # Cases keep the rules they were opened under (a tier change is a new contract period, docs/domain.md).
            self.checker.fail(
                record.row, "tier" if con.tier != record.tier else "customer_id",
                f"contract {record.ref} already has cases or bookings under {con.tier}; a new tier is a new "
                "contract period: import it as a contract with its own id",
            )  # fmt: skip
            return ChangeSet()
        if _update(con, fields, self.now):
            return ChangeSet(customers=frozenset({cust.id})) | self._refresh_contract_cases(con)
        return ChangeSet()

    def _quota_use(self, record: QuotaUseRecord) -> ChangeSet:
        assert record.start is not None and record.end is not None
        con = self.contracts[record.contract_ref]
        use = self.session.scalar(select(QuotaUse).where(QuotaUse.ref == record.ref))
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
            use = QuotaUse(ref=record.ref, **stamps, **fields)
            self.session.add(use)
            self.session.flush()
            self.session.add(
                QuotaEvent(quota_use_id=use.id, at=now, actor=IMPORT_ACTOR, kind="booked", detail="imported")
            )
            return ChangeSet(quota_uses=frozenset({use.id}))
        if _update(use, fields, now):
            self.session.add(
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
