"""SLA review figures against cases worked out by hand: exact deadlines, re-grades, pauses, reopenings."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.review_period import Period
from desk.review_sla import SlaReview, cases_behind, nearest_rank, outcome_of, sla_review, tally
from desk.services import Desk
from desk.sla import CaseHistory, SlaEvent, evaluate
from tests.helpers import T0

MIN = timedelta(minutes=1)
S = timedelta(seconds=1)
WEEK = Period(date(2026, 11, 23), date(2026, 11, 29), "Asia/Shanghai")  # T0 is Thursday 09:00 there


def _open(desk: Desk, clock: FakeClock, at: datetime, tier: str, severity: str, ref: str) -> uuid.UUID:
    clock.set(at)
    (case_id,) = desk.open_case(f"cust-{tier}", f"case {ref}", severity, "ticket", ref=ref, assignee="alice").cases
    return case_id


@pytest.fixture
def review(seeded: Desk, clock: FakeClock) -> SlaReview:
    d = seeded
    at = T0
    # Answered exactly at the 12-minute deadline: missed ("< 12 minutes"), 0 s late.
    c = _open(d, clock, at, "L4", "S1", "C-EXACT")
    clock.set(at + 12 * MIN)
    d.record_response(c)
    # One second earlier: met.
    c = _open(d, clock, at, "L4", "S1", "C-JUST")
    clock.set(at + 12 * MIN - S)
    d.record_response(c)
    # Upgraded S3 -> S1 after 30 min: due at 30 + 12 = 42 min; answered at 45: missed by 3 min.
    c = _open(d, clock, at, "L3", "S3", "C-UP")
    clock.set(at + 30 * MIN)
    d.regrade(c, "S1", "production down")
    clock.set(at + 45 * MIN)
    d.record_response(c)
    # Downgraded S2 -> S4 after 10 min: still due at 40 min; answered at 39: met.
    c = _open(d, clock, at, "L3", "S2", "C-DOWN")
    clock.set(at + 10 * MIN)
    d.regrade(c, "S4", "workaround found")
    clock.set(at + 39 * MIN)
    d.record_response(c)
    # L1 has no committed response time: no target, never answered.
    _open(d, clock, at, "L1", "S2", "C-L1")
    # S1 on L2 (no S1 there): the tier's best target, 40 min; answered at 41: missed by 1 min.
    c = _open(d, clock, at, "L2", "S1", "C-L2S1")
    clock.set(at + 41 * MIN)
    d.record_response(c)
    # Answered in 5 min, then waits on the customer for 5 h; resolved 6 h after opening. The internal
    # resolution clock (S1: 4 h) paused while waiting: 1 h of it used, met.
    c = _open(d, clock, at, "L3", "S1", "C-PAUSE")
    clock.set(at + 5 * MIN)
    d.record_response(c)
    clock.set(at + 10 * MIN)
    d.set_status(c, "waiting_customer", "logs please")
    clock.set(at + 5 * 60 * MIN + 10 * MIN)
    d.customer_replied(c)
    clock.set(at + 6 * 60 * MIN)
    d.set_status(c, "resolved", "fixed")
    # Answered, resolved, reopened 2 h after opening: resolution (S3: 3 days) runs again from the reopening
    # and is past due at the week's end (Sunday 24:00 Shanghai = 29 Nov 16:00 UTC) by 13 h.
    c = _open(d, clock, at, "L3", "S3", "C-REOPEN")
    clock.set(at + 10 * MIN)
    d.record_response(c)
    clock.set(at + 60 * MIN)
    d.set_status(c, "resolved", "answered")
    clock.set(at + 120 * MIN)
    d.reopen(c, "not fixed after all")
    # Opened 10 min before the week ends (S5: 16 h): still running then; the answer after the week is not
    # counted, the review shows the week as it stood.
    c = _open(d, clock, WEEK.end - 10 * MIN, "L4", "S5", "C-LATE")
    clock.set(WEEK.end + 30 * MIN)
    d.record_response(c)
    # Opened before the week: not in it.
    _open(d, clock, datetime(2026, 11, 22, 1, 0, tzinfo=UTC), "L4", "S1", "C-BEFORE")
    clock.set(WEEK.end + timedelta(days=3))
    return sla_review(d, WEEK)


def _outcomes(desk: Desk, review: SlaReview) -> dict[str, tuple[str, int | None]]:
    return {c.ref: (c.outcome, c.late_s) for c in cases_behind(desk, review)}


def test_each_case_counts_as_its_countdown_did(seeded: Desk, review: SlaReview) -> None:
    assert review.as_of == WEEK.end
    assert _outcomes(seeded, review) == {
        "C-EXACT": ("missed", 0),
        "C-JUST": ("met", None),
        "C-UP": ("missed", 180),
        "C-DOWN": ("met", None),
        "C-L1": ("no_target", None),
        "C-L2S1": ("missed", 60),
        "C-PAUSE": ("met", None),
        "C-REOPEN": ("met", None),
        "C-LATE": ("running", None),
    }


def test_overall_rate_and_lateness(review: SlaReview) -> None:
    t = review.overall
    assert (t.met, t.missed, t.running, t.no_target, t.total) == (4, 3, 1, 1, 9)
    assert t.met_rate == pytest.approx(4 / 7)
    assert (t.median_late_s, t.p90_late_s, t.worst_late_s) == (60, 180, 180)


def test_breakdowns_use_the_case_as_it_stood(review: SlaReview) -> None:
    tiers = {k: (t.met, t.missed, t.running, t.no_target) for k, t in review.by("tier").items()}
    assert tiers == {"L1": (0, 0, 0, 1), "L2": (0, 1, 0, 0), "L3": (3, 1, 0, 0), "L4": (1, 1, 1, 0)}
    severities = review.by("severity")
    assert severities["S1"].missed == 3  # the upgraded case counts under its new severity
    assert severities["S4"].met == 1  # and the downgraded one under its own
    assert set(review.by("agent")) == {"alice"}
    assert set(review.by("customer")) == {"cust-L1", "cust-L2", "cust-L3", "cust-L4"}
    week = review.by_week()
    assert list(week) == [date(2026, 11, 23)] and week[date(2026, 11, 23)].total == 9


def test_internal_clocks_are_reported_apart(seeded: Desk, review: SlaReview) -> None:
    internal = {c.ref: dict((name, (o, late)) for name, o, late in c.internal) for c in cases_behind(seeded, review)}
    assert internal["C-PAUSE"]["resolution"] == ("met", None)
    assert internal["C-REOPEN"]["resolution"] == ("missed", 13 * 3600)
    assert "first_response" not in review.internal()
    assert review.internal()["resolution"].missed >= 1


def test_cases_behind_a_number(seeded: Desk, review: SlaReview) -> None:
    assert sorted(c.ref for c in cases_behind(seeded, review, "missed", tier="L4")) == ["C-EXACT"]
    assert sorted(c.ref for c in cases_behind(seeded, review, None, severity="S5")) == ["C-LATE"]
    assert [c.ref for c in cases_behind(seeded, review, "running", week=date(2026, 11, 23))] == ["C-LATE"]
    assert cases_behind(seeded, review, "met", tier="L1") == []


def test_charts_carry_the_figures(review: SlaReview) -> None:
    chart = review.chart_by("tier")
    assert chart.categories == ("L1", "L2", "L3", "L4")
    assert dict((s.key, s.values) for s in chart.series)["met"] == (0, 0, 3, 1)
    assert review.week_chart().total(0) == 9


def test_an_empty_period_has_no_rate(seeded: Desk) -> None:
    empty = sla_review(seeded, Period(date(2025, 1, 1), date(2025, 1, 31), "UTC"))
    assert (empty.overall.total, empty.overall.met_rate, empty.overall.median_late_s) == (0, None, None)
    assert len(empty.by_week()) == 5  # every week of the period, empty ones included


def test_percentiles_are_nearest_rank() -> None:
    assert nearest_rank([], 50) is None
    assert nearest_rank([10, 20], 50) == 10
    assert nearest_rank(list(range(1, 11)), 90) == 9
    assert nearest_rank(list(range(1, 11)), 100) == 10


@given(
    tier=st.sampled_from(["L2", "L3", "L4"]),
    severity=st.sampled_from(["S1", "S2", "S3", "S4", "S5"]),
    answer_s=st.integers(min_value=0, max_value=20 * 3600),
)
def test_outcome_follows_the_deadline(catalogs: CatalogRegistry, tier: str, severity: str, answer_s: int) -> None:
    """Met exactly when answered before the engine's deadline; otherwise late by the difference."""
    plan = catalogs.get("2018-04-24")
    history = CaseHistory(T0, severity, tier, (SlaEvent(T0 + timedelta(seconds=answer_s), "response"),))
    clock = evaluate(history, plan, T0 + timedelta(days=2)).contractual
    assert clock.deadline is not None
    due_s = int((clock.deadline - T0).total_seconds())
    outcome, late = outcome_of(clock, T0 + timedelta(days=2))
    assert (outcome, late) == (("met", None) if answer_s < due_s else ("missed", answer_s - due_s))


@given(st.lists(st.tuples(st.sampled_from(["met", "missed", "running", "no_target"]), st.integers(0, 10**6))))
def test_tally_adds_up(pairs: list[tuple[str, int]]) -> None:
    t = tally((o, late if o == "missed" else None) for o, late in pairs)
    assert t.total == len(pairs)
    assert len(t.late) == t.missed
    if t.late:
        assert t.late[0] <= (t.median_late_s or 0) <= (t.p90_late_s or 0) <= (t.worst_late_s or 0)
    if t.met_rate is not None:
        assert 0 <= t.met_rate <= 1
