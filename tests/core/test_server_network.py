"""A lost or busy team server is noticed in seconds, with a clear message and never the password.

The network is cut with a TCP proxy between the desk and the test server (the server keeps running):
``refuse`` is a host that is down, ``drop`` is packets silently lost (the usual failure). Runs when
DESK_TEST_PG_URL names a server database the tests may wipe; skipped otherwise.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import StoreError, open_store
from desk.store.server import CONNECT_TIMEOUT_S, LOCK_TIMEOUT_MS, PING_DEADLINE_S
from tests.helpers import seed_customers
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server

PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
pytestmark = pytest.mark.skipif(not PG_URL, reason="DESK_TEST_PG_URL is not set (no PostgreSQL server)")


@pytest.fixture
def fresh_server() -> None:
    wipe_server(PG_URL)


@pytest.fixture
def proxy(fresh_server: None) -> Iterator[TcpProxy]:
    parsed = make_url(PG_URL)
    p = TcpProxy(parsed.host or "localhost", parsed.port or 5432)
    yield p
    p.close()


def _timed_failure(action: object) -> tuple[StoreError, float]:
    started = time.monotonic()
    with pytest.raises(StoreError) as failed:
        action()  # type: ignore[operator]
    return failed.value, time.monotonic() - started


def _with_password(url: str, password: str) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)


def test_a_refused_server_is_reported_at_once_as_unreachable(proxy: TcpProxy, clock: FakeClock) -> None:
    url = _with_password(proxy.url(PG_URL), "hunter2")
    proxy.cut()
    error, took = _timed_failure(lambda: open_store(url, clock=clock))
    assert error.code == "server_unreachable"
    assert took < 2
    assert "restore a backup" not in str(error).lower()
    assert f"127.0.0.1:{proxy.port}" in str(error)
    assert "hunter2" not in str(error) and "hunter2" not in repr(error.params)


def test_a_silent_server_at_connect_is_reported_within_the_connect_timeout(proxy: TcpProxy, clock: FakeClock) -> None:
    url = _with_password(proxy.url(PG_URL), "hunter2")
    proxy.blackhole()
    error, took = _timed_failure(lambda: open_store(url, clock=clock))
    assert error.code == "server_unreachable"
    assert took < CONNECT_TIMEOUT_S + 2
    assert "hunter2" not in str(error)


def test_packets_dropped_in_the_middle_of_work_are_noticed_in_seconds_and_work_resumes_after(
    proxy: TcpProxy, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    store = open_store(proxy.url(PG_URL), clock=clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    try:
        seed_customers(desk)
        (case_id,) = desk.open_case("cust-L3", "before the cut", "S3", "phone").cases
        proxy.blackhole()
        error, took = _timed_failure(lambda: desk.add_note(case_id, "during the cut"))
        assert error.code == "server_unreachable"
        assert took < PING_DEADLINE_S + CONNECT_TIMEOUT_S + 1
        proxy.restore()
        desk.add_note(case_id, "after the cut")
    finally:
        store.close()


def test_a_row_locked_by_another_session_is_reported_busy_within_the_lock_timeout(
    fresh_server: None, clock: FakeClock, catalogs: CatalogRegistry
) -> None:
    store = open_store(PG_URL, clock=clock)
    desk = Desk(store, catalogs, clock, actor="alice")
    seed_customers(desk)
    (case_id,) = desk.open_case("cust-L3", "locked elsewhere", "S3", "phone").cases
    holder = create_engine(PG_URL)
    locked, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        with holder.begin() as conn:
            conn.execute(text("SELECT 1 FROM cases WHERE id = :id FOR UPDATE"), {"id": case_id})
            locked.set()
            release.wait(30)

    thread = threading.Thread(target=hold_lock)
    thread.start()
    try:
        assert locked.wait(10)
        error, took = _timed_failure(lambda: desk.add_note(case_id, "blocked"))
        assert error.code == "busy"
        assert took < LOCK_TIMEOUT_MS / 1000 + 2
    finally:
        release.set()
        thread.join()
        holder.dispose()
        store.close()


def test_a_mistyped_server_url_never_shows_its_password(clock: FakeClock) -> None:
    for typed in (
        "postgresql+psycopg://agent:hunter2@db.example.com:notaport/desk",
        "postgresql+nosuchdriver://agent:hunter2@db.example.com/desk",
    ):
        with pytest.raises(StoreError) as refused:
            open_store(typed, clock=clock)
        assert "hunter2" not in str(refused.value)
        assert "hunter2" not in repr(refused.value.params)


def test_a_plain_postgresql_url_uses_the_desks_driver(fresh_server: None, clock: FakeClock) -> None:
    plain = make_url(PG_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    store = open_store(plain, clock=clock)
    store.close()
