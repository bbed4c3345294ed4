"""Importing files as a stream: rows read, checked and merged a batch at a time, in one transaction (or nothing).

The importer's rules are ``merging``'s and ``merging_cases``': customers and contracts (thousands, not
millions) go through them whole; cases and quota uses come a batch at a time. A new case is written as
``BulkCases`` rows (the case writer's own rows and cached clocks, no ORM object per row); a case already
stored is read with the rest of its batch and merged by ``merge_case``. An empty SQLite file is loaded
beside the store and renamed into place when complete (as the demo is), so a refusal or a crash leaves it
as it was. Ids already seen in the file are kept in a temporary table, not in memory, to name duplicates.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from itertools import count, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Column, MetaData, String, Table, Text, insert, select
from sqlalchemy.orm import Session

from desk.interchange.format import FIELDS, IMPORT_ACTOR, Batch, ImportFailed, Row
from desk.interchange.merging import Merge
from desk.interchange.merging_cases import merge_case, status_instant
from desk.interchange.streaming import stream_rows
from desk.interchange.validating import (
    CaseRecord,
    Checked,
    Checker,
    check_case,
    check_quota_use,
    check_rows,
    check_shape,
    quota_kinds,
    text_ids,
)
from desk.services import Desk
from desk.store.bulk import uuid4_from_bits
from desk.store.fresh import indexes_built_after, load_beside
from desk.store.models import Case, CaseEvent, Customer, QuotaUse
from desk.store.writer import NewEvent, events_for, plan_for
from desk.vocabulary import CaseStatus, EventKind

BATCH_ROWS = 2000
# SQLite's page cache while loading a new file: the ref index (rows come in the file's order, not the refs')
# stays in it at a million cases; more would only make the peak memory follow the file's size.
IMPORT_CACHE_KIB = 16 * 1024
_SEEN = Table(
    "import_seen",
    MetaData(),
    Column("array", String(20), primary_key=True),
    Column("ref", String(200), primary_key=True),
    Column("source", Text),
    prefixes=["TEMPORARY"],
)


@dataclass
class Imported:
    """What a streamed import changed, counted (a million case ids are not kept to be counted)."""

    customers: int = 0  # added or changed
    cases: int = 0
    quota_uses: int = 0
    warnings: list[str] = field(default_factory=list)


def import_streamed(
    desk: Desk, paths: Iterable[Path], actor: str = IMPORT_ACTOR, step: Callable[[int], None] | None = None
) -> Imported:
    """Import ``paths`` all or nothing, reading them once; ``step`` hears of rows read, a batch at a time.

    ``NotStreamable`` (nothing written) if the files' arrays do not come in the order they are merged."""
    with desk.store.read() as session:
        empty = session.scalar(select(Customer.id).limit(1)) is None
    beside = empty and desk.store.is_sqlite and desk.store.path is not None
    into = load_beside(desk.store) if beside else desk.store.write()
    with into as session, indexes_built_after(session, IMPORT_CACHE_KIB) if beside else nullcontext():
        # Rolled back with the rest on a refusal (SQLite and PostgreSQL both undo it).
        _SEEN.create(session.connection())
        done = _Stream(desk, session, actor, step, existing=not empty).run(stream_rows(paths))
        _SEEN.drop(session.connection())
        return done


