"""The queue's rows without Qt: every open case kept in order, so a filter walks a list and never sorts.

At 100,000 open cases one filter-and-sort of every row costs hundreds of milliseconds of Python, and a
keystroke must answer in a few tens. So the rows are kept in order once: the default "breaching next"
order always, and a column's order from the first time it is asked for (then kept up to date as rows
change, like the default one). Filtering walks one of those lists; a narrower filter (one more letter,
one more condition) walks only the rows already shown. A row's clock state comes from the schedule,
which the tick keeps current, instead of evaluating every clock again.
"""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import chain, compress, islice, repeat
from operator import attrgetter, contains
from typing import Any

from desk.queue import QueueEntry, QueueFilter, SortKey, sort_key
from desk.queue_order import PIECE, sorted_in_pieces
from desk.queue_schedule import QueueSchedule

_TEXT, _ID = attrgetter("search_text"), attrgetter("case_id")
Order = SortKey | None  # None: the default "breaching next" order
Key = Callable[[QueueEntry], Any]


@dataclass
class Prepared:
    """What a loader builds off the GUI thread: the rows by case, their schedule, their default order, and
    the order of the column the rows are sorted by (if any)."""

    entries: dict[uuid.UUID, QueueEntry]
    schedule: QueueSchedule
    orders: dict[Order, list[QueueEntry]]


def prepare(
    entries: Iterable[QueueEntry], now: datetime, grace: timedelta, column: Order = None, ordered: bool = False
) -> Prepared:
    """``ordered``: the entries come in the default order at ``now`` already (``load_open_queue``'s)."""
    by_id = {e.case_id: e for e in entries}
    schedule = QueueSchedule(grace)
    schedule.load(by_id.values(), now)
    keys = schedule.keys
    rows = list(by_id.values())
    if not ordered:
        rows = sorted_in_pieces(rows, key=lambda e: keys[e.case_id])
    orders: dict[Order, list[QueueEntry]] = {None: rows}
    if column is not None:
        orders[column] = column_order(by_id.values(), column)
    return Prepared(by_id, schedule, orders)


def column_order(entries: Iterable[QueueEntry], column: SortKey) -> list[QueueEntry]:
    """Every row in a column's ascending order (its descending order is this, reversed: the keys end with
    the unique case id, so there are no ties to keep stable)."""
    return sorted_in_pieces(entries, key=sort_key(column))


def _keep(rows: list[QueueEntry], attribute: str, wanted: Callable[[Any], bool]) -> list[QueueEntry]:
    return list(compress(rows, map(wanted, map(attrgetter(attribute), rows))))


def column_order_in_steps(entries: list[QueueEntry], column: SortKey) -> Generator[None, None, list[QueueEntry]]:
    """``column_order`` in small steps (a piece sorted, a stretch merged), for ``ui.slices``."""
    key = sort_key(column)
    pieces = []
    for start in range(0, len(entries), PIECE):
        pieces.append(sorted(entries[start : start + PIECE], key=key))
        yield
    merged, ordered = heapq.merge(*pieces, key=key), []
    while chunk := list(islice(merged, PIECE)):
        ordered += chunk
        yield
    return ordered


def filtered_in_steps(
    rows: QueueRows, base: list[QueueEntry], flt: QueueFilter, step: int
) -> Generator[None, None, list[QueueEntry]]:
    """``rows.filtered(base, flt)`` a stretch of ``step`` rows at a time, for ``ui.slices``."""
    parts = []
    for start in range(0, len(base), step):
        parts.append(rows.filtered(base[start : start + step], flt))
        yield
    return list(chain.from_iterable(parts))


def narrower(new: QueueFilter, old: QueueFilter) -> bool:
    """True when every row ``new`` lets through, ``old`` lets through too (so ``new`` may filter old's rows).

    Text: each of old's words is a word of new's or, the last one, the start of one (typing on).
    """
    if old.assignee is not None and new.assignee != old.assignee:
        return False
    for wanted, had in ((new.severities, old.severities), (new.tiers, old.tiers), (new.states, old.states)):
        if had and not (wanted and wanted <= had):
            return False
    return new.text.casefold().startswith(old.text.casefold())


