"""Exporting the view on screen to a file (PDF, HTML, CSV, JSON): the same renderers as ``desk report``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from desk.errors import DeskError
from desk.review_render import export_review, handover_data, quota_data, sla_data
from desk.review_sla import DIMENSIONS, SlaCase
from ui.errors import error_text
from ui.handover.export import export_folder
from ui.review.pdf import render_review_pdf
from ui.text import fill

if TYPE_CHECKING:
    from ui.review.window import Reviews

FORMATS = ("pdf", "html", "csv", "json")


def review_data(reviews: Reviews, view: str, now: Any, cases: Sequence[SlaCase] = ()) -> dict[str, Any]:
    """The plain data of one view (the chosen breakdown first, then the others), as ``desk report`` writes it;
    the SLA view lists ``cases`` (the ones behind the number on screen)."""
    if view == "sla":
        by = (reviews.dimension, *(d for d in DIMENSIONS if d != reviews.dimension))
        return sla_data(reviews.sla, now, by, cases)
    if view == "quota":
        return quota_data(reviews.quota, now)
    return handover_data(reviews.handovers, now)


def suggested_name(reviews: Reviews, view: str, fmt: str) -> str:
    p = reviews.period
    return f"review-{view}-{p.first.isoformat()}-{p.last.isoformat()}.{fmt}"


class ExportButton(QPushButton):
    """ "Export…": asks where, writes the current view, and says where it went or why not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("&Export…"))
        self.setAccessibleName(self.tr("Export this view to a file"))
        self.setEnabled(False)

    def ask(self, reviews: Reviews, view: str) -> Path | None:
        filters = {
            "pdf": self.tr("PDF (*.pdf)"),
            "html": self.tr("Web page (*.html)"),
            "csv": self.tr("Spreadsheet, CSV (*.csv)"),
            "json": self.tr("Data, JSON (*.json)"),
        }
        start = export_folder(None) / suggested_name(reviews, view, "pdf")
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export the review"), str(start), ";;".join(filters.values())
        )
        if not path:
            return None
        fmt = next((f for f, text in filters.items() if text == chosen), Path(path).suffix.lstrip(".") or "pdf")
        return Path(path).with_suffix(f".{fmt}")

    def write(self, reviews: Reviews, view: str, path: Path, now: Any, cases: Sequence[SlaCase] = ()) -> str:
        """Write the view to ``path`` (its format from the extension); the sentence to show."""
        fmt = path.suffix.lstrip(".").lower()
        if fmt not in FORMATS:
            return fill(self.tr("Not written: %1 is not one of PDF, HTML, CSV, JSON."), path.name)
        try:
            export_review(review_data(reviews, view, now, cases), fmt, path, {"review-pdf": render_review_pdf})
        except (DeskError, OSError) as exc:
            reason = error_text(exc) if isinstance(exc, DeskError) else str(exc)
            return fill(self.tr("Not written: %1"), reason)
        return fill(self.tr("Written to %1"), str(path))
