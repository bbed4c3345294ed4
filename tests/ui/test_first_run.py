"""First run: an empty database opens on the welcome page, whose three ways to start each work; Help > About."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desk import __version__
from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.firstrun import has_data
from desk.paths import APP_ID
from desk.services import Desk
from desk.store.engine import head_revision, open_store
from tests.helpers import seed_customers
from tests.ui.keyboard import type_text
from ui import app as ui_app
from ui import settings as keys
from ui.about_dialog import AboutDialog

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
CJK = re.compile(r"[\u3400-\u9fff]")


def argv(tmp_path: Path, db: Path, language: str = "en") -> list[str]:
    return ["--db", f"sqlite:///{db}", "--settings", str(tmp_path / "gui.ini"), "--language", language]


def _stop(started: ui_app.Started) -> None:
    started.window.ticker.stop()
    started.window.sync.timer.stop()
    started.stop()
    started.window.close()
    started.window.deleteLater()


@pytest.fixture
def empty(qtbot: QtBot, tmp_path: Path) -> Iterator[ui_app.Started]:
    """The desk started on a database file that did not exist yet."""
    started = ui_app.start(argv(tmp_path, tmp_path / "desk.sqlite"))
    qtbot.waitUntil(lambda: not started.window.loading)
    yield started
    _stop(started)


def interchange(catalogs: CatalogRegistry, bad_severity: bool) -> dict[str, list[dict[str, Any]]]:
    plan = catalogs.latest
    tier, severity = next(iter(plan.tiers)), next(iter(plan.severities))
    case = {
        "customer_id": "C-1",
        "description": "",
        "product": "ECS",
        "severity": severity,
        "channel": plan.default_channel,
        "opened_at": "2026-11-26T09:00:00+08:00",
        "status": "new",
        "assignee": "",
        "severity_changes": [],
    }
    second = "no-such-severity" if bad_severity else severity
    return {
        "customers": [{"id": "C-1", "name": "星河科技有限公司"}],
        "contracts": [{"id": "K-1", "customer_id": "C-1", "tier": tier, "start": "2026-01-01", "end": "2026-12-31"}],
        "cases": [
            {**case, "id": "CASE-1", "title": "数据库连接失败"},
            {**case, "id": "CASE-2", "title": "OSS 访问延迟", "severity": second},
        ],
        "quota_uses": [],
    }


def test_an_empty_database_opens_on_the_welcome_page(empty: ui_app.Started) -> None:
    window = empty.window
    assert window.showing_welcome() and window.welcome is not None
    for button in (window.welcome.import_button, window.welcome.demo_button, window.welcome.server_button):
        assert button.isVisible() and button.isEnabled() and button.accessibleName()


def test_the_window_names_its_desktop_file(empty: ui_app.Started) -> None:
    assert QGuiApplication.desktopFileName() == APP_ID  # the .desktop file's name: its icon and menu entry


def test_a_database_with_data_opens_on_the_queue(
    qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    db = tmp_path / "desk.sqlite"
    store = open_store(f"sqlite:///{db}", clock=clock)
    seed_customers(Desk(store, catalogs, clock))
    store.close()
    started = ui_app.start(argv(tmp_path, db))
    try:
        assert not started.window.showing_welcome() and started.window.welcome is None
    finally:
        _stop(started)


def test_an_import_with_one_bad_row_writes_nothing_and_names_the_row(
    qtbot: QtBot, empty: ui_app.Started, tmp_path: Path, catalogs: CatalogRegistry
) -> None:
    page = empty.window.welcome
    assert page is not None
    source = tmp_path / "from-the-old-tool.json"
    source.write_text(json.dumps(interchange(catalogs, bad_severity=True), ensure_ascii=False), encoding="utf-8")
    page.import_button.click()
    dialog = page.import_dialog
    assert dialog is not None and dialog.file_dialog is not None
    dialog.file_dialog.selectFile(str(source))
    dialog.file_dialog.accept()
    qtbot.waitUntil(lambda: dialog.worker is not None and dialog.worker.isFinished() and dialog.busy.isHidden())
    said = dialog.details.toPlainText()
    assert "Nothing was imported" in dialog.summary.text()
    assert "from-the-old-tool.json" in said and "cases row 2" in said and "severity" in said, said
    assert not dialog.import_button.isEnabled()
    assert not has_data(empty.store)  # all or nothing: the good customer and case were not written
    assert empty.window.showing_welcome()

    source.write_text(json.dumps(interchange(catalogs, bad_severity=False), ensure_ascii=False), encoding="utf-8")
    dialog.check([source])
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert not has_data(empty.store)  # the preview wrote nothing
    dialog.import_button.click()
    qtbot.waitUntil(lambda: not empty.window.showing_welcome())  # there is data now: the queue
    qtbot.waitUntil(lambda: empty.window.model.rowCount() == 2)
    assert "2 cases" in empty.window.statusBar().currentMessage()


def test_open_a_demo_database_switches_to_it(qtbot: QtBot, empty: ui_app.Started) -> None:
    old = empty.window
    assert old.welcome is not None
    old.welcome.demo_button.click()
    assert old.welcome.busy.isVisible() and not old.welcome.import_button.isEnabled()
    qtbot.waitUntil(lambda: empty.window is not old, timeout=60_000)
    qtbot.waitUntil(lambda: not empty.window.loading, timeout=30_000)
    assert not empty.window.showing_welcome()
    assert empty.window.model.rowCount() > 100
    demo = Path(os.environ["DESK_DATA_DIR"]) / "desk-demo.sqlite"
    assert demo.exists() and empty.store.path == demo
    assert empty.settings.text(keys.DB_URL) == f"sqlite:///{demo}"  # the next start opens it too


def test_a_server_that_cannot_be_reached_is_named_and_nothing_is_saved(qtbot: QtBot, empty: ui_app.Started) -> None:
    window = empty.window
    assert window.welcome is not None
    dialog = window.welcome.open_server_dialog()
    type_text(qtbot, dialog.url, "db.example.com/desk")
    dialog.connect_button.click()
    assert "is not the address of a PostgreSQL server" in dialog.message.text()

    dialog.url.clear()
    type_text(qtbot, dialog.url, "postgresql://agent:s3cret@127.0.0.1:1/desk")  # nothing listens on port 1
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: "could not connect" in dialog.message.text(), timeout=15_000)
    said = dialog.message.text()
    assert "127.0.0.1" in said and "Nothing was saved" in said
    assert "s3cret" not in said
    assert dialog.isVisible() and dialog.connect_button.isEnabled()
    assert empty.settings.text(keys.DB_URL) == ""
    assert empty.window is window and empty.store.path is not None  # still on the same file
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel).click()


@pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_a_reachable_server_is_saved_and_used(qtbot: QtBot, empty: ui_app.Started) -> None:
    old = empty.window
    assert old.welcome is not None
    dialog = old.welcome.open_server_dialog()
    dialog.url.setText(PG_URL)
    dialog.connect_button.click()
    qtbot.waitUntil(lambda: empty.window is not old, timeout=15_000)
    assert empty.store.path is None
    assert empty.settings.text(keys.DB_URL) == make_url(PG_URL)._replace(password=None).render_as_string(False)
    about = empty.window.open_about()
    assert "***" in about.database.text() or "@" not in PG_URL


def test_about_shows_version_database_revision_plans_and_backups(
    qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    db = tmp_path / "desk.sqlite"
    store = open_store(f"sqlite:///{db}", clock=clock)
    seed_customers(Desk(store, catalogs, clock))
    store.close()
    started = ui_app.start(argv(tmp_path, db))  # the day's first open takes a backup, after the first paint
    try:
        qtbot.waitUntil(lambda: started.backup is not None and started.backup.isFinished(), timeout=10_000)
        help_menu = started.window._menus["help"]
        (action,) = [a for a in help_menu.actions() if a.text().startswith("&About")]
        action.trigger()
        qtbot.waitUntil(lambda: started.window.findChild(AboutDialog) is not None)
        about = started.window.findChild(AboutDialog)
        assert about.version.text() == __version__
        assert str(db) in about.database.text()
        assert head_revision() in about.revision.text() and "current" in about.revision.text()
        for version in catalogs.versions():
            assert version in about.plans.text()
        assert str(db.parent / "backups") in about.backups.text() and "1 backup" in about.backups.text()
        about.close()
    finally:
        _stop(started)


def test_the_welcome_page_and_about_speak_chinese(qtbot: QtBot, tmp_path: Path) -> None:
    started = ui_app.start(argv(tmp_path, tmp_path / "desk.sqlite", language="zh_CN"))
    try:
        page = started.window.welcome
        assert page is not None
        for button in (page.import_button, page.demo_button, page.server_button):
            assert CJK.search(button.text()) and CJK.search(button.accessibleName()), button.text()
        dialog = page.open_server_dialog()
        dialog.url.setText("mysql://db/desk")
        dialog.connect_button.click()
        assert CJK.search(dialog.message.text()) and "mysql://db/desk" in dialog.message.text()
        dialog.reject()
        about = started.window.open_about()
        assert CJK.search(about.windowTitle()) and CJK.search(about.revision.text())
        assert "阿里云" in about.plans.text()  # the plan's own Chinese name
        about.close()
    finally:
        _stop(started)
