"""Opening the database: engine set-up (pragmas, WAL, transactions), schema checks and migrations.

SQLite choices, deliberately:
* WAL with ``synchronous=FULL``: the desk is used during incidents; a committed write (a recorded
  response, a signature) must survive a power cut, and FULL costs little at our write rates.
* ``busy_timeout`` so two instances on one file wait for each other instead of failing.
* The sqlite3 driver's legacy transaction handling is switched off and ``BEGIN`` emitted explicitly, so
  reads are transactional too; write sessions use ``BEGIN IMMEDIATE`` and never fail half way on a lock.
* A database on a network file system is refused (WAL needs shared memory): use PostgreSQL for teams.
* A file is checked (header, ``quick_check``, schema revision) before anything writes to it; only then is
  it switched to WAL, so a damaged or foreign file is refused byte for byte unchanged.
* Errors of the environment (disk full, read-only, locked, damaged, I/O) become ``StoreError`` messages
  naming the file and the way out, at open and inside every read and write; anything else is a bug and
  stays loud (``desk.store.failures`` holds the errors and the explaining).
* Backups: ``keep_backups`` (the setting ``DESK_KEEP_BACKUPS``, default 10) automatic backups are kept.
  A failed daily backup does not stop the desk from opening (reads must work during an incident on a
  full disk); it is reported in ``Store.warnings``. A failed backup before a migration stops the migration.
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from desk.clock import Clock, SystemClock
from desk.store import backup, server
from desk.store.failures import ConflictError as ConflictError
from desk.store.failures import NewerSchemaError as NewerSchemaError
from desk.store.failures import NotADatabaseError as NotADatabaseError
from desk.store.failures import SchemaGap as SchemaGap
from desk.store.failures import SchemaMismatch as SchemaMismatch
from desk.store.failures import ServerUnreachable as ServerUnreachable
from desk.store.failures import StoreError as StoreError
from desk.store.failures import explain as explain
from desk.store.failures import schema_mismatch as schema_mismatch
from desk.store.models import CLOCK_OPTION

# Re-exported: the schema's revisions are read from the scripts' text, without importing Alembic.
from desk.store.revisions import head_revision as head_revision
from desk.store.revisions import known_revisions as known_revisions

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_MS = 10_000
DEFAULT_KEEP_BACKUPS = 10
KEEP_BACKUPS_ENV = "DESK_KEEP_BACKUPS"
SCHEMA_LOCK_KEY = 0x6465736B  # "desk": the advisory lock held while a server's schema is created or upgraded
NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "fuse.sshfs", "afs", "ceph", "glusterfs"}


def keep_backups_setting() -> int:
    """How many automatic backups to keep: ``$DESK_KEEP_BACKUPS`` (a whole number from 1), default 10."""
    raw = os.environ.get(KEEP_BACKUPS_ENV, "").strip()
    if not raw:
        return DEFAULT_KEEP_BACKUPS
    if not raw.isdigit() or int(raw) < 1:
        raise StoreError(
            f"{KEEP_BACKUPS_ENV}={raw!r}: must be a whole number of backups to keep, from 1",
            code="bad_setting",
            setting=KEEP_BACKUPS_ENV,
            value=raw,
        )
    return int(raw)


def alembic_config() -> Config:
    """Alembic's configuration for our scripts (imported here: only a migration needs Alembic)."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        # No journal_mode switch here: that writes to the file, and a file is checked first (_use_wal).
        cursor.execute("PRAGMA synchronous=FULL")
    finally:
        cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL; None for a server database (or a URL that is not one)."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database).expanduser().absolute()


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
    warnings: list[str] = field(default_factory=list)  # e.g. the day's backup could not be taken
    schema_gap: SchemaGap | None = None  # a server on another schema: reads only (see _prepare_schema)
    migration_backup: Path | None = None  # the backup taken before this open migrated an SQLite file
    upgraded_from: str | None = None  # the revision this open upgraded from ("" for a new database)

    def __post_init__(self) -> None:
        # Every row's created_at/updated_at default reads this store's clock (see models.CLOCK_OPTION).
        clocked = self.engine.execution_options(**{CLOCK_OPTION: self.clock})
        self._reader = sessionmaker(clocked, expire_on_commit=False)
        writer_engine = clocked.execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._writer = sessionmaker(writer_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._reader() as session, session.begin():
                yield session
        except (DatabaseError, sqlite3.Error) as exc:
            explained = self._explained(exc)
            if explained is exc and self.schema_gap is not None:  # e.g. a column this server does not have yet
                raise schema_mismatch(self.schema_gap, self.describe()) from exc
            raise explained from exc

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: committed when the block ends, rolled back on any exception.

        A disk, lock or damage error (at any statement or at the commit) becomes a StoreError; the
        transaction is rolled back, so nothing of it is saved and everything saved before is intact.
        """
        if self.read_only:
            raise StoreError(
                f"{self.describe()} is open read-only: nothing can be changed",
                code="opened_read_only",
                where=self.describe(),
            )
        if self.schema_gap is not None:
            raise schema_mismatch(self.schema_gap, self.describe())
        try:
            with self._writer() as session, session.begin():
                yield session
        except StaleDataError as exc:
            # Two desks wrote the same row at once (a server database lets both start): the later loses.
            raise ConflictError(
                f"someone else changed this record in {self.describe()} at the same moment; "
                "nothing of yours was applied: reload and try again",
                where=self.describe(),
            ) from exc
        except IntegrityError as exc:
            if "unique" not in str(exc.orig).lower():
                raise
            raise ConflictError(
                f"another desk created the same record in {self.describe()} at the same moment; "
                "nothing of yours was applied: try again",
                where=self.describe(),
            ) from exc
        except (DatabaseError, sqlite3.Error) as exc:
            raise self._explained(exc) from exc

    def _explained(self, exc: DatabaseError | sqlite3.Error) -> BaseException:
        explained = explain(exc, self.describe(), self.path)
        return explained if explained is not None else exc

    def quick_check(self) -> None:
        """SQLite's page check of the whole file (a NotADatabaseError naming the way out if it fails)."""
        if not self.is_sqlite:
            return
        try:
            with self.engine.connect() as conn:
                _quick_check(self, conn)
                conn.rollback()
        except DatabaseError as exc:
            raise self._explained(exc) from exc

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
    keep_backups: int | None = None,
    daily_backup: bool = True,
    quick_check: bool = True,
    migrate: bool | None = None,
) -> Store:
    """Open (and if needed create and migrate) the database at ``url``.

    ``quick_check=False`` leaves SQLite's page check to the caller (``Store.quick_check``): the window
    runs it off the GUI thread so a big file does not delay the first painted rows.

    Before any migration of an existing SQLite file, and on the first open of each day, a backup is
    taken; ``daily_backup=False`` leaves the day's backup to the caller (the window takes it after its
    first paint, on a worker thread: ``backup.daily``). The one before a migration is always taken first.
    A database from a newer desk, a file that is not a database, or one on a network share is refused
    with a message naming the file and what to do.

    A server (shared by a team) is never upgraded by an ordinary open: ``migrate=None`` upgrades an SQLite
    file (after its backup) and creates the schema in an empty server database, while a server on an
    older or newer schema opens for reading only (``Store.schema_gap``; writes raise ``SchemaMismatch``).
    ``migrate=True`` (``desk migrate``) upgrades a server too.
    """
    clock = clock or SystemClock()
    keep = keep_backups if keep_backups is not None else keep_backups_setting()
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError) as exc:  # ValueError: e.g. a port that is not a number
        shown = server.without_password(url)
        raise StoreError(
            f"{shown!r} is not a database URL (e.g. sqlite:///path/desk.sqlite)", code="bad_url", url=shown
        ) from exc
    if parsed.drivername in ("postgresql", "postgres"):  # SQLAlchemy would pick psycopg2; the desk ships psycopg 3
        parsed = parsed.set(drivername="postgresql+psycopg")
        url = parsed.render_as_string(hide_password=False)
    path: Path | None = None
    backup_dir: Path | None = None
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or parsed.database == ":memory:":
            raise StoreError(
                "an in-memory database keeps nothing: give a file, e.g. sqlite:///desk.sqlite", code="in_memory"
            )
        path = Path(parsed.database).expanduser().absolute()
        backup_dir = path.parent / "backups"
        _check_sqlite_file(path, create=create, read_only=read_only)
        if read_only:
            url = f"sqlite:///file:{urllib.parse.quote(str(path))}?{_read_only_params(path)}&uri=true"
        connect_args["timeout"] = BUSY_TIMEOUT_MS / 1000
    elif parsed.get_backend_name() == "postgresql":
        connect_args.update(server.connect_args(parsed))
    try:
        # A server connection is checked before each reuse by server.install (with a deadline), not pre-ping.
        engine = create_engine(url, connect_args=connect_args)
    except (ArgumentError, ImportError) as exc:
        raise StoreError(
            f"cannot use {parsed.render_as_string(hide_password=True)}: {exc}",
            code="cannot_use",
            where=parsed.render_as_string(hide_password=True),
            detail=str(exc),
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect if not read_only else _sqlite_connect_ro)
        event.listen(engine, "begin", _sqlite_begin)
    elif engine.dialect.name == "postgresql":
        server.install(engine)
    store = Store(url, engine, clock, path, backup_dir, read_only=read_only)
    try:
        _prepare_schema(
            store,
            keep_backups=keep,
            daily_backup=daily_backup and not read_only,
            quick_check=quick_check,
            migrate=migrate,
        )
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


