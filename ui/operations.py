"""The one way the window changes anything: run a desk operation, report what changed or why it was refused."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from desk.errors import DeskError
from desk.services import ChangeSet, Desk
from ui.errors import error_text


class Operations(QObject):
    """Every write goes through ``run``; views listen to ``changed`` and refresh exactly what it names."""

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk

    def run(self, action: Callable[[Desk], ChangeSet], reraise: tuple[type[Exception], ...] = ()) -> ChangeSet | None:
        """Run one write; refusals become ``failed`` unless the caller handles them itself (``reraise``)."""
        try:
            changes = action(self.desk)
        except reraise:
            raise
        except DeskError as exc:  # every refusal, conflict and storage error, in the agent's language
            self.failed.emit(error_text(exc))
            return None
        self.changed.emit(changes)
        return changes

    def refuse(self, message: str) -> None:
        """Say why an action the agent asked for was not done (nothing was written)."""
        self.failed.emit(message)
