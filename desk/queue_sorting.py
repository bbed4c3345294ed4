"""Each column's order of the queue's rows, computed from its columns in short steps (for a thread beside a window).

The orders are the ones ``desk.queue_slots.column_key`` gives, but no key tuple is built per row: every
column's key ends with the case's reference, so the rows are sorted by reference once, and each column's
order is a stable sort of that one (or of the deadline order) by a single key per slot, looked up in C
(``list.__getitem__``): a text column by the rank of its folded text among the few distinct ones, an
instant by its microseconds as a float (exact below 2**53, until the year 2255, and compared faster than a
long integer). Every sort runs in pieces merged a stretch at a time, so no step holds the interpreter for
more than a few milliseconds: a window painting meanwhile waits for the lock no longer than that.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Generator, Iterable, Sequence
from itertools import compress, repeat
from operator import add, mul, ne, not_
from typing import TYPE_CHECKING, Any

from desk.queue import SortKey
from desk.queue_columns import NONE, QueueColumns
from desk.queue_slots import _UNRANKED

if TYPE_CHECKING:
    Order = array[int]  # of "i": slot numbers
else:
    Order = array

Steps = Generator[None, None, list[int]]
PIECE = 4096  # rows sorted, or looked up, in one step
STRETCH = PIECE // 4  # rows of each run merged in one step
_TEXTS = {"customer": "customer_names", "status": "statuses", "assignee": "assignees", "channel": "channels"}


def sorted_in_steps(rows: Sequence[int], key: Callable[[int], Any] | None = None) -> Steps:
    """``sorted(rows, key=key)`` (stable), yielding between steps: pieces sorted, then merged all at once, a
    stretch of each per step (``sorted`` of sorted stretches merges them in C)."""
    runs = []
    for start in range(0, len(rows), PIECE):
        runs.append(sorted(rows[start : start + PIECE], key=key))
        yield
    if len(runs) < 2:
        return runs[0] if runs else []
    merged: list[int] = []
    starts = [0] * len(runs)
    while True:
        left = [r for r, run in enumerate(runs) if starts[r] < len(run)]
        if len(left) < 2:
            for r in left:
                merged += runs[r][starts[r] :]
            return merged
        # Everything up to the smallest of the stretches' last keys comes before everything after it.
        ends = [runs[r][min(starts[r] + STRETCH, len(runs[r])) - 1] for r in left]
        bound = min(map(key, ends)) if key is not None else min(ends)
        stretch: list[int] = []
        for r in left:  # in the runs' order: among equal keys, the earlier run's rows stay first
            end = bisect.bisect_right(runs[r], bound, lo=starts[r], key=key)
            stretch += runs[r][starts[r] : end]
            starts[r] = end
        merged += sorted(stretch, key=key)
        yield


def _mapped(function: Callable[[Any], Any], values: Sequence[Any]) -> Generator[None, None, list[Any]]:
    """``list(map(function, values))``, a piece per step."""
    out: list[Any] = []
    for start in range(0, len(values), PIECE):
        out += map(function, values[start : start + PIECE])
        yield
    return out


def _combined(high: Sequence[int], low: Sequence[int], width: int) -> Generator[None, None, list[int]]:
    """``high[i] * width + low[i]`` for each ``i`` (every ``low`` below ``width``), a piece per step."""
    out: list[int] = []
    for start in range(0, len(high), PIECE):
        out += map(add, map(mul, high[start : start + PIECE], repeat(width)), low[start : start + PIECE])
        yield
    return out


def _ranks(values: Iterable[Any], key: Callable[[Any], Any]) -> dict[Any, int]:
    """Each distinct value's rank by ``key`` (values with equal keys share a rank)."""
    distinct = set(values)
    keys = {value: key(value) for value in distinct}
    rank = {k: i for i, k in enumerate(sorted(set(keys.values())))}
    return {value: rank[keys[value]] for value in distinct}


