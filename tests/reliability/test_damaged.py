"""Damaged databases: each gives a clear message naming the file and the way out; nothing is changed."""

from __future__ import annotations

import os
import random
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from desk.store import backup
from desk.store.engine import NewerSchemaError, NotADatabaseError, StoreError, open_store
from tests.reliability.conftest import (
    assert_clear_failure,
    assert_nothing_lost,
    hashes,
    run_desk,
    run_desk_batch,
    run_desk_process,
    unprivileged_prefix,
)

PAGE = 4096
RESTORE = "desk restore"


def _delete_mode_copy(db: Path, target: Path) -> Path:
    """A rollback-journal copy (what a backup or a file mailed by a colleague looks like)."""
    backup.copy_database(db, target)
    return target


def _damage(kind: str, db: Path, rng: random.Random) -> None:
    data = bytearray(db.read_bytes())
    if kind.startswith("truncate"):
        size = {"truncate-header": 100, "truncate-page": 2 * PAGE, "truncate-mid": len(data) // 2 + 123}[kind]
        db.write_bytes(bytes(data[:size]))
    elif kind == "random-bytes":
        db.write_bytes(rng.randbytes(len(data)))
    elif kind == "random-after-header":
        db.write_bytes(b"SQLite format 3\x00" + rng.randbytes(len(data) - 16))
    elif kind == "garbled-pages":
        for page in (2, 3, len(data) // PAGE - 1):
            for i in range(page * PAGE + 8, page * PAGE + 400):
                data[i] = rng.randrange(256)
        db.write_bytes(bytes(data))
    elif kind == "zeroed-header":
        data[:100] = bytes(100)
        db.write_bytes(bytes(data))
    else:
        raise AssertionError(kind)


DAMAGE = ["truncate-header", "truncate-page", "truncate-mid", "random-bytes", "random-after-header"]
DAMAGE += ["garbled-pages", "zeroed-header"]


@pytest.mark.parametrize("journal", ["wal", "delete"])
@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_is_refused_and_left_alone(
    made_db: Path, capsys: pytest.CaptureFixture[str], kind: str, journal: str
) -> None:
    db = made_db
    if journal == "delete":
        db = _delete_mode_copy(made_db, made_db.with_name("mailed.sqlite"))
    _damage(kind, db, random.Random(kind))
    before = hashes(db.parent)
    for command in (["check"], ["sla"], ["case", "open", "CUST-00001", "x", "--severity", "S3"]):
        result = run_desk(capsys, db, *command)
        assert_clear_failure(result, db, RESTORE)
    assert_nothing_lost(before, hashes(db.parent))


@pytest.mark.parametrize("kind", DAMAGE)
def test_damaged_file_read_only_listing_fails_clearly(
    made_db: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    """A read-only `desk sla` skips the page check before writing (it writes nothing); damage is still said."""
    db = _delete_mode_copy(made_db, made_db.with_name("mailed.sqlite"))
    _damage(kind, db, random.Random(kind))
    before = hashes(db.parent)
    result = run_desk(capsys, db, "--read-only", "sla", "--json")
    assert_clear_failure(result, db, RESTORE)
    assert_nothing_lost(before, hashes(db.parent))


def test_damage_found_by_quick_check_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """A file whose header is sound but whose pages are not: refused, and not switched to WAL."""
    db = tmp_path / "desk.sqlite"
    open_store(f"sqlite:///{db}").close()
    copy = _delete_mode_copy(db, tmp_path / "copy.sqlite")
    _damage("garbled-pages", copy, random.Random(1))
    before = copy.read_bytes()
    with pytest.raises(NotADatabaseError, match="Nothing was changed"):
        open_store(f"sqlite:///{copy}")
    assert copy.read_bytes() == before


@pytest.mark.parametrize(
    "content",
    [b"hello, this is a text file\n", b"\x89PNG\r\n\x1a\n" + bytes(2000), b"PK\x03\x04" + bytes(500), b"{}"],
    ids=["text", "png", "zip", "json"],
)
def test_not_sqlite_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes) -> None:
    db = tmp_path / "desk.sqlite"
    db.write_bytes(content)
    result = run_desk(capsys, db, "check")
    assert_clear_failure(result, db, "not an SQLite file", "--db", RESTORE)
    assert db.read_bytes() == content


def test_sqlite_file_of_another_program_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as conn:
        conn.execute("create table notes (id integer primary key, body text)")
        conn.execute("insert into notes (body) values ('keep me')")
    conn.close()
    before = hashes(tmp_path)
    result = run_desk(capsys, db, "check")
    assert_clear_failure(result, db, "not a desk database", "Pick another file")
    assert_nothing_lost(before, hashes(tmp_path))


def _stamp(db: Path, revision: str) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("update alembic_version set version_num = ?", (revision,))
    conn.close()


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_schema_is_refused(made_db: Path, capsys: pytest.CaptureFixture[str], read_only: bool) -> None:
    _stamp(made_db, "9999_from_the_future")
    before = hashes(made_db.parent)
    args = ["--read-only"] if read_only else []
    result = run_desk(capsys, made_db, *args, "check")
    assert_clear_failure(result, made_db, "newer version of the desk", "Update the desk")
    assert_nothing_lost(before, hashes(made_db.parent))
    with pytest.raises(NewerSchemaError):
        open_store(f"sqlite:///{made_db}", read_only=read_only)
    assert_nothing_lost(before, hashes(made_db.parent))


def test_read_only_file(made_db: Path) -> None:
    prefix = unprivileged_prefix()
    made_db.chmod(0o400)
    before = hashes(made_db.parent)
    refused, sla = run_desk_batch(
        made_db,
        [["case", "open", "CUST-00001", "x", "--severity", "S3"], ["--read-only", "sla", "--json"]],
        prefix=prefix,
    )
    assert_clear_failure(refused, made_db, "read-only", "--read-only")
    # The way out the message names works.
    assert sla.code == 0, sla.err
    assert '"case_id"' in sla.out
    assert_nothing_lost(before, hashes(made_db.parent))


def _leave_wal_files(db: Path, *, committed: bool) -> None:
    """End a process without closing its connection: -wal and -shm stay (with a commit if asked)."""
    script = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('pragma wal_autocheckpoint=0'); "
        "c.execute('select count(*) from cases').fetchone(); "
        + ("c.execute('update alembic_version set version_num = version_num'); c.commit(); " if committed else "")
        + "os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", script, str(db)], check=True)


