"""Case field conflicts are the team's: found by one desk's sync, seen and resolved on another, closed once.

Two workstations (alice's and bob's), each with its own replica and its own TCP proxy in front of a real
PostgreSQL server, so either can be cut off. Runs when DESK_TEST_PG_URL names a server database the tests
may wipe; skipped otherwise.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry
from desk.cli import main
from desk.clock import FakeClock
from desk.errors import BadInput
from desk.replica.conflicts import open_conflicts, resolve
from desk.replica.sync import TeamDesk
from desk.services import Desk
from desk.store.conflict_models import CaseConflict
from desk.store.engine import Store, open_store
from desk.store.models import Case, CaseEvent
from tests.helpers import seed_customers
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def server(clock: FakeClock, catalogs: CatalogRegistry) -> Iterator[Store]:
    wipe_server(PG_URL)
    store = open_store(PG_URL, clock=clock)
    seed_customers(Desk(store, catalogs, clock, actor="seed"))
    yield store
    store.close()


@pytest.fixture
def proxies() -> Iterator[dict[str, TcpProxy]]:
    parsed = make_url(PG_URL)
    made = {name: TcpProxy(parsed.host or "localhost", parsed.port or 5432) for name in ("alice", "bob")}
    yield made
    for proxy in made.values():
        proxy.close()


class Workstations:
    """Each agent's desk on the team server through its own link and replica."""

    def __init__(self, proxies: dict[str, TcpProxy], tmp_path: Path, clock: FakeClock, catalogs: CatalogRegistry):
        self.proxies, self.tmp_path, self.clock, self.catalogs = proxies, tmp_path, clock, catalogs

    def open(self, agent: str) -> TeamDesk:
        url = self.proxies[agent].url(PG_URL)
        return TeamDesk(url, self.tmp_path / f"{agent}.sqlite", self.clock)

    def sync(self, agent: str) -> tuple:  # type: ignore[type-arg]
        team = self.open(agent)
        try:
            result = team.sync(self.catalogs, agent)
            assert result.unreachable is None
            return result.conflicts
        finally:
            team.close()

    def desk(self, team: TeamDesk, agent: str) -> Desk:
        return Desk(team.store, self.catalogs, self.clock, actor=agent)

    def cli(self, agent: str, *args: str) -> int:
        url = self.proxies[agent].url(PG_URL)
        replica = str(self.tmp_path / f"{agent}.sqlite")
        return main(["--db", url, "--replica", replica, "--as", agent, "--now", self.clock.now().isoformat(), *args])


@pytest.fixture
def desks(
    server: Store, proxies: dict[str, TcpProxy], tmp_path: Path, clock: FakeClock, catalogs: CatalogRegistry
) -> Workstations:
    return Workstations(proxies, tmp_path, clock, catalogs)


def _count(server: Store, query: object) -> int:
    with server.read() as session:
        return int(session.scalar(query) or 0)  # type: ignore[call-overload]


def _conflict_apart(server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry) -> object:
    """Alice sets a case waiting on the customer while cut off; meanwhile bob resolves it on the server.
    Alice's sync finds the conflict; returns the case's id."""
    (case_id,) = Desk(server, catalogs, clock, actor="bob").open_case("cust-L3", "login fails", "S2", "ticket").cases
    desks.sync("alice")
    desks.sync("bob")
    desks.proxies["alice"].cut()
    team = desks.open("alice")
    assert not team.online
    clock.advance(timedelta(minutes=2))
    desks.desk(team, "alice").set_status(case_id, "waiting_customer")
    team.close()
    clock.advance(timedelta(minutes=1))
    team = desks.open("bob")
    desks.desk(team, "bob").set_status(case_id, "resolved", "fixed")
    team.close()
    desks.proxies["alice"].restore()
    (found,) = desks.sync("alice")
    assert (found.field, found.mine, found.mine_by, found.theirs, found.theirs_by) == (
        "status", "waiting_customer", "alice", "resolved", "bob",
    )  # fmt: skip
    return case_id


