"""Questions and refusals the handover views share: a confirmation box, and acknowledging a report."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from desk.handover import Handover, ReportSummary
from ui.operations import Operations


def confirm(parent: QWidget, title: str, text: str, yes_text: str, on_yes: Callable[[], object]) -> QMessageBox:
    """A window-modal question (it does not block); Cancel is the default, so Enter never confirms by accident."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the text quotes names as typed
    yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
    yes.setAccessibleName(yes_text)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: QAbstractButton) -> None:
        if button is yes:
            on_yes()

    box.buttonClicked.connect(clicked)
    box.open()
    return box


def same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def acknowledge(ops: Operations, report: ReportSummary, agent: str) -> tuple[ReportSummary | None, str]:
    """Acknowledge as ``agent`` through ``Operations``; the result, and what to tell the user either way."""
    if same_person(agent, report.outgoing):
        return None, QCoreApplication.translate(
            "Handover", "You handed this shift over: the incoming agent acknowledges it, not you."
        )
    if not report.signed:
        text = QCoreApplication.translate(
            "Handover", "Revision %1 is not signed yet: it can be acknowledged once %2 signs it."
        )
        return None, text.replace("%1", str(report.revision)).replace("%2", report.outgoing)
    if report.incoming.strip() and not same_person(agent, report.incoming):
        text = QCoreApplication.translate("Handover", "This handover is addressed to %1: only they can acknowledge it.")
        return None, text.replace("%1", report.incoming)
    refused: list[str] = []
    done = ops.run(lambda desk: Handover(desk).acknowledge(report.id, agent), failure=refused.append)
    if done is None:
        return None, "".join(refused)
    assert done.acknowledged_at is not None
    return done, QCoreApplication.translate("Handover", "Acknowledged by %1 at %2").replace("%1", agent).replace(
        "%2", f"{done.acknowledged_at.astimezone(ZoneInfo(done.timezone)):%Y-%m-%d %H:%M} ({done.timezone})"
    )
