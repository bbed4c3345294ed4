"""The open-case queue: compact rows with each case's most urgent clock, filtered and sorted in memory.

One bulk read loads every open case with the SLA engine's answer for it (the clock the queue shows, its
deadline and governing target). After that nothing time-dependent is stored: ``countdown`` derives the
state, the remaining time and the fraction of the target left from the deadline at paint time, and
``next_transition`` says when a row's state will next change, so a view can schedule model signals for
real transitions instead of re-evaluating every row every second. Writes come back as change sets; the
view reloads just those cases with ``load_entries``.

The default order is "breaching next" (``desk.queue_order``): running clocks that can still be saved
(on track, at risk, or breached less than an hour ago) by deadline, soonest first; then cases breached
longer ago, by deadline; then paused clocks, least budget left first; then cases with no clock. A row
changes group only when its breach grows older than the hour, and ``next_change`` names that instant
along with the state transitions, so a live view moves that one row then instead of re-sorting.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desk.calendars import AlwaysCalendar, Calendar
from desk.catalog import Catalog, ClockDef
from desk.queue_order import RECENT_BREACH, next_regroup, urgency_order
from desk.read import Reader
from desk.sla import CaseHistory, DueCache, SlaEvent, evaluate, running_state
from desk.store.models import Case, CaseEvent, Contract, Customer
from desk.vocabulary import OPEN_STATUSES, RUNNING_STATES, ClockState, EventKind

SortKey = Literal["deadline", "severity", "ref", "customer", "tier", "title", "status", "assignee", "channel", "opened"]
_CLOCK_EVENTS = (EventKind.SEVERITY, EventKind.STATUS, EventKind.RESPONSE)  # what clocks are evaluated from
_RECHECK = timedelta(seconds=60)
_UNRANKED = 1 << 16
_EPSILON = timedelta(microseconds=1)  # business-hours clocks: re-derive their state once a minute


@dataclass(frozen=True, slots=True)
class QueueClock:
    """The clock a queue row shows, with what ``countdown`` needs to derive its state at any instant."""

    name: str
    contractual: bool
    state: ClockState  # as evaluated when loaded; time-driven states come from ``countdown``
    deadline: datetime | None
    target_s: int | None  # the governing target
    paused: bool
    left_s: int | None  # a paused clock's budget left
    calendar: Calendar
    at_risk_fraction: float
    at_risk_lead: timedelta | None


@dataclass(frozen=True, slots=True)
class Countdown:
    state: ClockState
    remaining_s: int | None  # negative when overdue
    fraction_left: float | None  # of the governing target, 0..1


@dataclass(frozen=True, slots=True)
class QueueEntry:
    case_id: uuid.UUID
    ref: str
    title: str
    customer_ref: str
    customer_name: str
    tier: str | None
    severity: str
    status: str
    assignee: str
    channel: str
    opened_at: datetime
    version: int
    clock: QueueClock | None  # None: no running or paused clock (e.g. an L1 case whose internal clocks ended)
    search_text: str = field(default="", compare=False)
    severity_rank: int = 0  # the severity's rank in the case's plan (1: the most severe; 0: not in the plan)


@dataclass(frozen=True)
class QueueFilter:
    """Every condition is optional; all given ones must hold."""

    assignee: str | None = None  # "my cases": the agent's name
    severities: frozenset[str] = frozenset()
    tiers: frozenset[str] = frozenset()
    states: frozenset[str] = frozenset()  # clock states, e.g. ``ALERT_STATES``
    text: str = ""  # matched against case id, customer id and name, and title


def countdown(clock: QueueClock | None, now: datetime) -> Countdown:
    """The clock's state, remaining time and fraction of target left at ``now`` (same rules as ``desk.sla``)."""
    if clock is None:
        return Countdown(ClockState.NO_TARGET, None, None)
    if clock.state not in RUNNING_STATES or clock.deadline is None:
        fraction = None
        paused = clock.state == ClockState.PAUSED
        if paused and clock.left_s is not None and clock.target_s:
            fraction = max(0.0, min(1.0, clock.left_s / clock.target_s))
        return Countdown(clock.state, clock.left_s if paused else None, fraction)
    remaining_s = math.floor((clock.deadline - now).total_seconds())
    target = timedelta(seconds=clock.target_s or 0)
    state, left = running_state(clock.deadline, target, clock.calendar, clock.at_risk_fraction, clock.at_risk_lead, now)
    fraction = min(1.0, left / target) if target else None
    return Countdown(state, remaining_s, fraction)


