"""The handover PDF's long parts (the short lists, the chart, the open-case table) as blocks painted on pages.

A report of a busy shift holds thousands of list items and table rows. Laid out by QTextDocument they
cost about a millisecond each, and more than that as the document grew; here each piece of text is
measured once with font metrics (only what is wider than its room is wrapped, with ``QTextLayout``),
stacked into pages by ``place`` and painted with QPainter: vector text, so a PDF reader finds every
case reference, title and name. A heading stays on the page of what follows it; a table's header row
opens every page the table is on; a block taller than a page (a very long note) shows what fits, cut
with an ellipsis. Coordinates are the PDF writer's device pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QTextCharFormat,
    QTextLayout,
    QTextOption,
)

_ITEM_GAP = 0.08  # above and below a list item's lines, in lines: closer than table rows (no grid between them)
Paint = Callable[[QPainter, float, float], None]  # (painter, top, the height it may take) -> None


@dataclass(eq=False)
class Block:
    """Something painted across the page's width: a heading, a list item, the chart, a table row."""

    height: float
    paint: Paint
    keep: bool = False  # keep with the next block on one page (a heading)
    header: Block | None = None  # a table row: the table's header row, repeated at the top of each page


@dataclass
class Typesetter:
    """Fonts, measures and wrapping for text painted on one device, each text measured once."""

    device: QPaintDevice
    fonts: Callable[[float, bool], QFont]
    drawable: Callable[[str, QFont], str]  # what the fonts cannot draw, spelt out
    points: float = 7.5
    printed: list[str] = field(default_factory=list)  # every text painted: the PDF's text layer is checked on it

    def __post_init__(self) -> None:
        self.regular, self.bold = self.fonts(self.points, False), self.fonts(self.points, True)
        self.metrics = (QFontMetricsF(self.regular, self.device), QFontMetricsF(self.bold, self.device))
        self.ascent, self.line_h = _line_box(self.regular, self.device)
        self.pad = self.line_h * 0.2
        self._advances: dict[tuple[str, bool], float] = {}
        self._layouts: dict[tuple[str, float, bool, int], QTextLayout] = {}

    def text(self, text: str, bold: bool = False) -> str:
        """``text`` as it will be painted (and counted among what is printed)."""
        shown = self.drawable(text, self.bold if bold else self.regular)
        self.printed.append(shown)
        return shown

    def advance(self, text: str, bold: bool = False) -> float:
        key = (text, bold)
        found = self._advances.get(key)
        if found is None:
            found = self._advances[key] = self.metrics[bold].horizontalAdvance(text)
        return found

    def wrapped(self, text: str, room: float, bold: bool = False, bold_until: int = 0) -> QTextLayout:
        """``text`` broken into lines of at most ``room``, each on the line grid (whatever font it uses);
        ``bold_until``: that many first characters in bold. The same text in the same room is laid out once
        (a table's states and statuses repeat): a layout is drawn wherever it is asked to."""
        key = (text, room, bold, bold_until)
        found = self._layouts.get(key)
        if found is None:
            found = self._layouts[key] = self._wrap(text, room, bold, bold_until)
        return found

    def _wrap(self, text: str, room: float, bold: bool, bold_until: int) -> QTextLayout:
        layout = QTextLayout(text, self.bold if bold else self.regular, self.device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        if bold_until:
            strong = QTextLayout.FormatRange()
            strong.start, strong.length = 0, bold_until
            weight = QTextCharFormat()
            weight.setFontWeight(QFont.Weight.Bold)
            strong.format = weight
            layout.setFormats([strong])
        layout.beginLayout()
        n = 0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(room)
            line.setPosition(QPointF(0, n * self.line_h + self.ascent - line.ascent()))
            n += 1
        layout.endLayout()
        return layout

    def draw_lines(self, painter: QPainter, layout: QTextLayout, origin: QPointF, room: float, bold: bool) -> None:
        """A wrapped text's lines from ``origin``; cut to the lines that fit ``room``, the last with an ellipsis."""
        fits = max(1, int(room // self.line_h))
        if layout.lineCount() <= fits:
            layout.draw(painter, origin)
            return
        for n in range(fits - 1):
            layout.lineAt(n).draw(painter, origin)
        last = layout.lineAt(fits - 1)
        rest = layout.text()[last.textStart() :]
        elided = self.metrics[bold].elidedText(rest, Qt.TextElideMode.ElideRight, last.width())
        painter.setFont(self.bold if bold else self.regular)
        painter.drawText(QPointF(origin.x(), origin.y() + (fits - 1) * self.line_h + self.ascent), elided)


def heading(setter: Typesetter, text: str) -> Block:
    """A section heading (a little larger, bold), kept with what follows it."""
    font = setter.fonts(setter.points * 1.2, True)
    shown = setter.drawable(text, font)
    setter.printed.append(shown)
    metrics = QFontMetricsF(font, setter.device)
    above, below = setter.line_h * 0.9, setter.line_h * 0.35

    def paint(painter: QPainter, top: float, room: float) -> None:
        painter.setFont(font)
        painter.drawText(QPointF(0, top + above + metrics.ascent()), shown)

    return Block(above + metrics.height() + below, paint, keep=True)


def paragraph(setter: Typesetter, text: str, width: float) -> Block:
    """A line of the desk's own words ("none"), wrapped if it must be."""
    return _lines(setter, setter.text(text), width, 0.0, 0)


def item(setter: Typesetter, ref: str, text: str, width: float) -> Block:
    """A list item: a bullet, the reference in bold, then its text."""
    ref, rest = setter.text(ref, bold=True), setter.text(" " + text)
    indent = setter.line_h * 1.6
    block = _lines(setter, ref + rest, width - indent, indent, len(ref), (ref, rest))
    bullet = setter.line_h * 0.18
    inner = block.paint

    def paint(painter: QPainter, top: float, room: float) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(QColor("#000000")))
        centre = QPointF(
            indent * 0.55, top + _ITEM_GAP * setter.line_h + setter.ascent - setter.metrics[0].xHeight() / 2
        )
        painter.drawEllipse(centre, bullet, bullet)
        painter.restore()
        inner(painter, top, room)

    return Block(block.height, paint)


def _lines(
    setter: Typesetter,
    text: str,
    room: float,
    left: float,
    bold_until: int,
    parts: tuple[str, str] | None = None,
) -> Block:
    """``text`` from ``left``: one line when it fits (drawn as its bold and regular parts), else wrapped."""
    if parts is not None:
        single = setter.advance(parts[0], True) + setter.advance(parts[1]) <= room
    else:
        single = setter.advance(text) <= room
    gap = setter.line_h * _ITEM_GAP
    if single:

        def paint_line(painter: QPainter, top: float, height: float) -> None:
            baseline = top + gap + setter.ascent
            if parts is None:
                painter.setFont(setter.regular)
                painter.drawText(QPointF(left, baseline), text)
                return
            painter.setFont(setter.bold)
            painter.drawText(QPointF(left, baseline), parts[0])
            painter.setFont(setter.regular)
            painter.drawText(QPointF(left + setter.advance(parts[0], True), baseline), parts[1])

        return Block(setter.line_h + 2 * gap, paint_line)
    layout = setter.wrapped(text, room, bold_until=bold_until)

    def paint_wrapped(painter: QPainter, top: float, height: float) -> None:
        setter.draw_lines(painter, layout, QPointF(left, top + gap), height - 2 * gap, False)

    return Block(layout.lineCount() * setter.line_h + 2 * gap, paint_wrapped)


def section(setter: Typesetter, title: str, items: list[tuple[str, str]], none: str, width: float) -> list[Block]:
    """A short list under its heading with its count (the desk's "none" when empty)."""
    blocks = [heading(setter, f"{title} ({len(items)})")]
    if not items:
        return [*blocks, paragraph(setter, none, width)]
    return blocks + [item(setter, ref, text, width) for ref, text in items]


def figure(height: float, draw: Callable[[QPainter, QRectF], None], width: float) -> Block:
    """A drawing as wide as the page (the deadline chart)."""

    def paint(painter: QPainter, top: float, room: float) -> None:
        draw(painter, QRectF(0, top, width, height))

    return Block(height, paint)


# ---------------------------------------------------------------- pages


@dataclass(frozen=True)
class Placed:
    block: Block
    top: float
    room: float  # the height it may take (less than its own when cut to a page)


def place(blocks: Iterable[Block], top: float, page_h: float) -> list[list[Placed]]:
    """The blocks stacked into pages: the first page goes on from ``top`` (under what precedes the blocks).

    A heading moves to the next page with the block after it (and that block's header row, if a table's);
    a table row that opens a page gets its table's header row above it.
    """
    listed = list(blocks)
    pages: list[list[Placed]] = [[]]
    y = top
    headed: Block | None = None  # the header row already on this page

    def fits(index: int) -> float:
        """The height block ``index`` needs at ``y`` on this page, with its header row and kept followers."""
        block = listed[index]
        need = block.height + (block.header.height if block.header is not None and headed is not block.header else 0)
        if block.keep and index + 1 < len(listed):
            need += fits(index + 1)
        return need

    for index, block in enumerate(listed):
        if y > 0 and y + min(fits(index), page_h) > page_h:
            pages.append([])
            y, headed = 0.0, None
        if block.header is not None and headed is not block.header:
            pages[-1].append(Placed(block.header, y, block.header.height))
            y += block.header.height
            headed = block.header
        elif block.header is None:
            headed = None
        room = min(block.height, page_h - y)
        pages[-1].append(Placed(block, y, room))
        y += room
    return pages


def paint_page(painter: QPainter, placed: Iterable[Placed]) -> None:
    for part in placed:
        painter.save()
        part.block.paint(painter, part.top, part.room)
        painter.restore()


def _line_box(base: QFont, device: QPaintDevice) -> tuple[float, float]:
    """The ascent and height of a line that may hold Latin and CJK text (the taller font decides)."""
    ascent = descent = leading = 0.0
    for family in base.families():
        font = QFont(base)
        font.setFamilies([family])
        metrics = QFontMetricsF(font, device)
        ascent, descent = max(ascent, metrics.ascent()), max(descent, metrics.descent())
        leading = max(leading, metrics.leading())
    return ascent, ascent + descent + leading


__all__ = ["Block", "Placed", "Typesetter", "figure", "heading", "item", "paint_page", "place", "section"]
