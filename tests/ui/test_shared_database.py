"""Two desks on one database: the window shows a colleague's changes within one poll."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import open_store
from tests.ui.windows import settled
from ui import detail_panel
from ui import sync as sync_module
from ui.main_window import MainWindow


def _rows(window: MainWindow) -> dict[str, str]:
    model = window.model
    return {model.entry(r).ref: model.entry(r).severity for r in range(model.rowCount())}


class FirstHeld:
    """Wraps ``real`` so that its first call, once it has read, waits on its way back until ``answer`` is set."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real, self.first = real, True
        self.read, self.answer = threading.Event(), threading.Event()

    def __call__(self, *args: Any) -> Any:
        found = self.real(*args)
        if self.first:
            self.first = False
            self.read.set()
            self.answer.wait(10)
        return found


def poll(qtbot: QtBot, window: MainWindow) -> frozenset[uuid.UUID]:
    """One poll, which asks on a worker thread; what it found, once the rows it changed are shown."""
    with qtbot.waitSignal(window.sync.polled) as found:
        window.sync.poll_soon()  # the window never waits for the database
    settled(qtbot, window)
    result: frozenset[uuid.UUID] = found.args[0]
    return result


def test_colleagues_changes_appear_on_the_next_poll(
    qtbot: QtBot, window: MainWindow, db_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    assert window.sync.timer.isActive() and window.sync.timer.interval() <= 5000
    # From here the test asks for each look itself: a tick's look on its way when the test asks would
    # answer first, with what it read before the colleague's change.
    window.sync.timer.stop()
    other_clock = FakeClock(clock.now() - timedelta(seconds=40))  # a colleague whose clock runs behind
    store = open_store(f"sqlite:///{db_path}", clock=other_clock)
    colleague = Desk(store, catalogs, other_clock, actor="colleague")
    try:
        (case_id,) = colleague.open_case("cust-L3", "opened by a colleague", "S3", "phone", ref="REMOTE-1").cases
        clock.advance(timedelta(seconds=3))
        assert poll(qtbot, window) == frozenset({case_id})
        assert _rows(window)["REMOTE-1"] == "S3"

        window.queue.select_case(case_id)
        colleague.regrade(case_id, "S1", "whole site down")
        clock.advance(timedelta(seconds=3))
        poll(qtbot, window)
        assert _rows(window)["REMOTE-1"] == "S1"
        assert window.detail.detail is not None and window.detail.detail.severity == "S1"

        colleague.set_status(case_id, "closed", "duplicate")
        clock.advance(timedelta(seconds=3))
        poll(qtbot, window)
        assert "REMOTE-1" not in _rows(window)
        assert poll(qtbot, window) == frozenset()  # nothing new: nothing reloaded
    finally:
        store.close()


def test_own_writes_do_not_come_back_as_remote_changes(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    window.sync.timer.stop()  # only the look asked here
    window.ops.run(lambda d: d.open_case("cust-L2", "mine", "S2", "ticket"))
    settled(qtbot, window)
    clock.advance(timedelta(seconds=3))
    assert poll(qtbot, window) == frozenset()


def test_a_case_chosen_as_a_colleague_changes_it_shows_the_change(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    catalogs: CatalogRegistry,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.sync.timer.stop()  # only the looks asked here
    store = open_store(f"sqlite:///{db_path}", clock=clock)
    colleague = Desk(store, catalogs, clock, actor="colleague")
    try:
        (case_id,) = colleague.open_case("cust-L3", "opened by a colleague", "S3", "phone", ref="REMOTE-1").cases
        clock.advance(timedelta(seconds=3))
        poll(qtbot, window)
        # The pane's first read of the chosen case, held on its way back until the poll has answered.
        held = FirstHeld(detail_panel.case_detail)
        read, answer = held.read, held.answer
        monkeypatch.setattr(detail_panel, "case_detail", held)
        assert window.queue.select_case(case_id)
        assert read.wait(10)  # the pane read the case as it was ...
        colleague.regrade(case_id, "S1", "whole site down")  # ... just before the colleague changed it
        clock.advance(timedelta(seconds=3))
        with qtbot.waitSignal(window.sync.polled) as found:
            window.sync.poll_soon()
        assert found.args == [frozenset({case_id})]
        answer.set()  # the pane's read of the older version answers after the poll saw the change
        settled(qtbot, window)
        assert _rows(window)["REMOTE-1"] == "S1"
        assert window.detail.detail is not None and window.detail.detail.severity == "S1"
        assert window.customer.data is not None and window.customer.data.ref == "cust-L3"
    finally:
        answer.set()
        store.close()


def test_a_look_asked_while_another_is_on_its_way_is_made_once_that_one_answers(
    qtbot: QtBot,
    window: MainWindow,
    db_path: Path,
    catalogs: CatalogRegistry,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window.sync.timer.start(600_000)  # polling on, but no tick during the test: only the looks asked here
    store = open_store(f"sqlite:///{db_path}", clock=clock)
    colleague = Desk(store, catalogs, clock, actor="colleague")
    held = FirstHeld(sync_module.versions_changed_since)  # the first look, held on its way back after it has read
    read, answer = held.read, held.answer
    monkeypatch.setattr(sync_module, "versions_changed_since", held)
    try:
        window.sync.poll_soon()  # the timer's look ...
        assert read.wait(10)
        (case_id,) = colleague.open_case("cust-L3", "opened meanwhile", "S3", "phone", ref="REMOTE-2").cases
        clock.advance(timedelta(seconds=3))
        # ... and a look asked after the change (the server's listener back after a cut) while it is on its way.
        with qtbot.waitSignal(window.sync.polled, check_params_cb=lambda found: case_id in found):
            window.sync.poll_soon()
            answer.set()
        settled(qtbot, window)
        assert "REMOTE-2" in _rows(window)
    finally:
        answer.set()
        store.close()
