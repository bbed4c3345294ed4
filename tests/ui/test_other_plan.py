"""The window with only another vendor's plan installed (the made-up Acme plan: SILVER/GOLD, P1/P2, Berlin).

Filters, the new-case dialog, the colours, the customer panel and the handover's briefing rule all come
from the plan file; nothing of the shipped plan shows.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock
from desk.handover import Handover
from desk.interchange import Batch, Row, import_batch
from desk.palette import rank_colour
from desk.services import Desk
from desk.store.engine import Store
from tests.ui.keyboard import type_text
from tests.ui.windows import settled, shown_window
from ui.countdown import CLOCK_ROLE, SEVERITY_ROLE
from ui.handover import HandoverDialog
from ui.main_window import MainWindow
from ui.queue_model import SEVERITY
from ui.settings import Settings

ACME = Path(__file__).parent.parent / "core" / "data" / "acme-business-hours.toml"
NOW = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)  # Thursday, 10:00 in Berlin: business hours


@pytest.fixture
def acme_desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, store: Store) -> Desk:
    catalog_dir = tmp_path / "resources" / "catalog"
    catalog_dir.mkdir(parents=True)
    shutil.copy(ACME, catalog_dir)
    monkeypatch.setenv("DESK_RESOURCES", str(catalog_dir.parent))  # the only plan installed
    clock = FakeClock(NOW)
    desk = Desk(store, CatalogRegistry.load_dir(catalog_dir), clock, actor="tester")
    batch = Batch()
    for tier in ("SILVER", "GOLD"):
        batch.rows["customers"].append(Row(tier, {"id": f"C-{tier}", "name": f"{tier.title()} GmbH"}))
        contract = {"id": f"K-{tier}", "customer_id": f"C-{tier}", "tier": tier, "start": "2026-01-01"}
        batch.rows["contracts"].append(Row(tier, {**contract, "end": "2026-12-31"}))
    import_batch(desk, batch)
    return desk


@pytest.fixture
def acme_window(qtbot: QtBot, acme_desk: Desk, settings: Settings) -> Iterator[MainWindow]:
    assert isinstance(acme_desk.clock, FakeClock)
    with shown_window(qtbot, acme_desk, acme_desk.clock, settings) as win:
        yield win


def _items(combo: QComboBox) -> list[str]:
    return [combo.itemData(i) for i in range(combo.count())]


def test_queue_filters_list_the_plans_severities_and_tiers(acme_window: MainWindow) -> None:
    queue = acme_window.queue
    assert _items(queue.severity) == ["", "P1", "P2"]
    assert _items(queue.tier) == ["", "SILVER", "GOLD"]


def test_new_case_offers_the_plans_codes_and_is_coloured_by_rank(qtbot: QtBot, acme_window: MainWindow) -> None:
    dialog = acme_window.new_case()
    assert _items(dialog.severity) == ["P1", "P2"] and dialog.severity.currentData() == "P2"
    assert _items(dialog.channel) == ["ticket", "hotline"] and dialog.channel.currentData() == "ticket"
    qtbot.keyClicks(dialog.customer, "C-SILVER")
    dialog.channel.setCurrentIndex(dialog.channel.findData("hotline"))
    assert "not entitled to this channel" in dialog.warnings.text()  # SILVER has no hotline in this plan
    dialog.channel.setCurrentIndex(dialog.channel.findData("ticket"))
    dialog.customer.clear()
    qtbot.keyClicks(dialog.customer, "C-GOLD")
    dialog.severity.setCurrentIndex(dialog.severity.findData("P1"))
    type_text(qtbot, dialog.title, "Datenbank steht")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted

    settled(qtbot, acme_window)
    model = acme_window.model
    assert model.rowCount() == 1
    index = model.index(0, SEVERITY)
    assert index.data(CLOCK_ROLE).deadline == NOW + timedelta(minutes=60)  # GOLD/P1: 60 business minutes
    assert index.data(SEVERITY_ROLE) == 1
    assert index.data(Qt.ItemDataRole.DecorationRole) == QColor(rank_colour(1))  # P1 wears the loudest hue

    queue = acme_window.queue
    queue.severity.setCurrentIndex(queue.severity.findData("P2"))
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    queue.severity.setCurrentIndex(queue.severity.findData("P1"))
    queue.tier.setCurrentIndex(queue.tier.findData("GOLD"))
    qtbot.waitUntil(lambda: model.rowCount() == 1)


def test_customer_panel_shows_the_plans_entitlements_and_quota(acme_window: MainWindow, acme_desk: Desk) -> None:
    panel = acme_window.customer
    panel.show_customer("C-GOLD")
    catalog = acme_desk.catalogs.latest
    assert panel.info["tier"].text() == "GOLD 金牌 / Gold"
    names = [panel.matrix.item(row, 0).text() for row in range(panel.matrix.rowCount())]
    assert names == [f"{e.name.zh}\n{e.name.en}" for e in catalog.entitlements]
    assert panel.matrix.item(names.index("现场研讨\nOn-site workshops"), 2).text() == "2 per contract year"
    trackers = [panel.trackers.itemAt(i).widget() for i in range(panel.trackers.count())]
    kinds = [t.status.kind for t in trackers if t is not None and getattr(t, "status", None)]
    assert kinds == ["workshop"]
    dialog = panel.open_booking()
    assert dialog is not None and _items(dialog.kind) == ["workshop"]
    dialog.reject()

    panel.show_customer("C-SILVER")
    assert "On-site workshop" in panel.not_included.text()


def test_handover_asks_a_briefing_for_the_plans_most_severe_severity(qtbot: QtBot, acme_desk: Desk) -> None:
    for customer, severity, ref in (("C-GOLD", "P1", "A1"), ("C-SILVER", "P2", "A2")):
        acme_desk.open_case(customer, f"{severity} case", severity, "", ref=ref, assignee="alice")
    handover = Handover(acme_desk)
    shift = handover.start_shift("alice", starts_at=NOW - timedelta(hours=1), ends_at=NOW + timedelta(hours=7))
    dialog = HandoverDialog(handover, "alice", shift_id=shift.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.ready)  # the shift is read off the GUI thread
    lines = dialog.check_readiness()
    assert lines == ["A1 (P1): the most severe, not verbally briefed"]
