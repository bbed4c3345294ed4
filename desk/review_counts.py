"""A review's figures counted from the clock outcomes case rows keep (``desk.sla_outcomes``), in one pass.

The period's rows that keep their outcomes for the review's instant (``kept_at``) are read once from the
review's covering index, with no join and no text function in the database (each grouped query repeated
the scan, the look-ups and the entries' extraction: a second or more a month at 1,000,000 cases); each
clock's entry is found by one regular expression per batch of texts and the cases are counted per value and
entry by ``Counter`` (C). Each distinct entry's outcome at the instant is then read once by
``desk.sla_outcomes.code_at``, the function that reads the text everywhere (a running clock is missed
from its deadline on, late by the whole seconds since). ``ClockOutcome`` says the same in SQL, to narrow a
list of cases by outcome. The caller adds the cases the engine evaluated and those ``settled_at`` the
instant (their text is still their outcomes then).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    and_,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    type_coerce,
)
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


def entry_outcome(entry: str | None, at: datetime) -> tuple[str | None, int | None]:
    """The outcome and lateness at ``at`` of a clock's entry in a kept text (its code; ``-`` or "": not
    started), as ``outcomes_at`` reads it."""
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


@dataclass
class Counted:
    """The kept rows of a period counted by one pass: ``(value, entry) -> cases`` per dimension, ``(week
    index, entry)`` for the contractual clock, ``entry -> cases`` for it overall and for each internal clock.
    An entry is a clock's code in the kept text (``-``: not started); ``entry_outcome`` reads it at the instant."""

    dimensions: dict[str, Counter[tuple[Any, str]]]
    weeks: Counter[tuple[int, str]]
    overall: Counter[str]
    internal: dict[str, Counter[str]]
    rows: int = 0


def count_kept(
    session: Session,
    period: Period,
    at: datetime,
    dimensions: Sequence[str],
    clock: str,
    internal: Sequence[str],
    progress: Callable[[int], None] | None = None,
) -> Counted:
    """Read the period's kept rows once (their breakdown values, week and kept text) and count them.

    One pass over the index, with no join and no text function: the database only scans (a grouped query
    per breakdown and clock repeated the scan, the look-ups of tier and customer, and the entries'
    extraction, which costs the database more than the split of each text here); tier and customer come
    from their tables' few rows, and the counting is C (``Counter`` over columns).
    """
    plain = [d for d in dimensions if d not in _LOOKED_UP]
    query = select(
        _raw(Case.contract_id), _raw(Case.customer_id), *(DIMENSION_COLUMNS[d] for d in plain),
        week_index(period), Case.sla_outcomes,
    ).where(*in_period(period, at), kept_at(at))  # fmt: skip
    looked_up: dict[str, dict[Any, Any]] = {
        "tier": dict(session.execute(select(_raw(Contract.id), func.coalesce(Contract.tier, ""))).all()),
        "customer": dict(session.execute(select(_raw(Customer.id), Customer.ref)).all())
        if "customer" in dimensions
        else {},
    }
    looked_up["tier"][None] = ""  # no contract
    found = Counted({d: Counter() for d in dimensions}, Counter(), Counter(), {c: Counter() for c in internal})
    result = session.connection().execute(query.execution_options(yield_per=COUNT_BATCH))
    for chunk in result.partitions(COUNT_BATCH):
        columns = list(zip(*chunk, strict=True))
        texts = "\n".join(";" + (t or "") for t in columns[-1])  # no line empty: one match per line
        entry = _pick(clock, texts, len(chunk))
        values: dict[str, Iterable[Any]] = dict(zip(plain, columns[2:-2], strict=True))
        for dimension in _LOOKED_UP:
            if dimension in dimensions:
                values[dimension] = map(looked_up[dimension].__getitem__, columns[_LOOKED_UP.index(dimension)])
        for dimension in dimensions:
            found.dimensions[dimension].update(zip(values[dimension], entry, strict=True))
        found.weeks.update(zip(columns[-2], entry, strict=True))
        found.overall.update(entry)
        for name in internal:
            found.internal[name].update(_pick(name, texts, len(chunk)))
        found.rows += len(chunk)
        if progress is not None:
            progress(found.rows)
    return found


def _pick(clock: str, lines: str, count: int) -> list[str]:
    """Each line's entry for ``clock`` (``-`` where it has not started): lines are ``;`` + a kept text."""
    pattern = _PATTERNS.get(clock)
    if pattern is None:
        pattern = _PATTERNS[clock] = re.compile(rf"^(?:[^\n]*?;{re.escape(clock)}=([^;\n]*))?[^\n]*$", re.M)
    found = [e or "-" for e in pattern.findall(lines)]
    assert len(found) == count, "a kept text holds a line break"
    return found


_PATTERNS: dict[str, re.Pattern[str]] = {}
_LOOKED_UP = ("tier", "customer")  # in the order of their keys in ``count_kept``'s query


def _raw(column: Any) -> Any:
    """A key as the driver gives it (a type's own conversion of every row's key costs more than the count)."""
    return type_coerce(column, String)


COUNT_BATCH = 20000


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
