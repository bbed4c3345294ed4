"""The SLA performance view: met / missed / still running per week and per breakdown, and the cases behind."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desk.review_sla import OUTCOMES, SlaCase, SlaReview, Tally, cases_behind
from desk.services import Desk
from ui.review.chart_view import ChartView
from ui.review.runner import ReviewRunner
from ui.review.table import RowsModel
from ui.review.words import code_text, rate_text, seconds_text
from ui.text import CatalogWords, fill


def make_table(model: RowsModel, name: str, parent: QWidget, small: bool = False) -> QTableView:
    """A read-only table; ``small`` ones (a few figures per group) fit their columns to the text."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)  # fixed row heights: a long list stays cheap
    view.setAccessibleName(name)
    header = view.horizontalHeader()
    if small:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    else:  # a long list: columns the user may widen, fitted to the first rows only (never all of them)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setResizeContentsPrecision(100)
        model.modelReset.connect(view.resizeColumnsToContents)
    return view


def titled(widget: QWidget, title: QLabel) -> QVBoxLayout:
    """A chart or table under its title (the title in bold, the widget's accessible name the same)."""
    font = title.font()
    font.setBold(True)
    title.setFont(font)
    title.setBuddy(widget)
    box = QVBoxLayout()
    box.addWidget(title)
    box.addWidget(widget, 1)
    return box


