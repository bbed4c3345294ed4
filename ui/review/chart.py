"""A review chart (``desk.review_chart.Chart``) drawn with QPainter: on screen, and as vectors in the PDF.

The drawing is the SVG's (``desk.review_chart.chart_svg``) in Qt: stacked bars per category, the total
above each bar, a legend, the hues of ``desk.palette``. Axes and text take the theme's ink, so the same
chart reads in light and dark mode.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from desk.review_chart import Chart, short

LEFT, TOP, BOTTOM, RIGHT = 40.0, 44.0, 34.0, 10.0  # the top leaves room for the legend and a total


def plot_rect(rect: QRectF) -> QRectF:
    return rect.adjusted(LEFT, TOP, -RIGHT, -BOTTOM)


def bar_rect(rect: QRectF, chart: Chart, index: int) -> QRectF:
    """Where the bar of category ``index`` stands (the whole column: clicks anywhere in it count)."""
    plot = plot_rect(rect)
    width = plot.width() / max(len(chart.categories), 1)
    return QRectF(plot.left() + index * width, plot.top(), width, plot.height())


def draw_chart(
    painter: QPainter,
    rect: QRectF,
    chart: Chart,
    word: Callable[[str], str],
    ink: dict[str, str],
    font: QFont,
    current: int | None = None,
) -> None:
    """Draw ``chart`` in ``rect``; ``current`` is the bar the keyboard is on (outlined)."""
    painter.save()
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    plot = plot_rect(rect)
    peak = chart.peak
    axis = QPen(QColor(ink["axis"]))
    axis.setWidthF(0.8)
    text = QPen(QColor(ink["text"]))
    painter.setPen(axis)
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    painter.setPen(text)
    h = metrics.height()
    painter.drawText(QRectF(rect.left(), plot.top() - h / 2, LEFT - 4, h), Qt.AlignmentFlag.AlignRight, str(peak))
    painter.drawText(QRectF(rect.left(), plot.bottom() - h / 2, LEFT - 4, h), Qt.AlignmentFlag.AlignRight, "0")
    edge = QPen(QColor(ink["axis"]))
    edge.setWidthF(0.4)
    many = len(chart.categories) > 16
    for i in range(len(chart.categories)):
        column = bar_rect(rect, chart, i)
        fit = max(int(column.width() / max(metrics.averageCharWidth(), 1.0)), 4)
        x, y = column.left(), plot.bottom()
        for series in chart.series:
            value = series.values[i]
            if not value:
                continue
            height = plot.height() * value / peak
            y -= height
            painter.setPen(edge)
            painter.setBrush(QColor(series.colour))
            painter.drawRect(QRectF(x + 2, y, max(column.width() - 4, 1), height))
        painter.setPen(text)
        above = QRectF(x - 10, y - h - 1, column.width() + 20, h)
        painter.drawText(above, Qt.AlignmentFlag.AlignHCenter, str(chart.total(i)))
        if not many or i % 2 == 0:
            painter.drawText(
                QRectF(x - 10, plot.bottom() + 2, column.width() + 20, h),
                Qt.AlignmentFlag.AlignHCenter,
                short(chart.label(i), fit),
            )
        if current == i:
            focus = QPen(QColor(ink["text"]))
            focus.setWidthF(1.5)
            focus.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(focus)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(column.adjusted(0, -2, 0, h + 2))
    lx = rect.left() + LEFT
    for series in chart.series:
        painter.setPen(edge)
        painter.setBrush(QColor(series.colour))
        painter.drawRect(QRectF(lx, rect.top() + 8, 10, 10))
        painter.setPen(text)
        label = word(series.key)
        painter.drawText(QPointF(lx + 14, rect.top() + 8 + metrics.ascent() - 1), label)
        lx += 14 + metrics.horizontalAdvance(label) + 14
    painter.restore()
