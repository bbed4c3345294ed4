"""Keep each clock's outcome after a case's latest event on the case row, and index the opening time (the review).

Rows written before this revision keep sla_rev NULL: the review evaluates their events until ``desk init``
fills them in (``desk.store.outcomes.backfill``).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sla_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("sla_outcomes", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sla_rev", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_cases_opened_at"), ["opened_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_opened_at"))
        batch_op.drop_column("sla_rev")
        batch_op.drop_column("sla_outcomes")
        batch_op.drop_column("sla_since")
