"""Keys an agent expects in the case pane and the new-case dialog: Enter assigns, Tab leaves the
description, names complete from the agents the desk knows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.caseviews import case_detail
from desk.services import Desk
from ui.main_window import MainWindow


def test_enter_in_assign_to_assigns(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    (case_id,) = seeded.open_case("cust-L3", "slow console", "S3", "ticket").cases
    window.detail.show_case(case_id)
    field = window.detail.case_actions.assignee
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "bob")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.busy())  # written on the writer thread
    assert case_detail(seeded, case_id).assignee == "bob"


def test_assignee_completes_from_known_agents(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    seeded.open_case("cust-L3", "one", "S3", "ticket", assignee="Priya")
    (case_id,) = seeded.open_case("cust-L4", "two", "S4", "ticket", assignee="bob").cases
    window.detail.show_case(case_id)
    field = window.detail.case_actions.assignee
    field.setFocus()  # the names are read when the field is entered
    qtbot.waitUntil(field.hasFocus)
    completer = field.completer()
    completer.setCompletionPrefix("pri")
    assert [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())] == ["Priya"]


def test_tab_leaves_the_description_box(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.new_case()
    qtbot.waitExposed(dialog)
    dialog.description.setFocus()
    qtbot.waitUntil(dialog.description.hasFocus)
    qtbot.keyClicks(dialog.description, "line")
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    assert not dialog.description.hasFocus()
    assert dialog.description.toPlainText() == "line"  # no tab character typed into it
    dialog.reject()
