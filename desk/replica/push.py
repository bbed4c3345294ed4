"""Pushing the outbox: each local write reaches the server exactly once, and a case's row follows its merged history.

Events keep their ids and real times; the server inserts them ``ON CONFLICT (id) DO NOTHING``, so a push
cut half way and retried adds nothing twice. After a case's events are in, its row is recomputed from
the whole merged history (``replay`` then the one writer's deadline cache). Other records are inserted
when new, updated when the server still has the version the replica started from, and otherwise kept
as the server has them with the local version recorded as a conflict. A case's status or assignee set
differently on both sides is recorded on the server as the team's conflict (``desk.replica.shared``).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desk.replica.local import (
    APPEND_ONLY,
    FieldConflict,
    Queued,
    add_conflict,
    done,
    keep_queued,
    pending,
    set_pulling,
)
from desk.replica.shared import choices_differ, new_conflict, recorded, said_already, seen_by
from desk.store.engine import ConflictError, Store
from desk.store.handover_models import HandoverReport  # noqa: F401  (registers the handover tables)
from desk.store.models import Base, Case, CaseEvent, Contract
from desk.store.writer import CaseWriter, events_for, side_effects
from desk.vocabulary import CaseStatus, EventKind

# Fields whose different values on both sides are a conflict for the agent (the event kind that sets them).
CONFLICT_FIELDS = {EventKind.STATUS: "status", EventKind.ASSIGNEE: "assignee"}
_BOOKKEEPING = frozenset({"created_at", "updated_at", "version"})
# A case's columns that its history sets (``replay``) and the deadline cache: never copied from a replica.
_DERIVED = frozenset(
    {"id", "status", "severity", "assignee", "first_response_at", "resolved_at", "closed_at", "opening_severity"}
    | {"opened_at", "due_at", "due_clock", "due_target_s", "due_left_s", "due_rev"}
    | {"sla_since", "sla_outcomes", "sla_rev"}
)


@dataclass
class PushReport:
    rows: int = 0  # outbox entries sent (events, cases, bookings...)
    conflicts: list[FieldConflict] = field(default_factory=list)
    renamed: dict[str, str] = field(default_factory=dict)  # a case id taken meanwhile on the server -> new id


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def insert_ignoring_known(session: Session, tbl: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows whose id the database does not have yet; known ids are skipped (idempotent)."""
    if not rows:
        return
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.execute(postgresql.insert(tbl).values(list(rows)).on_conflict_do_nothing(index_elements=["id"]))
    elif dialect == "sqlite":
        session.execute(sqlite.insert(tbl).values(list(rows)).on_conflict_do_nothing(index_elements=["id"]))
    else:  # pragma: no cover - the desk runs on SQLite and PostgreSQL only
        raise RuntimeError(f"no idempotent insert for {dialect}")


def replay(case: Case, events: Sequence[CaseEvent]) -> None:
    """Set the case's row from its whole history in order, by the one writer's side effects."""
    case.status, case.severity = str(CaseStatus.NEW), case.opening_severity
    case.first_response_at = case.resolved_at = case.closed_at = None
    if any(ev.kind == EventKind.ASSIGNEE for ev in events):
        case.assignee = ""
    for ev in events:
        for name, value in side_effects(ev.kind, ev.at, ev.new, case.resolved_at, case.first_response_at).items():
            setattr(case, name, value)


def push(replica: Store, server: Store, writer: CaseWriter) -> PushReport:
    """Send every queued write; stops at the first error of the link (what was sent stays sent)."""
    report = PushReport()
    with replica.read() as session:
        queued = pending(session)
        event_cases = _event_cases(session, [q.row_id for q in queued if q.table == "case_events"])
    cases: dict[uuid.UUID, list[Queued]] = {}
    rest: list[Queued] = []
    for q in queued:
        if q.table == "cases":
            cases.setdefault(q.row_id, []).append(q)
        elif q.table == "case_events":
            cases.setdefault(event_cases[q.row_id], []).append(q)
        else:
            rest.append(q)
    for q in (q for q in rest if q.table in ("customers", "contracts")):
        _push_row(replica, server, q, writer, report)
    for case_id, items in cases.items():
        _push_case(replica, server, writer, case_id, items, report)
    for q in (q for q in rest if q.table not in ("customers", "contracts")):
        _push_row(replica, server, q, writer, report)
    return report