def _read_only_params(path: Path) -> str:
    """URI parameters for a read-only open; a read-only folder cannot hold the WAL index (-shm)."""
    if os.access(path.parent, os.W_OK) or Path(f"{path}-shm").exists():
        return "mode=ro"
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise StoreError(
            f"{path} has recent changes in {wal.name} that cannot be read in a read-only folder: "
            "copy the folder somewhere writable and open the copy",
            code="read_only_wal",
            where=str(path),
        )
    # Nothing beside the file, and nobody can add anything in a read-only folder: read the file as is.
    return "mode=ro&immutable=1"


def _restrict(path: Path) -> None:
    """The database and its WAL files are the user's alone (0600)."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if candidate.exists() and candidate.stat().st_mode & 0o077:
                os.chmod(candidate, 0o600)
        except OSError:
            pass


def _check_sqlite_file(path: Path, *, create: bool, read_only: bool) -> None:
    try:
        path.stat()
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise StoreError(
            f"{path} cannot be reached ({exc.strerror}; permission on its folder?): fix the folder's "
            "permissions or pick another file with --db",
            code="unreachable",
            where=str(path),
        ) from exc
    if path.is_dir():
        raise StoreError(
            f"{path} is a directory, not a database file: pick a file inside it", code="is_a_folder", where=str(path)
        )
    fstype = _filesystem_type(path.parent if not path.exists() else path)
    if fstype in NETWORK_FS:
        raise StoreError(
            f"{path} is on a network file system ({fstype}); SQLite's WAL cannot be shared safely there. "
            "Keep the file on a local disk, or point the team at a PostgreSQL server (--db postgresql://...).",
            code="network_share",
            where=str(path),
        )
    if path.exists():
        _check_existing_sqlite_file(path, create=create, read_only=read_only)
        return
    if not create or read_only:
        raise StoreError(
            f"{path} does not exist: run `desk init` or pick another file with --db", code="missing", where=str(path)
        )
    _create_sqlite_file(path)


def _check_existing_sqlite_file(path: Path, *, create: bool, read_only: bool) -> None:
    """An existing file: readable, an SQLite file (or empty, to be created), writable unless read-only."""
    try:
        with path.open("rb") as fh:
            header = fh.read(16)
    except PermissionError as exc:
        raise StoreError(
            f"{path} cannot be read (permission denied): fix its permissions or pick another file",
            code="cannot_read",
            where=str(path),
        ) from exc
    if path.stat().st_size == 0:
        if read_only or not create:
            raise NotADatabaseError(
                f"{path} is empty: pick another file or restore a backup", code="empty", where=str(path)
            )
        return
    if header != b"SQLite format 3\x00":
        raise NotADatabaseError(
            f"{path} is not a desk database (not an SQLite file). Nothing was changed. "
            "Restore a backup (desk restore BACKUP) or pick another file with --db.",
            code="not_sqlite",
            where=str(path),
        )
    if not read_only and not os.access(path, os.W_OK):
        raise StoreError(
            f"{path} is read-only: open it read-only (--read-only) or copy it somewhere writable",
            code="read_only",
            where=str(path),
        )
    if not read_only and not os.access(path.parent, os.W_OK):
        raise StoreError(
            f"the folder of {path} is read-only, so SQLite cannot keep its journal there: "
            "open it read-only (--read-only) or move the file",
            code="read_only_folder",
            where=str(path),
        )


def _create_sqlite_file(path: Path) -> None:
    """A new, empty database file only its owner can read (0600), in a folder only they can enter."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except FileExistsError:
        pass
    except OSError as exc:
        raise StoreError(
            f"cannot create {path}: {exc.strerror}; pick another location with --db",
            code="cannot_create",
            where=str(path),
            detail=str(exc.strerror),
        ) from exc


