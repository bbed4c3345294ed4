"""One quota's tracker in the customer panel (use, state, the contract year's bookings) and the cancel dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.quotas import Booking, QuotaStatus
from desk.services import DeskError
from ui.errors import error_text
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import fill

# Okabe-Ito hues (colour-blind safe); the state is also in the text and the icon, never in colour alone.
_LOOK = {
    "left": (QStyle.StandardPixmap.SP_MessageBoxInformation, None),
    "used_up": (QStyle.StandardPixmap.SP_MessageBoxWarning, QColor("#E69F00")),
    "over": (QStyle.StandardPixmap.SP_MessageBoxCritical, QColor("#D55E00")),
    "not_included": (QStyle.StandardPixmap.SP_MessageBoxWarning, QColor("#D55E00")),
}


def quota_level(status: QuotaStatus) -> str:
    """How much of a quota is left, as the tracker shows it: left, used_up, over or not_included."""
    if status.total == 0:
        return "not_included"
    if status.remaining < 0:
        return "over"
    return "used_up" if status.remaining == 0 else "left"


def plain_label(text: str, parent: QWidget) -> QLabel:
    """A label that never reads its text as markup (it may hold what a customer or agent typed)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    return label


class QuotaTracker(QGroupBox):
    """Used / total this contract year with its state, the year's bookings and a Cancel action."""

    cancel_requested = Signal(object, str)  # the Booking, the quota's title

    def __init__(self, status: QuotaStatus, title: str, tier_name: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.status = status
        self.title_text = title
        self.level = quota_level(status)
        self.setAccessibleName(title)
        icon_kind, colour = _LOOK[self.level]
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon = QLabel(self)
        self.icon.setPixmap(self.style().standardIcon(icon_kind).pixmap(size, size))
        self.state = plain_label(self._state_text(tier_name), self)
        self.state.setObjectName("quota_state")
        if colour is not None:  # the words stay in the text colour (contrast, dark mode); the bar takes the hue
            font = self.state.font()
            font.setBold(True)
            self.state.setFont(font)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName(self.tr("Quota used"))
        self.bar.setRange(0, max(status.total, status.used, 1))
        self.bar.setValue(min(status.used, self.bar.maximum()))
        self.bar.setFormat(self.tr("%1 of %2 used").replace("%1", str(status.used)).replace("%2", str(status.total)))
        self.bar.setVisible(status.total > 0)
        if colour is not None:
            palette = self.bar.palette()
            palette.setColor(QPalette.ColorRole.Highlight, colour)
            self.bar.setPalette(palette)
        self.reset = plain_label(
            self.tr("Contract year %1 – %2; resets in %3 days")
            .replace("%1", status.year.first.isoformat())
            .replace("%2", status.year.last.isoformat())
            .replace("%3", str(status.days_until_reset)),
            self,
        )
        self.table = self._bookings_table(status.bookings)
        self.empty = plain_label(self.tr("No bookings this contract year"), self)
        self.empty.setVisible(not status.bookings)
        self.cancel = QPushButton(self.tr("Cancel booking…"), self)
        self.cancel.setAccessibleName(self.tr("Cancel the selected booking"))
        self.cancel.setToolTip(self.tr("Select a booking in the list, then cancel it"))
        self.cancel.setEnabled(False)
        self.cancel.setVisible(bool(status.bookings))
        self.cancel.clicked.connect(self._cancel_clicked)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        state_row = QHBoxLayout()
        state_row.addWidget(self.icon)
        state_row.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(state_row)
        layout.addWidget(self.bar)
        layout.addWidget(self.reset)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        layout.addLayout(buttons)
        plain_labels(self)

    def _state_text(self, tier_name: str) -> str:
        s = self.status
        if self.level == "not_included":
            return (
                self.tr("Not included in %1; %2 booked with an override")
                .replace("%1", tier_name)
                .replace("%2", str(s.used))
            )
        if self.level == "over":
            return (
                self.tr("Over the quota: %1 of %2 used (booked with an override)")
                .replace("%1", str(s.used))
                .replace("%2", str(s.total))
            )
        if self.level == "used_up":
            return self.tr("Used up: all %1 used, none left").replace("%1", str(s.total))
        return self.tr("%1 of %2 left").replace("%1", str(s.remaining)).replace("%2", str(s.total))

    def _bookings_table(self, bookings: tuple[Booking, ...]) -> QTableWidget:
        headers = [
            self.tr("Booking"),
            self.tr("Days"),
            self.tr("Persons"),
            self.tr("State"),
            self.tr("Override / note"),
        ]
        table = QTableWidget(len(bookings), len(headers), self)
        table.setAccessibleName(self.tr("Bookings this contract year"))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a handful of rows
        header.setStretchLastSection(True)
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        for row, b in enumerate(bookings):
            days = b.start.isoformat() if b.start == b.end else f"{b.start.isoformat()} – {b.end.isoformat()}"
            state = self.tr("cancelled") if b.cancelled else self.tr("booked")
            remark = " · ".join(
                part
                for part in (
                    self.tr("override: %1").replace("%1", b.override_reason) if b.override_reason else "",
                    b.note,
                )
                if part
            )
            for column, text in enumerate((b.id, days, str(b.persons), state, remark)):
                item = QTableWidgetItem(text)  # item views draw plain text: user text stays text
                if b.cancelled:
                    item.setForeground(grey)
                table.setItem(row, column, item)
        table.setVisible(bool(bookings))
        table.resizeRowsToContents()
        table.setFixedHeight(header.sizeHint().height() + table.verticalHeader().length() + 2 * table.frameWidth())
        return table

    def selected_booking(self) -> Booking | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.status.bookings[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        booking = self.selected_booking()
        self.cancel.setEnabled(booking is not None and not booking.cancelled)

    def _cancel_clicked(self) -> None:
        booking = self.selected_booking()
        if booking is not None and not booking.cancelled:
            self.cancel_requested.emit(booking, self.title_text)


class CancelBookingDialog(QDialog):
    """Asks why, says what will happen, and cancels through the desk only when the agent confirms."""

    def __init__(self, ops: Operations, booking: Booking, quota_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cancel booking %1").replace("%1", booking.id))
        self._ops = ops
        self.booking = booking
        self.cancelled = False
        days = (
            booking.start.isoformat()
            if booking.start == booking.end
            else (f"{booking.start.isoformat()} – {booking.end.isoformat()}")
        )
        self.summary = plain_label(
            fill(
                self.tr("Cancel booking %1 (%2, %3)? The quota it used is given back to its contract year."),
                booking.id,
                quota_name,
                days,
            ),
            self,
        )
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Reason for cancelling"))
        self.reason.setPlaceholderText(self.tr("Why it is cancelled (kept in the booking's log)"))
        self.problems = plain_label("", self)
        self.problems.setStyleSheet("color: #D55E00")
        self.buttons = QDialogButtonBox(self)
        self.confirm = self.buttons.addButton(self.tr("Cancel booking"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName(self.tr("Confirm cancelling the booking"))
        self.keep = self.buttons.addButton(self.tr("Keep booking"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep.setAccessibleName(self.tr("Keep the booking"))
        self.confirm.setEnabled(False)
        self.reason.textChanged.connect(lambda text: self.confirm.setEnabled(bool(text.strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(plain_label(self.tr("Reason"), self))
        layout.addWidget(self.reason)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        plain_labels(self)

    def accept(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            self.problems.setText(self.tr("Give a reason for cancelling."))
            self.reason.setFocus()
            return
        ref = self.booking.id
        try:
            changes = self._ops.run(lambda desk: desk.cancel_booking(ref, reason), reraise=(DeskError,))
        except DeskError as exc:
            self.problems.setText(error_text(exc))
            return
        if changes is not None:
            self.cancelled = True
            super().accept()
