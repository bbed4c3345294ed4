"""The open-case queue as columns: one list or array per field, a row is a slot number.

At 100,000 open cases an object per row (a ``QueueEntry`` with its ``QueueClock``, ``UUID`` and datetimes)
costs over a kilobyte and several microseconds of Python to build. Here a row is a slot in each column:
instants are integer microseconds since the epoch, the texts many rows repeat (customer, tier, severity,
status, assignee, channel, clock) are kept once and shared, and a view builds what a cell shows only when
it is painted. On SQLite the whole queue is read with one plain query per group of the default order,
its columns transposed in C (``zip``) without a Python loop per row.

A slot never changes: a reloaded case gets a new slot, and its old one is simply no longer referenced.
``entry`` builds the ``QueueEntry`` a slot holds, equal to the one ``desk.queue`` reads.
"""

from __future__ import annotations

import threading
import uuid
from array import array
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from desk.catalog import Catalog, ClockDef
from desk.queue import QueueClock, QueueEntry, _queue_clock
from desk.sla import DueCache

NONE = -(1 << 62)  # an absent instant or number in an integer column
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)
SEARCH_PIECE = 2048  # search texts built at a time (1-2 ms)


def micros(at: datetime) -> int:
    return (at - EPOCH) // _US


def instant(us: int) -> datetime:
    return EPOCH + timedelta(microseconds=us)


