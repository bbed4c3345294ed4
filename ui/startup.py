"""When the database cannot be opened: the message, and the ways out as buttons (never a traceback)."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.store.backup import BackupInfo
from ui.plain import plain_labels


class WayOut(enum.Enum):
    READ_ONLY = "read_only"
    OTHER_FILE = "other_file"
    RESTORE = "restore"
    QUIT = "quit"


class StartupProblem(QDialog):
    """The store's own message (it names the file and what to do) and one button per way out."""

    def __init__(
        self, message: str, backups: list[BackupInfo], can_read_only: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("The desk cannot open its database"))
        self.choice = WayOut.QUIT
        self.backup: Path | None = None
        layout = QVBoxLayout(self)
        self.message = QLabel(message, self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.backups = QListWidget(self)
        for info in reversed(backups):  # newest first
            item = QListWidgetItem(f"{info.taken_at}  {info.reason}  {info.path.name}", self.backups)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        self.backups.setVisible(bool(backups))
        if backups:
            layout.addWidget(QLabel(self.tr("Backups of this database (newest first):"), self))
            self.backups.setCurrentRow(0)
        layout.addWidget(self.backups)
        buttons = QDialogButtonBox(self)
        self.restore_button = self._button(buttons, self.tr("Restore the selected backup"), WayOut.RESTORE)
        self.restore_button.setEnabled(bool(backups))
        self.restore_button.setVisible(bool(backups))
        self.read_only_button = self._button(buttons, self.tr("Open read-only"), WayOut.READ_ONLY)
        self.read_only_button.setVisible(can_read_only)
        self.other_button = self._button(buttons, self.tr("Choose another file…"), WayOut.OTHER_FILE)
        self.quit_button = self._button(buttons, self.tr("Quit"), WayOut.QUIT)
        layout.addWidget(buttons)
        self.resize(720, 360 if backups else 200)
        plain_labels(self)

    def _button(self, box: QDialogButtonBox, text: str, choice: WayOut) -> QPushButton:
        button = box.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: WayOut) -> None:
        self.choice = choice
        item = self.backups.currentItem()
        self.backup = Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if choice is WayOut.QUIT:
            self.reject()
        else:
            self.accept()
