"""The case's actions: buttons that either do what they say, explain in a tooltip why not, or confirm first.

What cannot be undone (a response, a resolution, a closure, a re-grade, a reopening) goes through a
``CaseActionDialog`` that says what will happen and acts on the case and row version it was opened for;
a second click or key press while it is open only brings it back to the front.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from desk.caseviews import CaseDetail, preview_regrade
from desk.queries import known_agents
from desk.services import ChangeSet, Desk, DeskError
from desk.vocabulary import ENDED_STATUSES, CaseStatus, ClockTrigger
from ui.agent_completer import AgentCompleter
from ui.case_dialogs import CaseActionDialog
from ui.case_effects import clock_effects, regrade_lines, severity_name
from ui.errors import error_text
from ui.operations import Operations
from ui.plain import plain_labels, plain_tooltip
from ui.text import case_line, fill, status_text

Action = Callable[[Desk, uuid.UUID, int], ChangeSet]


class CaseActions(QGroupBox):
    reload_requested = Signal(object)  # uuid.UUID: refused; show the case as it is now
    reopened = Signal(object)  # uuid.UUID: back in the queue

    def __init__(self, ops: Operations, language: str, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Actions"), parent)
        self._ops, self._language, self.agent = ops, language, agent
        self.detail: CaseDetail | None = None
        self.dialog: CaseActionDialog | None = None
        self.writing = False  # a write from these buttons is on its way
        self._why: dict[QPushButton, str] = {}
        self._grid = grid = QGridLayout(self)
        self.respond = self._button(self.tr("Record first response…"), 0, 0)
        self.waiting = self._button(self.tr("Waiting on customer"), 0, 1)
        self.replied = self._button(self.tr("Customer replied"), 0, 2)
        self.resolve = self._button(self.tr("Resolve…"), 1, 0)
        self.close_case = self._button(self.tr("Close…"), 1, 1)
        self.reopen = self._button(self.tr("Reopen…"), 1, 2)
        self.regrade_to = QComboBox(self)
        self.regrade_to.setAccessibleName(self.tr("New severity"))
        self.regrade_reason = QLineEdit(self)
        self.regrade_reason.setPlaceholderText(self.tr("Reason for the re-grade"))
        self.regrade_reason.setAccessibleName(self.tr("Reason for the re-grade"))
        self.regrade = QPushButton(self.tr("Re-grade…"), self)
        grid.addWidget(self.regrade_to, 2, 0)
        grid.addWidget(self.regrade_reason, 2, 1)
        grid.addWidget(self.regrade, 2, 2)
        self.assignee = QLineEdit(self)
        self.assignee.setPlaceholderText(self.tr("Agent name"))
        self.assignee.setAccessibleName(self.tr("Assign to"))
        self.agents = AgentCompleter(self.assignee, lambda: known_agents(self._ops.desk))
        self.assign = QPushButton(self.tr("Assign"), self)
        grid.addWidget(QLabel(self.tr("Assign to"), self), 3, 0)
        grid.addWidget(self.assignee, 3, 1)
        grid.addWidget(self.assign, 3, 2)
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note (or the response's text)"))
        self.note.setAccessibleName(self.tr("Note"))
        self.add_note = QPushButton(self.tr("Add note"), self)
        grid.addWidget(QLabel(self.tr("Note"), self), 4, 0)
        grid.addWidget(self.note, 4, 1)
        grid.addWidget(self.add_note, 4, 2)

        self.respond.clicked.connect(self.record_response)
        self.waiting.clicked.connect(self.set_waiting)
        self.replied.clicked.connect(self.customer_replied)
        self.resolve.clicked.connect(lambda: self.end_case(CaseStatus.RESOLVED))
        self.close_case.clicked.connect(lambda: self.end_case(CaseStatus.CLOSED))
        self.reopen.clicked.connect(self.reopen_case)
        self.regrade.clicked.connect(self.do_regrade)
        self.regrade_reason.returnPressed.connect(self.do_regrade)
        self.regrade_to.currentIndexChanged.connect(self._update_regrade)
        self.assign.clicked.connect(self.do_assign)
        self.assignee.returnPressed.connect(self.do_assign)  # Enter assigns, as Enter re-grades and notes
        self.add_note.clicked.connect(self.do_note)
        self.note.returnPressed.connect(self.do_note)
        self.show_detail(None)
        plain_labels(self)

    def _button(self, text: str, row: int, column: int) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("…", ""))
        self._grid.addWidget(button, row, column)
        return button

    # ---------------------------------------------------------------- what is possible, and why not

    def show_detail(self, d: CaseDetail | None) -> None:
        previous, self.detail = self.detail, d
        if d is not None:
            self.regrade_to.blockSignals(True)
            self.regrade_to.clear()
            for code in d.catalog.severities:
                self.regrade_to.addItem(severity_name(d.catalog, code, self._language), code)
            # The box starts at the case's severity: submitting without choosing changes nothing.
            self.regrade_to.setCurrentIndex(self.regrade_to.findData(d.severity))
            self.regrade_to.blockSignals(False)
            if self.assignee.hasFocus() and previous is not None and previous.case_id == d.case_id:
                pass  # a reload of the case being worked on (a write, another desk): keep what is being typed
            else:
                self.assignee.setText(d.assignee or self.agent)
            self.respond.setText(
                self.tr("Record first response…") if d.first_response_at is None else self.tr("Record response…")
            )
        for name, button in self._buttons().items():
            self._allow(button, self._why_not(name, d))
        for widget in (self.regrade_to, self.regrade_reason):
            widget.setEnabled(d is not None and d.status not in ENDED_STATUSES)

    def _buttons(self) -> dict[str, QPushButton]:
        return {
            "respond": self.respond,
            "waiting": self.waiting,
            "replied": self.replied,
            "resolve": self.resolve,
            "close": self.close_case,
            "reopen": self.reopen,
            "regrade": self.regrade,
            "assign": self.assign,
            "note": self.add_note,
        }

    def _why_not(self, action: str, d: CaseDetail | None) -> str | None:
        """None when the action can run on the case shown, else the sentence its tooltip and refusal give."""
        if d is None:
            return self.tr("No case selected.")
        status = d.status
        ended = status in ENDED_STATUSES
        if action == "reopen":
            return None if ended else self.tr("Only a resolved or closed case can be reopened.")
        if action == "note":
            return None
        if ended and (action != "close" or status == CaseStatus.CLOSED):
            return self.tr("The case is %1: reopen it first.").replace("%1", status_text(status))
        if action == "respond" and status == CaseStatus.WAITING_CUSTOMER and d.first_response_at is not None:
            return self.tr(
                "Waiting on the customer: use “Customer replied” when they answer (a response now starts no clock)."
            )
        if action == "waiting" and status == CaseStatus.WAITING_CUSTOMER:
            return self.tr("The case is waiting on the customer already.")
        if action == "replied" and status != CaseStatus.WAITING_CUSTOMER:
            return self.tr("Only for a case waiting on the customer.")
        if action == "regrade" and self.regrade_to.currentData() == d.severity:
            return self._same_severity(d)
        return None

    def _allow(self, button: QPushButton, why_not: str | None) -> None:
        button.setEnabled(why_not is None)
        self._why[button] = why_not or ""
        button.setToolTip(plain_tooltip(why_not or ""))  # may quote a case id as imported

    def busy(self) -> bool:
        """A write from these buttons, or what it changed, has not been shown yet."""
        return self.writing or self._ops.busy()

    def why_not(self, button: QPushButton) -> str:
        """Why a disabled action cannot run on the case shown ("" when it can)."""
        return self._why.get(button, "")

    def _update_regrade(self) -> None:
        self._allow(self.regrade, self._why_not("regrade", self.detail))

    def _same_severity(self, d: CaseDetail) -> str:
        severity = severity_name(d.catalog, d.severity, self._language)
        return fill(self.tr("%1 is %2 already: choose the new severity first."), d.ref, severity)

    def _refused(self, button: QPushButton) -> bool:
        """True (and the agent told why) when the action cannot run now; a dialog already open comes forward."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return True
        if self.detail is None or self.writing:
            return True
        if not button.isEnabled():
            self._ops.refuse(self.why_not(button))
            return True
        return False

    # ---------------------------------------------------------------- running (every write through Operations)

    def _run(self, case_id: uuid.UUID, version: int, action: Action, then: Callable[[], object] | None = None) -> None:
        """The write, on the writer thread; ``then`` once it is saved. Until it answers, the case's
        actions do nothing (a second click would only be refused as acting on an old version)."""
        self.writing = True

        def saved(_changes: ChangeSet) -> None:
            self.writing = False
            if then is not None:
                then()

        def refused() -> None:
            self.writing = False
            self.reload_requested.emit(case_id)  # e.g. changed elsewhere: show the case as it is now

        self._ops.submit(lambda desk: action(desk, case_id, version), saved, refused)

    def _confirm(self, dialog: CaseActionDialog, action: Callable[[CaseActionDialog], None]) -> None:
        self.dialog = dialog
        dialog.accepted.connect(lambda: action(dialog))
        dialog.finished.connect(self._dialog_done)
        dialog.open()

    def _dialog_done(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def record_response(self) -> None:
        if self._refused(self.respond):
            return
        d = self.detail
        assert d is not None
        first = d.first_response_at is None
        triggers = (ClockTrigger.FIRST_RESPONSE, ClockTrigger.RESPONSE) if first else (ClockTrigger.RESPONSE,)
        title = self.tr("Record the first response") if first else self.tr("Record a response")
        details = clock_effects(d, triggers, self._language)
        if d.status == CaseStatus.NEW:
            details.append(self.tr("The case moves to in progress."))
        details.append(self.tr("A response is part of the case's record and cannot be undone."))
        dialog = CaseActionDialog(
            d.case_id, d.version, title, case_line(d.ref, d.title), details, self.tr("&Record response"), self,
            text_label=self.tr("What you told the customer"), text=self.note.text().strip(),
        )  # fmt: skip

        def act(dlg: CaseActionDialog) -> None:
            text = dlg.value()
            self._run(
                dlg.case_id,
                dlg.version,
                lambda desk, c, v: desk.record_response(c, text, expected_version=v),
                self.note.clear,
            )

        self._confirm(dialog, act)

    def _direct(self, button: QPushButton, action: Action) -> None:
        """Reversible status moves need no dialog; they act on the case shown, at the version shown."""
        if self._refused(button):
            return
        d = self.detail
        assert d is not None
        self._run(d.case_id, d.version, action)

    def set_waiting(self) -> None:
        self._direct(
            self.waiting, lambda desk, c, v: desk.set_status(c, CaseStatus.WAITING_CUSTOMER, expected_version=v)
        )

    def customer_replied(self) -> None:
        self._direct(self.replied, lambda desk, c, v: desk.customer_replied(c, expected_version=v))

    def end_case(self, status: str) -> None:
        button = self.resolve if status == CaseStatus.RESOLVED else self.close_case
        if self._refused(button):
            return
        d = self.detail
        assert d is not None
        details = clock_effects(d, (status,), self._language)
        details.append(
            self.tr("The case leaves the queue; it can only be brought back by reopening it, with a reason.")
        )
        if status == CaseStatus.RESOLVED:
            title, confirm = self.tr("Resolve the case"), self.tr("Re&solve")
        else:
            title, confirm = self.tr("Close the case"), self.tr("C&lose")
        dialog = CaseActionDialog(
            d.case_id, d.version, title, case_line(d.ref, d.title), details, confirm, self,
            text_label=self.tr("Resolution note (required)"), placeholder=self.tr("What was done, and the outcome"),
        )  # fmt: skip

        def act(dlg: CaseActionDialog) -> None:
            note = dlg.value()  # read here: the dialog is gone by the time the writer thread runs
            self._run(dlg.case_id, dlg.version, lambda desk, c, v: desk.set_status(c, status, note, expected_version=v))

        self._confirm(dialog, act)

    def reopen_case(self) -> None:
        if self._refused(self.reopen):
            return
        d = self.detail
        assert d is not None
        details = clock_effects(d, (ClockTrigger.REOPENED,), self._language)
        details.append(self.tr("The case goes back in the queue, in progress."))
        dialog = CaseActionDialog(
            d.case_id, d.version, self.tr("Reopen the case"), case_line(d.ref, d.title), details, self.tr("Re&open"),
            self, text_label=self.tr("Why it is reopened (required)"),
        )  # fmt: skip

        def act(dlg: CaseActionDialog) -> None:
            reason, case_id = dlg.value(), dlg.case_id
            self._run(
                case_id,
                dlg.version,
                lambda desk, c, v: desk.reopen(c, reason, expected_version=v),
                lambda: self.reopened.emit(case_id),
            )

        self._confirm(dialog, act)

    def do_regrade(self) -> None:
        if self._refused(self.regrade):
            return
        d = self.detail
        assert d is not None
        severity, reason = self.regrade_to.currentData(), self.regrade_reason.text().strip()
        if not reason:
            self._ops.refuse(self.tr("A re-grade needs a reason: type it before re-grading."))
            self.regrade_reason.setFocus()
            return
        try:
            preview = preview_regrade(self._ops.desk, d.case_id, severity)
        except DeskError as exc:
            self._ops.refuse(error_text(exc))
            self.reload_requested.emit(d.case_id)
            return
        change = (
            self.tr("Severity: %1 → %2")
            .replace("%1", severity_name(d.catalog, preview.old_severity, self._language))
            .replace("%2", severity_name(d.catalog, preview.new_severity, self._language))
        )
        lines = [change, *regrade_lines(preview, self._language), self.tr("Reason: %1").replace("%1", reason)]
        summary = case_line(d.ref, d.title)
        dialog = CaseActionDialog(
            d.case_id, preview.version, self.tr("Re-grade the case"), summary, lines, self.tr("&Re-grade"), self
        )

        def act(dlg: CaseActionDialog) -> None:
            self._run(
                dlg.case_id,
                dlg.version,
                lambda desk, c, v: desk.regrade(c, severity, reason, expected_version=v),
                self.regrade_reason.clear,
            )

        self._confirm(dialog, act)

    def do_assign(self) -> None:
        name = self.assignee.text().strip()
        self._direct(self.assign, lambda desk, c, v: desk.assign(c, name, expected_version=v))

    def do_note(self) -> None:
        text = self.note.text()
        if self._refused(self.add_note):
            return
        d = self.detail
        assert d is not None

        def saved() -> None:
            if self.note.text() == text:  # not what the agent typed since
                self.note.clear()

        self._run(d.case_id, d.version, lambda desk, c, v: desk.add_note(c, text, expected_version=v), saved)
