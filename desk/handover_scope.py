"""Whose cases a shift's handover covers (its scope), the agents the desk knows, and an agent's first action.

A scope is a list of agent names, or None for the whole desk (every shift recorded before scopes
existed). A case is in an agents' scope when, as it stood at the report's ``as_of``, it is assigned to
one of them, or one of them acted on it during the shift (any event in the case's log: a response, a
note, a status or severity change, an assignment, even to someone else), or the shift already holds a
handover entry for it (what was written about a case is never dropped from its report). Names compare
without regard to case or surrounding spaces, as signatures do.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from desk.store.handover_models import HandoverEntry, Shift
from desk.store.models import Case, CaseEvent

Scope = tuple[str, ...] | None


def normalise(agents: Iterable[str] | None) -> Scope:
    """Stripped names, each person once (the first spelling wins), sorted; None stays the whole desk."""
    if agents is None:
        return None
    seen: dict[str, str] = {}
    for name in agents:
        clean = name.strip()
        if clean and clean.casefold() not in seen:
            seen[clean.casefold()] = clean
    return tuple(sorted(seen.values(), key=str.casefold))


def parse(text: str | None) -> Scope:
    """The stored form (a JSON list, or NULL) back to a scope."""
    if text is None:
        return None
    value = json.loads(text)
    return normalise(str(v) for v in value) if isinstance(value, list) else None


def stored(scope: Scope) -> str | None:
    return json.dumps(list(scope), ensure_ascii=False) if scope is not None else None


def header(scope: Scope) -> dict[str, Any]:
    """The report header's ``scope``: readers see whose cases the report covers, and by which rule."""
    if scope is None:
        return {"kind": "desk"}
    return {"kind": "agents", "agents": list(scope), "rule": "assigned_or_acted_during_shift"}


def prefilter(shift: Shift, as_of: datetime) -> ColumnElement[bool] | None:
    """A SQL condition every in-scope case meets (a superset: ``in_scope`` decides exactly)."""
    scope = parse(shift.scope)
    if scope is None:
        return None
    names = [n.casefold() for n in scope]
    acted = select(CaseEvent.case_id).where(
        func.lower(CaseEvent.actor).in_(names), CaseEvent.at >= shift.starts_at, CaseEvent.at <= as_of
    )
    assigned = select(CaseEvent.case_id).where(CaseEvent.kind == "assignee", func.lower(CaseEvent.new).in_(names))
    entered = select(HandoverEntry.case_id).where(HandoverEntry.shift_id == shift.id)
    return or_(func.lower(Case.assignee).in_(names), Case.id.in_(acted), Case.id.in_(assigned), Case.id.in_(entered))


def in_scope(
    scope: Scope, shift: Shift, assignee: str, events: Sequence[CaseEvent], has_entry: bool, as_of: datetime
) -> bool:
    if scope is None or has_entry:
        return True
    names = {n.casefold() for n in scope}
    if assignee.strip().casefold() in names:
        return True
    return any(shift.starts_at <= e.at <= as_of and e.actor.strip().casefold() in names for e in events)


def known_agents(session: Session) -> list[str]:
    """Everyone the desk has seen as an assignee or on a shift, each once, sorted."""
    names: list[str] = []
    names += session.scalars(select(Case.assignee).distinct())
    names += session.scalars(select(Shift.outgoing).distinct())
    names += session.scalars(select(Shift.incoming).distinct())
    return list(normalise(names) or ())


def first_action(session: Session, agent: str, since: datetime, until: datetime) -> datetime | None:
    """When the agent first acted on any case in [since, until]: the likely start of a shift not started."""
    return session.scalar(
        select(func.min(CaseEvent.at)).where(
            func.lower(CaseEvent.actor) == agent.strip().casefold(), CaseEvent.at >= since, CaseEvent.at <= until
        )
    )
