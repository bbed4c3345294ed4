"""Writes and reads run off the GUI thread: the window keeps answering while SQLite's write lock is held
elsewhere, says that work is under way, and stamps the agent's action with the instant it was asked for."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.caseviews import case_detail
from desk.clock import FakeClock
from desk.services import Desk
from tests.ui.windows import select, settled
from ui import detail_panel
from ui.main_window import MainWindow


def test_a_write_behind_a_colleagues_lock_leaves_the_window_working_and_keeps_the_click_time(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock, db_path: Path
) -> None:
    (case_id,) = seeded.open_case("cust-L3", "slow disks", "S3", "ticket").cases
    settled(qtbot, window)
    window._reload(frozenset({case_id}))
    settled(qtbot, window)
    select(qtbot, window, case_id)
    acts = window.detail.case_actions
    asked = clock.now()
    colleague = sqlite3.connect(db_path, isolation_level=None)  # e.g. a colleague's import, mid-transaction
    colleague.execute("BEGIN IMMEDIATE")
    try:
        acts.note.setText("called the customer")
        qtbot.mouseClick(acts.add_note, Qt.MouseButton.LeftButton)  # returns at once: the writer thread waits
        assert acts.busy() and acts.note.text() == "called the customer"
        clock.advance(timedelta(minutes=3))
        window.ticker.fire()  # the window still ticks, filters and types meanwhile
        window.queue.search.setText("slow")
        assert window.model.rowCount() == 1
        qtbot.waitUntil(window.working.isVisible)  # longer than a moment: the status bar says work is under way
        qtbot.mouseClick(acts.add_note, Qt.MouseButton.LeftButton)  # a second click does not write twice
    finally:
        colleague.execute("ROLLBACK")
        colleague.close()
    qtbot.waitUntil(lambda: not window.busy())
    assert not window.working.isVisible()
    assert acts.note.text() == ""
    notes = [e for e in case_detail(seeded, case_id).timeline if e.kind == "note"]
    assert [(e.new, e.at) for e in notes] == [("called the customer", asked)]  # when the agent clicked


def test_a_refused_write_is_said_and_the_pane_shows_the_case_as_it_is(
    qtbot: QtBot, window: MainWindow, seeded: Desk
) -> None:
    (case_id,) = seeded.open_case("cust-L3", "slow disks", "S3", "ticket").cases
    window._reload(frozenset({case_id}))
    settled(qtbot, window)
    select(qtbot, window, case_id)
    seeded.assign(case_id, "bob")  # another desk, after the pane was filled
    acts = window.detail.case_actions
    acts.note.setText("on it")
    with qtbot.waitSignal(window.ops.failed) as said:
        qtbot.mouseClick(acts.add_note, Qt.MouseButton.LeftButton)
    assert "changed by someone else" in said.args[0]
    settled(qtbot, window)
    assert window.detail.fields["assignee"].text() == "bob" and acts.note.text() == "on it"


def test_choosing_a_case_reads_its_panes_off_the_gui_thread_and_the_last_choice_wins(
    qtbot: QtBot, window: MainWindow, seeded: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    ((first,), (second,)) = (seeded.open_case("cust-L3", title, "S3", "ticket").cases for title in ("one", "two"))
    window._reload(frozenset({first, second}))
    settled(qtbot, window)
    threads: list[str] = []
    real = detail_panel.case_detail

    def recording(desk: Desk, case_id: uuid.UUID) -> object:
        threads.append(threading.current_thread().name)
        return real(desk, case_id)

    monkeypatch.setattr(detail_panel, "case_detail", recording)
    assert window.queue.select_case(first) and window.queue.select_case(second)  # quicker than the reads
    settled(qtbot, window)
    assert threads and threading.main_thread().name not in threads
    assert window.detail.detail is not None and window.detail.detail.case_id == second
    assert window.customer.data is not None and window.customer.data.ref == "cust-L3"
