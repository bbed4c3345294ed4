"""Quota booking: shows what is left of the chosen quota; refused when over quota, over length or not
entitled, unless the agent gives a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk.customers import CustomerPanelData
from desk.services import DeskError, QuotaRefused
from ui.errors import error_text
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import booking_problem_text, fill


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BookingDialog(QDialog):
    def __init__(self, ops: Operations, data: CustomerPanelData, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert data.contract is not None
        self.setWindowTitle(fill(self.tr("Book quota for %1"), data.name))  # (a title bar needs no isolates)
        self._ops = ops
        self._data = data
        self._language = language
        self.kind = QComboBox(self)
        for kind, quota in data.catalog.quotas.items():
            self.kind.addItem(quota.name.get(language), kind)
        self.course = QLineEdit(self)
        self.left = QLabel(self)
        self.left.setObjectName("left")
        self.left.setTextFormat(Qt.TextFormat.PlainText)  # it repeats the course the agent typed
        self.left.setWordWrap(True)
        self.persons = QSpinBox(self)
        self.persons.setRange(1, 100)
        today = ops.desk.clock.now().astimezone(data.catalog.timezone).date()
        self.start = QDateEdit(_qdate(today), self)
        self.end = QDateEdit(_qdate(today), self)
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.goals = QLineEdit(self)
        self.note = QLineEdit(self)
        self.override = QLineEdit(self)
        self.override.setPlaceholderText(self.tr("Needed only to book beyond the entitlement"))
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # a refusal may quote what was typed
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #D55E00")
        form = QFormLayout()
        form.addRow(self.tr("Quota"), self.kind)
        form.addRow(self.tr("Course"), self.course)
        form.addRow(self.tr("Left"), self.left)
        form.addRow(self.tr("Persons"), self.persons)
        form.addRow(self.tr("First day"), self.start)
        form.addRow(self.tr("Last day"), self.end)
        form.addRow(self.tr("Goals"), self.goals)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Override reason"), self.override)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Book"))
        layout = QVBoxLayout(self)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)  # room for the "left" line
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for control, name in (
            (self.kind, self.tr("Quota to book")),
            (self.course, self.tr("Course")),
            (self.persons, self.tr("Persons")),
            (self.start, self.tr("First day")),
            (self.end, self.tr("Last day")),
            (self.goals, self.tr("Goals")),
            (self.note, self.tr("Note")),
            (self.override, self.tr("Override reason")),
        ):
            control.setAccessibleName(name)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.course.textChanged.connect(self._show_left)
        self.start.dateChanged.connect(self._show_left)
        self._kind_changed()
        plain_labels(self)

    def _kind_changed(self) -> None:
        quota = self._data.catalog.quotas.get(self.kind.currentData())
        per_course = bool(quota and quota.per_course)
        self.course.setEnabled(per_course)
        self.persons.setEnabled(per_course)
        self._show_left()

    def _show_left(self) -> None:
        """What the chosen quota (course) has left in the contract year of the first day, before booking."""
        assert self._data.contract is not None
        kind = self.kind.currentData()
        quota = self._data.catalog.quotas.get(kind)
        if quota is None:
            self.left.clear()
            return
        course = self.course.text().strip() if quota.per_course else ""
        try:
            status = self._ops.desk.quota_for(self._data.contract.ref, kind, _date(self.start.date()), course)
        except DeskError as exc:
            self.left.setText(error_text(exc))
            return
        year = self.tr("contract year %1 – %2").replace("%1", status.year.first.isoformat())
        year = year.replace("%2", status.year.last.isoformat())
        if status.total == 0:
            tier = self._data.catalog.tiers[self._data.contract.tier]
            text = self.tr("Not included in %1: booking needs an override reason.").replace(
                "%1", f"{tier.name.get(self._language)} ({tier.code})"
            )
        elif quota.per_course and not course:
            text = self.tr("%1 per course; type the course to see what is left of it.").replace(
                "%1", f"{status.total} {quota.unit.get(self._language)}"
            )
        elif status.remaining <= 0:
            text = (
                self.tr("Used up: %1 of %2 used in the %3; booking needs an override reason.")
                .replace("%1", str(status.used))
                .replace("%2", str(status.total))
                .replace("%3", year)
            )
        else:
            text = (
                self.tr("%1 of %2 left in the %3.")
                .replace("%1", str(status.remaining))
                .replace("%2", str(status.total))
                .replace("%3", year)
            )
        if course:
            text = f"{course}: {text}"
        self.left.setText(text)

    def accept(self) -> None:
        assert self._data.contract is not None
        contract = self._data.contract.ref
        kind, course, persons = self.kind.currentData(), self.course.text(), self.persons.value()
        start, end = _date(self.start.date()), _date(self.end.date())
        goals, note, reason = self.goals.text(), self.note.text(), self.override.text()
        try:
            changes = self._ops.run(
                lambda desk: desk.book_quota(
                    contract,
                    kind,
                    start,
                    end,
                    persons=persons if self.persons.isEnabled() else 1,
                    course=course if self.course.isEnabled() else "",
                    goals=goals,
                    note=note,
                    override_reason=reason,
                ),
                reraise=(DeskError,),
            )
        except QuotaRefused as refused:
            lines = [booking_problem_text(p.code) for p in refused.problems]
            if all(p.overridable for p in refused.problems):
                lines.append(self.tr("Give an override reason to book anyway."))
                self.override.setFocus()
            self.problems.setText("\n".join(lines))
            return
        except DeskError as exc:
            self.problems.setText(error_text(exc))
            return
        if changes is not None:
            super().accept()
