"""PDF rendering of a handover report: QTextDocument laid out on A4 pages, printed through QPdfWriter.

The core finds this renderer through the ``desk.renderers`` entry point (``pdf``), so the ``desk`` CLI
never names ``ui``. Text is vector text in the CJK font; the deadline chart is a custom text object
painted with QPainter straight onto the PDF page (vectors, not an image). Every page carries the
report id, revision and SHA-256 in its footer, so a printed page can be traced to the stored record.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
)

from desk.report_render import (
    CASE_COLUMNS,
    LABELS,
    OTHER_COLOUR,
    SEVERITY_COLOURS,
    Clockface,
    case_cells,
    header_lines,
    sections_html,
    signature_lines,
    summary_lines,
)

# Latin text in DejaVu Sans, Chinese in Noto Sans CJK SC. Digits set in the CJK font lose their text
# mapping in Qt's PDF output (pdftotext drops them), so the CJK font only serves what Latin fonts lack.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC"]
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
CHART_MARK = "[[deadline-chart]]"
LAYOUT_DPI = 96  # QTextDocument lays out in 96 dpi pixels; the painter scales to the writer's resolution
WRITER_DPI = 300
MARGINS_MM = QMarginsF(12, 12, 12, 14)
EDGE = 0.5  # layout pixels: what a line may touch of a page edge and still belong to the next page
_app: QGuiApplication | None = None  # only when called headless (the CLI), where no application exists


def _font(points: float, scale: float = 1.0) -> QFont:
    """A report font; ``scale`` undoes the painter's layout-to-device scaling for text drawn directly."""
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(points / scale)
    # No ligatures: a hash or id with "ff" or "fi" must copy and extract as the letters it is.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


_RADICAL_HEX = re.compile(rb"<(2[EF][0-9A-Fa-f]{2})>")


def _unify_radicals(pdf: bytes) -> bytes:
    """Map CJK radical code points in ToUnicode CMaps to the ideographs they stand for.

    A CJK font draws 人 (U+4EBA) and the Kangxi radical ⼈ (U+2F08) with one glyph; Qt's PDF writer
    maps each glyph back to the lowest code point that uses it, so copied or extracted text would read
    ⼈. The replacement is the same length (four hex digits), so no byte offset in the file moves.
    """

    def fix_cmap(match: re.Match[bytes]) -> bytes:
        body = match.group(0)
        out = []
        for line in body.split(b"\n"):
            tokens = line.split(b" ", 2)
            if len(tokens) == 3 and tokens[0].startswith(b"<"):  # bfrange: fix destinations only
                line = b" ".join([*tokens[:2], _RADICAL_HEX.sub(_unified, tokens[2])])
            elif len(tokens) == 2 and tokens[0].startswith(b"<"):  # bfchar
                line = tokens[0] + b" " + _RADICAL_HEX.sub(_unified, tokens[1])
            out.append(line)
        return b"\n".join(out)

    return re.sub(rb"begin(?:bfrange|bfchar).*?end(?:bfrange|bfchar)", fix_cmap, pdf, flags=re.DOTALL)


def _unified(match: re.Match[bytes]) -> bytes:
    char = chr(int(match.group(1), 16))
    unified = unicodedata.normalize("NFKC", char)
    if len(unified) == 1 and unified != char and ord(unified) <= 0xFFFF:
        return b"<%04X>" % ord(unified)
    return match.group(0)


def _ensure_app() -> None:
    global _app
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])


class ChartObject(QPyTextObject):
    """The deadline chart, drawn with QPainter where the document places it (vector output)."""

    def __init__(self, chart: Mapping[str, Any], face: Clockface, size: QSizeF) -> None:
        super().__init__()
        self.chart = chart
        self.face = face
        self.size = size

    def intrinsicSize(self, doc: Any, pos: int, fmt: Any) -> QSizeF:
        return self.size

    def drawObject(self, painter: QPainter, rect: QRectF, doc: Any, pos: int, fmt: Any) -> None:
        draw_chart(painter, rect, self.chart, self.face)


