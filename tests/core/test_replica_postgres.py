"""Offline first on a real PostgreSQL server: a desk cut off from it keeps working on its replica and rejoins.

The network is cut with a TCP proxy in front of the server (the server itself keeps running). At the end,
the targeted pull a window on its replica makes of just the cases the server announced.
Runs when DESK_TEST_PG_URL names a server database the tests may wipe; skipped otherwise.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text, update

from desk.catalog import CatalogRegistry
from desk.cli import main
from desk.clock import FakeClock
from desk.contracts import CustomerForm, Period, save_customer
from desk.interchange import Batch, Row, import_batch
from desk.queries import iter_case_sla
from desk.replica.conflicts import open_conflicts, resolve
from desk.replica.local import set_pulling, state
from desk.replica.pull import CasesPulled
from desk.replica.sync import TeamDesk
from desk.services import Desk
from desk.store.engine import Store, open_store
from desk.store.models import Case, CaseEvent
from desk.store.writer import NewEvent
from tests.helpers import seed_customers
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def server(clock: FakeClock) -> Iterator[Store]:
    wipe_server(PG_URL)
    store = open_store(PG_URL, clock=clock)
    yield store
    store.close()


@pytest.fixture
def colleague(server: Store, catalogs: CatalogRegistry, clock: FakeClock) -> Desk:
    """Another agent, always online (writing straight to the server)."""
    desk = Desk(server, catalogs, clock, actor="bob")
    seed_customers(desk)
    return desk


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    from sqlalchemy.engine import make_url

    parsed = make_url(PG_URL)
    p = TcpProxy(parsed.host or "localhost", parsed.port or 5432)
    yield p
    p.close()


@pytest.fixture
def url(proxy: TcpProxy) -> str:
    return proxy.url(PG_URL)


@pytest.fixture
def replica_file(tmp_path: Path) -> Path:
    return tmp_path / "replica.sqlite"


def joined(url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry) -> TeamDesk:
    team = TeamDesk(url, replica_file, clock)
    assert team.online
    assert team.sync(catalogs, "alice").unreachable is None
    return team


def count_on(store: Store, model: type, **where: object) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(session.scalar(query) or 0)


def test_offline_writes_reach_the_server_once_even_when_the_push_is_retried(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry,
) -> None:  # fmt: skip
    (case_id,) = colleague.open_case("cust-L3", "disk full", "S2", "ticket").cases
    joined(url, replica_file, clock, catalogs).close()
    proxy.cut()

    team = TeamDesk(url, replica_file, clock)
    assert not team.online
    alice = Desk(team.store, catalogs, clock, actor="alice")
    clock.advance(timedelta(minutes=4))
    alice.record_response(case_id, "looking")
    alice.add_note(case_id, "offline note")
    (offline_case,) = alice.open_case("cust-L2", "opened offline", "S3", "ticket").cases
    assert team.status().waiting > 0
    with team.replica.read() as session:  # what a crash after the server's commit would leave queued
        queued = session.execute(text("SELECT tbl, row_id, base_version, queued_at FROM replica_outbox")).all()
    team.close()
    assert count_on(server, CaseEvent, case_id=case_id) == 1  # the server has only the opening

    proxy.restore()
    team = TeamDesk(url, replica_file, clock)
    result = team.sync(catalogs, "alice")
    assert result.unreachable is None and result.conflicts == ()
    assert team.status().waiting == 0
    events_after = count_on(server, CaseEvent, case_id=case_id)
    with server.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.first_response_at == clock.now()  # the response's real time
    with team.replica.write() as session:  # the same writes queued again: the push is retried
        for row in queued:
            session.execute(
                text("INSERT INTO replica_outbox (tbl, row_id, base_version, queued_at) VALUES (:t, :r, :b, :q)"),
                {"t": row.tbl, "r": row.row_id, "b": row.base_version, "q": row.queued_at},
            )
    assert team.sync(catalogs, "alice").pushed == len(queued)
    assert count_on(server, CaseEvent, case_id=case_id) == events_after == 4  # opened, response, status, note
    assert count_on(server, CaseEvent, case_id=offline_case) == 1
    assert count_on(server, Case) == 2
    team.close()


def test_a_status_changed_on_both_sides_is_a_conflict_the_agent_resolves(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry,
) -> None:  # fmt: skip
    (case_id,) = colleague.open_case("cust-L3", "login fails", "S2", "ticket").cases
    colleague.record_response(case_id)
    joined(url, replica_file, clock, catalogs).close()
    proxy.cut()
    team = TeamDesk(url, replica_file, clock)
    clock.advance(timedelta(minutes=2))
    Desk(team.store, catalogs, clock, actor="alice").set_status(case_id, "waiting_customer")
    team.close()
    clock.advance(timedelta(minutes=1))
    colleague.set_status(case_id, "resolved", "fixed")  # meanwhile, on the server

    proxy.restore()
    team = TeamDesk(url, replica_file, clock)
    (conflict,) = team.sync(catalogs, "alice").conflicts
    assert (conflict.field, conflict.mine, conflict.mine_by) == ("status", "waiting_customer", "alice")
    assert (conflict.theirs, conflict.theirs_by, conflict.merged) == ("resolved", "bob", "resolved")
    (listed,) = open_conflicts(team)
    assert team.status().open_conflicts == 1
    with server.read() as session:  # both facts are in the history; the row follows the later one
        kinds = [(e.kind, e.new) for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id))]
        assert ("status", "waiting_customer") in kinds and ("status", "resolved") in kinds
        assert session.get(Case, case_id).status == "resolved"  # type: ignore[union-attr]

    resolve(team, listed.key, "mine", catalogs, "alice")
    assert open_conflicts(team) == [] and team.status().open_conflicts == 0
    with server.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
    team.close()


def test_countdowns_after_rejoin_equal_the_servers(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry,
) -> None:  # fmt: skip
    cases = [colleague.open_case("cust-L4", f"case {n}", "S2", "ticket").cases for n in range(4)]
    ids = [next(iter(c)) for c in cases]
    joined(url, replica_file, clock, catalogs).close()
    proxy.cut()
    team = TeamDesk(url, replica_file, clock)
    alice = Desk(team.store, catalogs, clock, actor="alice")
    clock.advance(timedelta(minutes=3))
    alice.record_response(ids[0])
    alice.regrade(ids[1], "S1", "payments down")
    clock.advance(timedelta(minutes=2))
    colleague.record_response(ids[2])
    alice.add_note(ids[2], "two offline writes and one online: the versions meet, the rows do not")
    alice.set_status(ids[2], "waiting_customer")
    colleague.set_status(ids[3], "waiting_customer")  # the server pauses a clock the replica does not know of
    clock.advance(timedelta(minutes=1))
    alice.record_response(ids[3])  # offline, after that pause in real time
    team.close()
    clock.advance(timedelta(minutes=10))
    proxy.restore()
    team = TeamDesk(url, replica_file, clock)
    assert team.sync(catalogs, "alice").unreachable is None
    now = clock.now()

    def countdowns(store: Store) -> dict[str, object]:
        desk = Desk(store, catalogs, clock, actor="x")
        shown: dict[str, object] = {
            row.ref: [(c.name, c.state, c.deadline) for c in row.sla.clocks] for row in iter_case_sla(desk, now)
        }
        with store.read() as session:  # and what the queue shows: each case row's cached deadline
            for case in session.scalars(select(Case)):
                shown[f"{case.ref} row"] = (case.status, case.severity, case.due_at, case.due_clock)
        return shown

    on_server, on_replica = countdowns(server), countdowns(team.replica)
    assert len(on_server) == 8 and on_server == on_replica
    team.close()


def test_an_unreachable_server_is_noticed_within_seconds_refused_or_silent(
    server: Store, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    joined(url, replica_file, clock, catalogs).close()
    for cut in (proxy.cut, proxy.blackhole):
        cut()
        started = time.monotonic()
        team = TeamDesk(url, replica_file, clock)
        assert not team.online and team.unreachable is not None
        assert time.monotonic() - started < 5
        team.close()
        proxy.restore()


def test_the_cli_works_offline_says_so_and_syncs_later(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    (case_id,) = colleague.open_case("cust-L3", "printer on fire", "S2", "ticket").cases
    with server.read() as session:
        ref = session.get(Case, case_id).ref  # type: ignore[union-attr]
    base = ["--db", url, "--replica", str(replica_file), "--as", "alice"]
    at = ["--now", "2026-11-26T01:05:00Z"]
    assert main([*base, *at, "sync"]) == 0
    proxy.cut()
    capsys.readouterr()
    started = time.monotonic()
    assert main([*base, *at, "case", "respond", ref, "--reason", "on it"]) == 0
    assert time.monotonic() - started < 5
    assert "offline" in capsys.readouterr().err
    assert main([*base, *at, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["online"] is False and status["waiting"] > 0
    assert main([*base, *at, "sla", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["case_id"] == ref
    assert main([*base, *at, "sync"]) == 1  # nothing to push to yet, said clearly
    assert "cannot be reached" in capsys.readouterr().err

    proxy.restore()
    assert main([*base, *at, "sync"]) == 0
    assert "0 waiting" in capsys.readouterr().out
    assert count_on(server, CaseEvent, case_id=case_id, kind="response") == 1
    assert main([*base, *at, "status"]) == 0
    assert "online" in capsys.readouterr().out


def test_a_case_id_taken_on_the_server_meanwhile_is_renamed_not_lost(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry,
) -> None:  # fmt: skip
    joined(url, replica_file, clock, catalogs).close()
    proxy.cut()
    team = TeamDesk(url, replica_file, clock)
    (mine,) = Desk(team.store, catalogs, clock, actor="alice").open_case("cust-L1", "mine", "S3", "ticket").cases
    team.close()
    colleague.open_case("cust-L1", "theirs", "S3", "ticket")  # takes the same next id
    proxy.restore()
    team = TeamDesk(url, replica_file, clock)
    result = team.sync(catalogs, "alice")
    ((old, new),) = result.renamed.items()
    assert new.startswith(old) and new != old
    with server.read() as session:
        assert session.get(Case, mine).ref == new  # type: ignore[union-attr]
        assert {c.title for c in session.scalars(select(Case))} == {"mine", "theirs"}
    with team.replica.read() as session:
        assert session.get(Case, mine).ref == new  # type: ignore[union-attr]
    team.close()


def test_a_handover_signed_offline_keeps_its_hash_on_the_server(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    colleague.open_case("cust-L3", "handed over", "S2", "ticket", assignee="alice")
    base = ["--db", url, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T09:00:00Z"]
    assert main([*base, "sync"]) == 0
    proxy.cut()
    capsys.readouterr()
    window = ["--from", "2026-11-26T01:00:00Z", "--to", "2026-11-26T09:00:00Z", "--outgoing", "alice"]
    assert main([*base, "handover", "create", *window, "--json"]) == 0
    created = json.loads(capsys.readouterr().out)
    assert main([*base, "handover", "sign", created["id"]]) == 0
    proxy.restore()
    assert main([*base, "sync"]) == 0
    capsys.readouterr()
    assert main(["--db", PG_URL, "handover", "verify", created["id"]]) == 0
    with server.read() as session:
        sha, signed = session.execute(
            text("SELECT sha256, signed_sha256 FROM handover_reports WHERE id = :id"),
            {"id": uuid.UUID(created["id"]) if len(created["id"]) == 36 else created["id"]},
        ).one()
    assert sha == signed == created["sha256"]


def test_a_pull_takes_the_servers_row_even_when_the_version_numbers_meet(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    (case_id,) = colleague.open_case("cust-L3", "versions", "S2", "ticket").cases
    team = joined(url, replica_file, clock, catalogs)
    with team.replica.write() as session:  # the replica counted local edits of its own (already pushed)
        set_pulling(session, True)
        session.execute(update(Case).where(Case.id == case_id).values(version=Case.version + 2))
        set_pulling(session, False)
    clock.advance(timedelta(minutes=1))
    colleague.set_status(case_id, "waiting_customer")  # the server's version is now the replica's
    assert team.sync(catalogs, "alice").unreachable is None
    with team.replica.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
    team.close()


def test_a_title_changed_offline_by_an_import_reaches_the_server(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry,
) -> None:  # fmt: skip
    (case_id,) = colleague.open_case("cust-L3", "old title", "S2", "ticket").cases
    joined(url, replica_file, clock, catalogs).close()
    proxy.cut()
    team = TeamDesk(url, replica_file, clock)
    writer = Desk(team.store, catalogs, clock, actor="alice").writer
    with team.store.write() as session:  # what the importer does for a changed text field
        case = session.get(Case, case_id)
        assert case is not None
        writer.append(session, case, NewEvent(clock.now(), "field", field="title", old=case.title, new="new title"))
        case.title = "new title"
        writer.finish(session, case)
    team.close()
    proxy.restore()
    team = TeamDesk(url, replica_file, clock)
    assert team.sync(catalogs, "alice").unreachable is None
    with server.read() as session:
        assert session.get(Case, case_id).title == "new title"  # type: ignore[union-attr]
    team.close()


def test_a_record_changed_again_while_it_is_pushed_stays_queued(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path, clock: FakeClock,
    catalogs: CatalogRegistry, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import desk.replica.push as push_module
    from desk.store.models import Customer

    team = joined(url, replica_file, clock, catalogs)

    def rename(name: str) -> None:
        with team.replica.write() as session:
            session.execute(update(Customer).where(Customer.ref == "cust-L1").values(name=name))

    rename("first name")
    original = push_module._apply_row

    def meanwhile(*args: object, **kwargs: object) -> object:
        applied = original(*args, **kwargs)  # type: ignore[arg-type]
        rename("second name")  # the agent edits it again while the push runs
        return applied

    monkeypatch.setattr(push_module, "_apply_row", meanwhile)
    team.sync(catalogs, "alice")
    monkeypatch.setattr(push_module, "_apply_row", original)
    assert team.status().waiting == 1
    assert team.sync(catalogs, "alice").conflicts == ()
    with server.read() as session:
        assert session.scalar(select(Customer.name).where(Customer.ref == "cust-L1")) == "second name"
    team.close()


def test_a_case_written_here_between_push_and_pull_keeps_its_state(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import desk.replica.sync as sync_module

    (case_id,) = colleague.open_case("cust-L3", "busy", "S2", "ticket").cases
    team = joined(url, replica_file, clock, catalogs)
    clock.advance(timedelta(minutes=1))
    colleague.add_note(case_id, "the server's row moves on")
    original = sync_module.pull

    def after_a_local_write(*args: object, **kwargs: object) -> object:
        Desk(team.replica, catalogs, clock, actor="alice").set_status(case_id, "waiting_customer")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sync_module, "pull", after_a_local_write)
    team.sync(catalogs, "alice")
    monkeypatch.setattr(sync_module, "pull", original)
    with team.replica.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
    assert team.status().waiting > 0
    team.sync(catalogs, "alice")
    with server.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
    team.close()


def test_a_replica_is_made_by_sync_then_kept_fresh_by_every_command(
    server: Store, colleague: Desk, url: str, replica_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", url, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T01:05:00Z"]
    colleague.open_case("cust-L3", "first", "S2", "ticket")
    assert main([*base, "sla", "--json"]) == 0
    assert not replica_file.exists()  # an ordinary command does not copy the whole server first
    assert main([*base, "sync"]) == 0
    colleague.open_case("cust-L3", "second", "S2", "ticket")
    capsys.readouterr()
    assert main([*base, "sla", "--json"]) == 0  # on the server, then a sync
    replica = open_store(f"sqlite:///{replica_file}", clock=FakeClock(datetime(2026, 11, 26, 2, tzinfo=UTC)))
    assert count_on(replica, Case) == 2
    replica.close()


def test_a_server_lost_in_the_middle_of_a_command_is_said_plainly(
    server: Store, colleague: Desk, proxy: TcpProxy, url: str, replica_file: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import desk.cli as cli

    (case_id,) = colleague.open_case("cust-L3", "cut mid-way", "S2", "ticket").cases
    with server.read() as session:
        ref = session.get(Case, case_id).ref  # type: ignore[union-attr]
    base = ["--db", url, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T01:05:00Z"]
    assert main([*base, "sync"]) == 0
    original = cli.COMMANDS["case"]

    def cut_first(desk: Desk, args: object) -> int:
        proxy.cut()  # the server goes while the command works
        return original(desk, args)  # type: ignore[arg-type]

    monkeypatch.setitem(cli.COMMANDS, "case", cut_first)
    capsys.readouterr()
    assert main([*base, "case", "note", ref, "lost?"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "stopped answering during the command" in err or "cannot be reached" in err
    monkeypatch.setitem(cli.COMMANDS, "case", original)
    assert main([*base, "case", "note", ref, "on the replica"]) == 0  # the next one works offline
    assert "offline" in capsys.readouterr().err


def test_a_pull_copies_again_only_what_changed_not_all_the_overlap(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    # A window pulls on every notification: rows it already holds as they are must not be copied (and
    # shown) again each time, only those changed since.
    cases = [colleague.open_case("cust-L3", f"case {n}", "S2", "ticket").cases for n in range(5)]
    team = joined(url, replica_file, clock, catalogs)
    again = team.sync(catalogs, "alice")  # within the pull's overlap of the first: nothing new
    assert (again.pulled, again.pulled_cases) == (0, frozenset())
    clock.advance(timedelta(seconds=10))
    (changed,) = cases[2]
    colleague.add_note(changed, "one change")
    after = team.sync(catalogs, "alice")
    assert after.pulled_cases == frozenset({changed})
    assert after.pulled == 1 + 2  # the case's row, and its events (opened, then the note)
    assert count_on(team.replica, CaseEvent, case_id=changed) == 2
    with server.read() as ss, team.replica.read() as ls:
        assert ls.get(Case, changed).version == ss.get(Case, changed).version  # type: ignore[union-attr]
    team.close()


def test_a_case_opened_while_a_first_pull_reads_comes_with_the_next_pull(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    colleague.open_case("cust-L3", "before the pull", "S2", "ticket")
    team = TeamDesk(url, replica_file, clock)
    assert team.server is not None
    opened: list[uuid.UUID] = []

    def meanwhile(conn: object, cursor: object, statement: str, *args: object) -> None:
        # Another desk's case commits after the pull read the cases and before it reads their events.
        if not opened and statement.lstrip().startswith("SELECT case_events"):
            opened.extend(colleague.open_case("cust-L2", "during the pull", "S3", "ticket").cases)

    event.listen(team.server.engine, "before_cursor_execute", meanwhile)
    try:
        assert team.sync(catalogs, "alice").unreachable is None
    finally:
        event.remove(team.server.engine, "before_cursor_execute", meanwhile)
    assert opened
    clock.advance(timedelta(seconds=5))
    team.sync(catalogs, "alice")
    assert count_on(team.replica, CaseEvent, case_id=opened[0]) == 1
    assert count_on(team.replica, Case) == 2
    team.close()


def test_a_customer_contract_and_case_made_while_a_pull_reads_come_together_with_the_next_pull(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    team = TeamDesk(url, replica_file, clock)
    assert team.server is not None
    made: list[uuid.UUID] = []

    def meanwhile(conn: object, cursor: object, statement: str, *args: object) -> None:
        # A new customer with its contract and first case commits after the pull read the contracts and
        # before it reads the cases: one pull must not see the case without its contract.
        if not made and statement.lstrip().startswith("SELECT cases"):
            today = clock.now().date()
            save_customer(colleague, CustomerForm("cust-NEW", "New Ltd."), new=True, tier="L2",
                          period=Period(today - timedelta(days=1), today + timedelta(days=364)))  # fmt: skip
            made.extend(colleague.open_case("cust-NEW", "made during the pull", "S3", "ticket").cases)

    event.listen(team.server.engine, "before_cursor_execute", meanwhile)
    try:
        assert team.sync(catalogs, "alice").unreachable is None
    finally:
        event.remove(team.server.engine, "before_cursor_execute", meanwhile)
    assert made
    assert count_on(team.replica, Case, id=made[0]) == 0  # not seen by the pull that was reading
    clock.advance(timedelta(seconds=5))
    assert team.sync(catalogs, "alice").unreachable is None
    assert count_on(team.replica, Case, id=made[0]) == 1
    assert count_on(team.replica, CaseEvent, case_id=made[0]) == 1
    team.close()


def pulled(result: object) -> CasesPulled:
    assert isinstance(result, CasesPulled), result
    return result


def test_a_targeted_pull_brings_just_the_announced_case_and_its_new_events(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    (announced,) = colleague.open_case("cust-L3", "announced", "S2", "ticket").cases
    (other,) = colleague.open_case("cust-L2", "not announced", "S3", "ticket").cases
    team = joined(url, replica_file, clock, catalogs)
    with team.replica.read() as session:
        watermark = state(session).watermark
    clock.advance(timedelta(seconds=10))
    colleague.set_status(announced, "waiting_customer")
    colleague.add_note(announced, "asked for the logs")
    colleague.add_note(other, "comes with the full round")
    (opened,) = colleague.open_case("cust-L1", "new since the sync", "S2", "ticket").cases

    result = pulled(team.pull_notified([announced, opened]))

    assert result.cases == {announced, opened} and result.left == frozenset()
    with server.read() as ss, team.replica.read() as ls:
        for case_id in (announced, opened):
            here, there = ls.get(Case, case_id), ss.get(Case, case_id)
            assert here is not None and there is not None
            assert (here.version, here.status, here.updated_at) == (there.version, there.status, there.updated_at)
        assert ls.get(Case, other).version < ss.get(Case, other).version  # type: ignore[union-attr]
        assert state(ls).watermark == watermark  # the full round still looks at everything
    assert count_on(team.replica, CaseEvent, case_id=announced) == count_on(server, CaseEvent, case_id=announced)
    assert count_on(team.replica, CaseEvent, case_id=opened) == 1
    assert team.status().waiting == 0  # copied, not queued for a push
    again = pulled(team.pull_notified([announced]))  # announced twice: nothing left to copy
    assert (again.cases, again.rows) == (frozenset(), 0)
    team.close()


def test_a_case_written_here_is_left_to_the_full_round(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    (case_id,) = colleague.open_case("cust-L3", "both sides", "S2", "ticket").cases
    team = joined(url, replica_file, clock, catalogs)
    clock.advance(timedelta(seconds=10))
    Desk(team.replica, catalogs, clock, actor="alice").set_status(case_id, "waiting_customer")
    colleague.assign(case_id, "bob")

    result = pulled(team.pull_notified([case_id]))

    assert (result.cases, result.left) == (frozenset(), frozenset({case_id}))
    with team.replica.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and (case.status, case.assignee) == ("waiting_customer", "")
    assert count_on(team.replica, CaseEvent, case_id=case_id) == 2  # opened, and alice's status; not bob's
    assert team.status().waiting > 0
    done = team.sync(catalogs, "alice")  # the full round: push, judge, then pull
    assert done.conflicts == ()
    with server.read() as ss, team.replica.read() as ls:
        here, there = ls.get(Case, case_id), ss.get(Case, case_id)
        assert here is not None and there is not None
        assert (here.status, here.assignee, here.version) == ("waiting_customer", "bob", there.version)
    team.close()


def test_a_case_whose_customer_the_replica_lacks_is_left_to_the_full_round(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    team = joined(url, replica_file, clock, catalogs)
    clock.advance(timedelta(seconds=10))
    batch = Batch()
    batch.rows["customers"].append(Row("new", {"id": "cust-new", "name": "New Ltd."}))
    import_batch(colleague, batch)
    (case_id,) = colleague.open_case("cust-new", "a new customer's first case", "S2", "ticket").cases

    result = pulled(team.pull_notified([case_id]))

    assert (result.cases, result.left) == (frozenset(), frozenset({case_id}))
    assert count_on(team.replica, Case, id=case_id) == 0
    team.sync(catalogs, "alice")
    assert count_on(team.replica, Case, id=case_id) == 1
    team.close()


def test_a_conflict_on_a_case_a_targeted_pull_copied_shows_it_again_with_the_full_round(
    server: Store, colleague: Desk, url: str, replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    from desk.replica.push import insert_ignoring_known, table
    from desk.replica.shared import new_conflict

    (case_id,) = colleague.open_case("cust-L3", "disputed", "S2", "ticket").cases
    team = joined(url, replica_file, clock, catalogs)
    clock.advance(timedelta(seconds=10))
    colleague.set_status(case_id, "in_progress")
    assert pulled(team.pull_notified([case_id])).cases == {case_id}
    with server.write() as session:  # recorded after the case's row was copied
        events = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)).all()
        theirs = next(e for e in events if e.kind == "status")
        mine = {"id": events[0].id, "new": "waiting_customer", "actor": "alice", "at": clock.now()}
        insert_ignoring_known(
            session,
            table("case_conflicts"),
            [new_conflict(case_id, "status", mine, theirs, "in_progress", "carol", clock.now())],
        )
    assert team.sync(catalogs, "alice").pulled_cases == {case_id}
    team.close()
