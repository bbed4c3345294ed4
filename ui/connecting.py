"""Opening a database off the GUI thread: a server that answers slowly, or never, does not stall the window.

Connecting to a team server can take seconds (a silent network waits for the connect timeout). At start,
before any window exists, ``open_turning`` runs the opening on a worker thread and keeps the event loop
turning meanwhile, with a small window saying what it waits for; when switching databases in a running
window, ``Connector`` runs it on a worker and hands the answer back to the GUI thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

T = TypeVar("T")
SHOW_AFTER_MS = 100


class Connector(QObject, Generic[T]):
    """Runs one opening on a worker thread; ``done`` or ``failed`` is called on the GUI thread."""

    _answered = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._result: T | None = None
        self._error: BaseException | None = None
        self._callbacks: tuple[Callable[[T], object], Callable[[Exception], object]] | None = None
        self.running = False

    def run(self, work: Callable[[], T], done: Callable[[T], object], failed: Callable[[Exception], object]) -> None:
        self.running = True
        self._callbacks = (done, failed)
        threading.Thread(target=self._work, args=(work,), name="desk-connect", daemon=True).start()

    def _work(self, work: Callable[[], T]) -> None:
        try:
            self._result = work()
        except BaseException as exc:  # handed to the GUI thread, which raises what is not an Exception
            self._error = exc
        with contextlib.suppress(RuntimeError):  # the window it answers was closed meanwhile
            self._answered.emit()

    def _deliver(self) -> None:
        self.running = False
        assert self._callbacks is not None
        done, failed = self._callbacks
        error, result = self._error, self._result
        self._error = self._result = None
        if error is None:
            done(result)  # type: ignore[arg-type]
        elif isinstance(error, Exception):
            failed(error)
        else:
            raise error


class ConnectingWindow(QWidget):
    """Shown at once while the desk reaches its server, so the screen is never blank or frozen meanwhile."""

    def __init__(self, server: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("The desk"))
        layout = QVBoxLayout(self)
        self.message = QLabel(self.tr("Connecting to the team server %1…").replace("%1", server), self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # the server's address is typed by the agent
        self.message.setAccessibleName(self.tr("Connecting to the team server"))
        layout.addWidget(self.message)
        self.resize(420, 80)


def open_turning(work: Callable[[], T], server: str) -> T:
    """``work()`` on a worker thread while the event loop turns (a small window saying so); its result, or
    its exception raised here."""
    answer: list[T] = []
    failure: list[Exception] = []
    loop = QEventLoop()
    connector: Connector[T] = Connector()
    window = ConnectingWindow(server)
    # Shown after a blink: a replica or a server on the LAN opens before it would only flicker.
    QTimer.singleShot(SHOW_AFTER_MS, window, window.show)

    def done(result: T) -> None:
        answer.append(result)
        loop.quit()

    def failed(exc: Exception) -> None:
        failure.append(exc)
        loop.quit()

    connector.run(work, done, failed)
    try:
        loop.exec()
    finally:
        window.close()  # owned here (no parent): deleted with this frame
    if failure:
        raise failure[0]
    return answer[0]
