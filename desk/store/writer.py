"""The one writer of case history: opening a case, appending events in order, their side effects, the deadline cache.

The operations, the importer and the demo generator all write cases through here, so a case's row
(status, severity, first response, resolution, closing, the cached next deadline) always follows from
its events by the same rules. ``CaseWriter`` writes one case in a session; ``BulkCases`` builds the
same rows for many new cases at once and inserts them in batches (the demo's millions).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import datetime
from operator import attrgetter
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desk.catalog import Catalog, CatalogRegistry
from desk.clock import Clock
from desk.outcomes_direct import EventFact, kept_outcomes
from desk.sla import CaseHistory, DueCache, SlaEvent, evaluate
from desk.sla_outcomes import REVISION as OUTCOMES_REVISION
from desk.sla_outcomes import latest_instant, outcomes_text
from desk.store.bulk import insert_dicts, insert_rows
from desk.store.models import Case, CaseEvent, Contract
from desk.vocabulary import ENDED_STATUSES, CaseStatus, EventKind

BATCH_ROWS = 5000


class NewEvent(NamedTuple):
    """One event to append to a case's history (``actor`` None: the writer's own).

    A named tuple, not a dataclass: the demo makes millions, and a tuple is made several times faster.
    """

    at: datetime
    kind: str  # opened, severity, status, response, assignee, note, field
    field: str = ""
    old: str | None = None
    new: str | None = None
    reason: str = ""
    actor: str | None = None


def side_effects(
    kind: str, at: datetime, new: str | None, resolved_at: datetime | None, first_response_at: datetime | None
) -> dict[str, Any]:
    """The case columns an event sets: the one place where an event changes its case's row."""
    if kind == EventKind.STATUS and new:
        changes: dict[str, Any] = {"status": new}
        if new == CaseStatus.RESOLVED and resolved_at is None:
            changes["resolved_at"] = at
        if new == CaseStatus.CLOSED:
            changes["closed_at"] = at
        elif new not in ENDED_STATUSES:  # reopened or still open: no longer closed
            changes["closed_at"] = None
        return changes
    if kind == EventKind.SEVERITY and new:
        return {"severity": new}
    if kind == EventKind.RESPONSE and first_response_at is None:
        return {"first_response_at": at}
    if kind == EventKind.ASSIGNEE and new is not None:
        return {"assignee": new}
    return {}


def sla_history(
    opened_at: datetime, opening_severity: str, tier: str | None, events: Iterable[EventFact]
) -> CaseHistory:
    """The facts of a history the SLA engine reads (re-grades, status changes, responses)."""
    sla_events = []
    for ev in events:
        if ev.kind == EventKind.SEVERITY and ev.new:
            sla_events.append(SlaEvent(ev.at, EventKind.SEVERITY, ev.new))
        elif ev.kind == EventKind.STATUS and ev.new:
            sla_events.append(SlaEvent(ev.at, EventKind.STATUS, ev.new))
        elif ev.kind == EventKind.RESPONSE:
            sla_events.append(SlaEvent(ev.at, EventKind.RESPONSE))
    return CaseHistory(opened_at, opening_severity, tier, tuple(sla_events))


def plan_for(catalogs: CatalogRegistry, version: str | None, opened_at: datetime) -> Catalog:
    """The plan a case is measured by: its contract's catalog version, or with no contract the one in effect."""
    return catalogs.get(version) if version is not None else catalogs.in_effect(opened_at.date())


def history_of(case: Case, events: Iterable[CaseEvent]) -> CaseHistory:
    tier = case.contract.tier if case.contract is not None else None
    return sla_history(case.opened_at, case.opening_severity, tier, events)


def events_for(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[CaseEvent]]:
    """The event history of each case, in order (at, then seq): one query for the lot.

    The id breaks the last ties: events written apart on two desks (a replica, the server) can share an
    instant and a ``seq``, and every database holding them must replay them in the same order.
    """
    grouped: dict[uuid.UUID, list[CaseEvent]] = {}
    for start in range(0, len(case_ids), BATCH_ROWS):
        rows = session.scalars(
            select(CaseEvent)
            .where(CaseEvent.case_id.in_(case_ids[start : start + BATCH_ROWS]))
            .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
        )
        for ev in rows:
            grouped.setdefault(ev.case_id, []).append(ev)
    return grouped


def store_due(case: Case, due: DueCache) -> None:
    case.due_clock, case.due_at, case.due_target_s, case.due_left_s = due.clock, due.at, due.target_s, due.left_s
    case.due_rev = DueCache.REVISION


