"""The queue as columns: the plain read holds every row the queue read holds, and the schedule over slots
gives each row the state, place and next change that ``desk.queue``'s own functions give."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text, update

import desk.queue_scan
from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.queue import _base_query, countdown, load_open_queue, next_change
from desk.queue_columns import QueueColumns
from desk.queue_order import urgency_key
from desk.queue_plain import read_open_columns
from desk.queue_scan import _PARTS, _SELECT, scan_open_queue
from desk.queue_slots import SlotSchedule
from desk.services import Desk
from desk.store.engine import open_store
from desk.store.models import Case
from desk.vocabulary import OPEN_STATUSES


@pytest.fixture(params=["fraction", "lead"])
def demo(request: pytest.FixtureRequest, tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> Iterator[Desk]:
    if request.param == "lead":  # the plan also turns a clock at risk a fixed time before its deadline
        plan = default_catalog_dir() / "aliyun-2018-04-24.toml"
        (tmp_path / "plans").mkdir()
        (tmp_path / "plans" / plan.name).write_text(
            plan.read_text(encoding="utf-8").replace("# at_risk_lead_minutes = 10", "at_risk_lead_minutes = 90"),
            encoding="utf-8",
        )
        catalogs = CatalogRegistry.load_dir(tmp_path / "plans")
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite'}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=1500, open_cases=600, seed=11)
        yield desk
    finally:
        store.close()


def _rows(cols: QueueColumns) -> list[object]:
    return [(e, e.search_text, e.severity_rank) for e in map(cols.entry, range(len(cols)))]


def test_the_columns_hold_every_row_the_queue_read_holds_in_its_order(demo: Desk, clock: FakeClock) -> None:
    for later in (timedelta(0), timedelta(hours=5)):  # later: rows in every group of the order
        now = clock.now() + later
        for grace in (timedelta(hours=1), timedelta(minutes=10)):
            cols = read_open_columns(demo, now, grace)
            expected = load_open_queue(demo, now, grace=grace)
            assert len(cols) == len(cols.slot_of) == 600
            assert _rows(cols) == [(e, e.search_text, e.severity_rank) for e in expected]
            assert [cols.slot(e.case_id) for e in expected] == list(range(600))


def test_the_first_screen_is_the_start_of_the_whole_queue(demo: Desk, clock: FakeClock) -> None:
    now = clock.now() + timedelta(hours=3)
    assert _rows(read_open_columns(demo, now, limit=200)) == _rows(read_open_columns(demo, now))[:200]


def test_rows_written_before_the_clock_cache_are_read_through_their_events(demo: Desk, clock: FakeClock) -> None:
    with demo.store.write() as session:
        picked = list(session.scalars(_base_query().with_only_columns(Case.id).limit(50)))
        session.execute(update(Case).where(Case.id.in_(picked)).values(due_rev=0))
    expected = load_open_queue(demo)
    assert _rows(read_open_columns(demo, clock.now())) == [(e, e.search_text, e.severity_rank) for e in expected]


def _exact(cols: QueueColumns, slot: int, now: datetime, grace: timedelta) -> tuple[object, ...]:
    entry = cols.entry(slot)
    return countdown(entry.clock, now).state, urgency_key(entry, now, grace)[0], next_change(entry.clock, now, grace)


@pytest.mark.parametrize("given", [False, True], ids=["read", "given as entries"])
def test_the_schedule_gives_each_slot_what_the_queue_functions_give(demo: Desk, clock: FakeClock, given: bool) -> None:
    grace = timedelta(hours=1)
    start = clock.now()
    cols = read_open_columns(demo, start, grace)
    if given:  # rows reloaded after a write come as entries, with their clocks
        entries = [cols.entry(s) for s in range(len(cols))]
        cols = QueueColumns()
        for entry in entries:
            cols.add(entry)
    schedule = SlotSchedule(cols, grace)
    schedule.load(start)
    assert schedule.grouped()
    slots = range(len(cols))
    assert [(schedule.states[s], schedule.groups[s]) for s in slots] == [
        _exact(cols, s, start, grace)[:2] for s in slots
    ]
    previous = {s: _exact(cols, s, start, grace) for s in slots}
    for hours in (0.5, 1, 2, 5, 30):  # every change comes due once, and nothing else
        now = start + timedelta(hours=hours)
        changed = {c.slot: (c.old, c.new, c.moved) for c in schedule.changes(now)}
        current = {s: _exact(cols, s, now, grace) for s in slots}
        expected = {
            s: (previous[s][0], current[s][0], previous[s][1] != current[s][1])
            for s in slots
            if current[s][:2] != previous[s][:2]
        }
        assert changed == expected
        assert {s: (schedule.states[s], schedule.groups[s]) for s in slots} == {s: current[s][:2] for s in slots}
        previous = current
    assert {schedule.states[s] for s in slots} >= {"breached", "paused"}


def test_a_reloaded_case_gets_a_new_slot_and_its_old_one_is_forgotten(demo: Desk, clock: FakeClock) -> None:
    cols = read_open_columns(demo, clock.now())
    schedule = SlotSchedule(cols)
    schedule.load(clock.now())
    entry = cols.entry(0)
    slot = cols.add(entry)
    schedule.track(slot, clock.now())
    assert slot == 600 and cols.slot(entry.case_id) == slot and not schedule.live(0)
    assert cols.entry(slot) == entry and len(cols.slot_of) == 600
    cols.forget(entry.case_id)
    assert cols.slot(entry.case_id) is None and len(cols.slot_of) == 599


def test_search_texts_asked_for_after_a_reload_or_from_two_threads_are_each_rows_own(
    demo: Desk, clock: FakeClock
) -> None:
    expected = [e.search_text.encode() for e in load_open_queue(demo, clock.now())]
    cols = read_open_columns(demo, clock.now())
    entry = cols.entry(0)
    cols.add(entry)  # a row changed before any search was typed
    texts = [*expected, entry.search_text.encode()]
    assert cols.search == texts
    again = read_open_columns(demo, clock.now())
    seen: list[list[bytes]] = []
    threads = [threading.Thread(target=lambda: seen.append(list(again.search))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [expected] * 4 and again.search == expected


def test_rows_without_a_contract_get_the_plan_in_effect_when_opened(demo: Desk, clock: FakeClock) -> None:
    with demo.store.write() as session:
        open_ids = _base_query().with_only_columns(Case.id).where(Case.status.in_(OPEN_STATUSES))
        picked = list(session.scalars(open_ids.limit(40)))
        session.execute(update(Case).where(Case.id.in_(picked)).values(contract_id=None))
    expected = load_open_queue(demo)
    assert sum(e.tier is None for e in expected) == 40
    assert _rows(read_open_columns(demo, clock.now())) == [(e, e.search_text, e.severity_rank) for e in expected]


def _scanned(desk: Desk, now: datetime) -> object:
    """What the read from the queue's index gives (None: the rows would be read one by one)."""
    with desk.store.read() as session:
        conn = session.connection().connection.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        return list(scan_open_queue(conn, (now - timedelta(hours=1)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")))


def test_the_whole_queue_is_read_from_the_queue_index_in_one_walk(demo: Desk, clock: FakeClock) -> None:
    with demo.store.read() as session:
        conn = session.connection().connection.driver_connection
        assert isinstance(conn, sqlite3.Connection)
        plan = " ".join(row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + _SELECT + _PARTS[0], ("", 10, 0)))
    assert "COVERING INDEX ix_cases_queue" in plan and "TEMP B-TREE" not in plan
    blocks = _scanned(demo, clock.now() + timedelta(hours=3))
    assert None not in blocks and sum(len(block[0]) for block in blocks) == 600  # type: ignore[index]


@pytest.mark.parametrize("title", ["a\x1fb", "\x1f", "", "Ⅻ ǅ ß 😀 title"])
def test_any_title_is_read_as_written(demo: Desk, clock: FakeClock, title: str) -> None:
    with demo.store.write() as session:
        open_ids = _base_query().with_only_columns(Case.id).where(Case.status.in_(OPEN_STATUSES))
        picked = list(session.scalars(open_ids.limit(3)))
        session.execute(update(Case).where(Case.id.in_(picked)).values(title=title))
    expected = load_open_queue(demo)
    assert sum(e.title == title for e in expected) == 3
    assert _rows(read_open_columns(demo, clock.now())) == [(e, e.search_text, e.severity_rank) for e in expected]


def test_a_file_without_the_queue_index_is_read_row_by_row(demo: Desk, clock: FakeClock) -> None:
    with demo.store.write() as session:
        session.execute(text("DROP INDEX ix_cases_queue"))
    now = clock.now() + timedelta(hours=3)
    expected = load_open_queue(demo, now)
    assert _rows(read_open_columns(demo, now)) == [(e, e.search_text, e.severity_rank) for e in expected]


@pytest.mark.parametrize("stretch", [1, 7, 250])
def test_the_queue_read_a_stretch_at_a_time_is_the_same_queue(
    demo: Desk, clock: FakeClock, stretch: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = clock.now() + timedelta(hours=5)
    expected = _rows(read_open_columns(demo, now))
    monkeypatch.setattr("desk.queue_scan.STRETCH", stretch)
    assert _rows(read_open_columns(demo, now)) == expected
    assert not [t for t in threading.enumerate() if t.name == "queue-read-ahead"]


def test_a_stale_row_stops_the_read_ahead_and_the_rows_are_evaluated(
    demo: Desk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.queue_scan.STRETCH", 5)
    first = load_open_queue(demo)[0].case_id
    with demo.store.write() as session:
        session.execute(update(Case).where(Case.id == first).values(due_rev=0))
    expected = load_open_queue(demo)
    assert _rows(read_open_columns(demo, clock.now())) == [(e, e.search_text, e.severity_rank) for e in expected]
    assert not [t for t in threading.enumerate() if t.name == "queue-read-ahead"]


def test_rows_scheduled_a_stretch_at_a_time_as_read_are_scheduled_as_at_once(
    demo: Desk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desk.queue_scan.STRETCH", 50)
    now = clock.now() + timedelta(hours=2)
    seen: list[int] = []
    schedules: list[SlotSchedule] = []

    def added(cols: QueueColumns) -> None:
        if not schedules:
            schedules.append(SlotSchedule(cols))
        schedules[0].extend(now)
        seen.append(len(cols))

    cols = read_open_columns(demo, now, added=added)
    assert seen == sorted(seen) and len(seen) > 5 and seen[-1] == 600
    whole = SlotSchedule(cols)
    whole.load(now)
    (stretched,) = schedules
    assert stretched.cols is cols
    assert (stretched.states, stretched.groups) == (whole.states, whole.groups)
    later = now + timedelta(hours=30)
    assert list(stretched.changes(later)) == list(whole.changes(later))


def test_a_connection_kept_to_its_own_thread_is_read_on_it(demo: Desk, clock: FakeClock, tmp_path: Path) -> None:
    now = clock.now() + timedelta(hours=3)
    expected = [block for block in _scanned(demo, now) if block is not None]
    conn = sqlite3.connect(tmp_path / "demo.sqlite")  # check_same_thread: the default
    try:
        cutoff = (now - timedelta(hours=1)).astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
        assert list(scan_open_queue(conn, cutoff)) == expected
    finally:
        conn.close()


@pytest.mark.parametrize("after", [0, 1, 3, 10_000])
def test_the_reading_that_goes_on_after_the_first_paint_reads_every_stretch_once(
    demo: Desk, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, after: int
) -> None:
    """The stretches read before ``ready`` returns (on spare CPU) and the rest, read after it, are the queue."""
    now = clock.now() + timedelta(hours=5)
    expected = _rows(read_open_columns(demo, now))
    monkeypatch.setattr("desk.queue_scan.STRETCH", 7)
    read = threading.Event()
    stretches = desk.queue_scan._stretches

    def counted(*args: object) -> Iterator[object]:
        for number, stretch in enumerate(stretches(*args), 1):  # type: ignore[arg-type]
            if number >= after:
                read.set()
            yield stretch
        read.set()  # all of them read before

    monkeypatch.setattr("desk.queue_scan._stretches", counted)
    assert _rows(read_open_columns(demo, now, ready=lambda: read.wait(10))) == expected
    assert not [t for t in threading.enumerate() if t.name == "queue-read-ahead"]
