"""The customer panel: tier and contract, the entitlement matrix in both languages, contacts and goals,
one tracker per quota (used / total this contract year, bookings, days until reset), and booking."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.customers import CustomerPanelData, customer_panel
from desk.entitlements import MatrixRow
from desk.quotas import QuotaStatus
from desk.services import ChangeSet, DeskError
from ui.booking_dialog import BookingDialog
from ui.operations import Operations

# The matrix shows both languages side by side whatever the window's language: the catalog's own words.
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def matrix_value(row: MatrixRow, language: str) -> str:
    if row.value.text is not None:
        return row.value.text.get(language)
    yes, no = _YES_NO[language]
    return yes if row.value.available else no


class QuotaTracker(QGroupBox):
    def __init__(self, status: QuotaStatus, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.status = status
        self.bar = QProgressBar(self)
        self.bar.setRange(0, max(status.total, status.used, 1))
        self.bar.setValue(min(status.used, self.bar.maximum()))
        self.bar.setFormat(self.tr("%1 of %2 used").replace("%1", str(status.used)).replace("%2", str(status.total)))
        self.reset = QLabel(
            self.tr("Contract year %1 – %2; resets in %3 days")
            .replace("%1", status.year.first.isoformat())
            .replace("%2", status.year.last.isoformat())
            .replace("%3", str(status.days_until_reset)),
            self,
        )
        lines = []
        for b in status.bookings:
            text = f"{b.id}: {b.start.isoformat()} – {b.end.isoformat()}"
            if b.persons != 1:
                text += " " + self.tr("(%1 persons)").replace("%1", str(b.persons))
            if b.cancelled:
                text += " · " + self.tr("cancelled")
            if b.override_reason:
                text += " · " + self.tr("override: %1").replace("%1", b.override_reason)
            lines.append(text)
        self.bookings = QLabel("\n".join(lines) or self.tr("No bookings this contract year"), self)
        self.bookings.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.reset)
        layout.addWidget(self.bookings)


class CustomerPanel(QWidget):
    def __init__(self, ops: Operations, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._language = language
        self.data: CustomerPanelData | None = None
        self.heading = QLabel(self.tr("No customer selected"), self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        self.info: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, text in (
            ("tier", self.tr("Tier")),
            ("contract", self.tr("Contract")),
            ("technical", self.tr("Technical contact")),
            ("ops", self.tr("Ops contact")),
            ("goals", self.tr("Business goals")),
        ):
            label = QLabel(self)
            label.setWordWrap(True)
            self.info[key] = label
            form.addRow(text, label)
        self.matrix = QTableWidget(0, 3, self)
        self.matrix.setHorizontalHeaderLabels(["权益 / Entitlement", "中文", "English"])
        self.matrix.verticalHeader().hide()
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setWordWrap(True)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # a dozen rows
        self.matrix.horizontalHeader().sectionResized.connect(lambda *_: self.matrix.resizeRowsToContents())
        self.trackers_box = QWidget(self)
        self.trackers = QVBoxLayout(self.trackers_box)
        self.trackers.setContentsMargins(0, 0, 0, 0)
        self.book = QPushButton(self.tr("Book quota…"), self)
        self.book.setEnabled(False)
        self.book.clicked.connect(self.open_booking)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.trackers_box)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Quotas this contract year"), self))
        bottom.addStretch(1)
        bottom.addWidget(self.book)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.matrix, 3)
        layout.addLayout(bottom)
        layout.addWidget(scroll, 2)
        self.dialog: BookingDialog | None = None
        ops.changed.connect(self._changed)

    def show_customer(self, customer_ref: str | None) -> None:
        if not customer_ref:
            return
        try:
            self.data = customer_panel(self._ops.desk, customer_ref)
        except DeskError:
            self.data = None
            self.heading.setText(self.tr("No customer selected"))
            return
        d, lang = self.data, self._language
        self.heading.setText(f"{d.name} ({d.ref})")
        if d.contract is not None:
            tier = d.catalog.tiers[d.contract.tier]
            self.info["tier"].setText(f"{tier.code} {tier.name.zh} / {tier.name.en}")
            state = self.tr("in force") if d.in_force else self.tr("not in force today")
            self.info["contract"].setText(
                f"{d.contract.ref}: {d.contract.start.isoformat()} – {d.contract.end.isoformat()} ({state}) · "
                + self.tr("plan %1").replace("%1", d.contract.catalog_version)
            )
        else:
            self.info["tier"].setText("–")
            self.info["contract"].setText(self.tr("No contract"))
        self.info["technical"].setText(d.technical_contact or "–")
        self.info["ops"].setText(d.ops_contact or "–")
        self.info["goals"].setText(d.business_goals or "–")
        self.matrix.setRowCount(len(d.matrix))
        for row, m in enumerate(d.matrix):
            cells = [f"{m.entitlement.name.zh}\n{m.entitlement.name.en}", matrix_value(m, "zh"), matrix_value(m, "en")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not m.value.available:
                    item.setForeground(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
                self.matrix.setItem(row, column, item)
        self.matrix.resizeRowsToContents()
        while self.trackers.count():
            item = self.trackers.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        if d.quotas is not None:
            for status in d.quotas.statuses:
                quota = d.catalog.quotas[status.kind]
                title = quota.name.get(lang) + (f" · {status.course}" if status.course else "")
                if status.total == 0:
                    title += " · " + self.tr("not entitled")
                self.trackers.addWidget(QuotaTracker(status, title, self.trackers_box))
        self.trackers.addStretch(1)
        self.book.setEnabled(d.contract is not None)

    def _changed(self, changes: ChangeSet) -> None:
        if self.data is not None and (changes.quota_uses or changes.customers):
            self.show_customer(self.data.ref)

    def open_booking(self) -> BookingDialog | None:
        if self.data is None or self.data.contract is None:
            return None
        self.dialog = BookingDialog(self._ops, self.data, self._language, self)
        self.dialog.open()
        return self.dialog
