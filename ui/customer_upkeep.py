"""The customer panel's upkeep row and history: edit the customer, add, renew or re-tier its contract, and
the record of who changed what and when."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from desk.contracts import ContractFacts, CustomerForm, contracts_of, history
from desk.customers import CustomerPanelData
from desk.services import DeskError
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import fill, local_time

# The forms (and the import machinery they write through) are imported when one is first opened.
if TYPE_CHECKING:
    from ui.customer_forms import ContractAction, ContractDialog, CustomerDialog


def contract_action(name: str) -> ContractAction:
    """``ContractAction[name]`` (ADD, RENEW, CHANGE_TIER), for a button or menu item to open its form."""
    from ui.customer_forms import ContractAction

    return ContractAction[name]


def history_kind_text(kind: str) -> str:
    words = {
        "customer_added": QCoreApplication.translate("CustomerUpkeep", "customer added"),
        "customer_changed": QCoreApplication.translate("CustomerUpkeep", "customer changed"),
        "contract_added": QCoreApplication.translate("CustomerUpkeep", "contract added"),
        "contract_changed": QCoreApplication.translate("CustomerUpkeep", "contract changed"),
    }
    return words.get(kind, kind)


class CustomerUpkeep(QWidget):
    """Buttons that open the customer and contract forms for the shown customer, and its history."""

    def __init__(self, ops: Operations, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.language = ops, language
        self.data: CustomerPanelData | None = None
        self.dialog: CustomerDialog | ContractDialog | None = None
        self.edit = self._button(self.tr("Edit customer…"), self.edit_customer)
        self.add = self._button(self.tr("New contract…"), lambda: self.contract_form(contract_action("ADD")))
        self.renew = self._button(self.tr("Renew…"), lambda: self.contract_form(contract_action("RENEW")))
        self.change = self._button(self.tr("Change tier…"), lambda: self.contract_form(contract_action("CHANGE_TIER")))
        self.history = QPlainTextEdit(self)  # actors and details are as stored: plain text
        self.history.setReadOnly(True)
        self.history.setAccessibleName(self.tr("Customer history"))
        self.history.setMaximumHeight(110)
        row = QHBoxLayout()
        for button in (self.edit, self.add, self.renew, self.change):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(QLabel(self.tr("History"), self))
        layout.addWidget(self.history)
        self.show_customer(None)
        plain_labels(self)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.clicked.connect(slot)
        return button

    def show_customer(self, data: CustomerPanelData | None) -> None:
        self.data = data
        has_contract = data is not None and data.contract is not None
        self.edit.setEnabled(data is not None)
        self.add.setEnabled(data is not None)
        self.renew.setEnabled(has_contract)
        self.change.setEnabled(has_contract and data is not None and data.in_force)
        if data is None:
            self.history.clear()
            return
        try:
            entries = history(self.ops.desk, data.ref)
        except DeskError:
            entries = []
        lines = [
            fill(
                self.tr("%1 %2: %3 %4 %5"),
                local_time(e.at),
                e.actor,
                history_kind_text(e.kind),
                e.contract_ref,
                e.detail,
            ).rstrip()
            for e in reversed(entries)
        ]
        self.history.setPlainText("\n".join(lines) or self.tr("No changes recorded."))

    def edit_customer(self) -> CustomerDialog | None:
        d = self.data
        if d is None:
            return None
        form = CustomerForm(d.ref, d.name, d.technical_contact, d.ops_contact, d.business_goals)
        from ui.customer_forms import CustomerDialog

        self.dialog = CustomerDialog(self.ops, self.language, form, self)
        self.dialog.open()
        return self.dialog

    def contract_form(self, action: ContractAction) -> ContractDialog | None:
        d = self.data
        if d is None:
            return None
        current: ContractFacts | None = None
        try:
            periods = contracts_of(self.ops.desk, d.ref)
        except DeskError:
            periods = []
        if action is contract_action("CHANGE_TIER") and d.contract is not None:
            current = next((c for c in periods if c.ref == d.contract.ref), None)
        elif periods:
            current = periods[-1]  # a renewal or a new period follows the latest one
        from ui.customer_forms import ContractDialog

        self.dialog = ContractDialog(self.ops, self.language, action, d.ref, current, self)
        self.dialog.open()
        return self.dialog
