"""The handover dialog and the team-lead review widget, offscreen with pytest-qt."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.handover import Handover
from desk.report_render import LABELS
from desk.services import Desk
from tests.helpers.handover import SHIFT_END, XSS, build_shift
from ui.handover import HandoverDialog, HandoverReviewWidget, handover_actions, open_handover
from ui.handover.export import ExportControls, suggested_name
from ui.handover.models import HandoverCasesModel
from ui.operations import Operations


def test_dialog_edits_entries_checks_readiness_generates_and_signs(
    qtbot: QtBot, qtmodeltester: ModelTester, seeded: Desk, clock: FakeClock
) -> None:
    built = build_shift(seeded, clock, entries=False)
    dialog = HandoverDialog(built.handover, "alice")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.ready)  # the shift is read off the GUI thread
    model = dialog.model
    qtmodeltester.check(model)
    assert model.rowCount() == 5
    assert model.row(0).ref == "C-XSS"
    readiness = [dialog.readiness_list.item(i).text() for i in range(dialog.readiness_list.count())]
    assert any("C-XSS" in line and "S1" in line for line in readiness)
    assert "open point" in dialog.sign_button.text()
    assert not dialog.sign_button.isEnabled()  # nothing generated yet

    row = model.row_of(built.cases["XSS"])
    assert model.setData(model.index(row, HandoverCasesModel.OWNER), "bob")
    assert model.setData(model.index(row, HandoverCasesModel.NEXT_ACTION), "call the customer")
    assert model.setData(
        model.index(row, HandoverCasesModel.BRIEFED), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert not any(p.ref == "C-XSS" for p in built.handover.readiness(built.shift.id))
    readiness = [dialog.readiness_list.item(i).text() for i in range(dialog.readiness_list.count())]
    assert not any("C-XSS" in line for line in readiness)

    dialog.notes.setPlainText("handover notes 交接说明")
    report = dialog.generate()
    assert report is not None and report.revision == 1
    assert dialog.sign_button.isEnabled()
    # Open points remain (C-CHINESE, C-WAIT...): one click only asks, naming how many.
    points = len(built.handover.readiness(built.shift.id))
    assert points and dialog.sign_button.text() == f"Sign with {points} open point(s)…"
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    question = dialog.question
    assert question is not None and question.isVisible() and f"{points} open point(s)" in question.text()
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert built.handover.get(report.id).summary.signed_by is None
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    sign_anyway = next(b for b in dialog.question.buttons() if b.text() == "Sign anyway")
    sign_anyway.click()
    stored = built.handover.get(report.id)
    assert stored.summary.signed_by == "alice"
    assert stored.data["notes"] == "handover notes 交接说明"
    assert next(r for r in stored.data["open_cases"] if r["ref"] == "C-XSS")["owner"] == "bob"


def test_signed_handover_cannot_be_edited_from_the_dialog(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, tmp_path: Path
) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    dialog = HandoverDialog(built.handover, "alice", shift_id=built.shift.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready)  # the shift is read off the GUI thread
    model = dialog.model
    owner = model.index(model.row_of(built.cases["XSS"]), HandoverCasesModel.OWNER)
    assert not model.flags(owner) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(owner, "mallory")
    assert dialog.notes.isReadOnly() and dialog.incoming.isReadOnly()
    assert not dialog.generate_button.isEnabled() and not dialog.sign_button.isEnabled()
    assert dialog.correct_button.isEnabled()
    assert "signed" in dialog.status.text()
    # Even a direct call is refused by the services, and the refusal is shown, not raised.
    assert not dialog._save_entry(built.cases["XSS"], owner="mallory")
    assert "signed" in dialog.status.text()
    assert built.handover.get(report.id).snapshot == built.handover.get(report.id).snapshot
    assert built.handover.verify(report.id).ok

    assert dialog.export("md", tmp_path / "h.md") is not None
    assert XSS.replace("<", "\\<").replace(">", "\\>") in (tmp_path / "h.md").read_text("utf-8")

    assert dialog.open_correction("owner missing on C-DUE")
    assert model.setData(model.index(model.row_of(built.cases["DUE"]), HandoverCasesModel.OWNER), "dave")
    second = dialog.generate()
    assert second is not None and (second.revision, second.previous_id) == (2, report.id)


def _held_read(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The agent's shift is read only once the returned gate is set (as a slow read at 100,000 open cases)."""
    gate = threading.Event()
    real = Handover.unfinished_shift

    def held(self: Handover, *args: Any, **kwargs: Any) -> Any:
        gate.wait(10)  # released by the test once it has seen the dialog waiting; never on the GUI thread
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Handover, "unfinished_shift", held)
    return gate


