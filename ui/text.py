"""User-visible wording for desk's codes (states, statuses, channels, warnings), through Qt's translator."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from desk.sla import format_duration


def state_text(state: str) -> str:
    labels = {
        "no_target": QCoreApplication.translate("Labels", "no target"),
        "pending": QCoreApplication.translate("Labels", "pending"),
        "on_track": QCoreApplication.translate("Labels", "on track"),
        "at_risk": QCoreApplication.translate("Labels", "at risk"),
        "breached": QCoreApplication.translate("Labels", "breached"),
        "met": QCoreApplication.translate("Labels", "met"),
        "missed": QCoreApplication.translate("Labels", "missed"),
        "paused": QCoreApplication.translate("Labels", "paused"),
    }
    return labels.get(state, state)


def status_text(status: str) -> str:
    labels = {
        "new": QCoreApplication.translate("Labels", "new"),
        "in_progress": QCoreApplication.translate("Labels", "in progress"),
        "waiting_customer": QCoreApplication.translate("Labels", "waiting on customer"),
        "resolved": QCoreApplication.translate("Labels", "resolved"),
        "closed": QCoreApplication.translate("Labels", "closed"),
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
    labels = {
        "opened": QCoreApplication.translate("Labels", "opened"),
        "severity": QCoreApplication.translate("Labels", "re-graded"),
        "status": QCoreApplication.translate("Labels", "status"),
        "response": QCoreApplication.translate("Labels", "response"),
        "assignee": QCoreApplication.translate("Labels", "assigned"),
        "note": QCoreApplication.translate("Labels", "note"),
        "field": QCoreApplication.translate("Labels", "field changed"),
    }
    return labels.get(kind, kind)


def remaining_text(state: str, remaining_s: int | None) -> str:
    """``12:04``, ``2h 40m``, ``-0:05 overdue``; non-running states read as themselves, never a countdown."""
    if state in ("on_track", "at_risk") and remaining_s is not None:
        return format_duration(remaining_s)
    if state == "breached" and remaining_s is not None:
        return QCoreApplication.translate("Labels", "%1 overdue").replace("%1", format_duration(min(remaining_s, 0)))
    if state == "paused" and remaining_s is not None:
        return QCoreApplication.translate("Labels", "paused, %1 left").replace("%1", format_duration(remaining_s))
    return state_text(state)


def local_time(instant: datetime | None) -> str:
    """An instant in the agent's time zone."""
    if instant is None:
        return "–"
    return instant.astimezone().strftime("%Y-%m-%d %H:%M")


def yes_no(value: bool) -> str:
    return QCoreApplication.translate("Labels", "yes") if value else QCoreApplication.translate("Labels", "no")
