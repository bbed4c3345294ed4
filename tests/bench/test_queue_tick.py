"""Benchmark (``make bench``, not the unit suite): the 1 Hz tick costs O(visible rows), not O(open cases).

Each figure is the mean wall time of one tick *including the repaint it causes* (the tick, then the event
loop runs the paint), for the real queue panel (model + countdown delegate) at 1,000 and 20,000 open
cases, against a bare baseline in the same run: a plain QTableView over a minimal QAbstractTableModel
holding the same rows' texts as strings, at the same size, repainted the same way. The ratios must not
grow with the rows.

``DESK_BENCH_DB=sqlite:///path`` (e.g. a ``desk demo --cases 100000 --open 20000`` file) also times
loading the queue from a real database.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from desk.calendars import AlwaysCalendar
from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.queue import QueueClock, QueueEntry, load_open_queue
from desk.services import Desk
from desk.store.engine import open_store
from ui.queue_model import QueueModel
from ui.queue_panel import QueuePanel
from ui.ticker import Ticker

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
SIZES = (1_000, 20_000)
TICKS = 40
SIZE = (1400, 800)


def synthetic_entries(n: int) -> list[QueueEntry]:
    calendar = AlwaysCalendar()
    entries = []
    for i in range(n):
        target = (12, 40, 180, 480, 960)[i % 5] * 60
        deadline = NOW + timedelta(seconds=(i * 37) % (2 * target) - target // 2)
        clock = QueueClock("first_response", True, "on_track", deadline, target, False, None, calendar, 0.25, None)
        entries.append(
            QueueEntry(
                case_id=uuid.UUID(int=i + 1),
                ref=f"C-{i:07d}",
                title=f"case {i} 数据库连接失败",
                customer_ref=f"CUST-{i % 500:05d}",
                customer_name=f"客户 {i % 500}",
                tier=("L1", "L2", "L3", "L4")[i % 4],
                severity=f"S{i % 5 + 1}",
                status="new",
                assignee=("alice", "bob", "")[i % 3],
                channel="ticket",
                opened_at=NOW - timedelta(hours=1),
                version=1,
                clock=clock,
            )
        )
    return entries


class BareModel(QAbstractTableModel):
    """The baseline: the same rows as plain strings, nothing computed at paint time."""

    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self._cells = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._cells[0])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        return None


def mean_tick(tick: Callable[[], None], clock: FakeClock | None = None) -> float:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):  # warm up (first paints build font caches)
        tick()
        app.processEvents()
    started = time.perf_counter()
    for _ in range(TICKS):
        if clock is not None:
            clock.advance(timedelta(seconds=1))
        tick()
        app.processEvents()
    return (time.perf_counter() - started) / TICKS


def measure(qtbot: QtBot, n: int) -> tuple[float, float]:
    clock = FakeClock(NOW)
    ticker = Ticker(clock)  # not watching a window: it never starts, we drive the ticks
    model = QueueModel(ticker)
    model.set_entries(synthetic_entries(n))
    panel = QueuePanel(model, ticker, "alice", CatalogRegistry.load_dir(default_catalog_dir()))
    ticker.tick.connect(panel.tick)
    qtbot.addWidget(panel)
    panel.resize(*SIZE)
    panel.show()
    qtbot.waitExposed(panel)
    ours = mean_tick(ticker.fire, clock)

    bare = QTableView()
    qtbot.addWidget(bare)
    cells = [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(n)]
    bare.setModel(BareModel(cells))
    bare.resize(*SIZE)
    bare.show()
    qtbot.waitExposed(bare)
    baseline = mean_tick(bare.viewport().update)
    return ours, baseline


@pytest.mark.qt_log_ignore(r"^This plugin does not support")
def test_tick_cost_does_not_grow_with_open_cases(qtbot: QtBot) -> None:
    results = {n: measure(qtbot, n) for n in SIZES}
    print()
    print(f"{'open cases':>10} {'queue tick':>12} {'bare repaint':>13} {'ratio':>7}")
    for n, (ours, baseline) in results.items():
        print(f"{n:>10} {ours * 1000:>10.2f}ms {baseline * 1000:>11.2f}ms {ours / baseline:>7.2f}")
    small, large = (results[n][0] for n in SIZES)
    growth = large / small
    print(f"tick growth from {SIZES[0]} to {SIZES[1]} open cases: x{growth:.2f} (rows x{SIZES[1] // SIZES[0]})")
    assert growth < 2.0, "the tick's cost grows with the number of open cases"


def test_load_from_database() -> None:
    url = os.environ.get("DESK_BENCH_DB")
    if not url:
        pytest.skip("set DESK_BENCH_DB to a demo database URL to time the queue load")
    store = open_store(url, daily_backup=False)
    try:
        desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), FakeClock(datetime.now(UTC)))
        started = time.perf_counter()
        entries = load_open_queue(desk)
        elapsed = time.perf_counter() - started
    finally:
        store.close()
    print(f"\nloaded {len(entries)} open cases with their clocks in {elapsed:.2f}s")
