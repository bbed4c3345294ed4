"""The case detail pane: fields, every clock at once, the case's actions and its history.

The pane shows one case until another is chosen. When the queue stops selecting it (its filter or
search now hides it), the pane keeps it, with a note saying it is hidden by the filter, and its actions
keep working on it: an agent who narrows the queue to look something up does not lose the case (or the
note half typed) they were working on. A resolved or closed case (opened from the list of recently
resolved and closed cases, or just ended here) is shown with a note that it is not in the queue, and
can be reopened from the pane.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.caseviews import CaseDetail, case_detail, clocks_at
from desk.services import ChangeSet, Desk, DeskError, NotFound
from desk.sla import ClockResult
from desk.vocabulary import ENDED_STATUSES, RUNNING_STATES, ClockState
from ui.case_actions import CaseActions
from ui.case_effects import severity_name
from ui.conflict_marks import case_conflict_words
from ui.errors import error_text
from ui.operations import Operations
from ui.plain import plain_labels
from ui.queue_model import QueueModel
from ui.text import (
    case_line,
    duration_text,
    isolate,
    local_time,
    remaining_text,
    state_text,
    status_text,
    warning_text,
    yes_no,
)
from ui.ticker import Ticker
from ui.timeline import CaseTimeline


def _duration(delta: timedelta | None) -> str:
    return duration_text(int(delta.total_seconds())) if delta is not None else "–"


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles, names and notes are the users' text
    label.setWordWrap(True)
    return label


class CaseDetailPanel(QWidget):
    # The agent asked to resolve the shown case's field conflict (its id): the window opens the dialog.
    conflict_resolution_requested = Signal(object)

    def __init__(self, ops: Operations, language: str, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Case details"))
        self._ops = ops
        self._language = language
        self.agent = agent
        self.detail: CaseDetail | None = None
        self._asked = 0  # counts the cases asked for: a read answering after a later one was asked is dropped
        # The case asked for whose read has not answered yet (and what to do then): a change to it meanwhile
        # must be read again, since the answer on its way may have been read before the change.
        self._reading: tuple[uuid.UUID, Callable[[], object] | None] | None = None
        self._queue: QueueModel | None = None
        self.heading = _plain(QLabel(self.tr("No case selected"), self))
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.notice = _plain(QLabel(self))
        self.notice.setAccessibleName(self.tr("Why this case is not in the queue"))
        self.notice.hide()
        # Two agents set the case's status or assignee differently while apart: both values until resolved.
        self.conflict = _plain(QLabel(self))
        self.conflict.setAccessibleName(self.tr("Conflict on this case"))
        self.resolve_conflict = QPushButton(self.tr("Resolve conflict…"), self)
        self.resolve_conflict.setAccessibleName(self.tr("Resolve this case's conflict"))
        self.resolve_conflict.clicked.connect(self._resolve_conflict)
        conflict_row = QHBoxLayout()
        conflict_row.addWidget(self.conflict, 1)
        conflict_row.addWidget(self.resolve_conflict, 0, Qt.AlignmentFlag.AlignTop)
        self.conflict.hide()
        self.resolve_conflict.hide()
        self.fields: dict[str, QLabel] = {}
        # Two pairs to a row (the customer has a row of its own): the history below keeps its room.
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        labels = (
            ("customer", self.tr("Customer")),
            ("tier", self.tr("Tier / contract")),
            ("severity", self.tr("Severity")),
            ("channel", self.tr("Channel")),
            ("status", self.tr("Status")),
            ("assignee", self.tr("Assignee")),
            ("product", self.tr("Product / third party")),
            ("opened", self.tr("Opened")),
            ("responded", self.tr("First response")),
        )
        for i, (key, text) in enumerate(labels):
            self.fields[key] = _plain(QLabel(self))
            row, column = (0, 0) if i == 0 else ((i + 1) // 2, 2 * ((i + 1) % 2))
            form.addWidget(QLabel(text, self), row, column, Qt.AlignmentFlag.AlignTop)
            form.addWidget(self.fields[key], row, column + 1, 1, 3 if i == 0 else 1, Qt.AlignmentFlag.AlignTop)
        self.warnings = _plain(QLabel(self))

        self.clocks = QTableWidget(0, 6, self)
        self.clocks.setHorizontalHeaderLabels(
            [
                self.tr("Clock"),
                self.tr("State"),
                self.tr("Target"),
                self.tr("Due"),
                self.tr("Remaining"),
                self.tr("Paused"),
            ]
        )
        self.clocks.verticalHeader().hide()
        self.clocks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.clocks.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.clocks.setAccessibleName(self.tr("Clocks"))

        self.case_actions = CaseActions(ops, language, agent, self)
        self.timeline = CaseTimeline(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.notice)
        layout.addLayout(conflict_row)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.clocks)
        layout.addWidget(self.case_actions)
        layout.addWidget(QLabel(self.tr("Timeline"), self))
        layout.addWidget(self.timeline, 1)

        ops.changed.connect(self._changed)
        self.case_actions.reload_requested.connect(self.show_case)
        self._ticker: Ticker | None = None
        plain_labels(self)

    @property
    def desk(self) -> Desk:
        return self._ops.desk

    def follow_ticker(self, ticker: Ticker) -> None:
        """The clocks' remaining times follow the window's one ticker (the queue shows the same instant)."""
        self._ticker = ticker
        ticker.tick.connect(self.refresh_clocks)

    def follow_queue(self, model: QueueModel) -> None:
        """The queue whose filter may hide the shown case: the note follows its rows."""
        self._queue = model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._update_notice)

    # ---------------------------------------------------------------- loading

    def show_case(self, case_id: uuid.UUID | None) -> None:
        """Show a case, read now; None (the queue selects nothing, e.g. its filter hides the case) keeps the
        one shown."""
        if case_id is None:
            if self.detail is not None:
                self.show_case(self.detail.case_id)
            return
        self._asked += 1
        self._reading = None
        try:
            detail = case_detail(self.desk, case_id)
        except (NotFound, DeskError) as exc:
            self._unreadable(exc)
            return
        self._fill(detail)

    def load_case(self, case_id: uuid.UUID | None, then: Callable[[], object] | None = None) -> None:
        """Show a case read on a reader thread (the queue's selection, a refresh after a write): the pane
        keeps what it shows until the case arrives, and the latest case asked for wins."""
        if case_id is None:
            case_id = self.detail.case_id if self.detail is not None else None
            if case_id is None:
                return
        self._asked += 1
        self._reading = (case_id, then)
        asked, wanted, desk = self._asked, case_id, self.desk

        def read() -> CaseDetail:
            return case_detail(desk, wanted)

        def arrived(detail: CaseDetail) -> None:
            if self._asked == asked:
                self._reading = None
                self._fill(detail)
                if then is not None:
                    then()

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError):
                raise exc
            if self._asked == asked:
                self._reading = None
                self._unreadable(exc)

        self._ops.tasks.read(read, arrived, failed)

    def _unreadable(self, exc: DeskError) -> None:
        if isinstance(exc, NotFound):
            self.clear()
        else:  # the database busy or gone: said in the status bar, the pane stays as it was
            self._ops.refuse(error_text(exc))

    def _fill(self, detail: CaseDetail) -> None:
        self.detail = d = detail
        cat = d.catalog
        lang = self._language
        self.heading.setText(case_line(d.ref, d.title))
        self.fields["customer"].setText(f"{isolate(d.customer_name)} ({d.customer_ref})")
        tier_name = (
            cat.tiers[d.tier].name.get(lang) if d.tier is not None and d.tier in cat.tiers else self.tr("no contract")
        )
        self.fields["tier"].setText(f"{d.tier or '–'} {tier_name} · {d.contract_ref or '–'}")
        self.fields["severity"].setText(
            severity_name(cat, d.severity, lang)
            + (self.tr(" (opened as %1)").replace("%1", d.opening_severity) if d.opening_severity != d.severity else "")
        )
        channel = cat.channels.get(d.channel)
        self.fields["channel"].setText(channel.name.get(lang) if channel else d.channel)
        self.fields["status"].setText(status_text(d.status))
        self.fields["assignee"].setText(d.assignee or self.tr("unassigned"))
        self.fields["opened"].setText(local_time(d.opened_at))
        self.fields["responded"].setText(local_time(d.first_response_at))
        self.fields["product"].setText(f"{d.product or '–'} · {yes_no(d.third_party)}")
        self.warnings.setText("\n".join("⚠ " + warning_text(w) for w in d.warnings))
        self.warnings.setVisible(bool(d.warnings))
        self._fill_clocks(d.clocks, rebuild=True)
        self.timeline.show_entries(d.timeline)
        self.case_actions.show_detail(d)
        self._update_notice()
        self._show_conflicts(d)

    def _show_conflicts(self, d: CaseDetail | None) -> None:
        words = case_conflict_words(d.conflicts, self.agent) if d is not None else ""
        self.conflict.setText(words)
        self.conflict.setVisible(bool(words))
        self.resolve_conflict.setVisible(bool(words))

    def _resolve_conflict(self) -> None:
        if self.detail is not None:
            self.conflict_resolution_requested.emit(self.detail.case_id)

    def clear(self) -> None:
        """No case: nothing of the previous one is left on screen."""
        self.detail = None
        self.heading.setText(self.tr("No case selected"))
        for label in (*self.fields.values(), self.warnings):
            label.clear()
        self.clocks.setRowCount(0)
        self.timeline.clear()
        self.case_actions.show_detail(None)
        self._update_notice()
        self._show_conflicts(None)

    def _update_notice(self) -> None:
        d = self.detail
        text = ""
        if d is not None and d.status in ENDED_STATUSES:
            text = self.tr("%1: this case is not in the queue. Reopen it (with a reason) to work on it again.").replace(
                "%1", status_text(d.status).capitalize()
            )
        elif d is not None and self._queue is not None and self._queue.row_of(d.case_id) is None:
            text = self.tr(
                "Hidden by the queue's filter: it stays here until you choose another case; its actions still apply."
            )
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _fill_clocks(self, clocks: tuple[ClockResult, ...], *, rebuild: bool = False) -> None:
        assert self.detail is not None
        if not rebuild and self.clocks.rowCount() == len(clocks) and self.clocks.item(0, 0) is not None:
            # A tick: the same clocks, new values. Texts change in place, so the columns keep their widths
            # and a screen reader keeps its place in the table.
            for row, values in enumerate(self._clock_rows(clocks)):
                for column, value in enumerate(values):
                    item = self.clocks.item(row, column)
                    if item is not None and item.text() != value:
                        item.setText(value)
            return
        self.clocks.setRowCount(len(clocks))
        for row, values in enumerate(self._clock_rows(clocks)):
            for column, value in enumerate(values):
                self.clocks.setItem(row, column, QTableWidgetItem(value))
        self.clocks.resizeColumnsToContents()
        # Exactly as tall as its rows (and a scroll bar): what is left goes to the history.
        header = self.clocks.horizontalHeader().sizeHint().height()
        body = len(clocks) * self.clocks.verticalHeader().defaultSectionSize()
        self.clocks.setFixedHeight(header + body + self.clocks.horizontalScrollBar().sizeHint().height() + 4)

    def _clock_rows(self, clocks: tuple[ClockResult, ...]) -> list[list[str]]:
        assert self.detail is not None
        rows = []
        for c in clocks:
            label = self.detail.catalog.clock(c.name).label.get(self._language)
            shown = c.remaining_s if c.state in (*RUNNING_STATES, ClockState.PAUSED) else None
            values = [
                label,
                state_text(c.state),
                _duration(c.target),
                local_time(c.deadline),
                remaining_text(c.state, shown),
                duration_text(c.paused_s) if c.paused_s else "–",
            ]
            rows.append(values)
        return rows

    def refresh_clocks(self, now: datetime | None = None) -> None:
        """The clocks at ``now`` (a tick's instant; by default the ticker's last one, else the desk's clock).

        Hidden (the customer tab is in front), the pane skips the work and catches up when shown.
        """
        if self.detail is None or not self.isVisible():
            return
        if now is None:
            now = self._ticker.now() if self._ticker is not None else self.desk.clock.now()
        self._fill_clocks(clocks_at(self.detail, now))

    def reload_changed(self, case_ids: frozenset[uuid.UUID]) -> None:
        """These cases changed (here or on another desk): read again the case shown, or the one on its way."""
        if self._reading is not None:
            if self._reading[0] in case_ids:  # its answer may predate the change: ask again, the later ask wins
                self.load_case(*self._reading)
        elif self.detail is not None and self.detail.case_id in case_ids:
            self.load_case(self.detail.case_id)

    def _changed(self, changes: ChangeSet) -> None:
        self.reload_changed(changes.cases)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_clocks()
