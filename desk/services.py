"""The desk's operations: every change to cases and quotas goes through here and returns what changed.

The window and the CLI call the same methods. Each write is one transaction that also appends the
case's (or booking's) event rows and refreshes the case's cached next deadline.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desk.catalog import Catalog, CatalogRegistry
from desk.changes import ChangeSet as ChangeSet  # re-exported: callers import it from here
from desk.clock import Clock
from desk.entitlements import case_warnings
from desk.errors import Conflict, Refused
from desk.errors import DeskError as DeskError  # re-exported: callers import it from here
from desk.errors import InvalidInput as InvalidInput
from desk.errors import NotFound as NotFound
from desk.quotas import Booking, BookingProblem, QuotaStatus, check_booking, quota_of, quota_status
from desk.sla import CaseSla, DueCache, evaluate
from desk.store.engine import Store
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaEvent, QuotaUse
from desk.store.writer import CaseWriter, NewEvent
from desk.store.writer import events_for as events_for  # the case writer's, still reachable from here
from desk.store.writer import history_of as history_of
from desk.store.writer import store_due as store_due
from desk.vocabulary import CASE_STATUSES, ENDED_STATUSES, CaseStatus
from desk.vocabulary import OPEN_STATUSES as OPEN_STATUSES


class StaleEdit(Conflict):
    """The row changed since the caller read it; nothing was applied."""

    default_code = "stale_edit"


class QuotaRefused(Refused):
    default_code = "quota_refused"

    def __init__(self, problems: Sequence[BookingProblem]) -> None:
        codes = ", ".join(p.code for p in problems)
        super().__init__(
            f"booking refused ({codes}); give an override reason to book anyway",
            problems=tuple(p.code for p in problems),
        )
        self.problems = list(problems)


@dataclass(frozen=True)
class CustomerQuotas:
    customer_ref: str
    customer_name: str
    contract_ref: str
    tier: str
    contract_start: date
    contract_end: date
    catalog_version: str
    statuses: tuple[QuotaStatus, ...] = field(default=())


class Desk:
    """The services over one store, one catalog registry and one clock, acting as one agent."""

    def __init__(self, store: Store, catalogs: CatalogRegistry, clock: Clock, actor: str = "desk") -> None:
        self.store = store
        self.catalogs = catalogs
        self.clock = clock
        self.actor = actor

    @property
    def writer(self) -> CaseWriter:
        """The one writer of case history, for this desk's clock and agent."""
        return CaseWriter(self.catalogs, self.clock, self.actor)

    # ---------------------------------------------------------------- catalog and contracts

    def catalog_for(self, contract: Contract | None, opened_at: datetime | None = None) -> Catalog:
        return self.writer.catalog_for(contract, opened_at)

    def contract_in_force(self, session: Session, customer_id: uuid.UUID, at: datetime) -> Contract | None:
        contracts = session.scalars(select(Contract).where(Contract.customer_id == customer_id)).all()
        best: Contract | None = None
        for contract in contracts:
            local_day = at.astimezone(self.catalogs.get(contract.catalog_version).timezone).date()
            if contract.start <= local_day <= contract.end and (best is None or contract.start > best.start):
                best = contract
        return best

    # ---------------------------------------------------------------- SLA

    def evaluate_case(self, case: Case, now: datetime | None = None) -> CaseSla:
        catalog = self.catalog_for(case.contract, case.opened_at)
        return evaluate(history_of(case, case.events), catalog, now or self.clock.now())

    def due_from(self, case: Case, events: Sequence[CaseEvent]) -> DueCache:
        """What the case row should cache of its most urgent clock, from its events."""
        return self.writer.due_from(case, events)

    def refresh_due(self, case: Case, events: Sequence[CaseEvent]) -> None:
        self.writer.refresh_due(case, events)

    # ---------------------------------------------------------------- case operations

    def _case(self, session: Session, case_id: uuid.UUID, expected_version: int | None) -> Case:
        # FOR UPDATE (PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers) so the version
        # check below sees the latest committed row and concurrent edits of one case queue up.
        case = session.get(Case, case_id, options=[selectinload(Case.contract)], with_for_update=True)
        if case is None:
            raise NotFound(f"no case {case_id}", code="no_case", ref=str(case_id))
        if expected_version is not None and case.version != expected_version:
            raise StaleEdit(
                f"case {case.ref} was changed by someone else (version {case.version}, you had "
                f"{expected_version}); nothing was applied: reload and try again",
                ref=case.ref,
            )
        return case

    def _log(
        self,
        session: Session,
        case: Case,
        kind: str,
        at: datetime,
        *,
        field: str = "",
        old: str | None = None,
        new: str | None = None,
        reason: str = "",
        actor: str | None = None,
    ) -> CaseEvent:
        # The writer applies the event's side effects (status, severity, response, assignee columns).
        event = NewEvent(at, kind, field=field, old=old, new=new, reason=reason, actor=actor)
        return self.writer.append(session, case, event)

    def _finish(self, session: Session, case: Case) -> ChangeSet:
        self.writer.finish(session, case)
        return ChangeSet(cases=frozenset({case.id}))

    def open_case(
        self,
        customer_ref: str,
        title: str,
        severity: str,
        channel: str,
        *,
        description: str = "",
        product: str = "",
        third_party: bool = False,
        assignee: str = "",
        ref: str | None = None,
    ) -> ChangeSet:
        """Open a case; ``channel`` is one of the plan's channel codes, "" for the plan's default channel."""
        now = self.clock.now()
        if not title.strip():
            raise InvalidInput("title", "a case needs a title")
        with self.store.write() as session:
            customer = session.scalar(select(Customer).where(Customer.ref == customer_ref))
            if customer is None:
                raise InvalidInput("customer", f"no customer {customer_ref!r}")
            contract = self.contract_in_force(session, customer.id, now)
            catalog = self.catalog_for(contract, now)
            if severity not in catalog.severities:
                raise InvalidInput("severity", f"{severity!r} is not one of {', '.join(catalog.severities)}")
            channel = channel or catalog.default_channel
            if channel not in catalog.channels:
                raise InvalidInput("channel", f"{channel!r} is not one of {', '.join(catalog.channels)}")
            case_ref = ref or self._next_case_ref(session, now)
            if session.scalar(select(Case.id).where(Case.ref == case_ref)) is not None:
                raise InvalidInput("ref", f"a case {case_ref!r} exists already")
            case = Case(
                ref=case_ref,
                customer_id=customer.id,
                contract_id=contract.id if contract else None,
                title=title,
                description=description,
                product=product,
                third_party=third_party,
                opening_severity=severity,
                severity=severity,
                channel=channel,
                assignee=assignee,
                opened_at=now,
            )
            case.contract = contract
            self.writer.open_case(session, case)
            warnings = case_warnings(catalog, contract.tier if contract else None, severity, channel, third_party)
            return self._finish(session, case) | ChangeSet(warnings=tuple(warnings))

    def _next_case_ref(self, session: Session, now: datetime) -> str:
        prefix = f"C{now:%Y%m%d}-"
        count = session.scalar(select(func.count()).select_from(Case).where(Case.ref.like(f"{prefix}%"))) or 0
        while True:
            count += 1
            ref = f"{prefix}{count:04d}"
            if session.scalar(select(Case.id).where(Case.ref == ref)) is None:
                return ref

    def record_response(self, case_id: uuid.UUID, note: str = "", *, expected_version: int | None = None) -> ChangeSet:
        """Record a response to the customer: the first one stops the contractual clock."""
        now = self.clock.now()
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            if case.status == CaseStatus.CLOSED:
                raise DeskError(f"case {case.ref} is closed")
            now = self._log(session, case, "response", now, new=note or None).at
            if case.status == CaseStatus.NEW:
                self._set_status(session, case, str(CaseStatus.IN_PROGRESS), now, "")
            return self._finish(session, case)

    def regrade(
        self, case_id: uuid.UUID, severity: str, reason: str, *, expected_version: int | None = None
    ) -> ChangeSet:
        now = self.clock.now()
        if not reason.strip():
            raise InvalidInput("reason", "a re-grade needs a reason")
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            catalog = self.catalog_for(case.contract, case.opened_at)
            if severity not in catalog.severities:
                raise InvalidInput("severity", f"{severity!r} is not one of {', '.join(catalog.severities)}")
            if severity == case.severity:
                raise InvalidInput("severity", f"case {case.ref} is {severity} already")
            self._log(
                session,
                case,
                "severity",
                now,
                field="severity",
                old=case.severity,
                new=severity,
                reason=reason,
            )
            return self._finish(session, case)

    def _set_status(self, session: Session, case: Case, status: str, at: datetime, reason: str) -> None:
        self.writer.set_status(session, case, status, at, reason=reason)

    def set_status(
        self, case_id: uuid.UUID, status: str, reason: str = "", *, expected_version: int | None = None
    ) -> ChangeSet:
        if status not in CASE_STATUSES:
            raise InvalidInput("status", f"{status!r} is not one of {', '.join(CASE_STATUSES)}")
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            if case.status == status:
                raise InvalidInput("status", f"case {case.ref} is {status} already")
            if case.status in ENDED_STATUSES and status not in ENDED_STATUSES:
                # Back to work is a reopening: it needs its reason and runs the internal clocks again.
                raise InvalidInput("status", f"case {case.ref} is {case.status}: reopen it, with a reason")
            self._set_status(session, case, status, self.clock.now(), reason)
            return self._finish(session, case)

    def reopen(self, case_id: uuid.UUID, reason: str, *, expected_version: int | None = None) -> ChangeSet:
        """Put a resolved or closed case back in progress; its internal clocks run again from now."""
        if not reason.strip():
            raise InvalidInput("reason", "reopening a case needs a reason")
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            if case.status not in ENDED_STATUSES:
                raise InvalidInput("status", f"case {case.ref} is {case.status}, not resolved or closed")
            self._set_status(session, case, str(CaseStatus.IN_PROGRESS), self.clock.now(), reason)
            return self._finish(session, case)

    def customer_replied(self, case_id: uuid.UUID, *, expected_version: int | None = None) -> ChangeSet:
        """The customer answered a case waiting on them: back in progress, its paused clocks resume."""
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            if case.status != CaseStatus.WAITING_CUSTOMER:
                raise InvalidInput("status", f"case {case.ref} is {case.status}, not waiting on the customer")
            self._set_status(session, case, str(CaseStatus.IN_PROGRESS), self.clock.now(), "")
            return self._finish(session, case)

    def assign(self, case_id: uuid.UUID, assignee: str, *, expected_version: int | None = None) -> ChangeSet:
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            if case.assignee == assignee:
                return ChangeSet()
            self._log(session, case, "assignee", self.clock.now(), field="assignee", old=case.assignee, new=assignee)
            return self._finish(session, case)

    def add_note(self, case_id: uuid.UUID, text: str, *, expected_version: int | None = None) -> ChangeSet:
        if not text.strip():
            raise InvalidInput("note", "the note is empty")
        with self.store.write() as session:
            case = self._case(session, case_id, expected_version)
            self._log(session, case, "note", self.clock.now(), new=text)
            return self._finish(session, case)

    # ---------------------------------------------------------------- quota ledger

    def _bookings(self, session: Session, contract_ids: Sequence[uuid.UUID]) -> list[Booking]:
        uses = session.scalars(select(QuotaUse).where(QuotaUse.contract_id.in_(contract_ids))).all()
        return [_booking(u) for u in uses]

    def book_quota(
        self,
        contract_ref: str,
        kind: str,
        start: date,
        end: date,
        *,
        persons: int = 1,
        course: str = "",
        goals: str = "",
        note: str = "",
        override_reason: str = "",
        ref: str | None = None,
    ) -> ChangeSet:
        """Book quota; over-quota, over-length or unentitled bookings need an override reason (logged)."""
        now = self.clock.now()
        with self.store.write() as session:
            contract = session.scalar(select(Contract).where(Contract.ref == contract_ref))
            if contract is None:
                raise InvalidInput("contract", f"no contract {contract_ref!r}")
            catalog = self.catalogs.get(contract.catalog_version)
            use_ref = ref or f"Q-{uuid.uuid4().hex[:10]}"
            candidate = Booking(use_ref, kind, start, end, persons, course.strip())
            siblings = session.scalars(select(Contract.id).where(Contract.customer_id == contract.customer_id)).all()
            problems = check_booking(
                catalog,
                contract.tier,
                contract.start,
                contract.end,
                self._bookings(session, siblings),
                candidate,
            )
            hard = [p for p in problems if not p.overridable]
            if hard or (problems and not override_reason.strip()):
                raise QuotaRefused(problems)
            use = QuotaUse(
                ref=use_ref,
                contract_id=contract.id,
                kind=kind,
                start=start,
                end=end,
                course=course.strip(),
                persons=persons,
                goals=goals,
                note=note,
                override_reason=override_reason.strip() if problems else "",
                booked_at=now,
                booked_by=self.actor,
                created_at=now,
                updated_at=now,
            )
            session.add(use)
            session.flush()
            session.add(QuotaEvent(quota_use_id=use.id, at=now, actor=self.actor, kind="booked", detail=_describe(use)))
            if problems:
                detail = "; ".join(p.code for p in problems)
                session.add(
                    QuotaEvent(
                        quota_use_id=use.id,
                        at=now,
                        actor=self.actor,
                        kind="override",
                        detail=detail,
                        reason=override_reason,
                    )
                )
            return ChangeSet(quota_uses=frozenset({use.id}), customers=frozenset({contract.customer_id}))

    def cancel_booking(self, use_ref: str, reason: str = "") -> ChangeSet:
        now = self.clock.now()
        with self.store.write() as session:
            use = session.scalar(select(QuotaUse).where(QuotaUse.ref == use_ref))
            if use is None:
                raise InvalidInput("booking", f"no booking {use_ref!r}")
            if use.cancelled_at is not None:
                raise InvalidInput("booking", f"booking {use_ref} is cancelled already")
            use.cancelled_at = now
            session.add(QuotaEvent(quota_use_id=use.id, at=now, actor=self.actor, kind="cancelled", reason=reason))
            session.flush()
            return ChangeSet(quota_uses=frozenset({use.id}), customers=frozenset({use.contract.customer_id}))

    def quotas(self, customer_ref: str, on: date | None = None) -> CustomerQuotas:
        """Quota use in the contract year of ``on`` (today in the plan's time zone by default)."""
        with self.store.read() as session:
            customer = session.scalar(select(Customer).where(Customer.ref == customer_ref))
            if customer is None:
                raise InvalidInput("customer", f"no customer {customer_ref!r}")
            now = self.clock.now()
            contract = self.contract_in_force(session, customer.id, now) if on is None else None
            if on is not None:
                contract = _contract_on(customer.contracts, on)
            if contract is None and customer.contracts:
                contract = customer.contracts[-1]
            if contract is None:
                raise DeskError(f"customer {customer_ref} has no contract")
            catalog = self.catalogs.get(contract.catalog_version)
            day = on or now.astimezone(catalog.timezone).date()
            siblings = [c.id for c in customer.contracts]
            statuses = quota_status(catalog, contract.tier, contract.start, self._bookings(session, siblings), day)
            return CustomerQuotas(
                customer.ref,
                customer.name,
                contract.ref,
                contract.tier,
                contract.start,
                contract.end,
                contract.catalog_version,
                tuple(statuses),
            )

    def quota_for(self, contract_ref: str, kind: str, on: date, course: str = "") -> QuotaStatus:
        """What is used and left of one quota (one course's) of a contract in the contract year of ``on``."""
        with self.store.read() as session:
            contract = session.scalar(select(Contract).where(Contract.ref == contract_ref))
            if contract is None:
                raise InvalidInput("contract", f"no contract {contract_ref!r}")
            catalog = self.catalogs.get(contract.catalog_version)
            if kind not in catalog.quotas:
                raise InvalidInput("kind", f"{kind!r} is not one of {', '.join(catalog.quotas)}")
            # Bookings of the customer's other contracts count too, as book_quota counts them.
            siblings = session.scalars(select(Contract.id).where(Contract.customer_id == contract.customer_id)).all()
            bookings = self._bookings(session, siblings)
            return quota_of(catalog, contract.tier, contract.start, bookings, on, kind, course)


def due_of(case: Case) -> DueCache:
    return DueCache(case.due_clock, case.due_at, case.due_target_s, case.due_left_s)


def _contract_on(contracts: Sequence[Contract], on: date) -> Contract | None:
    matching = [c for c in contracts if c.start <= on <= c.end]
    return max(matching, key=lambda c: c.start) if matching else None


def _booking(use: QuotaUse) -> Booking:
    return Booking(
        use.ref,
        use.kind,
        use.start,
        use.end,
        use.persons,
        use.course,
        use.cancelled_at is not None,
        use.override_reason,
        use.note,
    )


def _describe(use: QuotaUse) -> str:
    parts = [use.kind, f"{use.start.isoformat()}..{use.end.isoformat()}"]
    if use.course:
        parts.append(f"course={use.course}")
    parts.append(f"persons={use.persons}")
    return " ".join(parts)
