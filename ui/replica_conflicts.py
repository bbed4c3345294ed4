"""Conflicts a sync found (a case's status or assignee set differently by two agents while apart, whichever
desk found it): both values, who and when, and the agent's choice, which becomes a new event."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.catalog import CatalogRegistry
from desk.clock import Clock
from desk.errors import DeskError
from desk.replica.conflicts import MINE, THEIRS, conflicts_in, resolve_in
from desk.replica.link import open_replica
from desk.replica.local import FieldConflict
from desk.store.engine import Store
from ui.errors import error_text
from ui.plain import message_box, plain_labels
from ui.text import fill, local_time, status_text


class ConflictsDialog(QDialog):
    """The open conflicts of this workstation's replica; "Keep mine" / "Keep theirs" resolve the selected one."""

    resolved = Signal(object)  # ChangeSet: what the resolution wrote

    def __init__(
        self,
        replica_file: Path,
        store: Store,
        clock: Clock,
        catalogs: CatalogRegistry,
        agent: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Conflicts to resolve"))
        self._replica = open_replica(replica_file, clock)
        self._store, self._clock, self._catalogs, self._agent = store, clock, catalogs, agent
        self._shown: list[FieldConflict] = []
        layout = QVBoxLayout(self)
        intro = self.tr(
            "Two agents gave these fields different values while their desks were apart; yours is under "
            '"Mine". The case shows the later change until one of you chooses: the choice is kept for the '
            "whole team."
        )
        self.intro = QLabel(intro, self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        headers = [self.tr("Case"), self.tr("Field"), self.tr("Mine"), self.tr("Theirs"), self.tr("The case shows")]
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName(self.tr("Conflicts to resolve"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.keep_mine = QPushButton(self.tr("Keep mine"), self)
        self.keep_mine.setAccessibleName(self.tr("Keep my value"))
        self.keep_theirs = QPushButton(self.tr("Keep theirs"), self)
        self.keep_theirs.setAccessibleName(self.tr("Keep the other agent's value"))
        for button in (self.keep_mine, self.keep_theirs):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.keep_mine.clicked.connect(lambda: self._resolve(MINE))
        self.keep_theirs.clicked.connect(lambda: self._resolve(THEIRS))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.finished.connect(lambda _result: self._replica.close())
        self.refresh()
        plain_labels(self)
        self.resize(900, 320)

    def refresh(self) -> None:
        # The team's conflicts where the window works (its replica, or the server), then this computer's own.
        self._shown = conflicts_in(self._replica, store=self._store, agent=self._agent)
        self.table.setRowCount(len(self._shown))
        for row, conflict in enumerate(self._shown):
            cells = [
                conflict.ref,
                self._field(conflict),
                self._side(conflict, theirs=False),
                self._side(conflict, theirs=True),
                self._value(conflict, conflict.merged) if conflict.field != "*" else "",
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)  # a table cell is plain text: names and values show as typed
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        if self._shown:
            self.table.selectRow(0)
        self._selection_changed()

    def select_case(self, case_id: object) -> None:
        """Select the first conflict on this case (the case pane's "Resolve conflict…")."""
        for row, conflict in enumerate(self._shown):
            if conflict.row_id == case_id:
                self.table.selectRow(row)
                return

    def _field(self, conflict: FieldConflict) -> str:
        names = {"status": self.tr("Status"), "assignee": self.tr("Assignee")}
        return names.get(conflict.field, self.tr("Whole record"))

    def _value(self, conflict: FieldConflict, value: str | None) -> str:
        if conflict.field == "status" and value:
            return status_text(value)
        if conflict.field == "assignee" and not value:
            return self.tr("(nobody)")
        return value or ""

    def _side(self, conflict: FieldConflict, *, theirs: bool) -> str:
        """One side's value, with who set it and when (a record conflict's side is its values as JSON)."""
        value, by, at = (
            (conflict.theirs, conflict.theirs_by, conflict.theirs_at)
            if theirs
            else (conflict.mine, conflict.mine_by, conflict.mine_at)
        )
        shown = self._value(conflict, value)
        if not by:
            return shown
        return fill(self.tr("%1 (%2, %3)"), shown, by, local_time(at))

    def _selection_changed(self) -> None:
        chosen = self.table.currentRow() >= 0 and bool(self.table.selectedItems())
        self.keep_mine.setEnabled(chosen)
        self.keep_theirs.setEnabled(chosen)

    def _resolve(self, choice: str) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self._shown):
            return
        try:
            changes = resolve_in(
                self._replica, self._store, self._clock, self._shown[row].key, choice, self._catalogs, self._agent
            )
        except DeskError as exc:
            message_box(QMessageBox.Icon.Warning, self.tr("Not resolved"), error_text(exc), self).exec()
            return
        self.resolved.emit(changes)
        self.refresh()
