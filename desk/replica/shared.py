"""Case field conflicts kept on the server for the whole team: recorded by the sync that finds them, listed
on every desk, resolved once by any agent (the choice becomes an event in the case's history)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.catalog import CatalogRegistry
from desk.changes import ChangeSet
from desk.clock import Clock
from desk.errors import BadInput, NotFound
from desk.replica.local import FieldConflict
from desk.store.conflict_models import CaseConflict, conflict_id
from desk.store.engine import Store
from desk.store.models import Case
from desk.store.writer import CaseWriter, NewEvent
from desk.vocabulary import CASE_STATUSES, EventKind

MINE, THEIRS = "mine", "theirs"
KINDS = {"status": EventKind.STATUS, "assignee": EventKind.ASSIGNEE}


def new_conflict(
    case_id: uuid.UUID, field: str, found: Mapping[str, Any], server: Any, merged: str | None, by: str, now: datetime
) -> dict[str, Any]:
    """The row recording two events in conflict (``found``: the syncing desk's, ``server``: the server's)."""
    return {
        "id": conflict_id(found["id"], server.id),
        "case_id": case_id,
        "field": field,
        "found_value": found["new"],
        "found_by": found["actor"],
        "found_at": found["at"],
        "server_value": server.new,
        "server_by": server.actor,
        "server_at": server.at,
        "merged": merged,
        "detected_at": now,
        "detected_by": by,
        "created_at": now,
        "updated_at": now,
        "version": 1,
    }


def choices_differ(
    mine: Mapping[str, Any], first: Mapping[str, Any], shows: str | None, by: str, now: datetime
) -> dict[str, Any]:
    """Two resolutions of one conflict made apart: a new conflict between ``mine`` (made on the syncing desk)
    and the ``first`` one the server kept."""

    def choice(row: Mapping[str, Any]) -> SimpleNamespace:  # a resolution, named like the event it stands for
        made = uuid.uuid5(row["id"], f"{row['resolved_by']}:{row['resolved_at']}")
        who = row["resolved_by"] or ""
        return SimpleNamespace(id=made, new=row["resolved_value"], actor=who, at=row["resolved_at"])

    found = vars(choice(mine))
    return new_conflict(mine["case_id"], mine["field"], found, choice(first), shows, by, now)


def said_already(session: Session, row: Mapping[str, Any]) -> bool:
    """An open conflict on the same case's field already opposes the same value to the same other value."""
    query = select(CaseConflict.id).where(
        CaseConflict.case_id == row["case_id"],
        CaseConflict.field == row["field"],
        CaseConflict.resolved_at.is_(None),
        CaseConflict.found_value == row["found_value"],
        CaseConflict.server_value == row["server_value"],
    )
    return session.scalar(query.limit(1)) is not None


def recorded(session: Session, ids: Sequence[uuid.UUID]) -> list[dict[str, Any]]:
    """The conflicts' rows as the database has them (with the number the server gave each)."""
    if not ids:
        return []
    table = CaseConflict.__table__
    return [dict(r) for r in session.execute(select(table).where(table.c.id.in_(list(ids)))).mappings()]


def seen_by(row: Any, ref: str, shows: str | None, agent: str) -> FieldConflict:
    """A shared conflict as one agent sees it: "mine" is the side that agent set (else the finder's)."""
    found = (row.found_value, row.found_by, row.found_at)
    server = (row.server_value, row.server_by, row.server_at)
    mine, theirs = (server, found) if agent and row.server_by == agent and row.found_by != agent else (found, server)
    return FieldConflict(
        id=row.number,
        table="cases",
        row_id=row.case_id,
        ref=ref,
        field=row.field,
        mine=mine[0],
        mine_by=mine[1],
        mine_at=mine[2],
        theirs=theirs[0],
        theirs_by=theirs[1],
        theirs_at=theirs[2],
        merged=shows,
        detected_at=row.detected_at,
        resolved_at=row.resolved_at,
        resolved_by=row.resolved_by,
        resolved_value=row.resolved_value,
        shared_id=row.id,
    )


def shared_conflicts(
    session: Session,
    agent: str = "",
    *,
    include_resolved: bool = False,
    cases: Iterable[uuid.UUID] | None = None,
) -> list[FieldConflict]:
    """The team's case conflicts in this database (open ones unless ``include_resolved``), oldest first."""
    query = select(CaseConflict, Case.ref, Case.status, Case.assignee).join(Case, Case.id == CaseConflict.case_id)
    if not include_resolved:
        query = query.where(CaseConflict.resolved_at.is_(None))
    if cases is not None:
        query = query.where(CaseConflict.case_id.in_(list(cases)))
    found = []
    for conflict, ref, status, assignee in session.execute(query.order_by(CaseConflict.number)):
        shows = status if conflict.field == "status" else assignee
        found.append(seen_by(conflict, ref, shows, agent))
    return found


def open_count(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(CaseConflict.resolved_at.is_(None))) or 0)


def resolve_shared(
    store: Store, clock: Clock, number: int, choice: str, catalogs: CatalogRegistry, actor: str
) -> ChangeSet:
    """Close conflict ``number`` with ``mine``, ``theirs`` or a value of its field, in one transaction with
    the event that records the choice; refused if it was resolved already (by anyone, anywhere)."""
    writer = CaseWriter(catalogs, clock, actor)
    with store.write() as session:
        row = session.scalars(select(CaseConflict).where(CaseConflict.number == number).with_for_update()).first()
        if row is None:
            raise NotFound(f"no conflict {number}: `desk conflicts` lists them", code="no_conflict")
        if row.resolved_at is not None:
            raise BadInput(
                f"conflict {number} was resolved already: {row.resolved_value!r} by {row.resolved_by} "
                f"at {row.resolved_at:%Y-%m-%d %H:%M} UTC"
            )
        case = session.get(Case, row.case_id, with_for_update=True)
        if case is None:
            raise NotFound(f"no case for conflict {number}", code="no_case")
        conflict = seen_by(row, case.ref, None, actor)
        value = (conflict.mine if choice == MINE else conflict.theirs if choice == THEIRS else choice) or ""
        if row.field == "status" and value not in CASE_STATUSES:
            statuses = ", ".join(CASE_STATUSES)
            raise BadInput(f"{value!r} is not a status: choose {MINE!r}, {THEIRS!r} or one of {statuses}")
        now = clock.now()
        sides = f"{conflict.mine!r} ({conflict.mine_by}) / {conflict.theirs!r} ({conflict.theirs_by})"
        reason = f"conflict {number} resolved: {sides}"
        current = str(getattr(case, row.field))
        if current != value:
            event = NewEvent(now, KINDS[row.field], row.field, current, value, reason)
        else:  # the case shows the chosen value already: the choice is still a fact of its history
            event = NewEvent(now, EventKind.NOTE, "", None, f"{reason}: kept {value!r}")
        writer.append(session, case, event)
        writer.finish(session, case)
        row.resolved_at, row.resolved_by, row.resolved_value = now, actor, value
        row.updated_at = now
        return ChangeSet(cases=frozenset({case.id}))
