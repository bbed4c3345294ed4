"""The period and filters all three review views share: a preset or custom days, the zone, the breakdown."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QTimeZone, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from desk.review_period import Period
from desk.review_sla import DIMENSIONS
from ui.review.words import code_text
from ui.text import display_zone_name

PRESETS = ("day", "week", "month", "last_month", "custom")


def preset_days(preset: str, today: date) -> tuple[date, date]:
    """The days a preset covers, seen from ``today``."""
    if preset == "day":
        return today, today
    if preset == "week":
        monday = today - timedelta(days=today.weekday())
        return monday, monday + timedelta(days=6)
    first = today.replace(day=1)
    if preset == "last_month":
        last = first - timedelta(days=1)
        return last.replace(day=1), last
    following = (first + timedelta(days=32)).replace(day=1)
    return first, following - timedelta(days=1)


def viewer_zone() -> str:
    """The zone the window shows times in (the settings' choice, else this computer's)."""
    return display_zone_name() or bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"


class PeriodBar(QWidget):
    changed = Signal()

    def __init__(self, plan_zone: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preset = QComboBox(self)
        names = {
            "day": self.tr("Today"),
            "week": self.tr("This week"),
            "month": self.tr("This month"),
            "last_month": self.tr("Last month"),
            "custom": self.tr("Custom range"),
        }
        for code in PRESETS:
            self.preset.addItem(names[code], code)
        self.preset.setAccessibleName(self.tr("Period"))
        self.first = QDateEdit(self)
        self.last = QDateEdit(self)
        for edit, name in ((self.first, self.tr("From")), (self.last, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            for inner in edit.findChildren(QLineEdit):  # the field a screen reader lands on inside the date edit
                inner.setAccessibleName(name)
        self.zone = QComboBox(self)
        plan_label = self.tr("Plan's time zone (%1)").replace("%1", plan_zone)
        self.zone.addItem(plan_label, plan_zone)
        mine = viewer_zone()
        if mine != plan_zone:
            self.zone.addItem(self.tr("My time zone (%1)").replace("%1", mine), mine)
        self.zone.setAccessibleName(self.tr("Time zone of the days"))
        self.by = QComboBox(self)
        for code in DIMENSIONS:
            self.by.addItem(code_text(code), code)
        self.by.setAccessibleName(self.tr("Break the SLA figures down by"))
        self.refresh = QPushButton(self.tr("&Update"), self)
        self.refresh.setAccessibleName(self.tr("Show the figures for this period"))
        label_period = QLabel(self.tr("&Period:"), self)
        label_period.setBuddy(self.preset)
        label_by = QLabel(self.tr("&Break down by:"), self)
        label_by.setBuddy(self.by)
        for widget in (
            label_period,
            self.preset,
            self.first,
            QLabel("–", self),
            self.last,
            self.zone,
            label_by,
            self.by,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.refresh)
        layout.addStretch(1)
        self.preset.setCurrentIndex(PRESETS.index("month"))
        self._apply_preset()
        self.preset.currentIndexChanged.connect(self._preset_chosen)
        self.first.dateChanged.connect(self._edited)
        self.last.dateChanged.connect(self._edited)
        self.zone.currentIndexChanged.connect(self.changed)
        self.by.currentIndexChanged.connect(self.changed)
        self.refresh.clicked.connect(self.changed)

    def _apply_preset(self) -> None:
        code = self.preset.currentData()
        if code == "custom":
            return
        first, last = preset_days(code, self._today)
        for edit, day in ((self.first, first), (self.last, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_chosen(self) -> None:
        self._apply_preset()
        self.changed.emit()

    def _edited(self) -> None:
        self.preset.blockSignals(True)  # typed days are a custom range
        self.preset.setCurrentIndex(PRESETS.index("custom"))
        self.preset.blockSignals(False)

    def period(self) -> Period:
        """The chosen days; raises ``InvalidInput`` (said in the window) when they are the wrong way round."""
        first, last = self.first.date(), self.last.date()
        return Period(
            date(first.year(), first.month(), first.day()),
            date(last.year(), last.month(), last.day()),
            str(self.zone.currentData()),
        )

    def dimension(self) -> str:
        return str(self.by.currentData())
