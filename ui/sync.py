"""Seeing other desks' changes on a shared database: a slow poll of changed row versions."""

from __future__ import annotations

import contextlib
import threading
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from desk.clock import Clock
from desk.errors import DeskError
from desk.queue import versions_changed_since
from desk.services import Desk

POLL_MS = 3_000
# Workstations' clocks disagree a little; look back this far so a colleague's write is never missed.
CLOCK_SKEW = timedelta(minutes=2)


class SharedChanges(QObject):
    """Every few seconds, the cases another desk (window or CLI) changed since the last look.

    Emits ``changed`` with the ids whose version differs from what ``known_version`` says the window
    shows; the window reloads just those rows. Our own writes are already shown, so they never emit.
    The timer's poll asks the database on a worker thread (a lost server must never freeze the window);
    a poll that fails emits ``failed`` and leaves the last successful look where it was, so the next one
    asks again for everything changed since then.
    """

    changed = Signal(object)  # frozenset[uuid.UUID]
    failed = Signal(object)  # the DeskError (e.g. the server cannot be reached)
    polled = Signal(object)  # frozenset[uuid.UUID]: what a successful look found changed (often nothing)
    _fetched = Signal(object, object)  # (instant asked at, versions or DeskError), from the worker thread

    def __init__(
        self,
        desk: Desk,
        clock: Clock,
        known_version: Callable[[uuid.UUID], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._clock = desk, clock
        self._known = known_version
        self._seen: dict[uuid.UUID, int] = {}
        self._last = clock.now()
        self._worker: threading.Thread | None = None
        self._asking = False  # a look's answer has not been applied yet
        self._again = False  # asked for while a look was on its way: look once more when it answers
        self._fetched.connect(self._answered)
        self.timer = QTimer(self)
        self.timer.setObjectName("shared-changes-poll")
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._tick)

    def poll(self) -> frozenset[uuid.UUID]:
        """Ask now, on this thread; the changed cases (also emitted)."""
        now = self._clock.now()
        return self._apply(now, self._fetch(now))

    def poll_soon(self) -> None:
        """Ask on a worker thread; the answer is applied on this one. One question at a time: asked while
        one is on its way, it asks again once that one has answered (that look may predate the change
        that prompted this one, e.g. made while the server's listener was cut)."""
        if self._on_its_way():
            self._again = True
            return
        self._asking, self._again = True, False
        now = self._clock.now()
        self._worker = threading.Thread(target=self._ask, args=(now,), name="shared-changes-poll", daemon=True)
        self._worker.start()

    def _on_its_way(self) -> bool:
        # A thread that ended without answering (a bug, already reported) does not stop the polls.
        return self._asking and self._worker is not None and self._worker.is_alive()

    def _tick(self) -> None:
        """The timer's look; skipped while one is on its way (a slow server gets no backlog of looks)."""
        if not self._on_its_way():
            self.poll_soon()

    def _answered(self, now: datetime, answer: dict[uuid.UUID, int] | DeskError) -> None:
        self._asking = False
        self._apply(now, answer)
        if self._again and self.timer.isActive():  # a stopped timer: the window is going, nothing more to ask
            self.poll_soon()

    def wait(self, timeout: float | None = None) -> None:
        if self._worker is not None:
            self._worker.join(timeout)

    def _ask(self, now: datetime) -> None:
        answer = self._fetch(now)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._fetched.emit(now, answer)

    def _fetch(self, now: datetime) -> dict[uuid.UUID, int] | DeskError:
        try:
            return versions_changed_since(self._desk, min(self._last, now) - CLOCK_SKEW)
        except DeskError as exc:
            return exc

    def _apply(self, now: datetime, answer: dict[uuid.UUID, int] | DeskError) -> frozenset[uuid.UUID]:
        if isinstance(answer, DeskError):
            self.failed.emit(answer)
            return frozenset()
        self._last = max(self._last, now)  # only a look that succeeded moves the mark
        stale: set[uuid.UUID] = set()
        for case_id, version in answer.items():
            if self._seen.get(case_id) == version:
                continue
            self._seen[case_id] = version
            if self._known(case_id) != version:
                stale.add(case_id)
        if len(self._seen) > 50_000:  # only the recent window matters
            self._seen.clear()
        result = frozenset(stale)
        if result:
            self.changed.emit(result)
        self.polled.emit(result)
        return result
