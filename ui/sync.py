"""Seeing other desks' changes on a shared database: a slow poll of changed row versions."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from desk.clock import Clock
from desk.queue import versions_changed_since
from desk.services import Desk

POLL_MS = 3_000
# Workstations' clocks disagree a little; look back this far so a colleague's write is never missed.
CLOCK_SKEW = timedelta(minutes=2)


class SharedChanges(QObject):
    """Every few seconds, the cases another desk (window or CLI) changed since the last look.

    Emits ``changed`` with the ids whose version differs from what ``known_version`` says the window
    shows; the window reloads just those rows. Our own writes are already shown, so they never emit.
    """

    changed = Signal(object)  # frozenset[uuid.UUID]

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
        self.timer = QTimer(self)
        self.timer.setObjectName("shared-changes-poll")
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def poll(self) -> frozenset[uuid.UUID]:
        now = self._clock.now()
        since = min(self._last, now) - CLOCK_SKEW
        self._last = now
        stale: set[uuid.UUID] = set()
        for case_id, version in versions_changed_since(self._desk, since).items():
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
        return result
