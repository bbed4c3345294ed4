"""A database damaged in its data pages: the window still opens, then says so plainly (no traceback)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.demo import generate
from desk.services import Desk
from desk.store.engine import open_store
from ui.main_window import MainWindow
from ui.settings import Settings


def test_page_damage_found_by_the_background_check_is_shown(
    qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    path = tmp_path / "damaged.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock)
    generate(Desk(store, catalogs, clock), cases=3000, open_cases=200, seed=1, now=clock.now())
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4096 * 3] = os.urandom(4096 * 3)  # three data pages of random bytes
    path.write_bytes(bytes(data))

    store = open_store(f"sqlite:///{path}", clock=clock, quick_check=False, daily_backup=False)
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(Desk(store, catalogs, clock), clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(window)
    window.loader.wait()
    qtbot.waitUntil(
        lambda: "damaged" in window.statusBar().currentMessage() or "cannot" in window.statusBar().currentMessage()
    )
    message = window.statusBar().currentMessage()
    assert str(path) in message and ("restore" in message.lower() or "backup" in message.lower())
    window.ticker.stop()
    window.sync.timer.stop()
    store.close()
