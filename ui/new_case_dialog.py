"""New case dialog: customer picker with completion, severity with its definition, channel, and a live
preview of the computed deadline and every entitlement warning before anything is saved."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desk.caseviews import preview_new_case
from desk.customers import customer_choices
from desk.queries import known_agents
from desk.services import DeskError
from ui.agent_completer import AgentCompleter
from ui.errors import error_text
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import isolate, local_time, remaining_text, state_text, warning_text


class NewCaseDialog(QDialog):
    def __init__(self, ops: Operations, language: str, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New case"))
        self._ops = ops
        self._language = language
        self.opened: uuid.UUID | None = None
        catalog = ops.desk.catalogs.in_effect(ops.desk.clock.now().date())
        self._names = {c.ref: c.name for c in customer_choices(ops.desk)}
        self.customer = QLineEdit(self)
        self.customer.setPlaceholderText(self.tr("Customer id or name"))
        completer = QCompleter([f"{ref} — {name}" for ref, name in self._names.items()], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer.setCompleter(completer)
        self.customer_name = QLabel(self)
        self.title = QLineEdit(self)
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(80)
        self.description.setTabChangesFocus(True)  # Tab moves on to the next field, as everywhere else
        self.product = QLineEdit(self)
        self.severity = QComboBox(self)
        for code, sev in catalog.severities.items():
            self.severity.addItem(f"{code} {sev.name.get(language)}", code)
        self.severity.setCurrentIndex(self.severity.findData(catalog.usual_severity.code))
        self.definition = QLabel(self)
        self.definition.setWordWrap(True)
        self.channel = QComboBox(self)
        for code, channel in catalog.channels.items():
            self.channel.addItem(channel.name.get(language), code)
        self.channel.setCurrentIndex(self.channel.findData(catalog.default_channel))
        self.third_party = QCheckBox(self.tr("Concerns third-party software"), self)
        self.assignee = QLineEdit(agent, self)
        self.agents = AgentCompleter(self.assignee, lambda: known_agents(ops.desk))
        self.deadline = QLabel(self)
        self.deadline.setObjectName("deadline")
        self.warnings = QLabel(self)
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #D55E00")

        form = QFormLayout()
        form.addRow(self.tr("Customer"), self.customer)
        form.addRow("", self.customer_name)
        form.addRow(self.tr("Title"), self.title)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Product"), self.product)
        form.addRow(self.tr("Severity"), self.severity)
        form.addRow("", self.definition)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow("", self.third_party)
        form.addRow(self.tr("Assignee"), self.assignee)
        form.addRow(self.tr("Deadline"), self.deadline)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Open case"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for signal in (self.customer.textChanged, self.title.textChanged):
            signal.connect(self.update_preview)
        self.severity.currentIndexChanged.connect(self.update_preview)
        self.channel.currentIndexChanged.connect(self.update_preview)
        self.third_party.toggled.connect(self.update_preview)
        self.update_preview()
        plain_labels(self)

    def customer_ref(self) -> str:
        text = self.customer.text().strip()
        ref = text.split(" — ", 1)[0].strip()
        if ref in self._names:
            return ref
        matches = [r for r, name in self._names.items() if name == text]
        return matches[0] if len(matches) == 1 else ref

    def update_preview(self) -> None:
        desk = self._ops.desk
        severity = self.severity.currentData()
        catalog = desk.catalogs.in_effect(desk.clock.now().date())
        definition = catalog.severities.get(severity)
        self.definition.setText(definition.definition.get(self._language) if definition else "")
        ref = self.customer_ref()
        preview = preview_new_case(desk, ref, severity, self.channel.currentData(), self.third_party.isChecked())
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if preview is None:
            self.customer_name.setText(self.tr("Unknown customer") if ref else "")
            self.deadline.setText("–")
            self.warnings.setText("")
            ok.setEnabled(False)
            return
        tier = preview.catalog.tiers.get(preview.tier or "")
        self.customer_name.setText(
            f"{isolate(preview.customer_name)} · {preview.tier or '–'} {tier.name.get(self._language) if tier else ''}"
        )
        clock = preview.contractual
        if clock.deadline is not None:
            self.deadline.setText(f"{local_time(clock.deadline)} ({remaining_text(clock.state, clock.remaining_s)})")
        else:
            self.deadline.setText(state_text(clock.state))
        self.warnings.setText("\n".join("⚠ " + warning_text(w) for w in preview.warnings))
        ok.setEnabled(bool(self.title.text().strip()))

    def accept(self) -> None:
        ref, title = self.customer_ref(), self.title.text()
        severity, channel = self.severity.currentData(), self.channel.currentData()
        description, product = self.description.toPlainText(), self.product.text()
        third_party, assignee = self.third_party.isChecked(), self.assignee.text().strip()
        try:
            changes = self._ops.run(
                lambda desk: desk.open_case(
                    ref,
                    title,
                    severity,
                    channel,
                    description=description,
                    product=product,
                    third_party=third_party,
                    assignee=assignee,
                ),
                reraise=(DeskError,),
            )
        except DeskError as exc:
            self.error.setText(error_text(exc))
            return
        if changes is not None:
            self.opened = next(iter(changes.cases))
            super().accept()
