"""A large first load of an empty SQLite store, built in a file beside it and put in its place only when complete.

Loading millions of rows through the store's own write-ahead log writes every page several times over (the
log, then the checkpoint, and again whenever the page cache spills). A new file nobody else reads needs no
journal at all: if the load fails the file is simply deleted. Until it is complete it is named
``<database>.load-partial``, so a crash (even a killed process) leaves the store as it was (empty) and a
file whose name says it is unfinished; the next load removes it. Once complete the file is switched to WAL,
flushed to disk and renamed over the store's file, which only happens while no other program has it open.
Rows other processes make can come as SQLite files of their own (``write_block``, in a folder beside the
store), copied into the load by SQLite (``copy_block``): the loading process binds no value of them.
"""

from __future__ import annotations

import glob
import os
import shutil
import sqlite3
import stat
import tempfile
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from desk.store.engine import Store, StoreError, schema_mismatch

PARTIAL_SUFFIX = ".load-partial"
BLOCKS_SUFFIX = ".load-blocks-"  # folders beside the store: rows made by other processes, waiting to be copied in
LOCK_WAIT_S = 2.0  # how long to wait for another program to let go of the store before refusing
BULK_CACHE_KIB = 256 * 1024  # SQLite's page cache during a bulk load
# While the indexes are built: SQLite's sorter sorts runs of this much in memory and merges them (a run that
# fits the processor's caches sorts faster than one sort of everything in the page cache: at 1,000,000 cases
# the four index builds 4.5 s to 2.6 s of CPU), and a helper thread per other core sorts runs beside it.
SORT_RUN_KIB = 2 * 1024
SORT_THREADS = max(0, min(os.cpu_count() or 1, 4) - 1)
FLUSH_EVERY_S = 2.0  # during a load, what it wrote is sent to the disk this often (not all at the end)


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + PARTIAL_SUFFIX)


def _remove_blocks(path: Path) -> None:
    """Every folder of rows a load of the store at ``path`` made (a killed load leaves its own)."""
    for folder in path.parent.glob(glob.escape(path.name + BLOCKS_SUFFIX) + "*"):
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def load_beside(store: Store) -> Iterator[Session]:
    """A session on a copy of the (empty) store in a new journal-less file; on success it replaces the store.

    Any exception deletes the copy and leaves the store untouched. The caller checks that the store is empty.
    """
    assert store.path is not None, "only an SQLite file store can be loaded beside"
    # Refused as the store's own write would be: a store opened read-only, or one whose schema is behind.
    if store.read_only:
        raise StoreError(
            f"{store.describe()} is open read-only: nothing can be changed",
            code="opened_read_only",
            where=store.describe(),
        )
    if store.schema_gap is not None:
        raise schema_mismatch(store.schema_gap, store.describe())
    path = store.path
    partial = partial_path(path)
    _remove(partial)  # what a crashed load left
    _remove_blocks(path)
    try:
        copied = _copy(store, partial)
        engine = create_engine(f"sqlite:///{partial}", poolclass=NullPool)
        event.listen(engine, "connect", _unjournaled)
        event.listen(engine, "begin", _begin)
        try:
            with _flushing(partial), Session(engine) as session, session.begin():
                yield session
        finally:
            engine.dispose()
        _finish(partial)
        _put_in_place(store, partial, copied)
    except BaseException:
        _remove(partial)
        raise


def _copy(store: Store, partial: Path) -> dict[str, int]:
    """The store's schema and whatever it holds besides, copied page by page; returns its row counts."""
    assert store.path is not None
    # Created with the store's own permissions (only its owner may read it) before anything is in it.
    os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, stat.S_IMODE(store.path.stat().st_mode)))
    with store.engine.connect() as conn:
        source = conn.connection.driver_connection
        assert isinstance(source, sqlite3.Connection)
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        conn.rollback()
    return _row_counts(sqlite3.connect(partial))


def _row_counts(conn: sqlite3.Connection) -> dict[str, int]:
    try:
        return _counts_in(conn)
    finally:
        conn.close()


