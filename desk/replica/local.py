"""The replica's own tables: the outbox filled by triggers, the sync state, and the conflicts on records
(a booking, a shift) that only this workstation can re-apply; a case's field conflicts are the team's
(``desk.replica.shared``)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from desk.store.engine import Store

# Replicated tables, parents before children: the order of a push and of a pull.
TABLES = (
    "customers",
    "contracts",
    "cases",
    "case_events",
    "quota_uses",
    "quota_events",
    "shifts",
    "handover_entries",
    "handover_reports",
    "case_conflicts",
)
APPEND_ONLY = frozenset({"case_events", "quota_events"})

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS replica_outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        base_version INTEGER,
        queued_at TEXT NOT NULL,
        UNIQUE (tbl, row_id))""",
    """CREATE TABLE IF NOT EXISTS replica_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        server TEXT NOT NULL DEFAULT '',
        pulling INTEGER NOT NULL DEFAULT 0,
        watermark TEXT,
        last_sync_at TEXT,
        last_error TEXT NOT NULL DEFAULT '')""",
    "INSERT OR IGNORE INTO replica_state (id) VALUES (1)",
    """CREATE TABLE IF NOT EXISTS replica_conflicts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        ref TEXT NOT NULL,
        field TEXT NOT NULL,
        mine TEXT,
        mine_by TEXT NOT NULL DEFAULT '',
        mine_at TEXT,
        theirs TEXT,
        theirs_by TEXT NOT NULL DEFAULT '',
        theirs_at TEXT,
        merged TEXT,
        detected_at TEXT NOT NULL,
        resolved_at TEXT,
        resolved_by TEXT,
        resolved_value TEXT)""",
)


def _triggers(table: str) -> list[str]:
    """Queue each insert (no base version) and update (the version the row had before) of ``table``."""
    quiet = "WHEN (SELECT pulling FROM replica_state WHERE id = 1) = 0"
    now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
    # ``table`` is one of TABLES (the schema's own names), never input.
    queue = "INSERT OR IGNORE INTO replica_outbox (tbl, row_id, base_version, queued_at) VALUES"
    queued = [
        f"CREATE TRIGGER IF NOT EXISTS replica_outbox_{table}_insert AFTER INSERT ON {table} {quiet} "
        f"BEGIN {queue} ('{table}', NEW.id, NULL, {now}); END"
    ]
    if table not in APPEND_ONLY:
        queued.append(
            f"CREATE TRIGGER IF NOT EXISTS replica_outbox_{table}_update AFTER UPDATE ON {table} {quiet} "
            f"BEGIN {queue} ('{table}', NEW.id, OLD.version, {now}); END"
        )
    return queued


def prepare(store: Store) -> None:
    """Add the replica's tables and triggers to a desk database (idempotent; a read when they are there)."""
    wanted = {f"replica_outbox_{t}_insert" for t in TABLES}
    wanted |= {f"replica_outbox_{t}_update" for t in TABLES if t not in APPEND_ONLY}
    with store.read() as session:
        present = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
    if wanted <= present:
        return
    with store.write() as session:
        for statement in _SCHEMA:
            session.execute(text(statement))
        for table in TABLES:
            for statement in _triggers(table):
                session.execute(text(statement))


@dataclass(frozen=True)
class Queued:
    seq: int
    table: str
    row_id: uuid.UUID
    base_version: int | None


def pending(session: Session) -> list[Queued]:
    rows = session.execute(text("SELECT seq, tbl, row_id, base_version FROM replica_outbox ORDER BY seq"))
    queued = [Queued(r.seq, r.tbl, uuid.UUID(hex=r.row_id), r.base_version) for r in rows]
    order = {t: i for i, t in enumerate(TABLES)}
    return sorted(queued, key=lambda q: (order.get(q.table, len(order)), q.seq))


def pending_count(session: Session) -> int:
    return int(session.execute(text("SELECT count(*) FROM replica_outbox")).scalar_one())


def done(session: Session, seqs: list[int]) -> None:
    for start in range(0, len(seqs), 500):
        chunk = seqs[start : start + 500]
        listed = ",".join(str(int(s)) for s in chunk)  # integers only
        session.execute(text(f"DELETE FROM replica_outbox WHERE seq IN ({listed})"))  # noqa: S608


def keep_queued(session: Session, seq: int, base_version: int) -> None:
    session.execute(text("UPDATE replica_outbox SET base_version = :v WHERE seq = :s"), {"v": base_version, "s": seq})