def _event_cases(session: Session, event_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    events = table("case_events")
    found: dict[uuid.UUID, uuid.UUID] = {}
    for start in range(0, len(event_ids), 500):
        rows = session.execute(
            select(events.c.id, events.c.case_id).where(events.c.id.in_(event_ids[start : start + 500]))
        )
        found.update({r.id: r.case_id for r in rows})
    return found


def _push_case(
    replica: Store, server: Store, writer: CaseWriter, case_id: uuid.UUID, items: list[Queued], report: PushReport
) -> None:
    cases, events = table("cases"), table("case_events")
    with replica.read() as rs:
        local_case = rs.execute(select(cases).where(cases.c.id == case_id)).mappings().one()
        mine_ids = [q.row_id for q in items if q.table == "case_events"]
        mine = [dict(r) for r in rs.execute(select(events).where(events.c.id.in_(mine_ids))).mappings()]
        known = set(rs.scalars(select(events.c.id).where(events.c.case_id == case_id)))
    mine.sort(key=lambda e: (e["at"], e["seq"], e["id"]))  # the order every database replays them in
    now = writer.clock.now()
    renamed = ""
    with server.write() as ss:
        case = ss.get(Case, case_id, with_for_update=True)
        if case is None:
            values = dict(local_case)
            if ss.scalar(select(Case.id).where(Case.ref == values["ref"])) is not None:
                renamed = values["ref"] = f"{values['ref']}-{case_id.hex[:6]}"
            ss.execute(insert(cases).values(**values))
            case = ss.get(Case, case_id, with_for_update=True)
            assert case is not None
        theirs = [
            r
            for r in ss.execute(
                select(CaseEvent.id, CaseEvent.kind, CaseEvent.new, CaseEvent.actor, CaseEvent.at)
                .where(CaseEvent.case_id == case_id, CaseEvent.kind.in_(list(CONFLICT_FIELDS)))
                .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
            )
            if r.id not in known
        ]
        insert_ignoring_known(ss, events, mine)
        _copy_fields(ss, case, dict(local_case), mine)
        ss.flush()
        history = events_for(ss, [case_id]).get(case_id, [])
        replay(case, history)
        writer.refresh_due(case, history)
        case.updated_at = max(now, case.updated_at)
        flag_modified(case, "updated_at")
        ss.flush()
        rows: list[dict[str, Any]] = []
        for kind, name in CONFLICT_FIELDS.items():
            ours = [e for e in mine if e["kind"] == kind]
            others = [r for r in theirs if r.kind == kind]
            if ours and others and ours[-1]["new"] != others[-1].new:
                rows.append(new_conflict(case_id, name, ours[-1], others[-1], getattr(case, name), writer.actor, now))
        # Recorded with the merge, in its transaction, for every desk of the team; a push retried after a
        # cut finds the same two events, hence the same id, and records nothing twice.
        insert_ignoring_known(ss, table("case_conflicts"), rows)
        shared = recorded(ss, [r["id"] for r in rows])
        found = [seen_by(SimpleNamespace(**r), case.ref, r["merged"], writer.actor) for r in shared]
    with replica.write() as ls:
        set_pulling(ls, True)
        if renamed:
            ls.execute(update(cases).where(cases.c.id == case_id).values(ref=renamed))
            report.renamed[local_case["ref"]] = renamed
        insert_ignoring_known(ls, table("case_conflicts"), shared)
        done(ls, [q.seq for q in items])
        set_pulling(ls, False)
    report.rows += len(items)
    report.conflicts.extend(found)


def _copy_fields(ss: Session, case: Case, local_case: Mapping[str, Any], mine: list[dict[str, Any]]) -> None:
    """Columns the events do not derive (a title, a contract set by an import) follow their "field" events."""
    for name in dict.fromkeys(e["field"] for e in mine if e["kind"] == EventKind.FIELD):
        column = "contract_id" if name == "contract" else name
        if column == "contract_id":
            case.contract = ss.get(Contract, local_case["contract_id"]) if local_case["contract_id"] else None
        elif column in local_case and column not in _DERIVED:
            setattr(case, column, local_case[column])


def _plain(value: Any) -> Any:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _differing(a: Mapping[str, Any], b: Mapping[str, Any]) -> list[str]:
    return [k for k in a if k not in _BOOKKEEPING and k != "id" and a[k] != b.get(k)]


def _push_row(replica: Store, server: Store, q: Queued, writer: CaseWriter, report: PushReport) -> None:
    if q.table == "case_conflicts":
        _push_resolution(replica, server, q, writer, report)
        return
    tbl = table(q.table)
    with replica.read() as rs:
        local = rs.execute(select(tbl).where(tbl.c.id == q.row_id)).mappings().one_or_none()
    now = writer.clock.now()
    found: FieldConflict | None = None
    server_version: int | None = None
    if local is not None:
        try:
            found, server_version = _apply_row(server, tbl, q, dict(local), now)
        except ConflictError as exc:  # a unique name (a booking's id...) taken meanwhile on the server
            ref = str(local.get("ref", q.row_id))
            mine = json.dumps({k: _plain(v) for k, v in local.items()}, ensure_ascii=False)
            found = FieldConflict(
                id=0,
                table=q.table,
                row_id=q.row_id,
                ref=ref,
                field="*",
                mine=mine,
                mine_by=writer.actor,
                mine_at=now,
                theirs=str(exc),
                theirs_by="",
                theirs_at=None,
                merged=None,
                detected_at=now,
            )
    with replica.write() as ls:
        if found is not None:
            add_conflict(ls, found)
        now_local = ls.execute(select(tbl).where(tbl.c.id == q.row_id)).mappings().one_or_none()
        if (
            local is not None
            and server_version is not None
            and now_local is not None
            and dict(now_local) != dict(local)
        ):
            # Changed here again while it was being pushed (its trigger found it queued already): keep it
            # queued, from the version the server has now, for the next push.
            keep_queued(ls, q.seq, server_version)
        else:
            done(ls, [q.seq])
    report.rows += 1
    if found is not None:
        report.conflicts.append(found)


def _apply_row(
    server: Store, tbl: Table, q: Queued, local: dict[str, Any], now: datetime
) -> tuple[FieldConflict | None, int | None]:
    """Apply one record to the server: the conflict it met (if any) and the version the server then has."""
    version: int | None = None
    with server.write() as ss:
        found = ss.execute(select(tbl).where(tbl.c.id == q.row_id).with_for_update()).mappings().one_or_none()
        remote: dict[str, Any] | None = dict(found) if found is not None else None
        if remote is None:
            stamped = {**local, "updated_at": now} if q.table not in APPEND_ONLY else local
            insert_ignoring_known(ss, tbl, [stamped])
            version = local["version"]
        elif q.table in APPEND_ONLY or not _differing(local, remote):
            version = remote["version"]  # already there: a retried push
        elif remote["version"] == q.base_version:
            version = remote["version"] + 1
            changed = {k: local[k] for k in _differing(local, remote)}
            ss.execute(
                update(tbl)
                .where(tbl.c.id == q.row_id)
                .values(**changed, version=remote["version"] + 1, updated_at=max(now, remote["updated_at"]))
            )
        else:
            keys = _differing(local, remote)
            ref = str(local.get("ref") or q.row_id)
            return FieldConflict(
                id=0,
                table=q.table,
                row_id=q.row_id,
                ref=ref,
                field="*",
                mine=json.dumps({k: _plain(local[k]) for k in keys}, ensure_ascii=False),
                mine_by="",
                mine_at=local.get("updated_at"),
                theirs=json.dumps({k: _plain(remote[k]) for k in keys}, ensure_ascii=False),
                theirs_by="",
                theirs_at=remote.get("updated_at"),
                merged=None,
                detected_at=now,
            ), None
        if q.table == "quota_events":  # other desks pull a booking's events with the booking: mark it changed
            uses = table("quota_uses")
            ss.execute(
                update(uses)
                .where(uses.c.id == local["quota_use_id"])
                .values(version=uses.c.version + 1, updated_at=now)
            )
    return None, version


def _push_resolution(replica: Store, server: Store, q: Queued, writer: CaseWriter, report: PushReport) -> None:
    """A conflict resolved here (a desk changes a team conflict only to resolve it) closes it on the server.

    Resolved elsewhere first, the first resolution stands; a different choice made here is not dropped but
    recorded as a new conflict between the two choices (unless one already says so: the choice's own event
    may have met the other as a conflict in this push).
    """
    tbl = table("case_conflicts")
    with replica.read() as rs:
        local = rs.execute(select(tbl).where(tbl.c.id == q.row_id)).mappings().one_or_none()
    now = writer.clock.now()
    shared: list[dict[str, Any]] = []
    found: list[FieldConflict] = []
    if local is not None and local["resolved_at"] is not None:
        with server.write() as ss:
            remote = ss.execute(select(tbl).where(tbl.c.id == q.row_id).with_for_update()).mappings().one()
            if remote["resolved_at"] is None:
                resolution = {k: local[k] for k in ("resolved_at", "resolved_by", "resolved_value")}
                closing = update(tbl).where(tbl.c.id == q.row_id)
                ss.execute(closing.values(**resolution, version=remote["version"] + 1, updated_at=now))
            elif remote["resolved_value"] != local["resolved_value"]:
                case = ss.get(Case, local["case_id"])
                assert case is not None
                row = choices_differ(dict(local), dict(remote), getattr(case, local["field"]), writer.actor, now)
                if not said_already(ss, row):
                    insert_ignoring_known(ss, tbl, [row])
                    shared = recorded(ss, [row["id"]])
                    found = [seen_by(SimpleNamespace(**r), case.ref, r["merged"], writer.actor) for r in shared]
    with replica.write() as ls:
        set_pulling(ls, True)
        insert_ignoring_known(ls, tbl, shared)
        done(ls, [q.seq])
        set_pulling(ls, False)
    report.rows += 1
    report.conflicts.extend(found)
