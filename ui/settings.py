"""The window's settings, declared once (key, type, default, description) over QSettings, with a version
so renamed settings can be migrated."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QSettings

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    description: str


DB_URL = Setting("database/url", "", "SQLAlchemy URL of the database; empty: desk.sqlite in the user data folder")
LANGUAGE = Setting("ui/language", "", "zh_CN or en; empty: the system's language")
AGENT = Setting("agent/name", "", "my agent name (for 'my cases' and new cases)")
MUTED = Setting("alerts/muted", "", "case ids whose alerts are muted, comma separated")
DISPLAY_ZONE = Setting("ui/time_zone", "", "IANA time zone the window shows times in; empty: the workstation's")
HANDOVER_EXPORT_DIR = Setting("handover/export_dir", "", "folder of the last handover export; empty: Documents")
EXPIRING_DAYS = Setting(
    "customers/expiring_days", "30", "the customer list marks contracts that end within this many days"
)
# Binary blobs Qt produces itself: the queue header (column order, widths, sort) and window geometry.
QUEUE_HEADER = "queue/header"
WINDOW_GEOMETRY = "window/geometry"
SPLITTER = "window/splitter"


class Settings:
    """Typed access; the QSettings is injected (tests give an INI file in a temp dir)."""

    def __init__(self, qsettings: QSettings) -> None:
        self.q = qsettings
        self._upgrade()

    def _upgrade(self) -> None:
        version = int(str(self.q.value("settings/version", 0) or 0))
        if version < 1:
            # Version 0 had no registry; nothing to rename yet. Later renames go here, one step per version.
            self.q.setValue("settings/version", SETTINGS_VERSION)

    def text(self, setting: Setting) -> str:
        value = self.q.value(setting.key, setting.default)
        return str(value) if value is not None else setting.default

    def number(self, setting: Setting) -> int:
        """A whole-number setting; a value that is not one reads as the default."""
        text = self.text(setting).strip()
        return int(text) if text.isdigit() else int(setting.default)

    def set_text(self, setting: Setting, value: str) -> None:
        self.q.setValue(setting.key, value)

    def blob(self, key: str) -> QByteArray | None:
        value = self.q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_blob(self, key: str, value: QByteArray) -> None:
        self.q.setValue(key, value)

    def sync(self) -> None:
        self.q.sync()
