"""Resolving a recorded conflict: the agent's choice becomes a new fact, written where the desk works now."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update

from desk.catalog import CatalogRegistry
from desk.changes import ChangeSet
from desk.clock import Clock
from desk.errors import BadInput, NotFound
from desk.replica.local import FieldConflict, conflicts, mark_resolved
from desk.replica.push import table
from desk.replica.sync import TeamDesk
from desk.store.engine import Store
from desk.store.models import Case
from desk.store.writer import CaseWriter, NewEvent
from desk.vocabulary import CASE_STATUSES, EventKind

MINE, THEIRS = "mine", "theirs"
_KINDS = {"status": EventKind.STATUS, "assignee": EventKind.ASSIGNEE}


def open_conflicts(team: TeamDesk, *, include_resolved: bool = False) -> list[FieldConflict]:
    return conflicts_in(team.replica, include_resolved=include_resolved)


def conflicts_in(replica: Store, *, include_resolved: bool = False) -> list[FieldConflict]:
    with replica.read() as session:
        return conflicts(session, include_resolved=include_resolved)


def find(replica: Store, conflict_id: int) -> FieldConflict:
    for conflict in conflicts_in(replica, include_resolved=True):
        if conflict.id == conflict_id:
            if conflict.resolved_at is not None:
                raise BadInput(f"conflict {conflict_id} was resolved already ({conflict.resolved_value!r})")
            return conflict
    raise NotFound(f"no conflict {conflict_id}: `desk conflicts` lists them", code="no_conflict")


def resolve(team: TeamDesk, conflict_id: int, choice: str, catalogs: CatalogRegistry, actor: str) -> ChangeSet:
    """Keep ``mine`` or ``theirs`` (or, for a case's field, any value of that field) for a conflict."""
    return resolve_in(team.replica, team.store, team.clock, conflict_id, choice, catalogs, actor)


def resolve_in(
    replica: Store, store: Store, clock: Clock, conflict_id: int, choice: str, catalogs: CatalogRegistry, actor: str
) -> ChangeSet:
    """``resolve`` with the replica (where conflicts are kept) and the store the desk writes to now."""
    conflict = find(replica, conflict_id)
    now = clock.now()
    changes = ChangeSet()
    if conflict.field in _KINDS:
        value = conflict.mine if choice == MINE else conflict.theirs if choice == THEIRS else choice
        if conflict.field == "status" and (value or "") not in CASE_STATUSES:
            statuses = ", ".join(CASE_STATUSES)
            raise BadInput(f"{value!r} is not a status: choose {MINE!r}, {THEIRS!r} or one of {statuses}")
        changes = _set_field(store, clock, conflict, value or "", catalogs, actor)
    elif choice == MINE:
        _reapply(store, clock, conflict)
        value = MINE
    elif choice == THEIRS:
        value = THEIRS
    else:
        raise BadInput(f"conflict {conflict_id} is on a whole record: choose {MINE!r} or {THEIRS!r}")
    with replica.write() as session:
        mark_resolved(session, conflict.id, value, actor, now)
    return changes


def _set_field(
    store: Store, clock: Clock, conflict: FieldConflict, value: str, catalogs: CatalogRegistry, actor: str
) -> ChangeSet:
    """Append the chosen value as an event (only if the case says otherwise now): the history keeps all."""
    writer = CaseWriter(catalogs, clock, actor)
    with store.write() as session:
        case = session.get(Case, conflict.row_id, with_for_update=True)
        if case is None:
            raise NotFound(f"no case {conflict.ref}", code="no_case", ref=conflict.ref)
        current = str(getattr(case, conflict.field))
        if current == value:
            return ChangeSet()
        mine, theirs = f"{conflict.mine!r} ({conflict.mine_by})", f"{conflict.theirs!r} ({conflict.theirs_by})"
        reason = f"conflict resolved: {mine} / {theirs}"
        event = NewEvent(clock.now(), _KINDS[conflict.field], conflict.field, current, value, reason)
        writer.append(session, case, event)
        writer.finish(session, case)
        return ChangeSet(cases=frozenset({case.id}))


def _reapply(store: Store, clock: Clock, conflict: FieldConflict) -> None:
    """Write the record's local values back over the server's (a new version, pushed like any write)."""
    tbl = table(conflict.table)
    values: dict[str, Any] = {}
    for name, raw in conflict.mine_values.items():
        column_type = tbl.c[name].type.python_type if name in tbl.c else str
        values[name] = _typed(column_type, raw)
    with store.write() as session:
        current = session.execute(select(tbl.c.version).where(tbl.c.id == conflict.row_id)).scalar_one_or_none()
        if current is None:
            raise NotFound(f"no record {conflict.ref} in {conflict.table}", code="no_record")
        changed = update(tbl).where(tbl.c.id == conflict.row_id)
        session.execute(changed.values(**values, version=current + 1, updated_at=clock.now()))


def _typed(python_type: type, raw: Any) -> Any:
    if raw is None:
        return None
    if python_type is datetime:
        return datetime.fromisoformat(raw)
    if python_type is date:
        return date.fromisoformat(raw)
    return raw
