"""``desk demo`` into an SQLite file: loaded beside it, in place only when complete, never over another program."""

from __future__ import annotations

import os
import select
import signal
import sqlite3
import stat
import subprocess
import sys
from contextlib import closing, suppress
from pathlib import Path

import pytest

from desk import demo
from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.demo import generate
from desk.queue import load_open_queue
from desk.services import Desk
from desk.store.engine import StoreError, open_store
from desk.store.fresh import partial_path

ROOT = Path(__file__).resolve().parents[2]


def _cases(path: Path) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])


def _children(pid: int) -> list[int]:
    """Handles on the processes ``pid`` started (Linux): readable once each has ended."""
    with suppress(OSError):
        return [os.pidfd_open(int(c)) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return []


def test_a_demo_killed_midway_leaves_the_database_empty_and_the_next_one_completes(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    path = tmp_path / "demo.sqlite"
    url = f"sqlite:///{path}"
    open_store(url, clock=clock, daily_backup=False).close()  # created and migrated, as ``desk init`` does
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "desk.cli", "--db", url, "demo", "--cases", "300000", "--open", "1000"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    partial = partial_path(path)
    try:
        # Killed while it loads: a moment after its unfinished file appears (its rows sit in the page cache
        # until the end or until the cache spills, so the file's size says little).
        while process.poll() is None and not partial.exists():
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=0.05)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=1.5)
        assert process.poll() is None, "the demo finished before it could be interrupted"
        makers = _children(process.pid)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert makers, "the demo was killed before it started making its cases elsewhere"
    for maker in makers:  # they end with it instead of waiting for their next block forever
        ended, _, _ = select.select([maker], [], [], 30)
        os.close(maker)
        assert ended, "a process making the demo's cases outlived it"
    assert _cases(path) == 0  # the database as it was
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    store = open_store(url, clock=clock, daily_backup=False)
    try:
        generate(Desk(store, catalogs, clock), cases=300, open_cases=50, seed=2)
    finally:
        store.close()
    assert _cases(path) == 300 and not partial.exists()
    assert not list(tmp_path.glob("demo.sqlite.load-*"))  # no rows left behind


def test_a_demo_that_fails_midway_leaves_the_database_empty_and_no_partial_file(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    told = demo._story
    calls = []

    def failing(*args: object) -> object:
        calls.append(1)
        if len(calls) > 150:
            raise OSError("disk gone")
        return told(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(demo, "_story", failing)
    try:
        with pytest.raises(OSError, match="disk gone"):
            generate(Desk(store, catalogs, clock), cases=400, open_cases=20, seed=1, batch=50)
    finally:
        store.close()
    assert _cases(path) == 0 and not partial_path(path).exists()


def test_demo_refuses_a_database_another_program_has_open(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    path = tmp_path / "demo.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    with closing(sqlite3.connect(path)) as other:
        other.execute("SELECT count(*) FROM cases").fetchone()  # a reader, as a window would be
        with pytest.raises(StoreError, match="open in another program") as refused:
            generate(Desk(store, catalogs, clock), cases=200, open_cases=20, seed=1)
        assert refused.value.code == "database_in_use"
        assert other.execute("SELECT count(*) FROM cases").fetchone() == (0,)
    store.close()
    assert _cases(path) == 0 and not partial_path(path).exists()


def test_demo_database_keeps_its_owner_only_permissions_and_write_ahead_log(
    tmp_path: Path, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    path = tmp_path / "demo.sqlite"
    store = open_store(f"sqlite:///{path}", clock=clock, daily_backup=False)
    try:
        desk = Desk(store, catalogs, clock)
        generate(desk, cases=200, open_cases=20, seed=1)
        assert len(load_open_queue(desk)) == 20  # the same store reads the new file
    finally:
        store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _cases(path) == 200
