"""docs/pitfalls.md: PySide6 6.12.0 on Python 3.11 drops a reference to True per Signal.emit() and aborts."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    sig = Signal(int)


def test_emit_does_not_leak_references_to_true() -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.sig.connect(received.append)
    before = sys.getrefcount(True)
    for _ in range(10_000):
        emitter.sig.emit(1)
    after = sys.getrefcount(True)
    assert len(received) == 10_000
    assert abs(after - before) < 100, f"refcount of True moved by {after - before} over 10,000 emits"
