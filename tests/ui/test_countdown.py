"""The countdown cell's words and bar for every clock state; keyboard paths through the window."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.calendars import AlwaysCalendar
from desk.clock import FakeClock
from desk.queue import QueueClock, load_open_queue
from desk.services import Desk
from tests.ui.windows import settled
from ui.countdown import look
from ui.main_window import MainWindow
from ui.new_case_dialog import NewCaseDialog
from ui.text import isolate

NOW = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)


def _clock(state: str, deadline: datetime | None = None, left_s: int | None = None) -> QueueClock:
    return QueueClock(
        "first_response", True, state, deadline, 2400, state == "paused", left_s, AlwaysCalendar(), 0.25, None
    )  # type: ignore[arg-type]


def test_words_for_each_state(qapp: object) -> None:
    clock = FakeClock(NOW)
    running = _clock("on_track", NOW + timedelta(minutes=12, seconds=4))
    assert look(running, 2, clock).text == "12 min 4 s"
    assert look(_clock("on_track", NOW + timedelta(hours=2, minutes=40)), 2, clock).text == "2 h 40 min"
    overdue = look(_clock("on_track", NOW - timedelta(seconds=5)), 2, clock)
    assert (overdue.state, overdue.text, overdue.fraction) == ("breached", "5 s overdue", 1.0)
    paused = look(_clock("paused", None, 4800), 3, clock)
    assert (paused.state, paused.text) == ("paused", "paused, 1 h 20 min left")
    for state, words in (("met", "met"), ("missed", "missed"), ("no_target", "no target"), ("pending", "pending")):
        value = look(_clock(state, NOW + timedelta(minutes=5)), 1, clock)
        assert (value.state, value.text, value.fraction) == (state, words, 0.0)  # never a fake countdown
    assert look(None, 1, clock).text == "no target"
    # Hue per severity, louder as the state worsens.
    assert look(running, 1, clock).bar.name() != look(running, 5, clock).bar.name()


def test_keyboard_new_case_and_next_breach(qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock) -> None:
    seeded.open_case("cust-L4", "calm", "S5", "ticket")
    seeded.open_case("cust-L3", "burning", "S1", "phone")
    seeded.open_case("cust-L2", "slow", "S2", "ticket")
    window.model.set_entries(load_open_queue(seeded))
    clock.advance(timedelta(minutes=15))  # S1 (12 min) breached, S2 (40 min) on track
    window.ticker.fire()
    window.queue.view.setFocus()
    qtbot.keyClick(window.queue.view, Qt.Key.Key_F8)
    settled(qtbot, window)  # the case pane is read off the GUI thread
    selected = window.queue.selected_case()
    assert selected is not None and window.model.entry(window.model.row_of(selected) or 0).title == "burning"
    assert window.detail.heading.text().endswith(isolate("burning"))
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.new_case_dialog, NewCaseDialog) and window.new_case_dialog.isVisible()
    window.new_case_dialog.reject()
    shortcuts = {a.text(): a.shortcut().toString() for m in window._menus.values() for a in m.actions()}
    assert shortcuts["Next &breach"] == "F8" and shortcuts["Record &response…"] == "Ctrl+R"
