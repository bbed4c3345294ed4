"""The queue model: Qt's model protocol, silent while time passes, signals only on real transitions."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.queue import QueueFilter, load_entries, load_open_queue
from desk.services import Desk
from ui.queue_model import STATE_ROLE, QueueModel


def _model(desk: Desk, clock: FakeClock) -> QueueModel:
    model = QueueModel(clock)
    model.set_entries(load_open_queue(desk))
    return model


def test_model_protocol(qtmodeltester: ModelTester, seeded: Desk, clock: FakeClock) -> None:
    for tier, severity in (("L1", "S3"), ("L2", "S1"), ("L3", "S2"), ("L4", "S5")):
        seeded.open_case(f"cust-{tier}", f"case {tier}", severity, "ticket")
    model = _model(seeded, clock)
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    model.set_filter(QueueFilter(text="L4"))
    qtmodeltester.check(model)
    assert model.rowCount() == 1


def test_tick_is_silent_until_a_real_transition(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    (fast,) = seeded.open_case("cust-L3", "site down", "S1", "phone").cases  # 12 min
    seeded.open_case("cust-L2", "question", "S5", "ticket")  # 16 h
    model = _model(seeded, clock)
    changed: list[int] = []
    model.dataChanged.connect(lambda top, _bottom, _roles: changed.append(top.row()))
    for _ in range(60):
        clock.advance(timedelta(seconds=1))
        assert model.tick() == []
    assert changed == []
    clock.advance(timedelta(minutes=8, seconds=30))  # 2:30 left of 12:00: less than 25%
    with qtbot.waitSignal(model.transitions) as blocker:
        model.tick()
    (transition,) = blocker.args[0]
    assert (transition.entry.case_id, transition.old, transition.new) == (fast, "on_track", "at_risk")
    assert changed == [model.row_of(fast)]
    clock.advance(timedelta(minutes=3))
    (breach,) = model.tick()
    assert breach.new == "breached"
    assert model.index(model.row_of(fast) or 0, 0).data(STATE_ROLE) == "breached"
    assert model.tick() == []  # once per transition


def test_writes_update_insert_and_remove_rows(seeded: Desk, clock: FakeClock) -> None:
    model = _model(seeded, clock)
    assert model.rowCount() == 0
    (a,) = seeded.open_case("cust-L4", "a", "S5", "ticket").cases
    (b,) = seeded.open_case("cust-L4", "b", "S2", "ticket").cases
    model.apply(load_entries(seeded, [a, b]))
    assert [model.entry(r).case_id for r in range(2)] == [b, a]  # by deadline
    seeded.set_status(b, "resolved")
    model.apply(load_entries(seeded, [b]))
    assert model.rowCount() == 1
    assert model.total() == 1
