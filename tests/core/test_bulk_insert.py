"""Rows inserted in bulk straight through SQLite's driver are stored exactly as SQLAlchemy would store them."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from desk.clock import FakeClock
from desk.store.bulk import insert_dicts, uuid4_from_bits
from desk.store.engine import open_store
from desk.store.models import Contract, Customer

EAST = timezone(timedelta(hours=8))


def _rows() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    stamp = datetime(2026, 11, 26, 9, 30, tzinfo=EAST)
    customers, contracts = [], []
    for i, created in enumerate(
        [stamp, datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), datetime(1999, 12, 31, 23, 59, 59, tzinfo=EAST)]
    ):
        cid = uuid.UUID(int=i + 1)
        customers.append(
            {
                "id": cid,
                "ref": f"CUST-{i}",
                "name": "杭州云栈科技有限公司",
                "technical_contact": "王伟 <ops@example.com>",
                "ops_contact": "",
                "business_goals": "",
                "created_at": created,
                "updated_at": stamp,
                "version": 1,
            }
        )
        contracts.append(
            {
                "id": uuid.UUID(int=100 + i),
                "ref": f"K-{i}",
                "customer_id": cid,
                "tier": "tier",
                "catalog_version": "v",
                "start": date(2026, 1, 1 + i),
                "end": date(2026, 12, 31),
                "created_at": created,
                "updated_at": created,
                "version": 1,
            }
        )
    return customers, contracts


def _stored(path: Path) -> list[list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in ("customers", "contracts")]


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(tmp_path: Path, clock: FakeClock) -> None:
    stored = []
    for name, through_driver in (("orm.sqlite", False), ("bulk.sqlite", True)):
        store = open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False)
        try:
            customers, contracts = _rows()
            with store.write() as session:
                for table, rows in ((Customer.__table__, customers), (Contract.__table__, contracts)):
                    if through_driver:
                        insert_dicts(session, table, rows)  # type: ignore[arg-type]
                    else:
                        session.execute(insert(table), rows)
            with store.read() as session:
                assert session.get(Customer, uuid.UUID(int=1)).created_at == customers[0]["created_at"]  # type: ignore[union-attr]
        finally:
            store.close()
        stored.append(_stored(tmp_path / name))
    assert stored[0] == stored[1]


def test_bulk_insert_refuses_rows_lacking_a_column(tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'd.sqlite'}", clock=clock, daily_backup=False)
    try:
        customers, _ = _rows()
        for row in customers:
            del row["ops_contact"]
        with pytest.raises(ValueError, match="ops_contact"), store.write() as session:
            insert_dicts(session, Customer.__table__, customers)  # type: ignore[arg-type]
    finally:
        store.close()


def test_bulk_insert_refuses_a_naive_instant(tmp_path: Path, clock: FakeClock) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'd.sqlite'}", clock=clock, daily_backup=False)
    try:
        customers, _ = _rows()
        customers[1]["created_at"] = datetime(2026, 1, 1)
        with pytest.raises(ValueError, match="naive"), store.write() as session:
            insert_dicts(session, Customer.__table__, customers)  # type: ignore[arg-type]
    finally:
        store.close()
    assert _stored(tmp_path / "d.sqlite")[0] == []


def test_ids_from_bits_are_the_version_4_uuids_of_those_bits() -> None:
    rng = random.Random(1)
    for _ in range(1000):
        bits = rng.getrandbits(128)
        assert uuid4_from_bits(bits) == uuid.UUID(int=bits, version=4)
        assert uuid4_from_bits(bits).hex == uuid.UUID(int=bits, version=4).hex
