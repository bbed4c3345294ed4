"""The queue's whole load from plain driver rows shows every row exactly as the ORM read showed it."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import update

from desk.catalog import Catalog, CatalogRegistry, ClockDef
from desk.clock import FakeClock
from desk.demo import generate
from desk.queue import (
    QueueEntry,
    _base_query,
    _queue_clock,
    _rank,
    _sla_events,
    countdown,
    load_entries,
    load_open_queue,
)
from desk.queue_order import PIECE, sorted_in_pieces, urgency_key
from desk.services import Desk
from desk.sla import CaseHistory, DueCache, evaluate
from desk.store.engine import open_store
from desk.store.models import Case
from desk.vocabulary import OPEN_STATUSES


def _orm_rows(desk: Desk) -> list[QueueEntry]:
    """The rows as the desk built them through an ORM session, by column name (the reference)."""
    now = desk.clock.now()
    definitions: dict[tuple[int, str], ClockDef] = {}
    entries = []
    with desk.store.read() as session:
        rows = list(session.execute(_base_query().where(Case.status.in_(OPEN_STATUSES))))
        events = _sla_events(session, [row.id for row in rows])
    for row in rows:
        catalog: Catalog = (
            desk.catalogs.get(row.catalog_version)
            if row.catalog_version
            else desk.catalogs.in_effect(row.opened_at.date())
        )
        if row.due_rev == DueCache.REVISION:
            due = DueCache(row.due_clock, row.due_at, row.due_target_s, row.due_left_s)
        else:
            history = CaseHistory(row.opened_at, row.opening_severity, row.tier, tuple(events.get(row.id, ())))
            due = DueCache.of(evaluate(history, catalog, max(now, row.opened_at)), is_open=True)
        entries.append(
            QueueEntry(
                case_id=row.id,
                ref=row.ref,
                title=row.title,
                customer_ref=row.customer_ref,
                customer_name=row.customer_name,
                tier=row.tier,
                severity=row.severity,
                status=row.status,
                assignee=row.assignee,
                channel=row.channel,
                opened_at=row.opened_at,
                version=row.version,
                clock=_queue_clock(due, catalog, definitions),
                search_text=f"{row.ref}\n{row.customer_ref}\n{row.customer_name}\n{row.title}".casefold(),
                severity_rank=_rank(catalog, row.severity),
            )
        )
    return sorted(entries, key=lambda e: urgency_key(e, now))


def _shown(entry: QueueEntry, clock: FakeClock) -> tuple[Any, ...]:
    """Everything a row shows or is filtered and sorted by, at this instant and an hour and a day later."""
    now = clock.now()
    times = (now, now + timedelta(hours=1), now + timedelta(days=1))
    return (entry, entry.search_text, entry.severity_rank, *(countdown(entry.clock, t) for t in times))


@pytest.fixture
def demo(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Iterator[Desk]:
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite'}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=1500, open_cases=600, seed=11)
        yield desk
    finally:
        store.close()


def test_every_row_shows_what_the_orm_read_showed(demo: Desk, clock: FakeClock) -> None:
    expected = _orm_rows(demo)
    found = load_open_queue(demo)
    assert len(found) == 600
    assert [_shown(e, clock) for e in found] == [_shown(e, clock) for e in expected]
    states = {countdown(e.clock, clock.now()).state for e in found}
    assert {"on_track", "paused"} <= states  # the demo covers running and paused clocks


def test_rows_written_before_the_clock_cache_are_evaluated_the_same(demo: Desk, clock: FakeClock) -> None:
    with demo.store.write() as session:
        picked = list(session.scalars(_base_query().with_only_columns(Case.id).limit(200)))
        session.execute(update(Case).where(Case.id.in_(picked)).values(due_rev=0))
    expected = _orm_rows(demo)
    assert [_shown(e, clock) for e in load_open_queue(demo)] == [_shown(e, clock) for e in expected]


def test_later_and_with_another_grace_the_order_is_the_full_sort(demo: Desk, clock: FakeClock) -> None:
    clock.advance(timedelta(hours=5))  # many deadlines have passed: rows in each group of the order
    now = clock.now()
    for grace in (timedelta(hours=1), timedelta(minutes=10), timedelta(days=2)):
        found = load_open_queue(demo, now, grace=grace)
        assert found == sorted(found, key=lambda e: urgency_key(e, now, grace))
        groups = {urgency_key(e, now, grace)[0] for e in found}
        assert groups >= ({0, 2} if grace > timedelta(hours=5) else {0, 1, 2})


@pytest.mark.parametrize("shape", ["sorted", "one row out of place", "reversed", "shuffled"])
def test_sorting_in_pieces_is_a_plain_sort(shape: str) -> None:
    rows = [(i // 3, -i) for i in range(5 * PIECE + 17)]
    if shape == "one row out of place":
        rows.insert(3 * PIECE, rows.pop(10))
    elif shape == "reversed":
        rows.reverse()
    elif shape == "shuffled":
        random.Random(3).shuffle(rows)
    assert sorted_in_pieces(rows, key=lambda r: r[0]) == sorted(rows, key=lambda r: r[0])


def test_the_first_page_is_the_start_of_the_whole_queue(demo: Desk, clock: FakeClock) -> None:
    clock.advance(timedelta(hours=3))
    whole = load_open_queue(demo)
    assert load_open_queue(demo, limit=200) == whole[:200]
    some: list[uuid.UUID] = [e.case_id for e in whole[::37]]
    assert load_entries(demo, some) == {e.case_id: e for e in whole[::37]}
