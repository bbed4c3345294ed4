"""Read-side queries: SLA listings of many cases at an instant, and the recently resolved and closed cases."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from json.encoder import encode_basestring  # the C function when the interpreter has it
from typing import Any

from sqlalchemy import ColumnElement, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from desk.clock import format_instant
from desk.read import Reader, scanned
from desk.read import value_at as value_at  # where the importer has always read it
from desk.sla import CaseSla, ClockResult, evaluate
from desk.store.models import Case, CaseEvent, Contract, Customer
from desk.store.writer import BATCH_ROWS, plan_for, sla_history
from desk.vocabulary import ENDED_STATUSES, CaseStatus, EventKind


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


def _not_closed_by(at: datetime, include_closed: bool) -> tuple[ColumnElement[bool], ...]:
    # A case closed now may have been open at ``at``; only cases closed before ``at`` are skipped here.
    return () if include_closed else ((Case.closed_at.is_(None)) | (Case.closed_at > at),)


def count_case_sla(desk: Reader, at: datetime, include_closed: bool = False) -> int:
    """About how many rows ``iter_case_sla`` reads (a progress count: it may list a few less)."""
    query = (
        select(func.count()).select_from(Case).where(scanned(Case.opened_at) <= at, *_not_closed_by(at, include_closed))
    )
    with desk.store.read() as session:
        return session.scalar(query) or 0


def iter_case_sla(desk: Reader, at: datetime, include_closed: bool = False, batch: int = 2000) -> Iterator[CaseSlaRow]:
    """Every case opened by ``at`` (not closed at ``at`` unless asked), as it stood at ``at``.

    The same rows as ``cases_at`` gives (a test holds them equal), read as plain columns: the listing needs a
    few columns of each case and the facts its clocks count, not the ORM objects (a third of the time at a
    hundred thousand cases). Events come a chunk of cases at a time, keyed by the id as the driver gives it.
    """
    raw_id = type_coerce(Case.id, String).label("raw_id")  # no UUID object per row: only a key here
    query = (
        select(
            Case.id, raw_id, Case.ref, Case.opened_at, Case.opening_severity, Customer.ref, Customer.name,
            Contract.tier, Contract.catalog_version,
        )
        .join(Customer, Customer.id == Case.customer_id)
        .outerjoin(Contract, Contract.id == Case.contract_id)
        .where(scanned(Case.opened_at) <= at, *_not_closed_by(at, include_closed))
        .order_by(scanned(Case.opened_at), Case.ref)
    )  # fmt: skip
    plans: dict[str | None, Any] = {}
    with desk.store.read() as session:
        for chunk in session.execute(query.execution_options(yield_per=batch)).partitions(batch):
            history = _facts_of(session, [row[0] for row in chunk], at)
            for case_id, key, ref, opened_at, opening_severity, customer_ref, customer_name, tier, version in chunk:
                facts = history.get(key, ())
                status = value_at(facts, EventKind.STATUS, at, CaseStatus.NEW)
                if status == CaseStatus.CLOSED and not include_closed:
                    continue
                plan = plans.get(version) if version is not None else None
                if plan is None:
                    plan = plan_for(desk.catalogs, version, opened_at)
                    if version is not None:
                        plans[version] = plan
                sla = evaluate(sla_history(opened_at, opening_severity, tier, facts), plan, at)
                severity = value_at(facts, EventKind.SEVERITY, at, opening_severity)
                yield CaseSlaRow(case_id, ref, customer_ref, customer_name, tier, severity, status, sla)


_SLA_FACTS = (EventKind.STATUS, EventKind.SEVERITY, EventKind.RESPONSE)  # all the listing reads of a history


def _facts_of(session: Session, case_ids: Sequence[uuid.UUID], at: datetime) -> dict[Any, list[Any]]:
    """Each case's status, severity and response events up to ``at``, in the writer's order, by raw id."""
    grouped: dict[Any, list[Any]] = {}
    key = type_coerce(CaseEvent.case_id, String).label("key")
    for start in range(0, len(case_ids), BATCH_ROWS):
        rows = session.execute(
            select(key, CaseEvent.at, CaseEvent.kind, CaseEvent.new)
            .where(CaseEvent.case_id.in_(case_ids[start : start + BATCH_ROWS]), CaseEvent.kind.in_(_SLA_FACTS))
            .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)  # ties as the writer orders them
        )
        for row in rows:
            if row[1] <= at:  # a colleague's clock may run ahead: what happened after ``at`` is not counted
                grouped.setdefault(row[0], []).append(row)
    return grouped


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


def sla_json_text(row: CaseSlaRow) -> str:
    """``sla_json(row)`` as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it as an item of a top-level
    list, byte for byte (a test holds them equal): the shape is fixed, so each record is filled into one
    template instead of encoding a dict value by value (which was a quarter of `desk sla --json`)."""
    first = row.sla.contractual
    clocks = ",\n      ".join(
        _CLOCK.format(
            _text(c.name),
            "true" if c.contractual else "false",
            _instant(c.deadline),
            _number(c.remaining_s),
            _text(c.state),
            _number(int(c.target.total_seconds()) if c.target is not None else None),
            "true" if c.paused else "false",
            _number(c.paused_s),
        )
        for c in row.sla.clocks
    )
    return _CASE.format(
        _text(row.ref),
        _instant(first.deadline),
        _number(first.remaining_s),
        _text(first.state),
        _text(row.customer_ref),
        _text(row.tier) if row.tier is not None else "null",
        _text(row.severity),
        _text(row.status),
        f"[\n      {clocks}\n    ]" if clocks else "[]",
    )


_CASE = (
    '{{\n    "case_id": {},\n    "deadline": {},\n    "remaining_s": {},\n    "state": {},\n    "customer_id": {},'
    '\n    "tier": {},\n    "severity": {},\n    "status": {},\n    "clocks": {}\n  }}'
)
_CLOCK = (
    '{{\n        "name": {},\n        "contractual": {},\n        "deadline": {},\n        "remaining_s": {},'
    '\n        "state": {},\n        "target_s": {},\n        "paused": {},\n        "paused_s": {}\n      }}'
)


def _text(value: str) -> str:
    return encode_basestring(value)


def _number(value: int | None) -> str:
    return "null" if value is None else int.__repr__(value)


def _instant(value: datetime | None) -> str:
    """``format_instant`` as a JSON string (its characters need no escaping), for the engine's UTC instants."""
    if value is None:
        return "null"
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return '"' + value.isoformat(timespec="microseconds" if value.microsecond else "seconds")[:-6] + 'Z"'


