"""Builds a shift's handover report as plain data (JSON-ready) from the store, and its readiness check.

Every case is seen as it stood at the report's ``as_of`` instant (the end of the shift, or now if the
shift has not ended yet): status, severity and assignee come from the event log, SLA clocks from the
SLA engine. Instants are UTC ISO 8601 strings and durations whole seconds, so the snapshot has one
canonical form (no floats) and its SHA-256 is stable.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Collection, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, String, select, type_coerce
from sqlalchemy.orm import Session

from desk import handover_scope
from desk.catalog import Catalog
from desk.clock import format_instant
from desk.read import Reader, scanned
from desk.sla import CaseSla, ClockResult, evaluate
from desk.store.handover_models import HandoverEntry, Shift
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaEvent, QuotaUse
from desk.store.writer import BATCH_ROWS, plan_for, sla_history
from desk.vocabulary import ALERT_STATES, OPEN_STATUSES, CaseStatus, ClockState, EventKind

REPORT_FORMAT = "desk.handover/1"
DEFAULT_HORIZON_HOURS = 4
MAX_CHART_HOURS = 24
_DETAIL_CHARS = 200
# Vocabulary named once: each ``ClockState.BREACHED`` is a look-up on the enum class, and a report reads them
# for every clock and event of thousands of cases.
_STATUS, _SEVERITY, _ASSIGNEE, _RESPONSE = EventKind.STATUS, EventKind.SEVERITY, EventKind.ASSIGNEE, EventKind.RESPONSE
_CHANGES = (EventKind.STATUS, EventKind.SEVERITY, EventKind.ASSIGNEE, EventKind.FIELD)  # "old -> new" in details
_BREACHED, _MISSED = ClockState.BREACHED, ClockState.MISSED
_COMING = (ClockState.ON_TRACK, ClockState.AT_RISK)


@dataclass(slots=True)
class CaseView:
    """One case as it stood at ``as_of``, with the shift's handover entry for it (made once, never changed: not
    frozen only because a frozen dataclass sets each of its fields through a call, for thousands of cases)."""

    case_id: uuid.UUID
    ref: str
    title: str
    customer_ref: str
    customer_name: str
    tier: str | None
    severity: str
    status: str
    assignee: str
    sla: CaseSla
    events: tuple[Any, ...]  # the case's log up to ``as_of``: rows with at, kind, actor, old and new
    note: str
    owner: str
    next_action: str
    briefed: bool
    entry_version: int | None
    severity_rank: int = 0  # the severity's rank in the case's plan (1: the most severe); 0 if unknown
    # Made once with the view (sorting, counting, charting, each row and each list ask for them):
    # the clock the queue shows (the most urgent running one, else the contractual one) and its deadline's text,
    lead_clock: ClockResult = field(init=False, compare=False, repr=False)
    lead_deadline: str | None = field(init=False, compare=False, repr=False)
    # and what every list of the report says of the case first (copied into each item, never changed).
    brief: dict[str, Any] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.lead_clock = lead = self.sla.most_urgent or self.sla.contractual
        self.lead_deadline = iso(lead.deadline)
        self.brief = {
            "case_id": str(self.case_id),
            "ref": self.ref,
            "title": self.title,
            "customer_name": self.customer_name,
            "severity": self.severity,
        }

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def alert(self) -> bool:
        return any(c.state in ALERT_STATES for c in self.sla.clocks)


@dataclass(frozen=True)
class ReadinessProblem:
    """What a careful lead would catch before signing; ``code`` is one of the codes below."""

    code: str  # no_owner, no_next_action, s1_not_briefed (the plan's most severe severity, whatever its code)
    case_id: uuid.UUID
    ref: str
    severity: str
    state: str


def as_of_for(shift: Shift, now: datetime) -> datetime:
    return max(shift.starts_at, min(shift.ends_at, now))


def iso(instant: datetime | None) -> str | None:
    if instant is None:
        return None
    if instant.tzinfo is UTC:  # as the store and the engine give instants: format_instant's text, made directly
        return instant.isoformat(timespec="microseconds" if instant.microsecond else "seconds")[:-6] + "Z"
    return format_instant(instant)


def collect_cases(
    desk: Reader,
    session: Session,
    shift: Shift,
    as_of: datetime,
    batch: int = 2000,
    case_ids: Collection[uuid.UUID] | None = None,
) -> Iterator[CaseView]:
    """Every case in the shift's scope opened by ``as_of`` and not closed before the shift started, as it stood
    at ``as_of``; only those of ``case_ids`` when given (one row's refresh evaluates one case).

    The same cases, by opening time then reference, as ``desk.read.cases_at`` gives (a test holds them
    equal), read as plain columns: a report needs a few columns of each case and its log, not ORM objects,
    which cost more than the rest of freezing a report together.
    """
    entry_columns = (
        HandoverEntry.case_id, HandoverEntry.note, HandoverEntry.owner, HandoverEntry.next_action,
        HandoverEntry.briefed, HandoverEntry.version,
    )  # fmt: skip
    entries = {e.case_id: e for e in session.execute(select(*entry_columns).where(HandoverEntry.shift_id == shift.id))}
    scope = handover_scope.parse(shift.scope)
    where: list[ColumnElement[bool]] = [
        scanned(Case.opened_at) <= as_of,
        Case.closed_at.is_(None) | (Case.closed_at >= shift.starts_at),
        # Resolved before the shift and untouched since: not part of this handover (most of a big table).
        Case.resolved_at.is_(None) | (Case.resolved_at >= shift.starts_at) | (Case.updated_at >= shift.starts_at),
    ]
    if case_ids is not None:
        where.append(Case.id.in_(list(case_ids)))
    narrowed = handover_scope.prefilter(shift, as_of)
    if narrowed is not None:
        where.append(narrowed)
    query = (
        select(
            Case.id, _raw(Case.id), Case.ref, Case.title, Case.opened_at, Case.opening_severity, Customer.ref,
            Customer.name, Contract.tier, Contract.catalog_version,
        )
        .join(Customer, Customer.id == Case.customer_id)
        .outerjoin(Contract, Contract.id == Case.contract_id)
        .where(*where)
        .order_by(scanned(Case.opened_at), Case.ref)
    )  # fmt: skip
    plans: dict[Any, Catalog] = {}
    with closing(session.connection().execute(query.execution_options(yield_per=batch))) as result:
        for chunk in result.partitions(batch):
            logs = _logs_of(session, [row[0] for row in chunk], as_of)
            for case_id, key, ref, title, opened_at, first_severity, customer_ref, customer, tier, plan_of in chunk:
                events = logs.get(key, ())
                status, severity, assignee = _standing(events, first_severity)
                entry = entries.get(case_id)
                if not handover_scope.in_scope(scope, shift, assignee, events, entry is not None, as_of):
                    continue
                plan_key = plan_of if plan_of is not None else opened_at.date()
                plan = plans.get(plan_key)
                if plan is None:
                    plan = plans[plan_key] = plan_for(desk.catalogs, plan_of, opened_at)
                found = plan.severities.get(severity)
                yield CaseView(
                    case_id,
                    ref,
                    title,
                    customer_ref,
                    customer,
                    tier,
                    severity,
                    status,
                    assignee,
                    evaluate(sla_history(opened_at, first_severity, tier, events), plan, as_of),
                    tuple(events),
                    entry.note if entry else "",
                    (entry.owner if entry and entry.owner else assignee),
                    entry.next_action if entry else "",
                    bool(entry and entry.briefed),
                    entry.version if entry else None,
                    found.rank if found is not None else 0,
                )


def _standing(events: Sequence[Any], opening_severity: str) -> tuple[str, str, str]:
    """The status, severity and assignee a case's log leaves it with (each the last value set, as
    ``desk.read.value_at`` reads them), found in one walk."""
    status: str = CaseStatus.NEW
    severity, assignee = opening_severity, ""
    for ev in events:
        kind, new = ev.kind, ev.new
        if new is None:
            continue
        if kind == _STATUS:
            status = new
        elif kind == _SEVERITY:
            severity = new
        elif kind == _ASSIGNEE:
            assignee = new
    return status, severity, assignee


def _raw(column: Any) -> Any:
    """A key as the driver gives it: cases matched with their events without a UUID object per event."""
    return type_coerce(column, String).label("raw_id")


def _logs_of(session: Session, case_ids: Sequence[uuid.UUID], as_of: datetime) -> dict[Any, list[Any]]:
    """Each case's events up to ``as_of`` in the writer's order (ties by id), keyed by the raw case id; each
    event a row with ``at``, ``kind``, ``actor``, ``old`` and ``new``."""
    grouped: dict[Any, list[Any]] = {}
    columns = (_raw(CaseEvent.case_id), CaseEvent.at, CaseEvent.kind, CaseEvent.actor, CaseEvent.old, CaseEvent.new)
    query = select(*columns).order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
    connection = session.connection()  # plain rows: the ORM's result layer would only add to each of them
    for start in range(0, len(case_ids), BATCH_ROWS):
        chunk = case_ids[start : start + BATCH_ROWS]
        rows = connection.execute(query.where(CaseEvent.case_id.in_(chunk))).all()  # at once, not row by row
        for row in rows:
            if row[1] <= as_of:  # a colleague's clock may run ahead: what happened after ``as_of`` is not counted
                grouped.setdefault(row[0], []).append(row)
    return grouped


def readiness(views: Sequence[CaseView]) -> list[ReadinessProblem]:
    problems: list[ReadinessProblem] = []
    for view in views:
        if not view.is_open:
            continue
        state = view.lead_clock.state
        if view.alert:
            if not view.owner.strip():
                problems.append(ReadinessProblem("no_owner", view.case_id, view.ref, view.severity, state))
            if not view.next_action.strip():
                problems.append(ReadinessProblem("no_next_action", view.case_id, view.ref, view.severity, state))
        if view.severity_rank == 1 and not view.briefed:
            problems.append(ReadinessProblem("s1_not_briefed", view.case_id, view.ref, view.severity, state))
    return problems


def sort_key(view: CaseView) -> tuple[int, str, str, str]:
    deadline = view.lead_deadline
    return (deadline is None, deadline or "", view.severity, view.ref)


def _last_action(view: CaseView) -> dict[str, Any] | None:
    if not view.events:
        return None
    ev = view.events[-1]
    detail = ev.new or ""
    if ev.kind in _CHANGES and ev.old is not None:
        detail = f"{ev.old} -> {detail}"
    return {"actor": ev.actor, "at": iso(ev.at), "detail": detail[:_DETAIL_CHARS], "kind": ev.kind}


def _case_row(view: CaseView) -> dict[str, Any]:
    lead = view.lead_clock  # evaluated at as_of: remaining_s is the time left at handover (paused: budget left)
    # Keys in the canonical form's order: it sorts every object's keys, and keys already in order sort fastest.
    return {
        "assignee": view.assignee,
        "briefed": view.briefed,
        "case_id": view.brief["case_id"],
        "clock": lead.name,
        "customer_name": view.customer_name,
        "customer_ref": view.customer_ref,
        "deadline": view.lead_deadline,
        "last_action": _last_action(view),
        "next_action": view.next_action,
        "note": view.note,
        "owner": view.owner,
        "ref": view.ref,
        "remaining_s": lead.remaining_s,
        "severity": view.severity,
        "state": lead.state,
        "status": view.status,
        "tier": view.tier,
        "title": view.title,
    }


def _brief(view: CaseView) -> dict[str, Any]:
    return view.brief


def build_report(
    desk: Reader,
    session: Session,
    shift: Shift,
    *,
    now: datetime,
    generated_by: str,
    revision: int,
    previous_id: uuid.UUID | None,
    previous_sha256: str | None,
    correction_reason: str,
    horizon_hours: int = DEFAULT_HORIZON_HOURS,
) -> dict[str, Any]:
    """The whole report as plain data; the caller freezes it."""
    as_of = as_of_for(shift, now)
    views = list(collect_cases(desk, session, shift, as_of))
    open_views = sorted((v for v in views if v.is_open), key=sort_key)
    horizon_end = as_of + timedelta(hours=horizon_hours)
    severities = list(desk.catalogs.latest.severities)

    breached = sorted(
        (item for view in views for item in _breaches(view, shift, as_of)),
        key=lambda r: (r["deadline"], r["ref"], r["clock"]),
    )
    due_soon = sorted(
        (item for view in open_views if (item := _due_soon(view, as_of, horizon_end)) is not None),
        key=lambda r: (r["deadline"], r["ref"]),
    )
    waiting = sorted(
        (_waiting(view) for view in open_views if view.status == CaseStatus.WAITING_CUSTOMER),
        key=lambda r: (r["since"] or "", r["ref"]),
    )
    header = {
        "shift_id": str(shift.id),
        "revision": revision,
        "previous_id": str(previous_id) if previous_id else None,
        "previous_sha256": previous_sha256,
        "correction_reason": correction_reason,
        "window": {"from": iso(shift.starts_at), "to": iso(shift.ends_at)},
        "as_of": iso(as_of),
        "timezone": shift.timezone,
        "outgoing": shift.outgoing,
        "incoming": shift.incoming,
        "generated_at": iso(now),
        "generated_by": generated_by,
        "horizon_hours": horizon_hours,
        "scope": handover_scope.header(handover_scope.parse(shift.scope)),
    }
    return {
        "format": REPORT_FORMAT,
        "header": header,
        "summary": _summary(open_views, severities, len(breached), len(due_soon), len(waiting)),
        "breached_during_shift": breached,
        "due_soon": due_soon,
        "open_cases": [_case_row(v) for v in open_views],
        "waiting_on_customer": waiting,
        "activity": _activity(views, shift),
        "quota_bookings": _quota_events(session, shift.starts_at, as_of),
        "notes": shift.notes,
        "readiness": [
            {"code": p.code, "case_id": str(p.case_id), "ref": p.ref, "severity": p.severity, "state": p.state}
            for p in readiness(open_views)
        ],
        "chart": _chart(open_views, as_of, shift, severities),
    }


def _breaches(view: CaseView, shift: Shift, as_of: datetime) -> Iterator[dict[str, Any]]:
    """The case's clocks whose deadline fell in the shift (up to ``as_of``) and was missed."""
    first_response: datetime | None = None
    for clock in view.sla.clocks:
        if clock.deadline is None or not shift.starts_at <= clock.deadline <= as_of:
            continue
        if clock.state == _BREACHED:
            late = as_of - clock.deadline
        elif clock.state == _MISSED and clock.stopped_at is not None:
            late = clock.stopped_at - clock.deadline
        else:
            continue
        if first_response is None:
            first_response = next((e.at for e in view.events if e.kind == _RESPONSE), None)
        yield {
            **_brief(view),
            "clock": clock.name,
            "contractual": clock.contractual,
            "state": clock.state,
            "deadline": iso(clock.deadline),
            "late_s": math.floor(late.total_seconds()),
            "responded": first_response is not None,
            "responded_at": iso(first_response),
            "status": view.status,
        }


