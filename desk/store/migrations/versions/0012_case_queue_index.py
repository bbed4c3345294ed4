"""Index the open cases with every column the window's queue shows, in deadline order (SQLite only).

The window reads its whole queue at start: through the (status, due_at) index each open case is a look-up
into the table, most of them on a page of their own among a million cases' rows. This index holds only the
open cases (a partial index: a closed case leaves it) and every column the queue reads, in the order the
queue shows them, so the whole queue is one walk of a few megabytes. A server reads its queue by other
means and a long title could exceed its limit on an index entry's size, so it is made on SQLite alone.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

COLUMNS = [
    "due_at", "ref", "id", "title", "customer_id", "contract_id", "severity", "status", "assignee", "channel",
    "opened_at", "version", "due_clock", "due_target_s", "due_left_s", "due_rev",
]  # fmt: skip
OPEN = "status IN ('new', 'in_progress', 'waiting_customer')"


def upgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.create_index("ix_cases_queue", "cases", COLUMNS, unique=False, sqlite_where=sa.text(OPEN))


def downgrade() -> None:
    if op.get_context().dialect.name != "sqlite":
        return
    op.drop_index("ix_cases_queue", table_name="cases")
