"""User-visible wording for desk's codes (states, statuses, channels, warnings), through Qt's translator."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from desk.catalog import CatalogRegistry
from desk.clock import offset_label
from desk.sla import duration_parts
from desk.vocabulary import CaseStatus, ClockState, EventKind


def state_text(state: str) -> str:
    labels: dict[str, str] = {
        ClockState.NO_TARGET: QCoreApplication.translate("Labels", "no target"),
        ClockState.PENDING: QCoreApplication.translate("Labels", "pending"),
        ClockState.ON_TRACK: QCoreApplication.translate("Labels", "on track"),
        ClockState.AT_RISK: QCoreApplication.translate("Labels", "at risk"),
        ClockState.BREACHED: QCoreApplication.translate("Labels", "breached"),
        ClockState.MET: QCoreApplication.translate("Labels", "met"),
        ClockState.MISSED: QCoreApplication.translate("Labels", "missed"),
        ClockState.PAUSED: QCoreApplication.translate("Labels", "paused"),
    }
    return labels.get(state, state)


def status_text(status: str) -> str:
    labels: dict[str, str] = {
        CaseStatus.NEW: QCoreApplication.translate("Labels", "new"),
        CaseStatus.IN_PROGRESS: QCoreApplication.translate("Labels", "in progress"),
        CaseStatus.WAITING_CUSTOMER: QCoreApplication.translate("Labels", "waiting on customer"),
        CaseStatus.RESOLVED: QCoreApplication.translate("Labels", "resolved"),
        CaseStatus.CLOSED: QCoreApplication.translate("Labels", "closed"),
    }
    return labels.get(status, status)


def warning_text(code: str) -> str:
    labels = {
        "no_active_contract": QCoreApplication.translate(
            "Labels", "No contract in force: the case has no contractual target."
        ),
        "no_contractual_target": QCoreApplication.translate(
            "Labels", "This tier commits to no response time (no contractual target)."
        ),
        "severity_not_in_tier": QCoreApplication.translate(
            "Labels", "The tier has no such severity: the tier's best target applies."
        ),
        "channel_not_entitled": QCoreApplication.translate("Labels", "The tier is not entitled to this channel."),
        "third_party_out_of_scope": QCoreApplication.translate(
            "Labels", "Third-party software is out of scope for this tier."
        ),
    }
    return labels.get(code, code)


def booking_problem_text(code: str) -> str:
    labels = {
        "not_entitled": QCoreApplication.translate("Labels", "The tier is not entitled to this quota."),
        "over_quota": QCoreApplication.translate("Labels", "Over the quota of this contract year."),
        "over_duration": QCoreApplication.translate("Labels", "Longer than the catalog allows."),
        "outside_contract": QCoreApplication.translate("Labels", "Outside the contract's dates."),
        "bad_dates": QCoreApplication.translate("Labels", "The end is before the start."),
        "bad_persons": QCoreApplication.translate("Labels", "At least one person."),
        "missing_course": QCoreApplication.translate("Labels", "Training needs a course."),
        "unknown_kind": QCoreApplication.translate("Labels", "Unknown quota kind."),
    }
    return labels.get(code, code)


def event_text(kind: str) -> str:
    labels: dict[str, str] = {
        EventKind.OPENED: QCoreApplication.translate("Labels", "opened"),
        EventKind.SEVERITY: QCoreApplication.translate("Labels", "re-graded"),
        EventKind.STATUS: QCoreApplication.translate("Labels", "status"),
        EventKind.RESPONSE: QCoreApplication.translate("Labels", "response"),
        EventKind.ASSIGNEE: QCoreApplication.translate("Labels", "assigned"),
        EventKind.NOTE: QCoreApplication.translate("Labels", "note"),
        EventKind.FIELD: QCoreApplication.translate("Labels", "field changed"),
    }
    return labels.get(kind, kind)


def duration_text(seconds: int) -> str:
    """A span of time a person cannot misread, in the window's language: ``48 s``, ``12 min 4 s``,
    ``40 min``, ``2 h 40 min``, ``3 d 4 h`` (``12分4秒``, ``2小时40分``, ``3天4小时`` in Chinese).

    Always positive: callers say "overdue" or "left" in words. Two units at most; seconds only under an
    hour, where the countdown ticks; a zero second unit is left out.
    """
    big, unit, small, _ = duration_parts(seconds)
    patterns = {  # (the big unit alone, with the small one)
        "s": ("%1 s", "%1 s"),
        "min": ("%1 min", "%1 min %2 s"),
        "h": ("%1 h", "%1 h %2 min"),
        "d": ("%1 d", "%1 d %2 h"),
    }
    alone, both = patterns[unit]
    text = QCoreApplication.translate("Duration", both if small else alone)
    return fill(text, str(big), str(small))


# The unit patterns above, spelled out for lupdate (it cannot follow a variable into translate()).
_UNITS = (
    QT_TRANSLATE_NOOP("Duration", "%1 s"),
    QT_TRANSLATE_NOOP("Duration", "%1 min"),
    QT_TRANSLATE_NOOP("Duration", "%1 min %2 s"),
    QT_TRANSLATE_NOOP("Duration", "%1 h"),
    QT_TRANSLATE_NOOP("Duration", "%1 h %2 min"),
    QT_TRANSLATE_NOOP("Duration", "%1 d"),
    QT_TRANSLATE_NOOP("Duration", "%1 d %2 h"),
)


def remaining_text(state: str, remaining_s: int | None) -> str:
    """``12 min 04 s``, ``2 h 40 min``, ``5 s overdue``; non-running states read as themselves, never a countdown."""
    if state in (ClockState.ON_TRACK, ClockState.AT_RISK) and remaining_s is not None:
        return duration_text(max(remaining_s, 0))
    if state == ClockState.BREACHED and remaining_s is not None:
        return QCoreApplication.translate("Labels", "%1 overdue").replace("%1", duration_text(min(remaining_s, 0)))
    if state == ClockState.PAUSED and remaining_s is not None:
        return QCoreApplication.translate("Labels", "paused, %1 left").replace("%1", duration_text(remaining_s))
    return state_text(state)


def spoken_countdown(severity: str, state: str, remaining_s: int | None) -> str:
    """What a screen reader says for a countdown cell: ``S1, 3 min left, at risk``.

    The severity first (the hue a sighted agent sees), then the time in words, then the state.
    """
    if state in (ClockState.ON_TRACK, ClockState.AT_RISK) and remaining_s is not None:
        time = QCoreApplication.translate("Labels", "%1 left").replace("%1", duration_text(max(remaining_s, 0)))
    elif state in (ClockState.BREACHED, ClockState.PAUSED) and remaining_s is not None:
        time = remaining_text(state, remaining_s)
        if state == ClockState.PAUSED:
            return QCoreApplication.translate("Labels", "%1, %2").replace("%1", severity).replace("%2", time)
    else:
        return QCoreApplication.translate("Labels", "%1, %2").replace("%1", severity).replace("%2", state_text(state))
    return (
        QCoreApplication.translate("Labels", "%1, %2, %3")
        .replace("%1", severity)
        .replace("%2", time)
        .replace("%3", state_text(state))
    )


def isolate(text: str) -> str:
    """User text wrapped in Unicode's first-strong isolate (U+2068 ... U+2069).

    A title holding a right-to-left override (U+202E) or Arabic/Hebrew letters then keeps its own
    direction without reordering the desk's words around it on the same line; Qt's layout honours the
    isolates and does not draw them. Use it wherever user text is joined with other text on one line.
    """
    return f"\u2068{text}\u2069" if text else text


# The zone the window shows instants in: None is the workstation's own zone. Process-wide like the
# installed translator, and set the same way: by the composition root from the settings, at start and
# when the agent changes them.
_display_zone: ZoneInfo | None = None


def set_display_zone(name: str) -> None:
    """Show instants in the IANA zone ``name`` (e.g. ``Asia/Shanghai``); empty: the workstation's zone.

    An unknown name is ignored (the workstation's zone applies) rather than breaking every time shown.
    """
    global _display_zone
    try:
        _display_zone = ZoneInfo(name) if name else None
    except (ZoneInfoNotFoundError, ValueError):
        _display_zone = None


def display_zone_name() -> str:
    """The IANA name of the display zone, empty for the workstation's own zone."""
    return str(_display_zone) if _display_zone is not None else ""


def zone_label(instant: datetime | None = None) -> str:
    """The display zone as people read it beside a time: ``UTC+8``, ``UTC-3:30``, ``UTC``.

    An offset, not an abbreviation: ``CST`` is China, Cuba and the US Midwest at once. At ``instant``
    (DST moves the offset), else now.
    """
    at = instant if instant is not None else datetime.now(UTC)
    return offset_label(at.astimezone(_display_zone).utcoffset())


def local_time(instant: datetime | None, *, zone: bool = True, seconds: bool = False) -> str:
    """An instant in the display zone, labelled with that zone (``2026-11-26 14:05 UTC+8``).

    ``zone=False`` leaves the label out where it is said once for many times (a column's header);
    ``seconds=True`` adds the seconds (a tooltip, where the exact instant matters).
    """
    if instant is None:
        return "–"
    text = instant.astimezone(_display_zone).strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} {zone_label(instant)}" if zone else text


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Labels", "yes") if value else QCoreApplication.translate("Labels", "no")


