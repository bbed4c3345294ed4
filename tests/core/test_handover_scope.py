"""A shift's length and scope: no accidental empty shift, and a report that covers the agent's own cases."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta
from pathlib import Path

import pytest

from desk.clock import FakeClock
from desk.handover import Handover, canonical_json, sha256_of
from desk.services import Desk, InvalidInput
from desk.store.handover_models import HandoverReport
from tests.helpers import T0
from tests.helpers.handover import SHIFT_END, SHIFT_START


def test_a_shift_of_a_few_seconds_is_refused(seeded: Desk, clock: FakeClock) -> None:
    h = Handover(seeded)
    clock.set(SHIFT_START + timedelta(hours=11, minutes=4, seconds=10))
    with pytest.raises(InvalidInput, match="at least 15 minutes"):
        h.start_shift("alice", starts_at=clock.now(), ends_at=clock.now() + timedelta(seconds=40))
    shift = h.start_shift("alice")  # starts now, planned for 8 hours
    clock.advance(timedelta(seconds=40))
    with pytest.raises(InvalidInput, match="at least 15 minutes"):
        h.end_shift(shift.id)
    kept = h.shift(shift.id)
    assert kept.ended_at is None and kept.ends_at == shift.ends_at  # nothing stored changed
    clock.advance(timedelta(minutes=20))
    h.end_shift(shift.id)
    assert h.shift(shift.id).ends_at == clock.now()


def _case(desk: Desk, ref: str, assignee: str = "") -> uuid.UUID:
    (case_id,) = desk.open_case("cust-L3", f"case {ref}", "S2", "ticket", ref=ref).cases
    if assignee:
        desk.assign(case_id, assignee)
    return case_id


def _desk_scenario(desk: Desk, clock: FakeClock) -> dict[str, uuid.UUID]:
    """Before the shift: MINE (alice's), BOBS (bob's), NOBODY; during it alice answers BOBS and opens NEW."""
    clock.set(SHIFT_START - timedelta(hours=2))
    cases = {
        "MINE": _case(desk, "C-MINE", "alice"),
        "BOBS": _case(desk, "C-BOBS", "bob"),
        "NOBODY": _case(desk, "C-NOBODY"),
        "CAROLS": _case(desk, "C-CAROLS", "Carol"),
    }
    clock.set(SHIFT_START + timedelta(hours=1))
    desk.actor = "alice"
    desk.record_response(cases["BOBS"])
    cases["NEW"] = _case(desk, "C-NEW")  # opened by alice, left unassigned
    desk.actor = "tester"
    clock.set(SHIFT_END)
    return cases


def test_scope_is_the_agents_assigned_and_touched_cases(seeded: Desk, clock: FakeClock) -> None:
    _desk_scenario(seeded, clock)
    h = Handover(seeded)
    mine = h.start_shift("alice", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["alice"])
    assert mine.scope == ("alice",)
    assert {r.ref for r in h.shift_cases(mine.id)} == {"C-MINE", "C-BOBS", "C-NEW"}

    report = h.get(h.generate(mine.id).id)
    header = report.data["header"]
    assert header["scope"] == {"kind": "agents", "agents": ["alice"], "rule": "assigned_or_acted_during_shift"}
    assert {r["ref"] for r in report.data["open_cases"]} == {"C-MINE", "C-BOBS", "C-NEW"}
    assert report.data["summary"]["open"] == 3
    assert h.verify(report.summary.id).ok

    # A team lead's handover covers the agents chosen (names compare without regard to case).
    lead = h.start_shift("lead", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=[" bob", "carol", "BOB"])
    assert lead.scope == ("bob", "carol")
    assert {r.ref for r in h.shift_cases(lead.id)} == {"C-BOBS", "C-CAROLS"}
    h.set_scope(lead.id, None)  # the whole desk
    assert len(h.shift_cases(lead.id)) == 5
    assert h.get(h.generate(lead.id).id).data["header"]["scope"] == {"kind": "desk"}
    with pytest.raises(InvalidInput, match="at least one agent"):
        h.set_scope(lead.id, [" "])


def test_a_case_with_a_handover_entry_stays_in_scope(seeded: Desk, clock: FakeClock) -> None:
    cases = _desk_scenario(seeded, clock)
    h = Handover(seeded)
    shift = h.start_shift("lead", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["bob"])
    h.set_entry(shift.id, cases["NOBODY"], next_action="find an owner")
    assert {r.ref for r in h.shift_cases(shift.id)} == {"C-BOBS", "C-NOBODY"}
    assert {p.ref for p in h.readiness(shift.id)} <= {"C-BOBS", "C-NOBODY"}


def test_reports_frozen_before_scopes_still_verify(seeded: Desk, clock: FakeClock) -> None:
    _desk_scenario(seeded, clock)
    h = Handover(seeded)
    shift = h.start_shift("alice", starts_at=SHIFT_START, ends_at=SHIFT_END)  # no scope: the whole desk
    first = h.get(h.generate(shift.id).id)
    data = first.data
    del data["header"]["scope"]  # exactly what a report frozen before this change holds
    data["header"].update(revision=2, previous_id=str(first.summary.id), previous_sha256=first.summary.sha256)
    old = canonical_json(data)
    with seeded.store.write() as session:
        row = HandoverReport(
            shift_id=shift.id, revision=2, previous_id=first.summary.id, correction_reason="", snapshot=old,
            sha256=sha256_of(old), generated_at=clock.now(), generated_by="tester", created_at=clock.now(),
            updated_at=clock.now(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        report_id = row.id
    assert h.verify(report_id).ok
    assert "scope" not in h.get(report_id).data["header"]


def test_known_agents_first_action_and_handovers_waiting(seeded: Desk, clock: FakeClock) -> None:
    _desk_scenario(seeded, clock)
    h = Handover(seeded)
    assert h.known_agents() == ["alice", "bob", "Carol"]
    assert h.first_action("ALICE", SHIFT_START - timedelta(hours=12)) == SHIFT_START + timedelta(hours=1)
    assert h.first_action("zoe", T0 - timedelta(hours=12)) is None

    to_bob = h.start_shift("alice", incoming="Bob", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["alice"])
    to_anyone = h.start_shift("carol", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["carol"])
    draft = h.start_shift("dave", incoming="bob", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["dave"])
    signed_bob = h.sign(h.generate(to_bob.id).id, "alice")
    signed_any = h.sign(h.generate(to_anyone.id).id, "carol")
    h.generate(draft.id)  # not signed: nothing to acknowledge yet
    assert {r.id for r in h.waiting_for("bob")} == {signed_bob.id, signed_any.id}
    assert [r.id for r in h.waiting_for("erin")] == [signed_any.id]
    assert [r.id for r in h.waiting_for("carol")] == []  # her own, and one addressed to bob
    h.acknowledge(signed_bob.id, "bob")
    assert [r.id for r in h.waiting_for("bob")] == [signed_any.id]
    assert h.known_agents() == ["alice", "bob", "Carol", "dave"]


def test_cli_create_covers_the_outgoing_agents_cases_or_the_agents_named(
    seeded: Desk, clock: FakeClock, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.helpers.handover import run

    _desk_scenario(seeded, clock)
    window = ["--from", "2026-11-26T09:00:00+08:00", "--to", "2026-11-26T17:00:00+08:00"]
    code, out, err = run(capsys, db_path, "handover", "create", *window, "--outgoing", "alice", "--json")
    assert code == 0, err
    created = json.loads(out)
    assert created["summary"]["open"] == 3 and created["scope"] == ["alice"]
    code, out, err = run(
        capsys, db_path, "handover", "create", *window, "--outgoing", "lead", "--agents", "bob, carol", "--json"
    )
    assert code == 0, err
    assert json.loads(out)["summary"]["open"] == 2 and json.loads(out)["scope"] == ["bob", "carol"]
    code, _, err = run(capsys, db_path, "handover", "create", *window, "--outgoing", "erin", "--agents", " , ")
    assert code == 2 and "at least one agent" in err


def test_bulk_entry_sets_several_cases_at_once_or_none(seeded: Desk, clock: FakeClock) -> None:
    cases = _desk_scenario(seeded, clock)
    h = Handover(seeded)
    shift = h.start_shift("alice", starts_at=SHIFT_START, ends_at=SHIFT_END, scope=["alice"])
    h.set_entry(shift.id, cases["MINE"], note="keep this note")
    chosen = [cases["MINE"], cases["BOBS"]]
    h.set_entries(shift.id, chosen, owner=" bob ", next_action="call back at 18:00", briefed=True)
    rows = {r.ref: r for r in h.shift_cases(shift.id)}
    for ref in ("C-MINE", "C-BOBS"):
        assert (rows[ref].owner, rows[ref].next_action, rows[ref].briefed) == ("bob", "call back at 18:00", True)
    assert rows["C-MINE"].note == "keep this note"
    assert (rows["C-NEW"].next_action, rows["C-NEW"].briefed) == ("", False)
    from desk.services import NotFound

    with pytest.raises(NotFound):
        h.set_entries(shift.id, [cases["NEW"], uuid.uuid4()], owner="mallory")
    assert {r.ref: r.owner for r in h.shift_cases(shift.id)}["C-NEW"] == ""  # all or nothing


def test_a_shift_recorded_after_its_end_is_ended_in_the_same_write(seeded: Desk, clock: FakeClock) -> None:
    handover = Handover(seeded)
    end = clock.now() - timedelta(minutes=5)
    shift = handover.start_shift("alice", starts_at=end - timedelta(hours=8), ends_at=end)
    assert handover.shift(shift.id).ended_at == end  # not a running shift waiting for a second write
