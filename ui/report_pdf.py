"""PDF rendering of a handover report: QTextDocument laid out on A4 pages, printed through QPdfWriter.

The core never names ``ui``: the composition roots hand this renderer in (``ui.cli_main`` for the
``desk`` command, the handover panel's export in the window). Text is vector text in the CJK font; the
deadline chart is a custom text object painted with QPainter straight onto the PDF page (vectors, not an
image). Every page carries the report id, revision and SHA-256 in its footer, so a printed page can be
traced to the stored record. The text layer reads back as the report's text: each line on one page only,
characters the fonts share a glyph with mapped back to the ones the text used, and emoji spelt out by
Unicode name (``[GRINNING FACE]``: Qt's PDF writer can only paste colour emoji as bitmaps, which are not
text). Title, author (the outgoing agent) and subject are in the document information and its XMP
metadata.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt
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
    QRawFont,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextLayout,
)

from desk.gcpause import collector_paused
from desk.report_render import (
    CASE_COLUMNS,
    LABELS,
    Clockface,
    case_cells,
    header_lines,
    notes_html,
    reader_sections,
    sections_html,
    signature_lines,
    summary_lines,
)
from desk.vocabulary import ClockState
from ui.report_flow import Block, Typesetter, figure, heading, paint_page, place, section
from ui.report_table import case_rows

# Latin text in DejaVu Sans, Chinese in Noto Sans CJK SC. Digits set in the CJK font lose their text
# mapping in Qt's PDF output (pdftotext drops them), so the CJK font only serves what Latin fonts lack.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans CJK SC"]
CHART_OBJECT = QTextFormat.ObjectTypes.UserObject + 1
CHART_MARK = "[[deadline-chart]]"
LAYOUT_DPI = 96  # QTextDocument lays out in 96 dpi pixels; the painter scales to the writer's resolution
WRITER_DPI = 300
MARGINS_MM = QMarginsF(12, 12, 12, 14)
FOOTER_H = 14.0  # layout pixels under each page's body: the report id, revision, hash and page number
LABEL_WIDTH = 160  # layout pixels: the widest label ("Acknowledged 确认接收", ~145) and a gap
EDGE = 0.5  # layout pixels: what a line may touch of a page edge and still belong to the next page
_HEADING = re.compile(r"<h([1-6])>")
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


_CMAP_HEX = re.compile(rb"<([0-9A-Fa-f]{4})>")
# Characters that have no glyph and need none: controls, format characters (bidi isolates, joiners,
# variation selectors), marks drawn on their base, separators.
_INVISIBLE = ("Cc", "Cf", "Mn", "Me", "Zs", "Zl", "Zp")


def _faces() -> list[QRawFont]:
    """The report's fonts as the PDF writer uses them: each family, regular and bold."""
    faces = []
    for family in FONT_FAMILIES:
        for weight in (QFont.Weight.Normal, QFont.Weight.Bold):
            font = QFont(family)
            font.setWeight(weight)
            raw = QRawFont.fromFont(font)
            if raw.isValid():
                faces.append(raw)
    return faces


_UNIT = re.compile(r"[^\x00-\x7f][\ufe0e\ufe0f]?")  # a character with its presentation selector, if any
# What the report's fonts draw as text, or need not draw (bidi isolates): ASCII, Latin-1, general
# punctuation, CJK punctuation and ideographs, full-width forms. Text of these alone is left as it is
# without asking the fonts character by character (most of a report).
_SUSPECT = re.compile(
    "[^\x00-\x7f\u00a0-\u00ff\u2010-\u2027\u2030-\u205e\u2066-\u2069\u3000-\u303f\u4e00-\u9fff\uff01-\uff60]"
)


