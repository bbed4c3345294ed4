"""Handover writes from the window: one path (Operations), one change type, one row refreshed per edit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

import desk.handover_report
import desk.read
from desk.changes import ChangeSet
from desk.clock import FakeClock
from desk.services import Desk
from tests.helpers.handover import build_shift
from ui.handover import HandoverDialog
from ui.handover.models import HandoverCasesModel
from ui.main_window import MainWindow


@pytest.fixture
def evaluations(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every SLA evaluation the read side makes (one per case it looks at; the handover reads its own way)."""
    seen: list[object] = []
    real: Callable[..., Any] = desk.read.evaluate

    def counting(*args: Any, **kwargs: Any) -> Any:
        seen.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(desk.read, "evaluate", counting)
    monkeypatch.setattr(desk.handover_report, "evaluate", counting)
    return seen


def test_a_cell_edit_evaluates_only_its_row(
    qtbot: QtBot, seeded: Desk, clock: FakeClock, evaluations: list[object]
) -> None:
    built = build_shift(seeded, clock, entries=False)
    dialog = HandoverDialog(built.handover, "alice")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.ready)  # the shift is read off the GUI thread
    changes: list[ChangeSet] = []
    dialog.ops.changed.connect(changes.append)
    model = dialog.model
    assert model.rowCount() >= 4
    case_id = built.cases["XSS"]
    index = model.index(model.row_of(case_id), HandoverCasesModel.OWNER)
    evaluations.clear()

    dialog.table.setCurrentIndex(index)
    dialog.table.edit(index)
    editor = next(w for w in dialog.table.findChildren(QLineEdit) if w.isVisible())
    qtbot.keyClicks(editor, "bob")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits an editor's data on the next turn of the event loop
    qtbot.waitUntil(lambda: model.row(model.row_of(case_id)).owner == "bob")
    assert len(evaluations) == 1  # the edited case only, not every case of the shift
    assert changes == [ChangeSet(cases=frozenset({case_id}), shifts=frozenset({built.shift.id}))]
    lines = [dialog.readiness_list.item(i).text() for i in range(dialog.readiness_list.count())]
    assert not any("C-XSS" in line and "no owner" in line for line in lines)
    assert lines == [dialog.readiness_list.item(i).text() for i in range(dialog.readiness_list.count())]

    evaluations.clear()
    qtbot.mouseClick(dialog.panel.check_button, Qt.MouseButton.LeftButton)  # the full check looks at every case
    assert len(evaluations) >= model.rowCount()
    assert [dialog.readiness_list.item(i).text() for i in range(dialog.readiness_list.count())] == lines


def test_handover_writes_from_the_window_run_through_its_operations(qtbot: QtBot, window: MainWindow) -> None:
    changes: list[ChangeSet] = []
    failures: list[str] = []
    window.ops.changed.connect(changes.append)
    window.ops.failed.connect(failures.append)
    dialog = window.shift_status.open_shift()
    assert isinstance(dialog, HandoverDialog) and dialog.ops is window.ops
    qtbot.waitUntil(dialog.ready)
    qtbot.mouseClick(dialog.start_form.start_button, Qt.MouseButton.LeftButton)
    shift = dialog.shift
    assert shift is not None, dialog.status.text()
    assert changes[-1].shifts == frozenset({shift.id})
    assert window.shift_status.shift_label.text().startswith("Shift ")  # refreshed by the changed signal

    changes.clear()
    dialog.set_scope(())  # nobody's cases: refused by the core, said in the dialog, nothing changed
    assert "name at least one agent" in dialog.status.text()
    assert changes == [] and failures == []
    dialog.close()