class SlaPage(QWidget):
    open_case = Signal(object)  # uuid.UUID
    listed = Signal()  # the cases behind a number are on screen (tests wait for it)

    def __init__(self, words: CatalogWords, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = words
        self.review: SlaReview | None = None
        # The cases behind a number are read when asked, off the GUI thread: a month of a large desk is too
        # many to hold, and a read of thousands must not stop the window.
        self.behind = ReviewRunner(desk, self)
        self.behind.done.connect(self._listed)
        self.behind.failed.connect(self._list_failed)
        self._title: Callable[[int], str] = str
        self.dimension = "tier"
        self._groups: list[str] = []
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("SLA summary"))
        self.week_chart = ChartView(code_text, self)
        self.group_chart = ChartView(code_text, self)
        tally_columns: list[tuple[str, Any]] = [
            (self.tr("met"), lambda r: str(r[1].met)),
            (self.tr("missed"), lambda r: str(r[1].missed)),
            (self.tr("still running"), lambda r: str(r[1].running)),
            (self.tr("no target"), lambda r: str(r[1].no_target)),
            (self.tr("met rate"), lambda r: rate_text(r[1].met_rate)),
            (self.tr("median lateness"), lambda r: seconds_text(r[1].median_late_s)),
            (self.tr("90th percentile"), lambda r: seconds_text(r[1].p90_late_s)),
            (self.tr("worst"), lambda r: seconds_text(r[1].worst_late_s)),
        ]
        numeric = frozenset(range(1, 9))
        self.figures = RowsModel([(self.tr("Group"), lambda r: self._group_text(r[0])), *tally_columns], self, numeric)
        self.internal = RowsModel([(self.tr("Clock"), lambda r: words.clock(r[0])), *tally_columns], self, numeric)
        self.cases = RowsModel(
            [
                (self.tr("Case"), lambda c: c.ref),
                (self.tr("Customer"), lambda c: c.customer_name),
                (self.tr("Tier"), lambda c: c.tier or "-"),
                (self.tr("Severity"), lambda c: c.severity),
                (self.tr("Channel"), lambda c: words.channel(c.channel)),
                (self.tr("Agent"), lambda c: c.agent or "-"),
                (self.tr("First response"), lambda c: code_text(c.outcome)),
                (self.tr("Late by"), lambda c: seconds_text(c.late_s)),
            ],
            self,
        )
        self.figures_view = make_table(self.figures, self.tr("SLA figures by group"), self, small=True)
        self.internal_view = make_table(self.internal, self.tr("Internal clocks"), self, small=True)
        self.cases_view = make_table(self.cases, self.tr("The cases behind the number"), self)
        self.cases_title = QLabel(self.tr("The cases behind a number: choose a figure or a bar"), self)
        internal_title = QLabel(self.tr("Internal clocks (ours, not the plan's)"), self)
        self.week_title = QLabel(self)
        self.group_title = QLabel(self)
        charts = QHBoxLayout()
        charts.addLayout(titled(self.week_chart, self.week_title))
        charts.addLayout(titled(self.group_chart, self.group_title))
        left = QVBoxLayout()
        left.addWidget(self.figures_view, 3)
        left.addWidget(internal_title)
        left.addWidget(self.internal_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.cases_title)
        right.addWidget(self.cases_view)
        lower = QHBoxLayout()
        lower.addLayout(left, 1)
        lower.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(charts)
        layout.addLayout(lower, 1)
        self.figures_view.clicked.connect(self._figure_chosen)
        self.figures_view.activated.connect(self._figure_chosen)
        self.week_chart.activated.connect(self._week_chosen)
        self.group_chart.activated.connect(self._group_chosen)
        self.cases_view.activated.connect(self._case_chosen)
        self.cases_view.doubleClicked.connect(self._case_chosen)

    def _group_text(self, key: str) -> str:
        if self.dimension == "channel":
            return self.words.channel(key)
        return key or "-"

    def show_review(self, review: SlaReview, dimension: str) -> None:
        self.review, self.dimension = review, dimension
        overall = review.overall
        self.summary.setText(
            fill(
                self.tr("%1 cases opened · met %2 · missed %3 · still running %4 · no target %5 · met rate %6 · "
                        "lateness of the missed: median %7, 90th percentile %8, worst %9"),
                str(overall.total), str(overall.met), str(overall.missed), str(overall.running),
                str(overall.no_target), rate_text(overall.met_rate), seconds_text(overall.median_late_s),
                seconds_text(overall.p90_late_s), seconds_text(overall.worst_late_s),
            )
        )  # fmt: skip
        groups = review.by(dimension)
        self._groups = list(groups)
        self.figures.set_rows(list(groups.items()))
        self.internal.set_rows(list(review.internal().items()))
        self.week_title.setText(self.tr("First responses per week"))
        self.week_chart.set_chart(review.week_chart(), self.week_title.text())
        chart = review.chart_by(dimension)
        if dimension == "channel":
            chart = replace(chart, labels=tuple(self.words.channel(c) for c in chart.categories))
        self.group_title.setText(fill(self.tr("First responses by %1"), code_text(dimension)))
        self.group_chart.set_chart(chart, self.group_title.text())
        self._show_cases([], self.tr("The cases behind a number: choose a figure or a bar"))

    def _show_cases(self, cases: list[SlaCase], title: str) -> None:
        self.cases.set_rows(cases)
        self.cases_title.setText(title)

    def _read_cases(
        self, title: Callable[[int], str], outcome: str | None, week: date | None = None, **where: str
    ) -> None:
        """Read the cases behind a number on the runner's thread; ``title`` says what they are, given how many."""
        review = self.review
        if review is None:
            return
        self._title = title
        self._show_cases([], self.tr("Reading the cases…"))
        self.behind.start(lambda desk, _progress: cases_behind(desk, review, outcome, week=week, **where))

    def _listed(self, number: int, found: Any) -> None:
        if number == self.behind.latest:  # an older click's cases arriving late are not shown
            self._show_cases(found, self._title(len(found)))
            self.listed.emit()

    def _list_failed(self, number: int, message: str) -> None:
        if number == self.behind.latest:
            self._show_cases([], message)

    def _figure_chosen(self, index: QModelIndex) -> None:
        if self.review is None or not index.isValid():
            return
        key, tally = self.figures.row_at(index.row())
        assert isinstance(tally, Tally)
        outcome = OUTCOMES[index.column() - 1] if 1 <= index.column() <= len(OUTCOMES) else None
        what = code_text(outcome) if outcome else self.tr("all")
        group = self._group_text(key)
        self._read_cases(
            lambda n: fill(self.tr("%1 · %2: %3 case(s)"), group, what, str(n)), outcome, None, **{self.dimension: key}
        )

    def _week_chosen(self, index: int) -> None:
        if self.review is None or index >= len(self.review.weeks):
            return
        week = self.review.weeks[index]
        self._read_cases(lambda n: fill(self.tr("Week of %1: %2 case(s)"), str(week), str(n)), None, week)

    def _group_chosen(self, index: int) -> None:
        if self.review is None or index >= len(self._groups):
            return
        key = self._groups[index]
        group, what = self._group_text(key), self.tr("all")
        self._read_cases(
            lambda n: fill(self.tr("%1 · %2: %3 case(s)"), group, what, str(n)), None, None, **{self.dimension: key}
        )

    def _case_chosen(self, index: QModelIndex) -> None:
        if index.isValid():
            case = self.cases.row_at(index.row())
            self.open_case.emit(uuid.UUID(str(case.case_id)))
