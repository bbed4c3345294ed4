"""Settings: database location (next start), language, my agent name, the display time zone and when a
contract counts as expiring (at once)."""

from __future__ import annotations

from zoneinfo import available_timezones

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ui import settings as keys
from ui.plain import plain_labels
from ui.settings import Settings
from ui.text import display_zone_name, set_display_zone, zone_label


def zone_choices(plan_zones: tuple[str, ...] = ()) -> list[str]:
    """The zones offered: the plans' own zones and UTC first, then every IANA zone by name."""
    first = [*dict.fromkeys([*plan_zones, "UTC"])]
    return first + sorted(z for z in available_timezones() if z not in first and "/" in z)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None, plan_zones: tuple[str, ...] = ()) -> None:
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
        self.zone = QComboBox(self)
        # The workstation's zone, named by its offset now (the display zone is left aside to read it).
        current = display_zone_name()
        set_display_zone("")
        self.zone.addItem(self.tr("This computer's time zone (%1)").replace("%1", zone_label()), "")
        set_display_zone(current)
        for name in zone_choices(plan_zones):
            self.zone.addItem(name, name)
        self.zone.setEditable(True)  # type a zone's name to find it among the ~600
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.setCurrentIndex(max(self.zone.findData(settings.text(keys.DISPLAY_ZONE)), 0))
        self.expiring = QSpinBox(self)
        self.expiring.setRange(0, 365)
        self.expiring.setValue(settings.number(keys.EXPIRING_DAYS))
        self.expiring.setSuffix(self.tr(" days"))
        for widget, name in (
            (self.expiring, self.tr("Mark contracts ending within")),
            (self.db, self.tr("Database")),
            (self.language, self.tr("Language")),
            (self.agent, self.tr("My agent name")),
            (self.zone, self.tr("Show times in")),
        ):
            widget.setAccessibleName(name)
        form = QFormLayout(self)
        form.addRow(self.tr("Database"), self.db)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("My agent name"), self.agent)
        form.addRow(self.tr("Show times in"), self.zone)
        form.addRow(self.tr("Mark contracts ending within"), self.expiring)
        note = QLabel(
            self.tr("Language, name and time zone apply at once; a new database when the desk starts again."), self
        )
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        form.addRow(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        form.addRow(buttons)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        plain_labels(self)

    def accept(self) -> None:
        self._settings.set_text(keys.DB_URL, self.db.text().strip())
        self._settings.set_text(keys.LANGUAGE, self.language.currentData())
        self._settings.set_text(keys.AGENT, self.agent.text().strip())
        index = self.zone.findText(self.zone.currentText().strip())  # typed text counts only if it is a zone
        self._settings.set_text(keys.DISPLAY_ZONE, str(self.zone.itemData(index) or "") if index >= 0 else "")
        self._settings.set_text(keys.EXPIRING_DAYS, str(self.expiring.value()))
        self._settings.sync()
        super().accept()
