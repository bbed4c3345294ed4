"""Property tests of the SLA arithmetic (hypothesis)."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.catalog import Catalog, CatalogRegistry, default_catalog_dir, load_catalog
from desk.sla import CaseHistory, SlaEvent, evaluate

PLAN: Catalog = CatalogRegistry.load_dir(default_catalog_dir()).get("2018-04-24")
ACME: Catalog = load_catalog(Path(__file__).parent / "data" / "acme-business-hours.toml")
SEVERITIES = list(PLAN.severities)

opened_at = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))
offsets = st.integers(min_value=0, max_value=60 * 24 * 3).map(lambda m: timedelta(minutes=m))


@st.composite
def histories(draw: st.DrawFn, catalog: Catalog = PLAN) -> CaseHistory:
    opened = draw(opened_at)
    severities = list(catalog.severities)
    tier = draw(st.sampled_from([*catalog.tiers, None]))
    events = []
    for _ in range(draw(st.integers(0, 4))):
        at = opened + draw(offsets)
        kind = draw(st.sampled_from(["severity", "status", "response"]))
        if kind == "severity":
            events.append(SlaEvent(at, "severity", draw(st.sampled_from(severities))))
        elif kind == "status":
            events.append(SlaEvent(at, "status", draw(st.sampled_from(["in_progress", "waiting_customer"]))))
        else:
            events.append(SlaEvent(at, "response"))
    return CaseHistory(opened, draw(st.sampled_from(severities)), tier, tuple(events))


@given(histories(), offsets)
def test_a_deadline_is_never_before_opening(history: CaseHistory, after: timedelta) -> None:
    for result in evaluate(history, PLAN, history.opened_at + after).clocks:
        if result.deadline is not None:
            assert result.deadline >= history.opened_at


@given(histories(ACME), offsets)
def test_a_business_hours_deadline_is_never_before_opening(history: CaseHistory, after: timedelta) -> None:
    for result in evaluate(history, ACME, history.opened_at + after).clocks:
        if result.deadline is not None:
            assert result.deadline >= history.opened_at


def _first_deadline(history: CaseHistory, catalog: Catalog, now: datetime) -> datetime | None:
    return evaluate(history, catalog, now).contractual.deadline


@pytest.mark.parametrize("catalog", [PLAN, ACME], ids=["2018-plan", "business-hours"])
@given(data=st.data())
def test_a_regrade_never_moves_the_deadline_later(catalog: Catalog, data: st.DataObject) -> None:
    opened = data.draw(opened_at)
    tier = data.draw(st.sampled_from(list(catalog.tiers)))
    severities = list(catalog.severities)
    start = data.draw(st.sampled_from(severities))
    new = data.draw(st.sampled_from(severities))
    change_at = opened + data.draw(offsets)
    before = CaseHistory(opened, start, tier)
    after = CaseHistory(opened, start, tier, (SlaEvent(change_at, "severity", new),))
    now = change_at + timedelta(minutes=1)
    d0, d1 = _first_deadline(before, catalog, now), _first_deadline(after, catalog, now)
    if d0 is None:
        return
    assert d1 is not None and d1 <= d0
    if catalog.severity_rank(new) >= catalog.severity_rank(start):  # a downgrade (or no change)
        assert d1 == d0


@given(histories(), offsets, offsets)
def test_remaining_time_falls_as_the_clock_runs(history: CaseHistory, a: timedelta, b: timedelta) -> None:
    lo, hi = sorted((a, b))
    last = max([history.opened_at, *(e.at for e in history.events)])
    early = evaluate(history, PLAN, last + lo).contractual
    late = evaluate(history, PLAN, last + hi).contractual
    if early.running and late.running:
        assert early.deadline == late.deadline
        assert late.remaining_s is not None and early.remaining_s is not None
        assert late.remaining_s <= early.remaining_s


@settings(max_examples=30)
@given(histories(), offsets)
def test_results_do_not_depend_on_the_machine_time_zone(history: CaseHistory, after: timedelta) -> None:
    now = history.opened_at + after
    results = []
    saved = os.environ.get("TZ")
    try:
        for zone in ("UTC", "Asia/Shanghai", "America/New_York", "Pacific/Chatham"):
            os.environ["TZ"] = zone
            time.tzset()
            results.append(evaluate(history, PLAN, now))
    finally:
        if saved is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = saved
        time.tzset()
    assert all(r == results[0] for r in results)
