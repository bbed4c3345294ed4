"""Help: how the desk counts (the catalog's interpretations, notes and scope, in the agent's language)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from desk.catalog import Catalog, Text


class HelpDialog(QDialog):
    def __init__(self, catalog: Catalog, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How the desk counts"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(self._html(catalog, language))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def _html(self, catalog: Catalog, language: str) -> str:
        def items(texts: tuple[Text, ...]) -> str:
            return "<ul>" + "".join(f"<li>{escape(t.get(language))}</li>" for t in texts) + "</ul>"

        parts = [
            f"<h2>{escape(catalog.name.get(language))} ({escape(catalog.version)})</h2>",
            f"<h3>{escape(self.tr('How the clocks count (our interpretations)'))}</h3>",
            items(catalog.interpretations),
            f"<h3>{escape(self.tr('Notes from the plan'))}</h3>",
            items(catalog.notes),
            f"<h3>{escape(self.tr('In scope'))}</h3>",
            items(catalog.scope_in),
            f"<h3>{escape(self.tr('Out of scope'))}</h3>",
            items(catalog.scope_out),
        ]
        return "".join(parts)
