"""``make load``: twenty desks working on one team server at once, timed, and checked for lost writes.

Twenty agent processes (``tests.load.agent``), each with its own connections, work on the same cases of
a real PostgreSQL server for ``--seconds``: opening cases, recording responses, re-grading, changing
status, assigning and noting, one write every ``--pace`` seconds on average (an agent in an incident, not
a benchmark loop), each with the case version its view shows so a stale edit is refused. Every desk
listens to the server's notifications and reads the changed rows as the window does. Besides them,
``--replica-windows`` windows work local first on their replica (``tests.load.replica_window``: the
window's own background sync, pulling on each notification), watching. Measured:

* write latency: from the click (the operation called) to its commit;
* visibility: from a write's commit to the moment another desk has the change: notified (the NOTIFY
  arrived) and seen (its read of the row returned), for each other desk; seen in a replica window's
  replica; and until *every* other desk has seen it (the slowest of them all).

Checked at the end (exit 1 otherwise): every acknowledged write is on the server exactly once and no
refused one is there at all; every other desk was notified of and read every write; every desk's view
of the queue (versions, countdowns) is the server's; every case row's cached countdown is the one the
SLA engine computes from the case's history; and the change reached every other desk within the budget
(``--budget-ms``, at the 99th percentile).

Usage: python -m tests.load [--db URL] [--agents 20] [--seconds 120] [--pace 5.0] [--cases 60] [--replica-windows 2]
(also ``make load``, or ``pytest tests/load``). The database (default $DESK_TEST_PG_URL) is wiped first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import make_url

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import SystemClock
from desk.queue import load_entries
from desk.services import Desk, due_of, events_for
from desk.store.engine import open_store
from desk.store.models import Case
from tests.helpers import seed_customers
from tests.load.agent import entry_view
from tests.partition.__main__ import _on_server, _reset

ROOT = Path(__file__).resolve().parents[2]


def percentile(values: Sequence[float], q: float) -> float:
    """The nearest-rank percentile (``q`` in 0..100); NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


@dataclass
class LoadReport:
    agents: int
    seconds: float
    wall_s: float = 0.0
    acknowledged: int = 0
    stale_refused: int = 0
    other_refused: int = 0
    lost: int = 0
    duplicated: int = 0
    refused_but_written: int = 0
    not_notified: int = 0
    not_seen: int = 0
    views_differing: int = 0
    countdowns_differing: int = 0
    countdowns_checked: int = 0
    failed_agents: int = 0
    latencies_ms: dict[str, list[float]] = field(default_factory=dict)
    budget_ms: float = 1000.0
    replica_windows: int = 0
    desks_cpu_share: float = 0.0  # the desks' processes' CPU time over the run's duration (1.0: one core)
    load_average: tuple[float, float] = (0.0, 0.0)  # the machine's, when the writes began and ended

    def figure(self, name: str, q: float) -> float:
        return percentile(self.latencies_ms.get(name, []), q)

    @property
    def ok(self) -> bool:
        wrong = (
            self.lost,
            self.duplicated,
            self.refused_but_written,
            self.not_notified,
            self.not_seen,
            self.views_differing,
            self.countdowns_differing,
            self.failed_agents,
        )
        return not any(wrong) and self.acknowledged > 0 and self.figure("seen by all", 99) <= self.budget_ms

    def table(self) -> str:
        rows = [
            ("write (click to commit)", "write"),
            ("notified (commit to NOTIFY, each other desk)", "notified"),
            ("seen (commit to row read, each other desk)", "seen"),
            (f"seen on a window on its replica ({self.replica_windows})", "replica"),
            (f"seen by all {self.agents - 1 + self.replica_windows} other desks", "seen by all"),
        ]
        lines = [f"{'latency, ms':<48}{'n':>7}{'p50':>8}{'p99':>8}{'max':>8}"]
        for label, key in rows:
            values = self.latencies_ms.get(key, [])
            figures = [percentile(values, 50), percentile(values, 99), max(values, default=float("nan"))]
            lines.append(f"{label:<48}{len(values):>7}" + "".join(f"{v:>8.0f}" for v in figures))
        return "\n".join(lines)


