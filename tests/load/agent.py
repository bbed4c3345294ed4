"""One desk of the load run: a process writing at an agent's pace and seeing the others' changes as the window does.

Writes go through the desk's own operations (``Desk.open_case``, ``record_response``, ``regrade`` ...) with
the version the desk last saw, as the window passes it, so a change made on a stale view is refused and
surfaced. The desk listens to the server's notifications (``CaseListener``, the window's listener), gathers
them for ``BATCH_MS`` and reads the changed rows with the queue's own read (``load_entries``), as the
window's reload does; a change is *seen* when that read has returned.

Instants are ``time.time()`` (one clock for every process on this machine). A write's commit instant is
taken in the session's ``after_commit`` hook, and its cases' row versions when it flushes, so each
acknowledged write is matched exactly to the notification it caused on every other desk.

The desk prints ``ready`` once listening, reads the instant to stop writing from stdin, then, once the
notifications have gone quiet, writes everything it measured and its final view to ``--out`` (JSON).
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import sys
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.changes import ChangeSet
from desk.clock import SystemClock
from desk.errors import DeskError
from desk.queue import QueueEntry, load_entries
from desk.services import Desk, StaleEdit
from desk.store.engine import StoreError, open_store
from desk.store.listen import CaseListener
from desk.store.models import Case
from desk.vocabulary import ENDED_STATUSES, CaseStatus

BATCH_MS = 50  # as the window's live updates gather a burst of notifications into one read
QUIET_S = 1.5  # after the last write, no notification for this long: everything has arrived


def entry_view(entry: QueueEntry | None) -> list[Any] | None:
    """What a desk shows of a case: its row and countdown (None: not in the open queue)."""
    if entry is None:
        return None
    clock = entry.clock
    shown: list[Any] = [entry.version, entry.status, entry.severity, entry.assignee]
    if clock is not None:
        deadline = clock.deadline.isoformat() if clock.deadline else None
        shown += [clock.name, deadline, clock.target_s, clock.left_s, clock.paused]
    return shown


class Flushed:
    """The cases a write wrote (id -> row version) and its commit instant, from the session's own hooks."""

    def __init__(self) -> None:
        self.versions: dict[uuid.UUID, tuple[int, str, str]] = {}
        self.committed_at = 0.0
        self._candidates: list[Case] = []
        event.listen(Session, "after_flush", self._after_flush)
        event.listen(Session, "after_flush_postexec", self._postexec)
        event.listen(Session, "after_commit", self._after_commit)

    def reset(self) -> None:
        self.versions, self.committed_at, self._candidates = {}, 0.0, []

    def _after_flush(self, session: Session, _context: Any) -> None:
        self._candidates = [o for o in (*session.new, *session.dirty) if isinstance(o, Case)]

    def _postexec(self, session: Session, _context: Any) -> None:
        for case in self._candidates:  # the row versions the flush just wrote
            self.versions[case.id] = (case.version, case.status, case.severity)
        self._candidates = []

    def _after_commit(self, session: Session) -> None:
        if self.versions:
            self.committed_at = time.time()


class View:
    """The desk's picture of the queue: what it last read of each case, and the newest version it was told of."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.shown: dict[uuid.UUID, list[Any] | None] = {}
        self.version: dict[uuid.UUID, int] = {}
        self.status: dict[uuid.UUID, str] = {}
        self.severity: dict[uuid.UUID, str] = {}

    def read(self, entries: dict[uuid.UUID, QueueEntry | None], told: dict[uuid.UUID, int]) -> None:
        with self.lock:
            for case_id, entry in entries.items():
                known = self.version.get(case_id, 0)
                if entry is not None and entry.version >= known:
                    self.version[case_id] = entry.version
                    self.status[case_id], self.severity[case_id] = entry.status, entry.severity
                    self.shown[case_id] = entry_view(entry)
                elif entry is None and told.get(case_id, 0) >= known:
                    # Gone from the open queue (resolved or closed): the window lists it with the ended cases.
                    self.version[case_id] = told[case_id]
                    self.status.setdefault(case_id, str(CaseStatus.RESOLVED))
                    if self.status[case_id] not in ENDED_STATUSES:
                        self.status[case_id] = str(CaseStatus.RESOLVED)
                    self.shown[case_id] = None

    def wrote(self, versions: dict[uuid.UUID, tuple[int, str, str]]) -> None:
        with self.lock:
            for case_id, (version, status, severity) in versions.items():
                if version >= self.version.get(case_id, 0):
                    self.version[case_id], self.status[case_id], self.severity[case_id] = version, status, severity


class Watcher:
    """The window's live updates in miniature: notifications gathered for a moment, then one read of those rows."""

    def __init__(self, desk: Desk, view: View) -> None:
        self.desk, self.view = desk, view
        self.notes: queue.Queue[tuple[uuid.UUID, int, float]] = queue.Queue()
        self.notified: dict[str, float] = {}  # "case version" -> when the notification arrived
        self.seen: dict[str, float] = {}  # "case version" -> when the read showing it returned
        self.listening = threading.Event()
        self.last_note = time.time()
        self.failed_reads = 0
        self._stop = threading.Event()
        self._listener = CaseListener(desk.store.url, self._note, self._state)
        self._thread = threading.Thread(target=self._run, name="load-watcher", daemon=True)

    def start(self) -> None:
        self._listener.start()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._listener.stop()
        self._thread.join(10)

    def _note(self, case_id: uuid.UUID, version: int) -> None:
        self.last_note = now = time.time()
        self.notes.put((case_id, version, now))

    def _state(self, up: bool) -> None:
        (self.listening.set if up else self.listening.clear)()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                first = self.notes.get(timeout=0.2)
            except queue.Empty:
                continue
            batch = [first]
            deadline = first[2] + BATCH_MS / 1000
            while (left := deadline - time.time()) > 0:
                try:
                    batch.append(self.notes.get(timeout=left))
                except queue.Empty:
                    break
            while True:  # and all that came while the last read ran (the window's pending set does the same)
                try:
                    batch.append(self.notes.get_nowait())
                except queue.Empty:
                    break
            told: dict[uuid.UUID, int] = {}
            for case_id, version, at in batch:
                self.notified.setdefault(f"{case_id} {version}", at)
                told[case_id] = max(version, told.get(case_id, 0))
            try:
                entries = load_entries(self.desk, told)
            except (DeskError, StoreError):
                self.failed_reads += 1
                continue
            done = time.time()
            self.view.read(entries, told)
            for case_id, version, _at in batch:
                self.seen.setdefault(f"{case_id} {version}", done)


