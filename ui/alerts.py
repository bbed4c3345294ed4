"""Alerts when a case turns at risk or breached: an in-window banner and a tray message, once per
transition, coalesced per tick (never a storm), mutable per case."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSystemTrayIcon, QWidget

from ui.countdown import SEVERITY_HUES
from ui.queue_model import Transition
from ui.text import state_text

ALERT_STATES = ("at_risk", "breached")


class AlertBanner(QFrame):
    """A calm strip above the queue; hidden until something needs the agent."""

    mute_requested = Signal(object)  # uuid.UUID
    open_requested = Signal(object)  # uuid.UUID

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alert-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet("#alert-banner { border: 2px solid #D55E00; border-radius: 4px; }")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.open_case = QPushButton(self.tr("Open"), self)
        self.mute = QPushButton(self.tr("Mute this case"), self)
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        layout = QHBoxLayout(self)
        layout.addWidget(QLabel("⚠", self))
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_case)
        layout.addWidget(self.mute)
        layout.addWidget(self.dismiss)
        self.case_id: uuid.UUID | None = None
        self.dismiss.clicked.connect(self.hide)
        self.mute.clicked.connect(self._mute)
        self.open_case.clicked.connect(self._open)
        self.hide()

    def show_message(self, text: str, case_id: uuid.UUID | None) -> None:
        self.case_id = case_id
        self.message.setText(text)
        self.mute.setVisible(case_id is not None)
        self.open_case.setVisible(case_id is not None)
        self.show()

    def _mute(self) -> None:
        if self.case_id is not None:
            self.mute_requested.emit(self.case_id)
        self.hide()

    def _open(self) -> None:
        if self.case_id is not None:
            self.open_requested.emit(self.case_id)


class AlertCenter(QObject):
    """Turns model transitions into at most one banner update and one tray message per tick."""

    alerted = Signal(str)

    def __init__(self, banner: AlertBanner, parent: QObject | None = None, tray: bool = True) -> None:
        super().__init__(parent)
        self.banner = banner
        self.muted: set[uuid.UUID] = set()
        self._seen: set[tuple[uuid.UUID, str, int]] = set()
        self.tray: QSystemTrayIcon | None = None
        if tray and QSystemTrayIcon.isSystemTrayAvailable():
            pixmap = QPixmap(16, 16)
            pixmap.fill(QColor(SEVERITY_HUES["S1"]))
            self.tray = QSystemTrayIcon(QIcon(pixmap), self)
            self.tray.show()
        banner.mute_requested.connect(self.mute)

    def mute(self, case_id: uuid.UUID) -> None:
        self.muted.add(case_id)

    def unmute(self, case_id: uuid.UUID) -> None:
        self.muted.discard(case_id)

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
        breached = [t for t in fresh if t.new == "breached"]
        first = (breached or fresh)[0]
        if len(fresh) == 1:
            text = self.tr("%1 (%2, %3) is now %4").replace("%1", first.entry.ref)
            text = text.replace("%2", first.entry.customer_name).replace("%3", first.entry.severity)
            text = text.replace("%4", state_text(first.new))
        else:
            text = (
                self.tr("%1 cases need attention: %2 breached, %3 at risk")
                .replace("%1", str(len(fresh)))
                .replace("%2", str(len(breached)))
                .replace("%3", str(len(fresh) - len(breached)))
            )
        self.banner.show_message(text, first.entry.case_id if len(fresh) == 1 else None)
        if self.tray is not None and self.tray.supportsMessages():
            self.tray.showMessage(self.tr("The desk"), text, QSystemTrayIcon.MessageIcon.Warning, 10_000)
        self.alerted.emit(text)
