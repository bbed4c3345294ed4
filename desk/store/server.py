"""Connections to a team's PostgreSQL server: timeouts, keepalives and a deadline on every answer.

During an incident the network to the server is what fails, usually by silently dropping packets. The
driver would then wait for minutes (the kernel's TCP retries) inside a connect or a query. Every
connection therefore gets:

* ``connect_timeout``: a server that does not answer is reported after ``CONNECT_TIMEOUT_S``;
* TCP keepalives and ``tcp_user_timeout``: a connection whose peer went silent is closed by the kernel
  in about ten seconds, even while waiting for a long query's answer;
* ``lock_timeout``: a row locked by another session is reported as busy instead of waiting;
  ``statement_timeout`` and ``idle_in_transaction_session_timeout``: the server gives up on runaway work;
* a deadline kept on this side (``Watchdog``): a statement (or the check made before a pooled
  connection is reused) that gets no answer in time has its socket shut down, so the driver fails at
  once. This also covers a path whose kernel still acknowledges the bytes (a proxy or VPN gateway that
  has lost its upstream), where keepalives see nothing wrong.
"""

from __future__ import annotations

import ipaddress
import os
import re
import socket
import threading
import time
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DisconnectionError

CONNECT_TIMEOUT_S = 3
PING_DEADLINE_S = 3.0
LOCK_TIMEOUT_MS = 5_000
STATEMENT_TIMEOUT_MS = 60_000
IDLE_IN_TRANSACTION_MS = 60_000
# Our deadline for an answer: the server's own statement timeout, plus the way back.
STATEMENT_DEADLINE_S = STATEMENT_TIMEOUT_MS / 1000 + 5
# Execution option: another deadline (seconds) for one connection's statements, None for none (migrations).
DEADLINE_OPTION = "desk_deadline"


def is_loopback(host: str | None) -> bool:
    """This machine: a Unix socket, localhost or a loopback address (no network in between)."""
    if not host or host.startswith("/") or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def connect_args(url: URL) -> dict[str, Any]:
    """libpq parameters for every connection to the server; what the URL itself sets wins.

    TLS with the server's certificate checked against its name (``sslmode=verify-full``) is the default
    for a server on another machine: the CA comes from ``sslrootcert=FILE`` in the URL or libpq's
    ``~/.postgresql/root.crt``. Only a server on this machine is reached without it by default.
    """
    chosen = {**_defaults(), **({} if is_loopback(url.host) else {"sslmode": "verify-full"})}
    return {key: value for key, value in chosen.items() if key not in url.query}


def _defaults() -> dict[str, Any]:
    options = " ".join(
        f"-c {name}={value}"
        for name, value in (
            ("lock_timeout", LOCK_TIMEOUT_MS),
            ("statement_timeout", STATEMENT_TIMEOUT_MS),
            ("idle_in_transaction_session_timeout", IDLE_IN_TRANSACTION_MS),
        )
    )
    return {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "keepalives": 1,
        "keepalives_idle": 5,
        "keepalives_interval": 2,
        "keepalives_count": 3,
        "tcp_user_timeout": 10_000,  # ms: bytes sent and never acknowledged
        "options": options,
    }


