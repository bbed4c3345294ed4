"""Alembic environment: always run by desk.store.engine with a live connection (never standalone)."""

from alembic import context

from desk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through desk (desk init / opening the store), not the alembic CLI")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite ALTERs; the same scripts run on PostgreSQL
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