def test_the_dialog_shows_at_once_and_reads_the_shift_meanwhile(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_shift(seeded, clock)
    gate = _held_read(monkeypatch)
    window = QWidget()
    qtbot.addWidget(window)
    ops = Operations(seeded, window)  # the window's
    dialog = HandoverDialog(built.handover, "alice", window, ops=ops)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.ready() and dialog.reading.isVisible() and dialog.reading.text() == "Reading the shift…"
    assert not ops.busy()  # the dialog says it is reading: the window's "Working…" is for the window's own work
    assert dialog.start_form.isHidden()  # nothing is offered before the answer says there is no shift
    gate.set()
    qtbot.waitUntil(dialog.ready)
    assert dialog.shift is not None and dialog.shift.id == built.shift.id
    assert dialog.reading.isHidden() and dialog.start_form.isHidden() and not dialog.panel.isHidden()
    assert dialog.model.rowCount() >= 4 and dialog.readiness_list.count() >= 1


def test_a_shift_that_cannot_be_read_is_said_in_the_dialog(
    qtbot: QtBot, seeded: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.store.engine import StoreError

    handover = Handover(seeded)

    def gone(*_args: object, **_kwargs: object) -> None:
        raise StoreError("the database file is gone")

    monkeypatch.setattr(handover, "unfinished_shift", gone)
    dialog = HandoverDialog(handover, "alice")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready)
    assert "the database file is gone" in dialog.status.text() and dialog.reading.isHidden()
    assert dialog.shift is None and dialog.start_form.isHidden()  # nothing offered on a shift it could not read


def test_a_dialog_closed_before_its_shift_is_read_takes_no_answer(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_shift(seeded, clock)  # alice has a shift: the answer would fill the panel
    gate = _held_read(monkeypatch)
    window = QWidget()
    qtbot.addWidget(window)
    ops = Operations(seeded, window)  # the window's, outliving the dialog
    dialog = open_handover(window, seeded, "alice", ops=ops)
    qtbot.waitExposed(dialog)
    assert not dialog.ready()
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.close()
    qtbot.waitUntil(lambda: bool(gone))  # deleted on close
    gate.set()
    qtbot.waitUntil(lambda: not ops.busy())  # the answer came and found no dialog: no error raised in a slot


def test_dialog_starts_a_shift(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    dialog = HandoverDialog(Handover(seeded), "zoe")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready)  # the start form's proposal is read off the GUI thread
    assert not dialog.start_box.isHidden() and dialog.shift_box.isHidden()
    form = dialog.start_form
    assert form.shift_window() == (clock.now(), clock.now() + timedelta(hours=8))  # zoe did nothing yet: from now
    assert form.start_button.text() == "Start my shift"
    form.incoming.setText("yan")
    form.start_button.click()
    assert dialog.shift is not None and dialog.shift.incoming == "yan", dialog.status.text()
    assert dialog.shift.scope == ("zoe",) and dialog.shift.ended_at is None
    assert dialog.start_box.isHidden() and not dialog.shift_box.isHidden()
    assert dialog.window_label.text().endswith("(Asia/Shanghai)")  # the shift's zone, as in its report


def test_review_lists_filters_opens_revisions_and_diffs(
    qtbot: QtBot, qtmodeltester: ModelTester, seeded: Desk, clock: FakeClock, db_path: Path
) -> None:
    built = build_shift(seeded, clock)
    h = built.handover
    day = h.generate(built.shift.id)
    h.sign(day.id, "alice")
    night = h.start_shift("bob", incoming="carol", starts_at=SHIFT_END, ends_at=SHIFT_END + timedelta(hours=8))
    clock.advance(timedelta(hours=1))
    seeded.open_case("cust-L4", "new at night", "S3", "phone", ref="C-NIGHT")
    clock.advance(timedelta(hours=7))
    night_report = h.generate(night.id)

    review = HandoverReviewWidget(h)
    qtbot.addWidget(review)
    qtmodeltester.check(review.model)
    assert review.model.rowCount() == 2
    review.unsigned.setChecked(True)
    assert review.model.rowCount() == 1 and review.model.report(0).id == night_report.id
    review.unsigned.setChecked(False)
    review.agent.setText("alice")
    review.refresh()
    assert [review.model.report(i).id for i in range(review.model.rowCount())] == [day.id]
    review.agent.setText("")
    review.refresh()

    review.table.selectRow(0)  # the night shift, newest first
    assert review.current is not None and review.current.id == night_report.id
    assert "Intact" in review.integrity.text()
    assert "C-NIGHT" in review.diff_view.toPlainText()
    review.open_report(day.id)
    text = review.report_view.toPlainText()
    assert XSS in text and "交接班报告" in text
    assert review.revisions.count() == 1

    con = sqlite3.connect(db_path)
    with con:
        con.execute("DROP TRIGGER handover_reports_frozen")
        con.execute(
            "UPDATE handover_reports SET snapshot = replace(snapshot, 'bob', 'eve') WHERE id = ?", (day.id.hex,)
        )
    con.close()
    review.open_report(day.id)
    assert "DAMAGED" in review.integrity.text()


def test_actions_for_the_window_menu(qtbot: QtBot, seeded: Desk) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    actions = handover_actions(window, seeded, "alice")
    assert [a.shortcut().toString() for a in actions] == ["Ctrl+H", "Ctrl+Shift+H"]
    actions[0].trigger()
    actions[1].trigger()
    opened = window.findChildren(HandoverDialog)
    reviews = window.findChildren(HandoverReviewWidget)
    assert len(opened) == 1 and len(reviews) == 1
    for child in (*opened, reviews[0].window()):
        child.close()


def test_export_offers_the_chat_summary_beside_the_whole_report(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    controls = ExportControls(built.handover, None)
    qtbot.addWidget(controls)
    controls.set_report(report)
    filters = controls.filters()
    assert list(filters) == ["pdf", "html", "md", "summary", "csv", "json"]
    assert "Chat summary" in filters["summary"] and filters["summary"].endswith("(*.md)")
    assert suggested_name(report, "summary").endswith(f"-r{report.revision}-summary.md")
    offered: list[str] = []

    def save_as(name: str, chosen: str) -> Callable[..., tuple[str, str]]:
        def dialog(parent: QWidget, caption: str, folder: str, types: str) -> tuple[str, str]:
            offered[:] = types.split(";;")
            return name, chosen

        return dialog

    # The summary and the whole report share .md: the type the user chose decides which is written.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(str(tmp_path / "chat.md"), filters["summary"]))
    qtbot.mouseClick(controls.export_button, Qt.MouseButton.LeftButton)
    assert offered == list(filters.values())
    summary = (tmp_path / "chat.md").read_text("utf-8")
    assert summary.startswith("**Shift handover") and LABELS["open_cases"] not in summary
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(str(tmp_path / "whole.md"), filters["md"]))
    qtbot.mouseClick(controls.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "whole.md").read_text("utf-8").startswith("# Shift handover")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as(str(tmp_path / "chat"), filters["summary"]))
    qtbot.mouseClick(controls.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "chat.md").read_text("utf-8") == summary  # the extension added is the type's


def test_an_export_the_database_refuses_is_said_not_raised(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desk.store.engine import StoreError

    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    dialog = HandoverDialog(built.handover, "alice", shift_id=built.shift.id)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.ready)  # the shift is read off the GUI thread

    def gone(*_args: object) -> None:
        raise StoreError("the database file is gone")

    monkeypatch.setattr(built.handover, "get", gone)
    assert report is not None
    assert dialog.export("md", tmp_path / "h.md") is None  # no traceback out of the slot
    assert "Not exported" in dialog.status.text()
