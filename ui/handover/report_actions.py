"""The report half of the handover dialog: generate, sign (asking first when points are open), acknowledge,
correct, export. Mixed into ``HandoverDialog``; its strings keep that dialog's translation context."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QMessageBox

from desk.handover import Handover, ReportSummary, ShiftInfo
from ui.handover.prompts import acknowledge, confirm

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from ui.handover.export import ExportControls
    from ui.operations import Operations


class ReportActions:
    """Needs the dialog's ``handover``, ``ops``, ``agent``, ``shift``, ``latest``, ``open_points``, ``status``,
    ``exports``, ``question``, ``changed``, ``load`` and ``_run``."""

    handover: Handover
    agent: str
    shift: ShiftInfo | None
    latest: ReportSummary | None
    open_points: int
    status: QLabel
    exports: ExportControls
    question: QMessageBox | None
    changed: Any
    load: Any
    _run: Any
    ops: Operations
    save_notes: Any
    _save_incoming: Any

    def generate(self) -> ReportSummary | None:
        if self.shift is None:
            return None
        self._save_incoming()
        self.save_notes()
        shift_id = self.shift.id
        report: ReportSummary | None = self._run(lambda h: h.generate(shift_id))
        if report is not None:
            self.load(shift_id)
            self.status.setText(
                QCoreApplication.translate("HandoverDialog", "Revision %1 frozen, SHA-256 %2")
                .replace("%1", str(report.revision))
                .replace("%2", report.sha256)
            )
            self.changed.emit(shift_id)
        return report

    def sign(self) -> ReportSummary | QMessageBox | None:
        """Sign at once when ready; with open points, ask first (naming how many)."""
        if self.shift is None or self.latest is None:
            return None
        points = self.open_points  # (a plain name: lupdate does not read an attribute as the count)
        if points:
            text = QCoreApplication.translate(
                "HandoverDialog",
                "Sign revision %1 with %n open point(s)? The incoming agent receives them unresolved.",
                "",
                points,
            ).replace("%1", str(self.latest.revision))
            title = QCoreApplication.translate("HandoverDialog", "Sign the handover")
            yes = QCoreApplication.translate("HandoverDialog", "Sign anyway")
            self.question = confirm(self, title, text, yes, self._sign)  # type: ignore[arg-type]
            return self.question
        return self._sign()

    def _sign(self) -> ReportSummary | None:
        if self.shift is None or self.latest is None:
            return None
        report_id, shift_id = self.latest.id, self.shift.id
        signed: ReportSummary | None = self._run(lambda h: h.sign(report_id, self.agent))
        if signed is not None:
            self.load(shift_id)
            self.changed.emit(shift_id)
        return signed

    def acknowledge(self) -> ReportSummary | None:
        if self.shift is None or self.latest is None:
            return None
        done, message = acknowledge(self.ops, self.latest, self.agent)
        if done is not None:
            self.load(self.shift.id)
            self.changed.emit(self.shift.id)
        self.status.setText(message)
        return done

    def open_correction(self, reason: str) -> bool:
        if self.latest is None or self.shift is None:
            return False
        report_id, shift_id = self.latest.id, self.shift.id
        if self._run(lambda h: h.open_correction(report_id, reason)) is None:
            return False
        self.load(shift_id)
        self.changed.emit(shift_id)
        return True

    def _ask_correction(self) -> None:
        title = QCoreApplication.translate("HandoverDialog", "Correct a signed handover")
        reason, ok = QInputDialog.getText(
            self,  # type: ignore[arg-type]
            title,
            QCoreApplication.translate("HandoverDialog", "Reason"),
        )
        if ok:
            self.open_correction(reason)

    def export(self, fmt: str, path: Path) -> Path | None:
        return self.exports.export(fmt, path)
