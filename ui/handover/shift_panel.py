"""The widgets of a running shift's handover: its window and scope, the cases (with bulk entry), notes,
readiness and the buttons. The dialog (``ui.handover.dialog``) wires them to the desk."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.handover import Handover
from ui.handover.export import ExportControls
from ui.handover.models import HandoverCasesModel, SaveEntry
from ui.handover.scope_picker import ScopePicker
from ui.plain import plain_labels
from ui.settings import Settings


class BulkEntryBar(QWidget):
    """Owner, next action or "briefed" for every selected case at once; ``apply`` carries the fields."""

    apply = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.count = QLabel(self)
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText(self.tr("Owner"))
        self.owner.setAccessibleName(self.tr("Owner for the selected cases"))
        self.set_owner = QPushButton(self.tr("Set owner"), self)
        self.next_action = QLineEdit(self)
        self.next_action.setPlaceholderText(self.tr("Next action"))
        self.next_action.setAccessibleName(self.tr("Next action for the selected cases"))
        self.set_next_action = QPushButton(self.tr("Set next action"), self)
        self.mark_briefed = QPushButton(self.tr("Mark briefed"), self)
        for button, name in (
            (self.set_owner, self.tr("Set the owner of the selected cases")),
            (self.set_next_action, self.tr("Set the next action of the selected cases")),
            (self.mark_briefed, self.tr("Mark the selected cases as verbally briefed")),
        ):
            button.setAccessibleName(name)
        layout.addWidget(self.count)
        layout.addWidget(self.owner, 1)
        layout.addWidget(self.set_owner)
        layout.addWidget(self.next_action, 2)
        layout.addWidget(self.set_next_action)
        layout.addWidget(self.mark_briefed)
        self.set_owner.clicked.connect(lambda: self.apply.emit({"owner": self.owner.text()}))
        self.owner.returnPressed.connect(self.set_owner.click)
        self.set_next_action.clicked.connect(lambda: self.apply.emit({"next_action": self.next_action.text()}))
        self.next_action.returnPressed.connect(self.set_next_action.click)
        self.mark_briefed.clicked.connect(lambda: self.apply.emit({"briefed": True}))
        self.set_selected(0, editable=True)
        plain_labels(self)

    def set_selected(self, count: int, *, editable: bool) -> None:
        self.count.setText(self.tr("%n case(s) selected:", "", count))
        for widget in (self.owner, self.set_owner, self.next_action, self.set_next_action, self.mark_briefed):
            widget.setEnabled(editable and count > 0)


class ShiftPanel(QWidget):
    """Everything shown while a shift exists; no desk calls here."""

    def __init__(
        self, handover: Handover, settings: Settings | None, save: SaveEntry, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.window_label = QLabel(self)
        self.window_label.setTextFormat(Qt.TextFormat.PlainText)  # agent names as typed
        self.scope_picker = ScopePicker(self)
        self.incoming = QLineEdit(self)
        self.incoming.setAccessibleName(self.tr("Incoming agent"))
        head = QHBoxLayout()
        head.addWidget(self.window_label, 1)
        head.addWidget(self.scope_picker)
        head.addWidget(QLabel(self.tr("Incoming agent"), self))
        head.addWidget(self.incoming)
        layout.addLayout(head)
        self.scope_label = QLabel(self)
        self.scope_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.scope_label)

        self.model = HandoverCasesModel(save, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Cases handed over"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        # Title, next action and handover note carry the words; the rest are short codes.
        for column, width in enumerate((110, 60, 260, 170, 140, 110, 100, 200, 240, 90)):
            header.resizeSection(column, width)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setWordWrap(False)
        self.bulk = BulkEntryBar(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setPlaceholderText(self.tr("Free-form notes for the next shift"))
        self.notes.setAccessibleName(self.tr("Notes for the next shift"))
        self.readiness_list = QListWidget(self)
        self.readiness_list.setAccessibleName(self.tr("Readiness check"))
        split = QSplitter(self)
        split.addWidget(self.notes)
        split.addWidget(self.readiness_list)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.bulk)
        layout.addWidget(split, 1)

        buttons = QHBoxLayout()
        self.save_notes_button = QPushButton(self.tr("Save notes"), self)
        self.check_button = QPushButton(self.tr("Check readiness"), self)
        self.end_button = QPushButton(self.tr("End my shift…"), self)
        self.end_button.setAccessibleName(self.tr("End my shift"))
        self.generate_button = QPushButton(self.tr("Generate report"), self)
        self.sign_button = QPushButton(self.tr("Sign"), self)
        self.ack_button = QPushButton(self.tr("Acknowledge"), self)
        self.ack_button.setAccessibleName(self.tr("Acknowledge the handover as the incoming agent"))
        self.correct_button = QPushButton(self.tr("Correct…"), self)
        self.exports = ExportControls(handover, settings, self)
        for button in (self.save_notes_button, self.check_button, self.end_button, self.generate_button,
                       self.sign_button, self.ack_button, self.correct_button):  # fmt: skip
            buttons.addWidget(button)
        buttons.addWidget(self.exports)
        layout.addLayout(buttons)
        plain_labels(self)
