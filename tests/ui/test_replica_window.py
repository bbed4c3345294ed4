"""The window on a team server: local first on its replica, online / offline and writes waiting always shown."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.replica.link import open_replica, replica_path, shown
from desk.replica.local import FieldConflict, add_conflict, record_state
from desk.replica.sync import ReplicaStatus
from desk.services import Desk
from desk.store.engine import open_store
from tests.helpers import T0, seed_customers
from tests.helpers.conflicts import add_team_conflict
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server
from ui.app import start
from ui.queue_model import COLUMNS
from ui.replica_conflicts import ConflictsDialog
from ui.replica_status import ReplicaIndicator

NOWHERE = "postgresql+psycopg://desk:secret@127.0.0.1:1/team"  # nothing listens on port 1
PG_URL = os.environ.get("DESK_TEST_PG_URL", "")


def test_the_indicator_says_offline_what_waits_and_the_last_sync(qtbot: QtBot, tmp_path: Path) -> None:
    indicator = ReplicaIndicator()
    qtbot.addWidget(indicator)
    status = ReplicaStatus("postgresql://desk:***@db/team", False, "refused", tmp_path / "r.sqlite", 3, T0, 1)
    indicator.show_status(status)
    assert indicator.text().startswith("Offline · 3 write(s) waiting · last sync 2026-11-26")
    assert indicator.text().endswith("1 conflict(s) to resolve")
    assert "refused" in indicator.toolTip() and "desk conflicts" in indicator.toolTip()
    indicator.show_status(ReplicaStatus("s", True, "", tmp_path / "r.sqlite", 0, None, 0))
    assert indicator.text() == "Online · never synced"
    assert indicator.accessibleName()


def test_with_the_server_unreachable_the_window_opens_on_its_replica(
    qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry
) -> None:
    clock = FakeClock(T0)
    replica = open_replica(replica_path(NOWHERE), clock)  # synced before the outage
    desk = Desk(replica, catalogs, clock, actor="alice")
    seed_customers(desk)
    desk.open_case("cust-L3", "written offline", "S2", "ticket")
    with replica.write() as session:
        record_state(session, server=shown(NOWHERE), last_sync_at=T0)
    replica.close()

    started = start(["--db", NOWHERE, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")])
    try:
        qtbot.addWidget(started.window)
        qtbot.waitUntil(lambda: not started.window.loading)
        assert started.store.path == replica_path(NOWHERE)
        assert started.window.model.rowCount() == 1
        indicator = started.window.findChild(ReplicaIndicator)
        assert indicator is not None
        qtbot.waitUntil(lambda: indicator.text().startswith("Offline ·"), timeout=10_000)
        assert "write(s) waiting" in indicator.text() and "secret" not in indicator.toolTip()
    finally:
        started.stop()


def test_the_agent_resolves_a_conflict_in_the_window(qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry) -> None:
    clock = FakeClock(T0)
    replica = open_replica(replica_path(NOWHERE), clock)
    desk = Desk(replica, catalogs, clock, actor="bob")
    seed_customers(desk)
    (case_id,) = desk.open_case("cust-L3", "disputed", "S2", "ticket").cases
    desk.set_status(case_id, "resolved")
    with replica.write() as session:  # what a push records when both sides changed the status while apart
        record_state(session, server=shown(NOWHERE), last_sync_at=T0)
        now = clock.now()
        mine = {"mine": "waiting_customer", "mine_by": "alice", "mine_at": now}
        theirs = {"theirs": "resolved", "theirs_by": "bob", "theirs_at": now, "merged": "resolved"}
        row = {"id": 0, "table": "cases", "row_id": case_id, "ref": "C-9", "field": "status", "detected_at": now}
        add_conflict(session, FieldConflict(**row, **mine, **theirs))  # type: ignore[arg-type]
    replica.close()

    started = start(["--db", NOWHERE, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")])
    try:
        qtbot.addWidget(started.window)
        indicator = started.window.findChild(ReplicaIndicator)
        assert indicator is not None
        qtbot.waitUntil(lambda: indicator.resolve_button.isVisible(), timeout=10_000)
        assert "1 conflict(s) to resolve" in indicator.text()
        qtbot.mouseClick(indicator.resolve_button, Qt.MouseButton.LeftButton)
        dialog = started.window.findChild(ConflictsDialog)
        assert dialog is not None and dialog.table.rowCount() == 1
        cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
        assert cells[1] == "Status" and cells[2].startswith("waiting on customer (alice")
        assert cells[3].startswith("resolved (bob") and cells[4] == "resolved"
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 0
        dialog.close()
        with started.store.read() as session:
            from desk.store.models import Case

            assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: not indicator.resolve_button.isVisible(), timeout=10_000)
    finally:
        started.stop()


def test_a_case_in_conflict_says_so_in_the_queue_and_its_pane_until_resolved(
    qtbot: QtBot, tmp_path: Path, catalogs: CatalogRegistry
) -> None:
    clock = FakeClock(T0)
    replica = open_replica(replica_path(NOWHERE), clock)
    desk = Desk(replica, catalogs, clock, actor="bob")
    seed_customers(desk)
    (case_id,) = desk.open_case("cust-L3", "<b>disputed</b>", "S2", "ticket").cases
    desk.set_status(case_id, "in_progress")
    desk.assign(case_id, "<i>bob</i>")
    with replica.write() as session:
        record_state(session, server=shown(NOWHERE), last_sync_at=T0)
    # Alice set it waiting on the customer while apart; a colleague's sync recorded it for the team.
    add_team_conflict(replica, case_id, ("waiting_customer", "alice"), ("in_progress", "bob"), T0, number=3)
    add_team_conflict(replica, case_id, ("alice", "alice"), ("<i>bob</i>", "bob"), T0, field="assignee", number=4)
    replica.close()

    started = start(["--db", NOWHERE, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")])
    try:
        window = started.window
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.loading and window.model.conflict_of(case_id) is not None, timeout=10_000)
        cell = window.model.index(window.model.row_of(case_id), COLUMNS.index("status"))  # type: ignore[arg-type]
        assert cell.data(Qt.ItemDataRole.DisplayRole) == "⚠ in progress"
        spoken = bare(cell.data(Qt.ItemDataRole.AccessibleTextRole))  # names are isolated (bidi), not shown
        assert "Conflict: status waiting on customer (you) / in progress (bob)" in spoken
        assert "Conflict: assignee alice (you) / <i>bob</i> (bob)" in spoken

        window.queue.select_case(case_id)
        pane = window.detail
        qtbot.waitUntil(lambda: pane.detail is not None and pane.conflict.isVisible(), timeout=10_000)
        assert pane.conflict.textFormat() == Qt.TextFormat.PlainText  # the values are the agents' text
        assert bare(pane.conflict.text()).startswith("Conflict: status waiting on customer (you) / in progress (bob)")
        assert pane.conflict.accessibleName() and pane.resolve_conflict.accessibleName()
        qtbot.mouseClick(pane.resolve_conflict, Qt.MouseButton.LeftButton)
        dialog = window.findChild(ConflictsDialog)
        assert dialog is not None and dialog.table.rowCount() == 2
        assert dialog.table.currentRow() == 0 and dialog.table.item(0, 1).text() == "Status"
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 1
        dialog.table.selectRow(0)
        qtbot.mouseClick(dialog.keep_theirs, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == 0
        dialog.close()
        qtbot.waitUntil(lambda: not pane.conflict.isVisible(), timeout=10_000)
        assert not pane.resolve_conflict.isVisible() and pane.detail is not None
        assert pane.detail.status == "waiting_customer" and pane.detail.assignee == "<i>bob</i>"
        qtbot.waitUntil(lambda: window.model.conflict_of(case_id) is None, timeout=10_000)
        assert cell.data(Qt.ItemDataRole.DisplayRole) == "waiting on customer"
    finally:
        started.stop()


def bare(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


@pytest.fixture
def server_url() -> Iterator[str]:
    if not PG_URL:
        pytest.skip("DESK_TEST_PG_URL is not set (no PostgreSQL server)")
    wipe_server(PG_URL)
    yield PG_URL


def test_the_window_syncs_in_the_background_and_keeps_working_when_the_server_goes(
    qtbot: QtBot, tmp_path: Path, server_url: str, catalogs: CatalogRegistry
) -> None:
    from sqlalchemy.engine import make_url

    clock = FakeClock(T0)
    server = open_store(server_url, clock=clock)
    colleague = Desk(server, catalogs, clock, actor="bob")
    seed_customers(colleague)
    colleague.open_case("cust-L3", "on the server", "S2", "ticket")
    parsed = make_url(server_url)
    proxy = TcpProxy(parsed.host or "localhost", parsed.port or 5432)
    url = proxy.url(server_url)
    args = ["--db", url, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")]
    try:
        started = start(args)  # no replica yet: the window works on the server while it fills one
        try:
            qtbot.addWidget(started.window)
            indicator = started.window.findChild(ReplicaIndicator)
            assert indicator is not None
            qtbot.waitUntil(lambda: indicator.text().startswith("Online · last sync"), timeout=15_000)
        finally:
            started.stop()
        proxy.cut()
        started = start(args)  # the server is gone: the window opens on the replica, at once
        try:
            qtbot.addWidget(started.window)
            qtbot.waitUntil(lambda: not started.window.loading)
            assert started.window.model.rowCount() == 1
            indicator = started.window.findChild(ReplicaIndicator)
            assert indicator is not None
            qtbot.waitUntil(lambda: indicator.text().startswith("Offline ·"), timeout=10_000)
            window_desk = started.window.desk
            (case_id,) = window_desk.open_case("cust-L2", "opened offline in the window", "S3", "ticket").cases
            started.replica_sync.run_now()  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: "write(s) waiting" in indicator.text(), timeout=10_000)
            colleague.open_case("cust-L4", "opened on the server meanwhile", "S2", "ticket")
            proxy.restore()
            clock.advance(timedelta(minutes=1))
            started.replica_sync.run_now()  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: indicator.text().startswith("Online ·"), timeout=15_000)
            assert "waiting" not in indicator.text()
            qtbot.waitUntil(lambda: started.window.model.rowCount() == 3)  # the colleague's case, caught up
            with server.read() as session:
                from desk.store.models import Case

                assert session.get(Case, case_id) is not None  # pushed by the background sync
        finally:
            started.stop()
    finally:
        proxy.close()
        server.close()


def test_a_window_on_the_server_carries_on_on_its_replica_when_the_server_goes(
    qtbot: QtBot, tmp_path: Path, server_url: str, catalogs: CatalogRegistry
) -> None:
    from sqlalchemy.engine import make_url

    clock = FakeClock(T0)
    server = open_store(server_url, clock=clock)
    colleague = Desk(server, catalogs, clock, actor="bob")
    seed_customers(colleague)
    colleague.open_case("cust-L3", "on the server", "S2", "ticket")
    parsed = make_url(server_url)
    proxy = TcpProxy(parsed.host or "localhost", parsed.port or 5432)
    args = ["--db", proxy.url(server_url), "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g")]
    try:
        started = start(args)
        try:
            first = started.window  # replaced and deleted by the switch: not handed to qtbot to close
            indicator = first.findChild(ReplicaIndicator)
            assert indicator is not None and not started.store.is_sqlite
            qtbot.waitUntil(lambda: indicator.text().startswith("Online · last sync"), timeout=15_000)
            # Only the switch is under test: the shared-changes poll of a window on the server has its
            # own behaviour when the server goes (and its own tests), so it is kept out of the way here.
            first.sync.timer.stop()
            proxy.cut()
            started.replica_sync.run_now()  # type: ignore[union-attr]
            qtbot.waitUntil(lambda: started.window is not first, timeout=15_000)
            assert started.store.is_sqlite  # the replica
            qtbot.addWidget(started.window)
            qtbot.waitUntil(lambda: not started.window.loading)
            assert started.window.model.rowCount() == 1
            started.window.desk.open_case("cust-L2", "written while the server is gone", "S3", "ticket")
        finally:
            started.stop()
    finally:
        proxy.close()
        server.close()


def test_a_conflict_a_colleagues_sync_found_shows_in_the_window_and_its_resolution_reaches_the_server(
    qtbot: QtBot, tmp_path: Path, server_url: str, catalogs: CatalogRegistry
) -> None:
    from sqlalchemy import select

    from desk.replica.push import insert_ignoring_known, table
    from desk.replica.shared import new_conflict
    from desk.replica.sync import TeamDesk
    from desk.store.conflict_models import CaseConflict
    from desk.store.models import CaseEvent

    clock = FakeClock(T0)
    server = open_store(server_url, clock=clock)
    bob = Desk(server, catalogs, clock, actor="bob")
    seed_customers(bob)
    (case_id,) = bob.open_case("cust-L3", "disputed", "S2", "ticket").cases
    team = TeamDesk(server_url, replica_path(server_url), clock)  # alice's workstation synced once before
    team.sync(catalogs, "alice")
    team.close()
    args = ["--db", server_url, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")]
    started = start(args)
    try:
        window = started.window
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.loading and window.model.row_of(case_id) is not None, timeout=10_000)
        assert window.model.conflict_of(case_id) is None
        # Meanwhile a sync elsewhere merges alice's offline status with bob's and records the conflict.
        clock.advance(timedelta(minutes=1))
        bob.set_status(case_id, "in_progress")
        with server.write() as session:
            opened = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)).first()
            bobs = session.scalars(select(CaseEvent).where(CaseEvent.kind == "status")).one()
            alices = {"id": opened.id, "new": "waiting_customer", "actor": "alice", "at": clock.now()}  # type: ignore[union-attr]
            row = new_conflict(case_id, "status", alices, bobs, "in_progress", "carol", clock.now())
            insert_ignoring_known(session, table("case_conflicts"), [row])
        started.replica_sync.run_now()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: window.model.conflict_of(case_id) is not None, timeout=15_000)
        assert "Conflict: status waiting on customer (you) / in progress (" in window.model.conflict_of(case_id)  # type: ignore[operator]

        window.queue.select_case(case_id)
        pane = window.detail
        qtbot.waitUntil(lambda: pane.resolve_conflict.isVisible(), timeout=10_000)
        qtbot.mouseClick(pane.resolve_conflict, Qt.MouseButton.LeftButton)
        dialog = window.findChild(ConflictsDialog)
        assert dialog is not None and dialog.table.rowCount() == 1
        qtbot.mouseClick(dialog.keep_mine, Qt.MouseButton.LeftButton)
        dialog.close()
        qtbot.waitUntil(lambda: not pane.conflict.isVisible(), timeout=10_000)
        started.replica_sync.run_now()  # type: ignore[union-attr]

        def closed_on_server() -> bool:
            with server.read() as session:
                return session.scalar(select(CaseConflict.resolved_by)) == "alice"

        qtbot.waitUntil(closed_on_server, timeout=15_000)
    finally:
        started.stop()
        server.close()


def test_a_window_on_its_replica_shows_a_colleagues_change_within_a_second_and_pushes_its_own_at_once(
    qtbot: QtBot, tmp_path: Path, server_url: str, catalogs: CatalogRegistry
) -> None:
    import time

    from desk.store.models import Case

    clock = FakeClock(T0)
    server = open_store(server_url, clock=clock)
    colleague = Desk(server, catalogs, clock, actor="bob")
    seed_customers(colleague)
    colleague.open_case("cust-L3", "on the server", "S2", "ticket")
    args = ["--db", server_url, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")]
    try:
        started = start(args)  # no replica yet: the window works on the server while it fills one
        try:
            qtbot.addWidget(started.window)
            indicator = started.window.findChild(ReplicaIndicator)
            assert indicator is not None
            qtbot.waitUntil(lambda: indicator.text().startswith("Online · last sync"), timeout=15_000)
        finally:
            started.stop()
        started = start(args)  # synced: the window works on its replica
        try:
            qtbot.addWidget(started.window)
            sync = started.replica_sync
            assert started.store.is_sqlite and sync is not None
            qtbot.waitUntil(lambda: not started.window.loading and sync.is_listening, timeout=15_000)
            assert started.window.model.rowCount() == 1
            clock.advance(timedelta(minutes=1))
            began = time.monotonic()
            colleague.open_case("cust-L4", "a colleague's new case", "S2", "ticket")
            # Within the second, long before the next round of the 5 s sync.
            qtbot.waitUntil(lambda: started.window.model.rowCount() == 2, timeout=1_000)
            assert time.monotonic() - began < 1.0

            began = time.monotonic()
            result = started.window.ops.run(lambda desk: desk.open_case("cust-L2", "alice's new case", "S3", "ticket"))
            assert result is not None
            (mine,) = result.cases

            def on_server() -> bool:
                with server.read() as session:
                    return session.get(Case, mine) is not None

            qtbot.waitUntil(on_server, timeout=1_000)
            assert time.monotonic() - began < 1.0
        finally:
            started.stop()
    finally:
        server.close()


def test_a_colleagues_change_reaches_a_window_on_its_replica_while_a_full_round_is_still_running(
    qtbot: QtBot, tmp_path: Path, server_url: str, catalogs: CatalogRegistry, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import desk.replica.sync as sync_module

    clock = FakeClock(T0)
    server = open_store(server_url, clock=clock)
    colleague = Desk(server, catalogs, clock, actor="bob")
    seed_customers(colleague)
    (case_id,) = colleague.open_case("cust-L3", "on the server", "S2", "ticket").cases
    args = ["--db", server_url, "--language", "en", "--agent", "alice", "--settings", str(tmp_path / "g.ini")]
    inside, release = threading.Event(), threading.Event()
    original = sync_module.pull

    def slow_pull(*a: object, **kw: object) -> object:
        inside.set()
        release.wait(30)  # a full round busy with a large pull (or a slow server)
        return original(*a, **kw)  # type: ignore[arg-type]

    try:
        started = start(args)  # no replica yet: the window works on the server while it fills one
        try:
            qtbot.addWidget(started.window)
            indicator = started.window.findChild(ReplicaIndicator)
            assert indicator is not None
            qtbot.waitUntil(lambda: indicator.text().startswith("Online · last sync"), timeout=15_000)
        finally:
            started.stop()
        started = start(args)  # synced: the window works on its replica
        try:
            qtbot.addWidget(started.window)
            sync = started.replica_sync
            assert started.store.is_sqlite and sync is not None
            qtbot.waitUntil(lambda: not started.window.loading and sync.is_listening, timeout=15_000)
            monkeypatch.setattr(sync_module, "pull", slow_pull)
            sync.run_now()  # (or the round under way ends and the next one comes: the 5 s round)
            qtbot.waitUntil(inside.is_set, timeout=15_000)
            clock.advance(timedelta(minutes=1))
            colleague.set_status(case_id, "waiting_customer")
            model = started.window.model

            def shown_status() -> str:
                row = model.row_of(case_id)
                return model.entry(row).status if row is not None else ""

            qtbot.waitUntil(lambda: shown_status() == "waiting_customer", timeout=2_000)
            assert not release.is_set()  # the full round is still held
        finally:
            release.set()
            started.stop()
    finally:
        server.close()
