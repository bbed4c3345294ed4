"""The whole open-case queue read into columns: on SQLite with plain driver queries, elsewhere through ``desk.queue``.

The rows come in the default "breaching next" order's groups (still savable, long breached, then paused or
without a clock), each read from the (status, due_at) index in deadline order, so the slots are in that
order as read. Instants are converted to integer microseconds by SQLite itself, and the driver's rows are
transposed into columns in C: no Python runs per row except to look up its plan.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from operator import itemgetter
from typing import Any

from desk.catalog import Catalog
from desk.queue import load_open_queue
from desk.queue_columns import NONE, QueueColumns, instant
from desk.queue_order import RECENT_BREACH
from desk.read import Reader
from desk.sla import DueCache
from desk.vocabulary import OPEN_STATUSES

FIELDS = 16
_FIRST, _SECOND = itemgetter(0), itemgetter(1)
# Customers and contracts are few: read once, and each row names its own by rowid (an int, not two texts).
_CUSTOMERS = "SELECT rowid, ref, name FROM customers"
_CONTRACTS = "SELECT rowid, tier, catalog_version FROM contracts"


def _us(column: str) -> str:
    """The SQLite text instant (as SQLAlchemy writes it: ``YYYY-MM-DD HH:MM:SS.ffffff``, UTC) in microseconds."""
    return f"(CAST(strftime('%s', {column}) AS INTEGER) * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"


# Built from constants only (no value from outside): every value is a bound parameter.
_SELECT = (
    "SELECT c.id, c.ref, c.title, cu.rowid, k.rowid, c.severity, c.status, c.assignee, c.channel, "  # noqa: S608
    f"{_us('c.opened_at')}, c.version, c.due_clock, coalesce({_us('c.due_at')}, {NONE}), "
    f"coalesce(c.due_target_s, {NONE}), coalesce(c.due_left_s, {NONE}), c.due_rev "
    "FROM cases c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN contracts k ON k.id = c.contract_id "
    "WHERE "
)
_ALL = f"c.status IN ({', '.join('?' * len(OPEN_STATUSES))}) AND "
_ONE = "c.status = ? AND "
# The default order's groups: a deadline exactly the grace ago is no longer savable (``urgency_key``).
_PARTS = (
    "c.due_at > ? ORDER BY c.due_at, c.ref",
    "c.due_at <= ? ORDER BY c.due_at, c.ref",
    "c.due_at IS NULL ORDER BY (c.due_clock IS NULL OR c.due_clock = ''), coalesce(c.due_left_s, 0), c.ref",
)


def _sqlite_text(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


@dataclass
class PlainRows:
    rows: list[tuple[Any, ...]]
    customers: dict[int, tuple[str, str]]  # rowid -> ref, name
    contracts: dict[int | None, tuple[str | None, str | None]]  # rowid -> tier, plan version


def _part_key(number: int) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A part's ORDER BY, in Python (for merging the statuses' rows of a first screen)."""
    if number < 2:
        return lambda row: (row[12], row[1])
    return lambda row: (not row[11], row[14] if row[14] != NONE else 0, row[1])


def plain_rows(conn: sqlite3.Connection, now: datetime, grace: timedelta, limit: int | None) -> PlainRows:
    """The open cases' rows in the default order's groups (the first ``limit`` of them).

    The whole queue is read one part at a time. A first screen is read one status at a time: each then
    walks the (status, due_at) index in order and stops after ``limit`` rows, where the three statuses
    at once would make SQLite sort every open row before the first is returned.
    """
    cutoff = _sqlite_text(now - grace)
    rows: list[tuple[Any, ...]] = []
    for number, part in enumerate(_PARTS):
        wanted = None if limit is None else limit - len(rows)
        if wanted is not None and wanted <= 0:
            break
        bound: tuple[Any, ...] = (cutoff,) if number < 2 else ()
        if wanted is None:
            rows += conn.execute(_SELECT + _ALL + part, (*OPEN_STATUSES, *bound)).fetchall()
            continue
        found: list[tuple[Any, ...]] = []
        for status in OPEN_STATUSES:
            found += conn.execute(_SELECT + _ONE + part + f" LIMIT {int(wanted)}", (status, *bound)).fetchall()
        rows += sorted(found, key=_part_key(number))[:wanted]
    customers = {rowid: (ref, name) for rowid, ref, name in conn.execute(_CUSTOMERS)}
    contracts: dict[int | None, tuple[str | None, str | None]] = {None: (None, None)}
    contracts.update((rowid, (tier, version)) for rowid, tier, version in conn.execute(_CONTRACTS))
    return PlainRows(rows, customers, contracts)


