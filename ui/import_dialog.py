"""File > Import: choose JSON or CSV files, see what would be added, changed or left as it is (and every refused
row by file, row and field) before anything is written, then import all or nothing.

Reading, checking and writing run on a worker thread (a big file takes seconds); the window stays live and
shows a busy bar. The import's result then goes through the operations path, so views refresh as after any
other write.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desk.changes import ChangeSet
from desk.errors import DeskError
from desk.exchange import import_files, preview_files
from desk.interchange import ARRAYS, ImportFailed, Preview
from desk.interchange.merging import Outcome
from ui.errors import error_text
from ui.import_words import problem_line
from ui.operations import Operations
from ui.plain import plain_labels
from ui.text import fill

OUTCOMES: tuple[Outcome, ...] = ("added", "changed", "unchanged")


Report = Callable[[int, int], None]


class Worker(QThread):
    """Runs one function off the GUI thread; its progress, value or DeskError come back as queued signals.

    The function is given a ``report(done, total)`` to call as it goes."""

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Report], object], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import-worker")
        self._work = work

    def run(self) -> None:
        try:
            value = self._work(self.progressed.emit)
        except DeskError as exc:
            self.failed.emit(exc)
            return
        self.done.emit(value)


class ImportDialog(QDialog):
    imported = Signal(str)  # what the import wrote, in words

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.paths: list[Path] = []
        self.preview: Preview | None = None
        self.worker: Worker | None = None
        self.file_dialog: QFileDialog | None = None
        self.setWindowTitle(self.tr("Import customers, contracts and cases"))
        self.resize(820, 560)
        self.choose = QPushButton(self.tr("&Choose files…"), self)
        self.choose.setAccessibleName(self.tr("Choose files to import"))
        self.files = QLabel(self.tr("No files chosen."), self)
        self.files.setWordWrap(True)
        self.busy = QProgressBar(self)
        self.busy.setAccessibleName(self.tr("Rows checked or written"))
        self.busy.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.counts = QTableWidget(len(ARRAYS), len(OUTCOMES), self)
        self.counts.setAccessibleName(self.tr("What the import would do"))
        self.counts.setHorizontalHeaderLabels([self.tr("Added"), self.tr("Changed"), self.tr("Left as it is")])
        self.counts.setVerticalHeaderLabels(
            [self.tr("Customers"), self.tr("Contracts"), self.tr("Cases"), self.tr("Quota uses")]
        )
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.setMaximumHeight(150)
        self.counts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.details = QPlainTextEdit(self)  # ids, file names and reasons as typed: plain text
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Rows of the import"))
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setAccessibleName(self.tr("Import all rows"))
        self.import_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.choose)
        top.addWidget(self.files, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.busy)
        layout.addWidget(self.summary)
        layout.addWidget(self.counts)
        layout.addWidget(self.details, 1)
        layout.addWidget(self.buttons)
        self.choose.clicked.connect(self.choose_files)
        self.import_button.clicked.connect(self.run_import)
        plain_labels(self)

    def choose_files(self) -> QFileDialog:
        dialog = QFileDialog(self, self.tr("Import customers, contracts and cases"), str(Path.home()))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.setNameFilters([self.tr("Interchange files (*.json *.csv)"), self.tr("All files (*)")])
        dialog.filesSelected.connect(lambda names: self.check([Path(n) for n in names]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def check(self, paths: list[Path]) -> None:
        """Read and check ``paths`` and show the preview; nothing is written."""
        if not paths:
            return
        self.paths, self.preview = paths, None
        self.files.setText("\n".join(str(p) for p in paths))
        self.summary.setText(self.tr("Reading and checking…"))
        self._start(lambda report: preview_files(self.ops.desk, paths, report), self._previewed)

    def _start(self, work: Callable[[Report], object], done: Callable[[object], None]) -> None:
        self.import_button.setEnabled(False)
        self.choose.setEnabled(False)
        self.busy.setRange(0, 0)  # reading and field checks count no rows: busy until the merge counts them
        self.busy.show()
        self.worker = Worker(work, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.done.connect(done)
        self.worker.failed.connect(self._refused)
        self.worker.finished.connect(self._idle)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.busy.setRange(0, total)
        self.busy.setValue(done)

    def _idle(self) -> None:
        self.busy.hide()
        self.choose.setEnabled(True)

    def _previewed(self, preview: object) -> None:
        assert isinstance(preview, Preview)
        self.preview = preview
        for row, array in enumerate(ARRAYS):
            for column, outcome in enumerate(OUTCOMES):
                self.counts.setItem(row, column, QTableWidgetItem(str(preview.count(outcome, array))))
        writes = preview.count("added") + preview.count("changed")
        self.summary.setText(
            fill(self.tr("Nothing is written yet. Import adds %1 and changes %2 rows; %3 stay as they are."),
                 str(preview.count("added")), str(preview.count("changed")), str(preview.count("unchanged")))
        )  # fmt: skip
        words = {"added": self.tr("added"), "changed": self.tr("changed"), "unchanged": self.tr("left as it is")}
        self.details.setPlainText(
            "\n".join(fill(self.tr("%1: %2 %3"), r.source, r.ref, words[r.outcome]) for r in preview.rows)
        )
        self.import_button.setEnabled(writes > 0)

    def _refused(self, exc: object) -> None:
        self.preview = None
        for row in range(self.counts.rowCount()):
            for column in range(self.counts.columnCount()):
                self.counts.setItem(row, column, QTableWidgetItem(""))
        if isinstance(exc, ImportFailed):
            lines = [problem_line(p) for p in exc.details] or exc.problems
            self.summary.setText(
                self.tr("Nothing was imported. Fix these rows (file, row, field) and choose the files again:")
            )
            self.details.setPlainText("\n".join(lines))
        elif isinstance(exc, DeskError):
            self.summary.setText(error_text(exc))
            self.details.clear()

    def run_import(self) -> None:
        """Import the previewed files all or nothing (checked again: the database may have changed since)."""
        if self.preview is None:
            return
        paths = self.paths
        self.summary.setText(self.tr("Importing… nothing is written until every row is in."))
        self._start(lambda report: import_files(self.ops.desk, paths, report), self._imported)

    def _imported(self, changes: object) -> None:
        assert isinstance(changes, ChangeSet)
        self.preview = None
        self.ops.run(lambda _desk: changes)  # written on the worker; views refresh through the one path
        words = fill(
            self.tr("Imported: %1 customers, %2 cases and %3 quota uses added or changed."),
            str(len(changes.customers)), str(len(changes.cases)), str(len(changes.quota_uses)),
        )  # fmt: skip
        self.summary.setText(words)
        self.imported.emit(words)

    def wait(self) -> None:
        if self.worker is not None:
            self.worker.wait()
