"""The case pane's actions: nothing irreversible by accident, and every action does what it says or says why not."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.caseviews import case_detail
from desk.clock import FakeClock
from desk.queue import load_open_queue
from desk.services import Desk
from tests.ui.case_helpers import confirm, open_dialog
from tests.ui.keyboard import type_text
from tests.ui.windows import select
from ui.main_window import MainWindow
from ui.text import local_time

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(qtbot: QtBot, window: MainWindow, desk: Desk, title: str = "slow disks", severity: str = "S3") -> uuid.UUID:
    (case_id,) = desk.open_case("cust-L3", title, severity, "ticket").cases
    window.model.set_entries(load_open_queue(desk))
    select(qtbot, window, case_id)
    return case_id


def _failures(window: MainWindow) -> list[str]:
    failures: list[str] = []
    window.ops.failed.connect(failures.append)
    return failures


# ---------------------------------------------------------------- re-grade


def test_regrade_box_starts_at_the_case_severity_and_enter_changes_nothing(
    qtbot: QtBot, window: MainWindow, seeded: Desk
) -> None:
    case_id = _open(qtbot, window, seeded, severity="S3")
    acts = window.detail.case_actions
    failures = _failures(window)
    assert acts.regrade_to.currentData() == "S3"
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL)
    assert QApplication.focusWidget() is acts.regrade_to  # the severity first, then the reason
    qtbot.keyClick(acts.regrade_to, Qt.Key.Key_Tab)
    qtbot.keyClicks(acts.regrade_reason, "customer escalated")
    qtbot.keyClick(acts.regrade_reason, Qt.Key.Key_Return)
    assert acts.dialog is None
    assert failures and "S3" in failures[0] and "already" in failures[0]
    assert not acts.regrade.isEnabled() and "already" in acts.regrade.toolTip()
    detail = case_detail(seeded, case_id)
    assert detail.severity == "S3" and [e.kind for e in detail.timeline] == ["opened"]


def test_regrade_confirms_from_to_and_the_new_deadline_before_saving(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    case_id = _open(qtbot, window, seeded, severity="S3")  # L3 S3: first response within 3 hours
    opened = clock.now()
    clock.advance(timedelta(minutes=30))
    acts = window.detail.case_actions
    qtbot.keyClick(window, Qt.Key.Key_G, CTRL)
    qtbot.keyClick(acts.regrade_to, Qt.Key.Key_Home)  # S1, the most severe
    assert acts.regrade_to.currentData() == "S1"
    qtbot.keyClick(acts.regrade_to, Qt.Key.Key_Tab)
    qtbot.keyClicks(acts.regrade_reason, "whole region down")
    qtbot.keyClick(acts.regrade_reason, Qt.Key.Key_Return)
    dialog = open_dialog(acts)
    assert "slow disks" in dialog.summary.text()
    details = dialog.details.text()
    assert details.startswith("Severity: S3 Business impaired → S1 Core business down")
    assert local_time(opened + timedelta(hours=3)) in details
    assert local_time(clock.now() + timedelta(minutes=12)) in details  # computed by the SLA engine
    assert "whole region down" in details
    assert case_detail(seeded, case_id).severity == "S3"  # nothing saved before the confirmation
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.confirm)
    qtbot.keyClick(dialog.confirm, Qt.Key.Key_Return)
    assert acts.dialog is None
    qtbot.waitUntil(lambda: not acts.busy())  # written on the writer thread
    detail = case_detail(seeded, case_id)
    assert detail.severity == "S1" and detail.timeline[0].reason == "whole region down"
    assert acts.regrade_to.currentData() == "S1"


def test_regrade_cancelled_saves_nothing(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    case_id = _open(qtbot, window, seeded, severity="S3")
    acts = window.detail.case_actions
    acts.regrade_to.setCurrentIndex(acts.regrade_to.findData("S2"))
    qtbot.keyClicks(acts.regrade_reason, "maybe")
    qtbot.mouseClick(acts.regrade, Qt.MouseButton.LeftButton)
    open_dialog(acts).reject()
    assert case_detail(seeded, case_id).severity == "S3"
    assert acts.regrade_reason.text() == "maybe"  # kept for a second try


# ---------------------------------------------------------------- resolve, close, first response


def test_close_needs_a_note_and_a_double_click_closes_one_case(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    first = _open(qtbot, window, seeded, "first")
    second = _open(qtbot, window, seeded, "second")
    select(qtbot, window, first)
    acts = window.detail.case_actions
    qtbot.mouseClick(acts.close_case, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(acts.close_case, Qt.MouseButton.LeftButton)  # the double click's second click
    dialog = open_dialog(acts)
    assert [w for w in window.findChildren(type(dialog)) if w.isVisible()] == [dialog]
    assert "first" in dialog.summary.text() and "leaves the queue" in dialog.details.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.text)
    assert dialog.text is not None
    assert not dialog.confirm.isEnabled()
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)  # no note yet: nothing happens
    assert dialog.isVisible() and case_detail(seeded, first).status == "new"
    # Whatever the window shows meanwhile, the dialog acts on the case it was opened for.
    select(qtbot, window, second)
    type_text(qtbot, dialog.text, "磁盘已更换 disks replaced")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return, CTRL)
    assert acts.dialog is None
    qtbot.waitUntil(lambda: not acts.busy())  # written on the writer thread
    closed = case_detail(seeded, first)
    assert closed.status == "closed" and closed.timeline[0].reason == "磁盘已更换 disks replaced"
    assert case_detail(seeded, second).status == "new"
    assert window.model.row_of(first) is None and window.model.row_of(second) is not None


def test_resolve_says_what_stops_and_keeps_the_case_on_cancel(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    case_id = _open(qtbot, window, seeded)
    acts = window.detail.case_actions
    qtbot.mouseClick(acts.resolve, Qt.MouseButton.LeftButton)
    dialog = open_dialog(acts)
    assert "Stops “First response”" in dialog.details.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert acts.dialog is None and case_detail(seeded, case_id).status == "new"
    qtbot.mouseClick(acts.resolve, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts, "config fixed")
    assert case_detail(seeded, case_id).status == "resolved"


def test_first_response_asks_for_its_text_and_confirms(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    case_id = _open(qtbot, window, seeded)
    acts = window.detail.case_actions
    qtbot.keyClicks(acts.note, "called, restarting the node")
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    dialog = open_dialog(acts)
    assert dialog.text is not None and dialog.text.toPlainText() == "called, restarting the node"
    assert "Stops “First response”" in dialog.details.text() and "cannot be undone" in dialog.details.text()
    assert case_detail(seeded, case_id).first_response_at is None  # nothing recorded before confirming
    dialog.text.clear()
    assert not dialog.confirm.isEnabled()  # a first response with no text is not recorded
    type_text(qtbot, dialog.text, "we are on it")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Enter, CTRL)
    qtbot.waitUntil(lambda: not acts.busy())  # written on the writer thread
    detail = case_detail(seeded, case_id)
    assert detail.first_response_at is not None
    assert [(e.kind, e.new) for e in detail.timeline[:2]] == [("status", "in_progress"), ("response", "we are on it")]
    assert acts.note.text() == ""


# ---------------------------------------------------------------- waiting on the customer


def test_response_on_a_waiting_case_says_why_not_and_customer_replied_resumes(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    case_id = _open(qtbot, window, seeded)
    seeded.record_response(case_id, "send logs please")
    seeded.set_status(case_id, "waiting_customer")
    window.detail.show_case(case_id)
    acts = window.detail.case_actions
    failures = _failures(window)
    assert not acts.respond.isEnabled() and "Customer replied" in acts.respond.toolTip()
    before = len(case_detail(seeded, case_id).timeline)
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)
    assert acts.dialog is None and failures and "Customer replied" in failures[0]
    assert len(case_detail(seeded, case_id).timeline) == before  # nothing written
    clock.advance(timedelta(hours=1))
    assert acts.replied.isEnabled()
    qtbot.mouseClick(acts.replied, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not acts.busy())  # written on the writer thread
    assert window.detail.fields["status"].text() == "in progress"
    entry = window.model.entry(window.model.row_of(case_id) or 0)
    assert entry.clock is not None and entry.clock.state != "paused"  # the paused clocks run again
    assert acts.respond.isEnabled() and not acts.replied.isEnabled()
    assert "waiting on the customer" in acts.replied.toolTip()


# ---------------------------------------------------------------- the timeline and the queue's filter


def test_timeline_shows_full_times_and_long_text_in_a_tooltip(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    case_id = _open(qtbot, window, seeded)
    long_text = "Customer <b>reports</b> that " + "the gateway drops connections under load, " * 6
    seeded.add_note(case_id, long_text)
    window.detail.show_case(case_id)
    timeline = window.detail.timeline
    item = timeline.topLevelItem(0)
    for column in range(3):  # when, who, what: never cut
        assert timeline.columnWidth(column) >= timeline.sizeHintForColumn(column)
    assert item.text(0) == local_time(window.detail.detail.timeline[0].at)  # date, time and zone, in full
    assert "reports" in item.toolTip(3) and "&lt;b&gt;" in item.toolTip(3)  # the whole text, never as markup
    assert item.toolTip(0) == local_time(window.detail.detail.timeline[0].at, seconds=True)
    assert timeline.columnWidth(3) < timeline.viewport().width()  # the reason column stays in sight


def test_filter_hiding_the_case_keeps_it_with_a_note_and_working_actions(
    qtbot: QtBot, window: MainWindow, seeded: Desk
) -> None:
    case_id = _open(qtbot, window, seeded, "payment gateway")
    detail = window.detail
    assert not detail.notice.isVisible()
    qtbot.keyClicks(window.queue.search, "nothing matches this")
    assert window.queue.selected_case() is None
    assert detail.detail is not None and detail.detail.case_id == case_id
    assert detail.notice.isVisible() and "filter" in detail.notice.text()
    acts = detail.case_actions
    assert acts.respond.isEnabled()
    qtbot.mouseClick(acts.respond, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts, "looking")
    assert case_detail(seeded, case_id).first_response_at is not None
    window.queue.search.clear()
    select(qtbot, window, case_id)
    assert not detail.notice.isVisible()


def test_a_reload_keeps_a_name_being_typed_in_assign_to(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    case_id = _open(qtbot, window, seeded)
    field = window.detail.case_actions.assignee
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    field.setText("bo")
    seeded.add_note(case_id, "another desk writes")  # the pane reloads the case it shows
    window.detail.show_case(case_id)
    assert field.text() == "bo"


def test_a_database_error_on_selection_is_said_not_raised(
    qtbot: QtBot, window: MainWindow, seeded: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = _open(qtbot, window, seeded)
    from desk.store.engine import StoreError

    def busy(*_args: object) -> None:
        raise StoreError("database is locked")

    monkeypatch.setattr("ui.detail_panel.case_detail", busy)
    window.detail.show_case(case_id)  # no exception escapes the slot
    assert window.statusBar().currentMessage()


def test_a_close_waiting_behind_another_write_keeps_its_note_once_the_dialog_is_gone(
    qtbot: QtBot, window: MainWindow, seeded: Desk
) -> None:
    case_id = _open(qtbot, window, seeded, "slow disks")
    acts = window.detail.case_actions
    gate = threading.Event()
    window.tasks.write(lambda: gate.wait(10), lambda _answer: None, None)  # the writer is busy meanwhile
    qtbot.mouseClick(acts.close_case, Qt.MouseButton.LeftButton)
    dialog = open_dialog(acts)
    assert dialog.text is not None
    type_text(qtbot, dialog.text, "disks replaced")
    qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog))  # the dialog is deleted before the close is written
    gate.set()
    qtbot.waitUntil(lambda: not acts.busy())
    closed = case_detail(seeded, case_id)
    assert closed.status == "closed" and closed.timeline[0].reason == "disks replaced"
