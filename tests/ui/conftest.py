"""UI fixtures: settings in a temp INI file, the real window over the seeded desk (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.services import Desk
from tests.ui.windows import shown_window
from ui.main_window import MainWindow
from ui.settings import Settings

# The offscreen platform has no window manager; these are its notes about that, not faults of ours.
OFFSCREEN_NOTES = r"^This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the keyboard)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Every test, not only these: a window closed at the end of a UI test may deliver its platform note
    # while the next test (of any folder) runs.
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOTES))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "desk-gui.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, seeded, clock, settings) as win:
        yield win
