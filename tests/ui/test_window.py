"""The agent's window end to end, driving the real widgets with pytest-qt; the injected clock moves, nothing sleeps."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.queue import load_open_queue
from desk.services import Desk
from tests.ui.case_helpers import confirm
from tests.ui.keyboard import type_text
from tests.ui.windows import settled
from ui.countdown import CLOCK_ROLE, SEVERITY_ROLE, look
from ui.main_window import MainWindow
from ui.queue_model import COUNTDOWN, STATE_ROLE
from ui.settings import Settings
from ui.text import isolate, local_time


def _open_in_dialog(qtbot: QtBot, window: MainWindow, customer: str, title: str, severity: str) -> None:
    dialog = window.new_case()
    qtbot.keyClicks(dialog.customer, customer)
    type_text(qtbot, dialog.title, title)
    dialog.severity.setCurrentIndex(dialog.severity.findData(severity))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.opened is not None
    settled(qtbot, window)  # its row is read off the GUI thread, then selected


def test_new_case_shows_in_queue_with_its_deadline(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    dialog = window.new_case()
    qtbot.keyClicks(dialog.customer, "cust-L2")
    dialog.severity.setCurrentIndex(dialog.severity.findData("S1"))
    dialog.channel.setCurrentIndex(dialog.channel.findData("im_group"))
    # Before saving: the computed deadline and the warnings the plan implies (docs/domain.md).
    assert local_time(clock.now() + timedelta(minutes=40)) in dialog.deadline.text()
    assert "no such severity" in dialog.warnings.text()
    assert "not entitled to this channel" in dialog.warnings.text()
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # no title yet
    type_text(qtbot, dialog.title, "支付网关超时")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    settled(qtbot, window)
    model = window.model
    assert model.rowCount() == 1
    index = model.index(0, COUNTDOWN)
    clock_info = index.data(CLOCK_ROLE)
    assert clock_info.deadline == clock.now() + timedelta(minutes=40)
    assert look(clock_info, 1, clock).text == "40 min"
    assert window.queue.selected_case() == dialog.opened
    assert window.detail.heading.text().endswith(isolate("支付网关超时"))


def test_l1_case_reads_no_target_and_warns(qtbot: QtBot, window: MainWindow) -> None:
    dialog = window.new_case()
    qtbot.keyClicks(dialog.customer, "cust-L1")
    dialog.third_party.setChecked(True)
    assert "no target" in dialog.deadline.text()
    assert "commits to no response time" in dialog.warnings.text()
    assert "Third-party software is out of scope" in dialog.warnings.text()


def test_clock_advances_state_and_colour(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "core down", "S1")  # 12 minutes
    index = window.model.index(0, COUNTDOWN)
    before = look(index.data(CLOCK_ROLE), index.data(SEVERITY_ROLE), clock)
    assert (before.state, before.text) == ("on_track", "12 min")
    clock.advance(timedelta(minutes=10))
    window.ticker.fire()
    risky = look(index.data(CLOCK_ROLE), 1, clock)
    assert (risky.state, risky.text) == ("at_risk", "2 min")
    assert risky.bar.alpha() > before.bar.alpha()
    assert index.data(STATE_ROLE) == "at_risk"
    assert window.banner.active and "at risk" in window.banner.message.full_text()
    clock.advance(timedelta(minutes=2, seconds=5))
    window.ticker.fire()
    late = look(index.data(CLOCK_ROLE), 1, clock)
    assert (late.state, late.text) == ("breached", "5 s overdue")
    assert late.bar.alpha() == 255 and late.fraction == 1.0
    assert "breached" in window.banner.message.full_text()
    # Painted too: the countdown cell's pixels change with the state.
    image = window.queue.view.viewport().grab().toImage()
    rect = window.queue.view.visualRect(index)
    assert image.pixelColor(rect.right() - 8, rect.center().y()).isValid()


def test_alert_once_per_transition_and_mute(qtbot: QtBot, window: MainWindow, clock: FakeClock) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "core down", "S1")
    messages: list[str] = []
    window.alerts.alerted.connect(messages.append)
    clock.advance(timedelta(minutes=10))
    window.ticker.fire()
    window.ticker.fire()
    assert len(messages) == 1
    qtbot.mouseClick(window.banner.mute, Qt.MouseButton.LeftButton)
    assert not window.banner.active
    clock.advance(timedelta(minutes=5))
    window.ticker.fire()
    assert len(messages) == 1  # muted: the breach says nothing


def test_filters_and_search_narrow_the_queue(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    seeded.open_case("cust-L2", "数据库连接失败", "S2", "ticket", assignee="tester")
    seeded.open_case("cust-L3", "OSS latency", "S3", "ticket", assignee="bob")
    seeded.open_case("cust-L4", "CDN console error", "S4", "phone")
    window.model.set_entries(load_open_queue(seeded))
    queue = window.queue
    assert window.model.rowCount() == 3
    type_text(qtbot, queue.search, "数据库")
    assert window.model.rowCount() == 1
    queue.search.clear()
    qtbot.keyClicks(queue.search, "cust-L")
    assert window.model.rowCount() == 3
    queue.search.clear()
    qtbot.mouseClick(queue.mine, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == 1
    queue.mine.setChecked(False)
    queue.tier.setCurrentIndex(queue.tier.findData("L4"))
    assert window.model.rowCount() == 1
    queue.tier.setCurrentIndex(0)
    queue.severity.setCurrentIndex(queue.severity.findData("S3"))
    assert [window.model.entry(r).title for r in range(window.model.rowCount())] == ["OSS latency"]
    queue.severity.setCurrentIndex(0)
    queue.state.setCurrentIndex(queue.state.findData("breached"))
    assert window.model.rowCount() == 0
    assert queue.count.text().replace("(s)", "s") == "0 of 3 open cases"


def test_case_actions_go_to_the_timeline(qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "slow disks", "S3")
    detail, acts = window.detail, window.detail.case_actions
    clock.advance(timedelta(minutes=5))
    acts.regrade_to.setCurrentIndex(acts.regrade_to.findData("S2"))
    qtbot.keyClicks(acts.regrade_reason, "customer reports payment failures")
    qtbot.mouseClick(acts.regrade, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts)
    assert detail.timeline.topLevelItem(0).text(2) == "re-graded"
    assert detail.timeline.topLevelItem(0).text(4) == "customer reports payment failures"
    # The queue row follows: S2's 40 minutes from the re-grade is earlier than S3's 3 hours.
    entry = window.model.entry(0)
    assert entry.severity == "S2" and entry.clock is not None
    assert entry.clock.deadline == clock.now() + timedelta(minutes=40)
    failures: list[str] = []
    window.ops.failed.connect(failures.append)
    qtbot.keyClicks(acts.note, "called the customer")
    qtbot.mouseClick(acts.respond, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts)
    assert failures == []
    assert detail.timeline.topLevelItem(0).text(2) == "status"
    assert detail.timeline.topLevelItem(1).text(2) == "response"
    assert detail.clocks.item(0, 1).text() == "met"
    qtbot.mouseClick(acts.waiting, Qt.MouseButton.LeftButton)
    settled(qtbot, window)
    assert detail.fields["status"].text() == "waiting on customer"
    assert window.model.entry(0).clock is not None and window.model.entry(0).clock.state == "paused"
    qtbot.mouseClick(acts.close_case, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts, "disks replaced")
    assert window.model.rowCount() == 0


def test_regrade_without_reason_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "slow disks", "S3")
    failures: list[str] = []
    window.ops.failed.connect(failures.append)
    acts = window.detail.case_actions
    acts.regrade_to.setCurrentIndex(acts.regrade_to.findData("S2"))
    qtbot.mouseClick(acts.regrade, Qt.MouseButton.LeftButton)
    assert failures and "reason" in failures[0]
    assert acts.dialog is None


# The plan's entitlement matrix (docs/domain.md), as the panel must show it (English column).
MATRIX = {
    "L1": {"enterprise_phone_line": "no", "im_group_support": "no", "third_party_software": "no",
           "case_handler": "Technical support", "escort_service": "no"},
    "L2": {"enterprise_phone_line": "no", "im_group_support": "no", "service_manager": "no",
           "third_party_software": "Configuration guidance and troubleshooting",
           "case_handler": "After-sales engineer"},
    "L3": {"enterprise_phone_line": "no", "im_group_support": "7x24; ticket response times apply",
           "technical_manager": "no", "case_handler": "Technical expert",
           "escort_service": "1 per contract year (valid within the year, each at most 1 working day)"},
    "L4": {"enterprise_phone_line": "yes", "case_handler": "Senior technical expert",
           "architecture_consultation": "2 per contract year (valid within the year), each at most 2 working days",
           "acp_training": "6 persons per course per contract year"},
}  # fmt: skip


@pytest.mark.parametrize("tier", ["L1", "L2", "L3", "L4"])
def test_customer_panel_matrix_per_tier(window: MainWindow, seeded: Desk, tier: str) -> None:
    panel = window.customer
    panel.show_customer(f"cust-{tier}")
    assert panel.data is not None and panel.data.contract is not None
    catalog = panel.data.catalog
    assert panel.info["tier"].text().startswith(tier)
    table = panel.matrix
    assert table.rowCount() == len(catalog.entitlements)
    keys = [e.key for e in catalog.entitlements]
    for key, expected in MATRIX[tier].items():
        row = keys.index(key)
        assert table.item(row, 2).text() == expected, key
        name = catalog.entitlement(key).name
        assert table.item(row, 0).text() == f"{name.zh}\n{name.en}"
        value = catalog.entitlement(key).values[tier]
        zh = value.text.zh if value.text is not None else ("是" if value.available else "否")
        assert table.item(row, 1).text() == zh


def test_over_quota_booking_refused_then_overridden(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    panel = window.customer
    panel.show_customer("cust-L3")  # escort: 1 per contract year
    dialog = panel.open_booking()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("escort"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted  # the first one is within the quota
    dialog = panel.open_booking()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("escort"))
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "Over the quota" in dialog.problems.text()
    assert "override reason" in dialog.problems.text()
    type_text(qtbot, dialog.override, "双十一 second escort approved by the service manager")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    trackers = [panel.trackers.itemAt(i).widget() for i in range(panel.trackers.count())]
    escort = next(t for t in trackers if t is not None and getattr(t, "status", None) and t.status.kind == "escort")
    assert escort.status.used == 2 and escort.status.total == 1
    remarks = [escort.table.item(row, 4).text() for row in range(escort.table.rowCount())]
    assert any(r.startswith("override: 双十一") for r in remarks)


def test_settings_persist_columns_and_sort(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock, settings: Settings
) -> None:
    header = window.queue.view.horizontalHeader()
    header.moveSection(5, 1)
    window.queue.view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    window.close()
    again = MainWindow(seeded, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(again)
    restored = again.queue.view.horizontalHeader()
    assert restored.visualIndex(5) == 1
    assert restored.sortIndicatorSection() == 3


def test_stale_edit_is_refused_then_the_pane_shows_the_fresh_case(
    qtbot: QtBot, window: MainWindow, seeded: Desk
) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "slow disks", "S3")
    case_id = window.queue.selected_case()
    assert case_id is not None
    seeded.add_note(case_id, "another agent was here")  # a second desk on the same database
    failures: list[str] = []
    window.ops.failed.connect(failures.append)
    acts = window.detail.case_actions
    qtbot.mouseClick(acts.respond, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts, "on it")
    assert failures and "changed by someone else" in failures[0]
    assert window.detail.timeline.topLevelItem(0).text(3) == "another agent was here"
    qtbot.mouseClick(acts.respond, Qt.MouseButton.LeftButton)
    confirm(qtbot, acts, "on it")
    assert len(failures) == 1
    assert window.detail.clocks.item(0, 1).text() == "met"


@pytest.mark.parametrize(("language", "phrase"), [("en", "is strict"), ("zh_CN", "严格早于截止时间")])
def test_help_shows_the_interpretations_in_the_agents_language(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings, language: str, phrase: str
) -> None:
    win = MainWindow(seeded, clock, settings, language, "tester", tray=False)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: not win.loading)
    dialog = win.open_help()
    text = dialog.browser.toPlainText()
    assert phrase in text and "2018-04-24" in text
    win.stop_timers()


def test_f8_walks_the_breaching_next_order_whatever_the_sort(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    from tests.helpers.queue import open_mix

    mix = open_mix(seeded, clock)
    window.ticker.fire()  # the window's "now" moves with its ticker
    window.model.set_entries(load_open_queue(seeded))
    queue = window.queue
    header = queue.view.horizontalHeader()
    assert header.sortIndicatorSection() == -1  # the default order shows no column's indicator
    assert window.model.entry(0).case_id == mix.recent
    queue.view.sortByColumn(5, Qt.SortOrder.AscendingOrder)  # by title
    queue.view.setFocus()
    queue.view.setCurrentIndex(QModelIndex())  # focus made the first row current: start from nothing
    walked = []
    for _ in range(4):
        qtbot.keyClick(queue.view, Qt.Key.Key_F8)
        walked.append(queue.selected_case())
    assert walked == [mix.recent, mix.at_risk, mix.old, mix.old]  # on track and paused are skipped
    qtbot.keyClick(queue.view, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert queue.selected_case() == mix.at_risk
    window.act_default_order.trigger()
    assert header.sortIndicatorSection() == -1
    assert [window.model.entry(r).case_id for r in range(5)] == [*mix[1:4], mix.old, mix.paused]
    assert queue.selected_case() == mix.at_risk


def _status_texts(window: MainWindow) -> list[str]:
    from PySide6.QtWidgets import QLabel

    bar = window.statusBar()
    labels = [w.text() for w in bar.findChildren(QLabel) if w.isVisible() and w.text()]
    # Counts only: the shift's own status sits in the bar too.
    return [t for t in [bar.currentMessage(), *labels] if t and "case" in t]


def test_status_bar_and_filter_show_one_count(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    seeded.open_case("cust-L2", "mine", "S2", "ticket", assignee="tester")
    seeded.open_case("cust-L3", "bob's", "S3", "ticket", assignee="bob")
    (other,) = seeded.open_case("cust-L4", "nobody's", "S4", "phone").cases
    window.model.set_entries(load_open_queue(seeded))
    # (without the English plural file loaded, Qt writes "case(s)")
    assert [t.replace("(s)", "s") for t in _status_texts(window)] == ["3 open cases"]
    qtbot.mouseClick(window.queue.mine, Qt.MouseButton.LeftButton)
    assert [t.replace("(s)", "s") for t in _status_texts(window)] == ["1 of 3 open cases"]
    seeded.set_status(other, "resolved")  # closed on another desk: not a row this filter shows
    window._changed_elsewhere(frozenset({other}))
    settled(qtbot, window)
    assert [t.replace("(s)", "s") for t in _status_texts(window)] == ["1 of 2 open cases"]


def test_alerts_never_move_the_queue_and_stay_in_recent_alerts(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    (fast,) = seeded.open_case("cust-L3", "core down", "S1", "phone").cases  # 12 min
    (slow,) = seeded.open_case("cust-L4", "question", "S5", "ticket").cases
    window.model.set_entries(load_open_queue(seeded))
    view = window.queue.view

    def where() -> tuple[QPoint, int, int]:
        return view.mapTo(window, QPoint(0, 0)), view.width(), view.height()

    before = where()
    clock.advance(timedelta(minutes=10))
    window.ticker.fire()
    assert where() == before  # during
    assert window.banner.active and "at risk" in window.banner.message.full_text()
    assert window.banner.accessibleName() == "Alerts"
    qtbot.mouseClick(window.banner.dismiss, Qt.MouseButton.LeftButton)
    assert not window.banner.active
    assert where() == before  # after
    window.queue.select_case(slow)
    qtbot.keyClicks(window.queue.search, "question")  # the alert's case is filtered out
    menu = window.banner.recent.menu()
    assert isinstance(menu, QMenu)
    (entry,) = [a for a in menu.actions() if a.isEnabled()]
    assert window.model.row_of(fast) is None
    (fast_ref,) = [e.ref for e in load_open_queue(seeded) if e.case_id == fast]
    assert fast_ref in entry.text() and "at risk" in entry.text()
    menu.popup(window.banner.recent.mapToGlobal(QPoint(0, window.banner.recent.height())))
    qtbot.waitExposed(menu)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    assert window.queue.selected_case() == fast
    assert window.queue.search.text() == ""


def test_the_old_default_sort_gives_way_to_breaching_next(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock, settings: Settings
) -> None:
    window.queue.view.sortByColumn(COUNTDOWN, Qt.SortOrder.AscendingOrder)  # what earlier versions saved
    window.close()
    again = MainWindow(seeded, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(again)
    assert again.queue.view.horizontalHeader().sortIndicatorSection() == -1
    assert again.model.is_default_order
    again.stop_timers()


def _focused(window: MainWindow, qtbot: QtBot) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())


def test_ctrl_f_reaches_search_from_anywhere_ready_for_new_words(qtbot: QtBot, window: MainWindow) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "slow disks", "S3")
    _focused(window, qtbot)
    search = window.queue.search
    qtbot.keyClicks(search, "slow")
    boxes = (
        window.detail.case_actions.note,
        window.detail.case_actions.regrade_reason,
        window.queue.view,
        window.customer.matrix,
    )
    for box in boxes:
        window.tabs.setCurrentWidget(window.customer if box is window.customer.matrix else window.detail)
        box.setFocus()
        qtbot.waitUntil(box.hasFocus)
        qtbot.keyClick(box, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(search.hasFocus)
        assert search.selectedText() == "slow"  # typing replaces the last search
    qtbot.keyClicks(search, "disks")
    assert search.text() == "disks"


def test_escape_clears_search_then_returns_to_the_queue(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    seeded.open_case("cust-L2", "数据库连接失败", "S2", "ticket")
    seeded.open_case("cust-L3", "OSS latency", "S3", "ticket")
    window.model.set_entries(load_open_queue(seeded))
    _focused(window, qtbot)
    search = window.queue.search
    search.setFocus()
    qtbot.keyClicks(search, "OSS")
    assert window.model.rowCount() == 1
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == "" and window.model.rowCount() == 2
    assert search.hasFocus()
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    qtbot.waitUntil(window.queue.view.hasFocus)


def test_search_field_keeps_a_usable_width(window: MainWindow) -> None:
    search = window.queue.search
    wanted = search.fontMetrics().horizontalAdvance(search.placeholderText()) // 2
    assert search.minimumSizeHint().width() >= wanted or search.minimumWidth() >= wanted
    window.resize(940, 600)
    window.queue.search.setFocus()
    assert search.width() >= wanted


def test_window_fits_half_a_full_hd_screen(qtbot: QtBot, window: MainWindow, seeded: Desk) -> None:
    for tier in ("L2", "L3", "L4"):
        seeded.open_case(f"cust-{tier}", f"case on {tier} with a long title to elide", "S2", "ticket")
    window.model.set_entries(load_open_queue(seeded))
    window.detail.show_case(window.model.entry(0).case_id)
    hint, minimum = window.minimumSizeHint(), window.minimumSize()
    assert hint.width() <= 940 and hint.height() <= 600, hint
    assert minimum.width() <= 940 and minimum.height() <= 600, minimum
    window.resize(940, 600)
    qtbot.waitUntil(lambda: window.width() == 940 and window.height() == 600)
    search, view = window.queue.search, window.queue.view
    assert search.isVisible() and search.width() >= 140
    assert view.isVisible() and view.width() >= 400 and view.height() >= 300
    assert window.tabs.isVisible() and window.tabs.width() >= 250
    assert not window.queue.filters.one_row()  # the filters went under the search field
    inside = window.rect()
    for widget in (search, view, window.queue.state, window.banner.recent):
        corner = widget.mapTo(window, widget.rect().bottomRight())
        assert inside.contains(corner), widget  # nothing pushed out of the window
    window.resize(1920, 1040)
    qtbot.waitUntil(window.queue.filters.one_row)


def test_the_split_follows_the_width_until_the_agent_moves_it(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock, settings: Settings
) -> None:
    window.resize(960, 800)
    qtbot.waitUntil(lambda: window.width() == 960)
    panel = window.tabs.width()
    assert panel >= min(window.tabs.sizeHint().width(), 960 - 8 - 440) - 10  # the case panel gets what it needs
    window.resize(1900, 800)
    qtbot.waitUntil(lambda: window.width() == 1900)
    assert window.queue.width() > 1900 * 0.55
    window.splitter.moveSplitter(700, 1)  # the agent's choice: kept, and remembered
    window.close()
    again = MainWindow(seeded, clock, settings, "en", "tester", tray=False)
    qtbot.addWidget(again)
    again.resize(1900, 800)
    again.show()
    qtbot.waitExposed(again)
    assert abs(again.splitter.sizes()[0] - window.splitter.sizes()[0]) <= 2
    again.stop_timers()


def test_cases_turning_together_are_counted_as_what_just_turned_not_as_the_queue(
    qtbot: QtBot, window: MainWindow, clock: FakeClock
) -> None:
    _open_in_dialog(qtbot, window, "cust-L3", "core down", "S1")  # 12 minutes
    _open_in_dialog(qtbot, window, "cust-L3", "core down again", "S1")
    clock.advance(timedelta(minutes=10))
    window.ticker.fire()
    assert window.banner.message.full_text() == "2 cases turned just now: 0 breached, 2 at risk"
    clock.advance(timedelta(minutes=2, seconds=5))
    window.ticker.fire()
    assert window.banner.message.full_text() == "2 cases turned just now: 2 breached, 0 at risk"