def _due_soon(view: CaseView, as_of: datetime, horizon_end: datetime) -> dict[str, Any] | None:
    """An open case's running clock that falls due first within the look-ahead, if any."""
    upcoming = [
        c
        for c in view.sla.clocks
        if c.state in _COMING and c.deadline is not None and as_of < c.deadline <= horizon_end
    ]
    if not upcoming:
        return None
    soonest = min(upcoming, key=lambda c: c.deadline or as_of)
    assert soonest.deadline is not None
    return {
        **_brief(view),
        "clock": soonest.name,
        "state": soonest.state,
        "deadline": iso(soonest.deadline),
        "remaining_s": math.floor((soonest.deadline - as_of).total_seconds()),
        "owner": view.owner,
        "next_action": view.next_action,
    }


def _waiting(view: CaseView) -> dict[str, Any]:
    waits = (e.at for e in view.events if e.kind == EventKind.STATUS and e.new == CaseStatus.WAITING_CUSTOMER)
    return {**_brief(view), "since": iso(max(waits, default=None)), "owner": view.owner}


def _activity(views: Sequence[CaseView], shift: Shift) -> dict[str, list[dict[str, Any]]]:
    """Cases opened, responded to and resolved during the shift, each list by time then case."""
    activity: dict[str, list[dict[str, Any]]] = {"opened": [], "responded": [], "resolved": []}
    listed = {EventKind.OPENED: activity["opened"], EventKind.RESPONSE: activity["responded"]}
    starts_at = shift.starts_at
    for view in views:
        for ev in view.events:
            if ev.at < starts_at:
                continue
            if ev.kind == EventKind.STATUS:
                if ev.new != CaseStatus.RESOLVED:
                    continue
                items = activity["resolved"]
            else:
                found = listed.get(ev.kind)
                if found is None:
                    continue
                items = found
            items.append({**view.brief, "at": iso(ev.at), "actor": ev.actor})
    for items in activity.values():
        items.sort(key=lambda r: (r["at"], r["ref"]))
    return activity