class QueueColumns:
    """Every row of the queue by column, the shared texts and plans, and the slot of each case."""

    def __init__(self) -> None:
        self.ids: list[bytes] = []  # the case's id, its 16 bytes (a ``UUID`` is built only when asked for)
        self.refs: list[str] = []
        self.titles: list[str] = []
        self.customer_refs: list[str] = []
        self.customer_names: list[str] = []
        self.tiers: list[str | None] = []
        self.severities: list[str] = []
        self.statuses: list[str] = []
        self.assignees: list[str] = []
        self.channels: list[str] = []
        self.clocks: list[str] = []  # the due clock's name; "" none
        self.opened = array("q")  # microseconds since the epoch
        self.versions = array("q")
        self.due = array("q")  # the running clock's deadline, or NONE
        self.targets = array("q")  # its governing target in seconds, or NONE
        self.lefts = array("q")  # a paused clock's budget left in seconds, or NONE
        self.plans = array("h")  # index into ``plan_list``
        self.ranks = array("h")  # the severity's rank in the case's plan (0: not in it)
        # Case id, customer id and name, title: casefolded, one UTF-8 text (as bytes: a third smaller than a
        # str for a Chinese title; a word's bytes are found in it where its characters are found in the text).
        # Rows read in bulk get theirs when first asked for (``search``): not on the way to the queue shown.
        self._search: list[bytes] = []
        self._search_lock = threading.Lock()  # the loader builds them after handing the rows over
        self.plan_list: list[Catalog] = []
        self.slot_of: dict[bytes, int] = {}  # case id -> its current slot
        self._texts: dict[str | None, Any] = {None: None}
        self._plan_index: dict[int, int] = {}
        self._definitions: dict[tuple[int, str], ClockDef] = {}
        self._given: dict[int, QueueClock | None] = {}  # the clocks of rows added as entries (``add``)

    def __len__(self) -> int:
        """Slots ever given (rows shown or replaced); ``len(slot_of)`` is the number of open cases."""
        return len(self.ids)

    def plan(self, catalog: Catalog) -> int:
        index = self._plan_index.get(id(catalog))
        if index is None:
            index = self._plan_index[id(catalog)] = len(self.plan_list)
            self.plan_list.append(catalog)
        return index

    def shared(self, values: Iterable[Any]) -> list[Any]:
        """The values, each text kept once for every row that repeats it."""
        texts = self._texts
        values = list(values)
        return list(map(texts.setdefault, values, values))

    @property
    def search(self) -> list[bytes]:
        """Each slot's search text; those of rows read in bulk are built when first asked for, if not before."""
        if len(self._search) < len(self.ids):
            self._fill_search(len(self.ids))
        return self._search

    def build_search(self, rows: int = SEARCH_PIECE) -> bool:
        """Build the search texts of up to ``rows`` more slots (at idle); True once every slot has its own."""
        self._fill_search(min(len(self._search) + rows, len(self.ids)))
        return len(self._search) >= len(self.ids)

    def _fill_search(self, end: int) -> None:
        with self._search_lock:  # one thread builds them; another asking meanwhile waits for them
            # Folding the pieces folds the whole; customers and titles repeat: each is folded once a piece.
            cfold: dict[tuple[str, str], bytes] = {}
            tfold: dict[str, bytes] = {}
            # A piece at a time: each is one C-level call holding the interpreter lock (the window's too).
            for start in range(len(self._search), end, SEARCH_PIECE):
                stop = min(start + SEARCH_PIECE, end)
                refs, titles = self.refs[start:stop], self.titles[start:stop]
                customers = list(zip(self.customer_refs[start:stop], self.customer_names[start:stop], strict=True))
                for ref, name in set(customers) - cfold.keys():
                    cfold[ref, name] = f"{ref}\n{name}".casefold().encode()
                for title in set(titles) - tfold.keys():
                    tfold[title] = title.casefold().encode()
                folded = map(str.encode, map(str.casefold, refs)), map(cfold.__getitem__, customers)
                self._search += map(b"\n".join, zip(*folded, map(tfold.__getitem__, titles), strict=True))

    def slot(self, case_id: uuid.UUID) -> int | None:
        return self.slot_of.get(case_id.bytes)

    def live(self) -> list[int]:
        return list(self.slot_of.values())

    def add(self, entry: QueueEntry) -> int:
        """Append one row (a reloaded case: its old slot, if any, is no longer the case's)."""
        if len(self._search) < len(self.ids):
            self._fill_search(len(self.ids))  # the rows before this one first
        slot = len(self.ids)
        clock = entry.clock
        due = clock.deadline if clock is not None else None
        shared = self._texts.setdefault
        self.ids.append(entry.case_id.bytes)
        self.refs.append(entry.ref)
        self.titles.append(entry.title)
        self.customer_refs.append(shared(entry.customer_ref, entry.customer_ref))
        self.customer_names.append(shared(entry.customer_name, entry.customer_name))
        self.tiers.append(shared(entry.tier, entry.tier))
        for column, value in (
            (self.severities, entry.severity),
            (self.statuses, entry.status),
            (self.assignees, entry.assignee),
            (self.channels, entry.channel),
            (self.clocks, clock.name if clock is not None else ""),
        ):
            column.append(shared(value, value))
        self.opened.append(micros(entry.opened_at))
        self.versions.append(entry.version)
        self.due.append(micros(due) if due is not None else NONE)
        target = clock.target_s if clock is not None else None
        left = clock.left_s if clock is not None else None
        self.targets.append(target if target is not None else NONE)
        self.lefts.append(left if left is not None else NONE)
        self.plans.append(-1)
        self._given[slot] = clock
        self.ranks.append(entry.severity_rank)
        self._search.append(entry.search_text.encode())
        self.slot_of[entry.case_id.bytes] = slot
        return slot

    def forget(self, case_id: uuid.UUID) -> None:
        self.slot_of.pop(case_id.bytes, None)

    def case_id(self, slot: int) -> uuid.UUID:
        return uuid.UUID(bytes=self.ids[slot])

    def clock(self, slot: int) -> QueueClock | None:
        plan = self.plans[slot]
        if plan < 0:
            return self._given[slot]
        name = self.clocks[slot]
        if not name:
            return None
        due, target, left = self.due[slot], self.targets[slot], self.lefts[slot]
        cache = DueCache(
            name,
            instant(due) if due != NONE else None,
            target if target != NONE else None,
            left if left != NONE else None,
        )
        return _queue_clock(cache, self.plan_list[plan], self._definitions)

    def entry(self, slot: int) -> QueueEntry:
        """The row as ``desk.queue`` reads it."""
        return QueueEntry(
            self.case_id(slot),
            self.refs[slot],
            self.titles[slot],
            self.customer_refs[slot],
            self.customer_names[slot],
            self.tiers[slot],
            self.severities[slot],
            self.statuses[slot],
            self.assignees[slot],
            self.channels[slot],
            instant(self.opened[slot]),
            self.versions[slot],
            self.clock(slot),
            self.search[slot].decode(),
            self.ranks[slot],
        )
