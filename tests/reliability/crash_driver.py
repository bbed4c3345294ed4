"""A writer for the crash harness: desk service calls in a tight loop, each logged once acknowledged.

Run as ``python crash_driver.py DB LOG RUN SEED``. Before a call it appends ``begin`` to LOG, after the
call returns (the transaction committed) ``ack`` (or ``refused`` for a service refusal); every line is
fsync'd, so the log never claims a write the desk had not acknowledged. Every write carries a marker
(``op:RUN:N``) in a field the harness can find again. The harness SIGKILLs this process at random.
"""

from __future__ import annotations

import json
import os
import random
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

try:
    from desk.handover import Handover

    HANDOVER = True
except ImportError:  # the handover feature is not there yet
    HANDOVER = False
from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.clock import FakeClock
from desk.services import Desk, DeskError
from desk.store import backup
from desk.store.engine import open_store
from desk.store.models import Case, QuotaUse

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
SEVERITIES = ("S1", "S2", "S3", "S4", "S5")
STATUSES = ("in_progress", "waiting_customer", "resolved", "new")
CUSTOMERS = ("cust-L1", "cust-L2", "cust-L3", "cust-L4")


class Log:
    def __init__(self, path: Path) -> None:
        self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def write(self, **record: object) -> None:
        os.write(self._fd, (json.dumps(record, sort_keys=True) + "\n").encode())
        os.fsync(self._fd)


def main(db: str, log_path: str, run: int, seed: int) -> None:
    rng = random.Random(seed)
    clock = FakeClock(T0 + timedelta(hours=run))
    store = open_store(f"sqlite:///{db}", clock=clock)
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), clock, actor=f"driver{run}")
    with store.read() as session:
        cases: dict[uuid.UUID, str] = {c.id: c.severity for c in session.scalars(select(Case))}
        bookings = [u.ref for u in session.scalars(select(QuotaUse).where(QuotaUse.cancelled_at.is_(None)))]
    log = Log(Path(log_path))
    log.write(kind="ready", run=run)
    n = 0
    while True:
        n += 1
        clock.advance(timedelta(seconds=rng.randint(1, 90)))
        marker = f"op:{run}:{n}"
        choice = rng.random()
        case_id = rng.choice(list(cases)) if cases else None
        if case_id is None or choice < 0.25:
            op, target = "open", f"c-{run}-{n}"
        elif choice < 0.40:
            op, target = "respond", str(case_id)
        elif choice < 0.52:
            op, target = "regrade", str(case_id)
        elif choice < 0.64:
            op, target = "status", str(case_id)
        elif choice < 0.80:
            op, target = "note", str(case_id)
        elif choice < 0.90:
            op, target = "book", f"Q-{run}-{n}"
        elif choice < 0.94 and bookings:
            op, target = "cancel", rng.choice(bookings)
        elif choice < 0.985 and HANDOVER:
            op, target = "shift", marker
        else:
            op, target = "backup", ""
        log.write(kind="begin", op=op, marker=marker, target=target)
        try:
            if op == "open":
                severity = rng.choice(SEVERITIES)
                changes = desk.open_case(rng.choice(CUSTOMERS), f"case {marker}", severity, "ticket", ref=target)
                cases[next(iter(changes.cases))] = severity
            elif op == "respond":
                assert case_id is not None
                desk.record_response(case_id, marker)
            elif op == "regrade":
                assert case_id is not None
                new = rng.choice([s for s in SEVERITIES if s != cases[case_id]])
                desk.regrade(case_id, new, marker)
                cases[case_id] = new
            elif op == "status":
                assert case_id is not None
                desk.set_status(case_id, rng.choice(STATUSES), marker)
            elif op == "note":
                assert case_id is not None
                desk.add_note(case_id, marker)
            elif op == "book":
                start = date(2026, rng.randint(1, 12), rng.randint(1, 28))
                desk.book_quota(
                    rng.choice(("k-L3", "k-L4")),
                    "escort",
                    start,
                    start,
                    override_reason=marker,
                    note=marker,
                    ref=target,
                )
                bookings.append(target)
            elif op == "cancel":
                desk.cancel_booking(target, marker)
                bookings.remove(target)
            elif op == "shift":
                # Sign a handover: three acknowledged writes (shift, frozen report, signature).
                handover = Handover(desk)
                now = clock.now()
                shift = handover.start_shift(marker, starts_at=now - timedelta(hours=1), ends_at=now)
                log.write(kind="ack", op="shift", marker=marker, target=target)
                op, marker = "report", f"{target}/report"
                log.write(kind="begin", op=op, marker=marker, target=target)
                report = handover.generate(shift.id)
                log.write(kind="ack", op=op, marker=marker, target=target)
                op, marker = "sign", f"{target}/sign"
                log.write(kind="begin", op=op, marker=marker, target=target)
                handover.sign(report.id, target)
            elif op == "backup":
                assert store.path is not None and store.backup_dir is not None
                target = str(backup.take(store.path, store.backup_dir, clock.now(), reason="manual"))
        except DeskError as exc:
            log.write(kind="refused", op=op, marker=marker, target=target, why=str(exc)[:200])
            continue
        log.write(kind="ack", op=op, marker=marker, target=target)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
