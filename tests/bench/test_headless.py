"""Benchmark (``make bench``): the headless commands that read the whole database, against bare sqlite3 programs.

Budget: ``desk sla --json``, ``desk export --format json``, ``desk export --format csv`` and ``desk check``
each run within 3x of a bare program doing the same I/O (plain ``sqlite3`` reading the same columns and
writing the same kind of output), and in memory that does not grow with the database: the command's peak
resident memory on N cases is within 1.3x of its peak on N/10 cases (at least 20,000: a few read batches).

Every figure is a whole process, as a user runs it: ``python -m desk.cli ...`` beside ``python -c BARE``,
one after the other in the same run, the peak memory of each from its own ``wait4`` usage. The bare programs:

* sla: one query of the open cases' columns (with customer and tier) in deadline order, plus their events
  (what the SLA clocks are computed from), written as a JSON list, one object per case;
* export json / csv: the export's own queries (customers, contracts, cases with their customer, re-grades,
  quota uses) written with ``json.dumps`` per record / ``csv.writer``;
* check: the same SQLite pragmas (``integrity_check``, ``foreign_key_check``) and counting queries.

Databases: ``desk demo --cases N --open N/10`` for N from ``DESK_BENCH_CASES`` (default 100,000) and for the smaller N,
made once into ``DESK_BENCH_CACHE`` (default ``.bench/`` in the checkout) and reused by later runs. The
organisation-scale run is ``DESK_BENCH_CASES=1000000 make bench``: generating its 1,000,000 cases (100,000
open) takes about 5 minutes the first time (2.4 GB); the commands and their bare programs then take 8 to 30
minutes on two cores, depending on what else runs (the 100,000-case default: about 1 minute, plus 1 to
generate its databases once).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("DESK_BENCH_CASES", "100000"))
CACHE = Path(os.environ.get("DESK_BENCH_CACHE", ROOT / ".bench"))
RATIO_BUDGET = 3.0
MEMORY_GROWTH_BUDGET = 1.3
SMALL = max(CASES // 10, 20_000)  # the database the peak memory at CASES is compared with
TIME = "/usr/bin/time"  # GNU time (Debian: the time package)

BARE_SLA = r"""
import json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
out = open(sys.argv[2], "w", encoding="utf-8")
cases = db.execute(
    "SELECT c.id, c.ref, c.due_at, c.due_left_s, c.due_clock, cu.ref, k.tier, c.severity, c.status,"
    " c.due_target_s FROM cases c JOIN customers cu ON cu.id = c.customer_id"
    " LEFT JOIN contracts k ON k.id = c.contract_id WHERE c.closed_at IS NULL ORDER BY c.status, c.due_at"
)
events = db.cursor()
out.write("[")
first = True
while True:
    chunk = cases.fetchmany(2000)
    if not chunk:
        break
    marks = ",".join("?" * len(chunk))
    history = {}
    for row in events.execute(
        f"SELECT case_id, kind, at, new FROM case_events WHERE case_id IN ({marks}) ORDER BY at, seq",
        [r[0] for r in chunk],
    ):
        history.setdefault(row[0], []).append(row[1:])
    parts = []
    for cid, ref, due, left, clock, cust, tier, sev, status, target in chunk:
        clocks = [
            {"name": clock, "deadline": due, "state": kind, "at": at} for kind, at, _new in history.get(cid, [])[:3]
        ]
        record = {"case_id": ref, "deadline": due, "remaining_s": left, "state": clock, "customer_id": cust,
                  "tier": tier, "severity": sev, "status": status, "target_s": target, "clocks": clocks}
        text = json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        parts.append(("\n  " if first else ",\n  ") + text)
        first = False
    out.write("".join(parts))
