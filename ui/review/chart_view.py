"""A review chart on screen: painted from its description, in the palette's ink (light or dark), by keyboard too.

Left and Right move between bars, Enter or Space (or a click) asks for the cases behind the bar; the
accessible description reads every bar's figures, so a screen reader user has the chart as text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from desk.palette import THEMES
from desk.review_chart import Chart
from ui.countdown import is_dark
from ui.review.chart import bar_rect, draw_chart


class ChartView(QWidget):
    activated = Signal(int)  # the index of the bar whose cases are wanted

    def __init__(self, word: Callable[[str], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._word = word
        self.chart: Chart | None = None
        self.current = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(520, 240)

    def set_chart(self, chart: Chart, name: str) -> None:
        self.chart = chart
        self.current = min(self.current, max(len(chart.categories) - 1, 0))
        self.setAccessibleName(name)
        self.setAccessibleDescription(self.describe())
        self.update()

    def describe(self) -> str:
        """Every bar as text: ``L2: met 155, missed 147, …``."""
        if self.chart is None:
            return ""
        chart = self.chart
        return "; ".join(
            f"{chart.label(i)}: " + ", ".join(f"{self._word(s.key)} {s.values[i]}" for s in chart.series)
            for i in range(len(chart.categories))
        )

    def ink(self) -> dict[str, str]:
        theme = dict(THEMES["dark" if is_dark(self.palette()) else "light"])
        theme["text"] = self.palette().color(QPalette.ColorRole.WindowText).name()
        return theme

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        current = self.current if self.hasFocus() else None
        draw_chart(
            painter,
            QRectF(self.rect()).adjusted(4, 4, -4, -4),
            self.chart,
            self._word,
            self.ink(),
            self.font(),
            current,
        )
        painter.end()

    def _index_at(self, x: float) -> int | None:
        if self.chart is None:
            return None
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)
        for i in range(len(self.chart.categories)):
            column = bar_rect(rect, self.chart, i)
            if column.left() <= x < column.right():
                return i
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self._index_at(event.position().x())
        if index is not None:
            self.current = index
            self.update()
            self.activated.emit(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.chart is None or not self.chart.categories:
            super().keyPressEvent(event)
            return
        last = len(self.chart.categories) - 1
        key = event.key()
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.current = max(0, min(last, self.current + (1 if key == Qt.Key.Key_Right else -1)))
            self.setToolTip(self.describe().split("; ")[self.current])
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light <-> dark: the axes and text follow
            self.update()
