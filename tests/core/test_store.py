"""The schema: migrations match the models; rows carry ids, instants and versions; events are append-only."""

from __future__ import annotations

import importlib
import pkgutil
import uuid
from datetime import UTC, datetime

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DatabaseError

import desk.store
from desk.services import Desk
from desk.store.engine import Store
from desk.store.models import Base


def test_migrations_build_exactly_the_models(store: Store) -> None:
    for module in pkgutil.iter_modules(desk.store.__path__):  # every model module, whoever added it
        if module.name.endswith("models"):
            importlib.import_module(f"desk.store.{module.name}")
    with store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_every_table_has_uuid_key_instants_and_version(store: Store) -> None:
    inspector = inspect(store.engine)
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        columns = {c["name"] for c in inspector.get_columns(table)}
        assert {"id", "created_at", "updated_at", "version"} <= columns, table


def test_pragmas(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_instants_come_back_in_utc(seeded: Desk) -> None:
    from desk.store.models import Case

    (case_id,) = seeded.open_case("cust-L2", "x", "S3", "ticket").cases
    with seeded.store.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.opened_at.tzinfo is UTC
        assert isinstance(case.id, uuid.UUID)
        assert case.version >= 1


def test_the_case_event_log_is_append_only(seeded: Desk) -> None:
    seeded.open_case("cust-L3", "x", "S3", "ticket")
    with pytest.raises(DatabaseError, match="append-only"), seeded.store.write() as session:
        session.execute(text("UPDATE case_events SET actor = 'mallory'"))
    with pytest.raises(DatabaseError, match="append-only"), seeded.store.write() as session:
        session.execute(text("DELETE FROM case_events"))


def test_naive_datetimes_are_refused(seeded: Desk) -> None:
    from desk.store.models import Case

    (case_id,) = seeded.open_case("cust-L2", "x", "S3", "ticket").cases
    with pytest.raises(Exception, match="naive datetime"), seeded.store.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.resolved_at = datetime(2026, 1, 1)
        session.flush()
