"""Work on the database off the GUI thread: one writer (SQLite has one), readers beside it, answers in the GUI thread.

The window never waits on the database: a write or a read is handed to a worker thread with what to do
with its answer, and the answer (or the refusal) comes back to the GUI thread in order. Each job opens
its own session (``Store.read`` / ``Store.write``), so no session is ever shared between threads.

Finished jobs are queued under a lock and the GUI thread is woken by one argument-free signal per
batch, not one signal per result carrying Python objects across threads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal

T = TypeVar("T")
SLOW_MS = 400  # work that lasts longer than this shows that it is under way
READERS = 2


class Tasks(QObject):
    """Runs functions on a writer thread (one at a time, in the order given) or on reader threads."""

    busy_changed = Signal(bool)  # work is under way (True, once it has lasted SLOW_MS) or all done (False)
    _ready = Signal()  # answers are waiting in ``_done``

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="desk-writer")
        self._readers = ThreadPoolExecutor(max_workers=READERS, thread_name_prefix="desk-reader")
        self._lock = threading.Lock()
        self._done: list[Callable[[], None]] = []
        self._ready.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.pending = 0
        self._closed = False
        self._shown = False
        self._slow = QTimer(self)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_MS)
        self._slow.timeout.connect(self._show_busy)

    def write(self, work: Callable[[], T], done: Callable[[T], object], failed: Callable[[Exception], object]) -> None:
        """Run ``work`` on the writer thread, after every write given before it."""
        self._submit(self._writer, work, done, failed)

    def read(
        self,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object] | None = None,
        *,
        own_progress: bool = False,
    ) -> None:
        """Run ``work`` on a reader thread (reads never wait for the writer: SQLite's WAL lets them run beside it).

        ``own_progress``: the asker shows its own progress (a dialog reading what it shows): the read is not the
        window's work, so it neither counts in ``busy`` nor shows the window's indicator.
        """
        self._submit(self._readers, work, done, failed, counted=not own_progress)

    def busy(self) -> bool:
        return self.pending > 0

    def slow(self) -> bool:
        """Work has been under way for longer than a moment (``busy_changed`` said True)."""
        return self._shown

    def _submit(
        self,
        pool: ThreadPoolExecutor,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object] | None,
        counted: bool = True,
    ) -> None:
        if self._closed:
            return  # its window is gone (a load that finished after it closed asks for more): nothing to show
        if counted:
            self.pending += 1
            if self.pending == 1:
                self._slow.start()
        future = pool.submit(work)
        future.add_done_callback(lambda f: self._finished(f, done, failed, counted))

    def _finished(
        self,
        future: Future[T],
        done: Callable[[T], object],
        failed: Callable[[Exception], object] | None,
        counted: bool,
    ) -> None:
        """On the worker thread: queue the answer for the GUI thread (none once closed: its window is gone)."""
        if self._closed:
            return

        def answer() -> None:
            if counted:
                self.pending -= 1
            error = future.exception()
            if error is None:
                done(future.result())
            elif isinstance(error, Exception) and failed is not None:
                failed(error)
            else:
                raise error
            if counted and self.pending == 0:
                self._slow.stop()
                if self._shown:
                    self._shown = False
                    self.busy_changed.emit(False)

        with self._lock:
            self._done.append(answer)
        self._ready.emit()

    def _deliver(self) -> None:
        if self._closed:
            return
        with self._lock:
            answers, self._done = self._done, []
        for answer in answers:
            answer()

    def _show_busy(self) -> None:
        if self.pending:
            self._shown = True
            self.busy_changed.emit(True)

    def close(self) -> None:
        """The window is going: let the writes given finish (nothing asked for is lost; a write waits for
        SQLite's lock at most its busy timeout), cancel reads not started, drop every answer."""
        if self._closed:
            return
        self._closed = True
        self._slow.stop()
        self._readers.shutdown(wait=False, cancel_futures=True)
        self._writer.shutdown(wait=True)
        with self._lock:
            self._done.clear()
