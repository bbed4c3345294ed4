"""Long work on the GUI thread in slices between turns of the event loop, so the window keeps answering.

Python threads share one interpreter lock: work on a worker thread still stalls every repaint, which comes
back into Python hundreds of times and waits for the lock each time. Work that only computes and that the
agent waits for (filtering the queue) therefore runs here instead, as a generator that yields between small
steps (the columns' orders, which nobody waits for, are prepared ahead by ``ui.queue_orders``): each turn
runs steps for a few milliseconds, then lets the event loop paint and take input. The result is shown
when the generator returns it.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Generator
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QTimer

T = TypeVar("T")
BUDGET_S = 0.012  # work per turn of the event loop


class Slices(Generic[T]):
    """One piece of work under way; ``cancel`` drops it (its result is never delivered)."""

    def __init__(self, work: Generator[None, None, T], done: Callable[[T], Any]) -> None:
        self._work, self._done = work, done
        self.running = True
        QTimer.singleShot(0, self._step)

    def cancel(self) -> None:
        self.running = False

    def _step(self) -> None:
        if not self.running:
            return
        until = time.perf_counter() + BUDGET_S
        # A sort's steps make hundreds of thousands of key tuples, freed by reference counting; the cyclic
        # collector, set off by so many new objects, would walk every one of them within a step.
        collecting = gc.isenabled()
        gc.disable()
        try:
            while time.perf_counter() < until:
                next(self._work)
        except StopIteration as finished:
            self.running = False
            self._done(finished.value)
            return
        finally:
            if collecting:
                gc.enable()
        QTimer.singleShot(0, self._step)
