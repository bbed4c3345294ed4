"""Seeing other desks' changes on a shared database: a slow poll of changed row versions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from desk.clock import Clock
from desk.queue import versions_changed_since
from desk.services import Desk
from ui.tasks import Tasks

POLL_MS = 3_000
# Workstations' clocks disagree a little; look back this far so a colleague's write is never missed.
CLOCK_SKEW = timedelta(minutes=2)


class SharedChanges(QObject):
    """Every few seconds, the cases another desk (window or CLI) changed since the last look.

    Emits ``changed`` with the ids whose version differs from what ``known_version`` says the window
    shows; the window reloads just those rows. Our own writes are already shown, so they never emit.
    With ``tasks``, the query runs on a reader thread (a server that is slow to answer never stalls the
    window) and ``polled`` follows in the GUI thread, with or without changes.
    """

    changed = Signal(object)  # frozenset[uuid.UUID]
    polled = Signal(object)  # frozenset[uuid.UUID]: what this poll found changed (often nothing)

    def __init__(
        self,
        desk: Desk,
        clock: Clock,
        known_version: Callable[[uuid.UUID], int | None],
        parent: QObject | None = None,
        tasks: Tasks | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._clock, self._tasks = desk, clock, tasks
        self._asking = False
        self._known = known_version
        self._seen: dict[uuid.UUID, int] = {}
        self._last = clock.now()
        self.timer = QTimer(self)
        self.timer.setObjectName("shared-changes-poll")
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def poll(self) -> frozenset[uuid.UUID] | None:
        """Look now: the changed ids (or, with ``tasks``, None: ``polled`` and ``changed`` follow)."""
        now = self._clock.now()
        since = min(self._last, now) - CLOCK_SKEW
        if self._tasks is None:
            self._last = now
            return self._compare(versions_changed_since(self._desk, since))
        if self._asking:
            return None  # the previous look has not answered yet (a slow server): no pile-up
        self._asking = True

        def answered(versions: dict[uuid.UUID, int]) -> None:
            self._asking = False
            self._last = now
            self._compare(versions)

        def failed(_exc: Exception) -> None:
            self._asking = False  # the next poll tries again from the same instant

        self._tasks.read(lambda: versions_changed_since(self._desk, since), answered, failed)
        return None

    def _compare(self, versions: dict[uuid.UUID, int]) -> frozenset[uuid.UUID]:
        stale: set[uuid.UUID] = set()
        for case_id, version in versions.items():
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
