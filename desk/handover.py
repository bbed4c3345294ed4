"""Shift handover services: shifts, per-case entries, frozen reports, signatures, verification, review.

A report is frozen when generated: its canonical JSON (sorted keys, no spaces, UTF-8, no floats) and the
SHA-256 of those bytes are stored. The outgoing agent signs it, the incoming agent acknowledges it.
Nothing here edits a frozen snapshot; once the latest report of a shift is signed, the shift's entries
and notes are locked too, until a correction is opened (with a reason), whose report is a new revision
linked to the corrected one. ``verify`` recomputes the hash and checks the revision chain.

A shift lasts at least ``MIN_SHIFT``: a shift started and ended in the same minute is an accident, and
its report (a window of nothing, a collapsed chart) would mislead. Its scope (whose cases it covers,
see ``desk.handover_scope``) is set when it starts and may change until its report is signed.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from desk import handover_scope
from desk.changes import ChangeSet
from desk.errors import Refused
from desk.gcpause import collector_paused
from desk.handover_report import (
    DEFAULT_HORIZON_HOURS,
    ReadinessProblem,
    as_of_for,
    build_report,
    collect_cases,
    readiness,
    sort_key,
)
from desk.services import Desk, InvalidInput, NotFound, StaleEdit
from desk.store.handover_models import HandoverEntry, HandoverReport, Shift
from desk.store.models import Case
from desk.vocabulary import ClockState

MAX_SHIFT = timedelta(hours=48)
MIN_SHIFT = timedelta(minutes=15)


class ReportSigned(Refused):
    """The handover is signed: it cannot be edited, only corrected by a new revision."""

    default_code = "report_signed"


class NotAllowed(Refused):
    """The operation is not this person's to do (e.g. someone else signing the outgoing agent's report)."""

    default_code = "not_allowed"


# The handover's writes return the desk's one change type (the name stays for existing callers).
HandoverChange = ChangeSet


@dataclass(frozen=True)
class ShiftInfo:
    id: uuid.UUID
    outgoing: str
    incoming: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    started_at: datetime | None
    ended_at: datetime | None
    notes: str
    correction_of_id: uuid.UUID | None
    correction_reason: str
    locked: bool  # the latest report is signed and no correction is open
    scope: tuple[str, ...] | None = None  # whose cases the handover covers; None: the whole desk

    @property
    def changes(self) -> ChangeSet:
        """What starting (or recording) this shift changed."""
        return ChangeSet(shifts=frozenset({self.id}))


@dataclass(frozen=True)
class ReportSummary:
    id: uuid.UUID
    shift_id: uuid.UUID
    revision: int
    previous_id: uuid.UUID | None
    outgoing: str
    incoming: str
    starts_at: datetime
    ends_at: datetime
    timezone: str
    generated_at: datetime
    generated_by: str
    sha256: str
    signed_by: str | None
    signed_at: datetime | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    correction_reason: str
    superseded: bool

    @property
    def signed(self) -> bool:
        return self.signed_at is not None

    @property
    def changes(self) -> ChangeSet:
        """What generating, signing or acknowledging this report changed."""
        return ChangeSet(shifts=frozenset({self.shift_id}), reports=frozenset({self.id}))


@dataclass(frozen=True)
class StoredReport:
    summary: ReportSummary
    snapshot: str  # the canonical JSON text exactly as stored

    @property
    def data(self) -> dict[str, Any]:
        value = json.loads(self.snapshot)
        assert isinstance(value, dict)
        return value


@dataclass(frozen=True)
class HandoverCaseRow:
    """One open case in the handover dialog."""

    case_id: uuid.UUID
    ref: str
    title: str
    customer_name: str
    tier: str | None
    severity: str
    status: str
    state: str
    deadline: datetime | None
    remaining_s: int | None
    assignee: str
    owner: str
    next_action: str
    note: str
    briefed: bool


@dataclass(frozen=True)
class VerifyResult:
    report_id: uuid.UUID
    stored_sha256: str
    computed_sha256: str
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ShiftDiff:
    current: ReportSummary
    previous: ReportSummary | None
    new_cases: list[dict[str, Any]] = field(default_factory=list)
    gone_cases: list[dict[str, Any]] = field(default_factory=list)
    breached_since: list[dict[str, Any]] = field(default_factory=list)


def canonical_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _same_person(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


class Handover:
    """The handover operations over the desk's store and clock."""

    def __init__(self, desk: Desk, horizon_hours: int = DEFAULT_HORIZON_HOURS) -> None:
        self.desk = desk
        self.horizon_hours = horizon_hours

    # ---------------------------------------------------------------- shifts and entries

    def start_shift(
        self,
        outgoing: str,
        *,
        incoming: str = "",
        starts_at: datetime | None = None,
        ends_at: datetime | None = None,
        hours: float = 8,
        timezone: str | None = None,
        scope: Iterable[str] | None = None,
    ) -> ShiftInfo:
        """Start (or record) the agent's shift; ``scope`` names whose cases it covers (None: the whole desk)."""
        now = self.desk.clock.now()
        if not outgoing.strip():
            raise InvalidInput("outgoing", "a shift needs the outgoing agent's name")
        start = starts_at or now
        end = ends_at or start + timedelta(hours=hours)
        if end <= start:
            raise InvalidInput("to", "the shift must end after it starts")
        if end - start < MIN_SHIFT:
            raise InvalidInput("to", f"a shift lasts at least {MIN_SHIFT.total_seconds() / 60:.0f} minutes")
        if end - start > MAX_SHIFT:
            raise InvalidInput("to", f"a shift lasts at most {MAX_SHIFT.total_seconds() / 3600:.0f} hours")
        zone = timezone or self.desk.catalogs.latest.timezone.key
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidInput("timezone", f"{zone!r} is not a time zone") from None
        with self.desk.store.write() as session:
            clash = _overlapping(session, outgoing, start, end)
            if clash is not None:
                # One agent hands over one stretch of time once: a second, unlinked report for the same hours
                # would sit beside a signed one. Corrections go through the existing shift's revisions.
                raise InvalidInput(
                    "from",
                    f"{outgoing.strip()} already has a shift {_window(clash)} overlapping "
                    f"{start:%Y-%m-%d %H:%M}Z-{end:%Y-%m-%d %H:%M}Z (shift {clash.id}); use that shift, "
                    "or correct its signed report",
                )
            shift = Shift(
                outgoing=outgoing.strip(),
                incoming=incoming.strip(),
                starts_at=start,
                ends_at=end,
                timezone=zone,
                started_at=now,
                # A window already over is recorded as ended, in this same write: never left running.
                ended_at=end if end <= now else None,
                notes="",
                correction_reason="",
                scope=handover_scope.stored(_scope(scope)),
                created_at=now,
                updated_at=now,
            )
            session.add(shift)
            session.flush()
            return self._shift_info(session, shift)

    def find_shift(self, outgoing: str, starts_at: datetime, ends_at: datetime) -> ShiftInfo | None:
        """The agent's shift overlapping this window (there is at most one), whatever its exact bounds."""
        with self.desk.store.read() as session:
            shift = _overlapping(session, outgoing, starts_at, ends_at)
            return self._shift_info(session, shift) if shift is not None else None

    def shift(self, shift_id: uuid.UUID) -> ShiftInfo:
        with self.desk.store.read() as session:
            return self._shift_info(session, self._shift(session, shift_id))

    def current_shift(self, agent: str) -> ShiftInfo | None:
        """The agent's latest shift that has not ended."""
        with self.desk.store.read() as session:
            shift = session.scalar(
                select(Shift)
                .where(Shift.outgoing == agent.strip(), Shift.ended_at.is_(None))
                .order_by(Shift.starts_at.desc())
            )
            return self._shift_info(session, shift) if shift is not None else None

    def unfinished_shift(self, agent: str, within: timedelta = timedelta(hours=24)) -> ShiftInfo | None:
        """The shift the agent's handover dialog opens: the running one, else one ended within ``within``
        whose handover is not signed yet (ended, then the dialog closed before signing: not lost)."""
        running = self.current_shift(agent)
        if running is not None:
            return running
        since = self.desk.clock.now() - within
        with self.desk.store.read() as session:
            shift = session.scalar(
                select(Shift)
                .where(Shift.outgoing == agent.strip(), Shift.ended_at >= since)
                .order_by(Shift.ends_at.desc())
            )
            if shift is None or self._locked(session, shift):
                return None
            return self._shift_info(session, shift)

    def end_shift(self, shift_id: uuid.UUID, at: datetime | None = None) -> HandoverChange:
        """Record the end; a shift ended early has its window shortened to the real end."""
        end = at or self.desk.clock.now()
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            if end <= shift.starts_at:
                raise InvalidInput("end", "a shift cannot end before it starts")
            if end - shift.starts_at < MIN_SHIFT:
                minutes = MIN_SHIFT.total_seconds() / 60
                raise InvalidInput("end", f"a shift lasts at least {minutes:.0f} minutes: this one would be empty")
            shift.ended_at = end
            shift.ends_at = min(shift.ends_at, end)
            shift.updated_at = self.desk.clock.now()
            return HandoverChange(shifts=frozenset({shift.id}))

    def set_scope(self, shift_id: uuid.UUID, agents: Iterable[str] | None) -> HandoverChange:
        """Whose cases the handover covers (None: the whole desk); refused once the handover is signed."""
        scope = _scope(agents)
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            shift.scope = handover_scope.stored(scope)
            shift.updated_at = self.desk.clock.now()
            return HandoverChange(shifts=frozenset({shift.id}))

    def known_agents(self) -> list[str]:
        with self.desk.store.read() as session:
            return handover_scope.known_agents(session)

    def first_action(self, agent: str, since: datetime) -> datetime | None:
        """When the agent first acted on a case since ``since`` (a shift not started: its likely start)."""
        now = self.desk.clock.now()
        with self.desk.store.read() as session:
            # Actions of the agent's previous shift belong to that shift, not to the one not yet started.
            ended = session.scalar(
                select(func.max(Shift.ends_at)).where(Shift.outgoing == agent.strip(), Shift.ends_at <= now)
            )
            return handover_scope.first_action(session, agent, max(since, ended) if ended else since, now)

    def waiting_for(self, agent: str) -> list[ReportSummary]:
        """Signed handovers the agent may acknowledge: addressed to them, or to no one and not their own."""
        return [
            r
            for r in self.list_reports(unacknowledged=True)
            if r.signed
            and not _same_person(agent, r.outgoing)
            and (_same_person(agent, r.incoming) if r.incoming.strip() else True)
        ]

    def set_incoming(self, shift_id: uuid.UUID, incoming: str) -> HandoverChange:
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            shift.incoming = incoming.strip()
            shift.updated_at = self.desk.clock.now()
            return HandoverChange(shifts=frozenset({shift.id}))

    def set_notes(self, shift_id: uuid.UUID, notes: str) -> HandoverChange:
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            shift.notes = notes
            shift.updated_at = self.desk.clock.now()
            return HandoverChange(shifts=frozenset({shift.id}))

    def set_entry(
        self,
        shift_id: uuid.UUID,
        case_id: uuid.UUID,
        *,
        note: str | None = None,
        owner: str | None = None,
        next_action: str | None = None,
        briefed: bool | None = None,
        expected_version: int | None = None,
    ) -> HandoverChange:
        """Set the handover note, owner, next action or briefed flag of one case (None leaves it)."""
        now = self.desk.clock.now()
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            if session.get(Case, case_id) is None:
                raise NotFound(f"no case {case_id}")
            entry = session.scalar(
                select(HandoverEntry).where(HandoverEntry.shift_id == shift.id, HandoverEntry.case_id == case_id)
            )
            if entry is not None and expected_version is not None and entry.version != expected_version:
                raise StaleEdit("the handover entry was changed by someone else; reload and try again")
            self._apply_entry(session, shift, case_id, entry, now, note, owner, next_action, briefed)
            session.flush()
            return HandoverChange(shifts=frozenset({shift.id}), cases=frozenset({case_id}))

    def set_entries(
        self,
        shift_id: uuid.UUID,
        case_ids: Iterable[uuid.UUID],
        *,
        owner: str | None = None,
        next_action: str | None = None,
        briefed: bool | None = None,
    ) -> HandoverChange:
        """The same owner, next action or briefed flag for several cases at once: all of them or none."""
        ids = list(dict.fromkeys(case_ids))
        now = self.desk.clock.now()
        with self.desk.store.write() as session:
            shift = self._unlocked_shift(session, shift_id)
            known = set(session.scalars(select(Case.id).where(Case.id.in_(ids))))
            missing = [str(i) for i in ids if i not in known]
            if missing:
                raise NotFound(f"no case {', '.join(missing)}")
            entries = {
                e.case_id: e
                for e in session.scalars(
                    select(HandoverEntry).where(HandoverEntry.shift_id == shift.id, HandoverEntry.case_id.in_(ids))
                )
            }
            for case_id in ids:
                self._apply_entry(session, shift, case_id, entries.get(case_id), now, None, owner, next_action, briefed)
            session.flush()
            return HandoverChange(shifts=frozenset({shift.id}), cases=frozenset(ids))

    def _apply_entry(
        self,
        session: Session,
        shift: Shift,
        case_id: uuid.UUID,
        entry: HandoverEntry | None,
        now: datetime,
        note: str | None,
        owner: str | None,
        next_action: str | None,
        briefed: bool | None,
    ) -> HandoverEntry:
        """One case's entry in the shift (made if missing) with the fields given set; None leaves a field."""
        if entry is None:
            entry = HandoverEntry(
                shift_id=shift.id, case_id=case_id, note="", owner="", next_action="", briefed=False, created_at=now
            )
            session.add(entry)
        if note is not None:
            entry.note = note
        if owner is not None:
            entry.owner = owner.strip()
        if next_action is not None:
            entry.next_action = next_action
        if briefed is not None:
            entry.briefed = briefed
        entry.updated_by = self.desk.actor
        entry.updated_at = now
        return entry

    def shift_cases(self, shift_id: uuid.UUID, case_ids: Collection[uuid.UUID] | None = None) -> list[HandoverCaseRow]:
        """The cases open at the shift's handover instant, most urgent first, with their entries (only those of
        ``case_ids`` when given: refreshing one row evaluates one case)."""
        with self.desk.store.read() as session:
            shift = self._shift(session, shift_id)
            as_of = as_of_for(shift, self.desk.clock.now())
            cases = collect_cases(self.desk, session, shift, as_of, case_ids=case_ids)
            views = sorted((v for v in cases if v.is_open), key=sort_key)
        return [
            HandoverCaseRow(
                v.case_id,
                v.ref,
                v.title,
                v.customer_name,
                v.tier,
                v.severity,
                v.status,
                v.lead_clock.state,
                v.lead_clock.deadline,
                v.lead_clock.remaining_s,
                v.assignee,
                v.owner,
                v.next_action,
                v.note,
                v.briefed,
            )
            for v in views
        ]

    def readiness(self, shift_id: uuid.UUID, case_ids: Collection[uuid.UUID] | None = None) -> list[ReadinessProblem]:
        """What a lead would catch before signing (only for the cases of ``case_ids`` when given)."""
        with self.desk.store.read() as session:
            shift = self._shift(session, shift_id)
            as_of = as_of_for(shift, self.desk.clock.now())
            cases = collect_cases(self.desk, session, shift, as_of, case_ids=case_ids)
            views = sorted((v for v in cases if v.is_open), key=sort_key)
            return readiness(views)

    # ---------------------------------------------------------------- reports

    def generate(self, shift_id: uuid.UUID) -> ReportSummary:
        """Freeze a new revision of the shift's report (the first one, a redraft, or an open correction)."""
        now = self.desk.clock.now()
        with self.desk.store.write() as session:
            shift = self._shift(session, shift_id)
            latest = self._latest(session, shift.id)
            reason = ""
            if latest is not None and latest.signed_at is not None:
                if shift.correction_of_id != latest.id:
                    raise ReportSigned(
                        f"revision {latest.revision} of this handover is signed: open a correction (with a reason) "
                        "to issue a new revision"
                    )
                reason = shift.correction_reason
            with collector_paused():
                data = build_report(
                    self.desk,
                    session,
                    shift,
                    now=now,
                    generated_by=self.desk.actor,
                    revision=latest.revision + 1 if latest else 1,
                    previous_id=latest.id if latest else None,
                    previous_sha256=latest.sha256 if latest else None,
                    correction_reason=reason,
                    horizon_hours=self.horizon_hours,
                )
            snapshot = canonical_json(data)
            report = HandoverReport(
                shift_id=shift.id,
                revision=data["header"]["revision"],
                previous_id=latest.id if latest else None,
                correction_reason=reason,
                snapshot=snapshot,
                sha256=sha256_of(snapshot),
                generated_at=now,
                generated_by=self.desk.actor,
                created_at=now,
                updated_at=now,
            )
            session.add(report)
            if shift.correction_of_id is not None:
                shift.correction_of_id = None
                shift.correction_reason = ""
                shift.updated_at = now
            session.flush()
            return self._summary(session, report)

    def sign(self, report_id: uuid.UUID, by: str) -> ReportSummary:
        """The outgoing agent signs the latest revision; a damaged report cannot be signed."""
        now = self.desk.clock.now()
        with self.desk.store.write() as session:
            report = self._report(session, report_id)
            shift = report.shift
            if report.signed_at is not None:
                raise ReportSigned(f"revision {report.revision} was signed by {report.signed_by} already")
            if not _same_person(by, shift.outgoing):
                raise NotAllowed(f"only the outgoing agent ({shift.outgoing}) signs this handover, not {by}")
            self._require_latest(session, report)
            problems = _check(session, report)
            if problems:
                raise Refused("the stored report is damaged and cannot be signed: " + "; ".join(problems))
            report.signed_by = by.strip()
            report.signed_at = now
            report.signed_sha256 = report.sha256
            report.updated_at = now
            session.flush()
            return self._summary(session, report)

    def acknowledge(self, report_id: uuid.UUID, by: str) -> ReportSummary:
        """The incoming agent acknowledges a signed report."""
        now = self.desk.clock.now()
        with self.desk.store.write() as session:
            report = self._report(session, report_id)
            shift = report.shift
            if report.signed_at is None:
                raise Refused(f"revision {report.revision} is not signed yet: it cannot be acknowledged")
            if report.acknowledged_at is not None:
                raise ReportSigned(f"revision {report.revision} was acknowledged by {report.acknowledged_by} already")
            if _same_person(by, shift.outgoing):
                raise NotAllowed("the outgoing agent cannot acknowledge their own handover")
            if shift.incoming and not _same_person(by, shift.incoming):
                raise NotAllowed(f"only the incoming agent ({shift.incoming}) acknowledges this handover, not {by}")
            self._require_latest(session, report)
            report.acknowledged_by = by.strip()
            report.acknowledged_at = now
            report.updated_at = now
            session.flush()
            return self._summary(session, report)

    def open_correction(self, report_id: uuid.UUID, reason: str) -> HandoverChange:
        """Unlock a signed handover's entries; the next generated report is the correcting revision."""
        if not reason.strip():
            raise InvalidInput("reason", "a correction needs a reason")
        with self.desk.store.write() as session:
            report = self._report(session, report_id)
            if report.signed_at is None:
                raise Refused(f"revision {report.revision} is not signed: edit the shift and generate again")
            self._require_latest(session, report)
            shift = report.shift
            shift.correction_of_id = report.id
            shift.correction_reason = reason.strip()
            shift.updated_at = self.desk.clock.now()
            return HandoverChange(shifts=frozenset({shift.id}), reports=frozenset({report.id}))

    def latest_report(self, shift_id: uuid.UUID) -> ReportSummary | None:
        with self.desk.store.read() as session:
            report = self._latest(session, self._shift(session, shift_id).id)
            return self._summary(session, report) if report is not None else None

    def get(self, report_id: uuid.UUID) -> StoredReport:
        with self.desk.store.read() as session:
            report = self._report(session, report_id)
            return StoredReport(self._summary(session, report), report.snapshot)

    def resolve_id(self, text: str) -> uuid.UUID:
        """A report id from its full form or a unique prefix of at least 6 hex digits."""
        value = text.strip().lower()
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
        hexdigits = value.replace("-", "")
        if len(hexdigits) < 6 or any(c not in "0123456789abcdef" for c in hexdigits):
            raise InvalidInput("id", f"{text!r} is not a report id")
        with self.desk.store.read() as session:
            matches = [i for i in session.scalars(select(HandoverReport.id)) if i.hex.startswith(hexdigits)]
        if len(matches) != 1:
            raise NotFound(f"no report {text!r}" if not matches else f"{text!r} matches {len(matches)} reports")
        return matches[0]

    def verify(self, report_id: uuid.UUID) -> VerifyResult:
        with self.desk.store.read() as session:
            report = self._report(session, report_id)
            return VerifyResult(report.id, report.sha256, sha256_of(report.snapshot), tuple(_check(session, report)))

    def revisions(self, report_id: uuid.UUID) -> list[ReportSummary]:
        """Every revision of the report's shift, oldest first."""
        with self.desk.store.read() as session:
            report = self._report(session, report_id, snapshot=False)
            rows = session.scalars(
                select(HandoverReport)
                .where(HandoverReport.shift_id == report.shift_id)
                .options(defer(HandoverReport.snapshot))  # a list of revisions shows none
                .order_by(HandoverReport.revision)
            )
            return [self._summary(session, r) for r in rows]

    def list_reports(
        self,
        *,
        agent: str | None = None,
        day: date | None = None,
        unsigned: bool = False,
        unacknowledged: bool = False,
        latest_only: bool = False,
    ) -> list[ReportSummary]:
        """Reports, newest shift first. ``unsigned``/``unacknowledged`` look at latest revisions only."""
        with self.desk.store.read() as session:
            query = (
                select(HandoverReport, Shift)
                .join(Shift, HandoverReport.shift_id == Shift.id)
                .options(defer(HandoverReport.snapshot))  # a list shows none (megabytes each on a busy desk)
            )
            if agent:
                query = query.where((Shift.outgoing == agent.strip()) | (Shift.incoming == agent.strip()))
            if day is not None:
                # Narrow in SQL with a day of margin each side; the shift's own time zone decides below.
                low = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo("UTC")) - timedelta(days=2)
                query = query.where(Shift.ends_at >= low, Shift.starts_at <= low + timedelta(days=5))
            if unsigned:
                query = query.where(HandoverReport.signed_at.is_(None))
            if unacknowledged:
                query = query.where(HandoverReport.acknowledged_at.is_(None))
            query = query.order_by(Shift.starts_at.desc(), Shift.id, HandoverReport.revision.desc())
            superseded = set(
                session.scalars(select(HandoverReport.previous_id).where(HandoverReport.previous_id.is_not(None)))
            )
            result = []
            for report, shift in session.execute(query).all():
                is_superseded = report.id in superseded
                if (latest_only or unsigned or unacknowledged) and is_superseded:
                    continue
                if day is not None and not _on_day(shift, day):
                    continue
                result.append(self._summary(session, report, is_superseded))
            return result

    def diff_with_previous(self, report_id: uuid.UUID) -> ShiftDiff:
        """What changed since the previous shift's report: cases new, gone, and breached since."""
        with self.desk.store.read() as session:
            report = self._report(session, report_id)
            shift = report.shift
            candidates = session.scalars(
                select(Shift)
                .where(Shift.starts_at < shift.starts_at, Shift.id != shift.id)
                .order_by(Shift.starts_at.desc())
            ).all()
            handed_to_us = [s for s in candidates if s.incoming and _same_person(s.incoming, shift.outgoing)]
            previous_report = None
            for candidate in handed_to_us + [s for s in candidates if s not in handed_to_us]:
                previous_report = self._latest(session, candidate.id, prefer_signed=True)
                if previous_report is not None:
                    break
            current = self._summary(session, report)
            if previous_report is None:
                return ShiftDiff(current, None)
            before = {r["ref"]: r for r in json.loads(previous_report.snapshot)["open_cases"]}
            now = {r["ref"]: r for r in json.loads(report.snapshot)["open_cases"]}
            breached_refs = {r["ref"] for r in json.loads(report.snapshot)["breached_during_shift"]}
            return ShiftDiff(
                current,
                self._summary(session, previous_report),
                [r for ref, r in now.items() if ref not in before],
                [r for ref, r in before.items() if ref not in now],
                [
                    r
                    for ref, r in now.items()
                    if ref in before
                    and before[ref]["state"] != ClockState.BREACHED
                    and (r["state"] == ClockState.BREACHED or ref in breached_refs)
                ],
            )

    # ---------------------------------------------------------------- helpers

    def _shift(self, session: Session, shift_id: uuid.UUID) -> Shift:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise NotFound(f"no shift {shift_id}")
        return shift

    def _unlocked_shift(self, session: Session, shift_id: uuid.UUID) -> Shift:
        shift = self._shift(session, shift_id)
        if self._locked(session, shift):
            raise ReportSigned(
                "this shift's handover is signed and cannot be edited: open a correction (with a reason) first"
            )
        return shift

    def _locked(self, session: Session, shift: Shift) -> bool:
        latest = self._latest(session, shift.id)
        return latest is not None and latest.signed_at is not None and shift.correction_of_id != latest.id

    def _latest(self, session: Session, shift_id: uuid.UUID, prefer_signed: bool = False) -> HandoverReport | None:
        # One row, its snapshot read only if asked for: the ORM fetches every row a query returns, and each
        # revision holds a whole snapshot (megabytes on a busy shift).
        query = (
            select(HandoverReport)
            .where(HandoverReport.shift_id == shift_id)
            .options(defer(HandoverReport.snapshot))
            .limit(1)
        )
        if prefer_signed:
            signed = session.scalar(
                query.where(HandoverReport.signed_at.is_not(None)).order_by(HandoverReport.revision.desc())
            )
            if signed is not None:
                return signed
        return session.scalar(query.order_by(HandoverReport.revision.desc()))

    def _has_later(self, session: Session, report: HandoverReport) -> bool:
        latest = self._latest(session, report.shift_id)
        return latest is not None and latest.id != report.id

    def _require_latest(self, session: Session, report: HandoverReport) -> None:
        if self._has_later(session, report):
            raise StaleEdit(f"revision {report.revision} has been superseded by a later revision", code="superseded")

    def _report(self, session: Session, report_id: uuid.UUID, snapshot: bool = True) -> HandoverReport:
        """The report by id; ``snapshot=False`` leaves its snapshot unread until asked for."""
        report = session.get(HandoverReport, report_id, options=() if snapshot else (defer(HandoverReport.snapshot),))
        if report is None:
            raise NotFound(f"no handover report {report_id}")
        return report

    def _shift_info(self, session: Session, shift: Shift) -> ShiftInfo:
        return ShiftInfo(
            shift.id,
            shift.outgoing,
            shift.incoming,
            shift.starts_at,
            shift.ends_at,
            shift.timezone,
            shift.started_at,
            shift.ended_at,
            shift.notes,
            shift.correction_of_id,
            shift.correction_reason,
            self._locked(session, shift),
            handover_scope.parse(shift.scope),
        )

    def _summary(self, session: Session, report: HandoverReport, superseded: bool | None = None) -> ReportSummary:
        shift = report.shift
        if superseded is None:
            superseded = self._has_later(session, report)
        return ReportSummary(
            report.id,
            report.shift_id,
            report.revision,
            report.previous_id,
            shift.outgoing,
            shift.incoming,
            shift.starts_at,
            shift.ends_at,
            shift.timezone,
            report.generated_at,
            report.generated_by,
            report.sha256,
            report.signed_by,
            report.signed_at,
            report.acknowledged_by,
            report.acknowledged_at,
            report.correction_reason,
            superseded,
        )