def outcome_columns(history: CaseHistory, catalog: Catalog, events: Iterable[EventFact]) -> dict[str, Any]:
    """The case columns that keep each clock's outcome after the latest of ``events`` (all of the case's).

    Every kind counts for the instant, not only the clocks' facts: a review trusts the row's severity and
    assignee columns as well from that instant on.
    """
    since = latest_instant(history.opened_at, (e.at for e in events))
    return {
        "sla_since": since,
        "sla_outcomes": outcomes_text(evaluate(history, catalog, since)),
        "sla_rev": OUTCOMES_REVISION,
    }


def _due_columns(due: DueCache) -> dict[str, Any]:
    return {
        "due_clock": due.clock,
        "due_at": due.at,
        "due_target_s": due.target_s,
        "due_left_s": due.left_s,
        "due_rev": DueCache.REVISION,
    }


class CaseWriter:
    """Writes cases and their events for one agent (``actor``); every instant it stamps is the clock's."""

    def __init__(self, catalogs: CatalogRegistry, clock: Clock, actor: str) -> None:
        self.catalogs = catalogs
        self.clock = clock
        self.actor = actor

    # ---------------------------------------------------------------- the cached deadline

    def catalog_for(self, contract: Contract | None, opened_at: datetime | None = None) -> Catalog:
        version = contract.catalog_version if contract is not None else None
        return plan_for(self.catalogs, version, opened_at or self.clock.now())

    def due_for(self, history: CaseHistory, catalog: Catalog, is_open: bool) -> DueCache:
        """What a case row caches of its most urgent clock (nothing once it is resolved or closed)."""
        if not is_open:
            return DueCache()
        # Deadlines only move when an event happens, so evaluating at the last event (or now) is enough.
        latest = max([self.clock.now(), history.opened_at, *(e.at for e in history.events)])
        return DueCache.of(evaluate(history, catalog, latest), is_open=True)

    def due_from(self, case: Case, events: Sequence[CaseEvent]) -> DueCache:
        catalog = self.catalog_for(case.contract, case.opened_at)
        return self.due_for(history_of(case, events), catalog, case.status not in ENDED_STATUSES)

    def refresh_due(self, case: Case, events: Sequence[CaseEvent]) -> None:
        """Refresh what the row caches of its clocks: the next deadline and each clock's outcome."""
        store_due(case, self.due_from(case, events))
        catalog = self.catalog_for(case.contract, case.opened_at)
        for name, value in outcome_columns(history_of(case, events), catalog, events).items():
            setattr(case, name, value)

    # ---------------------------------------------------------------- one case in a session

    def open_case(self, session: Session, case: Case, actor: str | None = None) -> None:
        """Add a new case (its identity and opening facts set by the caller) with its opening events."""
        now = self.clock.now()
        case.severity, case.status = case.opening_severity, str(CaseStatus.NEW)
        case.created_at = case.updated_at = now
        session.add(case)
        session.flush()
        for event in opening_events(case.opened_at, case.opening_severity, case.assignee, actor):
            self.append(session, case, event, keep_order=False)

    def append(self, session: Session, case: Case, event: NewEvent, *, keep_order: bool = True) -> CaseEvent:
        """Append one event after the case's others (next ``seq``) and apply its side effects to the case.

        ``keep_order``: a live edit is never dated before the case's latest event (a system clock set
        back must not put a response "before" the opening). Dated facts from a record (an import) keep
        their own instant and are ordered by it.
        """
        at = event.at
        if keep_order:
            previous = session.scalar(select(func.max(CaseEvent.at)).where(CaseEvent.case_id == case.id))
            at = max(at, previous) if previous is not None else at
        now = self.clock.now()
        seq = session.scalar(select(func.max(CaseEvent.seq)).where(CaseEvent.case_id == case.id)) or 0
        row = CaseEvent(
            case_id=case.id,
            at=at,
            created_at=now,
            updated_at=now,
            actor=event.actor or self.actor,
            kind=event.kind,
            field=event.field,
            old=event.old,
            new=event.new,
            reason=event.reason,
            seq=seq + 1,
        )
        session.add(row)
        for name, value in side_effects(event.kind, at, event.new, case.resolved_at, case.first_response_at).items():
            setattr(case, name, value)
        session.flush()
        return row

    def set_status(
        self,
        session: Session,
        case: Case,
        status: str,
        at: datetime,
        *,
        reason: str = "",
        actor: str | None = None,
        keep_order: bool = True,
    ) -> CaseEvent:
        event = NewEvent(at, EventKind.STATUS, field="status", old=case.status, new=status, reason=reason, actor=actor)
        return self.append(session, case, event, keep_order=keep_order)

    def finish(self, session: Session, case: Case) -> None:
        """After a case's writes: refresh its cached deadline and stamp it changed."""
        session.flush()
        self.refresh_due(case, events_for(session, [case.id]).get(case.id, []))
        case.updated_at = self.clock.now()
        # Always an UPDATE, hence a new version, even when nothing on the row differs (a note at the same
        # instant as the last write): other desks and stale edits are told apart by the version.
        flag_modified(case, "updated_at")
        session.flush()

    def bulk(self, new_id: Callable[[], uuid.UUID]) -> BulkCases:
        return BulkCases(self, new_id)


