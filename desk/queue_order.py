"""The queue's default "breaching next" order: what an agent should save next, and when a row changes group.

Groups, each in deadline order (then case id):

0. running clocks that can still be saved: on track, at risk, and breached for less than the grace
   (``RECENT_BREACH``, one hour by default): the soonest deadline is the next one to save;
1. running clocks breached longer than the grace: still owed an answer, no longer savable;
2. paused clocks (waiting on the customer), least budget left first;
3. cases with no clock to meet.

A row's key only changes when its deadline passes the grace (``next_regroup``), so a live view keeps its
rows sorted by moving those rows at those instants instead of re-sorting as time passes.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from itertools import chain, pairwise
from typing import TYPE_CHECKING, Any, TypeVar

from desk.vocabulary import RUNNING_STATES, ClockState

if TYPE_CHECKING:  # desk.queue loads its rows in this order: no import back at run time
    from desk.queue import QueueClock, QueueEntry

RECENT_BREACH = timedelta(hours=1)
UrgencyKey = tuple[int, float, str]
T = TypeVar("T")
PIECE = 1024


def sorted_in_pieces(items: Iterable[T], key: Callable[[T], Any]) -> list[T]:
    """``sorted(items, key=key)``, in pieces merged in Python.

    One ``sorted`` of 100,000 rows compares their keys in C for a tenth of a second or more without ever
    letting another Python thread run; a window sorting its queue on a worker thread would freeze that
    long all the same. Sorting pieces and merging them lets the interpreter switch threads in between.
    """
    rows = list(items)
    if len(rows) <= PIECE:
        return sorted(rows, key=key)
    pieces = [sorted(rows[i : i + PIECE], key=key) for i in range(0, len(rows), PIECE)]
    # Rows read in their order already (the queue's groups come from the deadline index) need no merge,
    # which in Python would cost more than the sorting itself.
    if all(key(before[-1]) <= key(after[0]) for before, after in pairwise(pieces)):
        return list(chain.from_iterable(pieces))
    return list(heapq.merge(*pieces, key=key))


def urgency_key(entry: QueueEntry, now: datetime, grace: timedelta = RECENT_BREACH) -> UrgencyKey:
    """The entry's place in the "breaching next" order at ``now`` (smaller comes first)."""
    clock = entry.clock
    if clock is not None and clock.deadline is not None and clock.state in RUNNING_STATES:
        group = 0 if now - clock.deadline < grace else 1
        return (group, clock.deadline.timestamp(), entry.ref)
    if clock is not None and clock.state == ClockState.PAUSED:
        return (2, float(clock.left_s or 0), entry.ref)
    return (3, 0.0, entry.ref)


def next_regroup(clock: QueueClock | None, now: datetime, grace: timedelta = RECENT_BREACH) -> datetime | None:
    """When the entry's ``urgency_key`` next changes after ``now`` (its breach leaves the grace); None: never."""
    if clock is None or clock.deadline is None or clock.state not in RUNNING_STATES:
        return None
    when = clock.deadline + grace
    return when if when > now else None


def urgency_order(entries: Iterable[QueueEntry], now: datetime, grace: timedelta = RECENT_BREACH) -> list[QueueEntry]:
    return sorted_in_pieces(entries, key=lambda e: urgency_key(e, now, grace))