out.write("\n]\n")
"""

_BARE_EXPORT_READ = r"""
import csv, json, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
QUERIES = {
    "customers": "SELECT ref, name, technical_contact, ops_contact, business_goals FROM customers ORDER BY ref",
    "contracts": "SELECT k.ref, cu.ref, k.tier, k.start, k.end FROM contracts k"
    " JOIN customers cu ON cu.id = k.customer_id ORDER BY k.ref",
    "cases": "SELECT c.id, c.ref, cu.ref, c.title, c.description, c.product, c.opening_severity, c.channel,"
    " c.opened_at, c.first_response_at, c.resolved_at, c.status, c.assignee FROM cases c"
    " JOIN customers cu ON cu.id = c.customer_id ORDER BY c.opened_at, c.ref",
    "quota_uses": "SELECT q.ref, k.ref, q.kind, q.start, q.end, q.course, q.persons, q.note FROM quota_uses q"
    " JOIN contracts k ON k.id = q.contract_id WHERE q.cancelled_at IS NULL ORDER BY q.ref",
}
def records(name):
    rows = db.execute(QUERIES[name])
    events = db.cursor()
    while True:
        chunk = rows.fetchmany(2000)
        if not chunk:
            return
        changes = {}
        if name == "cases":
            marks = ",".join("?" * len(chunk))
            for cid, at, new, reason in events.execute(
                f"SELECT case_id, at, new, reason FROM case_events WHERE kind = 'severity' AND case_id IN ({marks})"
                " ORDER BY at, seq", [r[0] for r in chunk],
            ):
                changes.setdefault(cid, []).append({"at": at, "severity": new, "reason": reason})
        for row in chunk:
            if name == "cases":
                yield list(row[1:]) + [changes.get(row[0], [])]
            else:
                yield list(row)
"""

BARE_EXPORT_JSON = (
    _BARE_EXPORT_READ
    + r"""
out = open(sys.argv[2], "w", encoding="utf-8")
out.write("{")
for n, name in enumerate(QUERIES):
    out.write(("\n  " if n == 0 else ",\n  ") + json.dumps(name) + ": [")
    parts = []
    for i, row in enumerate(records(name)):
        text = json.dumps(row, ensure_ascii=False, indent=2).replace("\n", "\n    ")
        parts.append(("\n    " if i == 0 else ",\n    ") + text)
        if len(parts) >= 500:
            out.write("".join(parts))
            parts.clear()
    out.write("".join(parts) + "\n  ]")
out.write("\n}\n")
"""
)

BARE_EXPORT_CSV = (
    _BARE_EXPORT_READ
    + r"""
