"""The one way the window changes anything: run a desk operation, report what changed or why it was refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from desk.changes import Changed
from desk.errors import DeskError
from desk.services import Desk
from ui.errors import error_text

Result = TypeVar("Result", bound=Changed)


class Operations(QObject):
    """Every write goes through ``run``; views listen to ``changed`` and refresh exactly what it names.

    A write is a function of the desk alone (``lambda desk: ...``) returning what it changed (a
    ``ChangeSet``, or a stored shift or report that names itself), so it can later run on a worker thread
    with its result and refusal delivered back here unchanged.
    """

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk

    def run(
        self,
        action: Callable[[Desk], Result],
        reraise: tuple[type[Exception], ...] = (),
        failure: Callable[[str], object] | None = None,
    ) -> Result | None:
        """Run one write; a refusal is said in the agent's language through ``failure`` (default: ``failed``),
        unless the caller handles it itself (``reraise``)."""
        try:
            result = action(self.desk)
        except reraise:
            raise
        except DeskError as exc:  # every refusal, conflict and storage error, in the agent's language
            (failure or self.failed.emit)(error_text(exc))
            return None
        self.changed.emit(result.changes)
        return result

    def refuse(self, message: str) -> None:
        """Say why an action the agent asked for was not done (nothing was written)."""
        self.failed.emit(message)
