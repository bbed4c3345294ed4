"""The window's wording for the desk's errors: each error's code and parameters as a sentence in the agent's language.

The core's own message (English, for the CLI and logs) is shown only as the detail of an error whose
code has no sentence here, after a translated sentence of its kind, so nothing is ever lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from desk.errors import DeskError, Kind
from ui.text import booking_problem_text

Sentence = Callable[[DeskError], str]


def _stale(exc: DeskError) -> str:
    ref = exc.params.get("ref")
    if ref:
        text = QCoreApplication.translate(
            "Errors",
            "Case %1 was changed by someone else since you read it; nothing was applied. Reload and try again.",
        )
        return text.replace("%1", str(ref))
    return QCoreApplication.translate(
        "Errors", "This was changed by someone else since you read it; nothing was applied. Reload and try again."
    )


def _quota(exc: DeskError) -> str:
    problems = exc.params.get("problems", ())
    named = " ".join(booking_problem_text(str(code)) for code in problems) if isinstance(problems, tuple) else ""
    return QCoreApplication.translate("Errors", "Booking refused: %1").replace("%1", named)


def _damaged(exc: DeskError) -> str:
    text = QCoreApplication.translate(
        "Errors", "%1 is damaged or is not a desk database. Nothing was changed. Restore a backup or pick another file."
    )
    return text.replace("%1", _where(exc))


def _cannot_open(exc: DeskError) -> str:
    text = QCoreApplication.translate(
        "Errors", "%1 cannot be opened: check that its folder exists and can be read, or pick another file."
    )
    return text.replace("%1", _where(exc))


def _read_only(exc: DeskError) -> str:
    text = QCoreApplication.translate(
        "Errors", "%1 cannot be written (a read-only file or folder): open it read-only or copy it somewhere writable."
    )
    return text.replace("%1", _where(exc))


def _where(exc: DeskError) -> str:
    return str(exc.params.get("where", ""))


def _schema(text: str) -> Sentence:
    return lambda exc: (
        text.replace("%1", _where(exc))
        .replace("%2", str(exc.params.get("server_schema", "")))
        .replace("%3", str(exc.params.get("desk_schema", "")))
    )


def _with_where(text: str) -> Sentence:
    return lambda exc: text.replace("%1", _where(exc))


def _sentences() -> dict[str, Sentence]:
    return {
        "stale_edit": _stale,
        "superseded": lambda e: QCoreApplication.translate(
            "Errors", "A later revision of this handover exists: reload it, then try again."
        ),
        "concurrent_write": lambda e: QCoreApplication.translate(
            "Errors", "Someone else changed this record at the same moment; nothing of yours was applied. Try again."
        ),
        "quota_refused": _quota,
        "report_signed": lambda e: QCoreApplication.translate(
            "Errors", "This handover is signed: it can no longer be edited, only corrected by a new revision."
        ),
        "not_allowed": lambda e: QCoreApplication.translate(
            "Errors", "Only the outgoing agent signs a handover, and only the incoming agent acknowledges it."
        ),
        "no_case": lambda e: QCoreApplication.translate(
            "Errors", "This case no longer exists: another desk may have removed it."
        ),
        "busy": _with_where(
            QCoreApplication.translate(
                "Errors", "%1 is busy: another desk or program is writing to it. Nothing was saved; try again soon."
            )
        ),
        "disk_full": _with_where(
            QCoreApplication.translate(
                "Errors", "The disk holding %1 is full: this change was not saved. Free some space, then try again."
            )
        ),
        "disk_io": _with_where(
            QCoreApplication.translate(
                "Errors", "A disk error stopped the desk from using %1: this change was not saved. Check the disk."
            )
        ),
        "read_only": _read_only,
        "read_only_folder": _read_only,
        "opened_read_only": _with_where(
            QCoreApplication.translate("Errors", "%1 is open read-only: nothing can be changed.")
        ),
        "damaged": _damaged,
        "not_sqlite": _damaged,
        "empty": _damaged,
        "foreign_database": _damaged,
        "newer_schema": lambda e: QCoreApplication.translate(
            "Errors", "%1 was written by a newer version of the desk. Nothing was changed. Update the desk."
        ).replace("%1", _where(e)),
        "missing": _with_where(QCoreApplication.translate("Errors", "%1 does not exist: pick another file.")),
        "cannot_open": _cannot_open,
        "unreachable": _cannot_open,
        "cannot_read": _cannot_open,
        "is_a_folder": _cannot_open,
        "server_unreachable": _with_where(
            QCoreApplication.translate(
                "Errors",
                "The server %1 cannot be reached or stopped answering. Nothing was changed. Check the network "
                "(VPN, Wi-Fi) and that the server is running; the desk tries again by itself.",
            )
        ),
        "schema_behind": _schema(
            QCoreApplication.translate(
                "Errors",
                "The server %1 has the desk's schema %2 and this desk needs %3: nothing was written; reading "
                "still works. A team lead upgrades the server with “desk migrate”.",
            )
        ),
        "schema_ahead": _schema(
            QCoreApplication.translate(
                "Errors",
                "The server %1 has the desk's schema %2, newer than this desk knows (%3): nothing was written; "
                "reading still works. Update the desk on this computer.",
            )
        ),
        "not_permitted": _with_where(
            QCoreApplication.translate(
                "Errors",
                "%1: your login is not allowed to do this. Nothing was changed. Ask a team lead for the rights "
                "you need.",
            )
        ),
        "network_share": _with_where(
            QCoreApplication.translate(
                "Errors", "%1 is on a network share: keep the file on a local disk or use a PostgreSQL server."
            )
        ),
    }


def _kind_sentence(kind: Kind) -> str:
    return {
        Kind.BAD_INPUT: QCoreApplication.translate("Errors", "Not accepted: %1"),
        Kind.NOT_FOUND: QCoreApplication.translate("Errors", "Not found: %1"),
        Kind.REFUSED: QCoreApplication.translate("Errors", "Not done: %1"),
        Kind.CONFLICT: QCoreApplication.translate("Errors", "Someone else changed this first: %1"),
        Kind.ENVIRONMENT: QCoreApplication.translate("Errors", "The database or a plan file cannot be used: %1"),
    }[kind]


def error_text(exc: DeskError) -> str:
    """``exc`` in the agent's language: its code's sentence, or its kind's sentence with the core's detail."""
    sentence = _sentences().get(exc.code)
    if sentence is not None:
        return sentence(exc)
    return _kind_sentence(exc.kind).replace("%1", str(exc))
