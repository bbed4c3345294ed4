"""The composition root: QApplication, settings, translations, store, clock, services, the window.

``desk-gui [--db URL] [--read-only] [--language en|zh_CN] [--agent NAME] [--settings FILE]``
(also ``python -m ui``). A database that cannot be opened is explained in a dialog whose buttons are the
ways out: restore one of its backups, open it read-only, choose another file, or quit.

The day's automatic backup starts after the window's first paint, on a worker thread (the status bar
shows it). For the start-up benchmark only: with ``DESK_EXIT_AFTER_FIRST_PAINT=1`` the window prints
``first-paint SECONDS`` (``time.monotonic()``, the clock a parent process measures with) once its first
rows are painted, and quits.
"""

from __future__ import annotations

# isort: off
# The core, and SQLAlchemy under it, before Qt: once imported, PySide6 reads the source of every module
# imported after it (looking for its ``__feature__`` switches), a fifth of a second or more at each start.
import desk.credentials
import desk.queue_plain
import desk.replica.link
import desk.services  # noqa: F401

# isort: on
import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from desk import __version__
from desk.catalog import CatalogError, CatalogRegistry, default_catalog_dir
from desk.clock import SystemClock
from desk.credentials import Passwords
from desk.firstrun import shown_url
from desk.paths import APP_ID, default_db_url
from desk.replica.link import is_server_url, open_replica, shown
from desk.services import Desk
from desk.store.backup import BackupError, list_backups, restore
from desk.store.engine import Store, StoreError, keep_backups_setting, open_store, sqlite_file
from ui import settings as keys
from ui.backup_task import BackupStatus, DailyBackup, FirstPaint
from ui.connecting import Connector, open_turning
from ui.errors import error_text
from ui.i18n import install, system_language
from ui.main_window import MainWindow
from ui.plain import message_box
from ui.server_dialog import remember
from ui.settings import Settings
from ui.startup import StartupProblem, WayOut
from ui.text import set_display_zone

# A team server's replica and its sync (pushing, pulling, conflicts) are imported only for a server's URL.
if TYPE_CHECKING:
    from ui.replica_conflicts import ConflictsDialog
    from ui.replica_status import ReplicaSync


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="desk-gui", description="The agent's window of the desk.")
    parser.add_argument("--version", action="version", version=f"desk-gui {__version__}")
    parser.add_argument("--db", help="database URL (default: $DESK_DB_URL, the setting, or the user data folder)")
    parser.add_argument("--language", choices=("en", "zh_CN"), help="user interface language")
    parser.add_argument("--agent", help="my agent name (default: the setting, or the login name)")
    parser.add_argument("--settings", help="settings file (INI) instead of the platform's place ($DESK_SETTINGS)")
    parser.add_argument("--read-only", action="store_true", help="open the database read-only (nothing is changed)")
    return parser.parse_args(list(argv))


