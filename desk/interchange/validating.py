"""Validating a batch of interchange rows into typed records; every problem names its file, row and field."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desk.catalog import CASE_STATUSES, Catalog
from desk.clock import format_instant, parse_instant
from desk.interchange.format import ARRAYS, DEFAULT_MAX_TEXT, FIELDS, MAX_TEXT, Batch, ImportFailed, Problem, Row
from desk.services import Desk
from desk.vocabulary import CaseStatus


class Checker:
    """Collects the problems of a batch (validation, then conflicts found while merging)."""

    def __init__(self) -> None:
        self.details: list[Problem] = []

    @property
    def problems(self) -> list[str]:
        return [str(p) for p in self.details]

    def fail(self, row: Row, name: str, message: str, code: str = "", **params: object) -> None:
        """Refuse ``row``'s field ``name``; ``code`` and ``params`` let the window say it in the agent's language."""
        self.details.append(Problem(row.source, name, message, code, tuple((k, str(v)) for k, v in params.items())))

    def refusal(self) -> ImportFailed:
        return ImportFailed(self.problems, tuple(self.details))

    def text(self, row: Row, name: str, required: bool = False) -> str:
        value = row.values.get(name)
        if value is None or (isinstance(value, str) and not value.strip() and required):
            if required:
                self.fail(row, name, "missing", "missing")
            return ""
        if not isinstance(value, str):
            self.fail(row, name, f"must be text, not {type(value).__name__}")
            return ""
        limit = MAX_TEXT.get(name, DEFAULT_MAX_TEXT)
        if len(value) > limit:
            self.fail(row, name, f"longer than {limit} characters ({len(value)})", "too_long", limit=limit)
            return ""
        if "\x00" in value:
            self.fail(row, name, "contains a NUL character", "nul")
            return ""
        return value

    def choice(self, row: Row, name: str, allowed: Iterable[str], default: str | None = None) -> str:
        value = row.values.get(name)
        allowed = tuple(allowed)
        if value is None and default is not None:
            return default
        if value not in allowed:
            self.fail(row, name, f"{value!r} is not one of {', '.join(allowed)}", "not_one_of", value=value)
            return ""
        assert isinstance(value, str)
        return value

    def day(self, row: Row, name: str) -> date | None:
        value = row.values.get(name)
        if value is None:
            self.fail(row, name, "missing", "missing")
            return None
        if not isinstance(value, str):
            self.fail(row, name, f"must be a date YYYY-MM-DD, not {type(value).__name__}")
            return None
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            self.fail(row, name, f"{value!r} is not a date (YYYY-MM-DD)", "not_a_date", value=value)
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


@dataclass(frozen=True)
class CustomerRecord:
    row: Row
    ref: str
    name: str
    technical_contact: str
    ops_contact: str
    business_goals: str

    def columns(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "technical_contact": self.technical_contact,
            "ops_contact": self.ops_contact,
            "business_goals": self.business_goals,
        }


@dataclass(frozen=True)
class ContractRecord:
    row: Row
    ref: str
    customer_ref: str
    tier: str
    start: date | None  # None only in a batch that has problems
    end: date | None
    catalog_version: str


@dataclass(frozen=True)
class SeverityChange:
    at: datetime
    severity: str
    reason: str


@dataclass(frozen=True)
class CaseRecord:
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
    closed_at: datetime | None  # None: not closed, or an export older than the field
    status: str
    assignee: str
    changes: tuple[SeverityChange, ...]  # in time order


@dataclass(frozen=True)
class QuotaUseRecord:
    row: Row
    ref: str
    contract_ref: str
    kind: str
    start: date | None  # None only in a batch that has problems
    end: date | None
    course: str
    persons: int
    note: str


@dataclass(frozen=True)
class Checked:
    customers: list[CustomerRecord]
    contracts: list[ContractRecord]
    cases: list[CaseRecord | None]  # None: the row has problems
    quota_uses: list[QuotaUseRecord]


def check_shape(checker: Checker, batch: Batch) -> None:
    """Unknown fields and duplicate ids, array by array."""
    for name in ARRAYS:
        for row in batch.rows[name]:
            unknown = sorted(set(row.values) - set(FIELDS[name]))
            if unknown:
                checker.fail(row, unknown[0], f"unknown field (fields of {name}: {', '.join(FIELDS[name])})")
        _unique(checker, batch.rows[name])


def _unique(checker: Checker, rows: list[Row]) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        ref = row.values.get("id")
        if isinstance(ref, str) and ref in seen:
            checker.fail(row, "id", f"duplicate id {ref!r} (also {seen[ref]})")
        elif isinstance(ref, str):
            seen[ref] = row.source


def text_ids(rows: list[Row]) -> set[str]:
    return {ref for row in rows if isinstance(ref := row.values.get("id"), str)}


def check_rows(desk: Desk, checker: Checker, batch: Batch, customer_refs: set[str], contract_refs: set[str]) -> Checked:
    """Every row's fields; references must name a row of the batch or of the database."""
    customers = [_check_customer(checker, row) for row in batch.rows["customers"]]
    contracts = [_check_contract(desk, checker, row, customer_refs) for row in batch.rows["contracts"]]
    cases = [check_case(desk, checker, row, customer_refs) for row in batch.rows["cases"]]
    kinds = quota_kinds(desk)
    uses = [check_quota_use(checker, row, contract_refs, kinds) for row in batch.rows["quota_uses"]]
    return Checked(customers, contracts, cases, uses)


