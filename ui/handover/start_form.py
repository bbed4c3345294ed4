"""The form that starts (or records) an agent's shift: its real start and end in the shift's time zone.

The window never starts a shift by itself: it offers one in the status bar from the moment the desk
opens (``ui.handover.status``), and this form proposes as the start the agent's first recorded action of
the last 12 hours (someone who forgot to press "start" at 12:03 and opens the handover at 20:04 is
offered 12:03 – 20:03), else now. An end already past records a finished shift.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QFormLayout, QLabel, QLineEdit, QPushButton, QWidget

from desk.services import Desk
from ui.handover.scope_picker import Scope, ScopePicker
from ui.plain import plain_labels
from ui.text import duration_text

LOOK_BACK = timedelta(hours=12)
DEFAULT_LENGTH = timedelta(hours=8)
_FORMAT = "yyyy-MM-dd HH:mm"


def _to_qt(instant: datetime, zone: ZoneInfo) -> QDateTime:
    local = instant.astimezone(zone)
    return QDateTime.fromString(f"{local:%Y-%m-%d %H:%M}", _FORMAT)


def _from_qt(value: QDateTime, zone: ZoneInfo) -> datetime:
    # The fields show wall-clock time in the shift's zone, whatever the computer's own zone is.
    day, time = value.date(), value.time()
    return datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=zone)


class ShiftStartForm(QWidget):
    """Start and end (in ``zone``), incoming agent, whose cases; ``start_button`` is the dialog's to connect."""

    def __init__(self, zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = ZoneInfo(zone)
        form = QFormLayout(self)
        self.intro = QLabel(self.tr("You have no shift running. Start it now, or enter the shift you worked."), self)
        form.addRow(self.intro)
        self.starts = QDateTimeEdit(self)
        self.ends = QDateTimeEdit(self)
        for edit, name in ((self.starts, self.tr("Shift start")), (self.ends, self.tr("Shift end"))):
            edit.setDisplayFormat(_FORMAT)
            edit.setCalendarPopup(True)
            edit.setAccessibleName(name)
            edit.dateTimeChanged.connect(self._update_button)
        form.addRow(self.tr("Start (%1)").replace("%1", zone), self.starts)
        form.addRow(self.tr("End (%1)").replace("%1", zone), self.ends)
        self.incoming = QLineEdit(self)
        self.incoming.setAccessibleName(self.tr("Incoming agent"))
        form.addRow(self.tr("Incoming agent"), self.incoming)
        self.scope_picker = ScopePicker(self)
        form.addRow(self.tr("Cases"), self.scope_picker)
        self.length = QLabel(self)
        form.addRow(self.length)
        self.start_button = QPushButton(self)
        self.start_button.setAccessibleName(self.tr("Start or record the shift"))
        form.addRow(self.start_button)
        self.now = datetime.now(self.zone)
        self.setMaximumWidth(640)  # a short form: fields as wide as a date, not the whole dialog
        plain_labels(self)

    def propose(self, now: datetime, first_action: datetime | None, agent: str, known: Sequence[str]) -> None:
        """Fill in the likely shift: from the first action (else now) for eight hours; the agent's own cases."""
        self.now = now
        start = (first_action or now).replace(second=0, microsecond=0)
        for edit, value in ((self.starts, start), (self.ends, start + DEFAULT_LENGTH)):
            edit.blockSignals(True)  # the button's text follows both: once, below
            edit.setDateTime(_to_qt(value, self.zone))
            edit.blockSignals(False)
        self.scope_picker.set_choices(known, (agent,))
        self._update_button()

    def shift_window(self) -> tuple[datetime, datetime]:
        """The chosen start and end (not QWidget.window(), which this name used to hide)."""
        return _from_qt(self.starts.dateTime(), self.zone), _from_qt(self.ends.dateTime(), self.zone)

    def scope(self) -> Scope:
        return self.scope_picker.scope()

    def _update_button(self, *_: object) -> None:
        start, end = self.shift_window()
        over = end <= self.now
        self.start_button.setText(self.tr("Record this shift") if over else self.tr("Start my shift"))
        seconds = int((end - start).total_seconds())
        if seconds <= 0:
            self.length.setText(self.tr("The end must come after the start."))
        elif over:
            self.length.setText(
                self.tr("%1 long, already over: it is recorded as a finished shift.").replace(
                    "%1", duration_text(seconds)
                )
            )
        else:
            self.length.setText(
                self.tr("%1 long: it runs until its end, or until you end it.").replace("%1", duration_text(seconds))
            )


def shown(instant: datetime, zone: str) -> str:
    """An instant as the report shows it: wall-clock minutes in the shift's zone."""
    return f"{instant.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"


def desk_zone(desk: Desk) -> str:
    """The zone new shifts are shown in: the plan's (as the core's default)."""
    return desk.catalogs.latest.timezone.key


__all__ = ["ShiftStartForm", "desk_zone", "shown"]
