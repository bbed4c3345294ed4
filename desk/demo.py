"""A deterministic, realistic demo data generator (``desk demo``).

The same ``--seed`` and ``--now`` (the desk's clock) give the same database, and everything is relative
to that instant: the same seed an hour later gives the same cases an hour later. Customers have Chinese
and English names, a tier mix weighted towards the lower tiers, cases a severity mix weighted towards
S3-S5, and histories with re-grades, responses, waits on the customer and resolutions. The open queue
looks like a healthy desk's: most running clocks on track, a few at risk (about 8 %), a handful
breached (about 4 %, half of them within the last hour), and some cases waiting on the customer.
"""

from __future__ import annotations

import random
import uuid
from bisect import bisect
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from itertools import count as counting
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.catalog import Catalog
from desk.clock import FakeClock
from desk.demo_blocks import Block, Shared, made_blocks
from desk.services import Desk, DeskError
from desk.sla import DueCache
from desk.store.bulk import insert_dicts, insert_encoded, insert_rows, sqlite_rows, uuid4_from_bits
from desk.store.fresh import blocks_folder, copy_block, indexes_built_after, load_beside, write_block
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaEvent, QuotaUse
from desk.store.writer import EVENT_COLUMNS, BulkCases, CaseWriter, NewEvent, sla_history

ZH_PLACES = ["杭州", "上海", "北京", "深圳", "成都", "广州", "南京", "武汉", "西安", "苏州"]
ZH_WORDS = ["云栈", "数智", "星河", "极光", "青木", "远航", "恒通", "华信", "智联", "蓝海", "天元", "锐思"]
ZH_KINDS = ["科技有限公司", "网络科技有限公司", "信息技术有限公司", "电子商务有限公司", "数据服务有限公司"]
EN_WORDS = [
    "Northwind",
    "Bluefin",
    "Acme",
    "Lumen",
    "Harbor",
    "Kestrel",
    "Orbit",
    "Juniper",
    "Cobalt",
    "Summit",
]
EN_KINDS = ["Logistics", "Games", "Retail", "Media", "Payments", "Health", "Travel", "Analytics"]
PERSON_ZH = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵倩", "黄勇", "周婷", "吴昊"]
PERSON_EN = ["Alice Chen", "Bob Li", "Carol Wang", "David Zhang", "Eve Liu", "Frank Zhou"]
AGENTS = ["alice", "bob", "chen.wei", "li.na", "zhang.min", "omar", "priya", ""]
PRODUCTS = ["ECS", "RDS MySQL", "OSS", "SLB", "VPC", "Redis", "PolarDB", "CDN", "ACK", "Function Compute"]
TITLES_ZH = [
    "{p} 实例无法连接",
    "{p} 访问延迟突增",
    "{p} 控制台报错",
    "{p} 备份失败",
    "{p} 计费疑问",
    "{p} 扩容后性能下降",
    "{p} 证书配置咨询",
    "{p} 跨地域复制中断",
]
TITLES_EN = [
    "{p} instance unreachable",
    "{p} latency spike",
    "{p} console error",
    "{p} backup failed",
    "{p} billing question",
    "{p} slow after scale-out",
    "{p} certificate setup question",
]
GOALS = [
    "双十一峰值 20万 QPS",
    "春节活动并发 5万",
    "Peak 30k orders/min on launch day",
    "99.95% availability for payments",
]
COURSES = ["ACP Cloud Computing", "ACP Big Data", "ACP Security"]
WAITING_REASON = "等待客户提供日志 / waiting for logs"


DEMO_ACTOR = "demo"
BATCH_CASES = 5000  # cases (with their events, about six each) inserted at a time
BLOCK_CASES = 5000  # cases made from one pair of random streams: the unit of work of the processes making them
PARALLEL_FROM = 50_000  # cases: a smaller demo is made in this process (starting others costs more)
FIRST_CASE_ID = 1 << 24  # case and event ids are numbered from here (customers' and contracts' below)
IDS_PER_CASE = 16  # at most (an id for the case and one for each of its events): each block's ids in a range


# Kept up while the rows go in rather than built after them: their keys arrive in order (events by case, the
# rows' one stamp) or in a few groups (statuses, agents), so each row adds to a page already in the cache, and
# the writing process does it while it waits for the next block instead of sorting at the end. The others'
# keys (opening instants, customers) land anywhere: built after, one sort each.
KEPT_INDEXES = (
    "ix_case_events_case_id",
    "ix_cases_assignee",
    "ix_cases_open_due",
    "ix_cases_status",
    "ix_cases_updated_at",
)


