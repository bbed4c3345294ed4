"""A database that cannot be opened: a dialog with the ways out, each of which works (no traceback)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store import backup
from desk.store.backup import BackupInfo
from desk.store.engine import StoreError, open_store
from tests.helpers import seed_customers
from ui import app as ui_app
from ui.startup import StartupProblem, WayOut


def _stop(started: ui_app.Started | None) -> None:
    assert started is not None
    started.window.ticker.stop()
    started.window.sync.timer.stop()
    started.stop()
    started.window.close()
    started.window.deleteLater()


@pytest.fixture
def good_db(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Path:
    path = tmp_path / "desk.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock)
    desk = Desk(store, catalogs, clock)
    seed_customers(desk)
    desk.open_case("cust-L3", "数据库连接失败", "S2", "ticket", ref="KEEP-1")
    store.close()
    return path


def argv(tmp_path: Path, db: Path) -> list[str]:
    return ["--db", f"sqlite:///{db}", "--settings", str(tmp_path / "gui.ini"), "--language", "en"]


def test_the_dialog_offers_the_ways_out(qtbot: QtBot, tmp_path: Path) -> None:
    infos = [
        BackupInfo(tmp_path / f"desk-2026112{n}T000000Z-daily.sqlite", f"2026112{n}T000000Z", "daily") for n in (1, 2)
    ]
    dialog = StartupProblem("desk.sqlite is damaged: restore a backup", infos, can_read_only=True)
    qtbot.addWidget(dialog)
    assert "restore a backup" in dialog.message.text()
    assert dialog.backups.count() == 2 and "20261122" in dialog.backups.item(0).text()  # newest first
    dialog.restore_button.click()
    assert (dialog.choice, dialog.backup) == (WayOut.RESTORE, infos[1].path)
    dialog = StartupProblem("read-only", [], can_read_only=True)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isVisibleTo(dialog)
    dialog.read_only_button.click()
    assert dialog.choice is WayOut.READ_ONLY


def test_restore_a_backup_of_a_damaged_file_then_start(
    qtbot: QtBot, tmp_path: Path, good_db: Path, clock: FakeClock
) -> None:
    taken = backup.take(good_db, good_db.parent / "backups", clock.now())
    junk = b"not a database, a colleague's download" * 200
    good_db.write_bytes(junk)
    for suffix in ("-wal", "-shm"):
        Path(f"{good_db}{suffix}").unlink(missing_ok=True)
    asked: list[str] = []

    def ask(message: str, db: Path | None, can_read_only: bool) -> tuple[WayOut, Path | None]:
        asked.append(message)
        return WayOut.RESTORE, taken

    started = ui_app.start_or_explain(argv(tmp_path, good_db), ask)
    try:
        assert len(asked) == 1 and str(good_db) in asked[0] and "backup" in asked[0]
        assert started is not None
        qtbot.waitUntil(lambda: not started.window.loading)
        assert "KEEP-1" in {started.window.model.entry(r).ref for r in range(started.window.model.rowCount())}
        kept = [b for b in backup.list_backups(good_db, good_db.parent / "backups") if "damaged" in b.reason]
        assert [b.path.read_bytes() for b in kept] == [junk]  # the damaged file is kept, byte for byte
    finally:
        _stop(started)


def test_quit_leaves_a_newer_database_untouched(tmp_path: Path, good_db: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(str(good_db))
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    before = good_db.read_bytes()
    messages: list[str] = []
    result = ui_app.start_or_explain(
        argv(tmp_path, good_db), lambda m, db, ro: (messages.append(m), (WayOut.QUIT, None))[1]
    )
    assert result is None
    assert "newer version" in messages[0] and str(good_db) in messages[0]
    assert good_db.read_bytes() == before


def test_open_read_only_or_another_file(
    qtbot: QtBot, tmp_path: Path, good_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = ui_app.open_store

    def refuse_writable(url: str, **kwargs: Any) -> Any:
        if not kwargs.get("read_only"):
            raise StoreError(f"{good_db} is read-only: open it read-only (--read-only) or copy it somewhere writable")
        return real_open(url, **kwargs)

    monkeypatch.setattr(ui_app, "open_store", refuse_writable)
    started = ui_app.start_or_explain(argv(tmp_path, good_db), lambda m, db, ro: (WayOut.READ_ONLY, None))
    try:
        assert started is not None and started.store.read_only
        assert "(read-only)" in started.window.windowTitle()
    finally:
        _stop(started)

    monkeypatch.setattr(ui_app, "open_store", real_open)
    other = tmp_path / "fresh.sqlite"
    calls = iter([StoreError("first try fails")])

    def fail_once(url: str, **kwargs: Any) -> Any:
        error = next(calls, None)
        if error is not None:
            raise error
        return real_open(url, **kwargs)

    monkeypatch.setattr(ui_app, "open_store", fail_once)
    started = ui_app.start_or_explain(argv(tmp_path, good_db), lambda m, db, ro: (WayOut.OTHER_FILE, other))
    try:
        assert started is not None and started.store.path == other
    finally:
        _stop(started)


def test_the_way_out_is_offered_in_the_agents_language(tmp_path: Path, good_db: Path) -> None:
    from PySide6.QtCore import QCoreApplication

    good_db.write_bytes(b"not a database" * 200)
    seen: list[tuple[str, str]] = []

    def ask(message: str, db: Path | None, can_read_only: bool) -> tuple[WayOut, Path | None]:
        title = QCoreApplication.translate("StartupProblem", "The desk cannot open its database")
        seen.append((title, message))
        return WayOut.QUIT, None

    args = ["--db", f"sqlite:///{good_db}", "--settings", str(tmp_path / "gui.ini"), "--language", "zh_CN"]
    assert ui_app.start_or_explain(args, ask) is None
    ((title, message),) = seen
    assert title != "The desk cannot open its database"  # the dialog's words are Chinese
    assert str(good_db) in message and not message.isascii()  # and so is the reason
    after = QCoreApplication.translate("StartupProblem", "The desk cannot open its database")
    assert after == "The desk cannot open its database"  # the translators are taken out again
