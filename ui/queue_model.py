"""The queue's table model: compact rows of open cases, filtered and sorted by desk.queue, no proxy.

The model is silent while time passes (the view repaints the countdowns itself). It keeps a heap of each
case's next state transition (at risk, breached) or change of group in the default "breaching next"
order and, on ``tick``, emits ``dataChanged`` only for rows whose state really changed, moves only the
rows whose place changed, and reports the transitions (for alerts).
"""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from desk.clock import Clock
from desk.queue import (
    QueueEntry,
    QueueFilter,
    SortKey,
    countdown,
    matches,
)
from desk.queue_order import RECENT_BREACH, urgency_key
from ui.countdown import CLOCK_ROLE, SEVERITY_ROLE, severity_colour
from ui.plain import plain_tooltip
from ui.queue_rows import (
    Prepared,
    QueueRows,
    column_order,
    column_order_in_steps,
    filtered_in_steps,
    insertion,
    locate,
    narrower,
    prepare,
)
from ui.slices import Slices
from ui.text import CatalogWords, fill, local_time, spoken_countdown, state_text, status_text

Index = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[SortKey, ...] = (
    "deadline", "severity", "ref", "customer", "tier", "title", "status", "assignee", "channel", "opened",
)  # fmt: skip
COUNTDOWN, SEVERITY, REF = 0, 1, 2
TITLE = COLUMNS.index("title")
STATUS = COLUMNS.index("status")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.DecorationRole,
        CLOCK_ROLE,
        SEVERITY_ROLE,
        ENTRY_ROLE,
        STATE_ROLE,
    }
)


def column_title(column: int) -> str:
    titles = (
        QCoreApplication.translate("QueueModel", "Countdown"),
        QCoreApplication.translate("QueueModel", "Severity"),
        QCoreApplication.translate("QueueModel", "Case"),
        QCoreApplication.translate("QueueModel", "Customer"),
        QCoreApplication.translate("QueueModel", "Tier"),
        QCoreApplication.translate("QueueModel", "Title"),
        QCoreApplication.translate("QueueModel", "Status"),
        QCoreApplication.translate("QueueModel", "Assignee"),
        QCoreApplication.translate("QueueModel", "Channel"),
        QCoreApplication.translate("QueueModel", "Opened"),
    )
    return titles[column]


SYNC_ROWS = 10_000  # below this, a column's first sort or a filter is quick enough to run at once
FILTER_SLICE = 5_000  # rows a filter walks per step on a large queue (steps run a few ms per turn)


@dataclass(frozen=True)
class Transition:
    entry: QueueEntry
    old: str
    new: str