def _summary(
    open_views: Sequence[CaseView], severities: list[str], breached: int, due_soon: int, waiting: int
) -> dict[str, Any]:
    by_severity = {s: 0 for s in severities}
    by_state: dict[str, int] = {}
    matrix: dict[str, dict[str, int]] = {s: {} for s in severities}
    for view in open_views:
        state = view.lead_clock.state
        by_severity[view.severity] = by_severity.get(view.severity, 0) + 1
        by_state[state] = by_state.get(state, 0) + 1
        row = matrix.setdefault(view.severity, {})
        row[state] = row.get(state, 0) + 1
    return {
        "open": len(open_views),
        "by_severity": by_severity,
        "by_state": dict(sorted(by_state.items())),
        "by_severity_state": matrix,
        "breached_during_shift": breached,
        "due_soon": due_soon,
        "waiting_on_customer": waiting,
    }


def _chart(open_views: Sequence[CaseView], as_of: datetime, shift: Shift, severities: list[str]) -> dict[str, Any]:
    """Deadlines falling due over the next shift (as long as this one), in hour buckets by severity."""
    length_h = math.ceil((shift.ends_at - shift.starts_at).total_seconds() / 3600)
    hours = max(1, min(MAX_CHART_HOURS, length_h))
    buckets = [{"start": iso(as_of + timedelta(hours=i)), "counts": {s: 0 for s in severities}} for i in range(hours)]
    overdue = {s: 0 for s in severities}
    for view in open_views:
        deadline = view.lead_clock.deadline
        if deadline is None or not view.lead_clock.running:
            continue
        counts: dict[str, int]
        if deadline <= as_of:
            counts = overdue
        else:
            index = int((deadline - as_of).total_seconds() // 3600)
            if index >= hours:
                continue
            counts = buckets[index]["counts"]  # type: ignore[assignment]
        counts[view.severity] = counts.get(view.severity, 0) + 1
    return {"bucket_minutes": 60, "start": iso(as_of), "severities": severities, "buckets": buckets, "overdue": overdue}


def _quota_events(session: Session, start: datetime, end: datetime) -> list[dict[str, Any]]:
    # Plain columns, as the cases are read: no ORM object (nor the ORM's compiling of the query) for a list.
    columns = (
        QuotaEvent.at, QuotaEvent.kind, QuotaEvent.actor, QuotaUse.ref, Contract.ref, Customer.ref, Customer.name,
        QuotaUse.kind, QuotaUse.start, QuotaUse.end, QuotaUse.persons, QuotaUse.course, QuotaEvent.detail,
        QuotaEvent.reason,
    )  # fmt: skip
    rows = session.connection().execute(
        select(*columns)
        .join(QuotaUse, QuotaEvent.quota_use_id == QuotaUse.id)
        .join(Contract, QuotaUse.contract_id == Contract.id)
        .join(Customer, Contract.customer_id == Customer.id)
        .where(QuotaEvent.at >= start, QuotaEvent.at <= end)
        .order_by(QuotaEvent.at, QuotaUse.ref)
    )
    return [
        {
            "at": iso(at),
            "event": event,
            "actor": actor,
            "booking": booking,
            "contract_ref": contract_ref,
            "customer_ref": customer_ref,
            "customer_name": customer_name,
            "kind": kind,
            "start": first.isoformat(),
            "end": last.isoformat(),
            "persons": persons,
            "course": course,
            "detail": detail,
            "reason": reason,
        }
        for (
            at, event, actor, booking, contract_ref, customer_ref, customer_name, kind, first, last, persons, course,
            detail, reason,
        ) in rows.all()
    ]  # fmt: skip
