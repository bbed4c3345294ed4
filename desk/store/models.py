"""The schema: SQLAlchemy 2 typed ORM. UUID keys, UTC instants, created/updated/version on every row.

``ref`` columns hold the customer's own identifiers from the interchange format: kept, shown, and used to
match rows on re-import. Case and quota events are append-only (SQLite triggers refuse UPDATE/DELETE).
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    Uuid,
    text,
)
from sqlalchemy.engine.interfaces import ExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from desk.vocabulary import OPEN_STATUSES

# The window's whole queue is read from this index (``desk.queue_scan``; migration 0012 says why). SQLite uses
# a partial index only for a statement whose condition holds the index's own, term for term: both use this.
QUEUE_INDEX = "ix_cases_queue"
OPEN_CONDITION = f"status IN ({', '.join(repr(str(status)) for status in OPEN_STATUSES)})"
QUEUE_INDEX_COLUMNS = (
    "due_at", "ref", "id", "title", "customer_id", "contract_id", "severity", "status", "assignee", "channel",
    "opened_at", "version", "due_clock", "due_target_s", "due_left_s", "due_rev",
)  # fmt: skip


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out; naive values are refused (they name no instant)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps instants, give a time zone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


# The execution option through which a Store hands its clock to the column defaults below.
CLOCK_OPTION = "desk_clock"


def _utcnow(context: ExecutionContext) -> datetime:
    """Now by the store's injected clock, so created/updated instants follow a fake or replayed clock.

    The clock arrives through the store's sessions' execution options (``CLOCK_OPTION``); a statement
    run outside a Store (a migration's own SQL) falls back to the system clock.
    """
    clock = context.execution_options.get(CLOCK_OPTION)
    if clock is None:
        return datetime.now(UTC)
    now = clock.now()
    assert isinstance(now, datetime)
    return now


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Stamped:
    """UUID key, created/updated instants and an optimistic-concurrency version."""

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_utcnow, onupdate=_utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Appended:
    """Rows of an append-only log: created once, never updated (updated_at = created_at, version 1).

    The columns exist so every row of the database carries the same bookkeeping for a later merge.
    """

    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class Customer(Stamped, Base):
    __tablename__ = "customers"

    ref: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    technical_contact: Mapped[str] = mapped_column(Text, default="")
    ops_contact: Mapped[str] = mapped_column(Text, default="")
    business_goals: Mapped[str] = mapped_column(Text, default="")

    contracts: Mapped[list[Contract]] = relationship(back_populates="customer", order_by="Contract.start")


class Contract(Stamped, Base):
    __tablename__ = "contracts"

    ref: Mapped[str] = mapped_column(String(200), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    tier: Mapped[str] = mapped_column(String(20))
    catalog_version: Mapped[str] = mapped_column(String(50))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)  # inclusive

    customer: Mapped[Customer] = relationship(back_populates="contracts")


class Case(Stamped, Base):
    __tablename__ = "cases"

    ref: Mapped[str] = mapped_column(String(200), unique=True)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    contract_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("contracts.id"), index=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    product: Mapped[str] = mapped_column(String(200), default="")
    third_party: Mapped[bool] = mapped_column(Boolean, default=False)
    opening_severity: Mapped[str] = mapped_column(String(10))
    severity: Mapped[str] = mapped_column(String(10))
    channel: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(40), index=True)
    assignee: Mapped[str] = mapped_column(String(200), default="", index=True)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A cache of the SLA engine's answer, refreshed by every write to the case, so the queue can sort
    # and page in SQL. The engine recomputes from the events; `desk check` compares the two.
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    due_clock: Mapped[str] = mapped_column(String(60), default="")
    due_target_s: Mapped[int | None] = mapped_column(Integer)
    due_left_s: Mapped[int | None] = mapped_column(Integer)
    # Which DueCache format the four due_* columns follow (NULL: written before the cache existed, so
    # readers must evaluate the case's events instead of trusting them).
    due_rev: Mapped[int | None] = mapped_column(Integer)
    # Each clock's outcome after the case's latest event (desk.sla_outcomes), for the review: valid at any
    # instant from sla_since on; sla_rev as due_rev (NULL: evaluate the events instead).
    sla_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sla_outcomes: Mapped[str | None] = mapped_column(Text)
    sla_rev: Mapped[int | None] = mapped_column(Integer)

    customer: Mapped[Customer] = relationship()
    contract: Mapped[Contract | None] = relationship()
    events: Mapped[list[CaseEvent]] = relationship(
        back_populates="case", order_by="(CaseEvent.at, CaseEvent.seq, CaseEvent.id)", viewonly=True
    )

    __table_args__ = (
        Index("ix_cases_open_due", "status", "due_at"),
        Index("ix_cases_updated_at", "updated_at"),  # other desks' changes, polled by the window
        # A review's period, with what its counting reads (migration 0011 says why).
        Index(
            "ix_cases_review", "opened_at", "sla_rev", "sla_since", "contract_id", "customer_id", "severity",
            "channel", "assignee", "sla_outcomes",
        ),
        # The window's whole queue: the open cases with every column it reads, in deadline order (0012 says why).
        Index(QUEUE_INDEX, *QUEUE_INDEX_COLUMNS, sqlite_where=text(OPEN_CONDITION)).ddl_if(dialect="sqlite"),
    )  # fmt: skip


class CaseEvent(Appended, Base):
    """Append-only: who changed what on a case, when, from what to what."""

    __tablename__ = "case_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer, default=0)  # order of events recorded at the same instant
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # opened, severity, status, response, assignee, note, field
    field: Mapped[str] = mapped_column(String(60), default="")
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, default="")

    case: Mapped[Case] = relationship(back_populates="events")


class QuotaUse(Stamped, Base):
    __tablename__ = "quota_uses"

    ref: Mapped[str] = mapped_column(String(200), unique=True)
    contract_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("contracts.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    course: Mapped[str] = mapped_column(String(200), default="")
    persons: Mapped[int] = mapped_column(Integer, default=1)
    goals: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    booked_at: Mapped[datetime] = mapped_column(UtcDateTime, default=_utcnow)
    booked_by: Mapped[str] = mapped_column(String(200), default="")

    contract: Mapped[Contract] = relationship()


class QuotaEvent(Appended, Base):
    """Append-only: bookings, overrides (with their reason) and cancellations."""

    __tablename__ = "quota_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    quota_use_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("quota_uses.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # booked, override, cancelled, changed
    detail: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(Text, default="")


class CustomerEvent(Appended, Base):
    """Append-only: who added or changed a customer or one of its contracts, when, and what changed."""

    __tablename__ = "customer_events"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    customer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("customers.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))  # customer_added, customer_changed, contract_added, contract_changed
    contract_ref: Mapped[str] = mapped_column(String(200), default="")
    detail: Mapped[str] = mapped_column(Text, default="")  # field=old->new pairs, codes and dates only
