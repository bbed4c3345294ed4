"""Errors in the agent's language: the window shows each error's code as a translated sentence."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.errors import DeskError
from desk.services import Desk
from desk.store.engine import ConflictError, NewerSchemaError
from tests.ui.case_helpers import confirm
from tests.ui.keyboard import type_text
from tests.ui.windows import settled, shown_window
from ui.errors import error_text
from ui.i18n import install
from ui.main_window import MainWindow
from ui.settings import Settings


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.fixture
def zh_window(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, seeded, clock, settings, "zh_CN") as win:
        yield win


def _open_case(qtbot: QtBot, window: MainWindow, severity: str) -> None:
    dialog = window.new_case()
    qtbot.keyClicks(dialog.customer, "cust-L3")
    type_text(qtbot, dialog.title, "slow disks")
    dialog.severity.setCurrentIndex(dialog.severity.findData(severity))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.opened is not None
    settled(qtbot, window)


def test_a_stale_edit_is_said_in_chinese(qtbot: QtBot, zh_window: MainWindow, seeded: Desk) -> None:
    severity = list(seeded.catalogs.in_effect(seeded.clock.now().date()).severities)[2]
    _open_case(qtbot, zh_window, severity)
    case_id = zh_window.queue.selected_case()
    assert case_id is not None
    seeded.add_note(case_id, "another agent was here")  # a second desk on the same database
    failures: list[str] = []
    zh_window.ops.failed.connect(failures.append)
    qtbot.mouseClick(zh_window.detail.case_actions.respond, Qt.MouseButton.LeftButton)
    confirm(qtbot, zh_window.detail.case_actions, "on it")
    assert len(failures) == 1 and "已被他人修改" in failures[0]
    assert "changed by someone else" not in failures[0]


def test_a_refused_booking_is_said_in_chinese(qtbot: QtBot, zh_window: MainWindow) -> None:
    panel = zh_window.customer
    panel.show_customer("cust-L3")  # escort: 1 per contract year
    for _ in range(2):
        dialog = panel.open_booking()
        assert dialog is not None
        dialog.kind.setCurrentIndex(dialog.kind.findData("escort"))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "超出本合同年的配额" in dialog.problems.text() and "override" not in dialog.problems.text()


@pytest.mark.parametrize(
    "error",
    [
        NewerSchemaError("/data/desk.sqlite was written by a newer desk", where="/data/desk.sqlite", schema="x"),
        ConflictError("someone else changed this record", where="/data/desk.sqlite"),
        DeskError("case N1 is closed"),  # a code without its own sentence: its kind's sentence, then the detail
    ],
)
def test_every_error_has_a_chinese_sentence(qapp: QCoreApplication, error: DeskError) -> None:
    translators = install(qapp, "zh_CN")
    try:
        text = error_text(error)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    assert _chinese(text)
    assert error_text(error) != text  # the same error in English once the translator is gone
