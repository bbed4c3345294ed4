"""Filling in each clock's outcome on case rows written before the row kept it (``desk init`` runs it).

Batched in the order rows lie in an SQLite file, by primary key on a server (each batch one short write
transaction, so the window and other desks keep working), reading plain columns, never ORM objects; the
case's version and ``updated_at`` are left alone: the row's facts did not change, only what it caches of them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import String, bindparam, func, literal_column, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from desk.catalog import Catalog, CatalogRegistry
from desk.sla_outcomes import REVISION
from desk.store.engine import Store
from desk.store.models import Case, CaseEvent, Contract
from desk.store.writer import outcome_columns, plan_for, sla_history

DEFAULT_BATCH = 2000
_STALE = or_(Case.sla_rev.is_(None), Case.sla_rev != REVISION)


def _raw(column: Any) -> Any:
    """A key as the driver gives it: matched between cases and their events without a UUID per row."""
    return type_coerce(column, String).label("raw_id")


def stale_count(session: Session) -> int:
    """How many cases do not keep their clocks' outcomes in the current form."""
    return int(session.scalar(select(func.count()).select_from(Case).where(_STALE)) or 0)


def backfill(
    store: Store, catalogs: CatalogRegistry, *, batch: int = DEFAULT_BATCH, step: Callable[[int], None] | None = None
) -> int:
    """Compute and store the outcome columns of every case lacking them; returns how many were filled in."""
    done = 0
    after: Any = None
    plans: dict[Any, Catalog] = {}
    # SQLite walks the table in the order its rows lie in the file (and their events, written with them,
    # lie alike): in key order, a large file is read and written a random page per case.
    key: Any = literal_column("cases.rowid") if store.engine.dialect.name == "sqlite" else Case.id
    while True:
        with store.write() as session:
            query = (
                select(
                    key,
                    Case.id,
                    _raw(Case.id),
                    Case.opened_at,
                    Case.opening_severity,
                    Contract.tier,
                    Contract.catalog_version,
                )
                .outerjoin(Contract, Contract.id == Case.contract_id)
                .where(_STALE)
                .order_by(key)
                .limit(batch)
            )
            if after is not None:
                query = query.where(key > after)
            rows = session.execute(query).all()
            if not rows:
                return done
            after = rows[-1][0]
            values = _values(session, [row[1:] for row in rows], catalogs, plans)
            for row, value in zip(rows, values, strict=True):
                value["key"] = row[0]
            statement = (
                update(Case.__table__)  # type: ignore[arg-type]
                .where(key == bindparam("key"))
                .values(sla_since=bindparam("since"), sla_outcomes=bindparam("text"), sla_rev=bindparam("rev"))
            )
            session.connection().execute(statement, values)
        done += len(rows)
        if step is not None:
            step(len(rows))


def _values(
    session: Session, rows: Sequence[Any], catalogs: CatalogRegistry, plans: dict[Any, Catalog]
) -> list[dict[str, Any]]:
    events: dict[Any, list[Any]] = {}
    ids = [row[0] for row in rows]
    found = session.execute(
        select(_raw(CaseEvent.case_id), CaseEvent.at, CaseEvent.kind, CaseEvent.new)
        .where(CaseEvent.case_id.in_(ids))
        .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
    )
    for event in found:
        events.setdefault(event[0], []).append(event)
    values = []
    for case_id, raw_id, opened_at, opening_severity, tier, version in rows:
        history = events.get(raw_id, [])
        plan_key = version if version is not None else opened_at.date()
        plan = plans.get(plan_key)
        if plan is None:
            plan = plans[plan_key] = plan_for(catalogs, version, opened_at)
        columns = outcome_columns(sla_history(opened_at, opening_severity, tier, history), plan, history)
        values.append({"key": case_id, "since": columns["sla_since"], "text": columns["sla_outcomes"], "rev": REVISION})
    return values
