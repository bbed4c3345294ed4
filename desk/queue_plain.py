"""The whole open-case queue read into columns: on SQLite with plain driver queries, elsewhere through ``desk.queue``.

The rows come in the default "breaching next" order's groups (still savable, long breached, then paused or
without a clock), each in deadline order, so the slots are in that order as read. The whole queue is read
from the queue's own index, each column as one text (``desk.queue_scan``); a first screen, or a file
without that index, row by row from the (status, due_at) index, the driver's rows transposed into columns
in C. Instants are converted to integer microseconds by SQLite itself: no Python runs per row.
"""

from __future__ import annotations

import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import compress, repeat
from operator import not_
from typing import Any

from desk.catalog import Catalog
from desk.queue import load_open_queue
from desk.queue_columns import NONE, QueueColumns, instant
from desk.queue_order import RECENT_BREACH
from desk.queue_scan import Block, has_queue_index, scan_open_queue
from desk.read import Reader
from desk.sla import DueCache
from desk.vocabulary import OPEN_STATUSES

_NOT = not_
# Customers and contracts are few: read once, and each row names its own by rowid (an int, not two texts).
_CUSTOMERS = "SELECT rowid, ref, name FROM customers"
_CONTRACTS = "SELECT rowid, tier, catalog_version FROM contracts"
_CONTRACT_KEYS = "SELECT id, tier, catalog_version FROM contracts"


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


Added = Callable[[QueueColumns], None] | None
BATCH = 5000  # rows taken from the driver at a time: its rows never all exist at once beside the columns


@dataclass
class PlainRows:
    batches: Iterable[list[tuple[Any, ...]]]  # read while the transaction is open
    customers: dict[int, tuple[str, str]]  # rowid -> ref, name
    contracts: dict[int | None, tuple[str | None, str | None]]  # rowid -> tier, plan version


def _part_key(number: int) -> Callable[[tuple[Any, ...]], tuple[Any, ...]]:
    """A part's ORDER BY, in Python (for merging the statuses' rows of a first screen)."""
    if number < 2:
        return lambda row: (row[12], row[1])
    return lambda row: (not row[11], row[14] if row[14] != NONE else 0, row[1])


def _whole(conn: sqlite3.Connection, cutoff: str) -> Iterator[list[tuple[Any, ...]]]:
    for number, part in enumerate(_PARTS):
        bound: tuple[Any, ...] = (cutoff,) if number < 2 else ()
        cursor = conn.execute(_SELECT + _ALL + part, (*OPEN_STATUSES, *bound))
        while batch := cursor.fetchmany(BATCH):
            yield batch


def _first(conn: sqlite3.Connection, cutoff: str, limit: int) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for number, part in enumerate(_PARTS):
        wanted = limit - len(rows)
        if wanted <= 0:
            break
        bound: tuple[Any, ...] = (cutoff,) if number < 2 else ()
        found: list[tuple[Any, ...]] = []
        for status in OPEN_STATUSES:
            found += conn.execute(_SELECT + _ONE + part + f" LIMIT {int(wanted)}", (status, *bound)).fetchall()
        rows += sorted(found, key=_part_key(number))[:wanted]
    return rows


def plain_rows(conn: sqlite3.Connection, now: datetime, grace: timedelta, limit: int | None) -> PlainRows:
    """The open cases' rows in the default order's groups (the first ``limit`` of them).

    The whole queue is read one part at a time, in batches. A first screen is read one status at a time:
    each then walks the (status, due_at) index in order and stops after ``limit`` rows, where the three
    statuses at once would make SQLite sort every open row before the first is returned.
    """
    cutoff = _sqlite_text(now - grace)
    customers = {rowid: (ref, name) for rowid, ref, name in conn.execute(_CUSTOMERS)}
    contracts: dict[int | None, tuple[str | None, str | None]] = {None: (None, None)}
    contracts.update((rowid, (tier, version)) for rowid, tier, version in conn.execute(_CONTRACTS))
    batches = _whole(conn, cutoff) if limit is None else [_first(conn, cutoff, limit)]
    return PlainRows(batches, customers, contracts)


