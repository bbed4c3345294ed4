"""The cases of a period one by one, each with its clocks' outcomes at the review's instant.

What the review lists (the cases behind a number) and what it hands to the engine (the cases the database
cannot count from their rows: ``desk.review_counts``).

Two ways to the same figures. A case whose latest event is not after the review's instant keeps, on its
row, what the SLA engine gave after that event (``desk.sla_outcomes``): its outcomes at the instant follow
from that text, and its row's severity and assignee are still those of the instant. Every other case (an
event after the instant: answered, re-graded or reopened since; or a row written before the text was kept)
is evaluated by the engine from its history up to the instant. Both read plain columns, never ORM rows:
a month of a large desk is hundreds of thousands of cases.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, String, and_, or_, select, type_coerce
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from desk.catalog import Catalog, CatalogRegistry
from desk.queries import _facts_of, value_at
from desk.read import Reader
from desk.review_counts import in_period, kept_at, not_kept_at, settled_at
from desk.review_period import Period
from desk.sla import evaluate
from desk.sla_outcomes import outcome_of, outcomes_at
from desk.store.models import Case, CaseEvent, Contract, Customer
from desk.store.writer import BATCH_ROWS, plan_for, sla_history
from desk.vocabulary import ENDED_STATUSES, ClockTrigger, EventKind

READ_BATCH = 5000
_SETTLING_STARTS = (ClockTrigger.OPENED, ClockTrigger.FIRST_RESPONSE, ClockTrigger.RESPONSE)
_SETTLING_RESTARTS = {ClockTrigger.RESPONSE, ClockTrigger.REOPENED}


@dataclass(frozen=True, slots=True)
class SlaCase:
    """One case's part in the review: what it is filed under and how its clocks ended up."""

    case_id: uuid.UUID
    ref: str
    tier: str  # "" without a contract
    severity: str  # as it stood at the review's instant (after any re-grade)
    channel: str
    agent: str  # the assignee then; "" unassigned
    customer: str  # the customer's ref
    customer_name: str
    week: date
    outcome: str  # the contractual clock's
    late_s: int | None
    internal: tuple[tuple[str, str, int | None], ...]  # (clock, outcome, late_s) for each internal clock

    def key(self, dimension: str) -> str:
        return str(getattr(self, dimension))


class _Plans:
    """Each case's plan (its contract's version, or the one in effect the day it opened), looked up once."""

    def __init__(self, catalogs: CatalogRegistry) -> None:
        self.catalogs = catalogs
        self.found: dict[Any, Catalog] = {}
        self.names: dict[int, str] = {}
        self.settling: dict[int, bool] = {}

    def of(self, version: str | None, opened_at: datetime) -> Catalog:
        key = version if version is not None else opened_at.date()
        plan = self.found.get(key)
        if plan is None:
            plan = self.found[key] = plan_for(self.catalogs, version, opened_at)
        return plan

    def contractual(self, version: str | None, opened_at: datetime) -> str:
        plan = self.of(version, opened_at)
        name = self.names.get(id(plan))
        if name is None:
            name = self.names[id(plan)] = plan.contractual_clock.name
        return name

    def settles(self, version: str | None, opened_at: datetime) -> bool:
        """Every clock of the case's plan is over once the case is resolved or closed and not answered since
        (``desk.review_counts.settled_at``): it starts at the opening or a response, both endings stop it, and
        nothing but a response or a reopening restarts it."""
        plan = self.of(version, opened_at)
        found = self.settling.get(id(plan))
        if found is None:
            found = self.settling[id(plan)] = all(
                clock.start in _SETTLING_STARTS
                and set(ENDED_STATUSES) <= set(clock.stop)
                and set(clock.restart_on) <= _SETTLING_RESTARTS
                for clock in plan.clocks
            )
        return found

    def clock_names(self) -> tuple[str, tuple[str, ...]]:
        """The contractual clock's name and the internal clocks' (in plan order) of the plans used."""
        contractual, internal = "", dict[str, None]()
        for plan in self.found.values():
            contractual = contractual or plan.contractual_clock.name
            internal.update(dict.fromkeys(c.name for c in plan.clocks if not c.contractual))
        return contractual, tuple(internal)


@dataclass(frozen=True)
class PeriodCases:
    cases: tuple[SlaCase, ...]  # by opening time, then ref
    contractual_clock: str
    internal_clocks: tuple[str, ...]
    evaluated: int  # how many went through the engine (the rest came from their rows)


