"""When each open case's state or place in the default order next changes, so a live queue does work as
time passes only for the rows that change (a heap of instants: O(changes), never O(rows) per tick)."""

from __future__ import annotations

import heapq
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from desk.queue import QueueEntry, countdown, next_change
from desk.queue_order import RECENT_BREACH, UrgencyKey, urgency_key
from desk.vocabulary import ALERT_STATES  # the states an agent is alerted to and F8 walks


@dataclass(frozen=True, slots=True)
class Change:
    entry: QueueEntry
    old: str  # its state before
    new: str  # and now (the same when only its place changed)
    moved: bool  # its place in the default order changed
    old_key: UrgencyKey | None = None  # its place before (a list sorted by ``keys`` finds the row by it)


class QueueSchedule:
    """Each case's state and ``urgency_key`` as of its last change, and the heap of its next change."""

    def __init__(self, grace: timedelta = RECENT_BREACH) -> None:
        self.grace = grace
        self._states: dict[uuid.UUID, str] = {}
        self._keys: dict[uuid.UUID, UrgencyKey] = {}
        self._heap: list[tuple[datetime, str, uuid.UUID, int]] = []

    @property
    def states(self) -> Mapping[uuid.UUID, str]:
        return self._states

    @property
    def keys(self) -> Mapping[uuid.UUID, UrgencyKey]:
        """The default order's keys; a live list sorted by these stays sorted if it moves each ``moved``."""
        return self._keys

    def load(self, entries: Iterable[QueueEntry], now: datetime) -> None:
        self._states, self._keys, self._heap = {}, {}, []
        for entry in entries:
            self._states[entry.case_id] = countdown(entry.clock, now).state
            self._keys[entry.case_id] = urgency_key(entry, now, self.grace)
            when = next_change(entry.clock, now, self.grace)
            if when is not None:
                self._heap.append((when, entry.ref, entry.case_id, entry.version))
        heapq.heapify(self._heap)

    def track(self, entry: QueueEntry, now: datetime) -> None:
        """A new or reloaded row (an older version's pending changes are skipped when they come due)."""
        self._states[entry.case_id] = countdown(entry.clock, now).state
        self._keys[entry.case_id] = urgency_key(entry, now, self.grace)
        self._push(entry, now)

    def forget(self, case_id: uuid.UUID) -> None:
        self._states.pop(case_id, None)
        self._keys.pop(case_id, None)

    def changes(self, entries: Mapping[uuid.UUID, QueueEntry], now: datetime) -> Iterator[Change]:
        """The rows whose state or place changed up to ``now``, one at a time: the caller moves each row
        before asking for the next, so its list stays sorted by ``keys`` throughout."""
        while self._heap and self._heap[0][0] <= now:
            _, _, case_id, version = heapq.heappop(self._heap)
            entry = entries.get(case_id)
            if entry is None or entry.version != version:
                continue  # superseded by a reload
            new = countdown(entry.clock, now).state
            old = self._states.get(case_id, new)
            key = urgency_key(entry, now, self.grace)
            old_key = self._keys.get(case_id)
            moved = key != old_key
            self._push(entry, now)
            if new == old and not moved:
                continue
            self._states[case_id] = new
            self._keys[case_id] = key
            yield Change(entry, old, new, moved, old_key)

    def save_next(self, rows: Iterable[QueueEntry], current: uuid.UUID | None, step: int) -> uuid.UUID | None:
        """Among ``rows``, the at-risk or breached case after (step 1) or before (step -1) ``current`` in
        the default order (the first or last one without ``current``); one pass, no sort."""
        mine = self._keys.get(current) if current is not None else None
        best: uuid.UUID | None = None
        best_key: UrgencyKey | None = None
        for entry in rows:
            if self._states.get(entry.case_id) not in ALERT_STATES:
                continue
            key = self._keys[entry.case_id]
            if mine is not None and (key <= mine if step > 0 else key >= mine):
                continue
            if best_key is None or (key < best_key if step > 0 else key > best_key):
                best, best_key = entry.case_id, key
        return best

    def _push(self, entry: QueueEntry, now: datetime) -> None:
        when = next_change(entry.clock, now, self.grace)
        if when is not None:
            heapq.heappush(self._heap, (when, entry.ref, entry.case_id, entry.version))
