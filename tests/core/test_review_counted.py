"""The review counted by the database equals the SLA engine's, case by case, on SQLite and on PostgreSQL.

Cases worked at random (answers, re-grades both ways, waits, resolutions, reopenings, closures,
reassignments) are reviewed over periods and instants where deadlines fall exactly on the review's
instant; every figure (overall, per week, per breakdown, the internal clocks) and every list of cases
behind a number must be what the engine gives from each case's history. PostgreSQL runs when
DESK_TEST_PG_URL names a server database the tests may wipe.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.integrity import check
from desk.review_period import Period
from desk.review_sla import DIMENSIONS, OUTCOMES, SlaReview, cases_behind, sla_review
from desk.services import Desk
from desk.sla_outcomes import micros
from desk.store.engine import open_store
from desk.store.models import Case
from desk.store.outcomes import backfill
from tests.helpers import seed_customers
from tests.helpers.review import engine_cases, work_cases
from tests.helpers.server import wipe_server

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
PG_URL = os.environ.get("DESK_TEST_PG_URL", "")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _url(kind: str, folder: Path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{folder / 'desk.sqlite'}"
    if not PG_URL:
        pytest.skip("DESK_TEST_PG_URL is not set (no PostgreSQL server)")
    wipe_server(PG_URL)
    return PG_URL


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def worked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    clock = FakeClock(NOW)
    store = open_store(_url(request.param, tmp_path_factory.mktemp("counted")), clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="tester")
    generate(desk, cases=120, open_cases=30, seed=7, now=NOW)
    seed_customers(desk)
    work_cases(desk, clock, seed=23, cases=90, start=datetime(2026, 11, 2, tzinfo=UTC), days=20)
    clock.set(NOW + timedelta(days=30))
    yield desk
    store.close()


def _same_figures(fast: SlaReview, engine: SlaReview) -> None:
    assert fast.counted_in_sql and not engine.counted_in_sql
    assert (fast.contractual_clock, fast.internal_clocks) == (engine.contractual_clock, engine.internal_clocks)
    assert fast.overall == engine.overall
    assert fast.by_week() == engine.by_week()
    for dimension in DIMENSIONS:
        assert fast.by(dimension) == engine.by(dimension), dimension
    assert fast.internal() == engine.internal()


def _same_cases_behind(desk: Desk, fast: SlaReview, at: datetime) -> None:
    every = engine_cases(desk, fast.period, at)
    assert tuple(cases_behind(desk, fast)) == every
    for outcome in OUTCOMES:
        assert cases_behind(desk, fast, outcome) == [c for c in every if c.outcome == outcome], outcome
    for dimension in ("tier", "severity", "channel", "agent"):
        for key in {c.key(dimension) for c in every}:
            for outcome in (None, "missed", "running"):
                expected = [c for c in every if c.key(dimension) == key and outcome in (None, c.outcome)]
                assert cases_behind(desk, fast, outcome, **{dimension: key}) == expected, (dimension, key, outcome)
    for week in fast.weeks:
        assert cases_behind(desk, fast, "met", week=week) == [c for c in every if c.week == week and c.outcome == "met"]


PERIODS = [
    Period(date(2026, 11, 2), date(2026, 11, 8), "Asia/Shanghai"),  # most cases worked after its end
    Period(date(2026, 10, 26), date(2026, 11, 25), "Asia/Shanghai"),  # the demo's month and the work
    Period(date(2026, 11, 1), date(2026, 12, 31), "America/New_York"),  # still running at "now"
]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.first}..{p.last} {p.zone}")
def test_counted_figures_are_the_engines(worked: Desk, period: Period) -> None:
    fast, engine = sla_review(worked, period), sla_review(worked, period, kept=False)
    _same_figures(fast, engine)
    assert 0 < fast.evaluated < fast.overall.total or period.end > fast.as_of  # both ways were used
    assert fast.overall.missed and fast.overall.met and fast.overall.running is not None
    _same_cases_behind(worked, fast, fast.as_of)


def test_at_a_running_deadline_and_just_before(worked: Desk) -> None:
    """A review whose instant is a running clock's deadline counts it missed by 0 s; a microsecond earlier,
    running; as the engine does."""
    with worked.store.read() as session:
        kept = session.execute(
            select(Case.opened_at, Case.sla_since, Case.sla_outcomes).where(Case.sla_outcomes.like("first_response=r%"))
        ).all()
    assert kept
    opened, since, text_ = max(kept, key=lambda r: r[0])
    deadline = EPOCH + timedelta(microseconds=int(text_.split(";")[0].split("=r")[1]))
    assert micros(deadline) == int(text_.split(";")[0].split("=r")[1])
    period = Period(opened.date() - timedelta(days=6), opened.date() + timedelta(days=1), "UTC")
    for at in (deadline, deadline - timedelta(microseconds=1), deadline + timedelta(seconds=59, microseconds=999_999)):
        if at < since:
            continue
        fast, engine = sla_review(worked, period, as_of=at), sla_review(worked, period, as_of=at, kept=False)
        _same_figures(fast, engine)
        assert tuple(cases_behind(worked, fast)) == engine_cases(worked, period, at)


def test_a_breakdown_not_counted_is_refused(worked: Desk) -> None:
    review = sla_review(worked, PERIODS[0], by=("agent",))
    assert set(review.groups) == {"tier", "severity", "channel", "agent"}
    with pytest.raises(ValueError, match="not counted"):
        review.by("customer")


def test_rows_filled_in_by_the_backfill_count_as_the_engine(worked: Desk) -> None:
    """Rows written before they kept outcomes are evaluated, then filled in (in the file's order on SQLite)."""
    period = PERIODS[1]
    engine = sla_review(worked, period, kept=False)
    with worked.store.write() as session:
        session.execute(Case.__table__.update().values(sla_since=None, sla_outcomes=None, sla_rev=None))
    stale = sla_review(worked, period)
    assert stale.evaluated == stale.overall.total
    _same_figures(stale, engine)
    assert backfill(worked.store, worked.catalogs, batch=29) > 0
    fast = sla_review(worked, period)
    assert fast.evaluated < fast.overall.total
    _same_figures(fast, engine)
    assert check(worked) == []
