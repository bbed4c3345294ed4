"""The customer list: type to find a customer by name, id, contact or tier; Enter opens its customer panel.

Each row shows the tier in force, the contract period and days left (marked when the contract ends within
the expiring setting), open cases and the most used quota. A few thousand customers at most: the rows are
read whole, filtered in memory, and re-read when a write names customers or cases.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desk.customer_list import CustomerRow, customer_rows
from desk.services import ChangeSet, DeskError
from ui.errors import error_text
from ui.list_view import list_view
from ui.operations import Operations
from ui.plain import plain_labels, plain_tooltip
from ui.text import fill, isolate

Index = QModelIndex | QPersistentModelIndex
NAME, REF, TIER, PERIOD, DAYS_LEFT, OPEN_CASES, QUOTA = range(7)
EXPIRING_COLOUR = QColor("#D55E00")  # Okabe-Ito vermillion: readable on light and dark backgrounds


class CustomerListModel(QAbstractTableModel):
    """Every customer's compact row; the search shows those whose words match (a reset per search)."""

    def __init__(self, expiring_days: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.expiring_days = expiring_days
        self._all: list[CustomerRow] = []
        self._rows: list[CustomerRow] = []
        self._words = ""

    def set_rows(self, rows: list[CustomerRow]) -> None:
        self._all = rows
        self.search(self._words)

    def search(self, words: str) -> None:
        self.beginResetModel()
        self._words = words
        self._rows = [r for r in self._all if r.matches(words)]
        self.endResetModel()

    def customer(self, row: int) -> CustomerRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("Customer"),
            self.tr("Id"),
            self.tr("Tier"),
            self.tr("Contract period"),
            self.tr("Days left"),
            self.tr("Open cases"),
            self.tr("Quota use"),
        )
        return titles[section] if 0 <= section < len(titles) else None

    def _days_left(self, r: CustomerRow) -> str:
        if r.days_left is None:
            return self.tr("no contract in force")
        text = self.tr("%n day(s)", "", r.days_left)
        return fill(self.tr("%1 · expiring"), text) if r.expiring(self.expiring_days) else text

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            period = f"{r.start.isoformat()} – {r.end.isoformat()}" if r.start and r.end else "–"
            quota = fill(self.tr("%1 of %2"), str(r.quota_used), str(r.quota_total)) if r.quota_total else "–"
            values = (isolate(r.name), r.ref, r.tier or "–", period, self._days_left(r), str(r.open_cases), quota)
            return values[column] if 0 <= column < len(values) else None
        expiring = r.expiring(self.expiring_days)
        if role == Qt.ItemDataRole.DecorationRole and column == DAYS_LEFT and expiring:
            # Never colour alone: the icon and the words say it too.
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.ForegroundRole and column == DAYS_LEFT and expiring:
            return EXPIRING_COLOUR
        if role == Qt.ItemDataRole.ToolTipRole and column == NAME:
            contacts = "\n".join(c for c in (r.technical_contact, r.ops_contact) if c)
            return plain_tooltip(f"{r.name}\n{contacts}".strip())
        if role == Qt.ItemDataRole.AccessibleTextRole and column == DAYS_LEFT:
            return self._days_left(r)
        return None


class CustomerListDialog(QDialog):
    """Not modal: it stays open beside the window; Enter on a customer shows it in the customer panel."""

    open_requested = Signal(str)  # a customer's id
    new_requested = Signal()

    def __init__(self, ops: Operations, expiring_days: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self.setWindowTitle(self.tr("Customers"))
        self.resize(980, 520)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search name, id, contact, tier"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search customers"))
        self.count = QLabel(self)
        self.model = CustomerListModel(expiring_days, self)
        self.view = list_view(self.model, self.tr("Customers"), (220, 110, 60, 190, 160, 90, 90), self)
        self.open_button = QPushButton(self.tr("&Open"), self)
        self.open_button.setAccessibleName(self.tr("Open the customer"))
        self.new_button = QPushButton(self.tr("&New customer…"), self)
        self.new_button.setAccessibleName(self.tr("New customer"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(self._search)
        self.search.returnPressed.connect(self._to_list)
        self.view.activated.connect(lambda _index: self._open())
        self.open_button.clicked.connect(self._open)
        self.new_button.clicked.connect(self.new_requested)
        ops.changed.connect(self._changed)
        self.search.installEventFilter(self)
        self.search.setFocus()
        plain_labels(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the search field walks on into the list, as in a completer's popup.
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.view.setFocus()
            return True
        return super().eventFilter(watched, event)

    def reload(self) -> None:
        try:
            rows = customer_rows(self._ops.desk)
        except DeskError as exc:
            self._ops.refuse(error_text(exc))
            rows = []
        self.model.set_rows(rows)
        self._counted()

    def _search(self, words: str) -> None:
        self.model.search(words)
        self._counted()

    def _counted(self) -> None:
        self.count.setText(self.tr("%n customer(s)", "", self.model.rowCount()))
        if self.model.rowCount():
            self.view.selectRow(0)

    def selected(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.customer(index.row()).ref if index.isValid() else None

    def _to_list(self) -> None:
        if self.model.rowCount() == 1:  # one match: Enter opens it
            self._open()
        elif self.model.rowCount():
            self.view.setFocus()

    def _open(self) -> None:
        ref = self.selected()
        if ref is not None:
            self.open_requested.emit(ref)

    def _changed(self, changes: ChangeSet) -> None:
        if (changes.customers or changes.cases or changes.quota_uses) and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()  # hidden, it skipped the changes made meanwhile
