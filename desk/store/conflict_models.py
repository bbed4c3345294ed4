"""Field conflicts shared by a team: two values given to one case's field while desks were apart, until resolved.

A desk whose sync finds one records it on the server, in the same transaction as the merged case, so every
desk of the team sees it (it replicates like the cases) and any agent may resolve it. The row's id is made
from the two events in conflict, so a sync retried after a cut records it once. Its number (assigned by
the server) is what agents call it by. A resolution is given once: revision 0010's guard on the server
refuses to change a resolved conflict, and no database lets one be deleted.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desk.store.models import Base, Stamped, UtcDateTime

# Conflicts between the same two events have the same id, whichever desk finds them and however often.
_NAMESPACE = uuid.UUID("0b8e4f56-3a51-4c2e-9a3e-5f1d0c6c2f11")


def conflict_id(found_event: uuid.UUID, server_event: uuid.UUID) -> uuid.UUID:
    return uuid.uuid5(_NAMESPACE, f"{found_event}:{server_event}")


class CaseConflict(Stamped, Base):
    """A case's status or assignee set to one value by the syncing desk and to another on the server."""

    __tablename__ = "case_conflicts"

    # Unique and assigned by the server (an identity on PostgreSQL): a replica copies it with the row.
    number: Mapped[int] = mapped_column(Integer, unique=True)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    field: Mapped[str] = mapped_column(String(60))
    # The value the syncing desk's agent set (its last change made while apart), by whom, when.
    found_value: Mapped[str | None] = mapped_column(Text)
    found_by: Mapped[str] = mapped_column(String(200))
    found_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The value the server had meanwhile, set by another agent.
    server_value: Mapped[str | None] = mapped_column(Text)
    server_by: Mapped[str] = mapped_column(String(200))
    server_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    merged: Mapped[str | None] = mapped_column(Text)  # what the case showed (the later fact) when found
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime)
    detected_by: Mapped[str] = mapped_column(String(200))
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(200))
    resolved_value: Mapped[str | None] = mapped_column(Text)
