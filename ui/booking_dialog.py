"""Quota booking: refused when over quota, over length or not entitled, unless the agent gives a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
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
from ui.operations import Operations
from ui.text import booking_problem_text


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BookingDialog(QDialog):
    def __init__(self, ops: Operations, data: CustomerPanelData, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert data.contract is not None
        self.setWindowTitle(self.tr("Book quota for %1").replace("%1", data.name))
        self._ops = ops
        self._data = data
        self.booked: str | None = None
        self.kind = QComboBox(self)
        for kind, quota in data.catalog.quotas.items():
            self.kind.addItem(quota.name.get(language), kind)
        self.course = QLineEdit(self)
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
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #D55E00")
        form = QFormLayout()
        form.addRow(self.tr("Quota"), self.kind)
        form.addRow(self.tr("Course"), self.course)
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
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_changed(self) -> None:
        quota = self._data.catalog.quotas.get(self.kind.currentData())
        per_course = bool(quota and quota.per_course)
        self.course.setEnabled(per_course)
        self.persons.setEnabled(per_course)

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
                    course=course,
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
            self.problems.setText(str(exc))
            return
        if changes is not None:
            self.booked = kind
            super().accept()
