"""Benchmark (``make bench``): the window never freezes; the queue's search, filters, sort, tick and memory.

Runs ``tests/bench/stall_probe.py`` (the real window in its own process, a 10 ms probe timer, a scripted
session: start, load, search keystrokes, clearing the search, filters, sort, ticks, a write, the poll,
selecting a case, the handover dialog) and prints the worst event-loop gap per phase (budget: none over 50 ms), each
action's latency until its rows are shown (budget: 50 ms per keystroke, filter or sort), the tick's cost
against a bare repaint of the same visible rows (budget: 1.5x), the window's resident memory against
a bare program in the same run (PySide6 + plain sqlite3 reading every open row into a plain table model,
shown; budget 1.5x), and the whole queue loaded from process start against that bare program's process
start to its rows painted (budget 2x).

The database is ``DESK_BENCH_DB`` (e.g. a ``desk demo --cases 1000000 --open 100000`` file) or a demo
generated once per run (``DESK_BENCH_CASES`` / ``DESK_BENCH_OPEN``, as ``test_startup.py``). The probe
writes one note to the first case of the queue.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from tests.bench.test_startup import BARE_PROGRAM, OPEN_ROWS, bare_process, demo_db  # noqa: F401 (the fixture)

STALL_MS = 50
# The bare program, shown, then its resident memory (the same figure the probe reads for the desk).
BARE_MEMORY = BARE_PROGRAM.replace(
    'print(f"first-paint {time.monotonic():.6f}", flush=True)',
    'print("rss " + [l for l in open("/proc/self/status") if l.startswith("VmRSS:")][0].split()[1], flush=True)',
)


# The machine's own noise floor: the bare program's window, shown, with the same 10 ms probe, repainting
# every visible cell once a second for five seconds; it prints its worst gap. On a busy 2-core machine the
# scheduler alone makes gaps of tens of milliseconds, and every figure of the desk carries that too.
BARE_STALLS = BARE_PROGRAM.replace(
    'print(f"first-paint {time.monotonic():.6f}", flush=True)\n    app.quit()',
    """gaps = [0.0]
    last = [time.monotonic()]
    def probe():
        now = time.monotonic()
        gaps[0] = max(gaps[0], now - last[0])
        last[0] = now
    timer = QTimer(); timer.setTimerType(Qt.TimerType.PreciseTimer); timer.timeout.connect(probe); timer.start(10)
    repaint = QTimer(); repaint.timeout.connect(view.viewport().update); repaint.start(1000)
    def end():
        print(f"worst-gap {gaps[0] * 1000:.1f}", flush=True)
        app.quit()
    QTimer.singleShot(5000, end)
    done.timer, done.repaint = timer, repaint""",
)


def run(command: list[str]) -> str:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("DESK_DB_URL", None)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=1800, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def probe(path: Path, settings: Path) -> dict[str, Any]:
    """The probe's report; ``*_from_start_s``: from just before its process started (as ``bare_process``)."""
    program = [sys.executable, "-m", "tests.bench.stall_probe"]
    started = time.monotonic()
    out = run([*program, "--db", f"sqlite:///{path}", "--settings", str(settings)])
    line = next(line for line in out.splitlines() if line.startswith("probe "))
    result: dict[str, Any] = json.loads(line.removeprefix("probe "))
    result["first_paint_from_start_s"] = result["first_paint_at"] - started
    result["loaded_from_start_s"] = result["loaded_at"] - started
    return result


def bare_rss_mib(path: Path) -> float:
    out = run([sys.executable, "-c", BARE_MEMORY, str(path), OPEN_ROWS])
    line = next(line for line in out.splitlines() if line.startswith("rss "))
    return int(line.split()[1]) / 1024


def bare_worst_gap_ms(path: Path) -> float:
    out = run([sys.executable, "-c", BARE_STALLS, str(path), OPEN_ROWS])
    return float(next(line for line in out.splitlines() if line.startswith("worst-gap ")).split()[1])


def test_the_window_never_stalls(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    bare = bare_rss_mib(demo_db)
    floor = bare_worst_gap_ms(demo_db)
    bare_loaded = bare_process(demo_db)  # process start to every row read and painted
    found = probe(demo_db, tmp_path / "probe.ini")
    print(f"\nstall probe at {found['open_cases']} open cases (worst event-loop gap, budget {STALL_MS} ms):")
    print(f"  {'bare program, idle':22} {floor:7.0f} ms  (the machine's noise floor in this run)")
    for phase, gap in found["worst_gap_ms"].items():
        latencies = found["latency_ms"].get(phase)
        answered = f"; answered in {max(latencies):.0f} ms at worst" if latencies else ""
        print(f"  {phase:22} {gap:7.0f} ms{'  OVER' if gap > STALL_MS else ''}{answered}")
    print(
        f"from process start: first painted rows {found['first_paint_from_start_s']:.2f} s, whole queue loaded "
        f"{found['loaded_from_start_s']:.2f} s, bare program (every row read and painted) {bare_loaded:.2f} s "
        f"(ratio {found['loaded_from_start_s'] / bare_loaded:.2f}, budget 2); "
        f"tick {found['tick_ms']:.1f} ms against a bare repaint of the same {found['visible_rows']} rows "
        f"{found['bare_repaint_ms']:.1f} ms (ratio {found['tick_ms'] / found['bare_repaint_ms']:.2f}, budget 1.5); "
        f"resident memory loaded {found['rss_loaded_mib']:.0f} MiB, at the end {found['rss_end_mib']:.0f} MiB, "
        f"bare program {bare:.0f} MiB (ratio {found['rss_end_mib'] / bare:.2f}, budget 1.5)"
    )
    assert found["open_cases"] > 0
