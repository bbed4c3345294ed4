"""What a database failure means to the agent: the store's errors, and the driver's errors explained.

An error of the environment (disk full, read-only, locked, damaged, a server out of reach, a login without
the rights) becomes a ``StoreError`` whose message names the database and the way out; anything else is a
bug and ``explain`` returns None, so it stays loud. ``desk.store.engine`` re-exports these names.
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desk.errors import EnvironmentProblem, Kind
from desk.store import server
from desk.store.revisions import known_revisions

LOW_DISK_BYTES = 1024 * 1024


class StoreError(EnvironmentProblem):
    """The database cannot be used as asked; the message names the file and the way out."""

    default_code = "storage"


class ConflictError(StoreError):
    """A concurrent write by another desk won; nothing of this transaction was applied."""

    kind = Kind.CONFLICT
    default_code = "concurrent_write"


class ServerUnreachable(StoreError):
    """The team's server refused the connection or did not answer in time; nothing was changed."""

    default_code = "server_unreachable"


class NewerSchemaError(StoreError):
    default_code = "newer_schema"


@dataclass(frozen=True)
class SchemaGap:
    """A server whose schema is not this desk's: ``server`` is its revision, ``desk`` the one this code needs."""

    server: str
    desk: str

    @property
    def ahead(self) -> bool:
        return self.server not in known_revisions()


class SchemaMismatch(StoreError):
    """This desk's code and the server's schema differ: nothing is written until they agree."""

    default_code = "schema_behind"


def schema_mismatch(gap: SchemaGap, where: str) -> SchemaMismatch:
    if gap.ahead:
        return SchemaMismatch(
            f"{where} has the desk's schema {gap.server}, newer than this desk knows (its newest is {gap.desk}): "
            "nothing was written, reading still works. Update the desk on this workstation.",
            code="schema_ahead",
            where=where,
            server_schema=gap.server,
            desk_schema=gap.desk,
        )
    return SchemaMismatch(
        f"{where} has the desk's schema {gap.server}, and this desk needs {gap.desk}: nothing was written, "
        "reading still works where the schemas agree. A team lead upgrades the server with "
        "`desk --db SERVER_URL migrate` (the server's own backups apply); until then this desk only reads.",
        code="schema_behind",
        where=where,
        server_schema=gap.server,
        desk_schema=gap.desk,
    )


class NotADatabaseError(StoreError):
    default_code = "damaged"


def _disk_nearly_full(path: Path | None) -> bool:
    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < LOW_DISK_BYTES
    except OSError:
        return False


# SQLite's primary result codes (the low byte of an extended code) for the errors of the environment.
_SQLITE_SITUATIONS = {
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_READONLY: "read_only",
    sqlite3.SQLITE_IOERR: "disk_io",
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "damaged",
    sqlite3.SQLITE_CANTOPEN: "cannot_open",
}
# PostgreSQL SQLSTATEs (psycopg's ``sqlstate``): exact codes first, then their two-character class.
_SQLSTATE_SITUATIONS = {
    "53100": "full",  # disk_full
    "25006": "read_only",  # read_only_sql_transaction
    "55P03": "busy",  # lock_not_available
    "42501": "not_permitted",  # insufficient_privilege
    "3F000": "not_permitted",  # invalid_schema_name: no schema this login may use
    "57P03": "cannot_open",  # cannot_connect_now
    "XX001": "damaged",  # data_corrupted
    "XX002": "damaged",  # index_corrupted
    "58030": "disk_io",  # io_error
    "08": "cannot_open",  # connection exceptions
    "53": "full",  # insufficient resources
}


def _situation(orig: BaseException, path: Path | None) -> str | None:
    """What went wrong, from the driver's error code; from the message only when the driver gives none."""
    code = getattr(orig, "sqlite_errorcode", None)
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if isinstance(code, int):
        situation = _SQLITE_SITUATIONS.get(code & 0xFF)
    elif isinstance(sqlstate, str):
        situation = _SQLSTATE_SITUATIONS.get(sqlstate) or _SQLSTATE_SITUATIONS.get(sqlstate[:2])
    else:
        situation = _situation_from_words(str(orig).lower())
    # A nearly full disk shows in SQLite as an I/O error or a journal that cannot be created.
    if situation in ("disk_io", "cannot_open") and _disk_nearly_full(path):
        return "full"
    return situation


def _situation_from_words(text: str) -> str | None:
    if "locked" in text or "busy" in text:
        return "busy"
    if "full" in text:
        return "full"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    if "disk i/o error" in text or "i/o" in text:
        return "disk_io"
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return "damaged"
    if "unable to open" in text:
        return "cannot_open"
    return None


def explain(exc: BaseException, where: str, path: Path | None) -> StoreError | None:
    """The user's message for an error of the environment (disk full, read-only...), or None for a bug."""
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, sqlite3.IntegrityError | sqlite3.ProgrammingError | sqlite3.InterfaceError):
        return None
    if path is None and server.is_tls_problem(orig):
        return ServerUnreachable(
            f"the server {where} could not be reached securely ({server.reason(orig)}). Nothing was sent. "
            "The desk checks a server's certificate by default (sslmode=verify-full): give the team's CA "
            "certificate with sslrootcert=FILE in the URL (or put it in ~/.postgresql/root.crt), and use "
            "the host name the certificate names.",
            code="server_tls",
            where=where,
            detail=server.reason(orig),
        )
    if path is None and server.is_unreachable(orig):
        return ServerUnreachable(
            f"the server {where} cannot be reached or stopped answering ({server.reason(orig)}). "
            "Nothing was changed. Check the network (VPN, Wi-Fi) and that the server is running, "
            "then try again.",
            where=where,
            detail=server.reason(orig),
        )
    situation = _situation(orig, path)
    if situation == "busy":
        return StoreError(
            f"{where} is busy: another desk or program is writing to it. This change was not saved; "
            "try again in a moment.",
            code="busy",
            where=where,
        )
    if situation == "not_permitted":
        return StoreError(
            f"{where}: this login is not allowed to do that ({orig}). Nothing was changed. The desk's tables "
            "are created and upgraded by `desk --db SERVER_URL migrate` run with the server's owner login; "
            "ask a team lead for the rights you need.",
            code="not_permitted",
            where=where,
            detail=str(orig).splitlines()[0] if str(orig) else "",
        )
    if situation == "full":
        return StoreError(
            f"the disk holding {where} is full: this change was not saved (everything saved before is "
            "intact). Free some space on that disk, then try again; reading works with --read-only.",
            code="disk_full",
            where=where,
        )
    if situation == "read_only":
        return StoreError(
            f"{where} cannot be written (a read-only file or folder): this change was not saved. "
            "Open it read-only (--read-only) or copy it somewhere writable.",
            code="read_only",
            where=where,
        )
    if situation == "disk_io":
        return StoreError(
            f"a disk error stopped the desk from using {where} (disk I/O error: the disk may be full or "
            "failing, or a removable drive was taken out). This change was not saved; everything saved "
            "before is intact. Free some space or check the disk, then try again.",
            code="disk_io",
            where=where,
        )
    if situation == "damaged":
        return NotADatabaseError(
            f"{where} is damaged ({orig}). Nothing was changed. Restore a backup (desk restore BACKUP) "
            "or open it read-only (--read-only) to copy what you can.",
            where=where,
        )
    if situation == "cannot_open":
        return StoreError(
            f"{where} cannot be opened ({orig}): check that its folder exists and can be read, or pick "
            "another file with --db.",
            code="cannot_open",
            where=where,
        )
    return None
