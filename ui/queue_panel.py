"""The queue panel: filter bar and search, and the table of open cases repainted on each tick of the ticker."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.catalog import CatalogRegistry
from desk.clock import Clock
from desk.queue import QueueFilter
from desk.vocabulary import ALERT_STATES, ClockState
from ui.countdown import CountdownDelegate
from ui.filter_bar import FilterBar, SearchField
from ui.queue_model import COUNTDOWN, QueueModel
from ui.text import state_text

ROW_HEIGHT = 26


class QueuePanel(QWidget):
    case_selected = Signal(object)  # uuid.UUID | None
    case_activated = Signal(object)  # uuid.UUID

    def __init__(
        self, model: QueueModel, clock: Clock, agent: str, catalogs: CatalogRegistry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._agent = agent
        self._quiet = False
        self.search = SearchField(self)
        self.search.set_placeholder(self.tr("Search id, customer, title"))
        self.search.setAccessibleName(self.tr("Search the queue"))
        self.mine = QCheckBox(self.tr("My cases"), self)
        self.severity = QComboBox(self)
        self.severity.addItem(self.tr("All severities"), "")
        for code in catalogs.severity_codes():  # the plans' own codes, most severe first
            self.severity.addItem(code, code)
        self.state = QComboBox(self)
        self.state.addItem(self.tr("All states"), "")
        self.state.addItem(self.tr("At risk or breached"), ",".join(ALERT_STATES))
        for code in (*ALERT_STATES, ClockState.ON_TRACK, ClockState.PAUSED, ClockState.NO_TARGET):
            self.state.addItem(state_text(code), str(code))
        self.tier = QComboBox(self)
        self.tier.addItem(self.tr("All tiers"), "")
        for code in catalogs.tier_codes():
            self.tier.addItem(code, code)
        self.count = QLabel(self)

        self.setAccessibleName(self.tr("Queue"))
        self.view = QTableView(self)
        self.view.setAccessibleName(self.tr("Open cases, breaching next first"))
        self.view.setModel(model)
        self.view.setItemDelegateForColumn(COUNTDOWN, CountdownDelegate(clock, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No sort indicator: the default "breaching next" order; a third click on a header comes back to it.
        self.view.horizontalHeader().setSortIndicatorClearable(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        vertical = self.view.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never ResizeToContents on a big table
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        vertical.hide()
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        for column, width in enumerate((230, 60, 120, 200, 40, 260, 110, 90, 80, 130)):
            self.view.setColumnWidth(column, width)

        self.filters = FilterBar(self.search, [self.mine, self.severity, self.state, self.tier], self)
        bar = QHBoxLayout()
        bar.addWidget(self.filters, 1)
        bar.addWidget(self.count)  # the window shows it in its status bar instead
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)

        self.search.textChanged.connect(self._filter_changed)
        self.search.leave.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.mine.toggled.connect(self._filter_changed)
        for combo in (self.severity, self.state, self.tier):
            combo.currentIndexChanged.connect(self._filter_changed)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.view.activated.connect(self._activated)
        model.counts_changed.connect(self._update_count)
        model.keeping = self.keeping_selection  # a filter answered later keeps the selection too
        self._update_count(model.rowCount(), model.total())

    def current_filter(self) -> QueueFilter:
        states = self.state.currentData() or ""
        return QueueFilter(
            assignee=self._agent if self.mine.isChecked() else None,
            severities=frozenset([self.severity.currentData()] if self.severity.currentData() else []),
            tiers=frozenset([self.tier.currentData()] if self.tier.currentData() else []),
            states=frozenset(s for s in states.split(",") if s),
            text=self.search.text().strip(),
        )

    def clear_filter(self) -> None:
        """Every case shown again (one refilter, not one per control)."""
        controls = (self.search, self.mine, self.severity, self.state, self.tier)
        for control in controls:
            control.blockSignals(True)
        self.search.clear()
        self.mine.setChecked(False)
        for combo in (self.severity, self.state, self.tier):
            combo.setCurrentIndex(0)
        for control in controls:
            control.blockSignals(False)
        self._filter_changed()

    def _filter_changed(self) -> None:
        with self.keeping_selection():
            self.model.set_filter(self.current_filter())

    def _update_count(self, shown: int, total: int) -> None:
        """The one count of the queue (the window shows this label in its status bar)."""
        if shown == total:
            self.count.setText(self.tr("%n open case(s)", "", total))
        else:
            self.count.setText(self.tr("%1 of %n open case(s)", "", total).replace("%1", str(shown)))

    # ---------------------------------------------------------------- selection

    def selected_case(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.entry(index.row()).case_id

    def select_case(self, case_id: uuid.UUID) -> bool:
        row = self.model.row_of(case_id)
        if row is None:
            return False
        index = self.model.index(row, COUNTDOWN)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.view.selectionModel().setCurrentIndex(index, flags)
        self.view.scrollTo(index)
        return True

    @contextmanager
    def keeping_selection(self) -> Iterator[None]:
        """Rows may move or be re-inserted inside the block; the same case stays selected if still shown."""
        selected = self.selected_case()
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False
            if selected is not None and not self.select_case(selected):
                self.case_selected.emit(self.selected_case())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        self.case_selected.emit(self.model.entry(current.row()).case_id if current.isValid() else None)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_activated.emit(self.model.entry(index.row()).case_id)

    def jump_to_breach(self, step: int) -> bool:
        """Select the next (step 1) or previous (step -1) breached or at-risk case in the "breaching next"
        order, from the selected case, whatever column the rows are sorted by."""
        case_id = self.model.save_next(self.selected_case(), step)
        return case_id is not None and self.select_case(case_id)

    def default_order(self) -> None:
        """Back to "breaching next" (no column's sort indicator)."""
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    # ---------------------------------------------------------------- time

    def tick(self, _now: datetime | None = None) -> None:
        """Repaint what is visible and let the model signal transitions (the ticker's slot).

        The model and the countdown delegate read the ticker they were given as their clock, so both
        already see the tick's instant; it is not needed here.
        """
        if self.isVisible():
            # Only the countdowns change as time passes: repaint that column, not every cell of the rows.
            view = self.view
            view.viewport().update(
                QRect(view.columnViewportPosition(COUNTDOWN), 0, view.columnWidth(COUNTDOWN), view.viewport().height())
            )
        self.model.tick()
