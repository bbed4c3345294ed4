"""The stall probe: the real window in its own process, driven through a working session, timing the event loop.

``python -m tests.bench.stall_probe --db URL`` starts the window the way ``desk-gui`` does (``ui.app.start``),
then a 10 ms probe timer records the longest gap between its ticks while a script drives the real widgets:
start (to the first painted rows), the whole queue loading, search keystrokes, clearing the search, the
filters, re-sorting, the 1 Hz tick, selecting a case, a write (a note on the first case), the
shared-database poll and the handover dialog. A gap longer than the probe's interval is time the window
could not answer the agent. Each action's own latency (the key press until the rows it asks for are
shown) is recorded beside it.

It then measures the tick's cost (the ticker's tick and the repaint it causes) against a bare repaint of
the same visible rows (a plain ``QTableView`` over a model of their texts, same size), and the process's
resident memory. It prints one ``probe {json}`` line and quits. ``tests/bench/test_stalls.py`` runs it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QTableView

PROBE_MS = 10
Condition = Callable[[], bool]


def resident_mib(field: str = "VmRSS") -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


class Probe(QObject):
    """A fast timer; the longest gap between two of its ticks, per phase of the script."""

    def __init__(self) -> None:
        super().__init__()
        self.phase = "start"
        self.worst: dict[str, float] = {}
        self.latency: dict[str, list[float]] = {}
        self._last = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.profile: cProfile.Profile | None = None
        if os.environ.get("DESK_PROBE_PROFILE"):
            self.profile = cProfile.Profile()
            self.profile.enable()

    def _tick(self) -> None:
        now = time.monotonic()
        gap, self._last = now - self._last, now
        self.worst[self.phase] = max(self.worst.get(self.phase, 0.0), gap)

    def enter(self, phase: str) -> None:
        if self.profile is not None:  # DESK_PROBE_PROFILE=DIR: where the GUI thread's time goes, per phase
            self.profile.disable()
            self.profile.dump_stats(os.path.join(os.environ["DESK_PROBE_PROFILE"], self.phase.replace(" ", "-")))
            self.profile = cProfile.Profile()
            self.profile.enable()
        self.phase = phase
        self.worst.setdefault(phase, 0.0)


class BareModel(QAbstractTableModel):
    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows[0])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return self.rows[index.row()][index.column()] if role == Qt.ItemDataRole.DisplayRole else None


class Script:
    """Steps that yield conditions; the driver runs the next step once the condition holds."""

    def __init__(self, started: Any, probe: Probe) -> None:
        self.started = started
        self.window = started.window
        self.probe = probe
        self.result: dict[str, Any] = {}
        self._steps = self.steps()
        self._waiting: Condition = lambda: True
        self._driver = QTimer()
        self._driver.setInterval(5)
        self._driver.timeout.connect(self._drive)
        self._driver.start()

    def _drive(self) -> None:
        if not self._waiting():
            return
        try:
            self._waiting = next(self._steps)
        except StopIteration:
            self._driver.stop()
            QApplication.quit()

    # ---------------------------------------------------------------- helpers

    def settled(self) -> bool:
        """The rows the controls ask for are the rows shown (nothing pending on a worker)."""
        window = self.window
        busy = getattr(window, "busy", None)
        return not window.loading and not (busy() if callable(busy) else False)

    def pause(self, ms: int) -> Condition:
        until = time.monotonic() + ms / 1000
        return lambda: time.monotonic() >= until

    def timed(self, phase: str, act: Callable[[], None], done: Condition) -> Iterator[Condition]:
        self.probe.enter(phase)
        began = time.monotonic()
        act()
        yield lambda: done()
        self.probe.latency.setdefault(phase, []).append(time.monotonic() - began)
        yield self.pause(60)

    # ---------------------------------------------------------------- the session

    def steps(self) -> Iterator[Condition]:
        window = self.window
        queue = window.queue
        painted: list[float] = []
        from ui.backup_task import FirstPaint

        FirstPaint(window, lambda: painted.append(time.monotonic()))
        yield lambda: bool(painted)
        self.result["first_paint_s"] = painted[0] - self.started.began
        self.result["first_paint_at"] = painted[0]  # time.monotonic(): a parent process measures from its start
        self.probe.enter("load")
        yield lambda: not window.loading
        self.result["loaded_at"] = time.monotonic()
        self.result["loaded_s"] = self.result["loaded_at"] - self.started.began
        self.result["open_cases"] = window.model.total()
        yield self.pause(300)
        self.result["rss_loaded_mib"] = resident_mib()

        word = window.model.entry(0).customer_name.split()[0][:5] or "a"
        for char in word:
            yield from self.timed("search keystroke", lambda c=char: type_char(queue.search, c), self.settled)
        self.result["search_word"] = word
        self.result["search_rows"] = window.model.rowCount()
        yield from self.timed(
            "clearing the search", lambda: QTest.keyClick(queue.search, Qt.Key.Key_Escape), self.settled
        )
        for combo, index in ((queue.severity, 1), (queue.state, 1), (queue.tier, 1)):
            yield from self.timed("filter", lambda c=combo, i=index: c.setCurrentIndex(i), self.settled)
        yield from self.timed("filter", queue.clear_filter, self.settled)
        header = queue.view.horizontalHeader()
        for column in (3, 5, 0):
            x = header.sectionViewportPosition(column) + 5
            yield from self.timed(
                "sort",
                lambda x=x: QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=_point(x)),
                self.settled,
            )
        yield from self.timed("sort", queue.default_order, self.settled)

        self.probe.enter("tick")
        for _ in range(5):
            window.ticker.fire()
            yield self.pause(200)

        case_id = window.model.entry(0).case_id
        yield from self.timed("selecting a case", lambda: queue.select_case(case_id), self.settled)
        yield self.pause(200)
        version = window.model.version_of(case_id)
        actions = window.detail.case_actions
        actions.note.setText("probe note")
        yield from self.timed(
            "a write",
            lambda: QTest.mouseClick(actions.add_note, Qt.MouseButton.LeftButton),
            lambda: window.model.version_of(case_id) != version and self.settled(),
        )
        polled: list[object] = []
        window.sync.polled.connect(polled.append)
        yield from self.timed("shared-database poll", window.sync.poll_soon, lambda: bool(polled) and self.settled())

        before = set(QApplication.topLevelWidgets())
        menu = next(a for a in window.menuBar().actions() if a.menu() is window._menus["handover"])
        handover = menu.menu().actions()[0]
        opened: list[QDialog] = []

        def dialog_shown() -> bool:
            opened[:] = [w for w in QApplication.topLevelWidgets() if w not in before and isinstance(w, QDialog)]
            ready = getattr(opened[0], "ready", None) if opened else None
            return bool(opened) and opened[0].isVisible() and (ready() if callable(ready) else True)

        yield from self.timed("handover dialog", handover.trigger, dialog_shown)
        yield self.pause(300)
        for dialog in opened:
            dialog.close()
        self.probe.enter("idle")
        yield self.pause(200)
        self.probe.enter("measuring")  # not a phase of the session: the tick's cost is timed synchronously below
        self.result["rss_end_mib"] = resident_mib()
        self.result["rss_peak_mib"] = resident_mib("VmHWM")
        self.result.update(self.tick_cost())
        yield lambda: True

    def tick_cost(self) -> dict[str, float]:
        """One tick and the repaint it causes, against a bare repaint of the same visible rows."""
        view = self.window.queue.view
        model = view.model()
        first = view.rowAt(0)
        last = view.rowAt(view.viewport().height() - 1)
        last = model.rowCount() - 1 if last < 0 else last
        rows = [
            [str(model.index(r, c).data() or "") for c in range(model.columnCount())] for r in range(first, last + 1)
        ]
        bare = QTableView()
        bare.setModel(BareModel(rows))
        bare.resize(view.viewport().size())
        bare.show()
        QApplication.processEvents()

        def ours() -> None:  # the tick as the timer runs it, and the repaint it asks for
            self.window.ticker.fire()
            QApplication.processEvents()

        def plain() -> None:  # every visible cell repainted
            bare.viewport().update()
            QApplication.processEvents()

        figures = {}
        for name, run in (("tick_ms", ours), ("bare_repaint_ms", plain), ("tick_ms", ours), ("bare_repaint_ms", plain)):
            samples = []
            for _ in range(15):
                began = time.perf_counter()
                run()
                samples.append(time.perf_counter() - began)
            figures[name] = min(figures.get(name, 1e9), statistics.median(samples) * 1000)
        figures["visible_rows"] = len(rows)
        bare.close()
        return figures


def type_char(field: Any, char: str) -> None:
    if char.isascii():
        QTest.keyClicks(field, char)
    else:  # QTest types ASCII only; an input method inserts the rest
        field.insert(char)


def _point(x: int) -> Any:
    from PySide6.QtCore import QPoint

    return QPoint(x, 5)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--settings", required=True)
    args = parser.parse_args(argv)
    began = time.monotonic()
    from ui.app import start

    started = start(["--db", args.db, "--settings", args.settings, "--language", "en", "--agent", "alice"])
    started.began = began
    started.window.resize(1400, 800)
    probe = Probe()
    script = Script(started, probe)
    started.app.exec()
    started.stop()
    report = {
        **script.result,
        "worst_gap_ms": {k: round(v * 1000, 1) for k, v in probe.worst.items() if k != "measuring"},
        "latency_ms": {k: [round(x * 1000, 1) for x in v] for k, v in probe.latency.items()},
    }
    print("probe " + json.dumps(report), flush=True)
    os._exit(0)  # the loader thread may still hold the GIL on an abandoned read; nothing is left to save


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
