"""The day's automatic backup runs after the window's first paint, on a worker thread, shown in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store import backup
from desk.store.engine import open_store
from tests.helpers import seed_customers
from ui import app as ui_app
from ui.backup_task import BackupStatus, DailyBackup


@pytest.fixture
def db(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Path:
    path = tmp_path / "desk.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    desk = Desk(store, catalogs, clock)
    seed_customers(desk)
    for n in range(30):
        desk.open_case("cust-L3", f"case {n}: the database is slow", "S2", "ticket")
    store.close()
    return path


def _start(tmp_path: Path, db: Path) -> ui_app.Started:
    started = ui_app.start(["--db", f"sqlite:///{db}", "--settings", str(tmp_path / "gui.ini"), "--language", "en"])
    started.window.ticker.stop()
    started.window.sync.timer.stop()
    return started


def _stop(started: ui_app.Started) -> None:
    started.stop()
    started.window.close()
    started.window.deleteLater()


def _status(started: ui_app.Started) -> BackupStatus:
    return started.window.statusBar().findChild(BackupStatus)


def test_the_window_opens_before_the_daily_backup_then_it_is_taken_in_the_background(
    qtbot: QtBot, tmp_path: Path, db: Path
) -> None:
    started = _start(tmp_path, db)
    try:
        # The window is up with its rows, and nothing of the backup has started yet.
        assert started.window.isVisible() and started.window.model.rowCount() > 0
        assert started.backup is None and backup.list_backups(db, tmp_path / "backups") == []
        qtbot.waitUntil(lambda: started.backup is not None and started.backup.isFinished(), timeout=10_000)
        qtbot.waitUntil(lambda: _status(started).text() == "Backed up")
        assert _status(started).isVisible()
        (taken,) = backup.list_backups(db, tmp_path / "backups")
        assert taken.reason == "daily" and backup.check_file(taken.path) == "ok"
    finally:
        _stop(started)


def test_a_failing_daily_backup_is_a_warning_and_the_window_works_on(
    qtbot: QtBot, tmp_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*args: object, **kwargs: object) -> Path:
        raise backup.BackupError("cannot back up: database or disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    started = _start(tmp_path, db)
    try:
        bar = started.window.statusBar()
        qtbot.waitUntil(lambda: "automatic backup was not taken" in bar.currentMessage(), timeout=10_000)
        assert "disk is full" in bar.currentMessage()
        assert not _status(started).isVisible() and started.window.isVisible()
    finally:
        _stop(started)


def test_progress_is_shown_in_percent_then_backed_up(
    qtbot: QtBot, tmp_path: Path, db: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "STEP_PAGES", 4)  # a small file copied in many steps
    window = QMainWindow()
    qtbot.addWidget(window)
    status = BackupStatus(window)
    window.show()
    task = DailyBackup(db, tmp_path / "backups", clock.now(), 3)
    status.follow(task)
    shown: list[str] = []
    task.progressed.connect(lambda _percent: shown.append(status.text()))
    with qtbot.waitSignal(task.done, timeout=10_000) as done:
        task.start()
    task.wait()
    assert done.args == [True]
    assert len(shown) > 2 and shown[0].startswith("Backing up… ") and shown[-1] == "Backing up… 100%"
    assert status.text() == "Backed up"
    (taken,) = backup.list_backups(db, tmp_path / "backups")
    assert taken.taken_at == clock.now().strftime("%Y%m%dT%H%M%SZ")
    # Once taken today, a later start takes none.
    again = DailyBackup(db, tmp_path / "backups", clock.now(), 3)
    status.follow(again)
    with qtbot.waitSignal(again.done, timeout=10_000) as done:
        again.start()
    again.wait()
    assert done.args == [False] and not status.isVisible()
