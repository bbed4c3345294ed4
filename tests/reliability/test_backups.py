"""Backups: daily on the first open of a day, before every migration, keep N, restore backs up first."""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from desk.clock import FakeClock
from desk.store import backup
from desk.store.engine import StoreError, alembic_config, head_revision, open_store
from tests.helpers import T0
from tests.reliability.conftest import assert_nothing_lost, hashes, run_desk


def _open(db: Path, clock: FakeClock, **kwargs: object) -> None:
    open_store(f"sqlite:///{db}", clock=clock, **kwargs).close()  # type: ignore[arg-type]


def _reasons(folder: Path) -> list[str]:
    return [b.reason for b in backup.list_backups(Path("desk.sqlite"), folder)]


def test_daily_backup_on_the_first_open_of_each_day(tmp_path: Path) -> None:
    db, clock = tmp_path / "desk.sqlite", FakeClock(T0)
    _open(db, clock)  # created: nothing to back up yet
    assert _reasons(tmp_path / "backups") == []
    _open(db, clock)
    assert _reasons(tmp_path / "backups") == ["daily"]
    clock.advance(timedelta(hours=5))
    _open(db, clock)
    assert _reasons(tmp_path / "backups") == ["daily"]
    clock.advance(timedelta(days=1))
    _open(db, clock)
    assert _reasons(tmp_path / "backups") == ["daily", "daily"]
    for info in backup.list_backups(db, tmp_path / "backups"):
        assert backup.check_file(info.path) == "ok"


def test_keep_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db, clock = tmp_path / "desk.sqlite", FakeClock(T0)
    _open(db, clock)
    manual = backup.take(db, tmp_path / "backups", clock.now())
    monkeypatch.setenv("DESK_KEEP_BACKUPS", "3")
    days = []
    for _ in range(6):
        clock.advance(timedelta(days=1))
        days.append(clock.now().strftime("%Y%m%d"))
        _open(db, clock)
    kept = backup.list_backups(db, tmp_path / "backups")
    assert [b.taken_at[:8] for b in kept if b.reason == "daily"] == days[-3:]
    assert manual.exists()  # backups taken by hand are never pruned
    monkeypatch.setenv("DESK_KEEP_BACKUPS", "none")
    with pytest.raises(StoreError, match="DESK_KEEP_BACKUPS"):
        _open(db, clock)


def test_pruning_never_touches_another_databases_backups(tmp_path: Path) -> None:
    """desk.sqlite and desk-test.sqlite share a folder and so a backups folder."""
    clock = FakeClock(T0)
    main, other = tmp_path / "desk.sqlite", tmp_path / "desk-test.sqlite"
    _open(other, clock)
    _open(other, clock)
    other_backups = [b.path for b in backup.list_backups(other, tmp_path / "backups")]
    assert len(other_backups) == 1
    _open(main, clock)
    for _ in range(3):
        clock.advance(timedelta(days=1))
        _open(main, clock, keep_backups=1)
    assert all(p.exists() for p in other_backups)
    (kept,) = backup.list_backups(main, tmp_path / "backups")
    assert kept.path.name == f"desk-{clock.now():%Y%m%dT%H%M%SZ}-daily.sqlite"
    assert [b.path for b in backup.list_backups(other, tmp_path / "backups")] == other_backups


def _previous_revision() -> str:
    script = ScriptDirectory.from_config(alembic_config())
    down = script.get_revision(head_revision()).down_revision
    if not isinstance(down, str):
        pytest.skip("only one schema revision: no migration to back up before")
    return down


def test_backup_before_every_migration(tmp_path: Path) -> None:
    older = _previous_revision()
    db = tmp_path / "desk.sqlite"
    cfg = alembic_config()
    cfg.set_main_option("sqlalchemy.url", f"sqlite:///{db}")
    conn = sqlite3.connect(db)
    conn.close()
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, older)
    engine.dispose()
    before = db.read_bytes()
    _open(db, FakeClock(T0), daily_backup=False)
    (taken,) = backup.list_backups(db, tmp_path / "backups")
    assert taken.reason == f"before-migration-{older}"
    check = sqlite3.connect(taken.path)
    assert check.execute("select version_num from alembic_version").fetchone() == (older,)
    check.close()
    assert len(before) > 0


