"""File > Import: a preview before anything is written, every refused row named by file, row and field,
then an all-or-nothing import through the operations path; File > Export writes what the importer reads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from desk.contracts import contracts_of
from desk.customer_list import customer_rows
from desk.interchange import read_files
from desk.services import Desk
from ui.main_window import MainWindow


def file_with(tmp_path: Path, bad_tier: bool) -> Path:
    doc: dict[str, list[dict[str, Any]]] = {
        "customers": [
            {"id": "cust-L1", "name": "客户 L1 Ltd."},  # as stored: left as it is
            {"id": "cust-L2", "name": "客户 L2 Holding"},  # renamed: changed
            {"id": "new-1", "name": "新客户"},
        ],
        "contracts": [
            {"id": "k-new-1", "customer_id": "new-1", "tier": "L2", "start": "2026-01-01", "end": "2026-12-31"},
            {"id": "k-new-2", "customer_id": "new-1", "tier": "NOPE" if bad_tier else "L3", "start": "2027-01-01",
             "end": "2027-12-31"},
        ],
    }  # fmt: skip
    path = tmp_path / "customers-from-crm.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_file_with_one_bad_row_is_previewed_refused_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, seeded: Desk, tmp_path: Path
) -> None:
    dialog = window.open_import()
    assert dialog.isVisible() and not dialog.import_button.isEnabled()
    source = file_with(tmp_path, bad_tier=True)
    picker = dialog.choose_files()
    picker.selectFile(str(source))
    picker.accept()
    qtbot.waitUntil(lambda: dialog.worker is not None and dialog.worker.isFinished() and dialog.busy.isHidden())
    said = dialog.details.toPlainText()
    assert f"{source}: contracts row 2: field tier:" in said and "NOPE" in said, said
    assert "Nothing was imported" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert [r.ref for r in customer_rows(seeded)].count("new-1") == 0


def test_the_preview_counts_rows_then_the_import_writes_them(
    qtbot: QtBot, window: MainWindow, seeded: Desk, tmp_path: Path
) -> None:
    dialog = window.open_import()
    source = file_with(tmp_path, bad_tier=False)
    dialog.check([source])
    qtbot.waitUntil(lambda: dialog.preview is not None)
    item = dialog.counts.item
    assert [item(0, c).text() for c in range(3)] == ["1", "1", "1"]  # customers: added, changed, as it is
    assert [item(1, c).text() for c in range(3)] == ["2", "0", "0"]  # contracts
    assert contracts_of(seeded, "new-1") == []  # a preview writes nothing
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(window.ops.changed, timeout=10_000) as changed:
        dialog.import_button.click()
    assert len(changed.args[0].customers) == 2
    qtbot.waitUntil(lambda: dialog.busy.isHidden())
    assert (dialog.busy.value(), dialog.busy.maximum()) == (5, 5)  # every row merged, counted
    assert [c.ref for c in contracts_of(seeded, "new-1")] == ["k-new-1", "k-new-2"]
    assert "Imported" in dialog.summary.text()


def test_export_writes_a_file_the_importer_reads(
    qtbot: QtBot, window: MainWindow, seeded: Desk, tmp_path: Path
) -> None:
    dialog = window.open_export()
    target = tmp_path / "out" / "desk.json"
    with qtbot.waitSignal(dialog.progress.valueChanged, timeout=10_000, check_params_cb=lambda v: v >= 1):
        dialog.export(target)
    qtbot.waitUntil(lambda: dialog.worker is not None and dialog.worker.isFinished())
    qtbot.waitUntil(lambda: str(target) in dialog.outcome.text())
    batch = read_files([target])
    assert sorted(r.values["id"] for r in batch.rows["customers"]) == ["cust-L1", "cust-L2", "cust-L3", "cust-L4"]
