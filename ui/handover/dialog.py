"""The shift handover dialog: start (or record) a shift, per-case entries, readiness, generate, sign, acknowledge.

With no shift running it shows the start form (``ui.handover.start_form``: real start and end in the
shift's zone). Ending asks for confirmation naming the window and the number of cases, and a shift
shorter than the core's minimum is refused before anything is stored; signing with open readiness
points asks too (naming the count). The handover covers the outgoing agent's cases by default, or the
agents a team lead ticks (``desk.handover_scope``). An incoming agent opens a signed handover here (from
the window's notice) to acknowledge it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Collection
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.changes import Changed
from desk.errors import DeskError
from desk.handover import MIN_SHIFT, Handover, ReportSummary, ShiftInfo
from desk.handover_report import ReadinessProblem
from desk.report_words import READINESS
from ui.errors import error_text
from ui.handover.dialog_parts import OfPanel, build_panel, build_start_form, resize_centred
from ui.handover.prompts import confirm, same_person
from ui.handover.report_actions import ReportActions
from ui.handover.scope_picker import Scope
from ui.handover.shift_read import ShiftRead, read_shift
from ui.handover.start_form import LOOK_BACK, ShiftStartForm, shown
from ui.operations import Operations
from ui.plain import plain_labels
from ui.settings import Settings
from ui.text import fill, isolate

if TYPE_CHECKING:
    from ui.handover.export import ExportControls
    from ui.handover.models import HandoverCasesModel
    from ui.handover.shift_panel import ShiftPanel

Result = TypeVar("Result", bound=Changed)


def readiness_text(code: str, ref: str, severity: str) -> str:
    texts = {
        "no_owner": QCoreApplication.translate("Handover", "%1 (%2): at risk or breached, no owner"),
        "no_next_action": QCoreApplication.translate("Handover", "%1 (%2): at risk or breached, no next action"),
        "s1_not_briefed": QCoreApplication.translate("Handover", "%1 (%2): the most severe, not verbally briefed"),
    }
    # A point this window has no sentence for reads in the report's own words, never as a code.
    fallback = f"%1 (%2): {READINESS.get(code, code.replace('_', ' '))}"
    return fill(texts.get(code, fallback), ref, severity)


class HandoverDialog(ReportActions, QDialog):
    """An agent's handover: ``HandoverDialog(Handover(desk), agent)``; opens the agent's current shift.

    Every write runs through the window's ``Operations`` (``ops``; a private one when the dialog stands
    alone): one error path (refusals said in the agent's language, here in the dialog's status line) and
    one ``changed`` signal naming the shift, the report and the cases touched.
    """

    changed = Signal(object)  # the shift id, after any change (views refresh what they show of it)

    def __init__(
        self,
        handover: Handover,
        agent: str,
        parent: QWidget | None = None,
        shift_id: uuid.UUID | None = None,
        settings: Settings | None = None,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Shift handover"))
        self.handover, self.agent = handover, agent
        self.ops = ops if ops is not None else Operations(handover.desk, self)
        self.shift: ShiftInfo | None = None
        self.latest: ReportSummary | None = None
        self.question: QMessageBox | None = None  # the confirmation being asked, if any
        self.open_points = 0
        self._proposing = False
        self._problems: dict[uuid.UUID, list[ReadinessProblem]] = {}  # the readiness points by case
        self._start_form: ShiftStartForm | None = None
        self._panel: ShiftPanel | None = None
        self._settings = settings
        self._reading = True
        layout = QVBoxLayout(self)
        self.reading = QLabel(self.tr("Reading the shift…"), self)
        self.reading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.reading, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # messages quote names and refusals verbatim
        layout.addWidget(self.status)
        plain_labels(self)
        self.resize(560, 320)
        self._open(shift_id)

    # The start form and the running shift's widgets (``ui.handover.shift_panel``) are each built when first
    # shown (or asked for): the dialog opens with neither, and shows one once the shift is read.
    model: OfPanel[HandoverCasesModel] = OfPanel()
    table: OfPanel[QTableView] = OfPanel()
    notes: OfPanel[QPlainTextEdit] = OfPanel()
    readiness_list: OfPanel[QListWidget] = OfPanel()
    incoming: OfPanel[QLineEdit] = OfPanel()
    window_label: OfPanel[QLabel] = OfPanel()
    exports: OfPanel[ExportControls] = OfPanel()
    sign_button: OfPanel[QPushButton] = OfPanel()
    generate_button: OfPanel[QPushButton] = OfPanel()
    end_button: OfPanel[QPushButton] = OfPanel()
    ack_button: OfPanel[QPushButton] = OfPanel()
    correct_button: OfPanel[QPushButton] = OfPanel()
    save_notes_button: OfPanel[QPushButton] = OfPanel()

    @property
    def start_form(self) -> ShiftStartForm:
        if self._start_form is None:
            self._start_form = build_start_form(self)
        return self._start_form

    start_box = start_form

    @property
    def panel(self) -> ShiftPanel:
        if self._panel is None:
            self._panel = build_panel(self)
        return self._panel

    shift_box = panel

    # ---------------------------------------------------------------- loading

    def _run(self, write: Callable[[Handover], Result]) -> Result | None:
        """Run one handover write through ``Operations``; a refusal is shown in the dialog (never a modal box)."""
        horizon = self.handover.horizon_hours
        result = self.ops.run(lambda desk: write(Handover(desk, horizon)), failure=self.status.setText)
        if result is not None:
            self.status.clear()
        return result

    def _propose(self) -> None:
        """Propose the shift from the agent's first action today, read off the GUI thread: on a large desk
        that read walks millions of case events. The form waits (disabled) for the answer."""
        now, agent, handover = self.handover.desk.clock.now(), self.agent, self.handover
        self.start_form.setEnabled(False)
        self._proposing = True

        def proposed(found: tuple[datetime | None, list[str]]) -> None:
            if not shiboken6.isValid(self):
                return  # closed (and deleted) before the answer came
            self._proposing = False
            self.start_form.propose(now, found[0], agent, found[1])
            self.start_form.setEnabled(True)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError):
                raise exc
            if not shiboken6.isValid(self):
                return
            self._proposing = False
            self.start_form.propose(now, None, agent, [agent])  # from now: the agent can still correct it
            self.start_form.setEnabled(True)
            self.status.setText(error_text(exc))

        def read() -> tuple[datetime | None, list[str]]:
            return handover.first_action(agent, now - LOOK_BACK), handover.known_agents()

        self.ops.tasks.read(read, proposed, failed, own_progress=True)

    def ready(self) -> bool:
        """Everything the dialog reads has arrived (the shift, or the start form's proposal: both are read off
        the GUI thread)."""
        return not self._reading and not self._proposing

    def _mine(self) -> bool:
        return self.shift is not None and same_person(self.agent, self.shift.outgoing)

    def _open(self, shift_id: uuid.UUID | None) -> None:
        """Read the shift to show off the GUI thread (the window stays responsive); "Reading the shift…" until
        it arrives."""
        handover, agent = self.handover, self.agent

        def read() -> ShiftRead:
            return read_shift(handover, agent, shift_id)

        def arrived(found: ShiftRead) -> None:
            if shiboken6.isValid(self):  # closed (and deleted) before the answer came: nothing to show
                self._reading = False
                self.reading.hide()
                self._show(found)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError):
                raise exc
            if shiboken6.isValid(self):
                self._reading = False
                self.reading.hide()
                self.status.setText(error_text(exc))

        self.ops.tasks.read(read, arrived, failed, own_progress=True)

    def load(self, shift_id: uuid.UUID | None = None) -> None:
        """Show the shift again as stored (after a write: read at once)."""
        if shift_id is None and self.shift is not None:
            shift_id = self.shift.id
        self._show(read_shift(self.handover, self.agent, shift_id))

    def _show(self, found: ShiftRead) -> None:
        shift = self.shift = found.shift
        if shift is None:
            self.start_form.show()
            if self._panel is not None:
                self._panel.hide()
                self.exports.set_report(None)
                self.readiness_list.clear()
            self._problems = {}
            self._propose()
            resize_centred(self, 560, 320)  # the form alone: no need for the cases' room yet
            return
        if self._start_form is not None:
            self._start_form.hide()
        self.panel.show()
        if self.width() < 1000:
            resize_centred(self, 1180, 680)
        self.latest = found.latest
        if not self._mine():
            self.setWindowTitle(fill(self.tr("Shift handover from %1"), shift.outgoing))
        self.window_label.setText(
            fill(
                self.tr("%1 → %2, %3 – %4"),
                isolate(shift.outgoing), isolate(shift.incoming or "?"), shown(shift.starts_at, shift.timezone),
                f"{shown(shift.ends_at, shift.timezone)} ({shift.timezone})",
            )
        )  # fmt: skip
        self.incoming.setText(shift.incoming)
        self.notes.setPlainText(shift.notes)
        self.panel.scope_picker.set_choices(found.agents, shift.scope)
        self.panel.scope_picker.setEnabled(not shift.locked)
        self.model.read_only = shift.locked
        self.model.set_rows(found.cases)
        self._show_scope(shift.scope)
        for widget in (self.incoming, self.notes):
            widget.setReadOnly(shift.locked)
        for button in (self.save_notes_button, self.generate_button):
            button.setEnabled(not shift.locked)
        self.end_button.setEnabled(self._mine() and not shift.locked and shift.ended_at is None)
        latest = self.latest
        self.sign_button.setEnabled(self._mine() and latest is not None and not latest.signed and not latest.superseded)
        self.ack_button.setEnabled(latest is not None and latest.acknowledged_at is None and not latest.superseded)
        self.correct_button.setEnabled(shift.locked)
        self.exports.set_report(latest)
        self._selection_changed()
        self._list_readiness(found.problems)
        if latest is not None and latest.signed:
            self.sign_button.setText(self.tr("Signed"))
        if shift.locked and latest is not None:
            self.status.setText(
                self.tr("Revision %1 is signed: it cannot be edited; a correction issues a new revision.")
                .replace("%1", str(latest.revision))
            )  # fmt: skip

    def _show_scope(self, scope: Scope) -> None:
        count = self.model.rowCount()
        if scope is None:
            text = self.tr("%n open case(s) of the whole desk.", "", count)
        else:
            text = self.tr("%n open case(s): assigned to %1, or acted on by them during the shift.", "", count).replace(
                "%1", ", ".join(scope)
            )
        self.panel.scope_label.setText(text)

    # ---------------------------------------------------------------- the shift

    def _too_short(self, start: datetime, end: datetime, zone: str) -> bool:
        if end - start >= MIN_SHIFT:
            return False
        self.status.setText(
            self.tr("A shift lasts at least %1 minutes: %2 – %3 is too short; nothing was recorded.")
            .replace("%1", str(int(MIN_SHIFT.total_seconds() // 60)))
            .replace("%2", shown(start, zone)).replace("%3", shown(end, zone))
        )  # fmt: skip
        return True

    def start_shift(self) -> ShiftInfo | None:
        """Start the shift entered (or record it, ended, when its end is already past)."""
        start, end = self.start_form.shift_window()
        zone = self.start_form.zone.key
        if self._too_short(start, end, zone):
            return None
        form = self.start_form
        shift: ShiftInfo | None = self._run(
            lambda h: h.start_shift(
                self.agent, incoming=form.incoming.text(), starts_at=start, ends_at=end, timezone=zone,
                scope=form.scope(),
            )
        )  # fmt: skip
        if shift is None:
            return None
        self.load(shift.id)
        self.changed.emit(shift.id)
        return shift

    def end_shift(self) -> QMessageBox | None:
        """Ask before ending: the window from–to and the number of cases; a too short shift is refused."""
        shift = self.shift
        if shift is None:
            return None
        end = min(shift.ends_at, self.handover.desk.clock.now())
        if self._too_short(shift.starts_at, end, shift.timezone):
            return None
        text = self.tr("End your shift %1 – %2 (%3)? Its handover covers %n open case(s).", "", self.model.rowCount())
        text = (
            text.replace("%1", shown(shift.starts_at, shift.timezone))
            .replace("%2", shown(end, shift.timezone))
            .replace("%3", shift.timezone)
        )
        self.question = confirm(self, self.tr("End my shift"), text, self.tr("End my shift"), lambda: self._end(end))
        return self.question

    def _end(self, end: datetime) -> None:
        if self.shift is not None:
            shift_id = self.shift.id
            if self._run(lambda h: h.end_shift(shift_id, at=end)) is not None:
                self.load(shift_id)
                self.changed.emit(shift_id)

    def set_scope(self, scope: Scope) -> None:
        if self.shift is not None:
            shift_id = self.shift.id
            if self._run(lambda h: h.set_scope(shift_id, scope)) is not None:
                self.load(shift_id)
                self.changed.emit(shift_id)

    # ---------------------------------------------------------------- entries

    def _save_entry(self, case_id: uuid.UUID, **fields: Any) -> bool:
        assert self.shift is not None
        shift_id = self.shift.id
        done = self._run(lambda h: h.set_entry(shift_id, case_id, **fields))
        if done is None:
            return False
        self.check_readiness(done.cases)  # only the edited row's case is evaluated again
        self.changed.emit(shift_id)
        return True

    def selected_cases(self) -> list[uuid.UUID]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row(r).case_id for r in rows]

    def _selection_changed(self, *_: Any) -> None:
        editable = self.shift is not None and not self.shift.locked
        self.panel.bulk.set_selected(len(self.selected_cases()), editable=editable)

    def apply_to_selected(self, fields: dict[str, Any]) -> bool:
        """One owner, next action or "briefed" for every selected case, stored at once (all or none)."""
        cases = self.selected_cases()
        if self.shift is None or not cases:
            return False
        shift_id = self.shift.id
        if self._run(lambda h: h.set_entries(shift_id, cases, **fields)) is None:
            return False
        stored = {k: (v.strip() if k == "owner" else v) for k, v in fields.items()}
        self.model.update_rows(set(cases), **stored)
        self.check_readiness(set(cases))
        self.status.setText(self.tr("%n case(s) updated.", "", len(cases)))
        self.changed.emit(shift_id)
        return True

    def _save_incoming(self) -> None:
        if self.shift is not None and not self.shift.locked and self.incoming.text() != self.shift.incoming:
            shift_id, incoming = self.shift.id, self.incoming.text()
            if self._run(lambda h: h.set_incoming(shift_id, incoming)) is not None:
                self.shift = self.handover.shift(shift_id)

    def save_notes(self) -> None:
        if self.shift is not None and not self.shift.locked:
            shift_id, notes = self.shift.id, self.notes.toPlainText()
            if self._run(lambda h: h.set_notes(shift_id, notes)) is not None:
                self.changed.emit(shift_id)

    def check_readiness(self, case_ids: Collection[uuid.UUID] | None = None) -> list[str]:
        """The readiness points of the whole shift, or again for only ``case_ids`` (the rows just edited)."""
        if self.shift is None:
            self._problems = {}
            if self._panel is not None:
                self.readiness_list.clear()
            return []
        return self._list_readiness(self.handover.readiness(self.shift.id, case_ids), case_ids)

    def _list_readiness(
        self, fresh: Collection[ReadinessProblem], case_ids: Collection[uuid.UUID] | None = None
    ) -> list[str]:
        """List the points found (of every case, or again of only ``case_ids``) beside those kept of the others."""
        self.readiness_list.clear()
        if case_ids is None:
            self._problems = {}
        for case_id in case_ids or ():
            self._problems[case_id] = []
        for problem in fresh:
            self._problems.setdefault(problem.case_id, []).append(problem)
        # In the table's order (most urgent first), as the core lists them.
        ordered = [self.model.row(r).case_id for r in range(self.model.rowCount())]
        listed = set(ordered)
        ordered += [c for c in self._problems if c not in listed]
        problems = [p for case_id in ordered for p in self._problems.get(case_id, [])]
        self.open_points = len(problems)
        lines = [readiness_text(p.code, p.ref, p.severity) for p in problems]
        self.readiness_list.addItems(lines or [self.tr("Ready: nothing for a lead to catch")])
        self.sign_button.setText(
            self.tr("Sign with %n open point(s)…", "", len(problems)) if problems else self.tr("Sign")
        )
        return lines
