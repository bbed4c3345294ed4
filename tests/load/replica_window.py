"""A window on its replica in the load run: the window's own background sync (``ReplicaSync``), timed.

Team desks work local first: once synced, a window works on its SQLite replica, and its background sync
pulls colleagues' changes as soon as the server announces them. This process runs that sync exactly as
the window does (listening, one round at a time, the 5 s round as the fallback) in a Qt event loop, and
notes when each case version first shows in the replica (read as the window reads it, ``load_entries``,
once a round says it pulled the case). It writes nothing itself.

It prints ``ready`` once its replica is synced and it listens; the first line on stdin is the instant the
writers stop, the second (``done``) says they have; a moment later it writes what it saw to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from sqlalchemy import select

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import SystemClock
from desk.queue import load_entries
from desk.replica.link import open_replica
from desk.replica.sync import ReplicaStatus
from desk.services import Desk
from desk.store.models import Case
from tests.load.agent import entry_view
from ui.replica_status import ReplicaSync

SETTLE_S = 1.5  # after the writers are done: the last notifications' round


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--replica", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()
    app = QCoreApplication([sys.argv[0]])
    clock = SystemClock()
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    owner = QObject()  # the window, in the desk
    sync = ReplicaSync(args.url, args.replica, catalogs, args.name, clock, owner)
    replica: list[Desk] = []
    observed: dict[str, list[tuple[int, float]]] = {}  # case -> (version shown, when), as they came
    state = {"ready": False, "cpu_at_go": 0.0}
    go, done = threading.Event(), threading.Event()

    def read_stdin() -> None:
        sys.stdin.readline()
        go.set()
        sys.stdin.readline()
        done.set()

    def synced(status: object) -> None:
        if state["ready"] or not isinstance(status, ReplicaStatus) or status.last_sync_at is None:
            return
        if not sync.is_listening:
            return  # the next round, once listening
        state["ready"] = True
        replica.append(Desk(open_replica(args.replica, clock), catalogs, clock, actor=args.name))
        print("ready", flush=True)
        threading.Thread(target=read_stdin, daemon=True).start()

    def pulled(cases: object) -> None:
        if not replica:
            return
        desk = replica[0]
        ids = list(cases)  # type: ignore[call-overload]
        with desk.store.read() as session:
            versions = dict(session.execute(select(Case.id, Case.version).where(Case.id.in_(ids))).all())
        load_entries(desk, ids)  # the window's read of the rows it shows again
        now = time.time()
        for case_id, version in versions.items():
            seen = observed.setdefault(str(case_id), [])
            if not seen or seen[-1][0] < version:
                seen.append((version, now))

    def finish() -> None:
        sync.stop()
        desk = replica[0]
        with desk.store.read() as session:
            ids: list[uuid.UUID] = list(session.scalars(select(Case.id)))
        view: dict[str, Any] = {str(c): entry_view(e) for c, e in load_entries(desk, ids).items()}
        result = {
            "desk": args.name,
            "observed": observed,
            "view": view,
            "cpu_s": time.process_time() - state["cpu_at_go"],
        }
        args.out.write_text(json.dumps(result), encoding="utf-8")
        desk.store.close()
        app.quit()

    def check() -> None:
        if go.is_set() and not state["cpu_at_go"]:
            state["cpu_at_go"] = time.process_time()
        if done.is_set():
            watch.stop()
            QTimer.singleShot(int(SETTLE_S * 1000), finish)

    sync.status.connect(synced)
    sync.pulled.connect(pulled)
    sync.listen()
    sync.start()
    watch = QTimer()
    watch.setInterval(100)
    watch.timeout.connect(check)
    watch.start()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