def case_line(ref: str, title: str) -> str:
    """A case as one line of a heading or a question: ``C-0042 · <title>``, the title isolated."""
    return f"{ref} · {isolate(title)}"


class CatalogWords:
    """The catalogs' codes (channels, clocks) in the words of the window's language (``zh`` or ``en``).

    Every installed plan is asked, newest first: a case opened under an older plan still reads in words.
    A code no plan knows reads as itself rather than failing.
    """

    def __init__(self, catalogs: CatalogRegistry | None, language: str) -> None:
        self._catalogs = [catalogs.get(v) for v in reversed(catalogs.versions())] if catalogs is not None else []
        self._language = language

    def channel(self, code: str) -> str:
        for catalog in self._catalogs:
            if code in catalog.channels:
                return catalog.channels[code].name.get(self._language)
        return code

    def clock(self, name: str) -> str:
        for catalog in self._catalogs:
            try:
                return catalog.clock(name).label.get(self._language)
            except KeyError:
                continue
        return name


def fill(pattern: str, *values: str) -> str:
    """Qt's ``%1``, ``%2``… placeholders of a translated ``pattern`` filled in one pass.

    Chained ``.replace("%1", a).replace("%2", b)`` rewrites a ``%2`` inside ``a``: a customer named
    ``Acme %3`` would read ``Acme S1``. Here each value is inserted as it is, whatever it holds.
    """

    def value(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return values[index] if 0 <= index < len(values) else match.group(0)

    return re.sub(r"%(\d)", value, pattern)
