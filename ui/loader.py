"""Loads the open-case queue off the GUI thread (the one slow read at start); results come back queued.

Everything the model would otherwise do on the GUI thread with 100,000 rows is done here too: each row's
schedule and the rows' order (``ui.queue_rows.prepare``); the window only swaps them in.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, Signal

from desk.queue import SortKey, load_open_queue
from desk.queue_order import RECENT_BREACH
from desk.services import Desk, DeskError
from ui.errors import error_text
from ui.queue_rows import prepare


class QueueLoader(QObject):
    loaded = Signal(object)  # ui.queue_rows.Prepared, delivered in the GUI thread
    failed = Signal(str)

    def __init__(
        self,
        desk: Desk,
        parent: QObject | None = None,
        column: Callable[[], SortKey | None] = lambda: None,
        grace: timedelta = RECENT_BREACH,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._column, self._grace = column, grace  # the order the rows are shown in, when the load starts
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="queue-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # The cyclic garbage collector would walk the growing heap again and again while the rows are built,
        # each time holding the GIL (the window frozen) for as long as the walk lasts. The rows live as long
        # as the window, so they are built without it and then frozen out of its walks for good.
        # SQLite's page check of a big file reads all of it (seconds at a million cases) and waits in C, not
        # in Python: it runs beside the load, and the rows are shown only once it has passed.
        checked: list[DeskError] = []
        checker = threading.Thread(target=self._check, args=(checked,), name="queue-check", daemon=True)
        checker.start()
        gc.disable()
        try:
            now = self._desk.clock.now()
            prepared = prepare(
                load_open_queue(self._desk, now, grace=self._grace), now, self._grace, self._column(), True
            )
            checker.join()
            if checked:
                raise checked[0]
        except DeskError as exc:
            self.failed.emit(error_text(exc))
            return
        finally:
            gc.freeze()
            gc.enable()
        self.loaded.emit(prepared)

    def _check(self, failures: list[DeskError]) -> None:
        try:
            self._desk.store.quick_check()
        except DeskError as exc:
            failures.append(exc)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
