"""`desk migrate`: the one deliberate way a database's schema is upgraded (a team server's above all)."""

from __future__ import annotations

import argparse
import sys

from desk.clock import Clock
from desk.store.engine import head_revision, open_store


def add_migrate_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sub.add_parser(
        "migrate",
        help="upgrade the database's schema to this desk's (a server: with its owner login; "
        "also creates the agent and team-lead roles and their grants)",
    )


def cmd_migrate(url: str, clock: Clock) -> int:
    """Upgrade ``url``: an SQLite file after a backup; a server after saying its own backups apply."""
    head = head_revision()
    probe = open_store(url, clock=clock, daily_backup=False)  # a server: never upgraded by this open
    try:
        where, gap, server = probe.describe(), probe.schema_gap, not probe.is_sqlite
        upgraded, backup_path = probe.upgraded_from, probe.migration_backup
    finally:
        probe.close()
    if server and gap is not None and not gap.ahead:
        print(
            f"{where} is at schema {gap.server}; upgrading it to {head}. The desk takes no copy of a server "
            "database: the server's own backups are what restore it (take one first, e.g. with pg_dump, "
            "if you are not sure there is a recent one).",
            flush=True,
        )
        store = open_store(url, clock=clock, daily_backup=False, migrate=True)
        upgraded = store.upgraded_from
    else:
        store = open_store(url, clock=clock, daily_backup=False, migrate=True)
    try:
        if not store.is_sqlite:
            from desk.store.roles import ensure_roles

            for line in ensure_roles(store):
                print(line)
    finally:
        store.close()
    if upgraded is None:
        print(f"{where} is at schema {head}: no upgrade needed")
    elif upgraded == "":
        print(f"{where}: the desk's tables were created (schema {head})")
    else:
        print(f"{where}: upgraded from schema {upgraded} to {head}")
    if backup_path is not None:
        print(f"the file as it was before the upgrade is backed up in {backup_path}")
    sys.stdout.flush()
    return 0