def act(desk: Desk, view: View, rng: random.Random, token: str) -> tuple[str, Callable[[], ChangeSet]]:
    """The agent's next click, on its view of the queue: what it is and the operation to run."""
    with view.lock:
        cases = sorted((c for c in view.version if c in view.severity), key=str)  # read at least once
        case_id = rng.choice(cases)
        version, status, severity = view.version[case_id], view.status[case_id], view.severity[case_id]
    roll = rng.random()
    if roll < 0.08:
        customer = rng.choice(["cust-L2", "cust-L3", "cust-L4"])
        return "open", lambda: desk.open_case(customer, token, "S3", "ticket")
    if status in ENDED_STATUSES:
        if status == CaseStatus.RESOLVED and roll < 0.4:
            return "status", lambda: desk.set_status(case_id, str(CaseStatus.CLOSED), token, expected_version=version)
        return "reopen", lambda: desk.reopen(case_id, token, expected_version=version)
    if status == CaseStatus.WAITING_CUSTOMER and roll < 0.3:
        return "status", lambda: desk.set_status(case_id, str(CaseStatus.IN_PROGRESS), token, expected_version=version)
    if roll < 0.35:
        return "response", lambda: desk.record_response(case_id, token, expected_version=version)
    if roll < 0.60:
        return "note", lambda: desk.add_note(case_id, token, expected_version=version)
    if roll < 0.75:
        target = CaseStatus.WAITING_CUSTOMER if status != CaseStatus.WAITING_CUSTOMER else CaseStatus.RESOLVED
        if rng.random() < 0.3:
            target = CaseStatus.RESOLVED
        return "status", lambda: desk.set_status(case_id, str(target), token, expected_version=version)
    if roll < 0.90:
        return "assign", lambda: desk.assign(case_id, token, expected_version=version)
    other = "S2" if severity != "S2" else "S3"
    return "regrade", lambda: desk.regrade(case_id, other, token, expected_version=version)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--pace", type=float, required=True, help="mean real seconds between two writes")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    clock = SystemClock()
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    store = open_store(args.url, clock=clock, daily_backup=False)
    desk = Desk(store, catalogs, clock, actor=args.name)
    rng = random.Random(f"{args.seed}-{args.name}")
    view, flushed = View(), Flushed()
    with store.read() as session:
        ids = list(session.scalars(select(Case.id)))
    watcher = Watcher(desk, view)
    watcher.start()
    view.read(load_entries(desk, ids), {})
    if not watcher.listening.wait(30):
        print(f"{args.name}: not listening", file=sys.stderr)
        return 1
    print("ready", flush=True)
    stop_at = float(sys.stdin.readline())
    cpu_at_go = time.process_time()
    acks: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    attempt = 0
    # Agents start at random points of their first pause, so the team's writes are spread out.
    next_at = time.time() + rng.uniform(0, args.pace)
    while next_at < stop_at:
        time.sleep(max(0.0, next_at - time.time()))
        next_at += rng.expovariate(1 / args.pace)
        token, attempt = f"{args.name}#{attempt}", attempt + 1
        kind, operation = act(desk, view, rng, token)
        flushed.reset()
        clicked = time.time()
        try:
            operation()
        except StaleEdit:  # a colleague changed the case first: the agent is told, nothing was applied
            refused.append({"token": token, "kind": kind, "stale": True})
            continue
        except DeskError as exc:  # e.g. the case ended meanwhile: refused with a message, nothing applied
            refused.append({"token": token, "kind": kind, "stale": False, "why": str(exc)})
            continue
        view.wrote(flushed.versions)
        acks.append(
            {
                "token": token,
                "kind": kind,
                "clicked": clicked,
                "committed": flushed.committed_at,
                "cases": {str(c): v[0] for c, v in flushed.versions.items()},
            }
        )
    # Every desk writes until the same instant, but this one may have made its last write long before it
    # (the pauses are random): it keeps listening until the others have stopped too, then until quiet.
    while time.time() < stop_at or time.time() - watcher.last_note < QUIET_S or not watcher.notes.empty():
        time.sleep(0.1)
    time.sleep(BATCH_MS / 1000 * 4)  # the last read under way
    watcher.stop()
    with view.lock:
        final = {str(c): s for c, s in view.shown.items()}
    result = {
        "desk": args.name,
        "acks": acks,
        "refused": refused,
        "notified": watcher.notified,
        "seen": watcher.seen,
        "failed_reads": watcher.failed_reads,
        "cpu_s": time.process_time() - cpu_at_go,
        "view": final,
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