def columns_of(plain: PlainRows, plan_of: Any) -> QueueColumns:
    """Columns from ``plain_rows``; ``plan_of(catalog_version, opened_us)`` gives a row's plan."""
    cols = QueueColumns()
    if not plain.rows:
        return cols
    (ids, refs, titles, customer_rows, contract_rows, severities, statuses, assignees, channels, opened, versions,
     clocks, due, targets, lefts, _) = zip(*plain.rows, strict=True)  # fmt: skip
    customers = list(map(plain.customers.__getitem__, customer_rows))
    contracts = list(map(plain.contracts.__getitem__, contract_rows))
    # Each customer's and contract's texts are one object already, shared by all their rows.
    crefs, cnames = list(map(_FIRST, customers)), list(map(_SECOND, customers))
    tiers, plan_versions = list(map(_FIRST, contracts)), list(map(_SECOND, contracts))
    cols.ids, cols.refs, cols.titles = list(ids), list(refs), list(titles)
    cols.customer_refs, cols.customer_names = crefs, cnames
    cols.tiers, cols.severities, cols.statuses = tiers, cols.shared(severities), cols.shared(statuses)
    cols.assignees, cols.channels, cols.clocks = cols.shared(assignees), cols.shared(channels), cols.shared(clocks)
    cols.opened, cols.versions = array("q", opened), array("q", versions)
    cols.due, cols.targets, cols.lefts = array("q", due), array("q", targets), array("q", lefts)
    known: dict[str, int] = {}
    plans = array("h")
    for version, at in zip(plan_versions, opened, strict=True):
        index = known.get(version) if version else None
        if index is None:
            index = cols.plan(plan_of(version, at))
            if version:
                known[version] = index
        plans.append(index)
    cols.plans = plans
    ranks: dict[tuple[int, str], int] = {}
    for pair in set(zip(plans, cols.severities, strict=True)):
        found = cols.plan_list[pair[0]].severities.get(pair[1])
        ranks[pair] = found.rank if found is not None else 0
    cols.ranks = array("h", map(ranks.__getitem__, zip(plans, cols.severities, strict=True)))
    cols.search = list(map(str.casefold, map("\n".join, zip(refs, crefs, cnames, titles, strict=True))))
    cols.slot_of = dict(zip(ids, range(len(ids)), strict=True))
    return cols


def read_open_columns(
    desk: Reader, now: datetime, grace: timedelta = RECENT_BREACH, limit: int | None = None
) -> QueueColumns:
    """The open cases in the default order at ``now`` (the first ``limit``), as columns."""

    def plan_of(version: str | None, opened_us: int) -> Catalog:
        return desk.catalogs.get(version) if version else desk.catalogs.in_effect(instant(opened_us).date())

    if desk.store.is_sqlite:
        with desk.store.read() as session:
            conn = session.connection().connection.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            plain = plain_rows(conn, now, grace, limit)
        # Rows written before the case row kept its clock are evaluated from their events by desk.queue.
        if all(row[FIELDS - 1] == DueCache.REVISION for row in plain.rows):
            return columns_of(plain, plan_of)
    cols = QueueColumns()
    for entry in load_open_queue(desk, now, limit, grace):
        cols.add(entry)
    return cols
