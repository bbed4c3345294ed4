"""Exporting everything in the interchange format: the structure the importer reads, streamed as JSON or CSV files."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desk.clock import format_instant
from desk.interchange.format import ARRAYS, FIELDS, csv_cell
from desk.jsonout import indented
from desk.services import Desk
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaUse

BATCH = 2000
Records = Iterator[dict[str, Any]]


def export_data(desk: Desk) -> dict[str, list[dict[str, Any]]]:
    """Everything in the interchange format (the same structure the importer reads), in memory: for small data."""
    return {name: list(records) for name, records in export_arrays(desk)}


def export_arrays(desk: Desk, on_row: Callable[[], None] | None = None) -> Iterator[tuple[str, Records]]:
    """Each array of the format, in order, as records read in batches: memory does not grow with the data.

    Consume each array's records before asking for the next array (they share one read transaction).
    ``on_row`` is called for each record read (a progress count).
    """
    with desk.store.read() as session:
        for name, records in (
            ("customers", _customers(session)),
            ("contracts", _contracts(session)),
            ("cases", _cases(session)),
            ("quota_uses", _quota_uses(session)),
        ):
            yield name, _counted(records, on_row) if on_row is not None else records


def count_rows(desk: Desk) -> int:
    """How many records ``export_arrays`` gives (a progress total)."""
    with desk.store.read() as session:
        return sum(
            session.scalar(select(func.count()).select_from(table).where(*where)) or 0
            for table, where in (
                (Customer, ()),
                (Contract, ()),
                (Case, ()),
                (QuotaUse, (QuotaUse.cancelled_at.is_(None),)),
            )
        )


def _counted(records: Records, on_row: Callable[[], None]) -> Records:
    for record in records:
        on_row()
        yield record


def _rows(session: Session, query: Any) -> Iterator[Any]:
    # One query read as it goes (not LIMIT/OFFSET pages, which sort and skip everything again for each page).
    # Closed even when the reader stops early: a server-side cursor left to the garbage collector warns.
    with closing(session.execute(query.execution_options(yield_per=BATCH))) as result:
        yield from result


def _customers(session: Session) -> Records:
    query = select(
        Customer.ref, Customer.name, Customer.technical_contact, Customer.ops_contact, Customer.business_goals
    ).order_by(Customer.ref)
    for ref, name, technical, ops, goals in _rows(session, query):
        yield {"id": ref, "name": name, "technical_contact": technical, "ops_contact": ops, "business_goals": goals}


def _contracts(session: Session) -> Records:
    query = (
        select(Contract.ref, Customer.ref, Contract.tier, Contract.start, Contract.end)
        .join(Customer, Customer.id == Contract.customer_id)
        .order_by(Contract.ref)
    )
    for ref, customer_ref, tier, start, end in _rows(session, query):
        yield {"id": ref, "customer_id": customer_ref, "tier": tier, "start": start.isoformat(), "end": end.isoformat()}


def _cases(session: Session) -> Records:
    query = (
        select(
            Case.id,
            Case.ref,
            Customer.ref,
            Case.title,
            Case.description,
            Case.product,
            Case.opening_severity,
            Case.channel,
            Case.opened_at,
            Case.first_response_at,
            Case.resolved_at,
            Case.closed_at,
            Case.status,
            Case.assignee,
        )
        .join(Customer, Customer.id == Case.customer_id)
        .order_by(Case.opened_at, Case.ref)
    )
    with closing(session.execute(query.execution_options(yield_per=BATCH))) as result:
        for chunk in result.partitions(BATCH):
            changes = _severity_changes(session, [row[0] for row in chunk])
            for case_id, ref, customer_ref, title, description, product, severity, channel, opened, *rest in chunk:
                first_response, resolved, closed, status, assignee = rest
                yield {
                    "id": ref,
                    "customer_id": customer_ref,
                    "title": title,
                    "description": description,
                    "product": product,
                    "severity": severity,
                    "channel": channel,
                    "opened_at": format_instant(opened),
                    "first_response_at": _opt(first_response),
                    "resolved_at": _opt(resolved),
                    "closed_at": _opt(closed),
                    "status": status,
                    "assignee": assignee,
                    "severity_changes": changes.get(case_id, []),
                }


def _severity_changes(session: Session, case_ids: list[Any]) -> dict[Any, list[dict[str, Any]]]:
    """The re-grades of a batch of cases, each case's in order (at, then seq)."""
    found: dict[Any, list[dict[str, Any]]] = {}
    query = (
        select(CaseEvent.case_id, CaseEvent.at, CaseEvent.new, CaseEvent.reason)
        .where(CaseEvent.kind == "severity", CaseEvent.case_id.in_(case_ids))
        .order_by(CaseEvent.at, CaseEvent.seq)
    )
    for case_id, at, new, reason in session.execute(query):
        found.setdefault(case_id, []).append({"at": format_instant(at), "severity": new, "reason": reason})
    return found


