"""The window on a team server: online or offline, writes waiting and the last sync, kept up to date by a
background sync (push, then pull) that never runs on the GUI thread.

A window working on its replica also listens to the server's case notifications (LISTEN/NOTIFY): a
colleague's change is copied at once by a targeted pull of just the announced cases (on its own thread
and connections, so it never waits behind a full round), so it shows within the second; the full round
every few seconds (and after the listening connection comes back) stays as the fallback for a
notification lost, a case written here meanwhile or a parent record missing. Its own writes are pushed
at once too, so colleagues see them as quickly.
"""

from __future__ import annotations

import contextlib
import uuid
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from desk.catalog import CatalogRegistry
from desk.clock import Clock
from desk.errors import DeskError
from desk.replica.pull import CasesPulled
from desk.replica.sync import ReplicaStatus, TeamDesk, sync_with
from desk.store.listen import CaseListener
from ui.errors import error_text
from ui.text import fill, local_time

SYNC_MS = 5_000
# Notifications come in bursts (one per row a write touches): gathered this long into one round.
SOON_MS = 50
# A write's notifications (one per row it touches) arrive together: gathered this long into one targeted pull.
GATHER_MS = 5
TARGETED_AT_MOST = 500  # cases per targeted pull (the rest right after)


class _Link:
    """The rounds' connections to the server and the replica, kept from one round to the next while the
    server answers (a round started by a notification then costs no connect); dropped when it does not."""

    def __init__(self, url: str, replica: Path, clock: Clock) -> None:
        self.url, self.replica, self.clock = url, replica, clock
        self.team: TeamDesk | None = None

    def open(self) -> TeamDesk:
        if self.team is not None and not self.team.online:
            self.close()  # offline last time: try the server again
        if self.team is None:
            self.team = TeamDesk(self.url, self.replica, self.clock)
        return self.team

    def close(self) -> None:
        team, self.team = self.team, None
        if team is not None:
            team.close()


class _Round(QThread):
    """One sync round (never two at once); the result goes back to the GUI thread as a signal."""

    finished_round = Signal(object)  # ReplicaStatus, or the DeskError that stopped the round
    pulled = Signal(object)  # frozenset[uuid.UUID]: cases copied from the server

    def __init__(self, link: _Link, catalogs: CatalogRegistry, agent: str, parent: QObject) -> None:
        super().__init__(parent)
        self._link, self._catalogs, self._agent = link, catalogs, agent

    def run(self) -> None:
        try:
            status, result = sync_with(self._link.open(), self._catalogs, self._agent)
        except DeskError as exc:
            self._link.close()
            self.finished_round.emit(exc)
            return
        if not status.online:
            self._link.close()  # lost during the round: connect afresh next time
        if result is not None and result.pulled_cases:
            self.pulled.emit(result.pulled_cases)
        self.finished_round.emit(status)


class _Targeted(QThread):
    """One targeted pull of the announced cases; what it copied, and whether the full round is needed."""

    copied = Signal(object, bool)  # frozenset[uuid.UUID], a full round wanted (cases left, or the link failed)

    def __init__(self, link: _Link, cases: frozenset[uuid.UUID], parent: QObject) -> None:
        super().__init__(parent)
        self._link, self._cases = link, cases

    def run(self) -> None:
        try:
            result = self._link.open().pull_notified(self._cases)
        except DeskError:
            result = None
        if not isinstance(result, CasesPulled):
            self._link.close()  # the full round says why (offline) in the status bar
            self.copied.emit(frozenset(), True)
            return
        self.copied.emit(result.cases, bool(result.left))


