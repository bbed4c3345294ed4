"""The queue model's live side: rows reloaded after a write, and the real transitions as time passes.

A reloaded case gets a new slot of the columns; the model updates, inserts or removes exactly that row
(one ``dataChanged`` when it keeps its place). As time passes the schedule names the rows whose state or
place changed; only those get a signal, and only those move.
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex

from desk.clock import Clock
from desk.queue import QueueEntry, QueueFilter, SortKey
from desk.queue_slots import SlotKey
from ui.queue_cells import COLUMNS
from ui.queue_rows import Key, QueueRows, Slots, insertion, locate

if TYPE_CHECKING:
    from PySide6.QtCore import QAbstractTableModel

    _Base = QAbstractTableModel
else:
    _Base = object


@dataclass(frozen=True)
class Transition:
    entry: QueueEntry
    old: str
    new: str


class QueueChanges(_Base):
    """Mixed into ``ui.queue_model.QueueModel``: what keeps its rows current."""

    _q: QueueRows
    _rows: Slots
    _filter: QueueFilter
    _sort: SortKey | None
    _descending: bool
    _edits: int
    _clock: Clock
    _grace: timedelta
    transitions: Any  # the model's signals

    if TYPE_CHECKING:  # the model's own

        def _order_key(self) -> Key: ...

        def _find(self, slot: int) -> int | None: ...

        def _counts(self) -> None: ...

    def apply(self, fresh: Mapping[uuid.UUID, QueueEntry | None]) -> None:
        """Rows reloaded after a write: update, insert or remove exactly those."""
        now = self._clock.now()
        cols = self._q.cols
        for case_id, entry in fresh.items():
            old = cols.slot(case_id)
            new = None
            if entry is not None:
                new = cols.add(entry)  # the case's slot from now on
                self._q.schedule.track(new, now)
            if old is not None and new is not None and self._replace_in_place(old, new):
                continue
            if old is not None:  # out of every order while its old key still finds it
                self._remove_row(old)
                self._q.remove(old)
            if new is None:
                cols.forget(case_id)
                continue
            self._q.insert(new)
            if self._q.matches(new, self._filter):
                self._insert_row(new)
        if fresh:
            self._counts()

    def _replace_in_place(self, old: int, new: int) -> bool:
        """A changed row that keeps its place and stays visible: one dataChanged, selection kept."""
        row = self._find(old)
        if row is None or not self._q.matches(new, self._filter):
            return False
        key = self._order_key()
        mine = key(new)
        before = key(self._rows[row - 1]) if row > 0 else None
        after = key(self._rows[row + 1]) if row + 1 < len(self._rows) else None
        ordered = (before is None or before <= mine) and (after is None or mine <= after)
        if self._descending:
            ordered = (before is None or before >= mine) and (after is None or mine >= after)
        if not ordered:
            return False  # apply takes the row out and puts it back by its new key
        self._q.remove(old)
        self._edits += 1
        self._rows[row] = new
        self._q.insert(new)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _remove_row(self, slot: int) -> None:
        row = self._find(slot)
        if row is None:
            return
        self._edits += 1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _insert_row(self, slot: int) -> None:
        row = insertion(self._rows, slot, self._order_key(), self._descending)
        self._edits += 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, slot)
        self.endInsertRows()

    def _move_row(self, slot: int, old_key: SlotKey) -> None:
        """The row's key changed (its breach left the grace): move just that row, selection kept."""
        key = self._q.schedule.key
        row = locate(self._rows, slot, lambda s: old_key if s == slot else key(s))
        if row is None:
            return  # hidden by the filter
        mine = key(slot)
        up = bisect.bisect_right(self._rows, mine, lo=0, hi=row, key=key)
        down = bisect.bisect_right(self._rows, mine, lo=row + 1, key=key)
        if up == row and down == row + 1:
            return
        target = up if up < row else down  # Qt counts the destination before the move
        self._edits += 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
        del self._rows[row]
        self._rows.insert(target if target < row else target - 1, slot)
        self.endMoveRows()

    def tick(self) -> list[Transition]:
        """Emit dataChanged for rows whose state changed since the last tick; O(transitions), not O(rows)."""
        now = self._clock.now()
        changed: list[Transition] = []
        shown = 0
        for change in self._q.schedule.changes(now):
            slot = change.slot
            if change.moved:
                if self._sort is None:
                    self._move_row(slot, change.old_key)
                self._q.reorder_default(slot, change.old_key)
            if change.new == change.old:
                continue
            changed.append(Transition(self._q.cols.entry(slot), change.old, change.new))
            shown += self._row_changed(slot)
        if shown:
            self._counts()
        if changed:
            self.transitions.emit(changed)
        return changed

    def _row_changed(self, slot: int) -> int:
        """Show the row's new state; 1 if it came into or left the filtered rows."""
        row = self._find(slot)
        visible = self._q.matches(slot, self._filter)
        if row is not None and not visible:
            self._remove_row(slot)
            return 1
        if row is None and visible:
            self._insert_row(slot)
            return 1
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return 0
