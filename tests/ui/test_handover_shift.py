"""A real shift in the window: its start and end, whose cases, bulk entry, acknowledging, exporting."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, QStandardPaths, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.handover import Handover
from desk.services import Desk
from tests.helpers.handover import SHIFT_END, SHIFT_START, build_shift
from ui.handover import HandoverDialog, HandoverReviewWidget, ShiftStatus
from ui.handover.export import suggested_name
from ui.settings import Settings

EVENING = SHIFT_START + timedelta(hours=11, minutes=4)  # 20:04 in Shanghai


def _dialog(qtbot: QtBot, handover: Handover, agent: str, **kw: object) -> HandoverDialog:
    dialog = HandoverDialog(handover, agent, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.ready)  # the start form's proposal is read off the GUI thread
    return dialog


def _answer(dialog: HandoverDialog, text: str) -> None:
    assert dialog.question is not None
    next(b for b in dialog.question.buttons() if b.text() == text).click()


def _case(desk: Desk, ref: str, severity: str, assignee: str = "") -> uuid.UUID:
    (case_id,) = desk.open_case("cust-L4", f"case {ref}", severity, "ticket", ref=ref).cases
    if assignee:
        desk.assign(case_id, assignee)
    return case_id


def test_handover_at_the_end_of_an_unstarted_shift_proposes_the_real_one(
    qtbot: QtBot, seeded: Desk, clock: FakeClock
) -> None:
    clock.set(SHIFT_START + timedelta(hours=3, minutes=3, seconds=20))  # 12:03:20, alice's first action
    seeded.actor = "alice"
    _case(seeded, "C-A", "S2", "alice")
    seeded.actor = "tester"
    clock.set(EVENING)
    h = Handover(seeded)
    dialog = _dialog(qtbot, h, "alice")
    form = dialog.start_form
    start, end = form.shift_window()
    assert (start, end) == (SHIFT_START + timedelta(hours=3, minutes=3), SHIFT_START + timedelta(hours=11, minutes=3))
    assert form.start_button.text() == "Record this shift"  # it is over: recorded as worked, not started now
    labels = [form.layout().labelForField(w).text() for w in (form.starts, form.ends)]  # type: ignore[attr-defined]
    assert labels == ["Start (Asia/Shanghai)", "End (Asia/Shanghai)"]

    # The accident of before: a shift from 20:04 to 20:04 is refused, and nothing is stored.
    now_local = QDateTime.fromString("2026-11-26 20:04", "yyyy-MM-dd HH:mm")
    form.starts.setDateTime(now_local)
    form.ends.setDateTime(now_local)
    form.start_button.click()
    assert "at least 15 minutes" in dialog.status.text() and "20:04 – 2026-11-26 20:04" in dialog.status.text()
    assert h.current_shift("alice") is None and h.list_reports() == []
    assert not form.isHidden()

    form.starts.setDateTime(QDateTime.fromString("2026-11-26 12:03", "yyyy-MM-dd HH:mm"))
    form.ends.setDateTime(QDateTime.fromString("2026-11-26 20:03", "yyyy-MM-dd HH:mm"))
    form.start_button.click()
    shift = dialog.shift
    assert shift is not None, dialog.status.text()
    assert (shift.starts_at, shift.ends_at, shift.ended_at) == (start, end, end)
    assert not dialog.end_button.isEnabled()  # already ended
    assert [dialog.model.row(i).ref for i in range(dialog.model.rowCount())] == ["C-A"]
    dialog.close()
    again = _dialog(qtbot, h, "alice")  # closed before signing: Ctrl+H brings the same shift back
    assert again.shift is not None and again.shift.id == shift.id and again.start_form.isHidden()
    h.sign(h.generate(shift.id).id, "alice")
    assert _dialog(qtbot, h, "alice").shift is None  # signed: the next Ctrl+H offers a new shift


def test_ending_asks_with_the_window_and_the_number_of_cases(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)  # alice 09:00-17:00, five open cases of the whole desk
    clock.set(SHIFT_START + timedelta(hours=7))  # 16:00: she leaves early
    dialog = _dialog(qtbot, built.handover, "alice", shift_id=built.shift.id)
    assert dialog.end_button.text() == "End my shift…"
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    question = dialog.question
    assert question is not None and question.isVisible()
    assert question.text() == "End your shift 2026-11-26 09:00 – 2026-11-26 16:00 (Asia/Shanghai)? " \
        "Its handover covers 5 open case(s)."  # fmt: skip
    assert question.defaultButton() is question.button(QMessageBox.StandardButton.Cancel)
    question.button(QMessageBox.StandardButton.Cancel).click()
    assert built.handover.shift(built.shift.id).ended_at is None
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    _answer(dialog, "End my shift")
    ended = built.handover.shift(built.shift.id)
    assert ended.ended_at == ended.ends_at == SHIFT_START + timedelta(hours=7)
    assert not dialog.end_button.isEnabled()


def test_ending_a_shift_started_a_minute_ago_is_refused(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    h = Handover(seeded)
    clock.set(EVENING)
    dialog = _dialog(qtbot, h, "zoe")
    dialog.start_form.start_button.click()  # "Start shift" at 20:04, as before
    clock.advance(timedelta(seconds=40))
    qtbot.mouseClick(dialog.end_button, Qt.MouseButton.LeftButton)
    assert dialog.question is None
    assert "at least 15 minutes" in dialog.status.text()
    assert dialog.shift is not None and h.shift(dialog.shift.id).ended_at is None


def test_scope_is_my_cases_a_lead_picks_agents_and_bulk_entry_clears_the_check(
    qtbot: QtBot, seeded: Desk, clock: FakeClock
) -> None:
    clock.set(SHIFT_START - timedelta(hours=1))
    mine = [_case(seeded, f"C-MINE{i}", "S1", "alice") for i in range(3)]
    _case(seeded, "C-BOB", "S1", "bob")
    for i in range(20):
        _case(seeded, f"C-DESK{i}", "S2")
    clock.set(SHIFT_START)
    h = Handover(seeded)
    dialog = _dialog(qtbot, h, "alice")
    dialog.start_form.start_button.click()
    assert dialog.shift is not None and dialog.shift.scope == ("alice",)
    assert {dialog.model.row(i).ref for i in range(dialog.model.rowCount())} == {"C-MINE0", "C-MINE1", "C-MINE2"}
    assert dialog.panel.scope_label.text().startswith("3 open case(s): assigned to alice")

    def flagged() -> set[str]:
        return {p.ref for p in h.readiness(dialog.shift.id)}  # type: ignore[union-attr]

    # S1 not briefed, no next action: for her three cases only, not the desk's 24.
    assert flagged() == {"C-MINE0", "C-MINE1", "C-MINE2"} and dialog.open_points == 6

    # A team lead ticks bob too: his case joins; the choice is stored on the shift.
    dialog.panel.scope_picker.action_for("bob").trigger()
    assert h.shift(dialog.shift.id).scope == ("alice", "bob")
    assert dialog.model.rowCount() == 4 and flagged() == {"C-MINE0", "C-MINE1", "C-MINE2", "C-BOB"}
    assert dialog.panel.scope_picker.text() == "Cases of: alice, bob"
    h.set_incoming(dialog.shift.id, "R&D <b>desk</b>")  # a name as typed: shown literally
    dialog.load()
    assert dialog.window_label.textFormat() == Qt.TextFormat.PlainText
    assert "R&D <b>desk</b>" in dialog.window_label.text()

    dialog.table.selectAll()
    bulk = dialog.panel.bulk
    assert bulk.count.text() == "4 case(s) selected:"
    bulk.owner.setText("carol ")
    qtbot.mouseClick(bulk.set_owner, Qt.MouseButton.LeftButton)
    bulk.next_action.setText("call at 18:00")
    qtbot.keyClick(bulk.next_action, Qt.Key.Key_Return)
    qtbot.mouseClick(bulk.mark_briefed, Qt.MouseButton.LeftButton)
    rows = h.shift_cases(dialog.shift.id)
    assert {(r.owner, r.next_action, r.briefed) for r in rows} == {("carol", "call at 18:00", True)}
    assert {(dialog.model.row(i).owner, dialog.model.row(i).briefed) for i in range(4)} == {("carol", True)}
    assert dialog.open_points == 0 and dialog.sign_button.text() == "Sign"

    report = dialog.generate()
    assert report is not None
    header = h.get(report.id).data["header"]
    assert header["scope"]["agents"] == ["alice", "bob"]
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)  # no open point: one deliberate click
    assert dialog.question is None and h.get(report.id).summary.signed_by == "alice"
    assert dialog.sign_button.text() == "Signed" and not dialog.sign_button.isEnabled()
    assert mine  # (cases made above)


def test_the_incoming_agent_is_told_and_acknowledges_in_the_window(
    qtbot: QtBot, seeded: Desk, clock: FakeClock
) -> None:
    built = build_shift(seeded, clock)  # alice hands over to bob
    h = built.handover
    report = h.generate(built.shift.id)

    # Not signed yet: bob is not told, and acknowledging is refused with the reason.
    status = ShiftStatus(h, "bob")
    qtbot.addWidget(status)
    assert status.waiting_button.isHidden()
    dialog = _dialog(qtbot, h, "bob", shift_id=built.shift.id)
    qtbot.mouseClick(dialog.ack_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Revision 1 is not signed yet: it can be acknowledged once alice signs it."
    dialog.close()

    h.sign(report.id, "alice")
    own = _dialog(qtbot, h, "alice", shift_id=built.shift.id)
    qtbot.mouseClick(own.ack_button, Qt.MouseButton.LeftButton)
    assert "the incoming agent acknowledges it" in own.status.text()
    assert h.get(report.id).summary.acknowledged_at is None

    status.refresh()
    assert not status.waiting_button.isHidden()
    assert status.waiting_label.text() == "1 handover(s) waiting for your acknowledgement, from alice"
    opened = status.open_waiting()
    assert isinstance(opened, HandoverDialog)
    qtbot.waitUntil(opened.ready)  # the shift is read off the GUI thread
    assert opened.shift is not None and opened.shift.id == built.shift.id
    assert opened.windowTitle() == "Shift handover from alice" and not opened.sign_button.isEnabled()
    clock.advance(timedelta(minutes=3))
    qtbot.mouseClick(opened.ack_button, Qt.MouseButton.LeftButton)
    acked = h.get(report.id).summary
    assert (acked.acknowledged_by, acked.acknowledged_at) == ("bob", SHIFT_END + timedelta(minutes=3))
    assert opened.status.text() == "Acknowledged by bob at 2026-11-26 17:03 (Asia/Shanghai)"
    assert status.waiting_button.isHidden()  # the corner refreshed after the change
    opened.close()  # it deletes itself on close, as from the window


def test_review_acknowledges_and_shows_the_scope(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    h = built.handover
    h.set_scope(built.shift.id, ["tester"])
    report = h.sign(h.generate(built.shift.id).id, "alice")
    review = HandoverReviewWidget(h, agent="carol")
    qtbot.addWidget(review)
    review.open_report(report.id)
    assert review.scope_label.text().startswith("Covers the cases of: tester")
    qtbot.mouseClick(review.ack_button, Qt.MouseButton.LeftButton)
    assert review.status.text() == "This handover is addressed to bob: only they can acknowledge it."
    review.me = "Bob"
    qtbot.mouseClick(review.ack_button, Qt.MouseButton.LeftButton)
    assert h.get(report.id).summary.acknowledged_by == "Bob"
    assert not review.ack_button.isEnabled()


def test_export_suggests_a_name_and_folder_and_says_where_it_went(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings, tmp_path: Path
) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    dialog = _dialog(qtbot, built.handover, "alice", shift_id=built.shift.id, settings=settings)
    exports = dialog.exports
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert exports.suggested_path() == Path(documents) / "handover-alice-2026-11-26-r1.pdf"
    assert exports.open_folder_button.isHidden()
    folder = tmp_path / "handovers"
    folder.mkdir()
    written = dialog.export("md", folder / suggested_name(report, "md"))
    assert written == folder / "handover-alice-2026-11-26-r1.md" and written.exists()
    assert dialog.status.text() == f"Exported to {written}"
    assert not exports.open_folder_button.isHidden()
    assert exports.suggested_path("csv") == folder / "handover-alice-2026-11-26-r1.csv"  # remembered
    (tmp_path / "a-file").write_text("")
    assert dialog.export("md", tmp_path / "a-file" / "r.md") is None
    assert dialog.status.text().startswith("Not exported:")


def test_the_window_offers_the_shift_and_tells_of_handovers_waiting(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings
) -> None:
    from ui.main_window import MainWindow

    built = build_shift(seeded, clock)
    built.handover.set_incoming(built.shift.id, "tester")
    built.handover.sign(built.handover.generate(built.shift.id).id, "alice")
    win = MainWindow(seeded, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.loading)
    win.show()
    qtbot.waitExposed(win)
    corner = win.shift_status
    assert corner.isVisible() and corner.shift_label.text() == "No shift started"
    assert corner.shift_button.text() == "Start my shift…"
    assert corner.waiting_button.isVisible()
    assert corner.waiting_label.text() == "1 handover(s) waiting for your acknowledgement, from alice"
    dialog = corner.open_shift()
    assert isinstance(dialog, HandoverDialog)
    qtbot.waitUntil(dialog.ready)  # the shift (none yet), then the start form's proposal, read off the GUI thread
    assert not dialog.start_form.isHidden()
    dialog.start_form.start_button.click()
    assert corner.shift_label.text() == "Shift 2026-11-26 09:10 – 17:10"  # from tester's first action
    assert corner.shift_button.text() == "Handover…"
    dialog.close()
    for timer in (win.ticker.timer, win.sync.timer, corner.timer):
        timer.stop()


def test_the_shift_and_its_questions_read_in_chinese(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    from PySide6.QtCore import QCoreApplication

    from ui.i18n import install

    app = QCoreApplication.instance()
    assert app is not None
    translators = install(app, "zh_CN")
    try:
        built = build_shift(seeded, clock, entries=False)
        built.handover.set_scope(built.shift.id, None)
        built.handover.generate(built.shift.id)
        dialog = _dialog(qtbot, built.handover, "alice", shift_id=built.shift.id)
        assert dialog.end_button.text() == "结束我的班次…"
        assert dialog.panel.scope_picker.text() == "案例范围:整个服务台"
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
        assert dialog.question is not None
        assert dialog.question.text().startswith(f"以 {dialog.open_points} 个待处理问题签署版本 1?")
        dialog.question.close()
        fresh = _dialog(qtbot, Handover(seeded), "zoe")
        assert fresh.start_form.start_button.text() == "开始我的班次"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