def locate(rows: Sequence[QueueEntry], target: QueueEntry, key: Key, descending: bool = False) -> int | None:
    """Where ``target`` (this very object) is in ``rows``, which are sorted by ``key``: O(log n)."""
    mine = key(target)
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        theirs = key(rows[mid])
        if (theirs > mine) if descending else (theirs < mine):
            lo = mid + 1
        else:
            hi = mid
    while lo < len(rows) and key(rows[lo]) == mine:
        if rows[lo] is target:
            return lo
        lo += 1
    return None


def insertion(rows: Sequence[QueueEntry], entry: QueueEntry, key: Key, descending: bool = False) -> int:
    """Where ``entry`` goes in ``rows`` sorted by ``key`` (after its equals)."""
    mine = key(entry)
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        theirs = key(rows[mid])
        if (mine > theirs) if descending else (mine < theirs):
            hi = mid
        else:
            lo = mid + 1
    return lo


class QueueRows:
    """Every open entry by case, the schedule of their changes, and their orders (kept sorted as rows change)."""

    def __init__(self, grace: timedelta) -> None:
        self.all: dict[uuid.UUID, QueueEntry] = {}
        self.schedule = QueueSchedule(grace)
        self._orders: dict[Order, list[QueueEntry]] = {None: []}
        self.generation = 0  # moves on every change of the rows: an order computed from older rows is stale

    def adopt(self, prepared: Prepared) -> None:
        self.all, self.schedule, self._orders = prepared.entries, prepared.schedule, prepared.orders
        self.generation += 1

    def key(self, order: Order) -> Key:
        if order is None:
            keys = self.schedule.keys
            return lambda e: keys[e.case_id]
        return sort_key(order)

    def order(self, order: Order) -> list[QueueEntry] | None:
        """Every row in this order, ascending (None: not computed yet; see ``add_order``)."""
        return self._orders.get(order)

    def add_order(self, column: SortKey, rows: list[QueueEntry], generation: int) -> bool:
        """Keep a column's order computed elsewhere from the rows as they were at ``generation``."""
        if generation != self.generation:
            return False
        self._orders[column] = rows
        return True

    def filtered(self, rows: list[QueueEntry], flt: QueueFilter) -> list[QueueEntry]:
        """The rows (in their order) that ``flt`` lets through, cheapest conditions first.

        Each condition is one pass of C-level iterators (``compress`` over ``map``): no Python bytecode
        runs per row, which is what keeps a keystroke over 100,000 rows within a few milliseconds.
        """
        kept = rows
        if flt.assignee is not None:
            kept = _keep(kept, "assignee", {flt.assignee}.__contains__)
        if flt.severities:
            kept = _keep(kept, "severity", flt.severities.__contains__)
        if flt.tiers:
            tiers = flt.tiers | ({None} if "" in flt.tiers else set())
            kept = _keep(kept, "tier", tiers.__contains__)
        for word in flt.text.casefold().split():
            kept = list(compress(kept, map(contains, map(_TEXT, kept), repeat(word))))
        if flt.states:
            states = self.schedule.states
            kept = list(compress(kept, map(flt.states.__contains__, map(states.get, map(_ID, kept)))))
        return kept if kept is not rows else list(rows)

    def remove(self, entry: QueueEntry) -> None:
        """Take a row out of every order (before the schedule forgets or re-tracks it)."""
        for order, rows in self._orders.items():
            row = locate(rows, entry, self.key(order))
            if row is None:  # not where its key says (should not happen): find it the slow way
                row = next((i for i, e in enumerate(rows) if e is entry), None)
            if row is not None:
                del rows[row]
        self.generation += 1

    def insert(self, entry: QueueEntry) -> None:
        """Put a (tracked) row into every order at its place."""
        for order, rows in self._orders.items():
            rows.insert(insertion(rows, entry, self.key(order)), entry)
        self.generation += 1

    def reorder_default(self, entry: QueueEntry, old_key: Any) -> None:
        """The row's place in the default order changed (its breach left the grace): move it there."""
        rows = self._orders[None]
        row = locate(rows, entry, lambda e: old_key if e is entry else self.schedule.keys[e.case_id])
        if row is None:
            row = next((i for i, e in enumerate(rows) if e is entry), None)
        if row is not None:
            del rows[row]
        rows.insert(insertion(rows, entry, self.key(None)), entry)
        self.generation += 1
