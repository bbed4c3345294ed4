"""Python's cycle collector held off for a bounded burst of work that makes many objects and few cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block; it resumes (if it ran before) when the block ends.

    Freezing a busy shift's report or painting its PDF makes hundreds of thousands of short-lived objects:
    each few hundred of them start a collection, and every tenth of those walks every object the process
    holds (a window with a whole queue loaded holds millions), a fifth of the work or more for nothing,
    since the work makes no cycles that outlive it. Reference counting still frees everything as usual.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()