class Watchdog:
    """Shuts down the socket of a connection whose answer is overdue: the driver then fails at once."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[int, tuple[float, int]] = {}  # id(dbapi connection) -> (deadline, socket fd)
        self._thread: threading.Thread | None = None
        self.cut = 0  # how many connections were cut (for tests and logs)

    def arm(self, dbapi_connection: Any, seconds: float | None) -> None:
        if seconds is None:
            self.disarm(dbapi_connection)
            return
        try:
            fd = int(dbapi_connection.fileno())
        except Exception:  # a closed connection has no socket: the driver reports that itself
            return
        with self._lock:
            self._armed[id(dbapi_connection)] = (time.monotonic() + seconds, fd)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="desk-server-watchdog", daemon=True)
                self._thread.start()

    def disarm(self, dbapi_connection: Any) -> None:
        with self._lock:
            self._armed.pop(id(dbapi_connection), None)

    def _run(self) -> None:
        while True:
            time.sleep(0.1)
            now = time.monotonic()
            with self._lock:
                for key, (deadline, fd) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[key]
                        _shut_down(fd)
                        self.cut += 1


def _shut_down(fd: int) -> None:
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


def install(engine: Engine) -> Watchdog:
    """Deadlines on ``engine``'s statements, and a checked connection before each reuse from the pool."""
    watchdog = Watchdog()

    def before(conn: Any, _cursor: Any, _statement: Any, _params: Any, _context: Any, _many: Any) -> None:
        seconds = conn.get_execution_options().get(DEADLINE_OPTION, STATEMENT_DEADLINE_S)
        watchdog.arm(conn.connection.dbapi_connection, seconds)

    def after(conn: Any, *_args: Any) -> None:
        watchdog.disarm(conn.connection.dbapi_connection)

    def ending(conn: Any) -> None:
        # COMMIT and ROLLBACK wait for the server too; disarmed when the connection goes back to the pool.
        if conn.invalidated:
            return  # a lost connection: its rollback does not reach the server (and touching it would raise)
        seconds = conn.get_execution_options().get(DEADLINE_OPTION, STATEMENT_DEADLINE_S)
        watchdog.arm(conn.connection.dbapi_connection, seconds)

    def failed(context: Any) -> None:
        connection = context.connection
        if connection is not None and not connection.invalidated:
            watchdog.disarm(connection.connection.dbapi_connection)

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        if not record.info.get("desk_used"):
            return  # just connected: nothing to check
        started = time.monotonic()
        watchdog.arm(dbapi_connection, PING_DEADLINE_S)
        try:
            # Replaces SQLAlchemy's pre-ping, which would wait for minutes on a silent network.
            dbapi_connection.execute("SELECT 1")
            dbapi_connection.rollback()
        except Exception as exc:
            if time.monotonic() - started >= PING_DEADLINE_S:
                raise  # no answer: connecting again would wait as long; report it now
            # The server closed this connection (it restarted): the pool connects afresh.
            raise DisconnectionError(reason(exc)) from exc
        finally:
            watchdog.disarm(dbapi_connection)

    def checkin(dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None:
            watchdog.disarm(dbapi_connection)
        record.info["desk_used"] = True

    event.listen(engine, "before_cursor_execute", before)
    event.listen(engine, "after_cursor_execute", after)
    event.listen(engine, "commit", ending)
    event.listen(engine, "rollback", ending)
    event.listen(engine, "handle_error", failed)
    event.listen(engine.pool, "checkout", checkout)
    event.listen(engine.pool, "checkin", checkin)
    return watchdog


def is_tls_problem(orig: BaseException) -> bool:
    """Whether the connection failed on TLS: no TLS offered, or a certificate that could not be verified."""
    words = str(orig).lower()
    # Not "SSL SYSCALL error" or "SSL connection has been closed": those are a lost network under TLS.
    signs = ("certificate", "root.crt", "does not support ssl", "ssl was required", "sslmode value")
    return any(w in words for w in signs) and is_unreachable(orig)


def is_unreachable(orig: BaseException) -> bool:
    """Whether the driver's error means the server could not be reached or stopped answering."""
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        return sqlstate.startswith("08") or sqlstate in ("57P01", "57P02", "57P03")  # admin/crash shutdown
    # psycopg raises OperationalError without a SQLSTATE when there is no server answer at all.
    return any(
        cls.__name__ == "OperationalError" and cls.__module__.startswith("psycopg") for cls in type(orig).__mro__
    )


def without_password(url: str) -> str:
    """A URL as typed (perhaps not even a valid one) with any password in it masked."""
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", url)


def reason(orig: BaseException) -> str:
    """The driver's words, on one line (it never includes the password)."""
    return "; ".join(line.strip() for line in str(orig).splitlines() if line.strip())
