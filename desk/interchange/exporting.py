"""Exporting everything in the interchange format: the structure the importer reads, and CSV files of it."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from desk.clock import format_instant
from desk.interchange.format import ARRAYS, FIELDS, csv_cell
from desk.services import Desk
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaUse


def export_data(desk: Desk) -> dict[str, list[dict[str, Any]]]:
    """Everything in the interchange format (the same structure the importer reads)."""
    with desk.store.read() as session:
        customers = session.scalars(select(Customer).order_by(Customer.ref)).all()
        by_id = {c.id: c for c in customers}
        contracts = session.scalars(select(Contract).order_by(Contract.ref)).all()
        contract_refs = {c.id: c.ref for c in contracts}
        out: dict[str, list[dict[str, Any]]] = {name: [] for name in ARRAYS}
        for cust in customers:
            out["customers"].append(
                {
                    "id": cust.ref,
                    "name": cust.name,
                    "technical_contact": cust.technical_contact,
                    "ops_contact": cust.ops_contact,
                    "business_goals": cust.business_goals,
                }
            )
        for con in contracts:
            out["contracts"].append(
                {
                    "id": con.ref,
                    "customer_id": by_id[con.customer_id].ref,
                    "tier": con.tier,
                    "start": con.start.isoformat(),
                    "end": con.end.isoformat(),
                }
            )
        severity_events: dict[Any, list[CaseEvent]] = {}
        for ev in session.scalars(
            select(CaseEvent).where(CaseEvent.kind == "severity").order_by(CaseEvent.at, CaseEvent.seq)
        ):
            severity_events.setdefault(ev.case_id, []).append(ev)
        for case in session.scalars(select(Case).order_by(Case.opened_at, Case.ref)):
            out["cases"].append(
                {
                    "id": case.ref,
                    "customer_id": by_id[case.customer_id].ref,
                    "title": case.title,
                    "description": case.description,
                    "product": case.product,
                    "severity": case.opening_severity,
                    "channel": case.channel,
                    "opened_at": format_instant(case.opened_at),
                    "first_response_at": _opt(case.first_response_at),
                    "resolved_at": _opt(case.resolved_at),
                    "status": case.status,
                    "assignee": case.assignee,
                    "severity_changes": [
                        {"at": format_instant(e.at), "severity": e.new, "reason": e.reason}
                        for e in severity_events.get(case.id, [])
                    ],
                }
            )
        for use in session.scalars(select(QuotaUse).where(QuotaUse.cancelled_at.is_(None)).order_by(QuotaUse.ref)):
            out["quota_uses"].append(
                {
                    "id": use.ref,
                    "contract_id": contract_refs[use.contract_id],
                    "kind": use.kind,
                    "start": use.start.isoformat(),
                    "end": use.end.isoformat(),
                    "course": use.course,
                    "persons": use.persons,
                    "note": use.note,
                }
            )
        return out


def _opt(value: datetime | None) -> str | None:
    return format_instant(value) if value is not None else None


def write_csv_dir(
    data: Mapping[str, list[dict[str, Any]]], directory: Path, opener: Callable[[Path], Any]
) -> list[Path]:
    """One CSV per array; ``opener`` gives an atomic text handle for each path."""
    written = []
    for name in ARRAYS:
        path = directory / f"{name}.csv"
        with opener(path) as fh:
            writer = csv.DictWriter(fh, fieldnames=FIELDS[name], lineterminator="\r\n")
            writer.writeheader()
            for record in data[name]:
                row = dict(record)
                if name == "cases":
                    row["severity_changes"] = (
                        json.dumps(row["severity_changes"], ensure_ascii=False) if row["severity_changes"] else ""
                    )
                writer.writerow({k: ("" if v is None else csv_cell(v)) for k, v in row.items()})
        written.append(path)
    return written
