"""The interchange format for customers' own data (JSON and CSV): validate, import all-or-nothing, export.

JSON: one object with arrays ``customers``, ``contracts``, ``cases``, ``quota_uses``.
CSV: one file per array, named after it (``cases.csv``...), with the field names as headers; a case's
``severity_changes`` cell holds the list as JSON text. Instants are ISO 8601 with an offset.

Interpretations (written down so the next reader need not guess):
* A case's ``severity`` is the severity it was opened with; ``severity_changes`` are the re-grades after
  that, each giving the severity from ``at`` on. The current severity is the last change's.
* ``id`` values are the customer's references: kept, shown, and used to match on re-import. Importing the
  same file twice changes nothing. A re-import may add facts (a response, a re-grade, a resolution, new
  text) but never rewrites history: a conflicting instant is refused, naming the field.
* The interchange has no instants for status changes other than resolution; an imported case's
  current status (waiting on customer, closed) is recorded at the latest instant the record gives.
* Quota uses are imported as historical facts: limits are not enforced on import (they are on booking).
* Errors name the file, the row (JSON: the 1-based position in its array; CSV: the line, header = 1)
  and the field. One bad row and nothing is written.
* CSV cells are inert in spreadsheets (OWASP CSV injection): a text that starts with a tab or a CR, or
  whose first character that is not white space (``str.isspace``: spaces, tabs, line breaks, no-break
  and ideographic spaces) is one of ``= + - @``, is written with a leading ``'``: a spreadsheet that
  trims blanks on import would otherwise run ``  =1+1``. So is a text starting with ``'`` whose rest is
  such a text or starts with another ``'``. The importer removes that one ``'`` from exactly those
  cells (a ``'`` followed by such a text or by ``'``), so every text reads back exactly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.catalog import CASE_STATUSES
from desk.clock import format_instant, parse_instant
from desk.errors import BadInput
from desk.queries import value_at
from desk.services import CHANNELS, OPEN_STATUSES, ChangeSet, Desk
from desk.store.models import Case, CaseEvent, Contract, Customer, QuotaEvent, QuotaUse

ARRAYS = ("customers", "contracts", "cases", "quota_uses")
FIELDS: dict[str, tuple[str, ...]] = {
    "customers": ("id", "name", "technical_contact", "ops_contact", "business_goals"),
    "contracts": ("id", "customer_id", "tier", "start", "end"),
    "cases": (
        "id",
        "customer_id",
        "title",
        "description",
        "product",
        "severity",
        "channel",
        "opened_at",
        "first_response_at",
        "resolved_at",
        "status",
        "assignee",
        "severity_changes",
    ),
    "quota_uses": ("id", "contract_id", "kind", "start", "end", "course", "persons", "note"),
}
QUOTA_KINDS = ("escort", "consultation", "training")
FORMULA_SIGNS = ("=", "+", "-", "@")
FORMULA_STARTS = (*FORMULA_SIGNS, "\t", "\r")
MAX_TEXT = {"title": 1_000, "name": 1_000, "id": 200, "description": 200_000}
DEFAULT_MAX_TEXT = 20_000
MAX_FILE_BYTES = 512 * 1024 * 1024
IMPORT_ACTOR = "import"


class ImportFailed(BadInput):
    """Bad input; nothing was written. ``problems`` name file, row and field."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:20]
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__("\n".join(shown) + more, code="import_refused", count=len(problems))
        self.problems = problems


@dataclass
class Row:
    source: str  # "file: row N"
    values: dict[str, Any]


@dataclass
class Batch:
    rows: dict[str, list[Row]] = field(default_factory=lambda: {name: [] for name in ARRAYS})


# ---------------------------------------------------------------- reading files