import pathlib
folder = pathlib.Path(sys.argv[2])
folder.mkdir(exist_ok=True)
for name in QUERIES:
    with open(folder / f"{name}.csv", "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        for row in records(name):
            if name == "cases":
                row[-1] = json.dumps(row[-1], ensure_ascii=False) if row[-1] else ""
            writer.writerow(["" if v is None else v for v in row])
"""
)

BARE_CHECK = r"""
import sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
assert [r[0] for r in db.execute("PRAGMA integrity_check")] == ["ok"]
db.execute("PRAGMA foreign_key_check").fetchall()
db.execute("SELECT count(*) FROM cases WHERE status NOT IN "
           "('new', 'in_progress', 'waiting_customer', 'resolved', 'closed')").fetchall()
db.execute("SELECT count(*) FROM cases c WHERE NOT EXISTS "
           "(SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'opened')").fetchall()
db.execute("SELECT c.ref, count(*) FROM cases c JOIN case_events e ON e.case_id = c.id "
           "WHERE e.at < c.opened_at GROUP BY c.ref LIMIT 20").fetchall()
for column in ("first_response_at", "resolved_at", "closed_at"):
    db.execute(f"SELECT ref FROM cases WHERE {column} < opened_at LIMIT 20").fetchall()
with open(sys.argv[2], "w") as out:
    out.write("ok\n")
"""


class Command(NamedTuple):
    name: str
    desk_args: tuple[str, ...]  # after ``--db URL``; OUT is the output path
    bare: str
    stdout: bool  # the desk command writes OUT to stdout


COMMANDS = (
    Command("sla --json", ("sla", "--json"), BARE_SLA, True),
    Command("export --format json", ("export", "--format", "json", "--out", "OUT"), BARE_EXPORT_JSON, False),
    Command("export --format csv", ("export", "--format", "csv", "--out", "OUT"), BARE_EXPORT_CSV, False),
    Command("check", ("check",), BARE_CHECK, True),
)


class Run(NamedTuple):
    seconds: float
    max_rss_mib: float


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}


def _run(argv: list[str], stdout_path: Path | None, usage: Path) -> Run:
    """One process to its end: wall seconds and its own peak resident memory.

    Measured by GNU time around it: a child forked straight from pytest would inherit pytest's peak (Qt loaded).
    """
    with open(stdout_path or os.devnull, "wb") as out:
        done = subprocess.run(
            [TIME, "-f", "%e %M", "-o", str(usage), *argv], stdout=out, stderr=subprocess.PIPE, env=_env(), cwd=ROOT
        )
    assert done.returncode == 0, f"{argv[3:]} failed: {done.stderr.decode()}"
    seconds, kib = usage.read_text().split()[-2:]
    return Run(float(seconds), int(kib) / 1024)


def _desk(db: Path, command: Command, out: Path) -> Run:
    args = [str(out) if a == "OUT" else a for a in command.desk_args]
    argv = [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{db}", "--read-only", *args]
    return _run(argv, out if command.stdout else None, out.with_name(out.name + ".usage"))


def _bare(db: Path, command: Command, out: Path) -> Run:
    return _run([sys.executable, "-c", command.bare, str(db), str(out)], None, out.with_name(out.name + ".usage"))


def _demo(cases: int) -> Path:
    """The cached demo database of ``cases`` cases (a tenth open), generated on first use."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"headless-{cases}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for stale in CACHE.glob(partial.name + "*"):
            stale.unlink()
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desk.cli", "--db", f"sqlite:///{partial}", "demo", *_demo_args(cases)],
            check=True,
            env=_env(),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        partial.rename(path)  # only a finished database is ever reused
        print(f"\ngenerated {cases:,} cases in {time.perf_counter() - started:.0f} s: {path}")
    return path


def _demo_args(cases: int) -> list[str]:
    return ["--cases", str(cases), "--open", str(cases // 10), "--seed", "3"]


@pytest.fixture(scope="module")
def databases() -> Iterator[tuple[Path, Path]]:
    # The smaller database still fills a few read batches (2,000 cases): below one batch, memory is smaller for
    # want of a full batch, not because it grows with the database.
    yield _demo(CASES), _demo(SMALL)


@pytest.mark.skipif(not Path(TIME).exists(), reason="needs GNU time (/usr/bin/time) for each process's peak memory")
def test_headless_commands_stream(databases: tuple[Path, Path], tmp_path: Path) -> None:
    big, small = databases
    rows = []
    for command in COMMANDS:
        bare = _bare(big, command, tmp_path / "bare.out")
        ours = _desk(big, command, tmp_path / "desk.out")
        tenth = _desk(small, command, tmp_path / "tenth.out")
        rows.append((command.name, ours, bare, ours.seconds / bare.seconds, ours.max_rss_mib / tenth.max_rss_mib))
        for leftover in tmp_path.iterdir():  # the outputs of 1,000,000 cases are gigabytes
            subprocess.run(["rm", "-rf", str(leftover)], check=True)
    print(f"\nheadless commands on {CASES:,} cases ({CASES // 10:,} open), each beside a bare sqlite3 program")
    print(f"(peak memory compared with the same command on {SMALL:,} cases):")
    print(
        f"{'command':<22} {'seconds':>8} {'bare s':>8} {'ratio':>6} {'max RSS MiB':>12} {'bare RSS':>9} "
        + f"{'RSS vs small':>13}"
    )
    for name, ours, bare, ratio, growth in rows:
        print(
            f"{name:<22} {ours.seconds:>8.2f} {bare.seconds:>8.2f} {ratio:>5.1f}x {ours.max_rss_mib:>12.0f} "
            f"{bare.max_rss_mib:>9.0f} {growth:>12.2f}x"
        )
    slow = [f"{name}: {ratio:.1f}x" for name, _o, _b, ratio, _g in rows if ratio > RATIO_BUDGET]
    growing = [f"{name}: {growth:.2f}x" for name, _o, _b, _r, growth in rows if growth > MEMORY_GROWTH_BUDGET]
    assert not slow, f"over {RATIO_BUDGET}x the bare program: {slow}"
    assert not growing, (
        f"memory grows with the database ({CASES:,} vs {SMALL:,} cases over {MEMORY_GROWTH_BUDGET}x): {growing}"
    )