class QueueModel(QAbstractTableModel):
    """The open cases as a table.

    On a large queue a column's first sort and a filter run in slices between turns of the event loop
    (``ui.slices``) and show their rows when ready; on a small one they run at once.
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
        self._rows: list[QueueEntry] = []
        self._filter = QueueFilter()
        self._sort: SortKey | None = None  # None: the default "breaching next" order
        self._descending = False
        self._asked: tuple[SortKey | None, bool] = (None, False)  # the order the header shows
        self._pending: set[SortKey] = set()  # column orders being computed off the GUI thread
        self._filtering: QueueFilter | None = None  # a filter being applied in slices
        self._walk: Slices[list[QueueEntry]] | None = None  # its walk
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
        if role not in _ROLES:  # views ask for a dozen roles per cell; most are answered here, cheaply
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        entry = self._rows[row]
        column = index.column()
        if column == STATUS and entry.case_id in self._conflicts:
            conflict = self._conflict_data(entry, role)
            if conflict is not None:
                return conflict
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == CLOCK_ROLE:
            return entry.clock
        if role == SEVERITY_ROLE:
            return entry.severity_rank
        if role == ENTRY_ROLE:
            return entry
        if role == STATE_ROLE:
            return countdown(entry.clock, self._clock.now()).state
        if role == Qt.ItemDataRole.DecorationRole:
            return severity_colour(entry.severity_rank) if column == SEVERITY else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (COUNTDOWN, TITLE):
            return plain_tooltip(entry.title) if column == TITLE else self._clock_tip(entry)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == COUNTDOWN:
            # What a screen reader says: the severity, the time shown in words, and the state.
            value = countdown(entry.clock, self._clock.now())
            return spoken_countdown(entry.severity, value.state, value.remaining_s)
        return None

    def _conflict_data(self, entry: QueueEntry, role: int) -> str | None:
        """The status cell of a case in conflict: a warning sign and the status, the conflict's words beside."""
        words = self._conflicts[entry.case_id]
        if role == Qt.ItemDataRole.DisplayRole:
            return "⚠ " + status_text(entry.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(words)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{status_text(entry.status)}. {words}"
        return None

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
                    cell = self.index(row, STATUS)
                    self.dataChanged.emit(cell, cell)

    def _display(self, entry: QueueEntry, column: int) -> str:
        key = COLUMNS[column]
        if key == "deadline":
            return state_text(countdown(entry.clock, self._clock.now()).state)
        if key == "customer":
            return entry.customer_name
        if key == "tier":
            return entry.tier or "–"
        if key == "status":
            return status_text(entry.status)
        if key == "channel":
            return self._words.channel(entry.channel)
        if key == "opened":
            return local_time(entry.opened_at)
        return str(getattr(entry, key))

    def _clock_tip(self, entry: QueueEntry) -> str:
        clock = entry.clock
        if clock is None or clock.deadline is None:
            return state_text(countdown(clock, self._clock.now()).state)
        return fill(self.tr("%1: %2"), self._words.clock(clock.name), local_time(clock.deadline))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """By a column; column -1 (the header's cleared sort indicator) is the default order.

        A column's order is computed once (off the GUI thread on a large queue: the rows keep their
        order until it is ready) and then kept up to date, so sorting by it again is a walk of a list.
        """
        wanted: tuple[SortKey | None, bool]
        if column == -1:
            wanted = (None, False)
        elif 0 <= column < len(COLUMNS):
            wanted = (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        else:
            return
        self._asked = wanted
        if wanted == (self._sort, self._descending):
            return  # rows are kept in this order already (the header asks again when it restores state)
        key = wanted[0]
        if key is not None and self._q.order(key) is None:
            if len(self._q.all) < SYNC_ROWS:
                self._q.add_order(key, column_order(self._q.all.values(), key), self._q.generation)
            else:
                self._request_order(key)
                return
        self._sort, self._descending = wanted
        self._reorder()

    def _request_order(self, column: SortKey) -> None:
        """Sort every row by ``column`` in slices; show that order when it is ready (if still asked)."""
        generation = self._q.generation
        self._pending.add(column)
        self.busy_changed.emit(True)

        def done(ordered: list[QueueEntry]) -> None:
            self._pending.discard(column)
            if self._asked[0] != column:
                pass  # the agent chose another order meanwhile
            elif not self._q.add_order(column, ordered, generation):
                self._request_order(column)  # rows changed meanwhile: sort them again
                return
            else:
                self._sort, self._descending = self._asked
                self._reorder()
            self.busy_changed.emit(self.busy())

        Slices(column_order_in_steps(list(self._q.all.values()), column), done)

    def busy(self) -> bool:
        """An order or a filter is being computed: the rows shown are not yet the ones asked for."""
        return bool(self._pending) or self._filtering is not None

    def _reorder(self) -> None:
        """The same rows in the current order: a layout change, so the selection follows its row."""
        self._edits += 1
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        entries = [self._rows[i.row()] if 0 <= i.row() < len(self._rows) else None for i in old]
        self._rows = self._visible(self._filter)
        new = []
        for entry, index in zip(entries, old, strict=True):
            row = self._find(entry) if entry is not None else None
            new.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    @property
    def is_default_order(self) -> bool:
        return self._sort is None

    def _order_key(self) -> Callable[[QueueEntry], Any]:
        return self._q.key(self._sort)

    def _visible(self, flt: QueueFilter) -> list[QueueEntry]:
        """The rows ``flt`` lets through, in the order shown, from the kept order (no sorting)."""
        order = self._q.order(self._sort)
        assert order is not None
        rows = self._q.filtered(order, flt)
        if self._descending:
            rows.reverse()
        return rows

    def _find(self, entry: QueueEntry) -> int | None:
        """The row showing this very entry (None: hidden by the filter): a binary search in the order shown."""
        return locate(self._rows, entry, self._order_key(), self._descending)

    def save_next(self, current: uuid.UUID | None, step: int) -> uuid.UUID | None:
        """The shown at-risk or breached case after (step 1) or before (step -1) ``current`` in the
        "breaching next" order, whatever column the rows are sorted by."""
        return self._q.schedule.save_next(self._rows, current, step)

    # ---------------------------------------------------------------- loading, filtering, changes

    def set_entries(self, entries: Iterable[QueueEntry]) -> None:
        self.adopt(prepare(entries, self._clock.now(), self._grace, self._sort))

    def adopt(self, prepared: Prepared) -> None:
        """Show rows prepared elsewhere (the loader prepares the whole queue off the GUI thread)."""
        self._q.adopt(prepared)
        if self._sort is not None and self._q.order(self._sort) is None:
            self._q.add_order(self._sort, column_order(self._q.all.values(), self._sort), self._q.generation)
        self._reset(self._visible(self._filter))

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

    def _filter_in_slices(self, flt: QueueFilter, base: list[QueueEntry], reverse: bool) -> None:
        started, edits = self._filtering is None, self._edits
        if self._walk is not None:
            self._walk.cancel()  # replaced by this keystroke
        self._filtering = flt

        def done(rows: list[QueueEntry]) -> None:
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

    def _reset(self, rows: list[QueueEntry]) -> None:
        self._edits += 1
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()
        self._counts()

    def _counts(self) -> None:
        self.counts_changed.emit(len(self._rows), len(self._q.all))

    def row_of(self, case_id: uuid.UUID) -> int | None:
        entry = self._q.all.get(case_id)
        return self._find(entry) if entry is not None else None

    def entry(self, row: int) -> QueueEntry:
        return self._rows[row]

    def total(self) -> int:
        return len(self._q.all)

    def version_of(self, case_id: uuid.UUID) -> int | None:
        """The row version this model shows for a case (None: not in the queue)."""
        entry = self._q.all.get(case_id)
        return entry.version if entry is not None else None

    def apply(self, fresh: Mapping[uuid.UUID, QueueEntry | None]) -> None:
        """Rows reloaded after a write: update, insert or remove exactly those."""
        now = self._clock.now()
        for case_id, entry in fresh.items():
            old = self._q.all.get(case_id)
            if entry is not None and old is not None and self._replace_in_place(old, entry, now):
                continue
            if old is not None:  # out of every order while the schedule still has its old place
                self._remove_row(old)
                self._q.remove(old)
                del self._q.all[case_id]
                self._q.schedule.forget(case_id)
            if entry is None:
                continue
            self._track(entry, now)
            if matches(entry, self._filter, now):
                self._insert_row(entry)
        if fresh:
            self._counts()

    def _track(self, entry: QueueEntry, now: datetime) -> None:
        self._q.all[entry.case_id] = entry
        self._q.schedule.track(entry, now)
        self._q.insert(entry)

    def _replace_in_place(self, old: QueueEntry, entry: QueueEntry, now: datetime) -> bool:
        """A changed row that keeps its place and stays visible: one dataChanged, selection kept."""
        row = self._find(old)
        if row is None or not matches(entry, self._filter, now):
            return False
        key = self._order_key()
        mine = urgency_key(entry, now, self._grace) if self._sort is None else key(entry)
        before = key(self._rows[row - 1]) if row > 0 else None
        after = key(self._rows[row + 1]) if row + 1 < len(self._rows) else None
        ordered = (before is None or before <= mine) and (after is None or mine <= after)
        if self._descending:
            ordered = (before is None or before >= mine) and (after is None or mine >= after)
        if not ordered:
            return False  # apply takes the row out and puts it back by its new key
        self._q.remove(old)
        self._edits += 1
        self._rows[row] = entry
        self._track(entry, now)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _remove_row(self, entry: QueueEntry) -> None:
        row = self._find(entry)
        if row is None:
            return
        self._edits += 1
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _insert_row(self, entry: QueueEntry) -> None:
        row = insertion(self._rows, entry, self._order_key(), self._descending)
        self._edits += 1
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self.endInsertRows()

    # ---------------------------------------------------------------- time: real transitions only

    def _move_row(self, entry: QueueEntry, old_key: Any) -> None:
        """The row's key changed (its breach left the grace): move just that row, selection kept."""
        keys = self._q.schedule.keys
        row = locate(self._rows, entry, lambda e: old_key if e is entry else keys[e.case_id])
        if row is None:
            return  # hidden by the filter
        key = self._order_key()
        mine = key(entry)
        up = bisect.bisect_right(self._rows, mine, lo=0, hi=row, key=key)
        down = bisect.bisect_right(self._rows, mine, lo=row + 1, key=key)
        if up == row and down == row + 1:
            return
        target = up if up < row else down  # Qt counts the destination before the move
        self._edits += 1
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
        del self._rows[row]
        self._rows.insert(target if target < row else target - 1, entry)
        self.endMoveRows()

    def tick(self) -> list[Transition]:
        """Emit dataChanged for rows whose state changed since the last tick; O(transitions), not O(rows)."""
        now = self._clock.now()
        changed: list[Transition] = []
        shown = 0
        for change in self._q.schedule.changes(self._q.all, now):
            entry = change.entry
            if change.moved:
                if self._sort is None:
                    self._move_row(entry, change.old_key)
                self._q.reorder_default(entry, change.old_key)
            if change.new == change.old:
                continue
            changed.append(Transition(entry, change.old, change.new))
            shown += self._row_changed(entry, now)
        if shown:
            self._counts()
        if changed:
            self.transitions.emit(changed)
        return changed

    def _row_changed(self, entry: QueueEntry, now: datetime) -> int:
        """Show the row's new state; 1 if it came into or left the filtered rows."""
        row = self._find(entry)
        visible = matches(entry, self._filter, now)
        if row is not None and not visible:
            self._remove_row(entry)
            return 1
        if row is None and visible:
            self._insert_row(entry)
            return 1
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return 0
