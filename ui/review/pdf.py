"""A review as PDF: A4 landscape pages painted with QPainter (charts as vectors, text as text).

The core hands the review's plain data (``desk.review_render``) to ``render_review_pdf``, which the
composition roots give in as the ``review-pdf`` renderer, as they give the handover report's. Tables
are the exports' cells in English and Chinese; a long list of cases stops after ``MAX_ROWS`` rows with
a line saying how many more the CSV and JSON carry.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPdfWriter, QPen

from desk.palette import THEMES
from desk.report_words import default_wording
from desk.review_render import chart_from
from desk.review_words import WORDS, cell_text, title_of, word
from ui.report_pdf import LAYOUT_DPI, WRITER_DPI, _ensure_app, _faces, _font, page_layout, restore_code_points
from ui.review.chart import draw_chart

MAX_ROWS = 400
CHART_H = 230.0
ROW_GAP = 2.0


class _Pages:
    """A painter over the writer's pages that moves down a page and starts a new one when it is full."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, width: float, height: float, scale: float) -> None:
        self.writer, self.painter, self.width, self.height, self.scale = writer, painter, width, height, scale
        self.y = 0.0
        self.printed: list[str] = []

    def room(self, needed: float) -> None:
        if self.y + needed > self.height:
            self.writer.newPage()
            self.y = 0.0

    def font(self, points: float) -> QFont:
        """A font of ``points`` on paper: the painter's layout-to-device scaling undone."""
        return _font(points, self.scale)

    def metrics(self, font: QFont) -> QFontMetricsF:
        """The font's metrics in layout pixels (the writer's resolution divided by the painter's scale)."""
        return QFontMetricsF(font, self.writer)

    def line(self, text: str, points: float, bold: bool = False, gap: float = 4.0) -> None:
        font = self.font(points)
        font.setBold(bold)
        height = QFontMetricsF(font, self.writer).height()
        self.room(height)
        self.painter.setFont(font)
        self.painter.setPen(QColor("#111111"))
        self.painter.drawText(QRectF(0, self.y, self.width, height), Qt.AlignmentFlag.AlignLeft, text)
        self.printed.append(text)
        self.y += height + gap


def render_review_pdf(data: Mapping[str, Any], meta: Mapping[str, Any]) -> bytes:
    """The review as PDF bytes. Called by ``desk report ... --format pdf`` and the window's export."""
    _ensure_app()
    words = default_wording()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(WRITER_DPI)
    writer.setPageLayout(page_layout())
    title = title_of(data)
    writer.setTitle(title)
    writer.setCreator("desk")
    scale = WRITER_DPI / LAYOUT_DPI
    paint = page_layout().paintRectPixels(WRITER_DPI)
    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        pages = _Pages(writer, painter, paint.width() / scale, paint.height() / scale, scale)
        p = data["period"]
        pages.line(title, 14, bold=True)
        pages.line(
            f"{word('period')}: {p['from']} .. {p['to']} · {word('zone')}: {p['zone']} · "
            f"{word('as_of')}: {data['as_of']}",
            8,
            gap=8,
        )
        for chart in data["charts"]:
            key = chart["key"]
            heading = word(key) if key in WORDS else f"{word(data['report'])}: {word(key.rsplit('_by_', 1)[-1])}"
            pages.room(CHART_H + 20)
            pages.line(heading, 10, bold=True)
            rect = QRectF(0, pages.y, min(pages.width, 760.0), CHART_H)
            draw_chart(painter, rect, chart_from(chart), word, THEMES["light"], pages.font(6.5))
            pages.printed += [word(s["key"]) for s in chart["series"]] + list(chart["categories"])
            pages.y += CHART_H + 10
        for table in data["tables"]:
            _table(pages, table, words, data["period"]["zone"])
    finally:
        painter.end()
    buffer.close()
    return restore_code_points(bytes(QByteArray(buffer.data()).data()), "".join(pages.printed), _faces())


def _table(pages: _Pages, table: Mapping[str, Any], words: Any, zone: str) -> None:
    columns, rows = table["columns"], table["rows"]
    pages.y += 6
    pages.line(f"{word(table['key'])} ({len(rows)})", 10, bold=True)
    if not rows:
        pages.line(word("none"), 7)
        return
    font = pages.font(6)
    metrics = pages.metrics(font)
    cells = []
    for row in rows[:MAX_ROWS]:
        breakdown = str(row[0]) if columns[0] == "breakdown" else ""
        cells.append([cell_text(c, v, words, breakdown, zone) for c, v in zip(columns, row, strict=True)])
    widths = [
        max([metrics.horizontalAdvance(word(c)) / 3 + 12] + [metrics.horizontalAdvance(r[i]) + 8 for r in cells[:200]])
        for i, c in enumerate(columns)
    ]
    fit = min(1.0, pages.width / sum(widths))
    widths = [w * fit for w in widths]
    painter = pages.painter
    rule = QPen(QColor("#bbbbbb"))
    rule.setWidthF(0.4)

    def row_out(texts: list[str], bold: bool, lines: int) -> None:
        height = metrics.height() * lines + ROW_GAP  # a header cell may wrap
        pages.room(height)
        font.setBold(bold)
        painter.setFont(font)
        x = 0.0
        for text, w in zip(texts, widths, strict=True):
            painter.setPen(QColor("#111111"))
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(QRectF(x + 2, pages.y + 1, w - 4, height), int(flags), text)
            x += w
        painter.setPen(rule)
        painter.drawLine(QPointF(0, pages.y + height), QPointF(x, pages.y + height))
        pages.printed.extend(texts)
        pages.y += height

    row_out([word(c) for c in columns], True, 3)
    for texts in cells:
        row_out(texts, False, 1)
    if len(rows) > MAX_ROWS:
        pages.line(f"… {len(rows) - MAX_ROWS} more in the CSV and JSON 其余见 CSV 与 JSON", 7)
