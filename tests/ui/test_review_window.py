"""The Review menu: three read-only views over one period, charts by keyboard, the cases behind a number."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.services import Desk
from tests.helpers import T0
from tests.helpers.handover import XSS, build_shift
from tests.ui.windows import shown_window
from ui.main_window import MainWindow
from ui.review.period_bar import preset_days
from ui.review.table import RowsModel
from ui.review.window import ReviewWindow
from ui.settings import Settings


@pytest.fixture
def worked(seeded: Desk, clock: FakeClock) -> Desk:
    """alice's shift (signed 10 min after it ended), and one L4 S1 case answered 5 min late by an odd name."""
    built = build_shift(seeded, clock)
    report = built.handover.generate(built.shift.id)
    clock.set(built.shift.ends_at + timedelta(minutes=10))
    built.handover.sign(report.id, "alice")
    clock.set(T0 + timedelta(hours=9))
    (late,) = seeded.open_case("cust-L4", "late one", "S1", "ticket", ref="C-LATE5", assignee=XSS).cases
    clock.set(T0 + timedelta(hours=9, minutes=17))
    seeded.record_response(late)
    clock.set(T0 + timedelta(hours=10))
    return seeded


def _open(qtbot: QtBot, win: MainWindow, keys: str) -> ReviewWindow:
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # the menu's shortcuts answer in the active window only
    key = {"1": Qt.Key.Key_1, "2": Qt.Key.Key_2, "3": Qt.Key.Key_3}[keys]
    qtbot.keyClick(win, key, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    review = win.review_window
    assert review is not None
    qtbot.addWidget(review)
    qtbot.waitUntil(lambda: review.reviews is not None, timeout=20_000)
    return review


def test_sla_view_and_the_cases_behind_a_number(
    qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings
) -> None:
    with shown_window(qtbot, worked, clock, settings) as win:
        review = _open(qtbot, win, "1")
        assert review.tabs.currentWidget() is review.sla
        page = review.sla
        # Missed: C-XSS unanswered (9 h 38 min past due by now), C-CHINESE 30 min late, C-DUE unanswered 1 h
        # past due, C-LATE5 5 min late; met: C-FORMULA, C-WAIT, C-RES.
        assert "met 3 · missed 4" in page.summary.text()
        assert "median 30 min, 90th percentile 9 h 38 min, worst 9 h 38 min" in page.summary.text()
        # The figures by tier: the L4 row's "missed" cell lists the two L4 cases answered late or not at all.
        rows = [page.figures.row_at(r)[0] for r in range(page.figures.rowCount())]
        l4 = rows.index("L4")
        cell = page.figures_view.visualRect(page.figures.index(l4, 2)).center()
        with qtbot.waitSignal(page.listed, timeout=20_000):  # read off the GUI thread
            qtbot.mouseClick(page.figures_view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        refs = {page.cases.row_at(r).ref for r in range(page.cases.rowCount())}
        assert "C-LATE5" in refs and all(page.cases.row_at(r).outcome == "missed" for r in range(page.cases.rowCount()))
        # The chart by keyboard: focus, Right to the next bar, Enter for its cases.
        page.group_chart.setFocus()
        qtbot.keyClick(page.group_chart, Qt.Key.Key_Right)
        with qtbot.waitSignal(page.listed, timeout=20_000):
            qtbot.keyClick(page.group_chart, Qt.Key.Key_Return)
        assert page.cases_title.text().startswith(page.group_chart.chart.label(1))  # type: ignore[union-attr]
        assert "L4" in page.group_chart.accessibleDescription()
        # A case behind the number opens in the main window.
        with qtbot.waitSignal(page.listed, timeout=20_000):
            qtbot.mouseClick(page.figures_view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        row = next(r for r in range(page.cases.rowCount()) if page.cases.row_at(r).ref == "C-LATE5")
        page.cases_view.setCurrentIndex(page.cases.index(row, 0))
        qtbot.keyClick(page.cases_view, Qt.Key.Key_Return)
        assert win.detail.detail is not None and win.detail.detail.case_id == page.cases.row_at(row).case_id


def test_a_weeks_bar_lists_its_cases_off_the_gui_thread(
    qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings
) -> None:
    with shown_window(qtbot, worked, clock, settings) as win:
        page = _open(qtbot, win, "1").sla
        assert page.review is not None
        week = page.review.weeks.index(date(2026, 11, 23))
        page.week_chart.setFocus()
        for _ in range(week):
            qtbot.keyClick(page.week_chart, Qt.Key.Key_Right)
        with qtbot.waitSignal(page.listed, timeout=20_000):
            qtbot.keyClick(page.week_chart, Qt.Key.Key_Return)
            assert page.cases.rowCount() == 0  # cleared at once; the cases arrive from the runner's thread
        refs = {page.cases.row_at(r).ref for r in range(page.cases.rowCount())}
        assert "C-LATE5" in refs and page.cases_title.text().endswith(f"{len(refs)} case(s)")


def test_every_view_and_the_shared_period(qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings) -> None:
    with shown_window(qtbot, worked, clock, settings) as win:
        review = _open(qtbot, win, "3")
        assert review.tabs.currentWidget() is review.handovers
        # alice over all weeks, then alice in the week of 23 November
        assert [review.handovers.agents.row_at(r)[:2] for r in range(2)] == [
            ("alice", None),
            ("alice", date(2026, 11, 23)),
        ]
        assert "1 shift(s) ended in the period · 1 signed · 0 acknowledged" in review.handovers.summary.text()
        review.handovers.chart.setFocus()
        qtbot.keyClick(review.handovers.chart, Qt.Key.Key_Return)  # the first week of November: no shift
        assert review.handovers.shifts.rowCount() == 0
        qtbot.waitUntil(review.isActiveWindow)
        qtbot.keyClick(review, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)  # the tab's mnemonic
        assert review.tabs.currentWidget() is review.quota
        assert review.quota.lines.rowCount() > 0
        # One period for the three views: a custom range in the past empties them all.
        with qtbot.waitSignal(review.shown, timeout=20_000):
            review.bar.first.setDate(review.bar.first.date().addYears(-1))
            review.bar.last.setDate(review.bar.last.date().addYears(-1))
            review.bar.refresh.click()
        assert review.bar.preset.currentData() == "custom"
        assert review.sla.figures.rowCount() == 0 and review.handovers.shifts.rowCount() == 0


def test_a_period_the_wrong_way_round_is_named(
    qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings
) -> None:
    with shown_window(qtbot, worked, clock, settings) as win:
        review = _open(qtbot, win, "1")
        review.bar.last.setDate(review.bar.first.date().addDays(-3))
        review.bar.refresh.click()
        assert "before it starts" in review.status.text()


def test_chinese_views(qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings) -> None:
    with shown_window(qtbot, worked, clock, settings, language="zh_CN") as win:
        review = _open(qtbot, win, "1")
        titles = [review.tabs.tabText(i) for i in range(3)]
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles
        assert QCoreApplication.translate("Review", "still running") != "still running"
        assert "已达成" in review.sla.group_chart.accessibleDescription()


def test_chart_ink_follows_dark_mode(qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings) -> None:
    with shown_window(qtbot, worked, clock, settings) as win:
        chart = _open(qtbot, win, "1").sla.week_chart
        light = chart.ink()["axis"]
        dark = QPalette(chart.palette())
        dark.setColor(QPalette.ColorRole.Base, Qt.GlobalColor.black)
        dark.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.white)
        chart.setPalette(dark)
        assert chart.ink()["axis"] != light and chart.ink()["text"] == "#ffffff"


def test_presets() -> None:
    thursday = date(2026, 11, 26)
    assert preset_days("day", thursday) == (thursday, thursday)
    assert preset_days("week", thursday) == (date(2026, 11, 23), date(2026, 11, 29))
    assert preset_days("month", thursday) == (date(2026, 11, 1), date(2026, 11, 30))
    assert preset_days("last_month", thursday) == (date(2026, 10, 1), date(2026, 10, 31))
    assert preset_days("month", date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))


def test_rows_model(qtmodeltester: object) -> None:
    model = RowsModel([("a", str), ("b", lambda r: str(r * 2))], numeric=frozenset({1}))
    model.set_rows([1, 2, 3])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.data(model.index(2, 1)) == "6"


def test_every_review_control_has_its_own_name(
    qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings
) -> None:
    from tests.ui.test_accessibility import accessible_name, controls

    with shown_window(qtbot, worked, clock, settings, language="zh_CN") as win:
        review = _open(qtbot, win, "1")
        for view in range(3):
            review.tabs.setCurrentIndex(view)
            qtbot.waitUntil(review.tabs.currentWidget().isVisible)
            names = {w: accessible_name(w) for w in controls(review)}
            unnamed = [(type(w).__name__, type(w.parent()).__name__) for w, name in names.items() if not name.strip()]
            assert unnamed == []


def test_only_the_newest_count_is_shown(qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings) -> None:
    """A count started before the period changed arrives late and is dropped, not shown over the newer one."""
    from desk.review_period import Period
    from ui.review.window import compute

    with shown_window(qtbot, worked, clock, settings) as win:
        review = _open(qtbot, win, "1")
        shown = review.sla.summary.text()
        older = compute(worked, Period(date(2025, 1, 1), date(2025, 1, 31), "UTC"), "tier")
        review.runner.done.emit(review.runner.latest - 1, older)  # as if an older count finished last
        assert review.sla.summary.text() == shown and review.reviews is not older
        review.runner.done.emit(review.runner.latest, older)
        assert review.sla.summary.text() != shown and review.reviews is older


@pytest.mark.parametrize("fmt", ["html", "csv", "json", "pdf"])
def test_export_the_view_on_screen(
    qtbot: QtBot, worked: Desk, clock: FakeClock, settings: Settings, tmp_path: object, fmt: str
) -> None:
    from pathlib import Path

    with shown_window(qtbot, worked, clock, settings) as win:
        review = _open(qtbot, win, "3")
        assert review.export.isEnabled() and review.export.accessibleName()
        out = Path(str(tmp_path)) / f"handovers.{fmt}"
        assert review.export_to(out) == f"Written to {out}"
        assert out.stat().st_size > 0
        if fmt == "csv":
            assert "alice" in out.read_text("utf-8-sig")
        assert review.export_to(out.with_suffix(".xlsx")).startswith("Not written: handovers.xlsx")


def test_a_newer_count_stops_the_older_one(qtbot: QtBot, seeded: Desk) -> None:
    import threading

    from ui.review.runner import ReviewRunner

    runner = ReviewRunner(seeded)
    started, go_on = threading.Event(), threading.Event()
    finished: list[int] = []
    runner.done.connect(lambda number, result: finished.append(number))

    def slow(desk: Desk, progress: object) -> str:
        started.set()
        go_on.wait(5)
        progress(1000)  # type: ignore[operator]  # a newer request exists by now: this one stops here
        return "old"

    first = runner.start(slow)
    assert started.wait(5)
    with qtbot.waitSignal(runner.done, timeout=5_000):
        second = runner.start(lambda desk, progress: "new")
    go_on.set()
    runner.wait(5)
    qtbot.waitUntil(lambda: second in finished)
    assert first not in finished
