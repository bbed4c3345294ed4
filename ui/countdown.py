"""The countdown cell: remaining time as text, a bar of the target left in the severity's hue, a state icon.

Colour never carries the state alone (WCAG 1.4.1): every state has its own icon shape and its words.
Hues are the core's palette (``desk.palette``, Okabe-Ito) by the severity's rank in its plan; the words
and icon use the palette's own text colour beside the bar (never on top of it), so light and dark palettes
both keep them readable. Everything is derived at paint time from the stored deadline and the injected
clock, so the 1 Hz tick only asks for a repaint.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from desk.clock import Clock
from desk.palette import rank_colour
from desk.queue import QueueClock, countdown
from desk.vocabulary import ALERT_STATES, ClockState
from ui.text import remaining_text

CLOCK_ROLE = Qt.ItemDataRole.UserRole + 1
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 2  # the severity's rank in its plan (1: the most severe)
# How strongly the bar shows by state: calm while on track, loud when breached.
_ALPHA = {ClockState.ON_TRACK: 110, ClockState.AT_RISK: 190, ClockState.BREACHED: 255, ClockState.PAUSED: 80}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def severity_colour(rank: int | None) -> QColor:
    """The hue of a severity of this rank in its plan (1: the most severe), whatever its code."""
    return QColor(rank_colour(rank))


@dataclass(frozen=True)
class CountdownLook:
    """Everything the cell shows, computed once per paint (and by tests)."""

    state: str
    text: str
    fraction: float  # of the bar to fill, 0..1
    bar: QColor
    bold: bool


def look(clock: QueueClock | None, severity_rank: int | None, now_clock: Clock) -> CountdownLook:
    value = countdown(clock, now_clock.now())
    text = remaining_text(value.state, value.remaining_s)
    hue = severity_colour(severity_rank)
    if value.state == ClockState.BREACHED:
        fraction = 1.0  # overdue: the whole bar, loud, and the text counts up
    elif value.fraction_left is not None:
        fraction = value.fraction_left
    else:
        fraction = 0.0
    hue.setAlpha(_ALPHA.get(value.state, 0))
    return CountdownLook(value.state, text, fraction, hue, value.state in ALERT_STATES)


_ICONS: dict[tuple[str, int, int, int, float], QPixmap] = {}


def state_icon(state: str, size: int, colour: QColor, knockout: QColor, ratio: float) -> QPixmap:
    """The state's icon drawn once per look and size, then reused: the 1 Hz repaint of every visible
    countdown would otherwise stroke antialiased paths for every row, every second."""
    key = (state, size, colour.rgba(), knockout.rgba(), ratio)
    icon = _ICONS.get(key)
    if icon is None:
        icon = QPixmap(round(size * ratio), round(size * ratio))
        icon.setDevicePixelRatio(ratio)
        icon.fill(Qt.GlobalColor.transparent)
        painter = QPainter(icon)
        draw_state_icon(painter, QRectF(0, 0, size, size), state, colour, knockout)
        painter.end()
        _ICONS[key] = icon
    return icon


def draw_state_icon(painter: QPainter, rect: QRectF, state: str, colour: QColor, knockout: QColor) -> None:
    """A distinct shape per state, so it reads without colour; ``knockout`` draws on filled shapes."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, max(1.2, rect.width() / 9))
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = rect.adjusted(1, 1, -1, -1)
    cx, cy = r.center().x(), r.center().y()
    if state == ClockState.ON_TRACK:
        painter.drawEllipse(r)
    elif state == ClockState.AT_RISK:
        path = QPainterPath(QPointF(cx, r.top()))
        path.lineTo(r.right(), r.bottom())
        path.lineTo(r.left(), r.bottom())
        path.closeSubpath()
        painter.drawPath(path)
        painter.drawLine(QPointF(cx, r.top() + r.height() * 0.35), QPointF(cx, r.bottom() - r.height() * 0.3))
    elif state in (ClockState.BREACHED, ClockState.MISSED):
        if state == ClockState.BREACHED:
            painter.setBrush(colour)
            painter.drawRect(r)
            painter.setPen(QPen(knockout, pen.widthF()))
        m = r.width() * 0.25
        painter.drawLine(QPointF(r.left() + m, r.top() + m), QPointF(r.right() - m, r.bottom() - m))
        painter.drawLine(QPointF(r.right() - m, r.top() + m), QPointF(r.left() + m, r.bottom() - m))
    elif state == ClockState.MET:
        painter.drawLine(QPointF(r.left(), cy), QPointF(cx - r.width() * 0.1, r.bottom()))
        painter.drawLine(QPointF(cx - r.width() * 0.1, r.bottom()), QPointF(r.right(), r.top()))
    elif state == ClockState.PAUSED:
        w = r.width() * 0.25
        painter.setBrush(colour)
        painter.drawRect(QRectF(r.left() + w * 0.5, r.top(), w, r.height()))
        painter.drawRect(QRectF(r.right() - w * 1.5, r.top(), w, r.height()))
    else:  # no_target, pending: a dash, nothing is counting
        painter.drawLine(QPointF(r.left(), cy), QPointF(r.right(), cy))
    painter.restore()


class CountdownDelegate(QStyledItemDelegate):
    def __init__(self, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._clock = clock

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        clock = index.data(CLOCK_ROLE)
        value = look(clock, index.data(SEVERITY_ROLE), self._clock)
        palette = option.palette
        rect: QRect = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        inner = rect.adjusted(3, 3, -3, -3)
        # Icon and words on the palette's own colours (readable in light and dark); the bar beside them.
        icon_size = min(inner.height(), 14)
        knockout = palette.color(QPalette.ColorRole.Highlight if selected else QPalette.ColorRole.Base)
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        painter.drawPixmap(
            QPointF(inner.left() + 1, inner.center().y() - icon_size / 2 + 1),
            state_icon(value.state, icon_size, text_colour, knockout, ratio),
        )
        bar_width = max(24, round(inner.width() * 0.25))
        bar = QRect(inner.right() - bar_width + 1, inner.top() + 2, bar_width, inner.height() - 4)
        frame = QColor(text_colour)
        frame.setAlpha(90)
        painter.fillRect(bar, frame)  # a 1 px frame: fills are much cheaper than a stroked rectangle
        painter.fillRect(bar.adjusted(1, 1, -1, -1), palette.color(QPalette.ColorRole.Base))
        if value.fraction > 0:
            painter.fillRect(
                QRect(bar.left() + 1, bar.top() + 1, round((bar.width() - 2) * value.fraction), bar.height() - 2),
                value.bar,
            )
        if value.state == ClockState.BREACHED:
            # Hatching: overdue reads differently from "full" even in greyscale.
            hatch = QColor(0, 0, 0, 110) if not is_dark(palette) else QColor(255, 255, 255, 90)
            painter.fillRect(bar.adjusted(1, 1, -1, -1), QBrush(hatch, Qt.BrushStyle.BDiagPattern))
        font = option.font
        font.setBold(value.bold)
        painter.setFont(font)
        painter.setPen(text_colour)
        text_rect = QRect(
            inner.left() + icon_size + 6, inner.top(), bar.left() - inner.left() - icon_size - 10, inner.height()
        )
        flags = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
        elided = painter.fontMetrics().elidedText(value.text, Qt.TextElideMode.ElideRight, text_rect.width())
        painter.drawText(text_rect, flags, elided)
        painter.restore()
