"""The kept outcomes worked out without the engine are the engine's own, on any history (hypothesis)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from desk.catalog import Catalog, CatalogRegistry, default_catalog_dir, load_catalog
from desk.outcomes_direct import kept_outcomes
from desk.sla import evaluate
from desk.sla_outcomes import outcomes_text
from desk.store.writer import NewEvent, sla_history

PLAN: Catalog = CatalogRegistry.load_dir(default_catalog_dir()).get("2018-04-24")
ACME: Catalog = load_catalog(Path(__file__).parent / "data" / "acme-business-hours.toml")


def _reworked(plan: Catalog) -> Catalog:
    """The same plan with other triggers: restarts on reopening and on responses, pauses, no fallback target."""
    first, update, resolution = plan.clocks
    clocks = (
        replace(first, restart_on=("reopened",), pause_while=("waiting_customer",), missing_severity="none"),
        replace(update, start="opened", stop=("closed",), restart_on=("response",)),
        replace(resolution, start="first_response", stop=("resolved",), pause_while=("waiting_customer", "new")),
    )
    return replace(plan, clocks=clocks)


REWORKED = _reworked(PLAN)
STATUSES = ["new", "in_progress", "waiting_customer", "resolved", "closed"]
KINDS = ["severity", "status", "response", "note", "assignee", "opened"]
opened_at = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))
# Instants at the plan's targets from the opening (and sums of two), so that a stop, a re-grade or a reopening
# often falls exactly on a deadline or on another event; some anywhere on a minute grid, some before the
# opening, some a second apart (ties keep the order given).
TARGETS = [t for clock in PLAN.clocks for table in clock.targets.values() for t in table.values()]
TARGET_MINUTES = sorted({t // timedelta(minutes=1) for t in TARGETS})
_minutes = st.sampled_from([0, *TARGET_MINUTES])
offsets = st.one_of(
    _minutes.map(lambda m: timedelta(minutes=m)),
    st.tuples(_minutes, _minutes).map(lambda mm: timedelta(minutes=mm[0] + mm[1])),
    st.integers(min_value=-30, max_value=60 * 24 * 5).map(lambda m: timedelta(minutes=m)),
    st.integers(min_value=0, max_value=3).map(lambda s: timedelta(seconds=s)),
)


@st.composite
def cases(draw: st.DrawFn) -> tuple[datetime, str, str | None, list[NewEvent]]:
    opened = draw(opened_at)
    severities = [*PLAN.severities, "S9"]
    tier = draw(st.sampled_from([*PLAN.tiers, None, "L9"]))
    events = []
    for _ in range(draw(st.integers(0, 9))):
        at = opened + draw(offsets)
        kind = draw(st.sampled_from(KINDS))
        if kind == "severity":
            new: str | None = draw(st.sampled_from([*severities, ""]))
        elif kind == "status":
            new = draw(st.sampled_from([*STATUSES, ""]))
        else:
            new = draw(st.sampled_from([None, "alice"]))
        events.append(NewEvent(at, kind, new=new))
    return opened, draw(st.sampled_from(severities)), tier, events


def _engine(
    plan: Catalog, opened: datetime, severity: str, tier: str | None, events: list[NewEvent], now: datetime
) -> str:
    return outcomes_text(evaluate(sla_history(opened, severity, tier, events), plan, now))


@settings(max_examples=1500)
@given(cases(), st.sampled_from([PLAN, REWORKED]))
def test_at_the_latest_event_the_outcomes_are_the_engines(
    case: tuple[datetime, str, str | None, list[NewEvent]], plan: Catalog
) -> None:
    opened, severity, tier, events = case
    since = max([opened, *(e.at for e in events)])  # the instant the row keeps them from
    expected = _engine(plan, opened, severity, tier, events, since)
    assert kept_outcomes(plan, opened, severity, tier, events, since) == expected


@settings(max_examples=500)
@given(cases(), st.integers(min_value=-60 * 24, max_value=60 * 24 * 6), st.sampled_from([PLAN, REWORKED]))
def test_at_any_instant_the_outcomes_are_the_engines(
    case: tuple[datetime, str, str | None, list[NewEvent]], minutes: int, plan: Catalog
) -> None:
    opened, severity, tier, events = case
    now = opened + timedelta(minutes=minutes)  # events after it are not counted, as the engine ignores them
    expected = _engine(plan, opened, severity, tier, events, now)
    assert kept_outcomes(plan, opened, severity, tier, events, now) == expected


def test_a_story_of_the_demo_gives_the_engines_codes() -> None:
    opened = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    minutes = [(12, "response", None), (12, "status", "in_progress"), (40, "status", "waiting_customer")]
    minutes += [(100, "status", "in_progress"), (600, "status", "resolved"), (700, "status", "closed")]
    events = [NewEvent(opened + timedelta(minutes=m), kind, new=new) for m, kind, new in minutes]
    since = opened + timedelta(minutes=700)
    text = kept_outcomes(PLAN, opened, "S2", "L3", events, since)
    # First response met (12 of 40 min). Next update (60 min from the response, paused 40-100): due at 132,
    # resolved at 600, missed by 468 min. Resolution (480 min, the same pause): due at 540, missed by 60 min.
    assert text == "first_response=m;next_update=x28080;resolution=x3600"
    assert text == _engine(PLAN, opened, "S2", "L3", events, since)


def test_a_plan_counting_business_hours_or_instants_outside_utc_are_left_to_the_engine() -> None:
    opened = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    events = [NewEvent(opened + timedelta(minutes=5), "response")]
    assert kept_outcomes(ACME, opened, "S2", next(iter(ACME.tiers)), events, opened + timedelta(hours=1)) is None
    shanghai = opened.astimezone(ZoneInfo("Asia/Shanghai"))
    assert kept_outcomes(PLAN, shanghai, "S2", "L3", events, opened + timedelta(hours=1)) is None
    late = [NewEvent(shanghai + timedelta(minutes=5), "response")]
    assert kept_outcomes(PLAN, opened, "S2", "L3", late, opened + timedelta(hours=1)) is None