def next_transition(clock: QueueClock | None, now: datetime) -> datetime | None:
    """The next instant after ``now`` when ``countdown`` may give another state; None if never."""
    if clock is None or clock.deadline is None or clock.state not in RUNNING_STATES:
        return None
    if now >= clock.deadline:
        return None
    if not isinstance(clock.calendar, AlwaysCalendar):
        return min(clock.deadline, now + _RECHECK)
    target = timedelta(seconds=clock.target_s or 0)
    # "less than 25% left" is strict: the state turns one tick of resolution after the threshold.
    candidates = [clock.deadline - target * clock.at_risk_fraction + _EPSILON, clock.deadline]
    if clock.at_risk_lead is not None:
        candidates.append(clock.deadline - clock.at_risk_lead + _EPSILON)
    later = [t for t in candidates if t > now]
    return min(later) if later else None


def next_change(clock: QueueClock | None, now: datetime, grace: timedelta = RECENT_BREACH) -> datetime | None:
    """The next instant after ``now`` when the row's state or its place in the default order may change."""
    times = [t for t in (next_transition(clock, now), next_regroup(clock, now, grace)) if t is not None]
    return min(times) if times else None


def _queue_clock(
    due: DueCache, catalog: Catalog, known: dict[tuple[int, str], ClockDef] | None = None
) -> QueueClock | None:
    """The row's clock; ``known`` keeps the clock definitions already looked up (one per plan and clock)."""
    if not due.clock:
        return None
    key = (id(catalog), due.clock)
    definition = known.get(key) if known is not None else None
    if definition is None:
        definition = catalog.clock(due.clock)
        if known is not None:
            known[key] = definition
    paused = due.at is None
    return QueueClock(
        name=due.clock,
        contractual=definition.contractual,
        state=ClockState.PAUSED if paused else ClockState.ON_TRACK,  # a running clock's state is derived at paint time
        deadline=due.at,
        target_s=due.target_s,
        paused=paused,
        left_s=due.left_s,
        calendar=catalog.calendars[definition.calendar],
        at_risk_fraction=catalog.at_risk_fraction,
        at_risk_lead=catalog.at_risk_lead,
    )


def _base_query() -> Select[*tuple[Any, ...]]:
    query: Select[*tuple[Any, ...]] = (
        select(
            Case.id,
            Case.ref,
            Case.title,
            Case.severity,
            Case.opening_severity,
            Case.status,
            Case.assignee,
            Case.channel,
            Case.opened_at,
            Case.version,
            Case.due_rev,
            Case.due_clock,
            Case.due_at,
            Case.due_target_s,
            Case.due_left_s,
            Customer.ref.label("customer_ref"),
            Customer.name.label("customer_name"),
            Contract.tier,  # None for a case opened without a contract (outer join)
            Contract.catalog_version,
        )
        .join(Customer, Case.customer_id == Customer.id)
        .outerjoin(Contract, Case.contract_id == Contract.id)
    )
    return query


def _sla_events(session: Session, case_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[SlaEvent]]:
    grouped: dict[uuid.UUID, list[SlaEvent]] = {}
    for start in range(0, len(case_ids), 5000):
        chunk = case_ids[start : start + 5000]
        rows = session.execute(
            select(CaseEvent.case_id, CaseEvent.at, CaseEvent.kind, CaseEvent.new)
            .where(CaseEvent.case_id.in_(chunk), CaseEvent.kind.in_(_CLOCK_EVENTS))
            .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
        )
        for case_id, at, kind, new in rows:
            if kind == EventKind.RESPONSE:
                grouped.setdefault(case_id, []).append(SlaEvent(at, EventKind.RESPONSE))
            elif kind in (EventKind.SEVERITY, EventKind.STATUS) and new:
                grouped.setdefault(case_id, []).append(SlaEvent(at, EventKind(kind), new))
    return grouped


