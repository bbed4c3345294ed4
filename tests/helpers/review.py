"""Cases worked at random for the review's tests, and the review's rows as the engine gives them case by case."""

from __future__ import annotations

import random
import uuid
from datetime import datetime, timedelta

from desk.clock import FakeClock
from desk.errors import DeskError
from desk.read import cases_at
from desk.review_cases import SlaCase
from desk.review_period import Period
from desk.review_sla import outcome_of
from desk.services import Desk
from desk.store.models import Case


def engine_cases(desk: Desk, period: Period, at: datetime) -> tuple[SlaCase, ...]:
    """The review's rows as the read side and the engine give them, case by case (the oracle)."""
    rows = []
    where = (Case.opened_at >= period.start, Case.opened_at < period.end)
    for found in cases_at(desk, at, where=where):
        sla, case = found.sla, found.case
        internal = tuple((c.name, *outcome_of(c, at)) for c in sla.clocks if not c.contractual)
        rows.append(
            SlaCase(
                case.id,
                case.ref,
                found.tier or "",
                found.severity,
                case.channel,
                found.assignee,
                case.customer.ref,
                case.customer.name,
                period.week_of(case.opened_at),
                *outcome_of(sla.contractual, at),
                tuple(i for i in internal if i[1]),
            )
        )
    return tuple(rows)


def work_cases(desk: Desk, clock: FakeClock, seed: int, cases: int, start: datetime, days: int) -> None:
    """Cases opened over ``days`` and worked at random: answers, re-grades both ways, waits, resolutions,
    reopenings, closures, reassignments and notes, in the order they happened."""
    rng = random.Random(seed)
    plan: list[tuple[datetime, int, str]] = []
    for n in range(cases):
        opened = start + timedelta(minutes=rng.randrange(days * 24 * 60))
        plan.append((opened, n, "open"))
        t = opened
        for _ in range(rng.randrange(9)):
            t += timedelta(seconds=rng.choice([30, 600, 719, 720, 2400, 3 * 3600, 20 * 3600, 3 * 86400]))
            op = rng.choice(["respond", "regrade", "wait", "replied", "resolve", "reopen", "close", "assign", "note"])
            plan.append((t, n, op))
    ids: dict[int, uuid.UUID] = {}
    for at, n, op in sorted(plan):
        clock.set(at)
        try:
            if op == "open":
                tier = rng.choice(["L1", "L2", "L3", "L4"])
                severity = rng.choice(["S1", "S2", "S3", "S4", "S5"])
                ref = f"W-{seed}-{n}"
                (ids[n],) = desk.open_case(f"cust-{tier}", ref, severity, "ticket", ref=ref, assignee="alice").cases
            elif op == "respond":
                desk.record_response(ids[n])
            elif op == "regrade":
                desk.regrade(ids[n], rng.choice(["S1", "S2", "S3", "S4", "S5"]), "new facts")
            elif op == "wait":
                desk.set_status(ids[n], "waiting_customer", "logs please")
            elif op == "replied":
                desk.customer_replied(ids[n])
            elif op == "resolve":
                desk.set_status(ids[n], "resolved", "fixed")
            elif op == "reopen":
                desk.reopen(ids[n], "not fixed")
            elif op == "close":
                desk.set_status(ids[n], "closed", "done")
            elif op == "assign":
                desk.assign(ids[n], rng.choice(["bob", "carol", ""]))
            else:
                desk.add_note(ids[n], "looked")
        except DeskError:
            pass  # not possible in the case's state then (a reopening of an open case...): skipped
