"""The same guards on PostgreSQL that SQLite got in 0001 and 0002: append-only event logs, frozen reports.

On a shared server the database itself refuses to change or delete a case or quota event, to change a
handover report's snapshot, to change a signature or acknowledgement once given, or to delete a report.
SQLite already has these as triggers; this revision does nothing there.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_FROZEN = (
    "shift_id", "revision", "previous_id", "correction_reason", "snapshot", "sha256", "generated_at", "generated_by",
)  # fmt: skip


def _changed(*columns: str) -> str:
    return " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in columns)


# function name -> (table, timing, plpgsql body)
GUARDS = {
    "desk_case_events_append_only": (
        "case_events",
        "BEFORE UPDATE OR DELETE",
        "RAISE EXCEPTION 'case_events is append-only';",
    ),
    "desk_quota_events_append_only": (
        "quota_events",
        "BEFORE UPDATE OR DELETE",
        "RAISE EXCEPTION 'quota_events is append-only';",
    ),
    "desk_handover_reports_guard": (
        "handover_reports",
        "BEFORE UPDATE OR DELETE",
        "IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'handover reports are never deleted'; END IF; "
        f"IF {_changed(*_FROZEN)} THEN RAISE EXCEPTION 'handover report snapshots are frozen'; END IF; "
        "IF OLD.signed_at IS NOT NULL AND ("
        f"{_changed('signed_by', 'signed_at', 'signed_sha256')}) THEN "
        "RAISE EXCEPTION 'a signed handover report cannot be changed'; END IF; "
        "IF (OLD.acknowledged_at IS NOT NULL AND ("
        f"{_changed('acknowledged_by', 'acknowledged_at')})) "
        "OR (NEW.acknowledged_at IS NOT NULL AND NEW.signed_at IS NULL) THEN "
        "RAISE EXCEPTION 'an acknowledgement is given once, to a signed report'; END IF; "
        "RETURN NEW;",
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, timing, body) in GUARDS.items():
        op.execute(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {body} END $$")
        op.execute(f"CREATE TRIGGER {name} {timing} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, _timing, _body) in GUARDS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {name}()")
