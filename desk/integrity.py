"""`desk check`: the database's structure, the schema revision, and the domain's own invariants."""

from __future__ import annotations

from collections.abc import Callable

from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select

from desk.catalog import CatalogError
from desk.services import Desk, due_of
from desk.store.engine import head_revision
from desk.store.models import Case, CaseEvent, Contract
from desk.store.outcomes import stale_count
from desk.store.writer import events_for, history_of, outcome_columns
from desk.vocabulary import CASE_STATUSES, ENDED_STATUSES, OPEN_STATUSES, EventKind


def check(desk: Desk, sample_due: int = 2000, stage: Callable[[str], None] | None = None) -> list[str]:
    """Every problem found, in words; ``stage`` hears the name of each step as it starts (a progress line)."""
    say = stage or (lambda _name: None)
    problems: list[str] = []
    store = desk.store
    with store.engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        if revision != head_revision():
            problems.append(f"schema revision {revision}, expected {head_revision()}")
        if store.is_sqlite:
            say("integrity check")
            result = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
            if result != ["ok"]:
                problems.extend(f"integrity_check: {r}" for r in result[:20])
            fks = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            problems.extend(f"foreign key: table {r[0]} rowid {r[1]} -> {r[2]}" for r in fks[:20])
        conn.rollback()
    say("contracts and cases")
    with store.read() as session:
        for contract in session.scalars(select(Contract)):
            try:
                catalog = desk.catalogs.get(contract.catalog_version)
            except CatalogError as exc:
                problems.append(f"contract {contract.ref}: {exc}")
                continue
            if contract.tier not in catalog.tiers:
                problems.append(f"contract {contract.ref}: tier {contract.tier} not in catalog {catalog.version}")
            if contract.end < contract.start:
                problems.append(f"contract {contract.ref}: ends before it starts")
        bad_status = session.scalar(select(func.count()).select_from(Case).where(Case.status.not_in(CASE_STATUSES)))
        if bad_status:
            problems.append(f"{bad_status} case(s) with an unknown status")
        no_open = session.scalar(
            select(func.count())
            .select_from(Case)
            .where(
                ~select(CaseEvent.id).where(CaseEvent.case_id == Case.id, CaseEvent.kind == EventKind.OPENED).exists()
            )
        )
        if no_open:
            problems.append(f"{no_open} case(s) without an 'opened' event")
        # History in order: nothing happens to a case before its opening (a clock set back, a hand edit).
        early = session.execute(
            select(Case.ref, func.count())
            .join(CaseEvent, CaseEvent.case_id == Case.id)
            .where(CaseEvent.at < Case.opened_at)
            .group_by(Case.ref)
            .limit(20)
        ).all()
        problems.extend(f"case {ref}: {n} event(s) before its opening" for ref, n in early)
        for column in (Case.first_response_at, Case.resolved_at, Case.closed_at):
            refs = session.scalars(select(Case.ref).where(column < Case.opened_at).limit(20)).all()
            problems.extend(f"case {ref}: {column.key} before opened_at" for ref in refs)
        # The cached deadline must agree with the engine (a sample of open cases, most urgent first).
        query = select(Case).where(Case.status.in_(OPEN_STATUSES)).order_by(Case.due_at).limit(sample_due)
        sample = list(session.scalars(query))
        histories = events_for(session, [case.id for case in sample])
        for case in sample:
            expected = desk.due_from(case, histories.get(case.id, []))
            if expected != due_of(case):
                problems.append(f"case {case.ref}: cached clock {due_of(case)} but the events give {expected}")
        # Each clock's outcome kept for the review must agree too: the same open cases and as many ended ones.
        say("clock outcomes")
        ended = select(Case).where(Case.status.in_(ENDED_STATUSES)).order_by(Case.updated_at.desc())
        sample += list(session.scalars(ended.limit(sample_due)))
        histories = events_for(session, [case.id for case in sample])
        for case in sample:
            problems.extend(_outcome_problems(desk, case, histories.get(case.id, [])))
        stale = stale_count(session)
        if stale:
            problems.append(f"{stale} case(s) without their clocks' outcomes kept (run desk init to fill them in)")
    say("handover reports")
    problems.extend(_handover_problems(desk))
    return problems


def _outcome_problems(desk: Desk, case: Case, events: list[CaseEvent]) -> list[str]:
    if case.sla_rev is None:
        return []  # counted apart: filled in by desk init
    catalog = desk.catalog_for(case.contract, case.opened_at)
    expected = outcome_columns(history_of(case, events), catalog, events)
    kept = {"sla_since": case.sla_since, "sla_outcomes": case.sla_outcomes, "sla_rev": case.sla_rev}
    if kept == expected:
        return []
    return [f"case {case.ref}: kept clock outcomes {kept} but the events give {expected}"]


def _handover_problems(desk: Desk) -> list[str]:
    """Every frozen handover report must still hash to what was stored (and signed)."""
    from desk.handover import Handover

    handover = Handover(desk)
    problems: list[str] = []
    for summary in handover.list_reports():
        result = handover.verify(summary.id)
        problems.extend(f"handover report {summary.id}: {p}" for p in result.problems)
    return problems
