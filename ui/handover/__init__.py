"""Shift handover in the window: the agent's handover dialog and the team lead's review.

Both are standalone and take the desk's services; the window adds them to a menu with::

    from ui.handover import handover_actions
    menu.addActions(handover_actions(self, self.desk, self.agent))
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from desk.handover import Handover
from desk.services import Desk
from ui.handover.dialog import HandoverDialog
from ui.handover.review import HandoverReviewWidget

__all__ = ["HandoverDialog", "HandoverReviewWidget", "handover_actions", "open_handover", "open_review"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("Handover", text)


def open_handover(parent: QWidget, desk: Desk, agent: str) -> HandoverDialog:
    dialog = HandoverDialog(Handover(desk), agent, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_review(parent: QWidget, desk: Desk) -> QDialog:
    window = QDialog(parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setWindowTitle(_tr("Handover review"))
    layout = QVBoxLayout(window)
    layout.addWidget(HandoverReviewWidget(Handover(desk), window))
    window.resize(1200, 700)
    window.show()
    return window


def handover_actions(parent: QWidget, desk: Desk, agent: str) -> list[QAction]:
    """ "Shift handover…" (Ctrl+H) and "Review handovers…" (Ctrl+Shift+H), parented to ``parent``."""
    handover = QAction(_tr("Shift &handover…"), parent)
    handover.setShortcut(QKeySequence("Ctrl+H"))
    handover.triggered.connect(lambda: open_handover(parent, desk, agent))
    review = QAction(_tr("&Review handovers…"), parent)
    review.setShortcut(QKeySequence("Ctrl+Shift+H"))
    review.triggered.connect(lambda: open_review(parent, desk))
    return [handover, review]
