"""Every time the window shows names its zone, and the agent chooses the zone (File > Settings)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from ui.app import start
from ui.text import display_zone_name, local_time, set_display_zone, zone_label

WINTER = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 1, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def workstation_zone() -> Iterator[None]:
    yield
    set_display_zone("")


def test_times_carry_their_zone() -> None:
    set_display_zone("Asia/Shanghai")
    assert local_time(WINTER) == "2026-11-26 09:00 UTC+8"
    assert local_time(WINTER, zone=False) == "2026-11-26 09:00"
    set_display_zone("America/St_Johns")
    assert local_time(WINTER) == "2026-11-25 21:30 UTC-3:30"
    assert zone_label(SUMMER) == "UTC-2:30"  # the offset of the instant shown, DST included
    set_display_zone("UTC")
    assert local_time(WINTER) == "2026-11-26 01:00 UTC"


def test_an_unknown_zone_falls_back_to_the_workstations() -> None:
    set_display_zone("Mars/Olympus_Mons")
    assert display_zone_name() == ""
    assert local_time(WINTER).startswith(WINTER.astimezone().strftime("%Y-%m-%d %H:%M"))


def test_agent_picks_the_zone_in_settings_and_it_applies_at_once(tmp_path: Path, qtbot: QtBot) -> None:
    db = f"sqlite:///{tmp_path / 'gui.sqlite'}"
    started = start(["--db", db, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "gui.ini")])
    try:
        qtbot.waitUntil(lambda: not started.window.loading)
        dialog = started.window.open_settings()
        assert dialog.zone.itemData(1) == "Asia/Shanghai"  # the plan's own zone is offered first
        dialog.zone.setFocus()
        dialog.zone.lineEdit().selectAll()
        qtbot.keyClicks(dialog.zone.lineEdit(), "Asia/Kolkata")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not started.window.loading)
        assert display_zone_name() == "Asia/Kolkata"
        assert local_time(WINTER) == "2026-11-26 06:30 UTC+5:30"
        # A typed name that is no zone keeps the workstation's zone instead of failing.
        dialog = started.window.open_settings()
        assert dialog.zone.currentText() == "Asia/Kolkata"
        dialog.zone.lineEdit().selectAll()
        qtbot.keyClicks(dialog.zone.lineEdit(), "Nowhere")
        qtbot.keyClick(dialog.zone.lineEdit(), Qt.Key.Key_Tab)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: not started.window.loading)
        assert display_zone_name() == ""
    finally:
        started.stop()