class ColumnSorter:
    """The orders of the rows ``live`` (slots of ``cols``, which never change) by each column, ascending.

    ``cols`` may gain slots meanwhile (rows reloaded on the GUI thread): only the slots given are read.
    """

    def __init__(self, cols: QueueColumns, live: Sequence[int]) -> None:
        self.cols, self.live = cols, list(live)
        self._size = max(self.live, default=-1) + 1  # slots read: every one given, whatever was added since
        self._by_ref: list[int] | None = None
        self._by_deadline: list[int] | None = None

    def order(self, column: SortKey) -> Order:
        """A column's order at once."""
        work = self.steps(column)
        while True:
            try:
                next(work)
            except StopIteration as done:
                result: Order = done.value
                return result

    def steps(self, column: SortKey) -> Generator[None, None, Order]:
        """A column's order (``column_key``'s), yielding between steps of a few milliseconds."""
        rows = yield from self._rows(column)
        return array("i", rows)

    def _per_slot(self, values: Sequence[Any], rank: dict[Any, int]) -> Generator[None, None, list[int]]:
        """Each slot's rank (by slot number), its value looked up in ``rank``."""
        return (yield from _mapped(rank.__getitem__, values))

    def _rows(self, column: SortKey) -> Steps:
        cols, size = self.cols, self._size
        if column == "deadline":
            return (yield from self._deadline())
        if column == "tier":
            tiers = cols.tiers[:size]
            keys = yield from self._per_slot(tiers, _ranks(tiers, lambda t: t or ""))
            return (yield from sorted_in_steps((yield from self._deadline()), keys.__getitem__))
        if column == "severity":  # by the plan's rank (unranked last), then by the code
            ranks, codes = cols.ranks[:size], cols.severities[:size]
            by_rank = yield from self._per_slot(ranks, _ranks(ranks, lambda r: r or _UNRANKED))
            by_code = yield from self._per_slot(codes, code_ranks := _ranks(codes, str))
            keys = yield from _combined(by_rank, by_code, len(code_ranks))
            return (yield from sorted_in_steps((yield from self._deadline()), keys.__getitem__))
        by_ref = yield from self._refs()
        if column == "opened":
            opened = yield from _mapped(float, cols.opened[:size])
            return (yield from sorted_in_steps(by_ref, opened.__getitem__))
        if column in ("ref", "title"):
            texts = cols.refs if column == "ref" else cols.titles
            folded = yield from _mapped(str.casefold, texts[:size])
            return (yield from sorted_in_steps(by_ref, folded.__getitem__))
        values = getattr(cols, _TEXTS[column])[:size]
        keys = yield from self._per_slot(values, _ranks(values, lambda t: str(t).casefold()))
        return (yield from sorted_in_steps(by_ref, keys.__getitem__))

    def _refs(self) -> Steps:
        """The rows by reference (the last part of every column's key), kept for the other columns."""
        if self._by_ref is None:
            self._by_ref = yield from sorted_in_steps(self.live, self.cols.refs.__getitem__)
        return self._by_ref

    def _deadline(self) -> Steps:
        """Running clocks by deadline, then paused ones by budget left, then rows without a clock."""
        if self._by_deadline is None:
            by_ref = yield from self._refs()
            cols = self.cols
            running: list[int] = []
            paused: list[int] = []
            unclocked: list[int] = []
            clocks, due = cols.clocks, cols.due
            for start in range(0, len(by_ref), PIECE):
                piece = by_ref[start : start + PIECE]
                has_clock = list(map(bool, map(clocks.__getitem__, piece)))
                unclocked += compress(piece, map(not_, has_clock))
                clocked = list(compress(piece, has_clock))
                timed = list(map(ne, map(due.__getitem__, clocked), repeat(NONE)))
                running += compress(clocked, timed)
                paused += compress(clocked, map(not_, timed))
                yield
            lefts = cols.lefts
            deadlines = yield from _mapped(float, due[: self._size])
            running = yield from sorted_in_steps(running, deadlines.__getitem__)
            paused = yield from sorted_in_steps(paused, lambda s: lefts[s] if lefts[s] != NONE else 0)
            self._by_deadline = running + paused + unclocked
        return self._by_deadline
