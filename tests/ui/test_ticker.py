"""One ticker drives every 1 Hz view: the queue and the case pane show one instant per tick."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.queue import load_open_queue
from desk.services import Desk
from tests.helpers import T0
from tests.ui.windows import select
from ui.countdown import CountdownDelegate
from ui.main_window import MainWindow
from ui.queue_model import COUNTDOWN
from ui.settings import Settings
from ui.ticker import Ticker


class MovingClock(FakeClock):
    """Real time passing between reads: once started, every reading is a second after the previous one."""

    moving = False

    def now(self) -> datetime:
        if self.moving:
            self.advance(timedelta(seconds=1))
        return super().now()


def test_queue_and_case_pane_show_the_same_remaining_time_after_a_tick(
    qtbot: QtBot, seeded: Desk, settings: Settings
) -> None:
    clock = MovingClock(T0)
    seeded.clock = clock
    severities = seeded.catalogs.latest.severities
    most_severe = min(severities, key=lambda code: severities[code].rank)  # minutes: the seconds show
    seeded.open_case("cust-L3", "burning", most_severe, "ticket")
    win = MainWindow(seeded, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.loading)
    win.show()
    qtbot.waitExposed(win)
    win.ticker.stop()  # the test ticks
    win.model.set_entries(load_open_queue(seeded))
    case_id = win.model.entry(0).case_id
    select(qtbot, win, case_id)
    assert win.detail.detail is not None and win.detail.detail.case_id == case_id

    clock.moving = True  # from here any view reading the clock on its own would be a second off
    for _ in range(3):
        now = win.ticker.fire()
        assert win.ticker.now() == now
        queue_says = win.model.index(0, COUNTDOWN).data(Qt.ItemDataRole.AccessibleTextRole)
        pane_says = win.detail.clocks.item(0, 4).text()
        assert pane_says and pane_says in queue_says, (queue_says, pane_says)
    win.stop_timers()


def test_the_ticker_runs_only_while_the_window_is_visible(qtbot: QtBot, window: MainWindow) -> None:
    assert isinstance(window.queue.view.itemDelegateForColumn(COUNTDOWN), CountdownDelegate)
    assert window.ticker.timer.objectName() == "countdown-tick"
    window.ticker.timer.start()
    window.hide()
    assert not window.ticker.timer.isActive()
    with qtbot.waitSignal(window.ticker.tick):
        window.show()  # shown again: a tick at once (the screen is never a second behind), then every second
    assert window.ticker.timer.isActive()


def test_a_tick_hands_every_listener_the_same_instant(qtbot: QtBot) -> None:
    clock = FakeClock(T0)
    ticker = Ticker(clock)
    seen: list[object] = []
    ticker.tick.connect(seen.append)
    ticker.tick.connect(seen.append)
    clock.advance(timedelta(seconds=7))
    assert ticker.now() == T0  # between ticks the instant stands still
    ticker.fire()
    assert seen == [T0 + timedelta(seconds=7)] * 2 and ticker.now() == T0 + timedelta(seconds=7)


def test_a_minimized_window_keeps_ticking_so_alerts_reach_the_tray(qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtGui import QHideEvent
    from PySide6.QtWidgets import QApplication

    assert window.ticker.timer.isActive()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    QApplication.sendEvent(window, QHideEvent())  # what the window manager sends on minimizing
    assert window.ticker.timer.isActive()
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.hide()  # closed for good: the timer stops
    assert not window.ticker.timer.isActive()


def test_a_tick_changes_the_case_clocks_in_place(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    (case_id,) = seeded.open_case("cust-L4", "slow", "S3", "ticket").cases
    window.detail.show_case(case_id)
    table = window.detail.clocks
    first, widths = table.item(0, 4), [table.columnWidth(c) for c in range(table.columnCount())]
    before = first.text()
    clock.advance(timedelta(seconds=61))
    window.ticker.fire()
    assert table.item(0, 4) is first and first.text() != before  # the same cell, a new value
    assert [table.columnWidth(c) for c in range(table.columnCount())] == widths
