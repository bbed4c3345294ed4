"""Reaching the server quickly or not at all, and where a server's replica lives on this workstation.

A server URL gets libpq's ``connect_timeout``, TCP keepalives and ``tcp_user_timeout`` (unless the URL
sets them), so a refused connection fails at once and a silent network (packets dropped) within a few
seconds, instead of the operating system's two minutes.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from desk.clock import Clock
from desk.errors import BadInput
from desk.paths import data_dir
from desk.store.engine import Store, StoreError, open_store

REPLICA_ENV = "DESK_REPLICA"
# Seconds; libpq waits connect_timeout per address tried, so "localhost" (two addresses) stays under 5 s.
CONNECT_TIMEOUT_S = 2
LINK_OPTIONS = {
    "connect_timeout": str(CONNECT_TIMEOUT_S),
    "keepalives": "1",
    "keepalives_idle": "5",
    "keepalives_interval": "2",
    "keepalives_count": "2",
    "tcp_user_timeout": "9000",  # ms: unacknowledged data this long means the server is gone
}


def is_server_url(url: str) -> bool:
    """A server database (PostgreSQL), as opposed to a local SQLite file."""
    try:
        return make_url(url).get_backend_name() == "postgresql"
    except ArgumentError:
        return False


def with_short_timeouts(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return url
    query = {**LINK_OPTIONS, **parsed.query}
    return parsed.update_query_dict(query).render_as_string(hide_password=False)


def shown(url: str) -> str:
    """The server URL without its password, for messages and the sync state."""
    parsed = make_url(url)
    return parsed.set(query={}).render_as_string(hide_password=True)


def replica_path(url: str, given: str | None = None) -> Path:
    """``--replica FILE``, else ``$DESK_REPLICA``, else one file per server in the user data folder."""
    chosen = given or os.environ.get(REPLICA_ENV, "").strip()
    if chosen:
        path = Path(chosen).expanduser().absolute()
        if path.is_dir():
            raise BadInput(f"replica {path} is a folder: give a file, e.g. {path / 'replica.sqlite'}")
        return path
    parsed = make_url(url)
    key = f"{parsed.host}:{parsed.port or 5432}/{parsed.database}/{parsed.username}"
    name = hashlib.sha256(key.encode()).hexdigest()[:16]
    return data_dir() / "replicas" / f"{parsed.database or 'server'}-{name}.sqlite"


def open_replica(path: Path, clock: Clock, *, read_only: bool = False) -> Store:
    from desk.replica.local import prepare

    store = open_store(f"sqlite:///{path}", clock=clock, read_only=read_only)
    if not read_only:
        prepare(store)
    return store


@dataclass(frozen=True)
class Unreachable:
    """Why the server could not be used just now (shown to the agent with the fallback)."""

    server: str
    reason: str


def open_server(url: str, clock: Clock, *, read_only: bool = False) -> Store | Unreachable:
    """The server's store, or why it cannot be reached (a connection failure, never a bug)."""
    try:
        return open_store(with_short_timeouts(url), clock=clock, read_only=read_only, daily_backup=False)
    except StoreError as exc:
        cause = exc.__cause__
        if isinstance(cause, OperationalError) or exc.code == "cannot_open":
            return Unreachable(shown(url), _first_line(cause if cause is not None else exc))
        raise
    except OperationalError as exc:
        return Unreachable(shown(url), _first_line(exc))


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    lines = [line.strip() for line in str(orig).splitlines() if line.strip()]
    return lines[0] if lines else type(orig).__name__
