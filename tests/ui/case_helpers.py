"""Driving the case pane's confirmation dialogs like an agent: type the text, press the default button."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.keyboard import type_text
from ui.case_actions import CaseActions
from ui.case_dialogs import CaseActionDialog


def open_dialog(actions: CaseActions) -> CaseActionDialog:
    dialog = actions.dialog
    assert dialog is not None and dialog.isVisible(), "no confirmation dialog is open"
    return dialog


def confirm(qtbot: QtBot, actions: CaseActions, text: str | None = None) -> CaseActionDialog:
    """Confirm the open dialog, first typing its text (a response, a resolution note, a reason)."""
    dialog = open_dialog(actions)
    if text is not None:
        assert dialog.text is not None
        dialog.text.clear()
        type_text(qtbot, dialog.text, text)
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    assert actions.dialog is None
    qtbot.waitUntil(lambda: not actions.busy())  # written on the writer thread, then shown
    return dialog
