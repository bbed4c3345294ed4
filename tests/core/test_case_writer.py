"""One history written through the operations, an import and the demo's bulk mode gives the same rows and caches."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk.catalog import CatalogRegistry
from desk.clock import FakeClock, format_instant
from desk.interchange import Batch, Row, import_batch
from desk.services import Desk
from desk.store.engine import open_store
from desk.store.models import Case, CaseEvent, Contract, Customer
from desk.store.writer import CaseWriter, NewEvent
from tests.helpers import T0, seed_customers

END = T0 + timedelta(hours=5)  # the last instant of the story; the import and the demo write at it
# Columns that legitimately differ between the three paths: row keys, when the row was written (the
# operations write as the story goes, the import and the demo at its end) and how often it was updated.
CASE_SKIP = {"id", "customer_id", "contract_id", "created_at", "updated_at", "version"}
# Events also name who recorded them: the agent, "import" or "demo".
EVENT_SKIP = {"id", "case_id", "created_at", "updated_at", "version", "actor"}


@dataclass(frozen=True)
class Story:
    """One case's history in the terms every path can express (the interchange's)."""

    ref: str
    tier_index: int
    severity_index: int
    opened: timedelta  # after T0
    assignee: str = ""
    regrade: tuple[timedelta, int] | None = None  # when, to which severity
    response: timedelta | None = None
    resolved: timedelta | None = None  # resolved and closed at this instant
    waiting: bool = False  # waiting on the customer from the response on


def _stories(catalogs: CatalogRegistry) -> list[Story]:
    return [
        Story("A", -1, 2, timedelta(0), "alice", (timedelta(minutes=10), 1), timedelta(minutes=25), timedelta(hours=5)),
        Story("B", 1, 3, timedelta(minutes=5), response=timedelta(minutes=30)),
        Story("C", 0, 0, timedelta(hours=1)),
        Story("D", 2, 3, timedelta(minutes=90), "bob", response=timedelta(hours=2), waiting=True),
    ]


def _codes(catalogs: CatalogRegistry) -> tuple[list[str], list[str]]:
    catalog = catalogs.in_effect(T0.date())
    return list(catalog.tiers), list(catalog.severities)


def _new_desk(tmp_path: Path, name: str, catalogs: CatalogRegistry) -> Desk:
    clock = FakeClock(T0)
    desk = Desk(open_store(f"sqlite:///{tmp_path / name}", clock=clock, daily_backup=False), catalogs, clock)
    seed_customers(desk)
    return desk


def _through_operations(desk: Desk, stories: list[Story], catalogs: CatalogRegistry) -> None:
    tiers, severities = _codes(catalogs)
    steps: list[tuple[timedelta, int, Any]] = []
    ids: dict[str, uuid.UUID] = {}
    for order, s in enumerate(stories):

        def open_it(s: Story = s) -> None:
            changes = desk.open_case(
                f"cust-{tiers[s.tier_index]}", f"case {s.ref}", severities[s.severity_index], "ticket",
                assignee=s.assignee, ref=s.ref,
            )  # fmt: skip
            (ids[s.ref],) = changes.cases

        steps.append((s.opened, order, open_it))
        if s.regrade:
            when, to = s.regrade
            steps.append((when, order, lambda s=s, to=to: desk.regrade(ids[s.ref], severities[to], "impact changed")))
        if s.response:
            steps.append((s.response, order, lambda s=s: desk.record_response(ids[s.ref])))
            if s.waiting:
                steps.append((s.response, order, lambda s=s: desk.set_status(ids[s.ref], "waiting_customer")))
        if s.resolved:
            steps.append((s.resolved, order, lambda s=s: desk.set_status(ids[s.ref], "resolved")))
            steps.append((s.resolved, order, lambda s=s: desk.set_status(ids[s.ref], "closed")))
    clock = desk.clock
    assert isinstance(clock, FakeClock)
    for when, _order, step in sorted(steps, key=lambda st: (st[0], st[1])):
        clock.set(T0 + when)
        step()
    clock.set(END)


def _through_import(desk: Desk, stories: list[Story], catalogs: CatalogRegistry) -> None:
    tiers, severities = _codes(catalogs)
    batch = Batch()
    for s in stories:
        values: dict[str, Any] = {
            "id": s.ref,
            "customer_id": f"cust-{tiers[s.tier_index]}",
            "title": f"case {s.ref}",
            "severity": severities[s.severity_index],
            "channel": "ticket",
            "opened_at": format_instant(T0 + s.opened),
            "assignee": s.assignee,
            "status": "closed" if s.resolved else "waiting_customer" if s.waiting else _responded(s),
        }
        if s.regrade:
            values["severity_changes"] = [
                {
                    "at": format_instant(T0 + s.regrade[0]),
                    "severity": severities[s.regrade[1]],
                    "reason": "impact changed",
                }
            ]
        if s.response:
            values["first_response_at"] = format_instant(T0 + s.response)
        if s.resolved:
            values["resolved_at"] = format_instant(T0 + s.resolved)
        batch.rows["cases"].append(Row(f"story {s.ref}", {k: v for k, v in values.items() if v is not None}))
    desk.clock.set(END)  # type: ignore[attr-defined]
    import_batch(desk, batch)


def _responded(story: Story) -> str:
    return "in_progress" if story.response else "new"


def _through_bulk(desk: Desk, stories: list[Story], catalogs: CatalogRegistry) -> None:
    tiers, severities = _codes(catalogs)
    desk.clock.set(END)  # type: ignore[attr-defined]
    bulk = CaseWriter(catalogs, desk.clock, "demo").bulk(uuid.uuid4)
    with desk.store.write() as session:
        for s in stories:
            customer = session.scalars(select(Customer).where(Customer.ref == f"cust-{tiers[s.tier_index]}")).one()
            contract = session.scalars(select(Contract).where(Contract.customer_id == customer.id)).one()
            severity = severities[s.severity_index]
            events: list[NewEvent] = []
            if s.regrade:
                at, new = T0 + s.regrade[0], severities[s.regrade[1]]
                events.append(NewEvent(at, "severity", "severity", severity, new, "impact changed"))
            if s.response:
                at = T0 + s.response
                events += [NewEvent(at, "response"), NewEvent(at, "status", "status", "new", "in_progress")]
                if s.waiting:
                    events.append(NewEvent(at, "status", "status", "in_progress", "waiting_customer"))
            if s.resolved:
                at = T0 + s.resolved
                events.append(NewEvent(at, "status", "status", "in_progress", "resolved"))
                events.append(NewEvent(at, "status", "status", "resolved", "closed"))
            case = {
                "id": uuid.uuid4(), "ref": s.ref, "customer_id": customer.id, "contract_id": contract.id,
                "title": f"case {s.ref}", "description": "", "product": "", "third_party": False,
                "opening_severity": severity, "channel": "ticket", "assignee": s.assignee, "opened_at": T0 + s.opened,
            }  # fmt: skip
            bulk.add(case, events, tier=contract.tier, catalog=catalogs.get(contract.catalog_version))
        bulk.write(session)


def _names(model: Any) -> list[str]:
    return [column.name for column in model.__table__.columns]


def _rows(desk: Desk) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]], list[datetime]]:
    with desk.store.read() as session:
        cases = {c.id: c for c in session.scalars(select(Case))}
        contracts = {c.id: c.ref for c in session.scalars(select(Contract))}
        case_rows = {
            c.ref: {col: getattr(c, col) for col in _names(Case) if col not in CASE_SKIP}
            | {"contract": contracts.get(c.contract_id) if c.contract_id else None}
            for c in cases.values()
        }
        events = session.scalars(select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.seq)).all()
        event_rows = sorted(
            (
                {col: getattr(e, col) for col in _names(CaseEvent) if col not in EVENT_SKIP}
                | {"case": cases[e.case_id].ref}
                for e in events
            ),
            key=lambda r: (r["case"], r["seq"]),
        )
        return case_rows, event_rows, [e.created_at for e in events]


def test_operations_import_and_demo_bulk_write_the_same_history(tmp_path: Path, catalogs: CatalogRegistry) -> None:
    stories = _stories(catalogs)
    written = {}
    for name, path in (("operations", _through_operations), ("import", _through_import), ("bulk", _through_bulk)):
        desk = _new_desk(tmp_path, f"{name}.sqlite", catalogs)
        try:
            path(desk, stories, catalogs)
            written[name] = _rows(desk)
        finally:
            desk.store.close()
    cases, events, _ = written["operations"]
    assert cases["A"]["status"] == "closed" and cases["A"]["resolved_at"] == END
    assert cases["D"]["status"] == "waiting_customer" and cases["D"]["due_left_s"]  # a paused clock's budget
    assert cases["C"]["due_at"] is not None  # a running clock's deadline
    for name in ("import", "bulk"):
        other_cases, other_events, _ = written[name]
        assert other_cases == cases, name
        assert other_events == events, name


def test_the_import_and_the_bulk_mode_stamp_events_with_the_desks_clock(
    tmp_path: Path, catalogs: CatalogRegistry
) -> None:
    stories = _stories(catalogs)
    for name, path in (("import", _through_import), ("bulk", _through_bulk)):
        desk = _new_desk(tmp_path, f"{name}.sqlite", catalogs)
        try:
            path(desk, stories, catalogs)
            _, _, created = _rows(desk)
        finally:
            desk.store.close()
        assert created and set(created) == {END}, name


def test_an_imported_resolved_case_without_its_instant_is_resolved_at_the_latest_instant_given(
    seeded: Desk, catalogs: CatalogRegistry
) -> None:
    tiers, severities = _codes(catalogs)
    batch = Batch()
    row = {
        "id": "R",
        "customer_id": f"cust-{tiers[0]}",
        "title": "resolved elsewhere",
        "severity": severities[-1],
        "channel": "ticket",
        "opened_at": format_instant(T0 - timedelta(hours=3)),
        "first_response_at": format_instant(T0 - timedelta(hours=2)),
        "status": "resolved",
    }
    batch.rows["cases"].append(Row("file: row 2", row))
    import_batch(seeded, batch)
    with seeded.store.read() as session:
        case = session.scalars(select(Case).where(Case.ref == "R")).one()
        assert (case.status, case.resolved_at, case.due_at) == ("resolved", T0 - timedelta(hours=2), None)