class _Stream:
    """One streamed import in one session: the problems found so far, the merge of the head, the case writer's rows."""

    def __init__(
        self, desk: Desk, session: Session, actor: str, step: Callable[[int], None] | None, existing: bool
    ) -> None:
        self.desk, self.session, self.step, self.existing = desk, session, step, existing
        self.checker = Checker()
        self.merge = Merge(desk, session, self.checker, actor)
        self.merge.cases_stored = existing
        self.done = Imported()
        self.customer_refs: set[str] = set()
        self.contract_refs: set[str] = set()
        self.customer_ids: dict[str, uuid.UUID] = {}
        self.in_force: dict[uuid.UUID, list[_Period]] = {}
        self.rng = random.Random()
        self.made = count(self.rng.getrandbits(40))
        self.bulk = self.merge.writer.bulk(self.new_id)
        self.kinds = quota_kinds(desk)

    def run(self, rows: Iterator[tuple[str, Row]]) -> Imported:
        head = Batch()
        merged_head = False
        try:
            for name, group in groupby(rows, key=itemgetter(0)):
                if name in ("customers", "contracts"):
                    head.rows[name].extend(row for _, row in group)
                    continue
                if not merged_head:
                    self._head(head)
                    merged_head = True
                while chunk := [row for _, row in islice(group, BATCH_ROWS)]:
                    self._batch(name, chunk)
            if not merged_head:
                self._head(head)
        except ImportFailed as exc:  # the file itself is broken: with what its rows had wrong so far
            raise ImportFailed(self.checker.problems + exc.problems, tuple(self.checker.details)) from None
        if self.checker.details:
            raise self.checker.refusal()
        return self.done

    def _head(self, head: Batch) -> None:
        """Customers and contracts, whole, by ``merging``'s rules; then what cases need to find theirs."""
        check_shape(self.checker, head)
        self.customer_refs = set(self.merge.customers) | text_ids(head.rows["customers"])
        self.contract_refs = set(self.merge.contracts) | text_ids(head.rows["contracts"])
        checked = check_rows(self.desk, self.checker, head, self.customer_refs, self.contract_refs)
        if self.step:
            self.step(len(head.rows["customers"]) + len(head.rows["contracts"]))
        if self.checker.details:
            return
        changes = self.merge.apply(Checked(checked.customers, checked.contracts, [], []))  # written when it returns
        self.done.customers += len(changes.customers)
        self.done.warnings += changes.warnings
        # Plain values, read once: an ORM attribute read per case and contract adds up over a million cases.
        self.customer_ids = {ref: customer.id for ref, customer in self.merge.customers.items()}
        for c in self.merge.contracts.values():
            zone = self.desk.catalogs.get(c.catalog_version).timezone
            self.in_force.setdefault(c.customer_id, []).append(
                _Period(c.start, c.end, zone, c.id, c.tier, c.catalog_version)
            )

    def _batch(self, name: str, rows: list[Row]) -> None:
        if self.step:
            self.step(len(rows))
        self._shape(name, rows)
        if name == "cases":
            cases = [check_case(self.desk, self.checker, row, self.customer_refs) for row in rows]
            if not self.checker.details:
                self._cases([c for c in cases if c is not None])
        else:
            uses = [check_quota_use(self.checker, row, self.contract_refs, self.kinds) for row in rows]
            if not self.checker.details:
                refs = [use.ref for use in uses]
                stored = {u.ref: u for u in self.session.scalars(select(QuotaUse).where(QuotaUse.ref.in_(refs)))}
                for use in uses:
                    self.done.quota_uses += len(self.merge.put_quota_use(use, stored.get(use.ref)).quota_uses)
                self.merge.settle()

    def _shape(self, name: str, rows: list[Row]) -> None:
        """``check_shape``'s unknown fields and duplicate ids, the ids of earlier batches read from the table."""
        fields = set(FIELDS[name])
        refs = [ref for row in rows if isinstance(ref := row.values.get("id"), str)]
        query = select(_SEEN.c.ref, _SEEN.c.source).where(_SEEN.c.array == name, _SEEN.c.ref.in_(refs))
        earlier: dict[str, str] = {ref: source for ref, source in self.session.execute(query)}
        first: dict[str, str] = {}
        for row in rows:
            unknown = sorted(set(row.values) - fields)
            if unknown:
                self.checker.fail(row, unknown[0], f"unknown field (fields of {name}: {', '.join(FIELDS[name])})")
            ref = row.values.get("id")
            if not isinstance(ref, str):
                continue
            also = earlier.get(ref) or first.get(ref)
            if also is not None:
                self.checker.fail(row, "id", f"duplicate id {ref!r} (also {also})")
            else:
                first[ref] = row.source
        if first:
            self.session.execute(insert(_SEEN), [{"array": name, "ref": r, "source": s} for r, s in first.items()])

    def _cases(self, records: list[CaseRecord]) -> None:
        stored: dict[str, Case] = {}
        if self.existing:
            refs = [r.ref for r in records]
            stored = {c.ref: c for c in self.session.scalars(select(Case).where(Case.ref.in_(refs)))}
        histories = events_for(self.session, [c.id for c in stored.values()]) if stored else {}
        for record in records:
            case = stored.get(record.ref)
            if case is not None:
                changes = merge_case(
                    self.desk, self.merge.writer, self.session, record, self.merge.customers, self.checker,
                    stored=(case, histories.get(case.id, [])),
                )  # fmt: skip
                self.done.cases += len(changes.cases)
                self.done.warnings += changes.warnings
            else:
                self._new_case(record)
        self.bulk.write(self.session)
        if stored:
            self.session.flush()
            for obj in list(self.session.identity_map.values()):
                if isinstance(obj, Case | CaseEvent):
                    self.session.expunge(obj)

    def _new_case(self, record: CaseRecord) -> None:
        """What ``merge_case`` writes for a case new to the store, as rows: its opening, then the record's facts."""
        customer_id = self.customer_ids[record.customer_ref]
        contract = self._contract_in_force(customer_id, record.opened_at)
        case = {
            "id": self.new_id(),
            "ref": record.ref,
            "customer_id": customer_id,
            "contract_id": contract.id if contract else None,
            "title": record.title,
            "description": record.description,
            "product": record.product,
            "third_party": False,
            "opening_severity": record.severity,
            "channel": record.channel,
            "assignee": record.assignee,
            "opened_at": record.opened_at,
        }
        catalog = plan_for(self.desk.catalogs, contract.catalog_version if contract else None, record.opened_at)
        tier = contract.tier if contract else None
        self.bulk.add(case, record_events(record), tier=tier, catalog=catalog)
        self.done.cases += 1

    def new_id(self) -> uuid.UUID:
        # Ascending in the order rows are made (random below): inserts append to the id indexes.
        return uuid4_from_bits((next(self.made) << 80) | self.rng.getrandbits(80))

    def _contract_in_force(self, customer_id: uuid.UUID, at: datetime) -> _Period | None:
        """``Desk.contract_in_force`` over the contracts read once."""
        best: _Period | None = None
        for period in self.in_force.get(customer_id, ()):
            if period.start <= at.astimezone(period.zone).date() <= period.end and (
                best is None or period.start > best.start
            ):
                best = period
        return best


class _Period(NamedTuple):
    """What a case needs of a contract: when it is in force (days in its plan's zone) and its rules."""

    start: date
    end: date
    zone: tzinfo
    id: uuid.UUID
    tier: str
    catalog_version: str


def record_events(record: CaseRecord) -> list[NewEvent]:
    """The events ``merge_case`` appends to a new case after its opening, in its order."""
    events: list[NewEvent] = []
    previous = record.severity
    for change in record.changes:
        events.append(NewEvent(change.at, EventKind.SEVERITY, "severity", previous, change.severity, change.reason))
        previous = change.severity
    status = str(CaseStatus.NEW)
    if record.first_response_at is not None:
        events.append(NewEvent(record.first_response_at, EventKind.RESPONSE))
        events.append(NewEvent(record.first_response_at, EventKind.STATUS, "status", status, "in_progress"))
        status = "in_progress"
    if record.resolved_at is not None:
        events.append(NewEvent(record.resolved_at, EventKind.STATUS, "status", status, "resolved"))
        status = "resolved"
    if record.status != status:
        events.append(NewEvent(status_instant(record), EventKind.STATUS, "status", status, record.status))
    return events
