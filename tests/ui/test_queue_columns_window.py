"""The window's queue over columns, on a demo database: what an agent types, picks and clicks shows the rows
the queue's own read, filter and sort rules give (the rows as the desk showed them before the columns)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.demo import generate
from desk.queue import QueueFilter, filter_entries, load_open_queue, sort_key
from desk.queue_order import urgency_key
from desk.services import Desk
from desk.store.engine import open_store
from tests.ui.windows import settled, shown_window
from ui.backup_task import FirstPaint
from ui.main_window import MainWindow
from ui.queue_cells import COLUMNS
from ui.settings import Settings


@pytest.fixture
def demo(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Iterator[Desk]:
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite'}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=900, open_cases=400, seed=5)
        yield desk
    finally:
        store.close()


@pytest.fixture
def demo_window(qtbot: QtBot, demo: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, demo, clock, settings) as win:
        yield win


def shown(window: MainWindow) -> list[str]:
    model = window.model
    return [model.entry(row).ref for row in range(model.rowCount())]


def expected(desk: Desk, clock: FakeClock, flt: QueueFilter, column: int = -1, descending: bool = False) -> list[str]:
    """The queue read as entries, filtered and sorted by the rules the model must agree with."""
    now = clock.now()
    rows = filter_entries(load_open_queue(desk, now), flt, now)
    if column == -1:
        rows.sort(key=lambda e: urgency_key(e, now))
    else:
        rows.sort(key=sort_key(COLUMNS[column]), reverse=descending)
    return [e.ref for e in rows]


def test_typing_filtering_and_sorting_show_what_the_queue_rules_give(
    qtbot: QtBot, demo_window: MainWindow, demo: Desk, clock: FakeClock
) -> None:
    window, queue = demo_window, demo_window.queue
    assert window.model.total() == 400 and shown(window) == expected(demo, clock, QueueFilter())
    word = "c-00"  # typed key by key: each letter narrows the rows shown
    for typed in range(1, len(word) + 1):
        qtbot.keyClick(queue.search, word[typed - 1])
        settled(qtbot, window)
        assert shown(window) == expected(demo, clock, QueueFilter(text=word[:typed]))
    qtbot.keyClick(queue.search, Qt.Key.Key_Backspace)  # one letter deleted: a wider filter again
    settled(qtbot, window)
    assert shown(window) == expected(demo, clock, QueueFilter(text=word[:-1]))
    name = window.model.entry(0).customer_name[:2]  # a customer's name, as an input method enters it
    queue.search.setText(name)
    settled(qtbot, window)
    assert shown(window) == expected(demo, clock, QueueFilter(text=name)) != []
    queue.search.clear()
    settled(qtbot, window)
    severity, tier = queue.severity.itemData(1), queue.tier.itemData(1)
    queue.severity.setCurrentIndex(1)
    queue.tier.setCurrentIndex(1)
    settled(qtbot, window)
    flt = QueueFilter(severities=frozenset({severity}), tiers=frozenset({tier}))
    assert shown(window) == expected(demo, clock, flt) != []
    queue.state.setCurrentIndex(1)  # at risk or breached
    settled(qtbot, window)
    assert window.model.current_filter.states and window.model.current_filter.severities == flt.severities
    assert shown(window) == expected(demo, clock, window.model.current_filter)
    queue.clear_filter()
    settled(qtbot, window)
    header = queue.view.horizontalHeader()
    for column, descending in ((3, False), (3, True), (5, False), (1, False), (9, True)):
        while (header.sortIndicatorSection(), header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder) != (
            column,
            descending,
        ):
            qtbot.mouseClick(
                header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(column) + 5, 5)
            )
        settled(qtbot, window)
        assert shown(window) == expected(demo, clock, QueueFilter(), column, descending), (column, descending)
    queue.default_order()
    settled(qtbot, window)
    assert shown(window) == expected(demo, clock, QueueFilter())


def test_the_model_over_a_demo_queue_keeps_qts_model_rules(qtmodeltester: ModelTester, demo_window: MainWindow) -> None:
    qtmodeltester.check(demo_window.model)


def test_a_window_shown_at_once_paints_its_first_screen_then_shows_its_whole_queue(
    qtbot: QtBot, demo: Desk, clock: FakeClock, settings: Settings
) -> None:
    win = MainWindow(demo, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(win)
    loading_at_first_paint: list[bool] = []
    FirstPaint(win, lambda: loading_at_first_paint.append(win.loading))
    try:
        win.show()
        qtbot.waitUntil(lambda: not win.loading)
        assert loading_at_first_paint == [True]  # the whole queue is decoded after the first screen is painted
        assert win.model.total() == win.model.rowCount() == 400
        assert shown(win) == expected(demo, clock, QueueFilter())
    finally:
        win.stop_timers()


def test_a_message_shown_while_the_queue_loads_is_not_wiped_when_it_is_loaded(
    qtbot: QtBot, demo: Desk, clock: FakeClock, settings: Settings
) -> None:
    win = MainWindow(demo, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(win)
    bar = win.statusBar()
    assert bar.currentMessage() == "Loading the open cases…"
    FirstPaint(win, lambda: bar.showMessage("Today's automatic backup was not taken: disk full"))
    try:
        win.show()
        qtbot.waitUntil(lambda: not win.loading)
        assert bar.currentMessage() == "Today's automatic backup was not taken: disk full"
    finally:
        win.stop_timers()


def test_the_loading_words_go_once_the_queue_is_loaded(
    qtbot: QtBot, demo: Desk, clock: FakeClock, settings: Settings
) -> None:
    with shown_window(qtbot, demo, clock, settings) as win:
        assert not win.loading and win.statusBar().currentMessage() == ""


def test_a_search_typed_as_the_queue_is_shown_finds_what_the_queue_rules_find(
    qtbot: QtBot, demo: Desk, clock: FakeClock, settings: Settings
) -> None:
    win = MainWindow(demo, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(win)
    # Typed the moment the rows are shown, before the window has had a moment to itself.
    win.loader.loaded.connect(lambda _: win.queue.search.setText("c-00"))
    try:
        win.show()
        qtbot.waitUntil(lambda: not win.loading and win.queue.search.text() == "c-00")
        settled(qtbot, win)
        assert shown(win) == expected(demo, clock, QueueFilter(text="c-00")) != []
        win.queue.search.setText(win.model.entry(0).customer_name[:2])
        settled(qtbot, win)
        assert shown(win) == expected(demo, clock, QueueFilter(text=win.queue.search.text())) != []
    finally:
        win.stop_timers()
