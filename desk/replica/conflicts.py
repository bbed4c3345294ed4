"""Resolving a recorded conflict: the agent's choice becomes a new fact, written where the desk works now."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update

from desk.catalog import CatalogRegistry
from desk.changes import ChangeSet
from desk.errors import BadInput, NotFound
from desk.replica.local import FieldConflict, conflicts, mark_resolved
from desk.replica.push import table
from desk.replica.sync import TeamDesk
from desk.store.models import Case
from desk.store.writer import CaseWriter, NewEvent
from desk.vocabulary import EventKind

MINE, THEIRS = "mine", "theirs"
_KINDS = {"status": EventKind.STATUS, "assignee": EventKind.ASSIGNEE}


def open_conflicts(team: TeamDesk, *, include_resolved: bool = False) -> list[FieldConflict]:
    with team.replica.read() as session:
        return conflicts(session, include_resolved=include_resolved)


def find(team: TeamDesk, conflict_id: int) -> FieldConflict:
    for conflict in open_conflicts(team, include_resolved=True):
        if conflict.id == conflict_id:
            if conflict.resolved_at is not None:
                raise BadInput(f"conflict {conflict_id} was resolved already ({conflict.resolved_value!r})")
            return conflict
    raise NotFound(f"no conflict {conflict_id}: `desk conflicts` lists them", code="no_conflict")


def resolve(team: TeamDesk, conflict_id: int, choice: str, catalogs: CatalogRegistry, actor: str) -> ChangeSet:
    """Keep ``mine`` or ``theirs`` (or, for a case's field, any value of that field) for a conflict."""
    conflict = find(team, conflict_id)
    now = team.clock.now()
    changes = ChangeSet()
    if conflict.field in _KINDS:
        value = conflict.mine if choice == MINE else conflict.theirs if choice == THEIRS else choice
        changes = _set_field(team, conflict, value or "", catalogs, actor)
    elif choice == MINE:
        _reapply(team, conflict)
        value = MINE
    elif choice == THEIRS:
        value = THEIRS
    else:
        raise BadInput(f"conflict {conflict_id} is on a whole record: choose {MINE!r} or {THEIRS!r}")
    with team.replica.write() as session:
        mark_resolved(session, conflict.id, value, actor, now)
    return changes


def _set_field(team: TeamDesk, conflict: FieldConflict, value: str, catalogs: CatalogRegistry, actor: str) -> ChangeSet:
    """Append the chosen value as an event (only if the case says otherwise now): the history keeps all."""
    writer = CaseWriter(catalogs, team.clock, actor)
    with team.store.write() as session:
        case = session.get(Case, conflict.row_id, with_for_update=True)
        if case is None:
            raise NotFound(f"no case {conflict.ref}", code="no_case", ref=conflict.ref)
        current = str(getattr(case, conflict.field))
        if current == value:
            return ChangeSet()
        mine, theirs = f"{conflict.mine!r} ({conflict.mine_by})", f"{conflict.theirs!r} ({conflict.theirs_by})"
        reason = f"conflict resolved: {mine} / {theirs}"
        event = NewEvent(team.clock.now(), _KINDS[conflict.field], conflict.field, current, value, reason)
        writer.append(session, case, event)
        writer.finish(session, case)
        return ChangeSet(cases=frozenset({case.id}))


def _reapply(team: TeamDesk, conflict: FieldConflict) -> None:
    """Write the record's local values back over the server's (a new version, pushed like any write)."""
    tbl = table(conflict.table)
    values: dict[str, Any] = {}
    for name, raw in conflict.mine_values.items():
        column_type = tbl.c[name].type.python_type if name in tbl.c else str
        values[name] = _typed(column_type, raw)
    with team.store.write() as session:
        current = session.execute(select(tbl.c.version).where(tbl.c.id == conflict.row_id)).scalar_one_or_none()
        if current is None:
            raise NotFound(f"no record {conflict.ref} in {conflict.table}", code="no_record")
        changed = update(tbl).where(tbl.c.id == conflict.row_id)
        session.execute(changed.values(**values, version=current + 1, updated_at=team.clock.now()))


def _typed(python_type: type, raw: Any) -> Any:
    if raw is None:
        return None
    if python_type is datetime:
        return datetime.fromisoformat(raw)
    if python_type is date:
        return date.fromisoformat(raw)
    return raw
