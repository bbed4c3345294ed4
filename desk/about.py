"""What the desk runs on, for Help > About: version, database, schema revision, plans loaded, backups."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DatabaseError

from desk import __version__
from desk.catalog import CatalogRegistry, Text
from desk.store.backup import list_backups
from desk.store.engine import Store, explain, head_revision, recorded_revision


@dataclass(frozen=True)
class PlanLoaded:
    version: str
    name: Text
    effective_from: str


@dataclass(frozen=True)
class About:
    version: str
    database: str  # the file, or the server's URL without its password
    is_server: bool
    schema_revision: str | None  # None: no schema yet
    schema_head: str  # the revision this desk writes
    plans: tuple[PlanLoaded, ...]
    backup_dir: Path | None  # None for a server database: the server's own backups apply
    backups: int


def schema_revision(store: Store) -> str | None:
    """The Alembic revision stamped in the database (what ``desk check`` calls the schema revision)."""
    try:
        with store.engine.connect() as conn:
            revision = recorded_revision(conn)
            conn.rollback()
    except (DatabaseError, sqlite3.Error) as exc:
        explained = explain(exc, store.describe(), store.path)
        if explained is None:
            raise
        raise explained from exc
    return revision


def about(store: Store, catalogs: CatalogRegistry) -> About:
    plans = tuple(
        PlanLoaded(v, catalogs.get(v).name, catalogs.get(v).effective_from.isoformat()) for v in catalogs.versions()
    )
    backups = list_backups(store.path, store.backup_dir) if store.path and store.backup_dir else []
    return About(
        version=__version__,
        database=store.describe(),
        is_server=store.path is None,
        schema_revision=schema_revision(store),
        schema_head=head_revision(),
        plans=plans,
        backup_dir=store.backup_dir,
        backups=len(backups),
    )
