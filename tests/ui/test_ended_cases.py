"""Finding, showing and reopening resolved and closed cases from the window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.caseviews import case_detail
from desk.clock import FakeClock
from desk.services import Desk
from tests.ui.case_helpers import confirm, open_dialog
from tests.ui.keyboard import type_text
from ui.closed_cases import EndedCasesDialog
from ui.main_window import MainWindow


def _ended(desk: Desk, clock: FakeClock) -> dict[str, object]:
    cases = {}
    for title, customer, status in (
        ("old outage", "cust-L3", "closed"),
        ("数据库连接失败", "cust-L4", "resolved"),
        ("OSS latency", "cust-L3", "closed"),
        ("still burning", "cust-L2", None),
    ):
        (case_id,) = desk.open_case(customer, title, "S3", "ticket").cases
        if status is not None:
            desk.set_status(case_id, status, "done")
        cases[title] = case_id
        clock.advance(timedelta(days=20) if title == "old outage" else timedelta(hours=1))
    return cases


def test_the_list_shows_recent_cases_newest_first_and_searches(
    qtbot: QtBot, qtmodeltester: ModelTester, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    cases = _ended(seeded, clock)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.ended_dialog
    assert isinstance(dialog, EndedCasesDialog) and dialog.isVisible()
    qtmodeltester.check(dialog.model)
    model = dialog.model
    assert [model.case(r).case_id for r in range(model.rowCount())] == [cases["OSS latency"], cases["数据库连接失败"]]
    assert dialog.count.text() == "2 case(s)"
    dialog.days.setValue(30)
    assert model.rowCount() == 3
    type_text(qtbot, dialog.search, "数据库")
    assert model.rowCount() == 3  # typing waits for a pause before it asks the database
    qtbot.waitUntil(lambda: [model.case(r).title for r in range(model.rowCount())] == ["数据库连接失败"])
    dialog.search.clear()
    qtbot.keyClicks(dialog.search, "cust-l4")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)  # Enter searches at once
    assert model.rowCount() == 1
    assert model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole).endswith("数据库连接失败</p>")


def test_a_closed_case_opens_in_the_pane_and_reopens_into_the_queue(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    cases = _ended(seeded, clock)
    closed = cases["OSS latency"]
    dialog = window.open_ended_cases()
    assert dialog.selected_case() == closed
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)  # open the selected row in the case pane
    detail = window.detail
    assert detail.detail is not None and detail.detail.case_id == closed
    assert "not in the queue" in detail.notice.text() and detail.notice.isVisibleTo(window)
    acts = detail.case_actions
    assert acts.reopen.isEnabled() and not acts.respond.isEnabled() and "reopen it first" in acts.respond.toolTip()
    qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    reopen = open_dialog(acts)
    assert "OSS latency" in reopen.summary.text() and "back in the queue" in reopen.details.text()
    assert not reopen.confirm.isEnabled()  # a reason is required
    confirm(qtbot, acts, "customer says it is back")
    assert case_detail(seeded, closed).status == "in_progress"
    assert window.model.row_of(closed) is not None and window.queue.selected_case() == closed
    assert not detail.notice.isVisibleTo(window)
    assert closed not in {dialog.model.case(r).case_id for r in range(dialog.model.rowCount())}
    history = case_detail(seeded, closed).timeline
    assert (history[0].kind, history[0].new, history[0].reason) == ("status", "in_progress", "customer says it is back")
