"""Pulling the server's changes since the last sync into the replica, without queueing them for a push.

Mutable records are found by ``updated_at`` (indexed for cases); events come with their case (a case's
row is stamped changed whenever an event is added to it, also by a push), bookings' events with their
booking. The watermark is the newest ``updated_at`` copied; the next pull starts ``OVERLAP`` before it,
so a transaction that committed late or a desk whose clock is a little behind is not missed. Copying a
row twice is harmless (an upsert by id; events are inserted once).

``pull_cases`` copies just the cases the server announced (NOTIFY), applied the same way, without moving
the watermark: the next full pull still looks at everything (and finds those rows already here).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from desk.replica.local import APPEND_ONLY, TABLES, pending, set_pulling
from desk.replica.push import insert_ignoring_known, table
from desk.store.engine import Store

OVERLAP = timedelta(minutes=2)
BATCH = 500  # rows per statement: within SQLite's limit of bound values for the widest table
# Append-only children pulled with their parent: (child table, its parent column, the parent table).
CHILDREN = {"case_events": ("case_id", "cases"), "quota_events": ("quota_use_id", "quota_uses")}
# Order inside a table so a row's parent in the same table comes first.
_ORDER = {"handover_reports": "revision"}


@dataclass
class PullReport:
    rows: int = 0
    watermark: datetime | None = None
    cases: frozenset[uuid.UUID] = frozenset()  # the cases copied (changed on the server, or copied again)


def pull(replica: Store, server: Store, since: datetime | None) -> PullReport:
    """Copy what changed on the server since ``since`` (everything when None), in one local transaction."""
    report = PullReport(watermark=since)
    start = since - OVERLAP if since is not None else None
    changed: dict[str, list[uuid.UUID]] = {}
    conflicted: set[uuid.UUID] = set()
    with server.read() as ss, replica.write() as ls:
        _one_snapshot(ss)
        set_pulling(ls, True)
        waiting = _queued(ls)
        for name in TABLES:
            tbl = table(name)
            if name in APPEND_ONLY:
                column, parent = CHILDREN[name]
                rows = _children(ss, tbl, column, changed[parent], everything=start is None)
                for batch in _batches(rows):
                    insert_ignoring_known(ls, tbl, batch)
                    report.rows += len(batch)
                continue
            changed[name] = []
            query = select(tbl)
            if start is not None:
                query = query.where(tbl.c.updated_at > start)
            query = query.order_by(tbl.c[_ORDER.get(name, "updated_at")])
            for batch in _batches(dict(r) for r in ss.execute(query).mappings()):
                newest = max(r["updated_at"] for r in batch)
                report.watermark = newest if report.watermark is None else max(report.watermark, newest)
                # Rows the overlap brings again that the replica already holds as they are (same version,
                # same stamp): nothing to copy, nor their children (a child's write stamps its parent).
                batch = _new_here(ls, tbl, batch)
                # A row written here since the push (a window keeps working) keeps its local state until
                # its own push; the server's version comes with the pull after that.
                _upsert(ls, tbl, [r for r in batch if r["id"] not in waiting.get(name, ())])
                changed[name].extend(r["id"] for r in batch)
                if name == "case_conflicts":  # its case is shown again (a targeted pull may have copied its row)
                    conflicted.update(r["case_id"] for r in batch)
                report.rows += len(batch)
        set_pulling(ls, False)
    report.cases = frozenset(changed["cases"]) | frozenset(conflicted)
    return report


@dataclass
class CasesPulled:
    rows: int = 0
    cases: frozenset[uuid.UUID] = frozenset()  # the cases copied (their row or events differed here)
    left: frozenset[uuid.UUID] = frozenset()  # left to the full round (written here, or a parent missing)


def pull_cases(replica: Store, server: Store, ids: Iterable[uuid.UUID]) -> CasesPulled:
    """Copy the server's rows of just these cases, with their events and conflicts, in one short transaction.

    A case with a write waiting here (in the outbox) is left alone: its push, then the full pull, judge it
    against the server as always (a conflict needs both sides' events). So is a case whose customer or
    contract the replica does not hold yet: the full pull brings parents before children.
    """
    wanted = sorted(set(ids))
    report = CasesPulled()
    if not wanted:
        return report
    cases, events, found = table("cases"), table("case_events"), table("case_conflicts")
    # The replica's lock first: no push can mark a case sent (nor a window queue one) until this is applied.
    with replica.write() as ls, server.read() as ss:
        _one_snapshot(ss)
        waiting = _queued(ls)
        left = {c for c in wanted if c in waiting.get("cases", ())}
        rows = [dict(r) for r in ss.execute(select(cases).where(cases.c.id.in_(wanted))).mappings()]
        rows = [r for r in rows if r["id"] not in left]
        left |= _missing_parents(ls, rows)
        rows = _new_here(ls, cases, [r for r in rows if r["id"] not in left])
        if not rows:
            report.left = frozenset(left)
            return report
        copied = [r["id"] for r in rows]
        set_pulling(ls, True)
        _upsert(ls, cases, rows)
        children = [dict(r) for r in ss.execute(select(events).where(events.c.case_id.in_(copied))).mappings()]
        for batch in _batches(iter(children)):
            insert_ignoring_known(ls, events, batch)
        shared = [dict(r) for r in ss.execute(select(found).where(found.c.case_id.in_(copied))).mappings()]
        shared = _new_here(ls, found, shared) if shared else []
        _upsert(ls, found, [r for r in shared if r["id"] not in waiting.get("case_conflicts", ())])
        set_pulling(ls, False)
    report.rows = len(rows) + len(children) + len(shared)
    report.cases, report.left = frozenset(copied), frozenset(left)
    return report


def _one_snapshot(ss: Session) -> None:
    """Every statement of this read sees the server as of its first one.

    A pull reads parents before children, a statement each: on a server's default isolation (each statement
    sees what committed before it) a customer, contract and case committed between two of them would come
    as a case without its parents, which the replica refuses. SQLite's read transaction is one snapshot already.
    """
    if ss.get_bind().dialect.name == "postgresql":
        ss.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def _missing_parents(ls: Session, rows: list[dict[str, Any]]) -> set[uuid.UUID]:
    """The cases among ``rows`` whose customer or contract the replica does not hold."""
    missing: set[uuid.UUID] = set()
    for name, column in (("customers", "customer_id"), ("contracts", "contract_id")):
        parents = {r[column] for r in rows if r[column] is not None}
        if not parents:
            continue
        tbl = table(name)
        held = set(ls.scalars(select(tbl.c.id).where(tbl.c.id.in_(parents))))
        missing |= {r["id"] for r in rows if r[column] is not None and r[column] not in held}
    return missing


def _new_here(ls: Session, tbl: Table, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of ``batch`` the replica does not hold with the same version and ``updated_at``."""
    held = {
        r.id: (r.version, r.updated_at)
        for r in ls.execute(
            select(tbl.c.id, tbl.c.version, tbl.c.updated_at).where(tbl.c.id.in_([r["id"] for r in batch]))
        )
    }
    return [r for r in batch if held.get(r["id"]) != (r["version"], r["updated_at"])]


