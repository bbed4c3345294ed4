"""What a screen reader gets: every control and panel has a name, a countdown cell reads as words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.services import Desk
from tests.ui.windows import shown_window
from ui.main_window import MainWindow
from ui.queue_model import COUNTDOWN
from ui.settings import Settings


def accessible_name(widget: QWidget) -> str:
    iface = QAccessible.queryAccessibleInterface(widget)
    return iface.text(QAccessible.Text.Name) if iface is not None else ""


def controls(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if widget.isVisible() and widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
            yield widget


def countdown_cell_text(window: MainWindow, row: int) -> str:
    view = window.queue.view
    table = QAccessible.queryAccessibleInterface(view)
    assert table is not None
    column = COUNTDOWN
    for i in range(table.childCount()):
        cell = table.child(i)
        if cell is None or cell.role() != QAccessible.Role.Cell:
            continue
        cell_iface = cell.tableCellInterface()
        if cell_iface is not None and (cell_iface.rowIndex(), cell_iface.columnIndex()) == (row, column):
            return cell.text(QAccessible.Text.Name)
    raise AssertionError("no accessible cell for the countdown")


@pytest.fixture
def busy_window(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    seeded.open_case("cust-L4", "database down", "S1", "phone")
    with shown_window(qtbot, seeded, clock, settings) as win:
        win.queue.view.selectRow(0)
        yield win


def test_every_control_and_panel_has_its_own_name(busy_window: MainWindow) -> None:
    names = {w: accessible_name(w) for w in controls(busy_window)}
    unnamed = [
        (type(w).__name__, w.objectName(), type(w.parent()).__name__) for w, name in names.items() if not name.strip()
    ]
    assert unnamed == []
    # Fields are told apart by name, not all called after their group box.
    repeated = {name: n for name, n in Counter(names.values()).items() if n > 1}
    assert repeated == {}
    for panel in (busy_window.queue, busy_window.detail, busy_window.customer):
        assert accessible_name(panel).strip()


def test_countdown_cell_reads_severity_time_and_state(busy_window: MainWindow, clock: FakeClock) -> None:
    clock.advance(timedelta(minutes=10))  # S1 on L4: 12 min target, 2 min left is at risk (under 25%)
    busy_window.ticker.fire()
    assert countdown_cell_text(busy_window, 0) == "S1, 2 min left, at risk"
    clock.advance(timedelta(minutes=4))
    busy_window.ticker.fire()
    assert countdown_cell_text(busy_window, 0) == "S1, 2 min overdue, breached"


def test_names_in_chinese(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> None:
    seeded.open_case("cust-L4", "数据库宕机", "S1", "phone")
    with shown_window(qtbot, seeded, clock, settings, "zh_CN", "测试") as win:
        win.queue.view.selectRow(0)
        clock.advance(timedelta(minutes=10))
        win.ticker.fire()
        assert countdown_cell_text(win, 0) == "S1,剩余 2分钟,有风险"
        assert all(accessible_name(w).strip() for w in controls(win))
