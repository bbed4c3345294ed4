"""One simulated agent of the partition run: a process writing to cases, online or through its replica.

Every acknowledged write is appended to a JSON-lines log with a token unique to it (kept in the event's
text, reason or value), so the run can find it on the server afterwards: exactly once, or it was lost.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from desk.catalog import CatalogRegistry, default_catalog_dir
from desk.errors import DeskError
from desk.replica.sync import TeamDesk
from desk.services import Desk
from desk.store.engine import open_store
from desk.store.models import Case
from desk.vocabulary import ENDED_STATUSES, CaseStatus


class ScaledClock:
    """Simulated time shared by every process: ``speed`` simulated seconds per real second from one start."""

    def __init__(self, real_start: float, sim_start: datetime, speed: float) -> None:
        self.real_start, self.sim_start, self.speed = real_start, sim_start, speed

    def now(self) -> datetime:
        return self.sim_start + timedelta(seconds=(time.time() - self.real_start) * self.speed)


def write_one(desk: Desk, rng: random.Random, token: str, case_ids: list[Any]) -> dict[str, Any] | None:
    """One agent action on a random shared case (or a new case); None when the desk refused it."""
    roll = rng.random()
    if roll < 0.05:
        (new_id,) = desk.open_case(rng.choice(["cust-L2", "cust-L3", "cust-L4"]), token, "S3", "ticket").cases
        return {"kind": "opened", "token": token, "case": str(new_id)}
    case_id = rng.choice(case_ids)
    with desk.store.read() as session:
        case = session.get(Case, case_id)
        assert case is not None
        status = case.status
    if roll < 0.30:
        if status == CaseStatus.CLOSED:
            desk.reopen(case_id, token)
            return {"kind": "status", "token": token, "case": str(case_id), "value": str(CaseStatus.IN_PROGRESS)}
        desk.record_response(case_id, token)
        return {"kind": "response", "token": token, "case": str(case_id)}
    if roll < 0.55:
        desk.add_note(case_id, token)
        return {"kind": "note", "token": token, "case": str(case_id)}
    if roll < 0.75:
        if status in ENDED_STATUSES:
            target = str(CaseStatus.CLOSED) if status == CaseStatus.RESOLVED and rng.random() < 0.5 else ""
            if target:
                desk.set_status(case_id, target, token)
            else:
                desk.reopen(case_id, token)
                target = str(CaseStatus.IN_PROGRESS)
        else:
            choices = [s for s in (CaseStatus.WAITING_CUSTOMER, CaseStatus.RESOLVED) if s != status]
            target = str(rng.choice(choices))
            desk.set_status(case_id, target, token)
        return {"kind": "status", "token": token, "case": str(case_id), "value": target}
    if roll < 0.90:
        desk.assign(case_id, token)  # a value unique to this write: any concurrent assignment differs
        return {"kind": "assignee", "token": token, "case": str(case_id), "value": token}
    with desk.store.read() as session:
        severity = session.get(Case, case_id).severity  # type: ignore[union-attr]
    desk.regrade(case_id, "S2" if severity != "S2" else "S3", token)
    return {"kind": "severity", "token": token, "case": str(case_id)}


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--name", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--replica", help="a partitioned desk: works through this replica (else straight online)")
    p.add_argument("--writes", type=int, required=True)
    p.add_argument("--log", type=Path, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--real-start", type=float, required=True)
    p.add_argument("--sim-start", required=True)
    p.add_argument("--speed", type=float, required=True)
    p.add_argument("--pause", type=float, default=0.0, help="real seconds between writes")
    args = p.parse_args()
    clock = ScaledClock(args.real_start, datetime.fromisoformat(args.sim_start).astimezone(UTC), args.speed)
    catalogs = CatalogRegistry.load_dir(default_catalog_dir())
    rng = random.Random(f"{args.seed}-{args.name}")
    server = None if args.replica else open_store(args.url, clock=clock)
    probe = server or open_store(args.url, clock=clock)
    with probe.read() as session:
        case_ids = sorted(session.scalars(select(Case.id).where(Case.title.like("shared %"))), key=str)
    if server is None:
        probe.close()
    refused, attempt = 0, 0
    with args.log.open("a", encoding="utf-8") as log:
        n = 0
        while n < args.writes:
            # A token per attempt: a write cut by the network may be on the server without its acknowledgement.
            token, attempt = f"{args.name}#{attempt}", attempt + 1
            team = TeamDesk(args.url, Path(args.replica), clock) if args.replica else None
            store = team.store if team is not None else server
            assert store is not None
            try:
                ack = write_one(Desk(store, catalogs, clock, actor=args.name), rng, token, case_ids)
            except (DeskError, OperationalError):  # refused, or the network cut during the write
                ack, refused = None, refused + 1
            if ack is not None:
                ack.update(desk=args.name, offline=bool(team is not None and not team.online))
                log.write(json.dumps(ack) + "\n")
                log.flush()
                n += 1
            if team is not None:
                if team.online:
                    team.sync(catalogs, args.name)
                team.close()
            if args.pause:
                time.sleep(args.pause)
    print(json.dumps({"desk": args.name, "refused": refused}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
