"""The queue at scale keeps its rows in order: filters walk a kept order, narrower ones walk the rows shown,
and every order follows changed rows (a column's order prepared ahead: ``test_queue_orders.py``)."""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.calendars import AlwaysCalendar
from desk.clock import FakeClock
from desk.queue import QueueClock, QueueEntry, QueueFilter, matches, sort_key
from desk.queue_order import urgency_key
from desk.vocabulary import ClockState
from ui import queue_model
from ui.queue_model import COLUMNS, QueueModel

NOW = datetime(2026, 11, 26, 2, 0).astimezone()
WORDS = ("database", "login", "disk", "数据库", "billing", "latency")


def entries(n: int, seed: int = 5) -> list[QueueEntry]:
    rng = random.Random(seed)
    made = []
    for i in range(n):
        target = rng.choice((12, 40, 180, 960)) * 60
        paused = rng.random() < 0.1
        deadline = None if paused else NOW + timedelta(seconds=rng.randint(-2 * target, 2 * target))
        state = ClockState.PAUSED if paused else ClockState.ON_TRACK
        clock = QueueClock("resolution", True, state, deadline, target, paused, 600 if paused else None,
                           AlwaysCalendar(), 0.25, None)  # fmt: skip
        customer = f"Customer {rng.randint(1, 40)}"
        title = f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
        ref = f"C-{i:05d}"
        made.append(
            QueueEntry(
                case_id=uuid.UUID(int=i + 1), ref=ref, title=title, customer_ref=f"CU-{i % 40}",
                customer_name=customer, tier=rng.choice(("L1", "L2", "L3", None)), severity=rng.choice(("S1", "S3")),
                status="new", assignee=rng.choice(("alice", "bob", "")), channel="ticket", opened_at=NOW, version=1,
                clock=clock, search_text=f"{ref}\ncu-{i % 40}\n{customer}\n{title}".casefold(),
            )
        )  # fmt: skip
    return made


def shown(model: QueueModel) -> list[QueueEntry]:
    return [model.entry(r) for r in range(model.rowCount())]


def expected(model: QueueModel, flt: QueueFilter, clock: FakeClock, column: int = -1, desc: bool = False) -> list[str]:
    """What a fresh filter and sort of every row gives: the reference the kept orders must agree with."""
    rows = [e for e in model.entries() if matches(e, flt, clock.now())]
    if column == -1:
        rows.sort(key=lambda e: urgency_key(e, clock.now()))
    else:
        rows.sort(key=sort_key(COLUMNS[column]), reverse=desc)
    return [e.ref for e in rows]


def test_typing_deleting_and_changing_filters_show_what_a_fresh_filter_would(clock: FakeClock) -> None:
    clock.set(NOW)
    model = QueueModel(clock)
    model.set_entries(entries(2000))
    typed = ["d", "da", "dat", "data", "data ", "data l", "data lo", "data l", "data", "", "数", "数据库"]
    typed += ["cu-3", "customer 3", "customer 3 disk", "ustomer", "c"]  # customer id and name, with other words
    filters = [QueueFilter(text=t) for t in typed]
    filters += [
        QueueFilter(severities=frozenset({"S1"})),
        QueueFilter(severities=frozenset({"S1"}), text="disk"),
        QueueFilter(severities=frozenset({"S1", "S2"}), text="disk"),
        QueueFilter(tiers=frozenset({""}), assignee="bob"),
        QueueFilter(states=frozenset({ClockState.BREACHED, ClockState.AT_RISK})),
        QueueFilter(states=frozenset({ClockState.BREACHED}), text="c-00"),
        QueueFilter(),
    ]
    for flt in filters:
        model.set_filter(flt)
        assert [e.ref for e in shown(model)] == expected(model, flt, clock), flt
    for column, desc in ((3, False), (3, True), (5, True), (0, False), (-1, False)):
        model.sort(column, Qt.SortOrder.DescendingOrder if desc else Qt.SortOrder.AscendingOrder)
        for flt in (QueueFilter(text="log"), QueueFilter(text="login"), QueueFilter()):
            model.set_filter(flt)
            assert [e.ref for e in shown(model)] == expected(model, flt, clock, column, desc), (column, flt)


def test_every_kept_order_follows_changed_new_and_closed_rows(clock: FakeClock) -> None:
    clock.set(NOW)
    model = QueueModel(clock)
    rows = entries(500)
    model.set_entries(rows)
    for column in (3, 5, 1, -1):  # keep these columns' orders
        model.sort(column)
    rng = random.Random(9)
    fresh: dict[uuid.UUID, QueueEntry | None] = {}
    for entry in rng.sample(rows, 60):
        fresh[entry.case_id] = replace(entry, customer_name=f"Customer {rng.randint(1, 90)}", version=2,
                                       title=f"renamed {entry.title}", severity=rng.choice(("S1", "S3")))  # fmt: skip
    for entry in rng.sample(rows, 20):
        fresh[entry.case_id] = None  # closed
    for extra in entries(530)[500:]:
        fresh[extra.case_id] = extra  # opened
    model.set_filter(QueueFilter(text="data"))
    model.apply(fresh)
    for column in (3, 5, 1, -1):
        model.sort(column)
        for flt in (QueueFilter(text="data"), QueueFilter()):
            model.set_filter(flt)
            assert [e.ref for e in shown(model)] == expected(model, flt, clock, column), (column, flt)


def test_rows_moving_group_as_time_passes_stay_in_the_kept_default_order(clock: FakeClock) -> None:
    clock.set(NOW)
    model = QueueModel(clock)
    model.set_entries(entries(400))
    model.sort(3)
    model.sort(-1)
    for _ in range(6):
        clock.advance(timedelta(minutes=25))  # breaches leave the hour's grace: rows change group
        model.tick()
        assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock)
    model.set_filter(QueueFilter(text="disk"))
    model.set_filter(QueueFilter())
    assert [e.ref for e in shown(model)] == expected(model, QueueFilter(), clock)


def test_on_a_large_queue_a_filter_walks_in_slices_and_the_last_keystroke_wins(
    qtbot: QtBot, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queue_model, "SYNC_ROWS", 100)
    monkeypatch.setattr(queue_model, "FILTER_SLICE", 150)
    clock.set(NOW)
    model = QueueModel(clock)
    rows = entries(1000)
    model.set_entries(rows)
    everything = [e.ref for e in shown(model)]
    model.set_filter(QueueFilter(text="d"))
    assert model.busy() and [e.ref for e in shown(model)] == everything  # the walk is under way
    model.set_filter(QueueFilter(text="di"))  # typed on before it ended: replaces it
    changed = replace(rows[0], title="disk full", search_text="c-00000\ndisk full", version=2)
    model.apply({changed.case_id: changed})  # and a row changed meanwhile
    qtbot.waitUntil(lambda: not model.busy())
    assert model.current_filter == QueueFilter(text="di")
    assert [e.ref for e in shown(model)] == expected(model, QueueFilter(text="di"), clock)
    assert "C-00000" in [e.ref for e in shown(model)]
    model.set_filter(QueueFilter(text="dis"))
    model.set_filter(QueueFilter(text="di"))  # deleted again before the walk ended: nothing to do
    assert not model.busy() and [e.ref for e in shown(model)] == expected(model, QueueFilter(text="di"), clock)