class _Builder:
    """Columns appended a block of rows at a time (one batch of driver rows, or one group of the order)."""

    def __init__(
        self, customers: dict[Any, tuple[str, str]], contracts: dict[Any, tuple[str | None, str | None]], plan_of: Any
    ) -> None:
        self.cols = QueueColumns()
        self._plan_of = plan_of
        # Each customer's and contract's fields by its key: a row's are looked up once each, in C.
        self._cref = {key: ref for key, (ref, _) in customers.items()}
        self._cname = {key: name for key, (_, name) in customers.items()}
        self._tier = {key: tier for key, (tier, _) in contracts.items()}
        self._version = {key: version for key, (_, version) in contracts.items()}
        self._known: dict[str | None, int] = {}
        self._ranks: dict[tuple[int, str], int] = {}
        self._titles: dict[str, str] = {}  # while the queue is read: each title's text kept

    def add(self, block: Block, shared: bool = False) -> None:
        """``block``: as ``desk.queue_scan`` gives it; customers and contracts named by their keys here.

        ``shared``: each repeated text of the block is one object already (as the scan gives them)."""
        cols, known, ranks = self.cols, self._known, self._ranks
        (keys, refs, titles, customer_keys, contract_keys, severities, statuses, assignees, channels, opened,
         versions, clocks, due, targets, lefts) = block  # fmt: skip
        crefs = list(map(self._cref.__getitem__, customer_keys))
        cnames = list(map(self._cname.__getitem__, customer_keys))
        cols.ids += keys
        cols.refs += refs
        # Titles repeat (a product's usual problems): each text kept once for the rows that repeat it.
        if not shared:
            titles = list(map(self._titles.setdefault, titles, titles))
            severities, statuses, assignees, channels, clocks = map(
                cols.shared, (severities, statuses, assignees, channels, clocks)
            )
        cols.titles += titles
        cols.customer_refs += crefs
        cols.customer_names += cnames
        cols.tiers += map(self._tier.__getitem__, contract_keys)
        cols.severities += severities
        cols.statuses += statuses
        cols.assignees += assignees
        cols.channels += channels
        cols.clocks += clocks
        for column, values in ((cols.opened, opened), (cols.versions, versions), (cols.due, due)):
            column.extend(values)
        cols.targets.extend(targets)
        cols.lefts.extend(lefts)
        # A row's plan is its contract's plan version's; only a row without one is looked up by its date.
        versions_of = list(map(self._version.__getitem__, contract_keys))
        for version in set(versions_of) - known.keys():
            if version:
                known[version] = cols.plan(self._plan_of(version, 0))
        plans = array("h", map(known.get, versions_of, repeat(-1)))
        for row in compress(range(len(plans)), map(_NOT, versions_of)):
            plans[row] = cols.plan(self._plan_of(None, opened[row]))
        cols.plans += plans
        for pair in set(zip(plans, severities, strict=True)) - ranks.keys():
            found = cols.plan_list[pair[0]].severities.get(pair[1])
            ranks[pair] = found.rank if found is not None else 0
        cols.ranks.extend(map(ranks.__getitem__, zip(plans, severities, strict=True)))
        start = len(cols.slot_of)
        cols.slot_of.update(zip(keys, range(start, start + len(keys)), strict=True))


def columns_of(plain: PlainRows, plan_of: Any) -> QueueColumns | None:
    """Columns from ``plain_rows``; ``plan_of(catalog_version, opened_us)`` gives a row's plan.

    None if a row was written before the case row kept its clock (``desk.queue`` evaluates such rows).
    """
    built = _Builder(plain.customers, plain.contracts, plan_of)
    for batch in plain.batches:
        if not batch:
            continue
        (ids, refs, titles, customer_rows, contract_rows, severities, statuses, assignees, channels, opened,
         versions, clocks, due, targets, lefts, revisions) = zip(*batch, strict=True)  # fmt: skip
        if revisions.count(DueCache.REVISION) != len(revisions):
            return None
        keys = list(map(bytes.fromhex, ids))  # 16 bytes each instead of 32 characters
        built.add(
            (keys, refs, titles, customer_rows, contract_rows, severities, statuses, assignees, channels, opened,
             versions, clocks, due, targets, lefts)
        )  # fmt: skip
    return built.cols


def scanned_columns(
    conn: sqlite3.Connection,
    now: datetime,
    grace: timedelta,
    plan_of: Any,
    added: Added = None,
    ready: Callable[[], object] | None = None,
) -> QueueColumns | None:
    """The whole queue from the queue's index (``desk.queue_scan``); None where it must be read row by row."""
    if not has_queue_index(conn):
        return None  # a file at an older schema, opened read-only
    customers = {key: (ref, name) for key, ref, name in conn.execute("SELECT id, ref, name FROM customers")}
    contracts: dict[str, tuple[str | None, str | None]] = {"": (None, None)}
    contracts.update((key, (tier, version)) for key, tier, version in conn.execute(_CONTRACT_KEYS))
    built = _Builder(customers, contracts, plan_of)
    for block in scan_open_queue(conn, _sqlite_text(now - grace), ready):
        if block is None:
            return None
        built.add(block, shared=True)
        if added is not None:
            added(built.cols)
    return built.cols


def read_open_columns(
    desk: Reader,
    now: datetime,
    grace: timedelta = RECENT_BREACH,
    limit: int | None = None,
    added: Added = None,
    ready: Callable[[], object] | None = None,
) -> QueueColumns:
    """The open cases in the default order at ``now`` (the first ``limit``), as columns.

    ``added(columns)``: called each time a stretch of rows has been added to the columns being read, where
    the whole queue is read a stretch at a time (a loader then schedules those rows while the next are read).
    The columns it is given are the ones returned only if it was called last with them. ``ready()``: called
    once, before any row is decoded (where the queue is read a stretch at a time, once SQLite has started
    on them: a window lets its first screen be painted meanwhile).
    """

    def plan_of(version: str | None, opened_us: int) -> Catalog:
        return desk.catalogs.get(version) if version else desk.catalogs.in_effect(instant(opened_us).date())

    waited: list[bool] = []

    def once() -> None:
        if ready is not None and not waited:
            waited.append(True)
            ready()

    if desk.store.is_sqlite:
        with desk.store.read() as session:
            conn = session.connection().connection.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            found = scanned_columns(conn, now, grace, plan_of, added, once) if limit is None else None
            once()
            if found is None:
                found = columns_of(plain_rows(conn, now, grace, limit), plan_of)
        if found is not None:
            return found
    once()
    cols = QueueColumns()
    for entry in load_open_queue(desk, now, limit, grace):
        cols.add(entry)
    return cols