def _scope(agents: Iterable[str] | None) -> tuple[str, ...] | None:
    scope = handover_scope.normalise(agents)
    if scope is not None and not scope:
        raise InvalidInput("agents", "name at least one agent whose cases the handover covers")
    return scope


def _overlapping(session: Session, outgoing: str, start: datetime, end: datetime) -> Shift | None:
    return session.scalar(
        select(Shift)
        .where(Shift.outgoing == outgoing.strip(), Shift.starts_at < end, Shift.ends_at > start)
        .order_by(Shift.created_at)
        .limit(1)
    )


def _window(shift: Shift) -> str:
    return f"{shift.starts_at:%Y-%m-%d %H:%M}Z-{shift.ends_at:%Y-%m-%d %H:%M}Z"


def _on_day(shift: Shift, day: date) -> bool:
    zone = ZoneInfo(shift.timezone)
    first = shift.starts_at.astimezone(zone).date()
    last = (shift.ends_at - timedelta(microseconds=1)).astimezone(zone).date()
    return first <= day <= last


def _check(session: Session, report: HandoverReport) -> list[str]:
    """Everything verify compares: the hash of the stored bytes, the signed hash, the revision chain."""
    problems: list[str] = []
    computed = sha256_of(report.snapshot)
    if computed != report.sha256:
        problems.append(f"snapshot hash {computed} differs from the stored hash {report.sha256}")
    if report.signed_sha256 is not None and report.signed_sha256 != report.sha256:
        problems.append(f"the stored hash {report.sha256} differs from the hash signed ({report.signed_sha256})")
    try:
        data = json.loads(report.snapshot)
        header = data["header"]
    except (ValueError, KeyError, TypeError):
        problems.append("the snapshot is not a handover report")
        return problems
    if canonical_json(data) != report.snapshot:
        problems.append("the snapshot is not in canonical form")
    if header.get("revision") != report.revision or header.get("shift_id") != str(report.shift_id):
        problems.append("the snapshot's revision or shift differs from the stored record")
    if header.get("previous_id") != (str(report.previous_id) if report.previous_id else None):
        problems.append("the snapshot's previous revision differs from the stored link")
    if report.previous_id is not None:
        previous = session.get(HandoverReport, report.previous_id)
        if previous is None or header.get("previous_sha256") != previous.sha256:
            problems.append("the previous revision's hash differs from the one this revision was built on")
    return problems


__all__ = [
    "Handover",
    "HandoverCaseRow",
    "HandoverChange",
    "NotAllowed",
    "ReadinessProblem",
    "ReportSigned",
    "ReportSummary",
    "ShiftDiff",
    "ShiftInfo",
    "StoredReport",
    "VerifyResult",
    "canonical_json",
    "sha256_of",
]
