"""A team conflict as a pull copies it into a replica: for tests of the listing, the marks and the resolution."""

from __future__ import annotations

import uuid
from datetime import datetime

from desk.replica.local import set_pulling
from desk.replica.push import insert_ignoring_known, table
from desk.store.engine import Store


def add_team_conflict(
    store: Store,
    case_id: uuid.UUID,
    found: tuple[str, str],
    server: tuple[str, str],
    at: datetime,
    *,
    field: str = "status",
    number: int = 1,
) -> uuid.UUID:
    """Conflict ``number`` on ``field``: ``found`` (value, agent) by the desk that synced, ``server`` (value,
    agent) on the server; copied as a pull would (not queued for a push)."""
    row = {
        "id": uuid.uuid4(),
        "number": number,
        "case_id": case_id,
        "field": field,
        "found_value": found[0],
        "found_by": found[1],
        "found_at": at,
        "server_value": server[0],
        "server_by": server[1],
        "server_at": at,
        "merged": server[0],
        "detected_at": at,
        "detected_by": found[1],
        "created_at": at,
        "updated_at": at,
        "version": 1,
    }
    with store.write() as session:
        set_pulling(session, True)
        insert_ignoring_known(session, table("case_conflicts"), [row])
        set_pulling(session, False)
    return row["id"]  # type: ignore[no-any-return]
