"""A review's figures counted by the database from the clock outcomes case rows keep (``desk.sla_outcomes``).

The kept text (``clock=code;...``) is read where it lies: the database finds a clock's entry (its code and
number, ``desk.sla_outcomes``) and counts the cases per entry and group; each distinct entry's outcome at
the review's instant is then read once by ``desk.sla_outcomes.code_at``, the function that reads the text
everywhere (a running clock is missed from its deadline on, late by the whole seconds since). Only the
entries cross into Python (one per lateness of a missed case, one per code otherwise), never a row per case.
``ClockOutcome`` says the same in SQL, to narrow a list of cases by outcome. Only rows that keep their
outcomes for the review's instant are counted here (``kept_at``); the caller adds the cases the engine
evaluated.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, String, and_, cast, exists, func, literal, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import GenericFunction

from desk.review_period import Period
from desk.sla_outcomes import REVISION, code_at, micros
from desk.store.models import Case, CaseEvent, Contract, Customer
from desk.vocabulary import ENDED_STATUSES, EventKind

OUTCOME_CODES = {"m": "met", "x": "missed", "p": "running", "n": "no_target"}


class position(GenericFunction[int]):
    """Where a text first occurs in another, from 1 (0: nowhere): ``instr`` in SQLite, ``strpos`` elsewhere."""

    type = Integer()
    inherit_cache = True


@compiles(position)
def _strpos(element: Any, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


@compiles(position, "sqlite")
def _instr(element: Any, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


def kept_at(at: datetime) -> ColumnElement[bool]:
    """The row keeps its clocks' outcomes in the current form, and nothing happened to the case after ``at``."""
    return and_(Case.sla_rev == REVISION, Case.sla_since <= at)


def not_kept_at(at: datetime) -> ColumnElement[bool]:
    return or_(Case.sla_rev.is_(None), Case.sla_rev != REVISION, Case.sla_since.is_(None), Case.sla_since > at)


def settled_at(at: datetime) -> ColumnElement[bool]:
    """The case was resolved or closed at ``at``, with no response since its last resolution or closure, and
    nothing after ``at`` but more resolutions or closures: its kept text (of its latest event) is its
    clocks' outcomes at ``at``, when every clock of its plan ``settles`` (``desk.review_cases``).

    Why: every such clock stopped by ``at`` (at that last resolution or closure, or before); what came
    after (a closure of a resolved case) is a later stop, which neither moves a stop nor reopens the case,
    and neither the severity nor the assignee changed since (the row's are those of ``at``). A response
    after the last resolution would start a clock waiting for the first response, one that the closure
    after ``at`` stops: such a case goes to the engine.
    """
    ended = [s.value for s in ENDED_STATUSES]
    of_case = CaseEvent.case_id == Case.id
    end = aliased(CaseEvent)
    last_end = (
        select(func.max(end.at))
        .where(end.case_id == Case.id, end.kind == EventKind.STATUS, end.new.in_(ended), end.at <= at)
        .correlate(Case)
        .scalar_subquery()
    )
    after = (
        exists()
        .where(
            of_case,
            CaseEvent.at > at,
            or_(
                CaseEvent.kind.in_((EventKind.RESPONSE, EventKind.SEVERITY, EventKind.ASSIGNEE)),
                and_(CaseEvent.kind == EventKind.STATUS, CaseEvent.new.not_in(ended)),
            ),
        )
        .correlate(Case)
    )
    # Not ended at ``at`` (a status other than an ending at or after the last ending), or answered since it.
    undone = (
        exists()
        .where(
            of_case,
            CaseEvent.at >= last_end,
            CaseEvent.at <= at,
            or_(
                and_(CaseEvent.kind == EventKind.STATUS, CaseEvent.new.not_in(ended)),
                and_(CaseEvent.kind == EventKind.RESPONSE, CaseEvent.at > last_end),
            ),
        )
        .correlate(Case)
    )
    return and_(Case.sla_rev == REVISION, Case.sla_since.is_not(None), last_end.is_not(None), ~after, ~undone)


def clock_entry(clock: str) -> ColumnElement[str]:
    """A clock's code and number in the kept text (``x300``, ``m``...); ``-`` for a clock that has not started."""
    needle = f";{clock}="
    # The text between semicolons, with a stand-in entry at the end: a clock that has not started finds its
    # stand-in instead of whatever text follows position 0.
    text = literal(";", String) + Case.sla_outcomes + literal(f"{needle}-;", String)
    rest = func.substr(text, position(text, literal(needle, String)) + len(needle))
    return func.substr(rest, 1, position(rest, literal(";", String)) - 1)


