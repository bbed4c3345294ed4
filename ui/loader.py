"""Loads the open-case queue off the GUI thread (the one slow read at start); results come back queued."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal

from desk.queue import load_open_queue
from desk.services import Desk, DeskError
from ui.errors import error_text


class QueueLoader(QObject):
    loaded = Signal(object)  # list[QueueEntry], delivered in the GUI thread
    failed = Signal(str)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="queue-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._desk.store.quick_check()  # off the GUI thread: a big file must not delay the first rows
            entries = load_open_queue(self._desk)
        except DeskError as exc:
            self.failed.emit(error_text(exc))
            return
        self.loaded.emit(entries)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
