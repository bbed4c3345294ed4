"""Forms a team lead keeps customers with: add or edit a customer (with its first contract), add a contract
period, renew one, change the tier from a date. Refusals are the importer's, in the agent's language, shown
in the form, which stays open with what was typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.changes import ChangeSet
from desk.contracts import (
    ONE_DAY,
    ContractFacts,
    CustomerForm,
    Period,
    add_contract,
    add_months,
    change_tier,
    renewal_period,
    save_customer,
)
from desk.errors import DeskError
from desk.interchange import ImportFailed
from desk.services import Desk
from ui.errors import error_text
from ui.import_words import problem_text
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import fill


def a_year_from(day: date) -> Period:
    return Period(day, add_months(day, 12) - ONE_DAY)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _Form(QDialog):
    """A form that writes through the operations path and shows a refusal in itself, keeping what was typed."""

    def __init__(self, ops: Operations, language: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ops, self.language = ops, language
        self.form = QFormLayout()
        self.problems = QLabel(self)
        self.problems.setObjectName("problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)  # it quotes what was typed
        self.problems.setAccessibleName(self.tr("Why it was not saved"))
        self.problems.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

    def today(self) -> date:
        desk = self.ops.desk
        return desk.clock.now().astimezone(desk.catalogs.latest.timezone).date()

    def tier_box(self, day: date, current: str = "") -> QComboBox:
        box = QComboBox(self)
        self.fill_tiers(box, day, current)
        return box

    def fill_tiers(self, box: QComboBox, day: date, current: str = "") -> None:
        keep = box.currentData() or current
        box.clear()
        for code, tier in self.ops.desk.catalogs.in_effect(day).tiers.items():
            box.addItem(f"{code} · {tier.name.get(self.language)}", code)
        if keep:
            box.setCurrentIndex(max(0, box.findData(keep)))

    def date_edit(self, day: date, name: str) -> QDateEdit:
        edit = QDateEdit(qdate(day), self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setAccessibleName(name)
        return edit

    def plan_label(self, day: date) -> str:
        return fill(self.tr("plan %1"), self.ops.desk.catalogs.in_effect(day).version)

    def run(self, action: Callable[[Desk], ChangeSet]) -> bool:
        """Write; on a refusal say why in the form. True when written."""
        self.problems.hide()
        try:
            done = self.ops.run(action, reraise=(ImportFailed, DeskError))
        except ImportFailed as refused:
            lines = [problem_text(p) for p in refused.details] or refused.problems
            self._say("\n".join(lines))
            return False
        except DeskError as exc:
            self._say(error_text(exc))
            return False
        return done is not None

    def _say(self, text: str) -> None:
        self.problems.setText(self.tr("Not saved:") + "\n" + text)
        self.problems.show()

    def save(self) -> None:
        raise NotImplementedError


class CustomerDialog(_Form):
    """A new customer (with its first contract, both or neither saved) or an existing one's details."""

    def __init__(
        self, ops: Operations, language: str, existing: CustomerForm | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ops, language, parent)
        self.new = existing is None
        self.setWindowTitle(self.tr("New customer") if self.new else self.tr("Edit customer"))
        self.ref = QLineEdit(self)
        self.name = QLineEdit(self)
        self.technical = QLineEdit(self)
        self.ops_contact = QLineEdit(self)
        self.goals = QPlainTextEdit(self)
        self.goals.setTabChangesFocus(True)
        self.goals.setFixedHeight(80)
        for widget, label in (
            (self.ref, self.tr("Customer id")),
            (self.name, self.tr("Name")),
            (self.technical, self.tr("Technical contact")),
            (self.ops_contact, self.tr("Operations contact")),
            (self.goals, self.tr("Business goals")),
        ):
            widget.setAccessibleName(label)
            self.form.addRow(label, widget)
        if existing is not None:
            self.ref.setText(existing.ref)
            self.ref.setReadOnly(True)  # the customer's own reference: re-imports match on it
            self.name.setText(existing.name)
            self.technical.setText(existing.technical_contact)
            self.ops_contact.setText(existing.ops_contact)
            self.goals.setPlainText(existing.business_goals)
        else:
            today = self.today()
            self.tier = self.tier_box(today)
            self.tier.setAccessibleName(self.tr("Tier of the first contract"))
            self.start = self.date_edit(today, self.tr("Contract start"))
            self.end = self.date_edit(a_year_from(today).end, self.tr("End (inclusive)"))
            self.plan = QLabel(self.plan_label(today), self)
            self.form.addRow(QLabel(self.tr("First contract"), self))
            self.form.addRow(self.tr("Tier"), self.tier)
            self.form.addRow(self.tr("Start"), self.start)
            self.form.addRow(self.tr("End (inclusive)"), self.end)
            self.form.addRow(self.tr("Catalog"), self.plan)
            self.start.dateChanged.connect(self._start_moved)
        plain_labels(self)
        self.resize(520, self.sizeHint().height())

    def _start_moved(self, value: QDate) -> None:
        day = pydate(value)
        self.fill_tiers(self.tier, day)
        self.plan.setText(self.plan_label(day))

    def entered(self) -> CustomerForm:
        return CustomerForm(
            self.ref.text().strip(),
            self.name.text(),
            self.technical.text(),
            self.ops_contact.text(),
            self.goals.toPlainText(),
        )

    def save(self) -> None:
        form = self.entered()
        if self.new:
            tier, period = self.tier.currentData(), Period(pydate(self.start.date()), pydate(self.end.date()))
            done = self.run(lambda desk: save_customer(desk, form, new=True, tier=tier, period=period))
        else:
            done = self.run(lambda desk: save_customer(desk, form, new=False))
        if done:
            self.accept()