class ReplicaSync(QObject):
    """Every few seconds, one background sync round (never two at once); ``status`` after each."""

    status = Signal(object)  # ReplicaStatus | DeskError
    # Cases a pull copied into the replica: a window working on the replica shows them again (their
    # rows may carry an instant from long ago, which a poll by recent changes would not see).
    pulled = Signal(object)  # frozenset[uuid.UUID]
    _told = Signal()  # from the listener thread: (again) listening, what changed meanwhile is wanted
    _announced = Signal(object)  # from the listener thread: the server wrote this case (uuid.UUID)
    _up = Signal()  # from the listener thread: listening (again)

    def __init__(
        self, url: str, replica: Path, catalogs: CatalogRegistry, agent: str, clock: Clock, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._url, self._catalogs, self._agent = url, catalogs, agent
        self._link = _Link(url, replica, clock)
        self._round: _Round | None = None
        self._again = False  # asked for while a round ran: one more round right after it
        self._stopped = False
        self._listener: CaseListener | None = None
        self.is_listening = False  # told of the server's changes as they happen (else only every SYNC_MS)
        self.timer = QTimer(self)
        self.timer.setObjectName("replica-sync")
        self.timer.setInterval(SYNC_MS)
        self.timer.timeout.connect(self.run_now)
        self._soon = QTimer(self)
        self._soon.setObjectName("replica-sync-soon")
        self._soon.setSingleShot(True)
        self._soon.setInterval(SOON_MS)
        self._soon.timeout.connect(self._run_asked)
        self._told.connect(self.run_soon)
        # Targeted pulls: their own link (connections), so one never waits for a full round's connection.
        self._target_link = _Link(url, replica, clock)
        self._targeted: _Targeted | None = None
        self._synced = False  # a round of this window has completed a sync: the replica is there, up to date
        self._announced_ids: set[uuid.UUID] = set()  # gathered while a targeted pull runs: the next one
        self._gather = QTimer(self)
        self._gather.setObjectName("replica-sync-targeted")
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._pull_announced)
        self._announced.connect(self._announce)
        self._up.connect(self._warm_up)

    def start(self) -> None:
        self.timer.start()
        self.run_now()

    def listen(self, *, replica_ready: bool = False) -> None:
        """Pull an announced case as soon as the server says it changed (its notifications, on a thread of
        their own). ``replica_ready``: the replica is made and upgraded already (else, after the first round)."""
        self._synced = self._synced or replica_ready
        if self._listener is None:
            self._listener = CaseListener(self._url, self._emit_told, self._listening)
            self._listener.start()

    def _emit_told(self, case_id: uuid.UUID, _version: int) -> None:
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self._announced.emit(case_id)

    def _announce(self, case_id: object) -> None:
        if self._stopped or not isinstance(case_id, uuid.UUID):
            return
        if not self._synced:  # the replica may still be being made (or upgraded) by the first round
            self.run_soon()
            return
        self._announced_ids.add(case_id)
        if self._targeted is None and not self._gather.isActive():
            self._gather.start()

    def _pull_announced(self) -> None:
        if self._stopped or self._targeted is not None or not self._announced_ids:
            return
        ids = sorted(self._announced_ids)[:TARGETED_AT_MOST]
        self._announced_ids.difference_update(ids)
        self._start_targeted(frozenset(ids))

    def _warm_up(self) -> None:
        """Listening (again): open the targeted pulls' connections now, not when the first change comes."""
        if not self._stopped and self._synced and self._targeted is None:
            self._start_targeted(frozenset())

    def _start_targeted(self, ids: frozenset[uuid.UUID]) -> None:
        self._targeted = _Targeted(self._target_link, ids, parent=self)
        self._targeted.copied.connect(self._copied)
        self._targeted.finished.connect(self._targeted_done)
        self._targeted.start()

    def _copied(self, cases: object, full_round_wanted: bool) -> None:
        if self._stopped:
            return
        if cases:
            self.pulled.emit(cases)
        if full_round_wanted:
            self.run_soon()

    def _targeted_done(self) -> None:
        if self._targeted is not None:
            self._targeted.deleteLater()
            self._targeted = None
        if self._announced_ids:  # announced while it ran: one more, at once
            self._pull_announced()

    def _listening(self, up: bool) -> None:
        self.is_listening = up
        if up:  # (again): what changed while nobody listened comes with the next round
            with contextlib.suppress(RuntimeError):
                self._told.emit()
                self._up.emit()

    def run_soon(self) -> None:
        """A round in a moment, or right after the one under way (a change on either side to carry over)."""
        if self._stopped:
            return
        if self._round is not None:
            self._again = True
        elif not self._soon.isActive():
            self._soon.start()

    def _run_asked(self) -> None:
        if self._round is not None:
            self._again = True
        else:
            self.run_now()

    def run_now(self) -> None:
        if self._stopped:
            return
        if self._round is not None:
            return  # one round at a time: a slow network never piles rounds up
        self._round = _Round(self._link, self._catalogs, self._agent, parent=self)
        self._round.finished_round.connect(self._finished_round)
        self._round.pulled.connect(self._pulled)
        self._round.finished.connect(self._round_done)
        self._round.start()

    def _finished_round(self, status: object) -> None:
        if self._stopped:  # a round's answer queued while the window was being closed: not for it
            return
        if not self._synced and isinstance(status, ReplicaStatus) and status.last_sync_at is not None:
            # The replica is made and up to date with this desk's schema: targeted pulls may open it now
            # (two threads must never make or upgrade one file at once).
            self._synced = True
            self._warm_up()
        self.status.emit(status)

    def _pulled(self, cases: object) -> None:
        if not self._stopped:
            self.pulled.emit(cases)

    def _round_done(self) -> None:
        if self._round is not None:
            self._round.deleteLater()
            self._round = None
        if self._again:
            self._again = False
            self.run_soon()

    def stop(self) -> None:
        self._stopped = True
        self.timer.stop()
        self._soon.stop()
        if self._listener is not None:
            # Not waited for: on a silent network it may be inside a connect for seconds, and this is the
            # GUI thread. It ends by itself once that returns; what it says meanwhile goes nowhere (stopped).
            self._listener.stop(timeout=0)
            self._listener = None
        self._gather.stop()
        if self._round is not None:
            self._round.wait()
        if self._targeted is not None:
            self._targeted.wait()
        self._link.close()
        self._target_link.close()


