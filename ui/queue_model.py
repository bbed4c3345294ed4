"""The queue's table model: the open cases as slots of columns, filtered and sorted by ``ui.queue_rows``, no proxy.

A row is a slot number (``desk.queue_columns``); a cell's value is built from the columns when it is
painted (``ui.queue_cells``). The model is silent while time passes (the view repaints the countdowns
itself); its live side (``ui.queue_changes``) emits ``dataChanged`` only for rows whose state really
changed, moves only the rows whose place changed, and reports the transitions (for alerts).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desk.clock import Clock
from desk.queue import QueueEntry, QueueFilter, SortKey
from desk.queue_order import RECENT_BREACH
from ui.freed_memory import give_back_freed_memory
from ui.plain import plain_tooltip
from ui.queue_cells import COLUMNS, COUNTDOWN, ENTRY_ROLE, REF, ROLES, SEVERITY, STATE_ROLE, TITLE, cell, column_title
from ui.queue_changes import QueueChanges, Transition
from ui.queue_orders import OrderPreparer, PreparedOrder
from ui.queue_rows import (
    Key,
    Prepared,
    QueueRows,
    Slots,
    column_order,
    filtered_in_steps,
    locate,
    narrower,
    prepare,
    slots,
)
from ui.slices import Slices
from ui.text import CatalogWords, status_text

__all__ = ["COLUMNS", "COUNTDOWN", "ENTRY_ROLE", "REF", "SEVERITY", "STATE_ROLE", "TITLE", "QueueModel", "Transition"]
Index = QModelIndex | QPersistentModelIndex
STATUS = COLUMNS.index("status")
_CONFLICT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole)
SYNC_ROWS = 10_000  # below this, a column's first sort or a filter is quick enough to run at once
FILTER_SLICE = 20_000  # rows a filter walks per step on a large queue (steps run a few ms per turn)


class QueueModel(QueueChanges, QAbstractTableModel):
    """The open cases as a table.

    On a large queue a filter runs in slices between turns of the event loop (``ui.slices``) and every
    column's order is prepared ahead off the GUI thread (``ui.queue_orders``); each shows its rows when
    ready. On a small queue they run at once.
    """

    transitions = Signal(object)  # list[Transition], once per tick that had any
    counts_changed = Signal(int, int)  # rows shown, open cases loaded: the one source of both counts
    busy_changed = Signal(bool)  # an order is being computed (True), or every asked order is shown (False)

    def __init__(
        self,
        clock: Clock,
        parent: QObject | None = None,
        grace: timedelta = RECENT_BREACH,
        words: CatalogWords | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._words = words or CatalogWords(None, "en")
        self._rows: Slots = slots()  # the slots shown, in the order shown
        self._filter = QueueFilter()
        self._sort: SortKey | None = None  # None: the default "breaching next" order
        self._descending = False
        self._asked: tuple[SortKey | None, bool] = (None, False)  # the order the header shows
        self._pending: set[SortKey] = set()  # column orders asked for and being prepared
        self.column_orders = OrderPreparer(self)  # every column's order, prepared off the GUI thread
        self.column_orders.ready.connect(self._order_ready)
        self.column_orders.quiet = lambda: self._filtering is None  # a filter the agent waits for goes first
        self._filtering: QueueFilter | None = None  # a filter being applied in slices
        self._walk: Slices[Slots] | None = None  # its walk
        self._edits = 0  # moves on every change of the rows shown (a filter walking them must start again)
        # What the view does around a reset that comes later than the change asked for (the panel keeps
        # the selected case selected).
        self.keeping: Callable[[], AbstractContextManager[object]] = nullcontext
        self._grace = grace
        # Every row kept in order, with each case's state and place in the default order as of its last
        # change, and when they next change.
        self._q = QueueRows(grace)
        # Cases with an open field conflict, and its words: the status cell says so until it is resolved.
        self._conflicts: dict[uuid.UUID, str] = {}

    # ---------------------------------------------------------------- Qt's model protocol

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return column_title(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in ROLES:  # views ask for a dozen roles per cell; most are answered here, cheaply
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        slot = self._rows[row]
        if self._conflicts and index.column() == STATUS:
            words = self._conflicts.get(self._q.cols.case_id(slot))
            if words is not None and role in _CONFLICT_ROLES:
                return self._conflict_data(status_text(self._q.cols.statuses[slot]), words, role)
        return cell(self._q.cols, slot, index.column(), role, self._clock, self._words)

    @staticmethod
    def _conflict_data(status: str, words: str, role: int) -> str:
        """The status cell of a case in conflict: a warning sign and the status, the conflict's words beside."""
        if role == Qt.ItemDataRole.DisplayRole:
            return "⚠ " + status
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(words)
        return f"{status}. {words}"

    def conflict_of(self, case_id: uuid.UUID) -> str | None:
        return self._conflicts.get(case_id)

    def mark_conflicts(self, marks: Mapping[uuid.UUID, str | None], *, everything: bool = False) -> None:
        """Set (words) or clear (None) cases' conflict marks; ``everything``: cases not named have none."""
        before = dict(self._conflicts)
        if everything:
            self._conflicts.clear()
        for case_id, words in marks.items():
            if words:
                self._conflicts[case_id] = words
            else:
                self._conflicts.pop(case_id, None)
        for case_id in set(before) | set(self._conflicts):
            if before.get(case_id) != self._conflicts.get(case_id):
                row = self.row_of(case_id)
                if row is not None:
                    cell_index = self.index(row, STATUS)
                    self.dataChanged.emit(cell_index, cell_index)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By a column; column -1 (the header's cleared sort indicator) is the default order.

        A column's order is kept from the first time it is asked for, up to date as rows change, so sorting
        by it is a walk of an array. On a large queue every column's order is prepared off the GUI thread once
        the whole queue is shown; one asked for before it is ready is shown when it is (the rows keep their
        order meanwhile).
        """
        wanted: tuple[SortKey | None, bool]
        if column == -1:
            wanted = (None, False)
        elif 0 <= column < len(COLUMNS):
            wanted = (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        else:
            return
        self._asked = wanted
        key = wanted[0]
        waiting: set[SortKey] = set()
        if key is not None and self._q.order(key) is None and self._q.total() >= SYNC_ROWS:
            waiting.add(key)
        if waiting != self._pending:  # only the order asked for last is shown when it comes
            self._pending = waiting
            self.busy_changed.emit(self.busy())
        if key is not None and waiting:
            self._prepare_orders(key)
            return
        if wanted == (self._sort, self._descending):
            return  # rows are kept in this order already (the header asks again when it restores state)
        if key is not None and self._q.order(key) is None:
            self._q.add_order(key, column_order(self._q.cols, self._q.cols.live(), key), self._q.generation)
        self._sort, self._descending = wanted
        self._reorder()

    def _prepare_orders(self, first: SortKey | None = None) -> None:
        """Have every column's order not yet kept prepared off the GUI thread (``first`` first), on a large queue."""
        if self._q.total() < SYNC_ROWS:
            return
        if not self.column_orders.preparing(self._q.generation):
            missing = [column for column in COLUMNS if self._q.order(column) is None]
            if not missing:
                return
            cols = self._q.cols
            self.column_orders.start(cols, cols.live(), self._q.generation, missing)
        if first is not None:
            self.column_orders.want(first)

    def _order_ready(self, prepared: PreparedOrder) -> None:
        column = prepared.column
        if self._q.order(column) is not None:
            return  # kept already (prepared twice)
        if not self._q.add_order(column, prepared.rows, prepared.generation):
            self._prepare_orders(self._asked[0])  # rows changed meanwhile: prepare again from the rows now
            return
        if all(self._q.order(other) is not None for other in COLUMNS):
            give_back_freed_memory()  # what preparing them all used (their keys, folded texts)
        if column not in self._pending:
            return
        self._pending.discard(column)
        if self._asked[0] == column:
            self._sort, self._descending = self._asked
            self._reorder()
        self.busy_changed.emit(self.busy())

    def busy(self) -> bool:
        """An order or a filter is being computed: the rows shown are not yet the ones asked for."""
        return bool(self._pending) or self._filtering is not None

    def _reorder(self) -> None:
        """The same rows in the current order: a layout change, so the selection follows its row."""
        self._edits += 1
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        kept = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else None for i in old]
        self._rows = self._visible(self._filter)
        new = []
        for slot, index in zip(kept, old, strict=True):
            row = self._find(slot) if slot is not None else None
            new.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    @property
    def is_default_order(self) -> bool:
        return self._sort is None

    def _order_key(self) -> Key:
        return self._q.key(self._sort)

    def _visible(self, flt: QueueFilter) -> Slots:
        """The rows ``flt`` lets through, in the order shown, from the kept order (no sorting)."""
        order = self._q.order(self._sort)
        assert order is not None
        rows = self._q.filtered(order, flt)
        if self._descending:
            rows.reverse()
        return rows

    def _find(self, slot: int) -> int | None:
        """The row showing this slot (None: hidden by the filter): a binary search in the order shown."""
        return locate(self._rows, slot, self._order_key(), self._descending)

    def save_next(self, current: uuid.UUID | None, step: int) -> uuid.UUID | None:
        """The shown at-risk or breached case after (step 1) or before (step -1) ``current`` in the
        "breaching next" order, whatever column the rows are sorted by."""
        cols = self._q.cols
        mine = cols.slot(current) if current is not None else None
        found = self._q.schedule.save_next(self._rows, mine, step)
        return cols.case_id(found) if found is not None else None

    # ---------------------------------------------------------------- loading and filtering

    def set_entries(self, entries: Iterable[QueueEntry]) -> None:
        self.adopt(prepare(entries, self._clock.now(), self._grace, self._sort))

    def adopt(self, prepared: Prepared) -> None:
        """Show rows prepared elsewhere (the loader prepares the whole queue off the GUI thread)."""
        self._q.adopt(prepared)
        if self._sort is not None and self._q.order(self._sort) is None:
            if self._q.total() < SYNC_ROWS:
                order = column_order(self._q.cols, self._q.cols.live(), self._sort)
                self._q.add_order(self._sort, order, self._q.generation)
            else:  # the default order until the column's is prepared
                self._pending = {self._sort}
                self._sort, self._descending = None, False
                self.busy_changed.emit(True)
        self._reset(self._visible(self._filter))
        self._prepare_orders(self._asked[0])

    @property
    def sort_column(self) -> SortKey | None:
        """The column the rows are sorted by (None: the default order), for a loader to prepare its order."""
        return self._sort

    def set_filter(self, flt: QueueFilter) -> None:
        """Show the rows ``flt`` lets through: a narrower filter walks the rows shown, any other the kept order.

        On a large queue the walk goes in slices, one per turn of the event loop, and the rows are shown
        when it is done: the window keeps answering, and a further keystroke replaces the walk under way.
        """
        if flt == (self._filtering or self._filter):
            return
        cancelled = self._filtering is not None
        if flt == self._filter:  # back to what is shown (e.g. a letter typed, then deleted)
            self._stop_walk()
            self.busy_changed.emit(self.busy())
            return
        narrowing = narrower(flt, self._filter)
        if narrowing:
            base, reverse = self._rows, False
        else:
            order = self._q.order(self._sort)
            assert order is not None
            base, reverse = order, self._descending
        if len(base) <= SYNC_ROWS:
            self._stop_walk()
            self._filter = flt
            rows = self._q.filtered(base, flt)
            if reverse:
                rows.reverse()
            self._reset(rows)
            if cancelled:
                self.busy_changed.emit(self.busy())
            return
        self._filter_in_slices(flt, base, reverse)

    def _stop_walk(self) -> None:
        if self._walk is not None:
            self._walk.cancel()
            self._walk = None
        self._filtering = None

    def _filter_in_slices(self, flt: QueueFilter, base: Slots, reverse: bool) -> None:
        started, edits = self._filtering is None, self._edits
        if self._walk is not None:
            self._walk.cancel()  # replaced by this keystroke
        self._filtering = flt

        def done(rows: Slots) -> None:
            self._walk = None
            if self._edits != edits:  # rows changed meanwhile: walk again, from what is shown now
                self._filtering = None
                self.set_filter(flt)
                return
            if reverse:
                rows.reverse()
            self._filtering = None
            self._filter = flt
            with self.keeping():
                self._reset(rows)
            self.busy_changed.emit(self.busy())

        self._walk = Slices(filtered_in_steps(self._q, base, flt, FILTER_SLICE), done)
        if started:
            self.busy_changed.emit(True)

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    def _reset(self, rows: Slots) -> None:
        self._edits += 1
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self._counts()

    def _counts(self) -> None:
        self.counts_changed.emit(len(self._rows), self._q.total())

    def row_of(self, case_id: uuid.UUID) -> int | None:
        slot = self._q.cols.slot(case_id)
        return self._find(slot) if slot is not None else None

    def entry(self, row: int) -> QueueEntry:
        return self._q.cols.entry(self._rows[row])

    def case_id(self, row: int) -> uuid.UUID:
        return self._q.cols.case_id(self._rows[row])

    def entries(self) -> list[QueueEntry]:
        """Every open row (shown or not), in no particular order."""
        cols = self._q.cols
        return [cols.entry(slot) for slot in cols.live()]

    def total(self) -> int:
        return self._q.total()

    def version_of(self, case_id: uuid.UUID) -> int | None:
        """The row version this model shows for a case (None: not in the queue)."""
        slot = self._q.cols.slot(case_id)
        return self._q.cols.versions[slot] if slot is not None else None