@dataclass(frozen=True, slots=True)
class EndedCase:
    """A resolved or closed case as the "recently resolved and closed" list shows it."""

    case_id: uuid.UUID
    ref: str
    title: str
    customer_ref: str
    customer_name: str
    severity: str
    status: str  # resolved or closed
    assignee: str
    ended_at: datetime  # when the case took its current status


def recently_ended(desk: Reader, days: int = 14, text: str = "", limit: int = 5000) -> list[EndedCase]:
    """Cases resolved or closed in the last ``days`` days, newest first, matching ``text`` in id, customer or title.

    At most ``limit`` rows; the end instant is the case's latest status event into its current status.
    """
    since = desk.clock.now() - timedelta(days=days)
    query = (
        select(
            Case.id,
            Case.ref,
            Case.title,
            Customer.ref,
            Customer.name,
            Case.severity,
            Case.status,
            Case.assignee,
            func.coalesce(Case.closed_at, Case.resolved_at, Case.updated_at),
        )
        .join(Customer, Customer.id == Case.customer_id)
        .where(Case.status.in_(ENDED_STATUSES))
        # A cheap first cut through the updated_at index (most of a big table ended long ago): every status
        # change stamps the row, so a case that ended since ``since`` was updated since then too (a case
        # resolved again after a reopening keeps its first resolved_at, but its row was updated).
        .where(Case.updated_at >= since)
    )
    needle = text.strip().lower()
    if needle:
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        columns = (Case.ref, Case.title, Customer.ref, Customer.name)
        query = query.where(or_(*(func.lower(c).like(pattern, escape="\\") for c in columns)))
    with desk.store.read() as session:
        rows = session.execute(query).all()
        ended = _ended_at(session, [r[0] for r in rows])
    found = []
    for case_id, ref, title, customer_ref, customer_name, severity, status, assignee, fallback in rows:
        # Rows written without a status event (bulk imports) fall back to the case's own timestamps.
        at = ended.get((case_id, status), fallback)
        if at >= since:
            found.append(EndedCase(case_id, ref, title, customer_ref, customer_name, severity, status, assignee, at))
    found.sort(key=lambda c: (c.ended_at, c.ref), reverse=True)
    return found[:limit]


def _ended_at(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[tuple[uuid.UUID, str], datetime]:
    """The latest instant each case entered each ended status, from its status events."""
    latest: dict[tuple[uuid.UUID, str], datetime] = {}
    for start in range(0, len(case_ids), 5000):
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.new, func.max(CaseEvent.at))
            .where(CaseEvent.case_id.in_(case_ids[start : start + 5000]))
            .where(CaseEvent.kind == EventKind.STATUS, CaseEvent.new.in_(ENDED_STATUSES))
            .group_by(CaseEvent.case_id, CaseEvent.new)
        )
        for case_id, status, at in rows:
            latest[(case_id, status or "")] = at
    return latest


def known_agents(desk: Reader) -> list[str]:
    """Every agent the desk has seen (assignees, outgoing and incoming agents of shifts), each once, sorted:
    what the window offers when an agent types a name."""
    from desk import handover_scope

    with desk.store.read() as session:
        return handover_scope.known_agents(session)
