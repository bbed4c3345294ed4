"""Every column's order of the queue, prepared on a thread of its own once the whole queue is shown.

A column's first sort at 100,000 open cases costs a few tenths of a second of Python; prepared before the
agent asks (``desk.queue_sorting``), the first sort is a walk of an array like every later one. The work
is short steps: the thread rests after each as long as the step took, so the window, which comes back
into Python for every cell it paints and waits for the interpreter lock each time, never waits for long.
An order comes back (queued to the GUI thread) with the generation of the rows it was computed from: the
model keeps it only if its rows have not changed since.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from desk.queue import SortKey
from desk.queue_columns import QueueColumns
from desk.queue_sorting import ColumnSorter
from ui.freed_memory import give_back_freed_memory
from ui.queue_rows import Slots


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
    cancelled: bool = field(default=False)


class OrderPreparer(QObject):
    """One preparation at a time; a new one (rows changed meanwhile) replaces the one under way."""

    ready = Signal(object)  # PreparedOrder, delivered in the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Between two steps, given how long the step took: the lock is left to the window that long.
        self.rest: Callable[[float], object] = time.sleep
        self._job: _Job | None = None
        self._thread: threading.Thread | None = None

    def start(self, cols: QueueColumns, live: Sequence[int], generation: int, columns: Sequence[SortKey]) -> None:
        """Prepare these columns' orders of the rows ``live`` (taken on the GUI thread, at ``generation``)."""
        wanted = self._job.wanted if self._job is not None else None
        self.cancel()
        job = _Job(cols, list(live), generation, list(columns), wanted if wanted in columns else None)
        self._job = job
        self._thread = threading.Thread(target=self._run, args=(job,), name="queue-orders", daemon=True)
        self._thread.start()

    def preparing(self, generation: int) -> bool:
        """The orders of the rows at ``generation`` are under way, or on their way to the GUI thread."""
        job = self._job
        return job is not None and job.generation == generation

    def want(self, column: SortKey) -> None:
        """The agent asked for this column: it comes next."""
        if self._job is not None:
            self._job.wanted = column

    def cancel(self) -> None:
        if self._job is not None:
            self._job.cancelled = True
            self._job = None

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, job: _Job) -> None:
        sorter = ColumnSorter(job.cols, job.live)
        while job.columns and not job.cancelled:
            column = job.wanted if job.wanted in job.columns else job.columns[0]
            work = sorter.steps(column)
            while True:
                began = time.perf_counter()
                try:
                    next(work)
                except StopIteration as done:
                    rows: Slots = done.value
                    break
                if job.cancelled:
                    return
                self.rest(time.perf_counter() - began)
            if job.cancelled:
                return
            try:
                self.ready.emit(PreparedOrder(column, rows, job.generation))
            except RuntimeError:  # the window (and this object) closed meanwhile
                return
            job.columns.remove(column)
        del sorter
        give_back_freed_memory()  # the sort keys' lists and folded texts
