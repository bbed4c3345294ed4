"""The handover PDF's open-case table as painted rows (``ui.report_flow`` blocks), one per case.

Columns of short fixed texts (reference, tier, severity, deadline, time left) are as wide as their widest
cell; the text columns share the rest by their usual width (the widest of nine cells in ten, so one long
title does not squeeze every other column), never narrower than their header's longest word. A cell
wider than its column wraps, and its row grows; no cell is cut unless its row is taller than a page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen, QTextLayout

from desk.report_render import CASE_COLUMNS, Clockface, case_cells
from desk.vocabulary import ClockState
from ui.report_flow import Block, Typesetter

_FIXED = frozenset({"ref", "tier", "severity", "deadline", "remaining"})
_SWATCH = "severity"  # the column led by a square in the severity's colour
_BOLD_STATES = frozenset({ClockState.BREACHED, ClockState.MISSED})
_MAX_SHARE = 0.3  # no text column wider than this part of the table, however long its cells
_MAX_WORD = 0.08  # a word wider than this part of the table may break inside
_USUAL = 0.9  # a text column's usual width: the widest of this share of its cells


def case_rows(setter: Typesetter, data: Mapping[str, Any], face: Clockface, width: float) -> list[Block]:
    """One block per open case, each carrying the table's header row (repeated at the top of each page)."""
    rows = data["open_cases"]
    texts = [[setter.text(text) for text in case_cells(row, face).values()] for row in rows]
    headers = [setter.text(label, bold=True) for _, label in CASE_COLUMNS]
    swatch = setter.metrics[0].ascent() * 0.8
    widths = _widths(setter, headers, texts, width, swatch)
    header = _row(setter, headers, [True] * len(headers), "", widths, swatch, "#eeeeee")
    blocks = []
    for cells, row in zip(texts, rows, strict=True):
        bold = [key == "state" and row["state"] in _BOLD_STATES for key, _ in CASE_COLUMNS]
        block = _row(setter, cells, bold, face.words.severity_colour(row["severity"]), widths, swatch, "")
        block.header = header
        blocks.append(block)
    return blocks


def _widths(
    setter: Typesetter, headers: Sequence[str], texts: Sequence[Sequence[str]], width: float, swatch: float
) -> list[float]:
    extra = 2 * setter.pad + 1  # (and a pixel, so that text measured to fit is never wrapped by rounding)
    widths = [0.0] * len(CASE_COLUMNS)
    wanted, floor = {}, {}
    for i, (key, _) in enumerate(CASE_COLUMNS):
        # Headers wrap between their words (English, then Chinese), never inside one.
        longest = max(setter.advance(word, True) for word in headers[i].split())
        advances = sorted(setter.advance(cells[i]) for cells in texts)
        if key in _FIXED:
            widths[i] = max([longest, *advances[-1:]]) + extra + (swatch * 1.4 if key == _SWATCH else 0)
            continue
        usual = advances[int(len(advances) * _USUAL)] if advances else 0.0
        # A text column wraps between words, never inside one if it can help it (a very long word, say a
        # link, may break): at least as wide as its longest word.
        cap = width * _MAX_WORD
        for cells in texts:
            if setter.advance(cells[i]) > longest:  # (a cell narrower than the longest word has none longer)
                longest = max(longest, *(min(cap, setter.advance(word)) for word in cells[i].split()))
        floor[i] = min(longest, cap) + extra
        wanted[i] = max(floor[i], min(usual + extra, width * _MAX_SHARE))
    spare = width - sum(widths) - sum(floor.values())
    if spare >= sum(wanted[i] - floor[i] for i in wanted):  # the usual cell fits on one line everywhere
        stretch = (width - sum(widths)) / sum(wanted.values())
        return [widths[i] if i not in wanted else wanted[i] * stretch for i in range(len(widths))]
    # Short columns first get all they want (their cells on one line); the long ones share what is left
    # by how much more each would take.
    widths = [floor.get(i, w) for i, w in enumerate(widths)]
    hungry = sorted(wanted, key=lambda i: wanted[i] - floor[i])
    spare = max(0.0, spare)
    while hungry and wanted[hungry[0]] - floor[hungry[0]] <= spare / len(hungry):
        i = hungry.pop(0)
        widths[i] += wanted[i] - floor[i]
        spare -= wanted[i] - floor[i]
    more = sum(wanted[i] - floor[i] for i in hungry) or 1.0
    for i in hungry:
        widths[i] += spare * (wanted[i] - floor[i]) / more
    return widths


def _row(
    setter: Typesetter,
    texts: Sequence[str],
    bold: Sequence[bool],
    colour: str,
    widths: Sequence[float],
    swatch: float,
    fill: str,
) -> Block:
    pad = setter.pad
    cells: list[tuple[str, QTextLayout | None, bool, float]] = []
    lines = 1
    x = 0.0
    for i, text in enumerate(texts):
        left = x + pad + (swatch * 1.4 if colour and CASE_COLUMNS[i][0] == _SWATCH else 0)
        room = x + widths[i] - pad - left
        layout = None
        if setter.advance(text, bold[i]) > room:
            layout = setter.wrapped(text, room, bold=bold[i])
            lines = max(lines, layout.lineCount())
        cells.append((text, layout, bold[i], left))
        x += widths[i]
    total = x

    def paint(painter: QPainter, top: float, height: float) -> None:
        if fill:
            painter.fillRect(QRectF(0, top, total, height), QColor(fill))
        grid = QPen(QColor("#888888"))
        grid.setWidthF(setter.line_h * 0.04)
        painter.setPen(grid)
        painter.drawLine(QPointF(0, top), QPointF(total, top))
        painter.drawLine(QPointF(0, top + height), QPointF(total, top + height))
        edge = 0.0
        for width in (0.0, *widths):
            edge += width
            painter.drawLine(QPointF(edge, top), QPointF(edge, top + height))
        if colour:
            left = sum(widths[: _column(_SWATCH)]) + pad
            painter.fillRect(QRectF(left, top + pad + setter.ascent - swatch, swatch, swatch), QColor(colour))
        painter.setPen(QPen(QColor("#000000")))
        for text, layout, strong, left in cells:
            if not text:
                continue
            if layout is None:
                painter.setFont(setter.bold if strong else setter.regular)
                painter.drawText(QPointF(left, top + pad + setter.ascent), text)
            else:
                setter.draw_lines(painter, layout, QPointF(left, top + pad), height - 2 * pad, strong)

    return Block(lines * setter.line_h + 2 * pad, paint)


def _column(key: str) -> int:
    return next(i for i, (k, _) in enumerate(CASE_COLUMNS) if k == key)
