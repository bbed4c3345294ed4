"""A desk on a team server with its replica: which one the desk works on now, and ``sync`` (push, then pull)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy.exc import OperationalError

from desk.catalog import CatalogRegistry
from desk.clock import Clock
from desk.errors import BadInput
from desk.replica.link import Unreachable, open_replica, open_server, replica_path, shown
from desk.replica.local import FieldConflict, SyncState, conflicts, pending_count, record_state, state
from desk.replica.pull import CasesPulled, pull, pull_cases
from desk.replica.push import push
from desk.replica.shared import open_count
from desk.store.engine import Store, StoreError
from desk.store.writer import CaseWriter


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    pulled: int
    conflicts: tuple[FieldConflict, ...]
    renamed: dict[str, str] = field(default_factory=dict)
    unreachable: Unreachable | None = None  # the link failed during the sync (what was sent stays sent)
    pulled_cases: frozenset[uuid.UUID] = frozenset()  # for a window on the replica to show them again


@dataclass(frozen=True)
class ReplicaStatus:
    server: str
    online: bool
    reason: str  # why offline ("" online)
    replica: Path
    waiting: int  # local writes not yet on the server
    last_sync_at: datetime | None
    open_conflicts: int


def no_replica_yet(unreachable: Unreachable, replica_file: Path) -> StoreError:
    return StoreError(
        f"the server {unreachable.server} cannot be reached ({unreachable.reason}) and this workstation has no "
        f"replica of it yet ({replica_file}). Check the network or the server, then run `desk sync` "
        "once while connected so the desk can work offline afterwards.",
        code="unreachable_no_replica",
        where=unreachable.server,
    )


class TeamDesk:
    """A server and this workstation's replica of it; ``store`` is the one to work on now."""

    def __init__(self, url: str, replica_file: Path, clock: Clock, *, read_only: bool = False) -> None:
        self.url, self.replica_file, self.clock, self.read_only = url, replica_file, clock, read_only
        self.server_name = shown(url)
        opened = open_server(url, clock, read_only=read_only)
        self.server: Store | None = opened if isinstance(opened, Store) else None
        self.unreachable: Unreachable | None = opened if isinstance(opened, Unreachable) else None
        if self.server is None and not replica_file.exists():
            raise no_replica_yet(self.unreachable or Unreachable(self.server_name, ""), replica_file)
        try:
            self.replica = open_replica(replica_file, clock, read_only=read_only and self.server is None)
        except BaseException:
            if self.server is not None:
                self.server.close()
            raise
        self._check_owner(read_only)

    def _check_owner(self, read_only: bool) -> None:
        with self.replica.read() as session:
            owner = state(session).server
        if owner and owner != self.server_name:
            self.close()
            raise BadInput(
                f"the replica {self.replica_file} belongs to {owner}, not {self.server_name}: "
                "give another file with --replica (or DESK_REPLICA)"
            )
        if not owner and not read_only:
            with self.replica.write() as session:
                record_state(session, server=self.server_name)

    @property
    def online(self) -> bool:
        return self.server is not None

    @property
    def store(self) -> Store:
        return self.server if self.server is not None else self.replica

    def sync(self, catalogs: CatalogRegistry, actor: str) -> SyncResult:
        """Push the outbox, then (when nothing is left waiting) pull the server's changes since the last sync."""
        if self.server is None:
            raise StoreError(
                f"the server {self.server_name} cannot be reached "
                f"({self.unreachable.reason if self.unreachable else ''}); "
                f"{self.status().waiting} writes are waiting in {self.replica_file}. Try again when it is back.",
                code="unreachable",
                where=self.server_name,
            )
        writer = CaseWriter(catalogs, self.clock, actor)
        pushed, pulled, found, renamed = 0, 0, [], {}
        pulled_cases: frozenset[uuid.UUID] = frozenset()
        try:
            report = push(self.replica, self.server, writer)
            pushed, found, renamed = report.rows, report.conflicts, report.renamed
            with self.replica.read() as session:
                left, since = pending_count(session), state(session).watermark
            if left == 0:
                pulled_report = pull(self.replica, self.server, since)
                pulled, pulled_cases = pulled_report.rows, pulled_report.cases
                with self.replica.write() as session:
                    record_state(
                        session, watermark=pulled_report.watermark, last_sync_at=self.clock.now(), last_error=""
                    )
        except (OperationalError, StoreError) as exc:
            if isinstance(exc, StoreError) and not isinstance(exc.__cause__, OperationalError):
                raise
            lost = Unreachable(self.server_name, str(exc).splitlines()[0])
            with self.replica.write() as session:
                record_state(session, last_error=lost.reason)
            return SyncResult(pushed, pulled, tuple(found), renamed, lost)
        return SyncResult(pushed, pulled, tuple(found), renamed, pulled_cases=pulled_cases)

    def pull_notified(self, ids: Iterable[uuid.UUID]) -> CasesPulled | Unreachable:
        """Copy just the cases the server announced (see ``pull_cases``); the link's failure, said, not raised."""
        if self.server is None:
            return self.unreachable or Unreachable(self.server_name, "")
        try:
            return pull_cases(self.replica, self.server, ids)
        except (OperationalError, StoreError) as exc:
            if isinstance(exc, StoreError) and not isinstance(exc.__cause__, OperationalError):
                raise
            return Unreachable(self.server_name, str(exc).splitlines()[0])

    def status(self) -> ReplicaStatus:
        with self.replica.read() as session:
            waiting, st = pending_count(session), state(session)
            open_conflicts = len(conflicts(session)) + open_count(session)
        return _status(self, waiting, st, open_conflicts)

    def close(self) -> None:
        self.replica.close()
        if self.server is not None:
            self.server.close()


def _status(team: TeamDesk, waiting: int, st: SyncState, open_conflicts: int) -> ReplicaStatus:
    reason = team.unreachable.reason if team.unreachable else ""
    return ReplicaStatus(
        team.server_name, team.online, reason, team.replica_file, waiting, st.last_sync_at, open_conflicts
    )


def open_for_window(url: str, clock: Clock, *, read_only: bool = False) -> tuple[Store, Path]:
    """The store a window on ``url`` works on, and its replica's file.

    Local first: once this workstation's replica has been synced, the window works on it (so the
    network never blocks the window) and a background sync carries writes both ways. Before the first
    sync it works on the server, whose replica the background sync then fills.
    """
    replica_file = replica_path(url)
    if replica_file.exists():
        replica = open_replica(replica_file, clock, read_only=read_only)
        with replica.read() as session:
            st = state(session)
        if st.last_sync_at is not None and st.server in ("", shown(url)):
            return replica, replica_file
        replica.close()
    return open_server_or_raise(url, clock, read_only=read_only), replica_file


def open_server_or_raise(url: str, clock: Clock, *, read_only: bool = False) -> Store:
    opened = open_server(url, clock, read_only=read_only)
    if isinstance(opened, Unreachable):
        raise StoreError(
            f"the server {opened.server} cannot be reached ({opened.reason}) and this workstation has no "
            "synced replica of it yet. Check the network or the server and try again; once the desk has "
            "synced with it, it works offline too.",
            code="unreachable_no_replica",
            where=opened.server,
        )
    return opened


def sync_with(team: TeamDesk, catalogs: CatalogRegistry, actor: str) -> tuple[ReplicaStatus, SyncResult | None]:
    """A round on a desk already open (a window keeps one between rounds while the server answers)."""
    result = team.sync(catalogs, actor) if team.online else None
    status = team.status()
    if result is not None and result.unreachable is not None:  # lost during the sync
        status = replace(status, online=False, reason=result.unreachable.reason)
    return status, result
