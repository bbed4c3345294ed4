"""The quota use and handover discipline views: a chart, the figures, and what lies behind a bar or a row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desk.catalog import CatalogRegistry
from desk.review_handover import HandoverReview, HandoverTally
from desk.review_quota import QuotaReview
from ui.review.chart_view import ChartView
from ui.review.sla_page import make_table, titled
from ui.review.table import RowsModel
from ui.review.words import code_text, seconds_text
from ui.text import fill, local_time


class QuotaPage(QWidget):
    def __init__(self, catalogs: CatalogRegistry, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        latest = catalogs.latest
        self._kind = {k: q.name.get(language) for k, q in latest.quotas.items()}
        self.review: QuotaReview | None = None
        self.summary = QLabel(self)
        self.chart = ChartView(code_text, self)
        self.lines = RowsModel(
            [
                (self.tr("Customer"), lambda q: q.customer_name),
                (self.tr("Contract"), lambda q: q.contract),
                (self.tr("Tier"), lambda q: q.tier),
                (self.tr("Quota"), lambda q: self.kind_text(q.kind)),
                (self.tr("Course"), lambda q: q.course or "-"),
                (self.tr("Limit"), lambda q: str(q.total)),
                (self.tr("Used"), lambda q: str(q.used)),
                (self.tr("Left"), lambda q: str(q.remaining)),
                (self.tr("Contract year ends"), lambda q: q.year_ends.isoformat()),
                (self.tr("Level"), lambda q: code_text(q.level)),
            ],
            self,
            frozenset({5, 6, 7}),
        )
        self.overrides = RowsModel(
            [
                (self.tr("Booking"), lambda o: o.booking),
                (self.tr("Customer"), lambda o: o.customer_name),
                (self.tr("Quota"), lambda o: self.kind_text(o.kind)),
                (self.tr("Days"), lambda o: f"{o.start.isoformat()} – {o.end.isoformat()}"),
                (self.tr("Booked by"), lambda o: o.booked_by),
                (self.tr("Booked at"), lambda o: local_time(o.booked_at, zone=False)),
                (self.tr("Reason"), lambda o: o.reason),
            ],
            self,
        )
        self.lines_title = QLabel(self)
        self.lines_view = make_table(self.lines, self.tr("Quota use per contract"), self)
        self.overrides_view = make_table(self.overrides, self.tr("Bookings made with an override"), self)
        self.overrides_title = QLabel(self)
        self.chart_title = QLabel(self.tr("Contracts per quota and level"), self)
        top = QHBoxLayout()
        top.addLayout(titled(self.chart, self.chart_title), 1)
        side = QVBoxLayout()
        side.addWidget(self.overrides_title)
        side.addWidget(self.overrides_view)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.lines_view, 1)
        self.chart.activated.connect(self._kind_chosen)

    def kind_text(self, kind: str) -> str:
        return self._kind.get(kind, kind)

    def show_review(self, review: QuotaReview) -> None:
        self.review = review
        counts = {
            level: sum(c[level] for c in review.counts().values()) for level in ("over", "at_limit", "near", "unused")
        }
        self.summary.setText(
            fill(
                self.tr("On %1: %2 over the limit · %3 at the limit · %4 near it · %5 not used yet this contract year"),
                review.day.isoformat(), str(counts["over"]), str(counts["at_limit"]), str(counts["near"]),
                str(counts["unused"]),
            )
        )  # fmt: skip
        chart = review.chart()
        self.chart.set_chart(
            replace(chart, labels=tuple(self.kind_text(k) for k in chart.categories)),
            self.tr("Contracts per quota and level"),
        )
        self.overrides.set_rows(list(review.overrides))
        self.overrides_title.setText(fill(self.tr("Bookings made with an override: %1"), str(len(review.overrides))))
        self._show_lines(list(review.lines), self.tr("Every quota in force"))

    def _show_lines(self, lines: Sequence[object], title: str) -> None:
        self.lines.set_rows(lines)
        self.lines_title.setText(fill(self.tr("%1: %2 line(s)"), title, str(len(lines))))

    def _kind_chosen(self, index: int) -> None:
        if self.review is None or index >= len(self.review.kinds):
            return
        kind = self.review.kinds[index]
        self._show_lines([q for q in self.review.lines if q.kind == kind], self.kind_text(kind))


class HandoverPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.review: HandoverReview | None = None
        self.summary = QLabel(self)
        self.chart = ChartView(code_text, self)
        self.agents = RowsModel(
            [
                (self.tr("Agent"), lambda r: r[0]),
                (self.tr("Week of"), lambda r: r[1].isoformat() if r[1] is not None else self.tr("all weeks")),
                (self.tr("Shifts"), lambda r: str(r[2].shifts)),
                (self.tr("Signed"), lambda r: str(r[2].signed)),
                (self.tr("Acknowledged"), lambda r: str(r[2].acknowledged)),
                (self.tr("Signed after the shift (median)"), lambda r: seconds_text(r[2].median_sign_delay_s)),
                (self.tr("Latest signature"), lambda r: seconds_text(r[2].worst_sign_delay_s)),
                (self.tr("Acknowledged after signing (median)"), lambda r: seconds_text(r[2].median_ack_delay_s)),
                (self.tr("Open points at signing"), lambda r: str(r[2].open_points)),
                (self.tr("Revisions after signing"), lambda r: str(r[2].revisions_after_signing)),
            ],
            self,
            frozenset(range(2, 10)),
        )  # per agent (all weeks), then that agent's weeks
        self.shifts = RowsModel(
            [
                (self.tr("Agent"), lambda x: x.agent),
                (self.tr("To"), lambda x: x.incoming or "-"),
                (self.tr("Shift ended"), lambda x: local_time(x.ends_at, zone=False)),
                (self.tr("State"), lambda x: code_text(x.state)),
                (self.tr("Signed after the shift"), lambda x: seconds_text(x.sign_delay_s)),
                (self.tr("Acknowledged after signing"), lambda x: seconds_text(x.ack_delay_s)),
                (self.tr("Open points at signing"), lambda x: "-" if x.open_points is None else str(x.open_points)),
                (self.tr("Revisions after signing"), lambda x: str(x.revisions_after_signing)),
            ],
            self,
        )
        self.agents_view = make_table(self.agents, self.tr("Handovers per agent"), self, small=True)
        self.shifts_view = make_table(self.shifts, self.tr("The shifts behind the number"), self)
        self.shifts_title = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        self.chart_title = QLabel(self.tr("Handovers per week"), self)
        top = QHBoxLayout()
        top.addLayout(titled(self.chart, self.chart_title), 1)
        top.addWidget(self.agents_view, 1)
        layout.addLayout(top)
        layout.addWidget(self.shifts_title)
        layout.addWidget(self.shifts_view, 1)
        self.chart.activated.connect(self._week_chosen)
        self.agents_view.clicked.connect(self._agent_chosen)
        self.agents_view.activated.connect(self._agent_chosen)

    def show_review(self, review: HandoverReview) -> None:
        self.review = review
        lines = review.lines
        signed = sum(1 for x in lines if x.signed_at is not None)
        acked = sum(1 for x in lines if x.acknowledged_at is not None)
        self.summary.setText(
            fill(
                self.tr("%1 shift(s) ended in the period · %2 signed · %3 acknowledged"),
                str(len(lines)),
                str(signed),
                str(acked),
            )
        )
        self.chart.set_chart(review.chart(), self.tr("Handovers per week"))
        weeks = review.by_agent_week()
        rows: list[tuple[str, date | None, HandoverTally]] = []
        for agent, total in review.by_agent().items():
            rows.append((agent, None, total))
            rows += [(agent, week, t) for (who, week), t in weeks.items() if who == agent]
        self.agents.set_rows(rows)
        self._show_shifts(list(lines), self.tr("Every shift"))

    def _show_shifts(self, shifts: Sequence[object], title: str) -> None:
        self.shifts.set_rows(shifts)
        self.shifts_title.setText(fill(self.tr("%1: %2 shift(s)"), title, str(len(shifts))))

    def _week_chosen(self, index: int) -> None:
        if self.review is None or index >= len(self.review.weeks):
            return
        week = self.review.weeks[index]
        self._show_shifts(self.review.shifts_behind(week=week), fill(self.tr("Week of %1"), week.isoformat()))

    def _agent_chosen(self, index: QModelIndex) -> None:
        if self.review is None or not index.isValid():
            return
        agent, week, _ = self.agents.row_at(index.row())
        title = agent if week is None else f"{agent} · {fill(self.tr('Week of %1'), week.isoformat())}"
        self._show_shifts(self.review.shifts_behind(agent=agent, week=week), title)
