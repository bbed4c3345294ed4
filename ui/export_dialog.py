"""File > Export: everything in the interchange format, as one JSON file or a folder of CSV files, written on a
worker thread with a count of records as progress; files are whole or not written at all."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk.errors import DeskError
from desk.exchange import export_files, records_to_export
from ui.errors import error_text
from ui.import_dialog import Worker
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import fill

STEP = 500  # records between two progress signals (one per record would flood the GUI thread)


class _Counter(QObject):
    counted = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.done = 0

    def step(self) -> None:
        self.done += 1
        if self.done % STEP == 0:
            self.counted.emit(self.done)


class ExportDialog(QDialog):
    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.worker: Worker | None = None
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Export customers, contracts and cases"))
        self.as_json = QRadioButton(self.tr("One JSON file"), self)
        self.as_csv = QRadioButton(self.tr("A folder of CSV files (one per kind of record)"), self)
        self.as_json.setChecked(True)
        self.choose = QPushButton(self.tr("&Export to…"), self)
        self.choose.setAccessibleName(self.tr("Choose where to export"))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Records exported"))
        self.progress.hide()
        self.outcome = QLabel(self)
        self.outcome.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.as_json, self.as_csv, self.choose, self.progress, self.outcome, buttons):
            layout.addWidget(widget)
        self.choose.clicked.connect(self.choose_target)
        plain_labels(self)

    def choose_target(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Export to"), str(Path.home()))
        if self.as_csv.isChecked():
            dialog.setFileMode(QFileDialog.FileMode.Directory)
        else:
            dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            dialog.setDefaultSuffix("json")
            dialog.setNameFilters([self.tr("JSON files (*.json)")])
        dialog.fileSelected.connect(lambda name: self.export(Path(name)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def export(self, target: Path) -> None:
        as_csv = self.as_csv.isChecked()
        try:
            total = records_to_export(self.ops.desk)
        except DeskError as exc:
            self.outcome.setText(error_text(exc))
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress.show()
        self.choose.setEnabled(False)
        self.outcome.setText(self.tr("Exporting…"))
        counter = _Counter()
        counter.counted.connect(self.progress.setValue)
        self.counter = counter
        self.worker = Worker(lambda _report: export_files(self.ops.desk, target, as_csv, counter.step), self)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(lambda exc: self.outcome.setText(error_text(exc)))
        self.worker.finished.connect(lambda: self.choose.setEnabled(True))
        self.worker.start()

    def _done(self, paths: object) -> None:
        self.progress.setValue(self.progress.maximum())
        written = "\n".join(str(p) for p in paths) if isinstance(paths, list) else ""
        self.outcome.setText(fill(self.tr("Exported to:\n%1"), written))

    def wait(self) -> None:
        if self.worker is not None:
            self.worker.wait()