def _entries(desk: Reader, session: Session, query: Select[*tuple[Any, ...]], now: datetime) -> list[QueueEntry]:
    """Rows straight from the case table's cached clock; only rows written before the cache are evaluated.

    A window holds 100,000 open cases, so this is the one loop of the desk that runs per open row: plain
    rows from the connection (Core, no ORM), streamed (never all of the driver's rows at once as well),
    unpacked by position, and the texts every row repeats (names, codes) kept once, not once per row.
    """
    texts: dict[str | None, Any] = {None: None}
    shared = texts.setdefault
    catalogs: dict[str | None, Catalog] = {}
    definitions: dict[tuple[int, str], ClockDef] = {}
    entries: list[QueueEntry] = []
    append = entries.append
    legacy = []
    revision = DueCache.REVISION

    def catalog_of(version: str | None, opened_at: datetime) -> Catalog:
        if not version:
            return desk.catalogs.in_effect(opened_at.date())
        catalog = catalogs.get(version)
        if catalog is None:
            catalog = catalogs[version] = desk.catalogs.get(version)
        return catalog

    def entry(row: Any, due: DueCache, catalog: Catalog) -> QueueEntry:
        (case_id, ref, title, severity, _, status, assignee, channel, opened_at, version, _, _, _, _, _) = row[:15]
        customer_ref, customer_name, tier = shared(row[15], row[15]), shared(row[16], row[16]), shared(row[17], row[17])
        found = catalog.severities.get(severity)
        return QueueEntry(
            case_id,
            ref,
            title,
            customer_ref,
            customer_name,
            tier,
            shared(severity, severity),
            shared(status, status),
            shared(assignee, assignee),
            shared(channel, channel),
            opened_at,
            version,
            _queue_clock(due, catalog, definitions),
            f"{ref}\n{customer_ref}\n{customer_name}\n{title}".casefold(),
            found.rank if found is not None else 0,
        )

    # Closed even when the read fails half-way: a server-side cursor left to the garbage collector warns.
    with closing(session.connection().execute(query.execution_options(yield_per=5000))) as result:
        for row in result:
            if row[10] == revision:
                append(entry(row, DueCache(row[11], row[12], row[13], row[14]), catalog_of(row[18], row[8])))
            else:
                legacy.append(row)
    events = _sla_events(session, [row[0] for row in legacy]) if legacy else {}
    for row in legacy:
        catalog = catalog_of(row[18], row[8])
        history = CaseHistory(row[8], row[4], row[17], tuple(events.get(row[0], ())))
        due = DueCache.of(evaluate(history, catalog, max(now, row[8])), is_open=True)
        append(entry(row, due, catalog))
    return entries


def _rank(catalog: Catalog, severity: str) -> int:
    found = catalog.severities.get(severity)
    return found.rank if found is not None else 0


def load_open_queue(
    desk: Reader, now: datetime | None = None, limit: int | None = None, grace: timedelta = RECENT_BREACH
) -> list[QueueEntry]:
    """Open cases (new, in progress, waiting on the customer), in the "breaching next" order.

    The rows are read in that order's groups, each from the (status, due_at) index, so the sort after
    finds them (nearly always) in order already. With ``limit``, only the first rows of that order:
    what a window paints first while the whole queue loads off the GUI thread.
    """
    at = now or desk.clock.now()
    query = _base_query().where(Case.status.in_(OPEN_STATUSES))
    cutoff = at - grace
    # The order's groups: still savable, long breached, then paused (least budget left first) or no clock.
    parts = (
        query.where(Case.due_at >= cutoff).order_by(Case.due_at, Case.ref),
        query.where(Case.due_at < cutoff).order_by(Case.due_at, Case.ref),
        query.where(Case.due_at.is_(None)).order_by(
            Case.due_clock.is_(None) | (Case.due_clock == ""), func.coalesce(Case.due_left_s, 0), Case.ref
        ),
    )
    entries: list[QueueEntry] = []
    with desk.store.read() as session:
        for part in parts:
            if limit is None:
                entries += _entries(desk, session, part, at)
            elif len(entries) < limit:
                entries += _entries(desk, session, part.limit(limit - len(entries)), at)
    return urgency_order(entries, at, grace)


