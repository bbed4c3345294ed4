"""Agents and team leads are roles of the server: the database itself enforces what each may change.

Runs when DESK_TEST_PG_URL names a server database the tests may wipe (as a login that may create roles);
skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry
from desk.cli import main
from desk.clock import FakeClock
from desk.handover import Handover
from desk.replica.push import insert_ignoring_known, table
from desk.replica.shared import new_conflict, resolve_shared
from desk.services import Desk
from desk.store.engine import StoreError, open_store
from desk.store.models import CaseEvent
from tests.helpers import seed_customers

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")
PREFIX = make_url(PG_URL).database if PG_URL else ""
LOGINS = {
    f"{PREFIX}_alice": "desk_agent",
    f"{PREFIX}_bob": "desk_agent",
    f"{PREFIX}_carol": "desk_agent",
    f"{PREFIX}_lena": "desk_lead",
}


@pytest.fixture
def team(clock: FakeClock, catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]) -> Iterator[dict[str, str]]:
    """A migrated server with customers, and a login per person: two agents and a team lead."""
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    assert main(["--db", PG_URL, "migrate"]) == 0
    assert "desk_agent" in capsys.readouterr().out
    owner = open_store(PG_URL, clock=clock)
    seed_customers(Desk(owner, catalogs, clock, actor="owner"))
    owner.close()
    urls = {}
    with engine.begin() as conn:
        for login, role in LOGINS.items():
            conn.execute(text(f"DROP OWNED BY {login}") if _exists(conn, login) else text("SELECT 1"))
            conn.execute(text(f"DROP ROLE IF EXISTS {login}"))
            conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD 'pw' IN ROLE {role}"))
            urls[login] = make_url(PG_URL).set(username=login, password="pw").render_as_string(hide_password=False)
    try:
        yield urls
    finally:
        with engine.begin() as conn:
            for login in LOGINS:
                conn.execute(text(f"DROP OWNED BY {login}"))
                conn.execute(text(f"DROP ROLE {login}"))
        engine.dispose()


def _exists(conn: object, login: str) -> bool:
    return conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": login}).first() is not None  # type: ignore[attr-defined]


def _as(url: str, login: str, clock: FakeClock, catalogs: CatalogRegistry) -> Desk:
    return Desk(open_store(url, clock=clock), catalogs, clock, actor=login)


def test_agents_work_cases_and_their_own_shifts_but_cannot_change_customers_or_delete(
    team: dict[str, str], clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    alice_login, bob_login = f"{PREFIX}_alice", f"{PREFIX}_bob"
    alice = _as(team[alice_login], alice_login, clock, catalogs)
    bob = _as(team[bob_login], bob_login, clock, catalogs)
    try:
        (case_id,) = alice.open_case("cust-L3", "opened by an agent", "S3", "phone").cases
        alice.add_note(case_id, "looking")
        alice.regrade(case_id, "S2", "worse")
        alice.assign(case_id, bob_login)
        handover = Handover(alice)
        shift = handover.start_shift(
            alice_login, incoming=bob_login, starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=8)
        )
        report = handover.generate(shift.id)
        handover.sign(report.id, alice_login)
        Handover(bob).acknowledge(report.id, bob_login)

        for statement in (
            "UPDATE customers SET name = 'renamed by an agent'",
            "DELETE FROM cases",
            "UPDATE case_events SET actor = 'mallory'",
        ):
            with pytest.raises(StoreError) as refused, alice.store.write() as session:
                session.execute(text(statement))
            assert refused.value.code == "not_permitted", statement
        # Another agent's shift is not theirs to change: the database shows it, but updates no row of it.
        carol_login = f"{PREFIX}_carol"
        carol = _as(team[carol_login], carol_login, clock, catalogs)
        try:
            with carol.store.write() as session:
                edit = text("UPDATE shifts SET notes = 'edited by carol' WHERE outgoing = :a")
                assert session.execute(edit, {"a": alice_login}).rowcount == 0  # type: ignore[attr-defined]
            with carol.store.read() as session:
                assert session.execute(text("SELECT count(*) FROM shifts")).scalar() == 1
        finally:
            carol.store.close()
    finally:
        alice.store.close()
        bob.store.close()


def test_a_team_lead_changes_customers_and_any_agents_shift_but_deletes_nothing(
    team: dict[str, str], clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    alice_login, lena_login = f"{PREFIX}_alice", f"{PREFIX}_lena"
    alice = _as(team[alice_login], alice_login, clock, catalogs)
    lena = _as(team[lena_login], lena_login, clock, catalogs)
    try:
        Handover(alice).start_shift(
            alice_login, incoming="", starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=8)
        )
        with lena.store.write() as session:
            assert session.execute(text("UPDATE customers SET name = name || ' (checked)'")).rowcount > 0  # type: ignore[attr-defined]
            edit = text("UPDATE shifts SET notes = 'lead note' WHERE outgoing = :a")
            edited = session.execute(edit, {"a": alice_login})
            assert edited.rowcount == 1  # type: ignore[attr-defined]
        with pytest.raises(StoreError) as refused, lena.store.write() as session:
            session.execute(text("DELETE FROM shifts"))
        assert refused.value.code == "not_permitted"
    finally:
        alice.store.close()
        lena.store.close()


def test_agents_record_and_resolve_a_case_conflict_but_delete_none(
    team: dict[str, str], clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    alice_login = f"{PREFIX}_alice"
    alice = _as(team[alice_login], alice_login, clock, catalogs)
    try:
        (case_id,) = alice.open_case("cust-L3", "disputed", "S3", "phone").cases
        alice.set_status(case_id, "in_progress")
        alice.set_status(case_id, "waiting_customer")
        with alice.store.read() as session:
            query = select(CaseEvent).where(CaseEvent.case_id == case_id, CaseEvent.kind == "status")
            first, second = session.scalars(query.order_by(CaseEvent.seq)).all()
            found = {"id": first.id, "new": first.new, "actor": first.actor, "at": first.at}
            row = new_conflict(case_id, "status", found, second, second.new, alice_login, clock.now())
        with alice.store.write() as session:  # what alice's sync records (the server numbers it)
            insert_ignoring_known(session, table("case_conflicts"), [row])
        resolve_shared(alice.store, clock, 1, "mine", catalogs, alice_login)
        with pytest.raises(StoreError) as refused, alice.store.write() as session:
            session.execute(text("DELETE FROM case_conflicts"))
        assert refused.value.code == "not_permitted"
        with alice.store.read() as session:
            assert session.execute(text("SELECT resolved_value FROM case_conflicts")).scalar() == "in_progress"
    finally:
        alice.store.close()