def _quota_uses(session: Session) -> Records:
    query = (
        select(
            QuotaUse.ref,
            Contract.ref,
            QuotaUse.kind,
            QuotaUse.start,
            QuotaUse.end,
            QuotaUse.course,
            QuotaUse.persons,
            QuotaUse.note,
        )
        .join(Contract, Contract.id == QuotaUse.contract_id)
        .where(QuotaUse.cancelled_at.is_(None))
        .order_by(QuotaUse.ref)
    )
    for ref, contract_ref, kind, start, end, course, persons, note in _rows(session, query):
        yield {
            "id": ref,
            "contract_id": contract_ref,
            "kind": kind,
            "start": start.isoformat(),
            "end": end.isoformat(),
            "course": course,
            "persons": persons,
            "note": note,
        }


def _opt(value: datetime | None) -> str | None:
    return format_instant(value) if value is not None else None


def write_json(arrays: Iterable[tuple[str, Iterable[dict[str, Any]]]], out: IO[str]) -> None:
    """The arrays as one JSON object written as it is read: byte for byte ``json.dumps(data, indent=2)``."""
    parts: list[str] = []
    opened = False
    for name, records in arrays:
        parts.append(("{\n  " if not opened else ",\n  ") + json.dumps(name) + ": ")
        opened = True
        empty = True
        for record in records:
            # Each record as json.dumps indents it two levels down.
            text = indented(record, "    ")
            parts.append(("[\n    " if empty else ",\n    ") + text)
            empty = False
            if len(parts) >= 500:  # a few large writes: one per record costs more than the record
                out.write("".join(parts))
                parts.clear()
        parts.append("[]" if empty else "\n  ]")
    parts.append("\n}\n" if opened else "{}\n")
    out.write("".join(parts))


def write_csv_dir(
    data: Mapping[str, Iterable[dict[str, Any]]], directory: Path, opener: Callable[[Path], Any]
) -> list[Path]:
    """One CSV per array; ``opener`` gives an atomic text handle for each path."""
    return write_csv_files(((name, data[name]) for name in ARRAYS), directory, opener)


def write_csv_files(
    arrays: Iterable[tuple[str, Iterable[dict[str, Any]]]], directory: Path, opener: Callable[[Path], Any]
) -> list[Path]:
    """One CSV per array, each written as its records are read; ``opener`` gives an atomic text handle."""
    written = []
    for name, records in arrays:
        path = directory / f"{name}.csv"
        fields = FIELDS[name]
        with opener(path) as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(fields)
            for record in records:
                if name == "cases":
                    changes = record["severity_changes"]
                    record = {**record, "severity_changes": json.dumps(changes, ensure_ascii=False) if changes else ""}
                writer.writerow(
                    ["" if (v := record[f]) is None else csv_cell(v) if isinstance(v, str) else v for f in fields]
                )
        written.append(path)
    return written
