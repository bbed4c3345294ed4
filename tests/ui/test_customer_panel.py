"""The customer panel as an agent uses it: what the tier includes, used-up quota, cancelling, what is left."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QStyle,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk.interchange import Batch, Row, import_batch
from desk.services import Desk
from tests.ui.keyboard import type_text
from ui.customer_panel import CustomerPanel
from ui.operations import Operations
from ui.text import isolate

MARKUP = "<b>Acme</b> <img src='x'> <a href='https://evil.example'>pay here</a>"


def make_panel(qtbot: QtBot, desk: Desk) -> CustomerPanel:
    panel = CustomerPanel(Operations(desk), "en")
    qtbot.addWidget(panel)
    panel.resize(900, 900)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def trackers(panel: CustomerPanel) -> dict[str, QWidget]:
    return {t.status.kind + (f"/{t.status.course}" if t.status.course else ""): t for t in panel.tracker_widgets()}


def test_quota_the_tier_does_not_include_is_named_not_counted(qtbot: QtBot, seeded: Desk) -> None:
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L2")  # L2 includes none of the quotas
    assert trackers(panel) == {}
    assert panel.not_included.isVisible()
    text = panel.not_included.text()
    assert text.startswith("Not included in Business (L2): ")
    for quota in panel.data.catalog.quotas.values() if panel.data else ():
        assert quota.name.en in text
    assert "0 of 0" not in text
    panel.show_customer("cust-L3")  # L3: escort and training, no consultation
    assert set(trackers(panel)) == {"escort", "training"}
    assert panel.not_included.text() == "Not included in Enterprise Standard (L3): Cloud architecture consultation"
    seeded.book_quota("k-L2", "escort", date(2026, 12, 1), date(2026, 12, 1), override_reason="goodwill")
    panel.show_customer("cust-L2")  # booked anyway: shown with its booking, still as not included
    escort = trackers(panel)["escort"]
    assert escort.level == "not_included"
    assert escort.state.text() == "Not included in Business (L2); 1 booked with an override"
    assert "Cloud escort" not in panel.not_included.text()


def test_used_up_looks_different_from_partly_used(qtbot: QtBot, seeded: Desk) -> None:
    seeded.book_quota("k-L4", "escort", date(2026, 11, 30), date(2026, 11, 30))
    seeded.book_quota("k-L4", "consultation", date(2026, 12, 1), date(2026, 12, 1))
    seeded.book_quota("k-L4", "consultation", date(2026, 12, 3), date(2026, 12, 3))
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L4")
    found = trackers(panel)
    partly, used_up = found["escort"], found["consultation"]
    assert partly.state.text() == "2 of 3 left"
    assert used_up.state.text() == "Used up: all 2 used, none left"
    assert (partly.level, used_up.level) == ("left", "used_up")
    assert partly.icon.pixmap().toImage() != used_up.icon.pixmap().toImage()  # an icon, not colour alone
    seeded.book_quota("k-L4", "consultation", date(2026, 12, 8), date(2026, 12, 8), override_reason="CEO visit")
    panel.show_customer("cust-L4")
    over = trackers(panel)["consultation"]
    assert over.state.text().startswith("Over the quota: 3 of 2 used")


def test_booking_cancelled_in_the_window_with_a_reason(qtbot: QtBot, seeded: Desk) -> None:
    seeded.book_quota("k-L3", "escort", date(2026, 12, 1), date(2026, 12, 1), ref="Q-ESC-1")
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L3")
    escort = trackers(panel)["escort"]
    assert escort.level == "used_up"
    assert [escort.table.item(0, c).text() for c in (0, 1, 3)] == ["Q-ESC-1", "2026-12-01", "booked"]
    assert not escort.cancel.isEnabled()
    escort.table.selectRow(0)
    assert escort.cancel.isEnabled()
    qtbot.mouseClick(escort.cancel, Qt.MouseButton.LeftButton)
    dialog = panel.cancel_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Q-ESC-1" in dialog.summary.text() and "2026-12-01" in dialog.summary.text()
    assert not dialog.confirm.isEnabled()  # no reason, no cancelling
    qtbot.mouseClick(dialog.keep, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert not trackers(panel)["escort"].status.bookings[0].cancelled  # kept: nothing changed
    qtbot.mouseClick(escort.cancel, Qt.MouseButton.LeftButton)
    dialog = panel.cancel_dialog
    assert dialog is not None
    type_text(qtbot, dialog.reason, "客户推迟 to January")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.confirm, Qt.MouseButton.LeftButton)
    escort = trackers(panel)["escort"]
    assert escort.level == "left" and escort.state.text() == "1 of 1 left"
    assert escort.table.item(0, 3).text() == "cancelled"
    assert panel.notice.isVisible() and "Q-ESC-1" in panel.notice.text()
    status = next(s for s in seeded.quotas("cust-L3").statuses if s.kind == "escort")
    assert [(b.id, b.cancelled) for b in status.bookings] == [("Q-ESC-1", True)]


def test_booking_dialog_shows_what_is_left_before_booking(qtbot: QtBot, seeded: Desk) -> None:
    seeded.book_quota("k-L4", "training", date(2026, 5, 1), date(2026, 5, 1), persons=4, course="ACP Cloud")
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L4")
    dialog = panel.open_booking()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("escort"))
    assert dialog.left.text() == "3 of 3 left in the contract year 2026-01-01 – 2026-12-31."
    dialog.kind.setCurrentIndex(dialog.kind.findData("training"))
    assert "type the course" in dialog.left.text()
    qtbot.keyClicks(dialog.course, "ACP Cloud")
    assert dialog.left.text() == "ACP Cloud: 2 of 6 left in the contract year 2026-01-01 – 2026-12-31."
    dialog.reject()
    panel.show_customer("cust-L2")
    dialog = panel.open_booking()
    assert dialog is not None
    dialog.kind.setCurrentIndex(dialog.kind.findData("escort"))
    assert dialog.left.text() == "Not included in Business (L2): booking needs an override reason."


def test_user_text_stays_plain_and_controls_have_names(qtbot: QtBot, seeded: Desk) -> None:
    batch = Batch()
    batch.rows["customers"].append(
        Row("t", {"id": "cust-L4", "name": MARKUP, "technical_contact": "<i>王伟</i>", "business_goals": MARKUP})
    )
    import_batch(seeded, batch)
    seeded.book_quota("k-L4", "escort", date(2026, 12, 1), date(2026, 12, 1), note="<b>bring badge</b>", ref="Q-1")
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L4")
    assert panel.heading.text() == f"{isolate(MARKUP)} (cust-L4)"
    assert panel.info["goals"].text() == MARKUP
    for label in panel.findChildren(QLabel):
        if "<" in label.text():
            assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    escort = trackers(panel)["escort"]
    assert escort.table.item(0, 4).text() == "<b>bring badge</b>"
    escort.table.selectRow(0)
    qtbot.mouseClick(escort.cancel, Qt.MouseButton.LeftButton)
    booking = panel.open_booking()
    assert booking is not None and panel.cancel_dialog is not None
    for root in (panel, panel.cancel_dialog, booking):
        for control in controls(root):
            named = control.accessibleName() or (isinstance(control, QAbstractButton) and control.text())
            assert named, f"{type(control).__name__} in {type(root).__name__}"


CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def controls(root: QWidget) -> list[QWidget]:
    """The controls an agent reaches in ``root``, not the parts Qt builds inside them (a spin box's editor)."""
    found = []
    for control in root.findChildren(QWidget):
        if not isinstance(control, CONTROLS) or not control.isVisibleTo(root):
            continue
        parent = control.parentWidget()
        while parent is not None and parent is not root and not isinstance(parent, CONTROLS):
            parent = parent.parentWidget()
        if parent is root:
            found.append(control)
    return found


def test_matrix_rows_fit_both_languages_of_each_name(qtbot: QtBot, seeded: Desk) -> None:
    panel = make_panel(qtbot, seeded)
    panel.show_customer("cust-L4")
    assert short_rows(panel) == []
    for width in (1200, 740):  # wider, then narrower again: rows follow the columns both ways
        panel.resize(width, 900)
        qtbot.waitUntil(lambda: not short_rows(panel))


def short_rows(panel: CustomerPanel) -> list[str]:
    """Entitlements whose row is lower than their name's lines (a Chinese line, in a fallback font, is taller)."""
    matrix = panel.matrix
    margins = 2 * (matrix.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameVMargin) + 1)
    short = []
    for row in range(matrix.rowCount()):
        needed = 0.0
        for line in matrix.item(row, 0).text().split("\n"):
            layout = QTextLayout(line, matrix.font())
            layout.beginLayout()
            while (text_line := layout.createLine()).isValid():
                text_line.setLineWidth(matrix.columnWidth(0) - 4)
                needed += text_line.height()
            layout.endLayout()
        if matrix.rowHeight(row) < needed + margins:
            short.append(matrix.item(row, 0).text())
    return short
