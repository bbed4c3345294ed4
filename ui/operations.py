"""The one way the window changes anything: run a desk operation, report what changed or why it was refused.

``submit`` runs it on the writer thread (the window stays responsive while SQLite waits for a colleague's
write lock); ``run`` runs it at once, for dialogs that need the answer before they close.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from desk.changes import Changed
from desk.clock import FakeClock
from desk.errors import DeskError
from desk.services import Desk
from ui.errors import error_text
from ui.tasks import Tasks

Result = TypeVar("Result", bound=Changed)


class Operations(QObject):
    """Every write goes through ``run``; views listen to ``changed`` and refresh exactly what it names.

    A write is a function of the desk alone (``lambda desk: ...``) returning what it changed (a
    ``ChangeSet``, or a stored shift or report that names itself), so it can run on the writer thread
    with its result and refusal delivered back here unchanged.
    """

    changed = Signal(object)  # ChangeSet
    failed = Signal(str)
    finished = Signal()  # a submitted write is done (written, or refused and said so)

    def __init__(self, desk: Desk, parent: QObject | None = None, tasks: Tasks | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.tasks = tasks if tasks is not None else Tasks(self)

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

    def submit(
        self,
        action: Callable[[Desk], Result],
        done: Callable[[Result], object] | None = None,
        refused: Callable[[], object] | None = None,
    ) -> None:
        """Run one write on the writer thread; ``changed`` (then ``done``) or ``failed`` (then ``refused``)
        follow in the GUI thread.

        The write is stamped with the instant the agent asked for it, not the later one when the writer
        thread gets to it (behind a colleague's import holding the lock, that can be seconds).
        """
        desk = self.desk
        asked = Desk(desk.store, desk.catalogs, FakeClock(desk.clock.now()), actor=desk.actor)

        def written(result: Result) -> None:
            self.changed.emit(result.changes)
            if done is not None:
                done(result)
            self.finished.emit()

        def failed(exc: Exception) -> None:
            if not isinstance(exc, DeskError):
                raise exc
            self.failed.emit(error_text(exc))
            if refused is not None:
                refused()
            self.finished.emit()

        self.tasks.write(lambda: action(asked), written, failed)

    def busy(self) -> bool:
        """A submitted write (or a read the window asked for) has not answered yet."""
        return self.tasks.busy()

    def refuse(self, message: str) -> None:
        """Say why an action the agent asked for was not done (nothing was written)."""
        self.failed.emit(message)
