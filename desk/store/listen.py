"""Listening to a team server's case notifications (LISTEN/NOTIFY, psycopg 3) on a thread of its own.

The server sends ``<case id> <row version>`` on the channel ``desk_cases`` when a case's row is written
(revision 0008). ``CaseListener`` keeps one dedicated connection, with the same timeouts, keepalives and
TLS as the desk's others, and hands each notification to ``on_change``. When the connection is lost it
says so (``on_state(False)``) and connects again; once listening again it says ``on_state(True)``, and the
caller then asks once for everything changed meanwhile (notifications sent while nobody listened are
gone). A silent network is noticed by a ping every ``PING_EVERY_S`` with the watchdog's deadline.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from desk.store import server

CHANNEL = "desk_cases"
PING_EVERY_S = 5.0
RETRY_S = (0.5, 1.0, 2.0, 5.0)  # waits between attempts to connect again, the last one repeated


def parse(payload: str) -> tuple[uuid.UUID, int] | None:
    """A notification's case id and version; None for anything else (never a crash on a stray NOTIFY)."""
    try:
        case_id, version = payload.split()
        return uuid.UUID(case_id), int(version)
    except ValueError:
        return None


class CaseListener:
    def __init__(
        self,
        url: str,
        on_change: Callable[[uuid.UUID, int], None],
        on_state: Callable[[bool], None],
    ) -> None:
        self._url = url
        self._on_change, self._on_state = on_change, on_state
        self._stop = threading.Event()
        self._watchdog = server.Watchdog()
        self._thread: threading.Thread | None = None
        self._conn: Any = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="desk-case-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        conn = self._conn
        if conn is not None:
            self._watchdog.arm(conn, 0)  # wakes a wait on a silent network at once
        if self._thread is not None:
            self._thread.join(timeout)

    def _connect(self) -> Any:
        import psycopg

        parsed = make_url(self._url)
        params: dict[str, Any] = {
            "host": parsed.host,
            "port": parsed.port,
            "user": parsed.username,
            "password": parsed.password,
            "dbname": parsed.database,
            **{k: v for k, v in parsed.query.items() if isinstance(v, str)},
            **server.connect_args(parsed),
        }
        conn = psycopg.connect(**{k: v for k, v in params.items() if v is not None}, autocommit=True)
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                self._conn = self._connect()
            except Exception:  # refused, silent, TLS: the same as losing it; try again later
                self._conn = None
                self._stop.wait(RETRY_S[min(attempt, len(RETRY_S) - 1)])
                attempt += 1
                continue
            attempt = 0
            try:
                self._on_state(True)
                self._listen(self._conn)
            except Exception:  # the connection was lost (or cut by the watchdog)
                pass
            finally:
                conn, self._conn = self._conn, None
                with contextlib.suppress(Exception):
                    conn.close()
            if not self._stop.is_set():
                self._on_state(False)

    def _listen(self, conn: Any) -> None:
        last_ping = time.monotonic()
        while not self._stop.is_set():
            for note in conn.notifies(timeout=0.5):
                parsed = parse(note.payload)
                if parsed is not None:
                    self._on_change(*parsed)
            if time.monotonic() - last_ping >= PING_EVERY_S:
                self._watchdog.arm(conn, server.PING_DEADLINE_S)
                try:
                    conn.execute("SELECT 1")
                finally:
                    self._watchdog.disarm(conn)
                last_ping = time.monotonic()
