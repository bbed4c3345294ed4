"""Each column's order computed in steps is the order of the column's own sort key, whatever the rows hold."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, datetime, timedelta

from desk.calendars import AlwaysCalendar
from desk.queue import QueueClock, QueueEntry
from desk.queue_columns import QueueColumns
from desk.queue_slots import column_key
from desk.queue_sorting import PIECE, ColumnSorter, sorted_in_steps
from desk.vocabulary import ClockState

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
COLUMNS = ("deadline", "severity", "ref", "customer", "tier", "title", "status", "assignee", "channel", "opened")


def _clock(rng: random.Random) -> QueueClock | None:
    kind = rng.random()
    if kind < 0.1:
        return None  # no clock to meet
    target = rng.choice((12, 40, 180, 960)) * 60
    if kind < 0.25:  # paused: its budget left (some with none recorded)
        left = rng.choice((None, 0, 60, 600, 600, -30))
        return QueueClock("resolution", True, ClockState.PAUSED, None, target, True, left,
                          AlwaysCalendar(), 0.25, None)  # fmt: skip
    deadline = NOW + timedelta(seconds=rng.choice((rng.randint(-2 * target, 2 * target), 0, 3600)))
    return QueueClock("response", True, ClockState.ON_TRACK, deadline, target, False, None,
                      AlwaysCalendar(), 0.25, None)  # fmt: skip


def _entry(rng: random.Random, i: int, version: int = 1) -> QueueEntry:
    customer = rng.choice(("Acme", "acme", "ACME", "Zeta", "北京数据", "émile", "Émile", "beta"))
    return QueueEntry(
        case_id=uuid.UUID(int=i + 1), ref=rng.choice(("C-", "c-", "K_")) + f"{i:06d}",
        title=rng.choice(("Disk full", "disk full", "Login", "数据库", "")) + f" {rng.randint(1, 50)}",
        customer_ref=f"CU-{i % 7}", customer_name=customer, tier=rng.choice(("L1", "L2", "l2", "", None)),
        severity=rng.choice(("S1", "S2", "S4", "X9")), status=rng.choice(("new", "open", "Open", "waiting")),
        assignee=rng.choice(("alice", "Bob", "bob", "")), channel=rng.choice(("ticket", "phone", "Email")),
        opened_at=NOW - timedelta(minutes=rng.choice((rng.randint(0, 100_000), 5))), version=version,
        clock=_clock(rng), severity_rank=rng.choice((0, 1, 2, 3)),
    )  # fmt: skip


def _columns(n: int, seed: int = 3) -> QueueColumns:
    rng = random.Random(seed)
    cols = QueueColumns()
    for i in range(n):
        cols.add(_entry(rng, i))
    for i in rng.sample(range(n), n // 10):  # reloaded cases: a new slot each, the old one no longer theirs
        cols.add(_entry(rng, i, version=2))
    for i in rng.sample(range(n), n // 20):  # closed cases
        cols.forget(uuid.UUID(int=i + 1))
    return cols


def test_every_columns_order_is_its_sort_keys_order_over_several_pieces() -> None:
    cols = _columns(2 * PIECE + 700)
    live = cols.live()
    random.Random(1).shuffle(live)
    sorter = ColumnSorter(cols, live)
    for column in COLUMNS:
        assert list(sorter.order(column)) == sorted(live, key=column_key(cols, column)), column


def test_orders_ignore_rows_added_after_they_were_asked_for() -> None:
    cols = _columns(300)
    live = cols.live()
    sorter = ColumnSorter(cols, live)
    work = sorter.steps("customer")
    next(work)
    cols.add(_entry(random.Random(4), 5000))  # a row reloaded meanwhile on the window's side
    for _ in work:
        pass
    assert list(ColumnSorter(cols, live).order("title")) == sorted(live, key=column_key(cols, "title"))
    assert list(sorter.order("customer")) == sorted(live, key=column_key(cols, "customer"))


def test_sorting_in_steps_keeps_equal_keys_in_their_order() -> None:
    rng = random.Random(7)
    rows = list(range(3 * PIECE + 11))
    rng.shuffle(rows)
    for key in ((lambda r: r % 3), (lambda r: -r), (lambda r: 0)):
        work = sorted_in_steps(rows, key)
        steps = 0
        try:
            while True:
                next(work)
                steps += 1
        except StopIteration as done:
            assert done.value == sorted(rows, key=key)
        assert steps > 1  # in several steps, not one
