"""Typing an agent's name offers the agents the desk knows (assignees and shift agents), case-insensitively."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit


class AgentCompleter(QCompleter):
    """Completes ``field`` from ``names()``, asked when the field gets focus (not at start-up: on a large
    database the names cost a query the window's first paint should not wait for)."""

    def __init__(self, field: QLineEdit, names: Callable[[], list[str]]) -> None:
        super().__init__(field)
        self._names = names
        self._model = QStringListModel(self)
        self.setModel(self._model)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        field.setCompleter(self)
        field.installEventFilter(self)

    def refresh(self) -> None:
        self._model.setStringList(self._names())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            self.refresh()
        return False
