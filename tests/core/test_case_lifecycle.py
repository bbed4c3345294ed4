"""Re-grade previews, reopening, "customer replied" and the list of recently resolved and closed cases."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from desk.caseviews import case_detail, preview_regrade
from desk.clock import FakeClock
from desk.queries import recently_ended
from desk.queue import load_open_queue
from desk.services import Desk, InvalidInput


def _open(desk: Desk, title: str = "slow disks", severity: str = "S3", customer: str = "cust-L3") -> uuid.UUID:
    (case_id,) = desk.open_case(customer, title, severity, "ticket").cases
    return case_id


def _clock(desk: Desk, case_id: uuid.UUID, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in case_detail(desk, case_id).clocks if c.name == name)


def test_regrade_preview_gives_the_deadline_the_regrade_then_stores(seeded: Desk, clock: FakeClock) -> None:
    case_id = _open(seeded)  # L3 S3: first response within 3 hours
    clock.advance(timedelta(minutes=20))
    before = case_detail(seeded, case_id)
    preview = preview_regrade(seeded, case_id, "S1")
    assert (preview.old_severity, preview.new_severity, preview.version) == ("S3", "S1", before.version)
    first_before, first_after = next((b, a) for b, a in preview.changed() if b.contractual)
    assert first_before.deadline == before.opened_at + timedelta(hours=3)
    assert first_after.deadline == clock.now() + timedelta(minutes=12)
    after_preview = case_detail(seeded, case_id)
    assert (after_preview.version, after_preview.timeline) == (before.version, before.timeline)  # nothing written
    seeded.regrade(case_id, "S1", "site down", expected_version=preview.version)
    assert _clock(seeded, case_id, "first_response").deadline == first_after.deadline


def test_regrade_preview_of_a_downgrade_moves_no_deadline(seeded: Desk, clock: FakeClock) -> None:
    case_id = _open(seeded, severity="S2")
    clock.advance(timedelta(minutes=5))
    preview = preview_regrade(seeded, case_id, "S4")
    assert not [b for b, _a in preview.changed() if b.contractual]  # a downgrade never extends the deadline


def test_regrade_preview_refuses_the_current_severity(seeded: Desk) -> None:
    case_id = _open(seeded)
    with pytest.raises(InvalidInput, match="S3 already"):
        preview_regrade(seeded, case_id, "S3")


def test_reopen_needs_a_reason_and_runs_the_internal_clocks_again(seeded: Desk, clock: FakeClock) -> None:
    case_id = _open(seeded)
    seeded.record_response(case_id, "looking at it")
    clock.advance(timedelta(hours=1))
    seeded.set_status(case_id, "closed", "fixed by restart")
    assert _clock(seeded, case_id, "resolution").state == "met"
    with pytest.raises(InvalidInput, match="reason"):
        seeded.reopen(case_id, "  ")
    clock.advance(timedelta(days=1))
    seeded.reopen(case_id, "customer says it is back")
    detail = case_detail(seeded, case_id)
    assert detail.status == "in_progress" and detail.closed_at is None
    assert detail.timeline[0].reason == "customer says it is back"
    resolution = _clock(seeded, case_id, "resolution")
    assert resolution.running and resolution.started_at == clock.now()
    assert _clock(seeded, case_id, "first_response").state == "met"  # the first response stays answered
    assert case_id in {e.case_id for e in load_open_queue(seeded)}
    with pytest.raises(InvalidInput, match="not resolved or closed"):
        seeded.reopen(case_id, "again")


def test_customer_replied_resumes_the_paused_clocks(seeded: Desk, clock: FakeClock) -> None:
    case_id = _open(seeded)
    seeded.record_response(case_id, "please send the logs")
    seeded.set_status(case_id, "waiting_customer")
    clock.advance(timedelta(hours=2))
    assert _clock(seeded, case_id, "next_update").state == "paused"
    seeded.customer_replied(case_id)
    assert case_detail(seeded, case_id).status == "in_progress"
    update = _clock(seeded, case_id, "next_update")
    assert update.running and update.paused_s == 2 * 3600
    with pytest.raises(InvalidInput, match="not waiting on the customer"):
        seeded.customer_replied(case_id)


def test_recently_ended_lists_the_last_days_newest_first_with_search(seeded: Desk, clock: FakeClock) -> None:
    old = _open(seeded, "ancient outage")
    seeded.set_status(old, "closed", "done")
    clock.advance(timedelta(days=20))
    first = _open(seeded, "数据库连接失败", customer="cust-L4")
    second = _open(seeded, "OSS latency")
    still_open = _open(seeded, "CDN console error")
    seeded.set_status(first, "resolved", "index rebuilt")
    clock.advance(timedelta(hours=1))
    seeded.set_status(second, "closed", "tuned")
    listed = recently_ended(seeded, days=14)
    assert [c.case_id for c in listed] == [second, first]
    assert [c.status for c in listed] == ["closed", "resolved"]
    assert listed[0].ended_at == clock.now()
    assert still_open not in {c.case_id for c in listed}
    assert [c.case_id for c in recently_ended(seeded, days=30)] == [second, first, old]
    assert [c.case_id for c in recently_ended(seeded, text="数据库")] == [first]
    assert [c.case_id for c in recently_ended(seeded, text="CUST-L4")] == [first]
    assert [c.case_id for c in recently_ended(seeded, text=listed[0].ref.lower())] == [second]
    assert recently_ended(seeded, text="100%") == []  # LIKE wildcards are matched literally
    seeded.reopen(first, "not fixed")
    assert [c.case_id for c in recently_ended(seeded)] == [second]
    clock.advance(timedelta(hours=1))
    seeded.set_status(first, "resolved", "really fixed")
    again = recently_ended(seeded)
    assert [c.case_id for c in again] == [first, second] and again[0].ended_at == clock.now()


def test_an_ended_case_goes_back_to_work_only_by_reopening(
    seeded: Desk, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk.cli import main

    (case_id,) = seeded.open_case("cust-L3", "flapping", "S3", "ticket", ref="FLAP").cases
    seeded.set_status(case_id, "closed", "fixed")
    db = ["--db", f"sqlite:///{db_path}"]
    assert main([*db, "case", "status", "FLAP", "in_progress"]) == 2  # no reason, no clocks: refused
    assert "reopen it, with a reason" in capsys.readouterr().err
    assert main([*db, "case", "reopen", "FLAP"]) == 2  # a reopening says why
    assert main([*db, "case", "reopen", "FLAP", "--reason", "it is back"]) == 0
    assert case_detail(seeded, case_id).status == "in_progress"
