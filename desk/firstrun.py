"""A desk's first run: is there data yet, a demo database to start from, a team server to connect to."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError
from sqlalchemy.pool import NullPool

from desk.catalog import CatalogRegistry
from desk.clock import Clock
from desk.demo import generate
from desk.services import Desk
from desk.store import server
from desk.store.engine import Store, StoreError, open_store
from desk.store.models import Case, Customer

SERVER_TIMEOUT_S = 5  # a team server that does not answer within this is reported as unreachable
DEMO_NAME = "desk-demo"


def has_data(store: Store) -> bool:
    """Whether the database holds any customer or case (an empty one opens on the welcome page)."""
    with store.read() as session:
        return (
            session.scalar(select(Customer.id).limit(1)) is not None
            or session.scalar(select(Case.id).limit(1)) is not None
        )


def free_demo_path(folder: Path) -> Path:
    """``desk-demo.sqlite`` in ``folder``, or the first ``desk-demo-N.sqlite`` that does not exist yet."""
    path, n = folder / f"{DEMO_NAME}.sqlite", 1
    while path.exists():
        n += 1
        path = folder / f"{DEMO_NAME}-{n}.sqlite"
    return path


def make_demo_database(
    path: Path, catalogs: CatalogRegistry, clock: Clock, cases: int = 2000, open_cases: int = 300
) -> str:
    """Create ``path`` and fill it with the demo data of ``desk demo``; returns its URL."""
    url = f"sqlite:///{path}"
    store = open_store(url, clock=clock)
    try:
        generate(Desk(store, catalogs, clock, actor="demo"), cases=cases, open_cases=open_cases, seed=1)
    finally:
        store.close()
    return url


def server_url(typed: str) -> str:
    """A PostgreSQL URL as typed, with the desk's driver (psycopg) when none is named.

    Raises StoreError (code ``bad_url``, or ``not_a_server`` for any other kind of database URL).
    """
    try:
        parsed = make_url(typed.strip())
    except ArgumentError:
        raise StoreError(
            f"{typed!r} is not a database URL (e.g. postgresql://user@host/desk)", code="bad_url", url=typed
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() != "postgresql":
        raise StoreError(
            f"{_shown(parsed)} is not a PostgreSQL server URL (e.g. postgresql://user@host/desk)",
            code="not_a_server",
            where=_shown(parsed),
        )
    if not parsed.host or not parsed.database:
        raise StoreError(
            f"{_shown(parsed)} names no server or no database (e.g. postgresql://user@host/desk)",
            code="not_a_server",
            where=_shown(parsed),
        )
    return parsed.render_as_string(hide_password=False)


def check_server(url: str, timeout_s: int = SERVER_TIMEOUT_S) -> None:
    """Connect to the server once (waiting at most ``timeout_s``); StoreError ``cannot_connect`` if it fails.

    Nothing is written: the schema is created later, when the desk opens its store on the server.
    """
    parsed = make_url(url)
    try:
        # The same TLS and timeouts as the desk's own connections, so this test says what opening will do.
        args = {**server.connect_args(parsed), "connect_timeout": timeout_s}
        engine = create_engine(parsed, poolclass=NullPool, connect_args=args)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(
            f"cannot use {_shown(parsed)}: {exc}", code="cannot_connect", where=_shown(parsed), detail=str(exc)
        ) from exc
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        detail = "; ".join(line.strip() for line in str(exc.orig).splitlines() if line.strip())
        raise StoreError(
            f"cannot connect to {_shown(parsed)}: {detail}", code="cannot_connect", where=_shown(parsed), detail=detail
        ) from exc
    finally:
        engine.dispose()


def shown_url(url: str) -> str:
    """``url`` as the desk shows it: the password hidden."""
    return _shown(make_url(url))


def _shown(url: URL) -> str:
    return url.render_as_string(hide_password=True)
