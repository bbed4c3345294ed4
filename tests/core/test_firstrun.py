"""First run in the core: is there data, a demo database, a server URL checked by a real connection; About's facts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from desk import __version__
from desk.about import about, schema_revision
from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.firstrun import check_server, free_demo_path, has_data, make_demo_database, server_url, shown_url
from desk.services import Desk
from desk.store import backup
from desk.store.engine import Store, StoreError, head_revision, open_store
from tests.helpers import seed_customers
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")


def test_a_new_database_has_no_data_until_customers_arrive(desk: Desk) -> None:
    assert not has_data(desk.store)
    seed_customers(desk)
    assert has_data(desk.store)


def test_a_demo_database_is_a_new_file_beside_any_earlier_one(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    first = free_demo_path(tmp_path)
    assert first.name == "desk-demo.sqlite"
    url = make_demo_database(first, catalogs, clock, cases=40, open_cases=8)
    assert url == f"sqlite:///{first}"
    assert free_demo_path(tmp_path).name == "desk-demo-2.sqlite"  # never written over
    store = open_store(url, clock=clock)
    try:
        assert has_data(store)
    finally:
        store.close()


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("db.example.com/desk", "bad_url"),
        ("sqlite:///desk.sqlite", "not_a_server"),
        ("mysql://db/desk", "not_a_server"),
        ("postgresql:///desk", "not_a_server"),  # no host
    ],
)
def test_a_server_url_that_is_not_one_is_refused(typed: str, code: str) -> None:
    with pytest.raises(StoreError) as refused:
        server_url(typed)
    assert refused.value.code == code


def test_a_server_url_gets_the_desks_driver_and_is_shown_without_password() -> None:
    url = server_url(" postgres://agent:s3cret@db.example.com:5433/desk ")
    assert url == "postgresql+psycopg://agent:s3cret@db.example.com:5433/desk"
    assert shown_url(url) == "postgresql+psycopg://agent:***@db.example.com:5433/desk"


def test_a_server_that_does_not_answer_is_named_without_its_password() -> None:
    with pytest.raises(StoreError) as refused:
        check_server("postgresql+psycopg://agent:s3cret@127.0.0.1:1/desk", timeout_s=2)  # nothing on port 1
    assert refused.value.code == "cannot_connect"
    assert "127.0.0.1" in str(refused.value) and "s3cret" not in str(refused.value)
    assert "s3cret" not in str(refused.value.params)


@pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")
def test_a_server_that_answers_passes_the_check_and_about_hides_its_password(
    catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    check_server(server_url(PG_URL))
    wipe_server(PG_URL)  # an empty server: the desk creates its schema (it never upgrades one)
    store = open_store(PG_URL, clock=clock)
    try:
        info = about(store, catalogs)
    finally:
        store.close()
    assert info.is_server and info.backup_dir is None and info.backups == 0
    assert info.database == shown_url(PG_URL) and info.schema_revision == head_revision()


def test_about_names_version_database_schema_plans_and_backups(
    store: Store, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    assert store.path is not None and store.backup_dir is not None
    backup.take(store.path, store.backup_dir, clock.now())
    info = about(store, catalogs)
    assert info.version == __version__
    assert info.database == str(store.path) and not info.is_server
    assert info.schema_revision == schema_revision(store) == head_revision() == info.schema_head
    assert [p.version for p in info.plans] == catalogs.versions()
    assert all(p.name.get("zh") and p.name.get("en") for p in info.plans)
    assert info.backup_dir == store.path.parent / "backups" and info.backups == 1