def _check_customer(checker: Checker, row: Row) -> CustomerRecord:
    values = {f: checker.text(row, f, required=f in ("id", "name")) for f in FIELDS["customers"]}
    return CustomerRecord(
        row,
        values["id"],
        values["name"],
        values["technical_contact"],
        values["ops_contact"],
        values["business_goals"],
    )


def _check_contract(desk: Desk, checker: Checker, row: Row, customer_refs: set[str]) -> ContractRecord:
    ref = checker.text(row, "id", required=True)
    customer_ref = checker.text(row, "customer_id", required=True)
    if customer_ref and customer_ref not in customer_refs:
        checker.fail(row, "customer_id", f"no customer {customer_ref!r} in the file or the database")
    start, end = checker.day(row, "start"), checker.day(row, "end")
    if start and end and end < start:
        checker.fail(row, "end", f"{end} is before start {start}", "end_before_start", end=end, start=start)
    catalog = desk.catalogs.in_effect(start) if start else desk.catalogs.latest
    tier = checker.choice(row, "tier", catalog.tiers)
    return ContractRecord(row, ref, customer_ref, tier, start, end, catalog.version)


def quota_kinds(desk: Desk) -> list[str]:
    """Any quota some installed plan defines: the booking's contract (maybe in this very file) says which plan."""
    return list(
        dict.fromkeys(kind for version in desk.catalogs.versions() for kind in desk.catalogs.get(version).quotas)
    )


def check_quota_use(checker: Checker, row: Row, contract_refs: set[str], quota_kinds: Iterable[str]) -> QuotaUseRecord:
    ref = checker.text(row, "id", required=True)
    contract_ref = checker.text(row, "contract_id", required=True)
    if contract_ref and contract_ref not in contract_refs:
        checker.fail(row, "contract_id", f"no contract {contract_ref!r} in the file or the database")
    kind = checker.choice(row, "kind", quota_kinds)
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
    return QuotaUseRecord(row, ref, contract_ref, kind, start, end, course, persons, checker.text(row, "note"))


def check_case(desk: Desk, checker: Checker, row: Row, customer_refs: set[str]) -> CaseRecord | None:
    before = len(checker.problems)
    ref = checker.text(row, "id", required=True)
    customer_ref = checker.text(row, "customer_id", required=True)
    if customer_ref and customer_ref not in customer_refs:
        checker.fail(row, "customer_id", f"no customer {customer_ref!r} in the file or the database")
    opened = checker.instant(row, "opened_at", required=True)
    catalog = desk.catalogs.in_effect(opened.date()) if opened else desk.catalogs.latest
    severity = checker.choice(row, "severity", catalog.severities)
    channel = checker.choice(row, "channel", catalog.channels)  # the plan the case opened under
    status = checker.choice(row, "status", CASE_STATUSES, default="new")
    first = checker.instant(row, "first_response_at")
    resolved = checker.instant(row, "resolved_at")
    closed = checker.instant(row, "closed_at")
    for name, value in (("first_response_at", first), ("resolved_at", resolved), ("closed_at", closed)):
        if value is not None and opened is not None and value < opened:
            checker.fail(row, name, f"{format_instant(value)} is before opened_at {format_instant(opened)}")
    _check_closing(checker, row, status, resolved, closed)
    changes = _severity_changes(checker, row, opened, catalog)
    texts = {f: checker.text(row, f, required=f == "title") for f in ("title", "description", "product", "assignee")}
    if len(checker.problems) > before or opened is None:
        return None
    return CaseRecord(
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
        closed,
        status,
        texts["assignee"],
        changes,
    )


def _check_closing(checker: Checker, row: Row, status: str, resolved: datetime | None, closed: datetime | None) -> None:
    """A closing instant is the latest closing of a case closed now, never before its resolution."""
    if closed is None:
        return
    if status and status != CaseStatus.CLOSED:
        checker.fail(row, "closed_at", f"the case's status is {status}: only a closed case has a closing instant")
    elif resolved is not None and closed < resolved:
        checker.fail(row, "closed_at", f"{format_instant(closed)} is before resolved_at {format_instant(resolved)}")


def _severity_changes(
    checker: Checker, row: Row, opened: datetime | None, catalog: Catalog
) -> tuple[SeverityChange, ...]:
    raw_changes = row.values.get("severity_changes") or []
    changes: list[SeverityChange] = []
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
            changes.append(SeverityChange(at, new, reason))
    changes.sort(key=lambda c: c.at)
    return tuple(changes)
