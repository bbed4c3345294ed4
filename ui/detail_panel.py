"""The case detail pane: fields, every clock at once, the event timeline, and the case's actions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.caseviews import CaseDetail, case_detail, clocks_at
from desk.services import ChangeSet, Desk, NotFound
from desk.sla import ClockResult, format_duration
from ui.operations import Operations
from ui.text import event_text, local_time, remaining_text, state_text, status_text, warning_text, yes_no


def _duration(delta: timedelta | None) -> str:
    return format_duration(int(delta.total_seconds())) if delta is not None else "–"


class CaseDetailPanel(QWidget):
    def __init__(self, ops: Operations, language: str, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._language = language
        self.agent = agent
        self.detail: CaseDetail | None = None
        self.heading = QLabel(self.tr("No case selected"), self)
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.fields: dict[str, QLabel] = {}
        form = QFormLayout()
        labels = (
            ("customer", self.tr("Customer")),
            ("tier", self.tr("Tier / contract")),
            ("severity", self.tr("Severity")),
            ("channel", self.tr("Channel")),
            ("status", self.tr("Status")),
            ("assignee", self.tr("Assignee")),
            ("opened", self.tr("Opened")),
            ("responded", self.tr("First response")),
            ("product", self.tr("Product / third party")),
        )
        for key, text in labels:
            label = QLabel(self)
            label.setWordWrap(True)
            self.fields[key] = label
            form.addRow(text, label)
        self.warnings = QLabel(self)
        self.warnings.setWordWrap(True)

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
        self.clocks.setMaximumHeight(130)

        actions = QGroupBox(self.tr("Actions"), self)
        grid = QGridLayout(actions)
        self.respond = QPushButton(self.tr("Record first response"), actions)
        self.waiting = QPushButton(self.tr("Waiting on customer"), actions)
        self.resolve = QPushButton(self.tr("Resolved"), actions)
        self.close_case = QPushButton(self.tr("Closed"), actions)
        row = QHBoxLayout()
        for button in (self.respond, self.waiting, self.resolve, self.close_case):
            row.addWidget(button)
        grid.addLayout(row, 0, 0, 1, 3)
        self.regrade_to = QComboBox(actions)
        self.regrade_reason = QLineEdit(actions)
        self.regrade_reason.setPlaceholderText(self.tr("Reason for the re-grade"))
        self.regrade = QPushButton(self.tr("Re-grade"), actions)
        grid.addWidget(self.regrade_to, 1, 0)
        grid.addWidget(self.regrade_reason, 1, 1)
        grid.addWidget(self.regrade, 1, 2)
        self.assignee = QLineEdit(actions)
        self.assignee.setPlaceholderText(self.tr("Agent name"))
        self.assign = QPushButton(self.tr("Assign"), actions)
        grid.addWidget(QLabel(self.tr("Assign to"), actions), 2, 0)
        grid.addWidget(self.assignee, 2, 1)
        grid.addWidget(self.assign, 2, 2)
        self.note = QLineEdit(actions)
        self.note.setPlaceholderText(self.tr("Note (or the response's text)"))
        self.add_note = QPushButton(self.tr("Add note"), actions)
        grid.addWidget(QLabel(self.tr("Note"), actions), 3, 0)
        grid.addWidget(self.note, 3, 1)
        grid.addWidget(self.add_note, 3, 2)

        self.timeline = QTreeWidget(self)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setHeaderLabels(
            [self.tr("When"), self.tr("Who"), self.tr("What"), self.tr("Change"), self.tr("Reason")]
        )

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.clocks)
        layout.addWidget(actions)
        layout.addWidget(QLabel(self.tr("Timeline"), self))
        layout.addWidget(self.timeline, 1)

        self.respond.clicked.connect(self.record_response)
        self.waiting.clicked.connect(lambda: self._status("waiting_customer"))
        self.resolve.clicked.connect(lambda: self._status("resolved"))
        self.close_case.clicked.connect(lambda: self._status("closed"))
        self.regrade.clicked.connect(self.do_regrade)
        self.regrade_reason.returnPressed.connect(self.do_regrade)
        self.assign.clicked.connect(self.do_assign)
        self.add_note.clicked.connect(self.do_note)
        self.note.returnPressed.connect(self.do_note)
        ops.changed.connect(self._changed)
        self.timer = QTimer(self)
        self.timer.setObjectName("detail-clocks-tick")
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self.refresh_clocks)
        self._set_enabled(False)

    @property
    def desk(self) -> Desk:
        return self._ops.desk

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.respond,
            self.waiting,
            self.resolve,
            self.close_case,
            self.regrade,
            self.assign,
            self.add_note,
        ):
            widget.setEnabled(enabled)

    # ---------------------------------------------------------------- loading

    def show_case(self, case_id: uuid.UUID | None) -> None:
        if case_id is None:
            self.detail = None
            self.heading.setText(self.tr("No case selected"))
            self._set_enabled(False)
            return
        try:
            self.detail = case_detail(self.desk, case_id)
        except NotFound:
            self.detail = None
            return
        d = self.detail
        cat = d.catalog
        lang = self._language
        self.heading.setText(f"{d.ref} · {d.title}")
        self.fields["customer"].setText(f"{d.customer_name} ({d.customer_ref})")
        tier_name = cat.tiers[d.tier].name.get(lang) if d.tier in cat.tiers else self.tr("no contract")
        self.fields["tier"].setText(f"{d.tier or '–'} {tier_name} · {d.contract_ref or '–'}")
        severity = cat.severities.get(d.severity)
        self.fields["severity"].setText(
            f"{d.severity} {severity.name.get(lang) if severity else ''}"
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
        self.regrade_to.clear()
        for code, sev in cat.severities.items():
            self.regrade_to.addItem(f"{code} {sev.name.get(lang)}", code)
        self.assignee.setText(d.assignee or self.agent)
        self._fill_clocks(d.clocks)
        self.timeline.clear()
        for e in d.timeline:
            change = f"{e.old or ''} → {e.new or ''}" if e.old or e.field else (e.new or "")
            item = QTreeWidgetItem([local_time(e.at), e.actor, event_text(e.kind), change, e.reason])
            self.timeline.addTopLevelItem(item)
        open_case = d.status != "closed"
        self._set_enabled(open_case)
        self.respond.setText(
            self.tr("Record first response") if d.first_response_at is None else self.tr("Record response")
        )

    def _fill_clocks(self, clocks: tuple[ClockResult, ...]) -> None:
        assert self.detail is not None
        self.clocks.setRowCount(len(clocks))
        for row, c in enumerate(clocks):
            label = self.detail.catalog.clock(c.name).label.get(self._language)
            shown = c.remaining_s if c.state in ("on_track", "at_risk", "breached", "paused") else None
            values = [
                label,
                state_text(c.state),
                _duration(c.target),
                local_time(c.deadline),
                remaining_text(c.state, shown),
                format_duration(c.paused_s) if c.paused_s else "–",
            ]
            for column, value in enumerate(values):
                self.clocks.setItem(row, column, QTableWidgetItem(value))
        self.clocks.resizeColumnsToContents()

    def refresh_clocks(self) -> None:
        if self.detail is not None:
            self._fill_clocks(clocks_at(self.detail, self.desk.clock.now()))

    def _changed(self, changes: ChangeSet) -> None:
        if self.detail is not None and self.detail.case_id in changes.cases:
            self.show_case(self.detail.case_id)

    # ---------------------------------------------------------------- actions (all through desk)

    def _act(self, action: Callable[[Desk, uuid.UUID, int], ChangeSet]) -> ChangeSet | None:
        d = self.detail
        if d is None:
            return None
        changes = self._ops.run(lambda desk: action(desk, d.case_id, d.version))
        if changes is None:
            self.show_case(d.case_id)  # refused (e.g. someone else changed it): show the case as it is now
        return changes

    def record_response(self) -> None:
        text = self.note.text().strip()
        if self._act(lambda desk, cid, v: desk.record_response(cid, text, expected_version=v)):
            self.note.clear()

    def _status(self, status: str) -> None:
        self._act(lambda desk, cid, v: desk.set_status(cid, status, expected_version=v))

    def do_regrade(self) -> None:
        severity, reason = self.regrade_to.currentData(), self.regrade_reason.text()
        if self._act(lambda desk, cid, v: desk.regrade(cid, severity, reason, expected_version=v)):
            self.regrade_reason.clear()

    def do_assign(self) -> None:
        name = self.assignee.text().strip()
        self._act(lambda desk, cid, v: desk.assign(cid, name, expected_version=v))

    def do_note(self) -> None:
        text = self.note.text()
        if self._act(lambda desk, cid, v: desk.add_note(cid, text, expected_version=v)):
            self.note.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()
