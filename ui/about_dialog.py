"""Help > About: the desk's version, the database in use and its schema revision, the plans loaded, the backups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from desk.about import About
from ui.plain import plain_labels


class AboutDialog(QDialog):
    def __init__(self, info: About, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About the desk"))
        form = QFormLayout(self)
        self.version = self._row(form, self.tr("Version"), info.version)
        kind = self.tr("PostgreSQL server") if info.is_server else self.tr("SQLite file")
        self.database = self._row(form, self.tr("Database"), f"{info.database}\n({kind})")
        if info.schema_revision is None:
            revision = self.tr("none yet")
        elif info.schema_revision == info.schema_head:
            revision = self.tr("%1 (current)").replace("%1", info.schema_revision)
        else:
            revision = (
                self.tr("%1 (this desk writes %2)").replace("%1", info.schema_revision).replace("%2", info.schema_head)
            )
        self.revision = self._row(form, self.tr("Schema revision"), revision)
        plans = [
            self.tr("%1: version %2, in effect from %3")
            .replace("%1", plan.name.get(language))
            .replace("%2", plan.version)
            .replace("%3", plan.effective_from)
            for plan in info.plans
        ]
        self.plans = self._row(form, self.tr("Support plans loaded"), "\n".join(plans))
        if info.backup_dir is None:
            backups = self.tr("The server's own backups (the desk backs up SQLite files only).")
        else:
            backups = str(info.backup_dir) + "\n" + self.tr("%n backup(s) of this database there", "", info.backups)
        self.backups = self._row(form, self.tr("Backups"), backups)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        plain_labels(self)
        self.setMinimumWidth(680)
        self.adjustSize()

    def _row(self, form: QFormLayout, name: str, value: str) -> QLabel:
        label = QLabel(value, self)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # to copy into a ticket
        label.setWordWrap(True)
        label.setAccessibleName(name)
        form.addRow(name, label)
        return label