def test_a_conflict_found_by_one_desk_is_seen_and_resolved_on_another_and_closes_everywhere_once(
    server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    case_id = _conflict_apart(server, desks, clock, catalogs)
    assert _count(server, select(func.count()).select_from(CaseConflict)) == 1  # recorded on the server

    team = desks.open("bob")
    assert team.status().open_conflicts == 0  # bob's replica has not heard of it yet
    team.close()
    desks.sync("bob")
    capsys.readouterr()
    assert desks.cli("bob", "status") == 0
    assert "conflicts: 1 to resolve" in capsys.readouterr().out
    assert desks.cli("bob", "conflicts") == 0
    listed = capsys.readouterr().out
    # Bob sees his own value as "mine", with alice's beside it.
    assert "mine:   'resolved' (you)" in listed and "theirs: 'waiting_customer' (alice)" in listed
    number, ref = listed.split()[0].lstrip("#"), listed.split()[2]
    assert desks.cli("bob", "case", "show", ref) == 0  # the case says so, with both values and who set them
    shown = capsys.readouterr().out
    assert "CONFLICT" in shown and "'resolved' (you)" in shown and "'waiting_customer' (alice)" in shown

    assert desks.cli("bob", "resolve", number, "theirs") == 0  # bob agrees with alice: waiting on the customer
    assert desks.cli("bob", "status") == 0
    assert "conflicts: 0 to resolve" in capsys.readouterr().out
    assert desks.cli("alice", "resolve", number, "mine") == 2  # resolved once, whoever comes second
    assert "resolved already" in capsys.readouterr().err

    desks.sync("alice")
    assert desks.cli("alice", "case", "show", ref) == 0
    assert "CONFLICT" not in capsys.readouterr().out
    team = desks.open("alice")
    assert team.status().open_conflicts == 0 and open_conflicts(team, "alice") == []
    (closed,) = open_conflicts(team, "alice", include_resolved=True)
    assert (closed.resolved_by, closed.resolved_value) == ("bob", "waiting_customer")
    with team.replica.read() as session:
        assert session.get(Case, case_id).status == "waiting_customer"  # type: ignore[union-attr]
    team.close()
    desks.sync("alice")  # syncing again records nothing again
    desks.sync("bob")
    assert _count(server, select(func.count()).select_from(CaseConflict)) == 1
    resolved = CaseEvent.reason.like("conflict % resolved%")
    resolutions = select(func.count()).where(CaseEvent.case_id == case_id, resolved)
    assert _count(server, resolutions) == 1  # one fact for the one resolution


def test_a_push_retried_after_a_cut_records_the_conflict_once(
    server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry, tmp_path: Path
) -> None:
    (case_id,) = Desk(server, catalogs, clock, actor="bob").open_case("cust-L3", "login fails", "S2", "ticket").cases
    desks.sync("alice")
    desks.proxies["alice"].cut()
    team = desks.open("alice")
    desks.desk(team, "alice").assign(case_id, "alice")
    team.close()
    Desk(server, catalogs, clock, actor="bob").assign(case_id, "bob")
    # The replica as a crash right after the server's commit leaves it: the push done there, not here.
    saved = tmp_path / "saved"
    saved.mkdir()
    for part in tmp_path.glob("alice.sqlite*"):
        shutil.copy(part, saved / part.name)
    desks.proxies["alice"].restore()
    assert len(desks.sync("alice")) == 1
    for part in tmp_path.glob("alice.sqlite*"):
        part.unlink()
    for part in saved.iterdir():
        shutil.copy(part, tmp_path / part.name)
    assert len(desks.sync("alice")) == 1  # found again: the same two events, the same conflict
    team = desks.open("alice")
    (listed,) = open_conflicts(team, "alice")
    assert listed.field == "assignee" and (listed.mine, listed.theirs) == ("alice", "bob")
    team.close()
    assert _count(server, select(func.count()).select_from(CaseConflict)) == 1
    assert _count(server, select(func.count()).where(CaseEvent.case_id == case_id)) == 3  # opened, 2 assignments


def test_a_resolution_made_offline_reaches_the_server_and_the_other_desk(
    server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    case_id = _conflict_apart(server, desks, clock, catalogs)
    desks.sync("bob")
    desks.proxies["bob"].cut()
    team = desks.open("bob")
    assert not team.online
    (conflict,) = open_conflicts(team, "bob")
    clock.advance(timedelta(minutes=5))
    resolve(team, conflict.key, "in_progress", catalogs, "bob")  # neither: back to work
    assert open_conflicts(team, "bob") == [] and team.status().waiting > 0
    team.close()
    with server.read() as session:  # nothing reached the server yet
        assert session.scalar(select(CaseConflict.resolved_at)) is None

    desks.proxies["bob"].restore()
    desks.sync("bob")
    with server.read() as session:
        row = session.scalars(select(CaseConflict)).one()
        assert (row.resolved_by, row.resolved_value, row.resolved_at) == ("bob", "in_progress", clock.now())
        assert session.get(Case, case_id).status == "in_progress"  # type: ignore[union-attr]
    desks.sync("alice")
    team = desks.open("alice")
    assert team.status().open_conflicts == 0
    team.close()


def test_a_conflict_resolved_on_both_desks_apart_closes_once_and_a_different_choice_is_a_new_conflict(
    server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    case_id = _conflict_apart(server, desks, clock, catalogs)
    desks.sync("bob")
    desks.proxies["bob"].cut()
    team = desks.open("bob")
    (conflict,) = open_conflicts(team, "bob")
    clock.advance(timedelta(minutes=1))
    resolve(team, conflict.key, "mine", catalogs, "bob")  # bob, offline: resolved
    team.close()
    clock.advance(timedelta(minutes=1))
    team = desks.open("alice")
    resolve(team, conflict.key, "mine", catalogs, "alice")  # alice, online: waiting on the customer
    with pytest.raises(BadInput):
        resolve(team, conflict.key, "theirs", catalogs, "alice")
    team.close()

    desks.proxies["bob"].restore()
    (again,) = desks.sync("bob")  # bob's choice is kept as a fact and meets alice's as a new conflict
    assert (again.mine, again.theirs, again.theirs_by) == ("resolved", "waiting_customer", "alice")
    with server.read() as session:
        rows = session.scalars(select(CaseConflict).order_by(CaseConflict.number)).all()
        assert len(rows) == 2 and rows[0].resolved_by == "alice" and rows[1].resolved_at is None
        assert session.get(Case, case_id) is not None


def test_a_resolved_conflict_cannot_be_changed_or_deleted_on_the_server(
    server: Store, desks: Workstations, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    _conflict_apart(server, desks, clock, catalogs)
    team = desks.open("alice")
    (conflict,) = open_conflicts(team, "alice")
    resolve(team, conflict.key, "theirs", catalogs, "alice")
    team.close()
    engine = create_engine(PG_URL)
    try:
        for statement in ("UPDATE case_conflicts SET resolved_value = 'new'", "DELETE FROM case_conflicts"):
            with pytest.raises(Exception, match=r"cannot be changed|never deleted"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()
