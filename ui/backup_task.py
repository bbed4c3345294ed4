"""The day's automatic backup, taken after the window's first paint on a worker thread, shown in the status bar.

The copy (``desk.store.backup.daily``) uses its own SQLite connection and copies in steps, so the window
never waits for it: the status bar shows "Backing up… N%", then "Backed up", or the failure as a warning
(the desk keeps working: reads must work during an incident on a full disk).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMainWindow

from desk.errors import DeskError
from desk.store.backup import BackupStopped, daily
from ui.errors import error_text

SHOWN_AFTER_MS = 15_000  # how long "Backed up" stays in the status bar
WARNING_MS = 30_000


class DailyBackup(QThread):
    """One daily backup on its own thread; progress and the outcome come back as queued signals."""

    progressed = Signal(int)  # percent copied
    done = Signal(bool)  # True: a backup was taken; False: none was due today
    failed = Signal(object)  # the BackupError (or StoreError) that stopped it

    def __init__(self, db: Path, backup_dir: Path, now: datetime, keep: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("daily-backup")
        self._db, self._dir, self._now, self._keep = db, backup_dir, now, keep
        self._stop = threading.Event()
        self._percent = -1

    def run(self) -> None:
        try:
            taken = daily(
                self._db, self._dir, self._now, keep=self._keep, progress=self._progress, stop=self._stop.is_set
            )
        except BackupStopped:
            return
        except DeskError as exc:
            self.failed.emit(exc)
            return
        self.done.emit(taken is not None)

    def _progress(self, copied: int, total: int) -> None:
        percent = copied * 100 // total if total else 100
        if percent != self._percent:  # one signal per percent, not per step
            self._percent = percent
            self.progressed.emit(percent)

    def stop(self) -> None:
        """Stop the copy at its next step (the partial file is removed) and wait for the thread."""
        self._stop.set()
        self.wait()


class BackupStatus(QLabel):
    """The status bar's word on the day's backup: hidden until a backup runs."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setAccessibleName(self.tr("Automatic backup"))
        self._window = window
        self._hide = QTimer(self)
        self._hide.setObjectName("backup-status-hide")
        self._hide.setSingleShot(True)
        self._hide.timeout.connect(self.hide)
        self.hide()
        window.statusBar().addPermanentWidget(self)

    def follow(self, task: DailyBackup) -> None:
        task.progressed.connect(self.show_progress)
        task.done.connect(self.show_done)
        task.failed.connect(self.show_failure)

    def show_progress(self, percent: int) -> None:
        self.setText(self.tr("Backing up… %1%").replace("%1", str(percent)))
        self.show()

    def show_done(self, taken: bool) -> None:
        if not taken:
            self.hide()
            return
        self.setText(self.tr("Backed up"))
        self.show()
        self._hide.start(SHOWN_AFTER_MS)

    def show_failure(self, exc: Exception) -> None:
        self.hide()
        detail = error_text(exc) if isinstance(exc, DeskError) else str(exc)
        text = self.tr("Today's automatic backup was not taken: %1").replace("%1", detail)
        self._window.statusBar().showMessage(text, WARNING_MS)


class FirstPaint(QObject):
    """Calls back once, just after ``widget`` is first painted (the window's rows are on screen)."""

    def __init__(self, widget: QObject, callback: Callable[[], None]) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)  # after this paint (and its children's) has finished
        return False
