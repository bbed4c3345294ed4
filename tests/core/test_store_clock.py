"""The store stamps every row's created/updated instants from its injected clock, never the wall clock."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from desk.clock import FakeClock
from desk.store.engine import Store
from desk.store.models import Customer
from tests.conftest import T0


def test_orm_rows_are_created_and_updated_at_the_store_clock(store: Store, clock: FakeClock) -> None:
    with store.write() as session:
        session.add(Customer(ref="C-1", name="Acme"))
    with store.read() as session:
        row = session.scalars(select(Customer).where(Customer.ref == "C-1")).one()
    assert (row.created_at, row.updated_at) == (T0, T0)

    clock.advance(timedelta(hours=3))
    with store.write() as session:
        session.scalars(select(Customer).where(Customer.ref == "C-1")).one().name = "Acme Ltd"
    with store.read() as session:
        row = session.scalars(select(Customer).where(Customer.ref == "C-1")).one()
    # The shared-database poll compares updated_at: it must move with the clock the desk runs on.
    assert (row.created_at, row.updated_at) == (T0, T0 + timedelta(hours=3))


def test_bulk_inserts_are_stamped_by_the_store_clock(store: Store, clock: FakeClock) -> None:
    clock.advance(timedelta(days=2))
    with store.write() as session:
        session.execute(insert(Customer.__table__), [{"id": uuid.uuid4(), "ref": "C-2", "name": "B", "version": 1}])
    with store.read() as session:
        row = session.scalars(select(Customer).where(Customer.ref == "C-2")).one()
    assert (row.created_at, row.updated_at) == (T0 + timedelta(days=2), T0 + timedelta(days=2))