@pytest.mark.parametrize("beside", ["nothing", "wal-and-shm", "committed-wal-without-shm"])
def test_read_only_folder(made_db: Path, beside: str) -> None:
    prefix = unprivileged_prefix()
    folder = made_db.parent
    if beside != "nothing":
        _leave_wal_files(made_db, committed=beside.startswith("committed"))
    if beside == "committed-wal-without-shm":
        Path(f"{made_db}-shm").unlink()
    os.chmod(folder, 0o555)
    try:
        before = hashes(folder)
        refused, export = run_desk_batch(made_db, [["check"], ["--read-only", "export"]], prefix=prefix)
        assert_clear_failure(refused, made_db, "read-only", "--read-only")
        if beside == "committed-wal-without-shm":
            # Reading the file alone would silently miss the last commits: say so instead.
            assert_clear_failure(export, made_db, "desk.sqlite-wal", "copy the folder somewhere writable")
        else:
            assert export.code == 0, export.err
            assert "CUST-00001" in export.out
        assert_nothing_lost(before, hashes(folder))
    finally:
        os.chmod(folder, 0o755)


def test_unreachable_folder_gives_a_message_not_a_traceback(made_db: Path) -> None:
    prefix = unprivileged_prefix()
    folder = made_db.parent
    os.chmod(folder, 0o000)
    try:
        for result in run_desk_batch(made_db, [["check"], ["--read-only", "check"]], prefix=prefix):
            assert_clear_failure(result, made_db, "permission")
    finally:
        os.chmod(folder, 0o755)


def test_database_is_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = run_desk(capsys, tmp_path, "check")
    assert_clear_failure(result, tmp_path, "is a directory")


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def small_volume(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs (needs root and mount); skipped elsewhere (the injected-limit test covers those)."""
    mountpoint = tmp_path / "vol"
    mountpoint.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mountpoint)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr!r}")
    try:
        yield mountpoint
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=False)


def _fill(volume: Path) -> Path:
    filler = volume / "filler"
    with filler.open("wb") as fh:
        try:
            while True:
                fh.write(bytes(64 * 1024))
                fh.flush()
        except OSError:
            pass
    return filler


def test_full_disk(made_db: Path, small_volume: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = small_volume / "desk.sqlite"
    shutil.copy(made_db, db)
    assert run_desk(capsys, db, "check").code == 0
    export_before = run_desk(capsys, db, "export").out
    filler = _fill(small_volume)
    before = hashes(small_volume)
    del before["filler"]
    # Opening on a full disk (the day's backup cannot be taken) and writing on a full disk.
    for now in ("2026-11-26T01:00:00Z", "2026-11-27T01:00:00Z"):
        result = run_desk(capsys, db, "case", "open", "CUST-00001", "x" * 20_000, "--severity", "S3", now=now)
        assert_clear_failure(result, db, "full", "Free some space")
        assert_nothing_lost(before, hashes(small_volume))
    filler.unlink()
    assert run_desk(capsys, db, "check").code == 0
    assert run_desk(capsys, db, "export").out == export_before


def _limit_file_size(limit: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_write_error_mid_transaction(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An injected write failure (file size limit: EFBIG, as on a full disk): exit 1, nothing lost."""
    assert run_desk(capsys, made_db, "check").code == 0
    export_before = run_desk(capsys, made_db, "export").out
    size = made_db.stat().st_size
    result = run_desk_process(
        made_db,
        "case",
        "open",
        "CUST-00001",
        "y" * 120_000,
        "--description",
        "z" * 120_000,
        "--severity",
        "S3",
        preexec=lambda: _limit_file_size(size + 8192),
    )
    assert_clear_failure(result, made_db, "disk", "saved")
    assert run_desk(capsys, made_db, "check").code == 0
    assert run_desk(capsys, made_db, "export").out == export_before


def test_store_write_errors_become_store_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk error inside a service call reaches callers as StoreError (a message), never raw SQL."""
    from desk.catalog import CatalogRegistry, default_catalog_dir
    from desk.clock import SystemClock
    from desk.services import Desk
    from tests.helpers import seed_customers

    store = open_store(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    desk = Desk(store, CatalogRegistry.load_dir(default_catalog_dir()), SystemClock())
    seed_customers(desk)
    real_flush = type(store._writer()).flush

    def failing_flush(self: object, *args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("sqlalchemy.orm.Session.flush", failing_flush)
    with pytest.raises(StoreError, match="full"):
        desk.open_case("cust-L3", "t", "S3", "ticket")
    monkeypatch.setattr("sqlalchemy.orm.Session.flush", real_flush)
    store.close()
