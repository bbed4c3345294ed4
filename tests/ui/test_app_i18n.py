"""Languages (zh_CN and en complete, compiled ahead of time, Chinese in the window) and the entry point."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.services import Desk
from ui import settings as keys
from ui.app import main, start
from ui.i18n import install, translations_dir
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.startup import WayOut

ZH_TS = translations_dir() / "desk_zh_CN.ts"
UI_SOURCES = sorted(str(p) for p in (Path(__file__).resolve().parents[2] / "ui").rglob("*.py"))


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def test_zh_cn_is_complete() -> None:
    messages = _messages(ZH_TS)
    assert len(messages) > 150
    unfinished = [m.findtext("source") for m in messages if m.find("translation").get("type") is not None]  # type: ignore[union-attr]
    assert unfinished == []
    for message in messages:
        translation = message.find("translation")
        assert translation is not None
        text = translation.text if message.get("numerus") != "yes" else translation.findtext("numerusform")
        assert text, message.findtext("source")


def test_ts_sources_match_the_code(tmp_path: Path) -> None:
    """Every tr() string of ui/ is in the .ts (run `make translations` after changing wording)."""
    fresh = tmp_path / "fresh.ts"
    lupdate = "import sys; from PySide6.scripts.pyside_tool import lupdate; sys.exit(lupdate())"
    subprocess.run([sys.executable, "-c", lupdate, *UI_SOURCES, "-ts", str(fresh)], check=True, capture_output=True)
    wanted = {(m.findtext("source") or "") for m in _messages(fresh)}
    have = {(m.findtext("source") or "") for m in _messages(ZH_TS)}
    assert wanted - have == set()


def test_compiled_ahead_of_time_and_installed(qapp: QApplication) -> None:
    for ts in translations_dir().glob("*.ts"):  # `make qm` (or the wheel's build) compiled each source
        qm = ts.with_suffix(".qm")
        assert qm.exists() and qm.stat().st_mtime >= ts.stat().st_mtime, f"{qm}: run make qm"
    app = qapp
    translators = install(app, "zh_CN")
    try:
        assert QCoreApplication.translate("Labels", "breached") == "已超时"
        assert QCoreApplication.translate("QueuePanel", "%n open case(s)", "", 3) == "3 个未结案例"
    finally:
        for translator in translators:
            app.removeTranslator(translator)
    assert QCoreApplication.translate("Labels", "breached") == "breached"


def test_without_compiled_translations_the_window_speaks_english(
    tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "translations").mkdir()
    shutil.copy(ZH_TS, tmp_path / "translations" / "desk_zh_CN.ts")  # a source, but nothing compiled
    monkeypatch.setenv("DESK_RESOURCES", str(tmp_path))
    translators = install(qapp, "zh_CN")
    try:
        assert QCoreApplication.translate("Labels", "breached") == "breached"  # nothing compiled at run time
        assert not (tmp_path / "translations" / "desk_zh_CN.qm").exists()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)


def test_window_in_chinese(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> None:
    app = QCoreApplication.instance()
    assert app is not None
    translators = install(app, "zh_CN")
    try:
        window = MainWindow(seeded, clock, settings, "zh_CN", "测试", tray=False)
        qtbot.addWidget(window)
        assert window.menuBar().actions()[0].text() == "文件(&F)"
        dialog = window.new_case()
        assert dialog.severity.currentText() == "S3 业务受损"
        assert dialog.definition.text() == "客户业务的重要功能受损或降级。"
        dialog.reject()
        window.customer.show_customer("cust-L4")
        assert window.customer.info["tier"].text() == "L4 企业至尊级 / Enterprise Supreme"
    finally:
        for translator in translators:
            app.removeTranslator(translator)


def test_entry_point_opens_the_window_and_keeps_settings(tmp_path: Path, qtbot: QtBot) -> None:
    ini = tmp_path / "gui.ini"
    db = f"sqlite:///{tmp_path / 'gui.sqlite'}"
    started = start(["--db", db, "--language", "en", "--agent", "alice", "--settings", str(ini)])
    try:
        qtbot.addWidget(started.window)
        qtbot.waitUntil(lambda: not started.window.loading)
        assert started.window.isVisible()
        assert started.window.agent == "alice"
    finally:
        started.stop()
    saved = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    assert saved.blob(keys.WINDOW_GEOMETRY) is not None
    assert saved.blob(keys.QUEUE_HEADER) is not None


def test_language_and_agent_switch_at_once(tmp_path: Path, qtbot: QtBot) -> None:
    db = f"sqlite:///{tmp_path / 'gui.sqlite'}"
    started = start(["--db", db, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "gui.ini")])
    try:
        qtbot.waitUntil(lambda: not started.window.loading)
        old = started.window
        assert old.menuBar().actions()[0].text() == "&File"
        dialog = old.open_settings()
        dialog.language.setCurrentIndex(dialog.language.findData("zh_CN"))
        dialog.agent.setText("王伟")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
        assert started.window is not old
        qtbot.waitUntil(lambda: not started.window.loading)
        assert started.window.menuBar().actions()[0].text() == "文件(&F)"
        assert started.window.agent == "王伟" and started.window.desk.actor == "王伟"
        assert started.window.desk.store is started.store  # the same database, not reopened
    finally:
        started.stop()


def test_entry_point_refuses_a_damaged_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database")
    shown: list[str] = []

    def quit_at_once(message: str, db: Path | None, can_read_only: bool) -> tuple[WayOut, Path | None]:
        shown.append(message)
        return WayOut.QUIT, None

    monkeypatch.setattr("ui.app.ask_way_out", quit_at_once)
    assert main(["--db", f"sqlite:///{bad}", "--settings", str(tmp_path / "gui.ini")]) == 1
    assert shown and "not a desk database" in shown[0]
    assert bad.read_text() == "not a database"
