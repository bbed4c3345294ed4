"""The review's figures read from what case rows keep equal the SLA engine's over each case's history."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.demo import generate
from desk.integrity import check
from desk.review_cases import period_cases
from desk.review_period import Period
from desk.review_sla import outcome_of, sla_review
from desk.services import Desk
from desk.sla import CaseHistory, SlaEvent, evaluate
from desk.sla_outcomes import outcomes_at, outcomes_text
from desk.store.engine import open_store
from desk.store.models import Case
from desk.store.outcomes import backfill, stale_count
from tests.helpers import T0, seed_customers
from tests.helpers.review import engine_cases, work_cases

NOW = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """A demo month, then cases worked at random; shared by this module's tests, which leave it as found."""
    clock = FakeClock(NOW)
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('worked') / 'desk.sqlite'}", clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor="tester")
    generate(desk, cases=200, open_cases=40, seed=5, now=NOW)
    seed_customers(desk)
    work_cases(desk, clock, seed=11, cases=120, start=datetime(2026, 11, 2, tzinfo=UTC), days=20)
    clock.set(NOW + timedelta(days=30))
    yield desk
    store.close()


PERIODS = [
    Period(date(2026, 11, 2), date(2026, 11, 8), "Asia/Shanghai"),  # most cases worked after its end
    Period(date(2026, 11, 9), date(2026, 11, 15), "UTC"),
    Period(date(2026, 10, 26), date(2026, 11, 25), "Asia/Shanghai"),  # the demo's month and the work
    Period(date(2026, 11, 1), date(2026, 12, 31), "America/New_York"),  # still running at "now"
]


@pytest.mark.parametrize("period", PERIODS, ids=lambda p: f"{p.first}..{p.last} {p.zone}")
def test_kept_outcomes_give_the_engines_figures(worked: Desk, period: Period) -> None:
    at = period.as_of(worked.clock.now())
    expected = engine_cases(worked, period, at)
    kept = period_cases(worked, period, at)
    assert kept.cases == expected
    assert period_cases(worked, period, at, kept=False).cases == expected
    assert 0 < kept.evaluated < len(expected) or period.end > at  # both ways were used
    review, engine = sla_review(worked, period), sla_review(worked, period, kept=False)
    assert review.overall == engine.overall and review.internal() == engine.internal()
    assert {"missed", "met", "no_target"} <= {c.outcome for c in expected}


def test_each_instant_of_a_day_gives_the_engines_figures(worked: Desk) -> None:
    """Reviews at instants between the events (a running period), where deadlines fall just before or after."""
    period = Period(date(2026, 11, 2), date(2026, 11, 30), "UTC")
    for hours in (0.5, 30, 77.25, 200, 400):
        at = period.start + timedelta(hours=hours)
        assert period_cases(worked, period, at).cases == engine_cases(worked, period, at)


def test_rows_written_before_they_kept_outcomes_are_evaluated_then_filled_in(worked: Desk) -> None:
    period = PERIODS[2]
    at = period.as_of(worked.clock.now())
    expected = engine_cases(worked, period, at)
    with worked.store.write() as session:
        session.execute(Case.__table__.update().values(sla_since=None, sla_outcomes=None, sla_rev=None))
    with worked.store.read() as session:
        total = stale_count(session)
    assert period_cases(worked, period, at).cases == expected
    assert backfill(worked.store, worked.catalogs, batch=37) == total > 0
    with worked.store.read() as session:
        assert stale_count(session) == 0
    found = period_cases(worked, period, at)
    assert found.cases == expected and found.evaluated < len(expected)
    assert check(worked) == []


def test_check_finds_an_outcome_that_disagrees_with_the_events(worked: Desk) -> None:
    with worked.store.read() as session:
        case = session.scalars(select(Case).where(Case.sla_outcomes.like("first_response=m%")).limit(1)).one()
        ref, kept = case.ref, case.sla_outcomes or ""
    row = Case.__table__.update().where(Case.ref == ref)
    with worked.store.write() as session:
        session.execute(row.values(sla_outcomes=kept.replace("first_response=m", "first_response=x60")))
    try:
        assert any(ref in problem and "outcome" in problem for problem in check(worked))
    finally:
        with worked.store.write() as session:
            session.execute(row.values(sla_outcomes=kept))


Step = Callable[[datetime], SlaEvent]
_STEPS = st.sampled_from(
    [
        lambda t: SlaEvent(t, "response"),
        lambda t: SlaEvent(t, "status", "waiting_customer"),
        lambda t: SlaEvent(t, "status", "in_progress"),
        lambda t: SlaEvent(t, "status", "resolved"),
        lambda t: SlaEvent(t, "status", "closed"),
        lambda t: SlaEvent(t, "severity", "S1"),
        lambda t: SlaEvent(t, "severity", "S4"),
    ]
)


@given(
    tier=st.sampled_from([None, "L1", "L2", "L3", "L4"]),
    severity=st.sampled_from(["S1", "S2", "S3", "S4", "S5"]),
    steps=st.lists(st.tuples(st.integers(0, 3 * 86400), _STEPS), max_size=8),
    later_s=st.integers(0, 30 * 86400),
)
def test_the_text_gives_the_engine_at_any_later_instant(
    catalogs: CatalogRegistry, tier: str | None, severity: str, steps: list[tuple[int, Step]], later_s: int
) -> None:
    """What the row keeps after the latest event, read at any instant from then on, is the engine's answer."""
    plan = catalogs.get("2018-04-24")
    events = tuple(make(T0 + timedelta(seconds=s)) for s, make in sorted(steps, key=lambda p: p[0]))
    history = CaseHistory(T0, severity, tier, events)
    latest = max([T0, *(e.at for e in events)])
    text = outcomes_text(evaluate(history, plan, latest))
    as_of = latest + timedelta(seconds=later_s, microseconds=later_s % 7)
    engine = [(c.name, *outcome_of(c, as_of)) for c in evaluate(history, plan, as_of).clocks]
    assert outcomes_at(text, as_of) == [e for e in engine if e[1]]


def test_outcomes_read_at_the_exact_deadline(catalogs: CatalogRegistry) -> None:
    """A running clock read at its deadline is missed by 0 s; a microsecond before, still running."""
    plan = catalogs.get("2018-04-24")
    history = CaseHistory(T0, "S1", "L4")
    text = outcomes_text(evaluate(history, plan, T0))
    assert dict((n, (o, late)) for n, o, late in outcomes_at(text, T0 + 12 * MIN))["first_response"] == ("missed", 0)
    before = T0 + 12 * MIN - timedelta(microseconds=1)
    assert dict((n, (o, late)) for n, o, late in outcomes_at(text, before))["first_response"] == ("running", None)
