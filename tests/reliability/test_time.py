"""Time: remaining = deadline - now under clock jumps, time-zone changes and DST; nothing written wrong."""

from __future__ import annotations

import json
import os
import time
import tomllib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desk.catalog import Catalog, _Reader, default_catalog_dir, parse_catalog
from desk.clock import FakeClock, format_instant
from desk.integrity import check
from desk.services import Desk
from desk.sla import CaseHistory, ClockResult, SlaEvent, evaluate
from desk.store.models import Case, CaseEvent
from tests.helpers import T0
from tests.reliability.conftest import run_desk


def _look(desk: Desk, ref: str, now: datetime | None = None) -> tuple[Case, ClockResult]:
    """The case row and its contractual clock at ``now`` (default: the desk's clock)."""
    with desk.store.read() as session:
        case = session.scalar(select(Case).where(Case.ref == ref))
        assert case is not None
        return case, desk.evaluate_case(case, now).contractual


@pytest.mark.parametrize(
    "jump",
    [
        timedelta(0),
        timedelta(minutes=10),
        timedelta(hours=-5),
        timedelta(days=-400),
        timedelta(days=3),
        timedelta(days=800),
    ],
)
def test_countdown_is_deadline_minus_now_after_a_jump(seeded: Desk, clock: FakeClock, jump: timedelta) -> None:
    seeded.open_case("cust-L3", "db down", "S2", "ticket", ref="c1")
    stored, _ = _look(seeded, "c1")
    clock.set(T0 + jump)
    after, sla = _look(seeded, "c1")
    deadline = T0 + timedelta(minutes=40)
    if clock.now() < T0:
        # The clock says the case is not open yet: no countdown at all (never a made-up one), and
        # the right countdown again the moment the clock is right.
        assert (sla.state, sla.deadline, sla.remaining_s) == ("pending", None, None)
        assert (after.version, after.due_at) == (stored.version, stored.due_at)
        clock.set(T0 + timedelta(minutes=1))
        after, sla = _look(seeded, "c1")
    assert sla.deadline == deadline
    assert sla.remaining_s == int((deadline - clock.now()).total_seconds())
    expected = (
        "breached"
        if clock.now() >= deadline
        else ("at_risk" if deadline - clock.now() < timedelta(minutes=10) else "on_track")
    )
    assert sla.state == expected
    # Looking at the countdown wrote nothing.
    assert (after.version, after.due_at, after.updated_at) == (stored.version, stored.due_at, stored.updated_at)


def test_cli_sla_remaining_follows_the_clock(seeded: Desk, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeded.open_case("cust-L4", "site down", "S1", "phone", ref="c1")
    seeded.store.close()
    deadline = T0 + timedelta(minutes=12)
    for now in (T0 - timedelta(days=2), T0, T0 + timedelta(minutes=11, seconds=59), T0 + timedelta(days=9)):
        result = run_desk(capsys, db_path, "sla", "--json", now=format_instant(now))
        assert result.code == 0, result.err
        (row,) = json.loads(result.out) if now >= T0 else [None]
        if row is None:
            continue
        clock_row = row["clocks"][0] if "clocks" in row else row
        assert row["remaining_s"] == int((deadline - now).total_seconds()), row
        assert clock_row is not None


def test_response_recorded_after_the_clock_jumped_back_still_stops_the_clock(seeded: Desk, clock: FakeClock) -> None:
    """A system clock set back (NTP, a wrong manual change) must not record history before the case began."""
    seeded.open_case("cust-L3", "db down", "S2", "ticket", ref="c1")
    case_id = _look(seeded, "c1")[0].id
    clock.advance(timedelta(hours=-2))
    seeded.record_response(case_id, "on it")
    seeded.set_status(case_id, "resolved", "fixed")
    clock.set(T0 + timedelta(hours=3))
    case, sla = _look(seeded, "c1")
    assert sla.state == "met", sla
    assert case.first_response_at is not None and case.first_response_at >= case.opened_at
    assert case.resolved_at is not None and case.resolved_at >= case.first_response_at
    with seeded.store.read() as session:
        instants = [
            e.at for e in session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq))
        ]
    assert instants == sorted(instants)
    assert check(seeded) == []


