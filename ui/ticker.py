"""The one 1 Hz ticker: every live view (queue countdowns, the case's clocks) follows one ``now`` per tick.

Two views each reading the clock on their own timer can show one case a second apart. The ticker reads
the injected clock once per tick, keeps that instant and emits it; the views (and the queue's model
and delegate, which take the ticker as their clock) compute from it. It runs only while the widget it
watches (the main window) is visible, and ticks at once when that widget is shown again.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from desk.clock import Clock

TICK_MS = 1000


class Ticker(QObject):
    """A clock frozen between ticks: ``now()`` is the instant of the last tick, ``tick(now)`` moves it."""

    tick = Signal(object)  # datetime: the instant every view shows this second

    def __init__(self, clock: Clock, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._now = clock.now()
        self.timer = QTimer(self)
        self.timer.setObjectName("countdown-tick")
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.fire)

    def now(self) -> datetime:
        return self._now

    def fire(self) -> datetime:
        """Read the clock once and hand that instant to every view (the timer calls this; tests may too)."""
        self._now = self._clock.now()
        self.tick.emit(self._now)
        return self._now

    def watch(self, widget: QObject) -> None:
        """Run while ``widget`` is visible: start (with a tick at once) when shown, stop when hidden."""
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and not self.timer.isActive():
            self.fire()
            self.timer.start()
        elif event.type() == QEvent.Type.Hide and not (isinstance(watched, QWidget) and watched.isMinimized()):
            # Hidden for good (closed, or a test's teardown). A minimized window keeps ticking: the alerts
            # its queue raises are what reach the tray while the agent works elsewhere.
            self.timer.stop()
        return False

    def stop(self) -> None:
        self.timer.stop()
