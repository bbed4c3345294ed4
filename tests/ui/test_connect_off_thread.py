"""Reaching a team server never stalls the GUI thread: at start and when switching databases, the event loop turns."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import SystemClock
from desk.store.engine import StoreError
from tests.helpers.proxy import TcpProxy
from ui.app import start
from ui.connecting import ConnectingWindow
from ui.replica_status import ReplicaSync

SERVER = "postgresql+psycopg://desk:secret@127.0.0.1:{port}/team"
# The GUI thread's longest acceptable pause while the network is silent. The connect timeout is 2 s, so a
# connect on the GUI thread would show as a pause of about that; a loaded test machine adds its own jitter.
STALL_S = 0.3


class Probe:
    """A timer that notes each time the event loop comes round; its longest gap is the longest stall."""

    def __init__(self) -> None:
        self.ticks: list[float] = []
        self.connecting_shown = False
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.ticks.append(time.monotonic())
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConnectingWindow) and w.isVisible()]
        self.connecting_shown = self.connecting_shown or bool(shown)

    def longest_gap(self) -> float:
        return max((b - a for a, b in zip(self.ticks, self.ticks[1:], strict=False)), default=float("inf"))


@pytest.fixture
def silent_proxy() -> Iterator[TcpProxy]:
    proxy = TcpProxy("127.0.0.1", 1)  # never forwarded: packets silently lost
    proxy.blackhole()
    try:
        yield proxy
    finally:
        proxy.close()


@pytest.fixture
def silent_server(silent_proxy: TcpProxy) -> str:
    return SERVER.format(port=silent_proxy.port)


def test_starting_on_a_silent_server_keeps_the_event_loop_turning_and_says_it_is_connecting(
    qtbot: QtBot, tmp_path: Path, silent_server: str
) -> None:
    probe = Probe()
    probe.timer.start()
    began = time.monotonic()
    with pytest.raises(StoreError, match="cannot be reached"):  # no replica yet: the way-out dialog follows
        start(["--db", silent_server, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")])
    took = time.monotonic() - began
    probe.timer.stop()
    assert took > 1.0  # the connect really waited on the silent network
    assert probe.longest_gap() < STALL_S, f"the GUI thread stalled {probe.longest_gap():.2f} s"
    print(f"longest stall {probe.longest_gap() * 1000:.0f} ms over {took:.1f} s")
    assert len(probe.ticks) > took / 0.1  # the loop came round all along
    assert probe.connecting_shown


def test_switching_to_a_silent_server_keeps_the_window_working_and_nothing_changes(
    qtbot: QtBot, tmp_path: Path, silent_server: str
) -> None:
    db = tmp_path / "desk.sqlite"
    args = ["--db", f"sqlite:///{db}", "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")]
    started = start(args)
    try:
        window = started.window
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.loading)
        probe = Probe()
        probe.timer.start()
        began = time.monotonic()
        started.switch_database(silent_server)
        said = window.statusBar().currentMessage()
        qtbot.waitUntil(lambda: window.findChild(QMessageBox) is not None, timeout=15_000)
        took = time.monotonic() - began
        probe.timer.stop()
        assert probe.longest_gap() < STALL_S, f"the GUI thread stalled {probe.longest_gap():.2f} s"
        print(f"longest stall {probe.longest_gap() * 1000:.0f} ms over {took:.1f} s")
        assert said.startswith("Opening postgresql") and "secret" not in said
        box = window.findChild(QMessageBox)
        assert box is not None and "secret" not in box.text()
        box.close()
        assert took > 1.0 and len(probe.ticks) > took / 0.1
        assert started.window is window and started.store.path == db  # nothing changed
    finally:
        started.stop()


def test_stopping_the_replica_sync_never_waits_for_a_connect_to_a_silent_server(
    qtbot: QtBot, tmp_path: Path, silent_proxy: TcpProxy, catalogs: CatalogRegistry
) -> None:
    url = SERVER.format(port=silent_proxy.port)
    owner = QObject()  # the window, in the desk
    sync = ReplicaSync(url, tmp_path / "r.sqlite", catalogs, "alice", SystemClock(), owner)
    sync.listen()
    # Its listener is inside a connect the server never answers once the proxy has taken the connection.
    qtbot.waitUntil(lambda: bool(silent_proxy._conns), timeout=5_000)
    began = time.monotonic()
    sync.stop()  # the window closing, or rebuilt in another language
    assert time.monotonic() - began < STALL_S
