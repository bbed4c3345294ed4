"""What each cell of the queue shows, built from the queue's columns only when the cell is painted."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from desk.clock import Clock
from desk.queue import SortKey, countdown
from desk.queue_columns import QueueColumns, instant
from ui.countdown import CLOCK_ROLE, SEVERITY_ROLE, severity_colour
from ui.plain import plain_tooltip
from ui.text import CatalogWords, fill, local_time, spoken_countdown, state_text, status_text

COLUMNS: tuple[SortKey, ...] = (
    "deadline", "severity", "ref", "customer", "tier", "title", "status", "assignee", "channel", "opened",
)  # fmt: skip
COUNTDOWN, SEVERITY, REF = 0, 1, 2
TITLE = COLUMNS.index("title")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 3
STATE_ROLE = Qt.ItemDataRole.UserRole + 4
ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.DecorationRole,
        CLOCK_ROLE,
        SEVERITY_ROLE,
        ENTRY_ROLE,
        STATE_ROLE,
    }
)


def column_title(column: int) -> str:
    titles = (
        QCoreApplication.translate("QueueModel", "Countdown"),
        QCoreApplication.translate("QueueModel", "Severity"),
        QCoreApplication.translate("QueueModel", "Case"),
        QCoreApplication.translate("QueueModel", "Customer"),
        QCoreApplication.translate("QueueModel", "Tier"),
        QCoreApplication.translate("QueueModel", "Title"),
        QCoreApplication.translate("QueueModel", "Status"),
        QCoreApplication.translate("QueueModel", "Assignee"),
        QCoreApplication.translate("QueueModel", "Channel"),
        QCoreApplication.translate("QueueModel", "Opened"),
    )
    return titles[column]


def cell(cols: QueueColumns, slot: int, column: int, role: int, clock: Clock, words: CatalogWords) -> object:
    """One cell's value for one role (None for roles the queue does not answer)."""
    if role == Qt.ItemDataRole.DisplayRole:
        return display(cols, slot, column, clock, words)
    if role == CLOCK_ROLE:
        return cols.clock(slot)
    if role == SEVERITY_ROLE:
        return cols.ranks[slot]
    if role == ENTRY_ROLE:
        return cols.entry(slot)
    if role == STATE_ROLE:
        return countdown(cols.clock(slot), clock.now()).state
    if role == Qt.ItemDataRole.DecorationRole:
        return severity_colour(cols.ranks[slot]) if column == SEVERITY else None
    if role == Qt.ItemDataRole.ToolTipRole and column in (COUNTDOWN, TITLE):
        return plain_tooltip(cols.titles[slot]) if column == TITLE else clock_tip(cols, slot, clock, words)
    if role == Qt.ItemDataRole.AccessibleTextRole and column == COUNTDOWN:
        # What a screen reader says: the severity, the time shown in words, and the state.
        value = countdown(cols.clock(slot), clock.now())
        return spoken_countdown(cols.severities[slot], value.state, value.remaining_s)
    return None


def display(cols: QueueColumns, slot: int, column: int, clock: Clock, words: CatalogWords) -> str:
    key = COLUMNS[column]
    if key == "deadline":
        return state_text(countdown(cols.clock(slot), clock.now()).state)
    if key == "severity":
        return cols.severities[slot]
    if key == "ref":
        return cols.refs[slot]
    if key == "customer":
        return cols.customer_names[slot]
    if key == "tier":
        return cols.tiers[slot] or "–"
    if key == "title":
        return cols.titles[slot]
    if key == "status":
        return status_text(cols.statuses[slot])
    if key == "assignee":
        return cols.assignees[slot]
    if key == "channel":
        return words.channel(cols.channels[slot])
    return local_time(instant(cols.opened[slot]))


def clock_tip(cols: QueueColumns, slot: int, clock: Clock, words: CatalogWords) -> str:
    shown = cols.clock(slot)
    if shown is None or shown.deadline is None:
        return state_text(countdown(shown, clock.now()).state)
    return fill(QCoreApplication.translate("QueueModel", "%1: %2"), words.clock(shown.name), local_time(shown.deadline))
