"""Resolving a recorded conflict: the agent's choice becomes a new fact, written where the desk works now.

A case's field conflicts are the team's, kept on the server (``desk.replica.shared``) and called by their
number; conflicts on other records (a booking, a shift changed on both sides) are this workstation's,
kept in its replica and called ``r`` and a number.
"""

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
from desk.replica.shared import KINDS, MINE, THEIRS, resolve_shared, shared_conflicts
from desk.replica.sync import TeamDesk
from desk.store.engine import Store
from desk.store.models import Case
from desk.store.writer import CaseWriter, NewEvent
from desk.vocabulary import CASE_STATUSES

__all__ = ["MINE", "THEIRS", "conflicts_in", "find", "open_conflicts", "resolve", "resolve_in"]


def open_conflicts(team: TeamDesk, agent: str = "", *, include_resolved: bool = False) -> list[FieldConflict]:
    """The team's case conflicts where the desk works now (the server when it answers), then this replica's."""
    return conflicts_in(team.replica, store=team.store, agent=agent, include_resolved=include_resolved)


def conflicts_in(
    replica: Store, *, store: Store | None = None, agent: str = "", include_resolved: bool = False
) -> list[FieldConflict]:
    with (store or replica).read() as session:
        shared = shared_conflicts(session, agent, include_resolved=include_resolved)
    with replica.read() as session:
        return shared + conflicts(session, include_resolved=include_resolved)


def _number(key: str) -> tuple[bool, int]:
    """``"7"`` (the team's conflict 7) or ``"r2"`` (this workstation's record conflict 2)."""
    text = key.strip().lower()
    local = text.startswith("r")
    digits = text[1:] if local else text.lstrip("#")
    if not digits.isdigit():
        raise BadInput(f"{key!r} is not a conflict: give its number as `desk conflicts` lists it (e.g. 3 or r2)")
    return local, int(digits)


def find(replica: Store, key: str) -> FieldConflict:
    """A record conflict of this replica, still open."""
    local, number = _number(key)
    with replica.read() as session:
        kept = conflicts(session, include_resolved=True)
    for conflict in kept:
        if local and conflict.id == number:
            if conflict.resolved_at is not None:
                raise BadInput(f"conflict {key} was resolved already ({conflict.resolved_value!r})")
            return conflict
    raise NotFound(f"no conflict {key}: `desk conflicts` lists them", code="no_conflict")


def resolve(team: TeamDesk, key: str, choice: str, catalogs: CatalogRegistry, actor: str) -> ChangeSet:
    """Keep ``mine`` or ``theirs`` (or, for a case's field, any value of that field) for a conflict.

    Online the resolution is written on the server and the replica is synced at once (so ``status`` agrees);
    offline it waits in the outbox like any write.
    """
    changes = resolve_in(team.replica, team.store, team.clock, key, choice, catalogs, actor)
    if team.online and not team.read_only:
        team.sync(catalogs, actor)
    return changes


def resolve_in(
    replica: Store, store: Store, clock: Clock, key: str, choice: str, catalogs: CatalogRegistry, actor: str
) -> ChangeSet:
    """``resolve`` with the replica (where record conflicts are kept) and the store the desk writes to now
    (the server, or the replica whose outbox carries the resolution to it)."""
    local, number = _number(key)
    if not local:
        return resolve_shared(store, clock, number, choice, catalogs, actor)
    conflict = find(replica, key)
    now = clock.now()
    changes = ChangeSet()
    if conflict.field in KINDS:  # recorded in this replica by an older desk
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
        raise BadInput(f"conflict {key} is on a whole record: choose {MINE!r} or {THEIRS!r}")
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
        event = NewEvent(clock.now(), KINDS[conflict.field], conflict.field, current, value, reason)
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