def drawable(text: str, font: QFont, known: dict[str, str]) -> str:
    """``text`` with every character the report's fonts do not draw as text spelt out by Unicode name.

    Qt draws emoji with the colour emoji font even where DejaVu Sans has a glyph, and its PDF writer
    cannot embed that font: it pastes a small bitmap that is not text (copying or searching the PDF
    finds nothing). So 😀 prints as ``[GRINNING FACE]``, a character without a name as ``[U+XXXX]``,
    and a zero-width joiner between two such names is dropped. ``known`` caches the answers.
    """

    if not _SUSPECT.search(text):
        return text

    def spelt(match: re.Match[str]) -> str:
        unit = match.group(0)
        if unit not in known:
            known[unit] = unit
            char = unit[0]
            if unicodedata.category(char) not in _INVISIBLE:
                layout = QTextLayout(unit, font)
                layout.beginLayout()
                layout.createLine()
                layout.endLayout()
                runs = layout.glyphRuns()
                if not runs or any(
                    r.rawFont().familyName() not in FONT_FAMILIES or 0 in r.glyphIndexes() for r in runs
                ):
                    known[unit] = f"[{unicodedata.name(char, f'U+{ord(char):04X}')}]"
        return known[unit]

    return re.sub(r"(?<=\])\u200d(?=\[)", "", _UNIT.sub(spelt, text))


def restore_code_points(pdf: bytes, text: str, faces: list[QRawFont]) -> bytes:
    """Make the PDF's text layer give back the characters the report used (ToUnicode CMaps fixed up).

    Qt's PDF writer maps each glyph back to the lowest code point the font draws with it: 户 (U+6237)
    and the Kangxi radical ⼾ (U+2F3E) share one glyph, so extracted or copied text read ⼾, and a
    search for 客户 found nothing. We know the text: a code point the text never uses is replaced by
    the one character of the text that has the same glyph in one of the report's fonts; failing that
    (no such character, or several), a radical or compatibility ideograph becomes its NFKC form. Every
    replacement has the same length (four hex digits), so no byte offset in the file moves.
    """
    used = set(text)
    by_glyph: list[dict[int, set[str]]] = []
    chars = sorted(c for c in used if ord(c) <= 0xFFFF)
    for face in faces:
        glyphs: dict[int, set[str]] = {}
        for char, glyph in zip(chars, face.glyphIndexesForString("".join(chars)), strict=True):
            if glyph:
                glyphs.setdefault(glyph, set()).add(char)
        by_glyph.append(glyphs)
    cache: dict[bytes, bytes] = {}

    def unified(match: re.Match[bytes]) -> bytes:
        hexa = match.group(0)
        if hexa not in cache:
            cache[hexa] = hexa
            char = chr(int(match.group(1), 16))
            if char not in used and not 0xD800 <= ord(char) <= 0xDFFF:
                same: set[str] = set()
                for face, glyphs in zip(faces, by_glyph, strict=True):
                    (glyph,) = face.glyphIndexesForString(char) or [0]
                    same |= glyphs.get(glyph, set()) if glyph else set()
                if len(same) == 1:
                    cache[hexa] = b"<%04X>" % ord(same.pop())
                else:
                    nfkc = unicodedata.normalize("NFKC", char)
                    if len(nfkc) == 1 and nfkc != char and ord(nfkc) <= 0xFFFF:
                        cache[hexa] = b"<%04X>" % ord(nfkc)
        return cache[hexa]

    def fix_cmap(match: re.Match[bytes]) -> bytes:
        out = []
        for line in match.group(0).split(b"\n"):
            tokens = line.split(b" ", 2)
            # bfrange: fix destinations only, and only where each source has its own (an array, or one
            # source): a single destination for a range of sources is the first of a sequence.
            if len(tokens) == 3 and tokens[0].startswith(b"<") and (tokens[2][:1] == b"[" or tokens[0] == tokens[1]):
                line = b" ".join([*tokens[:2], _CMAP_HEX.sub(unified, tokens[2])])
            elif len(tokens) == 2 and tokens[0].startswith(b"<"):  # bfchar
                line = tokens[0] + b" " + _CMAP_HEX.sub(unified, tokens[1])
            out.append(line)
        return b"\n".join(out)

    return re.sub(rb"begin(?:bfrange|bfchar).*?end(?:bfrange|bfchar)", fix_cmap, pdf, flags=re.DOTALL)


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

    def drawObject(self, painter: QPainter, rect: QRectF | QRect, doc: Any, pos: int, fmt: Any) -> None:
        draw_chart(painter, QRectF(rect), self.chart, self.face)


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
            painter.setBrush(QColor(face.words.severity_colour(sev)))
            painter.drawRect(QRectF(x + 1.5, y, bar_w - 3, h))
        if len(buckets) <= 12 or i % 2 == 0:
            painter.setPen(axis)
            label = face.local(bucket["start"], "%H:%M")
            painter.drawText(QRectF(x - 6, bottom + 2, bar_w + 12, 12), Qt.AlignmentFlag.AlignHCenter, label)
    lx = rect.left() + 28
    for sev in severities:
        painter.setPen(edge)
        painter.setBrush(QColor(face.words.severity_colour(sev)))
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