@dataclass
class Started:
    """What ``start`` built; ``stop`` undoes it (``main`` runs the event loop in between)."""

    app: QApplication
    window: MainWindow
    store: Store
    translators: list[QTranslator]
    settings: Settings
    catalogs: CatalogRegistry
    read_only: bool = False
    backup: DailyBackup | None = None
    # A team server's URL and this workstation's replica of it (None: a local database).
    server_url: str = ""
    replica: Path | None = None
    replica_sync: ReplicaSync | None = None
    passwords: Passwords = field(default_factory=Passwords)
    connector: Connector[Store] | None = None  # a database being opened to switch to

    def stop(self) -> None:
        self.stop_replica_sync()
        if self.backup is not None:
            self.backup.stop()
        self.window.save_settings()
        self.window.loader.wait(30)
        self.window.stop_timers()
        self.window.sync.wait(30)  # a poll still asking the server holds a connection of the store
        for translator in self.translators:
            self.app.removeTranslator(translator)
        self.store.close()

    def show_window(self, language: str, agent: str) -> MainWindow:
        """Build and show the window over the open store (at start, and again after a settings change)."""
        clock = SystemClock()
        window = MainWindow(Desk(self.store, self.catalogs, clock, actor=agent), clock, self.settings, language, agent)
        if self.read_only:
            window.setWindowTitle(window.windowTitle() + " " + QCoreApplication.translate("App", "(read-only)"))
        window.settings_applied.connect(self.apply_settings)
        window.database_chosen.connect(self.switch_database)
        if self.replica is not None and not self.read_only:
            self.start_replica_sync(window, agent)
            window.detail.conflict_resolution_requested.connect(
                lambda case_id: self.show_conflicts(window, agent, case_id)
            )
        window.show()
        return window

    def start_replica_sync(self, window: MainWindow, agent: str) -> None:
        """Online / offline, writes waiting and the last sync in the status bar; a sync every few seconds."""
        from ui.replica_status import ReplicaIndicator, ReplicaSync

        assert self.replica is not None
        self.stop_replica_sync()
        indicator = ReplicaIndicator(window)
        window.statusBar().addPermanentWidget(indicator)
        window.statusBar().addPermanentWidget(indicator.resolve_button)
        indicator.resolve_button.clicked.connect(lambda: self.show_conflicts(window, agent))
        self.replica_sync = ReplicaSync(self.server_url, self.replica, self.catalogs, agent, SystemClock(), window)
        self.replica_sync.status.connect(indicator.show_status)
        self.replica_sync.status.connect(self.carry_on_offline)
        if self.store.is_sqlite:  # the window works on the replica: cases pulled into it are shown again
            self.replica_sync.pulled.connect(window.sync.changed)
            # Colleagues' changes pulled as soon as the server announces them, the agent's own pushed at once.
            sync = self.replica_sync
            sync.listen(replica_ready=True)  # the window opened (and upgraded) it: targeted pulls at once
            window.ops.changed.connect(lambda _changes: sync.run_soon())
        self.replica_sync.start()

    def show_conflicts(self, window: MainWindow, agent: str, case_id: object = None) -> ConflictsDialog:
        """The conflicts to resolve (the case's first, if one is given); each choice is written where the
        window works, then synced."""
        from ui.replica_conflicts import ConflictsDialog

        assert self.replica is not None
        dialog = ConflictsDialog(self.replica, self.store, SystemClock(), self.catalogs, agent, window)
        dialog.select_case(case_id)
        dialog.resolved.connect(lambda changes: window.sync.changed.emit(changes.cases))
        dialog.finished.connect(lambda _result: self.replica_sync.run_now() if self.replica_sync else None)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def carry_on_offline(self, status: object) -> None:
        """The server went away while the window worked on it: carry on on the replica, if it was synced."""
        from desk.replica.sync import ReplicaStatus

        if not isinstance(status, ReplicaStatus) or status.online or status.last_sync_at is None:
            return
        if self.store.is_sqlite or self.replica is None:
            return  # already on the replica
        try:
            replica = open_replica(self.replica, SystemClock())
        except StoreError:
            return  # the indicator says offline; the window stays as it is
        old, old_store = self.window, self.store
        old.save_settings()
        old.loader.wait(30)
        old.stop_timers()
        self.stop_replica_sync()
        self.store = replica
        self.window = self.show_window(old.language, old.agent)
        old.close()
        old.deleteLater()
        old_store.close()

    def stop_replica_sync(self) -> None:
        if self.replica_sync is not None:
            self.replica_sync.stop()
            self.replica_sync = None

    def back_up_after_first_paint(self) -> None:
        """The day's automatic backup, once the window's rows are on screen (never before: it can take a minute)."""
        store = self.store
        if store.read_only or store.path is None or store.backup_dir is None:
            return
        status = BackupStatus(self.window)

        def begin() -> None:
            if self.store is not store or (self.backup is not None and self.backup.isRunning()):
                return  # another database was opened meanwhile, or a backup is still copying
            assert store.path is not None and store.backup_dir is not None
            self.backup = DailyBackup(store.path, store.backup_dir, store.clock.now(), keep_backups_setting(), self.app)
            status.follow(self.backup)
            self.backup.start()

        FirstPaint(self.window, begin)

    def apply_settings(self) -> None:
        """Language and agent name take effect at once: the window is rebuilt in the new language."""
        old = self.window
        old.save_settings()
        old.loader.wait(30)
        old.stop_timers()
        self.stop_replica_sync()
        for translator in self.translators:
            self.app.removeTranslator(translator)
        language = self.settings.text(keys.LANGUAGE) or system_language()
        self.translators = install(self.app, language)
        set_display_zone(self.settings.text(keys.DISPLAY_ZONE))
        self.window = self.show_window(language, self.settings.text(keys.AGENT) or getpass.getuser())
        old.close()
        old.deleteLater()

    def switch_database(self, url: str) -> None:
        """Use another database (a demo just made, a team server just tested): a new store and window on it,
        and the setting saved so the desk starts there next time. If it cannot be opened, nothing changes.

        The database is opened on a worker thread (a server may take seconds to answer, or never): the
        window keeps working meanwhile and says so in its status bar."""
        if self.connector is not None and self.connector.running:
            return  # one switch at a time
        window = self.window
        connector: Connector[Store] = Connector(window)
        self.connector = connector
        window.statusBar().showMessage(
            QCoreApplication.translate("App", "Opening %1…").replace("%1", shown_url(url)), 30_000
        )

        def failed(exc: Exception) -> None:
            if not isinstance(exc, StoreError):
                raise exc
            window.statusBar().clearMessage()
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("App", "The desk cannot use this database"),
                error_text(exc),
                QMessageBox.StandardButton.Ok,
                window,
            )
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

        connector.run(
            lambda: open_store(url, clock=SystemClock(), quick_check=False, daily_backup=False),
            lambda store: self._switch_to(url, store),
            failed,
        )

    def _switch_to(self, url: str, store: Store) -> None:
        kept, saved = remember(url, self.passwords)  # the settings file never holds the password
        self.settings.set_text(keys.DB_URL, kept)
        self.settings.sync()
        old, old_store = self.window, self.store
        old.save_settings()
        old.loader.wait(30)
        old.stop_timers()
        self.stop_replica_sync()
        self.server_url, self.replica = "", None  # a database chosen in the window is used directly
        old.sync.wait(30)
        self.store, self.read_only = store, False
        self.window = self.show_window(old.language, old.agent)
        for warning in store.warnings:
            self.window.statusBar().showMessage(warning, 30_000)
        if saved is not None and saved.file is not None:
            note = QCoreApplication.translate(
                "App", "No system keyring on this computer (%1): the password is kept in %2, readable only by you."
            )
            title = QCoreApplication.translate("App", "Password kept in a file")
            box = message_box(
                QMessageBox.Icon.Information,
                title,
                note.replace("%1", saved.keyring_problem).replace("%2", str(saved.file)),
                self.window,
            )
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        if self.backup is not None:
            self.backup.stop()  # the old database's copy; the new one's starts after the new window paints
            self.backup = None
        self.back_up_after_first_paint()
        old.close()
        old.deleteLater()
        old_store.close()


