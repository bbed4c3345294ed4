"""Each queue slot's clock state and place in the default order, when they next change, and the columns' sort keys.

The same rules as ``desk.queue`` (``countdown``, ``next_change``) and ``desk.queue_order`` (``urgency_key``),
over the columns of ``desk.queue_columns``: loading 100,000 rows works on integers for the 7x24 clocks
(nearly every clock), and falls back to those functions for a business-hours clock or a row given as an
entry. The schedule's heap holds one integer per row (the instant of its next change and its slot).
"""

from __future__ import annotations

import heapq
import operator
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import compress
from typing import Any

from desk.calendars import AlwaysCalendar
from desk.queue import QueueClock, SortKey, countdown, next_change
from desk.queue_columns import NONE, QueueColumns, micros
from desk.queue_order import RECENT_BREACH
from desk.vocabulary import ALERT_STATES, RUNNING_STATES, ClockState

SHIFT = 24  # heap items: (instant in microseconds << SHIFT) | slot
MASK = (1 << SHIFT) - 1
_UNRANKED = 1 << 16
SlotKey = tuple[Any, ...]
_Rule = tuple[int, int]  # a 7x24 clock's at-risk threshold for a target, and its plan's lead (microseconds)
_UNKNOWN: Any = object()


@dataclass(frozen=True, slots=True)
class SlotChange:
    slot: int
    old: str  # its state before
    new: str  # and now (the same when only its place changed)
    moved: bool  # its place in the default order changed
    old_key: SlotKey  # its place before


def _group(clock: QueueClock | None, now: datetime, grace: timedelta) -> int:
    """The row's group in the "breaching next" order (``urgency_key``'s first part)."""
    if clock is not None and clock.deadline is not None and clock.state in RUNNING_STATES:
        return 0 if now - clock.deadline < grace else 1
    if clock is not None and clock.state == ClockState.PAUSED:
        return 2
    return 3


