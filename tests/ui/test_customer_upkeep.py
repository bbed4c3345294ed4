"""Keeping customers from the window: the first customer on an empty database then its first case, a renewal,
a refused overlapping period, a tier change with cases open, all through the real forms."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.contracts import contracts_of, history
from desk.services import Desk
from desk.store.models import Case
from tests.ui.keyboard import type_text
from tests.ui.windows import shown_window
from ui.customer_forms import ContractAction, ContractDialog, CustomerDialog
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def empty_window(qtbot: QtBot, desk: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, desk, clock, settings) as win:
        yield win


def save(qtbot: QtBot, dialog: CustomerDialog | ContractDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_an_empty_database_gets_its_first_customer_contract_and_case(
    qtbot: QtBot, empty_window: MainWindow, desk: Desk
) -> None:
    page = empty_window.welcome
    assert page is not None and empty_window.showing_welcome()
    assert page.customer_button.isVisible() and page.customer_button.accessibleName()
    qtbot.mouseClick(page.customer_button, Qt.MouseButton.LeftButton)
    form = page.customer_dialog
    assert form is not None and form.isVisible()
    save(qtbot, form)  # nothing typed: refused in the form, which stays open
    assert form.isVisible() and "missing" in form.problems.text()
    type_text(qtbot, form.ref, "acme")
    type_text(qtbot, form.name, "星河科技有限公司")
    type_text(qtbot, form.technical, "ops@acme.example")
    tier = form.tier.currentData()
    save(qtbot, form)
    assert not form.isVisible()
    assert not empty_window.showing_welcome()  # data now: the queue, and the first case offered
    (contract,) = contracts_of(desk, "acme")
    assert contract.tier == tier and contract.start == date(2026, 11, 26) and contract.end == date(2027, 11, 25)
    case_form = empty_window.new_case_dialog
    assert case_form is not None and case_form.isVisible() and case_form.customer.text() == "acme"
    type_text(qtbot, case_form.title, "数据库连接失败")
    case_form.accept()
    qtbot.waitUntil(lambda: empty_window.model.rowCount() == 1)
    assert [e.actor for e in history(desk, "acme")] == ["tester", "tester"]
    assert "contract added" in empty_window.customer.upkeep.history.toPlainText()


@pytest.fixture
def on_customer(window: MainWindow) -> MainWindow:
    window.customer.show_customer("cust-L2")
    window.tabs.setCurrentWidget(window.customer)
    return window


def test_a_renewal_starts_the_day_after_the_current_end(qtbot: QtBot, on_customer: MainWindow, seeded: Desk) -> None:
    upkeep = on_customer.customer.upkeep
    qtbot.mouseClick(upkeep.renew, Qt.MouseButton.LeftButton)
    dialog = upkeep.dialog
    assert isinstance(dialog, ContractDialog)
    assert dialog.start.date() == QDate(2027, 1, 1) and not dialog.start.isEnabled()
    assert dialog.end.date() == QDate(2027, 12, 31) and dialog.tier.currentData() == "L2"
    save(qtbot, dialog)
    assert not dialog.isVisible()
    periods = [(c.start, c.end, c.tier) for c in contracts_of(seeded, "cust-L2")]
    assert periods[-1] == (date(2027, 1, 1), date(2027, 12, 31), "L2")
    assert "contract added" in upkeep.history.toPlainText()


def test_an_overlapping_period_is_refused_and_nothing_is_written(
    qtbot: QtBot, on_customer: MainWindow, seeded: Desk
) -> None:
    upkeep = on_customer.customer.upkeep
    dialog = upkeep.contract_form(ContractAction.ADD)
    assert dialog is not None
    dialog.start.setDate(QDate(2026, 12, 1))
    dialog.end.setDate(QDate(2027, 11, 30))
    save(qtbot, dialog)
    assert dialog.isVisible()
    said = dialog.problems.text()
    assert "overlaps contract \u2068k-L2\u2069" in said and "never overlap" in said, said
    assert len(contracts_of(seeded, "cust-L2")) == 1


def test_a_tier_change_keeps_open_cases_on_their_rules(
    qtbot: QtBot, window: MainWindow, seeded: Desk, clock: FakeClock
) -> None:
    severity = next(iter(seeded.catalogs.latest.severities))
    (before,) = seeded.open_case("cust-L1", "opened under L1", severity, "").cases
    window.customer.show_customer("cust-L1")
    upkeep = window.customer.upkeep
    qtbot.mouseClick(upkeep.change, Qt.MouseButton.LeftButton)
    dialog = upkeep.dialog
    assert isinstance(dialog, ContractDialog) and not dialog.end.isEnabled()
    assert dialog.start.date() == QDate(2026, 11, 26)
    dialog.start.setDate(QDate(2026, 11, 27))
    dialog.tier.setCurrentIndex(dialog.tier.findData("L4"))
    save(qtbot, dialog)
    assert not dialog.isVisible(), dialog.problems.text()
    clock.advance(timedelta(days=1))
    (after,) = seeded.open_case("cust-L1", "opened under L4", severity, "").cases
    with seeded.store.read() as session:
        old, new = session.get(Case, before), session.get(Case, after)
        assert old is not None and old.contract is not None and old.contract.tier == "L1"
        assert old.contract.end == date(2026, 11, 26)
        assert new is not None and new.contract is not None and new.contract.tier == "L4"
    assert "contract changed" in upkeep.history.toPlainText()


def test_refusals_are_said_in_the_agents_language(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings
) -> None:
    with shown_window(qtbot, seeded, clock, settings, language="zh_CN") as win:
        win.customer.show_customer("cust-L2")
        dialog = win.customer.upkeep.contract_form(ContractAction.ADD)
        assert dialog is not None and dialog.windowTitle() == "为 cust-L2 新增合同期"
        dialog.start.setDate(QDate(2026, 6, 1))
        save(qtbot, dialog)
        said = dialog.problems.text()
        assert "未保存" in said and "开始日期" in said and "同一客户的合同期不能重叠" in said, said
        form = win.new_customer()
        type_text(qtbot, form.ref, "cust-L1")
        type_text(qtbot, form.name, "重复")
        save(qtbot, form)
        assert "编号为 \u2068cust-L1\u2069 的客户已存在" in form.problems.text()


def test_editing_a_customer_changes_its_details_and_is_recorded(
    qtbot: QtBot, on_customer: MainWindow, seeded: Desk
) -> None:
    upkeep = on_customer.customer.upkeep
    qtbot.mouseClick(upkeep.edit, Qt.MouseButton.LeftButton)
    dialog = upkeep.dialog
    assert isinstance(dialog, CustomerDialog) and dialog.ref.isReadOnly() and dialog.ref.text() == "cust-L2"
    dialog.ops_contact.clear()
    type_text(qtbot, dialog.ops_contact, "<b>值班</b> oncall@example.org")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert on_customer.customer.info["ops"].text() == "<b>值班</b> oncall@example.org"  # shown as typed
    last = history(seeded, "cust-L2")[-1]
    assert (last.kind, last.actor, last.detail) == ("customer_changed", "tester", "ops_contact")
