"""``desk demo``: a realistic queue at the instant it is generated for, the same for the same seed and instant."""

from __future__ import annotations

import sqlite3
from collections import Counter
from contextlib import closing
from datetime import timedelta
from pathlib import Path

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.demo import generate
from desk.integrity import check
from desk.queue import countdown, load_open_queue
from desk.services import Desk
from desk.store.engine import open_store


def _queue(
    tmp_path: Path, name: str, catalogs: CatalogRegistry, clock: FakeClock, seed: int
) -> list[tuple[object, ...]]:
    store = open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=900, open_cases=300, seed=seed)  # "now" is the desk's clock
        return [(e.ref, e.title, e.severity, e.clock) for e in load_open_queue(desk)]
    finally:
        store.close()


def test_demo_queue_is_mostly_on_track_with_a_few_at_risk_and_breached(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite'}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=900, open_cases=300, seed=7)
        entries = load_open_queue(desk)
    finally:
        store.close()
    now = clock.now()
    states = Counter(countdown(e.clock, now).state for e in entries)
    assert len(entries) == 300
    assert 9 <= states["breached"] <= 15, states  # 3-5 %
    assert 15 <= states["at_risk"] <= 30, states  # 5-10 %
    assert states["on_track"] >= 200, states
    assert states["paused"] >= 10, states  # some wait on the customer
    overdue = [now - e.clock.deadline for e in entries if e.clock and countdown(e.clock, now).state == "breached"]
    assert any(o < timedelta(hours=1) for o in overdue) and any(o > timedelta(hours=1) for o in overdue)


def test_demo_is_the_same_for_the_same_seed_and_instant(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    first = _queue(tmp_path, "a.sqlite", catalogs, clock, seed=3)
    assert _queue(tmp_path, "b.sqlite", catalogs, clock, seed=3) == first
    assert _queue(tmp_path, "c.sqlite", catalogs, clock, seed=4) != first
    clock.advance(timedelta(days=2, minutes=7))
    moved = _queue(tmp_path, "d.sqlite", catalogs, clock, seed=3)
    # Relative to its own instant: the same cases, every deadline moved by exactly the clock's step.
    assert [(r, t, s) for r, t, s, _ in moved] == [(r, t, s) for r, t, s, _ in first]
    shift = [
        (b.deadline - a.deadline) if a is not None and a.deadline is not None and b is not None and b.deadline else None
        for (*_, a), (*_, b) in zip(first, moved, strict=True)
    ]
    assert {s for s in shift if s is not None} == {timedelta(days=2, minutes=7)}


def _everything(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(path) as conn:
        tables = ("customers", "contracts", "cases", "case_events", "quota_uses", "quota_events")
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


def test_demo_written_in_small_batches_is_the_same_database(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    counts = []
    for name, batch in (("whole.sqlite", 10_000), ("batched.sqlite", 70)):
        store = open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False)
        try:
            counts.append(generate(Desk(store, catalogs, clock), cases=900, open_cases=300, seed=5, batch=batch))
        finally:
            store.close()
    assert counts[0] == counts[1] and counts[0]["cases"] == 900 and counts[0]["events"] > 900 * 3
    whole, batched = _everything(tmp_path / "whole.sqlite"), _everything(tmp_path / "batched.sqlite")
    assert whole == batched
    assert len(whole["cases"]) == 900 and len(whole["case_events"]) == counts[0]["events"]


def test_demo_leaves_the_case_indexes_in_place(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> None:
    path = tmp_path / "demo.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    try:
        with closing(sqlite3.connect(path)) as conn:
            before = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()
        generate(Desk(store, catalogs, clock), cases=200, open_cases=50, seed=1)
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        after = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").fetchall()
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert after == before and any(name == "ix_case_events_case_id" for name, _ in after)


def test_demo_made_in_other_processes_is_the_same_database(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    for name, parallel in (("here.sqlite", False), ("processes.sqlite", True)):
        store = open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False)
        try:
            generate(Desk(store, catalogs, clock), cases=900, open_cases=300, seed=5, block=100, parallel=parallel)
        finally:
            store.close()
    here = _everything(tmp_path / "here.sqlite")
    assert here == _everything(tmp_path / "processes.sqlite")
    assert len(here["cases"]) == 900 and len(here["case_events"]) > 900 * 3


def test_a_demo_of_20000_cases_made_in_other_processes_passes_the_check(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'demo.sqlite'}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        counts = generate(desk, cases=20_000, open_cases=2_000, seed=9, block=2_500, parallel=True)
        assert counts["cases"] == 20_000 and counts["open"] == 2_000
        assert check(desk) == []
    finally:
        store.close()


def test_every_demo_case_opens_within_its_contract(tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock) -> None:
    # A case opened before its contract began has no contract in force: an import of the demo's export (or a
    # review by tier) would not find the one the row names.
    path = tmp_path / "demo.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    try:
        generate(Desk(store, catalogs, clock), cases=3000, open_cases=300, seed=7)
    finally:
        store.close()
    with closing(sqlite3.connect(path)) as conn:
        early = conn.execute(
            "SELECT count(*) FROM cases JOIN contracts ON contracts.id = cases.contract_id"
            ' WHERE date(cases.opened_at) < contracts.start OR date(cases.opened_at) > contracts."end"'
        ).fetchone()[0]
        total = conn.execute("SELECT count(*) FROM cases WHERE contract_id IS NOT NULL").fetchone()[0]
    assert total == 3000
    assert early == 0