class SlotSchedule:
    """Each slot's state and group as of its last change, and the heap of next changes."""

    def __init__(self, cols: QueueColumns, grace: timedelta = RECENT_BREACH) -> None:
        self.cols, self.grace = cols, grace
        self.states: list[str] = []  # by slot
        self.groups = array("b")  # by slot
        self._heap: list[int] = []
        # The instant the slots were loaded at, and each plan, clock and target's rule worked out for it.
        self._loaded: tuple[datetime, dict[tuple[int, str, int], _Rule | None]] | None = None

    def key(self, slot: int) -> SlotKey:
        """The slot's place in the default order, as ``urgency_key`` orders it."""
        group, cols = self.groups[slot], self.cols
        if group < 2:
            return (group, cols.due[slot], cols.refs[slot])
        left = cols.lefts[slot] if group == 2 else NONE
        return (group, left if left != NONE else 0, cols.refs[slot])

    def live(self, slot: int) -> bool:
        return self.cols.slot_of.get(self.cols.ids[slot]) == slot

    def load(self, now: datetime) -> None:
        """Every slot as of ``now``."""
        self.states, self.groups, self._heap, self._loaded = [], array("b"), [], None
        self.extend(now)

    def extend(self, now: datetime) -> None:
        """The slots added to the columns since the last ``load`` or ``extend``, as of ``now`` (the same instant
        as the load's: the rows of a queue read a stretch at a time are scheduled while the next are read)."""
        cols, grace_us, now_us = self.cols, micros(now + self.grace) - micros(now), micros(now)
        first, n = len(self.states), len(cols)
        if self._loaded is None or self._loaded[0] != now:
            self._loaded = (now, {})
        rules = self._loaded[1]
        self.states += [ClockState.NO_TARGET] * (n - first)
        self.groups.frombytes(bytes(n - first))
        heap = self._heap
        states, groups = self.states, self.groups
        columns = (cols.plans[first:n], cols.clocks[first:n], cols.targets[first:n], cols.due[first:n])
        for slot, plan, name, target, deadline in zip(range(first, n), *columns, strict=True):
            if not name:
                groups[slot] = 3
                continue
            if plan >= 0 and deadline == NONE:
                states[slot], groups[slot] = ClockState.PAUSED, 2
                continue
            rule = rules.get((plan, name, target), _UNKNOWN) if plan >= 0 else None
            if rule is _UNKNOWN:
                rule = rules[(plan, name, target)] = self._rule(plan, name, target, now)
            if rule is None:  # a business-hours clock, or a row given as an entry
                self._exact(slot, now)
                continue
            threshold, lead_us = rule
            remaining = deadline - now_us
            groups[slot] = 0 if -remaining < grace_us else 1
            # next_change: the earliest instant after now of: one microsecond after each at-risk threshold,
            # the deadline, and the regroup (the grace after the deadline, which comes last).
            if remaining <= 0:
                states[slot] = ClockState.BREACHED
                if deadline + grace_us > now_us:
                    heap.append((deadline + grace_us) << SHIFT | slot)
                continue
            when = deadline
            at_risk = remaining < threshold
            if not at_risk and threshold > 0:
                when = deadline - threshold + 1
            if lead_us:
                if remaining < lead_us:
                    at_risk = True
                elif deadline - lead_us + 1 < when:
                    when = deadline - lead_us + 1
            states[slot] = ClockState.AT_RISK if at_risk else ClockState.ON_TRACK
            heap.append(when << SHIFT | slot)
        heapq.heapify(heap)

    def _rule(self, plan: int, name: str, target: int, now: datetime) -> _Rule | None:
        """A 7x24 clock's at-risk threshold and lead in microseconds (None: another calendar's clock)."""
        catalog, now_us = self.cols.plan_list[plan], micros(now)
        if not isinstance(catalog.calendars[catalog.clock(name).calendar], AlwaysCalendar):
            return None
        lead = catalog.at_risk_lead
        span = timedelta(seconds=target if target != NONE and target else 0) * catalog.at_risk_fraction
        return micros(now + span) - now_us, micros(now + lead) - now_us if lead else 0

    def grouped(self) -> bool:
        """The slots' groups never go down as numbered (true of the plain read, in groups and deadline order)."""
        groups = self.groups
        return all(map(operator.le, groups, groups[1:]))

    def _exact(self, slot: int, now: datetime) -> None:
        """The slot's state, group and next change by ``desk.queue``'s own functions."""
        clock = self.cols.clock(slot)
        self.states[slot] = countdown(clock, now).state
        self.groups[slot] = _group(clock, now, self.grace)
        when = next_change(clock, now, self.grace)
        if when is not None:
            heapq.heappush(self._heap, micros(when) << SHIFT | slot)

    def track(self, slot: int, now: datetime) -> None:
        """A slot added after the load (a new or reloaded row)."""
        while len(self.states) <= slot:
            self.states.append(ClockState.NO_TARGET)
            self.groups.append(3)
        self._exact(slot, now)

    def changes(self, now: datetime) -> Iterator[SlotChange]:
        """The slots whose state or place changed up to ``now``, one at a time: the caller moves each row
        before asking for the next, so its lists stay sorted by ``key`` throughout."""
        now_us = micros(now)
        while self._heap and self._heap[0] >> SHIFT <= now_us:
            slot = heapq.heappop(self._heap) & MASK
            if not self.live(slot):
                continue  # replaced by a reload, or closed
            old, old_group, old_key = self.states[slot], self.groups[slot], self.key(slot)
            self._exact(slot, now)
            new, moved = self.states[slot], self.groups[slot] != old_group
            if new != old or moved:
                yield SlotChange(slot, old, new, moved, old_key)

    def save_next(self, rows: Iterable[int], current: int | None, step: int) -> int | None:
        """Among ``rows``, the at-risk or breached slot after (step 1) or before (step -1) ``current`` in
        the default order (the first or last one without ``current``); one pass, no sort."""
        mine = self.key(current) if current is not None else None
        best: int | None = None
        best_key: SlotKey | None = None
        rows = list(rows)
        alerted = compress(rows, map(ALERT_STATES.__contains__, map(self.states.__getitem__, rows)))
        for slot in alerted:
            key = self.key(slot)
            if mine is not None and (key <= mine if step > 0 else key >= mine):
                continue
            if best_key is None or (key < best_key if step > 0 else key > best_key):
                best, best_key = slot, key
        return best


def column_key(cols: QueueColumns, column: SortKey) -> Callable[[int], SlotKey]:
    """A slot's key in a column's order, as ``desk.queue.sort_key`` orders entries."""
    refs, due, lefts, clocks = cols.refs, cols.due, cols.lefts, cols.clocks

    def deadline(slot: int) -> SlotKey:
        if clocks[slot] and due[slot] != NONE:
            return (0, due[slot], refs[slot])
        if clocks[slot]:
            left = lefts[slot]
            return (1, left if left != NONE else 0, refs[slot])
        return (2, 0, refs[slot])

    if column == "deadline":
        return deadline
    if column == "severity":
        ranks, severities = cols.ranks, cols.severities
        return lambda s: (ranks[s] or _UNRANKED, severities[s], deadline(s))
    if column == "tier":
        tiers = cols.tiers
        return lambda s: (tiers[s] or "", deadline(s))
    if column == "opened":
        opened = cols.opened
        return lambda s: (opened[s], refs[s])
    texts: list[Any] = {
        "customer": cols.customer_names, "ref": refs, "title": cols.titles, "status": cols.statuses,
        "assignee": cols.assignees, "channel": cols.channels,
    }[column]  # fmt: skip
    folded: dict[str, str] = {}  # repeated texts (names, codes) are folded once

    def fold(text: str) -> str:
        found = folded.get(text)
        if found is None:
            found = folded[text] = str(text).casefold()
        return found

    if column in ("ref", "title"):
        return lambda s: (texts[s].casefold(), refs[s])
    return lambda s: (fold(texts[s]), refs[s])
