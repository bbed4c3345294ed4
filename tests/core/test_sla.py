"""The SLA engine against the plan's rules (docs/domain.md): tiers, severities, re-grades, pauses, calendars."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desk.catalog import Catalog, CatalogRegistry, load_catalog
from desk.sla import CaseHistory, ClockResult, SlaEvent, evaluate, format_duration

T0 = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
TARGETS = {"S1": 12, "S2": 40, "S3": 180, "S4": 480, "S5": 960}


@pytest.fixture(scope="module")
def plan(catalogs: CatalogRegistry) -> Catalog:
    return catalogs.get("2018-04-24")


def first(plan: Catalog, history: CaseHistory, now: datetime) -> ClockResult:
    return evaluate(history, plan, now).contractual


def clock(plan: Catalog, history: CaseHistory, now: datetime, name: str) -> ClockResult:
    return next(c for c in evaluate(history, plan, now).clocks if c.name == name)


@pytest.mark.parametrize("tier", ["L2", "L3", "L4"])
@pytest.mark.parametrize("severity", list(TARGETS))
def test_deadline_for_every_tier_and_severity(plan: Catalog, tier: str, severity: str) -> None:
    result = first(plan, CaseHistory(T0, severity, tier), T0)
    minutes = TARGETS[severity] if not (tier == "L2" and severity == "S1") else 40
    assert result.deadline == T0 + minutes * MIN
    assert result.state == "on_track"
    assert result.remaining_s == minutes * 60
    assert result.fallback is (tier == "L2" and severity == "S1")


@pytest.mark.parametrize("severity", list(TARGETS))
def test_l1_has_no_target(plan: Catalog, severity: str) -> None:
    result = first(plan, CaseHistory(T0, severity, "L1"), T0 + timedelta(days=3))
    assert (result.state, result.deadline, result.remaining_s) == ("no_target", None, None)


def test_no_contract_means_no_contractual_target(plan: Catalog) -> None:
    assert first(plan, CaseHistory(T0, "S1", None), T0).state == "no_target"


def test_states_along_the_way(plan: Catalog) -> None:
    h = CaseHistory(T0, "S3", "L3")  # 180 min; at risk below 45 min left
    assert first(plan, h, T0 + 134 * MIN).state == "on_track"
    assert first(plan, h, T0 + 135 * MIN + timedelta(seconds=1)).state == "at_risk"
    assert first(plan, h, T0 + 180 * MIN - timedelta(seconds=1)).state == "at_risk"
    assert first(plan, h, T0 + 180 * MIN).state == "breached"
    late = first(plan, h, T0 + 185 * MIN)
    assert (late.state, late.remaining_s) == ("breached", -300)


def test_response_strictly_before_the_deadline(plan: Catalog) -> None:
    def responded(after: timedelta) -> str:
        h = CaseHistory(T0, "S1", "L4", (SlaEvent(T0 + after, "response"),))
        return first(plan, h, T0 + timedelta(hours=1)).state

    assert responded(12 * MIN - timedelta(seconds=1)) == "met"
    assert responded(12 * MIN) == "missed"  # "< 12 minutes"
    assert responded(13 * MIN) == "missed"


def test_met_and_missed_show_no_countdown(plan: Catalog) -> None:
    h = CaseHistory(T0, "S2", "L2", (SlaEvent(T0 + 5 * MIN, "response"),))
    result = first(plan, h, T0 + timedelta(days=1))
    assert result.remaining_s is None
    assert result.deadline == T0 + 40 * MIN


def test_upgrade_before_response_brings_the_deadline_forward(plan: Catalog) -> None:
    h = CaseHistory(T0, "S3", "L3", (SlaEvent(T0 + 30 * MIN, "severity", "S1"),))
    result = first(plan, h, T0 + 31 * MIN)
    assert result.deadline == T0 + 42 * MIN
    assert result.target == 12 * MIN  # the governing target is the one that set the deadline
    assert result.state == "on_track"
    assert first(plan, h, T0 + 40 * MIN).state == "at_risk"


def test_upgrade_late_keeps_the_earlier_deadline(plan: Catalog) -> None:
    # S4 (8 h) upgraded to S3 after 6 h: min(8 h, 6 h + 3 h) = 8 h.
    h = CaseHistory(T0, "S4", "L2", (SlaEvent(T0 + 6 * 60 * MIN, "severity", "S3"),))
    result = first(plan, h, T0 + 6 * 60 * MIN)
    assert result.deadline == T0 + 8 * 60 * MIN
    assert result.target == 8 * 60 * MIN


def test_downgrade_never_extends(plan: Catalog) -> None:
    h = CaseHistory(T0, "S2", "L3", (SlaEvent(T0 + 10 * MIN, "severity", "S5"),))
    assert first(plan, h, T0 + 11 * MIN).deadline == T0 + 40 * MIN


def test_upgrade_then_downgrade_keeps_the_upgrade(plan: Catalog) -> None:
    events = (SlaEvent(T0 + 10 * MIN, "severity", "S1"), SlaEvent(T0 + 15 * MIN, "severity", "S4"))
    result = first(plan, CaseHistory(T0, "S3", "L4", events), T0 + 16 * MIN)
    assert result.deadline == T0 + 22 * MIN


def test_regrade_after_the_response_does_not_touch_the_met_clock(plan: Catalog) -> None:
    events = (SlaEvent(T0 + 5 * MIN, "response"), SlaEvent(T0 + 20 * MIN, "severity", "S1"))
    result = first(plan, CaseHistory(T0, "S3", "L4", events), T0 + timedelta(hours=1))
    assert (result.state, result.deadline) == ("met", T0 + 180 * MIN)


def test_s1_on_l2_is_clocked_at_40_minutes_and_upgrade_to_s1_too(plan: Catalog) -> None:
    assert first(plan, CaseHistory(T0, "S1", "L2"), T0).deadline == T0 + 40 * MIN
    h = CaseHistory(T0, "S4", "L2", (SlaEvent(T0 + 60 * MIN, "severity", "S1"),))
    assert first(plan, h, T0 + 61 * MIN).deadline == T0 + 100 * MIN


def test_resolution_without_response_stops_the_first_response_clock(plan: Catalog) -> None:
    h = CaseHistory(T0, "S5", "L3", (SlaEvent(T0 + 60 * MIN, "status", "resolved"),))
    assert first(plan, h, T0 + timedelta(days=2)).state == "met"


def test_evaluating_in_the_past_ignores_later_events(plan: Catalog) -> None:
    h = CaseHistory(T0, "S3", "L3", (SlaEvent(T0 + 60 * MIN, "response"),))
    assert first(plan, h, T0 + 30 * MIN).state == "on_track"
    assert first(plan, h, T0 + 90 * MIN).state == "met"
    assert first(plan, h, T0 - MIN).state == "pending"


def test_waiting_on_customer_pauses_the_internal_clocks_only(plan: Catalog) -> None:
    events = (
        SlaEvent(T0 + 10 * MIN, "response"),
        SlaEvent(T0 + 10 * MIN, "status", "in_progress"),
        SlaEvent(T0 + 20 * MIN, "status", "waiting_customer"),
        SlaEvent(T0 + 80 * MIN, "status", "in_progress"),
    )
    h = CaseHistory(T0, "S2", "L3", events)  # resolution target 8 h, next update 60 min
    during = clock(plan, h, T0 + 50 * MIN, "resolution")
    assert during.state == "paused"
    assert during.remaining_s == (8 * 60 - 20) * 60
    after = clock(plan, h, T0 + 90 * MIN, "resolution")
    assert after.deadline == T0 + 8 * 60 * MIN + 60 * MIN
    assert after.paused_s == 3600
    update = clock(plan, h, T0 + 90 * MIN, "next_update")
    assert update.deadline == T0 + 10 * MIN + 60 * MIN + 60 * MIN  # started at the response, paused 60 min


def test_paused_time_survives_a_regrade(plan: Catalog) -> None:
    events = (
        SlaEvent(T0 + 30 * MIN, "status", "waiting_customer"),
        SlaEvent(T0 + 90 * MIN, "status", "in_progress"),
        SlaEvent(T0 + 100 * MIN, "severity", "S1"),
    )
    res = clock(plan, CaseHistory(T0, "S3", "L4", events), T0 + 101 * MIN, "resolution")
    # Working time at the re-grade: 30 + 10 = 40 min; new budget = 40 min + 4 h; 60 min were paused.
    assert res.deadline == T0 + 40 * MIN + 240 * MIN + 60 * MIN


def test_next_update_restarts_with_every_response(plan: Catalog) -> None:
    events = (SlaEvent(T0 + 5 * MIN, "response"), SlaEvent(T0 + 50 * MIN, "response"))
    upd = clock(plan, CaseHistory(T0, "S2", "L3", events), T0 + 51 * MIN, "next_update")
    assert upd.deadline == T0 + 110 * MIN


def test_the_queue_shows_the_most_urgent_running_clock(plan: Catalog) -> None:
    h = CaseHistory(T0, "S3", "L1")
    urgent = evaluate(h, plan, T0).most_urgent
    assert urgent is not None and urgent.name == "resolution"  # L1 has only the internal goal
    urgent = evaluate(CaseHistory(T0, "S3", "L3"), plan, T0).most_urgent
    assert urgent is not None and urgent.name == "first_response"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (48, "48 s"),
        (724, "12 min 4 s"),
        (2400, "40 min"),
        (2 * 3600 + 40 * 60, "2 h 40 min"),
        (2 * 3600 + 59, "2 h"),  # seconds only under an hour
        (3 * 86400 + 4 * 3600, "3 d 4 h"),
        (86400 + 59 * 60, "1 d"),
        (-108, "1 min 48 s overdue"),  # in words: a minus sign reads like a time or a number
        (-(20 * 3600 + 49 * 60), "20 h 49 min overdue"),
    ],
)
def test_format_duration_cannot_be_misread(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


# ---------------------------------------------------------------- a business-hours plan with DST

ACME = load_catalog(Path(__file__).parent / "data" / "acme-business-hours.toml")
BERLIN = ZoneInfo("Europe/Berlin")


def test_business_hours_deadline_across_dst() -> None:
    opened = datetime(2026, 3, 27, 17, 30, tzinfo=BERLIN)  # Friday, UTC+1; GOLD P1 is 60 working minutes
    h = CaseHistory(opened, "P1", "GOLD")
    result = evaluate(h, ACME, opened).contractual
    assert result.deadline == datetime(2026, 3, 30, 9, 30, tzinfo=BERLIN)  # Monday, UTC+2
    assert result.deadline is not None and result.deadline.tzinfo is UTC
    saturday = evaluate(h, ACME, datetime(2026, 3, 28, 12, tzinfo=BERLIN)).contractual
    assert saturday.state == "on_track"  # half the working time is left
    # Real seconds, not wall-clock: the night of the DST change has 23 hours.
    assert saturday.remaining_s == (24 + 21 + 0.5 - 1) * 3600
    # 25 minutes before: more than 20% of the target is left, but the 30-minute lead makes it at risk.
    assert evaluate(h, ACME, datetime(2026, 3, 30, 9, 5, tzinfo=BERLIN)).contractual.state == "at_risk"


def test_business_hours_regrade_counts_working_time() -> None:
    opened = datetime(2026, 3, 24, 17, 0, tzinfo=BERLIN)  # Tuesday 17:00, SILVER P2: 18 h = 2 working days
    change = datetime(2026, 3, 25, 10, 0, tzinfo=BERLIN)  # 2 working hours later
    h = CaseHistory(opened, "P2", "SILVER", (SlaEvent(change.astimezone(UTC), "severity", "P1"),))
    result = evaluate(h, ACME, change).contractual
    assert result.deadline == datetime(2026, 3, 25, 14, 0, tzinfo=BERLIN)  # change + 4 working hours


def test_a_regrade_at_the_opening_instant_follows_the_min_rule(plan: Catalog) -> None:
    h = CaseHistory(T0, "S1", "L4", (SlaEvent(T0, "severity", "S5"),))
    assert first(plan, h, T0).deadline == T0 + 12 * MIN


def test_a_reopened_case_runs_its_internal_clocks_again(plan: Catalog) -> None:
    events = (
        SlaEvent(T0 + 5 * MIN, "response"),
        SlaEvent(T0 + 60 * MIN, "status", "resolved"),
        SlaEvent(T0 + 120 * MIN, "status", "in_progress"),
    )
    h = CaseHistory(T0, "S2", "L3", events)
    now = T0 + 121 * MIN
    assert first(plan, h, now).state == "met"  # the contractual first response stays answered
    resolution = clock(plan, h, now, "resolution")
    assert (resolution.state, resolution.deadline) == ("on_track", T0 + 120 * MIN + 8 * 60 * MIN)
    update = clock(plan, h, now, "next_update")
    assert (update.state, update.deadline) == ("on_track", T0 + 120 * MIN + 60 * MIN)
    urgent = evaluate(h, plan, now).most_urgent
    assert urgent is not None and urgent.name == "next_update"
    # Resolved again: the clocks stop again (met).
    again = CaseHistory(T0, "S2", "L3", (*events, SlaEvent(T0 + 150 * MIN, "status", "resolved")))
    assert clock(plan, again, T0 + 200 * MIN, "resolution").state == "met"


@pytest.mark.parametrize("later", [0, 100, 139, 140, 179, 180, 200])
def test_advancing_a_result_matches_evaluating_again(plan: Catalog, later: int) -> None:
    h = CaseHistory(T0, "S3", "L3", (SlaEvent(T0 + 10 * MIN, "status", "waiting_customer"),))
    earlier = evaluate(h, plan, T0 + 20 * MIN)
    now = T0 + later * MIN + 20 * MIN
    from desk.sla import advance

    assert tuple(advance(c, plan, T0 + 20 * MIN, now) for c in earlier.clocks) == evaluate(h, plan, now).clocks


def test_a_clock_stopped_after_several_pauses_counts_every_running_span(plan: Catalog) -> None:
    # Resolution (8 h for S2) runs 0-60, 120-200 and 300-600 minutes: 440 minutes used, so met; its deadline is
    # where the budget would have run out (140 minutes used by the second pause, 340 more from minute 300).
    events = (
        SlaEvent(T0 + 10 * MIN, "response"),
        SlaEvent(T0 + 60 * MIN, "status", "waiting_customer"),
        SlaEvent(T0 + 120 * MIN, "status", "in_progress"),
        SlaEvent(T0 + 200 * MIN, "status", "waiting_customer"),
        SlaEvent(T0 + 300 * MIN, "status", "in_progress"),
        SlaEvent(T0 + 600 * MIN, "status", "resolved"),
    )
    resolution = clock(plan, CaseHistory(T0, "S2", "L3", events), T0 + 700 * MIN, "resolution")
    assert (resolution.state, resolution.deadline, resolution.stopped_at) == ("met", T0 + 640 * MIN, T0 + 600 * MIN)
    assert resolution.paused_s == 160 * 60
    # Resolved at minute 700 instead: 540 minutes used, missed at the same deadline.
    late = (*events[:-1], SlaEvent(T0 + 700 * MIN, "status", "resolved"))
    missed = clock(plan, CaseHistory(T0, "S2", "L3", late), T0 + 800 * MIN, "resolution")
    assert (missed.state, missed.deadline) == ("missed", T0 + 640 * MIN)


def test_a_case_resolved_then_closed_stops_its_clocks_at_the_resolution(plan: Catalog) -> None:
    events = (
        SlaEvent(T0 + 20 * MIN, "status", "resolved"),
        SlaEvent(T0 + 90 * MIN, "status", "closed"),
        SlaEvent(T0 + 10 * MIN, "response"),  # given out of order: the engine orders the history itself
    )
    sla = evaluate(CaseHistory(T0, "S3", "L3", events), plan, T0 + 100 * MIN)
    assert [(c.name, c.state, c.stopped_at) for c in sla.clocks] == [
        ("first_response", "met", T0 + 10 * MIN),
        ("next_update", "met", T0 + 20 * MIN),
        ("resolution", "met", T0 + 20 * MIN),
    ]


@pytest.mark.parametrize("zone", ["Asia/Shanghai", "Europe/Berlin", "America/St_Johns"])
def test_a_history_given_in_another_zone_gives_the_same_clocks_in_utc(plan: Catalog, zone: str) -> None:
    # Across Berlin's change back to winter time: 00:30 and 01:30 UTC are both 02:30 there.
    opened = datetime(2026, 10, 25, 0, 0, tzinfo=UTC)
    events = (
        SlaEvent(opened + 30 * MIN, "status", "waiting_customer"),
        SlaEvent(opened + 90 * MIN, "status", "in_progress"),
        SlaEvent(opened + 100 * MIN, "severity", "S2"),
    )
    local = ZoneInfo(zone)
    in_zone = CaseHistory(
        opened.astimezone(local), "S3", "L3", tuple(SlaEvent(e.at.astimezone(local), e.kind, e.value) for e in events)
    )
    now = opened + 120 * MIN
    expected = evaluate(CaseHistory(opened, "S3", "L3", events), plan, now)
    got = evaluate(in_zone, plan, now.astimezone(local))
    assert got == expected
    assert all(t is None or t.tzinfo is UTC for c in got.clocks for t in (c.deadline, c.started_at, c.stopped_at))