class ReplicaIndicator(QLabel):
    """Online / offline, the writes waiting and the last sync, all the time, in the status bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # the server's name and its error are not ours to render
        self.setAccessibleName(self.tr("Connection to the team server"))
        self.setText(self.tr("Connecting to the team server…"))
        # Shown while conflicts wait for the agent (the window that owns the status bar adds it).
        self.resolve_button = QToolButton(self)
        self.resolve_button.setText(self.tr("Resolve conflicts…"))
        self.resolve_button.setAccessibleName(self.tr("Resolve conflicts"))
        self.resolve_button.setVisible(False)

    def show_status(self, status: object) -> None:
        if not isinstance(status, ReplicaStatus):
            self.setText(self.tr("Offline"))
            self.setToolTip(error_text(status) if isinstance(status, DeskError) else str(status))
            return
        self.resolve_button.setVisible(status.open_conflicts > 0)
        parts = [self.tr("Online") if status.online else self.tr("Offline")]
        if status.waiting:
            parts.append(self.tr("%n write(s) waiting", "", status.waiting))
        if status.last_sync_at is not None:
            parts.append(fill(self.tr("last sync %1"), local_time(status.last_sync_at)))
        else:
            parts.append(self.tr("never synced"))
        if status.open_conflicts:
            parts.append(self.tr("%n conflict(s) to resolve", "", status.open_conflicts))
        self.setText(" · ".join(parts))
        tip = fill(self.tr("Server: %1"), status.server)
        if not status.online:
            tip += "\n" + self.tr("Working on this computer's copy; it syncs when the server is back.")
            tip += "\n" + status.reason
        if status.open_conflicts:
            tip += "\n" + self.tr("Resolve them here (Resolve conflicts…) or with `desk conflicts` and `desk resolve`.")
        self.setToolTip(tip)