class ContractAction(Enum):
    ADD = "add"
    RENEW = "renew"
    CHANGE_TIER = "change_tier"


class ContractDialog(_Form):
    """A new contract period, a renewal (from the day after the current end), or a tier change from a date."""

    def __init__(
        self,
        ops: Operations,
        language: str,
        action: ContractAction,
        customer_ref: str,
        current: ContractFacts | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ops, language, parent)
        self.action, self.customer_ref, self.current = action, customer_ref, current
        titles = {
            ContractAction.ADD: self.tr("New contract period for %1"),
            ContractAction.RENEW: self.tr("Renew the contract of %1"),
            ContractAction.CHANGE_TIER: self.tr("Change the tier of %1"),
        }
        self.setWindowTitle(fill(titles[action], customer_ref))
        today = self.today()
        if action is ContractAction.CHANGE_TIER and current is not None:
            # Today if it can be (the period's first day cannot: that would leave the old tier no day).
            period = Period(max(current.start + ONE_DAY, min(today, current.end)), current.end)
        elif current is not None:
            period = renewal_period(Period(current.start, current.end))
        else:
            period = a_year_from(today)
        if current is not None:
            now = QLabel(
                fill(
                    self.tr("Current: %1, tier %2, %3 – %4"),
                    current.ref,
                    current.tier,
                    current.start.isoformat(),
                    current.end.isoformat(),
                ),
                self,
            )
            self.form.addRow(now)
        self.tier = self.tier_box(period.start, current.tier if current and action is ContractAction.RENEW else "")
        self.tier.setAccessibleName(self.tr("Tier"))
        if action is ContractAction.CHANGE_TIER and current is not None and self.tier.currentData() == current.tier:
            self.tier.setCurrentIndex((self.tier.currentIndex() + 1) % max(1, self.tier.count()))
        label = self.tr("Change tier from") if action is ContractAction.CHANGE_TIER else self.tr("Start")
        self.start = self.date_edit(period.start, label)
        self.end = self.date_edit(period.end, self.tr("End (inclusive)"))
        if action is ContractAction.RENEW:
            self.start.setEnabled(False)  # a renewal starts the day after the current end
        if action is ContractAction.CHANGE_TIER:
            self.end.setEnabled(False)  # the new tier runs to the current period's end
        self.plan = QLabel(self.plan_label(period.start), self)
        self.form.addRow(self.tr("Tier"), self.tier)
        self.form.addRow(label, self.start)
        self.form.addRow(self.tr("End (inclusive)"), self.end)
        self.form.addRow(self.tr("Catalog"), self.plan)
        if action is ContractAction.CHANGE_TIER:
            self.form.addRow(
                QLabel(
                    self.tr(
                        "The current period ends the day before. Cases opened before keep the rules they opened "
                        "under; cases opened from this day get the new tier."
                    ),
                    self,
                )
            )
        self.start.dateChanged.connect(self._start_moved)
        for row_label in self.findChildren(QLabel):
            row_label.setWordWrap(True)
        plain_labels(self)
        self.resize(520, self.sizeHint().height())

    def _start_moved(self, value: QDate) -> None:
        day = pydate(value)
        self.fill_tiers(self.tier, day)
        self.plan.setText(self.plan_label(day))

    def save(self) -> None:
        tier = str(self.tier.currentData())
        start, end = pydate(self.start.date()), pydate(self.end.date())
        current = self.current
        if self.action is ContractAction.CHANGE_TIER and current is not None:
            done = self.run(lambda desk: change_tier(desk, current.ref, tier, start))
        else:
            done = self.run(lambda desk: add_contract(desk, self.customer_ref, tier, Period(start, end)))
        if done:
            self.accept()
