"""The crash harness: run the writer driver, SIGKILL it at random moments, reopen and verify.

After every kill the database must open, pass ``desk check`` (``desk.integrity.check`` returns no
problem), hold every write the driver had acknowledged exactly once, hold no write the desk refused, and
hold the write that was in flight either whole or not at all. Every backup file must be a sound database.
Used by the unit suite (a few kills) and by ``make torture`` (hundreds).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.integrity import check
from desk.interchange import Batch, Row, import_batch
from desk.services import Desk
from desk.store import backup
from desk.store.engine import open_store
from desk.store.models import Case, CaseEvent, QuotaEvent, QuotaUse
from tests.reliability.crash_driver import HANDOVER, T0

if HANDOVER:
    from desk.handover import Handover
    from desk.store.handover_models import HandoverReport, Shift

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("crash_driver.py")


@dataclass
class Figures:
    kills: int = 0
    acknowledged: int = 0
    refused: int = 0
    in_flight_applied: int = 0
    in_flight_absent: int = 0
    cases: int = 0
    events: int = 0
    backups_checked: int = 0
    ops: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        ops = ", ".join(f"{k} {v}" for k, v in sorted(self.ops.items()))
        return (
            f"{self.kills} kills survived; {self.acknowledged} acknowledged writes all present ({ops}); "
            f"{self.refused} refused writes all absent; in-flight at the kill: {self.in_flight_applied} "
            f"applied whole, {self.in_flight_absent} absent, none half-written; final database: "
            f"{self.cases} cases, {self.events} case events; {self.backups_checked} backup-file checks passed"
        )


def seed(db: Path) -> None:
    clock = FakeClock(T0)
    store = open_store(f"sqlite:///{db}", clock=clock)
    try:
        desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock)
        batch = Batch()
        for tier in ("L1", "L2", "L3", "L4"):
            batch.rows["customers"].append(Row("seed", {"id": f"cust-{tier}", "name": f"客户 {tier}"}))
            batch.rows["contracts"].append(
                Row(
                    "seed",
                    {
                        "id": f"k-{tier}",
                        "customer_id": f"cust-{tier}",
                        "tier": tier,
                        "start": "2026-01-01",
                        "end": "2026-12-31",
                    },
                )
            )
        import_batch(desk, batch)
    finally:
        store.close()


def _records(log: Path) -> list[dict[str, str]]:
    if not log.exists():
        return []
    # A kill can cut the driver's last line short: that line was never acknowledged.
    out = []
    for line in log.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def _wait_ready(proc: subprocess.Popen[bytes], log: Path, run: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(r.get("kind") == "ready" and r.get("run") == run for r in _records(log)):
            return
        if proc.poll() is not None:
            raise AssertionError(f"driver run {run} died before it was ready: {proc.stderr.read()!r}")  # type: ignore[union-attr]
        time.sleep(0.01)
    raise AssertionError(f"driver run {run} not ready after {timeout} s")


def run_kills(workdir: Path, kills: int, seed_value: int, max_delay: float = 0.4) -> Figures:
    """Start, kill and verify ``kills`` times on one database in ``workdir``; returns the figures."""
    rng = random.Random(seed_value)
    db, log = workdir / "desk.sqlite", workdir / "acks.jsonl"
    seed(db)
    figures = Figures()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for run in range(1, kills + 1):
        proc = subprocess.Popen(
            [sys.executable, str(DRIVER), str(db), str(log), str(run), str(rng.randrange(2**32))],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_ready(proc, log, run)
            time.sleep(rng.uniform(0, max_delay))
            if proc.poll() is not None:
                raise AssertionError(f"driver run {run} stopped by itself: {proc.stderr.read()!r}")  # type: ignore[union-attr]
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
            assert proc.stderr is not None
            proc.stderr.close()
        figures.kills += 1
        verify(db, log, run, figures)
    return figures


def verify(db: Path, log: Path, run: int, figures: Figures) -> None:
    """Reopen after a kill and check that nothing acknowledged is lost and nothing is half-written."""
    records = _records(log)
    begun = {r["marker"]: r for r in records if r["kind"] == "begin"}
    acked = {r["marker"]: r for r in records if r["kind"] == "ack"}
    refused = {r["marker"] for r in records if r["kind"] == "refused"}
    in_flight = [m for m in begun if m not in acked and m not in refused and m.startswith(f"op:{run}:")]
    assert len(in_flight) <= 1, in_flight

    clock = FakeClock(T0 + timedelta(hours=run, minutes=59))
    store = open_store(f"sqlite:///{db}", clock=clock)
    try:
        desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock)
        problems = check(desk)
        assert problems == [], f"desk check after kill {run}: {problems}"
        found: Counter[str] = Counter()
        signed_reports: list[uuid.UUID] = []
        with store.read() as session:
            opened = Counter(session.scalars(select(CaseEvent.case_id).where(CaseEvent.kind == "opened")).all())
            case_rows = session.execute(select(Case.id, Case.title)).all()
            for case_id, title in case_rows:
                assert opened[case_id] == 1, f"case {title!r} has {opened[case_id]} 'opened' events"
                if title.startswith("case op:"):
                    found[title.removeprefix("case ")] += 1
            for kind, new, reason in session.execute(
                select(CaseEvent.kind, CaseEvent.new, CaseEvent.reason).where(
                    CaseEvent.kind.in_(("note", "response", "severity", "status"))
                )
            ):
                marker = new if kind in ("note", "response") else reason
                if marker and marker.startswith("op:"):
                    found[marker] += 1
            for note in session.scalars(select(QuotaUse.note)):
                if note.startswith("op:"):
                    found[note] += 1
            for reason in session.scalars(select(QuotaEvent.reason).where(QuotaEvent.kind == "cancelled")):
                if reason.startswith("op:"):
                    found[reason] += 1
            if HANDOVER:
                for outgoing in session.scalars(select(Shift.outgoing)):
                    if outgoing.startswith("op:"):
                        found[outgoing] += 1
                reports = session.execute(
                    select(HandoverReport.id, Shift.outgoing, HandoverReport.signed_by).join(
                        Shift, HandoverReport.shift_id == Shift.id
                    )
                ).all()
                for report_id, outgoing, signed_by in reports:
                    if outgoing.startswith("op:"):
                        found[f"{outgoing}/report"] += 1
                    if signed_by is not None and signed_by.startswith("op:"):
                        found[f"{signed_by}/sign"] += 1
                    signed_reports.append(report_id)
            figures.cases = len(case_rows)
            figures.events = session.scalar(select(func.count()).select_from(CaseEvent)) or 0
        if HANDOVER:
            handover = Handover(desk)
            for report_id in signed_reports:
                result = handover.verify(report_id)
                assert result.ok, f"handover report {report_id} after kill {run}: {result.problems}"
    finally:
        store.close()

    for marker, record in acked.items():
        if record["op"] == "backup":
            continue
        assert found[marker] == 1, f"acknowledged {record['op']} {marker} found {found[marker]} times"
    for marker in refused:
        assert found[marker] == 0, f"refused {marker} was written"
    unknown = set(found) - set(begun)
    assert not unknown, f"writes nobody began: {sorted(unknown)[:5]}"
    for marker in in_flight:
        assert found[marker] in (0, 1), f"in-flight {marker} written {found[marker]} times"
        if found[marker]:
            figures.in_flight_applied += 1
        else:
            figures.in_flight_absent += 1
    figures.acknowledged = len(acked)
    figures.refused = len(refused)
    figures.ops = Counter(r["op"] for r in acked.values())
    backups = sorted((db.parent / "backups").glob("*.sqlite"))
    for path in backups:
        assert backup.check_file(path) == "ok", f"backup {path.name} is not sound: {backup.check_file(path)}"
    figures.backups_checked += len(backups)