def opening_events(opened_at: datetime, severity: str, assignee: str, actor: str | None) -> list[NewEvent]:
    events = [NewEvent(opened_at, EventKind.OPENED, new=severity, actor=actor)]
    if assignee:
        events.append(NewEvent(opened_at, EventKind.ASSIGNEE, field="assignee", old="", new=assignee, actor=actor))
    return events


_NEW = str(CaseStatus.NEW)
_AT = attrgetter("at")
# The kinds of event ``side_effects`` changes a case row for (the others, an opening or a note, change nothing).
_CHANGING = frozenset(str(k) for k in (EventKind.STATUS, EventKind.SEVERITY, EventKind.RESPONSE, EventKind.ASSIGNEE))

# The columns of an event row as ``BulkCases`` holds it: a tuple per event, not a dict (millions of them).
EVENT_COLUMNS = (
    "id",
    "case_id",
    "seq",
    "at",
    "created_at",
    "updated_at",
    "version",
    "actor",
    "kind",
    "field",
    "old",
    "new",
    "reason",
)


class BulkCases:
    """Many new cases with their whole histories, as rows for a batched insert: what ``open_case`` and
    ``append`` would write for each (events in the order given), without a query per event.

    ``write`` inserts the rows added since the last ``write`` and lets them go, so a caller adding
    millions writes every few thousand and holds no more than that in memory.
    """

    def __init__(self, writer: CaseWriter, new_id: Callable[[], uuid.UUID]) -> None:
        self.writer = writer
        self.new_id = new_id
        self.now = writer.clock.now()
        self.cases: list[dict[str, Any]] = []  # added, not yet written
        self.events: list[tuple[Any, ...]] = []  # added, not yet written (values in EVENT_COLUMNS order)
        self.cases_written = 0
        self.events_written = 0

    def add(
        self,
        case: Mapping[str, Any],
        events: Sequence[NewEvent],
        *,
        tier: str | None,
        catalog: Catalog,
        actor: str | None = None,
        due: DueCache | None = None,
    ) -> dict[str, Any]:
        """Add one case: ``case`` holds its identity and opening columns (id, ref, customer_id,
        contract_id, title, description, product, third_party, opening_severity, channel, assignee,
        opened_at); ``events`` what happened after the opening, in order.

        ``due``: the cache the caller already computed with ``due_for`` for exactly this history (the
        demo plans deadlines with it); computed here otherwise.
        """
        now = self.now
        row: dict[str, Any] = {
            **case,
            "severity": case["opening_severity"],
            "status": _NEW,
            "first_response_at": None,
            "resolved_at": None,
            "closed_at": None,
            "created_at": now,
            "updated_at": now,
            "version": 1,
        }
        history = [*opening_events(row["opened_at"], row["opening_severity"], row["assignee"], actor), *events]
        case_id, default_actor = row["id"], self.writer.actor
        append, new_id = self.events.append, self.new_id
        for seq, ev in enumerate(history, start=1):
            actor = ev.actor or default_actor
            append((new_id(), case_id, seq, ev.at, now, now, 1, actor, ev.kind, ev.field, ev.old, ev.new, ev.reason))
            if ev.kind in _CHANGING:
                row.update(side_effects(ev.kind, ev.at, ev.new, row["resolved_at"], row["first_response_at"]))
        opened_at, severity = row["opened_at"], row["opening_severity"]
        if due is None and row["status"] in ENDED_STATUSES:
            due = DueCache()  # what due_for gives an ended case
        elif due is None:
            due = self.writer.due_for(sla_history(opened_at, severity, tier, history), catalog, is_open=True)
        row.update(_due_columns(due))
        since = latest_instant(opened_at, map(_AT, history))
        # Worked out without the engine where the plan allows (the same text: tests/core/test_outcomes_direct.py).
        text = kept_outcomes(catalog, opened_at, severity, tier, history, since)
        if text is None:
            text = outcomes_text(evaluate(sla_history(opened_at, severity, tier, history), catalog, since))
        row.update(sla_since=since, sla_outcomes=text, sla_rev=OUTCOMES_REVISION)
        self.cases.append(row)
        return row

    def write(self, session: Session) -> None:
        """Insert the cases added since the last write, then their events, and let them go."""
        instants: dict[datetime | None, str | None] = {}  # a case's instants are its events': each encoded once
        insert_dicts(session, Case.__table__, self.cases, instants)  # type: ignore[arg-type]
        insert_rows(session, CaseEvent.__table__, EVENT_COLUMNS, self.events, instants)  # type: ignore[arg-type]
        self.cases_written += len(self.cases)
        self.events_written += len(self.events)
        self.cases, self.events = [], []
