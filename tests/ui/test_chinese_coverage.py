"""Every string the zh_CN window shows is Chinese: a walk over the window and its dialogs flags any text
made only of Latin words that is not a code (S1, L4, a case reference), a name or the user's own data."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk.clock import FakeClock
from desk.services import Desk
from tests.ui.windows import settled, shown_window
from ui.main_window import MainWindow
from ui.settings import Settings

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
# What may stay Latin in a Chinese window: catalog codes, case and contract references, zone names and
# offsets, units of SI/ISO, URLs and the language's own name, the names and data the test typed.
ALLOWED = re.compile(
    r"(S\d|L\d|C\d{8}-\d{4}|cust-L\d|k-L\d|UTC[+-]?[\d:]*|[A-Z][a-z]+/[A-Za-z_/]+|SHA-256|PDF|HTML|CSV|JSON|"
    r"Markdown|English|sqlite:///\S*|postgresql\+psycopg://\S*|Ltd\.|Enterprise Supreme|Enterprise Standard|"
    r"Business|Basic|IM|API|SDK|ACP|ID|OK|tester)"
)


def latin_only(text: str) -> bool:
    text = text.replace("&", "")
    if not text.strip() or CJK.search(text):
        return False
    rest = ALLOWED.sub(" ", text)
    return re.search(r"[A-Za-z]{2,}", rest) is not None


def visible_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    for w in [root, *root.findChildren(QWidget)]:
        where = type(w).__name__
        if isinstance(w, (QLabel, QAbstractButton)):
            yield where, w.text()
        elif isinstance(w, QGroupBox):
            yield where, w.title()
        elif isinstance(w, QLineEdit):
            yield where + " placeholder", w.placeholderText()
        elif isinstance(w, QComboBox):
            yield from ((where + " item", w.itemText(i)) for i in range(min(w.count(), 50)))
        elif isinstance(w, QTabBar):
            yield from ((where, w.tabText(i)) for i in range(w.count()))
        elif isinstance(w, QMenu):
            yield from ((where + " " + w.title(), a.text()) for a in w.actions())
            yield where, w.title()
        elif isinstance(w, QTextEdit):
            yield where, w.toPlainText()
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns, rows = model.columnCount(QModelIndex()), model.rowCount(QModelIndex())
            except TypeError:  # Qt's private models behind combo boxes and completers
                continue
            headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns)]
            yield from ((where + " header", h) for h in headers)
            # The entitlement matrix shows the plan in both languages on purpose: its English column is data.
            shown = [c for c in range(columns) if headers[c] != "English"]
            for r in range(min(rows, 30)):
                for c in shown:
                    yield where + " cell", str(model.data(model.index(r, c)) or "")
        if w.isWindow():
            yield where + " title", w.windowTitle()
        if w.toolTip():
            yield where + " tooltip", w.toolTip()


@pytest.fixture
def chinese_window(qtbot: QtBot, seeded: Desk, clock: FakeClock, settings: Settings) -> Iterator[MainWindow]:
    seeded.open_case("cust-L4", "数据库宕机", "S1", "phone")
    seeded.open_case("cust-L2", "控制台报错", "S3", "ticket")
    with shown_window(qtbot, seeded, clock, settings, "zh_CN", "王伟") as win:
        win.queue.view.selectRow(0)
        settled(qtbot, win)  # the case pane is read off the GUI thread
        yield win


def test_zh_cn_window_and_dialogs_show_no_english(qtbot: QtBot, chinese_window: MainWindow) -> None:
    win = chinese_window
    win.customer.show_customer("cust-L4")
    roots: list[QWidget] = [win, win.new_case(), win.open_settings(), win.open_help(), win.open_ended_cases()]
    booking = win.customer.open_booking()
    assert booking is not None
    roots.append(booking)
    actions = win.detail.case_actions
    current = actions.regrade_to.currentData()
    actions.regrade_to.setCurrentIndex(
        next(i for i in range(actions.regrade_to.count()) if actions.regrade_to.itemData(i) != current)
    )
    actions.regrade_reason.setText("客户确认影响范围")
    actions.do_regrade()  # the re-grade confirmation
    confirmations = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in (win, *roots)]
    for dialog in confirmations:
        dialog.close()  # (read below all the same) so that the next action may ask too
    actions.end_case("resolved")  # the resolution dialog
    roots.extend(confirmations)
    for action in win.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            for sub in menu.actions():
                if sub.text().startswith(("交接", "审阅", "Shift", "Review")) or "交接" in sub.text():
                    sub.trigger()
    roots.extend(w for w in QApplication.topLevelWidgets() if w.isVisible() and w not in roots)
    assert len(roots) >= 10
    english = sorted({(where, text) for root in roots for where, text in visible_texts(root) if latin_only(text)})
    for root in roots[1:]:
        root.close()
    assert english == []
