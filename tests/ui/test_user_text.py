"""User text stays text in the window: titles, names and notes with markup, links or a right-to-left
override show literally and never reorder the desk's own words around them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.interchange import Batch, Row, import_batch
from desk.services import Desk
from tests.ui.windows import shown_window
from ui.alerts import tray_text
from ui.handover import HandoverDialog
from ui.main_window import MainWindow
from ui.settings import Settings

HOSTILE = (
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>vanishing title",
    '<a href="https://evil.example">click me</a>',
    "<b>bold</b> &amp; <i>italic</i>",
)
RLO = "\u202eevil title"


def shown_as(text: str) -> str:
    """What Qt draws for a tooltip or message text: rich text when it looks like markup."""
    if QtGui.Qt.mightBeRichText(text):
        doc = QTextDocument()
        doc.setHtml(text)
        return doc.toPlainText()
    return text


def all_widgets() -> Iterator[QWidget]:
    for top in QApplication.topLevelWidgets():
        if top.isVisible():
            yield top
            yield from top.findChildren(QWidget)


@pytest.fixture
def hostile(seeded: Desk) -> Desk:
    batch = Batch()
    batch.rows["customers"].append(
        Row("hostile", {"id": "cust-evil", "name": HOSTILE[0], "technical_contact": HOSTILE[2]})
    )
    batch.rows["contracts"].append(
        Row(
            "hostile",
            {"id": "k-evil", "customer_id": "cust-evil", "tier": "L4", "start": "2026-01-01", "end": "2026-12-31"},
        )
    )
    import_batch(seeded, batch)
    for title in (*HOSTILE, RLO):
        seeded.open_case("cust-evil", title, "S2", "ticket")
    return seeded


@pytest.fixture
def evil_window(qtbot: QtBot, hostile: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    with shown_window(qtbot, hostile, clock, settings) as win:
        yield win


def _select(window: MainWindow, title: str) -> None:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.entry(r).title == title)
    window.queue.view.selectRow(row)


@pytest.mark.parametrize("title", HOSTILE)
def test_case_heading_shows_a_markup_title_literally(qtbot: QtBot, evil_window: MainWindow, title: str) -> None:
    _select(evil_window, title)
    heading = evil_window.detail.heading
    qtbot.waitUntil(lambda: title in heading.text())
    assert heading.textFormat() == Qt.TextFormat.PlainText


def test_every_label_in_the_window_and_its_dialogs_is_plain_text(qtbot: QtBot, evil_window: MainWindow) -> None:
    _select(evil_window, HOSTILE[0])
    evil_window.tabs.setCurrentWidget(evil_window.customer)
    evil_window.customer.show_customer("cust-evil")
    dialogs: list[QWidget] = [evil_window.new_case(), evil_window.open_settings(), evil_window.open_ended_cases()]
    booking = evil_window.customer.open_booking()
    assert booking is not None
    dialogs.append(booking)
    for action in evil_window._menus["handover"].actions():  # the shift handover and the review
        action.trigger()
    for shown in QApplication.topLevelWidgets():
        if isinstance(shown, HandoverDialog):
            qtbot.waitUntil(shown.ready)  # the labels of the shift as read (off the GUI thread), not "Reading…"
    dialogs.extend(w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in (evil_window, *dialogs))
    assert len(dialogs) >= 6
    try:
        rich = [
            (type(w.parent()).__name__, w.objectName(), w.text())
            for w in all_widgets()
            if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.PlainText
        ]
        assert rich == []
    finally:
        for dialog in dialogs:
            dialog.close()


def test_tooltips_in_every_view_show_user_text_literally(qtbot: QtBot, evil_window: MainWindow) -> None:
    _select(evil_window, HOSTILE[0])
    seen = 0
    for view in (w for w in all_widgets() if isinstance(w, QAbstractItemView)):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(QModelIndex()), 200)):
            for column in range(model.columnCount(QModelIndex())):
                index = model.index(row, column)
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(tip, str) and isinstance(shown, str) and shown in HOSTILE:
                    seen += 1
                    assert shown in shown_as(tip)
    assert seen >= len(HOSTILE)


def test_an_alert_shows_a_markup_customer_literally(
    qtbot: QtBot, evil_window: MainWindow, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock.advance(timedelta(minutes=35))  # the S2 cases (40 min) turn at risk
    evil_window.ticker.fire()
    banner = evil_window.banner
    qtbot.waitUntil(lambda: banner.active)
    assert banner.message.textFormat() == Qt.TextFormat.PlainText
    recent = [action.text() for action in banner.recent.menu().actions()]
    assert sum(HOSTILE[0] in text for text in recent) == 5  # one per case, the name as typed
    # A Linux desktop's notification server reads markup: there the tray message is escaped.
    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    assert tray_text(f"{HOSTILE[0]} is now at risk") == "&lt;img src=x onerror=alert(1)&gt; is now at risk"


def test_rtl_override_in_a_title_keeps_the_desks_words_in_order(qtbot: QtBot, evil_window: MainWindow) -> None:
    _select(evil_window, RLO)
    heading = evil_window.detail.heading
    qtbot.waitUntil(lambda: RLO in heading.text())
    # The title sits inside a first-strong isolate: nothing after it on the line changes direction.
    assert "\u2068" + RLO + "\u2069" in heading.text()


def test_start_up_messages_show_their_text_as_typed(qapp: QApplication) -> None:
    from PySide6.QtWidgets import QMessageBox

    from ui.plain import message_box

    box = message_box(QMessageBox.Icon.Critical, "The desk cannot start", "catalog <b>plan.toml</b>: bad")
    assert box.textFormat() == Qt.TextFormat.PlainText and "<b>" in box.text()
