"""``make partition``: desks cut off from the team server keep writing, rejoin, and nothing is lost.

Three desks work through their replicas behind TCP proxies; once each has written a few times online,
the proxies are cut (the server keeps running) and they carry on offline while more desks keep writing
online, to the same shared cases. Time is simulated (``--speed`` simulated seconds per real second, one
timeline for every process). Then the proxies come back, each cut-off desk runs a sync (push, then
pull), and a second round pulls what the others pushed. Checked at the end:

* every acknowledged write of every desk is on the server exactly once (no loss, no duplicate);
* every real conflict was surfaced: for each cut-off desk, each case field (status, assignee) it changed
  offline that was also changed elsewhere, to a different last value, while it was apart;
* every replica shows the same countdowns (clock states and deadlines) and cached deadlines as the server,
  and the same open team conflicts (recorded on the server by whichever desk found them).

Usage: python -m tests.partition [--db URL] [--writes 240] [--online 3] [--speed 90]
The database (default $DESK_TEST_PG_URL) is wiped first. Exit 0 when all three checks hold.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, text
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.queries import iter_case_sla
from desk.replica.conflicts import conflicts_in
from desk.replica.shared import shared_conflicts
from desk.replica.sync import TeamDesk
from desk.services import Desk
from desk.store.engine import Store, open_store
from desk.store.models import Case, CaseEvent
from tests.helpers import seed_customers
from tests.helpers.proxy import TcpProxy
from tests.helpers.server import wipe_server
from tests.partition.agent import ScaledClock

ROOT = Path(__file__).resolve().parents[2]
CUT_OFF = ("east", "west", "north")
FIELDS = {"status": "status", "assignee": "assignee"}


def _reset(url: str) -> None:
    wipe_server(url)


def _acks(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _spawn(name: str, url: str, replica: Path | None, args: argparse.Namespace, work: Path, start: float) -> Any:
    cmd = [
        sys.executable, "-m", "tests.partition.agent", "--name", name, "--url", url, "--writes", str(args.writes),
        "--log", str(work / f"{name}.jsonl"), "--seed", str(args.seed), "--real-start", str(start),
        "--sim-start", args.sim_start, "--speed", str(args.speed),
    ]  # fmt: skip
    if replica is not None:
        cmd += ["--replica", str(replica)]
    else:
        cmd += ["--pause", str(args.online_pause)]
    return subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, "DESK_DATA_DIR": str(work / "data")})


def _on_server(server: Store, acks: list[dict[str, Any]]) -> Counter[str]:
    """How many times each acknowledged write's token is on the server."""
    tokens = [a["token"] for a in acks]
    found: Counter[str] = Counter()
    with server.read() as session:
        for start in range(0, len(tokens), 500):
            chunk = tokens[start : start + 500]
            for ev in session.scalars(
                select(CaseEvent).where(or_(CaseEvent.new.in_(chunk), CaseEvent.reason.in_(chunk)))
            ):
                # A response that starts work adds a status event without a token; the token is counted once.
                found[ev.new if ev.new in chunk else ev.reason] += 1
            found.update(session.scalars(select(Case.title).where(Case.title.in_(chunk))))
    return found  # an opened case counts by its row (title): its "opened" event carries no token


def _expected_conflicts(server: Store, known: set[Any], queued: set[Any]) -> set[tuple[str, str]]:
    """(case id, field) pairs the desk changed offline (its queued events) and someone else changed, while
    it was apart (events it did not know), to a different last value."""
    expected = set()
    with server.read() as session:
        rows = session.scalars(
            select(CaseEvent)
            .where(CaseEvent.kind.in_(list(FIELDS)))
            .order_by(CaseEvent.at, CaseEvent.seq, CaseEvent.id)
        ).all()
    mine: dict[tuple[str, str], str | None] = {}
    theirs: dict[tuple[str, str], str | None] = {}
    for ev in rows:
        if ev.id in known:
            continue
        key = (str(ev.case_id), FIELDS[ev.kind])
        (mine if ev.id in queued else theirs)[key] = ev.new
    for key, value in mine.items():
        if key in theirs and theirs[key] != value:
            expected.add(key)
    return expected


