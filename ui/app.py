"""The composition root: QApplication, settings, translations, store, clock, services, the window.

``desk-gui [--db URL] [--language en|zh_CN] [--agent NAME] [--settings FILE]`` (also ``python -m ui``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from desk.catalog import CatalogError, CatalogRegistry, default_catalog_dir
from desk.clock import SystemClock
from desk.paths import default_db_url
from desk.services import Desk
from desk.store.engine import Store, StoreError, open_store
from ui import settings as keys
from ui.i18n import install, system_language
from ui.main_window import MainWindow
from ui.settings import Settings


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desk-gui", description="The agent's window of the desk.")
    parser.add_argument("--db", help="database URL (default: $DESK_DB_URL, the setting, or the user data folder)")
    parser.add_argument("--language", choices=("en", "zh_CN"), help="user interface language")
    parser.add_argument("--agent", help="my agent name (default: the setting, or the login name)")
    parser.add_argument("--settings", help="settings file (INI) instead of the platform's place ($DESK_SETTINGS)")
    return parser.parse_args(list(argv))


@dataclass
class Started:
    """What ``start`` built; ``stop`` undoes it (``main`` runs the event loop in between)."""

    app: QApplication
    window: MainWindow
    store: Store
    translators: list[QTranslator]

    def stop(self) -> None:
        self.window.save_settings()
        self.window.loader.wait(30)
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.store.close()


def start(argv: Sequence[str]) -> Started:
    """The composition root: settings, translations, store, clock and services, the window (shown)."""
    args = parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("support-desk")
    app.setApplicationName("desk")
    settings_file = args.settings or os.environ.get("DESK_SETTINGS")
    qsettings = QSettings(settings_file, QSettings.Format.IniFormat) if settings_file else QSettings()
    settings = Settings(qsettings)
    language = args.language or settings.text(keys.LANGUAGE) or system_language()
    translators = install(app, language)
    url = args.db or os.environ.get("DESK_DB_URL") or settings.text(keys.DB_URL) or default_db_url()
    clock = SystemClock()
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    store = open_store(url, clock=clock, quick_check=False)  # the queue loader runs it, off the GUI thread
    agent = args.agent or settings.text(keys.AGENT) or getpass.getuser()
    desk = Desk(store, catalogs, clock, actor=agent)
    window = MainWindow(desk, clock, settings, language, agent)
    window.show()
    return Started(app, window, store, translators)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        started = start(sys.argv[1:] if argv is None else argv)
    except (StoreError, CatalogError) as exc:
        QMessageBox.critical(None, QCoreApplication.translate("App", "The desk cannot start"), str(exc))
        return 1
    try:
        return started.app.exec()
    finally:
        started.stop()


if __name__ == "__main__":
    sys.exit(main())
