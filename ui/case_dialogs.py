"""The confirmation of one deliberate action on one case: what will happen, the text it needs, one default button."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.plain import plain_labels

_CONFIRM_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def without_mnemonic(text: str) -> str:
    """``&Record`` -> ``Record``, ``记录响应(&R)`` -> ``记录响应``: a button's words for a hint or a screen reader."""
    return re.sub(r"\(&\w\)", "", text).replace("&", "")


class CaseActionDialog(QDialog):
    """Acts on the case (and row version) it was opened for, whatever the window shows by the time it is confirmed.

    With a text field, the focus starts there and Ctrl+Enter confirms (Enter is a new line); without one,
    the confirm button has the focus and Enter confirms. Confirm stays disabled while required text is empty.
    """

    def __init__(
        self,
        case_id: uuid.UUID,
        version: int,
        title: str,
        summary: str,
        details: Sequence[str],
        confirm: str,
        parent: QWidget,
        *,
        text_label: str | None = None,
        text: str = "",
        placeholder: str = "",
    ) -> None:
        super().__init__(parent)
        self.case_id, self.version = case_id, version
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self._layout = layout = QVBoxLayout(self)
        self.summary = self._plain_label(summary)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        layout.addWidget(self.summary)
        self.details = self._plain_label("\n".join(details))
        self.details.setVisible(bool(details))
        layout.addWidget(self.details)
        self.text: QPlainTextEdit | None = None
        if text_label is not None:
            label = QLabel(text_label, self)
            self.text = QPlainTextEdit(self)
            self.text.setTabChangesFocus(True)
            self.text.setPlaceholderText(placeholder)
            self.text.setAccessibleName(text_label)
            self.text.setPlainText(text)
            self.text.setMaximumHeight(110)
            label.setBuddy(self.text)
            layout.addWidget(label)
            layout.addWidget(self.text)
            self.text.installEventFilter(self)
            self.text.textChanged.connect(self._update)
            hint = QLabel(self.tr("Ctrl+Enter: %1").replace("%1", without_mnemonic(confirm)), self)
            hint.setEnabled(False)  # drawn in the disabled colour: a hint, not content
            layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm: QPushButton = self.buttons.addButton(confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm.setAccessibleName(without_mnemonic(confirm))
        self.confirm.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()
        self.first_focus: QWidget = self.text or self.confirm
        plain_labels(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.text is None:  # nothing to type: as tall as its wrapped sentences, no gap
            fitted = self._layout.totalHeightForWidth(self.width())
            self.resize(self.width(), max(fitted, self._layout.minimumSize().height()))
        self.first_focus.setFocus()

    def _plain_label(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # case titles and reasons are the users' text
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def value(self) -> str:
        return self.text.toPlainText().strip() if self.text is not None else ""

    def _update(self) -> None:
        self.confirm.setEnabled(self.text is None or bool(self.value()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.text
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _CONFIRM_KEYS
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.accept()  # refused inside while required text is missing
            return True
        return super().eventFilter(watched, event)

    def accept(self) -> None:
        if self.confirm.isEnabled():  # required text may not be skipped by any key
            super().accept()
