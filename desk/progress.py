"""A one-line progress count on stderr for long headless commands, shown only when stderr is a terminal."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """``what: done/total`` redrawn in place at most a few times a second; silent in pipes, files and tests."""

    EVERY_S = 0.25

    def __init__(self, what: str, total: int | None = None, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._on = self._stream.isatty()
        self._what = what
        self._total = total
        self._done = 0
        self._shown_at = 0.0

    def step(self, n: int = 1) -> None:
        self._done += n
        # The clock is read once per 512 steps (or per step of more): a per-row call would cost more than the row.
        crossed = n >= 512 or self._done & 511 < n
        if self._on and crossed and time.monotonic() - self._shown_at >= self.EVERY_S:
            self._show()

    def stage(self, what: str, total: int | None = None) -> None:
        """Start counting something else on the same line."""
        self._what, self._total, self._done = what, total, 0
        if self._on:
            self._show()

    def close(self) -> None:
        if self._on:
            self._stream.write("\r\x1b[K")  # the line is cleared: what stays on the terminal is the output
            self._stream.flush()

    def _show(self) -> None:
        self._shown_at = time.monotonic()
        if self._total is not None:
            count = f": {self._done:,}/{self._total:,}"
        else:
            count = f": {self._done:,}" if self._done else "..."
        self._stream.write(f"\r\x1b[K{self._what}{count}")
        self._stream.flush()
