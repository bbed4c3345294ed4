"""The importer's refusals in the agent's language: a field's name and the reason, from the problem's code.

A problem without a sentence here keeps the importer's English reason (as the CLI prints it), so nothing
is ever lost. The file and row (``source``) are shown as the importer wrote them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.interchange import Problem
from ui.text import fill, isolate


def field_name(field: str) -> str:
    names = {
        "id": QCoreApplication.translate("ImportWords", "id"),
        "name": QCoreApplication.translate("ImportWords", "name"),
        "technical_contact": QCoreApplication.translate("ImportWords", "technical contact"),
        "ops_contact": QCoreApplication.translate("ImportWords", "operations contact"),
        "business_goals": QCoreApplication.translate("ImportWords", "business goals"),
        "customer_id": QCoreApplication.translate("ImportWords", "customer"),
        "tier": QCoreApplication.translate("ImportWords", "tier"),
        "start": QCoreApplication.translate("ImportWords", "start"),
        "end": QCoreApplication.translate("ImportWords", "end"),
    }
    return names.get(field, field)


def reason_text(problem: Problem) -> str:
    """Why ``problem``'s field was refused, in the agent's language."""
    p = dict(problem.params)
    code = problem.code
    if code == "missing":
        return QCoreApplication.translate("ImportWords", "missing")
    if code == "too_long":
        return fill(QCoreApplication.translate("ImportWords", "longer than %1 characters"), p["limit"])
    if code == "nul":
        return QCoreApplication.translate("ImportWords", "contains a NUL character")
    if code == "not_one_of":
        return fill(
            QCoreApplication.translate("ImportWords", "“%1” is not one of the plan's choices"), isolate(p["value"])
        )
    if code == "not_a_date":
        return fill(QCoreApplication.translate("ImportWords", "“%1” is not a date (YYYY-MM-DD)"), isolate(p["value"]))
    if code == "end_before_start":
        return fill(QCoreApplication.translate("ImportWords", "%1 is before the start %2"), p["end"], p["start"])
    if code == "overlap":
        return fill(
            QCoreApplication.translate(
                "ImportWords", "overlaps contract %1 (%2 – %3): periods of one customer never overlap"
            ),
            isolate(p["contract"]),
            p["start"],
            p["end"],
        )
    if code == "tier_has_work":
        return fill(
            QCoreApplication.translate(
                "ImportWords", "contract %1 already has cases or bookings under %2: change the tier from a date instead"
            ),
            isolate(p["contract"]),
            p["tier"],
        )
    if code == "customer_exists":
        return fill(
            QCoreApplication.translate("ImportWords", "a customer with id %1 exists already"), isolate(p["ref"])
        )
    return problem.reason


def problem_text(problem: Problem) -> str:
    """One field's refusal without its source, for a form: "end: 2026-01-01 is before the start …"."""
    return fill(QCoreApplication.translate("ImportWords", "%1: %2"), field_name(problem.field), reason_text(problem))


def problem_line(problem: Problem) -> str:
    """One refused row as the CLI names it (file, row), then the field and reason in the agent's language."""
    return fill(
        QCoreApplication.translate("ImportWords", "%1: field %2: %3"),
        problem.source,
        field_name(problem.field),
        reason_text(problem),
    )
