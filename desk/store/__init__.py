"""Persistence: schema, engine set-up, migrations, backups."""