def report_html(
    data: Mapping[str, Any],
    meta: Mapping[str, Any],
    face: Clockface,
    *,
    case_rows: int | None = None,
    head_only: bool = False,
) -> str:
    """Qt rich text (a subset of HTML): every user string escaped; the chart is a placeholder.

    ``case_rows``: only the first rows of the open-case table (the page breaks are worked out on that);
    ``head_only``: only the header, summary and notes (the PDF paints the rest, see ``ui.report_flow``).
    """

    def dl(lines: list[tuple[str, str]]) -> str:
        # One label width for every key-value table. Cells centred: a label's CJK font makes its line
        # taller than a Latin value's, and top-aligned the value would sit visibly higher than its label.
        rows = "".join(
            f'<tr><td width="{LABEL_WIDTH}" style="vertical-align:middle"><b>{_e(k)}</b></td>'
            f'<td style="vertical-align:middle">{_e(v)}</td></tr>'
            for k, v in lines
        )
        return f'<table cellspacing="0" cellpadding="1">{rows}</table>'

    out = [
        f"<h2>{_e(LABELS['title'])}</h2>",
        dl(header_lines(data, face) + signature_lines(meta, face)),
        f"<h3>{_e(LABELS['summary'])}</h3>",
        dl(summary_lines(data)),
        f"<h3>{_e(LABELS['notes'])}</h3>",
        notes_html(data["notes"], _e),
    ]
    if head_only:
        return "".join(out)
    lead, rest = reader_sections(data, face)
    out.extend(sections_html(lead, "h3", bdi=False))
    out += [f"<h3>{_e(LABELS['chart'])}</h3>", f"<p>{CHART_MARK}</p>"]
    out.extend(sections_html(rest, "h3", bdi=False))
    out.append(f"<h3>{_e(LABELS['open_cases'])} ({len(data['open_cases'])})</h3>")
    out.append('<table border="0.5" cellspacing="0" cellpadding="2" width="100%"><thead><tr>')
    out.append("".join(f'<th bgcolor="#eeeeee" align="left">{_e(label)}</th>' for _, label in CASE_COLUMNS))
    out.append("</tr></thead>")
    for row in data["open_cases"][:case_rows]:
        cells = case_cells(row, face)
        tds = []
        for key, _ in CASE_COLUMNS:
            if key == "severity":
                colour = face.words.severity_colour(row["severity"])
                tds.append(f'<td><font color="{colour}">■</font> {_e(cells[key])}</td>')
            elif key == "state" and row["state"] in (ClockState.BREACHED, ClockState.MISSED):
                tds.append(f"<td><b>{_e(cells[key])}</b></td>")
            else:
                tds.append(f"<td>{_e(cells[key])}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "".join(out)


def build_document(
    data: Mapping[str, Any],
    meta: Mapping[str, Any],
    page: QSizeF | None = None,
    *,
    case_rows: int | None = None,
    head_only: bool = False,
) -> tuple[QTextDocument, ChartObject]:
    """The report as a QTextDocument with the chart object in place (PDF pages or an on-screen viewer);
    only its header, summary and notes when ``head_only`` (the PDF paints the rest itself).

    The chart handler is returned so the caller keeps it alive as long as the document.
    """
    face = Clockface.of(data, meta)
    doc = QTextDocument()
    doc.setDocumentMargin(0 if page is not None else 8)
    doc.setDefaultFont(_font(7.5 if page is not None else 9))
    width = min(page.width(), 760.0) if page is not None else 720.0
    chart = ChartObject(data["chart"], face, QSizeF(width, 170.0))
    chart.setParent(doc)
    # The chart goes in before anything is laid out: inserting it into a document already laid out in
    # pages leaves the layout stale (later blocks get zero height and vanish from the printed pages).
    text = report_html(data, meta, face, case_rows=case_rows, head_only=head_only)
    if page is not None:  # on paper, what the fonts cannot draw is spelt out (a screen shows emoji)
        text = drawable(text, doc.defaultFont(), {})
        if not head_only and case_rows is None and len(data["open_cases"]) > 1:
            # Each page break moved before a heading lays out all that follows again, the whole case table
            # included: the breaks are found on the report cut after its first case (what precedes the
            # table does not depend on it) and written into the full text, laid out once.
            short, _ = build_document(data, meta, page, case_rows=1)
            text = _break_before(text, _broken_headings(short))
    _fill(doc, chart, text)
    if page is not None:
        doc.setPageSize(page)
        keep_headings_with_next(doc)  # (the breaks are in place: this only checks the case table's heading)
    return doc, chart


def _fill(doc: QTextDocument, chart: ChartObject, text: str) -> None:
    doc.setHtml(text)
    cursor = doc.find(CHART_MARK)
    if not cursor.isNull():
        fmt = QTextCharFormat()
        fmt.setObjectType(CHART_OBJECT)
        cursor.insertText("\ufffc", fmt)
    doc.documentLayout().registerHandler(CHART_OBJECT, chart)


def _broken_headings(doc: QTextDocument) -> set[int]:
    """The ordinals (in reading order) of the headings that start a new page in ``doc``."""
    broken, ordinal = set(), 0
    block = doc.begin()
    while block.isValid():
        if block.blockFormat().headingLevel():
            if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
                broken.add(ordinal)
            ordinal += 1
        block = block.next()
    return broken


def _break_before(text: str, ordinals: set[int]) -> str:
    """``text`` with a page break before its headings of these ordinals (user text is escaped: no tags)."""
    count = -1

    def tag(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f'<h{match[1]} style="page-break-before: always">' if count in ordinals else match[0]

    return _HEADING.sub(tag, text) if ordinals else text


def keep_headings_with_next(doc: QTextDocument) -> None:
    """Move a heading to the next page when its section's first line (or the chart) would start there.

    Qt's layout breaks pages between lines with no notion of "keep with next", so a heading could end a
    page with its section on the following one. Done in reading order: each break moves what follows.
    """
    page_h = doc.pageSize().height()
    layout = doc.documentLayout()
    layout.documentSize()  # lay the whole document out now: positions read below must not be stale
    block = doc.begin()
    while block.isValid():
        following = block.next()
        if block.blockFormat().headingLevel() and following.isValid():
            first = following.layout().lineAt(0) if following.layout().lineCount() else None
            start = layout.blockBoundingRect(following).top()
            bottom = start + (first.y() + first.height() if first is not None else 0.0)
            if int(layout.blockBoundingRect(block).top() // page_h) != int((bottom - 1) // page_h):
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                layout.documentSize()  # everything after the break moved
        block = following


def _device_font(points: float, bold: bool) -> QFont:
    """A report font for text painted in the writer's own pixels (the open-case table)."""
    font = _font(points)
    if bold:
        font.setWeight(QFont.Weight.Bold)
    return font


def placed_flow(data: Mapping[str, Any], face: Clockface, setter: Typesetter, width: float) -> list[Block]:
    """What follows the header, summary and notes, in reading order: the open points, breaches and what
    falls due; the chart; the shift's record; the open-case table."""
    lead, rest = reader_sections(data, face)
    none = LABELS["none"]
    blocks = [block for title, items in lead for block in section(setter, title, items, none, width)]
    scale = WRITER_DPI / LAYOUT_DPI
    chart_w = min(width / scale, 760.0)

    def chart(painter: QPainter, rect: QRectF) -> None:
        painter.scale(scale, scale)  # the chart is drawn in layout pixels, as on screen
        draw_chart(painter, QRectF(rect.x() / scale, rect.y() / scale, chart_w, 170.0), data["chart"], face)

    blocks += [heading(setter, LABELS["chart"]), figure(170.0 * scale, chart, width)]
    blocks += [block for title, items in rest for block in section(setter, title, items, none, width)]
    blocks.append(heading(setter, f"{LABELS['open_cases']} ({len(data['open_cases'])})"))
    return blocks + case_rows(setter, data, face, width)


def page_layout() -> QPageLayout:
    """A4 landscape with the report's margins."""
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape, MARGINS_MM)


def page_body() -> QSizeF:
    """The part of a page the document fills, in layout pixels (the footer has the rest)."""
    paint = page_layout().paintRectPixels(WRITER_DPI)
    scale = WRITER_DPI / LAYOUT_DPI
    return QSizeF(paint.width() / scale, paint.height() / scale - FOOTER_H)


def render_pdf(data: Mapping[str, Any], meta: Mapping[str, Any]) -> bytes:
    """The report as PDF bytes (A4 landscape). Called by ``desk handover export --format pdf``."""
    with collector_paused():  # a block and a few texts per list item and table row
        return _render_pdf(data, meta)


def _render_pdf(data: Mapping[str, Any], meta: Mapping[str, Any]) -> bytes:
    _ensure_app()
    face = Clockface.of(data, meta)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(WRITER_DPI)
    writer.setPageLayout(page_layout())
    window = face.window(data["header"])
    outgoing = data["header"]["outgoing"]
    title = f"{LABELS['title']} {outgoing} {window}"
    subject = f"{LABELS['window']} {window} · {meta.get('id', '')} · rev {data['header']['revision']}"
    writer.setTitle(title)
    writer.setAuthor(outgoing)
    writer.setCreator("desk")
    # Qt's document information has no Subject: it goes into the XMP metadata, which then has to carry
    # the title and author too (ours replaces the one Qt would write).
    writer.setDocumentXmpMetadata(QByteArray(xmp_metadata(title, outgoing, subject).encode("utf-8")))

    scale = WRITER_DPI / LAYOUT_DPI
    body = page_body()
    page_w, body_h = body.width(), body.height()
    page_h = body_h + FOOTER_H
    footer_h = FOOTER_H

    doc, _chart = build_document(data, meta, body, head_only=True)
    doc_pages = doc.pageCount()
    # The lists, the chart and the open-case table go on under the document's last line, painted in the
    # writer's device pixels.
    doc_end = doc.documentLayout().blockBoundingRect(doc.lastBlock()).bottom() - (doc_pages - 1) * body_h
    known: dict[str, str] = {}
    setter = Typesetter(writer, _device_font, lambda text, font: drawable(text, font, known))
    flow = placed_flow(data, face, setter, page_w * scale)
    placed = place(flow, doc_end * scale, body_h * scale)
    # placed[0] goes on the document's last page (empty when not even the first block fitted there).
    flows = {doc_pages - 1 + n: part for n, part in enumerate(placed) if part}
    pages = max(doc_pages, max(flows, default=0) + 1)
    footer_font = _font(6, scale)
    stamp = f"{meta.get('id', '')} · rev {data['header']['revision']} · SHA-256 {meta.get('sha256', '')}"
    footers = [f"{stamp} · {page + 1}/{pages}" for page in range(pages)]
    painter = QPainter(writer)
    try:
        painter.scale(scale, scale)
        for page in range(pages):
            if page:
                writer.newPage()
            if page < doc_pages:
                painter.save()
                painter.translate(0, -page * body_h)
                area = QRectF(0, page * body_h, page_w, body_h)
                painter.setClipRect(area)
                context = QAbstractTextDocumentLayout.PaintContext()
                # The layout breaks pages between lines, so a line touching this page's edge is the
                # neighbour's: drawn here too it would be invisible (clipped) yet still in the PDF's text.
                context.clip = area.adjusted(0, EDGE, 0, -EDGE)
                doc.documentLayout().draw(painter, context)
                painter.restore()
            if page in flows:
                painter.save()
                painter.resetTransform()
                paint_page(painter, flows[page])
                painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#555555"))
            painter.drawText(
                QRectF(0, page_h - footer_h + 3, page_w, footer_h), Qt.AlignmentFlag.AlignLeft, footers[page]
            )
    finally:
        painter.end()
    buffer.close()
    # Everything printed: the document, the footers, the chart's labels.
    printed = doc.toPlainText() + "".join(setter.printed) + "".join(footers) + LABELS["overdue"] + title + subject
    return restore_code_points(bytes(QByteArray(buffer.data()).data()), printed, _faces())


def xmp_metadata(title: str, author: str, subject: str) -> str:
    """An XMP packet with the report's title, author (the outgoing agent) and subject."""

    def x(text: str) -> str:
        return html.escape(text, quote=True)

    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x(title)}</rdf:li></rdf:Alt></dc:title>'
        f"<dc:creator><rdf:Seq><rdf:li>{x(author)}</rdf:li></rdf:Seq></dc:creator>"
        f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x(subject)}</rdf:li></rdf:Alt></dc:description>'
        "<xmp:CreatorTool>desk</xmp:CreatorTool>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