@pytest.fixture
def restore_tz() -> Iterator[None]:
    saved = os.environ.get("TZ")
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def test_time_zone_change_changes_nothing(
    seeded: Desk, clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str], restore_tz: None
) -> None:
    seeded.open_case("cust-L3", "slow", "S3", "ticket", ref="c1")
    outputs = set()
    for zone in ("UTC", "Asia/Shanghai", "America/New_York", "Pacific/Kiritimati", "America/St_Johns"):
        os.environ["TZ"] = zone
        time.tzset()
        _, sla = _look(seeded, "c1", T0 + timedelta(minutes=30))
        assert sla.remaining_s == 150 * 60
        rows = json.loads(run_desk(capsys, db_path, "sla", "--json", now="2026-11-26T01:30:00Z").out)
        outputs.add(json.dumps([r for r in rows if r["case_id"] == "c1"]))
        # A case opened under this zone is stamped in UTC all the same.
        clock.advance(timedelta(minutes=1))
        seeded.open_case("cust-L3", f"opened in {zone}", "S3", "ticket", ref=f"c-{zone}")
        assert _look(seeded, f"c-{zone}")[0].opened_at == clock.now()
    assert len(outputs) == 1


# ---------------------------------------------------------------- business hours across DST


def _business_hours_catalog(zone: str) -> Catalog:
    path = next(default_catalog_dir().glob("*.toml"))
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    doc["calendars"]["office"] = {
        "kind": "business_hours",
        "timezone": zone,
        "hours": {d: ["09:00", "18:00"] for d in ("mon", "tue", "wed", "thu", "fri")},
    }
    doc["clocks"][0]["calendar"] = "office"
    return parse_catalog(doc, _Reader(str(path)))


BERLIN = [
    # (opened, severity, deadline): 09:00-18:00 Mon-Fri Europe/Berlin; DST starts 2026-03-29, ends 2026-10-25.
    (
        datetime(2026, 3, 27, 14, 0, tzinfo=UTC),
        "S4",
        datetime(2026, 3, 30, 12, 0, tzinfo=UTC),
    ),  # Fri 15:00 CET: 3 h, Mon 5 h -> 14:00 CEST
    (
        datetime(2026, 10, 23, 14, 0, tzinfo=UTC),
        "S4",
        datetime(2026, 10, 26, 14, 0, tzinfo=UTC),
    ),  # Fri 16:00 CEST: 2 h, Mon 6 h -> 15:00 CET
    (
        datetime(2026, 3, 28, 10, 0, tzinfo=UTC),
        "S3",
        datetime(2026, 3, 30, 10, 0, tzinfo=UTC),
    ),  # Saturday: Mon 09:00 CEST + 3 h
    (
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),
        "S5",
        datetime(2026, 10, 27, 15, 0, tzinfo=UTC),
    ),  # in the repeated hour: Mon 9 h, Tue 7 h -> 16:00 CET
]


@pytest.mark.parametrize(("opened", "severity", "deadline"), BERLIN)
def test_business_hours_deadlines_across_dst(opened: datetime, severity: str, deadline: datetime) -> None:
    catalog = _business_hours_catalog("Europe/Berlin")
    history = CaseHistory(opened, severity, "L3")
    for now in (
        opened,
        opened + timedelta(hours=1),
        deadline - timedelta(minutes=1),
        deadline,
        deadline + timedelta(hours=30),
    ):
        sla = evaluate(history, catalog, now).contractual
        assert sla.deadline == deadline
        assert sla.remaining_s == int((deadline - now).total_seconds())
        assert (sla.state == "breached") == (now >= deadline)
    # A response just before the deadline is met, at the deadline missed (strict "<").
    for at, state in ((deadline - timedelta(seconds=1), "met"), (deadline, "missed")):
        responded = CaseHistory(opened, severity, "L3", (SlaEvent(at, "response"),))
        assert evaluate(responded, catalog, at + timedelta(days=1)).contractual.state == state


def test_business_hours_new_york_spring_forward() -> None:
    catalog = _business_hours_catalog("America/New_York")  # DST starts Sunday 2026-03-08
    opened = datetime(2026, 3, 6, 21, 0, tzinfo=UTC)  # Fri 16:00 EST: 2 h left that day
    sla = evaluate(CaseHistory(opened, "S4", "L3"), catalog, opened).contractual
    assert sla.deadline == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)  # Mon 15:00 EDT (6 h on Monday)
