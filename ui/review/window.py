"""The Review window: the three views under one period bar; figures read off the GUI thread; read-only."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from desk.clock import Clock
from desk.errors import DeskError
from desk.review_handover import HandoverReview, handover_review
from desk.review_period import Period
from desk.review_quota import QuotaReview, quota_review
from desk.review_sla import SlaReview, sla_review
from desk.services import Desk
from ui.errors import error_text
from ui.plain import plain_labels
from ui.review.export import ExportButton
from ui.review.other_pages import HandoverPage, QuotaPage
from ui.review.period_bar import PeriodBar
from ui.review.runner import Progress, ReviewRunner
from ui.review.sla_page import SlaPage
from ui.text import CatalogWords, fill

VIEWS = ("sla", "quota", "handovers")


@dataclass(frozen=True)
class Reviews:
    period: Period
    dimension: str
    sla: SlaReview
    quota: QuotaReview
    handovers: HandoverReview


def compute(desk: Desk, period: Period, dimension: str, progress: Progress | None = None) -> Reviews:
    """The three reviews of one period (on the runner's thread); ``progress`` hears every thousand cases."""
    sla = sla_review(desk, period, progress=progress)
    return Reviews(period, dimension, sla, quota_review(desk, period), handover_review(desk, period))


class ReviewWindow(QDialog):
    open_case = Signal(object)  # uuid.UUID: the main window shows it
    shown = Signal()  # figures on screen (tests wait for it)

    def __init__(self, desk: Desk, clock: Clock, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Review"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.Window)
        self.desk, self.clock = desk, clock
        plan = desk.catalogs.latest
        today = clock.now().astimezone(plan.timezone).date()
        self.bar = PeriodBar(plan.timezone.key, today, self)
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Review views"))
        self.sla = SlaPage(CatalogWords(desk.catalogs, language), desk, self)
        self.quota = QuotaPage(desk.catalogs, language, self)
        self.handovers = HandoverPage(self)
        self.tabs.addTab(self.sla, self.tr("&SLA performance"))
        self.tabs.addTab(self.quota, self.tr("&Quota use"))
        self.tabs.addTab(self.handovers, self.tr("&Handover discipline"))
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Review status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.tabs, 1)
        self.export = ExportButton(self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.export)
        layout.addLayout(bottom)
        self.runner = ReviewRunner(desk, self)
        self.runner.done.connect(self._done)
        self.runner.failed.connect(self._failed)
        self.runner.progress.connect(self._progress)
        self.bar.changed.connect(self.refresh)
        self.sla.open_case.connect(self.open_case)
        self.export.clicked.connect(self.ask_export)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.resize(1200, 800)
        plain_labels(self)
        self.reviews: Reviews | None = None
        self._counting = ""  # the status line while a count runs, before its progress

    def show_view(self, view: str) -> None:
        self.tabs.setCurrentIndex(VIEWS.index(view))
        self.show()
        self.raise_()
        self.activateWindow()
        if self.reviews is None and self.runner.latest == 0:
            self.refresh()

    def refresh(self) -> None:
        try:
            period = self.bar.period()
        except DeskError as exc:
            self.status.setText(error_text(exc))
            return
        dimension = self.bar.dimension()
        self.status.setText(
            fill(self.tr("Counting %1 – %2 (%3)…"), period.first.isoformat(), period.last.isoformat(), period.zone)
        )
        self._counting = self.status.text()
        self.runner.start(lambda desk, progress: compute(desk, period, dimension, progress))

    def _done(self, number: int, result: Any) -> None:
        if number != self.runner.latest:  # the period changed meanwhile: a newer count is on its way
            return
        assert isinstance(result, Reviews)
        self.reviews = result
        self.sla.show_review(result.sla, result.dimension)
        self.quota.show_review(result.quota)
        self.handovers.show_review(result.handovers)
        p = result.period
        self.status.setText(
            fill(
                self.tr(
                    "%1 – %2 in %3, as the SLA engine saw it at the period's end (or now). Nothing here changes data."
                ),
                p.first.isoformat(), p.last.isoformat(), p.zone,
            )
        )  # fmt: skip
        self.export.setEnabled(True)
        self.shown.emit()

    def current_view(self) -> str:
        return VIEWS[self.tabs.currentIndex()]

    def ask_export(self) -> None:
        if self.reviews is None:
            return
        path = self.export.ask(self.reviews, self.current_view())
        if path is not None:
            self.export_to(path)

    def export_to(self, path: Path) -> str:
        """Write the view on screen to ``path`` (PDF, HTML, CSV or JSON by its extension); say how it went."""
        assert self.reviews is not None
        listed = [self.sla.cases.row_at(r) for r in range(self.sla.cases.rowCount())]
        said = self.export.write(self.reviews, self.current_view(), path, self.clock.now(), listed)
        self.status.setText(said)
        return said

    def _progress(self, number: int, counted: int) -> None:
        if number == self.runner.latest:
            self.status.setText(fill(self.tr("%1 %2 cases so far"), self._counting, f"{counted:,}"))

    def _failed(self, number: int, message: str) -> None:
        if number == self.runner.latest:
            self.status.setText(message)

    def closeEvent(self, event: Any) -> None:
        self.runner.wait(5)
        self.sla.behind.wait(5)
        super().closeEvent(event)
