"""Shift handover in the window: the agent's handover dialog, the team lead's review, the status-bar corner.

All are standalone and take the desk's services; the window adds them with its ``Operations``, through
which every handover write runs (one error path, one ``changed`` signal)::

    from ui.handover import handover_actions, shift_status
    menu.addActions(handover_actions(self, self.desk, self.agent, self.settings, self.ops))
    self.statusBar().addPermanentWidget(shift_status(self, self.desk, self.agent, self.settings, self.ops))
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from desk.handover import Handover
from desk.services import Desk
from ui.handover.status import ShiftStatus
from ui.operations import Operations
from ui.settings import Settings

# The dialog and the review (with the PDF export under it) are imported when first opened: the window's
# first paint needs only the status-bar corner.
if TYPE_CHECKING:
    from ui.handover.dialog import HandoverDialog
    from ui.handover.review import HandoverReviewWidget

__all__ = [
    "HandoverDialog",
    "HandoverReviewWidget",
    "ShiftStatus",
    "handover_actions",
    "open_handover",
    "open_review",
    "shift_status",
]


def __getattr__(name: str) -> Any:
    if name == "HandoverDialog":
        from ui.handover.dialog import HandoverDialog

        return HandoverDialog
    if name == "HandoverReviewWidget":
        from ui.handover.review import HandoverReviewWidget

        return HandoverReviewWidget
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def open_handover(
    parent: QWidget,
    desk: Desk,
    agent: str,
    settings: Settings | None = None,
    shift_id: uuid.UUID | None = None,
    ops: Operations | None = None,
) -> HandoverDialog:
    from ui.handover.dialog import HandoverDialog

    dialog = HandoverDialog(Handover(desk), agent, parent, shift_id=shift_id, settings=settings, ops=ops)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


def open_review(
    parent: QWidget, desk: Desk, agent: str = "", settings: Settings | None = None, ops: Operations | None = None
) -> QDialog:
    from ui.handover.review import HandoverReviewWidget

    window = QDialog(parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.setWindowTitle(QCoreApplication.translate("Handover", "Handover review"))
    layout = QVBoxLayout(window)
    layout.addWidget(HandoverReviewWidget(Handover(desk), window, agent=agent, settings=settings, ops=ops))
    window.resize(1200, 700)
    window.show()
    return window


def shift_status(
    parent: QWidget, desk: Desk, agent: str, settings: Settings | None = None, ops: Operations | None = None
) -> ShiftStatus:
    """The status-bar corner: the agent's shift, and handovers waiting for their acknowledgement."""
    return ShiftStatus(Handover(desk), agent, settings, parent, ops=ops)


def handover_actions(
    parent: QWidget, desk: Desk, agent: str, settings: Settings | None = None, ops: Operations | None = None
) -> list[QAction]:
    """ "Shift handover…" (Ctrl+H) and "Review handovers…" (Ctrl+Shift+H), parented to ``parent``."""
    handover = QAction(QCoreApplication.translate("Handover", "Shift &handover…"), parent)
    handover.setShortcut(QKeySequence("Ctrl+H"))
    handover.triggered.connect(lambda: open_handover(parent, desk, agent, settings, ops=ops))
    review = QAction(QCoreApplication.translate("Handover", "&Review handovers…"), parent)
    review.setShortcut(QKeySequence("Ctrl+Shift+H"))
    review.triggered.connect(lambda: open_review(parent, desk, agent, settings, ops))
    return [handover, review]
