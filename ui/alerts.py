"""Alerts when a case turns at risk or breached: a fixed strip above the queue, a tray message, and the
recent alerts to go back to; once per transition, coalesced per tick (never a storm), mutable per case."""

from __future__ import annotations

import html
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QGuiApplication, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSystemTrayIcon,
    QWidget,
)

from desk.clock import Clock
from desk.palette import rank_colour
from desk.vocabulary import ALERT_STATES, ClockState
from ui.plain import plain_tooltip
from ui.queue_model import Transition
from ui.text import fill, isolate, local_time, state_text

RECENT = 20  # alerts kept to go back to


@dataclass(frozen=True)
class RecentAlert:
    at: datetime
    case_id: uuid.UUID
    ref: str
    customer: str
    state: str


class ElidedLabel(QLabel):
    """One line of plain text, elided to the width it is given (the full text in its tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._full = ""

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(plain_tooltip(text))
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width())))


class AlertBanner(QFrame):
    """A strip of fixed height above the queue, always there: quiet until something needs the agent, so an
    alert never moves the rows under the mouse; the recent alerts stay one click away."""

    mute_requested = Signal(object)  # uuid.UUID
    open_requested = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert-banner")
        self.setAccessibleName(self.tr("Alerts"))
        self.setStyleSheet(
            "#alert-banner { border: 2px solid transparent; border-radius: 4px; }"
            '#alert-banner[active="true"] { border-color: #D55E00; }'
        )
        self.icon = QLabel("⚠", self)
        self.message = ElidedLabel(self)
        self.message.setAccessibleName(self.tr("Latest alert"))
        self.open_case = QPushButton(self.tr("Open"), self)
        self.mute = QPushButton(self.tr("Mute this case"), self)
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        self.recent = QPushButton(self.tr("Recent alerts"), self)
        self.recent.setAccessibleName(self.tr("Recent alerts"))
        self.recent.setMenu(QMenu(self.recent))
        self.history: deque[RecentAlert] = deque(maxlen=RECENT)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(self.icon)
        layout.addWidget(self.message, 1)
        for button in (self.open_case, self.mute, self.dismiss, self.recent):
            layout.addWidget(button)
        # Its height never changes, whatever it shows: the queue below never moves.
        tallest = max(w.sizeHint().height() for w in (self.open_case, self.recent, self.message))
        self.setFixedHeight(tallest + 4 + 2 * self.frameWidth() + 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.case_id: uuid.UUID | None = None
        self.dismiss.clicked.connect(self.clear)
        self.mute.clicked.connect(self._mute)
        self.open_case.clicked.connect(self._open)
        self.clear()
        self._fill_recent()

    @property
    def active(self) -> bool:
        """An alert is showing (not yet dismissed)."""
        return self.property("active") is True

    def show_message(self, text: str, case_id: uuid.UUID | None) -> None:
        self.case_id = case_id
        self.message.set_full_text(text)
        self.setAccessibleDescription(text)  # the whole text, whatever the label has room for
        self._set_active(True, with_case=case_id is not None)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))

    def clear(self) -> None:
        self.case_id = None
        self.message.set_full_text(self.tr("No new alerts"))
        self.setAccessibleDescription("")
        self._set_active(False, with_case=False)

    def remember(self, alerts: list[RecentAlert]) -> None:
        self.history.extendleft(alerts)  # newest first
        self._fill_recent()

    def _set_active(self, active: bool, with_case: bool) -> None:
        if self.property("active") is not active:
            # Re-polishing the banner's style sheet costs milliseconds on the GUI thread: only when its look
            # changes, not on every alert of a tick that finds it already showing one.
            self.setProperty("active", active)
            self.style().unpolish(self)
            self.style().polish(self)
        self.icon.setEnabled(active)
        self.message.setEnabled(active)
        self.open_case.setVisible(with_case)
        self.mute.setVisible(with_case)
        self.dismiss.setVisible(active)

    def _fill_recent(self) -> None:
        menu = self.recent.menu()
        menu.clear()
        for alert in self.history:
            at = local_time(alert.at, zone=False)[-5:]
            text = fill(self.tr("%1  %2 (%3) %4"), at, alert.ref, isolate(alert.customer), state_text(alert.state))
            action = menu.addAction(text.replace("&", "&&"))  # no mnemonics in user text
            action.triggered.connect(lambda _checked=False, case_id=alert.case_id: self.open_requested.emit(case_id))
        if not self.history:
            menu.addAction(self.tr("No alerts yet")).setEnabled(False)

    def _mute(self) -> None:
        if self.case_id is not None:
            self.mute_requested.emit(self.case_id)
        self.clear()

    def _open(self) -> None:
        if self.case_id is not None:
            self.open_requested.emit(self.case_id)


class AlertCenter(QObject):
    """Turns model transitions into at most one banner update and one tray message per tick."""

    alerted = Signal(str)

    def __init__(self, banner: AlertBanner, clock: Clock, parent: QObject | None = None, tray: bool = True) -> None:
        super().__init__(parent)
        self.banner = banner
        self._clock = clock
        self.muted: set[uuid.UUID] = set()
        self._seen: set[tuple[uuid.UUID, str, int]] = set()
        self.tray: QSystemTrayIcon | None = None
        if tray and QSystemTrayIcon.isSystemTrayAvailable():
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(rank_colour(1)))  # the most severe hue: the tray says "alerts"
            self.tray = QSystemTrayIcon(QIcon(pixmap), self)
            self.tray.show()
        banner.mute_requested.connect(self.mute)

    def mute(self, case_id: uuid.UUID) -> None:
        self.muted.add(case_id)

    def on_transitions(self, transitions: list[Transition]) -> None:
        fresh = []
        for t in transitions:
            key = (t.entry.case_id, t.new, t.entry.version)
            if t.new not in ALERT_STATES or t.entry.case_id in self.muted or key in self._seen:
                continue
            self._seen.add(key)
            fresh.append(t)
        if not fresh:
            return
        now = self._clock.now()
        self.banner.remember(
            [RecentAlert(now, t.entry.case_id, t.entry.ref, t.entry.customer_name, t.new) for t in reversed(fresh)]
        )
        breached = [t for t in fresh if t.new == ClockState.BREACHED]
        first = (breached or fresh)[0]
        if len(fresh) == 1:
            entry = first.entry
            text = fill(
                self.tr("%1 (%2, %3) is now %4"),
                entry.ref, isolate(entry.customer_name), entry.severity, state_text(first.new),
            )  # fmt: skip
        else:  # the cases that turned at this tick, not all the queue's (a reader must not take it for a total)
            text = (
                self.tr("%1 cases turned just now: %2 breached, %3 at risk")
                .replace("%1", str(len(fresh)))
                .replace("%2", str(len(breached)))
                .replace("%3", str(len(fresh) - len(breached)))
            )
        self.banner.show_message(text, first.entry.case_id if len(fresh) == 1 else None)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(self.tr("The desk"), tray_text(text), QSystemTrayIcon.MessageIcon.Warning, 10_000)
        self.alerted.emit(text)


def tray_text(text: str) -> str:
    """The alert as a tray message shows it literally.

    On Linux the message travels to the desktop's notification server, which reads a subset of HTML
    (the freedesktop notification spec's body markup): a customer named ``<b>x</b>`` would turn bold, or an
    ``<a>`` a link. There the text is escaped; other platforms show the message as plain text already.
    """
    if QGuiApplication.platformName() in ("xcb", "wayland"):
        return html.escape(text, quote=False)
    return text