def set_pulling(session: Session, on: bool) -> None:
    """While set (inside the pull's own transaction), the triggers do not queue the rows being copied."""
    session.execute(text("UPDATE replica_state SET pulling = :on WHERE id = 1"), {"on": 1 if on else 0})


@dataclass(frozen=True)
class SyncState:
    server: str
    watermark: datetime | None
    last_sync_at: datetime | None
    last_error: str


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).astimezone(UTC) if value else None


def state(session: Session) -> SyncState:
    row = session.execute(text("SELECT server, watermark, last_sync_at, last_error FROM replica_state")).one()
    return SyncState(row.server, _instant(row.watermark), _instant(row.last_sync_at), row.last_error)


def record_state(session: Session, **values: Any) -> None:
    """Update the sync state (instants as ISO text with their offset)."""
    assignments = ", ".join(f"{k} = :{k}" for k in values)
    params = {k: v.isoformat() if isinstance(v, datetime) else v for k, v in values.items()}
    # The column names are this module's callers' keywords; the values are bound.
    session.execute(text(f"UPDATE replica_state SET {assignments} WHERE id = 1"), params)  # noqa: S608


@dataclass(frozen=True)
class FieldConflict:
    """Two different values given to one field of one record while the desks were apart."""

    id: int
    table: str
    row_id: uuid.UUID
    ref: str
    field: str
    mine: str | None
    mine_by: str
    mine_at: datetime | None
    theirs: str | None
    theirs_by: str
    theirs_at: datetime | None
    merged: str | None  # what the record says now, until an agent resolves it
    detected_at: datetime
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    resolved_value: str | None = None
    shared_id: uuid.UUID | None = None  # kept on the server for the whole team (``id`` is then its number)

    @property
    def key(self) -> str:
        """What an agent calls it by: the team's number for a shared conflict, ``r`` and a local number else."""
        return str(self.id) if self.shared_id is not None else f"r{self.id}"

    @property
    def mine_values(self) -> dict[str, Any]:
        """A whole record's local values (a record conflict keeps them as JSON)."""
        return dict(json.loads(self.mine)) if self.field == "*" and self.mine else {}


def add_conflict(session: Session, conflict: FieldConflict) -> None:
    session.execute(
        text(
            "INSERT INTO replica_conflicts (tbl, row_id, ref, field, mine, mine_by, mine_at, theirs, theirs_by, "
            "theirs_at, merged, detected_at) VALUES (:tbl, :row_id, :ref, :field, :mine, :mine_by, :mine_at, "
            ":theirs, :theirs_by, :theirs_at, :merged, :detected_at)"
        ),
        {
            "tbl": conflict.table,
            "row_id": conflict.row_id.hex,
            "ref": conflict.ref,
            "field": conflict.field,
            "mine": conflict.mine,
            "mine_by": conflict.mine_by,
            "mine_at": conflict.mine_at.isoformat() if conflict.mine_at else None,
            "theirs": conflict.theirs,
            "theirs_by": conflict.theirs_by,
            "theirs_at": conflict.theirs_at.isoformat() if conflict.theirs_at else None,
            "merged": conflict.merged,
            "detected_at": conflict.detected_at.isoformat(),
        },
    )


def conflicts(session: Session, *, include_resolved: bool = False) -> list[FieldConflict]:
    where = "" if include_resolved else " WHERE resolved_at IS NULL"
    rows = session.execute(text(f"SELECT * FROM replica_conflicts{where} ORDER BY id"))  # noqa: S608
    return [
        FieldConflict(
            r.id,
            r.tbl,
            uuid.UUID(hex=r.row_id),
            r.ref,
            r.field,
            r.mine,
            r.mine_by,
            _instant(r.mine_at),
            r.theirs,
            r.theirs_by,
            _instant(r.theirs_at),
            r.merged,
            _instant(r.detected_at) or datetime.now(UTC),
            _instant(r.resolved_at),
            r.resolved_by,
            r.resolved_value,
        )
        for r in rows
    ]


def mark_resolved(session: Session, conflict_id: int, value: str | None, by: str, at: datetime) -> None:
    session.execute(
        text(
            "UPDATE replica_conflicts SET resolved_at = :at, resolved_by = :by, resolved_value = :value WHERE id = :id"
        ),
        {"at": at.isoformat(), "by": by, "value": value, "id": conflict_id},
    )