def _spawn(name: str, url: str, args: argparse.Namespace, out: Path) -> subprocess.Popen[str]:
    cmd = [
        sys.executable, "-m", "tests.load.agent", "--name", name, "--url", url, "--pace", str(args.pace),
        "--seed", str(args.seed), "--out", str(out),
    ]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _spawn_window(name: str, url: str, work: Path) -> subprocess.Popen[str]:
    cmd = [
        sys.executable, "-m", "tests.load.replica_window", "--name", name, "--url", url,
        "--replica", str(work / f"{name}.sqlite"), "--out", str(work / f"{name}.json"),
    ]  # fmt: skip
    return subprocess.Popen(cmd, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def _first_seen(observed: list[list[float]], version: int) -> float | None:
    """When a replica first showed ``version`` of a case or a later one (None: never)."""
    return next((at for shown, at in observed if shown >= version), None)


def _server_view(desk: Desk) -> tuple[dict[str, Any], int, int]:
    """Every case as a desk would show it now; and how many cached countdowns differ from the engine's."""
    with desk.store.read() as session:
        cases = list(session.scalars(select(Case)))
        history = events_for(session, [c.id for c in cases])
        differing = sum(1 for c in cases if due_of(c) != desk.due_from(c, history.get(c.id, [])))
    entries = load_entries(desk, [c.id for c in cases])
    return {str(c): entry_view(e) for c, e in entries.items()}, differing, len(cases)


def run(argv: Sequence[str] | None = None) -> LoadReport:
    p = argparse.ArgumentParser(prog="python -m tests.load")
    p.add_argument("--db", default=os.environ.get("DESK_TEST_PG_URL", ""))
    p.add_argument("--agents", type=int, default=20)
    p.add_argument("--seconds", type=float, default=300.0, help="how long the agents write")
    p.add_argument("--pace", type=float, default=5.0, help="mean seconds between two writes of one agent")
    p.add_argument("--cases", type=int, default=60, help="open cases everyone works on at the start")
    p.add_argument("--budget-ms", type=float, default=1000.0, help="every other desk has the change within this")
    p.add_argument("--replica-windows", type=int, default=2, help="windows on their replica watching besides")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args(argv)
    if not args.db or make_url(args.db).get_backend_name() != "postgresql":
        raise SystemExit("give a PostgreSQL database the run may wipe: --db URL or DESK_TEST_PG_URL")
    began = time.monotonic()
    _reset(args.db)
    clock = SystemClock()
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    server = open_store(args.db, clock=clock, daily_backup=False)
    lead = Desk(server, catalogs, clock, actor="lead")
    seed_customers(lead)
    for n in range(args.cases):
        lead.open_case(["cust-L2", "cust-L3", "cust-L4"][n % 3], f"shared {n}", ["S2", "S3"][n % 2], "ticket")
    work = Path(tempfile.mkdtemp(prefix="desk-load-"))
    names = [f"agent{n:02d}" for n in range(args.agents)]
    procs = {name: _spawn(name, args.db, args, work / f"{name}.json") for name in names}
    windows = {n: _spawn_window(n, args.db, work) for n in (f"replica{i}" for i in range(args.replica_windows))}
    report = LoadReport(args.agents, args.seconds, budget_ms=args.budget_ms, replica_windows=args.replica_windows)
    for proc in (*procs.values(), *windows.values()):  # every desk listening before anyone writes
        assert proc.stdout is not None and proc.stdin is not None
        if proc.stdout.readline().strip() != "ready":
            report.failed_agents += 1
    stop_at = time.time() + args.seconds
    load_before = os.getloadavg()[0]
    for proc in (*procs.values(), *windows.values()):
        assert proc.stdin is not None
        proc.stdin.write(f"{stop_at}\n")
        proc.stdin.flush()
    for proc in procs.values():
        assert proc.stdin is not None
        proc.stdin.close()
    for proc in procs.values():
        if proc.wait() != 0:
            report.failed_agents += 1
    for proc in windows.values():  # the writers are done: the windows take their last round, then report
        assert proc.stdin is not None
        proc.stdin.write("done\n")
        proc.stdin.close()
    for proc in (*procs.values(), *windows.values()):
        if proc.wait() != 0:
            report.failed_agents += 1
        if proc.stdout is not None:
            proc.stdout.close()
    load_after = os.getloadavg()[0]
    results = [json.loads(path.read_text()) for path in sorted(work.glob("agent*.json"))]
    replicas = [json.loads(path.read_text()) for path in sorted(work.glob("replica*.json"))]
    # What the desks had of this machine: on a shared one, other work's share shows in every latency.
    report.desks_cpu_share = sum(r["cpu_s"] for r in (*results, *replicas)) / args.seconds
    report.load_average = (load_before, load_after)
    report.failed_agents += args.agents - len(results) + args.replica_windows - len(replicas)

    acks = [a for r in results for a in r["acks"]]
    refused = [x for r in results for x in r["refused"]]
    report.acknowledged = len(acks)
    report.stale_refused = sum(1 for x in refused if x["stale"])
    report.other_refused = len(refused) - report.stale_refused
    found = _on_server(server, [*acks, *refused])
    report.lost = sum(1 for a in acks if found[a["token"]] == 0)
    report.duplicated = sum(1 for a in acks if found[a["token"]] > 1)
    report.refused_but_written = sum(1 for x in refused if found[x["token"]] > 0)

    lat: dict[str, list[float]] = {"write": [], "notified": [], "seen": [], "replica": [], "seen by all": []}
    for r in results:
        for a in r["acks"]:
            lat["write"].append((a["committed"] - a["clicked"]) * 1000)
    for r in results:
        for a in r["acks"]:
            slowest = 0.0
            for case, version in a["cases"].items():
                key = f"{case} {version}"
                for other in results:
                    if other["desk"] == r["desk"]:
                        continue
                    if key not in other["notified"]:
                        report.not_notified += 1
                    else:  # from the writer's end of its commit: a NOTIFY may arrive first (counted as 0)
                        lat["notified"].append(max(0.0, other["notified"][key] - a["committed"]) * 1000)
                    if key not in other["seen"]:
                        report.not_seen += 1
                        slowest = float("inf")
                    else:
                        seen = (other["seen"][key] - a["committed"]) * 1000
                        lat["seen"].append(seen)
                        slowest = max(slowest, seen)
                for window in replicas:
                    at = _first_seen(window["observed"].get(case, []), version)
                    if at is None:
                        report.not_seen += 1
                        slowest = float("inf")
                    else:
                        lat["replica"].append((at - a["committed"]) * 1000)
                        slowest = max(slowest, lat["replica"][-1])
            lat["seen by all"].append(slowest)
    report.latencies_ms = lat

    truth, report.countdowns_differing, report.countdowns_checked = _server_view(lead)
    for r in (*results, *replicas):
        report.views_differing += sum(1 for case, shown in truth.items() if r["view"].get(case) != shown)
    server.close()
    report.wall_s = time.monotonic() - began
    print(f"work folder: {work}")
    kinds = Counter(a["kind"] for a in acks)
    print(
        f"{args.agents} desks for {args.seconds:.0f} s, one write every {args.pace} s each on average: "
        f"{report.acknowledged} writes acknowledged ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}); "
        f"{report.stale_refused} refused as stale edits (a colleague changed the case first: surfaced), "
        f"{report.other_refused} refused otherwise"
    )
    print(report.table())
    print(
        f"lost: {report.lost}  duplicated: {report.duplicated}  refused yet written: {report.refused_but_written}  "
        f"not notified: {report.not_notified}  not seen: {report.not_seen}"
    )
    print(
        f"desks' views differing from the server: {report.views_differing} (of {len(truth)} cases x "
        f"{len(results) + len(replicas)} desks); cached countdowns differing from the engine's: "
        f"{report.countdowns_differing} of {report.countdowns_checked}"
    )
    if report.failed_agents:
        print(f"agents failed: {report.failed_agents}", file=sys.stderr)
    print(
        f"the {len(results)} desks used {report.desks_cpu_share:.2f} of a core ({os.cpu_count()} here); "
        f"load average {report.load_average[0]:.1f} when the writes began, {report.load_average[1]:.1f} at the end"
    )
    within = report.figure("seen by all", 99) <= args.budget_ms
    print(
        f"wall time {report.wall_s:.0f} s; every other desk had each change within {args.budget_ms:.0f} ms "
        f"at p99: {'yes' if within else 'NO'}"
    )
    print("OK" if report.ok else "FAILED")
    return report


def main() -> int:
    return 0 if run().ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
