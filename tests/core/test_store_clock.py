"""The store stamps every row's created/updated instants from its injected clock, never the wall clock."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import insert, select

from desk.clock import FakeClock
from desk.services import Desk
from desk.store.engine import Store
from desk.store.models import Case, Customer
from tests.helpers import T0


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


def test_every_write_to_a_case_makes_a_new_version_even_at_the_same_instant(seeded: Desk) -> None:
    # The clock does not move between the two writes: only the version tells another desk that the
    # note was added (and makes an edit from before it stale).
    desk = seeded
    desk.open_case("cust-L3", "slow disks", "S3", "ticket")
    with desk.store.read() as session:
        case = session.scalars(select(Case)).one()
    desk.add_note(case.id, "looking")
    with desk.store.read() as session:
        assert session.get(Case, case.id).version == case.version + 1  # type: ignore[union-attr]