def entry_outcome(entry: str | None, at: datetime) -> tuple[str | None, int | None]:
    """The outcome and lateness at ``at`` of a kept entry (``clock_entry``), as ``outcomes_at`` reads it."""
    if not entry or entry == "-":
        return None, None
    return code_at(entry, at)


class ClockOutcome:
    """One clock's outcome at ``at`` as an SQL expression over the kept text (to narrow a list of cases)."""

    def __init__(self, clock: str, at: datetime) -> None:
        needle = f";{clock}="
        text = literal(";", String) + Case.sla_outcomes + literal(f"{needle}-;", String)
        start = position(text, literal(needle, String)) + len(needle)
        self.code = func.substr(text, start, 1)
        rest = func.substr(text, start + 1)
        digits = cast(func.substr(rest, 1, position(rest, literal(";", String)) - 1), BigInteger)
        # Only codes with a number are cast (PostgreSQL refuses to cast the empty text of the others).
        number = sql_case((self.code.in_(("x", "r")), digits), else_=None)
        now_us = literal(micros(at), BigInteger)
        due = and_(self.code == "r", number <= now_us)
        self.outcome: ColumnElement[str | None] = sql_case(
            (due, "missed"),
            (self.code == "r", "running"),
            *((self.code == code, name) for code, name in OUTCOME_CODES.items()),
            else_=None,
        )


def week_index(period: Period) -> ColumnElement[int]:
    """The place of a case's week among ``period.weeks()``, from its opening instant (local weeks, any zone)."""
    weeks = period.weeks()
    starts = [datetime.combine(w, datetime.min.time(), period.tz).astimezone(UTC) for w in weeks[1:]]
    if not starts:
        return literal(0, Integer)
    return sql_case(*((Case.opened_at < s, n) for n, s in enumerate(starts)), else_=len(starts))


DIMENSION_COLUMNS: dict[str, Any] = {
    "tier": func.coalesce(Contract.tier, ""),
    "severity": Case.severity,
    "channel": Case.channel,
    "agent": Case.assignee,
    "customer": Customer.ref,
}


def in_period(period: Period, at: datetime) -> tuple[ColumnElement[bool], ...]:
    return (Case.opened_at >= period.start, Case.opened_at < period.end, Case.opened_at <= at)


def grouped(
    session: Session, period: Period, at: datetime, dimensions: Sequence[str], clock: str, week: bool = False
) -> Iterator[tuple[Any, ...]]:
    """``(*dimension values, [week index], outcome, late_s, cases)`` over the kept rows of the period.

    The database groups by the clock's kept entry (one group per lateness, or per deadline of a clock
    still running); each entry's outcome at ``at`` is then read once, as ``outcomes_at`` reads it.
    """
    keys = [DIMENSION_COLUMNS[d] for d in dimensions] + ([week_index(period)] if week else [])
    entry = clock_entry(clock)
    query = select(*keys, entry, func.count()).select_from(Case)
    if "customer" in dimensions:  # joined only when counted by: a look-up per case
        query = query.join(Customer, Customer.id == Case.customer_id)
    if "tier" in dimensions:
        query = query.outerjoin(Contract, Contract.id == Case.contract_id)
    query = query.where(*in_period(period, at), kept_at(at)).group_by(*keys, entry)
    read: dict[str | None, tuple[str | None, int | None]] = {}
    for *values, text, cases in session.execute(query):
        outcome = read.get(text)
        if outcome is None:
            outcome = read[text] = entry_outcome(text, at)
        yield (*values, *outcome, cases)


def plan_keys(session: Session, period: Period, at: datetime) -> tuple[set[str | None], list[date]]:
    """The catalog versions of the desk's contracts, and the days from the first to the last opening of the
    period's cases without a contract (the plans in effect then measure them).

    Every contract's version, not only those of the period's cases: a few rows instead of a pass over the
    period, and a plan without a case in the period only adds an empty line for a clock it names."""
    versions: set[str | None] = {row[0] for row in session.execute(select(Contract.catalog_version).distinct())}
    first, last = session.execute(
        select(func.min(Case.opened_at), func.max(Case.opened_at)).where(
            *in_period(period, at), Case.contract_id.is_(None)
        )
    ).one()
    days: list[date] = []
    if first is not None:
        days = [date.fromordinal(d) for d in range(first.date().toordinal(), last.date().toordinal() + 1)]
    return versions, days
