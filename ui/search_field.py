"""The queue's search field: Escape clears it, a second Escape hands the keyboard back to the queue."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class SearchField(QLineEdit):
    leave = Signal()  # Escape on an empty field: the agent is done searching

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setClearButtonEnabled(True)

    def set_placeholder(self, text: str) -> None:
        """The hint, and a minimum width that keeps most of it readable (never a collapsed "S…")."""
        self.setPlaceholderText(text)
        self.setMinimumWidth(max(140, round(self.fontMetrics().horizontalAdvance(text) * 0.6) + 40))

    def focus_for_new_words(self) -> None:
        """Focus with the last search selected, so typing replaces it."""
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            if self.text():
                self.clear()
            else:
                self.leave.emit()
            event.accept()
            return
        super().keyPressEvent(event)
