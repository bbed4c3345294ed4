"""The queue's filter row: a search field (Escape clears it, a second Escape hands the keyboard back to the
queue) and the filters, on one row when there is room and on two when the window is narrow."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

FILTER_MIN_WIDTH = 72  # a filter may shrink to this (its text elided) when the row is narrow


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


class FilterBar(QWidget):
    """The search field beside the filters, or above them when one row would squeeze them."""

    def __init__(self, search: SearchField, filters: list[QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self._filters = filters
        for widget in filters:
            widget.setMinimumWidth(min(widget.sizeHint().width(), FILTER_MIN_WIDTH))
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._one_row: bool | None = None
        self._arrange(one_row=True)

    def one_row(self) -> bool:
        return bool(self._one_row)

    def _one_row_width(self) -> int:
        spacing = self._grid.horizontalSpacing() * len(self._filters)
        return self._search.minimumWidth() + sum(w.sizeHint().width() for w in self._filters) + spacing

    def minimumSizeHint(self) -> QSize:
        """As narrow as two rows allow (the filters shrunk), as tall as the current arrangement."""
        spacing = self._grid.horizontalSpacing() * (len(self._filters) - 1)
        filters = sum(w.minimumWidth() for w in self._filters) + spacing
        return QSize(max(self._search.minimumWidth(), filters), self._grid.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(one_row=event.size().width() >= self._one_row_width())

    def _arrange(self, one_row: bool) -> None:
        if one_row == self._one_row:
            return
        self._one_row = one_row
        for widget in (self._search, *self._filters):
            self._grid.removeWidget(widget)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 0)
        if one_row:
            self._grid.addWidget(self._search, 0, 0)
            self._grid.setColumnStretch(0, 1)
            for column, widget in enumerate(self._filters, start=1):
                self._grid.addWidget(widget, 0, column)
        else:
            self._grid.addWidget(self._search, 0, 0, 1, len(self._filters))
            for column, widget in enumerate(self._filters):
                self._grid.addWidget(widget, 1, column)
                self._grid.setColumnStretch(column, 1)
        self.updateGeometry()
