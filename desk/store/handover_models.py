"""The handover schema: shifts, per-case handover entries, and frozen (then signed) handover reports.

A report row holds the canonical JSON snapshot of the report and its SHA-256. Once generated, the
snapshot never changes; once signed, only the acknowledgement may still be added. Migration 0002 adds
SQLite triggers that refuse any other change and any delete, so the rule holds below the services too.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desk.store.models import Base, Case, Stamped, UtcDateTime


class Shift(Stamped, Base):
    """An agent's shift: who hands over to whom, over which window, shown in which time zone."""

    __tablename__ = "shifts"

    outgoing: Mapped[str] = mapped_column(String(200), index=True)
    incoming: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    timezone: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)  # when the agent pressed "start"
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    notes: Mapped[str] = mapped_column(Text, default="")
    # A signed report is corrected by a new revision: while a correction is open, the entries of the
    # shift may change again, and the next generated report links to the corrected one.
    # (A plain column, not a foreign key: shifts and reports would otherwise reference each other.)
    correction_of_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    # Whose cases the handover covers: a JSON list of agent names; NULL is the whole desk (every shift
    # recorded before scopes existed).
    scope: Mapped[str | None] = mapped_column(Text)

    entries: Mapped[list[HandoverEntry]] = relationship(back_populates="shift", viewonly=True)


class HandoverEntry(Stamped, Base):
    """What the outgoing agent says about one case: note, owner, next action, verbally briefed or not."""

    __tablename__ = "handover_entries"

    shift_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shifts.id"), index=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(200), default="")
    next_action: Mapped[str] = mapped_column(Text, default="")
    briefed: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[str] = mapped_column(String(200), default="")

    shift: Mapped[Shift] = relationship(back_populates="entries")
    case: Mapped[Case] = relationship()

    __table_args__ = (UniqueConstraint("shift_id", "case_id"),)


class HandoverReport(Stamped, Base):
    """One frozen revision of a shift's handover report."""

    __tablename__ = "handover_reports"

    shift_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("shifts.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    previous_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("handover_reports.id"))
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    snapshot: Mapped[str] = mapped_column(Text)  # canonical JSON (sorted keys, no spaces, UTF-8)
    sha256: Mapped[str] = mapped_column(String(64))
    generated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    generated_by: Mapped[str] = mapped_column(String(200))
    signed_by: Mapped[str | None] = mapped_column(String(200))
    signed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    signed_sha256: Mapped[str | None] = mapped_column(String(64))  # the hash the signer saw
    acknowledged_by: Mapped[str | None] = mapped_column(String(200))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    shift: Mapped[Shift] = relationship(foreign_keys=[shift_id])

    __table_args__ = (
        UniqueConstraint("shift_id", "revision"),
        Index("ix_handover_reports_generated_at", "generated_at"),
    )
