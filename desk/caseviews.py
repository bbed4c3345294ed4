"""One case as the detail pane shows it (fields, every clock, the event timeline), and previews of changes."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desk.catalog import Catalog
from desk.entitlements import case_warnings
from desk.errors import InvalidInput, NotFound
from desk.read import Reader, case_at
from desk.replica.local import FieldConflict
from desk.replica.shared import shared_conflicts
from desk.sla import CaseHistory, ClockResult, SlaEvent, advance, evaluate
from desk.store.models import Case, Customer
from desk.store.writer import events_for, history_of
from desk.vocabulary import ClockState, EventKind


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    actor: str
    kind: str  # opened, severity, status, response, assignee, note, field
    field: str
    old: str | None
    new: str | None
    reason: str


@dataclass(frozen=True)
class CaseDetail:
    case_id: uuid.UUID
    ref: str
    version: int
    title: str
    description: str
    product: str
    third_party: bool
    customer_ref: str
    customer_name: str
    contract_ref: str | None
    tier: str | None
    opening_severity: str
    severity: str
    channel: str
    status: str
    assignee: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    catalog: Catalog
    clocks: tuple[ClockResult, ...]
    clocks_at: datetime  # the instant the clocks were evaluated at
    timeline: tuple[TimelineEntry, ...]
    warnings: tuple[str, ...]  # the entitlement warnings of the case as opened (codes)
    # The team's open conflicts on the case's fields: it says so until an agent resolves them.
    conflicts: tuple[FieldConflict, ...] = ()


def case_detail(desk: Reader, case_id: uuid.UUID, now: datetime | None = None) -> CaseDetail:
    at = now or desk.clock.now()
    with desk.store.read() as session:
        row = case_at(desk, session, case_id, at)
        if row is None:
            raise NotFound(f"no case {case_id}")
        case, events, catalog, tier = row.case, row.history, row.catalog, row.tier
        return CaseDetail(
            case_id=case.id,
            ref=case.ref,
            version=case.version,
            title=case.title,
            description=case.description,
            product=case.product,
            third_party=case.third_party,
            customer_ref=case.customer.ref,
            customer_name=case.customer.name,
            contract_ref=case.contract.ref if case.contract is not None else None,
            tier=tier,
            opening_severity=case.opening_severity,
            severity=case.severity,
            channel=case.channel,
            status=case.status,
            assignee=case.assignee,
            opened_at=case.opened_at,
            first_response_at=case.first_response_at,
            resolved_at=case.resolved_at,
            closed_at=case.closed_at,
            catalog=catalog,
            clocks=row.sla.clocks,
            clocks_at=at,
            timeline=tuple(
                TimelineEntry(e.at, e.actor, e.kind, e.field, e.old, e.new, e.reason) for e in reversed(events)
            ),
            warnings=tuple(case_warnings(catalog, tier, case.severity, case.channel, case.third_party)),
            conflicts=tuple(shared_conflicts(session, cases=[case.id])),
        )


def clocks_at(detail: CaseDetail, now: datetime) -> tuple[ClockResult, ...]:
    """A loaded case's clocks at another instant (the detail pane's 1 Hz refresh): no database read."""
    return tuple(advance(clock, detail.catalog, detail.clocks_at, now) for clock in detail.clocks)


@dataclass(frozen=True)
class NewCasePreview:
    """What opening a case now would give: the contract in force, the contractual deadline, the warnings."""

    customer_ref: str
    customer_name: str
    contract_ref: str | None
    tier: str | None
    catalog: Catalog
    contractual: ClockResult
    warnings: tuple[str, ...]


def preview_new_case(
    desk: Reader, customer_ref: str, severity: str, channel: str, third_party: bool = False
) -> NewCasePreview | None:
    """None when no customer has that id; the deadline is computed by the SLA engine, never typed in."""
    now = desk.clock.now()
    with desk.store.read() as session:
        customer = session.scalar(select(Customer).where(Customer.ref == customer_ref))
        if customer is None:
            return None
        contract = desk.contract_in_force(session, customer.id, now)
        catalog = desk.catalog_for(contract, now)
        tier = contract.tier if contract is not None else None
        sla = evaluate(CaseHistory(now, severity, tier), catalog, now)
        return NewCasePreview(
            customer.ref,
            customer.name,
            contract.ref if contract is not None else None,
            tier,
            catalog,
            sla.contractual,
            tuple(case_warnings(catalog, tier, severity, channel, third_party)),
        )


@dataclass(frozen=True)
class RegradePreview:
    """What re-grading a case now would do to its clocks, computed by the SLA engine; nothing is written."""

    case_id: uuid.UUID
    ref: str
    version: int  # the row version the preview was computed from
    old_severity: str
    new_severity: str
    at: datetime  # the instant the re-grade would be recorded at
    catalog: Catalog
    before: tuple[ClockResult, ...]
    after: tuple[ClockResult, ...]

    def changed(self) -> tuple[tuple[ClockResult, ClockResult], ...]:
        """The clocks whose deadline (or, while paused, budget left) the re-grade moves, as (before, after) pairs."""
        pairs = zip(self.before, self.after, strict=True)
        return tuple((b, a) for b, a in pairs if _position(b) != _position(a))


def _position(clock: ClockResult) -> tuple[object, ...]:
    return (clock.state, clock.deadline, clock.remaining_s if clock.state == ClockState.PAUSED else None)


def preview_regrade(desk: Reader, case_id: uuid.UUID, severity: str) -> RegradePreview:
    """The clocks before and after re-grading to ``severity`` now; refused like ``Desk.regrade`` would be."""
    with desk.store.read() as session:
        case = session.get(Case, case_id, options=[selectinload(Case.contract)])
        if case is None:
            raise NotFound(f"no case {case_id}")
        catalog = desk.catalog_for(case.contract, case.opened_at)
        if severity not in catalog.severities:
            raise InvalidInput("severity", f"{severity!r} is not one of {', '.join(catalog.severities)}")
        if severity == case.severity:
            raise InvalidInput("severity", f"case {case.ref} is {severity} already")
        events = events_for(session, [case_id]).get(case_id, [])
        history = history_of(case, events)
        # The write never records an event before the case's previous one; the preview follows the same rule.
        at = max([desk.clock.now(), *(e.at for e in events)])
        regraded = replace(history, events=(*history.events, SlaEvent(at, EventKind.SEVERITY, severity)))
        return RegradePreview(
            case.id,
            case.ref,
            case.version,
            case.severity,
            severity,
            at,
            catalog,
            evaluate(history, catalog, at).clocks,
            evaluate(regraded, catalog, at).clocks,
        )


def open_conflicts_of(
    desk: Reader, cases: Iterable[uuid.UUID] | None = None
) -> dict[uuid.UUID, tuple[FieldConflict, ...]]:
    """The team's open field conflicts by case (of ``cases``, or of every case): the queue marks those rows."""
    found: dict[uuid.UUID, list[FieldConflict]] = {}
    with desk.store.read() as session:
        for conflict in shared_conflicts(session, cases=None if cases is None else list(cases)):
            found.setdefault(conflict.row_id, []).append(conflict)
    return {case_id: tuple(listed) for case_id, listed in found.items()}
