"""Opening the database: engine set-up (pragmas, WAL, transactions), schema checks and migrations.

SQLite choices, deliberately:
* WAL with ``synchronous=FULL``: the desk is used during incidents; a committed write (a recorded
  response, a signature) must survive a power cut, and FULL costs little at our write rates.
* ``busy_timeout`` so two instances on one file wait for each other instead of failing.
* The sqlite3 driver's legacy transaction handling is switched off and ``BEGIN`` emitted explicitly, so
  reads are transactional too; write sessions use ``BEGIN IMMEDIATE`` and never fail half way on a lock.
* A database on a network file system is refused (WAL needs shared memory): use PostgreSQL for teams.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desk.clock import Clock, SystemClock
from desk.store import backup

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ceph", "glusterfs"}


class StoreError(Exception):
    """The database cannot be used as asked; the message names the file and the way out."""


class NewerSchemaError(StoreError):
    pass


class NotADatabaseError(StoreError):
    pass


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal":
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def _filesystem_type(path: Path) -> str:
    """The type of the file system holding ``path`` (Linux: from /proc/mounts), or ''."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return ""
    best, fstype = "", ""
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        inside = len(parts) >= 3 and (target == parts[1] or target.startswith(parts[1].rstrip("/") + "/"))
        if inside and len(parts[1]) > len(best):
            best, fstype = parts[1], parts[2]
    return fstype


@dataclass
class Store:
    """An open database: the engine, sessions, and where the file and its backups live."""

    url: str
    engine: Engine
    clock: Clock
    path: Path | None  # the SQLite file, None for a server database
    backup_dir: Path | None
    read_only: bool = False

    def __post_init__(self) -> None:
        self._reader = sessionmaker(self.engine, expire_on_commit=False)
        writer_engine = self.engine.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any exception."""
        if self.read_only:
            raise StoreError(f"{self.describe()} is open read-only: nothing can be changed")
        with self._writer() as session, session.begin():
            yield session

    def describe(self) -> str:
        return str(self.path) if self.path is not None else make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()


def open_store(
    url: str,
    *,
    clock: Clock | None = None,
    create: bool = True,
    read_only: bool = False,
    keep_backups: int = 10,
    daily_backup: bool = True,
) -> Store:
    """Open (and if needed create and migrate) the database at ``url``.

    Before any migration of an existing SQLite file, and on the first open of each day, a backup is
    taken. A database from a newer desk, a file that is not a database, or one on a network share is
    refused with a message naming the file and what to do.
    """
    clock = clock or SystemClock()
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StoreError(f"{url!r} is not a database URL (e.g. sqlite:///path/desk.sqlite)") from exc
    path: Path | None = None
    backup_dir: Path | None = None
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError("an in-memory database keeps nothing: give a file, e.g. sqlite:///desk.sqlite")
        path = Path(parsed.database).expanduser().absolute()
        backup_dir = path.parent / "backups"
        _check_sqlite_file(path, create=create, read_only=read_only)
        if read_only:
            url = f"sqlite:///file:{path}?mode=ro&uri=true"
        connect_args["timeout"] = BUSY_TIMEOUT_MS / 1000
    try:
        engine = create_engine(url, connect_args=connect_args, pool_pre_ping=parsed.get_backend_name() != "sqlite")
    except (ArgumentError, ImportError) as exc:
        raise StoreError(f"cannot use {parsed.render_as_string(hide_password=True)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect if not read_only else _sqlite_connect_ro)
        event.listen(engine, "begin", _sqlite_begin)
    store = Store(url, engine, clock, path, backup_dir, read_only=read_only)
    try:
        _prepare_schema(store, keep_backups=keep_backups, daily_backup=daily_backup and not read_only)
    except BaseException:
        engine.dispose()
        raise
    if path is not None and not read_only:
        _restrict(path)
    return store


def _sqlite_connect_ro(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _restrict(path: Path) -> None:
    """The database and its WAL files are the user's alone (0600)."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists() and candidate.stat().st_mode & 0o077:
                os.chmod(candidate, 0o600)
        except OSError:
            pass


def _check_sqlite_file(path: Path, *, create: bool, read_only: bool) -> None:
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not a database file: pick a file inside it")
    fstype = _filesystem_type(path.parent if not path.exists() else path)
    if fstype in NETWORK_FS:
        raise StoreError(
            f"{path} is on a network file system ({fstype}); SQLite's WAL cannot be shared safely there. "
            "Keep the file on a local disk, or point the team at a PostgreSQL server (--db postgresql://...)."
        )
    if path.exists():
        try:
            with path.open("rb") as fh:
                header = fh.read(16)
        except PermissionError as exc:
            raise StoreError(
                f"{path} cannot be read (permission denied): fix its permissions or pick another file"
            ) from exc
        if path.stat().st_size == 0:
            if read_only or not create:
                raise NotADatabaseError(f"{path} is empty: pick another file or restore a backup")
            return
        if header != b"SQLite format 3\x00":
            raise NotADatabaseError(
                f"{path} is not a desk database (not an SQLite file). Nothing was changed. "
                "Restore a backup (desk restore BACKUP) or pick another file with --db."
            )
        if not read_only and not os.access(path, os.W_OK):
            raise StoreError(f"{path} is read-only: open it read-only (--read-only) or copy it somewhere writable")
        if not read_only and not os.access(path.parent, os.W_OK):
            raise StoreError(
                f"the folder of {path} is read-only, so SQLite cannot keep its journal there: "
                "open it read-only (--read-only) or move the file"
            )
        return
    if not create:
        raise StoreError(f"{path} does not exist: run `desk init` or pick another file with --db")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(f"cannot create {path}: {exc.strerror}; pick another location with --db") from exc


def _prepare_schema(store: Store, *, keep_backups: int, daily_backup: bool) -> None:
    cfg = alembic_config()
    head = head_revision()
    try:
        with store.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            has_tables = bool(inspect(conn).get_table_names())
            if store.is_sqlite:
                ok = conn.exec_driver_sql("PRAGMA quick_check").scalar()
                if ok != "ok":
                    raise NotADatabaseError(
                        f"{store.describe()} is damaged (quick_check: {ok}). Nothing was changed. "
                        "Restore a backup (desk restore BACKUP) or open it read-only to copy what you can."
                    )
            conn.rollback()
    except DatabaseError as exc:
        if isinstance(exc, OperationalError) and "locked" in str(exc):
            raise StoreError(f"{store.describe()} is locked by another program; try again in a moment") from exc
        raise NotADatabaseError(
            f"{store.describe()} cannot be read as a database ({exc.orig}). Nothing was changed. "
            "Restore a backup (desk restore BACKUP) or pick another file with --db."
        ) from exc
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(
            f"{store.describe()} was written by a newer version of the desk (schema {current}). "
            "Nothing was changed. Update the desk, or open another file."
        )
    if current is None and has_tables:
        raise NotADatabaseError(
            f"{store.describe()} holds tables but is not a desk database. Nothing was changed. Pick another file."
        )
    if current == head:
        if daily_backup and store.path is not None and store.backup_dir is not None:
            backup.daily(store.path, store.backup_dir, store.clock.now(), keep=keep_backups)
        return
    if store.read_only:
        raise StoreError(f"{store.describe()} needs a schema upgrade, which a read-only open cannot do")
    if current is not None and store.path is not None and store.backup_dir is not None:
        backup.take(
            store.path,
            store.backup_dir,
            store.clock.now(),
            reason=f"before-migration-{current}",
            keep=keep_backups,
        )
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def sqlite_connect_raw(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection (backups, integrity checks) with the busy timeout we use everywhere."""
    return sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