def draw_chart(painter: QPainter, rect: QRectF, chart: Mapping[str, Any], face: Clockface) -> None:
    buckets = chart["buckets"]
    severities = chart["severities"]
    painter.save()
    painter.setFont(_font(6.5, painter.worldTransform().m11()))
    left, top, bottom = rect.left() + 28, rect.top() + 18, rect.bottom() - 16
    width = rect.width() - 36
    plot_h = bottom - top
    peak = max([sum(b["counts"].values()) for b in buckets] + [1])
    bar_w = width / max(len(buckets), 1)
    axis = QPen(QColor("#333333"))
    axis.setWidthF(0.6)
    painter.setPen(axis)
    painter.drawLine(QPointF(left, bottom), QPointF(left + width, bottom))
    painter.drawLine(QPointF(left, top), QPointF(left, bottom))
    painter.drawText(QRectF(rect.left(), top - 6, 24, 12), Qt.AlignmentFlag.AlignRight, str(peak))
    painter.drawText(QRectF(rect.left(), bottom - 8, 24, 12), Qt.AlignmentFlag.AlignRight, "0")
    edge = QPen(QColor("#333333"))
    edge.setWidthF(0.3)
    for i, bucket in enumerate(buckets):
        x = left + i * bar_w
        y = bottom
        for sev in severities:
            n = bucket["counts"].get(sev, 0)
            if not n:
                continue
            h = plot_h * n / peak
            y -= h
            painter.setPen(edge)
            painter.setBrush(QColor(SEVERITY_COLOURS.get(sev, OTHER_COLOUR)))
            painter.drawRect(QRectF(x + 1.5, y, bar_w - 3, h))
        if len(buckets) <= 12 or i % 2 == 0:
            painter.setPen(axis)
            label = face.local(bucket["start"], "%H:%M")
            painter.drawText(QRectF(x - 6, bottom + 2, bar_w + 12, 12), Qt.AlignmentFlag.AlignHCenter, label)
    lx = rect.left() + 28
    for sev in severities:
        painter.setPen(edge)
        painter.setBrush(QColor(SEVERITY_COLOURS.get(sev, OTHER_COLOUR)))
        painter.drawRect(QRectF(lx, rect.top() + 3, 8, 8))
        painter.setPen(axis)
        painter.drawText(QPointF(lx + 11, rect.top() + 10), sev)
        lx += 36
    overdue = sum(chart["overdue"].values())
    painter.drawText(
        QRectF(rect.left(), rect.top(), rect.width(), 14),
        Qt.AlignmentFlag.AlignRight,
        f"{LABELS['overdue']}: {overdue}",
    )
    painter.restore()


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def report_html(data: Mapping[str, Any], meta: Mapping[str, Any], face: Clockface) -> str:
    """Qt rich text (a subset of HTML): every user string escaped; the chart is a placeholder."""

    def dl(lines: list[tuple[str, str]]) -> str:
        rows = "".join(f"<tr><td><b>{_e(k)}</b></td><td>{_e(v)}</td></tr>" for k, v in lines)
        return f'<table cellspacing="0" cellpadding="1">{rows}</table>'

    out = [
        f"<h2>{_e(LABELS['title'])}</h2>",
        dl(header_lines(data, face) + signature_lines(meta, face)),
        f"<h3>{_e(LABELS['summary'])}</h3>",
        dl(summary_lines(data)),
        f"<h3>{_e(LABELS['chart'])}</h3>",
        f"<p>{CHART_MARK}</p>",
    ]
    out.extend(sections_html(data, face, "h3"))
    out.append(f"<h3>{_e(LABELS['open_cases'])} ({len(data['open_cases'])})</h3>")
    out.append('<table border="0.5" cellspacing="0" cellpadding="2" width="100%"><thead><tr>')
    out.append("".join(f'<th bgcolor="#eeeeee" align="left">{_e(label)}</th>' for _, label in CASE_COLUMNS))
    out.append("</tr></thead>")
    for row in data["open_cases"]:
        cells = case_cells(row, face)
        tds = []
        for key, _ in CASE_COLUMNS:
            if key == "severity":
                colour = SEVERITY_COLOURS.get(row["severity"], OTHER_COLOUR)
                tds.append(f'<td><font color="{colour}">■</font> {_e(cells[key])}</td>')
            elif key == "state" and row["state"] in ("breached", "missed"):
                tds.append(f"<td><b>{_e(cells[key])}</b></td>")
            else:
                tds.append(f"<td>{_e(cells[key])}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    out.append(f"<h3>{_e(LABELS['notes'])}</h3>")
    notes = data["notes"].strip()
    out.append("<p>" + (_e(notes).replace("\n", "<br>") if notes else _e(LABELS["none"])) + "</p>")
    return "".join(out)


def build_document(
    data: Mapping[str, Any], meta: Mapping[str, Any], page: QSizeF | None = None
) -> tuple[QTextDocument, ChartObject]:
    """The report as a QTextDocument with the chart object in place (PDF pages or an on-screen viewer).

    The chart handler is returned so the caller keeps it alive as long as the document.
    """
    face = Clockface(data["header"]["timezone"])
    doc = QTextDocument()
    doc.setDocumentMargin(0 if page is not None else 8)
    doc.setDefaultFont(_font(7.5 if page is not None else 9))
    width = min(page.width(), 760.0) if page is not None else 720.0
    chart = ChartObject(data["chart"], face, QSizeF(width, 170.0))
    chart.setParent(doc)
    # The chart goes in before anything is laid out: inserting it into a document already laid out in
    # pages leaves the layout stale (later blocks get zero height and vanish from the printed pages).
    doc.setHtml(report_html(data, meta, face))
    cursor = doc.find(CHART_MARK)
    if not cursor.isNull():
        fmt = QTextCharFormat()
        fmt.setObjectType(CHART_OBJECT)
        cursor.insertText("\ufffc", fmt)
    doc.documentLayout().registerHandler(CHART_OBJECT, chart)
    if page is not None:
        doc.setPageSize(page)
    return doc, chart


def render_pdf(data: Mapping[str, Any], meta: Mapping[str, Any]) -> bytes:
    """The report as PDF bytes (A4 landscape). Called by ``desk handover export --format pdf``."""
    _ensure_app()
    face = Clockface(data["header"]["timezone"])
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(WRITER_DPI)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, MARGINS_MM))
    writer.setTitle(f"{LABELS['title']} {data['header']['outgoing']} {face.window(data['header'])}")
    writer.setCreator("desk")

    paint = writer.pageLayout().paintRectPixels(WRITER_DPI)
    scale = WRITER_DPI / LAYOUT_DPI
    page_w, page_h = paint.width() / scale, paint.height() / scale
    footer_h = 14.0
    body_h = page_h - footer_h

    doc, _chart = build_document(data, meta, QSizeF(page_w, body_h))
    footer_font = _font(6, scale)
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(0, -page * body_h)
            body = QRectF(0, page * body_h, page_w, body_h)
            painter.setClipRect(body)
            context = QAbstractTextDocumentLayout.PaintContext()
            # The layout breaks pages between lines, so a line touching this page's edge is the neighbour's:
            # drawn here too it would be invisible (clipped) yet still in the PDF's text.
            context.clip = body.adjusted(0, EDGE, 0, -EDGE)
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#555555"))
            footer = (
                f"{meta.get('id', '')} · rev {data['header']['revision']} · SHA-256 {meta.get('sha256', '')}"
                f" · {page + 1}/{pages}"
            )
            painter.drawText(QRectF(0, page_h - footer_h + 3, page_w, footer_h), Qt.AlignmentFlag.AlignLeft, footer)
    finally:
        painter.end()
    buffer.close()
    return _unify_radicals(bytes(QByteArray(buffer.data()).data()))