def period_cases(
    desk: Reader,
    period: Period,
    at: datetime,
    *,
    kept: bool = True,
    progress: Callable[[int], None] | None = None,
    where: Sequence[ColumnElement[bool]] = (),
    known: Mapping[uuid.UUID, SlaCase] | None = None,
    keep: Callable[[SlaCase], bool] | None = None,
    unkept_only: bool = False,
    every: Sequence[ColumnElement[bool]] = (),
) -> PeriodCases:
    """Every case opened in ``period`` by ``at``, at ``at``; ``kept=False`` evaluates every one (the proof).

    A part of them: ``every`` (SQL) narrows all rows by what does not change with time (tier, channel,
    customer, opening); ``where`` narrows the rows that keep their outcomes; the others are read, taken from
    ``known`` (the engine's answers found before) or evaluated, and narrowed by ``keep``.
    ``unkept_only`` reads only the rows the engine must evaluate.
    """
    plans = _Plans(desk.catalogs)
    found: list[SlaCase | None] = []
    later: list[tuple[int, Any]] = []  # (place in ``found``, row) of the cases the engine evaluates
    unkept: list[int] = []  # places of the cases not read from their rows (``keep`` narrows them)
    week_of = period.week_of
    condition: tuple[ColumnElement[bool], ...] = tuple(every)
    if unkept_only:
        condition += (not_kept_at(at),)
    elif kept and where:
        condition += (or_(and_(kept_at(at), *where), not_kept_at(at)),)
    with desk.store.read() as session:
        for n, raw in enumerate(_rows(session, period, at, condition), 1):
            opened_at = _instant(raw[2])
            row = (_uuid(raw[0]), raw[0], raw[1], opened_at, *raw[3:])
            if kept and (row[12] == 1 or (row[12] == 2 and plans.settles(row[11], opened_at))):
                if row[12] == 2:
                    unkept.append(len(found))  # not narrowed by ``where``: ``keep`` narrows it
                contractual = plans.contractual(row[11], opened_at)
                found.append(_from_text(row, contractual, week_of(opened_at), row[13] or "", at))
            elif known is not None and row[0] in known:
                unkept.append(len(found))
                found.append(known[row[0]])
            else:
                unkept.append(len(found))
                later.append((len(found), row))
                found.append(None)
            if progress is not None and n % 1000 == 0:
                progress(n)
        for start in range(0, len(later), BATCH_ROWS):
            chunk = later[start : start + BATCH_ROWS]
            for place, case in zip(
                (p for p, _ in chunk), _evaluated(session, [r for _, r in chunk], plans, week_of, at), strict=True
            ):
                found[place] = case
            if progress is not None:
                progress(len(found))
    if keep is not None:
        for place in unkept:
            candidate = found[place]
            if candidate is not None and not keep(candidate):
                found[place] = None
    contractual, internal = plans.clock_names()
    cases = tuple(c for c in found if c is not None)
    return PeriodCases(cases, contractual, internal, len(later))


def _rows(session: Session, period: Period, at: datetime, where: Sequence[ColumnElement[bool]] = ()) -> Iterator[Any]:
    """The period's cases as the driver gives them: keys and instants are converted only where needed (a
    type's own conversion of every row's key and opening costs more than all the rest of the review)."""
    # 1: the row keeps its outcomes at ``at``; 2: what it keeps is still its outcomes then (settled).
    kept = sql_case((kept_at(at), 1), (settled_at(at), 2), else_=0)
    query = (
        select(
            _raw(Case.id), Case.ref, _raw(Case.opened_at), Case.channel, Case.severity, Case.assignee,
            Case.opening_severity, Customer.ref.label("customer_ref"), Customer.name, Contract.tier,
            Contract.catalog_version, kept.label("kept"), Case.sla_outcomes,
        )
        .join(Customer, Customer.id == Case.customer_id)
        .outerjoin(Contract, Contract.id == Case.contract_id)
        .where(*in_period(period, at), *where)
        .order_by(Case.opened_at, Case.ref)
    )  # fmt: skip
    for chunk in session.execute(query.execution_options(yield_per=READ_BATCH)).partitions(READ_BATCH):
        yield from chunk


def _raw(column: Any) -> Any:
    return type_coerce(column, String).label(f"raw_{column.key}")


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def _instant(value: Any) -> datetime:
    """An instant as the driver gives it: a datetime (PostgreSQL) or SQLite's UTC text."""
    if isinstance(value, datetime):
        return value.astimezone(UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _from_text(row: Any, contractual: str, week: date, text: str, at: datetime) -> SlaCase:
    case_id, _raw_id, ref, _opened, channel, severity, assignee, _osev, cref, cname, tier = row[:11]
    outcome: tuple[str, int | None] = ("", None)
    internal = []
    for name, result, late in outcomes_at(text, at):
        if name == contractual:
            outcome = (result, late)
        else:
            internal.append((name, result, late))
    return SlaCase(case_id, ref, tier or "", severity, channel, assignee, cref, cname, week, *outcome, tuple(internal))


def _evaluated(
    session: Session, rows: Sequence[Any], plans: _Plans, week_of: Callable[[datetime], date], at: datetime
) -> Iterator[SlaCase]:
    """The engine's answer for each row, from the case's history up to ``at``."""
    ids = [row[0] for row in rows]
    facts = _facts_of(session, ids, at)
    assignees = _assignees_of(session, ids, at)
    for case_id, raw, ref, opened_at, channel, _sev, _who, opening, cref, cname, tier, version, *_ in rows:
        history = facts.get(raw, ())
        plan = plans.of(version, opened_at)
        sla = evaluate(sla_history(opened_at, opening, tier, history), plan, at)
        outcome = outcome_of(sla.contractual, at)
        internal = tuple((c.name, *outcome_of(c, at)) for c in sla.clocks if not c.contractual)
        yield SlaCase(
            case_id,
            ref,
            tier or "",
            value_at(history, EventKind.SEVERITY, at, opening),
            channel,
            value_at(assignees.get(raw, ()), EventKind.ASSIGNEE, at, ""),
            cref,
            cname,
            week_of(opened_at),
            *outcome,
            tuple(i for i in internal if i[1]),
        )


def _assignees_of(session: Session, case_ids: Sequence[uuid.UUID], at: datetime) -> dict[Any, list[Any]]:
    """Each case's assignee events up to ``at``, in order, by the key as the driver gives it."""
    grouped: dict[Any, list[Any]] = {}
    rows = session.execute(
        select(type_coerce(CaseEvent.case_id, String).label("key"), CaseEvent.at, CaseEvent.kind, CaseEvent.new)
        .where(CaseEvent.case_id.in_(case_ids), CaseEvent.kind == EventKind.ASSIGNEE, CaseEvent.at <= at)
        .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
    )
    for row in rows:
        grouped.setdefault(row[0], []).append(row)
    return grouped
