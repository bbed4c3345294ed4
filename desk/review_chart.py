"""A review chart as plain data (categories, stacked series), and the same chart as SVG for HTML.

The window and the PDF draw this description with QPainter (``ui.review.chart``), the HTML with
``chart_svg``: one description, so the three cannot disagree. Series carry codes (``met``, ``missed``);
the caller words them (the window through ``tr()``, the exports in English and Chinese). Categories
may be user text (an agent's or a customer's name) and are escaped here.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from desk.palette import THEMES, outcome_colour


@dataclass(frozen=True)
class Series:
    key: str  # a code: met, missed, running, at_limit, signed ...
    values: tuple[int, ...]  # one per category

    @property
    def colour(self) -> str:
        return outcome_colour(self.key)


@dataclass(frozen=True)
class Chart:
    """Stacked bars: one per category, one segment per series."""

    key: str  # what it shows: sla_by_week, sla_by_tier, quota_by_kind, handovers_by_week ...
    categories: tuple[str, ...]  # the values (codes, names, weeks) the bars stand for
    series: tuple[Series, ...]
    labels: tuple[str, ...] = ()  # the categories in words, where a renderer worded them

    def label(self, index: int) -> str:
        return self.labels[index] if self.labels else self.categories[index]

    def total(self, index: int) -> int:
        return sum(s.values[index] for s in self.series)

    @property
    def peak(self) -> int:
        return max([self.total(i) for i in range(len(self.categories))] + [1])


def chart_of(key: str, categories: list[str], counts: list[dict[str, int]], series: tuple[str, ...]) -> Chart:
    """A chart from one count per (category, series code)."""
    return Chart(key, tuple(categories), tuple(Series(s, tuple(c.get(s, 0) for c in counts)) for s in series))


def chart_svg(
    chart: Chart, word: Callable[[str], str], title: str, theme: str = "light", width: int = 720, height: int = 240
) -> str:
    """The chart as inline SVG (no script, no external reference): bars, totals, legend, axis labels."""
    ink = THEMES[theme]
    e = _e
    left, top, bottom, right = 40, 44, 40, 10  # the top leaves room for the legend and a bar's total
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = chart.peak
    n = max(len(chart.categories), 1)
    bar_w = plot_w / n
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{e(title)}" font-family="sans-serif" font-size="10" fill="{ink["text"]}">',
        f"<title>{e(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="{ink["axis"]}"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{top + plot_h}" stroke="{ink["axis"]}"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>',
    ]
    fit = max(int(bar_w / 6), 4)  # characters of a 10 px font under one bar
    for i in range(len(chart.categories)):
        category = chart.label(i)
        x, y = left + i * bar_w, float(top + plot_h)
        tip = ", ".join(f"{word(s.key)} {s.values[i]}" for s in chart.series)
        parts.append(f"<g><title>{e(category)}: {e(tip)}</title>")
        for s in chart.series:
            if not s.values[i]:
                continue
            h = plot_h * s.values[i] / peak
            y -= h
            parts.append(
                f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{max(bar_w - 4, 1):.1f}" height="{h:.1f}" '
                f'fill="{s.colour}" stroke="{ink["axis"]}" stroke-width="0.5"/>'
            )
        parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{chart.total(i)}</text>')
        parts.append("</g>")
        if n <= 16 or i % 2 == 0:
            parts.append(
                f'<text x="{x + bar_w / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle">'
                f"{e(short(category, fit))}</text>"
            )
    lx = left
    for s in chart.series:
        parts.append(
            f'<rect x="{lx}" y="8" width="10" height="10" fill="{s.colour}" stroke="{ink["axis"]}" stroke-width="0.5"/>'
        )
        parts.append(f'<text x="{lx + 14}" y="17">{e(word(s.key))}</text>')
        lx += 14 + 7 * len(word(s.key)) + 12
    parts.append("</svg>")
    return "".join(parts)


def short(text: str, limit: int = 14) -> str:
    """A category label cut to fit under its bar (the table beside the chart has it whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)