def start(argv: Sequence[str]) -> Started:
    """The composition root: settings, translations, store, clock and services, the window (shown)."""
    args = parse_args(argv)
    # Worker threads (the queue's load, reads, the writer) run Python beside the GUI thread. Each time the
    # GUI thread comes back into Python (every cell it paints) it may wait for the GIL up to this interval
    # (5 ms by default): a 1 ms interval keeps a repaint during a long load from crawling.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setOrganizationName("support-desk")
    app.setApplicationName("desk")
    QGuiApplication.setDesktopFileName(APP_ID)  # Wayland and X11 match the window to its .desktop file and icon
    settings_file = args.settings or os.environ.get("DESK_SETTINGS")
    qsettings = QSettings(settings_file, QSettings.Format.IniFormat) if settings_file else QSettings()
    settings = Settings(qsettings)
    language = args.language or settings.text(keys.LANGUAGE) or system_language()
    translators = install(app, language)
    set_display_zone(settings.text(keys.DISPLAY_ZONE))
    passwords = Passwords()
    kept, saved = remember(settings.text(keys.DB_URL), passwords)
    if saved is not None:  # a password an older desk wrote into the settings file: moved out of it
        settings.set_text(keys.DB_URL, kept)
        settings.sync()
    url = passwords.complete(database_url(args, settings))
    clock = SystemClock()
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    try:
        # The queue loader runs SQLite's page check, and the daily backup runs after the first paint,
        # both off the GUI thread.
        if is_server_url(url):  # local first: the replica once synced, so the network never blocks the window
            from desk.replica.sync import open_for_window

            # Before the first sync, the server: reached on a worker while the event loop turns (never a frozen start).
            store, replica = open_turning(lambda: open_for_window(url, clock, read_only=args.read_only), shown(url))
        else:
            store = open_store(url, clock=clock, quick_check=False, read_only=args.read_only, daily_backup=False)
            replica = None
    except StoreError:
        for translator in translators:
            app.removeTranslator(translator)
        raise
    agent = args.agent or settings.text(keys.AGENT) or getpass.getuser()
    started = Started(
        app, cast(MainWindow, None), store, translators, settings, catalogs, args.read_only, passwords=passwords
    )
    started.server_url, started.replica = (url, replica) if replica is not None else ("", None)
    started.window = started.show_window(language, agent)
    for warning in store.warnings:
        started.window.statusBar().showMessage(warning, 30_000)
    started.back_up_after_first_paint()
    if os.environ.get("DESK_EXIT_AFTER_FIRST_PAINT") == "1":
        FirstPaint(started.window, lambda: _exit_after_first_paint(app))
    return started