def read_files(paths: Iterable[Path]) -> Batch:
    batch = Batch()
    problems: list[str] = []
    for path in paths:
        try:
            if path.is_dir():
                for name in ARRAYS:
                    if (path / f"{name}.csv").exists():
                        _read_csv(path / f"{name}.csv", name, batch)
            elif path.suffix.lower() == ".json":
                _read_json(path, batch)
            elif path.suffix.lower() == ".csv":
                name = path.stem
                if name not in ARRAYS:
                    raise ImportFailed([f"{path}: a CSV file must be named after its array: {', '.join(ARRAYS)}"])
                _read_csv(path, name, batch)
            else:
                raise ImportFailed([f"{path}: unknown file type (use .json, .csv or a folder of CSV files)"])
        except ImportFailed as exc:
            problems.extend(exc.problems)
        except OSError as exc:
            problems.append(f"{path}: cannot read: {exc.strerror}")
    if problems:
        raise ImportFailed(problems)
    return batch


def _decode(path: Path) -> str:
    if path.stat().st_size > MAX_FILE_BYTES:
        raise ImportFailed([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB"])
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed([f"{path}: line {line}: not UTF-8 (byte {exc.start}); save the file as UTF-8"]) from None


def _read_json(path: Path, batch: Batch) -> None:
    text = _decode(path)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed([f"{path}: line {exc.lineno} column {exc.colno}: not valid JSON: {exc.msg}"]) from None
    except RecursionError:
        raise ImportFailed([f"{path}: JSON nested too deeply"]) from None
    if not isinstance(doc, dict):
        raise ImportFailed([f"{path}: the top level must be an object with arrays {', '.join(ARRAYS)}"])
    unknown = sorted(set(doc) - set(ARRAYS))
    if unknown:
        raise ImportFailed([f"{path}: unknown key(s) {', '.join(unknown)}; expected {', '.join(ARRAYS)}"])
    problems = []
    for name in ARRAYS:
        items = doc.get(name, [])
        if not isinstance(items, list):
            problems.append(f"{path}: {name}: must be an array")
            continue
        for i, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                problems.append(f"{path}: {name} row {i}: must be an object")
                continue
            batch.rows[name].append(Row(f"{path}: {name} row {i}", dict(item)))
    if problems:
        raise ImportFailed(problems)


def _read_csv(path: Path, name: str, batch: Batch) -> None:
    text = _decode(path)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    try:
        headers = reader.fieldnames or []
        missing = [f for f in ("id",) if f not in headers]
        if missing:
            raise ImportFailed([f"{path}: row 1: missing column(s) {', '.join(missing)}"])
        unknown = [h for h in headers if h not in FIELDS[name]]
        if unknown:
            raise ImportFailed([f"{path}: row 1: unknown column(s) {', '.join(map(repr, unknown))}"])
        for record in reader:
            line = reader.line_num
            if None in record:
                raise ImportFailed([f"{path}: row {line}: more cells than headers"])
            values: dict[str, Any] = {k: (_csv_text(v) if v else None) for k, v in record.items()}
            if name == "cases" and values.get("severity_changes"):
                try:
                    values["severity_changes"] = json.loads(values["severity_changes"])
                except (json.JSONDecodeError, RecursionError):
                    raise ImportFailed([f"{path}: row {line}: field severity_changes: not a JSON list"]) from None
            if name == "quota_uses" and values.get("persons") is not None:
                raw = values["persons"].strip()
                values["persons"] = int(raw) if raw.isascii() and raw.isdigit() else raw
            batch.rows[name].append(Row(f"{path}: row {line}", values))
    except csv.Error as exc:
        raise ImportFailed([f"{path}: row {reader.line_num}: {exc}"]) from None


# ---------------------------------------------------------------- validation


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, row: Row, name: str, message: str) -> None:
        self.problems.append(f"{row.source}: field {name}: {message}")

    def text(self, row: Row, name: str, required: bool = False) -> str:
        value = row.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip() and required):
            if required:
                self.fail(row, name, "missing")
            return ""
        if not isinstance(value, str):
            self.fail(row, name, f"must be text, not {type(value).__name__}")
            return ""
        limit = MAX_TEXT.get(name, DEFAULT_MAX_TEXT)
        if len(value) > limit:
            self.fail(row, name, f"longer than {limit} characters ({len(value)})")
            return ""
        if "\x00" in value:
            self.fail(row, name, "contains a NUL character")
            return ""
        return value

    def choice(self, row: Row, name: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = row.values.get(name)
        allowed = tuple(allowed)
        if value is None and default is not None:
            return default
        if value not in allowed:
            self.fail(row, name, f"{value!r} is not one of {', '.join(allowed)}")
            return ""
        assert isinstance(value, str)
        return value

    def day(self, row: Row, name: str) -> date | None:
        value = row.values.get(name)
        if value is None:
            self.fail(row, name, "missing")
            return None
        if not isinstance(value, str):
            self.fail(row, name, f"must be a date YYYY-MM-DD, not {type(value).__name__}")
            return None
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            self.fail(row, name, f"{value!r} is not a date (YYYY-MM-DD)")
            return None
        if not 1970 <= parsed.year <= 2200:
            self.fail(row, name, f"{value} is out of range (years 1970-2200)")
            return None
        return parsed

    def instant(self, row: Row, name: str, required: bool = False, value: Any = None) -> datetime | None:
        value = row.values.get(name) if value is None else value
        if value is None:
            if required:
                self.fail(row, name, "missing")
            return None
        if not isinstance(value, str):
            self.fail(row, name, f"must be an ISO 8601 instant with an offset, not {type(value).__name__}")
            return None
        try:
            parsed = parse_instant(value)
        except (ValueError, OverflowError) as exc:
            self.fail(row, name, str(exc))
            return None
        if not 1970 <= parsed.year <= 2200:
            self.fail(row, name, f"{value} is out of range (years 1970-2200)")
            return None
        return parsed


@dataclass
class _Case:
    row: Row
    ref: str
    customer_ref: str
    title: str
    description: str
    product: str
    severity: str
    channel: str
    opened_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    status: str
    assignee: str
    changes: list[tuple[datetime, str, str]]


def _unique(checker: _Checker, rows: list[Row], name: str) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        ref = row.values.get("id")
        if isinstance(ref, str) and ref in seen:
            checker.fail(row, "id", f"duplicate id {ref!r} (also {seen[ref]})")
        elif isinstance(ref, str):
            seen[ref] = row.source


def _text_ids(rows: list[Row]) -> set[str]:
    return {ref for row in rows if isinstance(ref := row.values.get("id"), str)}


def import_batch(desk: Desk, batch: Batch) -> ChangeSet:
    """Validate the whole batch, then write it in one transaction (or nothing)."""
    checker = _Checker()
    for name in ARRAYS:
        for row in batch.rows[name]:
            unknown = sorted(set(row.values) - set(FIELDS[name]))
            if unknown:
                checker.fail(row, unknown[0], f"unknown field (fields of {name}: {', '.join(FIELDS[name])})")
        _unique(checker, batch.rows[name], name)
    now = desk.clock.now()
    with desk.store.write() as session:
        existing_customers = {c.ref: c for c in session.scalars(select(Customer))}
        existing_contracts = {c.ref: c for c in session.scalars(select(Contract))}
        changes = ChangeSet()
        # Only text ids count as references; any other id is reported on its own row below.
        customer_refs = set(existing_customers) | _text_ids(batch.rows["customers"])
        contract_refs = set(existing_contracts) | _text_ids(batch.rows["contracts"])

        customers = []
        for row in batch.rows["customers"]:
            values = {f: checker.text(row, f, required=f in ("id", "name")) for f in FIELDS["customers"]}
            customers.append((row, values))
        contracts = []
        for row in batch.rows["contracts"]:
            ref = checker.text(row, "id", required=True)
            customer_ref = checker.text(row, "customer_id", required=True)
            if customer_ref and customer_ref not in customer_refs:
                checker.fail(row, "customer_id", f"no customer {customer_ref!r} in the file or the database")
            start, end = checker.day(row, "start"), checker.day(row, "end")
            if start and end and end < start:
                checker.fail(row, "end", f"{end} is before start {start}")
            catalog = desk.catalogs.in_effect(start) if start else desk.catalogs.latest
            tier = checker.choice(row, "tier", catalog.tiers)
            contracts.append((row, ref, customer_ref, tier, start, end, catalog.version))
        cases = [_check_case(desk, checker, row, customer_refs) for row in batch.rows["cases"]]
        uses = []
        for row in batch.rows["quota_uses"]:
            ref = checker.text(row, "id", required=True)
            contract_ref = checker.text(row, "contract_id", required=True)
            if contract_ref and contract_ref not in contract_refs:
                checker.fail(row, "contract_id", f"no contract {contract_ref!r} in the file or the database")
            kind = checker.choice(row, "kind", QUOTA_KINDS)
            start, end = checker.day(row, "start"), checker.day(row, "end")
            if start and end and end < start:
                checker.fail(row, "end", f"{end} is before start {start}")
            persons = row.values.get("persons", 1)
            if persons is None:
                persons = 1
            if isinstance(persons, bool) or not isinstance(persons, int) or not 1 <= persons <= 10_000:
                checker.fail(row, "persons", f"must be a whole number from 1, not {persons!r}")
                persons = 1
            course = checker.text(row, "course")
            if kind == "training" and not course.strip():
                checker.fail(row, "course", "a training booking names its course")
            uses.append((row, ref, contract_ref, kind, start, end, course, persons, checker.text(row, "note")))
        if checker.problems:
            raise ImportFailed(checker.problems)

        # -- write (still all-or-nothing: any problem below rolls the transaction back)
        for _row, values in customers:
            cust = existing_customers.get(values["id"])
            fields: dict[str, Any] = {
                k: values[k] for k in ("name", "technical_contact", "ops_contact", "business_goals")
            }
            if cust is None:
                cust = Customer(ref=values["id"], created_at=now, updated_at=now, **fields)
                session.add(cust)
                session.flush()
                existing_customers[cust.ref] = cust
                changes |= ChangeSet(customers=frozenset({cust.id}))
            elif _update(cust, fields, now):
                changes |= ChangeSet(customers=frozenset({cust.id}))
        for row, ref, customer_ref, tier, start, end, version in contracts:
            assert start is not None and end is not None
            con = existing_contracts.get(ref)
            cust = existing_customers[customer_ref]
            fields = {"customer_id": cust.id, "tier": tier, "start": start, "end": end}
            if con is None:
                con = Contract(ref=ref, catalog_version=version, created_at=now, updated_at=now, **fields)
                session.add(con)
                session.flush()
                existing_contracts[ref] = con
                changes |= ChangeSet(customers=frozenset({cust.id})) | _attach_orphans(desk, session, con)
                continue
            if (con.tier, con.customer_id) != (tier, cust.id) and _has_work(session, con):
                # Cases keep the rules they were opened under (a tier change is a new contract period, docs/domain.md).
                checker.fail(
                    row, "tier" if con.tier != tier else "customer_id",
                    f"contract {ref} already has cases or bookings under {con.tier}; a new tier is a new "
                    "contract period: import it as a contract with its own id",
                )  # fmt: skip
                continue
            if _update(con, fields, now):
                changes |= ChangeSet(customers=frozenset({cust.id})) | _refresh_contract_cases(desk, session, con)
        for item in cases:
            if item is not None:
                changes |= _apply_case(desk, session, item, existing_customers, checker)
        for _row, ref, contract_ref, kind, start, end, course, persons, note in uses:
            assert start is not None and end is not None
            con = existing_contracts[contract_ref]
            use = session.scalar(select(QuotaUse).where(QuotaUse.ref == ref))
            fields = {
                "contract_id": con.id,
                "kind": kind,
                "start": start,
                "end": end,
                "course": course,
                "persons": persons,
                "note": note,
            }
            if use is None:
                use = QuotaUse(ref=ref, booked_at=now, booked_by=IMPORT_ACTOR, created_at=now, updated_at=now, **fields)
                session.add(use)
                session.flush()
                session.add(
                    QuotaEvent(quota_use_id=use.id, at=now, actor=IMPORT_ACTOR, kind="booked", detail="imported")
                )
                changes |= ChangeSet(quota_uses=frozenset({use.id}))
            elif _update(use, fields, now):
                session.add(
                    QuotaEvent(quota_use_id=use.id, at=now, actor=IMPORT_ACTOR, kind="changed", detail="re-imported")
                )
                changes |= ChangeSet(quota_uses=frozenset({use.id}))
        if checker.problems:
            raise ImportFailed(checker.problems)
        return changes


def _has_work(session: Session, contract: Contract) -> bool:
    return (
        session.scalar(select(Case.id).where(Case.contract_id == contract.id).limit(1)) is not None
        or session.scalar(select(QuotaUse.id).where(QuotaUse.contract_id == contract.id).limit(1)) is not None
    )


def _refresh_contract_cases(desk: Desk, session: Session, contract: Contract) -> ChangeSet:
    """A contract's dates (or, with no cases yet, its tier) changed: recompute its cases' cached clocks."""
    changed = set()
    for case in session.scalars(select(Case).where(Case.contract_id == contract.id)):
        case.contract = contract
        desk.refresh_due(case, desk._events(session, case))
        changed.add(case.id)
    return ChangeSet(cases=frozenset(changed))


def _attach_orphans(desk: Desk, session: Session, contract: Contract) -> ChangeSet:
    """Cases imported before their contract was known get it now, if it was in force when they opened."""
    zone = desk.catalogs.get(contract.catalog_version).timezone
    changed = set()
    orphans = session.scalars(select(Case).where(Case.customer_id == contract.customer_id, Case.contract_id.is_(None)))
    for case in orphans:
        if contract.start <= case.opened_at.astimezone(zone).date() <= contract.end:
            case.contract_id, case.contract = contract.id, contract
            _event(session, case, "field", desk.clock.now(), field="contract", old="", new=contract.ref)
            session.flush()
            desk.refresh_due(case, desk._events(session, case))
            case.updated_at = desk.clock.now()
            changed.add(case.id)
    return ChangeSet(cases=frozenset(changed))


def _update(obj: Any, fields: Mapping[str, Any], now: datetime) -> bool:
    changed = False
    for key, value in fields.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    if changed:
        obj.updated_at = now
    return changed


def _check_case(desk: Desk, checker: _Checker, row: Row, customer_refs: set[Any]) -> _Case | None:
    before = len(checker.problems)
    ref = checker.text(row, "id", required=True)
    customer_ref = checker.text(row, "customer_id", required=True)
    if customer_ref and customer_ref not in customer_refs:
        checker.fail(row, "customer_id", f"no customer {customer_ref!r} in the file or the database")
    opened = checker.instant(row, "opened_at", required=True)
    catalog = desk.catalogs.in_effect(opened.date()) if opened else desk.catalogs.latest
    severity = checker.choice(row, "severity", catalog.severities)
    channel = checker.choice(row, "channel", CHANNELS)
    status = checker.choice(row, "status", CASE_STATUSES, default="new")
    first = checker.instant(row, "first_response_at")
    resolved = checker.instant(row, "resolved_at")
    for name, value in (("first_response_at", first), ("resolved_at", resolved)):
        if value is not None and opened is not None and value < opened:
            checker.fail(row, name, f"{format_instant(value)} is before opened_at {format_instant(opened)}")
    raw_changes = row.values.get("severity_changes") or []
    changes: list[tuple[datetime, str, str]] = []
    if not isinstance(raw_changes, list):
        checker.fail(row, "severity_changes", "must be a list of {at, severity, reason}")
        raw_changes = []
    for i, change in enumerate(raw_changes, start=1):
        label = f"severity_changes[{i}]"
        if not isinstance(change, dict):
            checker.fail(row, label, "must be an object {at, severity, reason}")
            continue
        extra = sorted(set(change) - {"at", "severity", "reason"})
        if extra:
            checker.fail(row, f"{label}.{extra[0]}", "unknown field")
        at = checker.instant(row, f"{label}.at", required=True, value=change.get("at"))
        new = change.get("severity")
        if not isinstance(new, str) or new not in catalog.severities:
            checker.fail(row, f"{label}.severity", f"{new!r} is not one of {', '.join(catalog.severities)}")
            continue
        reason = change.get("reason") or ""
        if not isinstance(reason, str) or len(reason) > DEFAULT_MAX_TEXT:
            checker.fail(row, f"{label}.reason", "must be text")
            continue
        if at is not None and opened is not None and at < opened:
            checker.fail(row, f"{label}.at", f"{format_instant(at)} is before opened_at {format_instant(opened)}")
        if at is not None and isinstance(new, str):
            changes.append((at, new, reason))
    changes.sort(key=lambda c: c[0])
    texts = {f: checker.text(row, f, required=f == "title") for f in ("title", "description", "product", "assignee")}
    if len(checker.problems) > before or opened is None:
        return None
    return _Case(
        row,
        ref,
        customer_ref,
        texts["title"],
        texts["description"],
        texts["product"],
        severity,
        channel,
        opened,
        first,
        resolved,
        status,
        texts["assignee"],
        changes,
    )


def _apply_case(
    desk: Desk, session: Session, item: _Case, customers: Mapping[str, Customer], checker: _Checker
) -> ChangeSet:
    now = desk.clock.now()
    customer = customers[item.customer_ref]
    case = session.scalar(select(Case).where(Case.ref == item.ref))
    created = case is None
    if case is None:
        contract = desk.contract_in_force(session, customer.id, item.opened_at)
        case = Case(
            ref=item.ref,
            customer_id=customer.id,
            contract_id=contract.id if contract else None,
            title=item.title,
            description=item.description,
            product=item.product,
            opening_severity=item.severity,
            severity=item.severity,
            channel=item.channel,
            status="new",
            assignee=item.assignee,
            opened_at=item.opened_at,
            created_at=now,
            updated_at=now,
        )
        case.contract = contract
        session.add(case)
        session.flush()
        _event(session, case, "opened", item.opened_at, new=item.severity)
        if item.assignee:
            _event(session, case, "assignee", item.opened_at, field="assignee", old="", new=item.assignee)
        events: list[CaseEvent] = []
    else:
        if case.customer_id != customer.id:
            checker.fail(item.row, "customer_id", f"case {item.ref} belongs to another customer in the database")
            return ChangeSet()
        if case.opened_at != item.opened_at or case.opening_severity != item.severity:
            field_name = "opened_at" if case.opened_at != item.opened_at else "severity"
            checker.fail(item.row, field_name, "differs from the stored case; the desk never rewrites history")
            return ChangeSet()
        events = desk._events(session, case)
    changed = created
    warnings: list[str] = []
    # Once agents have worked a case in the desk, their record wins: the file may add facts dated after
    # the desk's latest change, but never slips one in before it or undoes an agent's status or assignee.
    worked = [e for e in events if e.actor != IMPORT_ACTOR and e.kind != "opened"]
    last_worked = max((e.at for e in worked), default=None)
    worked_kinds = {e.kind for e in worked}

    def skip(field: str, what: str) -> None:
        warnings.append(f"{item.row.source}: field {field}: {what} not applied: the desk has later changes")

    for name in ("title", "description", "product", "channel", "assignee"):
        value = getattr(item, name)
        if getattr(case, name) == value:
            continue
        if name == "assignee" and "assignee" in worked_kinds:
            skip(name, repr(value))
            continue
        _event(
            session, case, "assignee" if name == "assignee" else "field", now, field=name,
            old=getattr(case, name), new=value,
        )  # fmt: skip
        setattr(case, name, value)
        changed = True
    known = {(e.at, e.new) for e in events if e.kind == "severity"}
    previous = item.severity
    for at, new, reason in item.changes:
        if (at, new) not in known:
            if last_worked is not None and at < last_worked:
                skip("severity_changes", f"{new} at {format_instant(at)}")
            else:
                _event(session, case, "severity", at, field="severity", old=previous, new=new, reason=reason)
                changed = True
        previous = new
    for name, value in (("first_response_at", item.first_response_at), ("resolved_at", item.resolved_at)):
        stored = getattr(case, name)
        if value is None or stored == value:
            continue
        if stored is not None:
            checker.fail(
                item.row,
                name,
                f"conflicts with the stored {format_instant(stored)}; the desk never rewrites history",
            )
            return ChangeSet()
        if last_worked is not None and value < last_worked:
            skip(name, format_instant(value))
            continue
        setattr(case, name, value)
        if name == "first_response_at":
            _event(session, case, "response", value)
            if case.status == "new":
                _status(session, case, "in_progress", value)
        else:
            _status(session, case, "resolved", value)
        changed = True
    if item.status != case.status:
        if "status" in worked_kinds:
            skip("status", repr(item.status))
        else:
            known_instants = [item.opened_at, *(c[0] for c in item.changes), *(e.at for e in events)]
            known_instants += [t for t in (item.first_response_at, item.resolved_at) if t is not None]
            _status(session, case, item.status, max(known_instants))  # never before the last stored event
            changed = True
    if not changed:
        return ChangeSet(warnings=tuple(warnings))
    session.flush()
    history = desk._events(session, case)
    # The current severity is the latest re-grade in the merged history, whoever recorded it.
    case.severity = value_at(history, "severity", history[-1].at, case.opening_severity)
    desk.refresh_due(case, history)
    case.updated_at = now
    return ChangeSet(cases=frozenset({case.id}), warnings=tuple(warnings))


def _status(session: Session, case: Case, status: str, at: datetime) -> None:
    _event(session, case, "status", at, field="status", old=case.status, new=status)
    case.status = status
    if status == "closed":
        case.closed_at = at
    elif status in OPEN_STATUSES:
        case.closed_at = None


def _event(session: Session, case: Case, kind: str, at: datetime, **values: Any) -> None:
    from desk.services import _next_seq

    session.add(
        CaseEvent(
            case_id=case.id,
            at=at,
            actor=IMPORT_ACTOR,
            kind=kind,
            seq=_next_seq(session, case.id),
            created_at=datetime.now(UTC),
            updated_at=datetime.now(UTC),
            **values,
        )
    )
    session.flush()


# ---------------------------------------------------------------- export


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


def _would_run(text: str) -> bool:
    """A spreadsheet could evaluate this text: a formula sign first, or after blanks it may trim."""
    return text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_SIGNS)


def _marked(text: str) -> bool:
    """``text`` (a cell without its first character) is what a neutralised cell holds after the ``'``."""
    return _would_run(text) or text[:1] == "'"


def _csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text, never runs as a formula (reversed by ``_csv_text``)."""
    if isinstance(value, str) and (_would_run(value) or (value[:1] == "'" and _marked(value[1:]))):
        return "'" + value
    return value


def _csv_text(cell: str) -> str:
    if cell[:1] == "'" and len(cell) > 1 and _marked(cell[1:]):
        return cell[1:]
    return cell


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
                writer.writerow({k: ("" if v is None else _csv_cell(v)) for k, v in row.items()})
        written.append(path)
    return written
