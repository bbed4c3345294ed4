"""The read side's one source of cases as they stood at an instant: each with its events and its SLA there.

``cases_at`` loads cases in chunks with their events and yields one ``CaseAt`` per case; every listing that
shows cases at an instant (``desk sla``, the handover report, the detail pane) projects those rows. Code
on this side reads through any ``Reader`` (the services' ``Desk`` is one) and never writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, Protocol

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from desk.catalog import Catalog, CatalogRegistry
from desk.clock import Clock
from desk.sla import CaseSla, evaluate
from desk.store.engine import Store
from desk.store.models import Case, CaseEvent, Contract
from desk.store.writer import events_for, history_of
from desk.vocabulary import CaseStatus, EventKind

DEFAULT_BATCH = 2000


class Reader(Protocol):
    """What the read side needs of a desk: its store, its plans, its clock."""

    store: Store
    catalogs: CatalogRegistry
    clock: Clock

    def catalog_for(self, contract: Contract | None, opened_at: datetime | None = None) -> Catalog: ...

    def contract_in_force(self, session: Session, customer_id: uuid.UUID, at: datetime) -> Contract | None: ...


def value_at(events: Sequence[CaseEvent], kind: str, at: datetime, default: str) -> str:
    """The value an event kind (status, severity, assignee) had at ``at``; events sorted by time."""
    value = default
    for ev in events:
        if ev.at > at:
            break
        if ev.kind == kind and ev.new is not None:
            value = ev.new
    return value


@dataclass(frozen=True)
class CaseAt:
    """One case as it stood at ``at``: its row (with contract and customer), its events up to ``at``, its plan.

    The SLA is evaluated on first use, so a caller that skips a row (out of scope, closed) pays nothing for it.
    """

    case: Case
    history: tuple[CaseEvent, ...]  # every event, in order (at, seq): a colleague's clock may run ahead of ``at``
    catalog: Catalog
    at: datetime

    @cached_property
    def events(self) -> tuple[CaseEvent, ...]:
        """The events up to ``at``: what the case had been through at that instant."""
        if not self.history or self.history[-1].at <= self.at:
            return self.history
        return tuple(e for e in self.history if e.at <= self.at)

    @cached_property
    def sla(self) -> CaseSla:
        return evaluate(history_of(self.case, self.events), self.catalog, self.at)

    @property
    def status(self) -> str:
        return value_at(self.events, EventKind.STATUS, self.at, CaseStatus.NEW)

    @property
    def severity(self) -> str:
        return value_at(self.events, EventKind.SEVERITY, self.at, self.case.opening_severity)

    @property
    def assignee(self) -> str:
        return value_at(self.events, EventKind.ASSIGNEE, self.at, "")

    @property
    def tier(self) -> str | None:
        return self.case.contract.tier if self.case.contract is not None else None

    @property
    def severity_rank(self) -> int:
        """The severity's rank in the case's plan (1: the most severe); 0 if the plan does not know it."""
        found = self.catalog.severities.get(self.severity)
        return found.rank if found is not None else 0


def scanned(column: Any) -> Any:
    """``column`` as an expression no index serves, for conditions and orders over most of the cases table:
    walked in an index's order each row is a page read of its own (a million at a million cases), where a
    scan reads each page once and sorts what it keeps."""
    return func.coalesce(column, column)


def cases_at(
    desk: Reader,
    at: datetime,
    *,
    where: Iterable[ColumnElement[bool]] = (),
    session: Session | None = None,
    batch: int = DEFAULT_BATCH,
) -> Iterator[CaseAt]:
    """Every case opened by ``at`` that meets ``where``, as it stood at ``at``, by opening time then id.

    Reads in chunks of ``batch`` cases (one query for their events each), in ``session`` when given (a
    report frozen inside a write sees its own transaction), else in a read transaction of its own.
    """
    query = (
        select(Case)
        .where(Case.opened_at <= at, *where)
        .order_by(Case.opened_at, Case.ref)
        .options(selectinload(Case.contract), selectinload(Case.customer))
    )
    scope: AbstractContextManager[Session] = nullcontext(session) if session is not None else desk.store.read()
    with scope as reading:
        for chunk in _chunks(reading, query, batch):
            events = events_for(reading, [c.id for c in chunk])
            for case in chunk:
                yield CaseAt(case, tuple(events.get(case.id, ())), desk.catalog_for(case.contract, case.opened_at), at)


def case_at(desk: Reader, session: Session, case_id: uuid.UUID, at: datetime) -> CaseAt | None:
    """One case as it stands at ``at``, read in ``session``; None if there is no such case.

    Unlike ``cases_at`` it does not ask that the case was opened by ``at``: the detail pane shows a case a
    colleague opened with a clock running ahead of this desk's.
    """
    case = session.get(Case, case_id, options=[selectinload(Case.contract), selectinload(Case.customer)])
    if case is None:
        return None
    events = events_for(session, [case_id]).get(case_id, [])
    return CaseAt(case, tuple(events), desk.catalog_for(case.contract, case.opened_at), at)


def _chunks(session: Session, query: Any, size: int) -> Iterator[list[Case]]:
    # One query read as it goes: LIMIT/OFFSET pages would sort (there is no index on the opening time) and
    # skip the whole table again for every page, quadratic in the number of cases.
    # Closed even when the reader stops early: a server-side cursor left to the garbage collector warns.
    with closing(session.scalars(query.execution_options(yield_per=size))) as result:
        for chunk in result.partitions(size):
            yield list(chunk)
