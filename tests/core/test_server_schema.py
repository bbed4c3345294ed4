"""A team server's schema changes only by `desk migrate`; a desk on another schema reads but never writes.

Runs when DESK_TEST_PG_URL names a server database the tests may wipe; skipped otherwise.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry
from desk.cli import main
from desk.clock import FakeClock
from desk.queries import iter_case_sla
from desk.services import Desk
from desk.store.engine import StoreError, alembic_config, head_revision, open_store
from tests.helpers import seed_customers
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")
OLDER = "0005"


@pytest.fixture
def empty_server() -> Iterator[None]:
    wipe_server(PG_URL)
    yield


def _revision() -> str:
    engine = create_engine(PG_URL)
    with engine.connect() as conn:
        revision = str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())
    engine.dispose()
    return revision


@pytest.fixture
def older_server(empty_server: None, clock: FakeClock, catalogs: CatalogRegistry) -> None:
    """A server a previous desk version set up (schema 0005)."""
    from alembic import command

    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, OLDER)
    engine.dispose()


def test_an_ordinary_open_never_upgrades_a_server_and_refuses_to_write_naming_both_versions(
    older_server: None, clock: FakeClock, catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    store = open_store(PG_URL, clock=clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    try:
        assert _revision() == OLDER
        with pytest.raises(StoreError) as refused:
            desk.open_case("cust-X", "written on an older server", "S3", "phone")
        assert refused.value.code == "schema_behind"
        assert OLDER in str(refused.value) and head_revision() in str(refused.value)
        assert "desk --db SERVER_URL migrate" in str(refused.value)
        assert list(iter_case_sla(desk, clock.now())) == []  # reading the cases still works
    finally:
        store.close()
    # A command that fails on bad input (or any command) leaves the server as it was, and says why.
    assert main(["--db", PG_URL, "case", "open", "no-such-customer", "x", "--severity", "S3"]) != 0
    assert _revision() == OLDER
    assert "schema" in capsys.readouterr().err


def test_desk_migrate_upgrades_a_server_and_says_the_servers_own_backups_apply(
    older_server: None, clock: FakeClock, catalogs: CatalogRegistry, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", PG_URL, "migrate"]) == 0
    out = capsys.readouterr().out
    assert f"from schema {OLDER} to {head_revision()}" in out
    assert "the server's own backups" in out
    assert "desk" in out and ":desk@" not in out  # never the password
    assert _revision() == head_revision()
    store = open_store(PG_URL, clock=clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    try:
        seed_customers(desk)
        desk.open_case("cust-L3", "after the upgrade", "S3", "phone")
    finally:
        store.close()
    assert main(["--db", PG_URL, "migrate"]) == 0
    assert "no upgrade needed" in capsys.readouterr().out


def test_a_desk_older_than_the_server_reads_but_refuses_to_write(
    empty_server: None, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    store = open_store(PG_URL, clock=clock)
    seed_customers(Desk(store, catalogs, clock, actor="alice"))
    store.close()
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    store = open_store(PG_URL, clock=clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    try:
        assert list(iter_case_sla(desk, clock.now())) == []
        with pytest.raises(StoreError) as refused:
            desk.open_case("cust-L3", "x", "S3", "phone")
        assert refused.value.code == "schema_ahead"
        assert "0099" in str(refused.value) and head_revision() in str(refused.value)
        assert "Update the desk" in str(refused.value)
    finally:
        store.close()


def test_desks_starting_together_on_an_empty_server_all_open(empty_server: None, clock: FakeClock) -> None:
    starting = 4
    barrier = threading.Barrier(starting)
    failures: list[BaseException] = []

    def start() -> None:
        barrier.wait()
        try:
            open_store(PG_URL, clock=clock).close()
        except BaseException as exc:  # any failure is what this test is about
            failures.append(exc)

    for _attempt in range(3):
        wipe_server(PG_URL)
        threads = [threading.Thread(target=start) for _ in range(starting)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert failures == []
        assert _revision() == head_revision()


@pytest.fixture
def login_without_schema_rights(empty_server: None) -> Iterator[str]:
    parsed = make_url(PG_URL)
    role = f"{parsed.database}_nobody"
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'nobody'"))
        conn.execute(text(f"REVOKE CREATE ON SCHEMA public FROM PUBLIC, {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
    try:
        yield parsed.set(username=role, password="nobody").render_as_string(hide_password=False)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        engine.dispose()


def test_a_login_without_schema_rights_gets_a_clear_message(
    login_without_schema_rights: str, clock: FakeClock, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(StoreError) as refused:
        open_store(login_without_schema_rights, clock=clock)
    assert refused.value.code == "not_permitted"
    assert "migrate" in str(refused.value)
    assert main(["--db", login_without_schema_rights, "sla"]) == 1
    err = capsys.readouterr().err
    assert "not allowed" in err and "Traceback" not in err and "nobody@" not in err.replace("***@", "")


def test_desk_init_on_an_older_server_points_to_desk_migrate(
    older_server: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", PG_URL, "init"]) == 1
    err = capsys.readouterr().err
    assert "desk --db SERVER_URL migrate" in err and "Traceback" not in err
    assert _revision() == OLDER