def _queued(ls: Session) -> dict[str, set[uuid.UUID]]:
    """Rows waiting in the outbox, by table; a case with a queued event counts as queued."""
    queued: dict[str, set[uuid.UUID]] = {}
    for q in pending(ls):
        queued.setdefault(q.table, set()).add(q.row_id)
    events = table("case_events")
    event_ids = list(queued.get("case_events", ()))
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        queued.setdefault("cases", set()).update(ls.scalars(select(events.c.case_id).where(events.c.id.in_(chunk))))
    return queued


def _children(
    ss: Session, tbl: Table, column: str, parents: Sequence[uuid.UUID], *, everything: bool
) -> Iterator[dict[str, Any]]:
    if everything:
        # Each statement sees what committed before it: a parent committed after its table was read may
        # have children here already. They come with the next pull, with their parent (changed since the
        # watermark less the overlap).
        copied = set(parents)
        yield from (dict(r) for r in ss.execute(select(tbl)).mappings() if r[column] in copied)
        return
    for start in range(0, len(parents), 500):
        query = select(tbl).where(tbl.c[column].in_(parents[start : start + 500]))
        yield from (dict(r) for r in ss.execute(query).mappings())


def _batches(rows: Iterator[dict[str, Any]] | Any) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _upsert(ls: Session, tbl: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    statement = sqlite.insert(tbl)
    columns = {c.name: statement.excluded[c.name] for c in tbl.columns if c.name != "id"}
    # Always the server's values: a replica's own version numbers count its local edits, so an equal
    # version does not mean an equal row. (A frozen report's triggers refuse only changed values.)
    ls.execute(statement.values(rows).on_conflict_do_update(index_elements=["id"], set_=columns))
