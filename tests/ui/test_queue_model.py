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


def test_default_order_follows_time_by_moving_rows(qtbot: QtBot, seeded: Desk, clock: FakeClock) -> None:
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QTableView

    from tests.helpers.queue import open_mix

    mix = open_mix(seeded, clock)
    model = _model(seeded, clock)
    shown = lambda: [model.entry(r).case_id for r in range(model.rowCount())]  # noqa: E731
    assert shown() == [mix.recent, mix.at_risk, mix.on_track, mix.old, mix.paused]
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().setCurrentIndex(model.index(0, 0), flags)  # the recent breach
    resets: list[int] = []
    moves: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    model.rowsMoved.connect(lambda *_args: moves.append(1))
    clock.advance(timedelta(minutes=30))
    model.tick()
    assert moves == []  # nothing left its group yet
    clock.advance(timedelta(minutes=30))  # the recent breach is now 70 minutes old
    model.tick()
    assert shown() == [mix.at_risk, mix.on_track, mix.old, mix.recent, mix.paused]
    assert (resets, moves) == ([], [1])
    assert model.entry(view.currentIndex().row()).case_id == mix.recent  # the selection moved with it
    model.sort(3)  # a column's order, then the default again
    model.sort(-1)
    assert shown() == [mix.at_risk, mix.on_track, mix.old, mix.recent, mix.paused]


def test_search_finds_words_of_any_script_and_case(seeded: Desk, clock: FakeClock) -> None:
    for title in ("数据库 连接超时", "Straße gesperrt", "ΣΊΣΥΦΟΣ disk", "plain title"):
        seeded.open_case("cust-L2", title, "S3", "ticket")
    model = _model(seeded, clock)

    def titles(text: str) -> list[str]:
        model.set_filter(QueueFilter(text=text))
        return sorted(model.entry(row).title for row in range(model.rowCount()))

    assert titles("数据") == ["数据库 连接超时"]
    assert titles("STRASSE") == titles("straß") == ["Straße gesperrt"]
    assert titles("σίσυφος") == titles("ΣΊΣΥΦΟΣ") == ["ΣΊΣΥΦΟΣ disk"]
    assert titles("disk 数") == []
    assert titles("\ud800") == []  # a lone surrogate (an input method's half character) matches nothing
    assert len(titles("cust-l2")) == 4
