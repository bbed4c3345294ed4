"""A case with an open field conflict says so: the words for it, and the queue's marks kept up to date."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication, QObject

from desk.caseviews import open_conflicts_of
from desk.errors import DeskError
from desk.replica.local import FieldConflict
from desk.services import Desk
from desk.store.engine import StoreError
from ui.queue_model import QueueModel
from ui.tasks import Tasks
from ui.text import fill, isolate, status_text


def conflict_value(field: str, value: str | None) -> str:
    if field == "status" and value:
        return status_text(value)
    if field == "assignee" and not value:
        return QCoreApplication.translate("ConflictMarks", "nobody")
    return isolate(value or "")  # an agent's name, as typed


def conflict_words(conflict: FieldConflict, agent: str) -> str:
    """E.g. "Conflict: status in progress (you) / waiting on customer (Li Wei)": both values and who set them."""
    fields = {
        "status": QCoreApplication.translate("ConflictMarks", "status"),
        "assignee": QCoreApplication.translate("ConflictMarks", "assignee"),
    }

    def side(value: str | None, by: str) -> str:
        who = QCoreApplication.translate("ConflictMarks", "you") if by == agent else isolate(by)
        # A value and who set it, e.g. "in progress (Li Wei)"
        return fill(QCoreApplication.translate("ConflictMarks", "%1 (%2)"), conflict_value(conflict.field, value), who)

    mine, theirs = side(conflict.mine, conflict.mine_by), side(conflict.theirs, conflict.theirs_by)
    # The field, then both values with who set them.
    words = QCoreApplication.translate("ConflictMarks", "Conflict: %1 %2 / %3")
    return fill(words, fields.get(conflict.field, conflict.field), mine, theirs)


def case_conflict_words(conflicts: Iterable[FieldConflict], agent: str) -> str:
    return "\n".join(conflict_words(c, agent) for c in conflicts)


class ConflictMarks(QObject):
    """Reads which shown cases have open conflicts (off the GUI thread) and marks their rows in the queue."""

    def __init__(self, desk: Desk, tasks: Tasks, model: QueueModel, agent: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk, self._tasks, self._model, self._agent = desk, tasks, model, agent

    def refresh(self, cases: frozenset[uuid.UUID] | None = None) -> None:
        """Read again the marks of ``cases`` (every case when None) and show them."""
        desk = self._desk

        def read() -> dict[uuid.UUID, tuple[FieldConflict, ...]]:
            return open_conflicts_of(desk, cases)

        def arrived(found: dict[uuid.UUID, tuple[FieldConflict, ...]]) -> None:
            marks: dict[uuid.UUID, str | None] = dict.fromkeys(cases or (), None)
            marks.update({case_id: case_conflict_words(listed, self._agent) for case_id, listed in found.items()})
            self._model.mark_conflicts(marks, everything=cases is None)

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError | StoreError):
                raise exc  # a bug, loudly; an unreachable store keeps the marks shown and the next change asks again

        self._tasks.read(read, arrived, failed)
