"""On a large queue every column's order is prepared off the GUI thread: a sort then answers at once, one asked
for earlier is shown when its order is ready, and an order computed from rows that changed meanwhile is
never shown."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.queue import QueueEntry, QueueFilter
from tests.ui.test_queue_speed import NOW, entries, expected, shown
from ui import queue_model
from ui.queue_model import COLUMNS, QueueModel
from ui.queue_orders import PreparedOrder

CUSTOMER = COLUMNS.index("customer")


@pytest.fixture
def model(clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[QueueModel]:
    monkeypatch.setattr(queue_model, "SYNC_ROWS", 100)  # "large" for these tests
    clock.set(NOW)
    made = QueueModel(clock)
    yield made
    made.column_orders.cancel()
    made.column_orders.wait(10)


class Held:
    """Holds the model's preparation back (as a busy window does) until released."""

    def __init__(self, model: QueueModel) -> None:
        self.released = False
        model.column_orders.quiet = lambda: self.released

    def set(self) -> None:
        self.released = True


def held(model: QueueModel) -> Held:
    return Held(model)


def delivered(model: QueueModel) -> list[PreparedOrder]:
    got: list[PreparedOrder] = []
    model.column_orders.ready.connect(got.append)
    return got


def test_once_the_orders_are_prepared_every_sort_answers_at_once(
    qtbot: QtBot, model: QueueModel, clock: FakeClock
) -> None:
    got = delivered(model)
    model.set_entries(entries(1000))
    assert not model.busy()  # preparing is not work the agent waits for
    qtbot.waitUntil(lambda: len(got) == len(COLUMNS))
    for column in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert not model.busy()
            desc = order == Qt.SortOrder.DescendingOrder
            assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock, column, desc)


def test_a_sort_asked_before_its_order_is_ready_is_shown_when_it_is(
    qtbot: QtBot, model: QueueModel, clock: FakeClock
) -> None:
    gate = held(model)
    model.set_entries(entries(1000))
    before = [e.ref for e in shown(model)]
    model.sort(CUSTOMER, Qt.SortOrder.DescendingOrder)
    assert model.busy() and [e.ref for e in shown(model)] == before  # not yet: the old order, still usable
    with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: not busy):
        gate.set()
    assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock, CUSTOMER, desc=True)
    header_asked_again = model.rowCount()
    model.sort(CUSTOMER, Qt.SortOrder.DescendingOrder)
    assert not model.busy() and model.rowCount() == header_asked_again


def test_an_order_of_rows_that_changed_meanwhile_is_never_shown(
    qtbot: QtBot, model: QueueModel, clock: FakeClock
) -> None:
    got = delivered(model)
    gate = held(model)
    rows = entries(1000)
    model.set_entries(rows)
    model.sort(CUSTOMER)
    rng = random.Random(2)
    fresh: dict[uuid.UUID, QueueEntry | None] = {}
    for entry in rng.sample(rows, 30):  # renamed customers: their rows move in the customer order
        fresh[entry.case_id] = replace(entry, customer_name=f"Customer {rng.randint(41, 90)}", version=2)
    for entry in rng.sample(rows, 10):
        fresh[entry.case_id] = None  # closed
    for extra in entries(1012)[1000:]:
        fresh[extra.case_id] = extra  # opened
    model.apply(fresh)
    with qtbot.waitSignal(model.busy_changed, check_params_cb=lambda busy: not busy):
        gate.set()
    assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock, CUSTOMER)
    qtbot.waitUntil(lambda: len({p.generation for p in got}) == 2)  # orders of the rows before came: prepared again
    for column in range(len(COLUMNS)):
        model.sort(column)
        qtbot.waitUntil(lambda: not model.busy())
        assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock, column), COLUMNS[column]


def test_time_passing_while_the_orders_are_prepared_does_not_start_them_again(
    qtbot: QtBot, model: QueueModel, clock: FakeClock
) -> None:
    got = delivered(model)
    gate = held(model)
    model.set_entries(entries(1000))
    model.sort(CUSTOMER)
    for _ in range(5):  # breaches leave the hour's grace on every tick: rows change group meanwhile
        clock.advance(timedelta(minutes=20))
        model.tick()
    gate.set()
    qtbot.waitUntil(lambda: len(got) == len(COLUMNS))
    model.column_orders.wait(10)
    qtbot.wait(1)  # anything the preparation still sent
    assert sorted(p.column for p in got) == sorted(COLUMNS)  # each prepared once
    assert not model.busy()
    assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock, CUSTOMER)
