"""Runs a review's read off the GUI thread; progress and the result come back as queued signals.

Only the newest request matters: an older one still counting stops at its next progress report (a
month of cases is read in thousands), so changing the period twice never leaves two counts running.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk.errors import DeskError
from desk.services import Desk
from ui.errors import error_text

Progress = Callable[[int], None]


class _Superseded(Exception):
    """A newer request was started: this one stops where it is."""


class ReviewRunner(QObject):
    done = Signal(int, object)  # the request's number, its result (delivered in the GUI thread)
    failed = Signal(int, str)
    progress = Signal(int, int)  # the request's number, the cases counted so far

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._threads: list[threading.Thread] = []
        self.latest = 0

    def start(self, work: Callable[[Desk, Progress], Any]) -> int:
        """Start ``work(desk, progress)`` on a thread of its own; a later start stops this one."""
        self.latest += 1
        number = self.latest
        thread = threading.Thread(target=self._run, args=(number, work), name="review", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return number

    def _run(self, number: int, work: Callable[[Desk, Progress], Any]) -> None:
        def report(counted: int) -> None:
            if number != self.latest:
                raise _Superseded
            self.progress.emit(number, counted)

        try:
            result = work(self._desk, report)
        except _Superseded:
            return
        except DeskError as exc:
            self.failed.emit(number, error_text(exc))
            return
        self.done.emit(number, result)

    def wait(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)
