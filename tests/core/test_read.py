"""The read side's one source of cases at an instant: what `desk sla`, the handover and the detail pane read."""

from __future__ import annotations

from datetime import timedelta

from desk.caseviews import case_detail
from desk.clock import FakeClock
from desk.queries import iter_case_sla
from desk.read import cases_at
from desk.services import Desk
from desk.sla import evaluate
from desk.store.writer import history_of
from desk.vocabulary import CaseStatus, EventKind


def _codes(desk: Desk) -> tuple[str, str, str]:
    """The plan's least and most severe severities and its highest tier, whatever their codes."""
    plan = desk.catalogs.latest
    ranked = sorted(plan.severities, key=plan.severity_rank)
    return ranked[-1], ranked[0], list(plan.tiers)[-1]


def test_cases_at_shows_each_case_as_it_stood_then(seeded: Desk, clock: FakeClock) -> None:
    least, most, tier = _codes(seeded)
    opened = clock.now()
    (case_id,) = seeded.open_case(f"cust-{tier}", "disk full", least, "").cases
    clock.advance(timedelta(minutes=10))
    seeded.regrade(case_id, most, "outage")
    seeded.assign(case_id, "ann")
    seeded.set_status(case_id, CaseStatus.IN_PROGRESS)
    clock.advance(timedelta(minutes=10))
    (later_id,) = seeded.open_case(f"cust-{tier}", "not yet open then", least, "").cases

    (then,) = cases_at(seeded, opened + timedelta(minutes=5))  # the later case was not open yet
    assert (then.case.id, then.severity, then.assignee, then.status) == (case_id, least, "", CaseStatus.NEW)
    assert [e.kind for e in then.events] == [EventKind.OPENED]  # what it had been through by then
    assert len(then.history) > len(then.events)  # the row still carries the whole history
    assert then.sla == evaluate(history_of(then.case, then.events), then.catalog, then.at)

    now = {row.case.id: row for row in cases_at(seeded, clock.now(), batch=1)}  # chunks of one case
    assert set(now) == {case_id, later_id}
    row = now[case_id]
    assert (row.severity, row.assignee, row.status, row.tier) == (most, "ann", CaseStatus.IN_PROGRESS, tier)
    assert row.severity_rank == 1

    # `desk sla` is a projection of the same rows.
    (listed,) = [r for r in iter_case_sla(seeded, clock.now()) if r.case_id == case_id]
    assert (listed.severity, listed.status, listed.tier, listed.sla) == (most, row.status, tier, row.sla)


def test_the_detail_pane_shows_a_colleagues_event_stamped_ahead_of_this_desks_clock(
    seeded: Desk, clock: FakeClock
) -> None:
    least, _, tier = _codes(seeded)
    (case_id,) = seeded.open_case(f"cust-{tier}", "slow API", least, "").cases
    ahead = Desk(seeded.store, seeded.catalogs, FakeClock(clock.now() + timedelta(minutes=2)), actor="bob")
    ahead.add_note(case_id, "looking at it")

    detail = case_detail(seeded, case_id)
    newest = detail.timeline[0]
    assert (newest.actor, newest.kind) == ("bob", EventKind.NOTE)
    assert detail.clocks_at == clock.now()


def test_the_handover_reads_the_same_cases_as_cases_at(seeded: Desk, clock: FakeClock) -> None:
    """The handover reads plain columns; each case, its log, its plan and its clocks are those of ``cases_at``."""
    from desk.handover import Handover
    from desk.handover_report import collect_cases
    from desk.store.handover_models import Shift

    least, most, _ = _codes(seeded)
    start = clock.now()
    handover = Handover(seeded)
    shift = handover.start_shift("alice", starts_at=start, ends_at=start + timedelta(hours=8))
    ids = []
    for n, each in enumerate(seeded.catalogs.latest.tiers):
        (case_id,) = seeded.open_case(f"cust-{each}", f"case {n}", least, "", ref=f"C-{n}").cases
        ids.append(case_id)
    clock.advance(timedelta(minutes=5))
    seeded.regrade(ids[0], most, "outage")
    seeded.assign(ids[1], "ann")
    seeded.record_response(ids[1], "on it")
    seeded.set_status(ids[2], CaseStatus.WAITING_CUSTOMER)
    ahead = Desk(seeded.store, seeded.catalogs, FakeClock(clock.now() + timedelta(minutes=2)), actor="bob")
    ahead.add_note(ids[3], "stamped ahead of this desk's clock")
    at = clock.now()

    with seeded.store.read() as session:
        views = list(collect_cases(seeded, session, session.get(Shift, shift.id), at, batch=2))
    rows = list(cases_at(seeded, at))
    assert [v.case_id for v in views] == [r.case.id for r in rows] == ids
    for view, row in zip(views, rows, strict=True):
        assert (view.ref, view.title, view.customer_ref, view.customer_name) == (
            row.case.ref,
            row.case.title,
            row.case.customer.ref,
            row.case.customer.name,
        )
        assert (view.tier, view.severity, view.status, view.assignee, view.severity_rank) == (
            row.tier,
            row.severity,
            row.status,
            row.assignee,
            row.severity_rank,
        )
        assert [(e.at, e.kind, e.actor, e.old, e.new) for e in view.events] == [
            (e.at, e.kind, e.actor, e.old, e.new) for e in row.events
        ]
        assert view.sla == row.sla
