"""Recently resolved and closed cases: a searchable list, newest first, to open one in the case pane or reopen it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.queries import EndedCase, recently_ended
from desk.services import ChangeSet, DeskError
from ui.errors import error_text
from ui.list_view import list_view
from ui.operations import Operations
from ui.plain import one_line, plain_labels, plain_tooltip
from ui.text import isolate, local_time, status_text

Index = QModelIndex | QPersistentModelIndex
ENDED, STATUS, REF, CUSTOMER, TITLE, SEVERITY, ASSIGNEE = range(7)
DEFAULT_DAYS = 14

SEARCH_PAUSE_MS = 250


class EndedCasesModel(QAbstractTableModel):
    """Compact rows from one query; a new search or period is a new query (a reset), nothing else changes them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EndedCase] = []

    def set_rows(self, rows: list[EndedCase]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def case(self, row: int) -> EndedCase:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Resolved or closed"),
            self.tr("Status"),
            self.tr("Case"),
            self.tr("Customer"),
            self.tr("Title"),
            self.tr("Severity"),
            self.tr("Assignee"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                local_time(c.ended_at),
                status_text(c.status),
                c.ref,
                f"{isolate(c.customer_name)} ({c.customer_ref})",
                one_line(c.title),
                c.severity,
                c.assignee,
            )
            return values[column] if 0 <= column < len(values) else None
        if role == Qt.ItemDataRole.ToolTipRole and column in (CUSTOMER, TITLE):
            return plain_tooltip(c.title if column == TITLE else f"{isolate(c.customer_name)} ({c.customer_ref})")
        return None


class EndedCasesDialog(QDialog):
    """Not modal: the agent keeps working in the window while it is open; it follows every change."""

    open_requested = Signal(object)  # uuid.UUID: show it in the case pane
    reopen_requested = Signal(object)  # uuid.UUID: show it and ask for the reopening's reason

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self.setWindowTitle(self.tr("Recently resolved and closed cases"))
        self.resize(900, 520)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search id, customer, title"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search resolved and closed cases"))
        self.days = QSpinBox(self)
        self.days.setRange(1, 366)
        self.days.setValue(DEFAULT_DAYS)
        self.days.setPrefix(self.tr("last "))
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("How many days back"))
        self.count = QLabel(self)
        self.model = EndedCasesModel(self)
        self.view = list_view(self.model, self.tr("Resolved and closed cases"), (130, 70, 130, 190, 240, 60, 90), self)
        self.show_button = QPushButton(self.tr("&Show in case pane"), self)
        self.show_button.setAccessibleName(self.tr("Show in case pane"))
        self.reopen_button = QPushButton(self.tr("&Reopen…"), self)
        self.reopen_button.setAccessibleName(self.tr("Reopen"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.reopen_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.days)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

        # Typing waits for a pause before asking the database (one query per word, not per keystroke);
        # Enter asks at once.
        self.typing = QTimer(self)
        self.typing.setObjectName("ended-cases-search")
        self.typing.setSingleShot(True)
        self.typing.setInterval(SEARCH_PAUSE_MS)
        self.typing.timeout.connect(self.reload)
        self.search.textChanged.connect(self.typing.start)
        self.days.valueChanged.connect(self.reload)
        self.search.returnPressed.connect(self._to_list)
        self.view.activated.connect(lambda _index: self._emit(self.open_requested))
        self.show_button.clicked.connect(lambda: self._emit(self.open_requested))
        self.reopen_button.clicked.connect(lambda: self._emit(self.reopen_requested))
        self.view.selectionModel().currentRowChanged.connect(self._update_buttons)
        ops.changed.connect(self._changed)
        self.reload()
        self.search.setFocus()
        plain_labels(self)

    def reload(self) -> None:
        selected = self.selected_case()
        try:
            rows = recently_ended(self._ops.desk, self.days.value(), self.search.text())
        except DeskError as exc:
            self._ops.refuse(error_text(exc))
            rows = []
        self.model.set_rows(rows)
        self.count.setText(self.tr("%n case(s)", "", len(rows)))
        row = next((i for i, c in enumerate(rows) if c.case_id == selected), 0 if rows else None)
        if row is not None:
            self.view.selectRow(row)
        self._update_buttons()

    def selected_case(self) -> uuid.UUID | None:
        index = self.view.currentIndex()
        return self.model.case(index.row()).case_id if index.isValid() else None

    def _update_buttons(self) -> None:
        chosen = self.selected_case() is not None
        self.show_button.setEnabled(chosen)
        self.reopen_button.setEnabled(chosen)

    def _to_list(self) -> None:
        if self.typing.isActive():  # Enter before the pause: search now
            self.typing.stop()
            self.reload()
        if self.model.rowCount():
            self.view.setFocus()

    def _emit(self, signal: SignalInstance) -> None:
        case_id = self.selected_case()
        if case_id is not None:
            signal.emit(case_id)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.cases and self.isVisible():  # a case ended or was reopened: the list follows
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # hidden, it skipped the changes made meanwhile
