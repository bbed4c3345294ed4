"""Live updates from a team server: colleagues' case changes pushed by the server, shown within a second.

The listener thread (``desk.store.listen``) hands over case ids and row versions; they are collected for
a moment (a burst of writes becomes one reload) and passed to the window like the poll's answers. While
notifications flow, the poll (``ui.sync``) only runs rarely, as a safety net; when the listening
connection is lost the poll goes back to its short interval, and on reconnecting it asks at once for
everything changed meanwhile.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from desk.store.engine import Store
from desk.store.listen import CaseListener
from ui.sync import POLL_MS, SharedChanges

BATCH_MS = 50
# With notifications flowing, the poll is only the fallback for a notification lost on the way.
FALLBACK_POLL_MS = 30_000


class LiveChanges(QObject):
    changed = Signal(object)  # frozenset[uuid.UUID]: cases whose shown version is not the server's
    listening = Signal(bool)
    _noted = Signal(object, int)  # from the listener thread
    _state = Signal(bool)  # from the listener thread

    def __init__(
        self,
        store: Store,
        known_version: Callable[[uuid.UUID], int | None],
        poll: SharedChanges,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._known, self._poll = known_version, poll
        self._pending: dict[uuid.UUID, int] = {}
        self.is_listening = False
        self._stopped = False
        self._batch = QTimer(self)
        self._batch.setObjectName("live-changes-batch")
        self._batch.setSingleShot(True)
        self._batch.setInterval(BATCH_MS)
        self._batch.timeout.connect(self._flush)
        self._noted.connect(self._note)
        self._state.connect(self._set_listening)
        self._listener = CaseListener(store.url, self._emit_noted, self._emit_state)

    def start(self) -> None:
        self._listener.start()

    def stop(self) -> None:
        self._stopped = True  # a notice still queued from the listener thread starts nothing any more
        self._listener.stop()
        self._batch.stop()

    def _emit_noted(self, case_id: uuid.UUID, version: int) -> None:
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._noted.emit(case_id, version)

    def _emit_state(self, up: bool) -> None:
        with contextlib.suppress(RuntimeError):
            self._state.emit(up)

    def _note(self, case_id: uuid.UUID, version: int) -> None:
        if self._stopped:
            return
        self._pending[case_id] = max(version, self._pending.get(case_id, 0))
        if not self._batch.isActive():
            self._batch.start()

    def _flush(self) -> None:
        pending, self._pending = self._pending, {}
        stale = frozenset(case_id for case_id, version in pending.items() if self._known(case_id) != version)
        if stale:
            self.changed.emit(stale)

    def _set_listening(self, up: bool) -> None:
        if self._stopped:
            return
        self.is_listening = up
        self._poll.timer.setInterval(FALLBACK_POLL_MS if up else POLL_MS)
        if up:
            self._poll.poll_soon()  # what changed while nobody listened
        self.listening.emit(up)
