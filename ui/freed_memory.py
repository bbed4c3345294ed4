"""Giving back to the system the memory a large piece of work (the queue's load, a column's sort) has freed."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import sys


def give_back_freed_memory() -> None:
    """Return to the system the memory a large piece of work has freed, so the window does not hold it for good.

    Two things keep freed memory from the system. Python keeps the last two thousand freed tuples of each
    size for reuse: after a sort of 100,000 keyed rows those are scattered over every block of memory the
    sort used, and each one keeps its whole block (about 15 MB in all). A full collection empties those
    lists; it is quick because the rows themselves are frozen out of it (``ui.loader``). And glibc keeps
    freed memory of its own heap (the driver's rows, large lists) for reuse unless asked to give it back.
    Elsewhere (another C library) only the first is done.
    """
    gc.collect()
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)
