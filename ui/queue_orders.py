"""Every column's order of the queue, prepared on a thread of its own once the whole queue is shown.

A column's first sort at 100,000 open cases costs a few tenths of a second of Python; prepared before the
agent asks (``desk.queue_sorting``), the first sort is a walk of an array like every later one.

Python threads share one interpreter lock, and the window comes back into Python for every cell it paints
and every key it handles: each time, it waits for the lock if the thread holds it. So the thread works
only while the window is idle: a timer on the GUI thread, which fires only when the event loop has nothing
else to do, lets it work for a few milliseconds at a time (``GRANT_S``), in steps of a few milliseconds. A
key press or a repaint then waits for at most what is left of one grant; a long piece of work on the GUI
thread stops the timer, and with it the thread. The model also holds it back while a filter walks the rows.

An order comes back (queued to the GUI thread) with the generation of the rows it was computed from: the
model keeps it only if its rows have not changed since.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from desk.queue import SortKey
from desk.queue_columns import QueueColumns
from desk.queue_sorting import ColumnSorter
from ui.queue_rows import Slots

BEAT_MS = 4  # the GUI thread's timer, while a preparation is under way
GRANT_S = 0.008  # how long the thread may work after each beat (two beats: a late timer does not stop it)


@dataclass(frozen=True)
class PreparedOrder:
    column: SortKey
    rows: Slots  # every row in the column's ascending order
    generation: int  # of the rows it was computed from (``QueueRows.generation``)


@dataclass
class _Job:
    cols: QueueColumns
    live: list[int]
    generation: int
    columns: list[SortKey]
    wanted: SortKey | None = None  # asked for by the agent: computed next
    cancelled: bool = False
    until: float = 0.0  # ``time.perf_counter()`` until which the thread may work
    go: threading.Event = field(default_factory=threading.Event)  # set on each grant


class OrderPreparer(QObject):
    """One preparation at a time; a new one (rows changed meanwhile) replaces the one under way."""

    ready = Signal(object)  # PreparedOrder, delivered in the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.quiet: Callable[[], bool] = lambda: True  # the window has no work of its own under way
        self._job: _Job | None = None
        self._thread: threading.Thread | None = None
        self._beat = QTimer(self)
        self._beat.setInterval(BEAT_MS)
        self._beat.timeout.connect(self._grant)

    def start(self, cols: QueueColumns, live: Sequence[int], generation: int, columns: Sequence[SortKey]) -> None:
        """Prepare these columns' orders of the rows ``live`` (taken on the GUI thread, at ``generation``)."""
        wanted = self._job.wanted if self._job is not None else None
        self.cancel()
        job = _Job(cols, list(live), generation, list(columns), wanted if wanted in columns else None)
        self._job = job
        self._thread = threading.Thread(target=self._run, args=(job,), name="queue-orders", daemon=True)
        self._thread.start()
        self._beat.start()

    def preparing(self, generation: int) -> bool:
        """The orders of the rows at ``generation`` are under way, or on their way to the GUI thread."""
        job = self._job
        return job is not None and job.generation == generation

    def want(self, column: SortKey) -> None:
        """The agent asked for this column: it comes next."""
        if self._job is not None:
            self._job.wanted = column

    def cancel(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancelled = True
            job.go.set()
        self._beat.stop()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _grant(self) -> None:
        job = self._job
        if job is None or not job.columns:
            self._beat.stop()
        elif self.quiet():
            job.until = time.perf_counter() + GRANT_S
            job.go.set()

    def _run(self, job: _Job) -> None:
        sorter: ColumnSorter | None = ColumnSorter(job.cols, job.live)
        while job.columns and sorter is not None:
            column = job.wanted if job.wanted in job.columns else job.columns[0]
            work = sorter.steps(column)
            while True:
                while time.perf_counter() >= job.until and not job.cancelled:
                    job.go.clear()  # a grant just missed is followed by the next beat's
                    job.go.wait(1.0)
                if job.cancelled:
                    return
                try:
                    next(work)
                except StopIteration as done:
                    rows: Slots = done.value
                    break
            if len(job.columns) == 1:
                # Its sort keys and folded texts are freed before the last order is sent: the model gives the
                # freed memory back to the system (on the GUI thread, where a collection may delete widgets).
                sorter = None
                del work
            try:
                self.ready.emit(PreparedOrder(column, rows, job.generation))
            except RuntimeError:  # the window (and this object) closed meanwhile
                return
            job.columns.remove(column)
