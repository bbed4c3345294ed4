"""The same store, migrations and services on a PostgreSQL server (a team's shared database).

Runs when DESK_TEST_PG_URL names a server database the tests may wipe (CI starts one); skipped otherwise.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import text

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.queries import iter_case_sla
from desk.services import Desk, StaleEdit
from desk.store.engine import open_store
from tests.helpers import seed_customers
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def pg_desk(clock: FakeClock, catalogs: CatalogRegistry) -> Iterator[Desk]:
    wipe_server(PG_URL)
    store = open_store(PG_URL, clock=clock)
    yield Desk(store, catalogs, clock, actor="pg")
    store.close()


def test_cases_and_clocks_on_postgres(pg_desk: Desk, clock: FakeClock) -> None:
    seed_customers(pg_desk)
    (case_id,) = pg_desk.open_case("cust-L4", "数据库主从切换失败", "S2", "enterprise_line").cases
    clock.advance(timedelta(minutes=5))
    pg_desk.regrade(case_id, "S1", "payments down")
    rows = list(iter_case_sla(pg_desk, clock.now()))
    assert len(rows) == 1
    first = rows[0].sla.contractual
    assert first.deadline is not None
    assert first.deadline - rows[0].sla.contractual.started_at == timedelta(minutes=17)  # type: ignore[operator]
    with pytest.raises(StaleEdit):
        pg_desk.assign(case_id, "bob", expected_version=1)


def test_reopening_does_not_migrate_again(pg_desk: Desk, clock: FakeClock) -> None:
    again = open_store(PG_URL, clock=clock)
    again.close()


def test_concurrent_edits_on_postgres_are_refused_not_crashes(pg_desk: Desk, clock: FakeClock) -> None:
    import threading

    from desk.services import DeskError
    from desk.store.engine import StoreError

    seed_customers(pg_desk)
    (case_id,) = pg_desk.open_case("cust-L3", "raced", "S3", "ticket").cases
    with pg_desk.store.read() as session:
        from desk.store.models import Case

        version = session.get(Case, case_id).version  # type: ignore[union-attr]
    outcomes: list[str] = []

    def edit(n: int) -> None:
        try:
            pg_desk.add_note(case_id, f"note {n}", expected_version=version)
            outcomes.append("applied")
        except (DeskError, StoreError):
            outcomes.append("refused")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["applied", "refused", "refused", "refused"]


def test_the_server_refuses_to_rewrite_history(pg_desk: Desk, clock: FakeClock) -> None:
    from sqlalchemy.exc import DBAPIError

    from desk.handover import Handover

    seed_customers(pg_desk)
    pg_desk.open_case("cust-L4", "x", "S2", "phone")
    with pytest.raises(DBAPIError, match="append-only"), pg_desk.store.write() as session:
        session.execute(text("UPDATE case_events SET actor = 'mallory'"))
    handover = Handover(pg_desk)
    shift = handover.start_shift(
        "alice", incoming="bob", starts_at=clock.now(), ends_at=clock.now() + timedelta(hours=8)
    )
    report = handover.generate(shift.id)
    handover.sign(report.id, "alice")
    for statement, message in (
        ("UPDATE handover_reports SET snapshot = '{}'", "frozen"),
        ("UPDATE handover_reports SET signed_by = 'mallory'", "signed handover report cannot be changed"),
        ("DELETE FROM handover_reports", "never deleted"),
    ):
        with pytest.raises(DBAPIError, match=message), pg_desk.store.write() as session:
            session.execute(text(statement))
    assert handover.verify(report.id).ok
