"""Index a case's opening with every column the SLA review counts by, so a period is counted from the index.

The review of a month reads a quarter of a large desk's cases; through an index on the opening time alone
each one is a look-up into the table (a page read per case, most of the time), while this index holds what
the counting needs (what the row keeps of its clocks' outcomes and the breakdowns) in opening order. It
replaces the index on the opening time alone, which it begins with.

Revision ID: 0011
Revises: 0010
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = [
    "opened_at", "sla_rev", "sla_since", "contract_id", "customer_id", "severity", "channel", "assignee",
    "sla_outcomes",
]  # fmt: skip


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_review", COLUMNS, unique=False)
        batch_op.drop_index("ix_cases_opened_at")


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index("ix_cases_opened_at", ["opened_at"], unique=False)
        batch_op.drop_index("ix_cases_review")
