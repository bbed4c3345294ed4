"""Runs a review's read off the GUI thread; the result comes back as a queued signal, the newest one only."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from desk.errors import DeskError
from desk.services import Desk
from ui.errors import error_text


class ReviewRunner(QObject):
    done = Signal(int, object)  # the request's number, its result (delivered in the GUI thread)
    failed = Signal(int, str)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._threads: list[threading.Thread] = []
        self.latest = 0

    def start(self, work: Callable[[Desk], Any]) -> int:
        """Start ``work`` on a thread of its own; a later start makes this one's result stale."""
        self.latest += 1
        number = self.latest
        thread = threading.Thread(target=self._run, args=(number, work), name="review", daemon=True)
        self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return number

    def _run(self, number: int, work: Callable[[Desk], Any]) -> None:
        try:
            result = work(self._desk)
        except DeskError as exc:
            self.failed.emit(number, error_text(exc))
            return
        self.done.emit(number, result)

    def wait(self, timeout: float | None = None) -> None:
        for thread in self._threads:
            thread.join(timeout)