def test_migration_does_not_start_when_its_backup_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    older = _previous_revision()
    db = tmp_path / "desk.sqlite"
    from sqlalchemy import create_engine

    cfg = alembic_config()
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, older)
    engine.dispose()
    before = hashes(tmp_path)

    def no_room(*args: object, **kwargs: object) -> Path:
        raise backup.BackupError("cannot back up: database or disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    with pytest.raises(StoreError, match="upgrade was not started"):
        _open(db, FakeClock(T0))
    assert_nothing_lost(before, hashes(tmp_path))


def test_daily_backup_failure_warns_but_opens(
    made_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(*args: object, **kwargs: object) -> Path:
        raise backup.BackupError("cannot back up: database or disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    result = run_desk(capsys, made_db, "sla", now="2026-12-01T01:00:00Z")
    assert result.code == 0
    assert "warning: today's automatic backup was not taken" in result.err


def test_backup_to_an_impossible_place_is_a_message(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = made_db.parent / "no" / "such" / "folder" / "b.sqlite"
    result = run_desk(capsys, made_db, "backup", "--out", str(target))
    assert result.code == 1
    assert "Traceback" not in result.err and str(made_db) in result.err


def test_restore_backs_up_the_current_file_first(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = Path(run_desk(capsys, made_db, "backup").out.strip())
    assert run_desk(capsys, made_db, "case", "open", "CUST-00001", "after the backup", "--severity", "S3").code == 0
    current = run_desk(capsys, made_db, "export").out
    result = run_desk(capsys, made_db, "restore", str(taken))
    assert result.code == 0, result.err
    assert "after the backup" not in run_desk(capsys, made_db, "export").out
    safety = [b for b in backup.list_backups(made_db, made_db.parent / "backups") if b.reason == "before-restore"]
    assert len(safety) == 1
    # The safety backup holds exactly what was there before the restore.
    assert run_desk(capsys, safety[0].path, "--read-only", "export").out == current


def test_restore_refuses_when_the_safety_backup_fails(
    made_db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = Path(run_desk(capsys, made_db, "backup").out.strip())
    assert run_desk(capsys, made_db, "case", "open", "CUST-00001", "precious", "--severity", "S3").code == 0
    before = hashes(made_db.parent)

    def no_room(*args: object, **kwargs: object) -> Path:
        raise backup.BackupError("cannot back up: database or disk is full")

    monkeypatch.setattr(backup, "take", no_room)
    result = run_desk(capsys, made_db, "restore", str(taken))
    assert result.code == 1 and "full" in result.err
    assert_nothing_lost(before, hashes(made_db.parent))


def test_restore_over_a_damaged_file_keeps_it_and_its_wal(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    taken = Path(run_desk(capsys, made_db, "backup").out.strip())
    data = bytearray(made_db.read_bytes())
    data[4096 * 2 : 4096 * 2 + 500] = os.urandom(500)
    made_db.write_bytes(bytes(data))
    wal = Path(f"{made_db}-wal")
    wal.write_bytes(b"pretend WAL frames" * 100)
    damaged, wal_bytes = bytes(data), wal.read_bytes()
    result = run_desk(capsys, made_db, "restore", str(taken))
    assert result.code == 0, result.err
    aside = [b for b in backup.list_backups(made_db, made_db.parent / "backups") if "damaged" in b.reason]
    assert len(aside) == 1
    assert aside[0].path.read_bytes() == damaged
    assert Path(f"{aside[0].path}-wal").read_bytes() == wal_bytes
    assert run_desk(capsys, made_db, "check").code == 0


def test_restore_of_a_bad_backup_changes_nothing(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = made_db.parent / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + os.urandom(8000))
    before = hashes(made_db.parent)
    result = run_desk(capsys, made_db, "restore", str(bad))
    assert result.code == 1 and str(bad) in result.err and "Nothing was changed" in result.err
    assert_nothing_lost(before, hashes(made_db.parent))


def test_restore_refuses_while_another_desk_holds_the_file(made_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    taken = Path(run_desk(capsys, made_db, "backup").out.strip())
    before = hashes(made_db.parent)
    holder = sqlite3.connect(str(made_db))
    try:
        holder.execute("PRAGMA locking_mode=EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")  # another process mid-write: the file is locked, not damaged
        result = run_desk(capsys, made_db, "restore", str(taken))
    finally:
        holder.rollback()
        holder.close()
    assert result.code == 1 and "close the other desks" in result.err
    assert made_db.exists()
    assert_nothing_lost(before, hashes(made_db.parent))


def test_a_backup_copies_in_steps_while_a_writer_goes_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "desk.sqlite"
    _open(db, FakeClock(T0), daily_backup=False)
    writer = sqlite3.connect(db, isolation_level=None, timeout=0)  # fails at once if the copy blocked it
    writer.execute("CREATE TABLE notes (body TEXT)")
    writer.executemany("INSERT INTO notes VALUES (?)", [("x" * 500,)] * 200)
    monkeypatch.setattr(backup, "STEP_PAGES", 5)
    steps: list[tuple[int, int]] = []

    def write_between_steps(copied: int, total: int) -> None:
        steps.append((copied, total))
        writer.execute("INSERT INTO notes VALUES ('written during the copy')")

    taken = backup.take(db, tmp_path / "backups", FakeClock(T0).now(), reason="daily", progress=write_between_steps)
    writer.close()
    assert len(steps) > 3 and steps[-1][0] == steps[-1][1]
    assert [done for done, _ in steps] == sorted(done for done, _ in steps)  # never restarted
    copy = sqlite3.connect(taken)
    assert copy.execute("SELECT count(*) FROM notes").fetchone() == (200,)  # the file as the copy began
    copy.close()


def test_a_stopped_backup_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "desk.sqlite"
    _open(db, FakeClock(T0), daily_backup=False)
    monkeypatch.setattr(backup, "STEP_PAGES", 2)
    asked: list[int] = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(backup.BackupStopped):
        backup.daily(db, tmp_path / "backups", FakeClock(T0).now(), keep=3, stop=stop)
    assert list((tmp_path / "backups").iterdir()) == []


def test_opening_a_current_database_imports_no_migration_tooling(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = tmp_path / "desk.sqlite"
    _open(db, FakeClock(T0), daily_backup=False)
    probe = (
        "import sys; from desk.store.engine import open_store; "
        f"open_store('sqlite:///{db}', daily_backup=False).close(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'mako', 'pygments'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_head_revision_read_from_the_scripts_is_alembics() -> None:
    from desk.store.engine import known_revisions

    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
