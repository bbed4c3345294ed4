"""The window on a team server whose network fails: no freeze, and no colleague's change lost after the cut.

The network is cut with a TCP proxy between the window and the test server (the server keeps running).
Runs when DESK_TEST_PG_URL names a server database the tests may wipe; skipped otherwise.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import seed_customers
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server
from tests.ui.windows import settled, shown_window
from ui.main_window import MainWindow
from ui.settings import Settings

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    wipe_server(PG_URL)
    parsed = make_url(PG_URL)
    p = TcpProxy(parsed.host or "localhost", parsed.port or 5432)
    yield p
    p.close()


@pytest.fixture
def colleague(proxy: TcpProxy, catalogs: CatalogRegistry, clock: FakeClock) -> Iterator[Desk]:
    """A colleague's desk on the server itself (their network is fine), whose clock runs a little behind."""
    other_clock = FakeClock(clock.now() - timedelta(seconds=40))
    store = open_store(PG_URL, clock=other_clock)
    desk = Desk(store, catalogs, other_clock, actor="colleague")
    seed_customers(desk)
    yield desk
    store.close()


@pytest.fixture
def server_window(
    qtbot: QtBot, proxy: TcpProxy, colleague: Desk, catalogs: CatalogRegistry, clock: FakeClock, settings: Settings
) -> Iterator[MainWindow]:
    store = open_store(proxy.url(PG_URL), clock=clock)
    try:
        with shown_window(qtbot, Desk(store, catalogs, clock, actor="alice"), clock, settings) as win:
            yield win
            win.stop_timers()
            win.sync.wait(30)
    finally:
        store.close()


def test_changes_made_while_the_server_was_unreachable_are_shown_once_it_is_back(
    qtbot: QtBot, server_window: MainWindow, proxy: TcpProxy, colleague: Desk, clock: FakeClock
) -> None:
    window = server_window
    window.sync.timer.stop()
    assert window.sync.poll() == frozenset()
    proxy.cut()
    (case_id,) = colleague.open_case("cust-L3", "opened during the cut", "S3", "phone", ref="CUT-1").cases
    for _ in range(3):  # three minutes of failed polls: longer than the look-back for clock skew
        clock.advance(timedelta(minutes=1))
        with qtbot.waitSignal(window.sync.failed, timeout=10_000):
            assert window.sync.poll() == frozenset()
    assert "cannot be reached" in window.statusBar().currentMessage()
    proxy.restore()
    clock.advance(timedelta(seconds=3))
    assert window.sync.poll() == frozenset({case_id})
    settled(qtbot, window)  # the changed rows are read on a reader thread
    refs = {window.model.entry(r).ref for r in range(window.model.rowCount())}
    assert "CUT-1" in refs


def test_the_poll_never_freezes_the_window_when_packets_are_dropped(
    qtbot: QtBot, server_window: MainWindow, proxy: TcpProxy
) -> None:
    window = server_window
    beats: list[float] = []
    heartbeat = QTimer(window)
    heartbeat.setInterval(20)
    heartbeat.timeout.connect(lambda: beats.append(time.monotonic()))
    heartbeat.start()
    proxy.blackhole()
    window.sync.timer.setInterval(50)
    window.sync.timer.start()
    with qtbot.waitSignal(window.sync.failed, timeout=20_000):
        pass
    heartbeat.stop()
    gaps = [b - a for a, b in itertools.pairwise(beats)]
    assert len(beats) > 10
    assert max(gaps) < 0.5, f"the GUI thread stalled {max(gaps):.1f} s"


def _severity(window: MainWindow, ref: str) -> str | None:
    model = window.model
    return next((model.entry(r).severity for r in range(model.rowCount()) if model.entry(r).ref == ref), None)


def test_a_colleagues_change_is_pushed_to_the_window_within_a_second(
    qtbot: QtBot, server_window: MainWindow, colleague: Desk, capsys: pytest.CaptureFixture[str]
) -> None:
    window = server_window
    assert window.live is not None
    qtbot.waitUntil(lambda: window.live is not None and window.live.is_listening, timeout=10_000)
    window.sync.wait(10)
    window.sync.timer.stop()  # no poll: only the server's notification can bring the change
    took: list[float] = []
    started = time.monotonic()
    (case_id,) = colleague.open_case("cust-L3", "pushed", "S3", "phone", ref="LIVE-1").cases
    qtbot.waitUntil(lambda: _severity(window, "LIVE-1") == "S3", timeout=5_000)
    took.append(time.monotonic() - started)
    for n in range(10):
        severity = "S2" if n % 2 == 0 else "S3"
        started = time.monotonic()
        colleague.regrade(case_id, severity, f"change {n}")
        qtbot.waitUntil(lambda severity=severity: _severity(window, "LIVE-1") == severity, timeout=5_000)
        took.append(time.monotonic() - started)
    took.sort()
    with capsys.disabled():
        print(f"\nlive update: p50 {took[len(took) // 2] * 1000:.0f} ms, max {took[-1] * 1000:.0f} ms")
    # With the poll stopped only a notification can bring a change. The median is the figure the README
    # gives (about 0.13 s); the unit suite runs on busy machines, so it holds the push, not a stopwatch.
    assert took[len(took) // 2] < 1.0


def test_changes_made_while_the_listener_was_cut_are_fetched_when_it_reconnects(
    qtbot: QtBot, server_window: MainWindow, proxy: TcpProxy, colleague: Desk
) -> None:
    window = server_window
    live = window.live
    assert live is not None
    qtbot.waitUntil(lambda: live.is_listening, timeout=10_000)
    with qtbot.waitSignal(live.listening, timeout=15_000, check_params_cb=lambda up: not up):
        proxy.cut()
    window.sync.timer.stop()
    colleague.open_case("cust-L3", "while nobody listened", "S2", "phone", ref="MISSED-1")
    proxy.restore()
    qtbot.waitUntil(lambda: _severity(window, "MISSED-1") == "S2", timeout=15_000)


def test_a_write_while_the_server_is_unreachable_says_so_and_nothing_is_stamped_late(
    qtbot: QtBot, server_window: MainWindow, proxy: TcpProxy, colleague: Desk
) -> None:
    window = server_window
    (case_id,) = colleague.open_case("cust-L3", "answered during the cut", "S3", "phone", ref="CUT-2").cases
    window.sync.poll()
    proxy.blackhole()
    started = time.monotonic()
    with qtbot.waitSignal(window.ops.failed, timeout=15_000) as failed:
        window.ops.run(lambda d: d.record_response(case_id))
    assert time.monotonic() - started < 8
    assert "cannot be reached" in failed.args[0]
    proxy.restore()
    with colleague.store.read() as session:
        from desk.store.models import Case

        case = session.get(Case, case_id)
        assert case is not None and case.first_response_at is None  # nothing was saved, not even late
