"""The queue's rows, countdowns and transitions; case detail; customer panel data (desk/queue.py and friends)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from desk.caseviews import case_detail, preview_new_case
from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.customers import customer_choices, customer_panel
from desk.queue import QueueFilter, countdown, filter_entries, load_entries, load_open_queue, next_transition
from desk.services import Desk
from desk.store.engine import Store


def test_queue_rows_follow_the_engine(seeded: Desk, clock: FakeClock) -> None:
    (l3,) = seeded.open_case("cust-L3", "数据库连接失败", "S2", "ticket").cases
    (l2,) = seeded.open_case("cust-L2", "Billing question", "S5", "ticket").cases
    entries = load_open_queue(seeded)
    assert [e.case_id for e in entries] == [l3, l2]
    first = entries[0]
    assert first.clock is not None and first.clock.target_s == 40 * 60
    assert first.clock.deadline == clock.now() + timedelta(minutes=40)
    now = clock.now()
    assert countdown(first.clock, now).state == "on_track"
    at_risk = next_transition(first.clock, now)
    assert at_risk == now + timedelta(minutes=30, microseconds=1)
    assert countdown(first.clock, at_risk).state == "at_risk"
    breach = next_transition(first.clock, at_risk)
    assert breach == now + timedelta(minutes=40)
    assert countdown(first.clock, breach).state == "breached"
    assert countdown(first.clock, breach).remaining_s == 0
    assert next_transition(first.clock, breach) is None


def test_filters_combine(seeded: Desk, clock: FakeClock) -> None:
    seeded.open_case("cust-L3", "数据库连接失败", "S2", "ticket", assignee="alice")
    seeded.open_case("cust-L4", "OSS latency", "S3", "ticket")
    entries = load_open_queue(seeded)
    now = clock.now()
    assert len(filter_entries(entries, QueueFilter(assignee="alice"), now)) == 1
    assert len(filter_entries(entries, QueueFilter(tiers=frozenset({"L4"})), now)) == 1
    assert len(filter_entries(entries, QueueFilter(text="数据库"), now)) == 1
    assert len(filter_entries(entries, QueueFilter(text="cust-l4 oss"), now)) == 1
    assert filter_entries(entries, QueueFilter(states=frozenset({"breached"})), now) == []
    later = now + timedelta(hours=1)
    assert len(filter_entries(entries, QueueFilter(states=frozenset({"breached"})), later)) == 1


def test_closed_case_leaves_the_queue(seeded: Desk) -> None:
    (case_id,) = seeded.open_case("cust-L2", "x", "S3", "phone").cases
    seeded.set_status(case_id, "resolved")
    assert load_entries(seeded, [case_id]) == {case_id: None}


def test_detail_and_preview(seeded: Desk, clock: FakeClock) -> None:
    preview = preview_new_case(seeded, "cust-L2", "S1", "im_group")
    assert preview is not None
    assert preview.contractual.deadline == clock.now() + timedelta(minutes=40)
    assert set(preview.warnings) == {"severity_not_in_tier", "channel_not_entitled"}
    l1 = preview_new_case(seeded, "cust-L1", "S3", "ticket", third_party=True)
    assert l1 is not None and l1.contractual.state == "no_target"
    assert "third_party_out_of_scope" in l1.warnings
    (case_id,) = seeded.open_case("cust-L3", "t", "S3", "ticket").cases
    seeded.add_note(case_id, "called back")
    detail = case_detail(seeded, case_id)
    assert [e.kind for e in detail.timeline] == ["note", "opened"]
    assert len(detail.clocks) == 3


def test_customer_panel(seeded: Desk) -> None:
    assert [c.ref for c in customer_choices(seeded)] == ["cust-L1", "cust-L2", "cust-L3", "cust-L4"]
    data = customer_panel(seeded, "cust-L4")
    assert data.contract is not None and data.contract.tier == "L4"
    assert data.quotas is not None
    assert {s.kind for s in data.quotas.statuses} >= {"escort", "consultation"}


def test_the_cached_clock_gives_the_same_queue_as_evaluating_the_events(
    store: Store, catalogs: CatalogRegistry, clock: FakeClock
) -> None:
    from sqlalchemy import update

    from desk.demo import generate
    from desk.integrity import check
    from desk.queue import load_open_queue
    from desk.store.models import Case

    desk = Desk(store, catalogs, clock)
    generate(desk, cases=400, open_cases=150, seed=11, now=clock.now())
    assert check(desk) == []
    cached = load_open_queue(desk)
    assert any(e.clock is not None and e.clock.paused for e in cached)  # waits on the customer are in there
    with store.write() as session:
        session.execute(update(Case).values(due_rev=None))  # as if written before the cache existed
    evaluated = load_open_queue(desk)
    assert [(e.ref, e.clock) for e in cached] == [(e.ref, e.clock) for e in evaluated]


def test_default_order_puts_what_can_still_be_saved_first(seeded: Desk, clock: FakeClock) -> None:
    from desk.queue_order import urgency_key
    from tests.helpers.queue import open_mix

    mix = open_mix(seeded, clock)
    now = clock.now()
    entries = load_open_queue(seeded)
    states = {e.case_id: countdown(e.clock, now).state for e in entries}
    assert [states[c] for c in mix] == ["breached", "breached", "at_risk", "on_track", "paused"]
    # Breached within the hour, at risk, on track by deadline; then the old breach; then the paused case.
    assert [e.case_id for e in entries] == [mix.recent, mix.at_risk, mix.on_track, mix.old, mix.paused]
    first_page = load_open_queue(seeded, limit=2)
    assert [e.case_id for e in first_page] == [mix.recent, mix.at_risk]
    # An hour later the recent breach is an old one: it moves below the cases still savable.
    later = now + timedelta(hours=1)
    assert sorted(entries, key=lambda e: urgency_key(e, later)) == [
        next(e for e in entries if e.case_id == c) for c in (mix.at_risk, mix.on_track, mix.old, mix.recent, mix.paused)
    ]


def test_schedule_names_each_change_once_when_it_comes_due(seeded: Desk, clock: FakeClock) -> None:
    from desk.queue_plain import read_open_columns
    from desk.queue_slots import SlotSchedule
    from tests.helpers.queue import open_mix

    mix = open_mix(seeded, clock)
    cols = read_open_columns(seeded, clock.now())
    schedule = SlotSchedule(cols)
    schedule.load(clock.now())
    rows = cols.live()

    def save_next(current: uuid.UUID | None, step: int) -> uuid.UUID | None:
        found = schedule.save_next(rows, cols.slot(current) if current is not None else None, step)
        return cols.case_id(found) if found is not None else None

    assert save_next(None, 1) == mix.recent
    assert save_next(mix.recent, 1) == mix.at_risk
    assert save_next(mix.at_risk, 1) == mix.old
    assert save_next(mix.old, 1) is None
    assert save_next(None, -1) == mix.old
    assert list(schedule.changes(clock.now())) == []
    clock.advance(timedelta(minutes=5))  # the at-risk case breaches
    (breach,) = schedule.changes(clock.now())
    assert (cols.case_id(breach.slot), breach.old, breach.new, breach.moved) == (
        mix.at_risk,
        "at_risk",
        "breached",
        False,
    )
    clock.advance(timedelta(minutes=55))  # the recent breach is 70 minutes old: it moves, its state stays
    (regroup,) = schedule.changes(clock.now())
    assert (cols.case_id(regroup.slot), regroup.new, regroup.moved) == (mix.recent, "breached", True)
    assert list(schedule.changes(clock.now())) == []
