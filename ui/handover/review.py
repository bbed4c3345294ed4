"""The team lead's handover review: list with filters, any revision opened, diff with the previous shift."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desk.handover import Handover, ReportSummary, ShiftDiff
from desk.report_render import report_meta
from ui.handover.export import ExportControls
from ui.handover.models import ReportListModel
from ui.handover.prompts import acknowledge
from ui.operations import Operations
from ui.plain import plain_labels
from ui.report_pdf import ChartObject, build_document
from ui.settings import Settings
from ui.text import isolate


class HandoverReviewWidget(QWidget):
    """``HandoverReviewWidget(Handover(desk), agent=...)``: every handover, filtered; reports are read-only,
    and the agent (the window's) may acknowledge one handed over to them."""

    report_opened = Signal(object)  # the report id shown
    acknowledged = Signal(object)  # the report id acknowledged

    def __init__(
        self,
        handover: Handover,
        parent: QWidget | None = None,
        agent: str = "",
        settings: Settings | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handover review"))
        self.handover, self.me = handover, agent  # the window's agent (``self.agent`` is the filter field)
        self.ops = ops if ops is not None else Operations(handover.desk, self)  # the one path of every write
        self.current: ReportSummary | None = None
        self._chart: ChartObject | None = None

        filters = self._filter_row()
        self._build_table()
        right = self._report_side(settings)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        split.setSizes([480, 920])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split)
        self._connect()
        self.refresh()
        plain_labels(self)

    def _filter_row(self) -> QHBoxLayout:
        filters = QHBoxLayout()
        self.agent = QLineEdit(self)
        self.agent.setPlaceholderText(self.tr("Agent"))
        self.use_date = QCheckBox(self.tr("Date"), self)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        self.day.setDate(QDate.currentDate())
        self.unsigned = QCheckBox(self.tr("Unsigned"), self)
        self.unacknowledged = QCheckBox(self.tr("Unacknowledged"), self)
        self.latest_only = QCheckBox(self.tr("Latest revisions only"), self)
        self.refresh_button = QPushButton(self.tr("Refresh"), self)
        for widget in (self.agent, self.use_date, self.day, self.unsigned, self.unacknowledged, self.latest_only,
                       self.refresh_button):  # fmt: skip
            filters.addWidget(widget)
        return filters

    def _build_table(self) -> None:
        self.model = ReportListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def _report_side(self, settings: Settings | None) -> QWidget:
        """The chosen report: its revisions and integrity, acknowledge and export, the report and the diff."""
        self.revisions = QComboBox(self)
        self.revisions.setAccessibleName(self.tr("Revision"))
        self.revisions.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.integrity = QLabel(self)
        self.integrity.setTextFormat(Qt.TextFormat.PlainText)
        self.ack_button = QPushButton(self.tr("Acknowledge"), self)
        self.ack_button.setAccessibleName(self.tr("Acknowledge the handover as the incoming agent"))
        self.ack_button.setEnabled(False)
        self.exports = ExportControls(self.handover, settings, self)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("Revision"), self))
        head.addWidget(self.revisions)
        head.addWidget(self.integrity, 1)
        self.scope_label = QLabel(self)
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)  # agent names as typed
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.report_view = QTextBrowser(self)
        self.report_view.setOpenLinks(False)
        self.diff_view = QTextBrowser(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.report_view, self.tr("Report"))
        self.tabs.addTab(self.diff_view, self.tr("Since the previous shift"))
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(head)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label, 1)
        scope_row.addWidget(self.ack_button)
        scope_row.addWidget(self.exports)
        right_layout.addLayout(scope_row)
        right_layout.addWidget(self.tabs)
        right_layout.addWidget(self.status)
        return right

    def _connect(self) -> None:
        for box in (self.use_date, self.unsigned, self.unacknowledged, self.latest_only):
            box.toggled.connect(self.refresh)
        self.day.dateChanged.connect(self.refresh)
        self.agent.editingFinished.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.revisions.activated.connect(self._revision_chosen)
        self.ack_button.clicked.connect(self.acknowledge)
        self.exports.message.connect(self.status.setText)

    def refresh(self, *_: Any) -> None:
        qdate = self.day.date()
        day = date(qdate.year(), qdate.month(), qdate.day()) if self.use_date.isChecked() else None
        self.model.set_rows(
            self.handover.list_reports(
                agent=self.agent.text().strip() or None,
                day=day,
                unsigned=self.unsigned.isChecked(),
                unacknowledged=self.unacknowledged.isChecked(),
                latest_only=self.latest_only.isChecked(),
            )
        )

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.open_report(self.model.report(rows[0].row()).id)

    def _revision_chosen(self, index: int) -> None:
        report_id = self.revisions.itemData(index)
        if report_id is not None and (self.current is None or report_id != self.current.id):
            self.open_report(report_id)

    def open_report(self, report_id: Any) -> None:
        """Show one revision: its frozen snapshot, its integrity, and what changed since the previous shift."""
        stored = self.handover.get(report_id)
        self.current = stored.summary
        revisions = self.handover.revisions(report_id)
        self.revisions.blockSignals(True)
        self.revisions.clear()
        for rev in revisions:
            label = self.tr("%1 (signed)") if rev.signed else self.tr("%1 (draft)")
            self.revisions.addItem(label.replace("%1", str(rev.revision)), rev.id)
        self.revisions.setCurrentIndex(next(i for i, r in enumerate(revisions) if r.id == stored.summary.id))
        self.revisions.blockSignals(False)
        result = self.handover.verify(report_id)
        self.integrity.setText(
            self.tr("Intact (SHA-256 %1)").replace("%1", result.computed_sha256)
            if result.ok
            else self.tr("DAMAGED: %1").replace("%1", "; ".join(result.problems))
        )
        summary = stored.summary
        self.ack_button.setEnabled(bool(self.me) and summary.acknowledged_at is None and not summary.superseded)
        self.exports.set_report(summary)
        self.scope_label.setText(self._scope_text(stored.data["header"].get("scope")))
        self.status.clear()
        doc, self._chart = build_document(stored.data, report_meta(stored.summary))
        doc.setParent(self.report_view)
        self.report_view.setDocument(doc)
        self.diff_view.setHtml(self._diff_html(self.handover.diff_with_previous(report_id)))
        self.report_opened.emit(report_id)

    def _scope_text(self, scope: Any) -> str:
        if isinstance(scope, dict) and scope.get("kind") == "agents":
            return self.tr("Covers the cases of: %1 (assigned to them, or acted on by them during the shift)").replace(
                "%1", ", ".join(str(a) for a in scope.get("agents", []))
            )
        return self.tr("Covers the whole desk")

    def acknowledge(self) -> ReportSummary | None:
        """Acknowledge the report shown, as the window's agent (refusals are explained, nothing changes)."""
        if self.current is None:
            return None
        done, message = acknowledge(self.ops, self.current, self.me)
        if done is not None:
            self.refresh()
            self.open_report(done.id)
            self.acknowledged.emit(done.id)
        self.status.setText(message)
        return done

    def _diff_html(self, diff: ShiftDiff) -> str:
        if diff.previous is None:
            return f"<p>{html.escape(self.tr('No earlier shift has a report to compare with.'))}</p>"
        parts = [
            "<p>"
            + html.escape(
                self.tr("Compared with %1's shift, revision %2")
                .replace("%1", isolate(diff.previous.outgoing))
                .replace("%2", str(diff.previous.revision))
            )
            + "</p>"
        ]
        sections = (
            (self.tr("New cases"), diff.new_cases),
            (self.tr("Gone (no longer open)"), diff.gone_cases),
            (self.tr("Breached since"), diff.breached_since),
        )
        for title, rows in sections:
            parts.append(f"<h3>{html.escape(title)} ({len(rows)})</h3><ul>")
            for row in rows:
                parts.append(
                    f"<li><b>{html.escape(row['ref'])}</b> {html.escape(row['severity'])} · "
                    f"{html.escape(isolate(row['title']))} · {html.escape(isolate(row['customer_name']))}</li>"
                )
            parts.append("</ul>")
        return "".join(parts)