_MIXES: dict[tuple[tuple[str, float], ...], tuple[list[str], list[float]]] = {}


def _weighted(rng: random.Random, items: list[tuple[str, float]]) -> str:
    # The draw rng.choices(values, weights) makes (one random() against the cumulative weights, so the
    # same seed gives the same data), with the cumulative weights worked out once per mix: it runs
    # twice per case, millions of times for a big demo.
    key = tuple(items)
    mix = _MIXES.get(key)
    if mix is None:
        mix = _MIXES[key] = ([i for i, _ in items], list(accumulate(w for _, w in items)))
    values, cumulative = mix
    return values[bisect(cumulative, rng.random() * (cumulative[-1] + 0.0), 0, len(values) - 1)]


def generate(
    desk: Desk,
    cases: int,
    open_cases: int,
    seed: int,
    now: datetime | None = None,
    *,
    batch: int = BATCH_CASES,
    block: int = BLOCK_CASES,
    parallel: bool | None = None,
) -> dict[str, int]:
    """Write a demo data set into an empty database, ``batch`` cases at a time; returns counts.

    The cases are made ``block`` at a time (each block from random streams of its own), in other processes
    while this one writes if ``parallel`` (by default: an SQLite store and at least ``PARALLEL_FROM`` cases)."""
    if open_cases > cases:
        raise ValueError("--open cannot exceed --cases")
    with desk.store.read() as session:
        if session.scalar(select(Customer.id).limit(1)) is not None:
            raise DeskError(f"{desk.store.describe()} has data already; demo data goes into an empty database")
    rng = random.Random(seed)
    now = (now or desk.clock.now()).replace(microsecond=0)
    catalog = desk.catalogs.in_effect(now.date())
    id_rng = random.Random(seed * 7919 + 1)
    made = counting(1)

    def new_id() -> uuid.UUID:
        # Ids ascend in the order the rows are made (a sequence in their top 48 bits, random below): each
        # insert then appends to the id indexes, where random ids land on random pages of B-trees far larger
        # than the page cache (at millions of rows, most of the load's time went to reading them back).
        return uuid4_from_bits((next(made) << 80) | id_rng.getrandbits(80))

    stamp = {"created_at": now, "updated_at": now, "version": 1}
    customers, contracts = _customers(rng, max(5, min(5000, cases // 40)), now, catalog, new_id, stamp)
    sqlite = desk.store.is_sqlite
    shared = Shared(
        seed=seed,
        now=now,
        written_at=desk.clock.now(),
        catalogs=desk.catalogs,
        catalog=catalog,
        owners=[(cu["id"], co["id"], co["tier"], co["start"]) for cu, co in zip(customers, contracts, strict=True)],
        cases=cases,
        block_cases=block,
        first_open=cases - open_cases,
        phase=rng.random(),
        sqlite=sqlite,
    )
    written = {"cases": 0, "events": 0}
    # A new SQLite file is loaded beside the store and takes its place when complete (no journal to write
    # through); a server database, or one in memory, is loaded in one transaction of its own.
    beside = sqlite and desk.store.path is not None
    if parallel is None:
        parallel = sqlite and cases >= PARALLEL_FROM
    into = load_beside(desk.store) if beside else desk.store.write()
    # Made elsewhere for a load beside the store, the rows come as SQLite files the processes making them
    # wrote (each binds its own rows' values), copied in by SQLite here; otherwise as rows to insert.
    folder = blocks_folder(desk.store) if beside and parallel else nullcontext(None)
    with into as session, indexes_built_after(session, kept=KEPT_INDEXES), folder as blocks:
        if blocks is not None:
            shared = replace(shared, folder=str(blocks))
        insert_dicts(session, Customer.__table__, customers)  # type: ignore[arg-type]
        insert_dicts(session, Contract.__table__, contracts)  # type: ignore[arg-type]
        # Written as they are made, a block at a time: a million cases never sit in memory at once.
        for rows in made_blocks(shared, make_block, parallel=parallel):
            _write(session, rows, batch, sqlite)
            written["cases"] += len(rows.event_counts)
            written["events"] += sum(rows.event_counts)
        use_rows, use_events = _bookings(rng, contracts, now, new_id, stamp)
        insert_dicts(session, QuotaUse.__table__, use_rows)  # type: ignore[arg-type]
        insert_dicts(session, QuotaEvent.__table__, use_events)  # type: ignore[arg-type]
    return {
        "customers": len(customers),
        "contracts": len(contracts),
        "cases": written["cases"],
        "open": open_cases,
        "events": written["events"],
        "quota_uses": len(use_rows),
    }


def _write(session: Session, block: Block, batch: int, sqlite: bool) -> None:
    """A block's cases, then their events, ``batch`` cases at a time (from its file: all at once)."""
    if block.file is not None:
        copy_block(session, Path(block.file), [("cases", block.case_columns), ("case_events", EVENT_COLUMNS)])
        return
    insert = insert_encoded if sqlite else insert_rows
    start = 0
    for first in range(0, len(block.cases), batch):
        end = start + sum(block.event_counts[first : first + batch])
        insert(session, Case.__table__, block.case_columns, block.cases[first : first + batch])  # type: ignore[arg-type]
        insert(session, CaseEvent.__table__, EVENT_COLUMNS, block.events[start:end])  # type: ignore[arg-type]
        start = end


def make_block(shared: Shared, number: int) -> Block:
    """Cases ``number * shared.block_cases`` on, from their own random streams: the same whoever makes them."""
    rng = random.Random(f"{shared.seed}/cases/{number}")
    id_rng = random.Random(f"{shared.seed}/ids/{number}")
    size = shared.block_cases
    made = counting(FIRST_CASE_ID + number * size * IDS_PER_CASE)

    def new_id() -> uuid.UUID:
        return uuid4_from_bits((next(made) << 80) | id_rng.getrandbits(80))

    writer = CaseWriter(shared.catalogs, FakeClock(shared.written_at), DEMO_ACTOR)
    plan = _Plan(rng, shared.now, shared.catalog, new_id, writer.bulk(new_id), shared.phase)
    counts = []
    for n in range(number * size, min((number + 1) * size, shared.cases)):
        before = len(plan.bulk.events)
        _case(plan, shared, n)
        counts.append(len(plan.bulk.events) - before)
    rows = plan.bulk.cases
    columns = tuple(rows[0]) if rows else ()
    case_rows = list(map(itemgetter(*columns), rows)) if rows else []
    events = plan.bulk.events
    if shared.sqlite:  # encoded where they are made: the writing process only inserts
        instants: dict[datetime | None, str | None] = {}  # the cases' instants are their events'
        events = sqlite_rows(CaseEvent.__table__, EVENT_COLUMNS, events, instants=instants)  # type: ignore[arg-type]
        case_rows = sqlite_rows(Case.__table__, columns, case_rows, instants=instants)  # type: ignore[arg-type]
    if shared.folder is not None:  # and inserted here too, into a file the writing process copies in SQLite
        file = Path(shared.folder) / f"block-{number}.sqlite"
        write_block(file, [("cases", columns, case_rows), ("case_events", EVENT_COLUMNS, events)])
        return Block(columns, [], [], counts, str(file))
    return Block(columns, case_rows, events, counts)


def _customers(
    rng: random.Random, count: int, now: datetime, catalog: Catalog, new_id: Callable[[], uuid.UUID],
    stamp: dict[str, Any],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:  # fmt: skip
    """Customers with one contract each (tiers weighted towards the lower ones)."""
    customers: list[dict[str, Any]] = []
    contracts: list[dict[str, Any]] = []
    for i in range(count):
        if rng.random() < 0.6:
            name = rng.choice(ZH_PLACES) + rng.choice(ZH_WORDS) + rng.choice(ZH_KINDS)
            contact = rng.choice(PERSON_ZH)
        else:
            name = f"{rng.choice(EN_WORDS)} {rng.choice(EN_KINDS)} Ltd."
            contact = rng.choice(PERSON_EN)
        cid = new_id()
        customers.append(
            {
                "id": cid,
                "ref": f"CUST-{i + 1:05d}",
                "name": name,
                "technical_contact": f"{contact} <{_mailbox(contact)}@example.com>",
                "ops_contact": f"ops-{i + 1}@example.com",
                "business_goals": rng.choice(GOALS),
                **stamp,
            }
        )
        tier = _weighted(rng, [("L1", 0.3), ("L2", 0.35), ("L3", 0.25), ("L4", 0.1)])
        start = (now - timedelta(days=rng.randint(10, 360))).date()
        contracts.append(
            {
                "id": new_id(),
                "ref": f"K-{i + 1:05d}",
                "customer_id": cid,
                "tier": tier,
                "catalog_version": catalog.version,
                "start": start,
                "end": _year_end(start),
                **stamp,
            }
        )
    return customers, contracts


@dataclass
class _Plan:
    """What the cases of one block share: the random source, the instant, the plan and the writer."""

    rng: random.Random
    now: datetime
    catalog: Catalog
    new_id: Callable[[], uuid.UUID]
    bulk: BulkCases
    phase: float


def _case(plan: _Plan, shared: Shared, n: int) -> None:
    rng = plan.rng
    is_open = n >= shared.first_open
    index = rng.randrange(len(shared.owners))
    customer_id, contract_id, tier, since = shared.owners[index]
    severity = _weighted(rng, [("S1", 0.03), ("S2", 0.12), ("S3", 0.3), ("S4", 0.3), ("S5", 0.25)])
    channels = [("ticket", 0.6), ("phone", 0.25)]
    if tier in ("L3", "L4"):
        channels.append(("im_group", 0.15))
    if tier == "L4":
        channels.append(("enterprise_line", 0.1))
    channel = _weighted(rng, channels)
    product = rng.choice(PRODUCTS)
    title = rng.choice(TITLES_ZH if rng.random() < 0.6 else TITLES_EN).format(p=product)
    if is_open:
        # Spread over the targets so the queue shows every state at once.
        opened = plan.now - timedelta(seconds=rng.randint(60, {"S1": 1500, "S2": 4000}.get(severity, 60 * 60 * 20)))
    else:
        # Three days to four months ago, within the contract: one that began more recently than that
        # squeezes the same spread into its own days (from the day after its first, whatever the zone).
        days = rng.uniform(3, 120)
        room = (plan.now - datetime.combine(since + timedelta(days=1), time(), UTC)) / timedelta(days=1)
        if room < 120:
            days = 3 + (days - 3) * max(0.0, room - 3) / 117
        opened = plan.now - timedelta(days=days)
    opened = opened.replace(microsecond=0)
    assignee = rng.choice(AGENTS)
    case = {
        "id": plan.new_id(),
        "ref": f"C-{n + 1:07d}",
        "customer_id": customer_id,
        "contract_id": contract_id,
        "title": title,
        "description": "",
        "product": product,
        "third_party": False,
        "opening_severity": severity,
        "channel": channel,
        "assignee": assignee,
        "opened_at": opened,
    }
    events = _story(rng, plan.now, opened, severity, assignee, is_open)
    due = None
    if is_open:
        # The open case's place in a low-discrepancy sequence: close to the mix in any few hundred cases.
        draw = ((n - shared.first_open) * 0.6180339887 + plan.phase) % 1.0
        opened, events, due = _place_deadline(plan, opened, severity, tier, events, draw)
        case["opened_at"] = opened
    plan.bulk.add(case, events, tier=tier, catalog=plan.catalog, due=due)


def _story(
    rng: random.Random, now: datetime, opened: datetime, severity: str, assignee: str, is_open: bool
) -> list[NewEvent]:
    """What happened to a case after it was opened: re-grades, a response, waits on the customer, the end."""
    events: list[NewEvent] = []
    current = severity
    t = opened
    if rng.random() < 0.15:
        t = min(now, t + timedelta(minutes=rng.randint(2, 30)))
        new = rng.choice([s for s in ("S1", "S2", "S3", "S4") if s != current])
        reason = rng.choice(["客户反馈影响扩大", "impact confirmed lower", "re-assessed"])
        events.append(NewEvent(t, "severity", "severity", current, new, reason))
        current = new
    status = "new"
    responded = (not is_open) or rng.random() < 0.55
    if responded:
        limit = max(1, int((now - t).total_seconds() // 60)) if is_open else 600
        first_response = min(now, t + timedelta(minutes=rng.randint(1, max(1, min(limit, 600)))))
        events.append(NewEvent(first_response, "response", actor=assignee or DEMO_ACTOR))
        events.append(NewEvent(first_response, "status", "status", "new", "in_progress"))
        status = "in_progress"
        t = first_response
        if rng.random() < 0.25:
            t = min(now, t + timedelta(minutes=rng.randint(5, 120)))
            events.append(NewEvent(t, "status", "status", status, "waiting_customer", WAITING_REASON))
            status = "waiting_customer"
            if not is_open or rng.random() < 0.4:
                t = min(now, t + timedelta(minutes=rng.randint(5, 240)))
                events.append(NewEvent(t, "status", "status", status, "in_progress"))
                status = "in_progress"
    if not is_open:
        # Nothing in the past may happen after "now" (the clock the data is generated for).
        resolved = min(t + timedelta(hours=rng.uniform(0.5, 72)), now - timedelta(minutes=2))
        events.append(NewEvent(resolved, "status", "status", status, "resolved"))
        closed = max(resolved, min(resolved + timedelta(hours=rng.uniform(1, 48)), now - timedelta(minutes=1)))
        events.append(NewEvent(closed, "status", "status", "resolved", "closed"))
    return events


def _place_deadline(
    plan: _Plan, opened: datetime, severity: str, tier: str, events: list[NewEvent], draw: float
) -> tuple[datetime, list[NewEvent], DueCache]:
    """An open case's history moved so its running clock's deadline lands where a healthy desk has it."""
    writer, now = plan.bulk.writer, plan.now

    def due_of(history: list[NewEvent]) -> DueCache:
        return writer.due_for(sla_history(opened, severity, tier, history), plan.catalog, is_open=True)

    due = due_of(events)
    if due.at is None or not due.target_s:
        return opened, events, due
    # The demo's clocks count calendar time: moving every event moves the deadline as much, so the
    # moved history's cache is this one moved (the writer would compute the same, at twice the cost).
    wanted = _wanted_deadline(plan.rng, draw, due.target_s, now)
    last = max((e.at for e in events), default=opened)
    if last + (wanted - due.at) > now:
        # Its clock ran out before its last event: the same story, told ten times faster.
        faster = _moved(events, lambda at: _faster(at, opened))
        quick = due_of(faster)
        if quick.at is not None and quick.target_s:
            events, due = faster, quick
            last = max((e.at for e in events), default=opened)
    assert due.at is not None
    shift = min(wanted - due.at, now - last)  # never past "now"
    moved = _moved(events, lambda at: at + shift)
    return opened + shift, moved, DueCache(due.clock, due.at + shift, due.target_s, due.left_s)


def _moved(events: list[NewEvent], when: Callable[[datetime], datetime]) -> list[NewEvent]:
    return [NewEvent(when(e.at), e.kind, e.field, e.old, e.new, e.reason, e.actor) for e in events]


def _faster(at: datetime, opened: datetime) -> datetime:
    return opened + timedelta(seconds=(at - opened).total_seconds() // 10)


def _wanted_deadline(rng: random.Random, draw: float, target_s: int, now: datetime) -> datetime:
    """Where a healthy desk's running clock stands: breached (4 %), at risk (8 %) or on track."""
    if draw < 0.04:  # half breached within the hour (still savable), half long ago
        overdue = rng.randint(120, 3300) if rng.random() < 0.5 else rng.randint(4500, 8 * 3600)
        return now - timedelta(seconds=overdue)
    if draw < 0.12:
        return now + timedelta(seconds=round(target_s * rng.uniform(0.04, 0.22)))
    return now + timedelta(seconds=round(target_s * rng.uniform(0.3, 0.98)))


def _mailbox(person: str) -> str:
    return person.split()[0].lower() if " " in person else "ops"


def _year_end(start: date) -> date:
    from desk.quotas import anniversary

    return anniversary(start, 1) - timedelta(days=1)


def _bookings(
    rng: random.Random, contracts: list[dict[str, Any]], now: datetime, new_id: Any, stamp: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    uses: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for con in contracts:
        if con["tier"] not in ("L3", "L4"):
            continue
        plans = [("escort", 1 if con["tier"] == "L3" else rng.randint(0, 3))]
        if con["tier"] == "L4":
            plans.append(("consultation", rng.randint(0, 2)))
        plans.append(("training", rng.randint(0, 2)))
        for kind, count in plans:
            for _ in range(count):
                start = con["start"] + timedelta(days=rng.randint(5, 300))
                days = 1 if kind != "consultation" else rng.randint(1, 2)
                uid = new_id()
                uses.append(
                    {
                        "id": uid,
                        "ref": f"Q-{len(uses) + 1:06d}",
                        "contract_id": con["id"],
                        "kind": kind,
                        "start": start,
                        "end": start + timedelta(days=days - 1),
                        "course": rng.choice(COURSES) if kind == "training" else "",
                        "persons": 1 if kind != "training" else rng.randint(1, 2),
                        "goals": rng.choice(GOALS) if kind == "escort" else "",
                        "note": "",
                        "override_reason": "",
                        "cancelled_at": None,
                        "booked_at": now,
                        "booked_by": "demo",
                        **stamp,
                    }
                )
                events.append(
                    {
                        "id": new_id(),
                        "quota_use_id": uid,
                        "at": now,
                        "actor": "demo",
                        "kind": "booked",
                        "detail": "demo",
                        "created_at": now,
                        "updated_at": now,
                        "version": 1,
                        "reason": "",
                    }
                )
    return uses, events
