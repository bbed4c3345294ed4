"""Benchmark (``make bench``, not the unit suite): ``desk report sla`` of a month, against a bare SQL aggregation.

Both are measured as processes, from process start to the answer on disk, in the same run: the report is
``desk report sla --from .. --to .. --format json --out ..`` (the figures: per week, tier and severity,
the internal clocks); the bare baseline is a Python process running one SQLite query that counts first
responses met and missed per tier for the month's cases: opening time plus the opening severity's target
from a CASE expression, against each case's first response, resolution or closure event (looked up per
case through the events' index). It ignores re-grades, pauses, fallbacks and reopenings (which is why the
desk does not count that way), but it is the least any tool must do: read every case of the month and its
stopping event once. Wall seconds and CPU seconds (user + system, of the process and its children) of
each, and their ratio, are printed.

Scale: ``DESK_BENCH_REVIEW_CASES`` cases of ``desk demo`` (default 20,000), spread over about four
months before ``NOW``; the month before ``NOW`` holds about a quarter of them. ``DESK_BENCH_REVIEW_DB``
names an existing demo file instead (e.g. a copy of ``desk demo --cases 1000000 --open 100000``, brought to
the current schema by ``desk init``; it is only read), and ``DESK_BENCH_REVIEW_PERIOD`` (``FIRST..LAST``)
another period. The assertions: both count the same cases in the period (their met and missed differ
where cases were re-graded, paused or reopened: they are printed side by side, not compared), and the
report stays within ``RATIO_BUDGET`` of the bare query's CPU time (plus the desk's start, which dominates
on a small file).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.review_period import Period
from desk.services import Desk
from desk.store.engine import open_store

CASES = int(os.environ.get("DESK_BENCH_REVIEW_CASES", "20000"))
EXISTING = os.environ.get("DESK_BENCH_REVIEW_DB", "")
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
_FIRST, _LAST = os.environ.get("DESK_BENCH_REVIEW_PERIOD", "2026-10-26..2026-11-25").split("..")
MONTH = Period(date.fromisoformat(_FIRST), date.fromisoformat(_LAST), "Asia/Shanghai")
RATIO_BUDGET = 2.0  # the report's CPU time against the bare query's over the same month (see the README)
STARTUP_CPU_S = 1.5  # beside it, the desk's own start (Python importing the desk and SQLAlchemy): small files

BARE = """
import json, sqlite3, sys
db, query, start, end = sys.argv[1:5]
with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
    rows = conn.execute(query, [start, end]).fetchall()
print(json.dumps({tier or "": [met, missed, total] for tier, met, missed, total in rows}))
"""


def bare_query(catalogs: CatalogRegistry) -> str:
    """Met and missed per tier by one query: the opening severity's target, the first stopping event."""
    clock = catalogs.latest.contractual_clock
    whens = " ".join(
        f"WHEN k.tier = '{tier}' AND c.opening_severity = '{sev}' THEN {int(t.total_seconds())}"
        for tier, table in clock.targets.items()
        for sev, t in table.items()
    )
    return f"""
        SELECT tier,
               SUM(CASE WHEN stop IS NOT NULL AND target IS NOT NULL
                        AND (julianday(stop) - julianday(opened_at)) * 86400 < target THEN 1 ELSE 0 END),
               SUM(CASE WHEN target IS NOT NULL AND (stop IS NULL OR
                        (julianday(stop) - julianday(opened_at)) * 86400 >= target) THEN 1 ELSE 0 END),
               COUNT(*)
        FROM (SELECT k.tier, c.opened_at, CASE {whens} ELSE NULL END AS target,
                     (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id
                      AND (e.kind = 'response' OR (e.kind = 'status' AND e.new IN ('resolved', 'closed')))) AS stop
              FROM cases c LEFT JOIN contracts k ON k.id = c.contract_id
              WHERE c.opened_at >= ? AND c.opened_at < ?)
        GROUP BY tier
    """


def _timed(command: list[str]) -> tuple[str, float, float]:
    """Run ``command``; its output, wall seconds from its start, and its CPU seconds (user + system)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True, env={**os.environ})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, wall, cpu


def test_sla_report_of_a_month(tmp_path: Path) -> None:
    db = Path(EXISTING) if EXISTING else tmp_path / "bench.sqlite"
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    if not EXISTING:
        clock = FakeClock(NOW)
        store = open_store(f"sqlite:///{db}", clock=clock, daily_backup=False)
        try:
            generate(Desk(store, catalogs, clock, actor="bench"), cases=CASES, open_cases=CASES // 10, seed=3, now=NOW)
        finally:
            store.close()
    out = tmp_path / "sla.json"
    report = [
        sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{db}", "--read-only", "--now",
        NOW.isoformat().replace("+00:00", "Z"), "report", "sla", "--from", MONTH.first.isoformat(), "--to",
        MONTH.last.isoformat(), "--format", "json", "--out", str(out),
    ]  # fmt: skip
    bounds = [MONTH.start.replace(tzinfo=None).isoformat(" "), MONTH.end.replace(tzinfo=None).isoformat(" ")]
    bare_command = [sys.executable, "-c", BARE, str(db), bare_query(catalogs), *bounds]
    _, desk_wall, desk_cpu = _timed(report)
    printed, bare_wall, bare_cpu = _timed(bare_command)
    bare = {tier: tuple(v) for tier, v in json.loads(printed).items()}
    data = json.loads(out.read_text("utf-8"))
    columns = data["tables"][0]["columns"]
    rows = {(r[0], r[1]): dict(zip(columns, r, strict=True)) for r in data["tables"][0]["rows"]}
    in_month = rows[("overall", "")]["total"]
    assert in_month == sum(total for _, _, total in bare.values()) > 0
    print(
        f"\nSLA report of {MONTH.first}..{MONTH.last}: {in_month} cases in {EXISTING or CASES}; "
        f"desk report {desk_wall:.2f} s wall, {desk_cpu:.2f} s CPU; bare SQL {bare_wall:.2f} s wall, "
        f"{bare_cpu:.2f} s CPU; ratio {desk_wall / max(bare_wall, 1e-6):.2f}x wall, "
        f"{desk_cpu / max(bare_cpu, 1e-6):.2f}x CPU"
    )
    for tier, (met, missed, _) in sorted(bare.items()):
        t = rows.get(("tier", tier), {"met": 0, "missed": 0})
        print(f"  {tier or '-'}: desk met {t['met']} missed {t['missed']}; bare met {met} missed {missed}")
    assert desk_cpu <= RATIO_BUDGET * bare_cpu + STARTUP_CPU_S
