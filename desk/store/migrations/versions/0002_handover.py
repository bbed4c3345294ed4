"""Shift handover: shifts, per-case handover entries, frozen and signed handover reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 07:00:00

Written by hand. On SQLite, triggers make reports tamper-resistant below the services: the frozen
snapshot, its hash and its place in the revision chain never change; a signature is written once; an
acknowledgement is written once and only on a signed report; no report is ever deleted.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_STAMPS = (
    ("id", sa.Uuid(), False),
    ("created_at", sa.DateTime(timezone=True), False),
    ("updated_at", sa.DateTime(timezone=True), False),
    ("version", sa.Integer(), False),
)

_FROZEN = (
    "shift_id",
    "revision",
    "previous_id",
    "correction_reason",
    "snapshot",
    "sha256",
    "generated_at",
    "generated_by",
)

TRIGGERS = {
    "handover_reports_frozen": (
        "BEFORE UPDATE ON handover_reports WHEN "
        + " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in _FROZEN)
        + " BEGIN SELECT RAISE(ABORT, 'handover report snapshots are frozen'); END"
    ),
    "handover_reports_sign_once": (
        "BEFORE UPDATE ON handover_reports WHEN OLD.signed_at IS NOT NULL AND ("
        "NEW.signed_by IS NOT OLD.signed_by OR NEW.signed_at IS NOT OLD.signed_at "
        "OR NEW.signed_sha256 IS NOT OLD.signed_sha256)"
        " BEGIN SELECT RAISE(ABORT, 'a signed handover report cannot be changed'); END"
    ),
    "handover_reports_ack_once": (
        "BEFORE UPDATE ON handover_reports WHEN (OLD.acknowledged_at IS NOT NULL AND ("
        "NEW.acknowledged_by IS NOT OLD.acknowledged_by OR NEW.acknowledged_at IS NOT OLD.acknowledged_at))"
        " OR (NEW.acknowledged_at IS NOT NULL AND NEW.signed_at IS NULL)"
        " BEGIN SELECT RAISE(ABORT, 'an acknowledgement is given once, to a signed report'); END"
    ),
    "handover_reports_no_delete": (
        "BEFORE DELETE ON handover_reports BEGIN SELECT RAISE(ABORT, 'handover reports are never deleted'); END"
    ),
}


def _stamped(*columns: sa.Column) -> list:  # type: ignore[type-arg]
    return [*columns, *(sa.Column(name, kind, nullable=nullable) for name, kind, nullable in _STAMPS)]


def upgrade() -> None:
    op.create_table(
        "shifts",
        *_stamped(
            sa.Column("outgoing", sa.String(length=200), nullable=False),
            sa.Column("incoming", sa.String(length=200), nullable=False),
            sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("timezone", sa.String(length=64), nullable=False),
            sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("notes", sa.Text(), nullable=False),
            sa.Column("correction_of_id", sa.Uuid(), nullable=True),
            sa.Column("correction_reason", sa.Text(), nullable=False),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shifts_outgoing"), ["outgoing"], unique=False)
        batch_op.create_index(batch_op.f("ix_shifts_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_shifts_ends_at"), ["ends_at"], unique=False)

    op.create_table(
        "handover_entries",
        *_stamped(
            sa.Column("shift_id", sa.Uuid(), nullable=False),
            sa.Column("case_id", sa.Uuid(), nullable=False),
            sa.Column("note", sa.Text(), nullable=False),
            sa.Column("owner", sa.String(length=200), nullable=False),
            sa.Column("next_action", sa.Text(), nullable=False),
            sa.Column("briefed", sa.Boolean(), nullable=False),
            sa.Column("updated_by", sa.String(length=200), nullable=False),
        ),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_handover_entries_shift_id_shifts")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_handover_entries_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_entries")),
        sa.UniqueConstraint("shift_id", "case_id", name=op.f("uq_handover_entries_shift_id_case_id")),
    )
    with op.batch_alter_table("handover_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_entries_shift_id"), ["shift_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_handover_entries_case_id"), ["case_id"], unique=False)

    op.create_table(
        "handover_reports",
        *_stamped(
            sa.Column("shift_id", sa.Uuid(), nullable=False),
            sa.Column("revision", sa.Integer(), nullable=False),
            sa.Column("previous_id", sa.Uuid(), nullable=True),
            sa.Column("correction_reason", sa.Text(), nullable=False),
            sa.Column("snapshot", sa.Text(), nullable=False),
            sa.Column("sha256", sa.String(length=64), nullable=False),
            sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("generated_by", sa.String(length=200), nullable=False),
            sa.Column("signed_by", sa.String(length=200), nullable=True),
            sa.Column("signed_at", sa.DateTime(timezone=True), nullable=True),
            sa.Column("signed_sha256", sa.String(length=64), nullable=True),
            sa.Column("acknowledged_by", sa.String(length=200), nullable=True),
            sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        ),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_handover_reports_shift_id_shifts")),
        sa.ForeignKeyConstraint(
            ["previous_id"], ["handover_reports.id"], name=op.f("fk_handover_reports_previous_id_handover_reports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_handover_reports")),
        sa.UniqueConstraint("shift_id", "revision", name=op.f("uq_handover_reports_shift_id_revision")),
    )
    with op.batch_alter_table("handover_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_handover_reports_shift_id"), ["shift_id"], unique=False)
        batch_op.create_index("ix_handover_reports_generated_at", ["generated_at"], unique=False)

    if op.get_bind().dialect.name == "sqlite":
        for name, body in TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("handover_reports", schema=None) as batch_op:
        batch_op.drop_index("ix_handover_reports_generated_at")
        batch_op.drop_index(batch_op.f("ix_handover_reports_shift_id"))
    op.drop_table("handover_reports")
    with op.batch_alter_table("handover_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_handover_entries_case_id"))
        batch_op.drop_index(batch_op.f("ix_handover_entries_shift_id"))
    op.drop_table("handover_entries")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_shifts_ends_at"))
        batch_op.drop_index(batch_op.f("ix_shifts_starts_at"))
        batch_op.drop_index(batch_op.f("ix_shifts_outgoing"))
    op.drop_table("shifts")
