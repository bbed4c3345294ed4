"""Cache the most urgent clock's governing target and paused budget on the case row (the queue loads from SQL).

Rows written before this revision keep due_rev NULL and are evaluated from their events when read.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("due_target_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("due_left_s", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("due_rev", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("due_rev")
        batch_op.drop_column("due_left_s")
        batch_op.drop_column("due_target_s")
