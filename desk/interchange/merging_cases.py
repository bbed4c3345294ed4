"""Merging one imported case into the store through the case writer: new facts are added, history is never rewritten."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.clock import format_instant
from desk.interchange.format import IMPORT_ACTOR
from desk.interchange.validating import CaseRecord, Checker
from desk.queries import value_at
from desk.services import ChangeSet, Desk
from desk.store.models import Case, CaseEvent, Customer
from desk.store.writer import CaseWriter, NewEvent, events_for
from desk.vocabulary import CaseStatus

TEXT_FIELDS = ("title", "description", "product", "channel", "assignee")


class Conflict(Exception):
    """The record contradicts the stored case (the problem is on the checker); nothing of it is applied."""


def merge_case(
    desk: Desk, writer: CaseWriter, session: Session, item: CaseRecord, customers: Mapping[str, Customer],
    checker: Checker, stored: tuple[Case, list[CaseEvent]] | None = None,
) -> ChangeSet:  # fmt: skip
    """Add a new case with its history, or the facts a stored case lacks; conflicts go to ``checker``.

    ``stored``: the case of that ref and its events, already read (an import reads them a batch at a time)."""
    customer = customers[item.customer_ref]
    case = stored[0] if stored else session.scalar(select(Case).where(Case.ref == item.ref))
    try:
        if stored is not None:
            _check_identity(stored[0], item, customer, checker)
            merge = _CaseMerge(writer, session, item, checker, stored[0], stored[1])
        elif case is None:
            merge = _CaseMerge(writer, session, item, checker, _open(desk, writer, session, item, customer), [])
            merge.changed = True
        else:
            _check_identity(case, item, customer, checker)
            merge = _CaseMerge(writer, session, item, checker, case, events_for(session, [case.id]).get(case.id, []))
        return merge.run()
    except Conflict:
        return ChangeSet()


def _open(desk: Desk, writer: CaseWriter, session: Session, item: CaseRecord, customer: Customer) -> Case:
    contract = desk.contract_in_force(session, customer.id, item.opened_at)
    case = Case(
        ref=item.ref,
        customer_id=customer.id,
        contract_id=contract.id if contract else None,
        title=item.title,
        description=item.description,
        product=item.product,
        opening_severity=item.severity,
        channel=item.channel,
        assignee=item.assignee,
        opened_at=item.opened_at,
    )
    case.contract = contract
    writer.open_case(session, case)
    return case


def _check_identity(case: Case, item: CaseRecord, customer: Customer, checker: Checker) -> None:
    if case.customer_id != customer.id:
        checker.fail(item.row, "customer_id", f"case {item.ref} belongs to another customer in the database")
        raise Conflict
    if case.opened_at != item.opened_at or case.opening_severity != item.severity:
        field_name = "opened_at" if case.opened_at != item.opened_at else "severity"
        checker.fail(item.row, field_name, "differs from the stored case; the desk never rewrites history")
        raise Conflict


class _CaseMerge:
    """One record merged into one case. Every event is a dated fact from the record (or the import's
    instant for changed texts), so it keeps its own instant rather than being moved after the latest."""

    def __init__(
        self, writer: CaseWriter, session: Session, item: CaseRecord, checker: Checker, case: Case,
        events: list[CaseEvent],
    ) -> None:  # fmt: skip
        self.writer, self.session, self.item, self.checker, self.case = writer, session, item, checker, case
        self.events = events
        self.changed = False
        self.warnings: list[str] = []
        # Once agents have worked a case in the desk, their record wins: the file may add facts dated after
        # the desk's latest change, but never slips one in before it or undoes an agent's status or assignee.
        worked = [e for e in events if e.actor != IMPORT_ACTOR and e.kind != "opened"]
        self.last_worked = max((e.at for e in worked), default=None)
        self.worked_kinds = {e.kind for e in worked}

    def run(self) -> ChangeSet:
        self._texts()
        self._severity_changes()
        self._instants()
        self._status()
        if not self.changed:
            return ChangeSet(warnings=tuple(self.warnings))
        case = self.case
        self.session.flush()
        history = events_for(self.session, [case.id]).get(case.id, [])
        # The current severity is the latest re-grade in the merged history, whoever recorded it.
        case.severity = value_at(history, "severity", history[-1].at, case.opening_severity)
        self.writer.finish(self.session, case)
        return ChangeSet(cases=frozenset({case.id}), warnings=tuple(self.warnings))

    def _append(self, event: NewEvent) -> None:
        self.writer.append(self.session, self.case, event, keep_order=False)
        self.changed = True

    def _skip(self, field: str, what: str) -> None:
        self.warnings.append(f"{self.item.row.source}: field {field}: {what} not applied: the desk has later changes")

    def _texts(self) -> None:
        case, now = self.case, self.writer.clock.now()
        for name in TEXT_FIELDS:
            value = getattr(self.item, name)
            if getattr(case, name) == value:
                continue
            if name == "assignee" and "assignee" in self.worked_kinds:
                self._skip(name, repr(value))
                continue
            kind = "assignee" if name == "assignee" else "field"
            self._append(NewEvent(now, kind, field=name, old=getattr(case, name), new=value))
            setattr(case, name, value)

    def _severity_changes(self) -> None:
        known = {(e.at, e.new) for e in self.events if e.kind == "severity"}
        previous = self.item.severity
        for change in self.item.changes:
            if (change.at, change.severity) not in known:
                if self.last_worked is not None and change.at < self.last_worked:
                    self._skip("severity_changes", f"{change.severity} at {format_instant(change.at)}")
                else:
                    event = NewEvent(
                        change.at, "severity", field="severity", old=previous, new=change.severity,
                        reason=change.reason,
                    )  # fmt: skip
                    self._append(event)
            previous = change.severity

    def _instants(self) -> None:
        case, item = self.case, self.item
        for name, value in (("first_response_at", item.first_response_at), ("resolved_at", item.resolved_at)):
            stored = getattr(case, name)
            if value is None or stored == value:
                continue
            if stored is not None:
                self.checker.fail(
                    item.row,
                    name,
                    f"conflicts with the stored {format_instant(stored)}; the desk never rewrites history",
                )
                raise Conflict
            if self.last_worked is not None and value < self.last_worked:
                self._skip(name, format_instant(value))
                continue
            setattr(case, name, value)
            if name == "first_response_at":
                self._append(NewEvent(value, "response"))
                if case.status == "new":
                    self._append(_status_change(case, "in_progress", value))
            else:
                self._append(_status_change(case, "resolved", value))

    def _status(self) -> None:
        case, item = self.case, self.item
        closing = item.closed_at if item.status == CaseStatus.CLOSED else None
        if item.status == case.status:
            if closing is not None and case.closed_at is not None and case.closed_at != closing:
                self.checker.fail(
                    item.row,
                    "closed_at",
                    f"conflicts with the stored {format_instant(case.closed_at)}; the desk never rewrites history",
                )
                raise Conflict
            return
        if "status" in self.worked_kinds:
            self._skip("status", repr(item.status))
            return
        if closing is not None:
            # A dated closing keeps its instant, so it may not come before a status the desk holds already
            # (the history would then end on that status, not on the closing) nor before an agent's change.
            latest_status = max((e.at for e in self.events if e.kind == "status"), default=None)
            if any(t is not None and closing < t for t in (latest_status, self.last_worked)):
                self._skip("closed_at", format_instant(closing))
                return
        # Any other status never comes before the last stored event.
        self._append(_status_change(case, item.status, status_instant(item, (e.at for e in self.events))))


def _status_change(case: Case, status: str, at: datetime) -> NewEvent:
    return NewEvent(at, "status", field="status", old=case.status, new=status)


def status_instant(record: CaseRecord, stored: Iterable[datetime] = ()) -> datetime:
    """When a record's current status began: its closing instant if it gives one, else the latest
    instant it (or the stored history, ``stored``) gives, as the format has no other status instants."""
    if record.closed_at is not None and record.status == CaseStatus.CLOSED:
        return record.closed_at
    known = [record.opened_at, *(c.at for c in record.changes), *stored]
    known += [t for t in (record.first_response_at, record.resolved_at) if t is not None]
    return max(known)
