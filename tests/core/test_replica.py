"""The replica without a server: writes queued with them in one transaction, the fallback, and its messages.

The server URLs here point at a closed local port, so the "server" refuses at once; the tests on a
real server are in test_replica_postgres.py.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from desk.catalog import CatalogRegistry
from desk.cli import main
from desk.clock import FakeClock
from desk.replica.link import open_replica, replica_path, with_short_timeouts
from desk.replica.local import FieldConflict, add_conflict, pending_count, set_pulling
from desk.services import Desk
from desk.store.models import Case
from desk.store.writer import NewEvent
from tests.helpers import seed_customers
from tests.helpers.conflicts import add_team_conflict

NOWHERE = "postgresql+psycopg://desk:secret@127.0.0.1:1/team"  # nothing listens on port 1


@pytest.fixture
def replica_file(tmp_path: Path, clock: FakeClock, catalogs: CatalogRegistry) -> Path:
    path = tmp_path / "replica.sqlite"
    store = open_replica(path, clock)
    seed_customers(Desk(store, catalogs, clock, actor="seed"))
    store.close()
    return path


def waiting(path: Path, clock: FakeClock) -> int:
    store = open_replica(path, clock)
    try:
        with store.read() as session:
            return pending_count(session)
    finally:
        store.close()


def test_a_write_and_its_outbox_entry_are_one_transaction(
    replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    store = open_replica(replica_file, clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    before = waiting(replica_file, clock)
    (case_id,) = desk.open_case("cust-L3", "queued", "S2", "ticket").cases
    after_open = waiting(replica_file, clock)
    assert after_open > before
    with pytest.raises(RuntimeError), store.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        desk.writer.append(session, case, NewEvent(clock.now(), "note", new="lost"))
        raise RuntimeError("the write fails after its event was added")
    assert waiting(replica_file, clock) == after_open  # neither the event nor its outbox entry
    with store.write() as session:  # rows a pull copies are the server's: never queued back
        set_pulling(session, True)
        session.execute(text("UPDATE cases SET title = 'from the server'"))
        set_pulling(session, False)
    assert waiting(replica_file, clock) == after_open
    store.close()


def test_the_cli_works_on_the_replica_when_the_server_refuses_and_says_so(
    replica_file: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["--db", NOWHERE, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T01:00:00Z"]
    queued = waiting(replica_file, clock)
    assert main([*base, "case", "open", "cust-L3", "offline case", "--severity", "S2", "--channel", "ticket"]) == 0
    out = capsys.readouterr()
    assert "offline" in out.err and str(replica_file) in out.err
    assert "secret" not in out.err  # the password is never shown
    ref = out.out.strip()
    assert main([*base, "case", "respond", ref]) == 0
    capsys.readouterr()
    assert main([*base, "status", "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["online"] is False and status["waiting"] > queued
    assert "Connection refused" in status["offline_reason"] or "refused" in status["offline_reason"].lower()
    assert main([*base, "sla", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["case_id"] == ref
    assert main([*base, "sync"]) == 1
    assert "cannot be reached" in capsys.readouterr().err


def test_no_replica_yet_and_no_server_is_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.sqlite"
    assert main(["--db", NOWHERE, "--replica", str(missing), "sla"]) == 1
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "desk sync" in err and "secret" not in err
    assert not missing.exists()


def test_replica_commands_need_a_server_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", f"sqlite:///{tmp_path / 'local.sqlite'}", "status"]) == 2
    assert "server database" in capsys.readouterr().err


def test_a_replica_of_another_server_is_refused(replica_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", NOWHERE, "--replica", str(replica_file), "status"]) == 0
    other = NOWHERE.replace("/team", "/other")
    assert main(["--db", other, "--replica", str(replica_file), "status"]) == 2
    assert "belongs to" in capsys.readouterr().err


def test_where_the_replica_lives(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = replica_path(NOWHERE)
    assert default.suffix == ".sqlite" and "replicas" in default.parts
    assert replica_path(NOWHERE.replace("/team", "/other")) != default
    monkeypatch.setenv("DESK_REPLICA", str(tmp_path / "env.sqlite"))
    assert replica_path(NOWHERE) == tmp_path / "env.sqlite"
    assert replica_path(NOWHERE, str(tmp_path / "flag.sqlite")) == tmp_path / "flag.sqlite"


def test_server_urls_get_short_timeouts_unless_they_set_their_own() -> None:
    tuned = with_short_timeouts(NOWHERE)
    assert "connect_timeout=2" in tuned and "keepalives=1" in tuned
    assert "connect_timeout=9" in with_short_timeouts(NOWHERE + "?connect_timeout=9")


def test_conflicts_are_listed_with_both_values_and_resolved_by_the_agent(
    replica_file: Path, clock: FakeClock, catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_replica(replica_file, clock)
    (case_id,) = Desk(store, catalogs, clock, actor="bob").open_case("cust-L3", "disputed", "S2", "ticket").cases
    Desk(store, catalogs, clock, actor="bob").set_status(case_id, "resolved")
    with store.read() as session:
        before = pending_count(session)
    # What a pull copies when a colleague's sync found both sides changed the status while apart.
    add_team_conflict(store, case_id, ("waiting_customer", "alice"), ("resolved", "bob"), clock.now(), number=4)
    store.close()
    base = ["--db", NOWHERE, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T01:00:00Z"]
    assert main([*base, "conflicts"]) == 0
    out = capsys.readouterr().out
    assert "#4  case " in out and "'waiting_customer' (you)" in out and "'resolved' (bob)" in out
    assert "shows 'resolved'" in out
    assert main([*base, "status"]) == 0
    assert "conflicts: 1 to resolve" in capsys.readouterr().out
    assert main([*base, "resolve", "4", "bogus"]) == 2
    assert "not a status" in capsys.readouterr().err
    assert main([*base, "resolve", "9", "mine"]) == 2
    assert "no conflict 9" in capsys.readouterr().err
    assert main([*base, "resolve", "4", "mine"]) == 0
    assert "outbox" in capsys.readouterr().err  # offline: the resolution waits for the server, like any write
    assert main([*base, "resolve", "4", "theirs"]) == 2
    assert "resolved already" in capsys.readouterr().err  # once
    assert main([*base, "conflicts"]) == 0
    assert "no conflicts to resolve" in capsys.readouterr().out
    store = open_replica(replica_file, clock)
    with store.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
        # The event, the case's new version and the closed conflict are queued for the server.
        assert pending_count(session) == before + 2  # the case was queued already
        queued = set(session.scalars(text("SELECT tbl FROM replica_outbox")))
        assert {"case_events", "case_conflicts"} <= queued
    store.close()


def test_a_record_conflict_is_this_workstations_and_called_r_and_its_number(
    replica_file: Path, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_replica(replica_file, clock)
    with store.write() as session:  # a booking changed on both sides: the server's version was kept
        now = clock.now()
        sides = {"mine": '{"persons": 3}', "mine_by": "", "mine_at": now, "theirs": '{"persons": 2}'}
        row = {"id": 0, "table": "quota_uses", "row_id": uuid.uuid4(), "ref": "B-1", "field": "*", "detected_at": now}
        add_conflict(session, FieldConflict(**row, **sides, theirs_by="", theirs_at=now, merged=None))  # type: ignore[arg-type]
    store.close()
    base = ["--db", NOWHERE, "--replica", str(replica_file), "--as", "alice", "--now", "2026-11-26T01:00:00Z"]
    assert main([*base, "conflicts"]) == 0
    assert "#r1  quota_uses B-1" in capsys.readouterr().out
    assert main([*base, "resolve", "r1", "done"]) == 2
    assert "whole record" in capsys.readouterr().err
    assert main([*base, "resolve", "r1", "theirs"]) == 0
    assert main([*base, "conflicts"]) == 0
    assert "no conflicts to resolve" in capsys.readouterr().out
