"""Loads the open-case queue off the GUI thread (the one slow read at start); results come back queued.

Everything the model would otherwise do on the GUI thread with 100,000 rows is done here too: each row's
schedule and the rows' order (``ui.queue_rows.prepare_columns``); the window only swaps them in.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from desk.queue import SortKey
from desk.queue_columns import QueueColumns
from desk.queue_order import RECENT_BREACH
from desk.queue_plain import read_open_columns
from desk.queue_slots import SlotSchedule
from desk.services import Desk, DeskError
from ui.errors import error_text
from ui.freed_memory import give_back_freed_memory
from ui.queue_rows import Prepared, prepare_columns

PAINT_WAIT_S = 1.0


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
        self._painted = threading.Event()
        self._search_timer = QTimer(self)  # the rows' search texts, built at idle once they are shown
        self._search_timer.setInterval(0)
        self._search_timer.timeout.connect(self._build_some_search)
        self._unsearched: QueueColumns | None = None

    def painted(self) -> None:
        """The window's first screen is painted (or it is not shown): the rows read so far may be decoded."""
        self._painted.set()

    def start(self) -> None:
        # Connected after the window's own slot: delivered after it, once the window has taken the rows.
        self.loaded.connect(self._build_search)
        self._thread = threading.Thread(target=self._run, name="queue-loader", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # The cyclic garbage collector would walk the growing heap again and again while the rows are built,
        # each time holding the GIL (the window frozen) for as long as the walk lasts. The rows live as long
        # as the window, so they are built without it and then frozen out of its walks for good.
        gc.disable()
        try:
            now = self._desk.clock.now()
            scheduled: list[SlotSchedule] = []

            def schedule(cols: QueueColumns) -> None:  # each stretch's rows while the next stretch is read
                if not scheduled or scheduled[0].cols is not cols:
                    scheduled[:] = [SlotSchedule(cols, self._grace)]
                scheduled[0].extend(now)

            # SQLite reads while the window is built; the rows are decoded once its first screen is painted, so
            # this thread's Python never delays that paint (nor waits for it for long: a window never painted).
            ready = partial(self._painted.wait, PAINT_WAIT_S)
            cols = read_open_columns(self._desk, now, self._grace, added=schedule, ready=ready)
            prepared = prepare_columns(cols, now, self._grace, self._column(), True, next(iter(scheduled), None))
        except DeskError as exc:
            self.failed.emit(error_text(exc))
            return
        finally:
            gc.freeze()
            gc.enable()
        give_back_freed_memory()  # the driver's rows, the transposing's tuples
        self.loaded.emit(prepared)
        # Then SQLite's page check of the whole file (at 1,000,000 cases it reads gigabytes: the rows are
        # shown meanwhile). Damage it finds is reported as a failed load is; a read of a damaged page of the
        # queue itself fails above with the same message.
        _lower_this_threads_priority()  # the check must not take the CPU from the window the agent now uses
        try:
            self._desk.store.quick_check()
        except DeskError as exc:
            self.failed.emit(error_text(exc))

    def _build_search(self, prepared: Prepared) -> None:
        """The search texts, built a few milliseconds at a time while the window is idle, on its thread (built
        on this one, each would wait for the other's interpreter lock); a search typed before they are all
        built builds the rest."""
        self._unsearched = prepared.columns
        self._search_timer.start()

    def _build_some_search(self) -> None:
        if self._unsearched is None or self._unsearched.build_search():
            self._search_timer.stop()
            self._unsearched = None

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


def _lower_this_threads_priority() -> None:
    """The lowest scheduling priority for the calling thread, where the system has one per thread (Linux)."""
    setpriority = getattr(os, "setpriority", None)
    if setpriority is None or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError):
        setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
