"""A case's history as a list: full date and time, long text elided with the whole text in a tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desk.caseviews import TimelineEntry
from desk.vocabulary import EventKind
from ui.plain import one_line, plain_tooltip
from ui.text import event_text, local_time, status_text

WHEN, WHO, WHAT, CHANGE, REASON = range(5)
CHANGE_MIN = 80  # px


def change_text(entry: TimelineEntry) -> str:
    """``S3 → S1``, ``in progress → resolved``, or the text of a note or response."""
    if entry.kind == EventKind.STATUS:
        return f"{status_text(entry.old or '')} → {status_text(entry.new or '')}"
    if entry.old or entry.field:
        return f"{entry.old or ''} → {entry.new or ''}".strip()
    return entry.new or ""


class CaseTimeline(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Change"), self.tr("Reason")])
        self.setAccessibleName(self.tr("Case history"))
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

    def show_entries(self, entries: tuple[TimelineEntry, ...]) -> None:
        self.clear()
        for e in entries:
            change = change_text(e)
            item = QTreeWidgetItem(
                [local_time(e.at), e.actor, event_text(e.kind), one_line(change), one_line(e.reason)]
            )
            item.setToolTip(WHEN, local_time(e.at, seconds=True))
            item.setToolTip(WHO, plain_tooltip(e.actor))
            item.setToolTip(CHANGE, plain_tooltip(change))
            item.setToolTip(REASON, plain_tooltip(e.reason))
            self.addTopLevelItem(item)
        for column in (WHEN, WHO, WHAT):
            self.resizeColumnToContents(column)
        self._fit()

    def _fit(self) -> None:
        """The time, who and what always fit; the change and the reason share what is left, and elide."""
        fixed = sum(self.columnWidth(c) for c in (WHEN, WHO, WHAT))
        left = self.viewport().width() - fixed
        if not self.topLevelItemCount():
            return
        change, reason = self.sizeHintForColumn(CHANGE), self.sizeHintForColumn(REASON)
        # Half each when both are long; the change takes what the reasons leave when they are short.
        self.setColumnWidth(CHANGE, max(CHANGE_MIN, min(change, max(left // 2, left - reason))))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()
