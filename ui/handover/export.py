"""Exporting a handover report from the window: a suggested file name and folder, and where the file went.

The name says whose shift, which day (in the shift's zone) and which revision
(``handover-alice-2026-11-26-r2.pdf``); the folder is the last one used (kept in Settings), else the
user's Documents folder.
"""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QStandardPaths, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from desk.errors import DeskError
from desk.handover import Handover, ReportSummary
from ui import settings as keys
from ui.errors import error_text
from ui.settings import Settings

# The formats offered, in this order, and their files' extension: the chat summary is Markdown too.
EXTENSIONS = {"pdf": "pdf", "html": "html", "md": "md", "summary": "md", "csv": "csv", "json": "json"}
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')


def suggested_name(report: ReportSummary, fmt: str = "pdf") -> str:
    day = report.starts_at.astimezone(ZoneInfo(report.timezone)).date().isoformat()
    agent = _UNSAFE.sub("-", report.outgoing.strip()).strip("-.") or "agent"
    kind = "-summary" if fmt == "summary" else ""
    return f"handover-{agent}-{day}-r{report.revision}{kind}.{EXTENSIONS.get(fmt, fmt)}"


def export_folder(settings: Settings | None) -> Path:
    remembered = settings.text(keys.HANDOVER_EXPORT_DIR) if settings is not None else ""
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


class ExportControls(QWidget):
    """ "Export…" and, once a file is written, "Open folder"; ``message`` carries what to tell the user."""

    message = Signal(str)
    exported = Signal(object)  # the Path written

    def __init__(self, handover: Handover, settings: Settings | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.handover, self.settings = handover, settings
        self.report: ReportSummary | None = None
        self.last_path: Path | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setAccessibleName(self.tr("Export the handover report"))
        self.open_folder_button = QPushButton(self.tr("Open folder"), self)
        self.open_folder_button.setAccessibleName(self.tr("Open the folder of the exported file"))
        self.open_folder_button.setVisible(False)
        layout.addWidget(self.export_button)
        layout.addWidget(self.open_folder_button)
        self.export_button.clicked.connect(self._ask)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.set_report(None)

    def set_report(self, report: ReportSummary | None) -> None:
        self.report = report
        self.export_button.setEnabled(report is not None)

    def suggested_path(self, fmt: str = "pdf") -> Path:
        assert self.report is not None
        return export_folder(self.settings) / suggested_name(self.report, fmt)

    def export(self, fmt: str, path: Path) -> Path | None:
        """Write the report; say where it went (or why not); remember the folder for next time."""
        if self.report is None:
            return None
        # The renderers (the PDF one is a few thousand lines of layout) only when a report is exported: the
        # handover dialog opens without them.
        from desk.report_render import export_report
        from ui.report_pdf import render_pdf

        try:
            written = export_report(self.handover.get(self.report.id), fmt, path, renderers={"pdf": render_pdf})
        except (OSError, LookupError) as exc:
            self.message.emit(self.tr("Not exported: %1").replace("%1", str(exc)))
            return None
        except DeskError as exc:  # the database busy, damaged or gone: said, never a traceback
            self.message.emit(self.tr("Not exported: %1").replace("%1", error_text(exc)))
            return None
        self.last_path = written
        if self.settings is not None:
            self.settings.set_text(keys.HANDOVER_EXPORT_DIR, str(written.parent))
        self.open_folder_button.setVisible(True)
        self.message.emit(self.tr("Exported to %1").replace("%1", str(written)))
        self.exported.emit(written)
        return written

    def open_folder(self) -> None:
        if self.last_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_path.parent)))

    def filters(self) -> dict[str, str]:
        """The save dialog's file types, per format, in the order offered."""
        return {
            "pdf": self.tr("PDF, to print or archive (*.pdf)"),
            "html": self.tr("Web page (*.html)"),
            "md": self.tr("Markdown, the whole report (*.md)"),
            "summary": self.tr("Chat summary, short Markdown to paste in a chat (*.md)"),
            "csv": self.tr("Spreadsheet, one row per case (*.csv)"),
            "json": self.tr("JSON, the signed record itself (*.json)"),
        }

    def _ask(self) -> None:
        if self.report is None:
            return
        filters = self.filters()
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export handover"), str(self.suggested_path()), ";;".join(filters.values())
        )
        if name:
            path = Path(name)
            suffix = path.suffix.lstrip(".").lower()
            fmt = next((k for k, v in filters.items() if v == chosen), "pdf")
            if suffix == EXTENSIONS[fmt]:  # the type chosen (the summary and the whole report share .md)
                self.export(fmt, path)
            elif suffix in EXTENSIONS.values():  # the name's extension wins over the type left selected
                self.export(next(k for k, v in EXTENSIONS.items() if v == suffix), path)
            else:
                self.export(fmt, path.with_name(f"{path.name}.{EXTENSIONS[fmt]}"))