def _quick_check(store: Store, conn: Connection) -> None:
    ok = conn.exec_driver_sql("PRAGMA quick_check").scalar()
    if ok != "ok":
        raise NotADatabaseError(
            f"{store.describe()} is damaged (quick_check: {ok}). Nothing was changed. "
            "Restore a backup (desk restore BACKUP) or open it read-only to copy what you can.",
            where=store.describe(),
        )


def _prepare_schema(
    store: Store, *, keep_backups: int, daily_backup: bool, quick_check: bool = True, migrate: bool | None = None
) -> None:
    """Refuse what is not a desk database of a known schema; upgrade an older schema, after a backup.

    A server on another schema is left as it is unless ``migrate`` (see ``open_store``).
    """
    head = head_revision()
    current, has_tables = _schema_state(store, quick_check=quick_check)
    shared = not store.is_sqlite
    if shared and current is not None and current != head and not (migrate and current in known_revisions()):
        store.schema_gap = SchemaGap(current, head)
        store.warnings.append(str(schema_mismatch(store.schema_gap, store.describe())))
        return
    if current is not None and current not in known_revisions():
        raise NewerSchemaError(
            f"{store.describe()} was written by a newer version of the desk (schema {current}). "
            "Nothing was changed. Update the desk, or open another file.",
            where=store.describe(),
            schema=current,
        )
    if current is None and has_tables:
        raise NotADatabaseError(
            f"{store.describe()} holds tables but is not a desk database. Nothing was changed. Pick another file.",
            code="foreign_database",
            where=store.describe(),
        )
    if store.read_only:
        if current != head:
            raise StoreError(
                f"{store.describe()} needs a schema upgrade, which a read-only open cannot do",
                code="needs_upgrade",
                where=store.describe(),
            )
        return
    if current == head:
        if store.is_sqlite:
            _use_wal(store)
        if daily_backup and store.path is not None and store.backup_dir is not None:
            try:
                backup.daily(store.path, store.backup_dir, store.clock.now(), keep=keep_backups)
            except backup.BackupError as exc:
                store.warnings.append(f"today's automatic backup was not taken: {exc}")
        return
    _upgrade_schema(store, current, keep_backups=keep_backups)


