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
    filter_entries,
    matches,
    sort_key,
)
from desk.queue_order import RECENT_BREACH, urgency_key
from desk.queue_schedule import QueueSchedule
from ui.countdown import CLOCK_ROLE, SEVERITY_ROLE, severity_colour
from ui.plain import plain_tooltip
from ui.text import CatalogWords, fill, local_time, spoken_countdown, state_text, status_text

Index = QModelIndex | QPersistentModelIndex
COLUMNS: tuple[SortKey, ...] = (
    "deadline", "severity", "ref", "customer", "tier", "title", "status", "assignee", "channel", "opened",
)  # fmt: skip
COUNTDOWN, SEVERITY, REF = 0, 1, 2
TITLE = COLUMNS.index("title")
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


@dataclass(frozen=True)
class Transition:
    entry: QueueEntry
    old: str
    new: str


class QueueModel(QAbstractTableModel):
    transitions = Signal(object)  # list[Transition], once per tick that had any
    counts_changed = Signal(int, int)  # rows shown, open cases loaded: the one source of both counts

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
        self._all: dict[uuid.UUID, QueueEntry] = {}
        self._rows: list[QueueEntry] = []
        self._row_of: dict[uuid.UUID, int] = {}
        self._filter = QueueFilter()
        self._sort: SortKey | None = None  # None: the default "breaching next" order
        self._descending = False
        # Each case's state and place in the default order as of its last change, and when they next change.
        self._schedule = QueueSchedule(grace)

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
        """By a column; column -1 (the header's cleared sort indicator) is the default order."""
        wanted: tuple[SortKey | None, bool]
        if column == -1:
            wanted = (None, False)
        elif 0 <= column < len(COLUMNS):
            wanted = (COLUMNS[column], order == Qt.SortOrder.DescendingOrder)
        else:
            return
        if wanted == (self._sort, self._descending):
            return  # rows are kept in this order already (the header asks again when it restores state)
        self._sort, self._descending = wanted
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        ids = [self._rows[i.row()].case_id for i in old]
        self._rows = self._sorted(self._rows)
        self._reindex()
        self.changePersistentIndexList(
            old, [self.index(self._row_of[i], p.column()) for i, p in zip(ids, old, strict=True)]
        )
        self.layoutChanged.emit()

    @property
    def is_default_order(self) -> bool:
        return self._sort is None

    def _order_key(self) -> Callable[[QueueEntry], Any]:
        if self._sort is None:
            keys = self._schedule.keys
            return lambda e: keys[e.case_id]
        return sort_key(self._sort)

    def _sorted(self, rows: Iterable[QueueEntry]) -> list[QueueEntry]:
        return sorted(rows, key=self._order_key(), reverse=self._descending)

    def save_next(self, current: uuid.UUID | None, step: int) -> uuid.UUID | None:
        """The shown at-risk or breached case after (step 1) or before (step -1) ``current`` in the
        "breaching next" order, whatever column the rows are sorted by."""
        return self._schedule.save_next(self._rows, current, step)

    # ---------------------------------------------------------------- loading, filtering, changes

    def set_entries(self, entries: Iterable[QueueEntry]) -> None:
        now = self._clock.now()
        self._all = {e.case_id: e for e in entries}
        self._schedule.load(self._all.values(), now)
        self._refilter()

    def set_filter(self, flt: QueueFilter) -> None:
        if flt != self._filter:
            self._filter = flt
            self._refilter()

    @property
    def current_filter(self) -> QueueFilter:
        return self._filter

    def _refilter(self) -> None:
        now = self._clock.now()
        self.beginResetModel()
        visible = filter_entries(list(self._all.values()), self._filter, now)
        self._rows = self._sorted(visible)
        self._reindex()
        self.endResetModel()
        self._counts()

    def _counts(self) -> None:
        self.counts_changed.emit(len(self._rows), len(self._all))

    def _reindex(self) -> None:
        self._row_of = {e.case_id: i for i, e in enumerate(self._rows)}

    def row_of(self, case_id: uuid.UUID) -> int | None:
        return self._row_of.get(case_id)

    def entry(self, row: int) -> QueueEntry:
        return self._rows[row]

    def total(self) -> int:
        return len(self._all)

    def version_of(self, case_id: uuid.UUID) -> int | None:
        """The row version this model shows for a case (None: not in the queue)."""
        entry = self._all.get(case_id)
        return entry.version if entry is not None else None

    def apply(self, fresh: Mapping[uuid.UUID, QueueEntry | None]) -> None:
        """Rows reloaded after a write: update, insert or remove exactly those."""
        now = self._clock.now()
        for case_id, entry in fresh.items():
            if entry is not None and self._replace_in_place(entry, now):
                continue
            self._remove_row(case_id)
            if entry is None:
                self._all.pop(case_id, None)
                self._schedule.forget(case_id)
                continue
            self._all[case_id] = entry
            self._schedule.track(entry, now)
            if matches(entry, self._filter, now):
                self._insert_row(entry)
        if fresh:
            self._counts()

    def _replace_in_place(self, entry: QueueEntry, now: datetime) -> bool:
        """A changed row that keeps its place and stays visible: one dataChanged, selection kept."""
        row = self._row_of.get(entry.case_id)
        if row is None or not matches(entry, self._filter, now):
            return False
        key = self._order_key()
        mine = urgency_key(entry, now, self._schedule.grace) if self._sort is None else key(entry)
        before = key(self._rows[row - 1]) if row > 0 else None
        after = key(self._rows[row + 1]) if row + 1 < len(self._rows) else None
        ordered = (before is None or before <= mine) and (after is None or mine <= after)
        if self._descending:
            ordered = (before is None or before >= mine) and (after is None or mine >= after)
        if not ordered:
            return False  # apply takes the row out and puts it back by its new key
        self._rows[row] = entry
        self._all[entry.case_id] = entry
        self._schedule.track(entry, now)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return True

    def _remove_row(self, case_id: uuid.UUID) -> None:
        row = self._row_of.get(case_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._reindex()
        self.endRemoveRows()

    def _insert_row(self, entry: QueueEntry) -> None:
        key = self._order_key()
        if self._descending:
            mine = key(entry)
            row = next((i for i, e in enumerate(self._rows) if key(e) < mine), len(self._rows))
        else:
            row = bisect.bisect_right(self._rows, key(entry), key=key)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self._reindex()
        self.endInsertRows()

    # ---------------------------------------------------------------- time: real transitions only

    def _move_row(self, entry: QueueEntry) -> None:
        """The row's key changed (its breach left the grace): move just that row, selection kept."""
        row = self._row_of[entry.case_id]
        key = self._order_key()
        mine = key(entry)
        up = bisect.bisect_right(self._rows, mine, lo=0, hi=row, key=key)
        down = bisect.bisect_right(self._rows, mine, lo=row + 1, key=key)
        if up == row and down == row + 1:
            return
        target = up if up < row else down  # Qt counts the destination before the move
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target)
        del self._rows[row]
        self._rows.insert(target if target < row else target - 1, entry)
        for i in range(min(row, target), min(max(row, target) + 1, len(self._rows))):
            self._row_of[self._rows[i].case_id] = i
        self.endMoveRows()

    def tick(self) -> list[Transition]:
        """Emit dataChanged for rows whose state changed since the last tick; O(transitions), not O(rows)."""
        now = self._clock.now()
        changed: list[Transition] = []
        shown = 0
        for change in self._schedule.changes(self._all, now):
            entry = change.entry
            if change.moved and self._sort is None and entry.case_id in self._row_of:
                self._move_row(entry)
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
        row = self._row_of.get(entry.case_id)
        visible = matches(entry, self._filter, now)
        if row is not None and not visible:
            self._remove_row(entry.case_id)
            return 1
        if row is None and visible:
            self._insert_row(entry)
            return 1
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return 0
