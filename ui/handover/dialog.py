"""The shift handover dialog: start a shift, per-case notes/owner/next action, readiness, generate, sign."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.handover import Handover, ReportSummary, ShiftInfo
from desk.report_render import export_report
from desk.services import DeskError
from desk.store.engine import StoreError
from ui.handover.models import HandoverCasesModel

EXPORT_FILTERS = {"pdf": "PDF (*.pdf)", "html": "HTML (*.html)", "md": "Markdown (*.md)", "csv": "CSV (*.csv)",
                  "json": "JSON (*.json)"}  # fmt: skip


def readiness_text(code: str, ref: str, severity: str) -> str:
    from PySide6.QtCore import QCoreApplication

    texts = {
        "no_owner": QCoreApplication.translate("Handover", "%1 (%2): at risk or breached, no owner"),
        "no_next_action": QCoreApplication.translate("Handover", "%1 (%2): at risk or breached, no next action"),
        "s1_not_briefed": QCoreApplication.translate("Handover", "%1 (%2): S1 not verbally briefed"),
    }
    return texts.get(code, f"%1 (%2): {code}").replace("%1", ref).replace("%2", severity)


class HandoverDialog(QDialog):
    """An agent's handover: ``HandoverDialog(Handover(desk), agent)``; opens the agent's current shift."""

    changed = Signal(object)  # the shift id, after any change (views refresh what they show of it)

    def __init__(
        self, handover: Handover, agent: str, parent: QWidget | None = None, shift_id: uuid.UUID | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover"))
        self.handover, self.agent = handover, agent
        self.shift: ShiftInfo | None = None
        self.latest: ReportSummary | None = None
        layout = QVBoxLayout(self)

        self.start_box = QWidget(self)
        start_form = QFormLayout(self.start_box)
        self.incoming_new = QLineEdit(self.start_box)
        self.hours = QDoubleSpinBox(self.start_box)
        self.hours.setRange(1, 24)
        self.hours.setValue(8)
        self.start_button = QPushButton(self.tr("Start shift"), self.start_box)
        start_form.addRow(self.tr("Incoming agent"), self.incoming_new)
        start_form.addRow(self.tr("Hours"), self.hours)
        start_form.addRow(self.start_button)
        layout.addWidget(self.start_box)

        self.shift_box = QWidget(self)
        shift_layout = QVBoxLayout(self.shift_box)
        shift_layout.setContentsMargins(0, 0, 0, 0)
        self.window_label = QLabel(self.shift_box)
        head = QHBoxLayout()
        head.addWidget(self.window_label, 1)
        head.addWidget(QLabel(self.tr("Incoming agent"), self.shift_box))
        self.incoming = QLineEdit(self.shift_box)
        head.addWidget(self.incoming)
        shift_layout.addLayout(head)
        self.model = HandoverCasesModel(self._save_entry, self)
        self.table = QTableView(self.shift_box)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Title, next action and handover note carry the words; the rest are short codes.
        for column, width in enumerate((110, 60, 260, 170, 140, 110, 100, 200, 240, 90)):
            header.resizeSection(column, width)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.notes = QPlainTextEdit(self.shift_box)
        self.notes.setPlaceholderText(self.tr("Free-form notes for the next shift"))
        self.readiness_list = QListWidget(self.shift_box)
        split = QSplitter(self.shift_box)
        split.addWidget(self.notes)
        split.addWidget(self.readiness_list)
        shift_layout.addWidget(self.table, 3)
        shift_layout.addWidget(split, 1)
        buttons = QHBoxLayout()
        self.save_notes_button = QPushButton(self.tr("Save notes"), self.shift_box)
        self.check_button = QPushButton(self.tr("Check readiness"), self.shift_box)
        self.generate_button = QPushButton(self.tr("Generate report"), self.shift_box)
        self.sign_button = QPushButton(self.tr("Sign"), self.shift_box)
        self.correct_button = QPushButton(self.tr("Correct…"), self.shift_box)
        self.export_button = QPushButton(self.tr("Export…"), self.shift_box)
        self.end_button = QPushButton(self.tr("End shift now"), self.shift_box)
        for button in (self.save_notes_button, self.check_button, self.end_button, self.generate_button,
                       self.sign_button, self.correct_button, self.export_button):  # fmt: skip
            buttons.addWidget(button)
        shift_layout.addLayout(buttons)
        layout.addWidget(self.shift_box)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)

        self.start_button.clicked.connect(self.start_shift)
        self.incoming.editingFinished.connect(self._save_incoming)
        self.save_notes_button.clicked.connect(self.save_notes)
        self.check_button.clicked.connect(self.check_readiness)
        self.end_button.clicked.connect(self.end_shift)
        self.generate_button.clicked.connect(self.generate)
        self.sign_button.clicked.connect(self.sign)
        self.correct_button.clicked.connect(self._ask_correction)
        self.export_button.clicked.connect(self._ask_export)
        self.resize(1100, 640)
        self.load(shift_id)

    # ---------------------------------------------------------------- loading

    def _run(self, action: Any) -> Any:
        """Run one desk call; a refusal is shown in the dialog (never a crash, never a modal box)."""
        try:
            result = action()
        except (DeskError, StoreError) as exc:
            self.status.setText(str(exc))
            return None
        self.status.clear()
        return result

    def load(self, shift_id: uuid.UUID | None = None) -> None:
        if shift_id is None and self.shift is not None:
            shift_id = self.shift.id
        shift = self.handover.shift(shift_id) if shift_id else self.handover.current_shift(self.agent)
        self.shift = shift
        self.start_box.setVisible(shift is None)
        self.shift_box.setVisible(shift is not None)
        if shift is None:
            return
        self.latest = self.handover.latest_report(shift.id)
        zone = ZoneInfo(shift.timezone)  # the shift's own zone, as in its report

        def shown(instant: datetime) -> str:
            return f"{instant.astimezone(zone):%Y-%m-%d %H:%M}"

        self.window_label.setText(
            self.tr("%1 → %2, %3 – %4").replace("%1", shift.outgoing).replace("%2", shift.incoming or "?")
            .replace("%3", shown(shift.starts_at)).replace("%4", f"{shown(shift.ends_at)} ({shift.timezone})")
        )  # fmt: skip
        self.incoming.setText(shift.incoming)
        self.notes.setPlainText(shift.notes)
        self.model.read_only = shift.locked
        self.model.set_rows(self.handover.shift_cases(shift.id))
        for widget in (self.incoming, self.notes):
            widget.setReadOnly(shift.locked)
        for button in (self.save_notes_button, self.generate_button):
            button.setEnabled(not shift.locked)
        self.end_button.setEnabled(not shift.locked and shift.ended_at is None)
        signable = self.latest is not None and not self.latest.signed and not self.latest.superseded
        self.sign_button.setEnabled(signable)
        self.correct_button.setEnabled(shift.locked)
        self.export_button.setEnabled(self.latest is not None)
        self.check_readiness()
        if shift.locked and self.latest is not None:
            self.status.setText(
                self.tr("Revision %1 is signed: it cannot be edited; a correction issues a new revision.")
                .replace("%1", str(self.latest.revision))
            )  # fmt: skip

    # ---------------------------------------------------------------- actions

    def start_shift(self) -> None:
        hours = self.hours.value()
        shift = self._run(lambda: self.handover.start_shift(self.agent, incoming=self.incoming_new.text(), hours=hours))
        if shift is not None:
            self.load(shift.id)
            self.changed.emit(shift.id)

    def end_shift(self) -> None:
        """Record the end now (a shift ended early has its window shortened); then generate and sign."""
        if self.shift is not None:
            shift_id = self.shift.id
            if self._run(lambda: self.handover.end_shift(shift_id)) is not None:
                self.load(shift_id)
                self.changed.emit(shift_id)

    def _save_entry(self, case_id: uuid.UUID, **fields: Any) -> bool:
        assert self.shift is not None
        shift_id = self.shift.id
        done = self._run(lambda: self.handover.set_entry(shift_id, case_id, **fields))
        if done is None:
            return False
        self.check_readiness()
        self.changed.emit(shift_id)
        return True

    def _save_incoming(self) -> None:
        if self.shift is not None and not self.shift.locked and self.incoming.text() != self.shift.incoming:
            shift_id, incoming = self.shift.id, self.incoming.text()
            if self._run(lambda: self.handover.set_incoming(shift_id, incoming)) is not None:
                self.shift = self.handover.shift(shift_id)

    def save_notes(self) -> None:
        if self.shift is not None:
            shift_id, notes = self.shift.id, self.notes.toPlainText()
            if self._run(lambda: self.handover.set_notes(shift_id, notes)) is not None:
                self.changed.emit(shift_id)

    def check_readiness(self) -> list[str]:
        self.readiness_list.clear()
        if self.shift is None:
            return []
        problems = self.handover.readiness(self.shift.id)
        lines = [readiness_text(p.code, p.ref, p.severity) for p in problems]
        self.readiness_list.addItems(lines or [self.tr("Ready: nothing for a lead to catch")])
        self.sign_button.setText(
            self.tr("Sign with %n open point(s)", "", len(problems)) if problems else self.tr("Sign")
        )
        return lines

    def generate(self) -> ReportSummary | None:
        if self.shift is None:
            return None
        self._save_incoming()
        self.save_notes()
        shift_id = self.shift.id
        report: ReportSummary | None = self._run(lambda: self.handover.generate(shift_id))
        if report is not None:
            self.load(shift_id)
            self.status.setText(
                self.tr("Revision %1 frozen, SHA-256 %2")
                .replace("%1", str(report.revision))
                .replace("%2", report.sha256)
            )
            self.changed.emit(shift_id)
        return report

    def sign(self) -> ReportSummary | None:
        if self.shift is None or self.latest is None:
            return None
        report_id, shift_id = self.latest.id, self.shift.id
        signed: ReportSummary | None = self._run(lambda: self.handover.sign(report_id, self.agent))
        if signed is not None:
            self.load(shift_id)
            self.changed.emit(shift_id)
        return signed

    def open_correction(self, reason: str) -> bool:
        if self.latest is None or self.shift is None:
            return False
        report_id, shift_id = self.latest.id, self.shift.id
        if self._run(lambda: self.handover.open_correction(report_id, reason)) is None:
            return False
        self.load(shift_id)
        self.changed.emit(shift_id)
        return True

    def _ask_correction(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Correct a signed handover"), self.tr("Reason"))
        if ok:
            self.open_correction(reason)

    def export(self, fmt: str, path: Path) -> Path | None:
        if self.latest is None:
            return None
        stored = self.handover.get(self.latest.id)
        try:
            return export_report(stored, fmt, path)
        except (OSError, LookupError) as exc:
            self.status.setText(str(exc))
            return None

    def _ask_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export handover"), "", ";;".join(EXPORT_FILTERS.values())
        )
        if name:
            fmt = next((k for k, v in EXPORT_FILTERS.items() if v == chosen), Path(name).suffix.lstrip(".") or "pdf")
            self.export(fmt, Path(name))
