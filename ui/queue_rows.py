"""The queue's rows without Qt: every open case kept in order as slots of columns, so a filter walks an array.

At 100,000 open cases one filter-and-sort of every row costs hundreds of milliseconds of Python, and a
keystroke must answer in a few tens. So the rows (slot numbers of ``desk.queue_columns``, in ``array``\\ s
of C ints) are kept in order once: the default "breaching next" order always, and a column's order once it
is prepared or first asked for (then kept up to date as rows change, like the default one). Filtering walks one
of those arrays, each condition one pass of C-level iterators over a column; a narrower filter (one more
letter, one more condition) walks only the rows already shown. A row's clock state comes from the
schedule, which the tick keeps current, instead of evaluating every clock again.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import compress, repeat
from operator import contains
from typing import TYPE_CHECKING, Any

from desk.queue import QueueEntry, QueueFilter, SortKey
from desk.queue_columns import QueueColumns
from desk.queue_order import sorted_in_pieces
from desk.queue_slots import SlotKey, SlotSchedule, column_key
from desk.queue_sorting import ColumnSorter

Order = SortKey | None  # None: the default "breaching next" order
Key = Callable[[int], Any]
if TYPE_CHECKING:
    Slots = array[int]  # of "i": slot numbers
else:
    Slots = array


def slots(values: Iterable[int] = ()) -> Slots:
    return array("i", values)


@dataclass
class Prepared:
    """What a loader builds off the GUI thread: the columns, their schedule, their default order, and the
    order of the column the rows are sorted by (if any)."""

    columns: QueueColumns
    schedule: SlotSchedule
    orders: dict[Order, Slots]


def prepare_columns(
    cols: QueueColumns,
    now: datetime,
    grace: timedelta,
    column: Order = None,
    ordered: bool = False,
    schedule: SlotSchedule | None = None,
) -> Prepared:
    """``ordered``: the slots are numbered in the default order at ``now`` already (the plain read's);
    ``schedule``: the columns' slots scheduled at ``now`` as they were read (the rest are scheduled here)."""
    if schedule is None or schedule.cols is not cols:
        schedule = SlotSchedule(cols, grace)
        schedule.load(now)
    else:
        schedule.extend(now)
    live = cols.live()
    if ordered and len(live) == len(cols) and schedule.grouped():
        default = slots(range(len(cols)))
    else:
        default = slots(sorted_in_pieces(live, key=schedule.key))
    orders: dict[Order, Slots] = {None: default}
    if column is not None:
        orders[column] = column_order(cols, live, column)
    return Prepared(cols, schedule, orders)


def prepare(entries: Iterable[QueueEntry], now: datetime, grace: timedelta, column: Order = None) -> Prepared:
    """Rows given as entries (tests, small queues), in any order."""
    cols = QueueColumns()
    for entry in entries:
        cols.add(entry)
    return prepare_columns(cols, now, grace, column)


def column_order(cols: QueueColumns, live: Iterable[int], column: SortKey) -> Slots:
    """Every row in a column's ascending order (its descending order is this, reversed: the keys end with
    the case's reference, so there are no ties to keep stable)."""
    return ColumnSorter(cols, list(live)).order(column)


def filtered_in_steps(rows: QueueRows, base: Slots, flt: QueueFilter, step: int) -> Generator[None, None, Slots]:
    """``rows.filtered(base, flt)`` a stretch of ``step`` rows at a time, for ``ui.slices``."""
    kept = slots()
    for start in range(0, len(base), step):
        kept.extend(rows.filtered(base[start : start + step], flt))
        yield
    return kept


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


def locate(rows: Sequence[int], target: int, key: Key, descending: bool = False) -> int | None:
    """Where ``target`` (this very slot) is in ``rows``, which are sorted by ``key``: O(log n)."""
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
        if rows[lo] == target:
            return lo
        lo += 1
    return None


def insertion(rows: Sequence[int], slot: int, key: Key, descending: bool = False) -> int:
    """Where ``slot`` goes in ``rows`` sorted by ``key`` (after its equals)."""
    mine = key(slot)
    lo, hi = 0, len(rows)
    while lo < hi:
        mid = (lo + hi) // 2
        theirs = key(rows[mid])
        if (mine > theirs) if descending else (mine < theirs):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _keep(rows: Slots, column: Sequence[Any], wanted: Callable[[Any], bool]) -> Slots:
    return slots(compress(rows, map(wanted, map(column.__getitem__, rows))))


class QueueRows:
    """The columns of every open row, the schedule of their changes, and their orders (kept sorted as rows change)."""

    def __init__(self, grace: timedelta) -> None:
        self.cols = QueueColumns()
        self.schedule = SlotSchedule(self.cols, grace)
        self._orders: dict[Order, Slots] = {None: slots()}
        self.generation = 0  # moves when rows come or go: an order computed from older rows is stale

    def adopt(self, prepared: Prepared) -> None:
        self.cols, self.schedule, self._orders = prepared.columns, prepared.schedule, prepared.orders
        self.generation += 1

    def total(self) -> int:
        return len(self.cols.slot_of)

    def key(self, order: Order) -> Key:
        if order is None:
            return self.schedule.key
        return column_key(self.cols, order)

    def order(self, order: Order) -> Slots | None:
        """Every row in this order, ascending (None: not computed yet; see ``add_order``)."""
        return self._orders.get(order)

    def add_order(self, column: SortKey, rows: Slots, generation: int) -> bool:
        """Keep a column's order computed elsewhere from the rows as they were at ``generation``."""
        if generation != self.generation:
            return False
        self._orders[column] = rows
        return True

    def filtered(self, rows: Slots, flt: QueueFilter) -> Slots:
        """The rows (in their order) that ``flt`` lets through, cheapest conditions first.

        Each condition is one pass of C-level iterators (``compress`` over ``map`` over a column): no Python
        bytecode runs per row, which is what keeps a keystroke over 100,000 rows within a few milliseconds.
        """
        cols, kept = self.cols, rows
        if flt.assignee is not None:
            kept = _keep(kept, cols.assignees, {flt.assignee}.__contains__)
        if flt.severities:
            kept = _keep(kept, cols.severities, flt.severities.__contains__)
        if flt.tiers:
            tiers = flt.tiers | ({None} if "" in flt.tiers else set())
            kept = _keep(kept, cols.tiers, tiers.__contains__)
        words = flt.text.casefold().split()
        search = cols.search if words else []  # (the search texts are built when first searched)
        for word in words:  # (a lone surrogate typed is found in no text, as before)
            needle = word.encode("utf-8", "surrogatepass")
            kept = slots(compress(kept, map(contains, map(search.__getitem__, kept), repeat(needle))))
        if flt.states:
            kept = _keep(kept, self.schedule.states, flt.states.__contains__)
        return kept if kept is not rows else slots(rows)

    def matches(self, slot: int, flt: QueueFilter) -> bool:
        return len(self.filtered(slots((slot,)), flt)) == 1

    def remove(self, slot: int) -> None:
        """Take a row out of every order (while its key is still the one it was placed by)."""
        for order, rows in self._orders.items():
            row = locate(rows, slot, self.key(order))
            if row is None:  # not where its key says (should not happen): find it the slow way
                row = next((i for i, s in enumerate(rows) if s == slot), None)
            if row is not None:
                del rows[row]
        self.generation += 1

    def insert(self, slot: int) -> None:
        """Put a (tracked) row into every order at its place."""
        for order, rows in self._orders.items():
            rows.insert(insertion(rows, slot, self.key(order)), slot)
        self.generation += 1

    def reorder_default(self, slot: int, old_key: SlotKey) -> None:
        """The row's place in the default order changed (its breach left the grace): move it there.

        The rows and every column's order stay as they were, so a column's order being computed meanwhile
        is not stale (at 100,000 open cases rows change group every second or so).
        """
        rows, key = self._orders[None], self.schedule.key
        row = locate(rows, slot, lambda s: old_key if s == slot else key(s))
        if row is None:
            row = next((i for i, s in enumerate(rows) if s == slot), None)
        if row is not None:
            del rows[row]
        rows.insert(insertion(rows, slot, key), slot)
