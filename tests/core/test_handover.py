"""Handover services: report content, readiness, freeze/sign/acknowledge, corrections, verify, review."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event, inspect, update
from sqlalchemy.exc import DBAPIError

from desk.clock import FakeClock
from desk.handover import NotAllowed, ReportSigned, canonical_json
from desk.services import Desk, DeskError, InvalidInput
from desk.store.handover_models import HandoverReport
from tests.helpers.handover import CHINESE, FORMULA, SHIFT_END, SHIFT_START, XSS, build_shift


def contractual(rows: list[dict]) -> dict[str, dict]:  # type: ignore[type-arg]
    return {r["ref"]: r for r in rows if r["clock"] == "first_response"}


def test_report_holds_every_section(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    summary = built.handover.generate(built.shift.id)
    data = built.handover.get(summary.id).data

    header = data["header"]
    assert header["window"] == {"from": "2026-11-26T01:00:00Z", "to": "2026-11-26T09:00:00Z"}
    assert header["timezone"] == "Asia/Shanghai"
    assert (header["outgoing"], header["incoming"], header["revision"]) == ("alice", "bob", 1)
    assert header["generated_at"] == "2026-11-26T09:00:00Z"

    open_refs = [r["ref"] for r in data["open_cases"]]
    assert sorted(open_refs) == ["C-CHINESE", "C-DUE", "C-FORMULA", "C-WAIT", "C-XSS"]
    assert open_refs[0] == "C-XSS"  # sorted by deadline: the breached S1 first
    deadlines = [r["deadline"] for r in data["open_cases"] if r["deadline"]]
    assert deadlines == sorted(deadlines)
    assert data["summary"]["open"] == 5
    assert data["summary"]["by_severity"]["S1"] == 1

    xss = next(r for r in data["open_cases"] if r["ref"] == "C-XSS")
    assert (xss["title"], xss["owner"], xss["next_action"], xss["briefed"]) == (XSS, "bob", "call the customer", True)
    assert xss["state"] == "breached" and xss["remaining_s"] < 0
    assert xss["last_action"]["kind"] == "opened"

    breached = contractual(data["breached_during_shift"])
    assert breached["C-XSS"]["responded"] is False
    assert breached["C-XSS"]["late_s"] == int((SHIFT_END - (SHIFT_START + timedelta(minutes=22))).total_seconds())
    assert breached["C-CHINESE"]["state"] == "missed"
    assert breached["C-CHINESE"]["responded"] is True and breached["C-CHINESE"]["late_s"] == 30 * 60
    assert "C-FORMULA" not in breached

    # Internal clocks count too: C-FORMULA's resolution clock (8 h from 09:20) falls due at 17:20.
    assert [(d["ref"], d["clock"]) for d in data["due_soon"]] == [
        ("C-FORMULA", "resolution"),
        ("C-DUE", "first_response"),
    ]
    assert [w["ref"] for w in data["waiting_on_customer"]] == ["C-WAIT"]
    activity = data["activity"]
    assert len(activity["opened"]) == 6
    assert {a["ref"] for a in activity["responded"]} == {"C-FORMULA", "C-WAIT", "C-RES", "C-CHINESE"}
    assert [a["ref"] for a in activity["resolved"]] == ["C-RES"]
    assert [(q["kind"], q["event"], q["contract_ref"]) for q in data["quota_bookings"]] == [
        ("escort", "booked", "k-L4")
    ]
    assert data["notes"] == f"quiet shift, coffee in the office; {FORMULA}"

    chart = data["chart"]
    assert len(chart["buckets"]) == 8 and chart["bucket_minutes"] == 60
    assert chart["buckets"][1]["counts"]["S3"] == 1  # C-DUE falls due at 18:00, the second hour
    assert chart["overdue"]["S1"] == 1


def test_readiness_lists_what_a_lead_would_catch(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock, entries=False)
    problems = {(p.ref, p.code) for p in built.handover.readiness(built.shift.id)}
    assert {("C-XSS", "no_owner"), ("C-XSS", "no_next_action"), ("C-XSS", "s1_not_briefed")} <= problems
    assert not any(ref == "C-DUE" for ref, _ in problems)  # on track on every clock
    built.handover.set_entry(built.shift.id, built.cases["XSS"], owner="bob", next_action="call", briefed=True)
    problems = {(p.ref, p.code) for p in built.handover.readiness(built.shift.id)}
    assert not any(ref == "C-XSS" for ref, _ in problems)


def test_frozen_report_hash_is_of_its_canonical_form(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    summary = built.handover.generate(built.shift.id)
    stored = built.handover.get(summary.id)
    assert stored.snapshot == canonical_json(stored.data)
    assert summary.sha256 == hashlib.sha256(stored.snapshot.encode("utf-8")).hexdigest()
    assert CHINESE in stored.snapshot  # UTF-8, not \\u escapes
    assert built.handover.verify(summary.id).ok


def test_sign_and_acknowledge_with_time_then_nothing_changes(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    h, shift_id = built.handover, built.shift.id
    report = h.generate(shift_id)
    with pytest.raises(DeskError, match="not signed"):
        h.acknowledge(report.id, "bob")
    with pytest.raises(NotAllowed):
        h.sign(report.id, "mallory")
    clock.advance(timedelta(minutes=3))
    signed = h.sign(report.id, "alice")
    assert signed.signed_by == "alice" and signed.signed_at == SHIFT_END + timedelta(minutes=3)
    with pytest.raises(ReportSigned):
        h.sign(report.id, "alice")
    with pytest.raises(NotAllowed):
        h.acknowledge(report.id, "alice")
    with pytest.raises(NotAllowed):
        h.acknowledge(report.id, "carol")
    clock.advance(timedelta(minutes=2))
    acked = h.acknowledge(report.id, "bob")
    assert acked.acknowledged_by == "bob" and acked.acknowledged_at == SHIFT_END + timedelta(minutes=5)
    with pytest.raises(ReportSigned):
        h.acknowledge(report.id, "bob")
    # A signed handover cannot be edited through any service.
    with pytest.raises(ReportSigned):
        h.set_entry(shift_id, built.cases["XSS"], note="changed afterwards")
    with pytest.raises(ReportSigned):
        h.set_notes(shift_id, "rewritten")
    with pytest.raises(ReportSigned):
        h.end_shift(shift_id)
    with pytest.raises(ReportSigned):
        h.generate(shift_id)
    assert h.get(report.id).snapshot == h.get(report.id).snapshot
    assert h.verify(report.id).ok


def test_correction_is_a_new_revision_linked_to_the_old(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    h, shift_id = built.handover, built.shift.id
    first = h.generate(shift_id)
    h.sign(first.id, "alice")
    with pytest.raises(InvalidInput):
        h.open_correction(first.id, "  ")
    h.open_correction(first.id, "owner of C-DUE was missing")
    h.set_entry(shift_id, built.cases["DUE"], owner="dave", next_action="check slow log")
    second = h.generate(shift_id)
    assert (second.revision, second.previous_id, second.correction_reason) == (
        2,
        first.id,
        "owner of C-DUE was missing",
    )
    data = h.get(second.id).data
    assert data["header"]["previous_sha256"] == first.sha256
    assert next(r for r in data["open_cases"] if r["ref"] == "C-DUE")["owner"] == "dave"
    old = h.get(first.id)
    assert old.summary.superseded and old.summary.signed
    assert "dave" not in old.snapshot  # the signed revision did not change
    with pytest.raises(DeskError, match="superseded"):
        h.acknowledge(first.id, "bob")
    assert [r.revision for r in h.revisions(second.id)] == [1, 2]
    assert h.verify(first.id).ok and h.verify(second.id).ok
    h.set_entry(shift_id, built.cases["DUE"], note="again")  # revision 2 is an unsigned draft: editable
    h.sign(second.id, "alice")
    with pytest.raises(ReportSigned):
        h.set_entry(shift_id, built.cases["DUE"], note="and again")


def test_database_refuses_to_change_or_delete_a_frozen_report(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    with pytest.raises(DBAPIError, match="frozen"), seeded.store.write() as session:
        session.execute(update(HandoverReport).where(HandoverReport.id == report.id).values(snapshot="{}"))
    with pytest.raises(DBAPIError, match="signed"), seeded.store.write() as session:
        session.execute(update(HandoverReport).where(HandoverReport.id == report.id).values(signed_by="mallory"))
    with pytest.raises(DBAPIError, match="never deleted"), seeded.store.write() as session:
        session.execute(HandoverReport.__table__.delete())
    assert built.handover.verify(report.id).ok


def tamper(db: Path, sql: str, *params: object) -> None:
    """What someone with the database file and the sqlite3 shell could do: drop the guard, then edit."""
    con = sqlite3.connect(db)
    with con:
        con.execute("DROP TRIGGER handover_reports_frozen")
        con.execute(sql, params)
    con.close()


def test_verify_detects_a_tampered_snapshot(seeded: Desk, clock: FakeClock, db_path: Path) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    stored = built.handover.get(report.id)
    forged = stored.snapshot.replace('"owner":"bob"', '"owner":"carol"')
    assert forged != stored.snapshot
    tamper(db_path, "UPDATE handover_reports SET snapshot = ? WHERE id = ?", forged, report.id.hex)
    result = built.handover.verify(report.id)
    assert not result.ok
    assert result.computed_sha256 != result.stored_sha256
    assert any("differs from the stored hash" in p for p in result.problems)
    from desk.integrity import check

    assert any(f"handover report {report.id}" in p for p in check(seeded))  # `desk check` reports it too


def test_verify_detects_snapshot_and_hash_rewritten_together(seeded: Desk, clock: FakeClock, db_path: Path) -> None:
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    built.handover.sign(report.id, "alice")
    forged = built.handover.get(report.id).snapshot.replace('"owner":"bob"', '"owner":"carol"')
    new_hash = hashlib.sha256(forged.encode()).hexdigest()
    tamper(
        db_path, "UPDATE handover_reports SET snapshot = ?, sha256 = ? WHERE id = ?", forged, new_hash, report.id.hex
    )
    result = built.handover.verify(report.id)
    assert not result.ok
    assert any("hash signed" in p for p in result.problems)


def test_list_filters(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    h = built.handover
    first = h.generate(built.shift.id)
    night = h.start_shift("bob", incoming="carol", starts_at=SHIFT_END, ends_at=SHIFT_END + timedelta(hours=8))
    clock.advance(timedelta(hours=8))
    second = h.generate(night.id)
    h.sign(first.id, "alice")
    assert [r.id for r in h.list_reports()] == [second.id, first.id]
    assert [r.id for r in h.list_reports(agent="alice")] == [first.id]
    assert [r.id for r in h.list_reports(agent="carol")] == [second.id]
    assert [r.id for r in h.list_reports(unsigned=True)] == [second.id]
    assert {r.id for r in h.list_reports(unacknowledged=True)} == {first.id, second.id}
    assert [r.id for r in h.list_reports(day=date(2026, 11, 26))] == [second.id, first.id]
    assert [r.id for r in h.list_reports(day=date(2026, 11, 27))] == [second.id]  # 17:00-01:00 Shanghai
    assert h.list_reports(day=date(2026, 11, 28)) == []


def test_diff_with_the_previous_shift(seeded: Desk, clock: FakeClock) -> None:
    built = build_shift(seeded, clock)
    h = built.handover
    day = h.generate(built.shift.id)
    h.sign(day.id, "alice")
    night = h.start_shift("bob", incoming="carol", starts_at=SHIFT_END, ends_at=SHIFT_END + timedelta(hours=8))
    clock.advance(timedelta(minutes=30))
    seeded.set_status(built.cases["WAIT"], "closed", "customer gone quiet")
    (new_case,) = seeded.open_case("cust-L4", "new at night", "S3", "phone", ref="C-NIGHT").cases
    clock.advance(timedelta(hours=7, minutes=30))  # C-DUE breaches at 18:00 Shanghai
    report = h.generate(night.id)
    diff = h.diff_with_previous(report.id)
    assert diff.previous is not None and diff.previous.id == day.id
    assert [r["ref"] for r in diff.new_cases] == ["C-NIGHT"]
    assert [r["ref"] for r in diff.gone_cases] == ["C-WAIT"]
    assert "C-DUE" in [r["ref"] for r in diff.breached_since]
    assert new_case is not None
    assert h.diff_with_previous(day.id).previous is None


def test_an_agent_cannot_open_a_second_shift_over_the_same_hours(seeded: Desk, clock: FakeClock) -> None:
    from desk.handover import Handover
    from desk.services import InvalidInput

    h = Handover(seeded)
    h.start_shift("alice", starts_at=SHIFT_START, ends_at=SHIFT_END)
    with pytest.raises(InvalidInput, match="already has a shift"):
        h.start_shift("alice", starts_at=SHIFT_START + timedelta(hours=1), ends_at=SHIFT_END + timedelta(hours=1))
    h.start_shift("bob", starts_at=SHIFT_START, ends_at=SHIFT_END)  # another agent's shift is fine
    h.start_shift("alice", starts_at=SHIFT_END, ends_at=SHIFT_END + timedelta(hours=8))  # and the next one


def test_cases_resolved_before_the_shift_stay_out_unless_reopened(seeded: Desk, clock: FakeClock) -> None:
    from desk.handover import Handover

    clock.set(SHIFT_START - timedelta(days=2))
    (old,) = seeded.open_case("cust-L3", "resolved long ago", "S4", "ticket", ref="OLD").cases
    (back,) = seeded.open_case("cust-L3", "reopened during the shift", "S4", "ticket", ref="BACK").cases
    clock.advance(timedelta(hours=1))
    seeded.set_status(old, "resolved")
    seeded.set_status(back, "resolved")
    clock.set(SHIFT_START + timedelta(hours=2))
    seeded.reopen(back, "customer says it is back")
    h = Handover(seeded)
    shift = h.start_shift("alice", starts_at=SHIFT_START, ends_at=SHIFT_END)
    clock.set(SHIFT_END)
    data = h.get(h.generate(shift.id).id).data
    refs = {row["ref"] for row in data["open_cases"]}
    assert "BACK" in refs and "OLD" not in refs


def test_a_redraft_reads_the_latest_revision_not_every_earlier_one(seeded: Desk, clock: FakeClock) -> None:
    # Each revision holds a whole snapshot (megabytes on a busy shift): finding the latest one must not load
    # them all, or every redraft, signature and look-up of the shift grows slower with each revision.
    built = build_shift(seeded, clock)
    h, shift_id = built.handover, built.shift.id
    for _ in range(5):
        h.generate(shift_id)
    loaded: list[int] = []

    def count(report: HandoverReport, _context: object) -> None:
        loaded.append(report.revision)

    event.listen(HandoverReport, "load", count)
    try:
        sixth = h.generate(shift_id)
        assert h.shift(shift_id).locked is False
    finally:
        event.remove(HandoverReport, "load", count)
    assert set(loaded) <= {5, 6} and len(loaded) <= 3, loaded
    fifth = h.revisions(sixth.id)[4]
    assert (sixth.revision, sixth.previous_id) == (6, fifth.id)
    assert h.get(sixth.id).data["header"]["previous_sha256"] == fifth.sha256


def test_listing_reports_reads_no_snapshot(seeded: Desk, clock: FakeClock) -> None:
    # The status bar asks which handovers wait for the agent, the review lists a day's reports: neither shows a
    # snapshot, and reading every report's (megabytes each on a busy desk) made both slower with every shift.
    built = build_shift(seeded, clock)
    h, shift_id = built.handover, built.shift.id
    first = h.generate(shift_id)
    h.generate(shift_id)
    h.sign(h.latest_report(shift_id).id, "alice")  # type: ignore[union-attr]
    read: list[bool] = []

    def count(report: HandoverReport, _context: object) -> None:
        read.append("snapshot" not in inspect(report).unloaded)

    event.listen(HandoverReport, "load", count)
    try:
        assert [r.revision for r in h.waiting_for("bob")] == [2]
        assert [r.revision for r in h.list_reports()] == [2, 1]
        assert [r.revision for r in h.revisions(first.id)] == [1, 2]
    finally:
        event.remove(HandoverReport, "load", count)
    assert read and not any(read)
    assert h.get(first.id).data["header"]["revision"] == 1  # a report asked for by id still has its snapshot
