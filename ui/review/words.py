"""The Review window's words for the reviews' codes (outcomes, quota levels, handover states, columns)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ui.text import duration_text, state_text


def code_text(code: str) -> str:
    """A series, level or dimension code in the window's language."""
    words = {
        "met": state_text("met"),
        "missed": state_text("missed"),
        "running": QCoreApplication.translate("Review", "still running"),
        "no_target": state_text("no_target"),
        "over": QCoreApplication.translate("Review", "over the limit"),
        "at_limit": QCoreApplication.translate("Review", "at the limit"),
        "near": QCoreApplication.translate("Review", "near the limit"),
        "unused": QCoreApplication.translate("Review", "unused"),
        "ok": QCoreApplication.translate("Review", "in use"),
        "acknowledged": QCoreApplication.translate("Review", "acknowledged"),
        "signed": QCoreApplication.translate("Review", "signed, not acknowledged"),
        "unsigned": QCoreApplication.translate("Review", "not signed"),
        "tier": QCoreApplication.translate("Review", "Tier"),
        "severity": QCoreApplication.translate("Review", "Severity"),
        "channel": QCoreApplication.translate("Review", "Channel"),
        "agent": QCoreApplication.translate("Review", "Agent"),
        "customer": QCoreApplication.translate("Review", "Customer"),
    }
    return words.get(code, code)


def seconds_text(seconds: int | None) -> str:
    """A lateness or delay; ``-`` when there is none; an early signature reads as ``early``."""
    if seconds is None:
        return "-"
    if seconds < 0:
        return QCoreApplication.translate("Review", "%1 early").replace("%1", duration_text(-seconds))
    return duration_text(seconds)


def rate_text(rate: float | None) -> str:
    return "-" if rate is None else f"{rate * 100:.1f} %"