def _unjournaled(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # No rollback journal and no waiting for the disk: a failed load deletes the file instead.
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA foreign_keys=ON")  # every row still checked against its parents
    finally:
        cursor.close()


def _begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


@contextmanager
def _flushing(partial: Path) -> Iterator[None]:
    """What the load writes sent to the disk every ``FLUSH_EVERY_S`` by a thread of its own, while the load goes
    on: left to the end, the flush of a file of gigabytes the system kept in memory takes seconds in which
    nothing else happens. Where the system has no ``fdatasync``, the end's flush does it all."""
    sync = getattr(os, "fdatasync", None)
    if sync is None:
        yield
        return
    fd = os.open(partial, os.O_RDONLY)
    stop = threading.Event()

    def flush() -> None:
        while not stop.wait(FLUSH_EVERY_S):
            with suppress(OSError):  # the disk's error is the end's flush's to report (it fails the load)
                sync(fd)

    flusher = threading.Thread(target=flush, name="load-flush", daemon=True)
    flusher.start()
    try:
        yield
    finally:
        stop.set()
        flusher.join()
        os.close(fd)


def _finish(partial: Path) -> None:
    """The complete copy switched to WAL (as the store uses it) and on disk before it takes the store's name."""
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    fd = os.open(partial, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _put_in_place(store: Store, partial: Path, copied: dict[str, int]) -> None:
    """Rename the copy over the store's file while holding it exclusively (no program may be reading it),
    and only if the store still holds what was copied (nobody wrote to it during the load)."""
    path = store.path
    assert path is not None
    store.close()  # this process's own connections let go; new ones open the new file
    guard = sqlite3.connect(path, timeout=LOCK_WAIT_S, isolation_level=None)
    try:
        try:
            guard.execute("PRAGMA locking_mode=EXCLUSIVE")
            guard.execute("BEGIN EXCLUSIVE")
            # The old file's log emptied: a log left beside the new file would be replayed into it.
            guard.execute("ROLLBACK")
            guard.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            guard.execute("BEGIN EXCLUSIVE")
            changed = _counts_in(guard) != copied
        except sqlite3.OperationalError as exc:
            raise StoreError(
                f"{path} is open in another program: close it (the window, another desk command) and load again",
                code="database_in_use",
                where=str(path),
            ) from exc
        if changed:
            raise StoreError(
                f"{path} was written to by another program during the load: nothing was loaded; load again",
                code="changed_during_load",
                where=str(path),
            )
        os.replace(partial, path)
        _sync_folder(path.parent)
    finally:
        with suppress(sqlite3.Error):
            guard.execute("ROLLBACK")
        guard.close()
    for suffix in ("-wal", "-shm"):  # the old file's (emptied) log and index, which the new file does not use
        _remove(path.with_name(path.name + suffix))


def _counts_in(conn: sqlite3.Connection) -> dict[str, int]:
    tables = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}  # noqa: S608


def _sync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal")):
        leftover.unlink(missing_ok=True)


@contextmanager
def indexes_built_after(
    session: Session, cache_kib: int = BULK_CACHE_KIB, kept: Collection[str] = ()
) -> Iterator[None]:
    """SQLite set up for loading many rows in one transaction (all of it or nothing), then put back.

    The secondary indexes of the case tables are dropped and built again once the rows are in (one
    sort each instead of a random insert per row), from their own stored definitions, within the same
    transaction: a failed load rolls them back with the rows; the sorts in short runs, on every core (nothing
    else of the load runs by then). A bigger page cache keeps the indexes keyed by random ids in memory
    instead of spilling the same pages to the write-ahead log again and again; it and the sorting threads
    are settings of this connection only, restored before the connection goes back to the pool.
    """
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    saved = conn.exec_driver_sql("PRAGMA cache_size").scalar()
    saved_threads = conn.exec_driver_sql("PRAGMA threads").scalar()
    conn.exec_driver_sql(f"PRAGMA cache_size=-{int(cache_kib)}")
    found = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        " AND tbl_name IN ('cases', 'case_events') ORDER BY name"
    )
    indexes = [(name, sql) for name, sql in found if name not in kept]
    try:
        for name, _ in indexes:
            conn.exec_driver_sql(f'DROP INDEX "{name}"')
        yield
        conn.exec_driver_sql(f"PRAGMA cache_size=-{SORT_RUN_KIB}")
        conn.exec_driver_sql(f"PRAGMA threads={SORT_THREADS}")
        for _, sql in indexes:
            conn.exec_driver_sql(sql)
    finally:
        conn.exec_driver_sql(f"PRAGMA threads={int(saved_threads or 0)}")
        conn.exec_driver_sql(f"PRAGMA cache_size={int(saved or 0)}")


@contextmanager
def blocks_folder(store: Store) -> Iterator[Path]:
    """A new folder beside the store for rows other processes make (``write_block``), removed afterwards
    (a killed load's by the next ``load_beside``). Named for this load alone: a making process of a killed
    load may still finish its block, and must not write into another load's folder."""
    assert store.path is not None
    # Only the store's owner may read it (the rows are the store's).
    folder = Path(tempfile.mkdtemp(prefix=store.path.name + BLOCKS_SUFFIX, dir=store.path.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_block(path: Path, tables: list[tuple[str, tuple[str, ...], list[tuple[Any, ...]]]]) -> None:
    """Rows (already encoded for SQLite) into a new SQLite file of their own, a table each, with no index and
    no journal: another process copies them into the load with ``copy_block`` and deletes the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("BEGIN")
        for table, columns, rows in tables:
            names = ", ".join(f'"{name}"' for name in columns)
            conn.execute(f'CREATE TABLE "{table}" ({names})')
            marks = ", ".join("?" * len(columns))
            conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)  # noqa: S608 - the schema's names
        conn.execute("COMMIT")
    finally:
        conn.close()


def copy_block(session: Session, path: Path, tables: list[tuple[str, tuple[str, ...]]]) -> None:
    """The rows of a file made by ``write_block`` copied into the load (in SQLite, with no Python per row),
    in the order they were written; then the file is deleted.

    Only for a load beside the store (``load_beside``): a file is attached between transactions, which
    SQLite requires, and a load beside the store has no journal, so its transactions guard nothing (a
    failed load deletes the whole file).
    """
    conn = session.connection()
    conn.exec_driver_sql("COMMIT")
    conn.exec_driver_sql("ATTACH DATABASE ? AS block", (str(path),))
    try:
        for table, columns in tables:
            names = ", ".join(f'"{name}"' for name in columns)
            conn.exec_driver_sql(
                f'INSERT INTO main."{table}" ({names}) SELECT {names} FROM block."{table}" ORDER BY rowid'  # noqa: S608
            )
    finally:
        conn.exec_driver_sql("DETACH DATABASE block")
        conn.exec_driver_sql("BEGIN")
    path.unlink()
