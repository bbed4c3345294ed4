"""Read-side queries: SLA listings of many cases at an instant, and compact rows for the queue."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desk.clock import format_instant
from desk.services import Desk, events_for, history_of
from desk.sla import CaseSla, ClockResult, evaluate
from desk.store.models import Case, CaseEvent


@dataclass(frozen=True)
class CaseSlaRow:
    case_id: uuid.UUID
    ref: str
    customer_ref: str
    customer_name: str
    tier: str | None
    severity: str
    status: str
    sla: CaseSla


def value_at(events: Sequence[CaseEvent], kind: str, at: datetime, default: str) -> str:
    """The value an event kind (status, severity, assignee) had at ``at``; events sorted by time."""
    value = default
    for ev in events:
        if ev.at > at:
            break
        if ev.kind == kind and ev.new is not None:
            value = ev.new
    return value


def iter_case_sla(desk: Desk, at: datetime, include_closed: bool = False, batch: int = 2000) -> Iterator[CaseSlaRow]:
    """Every case opened by ``at`` (not closed at ``at`` unless asked), as it stood at ``at``."""
    with desk.store.read() as session:
        query = select(Case).where(Case.opened_at <= at).order_by(Case.opened_at, Case.ref)
        if not include_closed:
            # A case closed now may have been open at ``at``; only cases closed before ``at`` are skipped here.
            query = query.where((Case.closed_at.is_(None)) | (Case.closed_at > at))
        query = query.options(selectinload(Case.contract), selectinload(Case.customer))
        for chunk in _chunks(session, query, batch):
            events = events_for(session, [c.id for c in chunk])
            for case in chunk:
                case_events = events.get(case.id, [])
                status = value_at(case_events, "status", at, "new")
                if status == "closed" and not include_closed:
                    continue
                catalog = desk.catalog_for(case.contract, case.opened_at)
                sla = evaluate(history_of(case, case_events), catalog, at)
                yield CaseSlaRow(
                    case.id,
                    case.ref,
                    case.customer.ref,
                    case.customer.name,
                    case.contract.tier if case.contract else None,
                    value_at(case_events, "severity", at, case.opening_severity),
                    status,
                    sla,
                )


def _chunks(session: Session, query: Any, size: int) -> Iterator[list[Case]]:
    offset = 0
    while True:
        chunk = list(session.scalars(query.limit(size).offset(offset)))
        if not chunk:
            return
        yield chunk
        offset += size


def clock_json(clock: ClockResult) -> dict[str, Any]:
    return {
        "name": clock.name,
        "contractual": clock.contractual,
        "deadline": format_instant(clock.deadline) if clock.deadline is not None else None,
        "remaining_s": clock.remaining_s,
        "state": clock.state,
        "target_s": int(clock.target.total_seconds()) if clock.target is not None else None,
        "paused": clock.paused,
        "paused_s": clock.paused_s,
    }


def sla_json(row: CaseSlaRow) -> dict[str, Any]:
    """The shape `desk sla --json` prints: the contractual clock's fields first, then every clock."""
    first = row.sla.contractual
    return {
        "case_id": row.ref,
        "deadline": format_instant(first.deadline) if first.deadline is not None else None,
        "remaining_s": first.remaining_s,
        "state": first.state,
        "customer_id": row.customer_ref,
        "tier": row.tier,
        "severity": row.severity,
        "status": row.status,
        "clocks": [clock_json(c) for c in row.sla.clocks],
    }
