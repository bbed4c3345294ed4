"""The customer panel: tier and contract, the entitlement matrix in both languages, contacts and goals,
one tracker per quota the tier includes (use, bookings, days until reset), booking and cancelling."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize
from PySide6.QtGui import QPalette, QTextLayout
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.customers import CustomerPanelData, customer_panel
from desk.entitlements import MatrixRow
from desk.quotas import Booking
from desk.services import ChangeSet, DeskError
from ui.customer_upkeep import CustomerUpkeep
from ui.operations import Operations
from ui.plain import plain_labels
from ui.quota_tracker import CancelBookingDialog, QuotaTracker, plain_label
from ui.text import isolate

if TYPE_CHECKING:  # the booking form is imported when first opened
    from ui.booking_dialog import BookingDialog

# The matrix shows both languages side by side whatever the window's language: the catalog's own words.
_YES_NO = {"zh": ("是", "否"), "en": ("yes", "no")}


def matrix_value(row: MatrixRow, language: str) -> str:
    if row.value.text is not None:
        return row.value.text.get(language)
    yes, no = _YES_NO[language]
    return yes if row.value.available else no


class WrappedTextDelegate(QStyledItemDelegate):
    """Row heights from the laid-out text: a Chinese line drawn in a fallback font is taller than the
    widget font's metrics say, and the style's estimate would cut the last line off."""

    def __init__(self, view: QTableWidget) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        style = self._view.style()
        h_margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
        v_margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 1
        width = max(1, self._view.columnWidth(index.column()) - 2 * h_margin)
        height = 0.0
        for paragraph in str(index.data() or "").split("\n"):
            layout = QTextLayout(paragraph, option.font)
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(width)
                height += line.height()
            layout.endLayout()
        return QSize(hint.width(), max(hint.height(), math.ceil(height) + 2 * v_margin))


class CustomerPanel(QWidget):
    def __init__(self, ops: Operations, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Customer and entitlements"))
        self._ops = ops
        self._language = language
        self.data: CustomerPanelData | None = None
        self._asked = 0  # counts the customers asked for: a read answering after a later one was asked is dropped
        self.heading = plain_label(self.tr("No customer selected"), self)
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
            label = plain_label("", self)  # names, contacts and goals are what someone typed
            self.info[key] = label
            form.addRow(text, label)
        self.matrix = QTableWidget(0, 3, self)
        self.matrix.setAccessibleName(self.tr("Entitlements of the tier"))
        self.matrix.setHorizontalHeaderLabels(["权益 / Entitlement", "中文", "English"])
        self.matrix.verticalHeader().hide()
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.setWordWrap(True)
        self.matrix.setItemDelegate(WrappedTextDelegate(self.matrix))
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # a dozen rows
        # Rows follow their text as the columns stretch (a dozen rows: cheap, unlike the queue's table).
        self.matrix.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.trackers_box = QWidget(self)
        self.trackers = QVBoxLayout(self.trackers_box)
        self.trackers.setContentsMargins(0, 0, 0, 0)
        self.book = QPushButton(self.tr("Book quota…"), self)
        self.book.setAccessibleName(self.tr("Book quota for this customer"))
        self.book.setEnabled(False)
        # What the tier does not include, on one line, instead of a tracker reading "0 of 0".
        self.not_included = plain_label("", self.trackers_box)
        self.not_included.setObjectName("not_included")
        self.notice = plain_label("", self)  # says what the last cancellation did
        self.notice.setObjectName("notice")
        self.book.clicked.connect(self.open_booking)
        self.quota_area = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.trackers_box)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Quotas this contract year"), self))
        bottom.addStretch(1)
        bottom.addWidget(self.book)
        self.upkeep = CustomerUpkeep(ops, language, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.upkeep)
        layout.addWidget(self.matrix, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.notice)
        layout.addWidget(scroll, 1)
        self.notice.hide()
        self.dialog: BookingDialog | None = None
        self.cancel_dialog: CancelBookingDialog | None = None
        ops.changed.connect(self._changed)
        plain_labels(self)

    def show_customer(self, customer_ref: str | None) -> None:
        """Show a customer, read now."""
        if not customer_ref:
            return
        self._asked += 1
        try:
            data = customer_panel(self._ops.desk, customer_ref)
        except DeskError:
            self._unreadable()
            return
        self._fill(data)

    def load_customer(self, customer_ref: str | None) -> None:
        """Show a customer read on a reader thread; the latest one asked for wins."""
        if not customer_ref:
            return
        self._asked += 1
        asked, wanted, desk = self._asked, customer_ref, self._ops.desk

        def arrived(data: CustomerPanelData) -> None:
            if self._asked == asked:
                self._fill(data)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError):
                raise exc
            if self._asked == asked:
                self._unreadable()

        self._ops.tasks.read(lambda: customer_panel(desk, wanted), arrived, failed)

    def _unreadable(self) -> None:
        self.data = None
        self.heading.setText(self.tr("No customer selected"))
        self.upkeep.show_customer(None)

    def _fill(self, data: CustomerPanelData) -> None:
        if self.data is None or self.data.ref != data.ref:
            self.notice.hide()
        self.data = d = data
        self.heading.setText(f"{isolate(d.name)} ({d.ref})")
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
        self._show_quotas()
        self.book.setEnabled(d.contract is not None)
        self.upkeep.show_customer(d)

    def _show_quotas(self) -> None:
        d, lang = self.data, self._language
        assert d is not None
        while self.trackers.count():
            item = self.trackers.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.not_included:
                widget.deleteLater()
        if d.quotas is None or d.contract is None:
            self.not_included.hide()
            self._fit_quota_area()
            return
        tier = d.catalog.tiers[d.contract.tier]
        tier_name = f"{tier.name.get(lang)} ({tier.code})"
        missing = []
        for status in d.quotas.statuses:
            quota = d.catalog.quotas[status.kind]
            if status.total == 0 and not status.bookings:
                missing.append(quota.name.get(lang))
                continue
            title = quota.name.get(lang) + (f" · {status.course}" if status.course else "")
            tracker = QuotaTracker(status, title, tier_name, self.trackers_box)
            tracker.cancel_requested.connect(self.open_cancel)
            self.trackers.addWidget(tracker)
            tracker.show()  # now, not when the layout gets to it: the size hint below counts shown widgets only
        self.not_included.setText(
            self.tr("Not included in %1: %2").replace("%1", tier_name).replace("%2", self.tr(", ").join(missing))
        )
        self.not_included.setVisible(bool(missing))
        self.trackers.addWidget(self.not_included)
        self._fit_quota_area()

    def _fit_quota_area(self) -> None:
        # No taller than the trackers need, so a tier with one line of quotas leaves the room to the matrix.
        self.trackers.addStretch(1)
        self.quota_area.setMaximumHeight(self.trackers_box.sizeHint().height() + 2 * self.quota_area.frameWidth())

    def tracker_widgets(self) -> list[QuotaTracker]:
        items = (self.trackers.itemAt(i) for i in range(self.trackers.count()))
        return [w for item in items if item is not None and isinstance(w := item.widget(), QuotaTracker)]

    def _changed(self, changes: ChangeSet) -> None:
        if self.data is not None and (changes.quota_uses or changes.customers):
            self.show_customer(self.data.ref)

    def open_booking(self) -> BookingDialog | None:
        if self.data is None or self.data.contract is None:
            return None
        from ui.booking_dialog import BookingDialog

        self.dialog = BookingDialog(self._ops, self.data, self._language, self)
        self.dialog.open()
        return self.dialog

    def open_cancel(self, booking: Booking, quota_name: str) -> CancelBookingDialog:
        self.cancel_dialog = CancelBookingDialog(self._ops, booking, quota_name, self)
        self.cancel_dialog.accepted.connect(lambda ref=booking.id: self._show_notice(ref))
        self.cancel_dialog.open()
        return self.cancel_dialog

    def _show_notice(self, booking_ref: str) -> None:
        self.notice.setText(self.tr("Booking %1 cancelled; its quota is free again.").replace("%1", booking_ref))
        self.notice.show()
