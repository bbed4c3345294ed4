"""Benchmark (``make bench``, not the unit suite): the SLA review of a month, against a bare SQL aggregation.

The review (``desk.review_sla.sla_review``) reads each case opened in the month with what its row keeps of
its clocks' outcomes, and evaluates through the SLA engine only the cases with events after the month's
end. The bare baseline is one SQLite query that counts first responses met
and missed per tier from the same tables: opening time plus the opening severity's target from a CASE
expression, against the first response, resolution or closure event. It ignores re-grades, fallbacks
and reopenings (which is why the desk does not count that way), but it is the least any tool must do:
read every case of the month and its stopping event once.

Scale: ``DESK_BENCH_REVIEW_CASES`` cases of ``desk demo`` (default 20,000), spread over about four
months before ``NOW``; the month before ``NOW`` holds about a quarter of them. ``DESK_BENCH_REVIEW_DB``
names an existing demo file instead (e.g. a copy of ``desk demo --cases 1000000 --open 100000``, brought to
the current schema by ``desk init``; it is only read), and ``DESK_BENCH_REVIEW_PERIOD`` (``FIRST..LAST``)
another period. Prints the seconds of each, their ratio and the cases per second; the assertions are that
both agree on the count of cases in the period and that the review stays within ``RATIO_BUDGET`` of the
bare query.
"""

from __future__ import annotations

import os
import sqlite3
import time
from datetime import UTC, date, datetime
from pathlib import Path

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.review_period import Period
from desk.review_sla import sla_review
from desk.services import Desk
from desk.store.engine import open_store

CASES = int(os.environ.get("DESK_BENCH_REVIEW_CASES", "20000"))
EXISTING = os.environ.get("DESK_BENCH_REVIEW_DB", "")
NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
_FIRST, _LAST = os.environ.get("DESK_BENCH_REVIEW_PERIOD", "2026-10-26..2026-11-25").split("..")
MONTH = Period(date.fromisoformat(_FIRST), date.fromisoformat(_LAST), "Asia/Shanghai")
RATIO_BUDGET = 10.0  # the review against the bare query over the same cases (measured: see the README)


def bare_sql(db: Path, catalogs: CatalogRegistry) -> dict[str, tuple[int, int]]:
    """Met and missed per tier by one query: the opening severity's target, the first stopping event."""
    plan = catalogs.latest
    clock = plan.contractual_clock
    whens = " ".join(
        f"WHEN k.tier = '{tier}' AND c.opening_severity = '{sev}' THEN {int(t.total_seconds())}"
        for tier, table in clock.targets.items()
        for sev, t in table.items()
    )
    query = f"""
        SELECT k.tier,
               SUM(CASE WHEN stop.at IS NOT NULL AND target IS NOT NULL
                        AND (julianday(stop.at) - julianday(c.opened_at)) * 86400 < target THEN 1 ELSE 0 END),
               SUM(CASE WHEN target IS NOT NULL AND (stop.at IS NULL OR
                        (julianday(stop.at) - julianday(c.opened_at)) * 86400 >= target) THEN 1 ELSE 0 END),
               COUNT(*)
        FROM (SELECT c.*, CASE {whens} ELSE NULL END AS target FROM cases c
              LEFT JOIN contracts k ON k.id = c.contract_id
              WHERE c.opened_at >= ? AND c.opened_at < ?) c
        LEFT JOIN contracts k ON k.id = c.contract_id
        LEFT JOIN (SELECT case_id, MIN(at) AS at FROM case_events
                   WHERE kind = 'response' OR (kind = 'status' AND new IN ('resolved', 'closed'))
                   GROUP BY case_id) stop ON stop.case_id = c.id
        GROUP BY k.tier
    """
    bounds = [MONTH.start.replace(tzinfo=None).isoformat(" "), MONTH.end.replace(tzinfo=None).isoformat(" ")]
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute(query, bounds).fetchall()
    return {tier or "": (met, missed, total) for tier, met, missed, total in rows}


def test_sla_review_of_a_month(tmp_path: Path) -> None:
    db = Path(EXISTING) if EXISTING else tmp_path / "bench.sqlite"
    clock = FakeClock(NOW)
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    store = open_store(f"sqlite:///{db}", clock=clock, daily_backup=False, read_only=bool(EXISTING))
    try:
        desk = Desk(store, catalogs, clock, actor="bench")
        if not EXISTING:
            generate(desk, cases=CASES, open_cases=CASES // 10, seed=3, now=NOW)
        start = time.perf_counter()
        review = sla_review(desk, MONTH)
        figures = (review.overall, review.by("tier"), review.by("severity"), review.by_week(), review.internal())
        engine_s = time.perf_counter() - start
    finally:
        store.close()
    start = time.perf_counter()
    bare = bare_sql(db, catalogs)
    bare_s = time.perf_counter() - start
    in_month = len(review.cases)
    assert in_month == sum(total for _, _, total in bare.values()) > 0
    print(
        f"\nSLA review of {MONTH.first}..{MONTH.last}: {in_month} cases ({review.evaluated} evaluated by the "
        f"engine, the rest from their rows) in {EXISTING or CASES}; review {engine_s:.2f} s "
        f"({in_month / engine_s:,.0f} cases/s), bare SQL {bare_s:.2f} s, ratio {engine_s / max(bare_s, 1e-6):.1f}x"
    )
    tiers = figures[1]
    for tier, (met, missed, _) in sorted(bare.items()):
        t = tiers.get(tier)
        engine = (t.met, t.missed) if t is not None else (0, 0)
        print(f"  {tier or '-'}: engine met {engine[0]} missed {engine[1]}; bare met {met} missed {missed}")
    assert engine_s <= RATIO_BUDGET * bare_s
