"""What an action will do to a case's clocks, in words, from the catalog's clock rules and the SLA engine's answers."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from desk.caseviews import CaseDetail, RegradePreview
from desk.catalog import Catalog
from desk.sla import ClockResult
from desk.vocabulary import ClockState
from ui.text import local_time, remaining_text


def severity_name(catalog: Catalog, code: str, language: str) -> str:
    severity = catalog.severities.get(code)
    return f"{code} {severity.name.get(language)}" if severity is not None else code


def _where(clock: ClockResult) -> str:
    """A clock's position: its deadline and time left, or its budget left while paused."""
    if clock.state == ClockState.PAUSED:
        return remaining_text(clock.state, clock.remaining_s)
    if clock.deadline is None:
        return remaining_text(clock.state, clock.remaining_s)
    return (
        QCoreApplication.translate("CaseEffects", "due %1, %2")
        .replace("%1", local_time(clock.deadline))
        .replace("%2", remaining_text(clock.state, clock.remaining_s))
    )


def clock_effects(detail: CaseDetail, triggers: Sequence[str], language: str) -> list[str]:
    """One line per clock the triggers (response, resolved, closed, reopened…) stop, start or restart."""
    lines: list[str] = []
    state = {c.name: c for c in detail.clocks}
    for clock in detail.catalog.clocks:
        now = state.get(clock.name)
        if now is None:
            continue
        label = clock.label.get(language)
        running = now.running or now.state == ClockState.PAUSED
        if running and any(t in clock.stop for t in triggers):
            lines.append(
                QCoreApplication.translate("CaseEffects", "Stops “%1” (%2).")
                .replace("%1", label)
                .replace("%2", _where(now))
            )
        elif now.state == ClockState.PENDING and clock.start in triggers:
            lines.append(QCoreApplication.translate("CaseEffects", "Starts “%1”.").replace("%1", label))
        elif any(t in clock.restart_on for t in triggers):
            lines.append(
                QCoreApplication.translate("CaseEffects", "Starts “%1” again, with a fresh target.").replace(
                    "%1", label
                )
            )
    return lines


def regrade_lines(preview: RegradePreview, language: str) -> list[str]:
    """Each clock the re-grade moves, from where it stands to where the SLA engine puts it."""
    lines = [
        QCoreApplication.translate("CaseEffects", "%1: %2 → %3")
        .replace("%1", preview.catalog.clock(before.name).label.get(language))
        .replace("%2", _where(before))
        .replace("%3", _where(after))
        for before, after in preview.changed()
    ]
    if not lines:
        lines.append(
            QCoreApplication.translate(
                "CaseEffects", "No deadline moves (a lower severity never extends a running deadline)."
            )
        )
    return lines
