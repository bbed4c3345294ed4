"""Quota use and handover discipline reviews against cases worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

from desk.clock import FakeClock
from desk.handover import Handover
from desk.review_handover import handover_review
from desk.review_period import Period
from desk.review_quota import level_of, quota_review
from desk.services import Desk
from tests.helpers import T0
from tests.helpers.handover import SHIFT_END, build_shift

NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 30), "Asia/Shanghai")


def test_levels() -> None:
    assert [level_of(3, n) for n in (0, 1, 2, 3, 4)] == ["unused", "ok", "ok", "at_limit", "over"]
    assert level_of(4, 3) == "near"  # a quarter left
    assert level_of(0, 0) == "ok"


def test_quota_review_levels_and_overrides(seeded: Desk, clock: FakeClock) -> None:
    clock.set(T0)
    seeded.book_quota("k-L3", "escort", date(2026, 12, 1), date(2026, 12, 1))  # L3: 1 a year, now at the limit
    seeded.book_quota("k-L4", "escort", date(2026, 12, 2), date(2026, 12, 2))  # L4: 1 of 3
    seeded.book_quota("k-L4", "consultation", date(2026, 12, 3), date(2026, 12, 3))
    seeded.book_quota(
        "k-L3", "escort", date(2026, 12, 8), date(2026, 12, 8), override_reason="双十一 peak, approved by Li"
    )
    clock.set(T0 + timedelta(days=10))
    review = quota_review(seeded, NOVEMBER)
    assert review.day == date(2026, 11, 30)
    lines = {(q.customer, q.kind, q.course): (q.total, q.used, q.level) for q in review.lines}
    assert lines[("cust-L3", "escort", "")] == (1, 2, "over")
    assert lines[("cust-L4", "escort", "")] == (3, 1, "ok")
    assert lines[("cust-L4", "consultation", "")] == (2, 1, "ok")
    assert lines[("cust-L4", "training", "")] == (6, 0, "unused")
    assert lines[("cust-L3", "training", "")] == (2, 0, "unused")
    assert not any(q.customer in ("cust-L1", "cust-L2") for q in review.lines)  # no quota, nothing booked
    unused = review.at_level("unused", "training")
    assert {q.year_ends for q in unused} == {date(2026, 12, 31)}
    assert [(o.customer, o.kind, o.reason) for o in review.overrides] == [
        ("cust-L3", "escort", "双十一 peak, approved by Li")
    ]
    assert review.counts()["escort"]["over"] == 1
    chart = review.chart()
    assert chart.categories == ("escort", "consultation", "training")
    assert dict((s.key, s.values) for s in chart.series)["unused"] == (0, 0, 2)


def test_handover_review(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    handover = built.handover
    report = handover.generate(built.shift.id)
    open_points = len(handover.get(report.id).data["readiness"])
    clock.set(SHIFT_END + timedelta(minutes=30))
    handover.sign(report.id, "alice")  # 30 min after the shift's end
    clock.set(SHIFT_END + timedelta(hours=2))
    handover.acknowledge(report.id, "bob")  # 90 min after the signature
    handover.open_correction(report.id, "wrong owner")
    clock.set(SHIFT_END + timedelta(hours=3))
    second = handover.generate(built.shift.id)
    handover.sign(second.id, "alice")
    # carol's shift the next day: never signed.
    clock.set(T0 + timedelta(days=1))
    other = Handover(seeded).start_shift(
        "carol", incoming="dave", starts_at=T0 + timedelta(days=1), ends_at=T0 + timedelta(days=1, hours=8)
    )
    clock.set(T0 + timedelta(days=2))
    review = handover_review(seeded, NOVEMBER)
    by_shift = {x.agent: x for x in review.lines}
    alice, carol = by_shift["alice"], by_shift["carol"]
    assert (alice.revisions, alice.sign_delay_s, alice.revisions_after_signing) == (2, 1800, 1)
    assert alice.open_points == open_points
    # The latest signed revision (the correction) is not acknowledged yet.
    assert (alice.state, alice.ack_delay_s) == ("signed", None)
    assert (carol.shift_id, carol.state, carol.sign_delay_s, carol.open_points) == (other.id, "unsigned", None, None)
    agents = review.by_agent()
    assert (agents["alice"].shifts, agents["alice"].signed, agents["alice"].acknowledged) == (1, 1, 0)
    assert agents["carol"].signed == 0
    week = date(2026, 11, 23)
    assert set(review.by_agent_week()) == {("alice", week), ("carol", week)}
    assert [x.agent for x in review.shifts_behind(week=week)] == ["alice", "carol"]
    chart = review.chart()
    assert chart.categories[-2] == week.isoformat()
    assert dict((s.key, s.values[-2]) for s in chart.series) == {"acknowledged": 0, "signed": 1, "unsigned": 1}


def test_acknowledged_handover(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    clock.set(SHIFT_END - timedelta(minutes=10))
    report = built.handover.generate(built.shift.id)
    clock.set(SHIFT_END - timedelta(minutes=5))
    built.handover.sign(report.id, "alice")  # signed before the shift ended
    clock.set(SHIFT_END + timedelta(minutes=55))
    built.handover.acknowledge(report.id, "bob")
    (line,) = handover_review(seeded, NOVEMBER).lines
    assert (line.state, line.sign_delay_s, line.ack_delay_s, line.revisions_after_signing) == (
        "acknowledged",
        -300,
        3600,
        0,
    )