def _schema_state(store: Store, *, quick_check: bool) -> tuple[str | None, bool]:
    """The schema revision the database is at (None: none) and whether it holds any table at all."""
    try:
        with store.engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            current = recorded_revision(conn) if "alembic_version" in tables else None
            has_tables = bool(tables)
            if store.is_sqlite and quick_check:
                _quick_check(store, conn)
            conn.rollback()
    except DatabaseError as exc:
        explained = explain(exc, store.describe(), store.path)
        if explained is not None and not isinstance(explained, NotADatabaseError):
            raise explained from exc
        raise NotADatabaseError(
            f"{store.describe()} cannot be read as a database ({exc.orig}). Nothing was changed. "
            "Restore a backup (desk restore BACKUP) or pick another file with --db.",
            where=store.describe(),
        ) from exc
    return current, has_tables


def recorded_revision(conn: Connection) -> str | None:
    """The revision recorded in Alembic's own table (None: none), read with plain SQL (no Alembic import)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = [str(r) for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars()]
    return ",".join(sorted(rows)) if rows else None  # several rows (branches) are no revision we know


def _upgrade_schema(store: Store, current: str | None, *, keep_backups: int) -> None:
    """Migrate to the newest schema; an existing file is backed up first, and a failed backup stops it."""
    from alembic import command

    cfg = alembic_config()
    store.upgraded_from = current or ""
    if current is not None and store.path is not None and store.backup_dir is not None:
        try:
            store.migration_backup = backup.take(
                store.path,
                store.backup_dir,
                store.clock.now(),
                reason=f"before-migration-{current}",
                keep=keep_backups,
            )
        except backup.BackupError as exc:
            raise StoreError(
                f"{store.describe()} needs a schema upgrade, and the backup taken before it failed: {exc} "
                "The upgrade was not started; nothing was changed."
            ) from exc
    if store.is_sqlite:
        _use_wal(store)
    try:
        with store.engine.begin() as conn:
            if not store.is_sqlite:
                # Two desks (or two `desk migrate`) starting together: one migrates, the other then finds
                # the schema ready. The lock ends with the transaction.
                conn.execution_options(**{server.DEADLINE_OPTION: None})
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SCHEMA_LOCK_KEY})")
                conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                if recorded_revision(conn) == head_revision():
                    store.upgraded_from = None  # another desk did it meanwhile
                    return
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
    except DatabaseError as exc:
        explained = explain(exc, store.describe(), store.path)
        if explained is None:
            raise
        raise explained from exc


def _use_wal(store: Store) -> None:
    """Switch a checked file to WAL (persistent in the file; a no-op when it is WAL already)."""
    try:
        raw = store.engine.raw_connection()
        try:
            cursor = raw.cursor()
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")
            cursor.close()
        finally:
            raw.close()
    except (DatabaseError, sqlite3.Error) as exc:
        explained = explain(exc, store.describe(), store.path)
        if explained is None:
            raise
        raise explained from exc
