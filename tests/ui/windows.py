"""The agent's window as the tests open it: in a language, loaded, shown; timers and translators undone after."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from desk.clock import Clock
from desk.services import Desk
from ui.i18n import install
from ui.main_window import MainWindow
from ui.settings import Settings


def settled(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until what the window asked of its worker threads (writes, reads, a column's order) is shown."""
    qtbot.waitUntil(lambda: not window.busy())


def select(qtbot: QtBot, window: MainWindow, case_id: uuid.UUID) -> None:
    """Select a case in the queue and wait for the case and customer panes, which are read off the GUI thread."""
    assert window.queue.select_case(case_id)
    settled(qtbot, window)


@contextmanager
def shown_window(
    qtbot: QtBot, desk: Desk, clock: Clock, settings: Settings, language: str = "en", agent: str = "tester"
) -> Iterator[MainWindow]:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install(app, language) if language != "en" else []
    win = MainWindow(desk, clock, settings, language, agent, tray=False)
    qtbot.addWidget(win)
    try:
        qtbot.waitUntil(lambda: not win.loading)  # the queue loads off the GUI thread
        win.show()
        qtbot.waitExposed(win)
        yield win
    finally:
        win.stop_timers()
        for translator in translators:
            app.removeTranslator(translator)