def load_entries(
    desk: Reader, case_ids: Iterable[uuid.UUID], now: datetime | None = None
) -> dict[uuid.UUID, QueueEntry | None]:
    """Fresh rows for these cases; None for a case that is no longer open (or does not exist)."""
    ids = list(case_ids)
    at = now or desk.clock.now()
    result: dict[uuid.UUID, QueueEntry | None] = dict.fromkeys(ids)
    if not ids:
        return result
    with desk.store.read() as session:
        query = _base_query().where(Case.id.in_(ids), Case.status.in_(OPEN_STATUSES))
        for entry in _entries(desk, session, query, at):
            result[entry.case_id] = entry
    return result


def versions_changed_since(desk: Reader, since: datetime) -> dict[uuid.UUID, int]:
    """Cases whose row was written at or after ``since`` by any desk on this database, with their versions.

    A window polls this to see a colleague's changes on a shared database: it compares the versions with
    the ones it shows and reloads only the cases that differ. Callers pass a ``since`` well before their
    previous poll, so a colleague's workstation clock running behind cannot hide a change.
    """
    with desk.store.read() as session:
        rows = session.execute(select(Case.id, Case.version).where(Case.updated_at >= since))
        return {case_id: version for case_id, version in rows}


def matches(entry: QueueEntry, flt: QueueFilter, now: datetime) -> bool:
    if flt.assignee is not None and entry.assignee != flt.assignee:
        return False
    if flt.severities and entry.severity not in flt.severities:
        return False
    if flt.tiers and (entry.tier or "") not in flt.tiers:
        return False
    if flt.states and countdown(entry.clock, now).state not in flt.states:
        return False
    if flt.text:
        return all(word in entry.search_text for word in flt.text.casefold().split())
    return True


def filter_entries(entries: Iterable[QueueEntry], flt: QueueFilter, now: datetime) -> list[QueueEntry]:
    """``matches`` over many rows, with the cheap conditions first and the words split once."""
    rows = list(entries) if not isinstance(entries, list) else entries
    if flt.assignee is not None:
        rows = [e for e in rows if e.assignee == flt.assignee]
    if flt.severities:
        rows = [e for e in rows if e.severity in flt.severities]
    if flt.tiers:
        rows = [e for e in rows if (e.tier or "") in flt.tiers]
    words = flt.text.casefold().split()
    if len(words) == 1:
        word = words[0]
        rows = [e for e in rows if word in e.search_text]
    elif words:
        rows = [e for e in rows if all(w in e.search_text for w in words)]
    if flt.states:
        rows = [e for e in rows if countdown(e.clock, now).state in flt.states]
    return rows


def _deadline_key(entry: QueueEntry) -> tuple[int, float, str]:
    clock = entry.clock
    if clock is not None and clock.deadline is not None and clock.state in RUNNING_STATES:
        return (0, clock.deadline.timestamp(), entry.ref)
    if clock is not None and clock.state == ClockState.PAUSED:
        return (1, float(clock.left_s or 0), entry.ref)
    return (2, 0.0, entry.ref)


def sort_key(key: SortKey) -> Callable[[QueueEntry], Any]:
    if key == "deadline":
        return _deadline_key
    if key == "severity":
        # Most severe first by the plan's rank, whatever its codes; a code no plan ranks sorts last.
        return lambda e: (e.severity_rank or _UNRANKED, e.severity, _deadline_key(e))
    if key == "tier":
        return lambda e: (e.tier or "", _deadline_key(e))
    if key == "customer":
        return lambda e: (e.customer_name.casefold(), e.ref)
    if key == "opened":
        return lambda e: (e.opened_at.timestamp(), e.ref)
    attribute = {"ref": "ref", "title": "title", "status": "status", "assignee": "assignee", "channel": "channel"}[key]
    return lambda e: (str(getattr(e, attribute)).casefold(), e.ref)
