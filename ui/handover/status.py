"""The window's status-bar corner for shifts: the agent's shift (or an offer to start one) and the handovers
waiting for their acknowledgement, each with a button.

Waiting means: the latest revision is signed and not acknowledged, and the handover is addressed to this
agent, or to no one in particular (then anyone but its outgoing agent may take it, as the core allows).
It is looked up when the window opens, after every handover change made here, and every two minutes
while shown (another desk may sign meanwhile): a read of a few rows, never a write.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desk.changes import ChangeSet
from desk.errors import DeskError
from desk.handover import Handover, ReportSummary, ShiftInfo
from ui.handover.start_form import shown
from ui.operations import Operations
from ui.plain import plain_labels
from ui.settings import Settings

POLL_MS = 120_000


class ShiftStatus(QWidget):
    """``ShiftStatus(Handover(desk), agent, settings)``; add it to the status bar as a permanent widget."""

    def __init__(
        self,
        handover: Handover,
        agent: str,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.handover, self.agent, self.settings, self.ops = handover, agent, settings, ops
        if ops is not None:  # any handover write of the window (a dialog, the review) shows here at once
            ops.changed.connect(self._changed)
        self.shift: ShiftInfo | None = None
        self.waiting: list[ReportSummary] = []
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.shift_label = QLabel(self)
        self.shift_label.setTextFormat(Qt.TextFormat.PlainText)
        self.shift_button = QPushButton(self)
        self.shift_button.setAccessibleName(self.tr("My shift"))
        self.waiting_label = QLabel(self)
        self.waiting_label.setTextFormat(Qt.TextFormat.PlainText)
        self.waiting_button = QPushButton(self.tr("Open to acknowledge…"), self)
        self.waiting_button.setAccessibleName(self.tr("Open the handover waiting for my acknowledgement"))
        for widget in (self.waiting_label, self.waiting_button, self.shift_label, self.shift_button):
            layout.addWidget(widget)
        self.shift_button.clicked.connect(self.open_shift)
        self.waiting_button.clicked.connect(self.open_waiting)
        self.timer = QTimer(self)
        self.timer.setObjectName("shift_status_poll")
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.refresh)
        self.refresh()
        plain_labels(self)

    def refresh(self, *_: object) -> None:
        for widget in (self.shift_label, self.shift_button):
            widget.setVisible(bool(self.agent.strip()))  # no agent name (Settings): no shift to offer
        try:
            self.shift = self.handover.current_shift(self.agent) if self.agent else None
            self.waiting = self.handover.waiting_for(self.agent) if self.agent else []
        except DeskError:
            return  # the window reports the store's troubles; this corner just keeps what it showed
        if self.shift is None:
            self.shift_label.setText(self.tr("No shift started"))
            self.shift_button.setText(self.tr("Start my shift…"))
        else:
            self.shift_label.setText(
                self.tr("Shift %1 – %2").replace("%1", shown(self.shift.starts_at, self.shift.timezone))
                .replace("%2", shown(self.shift.ends_at, self.shift.timezone)[-5:])
            )  # fmt: skip
            self.shift_button.setText(self.tr("Handover…"))
        count = len(self.waiting)
        if count:
            first = self.waiting[-1]  # the oldest shift first: it has waited longest
            self.waiting_label.setText(
                self.tr("%n handover(s) waiting for your acknowledgement, from %1", "", count).replace(
                    "%1", first.outgoing
                )
            )
        self.waiting_label.setVisible(count > 0)
        self.waiting_button.setVisible(count > 0)

    def _changed(self, changes: ChangeSet) -> None:
        if changes.shifts or changes.reports:
            self.refresh()

    def open_shift(self) -> QWidget:
        from ui.handover import open_handover

        dialog = open_handover(self.window(), self.handover.desk, self.agent, self.settings, ops=self.ops)
        dialog.changed.connect(self.refresh)
        dialog.finished.connect(self.refresh)
        return dialog

    def open_waiting(self) -> QWidget | None:
        """The oldest handover waiting, in the handover dialog, ready to acknowledge."""
        if not self.waiting:
            return None
        from ui.handover import open_handover

        report = self.waiting[-1]
        dialog = open_handover(
            self.window(), self.handover.desk, self.agent, self.settings, report.shift_id, ops=self.ops
        )
        dialog.changed.connect(self.refresh)
        return dialog

    def showEvent(self, event: QShowEvent) -> None:
        self.timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()
        super().hideEvent(event)
