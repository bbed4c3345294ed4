"""Settings: database location (next start), language and my agent name (at once)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from ui import settings as keys
from ui.settings import Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._settings = settings
        self.db = QLineEdit(settings.text(keys.DB_URL), self)
        self.db.setPlaceholderText(self.tr("sqlite:///path/desk.sqlite or postgresql+psycopg://host/desk"))
        self.language = QComboBox(self)
        self.language.addItem(self.tr("System language"), "")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        index = self.language.findData(settings.text(keys.LANGUAGE))
        self.language.setCurrentIndex(max(index, 0))
        self.agent = QLineEdit(settings.text(keys.AGENT), self)
        form = QFormLayout(self)
        form.addRow(self.tr("Database"), self.db)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("My agent name"), self.agent)
        form.addRow(
            QLabel(self.tr("Language and name apply at once; a new database when the desk starts again."), self)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

    def accept(self) -> None:
        self._settings.set_text(keys.DB_URL, self.db.text().strip())
        self._settings.set_text(keys.LANGUAGE, self.language.currentData())
        self._settings.set_text(keys.AGENT, self.agent.text().strip())
        self._settings.sync()
        super().accept()
