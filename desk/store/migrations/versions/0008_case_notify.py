"""A PostgreSQL server tells every listening desk which case changed: NOTIFY with the case's id and version.

Each insert or update of a case sends ``pg_notify('desk_cases', '<id> <version>')``, delivered when the
transaction commits (and never if it rolls back). Desks listening reload just that case when their copy's
version differs; the row version stays the source of truth, and a desk that missed notifications (its
connection was down) asks for everything changed since its last successful look. SQLite has no NOTIFY:
this revision does nothing there.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

CHANNEL = "desk_cases"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE OR REPLACE FUNCTION desk_case_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        f"PERFORM pg_notify('{CHANNEL}', NEW.id::text || ' ' || NEW.version::text); RETURN NULL; END $$"
    )
    op.execute(
        "CREATE TRIGGER desk_case_notify AFTER INSERT OR UPDATE ON cases "
        "FOR EACH ROW EXECUTE FUNCTION desk_case_notify()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS desk_case_notify ON cases")
    op.execute("DROP FUNCTION IF EXISTS desk_case_notify()")
