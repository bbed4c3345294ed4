"""The customer list from the keyboard: search by name, id, contact or tier; Enter opens the customer panel;
contracts ending within the setting are marked in words and with an icon."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desk.services import Desk
from tests.ui.keyboard import type_text
from ui import settings as keys
from ui.customer_list import DAYS_LEFT, CustomerListModel
from ui.main_window import MainWindow
from ui.settings import Settings


def press(qtbot: QtBot, shortcut: str) -> None:
    focus = QApplication.focusWidget()
    assert focus is not None
    sequence = QKeySequence(shortcut)[0]
    qtbot.keyClick(focus, sequence.key(), sequence.keyboardModifiers())


def test_find_a_customer_by_tier_and_open_it_with_enter(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    window.queue.view.setFocus()
    press(qtbot, "Ctrl+Shift+U")
    dialog = window.customer_list
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
    assert dialog.model.rowCount() == 4
    type_text(qtbot, dialog.search, "L3")
    assert dialog.model.rowCount() == 1 and dialog.selected() == "cust-L3"
    qtbot.keyClick(dialog.search, Qt.Key.Key_Return)
    assert window.customer.data is not None and window.customer.data.ref == "cust-L3"
    dialog.search.clear()
    type_text(qtbot, dialog.search, "nobody-like-this")
    assert dialog.model.rowCount() == 0 and "0" in dialog.count.text()


def test_expiring_contracts_are_marked_from_the_setting(
    qtbot: QtBot, window: MainWindow, settings: Settings, seeded: Desk
) -> None:
    dialog = window.open_customer_list()
    model = dialog.model
    index = model.index(0, DAYS_LEFT)
    assert model.data(index).startswith("35 day") and "expiring" not in model.data(index)  # default: 30 days
    dialog.close()
    window.customer_list = None
    settings.set_text(keys.EXPIRING_DAYS, "40")
    dialog = window.open_customer_list()
    index = dialog.model.index(0, DAYS_LEFT)
    assert "expiring" in dialog.model.data(index)
    assert dialog.model.data(index, Qt.ItemDataRole.DecorationRole) is not None  # not by colour alone


def test_the_customer_list_model_passes_the_model_tester(qtmodeltester: object, seeded: Desk) -> None:
    from desk.customer_list import customer_rows

    model = CustomerListModel(30)
    model.set_rows(customer_rows(seeded))
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.search("L2")
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_down_walks_from_the_search_into_the_list_and_enter_opens(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.open_customer_list()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.search)
    assert dialog.model.rowCount() == 4
    type_text(qtbot, dialog.search, "客户")
    qtbot.keyClick(dialog.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is dialog.view
    qtbot.keyClick(dialog.view, Qt.Key.Key_Down)
    assert dialog.selected() == "cust-L2"
    with qtbot.waitSignal(dialog.open_requested) as opened:
        qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert opened.args == ["cust-L2"]
    assert window.customer.data is not None and window.customer.data.ref == "cust-L2"