def _exit_after_first_paint(app: QApplication) -> None:
    """The start-up benchmark's end: when the first rows are painted, say so and quit."""
    print(f"first-paint {time.monotonic():.6f}", flush=True)
    app.quit()


def database_url(args: argparse.Namespace, settings: Settings) -> str:
    return str(args.db or os.environ.get("DESK_DB_URL") or settings.text(keys.DB_URL) or default_db_url())


def ask_way_out(message: str, db: Path | None, can_read_only: bool) -> tuple[WayOut, Path | None]:
    """Show the problem; the agent's choice and, for a restore, the backup to restore."""
    backups = list_backups(db, db.parent / "backups") if db is not None else []
    dialog = StartupProblem(message, backups, can_read_only)
    dialog.exec()
    chosen = dialog.backup
    if dialog.choice is WayOut.OTHER_FILE:
        name, _ = QFileDialog.getSaveFileName(
            None,
            QCoreApplication.translate("App", "Open or create a desk database"),
            str(db.parent if db is not None else Path.home()),
            QCoreApplication.translate("App", "Desk databases (*.sqlite *.db);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        chosen = Path(name) if name else None
    return dialog.choice, chosen


AskWayOut = Callable[[str, "Path | None", bool], "tuple[WayOut, Path | None]"]


def start_or_explain(argv: Sequence[str], ask: AskWayOut | None = None) -> Started | None:
    """``start``, and while the database cannot be opened, the agent's way out; None when they quit."""
    ask = ask or ask_way_out
    args = list(argv)
    while True:
        try:
            return start(args)
        except CatalogError as exc:
            title = QCoreApplication.translate("App", "The desk cannot start")
            message_box(QMessageBox.Icon.Critical, title, error_text(exc)).exec()
            return None
        except StoreError as exc:
            parsed = parse_args(args)
            settings_file = parsed.settings or os.environ.get("DESK_SETTINGS")
            qsettings = QSettings(settings_file, QSettings.Format.IniFormat) if settings_file else QSettings()
            url = database_url(parsed, Settings(qsettings))
            db = sqlite_file(url)
            # ``start`` took its translators out again: the way out is offered in the agent's language too.
            app = QCoreApplication.instance()
            language = parsed.language or Settings(qsettings).text(keys.LANGUAGE) or system_language()
            translators = install(app, language) if app is not None else []
            try:
                choice, chosen = ask(error_text(exc), db, db is not None and not parsed.read_only)
            finally:
                for translator in translators:
                    QCoreApplication.removeTranslator(translator)
            if choice is WayOut.QUIT:
                return None
            if choice is WayOut.READ_ONLY:
                args = [*args, "--read-only"]
            elif choice is WayOut.OTHER_FILE and chosen is not None:
                args = [a for a in _without_db(args)] + ["--db", f"sqlite:///{chosen}"]
            elif choice is WayOut.RESTORE and chosen is not None and db is not None:
                try:
                    restore(chosen, db, db.parent / "backups", SystemClock().now())
                except BackupError as failure:
                    title = QCoreApplication.translate("App", "Not restored")
                    message_box(QMessageBox.Icon.Warning, title, error_text(failure)).exec()


def _without_db(args: list[str]) -> list[str]:
    kept, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("--db="):
            kept.append(arg)
    return kept


def main(argv: Sequence[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    parse_args(args)  # --help, --version and bad arguments answer before Qt needs a display
    QApplication.instance() or QApplication([sys.argv[0]])
    started = start_or_explain(args)
    if started is None:
        return 1
    try:
        return started.app.exec()
    finally:
        started.stop()


if __name__ == "__main__":
    sys.exit(main())
