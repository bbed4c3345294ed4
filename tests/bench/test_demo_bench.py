"""Benchmark (``make bench``, not the unit suite): ``desk demo`` as a user runs it, against a bare sqlite3 insert.

Figures, in the same run: ``desk demo --cases N --open N/10`` as a subprocess (process start to exit,
its own peak resident memory), and a bare ``sqlite3`` ``executemany`` of N case rows (the same
``cases`` table, values already made) into a new file: the least any program writing those cases
must do. Prints both, their ratio, the peak memory and the figures scaled to 1,000,000 cases.

N is ``DESK_BENCH_DEMO_CASES`` (default 100,000). The budget is 1,000,000 cases with 100,000 open in
90 s and 1 GiB; here the time is scaled linearly from N (the demo is linear in the cases but for its
index builds, slightly more), and memory is taken as it is (the demo writes in batches, so it does not
grow with N). The time assertion is loose on purpose: it compares against the bare insert of the same
run (a shared machine's load moves both) and fails only if the demo is more than ``RATIO_LIMIT`` times
slower, a regression guard rather than the budget. Run ``desk demo --cases 1000000 --open 100000`` under
``/usr/bin/time -v`` for the budget itself (a few minutes).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

BUDGET_CASES = 1_000_000
BUDGET_S = 90.0
BUDGET_RSS_MIB = 1024
RATIO_LIMIT = 12.0  # about 15x the bare insert of its case rows when first written, 4 to 7x since (under load)
ROOT = Path(__file__).resolve().parents[2]


def _desk_demo(path: Path, cases: int) -> tuple[float, float]:
    """Seconds and peak resident MiB of ``desk demo`` in its own process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{path}", "demo"]
    command += ["--cases", str(cases), "--open", str(cases // 10), "--seed", "7"]
    errors = path.with_suffix(".stderr")
    with errors.open("wb") as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own peak memory
        seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    assert process.returncode == 0, errors.read_text()
    return seconds, usage.ru_maxrss / 1024  # kilobytes on Linux


def _bare_insert(demo_db: Path, path: Path, cases: int) -> float:
    """Seconds for plain sqlite3 to insert ``cases`` rows into the same ``cases`` table (with its indexes)."""
    with sqlite3.connect(demo_db) as demo:
        schema = [
            sql
            for (sql,) in demo.execute(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'cases' AND sql IS NOT NULL ORDER BY type DESC"
            )
        ]
        columns = [row[1] for row in demo.execute("PRAGMA table_info(cases)")]
        sample = demo.execute("SELECT * FROM cases LIMIT 1").fetchone()
    id_column = columns.index("id")
    ref_column = columns.index("ref")
    rows = [
        tuple(
            uuid.uuid4().hex if i == id_column else f"C-{n:07d}" if i == ref_column else v for i, v in enumerate(sample)
        )
        for n in range(cases)
    ]
    started = time.perf_counter()
    bare = sqlite3.connect(path)
    try:
        bare.execute("PRAGMA journal_mode=WAL")
        for sql in schema:
            bare.execute(sql)
        marks = ", ".join("?" * len(columns))
        with bare:
            bare.executemany(f"INSERT INTO cases VALUES ({marks})", rows)
    finally:
        bare.close()
    return time.perf_counter() - started


def test_demo_against_a_bare_insert_of_its_cases(tmp_path: Path) -> None:
    cases = int(os.environ.get("DESK_BENCH_DEMO_CASES", "100000"))
    demo_db = tmp_path / "demo.sqlite"
    seconds, rss_mib = _desk_demo(demo_db, cases)
    bare_s = _bare_insert(demo_db, tmp_path / "bare.sqlite", cases)
    scale = BUDGET_CASES / cases
    ratio = seconds / bare_s
    print(f"\ndesk demo benchmark: {cases} cases, {cases // 10} open")
    print(f"  desk demo            {seconds:8.1f} s   peak {rss_mib:6.0f} MiB")
    print(f"  bare executemany     {bare_s:8.1f} s   (case rows only)   ratio {ratio:5.1f}x")
    print(
        f"  scaled to 1,000,000  {seconds * scale:8.1f} s   (budget {BUDGET_S:.0f} s; bare {bare_s * scale:.1f} s)"
        f"   memory budget {BUDGET_RSS_MIB} MiB"
    )
    assert rss_mib < BUDGET_RSS_MIB
    assert ratio < RATIO_LIMIT, f"desk demo {ratio:.1f}x a bare insert of its case rows"
