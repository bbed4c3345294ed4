"""Connecting the window to a team server: the password is never on screen nor in the settings file.

Runs when DESK_TEST_PG_URL names a server database the tests may wipe; skipped otherwise.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desk.credentials import Passwords
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.server import wipe_server
from tests.ui.keyboard import type_text
from tests.ui.test_startup import _stop, argv
from ui import app as ui_app
from ui import settings as keys

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def empty(qtbot: QtBot, tmp_path: Path) -> Iterator[ui_app.Started]:
    wipe_server(PG_URL)
    started = ui_app.start(argv(tmp_path, tmp_path / "desk.sqlite"))
    qtbot.waitUntil(lambda: not started.window.loading)
    yield started
    _stop(started)


def _connect(qtbot: QtBot, started: ui_app.Started) -> str:
    """Type the server's address with its password in it, as agents paste it; returns the password."""
    old = started.window
    assert old.welcome is not None
    dialog = old.welcome.open_server_dialog()
    password = make_url(PG_URL).password
    assert password
    type_text(qtbot, dialog.url, PG_URL)
    dialog.connect_button.click()
    assert make_url(dialog.url.text()).password is None  # moved out of sight at once
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.password.text() == password
    qtbot.waitUntil(lambda: started.window is not old, timeout=15_000)
    return str(password)


def test_the_password_goes_to_the_keyring_not_the_settings_file_and_the_next_start_finds_it(
    qtbot: QtBot, empty: ui_app.Started, tmp_path: Path, _memory_keyring: MemoryKeyring
) -> None:
    password = _connect(qtbot, empty)
    kept = empty.settings.text(keys.DB_URL)
    empty.settings.sync()
    assert make_url(kept).password is None and make_url(kept).host == make_url(PG_URL).host
    assert f":{password}@" not in (tmp_path / "gui.ini").read_text()
    assert password in _memory_keyring.saved.values()
    assert empty.store.path is None  # connected to the server
    assert Passwords().complete(kept) == make_url(PG_URL).render_as_string(hide_password=False)


def test_without_a_keyring_the_password_goes_to_a_file_only_the_agent_reads_and_the_window_says_so(
    qtbot: QtBot, empty: ui_app.Started, tmp_path: Path
) -> None:
    import keyring

    keyring.set_keyring(NoKeyring())
    password = _connect(qtbot, empty)
    assert f":{password}@" not in (tmp_path / "gui.ini").read_text()
    qtbot.waitUntil(lambda: empty.window.findChild(QMessageBox) is not None)
    said = empty.window.findChild(QMessageBox).text()
    assert "No system keyring" in said
    file = Path(os.environ["DESK_DATA_DIR"]) / "server-passwords.json"
    assert str(file) in said and f":{password}@" not in said
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    empty.window.findChild(QMessageBox).close()


def test_a_password_an_older_desk_wrote_into_the_settings_file_is_moved_to_the_keyring(
    qtbot: QtBot, tmp_path: Path, _memory_keyring: MemoryKeyring
) -> None:
    from PySide6.QtCore import QSettings

    ini = tmp_path / "gui.ini"
    old = QSettings(str(ini), QSettings.Format.IniFormat)
    old.setValue(keys.DB_URL.key, PG_URL)
    old.sync()
    del old
    started = ui_app.start(["--settings", str(ini), "--language", "en"])
    try:
        qtbot.waitUntil(lambda: not started.window.loading)
        assert started.store.path is None  # on the server, with the password from the keyring
        assert f":{make_url(PG_URL).password}@" not in ini.read_text()
    finally:
        _stop(started)