def _countdowns(store: Store, catalogs: CatalogRegistry, now: datetime) -> dict[str, Any]:
    desk = Desk(store, catalogs, ScaledClock(time.time(), now, 0), actor="check")
    shown = {r.ref: [(c.name, c.state, c.deadline) for c in r.sla.clocks] for r in iter_case_sla(desk, now, True)}
    with store.read() as session:
        for case in session.scalars(select(Case)):
            shown[f"{case.ref} row"] = [case.status, case.severity, case.assignee, case.due_at, case.due_clock]
    return shown


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m tests.partition")
    p.add_argument("--db", default=os.environ.get("DESK_TEST_PG_URL", ""))
    p.add_argument("--writes", type=int, default=240, help="acknowledged writes per desk")
    p.add_argument("--online", type=int, default=3, help="desks that stay online")
    p.add_argument("--cases", type=int, default=20, help="shared cases everyone writes to")
    p.add_argument("--speed", type=float, default=90.0, help="simulated seconds per real second")
    p.add_argument("--online-pause", type=float, default=0.15, help="real seconds between an online desk's writes")
    p.add_argument("--cut-after", type=int, default=10, help="writes each cut-off desk makes before the cut")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sim-start", default="2026-11-26T01:00:00+00:00")
    args = p.parse_args()
    if not args.db or make_url(args.db).get_backend_name() != "postgresql":
        print("give a PostgreSQL database the run may wipe: --db URL or DESK_TEST_PG_URL", file=sys.stderr)
        return 2
    _reset(args.db)
    work = Path(tempfile.mkdtemp(prefix="desk-partition-"))
    start = time.time()
    clock = ScaledClock(start, datetime.fromisoformat(args.sim_start).astimezone(UTC), args.speed)
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    server = open_store(args.db, clock=clock)
    lead = Desk(server, catalogs, clock, actor="lead")
    seed_customers(lead)
    for n in range(args.cases):
        lead.open_case(["cust-L2", "cust-L3", "cust-L4"][n % 3], f"shared {n}", "S2", "ticket")
    parsed = make_url(args.db)
    proxies = {name: TcpProxy(parsed.host or "localhost", parsed.port or 5432) for name in CUT_OFF}
    replicas = {name: work / f"{name}.sqlite" for name in CUT_OFF}
    procs = [_spawn(n, proxies[n].url(args.db), replicas[n], args, work, start) for n in CUT_OFF]
    online = [f"online{i}" for i in range(args.online)]
    procs += [_spawn(n, args.db, None, args, work, start) for n in online]
    while any(len(_acks(work / f"{n}.jsonl")) < args.cut_after for n in CUT_OFF):
        if any(proc.poll() not in (None, 0) for proc in procs):
            break
        time.sleep(0.2)
    for proxy in proxies.values():
        proxy.cut()
    cut_at = clock.now()
    failed = [proc.args for proc in procs if proc.wait() != 0]
    written_at = clock.now()
    for proxy in proxies.values():
        proxy.restore()

    surfaced: dict[str, set[tuple[str, str]]] = {}
    expected: dict[str, set[tuple[str, str]]] = {}
    timings = {}
    for name in CUT_OFF:  # rejoin one after the other, as desks would
        team = TeamDesk(proxies[name].url(args.db), replicas[name], clock)
        with team.replica.read() as session:
            queued = session.execute(text("SELECT tbl, row_id FROM replica_outbox")).all()
            # What the desk knew of the server when it was cut off: its replica, less its own offline writes.
            offline = {uuid.UUID(hex=r.row_id) for r in queued if r.tbl == "case_events"}
            known = set(session.scalars(select(CaseEvent.id))) - offline
            waiting = len(queued)
        began = time.monotonic()
        result = team.sync(catalogs, name)
        timings[name] = (waiting, result.pushed, time.monotonic() - began)
        surfaced[name] = {(str(c.row_id), c.field) for c in result.conflicts}
        expected[name] = _expected_conflicts(server, known, offline)
        team.close()
    for name in CUT_OFF:  # a second round pulls what the others pushed
        team = TeamDesk(proxies[name].url(args.db), replicas[name], clock)
        team.sync(catalogs, name)
        # Its own conflicts as its replica keeps them (the team's conflicts it found, and its record conflicts).
        kept = conflicts_in(team.replica, agent=name)
        surfaced[name] |= {(str(c.row_id), c.field) for c in kept if c.mine_by == name or c.shared_id is None}
        team.close()

    acks = [a for n in (*CUT_OFF, *online) for a in _acks(work / f"{n}.jsonl")]
    found = _on_server(server, acks)
    lost = [a["token"] for a in acks if found[a["token"]] == 0]
    duplicated = [a["token"] for a in acks if found[a["token"]] > 1]
    missing = {n: expected[n] - surfaced[n] for n in CUT_OFF}
    now = clock.now()
    truth = _countdowns(server, catalogs, now)
    with server.read() as session:  # the team's conflicts: every desk shows the same open ones as the server
        team_conflicts = {c.shared_id: c.resolved_at for c in shared_conflicts(session, include_resolved=True)}
    open_on_server = {k for k, resolved in team_conflicts.items() if resolved is None}
    mismatched = {}
    conflicts_differ = {}
    for name in CUT_OFF:
        team = TeamDesk(proxies[name].url(args.db), replicas[name], clock)
        shown = _countdowns(team.replica, catalogs, now)
        mismatched[name] = sorted(k for k in truth.keys() | shown.keys() if truth.get(k) != shown.get(k))
        with team.replica.read() as session:
            conflicts_differ[name] = {c.shared_id for c in shared_conflicts(session)} != open_on_server
        team.close()

    per_desk = Counter(a["desk"] for a in acks)
    offline = Counter(a["desk"] for a in acks if a["offline"])
    print(f"work folder: {work}")
    print(f"simulated time: cut at {cut_at:%H:%M}, writes ended {written_at:%H:%M}, checked {now:%H:%M} UTC")
    for name in (*CUT_OFF, *online):
        line = f"  {name:<8} {per_desk[name]:>4} writes acknowledged, {offline[name]:>4} of them offline"
        if name in timings:
            waiting, pushed, took = timings[name]
            line += f"; rejoin pushed {pushed}/{waiting} queued rows in {took:.1f} s"
            line += f"; conflicts expected {len(expected[name])}, surfaced {len(surfaced[name])}"
        print(line)
    print(f"acknowledged writes: {len(acks)}; on the server exactly once: {len(acks) - len(lost) - len(duplicated)}")
    missed = sum(len(m) for m in missing.values())
    print(f"lost: {len(lost)}  duplicated: {len(duplicated)}  conflicts missed: {missed}")
    print(f"countdowns compared: {len(truth)} per replica; differing: {sum(len(m) for m in mismatched.values())}")
    alike = "the same on every replica" if not any(conflicts_differ.values()) else "DIFFERENT on some replica"
    print(f"team conflicts on the server: {len(team_conflicts)}, {len(open_on_server)} open, {alike}")
    for name, keys in mismatched.items():
        for key in keys[:5]:
            print(f"  {name}: {key}: server {truth.get(key)} / replica differs", file=sys.stderr)
    if failed:
        print(f"agents failed: {failed}", file=sys.stderr)
    server.close()
    for proxy in proxies.values():
        proxy.close()
    ok = not (lost or duplicated or failed or any(missing.values()) or any(mismatched.values()))
    ok = ok and not any(conflicts_differ.values())
    ok = ok and all(offline[n] >= 200 for n in CUT_OFF) if args.writes >= 210 else ok
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
