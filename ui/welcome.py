"""The first-run page: a database with no customers and no cases offers a way to start instead of an empty queue.

Add the first customer and its contract in a form (then the window offers the first case), import a file
(all or nothing, refusals named by file, row and field), open a demo database (made off the GUI thread in the
data folder), or connect to a team's PostgreSQL server (tested before it is used).
Switching databases is the composition root's work: the page only says which one (``database_chosen``).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.catalog import CatalogRegistry
from desk.clock import SystemClock
from desk.errors import DeskError
from desk.firstrun import free_demo_path, make_demo_database
from ui.customer_forms import CustomerDialog
from ui.errors import error_text
from ui.import_dialog import ImportDialog
from ui.operations import Operations
from ui.plain import plain_labels
from ui.server_dialog import ServerDialog


class DemoMaker(QObject):
    """Writes a demo database off the GUI thread (a few seconds for 2,000 cases); results come back queued."""

    made = Signal(str)  # the new database's URL
    failed = Signal(str)

    def __init__(self, folder: Path, catalogs: CatalogRegistry, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._folder, self._catalogs = folder, catalogs
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="demo-maker", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            url = make_demo_database(free_demo_path(self._folder), self._catalogs, SystemClock())
        except DeskError as exc:
            self.failed.emit(error_text(exc))
            return
        self.made.emit(url)

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)


class WelcomePage(QWidget):
    database_chosen = Signal(str)  # a demo database or a team server to switch to
    imported = Signal(str)  # what an import wrote, in words
    customer_added = Signal(str)  # the first customer's id, added through the form

    def __init__(self, ops: Operations, data_folder: Path, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self.data_folder, self.language = ops, data_folder, language
        self.setAccessibleName(self.tr("Welcome"))
        self._ways: list[tuple[QPushButton, QLabel]] = []
        title = QLabel(self.tr("Welcome to the desk"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("This database holds no customers and no cases yet. Start with one of these:"), self)
        intro.setWordWrap(True)
        self.customer_button = self._way(
            self.tr("Add the first customer…"),
            self.tr(
                "A customer with its contacts and its first contract (tier, start and end). Then open its "
                "first case. More customers, renewals and tier changes are in the Customer menu."
            ),
        )
        self.import_button = self._way(
            self.tr("Import a file…"),
            self.tr(
                "Customers, contracts, cases and quota uses from JSON or CSV files in the desk's interchange "
                "format. All or nothing: if one row is wrong, nothing is written and the row is named."
            ),
        )
        self.demo_button = self._way(
            self.tr("Open a demo database"),
            self.tr("2,000 made-up cases in a new file in the data folder, to try the desk out. Your database stays."),
        )
        self.server_button = self._way(
            self.tr("Connect to a team server…"),
            self.tr("A PostgreSQL database the team shares. The address is tested before the desk uses it."),
        )
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # no count to show: generation is one step
        self.busy.setAccessibleName(self.tr("Working"))
        self.busy.hide()
        self.result = QPlainTextEdit(self)  # refusals quote files, rows and values as typed: plain text
        self.result.setReadOnly(True)
        self.result.setAccessibleName(self.tr("What happened"))
        self.result.hide()
        body = QWidget(self)  # a readable column, centred in a wide window
        body.setMaximumWidth(820)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(body, 4)
        outer.addStretch(1)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 32, 24, 32)
        layout.addWidget(title)
        layout.addWidget(intro)
        for button, note in self._ways:
            layout.addSpacing(12)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(note)
        layout.addSpacing(12)
        layout.addWidget(self.busy)
        layout.addWidget(self.result, 1)
        layout.addStretch(1)
        self.customer_button.clicked.connect(self.add_customer)
        self.import_button.clicked.connect(self.choose_files)
        self.demo_button.clicked.connect(self.open_demo)
        self.server_button.clicked.connect(self.open_server_dialog)
        self.import_dialog: ImportDialog | None = None
        self.customer_dialog: CustomerDialog | None = None
        self.server_dialog: ServerDialog | None = None
        self.demo = DemoMaker(data_folder, ops.desk.catalogs, self)
        self.demo.made.connect(self._demo_made)
        self.demo.failed.connect(self._demo_failed)
        plain_labels(self)

    def _way(self, text: str, explanation: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.rstrip("…"))
        button.setMinimumWidth(260)
        note = QLabel(explanation, self)
        note.setWordWrap(True)
        note.setFrameShape(QFrame.Shape.NoFrame)
        button.setAccessibleDescription(explanation)
        self._ways.append((button, note))
        return button

    # ---------------------------------------------------------------- the first customer

    def add_customer(self) -> CustomerDialog:
        dialog = CustomerDialog(self.ops, self.language, parent=self)
        dialog.accepted.connect(lambda: self.customer_added.emit(dialog.entered().ref))
        self.customer_dialog = dialog
        dialog.open()
        return dialog

    # ---------------------------------------------------------------- import

    def choose_files(self) -> ImportDialog:
        """File > Import's dialog: a preview of the chosen files first, then all or nothing."""
        dialog = ImportDialog(self.ops, self)
        dialog.imported.connect(self.imported)
        self.import_dialog = dialog
        dialog.open()
        dialog.choose_files()
        return dialog

    # ---------------------------------------------------------------- demo and server

    def open_demo(self) -> None:
        self._working(True)
        self._say(self.tr("Writing a demo database in %1…").replace("%1", str(self.data_folder)))
        self.demo.start()

    def _demo_made(self, url: str) -> None:
        self._working(False)
        self.database_chosen.emit(url)

    def _demo_failed(self, message: str) -> None:
        self._working(False)
        self._say(self.tr("No demo database was made: %1").replace("%1", message))

    def open_server_dialog(self) -> ServerDialog:
        self.server_dialog = ServerDialog(self)
        self.server_dialog.chosen.connect(self.database_chosen)
        self.server_dialog.open()
        return self.server_dialog

    def _working(self, working: bool) -> None:
        self.busy.setVisible(working)
        for button, _ in self._ways:
            button.setEnabled(not working)

    def _say(self, text: str) -> None:
        self.result.setPlainText(text)
        self.result.show()

    def stop(self) -> None:
        """Let a demo being written finish (the window is closing)."""
        self.demo.wait(60)
        if self.server_dialog is not None:
            self.server_dialog.wait(10)
        if self.import_dialog is not None:
            self.import_dialog.wait()
